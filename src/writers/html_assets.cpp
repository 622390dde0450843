// The HTML report's stylesheet and script, inlined into every page so that the file needs no
// network when it is opened. The page works without the script: filtering is CSS (radio
// buttons and :checked), so the script only adds sorting, copy buttons and opening every
// <details> for print.
#include "writers/html_parts.h"

namespace fd::writers::html {

const std::string_view kCss = R"CSS(
:root{--bad:#c62828;--bad-bg:#fde7e7;--ok:#2e7d32;--ok-bg:#e6f4e7;--unk:#a66300;--unk-bg:#fff3d6;
--ink:#1d2329;--mute:#5b6670;--line:#c9d1d9;--card:#fff;--page:#f4f6f8;--info:#1f5fa8}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI","DejaVu Sans",sans-serif;color:var(--ink);background:var(--page)}
code,pre,.m{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace}
main{max-width:1280px;margin:0 auto;padding:0 16px 48px}
a{color:var(--info)}
h2{margin:0 0 4px;font-size:20px}h3{margin:18px 0 8px;font-size:16px}h4{margin:0 0 6px;font-size:14px}
.banner{padding:18px 24px;color:#fff;background:var(--ok)}
.banner h1{margin:0;font-size:26px}.banner p{margin:4px 0 0}
.banner.v-blocked{background:var(--bad)}.banner.v-at-risk,.banner.v-inconclusive{background:var(--unk)}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 18px;margin:16px 0}
table{border-collapse:collapse}th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:#eef1f4}
.summary{width:100%}.summary th[data-k]{cursor:pointer;white-space:nowrap}
.summary th[aria-sort=ascending]::after{content:" ▲"}.summary th[aria-sort=descending]::after{content:" ▼"}
.num{text-align:right}
.verdict,.badge{display:inline-block;padding:0 7px;border-radius:10px;font-weight:600;white-space:nowrap}
.v-blocked .verdict,.verdict.v-blocked,.badge.s-blocker{background:var(--bad-bg);color:var(--bad)}
.v-at-risk .verdict,.verdict.v-at-risk,.v-inconclusive .verdict,.verdict.v-inconclusive,.badge.s-warning{background:var(--unk-bg);color:var(--unk)}
.v-ok .verdict,.verdict.v-ok{background:var(--ok-bg);color:var(--ok)}
.badge.s-info{background:#e3edf8;color:var(--info)}
.flt{position:absolute;opacity:0;pointer-events:none}
.filters{display:flex;flex-wrap:wrap;gap:6px;align-items:center;margin:0 0 10px}
.filters label{border:1px solid var(--line);border-radius:14px;padding:1px 10px;cursor:pointer;background:#fff}
.filters .sep{margin-left:14px;color:var(--mute)}
#fv-all:checked~main label[for=fv-all],#fv-blocked:checked~main label[for=fv-blocked],
#fv-at-risk:checked~main label[for=fv-at-risk],#fv-inconclusive:checked~main label[for=fv-inconclusive],
#fv-ok:checked~main label[for=fv-ok],#fs-all:checked~main label[for=fs-all],
#fs-blocker:checked~main label[for=fs-blocker],#fs-warning:checked~main label[for=fs-warning]{background:var(--ink);color:#fff}
.flt:focus-visible~main .filters{outline:2px solid var(--info)}
#fv-blocked:checked~main .tgt:not(.v-blocked),#fv-at-risk:checked~main .tgt:not(.v-at-risk),
#fv-inconclusive:checked~main .tgt:not(.v-inconclusive),#fv-ok:checked~main .tgt:not(.v-ok),
#fs-blocker:checked~main .tgt:not(.has-blocker),#fs-warning:checked~main .tgt:not(.has-warning){display:none}
.arn,.mute{color:var(--mute)}.arn{font-size:12px;word-break:break-all}
.matrix td{text-align:center;min-width:120px}.matrix a{text-decoration:none;color:inherit;display:block}
.c-ok{background:var(--ok-bg);color:var(--ok)}.c-bad{background:var(--bad-bg);color:var(--bad);font-weight:700}
.c-unk{background:var(--unk-bg);color:var(--unk)}.c-none{color:var(--mute)}
.finding{border-left:4px solid var(--line);padding:6px 12px;margin:10px 0;background:#fafbfc}
.finding.s-blocker{border-color:var(--bad)}.finding.s-warning{border-color:var(--unk)}.finding.s-info{border-color:var(--info)}
.finding p{margin:4px 0}.evidence{margin:4px 0;padding-left:20px}
pre{margin:4px 0;padding:8px 10px;background:#1d2329;color:#f4f6f8;border-radius:6px;white-space:pre-wrap;word-break:break-all}
.cmdbox{position:relative}.copy{position:absolute;right:6px;top:6px;font-size:12px}.copy+pre{padding-right:64px}
.path{margin:14px 0;padding:10px 12px;border:1px solid var(--line);border-radius:8px;background:#fff}
.path:target,.reach li:target,.path code:target{outline:3px solid var(--info)}
.card,.path{content-visibility:auto;contain-intrinsic-size:auto 480px}
.path figcaption{font-weight:600}.scroll{overflow-x:auto}
.decide{border:1px solid var(--bad);background:var(--bad-bg);border-radius:6px;padding:6px 10px;margin:6px 0}
.decide.unk{border-color:var(--unk);background:var(--unk-bg)}
.trace td.fail{font-weight:700;color:var(--bad)}.trace tr.fail{background:var(--bad-bg)}
svg{max-width:100%;height:auto;font-size:11px}
svg text{fill:var(--ink)}svg .k{font-weight:700}svg .m{font-family:ui-monospace,"DejaVu Sans Mono",monospace}svg .b{font-weight:700}
svg .hop rect{fill:#fff;stroke:var(--line);stroke-width:1.5}
svg .hop.ok rect{fill:var(--ok-bg);stroke:var(--ok)}svg .hop.unk rect{fill:var(--unk-bg);stroke:var(--unk)}
svg .hop.bad rect{fill:var(--bad-bg);stroke:var(--bad)}svg .hop.fail rect{stroke-width:4}
svg .hop.task rect{fill:#e3edf8;stroke:var(--info)}
svg .hop.culprit rect{fill:var(--bad-bg);stroke:var(--bad);stroke-width:4}svg .hop.culprit .s{fill:var(--bad)}
svg .hop.bad .s,svg .brk{fill:var(--bad);font-weight:700}svg .hop.ok .s{fill:var(--ok)}svg .hop.unk .s{fill:var(--unk)}
svg .arrow{fill:none;stroke:var(--mute);stroke-width:1.5}svg .head{fill:var(--mute)}
svg .frame{fill:#f7f9fb;stroke:var(--mute);stroke-dasharray:6 4}
svg .sn rect,svg .gw rect{fill:#fff;stroke:var(--line);stroke-width:1.5}svg .sn.task rect{stroke:var(--info)}
svg .sn.bad rect,svg .gw.bad rect{stroke:var(--bad);stroke-width:3;fill:var(--bad-bg)}
svg .az{fill:var(--mute);font-weight:700}
.remedy{border:1px solid var(--line);border-radius:8px;padding:8px 12px;margin:8px 0;background:#fff}
.remedy.chosen{border:2px solid var(--ok)}.remedy.no{color:var(--mute)}
.remedy ol{margin:4px 0;padding-left:22px}
details>summary{cursor:pointer}
@media print{body{background:#fff}.filters,.copy,.flt{display:none}.card,.path{break-inside:avoid}
.banner{-webkit-print-color-adjust:exact;print-color-adjust:exact}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
details::details-content{content-visibility:visible;display:block}}
)CSS";

const std::string_view kScript = R"JS(
(function () {
  "use strict";
  // Sortable summary: a click on a header orders the rows by that column's data-v values.
  document.querySelectorAll("table.summary").forEach(function (table) {
    var heads = table.querySelectorAll("th[data-k]");
    heads.forEach(function (th, col) {
      th.tabIndex = 0;
      function sort() {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
        var num = th.getAttribute("data-k") === "n";
        rows.sort(function (a, b) {
          var x = a.cells[col].getAttribute("data-v"), y = b.cells[col].getAttribute("data-v");
          var c = num ? Number(x) - Number(y) : (x < y ? -1 : x > y ? 1 : 0);
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter") sort(); });
    });
  });
  // A copy button on every command block.
  document.querySelectorAll("pre.cmd").forEach(function (pre) {
    var b = document.createElement("button");
    b.type = "button"; b.className = "copy"; b.textContent = "copy";
    b.addEventListener("click", function () {
      var text = pre.textContent;
      if (navigator.clipboard) {
        navigator.clipboard.writeText(text).then(function () { b.textContent = "copied"; },
          function () { b.textContent = "select and copy"; });
      }
    });
    pre.parentNode.insertBefore(b, pre);
  });
  // Print everything: open the collapsed blocks while printing.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (d) { d.open = true; opened.push(d); });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; }); opened = [];
  });
})();
)JS";

}  // namespace fd::writers::html

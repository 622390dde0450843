// The HTML page: banner, summary, one section per target, then what concerns no single target.
// Anchors are numbered in canonical order (t3 is the fourth target, t3-p5 its sixth dependency),
// so they are stable for a given report and never carry input text.
#include "writers/html_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <vector>

#include "writers/html_parts.h"
#include "writers/verdict_word.h"

namespace fd::writers {
namespace {

using html::Esc;
using report::Severity;
using report::Verdict;

std::string_view Symbol(Verdict v) {
  switch (v) {
    case Verdict::kBlocked:
      return "✗";
    case Verdict::kAtRisk:
      return "!";
    case Verdict::kInconclusive:
      return "?";
    case Verdict::kOk:
      return "✓";
  }
  return "?";
}

std::string_view Symbol(Severity s) {
  switch (s) {
    case Severity::kBlocker:
      return "✗";
    case Severity::kWarning:
      return "!";
    case Severity::kInfo:
      return "i";
  }
  return "i";
}

std::string Plural(size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

/// A command block: the script adds a copy button; without it the text selects as usual.
std::string Commands(const std::vector<std::string>& commands) {
  if (commands.empty()) return "";
  std::string out = "<div class=\"cmdbox\"><pre class=\"cmd\"><code>";
  for (size_t i = 0; i < commands.size(); ++i) out += (i ? "\n" : "") + Esc(commands[i]);
  return out + "</code></pre></div>";
}

/// One target's share of the report, found once and read by every part of its section.
struct TargetView {
  const report::Target& t;
  size_t index;
  std::vector<const report::Finding*> findings;  ///< blockers and warnings, blockers first
  bool has_blocker = false, has_warning = false;
  size_t not_reachable = 0;

  std::string Anchor() const { return fmt::format("t{}", index); }
  std::string PathAnchor(size_t dep) const { return fmt::format("t{}-p{}", index, dep); }
  /// The index of the dependency for (service, subnet): the worst of those that share it.
  std::optional<size_t> PathOf(std::string_view service, std::string_view subnet) const {
    std::optional<size_t> best;
    for (size_t i = 0; i < t.dependencies.size(); ++i) {
      const auto& d = t.dependencies[i];
      if (d.service != service || d.subnet != subnet) continue;
      if (!best || (t.dependencies[*best].reachable != false && d.reachable != true)) best = i;
    }
    return best;
  }
};

TargetView ViewOf(const report::Report& r, const report::Target& t, size_t index) {
  TargetView v{t, index, {}};
  for (const auto& f : r.findings) {
    if (!report::Owns(t, f) || f.severity == Severity::kInfo) continue;
    v.findings.push_back(&f);
    v.has_blocker = v.has_blocker || f.severity == Severity::kBlocker;
    v.has_warning = v.has_warning || f.severity == Severity::kWarning;
  }
  std::stable_sort(v.findings.begin(), v.findings.end(),
                   [](const auto* a, const auto* b) { return a->severity > b->severity; });
  for (const auto& d : t.dependencies) v.not_reachable += d.reachable != true;
  return v;
}

std::string RowClasses(const TargetView& v) {
  return fmt::format("tgt v-{}{}{}", report::ToString(v.t.verdict),
                     v.has_blocker ? " has-blocker" : "", v.has_warning ? " has-warning" : "");
}

// ---- banner and summary -------------------------------------------------------------------

void Banner(const report::Report& r, std::string& out) {
  size_t counts[3] = {0, 0, 0};
  for (const auto& f : r.findings) ++counts[static_cast<int>(f.severity)];
  out += fmt::format(
      "<header class=\"banner v-{}\"><h1>{} fargate-doctor: {}</h1><p>{}, {}, {}, "
      "{}.</p></header>\n",
      report::ToString(r.verdict), Symbol(r.verdict), VerdictWord(r.verdict),
      Plural(r.targets.size(), "target", "targets"), Plural(counts[2], "blocker", "blockers"),
      Plural(counts[1], "warning", "warnings"), Plural(counts[0], "info", "infos"));
}

/// The filter state: radio buttons before <main>, so that CSS `:checked ~ main` can hide rows
/// and sections with no script.
void FilterInputs(std::string& out) {
  for (std::string_view v : {"all", "blocked", "at-risk", "inconclusive", "ok"})
    out += fmt::format("<input type=\"radio\" class=\"flt\" name=\"fv\" id=\"fv-{}\"{}>", v,
                       v == "all" ? " checked" : "");
  for (std::string_view s : {"all", "blocker", "warning"})
    out += fmt::format("<input type=\"radio\" class=\"flt\" name=\"fs\" id=\"fs-{}\"{}>", s,
                       s == "all" ? " checked" : "");
  out += "\n";
}

void Summary(const std::vector<TargetView>& views, std::string& out) {
  out +=
      "<section class=\"card\" id=\"summary\"><h2>Targets</h2>\n<div "
      "class=\"filters\"><span>verdict:</span>";
  for (std::string_view v : {"all", "blocked", "at-risk", "inconclusive", "ok"})
    out += fmt::format("<label for=\"fv-{}\">{}</label>", v, v);
  out += "<span class=\"sep\">severity:</span>";
  for (std::string_view s : {"all", "blocker", "warning"})
    out += fmt::format("<label for=\"fs-{}\">{}</label>", s, s);
  out +=
      "</div>\n<table class=\"summary\"><thead><tr><th data-k=\"s\">kind</th><th "
      "data-k=\"s\">name</th>"
      "<th data-k=\"n\">verdict</th><th data-k=\"n\">blockers</th><th data-k=\"n\">warnings</th>"
      "<th data-k=\"n\">paths not reachable</th><th "
      "data-k=\"s\">findings</th></tr></thead><tbody>\n";
  // Worst first: that is the order a reader works in; the script sorts otherwise.
  std::vector<const TargetView*> rows;
  for (const auto& v : views) rows.push_back(&v);
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto* a, const auto* b) { return a->t.verdict > b->t.verdict; });
  for (const TargetView* v : rows) {
    size_t blockers = 0;
    std::vector<std::string> codes;
    for (const auto* f : v->findings) {
      blockers += f->severity == Severity::kBlocker;
      if (std::find(codes.begin(), codes.end(), f->code) == codes.end()) codes.push_back(f->code);
    }
    const std::string code_text = fmt::format("{}", fmt::join(codes, " "));
    out += fmt::format(
        "<tr class=\"{}\"><td data-v=\"{}\">{}</td><td data-v=\"{}\"><a href=\"#{}\">{}</a></td>"
        "<td data-v=\"{}\"><span class=\"verdict\">{} {}</span></td><td class=\"num\" "
        "data-v=\"{}\">{}</td>"
        "<td class=\"num\" data-v=\"{}\">{}</td><td class=\"num\" data-v=\"{}\">{} of {}</td><td "
        "data-v=\"{}\">{}</td></tr>\n",
        RowClasses(*v), Esc(v->t.kind), Esc(v->t.kind), Esc(v->t.name), v->Anchor(), Esc(v->t.name),
        static_cast<int>(v->t.verdict), Symbol(v->t.verdict), VerdictWord(v->t.verdict), blockers,
        blockers, v->findings.size() - blockers, v->findings.size() - blockers, v->not_reachable,
        v->not_reachable, v->t.dependencies.size(), Esc(code_text), Esc(code_text));
  }
  if (rows.empty()) out += "<tr><td colspan=\"7\">no targets in the input</td></tr>\n";
  out += "</tbody></table></section>\n";
}

// ---- one target ---------------------------------------------------------------------------

std::string LaunchText(const report::Launch& l) {
  return fmt::format(
      "platform {}; subnets {}; security groups {}; public IP {}",
      l.platform_version.empty() ? "(default)" : l.platform_version,
      l.subnets.empty() ? "(none)" : fmt::format("{}", fmt::join(l.subnets, ", ")),
      l.security_groups.empty() ? "(none)" : fmt::format("{}", fmt::join(l.security_groups, ", ")),
      l.assign_public_ip ? "ENABLED" : "DISABLED");
}

/// Subnets × destinations; with `links`, each cell links to the path it summarises.
void Matrix(const TargetView& v, bool links, std::string& out) {
  const auto& t = v.t;
  std::vector<std::string> subnets = t.launch.subnets, services;
  for (const auto& d : t.dependencies) {
    if (std::find(subnets.begin(), subnets.end(), d.subnet.str()) == subnets.end())
      subnets.push_back(d.subnet);
    if (std::find(services.begin(), services.end(), d.service.str()) == services.end())
      services.push_back(d.service);
  }
  out += "<table class=\"matrix\"><thead><tr><th>destination</th>";
  for (const auto& s : subnets) out += "<th><code>" + Esc(s) + "</code></th>";
  out += "</tr></thead><tbody>";
  for (const auto& svc : services) {
    out += "<tr><th><code>" + Esc(svc) + "</code></th>";
    for (const auto& sn : subnets) {
      const auto i = v.PathOf(svc, sn);
      if (!i) {
        out += "<td class=\"c-none\">–</td>";
        continue;
      }
      const auto& r = t.dependencies[*i].reachable;
      const std::string cell = fmt::format("{} {}", html::ReachSymbol(r), html::ReachWord(r));
      out +=
          fmt::format("<td class=\"c-{}\">{}</td>", html::ReachClass(r),
                      links ? fmt::format("<a href=\"#{}\">{}</a>", v.PathAnchor(*i), cell) : cell);
    }
    out += "</tr>";
  }
  out += "</tbody></table>\n";
}

void Finding(const TargetView* v, const report::Finding& f, std::string& out) {
  const std::string sev(report::ToString(f.severity));
  out += fmt::format(
      "<article class=\"finding s-{}\"><h4><span class=\"badge s-{}\">{} {}</span> <code>{}</code> "
      "{}</h4>",
      sev, sev, Symbol(f.severity), sev, Esc(f.code), Esc(f.slug));
  out += fmt::format("<p>{}</p>", Esc(f.message));
  if (!f.resource.empty()) out += fmt::format("<p>resource: <code>{}</code></p>", Esc(f.resource));
  if (!f.subnets.empty())
    out += fmt::format("<p>only in: <code>{}</code></p>",
                       Esc(fmt::format("{}", fmt::join(f.subnets, ", "))));
  if (!f.evidence.empty()) {
    out += "<ul class=\"evidence\">";
    for (const auto& e : f.evidence)
      out += fmt::format(
          "<li>{}{}</li>",
          e.resource.empty() ? "" : "<code>" + Esc(e.resource) + "</code>: ", Esc(e.claim));
    out += "</ul>";
  }
  if (!f.fix.summary.empty()) out += fmt::format("<p>fix: {}</p>", Esc(f.fix.summary));
  out += Commands(f.fix.edits.empty() ? f.fix.commands : f.fix.edits);  // a template's fix is its edit
  if (v != nullptr && !f.paths.empty()) {
    std::vector<std::string> links;
    for (const auto& p : f.paths)
      if (auto i = v->PathOf(p.service, p.subnet))
        links.push_back(fmt::format("<a href=\"#{}\">{} from {}</a>", v->PathAnchor(*i),
                                    Esc(p.service), Esc(p.subnet)));
    if (!links.empty()) out += fmt::format("<p>paths: {}</p>", fmt::join(links, ", "));
  }
  out += "</article>\n";
}

/// The trace as a table (every step, the deciding one marked): what the drawing summarises.
void TraceTable(const report::Dependency& d, std::string& out) {
  const report::TraceStep* deciding = DecidingStep(d);
  out +=
      "<table "
      "class=\"trace\"><thead><tr><th>#</th><th>hop</th><th>resource</th><th>step</th><th>action</"
      "th><th>detail</th></tr></thead><tbody>";
  size_t n = 0;
  for (const auto& s : d.trace) {
    const bool fail = &s == deciding;
    out += fmt::format(
        "<tr{}><td>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td><td{}>{}{}</td><td>{}</"
        "td></tr>",
        fail ? " class=\"fail\"" : "", ++n, Esc(s.hop), Esc(s.resource), Esc(s.step),
        fail ? " class=\"fail\"" : "", fail ? "✗ " : "", report::ToString(s.action), Esc(s.detail));
  }
  if (d.trace.empty()) out += "<tr><td colspan=\"6\">(no trace)</td></tr>";
  out += "</tbody></table>";
}

/// What a drawing of `hops` shows for a path to `d.service`: paths with the same key (the same
/// service from subnets that share their ACL and route table) look the same.
std::string DrawingKey(const report::Dependency& d, const std::vector<Hop>& hops) {
  std::string key = fmt::format("{}\x1f{}", d.service.str(), html::ReachWord(d.reachable));
  for (const Hop& h : hops)
    key += fmt::format("\x1f{}\x1e{}\x1e{}\x1e{}", h.kind, h.resource, report::ToString(h.action),
                       h.failing);
  return key;
}

/// A blocked or undecided path: the drawing, the hop that decides with its rule and the
/// evidence of the findings on this path, and the full trace; `same` are the paths (from other
/// subnets) that cross the same hops with the same decisions.
void PathFigure(const TargetView& v, size_t i, const std::vector<Hop>& hops,
                const std::vector<size_t>& same, std::string& out) {
  const auto& d = v.t.dependencies[i];
  out += fmt::format(
      "<figure class=\"path {}\" id=\"{}\"><figcaption>{} <code>{}</code> from <code>{}</code>: "
      "{}{}</figcaption>",
      html::ReachClass(d.reachable), v.PathAnchor(i), html::ReachSymbol(d.reachable),
      Esc(d.service), Esc(d.subnet), html::ReachWord(d.reachable),
      d.needed_because.empty() ? "" : " — needed for " + Esc(d.needed_because));
  if (!same.empty()) {
    std::vector<std::string> names;
    for (size_t j : same)
      names.push_back(fmt::format("<code id=\"{}\">{}</code>", v.PathAnchor(j),
                                  Esc(v.t.dependencies[j].subnet)));
    out += fmt::format(
        "<p class=\"mute\">The same hops decide it from {} (their traces: <code>--format "
        "json</code>).</p>",
        fmt::join(names, ", "));
  }
  for (const auto& s : d.trace)
    if (s.step == "name resolution")
      out += fmt::format("<p class=\"mute\">DNS: {}</p>", Esc(s.detail));
  // The resources the findings on this path say to change, drawn as such on their hop.
  std::map<std::string, std::string> culprits;
  for (const auto* f : v.findings)
    if (std::find(f->paths.begin(), f->paths.end(), report::PathRef{d.service, d.subnet}) !=
        f->paths.end()) {
      std::string& codes = culprits[f->resource];
      if (codes.find(f->code) == std::string::npos) codes += (codes.empty() ? "" : ", ") + f->code;
    }
  out += "<div class=\"scroll\">" + html::HopDiagramSvg(d, hops, culprits) + "</div>";
  for (const auto& h : hops) {
    if (!h.failing) continue;
    const report::TraceStep* s = DecidingStep(d);
    out += fmt::format("<div class=\"decide {}\"><b>{} at {} <code>{}</code></b> ({}: {}): {}",
                       html::ReachClass(d.reachable),
                       d.reachable.has_value() ? "Breaks" : "Undecided", Esc(h.kind),
                       Esc(h.resource), Esc(s->step), report::ToString(s->action), Esc(s->detail));
    std::vector<std::string> evidence;
    for (const auto* f : v.findings)
      if (std::find(f->paths.begin(), f->paths.end(), report::PathRef{d.service, d.subnet}) !=
          f->paths.end())
        for (const auto& e : f->evidence)
          evidence.push_back(fmt::format(
              "<li><code>{}</code> {}{}</li>", Esc(f->code),
              e.resource.empty() ? "" : "<code>" + Esc(e.resource) + "</code>: ", Esc(e.claim)));
    if (!evidence.empty())
      out += fmt::format("<ul class=\"evidence\">{}</ul>", fmt::join(evidence, ""));
    out += "</div>";
  }
  out += fmt::format("<details><summary>all {} steps</summary>", d.trace.size());
  TraceTable(d, out);
  out += "</details></figure>\n";
}

/// Blocked or undecided paths that look the same drawn once: the first, with the others
/// named under it (their anchors on their names, so every matrix cell still lands on its path).
void PathFigures(const TargetView& v, std::string& out) {
  std::vector<size_t> order;                        // first path of each drawing, in order
  std::map<std::string, std::vector<size_t>> same;  // drawing key -> its paths
  std::map<size_t, std::vector<Hop>> hops;
  for (size_t i = 0; i < v.t.dependencies.size(); ++i) {
    const auto& d = v.t.dependencies[i];
    if (d.reachable == true) continue;
    auto h = HopsOf(d);
    auto& members = same[DrawingKey(d, h)];
    if (members.empty()) {
      order.push_back(i);
      hops.emplace(i, std::move(h));
    }
    members.push_back(i);
  }
  for (size_t i : order) {
    const auto& members = same[DrawingKey(v.t.dependencies[i], hops[i])];
    PathFigure(v, i, hops[i], std::vector<size_t>(members.begin() + 1, members.end()), out);
  }
}

void Remedies(const report::Target& t, std::string& out) {
  if (t.remedies.empty()) return;
  out +=
      "<h3>To unblock</h3><p class=\"mute\">Every change of each alternative; the chosen one "
      "(fewest changes) first.</p>";
  std::vector<const report::Remedy*> order;
  for (const auto& r : t.remedies) order.push_back(&r);
  std::stable_sort(order.begin(), order.end(),
                   [](const auto* a, const auto* b) { return a->fewest > b->fewest; });
  for (const auto* r : order) {
    if (!r->feasible) {
      out += fmt::format("<div class=\"remedy no\"><h4>✗ {}: not possible</h4><p>{}</p></div>",
                         Esc(r->name), Esc(r->reason));
      continue;
    }
    out += fmt::format("<div class=\"remedy{}\"><h4>{}{}: {}</h4><ol>", r->fewest ? " chosen" : "",
                       r->fewest ? "★ chosen: " : "", Esc(r->name),
                       Plural(r->changes.size(), "change", "changes"));
    for (const auto& c : r->changes)
      out += fmt::format("<li>{}{}{}</li>", Esc(c.summary),
                         c.billable ? " <span class=\"mute\">(billed by the hour)</span>" : "",
                         Commands(c.edits.empty() ? c.commands : c.edits));
    out += "</ol></div>\n";
  }
}

/// What the map outlines for a target: the resources its findings name and those that decide
/// its paths that are not reachable.
std::set<std::string> BrokenIds(const TargetView& v) {
  std::set<std::string> ids;
  auto add = [&](std::string_view text) {  // a step's resource may list several: "sg-1, sg-2"
    size_t b = 0;
    while (b < text.size()) {
      size_t e = text.find_first_of(", ", b);
      if (e == std::string_view::npos) e = text.size();
      if (e > b) ids.emplace(text.substr(b, e - b));
      b = e + 1;
    }
  };
  for (const auto* f : v.findings) {
    add(f->resource);
    if (f->severity == Severity::kBlocker)
      for (const auto& e : f->evidence) add(e.resource);
  }
  for (const auto& d : v.t.dependencies)
    if (const report::TraceStep* s = DecidingStep(d)) {
      add(s->resource.str());
      // An endpoint's or a NAT gateway's own check (its security group, its state) is
      // drawn on the gateway, which is what the map shows.
      const std::string& hop = s->hop.str();
      for (std::string_view prefix : {"vpce-", "nat-", "igw-", "eigw-"})
        if (hop.rfind(prefix, 0) == 0) add(hop);
    }
  return ids;
}

void VpcMaps(const report::Report& r, const TargetView& v, std::string& out) {
  const std::set<std::string> broken = BrokenIds(v);
  for (const auto& vpc : r.vpcs) {
    const bool mine =
        std::any_of(vpc.subnets.begin(), vpc.subnets.end(), [&](const report::MapSubnet& s) {
          return std::find(v.t.launch.subnets.begin(), v.t.launch.subnets.end(), s.id) !=
                 v.t.launch.subnets.end();
        });
    if (mine)
      out +=
          "<h3>VPC map</h3><div class=\"scroll\">" + html::VpcMapSvg(vpc, v.t, broken) + "</div>\n";
  }
}

void TargetSection(const report::Report& r, const TargetView& v, std::string& out) {
  const auto& t = v.t;
  out += fmt::format(
      "<section class=\"card {}\" id=\"{}\"><h2><span class=\"verdict\">{} {}</span> {} "
      "<code>{}</code></h2>",
      RowClasses(v), v.Anchor(), Symbol(t.verdict), VerdictWord(t.verdict), Esc(t.kind), Esc(t.name));
  if (!t.arn.empty() && t.arn != t.name) out += fmt::format("<p class=\"arn\">{}</p>", Esc(t.arn));
  out += fmt::format("<p>launch: {}</p>\n", Esc(LaunchText(t.launch)));
  if (t.verdict == Verdict::kOk) {
    // Healthy: summarised, so a whole account's report stays small (the JSON has every trace).
    out += fmt::format(
        "<p class=\"mute\">{} reachable; no blockers or warnings. Traces: <code>--format "
        "json</code>.</p></section>\n",
        Plural(t.dependencies.size(), "path", "paths"));
    return;
  }
  if (!t.dependencies.empty()) {
    out +=
        "<h3>Dependencies</h3><p class=\"mute\">✓ reachable, ✗ blocked, ? undecided; a cell links "
        "to its path.</p>";
    Matrix(v, true, out);
  }
  VpcMaps(r, v, out);
  if (!v.findings.empty()) out += "<h3>Findings</h3>\n";
  for (const auto* f : v.findings) Finding(&v, *f, out);
  if (v.not_reachable > 0) out += "<h3>Paths that do not get through</h3>\n";
  PathFigures(v, out);
  if (v.not_reachable < t.dependencies.size()) {
    // Paths that work are one line each (a whole account has tens of thousands); their
    // traces are in the JSON report.
    out += fmt::format(
        "<details><summary>{} (traces: <code>--format json</code>)</summary><ul class=\"reach\">",
        Plural(t.dependencies.size() - v.not_reachable, "reachable path", "reachable paths"));
    for (size_t i = 0; i < t.dependencies.size(); ++i) {
      const auto& d = t.dependencies[i];
      if (d.reachable != true) continue;
      out += fmt::format("<li id=\"{}\">✓ <code>{}</code> from <code>{}</code>{}</li>",
                         v.PathAnchor(i), Esc(d.service), Esc(d.subnet),
                         d.via.empty() ? "" : " via <code>" + Esc(d.via) + "</code>");
    }
    out += "</ul></details>\n";
  }
  Remedies(t, out);
  out += "</section>\n";
}

// ---- the rest -------------------------------------------------------------------------------

void Rest(const report::Report& r, std::string& out) {
  std::vector<const report::Finding*> orphans, infos;
  for (const auto& f : r.findings) {
    const bool owned = std::any_of(r.targets.begin(), r.targets.end(),
                                   [&](const auto& t) { return report::Owns(t, f); });
    if (f.severity == Severity::kInfo)
      infos.push_back(&f);
    else if (!owned)
      orphans.push_back(&f);
  }
  if (!orphans.empty()) {
    out += "<section class=\"card\"><h2>Other findings</h2>\n";
    for (const auto* f : orphans) Finding(nullptr, *f, out);
    out += "</section>\n";
  }
  if (!infos.empty()) {
    out += fmt::format("<section class=\"card\"><details><summary><b>{}</b></summary>\n",
                       Plural(infos.size(), "info finding", "info findings"));
    for (const auto* f : infos) Finding(nullptr, *f, out);
    out += "</details></section>\n";
  }
  if (!r.unchecked.empty()) {
    out +=
        "<section class=\"card\"><h2>Not "
        "checked</h2><table><thead><tr><th>check</th><th>reason</th></tr></thead><tbody>";
    for (const auto& u : r.unchecked)
      out +=
          fmt::format("<tr><td><code>{}</code></td><td>{}</td></tr>", Esc(u.check), Esc(u.reason));
    out += "</tbody></table></section>\n";
  }
  if (!r.input_notes.empty()) {
    out += fmt::format(
        "<section "
        "class=\"card\"><details><summary><b>{}</b></summary><table><thead><tr><th>file</"
        "th><th>pointer</th><th>note</th></tr></thead><tbody>",
        Plural(r.input_notes.size(), "input note", "input notes"));
    for (const auto& n : r.input_notes)
      out += fmt::format("<tr><td><code>{}</code></td><td><code>{}</code></td><td>{}</td></tr>",
                         Esc(n.file), Esc(n.pointer), Esc(n.note));
    out += "</tbody></table></details></section>\n";
  }
}

}  // namespace

std::string RenderHtml(report::Report r) {
  report::Canonicalize(r);
  std::vector<TargetView> views;
  views.reserve(r.targets.size());
  for (size_t i = 0; i < r.targets.size(); ++i) views.push_back(ViewOf(r, r.targets[i], i));

  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      // No fetch of any kind: the page is complete as it is.
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">";
  out += fmt::format("<title>fargate-doctor: {}</title><style>{}</style></head>\n<body>\n",
                     VerdictWord(r.verdict), html::kCss);
  Banner(r, out);
  FilterInputs(out);
  out += "<main>\n";
  Summary(views, out);
  for (const auto& v : views) TargetSection(r, v, out);
  Rest(r, out);
  out += "</main>\n<script>" + std::string(html::kScript) + "</script>\n</body></html>\n";
  return out;
}

}  // namespace fd::writers

#include "writers/text_writer.h"
#include "util/strings.h"
#include "writers/scopes.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <string_view>
#include <vector>

namespace fd::writers {
namespace {

using report::Dependency;
using report::Finding;
using report::Report;
using report::Severity;
using report::Target;
using report::Verdict;
using Detail = TextOptions::Detail;

constexpr size_t kMaxPathsDrawn = 2;
constexpr size_t kMaxNotes = 10;
/// A space that Wrapped never breaks at (written out as a plain space).
constexpr char kGlue = '\x01';

constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kRed = "\x1b[31m";
constexpr std::string_view kGreen = "\x1b[32m";
constexpr std::string_view kYellow = "\x1b[33m";
constexpr std::string_view kBlue = "\x1b[34m";
constexpr std::string_view kMagenta = "\x1b[35m";

/// Display columns of UTF-8 text (code points; the symbols we draw are all one column wide).
size_t Columns(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string PadRight(std::string_view s, size_t columns) {
  std::string out(s);
  size_t have = Columns(s);
  if (have < columns) out.append(columns - have, ' ');
  return out;
}

using util::Upper;

std::string Plural(size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

class Renderer {
 public:
  Renderer(const Report& report, const TextOptions& options) : r_(report), o_(options) {}

  std::string Render() {
    if (ManyScopes(r_)) return RenderScopes();
    RenderTargets();
    if (o_.detail == Detail::kQuiet) {
      if (r_.targets.empty()) Summary();
      return std::move(out_);
    }
    RenderUnchecked();
    RenderNotes();
    Line("");
    Summary();
    return std::move(out_);
  }

 private:
  /// The targets, their findings, matrices and remedies: what a scope of many shows.
  void RenderTargets() {
    if (o_.detail == Detail::kQuiet) {
      for (const auto& t : r_.targets) Line(VerdictLine(t));
      return;
    }
    if (r_.targets.empty()) Line("no targets in the input");
    for (const auto& t : r_.targets) {
      Line(VerdictLine(t));
      Wrapped(LaunchText(t.launch), "  launch: ", "    ");
    }
    RenderFindings();
    for (const auto& t : r_.targets) {
      RenderMatrix(t);
      RenderRemedies(t);
    }
  }

  /// Targets of many accounts or Regions: the counts first, then each account and Region as a
  /// report of its own, then what the whole report shares (coverage, notes, the summary line).
  std::string RenderScopes() {
    const Scopes s = GroupByScope(r_);
    Wrapped(fmt::format("{} in {} and {}: {}", Plural(s.total.targets, "target"),
                        Plural(s.accounts, "account"), Plural(s.regions, "Region"), VerdictCounts(s.total)),
            "", "  ");
    Wrapped(fmt::format("findings by code: {}", CodeCounts(s)), "", "  ");
    Line("by account and Region:");
    for (const Scope& scope : s.scopes)
      Wrapped(fmt::format("{}: {} ({}); {}", ScopeName(scope), Plural(scope.counts.targets, "target"),
                          VerdictCounts(scope.counts), SeverityCounts(scope.counts)),
              "  ", "    ");
    for (const Scope& scope : s.scopes) {
      Line("");
      Line(fmt::format("== {} ==", ScopeName(scope)));
      const Report part = ScopeReport(scope);
      Renderer sub(part, o_);
      sub.RenderTargets();
      out_ += sub.out_;
    }
    if (!s.orphans.empty() && o_.detail != Detail::kQuiet) {
      Line("");
      Line("findings of no target in the report:");
      for (const Finding* f : s.orphans) RenderFinding(*f);
    }
    if (o_.detail == Detail::kQuiet) return std::move(out_);
    RenderUnchecked();
    RenderNotes();
    Line("");
    Summary();
    return std::move(out_);
  }

  // --- styling ---------------------------------------------------------------------------

  std::string Paint(std::string_view text, std::string_view code) const {
    if (!o_.color || text.empty()) return std::string(text);
    return fmt::format("{}{}{}", code, text, kReset);
  }
  std::string Paint(std::string_view text, std::string_view code1, std::string_view code2) const {
    if (!o_.color || text.empty()) return std::string(text);
    return fmt::format("{}{}{}{}", code1, code2, text, kReset);
  }

  static std::string_view SeverityColor(Severity s) {
    switch (s) {
      case Severity::kBlocker:
        return kRed;
      case Severity::kWarning:
        return kYellow;
      case Severity::kInfo:
        return kBlue;
    }
    return kBlue;
  }

  static std::string_view VerdictColor(Verdict v) {
    switch (v) {
      case Verdict::kBlocked:
        return kRed;
      case Verdict::kAtRisk:
        return kYellow;
      case Verdict::kInconclusive:
        return kMagenta;
      case Verdict::kOk:
        return kGreen;
    }
    return kGreen;
  }

  std::string VerdictWord(Verdict v) const {
    return Paint(Upper(report::ToString(v)), kBold, VerdictColor(v));
  }

  // --- output helpers --------------------------------------------------------------------

  void Line(std::string_view s) {
    out_.append(s);
    out_.push_back('\n');
  }

  /// A fix's or change's steps: a template's edits as they are to be pasted, else the commands.
  void Steps(const std::vector<std::string>& commands, const std::vector<std::string>& edits, std::string_view indent) {
    if (edits.empty()) {
      for (const auto& c : commands) Line(fmt::format("{}$ {}", indent, c));
      return;
    }
    for (const auto& e : edits) {
      size_t start = 0;
      for (size_t nl = e.find('\n'); ; nl = e.find('\n', start)) {
        Line(fmt::format("{}{}", indent, std::string_view(e).substr(start, nl == std::string::npos ? nl : nl - start)));
        if (nl == std::string::npos) break;
        start = nl + 1;
      }
    }
  }

  /// Word-wraps `text` (plain, uncoloured) to the width: `first` starts the first line and
  /// `rest` the others. A word longer than a line stays whole.
  void Wrapped(std::string_view text, std::string_view first, std::string_view rest) {
    if (o_.width <= 0) {
      std::string line = fmt::format("{}{}", first, text);
      std::replace(line.begin(), line.end(), kGlue, ' ');
      Line(line);
      return;
    }
    const size_t width = static_cast<size_t>(o_.width);
    std::string line(first);
    size_t col = Columns(first);
    bool line_has_word = false;
    size_t pos = 0;
    while (pos < text.size()) {
      size_t end = text.find(' ', pos);
      if (end == std::string_view::npos) end = text.size();
      std::string_view word = text.substr(pos, end - pos);
      pos = end + 1;
      if (word.empty()) continue;
      size_t w = Columns(word);
      if (line_has_word && col + 1 + w > width) {
        Line(line);
        line.assign(rest);
        col = Columns(rest);
        line_has_word = false;
      }
      if (line_has_word) {
        line.push_back(' ');
        ++col;
      }
      size_t start = line.size();
      line.append(word);
      std::replace(line.begin() + static_cast<std::ptrdiff_t>(start), line.end(), kGlue, ' ');
      col += w;
      line_has_word = true;
    }
    Line(line);
  }

  /// Colours the first `plain` written at or after byte `from` (text is wrapped uncoloured,
  /// so widths are right, and painted afterwards).
  void Recolor(size_t from, std::string_view plain, const std::string& painted) {
    if (!o_.color) return;
    size_t at = out_.find(plain, from);
    if (at != std::string::npos) out_.replace(at, plain.size(), painted);
  }

  // --- targets ---------------------------------------------------------------------------

  static std::string TargetName(const Target& t) { return fmt::format("{} {}", t.kind, t.name); }

  std::string VerdictLine(const Target& t) const {
    std::string who = TargetName(t);
    if (!t.arn.empty() && t.arn != t.name) who += fmt::format(" ({})", t.arn);
    return fmt::format("{}: {}", who, VerdictWord(t.verdict));
  }

  static std::string JoinOr(const std::vector<std::string>& v, std::string_view none) {
    return v.empty() ? std::string(none) : fmt::format("{}", fmt::join(v, ", "));
  }

  /// The launch as one line; kGlue keeps "public IP ENABLED" and "platform 1.4.0" whole when
  /// the line wraps.
  static std::string LaunchText(const report::Launch& l) {
    auto glued = [](std::string s) {
      std::replace(s.begin(), s.end(), ' ', kGlue);
      return s;
    };
    return fmt::format(
        "{}; {}; {}; {}",
        glued("platform " + (l.platform_version.empty() ? "unspecified" : l.platform_version)),
        glued("subnets " + (l.subnets.empty() ? "none" : l.subnets.front())) +
            (l.subnets.size() > 1 ? ", " + JoinOr({l.subnets.begin() + 1, l.subnets.end()}, "")
                                  : ""),
        glued("security groups " +
              (l.security_groups.empty() ? "none (VPC default)" : l.security_groups.front())) +
            (l.security_groups.size() > 1
                 ? ", " + JoinOr({l.security_groups.begin() + 1, l.security_groups.end()}, "")
                 : ""),
        glued(l.assign_public_ip ? "public IP ENABLED" : "public IP DISABLED"));
  }

  const Target* FindTarget(const std::string& key) const {
    for (const auto& t : r_.targets)
      if (t.arn == key || (t.arn.empty() && t.name == key)) return &t;
    return nullptr;
  }

  // --- findings --------------------------------------------------------------------------

  void RenderFindings() {
    std::vector<const Finding*> order;
    for (const auto& f : r_.findings) order.push_back(&f);
    // Worst first; within a severity, the canonical order (code, target, resource).
    std::stable_sort(order.begin(), order.end(),
                     [](const Finding* a, const Finding* b) { return a->severity > b->severity; });
    Line("");
    if (order.empty()) {
      Line("no findings");
      return;
    }
    for (size_t i = 0; i < order.size(); ++i) {
      if (i > 0) Line("");
      RenderFinding(*order[i]);
    }
  }

  void RenderFinding(const Finding& f) {
    // The header is coloured as a whole prefix, so wrap the plain text and paint after.
    std::string sev(report::ToString(f.severity));
    std::string head_plain = fmt::format("{} {} {}: ", sev, f.code, f.slug);
    std::string head = fmt::format("{} {} {}: ", Paint(sev, kBold, SeverityColor(f.severity)),
                                   Paint(f.code, kBold), f.slug);
    size_t before = out_.size();
    Wrapped(f.message, head_plain, "  ");
    out_.replace(before, head_plain.size(), head);

    const Target* target = FindTarget(f.target);
    std::string where = fmt::format("  resource: {}", f.resource.empty() ? "-" : f.resource);
    where += fmt::format("   target: {}", target ? TargetName(*target) : f.target);
    Line(where);
    if (f.location) Wrapped(report::ToString(*f.location), "  declared at: ", "    ");
    if (!f.subnets.empty())
      Wrapped(fmt::format("{}", fmt::join(f.subnets, ", ")), "  only in: ", "    ");

    if (!f.evidence.empty()) {
      Line("  evidence:");
      size_t w = 0;
      for (const auto& e : f.evidence) w = std::max(w, Columns(e.resource));
      // Long resource names (ARNs) would leave the claim a sliver of a column: then each
      // resource gets its own line and its claim wraps below it.
      const bool stacked = o_.width > 0 && 4 + w + 2 + 40 > static_cast<size_t>(o_.width);
      for (const auto& e : f.evidence) {
        if (stacked) {
          Line(fmt::format("    {}", e.resource));
          Wrapped(e.claim, "      ", "      ");
          continue;
        }
        std::string lead = fmt::format("    {}  ", PadRight(e.resource, w));
        Wrapped(e.claim, lead, std::string(Columns(lead), ' '));
      }
    }

    const bool all = o_.detail == Detail::kVerbose;
    size_t drawn = 0;
    for (const auto& p : f.paths) {
      if (!all && drawn == kMaxPathsDrawn) break;
      const Dependency* d = target ? FindDependency(*target, p) : nullptr;
      if (d != nullptr) {
        RenderTrace(*d, "  ");
      } else {
        Line(fmt::format("  trace {} from {}: not in the report", p.service, p.subnet));
      }
      ++drawn;
    }
    if (drawn < f.paths.size()) {
      Line(fmt::format("  +{} more {} (--verbose draws all)", f.paths.size() - drawn,
                       f.paths.size() - drawn == 1 ? "path" : "paths"));
    }

    if (!f.fix.summary.empty())
      Wrapped(f.fix.summary, "  fix: ", "    ");
    else if (!f.fix.commands.empty() || !f.fix.edits.empty())
      Line("  fix:");
    Steps(f.fix.commands, f.fix.edits, "    ");
  }

  static const Dependency* FindDependency(const Target& t, const report::PathRef& p) {
    for (const auto& d : t.dependencies)
      if (d.service == p.service && d.subnet == p.subnet) return &d;
    return nullptr;
  }

  static std::string_view OutcomeWord(const Dependency& d) {
    if (!d.reachable.has_value()) return "undecided";
    return *d.reachable ? "reachable" : "blocked";
  }

  std::string_view OutcomeColor(const Dependency& d) const {
    if (!d.reachable.has_value()) return kYellow;
    return *d.reachable ? kGreen : kRed;
  }

  /// The action word, padded to `width` outside the colour so columns stay aligned.
  std::string ActionWord(report::StepAction a, size_t width) const {
    std::string_view word = report::ToString(a);
    std::string padding(width > Columns(word) ? width - Columns(word) : 0, ' ');
    switch (a) {
      case report::StepAction::kDenied:
      case report::StepAction::kNoRoute:
        return Paint(word, kRed) + padding;
      case report::StepAction::kUnknown:
        return Paint(word, kYellow) + padding;
      default:
        return std::string(word) + padding;
    }
  }

  /// "trace <service> from <subnet>: <outcome>, needed for <why>" and one aligned row per step.
  void RenderTrace(const Dependency& d, std::string_view indent) {
    // "trace <service> from <subnet>: <outcome>" stays on the first line when the rest wraps.
    const std::string_view word = OutcomeWord(d);
    std::string head = fmt::format("trace {} from {}: {}", d.service, d.subnet, word);
    std::replace(head.begin(), head.end(), ' ', kGlue);
    if (d.reachable == true && !d.via.empty()) head += fmt::format(" via {}", d.via);
    if (!d.needed_because.empty()) head += fmt::format(", needed for {}", d.needed_because);
    const size_t before = out_.size();
    Wrapped(head, indent, std::string(indent) + "    ");
    Recolor(before, fmt::format("{}: {}", d.subnet, word),
            fmt::format("{}: {}", d.subnet, Paint(word, OutcomeColor(d))));
    std::string row_indent = std::string(indent) + "  ";
    if (d.trace.empty()) {
      Line(row_indent + "(no steps recorded)");
      return;
    }
    size_t wh = 0, wr = 0, ws = 0, wa = 0;
    for (const auto& s : d.trace) {
      wh = std::max(wh, Columns(s.hop));
      wr = std::max(wr, Columns(s.resource));
      ws = std::max(ws, Columns(s.step));
      wa = std::max(wa, Columns(report::ToString(s.action)));
    }
    // The detail follows the aligned columns when it fits; otherwise it wraps under its own
    // column, or (when the columns leave too little room) on indented lines below the row.
    const size_t detail_col = Columns(row_indent) + wh + 2 + wr + 2 + ws + 2 + wa + 2;
    const size_t width = o_.width > 0 ? static_cast<size_t>(o_.width) : 0;
    for (const auto& s : d.trace) {
      std::string cols = fmt::format("{}{}  {}  {}  ", row_indent, PadRight(s.hop, wh),
                                     PadRight(s.resource, wr), PadRight(s.step, ws));
      const std::string action = ActionWord(s.action, s.detail.empty() ? 0 : wa);
      if (s.detail.empty()) {
        Line(cols + action);
        continue;
      }
      const bool fits = width == 0 || detail_col + Columns(s.detail) <= width;
      if (fits || detail_col + 30 <= width) {
        const size_t before = out_.size();
        const std::string plain_action = PadRight(report::ToString(s.action), wa);
        Wrapped(s.detail, cols + plain_action + "  ", std::string(detail_col, ' '));
        // Paint the action word in place (the wrap measured the plain text).
        out_.replace(before + cols.size(), plain_action.size(), action);
      } else {
        Line(cols + ActionWord(s.action, 0));  // the detail goes below: no trailing padding
        Wrapped(s.detail, std::string(Columns(row_indent) + 4, ' '),
                std::string(Columns(row_indent) + 4, ' '));
      }
    }
  }

  // --- matrix ----------------------------------------------------------------------------

  void RenderMatrix(const Target& t) {
    if (t.dependencies.empty()) return;
    std::vector<std::string> subnets = t.launch.subnets;
    std::vector<std::string> services;
    for (const auto& d : t.dependencies) {
      if (std::find(subnets.begin(), subnets.end(), d.subnet) == subnets.end())
        subnets.push_back(d.subnet);
      if (std::find(services.begin(), services.end(), d.service) == services.end())
        services.push_back(d.service);
    }
    Line("");
    std::string legend = "(✓ reachable, ✗ blocked, ? undecided):";
    std::replace(legend.begin(), legend.end(), ' ', kGlue);
    Wrapped(fmt::format("dependencies of {} {}", TargetName(t), legend), "", "  ");
    size_t ws = 0;
    for (const auto& s : services) ws = std::max(ws, Columns(s));
    std::vector<size_t> wc;
    std::string header = "  " + std::string(ws, ' ');
    for (const auto& s : subnets) {
      wc.push_back(std::max<size_t>(Columns(s), 1));
      header += "  " + s;
    }
    Line(header);
    for (const auto& svc : services) {
      std::string row = "  " + PadRight(svc, ws);
      for (size_t i = 0; i < subnets.size(); ++i) {
        // Several dependencies may share a (service, subnet): any blocked one blocks.
        bool any = false, blocked = false, undecided = false;
        for (const auto& d : t.dependencies) {
          if (d.service != svc || d.subnet != subnets[i]) continue;
          any = true;
          if (!d.reachable.has_value())
            undecided = true;
          else if (!*d.reachable)
            blocked = true;
        }
        std::string cell = !any ? "-" : blocked ? "✗" : undecided ? "?" : "✓";
        std::string padding(wc[i] - 1, ' ');
        std::string painted = !any        ? cell
                              : blocked   ? Paint(cell, kRed)
                              : undecided ? Paint(cell, kYellow)
                                          : Paint(cell, kGreen);
        row += "  " + painted + (i + 1 < subnets.size() ? padding : "");
      }
      Line(row);
    }
    if (o_.detail == Detail::kVerbose) {
      for (const auto& d : t.dependencies) RenderTrace(d, "  ");
    }
  }

  // --- remedies --------------------------------------------------------------------------

  /// "to unblock …": every change of each alternative, the one with the fewest marked.
  void RenderRemedies(const Target& t) {
    if (t.remedies.empty()) return;
    Line("");
    Wrapped(fmt::format("to unblock {}, every change of each alternative:", TargetName(t)), "", "  ");
    char letter = 'A';
    for (const auto& r : t.remedies) {
      std::string head = fmt::format("{}. {}: ", letter++, r.name);
      if (!r.feasible) {
        Wrapped(fmt::format("{}not possible: {}", head, r.reason), "  ", "    ");
        continue;
      }
      size_t billable = 0;
      for (const auto& c : r.changes) billable += c.billable ? 1 : 0;
      head += Plural(r.changes.size(), "change");
      if (billable) head += fmt::format(", {} billed by the hour", billable);
      if (r.fewest) head += " (fewest)";
      Wrapped(head, "  ", "    ");
      size_t n = 1;
      for (const auto& c : r.changes) {
        Wrapped(c.summary, fmt::format("    {}. ", n++), "       ");
        Steps(c.commands, c.edits, "       ");
      }
    }
  }

  // --- coverage, notes, summary ----------------------------------------------------------

  void RenderUnchecked() {
    if (r_.unchecked.empty()) return;
    Line("");
    Line("unchecked:");
    size_t w = 0;
    for (const auto& u : r_.unchecked) w = std::max(w, Columns(u.check));
    for (const auto& u : r_.unchecked) {
      std::string lead = fmt::format("  {}  ", PadRight(u.check, w));
      Wrapped(u.reason, lead, std::string(Columns(lead), ' '));
    }
  }

  void RenderNotes() {
    if (r_.input_notes.empty()) return;
    Line("");
    Line("notes:");
    const size_t shown = o_.detail == Detail::kVerbose ? r_.input_notes.size()
                                                       : std::min(kMaxNotes, r_.input_notes.size());
    for (size_t i = 0; i < shown; ++i) {
      const auto& n = r_.input_notes[i];
      std::string where = n.file.empty() ? "(input)" : n.file;
      if (!n.pointer.empty()) where += " " + n.pointer;
      Wrapped(n.note, fmt::format("  {}: ", where), "    ");
    }
    if (shown < r_.input_notes.size()) {
      Line(fmt::format("  +{} more {} (--format json lists all)", r_.input_notes.size() - shown,
                       r_.input_notes.size() - shown == 1 ? "note" : "notes"));
    }
  }

  void Summary() {
    size_t counts[3] = {0, 0, 0};
    for (const auto& f : r_.findings) ++counts[static_cast<size_t>(f.severity)];
    const std::string verdict = Upper(report::ToString(r_.verdict));
    std::string s = fmt::format("{}, {}, {} in {}: {}",
                                Plural(counts[static_cast<size_t>(Severity::kBlocker)], "blocker"),
                                Plural(counts[static_cast<size_t>(Severity::kWarning)], "warning"),
                                Plural(counts[static_cast<size_t>(Severity::kInfo)], "info"),
                                Plural(r_.targets.size(), "target"), verdict);
    std::vector<std::string_view> codes;
    for (const auto& u : r_.unchecked)
      if (std::find(codes.begin(), codes.end(), u.check) == codes.end()) codes.push_back(u.check);
    if (!codes.empty()) s += fmt::format(" ({} could not run)", Plural(codes.size(), "check"));
    const size_t before = out_.size();
    Wrapped(s, "", "  ");
    Recolor(before, verdict, VerdictWord(r_.verdict));
  }

  const Report& r_;
  const TextOptions& o_;
  std::string out_;
};

}  // namespace

std::string RenderText(report::Report r, const TextOptions& options) {
  report::Canonicalize(r);
  return Renderer(r, options).Render();
}

}  // namespace fd::writers

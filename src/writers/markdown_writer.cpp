#include "writers/markdown_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>
#include <vector>

#include "writers/mermaid.h"
#include "writers/scopes.h"
#include "writers/verdict_word.h"

namespace fd::writers {
namespace {

using report::Severity;

constexpr size_t kMaxTraces = 6;  ///< blocked-dependency traces drawn per target

/// Text for a table cell or an HTML summary: one line, pipes escaped, no raw HTML.
std::string Cell(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '|': out += "\\|"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '\n': case '\r': out += ' '; break;
      default: out += c;
    }
  }
  return out;
}

/// Inline code for a table cell; the backtick fence is longer than any run in the text.
std::string Code(std::string_view s) {
  if (s.empty()) return "";
  size_t run = 0, longest = 0;
  for (char c : s) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  std::string fence(longest + 1, '`');
  std::string body;
  for (char c : s) {
    if (c == '|') body += "\\|";
    else if (c == '\n' || c == '\r') body += ' ';
    else body += c;
  }
  const char* pad = (body.front() == '`' || body.back() == '`') ? " " : "";
  return fmt::format("{}{}{}{}{}", fence, pad, body, pad, fence);
}

/// A fenced block whose fence is longer than any backtick run in the content.
std::string Fence(std::string_view info, const std::vector<std::string>& lines) {
  size_t longest = 0;
  for (const auto& l : lines) {
    size_t run = 0;
    for (char c : l) {
      run = c == '`' ? run + 1 : 0;
      longest = std::max(longest, run);
    }
  }
  std::string fence(std::max<size_t>(3, longest + 1), '`');
  std::string out = fmt::format("{}{}\n", fence, info);
  for (const auto& l : lines) out += l + "\n";
  return out + fence + "\n";
}

std::string_view Reach(const report::Dependency& d) {
  if (!d.reachable) return "undecided";
  return *d.reachable ? "reachable" : "blocked";
}

std::string Plural(size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

bool Belongs(const report::Finding& f, const report::Target& t) { return report::Owns(t, f); }

/// The info string of a fence of edits: what GitHub highlights them as.
std::string_view EditsInfo(const report::Report& r) { return r.edits_language == "terraform" ? "hcl" : "yaml"; }

void RenderFinding(const report::Report& r, const report::Finding& f, std::string& out) {
  out += fmt::format("\n**{} {}** on {}: {}\n", Cell(f.code), Cell(f.slug), Code(f.resource),
                     Cell(f.message));
  if (f.location) out += fmt::format("\nDeclared at {}.\n", Code(report::ToString(*f.location)));
  if (!f.subnets.empty()) {
    std::vector<std::string> codes;
    for (const auto& s : f.subnets) codes.push_back(Code(s));
    out += fmt::format("\nOnly in {}.\n", fmt::join(codes, ", "));
  }
  if (!f.evidence.empty()) {
    out += "\n";
    for (const auto& e : f.evidence)
      out += fmt::format("- {}{}\n", e.resource.empty() ? "" : Code(e.resource) + ": ",
                         Cell(e.claim));
  }
  if (!f.fix.summary.empty()) out += fmt::format("\nFix: {}\n", Cell(f.fix.summary));
  // A template's fix is its edit; the CLI commands stay in the JSON.
  if (!f.fix.edits.empty()) out += "\n" + Fence(EditsInfo(r), f.fix.edits);
  else if (!f.fix.commands.empty()) out += "\n" + Fence("sh", f.fix.commands);
}

/// A blocked path: first the picture (a Mermaid flowchart, the deciding hop red), then the
/// trace as a table for readers whose viewer does not draw Mermaid.
void RenderTrace(const report::Dependency& d, const std::vector<const report::Finding*>& findings,
                 std::string& out) {
  std::vector<std::string> culprits;  // what the findings on this path say to change
  for (const auto* f : findings)
    for (const auto& p : f->paths)
      if (p.service == d.service.str() && p.subnet == d.subnet.str()) culprits.push_back(f->resource);
  out += "\n" + Fence("mermaid", MermaidFlowchart(d, culprits));
  out += fmt::format("\n<details>\n<summary>{} from {}: {}{}</summary>\n\n", Cell(d.service),
                     Cell(d.subnet), Reach(d),
                     d.needed_because.empty() ? "" : " — needed for " + Cell(d.needed_because));
  out += "| # | hop | resource | step | action | detail |\n|---|---|---|---|---|---|\n";
  int n = 0;
  for (const auto& s : d.trace) {
    out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", ++n, Cell(s.hop), Code(s.resource),
                       Cell(s.step), report::ToString(s.action), Cell(s.detail));
  }
  if (d.trace.empty()) out += "| | (no trace) | | | | |\n";
  out += "\n</details>\n";
}

/// `level`: the heading's "###" (one scope) or "####" (under its account and Region).
void RenderTarget(const report::Report& r, const report::Target& t, std::string& out,
                  std::string_view level = "###") {
  out += fmt::format("\n{} {} {}: {}\n", level, Cell(t.kind), Code(t.name), VerdictWord(t.verdict));
  if (!t.arn.empty() && t.arn != t.name) out += fmt::format("\n{}\n", Code(t.arn));

  std::vector<const report::Finding*> serious;
  for (const auto& f : r.findings)
    if (Belongs(f, t) && f.severity != Severity::kInfo) serious.push_back(&f);
  std::stable_sort(serious.begin(), serious.end(), [](const auto* a, const auto* b) {
    return a->severity > b->severity;
  });

  if (serious.empty()) {
    out += "\nNo blockers or warnings.\n";
  } else {
    out += "\n| severity | code | resource | message |\n|---|---|---|---|\n";
    for (const auto* f : serious) {
      out += fmt::format("| {} | {} | {} | {} |\n", report::ToString(f->severity), Cell(f->code),
                         Code(f->resource), Cell(f->message));
    }
    for (const auto* f : serious) RenderFinding(r, *f, out);
  }

  // A comment must stay readable (and under GitHub's 65536-character limit): the first
  // kMaxTraces blocked dependencies are drawn, the rest are counted (the JSON has them all).
  size_t blocked = 0;
  for (const auto& d : t.dependencies) {
    if (!d.reachable.has_value() || *d.reachable) continue;
    if (++blocked <= kMaxTraces) RenderTrace(d, serious, out);
  }
  if (blocked > kMaxTraces) {
    out += fmt::format("\n+{} more blocked {} (`--format json` lists every trace)\n",
                       blocked - kMaxTraces, blocked - kMaxTraces == 1 ? "dependency" : "dependencies");
  }

  // Every change of each alternative; the one with the fewest is open.
  if (!t.remedies.empty()) out += "\n**To unblock**, every change of each alternative:\n";
  for (const auto& rem : t.remedies) {
    if (!rem.feasible) {
      out += fmt::format("\n- {}: not possible: {}\n", Cell(rem.name), Cell(rem.reason));
      continue;
    }
    out += fmt::format("\n<details{}>\n<summary>{}: {} change{}{}</summary>\n\n", rem.fewest ? " open" : "",
                       Cell(rem.name), rem.changes.size(), rem.changes.size() == 1 ? "" : "s",
                       rem.fewest ? " (fewest)" : "");
    size_t n = 1;
    for (const auto& c : rem.changes) {
      out += fmt::format("{}. {}\n", n++, Cell(c.summary));
      const std::vector<std::string>& lines = c.edits.empty() ? c.commands : c.edits;
      if (!lines.empty()) {
        out += c.edits.empty() ? "   ```\n" : "   ```" + std::string(EditsInfo(r)) + "\n";
        for (const auto& text : lines) {
          out += "   ";
          // An edit's lines stay inside the list item; a command is written as it always was.
          for (char ch : text) out += ch == '\n' && !c.edits.empty() ? std::string("\n   ") : std::string(1, ch);
          out += "\n";
        }
        out += "   ```\n";
      }
    }
    out += "\n</details>\n";
  }
}

/// Targets of many accounts or Regions: a table of the counts by account and Region, then each
/// account and Region under its own heading.
void RenderScopes(const report::Report& r, std::string& out) {
  const Scopes s = GroupByScope(r);
  out += fmt::format("\n{} in {} and {}: {}. Findings by code: {}.\n", Plural(s.total.targets, "target", "targets"),
                     Plural(s.accounts, "account", "accounts"), Plural(s.regions, "Region", "Regions"),
                     VerdictCounts(s.total), CodeCounts(s));
  out += "\n| account | Region | targets | verdicts | findings |\n|---|---|---|---|---|\n";
  for (const Scope& scope : s.scopes)
    out += fmt::format("| {} | {} | {} | {} | {} |\n", Code(scope.account), Code(scope.region),
                       scope.counts.targets, VerdictCounts(scope.counts), SeverityCounts(scope.counts));
  for (const Scope& scope : s.scopes) {
    out += fmt::format("\n### {}\n", Cell(ScopeName(scope)));
    const report::Report part = ScopeReport(scope);
    for (const auto& t : part.targets) RenderTarget(part, t, out, "####");
  }
}

}  // namespace

std::string RenderMarkdown(report::Report r) {
  report::Canonicalize(r);

  size_t counts[3] = {0, 0, 0};
  for (const auto& f : r.findings) ++counts[static_cast<int>(f.severity)];
  std::string out = fmt::format("## fargate-doctor: {}\n\n{}, {}, {}, {}.\n", VerdictWord(r.verdict),
                                Plural(r.targets.size(), "target", "targets"),
                                Plural(counts[2], "blocker", "blockers"),
                                Plural(counts[1], "warning", "warnings"),
                                Plural(counts[0], "info", "infos"));

  if (ManyScopes(r)) {
    RenderScopes(r, out);
  } else {
    for (const auto& t : r.targets) RenderTarget(r, t, out);
  }

  // Findings whose target is not in the report (should not happen) still appear.
  std::vector<const report::Finding*> orphans, infos;
  for (const auto& f : r.findings) {
    bool owned = false;
    for (const auto& t : r.targets) owned = owned || Belongs(f, t);
    if (!owned && f.severity != Severity::kInfo) orphans.push_back(&f);
    if (f.severity == Severity::kInfo) infos.push_back(&f);
  }
  if (!orphans.empty()) {
    out += "\n### Other findings\n";
    for (const auto* f : orphans) RenderFinding(r, *f, out);
  }
  if (!infos.empty()) {
    out += "\n### Info\n\n| code | target | resource | message |\n|---|---|---|---|\n";
    for (const auto* f : infos) {
      out += fmt::format("| {} | {} | {} | {} |\n", Cell(f->code), Code(f->target),
                         Code(f->resource), Cell(f->message));
    }
  }
  if (!r.unchecked.empty()) {
    out += "\n### Not checked\n\n| check | reason |\n|---|---|\n";
    for (const auto& u : r.unchecked)
      out += fmt::format("| {} | {} |\n", Cell(u.check), Cell(u.reason));
  }
  if (!r.input_notes.empty()) {
    out += "\n<details>\n<summary>" + Plural(r.input_notes.size(), "input note", "input notes") +
           "</summary>\n\n| file | pointer | note |\n|---|---|---|\n";
    for (const auto& n : r.input_notes)
      out += fmt::format("| {} | {} | {} |\n", Code(n.file), Code(n.pointer), Cell(n.note));
    out += "\n</details>\n";
  }
  return out;
}

}  // namespace fd::writers

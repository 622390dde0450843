#include "writers/mermaid.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <string_view>

#include "writers/hops.h"

namespace fd::writers {
namespace {

bool Safe(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view(" .,:/_+=@*-()").find(static_cast<char>(c)) != std::string_view::npos;
}

/// Label text: safe ASCII as is, every other code point as Mermaid's `#<decimal>;` (a byte
/// that is not valid UTF-8 as U+FFFD), newlines as spaces.
std::string Label(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\n' || c == '\r' || c == '\t') {
      out += ' ';
      ++i;
      continue;
    }
    if (Safe(c)) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    const int len = c < 0x80           ? 1
                    : (c >> 5) == 0x6  ? 2
                    : (c >> 4) == 0xE  ? 3
                    : (c >> 3) == 0x1E ? 4
                                       : 0;
    std::uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    bool ok = len > 0 && i + static_cast<size_t>(len) <= s.size();
    for (int k = 1; ok && k < len; ++k) {
      const unsigned char cc = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
      ok = (cc & 0xC0) == 0x80;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (!ok || cp == 0) cp = 0xFFFD;
    out += fmt::format("#{};", cp);
    i += ok ? static_cast<size_t>(len) : 1;
  }
  return out;
}

std::string Node(size_t i, std::string_view kind, std::string_view resource,
                 std::string_view status) {
  return fmt::format("  n{}[\"{}<br/>{}<br/>{}\"]", i, Label(kind), Label(resource), Label(status));
}

}  // namespace

std::vector<std::string> MermaidFlowchart(const report::Dependency& d,
                                          const std::vector<std::string>& culprits) {
  const std::vector<Hop> hops = HopsOf(d);
  std::vector<std::string> lines = {"flowchart LR", Node(0, "task ENI", d.subnet, "start")};
  std::string failed, undecided, culprit, ok;
  size_t i = 1;
  for (const Hop& h : hops) {
    lines.push_back(Node(i, h.kind, h.resource,
                         fmt::format("{} {}", ActionSymbol(h.action), report::ToString(h.action))));
    const bool bad =
        h.action == report::StepAction::kDenied || h.action == report::StepAction::kNoRoute;
    const bool named = std::find(culprits.begin(), culprits.end(), h.resource) != culprits.end();
    std::string& cls = h.failing                                  ? (bad ? failed : undecided)
                       : named                                    ? culprit
                       : h.action == report::StepAction::kUnknown ? undecided
                                                                  : ok;
    cls += fmt::format("{}n{}", cls.empty() ? "" : ",", i);
    ++i;
  }
  const std::string_view reach = !d.reachable   ? "? undecided"
                                 : *d.reachable ? "✓ reachable"
                                                : "✗ blocked";
  lines.push_back(Node(i, "destination", d.service, reach));
  for (size_t k = 0; k < i; ++k) lines.push_back(fmt::format("  n{} --> n{}", k, k + 1));
  lines.push_back("  classDef failed fill:#fde7e7,stroke:#c62828,stroke-width:3px,color:#8e0000");
  lines.push_back("  classDef undecided fill:#fff3d6,stroke:#a66300,stroke-width:2px");
  lines.push_back(
      "  classDef culprit fill:#fde7e7,stroke:#c62828,stroke-width:3px,stroke-dasharray:5 3");
  lines.push_back("  classDef ok fill:#e6f4e7,stroke:#2e7d32");
  if (!failed.empty()) lines.push_back("  class " + failed + " failed");
  if (!undecided.empty()) lines.push_back("  class " + undecided + " undecided");
  if (!culprit.empty()) lines.push_back("  class " + culprit + " culprit");
  if (!ok.empty()) lines.push_back("  class " + ok + " ok");
  return lines;
}

}  // namespace fd::writers

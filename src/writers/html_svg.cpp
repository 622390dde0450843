// The drawings of the HTML report, as inline SVG whose layout is computed here on a fixed grid
// (no layout engine, no script, no font metrics): the same report gives the same bytes. Colours
// come from the page's stylesheet through classes, and every state also has a symbol, so the
// drawings read in grey print and for colour-blind readers.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string>

#include "writers/html_parts.h"

namespace fd::writers::html {
namespace {

using report::StepAction;

std::string_view ActionClass(StepAction a) {
  switch (a) {
    case StepAction::kPermitted:
      return "ok";
    case StepAction::kForwarded:
      return "ok";
    case StepAction::kUnknown:
      return "unk";
    case StepAction::kNoRoute:
      return "bad";
    case StepAction::kDenied:
      return "bad";
  }
  return "unk";
}

// ---- hop diagram geometry -----------------------------------------------------------------
constexpr int kBoxW = 180, kBoxH = 78, kGap = 30, kPerRow = 6, kRowGap = 46, kMargin = 8;
constexpr size_t kBoxChars = 26;  ///< monospace characters that fit a box at 11px

struct Box {
  std::string cls, kind, resource, status, title;
  bool failing = false;
  std::string culprit;  ///< the codes of the findings that name this box's resource
};

void DrawBox(const Box& b, int x, int y, std::string& out) {
  out += fmt::format("<g class=\"hop {}{}{}\"><title>{}</title>", b.cls, b.failing ? " fail" : "",
                     b.culprit.empty() ? "" : " culprit", Esc(b.title));
  out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\"/>", x, y, kBoxW,
                     kBoxH);
  out += fmt::format("<text x=\"{}\" y=\"{}\" class=\"k\">{}</text>", x + 8, y + 18,
                     Esc(Clip(b.kind, kBoxChars)));
  out += fmt::format("<text x=\"{}\" y=\"{}\" class=\"m\">{}</text>", x + 8, y + 38,
                     Esc(Clip(b.resource, kBoxChars)));
  out += fmt::format("<text x=\"{}\" y=\"{}\" class=\"s\">{}</text>", x + 8, y + 60, Esc(b.status));
  out += "</g>";
  if (b.failing || !b.culprit.empty()) {
    const std::string label = b.failing && !b.culprit.empty() ? "✗ breaks here · " + b.culprit
                              : b.failing                     ? std::string("✗ breaks here")
                                          : "✗ " + b.culprit + ": change this";
    out += fmt::format("<text x=\"{}\" y=\"{}\" class=\"brk\">{}</text>", x + 8, y + kBoxH + 16,
                       Esc(Clip(label, kBoxChars + 4)));
  }
}

/// An arrow from the right edge of one box to the left edge of the next, or, between rows,
/// down from the last box of a row and along to the first box of the next.
void DrawArrow(int i, std::string& out) {
  const int row = i / kPerRow, col = i % kPerRow;
  const int y = kMargin + row * (kBoxH + kRowGap) + kBoxH / 2;
  if (col + 1 < kPerRow) {
    const int x1 = kMargin + col * (kBoxW + kGap) + kBoxW, x2 = x1 + kGap - 2;
    out += fmt::format(
        "<path class=\"arrow\" d=\"M{} {}H{}\"/><path class=\"head\" d=\"M{} {}l-7 -4v8z\"/>", x1,
        y, x2 - 6, x2, y);
    return;
  }
  const int x1 = kMargin + col * (kBoxW + kGap) + kBoxW / 2, ybot = y + kBoxH / 2;
  const int ymid = ybot + kRowGap / 2 + 4, x2 = kMargin + kBoxW / 2;
  const int y2 = kMargin + (row + 1) * (kBoxH + kRowGap) - 2;
  out += fmt::format(
      "<path class=\"arrow\" d=\"M{} {}V{}H{}V{}\"/><path class=\"head\" d=\"M{} {}l-4 -7h8z\"/>",
      x1, ybot, ymid, x2, y2 - 6, x2, y2);
}

std::string StatusOf(StepAction a) {
  return fmt::format("{} {}", ActionSymbol(a), report::ToString(a));
}

}  // namespace

std::string_view ReachSymbol(const std::optional<bool>& r) { return !r ? "?" : *r ? "✓" : "✗"; }
std::string_view ReachClass(const std::optional<bool>& r) { return !r ? "unk" : *r ? "ok" : "bad"; }
std::string_view ReachWord(const std::optional<bool>& r) {
  return !r ? "undecided" : *r ? "reachable" : "blocked";
}

std::string HopDiagramSvg(const report::Dependency& d, const std::vector<Hop>& hops,
                          const std::map<std::string, std::string>& culprits) {
  std::vector<Box> boxes;
  boxes.push_back(
      {"task", "task ENI", d.subnet, "start", "the task's network interface in " + d.subnet});
  for (const Hop& h : hops) {
    // The steps' details are in the trace table under the drawing; the tooltip names the box.
    std::string title = h.kind + " " + h.resource + " (" + h.where + ")";
    auto c = culprits.find(h.resource);
    boxes.push_back({std::string(ActionClass(h.action)), h.kind, h.resource, StatusOf(h.action),
                     std::move(title), h.failing, c == culprits.end() ? "" : c->second});
  }
  const std::string dest_kind =
      d.service.str().rfind("registry:", 0) == 0 ? "registry" : "AWS service";
  boxes.push_back({std::string(ReachClass(d.reachable)), dest_kind, d.service,
                   fmt::format("{} {}", ReachSymbol(d.reachable), ReachWord(d.reachable)),
                   d.service.str() + (d.via.empty() ? "" : " via " + d.via.str())});

  const int n = static_cast<int>(boxes.size());
  const int cols = std::min(n, kPerRow), rows = (n + kPerRow - 1) / kPerRow;
  const int w = 2 * kMargin + cols * kBoxW + (cols - 1) * kGap;
  const int h = 2 * kMargin + rows * kBoxH + (rows - 1) * kRowGap + 20;
  std::string out = fmt::format(
      "<svg class=\"hops\" viewBox=\"0 0 {} {}\" width=\"{}\" role=\"img\" aria-label=\"{} from "
      "{}: {}\">",
      w, h, w, Esc(d.service), Esc(d.subnet), ReachWord(d.reachable));
  for (int i = 0; i < n; ++i) {
    const int x = kMargin + (i % kPerRow) * (kBoxW + kGap);
    const int y = kMargin + (i / kPerRow) * (kBoxH + kRowGap);
    if (i + 1 < n) DrawArrow(i, out);
    DrawBox(boxes[static_cast<size_t>(i)], x, y, out);
  }
  return out + "</svg>";
}

}  // namespace fd::writers::html

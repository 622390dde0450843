// The VPC map of one target: Availability Zones as columns of subnet boxes inside the VPC's
// frame, the gateways without a subnet (internet gateways, gateway endpoints, regional NAT
// gateways) in a column at its edge. Each subnet box lists what decides its traffic: its
// network ACL, its route table and that table's routes other than local, and the NAT gateways
// and endpoints that sit in it. Positions are computed on a fixed grid, so the bytes depend on
// the report alone.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string>

#include "writers/html_parts.h"

namespace fd::writers::html {
namespace {

constexpr int kColW = 290, kColGap = 16, kLine = 17, kPad = 10, kEdgeW = 290;
constexpr size_t kChars = 39;        ///< monospace characters that fit a subnet box at 11px
constexpr size_t kMaxRoutes = 4;     ///< routes listed per subnet (the JSON has them all)
constexpr size_t kMaxEndpoints = 5;  ///< endpoints listed per subnet

struct Line {
  std::string text;
  bool broken = false;
  bool bold = false;
};

/// "com.amazonaws.eu-west-3.ecr.dkr" → "ecr.dkr": the Region is the VPC's.
std::string ShortService(const std::string& name) {
  if (name.rfind("com.amazonaws.", 0) != 0) return name;
  const size_t dot = name.find('.', 14);
  return dot == std::string::npos ? name : name.substr(dot + 1);
}

std::string GatewayText(const report::MapGateway& g) {
  std::string what = g.kind == "endpoint" ? ShortService(g.detail)
                     : g.kind == "nat"
                         ? "NAT gateway" + (g.detail == "private" ? std::string(", private") : "")
                     : g.kind == "eigw" ? "egress-only internet gateway"
                                        : "internet gateway";
  return fmt::format("{} {}{}", g.id, what,
                     g.state.empty() || g.state == "available" ? "" : " (" + g.state + ")");
}

bool Broken(const std::set<std::string>& broken, const std::string& id) {
  return !id.empty() && broken.count(id) > 0;
}

/// The lines of one subnet box.
std::vector<Line> SubnetLines(const report::MapSubnet& s, const report::VpcMap& vpc, bool task,
                              const std::set<std::string>& broken) {
  std::vector<const report::MapGateway*> inside;
  for (const auto& g : vpc.gateways)
    if (std::find(g.subnets.begin(), g.subnets.end(), s.id) != g.subnets.end())
      inside.push_back(&g);
  std::string role = task ? "task" : "";
  for (const auto* g : inside)
    if (g->kind == "nat" && role.find("NAT") == std::string::npos)
      role += role.empty() ? "NAT" : " · NAT";
  if (role.empty()) role = "endpoints";

  std::vector<Line> lines;
  lines.push_back({s.id + " · " + role, Broken(broken, s.id), true});
  lines.push_back({(s.cidr.empty() ? "IPv6 only" : s.cidr) + " · " +
                       (s.network_acl.empty() ? "no ACL" : s.network_acl),
                   Broken(broken, s.network_acl)});
  const report::MapRouteTable* rt = nullptr;
  for (const auto& t : vpc.route_tables)
    if (t.id == s.route_table) rt = &t;
  if (rt == nullptr) {
    lines.push_back({"no route table in the snapshot", true});
  } else {
    lines.push_back({rt->id + (rt->main ? " (main)" : ""), Broken(broken, rt->id)});
    size_t shown = 0, more = 0;
    for (const auto& r : rt->routes) {
      if (r.target == "local") continue;
      if (shown == kMaxRoutes) {
        ++more;
        continue;
      }
      ++shown;
      lines.push_back(
          {"  " + r.destination + " → " + r.target + (r.blackhole ? " ✗ blackhole" : ""),
           r.blackhole || Broken(broken, r.target)});
    }
    if (more > 0) lines.push_back({fmt::format("  +{} more routes", more)});
    if (shown == 0) lines.push_back({"  local routes only", false});
  }
  size_t endpoints = 0;
  for (const auto* g : inside) {
    if (g->kind == "endpoint" && ++endpoints > kMaxEndpoints) continue;
    lines.push_back({"▣ " + GatewayText(*g), Broken(broken, g->id), g->kind == "nat"});
  }
  if (endpoints > kMaxEndpoints)
    lines.push_back({fmt::format("▣ +{} more endpoints", endpoints - kMaxEndpoints)});
  return lines;
}

/// A box of text lines; a broken line is red with a ✗, and a box with one is outlined red.
int DrawLines(const std::vector<Line>& lines, int x, int y, int w, std::string_view cls,
              std::string& out) {
  const int h = static_cast<int>(lines.size()) * kLine + 2 * kPad - 4;
  const bool bad = std::any_of(lines.begin(), lines.end(), [](const Line& l) { return l.broken; });
  std::string title;
  for (const auto& l : lines)
    title += (title.empty() ? "" : "\n") + l.text + (l.broken ? " (broken)" : "");
  out += fmt::format(
      "<g class=\"{}{}\"><title>{}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
      "rx=\"5\"/>",
      cls, bad ? " bad" : "", Esc(title), x, y, w, h);
  int ty = y + kPad + 9;
  for (const auto& l : lines) {
    std::string text = l.broken ? "✗ " + l.text : l.text;
    out += fmt::format("<text x=\"{}\" y=\"{}\" class=\"m{}{}\">{}</text>", x + 8, ty,
                       l.broken ? " brk" : "", l.bold ? " b" : "", Esc(Clip(text, kChars)));
    ty += kLine;
  }
  out += "</g>";
  return h;
}

}  // namespace

std::string VpcMapSvg(const report::VpcMap& vpc, const report::Target& t,
                      const std::set<std::string>& broken) {
  std::set<std::string> task(t.launch.subnets.begin(), t.launch.subnets.end());
  for (const auto& d : t.dependencies) task.insert(d.subnet);
  // The target's subnets and the subnets its traffic may cross (NAT gateways, endpoints).
  std::map<std::string, std::vector<const report::MapSubnet*>> by_zone;
  for (const auto& s : vpc.subnets) {
    bool gateway = false;
    for (const auto& g : vpc.gateways)
      gateway = gateway || std::find(g.subnets.begin(), g.subnets.end(), s.id) != g.subnets.end();
    if (task.count(s.id) || gateway) by_zone[s.availability_zone].push_back(&s);
  }
  std::vector<const report::MapGateway*> edge;
  for (const auto& g : vpc.gateways)
    if (g.subnets.empty()) edge.push_back(&g);

  std::string body;
  const int top = 58;
  int col = 0, bottom = top;
  for (auto& [zone, subnets] : by_zone) {
    // The task's subnets first: they are where the paths start.
    std::stable_sort(subnets.begin(), subnets.end(), [&](const auto* a, const auto* b) {
      return task.count(a->id) > task.count(b->id);
    });
    const int x = 16 + col * (kColW + kColGap);
    body += fmt::format("<text x=\"{}\" y=\"{}\" class=\"az\">{}</text>", x, top - 6,
                        Esc(zone.empty() ? "zone unknown" : "AZ " + zone));
    int y = top;
    for (const auto* s : subnets) {
      const bool is_task = task.count(s->id) > 0;
      y += DrawLines(SubnetLines(*s, vpc, is_task, broken), x, y, kColW, is_task ? "sn task" : "sn",
                     body) +
           12;
    }
    bottom = std::max(bottom, y);
    ++col;
  }
  const int frame_w = 16 + std::max(col, 1) * (kColW + kColGap);
  const int edge_x = frame_w + 24;
  int ey = top;
  for (const auto* g : edge) {
    ey += DrawLines({{GatewayText(*g), Broken(broken, g->id), true}}, edge_x, ey, kEdgeW, "gw",
                    body) +
          12;
  }
  bottom = std::max(bottom, ey);
  const int w = edge_x + (edge.empty() ? 0 : kEdgeW + 8), h = bottom + 8;
  std::string out = fmt::format(
      "<svg class=\"vpc\" viewBox=\"0 0 {} {}\" width=\"{}\" role=\"img\" aria-label=\"VPC map of "
      "{}\">",
      w, h, w, Esc(vpc.id));
  out += fmt::format("<rect class=\"frame\" x=\"4\" y=\"4\" width=\"{}\" height=\"{}\" rx=\"8\"/>",
                     frame_w, h - 8);
  out += fmt::format("<text x=\"16\" y=\"22\" class=\"b\">{}{}</text>", Esc(vpc.id),
                     Esc(vpc.cidr.empty() ? "" : " · " + vpc.cidr));
  if (!edge.empty())
    out += fmt::format("<text x=\"{}\" y=\"{}\" class=\"az\">VPC edge</text>", edge_x, top - 6);
  return out + body + "</svg>";
}

}  // namespace fd::writers::html

#pragma once
/// Internal to the HTML writer (html_writer.cpp, html_text.cpp, html_svg.cpp, html_vpc.cpp,
/// html_assets.cpp): escaping, the drawings, the stylesheet and script. Everything from the
/// input goes through Esc, which leaves no character that could close an attribute or a tag, or
/// open an entity.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "report/report.h"
#include "writers/hops.h"

namespace fd::writers::html {

/// Text for an HTML element or a quoted attribute (and SVG text): & < > " ' escaped.
std::string Esc(std::string_view s);

/// `s` cut to `max` code points with "…" at the end, for a box of fixed width (the full text
/// goes in the box's <title>).
std::string Clip(std::string_view s, size_t max);

/// "✓", "✗" or "?" with the class suffix "ok", "bad" or "unk" for a dependency's reachability.
std::string_view ReachSymbol(const std::optional<bool>& reachable);
std::string_view ReachClass(const std::optional<bool>& reachable);
std::string_view ReachWord(const std::optional<bool>& reachable);

/// The hop diagram of one path as inline SVG: the task, each hop, the AWS service; the
/// failing hop red with a ✗, undecided amber with a ?. A hop whose resource is a key of
/// `culprits` (resource → the codes of the findings that name it) is outlined red and labelled.
std::string HopDiagramSvg(const report::Dependency& d, const std::vector<Hop>& hops,
                          const std::map<std::string, std::string>& culprits);

/// The VPC map of one target as inline SVG: its subnets and those of the VPC's gateways by
/// Availability Zone, each with its route table and main routes, the NAT gateways and
/// endpoints in them, and the internet gateways and gateway endpoints at the edge. Every ID in
/// `broken` is drawn red with a ✗.
std::string VpcMapSvg(const report::VpcMap& vpc, const report::Target& t,
                      const std::set<std::string>& broken);

/// The page's stylesheet and its optional script (sorting, copy buttons, print).
extern const std::string_view kCss;
extern const std::string_view kScript;

}  // namespace fd::writers::html

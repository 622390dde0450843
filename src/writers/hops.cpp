// A trace as a reader sees it: boxes of consecutive steps, named by the kind of check. Shared by
// the HTML drawings and the Markdown's Mermaid diagrams, so both draw the same boxes.
#include "writers/hops.h"

#include <string>
#include <string_view>

namespace fd::writers {
namespace {

using report::StepAction;

/// How bad a step is, for the box that holds several: the worst one shows.
int Rank(StepAction a) {
  switch (a) {
    case StepAction::kPermitted:
      return 0;
    case StepAction::kForwarded:
      return 1;
    case StepAction::kUnknown:
      return 2;
    case StepAction::kNoRoute:
      return 3;
    case StepAction::kDenied:
      return 4;
  }
  return 2;
}

bool Has(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

/// The kind of check a step is, as a reader names it (the tracer's step texts vary by hop).
std::string KindOf(std::string_view step) {
  if (Has(step, "name resolution")) return "DNS";
  if (Has(step, "security-group ingress")) return "endpoint security group";
  if (Has(step, "security-group") || Has(step, "security groups")) return "security group";
  if (Has(step, "network-acl")) return "network ACL";
  if (Has(step, "route lookup")) return "route table";
  if (Has(step, "nat gateway")) return "NAT gateway";
  if (Has(step, "internet gateway")) return "internet gateway";
  if (Has(step, "gateway endpoint")) return "gateway endpoint";
  return std::string(step);
}

}  // namespace

std::string_view ActionSymbol(StepAction a) {
  switch (a) {
    case StepAction::kPermitted:
      return "✓";
    case StepAction::kForwarded:
      return "→";
    case StepAction::kUnknown:
      return "?";
    case StepAction::kNoRoute:
      return "✗";
    case StepAction::kDenied:
      return "✗";
  }
  return "?";
}

const report::TraceStep* DecidingStep(const report::Dependency& d) {
  if (d.reachable == true) return nullptr;
  const report::TraceStep* unknown = nullptr;
  for (const auto& s : d.trace) {
    if (s.action == StepAction::kDenied || s.action == StepAction::kNoRoute) return &s;
    if (s.action == StepAction::kUnknown && unknown == nullptr) unknown = &s;
  }
  if (unknown != nullptr) return unknown;
  return d.trace.empty() ? nullptr : &d.trace.back();
}

std::vector<Hop> HopsOf(const report::Dependency& d) {
  const report::TraceStep* deciding = DecidingStep(d);
  std::vector<Hop> hops;
  // Past a NAT gateway, the network ACL and route table are those of the NAT gateway's subnet:
  // say so, since they are where a misplaced NAT gateway fails.
  bool past_nat = false;
  for (const auto& s : d.trace) {
    std::string kind = KindOf(s.step.str());
    if (kind == "NAT gateway") past_nat = true;
    if (kind == "network ACL" || kind == "route table") {
      const std::string short_kind = kind == "network ACL" ? "ACL" : kind;
      if (Has(s.hop.str(), "(vpce-"))
        kind = "endpoint subnet " + short_kind;
      else if (past_nat)
        kind = "NAT subnet " + short_kind;
    }
    if (hops.empty() || hops.back().where != s.hop.str() || hops.back().kind != kind) {
      Hop h;
      h.kind = std::move(kind);
      h.where = s.hop;
      h.resource = s.resource.empty() ? s.hop.str() : s.resource.str();
      h.action = s.action;
      hops.push_back(std::move(h));
    }
    Hop& h = hops.back();
    if (Rank(s.action) > Rank(h.action)) h.action = s.action;
    h.steps.push_back(&s);
    if (&s == deciding) h.failing = true;
  }
  return hops;
}

}  // namespace fd::writers

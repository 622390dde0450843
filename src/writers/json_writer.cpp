#include "writers/json_writer.h"

#include <nlohmann/json.hpp>

namespace fd::writers {
namespace {

using nlohmann::json;

// An empty string in an optional field of the contract ("via") is written as null.
json StringOrNull(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json Strings(const std::vector<std::string>& values) {
  json out = json::array();
  for (const auto& v : values) out.push_back(v);
  return out;
}

json TraceJson(const std::vector<report::TraceStep>& trace) {
  json out = json::array();
  for (const auto& s : trace) {
    out.push_back({{"hop", s.hop},
                   {"resource", s.resource},
                   {"step", s.step},
                   {"action", report::ToString(s.action)},
                   {"detail", s.detail}});
  }
  return out;
}

json TargetJson(const report::Target& t) {
  json deps = json::array();
  for (const auto& d : t.dependencies) {
    deps.push_back({{"service", d.service},
                    {"needed_because", d.needed_because},
                    {"subnet", d.subnet},
                    {"reachable", d.reachable ? json(*d.reachable) : json(nullptr)},
                    {"via", StringOrNull(d.via)},
                    {"trace", TraceJson(d.trace.steps())}});
  }
  return {{"kind", t.kind},
          {"name", t.name},
          {"arn", t.arn},
          {"verdict", report::ToString(t.verdict)},
          {"launch",
           {{"platform_version", t.launch.platform_version},
            {"subnets", Strings(t.launch.subnets)},
            {"security_groups", Strings(t.launch.security_groups)},
            {"assign_public_ip", t.launch.assign_public_ip}}},
          {"dependencies", std::move(deps)}};
}

json FindingJson(const report::Finding& f) {
  json evidence = json::array();
  for (const auto& e : f.evidence)
    evidence.push_back({{"resource", e.resource}, {"claim", e.claim}});
  return {{"code", f.code},
          {"slug", f.slug},
          {"severity", report::ToString(f.severity)},
          {"target", f.target},
          {"resource", f.resource},
          {"message", f.message},
          {"evidence", std::move(evidence)},
          {"fix", {{"summary", f.fix.summary}, {"commands", Strings(f.fix.commands)}}}};
}

}  // namespace

std::string RenderJson(report::Report r) {
  report::Canonicalize(r);

  json targets = json::array();
  for (const auto& t : r.targets) targets.push_back(TargetJson(t));
  json findings = json::array();
  for (const auto& f : r.findings) findings.push_back(FindingJson(f));
  json unchecked = json::array();
  for (const auto& u : r.unchecked) unchecked.push_back({{"check", u.check}, {"reason", u.reason}});
  json notes = json::array();
  for (const auto& n : r.input_notes)
    notes.push_back({{"file", n.file}, {"pointer", n.pointer}, {"note", n.note}});

  json doc = {{"schema", "fargate-doctor/report/v1"},
              {"verdict", report::ToString(r.verdict)},
              {"targets", std::move(targets)},
              {"findings", std::move(findings)},
              {"coverage", {{"unchecked", std::move(unchecked)}}},
              {"input_notes", std::move(notes)}};
  // Invalid UTF-8 from input data is replaced rather than thrown on (our code does not throw).
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace fd::writers

#pragma once
/// The ECS side of a test Snapshot (testing/check_harness.h, snapshot_edits.h), for the tests of
/// the task definition, service and capacity checks (src/checks/td, svc, cap): the service and the
/// task definition of a base scenario, their containers, deployments, events and stopped tasks, and
/// SVC012's run (the engine reports it after every check, so RunCheck alone never shows it).
///
///   auto s = fd::testing::Snapshot::Base("base-private-nat");
///   fd::testing::AddEvent(fd::testing::Service(s), "(service api) operations are throttled.");
///   auto run = fd::testing::RunCheck(fd::testing::Def(Code::kCap007), s.Load());

#include <functional>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "engine/evidence.h"
#include "testing/check_harness.h"
#include "testing/snapshot_edits.h"

namespace fd::testing {

/// The service, its cluster and its task definition in base-private-nat and the scenarios built
/// on it (services-lb-discovery-healthy, …): findings name them as their resources.
inline constexpr std::string_view kApiService =
    "arn:aws:ecs:eu-west-3:111122223333:service/prod/api";
inline constexpr std::string_view kProdCluster = "arn:aws:ecs:eu-west-3:111122223333:cluster/prod";
inline constexpr std::string_view kApiTaskDefinition =
    "arn:aws:ecs:eu-west-3:111122223333:task-definition/api:7";

/// A service of describe-services, by name ("api" in every base scenario).
inline Json& Service(Snapshot& s, std::string_view name = "api") {
  return s.Item("services", name);
}

/// A container of the snapshot's task definition, by name.
inline Json& Container(Snapshot& s, std::string_view name) {
  for (auto& c : s.TaskDefinition()["containerDefinitions"])
    if (c.value("name", "") == name) return c;
  throw std::runtime_error("the task definition has no container " + std::string(name));
}

/// Adds a container (essential unless said otherwise) with only a name and an image of the same
/// private ECR repository as the first container, so no check of the image is disturbed.
inline Json& AddContainer(Snapshot& s, const std::string& name, bool essential = true) {
  Json& list = s.TaskDefinition()["containerDefinitions"];
  Json c = {{"name", name}, {"image", list.at(0).at("image")}, {"essential", essential}};
  list.push_back(std::move(c));
  return list.back();
}

/// The service's deployment of `status` (PRIMARY, ACTIVE).
inline Json& Deployment(Json& service, std::string_view status = "PRIMARY") {
  for (auto& d : service["deployments"])
    if (d.value("status", "") == status) return d;
  throw std::runtime_error("the service has no " + std::string(status) + " deployment");
}

/// Launches the service through a capacity provider strategy instead of its launch type: each
/// provider with weight 1 and base 0.
inline void SetCapacityProviders(Json& service, std::initializer_list<std::string_view> providers) {
  service.erase("launchType");
  for (auto& d : service["deployments"]) d.erase("launchType");
  Json strategy = Json::array();
  for (auto p : providers)
    strategy.push_back({{"capacityProvider", p}, {"weight", 1}, {"base", 0}});
  service["capacityProviderStrategy"] = std::move(strategy);
}

/// A time after everything the base scenarios record (their steady state is at 09:58:40), so an
/// event or stop at it is a failure the service has not recovered from.
inline constexpr std::string_view kAfterSteadyState = "2025-03-11T10:05:12.000000+01:00";

/// Adds a service event; describe-services lists them newest first.
inline Json& AddEvent(Json& service, const std::string& message,
                      std::string_view created_at = kAfterSteadyState) {
  Json& events = service["events"];
  if (events.is_null()) events = Json::array();
  Json e = {{"id", "7f1e2d3c-0000-4000-8000-" + std::to_string(100000000000 + events.size())},
            {"createdAt", created_at},
            {"message", message}};
  events.insert(events.begin(), std::move(e));
  return events.front();
}

/// Adds a stopped task of `service` (describe-tasks, group service:<name>) that ran its first
/// container; returns it for more edits (containers[].reason, overrides, …).
inline Json& AddStoppedTask(Snapshot& s, Json& service, const std::string& id,
                            const std::string& stop_code, const std::string& stopped_reason,
                            std::string_view stopped_at = kAfterSteadyState) {
  std::string cluster = service.at("clusterArn").get<std::string>();
  std::string task_arn = cluster;
  task_arn.replace(task_arn.find(":cluster/"), 9, ":task/");
  task_arn += "/" + id;
  Json& td = s.TaskDefinition();
  Json task = {
      {"taskArn", task_arn},
      {"clusterArn", cluster},
      {"taskDefinitionArn", td.at("taskDefinitionArn")},
      {"group", "service:" + service.at("serviceName").get<std::string>()},
      {"launchType", "FARGATE"},
      {"platformVersion", "1.4.0"},
      {"platformFamily", "Linux"},
      {"lastStatus", "STOPPED"},
      {"desiredStatus", "STOPPED"},
      {"stoppedAt", stopped_at},
      {"stopCode", stop_code},
      {"stoppedReason", stopped_reason},
      {"containers", Json::array({{{"name", td.at("containerDefinitions").at(0).at("name")},
                                   {"image", td.at("containerDefinitions").at(0).at("image")},
                                   {"lastStatus", "STOPPED"},
                                   {"taskArn", task_arn}}})},
  };
  return s.Add("ecs-describe-tasks.json", "tasks", std::move(task));
}

/// How a finding quotes a message AWS wrote (checks/svc/evidence_findings.h).
inline std::string Quoted(std::string_view message) { return "\"" + std::string(message) + "\""; }

/// The evidence of a finding that rests on one service event alone.
inline std::vector<report::Evidence> EventEvidence(std::string_view message) {
  return {{"service event", Quoted(message)}};
}

/// The claims of the evidence of the finding on `resource`, in order; none when no finding.
inline std::vector<std::string> Claims(const CheckRun& run, std::string_view resource) {
  std::vector<std::string> out;
  if (const report::Finding* f = run.On(resource))
    for (const auto& e : f->evidence) out.push_back(e.claim);
  return out;
}

/// What the engine's last pass over runtime evidence (engine/evidence.cpp) made of one model:
/// SVC012's findings as a CheckRun of SVC012, and the findings of the checks that ran first,
/// with the messages they explain attached.
struct EvidenceRun {
  CheckRun svc012;
  std::vector<report::Finding> others;
};

/// Runs `explaining` over the snapshot's services as the engine does (one analysis, one memo),
/// then attaches the runtime evidence; `selected` stands for --select/--ignore (all by default).
inline EvidenceRun RunEvidenceAttachment(
    const model::Model& model, const std::vector<Code>& explaining,
    const std::function<bool(Code)>& selected = [](Code) { return true; }) {
  std::vector<InputNote> notes;
  auto targets = analysis::ResolveTargets(model, {}, &notes);
  if (!targets) throw std::runtime_error("targets do not resolve: " + targets.error().message);
  analysis::Analysis an = analysis::Analyze(model, std::move(*targets));
  checks::Memo memo;
  checks::FindingSink sink;
  for (Code code : explaining)
    Def(code).run(checks::CheckContext{model, an.targets, memo}, sink);
  std::vector<report::Finding> findings = sink.TakeFindings();
  engine::AttachRuntimeEvidence(an, findings, selected);
  EvidenceRun out;
  out.svc012.code = std::string(ToString(Def(Code::kSvc012).info.code));
  for (const auto& ta : an.targets) out.svc012.targets.push_back(ta.target.Key());
  for (auto& f : findings)
    (f.code == out.svc012.code ? out.svc012.findings : out.others).push_back(std::move(f));
  return out;
}

}  // namespace fd::testing

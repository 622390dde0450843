// merge/read.h and merge/merge.h: reading reports back, and joining them.
#include "merge/merge.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "merge/read.h"
#include "writers/json_writer.h"
#include "writers/sarif_writer.h"

namespace fd::merge {
namespace {

using nlohmann::json;

report::Target Service(const std::string& name, const std::string& region, report::Verdict v) {
  report::Target t;
  t.kind = "service";
  t.name = name;
  t.arn = "arn:aws:ecs:" + region + ":111122223333:service/prod/" + name;
  t.verdict = v;
  t.launch = {"1.4.0", {"subnet-1"}, {"sg-1"}, false};
  t.dependencies.push_back({"ecr.api", "image x", "subnet-1", v != report::Verdict::kBlocked,
                            v == report::Verdict::kBlocked ? "" : "nat-1",
                            report::Trace{{"eni (task)", "sg-1", "security-group egress",
                                           report::StepAction::kPermitted, "rule all"}}});
  return t;
}

report::Finding Blocker(const report::Target& t, const std::string& resource) {
  report::Finding f;
  f.code = "NET002";
  f.slug = "net-route-private-no-egress";
  f.severity = report::Severity::kBlocker;
  f.target = t.arn;
  f.resource = resource;
  f.message = resource + " has no route to the internet";
  f.evidence = {{resource, "no route matches 0.0.0.0/0"}};
  f.fix = {"add a route", {"aws ec2 create-route --route-table-id " + resource}};
  return f;
}

/// A report as a file would hold it: rendered by the JSON writer, then read back.
Loaded AsFile(report::Report r, const std::string& file) {
  Expected<Loaded> l = ReadReport(writers::RenderJson(std::move(r)), file);
  EXPECT_TRUE(l.has_value()) << (l ? "" : l.error().message);
  return l ? std::move(*l) : Loaded{};
}

TEST(ReportReaderTest, WhatTheJsonWriterWroteReadsBackToTheSameBytes) {
  report::Report r;
  r.targets = {Service("api", "eu-west-3", report::Verdict::kBlocked), Service("web", "eu-west-3", report::Verdict::kOk)};
  r.targets[0].remedies.push_back({"a new NAT gateway", true, "", true, {{"create it", {"aws ec2 create-nat-gateway"}, true, {}}}});
  r.targets.push_back(Service("job", "eu-west-3", report::Verdict::kOk));
  r.targets[2].kind = "task-definition";
  r.targets[2].arn.clear();  // a task definition file: no account or Region, written as null
  r.findings.push_back(Blocker(r.targets[0], "rtb-1"));
  r.findings[0].location = report::SourceLocation{"vpc.yaml", 40, 3, "PrivateRouteTable", "network"};
  r.unchecked.push_back({"FW006", "no network ACL data"});
  r.input_notes.push_back({"ec2.json", "/RouteTables/0", "duplicate"});
  r.verdict = report::Verdict::kBlocked;
  const std::string text = writers::RenderJson(r);
  Expected<Loaded> back = ReadReport(text, "a.json");
  ASSERT_TRUE(back.has_value()) << back.error().message;
  EXPECT_EQ(back->kind, Loaded::Kind::kReport);
  const json doc = json::parse(text);
  EXPECT_EQ(doc["targets"][0]["account"], "111122223333");
  EXPECT_EQ(doc["targets"][0]["region"], "eu-west-3");
  EXPECT_TRUE(doc["targets"][2]["account"].is_null());
  EXPECT_TRUE(doc["targets"][2]["region"].is_null());
  EXPECT_EQ(writers::RenderJson(back->report), text);
}

TEST(ReportReaderTest, BadInputNamesTheFileAndWhere) {
  report::Report r;
  r.targets = {Service("api", "eu-west-3", report::Verdict::kOk)};
  const std::string good = writers::RenderJson(r);

  Expected<Loaded> truncated = ReadReport(good.substr(0, 100), "cut.json");
  ASSERT_FALSE(truncated.has_value());
  EXPECT_EQ(truncated.error().message, "cut.json: invalid JSON at byte 101 (the file ends early: truncated?)");

  Expected<Loaded> garbage = ReadReport("{\"schema\": x}", "g.json");
  ASSERT_FALSE(garbage.has_value());
  EXPECT_EQ(garbage.error().message, "g.json: invalid JSON at byte 12");

  json doc = json::parse(good);
  doc["schema"] = "fargate-doctor/report/v2";
  Expected<Loaded> v2 = ReadReport(doc.dump(), "v2.json");
  ASSERT_FALSE(v2.has_value());
  EXPECT_NE(v2.error().message.find("v2.json: at /schema: report schema v2 is another major version"), std::string::npos)
      << v2.error().message;

  doc = json::parse(good);
  doc["targets"][0]["dependencies"][0]["trace"][0]["action"] = 7;
  Expected<Loaded> typed = ReadReport(doc.dump(), "t.json");
  ASSERT_FALSE(typed.has_value());
  EXPECT_EQ(typed.error().message,
            "t.json: not a fargate-doctor report at /targets/0/dependencies/0/trace/0/action: expected a string");

  doc = json::parse(good);
  doc["targets"][0].erase("verdict");
  Expected<Loaded> missing = ReadReport(doc.dump(), "m.json");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().message, "m.json: not a fargate-doctor report at /targets/0/verdict: missing");

  Expected<Loaded> other = ReadReport("{\"a\": 1}", "o.json");
  ASSERT_FALSE(other.has_value());
  EXPECT_NE(other.error().message.find("o.json: at /: neither"), std::string::npos);

  json sarif = json::parse(writers::RenderSarif(r));
  sarif["runs"][0]["tool"]["driver"]["name"] = "tfsec";
  Expected<Loaded> foreign = ReadReport(sarif.dump(), "x.sarif");
  ASSERT_FALSE(foreign.has_value());
  EXPECT_EQ(foreign.error().message,
            "x.sarif: not a fargate-doctor report at /runs/0/tool/driver/name: a log of another tool");
}

TEST(MergeReportsTest, DisjointReportsJoinAsOneReportWithTheVerdictRecomputed) {
  report::Report a, b;
  a.targets = {Service("api", "eu-west-3", report::Verdict::kOk)};
  a.unchecked.push_back({"FW006", "no network ACL data"});
  b.targets = {Service("web", "us-east-1", report::Verdict::kBlocked)};
  b.findings.push_back(Blocker(b.targets[0], "rtb-2"));
  b.unchecked.push_back({"FW006", "no network ACL data"});  // every shard says it: kept once
  std::vector<Loaded> in;
  in.push_back(AsFile(a, "a.json"));
  in.push_back(AsFile(b, "b.json"));
  const report::Report m = MergeReports(in);
  ASSERT_EQ(m.targets.size(), 2u);
  EXPECT_EQ(m.findings.size(), 1u);
  EXPECT_EQ(m.unchecked.size(), 1u);
  EXPECT_TRUE(m.input_notes.empty());
  EXPECT_EQ(m.verdict, report::Verdict::kBlocked);
}

TEST(MergeReportsTest, TheSameTargetTwiceIsKeptOnceWithoutANote) {
  report::Report a;
  a.targets = {Service("api", "eu-west-3", report::Verdict::kBlocked)};
  a.findings.push_back(Blocker(a.targets[0], "rtb-1"));
  std::vector<Loaded> in;
  in.push_back(AsFile(a, "a.json"));
  in.push_back(AsFile(a, "again.json"));
  const report::Report m = MergeReports(in);
  EXPECT_EQ(m.targets.size(), 1u);
  EXPECT_EQ(m.findings.size(), 1u);
  EXPECT_TRUE(m.input_notes.empty());
}

TEST(MergeReportsTest, ADifferingCopyKeepsTheLaterArgumentWithItsFindingsAndSaysSo) {
  report::Report early, late;
  early.targets = {Service("api", "eu-west-3", report::Verdict::kBlocked)};
  early.findings.push_back(Blocker(early.targets[0], "rtb-old"));
  late.targets = {Service("api", "eu-west-3", report::Verdict::kOk)};  // fixed since
  std::vector<Loaded> in;
  in.push_back(AsFile(early, "monday.json"));
  in.push_back(AsFile(late, "tuesday.json"));
  const report::Report m = MergeReports(in);
  ASSERT_EQ(m.targets.size(), 1u);
  EXPECT_EQ(m.targets[0].verdict, report::Verdict::kOk);
  EXPECT_TRUE(m.findings.empty()) << "the earlier copy's findings go with it";
  EXPECT_EQ(m.verdict, report::Verdict::kOk);
  ASSERT_EQ(m.input_notes.size(), 1u);
  EXPECT_EQ(m.input_notes[0].file, "tuesday.json");
  EXPECT_EQ(m.input_notes[0].pointer, "/targets/0");
  EXPECT_EQ(m.input_notes[0].note,
            "service arn:aws:ecs:eu-west-3:111122223333:service/prod/api is also in monday.json with a "
            "different diagnosis; the merge keeps this one (the later argument)");
}

TEST(MergeReportsTest, ServicesOfOneNameInTwoRegionsAreTwoTargets) {
  report::Report a, b;
  a.targets = {Service("api", "eu-west-3", report::Verdict::kOk)};
  b.targets = {Service("api", "us-east-1", report::Verdict::kOk)};
  std::vector<Loaded> in;
  in.push_back(AsFile(a, "a.json"));
  in.push_back(AsFile(b, "b.json"));
  EXPECT_EQ(MergeReports(in).targets.size(), 2u);
}

Loaded SarifFile(report::Report r, const std::string& file, const std::string& version = "") {
  json doc = json::parse(writers::RenderSarif(std::move(r)));
  if (!version.empty()) doc["runs"][0]["tool"]["driver"]["version"] = version;
  Expected<Loaded> l = ReadReport(doc.dump(), file);
  EXPECT_TRUE(l.has_value()) << (l ? "" : l.error().message);
  return l ? std::move(*l) : Loaded{};
}

TEST(MergeSarifTest, ShardsOfOneVersionBecomeTheLogOfOneRun) {
  report::Report a, b, whole;
  a.targets = {Service("api", "eu-west-3", report::Verdict::kBlocked)};
  a.findings.push_back(Blocker(a.targets[0], "rtb-1"));
  a.unchecked.push_back({"FW006", "no network ACL data"});
  b.targets = {Service("web", "eu-west-3", report::Verdict::kBlocked)};
  b.findings.push_back(Blocker(b.targets[0], "rtb-0"));
  b.unchecked.push_back({"FW006", "no network ACL data"});
  b.input_notes.push_back({"ec2.json", "/X", "unused"});
  whole.targets = {a.targets[0], b.targets[0]};
  whole.findings = {a.findings[0], b.findings[0]};
  whole.unchecked = a.unchecked;
  whole.input_notes = b.input_notes;
  whole.verdict = report::Verdict::kBlocked;
  std::vector<Loaded> in;
  in.push_back(SarifFile(b, "b.sarif"));  // argument order does not change the log
  in.push_back(SarifFile(a, "a.sarif"));
  report::Report facts;
  const json merged = MergeSarif(in, facts);
  EXPECT_EQ(merged, json::parse(writers::RenderSarif(whole)));
  EXPECT_EQ(facts.findings.size(), 2u);
  EXPECT_EQ(facts.verdict, report::Verdict::kBlocked);
}

TEST(MergeSarifTest, OneRunPerToolVersionAndAConflictIsANotification) {
  report::Report early, late, other;
  early.targets = {Service("api", "eu-west-3", report::Verdict::kBlocked)};
  early.findings.push_back(Blocker(early.targets[0], "rtb-1"));
  late.targets = {Service("api", "eu-west-3", report::Verdict::kOk)};
  other.targets = {Service("web", "eu-west-3", report::Verdict::kOk)};
  std::vector<Loaded> in;
  in.push_back(SarifFile(early, "early.sarif", "9.0.0"));
  in.push_back(SarifFile(other, "other.sarif", "9.1.0"));
  in.push_back(SarifFile(late, "late.sarif", "9.0.0"));
  report::Report facts;
  const json merged = MergeSarif(in, facts);
  ASSERT_EQ(merged["runs"].size(), 2u);
  const json& run = merged["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["version"], "9.0.0");
  EXPECT_TRUE(run["results"].empty()) << "the earlier copy's result goes with it";
  ASSERT_EQ(run["properties"]["targets"].size(), 1u);
  EXPECT_EQ(run["properties"]["verdict"], "ok");
  const json& note = run["invocations"][0]["toolExecutionNotifications"][0];
  EXPECT_EQ(note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "late.sarif");
  EXPECT_EQ(note["locations"][0]["properties"]["jsonPointer"], "/runs/0/properties/targets/0");
  EXPECT_EQ(merged["runs"][1]["tool"]["driver"]["version"], "9.1.0");
  EXPECT_EQ(facts.targets.size(), 2u);
  EXPECT_TRUE(facts.findings.empty());
}

}  // namespace
}  // namespace fd::merge

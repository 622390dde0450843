#include "writers/json_writer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace fd::writers {
namespace {

using report::StepAction;

constexpr const char* kArn = "arn:aws:ecs:eu-west-3:111122223333:service/prod/api";

/// A small report with one of everything, deliberately out of canonical order.
report::Report SmallReport() {
  report::Report r;
  r.verdict = report::Verdict::kBlocked;

  report::Target t;
  t.kind = "service";
  t.name = "api";
  t.arn = kArn;
  t.verdict = report::Verdict::kBlocked;
  t.launch.platform_version = "1.4.0";
  t.launch.subnets = {"subnet-b", "subnet-a"};
  t.launch.security_groups = {"sg-1"};
  t.launch.assign_public_ip = false;

  report::Dependency s3;
  s3.service = "s3";
  s3.needed_because = "image layers of 111122223333.dkr.ecr.eu-west-3.amazonaws.com/api:1.4";
  s3.subnet = "subnet-a";
  s3.reachable = true;
  s3.via = "vpce-s3";
  report::Dependency logs;
  logs.service = "logs";
  logs.needed_because = "awslogs (container web)";
  logs.subnet = "subnet-a";
  report::Dependency ecr;
  ecr.service = "ecr.api";
  ecr.needed_because = "image 111122223333.dkr.ecr.eu-west-3.amazonaws.com/api:1.4 (container web)";
  ecr.subnet = "subnet-a";
  ecr.reachable = false;
  ecr.trace = {
      {"eni (task)", "sg-1", "security-group egress", StepAction::kPermitted,
       "rule tcp 443 -> 0.0.0.0/0"},
      {"subnet subnet-a (task)", "rtb-1", "route lookup", StepAction::kNoRoute,
       "no route matches 0.0.0.0/0"},
  };
  t.dependencies = {s3, logs, ecr};
  r.targets.push_back(t);

  report::Finding f;
  f.code = "NET002";
  f.slug = "net-route-private-no-egress";
  f.title = "private subnet with no NAT, no endpoints";
  f.severity = report::Severity::kBlocker;
  f.target = kArn;
  f.resource = "rtb-1";
  f.message = "subnet subnet-a has no route to ecr.api";
  f.evidence = {{"rtb-1", "no route matches 0.0.0.0/0"}};
  f.fix.summary = "add a default route to a NAT gateway";
  f.fix.commands = {
      "aws ec2 create-route --route-table-id rtb-1 --destination-cidr-block "
      "0.0.0.0/0 --nat-gateway-id NAT_ID"};
  f.paths = {{"ecr.api", "subnet-a"}};
  f.subnets = {"subnet-a"};
  r.findings.push_back(f);

  r.unchecked = {{"FW006", "no network ACL data for subnet-a"}};
  r.input_notes = {{"ec2.json", "/RouteTables/3", "unrecognised key Foo"}};
  return r;
}

// Written by hand from docs/design/report.md: sorted keys, 2-space indent, null reachable and via.
constexpr const char* kSmallReportJson = R"json({
  "coverage": {
    "unchecked": [
      {
        "check": "FW006",
        "reason": "no network ACL data for subnet-a"
      }
    ]
  },
  "findings": [
    {
      "code": "NET002",
      "evidence": [
        {
          "claim": "no route matches 0.0.0.0/0",
          "resource": "rtb-1"
        }
      ],
      "fix": {
        "commands": [
          "aws ec2 create-route --route-table-id rtb-1 --destination-cidr-block 0.0.0.0/0 --nat-gateway-id NAT_ID"
        ],
        "summary": "add a default route to a NAT gateway"
      },
      "message": "subnet subnet-a has no route to ecr.api",
      "resource": "rtb-1",
      "severity": "blocker",
      "slug": "net-route-private-no-egress",
      "target": "arn:aws:ecs:eu-west-3:111122223333:service/prod/api"
    }
  ],
  "input_notes": [
    {
      "file": "ec2.json",
      "note": "unrecognised key Foo",
      "pointer": "/RouteTables/3"
    }
  ],
  "schema": "fargate-doctor/report/v1",
  "targets": [
    {
      "account": "111122223333",
      "arn": "arn:aws:ecs:eu-west-3:111122223333:service/prod/api",
      "dependencies": [
        {
          "needed_because": "image 111122223333.dkr.ecr.eu-west-3.amazonaws.com/api:1.4 (container web)",
          "reachable": false,
          "service": "ecr.api",
          "subnet": "subnet-a",
          "trace": [
            {
              "action": "permitted",
              "detail": "rule tcp 443 -> 0.0.0.0/0",
              "hop": "eni (task)",
              "resource": "sg-1",
              "step": "security-group egress"
            },
            {
              "action": "no-route",
              "detail": "no route matches 0.0.0.0/0",
              "hop": "subnet subnet-a (task)",
              "resource": "rtb-1",
              "step": "route lookup"
            }
          ],
          "via": null
        },
        {
          "needed_because": "awslogs (container web)",
          "reachable": null,
          "service": "logs",
          "subnet": "subnet-a",
          "trace": [],
          "via": null
        },
        {
          "needed_because": "image layers of 111122223333.dkr.ecr.eu-west-3.amazonaws.com/api:1.4",
          "reachable": true,
          "service": "s3",
          "subnet": "subnet-a",
          "trace": [],
          "via": "vpce-s3"
        }
      ],
      "kind": "service",
      "launch": {
        "assign_public_ip": false,
        "platform_version": "1.4.0",
        "security_groups": [
          "sg-1"
        ],
        "subnets": [
          "subnet-a",
          "subnet-b"
        ]
      },
      "name": "api",
      "region": "eu-west-3",
      "verdict": "blocked"
    }
  ],
  "verdict": "blocked"
}
)json";

TEST(JsonWriterTest, SmallReportMatchesTheContract) {
  EXPECT_EQ(RenderJson(SmallReport()), kSmallReportJson);
}

TEST(JsonWriterTest, EmptyReport) {
  EXPECT_EQ(RenderJson(report::Report{}), R"({
  "coverage": {
    "unchecked": []
  },
  "findings": [],
  "input_notes": [],
  "schema": "fargate-doctor/report/v1",
  "targets": [],
  "verdict": "ok"
}
)");
}

TEST(JsonWriterTest, InternalFindingFieldsAreNotWritten) {
  const nlohmann::json doc = nlohmann::json::parse(RenderJson(SmallReport()));
  std::vector<std::string> keys;
  for (const auto& [key, value] : doc["findings"][0].items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"code", "evidence", "fix", "message", "resource",
                                            "severity", "slug", "target"}));
}

TEST(JsonWriterTest, DeterministicWhateverTheInputOrder) {
  report::Report a = SmallReport();
  report::Report b = SmallReport();
  b.findings.push_back(b.findings[0]);
  b.findings[0].code = "FW001";
  a.findings.insert(a.findings.begin(), b.findings[0]);
  std::reverse(b.targets[0].dependencies.begin(), b.targets[0].dependencies.end());
  b.findings[1].evidence.push_back({"rtb-0", "an earlier claim"});
  a.findings[1].evidence.insert(a.findings[1].evidence.begin(), {"rtb-0", "an earlier claim"});
  EXPECT_EQ(RenderJson(a), RenderJson(b));
  EXPECT_EQ(RenderJson(a), RenderJson(a));
}

TEST(JsonWriterTest, InvalidUtf8IsReplacedNotThrown) {
  report::Report r;
  r.input_notes = {{"bad\xff.json", "", "odd name"}};
  const std::string json = RenderJson(r);
  EXPECT_NE(json.find("bad\xEF\xBF\xBD.json"), std::string::npos);
}

TEST(JsonWriterTest, ADeclaredFindingCarriesItsLocation) {
  report::Report r = SmallReport();
  ASSERT_FALSE(r.findings.empty());
  r.findings[0].location = report::SourceLocation{"plan.json", 120, 7, "aws_security_group.task", "module.app"};
  const nlohmann::json doc = nlohmann::json::parse(RenderJson(r));
  const nlohmann::json& l = doc["findings"][0]["location"];
  EXPECT_EQ(l["file"], "plan.json");
  EXPECT_EQ(l["line"], 120);
  EXPECT_EQ(l["column"], 7);
  EXPECT_EQ(l["declared_id"], "aws_security_group.task");
  EXPECT_EQ(l["source"], "module.app");
  // A snapshot finding has none: the field is absent, not null.
  EXPECT_FALSE(nlohmann::json::parse(RenderJson(SmallReport()))["findings"][0].contains("location"));
}

TEST(JsonWriterTest, ATemplatesFixCarriesItsEditsBesideItsCommands) {
  report::Report r = SmallReport();
  r.findings[0].fix.edits = {"# in Rt (a.yaml:3), under Properties, set:\nX: 1"};
  r.edits_language = "cloudformation";
  const nlohmann::json doc = nlohmann::json::parse(RenderJson(r));
  EXPECT_EQ(doc["edits_language"], "cloudformation");
  EXPECT_EQ(doc["findings"][0]["fix"]["edits"][0], "# in Rt (a.yaml:3), under Properties, set:\nX: 1");
  EXPECT_EQ(doc["findings"][0]["fix"]["commands"].size(), 1u);  // the CLI stays
  // A snapshot's report has neither field: its bytes are what they were.
  const nlohmann::json plain = nlohmann::json::parse(RenderJson(SmallReport()));
  EXPECT_FALSE(plain.contains("edits_language"));
  EXPECT_FALSE(plain["findings"][0]["fix"].contains("edits"));
}

}  // namespace
}  // namespace fd::writers

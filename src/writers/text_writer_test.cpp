#include "writers/text_writer.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace fd::writers {
namespace {

using report::StepAction;

constexpr const char* kApi = "arn:aws:ecs:eu-west-3:111122223333:service/prod/api";
constexpr const char* kWorker = "arn:aws:ecs:eu-west-3:111122223333:service/prod/worker";

report::Dependency Dep(std::string service, std::string subnet, std::optional<bool> reachable,
                       std::string via = "") {
  report::Dependency d;
  d.service = std::move(service);
  d.subnet = std::move(subnet);
  d.needed_because = "image api:1.4 (container web)";
  d.reachable = reachable;
  d.via = std::move(via);
  if (reachable == false) {
    d.trace = {{"eni (task)", "sg-1", "security-group egress", StepAction::kPermitted,
                "rule tcp 443 -> 0.0.0.0/0"},
               {"subnet subnet-a (task)", "rtb-1", "route lookup", StepAction::kNoRoute,
                "no route matches 0.0.0.0/0"}};
  } else if (reachable == true) {
    d.trace = {
        {"eni (task)", "sg-1", "security-group egress", StepAction::kPermitted, "all traffic"},
        {"subnet subnet-b (task)", "rtb-2", "route lookup", StepAction::kForwarded,
         "0.0.0.0/0 -> " + d.via}};
  }
  return d;
}

report::Report SampleReport() {
  report::Report r;
  r.verdict = report::Verdict::kBlocked;

  report::Target api;
  api.kind = "service";
  api.name = "api";
  api.arn = kApi;
  api.verdict = report::Verdict::kBlocked;
  api.launch = {"1.4.0", {"subnet-a", "subnet-b"}, {"sg-1"}, false};
  api.dependencies = {Dep("ecr.api", "subnet-a", false),
                      Dep("ecr.dkr", "subnet-a", false),
                      Dep("s3", "subnet-a", false),
                      Dep("ecr.api", "subnet-b", true, "nat-1"),
                      Dep("ecr.dkr", "subnet-b", true, "nat-1"),
                      Dep("s3", "subnet-b", std::nullopt)};
  report::Target worker;
  worker.kind = "service";
  worker.name = "worker";
  worker.arn = kWorker;
  worker.verdict = report::Verdict::kOk;
  worker.launch = {"", {"subnet-b"}, {}, true};
  r.targets = {worker, api};

  report::Finding info;
  info.code = "NET007";
  info.slug = "net-main-route-table-surprise";
  info.severity = report::Severity::kInfo;
  info.target = kApi;
  info.resource = "subnet-a";
  info.message = "subnet subnet-a uses the main route table rtb-1";
  report::Finding blocker;
  blocker.code = "NET002";
  blocker.slug = "net-route-private-no-egress";
  blocker.severity = report::Severity::kBlocker;
  blocker.target = kApi;
  blocker.resource = "rtb-1";
  blocker.message = "subnet subnet-a has no route to ecr.api, ecr.dkr or s3";
  blocker.evidence = {{"rtb-1", "no route matches 0.0.0.0/0"},
                      {"subnet-a", "associated with rtb-1"}};
  blocker.fix = {"add a default route to a NAT gateway",
                 {"aws ec2 create-route --route-table-id rtb-1 --destination-cidr-block 0.0.0.0/0 "
                  "--nat-gateway-id nat-1"}};
  blocker.paths = {{"s3", "subnet-a"}, {"ecr.api", "subnet-a"}, {"ecr.dkr", "subnet-a"}};
  blocker.subnets = {"subnet-a"};
  report::Finding warning;
  warning.code = "NET008";
  warning.slug = "net-mixed-subnets";
  warning.severity = report::Severity::kWarning;
  warning.target = kApi;
  warning.resource = "subnet-a";
  warning.message = "service api mixes private subnet subnet-a with public subnet subnet-b";
  r.findings = {info, warning, blocker};

  r.unchecked = {{"FW006", "no network ACL data for subnet-b"}};
  for (int i = 0; i < 12; ++i)
    r.input_notes.push_back(
        {"ec2.json", fmt::format("/RouteTables/{}", i), "unrecognised key Foo"});
  return r;
}

// The layout, written out: verdicts, findings worst first, matrices, coverage, notes, summary.
constexpr const char* kSampleText =
    R"txt(service api (arn:aws:ecs:eu-west-3:111122223333:service/prod/api): BLOCKED
  launch: platform 1.4.0; subnets subnet-a, subnet-b; security groups sg-1; public IP DISABLED
service worker (arn:aws:ecs:eu-west-3:111122223333:service/prod/worker): OK
  launch: platform unspecified; subnets subnet-b; security groups none (VPC default);
    public IP ENABLED

blocker NET002 net-route-private-no-egress: subnet subnet-a has no route to ecr.api, ecr.dkr or s3
  resource: rtb-1   target: service api
  only in: subnet-a
  evidence:
    rtb-1     no route matches 0.0.0.0/0
    subnet-a  associated with rtb-1
  trace ecr.api from subnet-a: blocked, needed for image api:1.4 (container web)
    eni (task)              sg-1   security-group egress  permitted  rule tcp 443 -> 0.0.0.0/0
    subnet subnet-a (task)  rtb-1  route lookup           no-route   no route matches 0.0.0.0/0
  trace ecr.dkr from subnet-a: blocked, needed for image api:1.4 (container web)
    eni (task)              sg-1   security-group egress  permitted  rule tcp 443 -> 0.0.0.0/0
    subnet subnet-a (task)  rtb-1  route lookup           no-route   no route matches 0.0.0.0/0
  +1 more path (--verbose draws all)
  fix: add a default route to a NAT gateway
    $ aws ec2 create-route --route-table-id rtb-1 --destination-cidr-block 0.0.0.0/0 --nat-gateway-id nat-1

warning NET008 net-mixed-subnets: service api mixes private subnet subnet-a with public subnet
  subnet-b
  resource: subnet-a   target: service api

info NET007 net-main-route-table-surprise: subnet subnet-a uses the main route table rtb-1
  resource: subnet-a   target: service api

dependencies of service api (✓ reachable, ✗ blocked, ? undecided):
           subnet-a  subnet-b
  ecr.api  ✗         ✓
  ecr.dkr  ✗         ✓
  s3       ✗         ?

unchecked:
  FW006  no network ACL data for subnet-b

notes:
  ec2.json /RouteTables/0: unrecognised key Foo
  ec2.json /RouteTables/1: unrecognised key Foo
  ec2.json /RouteTables/10: unrecognised key Foo
  ec2.json /RouteTables/11: unrecognised key Foo
  ec2.json /RouteTables/2: unrecognised key Foo
  ec2.json /RouteTables/3: unrecognised key Foo
  ec2.json /RouteTables/4: unrecognised key Foo
  ec2.json /RouteTables/5: unrecognised key Foo
  ec2.json /RouteTables/6: unrecognised key Foo
  ec2.json /RouteTables/7: unrecognised key Foo
  +2 more notes (--format json lists all)

1 blocker, 1 warning, 1 info in 2 targets: BLOCKED (1 check could not run)
)txt";

TEST(TextWriterTest, SampleLayout) {
  EXPECT_EQ(RenderText(SampleReport(), TextOptions{}), kSampleText);
}

TEST(TextWriterTest, NoColourCodesWithoutColor) {
  TextOptions o;
  o.color = false;
  o.detail = TextOptions::Detail::kVerbose;
  EXPECT_EQ(RenderText(SampleReport(), o).find('\x1b'), std::string::npos);
}

TEST(TextWriterTest, ColourCodesWithColor) {
  TextOptions o;
  o.color = true;
  const std::string text = RenderText(SampleReport(), o);
  EXPECT_NE(text.find("\x1b[1m\x1b[31mblocker\x1b[0m"), std::string::npos);
  EXPECT_NE(text.find("\x1b[1m\x1b[33mwarning\x1b[0m"), std::string::npos);
  EXPECT_NE(text.find("\x1b[1m\x1b[34minfo\x1b[0m"), std::string::npos);
  EXPECT_NE(text.find("\x1b[1m\x1b[31mBLOCKED\x1b[0m"), std::string::npos);
  EXPECT_NE(text.find("\x1b[1m\x1b[32mOK\x1b[0m"), std::string::npos);
}

TEST(TextWriterTest, ColourKeepsTraceColumnsAligned) {
  TextOptions o;
  o.color = true;
  const std::string text = RenderText(SampleReport(), o);
  EXPECT_NE(text.find("permitted  rule tcp 443"), std::string::npos);
  EXPECT_NE(text.find("\x1b[31mno-route\x1b[0m   no route matches"), std::string::npos);
}

TEST(TextWriterTest, QuietPrintsVerdictLinesOnly) {
  TextOptions o;
  o.detail = TextOptions::Detail::kQuiet;
  EXPECT_EQ(RenderText(SampleReport(), o),
            "service api (arn:aws:ecs:eu-west-3:111122223333:service/prod/api): BLOCKED\n"
            "service worker (arn:aws:ecs:eu-west-3:111122223333:service/prod/worker): OK\n");
}

TEST(TextWriterTest, VerboseDrawsEveryPathReachableTracesAndAllNotes) {
  TextOptions o;
  o.detail = TextOptions::Detail::kVerbose;
  const std::string text = RenderText(SampleReport(), o);
  EXPECT_EQ(text.find("more path"), std::string::npos);
  EXPECT_EQ(text.find("more notes"), std::string::npos);
  EXPECT_NE(text.find("  trace ecr.api from subnet-b: reachable via nat-1, needed for image"),
            std::string::npos);
  EXPECT_NE(text.find("    subnet subnet-b (task)  rtb-2  route lookup           forwarded  "
                      "0.0.0.0/0 -> nat-1"),
            std::string::npos);
  EXPECT_NE(text.find("  trace s3 from subnet-b: undecided"), std::string::npos);
  EXPECT_NE(text.find("ec2.json /RouteTables/9: unrecognised key Foo"), std::string::npos);
}

TEST(TextWriterTest, WrapsProseButNotCommands) {
  TextOptions o;
  o.width = 60;
  const std::string text = RenderText(SampleReport(), o);
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    const bool exempt = line.find("$ ") != std::string::npos ||
                        line.find("(task)") != std::string::npos ||
                        line.find("arn:aws") != std::string::npos;
    if (!exempt) {
      EXPECT_LE(line.size(), 60u) << line;
    }
  }
  // Trace columns too wide for the detail: it goes on its own indented line.
  EXPECT_NE(text.find("security-group egress  permitted\n        rule tcp 443 -> 0.0.0.0/0\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("    $ aws ec2 create-route --route-table-id rtb-1 --destination-cidr-block "
                      "0.0.0.0/0 --nat-gateway-id nat-1\n"),
            std::string::npos);
}

TEST(TextWriterTest, EmptyReport) {
  EXPECT_EQ(RenderText(report::Report{}, TextOptions{}),
            "no targets in the input\n\nno findings\n\n0 blockers, 0 warnings, 0 infos in 0 "
            "targets: OK\n");
}

TEST(TextWriterTest, ADeclaredFindingSaysWhereItWasDeclared) {
  report::Report r = SampleReport();
  ASSERT_FALSE(r.findings.empty());
  r.findings[0].location = report::SourceLocation{"vpc.yaml", 12, 5, "PrivateRouteTable", ""};
  EXPECT_NE(RenderText(r, TextOptions{}).find("  declared at: vpc.yaml:12:5 (PrivateRouteTable)\n"), std::string::npos)
      << RenderText(r, TextOptions{});
  EXPECT_EQ(RenderText(SampleReport(), TextOptions{}).find("declared at"), std::string::npos);
}

TEST(TextWriterTest, ATemplatesFixPrintsItsEditsInPlaceOfTheCommands) {
  report::Report r = SampleReport();
  for (auto& f : r.findings)
    if (f.code == "NET002") f.fix.edits = {"# new resource, under Resources of a.yaml:\nRtDefaultRoute:\n  Type: AWS::EC2::Route"};
  const std::string text = RenderText(std::move(r), TextOptions{});
  EXPECT_NE(text.find("\n    # new resource, under Resources of a.yaml:\n    RtDefaultRoute:\n      Type: AWS::EC2::Route\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("$ aws ec2 create-route --route-table-id rtb-1"), std::string::npos) << text;
}

}  // namespace
}  // namespace fd::writers

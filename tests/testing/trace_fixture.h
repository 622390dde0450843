#pragma once
/// The tracer's test fixture (src/analysis/trace/*_test.cpp): TracePath per design, with the
/// code docs/design/checks.md ("Which code a blocked path reports") says a blocked path
/// reports: the first thing on the packet's way that stops it, and the resource a user must
/// change. Models are built in memory; each test starts from one VPC and changes the part it
/// is about. Every file's cases share the suite TracerTest, so `--gtest_filter=TracerTest.*`
/// runs them all.

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "analysis/analyze.h"
#include "testing/model_fixture.h"

namespace fd::analysis::trace_testing {

using report::Severity;
using report::StepAction;
using testing::AllOut;
using testing::E;
using testing::PlRoute;
using testing::R;
using testing::Rule;
using testing::Tcp443;

inline constexpr int kTcp = 6;

inline Need MakeNeed(std::string service, NeedKind kind, std::string host) {
  Need n;
  n.service = std::move(service);
  n.kind = kind;
  n.region = "eu-west-3";
  n.host = std::move(host);
  n.reasons = {"image 123456789012.dkr.ecr.eu-west-3.amazonaws.com/web:1 (container web)"};
  return n;
}

inline const Need kApi = MakeNeed("ecr.api", NeedKind::kInterfaceService, "api.ecr.eu-west-3.amazonaws.com");
inline const Need kDkr = MakeNeed("ecr.dkr", NeedKind::kInterfaceService,
                                  "123456789012.dkr.ecr.eu-west-3.amazonaws.com");
inline const Need kS3 = MakeNeed("s3", NeedKind::kS3,
                                 "prod-eu-west-3-starport-layer-bucket.s3.eu-west-3.amazonaws.com");
inline const Need kLogs = MakeNeed("logs", NeedKind::kInterfaceService, "logs.eu-west-3.amazonaws.com");
inline const Need kHub = MakeNeed("registry:registry-1.docker.io", NeedKind::kRegistry, "registry-1.docker.io");

/// One VPC (10.0.0.0/16, eu-west-3) with
///   subnet-pub  10.0.0.0/24  rtb-pub:  0.0.0.0/0 -> igw-1, and nat-1 lives here
///   subnet-priv 10.0.1.0/24  rtb-priv: 0.0.0.0/0 -> nat-1
///   subnet-iso  10.0.2.0/24  rtb-iso:  local only
///   subnet-vpce 10.0.8.0/24  (endpoint ENIs; uses the main table rtb-main: local only)
/// the default NACL (open) on every subnet, sg-task (all out), the VPC default SG (all out)
/// and the S3 prefix list. A test replaces a piece by adding its own version with the same id
/// *before* Base() (the builder keeps the first copy), and adds endpoints as it needs.
class TracerTest : public ::testing::Test {
 protected:
  TracerTest() {
    target_.kind = TargetKind::kService;
    target_.name = "web";
    target_.arn = "arn:aws:ecs:eu-west-3:123456789012:service/prod/web";
    target_.region = "eu-west-3";
    target_.account = "123456789012";
    target_.task_definition = &td_;
    target_.task_definition_ref = "web:1";
    target_.security_groups = {"sg-task"};
    target_.network_configuration_present = true;
    target_.assign_public_ip_raw = "DISABLED";
    target_.launch_type = "FARGATE";
    target_.platform_version = "1.4.0";
    td_.family = "web";
    td_.revision = 1;
  }

  void Base(bool nacls = true, bool s3_prefix_list = true) {
    f_.Vpc("vpc-1", "10.0.0.0/16");
    f_.Subnet("subnet-pub", "vpc-1", "10.0.0.0/24");
    f_.Subnet("subnet-priv", "vpc-1", "10.0.1.0/24");
    f_.Subnet("subnet-iso", "vpc-1", "10.0.2.0/24");
    f_.Subnet("subnet-vpce", "vpc-1", "10.0.8.0/24");
    f_.Igw("igw-1", "vpc-1");
    f_.Nat("nat-1", "vpc-1", "subnet-pub");
    f_.RouteTable("rtb-main", "vpc-1", {}, {}, /*main=*/true);
    f_.RouteTable("rtb-pub", "vpc-1", {"subnet-pub"}, {R("0.0.0.0/0", "igw-1")});
    f_.RouteTable("rtb-priv", "vpc-1", {"subnet-priv"}, {R("0.0.0.0/0", "nat-1")});
    f_.RouteTable("rtb-iso", "vpc-1", {"subnet-iso"}, {});
    if (nacls) f_.Nacl("acl-default", "vpc-1", {}, testing::OpenEntries(), /*is_default=*/true);
    f_.Sg("sg-task", "vpc-1", {AllOut()});
    f_.Sg("sg-default", "vpc-1", {AllOut()}, {Rule({-1, 0, 65535, {}, {}, {"sg-default"}})}, "default");
    if (s3_prefix_list)
      f_.PrefixList("pl-s3", "com.amazonaws.eu-west-3.s3", {"52.95.128.0/21", "3.5.0.0/19", "52.92.16.0/20"});
  }

  /// The endpoint-only design for subnet-iso: ecr.api, ecr.dkr and logs interface endpoints in
  /// subnet-vpce behind sg-vpce (443 from sg-task-ep), the S3 gateway endpoint on rtb-iso, and
  /// a task SG allowing 443 to sg-vpce and to the S3 prefix list.
  void EndpointDesign(std::initializer_list<const char*> interface_services = {"ecr.api", "ecr.dkr", "logs"},
                      bool s3_gateway = true) {
    if (s3_gateway) {
      f_.RouteTable("rtb-iso", "vpc-1", {"subnet-iso"}, {PlRoute("pl-s3", "vpce-s3")});
      f_.GatewayEndpoint("vpce-s3", "vpc-1", {"rtb-iso"});
    }
    for (const char* s : interface_services)
      f_.InterfaceEndpoint(std::string("vpce-") + s, "vpc-1", s, {"subnet-vpce"}, {"sg-vpce"});
    f_.Sg("sg-vpce", "vpc-1", {}, {Tcp443({}, {}, {"sg-task-ep"})});
    f_.Sg("sg-task-ep", "vpc-1", {Tcp443({}, {"pl-s3"}, {"sg-vpce"})});
    target_.security_groups = {"sg-task-ep"};
  }

  PathResult Trace(const Need& need, const std::string& subnet) {
    if (!built_) {
      model_ = f_.Build();
      built_ = true;
    }
    return TracePath(model_, target_, need, subnet);
  }

  static std::vector<std::string> Codes(const PathResult& p) {
    std::vector<std::string> out;
    for (const auto& f : p.faults) out.emplace_back(ToString(f.code));
    return out;
  }
  static const Fault* FaultOf(const PathResult& p, const std::string& code) {
    for (const auto& f : p.faults)
      if (ToString(f.code) == code) return &f;
    return nullptr;
  }
  /// The first blocker: the primary cause docs/design/checks.md says the path reports.
  static const Fault* FirstBlocker(const PathResult& p) {
    for (const auto& f : p.faults)
      if (f.severity == Severity::kBlocker) return &f;
    return nullptr;
  }
  static bool Unchecked(const PathResult& p, const std::string& code) {
    return std::any_of(p.unchecked.begin(), p.unchecked.end(),
                       [&](const Gap& u) { return ToString(u.code) == code; });
  }
  static std::string Dump(const PathResult& p) {
    std::string s = "reachable=" + std::string(!p.reachable ? "null" : *p.reachable ? "true" : "false") +
                    " via=" + p.via + "\n";
    for (const auto& f : p.faults)
      s += "  fault " + std::string(ToString(f.code)) + " [" + std::string(report::ToString(f.severity)) + "] " + f.resource + ": " +
           f.claim + "\n";
    for (const auto& t : p.trace)
      s += "  step " + t.hop + " | " + t.step + " | " + std::string(report::ToString(t.action)) + " | " +
           t.detail + "\n";
    for (const auto& u : p.unchecked) s += "  unchecked " + std::string(ToString(u.code)) + ": " + u.reason + "\n";
    return s;
  }

  /// Expects the path blocked with `code` as its primary cause, on `resource`.
  void ExpectBlocked(const PathResult& p, const std::string& code, const std::string& resource) {
    EXPECT_EQ(p.reachable, std::optional<bool>(false)) << Dump(p);
    const Fault* f = FirstBlocker(p);
    ASSERT_NE(f, nullptr) << Dump(p);
    EXPECT_EQ(ToString(f->code), code) << Dump(p);
    EXPECT_EQ(f->resource, resource) << Dump(p);
  }
  void ExpectReached(const PathResult& p, const std::string& via) {
    EXPECT_EQ(p.reachable, std::optional<bool>(true)) << Dump(p);
    EXPECT_EQ(p.via, via) << Dump(p);
    EXPECT_EQ(FirstBlocker(p), nullptr) << Dump(p);
  }

  testing::Fixture f_;
  model::TaskDefinition td_;
  Target target_;
  model::Model model_;
  bool built_ = false;
};

}  // namespace fd::analysis::trace_testing

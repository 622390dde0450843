// The corpus designs (../shared/corpus/cloudformation, README section 1) built into the model and
// diagnosed end to end: the endpoint-only VPCs and the NAT design start clean, and each mutation
// of them (written here as an edit of the template) gets its code, located at the logical ID to
// change.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>

#include "predeploy/cfn/cdk.h"
#include "predeploy/edits.h"
#include "testing/cfn_model.h"
#include "testing/shared_corpus.h"

namespace fd::predeploy::cfn {
namespace {

using fd::testing::CfnFiles;
using fd::testing::CorpusPath;
using fd::testing::Describe;
using fd::testing::DiagnoseCfn;
using fd::testing::Edit;
using fd::testing::FindingsOf;
using fd::testing::HasBlocker;
using fd::testing::ReadCorpus;

constexpr const char* kIsolated = "cloudformation/container-patterns/ecs-cluster-isolated-vpc-no-nat-gateway";
constexpr const char* kNat = "cloudformation/aws-cloudformation-templates";
constexpr const char* kCdkIsolated =
    "cloudformation/aws-cdk/integ.queue-processing-fargate-service-isolated.js.snapshot";
constexpr const char* kWhat = "diagnosing the corpus CloudFormation designs and their mutations";
constexpr const char* kImage = "ImageUri=111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1";

// The isolated design (a SAM parent with three nested stacks), `vpc` replacing isolated-vpc.yml.
void WriteIsolated(const CfnFiles& files, const std::string& vpc) {
  for (const char* name : {"parent.yml", "cluster.yml", "private-service.yml"})
    files.Write(name, ReadCorpus(std::string(kIsolated) + "/" + name));
  files.Write("isolated-vpc.yml", vpc);
}

std::string IsolatedVpc() { return ReadCorpus(std::string(kIsolated) + "/isolated-vpc.yml"); }

// `text` without the lines from `from` (included) to `to` (excluded): a resource deleted.
std::string Cut(const std::string& text, const std::string& from, const std::string& to) {
  const auto begin = text.find(from);
  const auto end = text.find(to, begin);
  EXPECT_TRUE(begin != std::string::npos && end != std::string::npos) << from << " .. " << to;
  if (begin == std::string::npos || end == std::string::npos) return text;
  return text.substr(0, begin) + text.substr(end);
}

// The one finding with `code`, whose resource was declared as `logical_id`.
void ExpectFindingAt(const fd::testing::CfnDiagnosis& d, const std::string& code,
                     const std::string& logical_id) {
  auto found = FindingsOf(d.report, code);
  ASSERT_FALSE(found.empty()) << code << " expected\n" << Describe(d);
  bool located = false;
  for (const report::Finding* f : found)
    located = located || (f->location && f->location->declared_id == logical_id);
  EXPECT_TRUE(located) << code << " not located at " << logical_id << "\n" << Describe(d);
}

TEST(CfnDiagnose, IsolatedVpcWithEndpointsHasNoBlocker) {
  FD_SKIP_WITHOUT_CORPUS(kIsolated, kWhat);
  CfnFiles files;
  WriteIsolated(files, IsolatedVpc());
  auto d = DiagnoseCfn(files, {"parent.yml"}, {kImage});
  ASSERT_EQ(d.report.targets.size(), 1u) << Describe(d);
  EXPECT_FALSE(HasBlocker(d.report)) << Describe(d);
  EXPECT_TRUE(FindingsOf(d.report, "VPCE001").empty()) << Describe(d);
}

TEST(CfnDiagnose, IsolatedVpcWithoutEcrDkrEndpointIsVpce001) {
  FD_SKIP_WITHOUT_CORPUS(kIsolated, kWhat);
  CfnFiles files;
  WriteIsolated(files, Cut(IsolatedVpc(), "  EcrDkrEndpoint:", "  SecretsManagerEndpoint:"));
  auto d = DiagnoseCfn(files, {"parent.yml"}, {kImage});
  EXPECT_TRUE(HasBlocker(d.report)) << Describe(d);
  ExpectFindingAt(d, "VPCE001", "VPC");  // the VPC that lacks the endpoint
}

TEST(CfnDiagnose, IsolatedVpcWithoutLogsEndpointIsVpce004) {
  FD_SKIP_WITHOUT_CORPUS(kIsolated, kWhat);
  CfnFiles files;
  WriteIsolated(files, Cut(IsolatedVpc(), "  CloudWatchLogsEndpoint:", "  SsmEndpoint:"));
  auto d = DiagnoseCfn(files, {"parent.yml"}, {kImage});
  ExpectFindingAt(d, "VPCE004", "VPC");
  EXPECT_TRUE(FindingsOf(d.report, "VPCE001").empty()) << Describe(d);
}

TEST(CfnDiagnose, EcrDkrEndpointWithoutPrivateDnsIsVpce006AtTheEndpoint) {
  FD_SKIP_WITHOUT_CORPUS(kIsolated, kWhat);
  CfnFiles files;
  WriteIsolated(files, Edit(IsolatedVpc(),
                            "  EcrDkrEndpoint:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n"
                            "      VpcEndpointType: Interface\n      PrivateDnsEnabled: true",
                            "  EcrDkrEndpoint:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n"
                            "      VpcEndpointType: Interface\n      PrivateDnsEnabled: false"));
  auto d = DiagnoseCfn(files, {"parent.yml"}, {kImage});
  EXPECT_TRUE(HasBlocker(d.report)) << Describe(d);
  ExpectFindingAt(d, "VPCE006", "EcrDkrEndpoint");
}

// The CDK isolated assembly diagnosed, each template's JSON first given to `edit`.
fd::testing::CfnDiagnosis DiagnoseCdkIsolated(const std::function<void(nlohmann::json&)>& edit = {}) {
  auto assembly = ReadCloudAssembly(CorpusPath(kCdkIsolated));
  EXPECT_TRUE(assembly) << assembly.error().message;
  if (!assembly) return {};
  for (TemplateInput& in : assembly->stacks) {
    if (!edit) break;
    nlohmann::json doc = nlohmann::json::parse(std::ifstream(in.path));
    edit(doc);
    in.text = doc.dump();
  }
  Options options;
  options.region = fd::testing::kCfnRegion;
  options.account = fd::testing::kCfnAccount;
  auto t = ReadTemplates(assembly->stacks, options);
  EXPECT_TRUE(t) << t.error().message;
  auto m = t ? BuildModel(*t, {fd::testing::kCfnRegion, fd::testing::kCfnAccount}) : MakeError(t.error().code, "");
  EXPECT_TRUE(m) << m.error().message;
  auto r = m ? engine::Diagnose(m->model, {}) : MakeError(m.error().code, "");
  EXPECT_TRUE(r) << r.error().message;
  if (!r) return {};
  fd::testing::CfnDiagnosis d{std::move(*m), std::move(*r)};
  predeploy::Locate(d.report, d.declared.origins);
  return d;
}

TEST(CfnDiagnose, CdkIsolatedAssemblyHasNoBlocker) {
  FD_SKIP_WITHOUT_CORPUS(kCdkIsolated, kWhat);
  const auto d = DiagnoseCdkIsolated();
  ASSERT_EQ(d.report.targets.size(), 1u) << Describe(d);
  EXPECT_FALSE(HasBlocker(d.report)) << Describe(d);
  // The pull grant's statements are known though the log grant's Resource is a generated log
  // group's ARN: the ECR permissions are decided, not unchecked.
  for (const report::Unchecked& u : d.report.unchecked) EXPECT_NE(u.check, "IAM004") << u.reason;
}

// CDK grants the execution role its pull of the asset image in the role's DefaultPolicy, beside
// a log grant whose Resource only deployment knows: without the ECR actions, IAM004 still
// fires, at the role.
TEST(CfnDiagnose, CdkExecutionRoleWithoutEcrActionsIsIam004) {
  FD_SKIP_WITHOUT_CORPUS(kCdkIsolated, kWhat);
  const auto d = DiagnoseCdkIsolated([](nlohmann::json& doc) {
    for (auto& [id, r] : doc["Resources"].items()) {
      if (r["Type"] != "AWS::IAM::Policy") continue;
      for (auto& st : r["Properties"]["PolicyDocument"]["Statement"]) {
        nlohmann::json actions = st["Action"].is_array() ? st["Action"] : nlohmann::json::array({st["Action"]});
        nlohmann::json keep = nlohmann::json::array();
        for (const auto& a : actions)
          if (!a.get<std::string>().starts_with("ecr:")) keep.push_back(a);
        st["Action"] = keep.empty() ? nlohmann::json("logs:CreateLogStream") : keep;
      }
    }
  });
  ExpectFindingAt(d, "IAM004", "IsolatedQueueServiceQueueProcessingTaskDefExecutionRole1D7ACC77");
}

// The NAT design: the cluster stack "production" and its service in the private subnets, its
// image in the account's ECR (the template's default, nginx from Docker Hub, when `ecr` is false).
struct NatDesign {
  nlohmann::json vpc = nlohmann::json::parse(ReadCorpus(std::string(kNat) + "/private-vpc.json"));
  std::string service = ReadCorpus(std::string(kNat) + "/private-subnet-public-service.json");
  bool ecr = true;
  fd::testing::CfnDiagnosis Diagnose() const {
    CfnFiles files;
    files.Write("private-vpc.json", vpc.dump(2));
    files.Write("service.json", service);
    std::vector<std::string> parameters;
    if (ecr) parameters.push_back("ImageUrl=111122223333.dkr.ecr.us-east-1.amazonaws.com/nginx:1");
    return DiagnoseCfn(files, {"production=private-vpc.json", "nginx=service.json"}, parameters);
  }
};

TEST(CfnDiagnose, NatDesignHasNoBlocker) {
  FD_SKIP_WITHOUT_CORPUS(kNat, kWhat);
  auto d = NatDesign().Diagnose();
  ASSERT_EQ(d.report.targets.size(), 1u) << Describe(d);
  EXPECT_FALSE(HasBlocker(d.report)) << Describe(d);
  EXPECT_TRUE(FindingsOf(d.report, "NET002").empty()) << Describe(d);
  // Its ip target group is forwarded to by a rule of the other stack's listener.
  EXPECT_TRUE(FindingsOf(d.report, "SVC001").empty()) << Describe(d);
  EXPECT_TRUE(FindingsOf(d.report, "SVC002").empty()) << Describe(d);
}

// `text` (a JSON template) after `edit`.
std::string EditJson(const std::string& text, const std::function<void(nlohmann::json&)>& edit) {
  nlohmann::json j = nlohmann::json::parse(text);
  edit(j);
  return j.dump(2);
}

TEST(CfnDiagnose, TargetGroupWithoutTargetTypeIsSvc001AtTheGroup) {
  FD_SKIP_WITHOUT_CORPUS(kNat, kWhat);
  NatDesign design;  // CloudFormation's default TargetType is instance
  design.service = EditJson(design.service, [](nlohmann::json& t) {
    t["Resources"]["TargetGroup"]["Properties"].erase("TargetType");
  });
  auto d = design.Diagnose();
  EXPECT_TRUE(HasBlocker(d.report)) << Describe(d);
  ExpectFindingAt(d, "SVC001", "TargetGroup");
  // The fix is the type set on the declared group, in its own file.
  AddEdits(d.report, InputKind::kCloudFormation, DeclarationsOf(d.declared));
  const report::Finding* f = FindingsOf(d.report, "SVC001").front();
  ASSERT_EQ(f->fix.edits.size(), 1u) << Describe(d);
  EXPECT_EQ(f->fix.edits[0].rfind("# in TargetGroup (", 0), 0u) << f->fix.edits[0];
  EXPECT_NE(f->fix.edits[0].find("service.json:"), std::string::npos) << f->fix.edits[0];
  EXPECT_NE(f->fix.edits[0].find("\nTargetType: ip\n"), std::string::npos) << f->fix.edits[0];
}

TEST(CfnDiagnose, TargetGroupNoListenerForwardsToIsSvc002AtTheGroup) {
  FD_SKIP_WITHOUT_CORPUS(kNat, kWhat);
  NatDesign design;
  design.service = EditJson(design.service, [](nlohmann::json& t) { t["Resources"].erase("LoadBalancerRule"); });
  auto d = design.Diagnose();
  EXPECT_TRUE(HasBlocker(d.report)) << Describe(d);
  ExpectFindingAt(d, "SVC002", "TargetGroup");
}

TEST(CfnDiagnose, AServiceNotWaitingForItsListenerRuleIsSvc002AtTheService) {
  FD_SKIP_WITHOUT_CORPUS(kNat, kWhat);
  NatDesign design;  // the corpus service has DependsOn: LoadBalancerRule (silent: NatDesignHasNoBlocker)
  design.service = EditJson(design.service, [](nlohmann::json& t) { t["Resources"]["Service"].erase("DependsOn"); });
  auto d = design.Diagnose();
  ExpectFindingAt(d, "SVC002", "Service");
  for (const report::Finding* f : FindingsOf(d.report, "SVC002")) {
    EXPECT_EQ(f->severity, report::Severity::kWarning) << Describe(d);
    EXPECT_NE(f->fix.summary.find("DependsOn: LoadBalancerRule"), std::string::npos) << f->fix.summary;
  }
}

TEST(CfnDiagnose, BalancerNotInATaskSubnetsZoneIsSvc002AtTheBalancer) {
  FD_SKIP_WITHOUT_CORPUS(kNat, kWhat);
  NatDesign design;  // zones written out: `!Select [0, !GetAZs ""]` is known only in an account
  for (const char* subnet : {"PublicSubnetOne", "PrivateSubnetOne", "PublicSubnetTwo", "PrivateSubnetTwo"})
    design.vpc["Resources"][subnet]["Properties"]["AvailabilityZone"] =
        std::string(subnet).find("One") != std::string::npos ? "us-east-1a" : "us-east-1b";
  auto both = design.Diagnose();
  EXPECT_TRUE(FindingsOf(both.report, "SVC002").empty()) << Describe(both);
  EXPECT_EQ(both.report.unchecked.end(),
            std::find_if(both.report.unchecked.begin(), both.report.unchecked.end(),
                         [](const report::Unchecked& u) { return u.check == "SVC002"; }))
      << Describe(both);
  // The balancer in the first zone only: the tasks of the second never get traffic.
  design.vpc["Resources"]["PublicLoadBalancer"]["Properties"]["Subnets"] =
      nlohmann::json::parse(R"([{"Ref": "PublicSubnetOne"}])");
  auto d = design.Diagnose();
  ExpectFindingAt(d, "SVC002", "PublicLoadBalancer");
  for (const report::Finding* f : FindingsOf(d.report, "SVC002"))
    EXPECT_EQ(f->severity, report::Severity::kWarning) << Describe(d);
}

TEST(CfnDiagnose, NatRoutesDeletedIsNet002AtThePrivateRouteTable) {
  FD_SKIP_WITHOUT_CORPUS(kNat, kWhat);
  NatDesign design;
  design.vpc["Resources"].erase("PrivateRouteOne");
  design.vpc["Resources"].erase("PrivateRouteTwo");
  auto d = design.Diagnose();
  EXPECT_TRUE(HasBlocker(d.report)) << Describe(d);
  ExpectFindingAt(d, "NET002", "PrivateRouteTableOne");
  // A Docker Hub image has no endpoint to fall back on: the image is what is at fault.
  design.ecr = false;
  auto hub = design.Diagnose();
  EXPECT_TRUE(FindingsOf(hub.report, "NET002").empty()) << Describe(hub);
  EXPECT_FALSE(FindingsOf(hub.report, "IMG006").empty()) << Describe(hub);
}

TEST(CfnDiagnose, NatDesignWithDockerHubImageHasNoBlocker) {
  FD_SKIP_WITHOUT_CORPUS(kNat, kWhat);
  NatDesign design;
  design.ecr = false;
  auto d = design.Diagnose();
  EXPECT_FALSE(HasBlocker(d.report)) << Describe(d);
}

TEST(CfnDiagnose, TaskGroupEgressWithout443IsFw001AtTheGroup) {
  FD_SKIP_WITHOUT_CORPUS(kNat, kWhat);
  NatDesign design;
  design.vpc["Resources"]["FargateContainerSecurityGroup"]["Properties"]["SecurityGroupEgress"] =
      nlohmann::json::parse(R"([{"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "CidrIp": "0.0.0.0/0"}])");
  auto d = design.Diagnose();
  EXPECT_TRUE(HasBlocker(d.report)) << Describe(d);
  ExpectFindingAt(d, "FW001", "FargateContainerSecurityGroup");
}

// The service moved to the public subnets: it needs a public IP there.
std::string InPublicSubnets(std::string service) {
  service = Edit(service, "\"PrivateSubnetOne\"", "\"PublicSubnetOne\"");
  return Edit(service, "\"PrivateSubnetTwo\"", "\"PublicSubnetTwo\"");
}

TEST(CfnDiagnose, PublicSubnetWithoutPublicIpIsNet001) {
  FD_SKIP_WITHOUT_CORPUS(kNat, kWhat);
  NatDesign design;
  design.service = Edit(InPublicSubnets(design.service), "\"AssignPublicIp\": \"ENABLED\"",
                        "\"AssignPublicIp\": \"DISABLED\"");
  auto d = design.Diagnose();
  EXPECT_TRUE(HasBlocker(d.report)) << Describe(d);
  ExpectFindingAt(d, "NET001", "Service");  // AssignPublicIp is the service's
}

TEST(CfnDiagnose, PublicSubnetWithPublicIpIsNotNet001) {
  FD_SKIP_WITHOUT_CORPUS(kNat, kWhat);
  NatDesign design;
  design.service = InPublicSubnets(design.service);
  auto d = design.Diagnose();
  EXPECT_TRUE(FindingsOf(d.report, "NET001").empty()) << Describe(d);
  EXPECT_FALSE(HasBlocker(d.report)) << Describe(d);
}

}  // namespace
}  // namespace fd::predeploy::cfn

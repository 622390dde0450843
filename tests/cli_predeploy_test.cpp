// `diagnose` on templates and plans, end to end through the binary: a Terraform plan is told
// from a snapshot by its content, its findings point at the plan's lines in every format, and a
// plan that declares no service is exit 2 saying so. (The mappers' own tests cover what each
// resource becomes: src/predeploy/tf/, src/predeploy/cfn/.)
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <nlohmann/json.hpp>
#include <string>

#include "testing/shell.h"
#include "testing/tf_plan_edits.h"

namespace fd::testing {
namespace {

const std::string kBinary = FD_BINARY;
const std::string kPlan = std::string(FD_SOURCE_DIR) + "/tests/predeploy/terraform/fargate_private.plan.json";

std::string Diagnose(const std::string& args, int* rc) {
  return ShellOutput(Quote(kBinary) + " diagnose " + args + " 2>&1", rc);
}

TEST(CliPredeployTest, TheHealthyPlanHasNoBlocker) {
  int rc = -1;
  const std::string out = Diagnose("--format json " + Quote(kPlan), &rc);
  const nlohmann::json doc = nlohmann::json::parse(out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << out;
  for (const auto& f : doc["findings"]) EXPECT_NE(f["severity"], "blocker") << f.dump();
  EXPECT_NE(rc, 1) << out;
}

TEST(CliPredeployTest, APlanIsToldByContentAndItsFindingsPointAtItsLines) {
  // The healthy plan without its NAT route: the private route table has no way out (NET002).
  nlohmann::json edited = predeploy::tf::testing::LoadTestPlan("fargate_private.plan.json");
  predeploy::tf::testing::RemoveResource(edited, "aws_route.private_nat");
  const std::string plan = ::testing::TempDir() + "/fd-plan-without-nat-route.json";
  std::ofstream(plan) << edited.dump(1);
  int rc = -1;
  const std::string out = Diagnose("--format json " + Quote(plan), &rc);
  const nlohmann::json doc = nlohmann::json::parse(out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << out;
  ASSERT_FALSE(doc["findings"].empty()) << out;
  for (const auto& f : doc["findings"]) {
    ASSERT_TRUE(f.contains("location")) << f.dump();
    EXPECT_EQ(f["location"]["file"], plan);
    EXPECT_GT(f["location"]["line"].get<int>(), 1) << f.dump();
    EXPECT_EQ(f["location"]["declared_id"], f["resource"]) << f.dump();  // a plan's IDs are its addresses
  }
  EXPECT_EQ(rc, 1) << out;
  bool net002 = false;
  for (const auto& f : doc["findings"]) net002 |= f["code"] == "NET002" && f["resource"] == "aws_route_table.private";
  EXPECT_TRUE(net002) << out;

  const nlohmann::json sarif = nlohmann::json::parse(Diagnose("--format sarif " + Quote(plan), &rc), nullptr, false);
  ASSERT_FALSE(sarif.is_discarded());
  const nlohmann::json& loc = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
  EXPECT_EQ(loc["artifactLocation"]["uri"], plan);
  EXPECT_EQ(loc["region"]["startLine"], doc["findings"][0]["location"]["line"]);
}

/// The 1-based line of the first line of `file` that starts with `prefix`, after `after`.
int LineOf(const std::string& file, const std::string& after, const std::string& prefix) {
  std::ifstream in(file);
  std::string line;
  bool seen = false;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.rfind(after, 0) == 0) seen = true;
    else if (seen && line.rfind(prefix, 0) == 0) return n;
  }
  return 0;
}

TEST(CliPredeployTest, ATemplatesBlockerPointsAtTheDeclarationToChange) {
  const std::string tmpl = std::string(FD_SOURCE_DIR) + "/tests/predeploy/cloudformation/private-no-way-out.yaml";
  int rc = -1;
  const std::string out =
      Diagnose("--format sarif --region eu-west-3 --account 111122223333 " + Quote(tmpl), &rc);
  EXPECT_EQ(rc, 1) << out;
  const nlohmann::json sarif = nlohmann::json::parse(out, nullptr, false);
  ASSERT_FALSE(sarif.is_discarded()) << out;
  const nlohmann::json* net002 = nullptr;
  for (const auto& r : sarif["runs"][0]["results"])
    if (r["ruleId"] == "NET002") net002 = &r;
  ASSERT_NE(net002, nullptr) << out;
  const nlohmann::json& loc = (*net002)["locations"][0];
  EXPECT_EQ(loc["physicalLocation"]["artifactLocation"]["uri"], tmpl);
  // The route table's declaration: the body under its key (its first property).
  EXPECT_EQ(loc["physicalLocation"]["region"]["startLine"], LineOf(tmpl, "  PrivateRouteTable:", "    Type:"));
  EXPECT_EQ(loc["logicalLocations"][0]["fullyQualifiedName"], "private-no-way-out/PrivateRouteTable");
}

TEST(CliPredeployTest, ATemplateAndAPlanAreDiagnosedInOneRun) {
  // The template's private table has no way out; the plan's design is healthy. One report holds
  // both services, each finding located in its own file.
  const std::string tmpl = std::string(FD_SOURCE_DIR) + "/tests/predeploy/cloudformation/private-no-way-out.yaml";
  int rc = -1;
  const std::string out = Diagnose(
      "--format json --region eu-west-3 --account 111122223333 " + Quote(tmpl) + " " + Quote(kPlan), &rc);
  EXPECT_EQ(rc, 1) << out;
  const nlohmann::json doc = nlohmann::json::parse(out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << out;
  std::map<std::string, std::string> verdicts;  // target name -> verdict
  for (const auto& t : doc["targets"]) verdicts[t.value("name", "")] = t.value("verdict", "");
  ASSERT_EQ(verdicts.size(), 2u) << out;
  std::set<std::string> blocked_files;
  for (const auto& f : doc["findings"])
    if (f["severity"] == "blocker") blocked_files.insert(f["location"].value("file", ""));
  EXPECT_EQ(blocked_files, std::set<std::string>{tmpl}) << out;
  bool net002_in_template = false;
  for (const auto& f : doc["findings"])
    net002_in_template |= f["code"] == "NET002" && f["location"].value("file", "") == tmpl;
  EXPECT_TRUE(net002_in_template) << out;
}

TEST(CliPredeployTest, AConditionOnAParameterWithoutValueIsEvaluatedBothWays) {
  // The NAT gateway and the private default route exist only when WithNat is "yes"; the
  // template gives no value. Judged as created, the path works: only the "no" run breaks it.
  const std::string tmpl = std::string(FD_SOURCE_DIR) + "/tests/predeploy/cloudformation/nat-on-a-parameter.yaml";
  const std::string common = "--format json --region eu-west-3 --account 111122223333 ";
  int rc = -1;
  const std::string out = Diagnose(common + Quote(tmpl), &rc);
  EXPECT_EQ(rc, 1) << out;  // the gate holds the worse way
  const nlohmann::json doc = nlohmann::json::parse(out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << out;
  std::vector<std::string> blockers;
  for (const auto& f : doc["findings"])
    if (f["severity"] == "blocker") blockers.push_back(f["code"].get<std::string>() + ": " + f["message"].get<std::string>());
  ASSERT_EQ(blockers.size(), 1u) << out;
  EXPECT_TRUE(blockers[0].starts_with("NET002: route table PrivateRouteTable")) << blockers[0];
  EXPECT_TRUE(blockers[0].ends_with("(when WithNat=no)")) << blockers[0];
  std::string notes;
  for (const auto& n : doc["input_notes"]) notes += n["note"].get<std::string>() + "\n";
  EXPECT_NE(notes.find("evaluated with WithNat=no: 1 more finding: NET002 (blocker)"), std::string::npos) << notes;
  EXPECT_NE(notes.find("evaluated with WithNat=yes: nothing more is found"), std::string::npos) << notes;

  // Given the value, there is one run and no label; "yes" has no blocker.
  EXPECT_EQ((Diagnose(common + "--parameter WithNat=yes " + Quote(tmpl), &rc), rc), 0);
  const std::string no = Diagnose(common + "--parameter WithNat=no " + Quote(tmpl), &rc);
  EXPECT_EQ(rc, 1) << no;
  EXPECT_EQ(no.find("(when "), std::string::npos) << no;
  EXPECT_EQ(no.find("evaluated with"), std::string::npos) << no;
}

TEST(CliPredeployTest, TheExecutionRolesManagedPolicyIsKnownBeforeDeployment) {
  // AmazonECSTaskExecutionRolePolicy is bundled: with it the role's pull and log permissions
  // are decided (no IAM check unchecked); swapped for a logs-only managed policy, the role
  // cannot pull (IAM004) and the finding points at the role.
  const std::string tmpl = std::string(FD_SOURCE_DIR) + "/tests/predeploy/cloudformation/nat-on-a-parameter.yaml";
  const std::string common = "--format json --region eu-west-3 --account 111122223333 --parameter WithNat=yes ";
  int rc = -1;
  const std::string out = Diagnose(common + Quote(tmpl), &rc);
  const nlohmann::json doc = nlohmann::json::parse(out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << out;
  ASSERT_TRUE(doc["coverage"]["unchecked"].is_array()) << out;
  for (const auto& u : doc["coverage"]["unchecked"]) EXPECT_FALSE(u["check"].get<std::string>().starts_with("IAM")) << u.dump();
  EXPECT_EQ(rc, 0) << out;

  std::ifstream in(tmpl);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string from = "service-role/AmazonECSTaskExecutionRolePolicy";
  ASSERT_NE(text.find(from), std::string::npos);
  text.replace(text.find(from), from.size(), "CloudWatchLogsFullAccess");
  const std::string edited = ::testing::TempDir() + "/fd-exec-role-without-pull.yaml";
  std::ofstream(edited) << text;
  const std::string broken = Diagnose(common + Quote(edited), &rc);
  EXPECT_EQ(rc, 1) << broken;
  const nlohmann::json bdoc = nlohmann::json::parse(broken, nullptr, false);
  ASSERT_FALSE(bdoc.is_discarded()) << broken;
  ASSERT_EQ(bdoc["findings"].size(), 1u) << broken;
  EXPECT_EQ(bdoc["findings"][0]["code"], "IAM004");
  EXPECT_EQ(bdoc["findings"][0]["location"]["line"], LineOf(edited, "  ExecutionRole:", "    Type:"));

  // A role with no policy at all allows nothing: IAM004 and IAM005 (it was silent).
  const std::string managed = "      ManagedPolicyArns:\n        - arn:aws:iam::aws:policy/CloudWatchLogsFullAccess\n";
  ASSERT_NE(text.find(managed), std::string::npos);
  text.erase(text.find(managed), managed.size());
  std::ofstream(edited) << text;
  const std::string bare = Diagnose(common + Quote(edited), &rc);
  EXPECT_EQ(rc, 1) << bare;
  const nlohmann::json bare_doc = nlohmann::json::parse(bare, nullptr, false);
  ASSERT_FALSE(bare_doc.is_discarded()) << bare;
  std::vector<std::string> codes;
  for (const auto& f : bare_doc["findings"]) codes.push_back(f["code"]);
  EXPECT_EQ(codes, (std::vector<std::string>{"IAM004", "IAM005"})) << bare;
}

TEST(CliPredeployTest, ATemplateInAnExistingVpcIsTracedThroughTheSnapshot) {
  // The demo account's private subnets route to a NAT gateway in a private subnet (NET005);
  // its public subnets route to the internet gateway.
  const std::string tmpl = std::string(FD_SOURCE_DIR) + "/tests/predeploy/cloudformation/service-in-existing-vpc.yaml";
  const std::string demo = std::string(FD_SOURCE_DIR) + "/examples/demo";
  const std::string common = "--format json --region eu-west-3 --account 111122223333 --parameter VpcId=vpc-0fb430d8a8042f1c7 ";
  auto blockers = [](const std::string& out) {
    std::vector<std::string> codes;
    const nlohmann::json doc = nlohmann::json::parse(out, nullptr, false);
    if (doc.is_discarded()) return std::vector<std::string>{"not JSON: " + out};
    for (const auto& f : doc["findings"])
      if (f["severity"] == "blocker") codes.push_back(f["code"]);
    return codes;
  };
  const std::string priv = "--parameter Subnets=subnet-0938a53a4a322a710,subnet-00675a05856e4a684 ";
  int rc = -1;
  std::string out = Diagnose(common + priv + Quote(tmpl) + " " + Quote(demo), &rc);
  EXPECT_EQ(rc, 1) << out;
  EXPECT_EQ(blockers(out), std::vector<std::string>{"NET005"}) << out;

  const std::string pub = "--parameter Subnets=subnet-0b62c9a97558a0334 --parameter PublicIp=ENABLED ";
  out = Diagnose(common + pub + Quote(tmpl) + " " + Quote(demo), &rc);
  EXPECT_TRUE(blockers(out).empty()) << out;
  EXPECT_EQ(rc, 0) << out;

  // Without the snapshot the same subnets are IDs nothing read holds: undecided, not fine.
  out = Diagnose(common + priv + Quote(tmpl), &rc);
  EXPECT_TRUE(blockers(out).empty()) << out;
  EXPECT_NE(out.find("\"verdict\": \"inconclusive\""), std::string::npos) << out;
}

TEST(CliPredeployTest, ALogGroupNeitherDeclaredNorDeployedIsLog001OnlyWithTheSnapshot) {
  // The container logs to /ecs/web, which the template does not create (no awslogs-create-group)
  // and the demo account does not have. Only the account can say a log group is missing.
  const std::string tmpl = std::string(FD_SOURCE_DIR) + "/tests/predeploy/cloudformation/service-in-existing-vpc.yaml";
  std::ifstream in(tmpl);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string image = "          Image: public.ecr.aws/nginx/nginx:latest\n";
  ASSERT_NE(text.find(image), std::string::npos);
  text.insert(text.find(image) + image.size(),
              "          LogConfiguration:\n            LogDriver: awslogs\n            Options:\n"
              "              awslogs-group: /ecs/web\n              awslogs-region: !Ref AWS::Region\n"
              "              awslogs-stream-prefix: web\n");
  const std::string edited = ::testing::TempDir() + "/fd-undeclared-log-group.yaml";
  std::ofstream(edited) << text;
  const std::string args = "--format json --region eu-west-3 --parameter VpcId=vpc-0fb430d8a8042f1c7 "
                           "--parameter Subnets=subnet-0b62c9a97558a0334 --parameter PublicIp=ENABLED " + Quote(edited);
  int rc = -1;
  std::string out = Diagnose(args + " " + Quote(std::string(FD_SOURCE_DIR) + "/examples/demo"), &rc);
  EXPECT_EQ(rc, 1) << out;
  nlohmann::json doc = nlohmann::json::parse(out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << out;
  ASSERT_EQ(doc["findings"].size(), 1u) << out;
  EXPECT_EQ(doc["findings"][0]["code"], "LOG001");
  // The log group is declared nowhere: the finding points at its target's declaration.
  EXPECT_EQ(doc["findings"][0]["location"]["declared_id"], "Service");

  out = Diagnose(args, &rc);
  doc = nlohmann::json::parse(out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << out;
  EXPECT_TRUE(doc["findings"].empty()) << out;
  bool unchecked = false;
  for (const auto& u : doc["coverage"]["unchecked"]) unchecked = unchecked || u["check"] == "LOG001";
  EXPECT_TRUE(unchecked) << out;
}

TEST(CliPredeployTest, AnImportOfADeployedStacksExportResolvesThroughListExports) {
  // The service imports its VPC and subnets from the network stack already deployed; the
  // snapshot's list-exports answer (beside the demo account's network) resolves them, in the
  // Region of the run only.
  const std::string tmpl = std::string(FD_SOURCE_DIR) + "/tests/predeploy/cloudformation/service-in-existing-vpc.yaml";
  std::ifstream in(tmpl);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto replace = [&](const std::string& from, const std::string& to) {
    ASSERT_NE(text.find(from), std::string::npos) << from;
    text.replace(text.find(from), from.size(), to);
  };
  replace("VpcId: !Ref VpcId", "VpcId: !ImportValue shop-prod-VpcId");
  replace("Subnets: !Ref Subnets", "Subnets: !Split [',', !ImportValue shop-prod-PrivateSubnets]");
  const std::string dir = ::testing::TempDir() + "/fd-import-deployed";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir + "/snapshot");
  std::filesystem::copy(std::string(FD_SOURCE_DIR) + "/examples/demo", dir + "/snapshot",
                        std::filesystem::copy_options::recursive);
  std::ofstream(dir + "/service.yaml") << text;
  std::ofstream(dir + "/snapshot/cloudformation-list-exports.json") << R"({"Exports": [
    {"ExportingStackId": "arn:aws:cloudformation:eu-west-3:111122223333:stack/shop-prod/1",
     "Name": "shop-prod-VpcId", "Value": "vpc-0fb430d8a8042f1c7"},
    {"ExportingStackId": "arn:aws:cloudformation:eu-west-3:111122223333:stack/shop-prod/1",
     "Name": "shop-prod-PrivateSubnets", "Value": "subnet-0938a53a4a322a710,subnet-00675a05856e4a684"},
    {"ExportingStackId": "arn:aws:cloudformation:us-east-1:111122223333:stack/shop-prod/2",
     "Name": "shop-prod-PrivateSubnets", "Value": "subnet-0b62c9a97558a0334"}]})";
  int rc = -1;
  const std::string args = "--format json --account 111122223333 " + Quote(dir + "/service.yaml") + " " + Quote(dir + "/snapshot");
  std::string out = Diagnose("--region eu-west-3 " + args, &rc);
  EXPECT_EQ(rc, 1) << out;
  nlohmann::json doc = nlohmann::json::parse(out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << out;
  std::vector<std::string> codes;
  for (const auto& f : doc["findings"]) codes.push_back(f["code"]);
  EXPECT_EQ(codes, std::vector<std::string>{"NET005"}) << out;

  // Without the list-exports answer the imports stay unknown, and say what would tell them.
  std::filesystem::remove(dir + "/snapshot/cloudformation-list-exports.json");
  out = Diagnose("--region eu-west-3 --format text --verbose --account 111122223333 " + Quote(dir + "/service.yaml") +
                     " " + Quote(dir + "/snapshot"), &rc);
  EXPECT_NE(out.find("aws cloudformation list-exports"), std::string::npos) << out;
  EXPECT_NE(rc, 1) << out;
}

TEST(CliPredeployTest, AnUpdateKeepsTheParameterValuesTheDeployedStackHas) {
  // Stack `web` is deployed already; the update gives no parameter. describe-stacks in the
  // snapshot says what it was deployed with: the demo's private subnets, whose NAT gateway sits
  // in a private subnet (NET005). Another Region's stack of the same name and a masked NoEcho
  // value are not taken.
  const std::string tmpl = std::string(FD_SOURCE_DIR) + "/tests/predeploy/cloudformation/service-in-existing-vpc.yaml";
  const std::string dir = ::testing::TempDir() + "/fd-deployed-parameters";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir + "/snapshot");
  std::filesystem::copy(std::string(FD_SOURCE_DIR) + "/examples/demo", dir + "/snapshot",
                        std::filesystem::copy_options::recursive);
  const std::string stacks = dir + "/snapshot/cloudformation-describe-stacks.json";
  std::ofstream(stacks) << R"({"Stacks": [
    {"StackName": "web", "StackId": "arn:aws:cloudformation:us-east-1:111122223333:stack/web/2",
     "Parameters": [{"ParameterKey": "Subnets", "ParameterValue": "subnet-0b62c9a97558a0334"}]},
    {"StackName": "web", "StackId": "arn:aws:cloudformation:eu-west-3:111122223333:stack/web/1",
     "Parameters": [
       {"ParameterKey": "VpcId", "ParameterValue": "vpc-0fb430d8a8042f1c7"},
       {"ParameterKey": "Subnets", "ParameterValue": "subnet-0938a53a4a322a710,subnet-00675a05856e4a684"},
       {"ParameterKey": "PublicIp", "ParameterValue": "****"}]}]})";
  const std::string args = "--region eu-west-3 --account 111122223333 " + Quote("web=" + tmpl) + " " +
                           Quote(dir + "/snapshot");
  int rc = -1;
  std::string out = Diagnose("--format json " + args, &rc);
  EXPECT_EQ(rc, 1) << out;
  const nlohmann::json doc = nlohmann::json::parse(out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << out;
  std::vector<std::string> codes;
  for (const auto& f : doc["findings"]) codes.push_back(f["code"]);
  EXPECT_EQ(codes, std::vector<std::string>{"NET005"}) << out;
  std::vector<std::string> notes;
  for (const auto& n : doc["input_notes"]) notes.push_back(n.value("note", ""));
  auto noted = [&](const std::string& text) {
    return std::any_of(notes.begin(), notes.end(), [&](const std::string& n) { return n.find(text) == 0; });
  };
  EXPECT_TRUE(noted("parameter Subnets keeps the value stack web was deployed with")) << out;
  EXPECT_TRUE(noted("parameter VpcId keeps the value stack web was deployed with")) << out;
  // PublicIp's masked value is not a value: its Default stands.
  EXPECT_FALSE(noted("parameter PublicIp keeps")) << out;
  // describe-stacks is an answer fargate-doctor reads, not an unknown file.
  EXPECT_FALSE(noted("not an AWS CLI output")) << out;

  // A --parameter still wins over the deployed value: the public subnets, with a public IP.
  out = Diagnose("--format json --parameter Subnets=subnet-0b62c9a97558a0334 --parameter PublicIp=ENABLED " + args, &rc);
  EXPECT_NE(rc, 1) << out;

  // Without describe-stacks the VPC and subnets stay unknown: nothing is blocked.
  std::filesystem::remove(stacks);
  out = Diagnose("--format json " + args, &rc);
  EXPECT_NE(rc, 1) << out;
}

TEST(CliPredeployTest, APlanWithoutAServiceIsExit2SayingSo) {
  const std::string plan = ::testing::TempDir() + "/fd-plan-without-service.json";
  std::ofstream(plan) << (R"({"format_version": "1.2", "terraform_version": "1.9.5",
                 "planned_values": {"root_module": {"resources": [
                   {"address": "aws_vpc.main", "mode": "managed", "type": "aws_vpc", "name": "main",
                    "values": {"cidr_block": "10.0.0.0/16"}}]}}})");
  int rc = -1;
  const std::string out = Diagnose(Quote(plan), &rc);
  EXPECT_EQ(rc, 2) << out;
  EXPECT_NE(out.find("declare no ECS service"), std::string::npos) << out;
}

TEST(CliPredeployTest, TemplateParametersWithPlansAloneAreAUsageError) {
  int rc = -1;
  const std::string out = Diagnose("--parameter A=1 " + Quote(kPlan), &rc);
  EXPECT_EQ(rc, 2) << out;
  EXPECT_NE(out.find("a Terraform plan has its variables already applied"), std::string::npos) << out;
}

TEST(CliPredeployTest, TemplateFlagsWithoutATemplateAreAUsageError) {
  int rc = -1;
  const std::string out = Diagnose("--parameter A=1 " + Quote(std::string(FD_SOURCE_DIR) + "/examples/demo"), &rc);
  EXPECT_EQ(rc, 2) << out;
  EXPECT_NE(out.find("go with templates and plans"), std::string::npos) << out;
}

}  // namespace
}  // namespace fd::testing

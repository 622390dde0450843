// Remedies of templates and plans as the edits to make, end to end through the binary: the
// template with no way out gets the CloudFormation resources of its remedy, which pasted under
// Resources make the finding go away; an in-place change (private DNS off on an endpoint) is
// the property to set at the endpoint's line; a plan without its NAT route gets the aws_route
// that references the plan's NAT gateway and route table. cfn-lint, when installed, accepts the
// repaired template (it is not on a fresh Debian: that part skips loudly).
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "testing/shell.h"
#include "testing/tf_plan_edits.h"

namespace fd::testing {
namespace {

const std::string kBinary = FD_BINARY;
const std::string kTemplate = std::string(FD_SOURCE_DIR) + "/tests/predeploy/cloudformation/private-no-way-out.yaml";
const std::string kTemplateFlags = "--region eu-west-1 --account 111122223333 ";

/// `flags` default to the template's Region and account; the plan names its own Region.
nlohmann::json DiagnoseJson(const std::string& path, int* rc, const std::string& flags = kTemplateFlags) {
  const std::string out = ShellOutput(Quote(kBinary) + " diagnose --format json " + flags + Quote(path), rc);
  nlohmann::json doc = nlohmann::json::parse(out, nullptr, false);
  EXPECT_FALSE(doc.is_discarded()) << out;
  return doc;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The remedy the report picked for the first target that has one.
const nlohmann::json* Fewest(const nlohmann::json& doc) {
  for (const auto& t : doc["targets"])
    for (const auto& r : t["remedies"])
      if (r["fewest"] == true) return &r;
  return nullptr;
}

bool HasFinding(const nlohmann::json& doc, const std::string& code) {
  for (const auto& f : doc["findings"])
    if (f["code"] == code) return true;
  return false;
}

/// `edits` pasted as a user would: each new resource's lines under Resources, which is the
/// last section of the fixture, so appending them indented by two spaces puts them there.
std::string WithNewResources(std::string text, const std::vector<std::string>& edits) {
  if (text.back() != '\n') text += '\n';
  for (const std::string& e : edits) {
    EXPECT_EQ(e.rfind("# new resource, under Resources", 0), 0u) << e;
    std::istringstream lines(e);
    for (std::string line; std::getline(lines, line);)
      if (line.rfind('#', 0) != 0) text += "  " + line + "\n";
  }
  return text;
}

TEST(CliPredeployEdits, TheTemplatesRemedyPastedUnderResourcesClearsTheFinding) {
  int rc = -1;
  const nlohmann::json before = DiagnoseJson(kTemplate, &rc);
  ASSERT_EQ(rc, 1);
  ASSERT_TRUE(HasFinding(before, "NET002"));
  EXPECT_EQ(before["edits_language"], "cloudformation");
  const nlohmann::json* remedy = Fewest(before);
  ASSERT_NE(remedy, nullptr) << before.dump(1);
  std::vector<std::string> edits;
  for (const auto& c : (*remedy)["changes"]) {
    ASSERT_EQ(c["edits"].size(), c["commands"].size()) << c.dump(1);  // each step here is one command
    for (const auto& e : c["edits"]) {
      EXPECT_NO_THROW(YAML::Load(e.get<std::string>())) << e;
      edits.push_back(e.get<std::string>());
    }
  }
  ASSERT_FALSE(edits.empty());

  const std::string fixed = ::testing::TempDir() + "/fd-private-with-remedy.yaml";
  std::ofstream(fixed) << WithNewResources(ReadAll(kTemplate), edits);
  const nlohmann::json after = DiagnoseJson(fixed, &rc);
  EXPECT_FALSE(HasFinding(after, "NET002")) << ReadAll(fixed) << after["findings"].dump(1);
  for (const auto& f : after["findings"]) EXPECT_NE(f["severity"], "blocker") << f.dump();
  EXPECT_NE(rc, 1) << ReadAll(fixed);

  if (Shell("command -v cfn-lint >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "SKIPPED LOUDLY: cfn-lint is not on PATH, so the repaired template is not linted";
  std::string lint;
  const int lint_rc = Shell("cfn-lint --regions eu-west-1 -- " + Quote(fixed) + " 2>&1", &lint);
  EXPECT_EQ(lint_rc & 2, 0) << "cfn-lint errors:\n" << lint;  // 2 = errors; 4 and 8 are warnings and notes
}

TEST(CliPredeployEdits, AFindingsFixReferencesTheTemplatesRouteTableAndItsNewNatGateway) {
  int rc = -1;
  const nlohmann::json doc = DiagnoseJson(kTemplate, &rc);
  for (const auto& f : doc["findings"]) {
    if (f["code"] != "NET002") continue;
    const auto& edits = f["fix"]["edits"];
    ASSERT_EQ(edits.size(), f["fix"]["commands"].size()) << f.dump(1);  // one edit per step
    const std::string route = edits.back().get<std::string>();
    EXPECT_NE(route.find("PrivateRouteTableDefaultRoute:\n  Type: AWS::EC2::Route\n"), std::string::npos) << route;
    EXPECT_NE(route.find("    RouteTableId: !Ref PrivateRouteTable\n"), std::string::npos) << route;
    EXPECT_NE(route.find("    NatGatewayId: !Ref NatGateway"), std::string::npos) << route;
    return;
  }
  FAIL() << "no NET002";
}

TEST(CliPredeployEdits, AnEndpointWithoutPrivateDnsIsThePropertyToSetAtItsLine) {
  // The repaired template of the test above, with private DNS off on the ecr.dkr endpoint.
  int rc = -1;
  const nlohmann::json before = DiagnoseJson(kTemplate, &rc);
  const nlohmann::json* remedy = Fewest(before);
  ASSERT_NE(remedy, nullptr);
  std::vector<std::string> edits;
  for (const auto& c : (*remedy)["changes"])
    for (const auto& e : c["edits"]) edits.push_back(e.get<std::string>());
  std::string text = WithNewResources(ReadAll(kTemplate), edits);
  const size_t dkr = text.find("  EcrDkrEndpoint:\n");
  ASSERT_NE(dkr, std::string::npos) << text;
  const size_t dns = text.find("PrivateDnsEnabled: true", dkr);
  ASSERT_NE(dns, std::string::npos);
  text.replace(dns, std::string("PrivateDnsEnabled: true").size(), "PrivateDnsEnabled: false");
  const std::string mutated = ::testing::TempDir() + "/fd-private-dns-off.yaml";
  std::ofstream(mutated) << text;

  const nlohmann::json doc = DiagnoseJson(mutated, &rc);
  ASSERT_TRUE(HasFinding(doc, "VPCE006")) << doc["findings"].dump(1);
  std::string edit;
  for (const auto& t : doc["targets"])
    for (const auto& r : t["remedies"])
      for (const auto& c : r["changes"])
        for (const auto& e : c["edits"])
          if (e.get<std::string>().find("PrivateDnsEnabled") != std::string::npos) edit = e;
  const int line = static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(dkr), '\n')) + 2;
  EXPECT_EQ(edit, "# in EcrDkrEndpoint (" + mutated + ":" + std::to_string(line) +
                      "), under Properties, set:\nPrivateDnsEnabled: true");
}

TEST(CliPredeployEdits, APlanWithoutItsNatRouteGetsTheAwsRouteToItsNatGateway) {
  nlohmann::json edited = predeploy::tf::testing::LoadTestPlan("fargate_private.plan.json");
  predeploy::tf::testing::RemoveResource(edited, "aws_route.private_nat");
  const std::string plan = ::testing::TempDir() + "/fd-plan-without-nat-route-edits.json";
  std::ofstream(plan) << edited.dump(1);
  int rc = -1;
  const nlohmann::json doc = DiagnoseJson(plan, &rc, "");
  EXPECT_EQ(doc["edits_language"], "terraform");
  const nlohmann::json* remedy = Fewest(doc);
  ASSERT_NE(remedy, nullptr) << doc.dump(1);
  std::string all;
  for (const auto& c : (*remedy)["changes"])
    for (const auto& e : c["edits"]) all += e.get<std::string>() + "\n";
  EXPECT_NE(all.find("# new resource, in the root module:\nresource \"aws_route\" \"private_default\" {\n"
                     "  route_table_id         = aws_route_table.private.id\n"
                     "  destination_cidr_block = \"0.0.0.0/0\"\n"
                     "  nat_gateway_id         = aws_nat_gateway.main.id\n}"),
            std::string::npos)
      << all;

  // The text report prints the edit in place of the command.
  const std::string text = ShellOutput(Quote(kBinary) + " diagnose " + Quote(plan), &rc);
  EXPECT_NE(text.find("  nat_gateway_id         = aws_nat_gateway.main.id"), std::string::npos) << text;
  EXPECT_EQ(text.find("$ aws ec2 create-route"), std::string::npos) << text;
}

}  // namespace
}  // namespace fd::testing

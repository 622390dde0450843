// What the template renderers are told of a template (every declared object, the attribute of
// what AWS creates with a VPC, the other names of roles and task definitions) and the edits a
// diagnosed template's report gets from it.
#include "predeploy/edits.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "testing/cfn_model.h"

namespace fd::predeploy {
namespace {

std::string Fixture() {
  std::ifstream in(std::string(FD_SOURCE_DIR) + "/tests/predeploy/cloudformation/private-no-way-out.yaml");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(PredeployEdits, DeclarationsNameEveryObjectByItsLogicalIdAndAttribute) {
  testing::CfnFiles files;
  const std::string path = files.Write("t.yaml", Fixture());
  const testing::CfnDiagnosis d = testing::DiagnoseCfn(files, {"t.yaml"});
  const fix::Declarations decl = DeclarationsOf(d.declared);

  ASSERT_TRUE(decl.count("PrivateRouteTable"));
  const fix::Declared& rt = decl.at("PrivateRouteTable");
  EXPECT_EQ(rt.id, "PrivateRouteTable");
  EXPECT_EQ(rt.attribute, "");
  EXPECT_EQ(rt.type, "AWS::EC2::RouteTable");
  EXPECT_EQ(rt.file, path);
  EXPECT_EQ(rt.line, 19);  // the body under its key (Type:), as findings' locations
  ASSERT_TRUE(decl.count("Vpc.DefaultSecurityGroup"));
  EXPECT_EQ(decl.at("Vpc.DefaultSecurityGroup").id, "Vpc");
  EXPECT_EQ(decl.at("Vpc.DefaultSecurityGroup").attribute, "DefaultSecurityGroup");
  // The service by its name (what a service update names), the task definition by its family.
  ASSERT_TRUE(decl.count("api"));
  EXPECT_EQ(decl.at("api").id, "Service");
  bool family = false;
  for (const auto& [key, v] : decl) family |= v.id == "TaskDefinition" && key == "api";
  EXPECT_FALSE(family) << "the family api must not replace the service api";
}

TEST(PredeployEdits, ATemplatesReportGetsCloudFormationEditsAndASnapshotsNone) {
  testing::CfnFiles files;
  files.Write("t.yaml", Fixture());
  testing::CfnDiagnosis d = testing::DiagnoseCfn(files, {"t.yaml"});
  const fix::Declarations decl = DeclarationsOf(d.declared);

  report::Report snapshot = d.report;
  AddEdits(snapshot, InputKind::kSnapshot, decl);
  EXPECT_EQ(snapshot.edits_language, "");
  for (const auto& f : snapshot.findings) EXPECT_TRUE(f.fix.edits.empty());

  AddEdits(d.report, InputKind::kCloudFormation, decl);
  EXPECT_EQ(d.report.edits_language, "cloudformation");
  bool net002 = false;
  for (const auto& f : d.report.findings) {
    EXPECT_EQ(f.fix.edits.size(), f.fix.steps.size()) << f.code;
    if (f.code != "NET002") continue;
    net002 = true;
    ASSERT_FALSE(f.fix.edits.empty());
    EXPECT_NE(f.fix.edits.back().find("    RouteTableId: !Ref PrivateRouteTable\n"), std::string::npos)
        << f.fix.edits.back();
  }
  EXPECT_TRUE(net002) << testing::Describe(d);
  // The changes of one remedy share names: the endpoints use the group the first change creates.
  for (const auto& t : d.report.targets)
    for (const auto& r : t.remedies) {
      std::string all;
      for (const auto& c : r.changes)
        for (const auto& e : c.edits) all += e + "\n";
      if (all.find("FargateVpcEndpointsSecurityGroup:\n") == std::string::npos) continue;
      EXPECT_NE(all.find("      - !GetAtt FargateVpcEndpointsSecurityGroup.GroupId\n"), std::string::npos) << all;
      EXPECT_EQ(all.find("<endpoint-sg-id>"), std::string::npos) << all;
    }
}

}  // namespace
}  // namespace fd::predeploy

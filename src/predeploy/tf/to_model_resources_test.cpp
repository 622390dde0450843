// What a plan declares beside the network and the roles, diagnosed end to end on
// tests/predeploy/terraform/fargate_private.plan.json: a load balancer in front of the service
// (SVC001, SVC002 with the provider's defaults), an EFS access point (STO006), a KMS key and a
// secret with its resource policy (IAM012, IAM013). Each healthy addition stays silent; each
// edit gets its code on the resource the plan declares.
#include <gtest/gtest.h>

#include "testing/tf_model.h"

namespace fd::predeploy::tf {
namespace {

using namespace testing;  // NOLINT: the plan edit helpers

// `address`'s value at `pointer` (below its values) comes from `refs`: known after apply.
void Refer(nlohmann::json& plan, const std::string& address, const std::string& pointer,
           const std::vector<std::string>& refs) {
  Reference(plan, address, pointer, refs);
  for (auto& e : plan["resource_changes"])
    if (e.value("address", "") == address) e["change"]["after_unknown"][nlohmann::json::json_pointer(pointer)] = true;
}

// Nested blocks `key` of `address` as a plan writes them: `after` in the planned values,
// `unknown` (what only apply will know) in after_unknown, `config` in the configuration.
void SetBlocks(nlohmann::json& plan, const std::string& address, const std::string& key,
               const nlohmann::json& after, const nlohmann::json& unknown, const nlohmann::json& config) {
  for (auto& e : plan["planned_values"]["root_module"]["resources"])
    if (e.value("address", "") == address) e["values"][key] = after;
  for (auto& e : plan["resource_changes"])
    if (e.value("address", "") == address) {
      e["change"]["after"][key] = after;
      e["change"]["after_unknown"][key] = unknown;
    }
  for (auto& e : plan["configuration"]["root_module"]["resources"])
    if (e.value("address", "") == address) e["expressions"][key] = config;
}

nlohmann::json Refs(const std::string& address, const std::string& attribute) {
  return {{"references", {address + "." + attribute, address}}};
}

class TfResourcesTest : public ::testing::Test {
 protected:
  void SetUp() override { plan_ = LoadTestPlan("fargate_private.plan.json"); }

  // An internet-facing balancer in the public subnets, its listener forwarding to an ip target
  // group the service registers with.
  void AddBalancer(bool write_target_type = true) {
    AddResource(plan_, "aws_lb", "web", {{"name", "web"}, {"internal", false}, {"load_balancer_type", "application"}});
    Refer(plan_, "aws_lb.web", "/subnets", {"aws_subnet.public"});
    nlohmann::json group = {{"name", "app"}, {"port", 8080}, {"protocol", "HTTP"}};
    if (write_target_type) group["target_type"] = "ip";
    AddResource(plan_, "aws_lb_target_group", "app", group);
    Refer(plan_, "aws_lb_target_group.app", "/vpc_id", {"aws_vpc.main.id", "aws_vpc.main"});
    AddResource(plan_, "aws_lb_listener", "http", {{"port", 80}, {"protocol", "HTTP"}});
    Refer(plan_, "aws_lb_listener.http", "/load_balancer_arn", {"aws_lb.web.arn", "aws_lb.web"});
    SetBlocks(plan_, "aws_lb_listener.http", "default_action", {{{"type", "forward"}}},
              {{{"target_group_arn", true}}},
              {{{"type", {{"constant_value", "forward"}}},
                {"target_group_arn", Refs("aws_lb_target_group.app", "arn")}}});
    SetBlocks(plan_, "aws_ecs_service.app", "load_balancer",
              {{{"container_name", "app"}, {"container_port", 8080}}}, {{{"target_group_arn", true}}},
              {{{"container_name", {{"constant_value", "app"}}},
                {"container_port", {{"constant_value", 8080}}},
                {"target_group_arn", Refs("aws_lb_target_group.app", "arn")}}});
  }

  std::vector<report::Finding> Findings(const std::string& code) {
    d_ = DiagnosePlan(plan_);
    std::vector<report::Finding> out;
    for (const report::Finding& f : d_.report.findings)
      if (f.code == code) out.push_back(f);
    return out;
  }

  bool Unchecked(const std::string& code) const {
    return std::any_of(d_.report.unchecked.begin(), d_.report.unchecked.end(),
                       [&](const report::Unchecked& u) { return u.check == code; });
  }

  std::string Dump() const {
    std::string s;
    for (const report::Finding& f : d_.report.findings) s += f.code + " " + f.resource + ": " + f.message + "\n";
    for (const report::Unchecked& u : d_.report.unchecked) s += "unchecked " + u.check + ": " + u.reason + "\n";
    return s;
  }

  nlohmann::json plan_;
  PlanDiagnosis d_;
};

TEST_F(TfResourcesTest, AnIpTargetGroupBehindAListenerIsSilent) {
  AddBalancer();
  EXPECT_TRUE(Findings("SVC001").empty()) << Dump();
  EXPECT_TRUE(Findings("SVC002").empty()) << Dump();
  EXPECT_FALSE(Unchecked("SVC001")) << Dump();
}

TEST_F(TfResourcesTest, ATargetGroupWithoutTargetTypeRegistersInstancesSvc001) {
  AddBalancer(/*write_target_type=*/false);
  // Not written: the plan holds the provider's default, and the configuration nothing.
  SetConstant(plan_, "aws_lb_target_group.app", "target_type", "instance");
  for (auto& e : plan_["configuration"]["root_module"]["resources"])
    if (e.value("address", "") == "aws_lb_target_group.app") e["expressions"].erase("target_type");
  std::vector<report::Finding> fs = Findings("SVC001");
  ASSERT_FALSE(fs.empty()) << Dump();
  ASSERT_TRUE(fs[0].location.has_value());
  EXPECT_EQ(fs[0].location->declared_id, "aws_lb_target_group.app");
}

TEST_F(TfResourcesTest, ATargetGroupNoListenerForwardsToIsSvc002) {
  AddBalancer();
  RemoveResource(plan_, "aws_lb_listener.http");
  std::vector<report::Finding> fs = Findings("SVC002");
  ASSERT_FALSE(fs.empty()) << Dump();
  EXPECT_EQ(fs[0].location->declared_id, "aws_lb_target_group.app");
}

TEST_F(TfResourcesTest, ABalancerInOneZoneOfTwoIsSvc002) {
  AddBalancer();
  Refer(plan_, "aws_lb.web", "/subnets", {"aws_subnet.public[0].id", "aws_subnet.public[0]"});
  std::vector<report::Finding> fs = Findings("SVC002");
  ASSERT_FALSE(fs.empty()) << Dump();
  EXPECT_EQ(fs[0].location->declared_id, "aws_lb.web");
  EXPECT_EQ(fs[0].severity, report::Severity::kWarning);
}

// An access point on a file system the plan creates, mounted by the task definition.
void AddAccessPoint(nlohmann::json& plan, bool creation_info) {
  AddResource(plan, "aws_efs_file_system", "data", {{"encrypted", true}});
  nlohmann::json root = {{"path", "/data"}};
  if (creation_info) root["creation_info"] = {{{"owner_uid", 1000}, {"owner_gid", 1000}, {"permissions", "750"}}};
  AddResource(plan, "aws_efs_access_point", "data", {{"root_directory", {root}}});
  Refer(plan, "aws_efs_access_point.data", "/file_system_id", {"aws_efs_file_system.data.id", "aws_efs_file_system.data"});
  SetBlocks(plan, "aws_ecs_task_definition.app", "volume",
            {{{"name", "data"},
              {"efs_volume_configuration",
               {{{"transit_encryption", "ENABLED"},
                 {"authorization_config", nlohmann::json::array({nlohmann::json::object()})}}}}}},
            {{{"efs_volume_configuration",
               {{{"file_system_id", true}, {"authorization_config", {{{"access_point_id", true}}}}}}}}},
            {{{"name", {{"constant_value", "data"}}},
              {"efs_volume_configuration",
               {{{"transit_encryption", {{"constant_value", "ENABLED"}}},
                 {"file_system_id", Refs("aws_efs_file_system.data", "id")},
                 {"authorization_config", {{{"access_point_id", Refs("aws_efs_access_point.data", "id")}}}}}}}}});
}

TEST_F(TfResourcesTest, AnAccessPointRootWithoutCreationInfoIsSto006) {
  AddAccessPoint(plan_, /*creation_info=*/true);
  EXPECT_TRUE(Findings("STO006").empty()) << Dump();
  EXPECT_FALSE(Unchecked("STO006")) << Dump();
  plan_ = LoadTestPlan("fargate_private.plan.json");
  AddAccessPoint(plan_, /*creation_info=*/false);
  std::vector<report::Finding> fs = Findings("STO006");
  ASSERT_FALSE(fs.empty()) << Dump();
  EXPECT_EQ(fs[0].location->declared_id, "aws_efs_access_point.data");
}

// A secret encrypted with a key of the plan, read by the container, its policy allowing the
// execution role; the role allowed to read and decrypt.
void AddSecret(nlohmann::json& plan, const std::string& secret_effect, bool key_enabled) {
  AddResource(plan, "aws_kms_key", "app", {{"is_enabled", key_enabled}});
  AddResource(plan, "aws_secretsmanager_secret", "db", {{"name", "app/db"}});
  Refer(plan, "aws_secretsmanager_secret.db", "/kms_key_id", {"aws_kms_key.app.arn", "aws_kms_key.app"});
  const std::string arn = "arn:aws:secretsmanager:eu-west-3:111122223333:secret:app/db";
  const std::string role = "arn:aws:iam::111122223333:role/app-execution";
  AddResource(plan, "aws_secretsmanager_secret_policy", "db",
              {{"policy", R"({"Version":"2012-10-17","Statement":[{"Effect":")" + secret_effect +
                              R"(","Principal":{"AWS":")" + role +
                              R"("},"Action":"secretsmanager:GetSecretValue","Resource":"*"}]})"}});
  Refer(plan, "aws_secretsmanager_secret_policy.db", "/secret_arn",
        {"aws_secretsmanager_secret.db.arn", "aws_secretsmanager_secret.db"});
  AddResource(plan, "aws_iam_role_policy", "secret",
              {{"name", "secret"},
               {"policy", R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":)"
                          R"(["secretsmanager:GetSecretValue","kms:Decrypt"],"Resource":"*"}]})"}});
  Refer(plan, "aws_iam_role_policy.secret", "/role", {"aws_iam_role.execution.name", "aws_iam_role.execution"});
  for (auto* list : {&plan["planned_values"]["root_module"]["resources"], &plan["resource_changes"],
                     &plan["configuration"]["root_module"]["resources"]})
    for (auto& e : *list)
      if (e.value("address", "") == "aws_ecs_task_definition.app") {
        nlohmann::json* v = e.contains("values")   ? &e["values"]
                            : e.contains("change") ? &e["change"]["after"]
                                                   : &e["expressions"]["container_definitions"]["constant_value"];
        std::string& defs = e.contains("expressions") ? v->get_ref<std::string&>()
                                                      : (*v)["container_definitions"].get_ref<std::string&>();
        nlohmann::json parsed = nlohmann::json::parse(defs);
        parsed[0]["secrets"] = {{{"name", "DB_PASSWORD"}, {"valueFrom", arn}}};
        defs = parsed.dump();
      }
}

TEST_F(TfResourcesTest, ASecretPolicyAndKeyThatAdmitTheRoleAreSilent) {
  AddSecret(plan_, "Allow", true);
  for (const char* code : {"IAM012", "IAM013", "SEC001"}) {
    EXPECT_TRUE(Findings(code).empty()) << code << "\n" << Dump();
    EXPECT_FALSE(Unchecked(code)) << code << "\n" << Dump();
  }
}

TEST_F(TfResourcesTest, ASecretPolicyDenyingTheRoleIsIam013) {
  AddSecret(plan_, "Deny", true);
  std::vector<report::Finding> fs = Findings("IAM013");
  ASSERT_FALSE(fs.empty()) << Dump();
  EXPECT_EQ(fs[0].location->declared_id, "aws_secretsmanager_secret.db");
}

TEST_F(TfResourcesTest, ADisabledKeyIsIam012AtTheKey) {
  AddSecret(plan_, "Allow", false);
  std::vector<report::Finding> fs = Findings("IAM012");
  ASSERT_FALSE(fs.empty()) << Dump();
  EXPECT_EQ(fs[0].location->declared_id, "aws_kms_key.app");
}

}  // namespace
}  // namespace fd::predeploy::tf

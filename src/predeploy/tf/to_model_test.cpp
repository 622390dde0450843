// The plan → model mapping on tests/predeploy/terraform/fargate_private.plan.json (HashiCorp's
// format, as `terraform show -json` writes it: a VPC with two public and two private subnets, an
// internet gateway, a NAT gateway, a private route table whose default route is a separate
// aws_route, a task security group, a cluster, a Fargate service in the private subnets, its
// task definition, log group and execution role), and on edits of it.
#include "predeploy/tf/to_model.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "analysis/iam/roles.h"
#include "testing/shared_corpus.h"
#include "testing/tf_plan_edits.h"

namespace fd::predeploy::tf {
namespace {

using namespace testing;  // NOLINT: the plan edit helpers

constexpr const char* kPlanFile = "fargate_private.plan.json";
constexpr const char* kAccount = "111122223333";

DeclaredModel Build(const nlohmann::json& plan, BuildOptions options = {"", kAccount}) {
  Expected<DeclaredModel> built = BuildModel({ReadEdited(plan)}, options);
  EXPECT_TRUE(built) << (built ? "" : built.error().message);
  return built ? std::move(*built) : DeclaredModel{};
}

bool HasNote(const DeclaredModel& d, const std::string& part) {
  for (const InputNote& n : d.notes)
    if (n.note.find(part) != std::string::npos) return true;
  return false;
}

std::string Notes(const DeclaredModel& d) {
  std::string out;
  for (const InputNote& n : d.notes) out += n.pointer + ": " + n.note + "\n";
  return out;
}

TEST(TfToModel, ReferencesResolveToTheIdsTheReferencedObjectsHave) {
  const DeclaredModel d = Build(LoadTestPlan(kPlanFile));
  const model::Model& m = d.model;
  const model::Subnet* subnet = m.subnets().Find("aws_subnet.private[0]");
  ASSERT_NE(subnet, nullptr) << Notes(d);
  EXPECT_EQ(subnet->vpc_id, "aws_vpc.main");
  ASSERT_NE(m.vpcs().Find("aws_vpc.main"), nullptr);
  // `subnets = aws_subnet.private[*].id` expands to every instance.
  ASSERT_EQ(m.services().size(), 1u);
  const model::EcsService& s = *m.services().begin();
  EXPECT_EQ(s.network.subnets,
            (std::vector<std::string>{"aws_subnet.private[0]", "aws_subnet.private[1]"}));
  EXPECT_EQ(s.network.security_groups, (std::vector<std::string>{"aws_security_group.task"}));
  EXPECT_EQ(s.network.assign_public_ip, false);
  // The cluster's ARN is built from its name, the Region and the account; the service names it.
  EXPECT_EQ(s.cluster_arn, "arn:aws:ecs:eu-west-3:111122223333:cluster/main");
  ASSERT_NE(m.clusters().Find(s.cluster_arn), nullptr);
  ASSERT_NE(m.FindTaskDefinition(s.task_definition), nullptr);
  // The private subnets use the private table, whose default route goes to the NAT gateway.
  const model::RouteTable* rt = m.RouteTableForSubnet("aws_subnet.private[1]");
  ASSERT_NE(rt, nullptr);
  EXPECT_EQ(rt->id, "aws_route_table.private");
  ASSERT_EQ(rt->routes.size(), 2u);  // local, and 0.0.0.0/0
  EXPECT_EQ(rt->routes[1].target, model::RouteTarget::kNatGateway);
  EXPECT_EQ(rt->routes[1].target_id, "aws_nat_gateway.main");
  ASSERT_NE(m.nat_gateways().Find("aws_nat_gateway.main"), nullptr);
  EXPECT_EQ(m.nat_gateways().Find("aws_nat_gateway.main")->vpc_id, "aws_vpc.main");
  // Its Elastic IP, named by the attribute that will hold it.
  ASSERT_EQ(m.nat_gateways().Find("aws_nat_gateway.main")->addresses.size(), 1u);
  EXPECT_EQ(m.nat_gateways().Find("aws_nat_gateway.main")->addresses[0].public_ip,
            "aws_eip.nat.public_ip");
  EXPECT_EQ(m.RouteTableForSubnet("aws_subnet.public[0]")->routes[1].target,
            model::RouteTarget::kInternetGateway);
}

TEST(TfToModel, TheExecutionRoleIsFoundByTheArnTheTaskDefinitionNames) {
  for (const std::string account : {"111122223333", ""}) {
    const DeclaredModel d = Build(LoadTestPlan(kPlanFile), {"", account});
    const model::TaskDefinition& td = *d.model.task_definitions().begin();
    // With the account, the ARN IAM will give the role; without it, the role's address.
    EXPECT_EQ(td.execution_role_arn, account.empty()
                                         ? "aws_iam_role.execution"
                                         : "arn:aws:iam::111122223333:role/app-execution");
    const analysis::RoleLookup role = analysis::LookUpRole(d.model, td.execution_role_arn, account);
    EXPECT_EQ(role.state, analysis::RoleLookup::State::kFound) << account;
    ASSERT_NE(role.role, nullptr);
    EXPECT_EQ(role.role->attached_policy_arns,
              (std::vector<std::string>{
                  "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"}));
    EXPECT_TRUE(role.role->attached_policies_known);
    EXPECT_TRUE(role.role->inline_policies_known);
    EXPECT_TRUE(role.role->inline_policies.empty());
  }
}

TEST(TfToModel, ContainerDefinitionsAreReadByIngestsOwnReader) {
  nlohmann::json plan = LoadTestPlan(kPlanFile);
  const DeclaredModel d = Build(plan);
  ASSERT_EQ(d.model.task_definitions().size(), 1u);
  const model::TaskDefinition& td = *d.model.task_definitions().begin();
  EXPECT_EQ(td.family, "app");
  EXPECT_EQ(td.cpu, "256");
  EXPECT_EQ(td.requires_compatibilities, (std::vector<std::string>{"FARGATE"}));
  ASSERT_EQ(td.containers.size(), 1u);
  EXPECT_EQ(td.containers[0].image, "111122223333.dkr.ecr.eu-west-3.amazonaws.com/app:1.0");
  ASSERT_TRUE(td.containers[0].log_configuration.has_value());
  EXPECT_EQ(td.containers[0].log_configuration->options.at("awslogs-group"), "/ecs/app");
  // Text that is not a list of container definitions: the task definition is left out.
  SetConstant(plan, "aws_ecs_task_definition.app", "container_definitions", "[], \"x\": 1");
  const DeclaredModel bad = Build(plan);
  EXPECT_EQ(bad.model.task_definitions().size(), 0u);
  EXPECT_TRUE(HasNote(bad, "container_definitions of aws_ecs_task_definition.app is not read"))
      << Notes(bad);
}

TEST(TfToModel, ASecurityGroupWrittenWithoutEgressHasNone) {
  nlohmann::json plan = LoadTestPlan(kPlanFile);
  const DeclaredModel healthy = Build(plan);
  const model::SecurityGroup* with =
      healthy.model.security_groups().Find("aws_security_group.task");
  ASSERT_NE(with, nullptr);
  ASSERT_EQ(with->egress.size(), 1u);
  EXPECT_EQ(with->egress[0].protocol, -1);
  EXPECT_TRUE(with->ingress.empty());  // no ingress block either
  EXPECT_TRUE(with->rules_known);

  Unwrite(plan, "aws_security_group.task", "egress");
  const DeclaredModel d = Build(plan);
  const model::SecurityGroup* without = d.model.security_groups().Find("aws_security_group.task");
  ASSERT_NE(without, nullptr);
  EXPECT_TRUE(without->egress.empty());
  EXPECT_TRUE(without->rules_known)
      << "the plan calls egress known after apply, but nothing is written";

  // Egress computed from something unknown: the group's rules are not known, not empty.
  MakeUnknown(plan, "aws_security_group.task", "egress");
  const DeclaredModel u = Build(plan);
  EXPECT_FALSE(u.model.security_groups().Find("aws_security_group.task")->rules_known);
  EXPECT_TRUE(HasNote(u, "egress of aws_security_group.task is known after apply")) << Notes(u);
}

TEST(TfToModel, ANewVpcComesWithAnOpenDefaultAclADefaultGroupAndALocalOnlyMainTable) {
  const DeclaredModel d = Build(LoadTestPlan(kPlanFile));
  const model::Model& m = d.model;
  bool implicit = false;
  const model::NetworkAcl* acl = m.NaclForSubnet("aws_subnet.private[0]", &implicit);
  ASSERT_NE(acl, nullptr);
  EXPECT_TRUE(implicit);
  EXPECT_EQ(acl->id, "aws_vpc.main.default_network_acl_id");
  EXPECT_TRUE(acl->is_default);
  int allows = 0;
  for (const model::NaclEntry& e : acl->entries)
    if (e.allow && e.protocol == -1 && e.cidr && e.cidr->ToString() == "0.0.0.0/0") ++allows;
  EXPECT_EQ(allows, 2);  // in and out
  const model::SecurityGroup* sg = m.DefaultSecurityGroup("aws_vpc.main");
  ASSERT_NE(sg, nullptr);
  ASSERT_EQ(sg->egress.size(), 1u);
  EXPECT_EQ(sg->ingress.at(0).group_ids, (std::vector<std::string>{sg->id}));
  const model::RouteTable* main = m.route_tables().Find("aws_vpc.main.default_route_table_id");
  ASSERT_NE(main, nullptr);
  EXPECT_TRUE(main->main);
  ASSERT_EQ(main->routes.size(), 1u);
  EXPECT_EQ(main->routes[0].target, model::RouteTarget::kLocal);
  // A subnet the plan does not associate uses it.
  nlohmann::json plan = LoadTestPlan(kPlanFile);
  RemoveResource(plan, "aws_route_table_association.private_0");
  const DeclaredModel unassociated = Build(plan);
  EXPECT_EQ(unassociated.model.RouteTableForSubnet("aws_subnet.private[0]")->id,
            "aws_vpc.main.default_route_table_id");
}

TEST(TfToModel, ADestroyedResourceIsAbsent) {
  nlohmann::json plan = LoadTestPlan(kPlanFile);
  Destroy(plan, "aws_route.private_nat");
  const DeclaredModel d = Build(plan);
  const model::RouteTable* rt = d.model.route_tables().Find("aws_route_table.private");
  ASSERT_NE(rt, nullptr);
  EXPECT_EQ(rt->routes.size(), 1u);  // the local route alone
}

TEST(TfToModel, ValuesOnlyApplyWillKnowAreNeverGuessed) {
  nlohmann::json plan = LoadTestPlan(kPlanFile);
  MakeUnknown(plan, "aws_subnet.private[0]", "cidr_block");
  MakeUnknown(plan, "aws_ecs_task_definition.app", "container_definitions");
  const DeclaredModel d = Build(plan);
  // Not an IPv6-only subnet: left out, with the attribute and the address named.
  EXPECT_EQ(d.model.subnets().Find("aws_subnet.private[0]"), nullptr);
  EXPECT_TRUE(HasNote(d, "cidr_block of aws_subnet.private[0] is known after apply")) << Notes(d);
  EXPECT_NE(d.model.subnets().Find("aws_subnet.private[1]"), nullptr);
  // Containers unknown as a whole: no task definition that would look container-less.
  EXPECT_EQ(d.model.task_definitions().size(), 0u);
  EXPECT_TRUE(
      HasNote(d, "container_definitions of aws_ecs_task_definition.app is known after apply"));
  // A placement only apply will know is not guessed either: the service is left out.
  Reference(plan, "aws_ecs_service.app", "/network_configuration/0/subnets", {"var.a", "var.b"});
  const DeclaredModel placed = Build(plan);
  EXPECT_EQ(placed.model.services().size(), 0u);
  EXPECT_TRUE(
      HasNote(placed, "network_configuration.subnets of aws_ecs_service.app is known after apply"))
      << Notes(placed);
}

TEST(TfToModel, AnAssociationOfASubnetOnlyApplyWillNameLeavesItsVpcsUnassociatedSubnetsOut) {
  nlohmann::json plan = LoadTestPlan(kPlanFile);
  // `subnet_id = aws_subnet.private[count.index].id`: unknown, and not one reference.
  MakeUnknown(plan, "aws_route_table_association.private_0", "subnet_id");
  const DeclaredModel d = Build(plan);
  // private[0] might be the one associated: its table is unknown, not the main one.
  EXPECT_EQ(d.model.subnets().Find("aws_subnet.private[0]"), nullptr);
  EXPECT_TRUE(HasNote(d, "the route table of aws_subnet.private[0] is unknown")) << Notes(d);
  EXPECT_NE(d.model.subnets().Find("aws_subnet.private[1]"), nullptr);  // associated
}

TEST(TfToModel, RegionAndAccountComeFromTheOptionsOrThePlanNeverFromAGuess) {
  nlohmann::json plan = LoadTestPlan(kPlanFile);
  const DeclaredModel no_account = Build(plan, {"", ""});
  EXPECT_EQ(no_account.model.subnets().Find("aws_subnet.public[0]")->region, "eu-west-3");
  const DeclaredModel given = Build(plan, {"us-east-1", ""});
  EXPECT_EQ(given.model.subnets().Find("aws_subnet.public[0]")->region, "us-east-1");
  EXPECT_TRUE(HasNote(no_account, "pass --account")) << Notes(no_account);
  plan["configuration"]["provider_config"]["aws"]["expressions"].erase("region");
  const DeclaredModel no_region = Build(plan, {"", kAccount});
  EXPECT_EQ(no_region.model.subnets().Find("aws_subnet.public[0]")->region, "");
  EXPECT_TRUE(HasNote(no_region, "pass --region")) << Notes(no_region);
}

TEST(TfToModel, EveryObjectFindingsNameHasItsOrigin) {
  const DeclaredModel d = Build(LoadTestPlan(kPlanFile));
  for (const std::string id :
       {"aws_subnet.private[0]", "aws_route_table.private", "aws_security_group.task",
        "aws_vpc.main.default_network_acl_id", "arn:aws:iam::111122223333:role/app-execution",
        "aws_ecs_task_definition.app", "/ecs/app", "aws_nat_gateway.main"}) {
    auto it = d.origins.find(id);
    ASSERT_NE(it, d.origins.end()) << id;
    EXPECT_GT(it->second.pos.line, 0) << id;
    EXPECT_EQ(it->second.pos.file, "plan.json");
  }
  EXPECT_EQ(d.origins.at("aws_route_table.private").declared_id, "aws_route_table.private");
  // What AWS creates with the VPC is located at the VPC.
  EXPECT_EQ(d.origins.at("aws_vpc.main.default_network_acl_id").declared_id, "aws_vpc.main");
}

TEST(TfToModel, UnreadTypesAreNotedWithWhatTheyCouldChange) {
  nlohmann::json plan = LoadTestPlan(kPlanFile);
  plan["planned_values"]["root_module"]["resources"].push_back(
      {{"address", "aws_ec2_transit_gateway.hub"},
       {"mode", "managed"},
       {"type", "aws_ec2_transit_gateway"},
       {"name", "hub"},
       {"values", nlohmann::json::object()}});
  const DeclaredModel d = Build(plan);
  EXPECT_TRUE(
      HasNote(d, "aws_ec2_transit_gateway (1 resource) is not read; it could change routes"))
      << Notes(d);
}

// A service placed in an existing VPC and subnets the plan reads through data sources.
constexpr const char* kExistingNetworkPlan = R"json({
  "format_version": "1.2", "terraform_version": "1.9.5",
  "planned_values": {"root_module": {"resources": [
    {"address": "aws_ecs_service.app", "mode": "managed", "type": "aws_ecs_service", "name": "app",
     "values": {"name": "app", "launch_type": "FARGATE", "network_configuration": [
       {"subnets": ["subnet-0aaa"], "security_groups": ["sg-0bbb"], "assign_public_ip": false}]}}]}},
  "prior_state": {"values": {"root_module": {"resources": [
    {"address": "data.aws_vpc.shared", "mode": "data", "type": "aws_vpc", "name": "shared",
     "values": {"id": "vpc-0123", "cidr_block": "10.1.0.0/16", "enable_dns_support": true}},
    {"address": "data.aws_subnet.a", "mode": "data", "type": "aws_subnet", "name": "a",
     "values": {"id": "subnet-0aaa", "vpc_id": "vpc-0123", "cidr_block": "10.1.1.0/24"}},
    {"address": "data.aws_security_group.task", "mode": "data", "type": "aws_security_group",
     "name": "task", "values": {"id": "sg-0bbb", "vpc_id": "vpc-0123", "name": "task"}},
    {"address": "data.aws_route_table.a", "mode": "data", "type": "aws_route_table", "name": "a",
     "values": {"id": "rtb-0ccc", "subnet_id": "subnet-0aaa"}}]}}}
})json";

TEST(TfToModel, DataSourcesAreExistingObjectsUnderTheirIdsAndTheirNetworkIsNotWhole) {
  Expected<Plan> plan = ReadPlan(kExistingNetworkPlan, "plan.json");
  ASSERT_TRUE(plan);
  const Expected<DeclaredModel> d = BuildModel({*plan}, {"eu-west-3", kAccount});
  ASSERT_TRUE(d);
  const model::Model& m = d->model;
  ASSERT_NE(m.subnets().Find("subnet-0aaa"), nullptr);
  EXPECT_EQ(m.subnets().Find("subnet-0aaa")->vpc_id, "vpc-0123");
  EXPECT_EQ(d->origins.at("subnet-0aaa").declared_id, "data.aws_subnet.a");
  // The group is named, its rules are not: unknown, never "no rules".
  ASSERT_NE(m.security_groups().Find("sg-0bbb"), nullptr);
  EXPECT_FALSE(m.security_groups().Find("sg-0bbb")->rules_known);
  // Nothing AWS creates with a VPC is made up for one that exists; its route tables are not in
  // the plan, so the network data sets are not whole.
  EXPECT_EQ(m.DefaultSecurityGroup("vpc-0123"), nullptr);
  EXPECT_EQ(m.RouteTableForSubnet("subnet-0aaa"), nullptr);
  EXPECT_FALSE(m.Has("RouteTables"));
  EXPECT_TRUE(
      HasNote(*d, "data.aws_route_table (1 resource) is not read; it could change the routes"))
      << Notes(*d);
  // The plan's own VPC: the data sets are whole.
  const DeclaredModel own = Build(LoadTestPlan(kPlanFile));
  EXPECT_TRUE(own.model.Has("RouteTables"));
  EXPECT_TRUE(own.model.Has("NatGateways"));
}

TEST(TfToModel, TheCorpusPlansBuild) {
  const std::string dir = "terraform";
  if (!fd::testing::HasCorpus(dir))
    GTEST_SKIP() << fd::testing::MissingCorpus(dir, "building the model of real plans");
  int plans = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(fd::testing::CorpusPath(dir))) {
    if (entry.path().extension() != ".json") continue;
    const std::string rel =
        std::filesystem::relative(entry.path(), fd::testing::CorpusPath("")).string();
    Expected<Plan> plan = ReadPlan(fd::testing::ReadCorpus(rel), rel);
    ASSERT_TRUE(plan) << rel << ": " << plan.error().message;
    Expected<DeclaredModel> built = BuildModel({*plan}, {});
    EXPECT_TRUE(built) << rel;
    ++plans;
  }
  EXPECT_GE(plans, 6);
}

}  // namespace
}  // namespace fd::predeploy::tf

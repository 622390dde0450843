// The Terraform edits of steps: resource blocks for the module the references live in,
// changes of declared resources by their address within their module, expressions for declared
// resources and for the new resources of earlier steps. Each expected text was read as a user
// would paste it, and is what `terraform fmt` writes (template_edits_test.cpp runs fmt on
// every kind when terraform is installed).
#include "fix/terraform.h"

#include <gtest/gtest.h>

namespace fd::fix {
namespace {

const Declarations kPlan = {
    {"aws_route_table.private", {"aws_route_table.private", "", "aws_route_table", "", "plan.json", 19}},
    {"aws_subnet.public[0]", {"aws_subnet.public[0]", "", "aws_subnet", "", "plan.json", 30}},
    {"aws_vpc.main", {"aws_vpc.main", "", "aws_vpc", "", "plan.json", 40}},
    {"aws_vpc.main.default_security_group_id", {"aws_vpc.main", "default_security_group_id", "aws_vpc", "", "plan.json", 40}},
    {"aws_security_group.task", {"aws_security_group.task", "", "aws_security_group", "", "plan.json", 50}},
    {"aws_vpc_endpoint.ecr", {"aws_vpc_endpoint.ecr", "", "aws_vpc_endpoint", "", "plan.json", 60}},
    {"module.net.aws_subnet.private[0]",
     {"module.net.aws_subnet.private[0]", "", "aws_subnet", "module.net", "plan.json", 70}},
    {"api", {"module.app.aws_ecs_service.app", "", "aws_ecs_service", "module.app", "plan.json", 80}},
    {"api-exec", {"aws_iam_role.exec", "", "aws_iam_role", "", "plan.json", 90}},
};

TEST(FixTerraform, ANewNatGatewayIsAnEipANatGatewayAndARouteThatReferenceEachOther) {
  const std::vector<std::string> e =
      Terraform({ElasticIp{}, NatGateway{"aws_subnet.public[0]"},
                 Route{false, "aws_route_table.private", "0.0.0.0/0", Route::Via::kNatGateway, "<new-nat-id>"}},
                kPlan);
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[0], "# new resource, in the root module:\nresource \"aws_eip\" \"nat\" {\n  domain = \"vpc\"\n}");
  EXPECT_EQ(e[1],
            "# new resource, in the root module:\nresource \"aws_nat_gateway\" \"nat\" {\n"
            "  subnet_id     = aws_subnet.public[0].id\n  allocation_id = aws_eip.nat.id\n}");
  EXPECT_EQ(e[2],
            "# new resource, in the root module:\nresource \"aws_route\" \"private_default\" {\n"
            "  route_table_id         = aws_route_table.private.id\n"
            "  destination_cidr_block = \"0.0.0.0/0\"\n"
            "  nat_gateway_id         = aws_nat_gateway.nat.id\n}");
}

TEST(FixTerraform, SecurityGroupRulesAreTheirOwnResources) {
  const std::vector<std::string> e = Terraform(
      {SecurityGroup{"aws_vpc.main", "fargate-vpc-endpoints", "Interface endpoints for ECS tasks"},
       SecurityGroupRule{"<endpoint-sg-id>", false, "tcp", {443, 443}, SecurityGroupRule::Peer::kGroup, "aws_security_group.task"},
       SecurityGroupRule{"aws_vpc.main.default_security_group_id", true, "tcp", {443, 443}, SecurityGroupRule::Peer::kCidr,
                         "0.0.0.0/0"}},
      kPlan);
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[0],
            "# new resource, in the root module:\nresource \"aws_security_group\" \"fargate_vpc_endpoints\" {\n"
            "  name        = \"fargate-vpc-endpoints\"\n  description = \"Interface endpoints for ECS tasks\"\n"
            "  vpc_id      = aws_vpc.main.id\n}");
  EXPECT_EQ(e[1],
            "# new resource, in the root module:\n"
            "resource \"aws_vpc_security_group_ingress_rule\" \"fargate_vpc_endpoints_ingress_tcp_443\" {\n"
            "  security_group_id            = aws_security_group.fargate_vpc_endpoints.id\n"
            "  ip_protocol                  = \"tcp\"\n  from_port                    = 443\n"
            "  to_port                      = 443\n"
            "  referenced_security_group_id = aws_security_group.task.id\n}");
  EXPECT_NE(e[2].find("  security_group_id = aws_vpc.main.default_security_group_id\n"), std::string::npos) << e[2];
  EXPECT_NE(e[2].find("  cidr_ipv4         = \"0.0.0.0/0\"\n"), std::string::npos) << e[2];
}

TEST(FixTerraform, AResourceOfAModuleIsNamedWithinItAndTheModuleIsSaid) {
  ServiceUpdate u;
  u.cluster = "prod";
  u.service = "api";
  u.network = {NetworkConfiguration{{"module.net.aws_subnet.private[0]"}, {}, "ENABLED"}};
  EXPECT_EQ(TerraformEdits(kPlan).Edit(u),
            "# in aws_ecs_service.app (module.app), set:\n"
            "network_configuration {\n  subnets          = [aws_subnet.private[0].id]\n"
            "  assign_public_ip = true\n}");
  // A new resource whose references live in two modules cannot name both: it says so.
  const std::string e = TerraformEdits(kPlan).Edit(
      InterfaceEndpoint{"aws_vpc.main", "com.amazonaws.eu-west-1.ecr.api", {"module.net.aws_subnet.private[0]"}, "sg-1"});
  EXPECT_EQ(e,
            "# new resource, in the root module:\n"
            "# (aws_subnet.private[0] is in module.net: pass it in through a variable or an output)\n"
            "resource \"aws_vpc_endpoint\" \"ecr_api\" {\n"
            "  vpc_id              = aws_vpc.main.id\n"
            "  service_name        = \"com.amazonaws.eu-west-1.ecr.api\"\n"
            "  vpc_endpoint_type   = \"Interface\"\n"
            "  subnet_ids          = [aws_subnet.private[0].id]\n"
            "  security_group_ids  = [\"sg-1\"]\n"
            "  private_dns_enabled = true\n}");
}

TEST(FixTerraform, AChangeOfADeclaredResourceSetsItsAttribute) {
  EXPECT_EQ(TerraformEdits(kPlan).Edit(EndpointPrivateDns{"aws_vpc_endpoint.ecr"}),
            "# in aws_vpc_endpoint.ecr, set:\nprivate_dns_enabled = true");
  EXPECT_EQ(TerraformEdits(kPlan).Edit(EndpointPrivateDns{"vpce-0abc"}),
            "# vpce-0abc is not declared in the plans read: run\n"
            "#   aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-0abc --private-dns-enabled");
}

TEST(FixTerraform, AnIpTargetGroupReplacingADeclaredOneChangesItsType) {
  Declarations plan = kPlan;
  plan.emplace("aws_lb_target_group.app",
               Declared{"aws_lb_target_group.app", "", "aws_lb_target_group", "", "plan.json", 100});
  const TargetGroup group{"app-ip", "HTTP", 8080, "aws_vpc.main", "aws_lb_target_group.app"};
  EXPECT_EQ(TerraformEdits(plan).Edit(group),
            "# in aws_lb_target_group.app, set:\ntarget_type = \"ip\"\n"
            "# (target_type forces a new group while a listener still uses the old one: add\n"
            "#  lifecycle { create_before_destroy = true } and a new name, or name_prefix)");
  // A group the plans do not declare: a new one.
  TargetGroup existing = group;
  existing.replaces = "arn:aws:elasticloadbalancing:eu-west-3:1:targetgroup/app/0123";
  EXPECT_EQ(TerraformEdits(plan).Edit(existing).rfind("# new resource", 0), 0u) << TerraformEdits(plan).Edit(existing);
}

TEST(FixTerraform, EndpointRouteTablesAreAssociations) {
  EXPECT_EQ(TerraformEdits(kPlan).Edit(EndpointRouteTables{"aws_vpc_endpoint.ecr", {"aws_route_table.private"}}),
            "# new resource, in the root module:\n"
            "resource \"aws_vpc_endpoint_route_table_association\" \"ecr_private\" {\n"
            "  vpc_endpoint_id = aws_vpc_endpoint.ecr.id\n  route_table_id  = aws_route_table.private.id\n}");
}

TEST(FixTerraform, PoliciesAreHeredocsWhosePolicyVariablesStayText) {
  const std::string doc =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/${aws:username}"}]})";
  EXPECT_EQ(TerraformEdits(kPlan).Edit(InlinePolicy{false, "api-exec", "read-own", doc}),
            "# new resource, in the root module:\nresource \"aws_iam_role_policy\" \"read_own\" {\n"
            "  name   = \"read-own\"\n  role   = aws_iam_role.exec.name\n  policy = <<-EOT\n"
            "    {\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
            "\"Resource\":\"arn:aws:s3:::b/$${aws:username}\"}]}\n  EOT\n}");
}

TEST(FixTerraform, ALogGroupAndANetworkAclRule) {
  EXPECT_EQ(TerraformEdits(kPlan).Edit(LogGroup{"/ecs/api", ""}),
            "# new resource, in the root module:\nresource \"aws_cloudwatch_log_group\" \"ecs_api\" {\n"
            "  name = \"/ecs/api\"\n}");
  EXPECT_EQ(TerraformEdits(kPlan).Edit(NetworkAclEntry{"acl-123", true, 100, {443, 443}, "0.0.0.0/0"}),
            "# new resource, in the root module:\nresource \"aws_network_acl_rule\" \"acl_123_egress_100\" {\n"
            "  network_acl_id = \"acl-123\"\n  rule_number    = 100\n  egress         = true\n"
            "  protocol       = \"tcp\"\n  rule_action    = \"allow\"\n  cidr_block     = \"0.0.0.0/0\"\n"
            "  from_port      = 443\n  to_port        = 443\n}");
}

}  // namespace
}  // namespace fd::fix

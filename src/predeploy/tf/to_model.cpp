#include "predeploy/tf/to_model.h"

#include <fmt/format.h>

#include <set>

#include "predeploy/tf/to_model_context.h"

namespace fd::predeploy::tf {

namespace {

// Types the families map, and those read only through references to them.
const std::set<std::string, std::less<>>& MappedTypes() {
  static const std::set<std::string, std::less<>> kTypes = {
      "aws_vpc", "aws_subnet", "aws_route_table", "aws_route", "aws_route_table_association",
      "aws_main_route_table_association", "aws_default_route_table", "aws_internet_gateway",
      "aws_internet_gateway_attachment", "aws_egress_only_internet_gateway", "aws_nat_gateway",
      "aws_eip", "aws_security_group", "aws_security_group_rule",
      "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule",
      "aws_default_security_group", "aws_network_acl", "aws_network_acl_rule",
      "aws_network_acl_association", "aws_default_network_acl", "aws_vpc_endpoint",
      "aws_vpc_endpoint_route_table_association", "aws_vpc_endpoint_subnet_association",
      "aws_vpc_endpoint_security_group_association", "aws_ecs_cluster", "aws_ecs_service",
      "aws_ecs_task_definition", "aws_cloudwatch_log_group", "aws_iam_role", "aws_iam_role_policy",
      "aws_iam_role_policy_attachment", "aws_iam_policy", "aws_efs_file_system",
      "aws_efs_mount_target", "aws_ecr_repository", "aws_efs_access_point", "aws_lb", "aws_alb",
      "aws_lb_target_group", "aws_alb_target_group", "aws_lb_listener", "aws_alb_listener",
      "aws_lb_listener_rule", "aws_alb_listener_rule", "aws_kms_key", "aws_kms_alias",
      "aws_kms_key_policy", "aws_ecr_repository_policy", "aws_secretsmanager_secret",
      "aws_secretsmanager_secret_policy", "aws_ssm_parameter",
      // Beside the path a task start takes: no check reads them (a secret's value never).
      "aws_lb_listener_certificate", "aws_lb_target_group_attachment",
      "aws_alb_target_group_attachment", "aws_secretsmanager_secret_version",
      "aws_secretsmanager_secret_rotation",
      // Data sources read as existing objects.
      "data.aws_vpc", "data.aws_subnet", "data.aws_security_group", "data.aws_iam_role",
      "data.aws_iam_policy",
      // Data sources read through references: their attributes are what resources use.
      "data.aws_iam_policy_document", "data.aws_subnets", "data.aws_vpcs",
      "data.aws_security_groups", "data.aws_availability_zones", "data.aws_availability_zone",
      "data.aws_caller_identity", "data.aws_region", "data.aws_partition", "data.aws_ecr_image",
      "data.aws_ecr_authorization_token"};
  return kTypes;
}

// What an unmapped type could change, for its note: resources beside the path a task start
// takes; "" for types no check reads.
std::string AffectedBy(std::string_view type) {
  static constexpr std::pair<std::string_view, std::string_view> kPrefixes[] = {
      {"aws_ec2_transit_gateway", "routes through a transit gateway (NET checks on routes to it)"},
      {"aws_vpc_peering_connection", "routes through peering (NET009)"},
      {"aws_vpn_", "routes through a VPN gateway"},
      {"aws_networkfirewall_", "traffic inspected on the way out (the task's egress paths)"},
      {"aws_vpc_ipv4_cidr_block_association", "the VPC's CIDRs (local routes, address checks)"},
      {"aws_vpc_dhcp_options", "DNS resolution (FW005, VPCE007)"},
      {"aws_route53_resolver", "DNS resolution (FW005)"},
      {"aws_lb", "load balancer and target group checks (SVC001, SVC002)"},
      {"aws_alb", "load balancer and target group checks (SVC001, SVC002)"},
      {"aws_secretsmanager_", "secrets the containers read (SEC checks, IAM013)"},
      {"aws_ssm_parameter", "parameters the containers read (SEC checks)"},
      {"aws_kms_", "KMS keys the task uses (IAM012)"},
      {"aws_ecs_capacity_provider", "capacity providers (the service's launch)"},
      {"aws_ecs_cluster_capacity_providers", "capacity providers (the service's launch)"},
      {"aws_service_discovery_", "service registries"},
      {"aws_efs_access_point", "EFS access points (STO006)"},
      {"aws_ecr_", "ECR repository policies and pull-through cache rules (IAM011, IMG009)"},
      {"aws_organizations_", "organization guardrails (IAM009)"},
      {"aws_iam_", "IAM permissions of the task's roles"},
      // Data sources of types whose managed resources are read: existing objects not read.
      {"aws_route_table", "the routes of existing subnets (NET checks)"},
      {"aws_network_acl", "the network ACLs of existing subnets (NET checks)"},
      {"aws_nat_gateway", "routes through an existing NAT gateway"},
      {"aws_internet_gateway", "routes through an existing internet gateway"},
      {"aws_vpc_endpoint", "existing VPC endpoints (VPCE checks)"},
      {"aws_ecs_", "existing ECS clusters, services or task definitions"},
      {"aws_cloudwatch_log_group", "existing log groups (LOG checks)"},
      {"aws_efs_", "existing EFS file systems (STO checks)"},
  };
  if (type.substr(0, 5) == "data.") type.remove_prefix(5);
  for (const auto& [prefix, what] : kPrefixes)
    if (type.substr(0, prefix.size()) == prefix) return std::string(what);
  return "";
}

void NoteUnmapped(const std::vector<Plan>& plans, model::ModelBuilder& b, DeclaredModel& out) {
  std::map<std::string, std::vector<const Resource*>> unmapped;
  for (const Plan& plan : plans)
    for (const Resource& r : plan.resources)
      if (const std::string key = r.existing ? "data." + r.type : r.type;
          MappedTypes().count(key) == 0)
        unmapped[key].push_back(&r);
  for (const auto& [type, resources] : unmapped) {
    const std::string affects = AffectedBy(type);
    InputNote note{resources.front()->pos.file, resources.front()->id,
                   fmt::format("{} ({} resource{}) is not read{}", type, resources.size(),
                               resources.size() == 1 ? "" : "s",
                               affects.empty() ? ": no check reads it"
                                               : "; it could change " + affects +
                                                     ", which is judged without it")};
    out.notes.push_back(note);
    b.AddNote(std::move(note));
  }
}

// The network data sets are whole when every VPC the model holds is one the plans create: then
// a route table, NAT gateway or endpoint they do not declare does not exist.
void MarkDatasets(MapContext& cx) {
  if (!cx.OfType("data.aws_vpc").empty() || cx.managed_vpcs.empty()) return;
  for (const auto& [subnet, vpc] : cx.subnet_vpc)
    if (cx.vpc_cidrs.count(vpc) == 0) return;
  for (const char* dataset :
       {"Vpcs", "Subnets", "RouteTables", "NetworkAcls", "SecurityGroups", "NatGateways",
        "InternetGateways", "VpcEndpoints", "EnableDnsSupport", "EnableDnsHostnames"})
    cx.builder().MarkDataset(dataset);
}

// --region, else the one Region the plans' default providers name.
std::string RegionOf(const std::vector<Plan>& plans, const BuildOptions& options,
                     std::vector<std::string>& disagree) {
  if (!options.region.empty()) return options.region;
  std::set<std::string> named;
  for (const Plan& p : plans)
    if (!p.region.empty()) named.insert(p.region);
  if (named.size() == 1) return *named.begin();
  disagree.assign(named.begin(), named.end());
  return "";
}

}  // namespace

Expected<void> Declare(const std::vector<Plan>& plans, const BuildOptions& options,
                       model::ModelBuilder& builder, DeclaredModel& out) {
  if (plans.empty()) return MakeError(ErrorCode::kInvalidInput, "no Terraform plan to read");
  BuildOptions resolved = options;
  std::vector<std::string> regions;
  resolved.region = RegionOf(plans, options, regions);
  MapContext cx(plans, resolved, builder, out);
  const Plan& first = plans.front();
  auto note = [&](std::string text) {
    InputNote n{first.file, "", std::move(text)};
    out.notes.push_back(n);
    cx.builder().AddNote(std::move(n));
  };
  if (resolved.region.empty())
    note(regions.empty() ? "the plan names no Region for its aws provider: pass --region"
                         : fmt::format("the plans name several Regions ({}): pass --region",
                                       fmt::join(regions, ", ")));
  else
    cx.builder().NoteRegion(resolved.region);
  if (resolved.account.empty())
    note(
        "a plan does not say which account it deploys to: pass --account (ARNs not in the plan "
        "are named by Terraform address)");
  MapNetwork(cx);
  MapFirewalls(cx);
  MapEcs(cx);
  MapIamLogsStorage(cx);
  MapLoadBalancers(cx);
  MapResourcePolicies(cx);
  NoteUnmapped(plans, cx.builder(), out);
  MarkDatasets(cx);
  return {};
}

Expected<DeclaredModel> BuildModel(const std::vector<Plan>& plans, const BuildOptions& options) {
  DeclaredModel out;
  model::ModelBuilder builder;
  if (auto declared = Declare(plans, options, builder, out); !declared)
    return tl::unexpected(declared.error());
  return Finish(std::move(out), builder, options.existing);
}

}  // namespace fd::predeploy::tf

#include "predeploy/cfn/to_model.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>
#include <set>

#include "predeploy/cfn/to_model_context.h"

namespace fd::predeploy::cfn {

namespace {

// Types the families map, and types no check reads (their absence from the model changes
// nothing a start needs).
const std::set<std::string, std::less<>>& MappedTypes() {
  static const std::set<std::string, std::less<>> kTypes = {
      "AWS::EC2::VPC", "AWS::EC2::Subnet", "AWS::EC2::RouteTable", "AWS::EC2::Route",
      "AWS::EC2::SubnetRouteTableAssociation", "AWS::EC2::InternetGateway",
      "AWS::EC2::VPCGatewayAttachment", "AWS::EC2::NatGateway", "AWS::EC2::EIP",
      "AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress",
      "AWS::EC2::NetworkAcl", "AWS::EC2::NetworkAclEntry", "AWS::EC2::SubnetNetworkAclAssociation",
      "AWS::EC2::VPCEndpoint", "AWS::ECS::Cluster", "AWS::ECS::Service", "AWS::ECS::TaskDefinition",
      "AWS::Logs::LogGroup", "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy",
      "AWS::EFS::FileSystem", "AWS::EFS::MountTarget", "AWS::ECR::Repository",
      "AWS::SecretsManager::Secret", "AWS::SSM::Parameter", "AWS::EFS::AccessPoint",
      "AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancingV2::TargetGroup",
      "AWS::ElasticLoadBalancingV2::Listener", "AWS::ElasticLoadBalancingV2::ListenerRule",
      "AWS::KMS::Key", "AWS::KMS::Alias", "AWS::SecretsManager::ResourcePolicy",
      // Read as stacks by the front end (stacks.h), not as resources.
      "AWS::CloudFormation::Stack", "AWS::Serverless::Application",
      // Beside the path a task start takes: no check reads them.
      "AWS::SQS::Queue", "AWS::CloudWatch::Alarm", "AWS::ApplicationAutoScaling::ScalableTarget",
      "AWS::ApplicationAutoScaling::ScalingPolicy", "AWS::SNS::Topic", "AWS::CDK::Metadata",
      "AWS::IAM::InstanceProfile", "AWS::Lambda::Permission",
      "AWS::ElasticLoadBalancingV2::ListenerCertificate"};
  return kTypes;
}

// What an unmapped type could change, for its note.
std::string AffectedBy(std::string_view type) {
  static constexpr std::pair<std::string_view, std::string_view> kPrefixes[] = {
      {"AWS::ElasticLoadBalancing::", "load balancer checks"},
      {"AWS::EC2::TransitGateway", "routes through a transit gateway"},
      {"AWS::EC2::VPCPeeringConnection", "routes through peering"},
      {"AWS::EC2::VPNGateway", "routes through a VPN gateway"},
      {"AWS::EC2::VPCCidrBlock", "the VPC's CIDRs (local routes, address checks)"},
      {"AWS::EC2::DHCPOptions", "DNS resolution"},
      {"AWS::EC2::VPCDHCPOptionsAssociation", "DNS resolution"},
      {"AWS::NetworkFirewall::", "traffic inspected on the way out (the task's egress paths)"},
      {"AWS::Route53Resolver::", "DNS resolution"},
      {"AWS::KMS::", "KMS keys the task uses"},
      {"AWS::ECS::", "the service's launch (capacity providers, cluster settings)"},
      {"AWS::ServiceDiscovery::", "service registries"},
      {"AWS::ECR::", "ECR registry policies and pull-through cache rules"},
      {"AWS::IAM::", "IAM permissions of the task's roles"},
      {"AWS::Serverless::", "what the SAM transform generates (roles, functions, APIs)"},
  };
  for (const auto& [prefix, what] : kPrefixes)
    if (type.substr(0, prefix.size()) == prefix) return std::string(what);
  return "";
}

void NoteUnmapped(MapContext& cx, const Templates& t) {
  std::map<std::string, std::vector<Item>> unmapped;
  for (const Stack& s : t.stacks)
    for (const StackResource& r : s.resources)
      if (MappedTypes().count(r.resource.type) == 0) unmapped[r.resource.type].push_back(Item{&s, &r});
  for (const auto& [type, items] : unmapped) {
    const std::string affects = AffectedBy(type);
    if (affects.empty()) continue;
    cx.Note(items.front(), fmt::format("{} ({} resource{}) is not read; it could change {}, which "
                                       "is judged without it", type, items.size(),
                                       items.size() == 1 ? "" : "s", affects));
  }
  for (const Stack& s : t.stacks)
    for (const std::string& transform : s.transforms)
      if (transform != "AWS::Serverless-2016-10-31" && transform != "AWS::LanguageExtensions")
        cx.Note(SourcePos{s.file, 0, 0},
                fmt::format("stack {} uses transform {}: what it generates is not read, and the "
                            "checks of resources it could add or change are judged without them",
                            s.name, transform));
}

// A resource whose Condition only a parameter without a value decides is in the model, as if
// created: the note says so and what would decide it.
void NoteUndecidedConditions(MapContext& cx, const Templates& t) {
  for (const Stack& s : t.stacks)
    for (const StackResource& r : s.resources)
      if (r.condition_unknown)
        cx.Note(Item{&s, &r}, fmt::format("{} is judged as created, but its Condition {} is undecided "
                                          "({}); give {} to decide it", r.resource.id, r.condition,
                                          r.condition_unknown->reason,
                                          r.condition_parameters.empty()
                                              ? std::string("its parameters")
                                              : fmt::format("--parameter {}.{}=...", s.name,
                                                            fmt::join(r.condition_parameters, "/"))));
}

// Parameters naming existing network objects: nothing read holds those objects.
void NoteExistingParameters(MapContext& cx, const Templates& t) {
  for (const Stack& s : t.stacks)
    for (const StackParameter& p : s.parameters) {
      if (p.type.find("AWS::EC2::") == std::string::npos || !p.value.IsUnknown()) continue;
      cx.network_incomplete = true;
      cx.Note(p.value.pos, fmt::format("parameter {} of stack {} ({}) has no value: the objects it "
                                       "names are not in the model, so the checks that need them "
                                       "are unchecked (give --parameter {}.{}=...)",
                                       p.name, s.name, p.type, s.name, p.name));
    }
}

// The network data sets are whole when the stacks create every VPC the model holds and no ID
// was left to deployment: a route table, NAT gateway or endpoint they do not declare does not
// exist. Never for logs, ECR, secrets or parameters: a stack does not hold a Region's all.
void MarkDatasets(MapContext& cx) {
  if (cx.network_incomplete || cx.created_vpcs.empty()) return;
  for (const auto& [subnet, vpc] : cx.subnet_vpc)
    if (cx.created_vpcs.count(vpc) == 0) return;
  for (const char* dataset : {"Vpcs", "Subnets", "RouteTables", "NetworkAcls", "SecurityGroups",
                              "NatGateways", "InternetGateways", "VpcEndpoints",
                              "EnableDnsSupport", "EnableDnsHostnames"})
    cx.builder().MarkDataset(dataset);
}

// The exports of the resources' IDs, for edits in other stacks to import.
void RecordExports(const Templates& t, DeclaredModel& out) {
  for (const Stack& s : t.stacks)
    for (const StackOutput& o : s.outputs) {
      const ResourceRef* ref = o.value.AsRef();
      if (ref == nullptr || o.export_name.empty() || !(ref->attribute.empty() || ref->attribute == "GroupId"))
        continue;
      out.exports.emplace((ref->source.empty() ? s.name : ref->source) + "/" + ref->id, o.export_name);
    }
}

}  // namespace

Expected<void> Declare(const Templates& templates, const BuildOptions& options,
                       model::ModelBuilder& builder, DeclaredModel& out) {
  if (templates.stacks.empty()) return MakeError(ErrorCode::kInvalidInput, "no template to read");
  MapContext cx(templates, options, builder, out);
  std::set<std::string> regions;
  for (const Stack& s : templates.stacks) {
    const std::string region = s.region.empty() ? options.region : s.region;
    const std::string account = s.account.empty() ? options.account : s.account;
    if (!region.empty()) regions.insert(region);
    if (region.empty())
      cx.Note(SourcePos{s.file, 0, 0}, fmt::format("stack {} has no Region: pass --region (the "
                                                   "endpoint names and Region checks need it)", s.name));
    if (account.empty())
      cx.Note(SourcePos{s.file, 0, 0}, fmt::format("stack {} has no account: pass --account (ARNs "
                                                   "are named by logical ID without it)", s.name));
  }
  for (const std::string& region : regions) cx.builder().NoteRegion(region);
  for (const Note& n : templates.notes) cx.Note(n.pos, n.message);
  NoteExistingParameters(cx, templates);
  NoteUndecidedConditions(cx, templates);
  // Nested stacks take their parameters from the parent's resource, not from --parameter.
  for (const Stack& s : templates.stacks)
    if (s.parent.empty())
      for (const StackChoice& c : s.undecided) out.undecided.push_back({s.name, c.name, c.candidates, c.other});
  MapNetwork(cx);
  MapFirewalls(cx);
  MapEcs(cx);
  MapIamLogsStorage(cx);
  MapLoadBalancers(cx);
  MapResourcePolicies(cx);
  NoteUnmapped(cx, templates);
  MarkDatasets(cx);
  RecordExports(templates, out);
  return {};
}

Expected<DeclaredModel> BuildModel(const Templates& templates, const BuildOptions& options) {
  DeclaredModel out;
  model::ModelBuilder builder;
  if (auto declared = Declare(templates, options, builder, out); !declared)
    return tl::unexpected(declared.error());
  return Finish(std::move(out), builder, options.existing);
}

}  // namespace fd::predeploy::cfn

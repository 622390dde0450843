// STO004: the EFS file system name cannot resolve in the task's VPC even when mount targets
// exist: the Amazon resolver is off (enableDnsSupport), DNS hostnames are off, or the DHCP
// options send the task to custom DNS servers (docs/design/causes.md#sto004, with the C7/C8 conditions).
#include <map>
#include <set>
#include <tuple>
#include <string>

#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kSto004,
    .slug = "efs-dns",
    .title = "EFS name can't be resolved for DNS reasons",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "The Fargate EFS mount helper mounts fs-….efs.<region>.amazonaws.com, a name only "
                 "the Amazon-provided resolver answers, and only in a VPC with DNS resolution and "
                 "DNS hostnames enabled. Custom DNS servers in the DHCP options must forward the "
                 "name to it. Otherwise the mount fails with \"Failed to resolve\" although the "
                 "mount targets exist.",
    .evidence = "ec2 describe-vpc-attribute enableDnsSupport and enableDnsHostnames; "
                "describe-vpcs DhcpOptionsId; describe-dhcp-options domain-name-servers",
    .remediation = "Enable DNS resolution and DNS hostnames on the VPC, and make custom DNS "
                   "servers forward amazonaws.com names to the VPC resolver (or use "
                   "AmazonProvidedDNS).",
    .references = "https://docs.aws.amazon.com/efs/latest/ug/mounting-fs-mount-helper-ec2-linux.html "
                  "https://docs.aws.amazon.com/vpc/latest/userguide/AmazonDNS-concepts.html",
};

void CheckVpc(const CheckContext& ctx, FindingSink& sink, const analysis::Target& t,
              const std::string& vpc_id, const std::vector<std::string>& subnets,
              const std::string& fs_names) {
  const model::Model& m = ctx.model;
  const model::Vpc* vpc = m.vpcs().Find(vpc_id);
  if (!vpc) return;  // a VPC missing from the snapshot is reported by the network checks
  auto report = [&](const std::string& resource, report::Severity sev, const std::string& claim,
                    report::Fix fix) {
    auto& f = sink.Report(kInfo, t, resource,
                          "EFS file system " + fs_names + " of " + t.name + " cannot be resolved in " + vpc_id);
    f.severity = sev;  // one resource, one kind of claim: the VPC (blocker) or the DHCP options
    f.evidence.push_back({resource, claim});
    if (f.subnets.empty()) f.subnets = subnets;
    if (f.fix.summary.empty()) f.fix = std::move(fix);
  };
  for (const auto& [attr, value, flag] :
       {std::tuple{"enableDnsSupport", vpc->enable_dns_support, fix::VpcDnsAttribute::Which::kSupport},
        std::tuple{"enableDnsHostnames", vpc->enable_dns_hostnames, fix::VpcDnsAttribute::Which::kHostnames}}) {
    if (!value) {
      sink.Unchecked(kInfo, std::string(attr) + " of " + vpc_id + " (EFS " + fs_names + " of " + t.name +
                                "): the snapshot has no ec2 describe-vpc-attribute for it");
    } else if (!*value) {
      report(vpc_id, report::Severity::kBlocker,
             std::string(attr) + " is false on " + vpc_id + ", so " + fs_names + ".efs." + t.region +
                 ".amazonaws.com does not resolve",
             report::Fix::Of("enable the attribute on the VPC", {fix::VpcDnsAttribute{vpc_id, flag}}));
    }
  }
  const std::string& dhcp_id = vpc->dhcp_options_id;
  if (dhcp_id.empty() || dhcp_id == "default") return;
  const model::DhcpOptions* d = m.dhcp_options().Find(dhcp_id);
  if (!d) {
    sink.Unchecked(kInfo, "DHCP options " + dhcp_id + " of " + vpc_id + " (EFS " + fs_names + " of " +
                              t.name + ") are not in the snapshot");
    return;
  }
  std::vector<std::string> custom;
  for (const auto& s : d->domain_name_servers)
    if (s != "AmazonProvidedDNS" && s != "169.254.169.253") custom.push_back(s);
  if (custom.empty()) return;
  report(dhcp_id, report::Severity::kWarning,
         "DHCP options " + dhcp_id + " name DNS servers " + JoinList(custom) + ": the EFS name resolves "
             "only if they forward amazonaws.com to the VPC resolver",
         {"make the DNS servers forward amazonaws.com to the VPC resolver, or use AmazonProvidedDNS", {}});
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    const auto& t = ta.target;
    const model::TaskDefinition* td = t.task_definition;
    if (!td || td->efs_volumes.empty() || t.windows) continue;  // Windows: STO001
    std::set<std::string> fs;
    for (const auto& v : td->efs_volumes)
      if (!v.file_system_id.empty()) fs.insert(v.file_system_id);
    if (fs.empty()) continue;
    std::vector<std::string> names(fs.begin(), fs.end());
    std::map<std::string, std::vector<std::string>> by_vpc;
    for (const auto& sid : t.subnets)
      if (const auto* s = ctx.model.subnets().Find(sid); s && !s->vpc_id.empty()) by_vpc[s->vpc_id].push_back(sid);
    for (const auto& [vpc, subnets] : by_vpc) CheckVpc(ctx, sink, t, vpc, subnets, JoinList(names));
  }
}

}  // namespace

const CheckDef kSto004{kInfo, &Run};

}  // namespace fd::checks

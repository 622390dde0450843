#include "analysis/trace/filters.h"

namespace fd::analysis::trace {
namespace {

using net::Peer;
using net::Tri;
using report::StepAction;

StepAction ActionOf(Tri allowed) {
  return allowed == Tri::kYes ? StepAction::kPermitted
         : allowed == Tri::kNo ? StepAction::kDenied
                               : StepAction::kUnknown;
}

std::string SubnetHop(const Placement& p) { return "subnet " + p.subnet->id + " (" + p.name + ")"; }

}  // namespace

Peer SubnetPeer(const model::Subnet& subnet) {
  return Peer::Cidrs({*subnet.cidr}, subnet.id + " " + subnet.cidr->ToString());
}

std::string NaclCidr(const Peer& peer) {
  if (peer.kind == Peer::Kind::kCidrs && peer.prefix_list_id.empty() && peer.cidrs.size() == 1)
    return peer.cidrs.front().ToString();
  return "0.0.0.0/0";
}

Verdict SgEgress(const Placement& from, const Flow& flow, const model::Model& model) {
  net::Decision d = net::EvaluateSgEgress(from.groups, flow.protocol, flow.port, flow.to, model);
  Verdict v;
  v.allowed = d.allowed;
  v.step = {from.eni_hop, from.GroupList(), "security-group egress", ActionOf(d.allowed), d.detail};
  // The narrowest rule that admits the peer: as the peer is named (a prefix list, a group),
  // else the VPC's CIDR, which covers every ENI of the VPC.
  Fault::Opening& o = v.opening;
  o.egress = true;
  o.ports = {flow.port, flow.port};
  const model::Vpc* vpc = from.subnet ? model.vpcs().Find(from.subnet->vpc_id) : nullptr;
  if (flow.to.kind == Peer::Kind::kPublicService) o.cidr = "0.0.0.0/0";
  else if (!flow.to.prefix_list_id.empty()) o.prefix_list = flow.to.prefix_list_id;
  else if (!flow.to.group_ids.empty()) o.group = flow.to.group_ids.front();
  else if (vpc && !vpc->cidrs.empty()) o.cidr = vpc->cidrs.front().ToString();
  else if (!flow.to.cidrs.empty()) o.cidr = flow.to.cidrs.front().ToString();
  return v;
}

Verdict SgIngress(const Placement& to, const Flow& flow, const Placement& from, const model::Model& model) {
  const std::vector<std::string> source_groups = from.GroupIds();
  net::Decision d =
      net::EvaluateSgIngress(to.groups, flow.protocol, flow.port, *from.subnet->cidr, source_groups, model);
  Verdict v;
  v.allowed = d.allowed;
  v.step = {to.eni_hop, to.GroupList(), "security-group ingress",
            d.allowed == Tri::kYes ? StepAction::kPermitted : StepAction::kDenied, d.detail};
  v.opening = Fault::Opening{false, {flow.port, flow.port}, "", "", ""};
  if (!source_groups.empty()) v.opening.group = source_groups.front();
  else v.opening.cidr = from.subnet->cidr->ToString();
  return v;
}

Verdict NaclStep(const model::NetworkAcl& acl, std::string hop, std::string step, bool egress, int protocol,
                 PortRange ports, const Peer& peer) {
  net::NaclDecision d = net::EvaluateNacl(acl, egress, protocol, ports, peer);
  Verdict v;
  v.allowed = d.allowed;
  v.step = {std::move(hop), acl.id, std::move(step), ActionOf(d.allowed), d.detail};
  v.opening = Fault::Opening{egress, ports, NaclCidr(peer), "", ""};
  if (d.allowed == Tri::kNo && !d.rule.empty())
    for (const auto& e : acl.entries)
      if (e.egress == egress && !e.allow && e.source == d.rule) v.opening.deny_rule = e.rule_number;
  return v;
}

std::array<Verdict, 2> NaclAtSource(const model::NetworkAcl& acl, const Placement& from, const Flow& flow) {
  const std::string hop = SubnetHop(from);
  Verdict out = NaclStep(acl, hop, "network-acl egress", true, flow.protocol, {flow.port, flow.port}, flow.to);
  Verdict in = NaclStep(acl, hop, "network-acl ingress (replies)", false, flow.protocol, kEphemeral, flow.to);
  if (in.allowed == Tri::kNo &&
      net::EvaluateNacl(acl, false, flow.protocol, kLinuxEphemeral, flow.to).allowed == Tri::kYes) {
    // A Linux client's replies still come back: it works for most tasks, but not as AWS
    // advises (docs/design/causes.md#fw007), so the caller may warn rather than block.
    in.linux_only = true;
    in.step.action = StepAction::kPermitted;
  }
  return {std::move(out), std::move(in)};
}

std::array<Verdict, 2> NaclAtDestination(const model::NetworkAcl& acl, const Placement& to, const Flow& flow,
                                         const Placement& from) {
  const std::string hop = SubnetHop(to);
  const Peer source = SubnetPeer(*from.subnet);
  return {NaclStep(acl, hop, "network-acl ingress", false, flow.protocol, {flow.port, flow.port}, source),
          NaclStep(acl, hop, "network-acl egress (replies)", true, flow.protocol, kEphemeral, source)};
}

}  // namespace fd::analysis::trace

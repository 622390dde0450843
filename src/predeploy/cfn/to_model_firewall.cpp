// Security groups and network ACLs with CloudFormation's semantics: a group written without
// SecurityGroupEgress keeps the allow-all egress rule AWS creates it with; CDK's "disallow all
// traffic" rule (icmp 252-86 to 255.255.255.255/32, matching nothing) replaces it and means no
// egress; AWS::EC2::SecurityGroupIngress/Egress add to a group; a VPC the stacks create has a
// default security group (all egress, ingress from itself) and a default network ACL that
// allows everything, used by every subnet without an association.
#include <fmt/format.h>

#include <map>

#include "ingest/json_node.h"
#include "predeploy/aws_defaults.h"
#include "predeploy/cfn/to_model_context.h"
#include "util/strings.h"

namespace fd::predeploy::cfn {

namespace {

// CDK's placeholder for "no egress" (ec2.SecurityGroup allowAllOutbound: false).
bool IsCdkDisallowRule(const MapContext& cx, const Value& rule) {
  return cx.Text(rule.Find("CidrIp")).value_or("") == "255.255.255.255/32" &&
         cx.Text(rule.Find("IpProtocol")).value_or("") == "icmp" &&
         cx.Int(rule.Find("FromPort")) == 252 && cx.Int(rule.Find("ToPort")) == 86;
}

class FirewallMapper {
 public:
  explicit FirewallMapper(MapContext& cx) : cx_(cx) {}

  void Run() {
    for (const std::string& vpc : cx_.created_vpcs) Defaults(vpc);
    for (const Item& it : cx_.OfType("AWS::EC2::SecurityGroup")) Group(it);
    for (const Item& it : cx_.OfType("AWS::EC2::SecurityGroupIngress")) StandaloneRule(it, false);
    for (const Item& it : cx_.OfType("AWS::EC2::SecurityGroupEgress")) StandaloneRule(it, true);
    for (auto& [id, g] : groups_) cx_.builder().AddSecurityGroup(std::move(g));
    for (const Item& it : cx_.OfType("AWS::EC2::NetworkAcl")) Acl(it);
    for (const Item& it : cx_.OfType("AWS::EC2::NetworkAclEntry")) AclEntry(it);
    for (const Item& it : cx_.OfType("AWS::EC2::SubnetNetworkAclAssociation")) AclAssociation(it);
    for (auto& [id, acl] : acls_) cx_.builder().AddNetworkAcl(std::move(acl));
  }

 private:
  // The default security group and network ACL AWS creates with a VPC.
  void Defaults(const std::string& vpc_id) {
    const Item* vpc = nullptr;
    for (const Item& it : cx_.OfType("AWS::EC2::VPC"))
      if (cx_.IdOf(it) == vpc_id) vpc = &it;
    if (vpc == nullptr) return;
    const std::string group_id = cx_.VpcDefault(*vpc, "DefaultSecurityGroup");
    model::SecurityGroup& g = groups_[group_id] = DefaultSecurityGroup(group_id, vpc_id);
    g.region = cx_.Region(*vpc);
    g.owner_id = cx_.Account(*vpc);
    g.source = cx_.Source(*vpc);
    cx_.Origin(g.id, *vpc);
    model::NetworkAcl& acl = acls_[cx_.VpcDefault(*vpc, "DefaultNetworkAcl")];
    acl.id = cx_.VpcDefault(*vpc, "DefaultNetworkAcl");
    acl.vpc_id = vpc_id;
    acl.region = cx_.Region(*vpc);
    acl.is_default = true;
    acl.entries = DefaultNaclEntries();
    acl.source = cx_.Source(*vpc);
    cx_.Origin(acl.id, *vpc);
  }

  void Group(const Item& it) {
    const std::string id = cx_.IdOf(it);
    model::SecurityGroup& g = groups_[id];
    g.id = id;
    g.name = cx_.Text(it, "GroupName").value_or("");
    if (g.name.empty()) g.name = id;
    g.vpc_id = cx_.Text(it, "VpcId").value_or("");
    g.region = cx_.Region(it);
    g.owner_id = cx_.Account(it);
    g.source = cx_.Source(it);
    for (const Value* rule : cx_.Maps(cx_.Prop(it, "SecurityGroupIngress")))
      if (auto r = Rule(it, *rule, false)) g.ingress.push_back(std::move(*r));
    const Value* egress = cx_.Prop(it, "SecurityGroupEgress");
    if (egress == nullptr || egress->IsNull()) {
      g.egress.push_back(AllTraffic());  // CloudFormation keeps AWS's default rule
    } else if (egress->AsList() == nullptr) {
      g.rules_known = false;
      cx_.Note(it, fmt::format("SecurityGroupEgress of {} is {}: its egress is unknown", it.id(),
                               cx_.WhyUnknown(egress)));
    } else {
      for (const Value* rule : cx_.Maps(egress))
        if (!IsCdkDisallowRule(cx_, *rule))
          if (auto r = Rule(it, *rule, true)) g.egress.push_back(std::move(*r));
    }
    cx_.Origin(id, it);
  }

  // One rule, inline or standalone; nullopt (with a note) when a part is unknown.
  std::optional<model::SgRule> Rule(const Item& it, const Value& v, bool egress) {
    model::SgRule r;
    r.source = cx_.Source(it);
    const std::optional<int> protocol = ingest::ParseProtocolText(util::Lower(cx_.Text(v.Find("IpProtocol")).value_or("?")));
    if (!protocol) return Unknown(it, "IpProtocol", v.Find("IpProtocol"));
    r.protocol = *protocol;
    if (r.protocol == 6 || r.protocol == 17) {
      const auto from = cx_.Int(v.Find("FromPort"));
      const auto to = cx_.Int(v.Find("ToPort"));
      if (!from || !to) return Unknown(it, "FromPort/ToPort", v.Find(from ? "ToPort" : "FromPort"));
      r.ports = PortRange{static_cast<int>(*from), static_cast<int>(*to)};
    }
    const char* group_key = egress ? "DestinationSecurityGroupId" : "SourceSecurityGroupId";
    const char* prefix_key = egress ? "DestinationPrefixListId" : "SourcePrefixListId";
    for (const char* key : {"CidrIp", "CidrIpv6", group_key, prefix_key}) {
      const Value* peer = v.Find(key);
      if (peer == nullptr) continue;
      std::optional<std::string> text = cx_.Text(peer);
      if (!text || text->empty()) return Unknown(it, key, peer);
      if (std::string_view(key) == "CidrIp") {
        if (auto c = Cidr4::Parse(*text)) r.cidrs.push_back(*c);
      } else if (std::string_view(key) == "CidrIpv6") {
        if (auto c = Cidr6::Parse(*text)) r.ipv6_cidrs.push_back(*c);
      } else if (key == group_key) {
        r.group_ids.push_back(*text);
      } else {
        r.prefix_list_ids.push_back(*text);
      }
    }
    // Ingress by group name (EC2-Classic and default VPC only): read as the named group.
    if (auto name = cx_.Text(v.Find("SourceSecurityGroupName")); !egress && name && !name->empty())
      r.group_ids.push_back(*name);
    return r;
  }

  std::optional<model::SgRule> Unknown(const Item& it, std::string_view key, const Value* v) {
    cx_.Note(it, fmt::format("{} of a rule of {} is {}: the rule is left out", key, it.id(),
                             cx_.WhyUnknown(v)));
    return std::nullopt;
  }

  void StandaloneRule(const Item& it, bool egress) {
    const Value* group = cx_.Prop(it, "GroupId");
    std::optional<std::string> id = cx_.Text(group);
    auto found = id ? groups_.find(*id) : groups_.end();
    if (found == groups_.end()) {
      cx_.Note(it, fmt::format("GroupId of {} is {}: the rule is left out", it.id(),
                               id ? "a group no template read declares" : cx_.WhyUnknown(group)));
      return;
    }
    if (auto r = Rule(it, it.r().properties, egress))
      (egress ? found->second.egress : found->second.ingress).push_back(std::move(*r));
  }

  void Acl(const Item& it) {
    const std::string id = cx_.IdOf(it);
    model::NetworkAcl& acl = acls_[id];
    acl.id = id;
    acl.vpc_id = cx_.Text(it, "VpcId").value_or("");
    acl.region = cx_.Region(it);
    // A network ACL AWS creates denies everything until entries are added.
    acl.entries = {AllTrafficEntry(32767, false, false), AllTrafficEntry(32767, true, false)};
    acl.source = cx_.Source(it);
    cx_.Origin(id, it);
  }

  model::NetworkAcl* AclOf(const Item& it) {
    const Value* v = cx_.Prop(it, "NetworkAclId");
    std::optional<std::string> id = cx_.Text(v);
    auto found = id ? acls_.find(*id) : acls_.end();
    if (found != acls_.end()) return &found->second;
    cx_.Note(it, fmt::format("NetworkAclId of {} is {}: left out", it.id(),
                             id ? "an ACL no template read declares" : cx_.WhyUnknown(v)));
    return nullptr;
  }

  void AclEntry(const Item& it) {
    model::NetworkAcl* acl = AclOf(it);
    if (acl == nullptr) return;
    model::NaclEntry e;
    const auto number = cx_.Int(cx_.Prop(it, "RuleNumber"));
    const auto protocol = ingest::ParseProtocolText(util::Lower(cx_.Text(it, "Protocol").value_or("?")));
    const auto action = cx_.Text(it, "RuleAction");
    if (!number || !protocol || !action) {
      cx_.Note(it, fmt::format("{}: RuleNumber, Protocol or RuleAction is not known before "
                               "deployment; the entry is left out", it.id()));
      return;
    }
    e.rule_number = static_cast<int>(*number);
    e.protocol = *protocol;
    e.allow = *action == "allow";
    e.egress = cx_.Bool(cx_.Prop(it, "Egress")).value_or(false);
    if (auto c = cx_.Text(it, "CidrBlock"); c && !c->empty()) e.cidr = Cidr4::Parse(*c);
    if (auto c = cx_.Text(it, "Ipv6CidrBlock"); c && !c->empty()) e.ipv6_cidr = Cidr6::Parse(*c);
    if (const Value* range = cx_.Prop(it, "PortRange"); range && (e.protocol == 6 || e.protocol == 17)) {
      const auto from = cx_.Int(range->Find("From"));
      const auto to = cx_.Int(range->Find("To"));
      if (from && to) e.ports = PortRange{static_cast<int>(*from), static_cast<int>(*to)};
    }
    e.source = cx_.Source(it);
    acl->entries.push_back(std::move(e));
  }

  void AclAssociation(const Item& it) {
    model::NetworkAcl* acl = AclOf(it);
    if (acl == nullptr) return;
    if (auto subnet = cx_.Text(it, "SubnetId"); subnet && !subnet->empty())
      acl->subnet_ids.push_back(*subnet);
    else
      cx_.Note(it, fmt::format("SubnetId of {} is {}: the association is left out", it.id(),
                               cx_.WhyUnknown(cx_.Prop(it, "SubnetId"))));
  }

  MapContext& cx_;
  std::map<std::string, model::SecurityGroup> groups_;
  std::map<std::string, model::NetworkAcl> acls_;
};

}  // namespace

void MapFirewalls(MapContext& cx) { FirewallMapper(cx).Run(); }

}  // namespace fd::predeploy::cfn

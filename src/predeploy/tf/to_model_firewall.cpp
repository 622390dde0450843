// Security groups and network ACLs with the AWS provider's semantics: an aws_security_group
// written without `egress` has no egress rule (the provider revokes the one AWS adds), standalone
// rule resources join their group, the aws_default_* resources replace the rules of what AWS
// created with a VPC (a default NACL that allows all, a default security group with all egress
// and ingress from itself), and every subnet not associated elsewhere uses its VPC's default NACL.
#include <fmt/format.h>

#include <map>

#include "ingest/json_node.h"
#include "predeploy/aws_defaults.h"
#include "predeploy/tf/to_model_context.h"
#include "util/strings.h"

namespace fd::predeploy::tf {

namespace {

constexpr int kTcp = 6;
constexpr int kUdp = 17;

// From-to ports of a TCP or UDP rule; every other protocol matches all ports (as ingest reads
// EC2's FromPort/ToPort).
PortRange Ports(int protocol, std::optional<std::int64_t> from, std::optional<std::int64_t> to) {
  if ((protocol != kTcp && protocol != kUdp) || !from || *from < 0) return PortRange{};
  const int last = !to || *to < 0 ? 65535 : static_cast<int>(*to);
  return PortRange{static_cast<int>(*from), last};
}

class FirewallMapper {
 public:
  explicit FirewallMapper(MapContext& cx) : cx_(cx) {}

  void Run() {
    for (const Resource* vpc : cx_.managed_vpcs) DefaultsOf(*vpc);
    for (const char* type : {"aws_security_group", "data.aws_security_group"})
      for (const Resource* r : cx_.OfType(type)) Group(*r, cx_.IdOf(*r), false);
    for (const Resource* r : cx_.OfType("aws_default_security_group")) DefaultGroup(*r);
    for (const Resource* r : cx_.OfType("aws_security_group_rule")) LegacyRule(*r);
    for (const char* type :
         {"aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"})
      for (const Resource* r : cx_.OfType(type)) VpcRule(*r);
    for (const Resource* r : cx_.OfType("aws_network_acl")) Acl(*r, cx_.IdOf(*r), false);
    for (const Resource* r : cx_.OfType("aws_default_network_acl")) DefaultAcl(*r);
    for (const Resource* r : cx_.OfType("aws_network_acl_rule")) AclRule(*r);
    for (const Resource* r : cx_.OfType("aws_network_acl_association")) AclAssociation(*r);
    for (auto& [id, g] : groups_) cx_.builder().AddSecurityGroup(std::move(g));
    for (auto& [id, a] : acls_) cx_.builder().AddNetworkAcl(std::move(a));
  }

 private:
  // What AWS creates with a VPC: a default security group (all egress; all ingress from its
  // own members) and a default network ACL that allows everything both ways.
  void DefaultsOf(const Resource& vpc) {
    const std::string vpc_id = cx_.IdOf(vpc);
    const std::string group_id = cx_.VpcDefault(vpc, "default_security_group_id");
    model::SecurityGroup& g = groups_[group_id] = DefaultSecurityGroup(group_id, vpc_id);
    g.region = cx_.region();
    g.owner_id = cx_.account();
    g.source = cx_.Source(vpc);
    cx_.Origin(g.id, vpc);
    model::NetworkAcl& a = acls_[cx_.VpcDefault(vpc, "default_network_acl_id")];
    a.id = cx_.VpcDefault(vpc, "default_network_acl_id");
    a.vpc_id = vpc_id;
    a.region = cx_.region();
    a.is_default = true;
    a.source = cx_.Source(vpc);
    a.entries = DefaultNaclEntries();
    cx_.Origin(a.id, vpc);
  }

  void Group(const Resource& r, const std::string& id, bool adopt_default) {
    model::SecurityGroup& g = groups_[id];
    g.id = id;
    if (!adopt_default) g.name = cx_.Text(r, "name").value_or("");
    if (auto vpc = cx_.Text(r, "vpc_id"); vpc && !vpc->empty()) g.vpc_id = *vpc;
    g.region = cx_.region();
    g.owner_id = cx_.account();
    g.source = cx_.Source(r);
    cx_.Origin(id, r);
    if (r.existing) {  // a data source names the group, not its rules
      g.rules_known = false;
      return;
    }
    g.ingress.clear();
    g.egress.clear();
    InlineRules(r, g, "ingress", g.ingress);
    InlineRules(r, g, "egress", g.egress);
  }

  // Inline rules: those written, and none when the configuration writes none (the provider
  // removes AWS's default egress rule), though the plan calls such a list known after apply.
  void InlineRules(const Resource& r, model::SecurityGroup& g, const char* key,
                   std::vector<model::SgRule>& out) {
    const Value* v = cx_.Attr(r, key);
    if (MapContext::IsNotConfigured(v)) return;
    if (MapContext::IsUnknown(v)) {
      g.rules_known = false;
      cx_.Note(
          r, fmt::format("{} of {} is {}: its rules are unchecked", key, r.id, cx_.WhyUnknown(v)));
      return;
    }
    for (const Value* block : cx_.Blocks(v)) {
      model::SgRule rule;
      if (!Rule(r, *block, g.id, "protocol", rule)) {
        g.rules_known = false;
        continue;
      }
      out.push_back(std::move(rule));
    }
  }

  // The parts every rule shape shares; false (with a note) when one is unknown.
  bool Rule(const Resource& r, const Value& block, const std::string& group_id,
            const char* protocol_key, model::SgRule& rule) {
    const std::optional<std::string> protocol_text = cx_.Text(block.Find(protocol_key));
    const std::optional<int> protocol =
        protocol_text ? ingest::ParseProtocolText(util::Lower(*protocol_text)) : std::nullopt;
    if (!protocol) {
      cx_.Note(r, fmt::format(
                      "a rule of {} has protocol {}: left out", r.id,
                      protocol_text ? *protocol_text : cx_.WhyUnknown(block.Find(protocol_key))));
      return false;
    }
    rule.protocol = *protocol;
    rule.ports =
        Ports(rule.protocol, cx_.Int(block.Find("from_port")), cx_.Int(block.Find("to_port")));
    rule.source = cx_.Source(r);
    for (const char* key : {"cidr_blocks", "cidr_ipv4", "ipv6_cidr_blocks", "cidr_ipv6",
                            "prefix_list_ids", "prefix_list_id", "security_groups"}) {
      const Value* v = block.Find(key);
      std::optional<std::vector<std::string>> texts;
      if (v != nullptr && (v->AsList() || v->IsUnknown()))
        texts = cx_.Texts(v);
      else if (std::optional<std::string> one = cx_.Text(v))
        texts = one->empty() ? std::vector<std::string>{} : std::vector<std::string>{*one};
      if (!texts) {
        cx_.Note(r, fmt::format("{} of a rule of {} is {}: the group's rules are unchecked", key,
                                r.id, cx_.WhyUnknown(v)));
        return false;
      }
      for (const std::string& t : *texts) {
        const std::string_view k = key;
        if (k.rfind("prefix", 0) == 0)
          rule.prefix_list_ids.push_back(t);
        else if (k == "security_groups")
          rule.group_ids.push_back(t);
        else if (auto c6 = t.find(':') != std::string::npos ? Cidr6::Parse(t) : std::nullopt)
          rule.ipv6_cidrs.push_back(*c6);
        else if (auto c4 = Cidr4::Parse(t))
          rule.cidrs.push_back(*c4);
      }
    }
    if (cx_.Bool(block.Find("self")).value_or(false)) rule.group_ids.push_back(group_id);
    return true;
  }

  model::SecurityGroup* GroupOf(const Resource& r) {
    const std::optional<std::string> id = cx_.Text(r, "security_group_id");
    auto it = id ? groups_.find(*id) : groups_.end();
    if (it != groups_.end()) return &it->second;
    cx_.Note(r, fmt::format("{}: security group {} is not declared by the plans read, or not "
                            "known before apply: the rule is left out",
                            r.id, id ? *id : cx_.WhyUnknown(cx_.Attr(r, "security_group_id"))));
    return nullptr;
  }

  // aws_security_group_rule: one rule of type ingress or egress.
  void LegacyRule(const Resource& r) {
    model::SecurityGroup* g = GroupOf(r);
    if (g == nullptr) return;
    model::SgRule rule;
    if (!Rule(r, r.properties, g->id, "protocol", rule)) {
      g->rules_known = false;
      return;
    }
    if (auto source = cx_.Text(r, "source_security_group_id"); source && !source->empty())
      rule.group_ids.push_back(*source);
    (cx_.Text(r, "type").value_or("") == "egress" ? g->egress : g->ingress)
        .push_back(std::move(rule));
  }

  // aws_vpc_security_group_{ingress,egress}_rule: one source or destination per rule.
  void VpcRule(const Resource& r) {
    model::SecurityGroup* g = GroupOf(r);
    if (g == nullptr) return;
    model::SgRule rule;
    if (!Rule(r, r.properties, g->id, "ip_protocol", rule)) {
      g->rules_known = false;
      return;
    }
    if (auto ref = cx_.Text(r, "referenced_security_group_id"); ref && !ref->empty())
      rule.group_ids.push_back(*ref);
    (r.type == "aws_vpc_security_group_egress_rule" ? g->egress : g->ingress)
        .push_back(std::move(rule));
  }

  // aws_default_security_group adopts the VPC's default group and removes its rules.
  void DefaultGroup(const Resource& r) {
    const std::optional<std::string> vpc = cx_.Text(r, "vpc_id");
    for (const Resource* v : cx_.managed_vpcs)
      if (vpc && cx_.IdOf(*v) == *vpc)
        return Group(r, cx_.VpcDefault(*v, "default_security_group_id"), true);
    cx_.Note(r, r.id + ": its VPC is not one the plans create: its rules are not applied");
  }

  void Acl(const Resource& r, const std::string& id, bool adopt_default) {
    model::NetworkAcl& a = acls_[id];
    a.id = id;
    if (auto vpc = cx_.Text(r, "vpc_id"); vpc && !vpc->empty()) a.vpc_id = *vpc;
    a.region = cx_.region();
    a.is_default = a.is_default || adopt_default;
    a.source = cx_.Source(r);
    cx_.Origin(id, r);
    a.entries.clear();
    for (bool egress : {false, true}) {
      const Value* v = cx_.Attr(r, egress ? "egress" : "ingress");
      if (MapContext::IsUnknown(v) && !MapContext::IsNotConfigured(v))
        cx_.Note(r, fmt::format("{} of {} is {}: its entries are not known",
                                egress ? "egress" : "ingress", r.id, cx_.WhyUnknown(v)));
      for (const Value* block : cx_.Blocks(v))
        if (auto e = AclEntry(r, *block, egress, "rule_no", "action")) a.entries.push_back(*e);
      a.entries.push_back(AllTrafficEntry(32767, egress, false));  // the implicit deny every ACL ends with
    }
    if (auto subnets = cx_.Texts(r, "subnet_ids")) Associate(a.id, *subnets);
  }

  std::optional<model::NaclEntry> AclEntry(const Resource& r, const Value& block, bool egress,
                                           const char* number_key, const char* action_key) {
    model::NaclEntry e;
    e.egress = egress;
    const std::optional<std::int64_t> number = cx_.Int(block.Find(number_key));
    const std::optional<std::string> protocol_text = cx_.Text(block.Find("protocol"));
    const std::optional<int> protocol =
        protocol_text ? ingest::ParseProtocolText(util::Lower(*protocol_text)) : std::nullopt;
    const std::optional<std::string> action = cx_.Text(block.Find(action_key));
    if (!number || !protocol || !action) {
      cx_.Note(
          r, fmt::format("an entry of {} has no known number, protocol or action: left out", r.id));
      return std::nullopt;
    }
    e.rule_number = static_cast<int>(*number);
    e.protocol = *protocol;
    if (e.protocol == kTcp || e.protocol == kUdp)
      e.ports = Ports(e.protocol, cx_.Int(block.Find("from_port")), cx_.Int(block.Find("to_port")));
    e.allow = util::Lower(*action) == "allow";
    if (auto c = cx_.Text(block.Find("cidr_block")); c && !c->empty()) e.cidr = Cidr4::Parse(*c);
    if (auto c = cx_.Text(block.Find("ipv6_cidr_block")); c && !c->empty())
      e.ipv6_cidr = Cidr6::Parse(*c);
    e.source = cx_.Source(r);
    return e;
  }

  // A subnet belongs to exactly one ACL: associating it elsewhere takes it from the others.
  void Associate(const std::string& acl_id, const std::vector<std::string>& subnets) {
    for (auto& [id, other] : acls_)
      for (const std::string& s : subnets) std::erase(other.subnet_ids, s);
    for (const std::string& s : subnets) acls_[acl_id].subnet_ids.push_back(s);
  }

  // aws_default_network_acl adopts the VPC's default ACL: its rules are replaced by those written.
  void DefaultAcl(const Resource& r) {
    const std::optional<std::string> id = cx_.Text(r, "default_network_acl_id");
    if (!id || acls_.count(*id) == 0) {
      cx_.Note(r, r.id + ": its ACL is not the default ACL of a VPC the plans create: not applied");
      return;
    }
    Acl(r, *id, true);
  }

  void AclRule(const Resource& r) {
    const std::optional<std::string> id = cx_.Text(r, "network_acl_id");
    auto it = id ? acls_.find(*id) : acls_.end();
    if (it == acls_.end()) {
      cx_.Note(r, r.id + ": its network ACL is not declared by the plans read: left out");
      return;
    }
    const bool egress = cx_.Bool(cx_.Attr(r, "egress")).value_or(false);
    if (auto e = AclEntry(r, r.properties, egress, "rule_number", "rule_action"))
      it->second.entries.push_back(*e);
  }

  void AclAssociation(const Resource& r) {
    const std::optional<std::string> id = cx_.Text(r, "network_acl_id");
    const std::optional<std::string> subnet = cx_.Text(r, "subnet_id");
    if (!id || !subnet || acls_.count(*id) == 0) {
      cx_.Note(r,
               r.id + ": its ACL or subnet is not known before apply, or not declared: left out");
      return;
    }
    Associate(*id, {*subnet});
  }

  MapContext& cx_;
  std::map<std::string, model::SecurityGroup> groups_;
  std::map<std::string, model::NetworkAcl> acls_;
};

}  // namespace

void MapFirewalls(MapContext& cx) { FirewallMapper(cx).Run(); }

}  // namespace fd::predeploy::tf

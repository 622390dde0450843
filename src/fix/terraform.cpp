// The Terraform rendering of every step (fix/terraform.h): one function per kind, as
// fix/cli.cpp has for the AWS CLI. Fragments are built as a small HCL tree and written as
// `terraform fmt` writes them (two-space indentation, the `=` of consecutive attributes
// aligned), so `terraform fmt -check` accepts every edit as it is printed.
#include "fix/terraform.h"

#include <algorithm>
#include <utility>

#include "util/strings.h"

namespace fd::fix {
namespace {

// ---- a small HCL tree --------------------------------------------------------------------------

struct Item;
struct Body {
  std::vector<Item> items;
};
struct Item {
  std::string key;    ///< an attribute's name, or a block's header (`resource "aws_eip" "nat"`)
  std::string value;  ///< an attribute's expression, as written; a heredoc's text
  enum class Kind { kAttribute, kHeredoc, kBlock } kind = Kind::kAttribute;
  Body body;  ///< a block's
};

Item A(std::string key, std::string expression) { return Item{std::move(key), std::move(expression), Item::Kind::kAttribute, {}}; }
Item B(std::string header, std::vector<Item> items) { return Item{std::move(header), "", Item::Kind::kBlock, Body{std::move(items)}}; }

/// A template-free HCL string: quotes and backslashes escaped, and `${`/`%{` doubled so they
/// are text, not interpolation (IAM policy variables such as ${aws:username}).
std::string Escaped(const std::string& s, bool quotes) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (quotes && (c == '"' || c == '\\')) out += '\\';
    if ((c == '$' || c == '%') && i + 1 < s.size() && s[i + 1] == '{') out += c;
    out += c;
  }
  return out;
}
std::string Quote(const std::string& s) { return "\"" + Escaped(s, true) + "\""; }
std::string List(const std::vector<std::string>& expressions) { return "[" + util::Join(expressions, ", ") + "]"; }
/// A JSON document (a policy) as a heredoc: Terraform passes its text as it is.
Item Heredoc(std::string key, std::string doc) {
  for (char& c : doc)
    if (c == '\n' || c == '\r') c = ' ';
  return Item{std::move(key), Escaped(std::string(util::Trim(doc)), false), Item::Kind::kHeredoc, {}};
}

void Emit(const Body& b, int indent, std::string& out) {
  const std::string pad(indent, ' ');
  size_t width = 0;  // of the run of attributes the next one is in
  for (size_t i = 0; i < b.items.size(); ++i) {
    const Item& it = b.items[i];
    if (it.kind == Item::Kind::kBlock) {
      out += pad + it.key + " {\n";
      Emit(it.body, indent + 2, out);
      out += pad + "}\n";
      width = 0;
      continue;
    }
    if (width == 0)
      for (size_t j = i; j < b.items.size() && b.items[j].kind != Item::Kind::kBlock; ++j)
        width = std::max(width, b.items[j].key.size());
    const std::string key = pad + it.key + std::string(width - it.key.size(), ' ') + " = ";
    if (it.kind == Item::Kind::kHeredoc) out += key + "<<-EOT\n" + pad + "  " + it.value + "\n" + pad + "EOT\n";
    else out += key + it.value + "\n";
  }
}

std::string Hcl(const std::vector<Item>& items) {
  std::string out;
  Emit(Body{items}, 0, out);
  if (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

// ---- the renderer ------------------------------------------------------------------------------

enum class Want { kId, kName, kArn };

class Tf {
 public:
  explicit Tf(NewResources& n) : n_(n) {}
  const NewResources::New& created() const { return created_; }

  std::string operator()(const Route& r) {
    const char* key = r.via == Route::Via::kNatGateway ? "nat_gateway_id" : "gateway_id";
    if (r.replace)  // a route block of the table, or an aws_route: the model does not say which
      return "# in the route of " + Name(r.route_table) + " for " + r.destination +
             " (its aws_route, or its route block), set (and remove its other target):\n" + Hcl({A(key, Ref(r.target))});
    return New("aws_route", Base(r.route_table) + (r.destination == "0.0.0.0/0" ? "_default" : "_" + SnakeCase(r.destination)),
               {A("route_table_id", Ref(r.route_table)), A("destination_cidr_block", Quote(r.destination)), A(key, Ref(r.target))});
  }
  std::string operator()(const ElasticIp&) { return New("aws_eip", "nat", {A("domain", Quote("vpc"))}); }
  std::string operator()(const NatGateway& g) {
    return New("aws_nat_gateway", "nat", {A("subnet_id", Ref(g.subnet)), A("allocation_id", Ref(g.allocation))});
  }
  std::string operator()(const AttachInternetGateway& a) {
    return New("aws_internet_gateway_attachment", Base(a.gateway),
               {A("internet_gateway_id", Ref(a.gateway)), A("vpc_id", Ref(a.vpc))});
  }
  std::string operator()(const SecurityGroupRule& r) {
    using P = SecurityGroupRule::Peer;
    const bool all = r.protocol == "-1";
    std::vector<Item> p = {A("security_group_id", Ref(r.group)), A("ip_protocol", Quote(r.protocol))};
    if (!all) p.insert(p.end(), {A("from_port", std::to_string(r.ports.from)), A("to_port", std::to_string(r.ports.to))});
    switch (r.peer_kind) {
      case P::kCidr: p.push_back(A("cidr_ipv4", Quote(r.peer))); break;
      case P::kCidr6: p.push_back(A("cidr_ipv6", Quote(r.peer))); break;
      case P::kPrefixList: p.push_back(A("prefix_list_id", Quote(r.peer))); break;
      case P::kGroup: p.push_back(A("referenced_security_group_id", Ref(r.peer))); break;
    }
    const std::string dir = r.egress ? "egress" : "ingress";
    return New("aws_vpc_security_group_" + dir + "_rule",
               Base(r.group) + "_" + dir + "_" + (all ? "all" : SnakeCase(r.protocol) + "_" + std::to_string(r.ports.from)),
               std::move(p));
  }
  std::string operator()(const NetworkAclEntry& e) {
    return New("aws_network_acl_rule", Base(e.acl) + (e.egress ? "_egress_" : "_ingress_") + std::to_string(e.rule_number),
               {A("network_acl_id", Ref(e.acl)), A("rule_number", std::to_string(e.rule_number)),
                A("egress", e.egress ? "true" : "false"), A("protocol", Quote("tcp")), A("rule_action", Quote("allow")),
                A("cidr_block", Quote(e.cidr)), A("from_port", std::to_string(e.ports.from)),
                A("to_port", std::to_string(e.ports.to))});
  }
  std::string operator()(const SecurityGroup& g) {
    return New("aws_security_group", SnakeCase(g.name),
               {A("name", Quote(g.name)), A("description", Quote(g.description)), A("vpc_id", Ref(g.vpc))});
  }
  std::string operator()(const InterfaceEndpoint& e) {
    return New("aws_vpc_endpoint", SnakeCase(EndpointService(e.service_name)),
               {A("vpc_id", Ref(e.vpc)), A("service_name", Quote(e.service_name)), A("vpc_endpoint_type", Quote("Interface")),
                A("subnet_ids", Refs(e.subnets)), A("security_group_ids", Refs({e.security_group})),
                A("private_dns_enabled", "true")});
  }
  std::string operator()(const GatewayEndpoint& e) {
    return New("aws_vpc_endpoint", SnakeCase(EndpointService(e.service_name)) + "_gateway",
               {A("vpc_id", Ref(e.vpc)), A("service_name", Quote(e.service_name)), A("vpc_endpoint_type", Quote("Gateway")),
                A("route_table_ids", Refs(e.route_tables))});
  }
  std::string operator()(const EndpointRouteTables& e) {
    // One association per table: route_table_ids of the endpoint would fight these.
    if (e.add.empty()) return Note(e.endpoint, "no route table to add", e);
    std::string out;
    for (const auto& rt : e.add)
      out += (out.empty() ? "" : "\n") + New("aws_vpc_endpoint_route_table_association", Base(e.endpoint) + "_" + Base(rt),
                                             {A("vpc_endpoint_id", Ref(e.endpoint)), A("route_table_id", Ref(rt))});
    return out;
  }
  std::string operator()(const EndpointPrivateDns& e) { return Set(e.endpoint, {A("private_dns_enabled", "true")}, e); }
  std::string operator()(const EndpointPolicy& e) { return Note(e.endpoint, "set policy to the endpoint policy you write", e); }
  std::string operator()(const VpcDnsAttribute& a) {
    return Set(a.vpc, {A(a.which == VpcDnsAttribute::Which::kSupport ? "enable_dns_support" : "enable_dns_hostnames", "true")}, a);
  }
  std::string operator()(const SubnetDns64& s) { return Set(s.subnet, {A("enable_dns64", "true")}, s); }
  std::string operator()(const RouteTableAssociation& a) {
    return New("aws_route_table_association", Base(a.subnet), {A("subnet_id", Ref(a.subnet)), A("route_table_id", Ref(a.route_table))});
  }
  std::string operator()(const ServiceUpdate& u);
  std::string operator()(const RunTask& r) { return NoTemplateEquivalent(kLanguage, r); }
  std::string operator()(const TaskDefinitionRevision& t);
  std::string operator()(const Cluster& c) { return New("aws_ecs_cluster", SnakeCase(c.name), {A("name", Quote(c.name))}); }
  std::string operator()(const ClusterCapacityProviders& c);
  std::string operator()(const ClusterEphemeralStorageKey& c) {
    return Set(c.cluster,
               {B("configuration", {B("managed_storage_configuration", {A("fargate_ephemeral_storage_kms_key_id", Ref(c.key, Want::kArn))})})},
               c);
  }
  std::string operator()(const Repository& r) { return New("aws_ecr_repository", SnakeCase(r.name), {A("name", Quote(r.name))}); }
  std::string operator()(const ImageStorageClass& i) { return NoTemplateEquivalent(kLanguage, i); }
  std::string operator()(const RepositoryPolicy& p) {
    if (p.text.empty()) return Note(p.repository, "add an aws_ecr_repository_policy with the policy you write", p);
    return New("aws_ecr_repository_policy", SnakeCase(p.repository), {A("repository", Ref(p.repository, Want::kName)), Heredoc("policy", p.text)});
  }
  // The upstream credentials are the user's: a plan would hold them.
  std::string operator()(const PullThroughCacheCredential& c) { return NoTemplateEquivalent(kLanguage, c); }
  std::string operator()(const InlinePolicy& p) {
    return New(p.user ? "aws_iam_user_policy" : "aws_iam_role_policy", SnakeCase(p.name),
               {A("name", Quote(p.name)), A(p.user ? "user" : "role", Ref(p.principal, Want::kName)), Heredoc("policy", p.document)});
  }
  std::string operator()(const ManagedPolicyAttachment& a) {
    return New("aws_iam_role_policy_attachment", Base(a.role) + "_" + SnakeCase(util::LastPart(a.policy_arn)),
               {A("role", Ref(a.role, Want::kName)), A("policy_arn", Ref(a.policy_arn, Want::kArn))});
  }
  std::string operator()(const Role& r) {
    return New("aws_iam_role", SnakeCase(r.name), {A("name", Quote(r.name)), Heredoc("assume_role_policy", r.trust)});
  }
  std::string operator()(const TrustPolicy& t) { return Set(t.role, {Heredoc("assume_role_policy", t.document)}, t); }
  std::string operator()(const ServiceLinkedRole& r) {
    return New("aws_iam_service_linked_role", SnakeCase(r.service), {A("aws_service_name", Quote(r.service))});
  }
  std::string operator()(const PermissionsBoundaryRemoval& r) { return Note(r.role, "remove permissions_boundary", r); }
  std::string operator()(const PolicyVersion& p) {
    return Note(p.policy_arn, "set policy to the document you write (" + p.file + ")", p);
  }
  std::string operator()(const KeyPolicy& k) { return Note(k.key, "set policy to the key policy you write", k); }
  std::string operator()(const KeyEnabled& k) {
    std::string out = Set(k.key, {A("is_enabled", "true")}, k);
    if (k.cancel_deletion && n_.Declaration(k.key))  // a pending deletion is no attribute
      out = "# the key is pending deletion, which no plan undoes: aws kms cancel-key-deletion --key-id " + k.key + "\n" + out;
    return out;
  }
  // A secret's value stays out of plans and state.
  std::string operator()(const Secret& s) { return NoTemplateEquivalent(kLanguage, s); }
  std::string operator()(const SecretPolicy& p) {
    if (p.document.empty()) return Note(p.secret, "add an aws_secretsmanager_secret_policy with the policy you write", p);
    return New("aws_secretsmanager_secret_policy", Base(p.secret), {A("secret_arn", Ref(p.secret, Want::kArn)), Heredoc("policy", p.document)});
  }
  std::string operator()(const SecretRestore& s) { return NoTemplateEquivalent(kLanguage, s); }
  std::string operator()(const SecretKey& s) { return Set(s.secret, {A("kms_key_id", Ref(s.key, Want::kArn))}, s); }
  std::string operator()(const LogGroup& g) { return New("aws_cloudwatch_log_group", SnakeCase(g.name), {A("name", Quote(g.name))}); }
  std::string operator()(const MountTarget& m) {
    std::vector<Item> p = {A("file_system_id", Ref(m.file_system)), A("subnet_id", Ref(m.subnet))};
    if (!m.security_groups.empty()) p.push_back(A("security_groups", Refs(m.security_groups)));
    return New("aws_efs_mount_target", Base(m.subnet), std::move(p));
  }
  std::string operator()(const AccessPoint& a) {
    std::vector<Item> root = {A("path", Quote(a.path))};
    if (a.with_creation_info)
      root.push_back(B("creation_info", {A("owner_uid", "1000"), A("owner_gid", "1000"), A("permissions", Quote("755"))}));
    return New("aws_efs_access_point", Base(a.file_system), {A("file_system_id", Ref(a.file_system)), B("root_directory", std::move(root))});
  }
  std::string operator()(const LoadBalancerSubnets& l) { return Set(l.load_balancer, {A("subnets", Refs(l.subnets))}, l); }
  std::string operator()(const TargetGroup& g) {
    if (!g.replaces.empty() && n_.Declaration(g.replaces))
      return Set(g.replaces, {A("target_type", Quote("ip"))}, g) +
             "\n# (target_type forces a new group while a listener still uses the old one: add\n"
             "#  lifecycle { create_before_destroy = true } and a new name, or name_prefix)";
    return New("aws_lb_target_group", SnakeCase(g.name),
               {A("name", Quote(g.name)), A("protocol", Quote(g.protocol)), A("port", std::to_string(g.port)),
                A("vpc_id", Ref(g.vpc)), A("target_type", Quote("ip"))});
  }
  std::string operator()(const QuotaIncrease& q) { return NoTemplateEquivalent(kLanguage, q); }
  std::string operator()(const OrganizationPolicy& p) { return NoTemplateEquivalent(kLanguage, p); }
  std::string operator()(const Read& r) { return NoTemplateEquivalent(kLanguage, r); }

 private:
  static constexpr std::string_view kLanguage = "Terraform";

  /// `d`'s address within its module (what an expression in that module writes).
  static std::string Local(const Declared& d) {
    return !d.source.empty() && d.id.rfind(d.source + ".", 0) == 0 ? d.id.substr(d.source.size() + 1) : d.id;
  }
  /// `id` in the configuration: a new resource of an earlier step, a declared one, or the literal.
  std::string Ref(const std::string& id, Want want = Want::kId) {
    const char* attribute = want == Want::kArn ? ".arn" : want == Want::kName ? ".name" : ".id";
    if (const NewResources::New* nw = n_.Find(id)) return nw->type + "." + nw->name + attribute;
    const Declared* d = n_.Declaration(id);
    if (!d) return Quote(id);
    if (!home_) home_ = d;
    if (d->source != home_->source)
      foreign_ += "\n# (" + Local(*d) + " is in " + (d->source.empty() ? "the root module" : d->source) +
                  ": pass it in through a variable or an output)";
    return Local(*d) + (d->attribute.empty() ? attribute : "." + d->attribute);
  }
  std::string Refs(const std::vector<std::string>& ids) {
    std::vector<std::string> out;
    for (const auto& id : ids) out.push_back(Ref(id));
    return List(out);
  }
  /// How the plans name `id`, for prose.
  std::string Name(const std::string& id) const {
    const Declared* d = n_.Declaration(id);
    if (!d) return id;
    return Local(*d) + (d->attribute.empty() ? "" : "." + d->attribute) + (d->source.empty() ? "" : " (" + d->source + ")");
  }
  /// A readable name from `id`: its declared resource's name (`private_0` of aws_subnet.private[0]).
  std::string Base(const std::string& id) const {
    if (const NewResources::New* nw = n_.Find(id)) return nw->name;
    const Declared* d = n_.Declaration(id);
    if (!d) return SnakeCase(id);
    const std::string local = Local(*d);
    const size_t dot = local.find('.', local.rfind("data.", 0) == 0 ? 5 : 0);
    return SnakeCase(dot == std::string::npos ? local : local.substr(dot + 1)) + (d->attribute.empty() ? "" : "_" + SnakeCase(d->attribute));
  }

  std::string New(const std::string& type, const std::string& base, std::vector<Item> items) {
    created_ = {type, n_.Name(type + "." + base).substr(type.size() + 1)};
    const std::string where = home_ && !home_->source.empty() ? "in " + home_->source : "in the root module";
    return "# new resource, " + where + ":" + foreign_ + "\n" + Hcl({B("resource " + Quote(type) + " " + Quote(created_.name), std::move(items))});
  }
  std::string Set(const std::string& id, std::vector<Item> items, const Step& s) {
    const Declared* d = n_.Declaration(id);
    if (!d) return NotDeclared(id, s);
    return Where(*d) + ", set:\n" + Hcl(items);
  }
  std::string Note(const std::string& id, const std::string& what, const Step& s) {
    const Declared* d = n_.Declaration(id);
    return d ? Where(*d) + ", " + what : NotDeclared(id, s);
  }
  static std::string Where(const Declared& d) {
    return "# in " + Local(d) + (d.source.empty() ? "" : " (" + d.source + ")");
  }
  static std::string NotDeclared(const std::string& id, const Step& s) {
    std::string out = "# " + id + " is not declared in the plans read: run";
    for (const std::string& c : Cli(s)) out += "\n#   " + c;
    return out;
  }

  NewResources& n_;
  const Declared* home_ = nullptr;  ///< the first declared resource a new one references
  std::string foreign_;             ///< what it references in other modules, said in comments
  NewResources::New created_;
};

std::string Tf::operator()(const ServiceUpdate& u) {
  std::vector<Item> p;
  if (!u.task_definition.empty()) p.push_back(A("task_definition", Ref(u.task_definition, Want::kArn)));
  if (!u.platform_version.empty()) p.push_back(A("platform_version", Quote(u.platform_version)));
  if (!u.propagate_tags.empty()) p.push_back(A("propagate_tags", Quote(u.propagate_tags)));
  for (const NetworkConfiguration& n : u.network) {
    std::vector<Item> block = {A("subnets", Refs(n.subnets))};
    if (!n.security_groups.empty()) block.push_back(A("security_groups", Refs(n.security_groups)));
    block.push_back(A("assign_public_ip", n.assign_public_ip == "ENABLED" ? "true" : "false"));
    p.push_back(B("network_configuration", std::move(block)));
  }
  std::string rest;  // shorthand the CLI takes; the configuration writes the same data as blocks
  for (const auto& [block, shorthand] : {std::pair{"capacity_provider_strategy", &u.capacity_provider_strategy},
                                         {"load_balancer", &u.load_balancers},
                                         {"deployment configuration", &u.deployment_configuration},
                                         {"volume_configuration", &u.volume_configurations}})
    if (!shorthand->empty()) rest += "\n# and write " + std::string(block) + " as the CLI's " + *shorthand;
  // force_new_deployment: an apply that changes the service deploys it.
  if (p.empty()) return Note(u.service, "nothing to set: an apply that changes the service deploys it again", u) + rest;
  return Set(u.service, std::move(p), u) + rest;
}

std::string Tf::operator()(const TaskDefinitionRevision& t) {
  // family:revision names one task definition; a family may also be a service's name.
  auto declared = [&](const std::string& k) {
    const Declared* d = n_.Declaration(k);
    return d && d->type == "aws_ecs_task_definition";
  };
  const std::string id = declared(t.name) ? t.name : declared(t.family) ? t.family : "";
  if (id.empty()) return NotDeclared(t.name.empty() ? t.family : t.name, t);
  if (t.cpu.empty() && t.memory.empty()) return Note(id, t.edit.empty() ? "register it again" : t.edit, t);
  std::vector<Item> p;
  if (!t.cpu.empty()) p.push_back(A("cpu", Quote(t.cpu)));
  if (!t.memory.empty()) p.push_back(A("memory", Quote(t.memory)));
  std::string out = Set(id, std::move(p), t);
  return t.edit.empty() || !n_.Declaration(id) ? out : "# " + t.edit + "\n" + out;
}

std::string Tf::operator()(const ClusterCapacityProviders& c) {
  std::vector<std::string> providers;
  for (const auto& p : c.providers) providers.push_back(Quote(p));
  std::vector<Item> items = {A("cluster_name", Ref(c.cluster, Want::kName)), A("capacity_providers", List(providers))};
  for (const ShorthandItem& item : ParseShorthand(c.default_strategy)) {
    std::vector<Item> fields;
    for (const auto& [key, value] : item)
      fields.push_back(A(SnakeCase(key == "capacityProvider" ? "capacity_provider" : key),
                         key == "capacityProvider" ? Quote(value) : value));
    items.push_back(B("default_capacity_provider_strategy", std::move(fields)));
  }
  return New("aws_ecs_cluster_capacity_providers", Base(c.cluster), std::move(items));
}

}  // namespace

std::string TerraformEdits::Edit(const Step& s) {
  Tf r(names_);
  std::string out = std::visit(r, s);
  for (const std::string& p : PlaceholdersOf(s)) names_.Bind(p, r.created());
  return out;
}

std::vector<std::string> Terraform(const std::vector<Step>& steps, const Declarations& declared) {
  TerraformEdits edits(declared);
  std::vector<std::string> out;
  for (const Step& s : steps) out.push_back(edits.Edit(s));
  return out;
}

}  // namespace fd::fix

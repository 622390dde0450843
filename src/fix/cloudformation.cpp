// The CloudFormation rendering of every step (fix/cloudformation.h): one function per kind, as
// fix/cli.cpp has for the AWS CLI. The fragments are built as a small YAML tree and written
// with two-space indentation, so every edit is a YAML document yaml-cpp (and CloudFormation)
// reads; strings are quoted whenever YAML could read them as anything but a string.
#include "fix/cloudformation.h"

#include <cctype>
#include <set>
#include <utility>

#include "util/strings.h"

namespace fd::fix {
namespace {

// ---- a small YAML tree -------------------------------------------------------------------------

struct Entry;
struct Node {
  enum class Kind { kScalar, kList, kMap } kind = Kind::kScalar;
  std::string scalar;  ///< already written: `!Ref X`, `"text"`, `443`
  std::vector<Node> items;
  std::vector<Entry> members;
};
struct Entry {
  std::string key;
  Node value;
};

Node S(std::string written) { return Node{Node::Kind::kScalar, std::move(written), {}, {}}; }
Node L(std::vector<Node> items) { return Node{Node::Kind::kList, "", std::move(items), {}}; }
Node M(std::vector<Entry> members) { return Node{Node::Kind::kMap, "", {}, std::move(members)}; }
Node Int(int n) { return S(std::to_string(n)); }
Node True() { return S("true"); }

/// A YAML string: plain when nothing in it could make YAML read another type or structure.
Node Str(const std::string& s) {
  static const char* kWords[] = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"};
  bool plain = !s.empty() && std::isalpha(static_cast<unsigned char>(s[0]));
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && std::string_view("_./:-").find(c) == std::string_view::npos)
      plain = false;
  for (const char* w : kWords)
    if (util::IEquals(s, w)) plain = false;
  if (!s.empty() && s.back() == ':') plain = false;  // "x:" at a line's end would start a mapping
  if (plain) return S(s);
  std::string q = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') q += '\\';
    q += c;
  }
  return S(q + "\"");
}

/// A JSON document (a policy) as a YAML flow mapping: JSON is YAML. Newlines between tokens
/// are spaces (a JSON string holds none), so the document stays on its key's line.
Node Json(std::string doc) {
  for (char& c : doc)
    if (c == '\n' || c == '\r') c = ' ';
  return S(std::string(util::Trim(doc)));
}

void Emit(const Node& n, int indent, std::string& out);

void EmitValue(const Node& v, int indent, std::string& out) {
  if (v.kind == Node::Kind::kScalar) {
    out += " " + v.scalar + "\n";
  } else if ((v.kind == Node::Kind::kList && v.items.empty()) || (v.kind == Node::Kind::kMap && v.members.empty())) {
    out += v.kind == Node::Kind::kList ? " []\n" : " {}\n";
  } else {
    out += "\n";
    Emit(v, indent + 2, out);
  }
}

void Emit(const Node& n, int indent, std::string& out) {
  const std::string pad(indent, ' ');
  if (n.kind == Node::Kind::kMap) {
    for (const Entry& e : n.members) {
      out += pad + e.key + ":";
      EmitValue(e.value, indent, out);
    }
  } else if (n.kind == Node::Kind::kList) {
    for (const Node& item : n.items) {
      if (item.kind == Node::Kind::kScalar) {
        out += pad + "- " + item.scalar + "\n";
        continue;
      }
      std::string inner;  // a map or list item: its first line after the dash
      Emit(item, indent + 2, inner);
      out += pad + "- " + inner.substr(indent + 2);
    }
  } else {
    out += pad + n.scalar + "\n";
  }
}

std::string Yaml(const Node& n) {
  std::string out;
  Emit(n, 0, out);
  if (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

// ---- the renderer ------------------------------------------------------------------------------

enum class Want { kId, kArn };

class Cfn {
 public:
  explicit Cfn(NewResources& n) : n_(n) {}
  /// The new resource the last step created (its placeholders are bound to it).
  const NewResources::New& created() const { return created_; }

  std::string operator()(const Route& r) {
    const char* key = r.via == Route::Via::kNatGateway ? "NatGatewayId" : "GatewayId";
    if (r.replace)  // the route is an AWS::EC2::Route of the template, which the model does not name
      return "# in the AWS::EC2::Route of " + Name(r.route_table) + " for " + r.destination +
             ", under Properties, set (and remove its other target):\n" + Yaml(M({{key, Ref(r.target)}}));
    const std::string base = Base(r.route_table) + (r.destination == "0.0.0.0/0" ? "DefaultRoute" : "Route" + CamelCase(r.destination));
    return New(base, "AWS::EC2::Route",
               {{"RouteTableId", Ref(r.route_table)}, {"DestinationCidrBlock", Str(r.destination)}, {key, Ref(r.target)}});
  }
  std::string operator()(const ElasticIp&) { return New("NatGatewayEip", "AWS::EC2::EIP", {{"Domain", S("vpc")}}); }
  std::string operator()(const NatGateway& g) {
    return New("NatGateway", "AWS::EC2::NatGateway", {{"SubnetId", Ref(g.subnet)}, {"AllocationId", Ref(g.allocation)}});
  }
  std::string operator()(const AttachInternetGateway& a) {
    return New(Base(a.gateway) + "Attachment", "AWS::EC2::VPCGatewayAttachment",
               {{"VpcId", Ref(a.vpc)}, {"InternetGatewayId", Ref(a.gateway)}});
  }
  std::string operator()(const SecurityGroupRule& r) {
    using P = SecurityGroupRule::Peer;
    const bool all = r.protocol == "-1";
    std::vector<Entry> p = {{"GroupId", Ref(r.group)}, {"IpProtocol", Str(r.protocol)}};
    if (!all) p.insert(p.end(), {{"FromPort", Int(r.ports.from)}, {"ToPort", Int(r.ports.to)}});
    switch (r.peer_kind) {
      case P::kCidr: p.push_back({"CidrIp", Str(r.peer)}); break;
      case P::kCidr6: p.push_back({"CidrIpv6", Str(r.peer)}); break;
      case P::kPrefixList: p.push_back({r.egress ? "DestinationPrefixListId" : "SourcePrefixListId", Str(r.peer)}); break;
      case P::kGroup: p.push_back({r.egress ? "DestinationSecurityGroupId" : "SourceSecurityGroupId", Ref(r.peer)}); break;
    }
    const std::string ports = all ? "" : r.ports.from == r.ports.to ? std::to_string(r.ports.from)
                                                                  : std::to_string(r.ports.from) + "To" + std::to_string(r.ports.to);
    return New(Base(r.group) + (r.egress ? "Egress" : "Ingress") + (all ? "All" : CamelCase(r.protocol)) + ports,
               r.egress ? "AWS::EC2::SecurityGroupEgress" : "AWS::EC2::SecurityGroupIngress", std::move(p));
  }
  std::string operator()(const NetworkAclEntry& e) {
    return New(Base(e.acl) + (e.egress ? "Egress" : "Ingress") + "Rule" + std::to_string(e.rule_number),
               "AWS::EC2::NetworkAclEntry",
               {{"NetworkAclId", Ref(e.acl)},
                {"RuleNumber", Int(e.rule_number)},
                {"Protocol", Int(6)},
                {"RuleAction", S("allow")},
                {"Egress", S(e.egress ? "true" : "false")},
                {"CidrBlock", Str(e.cidr)},
                {"PortRange", M({{"From", Int(e.ports.from)}, {"To", Int(e.ports.to)}})}});
  }
  std::string operator()(const SecurityGroup& g) {
    // No GroupName: CloudFormation cannot replace a named group without renaming it.
    return New(CamelCase(g.name) + "SecurityGroup", "AWS::EC2::SecurityGroup",
               {{"GroupDescription", Str(g.description)}, {"VpcId", Ref(g.vpc)}});
  }
  std::string operator()(const InterfaceEndpoint& e) {
    return New(CamelCase(EndpointService(e.service_name)) + "Endpoint", "AWS::EC2::VPCEndpoint",
               {{"VpcEndpointType", S("Interface")},
                {"ServiceName", ServiceName(e.service_name)},
                {"VpcId", Ref(e.vpc)},
                {"SubnetIds", Refs(e.subnets)},
                {"SecurityGroupIds", Refs({e.security_group})},
                {"PrivateDnsEnabled", True()}});
  }
  std::string operator()(const GatewayEndpoint& e) {
    return New(CamelCase(EndpointService(e.service_name)) + "GatewayEndpoint", "AWS::EC2::VPCEndpoint",
               {{"VpcEndpointType", S("Gateway")},
                {"ServiceName", ServiceName(e.service_name)},
                {"VpcId", Ref(e.vpc)},
                {"RouteTableIds", Refs(e.route_tables)}});
  }
  std::string operator()(const EndpointRouteTables& e) {
    return Change(e.endpoint, "add to Properties.RouteTableIds:", Refs(e.add), e);
  }
  std::string operator()(const EndpointPrivateDns& e) { return Set(e.endpoint, {{"PrivateDnsEnabled", True()}}, e); }
  std::string operator()(const EndpointPolicy& e) {
    return Note(e.endpoint, "set Properties.PolicyDocument to the endpoint policy you write", e);
  }
  std::string operator()(const VpcDnsAttribute& a) {
    return Set(a.vpc, {{a.which == VpcDnsAttribute::Which::kSupport ? "EnableDnsSupport" : "EnableDnsHostnames", True()}}, a);
  }
  std::string operator()(const SubnetDns64& s) { return Set(s.subnet, {{"EnableDns64", True()}}, s); }
  std::string operator()(const RouteTableAssociation& a) {
    return New(Base(a.subnet) + "RouteTableAssociation", "AWS::EC2::SubnetRouteTableAssociation",
               {{"SubnetId", Ref(a.subnet)}, {"RouteTableId", Ref(a.route_table)}});
  }
  std::string operator()(const ServiceUpdate& u);
  std::string operator()(const RunTask& r) { return NoTemplateEquivalent(kLanguage, r); }
  std::string operator()(const TaskDefinitionRevision& t);
  std::string operator()(const Cluster& c) {
    return New(CamelCase(c.name) + "Cluster", "AWS::ECS::Cluster", {{"ClusterName", Str(c.name)}});
  }
  std::string operator()(const ClusterCapacityProviders& c);
  std::string operator()(const ClusterEphemeralStorageKey& c) {
    return Set(c.cluster,
               {{"Configuration",
                 M({{"ManagedStorageConfiguration", M({{"FargateEphemeralStorageKmsKeyId", Ref(c.key)}})}})}},
               c);
  }
  std::string operator()(const Repository& r) {
    return New(CamelCase(r.name) + "Repository", "AWS::ECR::Repository", {{"RepositoryName", Str(r.name)}});
  }
  std::string operator()(const ImageStorageClass& i) { return NoTemplateEquivalent(kLanguage, i); }
  std::string operator()(const RepositoryPolicy& p) {
    if (p.text.empty()) return Note(p.repository, "set Properties.RepositoryPolicyText to the repository policy you write", p);
    return Set(p.repository, {{"RepositoryPolicyText", Json(p.text)}}, p);
  }
  // The upstream credentials are the user's: a template would hold them in clear text.
  std::string operator()(const PullThroughCacheCredential& c) { return NoTemplateEquivalent(kLanguage, c); }
  std::string operator()(const InlinePolicy& p) {
    return New(CamelCase(p.name) + "Policy", "AWS::IAM::Policy",
               {{"PolicyName", Str(p.name)}, {"PolicyDocument", Json(p.document)}, {p.user ? "Users" : "Roles", Refs({p.principal})}});
  }
  std::string operator()(const ManagedPolicyAttachment& a) {
    return Change(a.role, "add to Properties.ManagedPolicyArns:", L({Str(a.policy_arn)}), a);
  }
  std::string operator()(const Role& r) {
    return New(CamelCase(r.name), "AWS::IAM::Role", {{"RoleName", Str(r.name)}, {"AssumeRolePolicyDocument", Json(r.trust)}});
  }
  std::string operator()(const TrustPolicy& t) { return Set(t.role, {{"AssumeRolePolicyDocument", Json(t.document)}}, t); }
  std::string operator()(const ServiceLinkedRole& r) {
    return New(CamelCase(r.service) + "ServiceLinkedRole", "AWS::IAM::ServiceLinkedRole", {{"AWSServiceName", Str(r.service)}});
  }
  std::string operator()(const PermissionsBoundaryRemoval& r) { return Note(r.role, "remove Properties.PermissionsBoundary", r); }
  std::string operator()(const PolicyVersion& p) {
    return Note(p.policy_arn, "set Properties.PolicyDocument to the document you write (" + p.file + ")", p);
  }
  std::string operator()(const KeyPolicy& k) { return Note(k.key, "set Properties.KeyPolicy to the key policy you write", k); }
  std::string operator()(const KeyEnabled& k) {
    std::string out = Set(k.key, {{"Enabled", True()}}, k);
    if (k.cancel_deletion && n_.Declaration(k.key))  // a pending deletion is no property
      out = "# the key is pending deletion, which no template undoes: aws kms cancel-key-deletion --key-id " + k.key +
            "\n" + out;
    return out;
  }
  // A secret's value stays out of templates (CloudFormation would show it in clear text).
  std::string operator()(const Secret& s) { return NoTemplateEquivalent(kLanguage, s); }
  std::string operator()(const SecretPolicy& p) {
    if (p.document.empty()) return Note(p.secret, "add an AWS::SecretsManager::ResourcePolicy with the policy you write", p);
    return New(Base(p.secret) + "ResourcePolicy", "AWS::SecretsManager::ResourcePolicy",
               {{"SecretId", Ref(p.secret)}, {"ResourcePolicy", Json(p.document)}});
  }
  std::string operator()(const SecretRestore& s) { return NoTemplateEquivalent(kLanguage, s); }
  std::string operator()(const SecretKey& s) { return Set(s.secret, {{"KmsKeyId", Ref(s.key)}}, s); }
  std::string operator()(const LogGroup& g) {
    return New(CamelCase(g.name) + "LogGroup", "AWS::Logs::LogGroup", {{"LogGroupName", Str(g.name)}});
  }
  std::string operator()(const MountTarget& m) {
    std::vector<Entry> p = {{"FileSystemId", Ref(m.file_system)}, {"SubnetId", Ref(m.subnet)}};
    if (!m.security_groups.empty()) p.push_back({"SecurityGroups", Refs(m.security_groups)});
    return New(Base(m.file_system) + "MountTarget" + Base(m.subnet), "AWS::EFS::MountTarget", std::move(p));
  }
  std::string operator()(const AccessPoint& a) {
    std::vector<Entry> root = {{"Path", Str(a.path)}};
    if (a.with_creation_info)
      root.push_back({"CreationInfo", M({{"OwnerUid", Str("1000")}, {"OwnerGid", Str("1000")}, {"Permissions", Str("755")}})});
    return New(Base(a.file_system) + "AccessPoint", "AWS::EFS::AccessPoint",
               {{"FileSystemId", Ref(a.file_system)}, {"RootDirectory", M(std::move(root))}});
  }
  std::string operator()(const LoadBalancerSubnets& l) {
    Home(l.load_balancer);
    return Set(l.load_balancer, {{"Subnets", Refs(l.subnets)}}, l);
  }
  std::string operator()(const TargetGroup& g) {
    if (!g.replaces.empty() && n_.Declaration(g.replaces))
      return Set(g.replaces, {{"TargetType", S("ip")}}, g) +
             "\n# (a new TargetType replaces the group: one already deployed with a Name needs a new Name too)";
    return New(CamelCase(g.name) + "TargetGroup", "AWS::ElasticLoadBalancingV2::TargetGroup",
               {{"Name", Str(g.name)}, {"Protocol", Str(g.protocol)}, {"Port", Int(g.port)}, {"VpcId", Ref(g.vpc)},
                {"TargetType", S("ip")}});
  }
  std::string operator()(const QuotaIncrease& q) { return NoTemplateEquivalent(kLanguage, q); }
  std::string operator()(const OrganizationPolicy& p) { return NoTemplateEquivalent(kLanguage, p); }
  std::string operator()(const Read& r) { return NoTemplateEquivalent(kLanguage, r); }

 private:
  static constexpr std::string_view kLanguage = "CloudFormation";

  /// `id` in a template: a new resource of an earlier step, a declared one, or the literal ID.
  Node Ref(const std::string& id, Want want = Want::kId) {
    if (const NewResources::New* nw = n_.Find(id)) {
      if (nw->type == "AWS::EC2::SecurityGroup") return S("!GetAtt " + nw->name + ".GroupId");
      if (nw->type == "AWS::EC2::EIP") return S("!GetAtt " + nw->name + ".AllocationId");
      return S("!Ref " + nw->name);
    }
    const Declared* d = n_.Declaration(id);
    if (!d) return Str(id);
    if (!home_) home_ = d;
    Node local = S("!Ref " + d->id);
    if (!d->attribute.empty())  // what AWS creates with a VPC: only these two have an attribute
      local = d->attribute == "DefaultSecurityGroup" || d->attribute == "DefaultNetworkAcl"
                  ? S("!GetAtt " + d->id + "." + d->attribute)
                  : Str(id);
    else if (want == Want::kArn) local = S("!GetAtt " + d->id + ".Arn");
    else if (d->type == "AWS::EC2::SecurityGroup") local = S("!GetAtt " + d->id + ".GroupId");
    if (d->source == home_->source || d->source.empty() || home_->source.empty()) return local;
    return Import(*d, want, std::move(local));
  }
  /// A reference into another stack: the export it already has, else a new Output of that
  /// stack (written after the fragment), imported by the name `${AWS::StackName}-<id>` gives
  /// there.
  Node Import(const Declared& d, Want want, Node local) {
    if (!d.export_name.empty() && want == Want::kId && d.attribute.empty())
      return S("!ImportValue " + Str(d.export_name).scalar);
    const std::string key = d.id + d.attribute + (want == Want::kArn ? "Arn" : "");
    if (exported_.insert(d.source + "/" + key).second)
      exports_ += "\n# and under Outputs of " + d.file + " (stack " + d.source + "):\n" +
                  Yaml(M({{key + "Export", M({{"Value", std::move(local)},
                                               {"Export", M({{"Name", S("!Sub \"${AWS::StackName}-" + key + "\"")}})}})}}));
    return S("!ImportValue " + Str(d.source + "-" + key).scalar);
  }
  /// A change of declared resource `id` goes in its stack: references to others are imported.
  void Home(const std::string& id) {
    if (const Declared* d = n_.Declaration(id)) home_ = d;
  }
  Node Refs(const std::vector<std::string>& ids) {
    std::vector<Node> out;
    for (const auto& id : ids) out.push_back(Ref(id));
    return L(std::move(out));
  }
  Node ServiceName(const std::string& name) const {
    const std::string service = EndpointService(name);
    if (service == name) return Str(name);
    return S("!Sub \"com.amazonaws.${AWS::Region}." + service + "\"");
  }
  /// How the templates name `id` (for a new resource's logical ID and for prose).
  std::string Name(const std::string& id) const {
    if (const NewResources::New* nw = n_.Find(id)) return nw->name;
    const Declared* d = n_.Declaration(id);
    return d ? d->id + d->attribute : id;
  }
  std::string Base(const std::string& id) const { return CamelCase(Name(id)); }

  std::string New(const std::string& base, const std::string& type, std::vector<Entry> properties) {
    created_ = {type, n_.Name(base)};
    const std::string body = Yaml(M({{created_.name, M({{"Type", S(type)}, {"Properties", M(std::move(properties))}})}}));
    return "# new resource, under Resources" + (home_ ? " of " + home_->file : std::string()) + ":\n" + body + exports_;
  }
  /// A change of the declared resource `id`, or the CLI when the templates do not declare it.
  std::string Change(const std::string& id, const std::string& what, const Node& fragment, const Step& s) {
    const Declared* d = n_.Declaration(id);
    if (!d) return NotDeclared(id, s);
    return Where(*d) + ", " + what + "\n" + Yaml(fragment) + exports_;
  }
  std::string Set(const std::string& id, std::vector<Entry> properties, const Step& s) {
    return Change(id, "under Properties, set:", M(std::move(properties)), s);
  }
  /// A change with no fragment to write for the user (a document only they can write).
  std::string Note(const std::string& id, const std::string& what, const Step& s) {
    const Declared* d = n_.Declaration(id);
    return d ? Where(*d) + ", " + what : NotDeclared(id, s);
  }
  static std::string Where(const Declared& d) {
    return "# in " + d.id + " (" + d.file + (d.line ? ":" + std::to_string(d.line) : "") + ")";
  }
  static std::string NotDeclared(const std::string& id, const Step& s) {
    std::string out = "# " + id + " is not declared in the templates read: run";
    for (const std::string& c : Cli(s)) out += "\n#   " + c;
    return out;
  }

  NewResources& n_;
  const Declared* home_ = nullptr;  ///< the first declared resource a new one references
  std::string exports_;             ///< the Outputs other stacks need for what it imports
  std::set<std::string> exported_;  ///< "stack/key" of those Outputs
  NewResources::New created_;
};

std::string Cfn::operator()(const ServiceUpdate& u) {
  Home(u.service);
  std::vector<Entry> p;
  if (!u.task_definition.empty()) p.push_back({"TaskDefinition", Ref(u.task_definition)});
  for (const NetworkConfiguration& n : u.network) {
    std::vector<Entry> awsvpc = {{"AssignPublicIp", Str(n.assign_public_ip)}, {"Subnets", Refs(n.subnets)}};
    if (!n.security_groups.empty()) awsvpc.push_back({"SecurityGroups", Refs(n.security_groups)});
    p.push_back({"NetworkConfiguration", M({{"AwsvpcConfiguration", M(std::move(awsvpc))}})});
  }
  if (!u.platform_version.empty()) p.push_back({"PlatformVersion", Str(u.platform_version)});
  if (!u.propagate_tags.empty()) p.push_back({"PropagateTags", Str(u.propagate_tags)});
  // Shorthand the CLI takes; the template's property is the same data in its own shape.
  std::string rest;
  for (const auto& [property, shorthand] : {std::pair{"CapacityProviderStrategy", &u.capacity_provider_strategy},
                                            {"LoadBalancers", &u.load_balancers},
                                            {"DeploymentConfiguration", &u.deployment_configuration},
                                            {"VolumeConfigurations", &u.volume_configurations}})
    if (!shorthand->empty()) rest += "\n# and set Properties." + std::string(property) + " to what the CLI writes " + *shorthand;
  // force_new_deployment: a stack update that changes the service deploys it.
  if (p.empty()) return Note(u.service, "nothing to set: a stack update deploys the service again", u) + rest;
  return Set(u.service, std::move(p), u) + rest;
}

std::string Cfn::operator()(const TaskDefinitionRevision& t) {
  // family:revision names one task definition; a family may also be a service's name.
  auto declared = [&](const std::string& k) {
    const Declared* d = n_.Declaration(k);
    return d && d->type == "AWS::ECS::TaskDefinition";
  };
  const std::string id = declared(t.name) ? t.name : declared(t.family) ? t.family : "";
  if (id.empty()) return NotDeclared(t.name.empty() ? t.family : t.name, t);
  if (t.cpu.empty() && t.memory.empty()) return Note(id, t.edit.empty() ? "register it again" : t.edit, t);
  std::vector<Entry> p;
  if (!t.cpu.empty()) p.push_back({"Cpu", Str(t.cpu)});
  if (!t.memory.empty()) p.push_back({"Memory", Str(t.memory)});
  std::string out = Set(id, std::move(p), t);
  return t.edit.empty() || !n_.Declaration(id) ? out : "# " + t.edit + "\n" + out;
}

std::string Cfn::operator()(const ClusterCapacityProviders& c) {
  std::vector<Node> strategy;
  for (const ShorthandItem& item : ParseShorthand(c.default_strategy)) {
    std::vector<Entry> fields;
    for (auto [key, value] : item) {
      key[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(key[0])));
      fields.push_back({key, key == "CapacityProvider" ? Str(value) : S(value)});
    }
    strategy.push_back(M(std::move(fields)));
  }
  std::vector<Node> providers;
  for (const auto& p : c.providers) providers.push_back(Str(p));
  return Set(c.cluster, {{"CapacityProviders", L(std::move(providers))}, {"DefaultCapacityProviderStrategy", L(std::move(strategy))}}, c);
}

}  // namespace

std::string CloudFormationEdits::Edit(const Step& s) {
  Cfn r(names_);
  std::string out = std::visit(r, s);
  for (const std::string& p : PlaceholdersOf(s)) names_.Bind(p, r.created());
  return out;
}

std::vector<std::string> CloudFormation(const std::vector<Step>& steps, const Declarations& declared) {
  CloudFormationEdits edits(declared);
  std::vector<std::string> out;
  for (const Step& s : steps) out.push_back(edits.Edit(s));
  return out;
}

}  // namespace fd::fix

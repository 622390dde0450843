#include "model/model.h"
#include "model/index_access.h"
#include "util/strings.h"

#include <algorithm>
#include <cctype>

namespace fd::model {


namespace {

template <typename T, typename KeyFn>
void Insert(Index<T>& index, T item, KeyFn key, std::vector<InputNote>& notes) {
  (void)notes;
  std::string k = key(item);
  if (k.empty()) return;
  IndexAccess<T>::Insert(index, std::move(k), item);  // first copy wins; merging is per type below
}

std::vector<std::string> SplitArn(const std::string& arn) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (int i = 0; i < 5; ++i) {
    size_t pos = arn.find(':', start);
    if (pos == std::string::npos) break;
    parts.push_back(arn.substr(start, pos - start));
    start = pos + 1;
  }
  parts.push_back(arn.substr(start));
  return parts;
}

using util::Lower;

// The key of each plain entity (model/entities.h): what the builder keeps the first copy
// under, and what Build() sorts by.
#define FD_KEY_OF(Type, members, Add, key) \
  std::string KeyOf(const Type& x) { return key; }
FD_MODEL_PLAIN_ENTITIES(FD_KEY_OF)
#undef FD_KEY_OF

}  // namespace

#define FD_BUILDER_ADD(Type, members, Add, key)                                         \
  void ModelBuilder::Add(Type item) {                                                  \
    Insert(m_.members##_, std::move(item), [](const Type& x) { return KeyOf(x); }, m_.notes_); \
  }
FD_MODEL_PLAIN_ENTITIES(FD_BUILDER_ADD)
#undef FD_BUILDER_ADD


std::string TaskDefinition::DisplayName() const {
  if (!family.empty() && revision > 0) return family + ":" + std::to_string(revision);
  if (!family.empty()) return family;
  return arn;
}

std::string RegionOfArn(const std::string& arn) {
  if (arn.rfind("arn:", 0) != 0) return "";
  auto p = SplitArn(arn);
  return p.size() > 3 ? p[3] : "";
}

std::string AccountOfArn(const std::string& arn) {
  if (arn.rfind("arn:", 0) != 0) return "";
  auto p = SplitArn(arn);
  return p.size() > 4 ? p[4] : "";
}

std::string PartitionOfArn(const std::string& arn) {
  if (arn.rfind("arn:", 0) != 0) return "aws";
  auto p = SplitArn(arn);
  return p.size() > 1 && !p[1].empty() ? p[1] : "aws";
}

std::string RegionOfZoneName(const std::string& zone) {
  // Standard zones: region + one letter ("eu-west-3a"). Local and Wavelength zones:
  // "us-west-2-lax-1a", "us-east-1-wl1-bos-wlz-1": the region is the first three dash parts.
  size_t dashes = 0;
  for (size_t i = 0; i < zone.size(); ++i) {
    if (zone[i] == '-' && ++dashes == 3) return zone.substr(0, i);
  }
  if (!zone.empty() && std::isalpha(static_cast<unsigned char>(zone.back())) &&
      zone.size() > 1 && std::isdigit(static_cast<unsigned char>(zone[zone.size() - 2])))
    return zone.substr(0, zone.size() - 1);
  return "";
}

std::string MakeArn(const std::string& service, const std::string& region,
                    const std::string& account, const std::string& resource) {
  return "arn:" + PartitionOfRegion(region) + ":" + service + ":" + region + ":" + account + ":" + resource;
}

std::string PartitionOfRegion(const std::string& region) {
  if (region.rfind("cn-", 0) == 0) return "aws-cn";
  if (region.rfind("us-gov-", 0) == 0) return "aws-us-gov";
  if (region.rfind("us-isob-", 0) == 0) return "aws-iso-b";
  if (region.rfind("us-isof-", 0) == 0) return "aws-iso-f";
  if (region.rfind("us-iso-", 0) == 0) return "aws-iso";
  if (region.rfind("eu-isoe-", 0) == 0) return "aws-iso-e";
  if (region.rfind("eusc-", 0) == 0) return "aws-eusc";
  return "aws";
}

std::string DnsSuffixOfRegion(const std::string& region) {
  std::string p = PartitionOfRegion(region);
  if (p == "aws-cn") return "amazonaws.com.cn";
  if (p == "aws-iso") return "c2s.ic.gov";
  if (p == "aws-iso-b") return "sc2s.sgov.gov";
  if (p == "aws-eusc") return "amazonaws.eu";
  return "amazonaws.com";
}

// ---- Model lookups ---------------------------------------------------------------------------

const RouteTable* Model::RouteTableForSubnet(const std::string& subnet_id, bool* implicit) const {
  if (implicit) *implicit = false;
  if (auto it = subnet_route_table_.find(subnet_id); it != subnet_route_table_.end())
    return it->second;
  const Subnet* s = subnets_.Find(subnet_id);
  if (!s) return nullptr;
  if (auto it = main_route_table_.find(s->vpc_id); it != main_route_table_.end()) {
    if (implicit) *implicit = true;
    return it->second;
  }
  return nullptr;
}

const NetworkAcl* Model::NaclForSubnet(const std::string& subnet_id, bool* implicit) const {
  if (implicit) *implicit = false;
  if (auto it = subnet_nacl_.find(subnet_id); it != subnet_nacl_.end()) return it->second;
  const Subnet* s = subnets_.Find(subnet_id);
  if (!s) return nullptr;
  if (auto it = default_nacl_.find(s->vpc_id); it != default_nacl_.end()) {
    if (implicit) *implicit = true;
    return it->second;
  }
  return nullptr;
}

const SecurityGroup* Model::DefaultSecurityGroup(const std::string& vpc_id) const {
  auto it = default_sg_.find(vpc_id);
  return it == default_sg_.end() ? nullptr : it->second;
}

std::vector<const VpcEndpoint*> Model::EndpointsInVpc(const std::string& vpc_id) const {
  auto it = endpoints_by_vpc_.find(vpc_id);
  return it == endpoints_by_vpc_.end() ? std::vector<const VpcEndpoint*>{} : it->second;
}

std::vector<const InternetGateway*> Model::GatewaysAttachedTo(const std::string& vpc_id) const {
  auto it = igws_by_vpc_.find(vpc_id);
  return it == igws_by_vpc_.end() ? std::vector<const InternetGateway*>{} : it->second;
}

const PrefixList* Model::PrefixListByName(const std::string& name, const std::string& account) const {
  if (!account.empty())
    if (auto own = prefix_list_by_name_.find(account + " " + name); own != prefix_list_by_name_.end())
      return own->second;
  auto it = prefix_list_by_name_.find(name);
  return it == prefix_list_by_name_.end() ? nullptr : it->second;
}

const TaskDefinition* Model::FindTaskDefinition(const std::string& ref) const {
  if (ref.empty()) return nullptr;
  if (const auto* td = task_definitions_.Find(ref)) return td;
  // "arn:…:task-definition/family:rev" or "family:rev" or "family".
  std::string tail = ref;
  if (auto pos = ref.find(":task-definition/"); pos != std::string::npos)
    tail = ref.substr(pos + 17);
  if (const auto* td = task_definitions_.Find(tail)) return td;
  auto it = task_definition_by_family_.find(tail);
  return it == task_definition_by_family_.end() ? nullptr : it->second;
}

// ---- Builder ---------------------------------------------------------------------------------

namespace {

template <typename T>
void FillRegion(Index<T>& index, const std::unordered_map<std::string, std::string>& vpc_region) {
  for (T& item : IndexAccess<T>::items(index)) {
    if (!item.region.empty()) continue;
    if (auto it = vpc_region.find(item.vpc_id); it != vpc_region.end()) item.region = it->second;
  }
}

}  // namespace

/// A VPC and everything in it live in one region, but most EC2 outputs name no region (no ARN,
/// no zone). Fill the blanks: a VPC from its subnets (which carry an ARN and a zone), then every
/// VPC-scoped entity from its VPC, and internet gateways from the VPC they are attached to.
void ModelBuilder::FillRegionsFromVpcs(Model& m) {
  std::unordered_map<std::string, std::string> vpc_region;
  for (const Vpc& v : m.vpcs_)
    if (!v.region.empty()) vpc_region.emplace(v.id, v.region);
  for (const Subnet& s : m.subnets_)  // sorted by id, so the choice is deterministic
    if (!s.region.empty() && !s.vpc_id.empty()) vpc_region.emplace(s.vpc_id, s.region);
  for (Vpc& v : IndexAccess<Vpc>::items(m.vpcs_)) {
    if (!v.region.empty()) continue;
    if (auto it = vpc_region.find(v.id); it != vpc_region.end()) v.region = it->second;
  }
  FillRegion(m.subnets_, vpc_region);
  FillRegion(m.route_tables_, vpc_region);
  FillRegion(m.network_acls_, vpc_region);
  FillRegion(m.security_groups_, vpc_region);
  FillRegion(m.vpc_endpoints_, vpc_region);
  FillRegion(m.nat_gateways_, vpc_region);
  FillRegion(m.network_interfaces_, vpc_region);
  for (InternetGateway& g : IndexAccess<InternetGateway>::items(m.internet_gateways_)) {
    for (const GatewayAttachment& a : g.attachments) {
      if (!g.region.empty()) break;
      if (auto it = vpc_region.find(a.vpc_id); it != vpc_region.end()) g.region = it->second;
    }
  }
}

void ModelBuilder::AddVpc(Vpc v) {
  if (auto* existing = const_cast<Vpc*>(m_.vpcs_.Find(v.id))) {
    // A stub made by SetVpcAttribute, or a second listing: fill what the first lacks.
    if (existing->cidrs.empty()) existing->cidrs = v.cidrs;
    if (existing->ipv6_cidrs.empty()) existing->ipv6_cidrs = v.ipv6_cidrs;
    if (existing->dhcp_options_id.empty()) existing->dhcp_options_id = v.dhcp_options_id;
    if (existing->region.empty()) existing->region = v.region;
    if (existing->owner_id.empty()) existing->owner_id = v.owner_id;
    if (existing->source.empty() || existing->source.pointer.empty()) existing->source = v.source;
    existing->is_default = existing->is_default || v.is_default;
    if (!existing->enable_dns_support) existing->enable_dns_support = v.enable_dns_support;
    if (!existing->enable_dns_hostnames) existing->enable_dns_hostnames = v.enable_dns_hostnames;
    return;
  }
  Insert(m_.vpcs_, std::move(v), [](const Vpc& x) { return x.id; }, m_.notes_);
}

void ModelBuilder::SetVpcAttribute(const std::string& vpc_id, const std::string& attribute,
                                   bool value, const SourceRef& source) {
  if (!m_.vpcs_.Find(vpc_id)) {
    Vpc stub;
    stub.id = vpc_id;
    stub.source = SourceRef{source.file, ""};
    Insert(m_.vpcs_, std::move(stub), [](const Vpc& x) { return x.id; }, m_.notes_);
  }
  auto* vpc = const_cast<Vpc*>(m_.vpcs_.Find(vpc_id));
  if (attribute == "enableDnsSupport") vpc->enable_dns_support = value;
  if (attribute == "enableDnsHostnames") vpc->enable_dns_hostnames = value;
}

void ModelBuilder::AddSecurityGroup(SecurityGroup g) {
  if (auto* existing = const_cast<SecurityGroup*>(m_.security_groups_.Find(g.id))) {
    if (!existing->rules_known && g.rules_known) {
      // The existing entry was built from describe-security-group-rules rows; keep the rows
      // only if the full group listing brings none (both describe the same rules).
      std::string keep_name = existing->name.empty() ? g.name : existing->name;
      *existing = std::move(g);
      existing->name = keep_name;
    }
    return;
  }
  Insert(m_.security_groups_, std::move(g), [](const SecurityGroup& x) { return x.id; },
         m_.notes_);
}

void ModelBuilder::AddSecurityGroupRule(const std::string& group_id, bool egress, SgRule rule,
                                        const std::string& region) {
  auto* g = const_cast<SecurityGroup*>(m_.security_groups_.Find(group_id));
  if (!g) {
    SecurityGroup stub;
    stub.id = group_id;
    stub.region = region;
    stub.rules_known = false;  // becomes "known" once rows are present; see Build()
    stub.source = SourceRef{rule.source.file, ""};
    Insert(m_.security_groups_, std::move(stub), [](const SecurityGroup& x) { return x.id; },
           m_.notes_);
    g = const_cast<SecurityGroup*>(m_.security_groups_.Find(group_id));
  } else if (g->rules_known) {
    return;  // the full describe-security-groups listing already holds these rules
  }
  (egress ? g->egress : g->ingress).push_back(std::move(rule));
}

void ModelBuilder::AddVpcEndpoint(VpcEndpoint e) {
  e.state = Lower(e.state);
  Insert(m_.vpc_endpoints_, std::move(e), [](const VpcEndpoint& x) { return x.id; }, m_.notes_);
}

void ModelBuilder::AddPrefixList(PrefixList p) {
  if (auto* existing = const_cast<PrefixList*>(m_.prefix_lists_.Find(p.id))) {
    if (existing->name.empty()) existing->name = p.name;
    if (existing->region.empty()) existing->region = p.region;
    if (!existing->cidrs_known && p.cidrs_known) {
      existing->cidrs = p.cidrs;
      existing->ipv6_cidrs = p.ipv6_cidrs;
      existing->cidrs_known = true;
    }
    return;
  }
  Insert(m_.prefix_lists_, std::move(p), [](const PrefixList& x) { return x.id; }, m_.notes_);
}

void ModelBuilder::AddEndpointService(std::string name) {
  m_.endpoint_services_.push_back(std::move(name));
}

void ModelBuilder::SetCaller(CallerIdentity c) { m_.caller_ = std::move(c); }

// ---- Resources a start reads ------------------------------------------------------------------

std::string EcrImageKey(const std::string& registry, const std::string& region,
                        const std::string& repository, const std::string& tag_or_digest) {
  const bool digest = tag_or_digest.find(':') != std::string::npos;
  return registry + "/" + region + "/" + repository + (digest ? "@" : ":") + tag_or_digest;
}

namespace {
std::string ImageId(const EcrImage& x) {
  return EcrImageKey(x.registry_id, x.region, x.repository_name, x.digest);
}
}  // namespace

void ModelBuilder::AddEcrImage(EcrImage i) {
  if (EcrImage* found = IndexAccess<EcrImage>::Find(m_.ecr_images_, ImageId(i))) {
    EcrImage& cur = *found;
    if (i.platforms_known && !cur.platforms_known) {
      cur.platforms = std::move(i.platforms);
      cur.platforms_known = true;
    }
    for (auto& t : i.tags)
      if (std::find(cur.tags.begin(), cur.tags.end(), t) == cur.tags.end()) cur.tags.push_back(t);
    if (cur.manifest_media_type.empty()) cur.manifest_media_type = i.manifest_media_type;
    if (cur.artifact_media_type.empty()) cur.artifact_media_type = i.artifact_media_type;
    if (cur.status.empty()) cur.status = i.status;
    return;
  }
  Insert(m_.ecr_images_, std::move(i), ImageId, m_.notes_);
}

void ModelBuilder::AddSecret(Secret s) {
  if (Secret* found = IndexAccess<Secret>::Find(m_.secrets_, s.arn)) {  // list-secrets then describe-secret
    Secret& cur = *found;
    if (!s.deleted_date.empty()) cur.deleted_date = s.deleted_date;
    if (s.versions_known && !cur.versions_known) {
      cur.version_stages = std::move(s.version_stages);
      cur.versions_known = true;
    }
    return;
  }
  Insert(m_.secrets_, std::move(s), [](const Secret& x) { return x.arn; }, m_.notes_);
}

void ModelBuilder::SetMountTargetSecurityGroups(const std::string& mount_target_id,
                                                std::vector<std::string> groups) {
  m_.mount_target_groups_[mount_target_id] = std::move(groups);
}

void ModelBuilder::MarkCoverage(const std::string& scope) { m_.coverage_[scope]++; }

/// describe-mount-targets and describe-load-balancers give zones (and a balancer's VPC); a mount
/// target or balancer a template or plan declares is known by its subnets only, and is in their
/// zones and VPC. A balancer with a subnet whose zone is not known keeps none (SVC002 says so).
void ModelBuilder::FillZonesFromSubnets(Model& m) {
  for (auto& t : IndexAccess<EfsMountTarget>::items(m.efs_mount_targets_)) {
    if (!t.availability_zone_id.empty() || !t.availability_zone_name.empty()) continue;
    if (const Subnet* s = m.subnets_.Find(t.subnet_id)) {
      t.availability_zone_id = s->availability_zone_id;
      t.availability_zone_name = s->availability_zone;
    }
  }
  for (auto& lb : IndexAccess<LoadBalancer>::items(m.load_balancers_)) {
    if (lb.vpc_id.empty())
      for (const auto& id : lb.subnet_ids)
        if (const Subnet* s = m.subnets_.Find(id); s && !s->vpc_id.empty()) {
          lb.vpc_id = s->vpc_id;
          break;
        }
    if (!lb.zone_names.empty()) continue;
    std::vector<std::string> zones;
    for (const auto& id : lb.subnet_ids) {
      const Subnet* s = m.subnets_.Find(id);
      if (!s || s->availability_zone.empty()) {
        zones.clear();
        break;
      }
      if (std::find(zones.begin(), zones.end(), s->availability_zone) == zones.end())
        zones.push_back(s->availability_zone);
    }
    lb.zone_names = std::move(zones);
  }
}

void ModelBuilder::IndexResources(Model& m) {
  // describe-images names no region: take it from the repository listing when that is unique.
  std::unordered_map<std::string, std::string> repo_region;  // "<registry> <name>" -> region
  for (const auto& r : m.ecr_repositories_) {
    auto [it, inserted] = repo_region.emplace(r.registry_id + " " + r.name, r.region);
    if (!inserted && it->second != r.region) it->second.clear();
  }
  for (auto& i : IndexAccess<EcrImage>::items(m.ecr_images_)) {
    if (i.region.empty())
      if (auto it = repo_region.find(i.registry_id + " " + i.repository_name); it != repo_region.end())
        i.region = it->second;
    if (!i.region.empty())
      m.coverage_["ecr-images " + i.registry_id + " " + i.region + " " + i.repository_name]++;
  }
  SortIndex(m.ecr_images_, ImageId);
  SortIndex(m.secrets_, [](const Secret& x) { return x.arn; });
  for (auto& t : IndexAccess<EfsMountTarget>::items(m.efs_mount_targets_)) {
    auto it = m.mount_target_groups_.find(t.id);
    if (it == m.mount_target_groups_.end()) continue;
    t.security_groups = it->second;
    t.security_groups_known = true;
  }
  for (const auto& i : m.ecr_images_)
    for (const auto& tag : i.tags)
      m.ecr_image_by_tag_.emplace(EcrImageKey(i.registry_id, i.region, i.repository_name, tag), &i);
  for (const auto& s : m.secrets_)
    m.secret_by_name_.emplace(s.region + " " + s.account + " " + s.name, &s);
  for (const auto& t : m.efs_mount_targets_) m.mount_targets_by_fs_[t.file_system_id].push_back(&t);
}

const EcrImage* Model::EcrImageByTag(const std::string& registry, const std::string& region,
                                     const std::string& repository, const std::string& tag) const {
  auto it = ecr_image_by_tag_.find(EcrImageKey(registry, region, repository, tag));
  return it == ecr_image_by_tag_.end() ? nullptr : it->second;
}

const Secret* Model::SecretByName(const std::string& region, const std::string& account,
                                  const std::string& name) const {
  auto it = secret_by_name_.find(region + " " + account + " " + name);
  return it == secret_by_name_.end() ? nullptr : it->second;
}

std::vector<const EfsMountTarget*> Model::MountTargetsOf(const std::string& file_system_id) const {
  auto it = mount_targets_by_fs_.find(file_system_id);
  return it == mount_targets_by_fs_.end() ? std::vector<const EfsMountTarget*>{} : it->second;
}

void ModelBuilder::AddNote(InputNote n) { m_.notes_.push_back(std::move(n)); }

void ModelBuilder::MarkDataset(const std::string& dataset) { m_.datasets_[dataset]++; }

Model ModelBuilder::Build() && {
  Model& m = m_;
  FillSnapshotRegion();
  ResolveIam();
  SortEntities(m);
  FillRegionsFromVpcs(m);
  FillZonesFromSubnets(m);
  IndexResources(m);
  IndexNetwork(m);
  IndexTaskDefinitions(m);
  NoteDanglingReferences(m);
  std::sort(m.notes_.begin(), m.notes_.end());
  m.notes_.erase(std::unique(m.notes_.begin(), m.notes_.end()), m.notes_.end());
  return std::move(m_);
}

/// The plain entities and the network's merged ones in key order, whatever order the files were
/// read in (IndexIam sorts the IAM ones, IndexResources images and secrets).
void ModelBuilder::SortEntities(Model& m) {
#define FD_SORT(Type, members, ...) SortIndex(m.members##_, [](const Type& x) { return KeyOf(x); });
  FD_MODEL_PLAIN_ENTITIES(FD_SORT)
#undef FD_SORT
  SortIndex(m.vpcs_, [](const Vpc& x) { return x.id; });
  SortIndex(m.security_groups_, [](const SecurityGroup& x) { return x.id; });
  SortIndex(m.vpc_endpoints_, [](const VpcEndpoint& x) { return x.id; });
  SortIndex(m.prefix_lists_, [](const PrefixList& x) { return x.id; });
  std::sort(m.endpoint_services_.begin(), m.endpoint_services_.end());
  m.endpoint_services_.erase(std::unique(m.endpoint_services_.begin(), m.endpoint_services_.end()),
                             m.endpoint_services_.end());
}

/// The network as a packet meets it: rules in evaluation order, and which route table, network
/// ACL, default group, endpoints and gateways apply to each subnet and VPC.
void ModelBuilder::IndexNetwork(Model& m) {
  // Rule-row-only groups become "known" once they hold rows.
  for (auto& g : IndexAccess<SecurityGroup>::items(m.security_groups_))
    if (!g.rules_known && (!g.egress.empty() || !g.ingress.empty())) g.rules_known = true;

  // NACL entries in evaluation order: direction, then ascending rule number.
  for (auto& acl : IndexAccess<NetworkAcl>::items(m.network_acls_)) {
    std::stable_sort(acl.entries.begin(), acl.entries.end(), [](const NaclEntry& a, const NaclEntry& b) {
      return std::tie(a.egress, a.rule_number) < std::tie(b.egress, b.rule_number);
    });
  }

  // Route-table and NACL associations, checked against the subnets we know.
  for (const auto& rt : m.route_tables_) {
    if (rt.main) m.main_route_table_.emplace(rt.vpc_id, &rt);
    for (const auto& sid : rt.subnet_ids) {
      auto [it, inserted] = m.subnet_route_table_.emplace(sid, &rt);
      if (!inserted && it->second != &rt)
        m.notes_.push_back({rt.source.file, rt.source.pointer,
                            "subnet " + sid + " is associated with both " + it->second->id +
                                " and " + rt.id + "; using " + it->second->id});
    }
  }
  for (const auto& acl : m.network_acls_) {
    if (acl.is_default) m.default_nacl_.emplace(acl.vpc_id, &acl);
    for (const auto& sid : acl.subnet_ids) m.subnet_nacl_.emplace(sid, &acl);
  }
  for (const auto& sg : m.security_groups_)
    if (sg.name == "default" && !sg.vpc_id.empty()) m.default_sg_.emplace(sg.vpc_id, &sg);
  for (const auto& e : m.vpc_endpoints_) m.endpoints_by_vpc_[e.vpc_id].push_back(&e);
  for (const auto& g : m.internet_gateways_)
    for (const auto& a : g.attachments) m.igws_by_vpc_[a.vpc_id].push_back(&g);
  for (const auto& p : m.prefix_lists_) {
    if (p.name.empty()) continue;
    m.prefix_list_by_name_.emplace(p.name, &p);
    if (!p.account.empty()) m.prefix_list_by_name_.emplace(p.account + " " + p.name, &p);
  }
}

/// Services and tasks name task definitions by ARN, "family:rev" or bare family
/// (FindTaskDefinition): a bare family means the highest ACTIVE (or any) revision.
void ModelBuilder::IndexTaskDefinitions(Model& m) {
  for (const auto& td : m.task_definitions_) {
    if (td.family.empty()) continue;
    m.task_definition_by_family_.emplace(td.DisplayName(), &td);
    auto [it, inserted] = m.task_definition_by_family_.emplace(td.family, &td);
    if (!inserted) {
      const TaskDefinition* cur = it->second;
      bool cur_active = cur->status.empty() || cur->status == "ACTIVE";
      bool td_active = td.status.empty() || td.status == "ACTIVE";
      if ((td_active && !cur_active) || (td_active == cur_active && td.revision > cur->revision))
        it->second = &td;
    }
  }
}

/// Subnets and routes that name things the snapshot lacks become notes, but only where the
/// snapshot holds that data set at all: a VPC missing from a snapshot without VPCs says nothing.
void ModelBuilder::NoteDanglingReferences(Model& m) {
  for (const auto& s : m.subnets_) {
    if (!s.vpc_id.empty() && m.Has("Vpcs") && !m.vpcs_.Find(s.vpc_id))
      m.notes_.push_back({s.source.file, s.source.pointer,
                          "subnet " + s.id + " names " + s.vpc_id + ", which the snapshot lacks"});
  }
  for (const auto& rt : m.route_tables_) {
    for (const auto& r : rt.routes) {
      bool dangling = false;
      if (r.target == RouteTarget::kNatGateway && m.Has("NatGateways") &&
          !m.nat_gateways_.Find(r.target_id))
        dangling = true;
      if (r.target == RouteTarget::kInternetGateway && m.Has("InternetGateways") &&
          !m.internet_gateways_.Find(r.target_id))
        dangling = true;
      if (dangling && !r.blackhole)
        m.notes_.push_back({r.source.file, r.source.pointer,
                            "route in " + rt.id + " targets " + r.target_id +
                                ", which the snapshot lacks"});
    }
  }
}

}  // namespace fd::model

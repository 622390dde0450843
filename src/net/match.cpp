#include "net/match.h"

#include <algorithm>

namespace fd::net {
namespace {

// Three-valued "or": kYes beats kMaybe beats kNo.
Tri Or(Tri a, Tri b) {
  if (a == Tri::kYes || b == Tri::kYes) return Tri::kYes;
  if (a == Tri::kMaybe || b == Tri::kMaybe) return Tri::kMaybe;
  return Tri::kNo;
}

bool ProtocolMatches(int rule_protocol, int protocol) {
  return rule_protocol == -1 || rule_protocol == protocol;
}

bool IsAwsServicePrefixList(const model::PrefixList& pl) {
  const std::string& n = pl.name;
  return n.rfind("com.amazonaws.", 0) == 0 &&
         (n.ends_with(".s3") || n.ends_with(".dynamodb") || n.ends_with(".s3express"));
}

std::string RuleTargetText(const model::SgRule& r) {
  std::string out;
  auto add = [&](const std::string& s) {
    if (!out.empty()) out += ", ";
    out += s;
  };
  for (const auto& c : r.cidrs) add(c.ToString());
  for (const auto& c : r.ipv6_cidrs) add(c.ToString());
  for (const auto& p : r.prefix_list_ids) add(p);
  for (const auto& g : r.group_ids) add(g);
  return out.empty() ? "nothing" : out;
}

}  // namespace

Tri PrefixListCovers(const std::string& pl_id, const Peer& peer, const model::Model& model) {
  if (!peer.prefix_list_id.empty() && pl_id == peer.prefix_list_id) return Tri::kYes;
  const model::PrefixList* pl = model.prefix_lists().Find(pl_id);
  if (pl && !pl->cidrs_known && IsAwsServicePrefixList(*pl) &&
      peer.kind == Peer::Kind::kPublicService)
    return Tri::kNo;  // S3/DynamoDB ranges never hold another service's endpoint
  if (!pl || !pl->cidrs_known) {
    // Unknown contents: a private peer is still surely outside an AWS service list.
    if (pl && IsAwsServicePrefixList(*pl) && peer.kind == Peer::Kind::kCidrs &&
        !peer.cidrs.empty() &&
        std::all_of(peer.cidrs.begin(), peer.cidrs.end(), [](const Cidr4& c) { return IsPrivateIpv4(c); }))
      return Tri::kNo;
    return Tri::kMaybe;
  }
  if (peer.kind == Peer::Kind::kPublicService && IsAwsServicePrefixList(*pl)) return Tri::kNo;
  Tri best = Tri::kNo;
  for (const Cidr4& c : pl->cidrs) {
    Tri t = CidrCovers(c, peer);
    if (t == Tri::kYes) return Tri::kYes;
    if (t == Tri::kMaybe) best = Tri::kMaybe;
  }
  return best;
}

Peer Peer::PublicService(std::string label) {
  Peer p;
  p.kind = Kind::kPublicService;
  p.label = std::move(label);
  return p;
}

Peer Peer::Cidrs(std::vector<Cidr4> cidrs, std::string label) {
  Peer p;
  p.kind = Kind::kCidrs;
  p.cidrs = std::move(cidrs);
  p.label = std::move(label);
  return p;
}

Tri CidrCovers(const Cidr4& rule, const Peer& peer) {
  if (peer.kind == Peer::Kind::kPublicService || peer.cidrs.empty()) {
    if (rule.len == 0) return Tri::kYes;
    if (IsPrivateIpv4(rule)) return Tri::kNo;
    return Tri::kMaybe;
  }
  bool all = true, any = false;
  for (const Cidr4& c : peer.cidrs) {
    if (rule.Contains(c)) {
      any = true;
    } else {
      all = false;
      if (rule.Overlaps(c)) any = true;
    }
  }
  if (all) return Tri::kYes;
  return any ? Tri::kMaybe : Tri::kNo;
}

std::string DescribeProtocol(int protocol, PortRange ports) {
  if (protocol == -1) return "all traffic";
  std::string name = protocol == 6    ? "tcp"
                     : protocol == 17 ? "udp"
                     : protocol == 1  ? "icmp"
                                      : "protocol " + std::to_string(protocol);
  if (ports.from == 0 && ports.to == 65535) return name + " (all ports)";
  if (ports.from == ports.to) return name + " " + std::to_string(ports.from);
  return name + " " + std::to_string(ports.from) + "-" + std::to_string(ports.to);
}

namespace {

/// The addresses of `set` an SG rule opens, and whether it opens the peer by ID (the peer's
/// prefix list or one of its security groups: kYes) or through a list of unknown entries
/// (kMaybe).
struct RuleReach {
  AddrSet4 part;
  Tri by_id = Tri::kNo;
};

RuleReach Reach(const model::SgRule& r, const Peer& peer,
                const std::vector<std::string>& peer_groups, const AddrSet4& set,
                const model::Model& model) {
  RuleReach out;
  auto open = [&](const Cidr4& c) {
    AddrSet4 part = set.Intersect(c);
    if (!part.empty()) out.part = out.part.empty() ? std::move(part) : out.part.Union(part);
  };
  for (const Cidr4& c : r.cidrs) open(c);
  for (const auto& pl_id : r.prefix_list_ids) {
    if (PrefixListCovers(pl_id, peer, model) == Tri::kNo) continue;
    const model::PrefixList* pl = model.prefix_lists().Find(pl_id);
    if (!peer.prefix_list_id.empty() && pl_id == peer.prefix_list_id)
      out.by_id = Tri::kYes;
    else if (pl && pl->cidrs_known)
      for (const Cidr4& c : pl->cidrs) open(c);
    else
      out.by_id = Or(out.by_id, Tri::kMaybe);
  }
  for (const auto& gid : r.group_ids)
    if (std::find(peer_groups.begin(), peer_groups.end(), gid) != peer_groups.end())
      out.by_id = Tri::kYes;
  return out;
}

/// SG rules are a union of allows: the flow is allowed when one rule, or several together,
/// open every address the peer may have; kMaybe when they open only some of them (the first
/// such rule is named, with `maybe_suffix`).
Decision SgUnion(const std::vector<const model::SecurityGroup*>& groups, bool egress,
                 int protocol, int port, const Peer& peer,
                 const std::vector<std::string>& peer_groups, const model::Model& model,
                 const std::string& maybe_suffix) {
  const AddrSet4 set = AddressesOf(peer);
  AddrSet4 covered;
  std::vector<std::pair<SourceRef, std::string>> partial;  // rules opening part of the set
  Decision maybe;
  bool have_maybe = false;
  for (const model::SecurityGroup* g : groups) {
    for (const model::SgRule& r : egress ? g->egress : g->ingress) {
      if (!ProtocolMatches(r.protocol, protocol)) continue;
      if (r.protocol != -1 && !r.ports.Contains(port)) continue;
      RuleReach reach = Reach(r, peer, peer_groups, set, model);
      std::string text = g->id + " rule " + DescribeProtocol(r.protocol, r.ports) +
                         (egress ? " -> " : " <- ") + RuleTargetText(r);
      if (reach.by_id == Tri::kYes || reach.part == set) return Decision{Tri::kYes, r.source, text};
      if (!reach.part.empty()) {
        covered = covered.Union(reach.part);
        partial.emplace_back(r.source, text);
      }
      if ((!reach.part.empty() || reach.by_id == Tri::kMaybe) && !have_maybe) {
        have_maybe = true;
        maybe = Decision{Tri::kMaybe, r.source, text + maybe_suffix};
      }
    }
  }
  if (partial.size() > 1 && covered == set) {
    std::string texts;
    for (const auto& [source, text] : partial) texts += (texts.empty() ? "" : " and ") + text;
    return Decision{Tri::kYes, partial.front().first,
                    texts + " together cover every address of " + peer.label};
  }
  if (have_maybe) return maybe;
  return Decision{};
}

std::string GroupIds(const std::vector<const model::SecurityGroup*>& groups) {
  std::string ids;
  for (const auto* g : groups) ids += (ids.empty() ? "" : ", ") + g->id;
  return ids;
}

}  // namespace

Decision EvaluateSgEgress(const std::vector<const model::SecurityGroup*>& groups, int protocol,
                          int port, const Peer& peer, const model::Model& model) {
  Decision d = SgUnion(groups, true, protocol, port, peer, peer.group_ids, model,
                       " may cover " + peer.label + " (its addresses are not in the snapshot)");
  if (d.allowed != Tri::kNo) return d;
  d.detail = "no egress rule of " + GroupIds(groups) + " allows " +
             DescribeProtocol(protocol, {port, port}) + " to " + peer.label;
  return d;
}

Decision EvaluateSgIngress(const std::vector<const model::SecurityGroup*>& groups, int protocol,
                           int port, const Cidr4& source_cidr,
                           const std::vector<std::string>& source_groups,
                           const model::Model& model) {
  Peer source = Peer::Cidrs({source_cidr}, source_cidr.ToString());
  Decision d = SgUnion(groups, false, protocol, port, source, source_groups, model,
                       " covers only part of " + source_cidr.ToString());
  if (d.allowed != Tri::kNo) return d;
  std::string from = source_cidr.ToString();
  for (const auto& s : source_groups) from += " / " + s;
  d.detail = "no ingress rule of " + GroupIds(groups) + " allows " +
             DescribeProtocol(protocol, {port, port}) + " from " + from;
  return d;
}

namespace {

/// One port segment of a NACL evaluation over every address the peer may have: entries in
/// rule order, each address decided by the first entry that matches it, the rest by `*`.
struct Segment {
  enum Outcome { kAllow, kDeny, kUnknown } outcome = kDeny;
  /// When every address fares alike: the entry that decided them all on its own (nullptr: the
  /// implicit `*`), else every entry that decided a part.
  std::vector<const model::NaclEntry*> deciders;
  const model::NaclEntry* split = nullptr;  ///< when they differ: the first partial entry
};

Segment EvaluateSegment(const std::vector<const model::NaclEntry*>& entries, int port,
                        const AddrSet4& set) {
  Segment seg;
  AddrSet4 left = set;
  bool allows = false, denies = false;
  const model::NaclEntry* closer = nullptr;  // the entry that decided what was left
  std::vector<const model::NaclEntry*> takers;
  for (const auto* e : entries) {
    if (e->ports && !e->ports->Contains(port)) continue;
    if (!e->cidr) continue;  // an IPv6 entry never matches IPv4 traffic
    AddrSet4 part = left.Intersect(*e->cidr);
    if (part.empty()) continue;
    (e->allow ? allows : denies) = true;
    takers.push_back(e);
    if (part == left) {
      closer = e;
      left = AddrSet4();
      break;
    }
    if (!seg.split) seg.split = e;
    left = left.Minus(part);
  }
  if (!left.empty()) {
    denies = true;  // the implicit `*` rule
    takers.push_back(nullptr);
  }
  seg.outcome = allows && denies ? Segment::kUnknown : allows ? Segment::kAllow : Segment::kDeny;
  const bool closer_alone = closer ? AddrSet4::Of(*closer->cidr).Contains(set) : !left.empty();
  if (closer_alone) seg.deciders = {closer};
  else seg.deciders = std::move(takers);
  return seg;
}

/// The points where `ports` must be cut so that each segment is wholly inside or outside every
/// entry's port range: the segment is then decided as one port is.
std::vector<int> PortCuts(const std::vector<const model::NaclEntry*>& entries, PortRange ports) {
  std::vector<int> cuts = {ports.from, ports.to + 1};
  for (const auto* e : entries) {
    if (!e->ports) continue;
    if (e->ports->from > ports.from && e->ports->from <= ports.to) cuts.push_back(e->ports->from);
    if (e->ports->to + 1 > ports.from && e->ports->to < ports.to) cuts.push_back(e->ports->to + 1);
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  return cuts;
}

/// What the segments of a port range come to: which outcomes occur, and what decided the first
/// segment of each, which the decision's text and rule name.
struct RangeOutcome {
  bool any_allow = false, any_deny = false, any_unknown = false;
  std::vector<const model::NaclEntry*> first_deny, first_allow;
  const model::NaclEntry* first_unknown = nullptr;
  std::vector<PortRange> allowed;  ///< the allowed segments, in port order
};

RangeOutcome EvaluateRange(const std::vector<const model::NaclEntry*>& entries, PortRange ports,
                           const AddrSet4& set) {
  const std::vector<int> cuts = PortCuts(entries, ports);
  RangeOutcome out;
  for (size_t i = 0; i + 1 < cuts.size(); ++i) {
    const int lo = cuts[i], hi = cuts[i + 1] - 1;
    Segment seg = EvaluateSegment(entries, lo, set);
    if (seg.outcome == Segment::kAllow) {
      if (!out.any_allow) out.first_allow = std::move(seg.deciders);
      out.any_allow = true;
      out.allowed.push_back({lo, hi});
    } else if (seg.outcome == Segment::kDeny) {
      if (!out.any_deny) out.first_deny = std::move(seg.deciders);
      out.any_deny = true;
    } else {
      if (!out.any_unknown) out.first_unknown = seg.split;
      out.any_unknown = true;
    }
  }
  return out;
}

/// One entry as evidence: "acl-1 rule 100 deny tcp 443 to 0.0.0.0/0"; nullptr is the implicit
/// `*` rule.
std::string EntryText(const model::NetworkAcl& acl, bool egress, const model::NaclEntry* e) {
  if (!e) return acl.id + " has no entry for it, so the implicit * rule denies";
  std::string n = e->rule_number == 32767 ? "*" : std::to_string(e->rule_number);
  return acl.id + " rule " + n + " " + (e->allow ? "allow" : "deny") + " " +
         DescribeProtocol(e->protocol, e->ports.value_or(PortRange{})) + " " +
         (egress ? "to " : "from ") + (e->cidr ? e->cidr->ToString() : std::string("::/0"));
}

/// Several entries decide together when each takes part of the peer's addresses.
std::string EntriesText(const model::NetworkAcl& acl, bool egress,
                        const std::vector<const model::NaclEntry*>& es) {
  std::string text;
  for (const auto* e : es) text += (text.empty() ? "" : " and ") + EntryText(acl, egress, e);
  return es.size() > 1 ? text + ", together" : text;
}

SourceRef SourceOf(const std::vector<const model::NaclEntry*>& es) {
  return es.empty() || !es.front() ? SourceRef{} : es.front()->source;
}

}  // namespace

NaclDecision EvaluateNacl(const model::NetworkAcl& acl, bool egress, int protocol,
                          PortRange ports, const Peer& peer) {
  std::vector<const model::NaclEntry*> entries;
  for (const auto& e : acl.entries)
    if (e.egress == egress && ProtocolMatches(e.protocol, protocol)) entries.push_back(&e);
  const RangeOutcome r = EvaluateRange(entries, ports, AddressesOf(peer));

  // One denied segment makes the range denied (`partly` when others are open); else one
  // segment in doubt makes it uncertain.
  NaclDecision out;
  std::string what = std::string(egress ? "outbound " : "inbound ") +
                     DescribeProtocol(protocol, ports) + (egress ? " to " : " from ") + peer.label;
  if (r.any_deny) {
    out.allowed = Tri::kNo;
    out.partly = r.any_allow;
    out.rule = SourceOf(r.first_deny);
    if (r.any_allow) {
      std::string open;
      for (const auto& a : r.allowed)
        open += (open.empty() ? "" : ", ") + std::to_string(a.from) + "-" + std::to_string(a.to);
      out.detail = what + " only partly allowed (open: " + open + "); " +
                   EntriesText(acl, egress, r.first_deny);
    } else {
      out.detail = what + " denied: " + EntriesText(acl, egress, r.first_deny);
    }
  } else if (r.any_unknown) {
    out.allowed = Tri::kMaybe;
    out.rule = r.first_unknown ? r.first_unknown->source : SourceRef{};
    out.detail = what + " depends on " + EntryText(acl, egress, r.first_unknown) +
                 ", which may or may not cover the service's addresses";
  } else {
    out.allowed = Tri::kYes;
    out.rule = SourceOf(r.first_allow);
    out.detail = what + " allowed: " + EntriesText(acl, egress, r.first_allow);
  }
  return out;
}

std::string DescribeRouteTarget(const model::Route& r) {
  std::string dest = r.destination                         ? r.destination->ToString()
                     : !r.destination_prefix_list_id.empty() ? r.destination_prefix_list_id
                     : r.destination_ipv6                    ? r.destination_ipv6->ToString()
                                                             : "?";
  return dest + " -> " + r.target_id + (r.blackhole ? " (blackhole)" : "");
}

}  // namespace fd::net

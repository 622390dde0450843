#include "net/match.h"

#include <algorithm>
#include <set>

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

// Does a prefix list (by id) cover the peer?
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

Decision EvaluateSgEgress(const std::vector<const model::SecurityGroup*>& groups, int protocol,
                          int port, const Peer& peer, const model::Model& model) {
  Decision maybe;
  bool have_maybe = false;
  for (const model::SecurityGroup* g : groups) {
    for (const model::SgRule& r : g->egress) {
      if (!ProtocolMatches(r.protocol, protocol)) continue;
      if (r.protocol != -1 && !r.ports.Contains(port)) continue;
      Tri t = Tri::kNo;
      for (const Cidr4& c : r.cidrs) t = Or(t, CidrCovers(c, peer));
      for (const auto& pl : r.prefix_list_ids) t = Or(t, PrefixListCovers(pl, peer, model));
      if (t != Tri::kYes)
        for (const auto& gid : r.group_ids)
          if (std::find(peer.group_ids.begin(), peer.group_ids.end(), gid) != peer.group_ids.end())
            t = Tri::kYes;
      std::string text = g->id + " rule " + DescribeProtocol(r.protocol, r.ports) + " -> " +
                         RuleTargetText(r);
      if (t == Tri::kYes) return Decision{Tri::kYes, r.source, text};
      if (t == Tri::kMaybe && !have_maybe) {
        have_maybe = true;
        maybe = Decision{Tri::kMaybe, r.source,
                         text + " may cover " + peer.label + " (its addresses are not in the snapshot)"};
      }
    }
  }
  if (have_maybe) return maybe;
  std::string ids;
  for (const auto* g : groups) ids += (ids.empty() ? "" : ", ") + g->id;
  return Decision{Tri::kNo, {},
                  "no egress rule of " + ids + " allows " +
                      DescribeProtocol(protocol, {port, port}) + " to " + peer.label};
}

Decision EvaluateSgIngress(const std::vector<const model::SecurityGroup*>& groups, int protocol,
                           int port, const Cidr4& source_cidr,
                           const std::vector<std::string>& source_groups,
                           const model::Model& model) {
  Peer source = Peer::Cidrs({source_cidr}, source_cidr.ToString());
  Decision maybe;
  bool have_maybe = false;
  for (const model::SecurityGroup* g : groups) {
    for (const model::SgRule& r : g->ingress) {
      if (!ProtocolMatches(r.protocol, protocol)) continue;
      if (r.protocol != -1 && !r.ports.Contains(port)) continue;
      Tri t = Tri::kNo;
      for (const Cidr4& c : r.cidrs) {
        if (c.Contains(source_cidr)) t = Tri::kYes;
        else if (c.Overlaps(source_cidr) && t == Tri::kNo) t = Tri::kMaybe;
      }
      for (const auto& pl : r.prefix_list_ids) t = Or(t, PrefixListCovers(pl, source, model));
      for (const auto& gid : r.group_ids)
        if (std::find(source_groups.begin(), source_groups.end(), gid) != source_groups.end())
          t = Tri::kYes;
      std::string text = g->id + " rule " + DescribeProtocol(r.protocol, r.ports) + " <- " +
                         RuleTargetText(r);
      if (t == Tri::kYes) return Decision{Tri::kYes, r.source, text};
      if (t == Tri::kMaybe && !have_maybe) {
        have_maybe = true;
        maybe = Decision{Tri::kMaybe, r.source,
                         text + " covers only part of " + source_cidr.ToString()};
      }
    }
  }
  if (have_maybe) return maybe;
  std::string ids;
  for (const auto* g : groups) ids += (ids.empty() ? "" : ", ") + g->id;
  std::string from = source_cidr.ToString();
  for (const auto& s : source_groups) from += " / " + s;
  return Decision{Tri::kNo, {},
                  "no ingress rule of " + ids + " allows " +
                      DescribeProtocol(protocol, {port, port}) + " from " + from};
}

NaclDecision EvaluateNacl(const model::NetworkAcl& acl, bool egress, int protocol,
                          PortRange ports, const Peer& peer) {
  std::vector<const model::NaclEntry*> entries;
  for (const auto& e : acl.entries)
    if (e.egress == egress && ProtocolMatches(e.protocol, protocol)) entries.push_back(&e);

  // Split the range where any entry's port range starts or ends, so each segment is wholly
  // inside or outside every entry.
  std::vector<int> cuts = {ports.from, ports.to + 1};
  for (const auto* e : entries) {
    if (!e->ports) continue;
    if (e->ports->from > ports.from && e->ports->from <= ports.to) cuts.push_back(e->ports->from);
    if (e->ports->to + 1 > ports.from && e->ports->to < ports.to) cuts.push_back(e->ports->to + 1);
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());

  enum Outcome { kAllow, kDeny, kUnknown };
  NaclDecision out;
  bool any_allow = false, any_deny = false, any_unknown = false;
  const model::NaclEntry* first_deny = nullptr;
  const model::NaclEntry* first_allow = nullptr;
  const model::NaclEntry* first_unknown = nullptr;
  std::vector<PortRange> allowed, denied;
  for (size_t i = 0; i + 1 < cuts.size(); ++i) {
    int lo = cuts[i];
    int hi = cuts[i + 1] - 1;
    std::set<bool> possible;
    const model::NaclEntry* decider = nullptr;
    const model::NaclEntry* maybe_entry = nullptr;
    bool decided_allow = false;
    for (const auto* e : entries) {
      if (e->ports && !e->ports->Contains(lo)) continue;
      Tri m = e->cidr ? CidrCovers(*e->cidr, peer) : Tri::kNo;
      if (m == Tri::kNo) continue;
      if (m == Tri::kYes) {
        decider = e;
        decided_allow = e->allow;
        break;
      }
      possible.insert(e->allow);
      if (!maybe_entry) maybe_entry = e;
    }
    // Without any matching entry the implicit `*` rule denies.
    bool final_allow = decider ? decided_allow : false;
    Outcome o = final_allow ? kAllow : kDeny;
    for (bool p : possible)
      if (p != final_allow) o = kUnknown;
    if (o == kAllow) {
      any_allow = true;
      if (!first_allow) first_allow = decider;
      allowed.push_back({lo, hi});
    } else if (o == kDeny) {
      any_deny = true;
      if (!first_deny) first_deny = decider;
      denied.push_back({lo, hi});
    } else {
      any_unknown = true;
      if (!first_unknown) first_unknown = maybe_entry;
    }
  }

  auto entry_text = [&](const model::NaclEntry* e) {
    if (!e) return acl.id + " has no entry for it, so the implicit * rule denies";
    std::string n = e->rule_number == 32767 ? "*" : std::to_string(e->rule_number);
    return acl.id + " rule " + n + " " + (e->allow ? "allow" : "deny") + " " +
           DescribeProtocol(e->protocol, e->ports.value_or(PortRange{})) + " " +
           (egress ? "to " : "from ") + (e->cidr ? e->cidr->ToString() : std::string("::/0"));
  };
  std::string what = std::string(egress ? "outbound " : "inbound ") +
                     DescribeProtocol(protocol, ports) + (egress ? " to " : " from ") + peer.label;
  if (any_deny) {
    out.allowed = Tri::kNo;
    out.partly = any_allow;
    out.rule = first_deny ? first_deny->source : SourceRef{};
    if (any_allow) {
      std::string open;
      for (const auto& r : allowed)
        open += (open.empty() ? "" : ", ") + std::to_string(r.from) + "-" + std::to_string(r.to);
      out.detail = what + " only partly allowed (open: " + open + "); " + entry_text(first_deny);
    } else {
      out.detail = what + " denied: " + entry_text(first_deny);
    }
  } else if (any_unknown) {
    out.allowed = Tri::kMaybe;
    out.rule = first_unknown ? first_unknown->source : SourceRef{};
    out.detail = what + " depends on " + entry_text(first_unknown) +
                 ", which may or may not cover the service's addresses";
  } else {
    out.allowed = Tri::kYes;
    out.rule = first_allow ? first_allow->source : SourceRef{};
    out.detail = what + " allowed: " + entry_text(first_allow);
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

RouteDecision LookupRoute(const model::RouteTable& table, const Peer& peer,
                          const model::Model& model) {
  struct Candidate {
    const model::Route* route;
    int len;
    int kind_rank;  // lower wins on equal length: static CIDR, prefix list, propagated
  };
  std::vector<Candidate> yes;
  std::vector<Candidate> maybe;
  const Cidr4* rep = peer.kind == Peer::Kind::kCidrs && !peer.cidrs.empty() ? &peer.cidrs[0] : nullptr;
  for (const model::Route& r : table.routes) {
    bool propagated = r.origin == "EnableVgwRoutePropagation";
    if (r.destination) {
      const Cidr4& d = *r.destination;
      int rank = propagated ? 2 : 0;
      if (rep) {
        if (d.Contains(*rep)) yes.push_back({&r, d.len, rank});
        else if (rep->Contains(d)) maybe.push_back({&r, d.len, rank});
      } else {
        Tri t = CidrCovers(d, peer);
        if (t == Tri::kYes) yes.push_back({&r, d.len, rank});
        else if (t == Tri::kMaybe) maybe.push_back({&r, d.len, rank});
      }
    } else if (!r.destination_prefix_list_id.empty()) {
      const std::string& pl_id = r.destination_prefix_list_id;
      const model::PrefixList* pl = model.prefix_lists().Find(pl_id);
      if (!peer.prefix_list_id.empty() && pl_id == peer.prefix_list_id) {
        // The peer is this list. Its length is that of the entry holding the peer, so a static
        // route of the same length still wins (VPC route priority); 32 when entries are unknown.
        int len = 32;
        if (pl && pl->cidrs_known && rep)
          for (const Cidr4& c : pl->cidrs)
            if (c.Contains(*rep)) {
              len = c.len;
              break;
            }
        yes.push_back({&r, len, 1});
        continue;
      }
      if (pl && pl->cidrs_known && rep) {
        for (const Cidr4& c : pl->cidrs)
          if (c.Contains(*rep)) {
            yes.push_back({&r, c.len, 1});
            break;
          }
      } else {
        Tri t = PrefixListCovers(pl_id, peer, model);
        if (t == Tri::kYes) yes.push_back({&r, 32, 1});
        else if (t == Tri::kMaybe) maybe.push_back({&r, 32, 1});
      }
    }
  }
  RouteDecision out;
  if (yes.empty()) {
    out.detail = "no route in " + table.id + " matches " + peer.label;
    if (!maybe.empty()) {
      out.certain = Tri::kMaybe;
      out.route = maybe.front().route;
      out.detail += "; " + DescribeRouteTarget(*maybe.front().route) +
                    " may cover it (the service's addresses are not in the snapshot)";
    }
    return out;
  }
  auto better = [](const Candidate& a, const Candidate& b) {
    if (a.len != b.len) return a.len > b.len;
    return a.kind_rank < b.kind_rank;
  };
  std::sort(yes.begin(), yes.end(), better);
  out.route = yes.front().route;
  out.detail = DescribeRouteTarget(*out.route);
  for (const Candidate& m : maybe) {
    if (m.len > yes.front().len && m.route->target_id != out.route->target_id) {
      out.certain = Tri::kMaybe;
      out.detail += "; the more specific " + DescribeRouteTarget(*m.route) +
                    " may apply (the service's addresses are not in the snapshot)";
      break;
    }
  }
  return out;
}

}  // namespace fd::net

// Route lookup over the set of addresses a destination may have (issue 18).
//
// Longest-prefix match partitions the set: the most specific route takes the addresses it
// covers, the next takes what is left of its own, and so on; what no route takes is unrouted.
// When every part leads to the same target the hop is decided whatever the real address is
// (0.0.0.0/1 and 128.0.0.0/1 to one NAT gateway decide the path as surely as 0.0.0.0/0 does,
// and shadow a dead default route); only parts that lead to different targets leave it
// unknown, and the answer names them.

#include <algorithm>

#include "net/addr_set.h"
#include "net/match.h"

namespace fd::net {
namespace {

struct Candidate {
  const model::Route* route;
  Cidr4 cidr;        // what the route covers, unless `whole`
  bool whole;        // covers every address of the peer (the peer is this prefix list)
  int len;
  int kind_rank;  // lower wins on equal length: static CIDR, prefix list, propagated
  size_t order;   // table order, for a deterministic choice among equals
};

/// Routes whose extent is known, one candidate per destination CIDR (prefix-list routes give
/// one per entry, with that entry's length); routes of unknown extent that may cover the peer
/// go to `unsure`.
std::vector<Candidate> Candidates(const model::RouteTable& table, const Peer& peer,
                                  const model::Model& model,
                                  std::vector<const model::Route*>& unsure) {
  std::vector<Candidate> out;
  for (size_t i = 0; i < table.routes.size(); ++i) {
    const model::Route& r = table.routes[i];
    if (r.destination) {
      const int rank = r.origin == "EnableVgwRoutePropagation" ? 2 : 0;
      out.push_back({&r, *r.destination, false, r.destination->len, rank, i});
      continue;
    }
    if (r.destination_prefix_list_id.empty()) continue;  // IPv6 routes carry no IPv4 traffic
    const model::PrefixList* pl = model.prefix_lists().Find(r.destination_prefix_list_id);
    const bool is_peer = !peer.prefix_list_id.empty() && r.destination_prefix_list_id == peer.prefix_list_id;
    if (is_peer && (peer.cidrs.empty() || !pl || !pl->cidrs_known)) {
      // The peer is this list but its entries are not at hand: the route covers the peer, as
      // specific as an entry can be (a static route of the same length still wins).
      out.push_back({&r, Cidr4{}, true, 32, 1, i});
    } else if (PrefixListCovers(r.destination_prefix_list_id, peer, model) == Tri::kNo) {
      continue;  // e.g. the S3 list never holds another service's address
    } else if (pl && pl->cidrs_known) {
      for (const Cidr4& c : pl->cidrs) out.push_back({&r, c, false, c.len, 1, i});
    } else {
      unsure.push_back(&r);
    }
  }
  std::sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) {
    if (a.len != b.len) return a.len > b.len;
    if (a.kind_rank != b.kind_rank) return a.kind_rank < b.kind_rank;
    return a.order < b.order;
  });
  return out;
}

/// Routes that send traffic to the same place: same target, same blackhole state.
bool SameTarget(const model::Route* a, const model::Route* b) {
  if (!a || !b) return a == b;
  return a->target == b->target && a->target_id == b->target_id && a->blackhole == b->blackhole;
}

std::string PartText(const RoutePart& p) {
  return p.route ? DescribeRouteTarget(*p.route) : "no route for " + p.addresses.ToString(3);
}

std::string WhyUnknown(const Peer& peer) {
  return peer.kind == Peer::Kind::kPublicService || peer.cidrs.empty()
             ? "the service's addresses are not in the snapshot"
             : "it may use any of its addresses";
}

/// The text of an undecided lookup. The two shapes met before address sets (a route covering
/// everything with a more specific one that may apply; a partial route with nothing under it)
/// keep their words; a split among routes none of which decides alone names every part.
std::string Undecided(const model::RouteTable& table, const Peer& peer,
                      const std::vector<RoutePart>& parts, const Candidate* whole_used,
                      const std::vector<const model::Route*>& differing) {
  const std::string why = " (" + WhyUnknown(peer) + ")";
  if (whole_used && !differing.empty())
    return DescribeRouteTarget(*whole_used->route) + "; the more specific " +
           DescribeRouteTarget(*differing.front()) + " may apply" + why;
  const bool unrouted = !parts.empty() && !parts.back().route;
  if (unrouted && !differing.empty())
    return "no route in " + table.id + " matches " + peer.label + "; " +
           DescribeRouteTarget(*differing.front()) + " may cover it" + why;
  std::string split;
  for (const RoutePart& p : parts) split += (split.empty() ? "" : "; ") + PartText(p);
  return "the routes of " + table.id + " that match " + peer.label + " lead to different places: " +
         split + why;
}

}  // namespace

bool IsBlackholeInternetRoute(const model::Route& r) {
  return r.blackhole && r.destination && AddrSet4::Of(*r.destination).Overlaps(AddrSet4::Public());
}

std::vector<const model::Route*> BlackholeInternetRoutes(const model::RouteTable& table) {
  std::vector<const model::Route*> out;
  for (const model::Route& r : table.routes)
    if (IsBlackholeInternetRoute(r)) out.push_back(&r);
  return out;
}

std::string DescribeRoutes(const RouteDecision& decision) {
  std::string out;
  for (const RoutePart& p : decision.parts)
    if (p.route) out += (out.empty() ? "" : " and ") + DescribeRouteTarget(*p.route);
  if (out.empty() && decision.route) out = DescribeRouteTarget(*decision.route);
  return out;
}

AddrSet4 AddressesOf(const Peer& peer) {
  if (peer.kind == Peer::Kind::kPublicService || peer.cidrs.empty()) return AddrSet4::Public();
  return AddrSet4::Of(peer.cidrs);
}

RouteDecision LookupRoute(const model::RouteTable& table, const Peer& peer,
                          const model::Model& model) {
  const AddrSet4 set = AddressesOf(peer);
  std::vector<const model::Route*> unsure;
  const std::vector<Candidate> candidates = Candidates(table, peer, model, unsure);

  RouteDecision out;
  AddrSet4 left = set;
  for (const Candidate& c : candidates) {
    if (left.empty()) break;
    AddrSet4 part = c.whole ? left : left.Intersect(c.cidr);
    if (part.empty()) continue;
    left = left.Minus(part);
    auto same = std::find_if(out.parts.begin(), out.parts.end(),
                             [&](const RoutePart& p) { return p.route == c.route; });
    if (same != out.parts.end()) same->addresses = same->addresses.Union(part);
    else out.parts.push_back({std::move(part), c.route});
  }
  if (!left.empty()) out.parts.push_back({std::move(left), nullptr});

  // The parts agree when they all lead where the first leads; a route of unknown extent may
  // take any address, so it must lead there too.
  const model::Route* first = out.parts.empty() ? nullptr : out.parts.front().route;
  bool agree = std::all_of(out.parts.begin(), out.parts.end(),
                           [&](const RoutePart& p) { return SameTarget(p.route, first); });
  for (const model::Route* r : unsure) agree = agree && SameTarget(r, first);
  if (agree) {
    out.route = first;
    if (!first) {
      out.detail = "no route in " + table.id + " matches " + peer.label;
    } else if (out.parts.size() == 1) {
      out.detail = DescribeRouteTarget(*first);
    } else {
      std::string routes;
      for (const RoutePart& p : out.parts)
        routes += (routes.empty() ? "" : ", ") + DescribeRouteTarget(*p.route);
      out.detail = routes + ": whatever its address, " + peer.label + " takes one of them";
    }
    return out;
  }

  // The best route that covers the whole set on its own (the old "yes" answer), for the words.
  const Candidate* whole = nullptr;
  for (const Candidate& c : candidates)
    if (c.whole || AddrSet4::Of(c.cidr).Contains(set)) {
      whole = &c;
      break;
    }
  // Named against the route that covers the whole set when it took a part, else against "no
  // route" when part of the set is unrouted, else against the first part: the routes, in table
  // order, that lead elsewhere.
  const bool whole_used = whole && std::any_of(out.parts.begin(), out.parts.end(), [&](const RoutePart& p) {
                            return p.route == whole->route;
                          });
  const model::Route* reference = whole_used ? whole->route : !out.parts.back().route ? nullptr : first;
  std::vector<const model::Route*> differing;
  for (const RoutePart& p : out.parts)
    if (p.route && !SameTarget(p.route, reference)) differing.push_back(p.route);
  for (const model::Route* r : unsure)
    if (!SameTarget(r, reference)) differing.push_back(r);
  std::sort(differing.begin(), differing.end());  // one vector holds the routes: table order
  differing.erase(std::unique(differing.begin(), differing.end()), differing.end());
  out.certain = Tri::kMaybe;
  out.route = whole ? whole->route : differing.empty() ? first : differing.front();
  out.detail = Undecided(table, peer, out.parts, whole_used ? whole : nullptr, differing);
  return out;
}

}  // namespace fd::net

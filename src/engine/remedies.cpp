// Plans the complete set of changes per alternative by tracing blocked paths again under
// assumed changes: each round takes the change that clears the first blocker of every path
// still blocked, so a NAT route that uncovers a security group that also denies lists both.
// Which change clears which fault is decided here; each kind of change is built in
// planner_changes.cpp.
#include "engine/remedies.h"

#include <algorithm>
#include <optional>
#include <set>

#include "analysis/analyze.h"
#include "analysis/assumptions.h"
#include "checks/check_util.h"
#include "engine/planner.h"
#include "util/strings.h"

namespace fd::engine {
namespace {

using analysis::Assumptions;
using analysis::Fault;

constexpr int kMaxRounds = 8;
constexpr std::string_view kPublicIpCommand = "\x01public-ip";  // rendered per target

using util::Join;

/// What makes two targets' plans the same: their placement and needs.
std::string PlanKey(const analysis::TargetAnalysis& ta) {
  const auto& t = ta.target;
  std::string k = t.region + '\x1f' + t.assign_public_ip_raw + (t.assign_public_ip ? "p" : "-") +
                  (t.security_groups_known ? "-" : "s") + (t.public_ip_known ? "-" : "i");
  for (const auto* v : {&t.subnets, &t.security_groups}) {
    k += '\x1e';
    for (const auto& s : *v) k += s + '\x1f';
  }
  for (const auto& n : ta.needs)
    k += '\x1e' + n.service + '\x1f' + n.region + '\x1f' + n.host + char('0' + static_cast<int>(n.kind)) +
         (n.cross_region ? "x" : "-");
  return k;
}

}  // namespace

void Planner::Add(Planned p) {
  if (!keys_.insert(p.key).second) return;
  // What the changes amount to names the alternative (a strategy that met none of its own
  // faults only fixes the current design in place).
  const std::string& k = p.key;
  if (k.rfind("new-nat:", 0) == 0) {
    design_ = "internet through a new NAT gateway";
  } else if (design_.empty()) {
    if (k == "public-ip") design_ = "internet through the internet gateway (public IP on)";
    else if (k.rfind("route:", 0) == 0) design_ = out_.name;
    else if (k.rfind("endpoint", 0) == 0 || k.rfind("s3gw:", 0) == 0 || k.rfind("private-dns:", 0) == 0)
      design_ = "VPC endpoints (no internet route)";
  }
  p.apply(a_);
  out_.changes.push_back(std::move(p.change));
}

std::optional<Planned> Planner::Unclearable(const Fault& f, std::string* why) {
  *why = std::string(ToString(f.code)) + " on " + f.resource + ": " + f.claim;
  return std::nullopt;
}

/// A path with no way out: the strategy's own way (an internet route, a public IP, or the
/// endpoint the need calls for).
std::optional<Planned> Planner::WayOut(const analysis::PathResult& p, const Fault& f, std::string* why) {
  if (s_ == Strategy::kEndpoints) return Endpoint(*p.need, why);
  if (f.code == Code::kNet001) {
    Planned pl;
    pl.key = "public-ip";
    pl.change = {"turn on assignPublicIp for the tasks (a new deployment)", {std::string(kPublicIpCommand)}, false, {}};
    pl.apply = [](Assumptions& a) { a.public_ip = true; };
    return pl;
  }
  const model::RouteTable* task_rt = m_.RouteTableForSubnet(p.subnet_id);
  if (!task_rt) {
    *why = "the route table of " + p.subnet_id + " is not in the snapshot";
    return std::nullopt;
  }
  return InternetRoute(task_rt->id, why);
}

std::optional<Planned> Planner::ChangeFor(const analysis::PathResult& p, const Fault& f, std::string* why) {
  switch (f.code) {
    // Faults of one endpoint or VPC setting: the same change in every strategy.
    case Code::kVpce007:
      return DnsAttributes(f.resource);
    case Code::kSto002:
      return MountTarget(f.resource, p.subnet_id, why);
    case Code::kSto003:  // NFS to a mount target: a security group or network ACL rule for 2049
      if (!f.opening) return Unclearable(f, why);
      if (m_.network_acls().Find(f.resource)) return f.opening->cidr.empty() ? Unclearable(f, why) : NaclEntry(f.resource, *f.opening);
      return SgRule(f.resource, f.opening->egress, *f.opening);
    case Code::kNet004:
      return AttachGateway(f.resource);
    case Code::kFw001:
    case Code::kFw002:
    case Code::kFw003:
    case Code::kFw004:
      if (!f.opening) return Unclearable(f, why);
      return SgRule(f.resource, f.code != Code::kFw003, *f.opening);
    case Code::kFw006:
    case Code::kFw007:
    case Code::kFw008:
      if (!f.opening || f.opening->cidr.empty()) return Unclearable(f, why);
      return NaclEntry(f.resource, *f.opening);
    case Code::kNet003:
      if (const model::RouteTable* task_rt = m_.RouteTableForSubnet(p.subnet_id);
          task_rt && f.resource != task_rt->id)
        return NatSubnetRoute(f.resource, why);
      return WayOut(p, f, why);
    case Code::kVpce006:
    case Code::kVpce010:
      if (s_ == Strategy::kEndpoints) return EndpointInPlace(f, why);
      return WayOut(p, f, why);
    // No way out of the subnet for this need.
    case Code::kNet001:
    case Code::kNet002:
    case Code::kNet005:
    case Code::kNet006:
    case Code::kNet009:
    case Code::kVpce001:
    case Code::kVpce002:
    case Code::kVpce003:
    case Code::kVpce004:
    case Code::kVpce005:
    case Code::kVpce012:
    case Code::kVpce013:
    case Code::kImg006:
      return WayOut(p, f, why);
    default:  // a fault no change of this planner clears (a warning, a DNS override, …)
      return Unclearable(f, why);
  }
}

report::Remedy Planner::Run(const std::vector<const analysis::PathResult*>& blocked) {
  switch (s_) {
    case Strategy::kExistingNat:
      out_.name = "internet through " + checks::UsableNatGateway(m_, vpc_)->id;
      break;
    case Strategy::kNewNat: out_.name = "internet through a new NAT gateway"; break;
    case Strategy::kEndpoints: out_.name = "VPC endpoints (no internet route)"; break;
  }
  // Paths are traced one after another under the changes made so far, so a change made for
  // one path (tcp 443 to 0.0.0.0/0) is seen by the next (S3) before another is proposed.
  std::vector<const analysis::PathResult*> open = blocked;
  for (int round = 0; round < kMaxRounds; ++round) {
    bool progress = false;
    std::vector<const analysis::PathResult*> still;
    for (const auto* p : open) {
      const analysis::PathResult r =
          keys_.empty() ? *p : analysis::TracePathAssuming(m_, t_, *p->need, p->subnet_id, a_);
      if (r.reachable != false) continue;
      still.push_back(p);
      auto f = std::find_if(r.faults.begin(), r.faults.end(),
                            [](const Fault& x) { return x.severity == report::Severity::kBlocker; });
      std::string why;
      std::optional<Planned> change;
      if (f == r.faults.end()) why = p->need->service + " from " + p->subnet_id + " stays blocked";
      else change = ChangeFor(r, *f, &why);
      if (!change) {
        out_.feasible = false;
        out_.reason = why;
        return out_;
      }
      if (!keys_.count(change->key)) {
        Add(std::move(*change));
        progress = true;
      }
    }
    if (still.empty()) {
      out_.name = design_.empty() ? "the current design, fixed in place" : design_;
      return out_;
    }
    if (!progress) {
      out_.feasible = false;
      out_.reason = "the changes above leave " + still.front()->need->service + " from " +
                    still.front()->subnet_id + " blocked, and no further change is planned for it";
      return out_;
    }
    open = std::move(still);
  }
  out_.feasible = false;
  out_.reason = "more than " + std::to_string(kMaxRounds) + " rounds of changes";
  return out_;
}


std::vector<report::Remedy> PlanRemedies(const model::Model& model, const analysis::TargetAnalysis& ta,
                                         RemedyCache* cache) {
  std::vector<const analysis::PathResult*> blocked;
  for (const auto& p : ta.paths)
    if (p.reachable == false) blocked.push_back(&p);
  if (blocked.empty()) return {};
  std::string vpc;
  for (const auto& s : ta.target.subnets) {
    const model::Subnet* sn = model.subnets().Find(s);
    if (!sn || (!vpc.empty() && sn->vpc_id != vpc)) return {};
    vpc = sn->vpc_id;
  }
  if (vpc.empty()) return {};

  std::string key;
  std::vector<report::Remedy> out;
  if (cache) {
    key = PlanKey(ta);
    if (auto it = cache->find(key); it != cache->end()) out = it->second;
  }
  if (out.empty()) {
    std::vector<Strategy> strategies;
    if (checks::UsableNatGateway(model, vpc)) strategies.push_back(Strategy::kExistingNat);
    else strategies.push_back(Strategy::kNewNat);
    strategies.push_back(Strategy::kEndpoints);
    std::vector<std::set<std::string>> seen;
    for (Strategy s : strategies) {
      report::Remedy r = Planner(model, ta, vpc, s).Run(blocked);
      // Two strategies that met no fault of their own give the same changes: keep one.
      std::set<std::string> sig;
      for (const auto& c : r.changes) sig.insert(Join(c.commands, "\n"));
      if (r.feasible && std::find(seen.begin(), seen.end(), sig) != seen.end()) continue;
      if (r.feasible) seen.push_back(sig);
      out.push_back(std::move(r));
    }
    // The pick: feasible, fewest changes, then fewest billable ones.
    report::Remedy* best = nullptr;
    auto billable = [](const report::Remedy& r) {
      return std::count_if(r.changes.begin(), r.changes.end(), [](const report::Change& c) { return c.billable; });
    };
    for (auto& r : out)
      if (r.feasible && !r.changes.empty() &&
          (!best || r.changes.size() < best->changes.size() ||
           (r.changes.size() == best->changes.size() && billable(r) < billable(*best))))
        best = &r;
    if (best) best->fewest = true;
    if (cache) (*cache)[key] = out;
  }
  // The public IP change is planned once per design and made per target (its own service).
  for (auto& r : out)
    for (auto& c : r.changes)
      if (c.commands.size() == 1 && c.commands.front() == kPublicIpCommand)
        c = report::Change::Of(c.summary, {checks::NetworkUpdate(ta.target, {}, {}, "ENABLED")});
  return out;
}

}  // namespace fd::engine

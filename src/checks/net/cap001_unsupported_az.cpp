// CAP001: a task subnet is in an Availability Zone where Fargate is not offered (docs/design/causes.md §1.8):
// compared by AZ ID, never by name, since names are shuffled per account.
#include <cstring>

#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kCap001,
    .slug = "cap-unsupported-az",
    .title = "subnet in an AZ where Fargate isn't offered",
    .severity = report::Severity::kBlocker,
    .group = Group::kNetwork,
    .rationale = "Fargate runs only in some Availability Zones of a few Regions, and never in "
                 "Local Zones, Wavelength Zones or on Outposts. A task placed there fails with "
                 "'was unable to place a task. Reason: Internal error.'",
    .evidence = "describe-subnets AvailabilityZoneId and OutpostArn, describe-availability-zones ZoneType",
    .remediation = "Remove those subnets from the service's network configuration.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AWS_Fargate-Regions.html",
};

// Regions where Fargate is limited to some AZ IDs (Linux); Windows adds two more.
struct Limited {
  const char* region;
  const char* zones[6];
  bool windows_only;
};
constexpr Limited kLimited[] = {
    {"us-west-1", {"usw1-az1", "usw1-az3"}, false},
    {"ap-northeast-1", {"apne1-az1", "apne1-az2", "apne1-az4"}, false},
    {"cn-north-1", {"cnn1-az1", "cnn1-az2"}, false},
    {"us-east-1", {"use1-az1", "use1-az2", "use1-az4", "use1-az5", "use1-az6"}, true},
    {"ca-central-1", {"cac1-az1", "cac1-az2"}, true},
};

std::string Unsupported(const model::Model& m, const model::Subnet& s, bool windows) {
  if (!s.outpost_arn.empty()) return "it is on an Outpost (" + s.outpost_arn + ")";
  if (const auto* z = m.ZoneByName(s.availability_zone); z && !z->zone_type.empty() &&
                                                         z->zone_type != "availability-zone")
    return s.availability_zone + " is a " + z->zone_type;
  std::string region = !s.region.empty() ? s.region : model::RegionOfZoneName(s.availability_zone);
  for (const auto& l : kLimited) {
    if (region != l.region || (l.windows_only && !windows)) continue;
    bool ok = false;
    for (const char* z : l.zones)
      if (z && s.availability_zone_id == z) ok = true;
    if (!ok)
      return s.availability_zone_id + " (" + s.availability_zone + ") is not a Fargate zone of " + region +
             (l.windows_only ? " for Windows tasks" : "");
  }
  return "";
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    std::vector<std::string> keep;
    std::vector<std::pair<std::string, std::string>> bad;
    for (const auto& sid : ta.target.subnets) {
      const model::Subnet* s = ctx.model.subnets().Find(sid);
      if (!s) continue;
      if (s->availability_zone_id.empty() && s->outpost_arn.empty()) {
        sink.Unchecked(kInfo, "subnet " + sid + " has no AvailabilityZoneId in the snapshot");
        keep.push_back(sid);
        continue;
      }
      std::string why = Unsupported(ctx.model, *s, ta.target.windows);
      if (why.empty()) keep.push_back(sid);
      else bad.emplace_back(sid, why);
    }
    for (const auto& [sid, why] : bad) {
      auto& f = sink.Report(kInfo, ta.target, sid,
                            "subnet " + sid + " is in an Availability Zone where Fargate is not offered");
      f.evidence.push_back({sid, why});
      f.subnets.push_back(sid);
      // With no subnet left there is no command to give: the user must choose new subnets.
      f.fix = keep.empty() ? report::Fix::Of("choose subnets in supported Availability Zones", {})
                           : report::Fix::Of("remove the subnet from the network configuration",
                                             {NetworkUpdate(ta.target, keep, {}, "")});
    }
  }
}

}  // namespace

const CheckDef kCap001{kInfo, &Run};

}  // namespace fd::checks

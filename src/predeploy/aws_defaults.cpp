#include "predeploy/aws_defaults.h"

namespace fd::predeploy {

model::SgRule AllTraffic() {
  model::SgRule r;
  r.protocol = -1;
  r.cidrs.push_back(*Cidr4::Parse("0.0.0.0/0"));
  return r;
}

model::NaclEntry AllTrafficEntry(int rule_number, bool egress, bool allow) {
  model::NaclEntry e;
  e.rule_number = rule_number;
  e.egress = egress;
  e.protocol = -1;
  e.cidr = Cidr4::Parse("0.0.0.0/0");
  e.allow = allow;
  return e;
}

model::SecurityGroup DefaultSecurityGroup(const std::string& id, const std::string& vpc_id) {
  model::SecurityGroup g;
  g.id = id;
  g.name = "default";
  g.vpc_id = vpc_id;
  model::SgRule from_self;
  from_self.group_ids.push_back(id);
  g.ingress.push_back(from_self);
  g.egress.push_back(AllTraffic());
  return g;
}

std::vector<model::NaclEntry> DefaultNaclEntries() {
  return {AllTrafficEntry(100, false, true), AllTrafficEntry(32767, false, false), AllTrafficEntry(100, true, true),
          AllTrafficEntry(32767, true, false)};
}

std::vector<model::Route> LocalRoutes(const std::vector<Cidr4>& vpc_cidrs) {
  std::vector<model::Route> out;
  for (const Cidr4& c : vpc_cidrs) {
    model::Route local;
    local.destination = c;
    local.target = model::RouteTarget::kLocal;
    local.target_id = "local";
    local.origin = "CreateRouteTable";
    out.push_back(local);
  }
  return out;
}

std::string DefaultKeyPolicy(const std::string& partition, const std::string& account) {
  return R"({"Version":"2012-10-17","Id":"key-default-1","Statement":[{"Sid":"Enable IAM User )"
         R"(Permissions","Effect":"Allow","Principal":{"AWS":"arn:)" + partition + ":iam::" + account +
         R"(:root"},"Action":"kms:*","Resource":"*"}]})";
}

}  // namespace fd::predeploy

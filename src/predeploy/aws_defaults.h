// What AWS itself creates with what a template or plan declares (predeploy/cfn, predeploy/tf):
// the local routes of every route table, a VPC's default security group and network ACL, the
// rule-number-32767 deny that ends every network ACL, and the policy of a KMS key created
// without one. The mappers name and place these objects; what they hold is written once, here.
#pragma once

#include <string>
#include <vector>

#include "model/model.h"

namespace fd::predeploy {

// All traffic to 0.0.0.0/0: the egress rule of a default group and of a CloudFormation group
// written without egress.
model::SgRule AllTraffic();

// A network ACL entry for all traffic to or from 0.0.0.0/0.
model::NaclEntry AllTrafficEntry(int rule_number, bool egress, bool allow);

// A VPC's default security group `id`: ingress from itself, egress anywhere.
model::SecurityGroup DefaultSecurityGroup(const std::string& id, const std::string& vpc_id);

// The entries of a VPC's default network ACL: allow all (rule 100) then deny, both ways.
std::vector<model::NaclEntry> DefaultNaclEntries();

// The `local` route a route table gets for each IPv4 CIDR of its VPC.
std::vector<model::Route> LocalRoutes(const std::vector<Cidr4>& vpc_cidrs);

// The policy KMS gives a key created without one: the account's root may do everything, so the
// account's IAM policies decide who uses the key (key-policy-default.html).
std::string DefaultKeyPolicy(const std::string& partition, const std::string& account);

}  // namespace fd::predeploy

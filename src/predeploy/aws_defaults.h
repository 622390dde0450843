// What AWS itself puts in a VPC, whichever tool declares the VPC (predeploy/cfn, predeploy/tf):
// the local routes of every route table, the default security group, the default network ACL,
// and the rule-number-32767 deny that ends every network ACL. The mappers name and place these
// objects; what they hold is written once, here.
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

}  // namespace fd::predeploy

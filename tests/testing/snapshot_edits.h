#pragma once
/// Edits of a Snapshot (check_harness.h) that many check tests make: AWS CLI shaped security
/// group permissions and network ACL entries, moving one subnet onto a network ACL of its own,
/// and a service's placement and platform version (on the service and its deployments alike),
/// written once so that every case says only what it changes.
///
///   auto& acl = OwnNacl(s, "shop-prod-private-a", "acl-0000000000000a001",
///                       {NaclEntry(90, false, "6", {{2049, 2049}}, "0.0.0.0/0", false)});

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "testing/check_harness.h"

namespace fd::testing {

/// One `IpPermissions` / `IpPermissionsEgress` item: protocol "-1" (all, ports ignored), "tcp",
/// "udp", or a number; to CIDRs, security groups, prefix lists and IPv6 CIDRs.
inline Json SgPermission(const std::string& protocol, int from, int to,
                         std::vector<std::string> cidrs, std::vector<std::string> groups = {},
                         std::vector<std::string> prefix_lists = {},
                         std::vector<std::string> ipv6_cidrs = {}) {
  Json p = {{"IpProtocol", protocol}, {"IpRanges", Json::array()}, {"Ipv6Ranges", Json::array()},
            {"PrefixListIds", Json::array()}, {"UserIdGroupPairs", Json::array()}};
  if (protocol != "-1") {
    p["FromPort"] = from;
    p["ToPort"] = to;
  }
  for (auto& c : cidrs) p["IpRanges"].push_back({{"CidrIp", c}});
  for (auto& c : ipv6_cidrs) p["Ipv6Ranges"].push_back({{"CidrIpv6", c}});
  for (auto& g : groups) p["UserIdGroupPairs"].push_back({{"GroupId", g}, {"UserId", "111122223333"}});
  for (auto& l : prefix_lists) p["PrefixListIds"].push_back({{"PrefixListId", l}});
  return p;
}

/// All traffic to or from anywhere over IPv4: the egress rule every new security group gets.
inline Json AllTraffic() { return SgPermission("-1", 0, 0, {"0.0.0.0/0"}); }

/// One network ACL entry. `protocol` "-1" = all traffic (ports ignored), "6" = TCP, …;
/// `ports` nullopt = all ports.
inline Json NaclEntry(int rule, bool egress, const std::string& protocol,
                      std::optional<std::pair<int, int>> ports, const std::string& cidr, bool allow) {
  Json e = {{"CidrBlock", cidr}, {"Egress", egress}, {"Protocol", protocol},
            {"RuleAction", allow ? "allow" : "deny"}, {"RuleNumber", rule}};
  if (protocol != "-1" && ports) e["PortRange"] = {{"From", ports->first}, {"To", ports->second}};
  return e;
}

/// The entries of a new default network ACL: everything allowed both ways, then the `*` denies.
inline std::vector<Json> OpenNaclEntries() {
  return {NaclEntry(100, true, "-1", std::nullopt, "0.0.0.0/0", true),
          NaclEntry(32767, true, "-1", std::nullopt, "0.0.0.0/0", false),
          NaclEntry(100, false, "-1", std::nullopt, "0.0.0.0/0", true),
          NaclEntry(32767, false, "-1", std::nullopt, "0.0.0.0/0", false)};
}

/// Moves subnets `subnet_refs` from their network ACLs onto a new one, `acl_id` (also its Name
/// tag), holding `entries`. Returns the new ACL's item.
inline Json& OwnNacl(Snapshot& s, const std::vector<std::string_view>& subnet_refs, const std::string& acl_id,
                     const std::vector<Json>& entries) {
  std::vector<std::string> subnets;
  for (auto ref : subnet_refs) subnets.push_back(s.Id("Subnets", ref));
  const std::string vpc = s.Item("Subnets", subnet_refs.front())["VpcId"].get<std::string>();
  auto moved = [&](const Json& a) {
    return std::find(subnets.begin(), subnets.end(), a.value("SubnetId", "")) != subnets.end();
  };
  for (auto& [file, doc] : s.Docs())
    if (doc.contains("NetworkAcls"))
      for (auto& acl : doc["NetworkAcls"]) EraseIf(acl["Associations"], moved);
  Json associations = Json::array();
  for (const auto& id : subnets)
    associations.push_back({{"NetworkAclAssociationId", "aclassoc-" + id.substr(7)},
                            {"NetworkAclId", acl_id},
                            {"SubnetId", id}});
  Json acl = {{"Associations", associations},
              {"Entries", entries},
              {"IsDefault", false},
              {"NetworkAclId", acl_id},
              {"Tags", Json::array({{{"Key", "Name"}, {"Value", acl_id}}})},
              {"VpcId", vpc},
              {"OwnerId", "111122223333"}};
  return s.Add("ec2-describe-network-acls.json", "NetworkAcls", std::move(acl));
}
inline Json& OwnNacl(Snapshot& s, std::string_view subnet_ref, const std::string& acl_id,
                     const std::vector<Json>& entries) {
  return OwnNacl(s, std::vector<std::string_view>{subnet_ref}, acl_id, entries);
}

/// Adds to ecs-describe-tasks.json a stopped task of the snapshot's task definition that no
/// service started, whose ENI in subnet `subnet_ref` is gone: describe-tasks then tells neither
/// its security groups nor its public IP. Returns the task's ARN (for TargetQuery::tasks).
inline std::string AddStoppedTaskWithoutEni(Snapshot& s, std::string_view subnet_ref) {
  const std::string arn = "arn:aws:ecs:eu-west-3:111122223333:task/prod/0000000000000000000000000000e1f0";
  Json details = Json::array({{{"name", "subnetId"}, {"value", s.Id("Subnets", subnet_ref)}},
                              {{"name", "networkInterfaceId"}, {"value", "eni-0000000000000e1f0"}}});
  s.Add("ecs-describe-tasks.json", "tasks",
        {{"taskArn", arn},
         {"clusterArn", "arn:aws:ecs:eu-west-3:111122223333:cluster/prod"},
         {"taskDefinitionArn", s.TaskDefinition()["taskDefinitionArn"]},
         {"group", "family:" + s.TaskDefinition()["family"].get<std::string>()},
         {"launchType", "FARGATE"},
         {"platformVersion", "1.4.0"},
         {"lastStatus", "STOPPED"},
         {"desiredStatus", "STOPPED"},
         {"attachments", Json::array({{{"id", "0000e1f0-1111-2222-3333-444455556666"},
                                       {"type", "ElasticNetworkInterface"},
                                       {"status", "DELETED"},
                                       {"details", details}}})},
         {"containers", Json::array()}});
  return arn;
}

/// The awsvpcConfiguration of service `service_ref` and of each of its deployments: a target
/// reads its PRIMARY deployment's, the service's when it has none, so an edit changes them all.
inline std::vector<Json*> AwsVpcConfigurations(Snapshot& s, std::string_view service_ref) {
  Json& svc = s.Item("services", service_ref);
  std::vector<Json*> out;
  auto take = [&](Json& holder) {
    if (holder.contains("networkConfiguration"))
      out.push_back(&holder["networkConfiguration"]["awsvpcConfiguration"]);
  };
  take(svc);
  if (svc.contains("deployments"))
    for (auto& d : svc["deployments"]) take(d);
  return out;
}

/// Sets one member of every awsvpcConfiguration of the service ("subnets", "securityGroups",
/// "assignPublicIp").
inline void SetAwsVpc(Snapshot& s, std::string_view service_ref, const std::string& key, const Json& value) {
  for (Json* c : AwsVpcConfigurations(s, service_ref)) (*c)[key] = value;
}

/// The service's subnets (IDs) in every awsvpcConfiguration. (A braced single value given to
/// SetAwsVpc would be that value, not an array of it: nlohmann's brace rule.)
inline void SetSubnets(Snapshot& s, std::string_view service_ref, const std::vector<std::string>& subnet_ids) {
  SetAwsVpc(s, service_ref, "subnets", Json(subnet_ids));
}

/// The service's platform version, on the service and each of its deployments.
inline void SetPlatformVersion(Snapshot& s, std::string_view service_ref, const std::string& version) {
  Json& svc = s.Item("services", service_ref);
  svc["platformVersion"] = version;
  if (svc.contains("deployments"))
    for (auto& d : svc["deployments"]) d["platformVersion"] = version;
}

/// A policy document allowing `actions` on `resource`.
inline Json AllowPolicy(std::vector<std::string> actions, const std::string& resource) {
  return {{"Version", "2012-10-17"},
          {"Statement", Json::array({{{"Effect", "Allow"}, {"Action", actions}, {"Resource", resource}}})}};
}

/// A RoleDetailList item of iam get-account-authorization-details: role `name` of account
/// 111122223333, trusted by `service` (ecs-tasks.amazonaws.com, …), with inline policies
/// {name, document} and attached managed policy ARNs.
inline Json IamRole(const std::string& name, const std::string& service,
                    std::vector<std::pair<std::string, Json>> inline_policies,
                    std::vector<std::string> attached = {}) {
  Json role = {{"Path", "/"},
               {"RoleName", name},
               {"RoleId", "AROA" + std::string(17 - std::min<size_t>(name.size(), 17), 'X') + name.substr(0, 17)},
               {"Arn", "arn:aws:iam::111122223333:role/" + name},
               {"CreateDate", "2023-02-10T08:15:22+00:00"},
               {"AssumeRolePolicyDocument",
                {{"Version", "2012-10-17"},
                 {"Statement", Json::array({{{"Effect", "Allow"},
                                             {"Principal", {{"Service", service}}},
                                             {"Action", "sts:AssumeRole"}}})}}},
               {"InstanceProfileList", Json::array()},
               {"RolePolicyList", Json::array()},
               {"AttachedManagedPolicies", Json::array()},
               {"Tags", Json::array()}};
  for (auto& [policy, doc] : inline_policies)
    role["RolePolicyList"].push_back({{"PolicyName", policy}, {"PolicyDocument", doc}});
  for (auto& arn : attached)
    role["AttachedManagedPolicies"].push_back({{"PolicyName", arn.substr(arn.rfind('/') + 1)}, {"PolicyArn", arn}});
  return role;
}

/// The IPv4 default route (0.0.0.0/0) of route table `rtb_ref`.
inline Json& DefaultRoute(Snapshot& s, std::string_view rtb_ref) {
  for (auto& r : s.Item("RouteTables", rtb_ref)["Routes"])
    if (r.value("DestinationCidrBlock", "") == "0.0.0.0/0") return r;
  throw std::runtime_error("no default route in " + std::string(rtb_ref));
}

/// The DHCP options of VPC `vpc_ref` name `servers` as its DNS servers; returns their ID.
inline std::string SetDnsServers(Snapshot& s, std::string_view vpc_ref, const std::vector<std::string>& servers) {
  const std::string dopt = s.Item("Vpcs", vpc_ref)["DhcpOptionsId"].get<std::string>();
  Json values = Json::array();
  for (const auto& v : servers) values.push_back({{"Value", v}});
  for (auto& c : s.Item("DhcpOptions", dopt)["DhcpConfigurations"])
    if (c["Key"] == "domain-name-servers") c["Values"] = values;
  return dopt;
}

/// The ARN of the snapshot's task definition.
inline std::string TaskDefinitionArn(Snapshot& s) { return s.TaskDefinition()["taskDefinitionArn"].get<std::string>(); }

/// The efsVolumeConfiguration of the task definition's first volume.
inline Json& EfsVolumeConfiguration(Snapshot& s) { return s.TaskDefinition()["volumes"][0]["efsVolumeConfiguration"]; }

}  // namespace fd::testing

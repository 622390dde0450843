#pragma once
// Test-only: a scripted `aws` that answers every allowlisted operation with a small consistent
// account (one cluster "prod" with service "api", its task definition, network, roles, image,
// secrets, file system; an organization of three accounts; three Regions, one not enabled) and
// records each argv and environment. Shared by live_test.cpp and sweep_test.cpp.

#include <algorithm>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "live/aws_cli.h"

namespace fd::live::fake {

using nlohmann::json;

inline ProcessResult Err(const std::string& code, const std::string& op, const std::string& msg) {
  ProcessResult p;
  p.started = true;
  p.exit_code = 254;
  p.err = "\nAn error occurred (" + code + ") when calling the " + op + " operation: " + msg + "\n";
  return p;
}

inline ProcessResult Ok(const std::string& out) {
  ProcessResult p;
  p.started = true;
  p.exit_code = 0;
  p.out = out;
  return p;
}

inline constexpr const char* kAcct = "111122223333";
inline constexpr const char* kRegion = "eu-west-3";

/// Answers every allowlisted operation with a small consistent account; records each argv.
struct FakeAws {
  std::mutex mu;
  std::vector<std::vector<std::string>> argvs;
  std::set<std::string> deny;  // "service operation" answered with AccessDenied
  bool unknown_service = false;
  const char* deny_assume = nullptr;  // assume-role of a role ARN holding this is denied
  std::vector<Environment> envs;      // the environment of each call, in argvs' order

  ProcessResult operator()(const std::vector<std::string>& argv, const Environment& env) {
    {
      std::lock_guard<std::mutex> lock(mu);
      envs.push_back(env);
    }
    return (*this)(argv);
  }

  ProcessResult operator()(const std::vector<std::string>& argv) {
    {
      std::lock_guard<std::mutex> lock(mu);
      argvs.push_back(argv);
    }
    const std::string svc = argv.at(1), op = argv.at(2);
    if (deny.contains(svc + " " + op)) return Err("AccessDeniedException", op, "not authorized");
    auto A = [&](const std::string& service, const std::string& rest) {
      return "arn:aws:" + service + ":" + kRegion + ":" + kAcct + ":" + rest;
    };
    json j;
    if (op == "assume-role") {
      const std::string role = argv.at(4);
      if (deny_assume && role.find(deny_assume) != std::string::npos)
        return Err("AccessDenied", "AssumeRole", "not authorized to perform sts:AssumeRole");
      j = {{"Credentials", {{"AccessKeyId", "ASIAFAKE"}, {"SecretAccessKey", "s3cr3t"},
                            {"SessionToken", "t0ken"}}},
           {"AssumedRoleUser", {{"Arn", role}}}};
    } else if (op == "describe-regions") {
      j = {{"Regions", {{{"RegionName", kRegion}, {"OptInStatus", "opt-in-not-required"}},
                        {{"RegionName", "us-east-1"}, {"OptInStatus", "opt-in-not-required"}},
                        {{"RegionName", "ap-east-1"}, {"OptInStatus", "not-opted-in"}}}}};
    } else if (op == "list-accounts") {
      j = {{"Accounts", {{{"Id", kAcct}, {"Status", "ACTIVE"}},
                         {{"Id", "444455556666"}, {"Status", "SUSPENDED"}},
                         {{"Id", "777788889999"}, {"Status", "ACTIVE"}}}}};
    } else if ((op == "list-services" || op == "list-tasks") && argv.at(4) == "nope") {
      return Err("ClusterNotFoundException", "ListServices", "Cluster not found.");
    } else if (op == "list-clusters") {
      j = {{"clusterArns", {A("ecs", "cluster/prod"), A("ecs", "cluster/empty")}}};
    } else if (op == "list-services") {
      j = {{"serviceArns", argv.at(4) == "prod" || argv.at(4) == A("ecs", "cluster/prod")
                               ? json::array({A("ecs", "service/prod/api")})
                               : json::array()}};
    } else if (op == "describe-clusters") {
      j = {{"clusters", {{{"clusterArn", A("ecs", "cluster/prod")}, {"clusterName", "prod"}}}},
           {"failures", json::array()}};
    } else if (op == "get-caller-identity") {
      // Profile "other" is another account's (a named profile per account, as with SSO).
      const bool other = std::find(argv.begin(), argv.end(), "other") != argv.end();
      j = {{"Account", other ? "444455556666" : kAcct}, {"Arn", "arn:aws:iam::111122223333:user/me"}, {"UserId", "AID"}};
    } else if (op == "describe-services") {
      if (unknown_service)
        j = {{"services", json::array()},
             {"failures", {{{"arn", A("ecs", "service/prod/nope")}, {"reason", "MISSING"}}}}};
      else
        j = {{"services",
              {{{"serviceArn", A("ecs", "service/prod/api")},
                {"serviceName", "api"},
                {"taskDefinition", A("ecs", "task-definition/api:3")},
                {"networkConfiguration",
                 {{"awsvpcConfiguration",
                   {{"subnets", {"subnet-1"}}, {"securityGroups", {"sg-task"}}}}}}}}},
             {"failures", json::array()}};
    } else if (op == "describe-tasks") {
      j = {{"tasks",
            {{{"taskArn", A("ecs", "task/prod/abc")},
              {"taskDefinitionArn", A("ecs", "task-definition/api:3")},
              {"attachments",
               {{{"type", "ElasticNetworkInterface"},
                 {"details",
                  {{{"name", "subnetId"}, {"value", "subnet-1"}},
                   {{"name", "networkInterfaceId"}, {"value", "eni-1"}}}}}}}}}},
           {"failures", json::array()}};
    } else {
      return Detail(argv);
    }
    return Ok(j.dump());
  }

  /// The answers past the targets: task definition, network, IAM, secrets, keys, file system.
  ProcessResult Detail(const std::vector<std::string>& argv) {
    const std::string op = argv.at(2);
    auto A = [&](const std::string& service, const std::string& rest) {
      return "arn:aws:" + service + ":" + kRegion + ":" + kAcct + ":" + rest;
    };
    json j;
    if (op == "describe-task-definition") {
      j = {{"taskDefinition",
            {{"taskDefinitionArn", A("ecs", "task-definition/api:3")},
             {"family", "api"},
             {"executionRoleArn", "arn:aws:iam::111122223333:role/exec"},
             {"taskRoleArn", "arn:aws:iam::111122223333:role/app"},
             {"volumes", {{{"name", "data"}, {"efsVolumeConfiguration", {{"fileSystemId", "fs-1"}}}}}},
             {"containerDefinitions",
              {{{"name", "web"},
                {"image", std::string(kAcct) + ".dkr.ecr.eu-west-3.amazonaws.com/api:1.4"},
                {"secrets",
                 {{{"name", "A"}, {"valueFrom", A("secretsmanager", "secret:db-AbCdEf:password::")}},
                  {{"name", "B"}, {"valueFrom", A("ssm", "parameter/prod/token")}},
                  {{"name", "C"}, {"valueFrom", "plain"}}}},
                {"logConfiguration",
                 {{"logDriver", "awslogs"},
                  {"options", {{"awslogs-group", "/ecs/api"}, {"awslogs-region", kRegion}}}}}}}}}}};
    } else if (op == "describe-subnets") {
      j = {{"Subnets", {{{"SubnetId", "subnet-1"}, {"VpcId", "vpc-1"}}}}};
    } else if (op == "describe-network-interfaces") {
      j = {{"NetworkInterfaces",
            {{{"NetworkInterfaceId", "eni-1"}, {"VpcId", "vpc-1"}, {"Groups", {{{"GroupId", "sg-eni"}}}}}}}};
    } else if (op == "list-tasks") {
      const bool prod = argv.at(4) == "prod" || argv.at(4) == A("ecs", "cluster/prod");
      j = {{"taskArns", prod ? json::array({A("ecs", "task/prod/old")}) : json::array()}};
    } else if (op == "describe-nat-gateways") {
      j = {{"NatGateways", {{{"NatGatewayId", "nat-1"}, {"SubnetId", "subnet-pub"}}}}};
    } else if (op == "describe-vpcs") {
      j = {{"Vpcs", {{{"VpcId", "vpc-1"}, {"DhcpOptionsId", "dopt-1"}}}}};
    } else if (op == "describe-route-tables") {
      j = {{"RouteTables", {{{"RouteTableId", "rtb-1"}, {"Routes", {{{"DestinationPrefixListId", "pl-route"}}}}}}}};
    } else if (op == "describe-vpc-endpoints") {
      j = {{"VpcEndpoints", {{{"VpcEndpointId", "vpce-1"}, {"Groups", {{{"GroupId", "sg-vpce"}}}}}}}};
    } else if (op == "get-role") {
      const std::string name = argv.at(4);
      if (name == "AWSServiceRoleForECS") return Err("NoSuchEntity", "GetRole", "no role");
      j = {{"Role", {{"RoleName", name}, {"Arn", "arn:aws:iam::111122223333:role/" + name}}}};
    } else if (op == "list-attached-role-policies") {
      j = {{"AttachedPolicies", {{{"PolicyArn", "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"}}}}};
    } else if (op == "list-role-policies") {
      j = {{"PolicyNames", {"inline"}}};
    } else if (op == "get-policy") {
      j = {{"Policy", {{"Arn", argv.at(4)}, {"DefaultVersionId", "v2"}}}};
    } else if (op == "describe-secret") {
      j = {{"ARN", A("secretsmanager", "secret:db-AbCdEf")}, {"Name", "db"}, {"KmsKeyId", A("kms", "key/k1")}};
    } else if (op == "describe-key") {
      j = {{"KeyMetadata", {{"Arn", A("kms", "key/k1")}, {"KeyManager", "CUSTOMER"}}}};
    } else if (op == "describe-mount-targets") {
      j = {{"MountTargets", {{{"MountTargetId", "fsmt-1"}, {"FileSystemId", "fs-1"}}}}};
    } else if (op == "describe-mount-target-security-groups") {
      j = {{"SecurityGroups", {"sg-efs"}}};
    } else if (op == "describe-security-groups") {
      j = {{"SecurityGroups",
            {{{"GroupId", "sg-task"},
              {"IpPermissionsEgress", {{{"PrefixListIds", {{{"PrefixListId", "pl-sg"}}}}}}}}}}};
    } else {
      j = json::object({{"Answer", op}});
    }
    return Ok(j.dump());
  }
};

}  // namespace fd::live::fake

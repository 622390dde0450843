#!/usr/bin/env python3
"""Writes a synthetic AWS account snapshot in the real AWS CLI output shapes, for benchmarks and
for the account-scale test. Deterministic from --seed; sizes scale with --scale (1.0 = 50 VPCs,
2,600 subnets, 1,200 route tables with ~24,000 routes, 5,000 security groups with ~52,000
rules, 550 NACLs, 300 endpoints, 5,000 services and task definitions with their repositories,
images, log groups, secrets and task roles).

Each VPC follows one of three designs (public subnets with public IPs, private subnets behind a
NAT gateway, isolated subnets with VPC endpoints). About one service in ten is broken on its
own resources (its own security group, subnet or route table), so breaks never leak into other
services; manifest.json (which fargate-doctor does not read: its top-level key is unknown and
becomes an input note) records, per service ARN, the code expected or null for healthy.

  python3 tools/gen_account.py --scale 1 --seed 1 --out /tmp/account
"""
import argparse
import json
import os
import random
import sys

# The AWS managed policy documents the scenario suite uses (one copy in the repository).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "scenarios"))
from generate import ECS_SERVICE_ROLE_POLICY, EXECUTION_POLICY  # noqa: E402

ACCOUNT = "111122223333"
REGION = "eu-west-3"
AZS = [("eu-west-3a", "euw3-az1"), ("eu-west-3b", "euw3-az2"), ("eu-west-3c", "euw3-az3")]
S3_PL = "pl-23ad484a"

# Network breaks, then breaks of the service's own resources (image tag, secret, log group,
# execution role).
BREAKS = ["FW001", "NET001", "NET002", "NET003", "FW006", "VPCE001", "IMG001", "SEC001", "LOG001", "IAM006"]
EXEC_ROLE = f"arn:aws:iam::{ACCOUNT}:role/ecsTaskExecutionRole"
EXEC_POLICY_ARN = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"


def hexid(prefix, *parts):
    h = 0
    for p in parts:  # positional, so (1, 2) and (2, 1) differ; 17 hex digits like real IDs
        h = (h * 1000003 + p + 1) % (1 << 64)
    return f"{prefix}-{h:017x}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    n_vpc = max(3, round(50 * a.scale))
    os.makedirs(a.out, exist_ok=True)

    vpcs, subnets, rtbs, nacls, sgs, eps, nats, igws, attrs = [], [], [], [], [], [], [], [], []
    services, tds, manifest = [], [], {}
    repos, images, log_groups, secrets, roles, clusters = [], [], [], [], [], []
    svc_index = 0

    def arn(kind, name):
        return f"arn:aws:ecs:{REGION}:{ACCOUNT}:{kind}/{name}"

    def subnet(v, i, cidr, az, public):
        sid = hexid("subnet", v, i, 1)
        subnets.append({
            "AvailabilityZone": az[0], "AvailabilityZoneId": az[1], "AvailableIpAddressCount": 240,
            "CidrBlock": cidr, "DefaultForAz": False, "MapPublicIpOnLaunch": public,
            "State": "available", "SubnetId": sid, "VpcId": hexid("vpc", v), "OwnerId": ACCOUNT,
            "AssignIpv6AddressOnCreation": False, "Ipv6CidrBlockAssociationSet": [],
            "SubnetArn": f"arn:aws:ec2:{REGION}:{ACCOUNT}:subnet/{sid}",
            "Tags": [{"Key": "Name", "Value": f"v{v}-s{i}"}]})
        return sid

    def route_table(v, i, sids, default, blackhole=False):
        routes = [{"DestinationCidrBlock": f"10.{v % 256}.0.0/16", "GatewayId": "local",
                   "Origin": "CreateRouteTable", "State": "active"}]
        for k in range(18):  # on-premises ranges through the transit gateway
            routes.append({"DestinationCidrBlock": f"192.168.{k}.0/24", "TransitGatewayId": "tgw-0a1b2c3d4e5f60718",
                           "Origin": "CreateRoute", "State": "active"})
        if default:
            key, target = default
            routes.append({"DestinationCidrBlock": "0.0.0.0/0", key: target, "Origin": "CreateRoute",
                           "State": "blackhole" if blackhole else "active"})
        rid = hexid("rtb", v, i, 2)
        rtbs.append({"RouteTableId": rid, "VpcId": hexid("vpc", v), "OwnerId": ACCOUNT,
                     "Associations": [{"Main": False, "RouteTableAssociationId": hexid("rtbassoc", v, i, k),
                                       "RouteTableId": rid, "SubnetId": s,
                                       "AssociationState": {"State": "associated"}} for k, s in enumerate(sids)],
                     "Routes": routes, "PropagatingVgws": [], "Tags": []})
        return rid

    def sg(v, g, egress):
        gid = hexid("sg", v, g, 3)
        ingress = [{"IpProtocol": "tcp", "FromPort": 8000 + k, "ToPort": 8000 + k,
                    "IpRanges": [{"CidrIp": f"10.{v % 256}.0.0/16"}], "Ipv6Ranges": [], "PrefixListIds": [],
                    "UserIdGroupPairs": []} for k in range(5)]
        sgs.append({"GroupId": gid, "GroupName": f"v{v}-g{g}" if g else "default", "Description": "x",
                    "VpcId": hexid("vpc", v), "OwnerId": ACCOUNT, "IpPermissions": ingress,
                    "IpPermissionsEgress": egress})
        return gid

    def role(name, service, managed, inline, path="/"):
        return {"Path": path, "RoleName": name, "RoleId": hexid("AROA", len(roles), 5).upper().replace("-", ""),
                "Arn": f"arn:aws:iam::{ACCOUNT}:role{path}{name}", "CreateDate": "2025-02-10T08:15:22+00:00",
                "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{
                    "Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}]},
                "InstanceProfileList": [], "RolePolicyList": inline,
                "AttachedManagedPolicies": [{"PolicyName": m.rsplit("/", 1)[1], "PolicyArn": m} for m in managed],
                "Tags": [], "RoleLastUsed": {}}

    def perm(proto, ports, cidrs=(), pls=()):
        p = {"IpProtocol": proto, "IpRanges": [{"CidrIp": c} for c in cidrs], "Ipv6Ranges": [],
             "PrefixListIds": [{"PrefixListId": x} for x in pls], "UserIdGroupPairs": []}
        if ports:
            p["FromPort"], p["ToPort"] = ports
        return p

    for v in range(n_vpc):
        # VPCs are isolated from each other, so above 256 of them their 10.x.0.0/16 ranges repeat,
        # as they do in real accounts.
        design = ["public", "nat", "endpoints"][v % 3]
        vid = hexid("vpc", v)
        vpcs.append({"CidrBlock": f"10.{v % 256}.0.0/16", "DhcpOptionsId": "dopt-0a1b2c3d4e5f60718",
                     "State": "available", "VpcId": vid, "OwnerId": ACCOUNT, "InstanceTenancy": "default",
                     "CidrBlockAssociationSet": [{"AssociationId": hexid("vpc-cidr-assoc", v), "CidrBlock": f"10.{v % 256}.0.0/16",
                                                  "CidrBlockState": {"State": "associated"}}],
                     "IsDefault": False})
        clusters.append({"clusterArn": arn("cluster", f"prod-{v}"), "clusterName": f"prod-{v}", "status": "ACTIVE",
                         "registeredContainerInstancesCount": 0, "runningTasksCount": 0, "pendingTasksCount": 0,
                         "activeServicesCount": 0, "statistics": [], "tags": [], "settings": [],
                         "capacityProviders": ["FARGATE", "FARGATE_SPOT"], "defaultCapacityProviderStrategy": []})
        attrs.append({"VpcId": vid, "EnableDnsSupport": {"Value": True}})
        attrs.append({"VpcId": vid, "EnableDnsHostnames": {"Value": True}})
        igw = hexid("igw", v)
        if design != "endpoints":
            igws.append({"Attachments": [{"State": "available", "VpcId": vid}], "InternetGatewayId": igw,
                         "OwnerId": ACCOUNT, "Tags": []})
        pub = [subnet(v, 100 + k, f"10.{v % 256}.{200 + k}.0/24", AZS[k], True) for k in range(3)]
        if design != "endpoints":
            route_table(v, 100, pub, ("GatewayId", igw))
        nat = hexid("nat", v)
        if design == "nat":
            nats.append({"NatGatewayId": nat, "SubnetId": pub[0], "VpcId": vid, "State": "available",
                         "ConnectivityType": "public",
                         "NatGatewayAddresses": [{"AllocationId": hexid("eipalloc", v), "PublicIp": f"15.{v // 256}.{v % 256}.1",
                                                  "PrivateIp": f"10.{v % 256}.200.10", "NetworkInterfaceId": hexid("eni", v)}]})
        # 40 task subnets, two per route table.
        work = []
        for i in range(round(40 * max(a.scale, 0.05) / max(a.scale, 0.05))):
            work.append(subnet(v, i, f"10.{v % 256}.{i}.0/24", AZS[i % 3], design == "public"))
        default = {"public": ("GatewayId", igw), "nat": ("NatGatewayId", nat), "endpoints": None}[design]
        for i in range(0, len(work), 2):
            route_table(v, i, work[i:i + 2], default)
        nacls.append({"NetworkAclId": hexid("acl", v), "VpcId": vid, "IsDefault": True, "OwnerId": ACCOUNT,
                      "Associations": [],
                      "Entries": [{"CidrBlock": "0.0.0.0/0", "Egress": e, "Protocol": "-1", "RuleAction": act,
                                   "RuleNumber": n} for e in (True, False) for n, act in ((100, "allow"), (32767, "deny"))]})
        for k in range(9):  # unused custom NACLs, as accounts accumulate them
            nacls.append({"NetworkAclId": hexid("acl", v, k + 1), "VpcId": vid, "IsDefault": False, "OwnerId": ACCOUNT,
                          "Associations": [], "Entries": [{"CidrBlock": "0.0.0.0/0", "Egress": e, "Protocol": "-1",
                                                           "RuleAction": "deny", "RuleNumber": 32767} for e in (True, False)]})
        sg(v, 0, [perm("-1", None, ["0.0.0.0/0"])])
        if design == "endpoints":
            ep_sg = sg(v, 99, [perm("-1", None, ["0.0.0.0/0"])])
            sgs[-1]["IpPermissions"].append(perm("tcp", (443, 443), [f"10.{v % 256}.0.0/16"]))
            # What the tasks need, then the endpoints isolated VPCs collect for everything else.
            for svc in ("ecr.api", "ecr.dkr", "logs", "secretsmanager", "ssm", "ssmmessages",
                        "ec2messages", "kms", "sts", "monitoring", "sqs", "sns", "events",
                        "execute-api", "elasticloadbalancing", "autoscaling", "application-autoscaling"):
                eps.append({"VpcEndpointId": hexid("vpce", v, len(eps)), "VpcEndpointType": "Interface",
                            "VpcId": vid, "ServiceName": f"com.amazonaws.{REGION}.{svc}", "State": "available",
                            "PrivateDnsEnabled": True, "SubnetIds": work[:3], "RouteTableIds": [],
                            "Groups": [{"GroupId": ep_sg, "GroupName": f"v{v}-g99"}], "OwnerId": ACCOUNT})
            eps.append({"VpcEndpointId": hexid("vpce", v, len(eps)), "VpcEndpointType": "Gateway", "VpcId": vid,
                        "ServiceName": f"com.amazonaws.{REGION}.s3", "State": "available", "PrivateDnsEnabled": False,
                        "SubnetIds": [], "Groups": [], "OwnerId": ACCOUNT,
                        "RouteTableIds": [r["RouteTableId"] for r in rtbs if r["VpcId"] == vid]})
            for r in rtbs:
                if r["VpcId"] == vid:
                    r["Routes"].append({"DestinationPrefixListId": S3_PL, "GatewayId": eps[-1]["VpcEndpointId"],
                                        "Origin": "CreateRoute", "State": "active"})
        per_vpc = round(100 * a.scale * 50 / n_vpc) if a.scale < 1 else 100
        for k in range(per_vpc):
            name = f"svc{svc_index}"
            svc_index += 1
            brk = rnd.choice(BREAKS) if rnd.random() < 0.1 else None
            if brk == "VPCE001" and design != "endpoints":
                brk = None
            if brk in ("NET001",) and design != "public":
                brk = None
            if brk == "NET002" and design == "endpoints":
                brk = None
            egress = [perm("tcp", (443, 443), ["0.0.0.0/0"])] if design != "endpoints" else \
                [perm("tcp", (443, 443), [f"10.{v % 256}.0.0/16"]), perm("tcp", (443, 443), pls=[S3_PL])]
            for j in range(4):
                egress.append(perm("tcp", (5432 + j, 5432 + j), [f"10.{v % 256}.{100 + j}.0/24"]))
            if brk == "FW001":
                egress = egress[1:] if design != "endpoints" else [egress[1]] + egress[2:]
                if design == "endpoints":
                    egress = [perm("tcp", (443, 443), pls=[S3_PL])] + egress[1:]
            task_sg = sg(v, k + 1, egress)
            picks = rnd.sample(work, 3)
            if brk in ("NET002", "NET003", "FW006", "VPCE001"):
                # The broken service gets subnets of its own, so the break is its alone.
                own = [subnet(v, 1000 + k * 3 + j, f"10.{v % 256}.{60 + (k * 3 + j) % 120}.0/24", AZS[j], design == "public")
                       for j in range(3)]
                picks = own
                if brk == "NET002":
                    rt = route_table(v, 1000 + k, own, None)
                elif brk == "NET003":
                    rt = route_table(v, 1000 + k, own, ("NatGatewayId", hexid("nat", v, 999)), blackhole=True)
                else:
                    rt = route_table(v, 1000 + k, own, default)
                    if design == "endpoints":
                        for e in eps:
                            if e["VpcId"] == vid and e["VpcEndpointType"] == "Gateway":
                                e["RouteTableIds"].append(rt)
                        rtbs[-1]["Routes"].append({"DestinationPrefixListId": S3_PL, "GatewayId": [e for e in eps if e["VpcId"] == vid and e["VpcEndpointType"] == "Gateway"][0]["VpcEndpointId"], "Origin": "CreateRoute", "State": "active"})
                if brk == "FW006":
                    nacls.append({"NetworkAclId": hexid("acl", v, 100 + k), "VpcId": vid, "IsDefault": False,
                                  "OwnerId": ACCOUNT,
                                  "Associations": [{"NetworkAclId": hexid("acl", v, 100 + k), "SubnetId": s,
                                                    "NetworkAclAssociationId": hexid("aclassoc", v, k, j)} for j, s in enumerate(own)],
                                  "Entries": [{"CidrBlock": "0.0.0.0/0", "Egress": True, "Protocol": "6", "PortRange": {"From": 443, "To": 443},
                                               "RuleAction": "deny", "RuleNumber": 90},
                                              {"CidrBlock": "0.0.0.0/0", "Egress": True, "Protocol": "-1", "RuleAction": "allow", "RuleNumber": 100},
                                              {"CidrBlock": "0.0.0.0/0", "Egress": True, "Protocol": "-1", "RuleAction": "deny", "RuleNumber": 32767},
                                              {"CidrBlock": "0.0.0.0/0", "Egress": False, "Protocol": "-1", "RuleAction": "allow", "RuleNumber": 100},
                                              {"CidrBlock": "0.0.0.0/0", "Egress": False, "Protocol": "-1", "RuleAction": "deny", "RuleNumber": 32767}]})
            image = f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/{name}:1.0"
            td_arn = f"arn:aws:ecs:{REGION}:{ACCOUNT}:task-definition/{name}:3"
            containers = [{"name": "app", "image": image, "essential": True, "cpu": 0,
                           "portMappings": [{"containerPort": 8080, "hostPort": 8080, "protocol": "tcp"}],
                           "logConfiguration": {"logDriver": "awslogs", "options": {
                               "awslogs-group": f"/ecs/{name}", "awslogs-region": REGION, "awslogs-stream-prefix": "app"}},
                           "secrets": [{"name": "DB_PASSWORD", "valueFrom": f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:{name}/db-AbCdEf"}]}]
            if brk == "VPCE001":
                # An image in another account's registry in another Region, which no endpoint
                # of the VPC serves.
                containers[0]["image"] = f"222233334444.dkr.ecr.us-east-1.amazonaws.com/{name}:1.0"
                brk = "VPCE012"
            # The service's own resources: a repository holding its image, a log group, a secret
            # and a task role; a break removes or misconfigures exactly one of them.
            repos.append({"repositoryArn": f"arn:aws:ecr:{REGION}:{ACCOUNT}:repository/{name}",
                          "registryId": ACCOUNT, "repositoryName": name,
                          "repositoryUri": f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/{name}",
                          "createdAt": "2025-02-10T09:20:31.562000+01:00", "imageTagMutability": "MUTABLE",
                          "imageScanningConfiguration": {"scanOnPush": False},
                          "encryptionConfiguration": {"encryptionType": "AES256"}})
            images.append((name, [{
                "registryId": ACCOUNT, "repositoryName": name,
                "imageDigest": "sha256:%064x" % (svc_index * 7919 + 17),
                "imageTags": ["0.9" if brk == "IMG001" else "1.0"], "imageSizeInBytes": 48213321 + svc_index,
                "imagePushedAt": "2026-10-10T16:18:44.221000+01:00",
                "imageManifestMediaType": "application/vnd.docker.distribution.manifest.v2+json",
                "artifactMediaType": "application/vnd.docker.container.image.v1+json"}]))
            if brk != "LOG001":
                log_groups.append({"logGroupName": f"/ecs/{name}", "creationTime": 1676017218411,
                                   "retentionInDays": 30, "metricFilterCount": 0,
                                   "arn": f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:/ecs/{name}:*",
                                   "storedBytes": 183734511, "logGroupClass": "STANDARD",
                                   "logGroupArn": f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:/ecs/{name}"})
            secret_arn = f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:{name}/db-AbCdEf"
            if brk != "SEC001":
                secrets.append({"ARN": secret_arn, "Name": f"{name}/db", "Description": "database password",
                                "LastChangedDate": "2026-10-02T11:05:19.812000+01:00",
                                "Tags": [], "SecretVersionsToStages": {"6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c": ["AWSCURRENT"]},
                                "CreatedDate": "2025-02-10T09:31:40.117000+01:00"})
            task_role = f"arn:aws:iam::{ACCOUNT}:role/{name}-task"
            roles.append(role(f"{name}-task", "ecs-tasks.amazonaws.com", [], [{
                "PolicyName": "read-config", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{
                    "Sid": "ReadConfig", "Effect": "Allow", "Action": ["s3:GetObject"],
                    "Resource": f"arn:aws:s3:::config-{ACCOUNT}/{name}/*"}]}}]))
            exec_role = EXEC_ROLE
            if brk == "IAM006":
                # A role of its own that can pull and log but was never granted the secret.
                exec_role = f"arn:aws:iam::{ACCOUNT}:role/{name}-execution"
                roles.append(role(f"{name}-execution", "ecs-tasks.amazonaws.com", [EXEC_POLICY_ARN], []))
            tds.append({"taskDefinition": {
                "taskDefinitionArn": td_arn, "family": name, "revision": 3, "status": "ACTIVE",
                "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "compatibilities": ["EC2", "FARGATE"],
                "cpu": "256", "memory": "512",
                "executionRoleArn": exec_role, "taskRoleArn": task_role,
                "containerDefinitions": containers, "volumes": [], "placementConstraints": [],
                "registeredAt": "2026-11-01T10:00:00.000000+00:00"}})
            services.append({
                "serviceArn": arn("service", f"prod-{v}/{name}"), "serviceName": name,
                "clusterArn": arn("cluster", f"prod-{v}"), "status": "ACTIVE", "desiredCount": 2,
                "runningCount": 0 if brk else 2, "pendingCount": 2 if brk else 0, "launchType": "FARGATE",
                "platformVersion": "LATEST", "platformFamily": "Linux", "taskDefinition": td_arn,
                "deploymentConfiguration": {"maximumPercent": 200, "minimumHealthyPercent": 100},
                "deployments": [], "events": [], "schedulingStrategy": "REPLICA",
                "networkConfiguration": {"awsvpcConfiguration": {
                    "subnets": picks, "securityGroups": [task_sg],
                    "assignPublicIp": "DISABLED" if (design != "public" or brk == "NET001") else "ENABLED"}}})
            manifest[services[-1]["serviceArn"]] = brk

    def managed(name, path, doc):
        return {"PolicyName": name, "PolicyId": hexid("ANPA", len(name)).upper().replace("-", ""),
                "Arn": f"arn:aws:iam::aws:policy{path}{name}", "Path": path, "DefaultVersionId": "v1",
                "AttachmentCount": 1, "PermissionsBoundaryUsageCount": 0, "IsAttachable": True,
                "CreateDate": "2017-11-16T18:48:22+00:00", "UpdateDate": "2017-11-16T18:48:22+00:00",
                "PolicyVersionList": [{"Document": doc, "VersionId": "v1", "IsDefaultVersion": True,
                                       "CreateDate": "2017-11-16T18:48:22+00:00"}]}

    def w(name, doc):
        with open(os.path.join(a.out, name), "w") as f:
            json.dump(doc, f, indent=1)

    w("ec2-describe-vpcs.json", {"Vpcs": vpcs})
    for i, at in enumerate(attrs):
        w(f"ec2-describe-vpc-attribute-{i}.json", at)
    w("ec2-describe-subnets.json", {"Subnets": subnets})
    w("ec2-describe-route-tables.json", {"RouteTables": rtbs})
    w("ec2-describe-network-acls.json", {"NetworkAcls": nacls})
    w("ec2-describe-security-groups.json", {"SecurityGroups": sgs})
    w("ec2-describe-vpc-endpoints.json", {"VpcEndpoints": eps})
    w("ec2-describe-nat-gateways.json", {"NatGateways": nats})
    w("ec2-describe-internet-gateways.json", {"InternetGateways": igws})
    w("ec2-describe-dhcp-options.json", {"DhcpOptions": [{"DhcpOptionsId": "dopt-0a1b2c3d4e5f60718", "OwnerId": ACCOUNT,
        "DhcpConfigurations": [{"Key": "domain-name-servers", "Values": [{"Value": "AmazonProvidedDNS"}]}]}]})
    w("ec2-describe-prefix-lists.json", {"PrefixLists": [{"PrefixListId": S3_PL, "PrefixListName": f"com.amazonaws.{REGION}.s3",
                                                          "Cidrs": ["52.95.154.0/23", "3.5.224.0/22", "52.95.156.0/24"]}]})
    w("ec2-describe-availability-zones.json", {"AvailabilityZones": [
        {"ZoneName": z, "ZoneId": i, "ZoneType": "availability-zone", "RegionName": REGION, "State": "available"} for z, i in AZS]})
    for i in range(0, len(services), 10):  # describe-services takes at most 10 services
        w(f"ecs-describe-services-{i // 10:04d}.json", {"services": services[i:i + 10], "failures": []})
    for i, td in enumerate(tds):
        w(f"ecs-describe-task-definition-{i:05d}.json", td)
    w("ecs-describe-clusters.json", {"clusters": clusters, "failures": []})
    w("ecr-describe-repositories.json", {"repositories": repos})
    os.makedirs(os.path.join(a.out, "ecr"), exist_ok=True)
    for repo, details in images:  # describe-images answers for one repository
        w(os.path.join("ecr", f"describe-images-{repo}.json"), {"imageDetails": details})
    w("logs-describe-log-groups.json", {"logGroups": log_groups})
    w("secretsmanager-list-secrets.json", {"SecretList": secrets})
    roles[:0] = [
        role("ecsTaskExecutionRole", "ecs-tasks.amazonaws.com", [EXEC_POLICY_ARN], [{
            "PolicyName": "read-db-secrets", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{
                "Sid": "ReadDbSecrets", "Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
                "Resource": f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:*/db-*"}]}}]),
        role("AWSServiceRoleForECS", "ecs.amazonaws.com",
             ["arn:aws:iam::aws:policy/aws-service-role/AmazonECSServiceRolePolicy"], [],
             path="/aws-service-role/ecs.amazonaws.com/")]
    w("iam-get-account-authorization-details.json", {
        "UserDetailList": [], "GroupDetailList": [], "RoleDetailList": roles,
        "Policies": [managed("AmazonECSServiceRolePolicy", "/aws-service-role/", ECS_SERVICE_ROLE_POLICY),
                     managed("AmazonECSTaskExecutionRolePolicy", "/service-role/", EXECUTION_POLICY)]})
    w("manifest.json", {"fargateDoctorTestManifest": manifest})


if __name__ == "__main__":
    main()

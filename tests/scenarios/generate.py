#!/usr/bin/env python3
"""Generates the network scenario suite of fargate-doctor.

Every scenario is a folder tests/scenarios/<name>/ holding
  snapshot/*.json  AWS CLI outputs (`aws ... --output json`) in the shapes the CLI prints
  README.md        what the scenario models and why the expected result follows (docs/design/causes.md)
  expect.json      the facts the report must show, written by hand from the spec (below, in the
                   scenario functions), never copied from the program's output
  taskdef.json     (task-definition targets only) a task definition file as kept in a repo;
                   it is outside snapshot/ because it is passed with --task-definition

The golden files expected.json / expected.txt beside them are created and reviewed by the owner
(FD_UPDATE_GOLDEN=1, see tests/scenario_test.cpp); this script never writes or deletes them.

Three healthy base designs (public subnets, private subnets behind a NAT gateway, isolated subnets
with VPC endpoints) are built first; every other scenario copies one and breaks exactly one thing.

Standard library only, deterministic, no network:  python3 tests/scenarios/generate.py
"""

import copy
import hashlib
import ipaddress
import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ACCOUNT = "111122223333"

# (name, AZ ID). us-west-1: Fargate runs only in usw1-az1 and usw1-az3 (docs/design/causes.md §1.8).
AZS = {
    "eu-west-3": [("eu-west-3a", "euw3-az1"), ("eu-west-3b", "euw3-az2"), ("eu-west-3c", "euw3-az3")],
    "us-west-1": [("us-west-1a", "usw1-az3"), ("us-west-1b", "usw1-az1"), ("us-west-1c", "usw1-az2")],
}

# `aws ec2 describe-prefix-lists`: the AWS-managed service lists with their CIDRs.
PREFIX_LISTS = {
    "eu-west-3": [
        ("pl-23ad484a", "s3", ["3.5.204.0/22", "3.5.224.0/22", "52.95.154.0/23", "52.95.156.0/24"]),
        ("pl-abb451c2", "dynamodb", ["35.71.100.0/24", "52.94.26.0/23", "52.119.240.0/22"]),
    ],
    "us-west-1": [
        ("pl-6ba54002", "s3", ["3.5.160.0/22", "52.92.48.0/22", "52.219.20.0/22", "52.219.24.0/21"]),
        ("pl-6ea54007", "dynamodb", ["52.94.12.0/22", "52.119.224.0/21"]),
    ],
}

FULL_ACCESS_POLICY = (
    "{\n  \"Statement\": [\n    {\n      \"Action\": \"*\", \n      \"Effect\": \"Allow\", \n"
    "      \"Principal\": \"*\", \n      \"Resource\": \"*\"\n    }\n  ]\n}"
)
GATEWAY_POLICY = (
    "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
    "\"Action\":\"*\",\"Resource\":\"*\"}]}"
)

# Interface endpoint services: DNS label used in the vpce-… names, and the private DNS name.
ENDPOINT_DNS = {
    "ecr.api": ("api.ecr", "api.ecr.{r}.amazonaws.com"),
    "ecr.dkr": ("dkr.ecr", "*.dkr.ecr.{r}.amazonaws.com"),
    "logs": ("logs", "logs.{r}.amazonaws.com"),
    "secretsmanager": ("secretsmanager", "secretsmanager.{r}.amazonaws.com"),
}


def rid(prefix, label, hex_len=17):
    """A realistic, stable AWS-style ID (vpc-0a1b2c…, 17 hex digits) derived from a label."""
    digest = hashlib.sha256(label.encode()).hexdigest()
    return f"{prefix}-0{digest[:hex_len - 1]}"


def tag(name):
    return [{"Key": "Name", "Value": name}]


def s3_prefix_list(region):
    return PREFIX_LISTS[region][0][0]


# --------------------------------------------------------------------------------------------
# The design: AWS-shaped documents kept by role, rendered to CLI outputs at the end.
# --------------------------------------------------------------------------------------------

class Design:
    def __init__(self, key, region):
        self.key = key          # IDs derive from it: a mutation keeps the base's IDs
        self.region = region
        self.vpcs = {}          # role -> describe-vpcs item
        self.vpc_cidrs = {}     # role -> (ipv4 cidr, ipv6 cidr or None)
        self.dns = {}           # vpc id -> {"EnableDnsSupport": bool, "EnableDnsHostnames": bool}
        self.dhcp = {}          # role -> describe-dhcp-options item
        self.subnets = {}       # role -> describe-subnets item
        self.rtbs = {}          # role -> {"id","vpc","name","main","routes","subnets"}
        self.nacls = {}         # role -> {"id","vpc","name","default","entries","subnets"}
        self.sgs = {}           # role -> describe-security-groups item
        self.igws = {}
        self.eigws = {}
        self.nats = {}
        self.endpoints = {}
        self.service = None     # parameters of the one ECS service (render_service)
        self.td = None          # parameters of the task definition (describe_task_definition)
        self.td_in_snapshot = True
        self.omit = set()       # snapshot files left out on purpose

    def id(self, prefix, role):
        return rid(prefix, f"{self.key}/{prefix}/{role}")

    def vpc_id(self, role="vpc"):
        return self.vpcs[role]["VpcId"]

    def sub(self, role):
        return self.subnets[role]["SubnetId"]

    def sg(self, role):
        return self.sgs[role]["GroupId"]

    def rtb(self, role):
        return self.rtbs[role]["id"]

    def nacl(self, role):
        return self.nacls[role]["id"]

    def vpce(self, role):
        return self.endpoints[role]["VpcEndpointId"]

    def nat(self, role):
        return self.nats[role]["NatGatewayId"]

    def igw(self, role):
        return self.igws[role]["InternetGatewayId"]


# ---- builders ------------------------------------------------------------------------------

def dhcp_doc(d, dopt_id, servers, domain=None):
    return {
        "DhcpConfigurations": [
            {"Key": "domain-name", "Values": [{"Value": domain or f"{d.region}.compute.internal"}]},
            {"Key": "domain-name-servers", "Values": [{"Value": s} for s in servers]},
        ],
        "DhcpOptionsId": dopt_id,
        "OwnerId": ACCOUNT,
        "Tags": [],
    }


def default_nacl_entries(ipv6=False):
    entries = []
    for egress in (True, False):
        entries.append(nacl_entry(100, egress, "-1", "allow"))
        if ipv6:
            entries.append(nacl_entry(101, egress, "-1", "allow", cidr="::/0"))
        entries.append(nacl_entry(32767, egress, "-1", "deny"))
        if ipv6:
            entries.append(nacl_entry(32768, egress, "-1", "deny", cidr="::/0"))
    return entries


def nacl_entry(rule, egress, protocol, action, cidr="0.0.0.0/0", ports=None):
    e = {}
    if ":" in cidr:
        e["Egress"] = egress
        e["Ipv6CidrBlock"] = cidr
    else:
        e["CidrBlock"] = cidr
        e["Egress"] = egress
    if ports is not None:
        e["PortRange"] = {"From": ports[0], "To": ports[1]}
    e["Protocol"] = protocol
    e["RuleAction"] = action
    e["RuleNumber"] = rule
    return e


def perm(protocol="-1", ports=None, cidrs=(), cidrs6=(), prefix_lists=(), groups=()):
    """One IpPermissions item; cidrs/prefix_lists/groups are (value, description) pairs."""
    p = {}
    if ports is not None:
        p["FromPort"] = ports[0]
    p["IpProtocol"] = protocol
    p["IpRanges"] = [dict({"CidrIp": c}, **({"Description": t} if t else {})) for c, t in cidrs]
    p["Ipv6Ranges"] = [dict({"CidrIpv6": c}, **({"Description": t} if t else {})) for c, t in cidrs6]
    p["PrefixListIds"] = [dict({"PrefixListId": pl}, **({"Description": t} if t else {}))
                          for pl, t in prefix_lists]
    if ports is not None:
        p["ToPort"] = ports[1]
    p["UserIdGroupPairs"] = [dict({"GroupId": g, "UserId": ACCOUNT}, **({"Description": t} if t else {}))
                             for g, t in groups]
    return p


def sg_doc(d, vpc_role, sg_id, name, description, ingress, egress, name_tag=None):
    doc = {
        "Description": description,
        "GroupName": name,
        "IpPermissions": ingress,
        "OwnerId": ACCOUNT,
        "GroupId": sg_id,
        "IpPermissionsEgress": egress,
    }
    if name_tag:
        doc["Tags"] = tag(name_tag)
    doc["VpcId"] = d.vpc_id(vpc_role)
    doc["SecurityGroupArn"] = f"arn:aws:ec2:{d.region}:{ACCOUNT}:security-group/{sg_id}"
    return doc


def add_vpc(d, role, cidr, name, ipv6=None, dopt_role="dopt"):
    vpc_id = d.id("vpc", role)
    dopt_id = d.id("dopt", dopt_role)
    if dopt_role not in d.dhcp:
        d.dhcp[dopt_role] = dhcp_doc(d, dopt_id, ["AmazonProvidedDNS"])
    doc = {"OwnerId": ACCOUNT, "InstanceTenancy": "default"}
    if ipv6:
        doc["Ipv6CidrBlockAssociationSet"] = [{
            "AssociationId": rid("vpc-cidr-assoc", vpc_id + ipv6),
            "Ipv6CidrBlock": ipv6,
            "Ipv6CidrBlockState": {"State": "associated"},
            "NetworkBorderGroup": d.region,
            "Ipv6Pool": "Amazon",
        }]
    doc["CidrBlockAssociationSet"] = [{
        "AssociationId": rid("vpc-cidr-assoc", vpc_id + cidr),
        "CidrBlock": cidr,
        "CidrBlockState": {"State": "associated"},
    }]
    doc.update({
        "IsDefault": False,
        "BlockPublicAccessStates": {"InternetGatewayBlockMode": "off"},
        "Tags": tag(name),
        "VpcId": vpc_id,
        "State": "available",
        "CidrBlock": cidr,
        "DhcpOptionsId": dopt_id,
    })
    d.vpcs[role] = doc
    d.vpc_cidrs[role] = (cidr, ipv6)
    d.dns[vpc_id] = {"EnableDnsSupport": True, "EnableDnsHostnames": True}
    d.rtbs[f"{role}/main"] = {"id": d.id("rtb", f"{role}/main"), "vpc": role, "name": None,
                              "main": True, "routes": local_routes(d, role), "subnets": []}
    d.nacls[f"{role}/default"] = {"id": d.id("acl", f"{role}/default"), "vpc": role, "name": None,
                                  "default": True, "entries": default_nacl_entries(bool(ipv6)),
                                  "subnets": []}
    default_sg_id = d.id("sg", f"{role}/default")
    egress = [perm("-1", cidrs=[("0.0.0.0/0", None)])]
    if ipv6:
        egress = [perm("-1", cidrs=[("0.0.0.0/0", None)], cidrs6=[("::/0", None)])]
    d.sgs[f"{role}/default"] = sg_doc(d, role, default_sg_id, "default", "default VPC security group",
                                      [perm("-1", groups=[(default_sg_id, None)])], egress)
    return vpc_id


def local_routes(d, vpc_role):
    cidr, ipv6 = d.vpc_cidrs[vpc_role]
    routes = [{"DestinationCidrBlock": cidr, "GatewayId": "local", "Origin": "CreateRouteTable",
               "State": "active"}]
    if ipv6:
        routes.append({"DestinationIpv6CidrBlock": ipv6, "GatewayId": "local",
                       "Origin": "CreateRouteTable", "State": "active"})
    return routes


def add_subnet(d, role, vpc_role, cidr, az_index, name, public=False, free=None, ipv6=None,
               ipv6_native=False):
    az, az_id = AZS[d.region][az_index]
    subnet_id = d.id("subnet", role)
    doc = {"AvailabilityZone": az, "AvailabilityZoneId": az_id}
    if ipv6_native:
        doc["AvailableIpAddressCount"] = 0
    else:
        size = ipaddress.ip_network(cidr).num_addresses - 5   # AWS reserves 5 per subnet
        doc["AvailableIpAddressCount"] = size - 6 if free is None else free
        doc["CidrBlock"] = cidr
    doc.update({
        "DefaultForAz": False,
        "MapPublicIpOnLaunch": public,
        "MapCustomerOwnedIpOnLaunch": False,
        "State": "available",
        "SubnetId": subnet_id,
        "VpcId": d.vpc_id(vpc_role),
        "OwnerId": ACCOUNT,
        "AssignIpv6AddressOnCreation": bool(ipv6_native),
        "Ipv6CidrBlockAssociationSet": [],
        "Tags": tag(name),
        "SubnetArn": f"arn:aws:ec2:{d.region}:{ACCOUNT}:subnet/{subnet_id}",
        "EnableDns64": False,
        "Ipv6Native": bool(ipv6_native),
        "PrivateDnsNameOptionsOnLaunch": {
            "HostnameType": "resource-name" if ipv6_native else "ip-name",
            "EnableResourceNameDnsARecord": False,
            "EnableResourceNameDnsAAAARecord": bool(ipv6_native),
        },
        "BlockPublicAccessStates": {"InternetGatewayBlockMode": "off"},
    })
    if ipv6:
        doc["Ipv6CidrBlockAssociationSet"] = [{
            "AssociationId": rid("subnet-cidr-assoc", subnet_id + ipv6),
            "Ipv6CidrBlock": ipv6,
            "Ipv6CidrBlockState": {"State": "associated"},
            "Ipv6AddressAttribute": "public",
            "IpSource": "amazon",
        }]
    d.subnets[role] = doc
    return subnet_id


def add_rtb(d, role, vpc_role, name, routes, subnet_roles):
    d.rtbs[role] = {"id": d.id("rtb", role), "vpc": vpc_role, "name": name, "main": False,
                    "routes": local_routes(d, vpc_role) + routes,
                    "subnets": [d.sub(s) for s in subnet_roles]}


def associate(d, rtb_role, subnet_role):
    """Moves a subnet's explicit route-table association to rtb_role (None: implicit main)."""
    sid = d.sub(subnet_role)
    for r in d.rtbs.values():
        if sid in r["subnets"]:
            r["subnets"].remove(sid)
    if rtb_role is not None:
        d.rtbs[rtb_role]["subnets"].append(sid)


def add_nacl(d, role, vpc_role, name, entries, subnet_roles):
    d.nacls[role] = {"id": d.id("acl", role), "vpc": vpc_role, "name": name, "default": False,
                     "entries": entries, "subnets": [d.sub(s) for s in subnet_roles]}


def r_default(target_key, target, state="active"):
    return {"DestinationCidrBlock": "0.0.0.0/0", target_key: target, "Origin": "CreateRoute",
            "State": state}


def r_default6(target_key, target):
    return {"DestinationIpv6CidrBlock": "::/0", target_key: target, "Origin": "CreateRoute",
            "State": "active"}


def add_igw(d, role, vpc_role, name):
    igw_id = d.id("igw", role)
    d.igws[role] = {
        "Attachments": [{"State": "available", "VpcId": d.vpc_id(vpc_role)}],
        "InternetGatewayId": igw_id,
        "OwnerId": ACCOUNT,
        "Tags": tag(name),
    }
    return igw_id


def add_eigw(d, role, vpc_role, name):
    eigw_id = d.id("eigw", role)
    d.eigws[role] = {
        "Attachments": [{"State": "attached", "VpcId": d.vpc_id(vpc_role)}],
        "EgressOnlyInternetGatewayId": eigw_id,
        "Tags": tag(name),
    }
    return eigw_id


def add_nat(d, role, subnet_role, name, public_ip, connectivity="public", state="available"):
    nat_id = d.id("nat", role)
    sub = d.subnets[subnet_role]
    private_ip = str(ipaddress.ip_network(sub["CidrBlock"]).network_address + 87)
    eni = rid("eni", nat_id + "/eni")
    if connectivity == "public":
        address = {
            "AllocationId": rid("eipalloc", nat_id),
            "NetworkInterfaceId": eni,
            "PrivateIp": private_ip,
            "PublicIp": public_ip,
            "AssociationId": rid("eipassoc", nat_id),
            "IsPrimary": True,
            "Status": "succeeded",
        }
    else:
        address = {"NetworkInterfaceId": eni, "PrivateIp": private_ip, "IsPrimary": True,
                   "Status": "succeeded"}
    d.nats[role] = {
        "CreateTime": "2024-11-04T10:12:53.000Z",
        "NatGatewayAddresses": [address],
        "NatGatewayId": nat_id,
        "State": state,
        "SubnetId": sub["SubnetId"],
        "VpcId": sub["VpcId"],
        "Tags": tag(name),
        "ConnectivityType": connectivity,
    }
    return nat_id


def add_interface_endpoint(d, role, vpc_role, service, subnet_roles, sg_roles, private_dns=True,
                           state="available"):
    vpce_id = d.id("vpce", role)
    label, private_name = ENDPOINT_DNS[service]
    suffix = hashlib.sha256(vpce_id.encode()).hexdigest()[:8]
    zone = "Z1DWHTMFP0WECP"
    entries = [{"DnsName": f"{vpce_id}-{suffix}.{label}.{d.region}.vpce.amazonaws.com",
                "HostedZoneId": zone}]
    for s in subnet_roles:
        az = d.subnets[s]["AvailabilityZone"]
        entries.append({"DnsName": f"{vpce_id}-{suffix}-{az}.{label}.{d.region}.vpce.amazonaws.com",
                        "HostedZoneId": zone})
    if private_dns:
        entries.append({"DnsName": private_name.format(r=d.region),
                        "HostedZoneId": "Z0" + hashlib.sha256(role.encode()).hexdigest()[:18].upper()})
    d.endpoints[role] = {
        "VpcEndpointId": vpce_id,
        "VpcEndpointType": "Interface",
        "VpcId": d.vpc_id(vpc_role),
        "ServiceName": f"com.amazonaws.{d.region}.{service}",
        "State": state,
        "PolicyDocument": FULL_ACCESS_POLICY,
        "RouteTableIds": [],
        "SubnetIds": [d.sub(s) for s in subnet_roles],
        "Groups": [{"GroupId": d.sg(g), "GroupName": d.sgs[g]["GroupName"]} for g in sg_roles],
        "IpAddressType": "ipv4",
        "DnsOptions": {"DnsRecordIpType": "ipv4"},
        "PrivateDnsEnabled": private_dns,
        "RequesterManaged": False,
        "NetworkInterfaceIds": [rid("eni", f"{vpce_id}/{s}") for s in subnet_roles],
        "DnsEntries": entries,
        "CreationTimestamp": "2024-06-18T07:41:26.512000+00:00",
        "Tags": tag(f"{service}"),
        "OwnerId": ACCOUNT,
    }
    return vpce_id


def add_s3_gateway(d, role, vpc_role, rtb_roles):
    vpce_id = d.id("vpce", role)
    d.endpoints[role] = {
        "VpcEndpointId": vpce_id,
        "VpcEndpointType": "Gateway",
        "VpcId": d.vpc_id(vpc_role),
        "ServiceName": f"com.amazonaws.{d.region}.s3",
        "State": "available",
        "PolicyDocument": GATEWAY_POLICY,
        "RouteTableIds": [d.rtb(r) for r in rtb_roles],
        "SubnetIds": [],
        "Groups": [],
        "PrivateDnsEnabled": False,
        "RequesterManaged": False,
        "NetworkInterfaceIds": [],
        "DnsEntries": [],
        "CreationTimestamp": "2024-06-18T07:39:02.118000+00:00",
        "Tags": tag("s3"),
        "OwnerId": ACCOUNT,
    }
    return vpce_id


# ---- ECS: service and task definition -----------------------------------------------------

def default_td(region):
    return {
        "family": "api",
        "revision": 7,
        "image": f"{ACCOUNT}.dkr.ecr.{region}.amazonaws.com/api:1.4",
        "log_group": "/ecs/api",
        "log_region": region,
        "secret_arn": f"arn:aws:secretsmanager:{region}:{ACCOUNT}:secret:prod/api/db-password-Xa9kQ2",
        "exec_role": f"arn:aws:iam::{ACCOUNT}:role/api-task-execution",
        "region": region,
    }


def td_arn(td):
    return f"arn:aws:ecs:{td['region']}:{ACCOUNT}:task-definition/{td['family']}:{td['revision']}"


def grant_exec_role(files, actions, resources):
    """Append an Allow statement to the execution role's inline policy (first role of the snapshot)."""
    role = files["iam-get-account-authorization-details.json"]["RoleDetailList"][0]
    role["RolePolicyList"][0]["PolicyDocument"]["Statement"].append(
        {"Effect": "Allow", "Action": actions, "Resource": resources})


def container_definition(td, repo_file=False):
    c = {
        "name": "api",
        "image": td["image"],
        "cpu": 0,
        "portMappings": [{"containerPort": 8080, "hostPort": 8080, "protocol": "tcp",
                          "name": "api-8080-tcp", "appProtocol": "http"}],
        "essential": True,
        "environment": [{"name": "LOG_LEVEL", "value": "info"}, {"name": "PORT", "value": "8080"}],
        "environmentFiles": [],
        "mountPoints": [],
        "volumesFrom": [],
        "secrets": [{"name": "DB_PASSWORD", "valueFrom": td["secret_arn"]}],
        "logConfiguration": {
            "logDriver": "awslogs",
            "options": {
                "awslogs-group": td["log_group"],
                "awslogs-region": td["log_region"],
                "awslogs-stream-prefix": "api",
            },
            "secretOptions": [],
        },
        "systemControls": [],
    }
    if repo_file:   # a hand-written file carries only what its author wrote
        for k in ("environmentFiles", "mountPoints", "volumesFrom", "systemControls"):
            del c[k]
        del c["logConfiguration"]["secretOptions"]
    return c


def describe_task_definition(td):
    return {
        "taskDefinition": {
            "taskDefinitionArn": td_arn(td),
            "containerDefinitions": [container_definition(td)],
            "family": td["family"],
            "executionRoleArn": td["exec_role"],
            "networkMode": "awsvpc",
            "revision": td["revision"],
            "volumes": [],
            "status": "ACTIVE",
            "requiresAttributes": [
                {"name": "com.amazonaws.ecs.capability.logging-driver.awslogs"},
                {"name": "ecs.capability.execution-role-awslogs"},
                {"name": "com.amazonaws.ecs.capability.ecr-auth"},
                {"name": "com.amazonaws.ecs.capability.docker-remote-api.1.19"},
                {"name": "ecs.capability.secrets.asm.environment-variables"},
                {"name": "ecs.capability.execution-role-ecr-pull"},
                {"name": "com.amazonaws.ecs.capability.docker-remote-api.1.18"},
                {"name": "ecs.capability.task-eni"},
            ],
            "placementConstraints": [],
            "compatibilities": ["EC2", "FARGATE"],
            "requiresCompatibilities": ["FARGATE"],
            "cpu": "256",
            "memory": "512",
            "registeredAt": "2025-03-10T16:21:07.538000+01:00",
            "registeredBy": f"arn:aws:sts::{ACCOUNT}:assumed-role/github-actions-deploy/GitHubActions",
        },
        "tags": [],
    }


def task_definition_file(td):
    """A task definition as kept in a repository (register-task-definition --cli-input-json)."""
    return {
        "family": td["family"],
        "executionRoleArn": td["exec_role"],
        "networkMode": "awsvpc",
        "requiresCompatibilities": ["FARGATE"],
        "cpu": "256",
        "memory": "512",
        "containerDefinitions": [container_definition(td, repo_file=True)],
    }


def set_service(d, subnets, security_groups, assign_public_ip, platform_version="LATEST",
                resolved_platform_version="1.4.0"):
    d.service = {
        "name": "api",
        "cluster": "prod",
        "subnets": [d.sub(s) for s in subnets],
        "security_groups": None if security_groups is None else [d.sg(g) for g in security_groups],
        "assign_public_ip": assign_public_ip,
        "platform_version": platform_version,
        "resolved_platform_version": resolved_platform_version,
        "running": None,   # set from the expected verdict (steady state or tasks pending)
    }


def service_arn(d):
    return f"arn:aws:ecs:{d.region}:{ACCOUNT}:service/prod/api"


def render_service(d):
    s = d.service
    cluster_arn = f"arn:aws:ecs:{d.region}:{ACCOUNT}:cluster/{s['cluster']}"
    awsvpc = {"subnets": list(s["subnets"])}
    if s["security_groups"] is not None:
        awsvpc["securityGroups"] = list(s["security_groups"])
    awsvpc["assignPublicIp"] = s["assign_public_ip"]
    running = s["running"]
    deployment_id = "ecs-svc/4412817165334523791"
    if running:
        events = [
            {"id": "5c0f2b1e-7d4a-4e8b-9a61-3f2d7c9e1b04", "createdAt": "2025-03-11T09:58:40.117000+01:00",
             "message": "(service api) has reached a steady state."},
            {"id": "a3e91c77-02b5-4f1d-8c36-d45e6f7a8b90", "createdAt": "2025-03-11T09:58:40.116000+01:00",
             "message": f"(service api) (deployment {deployment_id}) deployment completed."},
            {"id": "0b7d3f28-6e14-4a9c-b5d2-81c4e9f07a35", "createdAt": "2025-03-11T09:42:17.204000+01:00",
             "message": "(service api) has started 2 tasks: (task 3f1c9e0a8b7d4c2e9f6a5b4c3d2e1f0a) "
                        "(task 8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b)."},
        ]
    else:
        events = [
            {"id": "0b7d3f28-6e14-4a9c-b5d2-81c4e9f07a35", "createdAt": "2025-03-11T09:42:17.204000+01:00",
             "message": "(service api) has started 2 tasks: (task 3f1c9e0a8b7d4c2e9f6a5b4c3d2e1f0a) "
                        "(task 8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b)."},
        ]
    deployment = {
        "id": deployment_id,
        "status": "PRIMARY",
        "taskDefinition": td_arn(d.td),
        "desiredCount": 2,
        "pendingCount": 0 if running else 2,
        "runningCount": 2 if running else 0,
        "failedTasks": 0,
        "createdAt": "2025-03-11T09:41:55.902000+01:00",
        "updatedAt": "2025-03-11T09:58:40.116000+01:00" if running else "2025-03-11T09:42:17.204000+01:00",
        "launchType": "FARGATE",
        "platformVersion": s["resolved_platform_version"],
        "platformFamily": "Linux",
        "networkConfiguration": {"awsvpcConfiguration": copy.deepcopy(awsvpc)},
        "rolloutState": "COMPLETED" if running else "IN_PROGRESS",
        "rolloutStateReason": (f"ECS deployment {deployment_id} completed." if running
                               else f"ECS deployment {deployment_id} in progress."),
    }
    service = {
        "serviceArn": service_arn(d),
        "serviceName": s["name"],
        "clusterArn": cluster_arn,
        "loadBalancers": [],
        "serviceRegistries": [],
        "status": "ACTIVE",
        "desiredCount": 2,
        "runningCount": 2 if running else 0,
        "pendingCount": 0 if running else 2,
        "launchType": "FARGATE",
        "platformVersion": s["platform_version"],
        "platformFamily": "Linux",
        "taskDefinition": td_arn(d.td),
        "deploymentConfiguration": {
            "deploymentCircuitBreaker": {"enable": True, "rollback": True},
            "maximumPercent": 200,
            "minimumHealthyPercent": 100,
        },
        "deployments": [deployment],
        "roleArn": f"arn:aws:iam::{ACCOUNT}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS",
        "events": events,
        "createdAt": "2024-09-02T14:03:11.873000+02:00",
        "placementConstraints": [],
        "placementStrategy": [],
        "networkConfiguration": {"awsvpcConfiguration": awsvpc},
        "schedulingStrategy": "REPLICA",
        "deploymentController": {"type": "ECS"},
        "createdBy": f"arn:aws:iam::{ACCOUNT}:role/github-actions-deploy",
        "enableECSManagedTags": True,
        "propagateTags": "NONE",
        "enableExecuteCommand": False,
        "availabilityZoneRebalancing": "ENABLED",
    }
    return {"services": [service], "failures": []}


# ---- the rest of what a full collection holds (cluster, roles, image, log group, secret) ----

EXECUTION_POLICY = {
    "Version": "2012-10-17",
    "Statement": [{
        "Effect": "Allow",
        "Action": ["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability",
                   "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage", "logs:CreateLogStream",
                   "logs:PutLogEvents"],
        "Resource": "*",
    }],
}

ECS_SERVICE_ROLE_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {"Sid": "ECSTaskManagement", "Effect": "Allow",
         "Action": ["ec2:AttachNetworkInterface", "ec2:CreateNetworkInterface",
                    "ec2:CreateNetworkInterfacePermission", "ec2:DeleteNetworkInterface",
                    "ec2:DeleteNetworkInterfacePermission", "ec2:Describe*",
                    "ec2:DetachNetworkInterface", "elasticloadbalancing:DeregisterInstancesFromLoadBalancer",
                    "elasticloadbalancing:DeregisterTargets", "elasticloadbalancing:Describe*",
                    "elasticloadbalancing:RegisterInstancesWithLoadBalancer",
                    "elasticloadbalancing:RegisterTargets", "route53:ChangeResourceRecordSets",
                    "route53:CreateHealthCheck", "route53:DeleteHealthCheck", "route53:Get*",
                    "route53:List*", "route53:UpdateHealthCheck", "servicediscovery:DeregisterInstance",
                    "servicediscovery:Get*", "servicediscovery:List*", "servicediscovery:RegisterInstance",
                    "servicediscovery:UpdateInstanceCustomHealthStatus"],
         "Resource": "*"},
        {"Sid": "AutoScaling", "Effect": "Allow", "Action": ["autoscaling:Describe*"], "Resource": "*"},
        {"Sid": "ECSTagging", "Effect": "Allow", "Action": ["ec2:CreateTags"],
         "Resource": "arn:aws:ec2:*:*:network-interface/*"},
        {"Sid": "CWLogGroupManagement", "Effect": "Allow",
         "Action": ["logs:CreateLogGroup", "logs:DescribeLogGroups", "logs:PutRetentionPolicy"],
         "Resource": "arn:aws:logs:*:*:log-group:/aws/ecs/*"},
        {"Sid": "CWLogStreamManagement", "Effect": "Allow",
         "Action": ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
         "Resource": "arn:aws:logs:*:*:log-group:/aws/ecs/*:log-stream:*"},
    ],
}


def support_files(d):
    td = d.td
    region = d.region
    files = {}
    files["ecs-describe-clusters.json"] = {
        "clusters": [{
            "clusterArn": f"arn:aws:ecs:{region}:{ACCOUNT}:cluster/prod",
            "clusterName": "prod",
            "status": "ACTIVE",
            "registeredContainerInstancesCount": 0,
            "runningTasksCount": 2,
            "pendingTasksCount": 0,
            "activeServicesCount": 1,
            "statistics": [],
            "tags": [],
            "settings": [{"name": "containerInsights", "value": "disabled"}],
            "capacityProviders": ["FARGATE", "FARGATE_SPOT"],
            "defaultCapacityProviderStrategy": [],
        }],
        "failures": [],
    }
    role_name = td["exec_role"].rsplit("/", 1)[1]
    files["iam-get-account-authorization-details.json"] = {
        "UserDetailList": [],
        "GroupDetailList": [],
        "RoleDetailList": [
            {
                "Path": "/",
                "RoleName": role_name,
                "RoleId": "AROARZ5KXQ3N7EXECAPI1",
                "Arn": td["exec_role"],
                "CreateDate": "2023-02-10T08:15:22+00:00",
                "AssumeRolePolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [{"Effect": "Allow",
                                   "Principal": {"Service": "ecs-tasks.amazonaws.com"},
                                   "Action": "sts:AssumeRole"}],
                },
                "InstanceProfileList": [],
                "RolePolicyList": [{
                    "PolicyName": "read-db-secret",
                    "PolicyDocument": {
                        "Version": "2012-10-17",
                        "Statement": [{"Sid": "ReadDbSecret", "Effect": "Allow",
                                       "Action": "secretsmanager:GetSecretValue",
                                       "Resource": td["secret_arn"]}],
                    },
                }],
                "AttachedManagedPolicies": [{
                    "PolicyName": "AmazonECSTaskExecutionRolePolicy",
                    "PolicyArn": "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
                }],
                "Tags": [],
                "RoleLastUsed": {"LastUsedDate": "2025-03-11T08:42:19+00:00", "Region": region},
            },
            {
                "Path": "/aws-service-role/ecs.amazonaws.com/",
                "RoleName": "AWSServiceRoleForECS",
                "RoleId": "AROARZ5KXQ3N7ECSSLR01",
                "Arn": f"arn:aws:iam::{ACCOUNT}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS",
                "CreateDate": "2022-11-21T10:02:44+00:00",
                "AssumeRolePolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs.amazonaws.com"},
                                   "Action": "sts:AssumeRole"}],
                },
                "InstanceProfileList": [],
                "RolePolicyList": [],
                "AttachedManagedPolicies": [{
                    "PolicyName": "AmazonECSServiceRolePolicy",
                    "PolicyArn": "arn:aws:iam::aws:policy/aws-service-role/AmazonECSServiceRolePolicy",
                }],
                "Tags": [],
                "RoleLastUsed": {"LastUsedDate": "2025-03-11T08:41:57+00:00", "Region": region},
            },
        ],
        "Policies": [
            {
                "PolicyName": "AmazonECSServiceRolePolicy",
                "PolicyId": "ANPAIVUWKCAI7URU4WUEI",
                "Arn": "arn:aws:iam::aws:policy/aws-service-role/AmazonECSServiceRolePolicy",
                "Path": "/aws-service-role/",
                "DefaultVersionId": "v9",
                "AttachmentCount": 1,
                "PermissionsBoundaryUsageCount": 0,
                "IsAttachable": True,
                "CreateDate": "2017-10-14T01:18:58+00:00",
                "UpdateDate": "2023-12-07T20:55:26+00:00",
                "PolicyVersionList": [{"Document": ECS_SERVICE_ROLE_POLICY, "VersionId": "v9",
                                       "IsDefaultVersion": True,
                                       "CreateDate": "2023-12-07T20:55:26+00:00"}],
            },
            {
                "PolicyName": "AmazonECSTaskExecutionRolePolicy",
                "PolicyId": "ANPAJG4T4G4PV56DE72PY",
                "Arn": "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
                "Path": "/service-role/",
                "DefaultVersionId": "v1",
                "AttachmentCount": 1,
                "PermissionsBoundaryUsageCount": 0,
                "IsAttachable": True,
                "CreateDate": "2017-11-16T18:48:22+00:00",
                "UpdateDate": "2017-11-16T18:48:22+00:00",
                "PolicyVersionList": [{"Document": EXECUTION_POLICY, "VersionId": "v1",
                                       "IsDefaultVersion": True,
                                       "CreateDate": "2017-11-16T18:48:22+00:00"}],
            },
        ],
    }
    host = td["image"].split("/", 1)[0]
    if ".dkr.ecr." in host:
        ecr_region = host.split(".")[3]
        repo = td["image"].split("/", 1)[1].split(":")[0]
        files["ecr-describe-repositories.json"] = {"repositories": [{
            "repositoryArn": f"arn:aws:ecr:{ecr_region}:{ACCOUNT}:repository/{repo}",
            "registryId": ACCOUNT,
            "repositoryName": repo,
            "repositoryUri": f"{ACCOUNT}.dkr.ecr.{ecr_region}.amazonaws.com/{repo}",
            "createdAt": "2023-02-10T09:20:31.562000+01:00",
            "imageTagMutability": "IMMUTABLE",
            "imageScanningConfiguration": {"scanOnPush": True},
            "encryptionConfiguration": {"encryptionType": "AES256"},
        }]}
        files["ecr-describe-images.json"] = {"imageDetails": [{
            "registryId": ACCOUNT,
            "repositoryName": repo,
            "imageDigest": "sha256:4c7d0a1f9e3b8c2a6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c",
            "imageTags": ["1.4"],
            "imageSizeInBytes": 48213321,
            "imagePushedAt": "2025-03-10T16:18:44.221000+01:00",
            "imageManifestMediaType": "application/vnd.docker.distribution.manifest.v2+json",
            "artifactMediaType": "application/vnd.docker.container.image.v1+json",
            "lastRecordedPullTime": "2025-03-11T09:42:31.409000+01:00",
        }]}
    log_region = td["log_region"]
    files["logs-describe-log-groups.json"] = {"logGroups": [{
        "logGroupName": td["log_group"],
        "creationTime": 1676017218411,
        "retentionInDays": 30,
        "metricFilterCount": 0,
        "arn": f"arn:aws:logs:{log_region}:{ACCOUNT}:log-group:{td['log_group']}:*",
        "storedBytes": 183734511,
        "logGroupClass": "STANDARD",
        "logGroupArn": f"arn:aws:logs:{log_region}:{ACCOUNT}:log-group:{td['log_group']}",
    }]}
    secret = td["secret_arn"]
    files["secretsmanager-describe-secret.json"] = {
        "ARN": secret,
        "Name": secret.split(":secret:", 1)[1].rsplit("-", 1)[0],
        "Description": "Postgres password of the api service",
        "LastChangedDate": "2024-12-02T11:05:19.812000+01:00",
        "LastAccessedDate": "2025-03-11T01:00:00+01:00",
        "Tags": [],
        "VersionIdsToStages": {"6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c": ["AWSCURRENT"]},
        "CreatedDate": "2023-02-10T09:31:40.117000+01:00",
    }
    return files


# ---- rendering -----------------------------------------------------------------------------

def render_rtb(d, r):
    associations = []
    if r["main"]:
        associations.append({"Main": True,
                             "RouteTableAssociationId": rid("rtbassoc", r["id"] + "/main"),
                             "RouteTableId": r["id"],
                             "AssociationState": {"State": "associated"}})
    for sid in r["subnets"]:
        associations.append({"Main": False,
                             "RouteTableAssociationId": rid("rtbassoc", r["id"] + "/" + sid),
                             "RouteTableId": r["id"], "SubnetId": sid,
                             "AssociationState": {"State": "associated"}})
    routes = list(r["routes"])
    # Gateway endpoints add their prefix-list routes to the tables they are associated with.
    for ep in d.endpoints.values():
        if ep["VpcEndpointType"] == "Gateway" and r["id"] in ep["RouteTableIds"]:
            routes.insert(1, {"DestinationPrefixListId": s3_prefix_list(d.region),
                              "GatewayId": ep["VpcEndpointId"], "Origin": "CreateRoute",
                              "State": "active"})
    doc = {"Associations": associations, "PropagatingVgws": [], "RouteTableId": r["id"],
           "Routes": routes, "Tags": tag(r["name"]) if r["name"] else [],
           "VpcId": d.vpc_id(r["vpc"]), "OwnerId": ACCOUNT}
    return doc


def render_nacl(d, n):
    if n["default"]:
        taken = {s for m in d.nacls.values() if not m["default"] for s in m["subnets"]}
        vpc_id = d.vpc_id(n["vpc"])
        subnets = [s["SubnetId"] for s in d.subnets.values()
                   if s["VpcId"] == vpc_id and s["SubnetId"] not in taken]
    else:
        subnets = n["subnets"]
    entries = sorted(n["entries"], key=lambda e: (not e["Egress"], e["RuleNumber"]))
    return {
        "Associations": [{"NetworkAclAssociationId": rid("aclassoc", n["id"] + "/" + s),
                          "NetworkAclId": n["id"], "SubnetId": s} for s in subnets],
        "Entries": entries,
        "IsDefault": n["default"],
        "NetworkAclId": n["id"],
        "Tags": tag(n["name"]) if n["name"] else [],
        "VpcId": d.vpc_id(n["vpc"]),
        "OwnerId": ACCOUNT,
    }


def render_azs(region):
    return {"AvailabilityZones": [{
        "OptInStatus": "opt-in-not-required",
        "Messages": [],
        "RegionName": region,
        "ZoneName": name,
        "ZoneId": zone_id,
        "GroupName": region,
        "NetworkBorderGroup": region,
        "ZoneType": "availability-zone",
        "State": "available",
    } for name, zone_id in AZS[region]]}


def render(d):
    files = {}
    files["ec2-describe-vpcs.json"] = {"Vpcs": list(d.vpcs.values())}
    several = len(d.vpcs) > 1
    for role, vpc in d.vpcs.items():
        vpc_id = vpc["VpcId"]
        suffix = f"-{role}" if several else ""
        for attr in ("EnableDnsSupport", "EnableDnsHostnames"):
            name = attr[0].lower() + attr[1:]
            files[f"ec2-describe-vpc-attribute-{name}{suffix}.json"] = {
                "VpcId": vpc_id, attr: {"Value": d.dns[vpc_id][attr]}}
    files["ec2-describe-dhcp-options.json"] = {"DhcpOptions": list(d.dhcp.values())}
    files["ec2-describe-subnets.json"] = {"Subnets": list(d.subnets.values())}
    files["ec2-describe-route-tables.json"] = {"RouteTables": [render_rtb(d, r) for r in d.rtbs.values()]}
    files["ec2-describe-network-acls.json"] = {"NetworkAcls": [render_nacl(d, n) for n in d.nacls.values()]}
    files["ec2-describe-security-groups.json"] = {"SecurityGroups": list(d.sgs.values())}
    files["ec2-describe-vpc-endpoints.json"] = {"VpcEndpoints": list(d.endpoints.values())}
    files["ec2-describe-nat-gateways.json"] = {"NatGateways": list(d.nats.values())}
    files["ec2-describe-internet-gateways.json"] = {"InternetGateways": list(d.igws.values())}
    files["ec2-describe-egress-only-internet-gateways.json"] = {
        "EgressOnlyInternetGateways": list(d.eigws.values())}
    files["ec2-describe-prefix-lists.json"] = {"PrefixLists": [
        {"PrefixListName": f"com.amazonaws.{d.region}.{svc}", "Cidrs": cidrs, "PrefixListId": pl}
        for pl, svc, cidrs in PREFIX_LISTS[d.region]]}
    files["ec2-describe-availability-zones.json"] = render_azs(d.region)
    if d.service is not None:
        files["ecs-describe-services.json"] = render_service(d)
    if d.td_in_snapshot:
        files["ecs-describe-task-definition.json"] = describe_task_definition(d.td)
    files.update(support_files(d))
    for mutate in getattr(d, "mutations", ()):  # scenario edits of the rendered documents
        mutate(files)
    for name in d.omit:
        del files[name]
    return files


# --------------------------------------------------------------------------------------------
# Base designs (all healthy)
# --------------------------------------------------------------------------------------------

def task_sg_open(d, vpc_role="vpc", ipv6=False):
    cidr = d.vpc_cidrs[vpc_role][0]
    egress = perm("-1", cidrs=[("0.0.0.0/0", None)], cidrs6=[("::/0", None)] if ipv6 else ())
    d.sgs["api"] = sg_doc(d, vpc_role, d.id("sg", "api"), "api-tasks", "api service tasks",
                          [perm("tcp", (8080, 8080), cidrs=[(cidr, "app port from the load balancer")])],
                          [egress], name_tag="api-tasks")


def build_public(region="eu-west-3", key="public", net="10.10", service_subnets="abc"):
    """(a) PUBLIC: public subnets, 0.0.0.0/0 -> attached IGW, assignPublicIp ENABLED."""
    d = Design(key, region)
    d.td = default_td(region)
    add_vpc(d, "vpc", f"{net}.0.0/16", "storefront")
    igw = add_igw(d, "igw", "vpc", "storefront-igw")
    for i, z in enumerate("abc"):
        add_subnet(d, f"public-{z}", "vpc", f"{net}.{16 * i}.0/20", i, f"storefront-public-{z}",
                   public=True)
    add_rtb(d, "public", "vpc", "storefront-public", [r_default("GatewayId", igw)],
            [f"public-{z}" for z in "abc"])
    task_sg_open(d)
    set_service(d, [f"public-{z}" for z in service_subnets], ["api"], "ENABLED")
    return d


def build_nat(dualstack=False):
    """(b) PRIVATE-NAT: private subnets -> NAT gateway in a public subnet -> IGW."""
    d = Design("nat", "eu-west-3")
    d.td = default_td(d.region)
    v6 = "2a05:d012:4c1:7e{:02x}::/64"
    add_vpc(d, "vpc", "10.20.0.0/16", "shop-prod", ipv6="2a05:d012:4c1:7e00::/56" if dualstack else None)
    igw = add_igw(d, "igw", "vpc", "shop-prod-igw")
    for i, z in enumerate("abc"):
        add_subnet(d, f"public-{z}", "vpc", f"10.20.{i}.0/24", i, f"shop-prod-public-{z}", public=True,
                   ipv6=v6.format(i) if dualstack else None)
    for i, z in enumerate("abc"):
        add_subnet(d, f"private-{z}", "vpc", f"10.20.{16 * (i + 1)}.0/20", i, f"shop-prod-private-{z}",
                   ipv6=v6.format(0x10 + i) if dualstack else None)
    nat = add_nat(d, "a", "public-a", "shop-prod-nat-a", "13.38.112.25")
    public_routes = [r_default("GatewayId", igw)]
    private_routes = [r_default("NatGatewayId", nat)]
    if dualstack:
        eigw = add_eigw(d, "eigw", "vpc", "shop-prod-eigw")
        public_routes.append(r_default6("GatewayId", igw))
        private_routes.append(r_default6("EgressOnlyInternetGatewayId", eigw))
    add_rtb(d, "public", "vpc", "shop-prod-public", public_routes, [f"public-{z}" for z in "abc"])
    add_rtb(d, "private", "vpc", "shop-prod-private", private_routes, [f"private-{z}" for z in "abc"])
    task_sg_open(d, ipv6=dualstack)
    set_service(d, [f"private-{z}" for z in "abc"], ["api"], "DISABLED")
    return d


def build_endpoints():
    """(c) ENDPOINTS: isolated subnets served by interface endpoints and an S3 gateway."""
    d = Design("endpoints", "eu-west-3")
    d.td = default_td(d.region)
    vpc_cidr = "10.30.0.0/16"
    add_vpc(d, "vpc", vpc_cidr, "payments-isolated")
    for i, z in enumerate("abc"):
        add_subnet(d, f"private-{z}", "vpc", f"10.30.{16 * i}.0/20", i, f"payments-private-{z}",
                   free=4091 - 7)
    add_rtb(d, "private", "vpc", "payments-private", [], [f"private-{z}" for z in "abc"])
    d.sgs["vpce"] = sg_doc(d, "vpc", d.id("sg", "vpce"), "vpc-endpoints", "interface endpoints",
                           [perm("tcp", (443, 443), cidrs=[(vpc_cidr, "HTTPS from the VPC")])],
                           [perm("-1", cidrs=[("0.0.0.0/0", None)])], name_tag="vpc-endpoints")
    d.sgs["api"] = sg_doc(d, "vpc", d.id("sg", "api"), "api-tasks", "api service tasks",
                          [perm("tcp", (8080, 8080), cidrs=[(vpc_cidr, "app port from the load balancer")])],
                          [perm("tcp", (443, 443), cidrs=[(vpc_cidr, "VPC endpoints")]),
                           perm("tcp", (443, 443), prefix_lists=[(s3_prefix_list(d.region),
                                                                  "S3 gateway endpoint (ECR layers)")])],
                          name_tag="api-tasks")
    subnets = [f"private-{z}" for z in "abc"]
    for svc in ("ecr.api", "ecr.dkr", "logs", "secretsmanager"):
        add_interface_endpoint(d, svc, "vpc", svc, subnets, ["vpce"])
    add_s3_gateway(d, "s3", "vpc", ["private"])
    set_service(d, subnets, ["api"], "DISABLED")
    return d


# --------------------------------------------------------------------------------------------
# Scenarios
# --------------------------------------------------------------------------------------------

SCENARIOS = []


def scenario(name):
    def register(fn):
        SCENARIOS.append((name, fn))
        return fn
    return register


def F(code, resource, severity):
    return {"code": code, "resource": resource, "severity": severity}


_UNSET = object()


def dep(service, subnet, reachable, via=_UNSET):
    out = {"service": service, "subnet": subnet, "reachable": reachable}
    if via is not _UNSET:
        out["via"] = via
    return out


class Scenario:
    def __init__(self, design, readme, verdict, exit_code, findings=(), maybe=(), deps=(),
                 args=None, unchecked=None, extra_files=None):
        codes = {f["code"] for f in findings}
        self.design = design
        self.readme = readme
        self.expect = {}
        if args:
            self.expect["args"] = args
        self.expect["exit_code"] = exit_code
        self.expect["verdict"] = verdict
        self.expect["findings"] = list(findings)
        # Every check of the network group (the registry's, `fargate-doctor checks`) that is
        # neither expected nor uncertain for this design must stay silent; `absent` names more.
        self.expect["absent_groups"] = ["network"]
        if maybe:
            self.expect["maybe"] = sorted(set(maybe) - codes)
        self.expect["absent"] = []
        self.expect["dependencies"] = list(deps)
        if unchecked:
            self.expect["unchecked"] = list(unchecked)
        self.extra_files = extra_files or {}
        if design.service is not None and design.service["running"] is None:
            design.service["running"] = verdict in ("ok", "at-risk", "inconclusive")


# ---- healthy bases -------------------------------------------------------------------------

@scenario("base-public")
def _():
    d = build_public()
    return Scenario(d, """\
Healthy PUBLIC design: three public subnets (0.0.0.0/0 -> attached IGW) and assignPublicIp ENABLED,
so every start dependency (docs/design/causes.md §1.7) leaves through the IGW with the task's public IP (1.9).
Nothing is broken: verdict ok, no network finding.""",
                    "ok", 0,
                    deps=[dep("ecr.api", d.sub("public-a"), True, d.igw("igw")),
                          dep("s3", d.sub("public-b"), True, d.igw("igw")),
                          dep("secretsmanager", d.sub("public-c"), True, d.igw("igw"))])


@scenario("base-private-nat")
def _():
    d = build_nat()
    return Scenario(d, """\
Healthy PRIVATE-NAT design: tasks in three private subnets whose route table sends 0.0.0.0/0 to a
public NAT gateway placed in a public subnet that routes to an attached IGW (docs/design/causes.md §1.9, `nat-`).
Nothing is broken: verdict ok, no network finding.""",
                    "ok", 0,
                    deps=[dep("ecr.dkr", d.sub("private-a"), True, d.nat("a")),
                          dep("logs", d.sub("private-b"), True, d.nat("a")),
                          dep("s3", d.sub("private-c"), True, d.nat("a"))])


@scenario("base-endpoints")
def _():
    d = build_endpoints()
    return Scenario(d, """\
Healthy ENDPOINTS design: isolated subnets with ecr.api, ecr.dkr, logs and secretsmanager interface
endpoints (private DNS, SG admits 443 from the VPC) and an S3 gateway on the task route table; the
task SG allows 443 to the VPC CIDR and the S3 prefix list (docs/design/causes.md §1.7, section C). Verdict ok.""",
                    "ok", 0,
                    deps=[dep("ecr.api", d.sub("private-a"), True, d.vpce("ecr.api")),
                          dep("ecr.dkr", d.sub("private-b"), True, d.vpce("ecr.dkr")),
                          dep("s3", d.sub("private-a"), True, d.vpce("s3")),
                          dep("logs", d.sub("private-c"), True, d.vpce("logs")),
                          dep("secretsmanager", d.sub("private-a"), True, d.vpce("secretsmanager"))])


@scenario("base-private-nat-dualstack")
def _():
    d = build_nat(dualstack=True)
    return Scenario(d, """\
Healthy dual-stack variant of PRIVATE-NAT: the VPC and subnets also have IPv6 and the private table
sends ::/0 to an egress-only IGW, next to 0.0.0.0/0 -> NAT. IPv4 egress exists, so NET010 (A10)
must stay silent. Verdict ok.""",
                    "ok", 0,
                    deps=[dep("ecr.api", d.sub("private-a"), True, d.nat("a"))])


@scenario("base-uswest1-public")
def _():
    d = build_public(region="us-west-1", key="uswest1", net="10.40", service_subnets="ab")
    return Scenario(d, """\
Healthy PUBLIC design in us-west-1: the service uses subnets in usw1-az3 and usw1-az1, the AZs where
Fargate runs in that Region (docs/design/causes.md §1.8); the VPC's third subnet (usw1-az2) is not used by the
service, so CAP001 (I1) stays silent. Verdict ok.""",
                    "ok", 0,
                    deps=[dep("ecr.api", d.sub("public-a"), True, d.igw("igw"))])


@scenario("endpoints-platform-1-3-0")
def _():
    d = build_endpoints()
    del d.endpoints["ecr.api"]
    d.service["platform_version"] = "1.3.0"
    d.service["resolved_platform_version"] = "1.3.0"
    return Scenario(d, """\
ENDPOINTS design without an ecr.api endpoint, but the service runs platform version 1.3.0, which
fetches the ECR auth token over the Fargate-owned ENI and needs only ecr.dkr + the S3 gateway
(docs/design/causes.md §1.4 table, C1). Nothing is missing for this version: verdict ok, VPCE001 silent.""",
                    "ok", 0,
                    deps=[dep("ecr.dkr", d.sub("private-a"), True, d.vpce("ecr.dkr")),
                          dep("s3", d.sub("private-a"), True, d.vpce("s3"))])


@scenario("taskdef-target-private-nat")
def _():
    d = build_nat()
    d.service = None
    d.td_in_snapshot = False
    args = ["--task-definition", "{dir}/taskdef.json",
            "--subnets", ",".join(d.sub(f"private-{z}") for z in "abc"),
            "--security-groups", d.sg("api"), "--assign-public-ip", "DISABLED"]
    return Scenario(d, """\
A task that does not exist yet: the task definition file as kept in the repo (taskdef.json) plus
run-task's network flags into the PRIVATE-NAT design's private subnets (docs/design/report.md, task-definition
target). Every dependency goes through the NAT gateway (docs/design/causes.md §1.9): verdict ok.""",
                    "ok", 0, args=args,
                    deps=[dep("ecr.api", d.sub("private-a"), True, d.nat("a"))],
                    extra_files={"taskdef.json": task_definition_file(d.td)})


@scenario("default-sg-open")
def _():
    d = build_nat()
    d.service["security_groups"] = None
    return Scenario(d, """\
PRIVATE-NAT service that names no security group, so the task ENI gets the VPC default SG (docs/design/causes.md#fw004,
API_AwsVpcConfiguration); that default SG still has its allow-all egress. Nothing blocks:
verdict ok, FW004 silent (its negative case).""",
                    "ok", 0,
                    deps=[dep("ecr.api", d.sub("private-a"), True, d.nat("a"))])


@scenario("cross-region-secret-with-nat")
def _():
    d = build_nat()
    d.td["secret_arn"] = f"arn:aws:secretsmanager:eu-west-1:{ACCOUNT}:secret:prod/api/db-password-Xa9kQ2"
    return Scenario(d, """\
PRIVATE-NAT design whose secret lives in eu-west-1 while the tasks run in eu-west-3. Cross-Region
requests only fail when endpoints are the sole way out; here the NAT gateway reaches Secrets Manager
in eu-west-1 (docs/design/causes.md#vpce012: "with internet -> OK"). Verdict ok, VPCE012 silent.""",
                    "ok", 0,
                    deps=[dep("secretsmanager", d.sub("private-a"), True, d.nat("a"))])


# ---- NET: routes, IGW, NAT -----------------------------------------------------------------

@scenario("net001-public-subnet-no-public-ip")
def _():
    d = build_public()
    d.service["assign_public_ip"] = "DISABLED"
    return Scenario(d, """\
PUBLIC design with assignPublicIp DISABLED: the subnets route 0.0.0.0/0 to the IGW but the task ENI
gets no public IPv4, so nothing it needs is reachable (docs/design/causes.md#net001; MapPublicIpOnLaunch does not
help Fargate). Every subnet fails: NET001 blocker on the service.""",
                    "blocked", 1,
                    findings=[F("NET001", service_arn(d), "blocker")],
                    deps=[dep("ecr.api", d.sub("public-a"), False, None),
                          dep("logs", d.sub("public-c"), False, None)])


@scenario("net002-isolated-no-endpoints")
def _():
    d = build_endpoints()
    d.endpoints.clear()
    return Scenario(d, """\
ENDPOINTS design with every VPC endpoint deleted: the task route table holds only the local route and
the VPC has no NAT, no IGW and no endpoint, so no destination of 1.7 has a route (docs/design/causes.md#net002;
docs/design/checks.md "no matching route: an isolated VPC using no interface endpoints at all -> NET002").""",
                    "blocked", 1,
                    findings=[F("NET002", d.rtb("private"), "blocker")],
                    deps=[dep("ecr.api", d.sub("private-a"), False, None),
                          dep("s3", d.sub("private-b"), False, None)])


@scenario("net003-blackhole-default-route")
def _():
    d = build_nat()
    d.rtbs["private"]["routes"][1]["State"] = "blackhole"
    del d.nats["a"]   # deleted in a clean-up, long enough ago to have left describe-nat-gateways
    return Scenario(d, """\
PRIVATE-NAT design whose NAT gateway was deleted: the private table's 0.0.0.0/0 route still names it
and shows State blackhole. The winning route drops the packets and a less specific one is never used
(docs/design/causes.md#net003, §1.9). All task subnets use that table: NET003 blocker on it.""",
                    "blocked", 1,
                    findings=[F("NET003", d.rtb("private"), "blocker")],
                    deps=[dep("ecr.api", d.sub("private-a"), False, None)])


@scenario("partial-blackhole-one-of-three-subnets")
def _():
    d = build_nat()
    add_rtb(d, "private-c-legacy", "vpc", "shop-prod-private-c-legacy",
            [r_default("NatGatewayId", d.id("nat", "legacy-c"), state="blackhole")], [])
    associate(d, "private-c-legacy", "private-c")
    return Scenario(d, """\
PRIVATE-NAT design where only private-c is associated with an old table whose default route points
at a deleted NAT gateway (blackhole). Placements in private-a/b work, those in private-c fail, so the
blocker is reported as a warning naming that table (docs/design/checks.md, last paragraph; docs/design/causes.md#net003, #net008).""",
                    "at-risk", 0,
                    findings=[F("NET003", d.rtb("private-c-legacy"), "warning")],
                    maybe=["NET008"],   # a blackholed subnet next to NAT subnets may read as "mixed"
                    deps=[dep("ecr.api", d.sub("private-c"), False, None),
                          dep("ecr.api", d.sub("private-a"), True, d.nat("a"))])


@scenario("net004-igw-detached")
def _():
    d = build_public()
    d.igws["igw"]["Attachments"] = []
    return Scenario(d, """\
PUBLIC design whose internet gateway has been detached from the VPC (describe-internet-gateways shows
no attachment) while the public route table still sends 0.0.0.0/0 to it as an active route (route
tables captured before the detach). docs/design/causes.md#net004: treat like a blackhole -> NET004 on the igw.""",
                    "blocked", 1,
                    findings=[F("NET004", d.igw("igw"), "blocker")],
                    deps=[dep("ecr.api", d.sub("public-a"), False, None)])


@scenario("net005-nat-in-private-subnet")
def _():
    d = build_nat()
    add_nat(d, "a", "private-a", "shop-prod-nat-a", "13.38.112.25")
    return Scenario(d, """\
PRIVATE-NAT design whose NAT gateway was created in private-a instead of a public subnet: the NAT's
own subnet routes 0.0.0.0/0 back to the NAT, never to the IGW, so the recursive route check of 1.9
fails at the NAT (docs/design/causes.md#net005). NET005 blocker on the NAT gateway.""",
                    "blocked", 1,
                    findings=[F("NET005", d.nat("a"), "blocker")],
                    deps=[dep("ecr.api", d.sub("private-b"), False, None)])


@scenario("net006-private-connectivity-nat")
def _():
    d = build_nat()
    add_nat(d, "a", "public-a", "shop-prod-nat-a", None, connectivity="private")
    return Scenario(d, """\
PRIVATE-NAT design whose NAT gateway was created with ConnectivityType private (no Elastic IP): it
sits in the public subnet and the routes are right, but a private NAT cannot reach the internet
(docs/design/causes.md#net006). NET006 blocker on the NAT gateway.""",
                    "blocked", 1,
                    findings=[F("NET006", d.nat("a"), "blocker")],
                    deps=[dep("secretsmanager", d.sub("private-a"), False, None)])


@scenario("net007-implicit-main-route-table")
def _():
    d = build_nat()
    d.rtbs["vpc/main"]["routes"].append(r_default("NatGatewayId", d.nat("a")))
    associate(d, None, "private-c")
    return Scenario(d, """\
PRIVATE-NAT design where private-c has no explicit association and silently uses the main route
table, while the VPC has custom tables (docs/design/causes.md#net007). The main table happens to route 0.0.0.0/0 to
the NAT too, so everything works: NET007 info on private-c, verdict ok.""",
                    "ok", 0,
                    findings=[F("NET007", d.sub("private-c"), "info")],
                    deps=[dep("ecr.api", d.sub("private-c"), True, d.nat("a"))])


@scenario("net008-mixed-public-private-subnets")
def _():
    d = build_nat()
    d.service["subnets"] = [d.sub("public-a"), d.sub("private-b")]
    return Scenario(d, """\
Service listing one public subnet (IGW route) and one private subnet (NAT route) with assignPublicIp
DISABLED: tasks placed in private-b start, tasks placed in public-a have no public IP (docs/design/causes.md#net008,
A1). Only some placements fail, so NET008 and NET001 are warnings on the service.""",
                    "at-risk", 0,
                    findings=[F("NET008", service_arn(d), "warning"),
                              F("NET001", service_arn(d), "warning")],
                    deps=[dep("ecr.api", d.sub("public-a"), False, None),
                          dep("ecr.api", d.sub("private-b"), True, d.nat("a"))])


@scenario("net009-transit-gateway-default-route")
def _():
    d = build_nat()
    d.rtbs["private"]["routes"][1] = r_default("TransitGatewayId", d.id("tgw", "egress-hub"))
    return Scenario(d, """\
PRIVATE-NAT design whose private table now sends 0.0.0.0/0 to a transit gateway (centralised egress).
What lies beyond the TGW is not in the snapshot, so the path cannot be proven either way (docs/design/causes.md#net009,
section 4 item 4): NET009 warning on the table, dependencies reachable null.""",
                    "at-risk", 0,
                    findings=[F("NET009", d.rtb("private"), "warning")],
                    deps=[dep("ecr.api", d.sub("private-a"), None),
                          dep("s3", d.sub("private-b"), None)])


@scenario("net009-peering-default-route")
def _():
    d = build_nat()
    d.rtbs["private"]["routes"][1] = r_default("VpcPeeringConnectionId", d.id("pcx", "shared-services"))
    return Scenario(d, """\
PRIVATE-NAT design whose private table sends 0.0.0.0/0 to a VPC peering connection. Peering does not
support edge-to-edge routing through the peer's NAT or IGW, so this can never reach the internet
(docs/design/causes.md#net009 special case, 1.9): NET009 reported as a blocker on the table.""",
                    "blocked", 1,
                    findings=[F("NET009", d.rtb("private"), "blocker")],
                    deps=[dep("ecr.api", d.sub("private-a"), False, None)])


@scenario("net010-egress-only-igw-only")
def _():
    d = build_nat(dualstack=True)
    d.rtbs["private"]["routes"] = [r for r in d.rtbs["private"]["routes"]
                                   if r.get("DestinationCidrBlock") != "0.0.0.0/0"]
    del d.nats["a"]
    return Scenario(d, """\
Dual-stack PRIVATE-NAT design after the NAT gateway was removed to save cost: the private table keeps
only ::/0 -> egress-only IGW. Fargate pulls and AWS calls use IPv4, which an EIGW does not carry
(docs/design/causes.md#net010): NET010 warning, and every IPv4 destination has no route and no endpoint -> NET002.""",
                    "blocked", 1,
                    findings=[F("NET010", d.rtb("private"), "warning"),
                              F("NET002", d.rtb("private"), "blocker")],
                    deps=[dep("ecr.api", d.sub("private-a"), False, None)])


@scenario("net011-ipv6-only-subnet")
def _():
    d = build_nat(dualstack=True)
    add_subnet(d, "v6only-a", "vpc", None, 0, "shop-prod-ipv6-only-a",
               ipv6="2a05:d012:4c1:7e20::/64", ipv6_native=True)
    add_rtb(d, "v6only", "vpc", "shop-prod-ipv6-only",
            [r_default6("EgressOnlyInternetGatewayId", d.eigws["eigw"]["EgressOnlyInternetGatewayId"])],
            ["v6only-a"])
    d.service["subnets"] = [d.sub("v6only-a")]
    return Scenario(d, """\
Service placed in a single IPv6-only subnet (Ipv6Native, no IPv4 CIDR) with an IPv4-form ECR image
URI, DNS64 off and no NAT64 route: the task cannot reach IPv4-only endpoints (docs/design/causes.md#net011 "If image
URI is the IPv4 form and no DNS64/NAT64 -> fail"). NET011 blocker on the subnet.""",
                    "blocked", 1,
                    findings=[F("NET011", d.sub("v6only-a"), "blocker")],
                    # An IPv6-only subnet has no IPv4 route and reports 0 free IPv4 addresses.
                    maybe=["NET002", "NET010", "CAP002"])


# ---- FW: security groups and NACLs ---------------------------------------------------------

@scenario("fw001-task-sg-no-443-egress")
def _():
    d = build_nat()
    d.sgs["api"]["IpPermissionsEgress"] = [
        perm("tcp", (5432, 5432), cidrs=[("10.20.0.0/16", "Postgres in the VPC")])]
    return Scenario(d, """\
PRIVATE-NAT design whose task SG was hardened to allow egress only to Postgres (tcp 5432 in the VPC):
no egress rule matches tcp 443 to any destination of 1.7, and SGs are allow-only (docs/design/causes.md#fw001, §1.9).
FW001 blocker on the task SG.""",
                    "blocked", 1,
                    findings=[F("FW001", d.sg("api"), "blocker")],
                    deps=[dep("ecr.api", d.sub("private-a"), False, None)])


@scenario("fw002-endpoints-sg-missing-s3-prefix-list")
def _():
    d = build_endpoints()
    d.sgs["api"]["IpPermissionsEgress"] = d.sgs["api"]["IpPermissionsEgress"][:1]
    return Scenario(d, """\
ENDPOINTS design whose task SG allows 443 only to the VPC CIDR: the interface endpoints are reached,
but layer downloads go to S3 public IPs through the gateway route and need the S3 prefix list in the
egress rules (docs/design/causes.md#fw002). FW002 blocker on the task SG; FW001 does not apply.""",
                    "blocked", 1,
                    findings=[F("FW002", d.sg("api"), "blocker")],
                    deps=[dep("s3", d.sub("private-a"), False),
                          dep("ecr.api", d.sub("private-a"), True, d.vpce("ecr.api"))])


@scenario("fw003-endpoint-sg-not-admitting-task")
def _():
    d = build_endpoints()
    d.sgs["bastion"] = sg_doc(d, "vpc", d.id("sg", "bastion"), "bastion", "SSM bastion host", [],
                              [perm("-1", cidrs=[("0.0.0.0/0", None)])], name_tag="bastion")
    d.sgs["vpce"]["IpPermissions"] = [perm("tcp", (443, 443), groups=[(d.sg("bastion"), "bastion only")])]
    return Scenario(d, """\
ENDPOINTS design whose endpoint SG admits 443 only from the bastion's SG, not from the tasks (their SG,
IPs or subnets): every interface endpoint refuses the task (docs/design/causes.md#fw003). The S3 gateway still works.
FW003 blocker on the endpoints' SG.""",
                    "blocked", 1,
                    findings=[F("FW003", d.sg("vpce"), "blocker")],
                    deps=[dep("ecr.api", d.sub("private-a"), False),
                          dep("s3", d.sub("private-a"), True, d.vpce("s3"))])


@scenario("fw004-default-sg-no-egress")
def _():
    d = build_nat()
    d.service["security_groups"] = None
    d.sgs["vpc/default"]["IpPermissionsEgress"] = []
    return Scenario(d, """\
PRIVATE-NAT service that names no security group, so the ENI gets the VPC default SG, and that
default SG has no egress rule (CIS-style hardening). docs/design/causes.md#fw004 / docs/design/checks.md: FW004 (not FW001)
blocker on the default SG.""",
                    "blocked", 1,
                    findings=[F("FW004", d.sg("vpc/default"), "blocker")],
                    deps=[dep("ecr.api", d.sub("private-a"), False, None)])


@scenario("fw005-custom-dns-blocked")
def _():
    d = build_nat()
    d.dhcp["dopt"] = dhcp_doc(d, d.dhcp["dopt"]["DhcpOptionsId"], ["10.20.100.10", "10.20.100.11"],
                              domain="corp.example.internal")
    d.sgs["api"]["IpPermissionsEgress"] = [
        perm("tcp", (443, 443), cidrs=[("0.0.0.0/0", "HTTPS")])]
    return Scenario(d, """\
PRIVATE-NAT design whose DHCP options point at two company DNS servers, while the task SG allows only
tcp 443 out. Unlike the Amazon resolver, custom DNS servers are subject to SGs, and 53 is not allowed
(docs/design/causes.md#fw005, §1.7). docs/design/checks.md severity: FW005 warning on the task SG.""",
                    "at-risk", 0,
                    findings=[F("FW005", d.sg("api"), "warning")])


def private_nacl(d, entries):
    add_nacl(d, "private", "vpc", "shop-prod-private", entries, [f"private-{z}" for z in "abc"])


@scenario("fw006-nacl-denies-outbound-443")
def _():
    d = build_nat()
    private_nacl(d, [
        nacl_entry(100, True, "6", "allow", ports=(80, 80)),
        nacl_entry(110, True, "6", "allow", ports=(1024, 65535)),
        nacl_entry(32767, True, "-1", "deny"),
        nacl_entry(100, False, "6", "allow", ports=(1024, 65535)),
        nacl_entry(32767, False, "-1", "deny"),
    ])
    return Scenario(d, """\
PRIVATE-NAT design whose private subnets got a custom NACL allowing outbound tcp 80 and ephemeral
ports only: outbound tcp 443 falls through to the 32767 deny (docs/design/causes.md#fw006, §1.9 NACL evaluation).
FW006 blocker on that NACL.""",
                    "blocked", 1,
                    findings=[F("FW006", d.nacl("private"), "blocker")],
                    deps=[dep("ecr.api", d.sub("private-a"), False, None)])


@scenario("fw007-nacl-no-ephemeral-inbound")
def _():
    d = build_nat()
    private_nacl(d, [
        nacl_entry(100, True, "-1", "allow"),
        nacl_entry(32767, True, "-1", "deny"),
        nacl_entry(100, False, "6", "allow", cidr="10.20.0.0/16", ports=(8080, 8080)),
        nacl_entry(32767, False, "-1", "deny"),
    ])
    return Scenario(d, """\
PRIVATE-NAT design whose private NACL allows everything out but inbound only the app port 8080 from
the VPC: NACLs are stateless, so the replies to the task's ephemeral ports are dropped (docs/design/causes.md#fw007).
FW007 blocker on that NACL.""",
                    "blocked", 1,
                    findings=[F("FW007", d.nacl("private"), "blocker")],
                    deps=[dep("ecr.api", d.sub("private-a"), False, None)])


@scenario("fw007-nacl-narrow-ephemeral-range")
def _():
    d = build_nat()
    private_nacl(d, [
        nacl_entry(100, True, "-1", "allow"),
        nacl_entry(32767, True, "-1", "deny"),
        nacl_entry(100, False, "6", "allow", cidr="10.20.0.0/16", ports=(8080, 8080)),
        nacl_entry(110, False, "6", "allow", ports=(32768, 60999)),
        nacl_entry(32767, False, "-1", "deny"),
    ])
    return Scenario(d, """\
Like fw007-nacl-no-ephemeral-inbound, but the NACL admits replies to 32768-60999 (the Linux default
range) instead of 1024-65535. Works for most Linux clients but is not guaranteed (docs/design/causes.md#fw007:
"Narrow ranges -> WARN"). FW007 warning on that NACL.""",
                    "at-risk", 0,
                    findings=[F("FW007", d.nacl("private"), "warning")])


@scenario("fw008-nat-subnet-nacl-blocks")
def _():
    d = build_nat()
    add_nacl(d, "public", "vpc", "shop-prod-public", [
        nacl_entry(100, True, "-1", "allow"),
        nacl_entry(32767, True, "-1", "deny"),
        nacl_entry(100, False, "6", "allow", ports=(1024, 65535)),
        nacl_entry(32767, False, "-1", "deny"),
    ], [f"public-{z}" for z in "abc"])
    return Scenario(d, """\
PRIVATE-NAT design whose public subnets (where the NAT gateway lives) got a NACL admitting only return
traffic (tcp 1024-65535): the tasks' connections to port 443 enter the NAT's subnet and are denied
there (docs/design/causes.md#fw008, §1.9 "evaluate each subnet's NACL"). FW008 blocker on the public NACL.""",
                    "blocked", 1,
                    findings=[F("FW008", d.nacl("public"), "blocker")],
                    deps=[dep("ecr.api", d.sub("private-a"), False, None)])


# ---- VPCE: endpoints and DNS ---------------------------------------------------------------

@scenario("vpce001-ecr-api-endpoint-missing")
def _():
    d = build_endpoints()
    del d.endpoints["ecr.api"]
    return Scenario(d, """\
ENDPOINTS design without the ecr.api endpoint on platform 1.4.0 (LATEST): the ECR auth call has no
endpoint and no internet path (docs/design/causes.md#vpce001, §1.4). The VPC uses endpoints, so docs/design/checks.md names VPCE001
(not NET002), blocker on the VPC.""",
                    "blocked", 1,
                    findings=[F("VPCE001", d.vpc_id(), "blocker")],
                    deps=[dep("ecr.api", d.sub("private-a"), False, None),
                          dep("ecr.dkr", d.sub("private-a"), True, d.vpce("ecr.dkr"))])


@scenario("vpce002-s3-gateway-missing")
def _():
    d = build_endpoints()
    del d.endpoints["s3"]
    return Scenario(d, """\
ENDPOINTS design without the S3 gateway endpoint: manifests resolve through the ECR endpoints but image
layers (S3) have no route (docs/design/causes.md#vpce002). VPCE002 blocker on the VPC; the SG still lists the S3 prefix
list, so FW002 stays silent.""",
                    "blocked", 1,
                    findings=[F("VPCE002", d.vpc_id(), "blocker")],
                    deps=[dep("s3", d.sub("private-a"), False, None)])


@scenario("vpce003-s3-gateway-on-other-route-table")
def _():
    d = build_endpoints()
    d.endpoints["s3"]["RouteTableIds"] = [d.rtb("vpc/main")]
    return Scenario(d, """\
ENDPOINTS design whose S3 gateway endpoint is associated with the VPC's main route table only, while
the task subnets are explicitly associated with the private table, which has no S3 prefix-list route
(docs/design/causes.md#vpce003). VPCE003 blocker on the gateway endpoint.""",
                    "blocked", 1,
                    findings=[F("VPCE003", d.vpce("s3"), "blocker")],
                    deps=[dep("s3", d.sub("private-a"), False, None)])


@scenario("vpce004-logs-endpoint-missing")
def _():
    d = build_endpoints()
    del d.endpoints["logs"]
    return Scenario(d, """\
ENDPOINTS design without the logs endpoint while the container uses awslogs and there is no internet
path (docs/design/causes.md#vpce004). VPCE004 blocker on the VPC.""",
                    "blocked", 1,
                    findings=[F("VPCE004", d.vpc_id(), "blocker")],
                    deps=[dep("logs", d.sub("private-a"), False, None)])


@scenario("vpce005-secretsmanager-endpoint-missing")
def _():
    d = build_endpoints()
    del d.endpoints["secretsmanager"]
    return Scenario(d, """\
ENDPOINTS design without the secretsmanager endpoint while the container references a Secrets Manager
secret on platform 1.4.0 and there is no internet path (docs/design/causes.md#vpce005). VPCE005 blocker on the VPC.""",
                    "blocked", 1,
                    findings=[F("VPCE005", d.vpc_id(), "blocker")],
                    deps=[dep("secretsmanager", d.sub("private-a"), False, None)])


@scenario("vpce006-ecr-dkr-private-dns-off")
def _():
    d = build_endpoints()
    d.endpoints["ecr.dkr"]["PrivateDnsEnabled"] = False
    d.endpoints["ecr.dkr"]["DnsEntries"] = d.endpoints["ecr.dkr"]["DnsEntries"][:-1]
    return Scenario(d, """\
ENDPOINTS design whose ecr.dkr endpoint has private DNS off: the registry name resolves to public IPs,
which have no route (docs/design/causes.md#vpce006; ECR requires private DNS on ecr.dkr). docs/design/checks.md step 1: the endpoint
exists but did not serve -> VPCE006 blocker on the ecr.dkr endpoint (not VPCE001).""",
                    "blocked", 1,
                    findings=[F("VPCE006", d.vpce("ecr.dkr"), "blocker")],
                    deps=[dep("ecr.dkr", d.sub("private-a"), False)])


@scenario("vpce007-dns-hostnames-off")
def _():
    d = build_endpoints()
    d.dns[d.vpc_id()]["EnableDnsHostnames"] = False
    return Scenario(d, """\
ENDPOINTS design with enableDnsHostnames false: interface-endpoint private DNS needs both VPC DNS
attributes, so the service names resolve publicly and have no route (docs/design/causes.md#vpce007, §1.9 DNS).
VPCE007 blocker on the VPC.""",
                    "blocked", 1,
                    findings=[F("VPCE007", d.vpc_id(), "blocker")],
                    deps=[dep("ecr.api", d.sub("private-a"), False)])


@scenario("vpce007-dns-support-off")
def _():
    d = build_endpoints()
    d.dns[d.vpc_id()]["EnableDnsSupport"] = False
    return Scenario(d, """\
ENDPOINTS design with enableDnsSupport false: the Amazon resolver answers nothing, so no name of 1.7
resolves (docs/design/causes.md#vpce007: "DnsSupport false -> fail for everything by name"). VPCE007 blocker on the
VPC.""",
                    "blocked", 1,
                    findings=[F("VPCE007", d.vpc_id(), "blocker")],
                    deps=[dep("ecr.api", d.sub("private-a"), False)])


@scenario("vpce008-custom-dhcp-resolver")
def _():
    d = build_endpoints()
    servers = ["10.30.200.10", "10.30.200.11"]
    d.dhcp["dopt"] = dhcp_doc(d, d.dhcp["dopt"]["DhcpOptionsId"], servers, domain="corp.example.internal")
    # DNS to the custom servers is allowed, so only the resolver question remains (not FW005).
    d.sgs["api"]["IpPermissionsEgress"] += [
        perm("udp", (53, 53), cidrs=[(f"{s}/32", "corporate DNS") for s in servers]),
        perm("tcp", (53, 53), cidrs=[(f"{s}/32", "corporate DNS") for s in servers]),
    ]
    return Scenario(d, """\
ENDPOINTS design whose DHCP options name two corporate DNS servers (allowed by the task SG on 53).
Endpoint private DNS is answered only by the Route 53 Resolver; whether these servers forward to it
cannot be seen (docs/design/causes.md#vpce008). docs/design/checks.md: VPCE008 warning on the DHCP options set.""",
                    "at-risk", 0,
                    findings=[F("VPCE008", d.dhcp["dopt"]["DhcpOptionsId"], "warning")])


@scenario("vpce010-endpoint-pending-acceptance")
def _():
    d = build_endpoints()
    d.endpoints["logs"]["State"] = "pendingAcceptance"
    return Scenario(d, """\
ENDPOINTS design whose logs endpoint is in state pendingAcceptance: an endpoint that is not available
is treated as absent (docs/design/causes.md#vpce010). docs/design/checks.md step 1 names VPCE010 (not VPCE004), blocker on the logs
endpoint.""",
                    "blocked", 1,
                    findings=[F("VPCE010", d.vpce("logs"), "blocker")],
                    deps=[dep("logs", d.sub("private-a"), False)])


@scenario("vpce012-secret-in-other-region")
def _():
    d = build_endpoints()
    d.td["secret_arn"] = f"arn:aws:secretsmanager:eu-west-1:{ACCOUNT}:secret:prod/api/db-password-Xa9kQ2"
    return Scenario(d, """\
ENDPOINTS design (eu-west-3) whose secret lives in eu-west-1. VPC endpoints don't serve cross-Region
Secrets Manager calls and there is no internet path, so the fetch must fail (docs/design/causes.md#vpce012: "a
cross-Region secret ... still needs an internet path -> fail"). VPCE012 blocker on the task definition.""",
                    "blocked", 1,
                    findings=[F("VPCE012", td_arn(d.td), "blocker")],
                    deps=[dep("secretsmanager", d.sub("private-a"), False)])


@scenario("vpce012-awslogs-region-other")
def _():
    d = build_endpoints()
    d.td["log_region"] = "eu-west-1"
    return Scenario(d, """\
ENDPOINTS design (eu-west-3) whose awslogs-region is eu-west-1: the logs endpoint only serves
eu-west-3 and there is no internet path (docs/design/causes.md#vpce004 "check the endpoint Region equals
awslogs-region", C12 -> fail). VPCE012 blocker on the task definition.""",
                    "blocked", 1,
                    findings=[F("VPCE012", td_arn(d.td), "blocker")],
                    deps=[dep("logs", d.sub("private-a"), False)])


@scenario("vpce013-docker-hub-image")
def _():
    d = build_endpoints()
    d.td["image"] = "nginx:1.25"
    return Scenario(d, """\
ENDPOINTS design running a Docker Hub image (nginx:1.25): no VPC endpoint serves a public registry and
the subnets have no internet path (docs/design/causes.md#vpce013, §1.7). VPCE013 blocker on the task definition.""",
                    "blocked", 1,
                    findings=[F("VPCE013", td_arn(d.td), "blocker")])


@scenario("vpce015-public-subnet-broken-ecr-dkr-endpoint")
def _():
    d = build_public()
    d.sgs["ci-runners"] = sg_doc(d, "vpc", d.id("sg", "ci-runners"), "ci-runners", "CI runners", [],
                                 [perm("-1", cidrs=[("0.0.0.0/0", None)])], name_tag="ci-runners")
    d.sgs["vpce"] = sg_doc(d, "vpc", d.id("sg", "vpce"), "ecr-endpoint", "ECR endpoint for CI runners",
                           [perm("tcp", (443, 443), groups=[(d.sg("ci-runners"), "CI runners")])],
                           [perm("-1", cidrs=[("0.0.0.0/0", None)])], name_tag="ecr-endpoint")
    add_interface_endpoint(d, "ecr.dkr", "vpc", "ecr.dkr", [f"public-{z}" for z in "abc"], ["vpce"])
    return Scenario(d, """\
PUBLIC design (tasks with public IPs via the IGW) where someone added an ecr.dkr endpoint with private
DNS for CI runners; its SG admits only the runners. Private DNS applies VPC-wide, so the tasks now hit
the endpoint and are refused (docs/design/causes.md#vpce015, #fw003): FW003 blocker on its SG, VPCE015 info on it.""",
                    "blocked", 1,
                    findings=[F("FW003", d.sg("vpce"), "blocker"),
                              F("VPCE015", d.vpce("ecr.dkr"), "info")],
                    deps=[dep("ecr.dkr", d.sub("public-a"), False),
                          dep("ecr.api", d.sub("public-a"), True, d.igw("igw"))])


# ---- CAP, TD008 ----------------------------------------------------------------------------

@scenario("cap001-unsupported-az-one-of-three")
def _():
    d = build_public(region="us-west-1", key="uswest1", net="10.40", service_subnets="abc")
    return Scenario(d, """\
us-west-1 PUBLIC service whose third subnet is in usw1-az2, where Fargate is not offered (docs/design/causes.md §1.8, #cap001;
AZ IDs compared, never names). The other two subnets work, so placements fail only
sometimes: CAP001 warning on the usw1-az2 subnet.""",
                    "at-risk", 0,
                    findings=[F("CAP001", d.sub("public-c"), "warning")])


@scenario("cap001-unsupported-az-only")
def _():
    d = build_public(region="us-west-1", key="uswest1", net="10.40", service_subnets="c")
    return Scenario(d, """\
us-west-1 PUBLIC service placed only in the usw1-az2 subnet, where Fargate is not offered (docs/design/causes.md §1.8, #cap001;
"unable to place a task. Reason: Internal error."). No placement can work: CAP001 blocker on
that subnet.""",
                    "blocked", 1,
                    findings=[F("CAP001", d.sub("public-c"), "blocker")])


@scenario("cap002-subnet-ip-exhausted-one-of-three")
def _():
    d = build_nat()
    d.subnets["private-b"]["AvailableIpAddressCount"] = 0
    return Scenario(d, """\
PRIVATE-NAT service whose subnet private-b has AvailableIpAddressCount 0: a task placed there gets no
ENI (docs/design/causes.md#cap002). The other two subnets have thousands of free addresses, so this is a warning on
private-b (docs/design/checks.md: a fault in some subnets only).""",
                    "at-risk", 0,
                    findings=[F("CAP002", d.sub("private-b"), "warning")])


@scenario("taskdef-target-ip-exhausted")
def _():
    d = build_nat()
    d.subnets["private-b"]["AvailableIpAddressCount"] = 0
    d.service = None
    d.td_in_snapshot = False
    args = ["--task-definition", "{dir}/taskdef.json", "--subnets", d.sub("private-b"),
            "--security-groups", d.sg("api"), "--assign-public-ip", "DISABLED"]
    return Scenario(d, """\
run-task of the repo's task definition (taskdef.json) into the single subnet private-b, which has no
free IPv4 address left (AvailableIpAddressCount 0): the task ENI cannot be created (docs/design/causes.md#cap002).
It is the only subnet: CAP002 blocker on private-b.""",
                    "blocked", 1, args=args,
                    findings=[F("CAP002", d.sub("private-b"), "blocker")],
                    extra_files={"taskdef.json": task_definition_file(d.td)})


@scenario("td008-subnets-in-two-vpcs")
def _():
    d = build_nat()
    add_vpc(d, "legacy", "10.99.0.0/16", "legacy-batch")
    add_subnet(d, "legacy-a", "legacy", "10.99.1.0/24", 0, "legacy-batch-a")
    d.service["subnets"] = [d.sub("private-a"), d.sub("private-b"), d.sub("legacy-a")]
    return Scenario(d, """\
Service whose awsvpcConfiguration lists two subnets of shop-prod and one of another VPC (legacy-batch);
all subnets must be in one VPC, the same as the SGs (docs/design/causes.md#td008, API_AwsVpcConfiguration).
TD008 blocker on the service.""",
                    "blocked", 1,
                    findings=[F("TD008", service_arn(d), "blocker")],
                    # The legacy subnet's own path (no route, SG of another VPC) may be reported too.
                    maybe=["NET002", "NET008", "FW001"])


# ---- missing data --------------------------------------------------------------------------

@scenario("inconclusive-no-network-acls")
def _():
    d = build_nat()
    d.omit.add("ec2-describe-network-acls.json")
    return Scenario(d, """\
PRIVATE-NAT design collected without describe-network-acls. Routes and SGs are fine, but whether the
subnet NACLs let 443 out and replies in cannot be decided; missing data is never silence
(docs/design/report.md, docs/design/style.md): verdict inconclusive, exit 3, FW006 listed in coverage.unchecked.""",
                    "inconclusive", 3,
                    unchecked=["FW006"],
                    deps=[dep("ecr.api", d.sub("private-a"), None)])


# --------------------------------------------------------------------------------------------

def dump(doc):
    return json.dumps(doc, indent=4, ensure_ascii=False) + "\n"


def write_scenario(name, sc):
    folder = HERE / name
    snapshot = folder / "snapshot"
    if snapshot.exists():
        shutil.rmtree(snapshot)
    snapshot.mkdir(parents=True)
    for file_name, doc in sorted(render(sc.design).items()):
        (snapshot / file_name).write_text(dump(doc))
    for stale in ("taskdef.json",):
        if (folder / stale).exists() and stale not in sc.extra_files:
            (folder / stale).unlink()
    for file_name, doc in sc.extra_files.items():
        (folder / file_name).write_text(dump(doc))
    readme = f"# {name}\n\n{sc.readme.strip()}\n"
    (folder / "README.md").write_text(readme)
    (folder / "expect.json").write_text(format_expect(sc.expect))


def format_expect(expect):
    """expect.json for reviewers: one finding or dependency per line, code lists wrapped."""
    lines = []
    for key, value in expect.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            items = ",\n".join(f"    {json.dumps(v)}" for v in value)
            text = f"[\n{items}\n  ]"
        elif isinstance(value, list) and len(value) > 8:
            rows = [", ".join(json.dumps(v) for v in value[i:i + 8]) for i in range(0, len(value), 8)]
            text = "[\n" + ",\n".join(f"    {r}" for r in rows) + "\n  ]"
        else:
            text = json.dumps(value)
        lines.append(f"  {json.dumps(key)}: {text}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def load_extensions():
    """Scenario sets of other check groups live in gen_<area>.py beside this file, each with a
    register(g) that receives this module (its builders and the @scenario decorator)."""
    import importlib.util
    for extra in sorted(HERE.glob("gen_*.py")):
        spec = importlib.util.spec_from_file_location(extra.stem, extra)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.register(sys.modules[__name__])


def main():
    load_extensions()
    names = [n for n, _ in SCENARIOS]
    if len(names) != len(set(names)):
        sys.exit("duplicate scenario names")
    for name, build in SCENARIOS:
        write_scenario(name, build())
    known = set(names)
    for folder in sorted(p for p in HERE.iterdir() if p.is_dir()):
        if folder.name not in known and (folder / "expect.json").exists():
            print(f"note: {folder.name} has expect.json but is not generated here", file=sys.stderr)
    print(f"wrote {len(names)} scenarios under {HERE.relative_to(HERE.parent.parent)}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Builds the live sweep's world in a moto server (tests/live/live_sweep_moto_test.cpp).

For each account (the caller's own, and others entered through a role assumed there, which is
how moto serves several accounts) and each Region: a VPC with a public subnet behind an internet
gateway, a NAT gateway, two private subnets routed through it, an isolated subnet with no route
out, an S3 gateway endpoint, a task security group and one without egress, an ECR repository
with an image and a log group; per account an execution role with the AWS managed policy and one
with no policy at all. Two clusters, `web` and `jobs`, hold healthy services and three broken
ones, each broken one way:

    web/orders-isolated   its subnet has no route out        -> NET002
    jobs/report-no-egress its security group allows no egress -> FW001
    jobs/sync-bare-role   its execution role has no policy    -> IAM004, IAM005

Prints, as JSON, every service ARN with the code it must raise (null for a healthy one).
Usage: moto_sweep_setup.py ENDPOINT_URL ACCOUNT[,ACCOUNT...] REGION[,REGION...] HEALTHY_PER_CLUSTER
The first account is the caller's own; the credentials come from the environment.
"""
import json
import sys

import boto3

TRUST = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
ECS_TRUST = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "ecs.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
MANIFEST = json.dumps({
    "schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
    "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 7023,
               "digest": "sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7"},
    "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "size": 32654,
                "digest": "sha256:e692418e4cbaf90ca69d05a66403747baa33ee08806650b51fab815ad7fc331f"}]})
EXEC_POLICY = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"


def session_for(endpoint, account, own):
    if account == own:
        return boto3.session.Session()
    sts = boto3.client("sts", endpoint_url=endpoint, region_name="us-east-1")
    c = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/audit", RoleSessionName="setup")["Credentials"]
    return boto3.session.Session(aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"],
                                 aws_session_token=c["SessionToken"])


def roles(iam):
    execution = iam.create_role(RoleName="app-execution", AssumeRolePolicyDocument=json.dumps(TRUST))["Role"]["Arn"]
    iam.attach_role_policy(RoleName="app-execution", PolicyArn=EXEC_POLICY)
    bare = iam.create_role(RoleName="bare-execution", AssumeRolePolicyDocument=json.dumps(TRUST))["Role"]["Arn"]
    iam.create_role(RoleName="AWSServiceRoleForECS", Path="/aws-service-role/ecs.amazonaws.com/",
                    AssumeRolePolicyDocument=json.dumps(ECS_TRUST))
    return execution, bare


def network(ec2, region):
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    for attribute in ("EnableDnsSupport", "EnableDnsHostnames"):
        ec2.modify_vpc_attribute(VpcId=vpc, **{attribute: {"Value": True}})
    subnet = lambda cidr, az: ec2.create_subnet(VpcId=vpc, CidrBlock=cidr, AvailabilityZone=region + az)["Subnet"]["SubnetId"]
    public, private1, private2, isolated = (subnet("10.0.0.0/24", "a"), subnet("10.0.1.0/24", "a"),
                                            subnet("10.0.2.0/24", "b"), subnet("10.0.3.0/24", "a"))
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
    public_rt = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=public_rt, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
    ec2.associate_route_table(RouteTableId=public_rt, SubnetId=public)
    eip = ec2.allocate_address(Domain="vpc")["AllocationId"]
    nat = ec2.create_nat_gateway(SubnetId=public, AllocationId=eip)["NatGateway"]["NatGatewayId"]
    private_rt = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=private_rt, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=nat)
    for s in (private1, private2):
        ec2.associate_route_table(RouteTableId=private_rt, SubnetId=s)
    isolated_rt = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    ec2.associate_route_table(RouteTableId=isolated_rt, SubnetId=isolated)
    ec2.create_vpc_endpoint(VpcId=vpc, VpcEndpointType="Gateway", ServiceName=f"com.amazonaws.{region}.s3",
                            RouteTableIds=[private_rt, isolated_rt])
    sg = ec2.create_security_group(GroupName="tasks", Description="tasks", VpcId=vpc)["GroupId"]
    closed = ec2.create_security_group(GroupName="no-egress", Description="no egress", VpcId=vpc)["GroupId"]
    ec2.revoke_security_group_egress(GroupId=closed, IpPermissions=[
        {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    return {"private": [private1, private2], "isolated": [isolated], "sg": sg, "closed": closed}


def task_definition(ecs, family, image, role, region):
    container = {"name": "app", "image": image, "memory": 512, "essential": True,
                 "logConfiguration": {"logDriver": "awslogs", "options": {
                     "awslogs-group": "/ecs/app", "awslogs-region": region, "awslogs-stream-prefix": family}}}
    return ecs.register_task_definition(
        family=family, requiresCompatibilities=["FARGATE"], networkMode="awsvpc", cpu="256", memory="512",
        executionRoleArn=role, containerDefinitions=[container])["taskDefinition"]["taskDefinitionArn"]


def service(ecs, cluster, name, td, subnets, sg):
    return ecs.create_service(
        cluster=cluster, serviceName=name, taskDefinition=td, desiredCount=1, launchType="FARGATE",
        platformVersion="1.4.0", networkConfiguration={"awsvpcConfiguration": {
            "subnets": subnets, "securityGroups": [sg], "assignPublicIp": "DISABLED"}})["service"]["serviceArn"]


def build(session, endpoint, account, region, execution, bare, healthy, expected):
    client = lambda name: session.client(name, endpoint_url=endpoint, region_name=region)
    ec2, ecs, ecr, logs = client("ec2"), client("ecs"), client("ecr"), client("logs")
    net = network(ec2, region)
    ecr.create_repository(repositoryName="app")
    ecr.put_image(repositoryName="app", imageTag="1.0", imageManifest=MANIFEST)
    logs.create_log_group(logGroupName="/ecs/app")
    image = f"{account}.dkr.ecr.{region}.amazonaws.com/app:1.0"
    td = task_definition(ecs, "app", image, execution, region)
    bare_td = task_definition(ecs, "sync", image, bare, region)
    for cluster in ("web", "jobs"):
        ecs.create_cluster(clusterName=cluster)
        for i in range(healthy):
            expected[service(ecs, cluster, f"{cluster}-{i}", td, net["private"], net["sg"])] = None
    expected[service(ecs, "web", "orders-isolated", td, net["isolated"], net["sg"])] = "NET002"
    expected[service(ecs, "jobs", "report-no-egress", td, net["private"], net["closed"])] = "FW001"
    expected[service(ecs, "jobs", "sync-bare-role", bare_td, net["private"], net["sg"])] = "IAM004"


def main():
    endpoint, accounts, regions, healthy = sys.argv[1], sys.argv[2].split(","), sys.argv[3].split(","), int(sys.argv[4])
    own = accounts[0]
    expected = {}
    for account in accounts:
        session = session_for(endpoint, account, own)
        execution, bare = roles(session.client("iam", endpoint_url=endpoint, region_name="us-east-1"))
        for region in regions:
            build(session, endpoint, account, region, execution, bare, healthy, expected)
    json.dump(expected, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes a CloudFormation template (YAML, short-form tags) of about N resources, for timing a
whole `fargate-doctor diagnose` of a template larger than any in the corpus.

The shape of a real private design, repeated: one VPC with an internet gateway and a public
subnet holding a NAT gateway; then, per group of ten resources, a private subnet (its CIDR by
`!Select` over `!Cidr`), its route table with a route to the NAT gateway and the association,
a security group, a log group, a task definition (ECR image by `!Sub`, awslogs) and a Fargate
service placed by `!Ref` in that subnet and group, with one shared execution role.

  python3 bench/predeploy/gen_template.py N > template.yaml
"""
import sys

HEAD = """AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/8, EnableDnsSupport: true, EnableDnsHostnames: true}
  Igw:
    Type: AWS::EC2::InternetGateway
  IgwAttachment:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw}
  PublicSubnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.255.0.0/24, AvailabilityZone: eu-west-1a}
  PublicRouteTable:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref Vpc}
  PublicRoute:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref PublicRouteTable, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw}
  PublicAssociation:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref PublicSubnet, RouteTableId: !Ref PublicRouteTable}
  NatIp:
    Type: AWS::EC2::EIP
    Properties: {Domain: vpc}
  Nat:
    Type: AWS::EC2::NatGateway
    Properties: {SubnetId: !Ref PublicSubnet, AllocationId: !GetAtt NatIp.AllocationId}
  Cluster:
    Type: AWS::ECS::Cluster
  ExecutionRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement: [{Effect: Allow, Principal: {Service: ecs-tasks.amazonaws.com}, Action: "sts:AssumeRole"}]
      ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy]
"""

GROUP = """  Subnet{i}:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: !Select [{i}, !Cidr [10.0.0.0/12, 4096, 8]]
      AvailabilityZone: eu-west-1{az}
  RouteTable{i}:
    Type: AWS::EC2::RouteTable
    Properties: {{VpcId: !Ref Vpc}}
  Route{i}:
    Type: AWS::EC2::Route
    Properties: {{RouteTableId: !Ref RouteTable{i}, DestinationCidrBlock: 0.0.0.0/0, NatGatewayId: !Ref Nat}}
  Association{i}:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {{SubnetId: !Ref Subnet{i}, RouteTableId: !Ref RouteTable{i}}}
  Group{i}:
    Type: AWS::EC2::SecurityGroup
    Properties: {{GroupDescription: service {i}, VpcId: !Ref Vpc}}
  LogGroup{i}:
    Type: AWS::Logs::LogGroup
    Properties: {{LogGroupName: /ecs/service-{i}}}
  TaskDefinition{i}:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: service-{i}
      Cpu: "256"
      Memory: "512"
      NetworkMode: awsvpc
      RequiresCompatibilities: [FARGATE]
      ExecutionRoleArn: !GetAtt ExecutionRole.Arn
      ContainerDefinitions:
        - Name: app
          Image: !Sub ${{AWS::AccountId}}.dkr.ecr.${{AWS::Region}}.amazonaws.com/service-{i}:1
          LogConfiguration:
            LogDriver: awslogs
            Options: {{awslogs-group: /ecs/service-{i}, awslogs-region: !Ref AWS::Region, awslogs-stream-prefix: app}}
  Service{i}:
    Type: AWS::ECS::Service
    Properties:
      ServiceName: service-{i}
      Cluster: !Ref Cluster
      LaunchType: FARGATE
      TaskDefinition: !Ref TaskDefinition{i}
      NetworkConfiguration:
        AwsvpcConfiguration: {{Subnets: [!Ref Subnet{i}], SecurityGroups: [!Ref Group{i}]}}
"""


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    out = [HEAD]
    for i in range(max(1, (n - 12) // 8)):
        out.append(GROUP.format(i=i, az="abc"[i % 3]))
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    main()

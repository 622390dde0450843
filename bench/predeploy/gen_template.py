#!/usr/bin/env python3
"""Writes a CloudFormation template (YAML, short-form tags) of about N resources, for timing a
whole `fargate-doctor diagnose` of a template larger than any in the corpus.

The shape of a real private design, repeated: one VPC with an internet gateway, three public
subnets (one holding a NAT gateway) and an Application Load Balancer with a listener; then, per
group of ten resources, a private subnet (its CIDR by `!Select` over `!Cidr`, whose at most 256
blocks take one /16 per 256 services), its route table with a route to the NAT gateway and the
association, a security group, a log group, a task definition (ECR image by `!Sub`, awslogs), an
ip target group with its listener rule, and a Fargate service placed by `!Ref` in that subnet
and group, registered with that target group and waiting (DependsOn) for its rule, with one
shared execution role.

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
  PublicSubnetB:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.255.1.0/24, AvailabilityZone: eu-west-1b}
  PublicAssociationB:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref PublicSubnetB, RouteTableId: !Ref PublicRouteTable}
  PublicSubnetC:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.255.2.0/24, AvailabilityZone: eu-west-1c}
  PublicAssociationC:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref PublicSubnetC, RouteTableId: !Ref PublicRouteTable}
  Balancer:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: {Subnets: [!Ref PublicSubnet, !Ref PublicSubnetB, !Ref PublicSubnetC]}
  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Balancer
      Port: 80
      Protocol: HTTP
      DefaultActions: [{Type: fixed-response, FixedResponseConfig: {StatusCode: "404"}}]
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
      CidrBlock: !Select [{j}, !Cidr [10.{k}.0.0/16, 256, 8]]
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
          PortMappings: [{{ContainerPort: 8080}}]
          LogConfiguration:
            LogDriver: awslogs
            Options: {{awslogs-group: /ecs/service-{i}, awslogs-region: !Ref AWS::Region, awslogs-stream-prefix: app}}
  TargetGroup{i}:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties: {{VpcId: !Ref Vpc, Protocol: HTTP, Port: 8080, TargetType: ip}}
  Rule{i}:
    Type: AWS::ElasticLoadBalancingV2::ListenerRule
    Properties:
      ListenerArn: !Ref Listener
      Priority: {priority}
      Conditions: [{{Field: path-pattern, Values: [/service-{i}/*]}}]
      Actions: [{{Type: forward, TargetGroupArn: !Ref TargetGroup{i}}}]
  Service{i}:
    Type: AWS::ECS::Service
    DependsOn: Rule{i}
    Properties:
      ServiceName: service-{i}
      Cluster: !Ref Cluster
      LaunchType: FARGATE
      TaskDefinition: !Ref TaskDefinition{i}
      NetworkConfiguration:
        AwsvpcConfiguration: {{Subnets: [!Ref Subnet{i}], SecurityGroups: [!Ref Group{i}]}}
      LoadBalancers: [{{ContainerName: app, ContainerPort: 8080, TargetGroupArn: !Ref TargetGroup{i}}}]
"""


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    out = [HEAD]
    for i in range(max(1, (n - 19) // 10)):
        # Fn::Cidr makes at most 256 blocks: one /16 of the VPC per 256 services.
        out.append(GROUP.format(i=i, j=i % 256, k=i // 256, az="abc"[i % 3], priority=i + 1))
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    main()

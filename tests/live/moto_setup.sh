#!/bin/sh
# Builds a healthy Fargate service in a moto server with the AWS CLI, for the live tests
# (tests/live/live_moto_test.cpp): a VPC with a public subnet (IGW) and two private subnets
# (NAT), an S3 gateway endpoint, the task's security group, an execution role with the AWS
# managed policy and an inline policy for its secret, an ECR repository with an image, a log
# group, a secret, a cluster, a task definition and a service. Prints the IDs as JSON.
# The caller sets AWS_ENDPOINT_URL_ARGS="--endpoint-url http://127.0.0.1:PORT" and the
# credentials in the environment; nothing here touches a real account.
set -eu
AWS="${AWS:-aws}"
R=us-east-1
a() { "$AWS" --region "$R" $ENDPOINT --output json "$@"; }
q() { "$AWS" --region "$R" $ENDPOINT --output text "$@"; }
ENDPOINT="--endpoint-url ${FD_MOTO_URL:?FD_MOTO_URL unset}"

ACCOUNT=$(q sts get-caller-identity --query Account)
VPC=$(q ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId)
a ec2 modify-vpc-attribute --vpc-id "$VPC" --enable-dns-support '{"Value":true}' >/dev/null
a ec2 modify-vpc-attribute --vpc-id "$VPC" --enable-dns-hostnames '{"Value":true}' >/dev/null
PUB=$(q ec2 create-subnet --vpc-id "$VPC" --cidr-block 10.0.0.0/24 --availability-zone ${R}a --query Subnet.SubnetId)
PRIV1=$(q ec2 create-subnet --vpc-id "$VPC" --cidr-block 10.0.1.0/24 --availability-zone ${R}a --query Subnet.SubnetId)
PRIV2=$(q ec2 create-subnet --vpc-id "$VPC" --cidr-block 10.0.2.0/24 --availability-zone ${R}b --query Subnet.SubnetId)
IGW=$(q ec2 create-internet-gateway --query InternetGateway.InternetGatewayId)
a ec2 attach-internet-gateway --internet-gateway-id "$IGW" --vpc-id "$VPC" >/dev/null
PUBRT=$(q ec2 create-route-table --vpc-id "$VPC" --query RouteTable.RouteTableId)
a ec2 create-route --route-table-id "$PUBRT" --destination-cidr-block 0.0.0.0/0 --gateway-id "$IGW" >/dev/null
a ec2 associate-route-table --route-table-id "$PUBRT" --subnet-id "$PUB" >/dev/null
EIP=$(q ec2 allocate-address --domain vpc --query AllocationId)
NAT=$(q ec2 create-nat-gateway --subnet-id "$PUB" --allocation-id "$EIP" --query NatGateway.NatGatewayId)
PRIVRT=$(q ec2 create-route-table --vpc-id "$VPC" --query RouteTable.RouteTableId)
a ec2 create-route --route-table-id "$PRIVRT" --destination-cidr-block 0.0.0.0/0 --nat-gateway-id "$NAT" >/dev/null
a ec2 associate-route-table --route-table-id "$PRIVRT" --subnet-id "$PRIV1" >/dev/null
a ec2 associate-route-table --route-table-id "$PRIVRT" --subnet-id "$PRIV2" >/dev/null
a ec2 create-vpc-endpoint --vpc-id "$VPC" --vpc-endpoint-type Gateway \
  --service-name com.amazonaws.$R.s3 --route-table-ids "$PRIVRT" >/dev/null
SG=$(q ec2 create-security-group --group-name api-task --description "api tasks" --vpc-id "$VPC" --query GroupId)

TRUST='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
ROLE_ARN=$(q iam create-role --role-name api-execution --assume-role-policy-document "$TRUST" --query Role.Arn)
a iam attach-role-policy --role-name api-execution \
  --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy >/dev/null
SECRET_ARN=$(q secretsmanager create-secret --name api/db --secret-string not-a-real-secret --query ARN)
a iam put-role-policy --role-name api-execution --policy-name read-db-secret --policy-document \
  "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"$SECRET_ARN\"}]}" >/dev/null

# Every account that has run an ECS service has the ECS service-linked role.
# moto's create-service-linked-role names it AWSServiceRoleForecs, so create it under its real
# name and path directly.
a iam create-role --role-name AWSServiceRoleForECS --path /aws-service-role/ecs.amazonaws.com/ \
  --assume-role-policy-document \
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs.amazonaws.com"},"Action":"sts:AssumeRole"}]}' >/dev/null
a ecr create-repository --repository-name api >/dev/null
MANIFEST='{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":7023,"digest":"sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7"},"layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":32654,"digest":"sha256:e692418e4cbaf90ca69d05a66403747baa33ee08806650b51fab815ad7fc331f"}]}'
a ecr put-image --repository-name api --image-tag 1.0 --image-manifest "$MANIFEST" >/dev/null
a logs create-log-group --log-group-name /ecs/api >/dev/null

a ecs create-cluster --cluster-name prod >/dev/null
IMAGE="$ACCOUNT.dkr.ecr.$R.amazonaws.com/api:1.0"
CONTAINERS="[{\"name\":\"web\",\"image\":\"$IMAGE\",\"memory\":512,\"essential\":true,
  \"portMappings\":[{\"containerPort\":8080,\"protocol\":\"tcp\"}],
  \"secrets\":[{\"name\":\"DB\",\"valueFrom\":\"$SECRET_ARN\"}],
  \"logConfiguration\":{\"logDriver\":\"awslogs\",\"options\":{\"awslogs-group\":\"/ecs/api\",\"awslogs-region\":\"$R\",\"awslogs-stream-prefix\":\"web\"}}}]"
TD=$(q ecs register-task-definition --family api --requires-compatibilities FARGATE \
  --network-mode awsvpc --cpu 256 --memory 512 --execution-role-arn "$ROLE_ARN" \
  --container-definitions "$CONTAINERS" --query taskDefinition.taskDefinitionArn)
a ecs create-service --cluster prod --service-name api --task-definition "$TD" --desired-count 1 \
  --launch-type FARGATE --platform-version 1.4.0 \
  --network-configuration "awsvpcConfiguration={subnets=[$PRIV1,$PRIV2],securityGroups=[$SG],assignPublicIp=DISABLED}" >/dev/null

printf '{"account":"%s","vpc":"%s","private_route_table":"%s","nat":"%s","security_group":"%s","role":"api-execution","secret":"%s","region":"%s"}\n' \
  "$ACCOUNT" "$VPC" "$PRIVRT" "$NAT" "$SG" "$SECRET_ARN" "$R"

// CloudFormation's semantics in the model the mapper builds, on small templates: security group
// egress defaults, CDK's disallow rule, what AWS creates with a VPC, references that match the
// IDs they name, role ARNs the IAM analysis finds, and values only deployment will know.
#include "predeploy/cfn/to_model.h"

#include <gtest/gtest.h>

#include "analysis/iam/roles.h"
#include "testing/cfn_fixture.h"

namespace fd::predeploy::cfn {
namespace {

using fd::testing::CfnFiles;

constexpr const char* kNetwork = R"(
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}
  SubnetB:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24}
  Table:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref Vpc}
  Assoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {RouteTableId: !Ref Table, SubnetId: !Ref SubnetA}
  Open:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: no egress written, VpcId: !Ref Vpc}
  Closed:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: CDK allowAllOutbound false
      VpcId: !Ref Vpc
      SecurityGroupEgress:
        - {CidrIp: 255.255.255.255/32, Description: Disallow all traffic, FromPort: 252, IpProtocol: icmp, ToPort: 86}
  Https:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: 443 only
      VpcId: !Ref Vpc
      SecurityGroupEgress: [{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}]
  ClosedToHttps:
    Type: AWS::EC2::SecurityGroupEgress
    Properties: {GroupId: !GetAtt Closed.GroupId, IpProtocol: tcp, FromPort: 443, ToPort: 443, DestinationSecurityGroupId: !Ref Https}
)";

DeclaredModel Build(const std::string& text, BuildOptions options = {"us-east-1", "111122223333"},
                    const std::vector<std::string>& parameters = {}) {
  CfnFiles files;
  files.Write("stack.yml", text);
  Options o;
  o.region = options.region;
  o.account = options.account;
  for (const std::string& p : parameters) EXPECT_TRUE(o.parameters.AddArgument(p));
  auto t = files.Read({"stack.yml"}, o);
  EXPECT_TRUE(t) << (t ? "" : t.error().message);
  if (!t) return {};
  auto m = BuildModel(*t, options);
  EXPECT_TRUE(m) << (m ? "" : m.error().message);
  return m ? std::move(*m) : DeclaredModel{};
}

std::string NotesOf(const DeclaredModel& m) {
  std::string out;
  for (const InputNote& n : m.notes) out += n.pointer + ": " + n.note + "\n";
  return out;
}

TEST(CfnToModel, GroupWithoutEgressAllowsAllAndCdkDisallowRuleAllowsNone) {
  DeclaredModel m = Build(kNetwork);
  const model::SecurityGroup* open = m.model.security_groups().Find("Open");
  ASSERT_NE(open, nullptr);
  ASSERT_EQ(open->egress.size(), 1u);
  EXPECT_EQ(open->egress[0].protocol, -1);
  ASSERT_EQ(open->egress[0].cidrs.size(), 1u);
  EXPECT_EQ(open->egress[0].cidrs[0], *Cidr4::Parse("0.0.0.0/0"));
  const model::SecurityGroup* https = m.model.security_groups().Find("Https");
  ASSERT_NE(https, nullptr);
  ASSERT_EQ(https->egress.size(), 1u);
  EXPECT_EQ(https->egress[0].protocol, 6);
  EXPECT_EQ(https->egress[0].ports, (PortRange{443, 443}));
  // The disallow rule is gone; only the standalone rule (to the Https group) remains.
  const model::SecurityGroup* closed = m.model.security_groups().Find("Closed");
  ASSERT_NE(closed, nullptr);
  ASSERT_EQ(closed->egress.size(), 1u);
  EXPECT_TRUE(closed->egress[0].cidrs.empty());
  EXPECT_EQ(closed->egress[0].group_ids, std::vector<std::string>{"Https"});
}

TEST(CfnToModel, CreatedVpcHasMainTableDefaultAclAndDefaultGroup) {
  DeclaredModel m = Build(kNetwork);
  bool implicit = false;
  const model::RouteTable* b = m.model.RouteTableForSubnet("SubnetB", &implicit);
  ASSERT_NE(b, nullptr);
  EXPECT_TRUE(implicit);
  EXPECT_EQ(b->id, "Vpc.MainRouteTable");
  ASSERT_EQ(b->routes.size(), 1u);
  EXPECT_EQ(b->routes[0].target, model::RouteTarget::kLocal);
  const model::RouteTable* a = m.model.RouteTableForSubnet("SubnetA", &implicit);
  ASSERT_NE(a, nullptr);
  EXPECT_FALSE(implicit);
  EXPECT_EQ(a->id, "Table");
  const model::NetworkAcl* acl = m.model.NaclForSubnet("SubnetA");
  ASSERT_NE(acl, nullptr);
  EXPECT_TRUE(acl->is_default);
  bool allows_out = false, allows_in = false;
  for (const model::NaclEntry& e : acl->entries)
    if (e.allow && e.protocol == -1) (e.egress ? allows_out : allows_in) = true;
  EXPECT_TRUE(allows_out && allows_in);
  const model::SecurityGroup* def = m.model.DefaultSecurityGroup("Vpc");
  ASSERT_NE(def, nullptr);
  EXPECT_EQ(def->name, "default");
  ASSERT_EQ(def->ingress.size(), 1u);
  EXPECT_EQ(def->ingress[0].group_ids, std::vector<std::string>{def->id});
  EXPECT_TRUE(m.model.Has("Subnets"));  // every VPC is declared: absence is proof
}

TEST(CfnToModel, RefsMatchTheIdsTheyNameAndOriginsLocateThem) {
  DeclaredModel m = Build(kNetwork);
  const model::Subnet* a = m.model.subnets().Find("SubnetA");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->vpc_id, "Vpc");
  ASSERT_NE(m.model.vpcs().Find("Vpc"), nullptr);
  ASSERT_EQ(m.origins.count("SubnetA"), 1u);
  const Origin& o = m.origins.at("SubnetA");
  EXPECT_EQ(o.declared_id, "SubnetA");
  EXPECT_EQ(o.source, "stack");
  EXPECT_EQ(o.pos.line, 7);  // the first line of its declaration's body
  EXPECT_EQ(m.origins.at("Vpc.MainRouteTable").declared_id, "Vpc");
}

constexpr const char* kRoles = R"(
Resources:
  ExecutionRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: app-execution
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Principal: {Service: ecs-tasks.amazonaws.com}, Action: sts:AssumeRole}]
  TaskRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Principal: {Service: ecs-tasks.amazonaws.com}, Action: sts:AssumeRole}]
  ExecutionRoleDefaultPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: ExecutionRoleDefaultPolicy
      PolicyDocument:
        Statement: [{Effect: Allow, Action: logs:PutLogEvents, Resource: !GetAtt Logs.Arn}]
      Roles: [!Ref ExecutionRole]
  Db:
    Type: AWS::SecretsManager::Secret
    Properties: {Name: app/db, GenerateSecretString: {PasswordLength: 32}}
  Logs:
    Type: AWS::Logs::LogGroup
    Properties: {LogGroupName: /ecs/app}
  Generated:
    Type: AWS::Logs::LogGroup
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Cpu: 256
      Memory: 512
      NetworkMode: awsvpc
      ExecutionRoleArn: !GetAtt ExecutionRole.Arn
      TaskRoleArn: !Ref TaskRole
      ContainerDefinitions:
        - Name: app
          Image: !Ref Image
          Environment: [{Name: PASSWORD, Value: hunter2}]
          Secrets:
            - {Name: TOKEN, ValueFrom: arn:aws:ssm:us-east-1:111122223333:parameter/token}
            - {Name: DB, ValueFrom: !Ref Db}
          LogConfiguration:
            LogDriver: awslogs
            Options: {awslogs-group: !Ref Logs, awslogs-region: !Ref AWS::Region, awslogs-stream-prefix: app}
Parameters:
  Image: {Type: String}
)";

TEST(CfnToModel, RoleArnsAreFoundByTheIamAnalysisAndPoliciesAttach) {
  DeclaredModel m = Build(kRoles, {"us-east-1", "111122223333"}, {"Image=nginx"});
  const model::TaskDefinition* td = m.model.FindTaskDefinition("Task");
  ASSERT_NE(td, nullptr) << NotesOf(m);
  EXPECT_EQ(td->execution_role_arn, "arn:aws:iam::111122223333:role/app-execution");
  auto exec = analysis::LookUpRole(m.model, td->execution_role_arn, "111122223333");
  ASSERT_EQ(exec.state, analysis::RoleLookup::State::kFound);
  ASSERT_EQ(exec.role->inline_policies.size(), 1u);
  EXPECT_EQ(exec.role->inline_policies[0].name, "ExecutionRoleDefaultPolicy");
  EXPECT_TRUE(exec.role->inline_policies_known && exec.role->attached_policies_known);
  // Ref of a role is its name; without RoleName the model knows it by its logical ID.
  EXPECT_EQ(td->task_role_arn, "TaskRole");
  EXPECT_EQ(analysis::LookUpRole(m.model, td->task_role_arn, "111122223333").state,
            analysis::RoleLookup::State::kFound);
  EXPECT_EQ(m.origins.at(exec.role->arn).declared_id, "ExecutionRole");
}

TEST(CfnToModel, RoleArnWithoutAccountIsTheLogicalIdAndStillFound) {
  DeclaredModel m = Build(kRoles, {"us-east-1", ""}, {"Image=nginx"});
  const model::TaskDefinition* td = m.model.FindTaskDefinition("Task");
  ASSERT_NE(td, nullptr);
  EXPECT_EQ(td->execution_role_arn, "ExecutionRole");
  EXPECT_EQ(analysis::LookUpRole(m.model, td->execution_role_arn).state,
            analysis::RoleLookup::State::kFound);
  EXPECT_NE(NotesOf(m).find("pass --account"), std::string::npos) << NotesOf(m);
}

TEST(CfnToModel, LogGroupsSecretsAndEnvironment) {
  DeclaredModel m = Build(kRoles, {"us-east-1", "111122223333"}, {"Image=nginx"});
  EXPECT_NE(m.model.log_groups().Find("us-east-1 /ecs/app"), nullptr);
  EXPECT_EQ(m.model.log_groups().size(), 1u);  // the generated name is not guessed
  EXPECT_NE(NotesOf(m).find("LogGroupName of Generated"), std::string::npos) << NotesOf(m);
  EXPECT_FALSE(m.model.Covers("logs us-east-1"));
  const model::TaskDefinition* td = m.model.FindTaskDefinition("Task");
  ASSERT_NE(td, nullptr);
  ASSERT_EQ(td->containers.size(), 1u);
  const model::ContainerDefinition& c = td->containers[0];
  EXPECT_EQ(c.image, "nginx");
  ASSERT_TRUE(c.log_configuration);
  EXPECT_EQ(c.log_configuration->options.at("awslogs-group"), "/ecs/app");
  ASSERT_EQ(c.secrets.size(), 2u);
  EXPECT_EQ(c.secrets[0].value_from, "arn:aws:ssm:us-east-1:111122223333:parameter/token");
  // Ref of a declared secret is its ARN, the key the model knows the secret by.
  EXPECT_EQ(c.secrets[1].value_from, "arn:aws:secretsmanager:us-east-1:111122223333:secret:app/db");
  EXPECT_NE(m.model.secrets().Find(c.secrets[1].value_from), nullptr);
  EXPECT_EQ(NotesOf(m).find("hunter2"), std::string::npos);
}

TEST(CfnToModel, UnknownImageIsLeftEmptyWithANote) {
  DeclaredModel m = Build(kRoles);
  const model::TaskDefinition* td = m.model.FindTaskDefinition("Task");
  ASSERT_NE(td, nullptr);
  EXPECT_EQ(td->containers.at(0).image, "");
  EXPECT_NE(NotesOf(m).find("Image of container app of Task"), std::string::npos) << NotesOf(m);
}

constexpr const char* kExisting = R"(
Parameters:
  VpcId: {Type: AWS::EC2::VPC::Id}
  SubnetOne: {Type: AWS::EC2::Subnet::Id}
  Range: {Type: String}
Resources:
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: task, VpcId: !Ref VpcId}
  Unplaced:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref VpcId, CidrBlock: !Select [0, !Cidr [!Ref Range, 4, 8]]}
  Service:
    Type: AWS::ECS::Service
    Properties:
      LaunchType: FARGATE
      NetworkConfiguration:
        AwsvpcConfiguration: {Subnets: [!Ref SubnetOne], SecurityGroups: [!Ref Group]}
  Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties: {VpcId: !Ref VpcId, ServiceName: !Sub 'com.amazonaws.${AWS::Region}.s3'}
)";

TEST(CfnToModel, ValuesOnlyDeploymentKnowsNeverBecomeWrongOnes) {
  DeclaredModel m = Build(kExisting, {"", ""});
  const std::string notes = NotesOf(m);
  // No IPv4 CIDR must not read as IPv6-only: the subnet is left out.
  EXPECT_EQ(m.model.subnets().Find("Unplaced"), nullptr);
  EXPECT_NE(notes.find("CidrBlock of Unplaced"), std::string::npos) << notes;
  EXPECT_NE(notes.find("parameter SubnetOne"), std::string::npos) << notes;
  EXPECT_NE(notes.find("ServiceName of Endpoint"), std::string::npos) << notes;
  EXPECT_EQ(m.model.vpc_endpoints().size(), 0u);
  const model::EcsService* s = m.model.services().Find("Service");
  ASSERT_NE(s, nullptr);
  ASSERT_EQ(s->network.subnets.size(), 1u);
  EXPECT_EQ(m.model.subnets().Find(s->network.subnets[0]), nullptr);
  EXPECT_FALSE(m.model.Has("Subnets"));  // absence proves nothing
  EXPECT_EQ(s->network.security_groups, std::vector<std::string>{"Group"});
  EXPECT_FALSE(s->network.assign_public_ip.value_or(true));  // CloudFormation's DISABLED
}

// A size, a role or a subnet list only deployment knows is not read as absent, which would be a
// fault of its own (no task-level cpu: TD001; no subnet: TD008).
TEST(CfnToModel, UnknownSizesRolesAndSubnetListsAreNotReadAsAbsent) {
  DeclaredModel m = Build(R"(
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Cpu: !ImportValue shared-cpu
      Memory: "512"
      NetworkMode: awsvpc
      ContainerDefinitions: [{Name: app, Image: nginx}]
  Known:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Cpu: "256"
      Memory: "512"
      ExecutionRoleArn: !ImportValue shared-role
      ContainerDefinitions: [{Name: app, Image: nginx}]
  Service:
    Type: AWS::ECS::Service
    Properties:
      TaskDefinition: !Ref Task
      NetworkConfiguration:
        AwsvpcConfiguration:
          Subnets: !Split [",", !ImportValue shared-subnets]
)");
  const std::string notes = NotesOf(m);
  EXPECT_EQ(m.model.FindTaskDefinition("Task"), nullptr) << notes;
  EXPECT_EQ(m.model.FindTaskDefinition("Known"), nullptr) << notes;
  EXPECT_NE(notes.find("Cpu of Task is"), std::string::npos) << notes;
  EXPECT_NE(notes.find("ExecutionRoleArn of Known is"), std::string::npos) << notes;
  const model::EcsService* s = m.model.services().Find("Service");
  ASSERT_NE(s, nullptr);
  ASSERT_EQ(s->network.subnets.size(), 1u);  // some subnets, none the model holds
  EXPECT_TRUE(s->network.subnets[0].starts_with("(unknown: ")) << s->network.subnets[0];
}

TEST(CfnToModel, ALogicalIdSeveralStacksDeclareIsPrefixedWithItsStack) {
  CfnFiles files;
  files.Write("a.yml", kNetwork);
  files.Write("b.yml", kNetwork);
  auto t = files.Read({"a.yml", "b.yml"}, {});
  ASSERT_TRUE(t);
  auto m = BuildModel(*t, {});
  ASSERT_TRUE(m);
  const model::Subnet* s = m->model.subnets().Find("b.SubnetA");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->vpc_id, "b.Vpc");
  EXPECT_EQ(m->origins.at("a.SubnetA").source, "a");
}

TEST(CfnToModel, UnknownTypesAreNotedWithWhatTheyCouldChange) {
  DeclaredModel m = Build(std::string(kNetwork) +
                          "  Tgw:\n    Type: AWS::EC2::TransitGateway\n"
                          "  Queue:\n    Type: AWS::SQS::Queue\n");
  const std::string notes = NotesOf(m);
  EXPECT_NE(notes.find("AWS::EC2::TransitGateway (1 resource) is not read"),
            std::string::npos) << notes;
  EXPECT_EQ(notes.find("AWS::SQS::Queue"), std::string::npos) << notes;
}

TEST(CfnToModel, AResourceWithAnUndecidedConditionIsKeptWithANote) {
  DeclaredModel m = Build(R"(
Parameters:
  WithVpc: {Type: String, AllowedValues: ['yes', 'no']}
Conditions:
  CreateVpc: !Equals [!Ref WithVpc, 'yes']
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Condition: CreateVpc
    Properties: {CidrBlock: 10.0.0.0/16}
)");
  EXPECT_NE(m.model.vpcs().Find("Vpc"), nullptr);
  EXPECT_NE(NotesOf(m).find("its Condition CreateVpc is undecided"), std::string::npos) << NotesOf(m);
}

TEST(CfnToModel, NoStackIsAnError) {
  auto m = BuildModel(Templates{}, {});
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().code, ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace fd::predeploy::cfn

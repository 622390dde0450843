// What a start asks for (docs/design/causes.md §1.6): the requests per task-definition feature, their
// resources, and the context a real start carries.
#include "analysis/iam_requests.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/model_fixture.h"

namespace fd::analysis {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

const char* const kAcct = "111122223333";
const char* const kExec = "arn:aws:iam::111122223333:role/exec";
const char* const kTaskRole = "arn:aws:iam::111122223333:role/app";
const char* const kImage = "111122223333.dkr.ecr.eu-west-3.amazonaws.com/team/api:1.4";

class IamRequestsTest : public ::testing::Test {
 protected:
  IamRequestsTest() {
    td_.family = "web";
    td_.revision = 3;
    td_.region = "eu-west-3";
    td_.execution_role_arn = kExec;
    target_.kind = TargetKind::kService;
    target_.name = "web";
    target_.region = "eu-west-3";
    target_.account = kAcct;
    target_.cluster_arn = "arn:aws:ecs:eu-west-3:111122223333:cluster/prod";
    target_.task_definition = &td_;
    target_.platform_version = "1.4.0";
  }
  model::ContainerDefinition& Add(std::string name, std::string image = kImage) {
    model::ContainerDefinition c;
    c.name = std::move(name);
    c.image = std::move(image);
    td_.containers.push_back(std::move(c));
    return td_.containers.back();
  }
  std::vector<IamRequest> Run(const std::vector<PathResult>* paths = nullptr) {
    model_ = fixture_.Build();
    return DeriveIamRequests(model_, target_, paths);
  }
  static std::vector<const IamRequest*> Find(const std::vector<IamRequest>& rs,
                                             const std::string& action) {
    std::vector<const IamRequest*> out;
    for (const auto& r : rs)
      if (r.action == action) out.push_back(&r);
    return out;
  }
  static const IamRequest& One(const std::vector<IamRequest>& rs, const std::string& action) {
    auto found = Find(rs, action);
    EXPECT_EQ(found.size(), 1u) << action;
    static IamRequest none;
    return found.empty() ? none : *found[0];
  }
  static std::string Ctx(const IamRequest& r, const std::string& key) {
    auto v = r.Context(key);
    if (!v) return "<absent>";
    std::string out;
    for (const auto& s : *v) out += (out.empty() ? "" : ",") + s;
    return out;
  }

  testing::Fixture fixture_;
  model::Model model_;
  model::TaskDefinition td_;
  Target target_;
};

TEST_F(IamRequestsTest, NoTaskDefinitionNoRequests) {
  target_.task_definition = nullptr;
  EXPECT_THAT(Run(), IsEmpty());
}

TEST_F(IamRequestsTest, TrustRequestsForExecutionAndTaskRoles) {
  td_.task_role_arn = kTaskRole;
  auto rs = Run();
  auto trust = Find(rs, "sts:AssumeRole");
  ASSERT_EQ(trust.size(), 2u);
  EXPECT_EQ(trust[0]->role_assumed, kExec);
  EXPECT_EQ(trust[0]->feature, "executionRoleArn");
  EXPECT_EQ(trust[1]->role_assumed, kTaskRole);
  for (const IamRequest* r : trust) {
    EXPECT_EQ(r->principal_kind, IamPrincipalKind::kService);
    EXPECT_EQ(r->principal, "ecs-tasks.amazonaws.com");
    EXPECT_EQ(r->resource, r->role_assumed);
    EXPECT_EQ(Ctx(*r, "aws:SourceAccount"), kAcct);
    // A service has no task id before the start: the task ARN form, with a placeholder.
    EXPECT_EQ(Ctx(*r, "aws:SourceArn"), "arn:aws:ecs:eu-west-3:111122223333:task/prod/<task-id>");
    EXPECT_TRUE(r->placeholder);
    EXPECT_EQ(r->Context("aws:SourceVpce"), nullptr);
  }
}

TEST_F(IamRequestsTest, TaskTargetUsesItsTaskArnAndRoleOverrides) {
  model::EcsTask task;
  task.arn = "arn:aws:ecs:eu-west-3:111122223333:task/prod/0123456789abcdef";
  task.execution_role_override = "arn:aws:iam::111122223333:role/other-exec";
  target_.kind = TargetKind::kTask;
  target_.arn = task.arn;
  target_.task = &task;
  Add("web").log_configuration = model::LogConfiguration{
      "awslogs", {{"awslogs-group", "/ecs/web"}, {"awslogs-stream-prefix", "web"}}, {}, {}};
  auto rs = Run();
  const IamRequest& trust = One(rs, "sts:AssumeRole");
  EXPECT_EQ(trust.role_assumed, "arn:aws:iam::111122223333:role/other-exec");
  EXPECT_EQ(Ctx(trust, "aws:SourceArn"), task.arn);
  EXPECT_FALSE(trust.placeholder);
  EXPECT_EQ(One(rs, "logs:PutLogEvents").resource,
            "arn:aws:logs:eu-west-3:111122223333:log-group:/ecs/web:log-stream:web/web/0123456789abcdef");
  EXPECT_EQ(One(rs, "logs:PutLogEvents").principal, "arn:aws:iam::111122223333:role/other-exec");
}

TEST_F(IamRequestsTest, PrivateEcrImagePullRequests) {
  Add("api");
  Add("sidecar", "111122223333.dkr.ecr.eu-west-3.amazonaws.com/team/api:2");  // same repository
  Add("hub", "nginx:latest");  // Docker Hub: no IAM request
  auto rs = Run();
  const IamRequest& token = One(rs, "ecr:GetAuthorizationToken");
  EXPECT_EQ(token.resource, "*");
  EXPECT_EQ(token.principal, kExec);
  EXPECT_EQ(token.container, "api");
  EXPECT_TRUE(token.via_known);
  EXPECT_EQ(token.Context("aws:SourceVpce"), nullptr);
  EXPECT_THAT(token.unknown_keys, ::testing::Not(::testing::Contains("aws:SourceVpce")));
  // A pull never calls the push-side ecr:BatchCheckLayerAvailability: no request for it.
  EXPECT_TRUE(std::none_of(rs.begin(), rs.end(), [](const IamRequest& r) {
    return r.action == "ecr:BatchCheckLayerAvailability";
  }));
  for (const char* action : {"ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"}) {
    const IamRequest& r = One(rs, action);
    EXPECT_EQ(r.resource, "arn:aws:ecr:eu-west-3:111122223333:repository/team/api");
    EXPECT_EQ(r.resource_account, kAcct);
    EXPECT_EQ(r.resource_region, "eu-west-3");
    EXPECT_EQ(Ctx(r, "aws:PrincipalArn"), kExec);
    EXPECT_EQ(Ctx(r, "aws:RequestedRegion"), "eu-west-3");
    // no traced paths: whether it goes through an endpoint is unknown
    EXPECT_FALSE(r.via_known);
    EXPECT_THAT(r.unknown_keys, ::testing::Contains("aws:SourceVpce"));
  }
}

TEST_F(IamRequestsTest, CrossAccountCrossRegionRegistry) {
  Add("api", "444455556666.dkr.ecr.us-east-1.amazonaws.com/shared/base:1");
  auto rs = Run();
  const IamRequest& r = One(rs, "ecr:BatchGetImage");
  EXPECT_EQ(r.resource, "arn:aws:ecr:us-east-1:444455556666:repository/shared/base");
  EXPECT_EQ(r.resource_account, "444455556666");
  EXPECT_EQ(r.principal_account, kAcct);
  EXPECT_EQ(One(rs, "ecr:GetAuthorizationToken").resource_region, "us-east-1");
}

TEST_F(IamRequestsTest, EndpointContextOnlyWhereEveryPathUsesTheEndpoint) {
  fixture_.Vpc("vpc-1", "10.0.0.0/16");
  fixture_.InterfaceEndpoint("vpce-dkr", "vpc-1", "ecr.dkr", {"subnet-a"}, {});
  fixture_.InterfaceEndpoint("vpce-api", "vpc-1", "ecr.api", {"subnet-a"}, {});
  fixture_.InterfaceEndpoint("vpce-logs", "vpc-1", "logs", {"subnet-a"}, {});
  Add("api").log_configuration = model::LogConfiguration{
      "awslogs", {{"awslogs-group", "g"}, {"awslogs-stream-prefix", "p"}}, {}, {}};
  Need dkr{"ecr.dkr", NeedKind::kInterfaceService, "eu-west-3", "", {}, false};
  Need api{"ecr.api", NeedKind::kInterfaceService, "eu-west-3", "", {}, false};
  Need logs{"logs", NeedKind::kInterfaceService, "eu-west-3", "", {}, false};
  auto path = [](const Need& n, const char* subnet, const char* via) {
    PathResult p;
    p.need = &n;
    p.subnet_id = subnet;
    p.reachable = true;
    p.via = via;
    return p;
  };
  std::vector<PathResult> paths = {
      path(dkr, "subnet-a", "vpce-dkr"), path(dkr, "subnet-b", "vpce-dkr"),
      path(api, "subnet-a", "vpce-api"), path(api, "subnet-b", "vpce-api"),
      path(logs, "subnet-a", "nat-1"),   path(logs, "subnet-b", "vpce-logs")};
  auto rs = Run(&paths);
  const IamRequest& pull = One(rs, "ecr:BatchGetImage");
  EXPECT_TRUE(pull.via_known);
  EXPECT_EQ(pull.via_endpoint, "vpce-dkr");
  EXPECT_EQ(Ctx(pull, "aws:SourceVpce"), "vpce-dkr");
  EXPECT_EQ(Ctx(pull, "aws:SourceVpc"), "vpc-1");
  // The token call goes through vpce-api too, but never carries endpoint keys.
  const IamRequest& token = One(rs, "ecr:GetAuthorizationToken");
  EXPECT_EQ(token.Context("aws:SourceVpce"), nullptr);
  EXPECT_EQ(token.Context("aws:SourceVpc"), nullptr);
  // Logs leave through a NAT in one subnet and an endpoint in the other: unknown.
  const IamRequest& put = One(rs, "logs:PutLogEvents");
  EXPECT_FALSE(put.via_known);
  EXPECT_EQ(put.Context("aws:SourceVpce"), nullptr);
  EXPECT_THAT(put.unknown_keys, ::testing::Contains("aws:SourceVpce"));
}

TEST_F(IamRequestsTest, PathsThroughNatCarryNoEndpointKeys) {
  Add("api");
  Need dkr{"ecr.dkr", NeedKind::kInterfaceService, "eu-west-3", "", {}, false};
  PathResult p;
  p.need = &dkr;
  p.reachable = true;
  p.via = "nat-1";
  std::vector<PathResult> paths = {p};
  auto rs = Run(&paths);
  const IamRequest& pull = One(rs, "ecr:BatchGetImage");
  EXPECT_TRUE(pull.via_known);
  EXPECT_EQ(pull.via_endpoint, "");
  EXPECT_EQ(pull.Context("aws:SourceVpce"), nullptr);
  EXPECT_THAT(pull.unknown_keys, ::testing::Not(::testing::Contains("aws:SourceVpce")));
}

TEST_F(IamRequestsTest, AwslogsStreamAndCreateGroup) {
  Add("web").log_configuration = model::LogConfiguration{
      "awslogs",
      {{"awslogs-group", "/ecs/web"}, {"awslogs-region", "us-west-2"},
       {"awslogs-stream-prefix", "svc"}, {"awslogs-create-group", "true"}},
      {},
      {}};
  auto rs = Run();
  const std::string group = "arn:aws:logs:us-west-2:111122223333:log-group:/ecs/web";
  EXPECT_EQ(One(rs, "logs:CreateLogGroup").resource, group + ":log-stream:");
  EXPECT_EQ(One(rs, "logs:CreateLogGroup").feature, "awslogs-create-group");
  EXPECT_EQ(One(rs, "logs:CreateLogStream").resource, group + ":log-stream:svc/web/<task-id>");
  EXPECT_TRUE(One(rs, "logs:CreateLogStream").placeholder);
  EXPECT_EQ(One(rs, "logs:PutLogEvents").resource_region, "us-west-2");
}

TEST_F(IamRequestsTest, NoCreateGroupWithoutTheOption) {
  Add("web").log_configuration =
      model::LogConfiguration{"awslogs", {{"awslogs-group", "/ecs/web"}}, {}, {}};
  auto rs = Run();
  EXPECT_THAT(Find(rs, "logs:CreateLogGroup"), IsEmpty());
  EXPECT_EQ(One(rs, "logs:CreateLogStream").resource,
            "arn:aws:logs:eu-west-3:111122223333:log-group:/ecs/web:log-stream:<task-id>");
}

TEST_F(IamRequestsTest, SecretsManagerReferencesUseTheBaseArn) {
  auto& c = Add("web");
  c.secrets = {
      {"A", "arn:aws:secretsmanager:eu-west-3:111122223333:secret:db-AbCdEf:password::"},
      {"B", "arn:aws:secretsmanager:eu-west-3:111122223333:secret:db-AbCdEf"},
      {"C", "arn:aws:secretsmanager:us-east-1:444455556666:secret:shared-123456:k:AWSCURRENT:"}};
  auto rs = Run();
  auto get = Find(rs, "secretsmanager:GetSecretValue");
  ASSERT_EQ(get.size(), 2u);  // A and B ask for the same secret
  EXPECT_EQ(get[0]->resource, "arn:aws:secretsmanager:eu-west-3:111122223333:secret:db-AbCdEf");
  EXPECT_EQ(get[0]->feature, "secret A");
  EXPECT_EQ(get[1]->resource, "arn:aws:secretsmanager:us-east-1:444455556666:secret:shared-123456");
  EXPECT_EQ(get[1]->resource_account, "444455556666");
  EXPECT_EQ(Ctx(*get[1], "aws:RequestedRegion"), "us-east-1");
}

TEST_F(IamRequestsTest, RepositoryCredentialsByBareNameHasUnknownSuffix) {
  auto& c = Add("web", "ghcr.io/acme/web:1");
  c.repository_credentials = "dockerhub-creds";
  auto rs = Run();
  const IamRequest& r = One(rs, "secretsmanager:GetSecretValue");
  EXPECT_EQ(r.resource,
            "arn:aws:secretsmanager:eu-west-3:111122223333:secret:dockerhub-creds-<suffix>");
  EXPECT_TRUE(r.placeholder);
  EXPECT_EQ(r.feature, "repositoryCredentials");
  EXPECT_FALSE(r.note.empty());
}

TEST_F(IamRequestsTest, RepositoryCredentialsByNameFoundInSnapshot) {
  model::Secret s;
  s.arn = "arn:aws:secretsmanager:eu-west-3:111122223333:secret:dockerhub-creds-Xy12Zq";
  s.name = "dockerhub-creds";
  s.region = "eu-west-3";
  s.account = kAcct;
  fixture_.builder().AddSecret(s);
  Add("web", "ghcr.io/acme/web:1").repository_credentials = "dockerhub-creds";
  auto rs = Run();
  EXPECT_EQ(One(rs, "secretsmanager:GetSecretValue").resource, s.arn);
  EXPECT_FALSE(One(rs, "secretsmanager:GetSecretValue").placeholder);
}

TEST_F(IamRequestsTest, SsmParametersByNameAndArn) {
  auto& c = Add("web");
  c.secrets = {{"A", "/prod/db/password"},
               {"B", "plain"},
               {"C", "arn:aws:ssm:us-east-1:444455556666:parameter/shared/token"}};
  auto rs = Run();
  auto get = Find(rs, "ssm:GetParameters");
  ASSERT_EQ(get.size(), 3u);
  EXPECT_EQ(get[0]->resource, "arn:aws:ssm:eu-west-3:111122223333:parameter/prod/db/password");
  EXPECT_EQ(get[1]->resource, "arn:aws:ssm:eu-west-3:111122223333:parameter/plain");
  EXPECT_EQ(get[2]->resource, "arn:aws:ssm:us-east-1:444455556666:parameter/shared/token");
  EXPECT_EQ(get[2]->resource_region, "us-east-1");
}

TEST_F(IamRequestsTest, SsmReferenceToSecretsManagerAlsoReadsTheSecret) {
  Add("web").secrets = {{"A", "/aws/reference/secretsmanager/db"}};
  auto rs = Run();
  EXPECT_EQ(One(rs, "ssm:GetParameters").resource,
            "arn:aws:ssm:eu-west-3:111122223333:parameter/aws/reference/secretsmanager/db");
  EXPECT_EQ(One(rs, "secretsmanager:GetSecretValue").resource,
            "arn:aws:secretsmanager:eu-west-3:111122223333:secret:db-<suffix>");
}

TEST_F(IamRequestsTest, KmsDecryptOnlyForCustomerManagedKeys) {
  model::Secret cmk, aws_key, unknown;
  for (auto* s : {&cmk, &aws_key, &unknown}) {
    s->region = "eu-west-3";
    s->account = kAcct;
  }
  cmk.arn = "arn:aws:secretsmanager:eu-west-3:111122223333:secret:cmk-AAAAAA";
  cmk.name = "cmk";
  cmk.kms_key_id = "arn:aws:kms:eu-west-3:111122223333:key/k-cmk";
  aws_key.arn = "arn:aws:secretsmanager:eu-west-3:111122223333:secret:awskey-BBBBBB";
  aws_key.name = "awskey";  // no KmsKeyId: aws/secretsmanager
  unknown.arn = "arn:aws:secretsmanager:eu-west-3:111122223333:secret:undescribed-CCCCCC";
  unknown.name = "undescribed";
  unknown.kms_key_id = "k-unknown";
  for (auto* s : {&cmk, &aws_key, &unknown}) fixture_.builder().AddSecret(*s);
  model::KmsKey k;
  k.arn = "arn:aws:kms:eu-west-3:111122223333:key/k-cmk";
  k.key_id = "k-cmk";
  k.region = "eu-west-3";
  k.account = kAcct;
  k.key_manager = "CUSTOMER";
  k.described = true;
  fixture_.builder().AddKmsKey(k);
  Add("web").secrets = {{"A", cmk.arn}, {"B", aws_key.arn}, {"C", unknown.arn}};
  auto rs = Run();
  auto decrypt = Find(rs, "kms:Decrypt");
  ASSERT_EQ(decrypt.size(), 2u);
  EXPECT_EQ(decrypt[0]->resource, k.arn);
  EXPECT_EQ(decrypt[0]->principal, kExec);
  EXPECT_EQ(Ctx(*decrypt[0], "kms:ViaService"), "secretsmanager.eu-west-3.amazonaws.com");
  EXPECT_EQ(Ctx(*decrypt[0], "kms:EncryptionContext:SecretARN"), cmk.arn);
  EXPECT_EQ(decrypt[0]->Context("aws:SourceVpce"), nullptr);
  EXPECT_TRUE(decrypt[0]->note.empty());
  EXPECT_EQ(decrypt[1]->resource, "arn:aws:kms:eu-west-3:111122223333:key/k-unknown");
  EXPECT_FALSE(decrypt[1]->note.empty());
}

TEST_F(IamRequestsTest, SecureStringWithCustomerKey) {
  model::SsmParameter p;
  p.name = "/prod/token";
  p.region = "eu-west-3";
  p.account = kAcct;
  p.type = "SecureString";
  p.key_id = "alias/app";
  fixture_.builder().AddSsmParameter(p);
  Add("web").secrets = {{"T", "/prod/token"}};
  auto rs = Run();
  const IamRequest& d = One(rs, "kms:Decrypt");
  EXPECT_EQ(d.resource, "arn:aws:kms:eu-west-3:111122223333:alias/app");  // alias not resolved
  EXPECT_EQ(Ctx(d, "kms:ViaService"), "ssm.eu-west-3.amazonaws.com");
  EXPECT_EQ(Ctx(d, "kms:EncryptionContext:PARAMETER_ARN"),
            "arn:aws:ssm:eu-west-3:111122223333:parameter/prod/token");
}

TEST_F(IamRequestsTest, LogGroupKeyIsUsedByTheLogsService) {
  model::LogGroup g;
  g.name = "/ecs/web";
  g.region = "eu-west-3";
  g.kms_key_id = "arn:aws:kms:eu-west-3:111122223333:key/k-logs";
  fixture_.builder().AddLogGroup(g);
  Add("web").log_configuration =
      model::LogConfiguration{"awslogs", {{"awslogs-group", "/ecs/web"}}, {}, {}};
  auto rs = Run();
  const IamRequest& r = One(rs, "kms:GenerateDataKey");
  EXPECT_EQ(r.principal_kind, IamPrincipalKind::kService);
  EXPECT_EQ(r.principal, "logs.eu-west-3.amazonaws.com");
  EXPECT_EQ(r.resource, g.kms_key_id);
  EXPECT_EQ(Ctx(r, "kms:EncryptionContext:aws:logs:arn"),
            "arn:aws:logs:eu-west-3:111122223333:log-group:/ecs/web");
}

TEST_F(IamRequestsTest, EnvironmentFilesAndLogSecretOptions) {
  auto& c = Add("web");
  c.environment_files = {{"arn:aws:s3:::cfg-bucket/app/prod.env", "s3"}};
  c.log_configuration = model::LogConfiguration{
      "awsfirelens", {}, {{"apikey", "arn:aws:ssm:eu-west-3:111122223333:parameter/dd"}}, {}};
  auto rs = Run();
  EXPECT_EQ(One(rs, "s3:GetObject").resource, "arn:aws:s3:::cfg-bucket/app/prod.env");
  EXPECT_EQ(One(rs, "s3:GetBucketLocation").resource, "arn:aws:s3:::cfg-bucket");
  EXPECT_THAT(One(rs, "s3:GetObject").unknown_keys, ::testing::Contains("aws:ResourceAccount"));
  EXPECT_EQ(One(rs, "ssm:GetParameters").feature, "log secretOption apikey");
}

TEST_F(IamRequestsTest, EfsIamAuthorizationUsesTheTaskRole) {
  td_.task_role_arn = kTaskRole;
  model::EfsVolume v;
  v.name = "data";
  v.file_system_id = "fs-1";
  v.access_point_id = "fsap-1";
  v.iam_authorization = true;
  td_.efs_volumes.push_back(v);
  model::EfsVolume plain;
  plain.name = "plain";
  plain.file_system_id = "fs-2";
  td_.efs_volumes.push_back(plain);
  auto rs = Run();
  const IamRequest& mount = One(rs, "elasticfilesystem:ClientMount");
  EXPECT_EQ(mount.principal_kind, IamPrincipalKind::kTaskRole);
  EXPECT_EQ(mount.principal, kTaskRole);
  EXPECT_EQ(mount.resource, "arn:aws:elasticfilesystem:eu-west-3:111122223333:file-system/fs-1");
  EXPECT_EQ(Ctx(mount, "elasticfilesystem:AccessPointArn"),
            "arn:aws:elasticfilesystem:eu-west-3:111122223333:access-point/fsap-1");
  EXPECT_EQ(Find(rs, "elasticfilesystem:ClientWrite").size(), 1u);
}

TEST_F(IamRequestsTest, Platform13SecretsUseTheFargateEni) {
  target_.platform_version = "1.3.0";
  Add("web").secrets = {{"A", "arn:aws:secretsmanager:eu-west-3:111122223333:secret:db-AbCdEf"}};
  auto rs = Run();
  const IamRequest& r = One(rs, "secretsmanager:GetSecretValue");
  EXPECT_TRUE(r.via_known);
  EXPECT_EQ(r.Context("aws:SourceVpce"), nullptr);
}

TEST(SecretResourceOf, Forms) {
  auto s = SecretResourceOf("arn:aws-cn:secretsmanager:cn-north-1:1:secret:a/b-123456:k:AWSPREVIOUS:",
                            "eu-west-3", "2", false);
  EXPECT_FALSE(s.ssm);
  EXPECT_EQ(s.arn, "arn:aws-cn:secretsmanager:cn-north-1:1:secret:a/b-123456");
  EXPECT_EQ(s.name, "a/b-123456");
  EXPECT_TRUE(s.suffix_known);
  auto partial = SecretResourceOf("arn:aws:secretsmanager:eu-west-3:1:secret:db", "", "", false);
  EXPECT_FALSE(partial.suffix_known);
  auto gov = SecretResourceOf("/x/y", "us-gov-west-1", "3", false);
  EXPECT_TRUE(gov.ssm);
  EXPECT_EQ(gov.arn, "arn:aws-us-gov:ssm:us-gov-west-1:3:parameter/x/y");
  EXPECT_EQ(SecretResourceOf("arn:aws:s3:::b/k", "r", "a", false).arn, "");
}

}  // namespace
}  // namespace fd::analysis

// What a start needs to reach from the task ENI (docs/design/causes.md §1.4, §1.7): which destinations a
// task definition and platform version imply, merged per (service, region).
#include <gtest/gtest.h>

#include <algorithm>

#include "analysis/analyze.h"

namespace fd::analysis {
namespace {

const char* const kEcrImage = "123456789012.dkr.ecr.eu-west-3.amazonaws.com/api:1.4";

model::ContainerDefinition Container(std::string name, std::string image) {
  model::ContainerDefinition c;
  c.name = std::move(name);
  c.image = std::move(image);
  return c;
}

model::LogConfiguration Awslogs(std::string group, std::string region = "") {
  model::LogConfiguration l;
  l.log_driver = "awslogs";
  l.options["awslogs-group"] = std::move(group);
  l.options["awslogs-stream-prefix"] = "web";
  if (!region.empty()) l.options["awslogs-region"] = std::move(region);
  return l;
}

class NeedsTest : public ::testing::Test {
 protected:
  NeedsTest() {
    td_.family = "web";
    td_.revision = 3;
    td_.region = "eu-west-3";
    target_.kind = TargetKind::kTaskDefinition;
    target_.name = "web:3";
    target_.region = "eu-west-3";
    target_.task_definition = &td_;
    target_.platform_version = "1.4.0";
  }
  std::vector<Need> Needs() { return DeriveNeeds(target_); }
  static const Need* Find(const std::vector<Need>& needs, const std::string& service,
                          const std::string& region = "") {
    for (const auto& n : needs)
      if (n.service == service && (region.empty() || n.region == region)) return &n;
    return nullptr;
  }
  static std::vector<std::string> Services(const std::vector<Need>& needs) {
    std::vector<std::string> out;
    for (const auto& n : needs) out.push_back(n.service + "@" + n.region);
    std::sort(out.begin(), out.end());
    return out;
  }

  model::TaskDefinition td_;
  Target target_;
};

TEST_F(NeedsTest, Pv14EcrImageNeedsEcrApiEcrDkrAndS3) {
  td_.containers = {Container("web", kEcrImage)};
  auto needs = Needs();
  EXPECT_EQ(Services(needs),
            (std::vector<std::string>{"ecr.api@eu-west-3", "ecr.dkr@eu-west-3", "s3@eu-west-3"}));
  const Need* api = Find(needs, "ecr.api");
  ASSERT_NE(api, nullptr);
  EXPECT_EQ(api->kind, NeedKind::kInterfaceService);
  EXPECT_EQ(api->host, "api.ecr.eu-west-3.amazonaws.com");
  EXPECT_FALSE(api->cross_region);
  const Need* dkr = Find(needs, "ecr.dkr");
  ASSERT_NE(dkr, nullptr);
  EXPECT_EQ(dkr->kind, NeedKind::kInterfaceService);
  EXPECT_EQ(dkr->host, "123456789012.dkr.ecr.eu-west-3.amazonaws.com");
  EXPECT_NE(dkr->NeededBecause().find("container web"), std::string::npos) << dkr->NeededBecause();
  const Need* s3 = Find(needs, "s3");
  ASSERT_NE(s3, nullptr);
  EXPECT_EQ(s3->kind, NeedKind::kS3);
  EXPECT_EQ(s3->host, "prod-eu-west-3-starport-layer-bucket.s3.eu-west-3.amazonaws.com");
}

TEST_F(NeedsTest, LatestResolvesLikePv14) {
  td_.containers = {Container("web", kEcrImage)};
  target_.platform_version = ResolvePlatformVersion("LATEST", false);
  EXPECT_NE(Find(Needs(), "ecr.api"), nullptr);
}

TEST_F(NeedsTest, Pv13NeedsOnlyEcrDkrAndS3AndNoSecretsEndpoints) {
  // On 1.3.0 the auth token and secrets went over the Fargate-owned ENI.
  model::ContainerDefinition c = Container("web", kEcrImage);
  c.secrets = {{"DB", "arn:aws:secretsmanager:eu-west-3:123456789012:secret:db-AbCdEf"},
               {"KEY", "arn:aws:ssm:eu-west-3:123456789012:parameter/app/key"},
               {"NAME", "app-name"}};
  c.repository_credentials = "arn:aws:secretsmanager:eu-west-3:123456789012:secret:hub-AbCdEf";
  td_.containers = {c};
  target_.platform_version = "1.3.0";
  auto needs = Needs();
  EXPECT_EQ(Services(needs), (std::vector<std::string>{"ecr.dkr@eu-west-3", "s3@eu-west-3"}));
  EXPECT_EQ(Find(needs, "ecr.api"), nullptr);
  EXPECT_EQ(Find(needs, "secretsmanager"), nullptr);
  EXPECT_EQ(Find(needs, "ssm"), nullptr);
}

TEST_F(NeedsTest, Pv13StillNeedsLogs) {
  model::ContainerDefinition c = Container("web", kEcrImage);
  c.log_configuration = Awslogs("/ecs/web");
  td_.containers = {c};
  target_.platform_version = "1.3.0";
  EXPECT_NE(Find(Needs(), "logs"), nullptr);
}

TEST_F(NeedsTest, WindowsNeedsEcrApi) {
  td_.operating_system_family = "WINDOWS_SERVER_2019_CORE";
  td_.containers = {Container("web", kEcrImage)};
  target_.windows = true;
  target_.platform_version = ResolvePlatformVersion("LATEST", true);
  ASSERT_EQ(target_.platform_version, "1.0.0");
  auto needs = Needs();
  EXPECT_NE(Find(needs, "ecr.api"), nullptr);
  EXPECT_NE(Find(needs, "ecr.dkr"), nullptr);
  EXPECT_NE(Find(needs, "s3"), nullptr);
}

TEST_F(NeedsTest, AwslogsRegionPicksTheLogsRegion) {
  model::ContainerDefinition c = Container("web", kEcrImage);
  c.log_configuration = Awslogs("/ecs/web", "us-east-1");
  td_.containers = {c};
  auto needs = Needs();
  const Need* logs = Find(needs, "logs");
  ASSERT_NE(logs, nullptr);
  EXPECT_EQ(logs->region, "us-east-1");
  EXPECT_EQ(logs->host, "logs.us-east-1.amazonaws.com");
  EXPECT_TRUE(logs->cross_region);
  EXPECT_NE(logs->NeededBecause().find("/ecs/web"), std::string::npos) << logs->NeededBecause();
}

TEST_F(NeedsTest, AwslogsWithoutRegionUsesTheTaskRegion) {
  model::ContainerDefinition c = Container("web", kEcrImage);
  c.log_configuration = Awslogs("/ecs/web");
  td_.containers = {c};
  auto needs = Needs();
  const Need* logs = Find(needs, "logs");
  ASSERT_NE(logs, nullptr);
  EXPECT_EQ(logs->region, "eu-west-3");
  EXPECT_EQ(logs->host, "logs.eu-west-3.amazonaws.com");
  EXPECT_FALSE(logs->cross_region);
}

TEST_F(NeedsTest, OtherLogDriversNeedNoLogsEndpoint) {
  model::ContainerDefinition c = Container("web", kEcrImage);
  model::LogConfiguration l;
  l.log_driver = "splunk";
  c.log_configuration = l;
  td_.containers = {c};
  EXPECT_EQ(Find(Needs(), "logs"), nullptr);
}

TEST_F(NeedsTest, SecretsBySecretsManagerArnSsmArnAndBareName) {
  model::ContainerDefinition c = Container("web", kEcrImage);
  c.secrets = {{"DB", "arn:aws:secretsmanager:eu-west-3:123456789012:secret:db-AbCdEf:password::"},
               {"KEY", "arn:aws:ssm:eu-central-1:123456789012:parameter/app/key"},
               {"NAME", "app-name"}};
  td_.containers = {c};
  auto needs = Needs();
  const Need* sm = Find(needs, "secretsmanager");
  ASSERT_NE(sm, nullptr);
  EXPECT_EQ(sm->region, "eu-west-3");
  EXPECT_EQ(sm->host, "secretsmanager.eu-west-3.amazonaws.com");
  EXPECT_EQ(sm->kind, NeedKind::kInterfaceService);
  EXPECT_NE(sm->NeededBecause().find("DB"), std::string::npos);
  // The SSM ARN names its region; the bare name is in the task's region.
  const Need* ssm_arn = Find(needs, "ssm", "eu-central-1");
  ASSERT_NE(ssm_arn, nullptr);
  EXPECT_EQ(ssm_arn->host, "ssm.eu-central-1.amazonaws.com");
  EXPECT_TRUE(ssm_arn->cross_region);
  const Need* ssm_name = Find(needs, "ssm", "eu-west-3");
  ASSERT_NE(ssm_name, nullptr);
  EXPECT_EQ(ssm_name->host, "ssm.eu-west-3.amazonaws.com");
  EXPECT_FALSE(ssm_name->cross_region);
  EXPECT_NE(ssm_name->NeededBecause().find("NAME"), std::string::npos);
}

TEST_F(NeedsTest, SsmParameterArnWithPathIsSsm) {
  model::ContainerDefinition c = Container("web", kEcrImage);
  c.secrets = {{"A", "arn:aws:ssm:eu-west-3:123456789012:parameter/prod/db/password"}};
  td_.containers = {c};
  auto needs = Needs();
  EXPECT_NE(Find(needs, "ssm", "eu-west-3"), nullptr);
  EXPECT_EQ(Find(needs, "secretsmanager"), nullptr);
}

TEST_F(NeedsTest, RepositoryCredentialsNeedSecretsManager) {
  model::ContainerDefinition c = Container("web", "ghcr.io/org/app:1");
  c.repository_credentials = "arn:aws:secretsmanager:eu-west-3:123456789012:secret:ghcr-AbCdEf";
  td_.containers = {c};
  auto needs = Needs();
  const Need* sm = Find(needs, "secretsmanager");
  ASSERT_NE(sm, nullptr);
  EXPECT_NE(sm->NeededBecause().find("registry credentials"), std::string::npos)
      << sm->NeededBecause();
  const Need* reg = Find(needs, "registry:ghcr.io");
  ASSERT_NE(reg, nullptr);
  EXPECT_EQ(reg->kind, NeedKind::kRegistry);
}

TEST_F(NeedsTest, LogSecretOptionsNeedTheirService) {
  model::ContainerDefinition c = Container("web", kEcrImage);
  model::LogConfiguration l;
  l.log_driver = "splunk";
  l.secret_options = {{"splunk-token", "arn:aws:secretsmanager:eu-west-3:123456789012:secret:tok-AbCdEf"}};
  c.log_configuration = l;
  td_.containers = {c};
  EXPECT_NE(Find(Needs(), "secretsmanager"), nullptr);
}

TEST_F(NeedsTest, EnvironmentFilesNeedS3) {
  model::ContainerDefinition c = Container("web", "nginx:1.25");
  c.environment_files = {{"arn:aws:s3:::my-bucket/web.env", "s3"}};
  td_.containers = {c};
  auto needs = Needs();
  const Need* s3 = Find(needs, "s3");
  ASSERT_NE(s3, nullptr);
  EXPECT_EQ(s3->kind, NeedKind::kS3);
  EXPECT_EQ(s3->region, "eu-west-3");
  EXPECT_NE(s3->NeededBecause().find("arn:aws:s3:::my-bucket/web.env"), std::string::npos)
      << s3->NeededBecause();
}

TEST_F(NeedsTest, DockerHubImageNeedsTheRegistryOnly) {
  td_.containers = {Container("web", "nginx:1.25")};
  auto needs = Needs();
  ASSERT_EQ(needs.size(), 1u);
  EXPECT_EQ(needs[0].service, "registry:registry-1.docker.io");
  EXPECT_EQ(needs[0].kind, NeedKind::kRegistry);
  EXPECT_EQ(needs[0].host, "registry-1.docker.io");
  EXPECT_FALSE(needs[0].cross_region);
}

TEST_F(NeedsTest, EcrPublicIsARegistryNeed) {
  td_.containers = {Container("web", "public.ecr.aws/nginx/nginx:1.25")};
  auto needs = Needs();
  ASSERT_EQ(needs.size(), 1u);
  EXPECT_EQ(needs[0].service, "registry:public.ecr.aws");
  EXPECT_EQ(needs[0].kind, NeedKind::kRegistry);
}

TEST_F(NeedsTest, CrossRegionEcrImage) {
  td_.containers = {Container("web", "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1")};
  auto needs = Needs();
  const Need* dkr = Find(needs, "ecr.dkr");
  ASSERT_NE(dkr, nullptr);
  EXPECT_EQ(dkr->region, "us-east-1");
  EXPECT_TRUE(dkr->cross_region);
  const Need* s3 = Find(needs, "s3");
  ASSERT_NE(s3, nullptr);
  EXPECT_EQ(s3->region, "us-east-1");
}

TEST_F(NeedsTest, ChinaPartitionHosts) {
  td_.region = target_.region = "cn-north-1";
  td_.containers = {Container("web", "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/api:1")};
  auto needs = Needs();
  const Need* api = Find(needs, "ecr.api");
  ASSERT_NE(api, nullptr);
  EXPECT_EQ(api->host, "api.ecr.cn-north-1.amazonaws.com.cn");
  const Need* s3 = Find(needs, "s3");
  ASSERT_NE(s3, nullptr);
  EXPECT_EQ(s3->host, "prod-cn-north-1-starport-layer-bucket.s3.cn-north-1.amazonaws.com.cn");
}

TEST_F(NeedsTest, NeedsAreMergedPerServiceAndRegionWithEveryReason) {
  model::ContainerDefinition web = Container("web", kEcrImage);
  model::ContainerDefinition side = Container("sidecar", "123456789012.dkr.ecr.eu-west-3.amazonaws.com/envoy:1");
  web.log_configuration = Awslogs("/ecs/web");
  side.log_configuration = Awslogs("/ecs/sidecar");
  web.secrets = {{"A", "arn:aws:secretsmanager:eu-west-3:123456789012:secret:a-AbCdEf"}};
  side.secrets = {{"B", "arn:aws:secretsmanager:eu-west-3:123456789012:secret:b-AbCdEf"}};
  web.environment_files = {{"arn:aws:s3:::cfg/web.env", "s3"}};
  td_.containers = {web, side};
  auto needs = Needs();
  EXPECT_EQ(Services(needs),
            (std::vector<std::string>{"ecr.api@eu-west-3", "ecr.dkr@eu-west-3", "logs@eu-west-3",
                                      "s3@eu-west-3", "secretsmanager@eu-west-3"}));
  const Need* dkr = Find(needs, "ecr.dkr");
  ASSERT_NE(dkr, nullptr);
  EXPECT_EQ(dkr->reasons.size(), 2u);
  EXPECT_NE(dkr->NeededBecause().find("container web"), std::string::npos);
  EXPECT_NE(dkr->NeededBecause().find("container sidecar"), std::string::npos);
  const Need* logs = Find(needs, "logs");
  ASSERT_NE(logs, nullptr);
  EXPECT_EQ(logs->reasons.size(), 2u);
  const Need* sm = Find(needs, "secretsmanager");
  ASSERT_NE(sm, nullptr);
  EXPECT_EQ(sm->reasons.size(), 2u);
  // Layers of both images and the environment file: one S3 need, three reasons.
  const Need* s3 = Find(needs, "s3");
  ASSERT_NE(s3, nullptr);
  EXPECT_EQ(s3->reasons.size(), 3u);
}

TEST_F(NeedsTest, SameServiceInTwoRegionsStaysTwoNeeds) {
  model::ContainerDefinition a = Container("a", "nginx");
  model::ContainerDefinition b = Container("b", "nginx");
  a.log_configuration = Awslogs("/a");
  b.log_configuration = Awslogs("/b", "us-east-1");
  td_.containers = {a, b};
  auto needs = Needs();
  EXPECT_NE(Find(needs, "logs", "eu-west-3"), nullptr);
  EXPECT_NE(Find(needs, "logs", "us-east-1"), nullptr);
  // Two containers with the same Docker Hub image: one registry need, two reasons.
  const Need* reg = Find(needs, "registry:registry-1.docker.io");
  ASSERT_NE(reg, nullptr);
  EXPECT_EQ(reg->reasons.size(), 2u);
}

TEST_F(NeedsTest, NoTaskDefinitionNoNeeds) {
  target_.task_definition = nullptr;
  EXPECT_TRUE(Needs().empty());
}

TEST_F(NeedsTest, MalformedEcrImageGivesNoDestination) {
  td_.containers = {Container("web", "12345.dkr.ecr.eu-west-3.amazonaws.com/api:1")};
  EXPECT_TRUE(Needs().empty());
}

TEST(VersionTest, VersionAtLeast) {
  EXPECT_TRUE(VersionAtLeast("1.4.0", "1.4.0"));
  EXPECT_TRUE(VersionAtLeast("1.4.1", "1.4.0"));
  EXPECT_TRUE(VersionAtLeast("1.10.0", "1.4.0"));  // numeric, not lexicographic
  EXPECT_TRUE(VersionAtLeast("2.0.0", "1.4.0"));
  EXPECT_FALSE(VersionAtLeast("1.3.0", "1.4.0"));
  EXPECT_FALSE(VersionAtLeast("1.0.0", "1.4.0"));
  EXPECT_TRUE(VersionAtLeast("1.4", "1.4.0"));
  EXPECT_FALSE(VersionAtLeast("1.3", "1.4.0"));
}

TEST(VersionTest, ResolvePlatformVersion) {
  EXPECT_EQ(ResolvePlatformVersion("LATEST", false), "1.4.0");
  EXPECT_EQ(ResolvePlatformVersion("", false), "1.4.0");
  EXPECT_EQ(ResolvePlatformVersion("LATEST", true), "1.0.0");
  EXPECT_EQ(ResolvePlatformVersion("", true), "1.0.0");
  EXPECT_EQ(ResolvePlatformVersion("1.3.0", false), "1.3.0");
  EXPECT_EQ(ResolvePlatformVersion("1.4.0", false), "1.4.0");
}

}  // namespace
}  // namespace fd::analysis

// ---- ResolveTargets -----------------------------------------------------------------------------

namespace fd::analysis {
namespace {

const char* const kCluster = "arn:aws:ecs:eu-west-3:123456789012:cluster/prod";

model::TaskDefinition Td(int revision, std::string os = "") {
  model::TaskDefinition td;
  td.family = "web";
  td.revision = revision;
  td.arn = "arn:aws:ecs:eu-west-3:123456789012:task-definition/web:" + std::to_string(revision);
  td.region = "eu-west-3";
  td.status = "ACTIVE";
  td.operating_system_family = std::move(os);
  td.containers = {Container("web", kEcrImage)};
  return td;
}

model::EcsService Service(std::string name, std::string launch_type = "FARGATE") {
  model::EcsService s;
  s.name = name;
  s.arn = "arn:aws:ecs:eu-west-3:123456789012:service/prod/" + name;
  s.cluster_arn = kCluster;
  s.region = "eu-west-3";
  s.launch_type = std::move(launch_type);
  s.platform_version = "LATEST";
  s.task_definition = "arn:aws:ecs:eu-west-3:123456789012:task-definition/web:1";
  s.network.present = true;
  s.network.subnets = {"subnet-a", "subnet-b"};
  s.network.security_groups = {"sg-old"};
  s.network.assign_public_ip = false;
  s.network.assign_public_ip_raw = "DISABLED";
  return s;
}

TEST(ResolveTargetsTest, ServiceTakesThePrimaryDeployment) {
  model::ModelBuilder b;
  b.AddTaskDefinition(Td(1));
  b.AddTaskDefinition(Td(2));
  model::EcsService s = Service("web");
  model::Deployment primary;
  primary.id = "ecs-svc/2";
  primary.status = "PRIMARY";
  primary.task_definition = "arn:aws:ecs:eu-west-3:123456789012:task-definition/web:2";
  primary.network.present = true;
  primary.network.subnets = {"subnet-c"};
  primary.network.security_groups = {"sg-new"};
  primary.network.assign_public_ip = true;
  primary.network.assign_public_ip_raw = "ENABLED";
  model::Deployment active;
  active.id = "ecs-svc/1";
  active.status = "ACTIVE";
  active.task_definition = s.task_definition;
  s.deployments = {active, primary};
  b.AddService(s);
  model::Model m = std::move(b).Build();

  auto targets = ResolveTargets(m, TargetQuery{}, nullptr);
  ASSERT_TRUE(targets.has_value()) << targets.error().message;
  ASSERT_EQ(targets->size(), 1u);
  const Target& t = (*targets)[0];
  EXPECT_EQ(t.kind, TargetKind::kService);
  EXPECT_EQ(t.name, "web");
  EXPECT_EQ(t.region, "eu-west-3");
  ASSERT_NE(t.task_definition, nullptr);
  EXPECT_EQ(t.task_definition->revision, 2);
  EXPECT_EQ(t.subnets, (std::vector<std::string>{"subnet-c"}));
  EXPECT_EQ(t.security_groups, (std::vector<std::string>{"sg-new"}));
  EXPECT_TRUE(t.assign_public_ip);
  // LATEST resolves to 1.4.0 when no task tells otherwise.
  EXPECT_EQ(t.platform_version_configured, "LATEST");
  EXPECT_EQ(t.platform_version, "1.4.0");
}

TEST(ResolveTargetsTest, ARunningTaskTellsTheResolvedPlatformVersion) {
  // Services started before March 2021 keep 1.3.0 under LATEST until redeployed (§1.4).
  model::ModelBuilder b;
  b.AddTaskDefinition(Td(1));
  b.AddService(Service("web"));
  model::EcsTask task;
  task.arn = "arn:aws:ecs:eu-west-3:123456789012:task/prod/0123456789abcdef";
  task.cluster_arn = kCluster;
  task.group = "service:web";
  task.platform_version = "1.3.0";
  task.launch_type = "FARGATE";
  task.task_definition_arn = "arn:aws:ecs:eu-west-3:123456789012:task-definition/web:1";
  b.AddTask(task);
  model::Model m = std::move(b).Build();
  auto targets = ResolveTargets(m, TargetQuery{}, nullptr);
  ASSERT_TRUE(targets.has_value());
  ASSERT_EQ(targets->size(), 1u);
  EXPECT_EQ((*targets)[0].platform_version, "1.3.0");
  // And on 1.3.0 the auth token does not use the task ENI.
  auto needs = DeriveNeeds((*targets)[0]);
  EXPECT_TRUE(std::none_of(needs.begin(), needs.end(),
                           [](const Need& n) { return n.service == "ecr.api"; }));
}

TEST(ResolveTargetsTest, WindowsResolvesTo100) {
  model::ModelBuilder b;
  b.AddTaskDefinition(Td(1, "WINDOWS_SERVER_2019_CORE"));
  b.AddService(Service("web"));
  model::Model m = std::move(b).Build();
  auto targets = ResolveTargets(m, TargetQuery{}, nullptr);
  ASSERT_TRUE(targets.has_value());
  EXPECT_TRUE((*targets)[0].windows);
  EXPECT_EQ((*targets)[0].platform_version, "1.0.0");
}

TEST(ResolveTargetsTest, Ec2ServicesAreSkippedWithANote) {
  model::ModelBuilder b;
  b.AddTaskDefinition(Td(1));
  b.AddService(Service("web"));
  b.AddService(Service("batch", "EC2"));
  model::Model m = std::move(b).Build();
  std::vector<InputNote> notes;
  auto targets = ResolveTargets(m, TargetQuery{}, &notes);
  ASSERT_TRUE(targets.has_value());
  ASSERT_EQ(targets->size(), 1u);
  EXPECT_EQ((*targets)[0].name, "web");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].note.find("batch"), std::string::npos) << notes[0].note;
}

TEST(ResolveTargetsTest, NamedServiceThatIsNotInTheInputIsAnError) {
  model::ModelBuilder b;
  b.AddService(Service("web"));
  model::Model m = std::move(b).Build();
  TargetQuery q;
  q.services = {"api"};
  auto targets = ResolveTargets(m, q, nullptr);
  ASSERT_FALSE(targets.has_value());
  EXPECT_EQ(targets.error().code, ErrorCode::kUnknownTarget);
  q.services = {"web"};
  EXPECT_TRUE(ResolveTargets(m, q, nullptr).has_value());
  q.services = {"arn:aws:ecs:eu-west-3:123456789012:service/prod/web"};
  EXPECT_TRUE(ResolveTargets(m, q, nullptr).has_value());
}

TEST(ResolveTargetsTest, TaskDefinitionModeNeedsSubnetsAndTakesTheFlags) {
  model::ModelBuilder b;
  model::Subnet s;
  s.id = "subnet-a";
  s.vpc_id = "vpc-1";
  s.region = "eu-west-3";
  b.AddSubnet(s);
  model::Model m = std::move(b).Build();
  model::TaskDefinition file = Td(4);
  file.arn.clear();
  file.region.clear();
  TargetQuery q;
  q.task_definition = &file;
  auto no_subnets = ResolveTargets(m, q, nullptr);
  ASSERT_FALSE(no_subnets.has_value());
  EXPECT_EQ(no_subnets.error().code, ErrorCode::kUsage);

  q.subnets = {"subnet-a"};
  q.security_groups = {"sg-1"};
  q.assign_public_ip = true;
  q.platform_version = "1.3.0";
  auto targets = ResolveTargets(m, q, nullptr);
  ASSERT_TRUE(targets.has_value()) << targets.error().message;
  const Target& t = (*targets)[0];
  EXPECT_EQ(t.kind, TargetKind::kTaskDefinition);
  EXPECT_EQ(t.name, "web:4");
  EXPECT_EQ(t.subnets, q.subnets);
  EXPECT_EQ(t.security_groups, q.security_groups);
  EXPECT_TRUE(t.assign_public_ip);
  EXPECT_EQ(t.platform_version, "1.3.0");
  EXPECT_EQ(t.launch_type, "FARGATE");
  // A task definition file names no region: the subnets' region is taken.
  EXPECT_EQ(t.region, "eu-west-3");
}

}  // namespace
}  // namespace fd::analysis

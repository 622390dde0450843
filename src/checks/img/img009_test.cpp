// IMG009: an ECR image served by a pull-through cache rule that cannot serve it: an upstream that
// needs credentials without a usable ecr-pullthroughcache/ secret, or an execution role that may
// not import the image or create the cache repository. The healthy design: base-private-nat
// pulling nginx through rule docker-hub (Docker Hub, with its credential secret), for the first
// time (the cache repository does not exist yet), the execution role allowed both calls, and
// the registry provably without a registry policy.
#include "testing/check_harness_iam.h"

namespace fd::testing {
namespace {

using report::Severity;

const std::string kImage =
    "111122223333.dkr.ecr.eu-west-3.amazonaws.com/docker-hub/library/nginx:1.27";
const std::string kCacheRepo =
    "arn:aws:ecr:eu-west-3:111122223333:repository/docker-hub/library/nginx";
const std::string kCredential =
    "arn:aws:secretsmanager:eu-west-3:111122223333:secret:ecr-pullthroughcache/docker-hub-Qm3Xr8";
const std::string kRule = "pull-through-cache-rule/docker-hub";

Json Rule(const std::string& credential, const std::string& upstream = "registry-1.docker.io") {
  Json r = {{"ecrRepositoryPrefix", "docker-hub"},
            {"upstreamRegistryUrl", upstream},
            {"registryId", kAccount}};
  if (!credential.empty()) r["credentialArn"] = credential;
  return r;
}

Json ImportActions() {
  return Json::array({"ecr:BatchImportUpstreamImage", "ecr:CreateRepository"});
}

/// The healthy design; `credential` names the rule's secret ("" for none).
Snapshot CachedNginx(const std::string& credential = kCredential) {
  auto s = Snapshot::Base("base-private-nat");
  Container(s)["image"] = kImage;
  PullThroughCacheRules(s, Json::array({Rule(credential)}));
  AddSecret(s, kCredential, "ecr-pullthroughcache/docker-hub");
  SetRegistryPolicy(s, nullptr);
  AddInlinePolicy(ExecRole(s), "pull-through-cache",
                  OneStatement("Import", "Allow", ImportActions(),
                               "arn:aws:ecr:eu-west-3:111122223333:repository/docker-hub/*"));
  return s;
}

TEST(IMG009, SilentWhenTheRuleHasItsCredentialAndTheRoleMayImport) {
  auto s = CachedNginx();
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kImg009), s.Load())));
}

TEST(IMG009, FiresWhenADockerHubRuleHasNoCredential) {
  auto s = CachedNginx("");
  auto run = RunCheck(Def(Code::kImg009), s.Load());
  ASSERT_TRUE(FiresOn(
      run, kRule, Severity::kBlocker,
      {"pull-through cache rule docker-hub (upstream registry-1.docker.io) has no credential, "
       "which that upstream requires; image " +
       kImage + " (container api) cannot be fetched"}));
  EXPECT_EQ(run.findings.size(), 1u) << run.Dump();
  EXPECT_EQ(run.findings[0].fix.commands.at(1),
            "aws ecr update-pull-through-cache-rule --ecr-repository-prefix docker-hub --region "
            "eu-west-3 "
            "--credential-arn <secret ARN>");
}

// Quay and ECR Public serve anonymous pulls through a cache rule.
TEST(IMG009, SilentWhenTheUpstreamNeedsNoCredential) {
  auto s = CachedNginx("");
  PullThroughCacheRules(s, Json::array({Rule("", "quay.io")}));
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kImg009), s.Load())));
}

// Each thing that makes the rule's credential unusable, with the first problem in the message.
TEST(IMG009, FiresWhenTheCredentialIsNotASecretsManagerSecret) {
  const std::string ssm = "arn:aws:ssm:eu-west-3:111122223333:parameter/dockerhub";
  auto s = CachedNginx(ssm);
  auto run = RunCheck(Def(Code::kImg009), s.Load());
  EXPECT_TRUE(FiresOn(
      run, ssm, Severity::kBlocker,
      {"the credential of pull-through cache rule docker-hub (upstream registry-1.docker.io) "
       "cannot be used: credentialArn " +
       ssm + " is not a Secrets Manager secret ARN"}));
}

TEST(IMG009, FiresWhenTheCredentialSecretLacksThePrefixAndLivesElsewhere) {
  const std::string other =
      "arn:aws:secretsmanager:eu-west-1:444455556666:secret:dockerhub-token-AbCdEf";
  auto s = CachedNginx(other);
  auto run = RunCheck(Def(Code::kImg009), s.Load());
  ASSERT_TRUE(FiresOn(run, other, Severity::kBlocker,
                      {"cannot be used: secret name dockerhub-token-AbCdEf does not start with "
                       "ecr-pullthroughcache/"}));
  std::vector<std::string> claims;
  for (const auto& e : run.findings.at(0).evidence) claims.push_back(e.claim);
  EXPECT_EQ(claims,
            (std::vector<std::string>{
                "secret name dockerhub-token-AbCdEf does not start with ecr-pullthroughcache/",
                "the secret is in account 444455556666, the rule in 111122223333",
                "the secret is in eu-west-1, the rule in eu-west-3"}));
}

TEST(IMG009, FiresWhenTheCredentialSecretIsScheduledForDeletion) {
  auto s = CachedNginx();
  s.Doc("secretsmanager-describe-secret-docker-hub.json")["DeletedDate"] =
      "2025-03-01T10:00:00+00:00";
  auto run = RunCheck(Def(Code::kImg009), s.Load());
  EXPECT_TRUE(FiresOn(
      run, kCredential, Severity::kBlocker,
      {"cannot be used: secret ecr-pullthroughcache/docker-hub is scheduled for deletion"}));
}

// list-secrets of the Region holds every secret there, so one it lacks does not exist.
TEST(IMG009, FiresWhenTheListedSecretsLackTheCredential) {
  auto s = CachedNginx();
  s.Drop("secretsmanager-describe-secret-docker-hub.json");
  s.Doc("secretsmanager-list-secrets.json") = {
      {"SecretList", Json::array({{{"ARN", kDbSecretArn}, {"Name", "prod/api/db-password"}}})}};
  auto run = RunCheck(Def(Code::kImg009), s.Load());
  EXPECT_TRUE(FiresOn(
      run, kCredential, Severity::kBlocker,
      {"no secret ecr-pullthroughcache/docker-hub-Qm3Xr8 exists in eu-west-3 (list-secrets)"}));
}

TEST(IMG009, UncheckedWhenTheCredentialSecretIsNotInTheSnapshot) {
  auto s = CachedNginx();
  s.Drop("secretsmanager-describe-secret-docker-hub.json");
  auto run = RunCheck(Def(Code::kImg009), s.Load());
  EXPECT_TRUE(UncheckedBecause(run, {"credential secret " + kCredential +
                                     " of pull-through cache rule "
                                     "docker-hub is not in the snapshot"}));
}

// Without the repository listing, whether the first pull must create the cache repository
// (ecr:CreateRepository) is unknown.
TEST(IMG009, UncheckedWhenTheRepositoryListingIsMissing) {
  auto s = CachedNginx();
  s.Drop("ecr-describe-repositories.json");
  auto run = RunCheck(Def(Code::kImg009), s.Load());
  EXPECT_TRUE(UncheckedBecause(
      run, {"whether the cache repository docker-hub/library/nginx of pull-through "
            "cache rule docker-hub exists is not in the snapshot"}));
}

// An image of a repository that does not exist: a cache rule could create it, but the rules were
// not collected (IMG001 stays silent for the same reason).
TEST(IMG009, UncheckedWhenTheRepositoryIsAbsentAndTheRulesAreNotCollected) {
  auto s = Snapshot::Base("base-private-nat");
  Container(s)["image"] = "111122223333.dkr.ecr.eu-west-3.amazonaws.com/mirror/nginx:1.27";
  auto run = RunCheck(Def(Code::kImg009), s.Load());
  EXPECT_TRUE(UncheckedBecause(
      run, {"repository mirror/nginx of image",
            "does not exist; whether a "
            "pull-through cache rule of 111122223333 in eu-west-3 would create it is "
            "unknown (collect aws ecr describe-pull-through-cache-rules --region eu-west-3)"}));
}

TEST(IMG009, UncheckedWhenTheCollectorWasRefusedTheRules) {
  auto s = Snapshot::Base("base-private-nat");
  Container(s)["image"] = "111122223333.dkr.ecr.eu-west-3.amazonaws.com/mirror/nginx:1.27";
  s.Doc("ecr-describe-pull-through-cache-rules.json") =
      ErrorEnvelope({"ecr", "describe-pull-through-cache-rules"}, "AccessDeniedException",
                    {{"region", kRegion}, {"account", kAccount}});
  auto run = RunCheck(Def(Code::kImg009), s.Load());
  EXPECT_TRUE(UncheckedBecause(
      run, {"ecr describe-pull-through-cache-rules failed: AccessDeniedException"}));
}

TEST(IMG009, SilentWhenTheImagesRepositoryExists) {
  auto s = Snapshot::Base("base-private-nat");  // api:1.4 is in its listed repository
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kImg009), s.Load())));
}

TEST(IMG009, FiresWhenTheRoleMayNotImport) {
  auto s = CachedNginx();
  ExecRole(s)["RolePolicyList"].erase(1);  // the pull-through-cache grant
  auto run = RunCheck(Def(Code::kImg009), s.Load());
  ASSERT_TRUE(
      FiresOn(run, kExecRoleArn, Severity::kBlocker,
              {"execution role api-task-execution cannot import through the pull-through cache: "
               "ecr:BatchImportUpstreamImage, ecr:CreateRepository denied"}));
  EXPECT_NE(
      run.findings.at(0).fix.commands.at(0).find(
          "\"Action\":[\"ecr:BatchImportUpstreamImage\",\"ecr:CreateRepository\"],\"Resource\":\"" +
          kCacheRepo + "\""),
      std::string::npos)
      << run.Dump();
}

// The registry policy (private registry permissions) may grant what the role's policies do not.
TEST(IMG009, SilentWhenTheRegistryPolicyGrantsTheImport) {
  auto s = CachedNginx();
  ExecRole(s)["RolePolicyList"].erase(1);
  SetRegistryPolicy(s, OneStatement("PullThroughCache", "Allow", ImportActions(), "*",
                                    {{"Principal", {{"AWS", kExecRoleArn}}}}));
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kImg009), s.Load())));
}

TEST(IMG009, FiresWhenTheRegistryPolicyDeniesTheImport) {
  auto s = CachedNginx();
  SetRegistryPolicy(s, OneStatement("NoUpstream", "Deny", "ecr:BatchImportUpstreamImage", "*",
                                    {{"Principal", "*"}}));
  auto run = RunCheck(Def(Code::kImg009), s.Load());
  ASSERT_TRUE(FiresOn(
      run, kExecRoleArn, Severity::kBlocker,
      {"cannot import through the pull-through cache: ecr:BatchImportUpstreamImage denied"}));
  EXPECT_NE(run.findings[0].fix.summary.find(
                "the explicit Deny (registry policy of 111122223333 in eu-west-3 "
                "statement NoUpstream) wins over any Allow"),
            std::string::npos)
      << run.findings[0].fix.summary;
}

// The role's policies do not allow the import and the registry policy, which might, was not
// collected: undecided for want of data.
TEST(IMG009, UncheckedWhenTheRegistryPolicyIsNotCollected) {
  auto s = CachedNginx();
  ExecRole(s)["RolePolicyList"].erase(1);
  s.Drop("ecr-get-registry-policy.json");
  auto run = RunCheck(Def(Code::kImg009), s.Load());
  EXPECT_TRUE(UncheckedBecause(
      run, {"ecr:BatchImportUpstreamImage on " + kCacheRepo + ": unknown",
            "the registry policy of 111122223333 in eu-west-3 is not in the snapshot"}));
}

}  // namespace
}  // namespace fd::testing

// The checks on the image itself, over base-private-nat (image api:1.4 of the account's ECR
// repository api, listed by describe-repositories and describe-images): IMG001 not found, IMG002
// a pinned digest gone, IMG003 archived, IMG004 no variant for the task's platform, IMG005 not a
// runnable manifest, IMG010 too big for the ephemeral storage, IMG011 the repository's KMS key.
#include "testing/check_harness_iam.h"

namespace fd::testing {
namespace {

using report::Severity;

const std::string kRegistry = "111122223333.dkr.ecr.eu-west-3.amazonaws.com/";
const std::string kDigest =
    "sha256:4c7d0a1f9e3b8c2a6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c";

/// The one image describe-images lists.
Json& ImageDetail(Snapshot& s) { return s.Doc("ecr-describe-images.json")["imageDetails"][0]; }

// ---- IMG001 -------------------------------------------------------------------------------------

TEST(IMG001, FiresWhenTheListedRegistryLacksTheRepository) {
  auto s = Snapshot::Base("base-private-nat");
  Container(s)["image"] = kRegistry + "payments:1.4";
  auto run = RunCheck(Def(Code::kImg001), s.Load());
  ASSERT_TRUE(FiresOn(run, "arn:aws:ecr:eu-west-3:111122223333:repository/payments",
                      Severity::kBlocker,
                      {"repository payments of image " + kRegistry +
                       "payments:1.4 (container api) does not exist in registry 111122223333 in "
                       "eu-west-3"}));
  EXPECT_EQ(run.findings[0].evidence.at(0).claim,
            "describe-repositories of 111122223333 in eu-west-3 has no repository payments");
}

TEST(IMG001, FiresWhenTheRepositoryLacksTheTag) {
  auto s = Snapshot::Base("base-private-nat");
  Container(s)["image"] = kRegistry + "api:1.5";
  auto run = RunCheck(Def(Code::kImg001), s.Load());
  EXPECT_TRUE(FiresOn(run, kRepoArn, Severity::kBlocker,
                      {"tag 1.5 of image " + kRegistry +
                       "api:1.5 (container api) does not exist in repository api"}));
}

TEST(IMG001, SilentWhenTheTagIsListed) {
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kImg001), Snapshot::Base("base-private-nat").Load())));
}

TEST(IMG001, UncheckedWithoutTheRepositorysImageListing) {
  auto s = Snapshot::Base("base-private-nat");
  s.Drop("ecr-describe-images.json");
  auto run = RunCheck(Def(Code::kImg001), s.Load());
  EXPECT_TRUE(UncheckedBecause(
      run,
      {"image " + kRegistry + "api:1.4: the snapshot has no describe-images of api in eu-west-3"}));
}

// ---- IMG002 -------------------------------------------------------------------------------------

TEST(IMG002, FiresWhenThePinnedDigestIsNoLongerListed) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string gone = "sha256:" + std::string(64, 'e');
  Container(s)["image"] = kRegistry + "api@" + gone;
  auto run = RunCheck(Def(Code::kImg002), s.Load());
  ASSERT_TRUE(FiresOn(run, kRepoArn, Severity::kWarning,
                      {"digest " + gone + " of container api no longer exists in repository api"}));
  EXPECT_EQ(run.findings[0].evidence.at(0).claim, "describe-images of api lists no image " + gone);
}

TEST(IMG002, SilentWhenThePinnedDigestIsListed) {
  auto s = Snapshot::Base("base-private-nat");
  Container(s)["image"] = kRegistry + "api@" + kDigest;
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kImg002), s.Load())));
}

TEST(IMG002, UncheckedWithoutTheRepositorysImageListing) {
  auto s = Snapshot::Base("base-private-nat");
  Container(s)["image"] = kRegistry + "api@" + kDigest;
  s.Drop("ecr-describe-images.json");
  auto run = RunCheck(Def(Code::kImg002), s.Load());
  EXPECT_TRUE(UncheckedBecause(run, {"the snapshot has no describe-images of api in eu-west-3"}));
}

// ---- IMG003 -------------------------------------------------------------------------------------

TEST(IMG003, FiresWhenTheImageIsArchived) {
  auto s = Snapshot::Base("base-private-nat");
  ImageDetail(s)["imageStatus"] = "ARCHIVED";
  auto run = RunCheck(Def(Code::kImg003), s.Load());
  ASSERT_TRUE(FiresOn(run, kRepoArn, Severity::kWarning,
                      {"image " + kRegistry + "api:1.4 (container api) is archived"}));
  EXPECT_EQ(run.findings[0].fix.commands.at(0),
            "aws ecr update-image-storage-class --registry-id 111122223333 --repository-name api "
            "--image-id imageDigest=" +
                kDigest + " --target-storage-class STANDARD --region eu-west-3");
}

TEST(IMG003, SilentWhenTheImageIsActive) {
  auto s = Snapshot::Base("base-private-nat");
  ImageDetail(s)["imageStatus"] = "ACTIVE";
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kImg003), s.Load())));
}

// ---- IMG004 -------------------------------------------------------------------------------------

/// batch-get-image of api:1.4 answering a manifest list of `platforms` ("os/arch").
void ManifestList(Snapshot& s, const std::vector<std::pair<std::string, std::string>>& platforms) {
  Json manifests = Json::array();
  for (const auto& [os, arch] : platforms)
    manifests.push_back({{"mediaType", "application/vnd.oci.image.manifest.v1+json"},
                         {"platform", {{"os", os}, {"architecture", arch}}}});
  Json index = {{"schemaVersion", 2},
                {"mediaType", "application/vnd.oci.image.index.v1+json"},
                {"manifests", manifests}};
  s.Doc("ecr-batch-get-image.json") = {
      {"images",
       Json::array({{{"registryId", kAccount},
                     {"repositoryName", "api"},
                     {"imageId", {{"imageDigest", kDigest}, {"imageTag", "1.4"}}},
                     {"imageManifest", index.dump()},
                     {"imageManifestMediaType", "application/vnd.oci.image.index.v1+json"}}})},
      {"failures", Json::array()}};
}

TEST(IMG004, FiresWhenTheManifestListHasNoVariantForTheTasksPlatform) {
  auto s = Snapshot::Base("base-private-nat");
  ManifestList(s, {{"linux", "arm64"}, {"windows", "amd64"}});
  auto run = RunCheck(Def(Code::kImg004), s.Load());
  ASSERT_TRUE(
      FiresOn(run, kRepoArn, Severity::kBlocker,
              {"image " + kRegistry + "api:1.4 (container api) has no linux/amd64 variant"}));
  EXPECT_EQ(run.findings[0].evidence.at(0).claim,
            kDigest + " is a manifest list of linux/arm64, windows/amd64");
}

TEST(IMG004, SilentWhenTheTaskRunsOnTheListedArchitecture) {
  auto s = Snapshot::Base("base-private-nat");
  ManifestList(s, {{"linux", "arm64"}, {"windows", "amd64"}});
  s.TaskDefinition()["runtimePlatform"] = {{"cpuArchitecture", "ARM64"},
                                           {"operatingSystemFamily", "LINUX"}};
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kImg004), s.Load())));
}

// ---- IMG005 -------------------------------------------------------------------------------------

TEST(IMG005, FiresWhenTheArtifactIsNotAContainerImage) {
  auto s = Snapshot::Base("base-private-nat");
  ImageDetail(s)["artifactMediaType"] = "application/vnd.cncf.helm.config.v1+json";
  auto run = RunCheck(Def(Code::kImg005), s.Load());
  ASSERT_TRUE(FiresOn(run, kRepoArn, Severity::kBlocker,
                      {"image " + kRegistry + "api:1.4 (container api) is not a container image"}));
  EXPECT_EQ(run.findings[0].evidence.at(0).claim,
            kDigest + " artifactMediaType application/vnd.cncf.helm.config.v1+json");
}

TEST(IMG005, FiresAsWarningOnASchema1Manifest) {
  auto s = Snapshot::Base("base-private-nat");
  ImageDetail(s)["imageManifestMediaType"] =
      "application/vnd.docker.distribution.manifest.v1+prettyjws";
  ImageDetail(s).erase("artifactMediaType");
  auto run = RunCheck(Def(Code::kImg005), s.Load());
  EXPECT_TRUE(
      FiresOn(run, kRepoArn, Severity::kWarning,
              {"image " + kRegistry + "api:1.4 (container api) uses a Docker schema 1 manifest"}));
}

TEST(IMG005, SilentOnAnOciImage) {
  auto s = Snapshot::Base("base-private-nat");
  ImageDetail(s)["imageManifestMediaType"] = "application/vnd.oci.image.manifest.v1+json";
  ImageDetail(s)["artifactMediaType"] = "application/vnd.oci.image.config.v1+json";
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kImg005), s.Load())));
}

// ---- IMG010 -------------------------------------------------------------------------------------

constexpr int64_t kGiB = 1024LL * 1024 * 1024;

TEST(IMG010, FiresWhenTheImageOutgrowsTheDefaultStorage) {
  auto s = Snapshot::Base("base-private-nat");
  ImageDetail(s)["imageSizeInBytes"] = 8 * kGiB;
  auto run = RunCheck(Def(Code::kImg010), s.Load());
  ASSERT_TRUE(FiresOn(run, kTdArn, Severity::kWarning,
                      {"the images of api:7 need about 24.0 GiB of ephemeral storage (compressed + "
                       "extracted), more than the 20 GiB the task gets"}));
  EXPECT_EQ(run.findings[0].evidence.at(0).claim,
            kRegistry + "api:1.4 is 8.0 GiB compressed (describe-images imageSizeInBytes)");
  EXPECT_EQ(run.findings[0].fix.summary, "set ephemeralStorage.sizeInGiB to 29 in a new revision");
}

TEST(IMG010, SilentWhenTheTaskDefinitionGivesEnoughStorage) {
  auto s = Snapshot::Base("base-private-nat");
  ImageDetail(s)["imageSizeInBytes"] = 8 * kGiB;
  s.TaskDefinition()["ephemeralStorage"] = {{"sizeInGiB", 30}};
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kImg010), s.Load())));
}

// Platform 1.3.0 gives 10 GB of layer storage and no ephemeralStorage setting.
TEST(IMG010, FiresOnPlatform13WhereOnlyTenGibExist) {
  auto s = Snapshot::Base("base-private-nat");
  ImageDetail(s)["imageSizeInBytes"] = 4 * kGiB;
  SetPlatformVersion(s, "api", "1.3.0");
  auto run = RunCheck(Def(Code::kImg010), s.Load());
  ASSERT_TRUE(
      FiresOn(run, kTdArn, Severity::kWarning, {"need about 12.0 GiB", "more than the 10 GiB"}));
  EXPECT_EQ(run.findings[0].fix.summary,
            "use platform version 1.4.0 and set ephemeralStorage.sizeInGiB to 17");
}

// ---- IMG011 -------------------------------------------------------------------------------------

/// The base repository encrypted with key k-ecr in `state`.
std::string RepositoryUnderKey(Snapshot& s, const std::string& state) {
  const std::string key = AddKey(s, "k-ecr", state);
  s.Doc("ecr-describe-repositories.json")["repositories"][0]["encryptionConfiguration"] = {
      {"encryptionType", "KMS"}, {"kmsKey", key}};
  return key;
}

TEST(IMG011, FiresWhenTheRepositorysKeyIsDisabled) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string key = RepositoryUnderKey(s, "Disabled");
  auto run = RunCheck(Def(Code::kImg011), s.Load());
  EXPECT_TRUE(FiresOn(
      run, key, Severity::kBlocker,
      {"KMS key " + key + " used by ECR repository api (image of container api) is Disabled"}));
}

TEST(IMG011, SilentWhenTheRepositorysKeyIsEnabled) {
  auto s = Snapshot::Base("base-private-nat");
  RepositoryUnderKey(s, "Enabled");
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kImg011), s.Load())));
}

TEST(IMG011, UncheckedWhenTheRepositorysKeyIsNotDescribed) {
  auto s = Snapshot::Base("base-private-nat");
  RepositoryUnderKey(s, "Enabled");
  s.Drop("kms-describe-key-k-ecr.json");
  auto run = RunCheck(Def(Code::kImg011), s.Load());
  EXPECT_TRUE(UncheckedBecause(run, {"KMS key " + KeyArn("k-ecr") +
                                     " used by ECR repository api (image of container api) of " +
                                     kServiceArn + " is not described (kms describe-key)"}));
}

// batch-get-image (as the collector saves it, in an envelope naming the repository) reported that
// ECR could not decrypt the image with the repository's key.
TEST(IMG011, FiresWhenBatchGetImageReportedAKmsError) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string key = RepositoryUnderKey(s, "Enabled");
  s.Doc("ecr-batch-get-image.json") =
      Envelope({"ecr", "batch-get-image", "--registry-id", kAccount, "--repository-name", "api",
                "--image-ids", "imageTag=1.4"},
               {{"images", Json::array()},
                {"failures", Json::array({{{"imageId", {{"imageTag", "1.4"}}},
                                           {"failureCode", "KmsError"},
                                           {"failureReason", "KMS key is disabled"}}})}},
               {{"region", kRegion}});
  auto run = RunCheck(Def(Code::kImg011), s.Load());
  ASSERT_TRUE(FiresOn(run, kRepoArn, Severity::kBlocker,
                      {"ECR cannot decrypt image " + kRegistry +
                       "api:1.4 of container api with the repository's KMS key"}));
  EXPECT_EQ(run.findings[0].evidence.at(0).claim,
            "batch-get-image failure KmsError: KMS key is disabled");
  EXPECT_EQ(
      run.findings[0].fix.commands,
      (std::vector<std::string>{"aws kms list-grants --key-id " + key + " --region eu-west-3"}));
}

}  // namespace
}  // namespace fd::testing

// Outputs that name no Region take the snapshot's when every file that names one names the same
// (issue 18, "offline input as people save it"); a multi-Region snapshot keeps them unknown.

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ingest/snapshot.h"
#include "testing/load_files.h"

namespace fd::ingest {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

using fd::testing::Load;

// `aws ecr get-repository-policy --registry-id 222233334444 --repository-name shared/base`.
const char* kPolicy = R"({"registryId": "222233334444", "repositoryName": "shared/base",
  "policyText": "{\"Version\":\"2012-10-17\",\"Statement\":[]}"})";

std::string Subnets(const std::string& region) {
  return R"({"Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "AvailabilityZone": ")" +
         region + R"(a", "CidrBlock": "10.0.0.0/24", "SubnetArn": "arn:aws:ec2:)" + region +
         R"(:111122223333:subnet/subnet-1"}]})";
}

const char* kImages = R"({"imageDetails": [{"registryId": "222233334444",
  "repositoryName": "shared/base", "imageDigest": "sha256:aa", "imageTags": ["1.0"]}]})";

const std::string kArn = "arn:aws:ecr:eu-west-3:222233334444:repository/shared/base";

TEST(SnapshotRegion, OneRegionSnapshotGivesItToARepositoryPolicy) {
  auto m = Load({{"policy.json", kPolicy}, {"subnets.json", Subnets("eu-west-3")}});
  const model::EcrRepositoryPolicy* p = m.ecr_repository_policies().Find(kArn);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->region, "eu-west-3");
  EXPECT_THAT(m.notes(), IsEmpty());
}

TEST(SnapshotRegion, AnEnvelopeOrFolderAloneAlsoNamesTheRegion) {
  const std::string envelope =
      R"({"fargateDoctorEnvelope": 1, "region": "eu-west-3", "command": ["ec2",
      "describe-vpcs"], "output": {"Vpcs": []}})";
  for (const InputFile& other : {InputFile{"vpcs.json", envelope},
                                 InputFile{"eu-west-3/vpcs.json", R"({"Vpcs": []})"}}) {
    auto m = Load({{"policy.json", kPolicy}, other});
    EXPECT_NE(m.ecr_repository_policies().Find(kArn), nullptr) << other.name;
  }
}

TEST(SnapshotRegion, EveryRegionLessOutputTakesIt) {
  // describe-images and describe-route-tables name no Region either.
  auto m = Load({{"images.json", kImages},
                 {"rtb.json", R"({"RouteTables": [{"RouteTableId": "rtb-9", "VpcId": "vpc-9",
                   "Routes": [], "Associations": []}]})"},
                 {"subnets.json", Subnets("eu-west-3")}});
  ASSERT_EQ(m.ecr_images().size(), 1u);
  EXPECT_EQ(m.ecr_images().all()[0].region, "eu-west-3");
  EXPECT_NE(m.EcrImageByTag("222233334444", "eu-west-3", "shared/base", "1.0"), nullptr);
  EXPECT_EQ(m.route_tables().Find("rtb-9")->region, "eu-west-3");  // vpc-9 is not listed
}

TEST(SnapshotRegion, SeveralRegionsLeaveItUnknownAndSayWhatSettlesIt) {
  auto m = Load({{"a/subnets.json", Subnets("eu-west-3")},
                 {"b/subnets.json", Subnets("us-east-1")},
                 {"images.json", kImages},
                 {"policy.json", kPolicy}});
  EXPECT_EQ(m.ecr_repository_policies().size(), 0u);
  EXPECT_EQ(m.ecr_images().all().at(0).region, "");
  bool noted = false;
  for (const InputNote& n : m.notes()) {
    if (n.file != "policy.json") continue;
    noted = true;
    EXPECT_EQ(n.note,
              "repository policy of shared/base (registry 222233334444) names no Region and the "
              "snapshot spans several Regions (eu-west-3, us-east-1): save it in an envelope "
              "with \"region\" (e.g. \"region\": \"eu-west-3\") or in a folder named after its "
              "Region (e.g. eu-west-3/); ignored");
  }
  EXPECT_TRUE(noted);
}

TEST(SnapshotRegion, NoRegionAnywhereIsNoted) {
  auto m = Load({{"policy.json", kPolicy}});
  EXPECT_EQ(m.ecr_repository_policies().size(), 0u);
  ASSERT_EQ(m.notes().size(), 1u);
  EXPECT_THAT(m.notes()[0].note, HasSubstr("no file of the snapshot names a Region either"));
}

}  // namespace
}  // namespace fd::ingest

#include "ingest/snapshot.h"
#include "testing/load_files.h"

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <sys/stat.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace fd::ingest {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

using fd::testing::Load;

TEST(IngestSnapshot, UnrecognisedFileBecomesShortNote) {
  auto m =
      Load({{"aws_configs/us-east-1/Reservations.json", R"({"Reservations": [{"Instances": []}]})"},
            {"many.json", R"({"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6})"}});
  ASSERT_EQ(m.notes().size(), 2u);
  EXPECT_EQ(
      m.notes()[0],
      (InputNote{"aws_configs/us-east-1/Reservations.json", "",
                 "not an AWS CLI output fargate-doctor reads (top-level keys: Reservations)"}));
  EXPECT_EQ(m.notes()[1].note,
            "not an AWS CLI output fargate-doctor reads (top-level keys: a, b, c, d, e, ...)");
}

TEST(IngestSnapshot, NonObjectAndEmptyFilesAreNotesNotErrors) {
  auto m = Load({{"array.json", "[1, 2]"}, {"empty.json", " \n"}, {"string.json", "\"x\""}});
  ASSERT_EQ(m.notes().size(), 3u);
  EXPECT_EQ(m.notes()[0].file, "array.json");
  EXPECT_THAT(m.notes()[0].note, StartsWith("top-level JSON is an array, not an object"));
  EXPECT_EQ(m.notes()[1], (InputNote{"empty.json", "", "empty file"}));
  EXPECT_THAT(m.notes()[2].note, StartsWith("top-level JSON is a string"));
}

TEST(IngestSnapshot, InvalidJsonIsAnErrorNamingFileAndByte) {
  auto m = LoadFiles(
      {{"ok.json", R"({"Vpcs": []})"},
       {"snap/Subnets.json", "{\n  \"Subnets\": [\n    {\"SubnetId\": \"subnet-1\",}\n  ]\n}"}});
  ASSERT_FALSE(m.has_value());
  EXPECT_EQ(m.error().code, ErrorCode::kInvalidJson);
  EXPECT_EQ(m.error().message,
            "snap/Subnets.json: invalid JSON at byte 46: syntax error while parsing object key - "
            "unexpected '}'; expected string literal");
}

TEST(IngestSnapshot, LaterShapesAreRecognisedQuietly) {
  auto m = Load(
      {{"1.json",
        R"({"RoleDetailList": [], "Policies": [], "GroupDetailList": [], "UserDetailList": []})"},
       {"2.json", R"({"Role": {"RoleName": "r", "Arn": "arn:aws:iam::1:role/r"}})"},
       {"3.json", R"({"repositories": []})"},
       {"4.json", R"({"imageDetails": []})"},
       {"5.json", R"({"images": [], "failures": []})"},
       {"6.json", R"({"logGroups": []})"},
       {"7.json", R"({"SecretList": []})"},
       {"8.json",
        R"({"ARN": "arn:aws:secretsmanager:us-east-1:1:secret:x", "Name": "x", "Tags": []})"},
       {"9.json",
        R"({"Parameters": [{"Name": "p", "Value": "do-not-keep"}], "InvalidParameters": []})"},
       {"10.json", R"({"FileSystems": []})"},
       {"11.json", R"({"MountTargets": []})"},
       {"12.json", R"({"Entries": [{"Cidr": "10.0.0.0/16"}]})"},
       {"13.json", R"({"EvaluationResults": []})"},
       {"14.json", R"({"RoleName": "r", "PolicyName": "p", "PolicyDocument": {"Statement": []}})"},
       {"eu-west-3/15.json", R"({"registryId": "1", "repositoryName": "r", "policyText": "{}"})"},
       {"16.json", R"({"taskArns": []})"},
       {"17.json", R"({"Exports": []})"},
       {"18.json", R"({"Stacks": [{"StackName": "s", "Parameters": []}]})"}});
  EXPECT_THAT(m.notes(), IsEmpty());
  for (const char* dataset :
       {"RoleDetailList", "Policies", "Role", "repositories", "imageDetails", "images", "logGroups",
        "SecretList", "ARN", "Parameters", "FileSystems", "MountTargets", "Entries",
        "EvaluationResults", "PolicyDocument", "policyText", "taskArns", "Exports", "Stacks"})
    EXPECT_TRUE(m.Has(dataset)) << dataset;
  EXPECT_FALSE(m.Has("failures"));
  EXPECT_EQ(m.prefix_lists().size(), 0u);  // unenveloped Entries do not say which list
}

TEST(IngestSnapshot, EnvelopeFillsManagedPrefixListEntries) {
  auto m = Load(
      {{"mpl.json", R"({"PrefixLists": [{"PrefixListId": "pl-0123", "PrefixListName": "vpc-cidrs",
                      "PrefixListArn": "arn:aws:ec2:us-west-2:123456789012:prefix-list/pl-0123"}]})"},
       {"entries.json", R"({"fargateDoctorEnvelope": 1,
                      "command": ["ec2", "get-managed-prefix-list-entries", "--prefix-list-id", "pl-0123"],
                      "region": "us-west-2",
                      "output": {"Entries": [{"Cidr": "10.0.0.0/16", "Description": "vpc-a"},
                                             {"Cidr": "10.2.0.0/16"}, {"Cidr": "2001:db8::/32"}]}})"},
       {"other.json", R"({"fargateDoctorEnvelope": 1,
                      "command": ["aws", "ec2", "get-managed-prefix-list-entries", "--prefix-list-id=pl-new"],
                      "region": "eu-north-1", "output": {"Entries": [{"Cidr": "192.168.0.0/24"}]}})"}});
  const model::PrefixList* p = m.prefix_lists().Find("pl-0123");
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(p->cidrs_known);
  EXPECT_EQ(p->name, "vpc-cidrs");
  EXPECT_THAT(p->cidrs, ElementsAre(*Cidr4::Parse("10.0.0.0/16"), *Cidr4::Parse("10.2.0.0/16")));
  EXPECT_EQ(p->ipv6_cidrs.size(), 1u);
  const model::PrefixList* fresh = m.prefix_lists().Find("pl-new");
  ASSERT_NE(fresh, nullptr);
  EXPECT_TRUE(fresh->cidrs_known);
  EXPECT_EQ(fresh->region, "eu-north-1");
  EXPECT_EQ(fresh->source, (SourceRef{"other.json", "/output/Entries"}));
  EXPECT_TRUE(m.Has("Entries"));
  EXPECT_THAT(m.notes(), IsEmpty());
}

// batch-get-image's failures name only the image id: the repository and registry are those of the
// command the envelope records, so IMG011 can tell which repository's image ECR could not decrypt.
TEST(IngestSnapshot, EnvelopedBatchGetImageFailuresNameTheCommandsRepository) {
  auto m = Load({{"bgi.json", R"({"fargateDoctorEnvelope": 1,
                      "command": ["ecr", "batch-get-image", "--registry-id", "123456789012",
                                  "--repository-name", "team/api", "--image-ids", "imageTag=1.4"],
                      "region": "us-west-2",
                      "output": {"images": [], "failures": [{"imageId": {"imageTag": "1.4"},
                                 "failureCode": "KmsError", "failureReason": "key disabled"}]}})"}});
  ASSERT_EQ(m.ecr_image_failures().size(), 1u);
  const model::EcrImageFailure& f = m.ecr_image_failures().all()[0];
  EXPECT_EQ(f.repository_name, "team/api");
  EXPECT_EQ(f.registry_id, "123456789012");
  EXPECT_EQ(f.region, "us-west-2");
  EXPECT_EQ(f.tag, "1.4");
  EXPECT_EQ(f.key, "123456789012/us-west-2/team/api:1.4 KmsError");
  EXPECT_TRUE(m.Has("images"));
  EXPECT_THAT(m.notes(), IsEmpty());
}

TEST(IngestSnapshot, EnvelopeRegionOutranksFolderAndPointersIncludeOutput) {
  auto m = Load(
      {{"us-east-1/wrapped.json", R"({"fargateDoctorEnvelope": 1,
                      "command": ["ec2", "describe-route-tables"], "region": "eu-west-3",
                      "output": {"RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1",
                                 "Routes": [{"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1"}]}]}})"},
       {"attr.json", R"({"fargateDoctorEnvelope": 1, "command": ["ec2", "describe-vpc-attribute",
                      "--vpc-id", "vpc-9", "--attribute", "enableDnsSupport"], "region": "eu-west-3",
                      "output": {"VpcId": "vpc-9", "EnableDnsSupport": {"Value": false}}})"}});
  const model::RouteTable* t = m.route_tables().Find("rtb-1");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->region, "eu-west-3");
  EXPECT_EQ(t->source.pointer, "/output/RouteTables/0");
  EXPECT_EQ(t->routes[0].source.pointer, "/output/RouteTables/0/Routes/0");
  ASSERT_NE(m.vpcs().Find("vpc-9"), nullptr);
  EXPECT_EQ(m.vpcs().Find("vpc-9")->enable_dns_support, false);
  EXPECT_THAT(m.notes(), IsEmpty());
}

TEST(IngestSnapshot, EnvelopeProblemsBecomeNotes) {
  auto m = Load(
      {{"a.json", R"({"fargateDoctorEnvelope": 1, "command": ["ses", "list-identities"],
                      "output": {"Identities": []}})"},
       {"b.json",
        R"({"fargateDoctorEnvelope": 2, "command": ["ec2", "describe-vpcs"], "output": {}})"},
       {"c.json",
        R"({"fargateDoctorEnvelope": 1, "command": ["ec2", "get-managed-prefix-list-entries"],
                      "output": {"Entries": []}})"},
       {"d.json",
        R"({"fargateDoctorEnvelope": 1, "command": ["kms", "get-key-policy", "--key-id", "k"],
                      "output": {"Policy": "{}", "PolicyName": "default"}})"},
       {"e.json",
        R"({"fargateDoctorEnvelope": 1, "command": ["efs", "describe-mount-target-security-groups"],
                      "output": {"SecurityGroups": ["sg-1"]}})"}});
  // A mount-target security-group listing that does not say which mount target it describes
  // cannot be used: a note, like the other envelope problems.
  // A key policy for a key id with neither region nor account names no key either.
  ASSERT_EQ(m.notes().size(), 5u);
  EXPECT_EQ(m.notes()[3].file, "d.json");
  EXPECT_EQ(m.notes()[4], (InputNote{"e.json", "/command",
                                     "describe-mount-target-security-groups without --mount-target-id"}));
  EXPECT_EQ(m.notes()[0],
            (InputNote{"a.json", "/output",
                       "envelope command `ses list-identities` is not one fargate-doctor reads "
                       "(top-level keys: Identities)"}));
  EXPECT_EQ(m.notes()[1].pointer, "/fargateDoctorEnvelope");
  EXPECT_THAT(m.notes()[2].note, HasSubstr("without --prefix-list-id"));
  EXPECT_TRUE(m.Has("kms get-key-policy"));
  EXPECT_FALSE(m.Has("efs describe-mount-target-security-groups"));  // unusable, see the note
  EXPECT_FALSE(m.Has("SecurityGroups"));
  EXPECT_EQ(m.security_groups().size(), 0u);
}

TEST(IngestSnapshot, RegionAndAccountFromBatfishFolders) {
  auto m = Load({{"aws_configs/accounts/123456789012/us-west-2/Vpcs.json",
                  R"({"Vpcs": [{"VpcId": "vpc-a"}]})"},
                 {"aws_configs/us-gov-east-1/Vpcs.json",
                  R"({"Vpcs": [{"VpcId": "vpc-b", "OwnerId": "999999999999"}]})"},
                 {"us-east-1/nested/deeper/Vpcs.json", R"({"Vpcs": [{"VpcId": "vpc-c"}]})"},
                 {"accounts/12345/us-east-1x/Vpcs.json", R"({"Vpcs": [{"VpcId": "vpc-d"}]})"},
                 {"aws_configs/accounts/210987654321/eu-west-1/services.json",
                  R"({"services": [{"serviceArn": "svc-without-arn-shape"}]})"}});
  EXPECT_EQ(m.vpcs().Find("vpc-a")->region, "us-west-2");
  EXPECT_EQ(m.vpcs().Find("vpc-a")->owner_id, "123456789012");
  EXPECT_EQ(m.vpcs().Find("vpc-b")->region, "us-gov-east-1");
  EXPECT_EQ(m.vpcs().Find("vpc-b")->owner_id, "999999999999");  // OwnerId outranks the folder
  EXPECT_EQ(m.vpcs().Find("vpc-c")->region, "us-east-1");
  EXPECT_EQ(m.vpcs().Find("vpc-d")->region, "");
  EXPECT_EQ(m.vpcs().Find("vpc-d")->owner_id, "");
  const model::EcsService* s = m.services().Find("svc-without-arn-shape");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->region, "eu-west-1");
  EXPECT_EQ(s->account, "210987654321");
}

TEST(IngestSnapshot, DanglingReferencesProduceNotes) {
  auto m =
      Load({{"Vpcs.json", R"({"Vpcs": [{"VpcId": "vpc-1"}]})"},
            {"Subnets.json", R"({"Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-gone"}]})"},
            {"NatGateways.json", R"({"NatGateways": []})"},
            {"RouteTables.json",
             R"({"RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Routes": [
                     {"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-gone", "State": "active"},
                     {"DestinationCidrBlock": "10.9.0.0/16", "NatGatewayId": "nat-old", "State": "blackhole"}]}]})"}});
  EXPECT_THAT(m.notes(),
              ElementsAre(InputNote{"RouteTables.json", "/RouteTables/0/Routes/0",
                                    "route in rtb-1 targets nat-gone, which the snapshot lacks"},
                          InputNote{"Subnets.json", "/Subnets/0",
                                    "subnet subnet-1 names vpc-gone, which the snapshot lacks"}));
}

class IngestPaths : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("fd_ingest_paths_" +
             std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_ / "snap" / "aws_configs" / "eu-west-3");
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  void Write(const std::string& rel, const std::string& text) {
    std::ofstream(root_ / rel) << text;
  }
  std::filesystem::path root_;
};

TEST_F(IngestPaths, FoldersAreWalkedWithRelativeNames) {
  Write("snap/aws_configs/eu-west-3/Vpcs.json", R"({"Vpcs": [{"VpcId": "vpc-1"}]})");
  Write("snap/aws_configs/eu-west-3/Tags.json", R"({"Tags": []})");
  Write("snap/notes.txt", "not json at all");
  Write("loose.json", R"({"Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1"}]})");
  auto m = LoadPaths({(root_ / "snap").string(), (root_ / "loose.json").string()});
  ASSERT_TRUE(m.has_value()) << m.error().message;
  const model::Vpc* v = m->vpcs().Find("vpc-1");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->source.file, "aws_configs/eu-west-3/Vpcs.json");
  EXPECT_EQ(v->region, "eu-west-3");
  EXPECT_EQ(m->subnets().Find("subnet-1")->source.file, "loose.json");
  EXPECT_EQ(m->subnets().Find("subnet-1")->region, "eu-west-3");  // from its VPC
  ASSERT_EQ(m->notes().size(), 1u);
  EXPECT_EQ(m->notes()[0].file, "aws_configs/eu-west-3/Tags.json");
}

TEST_F(IngestPaths, RegionFolderGivenDirectly) {
  Write("snap/aws_configs/eu-west-3/Vpcs.json", R"({"Vpcs": [{"VpcId": "vpc-1"}]})");
  auto m = LoadPaths({(root_ / "snap" / "aws_configs" / "eu-west-3").string()});
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->vpcs().Find("vpc-1")->source.file, "Vpcs.json");
  EXPECT_EQ(m->vpcs().Find("vpc-1")->region, "eu-west-3");
}

TEST_F(IngestPaths, FilesWithoutASizeAreReadToTheEnd) {
  // A FIFO reports no size (as do /dev/fd/N process substitutions): the reader reads until the
  // end instead of trusting fstat. The writer sends more than one read's worth.
  const auto fifo = root_ / "Vpcs.json";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string text = R"({"Vpcs": [)";
  for (int i = 0; i < 3000; ++i)
    text += std::string(i ? "," : "") + R"({"VpcId": "vpc-)" + std::to_string(i) + R"("})";
  text += "]}";
  std::thread writer([&] { std::ofstream(fifo) << text; });
  auto m = LoadPaths({fifo.string()});
  writer.join();
  ASSERT_TRUE(m.has_value()) << m.error().message;
  EXPECT_EQ(m->vpcs().size(), 3000u);
  EXPECT_NE(m->vpcs().Find("vpc-2999"), nullptr);
}

TEST_F(IngestPaths, TinyFilesAreReadAsThemselves) {
  // A parsed document points into its file's text, which for a file of a few bytes lives
  // inside the string object itself: moving the string between threads once moved the text
  // under the document. Many tiny files in a row, each naming its own data set, must each be
  // read as itself.
  const char* kinds[] = {R"({"Vpcs":[]})", R"({"Subnets":[]})", R"({"Tags":[]})"};
  for (int i = 0; i < 300; ++i)
    Write("snap/f" + std::to_string(1000 + i) + ".json", kinds[i % 3]);
  auto m = LoadPaths({(root_ / "snap").string()});
  ASSERT_TRUE(m.has_value()) << m.error().message;
  EXPECT_TRUE(m->Has("Vpcs"));
  EXPECT_TRUE(m->Has("Subnets"));
  ASSERT_EQ(m->notes().size(), 100u);  // one per Tags file, naming it
  for (const auto& n : m->notes()) {
    const int index = std::stoi(n.file.substr(1, 4)) - 1000;
    EXPECT_EQ(index % 3, 2) << n.file << ": " << n.note;
  }
}

TEST_F(IngestPaths, Errors) {
  auto missing = LoadPaths({(root_ / "nope").string()});
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kIo);
  EXPECT_THAT(missing.error().message, HasSubstr("nope: no such file or directory"));

  Write("snap/aws_configs/eu-west-3/broken.json", "{\"Vpcs\": [}");
  auto broken = LoadPaths({(root_ / "snap").string()});
  ASSERT_FALSE(broken.has_value());
  EXPECT_EQ(broken.error().code, ErrorCode::kInvalidJson);
  EXPECT_THAT(broken.error().message,
              StartsWith("aws_configs/eu-west-3/broken.json: invalid JSON at byte 11: "));
  EXPECT_THAT(broken.error().message, ::testing::Not(HasSubstr(root_.string())));
}

}  // namespace
}  // namespace fd::ingest

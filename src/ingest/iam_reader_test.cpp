// IAM, resource-policy, KMS and organizations ingest: the three policy encodings, the AWS CLI
// shapes (awscli examples and hand-written files in the documented shapes), the envelopes that
// name what an output describes, the error envelope, and the Covers() scopes.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ingest/policy_text.h"
#include "ingest/snapshot.h"
#include "testing/load_files.h"
#include "testing/shared_corpus.h"

namespace fd::ingest {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

using fd::testing::Load;

using fd::testing::ReadCorpus;

const char* kCaller =
    R"({"UserId": "AIDA", "Account": "111122223333", "Arn": "arn:aws:iam::111122223333:user/me"})";

// ---- the three encodings --------------------------------------------------------------------

TEST(PolicyText, JsonStringIsKeptAsIs) {
  EXPECT_EQ(DecodePolicyString(R"({"Version":"2012-10-17"})"), R"({"Version":"2012-10-17"})");
  EXPECT_EQ(DecodePolicyString("\n  {\"a\": 1}"), "\n  {\"a\": 1}");
}

TEST(PolicyText, UrlEncodedStringIsPercentDecoded) {
  EXPECT_EQ(DecodePolicyString("%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D"),
            R"({"Version":"2012-10-17","Statement":[]})");
  // lower-case hex digits, '+' kept literally (RFC 3986, not form encoding)
  EXPECT_EQ(DecodePolicyString("%7b%22a+b%22%3a1%7d"), R"({"a+b":1})");
  // %20 for spaces, as the raw IAM API writes them
  EXPECT_EQ(DecodePolicyString("%7B%20%22a%22%3A%201%7D"), R"({ "a": 1})");
}

TEST(PolicyText, UndecodableTextIsRejected) {
  EXPECT_EQ(DecodePolicyString(""), std::nullopt);
  EXPECT_EQ(DecodePolicyString("<URL-encoded-JSON>"), std::nullopt);  // the awscli doc placeholder
  EXPECT_EQ(DecodePolicyString("%7B%2"), std::nullopt);               // truncated escape
  EXPECT_EQ(DecodePolicyString("%ZZ"), std::nullopt);
  EXPECT_EQ(DecodePolicyString("%5B%5D"), std::nullopt);  // decodes to an array, not a policy
}

TEST(PolicyText, AllThreeEncodingsGiveTheSameTrustPolicy) {
  const std::string object = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow"}]})";
  std::string as_string;  // JSON-escaped
  for (char c : object) as_string += c == '"' ? std::string("\\\"") : std::string(1, c);
  const std::string encoded =
      "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%7D%5D%7D";
  auto role = [](const std::string& name, const std::string& doc) {
    return R"({"Role": {"RoleName": ")" + name + R"(", "Path": "/", "Arn": "arn:aws:iam::111122223333:role/)" +
           name + R"(", "AssumeRolePolicyDocument": )" + doc + "}}";
  };
  auto m = Load({{"a.json", role("a", object)},
                 {"b.json", role("b", "\"" + as_string + "\"")},
                 {"c.json", role("c", "\"" + encoded + "\"")}});
  EXPECT_THAT(m.notes(), IsEmpty());
  for (const char* name : {"a", "b", "c"}) {
    const model::IamRole* r = m.RoleByName("111122223333", name);
    ASSERT_NE(r, nullptr) << name;
    EXPECT_EQ(r->trust_policy, object) << name;
  }
}

TEST(PolicyText, VpcEndpointPolicyIsDecodedTheSameWay) {
  auto m = Load({{"e.json", R"({"VpcEndpoints": [
      {"VpcEndpointId": "vpce-1", "VpcId": "vpc-1", "ServiceName": "com.amazonaws.eu-west-3.s3",
       "VpcEndpointType": "Gateway", "PolicyDocument": "%7B%22Statement%22%3A%5B%5D%7D"},
      {"VpcEndpointId": "vpce-2", "VpcId": "vpc-1", "ServiceName": "com.amazonaws.eu-west-3.logs",
       "VpcEndpointType": "Interface", "PolicyDocument": 7}]})"}});
  EXPECT_EQ(m.vpc_endpoints().Find("vpce-1")->policy_document, R"({"Statement":[]})");
  EXPECT_EQ(m.vpc_endpoints().Find("vpce-2")->policy_document, "");
  ASSERT_EQ(m.notes().size(), 1u);
  EXPECT_EQ(m.notes()[0].pointer, "/VpcEndpoints/1/PolicyDocument");
}

// ---- IAM ------------------------------------------------------------------------------------

const char* kAuthDetails = R"({
  "UserDetailList": [], "GroupDetailList": [],
  "RoleDetailList": [
    {"Path": "/", "RoleName": "ecsTaskExecutionRole", "RoleId": "AROAEXAMPLE1",
     "Arn": "arn:aws:iam::111122223333:role/ecsTaskExecutionRole",
     "CreateDate": "2024-01-02T03:04:05Z",
     "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
     "InstanceProfileList": [],
     "RolePolicyList": [{"PolicyName": "secrets",
        "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
          "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]}}],
     "AttachedManagedPolicies": [{"PolicyName": "AmazonECSTaskExecutionRolePolicy",
        "PolicyArn": "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"}],
     "PermissionsBoundary": {"PermissionsBoundaryType": "Policy",
        "PermissionsBoundaryArn": "arn:aws:iam::111122223333:policy/boundary"},
     "Tags": [], "RoleLastUsed": {"LastUsedDate": "2024-05-01T00:00:00Z", "Region": "eu-west-3"}},
    {"Path": "/aws-service-role/ecs.amazonaws.com/", "RoleName": "AWSServiceRoleForECS",
     "RoleId": "AROAEXAMPLE2",
     "Arn": "arn:aws:iam::111122223333:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS",
     "AssumeRolePolicyDocument": "%7B%22Version%22%3A%222012-10-17%22%7D",
     "RolePolicyList": [], "AttachedManagedPolicies": [], "RoleLastUsed": {}}],
  "Policies": [
    {"PolicyName": "boundary", "PolicyId": "ANPAEXAMPLE", "Arn": "arn:aws:iam::111122223333:policy/boundary",
     "Path": "/", "DefaultVersionId": "v2", "AttachmentCount": 1, "IsAttachable": true,
     "CreateDate": "2024-01-01T00:00:00Z", "UpdateDate": "2024-02-01T00:00:00Z",
     "PolicyVersionList": [
       {"Document": {"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]},
        "VersionId": "v1", "IsDefaultVersion": false},
       {"Document": {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]},
        "VersionId": "v2", "IsDefaultVersion": true}]}],
  "IsTruncated": false})";

TEST(IngestIam, AuthorizationDetailsRolesPoliciesAndCoverage) {
  auto m = Load({{"caller.json", kCaller}, {"auth.json", kAuthDetails}});
  EXPECT_THAT(m.notes(), IsEmpty());
  EXPECT_TRUE(m.Has("RoleDetailList"));
  EXPECT_TRUE(m.Has("Policies"));
  const model::IamRole* r = m.RoleByName("111122223333", "ECSTASKEXECUTIONROLE");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->arn, "arn:aws:iam::111122223333:role/ecsTaskExecutionRole");
  EXPECT_EQ(r->account, "111122223333");
  EXPECT_EQ(r->role_id, "AROAEXAMPLE1");
  EXPECT_EQ(r->create_date, "2024-01-02T03:04:05Z");
  EXPECT_EQ(r->trust_policy,
            R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]})");
  EXPECT_TRUE(r->inline_policies_known);
  ASSERT_EQ(r->inline_policies.size(), 1u);
  EXPECT_EQ(r->inline_policies[0].name, "secrets");
  EXPECT_THAT(*r->inline_policies[0].document, HasSubstr("secretsmanager:GetSecretValue"));
  EXPECT_TRUE(r->attached_policies_known);
  EXPECT_THAT(r->attached_policy_arns,
              ElementsAre("arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"));
  EXPECT_TRUE(r->boundary_known);
  EXPECT_EQ(r->permissions_boundary_arn, "arn:aws:iam::111122223333:policy/boundary");
  EXPECT_EQ(r->last_used_region, "eu-west-3");
  EXPECT_FALSE(r->service_linked);

  const model::IamRole* slr = m.RoleByName("111122223333", "AWSServiceRoleForECS");
  ASSERT_NE(slr, nullptr);
  EXPECT_TRUE(slr->service_linked);
  EXPECT_EQ(slr->trust_policy, R"({"Version":"2012-10-17"})");
  EXPECT_EQ(slr->permissions_boundary_arn, "");
  EXPECT_TRUE(slr->boundary_known);

  const model::IamManagedPolicy* p = m.iam_policies().Find("arn:aws:iam::111122223333:policy/boundary");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->default_version_id, "v2");
  EXPECT_THAT(*p->document, HasSubstr("\"Allow\""));  // the default version, not v1
  EXPECT_FALSE(p->aws_managed);

  // The listing is complete: a role it does not name provably does not exist.
  EXPECT_TRUE(m.Covers("iam-roles 111122223333"));
  EXPECT_TRUE(m.Covers("iam-policies 111122223333"));
  EXPECT_TRUE(m.RoleProvenAbsent("111122223333", "ecsTaskExecutionRol"));
  EXPECT_FALSE(m.RoleProvenAbsent("111122223333", "ecsTaskExecutionRole"));
  EXPECT_FALSE(m.RoleProvenAbsent("444455556666", "anything"));
}

TEST(IngestIam, TruncatedAuthorizationDetailsProveNothing) {
  std::string page = kAuthDetails;
  page.replace(page.find("\"IsTruncated\": false"), 20, "\"IsTruncated\": true, \"Marker\": \"x\"");
  auto m = Load({{"auth.json", page}});
  EXPECT_FALSE(m.Covers("iam-roles 111122223333"));
  EXPECT_FALSE(m.RoleProvenAbsent("111122223333", "other"));
  const model::IamRole* r = m.RoleByName("111122223333", "ecsTaskExecutionRole");
  ASSERT_NE(r, nullptr);
  EXPECT_FALSE(r->inline_policies_known);
  ASSERT_EQ(m.notes().size(), 1u);
  EXPECT_THAT(m.notes()[0].note, HasSubstr("truncated"));
}

TEST(IngestIam, UsersAndGroupsAreNotedNotRead) {
  auto m = Load({{"auth.json", R"({"RoleDetailList": [], "UserDetailList": [{"UserName": "u"}],
                                   "GroupDetailList": [], "Policies": []})"}});
  ASSERT_EQ(m.notes().size(), 1u);
  EXPECT_EQ(m.notes()[0].pointer, "/UserDetailList");
}

TEST(IngestIam, GetRoleFromTheAwscliExample) {
  FD_SKIP_WITHOUT_CORPUS("aws-json/awscli-examples", "this ingest of real AWS output");
  // The awscli example prints "<URL-encoded-JSON>" as a placeholder: noted, role still read.
  auto m = Load({{"iam-get-role.json", ReadCorpus("aws-json/awscli-examples/iam-get-role.json")}});
  const model::IamRole* r = m.iam_roles().Find("arn:aws:iam::123456789012:role/Test-Role");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->name, "Test-Role");
  EXPECT_EQ(r->path, "/");
  EXPECT_EQ(r->trust_policy, std::nullopt);
  EXPECT_EQ(r->last_used_date, "2019-11-13T17:14:00Z");
  EXPECT_FALSE(r->inline_policies_known);
  EXPECT_FALSE(r->attached_policies_known);
  EXPECT_TRUE(m.Covers("iam-role 123456789012 test-role"));
  EXPECT_FALSE(m.Covers("iam-roles 123456789012"));
  ASSERT_EQ(m.notes().size(), 1u);
  EXPECT_EQ(m.notes()[0].pointer, "/Role/AssumeRolePolicyDocument");
}

TEST(IngestIam, RolePolicyListsAndInlinePoliciesJoinTheirRole) {
  const std::string role = R"({"Role": {"RoleName": "exec", "Path": "/app/", "RoleId": "AROA1",
      "Arn": "arn:aws:iam::111122223333:role/app/exec", "CreateDate": "2024-01-01T00:00:00Z",
      "AssumeRolePolicyDocument": {"Statement": []}, "MaxSessionDuration": 3600}})";
  auto m = Load(
      {{"caller.json", kCaller},
       {"role.json", role},
       {"attached.json", R"({"fargateDoctorEnvelope": 1,
           "command": ["aws", "iam", "list-attached-role-policies", "--role-name", "exec"],
           "output": {"AttachedPolicies": [{"PolicyName": "AmazonECSTaskExecutionRolePolicy",
              "PolicyArn": "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"}],
              "IsTruncated": false}})"},
       {"names.json", R"({"fargateDoctorEnvelope": 1,
           "command": ["iam", "list-role-policies", "--role-name", "exec"],
           "output": {"PolicyNames": ["logs", "secrets"]}})"},
       {"secrets.json", R"({"RoleName": "exec", "PolicyName": "secrets",
           "PolicyDocument": {"Version": "2012-10-17", "Statement": []}})"}});
  EXPECT_THAT(m.notes(), IsEmpty());
  const model::IamRole* r = m.RoleByName("111122223333", "exec");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->path, "/app/");
  EXPECT_TRUE(r->attached_policies_known);
  EXPECT_THAT(r->attached_policy_arns,
              ElementsAre("arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"));
  EXPECT_TRUE(r->inline_policies_known);
  ASSERT_EQ(r->inline_policies.size(), 2u);
  EXPECT_EQ(r->inline_policies[0].name, "logs");
  EXPECT_EQ(r->inline_policies[0].document, std::nullopt);  // listed, text not collected
  ASSERT_NE(r->InlinePolicy("secrets"), nullptr);
  EXPECT_EQ(r->InlinePolicy("secrets")->document, R"({"Version":"2012-10-17","Statement":[]})");
}

TEST(IngestIam, BareListsAndVersionsSayTheyNeedAnEnvelope) {
  FD_SKIP_WITHOUT_CORPUS("aws-json/awscli-examples", "this ingest of real AWS output");
  FD_SKIP_WITHOUT_CORPUS("iam", "this ingest of real AWS output");
  auto m = Load(
      {{"a.json", ReadCorpus("aws-json/awscli-examples/iam-list-attached-role-policies.json")},
       {"b.json", ReadCorpus("aws-json/awscli-examples/iam-list-role-policies.json")},
       {"c.json", ReadCorpus("iam/AmazonECSTaskExecutionRolePolicy.json")},
       {"d.json", R"({"RoleName": "ghost", "PolicyName": "p", "PolicyDocument": {"Statement": []}})"}});
  ASSERT_EQ(m.notes().size(), 4u);
  EXPECT_THAT(m.notes()[0].note, HasSubstr("envelope"));
  EXPECT_THAT(m.notes()[1].note, HasSubstr("envelope"));
  EXPECT_THAT(m.notes()[2].note, HasSubstr("--policy-arn"));
  EXPECT_THAT(m.notes()[3].note, HasSubstr("role ghost is not described"));
  EXPECT_EQ(m.iam_policies().size(), 0u);
}

TEST(IngestIam, ManagedPolicyFromGetPolicyAndEnvelopedCorpusVersion) {
  FD_SKIP_WITHOUT_CORPUS("aws-json/awscli-examples", "this ingest of real AWS output");
  FD_SKIP_WITHOUT_CORPUS("iam", "this ingest of real AWS output");
  const std::string arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";
  auto m = Load(
      {{"get-policy.json", ReadCorpus("aws-json/awscli-examples/iam-get-policy.json")},
       {"version.json", R"({"fargateDoctorEnvelope": 1, "command": ["iam", "get-policy-version",
           "--policy-arn", ")" + arn + R"(", "--version-id", "v1"], "output": )" +
                            ReadCorpus("iam/AmazonECSTaskExecutionRolePolicy.json") + "}"},
       {"old.json", R"({"fargateDoctorEnvelope": 1, "command": ["iam", "get-policy-version",
           "--policy-arn", "arn:aws:iam::aws:policy/Other", "--version-id", "v1"],
           "output": {"PolicyVersion": {"Document": {}, "VersionId": "v1", "IsDefaultVersion": false}}})"}});
  EXPECT_THAT(m.notes(), IsEmpty());
  const model::IamManagedPolicy* sample = m.iam_policies().Find("arn:aws:iam::123456789012:policy/MySamplePolicy");
  ASSERT_NE(sample, nullptr);
  EXPECT_EQ(sample->name, "MySamplePolicy");
  EXPECT_EQ(sample->default_version_id, "v1");
  EXPECT_EQ(sample->document, std::nullopt);
  EXPECT_TRUE(m.Covers("iam-policy arn:aws:iam::123456789012:policy/MySamplePolicy"));
  const model::IamManagedPolicy* exec = m.iam_policies().Find(arn);
  ASSERT_NE(exec, nullptr);
  EXPECT_TRUE(exec->aws_managed);
  EXPECT_EQ(exec->default_version_id, "v1");
  EXPECT_THAT(*exec->document, HasSubstr("\"ecr:GetAuthorizationToken\""));
  EXPECT_EQ(m.iam_policies().Find("arn:aws:iam::aws:policy/Other"), nullptr);  // not default
}

// ---- resource policies, KMS -----------------------------------------------------------------

TEST(IngestIam, EcrRepositoryPolicyNeedsARegion) {
  FD_SKIP_WITHOUT_CORPUS("aws-json/awscli-examples", "this ingest of real AWS output");
  // The folders name two Regions, so bare.json's stays unknown (snapshot_region_test.cpp has
  // the one-Region snapshots that settle it).
  const std::string policy = ReadCorpus("aws-json/awscli-examples/ecr-get-repository-policy.json");
  auto m = Load({{"eu-west-3/repo-policy.json", policy},
                 {"us-east-1/vpcs.json", R"({"Vpcs": []})"},
                 {"bare.json", policy}});
  const model::EcrRepositoryPolicy* p = m.ecr_repository_policies().Find(
      "arn:aws:ecr:eu-west-3:012345678910:repository/cluster-autoscaler");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->repository_name, "cluster-autoscaler");
  EXPECT_THAT(*p->policy, HasSubstr("allow public pull"));
  EXPECT_EQ(m.ecr_repository_policies().size(), 1u);
  ASSERT_EQ(m.notes().size(), 1u);
  EXPECT_EQ(m.notes()[0].file, "bare.json");
  EXPECT_THAT(m.notes()[0].note, HasSubstr("several Regions (eu-west-3, us-east-1)"));
}

TEST(IngestIam, SecretResourcePolicyWithAndWithoutPolicy) {
  const char* arn = "arn:aws:secretsmanager:eu-west-3:111122223333:secret:db-AbCdEf";
  auto m = Load(
      {{"with.json", std::string(R"({"ARN": ")") + arn + R"(", "Name": "db",
          "ResourcePolicy": "{\n\"Version\":\"2012-10-17\",\"Statement\":[]}"})"},
       {"none.json", R"({"fargateDoctorEnvelope": 1, "command": ["secretsmanager",
          "get-resource-policy", "--secret-id", "other"], "region": "eu-west-3",
          "output": {"ARN": "arn:aws:secretsmanager:eu-west-3:111122223333:secret:other-123456",
                     "Name": "other"}})"},
       {"describe.json", R"({"ARN": "arn:aws:secretsmanager:eu-west-3:111122223333:secret:x-abcdef",
          "Name": "x", "CreatedDate": 1})"}});
  EXPECT_THAT(m.notes(), IsEmpty());
  const model::SecretPolicy* p = m.secret_policies().Find(arn);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->region, "eu-west-3");
  EXPECT_EQ(p->account, "111122223333");
  EXPECT_THAT(*p->policy, HasSubstr("2012-10-17"));
  const model::SecretPolicy* none =
      m.secret_policies().Find("arn:aws:secretsmanager:eu-west-3:111122223333:secret:other-123456");
  ASSERT_NE(none, nullptr);
  EXPECT_EQ(none->policy, std::nullopt);
  EXPECT_EQ(m.secret_policies().size(), 2u);  // describe-secret is not a policy answer
  EXPECT_EQ(m.secrets().size(), 1u);
}

TEST(IngestIam, KmsKeyAliasesAndEnvelopedPolicy) {
  auto m = Load(
      {{"caller.json", kCaller},
       {"key.json", R"({"KeyMetadata": {"AWSAccountId": "111122223333",
          "KeyId": "1234abcd-12ab-34cd-56ef-1234567890ab",
          "Arn": "arn:aws:kms:eu-west-3:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
          "CreationDate": 1499988169.234, "Enabled": false, "Description": "",
          "KeyUsage": "ENCRYPT_DECRYPT", "KeyState": "Disabled", "Origin": "AWS_KMS",
          "KeyManager": "CUSTOMER", "CustomerMasterKeySpec": "SYMMETRIC_DEFAULT",
          "KeySpec": "SYMMETRIC_DEFAULT", "EncryptionAlgorithms": ["SYMMETRIC_DEFAULT"],
          "MultiRegion": false}})"},
       {"aliases.json", R"({"Aliases": [
          {"AliasName": "alias/app", "AliasArn": "arn:aws:kms:eu-west-3:111122223333:alias/app",
           "TargetKeyId": "1234abcd-12ab-34cd-56ef-1234567890ab"},
          {"AliasName": "alias/aws/secretsmanager",
           "AliasArn": "arn:aws:kms:eu-west-3:111122223333:alias/aws/secretsmanager"}]})"},
       {"policy.json", R"({"fargateDoctorEnvelope": 1,
          "command": ["kms", "get-key-policy", "--key-id", "alias/app", "--policy-name", "default"],
          "region": "eu-west-3",
          "output": {"Policy": "{\n  \"Version\" : \"2012-10-17\",\n  \"Id\" : \"key-default-1\"}",
                     "PolicyName": "default"}})"},
       {"bare-policy.json", R"({"Policy": "{}", "PolicyName": "default"})"}});
  const model::KmsKey* k = m.FindKmsKey("eu-west-3", "111122223333", "alias/app");
  ASSERT_NE(k, nullptr);
  EXPECT_EQ(k, m.FindKmsKey("", "", "arn:aws:kms:eu-west-3:111122223333:alias/app"));
  EXPECT_EQ(k, m.FindKmsKey("eu-west-3", "111122223333", "1234abcd-12ab-34cd-56ef-1234567890ab"));
  EXPECT_EQ(k, m.FindKmsKey("", "", k->arn));
  EXPECT_EQ(k->key_state, "Disabled");
  EXPECT_EQ(k->key_manager, "CUSTOMER");
  EXPECT_TRUE(k->described);
  EXPECT_THAT(k->aliases, ElementsAre("alias/app"));
  EXPECT_THAT(*k->policy, HasSubstr("key-default-1"));
  EXPECT_TRUE(m.Has("kms get-key-policy"));
  ASSERT_EQ(m.notes().size(), 1u);  // the bare key policy names no key
  EXPECT_EQ(m.notes()[0].file, "bare-policy.json");
}

// ---- organizations --------------------------------------------------------------------------

TEST(IngestIam, OrganizationPoliciesWithTheirTargets) {
  auto m = Load(
      {{"scp.json", R"({"fargateDoctorEnvelope": 1,
          "command": ["organizations", "describe-policy", "--policy-id", "p-examplepolicyid111"],
          "target": "ou-examplerootid111-exampleouid111",
          "output": {"Policy": {"PolicySummary": {"Id": "p-examplepolicyid111",
              "Arn": "arn:aws:organizations::111111111111:policy/o-exampleorgid/service_control_policy/p-examplepolicyid111",
              "Name": "AllowAllS3Actions", "Description": "", "Type": "SERVICE_CONTROL_POLICY",
              "AwsManaged": false},
            "Content": "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":[\"s3:*\"]}}"}}})"},
       {"list.json", R"({"fargateDoctorEnvelope": 1,
          "command": ["organizations", "list-policies-for-target", "--target-id", "111122223333",
                      "--filter", "RESOURCE_CONTROL_POLICY"],
          "output": {"Policies": [{"Id": "p-rcp1", "Arn": "arn:aws:organizations::111111111111:policy/o-x/resource_control_policy/p-rcp1",
              "Name": "RCPFullAWSAccess", "Description": "", "Type": "RESOURCE_CONTROL_POLICY",
              "AwsManaged": true}]}})"}});
  EXPECT_THAT(m.notes(), IsEmpty());
  const model::OrgPolicy* scp = m.org_policies().Find("p-examplepolicyid111");
  ASSERT_NE(scp, nullptr);
  EXPECT_EQ(scp->type, "SERVICE_CONTROL_POLICY");
  EXPECT_THAT(*scp->content, HasSubstr("s3:*"));
  EXPECT_THAT(m.OrgPoliciesOn("ou-examplerootid111-exampleouid111"), ElementsAre(scp));
  const model::OrgPolicy* rcp = m.org_policies().Find("p-rcp1");
  ASSERT_NE(rcp, nullptr);
  EXPECT_TRUE(rcp->aws_managed);
  EXPECT_EQ(rcp->content, std::nullopt);
  EXPECT_THAT(m.OrgPoliciesOn("111122223333"), ElementsAre(rcp));
  EXPECT_TRUE(m.Covers("org-policies RESOURCE_CONTROL_POLICY 111122223333"));
  EXPECT_FALSE(m.Covers("org-policies SERVICE_CONTROL_POLICY 111122223333"));
}

// ---- the error envelope ---------------------------------------------------------------------

TEST(IngestIam, ErrorEnvelopesProveAbsenceOrNameTheMissingAction) {
  auto m = Load(
      {{"caller.json", kCaller},
       {"role.json", R"({"fargateDoctorEnvelope": 1,
          "command": ["aws", "iam", "get-role", "--role-name", "ecsTaskExecutionRole"],
          "error": {"code": "NoSuchEntity",
                    "message": "The role with name ecsTaskExecutionRole cannot be found."}})"},
       {"repo.json", R"({"fargateDoctorEnvelope": 1,
          "command": ["ecr", "get-repository-policy", "--repository-name", "api"],
          "region": "eu-west-3",
          "error": {"code": "RepositoryPolicyNotFoundException", "message": "no policy"}})"},
       {"key.json", R"({"fargateDoctorEnvelope": 1,
          "command": ["kms", "describe-key", "--key-id", "arn:aws:kms:eu-west-3:444455556666:key/gone"],
          "region": "eu-west-3", "error": {"code": "NotFoundException", "message": "gone"}})"},
       {"auth.json", R"({"fargateDoctorEnvelope": 1,
          "command": ["iam", "get-account-authorization-details"], "region": "us-east-1",
          "error": {"code": "AccessDenied", "message": "User: arn:aws:iam::111122223333:user/me is not authorized to perform: iam:GetAccountAuthorizationDetails"}})"},
       {"scp.json", R"({"fargateDoctorEnvelope": 1,
          "command": ["organizations", "list-policies-for-target", "--target-id", "111122223333",
                      "--filter", "SERVICE_CONTROL_POLICY"],
          "error": {"code": "AccessDeniedException", "message": "not the management account",
                    "action": "organizations:ListPoliciesForTarget"}})"}});
  EXPECT_THAT(m.notes(), IsEmpty());
  EXPECT_TRUE(m.RoleProvenAbsent("111122223333", "ecsTaskExecutionRole"));
  EXPECT_FALSE(m.RoleProvenAbsent("111122223333", "otherRole"));

  const model::EcrRepositoryPolicy* p =
      m.ecr_repository_policies().Find("arn:aws:ecr:eu-west-3:111122223333:repository/api");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->policy, std::nullopt);  // proven: the repository has no policy
  EXPECT_TRUE(m.Covers("kms-key 444455556666 eu-west-3 gone"));

  ASSERT_EQ(m.api_errors().size(), 5u);
  const model::ApiError* denied = m.Denied("iam:GetAccountAuthorizationDetails");
  ASSERT_NE(denied, nullptr);
  EXPECT_EQ(denied->kind, model::ApiError::Kind::kAccessDenied);
  EXPECT_EQ(denied->account, "111122223333");
  EXPECT_EQ(denied->source.file, "auth.json");
  ASSERT_NE(m.Denied("organizations:ListPoliciesForTarget"), nullptr);
  EXPECT_EQ(m.Denied("organizations:ListPoliciesForTarget")->resource, "111122223333");
  const model::ApiError* missing = m.FailedCall("iam get-role", "ecsTaskExecutionRole");
  ASSERT_NE(missing, nullptr);
  EXPECT_EQ(missing->kind, model::ApiError::Kind::kNotFound);
  EXPECT_EQ(missing->action, "iam:GetRole");
  EXPECT_FALSE(m.Covers("iam-roles 111122223333"));
}

TEST(IngestIam, ErrorEnvelopeWithoutKnownAccountProvesNothing) {
  auto m = Load({{"role.json", R"({"fargateDoctorEnvelope": 1,
          "command": ["iam", "get-role", "--role-name", "r"],
          "error": {"code": "NoSuchEntity", "message": "x"}})"},
                 {"acct.json", R"({"fargateDoctorEnvelope": 1, "account": "777788889999",
          "command": ["iam", "get-role", "--role-name", "s"],
          "error": {"code": "NoSuchEntity", "message": "x"}})"},
                 {"bad.json", R"({"fargateDoctorEnvelope": 1, "command": ["iam", "get-role"],
          "error": {"message": "no code"}})"}});
  EXPECT_FALSE(m.RoleProvenAbsent("", "r"));
  EXPECT_TRUE(m.RoleProvenAbsent("777788889999", "s"));
  ASSERT_EQ(m.notes().size(), 1u);
  EXPECT_EQ(m.notes()[0].file, "bad.json");
}

}  // namespace
}  // namespace fd::ingest

namespace fd::ingest {
namespace {

// ---- ECR pull-through cache rules and the registry policy (IMG009) ----------------------------

TEST(PullThroughCacheIngest, RulesRegistryPolicyAndCoverage) {
  const char* rules = R"({"fargateDoctorEnvelope": 1, "region": "eu-west-3",
    "command": ["ecr", "describe-pull-through-cache-rules", "--registry-id", "111122223333"],
    "output": {"pullThroughCacheRules": [
      {"ecrRepositoryPrefix": "docker-hub", "upstreamRegistryUrl": "registry-1.docker.io",
       "createdAt": "2024-06-03T10:12:44.120000+02:00", "registryId": "111122223333",
       "credentialArn": "arn:aws:secretsmanager:eu-west-3:111122223333:secret:ecr-pullthroughcache/dh-Qm3Xr8",
       "upstreamRegistry": "docker-hub"},
      {"ecrRepositoryPrefix": "ROOT", "upstreamRegistryUrl": "444455556666.dkr.ecr.eu-west-3.amazonaws.com",
       "registryId": "111122223333", "upstreamRegistry": "ecr",
       "customRoleArn": "arn:aws:iam::111122223333:role/ptc"}]}})";
  // A listing filtered by prefix proves nothing about other prefixes.
  const char* filtered = R"({"fargateDoctorEnvelope": 1, "region": "us-east-1",
    "command": ["ecr", "describe-pull-through-cache-rules", "--ecr-repository-prefixes", "quay"],
    "output": {"pullThroughCacheRules": []}})";
  const char* no_policy = R"({"fargateDoctorEnvelope": 1, "region": "eu-west-3",
    "command": ["ecr", "get-registry-policy"],
    "error": {"code": "RegistryPolicyNotFoundException", "message": "Registry policy does not exist"}})";
  const char* policy = R"({"registryId": "111122223333", "policyText": "{\"Version\":\"2012-10-17\",\"Statement\":[]}"})";
  auto m = Load({{"caller.json", kCaller}, {"rules.json", rules}, {"filtered.json", filtered},
                 {"nopolicy.json", no_policy}, {"eu-central-1/policy.json", policy}});
  EXPECT_TRUE(m.Covers("ecr-ptc 111122223333 eu-west-3"));
  EXPECT_FALSE(m.Covers("ecr-ptc 111122223333 us-east-1"));
  const auto* dh = m.PullThroughCacheRuleFor("111122223333", "eu-west-3", "docker-hub/library/nginx");
  ASSERT_NE(dh, nullptr);
  EXPECT_EQ(dh->upstream_registry_url, "registry-1.docker.io");
  EXPECT_THAT(dh->credential_arn, HasSubstr("ecr-pullthroughcache/dh"));
  const auto* root = m.PullThroughCacheRuleFor("111122223333", "eu-west-3", "api");
  ASSERT_NE(root, nullptr);
  EXPECT_EQ(root->prefix, "ROOT");
  EXPECT_EQ(m.PullThroughCacheRuleFor("111122223333", "eu-west-1", "docker-hub/x"), nullptr);
  const auto* none = m.ecr_registry_policies().Find("111122223333 eu-west-3");
  ASSERT_NE(none, nullptr);
  EXPECT_FALSE(none->policy.has_value());
  const auto* some = m.ecr_registry_policies().Find("111122223333 eu-central-1");
  ASSERT_NE(some, nullptr);
  EXPECT_TRUE(some->policy.has_value());
}

}  // namespace
}  // namespace fd::ingest

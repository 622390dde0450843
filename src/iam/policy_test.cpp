// Parser and matcher tables, written from the IAM JSON policy element reference:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
#include "iam/policy.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include "testing/shared_corpus.h"

namespace fd::iam {
namespace {

TEST(IamParse, SingleStringsAndArraysEverywhere) {
  // reference_policies_elements_action.html / _resource.html: a string or an array.
  auto p = ParsePolicy(R"({"Version":"2012-10-17","Statement":{"Sid":"A","Effect":"Allow",
    "Action":"s3:GetObject","Resource":["arn:aws:s3:::b/*","arn:aws:s3:::c/*"]}})");
  ASSERT_TRUE(p) << p.error().message;
  ASSERT_EQ(p->statements.size(), 1u);
  EXPECT_EQ(p->version, PolicyVersion::k2012_10_17);
  EXPECT_EQ(p->statements[0].actions, std::vector<std::string>{"s3:GetObject"});
  EXPECT_EQ(p->statements[0].resources.size(), 2u);
  EXPECT_EQ(p->statements[0].Label(), "A");
}

TEST(IamParse, VersionDefaultsTo2008) {
  // reference_policies_elements_version.html: without Version, 2008-10-17 applies.
  auto p = ParsePolicy(R"({"Statement":[{"Effect":"Deny","NotAction":"iam:*","NotResource":"*"}]})");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->version, PolicyVersion::k2008_10_17);
  EXPECT_TRUE(p->statements[0].not_action);
  EXPECT_TRUE(p->statements[0].not_resource);
  EXPECT_EQ(p->statements[0].Label(), "#0");
}

TEST(IamParse, PrincipalForms) {
  // reference_policies_elements_principal.html
  auto p = ParsePolicy(R"({"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Principal":"*","Action":"s3:*"},
    {"Effect":"Allow","Principal":{"AWS":["123456789012","arn:aws:iam::111122223333:root"],
      "Service":"ecs-tasks.amazonaws.com","Federated":"cognito-identity.amazonaws.com",
      "CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"},"Action":"s3:*"},
    {"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::1:user/x"},"Action":"s3:*"}]})");
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_TRUE(p->statements[0].principal.any);
  EXPECT_EQ(p->statements[1].principal.aws.size(), 2u);
  EXPECT_EQ(p->statements[1].principal.service[0], "ecs-tasks.amazonaws.com");
  EXPECT_EQ(p->statements[1].principal.federated.size(), 1u);
  EXPECT_EQ(p->statements[1].principal.canonical_user.size(), 1u);
  EXPECT_TRUE(p->statements[2].not_principal);
}

TEST(IamParse, ConditionOperatorsAndQualifiers) {
  // reference_policies_elements_condition_operators.html, _condition.html (multivalued keys)
  auto p = ParsePolicy(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*",
    "Condition":{"ForAnyValue:StringLikeIfExists":{"aws:TagKeys":["a*","b"]},
                 "NumericLessThan":{"s3:max-keys":10},"Bool":{"aws:SecureTransport":true},
                 "Null":{"aws:TokenIssueTime":"false"}}}]})");
  ASSERT_TRUE(p) << p.error().message;
  const auto& c = p->statements[0].conditions;
  ASSERT_EQ(c.size(), 4u);
  bool saw_set = false;
  for (const auto& cl : c) {
    if (cl.key == "aws:TagKeys") {
      saw_set = true;
      EXPECT_EQ(cl.set, SetQualifier::kForAnyValue);
      EXPECT_TRUE(cl.if_exists);
      EXPECT_EQ(cl.op, ConditionOperator::kStringLike);
    }
    if (cl.key == "s3:max-keys") {
      EXPECT_EQ(cl.values, std::vector<std::string>{"10"});
    }
    if (cl.key == "aws:SecureTransport") {
      EXPECT_EQ(cl.values, std::vector<std::string>{"true"});
    }
  }
  EXPECT_TRUE(saw_set);
}

TEST(IamParse, ErrorsNameTheElementOrOffset) {
  struct Case {
    const char* text;
    const char* want;
  } cases[] = {
      {R"({"Statement":[{"Effect":"Maybe","Action":"*"}]})", "Statement[0].Effect"},
      {R"({"Statement":[{"Effect":"Allow"}]})", "Statement[0].Action"},
      {R"({"Statement":[{"Effect":"Allow","Action":"*","Condition":{"StringEqualz":{"k":"v"}}}]})",
       "unknown condition operator"},
      {R"({"Statement":[{"Effect":"Allow","Action":"*","Condition":{"NullIfExists":{"k":"v"}}}]})",
       "unknown condition operator"},
      {R"({"Version":"2020-01-01","Statement":[]})", "Version"},
      {R"({"Statement":[{"Effect":"Allow","Action":"*",)", "byte"},
      {R"({"Statement":[{"Effect":"Allow","Action":"*","Principal":"me"}]})", "Principal"},
      {R"({"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","NotResource":"*"}]})",
       "mutually exclusive"},
  };
  for (const auto& c : cases) {
    auto p = ParsePolicy(c.text);
    ASSERT_FALSE(p) << c.text;
    EXPECT_NE(p.error().message.find(c.want), std::string::npos) << p.error().message;
  }
}

TEST(IamParse, StatementPositionsAreLineAndColumn) {
  auto p = ParsePolicy("{\"Statement\":[\n  {\"Effect\":\"Allow\",\"Action\":\"*\"},\n  {\"Effect\":\"Deny\",\"Action\":\"*\"}]}");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->statements[0].start.line, 2);
  EXPECT_EQ(p->statements[0].start.column, 3);
  EXPECT_EQ(p->statements[1].start.line, 3);
  EXPECT_EQ(p->statements[1].end.line, 3);
  EXPECT_EQ(p->statements[1].end.column, 33);  // just after the closing brace
}

TEST(IamParse, ManagedPolicyFromCorpus) {
  FD_SKIP_WITHOUT_CORPUS("iam/AmazonECSTaskExecutionRolePolicy.json", "the AWS managed execution policy");
  auto doc = nlohmann::json::parse(fd::testing::ReadCorpus("iam/AmazonECSTaskExecutionRolePolicy.json"));
  auto p = ParsePolicy(doc["PolicyVersion"]["Document"].dump());
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->statements.size(), 1u);
  EXPECT_EQ(p->statements[0].actions.size(), 6u);
}

TEST(IamMatch, Actions) {
  // reference_policies_elements_action.html: case-insensitive, * and ? wildcards.
  struct Case {
    const char* pattern;
    const char* action;
    bool want;
  } cases[] = {
      {"*", "ecr:BatchGetImage", true},         {"ecr:*", "ECR:BatchGetImage", true},
      {"ecr:batchget*", "ecr:BatchGetImage", true}, {"ecr:Get*", "ecr:BatchGetImage", false},
      {"s3:?etObject", "s3:GetObject", true},   {"s3:?etObject", "s3:GettObject", false},
      {"logs:*Log*", "logs:CreateLogStream", true}, {"iam:PassRole", "iam:passrole", true},
  };
  for (const auto& c : cases) EXPECT_EQ(MatchActionPattern(c.pattern, c.action), c.want) << c.pattern;
}

TEST(IamMatch, Arns) {
  // reference_policies_elements_resource.html and ArnLike in _condition_operators.html: each of
  // the six colon-delimited components is matched separately, case-sensitively.
  struct Case {
    const char* pattern;
    const char* arn;
    bool want;
  } cases[] = {
      {"*", "arn:aws:s3:::b", true},
      {"arn:aws:s3:::b/*", "arn:aws:s3:::b/k/x", true},
      {"arn:aws:s3:::B/*", "arn:aws:s3:::b/k", false},
      {"arn:aws:ecr:*:111122223333:repository/*", "arn:aws:ecr:us-east-1:111122223333:repository/app", true},
      {"arn:aws:ecr:*:*:repository/app", "arn:aws:ecr:us-east-1:111122223333:repository/app", true},
      {"arn:aws:*:us-east-1:111122223333:*", "arn:aws:logs:us-east-1:111122223333:log-group:/ecs/a:*", true},
      {"arn:aws:logs:*:*:log-group:/ecs/*", "arn:aws:logs:us-east-1:1:log-group:/ecs/a:log-stream:x", true},
      {"arn:aws:secretsmanager:us-east-1:1:secret:db-??????", "arn:aws:secretsmanager:us-east-1:1:secret:db-AbC123", true},
      {"arn:aws:secretsmanager:us-east-1:1:secret:db-??????", "arn:aws:secretsmanager:us-east-1:1:secret:db-AbC12", false},
      // '*' does not cross into the next component.
      {"arn:aws:s3*", "arn:aws:s3:::b", false},
      {"arn:aws:iam::*", "arn:aws:iam::1:role/x", false},
      {"arn:aws:s3:::b", "*", false},
  };
  for (const auto& c : cases) EXPECT_EQ(MatchArnPattern(c.pattern, c.arn), c.want) << c.pattern << " " << c.arn;
}

}  // namespace
}  // namespace fd::iam

namespace fd::iam {
namespace {

TEST(IamParse, RefusesWhatAwsWouldRefuseBeforeParsing) {
  // The deepest the grammar goes (a condition's value list, six levels) parses...
  const std::string six =
      R"({"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpce":["vpce-1"]}}}]})";
  EXPECT_TRUE(ParsePolicy(six));
  // ... a hostile policy of 100,000 nested arrays is refused with the reason, not parsed.
  const std::string deep = R"({"Statement":)" + std::string(100000, '[') + std::string(100000, ']') + "}";
  auto p = ParsePolicy(deep);
  ASSERT_FALSE(p);
  EXPECT_NE(p.error().message.find("nested 100001 levels deep"), std::string::npos) << p.error().message;
  // Brackets inside strings are text, not nesting; whitespace does not count toward size.
  const std::string in_string = R"({"Statement":[{"Sid":"[[[[[[[[[[[[{{{{{{","Effect":"Allow","Action":"*","Resource":"*"}]})";
  EXPECT_TRUE(ParsePolicy(in_string));
  EXPECT_TRUE(ParsePolicy(six + std::string(200000, ' ')));
  // Beyond the size bound (a Sid of 140,000 characters).
  const std::string big = R"({"Statement":[{"Sid":")" + std::string(140000, 'a') +
                          R"(","Effect":"Allow","Action":"*","Resource":"*"}]})";
  auto b = ParsePolicy(big);
  ASSERT_FALSE(b);
  EXPECT_NE(b.error().message.find("characters without whitespace"), std::string::npos) << b.error().message;
}

}  // namespace
}  // namespace fd::iam

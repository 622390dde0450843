// Evaluation tables written from AWS's documentation; each table cites its page.
#include "iam/evaluate.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include "testing/shared_corpus.h"

namespace fd::iam {
namespace {

constexpr const char* kSession = "arn:aws:sts::111122223333:assumed-role/exec/task-1";
constexpr const char* kRole = "arn:aws:iam::111122223333:role/exec";

NamedPolicy P(const std::string& name, const std::string& text) {
  auto p = ParsePolicy(text);
  EXPECT_TRUE(p) << name << ": " << (p ? "" : p.error().message);
  return NamedPolicy{name, std::make_shared<Policy>(p ? *p : Policy{})};
}

Request Req(const std::string& action, const std::string& resource) {
  Request r;
  r.principal_arn = kSession;
  r.principal_type = PrincipalType::kRoleSession;
  r.action = action;
  r.resource_arn = resource;
  return r;
}

std::string AllowWith(const std::string& condition) {
  return R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":)" +
         condition + "}]}";
}

// One condition, one request context: allowed / implicitDeny / unknown.
struct CondCase {
  const char* condition;
  std::vector<std::pair<std::string, std::vector<std::string>>> ctx;
  Decision want;
  const char* unknown_key = nullptr;  // a key to mark unknown
};

void RunConditionTable(const std::vector<CondCase>& cases) {
  for (const auto& c : cases) {
    PolicySet set;
    set.identity.push_back(P("p", AllowWith(c.condition)));
    Request r = Req("s3:GetObject", "arn:aws:s3:::b/k");
    for (const auto& [k, v] : c.ctx) r.context.Set(k, v);
    if (c.unknown_key) r.context.SetUnknown(c.unknown_key);
    Result res = Evaluate(r, set);
    EXPECT_EQ(DecisionName(res.decision), DecisionName(c.want)) << c.condition;
    if (c.want == Decision::kUnknown && c.unknown_key) {
      ASSERT_EQ(res.missing_context_values.size(), 1u) << c.condition;
      EXPECT_EQ(res.missing_context_values[0], c.unknown_key);
    }
  }
}

constexpr Decision A = Decision::kAllowed;
constexpr Decision N = Decision::kImplicitDeny;
constexpr Decision U = Decision::kUnknown;

TEST(IamCondition, StringOperators) {
  // reference_policies_elements_condition_operators.html#Conditions_String
  RunConditionTable({
      {R"({"StringEquals":{"aws:SourceVpc":"vpc-1"}})", {{"aws:SourceVpc", {"vpc-1"}}}, A},
      {R"({"StringEquals":{"aws:SourceVpc":"vpc-1"}})", {{"AWS:SOURCEVPC", {"vpc-1"}}}, A},  // keys case-insensitive
      {R"({"StringEquals":{"aws:SourceVpc":"VPC-1"}})", {{"aws:SourceVpc", {"vpc-1"}}}, N},  // values case-sensitive
      {R"({"StringEquals":{"aws:SourceVpc":["vpc-2","vpc-1"]}})", {{"aws:SourceVpc", {"vpc-1"}}}, A},  // values OR
      {R"({"StringEquals":{"aws:SourceVpc":"vpc-1"}})", {}, N},  // absent key: false
      {R"({"StringNotEquals":{"aws:SourceVpc":"vpc-1"}})", {{"aws:SourceVpc", {"vpc-2"}}}, A},
      {R"({"StringNotEquals":{"aws:SourceVpc":["vpc-1","vpc-2"]}})", {{"aws:SourceVpc", {"vpc-2"}}}, N},  // NOR
      {R"({"StringNotEquals":{"aws:SourceVpc":"vpc-1"}})", {}, A},  // negated + absent: true
      {R"({"StringEqualsIgnoreCase":{"aws:SourceVpc":"VPC-1"}})", {{"aws:SourceVpc", {"vpc-1"}}}, A},
      {R"({"StringNotEqualsIgnoreCase":{"aws:SourceVpc":"VPC-1"}})", {{"aws:SourceVpc", {"vpc-1"}}}, N},
      {R"({"StringLike":{"s3:prefix":"home/*"}})", {{"s3:prefix", {"home/a/b"}}}, A},
      {R"({"StringLike":{"s3:prefix":"home/?"}})", {{"s3:prefix", {"home/ab"}}}, N},
      {R"({"StringNotLike":{"s3:prefix":"home/*"}})", {{"s3:prefix", {"tmp/x"}}}, A},
      {R"({"StringNotLike":{"s3:prefix":"home/*"}})", {{"s3:prefix", {"home/x"}}}, N},
      {R"({"StringEqualsIfExists":{"aws:SourceVpc":"vpc-1"}})", {}, A},
      {R"({"StringEqualsIfExists":{"aws:SourceVpc":"vpc-1"}})", {{"aws:SourceVpc", {"vpc-2"}}}, N},
      // Several keys AND; several operators AND.
      {R"({"StringEquals":{"a:x":"1","a:y":"2"}})", {{"a:x", {"1"}}, {"a:y", {"2"}}}, A},
      {R"({"StringEquals":{"a:x":"1","a:y":"2"}})", {{"a:x", {"1"}}, {"a:y", {"3"}}}, N},
      {R"({"StringEquals":{"a:x":"1"},"StringLike":{"a:y":"2*"}})", {{"a:x", {"1"}}, {"a:y", {"29"}}}, A},
  });
}

TEST(IamCondition, NumericDateBoolBinary) {
  // #Conditions_Numeric, #Conditions_Date (ISO 8601 and epoch), #Conditions_Boolean, #Conditions_BinaryEquals
  RunConditionTable({
      {R"({"NumericEquals":{"s3:max-keys":"10"}})", {{"s3:max-keys", {"10"}}}, A},
      {R"({"NumericEquals":{"s3:max-keys":"10"}})", {{"s3:max-keys", {"10.0"}}}, A},
      {R"({"NumericNotEquals":{"s3:max-keys":"10"}})", {{"s3:max-keys", {"11"}}}, A},
      {R"({"NumericLessThan":{"s3:max-keys":10}})", {{"s3:max-keys", {"9"}}}, A},
      {R"({"NumericLessThan":{"s3:max-keys":10}})", {{"s3:max-keys", {"10"}}}, N},
      {R"({"NumericLessThanEquals":{"s3:max-keys":10}})", {{"s3:max-keys", {"10"}}}, A},
      {R"({"NumericGreaterThan":{"s3:max-keys":10}})", {{"s3:max-keys", {"11"}}}, A},
      {R"({"NumericGreaterThanEquals":{"s3:max-keys":10}})", {{"s3:max-keys", {"9"}}}, N},
      {R"({"NumericEquals":{"s3:max-keys":"ten"}})", {{"s3:max-keys", {"10"}}}, N},
      {R"({"DateLessThan":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}})", {{"aws:CurrentTime", {"2025-12-31T23:59:59Z"}}}, A},
      {R"({"DateGreaterThan":{"aws:CurrentTime":"2026-01-01"}})", {{"aws:CurrentTime", {"2026-01-01T00:00:01Z"}}}, A},
      {R"({"DateEquals":{"aws:CurrentTime":"1767225600"}})", {{"aws:CurrentTime", {"2026-01-01T00:00:00Z"}}}, A},  // epoch
      {R"({"DateEquals":{"aws:CurrentTime":"2026-01-01T02:00:00+02:00"}})", {{"aws:CurrentTime", {"2026-01-01T00:00:00Z"}}}, A},
      {R"({"DateNotEquals":{"aws:CurrentTime":"2026-01-01"}})", {{"aws:CurrentTime", {"2026-01-02"}}}, A},
      {R"({"DateLessThanEquals":{"aws:CurrentTime":"2026-01-01"}})", {{"aws:CurrentTime", {"2026-01-01"}}}, A},
      {R"({"DateGreaterThanEquals":{"aws:CurrentTime":"2026-01-02"}})", {{"aws:CurrentTime", {"2026-01-01"}}}, N},
      {R"({"Bool":{"aws:SecureTransport":"true"}})", {{"aws:SecureTransport", {"true"}}}, A},
      {R"({"Bool":{"aws:SecureTransport":true}})", {{"aws:SecureTransport", {"TRUE"}}}, A},
      {R"({"Bool":{"aws:SecureTransport":"false"}})", {{"aws:SecureTransport", {"true"}}}, N},
      {R"({"Bool":{"aws:SecureTransport":"false"}})", {}, N},
      {R"({"BoolIfExists":{"aws:SecureTransport":"false"}})", {}, A},
      {R"({"BinaryEquals":{"k:b":"QmluYXJ5VmFsdWU="}})", {{"k:b", {"QmluYXJ5VmFsdWU="}}}, A},
      {R"({"BinaryEquals":{"k:b":"QmluYXJ5VmFsdWU="}})", {{"k:b", {"QmluYXJ5VmFsdWX="}}}, N},
  });
}

TEST(IamCondition, IpArnNull) {
  // #Conditions_IPAddress (IPv4 and IPv6 CIDRs), #Conditions_ARN, #Conditions_Null
  RunConditionTable({
      {R"({"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}})", {{"aws:SourceIp", {"203.0.113.9"}}}, A},
      {R"({"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}})", {{"aws:SourceIp", {"203.0.114.9"}}}, N},
      {R"({"IpAddress":{"aws:SourceIp":"2001:DB8:1234:5678::/64"}})", {{"aws:SourceIp", {"2001:db8:1234:5678::1"}}}, A},
      {R"({"IpAddress":{"aws:SourceIp":"2001:DB8:1234:5678::/64"}})", {{"aws:SourceIp", {"203.0.113.9"}}}, N},
      {R"({"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}})", {{"aws:SourceIp", {"198.51.100.1"}}}, A},
      {R"({"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}})", {}, A},
      {R"({"ArnEquals":{"aws:SourceArn":"arn:aws:ecs:us-east-1:1:*"}})", {{"aws:SourceArn", {"arn:aws:ecs:us-east-1:1:cluster/c"}}}, A},
      {R"({"ArnLike":{"aws:SourceArn":"arn:aws:ecs:*:1:*"}})", {{"aws:SourceArn", {"arn:aws:ecs:eu-west-1:1:task/x"}}}, A},
      {R"({"ArnLike":{"aws:SourceArn":"arn:aws:ecs:*:1:*"}})", {{"aws:SourceArn", {"arn:aws:ecs:eu-west-1:2:task/x"}}}, N},
      {R"({"ArnNotEquals":{"aws:SourceArn":"arn:aws:ecs:*:1:*"}})", {{"aws:SourceArn", {"arn:aws:ecs:eu-west-1:2:task/x"}}}, A},
      {R"({"ArnNotLike":{"aws:SourceArn":"arn:aws:ecs:*:1:*"}})", {{"aws:SourceArn", {"arn:aws:ecs:eu-west-1:1:task/x"}}}, N},
      {R"({"ArnLikeIfExists":{"aws:SourceArn":"arn:aws:ecs:*:1:*"}})", {}, A},
      {R"({"Null":{"aws:TokenIssueTime":"true"}})", {}, A},
      {R"({"Null":{"aws:TokenIssueTime":"true"}})", {{"aws:TokenIssueTime", {"2026-01-01"}}}, N},
      {R"({"Null":{"aws:TokenIssueTime":"false"}})", {{"aws:TokenIssueTime", {"2026-01-01"}}}, A},
      {R"({"Null":{"aws:TokenIssueTime":"false"}})", {}, N},
  });
}

TEST(IamCondition, SetOperators) {
  // reference_policies_condition-single-vs-multi-valued-context-keys.html: ForAllValues is true
  // for an absent or empty key; ForAnyValue is false for one.
  RunConditionTable({
      {R"({"ForAnyValue:StringEquals":{"aws:TagKeys":["a","b"]}})", {{"aws:TagKeys", {"c", "b"}}}, A},
      {R"({"ForAnyValue:StringEquals":{"aws:TagKeys":["a","b"]}})", {{"aws:TagKeys", {"c"}}}, N},
      {R"({"ForAnyValue:StringEquals":{"aws:TagKeys":["a","b"]}})", {}, N},
      {R"({"ForAnyValue:StringEquals":{"aws:TagKeys":["a","b"]}})", {{"aws:TagKeys", {}}}, N},
      {R"({"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}})", {{"aws:TagKeys", {"a", "b"}}}, A},
      {R"({"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}})", {{"aws:TagKeys", {"a", "c"}}}, N},
      {R"({"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}})", {}, A},
      {R"({"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}})", {{"aws:TagKeys", {}}}, A},
      {R"({"ForAllValues:StringNotEquals":{"aws:TagKeys":["a","b"]}})", {{"aws:TagKeys", {"c", "d"}}}, A},
      {R"({"ForAllValues:StringNotEquals":{"aws:TagKeys":["a","b"]}})", {{"aws:TagKeys", {"c", "a"}}}, N},
      {R"({"ForAnyValue:StringNotEquals":{"aws:TagKeys":["a","b"]}})", {{"aws:TagKeys", {"a", "c"}}}, A},
      {R"({"ForAnyValue:StringLike":{"aws:TagKeys":"env*"}})", {{"aws:TagKeys", {"x", "environment"}}}, A},
  });
}

TEST(IamCondition, PlainOperatorOnMultivaluedKeyNeverMatches) {
  // reference_policies_condition-single-vs-multi-valued-context-keys.html: "Multivalued context
  // keys require a condition set operator". Without ForAnyValue/ForAllValues the condition does
  // not match, negated or not, IfExists or not (iam-simulate: singleValueMatch, citing AWS's
  // re:Inforce 2025 session IAM431). Matching "any value" would make Denies and Allows too broad.
  RunConditionTable({
      {R"({"StringEquals":{"aws:TagKeys":"env"}})", {{"aws:TagKeys", {"env"}}}, N},
      {R"({"StringEquals":{"aws:TagKeys":"env"}})", {{"aws:TagKeys", {"env", "team"}}}, N},
      {R"({"StringLike":{"aws:CalledVia":"*"}})", {{"aws:CalledVia", {"cloudformation.amazonaws.com"}}}, N},
      {R"({"StringNotEquals":{"aws:PrincipalOrgPaths":"o-1/r-1/ou-1/"}})", {{"aws:PrincipalOrgPaths", {"o-1/r-1/ou-2/"}}}, N},
      {R"({"StringEqualsIfExists":{"aws:TagKeys":"env"}})", {{"aws:TagKeys", {"env"}}}, N},
      // Absent: IfExists and the negated operators keep their documented absent-key results.
      {R"({"StringEqualsIfExists":{"aws:TagKeys":"env"}})", {}, A},
      {R"({"StringNotEquals":{"aws:TagKeys":"env"}})", {}, A},
      // Any key given more than one value is multivalued too.
      {R"({"StringEquals":{"ec2:ResourceTag/x":"a"}})", {{"ec2:ResourceTag/x", {"a", "b"}}}, N},
      // The set operators still work, and a single-valued key still matches plainly.
      {R"({"ForAnyValue:StringEquals":{"aws:TagKeys":"env"}})", {{"aws:TagKeys", {"env"}}}, A},
      {R"({"StringEquals":{"aws:PrincipalTag/team":"blue"}})", {{"aws:PrincipalTag/team", {"blue"}}}, A},
  });
  EXPECT_TRUE(IsMultivaluedKey("AWS:tagkeys"));
  EXPECT_FALSE(IsMultivaluedKey("aws:SourceVpc"));
}

TEST(IamCondition, PolicyVariables) {
  // reference_policies_variables.html: variables only with Version 2012-10-17; ${*} ${?} ${$};
  // defaults ${key, 'default'}.
  RunConditionTable({
      {R"({"StringEquals":{"s3:prefix":"home/${aws:username}"}})", {{"s3:prefix", {"home/ana"}}, {"aws:username", {"ana"}}}, A},
      {R"({"StringEquals":{"s3:prefix":"home/${aws:username}"}})", {{"s3:prefix", {"home/bob"}}, {"aws:username", {"ana"}}}, N},
      {R"({"StringEquals":{"s3:prefix":"home/${aws:username}"}})", {{"s3:prefix", {"home/"}}}, N},  // absent variable
      {R"({"StringEquals":{"aws:ResourceTag/team":"${aws:PrincipalTag/team}"}})",
       {{"aws:ResourceTag/team", {"blue"}}, {"aws:PrincipalTag/team", {"blue"}}}, A},
      {R"({"StringEquals":{"s3:prefix":"${aws:PrincipalTag/team, 'none'}"}})", {{"s3:prefix", {"none"}}}, A},
      {R"({"StringLike":{"s3:prefix":"a${*}"}})", {{"s3:prefix", {"a*"}}}, A},
      {R"({"StringLike":{"s3:prefix":"a${*}"}})", {{"s3:prefix", {"ab"}}}, N},  // ${*} is a literal *
      {R"({"StringLike":{"s3:prefix":"a${?}"}})", {{"s3:prefix", {"a?"}}}, A},
      {R"({"StringEquals":{"s3:prefix":"a${$}"}})", {{"s3:prefix", {"a$"}}}, A},
      {R"({"StringEquals":{"s3:prefix":"home/${aws:username}"}})", {{"s3:prefix", {"home/x"}}}, U, "aws:username"},
  });
  // Version 2008-10-17: ${...} is literal text.
  PolicySet set;
  set.identity.push_back(P("p", R"({"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*",
    "Condition":{"StringEquals":{"s3:prefix":"${aws:username}"}}}]})"));
  Request r = Req("s3:ListBucket", "arn:aws:s3:::b");
  r.context.Set("aws:username", "ana");
  r.context.Set("s3:prefix", "${aws:username}");
  EXPECT_EQ(Evaluate(r, set).decision, Decision::kAllowed);
}

TEST(IamCondition, ResourceVariables) {
  PolicySet set;
  set.identity.push_back(P("p", R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*",
    "Resource":"arn:aws:s3:::b/home/${aws:username}/*"}]})"));
  Request r = Req("s3:GetObject", "arn:aws:s3:::b/home/ana/x");
  r.context.Set("aws:username", "ana");
  EXPECT_EQ(Evaluate(r, set).decision, Decision::kAllowed);
  r.context.Set("aws:username", "bob");
  EXPECT_EQ(Evaluate(r, set).decision, Decision::kImplicitDeny);
  r.context.SetUnknown("aws:username");
  EXPECT_EQ(Evaluate(r, set).decision, Decision::kUnknown);
}

TEST(IamCondition, ThreeValued) {
  RunConditionTable({
      {R"({"StringEquals":{"aws:SourceVpce":"vpce-1"}})", {}, U, "aws:SourceVpce"},
      {R"({"StringEqualsIfExists":{"aws:SourceVpce":"vpce-1"}})", {}, U, "aws:SourceVpce"},
      {R"({"Null":{"aws:SourceVpce":"true"}})", {}, U, "aws:SourceVpce"},
      // Another clause already false: the unknown key does not matter.
      {R"({"StringEquals":{"aws:SourceVpce":"vpce-1","a:x":"1"}})", {{"a:x", {"2"}}}, N, "aws:SourceVpce"},
  });
}

// ---- evaluation logic: reference_policies_evaluation-logic.html ----

const char* kAllowEcr = R"({"Version":"2012-10-17","Statement":[{"Sid":"Pull","Effect":"Allow","Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"],"Resource":"*"}]})";
const char* kRepo = "arn:aws:ecr:us-east-1:111122223333:repository/app";

TEST(IamLogic, IdentityAllowAndImplicitDeny) {
  PolicySet set;
  set.identity.push_back(P("pull", kAllowEcr));
  Result r = Evaluate(Req("ecr:BatchGetImage", kRepo), set);
  EXPECT_EQ(r.decision, Decision::kAllowed);
  ASSERT_EQ(r.deciding.size(), 1u);
  EXPECT_EQ(r.deciding[0].Label(), "Pull");
  EXPECT_EQ(r.deciding[0].policy_name, "pull");
  EXPECT_EQ(r.identity, LayerDecision::kAllow);
  r = Evaluate(Req("ecr:PutImage", kRepo), set);
  EXPECT_EQ(r.decision, Decision::kImplicitDeny);
  EXPECT_EQ(r.deciding_layer, PolicyType::kIdentity);
}

TEST(IamLogic, ExplicitDenyWinsEverywhere) {
  const char* deny = R"({"Version":"2012-10-17","Statement":[{"Sid":"No","Effect":"Deny","Principal":"*","Action":"ecr:*","Resource":"*"}]})";
  const char* deny_id = R"({"Version":"2012-10-17","Statement":[{"Sid":"No","Effect":"Deny","Action":"ecr:*","Resource":"*"}]})";
  for (PolicyType where : {PolicyType::kIdentity, PolicyType::kResource, PolicyType::kPermissionsBoundary,
                           PolicyType::kScp, PolicyType::kRcp, PolicyType::kEndpoint, PolicyType::kSession}) {
    PolicySet set;
    set.identity.push_back(P("pull", kAllowEcr));
    const char* all = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]})";
    const char* all_id = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})";
    switch (where) {
      case PolicyType::kIdentity: set.identity.push_back(P("d", deny_id)); break;
      case PolicyType::kResource: set.resource = P("d", deny); break;
      case PolicyType::kPermissionsBoundary: set.permissions_boundary = P("d", deny_id); break;
      case PolicyType::kScp: set.scps.push_back({"r-1", {P("full", all_id), P("d", deny_id)}}); break;
      case PolicyType::kRcp:
        set.rcps.push_back({"r-1", {P("full", all), P("d", R"({"Statement":[{"Effect":"Deny","Principal":"*","Action":"kms:*","Resource":"*"}]})")}});
        break;
      case PolicyType::kEndpoint: set.endpoint = P("d", deny); break;
      case PolicyType::kSession: set.session.push_back(P("d", deny_id)); break;
    }
    Request req = Req("ecr:BatchGetImage", kRepo);
    if (where == PolicyType::kRcp) req.action = "kms:Decrypt";  // RCPs govern kms, not ecr
    if (where == PolicyType::kRcp) set.identity[0] = P("k", all_id), set.resource = P("key", all);
    Result r = Evaluate(req, set);
    EXPECT_EQ(r.decision, Decision::kExplicitDeny) << PolicyTypeName(where);
    EXPECT_EQ(r.deciding_layer, where) << PolicyTypeName(where);
    ASSERT_FALSE(r.deciding.empty());
    EXPECT_EQ(r.deciding[0].effect, Effect::kDeny);
  }
}

TEST(IamLogic, SameAccountResourcePolicyAloneAllows) {
  // "Within an account, an allow in either an identity-based or a resource-based policy suffices."
  PolicySet set;
  set.resource = P("repo", std::string(R"({"Version":"2012-10-17","Statement":[{"Sid":"S","Effect":"Allow","Principal":{"AWS":")") +
                               kRole + R"("},"Action":"ecr:BatchGetImage"}]})");
  Result r = Evaluate(Req("ecr:BatchGetImage", kRepo), set);
  EXPECT_EQ(r.decision, Decision::kAllowed);
  EXPECT_EQ(r.deciding_layer, PolicyType::kResource);
  // Naming the account only delegates to IAM: identity policy needed.
  set.resource = P("repo", R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"ecr:*"}]})");
  EXPECT_EQ(Evaluate(Req("ecr:BatchGetImage", kRepo), set).decision, Decision::kImplicitDeny);
}

TEST(IamLogic, BoundaryLimitsIdentityAndRoleArnGrantsButNotSessionGrants) {
  // Permissions boundaries section: an implicit deny in a boundary does not limit a resource
  // policy grant to the role session ARN; it does limit a grant to the role ARN.
  const char* boundary = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:*","Resource":"*"}]})";
  PolicySet set;
  set.identity.push_back(P("pull", kAllowEcr));
  set.permissions_boundary = P("b", boundary);
  Result r = Evaluate(Req("ecr:BatchGetImage", kRepo), set);
  EXPECT_EQ(r.decision, Decision::kImplicitDeny);
  EXPECT_EQ(r.deciding_layer, PolicyType::kPermissionsBoundary);
  EXPECT_EQ(r.permissions_boundary, LayerDecision::kImplicitDeny);
  set.resource = P("repo", std::string(R"({"Statement":[{"Effect":"Allow","Principal":{"AWS":")") + kRole + R"("},"Action":"ecr:*"}]})");
  EXPECT_EQ(Evaluate(Req("ecr:BatchGetImage", kRepo), set).decision, Decision::kImplicitDeny);
  set.resource = P("repo", std::string(R"({"Statement":[{"Effect":"Allow","Principal":{"AWS":")") + kSession + R"("},"Action":"ecr:*"}]})");
  EXPECT_EQ(Evaluate(Req("ecr:BatchGetImage", kRepo), set).decision, Decision::kAllowed);
}

TEST(IamLogic, SameAccountWildcardGrantIsNotLimitedByBoundaryOrSessionPolicy) {
  // reference_policies_evaluation-logic.html: within an account, a resource-based policy that
  // grants to the role session itself is not limited by an implicit deny in a permissions
  // boundary or session policy. "Principal": "*" matches the session itself (not only the role
  // ARN), so the grant is one to the session (iam-simulate agrees; docs/iam-differential.md).
  const char* boundary = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:*","Resource":"*"}]})";
  const char* star = R"({"Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:*"}]})";
  PolicySet set;
  set.identity.push_back(P("pull", kAllowEcr));
  set.permissions_boundary = P("b", boundary);
  set.resource = P("repo", star);
  EXPECT_EQ(Evaluate(Req("ecr:BatchGetImage", kRepo), set).decision, Decision::kAllowed);
  set.resource = P("repo", R"({"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"ecr:*"}]})");
  EXPECT_EQ(Evaluate(Req("ecr:BatchGetImage", kRepo), set).decision, Decision::kAllowed);
  // Same for a session policy.
  PolicySet with_session;
  with_session.session.push_back(P("s", boundary));
  with_session.resource = P("repo", star);
  EXPECT_EQ(Evaluate(Req("ecr:BatchGetImage", kRepo), with_session).decision, Decision::kAllowed);
  // An explicit deny in the boundary still wins.
  set.permissions_boundary = P("b", R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"ecr:*","Resource":"*"}]})");
  set.resource = P("repo", star);
  EXPECT_EQ(Evaluate(Req("ecr:BatchGetImage", kRepo), set).decision, Decision::kExplicitDeny);
}

TEST(IamLogic, SessionPolicyLimitsIdentity) {
  PolicySet set;
  set.identity.push_back(P("pull", kAllowEcr));
  set.session.push_back(P("s", R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]})"));
  Result r = Evaluate(Req("ecr:BatchGetImage", kRepo), set);
  EXPECT_EQ(r.decision, Decision::kImplicitDeny);
  EXPECT_EQ(r.deciding_layer, PolicyType::kSession);
}

TEST(IamLogic, ScpEveryLevelMustAllow) {
  // reference_policies_evaluation-logic.html, SCPs: each level of the hierarchy must allow.
  const char* full = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})";
  const char* only_s3 = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]})";
  PolicySet set;
  set.identity.push_back(P("pull", kAllowEcr));
  set.scps.push_back({"r-root", {P("FullAWSAccess", full)}});
  set.scps.push_back({"ou-1", {P("s3only", only_s3)}});
  Result r = Evaluate(Req("ecr:BatchGetImage", kRepo), set);
  EXPECT_EQ(r.decision, Decision::kImplicitDeny);
  EXPECT_EQ(r.deciding_layer, PolicyType::kScp);
  EXPECT_EQ(r.failing_scp_level, 1u);
  EXPECT_EQ(r.organizations_scp, LayerDecision::kImplicitDeny);
  // Not for the management account, not for service-linked roles.
  Request mgmt = Req("ecr:BatchGetImage", kRepo);
  mgmt.principal_in_management_account = true;
  EXPECT_EQ(Evaluate(mgmt, set).decision, Decision::kAllowed);
  Request slr = Req("ecr:BatchGetImage", kRepo);
  slr.principal_is_service_linked_role = true;
  EXPECT_EQ(Evaluate(slr, set).decision, Decision::kAllowed);
}

TEST(IamLogic, RcpOnlyForItsServices) {
  // orgs_manage_policies_rcps.html: RCPs apply to S3, STS, KMS, SQS, Secrets Manager and (2025)
  // ECR, CloudWatch Logs, DynamoDB, Cognito user pools, OpenSearch Serverless; not to other
  // services, not to AWS managed keys.
  const char* none = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]})";
  PolicySet set;
  set.identity.push_back(P("all", R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})"));
  set.rcps.push_back({"r-1", {P("s3", none)}});
  EXPECT_EQ(Evaluate(Req("ssm:GetParameters", "*"), set).decision, Decision::kAllowed);
  EXPECT_EQ(Evaluate(Req("ecr:BatchGetImage", kRepo), set).decision, Decision::kImplicitDeny);
  Result r = Evaluate(Req("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf"), set);
  EXPECT_EQ(r.decision, Decision::kImplicitDeny);
  EXPECT_EQ(r.deciding_layer, PolicyType::kRcp);
  EXPECT_TRUE(RcpAppliesToService("SQS:SendMessage"));
  for (const char* a : {"logs:PutLogEvents", "ecr:BatchGetImage", "dynamodb:GetItem",
                        "cognito-idp:AdminGetUser", "aoss:APIAccessAll"})
    EXPECT_TRUE(RcpAppliesToService(a)) << a;
  for (const char* a : {"ssm:GetParameters", "lambda:InvokeFunction", "sns:Publish", "ec2:DescribeInstances"})
    EXPECT_FALSE(RcpAppliesToService(a)) << a;
}

TEST(IamLogic, CrossAccountNeedsBothSides) {
  // reference_policies_evaluation-logic-cross-account.html
  const std::string repo = "arn:aws:ecr:us-east-1:999988887777:repository/shared";
  PolicySet set;
  set.identity.push_back(P("pull", kAllowEcr));
  Result r = Evaluate(Req("ecr:BatchGetImage", repo), set);
  EXPECT_TRUE(r.cross_account);
  EXPECT_EQ(r.decision, Decision::kImplicitDeny);
  EXPECT_EQ(r.deciding_layer, PolicyType::kResource);
  set.resource = P("repo", R"({"Version":"2012-10-17","Statement":[{"Sid":"Org","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"ecr:BatchGetImage"}]})");
  EXPECT_EQ(Evaluate(Req("ecr:BatchGetImage", repo), set).decision, Decision::kAllowed);
  set.identity.clear();
  EXPECT_EQ(Evaluate(Req("ecr:BatchGetImage", repo), set).decision, Decision::kImplicitDeny);
}

TEST(IamLogic, KmsKeyPolicyAlwaysRequired) {
  // https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html: without a key
  // policy statement that allows, IAM policies alone do not give access; the account principal
  // delegates to IAM.
  const std::string key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  PolicySet set;
  set.identity.push_back(P("kms", R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}]})"));
  Result r = Evaluate(Req("kms:Decrypt", key), set);
  EXPECT_EQ(r.decision, Decision::kImplicitDeny);
  EXPECT_EQ(r.deciding_layer, PolicyType::kResource);
  set.resource = P("key", R"({"Version":"2012-10-17","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]})");
  EXPECT_EQ(Evaluate(Req("kms:Decrypt", key), set).decision, Decision::kAllowed);
  set.identity.clear();
  EXPECT_EQ(Evaluate(Req("kms:Decrypt", key), set).decision, Decision::kImplicitDeny);
  set.resource = P("key", std::string(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":")") + kRole + R"("},"Action":"kms:Decrypt","Resource":"*"}]})");
  EXPECT_EQ(Evaluate(Req("kms:Decrypt", key), set).decision, Decision::kAllowed);
}

TEST(IamLogic, TrustPolicyForServicePrincipal) {
  // Task execution role trust policy (docs/design/causes.md §1.6).
  PolicySet set;
  set.resource = P("trust", R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"}}}]})");
  Request r;
  r.principal_arn = "ecs-tasks.amazonaws.com";
  r.principal_type = PrincipalType::kServicePrincipal;
  r.action = "sts:AssumeRole";
  r.resource_arn = kRole;
  r.context.Set("aws:SourceAccount", "111122223333");
  EXPECT_EQ(Evaluate(r, set).decision, Decision::kAllowed);
  r.context.Set("aws:SourceAccount", "444455556666");
  EXPECT_EQ(Evaluate(r, set).decision, Decision::kImplicitDeny);
  r.principal_arn = "ec2.amazonaws.com";
  r.context.Set("aws:SourceAccount", "111122223333");
  EXPECT_EQ(Evaluate(r, set).decision, Decision::kImplicitDeny);
}

TEST(IamLogic, EndpointPolicyMustAllow) {
  PolicySet set;
  set.identity.push_back(P("pull", kAllowEcr));
  set.endpoint = P("vpce", R"({"Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:GetAuthorizationToken","Resource":"*"}]})");
  Result r = Evaluate(Req("ecr:BatchGetImage", kRepo), set);
  EXPECT_EQ(r.decision, Decision::kImplicitDeny);
  EXPECT_EQ(r.deciding_layer, PolicyType::kEndpoint);
  EXPECT_EQ(r.endpoint, LayerDecision::kImplicitDeny);
}

TEST(IamLogic, NotActionNotResourceNotPrincipal) {
  PolicySet set;
  set.identity.push_back(P("a", R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"iam:*","NotResource":"arn:aws:s3:::secret/*"}]})"));
  EXPECT_EQ(Evaluate(Req("s3:GetObject", "arn:aws:s3:::public/x"), set).decision, Decision::kAllowed);
  EXPECT_EQ(Evaluate(Req("s3:GetObject", "arn:aws:s3:::secret/x"), set).decision, Decision::kImplicitDeny);
  EXPECT_EQ(Evaluate(Req("iam:GetRole", "arn:aws:s3:::public/x"), set).decision, Decision::kImplicitDeny);
  // NotPrincipal with Deny: everyone except the named principals is denied.
  set.resource = P("r", std::string(R"({"Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":[")") + kSession + R"(","arn:aws:iam::111122223333:root"]},"Action":"s3:*","Resource":"*"}]})");
  EXPECT_EQ(Evaluate(Req("s3:GetObject", "arn:aws:s3:::public/x"), set).decision, Decision::kAllowed);
  Request other = Req("s3:GetObject", "arn:aws:s3:::public/x");
  other.principal_arn = "arn:aws:sts::111122223333:assumed-role/other/s";
  set.identity[0] = P("a", R"({"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})");
  EXPECT_EQ(Evaluate(other, set).decision, Decision::kExplicitDeny);
}

TEST(IamLogic, ThreeValuedDecisions) {
  const char* allow = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})";
  const char* deny_unless_vpce = R"({"Version":"2012-10-17","Statement":[{"Sid":"OnlyVpce","Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1"}}}]})";
  const char* definite_deny = R"({"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"ecr:*","Resource":"*"}]})";
  PolicySet set;
  set.identity.push_back(P("all", allow));
  set.resource = P("repo", deny_unless_vpce);
  Request r = Req("ecr:BatchGetImage", kRepo);
  r.context.SetUnknown("aws:SourceVpce");
  Result res = Evaluate(r, set);
  // A definite allow with a possibly-applying deny is unknown, naming the key and statement.
  EXPECT_EQ(res.decision, Decision::kUnknown);
  EXPECT_EQ(res.missing_context_values, std::vector<std::string>{"aws:SourceVpce"});
  ASSERT_EQ(res.deciding.size(), 1u);
  EXPECT_EQ(res.deciding[0].Label(), "OnlyVpce");
  EXPECT_FALSE(res.deciding[0].definite);
  // A definite deny elsewhere still decides.
  set.identity.push_back(P("deny", definite_deny));
  EXPECT_EQ(Evaluate(r, set).decision, Decision::kExplicitDeny);
  // Known value: settled.
  set.identity.pop_back();
  r.context.Set("aws:SourceVpce", "vpce-1");
  EXPECT_EQ(Evaluate(r, set).decision, Decision::kAllowed);
  r.context.Set("aws:SourceVpce", "vpce-2");
  EXPECT_EQ(Evaluate(r, set).decision, Decision::kExplicitDeny);
}

TEST(IamLogic, ManagedExecutionPolicyFromCorpus) {
  FD_SKIP_WITHOUT_CORPUS("iam/AmazonECSTaskExecutionRolePolicy.json", "the AWS managed execution policy");
  auto doc = nlohmann::json::parse(fd::testing::ReadCorpus("iam/AmazonECSTaskExecutionRolePolicy.json"));
  PolicySet set;
  set.identity.push_back(P("arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
                           doc["PolicyVersion"]["Document"].dump()));
  EXPECT_EQ(Evaluate(Req("ecr:GetAuthorizationToken", "*"), set).decision, Decision::kAllowed);
  EXPECT_EQ(Evaluate(Req("ecr:BatchGetImage", kRepo), set).decision, Decision::kAllowed);
  EXPECT_EQ(Evaluate(Req("logs:PutLogEvents", "arn:aws:logs:us-east-1:111122223333:log-group:/ecs/app:log-stream:x"), set).decision,
            Decision::kAllowed);
  // Not included (docs/design/causes.md §1.6): CreateLogGroup, GetSecretValue, kms:Decrypt.
  EXPECT_EQ(Evaluate(Req("logs:CreateLogGroup", "arn:aws:logs:us-east-1:111122223333:log-group:/ecs/app"), set).decision,
            Decision::kImplicitDeny);
  EXPECT_EQ(Evaluate(Req("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf"), set).decision,
            Decision::kImplicitDeny);
}

// The compiled form (Policy::compiled) is an optimisation only: a policy without it (built by
// hand) or whose statements changed after parsing must decide exactly as a freshly parsed one.
TEST(IamLogic, CompiledFormIsOnlyAnOptimisation) {
  const std::string text = R"({"Version":"2012-10-17","Statement":[
    {"Sid":"Pull","Effect":"Allow","Action":["ECR:BatchGet*","ecr:GetDownloadUrlForLayer"],
     "Resource":"arn:aws:ecr:us-east-1:111122223333:repository/app"},
    {"Sid":"Own","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/${aws:username}/*"},
    {"Sid":"NoLogs","Effect":"Deny","NotAction":"logs:*","NotResource":"arn:aws:logs:*:*:log-group:/ecs/?pp:*",
     "Condition":{"StringLike":{"aws:SourceVpce":["vpce-*","${aws:SourceVpc}"]}}}]})";
  auto parsed = ParsePolicy(text);
  ASSERT_TRUE(parsed);
  ASSERT_TRUE(parsed->compiled);
  Policy bare = *parsed;
  bare.compiled.reset();
  Policy edited = *parsed;  // a statement added after parsing: the compiled form no longer fits
  edited.statements.push_back(edited.statements[0]);
  const Request requests[] = {
      Req("ecr:BatchGetImage", kRepo), Req("ecr:batchgetimage", kRepo),
      Req("ecr:PutImage", kRepo), Req("s3:GetObject", "arn:aws:s3:::b/alice/k"),
      Req("logs:PutLogEvents", "arn:aws:logs:us-east-1:111122223333:log-group:/ecs/app:log-stream:x"),
      Req("sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:q"),
  };
  for (Request r : requests) {
    r.context.Set("aws:username", "alice");
    r.context.Set("aws:SourceVpce", "vpce-1");
    for (const Policy* p : {&*parsed, &bare, &edited}) {
      PolicySet set;
      set.identity.push_back(NamedPolicy{"p", std::make_shared<Policy>(*p)});
      PolicySet reference;
      reference.identity.push_back(P("p", text));
      const Result got = Evaluate(r, set), want = Evaluate(r, reference);
      EXPECT_EQ(DecisionName(got.decision), DecisionName(want.decision)) << r.action;
      std::size_t extra = 0;  // the edited policy's copy of "Pull" matches where "Pull" does
      for (const auto& m : want.matched) extra += (p == &edited && m.sid == "Pull") ? 1 : 0;
      EXPECT_EQ(got.matched.size(), want.matched.size() + extra) << r.action;
    }
  }
}

}  // namespace
}  // namespace fd::iam

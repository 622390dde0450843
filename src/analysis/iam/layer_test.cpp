// One layer's verdict read out of a whole evaluation (LayerOf): its own statements and open keys,
// where the result's `deciding` and `missing_context_values` speak of every layer at once.
#include "analysis/iam/layer.h"

#include <gtest/gtest.h>

#include "analysis/iam/wording.h"

namespace fd::analysis {
namespace {

constexpr const char* kSession = "arn:aws:sts::111122223333:assumed-role/exec/task-1";
constexpr const char* kRole = "arn:aws:iam::111122223333:role/exec";
constexpr const char* kRepo = "arn:aws:ecr:eu-west-3:444455556666:repository/shared";

iam::NamedPolicy P(const std::string& name, const std::string& text) {
  auto p = iam::ParsePolicy(text);
  EXPECT_TRUE(p) << name << ": " << (p ? "" : p.error().message);
  return {name, std::make_shared<iam::Policy>(p ? *p : iam::Policy{})};
}

iam::Request Pull() {
  iam::Request r;
  r.principal_arn = kSession;
  r.role_arn = kRole;
  r.action = "ecr:BatchGetImage";
  r.resource_arn = kRepo;
  r.resource_account = "444455556666";
  return r;
}

std::string Stmt(const std::string& sid, const std::string& effect, const std::string& rest) {
  return R"({"Sid":")" + sid + R"(","Effect":")" + effect + R"(","Action":"ecr:*","Resource":"*")" +
         rest + "}";
}
std::string Doc(const std::string& statements) {
  return R"({"Version":"2012-10-17","Statement":[)" + statements + "]}";
}
const std::string kToRole = R"(,"Principal":{"AWS":"arn:aws:iam::111122223333:role/exec"})";

// A Deny in the role's policy and one in the repository policy: the whole result names both,
// the repository layer only its own.
TEST(LayerOf, NamesOnlyTheLayersOwnStatements) {
  iam::PolicySet set;
  set.identity.push_back(P("role policy", Doc(Stmt("RoleDeny", "Deny", ""))));
  set.resource = P("repository policy", Doc(Stmt("RepoDeny", "Deny", kToRole)));
  const iam::Result r = iam::Evaluate(Pull(), set);
  ASSERT_EQ(r.deciding.size(), 2u);
  const LayerVerdict v = LayerOf(r, iam::PolicyType::kResource);
  EXPECT_EQ(v.decision, iam::LayerDecision::kExplicitDeny);
  EXPECT_EQ(DecidingText(v), "repository policy statement RepoDeny");
  EXPECT_EQ(RefusalText(v, "no"), "explicitly denied by repository policy statement RepoDeny");
  EXPECT_EQ(LayerOf(r, iam::PolicyType::kIdentity).statements.at(0).sid, "RoleDeny");
}

// Across accounts the role's side decides first: an identity that allows nothing makes the
// request an implicit deny that names no key, yet the repository layer is open (its Allow hangs
// on the organization ID), and says so.
TEST(LayerOf, KeepsTheKeysOfAnOpenLayerWhateverTheWholeDecision) {
  iam::PolicySet set;
  set.identity.push_back(P("role policy", Doc(R"({"Effect":"Allow","Action":"s3:*","Resource":"*"})")));
  set.resource = P("repository policy",
                   Doc(Stmt("InOrg", "Allow",
                            kToRole + R"(,"Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}})")));
  iam::Request q = Pull();
  q.context.SetUnknown("aws:PrincipalOrgID");
  const iam::Result r = iam::Evaluate(q, set);
  EXPECT_EQ(r.decision, iam::Decision::kImplicitDeny);
  EXPECT_TRUE(r.missing_context_values.empty());
  const LayerVerdict v = LayerOf(r, iam::PolicyType::kResource);
  EXPECT_EQ(v.decision, iam::LayerDecision::kUnknown);
  EXPECT_EQ(v.keys, std::vector<std::string>{"aws:PrincipalOrgID"});
  EXPECT_FALSE(v.data_gap);
  ASSERT_EQ(v.statements.size(), 1u);
  EXPECT_EQ(v.statements[0].sid, "InOrg");
  EXPECT_EQ(RefusalText(v, "no"), "undecided, hangs on aws:PrincipalOrgID");
}

// A stand-in's synthetic key is data the snapshot lacks, not a context key to name.
TEST(LayerOf, TellsMissingDataFromContextKeys) {
  const std::string gap = std::string(kSyntheticKeyPrefix) + "1";
  EXPECT_TRUE(IsSyntheticKey(gap));
  EXPECT_FALSE(IsSyntheticKey("aws:PrincipalOrgID"));
  iam::PolicySet set;
  set.identity.push_back(P("attached (not in the snapshot)",
                           Doc(R"({"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{")" +
                               gap + R"(":"true"}}})")));
  iam::Request q = Pull();
  q.resource_account.clear();
  q.resource_arn = "arn:aws:ecr:eu-west-3:111122223333:repository/api";
  q.context.SetUnknown(gap);
  const LayerVerdict v = LayerOf(iam::Evaluate(q, set), iam::PolicyType::kIdentity);
  EXPECT_EQ(v.decision, iam::LayerDecision::kUnknown);
  EXPECT_TRUE(v.keys.empty());
  EXPECT_TRUE(v.data_gap);
  EXPECT_EQ(RefusalText(v, "no"), "undecided, hangs on data the snapshot lacks");
}

TEST(LayerOf, ALayerWithoutPolicyIsNotApplicable) {
  iam::PolicySet set;
  set.identity.push_back(P("role policy", Doc(Stmt("Pull", "Allow", ""))));
  const iam::Result r = iam::Evaluate(Pull(), set);
  const LayerVerdict v = LayerOf(r, iam::PolicyType::kEndpoint);
  EXPECT_EQ(v.decision, iam::LayerDecision::kNotApplicable);
  EXPECT_TRUE(v.statements.empty());
  EXPECT_EQ(RefusalText(v, "no statement allows it"), "no statement allows it");
  EXPECT_EQ(LayerOf(r, iam::PolicyType::kIdentity).decision, iam::LayerDecision::kAllow);
}

}  // namespace
}  // namespace fd::analysis

#include "predeploy/aws_managed_policies.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "iam/policy.h"

namespace fd::predeploy {
namespace {

// Every bundled file is a policy whose ARN, path and name agree, with a document the IAM
// evaluator accepts, and the compiled-in set is the folder's.
TEST(AwsManagedPoliciesTest, EveryBundledPolicyIsWholeAndParses) {
  std::set<std::string> on_disk;
  for (const auto& e : std::filesystem::directory_iterator(std::string(FD_SOURCE_DIR) + "/data/aws-managed-policies"))
    if (e.path().extension() == ".json") on_disk.insert(e.path().filename().string());
  std::set<std::string> compiled;
  for (const EmbeddedFile& f : BundledPolicyFiles()) compiled.insert(f.name);
  EXPECT_EQ(compiled, on_disk);
  ASSERT_GE(compiled.size(), 3u);

  std::vector<std::string> arns;
  for (const EmbeddedFile& f : BundledPolicyFiles()) {
    const std::string name = f.name.substr(0, f.name.size() - 5);
    arns.push_back(name == "AmazonECSTaskExecutionRolePolicy" ? "arn:aws:iam::aws:policy/service-role/" + name
                                                               : "arn:aws:iam::aws:policy/" + name);
  }
  model::ModelBuilder b;
  EXPECT_TRUE(AddBundledPolicies(arns, b).empty());
  const model::Model m = std::move(b).Build();
  EXPECT_EQ(m.iam_policies().size(), arns.size());
  for (const std::string& arn : arns) {
    const model::IamManagedPolicy* p = m.iam_policies().Find(arn);
    ASSERT_NE(p, nullptr) << arn;
    EXPECT_TRUE(p->aws_managed);
    EXPECT_EQ("arn:aws:iam::aws:policy" + p->path + p->name, arn);
    ASSERT_TRUE(p->document.has_value()) << arn;
    auto parsed = iam::ParsePolicy(*p->document);
    EXPECT_TRUE(parsed.has_value()) << arn << ": " << (parsed ? "" : parsed.error().message);
  }
}

TEST(AwsManagedPoliciesTest, PartitionsPathsAndWhatIsNotBundled) {
  model::ModelBuilder b;
  const auto missing = AddBundledPolicies(
      {"arn:aws-cn:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
       // The right name at the wrong path is no policy AWS has: attaching it fails.
       "arn:aws:iam::aws:policy/AmazonECSTaskExecutionRolePolicy",
       "arn:aws:iam::aws:policy/NotBundledAtAll",
       "arn:aws:iam::111122223333:policy/mine"},  // a customer's: not ours to give
      b);
  EXPECT_EQ(missing, (std::vector<std::string>{"arn:aws:iam::aws:policy/AmazonECSTaskExecutionRolePolicy",
                                               "arn:aws:iam::aws:policy/NotBundledAtAll"}));
  const model::Model m = std::move(b).Build();
  ASSERT_EQ(m.iam_policies().size(), 1u);
  const auto* p = m.iam_policies().Find("arn:aws-cn:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy");
  ASSERT_NE(p, nullptr);
  EXPECT_NE(p->document->find("ecr:BatchGetImage"), std::string::npos);
}

}  // namespace
}  // namespace fd::predeploy

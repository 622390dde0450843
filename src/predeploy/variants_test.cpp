#include "predeploy/variants.h"

#include <gtest/gtest.h>

namespace fd::predeploy {
namespace {

std::vector<std::string> Labels(const std::vector<Variant>& vs) {
  std::vector<std::string> out;
  for (const auto& v : vs) out.push_back(v.label);
  return out;
}

TEST(VariantsTest, EveryCombinationWhileTheyFitTheBudget) {
  const std::vector<UndecidedParameter> ps = {{"app", "Env", {"dev", "prod", "x"}, true},
                                              {"app", "Nat", {"yes", "no"}, false}};
  const auto vs = Variants(ps);
  EXPECT_EQ(Labels(vs), (std::vector<std::string>{
                            "Env=dev, Nat=yes", "Env=prod, Nat=yes", "Env not 'dev' or 'prod', Nat=yes",
                            "Env=dev, Nat=no", "Env=prod, Nat=no", "Env not 'dev' or 'prod', Nat=no"}));
  // The made-up value is given as such: it is what a run needs to decide "none of them".
  EXPECT_EQ(vs[2].parameters, (std::vector<std::string>{"app.Env=x", "app.Nat=yes"}));
}

TEST(VariantsTest, TooManyCombinationsVaryOneParameterAtATime) {
  std::vector<UndecidedParameter> ps;
  for (const char* name : {"A", "B", "C", "D"}) ps.push_back({"app", name, {"1", "2"}, false});
  const auto vs = Variants(ps, 8);  // 16 combinations
  ASSERT_EQ(vs.size(), 8u);
  EXPECT_EQ(vs[0].parameters, std::vector<std::string>{"app.A=1"});
  EXPECT_EQ(vs[7].label, "D=2");
  EXPECT_EQ(Variants(ps, 3).size(), 3u);  // the budget holds even then
}

TEST(VariantsTest, StacksAreNamedOnlyWhenSeveralHaveUndecidedParameters) {
  const auto one = Variants({{"net", "Nat", {"yes"}, false}});
  EXPECT_EQ(Labels(one), std::vector<std::string>{"Nat=yes"});
  const auto two = Variants({{"net", "Nat", {"yes"}, false}, {"app", "Env", {"prod"}, false}});
  EXPECT_EQ(Labels(two), std::vector<std::string>{"net.Nat=yes, app.Env=prod"});
  EXPECT_TRUE(Variants({}).empty());
}

report::Finding MakeFinding(const std::string& code, const std::string& resource, report::Severity s) {
  report::Finding f;
  f.code = code;
  f.target = "svc";
  f.resource = resource;
  f.message = code + " on " + resource;
  f.severity = s;
  f.paths = {{"svc", "subnet-1"}};
  return f;
}

report::Report ReportOf(std::vector<report::Finding> findings, report::Verdict v) {
  report::Report r;
  r.verdict = v;
  r.targets.push_back(report::Target{"service", "svc", "", v, {}, {}, {}});
  r.findings = std::move(findings);
  return r;
}

TEST(VariantsTest, AVariantAddsWhatOnlyItFindsAndTheWorseVerdict) {
  report::Report main = ReportOf({MakeFinding("LOG003", "lg", report::Severity::kWarning)},
                                 report::Verdict::kAtRisk);
  const report::Report no_nat =
      ReportOf({MakeFinding("LOG003", "lg", report::Severity::kWarning),
                MakeFinding("NET002", "rtb", report::Severity::kBlocker)},
               report::Verdict::kBlocked);
  AddVariant(main, no_nat, "Nat=no");
  ASSERT_EQ(main.findings.size(), 2u);
  EXPECT_EQ(main.findings[0].message, "LOG003 on lg");  // found either way: unlabelled
  EXPECT_EQ(main.findings[1].message, "NET002 on rtb (when Nat=no)");
  EXPECT_TRUE(main.findings[1].paths.empty());  // the variant's traces are not in this report
  EXPECT_EQ(main.verdict, report::Verdict::kBlocked);
  EXPECT_EQ(main.targets[0].verdict, report::Verdict::kBlocked);

  // A second variant finding the same fault widens the label; one finding nothing more says so.
  AddVariant(main, no_nat, "Nat=maybe");
  AddVariant(main, ReportOf({}, report::Verdict::kOk), "Nat=yes");
  ASSERT_EQ(main.findings.size(), 2u);
  EXPECT_EQ(main.findings[1].message, "NET002 on rtb (when Nat=no or Nat=maybe)");
  EXPECT_EQ(main.verdict, report::Verdict::kBlocked);
  ASSERT_EQ(main.input_notes.size(), 3u);
  EXPECT_EQ(main.input_notes[0].note, "evaluated with Nat=no: 1 more finding: NET002 (blocker)");
  EXPECT_EQ(main.input_notes[2].note, "evaluated with Nat=yes: nothing more is found");
}

}  // namespace
}  // namespace fd::predeploy

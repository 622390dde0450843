#pragma once
/// The CloudFormation mapper's tests' one way to build the model templates declare
/// (predeploy/cfn/to_model.h), diagnose it with the engine as the CLI will, and read the report
/// in one line per finding.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/diagnose.h"
#include "predeploy/cfn/to_model.h"
#include "testing/cfn_fixture.h"

namespace fd::testing {

struct CfnDiagnosis {
  predeploy::DeclaredModel declared;
  report::Report report;
};

/// The pseudo parameters every mapper test deploys with (a made-up test account is the test's,
/// not the mapper's).
inline constexpr const char* kCfnRegion = "us-east-1";
inline constexpr const char* kCfnAccount = "111122223333";

/// Reads the templates named by `args` in `files` with `parameters` ("KEY=VALUE"), builds their
/// model in kCfnRegion/kCfnAccount, and diagnoses every service in it.
inline CfnDiagnosis DiagnoseCfn(const CfnFiles& files, const std::vector<std::string>& args,
                                const std::vector<std::string>& parameters = {}) {
  predeploy::cfn::Options options;
  options.region = kCfnRegion;
  options.account = kCfnAccount;
  for (const std::string& p : parameters) EXPECT_TRUE(options.parameters.AddArgument(p));
  CfnDiagnosis out;
  auto t = files.Read(args, options);
  EXPECT_TRUE(t) << (t ? "" : t.error().message);
  if (!t) return out;
  auto m = predeploy::cfn::BuildModel(*t, {kCfnRegion, kCfnAccount});
  EXPECT_TRUE(m) << (m ? "" : m.error().message);
  if (!m) return out;
  out.declared = std::move(*m);
  auto r = engine::Diagnose(out.declared.model, {});
  EXPECT_TRUE(r) << (r ? "" : r.error().message);
  if (r) {
    out.report = std::move(*r);
    predeploy::Locate(out.report, out.declared.origins);
  }
  return out;
}

/// "CODE severity resource @declared_id", one a finding, for failure messages and matching.
inline std::vector<std::string> FindingLines(const report::Report& r) {
  std::vector<std::string> out;
  for (const report::Finding& f : r.findings)
    out.push_back(f.code + " " + std::string(report::ToString(f.severity)) + " " + f.resource +
                  " @" + (f.location ? f.location->declared_id : "?"));
  return out;
}

inline std::string Describe(const CfnDiagnosis& d) {
  std::string out = "verdict " + std::string(report::ToString(d.report.verdict)) + "\n";
  const std::vector<std::string> lines = FindingLines(d.report);
  for (std::size_t i = 0; i < lines.size(); ++i)
    out += "  " + lines[i] + ": " + d.report.findings[i].message + "\n";
  for (const report::Unchecked& u : d.report.unchecked) out += "  unchecked " + u.check + ": " + u.reason + "\n";
  for (const InputNote& n : d.declared.notes) out += "  note " + n.pointer + ": " + n.note + "\n";
  return out;
}

/// The findings with `code`.
inline std::vector<const report::Finding*> FindingsOf(const report::Report& r, const std::string& code) {
  std::vector<const report::Finding*> out;
  for (const report::Finding& f : r.findings)
    if (f.code == code) out.push_back(&f);
  return out;
}

inline bool HasBlocker(const report::Report& r) {
  for (const report::Finding& f : r.findings)
    if (f.severity == report::Severity::kBlocker) return true;
  return false;
}

/// `text` with `from` replaced by `to` once; fails the test when `from` is not there.
inline std::string Edit(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "the edit's text is not in the template: " << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

}  // namespace fd::testing

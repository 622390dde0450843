// A test beside every check: each registered code has a GoogleTest suite named exactly by the
// code (tests/testing/check_harness.h) holding a case whose name begins with `Fires` and one
// beginning with `Silent`, and, when the check can bail out, one beginning with `Unchecked`.
//
// "Can bail out" is read from the code, never from a list kept by hand. A check can report a
// gap when
//   - its source file (src/checks/<group>/<code>_*.cpp) calls `sink.Unchecked(`, or a checks/ header
//     it includes, directly or through another, has a .cpp that does (iam_report, iam_trust,
//     kms_keys, missing_secrets), or
//   - the analysis (src/analysis/*.cpp) records a gap under its code: the code as a string
//     literal inside a ` Gap(` call or an `unchecked.push_back(` / `emplace_back(`, up to the
//     statement's `;`.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "checks/check.h"
#include "util/strings.h"

namespace fd::checks {
namespace {

namespace fs = std::filesystem;

const fs::path kSrc = fs::path(FD_SOURCE_DIR) / "src";

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool IsTest(const fs::path& p) { return p.stem().string().ends_with("_test"); }

/// The source files of check `code`: src/checks/*/<code>_*.cpp (tests excluded).
std::vector<fs::path> SourcesOf(std::string_view code) {
  const std::string prefix = util::Lower(code) + "_";
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(kSrc / "checks"))
    if (e.path().extension() == ".cpp" && !IsTest(e.path()) &&
        e.path().filename().string().rfind(prefix, 0) == 0)
      out.push_back(e.path());
  return out;
}

/// The file calling a sink's `Unchecked(` that `file` reaches through its checks/ includes (each header
/// stands for itself and the .cpp beside it), or "" when none does.
std::string ReachesUnchecked(const fs::path& file, std::set<fs::path>& seen) {
  if (!seen.insert(file).second || !fs::exists(file)) return "";
  const std::string text = Slurp(file);
  // A call, not check.h's declaration.
  if (text.find(".Unchecked(") != std::string::npos || text.find("->Unchecked(") != std::string::npos)
    return fs::relative(file, kSrc).string();
  static const std::regex kInclude(R"re(#include "(checks/[^"]+)\.h")re");
  for (std::sregex_iterator it(text.begin(), text.end(), kInclude), end; it != end; ++it)
    for (const char* ext : {".h", ".cpp"}) {
      std::string hit = ReachesUnchecked(kSrc / ((*it)[1].str() + ext), seen);
      if (!hit.empty()) return hit;
    }
  return "";
}

/// Every code the analysis records gaps under, with the file that does.
std::map<std::string, std::string> AnalysisGapCodes() {
  std::map<std::string, std::string> out;
  // A code as a string literal ("FW001"), or as the registry names it in C++ (kFw001, which
  // typed codes are expected to keep: Code::kFw001).
  static const std::regex kCode(R"re("([A-Z]+[0-9]{3})"|\bk([A-Z][a-z]+[0-9]{3})\b)re");
  for (const auto& e : fs::recursive_directory_iterator(kSrc / "analysis")) {
    if (e.path().extension() != ".cpp" || IsTest(e.path())) continue;
    const std::string text = Slurp(e.path());
    for (const char* call : {" Gap(", ".Gap(", "unchecked.push_back(", "unchecked.emplace_back("})
      for (size_t from = text.find(call); from != std::string::npos; from = text.find(call, from + 1)) {
        const std::string stmt = text.substr(from, text.find(';', from) - from);
        for (std::sregex_iterator c(stmt.begin(), stmt.end(), kCode), end; c != end; ++c)
          out.emplace(util::Upper((*c)[1].matched ? (*c)[1].str() : (*c)[2].str()),
                      fs::relative(e.path(), kSrc).string());
      }
  }
  return out;
}

/// Why the check `code` can bail out ("" when it cannot); `error` when its source is not found.
std::string BailOutReason(std::string_view code, const std::map<std::string, std::string>& gaps,
                          std::string* error) {
  const auto sources = SourcesOf(code);
  if (sources.size() != 1) {
    *error = std::to_string(sources.size()) + " source files named " + util::Lower(code) + "_*.cpp";
    return "";
  }
  std::set<fs::path> seen;
  std::string hit = ReachesUnchecked(sources.front(), seen);
  if (!hit.empty()) return hit + " reports gaps (sink.Unchecked)";
  if (auto it = gaps.find(std::string(code)); it != gaps.end())
    return it->second + " records gaps under " + std::string(code);
  return "";
}

/// Suite name -> the case kinds (Fires, Silent, Unchecked) its test names begin with.
std::map<std::string, std::set<std::string>> CaseKinds() {
  std::map<std::string, std::set<std::string>> out;
  const auto* unit = ::testing::UnitTest::GetInstance();
  for (int i = 0; i < unit->total_test_suite_count(); ++i) {
    const auto* suite = unit->GetTestSuite(i);
    auto& kinds = out[suite->name()];
    for (int j = 0; j < suite->total_test_count(); ++j) {
      const std::string name = suite->GetTestInfo(j)->name();
      for (const char* k : {"Fires", "Silent", "Unchecked"})
        if (name.rfind(k, 0) == 0) kinds.insert(k);
    }
  }
  return out;
}

TEST(CheckTestsMeta, EveryCheckHasFiresSilentAndWhereItCanBailOutUncheckedCases) {
  const auto kinds = CaseKinds();
  const auto gaps = AnalysisGapCodes();
  std::string missing, bail_outs;
  int lacking = 0;
  for (const CheckDef* def : AllChecks()) {
    const std::string code(ToString(def->info.code));
    std::string error;
    const std::string why = BailOutReason(code, gaps, &error);
    if (!error.empty()) {
      ADD_FAILURE() << code << ": " << error;
      continue;
    }
    if (!why.empty()) bail_outs += "  " + code + ": " + why + "\n";
    std::vector<std::string> want = {"Fires", "Silent"};
    if (!why.empty()) want.push_back("Unchecked");
    std::vector<std::string> lacks;
    auto it = kinds.find(code);
    for (const auto& k : want)
      if (it == kinds.end() || !it->second.count(k)) lacks.push_back(k);
    if (!lacks.empty()) {
      ++lacking;
      missing += "  " + code + " lacks " + util::Join(lacks, ", ") + (why.empty() ? "" : " (" + why + ")") + "\n";
    }
  }
  EXPECT_EQ(lacking, 0) << lacking << " registered checks lack cases (TEST(<CODE>, Fires…), "
                        << "TEST(<CODE>, Silent…), TEST(<CODE>, Unchecked…)):\n" << missing;
  // Shown on success too, so a reviewer sees what was read from the code.
  std::cout << "checks that can bail out:\n" << bail_outs;
}

// A suite named like a code that no check has: a renamed or mistyped code, whose cases the
// test above would never count.
TEST(CheckTestsMeta, EverySuiteNamedLikeACodeNamesARegisteredCheck) {
  static const std::regex kCodeLike("[A-Z]+[0-9]{3}");
  for (const auto& [suite, kinds] : CaseKinds()) {
    if (!std::regex_match(suite, kCodeLike)) continue;
    EXPECT_NE(FindCheck(suite), nullptr) << "test suite " << suite << " names no registered check";
  }
}

// The reading of the code above finds what it must: a check whose own file reports gaps, one
// that reports them through a helper, one whose gaps the analysis records, and one that has
// none. If a refactoring moves the gaps where this reading does not look, this fails first.
TEST(CheckTestsMeta, BailOutIsReadFromTheCode) {
  const auto gaps = AnalysisGapCodes();
  std::string error;
  EXPECT_NE(BailOutReason("CAP002", gaps, &error), "");  // net/cap002_…: sink.Unchecked
  EXPECT_NE(BailOutReason("IAM004", gaps, &error), "");  // through iam_report.cpp
  EXPECT_NE(BailOutReason("FW006", gaps, &error), "");   // the tracer's Gap({"FW006", …})
  EXPECT_NE(BailOutReason("NET002", gaps, &error), "");  // analyze.cpp: no task definition
  EXPECT_EQ(BailOutReason("NET008", gaps, &error), "");
  EXPECT_EQ(error, "");
}

}  // namespace
}  // namespace fd::checks

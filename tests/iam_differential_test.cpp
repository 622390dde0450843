// The IAM engine (src/iam) against an independent implementation of AWS's documented evaluation
// logic, @cloud-copilot/iam-simulate (tools/iam-oracle, pinned by package-lock.json), over the
// generated corpus of tools/iam-oracle/gen_corpus.py. Every case must agree, except the few in
// kExclusions, each a place where AWS's documentation sides with us (docs/iam-differential.md).
// Without node or the npm package (offline machine) the test is SKIPPED, loudly, with the reason.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "testing/iam_corpus.h"

namespace fd {
namespace {

namespace fs = std::filesystem;
using testing::IamCase;
using testing::OracleAnswer;

/// Cases where the oracle departs from AWS's documentation; the reason names the page
/// (docs/iam-differential.md explains each). Keep this short.
struct Exclusion {
  const char* id;
  const char* reason;
};
const char* const kNotPrincipal = "NotPrincipal naming only the account does not exempt its roles";
const char* const kIfExistsOnSet = "...IfExists makes a set operator true when the key is absent";
const char* const kMixedIpFamily = "NotIpAddress: an IPv6 address is outside an IPv4 range";
const char* const kRcpServices = "RCPs govern only the services AWS lists as supporting them";
const Exclusion kExclusions[] = {
    {"resource-0076", kNotPrincipal}, {"resource-0224", kNotPrincipal},
    {"resource-0338", kNotPrincipal}, {"set-0119", kIfExistsOnSet},
    {"set-0149", kIfExistsOnSet},     {"set-0181", kIfExistsOnSet},
    {"cond-0491", kMixedIpFamily},    {"guard-0050", kRcpServices},
    {"guard-0102", kRcpServices},     {"guard-0108", kRcpServices},
    {"guard-0194", kRcpServices},     {"guard-0246", kRcpServices},
    {"guard-0265", kRcpServices},     {"guard-0322", kRcpServices},
    {"ecs-0197", kRcpServices},
};

const fs::path kSource = FD_SOURCE_DIR;
const fs::path kOracleDir = kSource / "tools/iam-oracle";
const fs::path kWork = fs::path(FD_BINARY).parent_path() / "iam-oracle";

int Run(const std::string& cmd, const fs::path& log) {
  return std::system((cmd + " >'" + log.string() + "' 2>&1").c_str());
}

std::string Tail(const fs::path& log, std::size_t max = 1500) {
  std::ifstream in(log);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  return s.size() > max ? "..." + s.substr(s.size() - max) : s;
}

std::string Slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string OracleDecision(iam::Decision d) {
  switch (d) {
    case iam::Decision::kAllowed: return "Allowed";
    case iam::Decision::kExplicitDeny: return "ExplicitlyDenied";
    case iam::Decision::kImplicitDeny: return "ImplicitlyDenied";
    case iam::Decision::kUnknown: return "Unknown";
  }
  return "?";
}

/// Installs the oracle if needed and writes corpus.jsonl and oracle.jsonl into kWork. Returns
/// an empty string on success, else why the test must be skipped ("SKIP: ...") or fail.
std::string Prepare() {
  fs::create_directories(kWork);
  if (Run("node --version", kWork / "node-version.log") != 0)
    return "SKIP: node is not installed (Debian: apt-get install nodejs npm; `make deps` does it)";
  const fs::path pkg = kOracleDir / "node_modules/@cloud-copilot/iam-simulate/package.json";
  // node_modules must hold exactly the versions package-lock.json pins.
  auto pinned = [&] {
    auto lock = nlohmann::json::parse(Slurp(kOracleDir / "package-lock.json"), nullptr, false);
    if (lock.is_discarded() || !lock.contains("packages")) return false;
    for (const auto& [path, entry] : lock["packages"].items()) {
      if (path.empty()) continue;
      auto installed = nlohmann::json::parse(Slurp(kOracleDir / path / "package.json"), nullptr, false);
      if (installed.is_discarded() || installed.value("version", "") != entry.value("version", "-"))
        return false;
    }
    return true;
  };
  if (!fs::exists(pkg) || !pinned()) {
    const fs::path log = kWork / "npm-ci.log";
    if (Run("cd '" + kOracleDir.string() + "' && npm ci --no-audit --no-fund --loglevel=error", log) != 0)
      return "SKIP: `npm ci` in tools/iam-oracle failed (no registry access?), so the oracle "
             "@cloud-copilot/iam-simulate is not installed:\n" + Tail(log);
    if (!fs::exists(pkg)) return "SKIP: npm ci ran but " + pkg.string() + " is missing";
  }
  const fs::path gen_log = kWork / "gen.log";
  if (Run(testing::IamCorpusCommand(kSource, kWork / "corpus.jsonl"), gen_log) != 0)
    return "FAIL: gen_corpus.py failed:\n" + Tail(gen_log);
  const fs::path oracle_log = kWork / "oracle.log";
  if (Run("node '" + (kOracleDir / "run_oracle.js").string() + "' '" + (kWork / "corpus.jsonl").string() +
              "' '" + (kWork / "oracle.jsonl").string() + "'",
          oracle_log) != 0)
    return "FAIL: run_oracle.js failed:\n" + Tail(oracle_log);
  return "";
}

std::string Describe(const IamCase& c, const nlohmann::json& raw, const OracleAnswer& want,
                     const iam::Result* got) {
  std::string s = c.id + ": oracle " + want.decision + ", engine ";
  if (!c.parse_error.empty()) return s + "PARSE ERROR " + c.parse_error + "\n  " + raw.dump() + "\n";
  s += got ? OracleDecision(got->decision) : "?";
  if (got) {
    s += " (layers: identity " + std::string(iam::LayerDecisionName(got->identity)) + ", resource " +
         std::string(iam::LayerDecisionName(got->resource)) + ", boundary " +
         std::string(iam::LayerDecisionName(got->permissions_boundary)) + ", scp " +
         std::string(iam::LayerDecisionName(got->organizations_scp)) + ", rcp " +
         std::string(iam::LayerDecisionName(got->resource_control_policy)) + ", endpoint " +
         std::string(iam::LayerDecisionName(got->endpoint)) + ")";
    for (const auto& m : got->deciding) s += " deciding " + m.policy_name + " " + m.Label();
    for (const auto& k : got->missing_context_values) s += " missing " + k;
  }
  std::string tags;
  for (const auto& t : c.tags) tags += t + " ";
  return s + "\n  tags: " + tags + "\n  " + raw.dump() + "\n";
}

TEST(IamDifferential, EngineAgreesWithIamSimulateOnTheCorpus) {
  const std::string prep = Prepare();
  if (prep.rfind("SKIP: ", 0) == 0) GTEST_SKIP() << "IAM DIFFERENTIAL TEST NOT RUN. " << prep.substr(6);
  ASSERT_TRUE(prep.empty()) << prep;

  std::vector<nlohmann::json> corpus, oracle_rows;
  std::string error;
  ASSERT_TRUE(testing::ReadJsonLines(kWork / "corpus.jsonl", corpus, error)) << error;
  ASSERT_TRUE(testing::ReadJsonLines(kWork / "oracle.jsonl", oracle_rows, error)) << error;
  const auto oracle = testing::ToOracleAnswers(oracle_rows);
  ASSERT_GE(corpus.size(), 2000u);

  std::map<std::string, std::string> excluded;
  for (const auto& e : kExclusions)
    excluded[e.id] = e.reason;

  std::map<std::string, int> tag_counts, outcome;
  std::vector<std::string> disagreements, stale_exclusions;
  std::size_t agree = 0, unknown_cases = 0, ignored_keys = 0;
  std::ofstream log(kWork / "disagreements.txt");
  for (const auto& raw : corpus) {
    const std::string id = raw.value("id", "");
    auto it = oracle.find(id);
    ASSERT_NE(it, oracle.end()) << "no oracle answer for " << id;
    const OracleAnswer& want = it->second;
    ASSERT_NE(want.decision, "Error") << id << ": the oracle rejected the case (fix the generator): "
                                      << want.error;
    ignored_keys += want.ignored_keys.size();
    IamCase c = testing::ConvertIamCase(raw, want.ignored_keys);
    for (const auto& t : c.tags) ++tag_counts[t];
    if (!c.unknown_keys.empty()) ++unknown_cases;

    std::optional<iam::Result> got;
    bool ok = false;
    if (c.parse_error.empty()) {
      got = iam::Evaluate(c.request, c.policies);
      const std::string g = OracleDecision(got->decision);
      ok = g == want.decision;
      // When the oracle's variants disagree, the engine must say unknown *and* name the key.
      if (ok && want.decision == "Unknown")
        for (const auto& k : c.unknown_keys)
          ok = ok && std::find(got->missing_context_values.begin(), got->missing_context_values.end(),
                               k) != got->missing_context_values.end();
    }
    ++outcome[want.decision + (ok ? " agree" : " DISAGREE")];
    const bool is_excluded = excluded.count(id) > 0;
    if (ok) {
      ++agree;
      if (is_excluded) stale_exclusions.push_back(id);
      continue;
    }
    const std::string d = Describe(c, raw, want, got ? &*got : nullptr);
    log << (is_excluded ? "EXCLUDED (" + excluded[id] + ") " : "") << d;
    if (!is_excluded) disagreements.push_back(d);
  }

  std::string summary = "IAM differential: " + std::to_string(corpus.size()) + " cases, " +
                        std::to_string(agree) + " agree, " + std::to_string(disagreements.size()) +
                        " disagree, " + std::to_string(excluded.size()) + " excluded; " +
                        std::to_string(unknown_cases) + " cases with unknown keys; " +
                        std::to_string(ignored_keys) + " context keys dropped as not applicable\n";
  for (const auto& [k, n] : outcome) summary += "  " + k + ": " + std::to_string(n) + "\n";
  std::ofstream(kWork / "coverage.txt") << [&] {
    std::string s = summary;
    for (const auto& [t, n] : tag_counts) s += t + " " + std::to_string(n) + "\n";
    return s;
  }();
  std::printf("%s", summary.c_str());

  // Coverage the corpus promises: every operator, set qualifier and policy type.
  for (const char* t : {"op:StringEquals", "op:StringNotEquals", "op:StringEqualsIgnoreCase",
                        "op:StringNotEqualsIgnoreCase", "op:StringLike", "op:StringNotLike",
                        "op:NumericEquals", "op:NumericNotEquals", "op:NumericLessThan",
                        "op:NumericLessThanEquals", "op:NumericGreaterThan", "op:NumericGreaterThanEquals",
                        "op:DateEquals", "op:DateNotEquals", "op:DateLessThan", "op:DateLessThanEquals",
                        "op:DateGreaterThan", "op:DateGreaterThanEquals", "op:Bool", "op:BinaryEquals",
                        "op:IpAddress", "op:NotIpAddress", "op:ArnEquals", "op:ArnLike", "op:ArnNotEquals",
                        "op:ArnNotLike", "op:Null", "mod:IfExists", "set:ForAnyValue", "set:ForAllValues",
                        "elem:Action", "elem:NotAction", "elem:Resource", "elem:NotResource",
                        "elem:Principal", "elem:NotPrincipal", "elem:policy-variable", "pt:identity",
                        "pt:resource", "pt:trust", "pt:boundary", "pt:scp", "pt:rcp", "pt:endpoint",
                        "rp:same-account", "rp:cross-account", "kms:key-policy", "ctx:unknown"})
    EXPECT_GE(tag_counts[t], 10) << "corpus covers " << t << " in only " << tag_counts[t] << " cases";

  for (const auto& id : stale_exclusions)
    ADD_FAILURE() << id << " is excluded in kExclusions but now agrees: drop the exclusion";
  std::string shown;
  for (std::size_t i = 0; i < disagreements.size() && i < 25; ++i) shown += disagreements[i];
  EXPECT_TRUE(disagreements.empty()) << disagreements.size() << " disagreements (all in "
                                     << (kWork / "disagreements.txt").string() << "); first ones:\n"
                                     << shown;
}

/// docs/iam-differential.md lists every exclusion with its reason.
TEST(IamDifferential, ExclusionsAreDocumented) {
  const std::string doc = Slurp(kSource / "docs/iam-differential.md");
  ASSERT_FALSE(doc.empty()) << "docs/iam-differential.md is missing";
  for (const auto& e : kExclusions)
    EXPECT_NE(doc.find(std::string("`") + e.id + "`"), std::string::npos) << e.id;
}

}  // namespace
}  // namespace fd

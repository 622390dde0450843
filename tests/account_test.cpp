// Account scale: tools/gen_account.py writes the 1x synthetic account (50 VPCs, 2,000+ subnets,
// 5,000 services with their task definitions, repositories, images, log groups, secrets and
// roles) in real AWS CLI shapes, with about one service in ten broken on its own resources, and
// a manifest of what each service should get. The diagnosis must find every broken service's
// code and leave the healthy ones without a blocker or warning. (Speed is measured in bench/,
// never here.)
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

namespace {

namespace fs = std::filesystem;

// Under the sanitizers, which run it 5 to 10 times slower, a fifth of the account: 1,000
// services with every kind of break still present (the threads and chunks are the same).
#ifdef FD_SANITIZED
constexpr const char* kScale = "0.2";
constexpr int kMinBroken = 60, kMinHealthy = 800;
#else
constexpr const char* kScale = "1";
constexpr int kMinBroken = 300, kMinHealthy = 4000;
#endif

std::string Slurp(FILE* f) {
  std::string out;
  char buf[1 << 16];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  return out;
}

TEST(AccountTest, GeneratedBrokenServicesAreFoundAndHealthyOnesClean) {
  char tmpl[] = "/tmp/fd-account-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  const fs::path dir = tmpl;
  const std::string gen = std::string("python3 ") + FD_SOURCE_DIR + "/tools/gen_account.py --scale " + kScale + " --seed 7 --out " +
                          dir.string();
  ASSERT_EQ(std::system(gen.c_str()), 0) << gen;

  FILE* p = popen((std::string(FD_BINARY) + " diagnose " + dir.string() + " --format json").c_str(), "r");
  ASSERT_NE(p, nullptr);
  const std::string out = Slurp(p);
  const int status = pclose(p);
  EXPECT_EQ(WEXITSTATUS(status), 1);  // broken services exist
  const auto report = nlohmann::json::parse(out, nullptr, false);
  ASSERT_FALSE(report.is_discarded());

  std::ifstream mf(dir / "manifest.json");
  const auto manifest = nlohmann::json::parse(mf)["fargateDoctorTestManifest"];
  std::map<std::string, std::set<std::string>> serious;  // target → codes at warning or above
  for (const auto& f : report["findings"])
    if (f["severity"] != "info") serious[f["target"].get<std::string>()].insert(f["code"].get<std::string>());

  int broken = 0, healthy = 0;
  std::set<std::string> kinds;  // the codes the generator's breaks should give
  for (const auto& [arn, expected] : manifest.items()) {
    if (expected.is_null()) {
      ++healthy;
      EXPECT_TRUE(serious[arn].empty()) << arn << " is healthy but got " << *serious[arn].begin();
    } else {
      ++broken;
      kinds.insert(expected.get<std::string>());
      EXPECT_TRUE(serious[arn].count(expected.get<std::string>()))
          << arn << " should get " << expected.get<std::string>();
    }
  }
  EXPECT_GT(broken, kMinBroken);
  EXPECT_GT(healthy, kMinHealthy);
  // Every kind of break the generator makes is present, network and resources alike.
  for (const char* code : {"FW001", "NET001", "NET002", "NET003", "FW006", "VPCE012", "IMG001",
                           "SEC001", "LOG001", "IAM006"})
    EXPECT_TRUE(kinds.count(code)) << "the generated account has no " << code << " break";
  EXPECT_EQ(report["targets"].size(), manifest.size());
  fs::remove_all(dir);
}

}  // namespace

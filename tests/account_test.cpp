// Account scale: tools/gen_account.py writes a synthetic account in real AWS CLI shapes with
// about one service in ten broken on its own resources, and a manifest of what each service
// should get. The diagnosis must find every broken service's code and leave the healthy ones
// without a blocker or warning. (Speed is measured in bench/, never here.)
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
  const std::string gen = std::string("python3 ") + FD_SOURCE_DIR + "/tools/gen_account.py --scale 0.2 --seed 7 --out " +
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
  for (const auto& [arn, expected] : manifest.items()) {
    if (expected.is_null()) {
      ++healthy;
      EXPECT_TRUE(serious[arn].empty()) << arn << " is healthy but got " << *serious[arn].begin();
    } else {
      ++broken;
      EXPECT_TRUE(serious[arn].count(expected.get<std::string>()))
          << arn << " should get " << expected.get<std::string>();
    }
  }
  EXPECT_GT(broken, 20);
  EXPECT_GT(healthy, 500);
  EXPECT_EQ(report["targets"].size(), manifest.size());
  fs::remove_all(dir);
}

}  // namespace

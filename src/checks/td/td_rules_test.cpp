// The Fargate CPU/memory table (docs/design/causes.md §1.5): every valid pair is accepted, its neighbours
// are rejected, Windows keeps only the 1/2/4 vCPU rows; cpu/memory text parsing; versions.
#include "checks/td/td_rules.h"

#include <gtest/gtest.h>

#include <set>
#include <utility>

namespace fd::checks::td {
namespace {

std::set<std::pair<int, int>> LinuxTable() {
  std::set<std::pair<int, int>> out;
  for (int m : {512, 1024, 2048}) out.insert({256, m});
  for (int m : {1024, 2048, 3072, 4096}) out.insert({512, m});
  for (int m = 2048; m <= 8192; m += 1024) out.insert({1024, m});
  for (int m = 4096; m <= 16384; m += 1024) out.insert({2048, m});
  for (int m = 8192; m <= 30720; m += 1024) out.insert({4096, m});
  for (int m = 16384; m <= 61440; m += 4096) out.insert({8192, m});
  for (int m = 32768; m <= 122880; m += 8192) out.insert({16384, m});
  return out;
}

TEST(TdRulesTest, TableHas74LinuxPairs) { EXPECT_EQ(LinuxTable().size(), 74u); }

TEST(TdRulesTest, EveryValidPairAcceptedAndNeighboursRejected) {
  const auto table = LinuxTable();
  const int cpus[] = {128, 256, 512, 768, 1024, 2048, 3072, 4096, 8192, 16384, 32768};
  for (int cpu : cpus) {
    for (int mem = 256; mem <= 131072; mem += 256) {
      bool want = table.count({cpu, mem}) > 0;
      EXPECT_EQ(IsValidFargatePair(cpu, mem, false), want) << cpu << "/" << mem;
      bool want_windows = want && cpu >= 1024 && cpu <= 4096;
      EXPECT_EQ(IsValidFargatePair(cpu, mem, true), want_windows) << "windows " << cpu << "/" << mem;
    }
  }
  for (const auto& [cpu, mem] : table) {
    EXPECT_FALSE(IsValidFargatePair(cpu, mem + 1, false));
    EXPECT_FALSE(IsValidFargatePair(cpu, mem - 1, false));
  }
  EXPECT_FALSE(IsValidFargatePair(32768, 245760, false));  // no 32 vCPU row
  EXPECT_TRUE(NeedsPlatform14Cpu(8192));
  EXPECT_TRUE(NeedsPlatform14Cpu(16384));
  EXPECT_FALSE(NeedsPlatform14Cpu(4096));
}

TEST(TdRulesTest, ParsesUnitsAndStrings) {
  EXPECT_EQ(ParseCpuUnits("1024"), 1024);
  EXPECT_EQ(ParseCpuUnits("1 vCPU"), 1024);
  EXPECT_EQ(ParseCpuUnits("0.25 vcpu"), 256);
  EXPECT_EQ(ParseCpuUnits(".5 vCPU"), 512);
  EXPECT_EQ(ParseCpuUnits("16vCPU"), 16384);
  EXPECT_EQ(ParseMemoryMiB("2048"), 2048);
  EXPECT_EQ(ParseMemoryMiB("2 GB"), 2048);
  EXPECT_EQ(ParseMemoryMiB("0.5GB"), 512);
  EXPECT_EQ(ParseMemoryMiB(" 30 gb "), 30720);
  for (const char* bad : {"", "vCPU", "one", "1.5", "-256", "256 MB", "1 vCPU x"})
    EXPECT_FALSE(ParseCpuUnits(bad).has_value()) << bad;
  for (const char* bad : {"", "GB", "1.0001 GB", "2 TB", "0"})
    EXPECT_FALSE(ParseMemoryMiB(bad).has_value()) << bad;
}

TEST(TdRulesTest, PlatformVersions) {
  EXPECT_EQ(ParsePlatformVersion("1.4.0"), (std::array<int, 3>{1, 4, 0}));
  EXPECT_FALSE(ParsePlatformVersion("LATEST").has_value());
  EXPECT_FALSE(ParsePlatformVersion("1.4").has_value());
  EXPECT_FALSE(ParsePlatformVersion("1.4.0.1").has_value());
  EXPECT_TRUE(IsKnownPlatformVersion("LATEST", false));
  EXPECT_TRUE(IsKnownPlatformVersion("1.3.0", false));
  EXPECT_FALSE(IsKnownPlatformVersion("1.5.0", false));
  EXPECT_FALSE(IsKnownPlatformVersion("1.4.0", true));
  EXPECT_TRUE(IsKnownPlatformVersion("1.0.0", true));
  analysis::Target t;
  t.platform_version = "1.3.0";
  EXPECT_EQ(LinuxPlatformBelow(t, {1, 4, 0}), true);
  t.platform_version = "1.4.0";
  EXPECT_EQ(LinuxPlatformBelow(t, {1, 4, 0}), false);
  t.windows = true;
  t.platform_version = "1.0.0";
  EXPECT_EQ(LinuxPlatformBelow(t, {1, 4, 0}), false);
}

}  // namespace
}  // namespace fd::checks::td

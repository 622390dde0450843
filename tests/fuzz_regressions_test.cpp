// Every input a fuzzer once crashed, hung or leaked on (tests/fuzz-regressions/<target>/) is
// replayed through the same target function in every build, so a fixed crash cannot come back;
// the sanitizer build (`make test-sanitize`) replays them with ASan and UBSan watching. The
// seeds of each target (tools/fuzz_seeds.py) are the scenario snapshots, which the scenario
// suite runs anyway; the hostile shapes below are kept as files too.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "fuzz/targets.h"

namespace {

namespace fs = std::filesystem;

TEST(FuzzRegressions, EveryReproducerRunsCleanThroughItsTarget) {
  const fs::path root = fs::path(FD_SOURCE_DIR) / "tests" / "fuzz-regressions";
  int replayed = 0;
  for (const fd::fuzz::Target& t : fd::fuzz::Targets()) {
    const fs::path dir = root / t.name;
    if (!fs::is_directory(dir)) continue;
    for (const auto& e : fs::directory_iterator(dir)) {
      if (!e.is_regular_file() || e.path().extension() == ".md") continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      const std::string data = text.str();
      SCOPED_TRACE(e.path().string());
      EXPECT_EQ(t.run(reinterpret_cast<const std::uint8_t*>(data.data()), data.size()), 0);
      ++replayed;
    }
  }
  std::cout << "[ fuzz ] " << replayed << " reproducers replayed\n";
  EXPECT_GT(replayed, 0) << "no reproducer under " << root;
}

TEST(FuzzRegressions, EveryFolderNamesATarget) {
  // A folder whose target was renamed would silently stop being replayed.
  const fs::path root = fs::path(FD_SOURCE_DIR) / "tests" / "fuzz-regressions";
  for (const auto& e : fs::directory_iterator(root)) {
    if (!e.is_directory()) continue;
    bool known = false;
    for (const fd::fuzz::Target& t : fd::fuzz::Targets()) known = known || e.path().filename() == t.name;
    EXPECT_TRUE(known) << e.path() << " names no target of fuzz/targets.h";
  }
}

}  // namespace

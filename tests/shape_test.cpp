// The sizes a reader can hold (docs/design/style.md): no source file in src/ over about 600
// lines and no function over about 80, outside the exemptions tools/shape.py names with their
// reason. The checker itself is shown to find both kinds on a tree built here.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "testing/shell.h"

namespace fd {
namespace {

namespace fs = std::filesystem;
using testing::Quote;
using testing::Shell;

std::string ShapeCommand(const std::string& args) {
  return "python3 " + Quote(std::string(FD_SOURCE_DIR) + "/tools/shape.py") + " --check " + args + " 2>&1";
}

TEST(SourceShape, EveryFileAndFunctionFitsAScreen) {
  std::string out;
  const int rc = Shell(ShapeCommand(""), &out);
  EXPECT_EQ(rc, 0) << "split these (or, for a data table, add it to EXEMPT with the reason):\n" << out;
}

TEST(SourceShape, TheCheckerFindsALongFileAndALongFunctionButNotATest) {
  const fs::path root = fs::temp_directory_path() / ("fd-shape-" + std::to_string(::getpid()));
  fs::create_directories(root / "src/x");
  {
    std::ofstream big(root / "src/x/big.cpp");
    big << "int Long(int a) {\n";
    for (int i = 0; i < 90; ++i) big << "  a += " << i << ";  // { brace in a comment\n";
    big << "  return a;\n}\n";
    for (int i = 0; i < 600; ++i) big << "// filler\n";
    std::ofstream small(root / "src/x/small.cpp");
    small << "int Short(int a) {\n  return a + 1;\n}\n";
    std::ofstream test(root / "src/x/big_test.cpp");
    for (int i = 0; i < 700; ++i) test << "// a test may be long\n";
  }
  std::string out;
  const int rc = Shell(ShapeCommand("--root " + Quote(root.string())), &out);
  fs::remove_all(root);
  EXPECT_EQ(rc, 1) << out;
  EXPECT_NE(out.find("x/big.cpp: 693 lines"), std::string::npos) << out;
  EXPECT_NE(out.find("x/big.cpp:1: function Long is 93 lines"), std::string::npos) << out;
  EXPECT_EQ(out.find("small.cpp"), std::string::npos) << out;
  EXPECT_EQ(out.find("big_test.cpp"), std::string::npos) << out;
}

}  // namespace
}  // namespace fd

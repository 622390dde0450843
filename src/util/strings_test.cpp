#include "util/strings.h"

#include <set>
#include <vector>

#include <gtest/gtest.h>

namespace fd::util {
namespace {

TEST(StringsTest, CaseIsAsciiOnly) {
  EXPECT_EQ(Lower("NET002 Ab-9"), "net002 ab-9");
  EXPECT_EQ(Upper("net002 ab-9"), "NET002 AB-9");
  EXPECT_EQ(Lower("\xC3\x89"), "\xC3\x89");  // "É" in UTF-8: bytes unchanged
  EXPECT_TRUE(IEquals("AccessDenied", "accessdenied"));
  EXPECT_FALSE(IEquals("AccessDenied", "AccessDenie"));
  EXPECT_FALSE(IEquals("a", "b"));
}

TEST(StringsTest, TrimRemovesWhiteSpaceAtBothEnds) {
  EXPECT_EQ(Trim("  subnet-1\t\n"), "subnet-1");
  EXPECT_EQ(Trim("a b"), "a b");
  EXPECT_EQ(Trim(" \t "), "");
  EXPECT_EQ(Trim(""), "");
}

TEST(StringsTest, JoinTakesAnyRange) {
  EXPECT_EQ(Join(std::vector<std::string>{"a", "b", "c"}, ", "), "a, b, c");
  EXPECT_EQ(Join(std::set<std::string>{"b", "a"}, ","), "a,b");
  EXPECT_EQ(Join(std::vector<std::string>{}, ","), "");
}

TEST(StringsTest, ShellQuoting) {
  EXPECT_EQ(SingleQuote("a b"), "'a b'");
  EXPECT_EQ(SingleQuote("it's"), "'it'\\''s'");
  EXPECT_EQ(SingleQuote("plain"), "'plain'");
  EXPECT_EQ(ShellWord("arn:aws:iam::111122223333:role/x"), "arn:aws:iam::111122223333:role/x");
  EXPECT_EQ(ShellWord("--query=a,b"), "--query=a,b");
  EXPECT_EQ(ShellWord(""), "''");
  EXPECT_EQ(ShellWord("{\"a\":1}"), "'{\"a\":1}'");
}

}  // namespace
}  // namespace fd::util

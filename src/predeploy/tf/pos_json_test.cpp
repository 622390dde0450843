#include "predeploy/tf/pos_json.h"

#include <gtest/gtest.h>

#include <string>

namespace fd::predeploy::tf {
namespace {

// Line and column of a position, for compact expectations.
std::pair<int, int> LC(const SourcePos& pos) { return {pos.line, pos.column}; }

TEST(PosJson, EveryValueAndMemberNameKnowsWhereItStarts) {
  const std::string text =
      "{\n"
      "  \"a\": [1, -2.5e3, true, false, null],\n"
      "  \"b\\\"q\": \"x\\\"y\",\n"
      "  \"c\": {\"d\": 12}\n"
      "}";
  auto doc = PosJson::Parse(text, "p.json");
  ASSERT_TRUE(doc) << doc.error().message;
  const PosNode& root = doc->root();
  EXPECT_EQ(LC(doc->PosOf(root)), std::make_pair(1, 1));
  const PosNode& a = *root.Find("a");
  EXPECT_EQ(LC(doc->KeyPosOf(a)), std::make_pair(2, 3));
  EXPECT_EQ(LC(doc->PosOf(a)), std::make_pair(2, 8));
  ASSERT_EQ(a.items.size(), 5u);
  EXPECT_EQ(LC(doc->PosOf(a.items[0])), std::make_pair(2, 9));
  EXPECT_EQ(LC(doc->PosOf(a.items[1])), std::make_pair(2, 12));
  EXPECT_EQ(a.items[1].text, "-2.5e3");
  EXPECT_EQ(LC(doc->PosOf(a.items[2])), std::make_pair(2, 20));
  EXPECT_EQ(LC(doc->PosOf(a.items[3])), std::make_pair(2, 26));
  EXPECT_EQ(LC(doc->PosOf(a.items[4])), std::make_pair(2, 33));
  // Escaped quotes inside a member name and a string do not end them early.
  const PosNode& b = root.items[1];
  EXPECT_EQ(b.key, "b\"q");
  EXPECT_EQ(b.text, "x\"y");
  EXPECT_EQ(LC(doc->KeyPosOf(b)), std::make_pair(3, 3));
  EXPECT_EQ(LC(doc->PosOf(b)), std::make_pair(3, 11));
  const PosNode& d = *root.Find("c")->Find("d");
  EXPECT_EQ(d.integer, 12);
  EXPECT_EQ(LC(doc->PosOf(d)), std::make_pair(4, 14));
  EXPECT_EQ(doc->PosOf(d).file, "p.json");
}

TEST(PosJson, ANumberEndingTheTextStartsWhereItIsWritten) {
  auto doc = PosJson::Parse("  42", "n.json");
  ASSERT_TRUE(doc);
  EXPECT_EQ(LC(doc->PosOf(doc->root())), std::make_pair(1, 3));
}

TEST(PosJson, InvalidJsonNamesFileLineAndColumn) {
  auto doc = PosJson::Parse("{\n  \"a\": [1,\n  }", "bad.json");
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().code, ErrorCode::kInvalidJson);
  EXPECT_EQ(doc.error().message.rfind("bad.json:3:3: invalid JSON: ", 0), 0u)
      << doc.error().message;
}

TEST(PosJson, NestingDeeperThanTheBoundIsRefusedWithoutRecursion) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  auto doc = PosJson::Parse(deep, "deep.json");
  ASSERT_FALSE(doc);
  EXPECT_NE(doc.error().message.find("nested deeper than 256 levels"), std::string::npos)
      << doc.error().message;
  const std::string fits = std::string(200, '[') + std::string(200, ']');
  EXPECT_TRUE(PosJson::Parse(fits, "fits.json"));
}

TEST(PosJson, FindReturnsTheFirstOfDuplicatedMembers) {
  auto doc = PosJson::Parse(R"({"k": 1, "k": 2})", "dup.json");
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->root().Find("k")->integer, 1);
  EXPECT_EQ(doc->root().Find("missing"), nullptr);
}

}  // namespace
}  // namespace fd::predeploy::tf

#include "predeploy/cfn/document.h"

#include <gtest/gtest.h>

#include <string>

namespace fd::predeploy::cfn {
namespace {

Node Parse(const std::string& text) {
  auto doc = ParseDocument(text, "t.yml");
  EXPECT_TRUE(doc.has_value()) << (doc ? "" : doc.error().message);
  return doc ? doc->root : Node{};
}

std::string ErrorOf(const std::string& text, const Limits& limits = {}) {
  auto doc = ParseDocument(text, "t.yml", limits);
  return doc ? "(parsed)" : doc.error().message;
}

// The single member of a one-key map: the long form of a short-form tag.
const Node& Only(const Node& n, const std::string& key) {
  static const Node kNone;
  if (!n.IsMap() || n.members.size() != 1 || n.members[0].key != key) {
    ADD_FAILURE() << "expected {" << key << ": ...}";
    return kNone;
  }
  return n.members[0].value;
}

TEST(CfnDocument, ShortFormTagsBecomeTheLongForm) {
  const Node root = Parse(
      "a: !Ref Vpc\n"
      "b: !GetAtt Vpc.CidrBlock\n"
      "c: !GetAtt [Child, Outputs.Subnets]\n"
      "d: !GetAtt Child.Outputs.Subnets\n"
      "e: !Sub '${AWS::StackName}-x'\n"
      "f: !Join [',', [a, b]]\n"
      "g: !If [IsProd, !Ref A, !Ref 'AWS::NoValue']\n"
      "h: !Condition IsProd\n"
      "i: !GetAZs ''\n");
  EXPECT_EQ(Only(*root.Find("a"), "Ref").text, "Vpc");
  const Node& b = Only(*root.Find("b"), "Fn::GetAtt");
  ASSERT_EQ(b.items.size(), 2u);
  EXPECT_EQ(b.items[0].text, "Vpc");
  EXPECT_EQ(b.items[1].text, "CidrBlock");
  const Node& c = Only(*root.Find("c"), "Fn::GetAtt");
  ASSERT_EQ(c.items.size(), 2u);
  EXPECT_EQ(c.items[1].text, "Outputs.Subnets");
  // A dotted attribute splits at the first dot only: Child . Outputs.Subnets
  const Node& d = Only(*root.Find("d"), "Fn::GetAtt");
  ASSERT_EQ(d.items.size(), 2u);
  EXPECT_EQ(d.items[0].text, "Child");
  EXPECT_EQ(d.items[1].text, "Outputs.Subnets");
  EXPECT_EQ(Only(*root.Find("e"), "Fn::Sub").text, "${AWS::StackName}-x");
  EXPECT_EQ(Only(*root.Find("f"), "Fn::Join").items.size(), 2u);
  const Node& g = Only(*root.Find("g"), "Fn::If");
  ASSERT_EQ(g.items.size(), 3u);
  EXPECT_EQ(Only(g.items[2], "Ref").text, "AWS::NoValue");
  EXPECT_EQ(Only(*root.Find("h"), "Condition").text, "IsProd");
  EXPECT_EQ(Only(*root.Find("i"), "Fn::GetAZs").text, "");
}

TEST(CfnDocument, EveryShortFormTagIsKnown) {
  for (const char* tag : {"Base64", "Cidr", "FindInMap", "ImportValue", "Select", "Split",
                          "Transform", "And", "Equals", "Not", "Or"}) {
    const Node root = Parse(std::string("a: !") + tag + " [x]\n");
    EXPECT_EQ(Only(*root.Find("a"), std::string("Fn::") + tag).items.size(), 1u) << tag;
  }
  EXPECT_EQ(ErrorOf("a: !Bogus x\n"), "t.yml:1:4: unknown tag !Bogus");
}

TEST(CfnDocument, KeepsLinesColumnsAndQuoting) {
  const Node root = Parse("Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Port: '80'\n    N: 80\n");
  const Node* type = root.Find("Resources")->Find("Vpc")->Find("Type");
  EXPECT_EQ(type->line, 3);
  EXPECT_EQ(type->column, 11);
  EXPECT_TRUE(root.Find("Resources")->Find("Vpc")->Find("Port")->quoted);
  EXPECT_FALSE(root.Find("Resources")->Find("Vpc")->Find("N")->quoted);
}

TEST(CfnDocument, ReadsJsonWithPositions) {
  const Node root = Parse("{\n  \"Resources\": {\"Vpc\": {\"Type\": \"AWS::EC2::VPC\",\n"
                          "    \"Properties\": {\"CidrBlock\": \"10.0.0.0/16\", \"N\": 1}}}}\n");
  const Node* cidr = root.Find("Resources")->Find("Vpc")->Find("Properties")->Find("CidrBlock");
  ASSERT_NE(cidr, nullptr);
  EXPECT_EQ(cidr->text, "10.0.0.0/16");
  EXPECT_EQ(cidr->line, 3);
  EXPECT_EQ(cidr->column, 33);
  EXPECT_TRUE(cidr->quoted);
}

TEST(CfnDocument, SyntaxErrorsNameFileLineAndColumn) {
  EXPECT_EQ(ErrorOf("a: [1, 2\nb: 3\n").substr(0, 6), "t.yml:");
  const std::string json = ErrorOf("{\n  \"a\": 1,\n  \"b\" 2\n}\n");
  EXPECT_EQ(json.rfind("t.yml:3:", 0), 0u) << json;
}

TEST(CfnDocument, DuplicateKeysAreAnError) {
  EXPECT_EQ(ErrorOf("a: 1\nb: 2\na: 3\n"), "t.yml:3:1: duplicate key 'a'");
  // Past the size where keys are looked up in a set rather than scanned.
  std::string many;
  for (int i = 0; i < 40; ++i) many += "k" + std::to_string(i) + ": 1\n";
  EXPECT_EQ(ErrorOf(many + "k3: 2\n"), "t.yml:41:1: duplicate key 'k3'");
  EXPECT_EQ(ErrorOf(many), "(parsed)");
}

TEST(CfnDocument, DeepNestingIsRefusedNotOverflowed) {
  EXPECT_EQ(ErrorOf(std::string(100000, '[')).find("nested deeper than 200 levels"),
            std::string("t.yml:1:201: ").size())
      << ErrorOf(std::string(100000, '['));
  std::string ok(150, '[');
  ok += std::string(150, ']');
  EXPECT_EQ(ErrorOf(ok), "(parsed)");
}

TEST(CfnDocument, AliasBombIsRefused) {
  // Nine levels of ten aliases each: 10^9 nodes if expanded.
  std::string bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 10; ++i) {
    const std::string prev = "*a" + std::to_string(i - 1);
    bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) bomb += (j ? ", " : "") + prev;
    bomb += "]\n";
  }
  EXPECT_NE(ErrorOf(bomb).find("YAML aliases expand to more than 1000000 nodes"),
            std::string::npos)
      << ErrorOf(bomb);
  // A few aliases are fine, and copy what they name.
  const Node root = Parse("a: &x {k: v}\nb: *x\n");
  EXPECT_EQ(root.Find("b")->Find("k")->text, "v");
}

TEST(CfnDocument, SizeIsBounded) {
  Limits small;
  small.max_bytes = 100;
  EXPECT_EQ(ErrorOf("a: " + std::string(200, 'x') + "\n", small), "t.yml: larger than 100 bytes");
  // A huge scalar within the limit is read whole.
  const std::string big(5'000'000, 'x');
  EXPECT_EQ(Parse("a: " + big + "\n").Find("a")->text.size(), big.size());
}

TEST(CfnDocument, OneDocumentOnly) {
  EXPECT_NE(ErrorOf("a: 1\n---\nb: 2\n").find("more than one YAML document"), std::string::npos);
}

TEST(CfnDocument, ComplexKeysAreRefused) {
  EXPECT_NE(ErrorOf("? [a, b]\n: 1\n").find("not a plain string"), std::string::npos);
}

}  // namespace
}  // namespace fd::predeploy::cfn

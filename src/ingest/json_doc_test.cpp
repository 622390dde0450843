// JsonDoc::Parse has a fast parser of its own and falls back to nlohmann-json's SAX parser
// (ParseReference) for whatever the fast one does not accept. The fast parser must read every
// valid document exactly as the reference does and must never accept an invalid one: both are
// checked here, on a table of edge cases written from RFC 8259 and on every real AWS output in
// the corpus and the scenario snapshots.
#include "ingest/json_doc.h"
#include "testing/shared_corpus.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fd::ingest {
namespace {

namespace fs = std::filesystem;

/// "" when the two values are the same; otherwise where and how they differ.
std::string Diff(const JsonValue& a, const JsonValue& b, const std::string& where) {
  if (a.kind() != b.kind()) return where + ": kind " + a.KindName() + " vs " + b.KindName();
  if (a.Key() != b.Key())
    return where + ": key '" + std::string(a.Key()) + "' vs '" + std::string(b.Key()) + "'";
  if (a.String() != b.String()) return where + ": string differs";
  if (a.IsBool() && a.Bool() != b.Bool()) return where + ": boolean differs";
  if (a.NumberText() != b.NumberText())
    return where + ": number " + a.NumberText() + " vs " + b.NumberText();
  if (a.Size() != b.Size()) return where + ": size differs";
  std::vector<JsonValue> ca, cb;
  a.ForEachChild([&](JsonValue c) { ca.push_back(c); });
  b.ForEachChild([&](JsonValue c) { cb.push_back(c); });
  for (size_t i = 0; i < ca.size(); ++i)
    if (std::string d = Diff(ca[i], cb[i], where + "/" + std::to_string(i)); !d.empty()) return d;
  return "";
}

/// Parses with both parsers and says how they disagree ("" when they agree).
std::string Compare(const std::string& text) {
  auto fast = JsonDoc::Parse(text, "t.json");
  auto reference = JsonDoc::ParseReference(text, "t.json");
  if (fast.has_value() != reference.has_value())
    return std::string("fast ") + (fast ? "accepts" : "rejects") + ", reference " +
           (reference ? "accepts" : "rejects");
  if (!fast) {
    // Errors are always worded by the reference parser.
    if (fast.error().message != reference.error().message)
      return "error '" + fast.error().message + "' vs '" + reference.error().message + "'";
    return "";
  }
  return Diff(fast->root(), reference->root(), "");
}

TEST(JsonDocTest, FastParserAgreesWithReferenceOnEdgeCases) {
  const char* cases[] = {
      // valid
      "{}", "[]", " \t\r\n{ \"a\" : [ 1 , 2 ] } \n", "0", "-0", "12", "-12", "1.5", "-1.5e3",
      "1E+2", "1e-2", "0.0", "18446744073709551615", "-9223372036854775808",
      "18446744073709551616", "-9223372036854775809", "1e400", "true", "false", "null",
      R"("")", R"("a\"b\\c\/d\b\f\n\r\t")", R"("\u0041\u00e9\u20ac\ud83d\ude00")", R"("\u0000")",
      "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"", R"({"a":{"b":{"c":[[],{}]}}})",
      R"({"dup":1,"dup":2})", R"([1,"x",true,null,{"k":"v"},[2.50]])",
      "\xef\xbb\xbf{\"bom\":1}",
      // invalid
      "", " ", "{", "}", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "[01]", "[1.]", "[.5]",
      "[1e]", "[-]", "[+1]", "tru", "nul", "[true false]", "{} {}", "\"abc", "\"a\x01\"",
      R"("\x")", R"("\u12")", R"("\ud800")", R"("\udc00")", R"("\ud800\u0041")", "\"\xc3\"",
      "\"\xc0\xaf\"", "\"\xed\xa0\x80\"", "\"\xf4\x90\x80\x80\"", "\"\xff\"", "[1]x", "NaN",
      "[Infinity]", "{\"a\":1}}", "[[[[",
  };
  for (const char* c : cases) EXPECT_EQ(Compare(c), "") << "input: " << c;
}

TEST(JsonDocTest, FloatsKeepTheirTextAndReadAsIntegersOnlyWhenIntegral) {
  // A float keeps only its literal text and is read again when asked for an integer.
  auto doc = JsonDoc::Parse(R"({"a":256.0,"b":1.5,"c":-3e2,"d":1e10,"e":2.0E0})", "f.json");
  ASSERT_TRUE(doc.has_value());
  auto at = [&](const char* k) { return *doc->root().Find(k); };
  EXPECT_EQ(at("a").AsInt(), 256);
  EXPECT_EQ(at("a").NumberText(), "256.0");
  EXPECT_EQ(at("b").AsInt(), std::nullopt);
  EXPECT_EQ(at("c").AsInt(), -300);
  EXPECT_EQ(at("d").AsInt(), std::nullopt);  // beyond int
  EXPECT_EQ(at("e").AsInt(), 2);
}

TEST(JsonDocTest, DumpIsCompactJsonInDocumentOrder) {
  const std::string text = R"({"b":["x\"y\\z\n\u0001",true,null,-2,1.50],"a":{"k\tq":"caf\u00e9"}})";
  auto doc = JsonDoc::Parse(text, "d.json");
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(doc->root().Dump(),
            "{\"b\":[\"x\\\"y\\\\z\\n\\u0001\",true,null,-2,1.50],\"a\":{\"k\\tq\":\"caf\xc3\xa9\"}}");
}

TEST(JsonDocTest, DumpWritesEmptyAndNestedContainersOfAnySubtree) {
  const std::string text = R"({"e":{},"f":[],"g":[[],[{}],{"h":[1,[2,{"i":{}}]]}],"j":0})";
  auto doc = JsonDoc::Parse(text, "d.json");
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(doc->root().Dump(), text);
  EXPECT_EQ(doc->root().Find("g")->Dump(), R"([[],[{}],{"h":[1,[2,{"i":{}}]]}])");
  EXPECT_EQ(doc->root().Find("j")->Dump(), "0");
}

TEST(JsonDocTest, DumpOfAHundredThousandNestedArraysDoesNotRecurse) {
  // A hostile policy nests this deep; a recursive dump overflowed the stack here.
  std::string deep = "{\"p\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
  auto doc = JsonDoc::Parse(deep, "deep.json");
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(doc->root().Dump(), deep);
}

TEST(JsonDocTest, DeepNestingFallsBackAndStillParses) {
  std::string deep(1000, '[');
  deep += std::string(1000, ']');
  EXPECT_EQ(Compare(deep), "");
  EXPECT_TRUE(JsonDoc::Parse(deep, "deep.json").has_value());
}

TEST(JsonDocTest, FastParserAgreesWithReferenceOnEveryRealFile) {
  int files = 0;
  for (const std::string& dir : {fd::testing::CorpusPath("aws-json"),
                                std::string(FD_SOURCE_DIR "/tests/scenarios")}) {
    if (!fs::exists(dir)) continue;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
      if (e.path().extension() != ".json") continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream buf;
      buf << in.rdbuf();
      EXPECT_EQ(Compare(buf.str()), "") << e.path();
      ++files;
    }
  }
  // The scenarios alone hold more than 1,000 files; the corpus adds real AWS output when beside.
  EXPECT_GT(files, 1000);
  if (!fd::testing::HasCorpus("aws-json"))
    GTEST_SKIP() << fd::testing::MissingCorpus("aws-json", "the fast parser on real AWS output")
                 << " (the " << files << " scenario files were checked)";
}

}  // namespace
}  // namespace fd::ingest

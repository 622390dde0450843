// A JSON document whose every value remembers where it was written. A Terraform plan has no
// template lines, so the place of a resource's entry in the plan file is what a finding can
// point at; nlohmann-json's DOM keeps no positions, so this tree is built from nlohmann's SAX
// parser through an input iterator that publishes how far the lexer has read
// (docs/design/predeploy-terraform.md measures this against yaml-cpp, which reads JSON with marks).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "predeploy/value.h"
#include "util/error.h"

namespace fd::predeploy::tf {

enum class JsonKind : std::uint8_t { kNull, kBool, kInt, kFloat, kString, kArray, kObject };

// One value. Children of arrays and objects are held in `items`; for objects each child's `key`
// is its member name (document order, duplicates kept: Find returns the first).
struct PosNode {
  JsonKind kind = JsonKind::kNull;
  bool boolean = false;
  std::int64_t integer = 0;  // kInt (an unsigned beyond int64 is read as a float)
  double number = 0;         // kFloat
  std::string text;          // kString: the content; kFloat: the number as written
  std::string key;
  // Byte offsets: where the lexer stood just after this value's first token (one past the `{` or
  // `[` of a container; one past a scalar, or two past a number) and after its member name.
  std::uint32_t end = 0;
  std::uint32_t key_end = 0;
  std::vector<PosNode> items;

  bool IsObject() const { return kind == JsonKind::kObject; }
  bool IsArray() const { return kind == JsonKind::kArray; }
  bool IsString() const { return kind == JsonKind::kString; }
  bool IsBool() const { return kind == JsonKind::kBool; }
  bool IsNull() const { return kind == JsonKind::kNull; }
  // The first member `name` of an object; nullptr when absent or not an object.
  const PosNode* Find(std::string_view name) const;
  // The member `name` when it is a string, else "".
  std::string_view StringAt(std::string_view name) const;
  // "an object", "a string", ...: what notes say was found instead.
  const char* KindName() const;
};

// The document, its text and the table that turns byte offsets into lines and columns.
class PosJson {
 public:
  // Deeper nesting than this is refused: the readers walk the tree recursively, and no plan
  // nests a tenth as deep (a resource's values sit 6 levels down; nested blocks add 2 each).
  static constexpr int kMaxDepth = 256;
  // Larger files are refused before parsing: offsets are 32-bit, and a generated
  // 5,000-resource plan is 7.7 MB (real plans list more attributes, a few times that).
  static constexpr std::size_t kMaxBytes = std::size_t{1} << 30;

  // Parses `text` (copied). Errors: kInvalidJson, "<file>:<line>:<column>: invalid JSON: why".
  static Expected<PosJson> Parse(std::string_view text, std::string file);

  const PosNode& root() const { return root_; }
  const std::string& file() const { return file_; }
  // Where `node` starts (its first character), and where its member name starts.
  SourcePos PosOf(const PosNode& node) const;
  SourcePos KeyPosOf(const PosNode& node) const;
  // 1-based line and column of a byte offset; columns count bytes, as SARIF's default does.
  SourcePos At(std::size_t offset) const;

 private:
  std::size_t TokenStart(const PosNode& node) const;

  std::string file_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
  PosNode root_;
};

}  // namespace fd::predeploy::tf

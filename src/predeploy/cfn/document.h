// A CloudFormation template (or CDK manifest, or parameter file) as a located tree: every node
// keeps the line and column it was written at, so a finding can point at the template line.
// YAML and JSON are read by the same yaml-cpp event parser (JSON is YAML 1.2 flow syntax), and
// YAML short-form tags become the long form CloudFormation documents (`!Ref X` is {Ref: X},
// `!GetAtt A.B` is {Fn::GetAtt: [A, B]}), so nothing after this file knows about tags.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "predeploy/value.h"
#include "util/error.h"

namespace fd::predeploy::cfn {

struct Node {
  enum class Kind : std::uint8_t { kNull, kScalar, kList, kMap };
  Kind kind = Kind::kNull;
  // A scalar written in quotes is text even when it reads `true` or `10`.
  bool quoted = false;
  int line = 0;    // 1-based; 0 when made up (never by the reader)
  int column = 0;  // 1-based
  std::string text;                                   // kScalar
  std::vector<Node> items;                            // kList
  struct Member;
  std::vector<Member> members;  // kMap, in source order, keys unique

  bool IsNull() const { return kind == Kind::kNull; }
  bool IsScalar() const { return kind == Kind::kScalar; }
  bool IsList() const { return kind == Kind::kList; }
  bool IsMap() const { return kind == Kind::kMap; }
  // The member `key` of a map, or nullptr (also when this is not a map). Linear: maps that are
  // looked up often (Resources, Parameters, ...) are indexed by the template model.
  const Node* Find(std::string_view key) const;
  // A scalar's text, or nullptr.
  const std::string* Text() const { return kind == Kind::kScalar ? &text : nullptr; }
};

// Not std::pair: clang 14 cannot instantiate a pair of Node while Node is incomplete.
struct Node::Member {
  std::string key;
  Node value;
};

// What hostile input may cost. The defaults hold any real template (CloudFormation itself
// accepts 1 MB through S3) with a wide margin, and bound a billion-laughs document.
struct Limits {
  std::size_t max_bytes = 32u << 20;
  int max_depth = 200;
  // Nodes copied by expanding YAML aliases: each `*a` copies what `&a` names, so nested
  // aliases grow exponentially with the text.
  std::size_t max_alias_nodes = 1'000'000;
};

struct Document {
  std::string file;
  Node root;
};

// Parses YAML or JSON text. Errors name `file`, line and column: syntax, duplicate keys (as
// CloudFormation rejects them), unknown tags, and exceeded limits.
Expected<Document> ParseDocument(std::string_view text, const std::string& file,
                                 const Limits& limits = {});
// Reads and parses a file (refusing one larger than the limit before reading it).
Expected<Document> ReadDocument(const std::string& path, const Limits& limits = {});

// The position of a node of `doc`'s file.
inline SourcePos PosOf(const std::string& file, const Node& n) {
  return SourcePos{file, n.line, n.column};
}

}  // namespace fd::predeploy::cfn

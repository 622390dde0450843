#pragma once
/// Ingest-internal: a read-only cursor into one parsed AWS CLI document (a JsonDoc). A Node knows
/// the RFC 6901 pointer of the value it looks at, so every entity can keep a SourceRef, and it
/// turns missing or mistyped fields into input notes. Pointers are built lazily from the parent
/// chain, because most nodes are read and dropped without ever needing their pointer.
///
/// A Node refers to its parent: it must not outlive the Node it was obtained from.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/json_doc.h"
#include "model/model.h"
#include "util/source_ref.h"

namespace fd::ingest {

/// What one input file brings besides its JSON: the name reports show, and the region and
/// account hints from its envelope or its folders (docs/design/inputs.md §1).
struct FileContext {
  model::ModelSink* builder = nullptr;
  std::string file;          ///< relative, '/'-separated
  std::string region_hint;   ///< envelope region, else a region-named folder; "" when none
  std::string account_hint;  ///< from an accounts/<12 digits>/ folder; "" when none
  /// Every Region the file names (its hint, ARNs, zones), shared by the copies an envelope
  /// makes; the snapshot's Regions are the union, which settles outputs that name none.
  std::vector<std::string>* regions_named = nullptr;

  /// Records `region` among the file's Regions ("" is ignored).
  void Named(const std::string& region) const;

  void Note(std::string pointer, std::string text) const {
    builder->AddNote(InputNote{file, std::move(pointer), std::move(text)});
  }
  /// The entity's region: its own ARN, else its availability zone name, else the file's hint.
  std::string Region(const std::string& arn, const std::string& zone = {}) const;
  /// The entity's account: an explicit owner id, else its ARN, else the folder hint.
  std::string Account(const std::string& owner_id, const std::string& arn = {}) const;
};

class Node {
 public:
  Node(JsonValue value, const FileContext& ctx) : value_(value), ctx_(&ctx) {}
  Node(JsonValue value, const Node& parent, std::string_view key)
      : value_(value), parent_(&parent), key_(key), ctx_(parent.ctx_) {}
  Node(JsonValue value, const Node& parent, size_t index)
      : value_(value), parent_(&parent), index_(index), is_index_(true), ctx_(parent.ctx_) {}

  JsonValue value() const { return value_; }
  const FileContext& ctx() const { return *ctx_; }
  model::ModelSink& builder() const { return *ctx_->builder; }

  /// RFC 6901 pointer from the document root ("" for the root itself).
  std::string Pointer() const;
  SourceRef Source() const { return SourceRef{ctx_->file, Pointer()}; }
  void Note(std::string text) const { ctx_->Note(Pointer(), std::move(text)); }
  /// A note about member `key` of this object.
  void NoteAt(std::string_view key, std::string text) const;

  /// The member `key` when present and not null.
  std::optional<Node> Get(std::string_view key) const;
  /// The member `key` when it is an object; a note when it has another type.
  std::optional<Node> Object(std::string_view key) const;

  /// A string member; "" when absent or null, and a note when it has another type.
  std::string Str(std::string_view key) const;
  std::optional<bool> Bool(std::string_view key) const;
  /// An integer member. Integral JSON numbers and decimal strings ("256") are accepted.
  std::optional<int> Int(std::string_view key) const;
  /// A string, or a number turned into its decimal text (task definition cpu/memory).
  std::string StrOrNumber(std::string_view key) const;
  /// An array of strings; other items are noted and skipped.
  std::vector<std::string> Strings(std::string_view key) const;
  /// `key` is an array of objects: the string `field` of each (Groups[].GroupId).
  std::vector<std::string> Plucked(std::string_view key, std::string_view field) const;

  /// Calls f(Node) for each item of this array; a note when this is not an array.
  template <typename F>
  void Items(F&& f) const {
    if (!value_.IsArray()) {
      Note(std::string("expected an array, found ") + value_.KindName());
      return;
    }
    size_t i = 0;
    value_.ForEachChild([&](JsonValue item) { f(Node(item, *this, i++)); });
  }

  /// Calls f(Node) for each item of the array member `key`; nothing when absent.
  template <typename F>
  void Each(std::string_view key, F&& f) const {
    if (auto member = Get(key)) member->Items(std::forward<F>(f));
  }

 private:
  JsonValue value_;
  const Node* parent_ = nullptr;
  std::string_view key_;  ///< points into the document's arena or a literal
  size_t index_ = 0;
  bool is_index_ = false;
  const FileContext* ctx_;
};

/// True for names shaped like an AWS region: ^[a-z]{2}(-[a-z]+)+-[0-9]+$ ("us-east-1",
/// "us-gov-west-1", "ap-southeast-2").
bool LooksLikeRegion(std::string_view s);

/// Parses an IP protocol as AWS writes it ("-1", "tcp", "6", 6) into its number; -1 is "all".
std::optional<int> ParseProtocol(JsonValue value);
/// The same for text ("-1", "all", "tcp", "udp", "icmp", "icmpv6", "0"-"255"), as templates and
/// plans write it too (lower-case it first: they accept any case).
std::optional<int> ParseProtocolText(std::string_view s);

/// True when a list item is an object; otherwise notes "<what> item is not an object, skipped"
/// on it, so readers skip bad items with a note instead of failing the file.
bool IsObjectItem(const Node& item, std::string_view what);

/// A timestamp as text: epoch numbers (CLI v1) keep their number text, ISO strings (CLI v2)
/// stay as written; "" when the key is absent.
std::string TimeText(const Node& owner, std::string_view key);

}  // namespace fd::ingest

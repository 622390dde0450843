#pragma once
/// Ingest-internal: a parsed JSON document held in two flat buffers, one array of value slots
/// and one arena of string bytes. The nlohmann DOM is not used because building and freeing one
/// heap node per value cost three times the parse itself on large snapshots (a 77 MB describe-*
/// set: 1.2 s to build, 1.0 s to free; this document: 0.65 s and nothing). A strict
/// recursive-descent parser (json_fast_parser.cpp) fills the slots straight from the text,
/// pointing into it for strings without escapes; anything it does not accept goes to
/// nlohmann-json's SAX parser, which decides and words every error (json_doc.cpp). Values are read-only and addressed by
/// index; objects keep document order.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace fd::ingest {

enum class JsonKind : std::uint8_t {
  kNull,
  kBool,
  kInteger,
  kUnsigned,
  kFloat,
  kString,
  kArray,
  kObject
};

/// One value of a document, 32 bytes. Slots are laid out in document order, so a container's
/// first child is the slot after it; later children are linked through `next`.
struct JsonSlot {
  JsonKind kind = JsonKind::kNull;
  bool boolean = false;
  /// Containers: the number of children. Strings and floats: the length of `text`.
  std::uint32_t size = 0;
  std::uint32_t next = 0;  ///< index of the next sibling (0: none; the root is never a child)
  std::uint32_t key_size = 0;
  const char* key_data = nullptr;  ///< the member name, for children of an object
  union {
    const char* text_data = nullptr;  ///< string content, or the literal text of a float
    std::int64_t integer;
    std::uint64_t unsigned_integer;
  };

  std::string_view key() const { return {key_data, key_size}; }
  void set_key(std::string_view k) {
    key_data = k.data();
    key_size = static_cast<std::uint32_t>(k.size());
  }
  std::string_view text() const { return {text_data, size}; }
  void set_text(std::string_view t) {
    text_data = t.data();
    size = static_cast<std::uint32_t>(t.size());
  }
  std::uint32_t count() const { return size; }
};
static_assert(sizeof(JsonSlot) == 32);

/// A cheap handle to one value of a JsonDoc. Valid as long as the document lives.
class JsonValue {
 public:
  JsonValue(const JsonSlot* slots, std::uint32_t index) : slots_(slots), index_(index) {}

  JsonKind kind() const { return slot().kind; }
  bool IsNull() const { return kind() == JsonKind::kNull; }
  bool IsBool() const { return kind() == JsonKind::kBool; }
  bool IsString() const { return kind() == JsonKind::kString; }
  bool IsArray() const { return kind() == JsonKind::kArray; }
  bool IsObject() const { return kind() == JsonKind::kObject; }
  bool IsNumber() const {
    return kind() == JsonKind::kInteger || kind() == JsonKind::kUnsigned ||
           kind() == JsonKind::kFloat;
  }

  /// The string content; "" for non-strings.
  std::string_view String() const { return IsString() ? slot().text() : std::string_view(); }
  bool Bool() const { return slot().boolean; }
  /// The value as an int when it is an integral number (or an integral float) in range.
  std::optional<int> AsInt() const;
  /// A number as written in the file ("1466801812.435", "200"); "" for non-numbers.
  std::string NumberText() const;
  /// Children of an array or object; 0 otherwise.
  std::uint32_t Size() const { return IsArray() || IsObject() ? slot().count() : 0; }
  /// The member name of this value when its parent is an object.
  std::string_view Key() const { return slot().key(); }
  /// The first member named `key` of this object; nullopt when absent or not an object.
  std::optional<JsonValue> Find(std::string_view key) const;
  /// Compact JSON text of this value (members in document order).
  std::string Dump() const;
  /// A short English name of the kind: "an object", "a string", …
  const char* KindName() const;

  /// Calls f(JsonValue child) for each child of an array or object, in document order.
  template <typename F>
  void ForEachChild(F&& f) const {
    const JsonSlot& s = slot();
    if (s.kind != JsonKind::kArray && s.kind != JsonKind::kObject) return;
    std::uint32_t child = index_ + 1;
    for (std::uint32_t n = 0; n < s.count(); ++n) {
      f(JsonValue(slots_, child));
      child = slots_[child].next;
    }
  }

 private:
  const JsonSlot& slot() const { return slots_[index_]; }
  void DumpTo(std::string& out) const;

  const JsonSlot* slots_;
  std::uint32_t index_;
};

class JsonDoc {
 public:
  /// Parses `text`, which must outlive the document (strings without escapes are views of it).
  /// On failure: kInvalidJson, "<name>: invalid JSON at byte N: <reason>".
  static Expected<JsonDoc> Parse(std::string_view text, const std::string& name);
  /// The same with nlohmann-json's SAX parser alone: the path Parse falls back to for input its
  /// fast parser does not accept, which decides and words every error. For tests.
  static Expected<JsonDoc> ParseReference(std::string_view text, const std::string& name);

  JsonValue root() const { return JsonValue(slots_.data(), 0); }

 private:
  friend class DocFiller;
  friend class DocArena;
  std::vector<JsonSlot> slots_;
  std::vector<std::unique_ptr<char[]>> arena_;
};

}  // namespace fd::ingest

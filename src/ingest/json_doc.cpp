#include "ingest/json_doc.h"
#include "ingest/json_fast_parser.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "util/json_string.h"

namespace fd::ingest {

/// nlohmann SAX events → slots. Containers stay open on a stack that remembers each one's last
/// child, so appending a sibling is O(1).
class DocFiller final : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit DocFiller(JsonDoc& doc) : doc_(doc), arena_(doc.arena_) {}

  bool null() override {
    Add(JsonKind::kNull);
    return true;
  }
  bool boolean(bool value) override {
    doc_.slots_[Add(JsonKind::kBool)].boolean = value;
    return true;
  }
  bool number_integer(number_integer_t value) override {
    doc_.slots_[Add(JsonKind::kInteger)].integer = value;
    return true;
  }
  bool number_unsigned(number_unsigned_t value) override {
    doc_.slots_[Add(JsonKind::kUnsigned)].unsigned_integer = value;
    return true;
  }
  bool number_float(number_float_t value, const string_t& text) override {
    (void)value;  // read again from the text when asked (AsInt), as floats are rare
    doc_.slots_[Add(JsonKind::kFloat)].set_text(Copy(text));
    return true;
  }
  bool string(string_t& value) override {
    std::string_view copy = Copy(value);
    doc_.slots_[Add(JsonKind::kString)].set_text(copy);
    return true;
  }
  bool binary(binary_t&) override { return true; }  // JSON text has no binary values
  bool start_object(std::size_t) override {
    open_.push_back({Add(JsonKind::kObject), 0});
    return true;
  }
  bool key(string_t& value) override {
    pending_key_ = Copy(value);
    return true;
  }
  bool end_object() override {
    open_.pop_back();
    return true;
  }
  bool start_array(std::size_t) override {
    open_.push_back({Add(JsonKind::kArray), 0});
    return true;
  }
  bool end_array() override {
    open_.pop_back();
    return true;
  }
  bool parse_error(std::size_t byte, const std::string&,
                   const nlohmann::detail::exception& e) override {
    error_byte_ = byte;
    error_what_ = e.what();
    return false;
  }

  std::size_t error_byte() const { return error_byte_; }
  const std::string& error_what() const { return error_what_; }

 private:
  struct Open {
    std::uint32_t index;
    std::uint32_t last_child;
  };

  std::uint32_t Add(JsonKind kind) {
    auto index = static_cast<std::uint32_t>(doc_.slots_.size());
    JsonSlot& s = doc_.slots_.emplace_back();
    s.kind = kind;
    s.set_key(pending_key_);
    pending_key_ = {};
    if (!open_.empty()) {
      // The first child is the slot after its parent (document order); later ones are linked.
      Open& parent = open_.back();
      if (doc_.slots_[parent.index].size++ > 0) doc_.slots_[parent.last_child].next = index;
      parent.last_child = index;
    }
    return index;
  }

  std::string_view Copy(std::string_view text) { return arena_.Copy(text); }

  JsonDoc& doc_;
  DocArena arena_;
  std::vector<Open> open_;
  std::string_view pending_key_;
  std::size_t error_byte_ = 0;
  std::string error_what_;
};

namespace {

/// "…parse error at line 3, column 1: syntax error while parsing object - unexpected end of
/// input; last read: '…'" → "syntax error while parsing object - unexpected end of input".
std::string ShortReason(std::string_view what) {
  if (size_t column = what.find("column "); column != std::string_view::npos) {
    if (size_t colon = what.find(": ", column); colon != std::string_view::npos)
      what = what.substr(colon + 2);
  } else if (size_t bracket = what.find("] "); bracket != std::string_view::npos) {
    what = what.substr(bracket + 2);
  }
  // The last-read excerpt quotes file content, which may be anything: leave it out.
  if (size_t last = what.find("; last read"); last != std::string_view::npos)
    what = what.substr(0, last);
  return std::string(what);
}


}  // namespace

Expected<JsonDoc> JsonDoc::Parse(std::string_view text, const std::string& name) {
  {
    JsonDoc doc;
    // AWS CLI output holds a value per 10 to 25 bytes. Reserving for one per 8 bytes means the
    // slots are not moved as they grow (a move briefly holds both copies: for a 13 MB
    // describe-security-groups, 30 MB more at the peak); pages never written are never resident.
    doc.slots_.reserve(text.size() / 8 + 16);
    DocArena arena(doc.arena_);
    if (ParseFast(text, doc.slots_, arena)) return doc;
  }
  return ParseReference(text, name);
}

Expected<JsonDoc> JsonDoc::ParseReference(std::string_view text, const std::string& name) {
  JsonDoc doc;
  doc.slots_.reserve(text.size() / 16 + 16);
  DocFiller filler(doc);
  bool ok = false;
  try {
    ok = nlohmann::json::sax_parse(text.begin(), text.end(), &filler);
  } catch (const nlohmann::json::exception& e) {
    return MakeError(ErrorCode::kInvalidJson,
                     fmt::format("{}: invalid JSON: {}", name, ShortReason(e.what())));
  }
  if (!ok || doc.slots_.empty())
    return MakeError(ErrorCode::kInvalidJson,
                     fmt::format("{}: invalid JSON at byte {}: {}", name, filler.error_byte(),
                                 ShortReason(filler.error_what())));
  return doc;
}

std::optional<int> JsonValue::AsInt() const {
  const JsonSlot& s = slot();
  switch (s.kind) {
    case JsonKind::kInteger:
      if (s.integer < std::numeric_limits<int>::min() ||
          s.integer > std::numeric_limits<int>::max())
        return std::nullopt;
      return static_cast<int>(s.integer);
    case JsonKind::kUnsigned:
      if (s.unsigned_integer > static_cast<std::uint64_t>(std::numeric_limits<int>::max()))
        return std::nullopt;
      return static_cast<int>(s.unsigned_integer);
    case JsonKind::kFloat: {
      double number = 0;
      const std::string_view text = s.text();
      if (std::from_chars(text.data(), text.data() + text.size(), number).ec != std::errc())
        return std::nullopt;  // beyond a double's range
      if (std::trunc(number) != number || number < std::numeric_limits<int>::min() ||
          number > std::numeric_limits<int>::max())
        return std::nullopt;
      return static_cast<int>(number);
    }
    default:
      return std::nullopt;
  }
}

std::string JsonValue::NumberText() const {
  const JsonSlot& s = slot();
  switch (s.kind) {
    case JsonKind::kInteger:
      return std::to_string(s.integer);
    case JsonKind::kUnsigned:
      return std::to_string(s.unsigned_integer);
    case JsonKind::kFloat:
      return std::string(s.text());
    default:
      return {};
  }
}

std::optional<JsonValue> JsonValue::Find(std::string_view key) const {
  const JsonSlot& s = slot();
  if (s.kind != JsonKind::kObject) return std::nullopt;
  std::uint32_t child = index_ + 1;
  for (std::uint32_t n = 0; n < s.count(); ++n) {
    // Readers look up a handful of members per object by name: the size and first byte rule
    // out nearly every other member before a comparison is called.
    const JsonSlot& c = slots_[child];
    if (c.key_size == key.size() &&
        (key.empty() || (c.key_data[0] == key[0] && std::memcmp(c.key_data, key.data(), key.size()) == 0)))
      return JsonValue(slots_, child);
    child = slots_[child].next;
  }
  return std::nullopt;
}

std::string JsonValue::Dump() const {
  std::string out;
  DumpTo(out);
  return out;
}

void JsonValue::DumpTo(std::string& out) const {
  // Iterative, with the open containers on a heap stack: input may nest as deep as its size
  // allows (a policy of 100,000 nested arrays), and recursion that deep overflows the stack.
  struct Open {
    std::uint32_t next;  ///< the slot of the next child to write
    std::uint32_t left;  ///< children still to write
    bool object;
    bool first;
  };
  std::vector<Open> open;
  std::uint32_t at = index_;
  while (true) {
    const JsonSlot& s = slots_[at];
    switch (s.kind) {
      case JsonKind::kNull:
        out += "null";
        break;
      case JsonKind::kBool:
        out += s.boolean ? "true" : "false";
        break;
      case JsonKind::kInteger:
      case JsonKind::kUnsigned:
      case JsonKind::kFloat:
        out += JsonValue(slots_, at).NumberText();
        break;
      case JsonKind::kString:
        AppendJsonString(out, s.text());
        break;
      case JsonKind::kArray:
      case JsonKind::kObject:
        out += s.kind == JsonKind::kObject ? '{' : '[';
        open.push_back({at + 1, s.count(), s.kind == JsonKind::kObject, true});
        break;
    }
    // Close every container whose children are all written, then step to the next child.
    while (!open.empty() && open.back().left == 0) {
      out += open.back().object ? '}' : ']';
      open.pop_back();
    }
    if (open.empty()) return;
    Open& o = open.back();
    if (!o.first) out += ',';
    o.first = false;
    at = o.next;
    --o.left;
    o.next = slots_[at].next;
    if (o.object) {
      AppendJsonString(out, slots_[at].key());
      out += ':';
    }
  }
}

const char* JsonValue::KindName() const {
  switch (kind()) {
    case JsonKind::kObject:
      return "an object";
    case JsonKind::kArray:
      return "an array";
    case JsonKind::kString:
      return "a string";
    case JsonKind::kBool:
      return "a boolean";
    case JsonKind::kNull:
      return "null";
    default:
      return "a number";
  }
}

}  // namespace fd::ingest

#include "ingest/json_doc.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace fd::ingest {

/// nlohmann SAX events → slots. Containers stay open on a stack that remembers each one's last
/// child, so appending a sibling is O(1).
class DocFiller final : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit DocFiller(JsonDoc& doc) : doc_(doc) {}

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
    JsonSlot& s = doc_.slots_[Add(JsonKind::kFloat)];
    s.number = value;
    s.text = Copy(text);
    return true;
  }
  bool string(string_t& value) override {
    std::string_view copy = Copy(value);
    doc_.slots_[Add(JsonKind::kString)].text = copy;
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
    s.key = pending_key_;
    pending_key_ = {};
    if (!open_.empty()) {
      Open& parent = open_.back();
      JsonSlot& p = doc_.slots_[parent.index];
      if (p.count++ == 0) {
        p.first = index;
      } else {
        doc_.slots_[parent.last_child].next = index;
      }
      parent.last_child = index;
    }
    return index;
  }

  std::string_view Copy(std::string_view text) {
    if (text.empty()) return {};
    if (text.size() > left_) {
      constexpr std::size_t kBlock = 64 * 1024;
      std::size_t size = std::max(kBlock, text.size());
      doc_.arena_.emplace_back(new char[size]);
      cursor_ = doc_.arena_.back().get();
      left_ = size;
    }
    std::memcpy(cursor_, text.data(), text.size());
    std::string_view out(cursor_, text.size());
    cursor_ += text.size();
    left_ -= text.size();
    return out;
  }

  JsonDoc& doc_;
  std::vector<Open> open_;
  std::string_view pending_key_;
  char* cursor_ = nullptr;
  std::size_t left_ = 0;
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

void AppendEscaped(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

}  // namespace

Expected<JsonDoc> JsonDoc::Parse(std::string_view text, const std::string& name) {
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
    case JsonKind::kFloat:
      if (std::trunc(s.number) != s.number || s.number < std::numeric_limits<int>::min() ||
          s.number > std::numeric_limits<int>::max())
        return std::nullopt;
      return static_cast<int>(s.number);
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
      return std::string(s.text);
    default:
      return {};
  }
}

std::optional<JsonValue> JsonValue::Find(std::string_view key) const {
  const JsonSlot& s = slot();
  if (s.kind != JsonKind::kObject) return std::nullopt;
  std::uint32_t child = s.first;
  for (std::uint32_t n = 0; n < s.count; ++n) {
    if (slots_[child].key == key) return JsonValue(slots_, child);
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
  const JsonSlot& s = slot();
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
      out += NumberText();
      break;
    case JsonKind::kString:
      AppendEscaped(out, s.text);
      break;
    case JsonKind::kArray:
    case JsonKind::kObject: {
      const bool object = s.kind == JsonKind::kObject;
      out += object ? '{' : '[';
      bool first = true;
      ForEachChild([&](JsonValue child) {
        if (!first) out += ',';
        first = false;
        if (object) {
          AppendEscaped(out, child.Key());
          out += ':';
        }
        child.DumpTo(out);
      });
      out += object ? '}' : ']';
      break;
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

#include "predeploy/tf/pos_json.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <limits>
#include <nlohmann/json.hpp>

namespace fd::predeploy::tf {

namespace {

// A pointer into the text that, on each step, stores where it stands in `*mirror`: nlohmann's
// lexer copies the iterator into its input adapter, so this is how the SAX handler learns how
// far the lexer has read when it reports a value (one store per byte read).
class TrackingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  TrackingIterator(const char* p, const char** mirror) : p_(p), mirror_(mirror) {}
  reference operator*() const { return *p_; }
  TrackingIterator& operator++() {
    ++p_;
    if (mirror_ != nullptr) *mirror_ = p_;
    return *this;
  }
  TrackingIterator operator++(int) {
    TrackingIterator before = *this;
    ++*this;
    return before;
  }
  bool operator==(const TrackingIterator& other) const { return p_ == other.p_; }

 private:
  const char* p_;
  const char** mirror_;
};

// SAX events -> PosNode tree. Open containers stay on a stack; a container only gains children
// while it is the innermost open one, so the pointers to its ancestors stay valid.
class TreeBuilder final : public nlohmann::json_sax<nlohmann::json> {
 public:
  TreeBuilder(PosNode& root, const char* base, const char* const* cursor)
      : root_(root), base_(base), cursor_(cursor) {}

  bool null() override { return Add(JsonKind::kNull) != nullptr; }
  bool boolean(bool value) override {
    Add(JsonKind::kBool)->boolean = value;
    return true;
  }
  bool number_integer(number_integer_t value) override {
    Add(JsonKind::kInt)->integer = value;
    return true;
  }
  bool number_unsigned(number_unsigned_t value) override {
    if (value <= static_cast<number_unsigned_t>(std::numeric_limits<std::int64_t>::max())) {
      Add(JsonKind::kInt)->integer = static_cast<std::int64_t>(value);
    } else {
      PosNode* n = Add(JsonKind::kFloat);
      n->number = static_cast<double>(value);
      n->text = std::to_string(value);
    }
    return true;
  }
  bool number_float(number_float_t value, const string_t& text) override {
    PosNode* n = Add(JsonKind::kFloat);
    n->number = value;
    n->text = text;
    return true;
  }
  bool string(string_t& value) override {
    Add(JsonKind::kString)->text = std::move(value);
    return true;
  }
  bool binary(binary_t&) override { return true; }  // JSON text has no binary values
  bool key(string_t& value) override {
    pending_key_ = std::move(value);
    pending_key_end_ = Offset();
    return true;
  }
  bool start_object(std::size_t) override { return Open(JsonKind::kObject); }
  bool start_array(std::size_t) override { return Open(JsonKind::kArray); }
  bool end_object() override {
    open_.pop_back();
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

  bool too_deep() const { return too_deep_; }
  std::size_t error_byte() const { return error_byte_; }
  const std::string& error_what() const { return error_what_; }

 private:
  std::uint32_t Offset() const { return static_cast<std::uint32_t>(*cursor_ - base_); }

  PosNode* Add(JsonKind kind) {
    PosNode* n = &root_;
    if (!open_.empty()) n = &open_.back()->items.emplace_back();
    n->kind = kind;
    n->end = Offset();
    n->key = std::move(pending_key_);
    n->key_end = pending_key_end_;
    pending_key_.clear();
    pending_key_end_ = 0;
    return n;
  }

  bool Open(JsonKind kind) {
    if (open_.size() >= static_cast<std::size_t>(PosJson::kMaxDepth)) {
      too_deep_ = true;
      error_byte_ = Offset();
      return false;
    }
    open_.push_back(Add(kind));
    return true;
  }

  PosNode& root_;
  const char* base_;
  const char* const* cursor_;
  std::vector<PosNode*> open_;
  std::string pending_key_;
  std::uint32_t pending_key_end_ = 0;
  bool too_deep_ = false;
  std::size_t error_byte_ = 0;
  std::string error_what_;
};

// "...parse error at line 3, column 1: syntax error while parsing object - unexpected end of
// input; last read: '...'" -> the line, the column and the reason after them.
bool SplitWhat(const std::string& what, int& line, int& column, std::string& reason) {
  const std::size_t at = what.find("at line ");
  if (at == std::string::npos ||
      std::sscanf(what.c_str() + at, "at line %d, column %d", &line, &column) != 2)
    return false;
  const std::size_t colon = what.find(": ", at);
  reason = colon == std::string::npos ? what : what.substr(colon + 2);
  return true;
}

bool IsNumberChar(char c) {
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// The offset of the opening quote of the string whose closing quote is at `close`: the first
// quote before it that is not escaped (preceded by an even number of backslashes).
std::size_t OpeningQuote(const std::string& text, std::size_t close) {
  std::size_t i = close;
  while (i > 0) {
    --i;
    if (text[i] != '"') continue;
    std::size_t slashes = 0;
    while (slashes < i && text[i - 1 - slashes] == '\\') ++slashes;
    if (slashes % 2 == 0) return i;
  }
  return 0;
}

}  // namespace

const PosNode* PosNode::Find(std::string_view name) const {
  if (kind != JsonKind::kObject) return nullptr;
  for (const PosNode& item : items)
    if (item.key == name) return &item;
  return nullptr;
}

std::string_view PosNode::StringAt(std::string_view name) const {
  const PosNode* n = Find(name);
  return n != nullptr && n->IsString() ? std::string_view(n->text) : std::string_view();
}

const char* PosNode::KindName() const {
  switch (kind) {
    case JsonKind::kNull:
      return "null";
    case JsonKind::kBool:
      return "a boolean";
    case JsonKind::kInt:
    case JsonKind::kFloat:
      return "a number";
    case JsonKind::kString:
      return "a string";
    case JsonKind::kArray:
      return "a list";
    case JsonKind::kObject:
      return "an object";
  }
  return "a value";
}

Expected<PosJson> PosJson::Parse(std::string_view text, std::string file) {
  if (text.size() > kMaxBytes)
    return MakeError(ErrorCode::kInvalidInput,
                     fmt::format("{}: {} bytes, more than the {} a plan is read up to", file,
                                 text.size(), kMaxBytes));
  PosJson doc;
  doc.file_ = std::move(file);
  doc.text_.assign(text);
  doc.line_starts_.push_back(0);
  for (const char *p = doc.text_.data(), *end = p + doc.text_.size();
       (p = static_cast<const char*>(std::memchr(p, '\n', end - p))) != nullptr;)
    doc.line_starts_.push_back(static_cast<std::uint32_t>(++p - doc.text_.data()));

  const char* base = doc.text_.data();
  const char* cursor = base;
  TreeBuilder builder(doc.root_, base, &cursor);
  const bool ok =
      nlohmann::json::sax_parse(TrackingIterator(base, &cursor),
                                TrackingIterator(base + doc.text_.size(), nullptr), &builder);
  if (ok) return doc;
  if (builder.too_deep())
    return MakeError(ErrorCode::kInvalidJson,
                     fmt::format("{}: nested deeper than {} levels",
                                 ToString(doc.At(builder.error_byte())), kMaxDepth));
  int line = 0, column = 0;
  std::string reason;
  if (!SplitWhat(builder.error_what(), line, column, reason)) {
    const SourcePos pos = doc.At(builder.error_byte() > 0 ? builder.error_byte() - 1 : 0);
    line = pos.line;
    column = pos.column;
    reason = builder.error_what();
  }
  return MakeError(ErrorCode::kInvalidJson,
                   fmt::format("{}:{}:{}: invalid JSON: {}", doc.file_, line, column, reason));
}

SourcePos PosJson::At(std::size_t offset) const {
  const auto next = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line = static_cast<int>(next - line_starts_.begin());
  return SourcePos{file_, line, static_cast<int>(offset - *(next - 1)) + 1};
}

std::size_t PosJson::TokenStart(const PosNode& node) const {
  const std::size_t end = node.end;
  if (end == 0) return 0;
  switch (node.kind) {
    case JsonKind::kObject:
    case JsonKind::kArray:
      return end - 1;
    case JsonKind::kString:
      return OpeningQuote(text_, end - 1);
    case JsonKind::kNull:
      return end - std::min<std::size_t>(end, 4);
    case JsonKind::kBool:
      return end - std::min<std::size_t>(end, node.boolean ? 4 : 5);
    case JsonKind::kInt:
    case JsonKind::kFloat:
      break;
  }
  // A number: the lexer has read one character past it (unless it ends the text).
  std::size_t i = end - 1;
  if (!IsNumberChar(text_[i]) && i > 0) --i;
  while (i > 0 && IsNumberChar(text_[i - 1])) --i;
  return i;
}

SourcePos PosJson::PosOf(const PosNode& node) const { return At(TokenStart(node)); }

SourcePos PosJson::KeyPosOf(const PosNode& node) const {
  if (node.key_end == 0) return PosOf(node);
  return At(OpeningQuote(text_, node.key_end - 1));
}

}  // namespace fd::predeploy::tf

#include "ingest/json_fast_parser.h"

#include <charconv>
#include <cstdint>
#include <string>

namespace fd::ingest {
namespace {

/// The fast path of JsonDoc::Parse: a strict recursive-descent parser (RFC 8259) that fills the
/// slots straight from the text. Strings without escapes, and the literal text of floats, point
/// into `text` instead of being copied (the caller keeps the text alive while it reads the
/// document). It returns false for anything it does not accept — invalid JSON, but also rare
/// valid input it leaves to nlohmann (a byte-order mark, integers beyond 64 bits, nesting
/// deeper than kMaxDepth) — and Parse then runs the nlohmann SAX path, which decides and words
/// the error. So this parser can make a valid document fail over to the slow path, but it must
/// never accept an invalid one or read a valid one differently (json_doc_test.cpp compares the
/// two on every corpus file and on a table of edge cases).
class FastParser {
 public:
  FastParser(std::string_view text, std::vector<JsonSlot>& slots, DocArena& arena)
      : p_(text.data()), end_(text.data() + text.size()), slots_(slots), arena_(arena) {}

  bool Parse() {
    SkipWs();
    if (!Value(0)) return false;
    SkipWs();
    return p_ == end_;
  }

 private:
  static constexpr int kMaxDepth = 256;
  struct Open {
    std::uint32_t index;
    std::uint32_t last_child;
  };

  void SkipWs() {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  std::uint32_t Add(JsonKind kind, std::string_view key) {
    auto index = static_cast<std::uint32_t>(slots_.size());
    JsonSlot& s = slots_.emplace_back();
    s.kind = kind;
    s.set_key(key);
    if (!open_.empty()) {
      // The first child is the slot after its parent (document order); later ones are linked.
      Open& parent = open_.back();
      if (slots_[parent.index].size++ > 0) slots_[parent.last_child].next = index;
      parent.last_child = index;
    }
    return index;
  }

  bool Literal(std::string_view word) {
    if (static_cast<std::size_t>(end_ - p_) < word.size() ||
        std::memcmp(p_, word.data(), word.size()) != 0)
      return false;
    p_ += word.size();
    return true;
  }

  bool Value(int depth, std::string_view key = {}) {
    if (p_ == end_) return false;
    switch (*p_) {
      case '{':
        return Container(depth, key, JsonKind::kObject, '}');
      case '[':
        return Container(depth, key, JsonKind::kArray, ']');
      case '"': {
        std::string_view text;
        if (!String(text)) return false;
        slots_[Add(JsonKind::kString, key)].set_text(text);
        return true;
      }
      case 't':
        if (!Literal("true")) return false;
        slots_[Add(JsonKind::kBool, key)].boolean = true;
        return true;
      case 'f':
        if (!Literal("false")) return false;
        Add(JsonKind::kBool, key);
        return true;
      case 'n':
        if (!Literal("null")) return false;
        Add(JsonKind::kNull, key);
        return true;
      default:
        return Number(key);
    }
  }

  bool Container(int depth, std::string_view key, JsonKind kind, char close) {
    if (depth >= kMaxDepth) return false;
    ++p_;  // '{' or '['
    open_.push_back({Add(kind, key), 0});
    SkipWs();
    if (p_ != end_ && *p_ == close) {
      ++p_;
      open_.pop_back();
      return true;
    }
    while (true) {
      std::string_view member;
      if (kind == JsonKind::kObject) {
        if (p_ == end_ || *p_ != '"' || !String(member)) return false;
        SkipWs();
        if (p_ == end_ || *p_ != ':') return false;
        ++p_;
        SkipWs();
      }
      if (!Value(depth + 1, member)) return false;
      SkipWs();
      if (p_ == end_) return false;
      if (*p_ == ',') {
        ++p_;
        SkipWs();
        continue;
      }
      if (*p_ != close) return false;
      ++p_;
      open_.pop_back();
      return true;
    }
  }

  /// Length of a valid UTF-8 sequence starting at `s` (a byte >= 0x80), 0 when invalid
  /// (overlong forms, surrogates and code points above U+10FFFF are invalid).
  std::size_t Utf8Length(const unsigned char* s) const {
    const std::size_t left = static_cast<std::size_t>(reinterpret_cast<const unsigned char*>(end_) - s);
    auto cont = [&](std::size_t i) { return i < left && (s[i] & 0xC0) == 0x80; };
    const unsigned char c = s[0];
    if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
      if (!cont(1) || !cont(2)) return 0;
      if (c == 0xE0 && s[1] < 0xA0) return 0;  // overlong
      if (c == 0xED && s[1] > 0x9F) return 0;  // surrogates
      return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
      if (!cont(1) || !cont(2) || !cont(3)) return 0;
      if (c == 0xF0 && s[1] < 0x90) return 0;  // overlong
      if (c == 0xF4 && s[1] > 0x8F) return 0;  // above U+10FFFF
      return 4;
    }
    return 0;
  }

  static int Hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  bool Hex4(const char* at, std::uint32_t& out) const {
    if (end_ - at < 4) return false;
    out = 0;
    for (int i = 0; i < 4; ++i) {
      int h = Hex(at[i]);
      if (h < 0) return false;
      out = out * 16 + static_cast<std::uint32_t>(h);
    }
    return true;
  }

  static void PutUtf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  /// At '"': the string's content. Escape-free strings are views of the text; the others are
  /// unescaped into the arena.
  bool String(std::string_view& out) {
    const char* start = ++p_;
    while (p_ != end_) {
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        out = std::string_view(start, static_cast<std::size_t>(p_ - start));
        ++p_;
        return true;
      }
      if (c == '\\') break;
      if (c < 0x20) return false;
      if (c < 0x80) {
        ++p_;
        continue;
      }
      std::size_t n = Utf8Length(reinterpret_cast<const unsigned char*>(p_));
      if (n == 0) return false;
      p_ += n;
    }
    if (p_ == end_) return false;
    // Escapes: build the unescaped text, then copy it into the arena.
    scratch_.assign(start, p_);
    while (p_ != end_) {
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        ++p_;
        out = arena_.Copy(scratch_);
        return true;
      }
      if (c < 0x20) return false;
      if (c >= 0x80) {
        std::size_t n = Utf8Length(reinterpret_cast<const unsigned char*>(p_));
        if (n == 0) return false;
        scratch_.append(p_, n);
        p_ += n;
        continue;
      }
      if (c != '\\') {
        scratch_ += static_cast<char>(c);
        ++p_;
        continue;
      }
      if (++p_ == end_) return false;
      switch (*p_) {
        case '"': scratch_ += '"'; break;
        case '\\': scratch_ += '\\'; break;
        case '/': scratch_ += '/'; break;
        case 'b': scratch_ += '\b'; break;
        case 'f': scratch_ += '\f'; break;
        case 'n': scratch_ += '\n'; break;
        case 'r': scratch_ += '\r'; break;
        case 't': scratch_ += '\t'; break;
        case 'u': {
          std::uint32_t cp = 0;
          if (!Hex4(p_ + 1, cp)) return false;
          p_ += 4;
          if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a low surrogate alone
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            std::uint32_t low = 0;
            if (end_ - p_ < 7 || p_[1] != '\\' || p_[2] != 'u' || !Hex4(p_ + 3, low) ||
                low < 0xDC00 || low > 0xDFFF)
              return false;
            p_ += 6;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          PutUtf8(scratch_, cp);
          break;
        }
        default:
          return false;
      }
      ++p_;
    }
    return false;
  }

  static bool Digit(char c) { return c >= '0' && c <= '9'; }

  /// A number as nlohmann reads it: integers without fraction or exponent are unsigned when
  /// not negative and signed when negative; everything else is a float keeping its text.
  bool Number(std::string_view key) {
    const char* start = p_;
    const bool negative = *p_ == '-';
    if (negative) ++p_;
    if (p_ == end_ || !Digit(*p_)) return false;
    if (*p_ == '0') {
      ++p_;
    } else {
      while (p_ != end_ && Digit(*p_)) ++p_;
    }
    bool is_float = false;
    if (p_ != end_ && *p_ == '.') {
      is_float = true;
      ++p_;
      if (p_ == end_ || !Digit(*p_)) return false;
      while (p_ != end_ && Digit(*p_)) ++p_;
    }
    if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
      is_float = true;
      ++p_;
      if (p_ != end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (p_ == end_ || !Digit(*p_)) return false;
      while (p_ != end_ && Digit(*p_)) ++p_;
    }
    const std::string_view text(start, static_cast<std::size_t>(p_ - start));
    if (is_float) {
      double value = 0;
      auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (ec != std::errc() || ptr != text.data() + text.size()) return false;  // out of range
      slots_[Add(JsonKind::kFloat, key)].set_text(text);  // the value is read again when asked
      return true;
    }
    if (negative) {
      std::int64_t value = 0;
      auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (ec != std::errc() || ptr != text.data() + text.size()) return false;  // beyond 64 bits
      slots_[Add(JsonKind::kInteger, key)].integer = value;
      return true;
    }
    std::uint64_t value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size()) return false;
    slots_[Add(JsonKind::kUnsigned, key)].unsigned_integer = value;
    return true;
  }

  const char* p_;
  const char* end_;
  std::vector<JsonSlot>& slots_;
  DocArena& arena_;
  std::vector<Open> open_;
  std::string scratch_;
};
}  // namespace

bool ParseFast(std::string_view text, std::vector<JsonSlot>& slots, DocArena& arena) {
  return FastParser(text, slots, arena).Parse();
}

}  // namespace fd::ingest

#pragma once
/// The check codes, as one list: the registry (checks/check_list.h) declares a check definition
/// per entry, and this header makes a typed `Code` of each, so a fault, a gap, an evidence row
/// or a planner rule that names a code that is not registered does not compile, and a `switch`
/// over codes is checked by the compiler. It sits in the report layer, below analysis and
/// checks, because the tracer and the evidence table name codes too. A code's text is its
/// entry's name without the `k`, upper-cased (kVpce001 -> "VPCE001"), computed at compile time.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

// One line per check, sorted by code; a code is stable and never reused (docs/design/checks.md).
// clang-format off
#define FD_CHECK_LIST(X) \
  X(kCap001) \
  X(kCap002) \
  X(kCap003) \
  X(kCap004) \
  X(kCap005) \
  X(kCap006) \
  X(kCap007) \
  X(kCap008) \
  X(kCap009) \
  X(kCap010) \
  X(kFw001) \
  X(kFw002) \
  X(kFw003) \
  X(kFw004) \
  X(kFw005) \
  X(kFw006) \
  X(kFw007) \
  X(kFw008) \
  X(kIam001) \
  X(kIam002) \
  X(kIam003) \
  X(kIam004) \
  X(kIam005) \
  X(kIam006) \
  X(kIam007) \
  X(kIam008) \
  X(kIam009) \
  X(kIam010) \
  X(kIam011) \
  X(kIam012) \
  X(kIam013) \
  X(kIam014) \
  X(kIam015) \
  X(kIam016) \
  X(kImg001) \
  X(kImg002) \
  X(kImg003) \
  X(kImg004) \
  X(kImg005) \
  X(kImg006) \
  X(kImg007) \
  X(kImg008) \
  X(kImg009) \
  X(kImg010) \
  X(kImg011) \
  X(kImg012) \
  X(kImg013) \
  X(kLog001) \
  X(kLog002) \
  X(kLog003) \
  X(kLog004) \
  X(kLog005) \
  X(kLog006) \
  X(kNet001) \
  X(kNet002) \
  X(kNet003) \
  X(kNet004) \
  X(kNet005) \
  X(kNet006) \
  X(kNet007) \
  X(kNet008) \
  X(kNet009) \
  X(kNet010) \
  X(kNet011) \
  X(kSec001) \
  X(kSec002) \
  X(kSec003) \
  X(kSec004) \
  X(kSec005) \
  X(kSec006) \
  X(kSto001) \
  X(kSto002) \
  X(kSto003) \
  X(kSto004) \
  X(kSto005) \
  X(kSto006) \
  X(kSto007) \
  X(kSto008) \
  X(kSto009) \
  X(kSvc001) \
  X(kSvc002) \
  X(kSvc003) \
  X(kSvc004) \
  X(kSvc005) \
  X(kSvc006) \
  X(kSvc007) \
  X(kSvc008) \
  X(kSvc009) \
  X(kSvc010) \
  X(kSvc011) \
  X(kSvc012) \
  X(kTd001) \
  X(kTd002) \
  X(kTd003) \
  X(kTd004) \
  X(kTd005) \
  X(kTd006) \
  X(kTd007) \
  X(kTd008) \
  X(kTd009) \
  X(kTd010) \
  X(kTd011) \
  X(kTd012) \
  X(kVpce001) \
  X(kVpce002) \
  X(kVpce003) \
  X(kVpce004) \
  X(kVpce005) \
  X(kVpce006) \
  X(kVpce007) \
  X(kVpce008) \
  X(kVpce010) \
  X(kVpce011) \
  X(kVpce012) \
  X(kVpce013) \
  X(kVpce015)
// clang-format on

namespace fd {

enum class Code : std::uint8_t {
#define FD_CODE_ENUM(name) name,
  FD_CHECK_LIST(FD_CODE_ENUM)
#undef FD_CODE_ENUM
};

namespace code_detail {

/// A code's text, stored inline so the table is a compile-time constant.
struct Text {
  std::array<char, 8> chars{};
  std::size_t size = 0;
};

constexpr Text FromName(std::string_view name) {
  Text t;
  for (std::size_t i = 1; i < name.size() && i <= t.chars.size(); ++i) {
    char c = name[i];
    t.chars[i - 1] = c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    t.size = i;
  }
  return t;
}

inline constexpr Text kTexts[] = {
#define FD_CODE_TEXT(name) FromName(#name),
    FD_CHECK_LIST(FD_CODE_TEXT)
#undef FD_CODE_TEXT
};

}  // namespace code_detail

/// How many codes are registered; `Code`s are 0 .. kCodeCount-1 in list order.
inline constexpr std::size_t kCodeCount = std::size(code_detail::kTexts);

/// "NET002".
constexpr std::string_view ToString(Code c) {
  const code_detail::Text& t = code_detail::kTexts[static_cast<std::size_t>(c)];
  return {t.chars.data(), t.size};
}

namespace code_detail {
constexpr bool Sorted() {
  for (std::size_t i = 1; i < kCodeCount; ++i)
    if (!(ToString(static_cast<Code>(i - 1)) < ToString(static_cast<Code>(i)))) return false;
  return true;
}
}  // namespace code_detail

// Codes compare as their texts do (reports sort by code), and ParseCode can bisect.
static_assert(code_detail::Sorted(), "FD_CHECK_LIST must be sorted by code, without repeats");

/// The code of a text ("NET002", upper case exactly); nullopt when no check has it.
constexpr std::optional<Code> ParseCode(std::string_view text) {
  std::size_t lo = 0, hi = kCodeCount;
  while (lo < hi) {
    const std::size_t mid = (lo + hi) / 2;
    if (ToString(static_cast<Code>(mid)) < text) lo = mid + 1;
    else hi = mid;
  }
  if (lo < kCodeCount && ToString(static_cast<Code>(lo)) == text) return static_cast<Code>(lo);
  return std::nullopt;
}

/// Whether the code's text starts with `prefix` ("NET", "FW"): a family of checks.
constexpr bool InFamily(Code c, std::string_view prefix) {
  return ToString(c).substr(0, prefix.size()) == prefix;
}

static_assert(ToString(Code::kVpce001) == "VPCE001");
static_assert(ParseCode("FW008") == Code::kFw008);

}  // namespace fd

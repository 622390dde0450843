// Text for the HTML page and its drawings: escaping and clipping to a box.
#include <string>
#include <string_view>

#include "writers/html_parts.h"

namespace fd::writers::html {

std::string Esc(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '\0':
        out += "\xEF\xBF\xBD";
        break;  // U+FFFD: HTML forbids NUL
      default:
        out += c;
    }
  }
  return out;
}

std::string Clip(std::string_view s, size_t max) {
  size_t points = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (++points > max) break;
  }
  if (i >= s.size()) return std::string(s);
  // Cut one code point earlier to make room for the ellipsis.
  size_t cut = i;
  do --cut;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80);
  return std::string(s.substr(0, cut)) + "…";
}

}  // namespace fd::writers::html

#pragma once
/// Ingest-internal, shared by the two halves of JsonDoc::Parse: json_doc.cpp (the entry point
/// and the nlohmann SAX path, which decides and words every error) and json_fast_parser.cpp
/// (the fast path that reads nearly every document).

#include <algorithm>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

#include "ingest/json_doc.h"

namespace fd::ingest {

/// Blocks of string bytes owned by a JsonDoc; Copy returns a view that lives as long as it.
class DocArena {
 public:
  explicit DocArena(std::vector<std::unique_ptr<char[]>>& blocks) : blocks_(blocks) {}
  std::string_view Copy(std::string_view text) {
    if (text.empty()) return {};
    if (text.size() > left_) {
      constexpr std::size_t kBlock = 64 * 1024;
      std::size_t size = std::max(kBlock, text.size());
      blocks_.emplace_back(new char[size]);
      cursor_ = blocks_.back().get();
      left_ = size;
    }
    std::memcpy(cursor_, text.data(), text.size());
    std::string_view out(cursor_, text.size());
    cursor_ += text.size();
    left_ -= text.size();
    return out;
  }

 private:
  std::vector<std::unique_ptr<char[]>>& blocks_;
  char* cursor_ = nullptr;
  std::size_t left_ = 0;
};
/// The fast path of JsonDoc::Parse: true when it read the whole of `text` into `slots`; false
/// sends Parse to the nlohmann SAX path. What it accepts, and what it points into `text`
/// instead of copying into `arena`, is said at FastParser (json_fast_parser.cpp).
bool ParseFast(std::string_view text, std::vector<JsonSlot>& slots, DocArena& arena);

}  // namespace fd::ingest

#pragma once
/// Index<T>: the container of one kind of entity in the frozen Model.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace fd::model {

/// A vector of entities plus an id → position table. Lookups are O(1); iteration is in a
/// deterministic order (sorted by id after Build()). The table is open-addressed over a vector
/// of the entities' keys, so (re)building it allocates nothing per entity: an account's
/// hundreds of thousands of entities are indexed without a node each.
template <typename T>
struct IndexAccess;

template <typename T>
class Index {
 public:
  const T* Find(std::string_view id) const {
    const size_t i = Position(id);
    return i == kNone ? nullptr : &items_[i];
  }
  const std::vector<T>& all() const { return items_; }
  size_t size() const { return items_.size(); }
  auto begin() const { return items_.begin(); }
  auto end() const { return items_.end(); }

 private:
  friend struct IndexAccess<T>;
  static constexpr size_t kNone = static_cast<size_t>(-1);

  size_t Position(std::string_view id) const {
    if (slots_.empty()) return kNone;
    const size_t mask = slots_.size() - 1;
    for (size_t s = std::hash<std::string_view>()(id) & mask;; s = (s + 1) & mask) {
      const std::uint32_t v = slots_[s];
      if (v == 0) return kNone;
      if (keys_[v - 1] == id) return v - 1;
    }
  }
  /// Enters keys_[pos] in the table unless an earlier position holds the same key.
  void Link(size_t pos) {
    const size_t mask = slots_.size() - 1;
    for (size_t s = std::hash<std::string_view>()(keys_[pos]) & mask;; s = (s + 1) & mask) {
      std::uint32_t& v = slots_[s];
      if (v == 0) {
        v = static_cast<std::uint32_t>(pos + 1);
        return;
      }
      if (keys_[v - 1] == keys_[pos]) return;
    }
  }
  /// A table at most half full, with every key entered.
  void Relink() {
    size_t size = 16;
    while (size < 2 * keys_.size()) size *= 2;
    slots_.assign(size, 0);
    for (size_t i = 0; i < keys_.size(); ++i) Link(i);
  }

  std::vector<T> items_;
  std::vector<std::string> keys_;     ///< keys_[i] is the key of items_[i]
  std::vector<std::uint32_t> slots_;  ///< power-of-two table of position + 1; 0 is empty
};

}  // namespace fd::model

#pragma once
/// Model-internal: the builder's write access to an Index (the Model itself exposes only const
/// views). Shared by the model's translation units.

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "model/index.h"

namespace fd::model {

template <typename T>
struct IndexAccess {
  static std::vector<T>& items(Index<T>& i) { return i.items_; }
  /// The entity under `key`, for the builder to merge into; nullptr when absent.
  static T* Find(Index<T>& i, std::string_view key) {
    const size_t pos = i.Position(key);
    return pos == Index<T>::kNone ? nullptr : &i.items_[pos];
  }
  /// Adds `item` under `key` unless the key is present (the first copy wins). Returns the
  /// entity under the key and whether it is `item`; `item` is moved from only when added.
  static std::pair<T*, bool> Insert(Index<T>& i, std::string key, T& item) {
    if (T* cur = Find(i, key)) return {cur, false};
    i.items_.push_back(std::move(item));
    i.keys_.push_back(std::move(key));
    if (2 * i.keys_.size() > i.slots_.size()) i.Relink();
    else i.Link(i.keys_.size() - 1);
    return {&i.items_.back(), true};
  }
  /// Sorts the entities by `key` and indexes them by it. Each key is computed once (a composite
  /// key such as region + name would otherwise be built twice per comparison), and each entity
  /// is moved once. Of entities with equal keys, lookups find the first in order.
  template <typename KeyFn>
  static void Sort(Index<T>& index, KeyFn key) {
    auto& items = index.items_;
    std::vector<std::pair<std::string, size_t>> keyed;
    keyed.reserve(items.size());
    for (size_t i = 0; i < items.size(); ++i) keyed.emplace_back(key(items[i]), i);
    std::sort(keyed.begin(), keyed.end());
    std::vector<T> sorted;
    sorted.reserve(items.size());
    index.keys_.clear();
    index.keys_.reserve(items.size());
    for (auto& [k, i] : keyed) {
      sorted.push_back(std::move(items[i]));
      index.keys_.push_back(std::move(k));
    }
    items = std::move(sorted);
    index.Relink();
  }
};

/// IndexAccess<T>::Sort for any T.
template <typename T, typename KeyFn>
void SortIndex(Index<T>& index, KeyFn key) {
  IndexAccess<T>::Sort(index, key);
}

}  // namespace fd::model

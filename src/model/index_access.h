#pragma once
/// Model-internal: the builder's write access to an Index (the Model itself exposes only const
/// views). Shared by the model's translation units.

#include "model/model.h"

namespace fd::model {

template <typename T>
struct IndexAccess {
  static std::vector<T>& items(Index<T>& i) { return i.items_; }
  static std::unordered_map<std::string, size_t>& by_id(Index<T>& i) { return i.by_id_; }
};

}  // namespace fd::model

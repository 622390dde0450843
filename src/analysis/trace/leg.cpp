#include "analysis/trace/leg.h"

#include <algorithm>
#include <iterator>

namespace fd::analysis::trace {
namespace {

template <typename T>
void Append(std::vector<T>& to, std::vector<T>&& from) {
  if (to.empty()) {
    to = std::move(from);
    return;
  }
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

}  // namespace

Leg& Leg::Then(Leg next) {
  end = next.end;
  Append(routing, std::move(next.routing));
  Append(filters, std::move(next.filters));
  unknown = unknown || next.unknown;
  if (!next.via.empty()) via = std::move(next.via);
  Append(steps, std::move(next.steps));
  Append(gaps, std::move(next.gaps));
  return *this;
}

bool Leg::HasBlocker() const {
  auto blocker = [](const Fault& f) { return f.severity == report::Severity::kBlocker; };
  return std::any_of(routing.begin(), routing.end(), blocker) ||
         std::any_of(filters.begin(), filters.end(), blocker);
}

}  // namespace fd::analysis::trace

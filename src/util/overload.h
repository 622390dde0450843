#pragma once
/// The visitor of several lambdas for std::visit: `std::visit(Overload{[](const A&) {...},
/// [](const B&) {...}}, v)`.

namespace fd::util {

template <class... F>
struct Overload : F... {
  using F::operator()...;
};
template <class... F>
Overload(F...) -> Overload<F...>;

}  // namespace fd::util

// Quantity: a magnitude in base units (s, B, flop, J, W, ...) with its runtime
// dimension. Typed Boost.Units quantities convert to and from it losslessly.
#pragma once

#include <optional>

#include "mlsysim/framework/dimension.hpp"

namespace mlsysim {

struct Quantity {
  double value = 0.0;  // in base units of `dimension`
  Dimension dimension;

  template <class Q>
  static Quantity from(Q typed) {
    return {typed.value(), DimensionOf<Q>};
  }
  // The typed quantity, or nullopt if the dimension differs.
  template <class Q>
  std::optional<Q> as() const {
    if (dimension != DimensionOf<Q>) return std::nullopt;
    return Q::from_value(value);
  }
  bool operator==(const Quantity&) const = default;
};

}  // namespace mlsysim

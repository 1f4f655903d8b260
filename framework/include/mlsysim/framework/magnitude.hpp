// A number, integer, boolean or quantity as a plain magnitude in base units
// (booleans as 1/0), or nullopt for anything else. Used by sweeps, scoring and the front ends.
#pragma once

#include <cstdint>
#include <optional>

#include "mlsysim/framework/value.hpp"

namespace mlsysim {

inline std::optional<double> magnitude(const Value& v) {
  if (const Quantity* q = v.if_quantity()) return q->value;
  if (const double* d = v.if_number()) return *d;
  if (const std::int64_t* i = v.if_integer()) return static_cast<double>(*i);
  if (const bool* b = v.if_boolean()) return *b ? 1.0 : 0.0;
  return std::nullopt;
}

}  // namespace mlsysim

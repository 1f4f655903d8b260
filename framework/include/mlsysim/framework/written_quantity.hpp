// WrittenQuantity: a quantity kept as the user wrote it — its magnitude and
// unit as given beside its base-unit value — for the few inputs whose
// meaning depends on how they were written (MLSys·im 0.1.0's scaling sizes
// a budget of work by the magnitude as written, "1e9 TFLOP" as 1e9 flop,
// and reads any time unit as accelerator time). The port carries the text
// "<magnitude> <unit>"; requests may give that text, {"value", "unit"}, or
// a bare number (base units of `bare_dimension`, the project's rule).
#pragma once

#include <string>
#include <string_view>

#include "mlsysim/framework/dimension.hpp"
#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/quantity.hpp"
#include "mlsysim/framework/result.hpp"

namespace mlsysim {

struct WrittenQuantity {
  double magnitude = 0;  // as written: 1e9 for "1e9 TFLOP"
  std::string unit;      // as written: "TFLOP"
  Quantity base;         // in base units: 1e21 flop
};

template <class Q>
struct Written : WrittenQuantity {};

// "<magnitude> <unit>" of any dimension; errors name `field`.
MLSYSIM_API Result<WrittenQuantity> parse_written_quantity(std::string_view text, std::string_view field);

}  // namespace mlsysim

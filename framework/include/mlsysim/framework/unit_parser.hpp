// Unit strings at the edges: "312 TFLOP/s", "2.039 TB/s", "80 GiB",
// "0.015 ms", "3 Gbps", "19 TB/hour", "1/s", "flop/B".
//
// Decimal prefixes k/K M G T P E are powers of 1000, binary Ki Mi Gi Ti Pi
// powers of 1024, m u/µ n p are sub-multiples. `B`/`byte` is a byte,
// `b`/`bit` a bit (1/8 B); `bps` is bit/s. `flop`/`FLOP`/`FLOPs` count work,
// `FLOPS` (capital S) is the customary rate flop/s. Times: s, min, h/hour,
// day. Energy J, Wh; power W. Factors combine with `/` and `*`.
#pragma once

#include <string_view>

#include "mlsysim/framework/dimension.hpp"
#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/quantity.hpp"
#include "mlsysim/framework/result.hpp"

namespace mlsysim {

struct Unit {
  double factor = 1.0;  // multiply a magnitude by this to get base units
  Dimension dimension;
};

// Parses a unit expression ("TB/hour"). Errors name `field`.
MLSYSIM_API Result<Unit> parse_unit(std::string_view text, std::string_view field);

// Parses "<number> [<unit>]" into base units. The number must be finite.
MLSYSIM_API Result<Quantity> parse_quantity(std::string_view text, std::string_view field);

// As parse_quantity, and the dimension must equal `expected`: the error
// names the field, the unit given and the dimension expected.
MLSYSIM_API Result<Quantity> parse_quantity_as(std::string_view text, Dimension expected,
                                               std::string_view field);

// `magnitude` in `unit`, checked against `expected` ({"value": 3, "unit": "GB/s"}).
MLSYSIM_API Result<Quantity> make_quantity(double magnitude, std::string_view unit,
                                           Dimension expected, std::string_view field);

}  // namespace mlsysim

// Unit strings and quantities ("3 GB/s", "80 GiB", "1 W^2/h"): never a crash,
// and an accepted quantity is finite.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "mlsysim/framework/unit_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto q = mlsysim::parse_quantity(text, "field"); q.ok() && !std::isfinite(q->value)) std::abort();
  if (auto u = mlsysim::parse_unit(text, "field"); u.ok() && !std::isfinite(u->factor)) std::abort();
  return 0;
}

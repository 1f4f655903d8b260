// Pipeline expressions: parse, dimension-check (references as times, then as
// plain numbers) and evaluate whatever checks.
#include <cstdint>
#include <string_view>
#include <vector>

#include "mlsysim/registry/expression.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  mlsysim::Result<mlsysim::Expression> e = mlsysim::Expression::parse(text);
  if (!e.ok()) return 0;
  const std::size_t n = e->references().size();
  for (mlsysim::Dimension d : {mlsysim::dims::time, mlsysim::Dimension{}}) {
    std::vector<mlsysim::Dimension> dims(n, d);
    if (e->check(dims).ok()) {
      std::vector<double> values(n, 1.5);
      volatile double r = e->evaluate(values);
      (void)r;
    }
  }
  return 0;
}

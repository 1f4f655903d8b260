// Plan files: any YAML text is read and checked against the real zoo; a
// plan that checks is scored (its assertions too), so nothing a plan can
// say crashes the scorecard.
#include <cstdint>
#include <string_view>

#include "fuzz_registry.hpp"
#include "mlsysim/registry/plan.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const mlsysim::Result<mlsysim::Plan> plan =
      mlsysim::parse_plan(std::string_view(reinterpret_cast<const char*>(data), size), fuzz_registry());
  if (!plan.ok()) return 0;
  const mlsysim::Result<mlsysim::Scorecard> card = mlsysim::evaluate_system(fuzz_registry(), plan->system(), plan->options);
  if (card.ok()) (void)mlsysim::failed_assertions(*plan, *card);
  return 0;
}

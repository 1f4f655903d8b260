// Pipeline specs: parse and check against the real plugins; a spec that
// checks and has no sweep also runs once.
#include <cstdint>
#include <string_view>
#include <vector>

#include "fuzz_registry.hpp"
#include "mlsysim/framework/json.hpp"
#include "mlsysim/registry/pipeline.hpp"
#include "mlsysim/registry/session.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const mlsysim::Result<mlsysim::Json> json = mlsysim::parse_json(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!json.ok()) return 0;
  const mlsysim::Result<mlsysim::PipelineSpec> spec = mlsysim::parse_pipeline(*json);
  if (!spec.ok()) return 0;
  std::vector<mlsysim::Error> errors;
  std::optional<mlsysim::Pipeline> pipeline = mlsysim::check_pipeline(*spec, fuzz_registry(), errors);
  if (pipeline && pipeline->axes().empty()) {
    mlsysim::Session session(fuzz_registry());
    (void)pipeline->run(session);
    (void)pipeline->report();
  }
  return 0;
}

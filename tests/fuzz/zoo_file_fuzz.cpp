// Zoo files: a hardware or a model spec in the zoo format.
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "mlsysim/framework/json.hpp"
#include "mlsysim/framework/spec_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const mlsysim::Result<mlsysim::Json> json = mlsysim::parse_json(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!json.ok()) return 0;
  (void)mlsysim::hardware_from_json(*json);
  (void)mlsysim::model_from_json(*json);
  return 0;
}

// ZooCatalog: hardware and model specs read from zoo directories
// (<dir>/hardware/*.json, <dir>/models/*.json). A later directory adds
// entries or overrides earlier ones with the same id. A malformed file is
// reported (file and field) and skipped; the rest of the zoo still loads.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "mlsysim/framework/hardware_spec.hpp"
#include "mlsysim/framework/model_spec.hpp"

namespace mlsysim::zoo {

class ZooCatalog {
 public:
  using Report = std::function<void(std::string)>;

  void load_directory(const std::filesystem::path& dir, const Report& report);

  const std::vector<HardwareRef>& hardware() const { return hardware_; }
  const std::vector<ModelRef>& models() const { return models_; }

  // By id, alias, or MLSys·im path ("Hardware.Cloud.A100", "Cloud.A100").
  HardwareRef find_hardware(std::string_view name) const;
  ModelRef find_model(std::string_view name) const;

 private:
  std::vector<HardwareRef> hardware_;
  std::vector<ModelRef> models_;
};

}  // namespace mlsysim::zoo

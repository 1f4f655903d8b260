// ZooCatalog: the specs read from zoo directories (<dir>/hardware/*.json,
// <dir>/models/*.json, and one directory per spec kind: fabrics, nodes,
// grids, datacenters, fleets). A later directory adds entries or overrides
// earlier ones with the same id. A malformed file is reported (file and
// field) and skipped; the rest of the zoo still loads. Entries that name
// other entries (a fleet's node) are resolved against the zoo loaded so
// far, so kinds load in dependency order.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "mlsysim/framework/hardware_spec.hpp"
#include "mlsysim/framework/model_spec.hpp"
#include "mlsysim/framework/providers.hpp"

namespace mlsysim::zoo {

class ZooCatalog final : public Catalog {
 public:
  using Report = std::function<void(std::string)>;

  void load_directory(const std::filesystem::path& dir, const Report& report);

  const std::vector<HardwareRef>& hardware() const { return hardware_; }
  const std::vector<ModelRef>& models() const { return models_; }
  const std::vector<SpecRef>& specs(const SpecKind& kind) const;

  // By id, alias, or MLSys·im path ("Hardware.Cloud.A100", "Cloud.A100").
  HardwareRef find_hardware(std::string_view name) const;
  ModelRef find_model(std::string_view name) const;
  SpecRef find_spec(const SpecKind& kind, std::string_view name) const;

  // Catalog, over this zoo alone (to resolve references while loading).
  Result<HardwareRef> hardware(std::string_view id) const override;
  Result<ModelRef> model(std::string_view id) const override;
  std::vector<HardwareRef> all_hardware() const override { return hardware_; }
  std::vector<ModelRef> all_models() const override { return models_; }
  Result<SpecRef> spec(const SpecKind& kind, std::string_view id) const override;
  std::vector<SpecRef> all_specs(const SpecKind& kind) const override { return specs(kind); }

 private:
  std::vector<HardwareRef> hardware_;
  std::vector<ModelRef> models_;
  std::map<const SpecKind*, std::vector<SpecRef>> specs_;
};

}  // namespace mlsysim::zoo

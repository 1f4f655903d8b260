// The zoo plugin: serves MLSys·im's hardware, models, fabrics, nodes, grids
// and fleets (zoo/*/*.json,
// installed beside the plugins) plus any directories in MLSYSIM_ZOO_PATH,
// which add entries or override built-in ones by id.
#include <cstdlib>
#include <memory>
#include <string_view>

#include "mlsysim/sdk/plugin.hpp"
#include "zoo_catalog.hpp"

namespace mlsysim::zoo {
namespace {

class HardwareZoo : public HardwareProvider {
 public:
  explicit HardwareZoo(std::shared_ptr<const ZooCatalog> zoo) : zoo_(std::move(zoo)) {}
  std::string_view name() const override { return "zoo"; }
  std::vector<HardwareRef> list() const override { return zoo_->hardware(); }
  HardwareRef find(std::string_view id) const override { return zoo_->find_hardware(id); }

 private:
  std::shared_ptr<const ZooCatalog> zoo_;
};

class ModelZoo : public ModelProvider {
 public:
  explicit ModelZoo(std::shared_ptr<const ZooCatalog> zoo) : zoo_(std::move(zoo)) {}
  std::string_view name() const override { return "zoo"; }
  std::vector<ModelRef> list() const override { return zoo_->models(); }
  ModelRef find(std::string_view id) const override { return zoo_->find_model(id); }

 private:
  std::shared_ptr<const ZooCatalog> zoo_;
};

class SpecZoo : public SpecProvider {
 public:
  explicit SpecZoo(std::shared_ptr<const ZooCatalog> zoo) : zoo_(std::move(zoo)) {}
  std::string_view name() const override { return "zoo"; }
  std::vector<SpecRef> list(const SpecKind& kind) const override { return zoo_->specs(kind); }
  SpecRef find(const SpecKind& kind, std::string_view id) const override { return zoo_->find_spec(kind, id); }

 private:
  std::shared_ptr<const ZooCatalog> zoo_;
};

Status register_zoo(PluginRegistrar& registrar) {
  auto zoo = std::make_shared<ZooCatalog>();
  auto report = [&](std::string message) { registrar.report(std::move(message)); };
  // Each directory that cannot be read is reported and skipped by load_directory;
  // nothing here may throw, or the whole zoo would be lost with one bad entry.
  zoo->load_directory((registrar.library_path().parent_path() / MLSYSIM_ZOO_DIR_FROM_PLUGINS).lexically_normal(),
                      report);
  if (const char* env = std::getenv("MLSYSIM_ZOO_PATH")) {
    std::string_view rest = env;
    while (!rest.empty()) {
      std::size_t colon = rest.find(':');
      std::string_view dir = rest.substr(0, colon);
      if (!dir.empty()) zoo->load_directory(std::filesystem::path(dir), report);
      if (colon == std::string_view::npos) break;
      rest.remove_prefix(colon + 1);
    }
  }
  registrar.add_hardware_provider(std::make_shared<HardwareZoo>(zoo));
  registrar.add_model_provider(std::make_shared<ModelZoo>(zoo));
  registrar.add_spec_provider(std::make_shared<SpecZoo>(zoo));
  return {};
}

}  // namespace
}  // namespace mlsysim::zoo

MLSYSIM_PLUGIN("zoo", "0.1.0", mlsysim::zoo::register_zoo)

// PluginRegistrar: what a plugin's register function receives. A plugin adds
// its solvers and providers here; nothing is visible to users until the
// register function returns success, and then all of it is (or, on a
// duplicate name, none of it is).
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/providers.hpp"
#include "mlsysim/framework/solver.hpp"

namespace mlsysim {

class MLSYSIM_API PluginRegistrar {
 public:
  virtual ~PluginRegistrar();
  virtual void add_solver(std::unique_ptr<Solver> solver) = 0;
  virtual void add_hardware_provider(std::shared_ptr<HardwareProvider> provider) = 0;
  virtual void add_model_provider(std::shared_ptr<ModelProvider> provider) = 0;
  virtual void add_spec_provider(std::shared_ptr<SpecProvider> provider) = 0;
  // A problem that did not stop the plugin (e.g. one malformed zoo file).
  virtual void report(std::string diagnostic) = 0;
  // The plugin library's own file, to find data installed beside it.
  virtual const std::filesystem::path& library_path() const = 0;
};

}  // namespace mlsysim

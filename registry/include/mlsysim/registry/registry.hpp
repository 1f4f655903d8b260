// Registry: finds plugin libraries, checks them, keeps them loaded, and hands
// out solvers and hardware/model specs by name. It knows no physics.
//
// Loading never fails as a whole: each candidate file gets a PluginReport,
// broken ones are skipped, and the rest keep working. Solvers are only ever
// called through SolverHandle::solve, which validates the input record first.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mlsysim/framework/context.hpp"
#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/providers.hpp"
#include "mlsysim/framework/solver.hpp"
#include "mlsysim/registry/plugin_report.hpp"

namespace mlsysim {

// A registered solver. Holding one keeps its plugin library loaded.
class MLSYSIM_API SolverHandle {
 public:
  SolverHandle(std::shared_ptr<const Solver> solver, std::filesystem::path library);

  const SolverInfo& info() const { return solver_->info(); }
  const std::filesystem::path& library() const { return library_; }

  // Validates `inputs` against info().inputs, then solves into `outputs`
  // (cleared first; reuse one record across calls to avoid allocating). An
  // exception escaping the plugin becomes an `internal` error naming the
  // solver. On error `outputs` holds nothing meaningful.
  Status solve(const Record& inputs, Record& outputs, Context& ctx) const;
  // As above, returning a fresh record.
  Result<Record> solve(const Record& inputs, Context& ctx) const;

 private:
  // An input port as the per-solve check needs it, copied once from info():
  // small and contiguous, unlike PortInfo with its default and doc.
  struct InputCheck {
    Name name;
    Dimension dimension;
    ValueKind kind;
    bool required;
  };
  // validate_inputs' rule, on the cached ports. Only when it fails does
  // validate_inputs run, to find and word the error.
  bool inputs_acceptable(const Record& inputs) const;

  std::shared_ptr<const Solver> solver_;
  std::filesystem::path library_;
  std::vector<InputCheck> input_checks_;
  std::size_t required_inputs_ = 0;
};

class MLSYSIM_API Registry : public Catalog {
 public:
  Registry();
  ~Registry() override;
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // Loads every regular file ending in ".so" in each directory, in the given
  // order (files sorted by name within a directory). A directory that does
  // not exist is skipped silently; the same file is never loaded twice.
  void load_directories(const std::vector<std::filesystem::path>& dirs);
  // Loads one candidate; the report says whether it was accepted and why not.
  const PluginReport& load_file(const std::filesystem::path& file);

  const std::vector<PluginReport>& reports() const { return reports_; }

  // Solvers by name (nullptr if unknown) and all names, sorted.
  const SolverHandle* find_solver(std::string_view name) const;
  std::vector<std::string> solver_names() const;
  // The unknown_name error for a solver that is not registered.
  Error unknown_solver(std::string_view name) const;
  // Unknown name -> unknown_name error, else SolverHandle::solve.
  Status solve(std::string_view solver, const Record& inputs, Record& outputs, Context& ctx) const;
  Result<Record> solve(std::string_view solver, const Record& inputs, Context& ctx) const;

  // Catalog: first provider (in load order) that knows the id or alias.
  Result<HardwareRef> hardware(std::string_view id_or_alias) const override;
  Result<ModelRef> model(std::string_view id_or_alias) const override;
  std::vector<HardwareRef> all_hardware() const override;
  std::vector<ModelRef> all_models() const override;

 private:
  friend class StagingRegistrar;
  std::vector<PluginReport> reports_;
  std::map<std::string, SolverHandle, std::less<>> solvers_;
  // solvers_ as a flat list for find_solver: solvers are few, and comparing
  // lengths first finds one with a single string compare (map nodes never
  // move, so the pointers stay valid).
  std::vector<std::pair<std::string_view, const SolverHandle*>> solver_index_;
  std::vector<std::shared_ptr<const HardwareProvider>> hardware_providers_;
  std::vector<std::shared_ptr<const ModelProvider>> model_providers_;
};

}  // namespace mlsysim

// Registry: finds plugin libraries, checks them, keeps them loaded, maps
// contracts to their implementations (variants), and hands out solvers and
// hardware/model specs by name. It knows no physics.
//
// A solver is named "contract:variant" ("roofline:reference"); the plain
// contract name means its default variant: the one named "reference" if
// loaded, else the first loaded. A full name belongs to the first library
// that registers it; a second claim is refused naming both libraries.
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
#include "mlsysim/registry/solver_handle.hpp"

namespace mlsysim {

// One contract and its loaded implementations.
struct ContractEntry {
  std::string name;
  std::string version;
  std::string summary;
  const SolverHandle* default_variant = nullptr;
  std::vector<const SolverHandle*> variants;  // in load order
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

  // Adds a solver made in this process (e.g. one written in Python), with the
  // checks a plugin's solvers get: a new full name, and the contract's ports
  // if the contract is known. `origin` stands where a library path would.
  Status add_solver(std::shared_ptr<const Solver> solver, const std::filesystem::path& origin);

  const std::vector<PluginReport>& reports() const { return reports_; }
  // What loading noticed that is not about one file: a relative plugin
  // directory taken as an absolute one.
  const std::vector<std::string>& notices() const { return notices_; }

  // "contract" (its default variant) or "contract:variant"; nullptr if unknown.
  const SolverHandle* find_solver(std::string_view name) const;
  // Every implementation's full name, sorted.
  std::vector<std::string> solver_names() const;
  // Every contract with at least one implementation, by name.
  const std::map<std::string, ContractEntry, std::less<>>& contracts() const { return contracts_; }
  // The unknown_name error for a solver name that resolves to nothing.
  Error unknown_solver(std::string_view name) const;
  // Unknown name -> unknown_name error, else SolverHandle::solve.
  Status solve(std::string_view solver, const Record& inputs, Record& outputs, Context& ctx) const;
  Result<Record> solve(std::string_view solver, const Record& inputs, Context& ctx) const;

  // Catalog: first provider (in load order) that knows the id or alias.
  Result<HardwareRef> hardware(std::string_view id_or_alias) const override;
  Result<ModelRef> model(std::string_view id_or_alias) const override;
  std::vector<HardwareRef> all_hardware() const override;
  std::vector<ModelRef> all_models() const override;
  // Ids, aliases and MLSys·im paths ("Systems.Clusters.Research_256").
  Result<SpecRef> spec(const SpecKind& kind, std::string_view id_or_alias) const override;
  std::vector<SpecRef> all_specs(const SpecKind& kind) const override;

 private:
  friend class StagingRegistrar;
  // Why `info` cannot join the registry (a taken name, ports that differ
  // from its contract's), or OK.
  Status check_new_solver(const SolverInfo& info, const std::filesystem::path& origin) const;
  // Adds a checked implementation and indexes its names.
  void add_implementation(SolverHandle handle);

  std::vector<PluginReport> reports_;
  std::vector<std::string> notices_;
  std::map<std::string, SolverHandle, std::less<>> solvers_;  // by full name
  std::map<std::string, ContractEntry, std::less<>> contracts_;
  // Full and plain names as a flat list for find_solver: names are few, and
  // comparing lengths first finds one with a single string compare (map
  // nodes never move, so the pointers stay valid).
  std::vector<std::pair<std::string_view, const SolverHandle*>> solver_index_;
  std::vector<std::shared_ptr<const HardwareProvider>> hardware_providers_;
  std::vector<std::shared_ptr<const ModelProvider>> model_providers_;
  std::vector<std::shared_ptr<const SpecProvider>> spec_providers_;
};

}  // namespace mlsysim

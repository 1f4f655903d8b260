// SweepTarget: what a sweep computes for each combination of its axes. A
// solver (SolverTarget: the fixed inputs plus the axis values) or a compiled
// pipeline (PipelineTarget: its report columns, or every stage output). Each
// worker thread of the engine gets its own Runner, so stateful targets (a
// pipeline's records, a session) run in parallel without sharing.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/record.hpp"
#include "mlsysim/registry/pipeline.hpp"
#include "mlsysim/registry/registry.hpp"
#include "mlsysim/registry/sweep_space.hpp"

namespace mlsysim {

class MLSYSIM_API SweepTarget {
 public:
  class MLSYSIM_API Runner {
   public:
    virtual ~Runner();
    // Fills `outputs` (the target's outputs, in order) for the combination
    // at `position` (a value index per axis).
    virtual Status run(std::span<const std::uint64_t> position, Record& outputs) = 0;
    // The warnings the last run() raised (an unknown precision's FP16 peak, ...).
    virtual std::span<const std::string> warnings() const { return {}; }
    // The notes it raised (a row decided by a rule kept for parity, ...).
    virtual std::span<const std::string> notes() const { return {}; }
  };

  virtual ~SweepTarget();
  // What a row holds, in order: the columns a sink may write and the names
  // --where, --top and --pareto read.
  virtual const std::vector<PortInfo>& outputs() const = 0;
  // The dimension of an axis's values, for --where.
  virtual Dimension axis_dimension(const SweepAxis& axis) const = 0;
  // A non-swept input --where may read: its value in base units, or nullopt.
  virtual std::optional<Quantity> constant(std::string_view name) const = 0;
  // Whether `space` can run here at all (an axis over a spec field needs the
  // spec); checked once, before any row.
  virtual Status check(const SweepSpace&) const { return {}; }
  // Whether outputs() is a choice of columns (a pipeline's report) rather
  // than everything the target computes: rows then carry no warnings column.
  virtual bool columns_chosen() const { return false; }
  virtual std::unique_ptr<Runner> runner(const SweepSpace& space) const = 0;
};

// One solver; the axes set its inputs over `fixed` (a spec field axis, on a
// copy of the spec).
class MLSYSIM_API SolverTarget final : public SweepTarget {
 public:
  SolverTarget(const Registry& registry, const SolverHandle& solver, Record fixed)
      : registry_(registry), solver_(solver), fixed_(std::move(fixed)) {}
  const std::vector<PortInfo>& outputs() const override { return solver_.info().outputs(); }
  Dimension axis_dimension(const SweepAxis& axis) const override;
  std::optional<Quantity> constant(std::string_view name) const override;
  Status check(const SweepSpace& space) const override;
  std::unique_ptr<Runner> runner(const SweepSpace& space) const override;

 private:
  const Registry& registry_;
  const SolverHandle& solver_;
  Record fixed_;
};

// A compiled pipeline whose sweep axes are the space's (pipeline_space()).
class MLSYSIM_API PipelineTarget final : public SweepTarget {
 public:
  PipelineTarget(const Registry& registry, const Pipeline& pipeline);
  const std::vector<PortInfo>& outputs() const override { return outputs_; }
  Dimension axis_dimension(const SweepAxis& axis) const override;
  std::optional<Quantity> constant(std::string_view) const override { return std::nullopt; }
  bool columns_chosen() const override { return !pipeline_.report_columns().empty(); }
  std::unique_ptr<Runner> runner(const SweepSpace& space) const override;

 private:
  const Registry& registry_;
  const Pipeline& pipeline_;
  std::vector<PortInfo> outputs_;
};

// The pipeline's sweep axes as a SweepSpace: labels as written in the spec.
MLSYSIM_API SweepSpace pipeline_space(const Pipeline& pipeline);

}  // namespace mlsysim

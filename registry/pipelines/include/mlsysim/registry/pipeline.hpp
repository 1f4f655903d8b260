// Pipeline: a checked, ready-to-run chain of solvers.
//
// check_pipeline() resolves a PipelineSpec (pipeline_spec.hpp) against the
// registry without solving anything. It reports every problem it finds, each
// naming the stage and the port (Error::field is "stage.port"): unknown
// solver, binding of an undeclared port, required input not bound, a
// literal of the wrong kind or unit, a `from` or expression reference to an
// unknown or later stage or to an output that does not exist, a malformed
// expression, and dimension mismatches.
//
// Binding rules, per stage input port:
//  1. the stage's own binding (literal, {"from"}, {"expr"});
//  2. else a pipeline input of the same name;
//  3. else the latest earlier stage with an output of that name;
//  4. else the port's default, or an error if the port is required.
// Pipeline inputs a stage does not declare are not given to it.
//
// run() solves the stages in order, reusing one input and one output record
// per stage, and stops at the first stage that fails.
//
// Sweep axes ("sweep" in the spec) are pipeline inputs with many values:
// each value is decoded and checked for every port it reaches when the
// pipeline is compiled (errors name the value: "[with batch_size=1.5]"),
// and select() picks one value per axis before each run(), so a sweep is
// one compiled pipeline run many times.
//
// Report columns ("report" in the spec) are a stage output of any kind, or
// an expression over stage outputs and pipeline inputs, checked like a stage
// input's (problems name "report.<column>"); report() evaluates them after
// a run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/record.hpp"
#include "mlsysim/registry/pipeline_observer.hpp"
#include "mlsysim/registry/pipeline_spec.hpp"
#include "mlsysim/registry/registry.hpp"
#include "mlsysim/registry/session.hpp"

namespace mlsysim {

class MLSYSIM_API Pipeline {
 public:
  // One stage's result after run(): outputs if `status` is OK.
  struct StageResult {
    std::string id;
    std::string solver;
    Status status;
    Record outputs;
    std::vector<std::string> warnings;
    std::vector<std::string> notes;
    bool ran = false;  // false for stages after a failed one
  };

  const std::string& name() const;
  const std::vector<StageResult>& results() const;

  // Solves every stage in order. Returns the first failure (its error names
  // the stage), after which later stages are marked as not run.
  // Observers hear about every stage that ran.
  Status run(Session& session, std::span<PipelineObserver* const> observers = {});

  // The output `stage.output` of the last run, or nullptr.
  const Value* output(std::string_view stage, std::string_view output) const;

  // The sweep axes, in the spec's order: names and values as written.
  struct Axis {
    std::string name;
    std::vector<Json> values;
  };
  const std::vector<Axis>& axes() const;
  // The value index of each axis for the following runs (all 0 at first).
  void select(std::span<const std::uint64_t> position);

  // The report's column names, in the spec's order (empty without a report).
  const std::vector<std::string>& report_columns() const;
  // Each report column's value for the last run; null where what it reads
  // is missing (a stage that failed or did not run, a null output).
  std::vector<Value> report() const;

  // What each stage reads and produces, for `pipeline explain`: each bound
  // input with where its value comes from ("compute.latency", an expression,
  // a value, a swept input), the inputs left at their defaults, the outputs.
  struct StageExplanation {
    std::string id;
    const SolverHandle* solver = nullptr;
    std::vector<std::pair<std::string, std::string>> inputs;  // port, source
    std::vector<std::string> defaults;
    std::vector<std::string> outputs;
  };
  std::vector<StageExplanation> explain() const;

  // A run as one row: the report columns, or without a report every stage
  // output named "stage.output". row_ports() says what each column holds.
  std::vector<PortInfo> row_ports() const;
  void row(Record& out) const;

 Pipeline(const Pipeline& other);
  Pipeline& operator=(const Pipeline& other);
  Pipeline(Pipeline&&) noexcept;
  Pipeline& operator=(Pipeline&&) noexcept;
  ~Pipeline();

 private:
  friend class PipelineCompiler;
  struct Compiled;  // the stages' bindings and records (src/compiled_pipeline.hpp)
  explicit Pipeline(std::unique_ptr<Compiled> compiled);
  std::unique_ptr<Compiled> compiled_;
};

// Checks `spec` against `registry` (pipeline inputs as in spec.inputs, swept
// inputs as in spec.sweep). Returns the runnable pipeline, or nullopt with
// every problem appended to `errors`.
MLSYSIM_API std::optional<Pipeline> check_pipeline(const PipelineSpec& spec, const Registry& registry,
                                                   std::vector<Error>& errors);

}  // namespace mlsysim

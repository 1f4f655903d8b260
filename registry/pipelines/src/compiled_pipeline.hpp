// Pipeline::Compiled: what check_pipeline() makes of a spec and run()
// executes. Private to the pipelines library: the public Pipeline
// (pipeline.hpp) holds one and forwards to it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "mlsysim/framework/record.hpp"
#include "mlsysim/registry/expression.hpp"
#include "mlsysim/registry/pipeline.hpp"

namespace mlsysim {

struct Pipeline::Compiled {
  // Where a stage input comes from at run time.
  struct Operand {  // one expression reference
    std::optional<double> constant;  // a pipeline input
    std::optional<std::size_t> slot; // a swept pipeline input: its table
    std::size_t stage = 0;           // else this stage's output
    Name output;
  };
  struct Source {
    enum class Kind { kConstant, kStageOutput, kExpression, kSlot } kind = Kind::kConstant;
    Value constant;
    std::size_t slot = 0;  // kSlot: the table of the swept input
    std::size_t stage = 0;  // kStageOutput
    Name output;
    std::optional<Expression> expression;  // kExpression
    std::vector<Operand> operands;
    Dimension dimension;      // of the expression's result
    bool to_integer = false;  // the port is an integer
  };
  struct Binding {
    Name port;
    Source source;
  };
  struct Stage {
    const SolverHandle* solver = nullptr;
    std::vector<Binding> bindings;
    Record inputs;  // reused across runs
  };
  // A swept input's values as one port (or expressions) reads them.
  struct SlotTable {
    std::size_t axis = 0;
    std::vector<Value> values;    // decoded for a port
    std::vector<double> numbers;  // magnitudes, for expressions
  };

  Status run(Session& session, std::span<PipelineObserver* const> observers);
  const Value* output(std::string_view stage, std::string_view output) const;
  std::vector<Value> report() const;
  std::vector<PortInfo> row_ports() const;
  void row(Record& out) const;

  Status bind(std::size_t stage_index, const Binding& binding, Record& inputs,
              std::vector<double>& scratch) const;
  // The value of `source` in this run, or why there is none ("'a.b' is null
  // in this run").
  std::optional<std::string> resolve(const Source& source, Value& out,
                                     std::vector<double>& scratch) const;

  std::string name;
  std::vector<Stage> stages;
  std::vector<StageResult> results;
  std::vector<Axis> axes;
  std::vector<SlotTable> slots;
  std::vector<std::uint64_t> position;
  std::vector<std::string> report_columns;
  std::vector<PortInfo> report_ports;  // kind and dimension of each column
  std::vector<Source> report_sources;
  std::vector<double> operand_values;  // run()'s scratch for expression operands
};

}  // namespace mlsysim

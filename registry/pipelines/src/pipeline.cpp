// pipeline run: binds each stage's inputs and solves the stages in order,
// reporting each stage's end to the observers.
#include "compiled_pipeline.hpp"

#include <cmath>

#include <fmt/format.h>

namespace mlsysim {

PipelineObserver::~PipelineObserver() = default;

std::optional<std::string> Pipeline::Compiled::resolve(const Source& s, Value& out,
                                             std::vector<double>& scratch) const {
  auto null_output = [&](std::size_t stage, Name output) {
    return fmt::format("'{}.{}' is null in this run", results[stage].id, output.view());
  };
  auto output_of = [&](std::size_t stage, Name output) -> const Value* {
    const StageResult& r = results[stage];
    return r.ran && r.status.ok() ? r.outputs.find(output) : nullptr;
  };
  switch (s.kind) {
    case Source::Kind::kConstant:
      out = s.constant;
      return std::nullopt;
    case Source::Kind::kSlot: {
      const SlotTable& t = slots[s.slot];
      out = t.values[position.empty() ? 0 : position[t.axis]];
      return std::nullopt;
    }
    case Source::Kind::kStageOutput: {
      const Value* v = output_of(s.stage, s.output);
      if (v == nullptr || v->is_null()) return null_output(s.stage, s.output);
      out = *v;
      return std::nullopt;
    }
    case Source::Kind::kExpression: {
      scratch.clear();
      for (const Operand& op : s.operands) {
        if (op.constant) {
          scratch.push_back(*op.constant);
          continue;
        }
        if (op.slot) {
          const SlotTable& t = slots[*op.slot];
          scratch.push_back(t.numbers[position.empty() ? 0 : position[t.axis]]);
          continue;
        }
        const Value* v = output_of(op.stage, op.output);
        if (v == nullptr || v->is_null()) return null_output(op.stage, op.output);
        if (const Quantity* q = v->if_quantity()) scratch.push_back(q->value);
        else if (const double* d = v->if_number()) scratch.push_back(*d);
        else scratch.push_back(static_cast<double>(*v->if_integer()));
      }
      const double r = s.expression->evaluate(scratch);
      if (!std::isfinite(r))  // a division by zero, an overflow: never an input
        return fmt::format("expression '{}' gave {}, not a finite number", s.expression->text(), r);
      if (s.to_integer) {
        if (!(std::isfinite(r) && std::trunc(r) == r && std::fabs(r) < 9.2e18))
          return fmt::format("expression '{}' gave {}, not an integer", s.expression->text(), r);
        out = Value(static_cast<std::int64_t>(r));
      } else if (s.dimension.dimensionless()) {
        out = Value(r);
      } else {
        out = Value(Quantity{r, s.dimension});
      }
      return std::nullopt;
    }
  }
  return std::nullopt;
}

Status Pipeline::Compiled::bind(std::size_t i, const Binding& b, Record& inputs, std::vector<double>& scratch) const {
  Value value;
  if (std::optional<std::string> why = resolve(b.source, value, scratch)) {
    const std::string& id = results[i].id;
    return Error::bad_input(fmt::format("{}.{}", id, b.port.view()),
                            fmt::format("stage '{}', input '{}': {}", id, b.port.view(), *why));
  }
  inputs.append(b.port, std::move(value));
  return {};
}

std::vector<PortInfo> Pipeline::Compiled::row_ports() const {
  if (!report_ports.empty()) return report_ports;
  std::vector<PortInfo> out;
  for (std::size_t i = 0; i < stages.size(); ++i)
    for (PortInfo p : stages[i].solver->info().outputs()) {
      p.name = Name(results[i].id + "." + p.name.str());
      out.push_back(std::move(p));
    }
  return out;
}

void Pipeline::Compiled::row(Record& out) const {
  out.clear();
  if (!report_ports.empty()) {
    std::vector<Value> values = report();
    for (std::size_t c = 0; c < values.size(); ++c) out.append(report_ports[c].name, std::move(values[c]));
    return;
  }
  for (std::size_t i = 0; i < stages.size(); ++i)
    for (const PortInfo& p : stages[i].solver->info().outputs()) {
      const Value* v = results[i].ran && results[i].status.ok() ? results[i].outputs.find(p.name) : nullptr;
      out.append(Name(results[i].id + "." + p.name.str()), v ? *v : Value());
    }
}

std::vector<Value> Pipeline::Compiled::report() const {
  std::vector<Value> values(report_sources.size());
  std::vector<double> numbers;
  for (std::size_t c = 0; c < report_sources.size(); ++c)
    if (resolve(report_sources[c], values[c], numbers)) values[c] = Value();
  return values;
}

Status Pipeline::Compiled::run(Session& session, std::span<PipelineObserver* const> observers) {
  using Clock = std::chrono::steady_clock;
  for (StageResult& r : results) {
    r.status = {};
    r.ran = false;
    r.warnings.clear();
    r.notes.clear();
  }
  for (std::size_t i = 0; i < stages.size(); ++i) {
    const Clock::time_point start = observers.empty() ? Clock::time_point{} : Clock::now();
    Stage& stage = stages[i];
    StageResult& result = results[i];
    stage.inputs.clear();
    Status status;
    for (const Binding& b : stage.bindings) {
      status = bind(i, b, stage.inputs, operand_values);
      if (!status.ok()) break;
    }
    if (status.ok()) status = stage.solver->solve(stage.inputs, result.outputs, session);
    if (!session.warnings().empty()) result.warnings = session.take_warnings();
    if (!session.notes().empty()) result.notes = session.take_notes();
    if (!status.ok() && status.error().field.rfind(result.id + ".", 0) != 0) {
      Error e = status.error();  // name the stage
      e.field = e.field.empty() ? result.id : fmt::format("{}.{}", result.id, e.field);
      e.message = fmt::format("stage '{}' ({}): {}", result.id, result.solver, e.message);
      status = std::move(e);
    }
    result.status = status;
    result.ran = true;
    if (!observers.empty()) {
      const StageEvent event{name, i, result.id, result.solver,
                             std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start),
                             result.status, result.outputs};
      for (PipelineObserver* o : observers) o->on_stage_end(event);
    }
    if (!status.ok()) return status;
  }
  return {};
}

const Value* Pipeline::Compiled::output(std::string_view stage, std::string_view output) const {
  for (const StageResult& r : results)
    if (r.id == stage) return r.ran && r.status.ok() ? r.outputs.find(output) : nullptr;
  return nullptr;
}

// The public face: forwards to the compiled pipeline.
Pipeline::Pipeline(std::unique_ptr<Compiled> compiled) : compiled_(std::move(compiled)) {}
Pipeline::Pipeline(const Pipeline& other) : compiled_(std::make_unique<Compiled>(*other.compiled_)) {}
Pipeline& Pipeline::operator=(const Pipeline& other) {
  if (this != &other) compiled_ = std::make_unique<Compiled>(*other.compiled_);
  return *this;
}
Pipeline::Pipeline(Pipeline&&) noexcept = default;
Pipeline& Pipeline::operator=(Pipeline&&) noexcept = default;
Pipeline::~Pipeline() = default;

const std::string& Pipeline::name() const { return compiled_->name; }
const std::vector<Pipeline::StageResult>& Pipeline::results() const { return compiled_->results; }
const std::vector<Pipeline::Axis>& Pipeline::axes() const { return compiled_->axes; }
void Pipeline::select(std::span<const std::uint64_t> position) {
  compiled_->position.assign(position.begin(), position.end());
}
const std::vector<std::string>& Pipeline::report_columns() const { return compiled_->report_columns; }
Status Pipeline::run(Session& session, std::span<PipelineObserver* const> observers) {
  return compiled_->run(session, observers);
}
const Value* Pipeline::output(std::string_view stage, std::string_view output) const {
  return compiled_->output(stage, output);
}
std::vector<Value> Pipeline::report() const { return compiled_->report(); }
std::vector<PortInfo> Pipeline::row_ports() const { return compiled_->row_ports(); }
void Pipeline::row(Record& out) const { compiled_->row(out); }

}  // namespace mlsysim

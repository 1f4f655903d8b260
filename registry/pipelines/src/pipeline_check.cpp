// pipeline check: compiles a PipelineSpec against the registry (solvers,
// bindings, expressions, constraints) into a Pipeline, reporting every
// problem with the stage and port it concerns.
#include <algorithm>
#include <cmath>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "compiled_pipeline.hpp"
#include "pipeline_ports.hpp"

namespace mlsysim {

// Resolves a spec against the registry: one pass over the stages, recording
// every problem rather than stopping at the first.
class PipelineCompiler {
  using Compiled = Pipeline::Compiled;

 public:
  PipelineCompiler(const PipelineSpec& spec, const Registry& registry, std::vector<Error>& errors)
      : spec_(spec), registry_(registry), errors_(errors) {}

  std::optional<Pipeline> compile() {
    const std::size_t errors_before = errors_.size();
    Compiled p;
    p.name = spec_.name;
    for (const auto& [name, values] : spec_.sweep) p.axes.push_back({name, values});
    pipeline_ = &p;
    for (const PipelineSpec::Stage& s : spec_.stages) {
      const SolverHandle* handle = registry_.find_solver(s.solver);
      if (handle == nullptr) {
        Error e = registry_.unknown_solver(s.solver);
        e.field = s.id + ".solver";
        e.message = fmt::format("stage '{}': {}", s.id, e.message);
        errors_.push_back(std::move(e));
      }
      infos_.push_back(handle ? &handle->info() : nullptr);
      Compiled::Stage stage;
      stage.solver = handle;
      p.stages.push_back(std::move(stage));
      p.results.push_back({s.id, s.solver, {}, {}, {}, {}, false});
    }
    for (std::size_t i = 0; i < spec_.stages.size(); ++i) stage_index_.emplace(spec_.stages[i].id, i);
    for (std::size_t i = 0; i < spec_.stages.size(); ++i) {
      if (infos_[i] == nullptr) continue;
      bind_stage(i, p.stages[i]);
      for (const PortInfo& out : infos_[i]->outputs()) latest_output_[out.name.str()] = i;  // for later stages
    }
    compile_report(p);
    if (errors_.size() != errors_before) return std::nullopt;
    return Pipeline(std::make_unique<Compiled>(std::move(p)));
  }

 private:
  // A problem with `port` of stage `stage`; the index one past the last
  // stage stands for the report, whose "ports" are its columns.
  void fail(std::size_t stage, std::string_view port, std::string message,
            ErrorCode code = ErrorCode::kBadInput) {
    if (stage == spec_.stages.size()) {
      errors_.push_back({code, fmt::format("report.{}", port),
                         fmt::format("report column '{}': {}", port, message)});
      return;
    }
    const std::string& id = spec_.stages[stage].id;
    errors_.push_back({code, fmt::format("{}.{}", id, port),
                       fmt::format("stage '{}', input '{}': {}", id, port, message)});
  }

  void bind_stage(std::size_t i, Compiled::Stage& stage) {
    const PipelineSpec::Stage& s = spec_.stages[i];
    const SolverInfo& info = *infos_[i];
    std::vector<std::string> bound;
    for (const auto& [port_name, json] : s.inputs) {
      bound.push_back(port_name);
      const PortInfo* port = info.find_input(port_name);
      if (port == nullptr) {
        fail(i, port_name, unknown_input(info, port_name).message);
        continue;
      }
      std::optional<Compiled::Source> source;
      if (json.is_object() && json.size() == 1 && json.contains("from")) {
        source = from_binding(i, *port, json["from"]);
      } else if (json.is_object() && json.size() == 1 && json.contains("expr")) {
        source = expression_binding(i, *port, json["expr"]);
      } else {
        source = literal(i, *port, json, "");
      }
      if (source) stage.bindings.push_back({port->name, std::move(*source)});
    }
    for (const PortInfo& port : info.inputs()) {
      if (std::find(bound.begin(), bound.end(), port.name.view()) != bound.end()) continue;
      if (std::optional<std::size_t> axis = sweep_axis(port.name.str())) {
        if (auto slot = port_slot(i, port, *axis)) {
          Compiled::Source source;
          source.kind = Compiled::Source::Kind::kSlot;
          source.slot = *slot;
          stage.bindings.push_back({port.name, std::move(source)});
        }
        continue;
      }
      if (const Json* given = pipeline_input(port.name.str())) {
        if (auto source = literal(i, port, *given, port.name.str()))
          stage.bindings.push_back({port.name, std::move(*source)});
        continue;
      }
      if (auto source = implicit_output(i, port)) {
        stage.bindings.push_back({port.name, std::move(*source)});
        continue;
      }
      if (port.required)
        fail(i, port.name.view(),
             fmt::format("required input is not bound (bind it in the stage's \"inputs\", add a "
                         "pipeline input named '{}', or run an earlier stage with such an output)",
                         port.name.view()));
    }
  }

  std::optional<std::size_t> sweep_axis(const std::string& name) const {
    for (std::size_t a = 0; a < spec_.sweep.size(); ++a)
      if (spec_.sweep[a].first == name) return a;
    return std::nullopt;
  }

  std::string with_value(std::size_t axis, const Json& value) const {
    return fmt::format(" [with {}={}]", spec_.sweep[axis].first, value.is_string() ? value.get<std::string>() : value.dump());
  }

  // Every value of a swept input decoded for `port` (rule 2), each checked.
  std::optional<std::size_t> port_slot(std::size_t i, const PortInfo& port, std::size_t axis) {
    Compiled::SlotTable table;
    table.axis = axis;
    for (const Json& value : spec_.sweep[axis].second) {
      Result<Value> v = decode_value(value, port, registry_);
      if (v.ok())
        if (auto why = port.constraint.violation(port.name.view(), *v)) v = Error::bad_input(port.name.str(), *why);
      if (!v.ok()) {
        fail(i, port.name.view(), fmt::format("pipeline input '{}': {}{}", spec_.sweep[axis].first,
                                              v.error().message, with_value(axis, value)), v.error().code);
        return std::nullopt;
      }
      table.values.push_back(std::move(*v));
    }
    pipeline_->slots.push_back(std::move(table));
    return pipeline_->slots.size() - 1;
  }

  // Every value of a swept input as a number for expressions; one dimension.
  std::optional<std::pair<std::size_t, Dimension>> number_slot(std::size_t i, std::string_view site, std::size_t axis) {
    Compiled::SlotTable table;
    table.axis = axis;
    std::optional<Dimension> dim;
    const std::string& name = spec_.sweep[axis].first;
    for (const Json& value : spec_.sweep[axis].second) {
      std::optional<Quantity> q = numeric_input(i, site, name, value);
      if (!q) return std::nullopt;
      if (dim && *dim != q->dimension) {
        fail(i, site, fmt::format("the values of swept input '{}' have different units{}", name, with_value(axis, value)));
        return std::nullopt;
      }
      dim = q->dimension;
      table.numbers.push_back(q->value);
    }
    pipeline_->slots.push_back(std::move(table));
    return std::pair{pipeline_->slots.size() - 1, *dim};
  }

  const Json* pipeline_input(const std::string& name) const {
    for (const auto& [key, value] : spec_.inputs)
      if (key == name) return &value;
    return nullptr;
  }

  std::optional<Compiled::Source> literal(std::size_t i, const PortInfo& port, const Json& json,
                                          const std::string& from_input) {
    Result<Value> v = decode_value(json, port, registry_);
    if (v.ok()) {
      // The port's declared constraint, as the registry would apply it.
      if (auto why = port.constraint.violation(port.name.view(), *v)) v = Error::bad_input(port.name.str(), *why);
    }
    if (!v.ok()) {
      fail(i, port.name.view(),
           from_input.empty() ? v.error().message
                              : fmt::format("pipeline input '{}': {}", from_input, v.error().message),
           v.error().code);
      return std::nullopt;
    }
    Compiled::Source source;
    source.constant = std::move(*v);
    return source;
  }

  // Rule 3: the latest earlier stage with an output of the port's name.
  std::optional<Compiled::Source> implicit_output(std::size_t i, const PortInfo& port) {
    if (auto latest = latest_output_.find(port.name.str()); latest != latest_output_.end()) {
      const std::size_t j = latest->second;
      const PortInfo* out = infos_[j]->find_output(port.name.view());
      if (!accepts(port, *out)) {
        fail(i, port.name.view(),
             fmt::format("implicitly bound to '{}.{}', which is {}, but the input expects {}",
                         spec_.stages[j].id, out->name.view(), describe_port(out->kind, out->dimension, out->spec_kind),
                         describe_port(port.kind, port.dimension, port.spec_kind)));
        return std::nullopt;
      }
      Compiled::Source source;
      source.kind = Compiled::Source::Kind::kStageOutput;
      source.stage = j;
      source.output = out->name;
      return source;
    }
    return std::nullopt;
  }

  // "stage.output" of an earlier stage: its index and port, or nullopt
  // (reported, unless the stage's solver is unknown and already reported).
  std::optional<std::pair<std::size_t, const PortInfo*>> reference(std::size_t i, std::string_view port,
                                                                    const std::string& ref) {
    const std::size_t dot = ref.find('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 == ref.size()) {
      fail(i, port, fmt::format("'{}' is not a \"stage.output\" reference", ref));
      return std::nullopt;
    }
    const std::string stage_id = ref.substr(0, dot), output = ref.substr(dot + 1);
    std::size_t j = 0;
    if (auto known = stage_index_.find(stage_id); known != stage_index_.end()) j = known->second;
    else j = spec_.stages.size();
    if (j == spec_.stages.size()) {
      std::string ids;
      for (const auto& s : spec_.stages) ids += (ids.empty() ? "" : ", ") + s.id;
      fail(i, port, fmt::format("'{}' refers to an unknown stage '{}' (stages: {})", ref, stage_id, ids));
      return std::nullopt;
    }
    if (j >= i) {
      fail(i, port, fmt::format("'{}' refers to stage '{}', which does not run before stage '{}'", ref,
                                stage_id, spec_.stages[i].id));
      return std::nullopt;
    }
    if (infos_[j] == nullptr) return std::nullopt;
    const PortInfo* out = infos_[j]->find_output(output);
    if (out == nullptr) {
      fail(i, port, fmt::format("stage '{}' (solver '{}') has no output '{}' (its outputs: {})", stage_id,
                                infos_[j]->contract_name(), output, names_of(infos_[j]->outputs())));
      return std::nullopt;
    }
    return std::make_pair(j, out);
  }

  std::optional<Compiled::Source> from_binding(std::size_t i, const PortInfo& port, const Json& from) {
    if (!from.is_string()) {
      fail(i, port.name.view(), "\"from\" must be a \"stage.output\" string");
      return std::nullopt;
    }
    auto ref = reference(i, port.name.view(), from.get<std::string>());
    if (!ref) return std::nullopt;
    const PortInfo& out = *ref->second;
    if (!accepts(port, out)) {
      fail(i, port.name.view(),
           fmt::format("'{}' is {}, but the input expects {}", from.get<std::string>(),
                       describe_port(out.kind, out.dimension, out.spec_kind), describe_port(port.kind, port.dimension, port.spec_kind)));
      return std::nullopt;
    }
    Compiled::Source source;
    source.kind = Compiled::Source::Kind::kStageOutput;
    source.stage = ref->first;
    source.output = out.name;
    return source;
  }

  std::optional<Quantity> numeric_input(std::size_t i, std::string_view port, const std::string& name,
                                        const Json& json) {
    Result<Quantity> q = quantity_of(name, json);
    if (!q.ok()) {
      fail(i, port, fmt::format("pipeline input '{}' is not a number or quantity: {}", name, q.error().message));
      return std::nullopt;
    }
    return *q;
  }

  // A stage input bound to {"expr": "..."}: the expression's dimension
  // must be the port's.
  std::optional<Compiled::Source> expression_binding(std::size_t i, const PortInfo& port, const Json& expr) {
    const std::string_view port_name = port.name.view();
    if (!expr.is_string()) {
      fail(i, port_name, "\"expr\" must be a string");
      return std::nullopt;
    }
    std::optional<Compiled::Source> source = expression(i, port_name, expr.get_ref<const std::string&>());
    if (!source) return std::nullopt;
    const Dimension dim = source->dimension;
    const bool numeric_port = port.kind == ValueKind::kNumber || port.kind == ValueKind::kInteger;
    const Dimension want = port.kind == ValueKind::kQuantity ? port.dimension : Dimension{};
    if ((!numeric_port && port.kind != ValueKind::kQuantity) || dim != want) {
      fail(i, port_name, fmt::format("expression '{}' gives {}, but the input expects {}",
                                     source->expression->text(),
                                     describe_port(dim.dimensionless() ? ValueKind::kNumber : ValueKind::kQuantity, dim),
                                     describe_port(port.kind, port.dimension, port.spec_kind)));
      return std::nullopt;
    }
    source->to_integer = port.kind == ValueKind::kInteger;
    return source;
  }

  // An expression over stage outputs before stage `i` and pipeline inputs,
  // parsed and dimension-checked; problems are reported against `site`.
  std::optional<Compiled::Source> expression(std::size_t i, std::string_view site, const std::string& text) {
    Result<Expression> parsed = Expression::parse(text);
    if (!parsed.ok()) {
      fail(i, site, parsed.error().message);
      return std::nullopt;
    }
    Compiled::Source source;
    source.kind = Compiled::Source::Kind::kExpression;
    std::vector<Dimension> dims;
    bool resolved = true;
    for (const std::string& name : parsed->references()) {
      std::optional<Dimension> dim = operand(i, site, *parsed, name, source.operands.emplace_back());
      if (dim) dims.push_back(*dim);
      else resolved = false;
    }
    if (!resolved) return std::nullopt;
    Result<Dimension> dim = parsed->check(dims);
    if (!dim.ok()) {
      fail(i, site, dim.error().message);
      return std::nullopt;
    }
    source.dimension = *dim;
    source.expression = std::move(*parsed);
    return source;
  }

  // Resolves one name an expression reads into `operand`; its dimension, or
  // nullopt (reported).
  std::optional<Dimension> operand(std::size_t i, std::string_view site, const Expression& e,
                                   const std::string& name, Compiled::Operand& operand) {
    if (name.find('.') != std::string::npos) {
      auto ref = reference(i, site, name);
      if (!ref) return std::nullopt;
      const PortInfo& out = *ref->second;
      if (out.kind != ValueKind::kQuantity && out.kind != ValueKind::kNumber &&
          out.kind != ValueKind::kInteger) {
        fail(i, site, fmt::format("'{}' is {}, not a number or quantity", name,
                                  describe_port(out.kind, out.dimension, out.spec_kind)));
        return std::nullopt;
      }
      operand.stage = ref->first;
      operand.output = out.name;
      return out.kind == ValueKind::kQuantity ? out.dimension : Dimension{};
    }
    if (std::optional<std::size_t> axis = sweep_axis(name)) {
      auto slot = number_slot(i, site, *axis);
      if (!slot) return std::nullopt;
      operand.slot = slot->first;
      return slot->second;
    }
    const Json* given = pipeline_input(name);
    if (given == nullptr) {
      std::string known;
      for (const auto& [key, value] : spec_.inputs) known += (known.empty() ? "" : ", ") + key;
      fail(i, site, fmt::format("expression '{}' uses '{}', which is neither a pipeline input "
                                "(inputs: {}) nor a \"stage.output\"",
                                e.text(), name, known.empty() ? "none" : known));
      return std::nullopt;
    }
    std::optional<Quantity> q = numeric_input(i, site, name, *given);
    if (!q) return std::nullopt;
    operand.constant = q->value;
    return q->dimension;
  }

  // Each report column: a "stage.output" of any kind as it is, else an
  // expression (numbers and quantities) over every stage and the inputs.
  void compile_report(Compiled& p) {
    const std::size_t after_last = spec_.stages.size();
    for (const auto& [column, text] : spec_.report) {
      p.report_columns.push_back(column);
      Compiled::Source source;
      Result<Expression> parsed = Expression::parse(text);
      const bool plain_output = parsed.ok() && parsed->references().size() == 1 &&
                                parsed->references()[0] == text &&
                                text.find('.') != std::string::npos;
      PortInfo port;
      if (plain_output) {
        auto ref = reference(after_last, column, text);
        if (!ref) continue;
        source.kind = Compiled::Source::Kind::kStageOutput;
        source.stage = ref->first;
        source.output = ref->second->name;
        port = *ref->second;
      } else if (auto compiled = expression(after_last, column, text)) {
        source = std::move(*compiled);
        port.kind = source.dimension.dimensionless() ? ValueKind::kNumber : ValueKind::kQuantity;
        port.dimension = source.dimension;
      } else {
        continue;
      }
      port.name = Name(column);
      p.report_ports.push_back(std::move(port));
      p.report_sources.push_back(std::move(source));
    }
  }

  const PipelineSpec& spec_;
  const Registry& registry_;
  std::vector<Error>& errors_;
  std::vector<const SolverInfo*> infos_;  // nullptr: unknown solver (reported)
  Compiled* pipeline_ = nullptr;          // being compiled: swept inputs add their tables to it
  std::unordered_map<std::string, std::size_t> stage_index_;    // stage id -> index
  std::unordered_map<std::string, std::size_t> latest_output_;  // output name -> latest stage bound so far
};

std::optional<Pipeline> check_pipeline(const PipelineSpec& spec, const Registry& registry,
                                       std::vector<Error>& errors) {
  return PipelineCompiler(spec, registry, errors).compile();
}

}  // namespace mlsysim

#include "mlsysim/registry/sweep_target.hpp"
#include "mlsysim/framework/magnitude.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "mlsysim/framework/unit_parser.hpp"
#include "mlsysim/registry/knob.hpp"
#include "mlsysim/registry/session.hpp"

namespace mlsysim {
namespace {

// An input whose spec fields are swept ("fleet.count", "fleet.fabric.bandwidth"):
// whenever one of its axes moves, the spec is rebuilt from its base (the
// input's own axis, or the fixed input) with every field axis applied in order.
struct FieldGroup {
  Name input;
  std::optional<std::size_t> input_axis;  // an axis over the input itself ("fleet=*")
  Value base;                             // else the fixed input or its default
  std::vector<std::pair<std::size_t, Knob>> fields;
};

bool is_field_axis(const SweepAxis& axis) { return axis.name().find('.') != std::string::npos; }
std::string_view input_of(const SweepAxis& axis) { return std::string_view(axis.name()).substr(0, axis.name().find('.')); }

std::vector<FieldGroup> field_groups(const SolverInfo& info, const Record& fixed, const SweepSpace& space) {
  std::vector<FieldGroup> groups;
  const auto& axes = space.axes();
  for (std::size_t a = 0; a < axes.size(); ++a) {
    if (!is_field_axis(axes[a])) continue;
    const std::string_view input = input_of(axes[a]);
    auto g = std::find_if(groups.begin(), groups.end(), [&](const FieldGroup& x) { return x.input.view() == input; });
    if (g == groups.end()) {
      FieldGroup group{Name(input), std::nullopt, Value(), {}};
      for (std::size_t b = 0; b < axes.size(); ++b)
        if (axes[b].name() == input) group.input_axis = b;
      const PortInfo* port = info.find_input(input);
      if (const Value* v = fixed.find(input)) group.base = *v;
      else if (port != nullptr) group.base = port->default_value;
      g = groups.insert(groups.end(), std::move(group));
    }
    g->fields.emplace_back(a, Knob::resolve(info, axes[a].name()).value());
  }
  return groups;
}

class SolverRunner final : public SweepTarget::Runner {
 public:
  SolverRunner(const Registry& registry, const SolverHandle& solver, const Record& fixed, const SweepSpace& space)
      : solver_(solver), space_(space), session_(registry), inputs_(fixed),
        groups_(field_groups(solver.info(), fixed, space)) {
    for (const SweepAxis& a : space.axes()) names_.emplace_back(is_field_axis(a) ? std::string_view() : a.name());
  }
  Status run(std::span<const std::uint64_t> position, Record& outputs) override {
    // Only the axes that changed since the last row are set (the last axis, mostly).
    const auto moved = [&](std::size_t a) { return last_.empty() || last_[a] != position[a]; };
    for (std::size_t a = 0; a < names_.size(); ++a)
      if (!names_[a].view().empty() && moved(a)) inputs_.set(names_[a], space_.axes()[a].value(position[a]));
    for (const FieldGroup& g : groups_) {
      bool any = g.input_axis && moved(*g.input_axis);
      for (const auto& [a, knob] : g.fields) any = any || moved(a);
      if (!any) continue;
      inputs_.set(g.input, g.input_axis ? space_.axes()[*g.input_axis].value(position[*g.input_axis]) : g.base);
      for (const auto& [a, knob] : g.fields)
        if (Status s = knob.write(inputs_, magnitude(space_.axes()[a].value(position[a])).value_or(NAN)); !s.ok()) {
          last_.clear();  // the input is half-built: rebuild it for the next row
          return s;
        }
    }
    last_.assign(position.begin(), position.end());
    Status s = solver_.solve(inputs_, outputs, session_);
    warnings_ = session_.take_warnings();
    notes_ = session_.take_notes();
    return s;
  }
  std::span<const std::string> warnings() const override { return warnings_; }
  std::span<const std::string> notes() const override { return notes_; }

 private:
  const SolverHandle& solver_;
  const SweepSpace& space_;
  Session session_;
  Record inputs_;
  std::vector<Name> names_;  // empty for field axes
  std::vector<FieldGroup> groups_;
  std::vector<std::uint64_t> last_;
  std::vector<std::string> warnings_, notes_;
};

class PipelineRunner final : public SweepTarget::Runner {
 public:
  PipelineRunner(const Registry& registry, const Pipeline& pipeline) : pipeline_(pipeline), session_(registry) {}
  Status run(std::span<const std::uint64_t> position, Record& outputs) override {
    pipeline_.select(position);
    Status s = pipeline_.run(session_);
    warnings_ = session_.take_warnings();
    notes_ = session_.take_notes();
    if (s.ok()) pipeline_.row(outputs);
    return s;
  }
  std::span<const std::string> warnings() const override { return warnings_; }
  std::span<const std::string> notes() const override { return notes_; }

 private:
  Pipeline pipeline_;  // this thread's copy: its records are rewritten every run
  Session session_;
  std::vector<std::string> warnings_, notes_;
};

}  // namespace

SweepTarget::~SweepTarget() = default;
SweepTarget::Runner::~Runner() = default;

Status SolverTarget::check(const SweepSpace& space) const {
  for (const FieldGroup& g : field_groups(solver_.info(), fixed_, space))
    if (!g.input_axis && g.base.is_null())
      return Error::bad_input(space.axes()[g.fields.front().first].name(),
                              fmt::format("axis '{}' sets a field of input '{}', which is not given: "
                                          "set '{}' or sweep it too",
                                          space.axes()[g.fields.front().first].name(), g.input.view(),
                                          g.input.view()));
  return {};
}

Dimension SolverTarget::axis_dimension(const SweepAxis& axis) const {
  if (is_field_axis(axis)) return Knob::resolve(solver_.info(), axis.name()).value().dimension();
  const PortInfo* port = solver_.info().find_input(axis.name());
  return port && port->kind == ValueKind::kQuantity ? port->dimension : Dimension{};
}

std::optional<Quantity> SolverTarget::constant(std::string_view name) const {
  const PortInfo* port = solver_.info().find_input(name);
  if (port == nullptr) return std::nullopt;
  const Value* v = fixed_.find(name);
  if (v == nullptr && !port->default_value.is_null()) v = &port->default_value;
  std::optional<double> x = v ? magnitude(*v) : std::nullopt;
  if (!x) return std::nullopt;
  return Quantity{*x, port->kind == ValueKind::kQuantity ? port->dimension : Dimension{}};
}

std::unique_ptr<SweepTarget::Runner> SolverTarget::runner(const SweepSpace& space) const {
  return std::make_unique<SolverRunner>(registry_, solver_, fixed_, space);
}

PipelineTarget::PipelineTarget(const Registry& registry, const Pipeline& pipeline)
    : registry_(registry), pipeline_(pipeline), outputs_(pipeline.row_ports()) {}

Dimension PipelineTarget::axis_dimension(const SweepAxis& axis) const {
  if (axis.size() == 0) return {};
  const Value v = axis.value(0);
  return v.if_quantity() ? v.if_quantity()->dimension : Dimension{};
}

std::unique_ptr<SweepTarget::Runner> PipelineTarget::runner(const SweepSpace&) const {
  return std::make_unique<PipelineRunner>(registry_, pipeline_);
}

SweepSpace pipeline_space(const Pipeline& pipeline) {
  std::vector<SweepAxis> axes;
  for (const Pipeline::Axis& a : pipeline.axes()) {
    std::vector<std::string> labels;
    std::vector<Value> values;
    for (const Json& j : a.values) {
      labels.push_back(j.is_string() ? j.get<std::string>() : j.dump());
      if (j.is_number_integer()) values.emplace_back(j.get<std::int64_t>());
      else if (j.is_number()) values.emplace_back(j.get<double>());
      else if (j.is_boolean()) values.emplace_back(j.get<bool>());
      else if (Result<Quantity> q = j.is_string() ? parse_quantity(j.get<std::string>(), a.name)
                                                  : Result<Quantity>(Error::bad_input(a.name, ""));
               q.ok())
        values.emplace_back(*q);
      else
        values.emplace_back(labels.back());
    }
    axes.emplace_back(a.name, std::move(labels), std::move(values));
  }
  return SweepSpace(std::move(axes));
}

}  // namespace mlsysim

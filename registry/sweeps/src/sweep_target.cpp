#include "mlsysim/registry/sweep_target.hpp"
#include "mlsysim/framework/magnitude.hpp"

#include "mlsysim/framework/unit_parser.hpp"
#include "mlsysim/registry/session.hpp"

namespace mlsysim {
namespace {

class SolverRunner final : public SweepTarget::Runner {
 public:
  SolverRunner(const Registry& registry, const SolverHandle& solver, const Record& fixed, const SweepSpace& space)
      : solver_(solver), space_(space), session_(registry), inputs_(fixed) {
    for (const SweepAxis& a : space.axes()) names_.emplace_back(a.name());
  }
  Status run(std::span<const std::uint64_t> position, Record& outputs) override {
    // Only the axes that changed since the last row are set (the last axis, mostly).
    for (std::size_t a = 0; a < names_.size(); ++a)
      if (last_.empty() || last_[a] != position[a]) inputs_.set(names_[a], space_.axes()[a].value(position[a]));
    last_.assign(position.begin(), position.end());
    Status s = solver_.solve(inputs_, outputs, session_);
    session_.clear_warnings();
    return s;
  }

 private:
  const SolverHandle& solver_;
  const SweepSpace& space_;
  Session session_;
  Record inputs_;
  std::vector<Name> names_;
  std::vector<std::uint64_t> last_;
};

class PipelineRunner final : public SweepTarget::Runner {
 public:
  PipelineRunner(const Registry& registry, const Pipeline& pipeline) : pipeline_(pipeline), session_(registry) {}
  Status run(std::span<const std::uint64_t> position, Record& outputs) override {
    pipeline_.select(position);
    Status s = pipeline_.run(session_);
    session_.clear_warnings();
    if (s.ok()) pipeline_.row(outputs);
    return s;
  }

 private:
  Pipeline pipeline_;  // this thread's copy: its records are rewritten every run
  Session session_;
};

}  // namespace

SweepTarget::~SweepTarget() = default;
SweepTarget::Runner::~Runner() = default;

Dimension SolverTarget::axis_dimension(const SweepAxis& axis) const {
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

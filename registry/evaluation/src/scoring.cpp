#include "mlsysim/registry/scoring.hpp"
#include "mlsysim/framework/magnitude.hpp"

#include <algorithm>
#include <cmath>
#include <exception>

#include <fmt/format.h>

#include "mlsysim/registry/session.hpp"

namespace mlsysim {
namespace {

Dimension dimension_of(const PortInfo& port) {
  return port.kind == ValueKind::kQuantity ? port.dimension : Dimension{};
}

bool numeric(const PortInfo& port) {
  return port.kind == ValueKind::kQuantity || port.kind == ValueKind::kNumber ||
         port.kind == ValueKind::kInteger;
}

std::string describe(Dimension d) {
  return d.dimensionless() ? "a plain number" : fmt::format("{} ({})", d.description(), d.unit_symbol());
}

}  // namespace

ErrorSummary summarize(std::span<const CaseScore> scores) {
  ErrorSummary s;
  s.n = scores.size();
  std::vector<double> apes;
  double signed_sum = 0;
  for (const CaseScore& c : scores) {
    if (!c.predicted) {
      ++s.failures;
      continue;
    }
    const double e = c.signed_error();
    apes.push_back(std::fabs(e));
    signed_sum += e;
    if (std::fabs(e) >= s.worst_ape || s.worst_id.empty()) {
      s.worst_ape = std::fabs(e);
      s.worst_id = c.of->id;
    }
  }
  if (apes.empty()) return s;
  const double k = static_cast<double>(apes.size());
  for (double a : apes) {
    s.mape += a / k;
    s.within_15 += (a <= 0.15) / k;
    s.within_30 += (a <= 0.30) / k;
  }
  s.bias = signed_sum / k;
  std::sort(apes.begin(), apes.end());
  const std::size_t m = apes.size() / 2;
  s.median_ape = apes.size() % 2 ? apes[m] : (apes[m - 1] + apes[m]) / 2;
  return s;
}

PreparedCorpus::PreparedCorpus(const Registry& registry, const SolverHandle& variant,
                               std::span<const MeasuredCase> cases)
    : registry_(registry), variant_(variant) {
  cases_.reserve(cases.size());
  for (const MeasuredCase& c : cases) {
    Prepared& p = cases_.emplace_back();
    p.of = &c;
    prepare(registry, variant.info(), p);
  }
}

void PreparedCorpus::prepare(const Registry& registry, const SolverInfo& info, Prepared& p) {
  auto fail = [&](std::string field, std::string message) {
    p.error = Error::bad_input(std::move(field), std::move(message));
  };
  Result<Record> inputs = decode_inputs(p.of->inputs, info, registry);
  if (!inputs.ok()) return void(p.error = inputs.error());
  p.inputs = std::move(*inputs);
  Result<Expression> e = Expression::parse(p.of->predict);
  if (!e.ok()) return fail("predict", e.error().message);
  std::vector<Dimension> dims;
  for (const std::string& name : e->references()) {
    Operand op;
    if (const PortInfo* out = info.find_output(name); out && numeric(*out)) {
      op.output = out->name;
      dims.push_back(dimension_of(*out));
    } else if (const PortInfo* in = info.find_input(name); in && numeric(*in)) {
      const Value* given = p.inputs.find(name);
      const Value* v = given ? given : in->default_value.is_null() ? nullptr : &in->default_value;
      if (v == nullptr || !magnitude(*v))
        return fail("predict", fmt::format("predict '{}': input '{}' has no value in this case",
                                           p.of->predict, name));
      op.constant = magnitude(*v);
      dims.push_back(dimension_of(*in));
    } else {
      return fail("predict", fmt::format("predict '{}': '{}' is not a numeric output or input of {}",
                                         p.of->predict, name, info.full_name()));
    }
    p.operands.push_back(std::move(op));
  }
  Result<Dimension> dim = e->check(dims);
  if (!dim.ok()) return fail("predict", dim.error().message);
  if (*dim != p.of->measured.dimension)
    return fail("predict", fmt::format("predict '{}' gives {}, but the measurement is {}", p.of->predict,
                                       describe(*dim), describe(p.of->measured.dimension)));
  p.predict = std::move(*e);
}

std::vector<CaseScore> PreparedCorpus::score(const Solver& solver, bool validate) const {
  std::vector<CaseScore> scores;
  scores.reserve(cases_.size());
  Session session(registry_);
  Record outputs;
  std::vector<double> values;
  for (const Prepared& p : cases_) {
    CaseScore& s = scores.emplace_back();
    s.of = p.of;
    if (p.error) {
      s.error = p.error;
      continue;
    }
    Status status;
    // A trial solver runs outside the registry, which otherwise says who is
    // calling: without it a bound call would not see the inputs to forward.
    const Context::Caller caller = session.enter(solver.info(), p.inputs);
    try {
      status = validate ? variant_.solve(p.inputs, outputs, session)
                        : solver.solve(p.inputs, outputs, session);
    } catch (const std::exception& e) {
      status = Error::internal(fmt::format("{} threw: {}", variant_.full_name(), e.what()));
    }
    session.leave(caller);
    session.take_warnings();
    session.take_notes();
    if (!status.ok()) {
      s.error = status.error();
      continue;
    }
    values.clear();
    for (const Operand& op : p.operands) {
      if (op.constant) {
        values.push_back(*op.constant);
        continue;
      }
      const Value* v = outputs.find(op.output);
      std::optional<double> x = v ? magnitude(*v) : std::nullopt;
      if (!x) {
        s.error = Error::bad_input("predict", fmt::format("output '{}' is null in this case",
                                                          op.output.view()));
        break;
      }
      values.push_back(*x);
    }
    if (s.error) continue;
    const double predicted = p.predict->evaluate(values);
    if (!std::isfinite(predicted) || predicted <= 0) {
      s.error = Error::bad_input("predict", fmt::format("predict '{}' gave {}, not a finite value > 0",
                                                        p.of->predict, predicted));
      continue;
    }
    s.predicted = predicted;
  }
  return scores;
}

}  // namespace mlsysim

#include "mlsysim/registry/elasticity.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "mlsysim/registry/knob.hpp"

namespace mlsysim {

Result<double> numeric_output(const Record& outputs, std::string_view name, const SolverInfo& info) {
  const Value* v = outputs.find(name);
  if (v == nullptr) {
    std::string numeric;
    for (const PortInfo& p : info.outputs())
      if (p.kind == ValueKind::kNumber || p.kind == ValueKind::kInteger || p.kind == ValueKind::kQuantity)
        numeric += (numeric.empty() ? "" : ", ") + p.name.str();
    return Error::bad_input(std::string(name), fmt::format("{} has no output '{}' (numeric outputs: {})",
                                                           info.full_name(), name, numeric));
  }
  if (const double* d = v->if_number()) return *d;
  if (const std::int64_t* i = v->if_integer()) return static_cast<double>(*i);
  if (const Quantity* q = v->if_quantity()) return q->value;
  return Error::bad_input(std::string(name),
                          fmt::format("output '{}' is {}, not a number", name, v->describe()));
}

namespace {

// The outputs at `inputs` with the knob set to `x`.
Status solve_at(const SolverHandle& solver, const Knob& knob, const Record& base, double x,
                Record& scratch, Record& outputs, Session& session) {
  scratch = base;
  if (Status s = knob.write(scratch, x); !s.ok()) return s;
  return solver.solve(scratch, outputs, session);
}

struct Side {
  double x;
  Record outputs;
};

// One side of the difference; the operating point itself if the solver
// refuses the perturbed value (bad input), any other error is returned.
Result<bool> try_side(const SolverHandle& solver, const Knob& knob, const Record& base, Side& side,
                      double x0, const Record& base_outputs, Session& session) {
  Record scratch;
  Status s = solve_at(solver, knob, base, side.x, scratch, side.outputs, session);
  if (s.ok()) return true;
  if (s.error().code != ErrorCode::kBadInput) return s.error();
  side.x = x0;
  side.outputs = base_outputs;
  return false;
}

}  // namespace

Result<std::vector<Elasticity>> elasticities(const Registry& registry, const ElasticityRequest& req,
                                             Session& session) {
  const SolverHandle* solver = registry.find_solver(req.solver);
  if (solver == nullptr) return registry.unknown_solver(req.solver);
  if (!(req.step > 0.0 && req.step <= 0.5))
    return Error::bad_input("step", fmt::format("step must be in (0, 0.5], got {}", req.step));
  if (req.outputs.empty() || req.parameters.empty())
    return Error::bad_input(req.outputs.empty() ? "of" : "wrt",
                            "name at least one output and at least one parameter");

  Record base_outputs;
  if (Status s = solver->solve(req.inputs, base_outputs, session); !s.ok()) return s.error();
  std::vector<double> y0;
  for (const std::string& out : req.outputs) {
    Result<double> y = numeric_output(base_outputs, out, solver->info());
    if (!y.ok()) return y.error();
    y0.push_back(*y);
  }

  std::vector<Elasticity> rows(req.outputs.size() * req.parameters.size());
  for (std::size_t p = 0; p < req.parameters.size(); ++p) {
    Result<Knob> knob = Knob::resolve(solver->info(), req.parameters[p]);
    if (!knob.ok()) return knob.error();
    Result<double> x0 = knob->read(req.inputs);
    if (!x0.ok()) return x0.error();
    if (*x0 == 0.0)
      return Error::bad_input(req.parameters[p], fmt::format("{} is 0 at the operating point: its "
                                                             "elasticity is undefined",
                                                             req.parameters[p]));
    const double delta = knob->integer() ? std::max(1.0, std::round(req.step * std::fabs(*x0)))
                                         : req.step * std::fabs(*x0);
    Side high{*x0 + delta, {}}, low{*x0 - delta, {}};
    Result<bool> high_ok = try_side(*solver, *knob, req.inputs, high, *x0, base_outputs, session);
    if (!high_ok.ok()) return high_ok.error();
    Result<bool> low_ok = try_side(*solver, *knob, req.inputs, low, *x0, base_outputs, session);
    if (!low_ok.ok()) return low_ok.error();
    if (!*high_ok && !*low_ok)
      return Error::bad_input(req.parameters[p],
                              fmt::format("{} refuses both {} and {}", solver->full_name(),
                                          knob->format(*x0 + delta), knob->format(*x0 - delta)));

    for (std::size_t o = 0; o < req.outputs.size(); ++o) {
      Result<double> y_high = numeric_output(high.outputs, req.outputs[o], solver->info());
      Result<double> y_low = numeric_output(low.outputs, req.outputs[o], solver->info());
      if (!y_high.ok()) return y_high.error();
      if (!y_low.ok()) return y_low.error();
      if (y0[o] == 0.0)
        return Error::bad_input(req.outputs[o], fmt::format("{} is 0 at the operating point: "
                                                            "elasticities are undefined",
                                                            req.outputs[o]));
      const double e = ((*y_high - *y_low) / y0[o]) / ((high.x - low.x) / *x0);
      if (!std::isfinite(e))
        return Error::bad_input(req.outputs[o], fmt::format("the elasticity of {} with respect "
                                                            "to {} is not finite",
                                                            req.outputs[o], req.parameters[p]));
      rows[o * req.parameters.size() + p] = {req.outputs[o], req.parameters[p], e,    *x0,
                                             y0[o],          low.x,             high.x,
                                             !*high_ok || !*low_ok};
    }
  }
  return rows;
}

}  // namespace mlsysim

#include "mlsysim/registry/inverse_design.hpp"

#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "mlsysim/framework/unit_parser.hpp"
#include "mlsysim/registry/elasticity.hpp"
#include "mlsysim/registry/knob.hpp"

namespace mlsysim {

bool Target::met_by(double y) const {
  switch (op) {
    case kAtMost: return y <= value;
    case kAtLeast: return y >= value;
    case kEquals: return y == value;
  }
  return false;
}

Result<Target> parse_target(std::string_view text, const SolverInfo& info) {
  Target t;
  t.text = text;
  std::size_t at = text.find_first_of("<>=");
  if (at == std::string_view::npos || at + 1 >= text.size() || text[at + 1] != '=')
    return Error::bad_input("target", fmt::format("target '{}': expected OUTPUT<=VALUE, "
                                                  "OUTPUT>=VALUE or OUTPUT==true|false", text));
  t.op = text[at] == '<' ? Target::kAtMost : text[at] == '>' ? Target::kAtLeast : Target::kEquals;
  auto trim = [](std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
  };
  t.output = trim(text.substr(0, at));
  const std::string_view rhs = trim(text.substr(at + 2));
  const PortInfo* port = info.find_output(t.output);
  if (port == nullptr)
    return Error::bad_input("target", fmt::format("target '{}': {} has no output '{}'", text,
                                                  info.full_name(), t.output));
  if (port->kind == ValueKind::kBoolean) {
    if (t.op != Target::kEquals || (rhs != "true" && rhs != "false"))
      return Error::bad_input("target", fmt::format("target '{}': '{}' is true or false; write "
                                                    "{}==true or {}==false", text, t.output,
                                                    t.output, t.output));
    t.value = rhs == "true" ? 1.0 : 0.0;
    return t;
  }
  if (port->kind != ValueKind::kNumber && port->kind != ValueKind::kInteger &&
      port->kind != ValueKind::kQuantity)
    return Error::bad_input("target", fmt::format("target '{}': output '{}' is not a number", text,
                                                  t.output));
  if (t.op == Target::kEquals)
    return Error::bad_input("target", fmt::format("target '{}': use <= or >= for a number", text));
  Result<Quantity> q = parse_quantity_as(rhs, port->dimension, t.output);
  if (!q.ok()) return q.error();
  t.value = q->value;
  return t;
}

namespace {

// One evaluation of the solver at a parameter value.
struct Probe {
  double x = 0.0;
  double y = 0.0;
  bool met = false;
};

class Search {
 public:
  Search(const SolverHandle& solver, const Knob& knob, const InverseRequest& req, Session& session)
      : solver_(solver), knob_(knob), req_(req), session_(session) {}

  Result<Probe> probe(double x) {
    ++evaluations_;
    scratch_ = req_.inputs;
    if (Status s = knob_.write(scratch_, x); !s.ok()) return s.error();
    if (Status s = solver_.solve(scratch_, outputs_, session_); !s.ok()) {
      Error e = s.error();
      e.message = fmt::format("at {} = {}: {}", req_.parameter, knob_.format(x), e.message);
      return e;
    }
    Result<double> y = value_of_output();
    if (!y.ok()) return y.error();
    return Probe{x, *y, req_.target.met_by(*y)};
  }
  // "2.4277 s", "true"
  std::string format_output(double y) const {
    const PortInfo* port = solver_.info().find_output(req_.target.output);
    if (port != nullptr && port->kind == ValueKind::kBoolean) return y != 0.0 ? "true" : "false";
    if (port == nullptr || port->dimension.dimensionless()) return fmt::format("{:.6g}", y);
    return fmt::format("{:.6g} {}", y, port->dimension.unit_symbol());
  }
  const Record& outputs() const { return outputs_; }
  int evaluations() const { return evaluations_; }

 private:
  Result<double> value_of_output() const {
    const Value* v = outputs_.find(req_.target.output);
    if (v != nullptr)
      if (const bool* b = v->if_boolean()) return *b ? 1.0 : 0.0;
    return numeric_output(outputs_, req_.target.output, solver_.info());
  }

  const SolverHandle& solver_;
  const Knob& knob_;
  const InverseRequest& req_;
  Session& session_;
  Record scratch_, outputs_;
  int evaluations_ = 0;
};

double midpoint(double a, double b, bool integer) {
  if (integer) return std::floor((a + b) / 2.0);
  if (a > 0 && b > 0) return std::sqrt(a) * std::sqrt(b);  // geometric: ranges span decades
  return a + (b - a) / 2.0;
}

std::vector<double> sample_points(double low, double high, int n, bool integer) {
  std::vector<double> xs;
  for (int i = 0; i <= n; ++i) {
    const double f = static_cast<double>(i) / n;
    double x = low > 0 ? low * std::pow(high / low, f) : low + (high - low) * f;
    if (integer) x = std::round(x);
    if (i == n) x = high;
    if (xs.empty() || x != xs.back()) xs.push_back(x);
  }
  return xs;
}

// The first place where the sampled outputs change direction, if any.
std::optional<std::size_t> turning_point(const std::vector<Probe>& p) {
  int direction = 0;
  for (std::size_t i = 1; i < p.size(); ++i) {
    const int d = p[i].y > p[i - 1].y ? 1 : p[i].y < p[i - 1].y ? -1 : 0;
    if (d == 0) continue;
    if (direction != 0 && d != direction) return i - 1;
    direction = d;
  }
  return std::nullopt;
}

}  // namespace

Result<InverseResult> inverse_design(const Registry& registry, const InverseRequest& req,
                                     Session& session) {
  const SolverHandle* solver = registry.find_solver(req.solver);
  if (solver == nullptr) return registry.unknown_solver(req.solver);
  Result<Knob> knob = Knob::resolve(solver->info(), req.parameter);
  if (!knob.ok()) return knob.error();
  const bool integer = knob->integer();
  const double low = integer ? std::ceil(req.low) : req.low;
  const double high = integer ? std::floor(req.high) : req.high;
  if (!(std::isfinite(low) && std::isfinite(high) && low < high))
    return Error::bad_input("range", fmt::format("the range of {} must have low < high, got [{}, {}]",
                                                 req.parameter, knob->format(req.low),
                                                 knob->format(req.high)));
  if (!(req.tolerance > 0 && req.tolerance < 1))
    return Error::bad_input("tolerance", fmt::format("tolerance must be in (0, 1), got {}", req.tolerance));
  if (req.samples < 2 || req.samples > 10000)
    return Error::bad_input("samples", fmt::format("samples must be in [2, 10000], got {}", req.samples));

  Search search(*solver, *knob, req, session);
  std::vector<Probe> probes;
  for (double x : sample_points(low, high, req.samples, integer)) {
    Result<Probe> p = search.probe(x);
    if (!p.ok()) return p.error();
    probes.push_back(*p);
  }
  if (auto turn = turning_point(probes))
    return Error::bad_input(
        req.target.output,
        fmt::format("{} is not monotone in {} over [{}, {}]: it turns near {} = {} ({} {} -> {} -> {}); "
                    "narrow the range to one side",
                    req.target.output, req.parameter, knob->format(low), knob->format(high),
                    req.parameter, knob->format(probes[*turn].x), req.target.output,
                    search.format_output(probes[*turn - 1].y), search.format_output(probes[*turn].y),
                    search.format_output(probes[*turn + 1].y)));

  // Monotone: the points meeting the target form one run touching an end.
  const bool smallest = req.seek == InverseRequest::kSmallest;
  std::optional<std::size_t> best;
  for (std::size_t i = 0; i < probes.size(); ++i) {
    const std::size_t k = smallest ? i : probes.size() - 1 - i;
    if (probes[k].met) {
      best = k;
      break;
    }
  }
  if (!best) {
    const Probe& closest = req.target.op == Target::kAtMost
                               ? *std::min_element(probes.begin(), probes.end(),
                                                   [](auto& a, auto& b) { return a.y < b.y; })
                               : *std::max_element(probes.begin(), probes.end(),
                                                   [](auto& a, auto& b) { return a.y < b.y; });
    return Error::infeasible(
        req.target.output,
        fmt::format("{} is unreachable with {} in [{}, {}]: the best seen is {} = {} at {} = {}",
                    req.target.text, req.parameter, knob->format(low), knob->format(high),
                    req.target.output, search.format_output(closest.y), req.parameter,
                    knob->format(closest.x)));
  }

  InverseResult result;
  const bool at_end = smallest ? *best == 0 : *best == probes.size() - 1;
  if (at_end) {
    result.value = result.missed = probes[*best].x;
    result.at_bound = true;
  } else {
    double met = probes[*best].x;
    double missed = probes[smallest ? *best - 1 : *best + 1].x;
    for (int i = 0; i < 400; ++i) {
      const double width = std::fabs(met - missed);
      if (integer ? width <= 1.0 : width <= req.tolerance * std::max(std::fabs(met), std::fabs(missed)))
        break;
      const double mid = midpoint(std::min(met, missed), std::max(met, missed), integer);
      Result<Probe> p = search.probe(mid);
      if (!p.ok()) return p.error();
      (p->met ? met : missed) = mid;
    }
    result.value = met;
    result.missed = missed;
  }
  Result<Probe> final_probe = search.probe(result.value);  // leaves the outputs at the answer
  if (!final_probe.ok()) return final_probe.error();
  result.outputs = search.outputs();
  result.evaluations = search.evaluations();
  return result;
}

}  // namespace mlsysim

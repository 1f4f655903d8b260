#include "mlsysim/registry/conformance.hpp"

#include <fmt/format.h>

#include "mlsysim/registry/session.hpp"

namespace mlsysim {
namespace {

// Preferred zoo entries (a transformer that fits the device), else the first.
template <class Ref>
Result<Ref> pick(const Result<Ref>& preferred, const std::vector<Ref>& all, std::string_view kind) {
  if (preferred.ok()) return *preferred;
  if (!all.empty()) return all.front();
  return Error::unknown_name(std::string(kind), fmt::format("no {} in the zoo to derive inputs", kind));
}

Result<Value> sample_value(const PortInfo& p, const Catalog& catalog) {
  switch (p.kind) {
    case ValueKind::kModel: {
      auto m = pick(catalog.model("Llama3_8B"), catalog.all_models(), "model");
      if (!m.ok()) return m.error();
      return Value(*m);
    }
    case ValueKind::kHardware: {
      auto h = pick(catalog.hardware("H100"), catalog.all_hardware(), "hardware");
      if (!h.ok()) return h.error();
      return Value(*h);
    }
    case ValueKind::kString:
      if (p.as_written) return Value(fmt::format("1 {}", p.dimension.unit_symbol()));  // "1 flop"
      return Value(p.constraint.choices().empty() ? std::string() : p.constraint.choices().front());
    case ValueKind::kNumber: return Value(p.constraint.sample_number());
    case ValueKind::kInteger:
      return Value(static_cast<std::int64_t>(p.constraint.sample_number()));
    case ValueKind::kBoolean: return Value(false);
    case ValueKind::kQuantity: return Value(Quantity{p.constraint.sample_number(), p.dimension});
    case ValueKind::kTable: return Value(NumberTable{});
    case ValueKind::kSpec: {
      if (p.spec_kind == nullptr) break;
      auto s = pick(Result<SpecRef>(Error::internal("none preferred")), catalog.all_specs(*p.spec_kind),
                    p.spec_kind->name());
      if (!s.ok()) return s.error();
      return Value(*s);
    }
    case ValueKind::kStrings: return Value(StringList{"a", "b"});
    case ValueKind::kRecords:
    case ValueKind::kNull: break;
  }
  return Error::internal(fmt::format("cannot derive a value for input '{}'", p.name.view()));
}

// A value for `p` other than its default that its constraint accepts, or
// null when none is found (optional ports, specs, tables).
Value varied_value(const PortInfo& p) {
  const Value& d = p.default_value;
  std::vector<Value> candidates;
  if (const bool* b = d.if_boolean()) candidates.emplace_back(!*b);
  if (const std::int64_t* i = d.if_integer()) candidates = {Value(*i + 1), Value(*i - 1)};
  if (const double* x = d.if_number()) candidates = {Value(*x * 0.5), Value(*x + 1.0), Value(*x - 1.0)};
  if (const Quantity* q = d.if_quantity())
    candidates = {Value(Quantity{q->value * 0.5, p.dimension}), Value(Quantity{q->value + 1.0, p.dimension})};
  if (const std::string* s = d.if_string())
    for (const std::string& choice : p.constraint.choices())
      if (choice != *s) candidates.emplace_back(choice);
  for (Value& v : candidates)
    if (p.constraint.accepts(v)) return std::move(v);
  return {};
}

// Breaks found when every input with a default is set to another value: an
// implementation that calls its own contract must pass each one on.
void check_forwarding(const SolverHandle& solver, const Registry& registry, Record inputs,
                      std::vector<std::string>& problems) {
  for (const PortInfo& p : solver.info().inputs()) {
    if (p.required || p.optional) continue;
    Value v = varied_value(p);
    if (!v.is_null()) inputs.set(p.name, std::move(v));
  }
  Session session(registry);
  Record outputs;
  Status status = solver.solve(inputs, outputs, session);
  // Refusing a combination (bad_input, infeasible) is the implementation's right.
  if (!status.ok() && (status.error().code == ErrorCode::kPlugin ||
                       status.error().code == ErrorCode::kInternal))
    problems.push_back("with every input changed from its default: " + status.error().message);
}

}  // namespace

Result<Record> conformance_inputs(const SolverInfo& info, const Catalog& catalog) {
  Record inputs;
  for (const PortInfo& p : info.inputs()) {
    if (!p.required) continue;
    Result<Value> v = sample_value(p, catalog);
    if (!v.ok()) return v.error();
    inputs.append(p.name, std::move(v).value());
  }
  return inputs;
}

std::vector<std::string> check_conformance(const SolverHandle& solver, const Registry& registry) {
  std::vector<std::string> problems;
  const SolverInfo& info = solver.info();
  Result<Record> inputs = conformance_inputs(info, registry);
  if (!inputs.ok()) {
    problems.push_back("cannot derive inputs: " + describe(inputs.error()));
    return problems;
  }
  Session session(registry);
  Record outputs;
  Status status = solver.solve(*inputs, outputs, session);
  if (!status.ok()) {
    const Error& e = status.error();
    if (e.code == ErrorCode::kInternal || e.code == ErrorCode::kPlugin)
      problems.push_back("failed: " + e.message);
    else
      problems.push_back("refused inputs its contract accepts: " + describe(e));
    return problems;
  }
  check_forwarding(solver, registry, std::move(inputs).value(), problems);
  return problems;
}

}  // namespace mlsysim

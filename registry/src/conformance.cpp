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
      return Value(p.constraint.choices().empty() ? std::string() : p.constraint.choices().front());
    case ValueKind::kNumber: return Value(p.constraint.sample_number());
    case ValueKind::kInteger:
      return Value(static_cast<std::int64_t>(p.constraint.sample_number()));
    case ValueKind::kBoolean: return Value(false);
    case ValueKind::kQuantity: return Value(Quantity{p.constraint.sample_number(), p.dimension});
    case ValueKind::kTable: return Value(NumberTable{});
    case ValueKind::kNull: break;
  }
  return Error::internal(fmt::format("cannot derive a value for input '{}'", p.name.view()));
}

std::string kind_text(ValueKind kind, Dimension dimension) {
  if (kind == ValueKind::kQuantity) return fmt::format("quantity [{}]", dimension.unit_symbol());
  return std::string(to_string(kind));
}

void check_outputs(const SolverInfo& info, const Record& outputs, std::vector<std::string>& out) {
  std::size_t expected_position = 0;
  for (const PortInfo& port : info.outputs) {
    const Value* v = outputs.find(port.name);
    if (v == nullptr) {
      out.push_back(fmt::format("declared output '{}' was not written", port.name.view()));
      continue;
    }
    if (v->is_null()) {
      if (!port.nullable)
        out.push_back(fmt::format("output '{}' is null, but the contract does not allow null",
                                  port.name.view()));
    } else if (v->kind() != port.kind ||
               (port.kind == ValueKind::kQuantity && v->dimension() != port.dimension)) {
      out.push_back(fmt::format("output '{}' is a {}, the contract declares a {}", port.name.view(),
                                kind_text(v->kind(), v->dimension()),
                                kind_text(port.kind, port.dimension)));
    }
    std::size_t position = 0;
    for (const Record::Field& f : outputs) {
      if (f.name == port.name) break;
      ++position;
    }
    if (position < expected_position)
      out.push_back(fmt::format("output '{}' is written out of the declared order", port.name.view()));
    expected_position = position;
  }
  for (const Record::Field& f : outputs)
    if (info.find_output(f.name.view()) == nullptr)
      out.push_back(fmt::format("writes output '{}', which the contract does not declare",
                                f.name.view()));
}

}  // namespace

Result<Record> conformance_inputs(const SolverInfo& info, const Catalog& catalog) {
  Record inputs;
  for (const PortInfo& p : info.inputs) {
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
    problems.push_back(e.code == ErrorCode::kInternal
                           ? "failed: " + e.message
                           : "refused inputs its contract accepts: " + describe(e));
    return problems;
  }
  check_outputs(info, outputs, problems);
  return problems;
}

}  // namespace mlsysim

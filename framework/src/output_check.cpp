#include "mlsysim/framework/output_check.hpp"

#include <fmt/format.h>

#include "mlsysim/framework/suggest.hpp"

namespace mlsysim {
namespace {

bool keeps(const PortInfo& port, const Value& v) {
  if (v.is_null()) return port.nullable;
  return v.kind() == port.kind && (port.kind != ValueKind::kQuantity || v.dimension() == port.dimension);
}

std::string kind_text(ValueKind kind, Dimension dimension) {
  if (kind == ValueKind::kQuantity) return fmt::format("quantity [{}]", dimension.unit_symbol());
  return std::string(to_string(kind));
}

std::vector<std::string> declared_names(const SolverInfo& info) {
  std::vector<std::string> names;
  for (const PortInfo& p : info.outputs()) names.push_back(p.name.str());
  return names;
}

}  // namespace

bool outputs_conform(const SolverInfo& info, const Record& outputs) {
  if (outputs.size() != info.outputs().size()) return false;
  auto port = info.outputs().begin();
  for (const Record::Field& f : outputs) {
    if (!(f.name == port->name) || !keeps(*port, f.value)) return false;
    ++port;
  }
  return true;
}

std::vector<OutputProblem> output_problems(const SolverInfo& info, const Record& outputs) {
  std::vector<OutputProblem> out;
  std::size_t expected_position = 0;
  for (const PortInfo& port : info.outputs()) {
    const Value* v = outputs.find(port.name);
    if (v == nullptr) {
      out.push_back({port.name.str(), fmt::format("declared output '{}' was not written", port.name.view())});
      continue;
    }
    if (v->is_null() && !port.nullable)
      out.push_back({port.name.str(), fmt::format("output '{}' is null, but the contract does not "
                                                  "allow null",
                                                  port.name.view())});
    else if (!keeps(port, *v))
      out.push_back({port.name.str(),
                     fmt::format("output '{}' is a {}, the contract declares a {}", port.name.view(),
                                 kind_text(v->kind(), v->dimension()),
                                 kind_text(port.kind, port.dimension))});
    std::size_t position = 0;
    for (const Record::Field& f : outputs) {
      if (f.name == port.name) break;
      ++position;
    }
    if (position < expected_position)
      out.push_back({port.name.str(),
                     fmt::format("output '{}' is written out of the declared order", port.name.view())});
    expected_position = position;
  }
  const std::vector<std::string> names = declared_names(info);
  for (const Record::Field& f : outputs) {
    if (info.find_output(f.name) == nullptr)
      out.push_back({f.name.str(), fmt::format("writes output '{}', which the contract does not declare{}",
                                               f.name.view(), did_you_mean(f.name.view(), names))});
  }
  if (out.empty() && outputs.size() != info.outputs().size())
    out.push_back({"", "writes an output more than once"});
  return out;
}

Status check_outputs(const SolverInfo& info, const Record& outputs) {
  if (outputs_conform(info, outputs)) return {};
  std::vector<OutputProblem> problems = output_problems(info, outputs);
  if (problems.empty()) problems.push_back({"", "its outputs do not match the contract"});
  Error error = Error::plugin(fmt::format("{} broke its output contract: {}", info.full_name(),
                                          problems.front().sentence));
  error.field = problems.front().port;
  return error;
}

}  // namespace mlsysim

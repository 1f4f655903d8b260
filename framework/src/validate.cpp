#include "mlsysim/framework/validate.hpp"

#include <fmt/format.h>

#include "mlsysim/framework/suggest.hpp"

namespace mlsysim {

Error unknown_input(const SolverInfo& info, std::string_view name) {
  std::string listed;
  std::vector<std::string> names;
  for (const PortInfo& p : info.inputs()) {
    listed += (listed.empty() ? "" : ", ") + p.name.str();
    names.push_back(p.name.str());
  }
  return Error::bad_input(std::string(name), fmt::format("solver '{}' has no input '{}'{} (its inputs: {})",
                                                         info.contract_name(), name, did_you_mean(name, names), listed));
}


Status validate_inputs(const SolverInfo& info, const Record& inputs) {
  std::size_t required_given = 0;
  for (const Record::Field& field : inputs) {
    const PortInfo* port = nullptr;
    for (const PortInfo& p : info.inputs()) {
      if (p.name == field.name) {
        port = &p;
        break;
      }
    }
    if (port == nullptr) return unknown_input(info, field.name.view());
    if (port->optional && field.value.is_null()) continue;
    if (!input_accepts(*port, field.value)) return detail::kind_mismatch(field.name.view(), field.value, *port);
    required_given += port->required ? 1 : 0;
  }
  // Constraints in port order, so the first refused port is the same
  // whichever order the request lists its fields in.
  for (const PortInfo& p : info.inputs()) {
    if (p.constraint.empty()) continue;
    if (const Value* v = inputs.find(p.name)) {
      if (auto why = p.constraint.violation(p.name.view(), *v))
        return Error::bad_input(p.name.str(), *why);
    }
  }
  // Record names are unique, so counting is enough in the common case.
  std::size_t required_total = 0;
  for (const PortInfo& p : info.inputs()) required_total += p.required ? 1 : 0;
  if (required_given == required_total) return {};
  for (const PortInfo& p : info.inputs()) {
    if (p.required && inputs.find(p.name) == nullptr)
      return Error::bad_input(p.name.str(), fmt::format("solver '{}' needs input '{}' ({})",
                                                         info.contract_name(), p.name.view(), p.doc));
  }
  return {};
}

}  // namespace mlsysim

#include "mlsysim/registry/solver_handle.hpp"

#include <exception>

#include <fmt/format.h>

#include "mlsysim/framework/validate.hpp"

namespace mlsysim {

SolverHandle::SolverHandle(std::shared_ptr<const Solver> solver, std::filesystem::path library)
    : solver_(std::move(solver)),
      library_(std::move(library)),
      full_name_(solver_->info().full_name()) {
  for (const PortInfo& p : solver_->info().inputs) {
    input_checks_.push_back({p.name, p.dimension, p.kind, p.required, p.optional,
                             p.constraint.empty() ? nullptr : &p.constraint});
    required_inputs_ += p.required ? 1 : 0;
  }
}

bool SolverHandle::inputs_acceptable(const Record& inputs) const {
  std::size_t required_given = 0;
  for (const Record::Field& field : inputs) {
    const InputCheck* port = nullptr;
    for (const InputCheck& c : input_checks_) {
      if (c.name == field.name) {
        port = &c;
        break;
      }
    }
    if (port == nullptr) return false;
    if (port->optional && field.value.is_null()) continue;
    if (!input_accepts(port->kind, port->dimension, field.value)) return false;
    if (port->constraint != nullptr && !port->constraint->accepts(field.value)) return false;
    required_given += port->required ? 1 : 0;
  }
  // Record names are unique, so counting is enough.
  return required_given == required_inputs_;
}

Status SolverHandle::solve(const Record& inputs, Record& outputs, Context& ctx) const {
  outputs.clear();
  if (!inputs_acceptable(inputs)) {
    if (Status s = validate_inputs(solver_->info(), inputs); !s.ok()) return s;
  }
  try {
    return solver_->solve(inputs, outputs, ctx);
  } catch (const std::exception& e) {
    return Error::internal(fmt::format("solver '{}' ({}) threw: {}", full_name_,
                                       library_.string(), e.what()));
  } catch (...) {
    return Error::internal(fmt::format("solver '{}' ({}) threw a non-standard exception",
                                       full_name_, library_.string()));
  }
}

Result<Record> SolverHandle::solve(const Record& inputs, Context& ctx) const {
  Record outputs;
  if (Status s = solve(inputs, outputs, ctx); !s.ok()) return s.error();
  return outputs;
}

}  // namespace mlsysim

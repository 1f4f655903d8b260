#include "mlsysim/registry/solver_handle.hpp"

#include <exception>

#include <fmt/format.h>

#include "mlsysim/framework/output_check.hpp"
#include "mlsysim/framework/validate.hpp"

namespace mlsysim {

SolverHandle::SolverHandle(std::shared_ptr<const Solver> solver, std::filesystem::path library)
    : solver_(std::move(solver)),
      library_(std::move(library)),
      info_(&solver_->info()),
      full_name_(info_->full_name()),
      check_outputs_(!solver_->checks_own_outputs()) {
  check_slot_.fill(kEmpty);
  for (const PortInfo& p : solver_->info().inputs()) {
    const std::size_t slot = p.name.hash() % kSlots;
    const bool indexable = input_checks_.size() < kShared;
    check_slot_[slot] = check_slot_[slot] == kEmpty && indexable
                            ? static_cast<std::uint8_t>(input_checks_.size())
                            : kShared;
    input_checks_.push_back({p.name, &p, p.constraint.empty() ? nullptr : &p.constraint});
    required_inputs_ += p.required ? 1 : 0;
  }
}

const SolverHandle::InputCheck* SolverHandle::find_check(Name name) const {
  const std::uint8_t slot = check_slot_[name.hash() % kSlots];
  if (slot < kShared) {
    const InputCheck& c = input_checks_[slot];
    return c.name == name ? &c : nullptr;
  }
  if (slot == kEmpty) return nullptr;
  for (const InputCheck& c : input_checks_)
    if (c.name == name) return &c;
  return nullptr;
}

bool SolverHandle::inputs_acceptable(const Record& inputs) const {
  std::size_t required_given = 0;
  for (const Record::Field& field : inputs) {
    const InputCheck* check = find_check(field.name);
    if (check == nullptr) return false;
    if (check->port->optional && field.value.is_null()) continue;
    if (!input_accepts(*check->port, field.value)) return false;
    if (check->constraint != nullptr && !check->constraint->accepts(field.value)) return false;
    required_given += check->port->required ? 1 : 0;
  }
  // Record names are unique, so counting is enough.
  return required_given == required_inputs_;
}

Status SolverHandle::solve(const Record& inputs, Record& outputs, Context& ctx) const {
  if (!inputs_acceptable(inputs)) {
    outputs.clear();
    if (Status s = validate_inputs(*info_, inputs); !s.ok()) return s;
  }
  const Context::Caller caller = ctx.enter(*info_, inputs);
  try {
    Status status = solver_->solve(inputs, outputs, ctx);
    ctx.leave(caller);
    if (!status.ok()) [[unlikely]] {
      outputs.clear();  // never the last solve's answer beside this one's error
      return status;
    }
    if (check_outputs_) [[unlikely]]
      return check_outputs(*info_, outputs);
    return status;
  } catch (const std::exception& e) {
    ctx.leave(caller);
    outputs.clear();
    return Error::internal(fmt::format("solver '{}' ({}) threw: {}", full_name_,
                                       library_.string(), e.what()));
  } catch (...) {
    ctx.leave(caller);
    outputs.clear();
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

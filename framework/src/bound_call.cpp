#include "mlsysim/framework/bound_call.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "mlsysim/framework/port.hpp"

namespace mlsysim {
namespace {
template <class Spec>
const Spec* spec_of(const Value& v) {
  if constexpr (std::is_same_v<Spec, HardwareSpec>) {
    const HardwareRef* h = v.if_hardware();
    return h ? h->get() : nullptr;
  } else {
    const ModelRef* m = v.if_model();
    return m ? m->get() : nullptr;
  }
}
}  // namespace

Result<BoundCall> Context::bind(std::string_view solver, Forwarding forwarding) {
  Result<const CallTarget*> target = resolve(solver);
  if (!target.ok()) return target.error();
  return BoundCall(**target, caller_, forwarding);
}

BoundCall::BoundCall(const CallTarget& target, const Context::Caller& caller, Forwarding forwarding)
    : target_(&target),
      label_(target.full_name()),
      wraps_caller_(caller.info != nullptr && caller.info->contract_name() == target.info().contract_name()) {
  const SolverInfo& info = target.info();
  inputs_.reserve(info.inputs().size());
  outputs_.reserve(info.outputs().size());
  if (forwarding != Forwarding::kCallerInputs || caller.inputs == nullptr) return;
  for (const Record::Field& f : *caller.inputs) {
    const PortInfo* port = info.find_input(f.name);
    if (port == nullptr) continue;
    if (f.value.is_null() ? port->optional : input_accepts(*port, f.value))
      inputs_.append(f.name, f.value);
  }
}

BoundCall& BoundCall::drop(Name port) {
  inputs_.erase(port.view());
  if (std::find(dropped_.begin(), dropped_.end(), port) == dropped_.end()) dropped_.push_back(port);
  return *this;
}

template <class Spec>
Spec& BoundCall::edit_spec(std::vector<std::pair<Name, std::shared_ptr<Spec>>>& copies, Name port,
                           const Spec& base) {
  std::shared_ptr<Spec>* copy = nullptr;
  for (auto& [name, spec] : copies)
    if (name == port) copy = &spec;
  if (copy == nullptr) copy = &copies.emplace_back(port, nullptr).second;
  // Reuse the copy unless someone else (a retained output, say) still holds
  // it: here, in the copies list and in the input record, it is ours alone.
  if (*copy && copy->use_count() <= 2) {
    **copy = base;  // assignment keeps string and vector capacity
    if (const Value* bound = inputs_.find(port); bound != nullptr && spec_of<Spec>(*bound) == copy->get())
      return **copy;  // already bound: no reference counting
  } else {
    *copy = std::make_shared<Spec>(base);
  }
  inputs_.set(port, Value(std::shared_ptr<const Spec>(*copy)));
  return **copy;
}

HardwareSpec& BoundCall::edit(const Input<HardwareRef>& port, const HardwareSpec& base) {
  return edit_spec(hardware_copies_, port.name(), base);
}

ModelSpec& BoundCall::edit(const Input<ModelRef>& port, const ModelSpec& base) {
  return edit_spec(model_copies_, port.name(), base);
}

Status BoundCall::check_wrapper_forwards(const Context::Caller& caller) const {
  if (caller.inputs == nullptr) return {};
  for (const Record::Field& f : *caller.inputs) {
    if (inputs_.find(f.name) != nullptr) continue;
    if (std::find(dropped_.begin(), dropped_.end(), f.name) != dropped_.end()) continue;
    // The wrapper's own parameters are its to read, not the callee's.
    if (const PortInfo* own = caller.info->find_input(f.name); own != nullptr && own->parameter) continue;
    return Error::plugin(fmt::format(
        "{} calls {} without the input '{}' it was given ({}): a wrapper must pass on what it "
        "was given (bind forwards the caller's inputs unless told otherwise) or drop it "
        "explicitly",
        caller.info->full_name(), label_, f.name.view(), f.value.describe()));
  }
  return {};
}

Status BoundCall::run(Context& ctx, std::string_view what) {
  if (wraps_caller_)
    if (Status s = check_wrapper_forwards(ctx.caller()); !s.ok()) return s;
  return ctx.invoke(*target_, label_, what, inputs_, outputs_);
}

std::string BoundCall::fmt_missing(std::string_view output) const {
  return fmt::format("{} did not write its declared output '{}'", label_, output);
}

Status check_bound_contract(const SolverInfo& info, const std::string& name,
                            const std::string& version) {
  if (info.contract_name() != name)
    return Error::plugin(fmt::format("{} implements contract '{}', not '{}'", info.full_name(),
                                     info.contract_name(), name));
  if (info.contract_version() != version)
    return Error::plugin(fmt::format("{} implements version '{}' of contract '{}'; the caller was "
                                     "built against version '{}'",
                                     info.full_name(), info.contract_version(), name, version));
  return {};
}

}  // namespace mlsysim

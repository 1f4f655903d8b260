#include "mlsysim/framework/bound_call.hpp"

#include <fmt/format.h>

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

BoundCall::BoundCall(const CallTarget& target)
    : target_(&target), label_(target.info().full_name()) {
  inputs_.reserve(target.info().inputs.size());
  outputs_.reserve(target.info().outputs.size());
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

Status BoundCall::run(Context& ctx, std::string_view what) {
  return ctx.invoke(*target_, label_, what, inputs_, outputs_);
}

std::string BoundCall::fmt_missing(std::string_view output) const {
  return fmt::format("{} did not write its declared output '{}'", label_, output);
}

}  // namespace mlsysim

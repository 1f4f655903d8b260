// BoundCall: one solver bound by a meta-solver or a wrapper variant, called
// many times. It starts with the caller's inputs that the callee declares
// (unless bound with Forwarding::kNone), so a variant that changes one input
// or one spec field passes every other input through. Inputs are set and
// outputs read through the contract's typed ports; the records (and any spec
// copies made with edit()) are reused between calls, so repeated calls do
// not allocate.
//
//   auto call = ctx.bind<contracts::Roofline>();   // default variant, resolved once
//   if (!call.ok()) return call.error();
//   const auto& r = call->contract();
//   call->set(r.in.batch_size, std::int64_t{1});
//   HardwareSpec& hw = call->edit(r.in.hardware, *base);  // a reused copy
//   hw.memory_bandwidth *= 1.1;
//   if (Status s = call->run(ctx, "bandwidth +10%"); !s.ok()) return s;
//   Seconds t = (*call)[r.out.latency];
//
// A call to the caller's own contract (a wrapper) must pass on every input
// the caller was given: one it neither forwards, sets nor drop()s is a
// plugin error at run time, naming the wrapper and the input.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "mlsysim/framework/context.hpp"
#include "mlsysim/framework/contract.hpp"
#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/port.hpp"
#include "mlsysim/framework/record.hpp"

namespace mlsysim {

class MLSYSIM_API BoundCall {
 public:
  BoundCall(const CallTarget& target, const Context::Caller& caller, Forwarding forwarding);
  BoundCall(BoundCall&&) noexcept = default;
  BoundCall& operator=(BoundCall&&) noexcept = default;

  const SolverInfo& info() const { return target_->info(); }

  template <class T, class V>
  BoundCall& set(const Input<T>& port, V&& value) {
    inputs_.set(port.name(), Value(T(std::forward<V>(value))));
    return *this;
  }
  // A spec input (Input<GridSpec>, Input<DatacenterSpec>, ...) from a shared spec.
  template <class S>
  BoundCall& set_spec(const Input<S>& port, std::shared_ptr<const S> spec) {
    inputs_.set(port.name(), Value(SpecRef(std::move(spec))));
    return *this;
  }
  // Leaves `port` out, so the callee uses its default: a deliberate choice,
  // which the wrapper check accepts.
  template <class T>
  BoundCall& drop(const Input<T>& port) {
    return drop(port.name());
  }
  BoundCall& drop(Name port);
  // A copy of `base` to perturb, owned by this call and bound to `port`.
  // The copy's storage is reused on later edits of the same port.
  HardwareSpec& edit(const Input<HardwareRef>& port, const HardwareSpec& base);
  ModelSpec& edit(const Input<ModelRef>& port, const ModelSpec& base);

  // Solves with the current inputs. `what` names this call in warnings
  // ("roofline:reference (bandwidth +10%): ...").
  Status run(Context& ctx, std::string_view what = {});

  // An output of the last successful run, or an error naming it.
  template <class T>
  Result<T> get(const Output<T>& port) const {
    const Value* v = outputs_.find(port.name());
    if (v == nullptr) return Error::internal(fmt_missing(port.name().view()));
    return PortTraits<T>::extract(*v, port.name().view());
  }
  const Record& inputs() const { return inputs_; }
  const Record& outputs() const { return outputs_; }

 private:
  std::string fmt_missing(std::string_view output) const;
  // A plugin error if this call (to the caller's own contract) loses an
  // input the caller was given.
  Status check_wrapper_forwards(const Context::Caller& caller) const;
  template <class Spec>
  Spec& edit_spec(std::vector<std::pair<Name, std::shared_ptr<Spec>>>& copies, Name port,
                  const Spec& base);

  const CallTarget* target_;
  std::string_view label_;  // the target's full name
  bool wraps_caller_;  // the target implements the binding caller's own contract
  Record inputs_;
  Record outputs_;
  std::vector<Name> dropped_;
  std::vector<std::pair<Name, std::shared_ptr<HardwareSpec>>> hardware_copies_;
  std::vector<std::pair<Name, std::shared_ptr<ModelSpec>>> model_copies_;
};

// A bound call to contract C: outputs are read by port, and reading cannot
// fail, because the registry checks every output against the contract.
template <class C>
class Bound : public BoundCall {
 public:
  Bound(const CallTarget& target, const Context::Caller& caller, Forwarding forwarding)
      : BoundCall(target, caller, forwarding) {}
  const C& contract() const { return mlsysim::contract<C>(); }

  // An output of the last successful run (an empty value before one, or
  // for a null output).
  template <class T>
  std::conditional_t<ReadByReference<T>::value, const T&, T> operator[](const Output<T>& port) const {
    const Value* v = outputs().find(port.name());
    if constexpr (ReadByReference<T>::value) {
      if (v != nullptr)
        if (const T* p = PortTraits<T>::peek(*v)) return *p;
      static const T empty{};
      return empty;
    } else {
      T out{};
      if (v != nullptr) PortTraits<T>::read(*v, out);
      return out;
    }
  }
};

// Whether `info` implements contract `name` at `version`; else the error
// bind<C> returns.
MLSYSIM_API Status check_bound_contract(const SolverInfo& info, const std::string& name,
                                        const std::string& version);

template <class C>
Result<Bound<C>> Context::bind(std::string_view variant, Forwarding forwarding) {
  const C& c = contract<C>();
  Result<const CallTarget*> target =
      variant.empty() ? resolve(c.name()) : resolve(c.name() + ":" + std::string(variant));
  if (!target.ok()) return target.error();
  if (Status s = check_bound_contract((*target)->info(), c.name(), c.version()); !s.ok())
    return s.error();
  return Result<Bound<C>>(std::in_place, **target, caller_, forwarding);
}

}  // namespace mlsysim

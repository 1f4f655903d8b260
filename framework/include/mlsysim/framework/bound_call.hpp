// BoundCall: one solver bound by a meta-solver, called many times. Inputs
// are set and outputs read through the contract's typed ports; the input and
// output records (and any spec copies made with edit()) are reused between
// calls, so repeated calls do not allocate.
//
//   auto call = ctx.bind("roofline");            // resolved here, once
//   if (!call.ok()) return call.error();
//   const auto& r = contracts::roofline();
//   call->set(r.in.model, model).set(r.in.batch_size, std::int64_t{1});
//   HardwareSpec& hw = call->edit(r.in.hardware, *base);  // a reused copy
//   hw.memory_bandwidth *= 1.1;
//   if (Status s = call->run(ctx, "bandwidth +10%"); !s.ok()) return s;
//   Result<Seconds> t = call->get(r.out.latency);
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mlsysim/framework/context.hpp"
#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/port.hpp"
#include "mlsysim/framework/record.hpp"

namespace mlsysim {

class MLSYSIM_API BoundCall {
 public:
  explicit BoundCall(const CallTarget& target);

  const SolverInfo& info() const { return target_->info(); }

  template <class T, class V>
  BoundCall& set(const Input<T>& port, V&& value) {
    inputs_.set(port.name(), Value(T(std::forward<V>(value))));
    return *this;
  }
  // A copy of `base` to perturb, owned by this call and bound to `port`.
  // The copy's storage is reused on later edits of the same port.
  HardwareSpec& edit(const Input<HardwareRef>& port, const HardwareSpec& base);
  ModelSpec& edit(const Input<ModelRef>& port, const ModelSpec& base);

  // Solves with the current inputs. `what` names this call in warnings
  // ("roofline:reference (bandwidth +10%): ...").
  Status run(Context& ctx, std::string_view what = {});

  // An output of the last successful run.
  template <class T>
  Result<T> get(const Output<T>& port) const {
    const Value* v = outputs_.find(port.name());
    if (v == nullptr)
      return Error::internal(fmt_missing(port.name().view()));
    return PortTraits<T>::extract(*v, port.name().view());
  }
  const Record& inputs() const { return inputs_; }
  const Record& outputs() const { return outputs_; }

 private:
  std::string fmt_missing(std::string_view output) const;
  template <class Spec>
  Spec& edit_spec(std::vector<std::pair<Name, std::shared_ptr<Spec>>>& copies, Name port,
                  const Spec& base);

  const CallTarget* target_;
  std::string label_;  // the target's full name
  Record inputs_;
  Record outputs_;
  std::vector<std::pair<Name, std::shared_ptr<HardwareSpec>>> hardware_copies_;
  std::vector<std::pair<Name, std::shared_ptr<ModelSpec>>> model_copies_;
};

}  // namespace mlsysim

// Call<C>: one solve of contract C as an implementation sees it. Reads are
// infallible (the registry has validated the inputs: kinds, units,
// constraints, required ones present; defaults are applied here); writes go
// through the contract's typed output ports, so kinds and units are checked
// when the plugin compiles, and the set of outputs when the solve ends (one
// pass over the names): a port left unwritten, written twice, not declared or
// set null where the contract forbids it is a plugin error naming the
// implementation and the port. Outputs written in another order are put in
// declared order. A record that still holds the fields of the last solve
// (sweeps, batches and pipelines reuse one) is overwritten in place.
//
//   Status solve(sdk::Call<contracts::Data>& call) {
//     const auto& c = call.contract();
//     const ByteRate demand = call[c.in.workload_data_rate];
//     ...
//     call.set(c.out.margin, supply - demand);
//     return {};
//   }
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "mlsysim/framework/bound_call.hpp"
#include "mlsysim/framework/context.hpp"
#include "mlsysim/framework/nested_outputs.hpp"
#include "mlsysim/framework/contract.hpp"
#include "mlsysim/framework/port.hpp"
#include "mlsysim/framework/record.hpp"
#include "mlsysim/sdk/parameters.hpp"

namespace mlsysim::sdk {

namespace detail {
// The plugin error for a broken output promise (a cold path: never inlined).
MLSYSIM_COLD inline Error output_error(const SolverInfo& info, Name port, std::string_view what) {
  Error e = Error::plugin(info.full_name() + " " + std::string(what) + " output '" + port.str() + "'");
  e.field = port.str();
  return e;
}
}  // namespace detail

template <class C>
class Call {
 public:
  // `output_names` are info.outputs()' names, contiguous for the final check;
  // `parameters` the variant's parameter values (parameters.hpp), if any.
  Call(const C& contract, const SolverInfo& info, std::span<const Name> output_names,
       const Record& inputs, Record& outputs, Context& ctx, std::span<const Value> parameters = {})
      : contract_(contract),
        info_(info),
        output_names_(output_names),
        inputs_(inputs),
        reader_(inputs),
        outputs_(outputs),
        ctx_(ctx),
        parameters_(parameters),
        in_place_(output_names.size() <= 64 && outputs.layout() == output_names.data()) {
    if (in_place_) return;
    outputs_.clear();
    outputs_.reserve(info.outputs().size());
  }
  Call(const Call&) = delete;
  Call& operator=(const Call&) = delete;

  const C& contract() const { return contract_; }
  const SolverInfo& info() const { return info_; }
  Context& context() const { return ctx_; }
  const Record& inputs() const { return inputs_; }

  // The input's value, or its default; an optional input left out reads as
  // an empty value. Strings and specs by reference, numbers by value.
  template <class T>
  MLSYSIM_INLINE decltype(auto) operator[](const Input<T>& port) {
    return reader_.get(port);
  }
  // Whether the caller gave `port` (rather than leaving it to its default).
  template <class T>
  bool given(const Input<T>& port) const {
    return reader_.has(port);
  }

  // A spec input as the shared spec it is (to hand to a bound call, or to
  // build a spec that refers to it); null if left out.
  template <class S>
  std::shared_ptr<const S> shared(const Input<S>& port) const {
    const Value* v = inputs_.find(port.name());
    const SpecRef* ref = v != nullptr ? v->if_spec() : nullptr;
    return ref != nullptr && PortTraits<S>::peek(*v) != nullptr ? std::static_pointer_cast<const S>(*ref) : nullptr;
  }

  // The variant parameter's value in this call: the caller's, if given,
  // else the variant's (its default or parameter file).
  template <class T>
  MLSYSIM_INLINE T operator[](const Param<T>& parameter) const {
    T out{};
    const Value* v = inputs_.find(parameter.name());
    if (v != nullptr && PortTraits<T>::read(*v, out)) return out;
    PortTraits<T>::read(parameters_[parameter.index()], out);
    return out;
  }
  template <class T>
  bool given(const Param<T>& parameter) const {
    const Value* v = inputs_.find(parameter.name());
    return v != nullptr && !v->is_null();
  }

  template <class T, class V>
  MLSYSIM_INLINE Call& set(const Output<T>& port, V&& value) {
    if constexpr (std::is_same_v<T, std::string>) {
      put(port, std::string_view(value));  // text is copied once, into the record
    } else {
      put(port, T(std::forward<V>(value)));
    }
    return *this;
  }
  // Every output of `inner` (a finished call to D) into the group declared
  // as NestedOutputs<D>, in D's order.
  template <class D>
  Call& set(const NestedOutputs<D>& nested, const Bound<D>& inner) {
    const auto& slots = nested.slots();
    std::size_t i = 0;
    for (const Record::Field& f : inner.outputs()) {
      if (i == slots.size()) break;
      put_at(slots[i].index, slots[i].bit, slots[i].name, f.value);
      ++i;
    }
    return *this;
  }
  template <class T>
  MLSYSIM_INLINE Call& set_null(const Output<T>& port) {
    if (!port.nullable()) [[unlikely]] {
      fail(detail::output_error(info_, port.name(), "set null the non-nullable"));
      return *this;
    }
    put(port, Value());
    return *this;
  }

  // Every output of `inner`, a finished call to this same contract, as this
  // call's (a wrapper variant); nothing may have been written before.
  Call& set_outputs_from(const Bound<C>& inner) {
    if (in_place_) {  // start again: the inner call's record is the whole answer
      in_place_ = false;
      outputs_.clear();
    }
    for (const Record::Field& f : inner.outputs()) outputs_.append(f.name, f.value);
    return *this;
  }

  void warn(std::string message) { ctx_.warn(std::move(message)); }
  void note(std::string message) { ctx_.note(std::move(message)); }

  // Binds contract D (its default variant, or `variant`) for calls made
  // during this solve; it starts with this call's inputs that D declares.
  template <class D>
  Result<Bound<D>> bind(std::string_view variant = {}, Forwarding f = Forwarding::kCallerInputs) {
    return ctx_.template bind<D>(variant, f);
  }

  // What the solve returns: `status` if it failed, else OK only when every
  // input was readable and every output was written once (put in declared
  // order if it was written in another).
  Status finish(Status status) {
    if (!status.ok()) return status;
    if (!reader_.ok()) return reader_.error();
    if (error_) return *error_;
    if (in_place_) {
      if (written_ != all_written()) [[unlikely]]
        return missing_output();
      return {};
    }
    if (!written_in_order()) [[unlikely]]
      if (Status s = check_and_order(); !s.ok()) return s;
    outputs_.mark_layout(output_names_.data());  // the next solve writes in place
    return {};
  }

 private:
  // Writes `v` as `port`'s value: over the last solve's field when the
  // record still holds them (nothing is rebuilt), else appended.
  template <class T, class V>
  MLSYSIM_INLINE void put(const Output<T>& port, V&& v) {
    put_at(port.index(), port.bit(), port.name(), std::forward<V>(v));
  }
  template <class V>
  MLSYSIM_INLINE void put_at(std::size_t index, std::uint64_t bit, Name name, V&& v) {
    if (in_place_) {
      outputs_.value_at(index).assign(std::forward<V>(v));
      written_ |= bit;
    } else {
      outputs_.emplace(name, std::forward<V>(v));
    }
  }
  std::uint64_t all_written() const {
    const std::size_t n = output_names_.size();
    return n == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << n) - 1;
  }
  MLSYSIM_COLD Status missing_output() const {
    std::size_t i = 0;
    while (written_ & (std::uint64_t{1} << i)) ++i;
    return detail::output_error(info_, output_names_[i], "did not write its declared");
  }
  // The common case, in one pass: each declared output once, in order.
  MLSYSIM_INLINE bool written_in_order() const {
    if (outputs_.size() != output_names_.size()) return false;
    const Name* expected = output_names_.data();
    for (const Record::Field& f : outputs_)
      if (!(f.name == *expected++)) return false;
    return true;
  }
  // Otherwise (appended): a missing or repeated output is an error; outputs that are
  // all there but in another order are put in declared order.
  MLSYSIM_COLD Status check_and_order() {
    for (const Name& name : output_names_) {
      std::size_t count = 0;
      for (const Record::Field& f : outputs_) count += f.name == name ? 1 : 0;
      if (count == 0) return detail::output_error(info_, name, "did not write its declared");
      if (count > 1) return detail::output_error(info_, name, "wrote twice the");
    }
    for (const Record::Field& f : outputs_)
      if (info_.find_output(f.name) == nullptr)
        return detail::output_error(info_, f.name, "wrote the undeclared");
    Record ordered;
    ordered.reserve(output_names_.size());
    for (const Name& name : output_names_) ordered.append(name, *outputs_.find(name));
    outputs_ = std::move(ordered);
    return {};
  }
  void fail(Error e) {
    if (!error_) error_ = std::move(e);
  }

  const C& contract_;
  const SolverInfo& info_;
  std::span<const Name> output_names_;
  const Record& inputs_;
  InputReader reader_;
  Record& outputs_;
  Context& ctx_;
  std::span<const Value> parameters_;
  bool in_place_;              // the record holds the declared fields: overwrite them
  std::uint64_t written_ = 0;  // in place: the bits of the outputs written
  std::optional<Error> error_;
};

}  // namespace mlsysim::sdk

// Implementations as functions. An implementation of contract C is a
// function of a Call<C> (call.hpp), registered as `contract:variant` in one
// line that also declares the plugin:
//
//   Status solve(sdk::Call<contracts::Data>& call) { ...physics... }
//   MLSYSIM_IMPLEMENTATION(mlsysim::contracts::Data, "reference", "0.1.0", kDoc, solve)
//
// A variant with fitted parameters keeps them in a State (see
// calibration.hpp) and is a function of (Call<C>&, const State&); a plugin
// that registers several implementations or providers calls
// sdk::implementation<C>(...) from its own MLSYSIM_PLUGIN register function.
// Solver (framework/solver.hpp) stays the low-level interface for the rare
// solver that needs it.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "mlsysim/framework/contract.hpp"
#include "mlsysim/framework/parameter.hpp"
#include "mlsysim/framework/solver.hpp"
#include "mlsysim/sdk/call.hpp"
#include "mlsysim/sdk/plugin.hpp"

namespace mlsysim::sdk {

// Who an implementation is, next to the contract it implements.
struct Variant {
  std::string name;     // "reference", "calibrated", ... (selected as contract:name)
  std::string version;  // the implementation's own version
  std::string doc;      // what it does differently, its quirks, its sources
};

template <class C>
using SolveFunction = Status (*)(Call<C>&);
template <class C, class State>
using StatefulSolveFunction = Status (*)(Call<C>&, const State&);

namespace detail {

template <class C>
SolverInfo implementation_info(Variant v) {
  SolverInfo info = contract<C>().info();
  info.variant = std::move(v.name);
  info.version = std::move(v.version);
  info.doc = std::move(v.doc);
  return info;
}

// Adapts a function of Call<C> to the Solver interface.
template <class C, class Function>
class FunctionSolver : public Solver {
 public:
  FunctionSolver(Function fn, SolverInfo info)
      : contract_(contract<C>()), fn_(fn), info_(std::move(info)) {
    for (const PortInfo& p : info_.outputs) output_names_.push_back(p.name);
  }
  const SolverInfo& info() const final { return info_; }
  bool checks_own_outputs() const final { return true; }

 protected:
  Call<C> call(const Record& inputs, Record& outputs, Context& ctx) const {
    return Call<C>(contract_, info_, output_names_, inputs, outputs, ctx);
  }

  const C& contract_;
  Function fn_;
  SolverInfo info_;
  std::vector<Name> output_names_;
};

template <class C>
class PlainSolver final : public FunctionSolver<C, SolveFunction<C>> {
 public:
  using FunctionSolver<C, SolveFunction<C>>::FunctionSolver;
  Status solve(const Record& inputs, Record& outputs, Context& ctx) const override {
    Call<C> call = this->call(inputs, outputs, ctx);
    return call.finish(this->fn_(call));
  }
};

// The same with the function known at compile time, so the compiler sees
// one function from the registry's virtual call to the last output.
template <class C, SolveFunction<C> Fn>
class InlinedSolver final : public FunctionSolver<C, SolveFunction<C>> {
 public:
  explicit InlinedSolver(SolverInfo info) : FunctionSolver<C, SolveFunction<C>>(Fn, std::move(info)) {}
  Status solve(const Record& inputs, Record& outputs, Context& ctx) const override {
    Call<C> call = this->call(inputs, outputs, ctx);
    return call.finish(Fn(call));
  }
};

// State: a copyable value built from the variant's parameters; it must have
// `void assign(std::span<const double>)` taking them in info().parameters
// order, so fitting can try other values.
template <class C, class State>
class StatefulSolver final : public FunctionSolver<C, StatefulSolveFunction<C, State>> {
 public:
  StatefulSolver(StatefulSolveFunction<C, State> fn, SolverInfo info, State state)
      : FunctionSolver<C, StatefulSolveFunction<C, State>>(fn, std::move(info)),
        state_(std::move(state)) {}
  Status solve(const Record& inputs, Record& outputs, Context& ctx) const override {
    Call<C> call = this->call(inputs, outputs, ctx);
    return call.finish(this->fn_(call, state_));
  }
  std::unique_ptr<Solver> with_parameters(std::span<const double> values) const override {
    auto copy = std::make_unique<StatefulSolver>(*this);
    copy->state_.assign(values);
    for (std::size_t i = 0; i < values.size() && i < copy->info_.parameters.size(); ++i)
      copy->info_.parameters[i].value = values[i];
    return copy;
  }

 private:
  State state_;
};

// The plugin name of a one-implementation plugin: the contract's name for
// its reference variant ("roofline"), else "contract_variant".
template <class C>
const char* plugin_name(const char* variant) {
  static const std::string name =
      std::string(variant) == "reference" ? contract<C>().name() : contract<C>().name() + "_" + variant;
  return name.c_str();
}

}  // namespace detail

// `fn` as the implementation `variant` of contract C.
template <class C>
std::unique_ptr<Solver> implementation(SolveFunction<C> fn, Variant variant) {
  return std::make_unique<detail::PlainSolver<C>>(fn, detail::implementation_info<C>(std::move(variant)));
}
// As above with `Fn` fixed at compile time (what MLSYSIM_IMPLEMENTATION uses).
template <class C, SolveFunction<C> Fn>
std::unique_ptr<Solver> implementation(Variant variant) {
  return std::make_unique<detail::InlinedSolver<C, Fn>>(detail::implementation_info<C>(std::move(variant)));
}
// The same with fitted parameters: `state` is built from them, and
// `parameters` (with `file`, where they were read) are shown and refitted.
template <class C, class State>
std::unique_ptr<Solver> implementation(StatefulSolveFunction<C, State> fn, Variant variant,
                                       State state, std::vector<Parameter> parameters,
                                       std::string file) {
  SolverInfo info = detail::implementation_info<C>(std::move(variant));
  info.parameters = std::move(parameters);
  info.parameter_file = std::move(file);
  return std::make_unique<detail::StatefulSolver<C, State>>(fn, std::move(info), std::move(state));
}

// The low-level form, for the rare implementation that needs the Solver
// interface itself: a class whose solve() reads with InputReader and writes
// with OutputWriter. The registry then checks its outputs on every solve.
template <class C>
class Implementation : public Solver {
 public:
  explicit Implementation(Variant variant) : info_(detail::implementation_info<C>(std::move(variant))) {}
  const SolverInfo& info() const final { return info_; }

 protected:
  const C& contract() const { return mlsysim::contract<C>(); }

 private:
  SolverInfo info_;
};

}  // namespace mlsysim::sdk

// Declares a plugin holding one implementation, `function`, of `Contract`.
#define MLSYSIM_IMPLEMENTATION(Contract, variant, version, doc, function)                   \
  MLSYSIM_PLUGIN(::mlsysim::sdk::detail::plugin_name<Contract>(variant), version,           \
                 [](::mlsysim::PluginRegistrar& r) -> ::mlsysim::Status {                    \
                   r.add_solver(::mlsysim::sdk::implementation<Contract, function>(          \
                       {variant, version, doc}));                                            \
                   return {};                                                                \
                 })

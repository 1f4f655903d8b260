// Implementations as functions. An implementation of contract C is a
// function of a Call<C> (call.hpp), registered as `contract:variant` in one
// line that also declares the plugin:
//
//   Status solve(sdk::Call<contracts::Data>& call) { ...physics... }
//   MLSYSIM_IMPLEMENTATION(mlsysim::contracts::Data, "reference", "0.1.0", kDoc, solve)
//
// A variant with parameters of its own (parameters.hpp) is a function of
// (Call<C>&, const Params&), registered the same way; with a parameter file
// it uses MLSYSIM_CALIBRATED_IMPLEMENTATION (calibration.hpp). A plugin that
// registers several implementations or providers calls
// sdk::implementation<C>(...) from its own MLSYSIM_PLUGIN register function.
// Solver (framework/solver.hpp) stays the low-level interface for the rare
// solver that needs it.
#pragma once

#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <type_traits>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "mlsysim/framework/contract.hpp"
#include "mlsysim/framework/magnitude.hpp"
#include "mlsysim/framework/parameter.hpp"
#include "mlsysim/framework/solver.hpp"
#include "mlsysim/sdk/call.hpp"
#include "mlsysim/sdk/parameters.hpp"
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
template <class C, class Params>
using ParameterizedSolveFunction = Status (*)(Call<C>&, const Params&);

namespace detail {

template <class C>
SolverInfo implementation_info(Variant v) {
  SolverInfo info(contract<C>().shared_info());
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
    for (const PortInfo& p : info_.outputs()) output_names_.push_back(p.name);
  }
  const SolverInfo& info() const final { return info_; }
  bool checks_own_outputs() const final { return true; }

 protected:
  Call<C> call(const Record& inputs, Record& outputs, Context& ctx,
               std::span<const Value> parameters = {}) const {
    return Call<C>(contract_, info_, output_names_, inputs, outputs, ctx, parameters);
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

// A parameter's value as its port holds it, from a number in base units.
inline Value parameter_value(const PortInfo& port, double number) {
  switch (port.kind) {
    case ValueKind::kInteger: return Value(static_cast<std::int64_t>(std::llround(number)));
    case ValueKind::kQuantity: return Value(Quantity{number, port.dimension});
    default: return Value(number);
  }
}

// An implementation with parameters of its own: `params` declares them (and
// holds any fixed tables); `values_` are their values, one per declaration,
// which with_parameters() replaces (calibration tries other values).
template <class C, class Params>
class ParameterizedSolver final : public FunctionSolver<C, ParameterizedSolveFunction<C, Params>> {
 public:
  ParameterizedSolver(ParameterizedSolveFunction<C, Params> fn, SolverInfo info, Params params,
                      std::span<const double> values)
      : FunctionSolver<C, ParameterizedSolveFunction<C, Params>>(fn, std::move(info)),
        params_(std::move(params)) {
    this->info_.add_parameter_ports(params_.ports());
    this->info_.parameters = params_.fit_view();
    assign(values);
  }
  Status solve(const Record& inputs, Record& outputs, Context& ctx) const override {
    Call<C> call = this->call(inputs, outputs, ctx, values_);
    return call.finish(this->fn_(call, params_));
  }
  std::unique_ptr<Solver> with_parameters(std::span<const double> values) const override {
    auto copy = std::make_unique<ParameterizedSolver>(*this);
    copy->assign(values);
    return copy;
  }

 private:
  // The values, and the ports' defaults and the fit view that show them.
  void assign(std::span<const double> values) {
    values_.resize(params_.ports().size());
    for (std::size_t i = 0; i < values.size() && i < values_.size(); ++i) {
      values_[i] = parameter_value(params_.ports()[i], values[i]);
      this->info_.set_parameter_default(i, values_[i]);
      this->info_.parameters[i].value = values[i];
    }
  }

  Params params_;
  std::size_t first_parameter_;  // the parameters' place in info().inputs()
  std::vector<Value> values_;
};

// Each parameter's declared default in base units, or an error naming the
// first without one (it needs a parameter file).
inline Result<std::vector<double>> declared_defaults(const ParameterSet& params, const SolverInfo& info) {
  std::vector<double> values;
  for (const PortInfo& port : params.ports()) {
    std::optional<double> v = magnitude(port.default_value);
    if (!v)
      return Error::plugin(info.full_name() + ": parameter '" + port.name.str() +
                           "' has no default and the variant reads no parameter file");
    values.push_back(*v);
  }
  return values;
}

// The parameter struct a parameterized function takes (a fresh one).
template <class C, class Params>
Params parameters_of(ParameterizedSolveFunction<C, Params>) {
  return Params{};
}

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
// The same with parameters of its own, at `values` (one per declaration, in
// base units; `file` says where they were read, if anywhere).
template <class C, class Params>
std::unique_ptr<Solver> implementation(ParameterizedSolveFunction<C, Params> fn, Variant variant,
                                       Params params, std::span<const double> values,
                                       std::string file = {}) {
  SolverInfo info = detail::implementation_info<C>(std::move(variant));
  info.parameter_file = std::move(file);
  return std::make_unique<detail::ParameterizedSolver<C, Params>>(fn, std::move(info), std::move(params),
                                                                   values);
}

namespace detail {
// What MLSYSIM_IMPLEMENTATION registers: `Fn` as it is, or with its
// parameters at their declared defaults.
template <class C, auto Fn>
Status register_implementation(PluginRegistrar& registrar, Variant variant) {
  if constexpr (std::is_convertible_v<decltype(Fn), SolveFunction<C>>) {
    registrar.add_solver(implementation<C, Fn>(std::move(variant)));
  } else {
    auto params = parameters_of<C>(Fn);
    Result<std::vector<double>> values = declared_defaults(params, implementation_info<C>(variant));
    if (!values.ok()) return values.error();
    registrar.add_solver(implementation<C>(Fn, std::move(variant), std::move(params), *values));
  }
  return {};
}
}  // namespace detail

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

// Declares a plugin holding one implementation, `function`, of `Contract`:
// a function of (Call<Contract>&), or of (Call<Contract>&, const Params&)
// whose parameters all have defaults.
#define MLSYSIM_IMPLEMENTATION(Contract, variant, version, doc, function)                   \
  MLSYSIM_PLUGIN(::mlsysim::sdk::detail::plugin_name<Contract>(variant), version,           \
                 [](::mlsysim::PluginRegistrar& r) -> ::mlsysim::Status {                    \
                   return ::mlsysim::sdk::detail::register_implementation<Contract, function>( \
                       r, {variant, version, doc});                                          \
                 })

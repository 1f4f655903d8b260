// A variant's own parameters, declared like a contract's ports: a name, a
// unit (by the type), a default, a constraint and a doc. They are inputs of
// the implementation (not of the contract): the registry validates them,
// every front end can set them per call (`--memory-efficiency 0.7`, a batch
// request's inputs, a pipeline binding, a sweep axis, a Python keyword), and
// a call that leaves one out reads the variant's value: the declared default,
// or the value in its parameter file (calibration.hpp), which `mlsysim
// calibrate` refits within the constraint's bounds.
//
//   struct Knobs : sdk::ParameterSet {
//     const sdk::Param<double> derate{*this, "derate", 0.9, "fraction of peak FLOP/s",
//                                     in_range(0.01, 1)};
//   };
//   Status solve(sdk::Call<roofline::Contract>& call, const Knobs& k) {
//     const double derate = call[k.derate];
//     ...
//   }
//   MLSYSIM_IMPLEMENTATION(roofline::Contract, "derated", "1.0", kDoc, solve)
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mlsysim/framework/constraint.hpp"
#include "mlsysim/framework/name.hpp"
#include "mlsysim/framework/parameter.hpp"
#include "mlsysim/framework/port.hpp"

namespace mlsysim::sdk {

// The declarations of one variant's parameters, in order. A variant derives
// its parameter struct from it; the struct may also hold fixed tables, read
// by an optional `void load_tables(const ParameterFile&)`.
class ParameterSet {
 public:
  ParameterSet() = default;
  // Copies keep the declarations (the parameters hold only their position).
  ParameterSet(const ParameterSet&) = default;
  ParameterSet& operator=(const ParameterSet&) = default;

  // Each parameter as an input port (parameter = true; the default is the
  // declared one, if any) and as the fit sees it (range from the constraint).
  const std::vector<PortInfo>& ports() const { return ports_; }
  const std::vector<Parameter>& fit_view() const { return fit_; }

  std::size_t add(PortInfo port, double prior) {
    Parameter p;
    p.name = port.name.str();
    p.doc = port.doc;
    p.prior = prior;
    if (const auto& low = port.constraint.low()) p.low = low->value;
    if (const auto& high = port.constraint.high()) p.high = high->value;
    port.parameter = true;
    ports_.push_back(std::move(port));
    fit_.push_back(std::move(p));
    return ports_.size() - 1;
  }

 private:
  std::vector<PortInfo> ports_;
  std::vector<Parameter> fit_;
};

// The physically expected value a fit is pulled toward (calibrate's prior).
struct Prior {
  double value = 0;
};

// One parameter. T is double, std::int64_t or a quantity type (Seconds, ...):
// a parameter file gives it as a number in T's base unit.
template <class T>
class Param {
 public:
  // A parameter whose value comes from the variant's parameter file.
  Param(ParameterSet& set, std::string_view name, std::string_view doc, Constraint c = {},
        Prior prior = {})
      : name_(name), index_(set.add(info(doc, std::move(c), std::nullopt), prior.value)) {}
  // A parameter with a default (a file may still set it).
  Param(ParameterSet& set, std::string_view name, T default_value, std::string_view doc,
        Constraint c = {}, Prior prior = {})
      : name_(name), index_(set.add(info(doc, std::move(c), default_value), prior.value)) {}

  Name name() const { return name_; }
  // Position among the variant's parameters.
  std::size_t index() const { return index_; }

 private:
  PortInfo info(std::string_view doc, Constraint c, std::optional<T> default_value) const {
    PortInfo p;
    p.name = name_;
    p.kind = PortTraits<T>::kind;
    p.dimension = PortTraits<T>::dimension;
    if (default_value) p.default_value = Value(*default_value);
    p.constraint = std::move(c);
    p.doc = doc;
    return p;
  }

  Name name_;
  std::size_t index_;
};

}  // namespace mlsysim::sdk

// Context: what a solver may use while solving. Meta-solvers (sensitivity,
// synthesis) call other solvers through it, never by linking them; every
// solver reports warnings through it.
#pragma once

#include <string>
#include <string_view>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/providers.hpp"
#include "mlsysim/framework/record.hpp"
#include "mlsysim/framework/result.hpp"

namespace mlsysim {

class MLSYSIM_API Context {
 public:
  virtual ~Context();
  virtual const Catalog& catalog() const = 0;
  // Runs another registered solver (inputs are validated as for any call).
  virtual Result<Record> solve(std::string_view solver, const Record& inputs) = 0;
  // A warning attached to the current result (e.g. a precision fallback).
  virtual void warn(std::string message) = 0;
};

}  // namespace mlsysim

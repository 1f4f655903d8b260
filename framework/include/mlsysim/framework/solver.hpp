// Solver: the low-level interface of one analytical model. Most
// implementations are functions registered with the SDK
// (sdk/implementation.hpp), which adapts them to this interface.
//
// Given an input record (validated against info().inputs() by the registry: every field declared, of the declared kind
// and dimension, required ones present) it fills `outputs` with the fields of
// info().outputs(), in that order, and returns OK; or it returns the Error, and
// `outputs` holds nothing meaningful.
//
// `outputs` may hold the fields of an earlier solve: sweeps, batches and
// pipelines reuse one record per solver, so a solve allocates nothing. A
// solver overwrites them in place (the SDK's Call does) or clears the record
// first (OutputWriter does the clearing and the appending).
//
// Contract for implementers:
//  * solve() is const and may run concurrently from several threads;
//  * it never throws (the registry turns an escaped exception into an
//    `internal` error, but that is a bug in the plugin);
//  * warnings go to ctx.warn(), not to stdout/stderr.
#pragma once

#include <memory>
#include <span>

#include "mlsysim/framework/context.hpp"
#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/port.hpp"
#include "mlsysim/framework/solver_info.hpp"
#include "mlsysim/framework/record.hpp"
#include "mlsysim/framework/result.hpp"

namespace mlsysim {

class MLSYSIM_API Solver {
 public:
  virtual ~Solver();
  virtual const SolverInfo& info() const = 0;
  virtual Status solve(const Record& inputs, Record& outputs, Context& ctx) const = 0;
  // A copy of this implementation with other values of info().parameters
  // (same order, each within its range), for fitting; nullptr if it has no
  // parameters.
  virtual std::unique_ptr<Solver> with_parameters(std::span<const double> values) const;
  // True when solve() itself guarantees the output contract (every declared
  // output once, in order, of its kind and unit), as implementations written
  // with the SDK's Call do; otherwise the registry checks every solve's
  // outputs (output_check.hpp).
  virtual bool checks_own_outputs() const { return false; }
};

}  // namespace mlsysim

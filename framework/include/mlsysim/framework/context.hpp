// Context: what a solver may use while solving. Every solver reports
// warnings through it; meta-solvers (sensitivity, synthesis, ...) reach other
// solvers through it, never by linking them: they bind a contract once
// (bound_call.hpp) and call it many times with reused records.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/providers.hpp"
#include "mlsysim/framework/record.hpp"
#include "mlsysim/framework/result.hpp"
#include "mlsysim/framework/solver_info.hpp"

namespace mlsysim {

class BoundCall;
template <class C>
class Bound;
class Context;

// A solver as a bound call reaches it: its description and its checked
// solve (inputs validated, outputs checked, exceptions caught), as the
// registry hands it out.
class MLSYSIM_API CallTarget {
 public:
  virtual ~CallTarget();
  virtual const SolverInfo& info() const = 0;
  // "roofline:reference", kept by the target (bound calls name it in
  // warnings and errors without building it on every call).
  virtual const std::string& full_name() const = 0;
  virtual Status solve(const Record& inputs, Record& outputs, Context& ctx) const = 0;
};

// What a new bound call starts with.
enum class Forwarding {
  kCallerInputs,  // the caller's inputs that the callee declares (same name, kind and unit)
  kNone,          // nothing: the caller sets every input itself
};

class MLSYSIM_API Context {
 public:
  virtual ~Context();
  virtual const Catalog& catalog() const = 0;

  // Resolves "contract" (its default variant) or "contract:variant" once,
  // for any number of calls; an unknown name is an unknown_name error.
  Result<BoundCall> bind(std::string_view solver, Forwarding = Forwarding::kCallerInputs);
  // The same by contract type: `variant` empty means the default variant. A
  // target whose contract name or version differs from C's is refused here.
  template <class C>
  Result<Bound<C>> bind(std::string_view variant = {}, Forwarding = Forwarding::kCallerInputs);

  // A warning attached to the current result (e.g. a precision fallback).
  // During a bound call it is attributed to that call.
  virtual void warn(std::string message) = 0;
  // A note attached to the current result: not a problem with the inputs,
  // but a row decided by a rule the variant keeps on purpose (MLSys·im
  // 0.1.0's offload rule, a zero storage supply), said so next to the
  // figures. Notes travel apart from warnings, which parity compares.
  virtual void note(std::string message) = 0;

  // The solve running in this context now. The registry sets it around
  // every solve; bound calls read it to forward the caller's inputs and to
  // catch a wrapper that loses one.
  struct Caller {
    const SolverInfo* info = nullptr;
    const Record* inputs = nullptr;
  };
  Caller enter(const SolverInfo& info, const Record& inputs) {
    return std::exchange(caller_, Caller{&info, &inputs});
  }
  void leave(Caller saved) { caller_ = saved; }
  const Caller& caller() const { return caller_; }

 protected:
  friend class BoundCall;
  // The target `solver` names, or an unknown_name error.
  virtual Result<const CallTarget*> resolve(std::string_view solver) = 0;
  // Runs `target` on behalf of a bound call. `label` and `what` say which
  // call it is (for warnings; `what` may be empty); a call that would
  // re-enter a solver already running in this context is refused instead of
  // recursing.
  virtual Status invoke(const CallTarget& target, std::string_view label, std::string_view what,
                        const Record& inputs, Record& outputs) = 0;

 private:
  Caller caller_;
};

}  // namespace mlsysim

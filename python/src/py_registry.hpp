// The process's registry as the bindings share it (loaded on first use),
// and the look-ups every binding needs, raising mlsysim.Error on failure.
#pragma once

#include <memory>
#include <string>

#include <pybind11/pybind11.h>

#include "mlsysim/registry/registry.hpp"

namespace mlsysim::python {

std::unique_ptr<Registry>& registry_slot();  // reset at interpreter exit
Registry& registry();

// Held by every call that uses the registry while Python code may run
// beside it (a solve, sweep, pipeline or scoring releases the GIL and may
// call Python variants): mlsysim.load() is refused while one is held, so
// the registry is never replaced under a running solve.
class RegistryInUse {
 public:
  RegistryInUse();
  ~RegistryInUse();
  RegistryInUse(const RegistryInUse&) = delete;
  RegistryInUse& operator=(const RegistryInUse&) = delete;
  static int count();
};

// A KeyboardInterrupt or SystemExit is never swallowed into a row's error:
// one raised inside a Python variant, or a Ctrl-C seen while a sweep runs
// without the GIL, is kept here, stops the work, and is raised again by the
// call that started it once the C++ side has stopped.
void keep_interrupt(pybind11::error_already_set& e);  // with the GIL
bool interrupt_kept();                                // any thread
// With the GIL: checks for Ctrl-C (main thread) and keeps it; true if an
// interrupt is kept.
bool check_interrupt();
// With the GIL: raises the kept interrupt, if any.
void raise_kept_interrupt();
const SolverHandle& find_solver(const std::string& name);
// A dict of inputs decoded for `info`'s ports.
Record decode_record(const pybind11::dict& inputs, const SolverInfo& info);

}  // namespace mlsysim::python

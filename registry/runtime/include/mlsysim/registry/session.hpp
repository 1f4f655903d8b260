// Session: the Context a caller hands to solvers. It resolves bound calls
// through the registry, refuses a call that would re-enter a solver already
// running, and collects warnings, prefixed with the bound call that raised
// them ("roofline:reference (bandwidth +10%): ..."), for the caller to report.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "mlsysim/framework/bound_call.hpp"
#include "mlsysim/framework/context.hpp"
#include "mlsysim/framework/export.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim {

class MLSYSIM_API Session : public Context {
 public:
  explicit Session(const Registry& registry) : registry_(registry) {}

  const Catalog& catalog() const override { return registry_; }
  void warn(std::string message) override;

  const std::vector<std::string>& warnings() const { return warnings_; }
  // Returns and forgets the warnings gathered so far.
  std::vector<std::string> take_warnings() { return std::exchange(warnings_, {}); }
  // Forgets them, keeping the capacity (loops that solve many times).
  void clear_warnings() { warnings_.clear(); }

 protected:
  Result<const CallTarget*> resolve(std::string_view solver) override;
  Status invoke(const CallTarget& target, std::string_view label, std::string_view what,
                const Record& inputs, Record& outputs) override;

 private:
  struct Frame {
    const CallTarget* target;
    std::string_view label;
    std::string_view what;
  };
  // Bound calls nest no deeper than this, whatever the solvers do.
  static constexpr std::size_t kMaxDepth = 32;

  const Registry& registry_;
  std::vector<std::string> warnings_;
  std::vector<Frame> calls_;  // the bound calls running now, outermost first
};

}  // namespace mlsysim

// Session: the Context a caller hands to solvers. It resolves bound calls
// through the registry, refuses a call that would re-enter a solver already
// running, and collects warnings and notes, prefixed with the bound call that raised
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
  void note(std::string message) override;

  const std::vector<std::string>& warnings() const { return warnings_; }
  // Returns and forgets the warnings gathered so far.
  std::vector<std::string> take_warnings() { return std::exchange(warnings_, {}); }
  // Forgets them, keeping the capacity (loops that solve many times).
  void clear_warnings() { warnings_.clear(); }

  // Notes, attributed the same way (Context::note).
  const std::vector<std::string>& notes() const { return notes_; }
  std::vector<std::string> take_notes() { return std::exchange(notes_, {}); }
  void clear_notes() { notes_.clear(); }

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
  static constexpr std::size_t kMaxNotes = 16;

  const Registry& registry_;
  // `message` prefixed with the bound calls running now.
  std::string attributed(std::string message) const;

  std::vector<std::string> warnings_, notes_;
  std::vector<Frame> calls_;  // the bound calls running now, outermost first
};

}  // namespace mlsysim

// Session: the Context a caller hands to solvers. It resolves nested solver
// calls through the registry and collects warnings for the caller to report.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "mlsysim/framework/context.hpp"
#include "mlsysim/framework/export.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim {

class MLSYSIM_API Session : public Context {
 public:
  explicit Session(const Registry& registry) : registry_(registry) {}

  const Catalog& catalog() const override { return registry_; }
  Result<Record> solve(std::string_view solver, const Record& inputs) override {
    return registry_.solve(solver, inputs, *this);
  }
  void warn(std::string message) override { warnings_.push_back(std::move(message)); }

  const std::vector<std::string>& warnings() const { return warnings_; }
  // Returns and forgets the warnings gathered so far.
  std::vector<std::string> take_warnings() { return std::exchange(warnings_, {}); }

 private:
  const Registry& registry_;
  std::vector<std::string> warnings_;
};

}  // namespace mlsysim

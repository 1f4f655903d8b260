#include "mlsysim/registry/session.hpp"

#include <fmt/format.h>

namespace mlsysim {

Result<const CallTarget*> Session::resolve(std::string_view solver) {
  const SolverHandle* handle = registry_.find_solver(solver);
  if (handle == nullptr) return registry_.unknown_solver(solver);
  return static_cast<const CallTarget*>(handle);
}

void Session::warn(std::string message) {
  if (calls_.empty()) return warnings_.push_back(std::move(message));
  std::string prefix;
  for (const Frame& f : calls_) {
    prefix += f.label;
    if (!f.what.empty()) fmt::format_to(std::back_inserter(prefix), " ({})", f.what);
    prefix += ": ";
  }
  warnings_.push_back(prefix + message);
}

Status Session::invoke(const CallTarget& target, std::string_view label, std::string_view what,
                       const Record& inputs, Record& outputs) {
  for (const Frame& f : calls_) {
    if (f.target == &target) {
      std::string chain;
      for (const Frame& g : calls_) chain += std::string(g.label) + " -> ";
      return Error::plugin(fmt::format("{} calls itself ({}{}); refusing the recursive call",
                                       label, chain, label));
    }
  }
  if (calls_.size() >= kMaxDepth)
    return Error::plugin(fmt::format("bound calls nest deeper than {} at {}", kMaxDepth, label));
  calls_.push_back({&target, label, what});
  Status status = target.solve(inputs, outputs, *this);
  calls_.pop_back();
  return status;
}

}  // namespace mlsysim

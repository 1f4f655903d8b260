#include "mlsysim/registry/session.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace mlsysim {

Result<const CallTarget*> Session::resolve(std::string_view solver) {
  const SolverHandle* handle = registry_.find_solver(solver);
  if (handle == nullptr) return registry_.unknown_solver(solver);
  return static_cast<const CallTarget*>(handle);
}

std::string Session::attributed(std::string message) const {
  if (calls_.empty()) return message;
  std::string prefix;
  for (const Frame& f : calls_) {
    prefix += f.label;
    if (!f.what.empty()) fmt::format_to(std::back_inserter(prefix), " ({})", f.what);
    prefix += ": ";
  }
  return prefix + message;
}

void Session::warn(std::string message) { warnings_.push_back(attributed(std::move(message))); }

// Each note once, and a bounded number of them: a search that solves an
// infeasible case a thousand times still says it once.
void Session::note(std::string message) {
  std::string text = attributed(std::move(message));
  if (std::find(notes_.begin(), notes_.end(), text) != notes_.end()) return;
  if (notes_.size() < kMaxNotes) return notes_.push_back(std::move(text));
  if (notes_.size() == kMaxNotes) notes_.push_back("(more notes left out)");
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

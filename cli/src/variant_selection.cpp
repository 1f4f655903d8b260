#include "variant_selection.hpp"

#include <algorithm>

namespace mlsysim::cli {

std::vector<const SolverHandle*> variants_of(const Registry& registry, const std::string& contract) {
  auto it = registry.contracts().find(contract);
  return it == registry.contracts().end() ? std::vector<const SolverHandle*>{} : it->second.variants;
}

Result<std::vector<const SolverHandle*>> select_variants(const Registry& registry,
                                                         const std::vector<std::string>& names) {
  std::vector<const SolverHandle*> out;
  auto add = [&](const SolverHandle* h) {
    if (std::find(out.begin(), out.end(), h) == out.end()) out.push_back(h);
  };
  for (const std::string& name : names) {
    if (name.find(':') == std::string::npos) {
      std::vector<const SolverHandle*> all = variants_of(registry, name);
      if (all.empty()) return registry.unknown_solver(name);
      for (const SolverHandle* h : all) add(h);
      continue;
    }
    const SolverHandle* h = registry.find_solver(name);
    if (h == nullptr) return registry.unknown_solver(name);
    add(h);
  }
  return out;
}

}  // namespace mlsysim::cli

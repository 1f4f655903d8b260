// ContractInfo: what a contract is — its name, version, summary and ports —
// as every implementation of it shares it. One instance per contract (the
// Contract object's, contract.hpp, or a Python-declared contract's); an
// implementation's SolverInfo points to it rather than copying the ports.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mlsysim/framework/port.hpp"

namespace mlsysim {

// MLSys·im's three tiers: a model answers forward (Y = f(X)), a solver
// inverts or probes one (sensitivity, synthesis), an optimizer searches.
enum class Tier { kModel, kSolver, kOptimizer };
constexpr std::string_view to_string(Tier t) {
  return t == Tier::kModel ? "model" : t == Tier::kSolver ? "solver" : "optimizer";
}

// A teaching note: a common belief, and what the physics says instead.
struct Fallacy {
  std::string misconception;
  std::string reality;
};

struct ContractInfo {
  std::string name;     // e.g. "roofline"
  std::string version;  // the contract's version; implementations declare which they implement
  std::string summary;  // one line
  std::vector<PortInfo> inputs;
  std::vector<PortInfo> outputs;
  Tier tier = Tier::kModel;
  std::vector<int> walls;  // numbers in the taxonomy of walls.hpp
  std::vector<Fallacy> fallacies;

  const PortInfo* find_input(std::string_view port) const { return find(inputs, port); }
  const PortInfo* find_output(std::string_view port) const { return find(outputs, port); }

 private:
  static const PortInfo* find(const std::vector<PortInfo>& ports, std::string_view name) {
    for (const PortInfo& p : ports)
      if (p.name.view() == name) return &p;
    return nullptr;
  }
};

}  // namespace mlsysim

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

struct ContractInfo {
  std::string name;     // e.g. "roofline"
  std::string version;  // the contract's version; implementations declare which they implement
  std::string summary;  // one line
  std::vector<PortInfo> inputs;
  std::vector<PortInfo> outputs;

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

// SolverInfo: what one registered implementation is. `name` is the contract
// it implements ("roofline"), `variant` which implementation of it
// ("reference", "calibrated"); users select one as `roofline:calibrated`, and
// the plain contract name means the contract's default variant.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mlsysim/framework/error.hpp"
#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/parameter.hpp"
#include "mlsysim/framework/port.hpp"

namespace mlsysim {

struct SolverInfo {
  std::string name;              // the contract, e.g. "roofline"
  std::string contract_version;  // the contract's version the ports come from
  std::string variant;           // e.g. "reference"
  std::string version;           // the implementation's own version
  std::string summary;           // one line
  std::string doc;               // longer description, quirks, references
  std::vector<PortInfo> inputs;
  std::vector<PortInfo> outputs;
  std::vector<Parameter> parameters;  // fitted constants (calibrated variants); usually none
  std::string parameter_file;         // where they were read from

  // "roofline:reference"
  std::string full_name() const { return name + ":" + variant; }

  const PortInfo* find_input(std::string_view port) const {
    for (const PortInfo& p : inputs)
      if (p.name.view() == port) return &p;
    return nullptr;
  }
  const PortInfo* find_output(std::string_view port) const {
    for (const PortInfo& p : outputs)
      if (p.name.view() == port) return &p;
    return nullptr;
  }
  // The same by interned name: a pointer compare per port (hot paths).
  const PortInfo* find_input(Name port) const { return find(inputs, port); }
  const PortInfo* find_output(Name port) const { return find(outputs, port); }

 private:
  static const PortInfo* find(const std::vector<PortInfo>& ports, Name name) {
    for (const PortInfo& p : ports)
      if (p.name == name) return &p;
    return nullptr;
  }
};

// The error for an input `info`'s solver does not declare, naming the
// nearest ports and listing them all.
MLSYSIM_API Error unknown_input(const SolverInfo& info, std::string_view name);

}  // namespace mlsysim

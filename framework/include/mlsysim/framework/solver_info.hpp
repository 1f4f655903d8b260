// SolverInfo: what one registered implementation is: the contract it
// implements (shared, never copied: contract_info.hpp), which variant of it
// ("reference", "calibrated"), the implementation's own version and doc,
// and its own parameters (sdk/parameters.hpp), if any. Users select an
// implementation as `roofline:calibrated`; the plain contract name means
// the contract's default variant.
//
// inputs() is what a caller may set: the contract's inputs, followed by
// the implementation's parameters (PortInfo::parameter); outputs() are the
// contract's.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mlsysim/framework/contract_info.hpp"
#include "mlsysim/framework/error.hpp"
#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/parameter.hpp"
#include "mlsysim/framework/port.hpp"

namespace mlsysim {

class SolverInfo {
 public:
  SolverInfo() = default;
  explicit SolverInfo(std::shared_ptr<const ContractInfo> contract) : contract_(std::move(contract)) {}

  std::string variant;                // e.g. "reference"
  std::string version;                // the implementation's own version
  std::string doc;                    // longer description, quirks, references
  std::vector<Parameter> parameters;  // the parameters as a fit sees them; usually none
  std::string parameter_file;         // where their values were read from, if anywhere

  const ContractInfo& contract() const { return *contract_; }
  const std::shared_ptr<const ContractInfo>& shared_contract() const { return contract_; }
  const std::string& contract_name() const { return contract_->name; }
  const std::string& contract_version() const { return contract_->version; }
  const std::string& summary() const { return contract_->summary; }
  const std::vector<PortInfo>& inputs() const { return own_inputs_.empty() ? contract_->inputs : own_inputs_; }
  const std::vector<PortInfo>& outputs() const { return contract_->outputs; }

  // "roofline:reference"
  std::string full_name() const { return contract_->name + ":" + variant; }

  // The implementation's parameters, as inputs after the contract's.
  void add_parameter_ports(std::span<const PortInfo> ports) {
    if (own_inputs_.empty()) own_inputs_ = contract_->inputs;
    own_inputs_.insert(own_inputs_.end(), ports.begin(), ports.end());
  }
  // The value parameter `index` takes when a call leaves it out.
  void set_parameter_default(std::size_t index, Value value) {
    own_inputs_[contract_->inputs.size() + index].default_value = std::move(value);
  }

  const PortInfo* find_input(std::string_view port) const {
    for (const PortInfo& p : inputs())
      if (p.name.view() == port) return &p;
    return nullptr;
  }
  const PortInfo* find_output(std::string_view port) const { return contract_->find_output(port); }
  // The same by interned name: a pointer compare per port (hot paths).
  const PortInfo* find_input(Name port) const { return find(inputs(), port); }
  const PortInfo* find_output(Name port) const { return find(outputs(), port); }

 private:
  static const PortInfo* find(const std::vector<PortInfo>& ports, Name name) {
    for (const PortInfo& p : ports)
      if (p.name == name) return &p;
    return nullptr;
  }

  std::shared_ptr<const ContractInfo> contract_ = std::make_shared<const ContractInfo>();
  std::vector<PortInfo> own_inputs_;  // empty unless the implementation has parameters
};

// The error for an input `info`'s solver does not declare, naming the
// nearest ports and listing them all.
MLSYSIM_API Error unknown_input(const SolverInfo& info, std::string_view name);

}  // namespace mlsysim

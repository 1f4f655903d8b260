// Contract: a solver's name, version and ports, written once in a public
// header that every implementation and every caller includes. Ports are
// members of the contract and register themselves with it, in declaration
// order; inputs and outputs live in separate groups because a contract may
// echo an input as an output of the same name (synthesis' target_latency).
//
//   class Kv final : public Contract {
//    public:
//     Kv() : Contract("kv_cache", "1", "KV-cache bytes of a transformer") { describe(Tier::kModel, {2}); }
//     struct Inputs {
//       Contract& c;
//       const Input<ModelRef> model{c, "model", "a transformer"};
//       const Input<std::int64_t> seq_len{c, "seq_len", 2048, "tokens", at_least(1)};
//     } const in{*this};
//     struct Outputs {
//       Contract& c;
//       const Output<Bytes> kv_cache_size{c, "kv_cache_size", "bytes"};
//     } const out{*this};
//   };
//
// The one instance of a contract is contract<Kv>(): built on first use and
// sealed as soon as it is built, so no port can be added to it afterwards
// (adding one throws std::logic_error). It is never copied: its ports refer
// back to it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mlsysim/framework/export.hpp"
#include <memory>

#include "mlsysim/framework/contract_info.hpp"
#include "mlsysim/framework/solver_info.hpp"

namespace mlsysim {

class MLSYSIM_API Contract {
 public:

  Contract(std::string_view name, std::string_view version, std::string_view summary);
  Contract(const Contract&) = delete;
  Contract& operator=(const Contract&) = delete;
  virtual ~Contract();

  const std::string& name() const { return info_->name; }
  const std::string& version() const { return info_->version; }
  const std::string& summary() const { return info_->summary; }
  const std::vector<PortInfo>& inputs() const { return info_->inputs; }
  const std::vector<PortInfo>& outputs() const { return info_->outputs; }
  // Name, version, summary and ports, shared by every implementation's
  // SolverInfo (which adds its variant, version and doc).
  const ContractInfo& info() const { return *info_; }
  const std::shared_ptr<const ContractInfo>& shared_info() const { return shared_; }
  bool sealed() const { return sealed_; }

 protected:
  // What kind of analysis the contract is, the walls it models (numbers of
  // walls.hpp; std::logic_error outside 1 .. 22) and the misconceptions it
  // corrects. Called from a contract's constructor.
  void describe(Tier tier, std::vector<int> walls, std::vector<Fallacy> fallacies = {});

 private:
  friend std::size_t add_input_port(Contract&, PortInfo);
  friend std::size_t add_output_port(Contract&, PortInfo);
  friend void seal(const Contract&);
  std::shared_ptr<ContractInfo> info_;
  std::shared_ptr<const ContractInfo> shared_;  // the same, read-only
  mutable bool sealed_ = false;
};

// Marks `contract` complete: from now on adding a port throws.
MLSYSIM_API void seal(const Contract& contract);

// The contract's one instance in this library, sealed.
template <class C>
const C& contract() {
  static const C instance;
  static const bool sealed = (seal(instance), true);
  (void)sealed;
  return instance;
}

}  // namespace mlsysim

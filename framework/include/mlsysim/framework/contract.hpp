// Contract: a solver's name, version and ports, written once in a public
// header that every implementation and every caller includes. Ports are
// members of the contract and register themselves with it, in declaration
// order; inputs and outputs live in separate groups because a contract may
// echo an input as an output of the same name (synthesis' target_latency).
//
//   class Kv final : public Contract {
//    public:
//     Kv() : Contract("kv_cache", "1", "KV-cache bytes of a transformer") {}
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
// A contract is built once per process (a function-local static in its
// header) and never copied: its ports refer back to it.
#pragma once

#include <string>
#include <string_view>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/solver_info.hpp"

namespace mlsysim {

class MLSYSIM_API Contract {
 public:
  Contract(std::string_view name, std::string_view version, std::string_view summary);
  Contract(const Contract&) = delete;
  Contract& operator=(const Contract&) = delete;
  virtual ~Contract();

  const std::string& name() const { return ports_.name; }
  const std::string& version() const { return ports_.contract_version; }
  // Name, version, summary and ports; `variant` and `version` are left for
  // the implementation to fill in (see sdk/implementation.hpp).
  const SolverInfo& info() const { return ports_; }

 private:
  friend void add_input_port(Contract&, PortInfo);
  friend void add_output_port(Contract&, PortInfo);
  SolverInfo ports_;
};

}  // namespace mlsysim

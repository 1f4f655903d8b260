// Implementation<C>: the base of every solver. It adapts an implementation
// of contract C to the registry's Solver interface: the contract supplies
// name, version and ports; the implementation supplies its variant name, its
// own version and documentation, and solve(), which is physics only.
//
//   class Reference final : public sdk::Implementation<contracts::Roofline> {
//    public:
//     Reference()
//         : Implementation(contracts::roofline(), {"reference", "0.1.0", "MLSys·im 0.1.0"}) {}
//     Status solve(const Record& inputs, Record& outputs, Context& ctx) const override {
//       const auto& c = contract();
//       InputReader in(inputs);
//       const auto batch = in.get(c.in.batch_size);
//       ...
//       OutputWriter(outputs, info()).set(c.out.latency, latency) ...;
//       return {};
//     }
//   };
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "mlsysim/framework/contract.hpp"
#include "mlsysim/framework/solver.hpp"

namespace mlsysim::sdk {

// Who an implementation is, next to the contract it implements.
struct Variant {
  std::string name;     // "reference", "calibrated", ... (selected as contract:name)
  std::string version;  // the implementation's own version
  std::string doc;      // what it does differently, its quirks, its sources
};

template <class C>
class Implementation : public Solver {
 public:
  // `contract` is the contract's process-wide instance (contracts::roofline()).
  Implementation(const C& contract, Variant variant)
      : contract_(contract), info_(contract.info()) {
    info_.variant = std::move(variant.name);
    info_.version = std::move(variant.version);
    info_.doc = std::move(variant.doc);
  }
  const SolverInfo& info() const final { return info_; }

 protected:
  const C& contract() const { return contract_; }
  // A calibrated variant lists its fitted parameters (parameter.hpp).
  void set_parameters(std::vector<Parameter> parameters, std::string file) {
    info_.parameters = std::move(parameters);
    info_.parameter_file = std::move(file);
  }

 private:
  const C& contract_;
  SolverInfo info_;
};

}  // namespace mlsysim::sdk

// A contract added to the tree as a new folder, by the new-contract test
// (tests/new_contract/add_contract_test.sh): the KV-cache bytes of a
// transformer.
#pragma once

#include <cstdint>
#include <string>

#include "mlsysim/framework/contract.hpp"
#include "mlsysim/framework/units.hpp"
#include "mlsysim/sdk/workload/precision.hpp"

namespace mlsysim::contracts {

class KvCache final : public Contract {
 public:
  KvCache() : Contract("kv_cache", "1", "KV-cache bytes of a transformer") {}

  struct Inputs {
    Contract& c;
    const Input<ModelRef> model{c, "model", "a transformer"};
    const Input<std::int64_t> seq_len{c, "seq_len", 2048, "tokens of context", at_least(1)};
    const Input<std::int64_t> batch_size{c, "batch_size", 1, "sequences", at_least(1)};
    const Input<std::string> precision{c, "precision", std::string("fp16"), "element type",
                                       one_of(workload::kPrecisions)};
  } const in{*this};

  struct Outputs {
    Contract& c;
    const Output<Bytes> kv_cache_size{c, "kv_cache_size",
                                      "2 x layers x kv_heads x head_dim x seq x batch x bytes"};
  } const out{*this};
};

}  // namespace mlsysim::contracts

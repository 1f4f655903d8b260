// The kv_cache contract: written once, included by the implementation and by
// anyone who calls it (another plugin binding it, a test). Each port is a
// member that registers itself with the contract, so this is the only place
// a port name appears.
#pragma once

#include <cstdint>
#include <string>

#include "mlsysim/framework/contract.hpp"
#include "mlsysim/framework/units.hpp"
#include "mlsysim/sdk/workload/precision.hpp"

namespace kv_cache {

class Contract final : public mlsysim::Contract {
 public:
  Contract() : mlsysim::Contract("kv_cache", "1", "KV-cache bytes of a transformer") {}

  struct Inputs {
    mlsysim::Contract& c;
    const mlsysim::Input<mlsysim::ModelRef> model{c, "model", "a transformer from the zoo"};
    const mlsysim::Input<std::int64_t> seq_len{c, "seq_len", 2048, "tokens of context",
                                               mlsysim::at_least(1)};
    const mlsysim::Input<std::int64_t> batch_size{c, "batch_size", 1, "sequences",
                                                  mlsysim::at_least(1)};
    const mlsysim::Input<std::string> precision{c, "precision", std::string("fp16"),
                                                "element type of the cache",
                                                mlsysim::one_of(mlsysim::workload::kPrecisions)};
  } const in{*this};

  struct Outputs {
    mlsysim::Contract& c;
    const mlsysim::Output<mlsysim::Bytes> kv_cache_size{
        c, "kv_cache_size", "2 x layers x kv_heads x head_dim x seq x batch x bytes"};
  } const out{*this};
};

}  // namespace kv_cache

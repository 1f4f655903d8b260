// A contract with an optional input that has no default (as serving's
// decode_hardware): which device decodes, and at what bandwidth.
#include "mlsysim/sdk/implementation.hpp"
#include "mlsysim/sdk/plugin.hpp"

namespace {

using namespace mlsysim;

class DecodeContract final : public Contract {
 public:
  DecodeContract() : Contract("decode_device", "1", "the device that decodes") {}
  struct Inputs {
    Contract& c;
    const Input<HardwareRef> hardware{c, "hardware", "prefill device"};
    const Input<HardwareRef> decode_hardware{c, "decode_hardware", kOptional,
                                             "separate decode device"};
  } const in{*this};
  struct Outputs {
    Contract& c;
    const Output<bool> disaggregated{c, "disaggregated", "a separate decode device was given"};
    const Output<ByteRate> decode_bandwidth{c, "decode_bandwidth", "memory bandwidth of the decoder"};
  } const out{*this};
};

const DecodeContract& decode_contract() {
  static const DecodeContract contract;
  return contract;
}

class Reference final : public sdk::Implementation<DecodeContract> {
 public:
  Reference() : Implementation(decode_contract(), {"reference", "1.0", "picks the decode device"}) {}
  Status solve(const Record& inputs, Record& outputs, Context&) const override {
    const auto& c = contract();
    InputReader in(inputs);
    const HardwareRef& prefill = in.get(c.in.hardware);
    const HardwareRef& decode = in.get(c.in.decode_hardware);  // empty when left out
    if (!in.ok()) return in.error();
    const bool separate = in.has(c.in.decode_hardware);
    OutputWriter(outputs, info())
        .set(c.out.disaggregated, separate)
        .set(c.out.decode_bandwidth, (separate ? decode : prefill)->memory_bandwidth);
    return {};
  }
};

}  // namespace

MLSYSIM_PLUGIN("optional_port", "1.0", mlsysim::sdk::registers<Reference>)

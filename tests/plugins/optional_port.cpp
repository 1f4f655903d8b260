// A contract with an optional input that has no default (as serving's
// decode_hardware): which device decodes, and at what bandwidth.
#include "mlsysim/sdk/implementation.hpp"

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

Status pick(sdk::Call<DecodeContract>& call) {
  const auto& c = call.contract();
  const HardwareRef& prefill = call[c.in.hardware];
  const HardwareRef& decode = call[c.in.decode_hardware];  // empty when left out
  const bool separate = call.given(c.in.decode_hardware);
  call.set(c.out.disaggregated, separate)
      .set(c.out.decode_bandwidth, (separate ? decode : prefill)->memory_bandwidth);
  return {};
}

}  // namespace

MLSYSIM_IMPLEMENTATION(DecodeContract, "reference", "1.0", "picks the decode device", pick)

// The compression contract: what quantisation or pruning does to a model's
// size, accuracy and inference speed (MLSys·im 0.1.0's CompressionModel,
// reference/physics-more.md §4.1). The reference implementation is
// plugins/compression/reference.
#pragma once

#include <cstdint>
#include <string>

#include "mlsysim/framework/contract.hpp"
#include "mlsysim/framework/units.hpp"

namespace mlsysim::contracts {

class Compression final : public Contract {
 public:
  Compression() : Contract("compression", "1", "Size, accuracy and speed-up of a quantised or pruned model") {
    describe(Tier::kModel, {13});
  }

  struct Inputs {
    Contract& c;
    const Input<ModelRef> model{c, "model", "model to compress (zoo id or inline spec)"};
    const Input<HardwareRef> hardware{c, "hardware", "device that runs it (decides the speed-up)"};
    const Input<std::string> method{c, "method", std::string("quantization"),
                                    "quantization or pruning (anything else changes nothing)"};
    const Input<std::int64_t> target_bitwidth{c, "target_bitwidth", 8, "bits per weight after quantisation",
                                              at_least(1)};
    const Input<double> sparsity{c, "sparsity", 0.0, "fraction of weights pruned", in_range(0.0, 1.0)};
    const Input<std::string> sparsity_type{c, "sparsity_type", std::string("unstructured"),
                                           "structured, n_m or unstructured (anything else)"};
  } const in{*this};

  struct Outputs {
    Contract& c;
    const Output<Bytes> original_size_gb{c, "original_size_gb", "weights at FP32 (0.1.0's name; a size)"};
    const Output<Bytes> compressed_size_gb{c, "compressed_size_gb", "weights after compression"};
    const Output<double> compression_ratio{c, "compression_ratio", "original / compressed"};
    const Output<double> estimated_accuracy_delta{c, "estimated_accuracy_delta",
                                                  "change in accuracy, a fraction (negative: a loss)"};
    const Output<double> memory_savings_pct{c, "memory_savings_pct", "(1 - 1 / ratio) x 100"};
    const Output<double> inference_speedup{c, "inference_speedup", "speed-up on the device"};
  } const out{*this};
};

}  // namespace mlsysim::contracts

// The roofline contract: one model on one device for one step, inference or
// training (MLSys·im 0.1.0's Engine.solve, reference/physics.md §2). Port names are
// MLSys·im's keyword arguments and result fields.
#pragma once

#include <cstdint>
#include <string>

#include "mlsysim/framework/contract.hpp"
#include "mlsysim/framework/units.hpp"

namespace mlsysim::contracts {

class Roofline final : public Contract {
 public:
  Roofline()
      : Contract("roofline", "1",
                 "Single-node roofline: latency, throughput, bottleneck, memory fit") {
    describe(Tier::kModel, {1, 2},
             {
              {"Peak FLOP/s sets how fast a model trains or infers.",
               "Small batches are usually limited by memory bandwidth, so a part with twice the FLOP/s and the "
               "same bandwidth is far less than twice as fast."},
              {"A bigger GPU always serves a model faster.",
               "Decode is bandwidth-bound: going from A100 to H100 buys the ~1.6x bandwidth ratio, not the 3.2x"
               " compute ratio."},
              {"If the model fits in memory it will run well.",
               "Fitting is only necessary: bandwidth, compute or per-step overheads can still decide the latency."}});
  }

  // Constraints are checked in this order: efficiency comes before
  // batch_size because MLSys·im validates it first.
  struct Inputs {
    Contract& c;
    const Input<ModelRef> model{c, "model", "workload to run (zoo id or inline spec)"};
    const Input<HardwareRef> hardware{c, "hardware", "device to run it on (zoo id or inline spec)"};
    const Input<double> efficiency{c, "efficiency", 0.5, "achieved fraction of peak FLOP/s",
                                   in_range(1e-9, 1.0)};
    const Input<std::int64_t> batch_size{c, "batch_size", 1, "samples per step", at_least(1)};
    const Input<std::string> precision{c, "precision", std::string("fp16"),
                                       "fp32, tf32, bf16, fp16, fp8, fp4, int8 or int4; any other counts 2 "
                                       "bytes, as in 0.1.0"};
    const Input<bool> raise_errors{c, "raise_errors", false,
                                   "fail with an infeasible error if the model does not fit"};
    const Input<bool> is_training{c, "is_training", false, "a training step (3x forward ops)"};
    const Input<std::int64_t> seq_len{c, "seq_len", 2048,
                                      "sequence length for transformer training memory",
                                      at_least(1)};
    const Input<std::int64_t> zero_stage{c, "zero_stage", 0,
                                         "ZeRO stage (transformer training memory)",
                                         in_range(0, 3)};
    const Input<std::int64_t> dp_size{c, "dp_size", 1, "ZeRO data-parallel shard count",
                                      at_least(1)};
    const Input<bool> is_lora{c, "is_lora", false, "LoRA fine-tuning (training memory)"};
    const Input<bool> activation_recomputation{
        c, "activation_recomputation", false,
        "recompute activations: 4x forward ops, activation coefficient 10"};
  } const in{*this};

  struct Outputs {
    Contract& c;
    const Output<Seconds> latency{c, "latency", "step time: max(compute, memory) + overheads"};
    const Output<Seconds> latency_compute{c, "latency_compute", "batch FLOPs / (peak x efficiency)"};
    const Output<Seconds> latency_memory{c, "latency_memory", "memory traffic / effective bandwidth"};
    const Output<Seconds> latency_overhead{c, "latency_overhead", "dispatch tax + per-layer tax"};
    const Output<Frequency> throughput{c, "throughput", "samples per second"};
    const Output<std::string> bottleneck{c, "bottleneck", "\"Memory\" or \"Compute\""};
    const Output<Intensity> arithmetic_intensity{c, "arithmetic_intensity",
                                                 "batch FLOPs per byte of traffic"};
    const Output<Intensity> ridge_point{c, "ridge_point",
                                        "intensity where compute and memory time are equal: peak_flops_actual / "
                                        "peak_bw_actual (derated peak; below it the step is memory-bound)"};
    const Output<Joules> energy{c, "energy", "energy of the step"};
    const Output<Bytes> memory_footprint{c, "memory_footprint",
                                         "weights (inference) or training footprint"};
    const Output<FlopRate> peak_flops_actual{c, "peak_flops_actual", "peak FLOP/s x efficiency"};
    const Output<ByteRate> peak_bw_actual{c, "peak_bw_actual", "bandwidth the traffic is served at"};
    const Output<double> mfu{c, "mfu", "model FLOPs utilisation against the un-derated peak"};
    const Output<double> hfu{c, "hfu", "hardware FLOPs utilisation"};
    const Output<bool> feasible{c, "feasible", "footprint fits in device memory"};
    const Output<Bytes> offload_spill_bytes{c, "offload_spill_bytes",
                                            "footprint beyond capacity (when infeasible)",
                                            Output<Bytes>::kNullable};
    const Output<ByteRate> offload_effective_bw{c, "offload_effective_bw",
                                                "offload bandwidth (when infeasible)",
                                                Output<ByteRate>::kNullable};
  } const out{*this};
};

}  // namespace mlsysim::contracts

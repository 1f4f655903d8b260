// The distributed contract: one training step of a model on a fleet with
// tensor, pipeline, expert and data parallelism (MLSys·im 0.1.0's
// DistributedModel, reference/physics-more.md §1.1): the roofline of one GPU at its
// local batch (carried whole as node_profile.*), the DP, TP and EP
// collectives over the node's links and the fleet's fabric, the pipeline
// bubble, overlap and stragglers. The reference implementation is
// plugins/distributed/reference.
#pragma once

#include <cstdint>
#include <string>

#include "mlsysim/contracts/roofline.hpp"
#include "mlsysim/framework/contract.hpp"
#include "mlsysim/framework/fleet_spec.hpp"
#include "mlsysim/framework/nested_outputs.hpp"
#include "mlsysim/framework/units.hpp"

namespace mlsysim::contracts {

class Distributed final : public Contract {
 public:
  Distributed()
      : Contract("distributed", "1", "3D/4D-parallel training step of a model on a fleet, with communication") {
    describe(Tier::kModel, {14},
             {
              {"Twice the GPUs halves the training time.",
               "Communication grows with the device count and the serial parts (all-reduce, pipeline bubble) "
               "cap the speed-up, as Amdahl's law says."},
              {"Tensor parallelism inside a node is free.",
               "It adds two activation all-reduces per layer over NVLink; at TP 8 on H100s that is roughly "
               "10-20% of the step."},
              {"More data parallelism always helps.",
               "Beyond the critical batch size extra replicas add steps' worth of compute without matching "
               "progress per step."}});
  }

  struct Inputs {
    Contract& c;
    const Input<ModelRef> model{c, "model", "model to train (zoo id or inline spec)"};
    const Input<FleetSpec> fleet{c, "fleet", "cluster to train on (zoo id or inline spec)"};
    const Input<std::int64_t> batch_size{c, "batch_size", 1, "global batch (samples per step)", at_least(1)};
    const Input<std::string> precision{c, "precision", std::string("fp16"),
                                       "numeric precision (roofline, and TP/EP activation bytes)"};
    const Input<double> efficiency{c, "efficiency", 0.5, "achieved fraction of peak FLOP/s", in_range(1e-9, 1.0)};
    const Input<std::int64_t> tp_size{c, "tp_size", 1, "tensor-parallel degree", at_least(1)};
    const Input<std::int64_t> pp_size{c, "pp_size", 1, "pipeline-parallel degree", at_least(1)};
    const Input<std::int64_t> ep_size{c, "ep_size", 1, "expert-parallel degree", at_least(1)};
    const Input<std::int64_t> v_stages{c, "v_stages", 1, "virtual stages per GPU (interleaved pipeline)"};
    const Input<std::int64_t> microbatch_count{c, "microbatch_count", 1, "pipeline micro-batches per step"};
    const Input<std::string> topology_override{c, "topology_override", kOptional,
                                               "accepted and ignored, as in 0.1.0"};
    const Input<std::int64_t> zero_stage{c, "zero_stage", 0, "ZeRO stage (0-3)", in_range(0, 3)};
    const Input<bool> is_lora{c, "is_lora", false, "LoRA fine-tuning (gradients x 0.01)"};
    const Input<bool> activation_recomputation{c, "activation_recomputation", false,
                                               "recompute activations in the backward pass"};
    const Input<bool> overlap_comm{c, "overlap_comm", false, "hide DP communication behind compute"};
    const Input<double> overlap_efficiency{c, "overlap_efficiency", 0.85, "fraction of DP communication hidden",
                                           in_range(0.0, 1.0)};
    const Input<double> congestion_factor{c, "congestion_factor", 1.0, "multiplies all communication"};
    const Input<double> straggler_factor{c, "straggler_factor", 1.0, "multiplies the step when above 1"};
    const Input<std::int64_t> gradient_accumulation_steps{c, "gradient_accumulation_steps", 1,
                                                          "micro-steps per optimizer step (divides DP traffic)",
                                                          at_least(1)};
    const Input<std::int64_t> seq_len{c, "seq_len", 2048, "tokens per sample", at_least(1)};
  } const in{*this};

  struct Outputs {
    Contract& c;
    const NestedOutputs<Roofline> node_profile{c, "node_profile", "one GPU's training step at its local batch"};
    const Output<Seconds> dp_communication_latency{c, "dp_communication_latency",
                                                   "gradient all-reduce (after congestion and accumulation)"};
    const Output<Seconds> tp_communication_latency{c, "tp_communication_latency", "tensor-parallel all-reduces"};
    const Output<Seconds> ep_communication_latency{c, "ep_communication_latency", "expert all-to-all"};
    const Output<Seconds> communication_latency{c, "communication_latency", "DP + TP + EP, not overlapped"};
    const Output<Seconds> pipeline_bubble_latency{c, "pipeline_bubble_latency", "idle time of the pipeline"};
    const Output<double> bubble_fraction{c, "bubble_fraction", "(pp - 1) / (v_stages x microbatches + pp - 1)"};
    const Output<Seconds> step_latency_total{c, "step_latency_total", "one training step"};
    const Output<double> scaling_efficiency{c, "scaling_efficiency", "node step / whole step"};
    const Output<Frequency> effective_throughput{c, "effective_throughput",
                                                 "samples per second over every accelerator"};
    const Output<std::int64_t> dp{c, "parallelism.dp", "data-parallel degree: accelerators // (tp x pp x ep)"};
    const Output<std::int64_t> tp{c, "parallelism.tp", "tensor-parallel degree"};
    const Output<std::int64_t> pp{c, "parallelism.pp", "pipeline-parallel degree"};
    const Output<std::int64_t> ep{c, "parallelism.ep", "expert-parallel degree"};
  } const out{*this};
};

}  // namespace mlsysim::contracts

// distributed:reference — MLSys·im 0.1.0's DistributedModel
// (physics-more.md §1.1): every GPU runs the whole model at its local batch
// (the roofline, through a bound call), and TP, PP and EP only add
// communication and the pipeline bubble. Quirks of 0.1.0 are kept and
// listed in the variant's doc.
#include <algorithm>
#include <cstdint>

#include <fmt/format.h>

#include "mlsysim/contracts/distributed.hpp"
#include "mlsysim/contracts/roofline.hpp"
#include "mlsysim/sdk/implementation.hpp"
#include "mlsysim/sdk/workload/collectives.hpp"
#include "mlsysim/sdk/workload/lowering.hpp"
#include "mlsysim/sdk/workload/precision.hpp"

namespace mlsysim::distributed {
namespace {

using std::int64_t;
using workload::Link;

constexpr double kGradientBytesPerParameter = 2.0;  // whatever the precision
constexpr double kLoraGradientFraction = 0.01;
constexpr int64_t kHiddenFallback = 4096;           // models without hidden_dim (CNNs)

const char* kDoc =
    "MLSys·im 0.1.0 DistributedModel, reproduced exactly. Quirks kept for parity: TP, PP and EP never "
    "shard compute or memory (every GPU runs the whole model at the local batch; ZeRO via dp is the "
    "only sharding), they only add communication and the bubble; dp = accelerators // (tp x pp x ep) "
    "need not divide evenly (TP 3 on 256 GPUs gives dp 85); effective_throughput counts every "
    "accelerator, overstating the rate by tp x pp x ep; gradients are 2 bytes per parameter whatever "
    "the precision; DP goes hierarchical whenever dp exceeds the GPUs of a node, however the ranks are "
    "laid out; CNNs use hidden size 4096 for TP/EP traffic; congestion below 1 and negative "
    "v_stages are accepted; topology_override is ignored. Refused where 0.1.0 dies of a Python "
    "accident: a pipeline with no micro-batch slots (v_stages x microbatch_count + pp_size - 1 = 0), "
    "a fabric with oversubscription_ratio 0, and a collective over a link without bandwidth.";

struct Split {
  int64_t tp, pp, ep, dp, local_batch;
};

// dp, local batch and the infeasible-split error, as 0.1.0 checks them.
Result<Split> split_of(sdk::Call<contracts::Distributed>& call, const FleetSpec& fleet) {
  const auto& c = call.contract();
  Split s{call[c.in.tp_size], call[c.in.pp_size], call[c.in.ep_size], 0, 0};
  const int64_t total = fleet.total_accelerators();
  // tp x pp x ep <= total, tested by division so that huge degrees cannot overflow.
  const bool fits = s.tp <= total && s.pp <= total / s.tp && s.ep <= total / s.tp / s.pp;
  s.dp = fits ? total / (s.tp * s.pp * s.ep) : 0;
  if (s.dp < 1)
    return Error::bad_input(fleet.count == 0 ? "fleet" : "tp_size",
                            fmt::format("Infeasible 4D Parallelism: TP({}) * PP({}) * EP({}) > Total({})", s.tp,
                                        s.pp, s.ep, total));
  const int64_t batch = call[c.in.batch_size];
  s.local_batch = std::max<int64_t>(1, batch / s.dp);
  if (batch < s.dp)
    call.warn(fmt::format("batch_size ({}) < dp_size ({}): some ranks will be idle. Using local_batch=1.", batch,
                          s.dp));
  return s;
}

Error no_bandwidth(std::string_view what) {
  return Error::bad_input("fleet", fmt::format("fleet: the {} has no bandwidth, so its collective has no "
                                               "finite time (0.1.0 raises here)", what));
}

// Step 4: the gradient all-reduce, hierarchical when dp spans nodes.
Result<Seconds> data_parallel_time(const ModelSpec& model, const FleetSpec& fleet, const Split& s, bool lora) {
  if (s.dp == 1) return Seconds{};
  Bytes gradients = workload::weight_bytes(model, kGradientBytesPerParameter) / static_cast<double>(s.tp);
  if (lora) gradients *= kLoraGradientFraction;
  const int64_t per_node = fleet.node->accelerators_per_node;
  const Link intra = workload::intra_node_link(*fleet.node);
  const std::optional<Seconds> t =
      per_node > 1 && s.dp > per_node
          ? workload::hierarchical_all_reduce(gradients, per_node, s.dp / per_node, intra,
                                              workload::fabric_link(*fleet.fabric))
          : workload::ring_all_reduce(gradients, s.dp, intra);
  if (!t) return no_bandwidth("link of the data-parallel all-reduce");
  return *t;
}

// Steps 5-6: TP all-reduces (two per layer, priced as one ring on twice the
// bytes, layers in sequence) and the EP all-to-all of one layer's activations.
Status model_parallel_times(const ModelSpec& model, const FleetSpec& fleet, const Split& s, int64_t seq_len,
                            double bpp, Seconds& tp_time, Seconds& ep_time) {
  const int64_t hidden = model.hidden_dim.value_or(0) != 0 ? *model.hidden_dim : kHiddenFallback;
  const Bytes activations = static_cast<double>(s.local_batch) * static_cast<double>(seq_len) *
                            static_cast<double>(hidden) * bpp * unit::bytes;
  const Link fabric = workload::fabric_link(*fleet.fabric);
  if (s.tp > 1) {
    const double layers = static_cast<double>(model.layers.value_or(0) != 0 ? *model.layers : 1);
    const Link link = s.tp <= fleet.node->accelerators_per_node ? workload::intra_node_link(*fleet.node) : fabric;
    const std::optional<Seconds> t = workload::ring_all_reduce(2.0 * activations, s.tp, link);
    if (!t) return no_bandwidth("link of the tensor-parallel all-reduce");
    tp_time = *t * layers;
  }
  if (s.ep > 1) {
    const std::optional<Seconds> t = workload::all_to_all(activations, s.ep, fabric);
    if (!t) return no_bandwidth("fabric of the expert all-to-all");
    ep_time = *t;
  }
  return {};
}

Status solve(sdk::Call<contracts::Distributed>& call) {
  const auto& c = call.contract();
  const FleetSpec& fleet = call[c.in.fleet];
  const ModelSpec& model = *call[c.in.model];
  if (fleet.fabric->oversubscription_ratio == 0)
    return Error::bad_input("fleet", "fleet: fabric oversubscription_ratio is 0 (0.1.0 divides by it)");
  Result<Split> split = split_of(call, fleet);
  if (!split.ok()) return split.error();
  const Split& s = *split;
  const std::optional<double> bubble =
      workload::pipeline_bubble(s.pp, call[c.in.microbatch_count], call[c.in.v_stages]);
  if (!bubble)
    return Error::bad_input("microbatch_count", "microbatch_count: v_stages x microbatch_count + pp_size - 1 is 0, "
                                                "so the pipeline bubble is undefined (0.1.0 divides by zero)");

  // Step 3: one GPU's training step at the local batch.
  Result<Bound<contracts::Roofline>> node = call.bind<contracts::Roofline>();
  if (!node.ok()) return node.error();
  const auto& r = node->contract();
  node->set(r.in.hardware, fleet.node->accelerator)
      .set(r.in.batch_size, s.local_batch)
      .set(r.in.is_training, true)
      .set(r.in.dp_size, s.dp);
  if (Status st = node->run(call.context(), "node profile"); !st.ok()) return st;
  const Seconds t_node = (*node)[r.out.latency];

  // Steps 4-9: communication, congestion, gradient accumulation.
  const double congestion = call[c.in.congestion_factor];
  Result<Seconds> dp_time = data_parallel_time(model, fleet, s, call[c.in.is_lora]);
  if (!dp_time.ok()) return dp_time.error();
  Seconds tp_time{}, ep_time{};
  const double bpp = workload::bytes_per_element(call[c.in.precision]);
  if (Status st = model_parallel_times(model, fleet, s, call[c.in.seq_len], bpp, tp_time, ep_time); !st.ok())
    return st;
  Seconds t_dp = *dp_time * congestion;
  const Seconds t_tp = tp_time * congestion, t_ep = ep_time * congestion;
  if (const int64_t steps = call[c.in.gradient_accumulation_steps]; steps > 1) t_dp /= static_cast<double>(steps);
  const Seconds comm = t_dp + t_tp + t_ep;
  const Seconds t_bubble = s.pp > 1 ? t_node * *bubble : Seconds{};

  // Steps 10-11: the step, overlapped or not, and its efficiency.
  Seconds step = call[c.in.overlap_comm]
                     ? t_node + t_dp * (1.0 - call[c.in.overlap_efficiency]) + t_tp + t_ep + t_bubble
                     : t_node + comm + t_bubble;
  if (const double straggler = call[c.in.straggler_factor]; straggler > 1.0) step *= straggler;
  const double scaling = t_node / step;
  const Frequency throughput =
      static_cast<double>(fleet.total_accelerators()) * (*node)[r.out.throughput] * scaling;

  call.set(c.out.node_profile, *node)
      .set(c.out.dp_communication_latency, t_dp)
      .set(c.out.tp_communication_latency, t_tp)
      .set(c.out.ep_communication_latency, t_ep)
      .set(c.out.communication_latency, comm)
      .set(c.out.pipeline_bubble_latency, t_bubble)
      .set(c.out.bubble_fraction, *bubble)
      .set(c.out.step_latency_total, step)
      .set(c.out.scaling_efficiency, scaling)
      .set(c.out.effective_throughput, throughput)
      .set(c.out.dp, s.dp)
      .set(c.out.tp, s.tp)
      .set(c.out.pp, s.pp)
      .set(c.out.ep, s.ep);
  return {};
}

}  // namespace
}  // namespace mlsysim::distributed

MLSYSIM_IMPLEMENTATION(mlsysim::contracts::Distributed, "reference", "0.1.0", mlsysim::distributed::kDoc,
                       mlsysim::distributed::solve)

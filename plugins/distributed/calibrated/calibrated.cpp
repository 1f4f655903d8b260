// distributed:calibrated — a training step at scale as Megatron-style
// frameworks run it, not as MLSys·im 0.1.0 prices it (issue 25):
//  * compute and weights sharded over TP x PP (and weights over EP): each
//    GPU holds 1/(tp pp ep) of the parameters and layers/pp layers, and does
//    1/(tp pp) of the FLOPs of the samples it takes (EP ranks take their own);
//  * FLOPs per sample from the shape at seq_len (2 N S + 4 L S^2 H forward,
//    x3 for training, x4 with activation recomputation); other models' zoo
//    counts corrected where the zoo stores multiply-accumulates (a table);
//  * micro-batches: pipelines run `microbatch_count` of them; a step whose
//    micro-batch does not fit in memory is split further (gradient
//    accumulation), then, at one sample, recomputes its activations, as real
//    runs do, so a run that fits never takes 0.1.0's offload path;
//    activations are split over TP as well (sequence parallelism);
//  * the pipeline bubble of 1F1B / interleaved schedules, (pp-1)/v micro-batch
//    times; TP all-reduces per layer and micro-batch on the intra-node link
//    (4, or 6 with recomputation); pipeline sends on the fabric; the DP
//    gradient all-reduce (NCCL's two levels: a ring inside each node, rings
//    across nodes; x1.5 for ZeRO-3), which with overlap_comm hides behind up
//    to a fitted share of the step's compute;
//  * a model that is not a transformer (a CNN) also streams its activations
//    through memory, FLOPs / a fitted intensity in bytes;
//  * achieved fractions of peak FLOP/s and of link bandwidth, the DP
//    overlap and the activation intensity are fitted parameters (distributed_calibrated.json, written by
//    `mlsysim calibrate` from the scale corpus), not constants here.
// node_profile is one GPU's roofline (roofline:reference at the fitted
// efficiency) for one micro-batch of its shard.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>

#include <fmt/format.h>

#include "mlsysim/contracts/distributed.hpp"
#include "mlsysim/contracts/roofline.hpp"
#include "mlsysim/sdk/calibration.hpp"
#include "mlsysim/sdk/workload/collectives.hpp"
#include "mlsysim/sdk/workload/flop_convention.hpp"
#include "mlsysim/sdk/workload/lowering.hpp"
#include "mlsysim/sdk/workload/memory_wall.hpp"
#include "mlsysim/sdk/workload/precision.hpp"

namespace mlsysim::distributed_calibrated {
namespace {

using std::int64_t;
using workload::Link;

struct Declared : sdk::ParameterSet {
  using Frac = sdk::Param<double>;
  const Frac compute{*this, "compute_efficiency", "achieved fraction of peak FLOP/s in large-scale training",
                     in_range(0.05, 1.0), sdk::Prior{0.5}};
  const Frac intra{*this, "intra_node_link_efficiency",
                   "achieved fraction of the intra-node (NVLink-class) bandwidth in collectives", in_range(0.05, 1.0),
                   sdk::Prior{0.7}};
  const Frac fabric{*this, "fabric_link_efficiency", "achieved fraction of the fabric bandwidth in collectives",
                    in_range(0.05, 1.0), sdk::Prior{0.6}};
  const Frac overlap{*this, "dp_overlap",
                     "with overlap_comm, the share of the step's compute the DP all-reduce can hide behind",
                     in_range(0.0, 1.0), sdk::Prior{0.5}};
  const sdk::Param<double> activation_intensity{
      *this, "activation_intensity",
      "forward FLOPs per byte of activation traffic in a training step of a model that is not a transformer "
      "(batch norm, activations and their gradients stream through memory); prior from ResNet-50's shape",
      in_range(1.0, 1e4), sdk::Prior{38.0}};
  NumberTable conventions;  // zoo FLOPs x factor = real FLOPs (models stored as multiply-accumulates)
  Status load_tables(const ParameterFile& file) { return workload::read_flop_conventions(file, conventions); }
};

const char* kDoc =
    "Calibrated against measured runs of many accelerators (the scale corpus), not MLSys·im 0.1.0: "
    "compute sharded over TP x PP, weights over TP x PP x EP (EP ranks take their own samples); FLOPs "
    "from the model's shape at seq_len (attention included; x4 with recomputation); micro-batches split further when one does not fit, then "
    "recomputation at one sample (a note says so), so no run that fits takes the offload path; "
    "activations split over TP; the 1F1B/interleaved bubble; TP all-reduces per layer and "
    "micro-batch, pipeline sends and the DP all-reduce (a ring inside each node and rings across "
    "nodes, x1.5 for ZeRO-3; with overlap_comm hidden behind up to a fitted share of compute); models "
    "that are not transformers also stream activations through memory; achieved fractions of peak "
    "FLOP/s and link bandwidths are fitted. The efficiency and overlap_efficiency inputs are replaced "
    "by the fitted values; effective_throughput is the "
    "global batch over the step. node_profile is one GPU's roofline for one micro-batch of its shard.";

struct Plan {
  int64_t tp, pp, ep, dp, local_batch, micro_batches, micro_batch;
  bool recompute;  // activation recomputation: asked for, or needed to fit
};

// Forward FLOPs of one sample at seq_len: from the shape for a transformer
// (2 N S + 4 L S^2 H), else the zoo's count in real FLOPs (the table corrects
// the models the zoo stores as multiply-accumulates).
double forward_flops(const ModelSpec& m, int64_t seq_len, const NumberTable& conventions) {
  if (m.family == ModelFamily::kTransformer && m.parameters && m.layers && m.hidden_dim) {
    const double s = static_cast<double>(seq_len);
    return 2.0 * *m.parameters * s + 4.0 * static_cast<double>(*m.layers * *m.hidden_dim) * s * s;
  }
  return workload::real_flops(m.id, workload::forward_ops(m).value(), conventions);
}

// One GPU's shard: 1/(tp pp ep) of the parameters (a model split over EP is
// taken to be its experts: the zoo's specs say no more), 1/(tp pp) of each
// sample's FLOPs, layers/pp layers.
ModelRef shard_of(const ModelSpec& m, const Plan& p, int64_t seq_len, const NumberTable& conventions) {
  auto shard = std::make_shared<ModelSpec>(m);
  const double ways = static_cast<double>(p.tp * p.pp), weight_ways = ways * static_cast<double>(p.ep);
  if (m.parameters) shard->parameters = *m.parameters / weight_ways;
  if (m.model_size) shard->model_size = *m.model_size / weight_ways;
  if (m.layers) shard->layers = std::max<int64_t>(1, (*m.layers + p.pp - 1) / p.pp);
  // Activations are split over TP too (Megatron's sequence parallelism); the
  // shard's hidden size is read only by the activation memory.
  if (m.hidden_dim) shard->hidden_dim = std::max<int64_t>(1, *m.hidden_dim / p.tp);
  shard->inference_flops = forward_flops(m, seq_len, conventions) / ways * unit::flops;
  shard->training_ops.reset();
  return shard;
}

Result<Plan> plan_of(sdk::Call<contracts::Distributed>& call, const FleetSpec& fleet) {
  const auto& c = call.contract();
  Plan p{call[c.in.tp_size], call[c.in.pp_size], call[c.in.ep_size], 0, 0, 1, 0,
         call[c.in.activation_recomputation]};
  const int64_t total = fleet.total_accelerators();
  const bool fits = p.tp <= total && p.pp <= total / p.tp && p.ep <= total / p.tp / p.pp;
  p.dp = fits ? total / (p.tp * p.pp * p.ep) : 0;
  if (p.dp < 1)
    return Error::bad_input("tp_size", fmt::format("tp_size x pp_size x ep_size = {} x {} x {} is more than the "
                                                   "fleet's {} accelerators", p.tp, p.pp, p.ep, total));
  const int64_t batch = call[c.in.batch_size];
  p.local_batch = std::max<int64_t>(1, batch / (p.dp * p.ep));  // EP ranks take their own samples
  const int64_t asked = call[c.in.microbatch_count];
  p.micro_batches = std::clamp<int64_t>(p.pp > 1 ? asked : 1, 1, p.local_batch);
  p.micro_batch = std::max<int64_t>(1, p.local_batch / p.micro_batches);
  return p;
}

// The micro-batch a framework would run: split (gradient accumulation)
// until it fits beside the shard's weights, gradients and optimizer state
// (the footprint roofline:reference checks), then, at one sample, with
// activation recomputation; a plan that fits no way is left as asked (the
// roofline then reports it infeasible).
void fit_micro_batch(sdk::Call<contracts::Distributed>& call, const ModelSpec& shard, Plan& p,
                     const HardwareSpec& hw) {
  const auto& c = call.contract();
  const std::string_view precision = call[c.in.precision];
  const Bytes weights = workload::lower(shard, workload::bytes_per_element(precision)).weights;
  auto fits = [&] {
    const workload::TrainingOptions train{call[c.in.seq_len], call[c.in.zero_stage], p.dp, call[c.in.is_lora],
                                          p.recompute, p.micro_batch};
    return workload::step_footprint(shard, precision, weights, true, train) <= hw.memory_capacity;
  };
  const Plan asked = p;
  bool fitted = fits();
  while (!fitted && p.micro_batch > 1) {
    p.micro_batch = (p.micro_batch + 1) / 2;
    p.micro_batches = (p.local_batch + p.micro_batch - 1) / p.micro_batch;
    fitted = fits();
  }
  if (fitted || p.recompute) return;
  p.recompute = true;
  if (!fits()) {
    p = asked;
    return;
  }
  call.note("one sample's activations do not fit beside its shard's weights and optimizer state, so the step is "
            "priced with activation recomputation, as a run short of memory would train");
}

// One micro-batch on one GPU, of the size that fits.
Result<Bound<contracts::Roofline>> node_profile(sdk::Call<contracts::Distributed>& call, const FleetSpec& fleet,
                                                const ModelRef& shard, Plan& p, const Declared& d) {
  const auto& c = call.contract();
  fit_micro_batch(call, *shard, p, *fleet.node->accelerator);
  Result<Bound<contracts::Roofline>> node = call.bind<contracts::Roofline>("reference");
  if (!node.ok()) return node.error();
  const auto& r = node->contract();
  node->set(r.in.model, shard)
      .set(r.in.hardware, fleet.node->accelerator)
      .set(r.in.is_training, true)
      .set(r.in.efficiency, call[d.compute])
      .set(r.in.dp_size, p.dp)
      .set(r.in.seq_len, call[c.in.seq_len])
      .set(r.in.precision, std::string(call[c.in.precision]))
      .set(r.in.zero_stage, call[c.in.zero_stage])
      .set(r.in.is_lora, call[c.in.is_lora])
      .set(r.in.activation_recomputation, p.recompute)
      .set(r.in.batch_size, p.micro_batch);
  if (Status st = node->run(call.context(), "node profile"); !st.ok()) return st.error();
  return node;
}

// Outside a transformer's large matrix multiplies, training streams its
// activations through memory (batch norm, element-wise layers and their
// gradients); a CNN spends as long there as in its convolutions. The
// roofline's memory term holds only weights, so this time is added per
// micro-batch: the shard's forward FLOPs / activation_intensity bytes (of 2
// bytes an element, scaled to the precision's) at full bandwidth.
Seconds activation_streaming(const ModelSpec& shard, const FleetSpec& fleet, const Plan& p, const Declared& d,
                             sdk::Call<contracts::Distributed>& call) {
  if (shard.family == ModelFamily::kTransformer) return {};
  const auto& c = call.contract();
  const ByteRate bandwidth = fleet.node->accelerator->memory_bandwidth;
  if (bandwidth.value() <= 0) return {};
  const double bytes = shard.inference_flops->value() / call[d.activation_intensity] *
                       workload::bytes_per_element(call[c.in.precision]) / 2.0;
  return static_cast<double>(p.micro_batch) * bytes * unit::bytes / bandwidth;
}

Link derated(Link link, double efficiency) { return {link.bandwidth * efficiency, link.latency}; }

struct Comm {
  Seconds tp, pp, dp, ep;
};

Result<Comm> communication(sdk::Call<contracts::Distributed>& call, const FleetSpec& fleet, const ModelSpec& model,
                           const Plan& p, const Declared& d) {
  const auto& c = call.contract();
  const Link intra = derated(workload::intra_node_link(*fleet.node), call[d.intra]);
  const Link fabric = derated(workload::fabric_link(*fleet.fabric), call[d.fabric]);
  const double bpp = workload::bytes_per_element(call[c.in.precision]);
  const double hidden = static_cast<double>(model.hidden_dim.value_or(4096));
  const double layers_per_stage = std::ceil(static_cast<double>(model.layers.value_or(1)) / static_cast<double>(p.pp));
  const Bytes micro_activations =
      static_cast<double>(p.micro_batch) * static_cast<double>(call[c.in.seq_len]) * hidden * bpp * unit::bytes;
  const double micro = static_cast<double>(p.micro_batches);
  Comm out{};
  if (p.tp > 1) {
    const double per_layer = p.recompute ? 6.0 : 4.0;
    const Link link = p.tp <= fleet.node->accelerators_per_node ? intra : fabric;
    const std::optional<Seconds> t = workload::ring_all_reduce(micro_activations, p.tp, link);
    if (!t) return Error::bad_input("fleet", "fleet: the tensor-parallel link has no bandwidth");
    out.tp = *t * (per_layer * layers_per_stage * micro);
  }
  if (p.pp > 1)  // activations forward and gradients back, once per micro-batch, a TP slice each
    out.pp = 2.0 * micro * (micro_activations / static_cast<double>(p.tp) / fabric.bandwidth + fabric.latency);
  if (p.dp > 1) {
    Bytes gradients = workload::weight_bytes(model, 2.0) / static_cast<double>(p.tp * p.pp * p.ep);
    if (call[c.in.is_lora]) gradients *= 0.01;
    if (call[c.in.zero_stage] == 3) gradients *= 1.5;  // parameters gathered forward and backward
    const int64_t per_node = fleet.node->accelerators_per_node;
    const int64_t inside = std::clamp<int64_t>(per_node / (p.tp * p.pp), 1, p.dp);
    const std::optional<Seconds> t =
        p.dp > inside ? workload::two_level_all_reduce(gradients, inside, p.dp / inside, intra, fabric)
                      : workload::ring_all_reduce(gradients, p.dp, intra);
    if (!t) return Error::bad_input("fleet", "fleet: the data-parallel link has no bandwidth");
    out.dp = *t / static_cast<double>(std::max<int64_t>(1, call[c.in.gradient_accumulation_steps]));
  }
  if (p.ep > 1) {
    const std::optional<Seconds> t = workload::all_to_all(micro_activations, p.ep, fabric);
    if (!t) return Error::bad_input("fleet", "fleet: the expert all-to-all link has no bandwidth");
    out.ep = *t * (2.0 * layers_per_stage * micro);
  }
  return out;
}

Status solve(sdk::Call<contracts::Distributed>& call, const Declared& d) {
  const auto& c = call.contract();
  const FleetSpec& fleet = call[c.in.fleet];
  const ModelSpec& model = *call[c.in.model];
  if (fleet.fabric->oversubscription_ratio <= 0)
    return Error::bad_input("fleet", "fleet: fabric oversubscription_ratio must be > 0");
  Result<Plan> planned = plan_of(call, fleet);
  if (!planned.ok()) return planned.error();
  Plan p = *planned;
  const ModelRef shard = shard_of(model, p, call[c.in.seq_len], d.conventions);
  Result<Bound<contracts::Roofline>> node = node_profile(call, fleet, shard, p, d);
  if (!node.ok()) return node.error();
  const auto& r = node->contract();
  const Seconds t_micro = (*node)[r.out.latency] + activation_streaming(*shard, fleet, p, d, call);
  const Seconds t_compute = t_micro * static_cast<double>(p.micro_batches);
  const int64_t v = std::max<int64_t>(1, call[c.in.v_stages]);
  const Seconds t_bubble = p.pp > 1 ? t_micro * (static_cast<double>(p.pp - 1) / static_cast<double>(v)) : Seconds{};
  Result<Comm> comm = communication(call, fleet, model, p, d);
  if (!comm.ok()) return comm.error();
  const double congestion = call[c.in.congestion_factor];
  const Seconds t_tp = comm->tp * congestion, t_pp = comm->pp * congestion, t_ep = comm->ep * congestion;
  const Seconds t_dp = comm->dp * congestion;
  const Seconds window = call[c.in.overlap_comm] ? t_compute * call[d.overlap] : Seconds{};
  Seconds step = t_compute + t_bubble + t_tp + t_pp + t_ep + std::max(Seconds{}, t_dp - window);
  if (const double straggler = call[c.in.straggler_factor]; straggler > 1.0) step *= straggler;
  const double slots = static_cast<double>(v * p.micro_batches + p.pp - 1);
  call.set(c.out.node_profile, *node)
      .set(c.out.dp_communication_latency, t_dp)
      .set(c.out.tp_communication_latency, t_tp + t_pp)
      .set(c.out.ep_communication_latency, t_ep)
      .set(c.out.communication_latency, t_dp + t_tp + t_pp + t_ep)
      .set(c.out.pipeline_bubble_latency, t_bubble)
      .set(c.out.bubble_fraction, static_cast<double>(p.pp - 1) / slots)
      .set(c.out.step_latency_total, step)
      .set(c.out.scaling_efficiency, t_compute / step)
      .set(c.out.effective_throughput, static_cast<double>(call[c.in.batch_size]) / step)
      .set(c.out.dp, p.dp)
      .set(c.out.tp, p.tp)
      .set(c.out.pp, p.pp)
      .set(c.out.ep, p.ep);
  return {};
}

}  // namespace
}  // namespace mlsysim::distributed_calibrated

MLSYSIM_CALIBRATED_IMPLEMENTATION(mlsysim::contracts::Distributed, "calibrated", "0.1.0",
                                  mlsysim::distributed_calibrated::kDoc, mlsysim::distributed_calibrated::solve,
                                  "distributed_calibrated.json")

// roofline:calibrated — the roofline contract fitted to measured hardware
// (zoo/measured/corpus.jsonl) rather than reproducing MLSys·im 0.1.0. Same
// inputs and outputs, same meaning of each output (latency_compute x
// peak_flops_actual is the step's FLOPs); different physics:
//  * compute and memory run at achieved, not spec, rates: a fraction of peak
//    FLOP/s per precision class (8-bit vs wider) and of spec bandwidth;
//  * activations cost memory traffic in proportion to the FLOPs (bytes per
//    FLOP per model family), and unfused attention moves its S x S scores;
//  * FLOP conventions are corrected where the zoo stores multiply-
//    accumulates (a table in the parameter file) or whole-sequence FLOPs of
//    an encoder (recomputed from the shape at seq_len);
//  * compute and memory overlap partially: t = (t_c^k + t_m^k)^(1/k);
//  * a per-layer overhead per family stands for kernel launches.
// The parameters live in roofline_calibrated.json beside the plugin,
// written by `mlsysim calibrate` (see docs/accuracy.md).
#include <algorithm>
#include <cmath>
#include <memory>

#include <fmt/format.h>

#include "mlsysim/contracts/roofline_step.hpp"
#include "mlsysim/sdk/calibration.hpp"
#include "mlsysim/sdk/workload/flop_convention.hpp"
#include "mlsysim/sdk/workload/overlap.hpp"
#include "mlsysim/sdk/workload/lowering.hpp"
#include "mlsysim/sdk/workload/memory_wall.hpp"
#include "mlsysim/sdk/workload/precision.hpp"
#include "mlsysim/sdk/workload/training_memory.hpp"

namespace mlsysim::roofline_calibrated {
namespace {

using std::int64_t;

// The variant's parameters, fitted by `mlsysim calibrate` (values in
// roofline_calibrated.json; bounds are the fit's range), and the fixed
// FLOP-convention table from the same file.
struct Declared : sdk::ParameterSet {
  using Frac = sdk::Param<double>;
  const Frac eff16{*this, "compute_efficiency_16bit",
                   "achieved fraction of the listed peak FLOP/s for 16- and 32-bit work", in_range(0.05, 1.0),
                   sdk::Prior{0.8}};
  const Frac eff8{*this, "compute_efficiency_8bit",
                  "achieved fraction of the listed peak FLOP/s for 8-bit (fp8, int8) work", in_range(0.05, 1.0),
                  sdk::Prior{0.6}};
  const Frac mem_eff{*this, "memory_efficiency", "achieved fraction of the spec memory bandwidth (STREAM-like)",
                     in_range(0.3, 1.0), sdk::Prior{0.85}};
  const Frac overlap{*this, "overlap_exponent",
                     "k in t = (t_compute^k + t_memory^k)^(1/k): 1 serialises compute and memory, large k "
                     "overlaps them fully",
                     in_range(1.0, 100.0), sdk::Prior{10}};
  const Frac act_cnn{*this, "activation_bytes_per_flop_cnn",
                     "activation traffic of CNNs (and diffusion U-Nets) per forward FLOP, B/flop",
                     in_range(0.0, 1.0), sdk::Prior{0.02}};
  const Frac act_transformer{*this, "activation_bytes_per_flop_transformer",
                             "activation traffic of transformers (and SSMs) per forward FLOP, B/flop",
                             in_range(0.0, 1.0), sdk::Prior{0.005}};
  const Frac attention_passes{*this, "attention_matrix_passes",
                              "times each S x S attention score matrix crosses memory per layer and head "
                              "(unfused attention of encoders)",
                              in_range(0.0, 100.0), sdk::Prior{4}};
  const sdk::Param<Seconds> layer_cnn{*this, "layer_overhead_cnn",
                                      "launch overhead per CNN layer and pass (prior: eager frameworks "
                                      "dispatch ~5 kernels per conv layer at ~30 us each)",
                                      in_range(0.0, 0.01), sdk::Prior{1.5e-4}};
  const sdk::Param<Seconds> layer_transformer{*this, "layer_overhead_transformer",
                                              "launch overhead per transformer layer and pass",
                                              in_range(0.0, 0.01), sdk::Prior{5e-5}};
  NumberTable conventions;  // zoo FLOPs x factor = real FLOPs; a factor is > 0
  Status load_tables(const ParameterFile& file) { return workload::read_flop_conventions(file, conventions); }
};

// Their values in one call (a caller may set any of them).
struct Params {
  double eff16, eff8, mem_eff, overlap, act_cnn, act_transformer, attention_passes, layer_cnn,
      layer_transformer;
  const NumberTable& conventions;
};

const char* kDoc =
    "Calibrated against measured hardware (zoo/measured/corpus.jsonl), not MLSys·im 0.1.0: "
    "achieved fractions of peak FLOP/s (16/32-bit and 8-bit) and of spec bandwidth; activation "
    "traffic proportional to FLOPs per model family (x3 in training) plus unfused attention "
    "scores for encoders; zoo FLOP counts corrected where they are multiply-accumulates "
    "(table flop_convention) and encoder FLOPs recomputed from the shape at seq_len; partial "
    "overlap t = (t_c^k + t_m^k)^(1/k), so latency is not max + overheads; a per-layer launch "
    "overhead per family. An explicit efficiency input overrides the fitted compute efficiency. "
    "Parameters: `plugins show roofline:calibrated`; refit with `mlsysim calibrate`.";

bool is_cnn_like(const ModelSpec& m) {
  return m.family == ModelFamily::kCnn || m.family == ModelFamily::kDiffusion;
}
bool is_transformer_like(const ModelSpec& m) {
  return m.family == ModelFamily::kTransformer || m.family == ModelFamily::kSsm;
}

// A transformer whose stored FLOPs are far above 2 x parameters counts a
// whole sequence (the zoo's BERTs); per token it is 2 x parameters.
bool stores_sequence_flops(const ModelSpec& m) {
  return m.family == ModelFamily::kTransformer && m.parameters && m.inference_flops &&
         m.inference_flops->value() > 16.0 * *m.parameters && m.layers && m.hidden_dim;
}

// Forward FLOPs of one sample, in real FLOPs.
double forward_flops(const ModelSpec& m, int64_t seq_len, const NumberTable* conventions) {
  if (stores_sequence_flops(m)) {
    const double s = static_cast<double>(seq_len);
    return 2.0 * *m.parameters * s + 4.0 * static_cast<double>(*m.layers * *m.hidden_dim) * s * s;
  }
  const double ops = workload::forward_ops(m).value();
  return conventions != nullptr ? workload::real_flops(m.id, ops, *conventions) : ops;
}

// The step's work: FLOPs and bytes moved.
struct Work {
  double flops = 0, traffic = 0;
  double passes = 1, flop_passes = 1;  // memory passes (fwd, bwd-data, bwd-weight) and FLOP passes
};

Work work(const Params& p, const ModelSpec& model, double batch, double bpp, bool training,
          const workload::TrainingOptions& train);

Status solve(roofline::RooflineCall& call, const Declared& d) {
  const auto& c = call.contract();
  const Params p{call[d.eff16],           call[d.eff8],
                 call[d.mem_eff],         call[d.overlap],
                 call[d.act_cnn],         call[d.act_transformer],
                 call[d.attention_passes], call[d.layer_cnn].value(),
                 call[d.layer_transformer].value(), d.conventions};
  const roofline::Step s = roofline::read_step(call);
  const ModelSpec& model = *s.model;
  const HardwareSpec& hw = *s.hw;

  const double bpp = workload::bytes_per_element(s.precision);
  const FlopRate peak = roofline::peak_flops_for(call, hw, s.precision);
  const double efficiency = call.given(c.in.efficiency) ? s.efficiency : bpp <= 1.0 ? p.eff8 : p.eff16;
  const double b = static_cast<double>(s.batch);
  const Bytes weights = workload::weight_bytes(model, bpp);
  const Work w = work(p, model, b, bpp, s.training, s.train);

  // Memory wall and memory path as the reference decides them; rates achieved, not spec.
  const Bytes footprint = workload::step_footprint(model, s.precision, weights, s.training, s.train);
  const bool feasible = footprint <= hw.memory_capacity;
  if (s.raise_errors && !feasible) return workload::out_of_memory(model, hw, footprint);
  const FlopRate compute = peak * efficiency;
  const ByteRate bandwidth = workload::served_bandwidth(hw, feasible, weights) * p.mem_eff;
  const double t_compute = w.flops > 0 ? w.flops / compute.value() : 0.0;
  const double t_memory = w.traffic > 0 && bandwidth.value() > 0 ? w.traffic / bandwidth.value() : 0.0;

  const bool has_layers = is_cnn_like(model) || is_transformer_like(model);
  const double per_layer = is_cnn_like(model) ? p.layer_cnn : p.layer_transformer;
  const double layers = has_layers ? static_cast<double>(model.layers.value_or(0)) : 0.0;
  const double overhead = hw.dispatch_tax.value() + w.passes * layers * per_layer;
  const double latency = workload::overlapped(t_compute, t_memory, p.overlap) + overhead;
  const double mfu = latency > 0 && peak.value() > 0 ? std::clamp(w.flops / latency / peak.value(), 0.0, 1.0) : 0.0;
  const double hfu = std::min(1.0, mfu * w.flop_passes / w.passes);

  call.set(c.out.latency, latency * unit::seconds)
      .set(c.out.latency_compute, t_compute * unit::seconds)
      .set(c.out.latency_memory, t_memory * unit::seconds)
      .set(c.out.latency_overhead, overhead * unit::seconds)
      .set(c.out.throughput, (latency > 0 ? b / latency : 0.0) * unit::per_second)
      .set(c.out.bottleneck, std::string_view(t_memory > t_compute ? "Memory" : "Compute"))
      .set(c.out.arithmetic_intensity, (w.traffic > 0 ? w.flops / w.traffic : 0.0) * unit::flop_per_byte)
      .set(c.out.energy, hw.tdp ? Joules(*hw.tdp * (0.3 + 0.7 * mfu) * (latency * unit::seconds)) : Joules{})
      .set(c.out.memory_footprint, footprint)
      .set(c.out.peak_flops_actual, compute)
      .set(c.out.peak_bw_actual, bandwidth)
      .set(c.out.mfu, mfu)
      .set(c.out.hfu, hfu);
  roofline::set_ridge_point(call, compute, bandwidth);
  roofline::set_memory_fit(call, footprint, hw, bandwidth);
  return {};
}

Work work(const Params& p, const ModelSpec& model, double batch, double bpp, bool training,
          const workload::TrainingOptions& train) {
  Work w;
  w.passes = training ? 3.0 : 1.0;
  w.flop_passes = training && train.activation_recomputation ? 4.0 : w.passes;
  const double fwd = forward_flops(model, train.seq_len, &p.conventions);
  w.flops = batch * fwd * w.flop_passes;
  const double act_per_flop = is_cnn_like(model) ? p.act_cnn : is_transformer_like(model) ? p.act_transformer : 0.0;
  w.traffic = w.passes * (workload::weight_bytes(model, bpp).value() + batch * fwd * act_per_flop);
  if (stores_sequence_flops(model)) {  // unfused attention scores, S x S per layer and head
    const double s = static_cast<double>(train.seq_len);
    w.traffic += w.passes * batch * p.attention_passes * static_cast<double>(*model.layers) *
                 static_cast<double>(model.heads.value_or(32)) * s * s * bpp;
  }
  return w;
}

}  // namespace
}  // namespace mlsysim::roofline_calibrated

MLSYSIM_CALIBRATED_IMPLEMENTATION(mlsysim::contracts::Roofline, "calibrated", "0.1.0",
                                  mlsysim::roofline_calibrated::kDoc, mlsysim::roofline_calibrated::solve,
                                  "roofline_calibrated.json")

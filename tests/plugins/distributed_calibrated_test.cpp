// distributed:calibrated (issue 25): a training step as frameworks run it.
// Each test checks one piece of the physics against numbers worked out here
// from the model's shape and the parallel plan, not read back from a run.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

// A node's nested output (node_profile.latency) as a number.
double node(const Json& response, const std::string& output) {
  const Json& v = response["outputs"]["node_profile"][output];
  return v.is_object() ? v["value"].get<double>() : v.get<double>();
}

// Selene-like: DGX A100 nodes (8 GPUs, 600 GB/s NVLink), 200 Gb/s HDR InfiniBand.
Json selene(int nodes) {
  return {{"name", "DGX A100 cluster"},
          {"node", {{"accelerator", "A100"}, {"accelerators_per_node", 8}, {"intra_node_bw", "600 GB/s"},
                    {"nics_per_node", 8}}},
          {"count", nodes},
          {"fabric", {{"name", "HDR InfiniBand"}, {"bandwidth", "200 Gbps"}, {"oversubscription_ratio", 1.0}}}};
}

// Llama3_8B: 8.03e9 parameters, 32 layers, hidden 4096. Forward FLOPs of one
// 2048-token sample: 2 N S + 4 L S^2 H; x4 for a training step with recomputation.
constexpr double kLlama8bSampleFlops = 4 * (2 * 8.03e9 * 2048 + 4.0 * 32 * 2048.0 * 2048 * 4096);

TEST(DistributedCalibrated, EachGpuDoesItsShareOfTheShapesFlops) {
  for (int tp : {4, 8}) {
    // 256 GPUs / tp = dp; a global batch of 4 x dp leaves 4 samples per GPU, one micro-batch.
    const int dp = 256 / tp;
    const Json r = run_request("distributed:calibrated",
                               {{"model", "Llama3_8B"}, {"fleet", selene(32)}, {"batch_size", 4 * dp},
                                {"tp_size", tp}, {"activation_recomputation", true}, {"seq_len", 2048}});
    ASSERT_TRUE(r.contains("outputs")) << r.dump();
    EXPECT_EQ(r["outputs"]["parallelism"]["dp"], dp) << r.dump();
    ASSERT_EQ(r["outputs"]["node_profile"]["feasible"], true) << "the shard fits an 80 GB A100";
    const double flops = node(r, "latency_compute") * node(r, "peak_flops_actual");
    EXPECT_NEAR(flops, 4 * kLlama8bSampleFlops / tp, 1e-9 * flops) << "tp " << tp;
  }
}

// Expert parallelism: EP ranks take their own samples (no GPU repeats another's
// work) and split the weights (the spec's parameters taken as experts). 256
// GPUs, TP 4, EP 4: dp 16, a global batch of 256 leaves 4 samples per GPU.
TEST(DistributedCalibrated, ExpertParallelRanksTakeTheirOwnSamplesAndSplitTheWeights) {
  const Json r = run_request("distributed:calibrated",
                             {{"model", "Llama3_8B"}, {"fleet", selene(32)}, {"batch_size", 256}, {"tp_size", 4},
                              {"ep_size", 4}, {"activation_recomputation", true}, {"seq_len", 2048}});
  ASSERT_TRUE(r.contains("outputs")) << r.dump();
  EXPECT_EQ(r["outputs"]["parallelism"]["dp"], 16) << r.dump();
  const double flops = node(r, "latency_compute") * node(r, "peak_flops_actual");
  EXPECT_NEAR(flops, 4 * kLlama8bSampleFlops / 4, 1e-9 * flops);
  // Weights, gradients (fp16) and Adam state of 8.03e9 / 16 parameters; 32 layers of activations
  // (10 S H bytes each with recomputation, H split over TP) for 4 samples.
  const double shard = 8.03e9 / 16;
  const double footprint = shard * (2 + 2 + 12) + 32.0 * 10 * 2048 * 4 * (4096 / 4) * 2;
  EXPECT_NEAR(node(r, "memory_footprint"), footprint, 1e-9 * footprint);
}

TEST(DistributedCalibrated, ThePipelineBubbleIsPMinusOneMicroBatchTimesOverV) {
  const Json r = run_request("distributed:calibrated",
                             {{"model", "Llama3_8B"}, {"fleet", selene(32)}, {"batch_size", 512}, {"tp_size", 4},
                              {"pp_size", 4}, {"v_stages", 2}, {"microbatch_count", 8},
                              {"activation_recomputation", true}});
  ASSERT_TRUE(r.contains("outputs")) << r.dump();
  // dp = 256 / 16 = 16, 32 samples per pipeline in 8 micro-batches of 4.
  EXPECT_NEAR(output_number(r, "pipeline_bubble_latency"), 3.0 / 2.0 * node(r, "latency"), 1e-12);
  EXPECT_NEAR(output_number(r, "bubble_fraction"), 3.0 / (2 * 8 + 3), 1e-15);
  const double flops = node(r, "latency_compute") * node(r, "peak_flops_actual");
  EXPECT_NEAR(flops, 4 * kLlama8bSampleFlops / 16, 1e-9 * flops) << "a micro-batch of 4 on a 1/16 shard";
}

TEST(DistributedCalibrated, ThroughputIsTheGlobalBatchOverTheStep) {
  const Json r = run_request("distributed:calibrated",
                             {{"model", "GPT3"}, {"fleet", selene(128)}, {"batch_size", 1536}, {"tp_size", 8},
                              {"pp_size", 8}, {"microbatch_count", 96}, {"activation_recomputation", true}});
  ASSERT_TRUE(r.contains("outputs")) << r.dump();
  EXPECT_NEAR(output_number(r, "effective_throughput"), 1536 / output_number(r, "step_latency_total"), 1e-9);
  const double parts = node(r, "latency") * 96 + output_number(r, "pipeline_bubble_latency") +
                       output_number(r, "tp_communication_latency") + output_number(r, "ep_communication_latency");
  // Without overlap_comm nothing hides: the step is the sum of its parts.
  const double step = output_number(r, "step_latency_total");
  EXPECT_NEAR(parts + output_number(r, "dp_communication_latency"), step, 1e-12 * step);
}

// The fitted parameters, as the variant's data file holds them.
double fitted(const std::string& name) {
  std::ifstream in(MLSYSIM_SOURCE_DIR "/plugins/distributed/calibrated/distributed_calibrated.json");
  return Json::parse(in)["parameters"][name].get<double>();
}

// Ring all-reduce of M bytes over n GPUs at bandwidth B: 2(n-1)/n M/B plus 2(n-1) latencies.
double ring(double bytes, int n, double bandwidth, double latency) {
  return 2.0 * (n - 1) / n * bytes / bandwidth + 2.0 * (n - 1) * latency;
}

// Pure data parallelism over 2 DGX nodes: NCCL's two levels, a ring over the
// node's 8 GPUs on NVLink (reduce-scatter + all-gather) and 8 concurrent rings
// over the 2 nodes on M/8, each link at its fitted share of its bandwidth.
TEST(DistributedCalibrated, GradientsAreReducedInsideEachNodeThenAcrossNodes) {
  const Json r = run_request("distributed:calibrated", {{"model", "Llama3_8B"}, {"fleet", selene(2)},
                                                         {"batch_size", 16}, {"zero_stage", 1}});
  ASSERT_TRUE(r.contains("outputs")) << r.dump();
  const double gradients = 8.03e9 * 2;  // fp16
  const double nvlink = 600e9 * fitted("intra_node_link_efficiency"), hdr = 25e9 * fitted("fabric_link_efficiency");
  const double expected = ring(gradients, 8, nvlink, 500e-9) + ring(gradients / 8, 2, hdr, 5e-6);
  EXPECT_NEAR(output_number(r, "dp_communication_latency"), expected, 1e-9 * expected);
}

// overlap_comm hides the DP all-reduce behind up to the fitted share of the
// step's compute; without it the whole all-reduce is on the step.
TEST(DistributedCalibrated, DataParallelTrafficHidesBehindComputeOnlyWhenAsked) {
  Json inputs = {{"model", "Llama3_8B"}, {"fleet", selene(16)}, {"batch_size", 512}, {"tp_size", 2}};
  const Json exposed = run_request("distributed:calibrated", inputs);
  inputs["overlap_comm"] = true;
  const Json hidden = run_request("distributed:calibrated", inputs);
  ASSERT_TRUE(exposed.contains("outputs") && hidden.contains("outputs")) << exposed.dump() << hidden.dump();
  const double dp = output_number(exposed, "dp_communication_latency");
  const double step = output_number(exposed, "step_latency_total");
  const double compute = step - dp - output_number(exposed, "tp_communication_latency");
  EXPECT_NEAR(step - output_number(hidden, "step_latency_total"), std::min(dp, compute * fitted("dp_overlap")),
              1e-9 * step);
}

// A CNN's training step streams its activations through memory besides its
// convolutions: per sample, its FLOPs / activation_intensity bytes at the
// memory bandwidth (ResNet-50: 2 x 4.1e9 FLOPs forward, the zoo's
// multiply-accumulates doubled; H100: 3.35 TB/s), added to each micro-batch.
TEST(DistributedCalibrated, ACnnStreamsItsActivationsThroughMemory) {
  const Json h100_node = {{"name", "one DGX H100"},
                          {"node", {{"accelerator", "H100"}, {"accelerators_per_node", 8}, {"intra_node_bw", "900 GB/s"}}},
                          {"count", 1},
                          {"fabric", {{"name", "NDR"}, {"bandwidth", "400 Gbps"}, {"oversubscription_ratio", 1.0}}}};
  const Json r = run_request("distributed:calibrated",
                             {{"model", "ResNet50"}, {"fleet", h100_node}, {"batch_size", 256}, {"seq_len", 1}});
  ASSERT_TRUE(r.contains("outputs")) << r.dump();
  const double streaming = output_number(r, "step_latency_total") - output_number(r, "dp_communication_latency") -
                           node(r, "latency");
  const double expected = 32 * 2 * 4.1e9 / fitted("activation_intensity") / 3.35e12;
  EXPECT_NEAR(streaming, expected, 1e-6 * expected);
}

// Llama-3 8B at 8,192 tokens on one DGX H100 (DP 8, ZeRO-1): even one
// sample's activations (34 S H bytes a layer in bf16: 73 GB) do not fit
// beside 44 GB of state, so the step is priced as a run short of memory
// trains: with recomputation (10 S H a layer), and says so. Footprint: 8.03e9
// x 2 B weights + 2 B gradients, 12 B x 8.03e9 / 8 Adam, 32 x 10 x 8192 x 4096 x 2 B.
TEST(DistributedCalibrated, OneSampleThatDoesNotFitIsPricedWithRecomputationAndSaysSo) {
  const Json h100_node = {{"name", "one DGX H100"},
                          {"node", {{"accelerator", "H100"}, {"accelerators_per_node", 8}, {"intra_node_bw", "900 GB/s"}}},
                          {"count", 1},
                          {"fabric", {{"name", "NDR"}, {"bandwidth", "400 Gbps"}, {"oversubscription_ratio", 1.0}}}};
  const Json r = run_request("distributed:calibrated", {{"model", "Llama3_8B"}, {"fleet", h100_node},
                                                         {"batch_size", 64}, {"seq_len", 8192}, {"precision", "bf16"},
                                                         {"zero_stage", 1}});
  ASSERT_TRUE(r.contains("outputs")) << r.dump();
  EXPECT_EQ(r["outputs"]["node_profile"]["feasible"], true);
  const double footprint = 8.03e9 * 2 * 2 + 12 * 8.03e9 / 8 + 32.0 * 10 * 8192 * 4096 * 2;
  EXPECT_NEAR(node(r, "memory_footprint"), footprint, 1e-9 * footprint);
  ASSERT_TRUE(r.contains("notes")) << r.dump();
  EXPECT_EQ(r["notes"].size(), 1u) << "only the last plan's profile speaks: " << r.dump();
  EXPECT_NE(r["notes"][0].get<std::string>().find("recomputation"), std::string::npos);
}

// GPT-3 175B on 1,024 A100s with TP 8 and PP 8 fits: 2.7e9 parameters per GPU
// (44 GB of weights, gradients and Adam state) plus 12 layers of one
// micro-batch's activations. The reference charges every GPU the whole model
// and sends it down the offload path; the calibrated variant must not.
TEST(DistributedCalibrated, ARunThatFitsNeverTakesTheOffloadPath) {
  const Json inputs = {{"model", "GPT3"}, {"fleet", selene(128)}, {"batch_size", 1536}, {"tp_size", 8},
                       {"pp_size", 8}, {"microbatch_count", 96}, {"activation_recomputation", true}};
  const Json calibrated = run_request("distributed:calibrated", inputs);
  const Json reference = run_request("distributed:reference", inputs);
  ASSERT_TRUE(calibrated.contains("outputs") && reference.contains("outputs"));
  EXPECT_EQ(calibrated["outputs"]["node_profile"]["feasible"], true);
  EXPECT_FALSE(calibrated.contains("notes")) << calibrated.dump();
  EXPECT_EQ(reference["outputs"]["node_profile"]["feasible"], false);
  EXPECT_TRUE(reference.contains("notes"));
  // Megatron-LM reports ~140 TFLOP/s per A100 for this run (arXiv:2104.04473); 0.1.0 is off by far more.
  const double flops_per_gpu = 6 * 1.75e11 * 2048 * 1536 * 4.0 / 3 / output_number(calibrated, "step_latency_total") / 1024;
  EXPECT_GT(flops_per_gpu, 60e12);
  EXPECT_LT(flops_per_gpu, 312e12 * 0.7);
}

// Fitted on the visible scale corpus: each case predicted by a fit made
// without its third of the cases (3-fold cross-validation) stays within 25%
// on average for training throughput and overall, 35% for time to train,
// where 0.1.0's physics is off by several hundred percent.
TEST(DistributedCalibrated, HeldOutErrorOnTheScaleCorpusIsFarBelowTheReferences) {
  const auto out = make_temp_dir("distributed-calibration") / "fit.json";
  const CliResult r = run_cli("calibrate distributed:calibrated '" MLSYSIM_SOURCE_DIR
                              "/zoo/measured/scale-corpus.jsonl' --folds 3 --out '" + out.string() + "' -o json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json fit = Json::parse(r.out)["fit"];
  const Json& held_out = fit["cross_validated"]["categories"];
  const Json& reference = fit["reference"]["categories"];
  EXPECT_EQ(held_out["training_throughput"]["n"], 18);
  EXPECT_LE(held_out["training_throughput"]["mape"].get<double>(), 0.25) << fit.dump();
  EXPECT_LE(held_out["time_to_train"]["mape"].get<double>(), 0.35) << fit.dump();
  EXPECT_LE(held_out["all"]["mape"].get<double>(), 0.25) << fit.dump();
  EXPECT_GE(reference["training_throughput"]["mape"].get<double>(), 3.0) << fit.dump();
}

// Time to train as a report expression (examples/pipelines/time-to-train.json):
// GPT-3 175B on 1,024 A100s over 300 billion tokens. Narayanan et al. (SC'21,
// §5.1) estimate 34 days at the 140 TFLOP/s per GPU they measure; the
// configuration is not one of the corpus records the variant was fitted on.
TEST(DistributedCalibrated, TimeToTrainGpt3IsWithinAQuarterOfThePapersEstimate) {
  const CliResult r = run_cli("pipeline run '" MLSYSIM_SOURCE_DIR "/examples/pipelines/time-to-train.json' -o json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json report = Json::parse(r.out)["report"];
  const double throughput = report["samples_per_s"]["value"];
  const double seconds = report["time_to_train"]["value"];
  EXPECT_NEAR(seconds, 146484375 / throughput, 1e-9 * seconds);
  EXPECT_NEAR(report["days_to_train"].get<double>(), seconds / 86400, 1e-9 * seconds);
  EXPECT_NEAR(seconds / 86400, 34.0, 0.25 * 34.0);
}

TEST(DistributedCalibrated, APlanLargerThanTheFleetIsRefused) {
  expect_refused("distributed:calibrated", {{"model", "GPT3"}, {"fleet", selene(1)}, {"tp_size", 8}, {"pp_size", 2}},
                 "tp_size");
}

}  // namespace
}  // namespace mlsysim::testing

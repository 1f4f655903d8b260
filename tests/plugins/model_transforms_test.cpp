// weight_streaming and compression beyond their reference cases
// (physics-more.md §3.2, §4.1): 0.1.0's odd answers kept (utilisation
// across units, seq_len 0, speed-ups below 1), the speed-up rules, and
// refusals where 0.1.0 refuses or dies of a Python accident.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

Json stream(Json inputs) {
  inputs["model"] = inputs.value("model", "Llama3_70B");
  inputs["hardware"] = inputs.value("hardware", Json("CerebrasCS3"));
  return run_request("weight_streaming", inputs);
}

// A wafer like the CS-3 (44 GB, 1.2 TB/s injection) with its capacity written as `capacity`.
Json wafer(const std::string& capacity) {
  return {{"id", "wafer"}, {"compute", {{"peak_flops", "125 PFLOPs/s"}}},
          {"memory", {{"capacity", capacity}, {"bandwidth", "21 PB/s"}}},
          {"interconnect", {{"name", "link"}, {"bandwidth", "1.2 TB/s"}}}};
}

TEST(WeightStreaming, PrefillThatOverflowsTheWaferIsComputeBoundWithNoThroughput) {
  // physics-more.md §3.2: Llama-3.1-70B, prefill, 2048 tokens x 64: 47.24 GB > 44 GB; a layer takes 3.711 ms.
  const Json r = stream({{"seq_len", 2048}, {"batch_size", 64}, {"phase", "prefill"}});
  EXPECT_EQ(r["outputs"]["feasible"], false) << r.dump();
  EXPECT_EQ(r["outputs"]["bottleneck"], "Compute-Bound");
  EXPECT_NEAR(output_number(r, "layer_compute_time"), 3.711269373022208e-3, 1e-9 * 3.7e-3);
  EXPECT_EQ(output_number(r, "throughput_tokens_per_sec"), 0.0);
  EXPECT_NEAR(output_number(r, "wafer_memory_utilization"), 1.073741824, 1e-9);  // unclamped when infeasible
}

TEST(WeightStreaming, UtilisationDividesByTheCapacityAsWritten) {
  // 0.1.0 divides the requirement in GB by the capacity's magnitude in its own unit: 44 GB and
  // 44000 MB are the same wafer, but the second reports a utilisation 1000 times smaller.
  const double gb = output_number(stream({{"seq_len", 2048}, {"hardware", wafer("44 GB")}}), "wafer_memory_utilization");
  const double mb = output_number(stream({{"seq_len", 2048}, {"hardware", wafer("44000 MB")}}), "wafer_memory_utilization");
  EXPECT_NEAR(gb, 0.016777216, 1e-12);
  EXPECT_NEAR(mb, gb / 1000, 1e-15);
  // GPT-2 on an NVL72 (13.8 TB) at fp8, 1024 x 1024: 177 GB fits, yet 177 / 13.8 clamps to 1.0.
  const Json nvl = stream({{"model", "GPT2"}, {"hardware", "NVL72"}, {"precision", "fp8"}, {"seq_len", 1024},
                           {"batch_size", 1024}});
  EXPECT_EQ(nvl["outputs"]["feasible"], true) << nvl.dump();
  EXPECT_EQ(output_number(nvl, "wafer_memory_utilization"), 1.0);
}

TEST(WeightStreaming, AnswersAnEmptyContextAsMlsysimDoes) {
  const Json r = stream({{"seq_len", 0}});
  ASSERT_TRUE(r.contains("outputs")) << r.dump();
  EXPECT_EQ(r["outputs"]["feasible"], true);
  EXPECT_EQ(output_number(r, "wafer_memory_utilization"), 0.0);
  // Decode is still one token per layer pass: 1.765 GB per layer over 1.2 TB/s, 80 layers.
  EXPECT_NEAR(output_number(r, "throughput_tokens_per_sec"), 8.498583569405099, 1e-9 * 8.5);
}

TEST(WeightStreaming, RefusesWhereMlsysimDiesOfAPythonAccident) {
  expect_refused("weight_streaming", {{"model", "ResNet50"}, {"hardware", "CerebrasCS3"}, {"seq_len", 512}}, "model");
  expect_refused("weight_streaming", {{"model", "Mamba_2_8B"}, {"hardware", "CerebrasCS3"}, {"seq_len", 512}}, "model");
  expect_refused("weight_streaming", {{"model", "Llama3_8B"}, {"hardware", "CerebrasCS3"}, {"seq_len", 512},
                                      {"efficiency", 0}}, "efficiency");
  expect_refused("weight_streaming", {{"model", "Llama3_8B"}, {"hardware", "CerebrasCS3"}, {"seq_len", "nan"}},
                 "seq_len");
}

Json compress(Json inputs) { return run_request("compression", inputs); }

TEST(Compression, QuantisedSpeedUpFollowsTheRoofline) {
  // physics-more.md §4.1: Llama-3.1-70B is memory-bound on an H100, so 4 bits speed it up by the ratio, 8x.
  EXPECT_EQ(output_number(compress({{"model", "Llama3_70B"}, {"hardware", "H100"}, {"target_bitwidth", 4}}),
                          "inference_speedup"), 8.0);
  // YOLOv8-Nano is compute-bound: int8 1979 / 989 TFLOP/s; no int4 peak on an H100 (1.0), 9000 / 2250 on a B200.
  EXPECT_NEAR(output_number(compress({{"model", "YOLOv8_Nano"}, {"hardware", "H100"}}), "inference_speedup"),
              1979.0 / 989.0, 1e-12);
  EXPECT_EQ(output_number(compress({{"model", "YOLOv8_Nano"}, {"hardware", "H100"}, {"target_bitwidth", 4}}),
                          "inference_speedup"), 1.0);
  EXPECT_EQ(output_number(compress({{"model", "YOLOv8_Nano"}, {"hardware", "B200"}, {"target_bitwidth", 4}}),
                          "inference_speedup"), 4.0);
}

TEST(Compression, WiderThanFp32IsAnExpansionAsInMlsysim) {
  // 64 bits: ratio 0.5, memory "savings" -100%, and a memory-bound model slows to 0.5x.
  const Json r = compress({{"model", "Llama3_70B"}, {"hardware", "H100"}, {"target_bitwidth", 64}});
  EXPECT_EQ(output_number(r, "compression_ratio"), 0.5) << r.dump();
  EXPECT_EQ(output_number(r, "memory_savings_pct"), -100.0);
  EXPECT_EQ(output_number(r, "inference_speedup"), 0.5);
  EXPECT_EQ(output_number(r, "estimated_accuracy_delta"), 0.0);
}

TEST(Compression, PruningSpeedsUpOnlyStructuredOrTwoOfFour) {
  auto prune = [](double s, const char* type) {
    return compress({{"model", "ResNet50"}, {"hardware", "A100"}, {"method", "pruning"}, {"sparsity", s},
                     {"sparsity_type", type}});
  };
  EXPECT_NEAR(output_number(prune(0.75, "structured"), "inference_speedup"), 4.0, 1e-12);
  EXPECT_EQ(output_number(prune(0.52, "n_m"), "inference_speedup"), 2.0);
  EXPECT_EQ(output_number(prune(0.6, "n_m"), "inference_speedup"), 1.0);
  EXPECT_EQ(output_number(prune(0.75, "unstructured"), "inference_speedup"), 1.0);
  // Accuracy: -0.001 up to half pruned, then -0.01 e^(2s); everything pruned is a ratio of 100.
  EXPECT_EQ(output_number(prune(0.5, "unstructured"), "estimated_accuracy_delta"), -0.001);
  EXPECT_NEAR(output_number(prune(0.9, "unstructured"), "estimated_accuracy_delta"), -0.01 * std::exp(1.8), 1e-15);
  EXPECT_EQ(output_number(prune(1.0, "unstructured"), "compression_ratio"), 100.0);
}

TEST(Compression, OtherMethodsChangeNothing) {
  const Json r = compress({{"model", "Llama3_8B"}, {"hardware", "H100"}, {"method", "distillation"}});
  EXPECT_EQ(output_number(r, "compression_ratio"), 1.0) << r.dump();
  EXPECT_EQ(output_number(r, "memory_savings_pct"), 0.0);
  EXPECT_EQ(output_number(r, "original_size_gb"), output_number(r, "compressed_size_gb"));
}

TEST(Compression, RefusesWhatMlsysimRefuses) {
  expect_refused("compression", {{"model", "Llama3_8B"}, {"hardware", "H100"}, {"target_bitwidth", 0}},
                 "target_bitwidth");
  expect_refused("compression", {{"model", "Llama3_8B"}, {"hardware", "H100"}, {"method", "pruning"},
                                 {"sparsity", 1.5}}, "sparsity");
  expect_refused("compression", {{"model", "Llama3_8B"}, {"hardware", "H100"}, {"sparsity", -0.1}}, "sparsity");
}

}  // namespace
}  // namespace mlsysim::testing

// Generalised sensitivity (elasticities) and inverse design, for any
// contract. Every expected value is derived by hand from the roofline
// physics (physics.md §2) and the zoo's spec fields.
#include <gtest/gtest.h>

#include <cmath>

#include "mlsysim/registry/elasticity.hpp"
#include "mlsysim/registry/inverse_design.hpp"
#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

constexpr double kLayerTax = 0.01e-3;  // s per layer per step (inference)

Record roofline_point(const std::string& model, const std::string& hardware, std::int64_t batch,
                      const std::string& precision = "fp16") {
  const Registry& r = default_registry();
  return Record{{"model", Value(*r.model(model))},
                {"hardware", Value(*r.hardware(hardware))},
                {"batch_size", Value(batch)},
                {"precision", Value(precision)}};
}

// Llama-3.1-8B, batch 8, fp16 on H100: memory-bound, so the latency is
// traffic / bandwidth + dispatch + 32 layers of tax.
struct MemoryBoundPoint {
  const HardwareRef h100 = *default_registry().hardware("H100");
  const double weights = 8.03e9 * 2;
  double traffic(double batch) const { return weights * (1 + 0.1 * batch); }
  double overhead() const { return h100->dispatch_tax.value() + 32 * kLayerTax; }
  double latency(double batch) const { return traffic(batch) / bw() + overhead(); }
  double bw() const { return h100->memory_bandwidth.value(); }
};

TEST(Elasticity, CentralDifferencesMatchTheRooflineByHand) {
  const MemoryBoundPoint p;
  ElasticityRequest req;
  req.solver = "roofline";
  req.inputs = roofline_point("Llama3_8B", "H100", 8);
  req.outputs = {"latency"};
  req.parameters = {"hardware.memory.bandwidth", "hardware.peak_flops", "batch_size"};
  req.step = 0.01;
  Session session(default_registry());
  Result<std::vector<Elasticity>> rows = elasticities(default_registry(), req, session);
  ASSERT_TRUE(rows.ok()) << describe(rows.error());
  ASSERT_EQ(rows->size(), 3u);

  const double y0 = p.latency(8);
  const double t_memory = p.traffic(8) / p.bw();
  // y = T/x + C: ((T/(x(1+h)) - T/(x(1-h))) / y0) / 2h = -(T/x) / (y0 (1 - h^2))
  EXPECT_NEAR((*rows)[0].elasticity, -t_memory / (y0 * (1 - 0.01 * 0.01)), 1e-9);
  EXPECT_DOUBLE_EQ((*rows)[0].x, p.bw());
  EXPECT_NEAR((*rows)[0].y, y0, 1e-15);
  // Memory-bound: the compute roof does not move the latency at all.
  EXPECT_EQ((*rows)[1].elasticity, 0.0);
  // Integers move by one: batch 7 and 9, traffic differs by 0.2 W.
  EXPECT_NEAR((*rows)[2].elasticity, (0.2 * p.weights / p.bw() / y0) / (2.0 / 8.0), 1e-9);
  EXPECT_EQ((*rows)[2].x_low, 7.0);
  EXPECT_EQ((*rows)[2].x_high, 9.0);
  EXPECT_FALSE((*rows)[2].one_sided);
}

TEST(Elasticity, OneSidedWhereTheContractRefusesAStep) {
  // ResNet-50, batch 256, fp16 on A100 at efficiency 1.0: compute-bound, and
  // efficiency 1.01 is outside the roofline's [1e-9, 1].
  const Registry& r = default_registry();
  const HardwareRef a100 = *r.hardware("A100");
  ElasticityRequest req;
  req.solver = "roofline";
  req.inputs = roofline_point("ResNet50", "A100", 256);
  req.inputs.set("efficiency", Value(1.0));
  req.outputs = {"latency"};
  req.parameters = {"efficiency"};
  Session session(r);
  Result<std::vector<Elasticity>> rows = elasticities(r, req, session);
  ASSERT_TRUE(rows.ok()) << describe(rows.error());
  const Elasticity& e = rows->front();
  EXPECT_TRUE(e.one_sided);
  EXPECT_EQ(e.x_high, 1.0);
  EXPECT_EQ(e.x_low, 0.99);
  const double ops = 4.1e9 * 256;
  const double overhead = a100->dispatch_tax.value() + 50 * kLayerTax;
  auto latency = [&](double eta) { return ops / (a100->peak_flops.value() * eta) + overhead; };
  EXPECT_NEAR(e.elasticity, ((latency(1.0) - latency(0.99)) / latency(1.0)) / 0.01, 1e-9);
}

TEST(Elasticity, RefusesWhatHasNoElasticity) {
  const Registry& r = default_registry();
  Session session(r);
  ElasticityRequest req;
  req.solver = "roofline";
  req.inputs = roofline_point("GPT2", "A100", 1);
  req.outputs = {"latency"};

  req.parameters = {"precision"};
  Result<std::vector<Elasticity>> not_numeric = elasticities(r, req, session);
  ASSERT_FALSE(not_numeric.ok());
  EXPECT_EQ(not_numeric.error().field, "precision");
  EXPECT_NE(not_numeric.error().message.find("hardware.<field>, efficiency, batch_size"), std::string::npos)
      << not_numeric.error().message;

  req.parameters = {"zero_stage"};  // 0 at this point
  Result<std::vector<Elasticity>> at_zero = elasticities(r, req, session);
  ASSERT_FALSE(at_zero.ok());
  EXPECT_NE(at_zero.error().message.find("undefined"), std::string::npos);

  req.parameters = {"hardware.warp_drive"};
  Result<std::vector<Elasticity>> unknown_field = elasticities(r, req, session);
  ASSERT_FALSE(unknown_field.ok());
  EXPECT_NE(unknown_field.error().message.find("memory.bandwidth"), std::string::npos);

  req.parameters = {"batch_size"};
  req.outputs = {"bottleneck"};
  Result<std::vector<Elasticity>> text_output = elasticities(r, req, session);
  ASSERT_FALSE(text_output.ok());
  EXPECT_EQ(text_output.error().field, "bottleneck");
}

InverseRequest min_bandwidth_request(const std::string& precision, const std::string& target) {
  InverseRequest req;
  req.solver = "roofline";
  req.inputs = roofline_point("Llama3_70B", "H100", 1, precision);
  req.parameter = "hardware.memory.bandwidth";
  req.low = 100e9;
  req.high = 20e12;
  req.target = *parse_target(target, default_registry().find_solver("roofline")->info());
  return req;
}

// The largest GPT-2 training batch (1..64, fp16, A100) meeting `target`.
InverseRequest largest_gpt2_training_batch(const std::string& target) {
  InverseRequest req;
  req.solver = "roofline";
  req.inputs = roofline_point("GPT2", "A100", 1);
  req.inputs.set("is_training", Value(true));
  req.parameter = "batch_size";
  req.low = 1;
  req.high = 64;
  req.target = *parse_target(target, default_registry().find_solver("roofline")->info());
  req.seek = InverseRequest::kLargest;
  return req;
}

TEST(InverseDesign, LeastBandwidthForA50msDecodeStep) {
  // Llama-3.1-70B at fp8 fits H100 (70.6 GB): latency = 1.1 W / BW + dispatch
  // + 80 layers of tax while memory-bound, so BW* = 1.1 W / (50 ms - overheads).
  const HardwareRef h100 = *default_registry().hardware("H100");
  const double overhead = h100->dispatch_tax.value() + 80 * kLayerTax;
  const double expected = 1.1 * 70.6e9 / (0.050 - overhead);
  InverseRequest req = min_bandwidth_request("fp8", "latency<=50 ms");
  req.tolerance = 1e-9;
  Session session(default_registry());
  Result<InverseResult> result = inverse_design(default_registry(), req, session);
  ASSERT_TRUE(result.ok()) << describe(result.error());
  EXPECT_NEAR(result->value, expected, 1e-8 * expected);
  EXPECT_GE(result->value, result->missed);
  EXPECT_LE(result->outputs.get<Seconds>("latency")->value(), 0.050);
  EXPECT_FALSE(result->at_bound);
}

TEST(InverseDesign, LargestTrainingBatchThatFits) {
  // GPT-2 training at fp16 on A100: weights, gradients and Adam take
  // 16 B per parameter, activations 48 x 34 x 2048 x 1600 x 2 B per sample.
  const Registry& r = default_registry();
  const ModelRef gpt2 = *r.model("GPT2");
  const double fixed = *gpt2->parameters * (2 + 2 + 12);
  const double per_sample = static_cast<double>(*gpt2->layers) * 34 * 2048 *
                            static_cast<double>(*gpt2->hidden_dim) * 2;
  const double capacity = (*r.hardware("A100"))->memory_capacity.value();
  const double expected = std::floor((capacity - fixed) / per_sample);
  ASSERT_GE(expected, 2.0);

  const InverseRequest req = largest_gpt2_training_batch("feasible==true");
  Session session(r);
  Result<InverseResult> result = inverse_design(r, req, session);
  ASSERT_TRUE(result.ok()) << describe(result.error());
  EXPECT_EQ(result->value, expected);
  EXPECT_EQ(result->missed, expected + 1);
}

TEST(InverseDesign, UnreachableTargetIsAnInfeasibleError) {
  // At fp16 Llama-3.1-70B (141.2 GB) does not fit H100: the traffic goes over
  // the 64 GB/s link whatever the HBM bandwidth, about 2.4 s per step.
  Session session(default_registry());
  Result<InverseResult> result =
      inverse_design(default_registry(), min_bandwidth_request("fp16", "latency<=50 ms"), session);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInfeasible);
  EXPECT_NE(result.error().message.find("unreachable"), std::string::npos) << result.error().message;
}

TEST(InverseDesign, NonMonotoneResponseIsRefused) {
  // Training throughput rises with batch until the footprint spills past
  // capacity (GPT-2 on A100 after the largest fitting batch), then falls to
  // the 32 GB/s link, then rises again.
  const Registry& r = default_registry();
  const InverseRequest req = largest_gpt2_training_batch("throughput>=100 1/s");
  Session session(r);
  Result<InverseResult> result = inverse_design(r, req, session);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kBadInput);
  EXPECT_NE(result.error().message.find("not monotone"), std::string::npos) << result.error().message;
}

TEST(InverseDesign, MetAcrossTheWholeRangeAnswersItsEnd) {
  Session session(default_registry());
  Result<InverseResult> result =
      inverse_design(default_registry(), min_bandwidth_request("fp8", "latency<=100 s"), session);
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->at_bound);
  EXPECT_EQ(result->value, 100e9);
}

TEST(InverseDesign, BadRequestsNameTheField) {
  Session session(default_registry());
  InverseRequest req = min_bandwidth_request("fp8", "latency<=50 ms");
  std::swap(req.low, req.high);
  Result<InverseResult> reversed = inverse_design(default_registry(), req, session);
  ASSERT_FALSE(reversed.ok());
  EXPECT_EQ(reversed.error().field, "range");
  const SolverInfo& info = default_registry().find_solver("roofline")->info();
  EXPECT_FALSE(parse_target("latency<=50 GB", info).ok()) << "wrong unit";
  EXPECT_FALSE(parse_target("speed<=1", info).ok()) << "no such output";
  EXPECT_FALSE(parse_target("feasible<=1", info).ok()) << "booleans take ==";
}

TEST(AnalysisCli, ElasticityAndInverseFromTheTerminal) {
  CliResult e = run_cli("elasticity roofline --model Llama3_8B --hardware H100 --batch-size 8 "
                        "--of latency --wrt hardware.peak_flops -o json");
  ASSERT_EQ(e.exit_code, 0) << e.err;
  EXPECT_EQ(Json::parse(e.out)["elasticities"][0]["elasticity"], 0.0);
  CliResult unreachable = run_cli("inverse roofline --model Llama3_70B --hardware H100 "
                                  "--vary hardware.memory.bandwidth --from '100 GB/s' --to '20 TB/s' "
                                  "--target 'latency<=50 ms'");
  EXPECT_EQ(unreachable.exit_code, 2) << unreachable.err;
  CliResult batch = run_cli("inverse roofline --model GPT2 --hardware A100 --set is_training=true "
                            "--vary batch_size --from 1 --to 64 --target feasible==true --largest -o json");
  ASSERT_EQ(batch.exit_code, 0) << batch.err;
  EXPECT_EQ(Json::parse(batch.out)["value"], 5.0);
}

}  // namespace
}  // namespace mlsysim::testing

// MLSys·im's scorecards through `mlsysim eval`: the nine scenarios
// (python-and-cli.md §5.2), validate_scenario, and SystemEvaluator's
// single-device and fleet forms (§5.3). Figures are 0.1.0's, from the
// reference; latencies it prints rounded are compared to the digits shown.
#include <gtest/gtest.h>

#include <string>

#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

Json scorecard(const std::string& args, int expected_exit = 0) {
  CliResult r = run_cli("eval " + args + " -o json");
  EXPECT_EQ(r.exit_code, expected_exit) << args << "\n" << r.err;
  return r.out.empty() ? Json() : Json::parse(r.out);
}

double value(const Json& j) { return j.is_object() ? j["value"].get<double>() : j.get<double>(); }

struct Expected {
  const char* id;
  const char* feasibility;
  const char* performance;
  double latency_ms, digits;  // latency as 0.1.0 prints it, and its relative precision
  double carbon_kg, tco_usd;
};

TEST(Scenarios, EveryScenarioScoresAsInMlsysim) {
  const Expected cases[] = {
      {"SmartDoorbell", "PASS", "PASS", 101.01, 1e-4, 1.68360192, 11500.4709376},
      {"TinySensor", "PASS", "PASS", 8.435, 1e-3, 1.68360192, 11500.4709376},
      {"AutonomousVehicle", "PASS", "PASS", 1.25215686, 1e-8, 105.22512, 11529.4336},
      {"AutonomousVehicle_Waymo", "FAIL", "PASS", 1.25215686, 1e-8, 105.22512, 11529.4336},
      {"MobileHealth", "PASS", "PASS", 1.617, 1e-3, 21.045024, 11505.88672},
      {"LocalTraining", "PASS", "PASS", 44.535, 1e-4, 420.90048, 11617.7344},
      {"FrontierTraining", "FAIL", "FAIL", 3693.95066, 1e-8, 24136117.12512, 100959361.4336},
      {"ChatbotServing", "PASS", "PASS", 5.60343284, 1e-8, 2946.30336, 12324.1408},
      {"KeywordSpotting", "PASS", "FAIL", 81.01, 1e-4, 1.68360192, 11500.4709376},
  };
  for (const Expected& e : cases) {
    SCOPED_TRACE(e.id);
    const int exit = std::string(e.feasibility) == "FAIL" ? 2 : std::string(e.performance) == "FAIL" ? 3 : 0;
    const Json card = scorecard(e.id, exit);
    EXPECT_EQ(card["f_status"], e.feasibility) << card.dump();
    EXPECT_EQ(card["p_status"], e.performance);
    EXPECT_EQ(card["m_status"], "PASS");
    EXPECT_NEAR(value(card["p_latency"]) * 1e3, e.latency_ms, e.digits * e.latency_ms);
    EXPECT_NEAR(card["m_carbon_kg"].get<double>(), e.carbon_kg, 1e-9 * e.carbon_kg);
    EXPECT_NEAR(card["m_tco_usd"].get<double>(), e.tco_usd, 1e-9 * e.tco_usd);
  }
}

TEST(Scenarios, TheFeasibilityLineGivesBothSizesAsMlsysimPrintsThem) {
  // python-and-cli.md §5.2, column L1: GB from 1 GB of weights, else MB (never KB).
  const std::pair<const char*, const char*> cases[] = {
      {"SmartDoorbell", "(0.5 MB / 8.0 MB)"},        {"TinySensor", "(0.5 MB / 8.0 MB)"},
      {"AutonomousVehicle", "(51.2 MB / 16000.0 MB)"}, {"MobileHealth", "(7.0 MB / 8000.0 MB)"},
      {"LocalTraining", "(16.1 GB / 128.0 GB)"},      {"FrontierTraining", "(141.2 GB / 85.9 GB)"},
      {"ChatbotServing", "(16.1 GB / 85.9 GB)"},      {"KeywordSpotting", "(0.4 MB / 8.0 MB)"},
  };
  for (const auto& [id, sizes] : cases) {
    CliResult text = run_cli(std::string("eval ") + id);
    EXPECT_NE(text.out.find(sizes), std::string::npos) << id << ":\n" << text.out;
  }
}

TEST(Scenarios, TheWaymoPipelineStallsOnTheDataWall) {
  // 19 TB/hour into a Jetson with no storage or interconnect: supply 0, utilisation infinite.
  const Json card = scorecard("AutonomousVehicle_Waymo", 2);
  EXPECT_EQ(card["f_data_stalled"], true);
  CliResult text = run_cli("eval AutonomousVehicle_Waymo");
  EXPECT_NE(text.out.find("Data Wall: Pipeline Stalled (infx capacity)"), std::string::npos) << text.out;
}

TEST(Scenarios, AFleetScenarioReportsItsScalingEfficiency) {
  // Frontier LLM Training: Llama-3.1-70B on Frontier_8K at batch 1: scaling efficiency 0.65764, 2217.68 samples/s.
  const Json card = scorecard("FrontierTraining", 2);
  EXPECT_NEAR(card["p_scaling_eff"].get<double>(), 0.65764, 1e-5);
  EXPECT_NEAR(value(card["p_throughput"]), 2217.68, 0.01);
  EXPECT_NEAR(value(card["f_weight_size"]), 141.2e9, 1e3);
}

TEST(Scenarios, ValidateNamesWhatDoesNotFitOrIsTooSlow) {
  CliResult oom = run_cli("eval FrontierTraining --validate");
  EXPECT_EQ(oom.exit_code, 2) << oom.err;
  EXPECT_NE(oom.err.find("141.36777216 GB"), std::string::npos) << oom.err;  // weights + 512-token KV
  EXPECT_NE(oom.err.find("85.89934592 GB"), std::string::npos) << oom.err;
  CliResult slow = run_cli("eval KeywordSpotting --validate");
  EXPECT_EQ(slow.exit_code, 3) << slow.err;
  EXPECT_NE(slow.err.find("sla_latency"), std::string::npos) << slow.err;
  CliResult chatbot = run_cli("eval ChatbotServing --validate");
  EXPECT_EQ(chatbot.exit_code, 0) << chatbot.err;
  EXPECT_NE(chatbot.out.find("0.1877"), std::string::npos) << chatbot.out;  // 0.18774425685405732
}

TEST(Scenarios, ScenariosAreFoundByMlsysimsNamesAndTyposAreNamed) {
  EXPECT_EQ(scorecard("Applications.Chatbot")["scenario"], "Chatbot Serving");
  EXPECT_EQ(scorecard("Archetypes.TinyML_M7")["scenario"], "Smart Doorbell");
  CliResult typo = run_cli("eval ChatbotServin");
  EXPECT_EQ(typo.exit_code, 1);
  EXPECT_NE(typo.err.find("ChatbotServing"), std::string::npos) << typo.err;
}

TEST(SystemEvaluation, AModelOnADeviceSkipsTheMacroLevel) {
  const Json llm = scorecard("Llama3_8B H100");
  EXPECT_EQ(llm["m_status"], "SKIPPED");
  EXPECT_NEAR(value(llm["p_latency"]), 5.603432835820896e-3, 1e-9 * 5.6e-3);
  EXPECT_NEAR(value(llm["p_throughput"]), 178.4620302053645, 1e-9 * 178.5);
  EXPECT_NEAR(llm["p_mfu"].get<double>(), 0.002897977962687719, 1e-9 * 0.0029);
  const Json cnn = scorecard("ResNet50 A100 -b 32");
  EXPECT_NEAR(value(cnn["p_latency"]), 1.3560256410256413e-3, 1e-9 * 1.36e-3);
  EXPECT_NEAR(cnn["p_mfu"].get<double>(), 0.31010683558665025, 1e-9);
  CliResult text = run_cli("eval ResNet50 A100 -b 32");
  EXPECT_NE(text.out.find("Compute Bound"), std::string::npos) << text.out;
}

TEST(SystemEvaluation, TextModeWarnsAboveSixtyPercentEfficiencyAsMlsysimDoes) {
  CliResult high = run_cli("eval Llama3_8B H100 -e 0.7");
  EXPECT_EQ(high.exit_code, 0) << high.err;
  EXPECT_NE(high.err.find("efficiency 0.7 is above 0.60"), std::string::npos) << high.err;
  EXPECT_EQ(run_cli("eval Llama3_8B H100 -e 0.6").err.find("above 0.60"), std::string::npos);
  EXPECT_EQ(run_cli("eval Llama3_8B H100 -e 0.7 -o json").err.find("above 0.60"), std::string::npos);
}

TEST(SystemEvaluation, OnAFleetNodesAreTheTensorParallelDegree) {
  // §5.3: Llama3_8B, batch 32, Research_256 with nodes 8 (passed as TP 8), 30 days.
  const Json card = scorecard("Llama3_8B H100 -b 32 --fleet Research_256 --nodes 8 --duration-days 30");
  EXPECT_NEAR(value(card["p_step_latency"]), 317.5465257688889e-3, 1e-9 * 0.3175);
  EXPECT_NEAR(value(card["p_comm_overhead"]), 40.54527576888889e-3, 1e-9 * 0.0405);
  EXPECT_NEAR(value(card["p_fleet_throughput"]), 806.1810765529125, 1e-9 * 806.2);
  EXPECT_NEAR(card["m_carbon_footprint"].get<double>(), 61.99345152, 1e-9 * 62);
  EXPECT_NEAR(card["m_energy_cost"].get<double>(), 17340.8256, 1e-9 * 17340.8);
  EXPECT_NEAR(card["m_capex"].get<double>(), 210410.95890410958, 1e-9 * 210411);
  CliResult text = run_cli("eval Llama3_8B H100 -b 32 --fleet Research_256 --nodes 8 --duration-days 30");
  EXPECT_NE(text.out.find("Scaling Efficiency: 87.2%"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("TCO: $259,313"), std::string::npos) << text.out;
}

}  // namespace
}  // namespace mlsysim::testing

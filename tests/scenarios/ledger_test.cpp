// The system ledger (python-and-cli.md §7): MLSys·im's ResourceSimulation
// of a scenario at a persona's scale, through `mlsysim simulate`.
#include <gtest/gtest.h>

#include <string>

#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

Json ledger(const std::string& args) {
  CliResult r = run_cli("simulate " + args + " -o json");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out.empty() ? Json() : Json::parse(r.out);
}

double value(const Json& j) { return j.is_object() ? j["value"].get<double>() : j.get<double>(); }

TEST(Ledger, ChatbotServingForACloudTitanInQuebec) {
  const Json l = ledger("ChatbotServing --persona cloud --region Quebec --days 365");
  EXPECT_EQ(l["choice_summary"], "Region: Quebec (Hydro), Duration: 365.0 days");
  const Json& p = l["performance"];
  EXPECT_NEAR(value(p["latency"]), 5.60343284e-3, 1e-8 * 5.6e-3);
  EXPECT_NEAR(value(p["throughput"]), 178.4620302053645, 1e-9 * 178.5);
  EXPECT_NEAR(value(p["hfu"]), 0.0031877757589564913, 1e-12);
  EXPECT_EQ(p["bottleneck"], "Memory");
  const Json& s = l["sustainability"];
  EXPECT_NEAR(value(s["energy"]) / 3.6e6, 6499.92, 1e-6);  // kWh
  EXPECT_NEAR(value(s["carbon_kg"]), 129.9984, 1e-9 * 130);
  EXPECT_NEAR(value(s["pue"]), 1.06, 1e-12);
  EXPECT_EQ(value(s["water_liters"]), 0.0);
  const Json& e = l["economics"];
  EXPECT_NEAR(value(e["capex_usd"]), 10000, 1e-6);
  EXPECT_NEAR(value(e["opex_usd"]), 2279.9904, 1e-6);
  EXPECT_NEAR(value(e["tco_usd"]), 12279.9904, 1e-6);
  EXPECT_NEAR(value(e["cost_per_million_samples_usd"]), 0.40511710656761857, 1e-9 * 0.405);
  const Json& r = l["reliability"];
  EXPECT_NEAR(value(r["fleet_mtbf"]) / 3600, 21428.5714, 1e-4);
  EXPECT_NEAR(value(r["goodput"]), 0.6644471084558516, 1e-12);
  EXPECT_EQ(value(r["recovery_time"]), 900.0);
  EXPECT_NEAR(value(l["summary"]["mfu_pct"]), 0.2897977962687719, 1e-9);
  EXPECT_NEAR(value(l["summary"]["goodput_pct"]), 66.44471084558516, 1e-9);
}

TEST(Ledger, ATinyPioneerShipsTenMillionDoorbells) {
  const Json l = ledger("SmartDoorbell --persona tiny");
  EXPECT_EQ(l["choice_summary"], "Region: US Average, Duration: 365.0 days");
  EXPECT_NEAR(value(l["performance"]["throughput"]), 99000099.000099, 1e-3);
  EXPECT_NEAR(value(l["sustainability"]["energy"]) / 3.6e6, 39244800, 1e-3);
  EXPECT_NEAR(value(l["sustainability"]["carbon_kg"]), 16836019.2, 1e-6);
  EXPECT_NEAR(value(l["sustainability"]["water_liters"]), 70640640, 1e-3);
  EXPECT_NEAR(value(l["economics"]["tco_usd"]), 115004709376.0, 1e-2);
  EXPECT_NEAR(value(l["economics"]["cost_per_million_samples_usd"]), 4.806017548420091, 1e-9 * 4.8);
  EXPECT_NEAR(value(l["reliability"]["fleet_mtbf"]) / 3600, 0.00214285714, 1e-11);
  EXPECT_EQ(value(l["reliability"]["goodput"]), 0.0);
}

TEST(Ledger, AnUnknownRegionIsUsAverageWithAWarningAndBadNamesAreRefused) {
  CliResult r = run_cli("simulate ChatbotServing --region Atlantis -o json");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Json::parse(r.out)["choice_summary"], "Region: US Average, Duration: 365.0 days");
  EXPECT_NE(r.err.find("Atlantis"), std::string::npos) << r.err;
  CliResult persona = run_cli("simulate ChatbotServing --persona clod");
  EXPECT_EQ(persona.exit_code, 1);
  EXPECT_NE(persona.err.find("cloud"), std::string::npos) << persona.err;
  CliResult csv = run_cli("simulate ChatbotServing -o csv");
  EXPECT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.substr(0, csv.out.find('\n')), "section,figure,value") << csv.out;
}

}  // namespace
}  // namespace mlsysim::testing

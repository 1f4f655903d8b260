// The system ledger: MLSys·im's ResourceSimulation (reference/python-and-cli.md §7).
// A scenario run at a persona's scale in a region for a number of days: the
// roofline of one accelerator, a fleet of `scale_factor` one-accelerator
// nodes (a fleet scenario keeps its fleet), and that fleet's energy, carbon
// and water, cost and reliability, in four sections.
#pragma once

#include <string>
#include <vector>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/record.hpp"
#include "mlsysim/framework/result.hpp"
#include "mlsysim/framework/scenario_spec.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim {

struct LedgerChoice {
  std::string region = "US_Avg";  // a grid id; an unknown one is US_Avg, as in 0.1.0 (with a warning)
  double duration_days = 365;
};

struct MLSYSIM_API SystemLedger {
  std::string mission;         // the scenario's name
  std::string track;           // the persona's name
  std::string choice_summary;  // "Region: Quebec (Hydro), Duration: 365.0 days"
  // Each section's figures, quantities in base units:
  Record performance;     // latency, throughput (x fleet), mfu, hfu, bottleneck
  Record sustainability;  // energy, carbon_kg, pue, water_liters
  Record economics;       // capex_usd, opex_usd, tco_usd, cost_per_million_samples_usd
  Record reliability;     // fleet_mtbf, goodput, recovery_time
  std::vector<std::string> warnings;

  // 0.1.0's to_dict: latency_ms, throughput_sps, mfu_pct, carbon_kg, tco_usd, goodput_pct.
  Record summary() const;
};

// Runs the simulation; refuses a ledger 0.1.0's validate() would refuse
// (mfu outside [0, 1], a negative latency or carbon), naming the figure.
MLSYSIM_API Result<SystemLedger> simulate(const Registry& registry, const ScenarioSpec& scenario,
                                          const PersonaSpec& persona, const LedgerChoice& choice = {});

}  // namespace mlsysim

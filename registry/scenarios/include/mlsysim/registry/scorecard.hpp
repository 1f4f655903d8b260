// Scorecard: MLSys·im's three-level evaluation of a system, composed from
// the contracts (reference/python-and-cli.md §5). Level 1, feasibility: do the weights
// fit one accelerator, and does the data pipeline keep up. Level 2,
// performance: the step latency (roofline on a device, distributed on a
// fleet) against the SLA. Level 3, macro: a year's carbon and cost
// (economics). Scenario.evaluate and SystemEvaluator.evaluate are the two
// entry points 0.1.0 has; `mlsysim eval` prints either.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/fleet_spec.hpp"
#include "mlsysim/framework/record.hpp"
#include "mlsysim/framework/result.hpp"
#include "mlsysim/framework/scenario_spec.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim {

enum class Verdict { kPass, kFail, kSkipped };
MLSYSIM_API std::string_view to_string(Verdict v);  // "PASS", "FAIL", "SKIPPED"

struct ScorecardLevel {
  std::string name;  // "Feasibility", "Performance", "Macro/Economics"
  Verdict verdict = Verdict::kSkipped;
  std::string summary;  // one line: "Model fits in memory (16.06 GB / 85.9 GB)"
};

struct MLSYSIM_API Scorecard {
  std::string subject;  // the scenario's name, or "Llama3_8B on H100"
  std::array<ScorecardLevel, 3> levels;
  // The flat form (0.1.0's to_dict): scenario, f_status, p_status, m_status
  // and each level's figures, quantities in base units.
  Record figures;
  std::vector<std::string> warnings;
  std::vector<std::string> notes;  // figures decided by a rule kept for parity (Context::note)

  bool passed_all() const;  // no level failed (skipped levels do not fail)
};

struct EvaluationOptions {
  std::int64_t batch_size = 1;
  std::string precision = "fp16";
  double efficiency = 0.5;
};

// Scenario.evaluate: weights against one accelerator (and the data wall when
// the workload has a data rate), latency against the scenario's SLA, and
// economics over 365 days (a single device becomes a one-accelerator fleet
// on Ethernet_10G).
MLSYSIM_API Result<Scorecard> evaluate_scenario(const Registry& registry, const ScenarioSpec& scenario,
                                                const EvaluationOptions& options = {});

// SystemEvaluator.evaluate: roofline on one device (feasibility is its fit,
// performance always passes); with a fleet and nodes > 1, distributed with
// `nodes` as the tensor-parallel degree (0.1.0's quirk), where feasibility
// always passes (0.1.0 checks no memory there; the summary says when a
// node's step does not fit); economics only with a fleet and a duration,
// else the macro level is skipped.
struct SystemUnderTest {
  ModelRef model;
  HardwareRef hardware;
  std::shared_ptr<const FleetSpec> fleet;  // optional
  std::int64_t nodes = 1;
  std::optional<double> duration_days;
};
MLSYSIM_API Result<Scorecard> evaluate_system(const Registry& registry, const SystemUnderTest& system,
                                              const EvaluationOptions& options = {});

// Scenario.validate_scenario: an infeasible error naming `workload` when
// weights + the KV cache of 512 tokens (transformers) exceed one
// accelerator, with both figures; an infeasible error naming `sla_latency`
// when the latency misses the SLA (0.1.0's SLAViolation); else the memory
// utilisation.
MLSYSIM_API Result<double> validate_scenario(const Registry& registry, const ScenarioSpec& scenario,
                                             const EvaluationOptions& options = {});

}  // namespace mlsysim

// Plan files: MLSys·im's YAML description of one system to evaluate or
// optimize (reference/python-and-cli.md §5.1) — a workload, the hardware and how many
// accelerators, optional operations (region, days) and assertions on the
// scorecard's metrics. `mlsysim eval PLAN.yaml` scores it and `mlsysim
// optimize parallelism|batching|placement PLAN.yaml` takes its inputs from
// it. Unlike 0.1.0, which ignores keys it does not know, an unknown key is
// refused with its path and the nearest known one.
//
//   version: "1"
//   name: chatbot
//   workload: {name: Llama3_8B, batch_size: 8, seq_len: 2048}
//   hardware: {name: H100, nodes: 16, precision: fp8, efficiency: 0.5}
//   ops: {region: Quebec, duration_days: 30}
//   constraints:
//     assert:
//       - {metric: performance.latency, max: 50}   # in 0.1.0's display units: ms
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/fleet_spec.hpp"
#include "mlsysim/framework/json.hpp"
#include "mlsysim/framework/result.hpp"
#include "mlsysim/registry/registry.hpp"
#include "mlsysim/registry/scorecard.hpp"

namespace mlsysim {

struct PlanAssertion {
  std::string metric;  // "performance.latency": a level and a figure of its scorecard
  std::optional<double> max, min;
};

struct MLSYSIM_API Plan {
  std::string version, name;
  ModelRef model;
  std::int64_t batch_size = 1;
  std::int64_t seq_len = 2048;
  HardwareRef hardware;
  std::int64_t nodes = 1;  // accelerators
  EvaluationOptions options;
  bool has_ops = false;
  std::string region = "US_Avg";
  double duration_days = 30;
  std::vector<PlanAssertion> assertions;

  // 0.1.0's fleet for `nodes` > 1: nodes of 8 accelerators (900 GB/s inside),
  // max(nodes / 8, 1) of them, on a 50 GB/s InfiniBand fabric; else null.
  std::shared_ptr<const FleetSpec> fleet() const;
  // fleet(), or for one accelerator a fleet of one node holding it (what the
  // parallelism and placement optimizers need).
  std::shared_ptr<const FleetSpec> deployed_fleet() const;
  // The system SystemEvaluator.evaluate sees (duration only with ops).
  SystemUnderTest system() const;
};

// Reads and checks a plan: every problem is a bad_input error naming the key
// ("hardware.nodes"); names resolve through the registry.
MLSYSIM_API Result<Plan> read_plan(const std::filesystem::path& path, const Registry& registry);
MLSYSIM_API Result<Plan> parse_plan(std::string_view yaml, const Registry& registry);
MLSYSIM_API Result<Plan> plan_from_json(const Json& json, const Registry& registry);

// Whether `text` names a plan file (ends in .yaml or .yml).
MLSYSIM_API bool is_plan_path(std::string_view text);

// The plan file's JSON Schema (draft 2020-12).
MLSYSIM_API Json plan_schema();

// Each assertion that fails on `card`, as "performance.latency = 81.01 > 30";
// an error for a metric the scorecard does not have. Values are compared
// in 0.1.0's display units: times in ms, memory in GB, the rest as reported.
MLSYSIM_API Result<std::vector<std::string>> failed_assertions(const Plan& plan, const Scorecard& card);

}  // namespace mlsysim

// PipelineSpec: a pipeline as its JSON file describes it, before any solver
// is looked up. The form (README.md, "Pipelines"):
//
//   {"name": "...", "description": "...",
//    "inputs": {"model": "ResNet50", "batch_size": 256, "sample_size_bytes": "500 KB"},
//    "sweep":  {"hardware": ["V100", "A100", "H100"]},          // optional
//    "report": ["compute.latency", "cpu.is_bottleneck"],        // optional table columns
//    (or "report": {"step": "compute.latency",                   // column: stage output
//                   "io_share": "io.time / compute.latency"}),  //   or expression
//    "stages": [
//      {"id": "compute", "solver": "roofline"},
//      {"id": "cpu", "solver": "transformation",
//       "inputs": {"accelerator_step_time": {"from": "compute.latency"}}},
//      {"id": "io", "solver": "data",
//       "inputs": {"workload_data_rate": {"expr": "batch_size * sample_size_bytes / compute.latency"}}}]}
//
// A stage input is a literal (number, unit string, {"value", "unit"}, zoo id,
// inline spec), {"from": "stage.output"} or {"expr": "..."} (expression.hpp).
// Parsing checks only the shape; check_pipeline (pipeline.hpp) checks the rest.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>  // specs hold JSON values

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/json.hpp"
#include "mlsysim/framework/result.hpp"

namespace mlsysim {

struct MLSYSIM_API PipelineSpec {
  struct Stage {
    std::string id;      // an identifier: expressions refer to "id.output"
    std::string solver;  // registry name
    std::vector<std::pair<std::string, Json>> inputs;  // explicit bindings, in file order
  };

  std::string name;
  std::string description;
  std::vector<std::pair<std::string, Json>> inputs;                // literals, in file order
  std::vector<std::pair<std::string, std::vector<Json>>> sweep;   // axes of the cartesian product
  // Report columns: (name, "stage.output" or an expression), in file order.
  // The list form names each column by its text.
  std::vector<std::pair<std::string, std::string>> report;
  std::vector<Stage> stages;

  // Sets (or adds) a pipeline input; a sweep axis of the same name is dropped.
  void set_input(const std::string& name, Json value);
  // Replaces (or adds) a sweep axis.
  void set_sweep(const std::string& name, std::vector<Json> values);
};

// The spec in `json`, or an error naming the offending key ("stages[2].solver").
MLSYSIM_API Result<PipelineSpec> parse_pipeline(const Json& json);
// Reads and parses a file ("-": standard input); errors name the file.
MLSYSIM_API Result<PipelineSpec> load_pipeline(const std::filesystem::path& file);

// A value typed on the command line as JSON: numbers and true/false as such,
// anything else as a string ("A100", "500 KB").
MLSYSIM_API Json json_from_text(const std::string& text);

}  // namespace mlsysim

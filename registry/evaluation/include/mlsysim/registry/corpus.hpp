// Case files that `mlsysim score` and `mlsysim calibrate` read, one JSON
// object per line, of two kinds:
//
//  * measured cases (zoo/measured/corpus.jsonl): what a contract can
//    predict of a measurement on real hardware,
//      {"id", "category", "quality", "solver": "serving", "inputs": {...},
//       "predict": "batch_size / itl", "measured": {"value", "unit"},
//       "source", "caveats"}
//    `predict` is an expression (expression.hpp) over the solver's outputs
//    and inputs whose dimension must be the measurement's;
//  * reference cases (tests/data/*.jsonl): inputs and the outputs MLSys·im
//    0.1.0 gave, {"id", "solver", "inputs", "expected": {"outputs"|"error"}}.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>  // cases hold their JSON inputs

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/json.hpp"
#include "mlsysim/framework/result.hpp"
#include "mlsysim/framework/units.hpp"
#include "mlsysim/framework/value.hpp"

namespace mlsysim {

struct MeasuredCase {
  std::string id;
  std::string category;
  std::string quality;   // "A" (complete record), "B", ...
  std::string contract;  // the case's "solver": a contract; the variant is chosen when scoring
  Json inputs;
  std::string predict;   // expression over outputs and inputs
  Quantity measured;     // in base units
  std::string source;
};

struct ReferenceCase {
  std::string id;
  std::string solver;
  Json inputs;
  Json expected;  // {"outputs": {...}} or {"error": {"type": ...}}
  std::optional<std::size_t> warnings;  // how many warnings 0.1.0 gave, where recorded
};

struct CaseFile {
  std::filesystem::path path;
  std::vector<MeasuredCase> measured;    // a corpus file, or
  std::vector<ReferenceCase> reference;  // a reference-case file
};

// One reference case from its JSON object.
MLSYSIM_API Result<ReferenceCase> parse_reference_case(const Json& object);

// Reads a case file; its kind is decided by its first case ("measured" or
// "expected"). Errors name the file, the line and the field.
MLSYSIM_API Result<CaseFile> load_case_file(const std::filesystem::path& file);

}  // namespace mlsysim

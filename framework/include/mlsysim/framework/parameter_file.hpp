// A calibrated variant's parameter file (JSON), written by `mlsysim
// calibrate` and read by the variant's plugin when it loads:
//
//   {"variant": "roofline:calibrated",
//    "provenance": {"fitted_by": "...", "corpus": "...", "fit": {...}},
//    "parameters": {"compute_efficiency_16bit":
//                     {"value": 0.9, "low": 0.05, "high": 1.0, "doc": "..."}, ...},
//    "tables": {"flop_convention": {"ResNet50": 2.0}}}
//
// `parameters` are fitted; `tables` are fixed data with their own
// provenance in the file (not fitted).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/parameter.hpp"
#include "mlsysim/framework/result.hpp"
#include "mlsysim/framework/value.hpp"

namespace mlsysim {

struct ParameterFile {
  std::filesystem::path path;
  std::string variant;
  std::vector<Parameter> parameters;  // in file order
  std::vector<std::pair<std::string, NumberTable>> tables;

  const Parameter* find(std::string_view name) const {
    for (const Parameter& p : parameters)
      if (p.name == name) return &p;
    return nullptr;
  }
  const NumberTable* table(std::string_view name) const {
    for (const auto& [key, t] : tables)
      if (key == name) return &t;
    return nullptr;
  }
};

// Reads and checks a parameter file: every parameter has finite value, low
// and high with low <= value <= high. Errors name the file and the field.
MLSYSIM_API Result<ParameterFile> read_parameter_file(const std::filesystem::path& file);

}  // namespace mlsysim

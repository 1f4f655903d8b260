// A variant's parameter file (JSON), written by `mlsysim calibrate` and
// read by the variant's plugin when it loads:
//
//   {"variant": "roofline:calibrated",
//    "provenance": {"fitted_by": "...", "corpus": "...", "fit": {...}},
//    "parameters": {"compute_efficiency_16bit": 0.9, "layer_overhead_cnn": 2.4e-4},
//    "tables": {"flop_convention": {"ResNet50": 2.0}}}
//
// `parameters` are values, each in its parameter's base unit; what each
// means, its unit and its range are declared by the variant
// (sdk/parameters.hpp). `tables` are fixed data with their own provenance
// in the file (not fitted).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/result.hpp"
#include "mlsysim/framework/value.hpp"

namespace mlsysim {

struct ParameterFile {
  std::filesystem::path path;
  std::string variant;
  std::vector<std::pair<std::string, double>> values;  // parameters, in file order
  std::vector<std::pair<std::string, NumberTable>> tables;

  const double* value(std::string_view name) const {
    for (const auto& [key, v] : values)
      if (key == name) return &v;
    return nullptr;
  }
  const NumberTable* table(std::string_view name) const {
    for (const auto& [key, t] : tables)
      if (key == name) return &t;
    return nullptr;
  }
};

// The largest parameter file read (values and small tables, with provenance).
inline constexpr std::uintmax_t kMaxParameterFileBytes = 1 << 20;

// Reads and checks a parameter file: a regular file of at most
// kMaxParameterFileBytes that passes the trust check (file_trust.hpp), whose
// parameter values and table entries are finite numbers. Errors name the
// file and the field.
MLSYSIM_API Result<ParameterFile> read_parameter_file(const std::filesystem::path& file);

}  // namespace mlsysim

// What a calibrated variant needs: its parameter file
// (framework/parameter_file.hpp), found in $MLSYSIM_CALIBRATION_DIR if that
// holds a file of the name, else beside the plugin library (where the build
// and the install put it), and checked to hold exactly the names it uses.
//
//   constexpr std::string_view kNames[] = {"compute_efficiency", "memory_efficiency"};
//   Result<ParameterFile> file = sdk::load_calibration("roofline_calibrated.json", kNames);
//   if (!file.ok()) return file.error();  // the plugin is reported and skipped
#pragma once

#include <cstdlib>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include <boost/dll/runtime_symbol_info.hpp>

#include "mlsysim/framework/parameter_file.hpp"

namespace mlsysim::sdk {

inline std::filesystem::path calibration_path(std::string_view file_name) {
  if (const char* dir = std::getenv("MLSYSIM_CALIBRATION_DIR"); dir != nullptr && *dir != '\0') {
    std::filesystem::path candidate = std::filesystem::path(dir) / file_name;
    if (std::filesystem::exists(candidate)) return candidate;
  }
  // The library this code is compiled into: the plugin itself.
  const std::filesystem::path library(boost::dll::this_line_location().string());
  return library.parent_path() / file_name;
}

// The file, with its parameters reordered as `names` lists them; a missing
// or extra name is an error naming the file.
inline Result<ParameterFile> load_calibration(std::string_view file_name,
                                              std::span<const std::string_view> names) {
  Result<ParameterFile> file = read_parameter_file(calibration_path(file_name));
  if (!file.ok()) return file.error();
  std::vector<Parameter> ordered;
  for (std::string_view name : names) {
    const Parameter* p = file->find(name);
    if (p == nullptr)
      return Error::bad_input("parameters", file->path.string() + ": parameter '" +
                                                std::string(name) + "' is missing");
    ordered.push_back(*p);
  }
  if (ordered.size() != file->parameters.size())
    return Error::bad_input("parameters", file->path.string() + ": holds parameters this variant "
                                                                "does not use");
  file->parameters = std::move(ordered);
  return file;
}

}  // namespace mlsysim::sdk

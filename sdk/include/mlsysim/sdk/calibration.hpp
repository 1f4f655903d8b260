// A variant whose parameters (parameters.hpp) are read from its parameter
// file (framework/parameter_file.hpp): found in $MLSYSIM_CALIBRATION_DIR if
// that holds a file of the name, else beside the plugin library (where the
// build and the install put it). The file gives a value to every declared
// parameter that has no default, may override those that have one, and may
// hold nothing else; each value must meet its parameter's constraint.
//
//   struct Fitted : sdk::ParameterSet {
//     const sdk::Param<double> memory_efficiency{*this, "memory_efficiency",
//         "achieved fraction of spec bandwidth", in_range(0.3, 1.0), sdk::Prior{0.85}};
//   };
//   Status solve(roofline::RooflineCall& call, const Fitted& p);
//   MLSYSIM_CALIBRATED_IMPLEMENTATION(roofline::Contract, "calibrated", "1.0", kDoc, solve,
//                                     "roofline_calibrated.json")
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <boost/dll/runtime_symbol_info.hpp>

#include "mlsysim/framework/parameter_file.hpp"
#include "mlsysim/sdk/implementation.hpp"

namespace mlsysim::sdk {

// Where the variant's parameter file is, and whether it is the user's
// (from MLSYSIM_CALIBRATION_DIR) rather than the one shipped beside it.
struct ParameterFileLocation {
  std::filesystem::path path;
  bool from_user = false;
};

inline ParameterFileLocation calibration_path(std::string_view file_name) {
  if (const char* dir = std::getenv("MLSYSIM_CALIBRATION_DIR"); dir != nullptr && *dir != '\0') {
    std::filesystem::path candidate = std::filesystem::path(dir) / file_name;
    std::error_code ec;
    if (std::filesystem::exists(std::filesystem::symlink_status(candidate, ec))) return {candidate, true};
  }
  // The library this code is compiled into: the plugin itself.
  const std::filesystem::path library(boost::dll::this_line_location().string());
  return {library.parent_path() / file_name, false};
}

// The value of each declared parameter (in declaration order) from `file`,
// else its default; errors name the file and the parameter.
inline Result<std::vector<double>> parameter_values(const ParameterSet& params, const ParameterFile& file) {
  auto bad = [&](const std::string& name, const std::string& why) {
    return Error::bad_input("parameters." + name, file.path.string() + ": parameter '" + name + "' " + why);
  };
  std::vector<double> values;
  for (const PortInfo& port : params.ports()) {
    const std::string name = port.name.str();
    std::optional<double> v = magnitude(port.default_value);
    if (const double* in_file = file.value(name)) v = *in_file;
    if (!v) return bad(name, "is missing (it has no default)");
    if (std::optional<std::string> why = port.constraint.violation(name, detail::parameter_value(port, *v)))
      return bad(name, "is out of range: " + *why);
    values.push_back(*v);
  }
  for (const auto& [name, value] : file.values) {
    bool declared = false;
    for (const PortInfo& port : params.ports()) declared = declared || port.name.view() == name;
    if (!declared) return bad(name, "is not a parameter of this variant");
  }
  return values;
}

// Registers `fn` as an implementation of C whose parameters are read from
// `file_name` (an optional `Status load_tables(const ParameterFile&)` on the
// parameter struct takes and checks the file's fixed tables). A file from
// MLSYSIM_CALIBRATION_DIR is named in a notice, so no answer silently comes
// from parameters the variant did not ship with.
template <class C, class Params>
Status register_calibrated(PluginRegistrar& registrar, ParameterizedSolveFunction<C, Params> fn,
                           Variant variant, std::string_view file_name) {
  const ParameterFileLocation location = calibration_path(file_name);
  Result<ParameterFile> file = read_parameter_file(location.path);
  if (!file.ok()) return file.error();
  Params params;
  Result<std::vector<double>> values = parameter_values(params, *file);
  if (!values.ok()) return values.error();
  if constexpr (requires { params.load_tables(*file); })
    if (Status s = params.load_tables(*file); !s.ok()) return s;
  if (location.from_user)
    registrar.report(detail::implementation_info<C>(variant).full_name() + " uses the parameter file " +
                     location.path.string() + " (from MLSYSIM_CALIBRATION_DIR), not the one it ships with");
  registrar.add_solver(implementation<C>(fn, std::move(variant), std::move(params), *values,
                                         file->path.string()));
  return {};
}

}  // namespace mlsysim::sdk

// Declares a plugin holding one implementation, `function`, of `Contract`,
// whose parameters are read from `file`.
#define MLSYSIM_CALIBRATED_IMPLEMENTATION(Contract, variant, version, doc, function, file) \
  MLSYSIM_PLUGIN(::mlsysim::sdk::detail::plugin_name<Contract>(variant), version,         \
                 [](::mlsysim::PluginRegistrar& r) -> ::mlsysim::Status {                  \
                   return ::mlsysim::sdk::register_calibrated<Contract>(                   \
                       r, function, {variant, version, doc}, file);                        \
                 })

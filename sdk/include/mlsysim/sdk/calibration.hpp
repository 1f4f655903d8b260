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
#include "mlsysim/sdk/implementation.hpp"

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

namespace mlsysim::sdk {

// Registers `fn` as a calibrated implementation of C: its parameter file is
// loaded (see above), a State built from it (`assign` takes the values in
// `names` order; an optional `load_tables(const ParameterFile&)` takes the
// fixed tables), and the parameters shown and refittable.
template <class C, class State>
Status register_calibrated(PluginRegistrar& registrar, Status (*fn)(Call<C>&, const State&),
                           Variant variant, std::string_view file_name,
                           std::span<const std::string_view> names) {
  Result<ParameterFile> file = load_calibration(file_name, names);
  if (!file.ok()) return file.error();
  std::vector<double> values;
  for (const Parameter& p : file->parameters) values.push_back(p.value);
  State state;
  state.assign(values);
  if constexpr (requires { state.load_tables(*file); }) state.load_tables(*file);
  registrar.add_solver(implementation<C, State>(fn, std::move(variant), std::move(state),
                                                file->parameters, file->path.string()));
  return {};
}

}  // namespace mlsysim::sdk

// Declares a plugin holding one calibrated implementation, `function`, of
// `Contract`, whose parameters `names` are read from `file`.
#define MLSYSIM_CALIBRATED_IMPLEMENTATION(Contract, variant, version, doc, function, file, names) \
  MLSYSIM_PLUGIN(::mlsysim::sdk::detail::plugin_name<Contract>(variant), version,                \
                 [](::mlsysim::PluginRegistrar& r) -> ::mlsysim::Status {                         \
                   return ::mlsysim::sdk::register_calibrated<Contract>(                          \
                       r, function, {variant, version, doc}, file, names);                        \
                 })

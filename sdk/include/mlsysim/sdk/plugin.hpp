// Writing a plugin: include this header and declare the plugin once with
// MLSYSIM_PLUGIN, naming its register function. Most plugins only add
// implementations, which sdk::registers<...> does:
//
//   MLSYSIM_PLUGIN("my_plugin", "0.1.0", mlsysim::sdk::registers<MyRoofline>)
//
// A plugin that also adds providers writes its own register function:
//
//   mlsysim::Status register_plugin(mlsysim::PluginRegistrar& r) {
//     r.add_solver(std::make_unique<MySolver>());
//     r.add_hardware_provider(std::make_shared<MyCatalogue>());
//     return {};
//   }
//
// The macro exports the versioned C entry point (see descriptor.h) and a
// register thunk that turns a failed Status or an escaped exception into an
// error message, so no exception leaves the plugin.
#pragma once

#include <cstring>
#include <exception>
#include <memory>
#include <string>

#include "mlsysim/framework/error.hpp"
#include "mlsysim/framework/plugin_registrar.hpp"
#include "mlsysim/framework/port.hpp"
#include "mlsysim/framework/solver.hpp"
#include "mlsysim/framework/units.hpp"
#include "mlsysim/sdk/descriptor.h"
#include "mlsysim/sdk/fingerprint.hpp"

namespace mlsysim::sdk {

// A register function that adds one default-constructed instance of each
// implementation.
template <class... Implementations>
Status registers(PluginRegistrar& registrar) {
  (registrar.add_solver(std::make_unique<Implementations>()), ...);
  return {};
}

}  // namespace mlsysim::sdk

namespace mlsysim::sdk::detail {

inline void copy_message(const std::string& message, char* out, size_t size) {
  if (out == nullptr || size == 0) return;
  size_t n = message.size() < size - 1 ? message.size() : size - 1;
  // Never cut inside a UTF-8 character: the message ends up in JSON.
  if (n < message.size())
    while (n > 0 && (static_cast<unsigned char>(message[n]) & 0xC0) == 0x80) --n;
  std::memcpy(out, message.data(), n);
  out[n] = '\0';
}

template <class RegisterFn>
int register_thunk(RegisterFn fn, void* registrar, char* error, size_t error_size) {
  try {
    Status status = fn(*static_cast<PluginRegistrar*>(registrar));
    if (status.ok()) return 0;
    copy_message(describe(status.error()), error, error_size);
    return 1;
  } catch (const std::exception& e) {
    copy_message(std::string("register function threw: ") + e.what(), error, error_size);
  } catch (...) {
    copy_message("register function threw a non-standard exception", error, error_size);
  }
  return 2;
}

}  // namespace mlsysim::sdk::detail

// The register function comes last and may contain commas
// (mlsysim::sdk::registers<A, B>).
#define MLSYSIM_PLUGIN(plugin_name, plugin_version, ...)                                     \
  MLSYSIM_PLUGIN_NOTE(MLSYSIM_PLUGIN_ABI_TEXT, MLSYSIM_BUILD_FINGERPRINT)                    \
  static int mlsysim_plugin_register_thunk_(void* registrar, char* error, size_t size) {    \
    return ::mlsysim::sdk::detail::register_thunk(__VA_ARGS__, registrar, error, size);      \
  }                                                                                          \
  extern "C" __attribute__((visibility("default"))) const mlsysim_plugin_descriptor*        \
  MLSYSIM_PLUGIN_ENTRY(void) {                                                               \
    static const mlsysim_plugin_descriptor descriptor = {                                    \
        MLSYSIM_PLUGIN_ABI_VERSION, plugin_name, plugin_version, MLSYSIM_BUILD_FINGERPRINT,   \
        &mlsysim_plugin_register_thunk_};                                                    \
    return &descriptor;                                                                      \
  }

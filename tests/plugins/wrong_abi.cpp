// A plugin from a future (or past) ABI: the registry must refuse it before
// calling anything but the C entry point.
#include "mlsysim/sdk/descriptor.h"
#include "mlsysim/sdk/fingerprint.hpp"

static int must_not_run(void*, char*, size_t) { __builtin_trap(); }

MLSYSIM_PLUGIN_NOTE("99", MLSYSIM_BUILD_FINGERPRINT)

extern "C" __attribute__((visibility("default"))) const mlsysim_plugin_descriptor*
MLSYSIM_PLUGIN_ENTRY(void) {
  static const mlsysim_plugin_descriptor d = {MLSYSIM_PLUGIN_ABI_VERSION + 98, "wrong_abi", "9.9",
                                              MLSYSIM_BUILD_FINGERPRINT, &must_not_run};
  return &d;
}

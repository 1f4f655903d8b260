// A plugin built with another standard library ABI: refused, with what differs.
#include "mlsysim/sdk/descriptor.h"

static int must_not_run(void*, char*, size_t) { __builtin_trap(); }

MLSYSIM_PLUGIN_NOTE(MLSYSIM_PLUGIN_ABI_TEXT, "compiler=gcc-12;stdlib=libstdc++-cxx11abi0;boost=107400;kernel=0.1")

extern "C" __attribute__((visibility("default"))) const mlsysim_plugin_descriptor*
MLSYSIM_PLUGIN_ENTRY(void) {
  static const mlsysim_plugin_descriptor d = {
      MLSYSIM_PLUGIN_ABI_VERSION, "wrong_fingerprint", "0.1.0",
      "compiler=gcc-12;stdlib=libstdc++-cxx11abi0;boost=107400;kernel=0.1", &must_not_run};
  return &d;
}

// Symbol visibility: everything is hidden by default (-fvisibility=hidden);
// the kernel's public API and the plugin entry point are exported with this.
#pragma once

#define MLSYSIM_API __attribute__((visibility("default")))

// Per-solve hot paths (reading a port, copying a scalar Value) that the
// optimiser would otherwise leave as calls; and their cold error paths.
#define MLSYSIM_INLINE inline __attribute__((always_inline))
#define MLSYSIM_COLD __attribute__((noinline, cold))

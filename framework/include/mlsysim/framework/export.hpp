// Symbol visibility: everything is hidden by default (-fvisibility=hidden);
// the kernel's public API and the plugin entry point are exported with this.
#pragma once

#define MLSYSIM_API __attribute__((visibility("default")))

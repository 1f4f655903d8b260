/* The plugin ABI: plain C, so the registry can check a library before any
 * C++ in it runs. A plugin exports exactly one symbol, MLSYSIM_PLUGIN_ENTRY,
 * a function returning a pointer to a static descriptor. The registry reads
 * abi_version first, then compares fingerprint with its own, and only then
 * calls register_fn. */
#ifndef MLSYSIM_SDK_DESCRIPTOR_H_
#define MLSYSIM_SDK_DESCRIPTOR_H_

#include <stddef.h>
#include <stdint.h>

#define MLSYSIM_PLUGIN_ABI_VERSION 2u  /* 2: Context::note */
#define MLSYSIM_PLUGIN_ABI_TEXT "1"
/* The entry symbol carries the ABI version, so an incompatible future
 * layout is not even found by an old registry. */
#define MLSYSIM_PLUGIN_ENTRY mlsysim_plugin_entry_v1
#define MLSYSIM_PLUGIN_ENTRY_NAME "mlsysim_plugin_entry_v1"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mlsysim_plugin_descriptor {
  uint32_t abi_version;    /* MLSYSIM_PLUGIN_ABI_VERSION the plugin was built with */
  const char* name;        /* plugin name, e.g. "roofline" */
  const char* version;     /* plugin version, e.g. "0.1.0" */
  const char* fingerprint; /* MLSYSIM_BUILD_FINGERPRINT at the plugin's build */
  /* Adds the plugin's solvers/providers to `registrar` (a
   * mlsysim::PluginRegistrar*). Returns 0 on success; otherwise writes a
   * NUL-terminated reason into `error` (at most error_size bytes). */
  int (*register_fn)(void* registrar, char* error, size_t error_size);
} mlsysim_plugin_descriptor;

typedef const mlsysim_plugin_descriptor* (*mlsysim_plugin_entry_fn)(void);

/* The same facts as plain bytes in a section of the file, which the
 * registry reads from disk before the library is loaded: a file without it,
 * or built for another ABI or kernel, is refused without running any of its
 * code (not even its static constructors). */
#define MLSYSIM_PLUGIN_SECTION ".mlsysim_plugin"
#define MLSYSIM_PLUGIN_NOTE(abi_text, fingerprint)                                  \
  __attribute__((section(MLSYSIM_PLUGIN_SECTION), used)) static const char        \
      mlsysim_plugin_note_[] = "mlsysim-plugin;abi=" abi_text ";" fingerprint;

#ifdef __cplusplus
}
#endif

#endif /* MLSYSIM_SDK_DESCRIPTOR_H_ */

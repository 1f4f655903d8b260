// A shared library with a static constructor and no mlsysim plugin note: the
// registry must refuse it without loading it, so the constructor never runs
// (it would create the file named by MLSYSIM_TEST_MARKER).
#include <cstdio>
#include <cstdlib>

__attribute__((constructor)) static void leave_a_mark() {
  if (const char* path = std::getenv("MLSYSIM_TEST_MARKER"))
    if (std::FILE* f = std::fopen(path, "w")) std::fclose(f);
}

extern "C" __attribute__((visibility("default"))) int mlsysim_plugin_entry_v1() { return 0; }

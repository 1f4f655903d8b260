// A real shared library that is not an mlsysim plugin: no entry symbol.
extern "C" __attribute__((visibility("default"))) int some_other_library_function() { return 42; }

# MLSYSIM_SANITIZER_PRELOAD: under an AddressSanitizer build, what a test must
# LD_PRELOAD into a program that is not instrumented (Debian's python3
# loading the _mlsysim module): the compiler's shared ASan runtime, and
# libstdc++ with it (ASan's __cxa_throw interceptor must find the real one at
# start-up, or the first C++ exception aborts). Empty otherwise.
#
# Every program of a clang ASan build links the shared runtime too (GCC's
# default): a program started by a preloaded one (the CLI run from the
# Python tests) inherits LD_PRELOAD, and two different ASan runtimes in one
# process abort it. The runtime's directory goes into each RUNPATH.
set(MLSYSIM_SANITIZER_PRELOAD "")
if(CMAKE_CXX_FLAGS MATCHES "-fsanitize=[^ ]*address")
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    set(asan_library libclang_rt.asan-${CMAKE_SYSTEM_PROCESSOR}.so)
    execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-runtime-dir
                    OUTPUT_VARIABLE runtime_dir OUTPUT_STRIP_TRAILING_WHITESPACE)
    add_link_options(-shared-libasan "LINKER:-rpath,${runtime_dir}")
  else()
    set(asan_library libasan.so)
  endif()
  execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=${asan_library}
                  OUTPUT_VARIABLE asan_runtime OUTPUT_STRIP_TRAILING_WHITESPACE)
  execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libstdc++.so
                  OUTPUT_VARIABLE cxx_runtime OUTPUT_STRIP_TRAILING_WHITESPACE)
  set(MLSYSIM_SANITIZER_PRELOAD "${asan_runtime} ${cxx_runtime}")
endif()

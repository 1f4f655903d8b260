// The build fingerprint: what must agree between the registry and a plugin
// for C++ objects to cross between them safely. Fields are `key=value`
// separated by ';' so a mismatch can be reported field by field.
#pragma once

#include <boost/version.hpp>

#include "mlsysim/framework/version.hpp"

#define MLSYSIM_FP_STR2(x) #x
#define MLSYSIM_FP_STR(x) MLSYSIM_FP_STR2(x)

#if defined(__clang__)
#define MLSYSIM_FP_COMPILER "clang-" MLSYSIM_FP_STR(__clang_major__)
#elif defined(__GNUC__)
#define MLSYSIM_FP_COMPILER "gcc-" MLSYSIM_FP_STR(__GNUC__)
#else
#define MLSYSIM_FP_COMPILER "unknown"
#endif

#if defined(_GLIBCXX_USE_CXX11_ABI)
#define MLSYSIM_FP_STDLIB "libstdc++-cxx11abi" MLSYSIM_FP_STR(_GLIBCXX_USE_CXX11_ABI)
#elif defined(_LIBCPP_VERSION)
#define MLSYSIM_FP_STDLIB "libc++-" MLSYSIM_FP_STR(_LIBCPP_ABI_VERSION)
#else
#define MLSYSIM_FP_STDLIB "unknown"
#endif

#define MLSYSIM_BUILD_FINGERPRINT                                                 \
  "compiler=" MLSYSIM_FP_COMPILER ";stdlib=" MLSYSIM_FP_STDLIB                    \
  ";boost=" MLSYSIM_FP_STR(BOOST_VERSION) ";kernel=" MLSYSIM_KERNEL_VERSION

#!/usr/bin/env bash
# Builds the whole project with clang, AddressSanitizer + UndefinedBehavior-
# Sanitizer and strict warnings (the `asan` preset, ./build-asan; the same
# build holds the libFuzzer harnesses scripts/fuzz.sh runs) and runs every
# test under them. Leak detection is off: plugins and registries are kept
# loaded for the life of the process on purpose. The quarantine of freed
# memory is 16 MB (not 256): the flat-memory tests measure the process, not
# ASan's quarantine.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh > /dev/null
if ! command -v clang++ > /dev/null; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq clang > /dev/null
fi
cmake --preset asan > /dev/null
cmake --build --preset asan
ctest --preset asan

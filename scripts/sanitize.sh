#!/usr/bin/env bash
# Builds the whole project with AddressSanitizer + UndefinedBehaviorSanitizer
# (the `asan` preset, ./build-asan) and runs every test under them. Leak
# detection is off: plugins and registries are kept loaded for the life of
# the process on purpose. The quarantine of freed memory is 16 MB (not 256):
# the flat-memory tests measure the process, not ASan's quarantine.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh > /dev/null
cmake --preset asan > /dev/null
cmake --build --preset asan
ctest --preset asan

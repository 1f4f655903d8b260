#!/usr/bin/env bash
# Sets up, builds (tests included), and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
ctest --preset release

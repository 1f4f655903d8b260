#!/usr/bin/env bash
# Sets up, builds only what `mlsysim` needs, and runs a real analysis: the
# roofline of a few zoo models on a few zoo devices (batch 1, fp16
# inference), as a table. Tests, benchmarks and the Python package are
# built by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --app
echo "quickstart: mlsysim sweep roofline (3 models x 4 devices)"
./build/bin/mlsysim sweep roofline \
  --over model=ResNet50,Llama3_8B,Llama3_70B \
  --over hardware=T4,A100,H100,B200 \
  --set batch_size=1 --set precision=fp16 \
  --columns latency,throughput,bottleneck,mfu,memory_footprint,feasible

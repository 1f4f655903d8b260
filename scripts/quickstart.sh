#!/usr/bin/env bash
# Sets up, builds, and runs a real analysis: the roofline of a few zoo models
# on a few zoo devices (batch 1, fp16 inference), as a table.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh > /dev/null
./build/bin/mlsysim sweep roofline \
  --over model=ResNet50,Llama3_8B,Llama3_70B \
  --over hardware=T4,A100,H100,B200 \
  --set batch_size=1 --set precision=fp16 \
  --columns latency,throughput,bottleneck,arithmetic_intensity,mfu,memory_footprint,feasible

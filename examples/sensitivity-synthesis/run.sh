#!/usr/bin/env bash
# The MLSys·im sensitivity and synthesis tutorial on Llama-3.1-70B and A100,
# step by step (see README.md beside this file for what each step prints).
set -euo pipefail
mlsysim=${MLSYSIM:-"$(dirname "$0")/../../build/bin/mlsysim"}

echo "== 1. Where to invest: MLSys·im 0.1.0's sensitivity (parity solver)"
"$mlsysim" solve sensitivity --model Llama3_70B --hardware A100

echo "== 2. Why all zeros: the fp16 model does not fit, and the offload link binds"
"$mlsysim" elasticity roofline --model Llama3_70B --hardware A100 --of latency \
  --wrt hardware.memory.bandwidth,hardware.peak_flops,hardware.interconnect.bandwidth,hardware.memory.capacity

echo "== 3. At int8 it fits: bandwidth binds"
"$mlsysim" solve sensitivity --model Llama3_70B --hardware A100 --precision int8
"$mlsysim" elasticity roofline --model Llama3_70B --hardware A100 --precision int8 --of latency \
  --wrt hardware.memory.bandwidth,hardware.precision_flops.int8,hardware.memory.capacity,batch_size

echo "== 4. The inverse roofline at 50 ms: MLSys·im 0.1.0's synthesis (parity solver)"
"$mlsysim" solve synthesis --model Llama3_70B --set 'target_latency=50 ms'

echo "== 5. The same question with the roofline's overheads: least HBM bandwidth at int8"
"$mlsysim" inverse roofline --model Llama3_70B --hardware A100 --precision int8 \
  --vary hardware.memory.bandwidth --from '100 GB/s' --to '20 TB/s' --target 'latency<=50 ms'

echo "== 6. And the least memory for the fp16 model to fit"
"$mlsysim" inverse roofline --model Llama3_70B --hardware A100 \
  --vary hardware.memory.capacity --from '40 GB' --to '400 GB' --target 'feasible==true'

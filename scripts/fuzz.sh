#!/usr/bin/env bash
# Runs each libFuzzer harness (tests/fuzz) for FUZZ_SECONDS (default 60) from
# a seed corpus made of the project's own files. The harnesses are built in
# the sanitizer build (the `asan` preset: clang, ASan + UBSan, ./build-asan),
# which scripts/sanitize.sh has usually built already. Any crash, leak of the
# process or sanitizer report fails the script; the executions per harness
# are printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
if ! command -v clang++ > /dev/null; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq clang > /dev/null
fi
bash scripts/setup.sh > /dev/null  # the other build dependencies
cmake --preset asan > /dev/null
harnesses="unit_string expression batch_line pipeline_spec zoo_file sweep_axes input_files plan_file"
# Only the harnesses and what they load (the plugins, the zoo).
cmake --build --preset asan --target $(for h in $harnesses; do echo "${h}_fuzz"; done)

seeds=build-asan/fuzz/seeds
rm -rf "$seeds" && mkdir -p "$seeds"/{unit_string,expression,batch_line,pipeline_spec,zoo_file,sweep_axes,input_files,plan_file}
cp examples/plans/*.yaml "$seeds/plan_file/"
n=0
for f in zoo/hardware/*.json zoo/models/*.json; do
  cp "$f" "$seeds/zoo_file/"
  grep -o '"[0-9][0-9.e+-]* [A-Za-z/^µ]*"' "$f" | tr -d '"' | while read -r q; do
    n=$((n + 1)); printf '%s' "$q" > "$seeds/unit_string/$(basename "$f" .json)-$n"; done || true
done
for f in examples/pipelines/*.json examples/llm/*.json tests/data/pipelines/*.json; do
  cp "$f" "$seeds/pipeline_spec/"
  grep -o '"expr": *"[^"]*"' "$f" | sed 's/"expr": *"//; s/"$//' | while read -r e; do
    n=$((n + 1)); printf '%s' "$e" > "$seeds/expression/$(basename "$f" .json)-$n"; done || true
done
for e in 'a.latency / b.latency' '(2 s)^-1 * 3 GB/s' 'feasible && latency <= 50 ms' 'max(1, 2, x) ^ 2'; do
  n=$((n + 1)); printf '%s' "$e" > "$seeds/expression/extra-$n"
done
for f in tests/data/*.jsonl; do
  head -n 40 "$f" | split -l 1 - "$seeds/batch_line/$(basename "$f" .jsonl)-"
done
# Sweep axes and search options as the README shows them.
printf 'batch_size=1..1024:*2\nprecision=fp16,int8\nwhere:latency <= 50 ms\ntop:3\nby:throughput\n' > "$seeds/sweep_axes/readme"
printf 'efficiency=0.1..0.9:+0.2\nhardware=*\npareto:latency\npareto:throughput\n' > "$seeds/sweep_axes/pareto"
# Parameter files (first byte even) and case files (odd).
for f in plugins/*/calibrated/*.json; do { printf '\x00'; cat "$f"; } > "$seeds/input_files/$(basename "$f")"; done
for f in zoo/measured/corpus.jsonl tests/data/roofline.jsonl; do
  { printf '\x01'; head -n 20 "$f"; } > "$seeds/input_files/$(basename "$f")"
done
# Inputs that once failed a harness stay in its corpus (tests/fuzz/regressions/<harness>/).
for d in tests/fuzz/regressions/*/; do
  [ -d "$d" ] && cp "$d"* "$seeds/$(basename "$d")/" 2>/dev/null || true
done

# The build links clang's shared ASan runtime (cmake/mlsysimSanitizers.cmake); libFuzzer's
# own start-up runs before the loader would reach it, so it is preloaded.
asan_runtime=$(clang++ -print-file-name="libclang_rt.asan-$(uname -m).so")
summary=""
for harness in $harnesses; do
  echo "fuzz: $harness for ${seconds}s"
  log="build-asan/fuzz/$harness.log"
  if ! LD_PRELOAD="$asan_runtime" build-asan/bin/${harness}_fuzz -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
       -print_final_stats=1 -artifact_prefix="build-asan/fuzz/$harness-" "$seeds/$harness" > "$log" 2>&1; then
    tail -40 "$log"
    echo "fuzz: $harness FAILED (the input is in build-asan/fuzz/$harness-*)"
    exit 1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  summary+="$harness: $runs executions, no failure\n"
done
printf "fuzz summary:\n$summary"

#!/usr/bin/env bash
# A contract and its implementation added as new folders only: the tracked
# tree is copied, tests/new_contract/{sdk,plugins} laid over it (nothing
# existing is edited), the app built, and kv_cache must then work in every
# front end, with the kernel listing it among the contracts it knows.
#   add_contract_test.sh SOURCE_DIR
set -euo pipefail
src=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if git -C "$src" rev-parse --is-inside-work-tree > /dev/null 2>&1; then
  (cd "$src" && git ls-files -z --cached --others --exclude-standard) |
    (cd "$src" && xargs -0 cp --parents -t "$work")
else
  tar -C "$src" --exclude='./build*' -cf - . | tar -C "$work" -xf -
fi
before=$(cd "$work" && find . -type f | sort | xargs md5sum)
cp -r "$src/tests/new_contract/sdk/contracts/kv_cache" "$work/sdk/contracts/"
cp -r "$src/tests/new_contract/plugins/kv_cache" "$work/plugins/"
after=$(cd "$work" && find . -type f ! -path './sdk/contracts/kv_cache/*' ! -path './plugins/kv_cache/*' | sort | xargs md5sum)
[ "$before" = "$after" ] || { echo "FAIL: an existing file changed"; exit 1; }

cmake -S "$work" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-O0 \
  -DMLSYSIM_BUILD_TESTS=OFF -DMLSYSIM_BUILD_BENCHMARKS=OFF -DMLSYSIM_PYTHON=OFF \
  -DMLSYSIM_INSTALL=OFF > "$work/configure.log"
# The CLI, the zoo (models by id) and the new plugin: what the checks below use.
cmake --build "$work/build" --target mlsysim mlsysim_plugin_zoo mlsysim_plugin_kv_cache mlsysim_zoo_data \
  > "$work/build.log" || { tail -30 "$work/build.log"; exit 1; }
cli="$work/build/bin/mlsysim"
export MLSYSIM_PLUGIN_PATH= MLSYSIM_ZOO_PATH=

fail() { echo "FAIL: $*"; exit 1; }
grep -q 'contracts::KvCache' "$work/build/generated/include/mlsysim/sdk/known_contract_list.hpp" ||
  fail "the generated list of known contracts lacks kv_cache"
"$cli" plugins list | grep -Eq '^kv_cache +1 +reference\*' || fail "plugins list"
"$cli" plugins show kv_cache | grep -q 'kv_cache_size' || fail "plugins show"
# Llama-3 8B: 32 layers, 8 KV heads of 4096/32 = 128, fp16: 2 x 32 x 8 x 128 x 2048 x 2 bytes.
expected=268435456
"$cli" -o json solve kv_cache --model Llama3_8B | grep -q "\"value\": $expected" || fail "solve"
echo '{"id": 1, "solver": "kv_cache", "inputs": {"model": "Llama3_8B", "seq_len": 4096}}' |
  "$cli" run | grep -q "\"value\":$((2 * expected))" || fail "run"
rows=$("$cli" -o csv sweep kv_cache --set model=Llama3_8B --over seq_len=1024,2048,4096 --columns kv_cache_size | tail -n +2)
[ "$(echo "$rows" | wc -l)" = 3 ] || fail "sweep rows: $rows"
[ "$(echo "$rows" | sed -n 2p)" = "2048,$expected" ] || fail "sweep values: $rows"
echo "1 passed, 0 failed"

#!/usr/bin/env bash
# Packaging test: install mlsysim to a temporary prefix, build the SDK's
# template plugin out of tree with find_package(mlsysim), and have the
# installed `mlsysim` check it (plugins check), load it through
# MLSYSIM_PLUGIN_PATH and solve with it.
set -euo pipefail
build_dir=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cache_value() { grep "^$1:" "$build_dir/CMakeCache.txt" | cut -d= -f2-; }
# The build's own compiler: a plugin's fingerprint includes it.
compiler=$(cache_value CMAKE_CXX_COMPILER)

cmake --install "$build_dir" --prefix "$work/prefix" > "$work/install.log"
cmake -S "$source_dir/sdk/template" -B "$work/template-build" -G Ninja -DCMAKE_CXX_COMPILER="$compiler" \
      -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$work/prefix" > "$work/configure.log"
cmake --build "$work/template-build" > "$work/build.log"

mlsysim="$work/prefix/bin/mlsysim"
# The installed binary finds the installed plugins and zoo on its own ...
"$mlsysim" solve roofline --model ResNet50 --hardware A100 -o json > "$work/roofline.json"
grep -q '"bottleneck": "Memory"' "$work/roofline.json"
# ... every kind of zoo entry, scenarios and racks included ...
"$mlsysim" eval ChatbotServing -o json | grep -q '"f_status": "PASS"'
test "$("$mlsysim" zoo racks -o csv | wc -l)" -eq 3  # a header and two racks
# The conformance check passes on the template ...
"$mlsysim" plugins check "$work/template-build" | tee "$work/check.log"
grep -q '1 implementation(s) checked, 0 broken promise(s)' "$work/check.log"
# ... and the out-of-tree plugin loads through MLSYSIM_PLUGIN_PATH.
export MLSYSIM_PLUGIN_PATH="$work/template-build"
"$mlsysim" plugins list > "$work/list.log"  # not piped to grep -q: its early exit would be a SIGPIPE
grep -q 'kv_cache' "$work/list.log"
out=$("$mlsysim" solve kv_cache --model Llama3_8B --set seq_len=8192 -o json)
echo "$out"
# 2 x 32 layers x 8 kv heads x 128 head_dim x 8192 tokens x 2 bytes = 1073741824 B
echo "$out" | grep -q '"value": 1073741824'
# What a user of the tool expects beside it: completion, a man page, pkg-config, examples, the template.
prefix="$work/prefix"
test -s "$prefix/share/bash-completion/completions/mlsysim"
test -s "$prefix/share/zsh/site-functions/_mlsysim"
grep -q '^.TH MLSYSIM 1' "$prefix/share/man/man1/mlsysim.1"
test -s "$prefix/share/mlsysim/examples/requests.jsonl"
test -s "$prefix/share/mlsysim/template/CMakeLists.txt"
# Every document an installed header cites is installed (paths relative to the documentation).
cited=$(grep -rhoE '[A-Za-z_./-]+\.md' "$prefix/include/mlsysim" | sort -u)
test -n "$cited"
for doc in $cited; do
  test -s "$prefix/share/doc/mlsysim/$doc" || { echo "an installed header cites $doc, which is not installed"; exit 1; }
done
# A program built with pkg-config alone finds, loads and runs the installed plugins.
cat > "$work/use.cpp" <<'CPP'
#include <iostream>
#include "mlsysim/registry/registry.hpp"
#include "mlsysim/registry/search_path.hpp"
int main(int, char** argv) {
  mlsysim::Registry registry;
  registry.load_directories({argv[1]});
  std::cout << (registry.find_solver("roofline") ? "roofline found" : "roofline missing") << "\n";
}
CPP
# Built with the build's own compiler and flags, so a sanitizer build links its runtime too
# (clang's shared one, as cmake/mlsysimSanitizers.cmake links every program of that build).
sanitizer_link=""
case "$compiler $(cache_value CMAKE_CXX_FLAGS)" in
  *clang*-fsanitize=*address*) sanitizer_link="-shared-libasan -Wl,-rpath,$("$compiler" -print-runtime-dir)" ;;
esac
# shellcheck disable=SC2046,SC2086
PKG_CONFIG_PATH="$prefix/lib/pkgconfig" "$compiler" $(cache_value CMAKE_CXX_FLAGS) "$work/use.cpp" -o "$work/use" \
  $(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags --libs mlsysim) $(cache_value CMAKE_EXE_LINKER_FLAGS) \
  $sanitizer_link
"$work/use" "$prefix/lib/mlsysim/plugins" | grep -q 'roofline found'
# The Python package, installed beside the rest, finds the installed plugins.
# Under the sanitizer preset Debian's python3 needs the runtime preloaded (MLSYSIM_TEST_PRELOAD).
if [ -d "$prefix/lib/python3/dist-packages/mlsysim" ]; then
  LD_PRELOAD="${MLSYSIM_TEST_PRELOAD:-}" PYTHONPATH="$prefix/lib/python3/dist-packages" /usr/bin/python3 -c \
    'import mlsysim; assert mlsysim.solve("roofline", model="GPT2", hardware="A100").bottleneck == "Memory"'
fi
# The build tree is a package too: the template builds against it uninstalled.
cmake -S "$source_dir/sdk/template" -B "$work/template-build-tree" -G Ninja -DCMAKE_CXX_COMPILER="$compiler" \
      -DCMAKE_BUILD_TYPE=Release -Dmlsysim_DIR="$build_dir" > "$work/configure-tree.log"
cmake --build "$work/template-build-tree" > "$work/build-tree.log"
test -f "$work/template-build-tree/libmlsysim_kv_cache.so"
echo "sdk install test: ok"

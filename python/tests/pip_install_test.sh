#!/usr/bin/env bash
# `pip install .` as an MLSys·im user runs it: Debian's python3, a virtual
# environment made with --system-site-packages (numpy, pandas and
# matplotlib come from Debian), no package index. The backend reuses the
# build tree the tests run from (--config-settings build-dir), packs the
# wheel, and pip installs it; then the package, the `mlsysim` command, the
# plugins and the zoo must all work from inside the environment alone, and
# `pip uninstall` must remove every file the wheel brought.
#   pip_install_test.sh BUILD_DIR SOURCE_DIR   (MLSYSIM_TEST_PRELOAD: the sanitizer runtime, if any)
set -euo pipefail
build_dir=$(cd "$1" && pwd)
source_dir=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unset PYTHONPATH MLSYSIM_PLUGIN_PATH MLSYSIM_ZOO_PATH
fail() { echo "FAIL: $*"; exit 1; }

/usr/bin/python3 -m venv --system-site-packages "$work/venv"
venv="$work/venv"
"$venv/bin/pip" install --no-index --no-cache-dir --disable-pip-version-check \
  --config-settings build-dir="$build_dir" "$source_dir" > "$work/pip.log" 2>&1 ||
  { tail -40 "$work/pip.log"; fail "pip install ."; }
grep -q 'Successfully installed mlsysim' "$work/pip.log" || fail "pip did not say it installed mlsysim"

cd "$work"  # nothing of the source or build tree on the path
py() { LD_PRELOAD="${MLSYSIM_TEST_PRELOAD:-}" "$venv/bin/python" -c "$1"; }
where=$(py 'import mlsysim; print(mlsysim.__file__)')
case "$where" in "$venv"/lib/python3*/site-packages/mlsysim/__init__.py) ;; *) fail "imported from $where";; esac
# The package API and 0.1.0's names, on the plugins and zoo installed in the environment.
py '
import mlsysim
r = mlsysim.solve("roofline", model="ResNet50", hardware="A100", batch_size=1)
assert r.bottleneck == "Memory", r.bottleneck
old = mlsysim.Engine.solve(model=mlsysim.Models.ResNet50, hardware=mlsysim.Hardware.Cloud.A100, batch_size=1)
assert abs(old.latency.to("s").magnitude - r.latency.to("s")) <= 1e-12 * r.latency.to("s")
assert "Quebec" in [g["id"] for g in mlsysim.grids()]
print("package ok:", r.latency.to("ms"))
'
# The command, on the environment's PATH, with the same plugins and every zoo kind.
"$venv/bin/mlsysim" solve roofline --model ResNet50 --hardware A100 -o json > roofline.json
grep -q '"bottleneck": "Memory"' roofline.json || fail "mlsysim solve from the venv"
"$venv/bin/mlsysim" eval ChatbotServing -o json | grep -q '"f_status": "PASS"' || fail "mlsysim eval from the venv"
# Uninstall removes what the wheel installed: libraries, plugins, zoo, the command.
"$venv/bin/pip" uninstall -y mlsysim > "$work/uninstall.log" 2>&1 || fail "pip uninstall"
left=$(find "$venv" -type f \( -name 'libmlsysim*' -o -path '*/mlsysim/*' -o -name mlsysim \) | head -5)
[ -z "$left" ] || fail "left after uninstall: $left"
echo "pip install test: ok"

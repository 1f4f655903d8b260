#!/usr/bin/env bash
# Installs the Debian packages mlsysim needs (only those missing), then
# configures and builds the release preset into ./build.
#   bash scripts/setup.sh          everything: CLI, plugins, Python package, tests, benchmarks
#   bash scripts/setup.sh --app    only what `mlsysim` needs to run (the quick start)
set -euo pipefail
cd "$(dirname "$0")/.."

app_only=0
[ "${1:-}" = "--app" ] && app_only=1

packages=(g++ cmake ninja-build libboost-dev nlohmann-json3-dev libcli11-dev libfmt-dev
          libgtest-dev libbenchmark-dev libyaml-cpp-dev)
if ((!app_only)); then
  packages+=(libopenmpi-dev openmpi-bin pybind11-dev python3-dev python3-pandas python3-matplotlib
             python3-pytest python3-venv python3-pip python3-build librsvg2-bin fonts-dejavu-core doxygen pkg-config
             chromium)
fi
# npm vendors the web page's libraries; any npm on PATH will do, else Debian's.
if ((!app_only)) && ! command -v npm > /dev/null; then packages+=(npm); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" > /dev/null
fi

# The web page's chart library (and, for the browser test, playwright-core),
# pinned by web/package-lock.json, from the npm registry; the page never
# fetches anything at run time.
if command -v npm > /dev/null; then
  echo "setup: vendoring the web page's libraries (npm ci in web/)"
  if ((app_only)); then npm ci --prefix web --omit=dev --no-audit --no-fund > /dev/null
  else npm ci --prefix web --no-audit --no-fund > /dev/null; fi
else
  echo "setup: npm not found: \`mlsysim web\` will say its chart library is missing" >&2
fi

echo "setup: configuring (cmake --preset release)"
cmake --preset release > /dev/null
if ((app_only)); then
  echo "setup: building mlsysim and its plugins"
  cmake --build --preset release --target mlsysim_app
else
  echo "setup: building everything (CLI, plugins, Python package, tests, benchmarks)"
  cmake --build --preset release
fi

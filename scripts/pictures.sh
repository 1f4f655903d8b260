#!/usr/bin/env bash
# Regenerates the README's pictures (docs/pictures/) with the built CLI:
# SVG from `mlsysim plot`, PNG through rsvg-convert.
set -euo pipefail
cd "$(dirname "$0")/.."
m=./build/bin/mlsysim
$m plot roofline --hardware A100,H100 --model ResNet50,Llama3_8B --batch-size 1,64 --file docs/pictures/roofline.svg
$m plot sweep roofline --over batch_size=1..1024:*2 --over model=ResNet50,GPT2,Llama3_70B --set hardware=H100 \
  --y throughput --file docs/pictures/sweep.svg
for f in roofline sweep; do rsvg-convert -o docs/pictures/$f.png docs/pictures/$f.svg; done
# The web page, as its browser test sees it (headless Chromium).
MLSYSIM_WEB_SCREENSHOT=docs/pictures/web.png PYTHONPATH=build/lib/python3/dist-packages MLSYSIM_CLI=$m \
  MLSYSIM_SOURCE_DIR=$PWD /usr/bin/python3 -m pytest -q -p no:cacheprovider python/tests/test_web.py -k chromium
echo "pictures: docs/pictures/{roofline,sweep}.{svg,png}, docs/pictures/web.png"

#!/usr/bin/env bash
# Installs everything (scripts/setup.sh) and runs the main job on a bundled sample:
# extracts a generated 决算 report and prints what it found.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export OMP_THREAD_LIMIT=1
sample="samples/fixtures/0001-shanxi-juesuan-digital-101.pdf"
mkdir -p out
.venv/bin/extractor extract "$sample" -o out/demo.json --summary
echo "demo: full result in out/demo.json"

#!/bin/sh
# SPDX-License-Identifier: MIT
# The first README command: installs the dependencies, builds zhnews, and
# runs the main job on the sample pages in samples/ (prints their records).
set -eu
cd "$(dirname "$0")/.." || exit 1
sh scripts/deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build
echo "== zhnews extract samples/*.txt samples/*.html"
./build/zhnews extract --pretty samples/*.txt samples/*.html

#!/bin/sh
# SPDX-License-Identifier: MIT
# The first README command: installs the dependencies, builds zhnews, and
# runs the main job on the sample pages in samples/: prints their records,
# indexes them into build/news.db and runs a few searches.
set -eu
cd "$(dirname "$0")/.." || exit 1
sh scripts/deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build
echo "== zhnews extract samples/*.txt samples/*.html"
./build/zhnews extract --pretty samples/*.txt samples/*.html
echo "== zhnews index build/news.db samples/"
rm -f build/news.db build/news.db-wal build/news.db-shm
./build/zhnews index build/news.db samples/
for q in '"小麦"' '國務院' '雄安 书房' '"中华人民共和国"'; do
  echo "== zhnews search build/news.db '$q'"
  ./build/zhnews search build/news.db "$q" || true
done
echo "== zhnews stats build/news.db"
./build/zhnews stats build/news.db

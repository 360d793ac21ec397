#!/bin/sh
# SPDX-License-Identifier: MIT
# Checks that a change meant only for speed changed no output: runs two
# builds' `zhnews extract` and `zhnews analyze` on the HTML pages of
# ../shared/data/pages (one process each, as the benches do) and
# `zhnews extract` on every test input (one process a file, with its
# diagnostics and exit status), and compares them byte for byte.
#
#   tools/same-output.sh REF_BUILD_DIR NEW_BUILD_DIR [PAGES_DIR]
#
# A reference build of another commit:
#   mkdir -p /tmp/ref && git archive COMMIT | tar -x -C /tmp/ref &&
#   cmake -S /tmp/ref -B /tmp/ref/build -G Ninja -DZN_BUILD_TESTS=OFF &&
#   cmake --build /tmp/ref/build
# Prints what differs; exit status 0 when nothing does, 1 otherwise.
set -u
cd "$(dirname "$0")/.." || exit 2
[ $# -ge 2 ] || { sed -n '2,15p' "$0"; exit 2; }
ref=$1
new=$2
pages=${3:-../shared/data/pages}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
status=0

run_pages() { # BUILD TAG
  find "$pages" -name '*.html' | LC_ALL=C sort >"$tmp/pages"
  xargs "$1/zhnews" extract <"$tmp/pages" >"$tmp/$2.extract" 2>&1
  xargs "$1/zhnews" analyze <"$tmp/pages" >"$tmp/$2.analyze" 2>&1
}

run_tests() { # BUILD TAG
  find tests/golden tests/eval tests/bad tests/dedup tests/fuzz/corpus \
    tests/fuzz/regressions tests/analyze samples -type f \
    ! -name '*.expected' ! -name '*.sh' ! -name '*.py' ! -name '*.c' |
    LC_ALL=C sort | while read -r f; do
    echo "== $f"
    "$1/zhnews" extract "$f" 2>&1
    echo "exit $?"
  done >"$tmp/$2.tests"
}

if [ -d "$pages" ]; then
  run_pages "$ref" ref
  run_pages "$new" new
  n=$(wc -l <"$tmp/pages")
  for k in extract analyze; do
    if cmp -s "$tmp/ref.$k" "$tmp/new.$k"; then
      echo "$k on $n pages: same"
    else
      echo "$k on $n pages: DIFFERENT"
      diff "$tmp/ref.$k" "$tmp/new.$k" | head -20
      status=1
    fi
  done
else
  echo "no $pages: pages not compared"
fi
run_tests "$ref" ref
run_tests "$new" new
if cmp -s "$tmp/ref.tests" "$tmp/new.tests"; then
  echo "extract on $(grep -c '^== ' "$tmp/new.tests") test inputs: same"
else
  echo "extract on the test inputs: DIFFERENT"
  diff "$tmp/ref.tests" "$tmp/new.tests" | head -20
  status=1
fi
exit $status

#!/bin/sh
# SPDX-License-Identifier: MIT
# Golden tests: runs `zhnews extract` on every tests/golden/<module>/*.txt
# and *.html and compares the record with the hand-made truth in the matching
# .expected file (jq -S format, so key order does not matter).
#
#   run.sh ZHNEWS DIR            check every case
#   run.sh ZHNEWS DIR --update   rewrite the .expected files from the tool
#                                (then read the git diff before committing)
set -u
zhnews=$1
dir=$2
update=${3:-}
pass=0
fail=0
command -v jq >/dev/null 2>&1 || { echo "golden: jq is required" >&2; exit 2; }
for input in "$dir"/*.txt "$dir"/*.html; do
  [ -e "$input" ] || continue
  case_name=$(basename "$input")
  case_name=${case_name%.*}
  expected="$dir/$case_name.expected"
  actual=$("$zhnews" extract -q "$input" | jq -S .)
  if [ "$update" = "--update" ]; then
    printf '%s\n' "$actual" >"$expected"
    continue
  fi
  if [ ! -f "$expected" ]; then
    echo "not ok - $case_name: no .expected file"
    fail=$((fail + 1))
  elif printf '%s\n' "$actual" | diff -u "$expected" - >/tmp/golden-diff.$$ 2>&1; then
    echo "ok - $case_name"
    pass=$((pass + 1))
  else
    echo "not ok - $case_name"
    sed 's/^/    /' /tmp/golden-diff.$$
    fail=$((fail + 1))
  fi
done
rm -f /tmp/golden-diff.$$
[ "$update" = "--update" ] && { echo "golden: updated $dir"; exit 0; }
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

#!/bin/sh
# SPDX-License-Identifier: MIT
# The second README command: runs every test.  Builds three ways and runs
# the whole suite (unit, golden, CLI) on each:
#   build        gcc, warnings are errors
#   build-clang  clang, warnings are errors
#   build-asan   gcc with AddressSanitizer + UndefinedBehaviorSanitizer
#                (LeakSanitizer included)
# Ends with one line "N passed, N failed" over all runs.
set -u
cd "$(dirname "$0")/.." || exit 1
sh scripts/deps.sh || exit 1
total_pass=0
total_fail=0
status=0

suite() {
  dir=$1
  shift
  echo "== $dir: configure and build"
  if ! cmake -S . -B "$dir" -G Ninja -DZN_WERROR=ON -DZN_BUILD_TESTS=ON "$@" >/dev/null ||
     ! cmake --build "$dir"; then
    echo "== $dir: BUILD FAILED"
    total_fail=$((total_fail + 1))
    status=1
    return
  fi
  echo "== $dir: ctest"
  (cd "$dir" && ctest --output-on-failure) >"$dir/ctest.log" 2>&1
  rc=$?
  cat "$dir/ctest.log"
  line=$(grep -E "tests passed, [0-9]+ tests failed out of [0-9]+" "$dir/ctest.log")
  failed=$(echo "$line" | sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\1/')
  all=$(echo "$line" | sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\2/')
  if [ -z "$line" ]; then
    failed=1
    all=1
  fi
  total_pass=$((total_pass + all - failed))
  total_fail=$((total_fail + failed))
  [ "$rc" -eq 0 ] || status=1
}

suite build -DCMAKE_C_COMPILER=gcc -DCMAKE_BUILD_TYPE=RelWithDebInfo
suite build-clang -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo
suite build-asan -DCMAKE_C_COMPILER=gcc -DCMAKE_BUILD_TYPE=Debug -DZN_SANITIZE=ON
fuzz_secs=${ZN_FUZZ_SECONDS:-30}
if [ "$fuzz_secs" -gt 0 ]; then
  echo "== fuzz: ${fuzz_secs}s per target"
  sh scripts/fuzz.sh "$fuzz_secs" >build-fuzz.log 2>&1
  rc=$?
  cat build-fuzz.log
  line=$(tail -n 1 build-fuzz.log)
  fp=$(echo "$line" | sed -nE 's/^([0-9]+) passed, ([0-9]+) failed$/\1/p')
  ff=$(echo "$line" | sed -nE 's/^([0-9]+) passed, ([0-9]+) failed$/\2/p')
  total_pass=$((total_pass + ${fp:-0}))
  total_fail=$((total_fail + ${ff:-1}))
  [ "$rc" -eq 0 ] || status=1
  rm -f build-fuzz.log
fi
echo "$total_pass passed, $total_fail failed"
exit $status

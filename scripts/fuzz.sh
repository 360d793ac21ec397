#!/bin/sh
# SPDX-License-Identifier: MIT
# Builds the libFuzzer targets (clang, ASan+UBSan+LeakSanitizer) in
# build-fuzz/ and runs each for SECONDS (default 60) on its seed corpus:
# tests/fuzz/corpus/<target>/ plus the golden pages, and, for the lexicon
# and model loaders, a small compiled lexicon and a small trained model made
# here.  Inputs that once crashed are
# kept in tests/fuzz/regressions/<target>/ and replayed first.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     targets: charset text extract
#                                             html seg lexicon json dates analyze model
#                                             query store
#                                             (default: all)
# Ends with "N passed, N failed"; a crash leaves its input in
# build-fuzz/artifacts/.
set -u
cd "$(dirname "$0")/.." || exit 1
secs=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-charset text extract html seg lexicon json dates analyze model query store}
B=build-fuzz
cmake -S . -B "$B" -G Ninja -DCMAKE_C_COMPILER=clang -DZN_FUZZ=ON \
  -DZN_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null || exit 1
cmake --build "$B" >/dev/null || { echo "fuzz: build failed"; exit 1; }
export ZHNEWS_LEXICON="$PWD/$B/zhnews.lex"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:allocator_may_return_null=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
mkdir -p "$B/artifacts"
pass=0
fail=0
for t in $targets; do
  corpus="$B/corpus/$t"
  mkdir -p "$corpus"
  cp tests/fuzz/corpus/"$t"/* "$corpus"/ 2>/dev/null
  case $t in
  extract | text | charset | seg | html | dates | analyze)
    cp tests/golden/extract/*.txt "$corpus"/
    [ "$t" = html ] && cp tests/golden/extract-html/*.html "$corpus"/ ;;
  lexicon)
    printf '天津 1000 ns\n天津市 500 ns\n市委 800 n\n𠮷野家 5 nz\n' >"$B/tiny.dict"
    "$B/zhnews" dict build -o "$corpus/tiny.lex" "$B/tiny.dict" \
      data/jieba/hmm_model.utf8 || exit 1 ;;
  model)
    printf '%s\n' \
      '19980101-01-001-001/m  [中共中央/nt  总书记/n]nt  、/w  国家/n  主席/n  发表/v  讲话/n  。/w' \
      '19980101-01-002-001/m  他/r  说/v  的/u  确实/ad  在理/a  。/w' >"$B/tiny-pd.txt"
    "$B/zhnews" train -q -d 0 --min-count 1 -e 3 -o "$corpus/tiny.model" \
      "$B/tiny-pd.txt" || exit 1 ;;
  esac
  maxlen=65536
  [ "$t" = lexicon ] && maxlen=400000
  [ "$t" = model ] && maxlen=400000
  regress=""
  if [ -d "tests/fuzz/regressions/$t" ]; then
    regress=$(find "tests/fuzz/regressions/$t" -type f | sort)
  fi
  ok=1
  if [ -n "$regress" ]; then
    # shellcheck disable=SC2086
    "$B/fuzz-$t" $regress >"$B/fuzz-$t-regress.log" 2>&1 || ok=0
  fi
  if [ $ok -eq 1 ]; then
    "$B/fuzz-$t" -max_total_time="$secs" -max_len="$maxlen" -timeout=20 \
      -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$B/artifacts/$t-" "$corpus" >"$B/fuzz-$t.log" 2>&1 ||
      ok=0
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$B/fuzz-$t.log" 2>/dev/null | grep -o '[0-9]*$')
  if [ $ok -eq 1 ]; then
    echo "ok - fuzz-$t: ${secs}s, ${runs:-?} runs, no finding"
    pass=$((pass + 1))
  else
    echo "not ok - fuzz-$t: see $B/fuzz-$t.log and $B/artifacts/"
    tail -n 30 "$B/fuzz-$t.log" "$B/fuzz-$t-regress.log" 2>/dev/null | sed 's/^/    /'
    fail=$((fail + 1))
  fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

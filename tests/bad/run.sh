#!/bin/sh
# SPDX-License-Identifier: MIT
# The bad-input corpus through every verb that reads inputs (extract, seg,
# dict verify): each input gives its output or exactly one error line
# naming it, nothing crashes, and the run's summary counts every input.
# Inputs made here: a 50 MB single line, a directory, an unreadable file
# (/proc/self/mem reads fail with EIO), a missing file.
#
#   run.sh ZHNEWS TESTS_BAD_DIR
set -u
ZHNEWS=$1
DIR=$2
export LC_ALL=C
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { echo "ok - $1"; pass=$((pass + 1)); }
bad() {
  echo "not ok - $1"
  [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/    /'
  fail=$((fail + 1))
}
check() { # NAME CONDITION-COMMAND...
  name=$1
  shift
  if "$@"; then ok "$name"; else bad "$name" "$(head -c 800 "$T/err")"; fi
}

head -c 52428800 /dev/zero | tr '\0' 'x' >"$T/huge-line.txt"
# 80,000 headline-like lines and 80,000 date lines: once quadratic.
awk 'BEGIN { for (i = 0; i < 80000; i++) printf "这是第%06d条新闻标题行\n", i }' \
  >"$T/many-heads.txt"
awk 'BEGIN { for (i = 0; i < 80000; i++) print "2019年1月1日" }' >"$T/many-dates.txt"
mkdir "$T/a-directory"
corpus=$(find "$DIR" -maxdepth 1 -type f ! -name '*.md' ! -name '*.sh' | sort)
# shellcheck disable=SC2086
set -- $corpus "$T/many-heads.txt" "$T/many-dates.txt" "$T/huge-line.txt" \
  "$T/a-directory" /proc/self/mem "$T/missing.txt"
n_inputs=$#

# Every error line names one input; count the inputs named.
named() { # FILE-OF-STDERR INPUT...
  f=$1
  shift
  for i in "$@"; do
    grep -qF "zhnews: $i: " "$f" || { echo "no error line names $i" >&2; return 1; }
  done
}
err_lines() {
  grep '^zhnews: ' "$T/err" | grep -v -e '^zhnews: warning: ' \
    -e '^zhnews: [a-z]*: [0-9]* inputs' | wc -l | tr -d ' '
}

# --- extract -------------------------------------------------------------
"$ZHNEWS" extract "$@" >"$T/out" 2>"$T/err"
rc=$?
check "extract: no crash (exit $rc)" [ "$rc" -lt 128 ]
check "extract: exit 4 (an input could not be read)" [ "$rc" -eq 4 ]
records=$(wc -l <"$T/out" | tr -d ' ')
failed=$(err_lines)
check "extract: summary counts every input" \
  grep -q "^zhnews: extract: $n_inputs inputs, $records records, $failed failed$" "$T/err"
check "extract: records + errors = inputs ($records + $failed = $n_inputs)" \
  [ $((records + failed)) -eq "$n_inputs" ]
check "extract: 9 records" [ "$records" -eq 9 ]
is_json8() { jq -e -s 'length == 9' "$T/out" >/dev/null; }
check "extract: every record is JSON" is_json8
check "extract: the failures are named" named "$T/err" "$DIR/empty.txt" \
  "$DIR/nul.bin" "$DIR/deep-nesting.html" "$T/many-dates.txt" "$T/huge-line.txt" \
  "$T/a-directory" /proc/self/mem "$T/missing.txt"
check "extract: 50 MB line refused by size" \
  grep -q "huge-line.txt: 52428800 bytes, over the" "$T/err"
check "extract: empty directory said" grep -q "a-directory: a directory with no files in it$" "$T/err"
check "extract: unreadable said" grep -q "/proc/self/mem: Input/output error$" "$T/err"
"$ZHNEWS" extract --format text "$DIR/deep-nesting.html" >"$T/out" 2>"$T/err"
rc=$?
check "extract --format text: 10,000-deep nesting as text, exit $rc" \
  sh -c "[ $rc -eq 0 ] || [ $rc -eq 3 ]"
check "extract --format text: a record or one error line" \
  [ "$(wc -l <"$T/out")" -eq 1 -o "$(wc -l <"$T/err")" -eq 1 ]
python3 -c "print('<html><body>' + '<div>' * 300 + '<p>嵌套很深的正文段落，写得比较长一些，以便被认出是正文。第二句也在这里。</p>' + '</div>' * 300 + '</body></html>')" >"$T/deep300.html" 2>/dev/null ||
  awk 'BEGIN { printf "<html><body>"; for (i = 0; i < 300; i++) printf "<div>"; printf "<p>嵌套很深的正文段落，写得比较长一些，以便被认出是正文。第二句也在这里。</p>"; for (i = 0; i < 300; i++) printf "</div>"; print "</body></html>" }' >"$T/deep300.html"
"$ZHNEWS" extract "$T/deep300.html" >"$T/out" 2>"$T/err"
check "extract: markup 300 deep, default limit 256: one error line" \
  [ "$(grep -c "deep300.html" "$T/err")" -eq 1 ]
"$ZHNEWS" extract --max-depth 1000 "$T/deep300.html" >"$T/out" 2>"$T/err"
is_deep_record() { jq -e '.paragraphs | length == 1' "$T/out" >/dev/null; }
check "extract --max-depth 1000: the deep paragraph is read" is_deep_record
"$ZHNEWS" extract --max-size 64M "$T/huge-line.txt" >"$T/out" 2>"$T/err"
rc=$?
check "extract --max-size 64M: a 50 MB line, no crash (exit $rc)" [ "$rc" -lt 128 ]

# A 50 MB HTML page (500 paragraphs of 100 KB) over the default limit, then
# read with a larger one; 5 MB of short paragraphs (35,000 lines).
awk 'BEGIN { printf "<html><head><title>很大的页面_示例网</title></head><body><h1>很大的页面</h1><div class=\"content\">";
  s = "这是一个很长的段落，用来测试很大的页面。"; p = s;
  while (length(p) < 3400) p = p p;
  for (i = 0; i < 500; i++) { printf "<p>"; for (k = 0; k < 28; k++) printf "%s", p; print "</p>" }
  print "</div></body></html>" }' >"$T/big50.html"
"$ZHNEWS" extract "$T/big50.html" >"$T/out" 2>"$T/err"
rc=$?
check "extract: a 50 MB HTML page refused by size (exit $rc)" \
  sh -c "[ $rc -eq 3 ] && grep -q 'big50.html: [0-9]* bytes, over the' '$T/err'"
"$ZHNEWS" extract --max-size 64M "$T/big50.html" >"$T/out" 2>"$T/err"
rc=$?
is_big_record() { jq -e '.title == "很大的页面" and (.paragraphs | length) == 500' "$T/out" >/dev/null; }
check "extract --max-size 64M: a 50 MB HTML page read whole (exit $rc)" is_big_record
awk 'BEGIN { printf "<html><body><h1>很多段落</h1><div>";
  for (i = 0; i < 35000; i++) print "<p>这是第" i "个段落，用来测试很多段落的页面，第二句话在这里。</p>";
  print "</div></body></html>" }' >"$T/many-paras.html"
"$ZHNEWS" extract "$T/many-paras.html" >"$T/out" 2>"$T/err"
rc=$?
is_many_record() { jq -e '(.paragraphs | length) == 35000' "$T/out" >/dev/null; }
check "extract: 35,000 paragraphs, all kept (exit $rc)" is_many_record

# --- seg -----------------------------------------------------------------
"$ZHNEWS" seg "$@" >"$T/out" 2>"$T/err"
rc=$?
check "seg: no crash (exit $rc)" [ "$rc" -lt 128 ]
check "seg: exit 4" [ "$rc" -eq 4 ]
check "seg: summary counts every input" \
  grep -q "^zhnews: seg: $n_inputs inputs, 3 failed$" "$T/err"
check "seg: the failures are named" named "$T/err" "$T/a-directory" \
  /proc/self/mem "$T/missing.txt"
check "seg: three error lines" [ "$(err_lines)" -eq 3 ]
for f in $corpus; do
  "$ZHNEWS" seg "$f" >"$T/out" 2>"$T/err"
  rc=$?
  # seg reads UTF-8; other bytes are kept as one-byte tokens, and ASCII
  # white space separates them.
  bytes_in=$(tr -d ' \n\r\t\f\v' <"$f" | wc -c)
  check "seg $(basename "$f"): exit 0, every byte kept" \
    [ "$rc" -eq 0 -a "$(tr -d ' \n\r\t\f\v' <"$T/out" | wc -c)" -eq "$bytes_in" ]
done
"$ZHNEWS" seg --mode search --json "$T/huge-line.txt" >"$T/out" 2>"$T/err"
check "seg --json: a 50 MB line streams" [ $? -eq 0 ]

# --- dict verify: none of these is a lexicon ------------------------------
for f in "$@"; do
  "$ZHNEWS" dict verify "$f" >"$T/out" 2>"$T/err"
  rc=$?
  one_error() {
    { [ "$1" -eq 3 ] || [ "$1" -eq 4 ]; } && [ "$(wc -l <"$T/err")" -eq 1 ] &&
      grep -qF "$2" "$T/err"
  }
  check "dict verify $(basename "$f"): one error line, exit 3 or 4" \
    one_error "$rc" "$f"
done

# --- dict build: each input as a lexicon source ----------------------------
# Text lines are words to it, so some of these build; the rest must fail
# with one line naming the file (and the line, for a bad line).
for f in "$@"; do
  "$ZHNEWS" dict build -o "$T/x.lex" "$f" >"$T/out" 2>"$T/err"
  rc=$?
  built_or_named() {
    if [ "$1" -eq 0 ]; then
      "$ZHNEWS" dict verify "$T/x.lex" >/dev/null 2>&1
    else
      [ "$(wc -l <"$T/err")" -eq 1 ] && grep -qF "$2" "$T/err"
    fi
  }
  check "dict build $(basename "$f"): a verified lexicon or one error line (exit $rc)" \
    built_or_named "$rc" "$f"
  rm -f "$T/x.lex"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

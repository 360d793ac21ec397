#!/bin/sh
# SPDX-License-Identifier: MIT
# End-to-end test of `zhnews dedup` on the reprint pairs in this directory
# (clusters.expected says which files tell the same story): reprints share
# a cluster, different stories on the same topic do not, cluster ids count
# up in first-seen order, the output is the same on every run and from
# Article JSON Lines as from pages; plus the JSON Lines details (a
# Document's stored minhash is used), --tsv, --threshold and errors.
#
#   run.sh ZHNEWS TESTS_DEDUP_DIR
set -u
ZHNEWS=$1
HERE=$2
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
check() { # check NAME CMD...: the command succeeds.
  name=$1
  shift
  if "$@" >"$T/check.log" 2>&1; then ok "$name"; else
    bad "$name" "$(head -c 800 "$T/check.log")"; fi
}

cd "$HERE" || exit 1
files=$(grep -v '^#' clusters.expected | cut -f1)
# shellcheck disable=SC2086
"$ZHNEWS" dedup $files >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 0 ]; then ok "dedup over the pages (exit 0)"; else
  bad "dedup over the pages: exit $rc" "$(cat "$T/err")"; fi
grep -v '^#' clusters.expected >"$T/truth"
# compare TRUTH OUT: every file has its record, same story <=> same cluster.
compare() {
  jq -r '[.input, .cluster] | @tsv' "$2" >"$T/got" || return 1
  awk -F'\t' '
    NR == FNR { story[$1] = $2; n++; next }
    { sub(/^.*\//, "", $1); sub(/:[0-9]+$/, "", $1); cl[$1] = $2; m++ }
    END {
      bad = 0
      if (m != n) { printf "%d records for %d files\n", m, n; bad = 1 }
      for (a in story) {
        if (!(a in cl)) { print "no record for " a; bad = 1; continue }
        for (b in story) {
          if (a >= b || !(b in cl)) continue
          if (story[a] == story[b] && cl[a] != cl[b]) {
            print "reprints apart: " a " " b; bad = 1 }
          if (story[a] != story[b] && cl[a] == cl[b]) {
            print "different stories merged: " a " " b; bad = 1 }
        }
      }
      exit bad
    }' "$1" "$T/got"
}
check "reprints share a cluster, different stories do not" compare "$T/truth" "$T/out"
# shellcheck disable=SC2086
printf '%s\n' $files >"$T/names"
check "one record per input, in input order" \
  sh -c "jq -r .input '$T/out' | cmp - '$T/names'"
check "cluster ids count up in first-seen order" \
  sh -c "jq -s -e '[.[].cluster] as \$c | reduce \$c[] as \$x ({m: -1, ok: true}; if \$x > .m then {m: \$x, ok: (.ok and \$x == .m + 1)} else . end) | .ok' '$T/out'"
check "first of a cluster: similar_to null; others: an earlier input" \
  jq -s -e '. as $r | [range(length)] | all(. as $i | $r[$i] |
    if .similar_to == null then ([$r[:$i][].cluster] | index($r[$i].cluster)) == null
    else (.similarity >= 0.5 and ([$r[:$i][] | select(.input == $r[$i].similar_to and .cluster == $r[$i].cluster)] | length) == 1) end)' "$T/out"
# shellcheck disable=SC2086
"$ZHNEWS" dedup -q $files >"$T/out2" 2>/dev/null
check "the same output on every run" cmp "$T/out" "$T/out2"

# Article JSON Lines give the same clusters (records named FILE:LINE).
# shellcheck disable=SC2086
"$ZHNEWS" extract -q $files >"$T/articles.jsonl"
"$ZHNEWS" dedup "$T/articles.jsonl" >"$T/jout" 2>"$T/err"
check "JSON Lines: records named FILE:LINE" \
  sh -c "jq -r .input '$T/jout' | head -n 1 | grep -qx '$T/articles.jsonl:1'"
jq -r .cluster "$T/out" >"$T/c1"
jq -r .cluster "$T/jout" >"$T/c2"
check "JSON Lines: the same clusters as the pages" cmp "$T/c1" "$T/c2"
check "JSON Lines from stdin" \
  sh -c "'$ZHNEWS' dedup < '$T/articles.jsonl' | jq -r .cluster | cmp - '$T/c1'"

printf '\357\273\277' | cat - "$T/articles.jsonl" >"$T/bom.jsonl"
check "JSON Lines after a BOM" \
  sh -c "'$ZHNEWS' dedup '$T/bom.jsonl' | jq -r .cluster | cmp - '$T/c1'"

# A Document's stored signature is used as it is: a record whose text is
# unrelated but whose minhash is the first record's joins its cluster.
mh=$(jq -c '[range(64)]' -n)
{
  echo '{"title":"甲","paragraphs":["今天天气很好，我们去公园散步，看到很多人在跳舞。"]}'
  jq -c --argjson mh "$mh" -n '{title:"乙",paragraphs:["完全不同的一篇文章，讲的是股市行情和上市公司的业绩。"],analysis:{fingerprint:{simhash:"0",minhash:$mh}}}'
  jq -c --argjson mh "$mh" -n '{title:"丙",paragraphs:["第三篇又是别的内容，说的是一场足球比赛的结果和进球。"],analysis:{fingerprint:{simhash:"0",minhash:$mh}}}'
} >"$T/docs.jsonl"
"$ZHNEWS" dedup "$T/docs.jsonl" >"$T/dout" 2>"$T/err"
check "Document: stored minhash used" \
  sh -c "jq -r .cluster '$T/dout' | tr '\n' ' ' | grep -qx '0 1 1 '"
# Errors: every input accounted for, the others still clustered.
{
  echo '{"title":"甲","paragraphs":["今天天气很好，我们去公园散步，看到很多人在跳舞。"]}'
  echo '{"title":"乙","paragraphs":"not a list"}'
  echo '{"title":"丙", oops'
  echo ''
  jq -c -n '{title:"丁",paragraphs:["x"],analysis:{fingerprint:{minhash:[1,2,3]}}}'
  echo '{"title":null,"paragraphs":[]}'
  echo '{"title":"甲","paragraphs":["今天天气很好，我们去公园散步，看到很多人在跳舞。"]}'
} >"$T/mixed.jsonl"
"$ZHNEWS" dedup "$T/mixed.jsonl" "$T/nope.txt" >"$T/mout" 2>"$T/err"
rc=$?
check "errors: exit 4 (the worst: a missing file)" test $rc -eq 4
check "errors: bad key named" grep -q 'mixed.jsonl:2: "paragraphs": expected an array' "$T/err"
check "errors: bad JSON named" grep -q 'mixed.jsonl:3: JSON: ' "$T/err"
check "errors: bad minhash named" grep -q 'mixed.jsonl:5: analysis.fingerprint.minhash: expected 64 integers' "$T/err"
check "errors: missing file named" grep -q "nope.txt: No such file" "$T/err"
check "errors: empty record warned" grep -q 'mixed.jsonl:6: no text to fingerprint; kept apart' "$T/err"
check "errors: the good records clustered" \
  sh -c "jq -r '[.input, .cluster] | @tsv' '$T/mout' | sed 's|^.*/||' | tr '\n\t' ' :' | grep -qx 'mixed.jsonl:1:0 mixed.jsonl:6:1 mixed.jsonl:7:0 '"
check "errors: summary" grep -q '^zhnews: dedup: 2 inputs, 3 records, 2 clusters, 2 failed$' "$T/err"

# --tsv and --threshold.
# shellcheck disable=SC2086
"$ZHNEWS" dedup -q --tsv $files >"$T/tsv"
check "--tsv: four columns, '-' for none" \
  sh -c "awk -F'\t' 'NF != 4 { exit 1 } NR == 1 && (\$3 != \"-\" || \$4 != \"-\") { exit 1 }' '$T/tsv'"
check "--tsv: the same clusters" sh -c "cut -f2 '$T/tsv' | cmp - '$T/c1'"
# shellcheck disable=SC2086
"$ZHNEWS" dedup -q --threshold 1 $files >"$T/t1"
check "--threshold 1: only identical bodies merge" \
  jq -s -e 'all(.[]; .similarity == null or .similarity == 1)' "$T/t1"
for t in 0 1.5 abc -0.2 ''; do
  "$ZHNEWS" dedup --threshold "$t" wheat-0-orig.txt >/dev/null 2>"$T/err"
  rc=$?
  check "--threshold '$t' refused (exit 2)" test $rc -eq 2
done
check "--help" sh -c "'$ZHNEWS' dedup --help | grep -q '^usage: zhnews dedup'"
check "help dedup" sh -c "'$ZHNEWS' help dedup | grep -q -- '--threshold'"
check "listed in zhnews --help" sh -c "'$ZHNEWS' --help | grep -q '^  dedup '"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

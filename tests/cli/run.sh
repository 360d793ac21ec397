#!/bin/sh
# SPDX-License-Identifier: MIT
# End-to-end tests of the zhnews command: exit codes, stdout, stderr
# messages (run under LC_ALL=C so messages are stable), every bad-input kind
# the foundation promises to survive, and the specimen page's record when
# ../shared/seed is present.
#
#   run.sh ZHNEWS TESTS_CLI_DIR
set -u
ZHNEWS=$1
HERE=$2
ROOT=$(cd "$HERE/../.." && pwd)
GOLDEN="$ROOT/tests/golden/extract"
SEED="$ROOT/../shared/seed/000_a1aa3f8d02a72061.txt"
export LC_ALL=C
T=$(mktemp -d)
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
pass=0
fail=0

ok() { echo "ok - $1"; pass=$((pass + 1)); }
bad() {
  echo "not ok - $1"
  [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/    /'
  fail=$((fail + 1))
}

# run NAME EXPECTED_EXIT CMD...: runs CMD, keeps stdout/stderr in $T.
run() {
  name=$1
  want=$2
  shift 2
  "$@" >"$T/out" 2>"$T/err"
  got=$?
  if [ "$got" -eq "$want" ]; then
    ok "$name (exit $got)"
  else
    bad "$name: exit $got, wanted $want" "$(head -c 600 "$T/err")"
  fi
}
# expect_err NAME REGEX: stderr matches the extended regex.
expect_err() {
  if grep -Eq -- "$2" "$T/err"; then ok "$1"; else
    bad "$1: stderr lacks /$2/" "$(head -c 600 "$T/err")"; fi
}
# expect_out NAME REGEX: stdout matches.
expect_out() {
  if grep -Eq -- "$2" "$T/out"; then ok "$1"; else
    bad "$1: stdout lacks /$2/" "$(head -c 600 "$T/out")"; fi
}
# expect_lines NAME N: stdout has N lines.
expect_lines() {
  n=$(wc -l <"$T/out")
  if [ "$n" -eq "$2" ]; then ok "$1"; else bad "$1: $n lines, wanted $2"; fi
}
# expect_jq NAME FILTER: the filter is true on every stdout line.
expect_jq() {
  if [ -s "$T/out" ] && jq -e -s "all(.[]; $2)" "$T/out" >/dev/null 2>&1; then
    ok "$1"
  else
    bad "$1: jq '$2' is not true" "$(head -c 400 "$T/out")"
  fi
}

page="$GOLDEN/01_xinhua.txt"
gbk="$GOLDEN/09_hebei.txt"

# --- usage and help -------------------------------------------------------
run "no verb" 2 "$ZHNEWS"
expect_err "no verb: reason and hint" "^zhnews: no verb given"
expect_err "no verb: hint" "try 'zhnews --help'"
run "--help" 0 "$ZHNEWS" --help
expect_out "--help lists extract" "extract"
run "help extract" 0 "$ZHNEWS" help extract
expect_out "help extract: usage" "^usage: zhnews extract"
run "--version" 0 "$ZHNEWS" --version
expect_out "--version" "^zhnews [0-9]+\.[0-9]+\.[0-9]+"
run "unknown verb" 2 "$ZHNEWS" frobnicate
expect_err "unknown verb named" "unknown verb 'frobnicate'"
run "extract --help" 0 "$ZHNEWS" extract --help
expect_out "extract --help: options" "--pretty"
run "extract -h" 0 "$ZHNEWS" extract -h
run "unknown option" 2 "$ZHNEWS" extract --bogus "$page"
expect_err "unknown option named" "unknown option '--bogus'"
expect_err "unknown option hint" "try 'zhnews extract --help'"
run "--format needs a value" 2 "$ZHNEWS" extract --format
run "--format bad value" 2 "$ZHNEWS" extract --format pdf "$page"
run "--max-size bad value" 2 "$ZHNEWS" extract --max-size lots "$page"

# --- one page -------------------------------------------------------------
run "extract a page" 0 "$ZHNEWS" extract "$page"
expect_lines "one record a line" 1
expect_jq "record has every key" \
  '(keys | sort) == (["url","site","title","subtitles","published","source","authors","editor","dateline","captions","paragraphs","page_id","encoding","warnings"] | sort)'
expect_jq "record title" '.title == "我国夏粮收获进度过半 小麦机收率超过97%"'
cp "$T/out" "$T/one"
run "extract from stdin" 0 sh -c "cat '$page' | '$ZHNEWS' extract"
if cmp -s "$T/out" "$T/one"; then ok "stdin gives the same record"; else
  bad "stdin gives the same record"; fi
run "extract -" 0 sh -c "'$ZHNEWS' extract - < '$page'"
if cmp -s "$T/out" "$T/one"; then ok "- gives the same record"; else
  bad "- gives the same record"; fi
run "--pretty" 0 "$ZHNEWS" extract --pretty "$page"
if [ "$(wc -l <"$T/out")" -gt 10 ] && jq -e . "$T/out" >/dev/null; then
  ok "--pretty is indented JSON"; else bad "--pretty is indented JSON"; fi
run "-- ends options" 0 "$ZHNEWS" extract -- "$page"
run "GB18030 page" 0 "$ZHNEWS" extract "$gbk"
expect_jq "GB18030 page: encoding" '.encoding == "GB18030"'
expect_jq "GB18030 page: title decoded" '.title == "雄安新区首批城市书房开放"'
iconv -f utf-8 -t utf-16 "$page" >"$T/utf16.txt"
run "UTF-16 page with BOM" 0 "$ZHNEWS" extract "$T/utf16.txt"
expect_jq "UTF-16 page: encoding" '.encoding | startswith("UTF-16")'
expect_jq "UTF-16 page: title" '.title == "我国夏粮收获进度过半 小麦机收率超过97%"'
iconv -f utf-8 -t big5 >"$T/big5.txt" <<'TXT'
聯合新聞網 > 正文

臺北市推動公共運輸優惠方案 通勤族每月省下千元

2023-06-04 10:20 來源：聯合報

　　臺北市政府四日宣布，自七月起推出公共運輸定期票優惠方案，通勤民眾每月只需支付一千二百元，即可不限次數搭乘捷運與公車，預計每月可為通勤族省下約一千元交通費用。

　　市府交通局表示，這項方案是為了鼓勵民眾多搭乘大眾運輸工具，減少私人車輛使用，進一步改善市區交通壅塞與空氣品質問題。
TXT
run "Big5 page" 0 "$ZHNEWS" extract "$T/big5.txt"
expect_jq "Big5 page: encoding" '.encoding == "Big5"'
expect_jq "Big5 page: source" '.source == "聯合報"'
expect_jq "Big5 page: published" '.published == "2023-06-04T10:20:00+08:00"'

# --- bad input: each gives one error line naming it, or a record ------------
: >"$T/empty.txt"
run "empty file" 3 "$ZHNEWS" extract "$T/empty.txt"
expect_err "empty: named" "^zhnews: $T/empty.txt: empty input$"
expect_lines "empty: no record" 0
printf '  \n\t\n' >"$T/blank.txt"
run "blank file" 3 "$ZHNEWS" extract "$T/blank.txt"
expect_err "blank: named" "blank.txt: empty input"
head -c 4096 /dev/urandom >"$T/random.bin"
printf '\0\0\0\1\2\3' >>"$T/random.bin"
run "binary file" 3 "$ZHNEWS" extract "$T/random.bin"
expect_err "binary: named" "random.bin: binary data"
expect_lines "binary: no record" 0
printf 'ELF\0\0\0\0\0\1\2\3\4abc\0\0' >"$T/nul.txt"
run "NUL bytes" 3 "$ZHNEWS" extract "$T/nul.txt"
expect_err "NUL bytes: named" "nul.txt: binary data"
{ head -n 8 "$page"; printf '\200\201 \377\376 bad bytes \300\257\n'; tail -n +9 "$page"; } >"$T/badutf8.txt"
run "invalid UTF-8 inside UTF-8 text" 0 "$ZHNEWS" extract "$T/badutf8.txt"
expect_jq "invalid UTF-8: warned in the record" \
  '.warnings | any(test("invalid byte sequences replaced"))'
expect_jq "invalid UTF-8: still the right title" \
  '.title == "我国夏粮收获进度过半 小麦机收率超过97%"'
expect_err "invalid UTF-8: warning names the input" "warning: .*badutf8.txt: "
head -c 1000 "$page" >"$T/truncated.txt"
printf '\344\270' >>"$T/truncated.txt"
run "truncated multi-byte character at the end" 0 "$ZHNEWS" extract "$T/truncated.txt"
expect_jq "truncated: output is valid JSON with a title" '.title != null'
mkdir -p "$T/dir/b" "$T/dir/a" "$T/emptydir"
cp "$page" "$T/dir/b/2.txt"
cp "$page" "$T/dir/a/1.txt"
: >"$T/dir/a/3.txt"
cp "$page" "$T/dir/0.txt"
run "a directory: every file below, one failed" 3 "$ZHNEWS" extract "$T/dir"
expect_lines "directory: three records" 3
expect_err "directory: the empty file named" "^zhnews: $T/dir/a/3.txt: empty input$"
expect_err "directory: summary" "^zhnews: extract: 4 inputs, 3 records, 1 failed$"
"$ZHNEWS" extract -q "$T/dir" "$T/dir/0.txt" 2>"$T/err" | jq -r .title >"$T/out"
expect_lines "directory then file: four records in order" 4
run "an empty directory" 4 "$ZHNEWS" extract "$T/emptydir"
expect_err "empty directory: named" "^zhnews: $T/emptydir: a directory with no files in it$"
# --jsonl: records with html and url, in input order, each accounted for.
printf '<!DOCTYPE html><html><head><title>%s</title></head><body><h1>%s</h1><p>%s</p></body></html>\n' \
  '测试网页标题_示例网' '测试网页标题' '这是正文的第一段，写得比较长一些，以便被认出是正文。第二句也在这里。' >"$T/page.html.src"
jq -n -c --rawfile h "$T/page.html.src" '{url: "https://news.example.cn/2024/01/02/c_1130001.htm", html: $h}' >"$T/pages.jsonl"
printf '\n{"url": "x"}\nnot json\n' >>"$T/pages.jsonl"
jq -n -c --rawfile h "$T/page.html.src" '{html: ($h | sub("<title>"; "<link rel=\"canonical\" href=\"https://a.example.cn/p/99999.html\"><title>"))}' >>"$T/pages.jsonl"
run "--jsonl: two records, two bad lines" 3 "$ZHNEWS" extract --jsonl "$T/pages.jsonl"
expect_lines "--jsonl: two records" 2
expect_err "--jsonl: a line without html named" "^zhnews: $T/pages.jsonl:3: not a JSON object with an \"html\" string$"
expect_err "--jsonl: a line that is not JSON named" "^zhnews: $T/pages.jsonl:4: not a JSON object"
expect_err "--jsonl: summary" "^zhnews: extract: 4 inputs, 2 records, 2 failed$"
if jq -e -s '.[0].url == "https://news.example.cn/2024/01/02/c_1130001.htm" and .[0].page_id == "c_1130001" and .[1].url == "https://a.example.cn/p/99999.html" and .[1].page_id == "99999"' "$T/out" >/dev/null; then
  ok "--jsonl: the record's url fills url, the page's own wins; page_id from it"
else
  bad "--jsonl: url / page_id" "$(head -c 600 "$T/out")"
fi
run "--jsonl from stdin" 0 sh -c "head -1 '$T/pages.jsonl' | '$ZHNEWS' extract --jsonl"
expect_lines "--jsonl from stdin: one record" 1
run "a missing file" 4 "$ZHNEWS" extract "$T/nope.txt"
expect_err "missing: named" "^zhnews: $T/nope.txt: No such file or directory$"
if [ "$(id -u)" -ne 0 ]; then
  cp "$page" "$T/locked.txt"
  chmod 000 "$T/locked.txt"
  run "an unreadable file" 4 "$ZHNEWS" extract "$T/locked.txt"
  expect_err "unreadable: named" "locked.txt: Permission denied"
fi
printf '<!DOCTYPE html><html><head><meta charset="gbk"><title>%s</title></head><body><h1>%s</h1><p>%s</p></body></html>\n' \
  '测试网页标题_示例网' '测试网页标题' '这是正文的第一段，写得比较长一些，以便被认出是正文。第二句也在这里。' |
  iconv -f utf-8 -t gbk >"$T/page.html"
run "HTML input (GBK, by its meta charset)" 0 "$ZHNEWS" extract "$T/page.html"
expect_jq "HTML: encoding and title" '.encoding == "GB18030" and .title == "测试网页标题"'
expect_jq "HTML: the body" '.paragraphs == ["这是正文的第一段，写得比较长一些，以便被认出是正文。第二句也在这里。"]'
run "HTML input with --format text" 0 "$ZHNEWS" extract --format text "$T/page.html"
run "--max-size refuses a larger input" 3 "$ZHNEWS" extract --max-size 1K "$page"
expect_err "--max-size: named with the limit" "01_xinhua.txt: [0-9]+ bytes, over the 1024-byte input limit"
run "--max-size on stdin" 3 sh -c "'$ZHNEWS' extract --max-size 1K < '$page'"
expect_err "--max-size on stdin: named" "^zhnews: -: .*over the .*limit"
run "--max-size on a pipe" 3 sh -c "cat '$page' | '$ZHNEWS' extract --max-size 1K"
expect_err "--max-size on a pipe: named" "^zhnews: -: over the input size limit"
# A 100 MB page that is one line: refused by the default limit, quickly.
head -c 104857600 /dev/zero | tr '\0' 'x' >"$T/huge.txt"
run "a 100 MB single line" 3 "$ZHNEWS" extract "$T/huge.txt"
expect_err "100 MB: named" "huge.txt: 104857600 bytes, over the 33554432-byte input limit"
rm -f "$T/huge.txt"
# Under the limit, a 10 MB line of prose still gives a record.
awk 'BEGIN { s = "这是一个没有换行的很长的段落，"; for (i = 0; i < 230000; i++) printf "%s", s; print "结束。" }' >"$T/long.txt"
run "a 10 MB single line" 0 "$ZHNEWS" extract "$T/long.txt"
expect_jq "10 MB line: one paragraph, warned of no headline" \
  '(.paragraphs | length) == 1 and (.warnings | any(test("no headline")))'

# --- many inputs: every input gives a record or an error, in order ----------
run "batch with failures" 4 "$ZHNEWS" extract "$page" "$T/nope.txt" "$T/empty.txt" "$gbk"
expect_lines "batch: two records" 2
if [ "$(jq -r .encoding "$T/out" | tr '\n' ' ')" = "UTF-8 GB18030 " ]; then
  ok "batch: records in input order"; else bad "batch: records in input order"; fi
expect_err "batch: missing named" "nope.txt: No such file"
expect_err "batch: empty named" "empty.txt: empty input"
expect_err "batch: summary" "^zhnews: extract: 4 inputs, 2 records, 2 failed$"
run "batch, quiet" 4 "$ZHNEWS" extract -q "$page" "$T/nope.txt"
if grep -q "inputs," "$T/err"; then bad "--quiet drops the summary"; else
  ok "--quiet drops the summary"; fi
expect_err "--quiet keeps errors" "nope.txt"
run "batch of good pages" 0 "$ZHNEWS" extract "$GOLDEN"/*.txt
expect_lines "batch of good pages: one line each" "$(ls "$GOLDEN"/*.txt | wc -l)"
if [ -w /dev/full ]; then
  run "output write failure" 4 sh -c "'$ZHNEWS' extract '$page' > /dev/full"
  expect_err "output failure reported" "writing output failed"
fi

# --- seg and dict -------------------------------------------------------------
run "seg --help" 0 "$ZHNEWS" seg --help
expect_out "seg --help: options" "--user-dict"
printf '我爱北京天安门\n' >"$T/s1.txt"
run "seg a sentence" 0 "$ZHNEWS" seg "$T/s1.txt"
expect_out "seg: words" "^我 爱 北京 天安门$"
run "seg --pos" 0 "$ZHNEWS" seg --pos "$T/s1.txt"
expect_out "seg --pos: tags" "^我/r 爱/v 北京/ns 天安门/ns$"
run "seg --json" 0 "$ZHNEWS" seg --json "$T/s1.txt"
expect_jq "seg --json: offsets" \
  '.[2] == {"w":"北京","off":6,"len":6,"char":2,"nchar":2,"tag":"ns"}'
printf '中华人民共和国\n' >"$T/s2.txt"
run "seg --mode search" 0 "$ZHNEWS" seg --mode search "$T/s2.txt"
expect_out "search: sub-words after the word" "^中华人民共和国 中华 .*人民 .*共和国$"
printf '第一行\n\n第三行\r\n最后没有换行' >"$T/lines.txt"
run "seg: one output line per input line" 0 "$ZHNEWS" seg "$T/lines.txt"
expect_lines "seg: four lines" 4
if [ "$(sed -n 2p "$T/out")" = "" ]; then ok "seg: empty line stays empty"; else
  bad "seg: empty line stays empty"; fi
printf '推动京津冀协同发展\n' >"$T/s3.txt"
printf '# user words\n京津冀协同发展 10 n\n' >"$T/user.dict"
run "seg --user-dict" 0 "$ZHNEWS" seg --user-dict "$T/user.dict" "$T/s3.txt"
expect_out "user word wins" "^推动 京津冀协同发展$"
run "seg --user-dict missing" 4 "$ZHNEWS" seg --user-dict "$T/nope.dict" "$T/s3.txt"
expect_err "user dict missing: named" "nope.dict: No such file"
printf 'ok 1\n\377\376 2\n' >"$T/bad.dict"
run "seg --user-dict bad line" 3 "$ZHNEWS" seg --user-dict "$T/bad.dict" "$T/s3.txt"
expect_err "user dict bad line: file and line" "bad.dict:2: "
run "seg --lexicon missing" 4 "$ZHNEWS" seg --lexicon "$T/nope.lex" "$T/s1.txt"
expect_err "lexicon missing: named" "nope.lex: No such file"
run "seg --lexicon not a lexicon" 3 "$ZHNEWS" seg --lexicon "$T/s1.txt" "$T/s1.txt"
expect_err "not a lexicon: said" "s1.txt: not a zhnews lexicon"
run "seg --mode bad" 2 "$ZHNEWS" seg --mode slow "$T/s1.txt"
run "seg missing input" 4 "$ZHNEWS" seg "$T/nope.txt"
expect_err "seg missing input: named" "nope.txt: No such file"
printf '\377中国\000人民\n\344\270\n' >"$T/badseg.txt"
run "seg invalid UTF-8 and NUL" 0 "$ZHNEWS" seg "$T/badseg.txt"
expect_lines "seg bad input: a line per line" 2
if [ "$(tr -d ' \n' <"$T/out" | wc -c)" -eq "$(tr -d '\n' <"$T/badseg.txt" | wc -c)" ]; then
  ok "seg bad input: every byte kept"; else bad "seg bad input: every byte kept"; fi
awk 'BEGIN { for (i = 0; i < 400000; i++) printf "中国人民"; print "" }' >"$T/long.txt"
run "seg a 4.8 MB line" 0 "$ZHNEWS" seg "$T/long.txt"
expect_lines "seg long line: one line" 1
if [ "$(tr -d ' \n' <"$T/out" | wc -c)" -eq "$(tr -d '\n' <"$T/long.txt" | wc -c)" ]; then
  ok "seg long line: every byte kept"; else bad "seg long line: every byte kept"; fi
run "seg SEG_TIMING" 0 env SEG_TIMING=1 "$ZHNEWS" seg "$T/s1.txt"
expect_err "SEG_TIMING line" "^load_s=[0-9.]+ seg_s=[0-9.]+ bytes=22$"
printf '天津 1000 ns\n市委 800 n\n' >"$T/tiny.dict"
run "dict build" 0 "$ZHNEWS" dict build -o "$T/tiny.lex" "$T/tiny.dict"
run "dict verify" 0 "$ZHNEWS" dict verify "$T/tiny.lex"
expect_out "dict verify: size" "^ok: 2 words$"
run "dict lookup found" 0 "$ZHNEWS" dict lookup --lexicon "$T/tiny.lex" 天津
expect_out "dict lookup: tag" "^天津	-[0-9.]+	ns$"
run "dict lookup not found" 1 "$ZHNEWS" dict lookup --lexicon "$T/tiny.lex" 北京
run "dict verify the default lexicon" 0 "$ZHNEWS" dict verify
printf '天津 ten ns\n' >"$T/baddict.dict"
run "dict build bad source" 3 "$ZHNEWS" dict build -o "$T/x.lex" "$T/baddict.dict"
expect_err "dict build: file and line" "baddict.dict:1: bad frequency"
run "dict with no sub-command" 2 "$ZHNEWS" dict

# --- a portal article whose element opens with a promotion and links ---------
cat >"$T/portal.html" <<'PAGE'
<html><head><meta charset="utf-8"><title>某公司发布新款手机 售价五千元_新浪科技_新浪网</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/tech">科技</a></div>
<h1 class="main-title">某公司发布新款手机 售价五千元</h1>
<div class="date-source"><span class="date">2019年09月11日 01:53</span> 新浪科技</div>
<div class="BSHARE_POP blkContainerSblkCon" id="artibody">
<div class="tech-quotation"><p>新酷产品第一时间免费试玩，还有众多达人分享生活经验，快来新浪众测体验各领域最好玩的产品吧！</p></div>
<div class="player"><span>自动播放</span> <span>向前 向后</span></div>
<p><strong>相关新闻：</strong></p>
<p><strong><a href="/a">直播某公司发布会</a></strong></p>
<p><strong><a href="/b">某公司秋季发布会：谈色彩</a></strong></p>
<p>新浪科技讯 北京时间9月11日凌晨消息，某公司秋季发布会开幕，新款手机是第一个出场的硬件产品，采用双摄像头，有六种配色。</p>
<p>新浪科技查询该公司中国官网，新款手机各容量售价分别为：64GB售5499元，128GB售5999元，256GB售6799元。</p>
<p>新款手机是去年型号的继任者，采用6.1英寸显示屏，设计与去年几乎完全相同，增加了新的颜色选项。</p>
</div>
<div class="blk-related" id="tab_related"><h3>相关阅读</h3><a href="/c">另一条新闻的标题在这里</a></div>
</body></html>
PAGE
run "portal page: body below an in-article promotion and link list" 0 "$ZHNEWS" extract "$T/portal.html"
expect_jq "portal page: the body starts at the dateline" \
  '(.paragraphs | length) == 3 and (.paragraphs[0] | startswith("新浪科技讯")) and .dateline == "新浪科技讯"'

# --- analyze ---------------------------------------------------------------
run "analyze --help" 0 "$ZHNEWS" analyze --help
expect_out "analyze --help: options" "--keywords"
cat >"$T/an.txt" <<'PAGE'
国务院常务会议部署稳就业举措
2024-03-08 10:30 来源：新华网
新华社北京3月7日电 国务院总理李强3月6日主持召开国务院常务会议，研究部署稳就业工作。会议指出，要坚持“就业优先”，落实“稳就业”政策。
会议强调，北京市、河北省和雄安新区要加强协同，国家发展和改革委员会、人力资源和社会保障部要抓紧出台配套措施。昨天，人力资源和社会保障部部长王晓萍表示，将加快推进有关工作。
PAGE
run "analyze a page" 0 "$ZHNEWS" analyze "$T/an.txt"
expect_lines "analyze: one Document" 1
expect_jq "analyze: Article keys kept" '.title == "国务院常务会议部署稳就业举措" and (.paragraphs | length) == 2'
expect_jq "analyze: person with post" \
  '[.analysis.entities[] | select(.type == "person" and .name == "李强")][0].posts == ["国务院总理"]'
expect_jq "analyze: post before an unknown name" \
  '[.analysis.entities[] | select(.name == "王晓萍")][0].posts | index("人力资源和社会保障部部长") != null'
expect_jq "analyze: places" \
  '[.analysis.entities[] | select(.type == "place") | .name] as $p | ($p | index("雄安新区")) != null'
expect_jq "analyze: slogans" '[.analysis.slogans[].text] | index("就业优先") != null'
expect_jq "analyze: dates resolved" \
  '[.analysis.dates[] | select(.text == "3月6日")][0].date == "2024-03-06"'
expect_jq "analyze: each mention is in its paragraph" \
  '. as $d | all(.analysis.mentions[]; . as $m | (if $m.paragraph == null then $d.title else $d.paragraphs[$m.paragraph] end) | contains($m.text))'
expect_jq "analyze: keywords have no function words or numbers" \
  'all(.analysis.keywords[]; (.text | test("^(的|了|在|和|是|要|将|3月6日|[0-9]+)$") | not))'
expect_jq "analyze: summary from the body" '. as $d | (.analysis.summary | length) >= 1 and all(.analysis.summary[]; . as $s | any($d.paragraphs[]; contains($s)))' 
expect_jq "analyze: fingerprint" '(.analysis.fingerprint.minhash | length) == 64 and (.analysis.fingerprint.simhash | test("^[0-9a-f]{16}$"))'
run "analyze --keywords 3 --summary 1" 0 "$ZHNEWS" analyze -k 3 -s 1 "$T/an.txt"
expect_jq "analyze: --keywords 3" '(.analysis.keywords | length) <= 3 and (.analysis.summary | length) == 1'
"$ZHNEWS" extract "$T/an.txt" >"$T/an.jsonl" 2>/dev/null
printf '{"title": 5}\n\n' >>"$T/an.jsonl"
"$ZHNEWS" extract "$T/an.txt" >>"$T/an.jsonl" 2>/dev/null
run "analyze JSON Lines with a bad line" 3 "$ZHNEWS" analyze "$T/an.jsonl"
expect_lines "analyze JSON Lines: a record per good line" 2
expect_err "analyze JSON Lines: the bad line named" "an.jsonl:2: "
expect_err "analyze JSON Lines: summary adds up" "analyze: 1 inputs, 2 records, 1 failed"
run "analyze from stdin" 0 sh -c "\"$ZHNEWS\" analyze - <\"$T/an.txt\""
expect_lines "analyze stdin: one Document" 1
run "analyze a missing file" 4 "$ZHNEWS" analyze "$T/nope.txt"
expect_err "analyze: missing file named" "nope.txt"
run "analyze --keywords bad" 2 "$ZHNEWS" analyze --keywords x "$T/an.txt"
mkdir -p "$T/andir/sub" "$T/andir-empty"
cp "$T/an.txt" "$T/andir/b.txt"
cp "$T/an.txt" "$T/andir/sub/a.txt"
run "analyze a directory" 0 "$ZHNEWS" analyze "$T/andir"
expect_lines "analyze a directory: every file below it" 2
run "analyze an empty directory" 4 "$ZHNEWS" analyze "$T/andir-empty"
expect_err "analyze an empty directory: said" "a directory with no files in it"
run "analyze --mode accurate" 0 "$ZHNEWS" analyze --mode accurate "$T/an.txt"
expect_jq "analyze --mode accurate: mode recorded" '.analysis.seg_mode == "accurate"'
expect_jq "analyze --mode accurate: people found" \
  '[.analysis.entities[] | select(.type == "person") | .name] | index("李强") != null'
run "analyze --mode fast recorded" 0 "$ZHNEWS" analyze "$T/an.txt"
expect_jq "analyze: fast mode recorded" '.analysis.seg_mode == "fast"'
run "analyze --mode bad" 2 "$ZHNEWS" analyze --mode slow "$T/an.txt"
# Same input, same output: ties between equal weights must not depend on
# where the allocator put things.
"$ZHNEWS" analyze -q "$ROOT"/samples/* >"$T/an1" 2>/dev/null
"$ZHNEWS" analyze -q "$ROOT"/samples/* >"$T/an2" 2>/dev/null
if [ -s "$T/an1" ] && cmp -s "$T/an1" "$T/an2"; then ok "analyze: reproducible"; else
  bad "analyze: two runs differ"; fi

# --- dedup (the reprint pairs are tested in tests/dedup/run.sh) --------------
run "dedup --help" 0 "$ZHNEWS" dedup --help
expect_out "dedup --help: options" "--threshold"
cp "$page" "$T/copy.txt"
run "dedup a page and its copy" 0 "$ZHNEWS" dedup "$page" "$gbk" "$T/copy.txt"
expect_lines "dedup: a line per record" 3
expect_jq "dedup: record keys" '(keys | sort) == ["cluster","input","similar_to","similarity"]'
if [ "$(jq -r '[.cluster, .similarity] | @tsv' "$T/out" | tr '\n\t' ' :')" = "0: 1: 0:1 " ]; then
  ok "dedup: the copy joins the page's cluster"; else bad "dedup: the copy joins the page's cluster" "$(cat "$T/out")"; fi
run "dedup with a missing input" 4 "$ZHNEWS" dedup "$page" "$T/nope.txt"
expect_err "dedup: missing named" "^zhnews: $T/nope.txt: No such file or directory$"
expect_lines "dedup: the other input still has its record" 1
run "dedup --threshold bad" 2 "$ZHNEWS" dedup --threshold 2 "$page"
expect_err "dedup --threshold: reason" "--threshold needs a number"
# --- accurate mode and train ---------------------------------------------------
run "train --help" 0 "$ZHNEWS" train --help
expect_out "train --help: formats" "People's Daily"
run "train without a model path" 2 "$ZHNEWS" train "$T/s1.txt"
expect_err "train: usage error" "no --output model file"
printf '%s\n' \
  '19980101-01-001-001/m  [中共中央/nt  总书记/n]nt  、/w  国家/n  主席/n  江/nr  泽民/nr  发表/v  讲话/n  。/w' \
  '19980101-01-002-001/m  他/r  说/v  的/u  确实/ad  在理/a  。/w' \
  '19980101-01-003-001/m  我们/r  在/p  会上{shang4}/f  看到/v  了/u  希望/n  。/w' >"$T/pd.txt"
run "train a tiny corpus" 0 "$ZHNEWS" train -q -d 0 --min-count 1 -e 20 -o "$T/a.model" "$T/pd.txt"
run "train again, same seed" 0 "$ZHNEWS" train -q -d 0 --min-count 1 -e 20 -o "$T/b.model" "$T/pd.txt"
if cmp -s "$T/a.model" "$T/b.model"; then ok "train: same seed, same bytes"; else
  bad "train: same seed, same bytes"; fi
run "train: per-epoch lines" 0 "$ZHNEWS" train -d 50 -e 2 -o "$T/c.model" "$T/pd.txt"
expect_err "train: dev F1 and POS accuracy" "^zhnews: epoch 2: dev F1 [0-9.]+, dev POS accuracy [0-9.]+"
printf '他说的确实在理。\n' >"$T/s3.txt"
run "seg --mode accurate --model" 0 "$ZHNEWS" seg --mode accurate --model "$T/a.model" --pos "$T/s3.txt"
expect_out "accurate: trained words and PKU tags" "^他/r 说/v 的/u 确实/ad 在理/a 。/w$"
run "seg --mode accurate (default model)" 0 "$ZHNEWS" seg --mode accurate "$T/s1.txt"
expect_out "accurate: default model" "^我 爱 北京 天安门$"
run "seg --mode accurate --json" 0 "$ZHNEWS" seg --mode accurate --json "$T/s1.txt"
expect_jq "accurate --json: the mode is recorded" \
  '.[2] == {"w":"北京","off":6,"len":6,"char":2,"nchar":2,"tag":"ns","mode":"accurate"}'
printf '在理 nz\n' >"$T/u2.dict"
run "accurate: user words win" 0 "$ZHNEWS" seg --mode accurate --pos -u "$T/u2.dict" --model "$T/a.model" "$T/s3.txt"
expect_out "accurate: user word kept whole with its tag" " 在理/nz "
head -c 1000 "$T/a.model" >"$T/trunc.model"
run "accurate: damaged model" 3 "$ZHNEWS" seg --mode accurate --model "$T/trunc.model" "$T/s1.txt"
expect_err "accurate: damaged model named" "trunc.model: file size differs from the recorded size"
run "accurate: a lexicon is not a model" 3 "$ZHNEWS" seg --mode accurate --model "$T/tiny.lex" "$T/s1.txt"
expect_err "accurate: bad magic" "not a zhnews model"
run "seg --mode bogus" 2 "$ZHNEWS" seg --mode bogus "$T/s1.txt"
expect_err "seg --mode: the choices" "fast, search or accurate"
printf '19980101-01-001-001/m  迈向/v  充满\n' >"$T/badpd.txt"
run "train: bad corpus" 3 "$ZHNEWS" train -q -o "$T/d.model" "$T/badpd.txt"
expect_err "train: file and line" "badpd.txt:1: a token without /tag"
run "train --split-only" 0 "$ZHNEWS" train --split-only -d 50 --dev-out "$T/dev.txt" "$T/pd.txt"
if grep -q '[[{]' "$T/dev.txt"; then bad "split: plain word/tag"; else ok "split: plain word/tag"; fi

# --- store: index, search, show, stats ----------------------------------------
SAMPLES="$ROOT/samples"
DB="$T/news.db"
run "index --help" 0 "$ZHNEWS" index --help
expect_out "index --help: usage" "^usage: zhnews index"
run "index without a database" 2 "$ZHNEWS" index
run "index the samples" 0 "$ZHNEWS" index "$DB" "$SAMPLES"
expect_err "index summary" "index: 6 added, 0 updated, 0 unchanged, 0 failed"
run "index the samples again" 0 "$ZHNEWS" index "$DB" "$SAMPLES"
expect_err "re-index: no duplicates" "index: 0 added, 0 updated, 6 unchanged, 0 failed"
printf '%s\n' '{"url":"cli:1","title":"國務院總理李強主持會議","published":"2023-06-05","source":"测试社","paragraphs":["会议指出，要稳增长。"]}' \
  '{"url":"cli:2","title":5}' '' 'not json' \
  '{"url":"cli:3","title":"国务院总理李强主持召开国务院常务会议","published":"2023-06-06","paragraphs":["国务院总理李强6月5日主持召开国务院常务会议，研究部署稳经济措施。李强指出，要加大宏观政策调控力度。"]}' >"$T/docs.jsonl"
run "index JSON Lines with bad lines" 3 "$ZHNEWS" index "$DB" "$T/docs.jsonl"
expect_err "bad JSON line named" "docs.jsonl:2: \"title\": expected a string"
expect_err "invalid JSON line named" "docs.jsonl:4: JSON: "
expect_err "JSONL summary" "2 added, 0 updated, 0 unchanged, 2 failed"
run "index JSON Lines from stdin" 0 sh -c "head -1 '$T/docs.jsonl' | '$ZHNEWS' index '$DB' -"
expect_err "stdin: unchanged" "0 added, 0 updated, 1 unchanged"
run "index a page from stdin" 0 sh -c "'$ZHNEWS' index '$DB' - < '$SAMPLES/04_gmw.txt'"
expect_err "the same page from stdin: unchanged" "0 added, 0 updated, 1 unchanged"
run "index a missing file" 4 "$ZHNEWS" index "$DB" "$T/missing.txt"
expect_err "missing file named" "missing.txt: No such file"
run "index into a bad database" 4 "$ZHNEWS" index "$T/docs.jsonl" "$SAMPLES"
run "search --help" 0 "$ZHNEWS" search --help
run "search" 0 "$ZHNEWS" search "$DB" "小麦"
expect_out "search: the title" "^1\. 我国夏粮收获进度过半"
expect_out "search: the marked snippet" "\[小麦\]"
run "search traditional" 0 "$ZHNEWS" search --json "$DB" '"國務院總理李強主持會議"'
expect_jq "search --json: the hit, marked" '.url == "cli:1" and (.snippet | contains("[國務院總理李強主持會議]"))'
run "search simplified finds traditional" 0 "$ZHNEWS" search --json "$DB" '"国务院总理李强主持会议"'
expect_lines "one hit" 1
run "search --limit" 0 "$ZHNEWS" search --json --limit 2 "$DB" "的"
expect_lines "at most 2 hits" 2
run "search --since/--until" 0 "$ZHNEWS" search --json --since 2023-06-05 --until 2023-06-05 "$DB" "会议"
expect_jq "dates filtered" '.published == "2023-06-05"'
run "search --source" 0 "$ZHNEWS" search --json --source 测试社 "$DB" "会议"
expect_lines "source filtered" 1
run "search --person" 0 "$ZHNEWS" search --json --person 李强 "$DB" "会议"
expect_jq "the analyzed person's document" '.url == "cli:3"'
run "search --person nobody" 1 "$ZHNEWS" search --person 无此人 "$DB" "会议"
run "search finds nothing" 1 "$ZHNEWS" search "$DB" '"这段文字不在任何文档里"'
for q in '"unbalanced' 'OR' '-' '*' ':' 'title:x' 'NOT' 'NEAR(a b)' '^' '"' '(' 'a AND' '-小麦' '小麦 -' '"小麦" OR'; do
  "$ZHNEWS" search "$DB" "$q" >"$T/out" 2>"$T/err"
  got=$?
  if [ "$got" -le 1 ] && ! grep -q "fts5\|syntax" "$T/err"; then
    ok "query '$q' is no error (exit $got)"
  else
    bad "query '$q': exit $got" "$(cat "$T/err")"
  fi
done
run "search a bad date" 2 "$ZHNEWS" search --since yesterday "$DB" "会议"
expect_err "bad date explained" "YYYY"
run "search a missing database" 4 "$ZHNEWS" search "$T/nope.db" "x"
run "show" 0 "$ZHNEWS" show "$DB" 1
expect_jq "show: the Document" '.id == 1 and .title == "我国夏粮收获进度过半 小麦机收率超过97%" and (.paragraphs | length) > 0 and (.analysis.entities | type) == "array"'
run "show a missing id" 1 "$ZHNEWS" show "$DB" 999
run "show a bad id" 2 "$ZHNEWS" show "$DB" abc
run "stats" 0 "$ZHNEWS" stats "$DB"
expect_out "stats: documents" "^documents: 8 \\(8 analyzed"
expect_out "stats: top people" "^top people: .*李强"
expect_out "stats: months" "2023-06"
run "stats --json" 0 "$ZHNEWS" stats --json "$DB"
expect_jq "stats --json: counts" '.documents == 8 and (.months | length) >= 1'
# The loadable extension, from Python's sqlite3 and from the sqlite3 shell.
EXT="$(dirname "$ZHNEWS")/zhnews"
if [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import sqlite3; sqlite3.connect(":memory:").enable_load_extension(True)' 2>/dev/null; then
  run "python3 loads zhnews.so" 0 /usr/bin/python3 -c "
import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.enable_load_extension(True)
c.load_extension(sys.argv[2])
r = c.execute('SELECT rowid FROM fts WHERE fts MATCH ?', ('\"國務院總理李強主持會議\"',)).fetchall()
assert len(r) == 1, r
m = sqlite3.connect(':memory:'); m.enable_load_extension(True); m.load_extension(sys.argv[2])
m.execute(\"CREATE VIRTUAL TABLE t USING fts5(x, tokenize='zhnews')\")
m.execute(\"INSERT INTO t VALUES ('中华人民共和国国歌'), ('李强调研'), ('共和国的歌')\")
q = lambda s: [r[0] for r in m.execute('SELECT rowid FROM t WHERE t MATCH ?', (s,))]
assert q('\"国歌\"') == [1], q('\"国歌\"')
assert q('\"李强\"') == [2]
print(m.execute('SELECT zhnews_fold(?)', ('國務院ＡＢ',)).fetchone()[0])
" "$DB" "$EXT"
  expect_out "python3: zhnews_fold" "^国务院ab$"
else
  echo "# skipped: no python3 whose sqlite3 can load extensions"
fi
if command -v sqlite3 >/dev/null 2>&1; then
  run "sqlite3 shell loads zhnews.so" 0 sqlite3 "$DB" ".load $EXT" \
    "SELECT count(*) FROM fts WHERE fts MATCH '\"小麦\"';" "PRAGMA integrity_check;"
  expect_out "sqlite3: a match" "^1$"
  expect_out "sqlite3: integrity" "^ok$"
else
  echo "# skipped: no sqlite3 shell"
fi

# --- the specimen: the record the project promises -------------------------
if [ -f "$SEED" ]; then
  run "specimen" 0 "$ZHNEWS" extract "$SEED"
  expect_jq "specimen: site" '.site == "新华网天津"'
  expect_jq "specimen: title" '.title == "中共天津市委十二届三次全会召开"'
  expect_jq "specimen: four deck lines" \
    '(.subtitles | length) == 4 and .subtitles[0] == "奋发有为推动京津冀协同发展走深走实" and (.subtitles[3] | startswith("会议审议通过《中共天津市委关于")) and (.subtitles[3] | endswith("》和全会决议"))'
  expect_jq "specimen: published" '.published == "2023-06-04T16:01:52+08:00"'
  expect_jq "specimen: source" '.source == "天津日报"'
  expect_jq "specimen: caption" '.captions == ["中共天津市委十二届三次全会会场。"]'
  expect_jq "specimen: authors" '.authors == ["于春沣","刘国栋","马成","许凯"]'
  expect_jq "specimen: editor" '.editor == "金鑫"'
  expect_jq "specimen: 13 paragraphs" '(.paragraphs | length) == 13'
  expect_jq "specimen: first paragraph" '.paragraphs[0] | startswith("5月31日,中国共产党天津市第十二届委员会第三次全体会议召开。")'
  expect_jq "specimen: last paragraph without the reporters" '.paragraphs[-1] | endswith("部分基层同志等列席。")'
  expect_jq "specimen: no chrome in the body" \
    '[.paragraphs[] | select(test("字体|分享到|责任编辑|来源|^[0-9]{12,}$"))] | length == 0'
  expect_jq "specimen: page code" '.page_id == "010070090010000000000000011117531129661419"'
  # Issue 5's acceptance on the specimen.
  run "specimen: analyze" 0 "$ZHNEWS" analyze "$SEED"
  expect_jq "specimen: people and posts" \
    '[.analysis.entities[] | select(.type == "person")] as $p | ($p | map(select(.name == "陈敏尔"))[0].posts | index("市委书记")) != null and ($p | map(select(.name == "张工"))[0].posts) == ["市委副书记","市长"] and ($p | map(select(.name == "王常松"))[0].posts) == ["市政协主席"] and ($p | map(.name) | index("娄勤俭") != null and index("刘明波") != null) and ($p | map(select(.name == "习近平"))[0].posts | index("总书记")) != null'
  expect_jq "specimen: places" \
    '[.analysis.entities[] | select(.type == "place") | .name] as $p | all(["天津","北京","河北","雄安新区","滨海新区","承德市"][]; . as $w | $p | index($w) != null)'
  expect_jq "specimen: organizations" \
    '[.analysis.entities[] | select(.type == "organization") | .name] | index("中共天津市委") != null'
  expect_jq "specimen: dates" '[.analysis.dates[].date] | index("2023-05-31") != null'
  expect_jq "specimen: slogans" \
    '[.analysis.slogans[].text] as $s | ($s | index("两个确立")) != null and ($s | index("一盘棋")) != null'
  expect_jq "specimen: keywords" \
    '[.analysis.keywords[:10][].text] as $k | ($k | index("京津冀")) != null and ($k | index("协同发展")) != null and all($k[]; test("^(的|了|在|和|是|要|把|对|与|为)$") | not)'
else
  echo "# skipped: specimen not found at $SEED"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

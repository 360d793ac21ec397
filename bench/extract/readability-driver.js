// SPDX-License-Identifier: MIT
// The Readability.js baseline for bench/extract/run: reads the pages named
// on stdin (one path a line), decodes each as UTF-8 when it is valid UTF-8
// and as GB18030 otherwise (jsdom left to itself reads undeclared Chinese
// pages as windows-1252: the baseline gets the decoding zhnews does),
// parses it with jsdom and runs @mozilla/readability on it.  Writes
// one JSON line a page (title, byline, publishedTime, siteName, text) and,
// on stderr, "pages=N seconds=S" for the extraction loop alone (node and
// module start-up left out).
'use strict';
const fs = require('fs');
const path = require('path');
const here = __dirname;
const { JSDOM } = require(path.join(here, 'node_modules', 'jsdom'));
const { Readability } = require(path.join(here, 'node_modules', '@mozilla', 'readability'));

const utf8 = new TextDecoder('utf-8', { fatal: true });
const gb = new TextDecoder('gb18030');
function decode(buf) {
  try {
    return utf8.decode(buf);
  } catch (e) {
    return gb.decode(buf);
  }
}

const quiet = process.argv.includes('--no-output');
const files = fs.readFileSync(0, 'utf8').split('\n').filter((l) => l.length > 0);
const t0 = process.hrtime.bigint();
const out = [];
for (const f of files) {
  let rec = { file: f };
  try {
    const dom = new JSDOM(decode(fs.readFileSync(f)), { url: 'https://example.com/' });
    const art = new Readability(dom.window.document).parse();
    if (art) {
      rec.title = art.title;
      rec.byline = art.byline;
      rec.publishedTime = art.publishedTime;
      rec.siteName = art.siteName;
      rec.text = art.textContent;
    }
    dom.window.close();
  } catch (e) {
    rec.error = String(e);
  }
  if (!quiet) out.push(JSON.stringify(rec));
}
const t1 = process.hrtime.bigint();
if (!quiet) process.stdout.write(out.join('\n') + '\n');
process.stderr.write(`pages=${files.length} seconds=${Number(t1 - t0) / 1e9}\n`);

#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Scores `zhnews extract` on real news pages against hand-made truth.

  tests/eval/eval-extract.py [ZHNEWS] [--pages DIR]

The 41 pages (28 sites) live in ../shared/data/pages (third-party,
evaluation only, not in this repository); tests/eval/pages/ holds our
annotations of them, one NNN_site.truth.json each, and index.tsv maps each
to its page. Fields scored: title, published, source, authors (as a set),
editor, site (exact), and the first / last 20 characters of the body.
Not part of the test suite: a measurement, like the bench scripts.
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
FIELDS = ["title", "published", "source", "authors", "editor", "site",
          "first_para", "last_para"]


def main():
    args = sys.argv[1:]
    zhnews = os.path.join(ROOT, "build", "zhnews")
    pages = os.path.join(ROOT, "..", "shared", "data", "pages")
    if args and not args[0].startswith("--"):
        zhnews = args.pop(0)
    if len(args) == 2 and args[0] == "--pages":
        pages = args[1]
    right = {f: 0 for f in FIELDS}
    total = 0
    for line in open(os.path.join(HERE, "pages", "index.tsv"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        truth_file, page = line.rstrip("\n").split("\t")
        truth = json.load(open(os.path.join(HERE, "pages", truth_file), encoding="utf-8"))
        path = os.path.join(pages, page)
        if not os.path.exists(path):
            print(f"missing page {path}", file=sys.stderr)
            continue
        total += 1
        r = subprocess.run([zhnews, "extract", "-q", path], capture_output=True)
        try:
            rec = json.loads(r.stdout.decode("utf-8").splitlines()[0])
        except Exception:
            print(f"{truth_file}: no record: {r.stderr.decode('utf-8', 'replace').strip()}")
            continue
        paras = rec.get("paragraphs") or []
        got = {
            "title": rec.get("title"), "published": rec.get("published"),
            "source": rec.get("source"), "editor": rec.get("editor"),
            "site": rec.get("site"),
            "authors": sorted(rec.get("authors") or []),
            "first_para": paras[0] if paras else "",
            "last_para": paras[-1] if paras else "",
        }
        wrong = []
        for f in FIELDS:
            exp = truth.get(f)
            if f == "authors":
                ok = sorted(exp or []) == got[f]
            elif f == "first_para":
                ok = bool(exp) and got[f].startswith(exp)
            elif f == "last_para":
                ok = bool(exp) and got[f].endswith(exp)
            else:
                ok = exp == got[f]
            right[f] += ok
            if not ok:
                wrong.append(f"  {f}: expected {exp!r} got {str(got[f])[:60]!r}")
        if wrong:
            print(truth_file)
            print("\n".join(wrong))
    print(f"\n{total} pages")
    for f in FIELDS:
        print(f"{f:12} {right[f]:3}/{total}")
    print(f"{'ALL':12} {sum(right.values()):3}/{total * len(FIELDS)}")


main()

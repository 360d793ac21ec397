#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""score.py - measures `zhnews analyze` against the hand-annotated cases.

Each case of cases.jsonl (short news paragraphs written for this set in
many outlets' styles, with the people and their posts, places,
organizations and slogans a careful reader finds) is written as a small
text-dump page (title line, a date/source line, the paragraphs), run
through `zhnews analyze`, and compared with its truth:

  - people, places, organizations: precision / recall / F1 over the names
    of each document (exact string match, one set per document and type,
    summed over documents);
  - posts: for every true person the tool found, whether its post list is
    exactly the true one (as sets);
  - slogans: precision / recall / F1 as for the entities.

Names listed in a case's truth "optional" are judgement calls (a building,
an abbreviation such as 中美, a quoted nickname): they count neither as a
hit nor as a miss nor as a false positive, whatever type the tool gives.

  score.py [--zhnews PATH] [--cases FILE] [--quiet]   table + every error
  score.py --check ...    also exit 1 if a figure is under its threshold
  score.py --show ID      what the tool found for one case, beside its truth

The Article JSON reader would let us feed the cases directly; pages keep
this independent of it.  Dates and fingerprints are not scored here.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# Floors: the figures measured after the recognizer was tuned on this set's
# misses (2026-11-27: person F1 0.891, place 0.770, organization 0.722,
# slogan 0.944, post accuracy 0.830) minus about 0.03, so that --check fails
# on a real regression, not on one case changing.  (When the set was
# written they were person 0.619-0.670, place 0.740-0.752, organization
# 0.631-0.654, slogan 0.794, posts 0.724-0.763.)  Raise them as the
# recognizer improves.  The set has been tuned on now: held-out figures
# come from bench/analyze (People's Daily) and new cases.
THRESHOLDS = {
    "person F1": 0.87,
    "place F1": 0.74,
    "organization F1": 0.75,
    "post accuracy": 0.80,
    "slogan F1": 0.91,
}

TYPES = ("person", "place", "organization")
TRUTH_KEY = {"person": "people", "place": "places",
             "organization": "organizations"}


def page_text(case):
    """The case as a text-dump page that `zhnews extract` reads."""
    day = case.get("published", "2023-06-04")[:10]
    lines = [case["title"], "", day + " 10:00 来源：测试稿", ""]
    for p in case["paragraphs"]:
        lines.append(p)
        lines.append("")
    return "\n".join(lines)


def run_analyze(zhnews, cases, tmp):
    """One Document per case, or an error string in its place."""
    paths = []
    for i, case in enumerate(cases):
        path = os.path.join(tmp, "%03d.txt" % i)
        with open(path, "w", encoding="utf-8") as f:
            f.write(page_text(case))
        paths.append(path)
    docs = []
    for path in paths:
        r = subprocess.run([zhnews, "analyze", "-q", path],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        out = r.stdout.decode("utf-8", "replace").strip()
        if r.returncode != 0 or not out:
            docs.append("exit %d: %s" % (
                r.returncode, r.stderr.decode("utf-8", "replace").strip()))
            continue
        try:
            docs.append(json.loads(out.splitlines()[0]))
        except ValueError as e:
            docs.append("bad JSON: %s" % e)
    return docs


class Tally:
    def __init__(self):
        self.tp = self.fp = self.fn = 0

    def add(self, got, want):
        self.tp += len(got & want)
        self.fp += len(got - want)
        self.fn += len(want - got)

    def prf(self):
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def score(cases, docs, out):
    tallies = {t: Tally() for t in TYPES + ("slogan",)}
    posts_ok = posts_n = 0
    errors = []  # (case id, kind, text)
    for case, doc in zip(cases, docs):
        cid = case["id"]
        if isinstance(doc, str):
            errors.append((cid, "error", doc))
            for t in TYPES:
                tallies[t].fn += len(case["truth"][TRUTH_KEY[t]])
            tallies["slogan"].fn += len(case["truth"]["slogans"])
            continue
        if doc.get("title") != case["title"] or \
                doc.get("paragraphs") != case["paragraphs"]:
            errors.append((cid, "extract", "the page did not come back as "
                           "written: title %r, %d paragraphs" % (
                               doc.get("title"),
                               len(doc.get("paragraphs") or []))))
        truth = case["truth"]
        optional = set(truth.get("optional", []))
        an = doc.get("analysis") or {}
        got = {t: set() for t in TYPES}
        got_posts = {}
        for e in an.get("entities", []):
            if e["type"] in got and e["name"] not in optional:
                got[e["type"]].add(e["name"])
            if e["type"] == "person":
                got_posts[e["name"]] = e.get("posts") or []
        want = {"person": {p["name"] for p in truth["people"]} - optional,
                "place": set(truth["places"]) - optional,
                "organization": set(truth["organizations"]) - optional}
        # A name found with another type is reported as such.
        for t in TYPES:
            tallies[t].add(got[t], want[t])
            for n in sorted(want[t] - got[t]):
                other = [u for u in TYPES if u != t and n in got[u]]
                errors.append((cid, "miss " + t, n + (
                    "  (found as %s)" % other[0] if other else "")))
            for n in sorted(got[t] - want[t]):
                other = [u for u in TYPES if u != t and n in want[u]]
                errors.append((cid, "false " + t, n + (
                    "  (truth: %s)" % other[0] if other else "")))
        for p in truth["people"]:
            if p["name"] in optional or p["name"] not in got_posts:
                continue
            posts_n += 1
            if set(got_posts[p["name"]]) == set(p["posts"]):
                posts_ok += 1
            else:
                errors.append((cid, "posts", "%s: want %s, got %s" % (
                    p["name"], json.dumps(p["posts"], ensure_ascii=False),
                    json.dumps(got_posts[p["name"]], ensure_ascii=False))))
        got_s = {s["text"] for s in an.get("slogans", [])} - optional
        want_s = set(truth["slogans"]) - optional
        tallies["slogan"].add(got_s, want_s)
        for n in sorted(want_s - got_s):
            errors.append((cid, "miss slogan", n))
        for n in sorted(got_s - want_s):
            errors.append((cid, "false slogan", n))

    figures = {}
    out.write("%-13s %5s %5s %5s %6s %6s %6s\n" %
              ("type", "TP", "FP", "FN", "P", "R", "F1"))
    for t in TYPES + ("slogan",):
        ta = tallies[t]
        p, r, f = ta.prf()
        figures[t + " F1"] = f
        out.write("%-13s %5d %5d %5d %6.3f %6.3f %6.3f\n" %
                  (t, ta.tp, ta.fp, ta.fn, p, r, f))
    acc = posts_ok / posts_n if posts_n else 1.0
    figures["post accuracy"] = acc
    out.write("post accuracy: %d/%d = %.3f (people found whose posts are "
              "exactly right)\n" % (posts_ok, posts_n, acc))
    return figures, errors


def show(case, doc):
    """One case: its text, its truth and what the tool found."""
    out = sys.stdout
    out.write("title: %s\n" % case["title"])
    for i, p in enumerate(case["paragraphs"]):
        out.write("[%d] %s\n" % (i, p))
    out.write("truth: %s\n" % json.dumps(case["truth"], ensure_ascii=False))
    if isinstance(doc, str):
        out.write("tool: %s\n" % doc)
        return
    an = doc.get("analysis") or {}
    for e in an.get("entities", []):
        out.write("tool: %-12s %s%s\n" % (
            e["type"], e["name"], " " + json.dumps(e.get("posts"),
                                                   ensure_ascii=False)
            if e["type"] == "person" else ""))
    for s in an.get("slogans", []):
        out.write("tool: slogan       %s\n" % s["text"])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--zhnews", default=None,
                    help="the zhnews binary (default: build/zhnews)")
    ap.add_argument("--cases", default=os.path.join(HERE, "cases.jsonl"))
    ap.add_argument("--check", action="store_true",
                    help="exit 1 if a figure is under its threshold")
    ap.add_argument("--show", metavar="ID",
                    help="print the tool's entities and slogans for one case")
    ap.add_argument("--quiet", action="store_true",
                    help="the table only, not every error")
    args = ap.parse_args()
    zhnews = args.zhnews or os.path.join(HERE, "..", "..", "build", "zhnews")
    if not os.access(zhnews, os.X_OK):
        sys.stderr.write("score.py: %s: no zhnews binary\n" % zhnews)
        return 2
    with open(args.cases, encoding="utf-8") as f:
        cases = [json.loads(line) for line in f if line.strip()]
    if args.show:
        cases = [c for c in cases if c["id"] == args.show]
        if not cases:
            sys.stderr.write("score.py: no case %s\n" % args.show)
            return 2
    tmp = tempfile.mkdtemp(prefix="zn-analyze-eval.")
    try:
        docs = run_analyze(zhnews, cases, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if args.show:
        show(cases[0], docs[0])
        return 0
    sys.stdout.write("%d cases\n" % len(cases))
    figures, errors = score(cases, docs, sys.stdout)
    if not args.quiet:
        for cid, kind, text in sorted(errors, key=lambda e: (e[1], e[0])):
            sys.stdout.write("%-14s %-13s %s\n" % (cid, kind, text))
    bad = [k for k, v in THRESHOLDS.items() if figures[k] < v]
    if args.check:
        for k in bad:
            sys.stdout.write("FAIL: %s %.3f is under the threshold %.2f\n" %
                             (k, figures[k], THRESHOLDS[k]))
        if any(e[1] in ("error", "extract") for e in errors):
            sys.stdout.write("FAIL: some case did not run or extract as "
                             "written\n")
            return 1
        return 1 if bad else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())

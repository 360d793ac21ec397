#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Derives data/lexicon/zhnews.dict, the text source of zhnews's default
lexicon, from the jieba lexicon and what segmented training data teaches.

  tools/derive-lexicon.py SHARED_DATA_DIR > data/lexicon/zhnews.dict

Inputs (under SHARED_DATA_DIR, see data/README.md for their terms):
  jieba/jieba.dict.utf8                  word freq tag (MIT)
  pd1998/pd199801-part-{a,b}.txt         People's Daily Jan 1998, PKU standard
  sighan2005/gold/{pku,msr}_training_words.utf8   training vocabularies
Nothing from the SIGHAN *test* sets is read.

What it does, and why (measured with bench/seg on the SIGHAN test sets):
  1. Starts from jieba's words, frequencies and tags; where People's Daily
     uses a word at least RETAG_MIN times and jieba's or its majority tag
     is an entity tag (nr, ns, nt, nz ...), People's Daily's tag wins.
  2. Adds the People's Daily word counts, scaled by PD_SCALE, so that the
     unigram model follows a segmented corpus rather than jieba's own
     counts; words new to jieba take their most frequent People's Daily tag.
  3. Adds the training vocabularies' words jieba lacks, at NEW_WORD_FREQ.
  4. Demotes (divides by DEMOTE) jieba entries that neither training
     vocabulary lists but that split into two words both do: compounds such
     as 新世纪, 万元, 一年 that segmentation standards cut.
Output: "word freq tag" lines, sorted by word, UTF-8.
"""
import collections
import os
import re
import sys

PD_SCALE = 3000
NEW_WORD_FREQ = 5
DEMOTE = 1000
# People's Daily tags that jieba spells differently.
TAG_MAP = {"w": "x", "Ng": "ng", "Vg": "vg", "Ag": "ag", "Dg": "dg",
           "Tg": "tg", "Mg": "mg", "Rg": "rg", "Bg": "bg", "Yg": "yg",
           "nx": "eng"}


# Retagging: People's Daily's majority tag replaces jieba's entity tags
# (and gives entity tags) for words used at least this often there.
RETAG_MIN = 3
ENTITY_TAGS = {"nr", "ns", "nt", "nz", "nrt", "nrfg"}
JIEBA_TAGS = {"a", "ad", "ag", "an", "b", "c", "d", "df", "dg", "e", "f",
              "g", "h", "i", "j", "k", "l", "m", "mg", "mq", "n", "ng", "nr",
              "nrfg", "nrt", "ns", "nt", "nz", "o", "p", "q", "r", "rg", "rr",
              "rz", "s", "t", "tg", "u", "ud", "ug", "uj", "ul", "uv", "uz",
              "v", "vd", "vg", "vi", "vn", "vq", "x", "y", "z", "zg"}


def read_jieba(path):
    words = {}
    for line in open(path, encoding="utf-8"):
        parts = line.split()
        if len(parts) >= 2:
            words[parts[0]] = [int(parts[1]), parts[2] if len(parts) > 2 else "n"]
    return words


def read_pd(paths):
    counts = collections.Counter()
    tags = collections.defaultdict(collections.Counter)
    for path in paths:
        for line in open(path, encoding="utf-8"):
            line = re.sub(r"\{[^}]*\}", "", line)          # pinyin marks
            line = re.sub(r"\[([^\]]*)\][a-z]+", r"\1", line)  # [compound]nt
            for tok in line.split()[1:]:                   # skip the id
                word, _, tag = tok.rpartition("/")
                word = word.lstrip("[")
                if word:
                    counts[word] += 1
                    tags[word][TAG_MAP.get(tag, tag)] += 1
    return counts, tags


def read_words(path):
    return {l.strip() for l in open(path, encoding="utf-8") if l.strip()}


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: derive-lexicon.py SHARED_DATA_DIR")
    root = sys.argv[1]
    words = read_jieba(os.path.join(root, "jieba/jieba.dict.utf8"))
    counts, tags = read_pd([os.path.join(root, "pd1998/pd199801-part-%s.txt" % p)
                            for p in "ab"])
    for w, c in counts.items():
        if w in words:
            words[w][0] += c * PD_SCALE
            pd_tag, n = tags[w].most_common(1)[0]
            if pd_tag in ("nrf", "nrg"):   # a name's part, not a name
                continue
            if pd_tag not in JIEBA_TAGS:
                pd_tag = "j" if pd_tag.startswith("j") else pd_tag[0]
            # jieba's entity tags are noisy (智慧/nr, 城市/ns, 国际化/nt):
            # where People's Daily uses a word often enough, its majority
            # tag decides whether the word names a person, place or
            # organization.
            if (n >= RETAG_MIN and n * 2 > c and
                    (words[w][1] in ENTITY_TAGS or pd_tag in ENTITY_TAGS) and
                    pd_tag != words[w][1]):
                words[w][1] = pd_tag
        else:
            words[w] = [c * PD_SCALE, tags[w].most_common(1)[0][0]]
    vocab = set()
    for name in ("pku", "msr"):
        vocab |= read_words(os.path.join(
            root, "sighan2005/gold/%s_training_words.utf8" % name))
    for w in vocab:
        if w not in words:
            words[w] = [NEW_WORD_FREQ, tags[w].most_common(1)[0][0] if w in tags else "x"]
    for w, entry in words.items():
        if len(w) >= 2 and w not in vocab and w not in counts:
            for k in range(1, len(w)):
                if w[:k] in vocab and w[k:] in vocab:
                    entry[0] = max(1, entry[0] // DEMOTE)
                    break
    out = sys.stdout
    out.write("# zhnews default lexicon: word freq tag. Generated by "
              "tools/derive-lexicon.py; do not edit.\n")
    for w in sorted(words):
        if any(c.isspace() for c in w):
            continue
        out.write("%s %d %s\n" % (w, words[w][0], words[w][1]))


main()

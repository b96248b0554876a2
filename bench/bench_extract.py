"""Extraction benchmark: per-fact precision/recall, micro-F1 and milliseconds per message.

    .venv/bin/python bench/bench_extract.py [--repeat 20]

Scores tests/data/dev_set.yaml and tests/data/holdout_set.yaml with chatbot.nlp.extract
(see chatbot/nlp/evaluation.py for the unit definition), then times extract() on every
dev sentence after the pipeline is loaded. Not a test: figures go in the README.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chatbot.nlp import extract, load_pipeline  # noqa: E402
from chatbot.nlp.evaluation import Score, load_dev_set, score  # noqa: E402


def report(name: str, result: Score, n: int) -> None:
    print(
        f"\n{name}: {n} sentences, micro-F1 {result.micro_f1:.4f}, "
        f"{len(result.failures)} sentences not exactly right"
    )
    print(f"  {'unit':<28}{'tp':>5}{'fp':>5}{'fn':>5}{'precision':>11}{'recall':>8}")
    for key in result.units():
        print(
            f"  {key:<28}{result.tp[key]:>5}{result.fp[key]:>5}{result.fn[key]:>5}"
            f"{result.precision(key):>11.3f}{result.recall(key):>8.3f}"
        )
    for text, missing, extra in result.failures:
        print(f"  MISS {text!r}: missing {sorted(missing)} extra {sorted(extra)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=20, help="timing passes over the dev set")
    args = parser.parse_args()

    t0 = time.perf_counter()
    load_pipeline()
    load_ms = (time.perf_counter() - t0) * 1000

    data = ROOT / "tests" / "data"
    dev = load_dev_set(data / "dev_set.yaml")
    holdout = load_dev_set(data / "holdout_set.yaml")
    report("dev set", score(dev, extract), len(dev))
    report("held-out set", score(holdout, extract), len(holdout))

    texts = [item.text for item in dev]
    for text in texts:  # warm-up
        extract(text)
    per_message: list[float] = []
    best = [float("inf")] * len(texts)
    for _ in range(args.repeat):
        for n, text in enumerate(texts):
            t = time.perf_counter()
            extract(text)
            ms = (time.perf_counter() - t) * 1000
            per_message.append(ms)
            best[n] = min(best[n], ms)
    per_message.sort()
    best.sort()
    p95 = per_message[int(len(per_message) * 0.95)]
    long_case = " ".join(item.text for item in dev[:12])
    t = time.perf_counter()
    for _ in range(args.repeat):
        extract(long_case)
    long_ms = (time.perf_counter() - t) * 1000 / args.repeat
    print(f"\npipeline load: {load_ms:.0f} ms (once per process)")
    print(
        f"extract(): mean {statistics.fmean(per_message):.3f} ms/message, "
        f"median {statistics.median(per_message):.3f}, p95 {p95:.3f}, max {per_message[-1]:.3f} "
        f"({len(per_message)} calls, mean {statistics.fmean(len(t) for t in texts):.0f} chars)"
    )
    print(
        f"  fastest of {args.repeat} rounds per message (removes load from other processes): "
        f"mean {statistics.fmean(best):.3f} ms, p95 {best[int(len(best) * 0.95)]:.3f} ms"
    )
    print(f"long case ({len(long_case)} chars, 12 sentences): {long_ms:.2f} ms")
    if hasattr(os, "getloadavg"):
        print(f"load average while measuring: {os.getloadavg()[0]:.1f} ({os.cpu_count()} CPUs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Rules-engine speed: ``evaluate()`` including the missing-facts search (prints; asserts nothing).

Run: ``.venv/bin/python bench/bench_engine.py [--repeat N]``.

Cases: the headline case, every one of the 41 treatment nodes reached from its facts,
and two partial cases (no facts; receptor status only). Goal: well under 1 ms per
call typical. Also prints the cold knowledge load (YAML parse + cross-checks).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from engine_cases import HEADLINE, node_facts  # noqa: E402

from chatbot import paths  # noqa: E402
from chatbot.engine import evaluate  # noqa: E402
from chatbot.kb.loader import build_knowledge, load_knowledge  # noqa: E402


def _time(fn, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1e6)
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    t = time.perf_counter()
    build_knowledge(paths.knowledge_dir())
    print(
        f"knowledge load (uncached, incl. section index): {(time.perf_counter() - t) * 1e3:.1f} ms"
    )
    kn = load_knowledge()
    cases = {
        "headline": HEADLINE,
        "no facts": {},
        "receptors only": {"hormone_receptor": "positive", "her2": "negative"},
    }
    cases |= {nid: node_facts(nid) for nid in kn.nodes}
    for facts in cases.values():  # warm the per-node plans
        evaluate(facts)
    per_case = {
        name: statistics.median(_time(lambda f=facts: evaluate(f), args.repeat))
        for name, facts in cases.items()
    }
    allv = sorted(per_case.values())
    print(f"evaluate() headline case: median {per_case['headline']:.0f} µs")
    print(
        f"evaluate() over {len(cases)} cases: median {statistics.median(allv):.0f} µs, "
        f"mean {statistics.mean(allv):.0f} µs, max {allv[-1]:.0f} µs "
        f"({max(per_case, key=per_case.__getitem__)})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

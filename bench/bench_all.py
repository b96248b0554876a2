"""Every performance figure of issue 7 in one run (prints figures; asserts nothing).

Run: ``.venv/bin/python bench/bench_all.py [--quick] [--profile]``.

1. Per-turn latency in-process (p50/p95/max) over every transcript's user turns,
   each transcript replayed in order in a fresh ``Session`` (target p95 ≤ 5 ms).
2. The hostile corpus (bench/corpus.py): worst single-turn latency (goal: no reply
   slower than 250 ms) and any exception.
3. A whole turn vs a medSpaCy TargetMatcher + ConText pass vs bare
   ``spacy.blank("en")`` tokenization over the same texts (bench_context_compare).
4. Cold start of ``mbc-chat --json`` to the first reply vs ``spacy.blank`` and peak
   RSS (bench_startup).
5. TUI first paint and turn append after 1,000 turns (the TUI's bench/bench_tui.py).

Speed goals live here, never in timed test assertions (STYLE.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import platform
import statistics
import sys
import time
import traceback
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(HERE), str(REPO)]

import bench_context_compare  # noqa: E402
import bench_startup  # noqa: E402
from corpus import conversations, hostile_corpus  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def turn_latency(convs: list[list[str]], rounds: int) -> dict[str, Any]:
    """Time every turn of every conversation, each conversation in a fresh Session.

    After one untimed round, so the figure is steady-state "in-process after load"
    (cold start is bench_startup's figure).
    """
    import chatbot

    for conv in convs:  # one untimed round: every lazy load and cache fill happens here
        session = chatbot.Session()
        for text in conv:
            session.send(text)
    samples: list[float] = []
    slowest = (0.0, "")
    for _ in range(rounds):
        for conv in convs:
            session = chatbot.Session()
            for text in conv:
                t = time.perf_counter_ns()
                session.send(text)
                ms = (time.perf_counter_ns() - t) / 1e6
                samples.append(ms)
                slowest = max(slowest, (ms, text))
    return {
        "turns": len(samples),
        "p50": statistics.median(samples),
        "p95": percentile(samples, 0.95),
        "max": max(samples),
        "slowest_text": slowest[1],
    }


def hostile_latency() -> dict[str, Any]:
    """Worst turn over the hostile corpus: each text as a first turn and mid-case."""
    from corpus import HEADLINE

    import chatbot

    worst = (0.0, "")
    errors: list[str] = []
    samples: list[float] = []
    for text in hostile_corpus():
        for warm_case in (False, True):
            session = chatbot.Session()
            if warm_case:
                session.send(HEADLINE)
            t = time.perf_counter_ns()
            try:
                session.send(text)
            except Exception as exc:  # noqa: BLE001 - the point is to report any crash
                errors.append(f"{type(exc).__name__}: {exc} <- {text[:60]!r} (len {len(text)})")
                continue
            ms = (time.perf_counter_ns() - t) / 1e6
            samples.append(ms)
            worst = max(worst, (ms, text))
    return {
        "n": len(samples),
        "max": worst[0],
        "p50": statistics.median(samples) if samples else 0,
        "slowest": f"{worst[1][:50]!r}… (len {len(worst[1])})",
        "errors": errors,
    }


def tui_figures(runs: int, turns: int = 1000) -> str | None:
    """First paint and turn append after ``turns`` turns, from the TUI's bench/bench_tui.py.

    Calls its functions (``first_paint_pty``, ``headline_answer``, ``in_process``),
    which print their own lines; returns why it could not, or None.
    """
    import asyncio
    import tempfile

    try:
        bench_tui = importlib.import_module("bench_tui")
        first_paint_pty = bench_tui.first_paint_pty
        headline_answer = bench_tui.headline_answer
        in_process = bench_tui.in_process
    except (ImportError, AttributeError) as exc:
        return f"bench/bench_tui.py not usable: {type(exc).__name__}: {exc}"
    with tempfile.TemporaryDirectory() as home:
        first_paint_pty(Path(home))  # untimed: warm the disk cache
        paints = [first_paint_pty(Path(home)) for _ in range(runs)]
    print(
        f"  start → first paint (python -m chatbot in a pty): median "
        f"{statistics.median(paints) * 1000:.0f} ms over {runs} runs"
    )
    asyncio.run(in_process(turns, runs, headline_answer()))
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--profile", action="store_true", help="also profile cold start")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=["turn latency", "hostile", "compare", "startup", "tui"],
        help="run only these sections",
    )
    args = parser.parse_args()
    rounds, reps, runs = (1, 3, 5) if args.quick else (3, 5, 7)

    print(
        f"mbc-chat benchmarks, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, "
        f"Python {platform.python_version()}, {platform.machine()}, "
        f"{platform.processor() or platform.platform()}"
    )
    convs, origin = conversations()
    texts = [t for conv in convs for t in conv]
    print(f"corpus: {len(texts)} user turns in {len(convs)} conversations from {origin}")

    sections: list[tuple[str, Any]] = [
        ("turn latency", lambda: turn_latency(convs, rounds)),
        ("hostile", hostile_latency),
        ("compare", lambda: bench_context_compare.compare(texts, reps)),
        ("startup", lambda: bench_startup.measure(runs)),
        ("tui", lambda: tui_figures(runs)),
    ]
    for name, fn in sections:
        if args.only and name not in args.only:
            continue
        if name == "tui":
            print("== TUI (bench/bench_tui.py; target: append stays flat after 1,000 turns)")
        try:
            result = fn()
        except Exception:  # noqa: BLE001 - print what failed, carry on with the rest
            print(f"== {name}: FAILED\n{traceback.format_exc(limit=6)}")
            continue
        if name == "turn latency":
            ok = "meets" if result["p95"] <= 5 else "SHORT OF"
            print(f"== per-turn latency in-process ({result['turns']} turns, {rounds} rounds)")
            print(
                f"  p50 {result['p50']:.2f} ms  p95 {result['p95']:.2f} ms ({ok} target ≤ 5 ms)  "
                f"max {result['max']:.2f} ms (slowest: {result['slowest_text'][:60]!r})"
            )
        elif name == "hostile":
            ok = "meets" if result["max"] <= 250 and not result["errors"] else "SHORT OF"
            print(f"== hostile corpus ({result['n']} turns)")
            print(
                f"  max {result['max']:.1f} ms ({ok} goal ≤ 250 ms, no exception), "
                f"p50 {result['p50']:.2f} ms, slowest {result['slowest']}"
            )
            for err in result["errors"]:
                print(f"  EXCEPTION {err}")
        elif name == "compare":
            bench_context_compare.print_compare(result)
        elif name == "startup":
            bench_startup.print_measure(result)
        elif result is not None:
            print(f"  n/a: {result}")
    if args.profile:
        bench_startup.profile()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Guideline update review speed: ``review()`` and ``accept()`` on altered texts (prints only).

Run: ``.venv/bin/python bench/bench_guideline_update.py [--repeat N]``.

The six alterations of ``tests/test_guideline_update.py`` (dose changed, option removed,
option added, node added, narrative reworded, heading renamed) plus one change repeated
in all 40 supportive-care sections; for each, the median time of a full review (index
both texts, read the knowledge, check every item, word-diff, transcripts) and of a
refused or accepted ``accept`` on a temp copy of knowledge/. Goal: a maintainer's
command answers in well under a second.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from test_guideline_update import ALTERATIONS  # noqa: E402

from chatbot import paths  # noqa: E402
from chatbot.kb.sections import build_index, read_guideline  # noqa: E402
from chatbot.kb.update.accept import accept  # noqa: E402
from chatbot.kb.update.report import to_markdown  # noqa: E402
from chatbot.kb.update.review import review  # noqa: E402


def _median_ms(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    index = build_index(read_guideline())
    texts = {name: alt.build(index) for name, alt in ALTERATIONS.items()}
    old = "and multi-disciplinary team support with symptom management."
    texts["supportive x40"] = index.document.replace(old, "and team support.")
    transcripts = REPO / "transcripts"
    print(f"{'alteration':20} {'review ms':>10} {'+markdown':>10} {'accept ms':>10}  result")
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in texts.items():
            rv = review(text, paths.knowledge_dir(), transcripts=transcripts)
            t_review = _median_ms(
                lambda t=text: review(t, paths.knowledge_dir(), transcripts=transcripts),
                args.repeat,
            )
            t_md = _median_ms(lambda rv=rv: to_markdown(rv), args.repeat)
            kb = Path(tmp) / name.replace(" ", "-")
            shutil.copytree(paths.knowledge_dir(), kb, ignore=shutil.ignore_patterns("tools"))
            t0 = time.perf_counter()
            outcome = accept(text.encode(), kb)
            t_accept = (time.perf_counter() - t0) * 1000
            verdict = "accepted" if outcome.accepted else f"refused ({len(outcome.refusals)})"
            print(f"{name:20} {t_review:10.0f} {t_md:10.1f} {t_accept:10.0f}  {verdict}")


if __name__ == "__main__":
    main()

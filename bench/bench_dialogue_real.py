"""Real clinician text through the dialogue: does every in-scope question end in an answer?

Sends each in-scope text of the real-text corpus (cases.yaml and questions.yaml, format in
/work/corpus/FORMAT.md; read from /work/corpus, else tests/data/real/) to a fresh session,
answers every follow-up question with "not known", and reports how the conversation ends:
an answer (a recommendation or branches) or an information reply (target >= 95 %), and
how many end in a clarification (target 0). Prints figures; asserts nothing.

    .venv/bin/python bench/bench_dialogue_real.py [--show N] [--dir PATH]
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from chatbot.dialogue.session import Session  # noqa: E402

CORPUS_DIRS = (Path("/work/corpus"), ROOT / "tests" / "data" / "real")
FILES = ("cases.yaml", "questions.yaml")
MAX_TURNS = 12
NOT_KNOWN = "not known"


def load(directory: Path | None) -> list[dict[str, object]]:
    dirs = (directory,) if directory else CORPUS_DIRS
    for d in dirs:
        found = [d / f for f in FILES if (d / f).exists()]
        if found:
            items: list[dict[str, object]] = []
            for path in found:
                data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
                items += [dict(item, _file=path.name) for item in data]
            print(f"corpus: {', '.join(str(p) for p in found)} ({len(items)} items)")
            return items
    raise SystemExit("no corpus found in " + ", ".join(str(d) for d in dirs))


DROPPED = [0]  # statements the grounding guard dropped, over every conversation


def run(text: str) -> tuple[str, int, list[str]]:
    """The final reply kind (answer split by how), the number of turns, the kinds seen."""
    session = Session()
    reply = session.send(text)
    kinds = [reply.kind]
    turns = 1
    while reply.kind == "question" and turns < MAX_TURNS:
        reply = session.send(NOT_KNOWN)
        kinds.append(reply.kind)
        turns += 1
    DROPPED[0] += len(session.dropped)
    outcome = reply.kind
    if reply.kind == "answer":
        outcome = "answer (recommendation)" if reply.recommendation else "answer (branches)"
        if reply.recommendation is None and not reply.branches:
            outcome = "answer (empty)"
    return outcome, turns, kinds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=10, help="list up to N texts per bad ending")
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    everything = load(args.dir)
    items = [i for i in everything if i.get("in_scope") is True]
    outside = [i for i in everything if i.get("in_scope") is False]
    outcomes: collections.Counter[str] = collections.Counter()
    by_handling: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    by_split: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    bad: dict[str, list[str]] = collections.defaultdict(list)
    turns_total = 0
    for item in items:
        text = str(item.get("text", ""))
        outcome, turns, _ = run(text)
        turns_total += turns
        outcomes[outcome] += 1
        by_handling[str(item.get("handling", "?"))][outcome] += 1
        split = by_split[str(item.get("split", "?"))]
        split[1] += 1
        split[0] += outcome.startswith(("answer (r", "answer (b")) or outcome == "info"
        if not (
            outcome.startswith("answer (r") or outcome.startswith("answer (b") or outcome == "info"
        ):
            bad[outcome].append(f"{item.get('id')}: {text[:150]}")
    n = len(items) or 1
    good = sum(
        v
        for k, v in outcomes.items()
        if k.startswith("answer (r") or k.startswith("answer (b") or k == "info"
    )
    print(f"in-scope texts: {len(items)}; mean turns {turns_total / n:.2f}")
    for outcome, count in outcomes.most_common():
        print(f"  {outcome:28} {count:4}  {100 * count / n:5.1f} %")
    print(
        f"ending in an answer or info reply: {good}/{len(items)} = {100 * good / n:.1f} % (target >= 95 %)"
    )
    print(f"ending in a clarification: {outcomes['clarification']} (target 0)")
    for name, (ok, total) in sorted(by_split.items()):
        print(f"  split={name}: {ok}/{total} = {100 * ok / max(total, 1):.1f} % answer or info")
    for handling, counter in sorted(by_handling.items()):
        print(f"  handling={handling}: " + ", ".join(f"{k} {v}" for k, v in counter.most_common()))
    declined = [i for i in outside if run(str(i.get("text", "")))[0] == "out_of_scope"]
    print(
        f"out-of-scope texts declined (out_of_scope): {len(declined)}/{len(outside)}"
        + (f" = {100 * len(declined) / len(outside):.1f} %" if outside else "")
    )
    for name in sorted({str(i.get("split", "?")) for i in outside}):
        of_split = [i for i in outside if str(i.get("split", "?")) == name]
        kept = [i for i in declined if str(i.get("split", "?")) == name]
        print(f"  split={name}: {len(kept)}/{len(of_split)} declined")
    print(f"statements dropped by the grounding guard: {DROPPED[0]}")
    for outcome, texts in bad.items():
        print(f"--- ending in {outcome} ({len(texts)}):")
        for line in texts[: args.show]:
            print("   ", line)


if __name__ == "__main__":
    main()

"""Real clinician text through the dialogue: does every in-scope question end in an answer?

Sends each in-scope text of the real-text corpus (every *.yaml of tests/data/real/, format
in tests/data/real/FORMAT.md; ``--dir`` another folder, ``--corpus round3.yaml`` one file of it)
to a fresh session, answers every follow-up question with "not known", and reports how the
conversation ends: an answer (a recommendation or branches) or an information reply (target
>= 95 %), and how many end in a clarification (target 0); then how many out-of-scope texts
are declined, both directions listed with the router's reason. Prints figures; asserts
nothing.

    .venv/bin/python bench/bench_dialogue_real.py [--show N] [--dir PATH] [--corpus FILE ...]
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

CORPUS_DIR = ROOT / "tests" / "data" / "real"
MAX_TURNS = 12
NOT_KNOWN = "not known"


def load(directory: Path, names: list[str]) -> list[dict[str, object]]:
    """Every *.yaml of ``directory`` (sorted), or only the files ``names``."""
    found = [directory / n for n in names] if names else sorted(directory.glob("*.yaml"))
    missing = [str(p) for p in found if not p.exists()]
    if missing or not found:
        raise SystemExit("no corpus file: " + (", ".join(missing) or str(directory)))
    items: list[dict[str, object]] = []
    for path in found:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        items += [dict(item, _file=path.name) for item in data]
    print(f"corpus: {', '.join(str(p) for p in found)} ({len(items)} items)")
    return items


DROPPED = [0]  # statements the grounding guard dropped, over every conversation


REASONS: dict[str, str] = {}  # text -> the router's reason for its first reply


def run(text: str) -> tuple[str, int, list[str]]:
    """The final reply kind (answer split by how), the number of turns, the kinds seen."""
    session = Session()
    reply = session.send(text)
    REASONS[text] = session.last_route.reason if session.last_route else ""
    kinds = [reply.kind]
    turns = 1
    # A clarification with quick replies asks back an uncertain fact ("Active brain
    # metastases sounded uncertain … Does she have active brain metastases?"): answered too.
    while (
        reply.kind == "question" or (reply.kind == "clarification" and reply.choices)
    ) and turns < MAX_TURNS:
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
    parser.add_argument("--dir", type=Path, default=CORPUS_DIR, help="folder of *.yaml files")
    parser.add_argument(
        "--corpus", action="append", default=[], help="one file of --dir (repeatable)"
    )
    args = parser.parse_args()
    everything = load(args.dir, args.corpus)
    items = [i for i in everything if i.get("in_scope") is True]
    outside = [i for i in everything if i.get("in_scope") is False]
    outcomes: collections.Counter[str] = collections.Counter()
    by_handling: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    by_split: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    bad: dict[str, list[str]] = collections.defaultdict(list)
    turns_total = 0
    asked_back = 0  # clarifications that asked an uncertain fact back, answered "not known"
    for item in items:
        text = str(item.get("text", ""))
        outcome, turns, kinds = run(text)
        turns_total += turns
        asked_back += kinds[:-1].count("clarification")
        outcomes[outcome] += 1
        by_handling[str(item.get("handling", "?"))][outcome] += 1
        split = by_split[str(item.get("split", "?"))]
        split[1] += 1
        split[0] += outcome.startswith(("answer (r", "answer (b")) or outcome == "info"
        if not (
            outcome.startswith("answer (r") or outcome.startswith("answer (b") or outcome == "info"
        ):
            bad[outcome].append(f"{item.get('id')} [{REASONS[text]}]: {text[:150]}")
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
    print(f"uncertain facts asked back on the way (answered 'not known'): {asked_back}")
    for name, (ok, total) in sorted(by_split.items()):
        print(f"  split={name}: {ok}/{total} = {100 * ok / max(total, 1):.1f} % answer or info")
    for handling, counter in sorted(by_handling.items()):
        print(f"  handling={handling}: " + ", ".join(f"{k} {v}" for k, v in counter.most_common()))
    declined = [i for i in outside if run(str(i.get("text", "")))[0] == "out_of_scope"]
    answered = [i for i in outside if i not in declined]
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
        print(f"--- in scope, ending in {outcome} ({len(texts)}):")
        for line in texts[: args.show]:
            print("   ", line)
    print(f"--- out of scope, not declined ({len(answered)}):")
    for item in answered[: args.show]:
        text = str(item.get("text", ""))
        print(f"    {item.get('id')} [{REASONS[text]}]: {text[:150]}")


if __name__ == "__main__":
    main()

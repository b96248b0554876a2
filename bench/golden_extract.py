"""Golden output of extract(): dump every Extraction of a fixed text set, or diff two dumps.

    .venv/bin/python bench/golden_extract.py dump OUT.jsonl [--no-grid]
    .venv/bin/python bench/golden_extract.py diff A.jsonl B.jsonl

A speed change to the extractor must change no output. ``dump`` runs extract() over the
real corpus (tests/data/real/*.yaml), the CheckList cases (tests/checklist.py), the dev and
held-out sets, the ConText set, every transcript user turn, the hostile corpus and the
trigger grid of bench_extract.py, and writes one canonical JSON line per text: the whole
Extraction (facts, spans, inferred, uncertain, unknown facts, contradictions, corrections,
drugs, unknown drugs, unrecognised). Run it on the branch point and on the branch and
``diff`` the two files: any difference is printed text by text. Not a test (it takes a
minute); the nlp tests keep asserting behaviour.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

import yaml  # noqa: E402

from chatbot.nlp import extract  # noqa: E402


def texts() -> Iterator[tuple[str, str]]:
    """(source, text) pairs, in a fixed order."""
    from bench_extract import HOSTILE
    from checklist import all_cases
    from corpus import conversations, hostile_corpus

    from chatbot.nlp.evaluation import load_dev_set, load_real

    data = ROOT / "tests" / "data"
    for path in sorted((data / "real").glob("*.yaml")):
        for item in load_real(path):
            yield f"real:{item.id}", item.text
    for n, case in enumerate(all_cases()):
        yield f"checklist:{case.capability}:{n}", case.text
    for name in ("dev_set.yaml", "holdout_set.yaml"):
        for n, dev_item in enumerate(load_dev_set(data / name)):
            yield f"{name}:{n}", dev_item.text
    for n, line in enumerate((data / "context_set.jsonl").read_text(encoding="utf-8").splitlines()):
        if line.strip():
            yield f"context_set:{n}", json.loads(line)["text"]
    for path in sorted((ROOT / "transcripts").glob("**/*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        turns = raw.get("turns", []) if isinstance(raw, dict) else []
        for n, turn in enumerate(turns):
            if isinstance(turn, dict) and isinstance(turn.get("user"), str):
                yield f"transcript:{path.relative_to(ROOT)}:{n}", turn["user"]
    conversations_found, _ = conversations()
    for n, turns in enumerate(conversations_found):
        for m, text in enumerate(turns):
            yield f"conversation:{n}:{m}", text
    for n, text in enumerate(hostile_corpus()):
        yield f"hostile_corpus:{n}", text
    for name, text in HOSTILE.items():
        yield f"hostile:{name}", text


def canonical(value: Any) -> Any:
    """JSON-ready form with a fixed order: sets sorted, dataclasses as dicts."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): canonical(v) for k, v in sorted(value.items())}
    if isinstance(value, (frozenset, set)):
        return sorted((canonical(v) for v in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    return value


def dump(out: Path, grid: bool) -> int:
    from bench_extract import trigger_grid

    pairs = list(texts())
    if grid:
        pairs += [(f"grid:{name}", text) for name, text in trigger_grid().items()]
    with out.open("w", encoding="utf-8") as f:
        for source, text in pairs:
            line = {"source": source, "extraction": canonical(extract(text))}
            f.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{len(pairs)} texts -> {out}")
    return 0


def diff(a: Path, b: Path) -> int:
    left = a.read_text(encoding="utf-8").splitlines()
    right = b.read_text(encoding="utf-8").splitlines()
    if len(left) != len(right):
        print(f"different text sets: {len(left)} vs {len(right)} lines")
        return 1
    changed = 0
    for x, y in zip(left, right, strict=True):
        if x != y:
            changed += 1
            if changed <= 20:
                print(f"- {x[:400]}\n+ {y[:400]}\n")
    print(f"{len(left)} texts compared, {changed} differ")
    return 1 if changed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--no-grid", action="store_true", help="leave out the 4,000-char grid")
    c = sub.add_parser("diff")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        return dump(args.out, not args.no_grid)
    return diff(args.a, args.b)


if __name__ == "__main__":
    sys.exit(main())

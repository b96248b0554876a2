"""The real-text corpus (tests/data/real/): texts written outside the project.

Every entry is validated on load (keys, fact names, the split rule). Only the **dev** split
is scored here: the test split is run by hand once per round
(``bench/bench_extract.py --real --split all``) and its first-run figure goes in the README,
so a test that scored it on every run would turn it into a second dev set.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from chatbot.nlp import extract
from chatbot.nlp.evaluation import RealItem, dangers_of, load_real, score_real

REAL = Path(__file__).parent / "data" / "real"
ITEMS: list[RealItem] = [i for path in sorted(REAL.glob("*.yaml")) for i in load_real(path)]
# Round N >= 2 held-out files (roundN.yaml): labelled from new sources, all test.
ROUND_ITEMS: list[RealItem] = [
    i for path in sorted(REAL.glob("round*.yaml")) for i in load_real(path)
]
DEV = [i for i in ITEMS if i.split == "dev"]
# Just below the dev figure reached after round 2's fixes (0.927, README "Extraction
# quality"); a change that drops below it fails. Raise it when dev improves, never lower it
# to pass.
DEV_ACCURACY_FLOOR = 0.92
# Dangerous errors that must stay at zero on dev (the line-count kind is reported by the
# benchmark: its labels are often absent where a count is legitimately read).
ZERO_ON_DEV = (
    "negated finding set true",
    "menopausal status flipped",
    "treated brain mets read as active",
)


def test_corpus_is_big_and_split_by_source() -> None:
    assert len(ITEMS) >= 300
    assert len({i.id for i in ITEMS}) == len(ITEMS)
    splits: dict[str, set[str]] = {}
    for item in ITEMS:
        if item in ROUND_ITEMS:
            # a later round's fresh held-out file: all test, from sources not used before
            assert item.split == "test", item.id
        else:
            digest = int(hashlib.sha256(item.source.encode()).hexdigest(), 16)
            assert (item.split == "test") == (digest % 3 == 0), item.id
        splits.setdefault(item.source, set()).add(item.split)
    assert all(len(s) == 1 for s in splits.values())
    earlier = {i.source for i in ITEMS if i not in ROUND_ITEMS}
    assert not earlier & {i.source for i in ROUND_ITEMS}  # fresh sources only
    assert not any("droracle" in i.source for i in ITEMS)  # kept aside for an outside check


def test_loader_refuses_unknown_keys_and_facts(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {id: x, source: s, split: dev, text: t, facts: {colour: red}}\n")
    with pytest.raises(ValueError, match="not DESIGN.md facts"):
        load_real(bad)
    bad.write_text("- {id: x, source: s, split: dev, text: t, mood: calm}\n")
    with pytest.raises(ValueError, match="unknown keys"):
        load_real(bad)
    bad.write_text("- {id: x, source: s, split: train, text: t}\n")
    with pytest.raises(ValueError, match="split"):
        load_real(bad)


def test_dev_accuracy_holds(nlp) -> None:  # type: ignore[no-untyped-def]
    result = score_real(DEV, extract)
    misses = "\n".join(f"{i} {f}: expected {e!r} got {g!r}" for i, f, e, g in result.misses[:20])
    assert result.accuracy >= DEV_ACCURACY_FLOOR, misses


def test_no_dangerous_errors_on_dev(nlp) -> None:  # type: ignore[no-untyped-def]
    found = [d for item in DEV for d in dangers_of(item, extract(item.text).facts)]
    assert not [d for d in found if d.kind in ZERO_ON_DEV], found


def test_danger_check_has_teeth() -> None:
    item = RealItem("x", "s", "dev", "t", {"germline_brca": False, "menopausal_status": "post"})
    kinds = {d.kind for d in dangers_of(item, {"germline_brca": True, "menopausal_status": "pre"})}
    assert kinds == {"negated finding set true", "menopausal status flipped"}

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
from chatbot.nlp.evaluation import (
    RealItem,
    dangers_of,
    line_disagreements,
    line_evidence_ok,
    load_real,
    score_real,
)
from chatbot.nlp.types import Extraction, Span

REAL = Path(__file__).parent / "data" / "real"
_BY_FILE = {path.name: load_real(path) for path in sorted(REAL.glob("*.yaml"))}  # parsed once
ITEMS: list[RealItem] = [i for items in _BY_FILE.values() for i in items]
# Round N >= 2 held-out files (roundN.yaml): labelled from new sources, all test.
ROUND_ITEMS: list[RealItem] = [
    i for name, items in _BY_FILE.items() if name.startswith("round") for i in items
]
DEV = [i for i in ITEMS if i.split == "dev"]
# Just below the dev figure reached after round 11's fixes and the round-12 label review
# (0.984, README "Extraction quality"); a change that drops below it fails. Raise it when
# dev improves, never lower it to pass.
DEV_ACCURACY_FLOOR = 0.975
# Dangerous errors that must stay at zero on dev. "non-line number read as lines" is judged
# from the extractor's evidence (a number that is not a line-of-therapy context); a count
# that merely differs from the label is an accuracy miss, reported by the benchmark.
ZERO_ON_DEV = (
    "negated finding set true",
    "menopausal status flipped",
    "non-line number read as lines",
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
    found = []
    for item in DEV:
        ex = extract(item.text)
        found += dangers_of(item, ex.facts, ex)
    assert not [d for d in found if d.kind in ZERO_ON_DEV], found


def test_danger_check_has_teeth() -> None:
    item = RealItem("x", "s", "dev", "t", {"germline_brca": False, "menopausal_status": "post"})
    kinds = {d.kind for d in dangers_of(item, {"germline_brca": True, "menopausal_status": "pre"})}
    assert kinds == {"negated finding set true", "menopausal status flipped"}


def test_score_counts_values_read_beyond_a_labelled_list() -> None:
    item = RealItem("x", "s", "dev", "t", {"metastatic_sites": ["bone"], "age": 60})
    found = Extraction(text="t", facts={"metastatic_sites": ["bone", "liver"], "sex": "female"})
    result = score_real([item], lambda _text: found)
    assert result.accuracy == 0.5  # recall over the labels: bone right, age missed
    assert result.extra_values["metastatic_sites"] == 1  # liver is not in the label
    assert result.extra["sex"] == 1  # a fact the labels do not give


def _read(text: str, said: str, value: int, inferred: bool = False) -> Extraction:
    at = text.index(said)
    return Extraction(
        text=text,
        facts={"prior_lines": value},
        spans={"prior_lines": (Span(at, at + len(said), said),)},
        inferred=frozenset({"prior_lines"} if inferred else ()),
    )


@pytest.mark.parametrize(
    ("text", "said", "value"),
    [
        ("On 4L O2 via nasal cannula.", "4L", 4),
        ("Now 2 L/min oxygen at home.", "2", 2),
        ("Collapse of L4 with cord compression.", "L4", 4),
        ("T10 lesion, C3D1 of paclitaxel today.", "C3", 3),
        ("G2 neuropathy after 6 cycles.", "6", 6),
        ("ECOG 2, Ki-67 30%.", "2", 2),
        ("ECOG 2, Ki-67 30%.", "30", 30),
        ("Diagnosed in 2019, now 64 years old.", "64", 64),
        ("Letrozole 2.5 mg daily.", "2.5", 2),
        ("Diagnosed at age 4 with a sarcoma.", "age 4", 4),
        ("Stable disease, nothing else.", "Stable disease", 0),
    ],
)
def test_a_number_that_is_not_a_line_is_a_danger(text: str, said: str, value: int) -> None:
    """The danger check reads the extractor's evidence: a count read from oxygen litres, a
    vertebra, a cycle, a grade, ECOG, a percentage, an age or a dose is the issue's danger."""
    item = RealItem("x", "s", "dev", text, {})
    ex = _read(text, said, value)
    assert not line_evidence_ok(ex, "prior_lines")
    assert [d.kind for d in dangers_of(item, ex.facts, ex)] == ["non-line number read as lines"]


@pytest.mark.parametrize(
    ("text", "said", "value", "inferred"),
    [
        ("Progressing on 2L fulvestrant.", "2L", 1, False),
        ("She has had two prior lines for MBC.", "two prior lines", 2, False),
        ("Third-line eribulin now failing.", "Third-line", 3, False),
        ("De novo stage IV, untreated.", "De novo stage IV", 0, False),
        # stop 45 (r62-0026): "Stage 4" is no age ("age" inside "Stage")
        ("She has de novo Stage 4 disease.", "de novo Stage 4", 0, False),
        (
            "In 2021 she developed bone metastases.",
            "In 2021 she developed bone metastases.",
            0,
            True,
        ),
    ],
)
def test_a_line_context_is_not_a_danger(text: str, said: str, value: int, inferred: bool) -> None:
    """A count from a line-of-therapy context is never the danger, even when it differs
    from the label: that is a line-count disagreement, reported apart."""
    item = RealItem("x", "s", "dev", text, {"prior_lines": value + 1})
    ex = _read(text, said, value, inferred)
    assert line_evidence_ok(ex, "prior_lines")
    assert dangers_of(item, ex.facts, ex) == []
    assert [d.kind for d in line_disagreements(item, ex.facts)] == [
        "line count differs from the label"
    ]

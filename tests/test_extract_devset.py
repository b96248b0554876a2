"""The annotated dev set (tests/data/dev_set.yaml): micro-F1 target and exact core subset."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatbot.nlp import Extraction, extract
from chatbot.nlp.evaluation import DevItem, load_dev_set, score, units_expected, units_found

DATA = Path(__file__).parent / "data"
DEV = load_dev_set(DATA / "dev_set.yaml")
HOLDOUT = load_dev_set(DATA / "holdout_set.yaml")
CORE = [item for item in DEV if item.core]
MICRO_F1_TARGET = 0.97


def test_dev_set_is_big_enough_and_covers_every_fact() -> None:
    from chatbot.contract import FACTS

    assert len(DEV) >= 150
    covered = {name for item in DEV for name in (*item.facts, *item.uncertain, *item.unknown)}
    assert covered == set(FACTS), f"facts without a dev sentence: {set(FACTS) - covered}"


@pytest.mark.parametrize("items", [DEV, HOLDOUT], ids=["dev", "holdout"])
def test_micro_f1_meets_target(nlp, items: list[DevItem]) -> None:  # type: ignore[no-untyped-def]
    result = score(items, extract)
    worst = "\n".join(f"{t!r}: missing {m} extra {e}" for t, m, e in result.failures[:10])
    assert result.micro_f1 >= MICRO_F1_TARGET, worst


@pytest.mark.parametrize("item", CORE, ids=[i.text[:40] for i in CORE])
def test_core_sentence_exact(nlp, item: DevItem) -> None:  # type: ignore[no-untyped-def]
    assert units_found(extract(item.text)) == units_expected(item)


def test_scoring_can_fail(nlp) -> None:  # type: ignore[no-untyped-def]
    """An extractor that drops negation scores below target: the F1 check has teeth."""

    def no_negation(text: str) -> Extraction:
        return extract(text.replace("no ", "").replace("not ", "").replace("never ", ""))

    assert score(DEV, no_negation).micro_f1 < score(DEV, extract).micro_f1
    assert score(DEV, lambda t: Extraction(text=t)).micro_f1 == 0.0

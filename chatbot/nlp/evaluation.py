"""Scoring extraction against the annotated dev set (tests/data/dev_set.yaml).

Shared by the dev-set test and ``bench/bench_extract.py``. Each fact value is one unit
(a list fact contributes one unit per item); "uncertain:<fact>", "unknown:<fact>" and
"unknown_drug:<word>" are units too, so leaving a fact out when it is uncertain is
rewarded and filling it is penalised.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from chatbot.contract import FACTS
from chatbot.nlp.types import Extraction

ITEM_KEYS = frozenset({"text", "facts", "uncertain", "unknown", "drugs_unknown", "core"})


@dataclass(frozen=True, slots=True)
class DevItem:
    text: str
    facts: dict[str, Any]
    uncertain: frozenset[str] = frozenset()
    unknown: frozenset[str] = frozenset()
    drugs_unknown: frozenset[str] = frozenset()
    core: bool = False


def load_dev_set(path: Path) -> list[DevItem]:
    """Read and validate the dev set (unknown keys and fact names refused)."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = []
    for i, entry in enumerate(raw):
        unknown = set(entry) - ITEM_KEYS
        if unknown:
            raise ValueError(f"{path}: item {i}: unknown keys {sorted(unknown)}")
        facts = dict(entry.get("facts") or {})
        names = set(facts) | set(entry.get("uncertain") or ()) | set(entry.get("unknown") or ())
        bad = names - set(FACTS)
        if bad:
            raise ValueError(
                f"{path}: item {i} ({entry['text']!r}): not DESIGN.md facts {sorted(bad)}"
            )
        items.append(
            DevItem(
                text=entry["text"],
                facts=facts,
                uncertain=frozenset(entry.get("uncertain") or ()),
                unknown=frozenset(entry.get("unknown") or ()),
                drugs_unknown=frozenset(w.lower() for w in entry.get("drugs_unknown") or ()),
                core=bool(entry.get("core", False)),
            )
        )
    return items


def units_expected(item: DevItem) -> set[tuple[str, str]]:
    return _units(item.facts, item.uncertain, item.unknown, item.drugs_unknown)


def units_found(ex: Extraction) -> set[tuple[str, str]]:
    return _units(
        ex.facts, ex.uncertain, ex.unknown_facts, {u.text.lower() for u in ex.unknown_drugs}
    )


def _units(
    facts: dict[str, Any],
    uncertain: Iterable[str],
    unknown: Iterable[str],
    drugs_unknown: Iterable[str],
) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for name, value in facts.items():
        if isinstance(value, list):
            out.update((name, f"item:{v}") for v in value)
        else:
            out.add((name, repr(value)))
    out.update((f"uncertain:{f}", "") for f in uncertain)
    out.update((f"unknown:{f}", "") for f in unknown)
    out.update(("unknown_drug", w) for w in drugs_unknown)
    return out


@dataclass(slots=True)
class Score:
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, set[tuple[str, str]], set[tuple[str, str]]]] = field(
        default_factory=list
    )

    @property
    def micro_f1(self) -> float:
        tp, fp, fn = sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

    def precision(self, key: str) -> float:
        d = self.tp[key] + self.fp[key]
        return self.tp[key] / d if d else 1.0

    def recall(self, key: str) -> float:
        d = self.tp[key] + self.fn[key]
        return self.tp[key] / d if d else 1.0

    def units(self) -> list[str]:
        return sorted(set(self.tp) | set(self.fp) | set(self.fn))


def score(items: Iterable[DevItem], extract: Callable[[str], Extraction]) -> Score:
    result = Score()
    for item in items:
        expected, found = units_expected(item), units_found(extract(item.text))
        for name, _ in expected & found:
            result.tp[name] += 1
        for name, _ in found - expected:
            result.fp[name] += 1
        for name, _ in expected - found:
            result.fn[name] += 1
        if expected != found:
            result.failures.append((item.text, expected - found, found - expected))
    return result

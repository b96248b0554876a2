"""Scoring extraction against the annotated dev set (tests/data/dev_set.yaml).

Shared by the dev-set test and ``bench/bench_extract.py``. Each fact value is one unit
(a list fact contributes one unit per item); "uncertain:<fact>", "unknown:<fact>" and
"unknown_drug:<word>" are units too, so leaving a fact out when it is uncertain is
rewarded and filling it is penalised.
"""

from __future__ import annotations

import re
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


# -- the real-text corpus (tests/data/real/, format of tests/data/real/FORMAT.md) -------------
REAL_KEYS = frozenset(
    {"id", "source", "source_kind", "split", "text", "facts", "handling", "in_scope", "notes"}
)
SPLITS = ("dev", "test")
BIOMARKER_ENUMS = frozenset({"hormone_receptor", "her2", "pdl1"})
LINE_FACTS = frozenset({"prior_lines", "prior_chemo_lines"})
DANGER_KINDS = (
    "negated finding set true",
    "menopausal status flipped",
    "non-line number read as lines",
    "treated brain mets read as active",
)


# A line count is read from a line-of-therapy context when its evidence (the span the
# extractor read it from) names a line, a count of lines or regimens, a treatment-history
# word, or is a drug mention (a count from the listed regimens); the inferred 0 at a
# metastatic event reads no number (it rests on no treatment told after the event). A
# number of the evidence that is not a line — oxygen litres, a vertebra, a cycle, a grade, ECOG/PS, a
# percentage, a dose, a year, an age — is the dangerous misreading of issue 10, whatever
# the label says.
LINE_CONTEXT = re.compile(
    r"\bline|\b[1-9]\s*l\b|\b(?:1st|2nd|3rd|[4-9]th)\b|first|second|third|fourth|fifth|sixth"
    r"|seventh|regimen|therap|treat|chemo|prior|previous|metasta|recurr|relaps|de[- ]novo"
    r"|stage\s*(?:iv|4)|presentation|diagnos|\bnone\b|\bno\b|never|na[iï]ve|\bonly\b|nothing"
    r"|given|\byet\b|so far",
    re.I,
)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# what follows / precedes a number that is not a count of lines
NOT_LINES_AFTER = re.compile(
    r"^\s*(?:l\s*(?:/\s*min|o2|nc|oxygen|of\b|nasal|via|per)|lpm|l/min|%|mg|mcg|g\b|gy|cycles?\b"
    r"|courses?\b|years?\b|yrs?\b|y/?o\b|yo\b|months?\b|mo\b|weeks?\b|cm\b|mm\b|d\d)",
    re.I,
)
NOT_LINES_BEFORE = re.compile(
    # (stop 45, r62-0026: "age" as a word, not the end of "Stage 4")
    r"(?:\b[ctls]|\bc\d+d|\bg|grade\s*|ecog\s*(?:ps)?\s*|\bps\s*|\bage\s*|\baged\s*|o2\s*"
    r"|cycle\s*|x\s*)$",
    re.I,
)


def line_evidence_ok(extraction: Extraction, fact: str) -> bool:
    """The count of ``fact`` was read from a line-of-therapy context (see LINE_CONTEXT)."""
    spans = extraction.spans.get(fact, ())
    if not spans:
        return False
    text = extraction.text
    drugs = [d.span for d in extraction.drugs]
    for span in spans:
        if any(d.start < span.end and span.start < d.end for d in drugs):
            continue  # counted from the regimens named
        if fact in extraction.inferred and extraction.facts.get(fact) == 0:
            continue  # the 0 at a metastatic event told with no treatment: no number read
        for m in _NUMBER.finditer(span.text):
            at, end = span.start + m.start(), span.start + m.end()
            if (
                NOT_LINES_AFTER.match(text[end : end + 12])
                or NOT_LINES_BEFORE.search(text[max(at - 9, 0) : at])
                or re.fullmatch(r"(?:19|20)\d\d", m.group())
            ):
                return False
        if not LINE_CONTEXT.search(span.text):
            return False
    return True


@dataclass(frozen=True, slots=True)
class RealItem:
    """One text written outside the project, with hand-labelled facts."""

    id: str
    source: str
    split: str
    text: str
    facts: dict[str, Any]
    handling: str = "case"


def load_real(path: Path) -> list[RealItem]:
    """Read and validate one corpus file (unknown keys, facts and splits refused)."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    items = []
    for i, entry in enumerate(raw):
        where = f"{path}: item {i} ({entry.get('id')!r})"
        unknown = set(entry) - REAL_KEYS
        if unknown:
            raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
        facts = dict(entry.get("facts") or {})
        bad = set(facts) - set(FACTS)
        if bad:
            raise ValueError(f"{where}: not DESIGN.md facts {sorted(bad)}")
        if entry.get("split") not in SPLITS:
            raise ValueError(f"{where}: split must be one of {SPLITS}")
        items.append(
            RealItem(
                id=str(entry["id"]),
                source=str(entry.get("source", "")),
                split=str(entry["split"]),
                text=str(entry["text"]),
                facts=facts,
                handling=str(entry.get("handling", "case")),
            )
        )
    return items


@dataclass(frozen=True, slots=True)
class Danger:
    """A misreading that could change treatment the wrong way (issue 10's list)."""

    kind: str
    item: str
    fact: str
    expected: Any
    found: Any


@dataclass(slots=True)
class RealScore:
    """Micro-accuracy over labelled fact units (a list fact: one unit per item)."""

    right: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    extra: Counter[str] = field(default_factory=Counter)  # set but not labelled
    # values of a labelled list fact read but not in its label (a site the text does not
    # give, a drug not given): accuracy above is recall over the labels, this is its cost
    extra_values: Counter[str] = field(default_factory=Counter)
    misses: list[tuple[str, str, Any, Any]] = field(default_factory=list)
    dangers: list[Danger] = field(default_factory=list)
    # a line count other than the label (set where the label gives none included): an
    # accuracy miss, not a misread number (that is the danger above), reported apart
    line_disagreements: list[Danger] = field(default_factory=list)
    items: int = 0

    @property
    def accuracy(self) -> float:
        n = sum(self.total.values())
        return sum(self.right.values()) / n if n else 1.0


def _norm(fact: str, value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip().lower()
        if fact == "metastatic_sites":
            value = value.replace("_", " ")
    return value


def dangers_of(
    item: RealItem, found: dict[str, Any], extraction: Extraction | None = None
) -> list[Danger]:
    """Issue 10's dangerous errors in one extraction, judged against the labels; a line
    count is judged from the extractor's evidence (``extraction``: its spans and drugs)."""
    out: list[Danger] = []
    for fact, expected in item.facts.items():
        got = found.get(fact)
        spec = FACTS[fact]
        if spec.type == "bool" and expected is False and got is True:
            kind = (
                "treated brain mets read as active"
                if fact == "brain_metastases"
                else "negated finding set true"
            )
            out.append(Danger(kind, item.id, fact, expected, got))
        elif fact in BIOMARKER_ENUMS and expected == "negative" and got == "positive":
            out.append(Danger("negated finding set true", item.id, fact, expected, got))
        elif fact == "menopausal_status" and got is not None and got != expected:
            out.append(Danger("menopausal status flipped", item.id, fact, expected, got))
    if extraction is not None:
        for fact in sorted(LINE_FACTS):
            got = found.get(fact)
            if got is not None and not line_evidence_ok(extraction, fact):
                out.append(
                    Danger(
                        "non-line number read as lines", item.id, fact, item.facts.get(fact), got
                    )
                )
    return out


def line_disagreements(item: RealItem, found: dict[str, Any]) -> list[Danger]:
    """Line counts set to a value other than the label, or set where the label gives none."""
    return [
        Danger("line count differs from the label", item.id, fact, item.facts.get(fact), got)
        for fact in sorted(LINE_FACTS)
        if (got := found.get(fact)) is not None and got != item.facts.get(fact)
    ]


def score_real(items: Iterable[RealItem], extract: Callable[[str], Extraction]) -> RealScore:
    result = RealScore()
    for item in items:
        result.items += 1
        extraction = extract(item.text)
        found = extraction.facts
        for fact, expected in item.facts.items():
            got = found.get(fact)
            if isinstance(expected, list):
                have = {_norm(fact, v) for v in got} if isinstance(got, list) else set()
                for value in expected:
                    result.total[fact] += 1
                    if _norm(fact, value) in have:
                        result.right[fact] += 1
                    else:
                        result.misses.append((item.id, fact, value, got))
                result.extra_values[fact] += len(have - {_norm(fact, v) for v in expected})
            else:
                result.total[fact] += 1
                if _norm(fact, got) == _norm(fact, expected):
                    result.right[fact] += 1
                else:
                    result.misses.append((item.id, fact, expected, got))
        for fact in found:
            if fact not in item.facts:
                result.extra[fact] += 1
        result.dangers.extend(dangers_of(item, found, extraction))
        result.line_disagreements.extend(line_disagreements(item, found))
    return result

"""Typed results of case-fact extraction (frozen values, no spaCy objects leak out)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from chatbot.contract import FactValue

MatchHow = Literal["exact", "brand", "abbreviation", "fuzzy", "class"]
DrugRole = Literal["current", "prior", "adjuvant", "bone-therapy", "hypothetical"]


@dataclass(frozen=True, slots=True)
class Span:
    """Where in the user's text something came from: character offsets and the text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class DrugMatch:
    """What a drug word resolves to: generic names and/or drug-class ids of drugs.yaml."""

    generics: tuple[str, ...]
    classes: tuple[str, ...]
    how: MatchHow
    score: float = 100.0
    matched: str = ""


@dataclass(frozen=True, slots=True)
class DrugMention:
    """One drug (or drug class) named in the text.

    ``generic`` is a generic name of knowledge/drugs.yaml, or None for a class mention
    ("an aromatase inhibitor"), which names ``drug_class`` and never a member.
    """

    generic: str | None
    drug_class: str | None
    text: str
    span: Span
    how: MatchHow
    negated: bool
    role: DrugRole


@dataclass(frozen=True, slots=True)
class UnknownDrug:
    """A drug-like word the lexicon does not know, with the nearest known names."""

    text: str
    span: Span
    suggestions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Contradiction:
    """One message gave a fact two values; neither goes into ``facts``."""

    fact: str
    values: tuple[FactValue, ...]
    spans: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything read from one message. ``facts`` holds only DESIGN.md facts."""

    text: str
    facts: dict[str, FactValue] = field(default_factory=dict)
    spans: dict[str, tuple[Span, ...]] = field(default_factory=dict)
    inferred: frozenset[str] = frozenset()
    uncertain: dict[str, Span] = field(default_factory=dict)
    unknown_facts: frozenset[str] = frozenset()
    contradictions: tuple[Contradiction, ...] = ()
    corrections: frozenset[str] = frozenset()
    drugs: tuple[DrugMention, ...] = ()
    unknown_drugs: tuple[UnknownDrug, ...] = ()
    # Words mixing Latin with Cyrillic/Greek letters that the confusables table could not
    # map ("HЁR2"): reported as not recognised, never silently dropped.
    unrecognised: tuple[Span, ...] = ()
    # The facts a yes/no question about the patient asks ("Could it have spread to her
    # brain?": brain_metastases, metastatic_sites; chatbot.nlp.questions): neither stated
    # nor unknown — the dialogue says where such a fact comes from.
    asked: frozenset[str] = frozenset()
    # The drugs of the regimen she is on now, begun and not failing, so not counted in
    # prior_lines (chatbot.nlp.history); the dialogue counts a later progression on it as one
    # more line (chatbot.dialogue.progression).
    on_now: tuple[str, ...] = ()

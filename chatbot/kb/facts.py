"""knowledge/facts.yaml: every fact's label, question, quick replies and panel place.

One registry for the follow-up policy, the wording of replies, the TUI case panel and
the contract's fact list (``tests/test_fact_registry.py`` checks that its names and order
are exactly ``chatbot.contract.FACTS``). Loaded once, validated with unknown keys refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from chatbot import paths
from chatbot.contract import FACTS, FactValue, valid_fact_value

AskPolicy = Literal["one", "panel", "never"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FactEntrySpec(_Strict):
    name: str
    label: str
    question: str | None = None
    choices: list[str] = []
    ask: AskPolicy = "one"
    short: str | None = None
    refine: str | None = None
    what_if: str
    values: dict[str | bool, str] = {}
    panel: tuple[str, int]


class FactsFile(_Strict):
    facts: list[FactEntrySpec]


@dataclass(frozen=True, slots=True)
class FactEntry:
    """One fact as the bot names, asks and shows it."""

    name: str
    label: str
    question: str
    choices: tuple[str, ...]
    ask: AskPolicy
    short: str
    refine: str | None
    what_if: str
    values: dict[FactValue, str]
    panel_section: str
    panel_position: int

    def value_as_condition(self, value: FactValue) -> str:
        """The value as a branch condition: "no visceral crisis", "PD-L1-positive"."""
        if value in self.values:
            return self.values[value]
        if self.name == "prior_lines" and isinstance(value, int):
            return f"{_ordinal(value + 1)} line"
        return f"{self.label}: {value}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class FactRegistryError(ValueError):
    pass


@cache
def fact_registry() -> dict[str, FactEntry]:
    """The registry, in the contract's fact order."""
    import yaml

    path = paths.knowledge_dir() / "facts.yaml"
    spec = FactsFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    names = [f.name for f in spec.facts]
    if names != list(FACTS):
        raise FactRegistryError(f"{path.name}: facts must be {list(FACTS)} in this order")
    out: dict[str, FactEntry] = {}
    for f in spec.facts:
        values: dict[FactValue, str] = {}
        for key, words in f.values.items():
            value: FactValue = key
            if isinstance(key, str) and FACTS[f.name].type == "bool":
                value = key == "true"
            if not valid_fact_value(f.name, value):
                raise FactRegistryError(f"{path.name}: {f.name}.values: {key!r} is not a value")
            values[value] = words
        if f.ask == "one" and f.question is None:
            raise FactRegistryError(f"{path.name}: {f.name}: a fact asked alone needs a question")
        out[f.name] = FactEntry(
            f.name,
            f.label,
            f.question or f"Known {f.short or f.label} result?",
            tuple(f.choices),
            f.ask,
            f.short or f.label,
            f.refine,
            f.what_if,
            values,
            f.panel[0],
            f.panel[1],
        )
    return out


def panel_layout() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The case panel's sections (in facts.yaml order) and their facts by position, for the
    TUI case panel: ``(("patient", ("age", "sex", …)), ("tumour", (…)), …)``."""
    sections: dict[str, list[FactEntry]] = {}
    for entry in fact_registry().values():
        sections.setdefault(entry.panel_section, []).append(entry)
    return tuple(
        (name, tuple(e.name for e in sorted(entries, key=lambda e: e.panel_position)))
        for name, entries in sections.items()
    )

"""Words the dialogue uses for facts, groups and lines — one place, so replies stay consistent."""

from __future__ import annotations

from chatbot.contract import FactValue
from chatbot.kb.facts import fact_registry
from chatbot.kb.sections import GROUP_HEADINGS


def fact_label(name: str) -> str:
    """How replies name a fact (knowledge/facts.yaml ``label``)."""
    entry = fact_registry().get(name)
    return entry.label if entry is not None else name.replace("_", " ")


def fact_value_words(name: str, value: FactValue) -> str:
    """A fact's value as a reader would say it."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(value) if value else "none"
    if name == "menopausal_status":
        return {"pre": "pre-menopausal", "post": "post-menopausal"}.get(str(value), str(value))
    return str(value)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def line_words(line: int | None) -> str:
    return f"{ordinal(line)} line" if line else "line not determined"


def group_words(group: str) -> str:
    """The guideline's own heading for a patient group (verbatim, so it can be cited)."""
    return GROUP_HEADINGS.get(group, group)

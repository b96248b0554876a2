"""A progression told after the case: the regimen she was on has now failed.

"She has now progressed on eribulin" of a case on second-line eribulin after letrozole +
palbociclib, or the what-if "What next if eribulin fails?": the disease now progresses on
another regimen than the one the case progressed on, so one more line has been given
(DESIGN.md: ``prior_lines`` counts the failing regimen). The case's count had not counted the
regimen she was on (a line begun and not failing is not counted), so the new counts are the
case's plus one, and plus one chemotherapy line when the regimen is chemotherapy.

This is an inference from the order of the conversation, not something the user said: the
reply shows it as one, and the user can correct it ("she has had 3 lines").
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from chatbot.dialogue.core import as_list
from chatbot.kb.loader import load_knowledge

CHEMOTHERAPY = "chemotherapy"  # the guideline's own class (knowledge/drugs.yaml)


@dataclass(frozen=True, slots=True)
class LaterProgression:
    """The line counts after the progression, and what to tell the user of them."""

    facts: dict[str, Any]  # prior_lines, progressed_on (the whole regimen), prior_chemo_lines
    reading: str


def chemotherapy_drugs() -> frozenset[str]:
    """The members of the guideline's chemotherapy class."""
    found = load_knowledge().classes.get(CHEMOTHERAPY)
    return frozenset(found.members) if found is not None else frozenset()


def later_progression(
    case: Mapping[str, Any],
    stated: Mapping[str, Any],
    *,
    on_now: Collection[str] = (),
    chemotherapy: Collection[str] | None = None,
) -> LaterProgression | None:
    """The counts after ``stated`` tells a progression the ``case`` has not counted, or None.

    Counted as one more line: a progression on the regimen she is on (``on_now``: begun and
    not counted, "Now on second-line eribulin"; the whole regimen then fails), on a regimen
    never told before after the one the case progressed on, or the first progression of a
    case with no line given. Not: no progression told, a count told with it, no count in the
    case, or any other regimen of the case — one already told failing, or an earlier line
    (already counted: "progressed on palbociclib" of a first line the case holds)."""
    failing = as_list(stated.get("progressed_on"))
    lines = case.get("prior_lines")
    if not failing or "prior_lines" in stated or not isinstance(lines, int):
        return None
    before = as_list(case.get("progressed_on"))
    given = as_list(case.get("prior_therapies"))
    if not set(failing).isdisjoint(before):
        return None
    if not set(failing).isdisjoint(on_now):
        failing = list(dict.fromkeys([*on_now, *failing]))  # the regimen she is on, whole
    elif set(failing) & set(given) or not (before or lines == 0):
        return None
    chemo = chemotherapy_drugs() if chemotherapy is None else frozenset(chemotherapy)
    counts: dict[str, Any] = {"prior_lines": lines + 1, "progressed_on": failing}
    chemo_lines = case.get("prior_chemo_lines")
    if (
        isinstance(chemo_lines, int)
        and "prior_chemo_lines" not in stated
        and not chemo.isdisjoint(failing)
    ):
        counts["prior_chemo_lines"] = chemo_lines + 1
    named = " + ".join(failing)
    reading = f"Counted {named} as one more line given; if it was already counted, say so."
    return LaterProgression(counts, reading)

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
from chatbot.dialogue.wording import fact_label
from chatbot.kb.loader import load_knowledge

CHEMOTHERAPY = "chemotherapy"  # the guideline's own class (knowledge/drugs.yaml)


@dataclass(frozen=True, slots=True)
class LaterProgression:
    """The line counts after the progression, and what to tell the user of them."""

    facts: dict[str, int]
    reading: str


def chemotherapy_drugs() -> frozenset[str]:
    """The members of the guideline's chemotherapy class."""
    found = load_knowledge().classes.get(CHEMOTHERAPY)
    return frozenset(found.members) if found is not None else frozenset()


def later_progression(
    case: Mapping[str, Any],
    stated: Mapping[str, Any],
    *,
    chemotherapy: Collection[str] | None = None,
) -> LaterProgression | None:
    """The counts after ``stated`` tells a progression on a regimen other than the one the
    ``case`` is progressing on (or the first progression of a case with no line given), or
    None: no progression told, the same regimen (or part of it: "she progressed on
    palbociclib" of letrozole + palbociclib), a count told with it, no count in the case to
    add to, or lines given but none told failing (the one failing now may be among them)."""
    failing = as_list(stated.get("progressed_on"))
    lines = case.get("prior_lines")
    if not failing or "prior_lines" in stated or not isinstance(lines, int):
        return None
    before = as_list(case.get("progressed_on"))
    if not set(failing).isdisjoint(before) or (not before and lines > 0):
        # (no regimen told failing before, and lines given: the one failing now may be one
        # of them — "2 prior lines … she progressed on fulvestrant" — so the count stands)
        return None
    chemo = chemotherapy_drugs() if chemotherapy is None else frozenset(chemotherapy)
    counts = {"prior_lines": lines + 1}
    chemo_lines = case.get("prior_chemo_lines")
    if (
        isinstance(chemo_lines, int)
        and "prior_chemo_lines" not in stated
        and not chemo.isdisjoint(failing)
    ):
        counts["prior_chemo_lines"] = chemo_lines + 1
    named = " + ".join(failing)
    told = "; ".join(f"{fact_label(k)}: {case.get(k)} → {v}" for k, v in counts.items())
    reading = (
        f"Progression on {named} counted as one more line given ({told}). Say so if "
        f"{named} was already counted."
    )
    return LaterProgression(counts, reading)

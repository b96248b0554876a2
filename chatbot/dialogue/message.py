"""One message on its way through a turn: its text, what extraction read, its route."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chatbot.contract import FactValue, Statement
from chatbot.dialogue.policy import ShortAnswer
from chatbot.dialogue.router import Route
from chatbot.dialogue.state import ACCUMULATING, INFERRED_FROM, CaseState
from chatbot.nlp.types import Extraction


@dataclass(frozen=True, slots=True)
class Message:
    text: str
    """Sanitised text (a buried instruction removed)."""
    extraction: Extraction
    short: ShortAnswer | None
    """The message read as a bare reply to the pending question, if it is one."""
    drugs: tuple[str, ...]
    """Generic names of the guideline's drugs the message names (not negated)."""
    route: Route
    notes: tuple[Statement, ...] = ()
    """Statements to put first in the reply (an instruction that was not followed)."""


# Facts a hypothesis makes meaningless when it changes what they rest on.
_VOIDED_BY: dict[str, tuple[str, ...]] = {
    "her2": ("her2_low",),
    "prior_lines": ("prior_chemo_lines",),
}


def assumed_facts(
    base: dict[str, Any], hypothesis: dict[str, FactValue], state: CaseState
) -> dict[str, Any]:
    """The case's facts with the hypothesis laid over them (a copy; the case is untouched).

    An inference resting on an assumed fact goes (menopausal status inferred from age),
    and so do facts the assumption makes meaningless (HER2-low when HER2 is assumed
    positive; an inferred chemotherapy-line count when the line is assumed)."""
    out = {k: (list(v) if isinstance(v, list) else v) for k, v in base.items()}
    if hypothesis.get("sex") == "male" and base.get("sex") != "male":
        # a man is never asked menopausal status: the case's answer for it does not carry
        for name in ("menopausal_status", "ovarian_ablation"):
            if name not in hypothesis:
                out.pop(name, None)
    for derived, basis in INFERRED_FROM.items():
        origin = state.origins.get(derived)
        if origin is not None and origin.inferred and any(b in hypothesis for b in basis):
            out.pop(derived, None)
    for fact, voided in _VOIDED_BY.items():
        if fact in hypothesis and hypothesis[fact] != base.get(fact):
            for name in voided:
                origin = state.origins.get(name)
                her2_positive = fact == "her2" and hypothesis[fact] == "positive"
                inferred = origin is not None and origin.inferred
                if name not in hypothesis and (her2_positive or inferred):
                    out.pop(name, None)
    for fact, value in hypothesis.items():
        old = out.get(fact)
        if fact in ACCUMULATING and isinstance(old, list) and isinstance(value, list):
            value = old + [v for v in value if v not in old]  # "had also received …"
        out[fact] = value
    return out

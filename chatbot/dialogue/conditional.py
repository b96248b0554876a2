"""Answers that hold only under a condition the case has not settled.

The project rule is never to guess a missing fact that changes the answer. Two
kinds of fact are answered *conditionally* instead of being asked again or guessed:

- A group/node-deciding fact the user answered "unknown" for, where the guideline
  has a default path (no visceral crisis, no active brain metastases, able to
  tolerate chemotherapy, no germline BRCA mutation): the default path's options
  are shown with ``applicable: null`` and a condition ("no visceral crisis"), and
  the other branch is named with its own sections.
- Pre-menopausal HR+/HER2− disease after the 1st line: the guideline's lines 2–7
  are "post-ovarian ablation" ("Once menopausal state is attained following ovarian
  ablation, subsequent treatments are the same as those for post-menopausal
  women …"). Ovarian ablation is asked; unknown or "no" leaves the options
  conditional on it, citing that sentence.

The options stay the engine's own ``EvaluatedOption`` values; only ``applicable``,
``conditions`` and ``reasons`` change (``dataclasses.replace``), so every later
step (option statements, the contract's ``OptionView``, ``why not``) reads them as
it reads any conditional option.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from chatbot.engine.result import DecisiveFact, Reason


@dataclass(frozen=True, slots=True)
class DefaultPath:
    """A deciding fact's guideline default branch and how the two branches are named."""

    fact: str
    value: bool
    label: str
    """The default branch as an option condition ("no visceral crisis")."""
    if_words: str
    """The default branch after "if" in a sentence ("there is no visceral crisis")."""
    other_label: str
    """The other branch ("visceral crisis")."""
    other_if_words: str
    say_other: str
    """What to type to take the other branch (extraction reads it)."""


DEFAULT_PATHS: dict[str, DefaultPath] = {
    p.fact: p
    for p in (
        DefaultPath(
            "visceral_crisis",
            False,
            "no visceral crisis",
            "there is no visceral crisis",
            "visceral crisis",
            "there is visceral crisis",
            "visceral crisis: yes",
        ),
        DefaultPath(
            "brain_metastases",
            False,
            "no active brain metastases",
            "there are no active brain metastases",
            "active brain metastases",
            "there are active brain metastases",
            "active brain metastases: yes",
        ),
        DefaultPath(
            "chemo_candidate",
            True,
            "able to tolerate chemotherapy",
            "the patient can tolerate chemotherapy",
            "not a candidate for chemotherapy",
            "the patient is not a candidate for chemotherapy",
            "not a candidate for chemotherapy",
        ),
        DefaultPath(
            "germline_brca",
            False,
            "no germline BRCA mutation",
            "there is no germline BRCA mutation",
            "germline BRCA mutation",
            "there is a germline BRCA1/2 mutation",
            "germline BRCA mutation: yes",
        ),
    )
}

ABLATION_FACT = "ovarian_ablation"
ABLATION_LABEL = "ovarian ablation done"


def _requirement(result: Any) -> tuple[dict[str, bool], tuple[str, ...]]:
    """What the result's node presupposes (node data: ``requires``) and the quote's sections."""
    from chatbot.kb.loader import load_knowledge  # knowledge is loaded once per process

    node = load_knowledge().nodes.get(result.node_id or "")
    if node is None or not node.requires:
        return {}, ()
    return dict(node.requires), node.requires_sources


def needs_ablation(result: Any, facts: dict[str, Any]) -> bool:
    """A post-ovarian-ablation line (node data) for a patient not known to have had it."""
    requires, _ = _requirement(result)
    return ABLATION_FACT in requires and facts.get(ABLATION_FACT) is not requires[ABLATION_FACT]


def ablation_missing(result: Any, facts: dict[str, Any]) -> tuple[Any, ...]:
    """The engine's ``missing`` with ovarian ablation first when it decides which line
    applies (a node-level question, asked before any applicability question)."""
    missing = tuple(result.missing)
    if not needs_ablation(result, facts) or ABLATION_FACT in facts:
        return missing
    entry = DecisiveFact(ABLATION_FACT, "node", ("post-ovarian ablation line",))
    return (entry, *[m for m in missing if m.fact != ABLATION_FACT])


def ablation_sources(result: Any) -> tuple[str, ...]:
    """Where the guideline says its later pre-menopausal lines follow ovarian ablation."""
    _, sources = _requirement(result)
    node = result.node_id
    own = f"{node}/narrative"
    if own in sources:
        return (own,)
    return sources[:1] or ((own,) if node else ())


def with_conditions(result: Any, reasons: Iterable[Reason]) -> Any:
    """Every option not ruled out becomes conditional on ``reasons`` (``applicable: null``)."""
    extra = tuple(reasons)
    if not extra:
        return result
    options = tuple(conditional_option(o, extra) for o in result.options)
    return dataclasses.replace(result, options=options)


def conditional_option(option: Any, reasons: tuple[Reason, ...]) -> Any:
    if option.applicable is False:
        return option  # a known fact rules it out whatever the open condition
    labels = tuple(r.label for r in reasons if r.label not in option.conditions)
    return dataclasses.replace(
        option,
        applicable=None,
        conditions=labels + tuple(option.conditions),
        reasons=reasons + tuple(option.reasons),
    )


def default_reason(path: DefaultPath, sources: tuple[str, ...]) -> Reason:
    return Reason(path.label, "unknown", (path.fact,), sources)


def other_reason(path: DefaultPath, sources: tuple[str, ...]) -> Reason:
    return Reason(path.other_label, "unknown", (path.fact,), sources)


def ablation_reason(result: Any) -> Reason:
    return Reason(ABLATION_LABEL, "unknown", (ABLATION_FACT,), ablation_sources(result))

"""How the dialogue words answers that hold only under a condition the case has not settled.

The engine decides them (``chatbot.engine.branches``: default paths from
knowledge/groups.yaml and node data; ``evaluate``: options of a node that presupposes a
fact, e.g. the post-ovarian-ablation lines, conditional on it). This module only names
the default branches in sentences ("if there is no visceral crisis") and tells whether a
result's node presupposes ovarian ablation the case has not given.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class DefaultPath:
    """A deciding fact's guideline default branch and how the two branches are named."""

    fact: str
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
            "no visceral crisis",
            "there is no visceral crisis",
            "visceral crisis",
            "there is visceral crisis",
            "visceral crisis: yes",
        ),
        DefaultPath(
            "brain_metastases",
            "no active brain metastases",
            "there are no active brain metastases",
            "active brain metastases",
            "there are active brain metastases",
            "active brain metastases: yes",
        ),
        DefaultPath(
            "chemo_candidate",
            "able to tolerate chemotherapy",
            "the patient can tolerate chemotherapy",
            "not a candidate for chemotherapy",
            "the patient is not a candidate for chemotherapy",
            "not a candidate for chemotherapy",
        ),
        DefaultPath(
            "germline_brca",
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

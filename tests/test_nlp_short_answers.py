"""Short replies read against the pending question (chatbot.dialogue.policy.read_short_answer).

Issue 10, class 7: "Not yet.", "nope", "never", "pending", "not done", "One, capecitabine.",
"biomarkers unknown". A reply saying a test was not done is unknown, never negative.
"""

from __future__ import annotations

import pytest

from chatbot.dialogue.policy import read_short_answer
from chatbot.dialogue.state import PendingQuestion

PANEL = ("pik3ca", "esr1", "akt1", "pten", "germline_brca")


def pending(fact: str, choices: tuple[str, ...] = ("yes", "no", "unknown")) -> PendingQuestion:
    return PendingQuestion(fact, (fact,), choices)


def panel() -> PendingQuestion:
    return PendingQuestion("pik3ca", PANEL, ("none found", "not tested"), panel=True)


LINES = ("0", "1", "2", "3+", "unknown")
CASES = [
    # (question, reply, facts, unknown)
    (pending("prior_lines", LINES), "Not yet.", {"prior_lines": 0}, ()),
    (pending("prior_lines", LINES), "none yet", {"prior_lines": 0}, ()),
    (pending("prior_lines", LINES), "nope", {"prior_lines": 0}, ()),
    (pending("prior_lines", LINES), "never", {"prior_lines": 0}, ()),
    (pending("prior_lines", LINES), "One, capecitabine.", {"prior_lines": 1}, ()),
    (pending("prior_lines", LINES), "just one", {"prior_lines": 1}, ()),
    (pending("prior_lines", LINES), "pending", {}, ("prior_lines",)),
    (pending("brain_metastases"), "Not yet.", {"brain_metastases": False}, ()),
    (pending("brain_metastases"), "nope", {"brain_metastases": False}, ()),
    (pending("brain_metastases"), "not done", {}, ("brain_metastases",)),
    (pending("ovarian_ablation"), "never", {"ovarian_ablation": False}, ()),
    (pending("germline_brca"), "Not yet.", {}, ("germline_brca",)),
    (pending("germline_brca"), "never tested", {}, ("germline_brca",)),
    (pending("germline_brca"), "results not back", {}, ("germline_brca",)),
    (pending("germline_brca"), "negative", {"germline_brca": False}, ()),
    (pending("pdl1", ("positive", "negative", "unknown")), "Not yet.", {}, ("pdl1",)),
    (pending("pdl1", ("positive", "negative", "unknown")), "neg", {"pdl1": "negative"}, ()),
    (panel(), "biomarkers unknown", {}, PANEL),
    (panel(), "all unknown", {}, PANEL),
    (panel(), "none tested", {}, PANEL),
    (panel(), "not yet", {}, PANEL),
    (panel(), "pending", {}, PANEL),
    (panel(), "all negative", dict.fromkeys(PANEL, False), ()),
]


@pytest.mark.parametrize(
    "question,reply,facts,unknown",
    CASES,
    ids=[f"{c[0].fact}:{c[1]}" for c in CASES],
)
def test_short_reply(question: PendingQuestion, reply: str, facts: dict, unknown: tuple) -> None:  # type: ignore[type-arg]
    answer = read_short_answer(question, reply)
    assert answer is not None
    assert answer.facts == facts
    assert set(answer.unknown) == set(unknown)


@pytest.mark.parametrize(
    "reply", ["never tested", "none tested", "not tested yet", "no testing done"]
)
def test_not_tested_is_never_negative(reply: str) -> None:
    for question in (panel(), pending("germline_brca"), pending("pik3ca")):
        answer = read_short_answer(question, reply)
        assert answer is not None and False not in answer.facts.values(), (question.fact, reply)


def test_free_text_is_left_to_extraction() -> None:
    """A reply with more than a bare answer is extracted as usual (None here)."""
    assert read_short_answer(pending("pdl1", ("positive", "negative", "unknown")), "CPS 12") is None
    assert read_short_answer(pending("menopausal_status"), "she is postmenopausal") is None

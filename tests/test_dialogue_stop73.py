"""The what-if's own question, news told after it, the subjunctive progression and a regimen
told begun (stop 73; left alone at stop 72).

- News told after a what-if's question ("What if she had ESR1? Also she progressed on
  fulv+abema") had gone into the hypothesis: the case never heard of the progression. It is
  now the case's news, and the what-if is answered on it.
- The assumption is its own question's: what follows its question mark ("Then elacestrant?",
  "Would you add ovarian suppression?") had been assumed too (elacestrant as a prior therapy).
- "Should she progress, what then?" and "Should she fail fulvestrant, what next?" assumed
  nothing (the subjunctive verb was not read).
- A regimen told begun ("Started letrozole + ribociclib.") was not the one she is on, so "She
  progressed." then asked which regimen failed.
"""

from __future__ import annotations

import pytest

from chatbot.dialogue.router import current_failing
from chatbot.dialogue.whatif import news_after_what_if, what_if_clause

CASE = (
    "62F ER+ HER2- MBC bone and liver, postmenopausal, no visceral crisis, currently on "
    "fulvestrant + abemaciclib, her first treatment for metastatic disease"
)


@pytest.mark.parametrize(
    ("text", "news"),
    [
        (
            "What if she had ESR1? Also she progressed on fulv+abema",
            "Also she progressed on fulv+abema",
        ),
        (
            "What if she had an ESR1 mutation? She progressed on fulvestrant last month, btw.",
            "She progressed on fulvestrant last month, btw.",
        ),
        (
            "What if she had ESR1? What next? She progressed on fulv+abema.",
            "She progressed on fulv+abema.",
        ),
    ],
)
def test_news_after_a_what_ifs_question_is_parted(text: str, news: str) -> None:
    parted = news_after_what_if(text)
    assert parted is not None and parted[0] == news


@pytest.mark.parametrize(
    "text",
    [
        "What if she had ESR1? Then elacestrant?",
        "What if she were pre-menopausal? Would you add ovarian suppression?",
        "What if she had ESR1? She'd be on elacestrant then.",
        "What if she had ESR1? In that case elacestrant.",
        "What if she had ESR1? Also PIK3CA?",
        "What if she had ESR1? She has PIK3CA too.",
        "What if she had ESR1? Assume also PIK3CA mutated.",
        "What if she had ESR1?",
        "She progressed. What if she had ESR1?",
    ],
)
def test_what_asks_of_the_what_if_or_assumes_more_is_not_news(text: str) -> None:
    assert news_after_what_if(text) is None


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        ("What if she had ESR1? Then elacestrant?", "she had ESR1"),
        # (what may assume more stays in the assumption: the review of stop 73)
        ("What if she had ESR1? Also PIK3CA?", "she had ESR1? Also PIK3CA"),
        ("What if she were premenopausal? Age 40.", "she were premenopausal? Age 40"),
        ("What if she had ESR1 (Y537S?) and PIK3CA?", "she had ESR1 (Y537S?) and PIK3CA"),
        ("What if she were pre-menopausal? Would you add OFS?", "she were pre-menopausal"),
        ("Were she pre-menopausal? What then?", "she Were pre-menopausal"),
        ("What if she had ESR1 and PIK3CA?", "she had ESR1 and PIK3CA"),
    ],
)
def test_the_assumption_is_its_own_questions(text: str, clause: str) -> None:
    assert what_if_clause(text) == clause


def test_the_news_after_the_what_if_changes_the_case(session_factory) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send(CASE)
    reply = session.send("What if she had ESR1? Also she progressed on fulv+abema")
    assert reply.hypothesis == {"esr1": True}
    assert reply.facts["progressed_on"] == ["fulvestrant", "abemaciclib"]
    assert reply.facts["prior_lines"] == 1
    assert reply.facts.get("esr1") is not True


def test_a_question_after_the_what_if_assumes_nothing_more(session_factory) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send(CASE)
    reply = session.send("What if she had ESR1? Then elacestrant?")
    assert reply.hypothesis == {"esr1": True}
    assert reply.facts["prior_therapies"] == ["fulvestrant", "abemaciclib"]


@pytest.mark.parametrize(
    "text",
    ["Should she progress, what then?", "Should she fail fulvestrant, what next?"],
)
def test_the_subjunctive_progression_assumes_the_regimen_she_is_on(
    session_factory, text: str
) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send(CASE)
    reply = session.send(text)
    assert reply.hypothesis is not None
    assert reply.hypothesis["progressed_on"] == ["fulvestrant", "abemaciclib"]
    assert reply.recommendation is not None and reply.recommendation.line == 2
    assert "progressed_on" not in reply.facts


@pytest.mark.parametrize(
    ("text", "failing"),
    [
        ("she progress, what then", True),
        ("he progress", True),
        ("to progress further is likely", False),
        ("progress notes reviewed", False),
    ],
)
def test_the_bare_verb_is_hers_only_after_her(text: str, failing: bool) -> None:
    assert current_failing(text) is failing


def test_a_regimen_told_begun_is_the_one_she_is_on(session_factory) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send("55F ER+ HER2- MBC bone only, postmenopausal, no visceral crisis, treatment-naive")
    session.send("Started letrozole + ribociclib.")
    reply = session.send("She progressed.")
    assert reply.facts["progressed_on"] == ["letrozole", "ribociclib"]
    assert reply.facts["prior_lines"] == 1
    assert reply.kind in ("answer", "question")  # the biomarkers that matter now may be asked


# -- her disease told growing, or new lesions: progression as a scan reads it ------------------
GROWING_CASE = (
    "62yo postmenopausal ER+/HER2-, bone mets only, no visceral crisis, currently on first-line "
    "letrozole + palbociclib, germline BRCA negative, PIK3CA not tested"
)


@pytest.mark.parametrize(
    "text",
    [
        "the scan showed it is growing again",
        "Her liver mets are growing, what now?",
        "Bone lesions are bigger on the restaging scan. Next?",
    ],
)
def test_her_disease_told_growing_fails_the_regimen_she_is_on(session_factory, text: str) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send(GROWING_CASE)
    reply = session.send(text)
    assert reply.facts["progressed_on"] == ["letrozole", "palbociclib"]
    assert reply.facts["prior_lines"] == 1
    assert reply.fact_origins["progressed_on"].inferred  # shown as an inference she can correct


@pytest.mark.parametrize(
    "text",
    [
        "Stable, no new lesions.",
        "Bone mets not growing.",
        "Is it growing?",
        "Her hair is growing back.",
        "The lesions were growing before she started palbo.",
        "What if it is growing?",
        # the review of stop 73
        "Happy with the progress so far.",
        "Hoping she progress slowly.",
        "new lesions: none",
        "New sclerotic bone lesions, likely healing flare.",
        "Her daughter's tumour is growing.",
        "The mass is larger than 5 cm.",
        "Nothing suggests the mets are growing.",
        "Doubt the mets are growing.",
        "Check for new lesions next month.",
        "Should she progress or not, we continue palbo?",
    ],
)
def test_growth_denied_asked_earlier_or_not_of_her_disease_changes_nothing(
    session_factory, text: str
) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send(GROWING_CASE)
    reply = session.send(text)
    assert "progressed_on" not in reply.facts
    assert reply.facts["prior_lines"] == 0


@pytest.mark.parametrize(
    ("after", "assumed"),
    [
        ("Also PIK3CA?", {"esr1": True, "pik3ca": True}),
        ("Assume also PIK3CA mutated.", {"esr1": True, "pik3ca": True}),
        ("Plus visceral crisis.", {"esr1": True, "visceral_crisis": True}),
    ],
)
def test_a_second_assumption_after_the_question_stays_assumed(
    session_factory, after: str, assumed: dict
) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send(CASE)
    reply = session.send(f"What if she had ESR1? {after}")
    assert reply.hypothesis == assumed
    assert reply.facts.get("pik3ca") is not True and reply.facts.get("visceral_crisis") is not True


def test_news_after_a_question_of_the_what_if_is_still_the_cases(session_factory) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send(CASE)
    reply = session.send("What if she had ESR1? What next? She progressed on fulv+abema.")
    assert reply.hypothesis == {"esr1": True}
    assert reply.facts["progressed_on"] == ["fulvestrant", "abemaciclib"]


@pytest.mark.parametrize(
    ("told", "failing"),
    [
        ("Stopped ribociclib for toxicity.", ["letrozole"]),
        ("Added abemaciclib.", ["letrozole", "ribociclib", "abemaciclib"]),
    ],
)
def test_a_drug_told_stopped_or_added_changes_the_regimen_she_is_on(
    session_factory, told: str, failing: list[str]
) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send("55F ER+ HER2- MBC bone only, postmenopausal, no visceral crisis, treatment-naive")
    session.send("Started letrozole + ribociclib.")
    session.send(told)
    reply = session.send("She progressed.")
    assert reply.facts["progressed_on"] == failing


def test_another_drug_told_leaves_the_regimen_she_is_on_asked(session_factory) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send("55F ER+ HER2- MBC bone only, postmenopausal, no visceral crisis, treatment-naive")
    session.send("Started letrozole.")
    session.send("She had tamoxifen years ago too.")
    reply = session.send("She progressed.")
    assert reply.kind == "clarification"
    assert "progressed_on" not in reply.facts

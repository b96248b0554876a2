"""Follow-up policy, merging and corrections, driven with a stand-in extractor.

The stand-in maps each message to the facts a perfect extractor would read, so
these tests exercise the dialogue's own decisions (what to ask, when to stop,
what a correction changes) with the real engine and grounding check, whatever
the state of the NLP. End-to-end tests with real extraction are in test_session.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import jsonschema
import pytest

from chatbot.contract import REPLY_JSON_SCHEMA, Reply
from chatbot.dialogue.backends import Backends
from chatbot.dialogue.policy import PANEL
from chatbot.dialogue.retrieval import load_retriever
from chatbot.dialogue.session import Session
from chatbot.nlp.types import Contradiction, DrugMention, Extraction, Span

HEADLINE = "headline"
CASES: dict[str, dict[str, Any]] = {
    HEADLINE: {
        "facts": {
            "age": 65,
            "sex": "female",
            "menopausal_status": "post",
            "hormone_receptor": "positive",
            "her2": "negative",
            "progressed_on": ["fulvestrant"],
            "metastatic_sites": ["bone"],
        },
        "inferred": {"menopausal_status"},
    },
    "no crisis": {"facts": {"visceral_crisis": False}},
    "pre": {"facts": {"menopausal_status": "pre"}},
    "post": {"facts": {"menopausal_status": "post"}},
    "actually pre": {"facts": {"menopausal_status": "pre"}, "corrections": {"menopausal_status"}},
    "age 42": {"facts": {"age": 42}, "corrections": {"age"}},
    "inferred post": {"facts": {"menopausal_status": "post"}, "inferred": {"menopausal_status"}},
    "pik3ca": {"facts": {"pik3ca": True}},
    "contradiction": {
        "contradictions": (Contradiction("hormone_receptor", ("positive", "negative"), ()),)
    },
    "uncertain meno": {
        "facts": {"age": 52, "hormone_receptor": "positive", "her2": "negative"},
        "uncertain": {"menopausal_status": Span(0, 3, "not not postmenopausal")},
    },
    "uncertain age": {
        "facts": {"hormone_receptor": "positive", "her2": "negative"},
        "uncertain": {"age": Span(0, 7, "age 300")},
    },
    "lines not given": {
        "facts": {
            "age": 70,
            "hormone_receptor": "positive",
            "her2": "negative",
            "menopausal_status": "post",
            "visceral_crisis": False,
        }
    },
    "tnbc": {
        "facts": {
            "age": 50,
            "hormone_receptor": "negative",
            "her2": "negative",
            "pdl1": "negative",
            "visceral_crisis": False,
            "prior_lines": 0,
        }
    },
    "vc yes": {"facts": {"visceral_crisis": True}},
    "post line 2 on letrozole + ribociclib": {
        "facts": {
            "age": 67,
            "sex": "female",
            "menopausal_status": "post",
            "hormone_receptor": "positive",
            "her2": "negative",
            "visceral_crisis": False,
            "prior_lines": 1,
            "progressed_on": ["letrozole", "ribociclib"],
            "pik3ca": False,
            "esr1": False,
            "akt1": False,
            "pten": False,
        }
    },
    "sorry, it was letrozole + palbociclib, not ribociclib": {
        # as extraction reads it: the drugs as prior therapies, ribociclib negated
        "facts": {"prior_therapies": ["letrozole", "palbociclib"], "prior_cdk46": True},
        "drugs": (("letrozole", False), ("palbociclib", False), ("ribociclib", True)),
    },
    "she had letrozole + palbociclib, not ribociclib": {
        # as extraction reads it: the drugs as prior therapies, ribociclib negated
        "facts": {"prior_therapies": ["letrozole", "palbociclib"], "prior_cdk46": True},
        "drugs": (("letrozole", False), ("palbociclib", False), ("ribociclib", True)),
    },
    "ablation yes": {"facts": {"ovarian_ablation": True}},
    "hr+ first line, crisis not said": {
        "facts": {
            "age": 70,
            "sex": "female",
            "menopausal_status": "post",
            "hormone_receptor": "positive",
            "her2": "negative",
            "prior_lines": 0,
        }
    },
    "pre line 2": {
        "facts": {
            "age": 42,
            "sex": "female",
            "menopausal_status": "pre",
            "hormone_receptor": "positive",
            "her2": "negative",
            "visceral_crisis": False,
            "prior_lines": 1,
            "progressed_on": ["tamoxifen"],
        }
    },
    "male hr+": {
        "facts": {
            "age": 72,
            "sex": "male",
            "hormone_receptor": "positive",
            "her2": "negative",
            "prior_lines": 0,
        }
    },
    "male her2+ progressed": {
        "facts": {
            "age": 60,
            "sex": "male",
            "hormone_receptor": "negative",
            "her2": "positive",
            "visceral_crisis": False,
            "prior_lines": 1,
            "progressed_on": ["pertuzumab", "trastuzumab", "docetaxel"],
        }
    },
    "her2+ progressed": {
        "facts": {
            "age": 62,
            "hormone_receptor": "negative",
            "her2": "positive",
            "visceral_crisis": False,
            "prior_lines": 1,
            "progressed_on": ["pertuzumab", "trastuzumab", "docetaxel"],
        }
    },
}


def stand_in_extract(text: str) -> Extraction:
    spec = CASES.get(text, {})
    return Extraction(
        text,
        facts=dict(spec.get("facts", {})),
        inferred=frozenset(spec.get("inferred", ())),
        corrections=frozenset(spec.get("corrections", ())),
        contradictions=tuple(spec.get("contradictions", ())),
        uncertain=dict(spec.get("uncertain", {})),
        drugs=tuple(
            DrugMention(name, None, name, Span(0, len(name), name), "exact", negated, "prior")
            for name, negated in spec.get("drugs", ())
        ),
    )


class Boom(RuntimeError):
    pass


@pytest.fixture(scope="module")
def make_session(knowledge):  # type: ignore[no-untyped-def]
    from chatbot.engine import evaluate
    from chatbot.kb.grounding import check_statement

    retriever = load_retriever()

    def _extract(text: str) -> Extraction:
        if text == "explode":
            raise Boom("extractor failure")
        return stand_in_extract(text)

    def _evaluate(facts: Mapping[str, Any]) -> Any:
        return evaluate(facts, knowledge=knowledge)

    backends = Backends(
        _extract, _evaluate, lambda st: check_statement(st, knowledge), retriever, retriever.index
    )
    return lambda: Session(backends)


def _valid(reply: Reply) -> Reply:
    jsonschema.validate(reply.to_dict(), REPLY_JSON_SCHEMA)
    return reply


def _run(session: Session, *messages: str) -> list[Reply]:
    return [_valid(session.send(m)) for m in messages]


def test_headline_asks_only_decisive_facts_once_each(make_session) -> None:  # type: ignore[no-untyped-def]
    session = make_session()
    replies = _run(session, HEADLINE, "no", "yes", "not tested")
    asked = [r.asks for r in replies if r.kind == "question"]
    assert asked == ["visceral_crisis", "prior_lines", "pik3ca"]
    assert len(asked) == len(set(asked)) <= 4
    answer = replies[-1]
    assert answer.kind == "answer" and answer.recommendation is not None
    assert (answer.recommendation.patient_group, answer.recommendation.line) == (
        "hr-pos-her2-neg-postmenopausal",
        2,
    )
    fulvestrant = [o for o in answer.recommendation.options if "fulvestrant" in o.drugs]
    assert fulvestrant and all(any("fulvestrant" in f for f in o.flags) for o in fulvestrant)
    assert session.dropped == []


def test_biomarker_panel_is_one_question_and_not_tested_means_conditional(make_session) -> None:  # type: ignore[no-untyped-def]
    session = make_session()
    *_, panel, answer = _run(session, HEADLINE, "no", "yes", "not tested")
    assert panel.kind == "question" and panel.asks in PANEL
    assert "not tested" in panel.choices
    options = {o.drugs: o for o in answer.recommendation.options}  # type: ignore[union-attr]
    assert options[("fulvestrant", "alpelisib")].applicable is None
    assert options[("elacestrant",)].applicable is None
    for fact in ("pik3ca", "esr1", "akt1", "pten"):
        assert fact not in answer.facts
    # asking again for the case re-evaluates without re-asking the panel
    again = _valid(session.send("what next?"))
    assert again.kind == "answer"


def test_a_known_biomarker_answers_the_panel(make_session) -> None:  # type: ignore[no-untyped-def]
    session = make_session()
    *_, answer = _run(session, HEADLINE, "no", "yes", "pik3ca")
    assert answer.kind == "answer"
    options = {o.drugs: o for o in answer.recommendation.options}  # type: ignore[union-attr]
    assert options[("fulvestrant", "alpelisib")].applicable is True
    assert options[("elacestrant",)].applicable is None  # ESR1 still unknown: "if …"


def test_unknown_is_never_asked_again(make_session) -> None:  # type: ignore[no-untyped-def]
    session = make_session()
    replies = _run(session, HEADLINE, "unknown", "yes", "not tested")
    asked = [r.asks for r in replies if r.kind == "question"]
    assert asked.count("visceral_crisis") == 1
    answer = replies[-1]
    assert answer.kind == "answer"
    assert any("not known" in s.text and s.basis == "system" for s in answer.statements)
    assert "visceral_crisis" not in answer.facts


def test_uninterpretable_reply_reasks_once_then_moves_on(make_session) -> None:  # type: ignore[no-untyped-def]
    session = make_session()
    first, again, moved = _run(session, HEADLINE, "purple", "banana")
    assert first.asks == "visceral_crisis"
    assert again.kind == "clarification" and again.choices == first.choices
    assert moved.kind == "question" and moved.asks == "prior_lines"


def test_correction_changes_group_and_says_what_changed(make_session) -> None:  # type: ignore[no-untyped-def]
    session = make_session()
    *_, answer = _run(session, HEADLINE, "no", "yes", "not tested")
    corrected = _valid(session.send("actually pre"))
    assert corrected.facts["menopausal_status"] == "pre"
    texts = " ".join(s.text for s in corrected.statements)
    assert "post-menopausal → pre-menopausal" in texts
    if corrected.kind == "answer":
        assert corrected.recommendation.patient_group == "hr-pos-her2-neg-premenopausal"  # type: ignore[union-attr]
        assert "recommendation changed" in texts
    assert answer.recommendation.patient_group == "hr-pos-her2-neg-postmenopausal"  # type: ignore[union-attr]


def test_inference_never_overrides_a_stated_fact(make_session) -> None:  # type: ignore[no-untyped-def]
    session = make_session()
    _run(session, HEADLINE, "actually pre", "inferred post")
    assert session.facts["menopausal_status"] == "pre"
    assert session.fact_origins["menopausal_status"].inferred is False


def test_a_conflicting_value_without_correction_cue_is_kept_and_flagged(make_session) -> None:  # type: ignore[no-untyped-def]
    session = make_session()
    _run(session, HEADLINE, "no", "actually pre")
    reply = _valid(session.send("post"))
    assert session.facts["menopausal_status"] == "pre"
    assert any("I kept" in s.text and s.basis == "system" for s in reply.statements)
    reply = _valid(session.send("pre"))  # the same value again: nothing to flag
    assert not any("I kept" in s.text for s in reply.statements)


def test_changed_basis_drops_its_inference(make_session) -> None:  # type: ignore[no-untyped-def]
    session = make_session()
    _run(session, HEADLINE)
    assert session.fact_origins["menopausal_status"].inferred
    reply = _valid(session.send("age 42"))
    assert session.facts["age"] == 42
    assert "menopausal_status" not in session.facts
    assert reply.kind == "question"
    assert "menopausal_status" in [m.fact for m in session.last_result.missing]


def test_a_withdrawn_basis_takes_its_inference_with_it() -> None:
    from chatbot.dialogue.state import CaseState, FactOrigin

    state = CaseState(
        facts={"age": 65, "menopausal_status": "post"},
        origins={
            "age": FactOrigin(65, False, "65", 1),
            "menopausal_status": FactOrigin("post", True, "", 1),
        },
    )
    changes = state.withdraw("age")
    assert [(c.fact, c.old, c.new) for c in changes] == [
        ("age", 65, None),
        ("menopausal_status", "post", None),
    ]
    assert state.facts == {} and state.origins == {}
    assert state.withdraw("age") == []  # nothing held: no change


def test_contradiction_asks_and_leaves_the_fact_unchanged(make_session) -> None:  # type: ignore[no-untyped-def]
    session = make_session()
    reply = _valid(session.send("contradiction"))
    assert reply.kind == "question" and reply.asks == "hormone_receptor"
    assert "hormone_receptor" not in reply.facts
    assert set(reply.choices) == {"positive", "negative", "unknown"}


def test_failure_inside_a_turn_restores_the_case(make_session) -> None:  # type: ignore[no-untyped-def]
    session = make_session()
    _run(session, HEADLINE, "no")
    before = dict(session.facts)
    reply = _valid(session.send("explode"))
    assert reply.kind == "clarification"
    assert session.facts == before
    assert _valid(session.send("yes")).asks == "pik3ca"  # the pending question survived


def test_unknown_brain_metastases_shows_both_variants(make_session) -> None:  # type: ignore[no-untyped-def]
    session = make_session()
    first = _valid(session.send("her2+ progressed"))
    assert first.asks == "brain_metastases"
    answer = _valid(session.send("unknown"))
    options = {o.drugs: o for o in answer.recommendation.options}  # type: ignore[union-attr]
    # never assumed: the default path's option is conditional too
    tdxd = options[("trastuzumab deruxtecan",)]
    assert tdxd.applicable is None and "no active brain metastases" in tdxd.conditions
    tucatinib = options[("tucatinib", "trastuzumab", "capecitabine")]
    assert tucatinib.applicable is None and "active brain metastases" in tucatinib.conditions
    other = [
        s
        for s in answer.statements
        if s.basis == "guideline"
        and "hr-neg-her2-pos/line-2-brain-metastases/narrative" in s.sources
    ]
    assert other, "the other branch is named with its sections"
    assert not any("assum" in s.text.lower() for s in answer.statements)


def test_same_conversation_same_replies(make_session) -> None:  # type: ignore[no-untyped-def]
    script = [HEADLINE, "no", "yes", "not tested", "why", "sources", "actually pre", "facts"]
    first = [r.to_dict() for r in _run(make_session(), *script)]
    second = [r.to_dict() for r in _run(make_session(), *script)]
    assert first == second


def test_a_fact_left_uncertain_is_asked_first(make_session) -> None:  # type: ignore[no-untyped-def]
    reply = _valid(make_session().send("uncertain meno"))
    assert reply.kind == "question" and reply.asks == "menopausal_status"
    assert "menopausal_status" not in reply.facts


def test_an_unclear_fact_the_answer_does_not_need_is_checked_back_once(make_session) -> None:  # type: ignore[no-untyped-def]
    session = make_session()
    reply = _valid(session.send("uncertain age"))
    assert reply.kind == "clarification" and "age" not in reply.facts
    follow = _valid(session.send("70"))
    assert session.facts["age"] == 70
    assert follow.kind == "question" and follow.asks != "age"


def test_asking_for_the_answer_while_a_question_is_open_repeats_it(make_session) -> None:  # type: ignore[no-untyped-def]
    session = make_session()
    first = _valid(session.send(HEADLINE))
    again = _valid(session.send("what do you recommend?"))
    assert again.kind == "clarification" and again.choices == first.choices
    assert _valid(session.send("no")).asks == "prior_lines"


def test_the_next_answer_after_a_correction_says_what_changed(make_session) -> None:  # type: ignore[no-untyped-def]
    session = make_session()
    _run(session, HEADLINE, "no", "yes", "not tested")
    reply = _valid(session.send("actually pre"))
    for _ in range(3):
        if reply.kind != "question":
            break
        reply = _valid(session.send("no"))
    assert reply.kind == "answer"
    assert reply.recommendation.patient_group == "hr-pos-her2-neg-premenopausal"  # type: ignore[union-attr]
    diff = [s for s in reply.statements if "recommendation changed" in s.text]
    assert len(diff) == 1 and diff[0].basis == "guideline" and diff[0].sources
    assert "post-menopausal" in diff[0].text and "pre-menopausal" in diff[0].text
    # reported once: asking again gives the answer without the diff
    again = _valid(session.send("what next?"))
    assert not any("recommendation changed" in s.text for s in again.statements)


def test_unknown_line_is_never_guessed_every_line_is_a_branch(make_session) -> None:  # type: ignore[no-untyped-def]
    session = make_session()
    first = _valid(session.send("lines not given"))
    assert first.asks == "prior_lines"
    reply = _valid(session.send("unknown"))
    assert reply.kind == "answer" and reply.recommendation is None
    assert [b.when for b in reply.branches] == [{"prior_lines": n} for n in range(6)]
    assert [b.recommendation.line for b in reply.branches] == list(range(1, 7))  # type: ignore[union-attr]
    assert {b.recommendation.patient_group for b in reply.branches} == {  # type: ignore[union-attr]
        "hr-pos-her2-neg-postmenopausal"
    }
    assert "2nd line" in reply.choices
    assert "prior_lines" not in reply.facts


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("Fulvestrant was her first treatment for metastatic disease.", 1),
        ("it was her second line", 2),
        ("this is her 3rd line of therapy", 3),
        ("2", 2),
    ],
)
def test_prior_lines_reply_in_words_or_ordinals(text: str, lines: int) -> None:
    from chatbot.dialogue.policy import read_short_answer
    from chatbot.dialogue.state import PendingQuestion

    pending = PendingQuestion("prior_lines", ("prior_lines",), ("yes", "2", "3", "4", "unknown"))
    answer = read_short_answer(pending, text)
    assert answer is not None and answer.facts == {"prior_lines": lines}


def test_unknown_visceral_crisis_is_answered_conditionally_never_assumed(make_session) -> None:  # type: ignore[no-untyped-def]
    session = make_session()
    first = _valid(session.send("hr+ first line, crisis not said"))
    assert first.asks == "visceral_crisis"
    answer = _valid(session.send("unknown"))
    assert answer.kind == "answer" and "visceral_crisis" not in answer.facts
    rec = answer.recommendation
    assert rec is not None and (rec.patient_group, rec.line) == (
        "hr-pos-her2-neg-postmenopausal",
        1,
    )
    assert rec.options and all(
        o.applicable is None and "no visceral crisis" in o.conditions for o in rec.options
    )
    texts = [s.text.lower() for s in answer.statements]
    assert not any("assum" in t or "usual path" in t for t in texts)
    assert any(t.startswith("if there is no visceral crisis") for t in texts)
    # the other branch: its group and line, cited
    other = [
        s
        for s in answer.statements
        if s.basis == "guideline" and "her2-neg-visceral-crisis/line-1/narrative" in s.sources
    ]
    assert len(other) == 1 and other[0].text.lower().startswith("if there is visceral crisis")
    assert session.dropped == []
    # taking the other branch
    crisis = _valid(session.send("vc yes"))
    assert crisis.kind == "answer" and crisis.facts["visceral_crisis"] is True
    assert crisis.recommendation.patient_group == "her2-neg-visceral-crisis"  # type: ignore[union-attr]
    assert not any("no visceral crisis" in o.conditions for o in crisis.recommendation.options)  # type: ignore[union-attr]


@pytest.mark.parametrize("reply", ["unknown", "no"])
def test_ovarian_ablation_is_asked_and_otherwise_conditional(make_session, reply: str) -> None:  # type: ignore[no-untyped-def]
    session = make_session()
    first = _valid(session.send("pre line 2"))
    assert first.kind == "question" and first.asks == "ovarian_ablation"
    answer = _valid(session.send(reply))
    assert answer.kind == "answer"
    rec = answer.recommendation
    assert rec is not None and (rec.patient_group, rec.line) == ("hr-pos-her2-neg-premenopausal", 2)
    assert rec.options and all(
        o.applicable is None and "ovarian ablation done" in o.conditions for o in rec.options
    )
    # the condition cites the guideline's "Once menopausal state is attained following
    # ovarian ablation …" sentence
    option_statements = [
        s for s in answer.statements if s.part == "bottom" and "ovarian ablation done" in s.text
    ]
    assert option_statements and all(
        "hr-pos-her2-neg-premenopausal/line-2/narrative" in s.sources for s in option_statements
    )
    assert session.dropped == []


def test_known_ovarian_ablation_answers_without_the_condition(make_session) -> None:  # type: ignore[no-untyped-def]
    session = make_session()
    _run(session, "pre line 2")
    answer = _valid(session.send("yes"))
    assert answer.kind == "answer"
    assert answer.facts["ovarian_ablation"] is True
    options = answer.recommendation.options  # type: ignore[union-attr]
    assert not any("ovarian ablation done" in o.conditions for o in options)
    assert any(o.applicable is True for o in options)


def test_first_line_premenopausal_does_not_ask_ovarian_ablation(make_session) -> None:  # type: ignore[no-untyped-def]
    session = make_session()
    reply = _valid(session.send("uncertain meno"))
    reply = _valid(session.send("pre"))
    for _ in range(3):
        if reply.kind != "question":
            break
        assert reply.asks != "ovarian_ablation"
        reply = _valid(session.send("no"))


def test_a_man_is_not_asked_menopausal_status(make_session) -> None:  # type: ignore[no-untyped-def]
    session = make_session()
    reply = _valid(session.send("male hr+"))
    assert reply.asks != "menopausal_status"
    if reply.kind == "question":  # visceral crisis decides whether menopausal status matters
        assert reply.asks == "visceral_crisis"
        assert not any(" she " in f" {s.text.lower()} " for s in reply.statements)
        reply = _valid(session.send("no"))
    assert reply.kind == "info" and reply.asks is None and reply.recommendation is None
    assert any("does not address male patients" in s.text for s in reply.statements)
    cited = {sid for s in reply.statements for sid in s.sources}
    assert cited == {"hr-pos-her2-neg-postmenopausal", "hr-pos-her2-neg-premenopausal"}
    assert not any(w in f" {s.text.lower()} " for s in reply.statements for w in (" she ", " her "))
    # with visceral crisis the group does not depend on menopausal status: answered
    other = make_session()
    assert _valid(other.send("male hr+")).asks == "visceral_crisis"
    crisis = _valid(other.send("yes"))
    assert crisis.kind == "answer"
    assert crisis.recommendation.patient_group == "her2-neg-visceral-crisis"  # type: ignore[union-attr]


def test_a_man_with_hr_negative_disease_is_answered_and_never_called_she(make_session) -> None:  # type: ignore[no-untyped-def]
    session = make_session()
    first = _valid(session.send("male her2+ progressed"))
    assert first.kind == "question" and first.asks == "brain_metastases"
    assert not any(w in f" {s.text.lower()} " for s in first.statements for w in (" she ", " her "))
    answer = _valid(session.send("no"))
    assert answer.kind == "answer"
    assert answer.recommendation.patient_group == "hr-neg-her2-pos"  # type: ignore[union-attr]


def test_a_correction_swapping_a_drug_of_the_current_regimen(make_session) -> None:  # type: ignore[no-untyped-def]
    session = make_session()
    first = _valid(session.send("post line 2 on letrozole + ribociclib"))
    assert first.kind == "answer"
    reply = _valid(session.send("sorry, it was letrozole + palbociclib, not ribociclib"))
    assert reply.facts["progressed_on"] == ["letrozole", "palbociclib"]
    assert "ribociclib" not in reply.facts.get("prior_therapies", [])
    options = {o.drugs: o for o in reply.recommendation.options}  # type: ignore[union-attr]
    assert any("palbociclib" in f for f in options[("fulvestrant", "palbociclib")].flags)
    assert not any("ribociclib" in f for f in options[("fulvestrant", "ribociclib")].flags)


def test_without_a_correction_cue_a_negated_drug_swaps_nothing(make_session) -> None:  # type: ignore[no-untyped-def]
    session = make_session()
    _run(session, "post line 2 on letrozole + ribociclib")
    reply = _valid(session.send("she had letrozole + palbociclib, not ribociclib"))
    assert reply.facts["progressed_on"] == ["letrozole", "ribociclib"]


# Short replies to each kind of question, written after the dialogue transcripts passed;
# first run 9/10 ("can't tell yet" was not read as unknown).
SHORT_REPLIES = [
    ("Nope, no crisis", "visceral_crisis", {"visceral_crisis": False}),
    ("can't tell yet", "visceral_crisis", {}),
    ("yes - goserelin", "ovarian_ablation", {"ovarian_ablation": True}),
    ("not done", "ovarian_ablation", {}),
    ("two: paclitaxel then capecitabine", "prior_chemo_lines", {"prior_chemo_lines": 2}),
    ("zero", "prior_chemo_lines", {"prior_chemo_lines": 0}),
    ("it's her 3rd line", "prior_lines", {"prior_lines": 3}),
    ("Not yet.", "ovarian_ablation", {"ovarian_ablation": False}),
]


@pytest.mark.parametrize(("reply", "fact", "facts"), SHORT_REPLIES)
def test_short_replies_are_read_against_the_question(reply: str, fact: str, facts: dict) -> None:  # type: ignore[type-arg]
    from chatbot.dialogue.policy import question_for, read_short_answer
    from chatbot.dialogue.state import CaseState

    pending = question_for(fact, CaseState()).pending()
    short = read_short_answer(pending, reply)
    assert short is not None, reply
    assert short.facts == facts
    if not facts:
        assert short.unknown == (fact,)

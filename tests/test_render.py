"""The render stage: one answer model for --plain, --json, Markdown and the TUI.

Asserts on the model's structure (lead, details, branches, hypothesis, citations),
and that every sentence the layout shows is a grounded statement.
"""

from __future__ import annotations

import io
import json
from collections import Counter

import pytest

from chatbot.contract import Branch, OptionView, Recommendation, Reply, Statement
from chatbot.kb.grounding import check_statement
from chatbot.modes import run_json, run_plain
from chatbot.render.markdown import conversation_markdown
from chatbot.render.model import reply_view
from chatbot.render.plain import render_reply
from chatbot.render.words import short_section_title

HEADLINE = (
    "What is the recommended next treatment for a 65-year-old woman with metastatic "
    "estrogen-receptor-positive, HER2-negative breast cancer progressing in bone while on "
    "fulvestrant (Faslodex) and denosumab (Xgeva)?"
)
HEADLINE_ANSWERS = {"visceral_crisis": "no", "prior_lines": "yes"}
G = "hr-pos-her2-neg-postmenopausal"


def answer_headline(session_factory) -> Reply:  # type: ignore[no-untyped-def]
    session = session_factory()
    reply = session.send(HEADLINE)
    for _ in range(5):
        if reply.kind != "question":
            break
        reply = session.send(HEADLINE_ANSWERS.get(reply.asks or "", reply.choices[-1]))
    assert reply.kind == "answer"
    return reply


@pytest.fixture(scope="module")
def headline(session_factory) -> Reply:  # type: ignore[no-untyped-def]
    return answer_headline(session_factory)


def test_bottom_line_comes_first_and_every_sentence_is_grounded(headline: Reply) -> None:
    view = reply_view(headline)
    bottom = [line.statement for line in view.lead if line.statement.part == "bottom"]
    assert bottom[0].text.startswith(
        "hormone receptor-positive, HER2-negative, without visceral crisis: post-menopausal"
    )
    assert "2nd line" in bottom[0].text
    texts = [s.text for s in bottom]
    assert any(t.startswith("Primary options that apply now") for t in texts)
    assert any(t.startswith("PIK3CA result decides 3 options") for t in texts)
    assert any(t.startswith("ESR1 result decides 1 option") and "elacestrant" in t for t in texts)
    assert any("continue fulvestrant, on which the disease is progressing" in t for t in texts)
    assert any(t.startswith("Supportive care with any option") for t in texts)
    assert not any(" mg " in t for t in texts)  # no dose in the bottom line
    for statement in headline.statements:
        if statement.basis == "guideline":
            assert statement.sources and check_statement(statement) == [], statement.text
    assert [p.key for p in view.details] == ["dose", "warning", "evidence", "supportive", "case"]


def test_each_drug_dose_is_given_once(headline: Reply) -> None:
    doses = [s for s in headline.statements if s.part == "dose"]
    drugs = Counter(s.text.split(":", 1)[0] for s in doses)
    assert drugs["fulvestrant"] == 1 and max(drugs.values()) == 1
    assert set(drugs) >= {"exemestane", "everolimus", "alpelisib", "capivasertib", "elacestrant"}
    fulvestrant_dose = "500 mg intramuscularly on days 1, 15, 29"
    assert sum(fulvestrant_dose in s.text for s in headline.statements) == 1


def test_all_key_evidence_is_kept(headline: Reply) -> None:
    evidence = [s.text for s in headline.statements if s.part == "evidence"]
    assert len(evidence) > 6  # the old silent cap
    assert any(t.startswith("Elacestrant") for t in evidence)  # the reason to test ESR1
    assert any(t.startswith("Fulvestrant plus capivasertib") for t in evidence)


def test_citations_are_numbered_once_per_reply_with_short_titles(headline: Reply) -> None:
    view = reply_view(headline)
    numbers = [c.number for c in view.citations]
    assert numbers == list(range(1, len(numbers) + 1))
    by_id = {c.section_id: c for c in view.citations}
    assert by_id[f"{G}/line-2/primary-options"].title == (
        "HR+/HER2− post-menopausal › 2nd line › primary options"
    )
    for line in view.lines():
        assert line.numbers == tuple(sorted({by_id[s].number for s in line.statement.sources}))


@pytest.mark.parametrize(
    ("section_id", "title"),
    [
        ("hr-neg-her2-pos/line-2-brain-metastases/narrative",
         "HR−/HER2+ › 2nd line (brain metastases) › narrative"),
        ("tnbc-pdl1-neg/line-1-gbrca", "triple-negative PD-L1− › 1st line (germline BRCA)"),
        ("preamble", "preamble"),
    ],
)  # fmt: skip
def test_short_section_titles(section_id: str, title: str) -> None:
    assert short_section_title(section_id) == title


def _rec(group: str, line: int, drugs: tuple[str, ...], applicable: bool | None) -> Recommendation:
    return Recommendation(
        group,
        line,
        (
            OptionView(
                drugs, "primary", applicable, (), (), (f"{group}/line-{line}/primary-options",)
            ),
        ),
    )


def branched_reply() -> Reply:
    return Reply(
        kind="answer",
        statements=(Statement("HER2 status is not known.", "system"),),
        branches=(
            Branch({"her2": "negative"}, _rec(G, 1, ("letrozole", "ribociclib"), True)),
            Branch({"her2": "positive"}, _rec("hr-pos-her2-pos-postmenopausal", 1, ("trastuzumab", "pertuzumab", "docetaxel"), True)),
        ),
    )  # fmt: skip


def test_branches_each_get_a_grounded_bottom_line_and_a_quick_reply() -> None:
    view = reply_view(branched_reply())
    assert [b.condition for b in view.branches] == ["If HER2-negative", "If HER2-positive"]
    assert view.heading == "Answer by branch"
    assert view.choices == ("HER2-negative", "HER2-positive")  # the deciding fact to answer
    for branch in view.branches:
        for line in branch.lines:
            assert line.statement.basis == "guideline" and line.numbers
            assert check_statement(line.statement) == []
    assert "letrozole + ribociclib" in view.branches[0].lines[0].text
    text = render_reply(branched_reply())
    assert "If HER2-negative:" in text and "If HER2-positive:" in text
    md = conversation_markdown([("first line?", branched_reply())])
    assert "**If HER2-negative:**" in md and "trastuzumab + pertuzumab + docetaxel" in md


def test_a_what_if_is_marked_hypothetical_and_says_what_differs() -> None:
    case = Reply(
        kind="answer", facts={"esr1": False}, recommendation=_rec(G, 2, ("elacestrant",), False)
    )
    what_if = Reply(
        kind="answer",
        facts={"esr1": False},
        hypothesis={"esr1": True},
        recommendation=_rec(G, 2, ("elacestrant",), True),
    )  # fmt: skip
    view = reply_view(what_if, baseline=case)
    assert view.hypothetical and "hypothetical" in view.heading
    assert view.assumed == ("ESR1 mutation (the case: no ESR1 mutation)",)
    differs = view.lead[0].statement
    assert differs.text == "Differs from the case's answer: elacestrant applies (case: ruled out)."
    assert check_statement(differs) == []
    plain = render_reply(what_if, baseline=case)
    assert plain.startswith("== What if — hypothetical (the case is unchanged) ==")
    md = conversation_markdown([("case", case), ("what if ESR1?", what_if)])
    assert "**mbc-chat — What if — hypothetical (the case is unchanged)**" in md


def test_plain_prints_choices_only_for_a_question() -> None:
    declined = Reply(
        kind="out_of_scope", statements=(Statement("Not MBC.", "system"),), choices=("x",)
    )
    asked = Reply(
        kind="question",
        statements=(Statement("Visceral crisis?", "system"),),
        choices=("yes", "no"),
    )
    assert "choices:" not in render_reply(declined)
    assert render_reply(asked).endswith("choices: yes | no")


def test_plain_brief_prints_the_bottom_line_only(headline: Reply) -> None:
    full = render_reply(headline)
    brief = render_reply(headline, brief=True)
    assert "PIK3CA result decides" in brief and "-- Doses" not in brief and " mg " not in brief
    assert "-- Doses" in full and "-- Key evidence --" in full
    assert "Guideline: Metastatic breast cancer: treatment algorithm · " in brief


def test_json_replies_carry_choices(session_factory) -> None:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    run_json(io.StringIO(HEADLINE + "\n"), out, session_factory)
    reply = json.loads(out.getvalue())
    assert reply["kind"] == "question" and reply["choices"] == ["yes", "no", "unknown"]


def test_plain_brief_end_to_end(session_factory) -> None:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    run_plain(io.StringIO(f"{HEADLINE}\nno\nyes\nnot tested\n"), out, session_factory, brief=True)
    text = out.getvalue()
    assert "Primary options that apply now" in text and "-- Doses" not in text


def test_version_names_the_guideline(capsys: pytest.CaptureFixture[str]) -> None:
    from chatbot.cli import main
    from chatbot.kb.pin import guideline_ref

    assert main(["--version"]) == 0
    out = capsys.readouterr().out
    ref = guideline_ref()
    assert out.startswith("mbc-chat ")
    assert f"guideline: {ref.title} · sha256 {ref.sha256[:12]} ({ref.sha256})" in out

"""A fresh export of a real conversation (the TUI's "export as transcript") replays and passes.

Uses the real Session twice: once to record, once to replay the YAML that
``chatbot.export.conversation_transcript`` wrote. Because answers are
deterministic, every recorded expectation must hold on the replay.
"""

from __future__ import annotations

from chatbot.kb.sections import SectionIndex
from chatbot.transcripts.replay import format_outcome, replay_transcript
from chatbot.transcripts.schema import parse_transcript

CONVERSATION = [
    "What is the recommended next treatment for a 65-year-old woman with metastatic "
    "estrogen-receptor-positive, HER2-negative breast cancer progressing in bone while on "
    "fulvestrant (Faslodex) and denosumab (Xgeva)?",
    "no visceral crisis",
    "1",
    "What is the dose of alpelisib?",
    "why",
]


def test_fresh_export_replays_and_passes(section_index: SectionIndex) -> None:
    from chatbot import Session
    from chatbot.export import conversation_transcript

    session = Session()
    exchanges = [(text, session.send(text)) for text in CONVERSATION]
    text = conversation_transcript(exchanges, title="exported headline case")
    transcript = parse_transcript(text, "<export>")
    assert [t.user for t in transcript.turns] == CONVERSATION
    assert transcript.turns[0].expect.kind == exchanges[0][1].kind
    outcome = replay_transcript(transcript, Session, section_index, "<export>")
    assert outcome.passed, format_outcome(outcome)


def test_export_of_an_answer_records_group_line_and_options(section_index: SectionIndex) -> None:
    from chatbot import Session
    from chatbot.export import conversation_transcript

    session = Session()
    text = (
        "68-year-old post-menopausal woman, ER+ HER2- MBC in bone, no visceral crisis, "
        "no treatment yet for metastatic disease."
    )
    reply = session.send(text)
    transcript = parse_transcript(conversation_transcript([(text, reply)], title="t"))
    expect = transcript.turns[0].expect
    assert reply.recommendation is not None  # complete 1st-line case: the bot answers
    assert expect.group == reply.recommendation.patient_group
    assert expect.line == reply.recommendation.line
    assert set(expect.offered) == {frozenset(o.drugs) for o in reply.recommendation.options}
    assert "hr-pos-her2-neg-postmenopausal/line-1" in expect.cites

"""The transcript format, the replayer's checks, JUnit output and coverage — against a fake session.

These tests do not need the real dialogue engine: a scripted session returns
hand-built ``Reply`` objects, so each check is shown to pass on a matching reply
and to FAIL on a reply that differs in exactly that field.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

import pytest

from chatbot.contract import OptionView, Recommendation, Reply, Statement
from chatbot.transcripts.coverage import coverage
from chatbot.transcripts.replay import (
    check_reply,
    discover,
    format_outcome,
    junit_xml,
    nodes_of_reply,
    replay_file,
    replay_transcript,
)
from chatbot.transcripts.schema import (
    Expect,
    Transcript,
    TranscriptError,
    parse_transcript,
    to_yaml,
)

L2 = "hr-pos-her2-neg-postmenopausal/line-2"


def _answer(flags: Sequence[str] = ("she is progressing on fulvestrant",)) -> Reply:
    opts = (
        OptionView(
            ("exemestane", "everolimus"), "primary", True, sources=(f"{L2}/primary-options",)
        ),
        OptionView(
            ("fulvestrant", "alpelisib"),
            "primary",
            None,
            ("PIK3CA mutation",),
            tuple(flags),
            (f"{L2}/primary-options",),
        ),
        OptionView(("exemestane",), "secondary", True, sources=(f"{L2}/secondary-options",)),
    )
    return Reply(
        kind="answer",
        statements=(
            Statement(
                "Options for 2nd line: exemestane 25 mg plus everolimus.",
                "guideline",
                (f"{L2}/primary-options",),
            ),
        ),
        facts={"age": 65, "hormone_receptor": "positive", "progressed_on": ["fulvestrant"]},
        recommendation=Recommendation("hr-pos-her2-neg-postmenopausal", 2, opts),
    )


def _question() -> Reply:
    return Reply(
        kind="question",
        statements=(Statement("Is there visceral crisis?", "system"),),
        facts={"age": 65},
        asks="visceral_crisis",
        choices=("yes", "no"),
    )


class ScriptedSession:
    """Returns the given replies in order, whatever is sent."""

    def __init__(self, replies: Sequence[Reply]) -> None:
        self._replies = list(replies)
        self.sent: list[str] = []

    def send(self, text: str) -> Reply:
        self.sent.append(text)
        return self._replies[len(self.sent) - 1]


def _expect(**kw: object) -> Expect:
    return Expect.model_validate(kw)


# --------------------------------------------------------------------------- schema


def test_unknown_key_is_rejected_with_path_and_turn() -> None:
    text = "title: t\nturns:\n  - user: a\n  - user: b\n    expect: {kind: answer, ofered: [x]}\n"
    with pytest.raises(TranscriptError) as err:
        parse_transcript(text, "transcripts/x.yaml")
    assert err.value.path == "transcripts/x.yaml" and err.value.turn == 2
    assert "ofered" in str(err.value)


@pytest.mark.parametrize(
    "expect",
    [
        "{kind: anwser}",
        "{asks: menopause}",
        "{facts: {age: sixty}}",
        "{facts: {her2: equivocal}}",
        "{group: hr-pos}",
        "{unknown: [colour]}",
        "{offered: [' + ']}",
    ],
)
def test_bad_expectations_are_rejected(expect: str) -> None:
    with pytest.raises(TranscriptError) as err:
        parse_transcript(f"title: t\nturns:\n  - user: a\n    expect: {expect}\n", "p.yaml")
    assert err.value.turn == 1


def test_not_yaml_and_no_turns_are_rejected() -> None:
    with pytest.raises(TranscriptError, match="not valid YAML"):
        parse_transcript("title: [unclosed\n", "p.yaml")
    with pytest.raises(TranscriptError, match="turns"):
        parse_transcript("title: t\nturns: []\n", "p.yaml")


def test_drug_sets_are_order_free_in_both_spellings() -> None:
    e = _expect(
        offered=[["Fulvestrant", "alpelisib"], "alpelisib + fulvestrant"],
        applicable={"fulvestrant+alpelisib": None},
    )
    assert e.offered[0] == e.offered[1] == frozenset({"fulvestrant", "alpelisib"})
    assert list(e.applicable) == ["alpelisib + fulvestrant"]


def test_export_round_trips_and_replays() -> None:
    """What the TUI export writes (from_exchanges + to_yaml) parses back and passes on the same replies."""
    exchanges = [("65F ER+ HER2- on Faslodex", _question()), ("no", _answer())]
    transcript = Transcript.from_exchanges("recorded", exchanges)
    text = to_yaml(transcript)
    again = parse_transcript(text)
    assert again == transcript
    assert again.turns[1].expect.group == "hr-pos-her2-neg-postmenopausal"
    outcome = replay_transcript(again, lambda: ScriptedSession([r for _, r in exchanges]))
    assert outcome.passed, format_outcome(outcome)


# --------------------------------------------------------------------------- checks pass and fail


PASSING = [
    _expect(kind="answer", group="hr-pos-her2-neg-postmenopausal", line=2),
    _expect(facts={"age": 65, "progressed_on": ["fulvestrant"]}, unknown=["pik3ca"]),
    _expect(offered=[["fulvestrant", "alpelisib"], ["exemestane"]], not_offered=[["trastuzumab"]]),
    _expect(applicable={"fulvestrant + alpelisib": None, "exemestane + everolimus": True}),
    _expect(
        flags={"fulvestrant + alpelisib": "PROGRESSING"}, unflagged=["exemestane + everolimus"]
    ),
    _expect(cites=[f"{L2}/primary-options", L2], mentions=["25 mg"], not_mentions=["tamoxifen"]),
    _expect(asks=None),
    _expect(excluded=[["trastuzumab"], ["fulvestrant", "alpelisib", "everolimus"]]),
    _expect(kind=["info", "answer"], cites_any=["hr-neg-her2-pos", L2]),
]

FAILING = [
    (_expect(kind="question"), "kind"),
    (_expect(kind=["question", "info"]), "kind"),
    (_expect(cites_any=["hr-neg-her2-pos", "tnbc-pdl1-pos/line-1"]), "cites_any"),
    (_expect(group="hr-pos-her2-neg-premenopausal"), "group"),
    (_expect(line=3), "line"),
    (_expect(facts={"age": 66}), "facts.age"),
    (_expect(facts={"pik3ca": True}), "facts.pik3ca"),
    (_expect(unknown=["age"]), "facts.age"),
    (_expect(offered=[["fulvestrant"]]), "offered"),
    (_expect(not_offered=[["fulvestrant"]]), "not_offered"),
    (_expect(excluded=[["alpelisib"]]), "excluded"),
    (_expect(excluded=[["exemestane"]]), "excluded"),
    (_expect(applicable={"fulvestrant + alpelisib": True}), "applicable[alpelisib + fulvestrant]"),
    (_expect(applicable={"elacestrant": True}), "applicable[elacestrant]"),
    (_expect(flags={"exemestane + everolimus": "progress"}), "flags[everolimus + exemestane]"),
    (_expect(unflagged=["fulvestrant + alpelisib"]), "unflagged[alpelisib + fulvestrant]"),
    (_expect(cites=[f"{L2}/secondary-options/x", "hr-neg-her2-pos"]), "cites"),
    (_expect(mentions=["capivasertib"]), "mentions"),
    (_expect(not_mentions=["everolimus"]), "not_mentions"),
    (_expect(asks="visceral_crisis"), "asks"),
]


@pytest.mark.parametrize("expect", PASSING)
def test_matching_reply_passes(expect: Expect, section_index) -> None:  # type: ignore[no-untyped-def]
    assert check_reply(expect, _answer(), section_index) == []


@pytest.mark.parametrize(("expect", "field"), FAILING)
def test_differing_reply_fails_on_that_field(expect: Expect, field: str, section_index) -> None:  # type: ignore[no-untyped-def]
    fields = {m.field for m in check_reply(expect, _answer(), section_index)}
    assert field in fields


def test_asks_accepts_any_of_a_list_and_null_means_nothing_asked(section_index) -> None:  # type: ignore[no-untyped-def]
    assert (
        check_reply(_expect(asks=["prior_lines", "visceral_crisis"]), _question(), section_index)
        == []
    )
    assert [m.field for m in check_reply(_expect(asks=None), _question(), section_index)] == [
        "asks"
    ]


def test_answer_expectations_fail_on_a_question(section_index) -> None:  # type: ignore[no-untyped-def]
    fields = {
        m.field
        for m in check_reply(
            _expect(group="tnbc-pdl1-pos", offered=["pembrolizumab"]), _question(), section_index
        )
    }
    assert "recommendation" in fields


def test_uncited_guideline_statement_fails_grounding(section_index) -> None:  # type: ignore[no-untyped-def]
    bad = Reply(kind="info", statements=(Statement("Give fulvestrant 500 mg.", "guideline", ()),))
    assert "grounding" in {m.field for m in check_reply(Expect(), bad, section_index)}


def test_dose_missing_from_cited_section_fails_grounding(section_index) -> None:  # type: ignore[no-untyped-def]
    """The replayer runs the project's grounding check on every statement it sees."""
    bad = Reply(
        kind="info",
        statements=(Statement("Exemestane 25 mg daily.", "guideline", (f"{L2}/narrative",)),),
    )
    assert "grounding" in {m.field for m in check_reply(Expect(), bad, section_index)}
    ok = Reply(
        kind="info",
        statements=(
            Statement("Exemestane 25 mg daily.", "guideline", (f"{L2}/secondary-options",)),
        ),
    )
    assert check_reply(Expect(), ok, section_index) == []


def test_node_is_read_from_cited_sections(section_index) -> None:  # type: ignore[no-untyped-def]
    assert nodes_of_reply(_answer(), section_index) == {L2}
    assert (
        check_reply(
            _expect(group="hr-pos-her2-neg-postmenopausal", node="line-2"), _answer(), section_index
        )
        == []
    )
    bad = check_reply(
        _expect(group="hr-pos-her2-neg-postmenopausal", node="line-3"), _answer(), section_index
    )
    assert [m.field for m in bad] == ["node"]


# --------------------------------------------------------------------------- files, xfail, junit, coverage


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


GOOD = f"""title: good
covers: [{L2}]
turns:
  - user: 65F ER+ HER2- progressing on Faslodex
    expect: {{kind: question, asks: visceral_crisis, facts: {{age: 65}}}}
  - user: no visceral crisis
    expect: {{kind: answer, group: hr-pos-her2-neg-postmenopausal, line: 2, offered: [exemestane]}}
"""


def test_files_replay_with_status_junit_and_coverage(tmp_path: Path, section_index) -> None:  # type: ignore[no-untyped-def]
    good = _write(tmp_path, "a/good.yaml", GOOD)
    bad = _write(tmp_path, "a/bad.yaml", GOOD.replace("line: 2", "line: 3"))
    known = _write(
        tmp_path,
        "b/known.yaml",
        GOOD.replace("line: 2", "line: 3").replace(
            "title: good", "title: k\nxfail: bot says line 2"
        ),
    )
    malformed = _write(
        tmp_path,
        "b/malformed.yaml",
        GOOD.replace("cites", "x").replace("offered: [exemestane]", "offered: [exemestan]"),
    )
    assert discover([tmp_path]) == sorted([good, bad, known, malformed])

    def factory() -> ScriptedSession:
        return ScriptedSession([_question(), _answer()])

    outcomes = {p.name: replay_file(p, factory, section_index) for p in discover([tmp_path])}
    assert {k: o.status for k, o in outcomes.items()} == {
        "good.yaml": "pass",
        "bad.yaml": "fail",
        "known.yaml": "xfail",
        "malformed.yaml": "error",
    }
    assert "turn 2" in outcomes["malformed.yaml"].load_error  # type: ignore[operator]
    assert [k for k, o in outcomes.items() if o.ok] == ["good.yaml", "known.yaml"]
    stale = _write(tmp_path, "c/stale.yaml", GOOD.replace("title: good", "title: s\nxfail: old"))
    xpass = replay_file(stale, factory, section_index)
    assert xpass.status == "xpass" and not xpass.ok  # a stale xfail mark fails the run
    report = format_outcome(outcomes["bad.yaml"])
    assert "turn 2 FAIL" in report and "expected: 3" in report and "actual:   2" in report

    root = ET.fromstring(junit_xml(list(outcomes.values())))
    suite = root.find("testsuite")
    assert suite is not None and suite.get("tests") == "4"
    assert (suite.get("failures"), suite.get("errors"), suite.get("skipped")) == ("1", "1", "1")

    cov = coverage(list(outcomes.values()), section_index)
    assert L2 in cov.nodes_hit and len(cov.nodes_total) == 41
    assert "age" in cov.facts_hit and "visceral_crisis" in cov.facts_hit
    assert f"{L2}/primary-options" in cov.sections_hit


def test_unknown_section_id_is_a_malformed_transcript(tmp_path: Path, section_index) -> None:  # type: ignore[no-untyped-def]
    p = _write(
        tmp_path,
        "x.yaml",
        "title: t\nturns:\n  - user: a\n    expect: {cites: [hr-pos-her2-neg-postmenopausal/line-9]}\n",
    )
    outcome = replay_file(p, lambda: ScriptedSession([_answer()]), section_index)
    assert outcome.status == "error" and "line-9" in (outcome.load_error or "")


def test_a_crashing_session_fails_the_turn(section_index) -> None:  # type: ignore[no-untyped-def]
    class Boom:
        def send(self, text: str) -> Reply:
            raise RuntimeError("kaput")

    t = parse_transcript("title: t\nturns:\n  - user: a\n  - user: b\n")
    outcome = replay_transcript(t, Boom, section_index)
    assert (
        outcome.status == "fail"
        and len(outcome.turns) == 1
        and "kaput" in (outcome.turns[0].error or "")
    )


def test_format_doc_lists_every_expectation_key() -> None:
    """transcripts/README.md documents every key the schema accepts (docs stay in sync)."""
    doc = (Path(__file__).resolve().parent.parent / "transcripts" / "README.md").read_text(
        encoding="utf-8"
    )
    for name in Expect.model_fields:
        assert f"`{name}`" in doc, name
    for name in Transcript.model_fields:
        assert name in doc, name

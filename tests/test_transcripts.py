"""Every transcript under ``transcripts/`` is one test case, replayed through the real Session.

A transcript marked ``xfail: "<reason>"`` is a known bot defect (the transcript
is right per the guideline): it runs, and shows as XFAIL — or, once fixed, XPASS,
which fails (the mark is strict) until the mark is removed. A malformed transcript fails with its path
and turn number. The static tests below check the collection itself: enough
transcripts, every treatment node and every fact covered.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from chatbot.contract import FACTS
from chatbot.kb.sections import SectionIndex
from chatbot.transcripts.coverage import coverage, facts_named
from chatbot.transcripts.replay import (
    SessionFactory,
    TranscriptOutcome,
    discover,
    format_outcome,
    replay_file,
)
from chatbot.transcripts.schema import load_transcript

TRANSCRIPTS_DIR = Path(__file__).resolve().parent.parent / "transcripts"
FILES = discover([TRANSCRIPTS_DIR])
_OUTCOMES: dict[Path, TranscriptOutcome] = {}
# Under pytest-xdist the whole module runs on one worker, so the coverage test at the end
# reads the outcomes of test_transcript instead of replaying every transcript again.
pytestmark = pytest.mark.xdist_group("transcripts")


@pytest.fixture(scope="session")
def session_factory() -> SessionFactory:
    """The real ``chatbot.Session``; the first instance loads spaCy and the knowledge once."""
    from chatbot import Session

    Session()
    return Session


def _id(path: Path) -> str:
    return str(path.relative_to(TRANSCRIPTS_DIR))


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_transcript(
    path: Path,
    session_factory: SessionFactory,
    section_index: SectionIndex,
    request: pytest.FixtureRequest,
) -> None:
    outcome = replay_file(path, session_factory, section_index)
    _OUTCOMES[path] = outcome
    if outcome.load_error is not None:
        pytest.fail(f"malformed transcript: {outcome.load_error}", pytrace=False)
    if outcome.xfail is not None:
        # strict: a fixed bot shows XPASS and fails until the stale mark is removed
        request.applymarker(pytest.mark.xfail(reason=outcome.xfail, strict=True))
    assert outcome.passed, "\n" + format_outcome(outcome)


# --------------------------------------------------------------------------- the collection


def test_at_least_sixty_transcripts_in_folders() -> None:
    assert len(FILES) >= 60
    folders = {p.relative_to(TRANSCRIPTS_DIR).parts[0] for p in FILES}
    assert {
        "nodes",
        "facts",
        "drugs",
        "negation",
        "corrections",
        "info",
        "scope",
        "commands",
        "demos",
    } <= folders


def test_every_treatment_node_has_a_transcript_claiming_it(section_index: SectionIndex) -> None:
    claimed = {tag for p in FILES for tag in load_transcript(p).covers}
    missing = [
        f"{n.group}/{n.node}" for n in section_index.nodes if f"{n.group}/{n.node}" not in claimed
    ]
    assert missing == []


def test_every_node_transcript_expects_its_own_node(section_index: SectionIndex) -> None:
    """Files under nodes/<group>/<node>.yaml check group and node on some turn."""
    nodes = {f"{n.group}/{n.node}" for n in section_index.nodes}
    for path in FILES:
        parts = path.relative_to(TRANSCRIPTS_DIR).parts
        if parts[0] != "nodes" or f"{parts[1]}/{Path(parts[2]).stem}" not in nodes:
            continue
        t = load_transcript(path)
        assert any(
            turn.expect.group == parts[1] and turn.expect.node == Path(parts[2]).stem
            for turn in t.turns
        ), path


def test_every_fact_of_the_vocabulary_is_named_in_some_expectation() -> None:
    named: set[str] = set()
    for p in FILES:
        named |= facts_named(load_transcript(p))
    assert sorted(set(FACTS) - named) == []


def test_replayed_transcripts_exercise_every_treatment_node(
    session_factory: SessionFactory, section_index: SectionIndex
) -> None:
    """Coverage from the replies themselves: some answer came from each of the 41 nodes."""
    outcomes = [_OUTCOMES.get(p) or replay_file(p, session_factory, section_index) for p in FILES]
    report = coverage(outcomes, section_index)
    known_failing = {
        tag for p in FILES if (t := load_transcript(p)).xfail is not None for tag in t.covers
    }
    if report.nodes_missing and set(report.nodes_missing) <= known_failing:
        pytest.xfail(
            "nodes reached only by known-failing (xfail) transcripts: "
            + ", ".join(report.nodes_missing)
        )
    assert report.nodes_missing == [], report.format()

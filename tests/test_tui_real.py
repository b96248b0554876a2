"""The chat app end to end on the real ``chatbot.Session`` (spaCy, rules, grounding).

The headline case is worked through quick replies only; a case-panel correction,
a citation and the kill -9 → ``--resume`` path run against the real core too.
"""

from __future__ import annotations

import os
import pty
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.message import Message

from chatbot.contract import FACTS
from chatbot.history import HistoryStore
from chatbot.kb.sections import SectionIndex
from chatbot.transcripts.replay import replay_transcript
from chatbot.transcripts.schema import load_transcript
from chatbot.tui.app import ChatApp, make_app
from chatbot.tui.messages import ReplyReady, SendRequested
from chatbot.tui.screens import FactEditor, SourceViewer
from chatbot.tui.text import correction_text
from chatbot.tui.widgets import BottomLine, BotTurn, ChatInput, QuickReplies, UserTurn

sys.path.insert(0, str(Path(__file__).parent))
from test_tui import citation_markers, last_reply, say, settle  # noqa: E402
from tui_fakes import HEADLINE, async_test  # noqa: E402

# What a clinician who knows the case would pick for each follow-up question.
HEADLINE_ANSWERS = {
    "visceral_crisis": "no",
    "prior_lines": "yes",  # fulvestrant is her first treatment for metastatic disease
    "prior_cdk46": "no",
}


def pick(choices: list[str], asks: str | None) -> str:
    wanted = HEADLINE_ANSWERS.get(asks or "")
    if wanted in choices:
        return wanted
    for fallback in ("unknown", "not tested", "none found"):
        if fallback in choices:
            return fallback
    return choices[-1]


def real_app(tmp_path: Path, session_factory: Callable, **kw: object) -> ChatApp:
    return make_app(
        session_factory=session_factory,
        db_path=tmp_path / "history.sqlite3",
        export_dir=tmp_path / "exports",
        cursor_blink=False,
        **kw,  # type: ignore[arg-type]
    )


@async_test
async def test_headline_case_end_to_end_through_quick_replies(
    tmp_path: Path, session_factory: Callable, section_index: SectionIndex
) -> None:
    messages: list[Message] = []
    app = real_app(tmp_path, session_factory)
    async with app.run_test(size=(120, 45), message_hook=messages.append) as pilot:
        await settle(app, pilot)
        await say(app, pilot, HEADLINE)
        questions = 0
        while last_reply(app).kind == "question":
            questions += 1
            assert questions <= 4, "the headline case must be answered within 4 questions"
            quick = app.query_one(QuickReplies)
            assert quick.display and quick.choices, "every follow-up offers quick replies"
            choice = pick(quick.choices, last_reply(app).asks)
            button = next(b for b in app.query(".quick") if b.name == choice)
            await pilot.click(button)
            await settle(app, pilot)
        reply = last_reply(app)
        assert reply.kind == "answer"
        rec = reply.recommendation
        assert rec is not None
        assert (rec.patient_group, rec.line) == ("hr-pos-her2-neg-postmenopausal", 2)
        flagged = [o for o in rec.options if "fulvestrant" in o.drugs]
        assert flagged and all(o.flags for o in flagged)
        assert isinstance(app.focused, ChatInput)  # back in the box after each quick reply
        # the case panel: post-menopausal is shown as inferred, with the words it came from
        table = app.query_one("#facts")
        rows = {str(k.value): [c.plain for c in table.get_row(k)] for k in table.rows}
        assert rows["menopausal_status"][1].splitlines()[0] == "post  inferred"
        assert rows["age"][1].splitlines()[0] == "65  stated"

        # a citation marker on a guideline statement opens its verbatim section
        app.query_one("#log").scroll_to_widget(
            list(app.query(BottomLine))[-1], top=True, animate=False
        )
        await pilot.pause()
        (x, y), section_id = citation_markers(app)[0]
        await pilot.click(offset=(x, y))
        await pilot.pause()
        assert isinstance(app.screen, SourceViewer)
        assert str(app.screen.query_one("#source-text").render()) == section_index[section_id].text
        await pilot.press("escape")
        await pilot.pause()

    origins = [m.origin for m in messages if isinstance(m, SendRequested)]
    assert origins[0] == "input" and set(origins[1:]) == {"quick-reply"}
    assert len([m for m in messages if isinstance(m, ReplyReady)]) == questions + 1


@async_test
async def test_correcting_menopausal_status_from_the_panel_changes_the_group(
    tmp_path: Path, session_factory: Callable
) -> None:
    app = real_app(tmp_path, session_factory)
    async with app.run_test(size=(120, 45)) as pilot:
        await settle(app, pilot)
        await say(app, pilot, HEADLINE)
        assert app.fact_origins["menopausal_status"].inferred
        await pilot.press("f4")
        table = app.query_one("#facts")
        table.move_cursor(row=[str(k.value) for k in table.rows].index("menopausal_status"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FactEditor)
        await pilot.press("enter")  # "pre"
        await settle(app, pilot)
        assert app.facts["menopausal_status"] == "pre"
        assert not app.fact_origins["menopausal_status"].inferred
        assert list(app.query(UserTurn))[-1].user_text == "correction: she is pre-menopausal"
        await pilot.press("f5")
        await pilot.pause()
    # The exported transcript replays green on a fresh session: a live session became a test.
    assert app.last_export is not None
    transcript = load_transcript(app.last_export.transcript)
    outcome = replay_transcript(transcript, session_factory, path=str(app.last_export.transcript))
    assert [t.user for t in transcript.turns] == [HEADLINE, "correction: she is pre-menopausal"]
    assert outcome.passed, [m for t in outcome.turns for m in t.mismatches]
    assert "## Turn 2" in app.last_export.markdown.read_text("utf-8")


def _value_for(name: str, current: object) -> tuple[str, object]:
    """A different value for fact ``name`` as the fact editor would return it, and the expected fact."""
    spec = FACTS[name]
    if spec.type == "bool":
        return ("no", False) if current is True else ("yes", True)
    if spec.type == "enum":
        other = next(v for v in spec.values if v != current)
        return other, other
    if spec.type == "int":
        n = 42 if name == "age" else 2
        return str(n), n
    items = {
        "progressed_on": ["letrozole"],
        "prior_therapies": ["letrozole", "palbociclib"],
        "metastatic_sites": ["liver"],
    }[name]
    return ", ".join(items), items


@pytest.mark.parametrize("fact", list(FACTS))
def test_panel_correction_phrases_are_understood_by_the_session(
    fact: str, session_factory: Callable
) -> None:
    """Every fact the panel can correct is read back by the real Session as the new value."""
    session = session_factory()
    opening = (
        "58-year-old woman with metastatic triple-negative breast cancer, liver metastases"
        if fact in ("pdl1",)
        else HEADLINE
    )
    session.send(opening)
    typed, expected = _value_for(fact, session.facts.get(fact))
    reply = session.send(correction_text(fact, typed))
    got = reply.facts.get(fact)
    if isinstance(expected, list):
        assert sorted(got or []) == sorted(expected)
    else:
        assert got == expected


def _drain(fd: int, sink: list[bytes]) -> None:
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return
        if not chunk:
            return
        sink.append(chunk)


def _wait_for_turns(db: Path, n: int, timeout: float = 60.0) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if db.exists():
            store = HistoryStore.open(db)
            sid = store.last_session_id()
            count = len(store.turns(sid)) if sid else 0
            store.close()
            if count >= n:
                return count
        time.sleep(0.2)
    raise AssertionError(f"the app did not commit {n} turns in {timeout}s")


@pytest.mark.slow
@async_test
async def test_kill_9_then_resume_shows_every_turn(
    tmp_path: Path, session_factory: Callable
) -> None:
    """The real program under a pty: two turns, kill -9, then ``--resume`` shows both."""
    db = tmp_path / "history.sqlite3"
    master, slave = pty.openpty()
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "COLUMNS": "120",
        "LINES": "40",
        "MBC_CHAT_HOME": str(tmp_path),
    }
    root = Path(__file__).resolve().parents[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "chatbot", "--db", str(db)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=root,
        start_new_session=True,
    )
    os.close(slave)
    output: list[bytes] = []
    reader = threading.Thread(target=_drain, args=(master, output), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 30
        while b"Verify" not in b"".join(output) and time.monotonic() < deadline:
            time.sleep(0.05)  # wait for the first paint before typing
        time.sleep(0.3)
        os.write(master, HEADLINE.encode() + b"\r")
        _wait_for_turns(db, 1)
        os.write(master, b"no\r")
        shown = _wait_for_turns(db, 2)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        os.close(master)
    assert proc.returncode == -signal.SIGKILL

    app = real_app(tmp_path, session_factory, resume=True)
    async with app.run_test(size=(120, 45)) as pilot:
        await settle(app, pilot)
        texts = [t.user_text for t in app.query(UserTurn)]
        assert texts[:2] == [HEADLINE, "no"] and len(texts) == shown
        assert len(list(app.query(BotTurn))) == shown
        # the restored session continues where it stopped: it does not ask visceral crisis again
        asked_now = last_reply(app).asks
        assert asked_now != "visceral_crisis"


HEADLINE_ANSWERS = {"visceral_crisis": "no", "prior_lines": "yes"}


async def headline_answer(app: ChatApp, pilot) -> BotTurn:  # type: ignore[no-untyped-def]
    """The headline question, then its follow-ups answered, to the 2nd-line answer."""
    await settle(app, pilot)
    await say(app, pilot, HEADLINE)
    for _ in range(5):
        reply = last_reply(app)
        if reply.kind != "question":
            break
        choices = list(reply.choices)
        await say(app, pilot, HEADLINE_ANSWERS.get(reply.asks or "", choices[-1]))
    turn = list(app.query(BotTurn))[-1]
    assert turn.reply.kind == "answer"
    return turn


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@async_test
async def test_headline_bottom_line_fits_on_one_screen(
    tmp_path: Path, session_factory: Callable, size: tuple[int, int]
) -> None:
    """At 80×24 the whole bottom line of the headline answer is on screen at once: group
    and line, options that apply now, options by deciding fact, the fulvestrant caution,
    supportive care; the doses are folded in the details."""
    app = real_app(tmp_path, session_factory)
    async with app.run_test(size=size) as pilot:
        turn = await headline_answer(app, pilot)
        await pilot.pause()
        bottom = turn.query_one(BottomLine)
        log = app.query_one("#log")
        shown = log.content_region
        assert bottom.region.height > 3
        assert shown.y <= bottom.region.y and bottom.region.bottom <= shown.bottom, (
            f"bottom line {bottom.region} not inside the visible log {shown}"
        )
        text = str(bottom.render())
        for needed in (
            "2nd line",
            "apply now",
            "PIK3CA result decides",
            "Caution",
            "Supportive care",
        ):
            assert needed in text
        assert " mg " not in text  # doses are in the details, once per drug
        assert all(s.part != "bottom" or s.sources for s in turn.reply.statements)

"""Snapshot tests of key screens (pytest-textual-snapshot), on the scripted session.

Fixed terminal size, cursor blink off, no clock anywhere on screen; the session
is the scripted fake so dialogue wording changes elsewhere cannot move these.
Update with ``pytest tests/test_tui_snapshots.py --snapshot-update`` only after
looking at the SVGs in ``tests/__snapshots__/``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from textual.pilot import Pilot

from chatbot.tui.app import ChatApp, make_app

sys.path.insert(0, str(Path(__file__).parent))
from test_tui import say, settle  # noqa: E402
from tui_fakes import HEADLINE, FakeSession  # noqa: E402


def _app(tmp_path: Path) -> ChatApp:
    return make_app(
        session_factory=FakeSession,
        history=False,
        cursor_blink=False,
        export_dir=tmp_path / "exports",
    )


def test_welcome_screen(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The empty chat: the scope line on top ("Clinician decision support from one
    guideline. Verify before use."), the welcome note in the log, an empty Case
    panel on the right saying "No facts yet.", the message box and the footer keys
    (f6 History, f1 Help, ^n New, f2 Why, f3 Sources, f4 Case, f5 Export, ^p palette)."""
    app = _app(tmp_path)

    async def run_before(pilot: Pilot) -> None:
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)


def test_question_with_quick_replies(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """After the headline case: the user's turn (right-indented, "You"), the bot's
    question with the post-menopausal inference noted, the Case panel listing age
    65 / post *inferred* with the words “65-year-old”, and a Reply bar with
    "1. no  2. yes  3. unknown" above the message box."""
    app = _app(tmp_path)

    async def run_before(pilot: Pilot) -> None:
        await settle(app, pilot)
        await say(app, pilot, HEADLINE)

    assert snap_compare(app, terminal_size=(100, 36), run_before=run_before)


def _headline_run_before(app: ChatApp):  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot) -> None:
        from test_tui_real import headline_answer

        await headline_answer(app, pilot)
        await pilot.pause()

    return run_before


def _real_app(tmp_path: Path, session_factory) -> ChatApp:  # type: ignore[no-untyped-def]
    return make_app(
        session_factory=session_factory,
        history=False,
        cursor_blink=False,
        export_dir=tmp_path / "exports",
    )


def test_headline_bottom_line_120x40(snap_compare, tmp_path: Path, session_factory) -> None:  # type: ignore[no-untyped-def]
    """The real Session's headline answer at 120×40, opened at its first line: the
    inference note (italic), then in bold "hormone receptor-positive, HER2-negative,
    without visceral crisis: post-menopausal — 2nd line.", "Primary options that apply
    now: exemestane + everolimus; fulvestrant + ribociclib, abemaciclib or palbociclib.",
    "Secondary options that apply now: exemestane.", "PIK3CA result decides 3 options — …",
    "ESR1 result decides 1 option — if ESR1 mutation: elacestrant.", the yellow "Caution:
    the fulvestrant options (6) continue fulvestrant, on which the disease is progressing.",
    the supportive-care line, each ending in [n] markers; then a folded "▶ Details: doses ·
    evidence · supportive care · case" line, and the guideline title with its short hash
    in the reply's bottom border. No dose is on screen. Below, the quick replies that
    would narrow the answer ("Reply (Tab, 1-4): 1. PIK3CA mutated …"). The Case panel
    shows the facts on the right."""
    app = _real_app(tmp_path, session_factory)
    assert snap_compare(app, terminal_size=(120, 40), run_before=_headline_run_before(app))


def test_headline_bottom_line_80x24(snap_compare, tmp_path: Path, session_factory) -> None:  # type: ignore[no-untyped-def]
    """The same answer at 80×24 (no Case panel): the whole bottom line — from the
    inference note and the group and line through the supportive-care line — fills the
    log exactly, its first line at the top (the reply's border and the folded Details
    line are just outside); the quick-reply bar scrolls sideways; the footer keys fit
    on one line."""
    app = _real_app(tmp_path, session_factory)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_headline_run_before(app))


def test_source_viewer(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The source viewer over the chat: path "hormone receptor-positive, HER2-negative,
    without visceral crisis: post-menopausal › 2nd line – … › Primary options" in
    bold, the section id below it, then the verbatim guideline text starting
    "Primary options" / "exemestane: 25 mg orally once daily until tumour progression"."""
    app = _app(tmp_path)

    async def run_before(pilot: Pilot) -> None:
        await settle(app, pilot)
        for text in (HEADLINE, "no", "no"):
            await say(app, pilot, text)
        app.open_source("hr-pos-her2-neg-postmenopausal/line-2/primary-options")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 36), run_before=run_before)


def test_narrow_terminal(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """At 60×20 the Case panel is hidden (F4 brings it up), the scope line wraps
    onto two lines, the log uses the full width and ends on the bot's question,
    and the quick replies, message box and (truncated) footer still fit."""
    app = _app(tmp_path)

    async def run_before(pilot: Pilot) -> None:
        await settle(app, pilot)
        await say(app, pilot, HEADLINE)

    assert snap_compare(app, terminal_size=(60, 20), run_before=run_before)

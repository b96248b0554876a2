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
from chatbot.tui.widgets import RecommendationCard

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
    (f1 Help, ^n New case, f2 Why, f3 Sources, f4 Case, f5 Export, f6 History)."""
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


def test_recommendation_card(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The 2nd-line answer: guideline statements each ending in [1][2]… markers,
    the supportive-care statement led by a green ▍ bar, and a card titled "2nd line"
    naming the group in the guideline's words; Primary options show ✓ exemestane +
    everolimus, ? fulvestrant + alpelisib "if PIK3CA mutation" with a ⚠ flag line,
    ✗ elacestrant "ruled out"; Secondary options show ✓ exemestane."""
    app = _app(tmp_path)

    async def run_before(pilot: Pilot) -> None:
        await settle(app, pilot)
        for text in (HEADLINE, "no", "no"):
            await say(app, pilot, text)
        app.query_one("#log").scroll_to_widget(
            app.query_one(RecommendationCard), top=True, animate=False
        )
        await pilot.pause()

    assert snap_compare(app, terminal_size=(110, 40), run_before=run_before)


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

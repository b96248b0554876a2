"""Keyboard and focus: the app never loses a keystroke.

A long seeded random walk over the app's keys (the "freeze" hunt), then the
specific focus rules: paging from the message box, focus back in the box after
Ctrl+N, after any screen closes and after a quick reply, typed keys going to the box,
numbered quick replies, a footer that fits at 80 columns.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from textual.pilot import Pilot

from chatbot.tui.app import ChatApp, make_app
from chatbot.tui.widgets import BotTurn, ChatInput, UserTurn

sys.path.insert(0, str(Path(__file__).parent))
from tui_fakes import HEADLINE, FakeSession, async_test  # noqa: E402

APP_KEYS = [
    "f1", "f2", "f3", "f4", "f5", "f6", "ctrl+n", "shift+tab", "tab", "escape",
    "pageup", "pagedown", "home", "end", "enter", "up", "down", "1", "2",
]  # fmt: skip
TEXTS = [HEADLINE, "no", "yes", "why", "x"]


def make(tmp_path: Path) -> ChatApp:
    session = FakeSession()
    return make_app(
        session_factory=lambda: session,
        db_path=tmp_path / "history.sqlite3",
        cursor_blink=False,
        export_dir=tmp_path / "exports",
    )


async def idle(app: ChatApp, pilot: Pilot) -> None:
    for _ in range(500):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not app.busy and not app._queue:
            return
    raise AssertionError("the app never became idle")


async def type_and_send(pilot: Pilot, text: str) -> None:
    """Type as a user does: key by key into whatever has focus, then Enter."""
    for ch in text:
        await pilot.press(ch if ch != " " else "space")
    await pilot.press("enter")


async def random_walk(app: ChatApp, pilot: Pilot, seed: int, steps: int) -> None:
    rng = random.Random(seed)
    for _ in range(steps):
        if rng.random() < 0.15:
            app.query_one(ChatInput).load_text(rng.choice(TEXTS)) if app.screen is app.screen_stack[
                0
            ] else None
            await pilot.press("enter")
        else:
            await pilot.press(rng.choice(APP_KEYS))
        if rng.random() < 0.3:
            await pilot.pause()


@pytest.mark.parametrize(
    "seed", [1, 2, *(pytest.param(s, marks=pytest.mark.slow) for s in (3, 4, 5, 6))]
)
@async_test
async def test_random_keys_never_freeze_the_app(tmp_path: Path, seed: int) -> None:
    """After 200 random app keys, closing what is open and typing still answers a case,
    and Ctrl+Q quits."""
    app = make(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await idle(app, pilot)
        await random_walk(app, pilot, seed, 200)
        await idle(app, pilot)
        for _ in range(6):  # close whatever screens the walk left open, as a user would
            if len(app.screen_stack) == 1:
                break
            await pilot.press("escape")
            await pilot.pause()
        assert len(app.screen_stack) == 1, f"a screen would not close: {app.screen!r}"
        await pilot.press("ctrl+n")
        await idle(app, pilot)
        app.query_one(ChatInput).load_text("")  # what the walk left typed in the box
        await type_and_send(pilot, "65yo fulvestrant")
        await idle(app, pilot)
        users = [u.user_text for u in app.query(UserTurn)]
        assert users and users[-1] == "65yo fulvestrant", "typed keys went nowhere"
        replies = list(app.query(BotTurn))
        assert replies and replies[-1].reply.asks == "visceral_crisis"
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0

"""The chat app when history fails: a turn that could not be committed is marked
"not saved", and an unusable data folder gives a labelled no-history mode (issue 13)."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

import chatbot.history as history
from chatbot.tui.widgets import BotTurn, Notice

sys.path.insert(0, str(Path(__file__).parent))
from test_tui import Harness, say, settle  # noqa: E402
from tui_fakes import HEADLINE, async_test  # noqa: E402


def _notes(harness: Harness) -> list[str]:
    return [str(n.render()) for n in harness.app.query(Notice)]


@async_test
async def test_a_turn_that_could_not_be_committed_is_marked_not_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(history, "BUSY_TIMEOUT_S", 0.05)
    harness = Harness(tmp_path)
    async with harness.run() as pilot:
        await settle(harness.app, pilot)
        await say(harness.app, pilot, HEADLINE)
        other = sqlite3.connect(harness.db, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        await say(harness.app, pilot, "no")
        notes = _notes(harness)
        assert notes[-1].startswith("not saved: the history database")
        assert "locked by another program" in notes[-1]
        other.execute("ROLLBACK")
        other.close()
        await say(harness.app, pilot, "no")
        assert sum(n.startswith("not saved") for n in _notes(harness)) == 1
        assert len(harness.app.query(BotTurn)) == 3
    store = history.HistoryStore.open(harness.db)
    turns = store.turns(store.last_session_id() or 0)
    assert [(t.user_text, t.saved_late) for t in turns] == [
        (HEADLINE, False),
        ("no", True),
        ("no", False),
    ]


@async_test
async def test_an_unusable_data_folder_gives_a_labelled_no_history_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(history, "_folder_problem", lambda folder: "readonly")
    harness = Harness(tmp_path)
    app = harness.app
    async with harness.run() as pilot:
        await settle(app, pilot)
        scope = str(app.query_one("#scope").render())
        assert "NO HISTORY" in scope
        assert f"History is off for this run: the data folder {tmp_path} is read-only." in (
            _notes(harness)
        )
        await say(app, pilot, HEADLINE)
        assert _notes(harness)[-1] == f"not saved: the data folder {tmp_path} is read-only"
        assert "Something went wrong" not in " ".join(_notes(harness))
        await pilot.press("f6")  # the history key says why instead of failing
        await pilot.pause()
    assert not harness.db.exists()

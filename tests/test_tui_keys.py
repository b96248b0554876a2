"""Keyboard and focus: the app never loses a keystroke.

A long seeded random walk over the app's keys (the "freeze" hunt), then the
specific focus rules: paging from the message box, focus back in the box after
Ctrl+N, after any screen closes and after a quick reply, typed keys going to the box,
numbered quick replies, a footer that fits at 80 columns.
"""

from __future__ import annotations

import asyncio
import random
import sys
from collections.abc import Callable
from pathlib import Path
from unittest.mock import patch

import pytest
import textual.app
from textual import events
from textual.geometry import Size
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


async def _one_turn_of_the_loop(*_args: object, **_kwargs: object) -> None:
    await asyncio.sleep(0)


async def random_walk(app: ChatApp, pilot: Pilot, seed: int, steps: int) -> None:
    """``steps`` random keys. Each press still waits until every widget of the screen has
    handled what was sent (``Pilot.press`` waits for the screen) and for animations; the
    CPU-idle heuristic it also runs twice a key (``textual.app.wait_for_idle``: >= 20 ms
    of sleep each, ~60% of a walk's time) becomes one turn of the event loop, as keys
    typed fast arrive. The real idle wait stays after ~30% of the keys (``pilot.pause``)."""
    rng = random.Random(seed)
    with patch.object(textual.app, "wait_for_idle", _one_turn_of_the_loop):
        for _ in range(steps):
            if rng.random() < 0.15:
                if app.screen is app.screen_stack[0]:
                    app.query_one(ChatInput).load_text(rng.choice(TEXTS))
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


async def answered(app: ChatApp, pilot: Pilot) -> None:
    """The scripted headline conversation to its answer, typed into the box."""
    await idle(app, pilot)
    for text in (HEADLINE, "no", "no"):
        box = app.query_one(ChatInput)
        box.focus()
        box.load_text(text)
        await pilot.press("enter")
        await idle(app, pilot)


@async_test
async def test_page_keys_scroll_the_conversation_from_the_box(tmp_path: Path) -> None:
    app = make(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await answered(app, pilot)
        for _ in range(3):
            await answered(app, pilot)  # a conversation several screens long
        log = app.query_one("#log")
        box = app.query_one(ChatInput)
        assert box.has_focus and log.max_scroll_y > 20
        await pilot.press("end")
        await pilot.pause()
        bottom = log.scroll_y
        await pilot.press("pageup")
        await pilot.pause()
        assert log.scroll_y < bottom
        up = log.scroll_y
        await pilot.press("pagedown")
        await pilot.pause()
        assert log.scroll_y > up
        await pilot.press("home")
        await pilot.pause()
        assert log.scroll_y == 0
        await pilot.press("end")
        await pilot.pause()
        assert log.scroll_y == log.max_scroll_y
        assert box.has_focus and box.text == ""  # nothing typed, focus stayed
        # with text in the box, Home/End edit the text and Ctrl+Home/End still scroll
        box.load_text("abc")
        await pilot.press("ctrl+home")
        await pilot.pause()
        assert log.scroll_y == 0 and box.text == "abc"


@async_test
async def test_focus_returns_to_the_box_after_ctrl_n(tmp_path: Path) -> None:
    app = make(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await answered(app, pilot)
        for away in ("shift+tab", "f4"):  # the report: after Shift+Tab or F4, 3 of 3
            await pilot.press(away)
            await pilot.pause()
            assert not isinstance(app.focused, ChatInput)
            await pilot.press("ctrl+n")
            await idle(app, pilot)
            assert isinstance(app.focused, ChatInput), f"focus lost after {away} + Ctrl+N"
            await pilot.press("h", "i")
            assert app.query_one(ChatInput).text == "hi"
            app.query_one(ChatInput).load_text("")
            await answered(app, pilot)


@pytest.mark.parametrize("key", ["f1", "f3", "f6", "source", "fact", "palette"])
@async_test
async def test_focus_returns_to_the_box_after_closing_a_screen(tmp_path: Path, key: str) -> None:
    app = make(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await answered(app, pilot)
        await pilot.press("shift+tab")  # focus elsewhere first, as a user might
        if key == "source":
            app.open_source("hr-pos-her2-neg-postmenopausal/line-2/narrative")
        elif key == "fact":
            await pilot.press("f4", "enter")
        elif key == "palette":
            await pilot.press("ctrl+p")
        else:
            await pilot.press(key)
        await pilot.pause()
        assert len(app.screen_stack) == 2, f"{key} opened nothing"
        await pilot.press("escape")
        await idle(app, pilot)
        assert len(app.screen_stack) == 1
        if key != "palette":  # the palette restores what had focus (here the reply) …
            assert isinstance(app.focused, ChatInput), f"focus not back in the box after {key}"
        await pilot.press("o", "k")  # … and a typed key reaches the box either way
        assert app.query_one(ChatInput).text == "ok"


@async_test
async def test_a_key_typed_while_a_reply_has_focus_goes_to_the_box(tmp_path: Path) -> None:
    app = make(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await answered(app, pilot)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, BotTurn)
        await pilot.press("w", "h", "y")
        assert isinstance(app.focused, ChatInput)
        assert app.query_one(ChatInput).text == "why"


@async_test
async def test_focus_returns_to_the_box_after_a_quick_reply(tmp_path: Path) -> None:
    app = make(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await idle(app, pilot)
        await type_and_send(pilot, "65 fulvestrant")
        await idle(app, pilot)
        await pilot.press("tab")
        assert not isinstance(app.focused, ChatInput)
        await pilot.press("1")
        await idle(app, pilot)
        assert isinstance(app.focused, ChatInput)
        assert [u.user_text for u in app.query(UserTurn)] == ["65 fulvestrant", "no"]


@async_test
async def test_quick_replies_are_numbered_unless_a_reply_is_a_number(tmp_path: Path) -> None:
    """Replies that are words are numbered 1…n; the line count's replies (0 | 1 | 2 …) are
    not: "1. 0" had read 1 line for a user who typed 1 meaning the first reply (stop 61)."""
    from chatbot.tui.widgets import QuickReplies

    app = make(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await idle(app, pilot)
        quick = app.query_one(QuickReplies)
        words = ("no", "yes", "unknown")
        quick.set_choices(words)
        await pilot.pause()
        assert [str(b.label) for b in app.query(".quick")] == ["1. no", "2. yes", "3. unknown"]
        assert quick.numbered
        assert [quick.choice_for(str(i)) for i in (1, 2, 3)] == list(words)
        for numbers in (("0", "1", "2", "3", "4", "unknown"), ("yes", "2", "3", "4", "unknown")):
            quick.set_choices(numbers)
            await pilot.pause()
            assert [str(b.label) for b in app.query(".quick")] == list(numbers)
            assert not quick.numbered
            assert "1-" not in str(app.query_one(".quick-label").render())


@async_test
async def test_a_digit_typed_under_number_replies_is_that_number(tmp_path: Path) -> None:
    from chatbot.tui.widgets import QuickReplies

    app = make(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await idle(app, pilot)
        quick = app.query_one(QuickReplies)
        quick.set_choices(("0", "1", "2", "unknown"))
        await pilot.pause()
        assert app._numbered_choice("1") is None  # sent as typed: one line
        await pilot.press("tab")  # a reply focused: the digit goes to the message box
        await pilot.press("1")
        await idle(app, pilot)
        assert isinstance(app.focused, ChatInput)
        assert app.query_one(ChatInput).text == "1"  # not the reply "0" sent


@pytest.mark.parametrize("width", [80, 100])
@async_test
async def test_footer_fits(tmp_path: Path, width: int) -> None:
    from textual.widgets import Footer

    app = make(tmp_path)
    async with app.run_test(size=(width, 24)) as pilot:
        await idle(app, pilot)
        footer = app.query_one(Footer)
        keys: list = []
        for _ in range(50):  # the footer lays its keys out once bindings are ready
            keys = list(footer.query("FooterKey"))
            if keys:
                break
            await pilot.pause(0.02)
        assert {str(getattr(k, "description", "")) for k in keys} >= {
            "Help", "New", "Why", "Sources", "Case", "Export", "History",
        }  # fmt: skip
        right = max(k.region.right for k in keys)
        assert right <= width, f"footer keys end at column {right} of {width}"
        assert all(k.region.width > 0 for k in keys), "a footer key is cut off"


@pytest.mark.parametrize(
    "keys",
    [
        # the report: F4, Shift+Tab, paging, a source view, F5, Ctrl+N — then every key
        # (Ctrl+Q too) was ignored; on the old code focus stayed on the removed reply
        ["f4", "shift+tab", "pageup", "pagedown", "1", "escape", "f5", "ctrl+n"],
        ["f4", "shift+tab", "pagedown", "1", "escape", "f5", "ctrl+n", "f4", "shift+tab", "1"],
    ],
)
@async_test
async def test_reported_freeze_sequence_still_quits(tmp_path: Path, keys: list[str]) -> None:
    app = make(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await answered(app, pilot)
        for key in keys:
            await pilot.press(key)
            await idle(app, pilot)
        while len(app.screen_stack) > 1:
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("o", "k")
        assert app.query_one(ChatInput).text.endswith("ok")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


@async_test
async def test_tab_and_a_number_in_one_burst_pick_that_reply(tmp_path: Path) -> None:
    """Seen in tmux: "Tab 2" sent together typed "2" into the box (both keys were
    queued for the box before focus moved) and a later key picked the wrong reply."""

    from chatbot.tui.messages import SendRequested

    sent: list[str] = []
    app = make(tmp_path)
    hook = lambda m: sent.append(m.text) if isinstance(m, SendRequested) else None  # noqa: E731
    async with app.run_test(size=(100, 32), message_hook=hook) as pilot:
        await idle(app, pilot)
        await type_and_send(pilot, "65 fulvestrant")
        await idle(app, pilot)
        box = app.query_one(ChatInput)
        box.post_message(events.Key("tab", "\t"))  # both queued before either is handled
        box.post_message(events.Key("2", "2"))
        await idle(app, pilot)
        assert sent[-1] == "yes"  # reply 2 of "1. no 2. yes 3. unknown"
        assert box.text == ""


async def fill_past_the_mount_limit(app: ChatApp, pilot: Pilot) -> int:
    """Send as many turns as the log keeps mounted: the earliest are unmounted (kept in
    SQLite). Returns how many are hidden, more than one batch of earlier turns."""
    from chatbot.tui.app import EARLIER_BATCH, MAX_MOUNTED_TURNS
    from chatbot.tui.messages import SendRequested

    await idle(app, pilot)
    for n in range(MAX_MOUNTED_TURNS):
        app.post_message(SendRequested(f"turn {n}"))
    await idle(app, pilot)
    hidden = app._hidden_turns
    assert hidden > EARLIER_BATCH
    return hidden


async def until(pilot: Pilot, condition: Callable[[], bool]) -> None:
    """Wait up to ~4 s for ``condition`` (a scroll lands after a refresh, slow under load)."""
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.02)


@async_test
async def test_paging_past_the_top_brings_earlier_turns_back_from_history(
    tmp_path: Path,
) -> None:
    from chatbot.tui.app import EARLIER_BATCH

    app = make(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        hidden = await fill_past_the_mount_limit(app, pilot)
        first = [u.user_text for u in app.query(UserTurn)][0]
        assert first == f"turn {hidden}"
        log = app.query_one("#log")
        assert log.scroll_y > 0
        # Two Home presses in one burst, before any refresh: the first reaches the top of
        # what is mounted, the second pages past it — earlier turns come back from SQLite.
        box = app.query_one(ChatInput)
        box.post_message(events.Key("home", None))
        box.post_message(events.Key("home", None))
        await idle(app, pilot)
        shown = [u.user_text for u in app.query(UserTurn)]
        assert shown[0] == f"turn {hidden - EARLIER_BATCH}"
        assert shown[: EARLIER_BATCH + 1] == [
            f"turn {n}" for n in range(hidden - EARLIER_BATCH, hidden + 1)
        ]
        assert app._hidden_turns == hidden - EARLIER_BATCH
        assert isinstance(app.focused, ChatInput)
        # The reader stays where they were, the earlier turns above — not thrown back to
        # the latest reply (seen in tmux after Home Home: the log's content grew, and the
        # resize handler meant for a terminal resize scrolled to the end).
        kept = next(u for u in app.query(UserTurn) if u.user_text == f"turn {hidden}")

        def in_view() -> bool:
            return log.scrollable_content_region.contains_region(kept.region.shrink((0, 1, 0, 1)))

        await until(pilot, in_view)  # the scroll to the kept turn lands after a refresh
        await pilot.pause(0.2)  # … and nothing moves the reader afterwards
        await idle(app, pilot)
        assert in_view(), "paging back moved the reader away from where they were"


@async_test
async def test_a_follow_or_resize_after_paging_back_keeps_the_reader(tmp_path: Path) -> None:
    """The latest reply's follow still pending, or a resize, once the reader has paged back
    into the history: the reader stays (CI under load failed the test above this way)."""
    from chatbot.tui.widgets import ChatLog

    app = make(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        hidden = await fill_past_the_mount_limit(app, pilot)
        box = app.query_one(ChatInput)
        box.post_message(events.Key("home", None))
        box.post_message(events.Key("home", None))
        await idle(app, pilot)
        log = app.query_one(ChatLog)
        kept = next(u for u in app.query(UserTurn) if u.user_text == f"turn {hidden}")

        def in_view() -> bool:
            return log.scrollable_content_region.contains_region(kept.region.shrink((0, 1, 0, 1)))

        await until(pilot, in_view)
        assert in_view()
        log._show_followed()  # the follow of the latest reply, landing late
        log.on_resize(events.Resize(Size(log.size.width, log.size.height - 1), log.size))
        await idle(app, pilot)
        assert in_view(), "a late follow or a resize moved the reader to the latest reply"


@async_test
async def test_export_goes_beside_the_database_in_use(tmp_path: Path) -> None:
    session = FakeSession()
    db = tmp_path / "elsewhere" / "cases.sqlite3"
    app = make_app(session_factory=lambda: session, db_path=db, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await answered(app, pilot)
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("f5")  # a second export in the same second gets its own name
        await pilot.pause()
    assert app.last_export is not None
    files = sorted(p.name for p in (tmp_path / "elsewhere" / "exports").iterdir())
    assert len(files) == 4 and len({f.rsplit(".", 1)[0] for f in files}) == 2
    header = app.last_export.markdown.read_text(encoding="utf-8").split("## Turn 1")[0]
    assert f"# mbc-chat conversation {app.history_session}" in header
    assert "Exported: " in header and "Guideline: Metastatic breast cancer" in header


@async_test
async def test_details_open_from_the_keyboard(tmp_path: Path) -> None:
    """Shift+Tab to the reply, Tab to its "Details" line, Enter opens the details."""
    from textual.widgets import Collapsible

    app = make(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await answered(app, pilot)
        await pilot.press("shift+tab", "tab")
        details = list(app.query(BotTurn))[-1].query_one(Collapsible)
        assert app.focused is not None and details in app.focused.ancestors
        await pilot.press("enter")
        await pilot.pause()
        assert not details.collapsed
        assert "Doses" in str(details.query_one(".details").render())


@async_test
async def test_two_messages_typed_in_one_burst_are_sent_apart(tmp_path: Path) -> None:
    """Seen in tmux with the app busy: "… dose 42⏎ … dose 43⏎" arrived together and the
    second message went out as "… dose 42… dose 43" — the box was cleared only when the
    app handled the first Enter, after the box had already taken the second message's keys
    and its Enter. Each Enter sends what was typed since the one before, never more."""
    from chatbot.tui.messages import SendRequested

    sent: list[str] = []
    app = make(tmp_path)
    hook = lambda m: sent.append(m.text) if isinstance(m, SendRequested) else None  # noqa: E731
    async with app.run_test(size=(100, 32), message_hook=hook) as pilot:
        await idle(app, pilot)
        box = app.query_one(ChatInput)
        for word in ("first", "second", "third"):  # all queued before any is handled
            for ch in word:
                box.post_message(events.Key(ch, ch))
            box.post_message(events.Key("enter", "\r"))
        await idle(app, pilot)
        assert sent == ["first", "second", "third"]
        assert box.text == ""


@async_test
async def test_a_too_long_message_stays_in_the_box_to_be_shortened(tmp_path: Path) -> None:
    from chatbot.tui.messages import SendRequested
    from chatbot.tui.text import MAX_INPUT_CHARS

    sent: list[str] = []
    app = make(tmp_path)
    hook = lambda m: sent.append(m.text) if isinstance(m, SendRequested) else None  # noqa: E731
    async with app.run_test(size=(100, 32), message_hook=hook) as pilot:
        await idle(app, pilot)
        box = app.query_one(ChatInput)
        text = "ER+ HER2- bone mets " * (MAX_INPUT_CHARS // 10)
        box.load_text(text)
        await pilot.press("enter")
        await idle(app, pilot)
        assert sent == []
        assert box.text == text

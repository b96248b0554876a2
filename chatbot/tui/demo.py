"""The Textual demo player: types a scripted demo into the real chat app.

Built on the app's own factory (:func:`chatbot.tui.app.make_app`) and its own
input path: each message is typed into the input box at the demo's pace, then
submitted exactly as Enter would (``ChatInput.Submitted``), so the reply, the
case panel and the quick replies fill in as they do for a user. A
:class:`DemoBar` docked at the bottom holds the keys and the progress:

* ``space`` / ``p`` pause and resume,
* ``n`` / ``right`` skip ahead (finish typing now, or cut the pause short),
* ``escape`` stop the demo and leave the chat usable.

The script itself (text, pace, pauses) comes from ``chatbot.transcripts.demo``,
which stays headless.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from textual.binding import Binding
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import Static

from chatbot.transcripts.demo import Demo, DemoStep, demo_steps
from chatbot.tui.app import ChatApp, SessionFactory, make_app
from chatbot.tui.widgets import ChatInput

TICK = 0.05
"""Seconds between checks while waiting for a reply or sitting in a pause."""


class DemoBar(Static, can_focus=True):
    """Progress line and keys of a playing demo; holds focus so its keys reach it."""

    DEFAULT_CSS = """
    DemoBar {
        dock: bottom;
        height: 1;
        background: $accent 30%;
        padding: 0 1;
    }
    """

    BINDINGS = [
        Binding("space,p", "toggle_pause", "Pause/resume"),
        Binding("n,right", "skip", "Skip"),
        Binding("escape", "stop", "Stop demo"),
    ]

    @dataclass
    class Finished(Message):
        """The demo played to its end or was stopped."""

        steps_played: int
        """How many messages were sent."""
        stopped: bool
        """True when the user pressed escape before the end."""

    def __init__(self, demo: Demo, *, speed: float = 1.0) -> None:
        super().__init__("", id="demo-bar")
        self.demo = demo
        self.steps: list[DemoStep] = demo_steps(demo)
        self.speed = speed
        """Multiplier on the demo's pace (tests run at a high speed)."""
        self.paused = False
        self._skip = False
        self._stopped = False
        self.played = 0
        self.current = 1
        """1-based number of the step being typed, sent or read."""

    def on_mount(self) -> None:
        self._show("starting")
        self.focus()
        self.run_worker(self._play(), exclusive=True, group="demo")

    # -- keys --------------------------------------------------------------------

    def action_toggle_pause(self) -> None:
        self.paused = not self.paused
        self._show("paused" if self.paused else "playing")

    def action_skip(self) -> None:
        self._skip = True

    def action_stop(self) -> None:
        self._stopped = True
        self._skip = True

    # -- playing -----------------------------------------------------------------

    def _show(self, state: str) -> None:
        self.update(
            f"DEMO {self.demo.name} · step {self.current}/{len(self.steps)} "
            f"· {state} · space pause · n skip · esc stop"
        )

    async def _wait(self, seconds: float) -> None:
        """Sleep ``seconds`` of demo time, honouring pause and skip."""
        left = seconds / self.speed
        while (left > 0 or self.paused) and not self._skip:
            nap = TICK if self.paused else min(TICK, left)
            await asyncio.sleep(nap)
            if not self.paused:
                left -= nap
        if not self._stopped:
            self._skip = False

    async def _play(self) -> None:
        app = self.app
        assert isinstance(app, ChatApp)
        box = app.query_one(ChatInput)
        for number, step in enumerate(self.steps, start=1):
            if self._stopped:
                break
            self.current = number
            self._show("typing")
            shown = 0.0  # characters typed so far; advances per tick so any speed costs few frames
            while shown < len(step.text) and not (self._skip or self._stopped):
                await asyncio.sleep(TICK)
                if not self.paused:
                    shown += step.typing_cps * self.speed * TICK
                    box.load_text(step.text[: int(shown)])
            if self._stopped:
                break
            self._skip = False
            before = len(app.exchanges)
            box.load_text(step.text)
            app.post_message(ChatInput.Submitted(step.text))
            self.played += 1
            self._show("waiting for the reply")
            seen_busy = False  # a failed send never adds an exchange: stop waiting when the app is idle again
            while (
                len(app.exchanges) <= before
                and not self._stopped
                and not (seen_busy and not app.busy)
            ):
                seen_busy = seen_busy or app.busy
                await asyncio.sleep(TICK)
            self._show("reading")
            await self._wait(step.pause_after_reply)
        self._show("stopped" if self._stopped else "finished")
        self.post_message(self.Finished(self.played, self._stopped))
        app.query_one(ChatInput).focus()


def make_demo_app(
    *, session_factory: SessionFactory | None = None, cursor_blink: bool = True
) -> ChatApp:
    """The chat app for a demo: ``make_app`` with history off (demos are not the user's cases)."""
    return make_app(session_factory=session_factory, history=False, cursor_blink=cursor_blink)


async def start_demo(app: ChatApp, demo: Demo, *, speed: float = 1.0) -> DemoBar:
    """Mount the demo bar on a running app; it starts playing at once."""
    bar = DemoBar(demo, speed=speed)
    await app.screen.mount(bar)
    return bar


def run_demo(demo: Demo) -> int:
    """Play ``demo`` in the terminal (``mbc-chat demo NAME``).

    Uses Textual's ``auto_pilot`` hook (runs once the app is ready) to mount the bar,
    so the app itself stays exactly what ``make_app`` builds.
    """
    app = make_demo_app()

    async def mount_bar(pilot: Pilot[object]) -> None:
        assert isinstance(pilot.app, ChatApp)
        await start_demo(pilot.app, demo)

    app.run(auto_pilot=mount_bar)
    return 0

"""Chat app responsiveness (prints figures; asserts nothing).

Run: ``.venv/bin/python bench/bench_tui.py [--turns 500] [--runs 5]``.

- start → first paint, real terminal: ``python -m chatbot`` is started under a
  pseudo-terminal and the clock stops when the scope line ("Verify before use")
  has been written to the terminal. The session (spaCy) loads afterwards in a
  worker, so this is what a user waits for before seeing the app.
- start → first paint, in process: ``make_app(...)`` to the first composed,
  mounted screen under Textual's headless driver.
- append after N turns: the log is filled with N turns (each a real answer from
  ``chatbot.Session`` for the headline case, replayed by a canned session so the
  figure is about the UI, not the NLP), then the time from sending one more
  message to its reply being mounted and the screen refreshed. The log keeps at
  most ``MAX_MOUNTED_TURNS`` widgets mounted, so this should not grow with N.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import pty
import select
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(REPO)]

from chatbot.contract import Reply  # noqa: E402

HEADLINE = (
    "What is the recommended next treatment for a 65-year-old woman with metastatic "
    "estrogen-receptor-positive, HER2-negative breast cancer progressing in bone while on "
    "fulvestrant (Faslodex) and denosumab (Xgeva)?"
)


def first_paint_pty(home: Path) -> float:
    """Seconds from spawning ``python -m chatbot`` in a pty to the scope line on screen."""
    master, slave = pty.openpty()
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "MBC_CHAT_HOME": str(home),
        "COLUMNS": "120",
        "LINES": "40",
    }
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "chatbot"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=REPO,
        start_new_session=True,
    )
    os.close(slave)
    seen = b""
    try:
        while time.perf_counter() - started < 60:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    seen += os.read(master, 65536)
                except OSError:
                    break
                if b"Verify" in seen and b"before" in seen:
                    return time.perf_counter() - started
        raise RuntimeError("the app never painted its scope line")
    finally:
        proc.kill()
        proc.wait()
        os.close(master)


def headline_answer() -> Reply:
    """A real, long answer (the headline case) to fill the log with."""
    from chatbot import Session

    session = Session()
    reply = session.send(HEADLINE)
    answers = {"visceral_crisis": "no", "prior_lines": "yes", "prior_cdk46": "no"}
    for _ in range(6):
        if reply.kind != "question":
            break
        wanted = answers.get(reply.asks or "")
        choice = (
            wanted
            if wanted in reply.choices
            else ("not tested" if "not tested" in reply.choices else "unknown")
        )
        reply = session.send(choice)
    return reply


class CannedSession:
    """Replies with one fixed reply: measures the UI, not the core."""

    def __init__(self, reply: Reply) -> None:
        self.reply = reply

    def send(self, text: str) -> Reply:
        return self.reply

    def reset(self) -> None:
        pass


async def in_process(turns: int, runs: int, reply: Reply) -> None:
    from chatbot.tui.app import MAX_MOUNTED_TURNS, make_app
    from chatbot.tui.messages import SendRequested

    started = time.perf_counter()
    app = make_app(session_factory=lambda: CannedSession(reply), history=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        first = time.perf_counter() - started
        print(f"start → first paint (in process, headless): {first * 1000:.0f} ms")

        async def one_turn(text: str) -> float:
            before = len(app.exchanges)
            t0 = time.perf_counter()
            app.post_message(SendRequested(text))
            while len(app.exchanges) == before:
                await asyncio.sleep(0.0005)
            await pilot.pause()  # the refresh that paints it
            return time.perf_counter() - t0

        early = [await one_turn(f"warm {n}") for n in range(runs)]
        fill_start = time.perf_counter()
        for n in range(turns - runs):
            await one_turn(f"turn {n}")
        fill = time.perf_counter() - fill_start
        late = [await one_turn(f"late {n}") for n in range(runs)]
        mounted = len(app.query_one("#log").children)
        nodes = sum(1 for _ in app.screen.walk_children())
        print(
            f"reply used: {reply.kind}, {len(reply.statements)} statements, "
            f"{len(reply.recommendation.options) if reply.recommendation else 0} options"
        )
        print(f"append a turn, first {runs} turns: median {statistics.median(early) * 1000:.0f} ms")
        print(
            f"append a turn after {len(app.exchanges) - runs} turns: median "
            f"{statistics.median(late) * 1000:.0f} ms (max {max(late) * 1000:.0f} ms)"
        )
        print(f"filling {turns - runs} turns took {fill:.1f} s")
        print(
            f"log widgets mounted: {mounted} (cap {MAX_MOUNTED_TURNS}); DOM nodes on screen: {nodes}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        first_paint_pty(Path(home))  # untimed: warm the disk cache
        paints = [first_paint_pty(Path(home)) for _ in range(args.runs)]
    print(
        f"start → first paint (python -m chatbot in a pty): median "
        f"{statistics.median(paints) * 1000:.0f} ms over {args.runs} runs"
    )
    reply = headline_answer()
    asyncio.run(in_process(args.turns, args.runs, reply))


if __name__ == "__main__":
    main()

"""Chat app responsiveness and memory (prints figures; asserts nothing).

Run: ``.venv/bin/python bench/bench_tui.py [--turns 500] [--runs 5] [--memory-turns 10000]``.

- Enter → bottom line visible, real terminal (120×40): ``python -m chatbot`` in a
  pseudo-terminal; the headline question and its follow-ups are typed, and the clock
  runs from the Enter that sends the last follow-up to the bottom line's "apply now"
  being written to the terminal. Repeated after Ctrl+N.
- RSS over many turns: the app (history on, SQLite in a temp folder) appends
  ``--memory-turns`` turns of the real headline answer; RSS before and after.

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
import fcntl
import os
import pty
import resource
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
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
    started = time.perf_counter()
    proc, master = _pty_app(home)
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


def _pty_app(home: Path, size: tuple[int, int] = (120, 40)) -> tuple[subprocess.Popen, int]:  # type: ignore[type-arg]
    master, slave = pty.openpty()
    cols, rows = size
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "MBC_CHAT_HOME": str(home)}
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
    return proc, master


def _read_until(master: int, wanted: bytes, timeout: float = 30.0) -> bytes:
    seen = b""
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        ready, _, _ = select.select([master], [], [], 0.01)
        if ready:
            seen += os.read(master, 65536)
            if wanted in seen:
                return seen
    raise RuntimeError(f"{wanted!r} never appeared")


def _drain(master: int, quiet: float = 0.3) -> None:
    """Read until the terminal has been quiet for ``quiet`` seconds."""
    while True:
        ready, _, _ = select.select([master], [], [], quiet)
        if not ready:
            return
        os.read(master, 65536)


def enter_to_bottom_line(home: Path, runs: int) -> list[float]:
    """Seconds from the Enter that sends the last follow-up to "apply now" on screen."""
    proc, master = _pty_app(home)
    times = []
    try:
        _read_until(master, b"Verify")
        time.sleep(4)  # spaCy loads in a worker after the first paint
        _drain(master)
        for _ in range(runs):
            for text in (HEADLINE, "no", "yes"):
                os.write(master, text.encode() + b"\r")
                _read_until(master, b"?")  # the next question
                _drain(master)
            os.write(master, b"not tested")
            _drain(master)
            started = time.perf_counter()
            os.write(master, b"\r")
            _read_until(master, b"apply now")
            times.append(time.perf_counter() - started)
            _drain(master)
            os.write(master, b"\x0e")  # Ctrl+N: a new case
            _drain(master)
    finally:
        proc.kill()
        proc.wait()
        os.close(master)
    return times


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def memory(turns: int, reply: Reply, home: Path) -> None:
    """RSS growth while the app appends ``turns`` turns (history on, bounded windows)."""
    import gc

    from chatbot.tui.app import make_app
    from chatbot.tui.messages import SendRequested

    app = make_app(
        session_factory=lambda: CannedSession(reply),
        db_path=home / "mem.sqlite3",
        cursor_blink=False,
    )
    async with app.run_test(size=(120, 40)) as pilot:

        async def fill(n: int, tag: str) -> None:
            target = app.turns_shown + n
            for k in range(n):
                app.post_message(SendRequested(f"{tag} {k}"))
            while app.turns_shown < target:
                await asyncio.sleep(0.01)
            await pilot.pause()

        await fill(300, "warm")  # past every window, so what follows is steady state
        gc.collect()
        before = rss_mb()
        started = time.perf_counter()
        await fill(turns, "turn")
        gc.collect()
        after = rss_mb()
        print(
            f"RSS over {turns} more turns (after 300 warm-up turns): {before:.0f} MB → "
            f"{after:.0f} MB ({after - before:+.1f} MB) in {time.perf_counter() - started:.0f} s; "
            f"in memory: {len(app.exchanges)} turns, {len(app.query_one('#log').children)} log widgets"
        )


def session_memory(turns: int) -> None:
    """RSS growth of ``Session.history`` over many real turns (no UI)."""
    import gc

    from chatbot import Session

    session = Session()
    texts = [HEADLINE, "no", "yes", "not tested", "why"]
    for text in texts * 20:
        session.send(text)
    gc.collect()
    before = rss_mb()
    for n in range(turns):
        session.send(texts[n % len(texts)])
    gc.collect()
    after = rss_mb()
    print(
        f"Session RSS over {turns} real turns: {before:.0f} MB → {after:.0f} MB "
        f"({after - before:+.1f} MB); history keeps {len(session.history)} turns"
    )


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
            before = app.turns_shown
            t0 = time.perf_counter()
            app.post_message(SendRequested(text))
            while app.turns_shown == before:
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
            f"append a turn after {app.turns_shown - runs} turns: median "
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
    parser.add_argument("--memory-turns", type=int, default=10000)
    parser.add_argument("--only", choices=["paint", "enter", "append", "memory"], default=None)
    args = parser.parse_args()
    reply = headline_answer()
    if args.only in (None, "enter"):
        with tempfile.TemporaryDirectory() as home:
            enter = enter_to_bottom_line(Path(home), args.runs)
        print(
            f"Enter → bottom line visible (pty, 120×40, headline answer): median "
            f"{statistics.median(enter) * 1000:.0f} ms, max {max(enter) * 1000:.0f} ms "
            f"over {len(enter)} runs"
        )
    if args.only in (None, "memory"):
        session_memory(args.memory_turns)
        with tempfile.TemporaryDirectory() as home:
            asyncio.run(memory(args.memory_turns, reply, Path(home)))
    if args.only not in (None, "paint", "append"):
        return
    with tempfile.TemporaryDirectory() as home:
        first_paint_pty(Path(home))  # untimed: warm the disk cache
        paints = [first_paint_pty(Path(home)) for _ in range(args.runs)]
    print(
        f"start → first paint (python -m chatbot in a pty): median "
        f"{statistics.median(paints) * 1000:.0f} ms over {args.runs} runs"
    )
    if args.only in (None, "append"):
        asyncio.run(in_process(args.turns, args.runs, reply))


if __name__ == "__main__":
    main()

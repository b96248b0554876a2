"""Drive ``mbc-chat serve`` in a real headless Chromium (shared by the test and the benchmark).

The page is xterm.js drawing on a canvas, so text is read from xterm's own buffer:
an init script notes each ``Terminal`` as it is built (xterm assigns
``_addonManager`` in its constructor; a one-shot setter on ``Object.prototype``
catches that ``this``), and :meth:`Tab.screen` reads the visible rows. Keys go in
through the keyboard and clicks land on the cell where a text is drawn, as a person's
would.

Chromium is Debian's ``chromium`` package, started by Playwright for Python with
``executable_path``; Playwright's own browser downloads are never used.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Re-exported for the browser test and the benchmark: the headline question and what a
# clinician picks for each of its follow-up questions.
from test_tui_real import pick as pick
from tui_fakes import HEADLINE as HEADLINE

CHROMIUM = Path(os.environ.get("MBC_CHAT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}

_HOOK_JS = """
window.__mbcTerminals = [];
Object.defineProperty(Object.prototype, '_addonManager', {
  configurable: true,
  set(value) {
    window.__mbcTerminals.push(this);
    Object.defineProperty(this, '_addonManager',
      {value: value, writable: true, configurable: true, enumerable: true});
  },
});
"""

_SCREEN_JS = """() => {
  const term = window.__mbcTerminals[0];
  if (!term) return null;
  const buffer = term.buffer.active;
  const rows = [];
  for (let i = 0; i < term.rows; i++) {
    const line = buffer.getLine(buffer.viewportY + i);
    rows.push(line ? line.translateToString(true) : '');
  }
  const box = term.element.querySelector('.xterm-screen').getBoundingClientRect();
  return {rows: rows, cols: term.cols, x: box.x, y: box.y, width: box.width, height: box.height};
}"""


class BrowserUnavailable(RuntimeError):
    """Playwright or the system Chromium is missing."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def child_pids(pid: int) -> list[int]:
    """Direct children of ``pid`` (Linux /proc): the served tabs' app processes."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def running(pid: int) -> bool:
    """The process exists and has not exited (a zombie waiting to be reaped has)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


def memory_kib(pid: int) -> dict[str, int]:
    """``Rss`` and ``Pss`` of a process in KiB (PSS shares libraries between tabs fairly)."""
    out: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("Rss", "Pss"):
            out[key] = int(rest.split()[0])
    return out


@dataclass
class Server:
    """A running ``mbc-chat serve`` subprocess."""

    proc: subprocess.Popen[str]
    url: str
    db: Path
    home: Path
    output: str = ""

    def stop(self, timeout: float = 30.0) -> int:
        """Ctrl+C as a terminal sends it (SIGINT to the process group); the exit code."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGINT)
        try:
            out, _ = self.proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            out, _ = self.proc.communicate()
            self.output += out
            raise
        self.output += out
        return self.proc.returncode

    def tabs(self) -> list[int]:
        """The processes textual-serve started for open tabs (one per tab)."""
        return [pid for pid in child_pids(self.proc.pid) if b"chatbot.serve.tab" in cmdline(pid)]

    def apps(self) -> list[int]:
        """The processes running a tab's chat app (forked from the preloaded one, or not)."""
        found = []
        for pid in child_pids(self.proc.pid):
            argv = cmdline(pid)
            if b"chatbot.serve.preload" in argv:
                found += child_pids(pid)
            elif b"--preloaded" not in argv:
                found.append(pid)
        return found

    def descendants(self) -> list[int]:
        """Every process below the server (tabs, apps, the preloaded process)."""
        found, todo = [], [self.proc.pid]
        while todo:
            children = child_pids(todo.pop())
            found += children
            todo += children
        return found

    def replies(self) -> list[tuple[int, str, dict[str, Any]]]:
        """Every committed turn as ``(session id, user text, reply dict)``, in order."""
        import json

        if not self.db.exists():
            return []
        conn = sqlite3.connect(self.db)
        try:
            rows = conn.execute(
                "SELECT session_id, user_text, reply_json FROM turns ORDER BY session_id, seq"
            ).fetchall()
        except sqlite3.OperationalError:  # tables not created yet
            return []
        finally:
            conn.close()
        return [(sid, text, json.loads(reply)) for sid, text, reply in rows]


@contextmanager
def served(folder: Path, *extra: str) -> Iterator[Server]:
    """``mbc-chat serve`` on a free localhost port with its own database and data folder."""
    port = free_port()
    home = folder / "home"
    db = folder / "history.sqlite3"
    env = {**os.environ, "MBC_CHAT_HOME": str(home)}
    env.pop("MBC_CHAT_DB", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "chatbot", "serve", "--port", str(port), "--db", str(db), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
        start_new_session=True,  # its own process group, as in a terminal
    )
    server = Server(proc, f"http://127.0.0.1:{port}", db, home)
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"mbc-chat serve exited: {proc.communicate()[0]}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield server
    finally:
        if proc.poll() is None:
            server.stop()


@contextmanager
def chromium(profile: Path) -> Iterator[Any]:
    """A headless system Chromium with a new empty profile (a Playwright BrowserContext)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise BrowserUnavailable("Playwright for Python is not installed (the test extra)") from exc
    if not CHROMIUM.exists():
        raise BrowserUnavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport=VIEWPORT,
            accept_downloads=True,
            # Playwright turns Chromium's popup blocker off; keep it on, as in a real
            # browser, so the export download (a window opened by the page) is proven.
            ignore_default_args=["--disable-popup-blocking"],
        )
        context.add_init_script(_HOOK_JS)
        try:
            yield context
        finally:
            context.close()


@dataclass
class Screen:
    """The terminal as the page shows it: text rows and where the cells are."""

    rows: list[str]
    cols: int
    x: float
    y: float
    width: float
    height: float

    @property
    def text(self) -> str:
        return "\n".join(self.rows)

    def find(self, needle: str, *, last: bool = False) -> tuple[int, int] | None:
        """(row, column) of ``needle`` on screen, first (or last) occurrence."""
        hits = [
            (r, m.start())
            for r, row in enumerate(self.rows)
            for m in re.finditer(re.escape(needle), row)
        ]
        if not hits:
            return None
        return hits[-1] if last else hits[0]

    def quick_reply(self, choice: str) -> tuple[int, int] | None:
        """(row, column) of a quick-reply button's label (the row that starts "Reply",
        e.g. "Reply (Tab, 1-3):  1. yes  2. no  3. unknown")."""
        for r, row in enumerate(self.rows):
            if row.strip().startswith("Reply"):
                hit = re.search(rf"(?<![\w.-]){re.escape(choice)}(?![\w-])", row)
                if hit:
                    return r, hit.start()
        return None

    def cell_center(self, row: int, col: int) -> tuple[float, float]:
        cell_w = self.width / self.cols
        cell_h = self.height / len(self.rows)
        return self.x + (col + 0.5) * cell_w, self.y + (row + 0.5) * cell_h


@dataclass
class Tab:
    """One browser tab on the served app."""

    page: Any
    requests: list[str] = field(default_factory=list)

    @classmethod
    def open(cls, context: Any, url: str, timeout: float = 60.0) -> Tab:
        page = context.new_page()
        tab = cls(page)
        page.on("request", lambda request: tab.requests.append(request.url))
        page.goto(url)
        tab.wait_for(lambda s: "Enter sends" in s.text, timeout, "the message box")
        return tab

    def screen(self) -> Screen | None:
        data = self.page.evaluate(_SCREEN_JS)
        return Screen(**data) if data else None

    def wait_for(
        self, ready: Callable[[Screen], bool], timeout: float = 60.0, what: str = "the screen"
    ) -> Screen:
        deadline = time.monotonic() + timeout
        screen = None
        while time.monotonic() < deadline:
            screen = self.screen()
            if screen is not None and ready(screen):
                return screen
            self.page.wait_for_timeout(50)
        shown = screen.text if screen else "(no terminal)"
        raise AssertionError(f"timed out waiting for {what}; the page shows:\n{shown}")

    def wait_until(self, probe: Callable[[], Any], timeout: float = 60.0, what: str = "it") -> Any:
        """Poll ``probe`` while letting Playwright deliver its events (downloads, popups)."""
        return wait_until(probe, timeout, what, sleep=lambda: self.page.wait_for_timeout(50))

    def wait_text(self, needle: str, timeout: float = 60.0) -> Screen:
        return self.wait_for(lambda s: needle in s.text, timeout, repr(needle))

    def send(self, text: str) -> None:
        """Type a message into the box and press Enter."""
        self.page.keyboard.type(text)
        self.page.keyboard.press("Enter")

    def click_text(self, needle: str, *, last: bool = False, timeout: float = 30.0) -> None:
        """Click the first (or last) place ``needle`` is drawn."""
        screen = self.wait_text(needle, timeout)
        where = screen.find(needle, last=last)
        assert where is not None
        self.click_cell(screen, *where)

    def click_quick_reply(self, choice: str, timeout: float = 30.0) -> None:
        """Click the quick-reply button labelled ``choice``."""
        screen = self.wait_for(
            lambda s: s.quick_reply(choice) is not None, timeout, f"quick reply {choice!r}"
        )
        self.click_cell(screen, *screen.quick_reply(choice))  # type: ignore[misc]

    def click_cell(self, screen: Screen, row: int, col: int) -> None:
        x, y = screen.cell_center(row, col)
        self.page.mouse.click(x, y)


def wait_until(
    probe: Callable[[], Any],
    timeout: float = 60.0,
    what: str = "the condition",
    sleep: Callable[[], object] = lambda: time.sleep(0.05),
) -> Any:
    """Poll ``probe`` until it returns something truthy."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = probe()
        if value:
            return value
        sleep()
    raise AssertionError(f"timed out waiting for {what}")

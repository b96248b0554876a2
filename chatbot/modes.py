"""The line-oriented shells: ``mbc-chat --plain`` and ``mbc-chat --json``.

Both read one user message per stdin line and hand it to ``Session.send``.
``--json`` writes exactly one JSON reply object per input line (empty lines
included) and flushes after each, so a script can talk to it turn by turn.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from typing import TextIO

from chatbot.contract import Reply
from chatbot.render.jsonl import reply_json_line

__all__ = ["BANNER", "reply_json_line", "run_json", "run_plain"]

BANNER = (
    "mbc-chat — metastatic breast cancer treatment from one guideline, every statement "
    "cited. Verify before clinical use.\n"
    "Describe a case or ask a question; 'help' lists commands, 'quit' or Ctrl-D ends."
)
_QUIT = {"quit", "exit", ":q"}


def _make_session() -> object:
    from chatbot.dialogue.session import Session

    return Session()


def _robust_streams(stdin: TextIO, stdout: TextIO) -> None:
    """Undecodable input bytes and unencodable output characters must not end the chat."""
    for stream in (stdin, stdout):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # exotic streams
                reconfigure(errors="replace")


def _start(session_factory: Callable[[], object]) -> object | None:
    """The session, or None after saying on stderr why it could not be loaded."""
    try:
        return session_factory()
    except Exception as exc:  # a broken install must fail with a message, not a traceback
        print(
            f"mbc-chat: could not load the knowledge or language pipeline: {exc}", file=sys.stderr
        )
        return None


def run_json(
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    session_factory: Callable[[], object] = _make_session,
) -> int:
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    _robust_streams(stdin, stdout)
    session = _start(session_factory)
    if session is None:
        return 1
    while True:
        line = stdin.readline()
        if not line:
            return 0
        message = line[:-1] if line.endswith("\n") else line
        reply = session.send(message)  # type: ignore[attr-defined]
        stdout.write(reply_json_line(reply) + "\n")
        stdout.flush()


def run_plain(
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    session_factory: Callable[[], object] = _make_session,
    *,
    brief: bool = False,
) -> int:
    """``brief``: print each answer's bottom line only (no details)."""
    from chatbot.render.plain import render_reply

    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    _robust_streams(stdin, stdout)
    interactive = bool(getattr(stdin, "isatty", lambda: False)())
    session = _start(session_factory)
    if session is None:
        return 1
    stdout.write(BANNER + "\n")
    stdout.flush()
    baseline: Reply | None = None  # the case's last real answer: a what-if says what differs
    while True:
        if interactive:
            stdout.write("\nyou> ")
            stdout.flush()
        try:
            line = stdin.readline()
        except KeyboardInterrupt:
            stdout.write("\n")
            return 130
        if not line:
            if interactive:
                stdout.write("\n")
            return 0
        message = line[:-1] if line.endswith("\n") else line
        if message.strip().lower() in _QUIT:
            return 0
        if not interactive:
            stdout.write(f"\nyou> {message}\n")
        reply: Reply = session.send(message)  # type: ignore[attr-defined]
        stdout.write(render_reply(reply, brief=brief, baseline=baseline) + "\n")
        if reply.kind == "answer" and reply.hypothesis is None:
            baseline = reply
        stdout.flush()

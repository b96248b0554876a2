"""The line-oriented shells: ``mbc-chat --plain`` and ``mbc-chat --json``.

Both read one user message per stdin line and hand it to ``Session.send``.
``--json`` writes exactly one JSON reply object per input line (empty lines
included) and flushes after each, so a script can talk to it turn by turn.

With a :class:`~chatbot.history.Recorder` each turn is committed to the history
before its reply is written (``--plain`` always, ``--json`` only with ``--db``);
a reply that could not be saved is marked "not saved: <reason>". ``--plain``
writes through :class:`~chatbot.terminal.PrintableWriter`, so no escape sequence,
control character or bidi control from any source reaches the terminal.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from typing import TextIO

from chatbot.contract import Reply
from chatbot.dialogue.commands import is_quit
from chatbot.history import Recorder, late_note
from chatbot.render.jsonl import reply_json_line
from chatbot.terminal import PrintableWriter

__all__ = ["BANNER", "reply_json_line", "run_json", "run_plain"]

BANNER = (
    "mbc-chat — metastatic breast cancer treatment from one guideline, every statement "
    "cited. Verify before clinical use.\n"
    "Describe a case or ask a question; 'help' lists commands, 'quit' or Ctrl-D ends."
)


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
    recorder: Recorder | None = None,
) -> int:
    """``recorder`` (``--db`` given): each turn committed before its line is written;
    a turn that could not be saved is reported on stderr, stdout stays one object a line."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    _robust_streams(stdin, stdout)
    session = _start(session_factory)
    if session is None:
        return 1
    turn = 0
    try:
        while True:
            line = stdin.readline()
            if not line:
                return 0
            message = line[:-1] if line.endswith("\n") else line
            reply = session.send(message)  # type: ignore[attr-defined]
            turn += 1
            unsaved = recorder.save(message, reply) if recorder is not None else None
            if unsaved:
                print(f"mbc-chat: turn {turn} not saved: {unsaved}", file=sys.stderr, flush=True)
            stdout.write(reply_json_line(reply) + "\n")
            stdout.flush()
    finally:
        if recorder is not None:
            recorder.flush()


def run_plain(
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    session_factory: Callable[[], object] = _make_session,
    recorder: Recorder | None = None,
    *,
    notice: str | None = None,
    resume: bool = False,
    brief: bool = False,
) -> int:
    """The plain chat. ``recorder`` stores each turn before its reply is printed;
    ``notice`` is said once after the banner (a set-aside database, history off);
    ``resume`` rebuilds the last stored conversation first; ``brief`` prints each
    answer's bottom line only (no details)."""
    stdin = stdin or sys.stdin
    raw_out = stdout or sys.stdout
    _robust_streams(stdin, raw_out)
    out = PrintableWriter(raw_out)
    interactive = bool(getattr(stdin, "isatty", lambda: False)())
    session = _start(session_factory)
    if session is None:
        return 1
    out.write(BANNER + "\n")
    if notice:
        out.write(notice + "\n")
    if recorder is not None and recorder.store is None and recorder.off_reason:
        out.write("NO HISTORY: replies in this run are not saved.\n")
    baseline: Reply | None = None  # the case's last real answer: a what-if says what differs
    if resume and recorder is not None:
        baseline = _resume_plain(session, recorder, out)
    out.flush()
    try:
        return _plain_loop(stdin, out, session, recorder, interactive, brief, baseline)
    finally:
        if recorder is not None and recorder.unsaved:
            reason = recorder.flush()
            if reason:
                out.write(f"\n{recorder.unsaved} turn(s) shown above were not saved: {reason}\n")
                out.flush()


def _plain_loop(
    stdin: TextIO,
    out: PrintableWriter,
    session: object,
    recorder: Recorder | None,
    interactive: bool,
    brief: bool,
    baseline: Reply | None,
) -> int:
    from chatbot.render.plain import render_reply

    while True:
        if interactive:
            out.write("\nyou> ")
            out.flush()
        try:
            line = stdin.readline()
        except KeyboardInterrupt:
            out.write("\n")
            return 130
        if not line:
            if interactive:
                out.write("\n")
            return 0
        message = line[:-1] if line.endswith("\n") else line
        if is_quit(message):
            return 0
        if not interactive:
            out.write(f"\nyou> {message}\n")
        try:
            reply: Reply = session.send(message)  # type: ignore[attr-defined]
            unsaved = recorder.save(message, reply) if recorder is not None else None
        except KeyboardInterrupt:  # Ctrl-C mid-turn: the turn is neither shown nor stored
            out.write("\n")
            return 130
        out.write(render_reply(reply, brief=brief, baseline=baseline) + "\n")
        if unsaved:
            out.write(f"[not saved: {unsaved}]\n")
        if reply.kind == "answer" and reply.hypothesis is None:
            baseline = reply
        out.flush()


def _resume_plain(session: object, recorder: Recorder, out: PrintableWriter) -> Reply | None:
    """Replay the last stored conversation's messages into ``session`` and say so; returns
    the conversation's last real answer (what a later what-if is compared with)."""
    from chatbot.history import HistoryError
    from chatbot.render.plain import render_reply

    store = recorder.store
    if store is None:
        out.write("Nothing to resume: history is off for this run.\n")
        return None
    try:
        session_id = store.last_session_id()
        turns = store.turns(session_id) if session_id is not None else []
    except HistoryError as exc:
        out.write(f"Could not resume: {exc.reason}. This is a new conversation.\n")
        return None
    if session_id is None or not turns:
        out.write("Nothing to resume yet; this is a new conversation.\n")
        return None
    baseline: Reply | None = None
    for turn in turns:
        reply: Reply = session.send(turn.user_text)  # type: ignore[attr-defined]
        if reply.kind == "answer" and reply.hypothesis is None:
            baseline = reply
    recorder.switch(session_id)
    out.write(f"Resumed conversation {session_id} ({len(turns)} turns). Last reply:\n")
    out.write(render_reply(turns[-1].reply) + "\n")
    note = late_note(turns)
    if note:
        out.write(note + "\n")
    return baseline

"""Command line: ``mbc-chat`` and ``python -m chatbot``.

Each mode is a thin shell over the core; heavy imports happen inside the
handler that needs them so ``sections`` and ``--help`` stay fast.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path


def _cmd_sections(args: argparse.Namespace) -> int:
    from chatbot.kb.sections import load_index

    index = load_index()
    if args.json:
        json.dump(index.to_dict(), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for section in index:
            print(f"{section.id}\t{section.title}")
    return 0


def _cmd_replay(args: argparse.Namespace) -> int:
    from chatbot.transcripts.commands import replay_command

    return replay_command(args)


def _cmd_demo(args: argparse.Namespace) -> int:
    from chatbot.transcripts.commands import demo_command

    def play_in_tui(demo: object) -> int:
        from chatbot.tui.demo import run_demo  # textual only here, never in transcripts

        return int(run_demo(demo) or 0)  # type: ignore[arg-type]

    return demo_command(args, play_in_tui)


def version_text() -> str:
    """``mbc-chat --version``: the program and the guideline it answers from."""
    from importlib.metadata import PackageNotFoundError, version

    from chatbot.kb.pin import guideline_ref

    try:
        mine = version("mbc-chatbot")
    except PackageNotFoundError:
        mine = "unknown"
    ref = guideline_ref()
    return f"mbc-chat {mine}\nguideline: {ref.title} · sha256 {ref.sha256[:12]} ({ref.sha256})"


def _self_test_passed() -> bool:
    """Every chat shell starts only after the self-test passes (fail closed)."""
    from chatbot.selftest import startup_problem

    problem = startup_problem()
    if problem is not None:
        print(problem, file=sys.stderr)
        return False
    return True


def _cmd_tui(args: argparse.Namespace) -> int:
    """Bare ``mbc-chat``: the Textual chat (textual imported only here).

    Only the pinned-guideline check runs before the first paint; the app's load worker
    runs the whole self-test (model included) and exits with its message if it fails."""
    from chatbot.kb.sections import load_index

    try:
        load_index()  # reads the guideline through its sha256 check
    except (ValueError, OSError) as exc:
        print(f"mbc-chat will not start: {exc}", file=sys.stderr)
        return 1
    from chatbot.tui.app import make_app

    app = make_app(db_path=args.db, resume=args.resume)
    app.run()
    # One last try at turns whose commit failed; say so if they are still not stored.
    unsaved = app.recorder.unsaved
    reason = app.recorder.flush()
    if reason:
        print(f"mbc-chat: {unsaved} turn(s) shown were not saved: {reason}", file=sys.stderr)
    return app.return_code or 0


def _cmd_lines(args: argparse.Namespace) -> int:
    """``--plain`` (always stores its turns) and ``--json`` (stores only with ``--db``)."""
    if not _self_test_passed():
        return 1
    from chatbot import modes
    from chatbot.history import open_recorder

    if args.json:
        recorder = None
        if args.db:
            recorder, notice = open_recorder(args.db)
            if notice:  # stdout carries only reply objects
                print(f"mbc-chat: {notice}", file=sys.stderr)
        return modes.run_json(recorder=recorder)
    recorder, notice = open_recorder(args.db)
    return modes.run_plain(recorder=recorder, notice=notice, resume=args.resume, brief=args.brief)


def _cmd_serve(args: argparse.Namespace) -> int:
    """``mbc-chat serve``: the chat in a browser (textual-serve imported only here)."""
    if not _self_test_passed():  # fail closed before any tab can open
        return 1
    from chatbot.serve.server import ServeConfig, serve

    db = Path(args.db) if args.db else None
    config = ServeConfig(
        args.host, args.port, db, args.public_url, args.max_tabs, preload=not args.no_preload
    )
    return serve(config)


def _port(text: str) -> int:
    port = int(text) if text.isdigit() else 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number (1-65535): {text!r}")
    return port


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r}")
    return int(text)


def _cmd_history(args: argparse.Namespace) -> int:
    """List conversations; never renames, migrates or creates anything."""
    from chatbot.history import HistoryError, HistoryStore, format_sessions
    from chatbot.terminal import printable

    try:
        store = HistoryStore.open_for_reading(args.db)
        conversations = (store.conversations() if args.json else store.sessions()) if store else []
    except HistoryError as exc:
        print(printable(f"mbc-chat history: no history to show: {exc.reason}"), file=sys.stderr)
        return 1
    if store is not None:
        if store.notice:
            print(printable(store.notice), file=sys.stderr)
        store.close()
    else:
        from chatbot.history import default_db_path, unwritable_reason

        reason = unwritable_reason(Path(args.db) if args.db else default_db_path())
        if reason:
            print(printable(f"No history: {reason}; chats run without it."), file=sys.stderr)
    if args.json:
        json.dump(conversations, sys.stdout, ensure_ascii=True)
        sys.stdout.write("\n")
    else:
        print(format_sessions(conversations))  # type: ignore[arg-type]
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    """Run the start-up self-test on demand."""
    from chatbot.selftest import format_results, run_checks

    results = run_checks()
    print(format_results(results))
    return 0 if all(r.ok for r in results) else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mbc-chat",
        description=(
            "Decision support for metastatic breast cancer treatment, answered from one "
            "guideline with every statement cited. Verify before clinical use."
        ),
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--plain", action="store_true", help="plain line chat on stdin/stdout")
    mode.add_argument(
        "--json", action="store_true", help="one JSON reply object per stdin line, flushed"
    )
    parser.add_argument(
        "--brief", action="store_true", help="with --plain: each answer's bottom line only"
    )
    parser.add_argument(
        "--version", action="store_true", help="print the version and the guideline (title, hash)"
    )
    parser.add_argument("--resume", action="store_true", help="reopen the last conversation")
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=None,
        help="history database (default: $MBC_CHAT_DB, else history.sqlite3 in the data dir)",
    )
    sub = parser.add_subparsers(dest="command")
    p_history = sub.add_parser("history", help="list stored conversations")
    p_history.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS, help="history database"
    )
    p_history.add_argument(
        "--json", action="store_true", help="one JSON array of conversations, oldest first"
    )
    p_history.set_defaults(handler=_cmd_history)
    p_check = sub.add_parser(
        "check", help="self-test: guideline hash, knowledge, language model; exit 1 on failure"
    )
    p_check.set_defaults(handler=_cmd_check)
    p_serve = sub.add_parser(
        "serve",
        help="serve the chat to web browsers (one session per tab)",
        description="Serve the chat app to web browsers; each tab is its own session. No "
        "authentication of its own: keep the default localhost bind, or put it behind an "
        "authenticating reverse proxy.",
    )
    p_serve.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default: %(default)s)"
    )
    p_serve.add_argument("--port", type=_port, default=8000, help="port (default: %(default)s)")
    p_serve.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS, help="history database for every tab"
    )
    p_serve.add_argument(
        "--public-url",
        metavar="URL",
        default=None,
        help="the address browsers open when behind a reverse proxy (e.g. https://mbc.example.org)",
    )
    p_serve.add_argument(
        "--max-tabs",
        type=_positive,
        default=20,
        metavar="N",
        help="browser tabs open at once, each its own app process (default: %(default)s)",
    )
    p_serve.add_argument(
        "--no-preload",
        action="store_true",
        help="start each tab's app from scratch instead of forking a preloaded one",
    )
    p_serve.set_defaults(handler=_cmd_serve)
    p_sections = sub.add_parser("sections", help="print the guideline's section index")
    p_sections.add_argument("--json", action="store_true", help="as one JSON object")
    p_sections.set_defaults(handler=_cmd_sections)
    p_replay = sub.add_parser("replay", help="replay transcripts; exit non-zero on any failure")
    p_replay.add_argument("paths", nargs="+", metavar="PATH", help="transcript files or folders")
    p_replay.add_argument("--junit", metavar="FILE", help="also write JUnit XML to FILE")
    p_replay.add_argument(
        "--coverage", action="store_true", help="report guideline nodes exercised"
    )
    p_replay.add_argument(
        "-q", "--quiet", action="store_true", help="one line per passing transcript"
    )
    p_replay.set_defaults(handler=_cmd_replay)
    p_demo = sub.add_parser("demo", help="list scripted demos, or play one")
    p_demo.add_argument("name", nargs="?", metavar="NAME")
    p_demo.add_argument("--plain", action="store_true", help="print the session instead of the TUI")
    p_demo.set_defaults(handler=_cmd_demo)
    from chatbot.kb.update.commands import add_parser as add_guideline_parser

    add_guideline_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _dispatch(args)
    except ValueError as exc:
        # Any command reading the guideline refuses an edited one, with a message.
        # (chatbot.kb.pin is imported lazily, like every heavy module here.)
        pin = sys.modules.get("chatbot.kb.pin")
        if pin is None or not isinstance(exc, pin.GuidelineMismatch):
            raise
        print(f"mbc-chat: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # `mbc-chat sections --json | head`: the reader left; end quietly like other tools.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


def _dispatch(args: argparse.Namespace) -> int:
    if args.version:
        print(version_text())
        return 0
    handler = getattr(args, "handler", None)
    if handler is not None:
        return int(handler(args))
    if args.plain or args.json:
        return _cmd_lines(args)
    return _cmd_tui(args)

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


def _cmd_tui(args: argparse.Namespace) -> int:
    """Bare ``mbc-chat``: the Textual chat (textual imported only here)."""
    from chatbot.tui.app import make_app

    make_app(db_path=args.db, resume=args.resume).run()
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    """``mbc-chat serve``: the chat in a browser (textual-serve imported only here)."""
    from pathlib import Path

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
    from chatbot.history import HistoryStore, format_sessions

    store = HistoryStore.open(args.db)
    if store.notice:
        print(store.notice, file=sys.stderr)
    print(format_sessions(store.sessions()))
    store.close()
    return 0


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
    p_history.set_defaults(handler=_cmd_history)
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
        from chatbot import modes

        return modes.run_plain(brief=args.brief) if args.plain else modes.run_json()
    return _cmd_tui(args)

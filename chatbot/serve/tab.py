"""What one browser tab's process runs: the terminal chat app, under textual-serve.

``python -m chatbot.serve.tab [--db PATH]`` is the command the server starts per tab
(textual-serve sets the web driver in its environment). It is the app of bare
``mbc-chat``, plus a watch on the server: if the server dies without telling the tab
(SIGKILL, out of memory), the app quits instead of living on as an orphan. Nothing is
lost either way — every turn is committed before it is shown.

With ``--preloaded SOCKET`` it is instead a small client of the preloaded process
(``chatbot.serve.preload``), which forks the app for this tab.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

PARENT_POLL_SECONDS = 1.0


def _exit_app(app: Any) -> None:
    with contextlib.suppress(RuntimeError):  # the app is not running (any more)
        app.call_from_thread(app.exit)


def _watch(name: str, wait: Callable[[], None], app: Any) -> None:
    def watch() -> None:
        wait()
        _exit_app(app)

    threading.Thread(target=watch, name=name, daemon=True).start()


def quit_when_orphaned(app: Any) -> None:
    """Exit the app when this process's parent (the server) is gone."""
    parent = os.getppid()

    def wait() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_SECONDS)

    _watch("server-watch", wait, app)


def quit_when_closed(app: Any, conn: socket.socket) -> None:
    """Exit the app when the other end of ``conn`` (the tab's client) closes."""

    def wait() -> None:
        with contextlib.suppress(OSError):
            while conn.recv(64):
                pass

    _watch("client-watch", wait, app)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m chatbot.serve.tab")
    parser.add_argument("--db", metavar="PATH", default=None, help="history database")
    parser.add_argument(
        "--preloaded", metavar="SOCKET", default=None, help="fork the app from this process"
    )
    args = parser.parse_args(argv)
    if args.preloaded:
        from chatbot.serve.preload import run_client

        try:
            return run_client(args.preloaded)
        except (ConnectionError, FileNotFoundError):
            pass  # the preloaded process is gone: run the app here instead

    from chatbot.tui.app import make_app

    app = make_app(db_path=args.db)
    quit_when_orphaned(app)
    app.run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

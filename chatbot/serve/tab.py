"""What one browser tab's process runs: the terminal chat app, under textual-serve.

``python -m chatbot.serve.tab [--db PATH]`` is the command the server starts per tab
(textual-serve sets the web driver in its environment). It is the app of bare
``mbc-chat``, plus a watch on the server: if the server dies without telling the tab
(SIGKILL, out of memory), the app quits instead of living on as an orphan. Nothing is
lost either way — every turn is committed before it is shown.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import threading
import time
from collections.abc import Sequence

PARENT_POLL_SECONDS = 1.0


def _quit_when_orphaned(app: object, parent: int) -> None:
    """Poll the parent pid; when the server is gone, ask the app to exit."""
    from textual.app import App

    assert isinstance(app, App)
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    with contextlib.suppress(RuntimeError):  # the app is not running (any more)
        app.call_from_thread(app.exit)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m chatbot.serve.tab")
    parser.add_argument("--db", metavar="PATH", default=None, help="history database")
    args = parser.parse_args(argv)

    from chatbot.tui.app import make_app

    app = make_app(db_path=args.db)
    threading.Thread(
        target=_quit_when_orphaned, args=(app, os.getppid()), name="server-watch", daemon=True
    ).start()
    app.run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

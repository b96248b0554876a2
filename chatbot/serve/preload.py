"""Tabs forked from one preloaded process: shared memory, no per-tab start-up.

``mbc-chat serve`` starts this once (``python -m chatbot.serve.preload SOCKET [--db
PATH]``): it imports Textual and the chat app, loads spaCy and the knowledge, answers
a warm-up conversation, then waits on a Unix socket. Each tab's command
(``python -m chatbot.serve.tab --preloaded SOCKET``, a few-MB client) hands over its
stdin/stdout/stderr — the pipes textual-serve talks to — and this process forks a
child that runs the chat app on them. The child shares every page the fork did not
change (the pipeline, the knowledge, the imported code), so a tab costs about a
third of a separately started one and its session is ready at once.

The client stays as the tab's process for textual-serve: it learns the child's pid,
forwards SIGINT/SIGTERM to it, and exits with the child's exit code. Every process
here watches the one that started it and quits when that is gone, so killing the
server leaves nothing behind.

Fork safety: this process never starts an event loop or a thread before forking, and
opens no database (each child opens its own).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import select
import signal
import socket
import sys
import threading
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

WATCH_SECONDS = 1.0
"""How often a process checks that the one it serves is still there."""

# The variables textual-serve gives each app (``AppService._build_environment``):
# Textual reads these once, at import, so the preloaded process must start with them.
TEXTUAL_ENV = {
    "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
    "TEXTUAL_FPS": "60",
    "TEXTUAL_COLOR_SYSTEM": "truecolor",
    "TERM_PROGRAM": "textual",
}
SINGLE_THREAD_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
"""numpy's BLAS would otherwise start a thread pool at import; forking needs one thread."""
PER_TAB_ENV = ("COLUMNS", "ROWS", "TERM_PROGRAM_VERSION")
"""What differs per tab, sent by the client and set in the child before the app starts."""


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# --- the preloaded process ------------------------------------------------------


def _preload() -> Any:
    """Import and load everything a tab needs; return the shared NLP/knowledge backends."""
    from chatbot.dialogue.backends import default_backends
    from chatbot.dialogue.session import Session
    from chatbot.tui import app as _app  # noqa: F401  (Textual and the app, imported once)

    backends = default_backends()
    warm = Session(backends)
    # Warm the lazily built parts (retrieval index, caches) so children share them.
    for text in (
        "65-year-old woman, ER-positive HER2-negative metastatic breast cancer on fulvestrant",
        "What is the dose of fulvestrant?",
    ):
        warm.send(text)
    return backends


def _os_threads() -> int:
    """Threads of this process as the OS counts them (C libraries' too, on Linux)."""
    tasks = Path("/proc/self/task")
    return len(list(tasks.iterdir())) if tasks.is_dir() else threading.active_count()


def _run_tab(backends: Any, db: str | None, client: socket.socket, env: dict[str, str]) -> int:
    """In the forked child: the chat app on the handed-over stdio, until it quits."""
    os.environ.update(env)
    from chatbot.dialogue.session import Session
    from chatbot.serve.tab import quit_when_closed
    from chatbot.tui.app import make_app

    app = make_app(db_path=db, session_factory=lambda: Session(backends))
    quit_when_closed(app, client)  # the tab's client gone (server killed): quit
    app.run()
    return app.return_code or 0


def serve_forks(socket_path: Path, db: str | None) -> int:
    """Preload, then fork one chat app per connecting tab client until the server goes."""
    # Ctrl+C reaches the whole process group; the server decides when this ends.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    server = os.getppid()
    backends = _preload()
    threads = _os_threads()
    if threads != 1:
        print(
            f"mbc-chat serve: not preloading: {threads} threads would be forked "
            "(set OPENBLAS_NUM_THREADS=1)",
            file=sys.stderr,
        )
        return 1
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(socket_path))
    listener.listen(16)
    print("ready", flush=True)
    clients: dict[int, socket.socket] = {}
    """Forked child pid → the connection of the tab client waiting for its exit code."""
    while os.getppid() == server:
        readable, _, _ = select.select([listener], [], [], WATCH_SECONDS)
        if readable:
            conn, _ = listener.accept()
            try:
                child = _fork_tab(conn, listener, clients, backends, db)
            except (OSError, ValueError) as exc:
                print(f"mbc-chat serve: could not start a tab: {exc}", file=sys.stderr)
                conn.close()
            else:
                clients[child] = conn
        _reap(clients)
    listener.close()
    return 0


def _fork_tab(
    conn: socket.socket,
    listener: socket.socket,
    clients: dict[int, socket.socket],
    backends: Any,
    db: str | None,
) -> int:
    message, fds, _, _ = socket.recv_fds(conn, 4096, 3)
    if len(fds) != 3:
        raise ValueError(f"expected 3 file descriptors, got {len(fds)}")
    env = {k: v for k, v in json.loads(message).items() if k in PER_TAB_ENV}
    child = os.fork()
    if child == 0:  # the tab's app
        code = 1
        try:
            listener.close()
            for other in clients.values():
                other.close()
            for target, fd in enumerate(fds):
                os.dup2(fd, target)
                os.close(fd)
            code = _run_tab(backends, db, conn, env)
        except BaseException:
            traceback.print_exc()  # to the tab's stderr: textual-serve logs it
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    for fd in fds:
        os.close(fd)
    conn.sendall(json.dumps({"pid": child}).encode() + b"\n")
    return child


def _reap(clients: dict[int, socket.socket]) -> None:
    """Collect exited children and tell each one's client its exit code."""
    while clients:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        conn = clients.pop(pid, None)
        if conn is not None:
            with contextlib.suppress(OSError):  # the client may be gone already
                conn.sendall(json.dumps({"exit": os.waitstatus_to_exitcode(status)}).encode())
            conn.close()


# --- the tab's client ------------------------------------------------------------


def run_client(socket_path: str) -> int:
    """Hand this process's stdio to a forked app; wait for it; exit with its code."""
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    conn.connect(socket_path)
    env = {k: os.environ[k] for k in PER_TAB_ENV if k in os.environ}
    socket.send_fds(conn, [json.dumps(env).encode()], [0, 1, 2])
    # Only the app may hold the pipes now: textual-serve sees EOF when the app exits.
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    reader = conn.makefile("rb")
    first = reader.readline()
    if not first:  # the preloaded process could not fork this tab's app
        return 1
    child = int(json.loads(first)["pid"])

    def forward(signum: int, _frame: object) -> None:
        if alive(child):
            os.kill(child, signum)

    signal.signal(signal.SIGINT, forward)
    signal.signal(signal.SIGTERM, forward)
    server = os.getppid()
    threading.Thread(target=_exit_when_parent_gone, args=(server,), daemon=True).start()
    last = reader.read()
    if not last:  # the preloaded process died: take the app with us
        if alive(child):
            os.kill(child, signal.SIGTERM)
        return 1
    return int(json.loads(last)["exit"])


def _exit_when_parent_gone(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m chatbot.serve.preload")
    parser.add_argument("socket", type=Path, help="Unix socket to listen on")
    parser.add_argument("--db", metavar="PATH", default=None, help="history database")
    args = parser.parse_args(argv)
    return serve_forks(args.socket, args.db)


if __name__ == "__main__":
    raise SystemExit(main())

"""The web server of ``mbc-chat serve``: one app process per browser tab.

textual-serve (Textualize's server for Textual apps) starts a process for each
websocket a page opens (``python -m chatbot.serve.tab``, the terminal chat app) and
relays its terminal to xterm.js in the page, so every tab has its own session, case
and history rows, and the app is exactly the terminal one. The page, its script and
its font come from installed packages (our page: ``templates/app_index.html``);
nothing is fetched from the internet.

The server has no authentication. It binds to localhost unless told otherwise, warns
when it is not, and accepts a websocket only from its own page's origin, so another
web site open in the same browser cannot start a session or read the history.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import os
import shlex
import shutil
import signal
import sys
import tempfile
from asyncio.subprocess import Process
from dataclasses import dataclass
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path
from urllib.parse import urlsplit

from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from chatbot.serve.preload import SINGLE_THREAD_ENV, TEXTUAL_ENV

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_TABS = 20
PRELOAD_TIMEOUT = 180.0
"""Seconds the preloaded process may take to load spaCy and the knowledge."""
TITLE = "mbc-chat"

log = logging.getLogger("textual-serve")

_LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (``localhost``, 127.0.0.0/8, ::1)."""
    name = host.strip("[]")
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def is_wildcard(host: str) -> bool:
    """True for "every interface" binds (``0.0.0.0``, ``::``, empty)."""
    name = host.strip("[]")
    if not name:
        return True
    try:
        return ipaddress.ip_address(name).is_unspecified
    except ValueError:
        return False


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of a URL, lowercased, as a browser's Origin header says it."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


@dataclass(frozen=True, slots=True)
class ServeConfig:
    """Where to listen, what browsers call it, and which history database tabs write."""

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    db: Path | None = None
    public_url: str | None = None
    max_tabs: int = DEFAULT_MAX_TABS
    """Tabs (app processes) open at once; more are refused."""
    preload: bool = True
    """Fork tabs from one preloaded process (``chatbot.serve.preload``)."""

    @property
    def url(self) -> str:
        """The address browsers open (``--public-url`` when behind a proxy)."""
        if self.public_url:
            return self.public_url.rstrip("/")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def allowed_origins(self) -> frozenset[str]:
        """Origins whose pages may open a session: the public URL, and localhost aliases."""
        origins = {origin_of(self.url)}
        if is_loopback(self.host):
            origins.update(f"http://{name}:{self.port}" for name in _LOOPBACK_NAMES)
        return frozenset(origins)

    def app_command(self, preloaded: Path | None = None) -> str:
        """The shell command textual-serve runs per tab: this Python, the terminal app
        (or, with ``preloaded``, the client that has it forked by the preloaded process)."""
        argv = [sys.executable, "-m", "chatbot.serve.tab"]
        if preloaded is not None:
            argv += ["--preloaded", str(preloaded)]
        if self.db is not None:
            argv += ["--db", str(self.db.resolve())]
        # exec: the app is the tab's process itself, so signals and exit codes reach it.
        return "exec " + shlex.join(argv)

    def warnings(self) -> list[str]:
        """What to tell the person starting the server about its exposure."""
        if is_loopback(self.host):
            return []
        return [
            f"mbc-chat serve is listening on {self.host}, not only on this machine. It has "
            "no authentication of its own: anyone who can reach this address can open a "
            "session and read the stored conversations (history). Put it behind an "
            "authenticating reverse proxy (see the README, 'In a browser') or use the "
            "default --host 127.0.0.1."
        ]


class TabApp(AppService):
    """One tab's app process; stopping it also reaps the process (and ends a hung one)."""

    QUIT_GRACE = 30.0
    """Seconds a quitting app may take: long enough to finish and commit a turn."""

    process: Process | None = None

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        self.process = await super()._open_app_process(width, height)
        return self.process

    async def run(self) -> None:
        """Relay the app's output; when it ends (quit or crash), end the tab's page too."""
        await super().run()
        with contextlib.suppress(Exception):
            await self.remote_close()

    async def stop(self) -> None:
        """Ask the app to quit, wait for it to exit; kill it only if it does not."""
        try:
            await asyncio.wait_for(super().stop(), self.QUIT_GRACE)
        except (TimeoutError, ConnectionError, RuntimeError) as exc:
            log.warning("a tab's app did not quit cleanly (%s)", exc)
        process = self.process
        if process is None or process.returncode is not None:
            return
        try:
            await asyncio.wait_for(process.wait(), self.QUIT_GRACE)
        except TimeoutError:
            log.warning("killing a tab's app (pid %s) that did not quit", process.pid)
            process.kill()
            await process.wait()


def web_templates_dir() -> Path:
    """The folder holding our page template (shipped inside the package)."""
    return Path(str(files("chatbot.serve") / "templates"))


class ChatServer(Server):
    """textual-serve's server with an origin check, tab bookkeeping and a clean shutdown."""

    def __init__(self, config: ServeConfig) -> None:
        super().__init__(
            config.app_command(),
            host=config.host,
            port=config.port,
            title=TITLE,
            public_url=config.url,
            templates_path=web_templates_dir(),
        )
        self.config = config
        self.allowed_origins = config.allowed_origins()
        self.sockets: set[web.WebSocketResponse] = set()
        """Open tabs; closed on shutdown so their app processes quit and nothing waits."""
        self.preloaded: Process | None = None
        """The process tabs are forked from (None: each tab starts its own)."""
        self._socket_dir: str | None = None

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.on_response_prepare.append(_security_headers)
        app.on_cleanup.append(self._stop_preloaded)
        return app

    async def _start_preloaded(self) -> None:
        """Start the preloaded process; on any failure tabs start their own (and say so)."""
        self._socket_dir = tempfile.mkdtemp(prefix="mbc-chat-serve-")  # mode 0700
        path = Path(self._socket_dir) / "tabs.sock"
        argv = [sys.executable, "-m", "chatbot.serve.preload", str(path)]
        if self.config.db is not None:
            argv += ["--db", str(self.config.db.resolve())]
        env = {
            **os.environ,
            **TEXTUAL_ENV,
            **SINGLE_THREAD_ENV,
            "TERM_PROGRAM_VERSION": version("textual-serve"),
        }
        process = await asyncio.create_subprocess_exec(
            *argv, stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE, env=env
        )
        assert process.stdout is not None
        try:
            line = await asyncio.wait_for(process.stdout.readline(), PRELOAD_TIMEOUT)
        except TimeoutError:
            line = b""
        if line.strip() != b"ready":
            log.warning("preloading failed; each tab will start its own app process")
            if process.returncode is None:
                process.kill()
            await process.wait()
            return
        self.preloaded = process
        self.command = self.config.app_command(preloaded=path)

    def _tab_command(self) -> str:
        """The command for a new tab; a process per tab if the preloaded one has died."""
        if self.preloaded is not None and self.preloaded.returncode is not None:
            log.warning("the preloaded process ended; each tab now starts its own app process")
            self.preloaded = None
            self.command = self.config.app_command()
        return self.command

    async def _stop_preloaded(self, app: web.Application) -> None:
        """After the tabs have quit: end the preloaded process, remove its socket."""
        process = self.preloaded
        if process is not None and process.returncode is None:
            process.terminate()
            try:
                await asyncio.wait_for(process.wait(), 10)
            except TimeoutError:
                process.kill()
                await process.wait()
        if self._socket_dir is not None:
            shutil.rmtree(self._socket_dir, ignore_errors=True)

    def origin_allowed(self, origin: str | None) -> bool:
        # No Origin header: not a browser page, so not a cross-site request either.
        return origin is None or origin.lower() in self.allowed_origins

    def initialize_logging(self) -> None:
        """Plain log lines. Upstream's rich tracebacks print local variables, which could
        hold a patient's case text; these logs may well end up in a shared journal."""
        logging.basicConfig(
            level=logging.DEBUG if self.debug else logging.INFO,
            format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        )

    def serve(self, debug: bool = False) -> None:
        """textual-serve's ``serve``, announcing the address only once it is listening."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, self.request_exit)
        try:
            web.run_app(
                self._make_app(),
                host=self.host,
                port=self.port,
                handle_signals=False,
                loop=loop,
                print=lambda *_: self._listening(),
                access_log_format='%a "%r" %s %b %Tfs',  # no user agent or referrer
            )
        finally:
            for signum in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(signum)
            asyncio.set_event_loop(None)

    def _listening(self) -> None:
        self.console.print(f"mbc-chat: serving the chat on {self.config.url}", highlight=False)
        self.console.print("Each browser tab is its own session. Press Ctrl+C to stop.")
        for warning in self.config.warnings():
            self.console.print(f"[bold red]Warning:[/] {warning}", highlight=False)

    async def on_startup(self, app: web.Application) -> None:
        """Start the preloaded process (upstream prints its logo here instead)."""
        if self.config.preload:
            await self._start_preloaded()

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every tab's websocket: each app process is told to quit and is awaited."""
        await asyncio.gather(
            *(
                ws.close(code=WSCloseCode.GOING_AWAY, message=b"server stopped")
                for ws in list(self.sockets)
            ),
            return_exceptions=True,
        )

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One tab: start its own app process and relay until either side closes."""
        origin = request.headers.get("Origin")
        if not self.origin_allowed(origin):
            log.warning("refused a session from origin %r", origin)
            raise web.HTTPForbidden(text="This page's origin may not open mbc-chat sessions.")
        if len(self.sockets) >= self.config.max_tabs:
            log.warning("refused a session: %d tabs are open (--max-tabs)", len(self.sockets))
            raise web.HTTPServiceUnavailable(text="Too many open mbc-chat tabs; close one.")
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        app_service: TabApp | None = None
        self.sockets.add(websocket)
        try:
            await websocket.prepare(request)
            app_service = TabApp(
                self._tab_command(),
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=lambda: _close(websocket),
                download_manager=self.download_manager,
                debug=self.debug,
            )
            await app_service.start(width, height)
            await self._process_messages(websocket, app_service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # one tab's failure never stops the server
            log.exception(error)
        finally:
            self.sockets.discard(websocket)
            if app_service is not None:
                # Tells the app to quit and waits for it: a turn being answered when
                # the tab closed is still committed to history before the process ends.
                await app_service.stop()
        return websocket


SECURITY_HEADERS = {
    # No other site may frame the app and trick clicks into it (clickjacking).
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


async def _security_headers(request: web.Request, response: web.StreamResponse) -> None:
    response.headers.update(SECURITY_HEADERS)


async def _close(websocket: web.WebSocketResponse) -> None:
    await websocket.close()


def serve(config: ServeConfig) -> int:
    """Run the server until Ctrl+C (SIGINT) or SIGTERM; return the exit code."""
    if is_wildcard(config.host) and not config.public_url:
        print(
            f"mbc-chat serve: --host {config.host or '(empty)'} listens on every interface; "
            "give --public-url, the address browsers will open (e.g. https://mbc.example.org), "
            "so the page knows where to connect.",
            file=sys.stderr,
        )
        return 2
    try:
        ChatServer(config).serve()
    except OSError as exc:  # port taken, unknown host name, no permission
        print(
            f"mbc-chat serve: cannot listen on {config.host}:{config.port}: {exc}", file=sys.stderr
        )
        return 1
    return 0

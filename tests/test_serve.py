"""``mbc-chat serve`` without a browser: options, exposure warnings, the page, the origin check.

The browser itself is driven in ``test_serve_browser.py``.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shlex
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from aiohttp import ClientSession, ClientWebSocketResponse, WSServerHandshakeError
from aiohttp.test_utils import TestClient, TestServer

from chatbot.cli import build_parser
from chatbot.serve.server import ChatServer, ServeConfig, is_loopback, is_wildcard, serve

TESTS = Path(__file__).parent


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("mbc.example.org", False),
    ],
)
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
    assert not ServeConfig(host=host).warnings() if loopback else ServeConfig(host=host).warnings()


def test_warning_says_there_is_no_authentication() -> None:
    (warning,) = ServeConfig(host="10.1.2.3").warnings()
    assert "no authentication" in warning and "reverse proxy" in warning


def test_every_interface_without_a_public_url_is_refused(capsys: pytest.CaptureFixture) -> None:
    assert is_wildcard("0.0.0.0") and is_wildcard("::") and not is_wildcard("127.0.0.1")
    assert serve(ServeConfig(host="0.0.0.0", port=1)) == 2  # returns before binding
    assert "--public-url" in capsys.readouterr().err


def test_cli_options(tmp_path: Path) -> None:
    args = build_parser().parse_args(
        ["serve", "--host", "10.0.0.5", "--port", "9001", "--db", str(tmp_path / "h.db")]
    )
    assert (args.host, args.port, args.db, args.public_url) == (
        "10.0.0.5",
        9001,
        str(tmp_path / "h.db"),
        None,
    )
    defaults = build_parser().parse_args(["serve"])
    assert (defaults.host, defaults.port, defaults.db) == ("127.0.0.1", 8000, None)
    assert (ServeConfig().host, ServeConfig().port) == (defaults.host, defaults.port)


@pytest.mark.parametrize(
    "bad", [["--port", "0"], ["--port", "99999"], ["--port", "web"], ["--max-tabs", "0"]]
)
def test_cli_refuses_bad_numbers(bad: list[str], capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(["serve", *bad])
    assert exit_.value.code == 2
    assert "mbc-chat serve: error" in capsys.readouterr().err


def test_a_taken_port_is_a_message_not_a_traceback(capsys: pytest.CaptureFixture) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert serve(ServeConfig(port=port)) == 1
    err = capsys.readouterr().err
    assert f"cannot listen on 127.0.0.1:{port}" in err and "Traceback" not in err


def test_each_tab_runs_the_chat_app_on_the_given_database(tmp_path: Path) -> None:
    command = ServeConfig(db=Path("rel") / "h.sqlite3").app_command()
    argv = shlex.split(command)
    assert argv[:4] == ["exec", sys.executable, "-m", "chatbot.serve.tab"]
    assert argv[4:] == ["--db", str((Path("rel") / "h.sqlite3").resolve())]
    assert shlex.split(ServeConfig().app_command())[4:] == []


def test_preloaded_tabs_run_the_client(tmp_path: Path) -> None:
    argv = shlex.split(ServeConfig(db=tmp_path / "h.db").app_command(tmp_path / "tabs.sock"))
    assert argv[1:] == [
        sys.executable,
        "-m",
        "chatbot.serve.tab",
        "--preloaded",
        str(tmp_path / "tabs.sock"),
        "--db",  # used if the preloaded process is gone
        str(tmp_path / "h.db"),
    ]


def test_without_a_preloaded_process_tabs_start_their_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """If preloading fails, the server says so and falls back to a process per tab."""

    async def check() -> None:
        server = ChatServer(ServeConfig(port=8123))
        plain = server.command
        monkeypatch.setattr(sys, "executable", "/bin/false")  # the preload cannot start
        await server._start_preloaded()
        assert server.preloaded is None and server.command == plain
        await server._stop_preloaded(None)  # type: ignore[arg-type]

    _run(check())


def test_allowed_origins() -> None:
    local = ServeConfig(port=8123)
    assert local.url == "http://127.0.0.1:8123"
    assert local.allowed_origins() == {
        "http://127.0.0.1:8123",
        "http://localhost:8123",
        "http://[::1]:8123",
    }
    proxied = ServeConfig(host="10.0.0.5", port=8000, public_url="https://MBC.example.org/")
    assert proxied.url == "https://MBC.example.org"
    assert proxied.allowed_origins() == {"https://mbc.example.org"}


def _run(coro):  # type: ignore[no-untyped-def]
    return asyncio.run(coro)


async def _client(config: ServeConfig) -> tuple[ChatServer, TestClient]:
    server = ChatServer(config)
    client = TestClient(TestServer(await server._make_app()))
    await client.start_server()
    return server, client


def test_page_loads_nothing_from_the_internet() -> None:
    async def check() -> None:
        server, client = await _client(ServeConfig(port=8123))
        try:
            response = await client.get("/")
            assert response.headers["X-Frame-Options"] == "DENY"  # no clickjacking frames
            assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
            page = await response.text()
            urls = re.findall(r"""[a-z]+://[^"')\s>]+""", page)
            own = ("http://127.0.0.1:8123/static/", "ws://127.0.0.1:8123/ws")
            outside = {u for u in urls if not u.startswith(own)}
            assert outside == {"http://www.w3.org/2000/svg"}, outside  # an XML namespace
            assert "ws://127.0.0.1:8123/ws" in urls
            assert "googleapis" not in page
            assert "<title>mbc-chat</title>" in page
            for asset in re.findall(r"http://127\.0\.0\.1:8123(/static/[^\"')\s]+)", page):
                response = await client.get(asset)
                assert response.status == 200, asset
        finally:
            await client.close()

    _run(check())


def test_textual_js_fetches_nothing_but_its_own_server() -> None:
    """The page's script opens windows/sockets only on the page's own origin."""
    import textual_serve

    script = (Path(textual_serve.__file__).parent / "static/js/textual.js").read_text("utf-8")
    hosts = set(re.findall(r"https?://([a-z0-9.-]+\.[a-z]{2,})", script))
    assert hosts <= {"www.w3.org"}, hosts


def test_websocket_from_another_origin_is_refused() -> None:
    async def check() -> None:
        server, client = await _client(ServeConfig(port=8123))
        try:
            with pytest.raises(WSServerHandshakeError) as refused:
                await client.ws_connect("/ws", headers={"Origin": "http://evil.example"})
            assert refused.value.status == 403
            with pytest.raises(WSServerHandshakeError):  # DNS rebinding: right port, wrong name
                await client.ws_connect("/ws", headers={"Origin": "http://rebind.example:8123"})
            assert not server.sockets  # no app process was started
        finally:
            await client.close()

    _run(check())


def test_tabs_beyond_the_limit_are_refused() -> None:
    async def check() -> None:
        server, client = await _client(ServeConfig(port=8123, max_tabs=1))
        try:
            server.sockets.add(object())  # type: ignore[arg-type]  # one tab already open
            with pytest.raises(WSServerHandshakeError) as refused:
                await client.ws_connect("/ws", headers={"Origin": "http://127.0.0.1:8123"})
            assert refused.value.status == 503
        finally:
            server.sockets.clear()
            await client.close()

    _run(check())


_MID_TURN = """
import asyncio, sys, threading, time
sys.path.insert(0, {tests!r})
from tui_fakes import FakeSession
from chatbot.tui.app import make_app
from chatbot.tui.widgets import UserTurn

answering = threading.Event()

class SlowSession(FakeSession):
    def send(self, text):
        answering.set()
        time.sleep(1.5)
        return super().send(text)

async def main():
    app = make_app(session_factory=SlowSession, db_path={db!r}, cursor_blink=False)
    async with app.run_test() as pilot:
        while app.busy:
            await pilot.pause(0.02)
        app.query_one("#input").load_text("dose of fulvestrant?")
        await pilot.press("enter")
        while not answering.is_set():
            await pilot.pause(0.02)
        assert app.query(UserTurn), "the message is on screen"
        app.exit()  # what a closed tab's quit message does
    print("exited mid-turn", flush=True)

asyncio.run(main())
"""


@pytest.mark.slow
def test_app_quit_mid_turn_commits_the_turn_before_the_process_ends(tmp_path: Path) -> None:
    """A closed tab quits its app; a turn already being answered is still committed."""
    db = tmp_path / "history.sqlite3"
    script = textwrap.dedent(_MID_TURN.format(tests=str(TESTS), db=str(db)))
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "exited mid-turn" in done.stdout
    rows = sqlite3.connect(db).execute("SELECT user_text FROM turns").fetchall()
    assert rows == [("dose of fulvestrant?",)]


def test_behind_a_proxy_the_page_connects_to_the_public_url() -> None:
    async def check() -> None:
        config = ServeConfig(port=8123, public_url="https://mbc.example.org")
        _, client = await _client(config)
        try:
            page = await (await client.get("/")).text()
            assert 'data-session-websocket-url="wss://mbc.example.org/ws"' in page
            assert "https://mbc.example.org/static/js/textual.js" in page
        finally:
            await client.close()

    _run(check())


async def _until_idle(ws: ClientWebSocketResponse) -> None:
    """The tab's app has drawn its screen and then nothing for 2 s (session loaded)."""
    await ws.receive(timeout=60)
    with contextlib.suppress(TimeoutError):
        while True:
            await ws.receive(timeout=2.0)


@pytest.mark.slow
@pytest.mark.parametrize("mode", [[], ["--no-preload"]], ids=["preloaded", "own-process"])
def test_tab_apps_quit_when_the_server_is_killed(tmp_path: Path, mode: list[str]) -> None:
    """SIGKILL leaves no orphan: each tab's app sees its server gone and quits."""
    sys.path.insert(0, str(TESTS))
    from serve_browser import running, served, wait_until

    async def open_tab(url: str) -> None:
        async with ClientSession() as http, http.ws_connect(url + "/ws?width=100&height=30") as ws:
            await ws.receive(timeout=60)  # the app's first screen bytes: it is running

    with served(tmp_path, *mode) as server:
        asyncio.run(open_tab(server.url))  # closing it quits that app normally
        wait_until(lambda: not server.tabs() and not server.apps(), what="the tab's app to quit")

        async def keep_open() -> None:
            http = ClientSession()
            ws = await http.ws_connect(server.url + "/ws?width=100&height=30")
            # Wait until the app is idle (session loaded, nothing more drawn): an app
            # still drawing would die of the broken pipe anyway.
            await _until_idle(ws)
            (app,) = server.apps()
            below = server.descendants()
            os.kill(server.proc.pid, signal.SIGKILL)
            await asyncio.to_thread(
                wait_until, lambda: not running(app), 30.0, "the orphaned app to quit"
            )
            await asyncio.to_thread(
                wait_until,
                lambda: not any(running(pid) for pid in below),
                30.0,
                "every process the server started to end",
            )
            await http.close()

        asyncio.run(keep_open())
        server.proc.wait()


@pytest.mark.slow
def test_tabs_at_once_each_get_their_own_session_and_rows(tmp_path: Path) -> None:
    """Three tabs typing at the same time: three app processes, three conversations."""
    sys.path.insert(0, str(TESTS))
    from serve_browser import served, wait_until

    questions = [
        "What is the dose of fulvestrant?",
        "Side effects of everolimus?",
        "What is the dose of denosumab?",
    ]

    async def tabs(url: str) -> None:
        async with ClientSession() as http:
            sockets = [await http.ws_connect(url + "/ws?width=120&height=40") for _ in questions]
            await asyncio.gather(*(_until_idle(ws) for ws in sockets))
            for ws, question in zip(sockets, questions, strict=True):
                await ws.send_json(["stdin", question + "\r"])  # typed, then Enter
            await asyncio.to_thread(
                wait_until, lambda: len(server.replies()) == 3, 90.0, "three committed turns"
            )
            assert len(server.tabs()) == 3
            for ws in sockets:
                await ws.close()

    with served(tmp_path) as server:
        asyncio.run(tabs(server.url))
        rows = server.replies()
        assert sorted(text for _, text, _ in rows) == sorted(questions)
        assert len({session for session, _, _ in rows}) == 3
        assert all(reply["kind"] != "clarification" for _, _, reply in rows)
        wait_until(lambda: not server.tabs() and not server.apps(), what="the apps to quit")


@pytest.mark.slow
def test_a_dead_preloaded_process_is_replaced_by_a_process_per_tab(tmp_path: Path) -> None:
    sys.path.insert(0, str(TESTS))
    from serve_browser import cmdline, served, wait_until

    async def open_tab(url: str) -> list[int]:
        async with ClientSession() as http, http.ws_connect(url + "/ws?width=100&height=30") as ws:
            await ws.receive(timeout=60)  # the app drew its first screen
            return server.tabs()

    with served(tmp_path) as server:
        (preloaded,) = [p for p in server.descendants() if b"serve.preload" in cmdline(p)]
        os.kill(preloaded, signal.SIGKILL)
        # At once (the server may not have noticed yet: the tab then runs its own app)
        # and once the server has noticed (it starts the app directly).
        for _ in range(2):
            (app,) = asyncio.run(open_tab(server.url))
            assert b"chatbot.serve.tab" in cmdline(app)
            wait_until(lambda: not server.tabs(), what="the tab's app to quit")
        assert server.stop() == 0
    assert "each tab now starts its own app process" in server.output

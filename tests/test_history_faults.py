"""History under faults: kill -9 at random moments, locks, failed commits, read-only and
full folders, damaged files. Each test goes through the public commands where it can
(``mbc-chat --plain``, ``mbc-chat history``) and asserts on what the user would see
and on what the database holds afterwards."""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import chatbot.history as history
from chatbot.cli import main
from chatbot.contract import Reply, Statement
from chatbot.history import HistoryError, HistoryStore, Recorder
from chatbot.modes import run_plain

REPLY = Reply(kind="info", statements=(Statement("a reply", "system"),))
HEADLINE = "65-year-old woman, ER+ HER2- MBC progressing in bone on fulvestrant"


@pytest.fixture
def quick_busy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Locks are waited for briefly in-process (the shipped wait is a few seconds)."""
    monkeypatch.setattr(history, "BUSY_TIMEOUT_S", 0.1)


def _texts(db: Path) -> list[str]:
    """Every stored user text, read with plain sqlite3 (not through the code under test)."""
    conn = sqlite3.connect(db)
    try:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'turns'").fetchone():
            return []  # killed before the schema was created
        return [r[0] for r in conn.execute("SELECT user_text FROM turns ORDER BY id")]
    finally:
        conn.close()


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --------------------------------------------------------------------------- kill -9

WRITER = textwrap.dedent(
    """
    import sys
    from chatbot.contract import Reply, Statement
    from chatbot.history import open_recorder
    recorder, _ = open_recorder(sys.argv[1])
    base = int(sys.argv[2])
    for n in range(base, base + 100000):
        text = f"turn {n}"
        unsaved = recorder.save(text, Reply(kind="info", statements=(Statement(text, "system"),)))
        print(("UNSAVED " if unsaved else "") + text, flush=True)  # shown only after the commit
    """
)


def _kill_rounds(db: Path, rounds: int, seed: int) -> None:
    """Start a writer, kill -9 it after a random delay, and check every reply it printed
    is stored and the next listing reads the database (nothing set aside)."""
    rng = random.Random(seed)
    printed: list[str] = []
    for round_no in range(rounds):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), str(round_no * 100000)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        first = ""
        if round_no % 2 == 0:  # even rounds: mid-conversation; odd: any time, opening included
            first = proc.stdout.readline()
        time.sleep(rng.uniform(0.0, 0.3))
        proc.send_signal(signal.SIGKILL)
        out = first + proc.stdout.read()
        proc.wait()
        printed += [line for line in out.splitlines() if line.startswith("turn ")]
        assert not [line for line in out.splitlines() if line.startswith("UNSAVED")]
        code = main(["history", "--db", str(db), "--json"])
        assert code == 0, f"round {round_no} (seed {seed}): listing failed"
        assert not [p for p in db.parent.iterdir() if ".corrupt-" in p.name]
        stored = set(_texts(db))
        missing = [t for t in printed if t not in stored]
        assert not missing, f"round {round_no} (seed {seed}): printed but lost: {missing[:5]}"
    assert len(printed) > rounds // 2  # the rounds did write (not all killed at start-up)


@pytest.mark.slow
def test_kill_9_a_few_rounds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _kill_rounds(tmp_path / "h.sqlite3", rounds=3, seed=13)


@pytest.mark.slow
def test_kill_9_thirty_rounds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _kill_rounds(tmp_path / "h.sqlite3", rounds=30, seed=int(time.time()))


def _plain_replies_shown(out: str) -> list[str]:
    """Messages whose reply had started printing (the line after ``you> msg`` exists)."""
    lines = out.splitlines()
    return [
        line[len("you> ") :]
        for i, line in enumerate(lines)
        if line.startswith("you> ") and i + 1 < len(lines)
    ]


def _kill_plain(tmp_path: Path, delay: float) -> tuple[list[str], Path]:
    db = tmp_path / "plain.sqlite3"
    proc = subprocess.Popen(
        [sys.executable, "-m", "chatbot", "--plain", "--db", str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdin is not None and proc.stdout is not None
    messages = [HEADLINE, "no", "no", "dose of alpelisib", "what is HER2-low?"] * 4
    proc.stdin.write("\n".join(messages) + "\n")
    proc.stdin.flush()
    seen = [proc.stdout.readline()]  # the banner: the self-test passed, the chat runs
    assert seen[0].startswith("mbc-chat")
    while not (len(seen) >= 2 and seen[-2].startswith("you> ")):
        line = proc.stdout.readline()  # until the first reply starts printing
        assert line, "the chat ended before its first reply"
        seen.append(line)
    time.sleep(delay)  # then kill it mid-conversation
    proc.send_signal(signal.SIGKILL)
    out = "".join(seen) + proc.stdout.read()  # not communicate(): it skips readline's buffer
    proc.wait()
    return _plain_replies_shown(out), db


@pytest.mark.slow
def test_kill_9_of_a_real_plain_chat_keeps_every_printed_reply(tmp_path: Path) -> None:
    shown, db = _kill_plain(tmp_path, random.uniform(0.0, 0.5))
    assert shown
    assert _texts(db)[: len(shown)] == shown
    listing = subprocess.run(
        [sys.executable, "-m", "chatbot", "history", "--db", str(db), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    (conversation,) = json.loads(listing.stdout)
    assert conversation["turns"] >= len(shown)
    assert conversation["first_message"] == HEADLINE


@pytest.mark.slow
def test_hot_journal_of_a_killed_legacy_writer_is_recovered_not_set_aside(
    tmp_path: Path,
) -> None:
    """Issue 13 item 1: a rollback-journal database whose writer died mid-transaction.
    Opened read-only it cannot be read; opened read-write SQLite rolls the journal back."""
    db = tmp_path / "h.sqlite3"
    store = HistoryStore.open(db)
    store.record_turn(store.start_session(), "acknowledged turn", REPLY)
    store.close()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = DELETE")  # as databases written before WAL were
    conn.close()
    killer = textwrap.dedent(
        """
        import os, signal, sqlite3, sys
        conn = sqlite3.connect(sys.argv[1], isolation_level=None)
        conn.execute("PRAGMA cache_size = 1")   # spill changed pages into the file
        conn.execute("BEGIN")
        for n in range(3000):
            conn.execute("INSERT INTO sessions (started_at, title) VALUES ('x', ?)", ("y" * 500,))
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    subprocess.run([sys.executable, "-c", killer, str(db)], check=False)
    assert (tmp_path / "h.sqlite3-journal").exists()  # a hot journal was left behind
    ro = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    with pytest.raises(sqlite3.Error):  # what the old read-only inspection hit
        ro.execute("SELECT COUNT(*) FROM turns").fetchone()
    ro.close()
    assert main(["history", "--db", str(db), "--json"]) == 0
    assert _files(tmp_path) == ["h.sqlite3"]  # rolled back; nothing set aside
    assert _texts(db) == ["acknowledged turn"]


# --------------------------------------------------------------------------- locks

CONCURRENT_WRITER = textwrap.dedent(
    """
    import os, sys, time
    from chatbot.contract import Reply, Statement
    from chatbot.history import HistoryStore, Recorder
    db, name, go = sys.argv[1], sys.argv[2], sys.argv[3]
    while not os.path.exists(go):
        time.sleep(0.001)
    recorder = Recorder(HistoryStore.open(db))  # all open the new database at once
    for n in range(50):
        unsaved = recorder.save(f"{name} {n}", Reply(kind="info", statements=()))
        print(unsaved or "saved", flush=True)
    """
)


@pytest.mark.slow
def test_chats_opening_and_writing_one_new_database_at_once_lose_nothing(tmp_path: Path) -> None:
    db, go = tmp_path / "h.sqlite3", tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CONCURRENT_WRITER, str(db), name, str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in "abcd"
    ]
    time.sleep(0.5)  # all four are importing or waiting
    go.touch()
    results = [p.communicate(timeout=120) for p in procs]
    assert [err for _, err in results if err] == []  # no traceback from a racing migration
    assert all(out.split() == ["saved"] * 50 for out, _ in results)
    assert sorted(_texts(db)) == sorted(f"{name} {n}" for name in "abcd" for n in range(50))


def test_a_lock_held_by_another_connection_is_not_corruption(
    tmp_path: Path, quick_busy: None, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "h.sqlite3"
    store = HistoryStore.open(db)
    store.record_turn(store.start_session(), HEADLINE, REPLY)
    store.close()
    # A legacy rollback-journal database under an EXCLUSIVE lock: not even readable.
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("BEGIN EXCLUSIVE")
    conn.execute("INSERT INTO sessions (started_at, title) VALUES ('x', 'held')")
    for _ in range(3):
        assert main(["history", "--db", str(db)]) == 1
        err = capsys.readouterr().err
        assert "locked by another program" in err and "Traceback" not in err
    with pytest.raises(HistoryError) as caught:
        HistoryStore.open(db)
    assert caught.value.kind == "busy"
    assert _files(tmp_path) == ["h.sqlite3", "h.sqlite3-journal"]  # nothing renamed
    conn.execute("ROLLBACK")
    conn.close()
    assert main(["history", "--db", str(db)]) == 0
    assert HEADLINE[:40] in capsys.readouterr().out


def test_a_locked_turn_is_marked_unsaved_and_stored_with_the_next_one(
    tmp_path: Path, quick_busy: None
) -> None:
    db = tmp_path / "h.sqlite3"
    recorder = Recorder(HistoryStore.open(db))
    assert recorder.save("turn 1", REPLY) is None
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another writer holds the write lock
    reason = recorder.save("turn 2: correction", REPLY)
    assert reason is not None and "locked by another program" in reason
    assert _texts(db) == ["turn 1"]
    other.execute("ROLLBACK")
    other.close()
    assert recorder.save("turn 3", REPLY) is None  # not blocked by the failed one
    assert recorder.store is not None and recorder.session_id is not None
    turns = recorder.store.turns(recorder.session_id)
    assert [(t.user_text, t.saved_late) for t in turns] == [
        ("turn 1", False),
        ("turn 2: correction", True),
        ("turn 3", False),
    ]
    assert history.late_note(turns) is not None and "2" in (history.late_note(turns) or "")


class _CommitFailsOnce:
    """A connection whose next COMMIT fails and leaves the transaction open, as a COMMIT
    that cannot get its lock does."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self.armed = True

    def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
        if sql == "COMMIT" and self.armed:
            self.armed = False
            raise sqlite3.OperationalError("database is locked")
        return self._conn.execute(sql, *args)

    def __getattr__(self, name: str) -> object:
        return getattr(self._conn, name)


def test_a_failed_commit_does_not_block_later_turns(tmp_path: Path) -> None:
    """Issue 13 item 3: COMMIT outside the error handling left a transaction open and
    every later turn failed with "cannot start a transaction within a transaction"."""
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    sid = store.start_session()
    failing = _CommitFailsOnce(store._conn)
    store._conn = failing  # type: ignore[assignment]
    with pytest.raises(HistoryError):
        store.record_turn(sid, "lost", REPLY)
    assert not failing.in_transaction
    store.record_turn(sid, "next", REPLY)
    assert [t.user_text for t in store.turns(sid)] == ["next"]


@pytest.mark.slow
def test_resume_in_plain_mode_says_a_turn_was_saved_late(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    store = HistoryStore.open(db)
    store.record_turns(
        None,
        [
            history.PendingTurn("dose of alpelisib", REPLY, "2026-01-01T00:00:00+00:00", True),
            history.PendingTurn("what is HER2-low?", REPLY, "2026-01-01T00:00:01+00:00"),
        ],
    )
    store.close()
    result = subprocess.run(
        [sys.executable, "-m", "chatbot", "--plain", "--resume", "--db", str(db)],
        input="",
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Resumed conversation 1 (2 turns)" in result.stdout
    assert "Turn(s) 1 of this conversation were shown marked 'not saved'" in result.stdout


# --------------------------------------------------------------------------- read-only / full


def _in_mount_namespace(script: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Run ``script`` (bash) in a private mount namespace; skip if mounting is impossible."""
    if shutil.which("unshare") is None:
        pytest.skip("unshare(1) not installed: cannot make a read-only or full folder")
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", f"mount -t tmpfs -o size=64k tmpfs {tmp_path}"],
        capture_output=True,
        text=True,
    )
    if probe.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs in a private mount namespace: {probe.stderr.strip()}")
    env = {**os.environ, "PY": sys.executable}
    return subprocess.run(
        ["unshare", "-rm", "bash", "-euo", "pipefail", "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


@pytest.mark.slow
def test_read_only_folder_gives_a_labelled_no_history_chat_and_a_read_only_listing(
    tmp_path: Path,
) -> None:
    """As root chmod does not stop writes, so the folder is a tmpfs remounted read-only."""
    home = tmp_path / "home"
    home.mkdir()
    script = f"""
    mount -t tmpfs -o size=1m tmpfs {home}
    export MBC_CHAT_HOME={home}
    printf 'dose of alpelisib\\n' | "$PY" -m chatbot --plain > /dev/null
    mount -o remount,ro {home}
    echo '== plain'
    printf 'dose of alpelisib\\nwhat is HER2-low?\\n' | "$PY" -m chatbot --plain
    echo '== history'
    "$PY" -m chatbot history 2>&1
    echo '== json'
    "$PY" -m chatbot history --json 2>/dev/null
    echo '== fresh'
    printf 'dose of alpelisib\\n' | MBC_CHAT_HOME={home}/new "$PY" -m chatbot --plain
    MBC_CHAT_HOME={home}/new "$PY" -m chatbot history 2>&1
    echo '== end'
    """
    result = _in_mount_namespace(script, tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Traceback" not in out + result.stderr
    plain = out.split("== plain")[1].split("== history")[0]
    assert f"History is off for this run: the data folder {home} is read-only." in plain
    assert "NO HISTORY: replies in this run are not saved." in plain
    assert plain.count(f"[not saved: the data folder {home} is read-only]") == 2
    assert "Something went wrong" not in plain
    listing = out.split("== history")[1].split("== json")[0]
    assert "History opened read-only" in listing and "dose of alpelisib" in listing
    (conversation,) = json.loads(out.split("== json")[1].split("== fresh")[0])
    assert conversation["turns"] == 1
    fresh = out.split("== fresh")[1]
    assert "NO HISTORY" in fresh and "[not saved:" in fresh
    assert f"No history: the data folder {home} is read-only; chats run without it." in fresh


@pytest.mark.slow
def test_full_disk_says_so_and_the_listing_still_reads(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    recorder_script = textwrap.dedent(
        f"""
        import subprocess
        from chatbot.contract import Reply, Statement
        from chatbot.history import HistoryStore, Recorder
        reply = Reply(kind="info", statements=(Statement("r", "system"),))
        recorder = Recorder(HistoryStore.open("{home}/h.sqlite3"))
        print("first", recorder.save("before the disk filled", reply))
        subprocess.run("dd if=/dev/zero of={home}/filler bs=4k", shell=True, capture_output=True)
        print("full", recorder.save("x" * 20000, reply))
        print("full again", recorder.save("while full", reply))
        subprocess.run(["rm", "{home}/filler"], check=True)
        print("freed", recorder.save("after freeing space", reply))
        turns = recorder.store.turns(recorder.session_id)
        print("stored", [(t.user_text[:10], t.saved_late) for t in turns])
        """
    )
    script = f"""
    mount -t tmpfs -o size=256k tmpfs {home}
    export MBC_CHAT_HOME={home}
    echo '== recorder'
    "$PY" -c '{recorder_script}'
    printf 'dose of alpelisib\\n' | "$PY" -m chatbot --plain > /dev/null
    dd if=/dev/zero of={home}/filler bs=4k 2>/dev/null || true
    echo '== plain'
    printf 'what is HER2-low?\\ndose of fulvestrant\\n' | "$PY" -m chatbot --plain
    echo '== history'
    "$PY" -m chatbot history --json
    echo '== end'
    """
    result = _in_mount_namespace(script, tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Traceback" not in out + result.stderr
    full = f"the disk holding {home} is full"
    recorder = out.split("== recorder")[1].split("== plain")[0].splitlines()
    assert recorder[1:5] == [
        "first None",
        f"full {full}",
        f"full again {full}",
        "freed None",
    ]
    assert recorder[5] == (
        "stored [('before the', False), ('xxxxxxxxxx', True), ('while full', True),"
        " ('after free', False)]"
    )
    plain = out.split("== plain")[1].split("== history")[0]
    assert plain.count(f"[not saved: {full}]") == 2
    assert "cannot rollback" not in plain and "Something went wrong" not in plain
    (conversation,) = [
        c
        for c in json.loads(out.split("== history")[1].split("== end")[0])
        if c["first_message"] == "dose of alpelisib"
    ]
    assert conversation["turns"] == 1


# --------------------------------------------------------------------------- damaged files


@pytest.fixture
def damaged_db(tmp_path: Path) -> Iterator[Path]:
    """A real history database with one page overwritten: quick_check reports it."""
    db = tmp_path / "h.sqlite3"
    store = HistoryStore.open(db)
    sid = store.start_session()
    for n in range(200):
        store.record_turn(sid, f"turn {n} " + "x" * 200, REPLY)
    store.close()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    data = bytearray(db.read_bytes())
    data[4096 * 3 : 4096 * 3 + 512] = b"\xff" * 512
    db.write_bytes(bytes(data))
    yield db


def test_listing_a_damaged_database_renames_nothing_and_says_how_to_recover(
    damaged_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["history", "--db", str(damaged_db)]) == 1
    err = capsys.readouterr().err
    assert "is damaged" in err and ".recover" in err and "left as it is" in err
    assert _files(damaged_db.parent) == ["h.sqlite3"]


def test_a_chat_sets_a_damaged_database_aside_and_names_it(damaged_db: Path) -> None:
    store = HistoryStore.open(damaged_db)
    (aside,) = [p for p in damaged_db.parent.iterdir() if ".corrupt-" in p.name]
    assert store.notice is not None
    assert str(aside) in store.notice and f"sqlite3 {aside} .recover" in store.notice
    assert store.sessions() == []


def test_only_quick_check_decides_corruption(tmp_path: Path) -> None:
    """An I/O-ish failure on open (here: the path is a folder) is reported, not set aside."""
    folder = tmp_path / "h.sqlite3"
    folder.mkdir()
    with pytest.raises(HistoryError) as caught:
        HistoryStore.open(folder)
    assert caught.value.kind != "corrupt"
    assert _files(tmp_path) == ["h.sqlite3"]


# --------------------------------------------------------------------------- unsaved turns kept

LOCKED_WRITER = textwrap.dedent(
    """
    import sys, time
    import chatbot.history as history
    from chatbot.contract import Reply, Statement
    history.BUSY_TIMEOUT_S = 0.05
    recorder = history.Recorder(history.HistoryStore.open(sys.argv[1]))
    reply = Reply(kind="info", statements=(Statement("r", "system"),))
    print(recorder.save("first turn", reply), flush=True)
    input()  # the test now takes the write lock
    print(recorder.save("a correction the user saw", reply), flush=True)
    input()  # the test lets go of the lock and checks nobody takes this chat's turn
    time.sleep(60)
    """
)


@pytest.mark.slow
def test_a_turn_unsaved_when_its_chat_was_killed_is_stored_by_the_next_run(
    tmp_path: Path,
    session_factory,  # type: ignore[no-untyped-def]
) -> None:
    """Issue 13 item 3: the session and the history must not disagree. A turn whose
    commit failed (lock) is kept beside the database; while its chat runs nobody else
    takes it, after a kill -9 the next run stores it and ``--resume`` says so."""
    db = tmp_path / "h.sqlite3"
    proc = subprocess.Popen(
        [sys.executable, "-c", LOCKED_WRITER, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdin is not None and proc.stdout is not None
    assert proc.stdout.readline().strip() == "None"  # stored
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    proc.stdin.write("\n")
    proc.stdin.flush()
    assert "locked by another program" in proc.stdout.readline()  # shown as not saved
    other.execute("ROLLBACK")
    other.close()
    spilled = list(tmp_path.glob("h.sqlite3.unsaved-*.json"))
    assert len(spilled) == 1
    proc.stdin.write("\n")
    proc.stdin.flush()
    HistoryStore.open(db).close()  # another chat opening now must not take a live chat's turn
    assert spilled[0].exists() and _texts(db) == ["first turn"]
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    out = io.StringIO()
    recorder, notice = history.open_recorder(db)
    assert notice is not None and "1 turn(s) an earlier run showed as 'not saved'" in notice
    assert not spilled[0].exists()
    assert _texts(db) == ["first turn", "a correction the user saw"]
    run_plain(io.StringIO(""), out, session_factory, recorder, notice=notice, resume=True)
    assert "Resumed conversation 1 (2 turns)" in out.getvalue()
    assert "Turn(s) 2 of this conversation were shown marked 'not saved'" in out.getvalue()

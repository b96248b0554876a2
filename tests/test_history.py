"""SQLite history: round trip, listing, explicit migrations, unusable databases, kill -9."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from chatbot.cli import main
from chatbot.contract import FactOrigin, OptionView, Recommendation, Reply, Statement
from chatbot.history import (
    MIGRATIONS,
    SCHEMA_VERSION,
    HistoryError,
    HistoryStore,
    default_db_path,
    reply_from_dict,
)

SAMPLE = Reply(
    kind="answer",
    statements=(
        Statement("Post-menopausal inferred from age.", "case"),
        Statement(
            "exemestane: 25 mg orally once daily",
            "guideline",
            ("hr-pos-her2-neg-postmenopausal/line-2/primary-options",),
        ),
    ),
    facts={"age": 65, "progressed_on": ["fulvestrant"], "visceral_crisis": False},
    asks=None,
    recommendation=Recommendation(
        "hr-pos-her2-neg-postmenopausal",
        2,
        (
            OptionView(
                ("fulvestrant", "alpelisib"),
                "primary",
                None,
                ("PIK3CA mutation",),
                ("progressing on fulvestrant",),
                ("hr-pos-her2-neg-postmenopausal/line-2/primary-options",),
            ),
        ),
    ),
    choices=("yes", "no"),
    fact_origins={
        "age": FactOrigin(65, False, "65-year-old", 1),
        "progressed_on": FactOrigin(["fulvestrant"], False, "on Faslodex", 1),
        "visceral_crisis": FactOrigin(False, False, "no", 2),
    },
)


def test_reply_round_trips_through_the_database(tmp_path: Path) -> None:
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    sid = store.start_session()
    store.record_turn(sid, "65-year-old [bold]on Faslodex", SAMPLE)
    (turn,) = store.turns(sid)
    assert turn.user_text == "65-year-old [bold]on Faslodex"
    assert turn.reply == SAMPLE
    assert turn.reply.to_dict() == SAMPLE.to_dict()


def test_reply_from_dict_without_extras_keeps_the_contract_fields() -> None:
    reply = reply_from_dict(SAMPLE.to_dict())
    assert reply.choices == SAMPLE.choices and reply.fact_origins == {}
    assert reply.to_dict() == SAMPLE.to_dict()


def test_sessions_listed_newest_first_with_counts(tmp_path: Path) -> None:
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    a = store.start_session()
    store.record_turn(a, "first case", SAMPLE)
    store.record_turn(a, "no", SAMPLE)
    b = store.start_session()
    store.record_turn(b, "second case", SAMPLE)
    sessions = store.sessions()
    assert [s.id for s in sessions] == [b, a]
    assert [s.turn_count for s in sessions] == [1, 2]
    assert sessions[1].title == "first case"
    assert store.last_session_id() == b
    assert [t.seq for t in store.turns(a)] == [1, 2]


def test_empty_session_is_not_resumed(tmp_path: Path) -> None:
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    a = store.start_session()
    store.record_turn(a, "case", SAMPLE)
    store.start_session()  # new case started but nothing said yet
    assert store.last_session_id() == a


def test_fresh_database_is_at_current_schema(tmp_path: Path) -> None:
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    assert store.schema_version() == SCHEMA_VERSION == len(MIGRATIONS)


# A reply as v1 stored it: the contract JSON before choices/hypothesis/branches/guideline.
V1_REPLY = {
    k: v
    for k, v in SAMPLE.to_dict().items()
    if k not in ("choices", "hypothesis", "branches", "guideline")
}


def test_version_1_database_is_migrated_and_keeps_its_turns(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0] + "\nPRAGMA user_version = 1;")
    conn.execute(
        "INSERT INTO sessions (id, started_at, title) VALUES (7, '2026-01-01T00:00:00+00:00', 'old')"
    )
    conn.execute(
        "INSERT INTO turns (session_id, seq, created_at, user_text, reply_json, facts_json)"
        " VALUES (7, 1, '2026-01-01T00:00:00+00:00', 'old case', ?, '{}')",
        (json.dumps(V1_REPLY),),
    )
    conn.commit()
    conn.close()

    store = HistoryStore.open(path)
    assert store.notice is None
    assert store.schema_version() == SCHEMA_VERSION
    (turn,) = store.turns(7)
    assert turn.user_text == "old case"
    assert turn.reply.to_dict() == {**SAMPLE.to_dict(), "choices": []}
    assert turn.reply.choices == ()  # v1 never stored them
    store.record_turn(7, "new turn", SAMPLE)
    assert store.turns(7)[1].reply.choices == ("yes", "no")


def test_corrupt_database_is_set_aside_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    garbage = b"this is not a database\x00" * 100
    path.write_bytes(garbage)
    store = HistoryStore.open(path)
    assert store.notice is not None and "could not be read" in store.notice
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("h.sqlite3.corrupt-")]
    assert len(aside) == 1 and aside[0].read_bytes() == garbage
    sid = store.start_session()
    store.record_turn(sid, "works", SAMPLE)
    assert store.turns(sid)[0].user_text == "works"


def test_second_corrupt_database_does_not_replace_the_first_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    for n in range(2):
        path.write_bytes(b"garbage %d" % n * 64)
        HistoryStore.open(path).close()
    aside = sorted(p.read_bytes()[:9] for p in tmp_path.iterdir() if ".corrupt-" in p.name)
    assert aside == [b"garbage 0", b"garbage 1"]


def test_future_schema_is_left_alone_and_history_is_off(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE future_things (x); PRAGMA user_version = 99;")
    conn.close()
    with pytest.raises(HistoryError) as caught:
        HistoryStore.open(path)
    assert caught.value.kind == "future" and "newer mbc-chat" in caught.value.reason
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h.sqlite3"]  # nothing renamed
    old = sqlite3.connect(path)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 99
    old.close()


def test_default_path_honours_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MBC_CHAT_DB", raising=False)
    monkeypatch.setenv("MBC_CHAT_HOME", str(tmp_path / "home"))
    assert default_db_path() == tmp_path / "home" / "history.sqlite3"
    monkeypatch.setenv("MBC_CHAT_DB", str(tmp_path / "x.db"))
    assert default_db_path() == tmp_path / "x.db"


def test_history_command_lists_sessions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "h.sqlite3"
    store = HistoryStore.open(db)
    sid = store.start_session()
    store.record_turn(sid, "65-year-old on fulvestrant", SAMPLE)
    store.close()
    assert main(["history", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert f"{sid}\t" in out and "65-year-old on fulvestrant" in out and "\t1\t" in out


def test_history_command_with_env_db(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MBC_CHAT_DB", str(tmp_path / "env.sqlite3"))
    assert main(["history"]) == 0
    assert "No conversations" in capsys.readouterr().out
    assert not (tmp_path / "env.sqlite3").exists()  # a listing creates nothing
    store = HistoryStore.open(tmp_path / "env.sqlite3")
    store.record_turn(store.start_session(), "from the env database", SAMPLE)
    store.close()
    assert main(["history"]) == 0
    assert "from the env database" in capsys.readouterr().out


WRITER = textwrap.dedent(
    """
    import sys, time
    from chatbot.contract import Reply, Statement
    from chatbot.history import HistoryStore
    store = HistoryStore.open(sys.argv[1])
    sid = store.start_session()
    for n in range(1, 1000):
        store.record_turn(sid, f"turn {n}", Reply(kind="info", statements=(Statement(f"r{n}", "system"),)))
        print(n, flush=True)   # "shown" only after the commit returned
        if n >= 3:
            time.sleep(0.05)
    """
)


@pytest.mark.slow
def test_kill_9_loses_no_committed_turn(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ},
    )
    assert proc.stdout is not None
    shown = [int(proc.stdout.readline()) for _ in range(5)]
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    store = HistoryStore.open(db)
    assert store.notice is None
    texts = [t.user_text for t in store.turns(store.last_session_id() or 0)]
    assert texts[: len(shown)] == [f"turn {n}" for n in shown]
    assert all(t.reply.statements for t in store.turns(store.last_session_id() or 0))


# That chatbot.history, chatbot.export and chatbot.tui.text import no textual is checked with
# the dialogue modules, in one process (tests/test_dialogue_hygiene.py).

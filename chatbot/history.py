"""Conversation history in a local SQLite database (stdlib ``sqlite3``).

Every turn — the user's text, the reply's contract JSON and the facts after the
turn — is committed as soon as the reply exists, before any shell shows it, so
killing the process loses nothing already on screen. The TUI, ``--resume`` and
``mbc-chat history`` go through :class:`HistoryStore`; this module never imports
textual.

Schema changes are explicit: :data:`MIGRATIONS` is an ordered list of SQL
steps and ``PRAGMA user_version`` records how many have run. A database that is
not SQLite, is damaged, or was written by a newer mbc-chat (``user_version``
beyond what this code knows) is never written to: it is renamed aside
(``history.sqlite3.corrupt-…`` / ``.future-…``), the reason is kept in
:attr:`HistoryStore.notice`, and a fresh database is started.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from chatbot.contract import (
    STATEMENT_PARTS,
    Branch,
    FactOrigin,
    GuidelineRef,
    OptionView,
    Recommendation,
    Reply,
    Statement,
)

DB_FILENAME = "history.sqlite3"
ENV_DB = "MBC_CHAT_DB"
ENV_HOME = "MBC_CHAT_HOME"

# Each entry upgrades the schema by one version; index i takes user_version i → i+1.
# Never edit a released step: append a new one.
MIGRATIONS: tuple[str, ...] = (
    # v1: sessions and their turns, the reply stored as its contract JSON.
    """
    CREATE TABLE sessions (
        id          INTEGER PRIMARY KEY,
        started_at  TEXT NOT NULL,
        title       TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE turns (
        id          INTEGER PRIMARY KEY,
        session_id  INTEGER NOT NULL REFERENCES sessions(id),
        seq         INTEGER NOT NULL,
        created_at  TEXT NOT NULL,
        user_text   TEXT NOT NULL,
        reply_json  TEXT NOT NULL,
        facts_json  TEXT NOT NULL,
        UNIQUE (session_id, seq)
    );
    """,
    # v2: what the contract JSON leaves out but the chat shows on resume —
    # quick-reply choices and where each fact came from.
    """
    ALTER TABLE turns ADD COLUMN extras_json TEXT NOT NULL DEFAULT '{}';
    CREATE INDEX turns_by_session ON turns(session_id, seq);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


class HistoryError(RuntimeError):
    """The history database could not be used (reported to the user, never fatal)."""


@dataclass(frozen=True, slots=True)
class SessionSummary:
    """One stored conversation, as ``mbc-chat history`` lists it."""

    id: int
    started_at: str
    title: str
    turn_count: int
    last_at: str | None


@dataclass(frozen=True, slots=True)
class StoredTurn:
    """One committed turn: what the user typed and the reply they saw."""

    session_id: int
    seq: int
    created_at: str
    user_text: str
    reply: Reply


def default_db_path() -> Path:
    """Where the history lives: ``$MBC_CHAT_DB``, else ``$MBC_CHAT_HOME``, else the user data dir."""
    explicit = os.environ.get(ENV_DB)
    if explicit:
        return Path(explicit).expanduser()
    return data_home() / DB_FILENAME


def data_home() -> Path:
    """mbc-chat's own data folder (``$MBC_CHAT_HOME`` wins over platformdirs)."""
    home = os.environ.get(ENV_HOME)
    if home:
        return Path(home).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("mbc-chat", appauthor=False))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# --- Reply <-> JSON -----------------------------------------------------------


def reply_extras(reply: Reply) -> dict[str, Any]:
    """The parts of a reply outside the contract JSON that a shell needs to redraw it."""
    return {
        "choices": list(reply.choices),
        "fact_origins": {
            name: {
                "value": origin.value,
                "inferred": origin.inferred,
                "source_text": origin.source_text,
                "turn": origin.turn,
            }
            for name, origin in reply.fact_origins.items()
        },
        "parts": [s.part for s in reply.statements],
    }


def _recommendation_from_dict(rec: dict[str, Any] | None) -> Recommendation | None:
    if not rec:
        return None
    return Recommendation(
        patient_group=rec["patient_group"],
        line=int(rec["line"]),
        options=tuple(
            OptionView(
                drugs=tuple(o["drugs"]),
                tier=o["tier"],
                applicable=o["applicable"],
                conditions=tuple(o.get("conditions", ())),
                flags=tuple(o.get("flags", ())),
                sources=tuple(o.get("sources", ())),
            )
            for o in rec.get("options", ())
        ),
    )


def reply_from_dict(data: dict[str, Any], extras: dict[str, Any] | None = None) -> Reply:
    """Rebuild a :class:`Reply` from its contract JSON (and the stored extras).

    Rows written before the contract carried ``choices`` keep them in the extras."""
    extras = extras or {}
    origins = {
        name: FactOrigin(
            value=o["value"],
            inferred=bool(o.get("inferred", False)),
            source_text=str(o.get("source_text", "")),
            turn=int(o.get("turn", 0)),
        )
        for name, o in (extras.get("fact_origins") or {}).items()
    }
    guideline = data.get("guideline")
    optional: dict[str, Any] = {}
    if isinstance(guideline, dict):
        optional["guideline"] = GuidelineRef(str(guideline["title"]), str(guideline["sha256"]))
    statements = data.get("statements", ())
    parts = extras.get("parts") or []
    if len(parts) != len(statements) or not all(p in STATEMENT_PARTS for p in parts):
        parts = [""] * len(statements)  # rows from before layout parts: shown as they come
    return Reply(
        kind=data["kind"],
        statements=tuple(
            Statement(
                text=s["text"], basis=s["basis"], sources=tuple(s.get("sources", ())), part=part
            )
            for s, part in zip(statements, parts, strict=True)
        ),
        facts=dict(data.get("facts") or {}),
        asks=data.get("asks"),
        recommendation=_recommendation_from_dict(data.get("recommendation")),
        choices=tuple(data.get("choices") or extras.get("choices") or ()),
        hypothesis=data.get("hypothesis"),
        branches=tuple(
            Branch(dict(b["when"]), _recommendation_from_dict(b.get("recommendation")))
            for b in data.get("branches") or ()
        ),
        fact_origins=origins,
        **optional,
    )


# --- the store ----------------------------------------------------------------


def _set_aside(path: Path, reason: str) -> Path:
    """Rename a database we must not touch; never overwrite an earlier one set aside."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    n = 0
    while True:
        suffix = f".{reason}-{stamp}" + (f"-{n}" if n else "")
        target = path.with_name(path.name + suffix)
        if not target.exists():
            break
        n += 1
    path.rename(target)
    for side in ("-journal", "-wal", "-shm"):
        extra = path.with_name(path.name + side)
        if extra.exists():
            extra.rename(target.with_name(target.name + side))
    return target


def _inspect(path: Path) -> int:
    """Return the schema version of an existing file; raise sqlite3.DatabaseError if damaged."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise sqlite3.DatabaseError(f"quick_check: {result}")
        return version
    finally:
        conn.close()


class HistoryStore:
    """An open history database. Thread-safe: the TUI writes from its worker thread."""

    def __init__(self, path: Path, conn: sqlite3.Connection, notice: str | None = None) -> None:
        self.path = path
        self._conn = conn
        self._lock = threading.RLock()
        self.notice = notice
        """Set when an unusable database was renamed aside at open; shells show it once."""

    # -- opening ---------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str | None = None) -> HistoryStore:
        """Open (creating or migrating) the database at ``path`` (default: :func:`default_db_path`)."""
        path = Path(path) if path is not None else default_db_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        notice = None
        if path.exists():
            try:
                version = _inspect(path)
            except sqlite3.DatabaseError as exc:
                aside = _set_aside(path, "corrupt")
                notice = (
                    f"The history database {path} could not be read ({exc}); it was kept as "
                    f"{aside.name} and a new one started."
                )
            else:
                if version > SCHEMA_VERSION:
                    aside = _set_aside(path, "future")
                    notice = (
                        f"The history database {path} was written by a newer mbc-chat (schema "
                        f"{version}, this one knows {SCHEMA_VERSION}); it was kept as "
                        f"{aside.name} and a new one started."
                    )
        conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        # Committed means on disk: a kill -9 right after a turn must not lose it.
        conn.execute("PRAGMA synchronous = FULL")
        store = cls(path, conn, notice)
        store.migrate()
        return store

    def migrate(self) -> int:
        """Run the migration steps this database has not seen yet; return the new version."""
        with self._lock:
            version = self.schema_version()
            for step in range(version, SCHEMA_VERSION):
                # executescript commits first; run each step plus the version bump atomically.
                self._conn.executescript(
                    "BEGIN;\n" + MIGRATIONS[step] + f"\nPRAGMA user_version = {step + 1};\nCOMMIT;"
                )
            return self.schema_version()

    def schema_version(self) -> int:
        with self._lock:
            return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    # -- writing ---------------------------------------------------------------

    def start_session(self, title: str = "") -> int:
        """Create a new conversation and return its id."""
        with self._transaction() as conn:
            cur = conn.execute(
                "INSERT INTO sessions (started_at, title) VALUES (?, ?)", (_now(), title)
            )
            return int(cur.lastrowid or 0)

    def record_turn(self, session_id: int, user_text: str, reply: Reply) -> StoredTurn:
        """Commit one turn; when this returns the turn survives a kill -9."""
        reply_json = json.dumps(reply.to_dict(), ensure_ascii=False)
        facts_json = json.dumps(reply.to_dict()["facts"], ensure_ascii=False)
        extras_json = json.dumps(reply_extras(reply), ensure_ascii=False)
        created = _now()
        with self._transaction() as conn:
            row = conn.execute(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM turns WHERE session_id = ?", (session_id,)
            ).fetchone()
            seq = int(row[0])
            conn.execute(
                "INSERT INTO turns (session_id, seq, created_at, user_text, reply_json, facts_json,"
                " extras_json) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (session_id, seq, created, user_text, reply_json, facts_json, extras_json),
            )
            if seq == 1:
                conn.execute(
                    "UPDATE sessions SET title = ? WHERE id = ? AND title = ''",
                    (_title_from(user_text), session_id),
                )
        return StoredTurn(session_id, seq, created, user_text, reply)

    # -- reading ---------------------------------------------------------------

    def sessions(self) -> list[SessionSummary]:
        """All conversations, newest first."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT s.id, s.started_at, s.title, COUNT(t.id) AS n, MAX(t.created_at) AS last_at"
                " FROM sessions s LEFT JOIN turns t ON t.session_id = s.id"
                " GROUP BY s.id ORDER BY s.id DESC"
            ).fetchall()
        return [
            SessionSummary(int(r["id"]), r["started_at"], r["title"], int(r["n"]), r["last_at"])
            for r in rows
        ]

    def last_session_id(self) -> int | None:
        """The most recent conversation that has at least one turn."""
        with self._lock:
            row = self._conn.execute(
                "SELECT session_id FROM turns ORDER BY id DESC LIMIT 1"
            ).fetchone()
        return int(row[0]) if row else None

    def turns(self, session_id: int) -> list[StoredTurn]:
        """The turns of one conversation, in order."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT session_id, seq, created_at, user_text, reply_json, extras_json"
                " FROM turns WHERE session_id = ? ORDER BY seq",
                (session_id,),
            ).fetchall()
        return [
            StoredTurn(
                int(r["session_id"]),
                int(r["seq"]),
                r["created_at"],
                r["user_text"],
                reply_from_dict(json.loads(r["reply_json"]), json.loads(r["extras_json"])),
            )
            for r in rows
        ]


def _title_from(user_text: str, width: int = 60) -> str:
    line = " ".join(user_text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


def format_sessions(sessions: Sequence[SessionSummary]) -> str:
    """``mbc-chat history`` output: one tab-separated line per conversation."""
    if not sessions:
        return "No conversations stored yet."
    lines = ["id\tstarted\tturns\ttitle"]
    for s in sessions:
        lines.append(f"{s.id}\t{s.started_at}\t{s.turn_count}\t{s.title}")
    return "\n".join(lines)

"""Conversation history in a local SQLite database (stdlib ``sqlite3``).

Every turn — the user's text, the reply's contract JSON and the facts after the
turn — is committed before any shell shows the reply, so killing the process loses
nothing already on screen. When a commit fails the reply is still shown, marked
"not saved: <reason>", and the turn waits in :class:`Recorder`'s backlog: it is
written (flagged ``saved_late``) with the next turn that can be committed, so the
stored conversation never drifts from the one on screen. The backlog is also kept in
a file beside the database (:class:`_Spill`), so a chat killed before it could
commit again leaves its turns for the next chat to store. The TUI, ``--plain``,
``--resume`` and ``mbc-chat history`` go through this module; it never imports textual.

Failure handling, because this is the clinician's record:

- The database runs in WAL mode and is always opened read-write first, so SQLite
  itself recovers whatever a killed writer left behind (hot journal or WAL).
- Lock contention waits (busy timeout) and retries a bounded number of times.
- Errors are classified (:attr:`HistoryError.kind`): ``busy``, ``readonly``,
  ``full``, ``io``, ``future`` (written by a newer mbc-chat) and ``corrupt``.
  Corruption is decided only by ``PRAGMA quick_check``.
- A damaged database is renamed aside (``history.sqlite3.corrupt-…``) only by a
  chat about to write, never by a listing, and the notice says where it is and how
  to recover it. Any other problem leaves the file alone and the shell runs in a
  clearly labelled no-history mode.

Schema changes are explicit: :data:`MIGRATIONS` is an ordered list of SQL
steps and ``PRAGMA user_version`` records how many have run.
"""

from __future__ import annotations

import errno
import glob
import json
import os
import shlex
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar

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
from chatbot.terminal import printable

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
    # v3: a turn shown before it could be committed (its reply said "not saved") and
    # written later, with the next turn that could be.
    """
    ALTER TABLE turns ADD COLUMN saved_late INTEGER NOT NULL DEFAULT 0;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


ProblemKind = Literal["busy", "readonly", "full", "io", "future", "corrupt"]

BUSY_TIMEOUT_S = 1.0
"""How long one statement waits for another connection's lock (SQLite's busy handler)."""
BUSY_RETRIES = 3
"""Attempts at a statement or transaction that keeps finding the database locked."""

T = TypeVar("T")


class HistoryError(RuntimeError):
    """The history database could not be used: ``kind`` says why, ``reason`` in plain words.

    Reported to the user, never fatal: the shells keep answering without history."""

    def __init__(self, kind: ProblemKind, reason: str) -> None:
        super().__init__(reason)
        self.kind: ProblemKind = kind
        self.reason = reason


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
    saved_late: bool = False
    """Shown marked "not saved" at the time; committed with a later turn."""


@dataclass(frozen=True, slots=True)
class PendingTurn:
    """A turn to commit: what the user typed, the reply shown, and when."""

    user_text: str
    reply: Reply
    created_at: str
    late: bool = False


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


# --- classifying failures -------------------------------------------------------

_BUSY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}
_DAMAGED = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}


class _Damaged(Exception):
    """``PRAGMA quick_check`` found the file damaged (or not a database at all)."""


def _primary_code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def _folder_problem(folder: Path) -> ProblemKind | None:
    """What is wrong with the folder itself, if anything (read-only mount, no space)."""
    try:
        stat = os.statvfs(folder)
    except OSError:
        return None
    if stat.f_flag & os.ST_RDONLY or not os.access(folder, os.W_OK):
        return "readonly"
    if stat.f_bavail == 0:
        return "full"
    return None


def unwritable_reason(path: Path) -> str | None:
    """Why a chat could not store history at ``path`` (read-only or full folder), if so.

    Looks at the nearest folder that exists, since the data folder may not be created yet."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    kind = _folder_problem(folder)
    return None if kind is None else _problem(kind, folder / path.name).reason


def _problem(kind: ProblemKind, path: Path, detail: object = "") -> HistoryError:
    folder = path.parent
    reasons: dict[ProblemKind, str] = {
        "busy": f"the history database {path} is locked by another program "
        f"(waited {round(BUSY_TIMEOUT_S * BUSY_RETRIES, 1):g} s)",
        "readonly": f"the data folder {folder} is read-only",
        "full": f"the disk holding {folder} is full",
        "io": f"the history database {path} cannot be used ({detail})",
        "future": f"the history database {path} was written by a newer mbc-chat ({detail})",
        "corrupt": f"the history database {path} is damaged ({detail})",
    }
    return HistoryError(kind, reasons[kind])


def classify(exc: BaseException, path: Path) -> HistoryError:
    """Name what went wrong; corruption is never concluded here (only ``quick_check`` does)."""
    if isinstance(exc, HistoryError):
        return exc
    if isinstance(exc, OSError):
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return _problem("readonly", path)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return _problem("full", path)
        return _problem("io", path, exc.strerror or exc)
    code = _primary_code(exc) if isinstance(exc, sqlite3.Error) else None
    if code in _BUSY:
        return _problem("busy", path)
    if code == sqlite3.SQLITE_READONLY:
        return _problem("readonly", path)
    if code == sqlite3.SQLITE_FULL:
        return _problem("full", path)
    # I/O errors, cannot-open, even "malformed" outside quick_check: the folder may say
    # why (read-only mount, no space); otherwise reported as they are, nothing renamed.
    return _problem(_folder_problem(path.parent) or "io", path, exc)


def _retrying(action: Callable[[], T]) -> T:
    """Run ``action``; when it finds the database locked, wait and try again, a bounded number
    of times (each attempt already waited ``BUSY_TIMEOUT_S`` in SQLite's busy handler)."""
    for attempt in range(1, BUSY_RETRIES + 1):
        try:
            return action()
        except sqlite3.OperationalError as exc:
            if _primary_code(exc) not in _BUSY or attempt == BUSY_RETRIES:
                raise
            time.sleep(0.05 * attempt)
    raise AssertionError("unreachable")  # pragma: no cover


# --- opening --------------------------------------------------------------------


def recovery_hint(damaged: Path) -> str:
    """How a user gets the readable part of a damaged database back."""
    recovered = damaged.with_name(damaged.name + ".recovered")
    return (
        f"sqlite3 {shlex.quote(str(damaged))} .recover | sqlite3 {shlex.quote(str(recovered))}"
        f" then mbc-chat history --db {shlex.quote(str(recovered))}"
    )


def _set_aside(path: Path, reason: str) -> Path:
    """Rename a damaged database (with its -wal/-shm/-journal); never overwrite an earlier one."""
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


def _connect(path: Path, *, read_only: bool, immutable: bool = False) -> sqlite3.Connection:
    # Read-write unless there is no other way: only a writable connection lets SQLite
    # roll back a hot journal (or fold in the WAL) that a killed writer left behind.
    uri = f"{path.absolute().as_uri()}?mode={'ro' if read_only else 'rwc'}"
    if immutable:
        uri += "&immutable=1"
    conn = sqlite3.connect(
        uri, uri=True, timeout=BUSY_TIMEOUT_S, check_same_thread=False, isolation_level=None
    )
    conn.row_factory = sqlite3.Row
    return conn


def _check(conn: sqlite3.Connection) -> int:
    """Schema version of a healthy database; raise :class:`_Damaged` if quick_check says so."""
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        if _primary_code(exc) in _DAMAGED:
            raise _Damaged(str(exc)) from exc
        raise
    result = "; ".join(str(r[0]) for r in rows[:3])
    if result != "ok":
        raise _Damaged(f"quick_check: {result}")
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


class HistoryStore:
    """An open history database. Thread-safe: the TUI writes from its worker thread."""

    def __init__(
        self, path: Path, conn: sqlite3.Connection, notice: str | None = None, *, version: int = 0
    ) -> None:
        self.path = path
        self._conn = conn
        self._lock = threading.RLock()
        self._version = version
        self.notice = notice
        """Something the user should read once (a damaged file set aside, a read-only listing)."""

    # -- opening ---------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str | None = None) -> HistoryStore:
        """Open (creating or migrating) the database a chat writes to.

        Raises :class:`HistoryError` when it cannot be written (read-only folder, full
        disk, locked, newer schema); the shell then runs without history. A database
        ``quick_check`` finds damaged is renamed aside, a fresh one is started and
        :attr:`notice` says where the old one is and how to recover it."""
        path = Path(path) if path is not None else default_db_path()
        try:
            return cls._open_for_writing(path)
        except (sqlite3.Error, OSError) as exc:
            raise classify(exc, path) from exc

    @classmethod
    def open_for_reading(cls, path: Path | str | None = None) -> HistoryStore | None:
        """Open the database to list it; ``None`` when there is none yet.

        Never renames or migrates anything. Opens read-write when it can (so SQLite
        recovers a killed writer's journal), else read-only with a notice saying so."""
        path = Path(path) if path is not None else default_db_path()
        if not path.exists():
            return None
        if not path.is_file():
            raise HistoryError("io", f"{path} is not a database file")
        notice = None
        try:
            try:
                conn = _connect(path, read_only=False)
                version = cls._checked(conn, path)
            except sqlite3.Error as exc:
                problem = classify(exc, path)
                if problem.kind not in ("readonly", "full", "io"):
                    raise problem from exc
                conn = cls._read_only(path)
                version = cls._checked(conn, path)
                notice = f"History opened read-only: {problem.reason}."
        except _Damaged as exc:
            raise HistoryError(
                "corrupt",
                f"the history database {path} is damaged ({exc}); it was left as it is. "
                f"To recover what it holds: {recovery_hint(path)}",
            ) from exc
        except sqlite3.Error as exc:
            raise classify(exc, path) from exc
        if version > SCHEMA_VERSION:
            conn.close()
            raise _problem("future", path, f"schema {version}, this one knows {SCHEMA_VERSION}")
        return cls(path, conn, notice, version=version)

    @staticmethod
    def _read_only(path: Path) -> sqlite3.Connection:
        """A read-only connection. A WAL database with no write-ahead log left over is
        complete in its main file; on a read-only mount SQLite cannot create the shared
        memory file WAL readers need, so that file is opened as immutable."""
        wal = path.with_name(path.name + "-wal")
        conn = _connect(path, read_only=True)
        try:
            conn.execute("PRAGMA schema_version").fetchone()
        except sqlite3.Error:
            conn.close()
            if wal.exists() and wal.stat().st_size > 0:
                raise
            conn = _connect(path, read_only=True, immutable=True)
        return conn

    @staticmethod
    def _checked(conn: sqlite3.Connection, path: Path) -> int:
        try:
            return _retrying(lambda: _check(conn))
        except BaseException:
            conn.close()
            raise

    @classmethod
    def _open_for_writing(cls, path: Path) -> HistoryStore:
        path.parent.mkdir(parents=True, exist_ok=True)
        if _folder_problem(path.parent) == "readonly":
            raise _problem("readonly", path)
        notice = None
        conn = _connect(path, read_only=False)
        try:
            version = cls._checked(conn, path)
        except _Damaged as exc:
            aside = _set_aside(path, "corrupt")
            notice = (
                f"The history database {path} is damaged ({exc}) and could not be read; it "
                f"was moved to {aside} and a new one started. To recover what it holds: "
                f"{recovery_hint(aside)}"
            )
            conn = _connect(path, read_only=False)
            version = cls._checked(conn, path)
        if version > SCHEMA_VERSION:
            conn.close()
            raise _problem("future", path, f"schema {version}, this one knows {SCHEMA_VERSION}")
        try:
            # WAL: a reader never waits for a writer, and a killed writer's last committed
            # transaction is folded back in by the next connection.
            _retrying(lambda: conn.execute("PRAGMA journal_mode = WAL").fetchone())
            # Committed means on disk, even if the machine loses power right after.
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            store = cls(path, conn, notice, version=version)
            store.migrate()
        except BaseException:
            conn.close()
            raise
        recovered = _recover_spills(store)
        if recovered:
            late = (
                f"{recovered} turn(s) an earlier run showed as 'not saved' were stored now, "
                "marked as saved late."
            )
            store.notice = f"{store.notice} {late}" if store.notice else late
        return store

    def migrate(self) -> int:
        """Run the migration steps this database has not seen yet; return the new version."""

        def step(conn: sqlite3.Connection, number: int) -> None:
            # Read again inside the write transaction: another mbc-chat opening the same
            # new database at the same moment may have run this step already.
            if int(conn.execute("PRAGMA user_version").fetchone()[0]) > number:
                return
            for statement in _statements(MIGRATIONS[number]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number + 1}")

        with self._lock:
            version = self.schema_version()
            for number in range(version, SCHEMA_VERSION):
                self._write(lambda conn, n=number: step(conn, n))  # type: ignore[misc]
            self._version = self.schema_version()
            return self._version

    def schema_version(self) -> int:
        return self._read(lambda conn: int(conn.execute("PRAGMA user_version").fetchone()[0]))

    def close(self) -> None:
        with self._lock, suppress(sqlite3.Error):
            self._conn.close()

    # -- the two ways in: one transaction, one read ------------------------------

    def _write(self, body: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``body`` in one IMMEDIATE transaction; COMMIT is inside the error handling,
        so a failed commit is rolled back (if SQLite has not already) and never leaves a
        transaction open to block the next turn."""
        conn = self._conn

        def attempt() -> T:
            conn.execute("BEGIN IMMEDIATE")
            try:
                result = body(conn)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    with suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                raise
            return result

        with self._lock:
            try:
                return _retrying(attempt)
            except (sqlite3.Error, OSError) as exc:
                raise classify(exc, self.path) from exc

    def _read(self, query: Callable[[sqlite3.Connection], T]) -> T:
        with self._lock:
            try:
                return _retrying(lambda: query(self._conn))
            except (sqlite3.Error, OSError) as exc:
                raise classify(exc, self.path) from exc

    # -- writing ---------------------------------------------------------------

    def start_session(self, title: str = "") -> int:
        """Create a new conversation and return its id."""
        return self._write(lambda conn: _insert_session(conn, _now(), title))

    def record_turn(self, session_id: int, user_text: str, reply: Reply) -> StoredTurn:
        """Commit one turn; when this returns the turn survives a kill -9."""
        _, (stored,) = self.record_turns(session_id, [PendingTurn(user_text, reply, _now())])
        return stored

    def record_turns(
        self, session_id: int | None, turns: Sequence[PendingTurn]
    ) -> tuple[int, list[StoredTurn]]:
        """Commit ``turns`` in order in one transaction (a new conversation when
        ``session_id`` is None); return the conversation id and the stored turns."""
        rows = [
            (
                t,
                _storable(t.user_text),
                json.dumps(t.reply.to_dict(), ensure_ascii=True),
                json.dumps(t.reply.to_dict()["facts"], ensure_ascii=True),
                json.dumps(reply_extras(t.reply), ensure_ascii=True),
            )
            for t in turns
        ]

        def body(conn: sqlite3.Connection) -> tuple[int, list[StoredTurn]]:
            sid = session_id
            if sid is None:
                sid = _insert_session(conn, turns[0].created_at if turns else _now(), "")
            row = conn.execute(
                "SELECT COALESCE(MAX(seq), 0) FROM turns WHERE session_id = ?", (sid,)
            ).fetchone()
            seq = int(row[0])
            stored = []
            for turn, user_text, reply_json, facts_json, extras_json in rows:
                seq += 1
                conn.execute(
                    "INSERT INTO turns (session_id, seq, created_at, user_text, reply_json,"
                    " facts_json, extras_json, saved_late) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        sid,
                        seq,
                        turn.created_at,
                        user_text,
                        reply_json,
                        facts_json,
                        extras_json,
                        int(turn.late),
                    ),
                )
                if seq == 1:
                    conn.execute(
                        "UPDATE sessions SET title = ? WHERE id = ? AND title = ''",
                        (_title_from(user_text), sid),
                    )
                stored.append(
                    StoredTurn(sid, seq, turn.created_at, user_text, turn.reply, turn.late)
                )
            return sid, stored

        return self._write(body)

    # -- reading ---------------------------------------------------------------

    def _has_tables(self, conn: sqlite3.Connection) -> bool:
        return (
            conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'turns'").fetchone() is not None
        )

    def _session_exists(self, session_id: int) -> bool:
        return self._read(
            lambda conn: (
                conn.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone()
                is not None
            )
        )

    def sessions(self) -> list[SessionSummary]:
        """All conversations, newest first."""

        def query(conn: sqlite3.Connection) -> list[sqlite3.Row]:
            if not self._has_tables(conn):
                return []
            return conn.execute(
                "SELECT s.id, s.started_at, s.title, COUNT(t.id) AS n, MAX(t.created_at) AS last_at"
                " FROM sessions s LEFT JOIN turns t ON t.session_id = s.id"
                " GROUP BY s.id ORDER BY s.id DESC"
            ).fetchall()

        return [
            SessionSummary(int(r["id"]), r["started_at"], r["title"], int(r["n"]), r["last_at"])
            for r in self._read(query)
        ]

    def conversations(self) -> list[dict[str, Any]]:
        """``mbc-chat history --json``: DESIGN.md's objects, oldest first."""

        def query(conn: sqlite3.Connection) -> list[sqlite3.Row]:
            if not self._has_tables(conn):
                return []
            return conn.execute(
                "SELECT s.id, s.started_at,"
                " (SELECT COUNT(*) FROM turns t WHERE t.session_id = s.id) AS n,"
                " (SELECT user_text FROM turns t WHERE t.session_id = s.id"
                "  ORDER BY seq LIMIT 1) AS first"
                " FROM sessions s ORDER BY s.id"
            ).fetchall()

        return [
            {
                "id": int(r["id"]),
                "started": r["started_at"],
                "turns": int(r["n"]),
                "first_message": r["first"] or "",
            }
            for r in self._read(query)
        ]

    def last_session_id(self) -> int | None:
        """The most recent conversation that has at least one turn."""

        def query(conn: sqlite3.Connection) -> sqlite3.Row | None:
            if not self._has_tables(conn):
                return None
            row: sqlite3.Row | None = conn.execute(
                "SELECT session_id FROM turns ORDER BY id DESC LIMIT 1"
            ).fetchone()
            return row

        row = self._read(query)
        return int(row[0]) if row else None

    def turns(self, session_id: int) -> list[StoredTurn]:
        """The turns of one conversation, in order."""
        late = "saved_late" if self._version >= 3 else "0 AS saved_late"
        rows = self._read(
            lambda conn: conn.execute(
                "SELECT session_id, seq, created_at, user_text, reply_json, extras_json, "
                + late
                + " FROM turns WHERE session_id = ? ORDER BY seq",
                (session_id,),
            ).fetchall()
        )
        return [
            StoredTurn(
                int(r["session_id"]),
                int(r["seq"]),
                r["created_at"],
                r["user_text"],
                reply_from_dict(json.loads(r["reply_json"]), json.loads(r["extras_json"])),
                bool(r["saved_late"]),
            )
            for r in rows
        ]


def _insert_session(conn: sqlite3.Connection, started_at: str, title: str) -> int:
    cur = conn.execute(
        "INSERT INTO sessions (started_at, title) VALUES (?, ?)", (started_at, title)
    )
    return int(cur.lastrowid or 0)


def _statements(script: str) -> list[str]:
    """Split a migration step into statements (``executescript`` would commit mid-step)."""
    return [s.strip() for s in script.split(";") if s.strip()]


def _storable(text: str) -> str:
    """Lone surrogates cannot be stored as UTF-8; they become U+FFFD like any bad input."""
    return text.encode("utf-8", "replace").decode("utf-8") if not text.isascii() else text


# --- turns shown but not yet stored, kept on disk ----------------------------------

SPILL_GLOB = ".unsaved-*.json"


class _Spill:
    """One conversation's unsaved turns in ``<db>.unsaved-<random>.json`` beside the
    database, while they are unsaved (a commit failed: typically a lock).

    The owner holds an exclusive ``flock`` on it, so another mbc-chat never takes the
    turns of a chat that is still running; once the owner ends (even by kill -9) the
    lock is gone and the next :meth:`HistoryStore.open` stores the turns, flagged
    ``saved_late``. Best effort: on a read-only or full disk this cannot be written
    either, and the turns live only on screen (where they are marked "not saved")."""

    def __init__(self, db: Path) -> None:
        self.path = db.with_name(f"{db.name}.unsaved-{uuid.uuid4().hex}.json")
        self._fd: int | None = None

    def write(self, session_id: int | None, turns: Sequence[PendingTurn]) -> None:
        data = json.dumps(
            {"session_id": session_id, "turns": [_turn_record(t) for t in turns]},
            ensure_ascii=True,
        ).encode("ascii")
        try:
            if self._fd is None:
                self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
                _lock(self._fd, blocking=True)
            os.ftruncate(self._fd, 0)
            os.pwrite(self._fd, data, 0)
            os.fsync(self._fd)
        except OSError:
            self.release()

    def clear(self) -> None:
        """The turns are stored: the file goes."""
        if self._fd is not None:
            with suppress(OSError):
                self.path.unlink()
        self.release()

    def release(self) -> None:
        """Stop owning the file (what is in it is stored by the next opening)."""
        if self._fd is not None:
            with suppress(OSError):
                os.close(self._fd)
            self._fd = None


def _lock(fd: int, *, blocking: bool) -> bool:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no ownership, still recovered
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
    except OSError:
        return False
    return True


def _turn_record(turn: PendingTurn) -> dict[str, Any]:
    return {
        "user_text": _storable(turn.user_text),
        "created_at": turn.created_at,
        "reply": turn.reply.to_dict(),
        "extras": reply_extras(turn.reply),
    }


def _recover_spills(store: HistoryStore) -> int:
    """Store the turns earlier runs showed but could not save; return how many."""
    recovered = 0
    pattern = glob.escape(store.path.name) + SPILL_GLOB
    for path in sorted(store.path.parent.glob(pattern)):
        try:
            fd = os.open(path, os.O_RDWR)
        except OSError:
            continue
        try:
            if not _lock(fd, blocking=False):
                continue  # its chat is still running and will store them itself
            data = json.loads(path.read_bytes() or b"null")
            if data is None:  # created but never written
                path.unlink()
                continue
            turns = [
                PendingTurn(
                    str(t["user_text"]),
                    reply_from_dict(t["reply"], t.get("extras")),
                    str(t["created_at"]),
                    late=True,
                )
                for t in data["turns"]
            ]
            session_id = data.get("session_id")
            if session_id is not None and not store._session_exists(int(session_id)):
                session_id = None
            if turns:
                store.record_turns(session_id, turns)
            path.unlink()
            recovered += len(turns)
        except (ValueError, KeyError, TypeError, AttributeError, OSError, HistoryError):
            continue  # unreadable or not storable now: left for a later run
        finally:
            os.close(fd)
    return recovered


# --- one shell's conversation ------------------------------------------------------


class Recorder:
    """The history side of one chat: commit each turn before it is shown, or say why not.

    A turn whose commit fails stays in a backlog and is written, flagged ``saved_late``,
    in the same transaction as the next turn that commits — so the stored conversation
    always matches the one on screen and ``--resume`` rebuilds the case the user saw."""

    def __init__(
        self,
        store: HistoryStore | None,
        session_id: int | None = None,
        *,
        off_reason: str | None = None,
    ) -> None:
        self.store = store
        self.session_id = session_id
        self.off_reason = off_reason
        """Why history is off for this run (None: it is on, or off on purpose, as in demos)."""
        self._backlog: list[PendingTurn] = []
        self._spill = _Spill(store.path) if store is not None else None

    @property
    def unsaved(self) -> int:
        """Turns shown but not yet committed."""
        return len(self._backlog)

    def save(self, user_text: str, reply: Reply) -> str | None:
        """Commit this turn (after any earlier unsaved ones): ``None`` once it is stored,
        else the plain reason it is not (show the reply marked "not saved: <reason>")."""
        if self.store is None:
            return self.off_reason
        turn = PendingTurn(user_text, reply, _now())
        pending = [replace(t, late=True) for t in self._backlog] + [turn]
        try:
            self.session_id, _ = self.store.record_turns(self.session_id, pending)
        except HistoryError as exc:
            self._backlog.append(turn)
            if self._spill is not None:  # so a later run can still store it (and say so)
                self._spill.write(self.session_id, self._backlog)
            return exc.reason
        self._stored()
        return None

    def _stored(self) -> None:
        self._backlog.clear()
        if self._spill is not None:
            self._spill.clear()

    def switch(self, session_id: int | None) -> None:
        """Move to another conversation (None: a new one), writing what is still pending.

        Turns that still cannot be written stay in their spill file, which the next
        opening of the database stores."""
        self.flush()
        self._backlog.clear()
        if self._spill is not None and self.store is not None:
            self._spill.release()
            self._spill = _Spill(self.store.path)
        self.session_id = session_id

    def flush(self) -> str | None:
        """One more try at the backlog (at exit or before a new case); the reason if it fails."""
        if not self._backlog or self.store is None:
            return None
        try:
            self.session_id, _ = self.store.record_turns(
                self.session_id, [replace(t, late=True) for t in self._backlog]
            )
        except HistoryError as exc:
            return exc.reason
        self._stored()
        return None


def open_recorder(
    db_path: Path | str | None, session_id: int | None = None
) -> tuple[Recorder, str | None]:
    """A recorder for a chat shell and the notice to show first (set-aside file, or why
    history is off). Never raises: an unusable store means a labelled no-history run."""
    try:
        store = HistoryStore.open(db_path)
    except HistoryError as exc:
        return Recorder(None, off_reason=exc.reason), f"History is off for this run: {exc.reason}."
    return Recorder(store, session_id), store.notice


def late_note(turns: Sequence[StoredTurn]) -> str | None:
    """What ``--resume`` says about turns that were shown before they could be saved."""
    late = [t.seq for t in turns if t.saved_late]
    if not late:
        return None
    numbers = ", ".join(str(n) for n in late)
    return (
        f"Turn(s) {numbers} of this conversation were shown marked 'not saved' and were "
        "stored later, with the next turn that could be saved."
    )


def _title_from(user_text: str, width: int = 60) -> str:
    line = " ".join(user_text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


def format_sessions(sessions: Sequence[SessionSummary]) -> str:
    """``mbc-chat history`` output: one tab-separated line per conversation (stored text
    passes through :func:`chatbot.terminal.printable`: it may hold anything a user typed)."""
    if not sessions:
        return "No conversations stored yet."
    lines = ["id\tstarted\tturns\ttitle"]
    for s in sessions:
        title = printable(s.title).replace("\n", " ")
        lines.append(f"{s.id}\t{printable(s.started_at)}\t{s.turn_count}\t{title}")
    return "\n".join(lines)

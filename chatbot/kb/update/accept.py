"""Accept a new guideline text, and record the pinned hash in transcripts.

``accept`` replaces the pinned text and its hash in ``pin.yaml`` only when nothing
encoded is broken (``review``) AND the whole knowledge base loads cleanly against
the new text with the loader's own checks (``build_knowledge`` on a strict index of
it); otherwise it changes nothing and returns what must be re-encoded, file and key.
Files are written atomically (temp file in the same folder, then ``os.replace``).
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from chatbot.kb.loader import KnowledgeError, build_knowledge
from chatbot.kb.pin import PIN_FILE, read_pin
from chatbot.kb.sections import build_index
from chatbot.kb.update.review import GuidelineReview, review

_PIN_SHA = re.compile(r"^(?P<lead>\s+sha256:\s*)(?P<sha>[0-9a-fA-F]{64})\s*$", re.M)
_TRANSCRIPT_SHA = re.compile(r"^guideline_sha256:[^\n]*\n", re.M)


@dataclass(frozen=True, slots=True)
class AcceptOutcome:
    accepted: bool
    review: GuidelineReview
    refusals: tuple[str, ...] = ()
    """Why not: ``file: key — why`` lines (empty when accepted)."""
    written: bool = False
    """Files were replaced (False when the text was already the pinned one)."""


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so a reader sees the old or the new file, never a mix."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with tmp.open("wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def loads_cleanly(new_text: str, folder: Path) -> str | None:
    """The loader's verdict on ``folder`` against ``new_text``: None, or its error."""
    try:
        index = build_index(new_text)
    except ValueError as exc:
        return f"chatbot/kb/sections.py: the new text does not index: {exc}"
    try:
        build_knowledge(folder, index)
    except KnowledgeError as exc:
        return str(exc)
    return None


def accept(
    new_bytes: bytes, folder: Path, *, new_name: str = "NEW.txt", transcripts: Path | None = None
) -> AcceptOutcome:
    """Replace ``folder``'s pinned guideline with ``new_bytes`` if the encoding holds on it."""
    new_text = new_bytes.decode("utf-8")
    rv = review(new_text, folder, new_name=new_name, transcripts=transcripts)
    refusals = [f"{p.where} — {p.why}" for p in rv.blocking]
    if not refusals:
        error = loads_cleanly(new_text, folder)
        if error is not None:
            refusals.append(error)
    if refusals:
        return AcceptOutcome(False, rv, tuple(refusals))
    new_sha = hashlib.sha256(new_bytes).hexdigest()
    if rv.identical and rv.pin.sha256 == new_sha:
        return AcceptOutcome(True, rv)
    pin_path = folder / PIN_FILE
    pin_text = pin_path.read_text(encoding="utf-8")
    if len(_PIN_SHA.findall(pin_text)) != 1:
        return AcceptOutcome(False, rv, (f"{PIN_FILE}: guideline.sha256 — not found once",))
    new_pin = _PIN_SHA.sub(lambda m: m.group("lead") + new_sha, pin_text)
    pin = read_pin(folder)
    atomic_write(folder / pin.file, new_bytes)
    atomic_write(pin_path, new_pin.encode("utf-8"))
    if read_pin(folder).sha256 != new_sha:  # pragma: no cover - the regex and YAML disagree
        raise RuntimeError(f"{pin_path}: sha256 not updated")
    return AcceptOutcome(True, rv, written=True)


# --------------------------------------------------------------------------- transcripts


@dataclass(frozen=True, slots=True)
class StampOutcome:
    path: Path
    action: str
    """``stamped``, ``restamped``, ``current``, ``older`` (recorded against another text,
    left alone without ``reviewed``) or ``error: …``."""


def _insert_after_title(text: str, line: str) -> str:
    """Put ``line`` right after the top-level ``title:`` entry (which may span lines)."""
    lines = text.splitlines(keepends=True)
    for k, ln in enumerate(lines):
        if ln.startswith("title:"):
            end = k + 1
            while end < len(lines) and (
                lines[end].startswith((" ", "\t")) or not lines[end].strip()
            ):
                end += 1
            return "".join(lines[:end] + [line] + lines[end:])
    return line + text


def stamp_transcript(path: Path, sha256: str, *, reviewed: bool = False) -> StampOutcome:
    """Record ``sha256`` as the guideline a transcript was written against."""
    from chatbot.transcripts.schema import TranscriptError, parse_transcript

    try:
        text = path.read_text(encoding="utf-8")
        recorded = parse_transcript(text, str(path)).guideline_sha256
    except (OSError, UnicodeDecodeError, TranscriptError) as exc:
        return StampOutcome(path, f"error: {exc}")
    if recorded == sha256:
        return StampOutcome(path, "current")
    if recorded is not None and not reviewed:
        return StampOutcome(path, "older")
    # an all-digit hash (about 1 in 10^13) would read back as a YAML integer: quote it
    line = f"guideline_sha256: {sha256 if not sha256.isdigit() else repr(sha256)}\n"
    new = (
        _TRANSCRIPT_SHA.sub(line, text) if recorded is not None else _insert_after_title(text, line)
    )
    try:
        if parse_transcript(new, str(path)).guideline_sha256 != sha256:
            return StampOutcome(path, "error: could not place guideline_sha256")
    except TranscriptError as exc:
        return StampOutcome(path, f"error: {exc}")
    atomic_write(path, new.encode("utf-8"))
    return StampOutcome(path, "restamped" if recorded is not None else "stamped")

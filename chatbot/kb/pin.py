"""The guideline version the knowledge base is pinned to (``knowledge/pin.yaml``).

Every reply names the text it rests on (``Reply.guideline``), so a saved answer or a
transcript says exactly which guideline it came from. The shipped guideline is read
only through :func:`read_verified_guideline`, which refuses a text whose sha256 is not
the pinned one: a one-character edit ("500 mg" → "5000 mg") stops the program at
start-up instead of reaching an answer.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from chatbot import paths
from chatbot.contract import GuidelineRef


@dataclass(frozen=True, slots=True)
class GuidelinePin:
    """What ``knowledge/pin.yaml`` declares."""

    file: str
    title: str
    sha256: str

    @property
    def path(self) -> Path:
        return paths.knowledge_dir() / self.file

    @property
    def ref(self) -> GuidelineRef:
        return GuidelineRef(title=self.title, sha256=self.sha256)


PIN_FILE = "pin.yaml"


def read_pin(folder: Path | None = None) -> GuidelinePin:
    """Read and validate the pin file; raises ``ValueError`` naming the file and key."""
    path = (folder or paths.knowledge_dir()) / PIN_FILE
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    entry = data.get("guideline") if isinstance(data, dict) else None
    if not isinstance(entry, dict) or set(entry) != {"file", "title", "sha256"}:
        raise ValueError(f"{path}: key 'guideline' must have exactly file, title, sha256")
    if not all(isinstance(entry[k], str) and entry[k] for k in entry):
        raise ValueError(f"{path}: guideline.file/title/sha256 must be non-empty strings")
    return GuidelinePin(file=entry["file"], title=entry["title"], sha256=entry["sha256"].lower())


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class GuidelineMismatch(ValueError):
    """The guideline text is not the one the knowledge was encoded against."""

    def __init__(self, path: Path, pinned: str, actual: str) -> None:
        self.path = path
        self.pinned = pinned
        self.actual = actual
        super().__init__(
            f"{path} is not the pinned guideline text: {PIN_FILE} records sha256 {pinned}, "
            f"the file has sha256 {actual}. Restore the shipped file; a new guideline version "
            "must be accepted with `mbc-chat guideline accept`, which re-checks the knowledge "
            "against it."
        )


def read_verified_guideline(folder: Path | None = None) -> str:
    """The pinned guideline's text, read once and checked against its pinned sha256.

    Raises :class:`GuidelineMismatch` naming the file and both hashes."""
    pin = read_pin(folder)
    path = (folder or paths.knowledge_dir()) / pin.file
    data = path.read_bytes()
    actual = hashlib.sha256(data).hexdigest()
    if actual != pin.sha256:
        raise GuidelineMismatch(path, pin.sha256, actual)
    return data.decode("utf-8")


@cache
def guideline_ref() -> GuidelineRef:
    """Title and pinned hash of the shipped guideline (read once per process)."""
    return read_pin().ref

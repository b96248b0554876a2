"""The guideline version the knowledge base is pinned to (``knowledge/pin.yaml``).

Every reply names the text it rests on (``Reply.guideline``), so a saved answer or a
transcript says exactly which guideline it came from.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from chatbot.contract import GuidelineRef
from chatbot.paths import knowledge_dir


@dataclass(frozen=True, slots=True)
class GuidelinePin:
    """What ``knowledge/pin.yaml`` declares."""

    file: str
    title: str
    sha256: str

    @property
    def path(self) -> Path:
        return knowledge_dir() / self.file

    @property
    def ref(self) -> GuidelineRef:
        return GuidelineRef(title=self.title, sha256=self.sha256)


PIN_FILE = "pin.yaml"


def read_pin(folder: Path | None = None) -> GuidelinePin:
    """Read and validate the pin file; raises ``ValueError`` naming the file and key."""
    path = (folder or knowledge_dir()) / PIN_FILE
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    entry = data.get("guideline") if isinstance(data, dict) else None
    if not isinstance(entry, dict) or set(entry) != {"file", "title", "sha256"}:
        raise ValueError(f"{path}: key 'guideline' must have exactly file, title, sha256")
    if not all(isinstance(entry[k], str) and entry[k] for k in entry):
        raise ValueError(f"{path}: guideline.file/title/sha256 must be non-empty strings")
    return GuidelinePin(file=entry["file"], title=entry["title"], sha256=entry["sha256"].lower())


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@cache
def guideline_ref() -> GuidelineRef:
    """Title and pinned hash of the shipped guideline (read once per process)."""
    return read_pin().ref

"""Export a conversation as Markdown or as a replayable transcript YAML.

Headless (no textual): the TUI calls these, and so can scripts. The Markdown
keeps every statement with its citation markers and ends with an appendix that
quotes each cited section verbatim, so the export can be checked against the
guideline without the app. The transcript is the format of
``chatbot.transcripts.schema`` (``Transcript.from_exchanges``), so a live
session becomes a regression test in one step.

Files are only ever written inside the folder the caller chose:
:func:`safe_export_path` refuses names that would leave it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from chatbot.kb.sections import SectionIndex
from chatbot.render.markdown import (
    Exchange,
    cited_sections,
    conversation_markdown,
)

__all__ = [
    "ExportPathError",
    "ExportResult",
    "cited_sections",
    "conversation_markdown",
    "conversation_transcript",
    "export_conversation",
    "free_stem",
    "safe_export_path",
]


def conversation_transcript(exchanges: Sequence[Exchange], *, title: str) -> str:
    """The conversation as transcript YAML (``chatbot.transcripts.schema``), ready to replay."""
    from chatbot.transcripts.schema import Transcript, to_yaml

    return to_yaml(Transcript.from_exchanges(title, list(exchanges)))


class ExportPathError(ValueError):
    """An export name that would write outside the chosen folder."""


_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$")


def safe_export_path(folder: Path, name: str) -> Path:
    """``folder/name``, refusing separators, ``..``, hidden names and symlink escapes."""
    if not _SAFE_NAME.match(name) or ".." in name:
        raise ExportPathError(f"refusing export file name {name!r}: use letters, digits, . _ -")
    root = folder.resolve()
    target = (root / name).resolve()
    if target.parent != root:
        raise ExportPathError(f"export {name!r} would leave {root}")
    return target


@dataclass(frozen=True, slots=True)
class ExportResult:
    """The files one export wrote."""

    markdown: Path
    transcript: Path


def free_stem(folder: Path, stem: str) -> str:
    """``stem``, or ``stem-2``, ``stem-3`` … : the first whose ``.md`` and ``.yaml`` are free."""
    candidate, n = stem, 1
    while (folder / f"{candidate}.md").exists() or (folder / f"{candidate}.yaml").exists():
        n += 1
        candidate = f"{stem}-{n}"
    return candidate


def _create(path: Path, text: str) -> None:
    """Write a new file; never replace one (``x`` mode fails if it appeared meanwhile)."""
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)


def export_conversation(
    exchanges: Sequence[Exchange],
    folder: Path,
    *,
    stem: str,
    title: str,
    date: str = "",
    index: SectionIndex | None = None,
) -> ExportResult:
    """Write ``<stem>.md`` and ``<stem>.yaml`` into ``folder`` (created if missing).

    An existing export is never overwritten: the stem gets a ``-2``, ``-3`` … suffix."""
    if not exchanges:
        raise ValueError("nothing to export: the conversation has no turns yet")
    folder.mkdir(parents=True, exist_ok=True)
    safe_export_path(folder, f"{stem}.md")  # refuse a bad stem before looking for a free one
    stem = free_stem(folder.resolve(), stem)
    md_path = safe_export_path(folder, f"{stem}.md")
    yaml_path = safe_export_path(folder, f"{stem}.yaml")
    markdown = conversation_markdown(exchanges, title=title, date=date, index=index)
    _create(md_path, markdown)
    _create(yaml_path, conversation_transcript(exchanges, title=title))
    return ExportResult(md_path, yaml_path)

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

from chatbot.contract import Reply
from chatbot.kb.sections import GROUP_HEADINGS, SectionIndex, load_index

Exchange = tuple[str, Reply]
"""One turn: what the user typed and the reply they got."""

_ORDINALS = {1: "1st", 2: "2nd", 3: "3rd"}


def ordinal(n: int) -> str:
    """``1`` → ``1st``, ``4`` → ``4th`` (line numbers as the guideline writes them)."""
    return _ORDINALS.get(n, f"{n}th")


def group_words(group_id: str) -> str:
    """The guideline's own heading for a patient group id."""
    return GROUP_HEADINGS.get(group_id, group_id)


def cited_sections(exchanges: Sequence[Exchange]) -> list[str]:
    """Every section id the replies cite (statements, then options), first-seen order."""
    seen: dict[str, None] = {}
    for _, reply in exchanges:
        for statement in reply.statements:
            for sid in statement.sources:
                seen.setdefault(sid, None)
        if reply.recommendation:
            for option in reply.recommendation.options:
                for sid in option.sources:
                    seen.setdefault(sid, None)
    return list(seen)


def _md_escape(text: str) -> str:
    """Keep user and guideline text literal in Markdown (no accidental links/emphasis/HTML)."""
    return re.sub(r"([\\`*_{}\[\]<>#|!])", r"\\\1", text)


def _quote(text: str) -> str:
    return "\n".join("> " + line if line else ">" for line in text.splitlines())


def option_label(drugs: Sequence[str]) -> str:
    return " + ".join(drugs)


def conversation_markdown(
    exchanges: Sequence[Exchange],
    *,
    title: str = "mbc-chat conversation",
    index: SectionIndex | None = None,
) -> str:
    """The conversation as Markdown: turns, cited statements, options, appendix of sources."""
    index = index or load_index()
    cited = cited_sections(exchanges)
    number = {sid: i + 1 for i, sid in enumerate(cited)}

    def marks(sources: Sequence[str]) -> str:
        return "".join(f" [{number[s]}]" for s in sources if s in number)

    out: list[str] = [f"# {_md_escape(title)}", ""]
    out.append("_Clinician decision support from one guideline. Verify before use._")
    out.append("")
    if exchanges:  # the text these answers rest on (a later guideline version may differ)
        ref = exchanges[-1][1].guideline
        out += [f"Guideline: {_md_escape(ref.title)} — sha256 `{ref.sha256}`", ""]
    for i, (user_text, reply) in enumerate(exchanges, start=1):
        out.append(f"## Turn {i}")
        out.append("")
        out.append("**You:**")
        out.append("")
        out.append(_quote(_md_escape(user_text)))
        out.append("")
        out.append(f"**mbc-chat** ({reply.kind}):")
        out.append("")
        for statement in reply.statements:
            tag = "" if statement.basis == "guideline" else f" _({statement.basis})_"
            out.append(f"- {_md_escape(statement.text)}{marks(statement.sources)}{tag}")
        rec = reply.recommendation
        if rec is not None:
            out.append("")
            out.append(
                f"**{_md_escape(group_words(rec.patient_group))} — {ordinal(rec.line)} line**"
            )
            for tier in ("primary", "secondary"):
                options = [o for o in rec.options if o.tier == tier]
                if not options:
                    continue
                out.append("")
                out.append(f"{tier.capitalize()} options:")
                out.append("")
                for option in options:
                    state = {True: "", False: " — ruled out", None: " — conditional"}[
                        option.applicable
                    ]
                    cond = f" ({'; '.join(option.conditions)})" if option.conditions else ""
                    flags = "".join(f" ⚠ {_md_escape(f)}" for f in option.flags)
                    out.append(
                        f"- {_md_escape(option_label(option.drugs))}{state}"
                        f"{_md_escape(cond)}{flags}{marks(option.sources)}"
                    )
        out.append("")
    if cited:
        out.append("## Sources (verbatim from the guideline)")
        out.append("")
        for sid in cited:
            section = index.get(sid)
            out.append(f"### [{number[sid]}] `{sid}`")
            out.append("")
            if section is None:
                out.append("_(section id not found in this guideline version)_")
            else:
                out.append(_md_escape(" › ".join(section.path)))
                out.append("")
                # A fence longer than any backtick run inside keeps the text verbatim.
                runs = re.findall(r"`+", section.text)
                fence = "`" * max(3, max((len(r) for r in runs), default=0) + 1)
                out.append(f"{fence}text")
                out.append(section.text)
                out.append(fence)
            out.append("")
    return "\n".join(out).rstrip() + "\n"


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


def export_conversation(
    exchanges: Sequence[Exchange],
    folder: Path,
    *,
    stem: str,
    title: str,
    index: SectionIndex | None = None,
) -> ExportResult:
    """Write ``<stem>.md`` and ``<stem>.yaml`` into ``folder`` (created if missing)."""
    if not exchanges:
        raise ValueError("nothing to export: the conversation has no turns yet")
    folder.mkdir(parents=True, exist_ok=True)
    md_path = safe_export_path(folder, f"{stem}.md")
    yaml_path = safe_export_path(folder, f"{stem}.yaml")
    md_path.write_text(conversation_markdown(exchanges, title=title, index=index), encoding="utf-8")
    yaml_path.write_text(conversation_transcript(exchanges, title=title), encoding="utf-8")
    return ExportResult(md_path, yaml_path)

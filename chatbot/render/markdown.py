"""A conversation as Markdown: the same model, numbering and layout as the screen.

Each turn shows its reply's bottom line, its branches (each under its condition), a
what-if marked hypothetical, then every detail in full; citation numbers restart per
reply exactly as on screen, and each turn lists what its numbers stand for. The
appendix quotes each cited section verbatim, so the export can be checked against the
guideline without the app.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from chatbot.contract import Reply
from chatbot.kb.sections import SectionIndex, load_index
from chatbot.render.model import Line, ReplyView, reply_view

Exchange = tuple[str, Reply]
"""One turn: what the user typed and the reply they got."""


def cited_sections(exchanges: Sequence[Exchange]) -> list[str]:
    """Every section id the replies cite, first-seen order."""
    seen: dict[str, None] = {}
    for view in conversation_views(exchanges):
        for citation in view.citations:
            seen.setdefault(citation.section_id, None)
    return list(seen)


def conversation_views(exchanges: Sequence[Exchange]) -> list[ReplyView]:
    """Each reply's view; a what-if is compared with the case's last real answer."""
    views = []
    baseline: Reply | None = None
    for _, reply in exchanges:
        views.append(reply_view(reply, baseline=baseline))
        if reply.kind == "answer" and reply.hypothesis is None:
            baseline = reply
    return views


def md_escape(text: str) -> str:
    """Keep user and guideline text literal in Markdown (no accidental links/emphasis/HTML)."""
    return re.sub(r"([\\`*_{}\[\]<>#|!])", r"\\\1", text)


def _quote(text: str) -> str:
    return "\n".join("> " + line if line else ">" for line in text.splitlines())


def _line(line: Line) -> str:
    tag = "" if line.statement.basis == "guideline" else f" _({line.statement.basis})_"
    marks = "".join(f" [{n}]" for n in line.numbers)
    return f"- {md_escape(line.text)}{marks}{tag}"


def conversation_markdown(
    exchanges: Sequence[Exchange],
    *,
    title: str = "mbc-chat conversation",
    date: str = "",
    index: SectionIndex | None = None,
) -> str:
    """The conversation as Markdown: header, turns, sources per turn, verbatim appendix."""
    index = index or load_index()
    views = conversation_views(exchanges)
    out: list[str] = [f"# {md_escape(title)}", ""]
    if date:
        out.append(f"Exported: {md_escape(date)}  ")
    if exchanges:  # the text these answers rest on (a later guideline version may differ)
        ref = exchanges[-1][1].guideline
        out.append(f"Guideline: {md_escape(views[-1].guideline)} (sha256 `{ref.sha256}`)  ")
    out.append("_Clinician decision support from one guideline. Verify before use._")
    out.append("")
    cited: dict[str, None] = {}
    for i, ((user_text, _), view) in enumerate(zip(exchanges, views, strict=True), start=1):
        out += [f"## Turn {i}", "", "**You:**", "", _quote(md_escape(user_text)), ""]
        heading = view.heading or view.kind
        if view.hypothetical:
            out += [f"**mbc-chat — {md_escape(heading)}**", ""]
            out += [f"- _assumed for this answer only:_ {md_escape(a)}" for a in view.assumed]
        else:
            out += [f"**mbc-chat** ({md_escape(heading)}):", ""]
        out += [_line(line) for line in view.lead]
        for branch in view.branches:
            if not branch.stated:
                out += ["", f"**{md_escape(branch.condition)}:**", ""]
            out += [_line(line) for line in branch.lines]
        for part in view.details:
            out += ["", f"_{md_escape(part.title)}:_", ""]
            out += [_line(line) for line in part.lines]
        if view.citations:
            out += ["", "Sources of this reply:", ""]
            for c in view.citations:
                out.append(f"- [{c.number}] {md_escape(c.title)} (`{c.section_id}`)")
                cited.setdefault(c.section_id, None)
        out.append("")
    if cited:
        out += ["## Sources (verbatim from the guideline)", ""]
        out.append(
            "_Bracketed numbers inside the guideline text (e.g. [46]) are the guideline's own "
            "reference markers; the document has no reference list._"
        )
        out.append("")
        for sid in cited:
            section = index.get(sid)
            out += [f"### `{sid}`", ""]
            if section is None:
                out.append("_(section id not found in this guideline version)_")
            else:
                out += [md_escape(" › ".join(section.path)), ""]
                # A fence longer than any backtick run inside keeps the text verbatim.
                runs = re.findall(r"`+", section.text)
                fence = "`" * max(3, max((len(r) for r in runs), default=0) + 1)
                out += [f"{fence}text", section.text, fence]
            out.append("")
    return "\n".join(out).rstrip() + "\n"

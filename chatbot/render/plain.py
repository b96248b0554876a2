"""Plain-text rendering of a reply (``--plain``, ``demo --plain``).

No markup language is involved, so ``[/]`` or ``[bold]`` in a statement prints as
typed. Citation numbers are the reply's own (the same as on screen and in exports).
"""

from __future__ import annotations

from chatbot.contract import Reply
from chatbot.render.model import GUIDELINE_REFERENCE, REFERENCE_NOTE, Line, ReplyView, reply_view


def _marks(line: Line) -> str:
    return "".join(f"[{n}]" for n in line.numbers)


def _line(line: Line, indent: str = "") -> str:
    # Case statements restate the user's words; mark them so they are not read as advice.
    prefix = "case: " if line.statement.basis == "case" else ""
    marks = _marks(line)
    return f"{indent}{prefix}{line.text}" + (f" {marks}" if marks else "")


def render_view(view: ReplyView, *, brief: bool = False) -> str:
    """The reply as lines: heading, bottom line, branches, then (unless ``brief``) details,
    the numbered sources and the guideline; choices only for a question."""
    out: list[str] = []
    if view.heading:
        out.append(f"== {view.heading} ==")
    for assumed in view.assumed:
        out.append(f"assumed for this answer only: {assumed}")
    shown = list(view.lead)
    out += [_line(line) for line in view.lead]
    for branch in view.branches:
        if not branch.stated:
            out.append(f"{branch.condition}:")
        out += [_line(line, "" if branch.stated else "  ") for line in branch.lines]
        shown += branch.lines
    if not brief:
        for part in view.details:
            out.append(f"-- {part.title} --")
            out += [_line(line, "  ") for line in part.lines]
            shown += part.lines
    citations = view.citations_of(shown)
    if citations:
        out.append("Sources:")
        out += [f"  [{c.number}] {c.title} ({c.section_id})" for c in citations]
    if any(GUIDELINE_REFERENCE.search(line.text) for line in shown):
        out.append(f"({REFERENCE_NOTE})")
    if view.kind == "answer":
        out.append(f"Guideline: {view.guideline}")
    if view.kind == "question" and view.choices:
        out.append("choices: " + " | ".join(view.choices))
    return "\n".join(out)


def render_reply(reply: Reply, *, brief: bool = False, baseline: Reply | None = None) -> str:
    return render_view(reply_view(reply, baseline=baseline), brief=brief)

"""Plain-text rendering of a Reply: used by ``--plain`` and by exports.

User text is never interpreted here (no markup language), so ``[/]`` or ``[bold]``
in a statement prints as typed.
"""

from __future__ import annotations

from chatbot.contract import Reply, Statement

_KIND_HEADINGS = {
    "question": "Question",
    "answer": "Answer",
    "info": "From the guideline",
    "out_of_scope": "Out of scope",
    "clarification": "Please clarify",
    "command": "",
}


def render_statement(statement: Statement, *, with_sources: bool = True) -> str:
    text = statement.text
    if with_sources and statement.sources:
        text += "  [" + "; ".join(statement.sources) + "]"
    return text


def render_reply(reply: Reply, *, with_sources: bool = True) -> str:
    """The reply as readable lines: a heading, one line per statement, then the choices."""
    lines: list[str] = []
    heading = _KIND_HEADINGS.get(reply.kind, "")
    if heading:
        lines.append(f"== {heading} ==")
    if reply.recommendation is not None:
        rec = reply.recommendation
        lines.append(
            f"(patient group {rec.patient_group}, line {rec.line}, {len(rec.options)} options)"
        )
    for statement in reply.statements:
        # Case statements restate the user's words; mark them so they are not read as advice.
        prefix = "case: " if statement.basis == "case" else ""
        lines.append(prefix + render_statement(statement, with_sources=with_sources))
    if reply.choices:
        lines.append("choices: " + " | ".join(reply.choices))
    return "\n".join(lines)

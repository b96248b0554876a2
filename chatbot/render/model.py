"""One answer model for every shell: what a reply shows first, what it folds away, and
one citation numbering.

``reply_view(reply)`` turns a :class:`~chatbot.contract.Reply` into a
:class:`ReplyView`: the lead (bottom line for an answer, the whole reply otherwise),
the detail parts (doses, warnings, key evidence, supportive care, the case summary),
one compact bottom line per branch, what a what-if assumes and changes, the
citations numbered once for the reply, and the guideline it rests on. ``--plain``,
``--json``, the Markdown export and the TUI widgets all read this, so the numbers
on screen, in the sources list and in an export are the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from chatbot.contract import Branch, FactValue, OptionView, Recommendation, Reply, Statement
from chatbot.kb.facts import fact_registry
from chatbot.render.words import (
    condition_words,
    fact_phrase,
    group_words,
    option_label,
    ordinal,
    short_section_title,
)

DETAIL_TITLES: dict[str, str] = {
    "dose": "Doses (each drug once, as the guideline writes it)",
    "warning": "Warnings",
    "evidence": "Key evidence",
    "supportive": "Supportive care",
    "case": "Case",
}
"""Detail parts in the order they are shown, with their headings."""

KIND_HEADINGS = {
    "question": "Question",
    "answer": "Answer",
    "info": "From the guideline",
    "out_of_scope": "Out of scope",
    "clarification": "Please clarify",
    "command": "",
}

GUIDELINE_REFERENCE = re.compile(r"\[\d+\]")
"""The guideline's own reference markers (``[46]``); the document has no list for them."""
REFERENCE_NOTE = (
    "Numbers in brackets inside guideline text, e.g. [46], are the guideline's own "
    "reference markers; the document has no reference list."
)


@dataclass(frozen=True, slots=True)
class Citation:
    """One cited section and its number in this reply."""

    number: int
    section_id: str
    title: str
    """Short: group › line › part."""


@dataclass(frozen=True, slots=True)
class Line:
    """A statement as shown, with the numbers of the sections it cites."""

    statement: Statement
    numbers: tuple[int, ...]

    @property
    def text(self) -> str:
        return self.statement.text


@dataclass(frozen=True, slots=True)
class DetailPart:
    key: str
    title: str
    lines: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class BranchView:
    """One branch of an answer whose deciding fact is unknown: its condition and bottom line."""

    condition: str
    when: dict[str, object]
    lines: tuple[Line, ...]
    stated: bool = False
    """True when the line is the dialogue's own statement, which opens with "If …:" (the
    shells then show no separate condition heading)."""


@dataclass(frozen=True, slots=True)
class ReplyView:
    kind: str
    heading: str
    hypothetical: bool
    assumed: tuple[str, ...]
    """For a what-if: each assumed fact and what the case says instead."""
    lead: tuple[Line, ...]
    details: tuple[DetailPart, ...]
    branches: tuple[BranchView, ...]
    choices: tuple[str, ...]
    citations: tuple[Citation, ...]
    guideline: str
    """``<title> · <first 12 hex digits of its sha256>``."""

    def lines(self) -> Iterable[Line]:
        yield from self.lead
        for branch in self.branches:
            yield from branch.lines
        for part in self.details:
            yield from part.lines

    def citations_of(self, lines: Iterable[Line]) -> tuple[Citation, ...]:
        used = {n for line in lines for n in line.numbers}
        return tuple(c for c in self.citations if c.number in used)


_COMPARED = ("Compared with the case's own answer", "Under this assumption", "The case itself")


def branch_condition(when: dict[str, FactValue]) -> str:
    """A branch's condition in the registry's words ("no visceral crisis, post-menopausal"),
    as the dialogue writes it; falls back to :func:`condition_words`."""
    registry = fact_registry()
    if all(k in registry for k in when):
        return ", ".join(registry[k].value_as_condition(v) for k, v in when.items())
    return condition_words(when)


def guideline_label(reply: Reply) -> str:
    return f"{reply.guideline.title} · {reply.guideline.sha256[:12]}"


def _merge(*groups: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(sid for group in groups for sid in group))


def _narratives(options: Sequence[OptionView]) -> list[str]:
    """The node narrative beside each option list (conditions quote it)."""
    out = []
    for option in options:
        for sid in option.sources:
            if sid.endswith(("/primary-options", "/secondary-options")):
                out.append(sid.rsplit("/", 1)[0] + "/narrative")
    return out


def recommendation_statement(rec: Recommendation, prefix: str = "") -> Statement:
    """A recommendation's bottom line in one statement, from its structure (branches)."""
    parts = [f"{prefix}{group_words(rec.patient_group)} — {ordinal(rec.line)} line."]
    for tier in ("primary", "secondary"):
        now = [option_label(o.drugs) for o in rec.options if o.tier == tier and o.applicable]
        if now:
            parts.append(f"{tier.capitalize()}: {'; '.join(now)}.")
    open_ = [
        f"{option_label(o.drugs)} if {' and '.join(o.conditions) or 'a fact not known'}"
        for o in rec.options
        if o.applicable is None
    ]
    if open_:
        parts.append(f"Conditional: {'; '.join(open_)}.")
    out = [option_label(o.drugs) for o in rec.options if o.applicable is False]
    if out:
        parts.append(f"Ruled out by the case: {'; '.join(out)}.")
    flags = {f for o in rec.options if o.applicable is not False for f in o.flags}
    if flags:
        parts.append(f"Caution: {'; '.join(sorted(flags))}.")
    sources = _merge(
        [rec.patient_group],
        (sid for o in rec.options for sid in o.sources),
        _narratives(rec.options),
    )
    return Statement(" ".join(parts), "guideline", sources, "bottom")


def branch_statements(branch: Branch) -> list[Statement]:
    if branch.recommendation is None:
        return [
            Statement(
                "The guideline gives no single path for this branch; answer the question to see it.",
                "system",
            )
        ]
    return [recommendation_statement(branch.recommendation)]


def hypothesis_statements(reply: Reply, baseline: Reply | None) -> list[Statement]:
    """What a what-if changes compared with the case's own last answer (options by drugs)."""
    rec = reply.recommendation
    base = baseline.recommendation if baseline is not None else None
    if rec is None or base is None:
        return []
    if (rec.patient_group, rec.line) != (base.patient_group, base.line):
        return [
            Statement(
                f"Differs from the case's answer: {group_words(rec.patient_group)} — "
                f"{ordinal(rec.line)} line instead of {group_words(base.patient_group)} — "
                f"{ordinal(base.line)} line.",
                "guideline",
                (rec.patient_group, base.patient_group),
                "bottom",
            )
        ]
    before = {tuple(o.drugs): o for o in base.options}
    changed = []
    sources: list[str] = []
    state = {True: "applies", None: "conditional", False: "ruled out"}
    for option in rec.options:
        old = before.get(tuple(option.drugs))
        if old is not None and old.applicable != option.applicable:
            changed.append(
                f"{option_label(option.drugs)} {state[option.applicable]} "
                f"(case: {state[old.applicable]})"
            )
            sources += option.sources
    if not changed:
        return [
            Statement(
                "Same options as the case's own answer; the assumption changes none of them.",
                "system",
            )
        ]
    return [
        Statement(
            "Differs from the case's answer: " + "; ".join(changed) + ".",
            "guideline",
            _merge(sources, _narratives(rec.options)),
            "bottom",
        )
    ]


def reply_view(reply: Reply, *, baseline: Reply | None = None) -> ReplyView:
    """The reply as every shell shows it. ``baseline``: the case's last real answer, so a
    what-if can say what differs."""
    numbers: dict[str, int] = {}

    def line(statement: Statement) -> Line:
        for sid in statement.sources:
            numbers.setdefault(sid, len(numbers) + 1)
        return Line(statement, tuple(sorted({numbers[s] for s in statement.sources})))

    is_answer = reply.kind == "answer"
    hypothetical = reply.hypothesis is not None
    lead_statements = [s for s in reply.statements if not is_answer or s.part in ("", "bottom")]
    # The dialogue states each branch itself ("If <when>: …"): that statement is the
    # branch's bottom line; a branch it does not state is stated here from its structure.
    stated: dict[int, Statement] = {}
    for i, branch in enumerate(reply.branches):
        opening = f"If {branch_condition(branch.when)}:"
        found = next((s for s in lead_statements if s.text.startswith(opening)), None)
        if found is not None:
            stated[i] = found
            lead_statements.remove(found)
    if hypothetical and not any(s.text.startswith(_COMPARED) for s in reply.statements):
        # Only when the dialogue did not already say what differs from the case's answer.
        lead_statements = hypothesis_statements(reply, baseline) + lead_statements
    lead = tuple(line(s) for s in lead_statements)
    branches = tuple(
        BranchView(
            condition=f"If {branch_condition(b.when)}",
            when=dict(b.when),
            lines=(line(stated[i]),) if i in stated else tuple(map(line, branch_statements(b))),
            stated=i in stated,
        )
        for i, b in enumerate(reply.branches)
    )
    details: list[DetailPart] = []
    if is_answer:
        for key, title in DETAIL_TITLES.items():
            part = tuple(line(s) for s in reply.statements if s.part == key)
            if part:
                details.append(DetailPart(key, title, part))
    heading = KIND_HEADINGS.get(reply.kind, "")
    if reply.kind == "info" and not any(s.basis == "guideline" for s in reply.statements):
        heading = "Note"  # e.g. "confirmed: …": nothing here is quoted from the guideline
    assumed: tuple[str, ...] = ()
    if hypothetical:
        assert reply.hypothesis is not None
        heading = "What if — hypothetical (the case is unchanged)"
        assumed = tuple(
            f"{fact_phrase(k, v)} (the case: "
            + (fact_phrase(k, reply.facts[k]) if k in reply.facts else "not known")
            + ")"
            for k, v in reply.hypothesis.items()
        )
    elif reply.branches:
        heading = "Answer by branch"
    choices = tuple(reply.choices)
    if not choices and reply.branches:
        choices = tuple(branch_condition(b.when) for b in reply.branches)
    citations = tuple(Citation(n, sid, short_section_title(sid)) for sid, n in numbers.items())
    return ReplyView(
        kind=reply.kind,
        heading=heading,
        hypothetical=hypothetical,
        assumed=assumed,
        lead=lead,
        details=tuple(details),
        branches=branches,
        choices=choices,
        citations=citations,
        guideline=guideline_label(reply),
    )

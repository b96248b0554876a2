"""Replay transcripts through ``Session.send`` and check every reply's structure.

Each turn's reply is compared field by field with the turn's ``expect`` block
(see ``schema.Expect``); every mismatch becomes a ``Mismatch`` with the expected
and the actual value, so the CLI can print a readable diff. Every statement
is also run through the grounding check (``chatbot.kb.grounding.check_statement``),
so an ungrounded drug name or dose fails a transcript even if no expectation asked.

A transcript marked ``xfail: "<reason>"`` is known to fail because the bot is
wrong; it is reported as XFAIL and does not make the run fail. The mark is
strict: once the bot is fixed the transcript shows as XPASS and fails the run
until the mark is removed, so a stale mark cannot hide a later regression.

JUnit XML is written with ``xml.etree.ElementTree`` from the standard library:
the format is four element types, not worth a dependency.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from chatbot.transcripts.schema import (
    Expect,
    Transcript,
    TranscriptError,
    drug_set,
    drug_set_key,
    load_transcript,
)

if TYPE_CHECKING:
    from chatbot.contract import Reply
    from chatbot.kb.sections import SectionIndex

Status = Literal["pass", "fail", "xfail", "xpass", "error"]


class SessionLike(Protocol):
    def send(self, text: str) -> Reply: ...


SessionFactory = Callable[[], SessionLike]


@dataclass(frozen=True, slots=True)
class Mismatch:
    """One expectation the reply did not meet."""

    field: str
    expected: str
    actual: str


@dataclass(frozen=True, slots=True)
class TurnOutcome:
    number: int
    """1-based turn number."""
    user: str
    mismatches: tuple[Mismatch, ...] = ()
    reply: Reply | None = None
    error: str | None = None
    """The exception ``send`` raised, if it raised."""

    @property
    def passed(self) -> bool:
        return not self.mismatches and self.error is None


@dataclass(frozen=True, slots=True)
class TranscriptOutcome:
    path: str
    title: str
    turns: tuple[TurnOutcome, ...] = ()
    xfail: str | None = None
    load_error: str | None = None
    covers: tuple[str, ...] = ()
    guideline_sha256: str | None = None
    """The guideline the transcript was recorded against (None: not recorded)."""

    @property
    def passed(self) -> bool:
        return self.load_error is None and all(t.passed for t in self.turns)

    @property
    def status(self) -> Status:
        if self.load_error is not None:
            return "error"
        if self.xfail is not None:
            return "xpass" if self.passed else "xfail"
        return "pass" if self.passed else "fail"

    @property
    def ok(self) -> bool:
        """Does not fail the run (pass, xfail); XPASS fails it: remove the stale mark."""
        return self.status in ("pass", "xfail")


# --------------------------------------------------------------------------- discovery


TRANSCRIPT_SUFFIXES = (".yaml", ".yml")


def find_transcripts(paths: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """Transcript files under the given files/folders, and the paths that do not exist.

    Every ``*.yaml``/``*.yml`` entry that is not a folder is returned, FIFOs and
    devices included: loading refuses them with a message instead of skipping them
    silently. Folders are walked without following symlinked folders (no loops)."""
    found: list[Path] = []
    missing: list[str] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found.extend(sorted(_walk(p)))
        elif p.exists() or p.is_symlink():
            found.append(p)
        else:
            missing.append(str(p))
    seen: set[Path] = set()
    unique = []
    for p in found:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique, missing


def _walk(folder: Path) -> Iterable[Path]:
    for root, dirs, files in os.walk(folder):  # followlinks=False: a symlink loop ends
        dirs.sort()
        for name in files + [d for d in dirs if os.path.islink(os.path.join(root, d))]:
            path = Path(root, name)
            if path.suffix in TRANSCRIPT_SUFFIXES and not path.is_dir():
                yield path


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Transcript files under the given files/folders, sorted; raises for a missing path."""
    found, missing = find_transcripts(paths)
    if missing:
        raise FileNotFoundError(f"no such transcript file or folder: {missing[0]}")
    return found


# --------------------------------------------------------------------------- static lint


@cache
def known_drugs() -> frozenset[str]:
    """Generic drug names the guideline uses (``knowledge/drugs.yaml``, read by the loader)."""
    from chatbot.kb.loader import load_drugs

    drugs, _classes = load_drugs()
    return frozenset(drugs)


def _section_exists(section_id: str, index: SectionIndex) -> bool:
    return section_id in index


def lint(transcript: Transcript, path: str, index: SectionIndex) -> None:
    """Reject expectations that can never be met: unknown section ids, drug names, nodes."""
    drugs = known_drugs()
    node_slugs = {(n.group, n.node) for n in index.nodes}
    for number, turn in enumerate(transcript.turns, start=1):
        exp = turn.expect
        for sid in [*exp.cites, *exp.cites_any]:
            if not _section_exists(sid, index):
                raise TranscriptError(path, f"cites: no guideline section {sid!r}", number)
        for name in sorted(exp.drug_names()):
            if name not in drugs:
                raise TranscriptError(
                    path, f"drug {name!r} is not a generic name in knowledge/drugs.yaml", number
                )
        if exp.node is not None:
            if exp.group is None:
                raise TranscriptError(path, "node: needs group in the same expect block", number)
            if (exp.group, exp.node) not in node_slugs:
                raise TranscriptError(
                    path, f"node: {exp.group}/{exp.node} is not a treatment node", number
                )


def load_checked(path: str | Path, index: SectionIndex) -> Transcript:
    """Load, validate and lint one transcript (raises ``TranscriptError``)."""
    transcript = load_transcript(path)
    lint(transcript, str(path), index)
    return transcript


# --------------------------------------------------------------------------- checking a reply


def _fmt_set(drugs: Iterable[str]) -> str:
    return drug_set_key(drugs) or "(none)"


def _fmt_options(reply: Reply) -> str:
    rec = reply.recommendation
    if rec is None or not rec.options:
        return "(no options)"
    return "; ".join(_fmt_set(o.drugs) for o in rec.options)


def cited_sources(reply: Reply) -> set[str]:
    """Every section id the reply cites: statement sources and option sources."""
    ids = {s for st in reply.statements for s in st.sources}
    if reply.recommendation is not None:
        ids |= {s for o in reply.recommendation.options for s in o.sources}
    return ids


def nodes_of_reply(reply: Reply, index: SectionIndex) -> set[str]:
    """The treatment nodes (``<group>/<node>``) an answer comes from.

    Read from the cited ``<group>/<node>/…`` section ids, keeping those of the
    recommendation's group and line (a ``Plus`` node has no line and always counts).
    """
    rec = reply.recommendation
    if rec is None:
        return set()
    lines = {f"{n.group}/{n.node}": n.line for n in index.nodes}
    found = set()
    for sid in cited_sources(reply):
        parts = sid.split("/")
        if len(parts) < 2:
            continue
        node_id = f"{parts[0]}/{parts[1]}"
        if (
            node_id in lines
            and parts[0] == rec.patient_group
            and lines[node_id] in (None, rec.line)
        ):
            found.add(node_id)
    return found


def _cite_met(wanted: str, cited: set[str]) -> bool:
    """A section is cited when it or one of its sub-sections is."""
    return any(s == wanted or s.startswith(wanted + "/") for s in cited)


def _fact_equal(expected: Any, actual: Any) -> bool:
    if isinstance(expected, list) and isinstance(actual, (list, tuple)):
        return {str(x).lower() for x in expected} == {str(x).lower() for x in actual}
    return bool(expected == actual and type(expected) is type(actual))


def check_reply(expect: Expect, reply: Reply, index: SectionIndex | None = None) -> list[Mismatch]:
    """Every way ``reply`` falls short of ``expect`` (empty list: the turn passes)."""
    out: list[Mismatch] = []

    def miss(name: str, expected: object, actual: object) -> None:
        out.append(Mismatch(name, str(expected), str(actual)))

    if isinstance(expect.kind, list):
        if reply.kind not in expect.kind:
            miss("kind", "one of " + ", ".join(expect.kind), reply.kind)
    elif expect.kind is not None and reply.kind != expect.kind:
        miss("kind", expect.kind, reply.kind)
    if expect.checks_asks():
        wanted = expect.asks
        if isinstance(wanted, list):
            if reply.asks not in wanted:
                miss("asks", "one of " + ", ".join(wanted), reply.asks)
        elif reply.asks != wanted:
            miss("asks", wanted, reply.asks)
    for name, value in expect.facts.items():
        if name not in reply.facts:
            miss(f"facts.{name}", value, "(unknown)")
        elif not _fact_equal(value, reply.facts[name]):
            miss(f"facts.{name}", value, reply.facts[name])
    for name in expect.unknown:
        if name in reply.facts:
            miss(f"facts.{name}", "(unknown)", reply.facts[name])

    if expect.checks_hypothesis():
        if expect.hypothesis is None:
            if reply.hypothesis is not None:
                miss("hypothesis", "null", reply.hypothesis)
        elif reply.hypothesis is None:
            miss("hypothesis", expect.hypothesis, "null")
        else:
            for name, value in expect.hypothesis.items():
                if name not in reply.hypothesis or not _fact_equal(value, reply.hypothesis[name]):
                    miss(f"hypothesis.{name}", value, reply.hypothesis.get(name, "(absent)"))
    for wanted_branch in expect.branches:
        found = [
            b
            for b in reply.branches
            if b.when.keys() == wanted_branch.when.keys()
            and all(_fact_equal(v, b.when[k]) for k, v in wanted_branch.when.items())
        ]
        shown = (
            "; ".join(
                f"{b.when} -> "
                + (
                    f"{b.recommendation.patient_group} {b.recommendation.line}"
                    if b.recommendation
                    else "none"
                )
                for b in reply.branches
            )
            or "(no branches)"
        )
        if not found:
            miss("branches", f"a branch when {wanted_branch.when}", shown)
            continue
        branch_rec = found[0].recommendation
        if wanted_branch.group is not None and (
            branch_rec is None or branch_rec.patient_group != wanted_branch.group
        ):
            miss(f"branches[{wanted_branch.when}].group", wanted_branch.group, shown)
        if wanted_branch.line is not None and (
            branch_rec is None or branch_rec.line != wanted_branch.line
        ):
            miss(f"branches[{wanted_branch.when}].line", wanted_branch.line, shown)
    if expect.no_recommendation and reply.recommendation is not None:
        miss("recommendation", "null", reply.recommendation.patient_group)
    for choice in expect.choices:
        if choice not in reply.choices:
            miss("choices", choice, ", ".join(reply.choices) or "(none)")

    rec = reply.recommendation
    wants_rec = (
        expect.group is not None
        or expect.line is not None
        or expect.node is not None
        or expect.offered
        or expect.applicable
        or expect.flags
        or expect.unflagged
    )
    if wants_rec and rec is None:
        miss("recommendation", "a recommendation", f"none (kind {reply.kind})")
    if rec is not None:
        if expect.group is not None and rec.patient_group != expect.group:
            miss("group", expect.group, rec.patient_group)
        if expect.line is not None and rec.line != expect.line:
            miss("line", expect.line, rec.line)
        if expect.node is not None and index is not None:
            node_id = f"{expect.group}/{expect.node}"
            got = nodes_of_reply(reply, index)
            if node_id not in got:
                miss("node", node_id, ", ".join(sorted(got)) or "(no node cited)")
        option_sets = [frozenset(o.drugs) for o in rec.options]
        for wanted_set in expect.offered:
            if wanted_set not in option_sets:
                miss("offered", f"an option of exactly {_fmt_set(wanted_set)}", _fmt_options(reply))
        for key, value in expect.applicable.items():
            matching = [o for o in rec.options if frozenset(o.drugs) == drug_set(key)]
            if not matching:
                miss(f"applicable[{key}]", value, "no such option; options: " + _fmt_options(reply))
            elif any(o.applicable is not value for o in matching):
                miss(f"applicable[{key}]", value, ", ".join(str(o.applicable) for o in matching))
        for key, phrase in expect.flags.items():
            matching = [o for o in rec.options if frozenset(o.drugs) == drug_set(key)]
            if not matching:
                miss(
                    f"flags[{key}]",
                    f"a flag containing {phrase!r}",
                    "no such option; options: " + _fmt_options(reply),
                )
            elif not any(phrase.lower() in f.lower() for o in matching for f in o.flags):
                miss(
                    f"flags[{key}]",
                    f"a flag containing {phrase!r}",
                    [f for o in matching for f in o.flags] or "no flags",
                )
        for unflagged in expect.unflagged:
            for o in rec.options:
                if frozenset(o.drugs) == unflagged and o.flags:
                    miss(f"unflagged[{_fmt_set(unflagged)}]", "no flags", list(o.flags))
    for banned in expect.not_offered:
        hits = [o for o in (rec.options if rec else ()) if banned <= frozenset(o.drugs)]
        if hits:
            miss(
                "not_offered",
                f"no option containing {_fmt_set(banned)}",
                "; ".join(_fmt_set(o.drugs) for o in hits),
            )
    for ruled_out in expect.excluded:
        hits = [
            o
            for o in (rec.options if rec else ())
            if ruled_out <= frozenset(o.drugs) and o.applicable is not False
        ]
        if hits:
            miss(
                "excluded",
                f"every option containing {_fmt_set(ruled_out)} ruled out (or absent)",
                "; ".join(f"{_fmt_set(o.drugs)} applicable={o.applicable}" for o in hits),
            )
    if expect.cites:
        cited = cited_sources(reply)
        for sid in expect.cites:
            if not _cite_met(sid, cited):
                miss("cites", sid, ", ".join(sorted(cited)) or "(nothing cited)")
    if expect.cites_any:
        cited = cited_sources(reply)
        if not any(_cite_met(sid, cited) for sid in expect.cites_any):
            miss(
                "cites_any",
                "one of " + ", ".join(expect.cites_any),
                ", ".join(sorted(cited)) or "(nothing cited)",
            )
    texts = [st.text for st in reply.statements]
    for phrase in expect.mentions:
        if not any(phrase.lower() in t.lower() for t in texts):
            miss("mentions", repr(phrase), _clip(" | ".join(texts)))
    for phrase in expect.not_mentions:
        said = [t for t in texts if phrase.lower() in t.lower()]
        if said:
            miss("not_mentions", f"no statement containing {phrase!r}", _clip(said[0]))
    if index is not None:
        out.extend(grounding_problems(reply, index))
    return out


def _clip(text: str, width: int = 300) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# --------------------------------------------------------------------------- grounding


def grounding_problems(reply: Reply, index: SectionIndex | None = None) -> list[Mismatch]:
    """Run the project's grounding check on every statement of ``reply``.

    ``chatbot.kb.grounding.check_statement(statement)`` returns the problems with
    one statement (``[]`` when grounded) under DESIGN.md's rule for its basis:
    guideline statements cite sections containing every drug and dose they
    mention; case and system statements state no dose.
    """
    from chatbot.kb.grounding import check_statement

    return [
        Mismatch(
            "grounding",
            f"{st.basis} statement obeys the grounding rule",
            f"{problem}: {_clip(st.text, 160)}",
        )
        for st in reply.statements
        for problem in check_statement(st)
    ]


# --------------------------------------------------------------------------- running


def replay_transcript(
    transcript: Transcript,
    session_factory: SessionFactory,
    index: SectionIndex | None = None,
    path: str = "",
) -> TranscriptOutcome:
    """Send each turn to a fresh session and check each reply."""
    session = session_factory()
    outcomes: list[TurnOutcome] = []
    for number, turn in enumerate(transcript.turns, start=1):
        try:
            reply = session.send(turn.user)
        except Exception as exc:  # a crash is a failed turn, reported, and ends this transcript
            outcomes.append(TurnOutcome(number, turn.user, error=f"{type(exc).__name__}: {exc}"))
            break
        outcomes.append(
            TurnOutcome(number, turn.user, tuple(check_reply(turn.expect, reply, index)), reply)
        )
    return TranscriptOutcome(
        path=path,
        title=transcript.title,
        turns=tuple(outcomes),
        xfail=transcript.xfail,
        covers=tuple(transcript.covers),
        guideline_sha256=transcript.guideline_sha256,
    )


def replay_file(
    path: str | Path, session_factory: SessionFactory, index: SectionIndex
) -> TranscriptOutcome:
    """Load, lint and replay one file; a malformed file becomes an ``error`` outcome."""
    try:
        transcript = load_checked(path, index)
    except TranscriptError as exc:
        return TranscriptOutcome(path=str(path), title="", load_error=str(exc))
    except Exception as exc:  # an untrusted file must never stop the rest of the run
        error = f"{path}: cannot be loaded: {type(exc).__name__}: {exc}"
        return TranscriptOutcome(path=str(path), title="", load_error=error)
    return replay_transcript(transcript, session_factory, index, str(path))


def replay_paths(
    paths: Sequence[str | Path], session_factory: SessionFactory, index: SectionIndex
) -> list[TranscriptOutcome]:
    return [replay_file(p, session_factory, index) for p in discover(paths)]


def default_session_factory() -> SessionFactory:
    """``chatbot.Session`` (imported lazily: it loads spaCy)."""
    from chatbot import Session

    return Session


# --------------------------------------------------------------------------- reporting

_LABEL = {"pass": "PASS", "fail": "FAIL", "xfail": "XFAIL", "xpass": "XPASS", "error": "ERROR"}


def format_outcome(outcome: TranscriptOutcome, verbose: bool = True) -> str:
    """Human-readable report: one line per turn, then expected-vs-actual per failing field."""
    lines = [
        f"{_LABEL[outcome.status]:5}  {outcome.path}"
        + (f"  — {outcome.title}" if outcome.title else "")
    ]
    if outcome.load_error is not None:
        lines.append(f"       malformed transcript: {outcome.load_error}")
        return "\n".join(lines)
    if outcome.xfail is not None:
        note = (
            "known failure" if outcome.status == "xfail" else "now PASSES — remove the xfail mark"
        )
        lines.append(f"       xfail ({note}): {outcome.xfail}")
    if not verbose and outcome.status == "pass":
        return "\n".join(lines)
    for turn in outcome.turns:
        mark = "ok  " if turn.passed else "FAIL"
        lines.append(f"    turn {turn.number} {mark}  > {_clip(turn.user, 90)}")
        if turn.error:
            lines.append(f"        error: {turn.error}")
        for m in turn.mismatches:
            lines.append(f"        {m.field}:")
            lines.append(f"          expected: {m.expected}")
            lines.append(f"          actual:   {m.actual}")
    return "\n".join(lines)


def summary(outcomes: Sequence[TranscriptOutcome]) -> str:
    counts = {k: 0 for k in _LABEL}
    for o in outcomes:
        counts[o.status] += 1
    parts = [
        f"{counts[k]} {k}"
        for k in ("pass", "fail", "error", "xfail", "xpass")
        if counts[k] or k in ("pass", "fail")
    ]
    turns = sum(len(o.turns) for o in outcomes)
    return f"{len(outcomes)} transcripts, {turns} turns: " + ", ".join(parts)


# --------------------------------------------------------------------------- guideline changed

GUIDELINE_CHANGED_EXIT = 3
"""Exit code of ``mbc-chat replay`` when every behaviour check passed but some transcripts
were recorded against another guideline text than the pinned one (1 wins over it)."""


def guideline_changed(
    outcomes: Sequence[TranscriptOutcome], pinned_sha256: str
) -> list[TranscriptOutcome]:
    """Transcripts recorded against a guideline text other than ``pinned_sha256``.

    Not a behaviour failure: their expectations may no longer follow the guideline,
    so a clinician must re-read them (then ``mbc-chat guideline stamp --reviewed``).
    """
    return [
        o
        for o in outcomes
        if o.guideline_sha256 is not None and o.guideline_sha256 != pinned_sha256
    ]


def format_guideline_changed(changed: Sequence[TranscriptOutcome], pinned_sha256: str) -> str:
    lines = [
        f"GUIDELINE CHANGED since {len(changed)} transcript(s) were recorded "
        f"(pinned now {pinned_sha256[:12]}…): review each against the new text, then "
        "`mbc-chat guideline stamp --reviewed PATH`"
    ]
    lines += [f"  {o.path}  recorded against {(o.guideline_sha256 or '')[:12]}…" for o in changed]
    return "\n".join(lines)


def junit_xml(outcomes: Sequence[TranscriptOutcome], suite_name: str = "transcripts") -> str:
    """JUnit XML: one testcase per transcript; failures carry the readable diff."""
    suite = ET.Element(
        "testsuite",
        name=suite_name,
        tests=str(len(outcomes)),
        failures=str(sum(o.status in ("fail", "xpass") for o in outcomes)),
        errors=str(sum(o.status == "error" for o in outcomes)),
        skipped=str(sum(o.status == "xfail" for o in outcomes)),
    )
    for o in outcomes:
        p = Path(o.path)
        case = ET.SubElement(
            suite, "testcase", classname=str(p.parent).replace("/", "."), name=p.name
        )
        text = format_outcome(o)
        if o.status == "fail":
            failing = next((t for t in o.turns if not t.passed), None)
            msg = f"turn {failing.number} failed" if failing else "failed"
            ET.SubElement(case, "failure", message=msg).text = text
        elif o.status == "error":
            ET.SubElement(case, "error", message=o.load_error or "error").text = text
        elif o.status == "xpass":
            ET.SubElement(case, "failure", message="XPASS: remove the xfail mark").text = text
        elif o.status == "xfail":
            ET.SubElement(case, "skipped", message=f"xfail: {o.xfail}").text = text
        else:
            ET.SubElement(case, "system-out").text = text
    root = ET.Element("testsuites")
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"

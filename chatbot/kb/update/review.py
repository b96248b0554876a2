"""Compare a new guideline text with the pinned one and with everything encoded on it.

``review(new_text, folder)`` returns a ``GuidelineReview``: sections added, removed and
changed (word-level hunks), node titles and group headings changed, nodes and groups
added or gone, for each change the encoded items resting on it and whether each is
still verbatim in the new text, the problems that must be fixed before ``accept``
(file and key), and the transcripts whose cited sections changed. Pure: it reads
files, never writes, and the same inputs give the same review.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml

from chatbot.kb.loader import KnowledgeError
from chatbot.kb.option_text import parse_option_block
from chatbot.kb.pin import GuidelinePin, file_sha256, read_pin
from chatbot.kb.sections import GROUP_HEADINGS, SectionIndex, build_index
from chatbot.kb.update.items import (
    SECTIONS_PY,
    Check,
    EncodedItem,
    containing,
    encoded_items,
    missing_from,
    read_group_files,
)

PARAGRAPH = "¶"
CONTEXT_WORDS = 8
PARAGRAPH_WORDS = 30
"""Context widens to the paragraph's edge when it is this close (whole option lines)."""

Op = Literal["=", "-", "+"]
ItemState = Literal["not verbatim", "partly gone", "paragraph changed", "verbatim"]
"""``paragraph changed``: still verbatim, but the paragraph around it is new wording —
the words that qualify a quote ("not", "only in", "after …") may have changed."""


@dataclass(frozen=True, slots=True)
class Hunk:
    """One region of change: runs of kept (``=``), removed (``-``) and added (``+``) words."""

    segments: tuple[tuple[Op, str], ...]
    clipped_before: bool
    """Text before the hunk was left out (shown as ``…``)."""
    clipped_after: bool


@dataclass(frozen=True, slots=True)
class ItemOnSection:
    """An encoded item resting on a changed section, and how it fares in the new text."""

    item: EncodedItem
    state: ItemState
    reason: str = ""


@dataclass(frozen=True, slots=True)
class SectionChange:
    """A section changed, added or removed; ``title``/``path`` as in whichever text has it."""

    id: str
    how: Literal["changed", "added", "removed"]
    title: str
    path: tuple[str, ...]
    hunks: tuple[Hunk, ...] = ()
    """For ``changed``: the word-level difference."""
    text: str = ""
    """For ``added`` / ``removed``: the section's text."""
    items: tuple[ItemOnSection, ...] = ()
    same_as: tuple[str, ...] = ()
    """Other sections with exactly the same change (e.g. the 40 supportive-care copies)."""


@dataclass(frozen=True, slots=True)
class Problem:
    """Something encoded that no longer matches the new text: file, key and why.

    ``blocking`` problems make ``accept`` refuse; the others (a warning or supportive-care
    quote gone from some but not all of its sections) change what the bot shows and
    need a clinician's look, but the knowledge still loads.
    """

    file: str
    key: str
    why: str
    blocking: bool = True

    @property
    def where(self) -> str:
        return f"{self.file}: {self.key}"


@dataclass(frozen=True, slots=True)
class TranscriptHit:
    """A transcript whose cited sections (or answered node) changed."""

    path: str
    sections: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GuidelineReview:
    pin: GuidelinePin
    old_sha256: str
    new_sha256: str
    new_name: str
    sections: tuple[SectionChange, ...]
    titles_changed: tuple[tuple[str, str, str], ...]
    """(node id, old title, new title)."""
    headings_changed: tuple[tuple[str, str, str], ...]
    """(group id, old heading, new heading)."""
    nodes_added: tuple[str, ...]
    nodes_gone: tuple[str, ...]
    groups_added: tuple[str, ...]
    groups_gone: tuple[str, ...]
    problems: tuple[Problem, ...]
    transcripts: tuple[TranscriptHit, ...]
    notes: tuple[str, ...] = field(default=())
    moved: tuple[tuple[str, str], ...] = ()
    """(old node id, new node id) of nodes whose title now sits at another id of the same
    group — a node inserted or removed before them renumbered the lines."""
    """Things the reader should know about the comparison itself."""

    @property
    def identical(self) -> bool:
        return self.old_sha256 == self.new_sha256

    @property
    def blocking(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.blocking)

    @property
    def encoded_affected(self) -> bool:
        """True when some encoded item no longer matches the new text (exit code 1)."""
        return bool(self.problems)


class NotAGuidelineVersion(ValueError):
    """The new text does not have the guideline's shape (groups, nodes, end marker)."""


# --------------------------------------------------------------------------- word diff


def _tokens(text: str) -> list[str]:
    """Words, with each blank-line paragraph break as one ``¶`` token."""
    return [PARAGRAPH if t.isspace() else t for t in re.findall(r"\S+|\n[^\S\n]*\n\s*", text)]


def word_diff(old: str, new: str, context: int = CONTEXT_WORDS) -> tuple[Hunk, ...]:
    """Word-level hunks with ``context`` words either side; nearby hunks merge."""
    a, b = _tokens(old), _tokens(new)
    if a == b:
        return ()  # only spacing or line breaks within paragraphs changed
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    hunks = []
    for group in matcher.get_grouped_opcodes(context):
        segments: list[tuple[Op, str]] = []
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                segments.append(("=", " ".join(a[i1:i2])))
                continue
            if i2 > i1:
                segments.append(("-", " ".join(a[i1:i2])))
            if j2 > j1:
                segments.append(("+", " ".join(b[j1:j2])))
        first, last = group[0], group[-1]
        start, end = first[1], last[2]
        # widen the context to whole short paragraphs (a drug line with its dose)
        if first[0] == "equal":
            lead = _paragraph_start(a, first[2], first[1], PARAGRAPH_WORDS)
            segments[0] = ("=", " ".join(a[lead : first[2]]))
            start = lead
        if last[0] == "equal" and len(group) > 1:
            tail = _paragraph_end(a, last[1], last[2], PARAGRAPH_WORDS)
            segments[-1] = ("=", " ".join(a[last[1] : tail]))
            end = tail
        hunks.append(Hunk(tuple(s for s in segments if s[1]), start > 0, end < len(a)))
    return tuple(hunks)


def _paragraph_start(words: list[str], at: int, clipped: int, limit: int) -> int:
    """Where the paragraph holding ``words[at]`` begins, if within ``limit`` words; else
    the clipped start ``difflib`` chose."""
    for k in range(at - 1, max(-1, at - limit - 1), -1):
        if words[k] == PARAGRAPH:
            return k + 1
    return 0 if at <= limit else clipped


def _paragraph_end(words: list[str], at: int, clipped: int, limit: int) -> int:
    for k in range(at, min(len(words), at + limit)):
        if words[k] == PARAGRAPH:
            return k
    return len(words) if len(words) - at <= limit else clipped


# --------------------------------------------------------------------------- comparing


def _has_own_text(section_id: str) -> bool:
    """The preamble, group headings and node parts; a node section only holds its parts."""
    return section_id.count("/") != 1


Anywhere = dict[int, tuple[frozenset[str], frozenset[str]]]
"""For items found wherever their text is (warnings, supportive care): by position in the
item list, the sections holding it in the old and in the new text."""


def _node_ids(index: SectionIndex) -> dict[str, str]:
    return {f"{n.group}/{n.node}": n.title for n in index.nodes}


def _items_on(
    section_id: str,
    items: Sequence[EncodedItem],
    old: SectionIndex,
    new: SectionIndex,
    states: dict[int, tuple[ItemState, str]],
    anywhere: Anywhere,
) -> tuple[ItemOnSection, ...]:
    out = []
    for k, item in enumerate(items):
        if item.check is Check.ANYWHERE:
            was, now = anywhere[k]
            if section_id not in was and section_id not in now:
                continue
            state: ItemState = "verbatim"
            reason = ""
            if section_id not in now:
                state, reason = "not verbatim", f"no longer in {section_id}"
        elif section_id in item.sections:
            state, reason = states[k]
        else:
            continue
        if (
            state == "verbatim"
            and item.check is not Check.LINE
            and section_id in old
            and section_id in new
            and _in_changed_paragraph(item.text, old[section_id].text, new[section_id].text)
        ):
            state = "paragraph changed"
        out.append(ItemOnSection(item, state, reason))
    return tuple(out)


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def _in_changed_paragraph(quote: str, old: str, new: str) -> bool:
    """Some paragraph of ``new`` holding ``quote`` is not a paragraph of ``old``."""
    before = set(_paragraphs(old))
    return any(quote in p and p not in before for p in _paragraphs(new))


def _option_problems(folder: Path, new: SectionIndex, nodes_gone: Iterable[str]) -> list[Problem]:
    """Encoded nodes and option lists against the new text: missing, extra, or different."""
    problems: list[Problem] = []
    files = read_group_files(folder)
    expected = {f"{n.group}/{n.node}": n for n in new.nodes}
    for nid, info in expected.items():
        rel, spec = files.get(info.group, (f"nodes/{info.group}.yaml", None))
        node = spec.nodes.get(info.node) if spec is not None else None
        if node is None:
            problems.append(
                Problem(rel, f"nodes.{info.node}", f"not encoded: new node {info.heading!r}")
            )
            continue
        for tier in ("primary", "secondary"):
            sid = f"{nid}/{tier}-options"
            encoded = getattr(node, tier)
            key = f"nodes.{info.node}.{tier}"
            if sid in new and encoded is None:
                problems.append(Problem(rel, key, f"the new text has {tier} options; none encoded"))
            elif sid not in new and encoded is not None:
                problems.append(
                    Problem(rel, key, f"encoded, but the new text has no {tier} options")
                )
            elif sid in new and encoded is not None:
                problems += _compare_block(rel, key, new[sid].text, encoded.alternatives)
    for nid in nodes_gone:
        group, slug = nid.split("/", 1)
        rel, spec = files.get(group, (f"nodes/{group}.yaml", None))
        if spec is not None and slug in spec.nodes:
            problems.append(
                Problem(rel, f"nodes.{slug}", "encoded, but the node is gone from the new text")
            )
    return problems


def _alternative_text(parts: Iterable[tuple[str, Sequence[str]]]) -> str:
    """``a + b`` for co-drugs, ``one of (a / b)`` for a choice, parts joined by ``+``."""
    shown = [
        " + ".join(lines) if kind == "and" or len(lines) == 1 else f"one of ({' / '.join(lines)})"
        for kind, lines in parts
    ]
    return " + ".join(shown)


def _compare_block(
    rel: str, key: str, text: str, encoded: Sequence[Sequence[object]]
) -> list[Problem]:
    try:
        parsed = parse_option_block(text)
    except ValueError as exc:
        return [Problem(rel, key, f"the new option block does not parse: {exc}")]
    mine = []
    for alt in encoded:
        parts = []
        for part in alt:
            if isinstance(part, str):
                parts.append(("and", (part,)))
            else:
                assert isinstance(part, dict)
                kind, lines = next(iter(part.items()))
                parts.append((kind, tuple(lines)))
        mine.append(tuple(parts))
    theirs = [tuple((p.kind, tuple(e.line for e in p.entries)) for p in alt) for alt in parsed]
    if mine == theirs:
        return []
    if len(mine) == len(theirs):
        # same options, some lines reworded: each such line is already reported as an entry
        # that is no longer verbatim, unless the option's structure changed too
        def shape(alt: tuple[tuple[str, tuple[str, ...]], ...]) -> list[tuple[str, int]]:
            return [(kind, len(lines)) for kind, lines in alt]

        block = {e.line for alt in parsed for part in alt for e in part.entries}
        reworded_only = all(
            shape(a) == shape(b)
            and all(
                x == y or x not in block
                for pa, pb in zip(a, b, strict=True)
                for x, y in zip(pa[1], pb[1], strict=True)
            )
            for a, b in zip(mine, theirs, strict=True)
        )
        if reworded_only:
            return []
    out = []
    extra = [alt for alt in theirs if alt not in mine]
    gone = [alt for alt in mine if alt not in theirs]
    for alt in extra:
        out.append(
            Problem(rel, key, f"the new text has an option not encoded: {_alternative_text(alt)!r}")
        )
    for alt in gone:
        out.append(
            Problem(rel, key, f"encoded option not in the new text: {_alternative_text(alt)!r}")
        )
    if not extra and not gone:
        out.append(Problem(rel, key, "the options are the same but in a different order"))
    return out


# --------------------------------------------------------------------------- transcripts


def _transcript_refs(path: Path, old: SectionIndex) -> list[tuple[str, bool]] | None:
    """(section id, subtree?) a transcript rests on; None if it cannot be read."""
    from chatbot.transcripts.schema import TranscriptError, load_transcript

    try:
        transcript = load_transcript(path)
    except TranscriptError:
        return None
    refs: list[tuple[str, bool]] = [(c, True) for c in transcript.covers if c in old]
    for turn in transcript.turns:
        exp = turn.expect
        refs += [(s, True) for s in (*exp.cites, *exp.cites_any)]
        if exp.group is None:
            continue
        refs.append((exp.group, False))  # the heading defines the patient group
        if exp.node is not None:
            refs.append((f"{exp.group}/{exp.node}", True))
        elif exp.line is not None:
            refs += [
                (f"{n.group}/{n.node}", True)
                for n in old.nodes
                if n.group == exp.group and n.line == exp.line
            ]
    return refs


def _transcript_hits(
    folder: Path | None, old: SectionIndex, changed: set[str]
) -> tuple[list[TranscriptHit], list[str]]:
    if folder is None or not folder.is_dir():
        return [], []
    hits, unreadable = [], []
    for path in sorted(
        p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()
    ):
        refs = _transcript_refs(path, old)
        if refs is None:
            unreadable.append(str(path))
            continue
        touched = sorted(
            {
                sid
                for ref, subtree in refs
                for sid in changed
                if sid == ref or (subtree and sid.startswith(ref + "/"))
            }
        )
        if touched:
            hits.append(TranscriptHit(path.relative_to(folder.parent).as_posix(), tuple(touched)))
    return hits, unreadable


# --------------------------------------------------------------------------- the review


def _item_states(
    items: Sequence[EncodedItem], new: SectionIndex, anywhere: Anywhere
) -> tuple[dict[int, tuple[ItemState, str]], list[Problem]]:
    """Each item's state in the new text (by position in ``items``) and the problems."""
    states: dict[int, tuple[ItemState, str]] = {}
    problems: list[Problem] = []
    for k, item in enumerate(items):
        reason = missing_from(item, new)
        if reason is not None:
            states[k] = ("not verbatim", reason)
            where = f" (in {', '.join(item.sections)})" if item.sections else ""
            where += f", {item.context}" if item.context else ""
            problems.append(
                Problem(item.file, item.key, f"{item.kind} {item.text!r}{where}: {reason}")
            )
            continue
        states[k] = ("verbatim", "")
        lost = sorted(anywhere[k][0] - anywhere[k][1]) if k in anywhere else []
        if lost:
            effect = {
                "supportive.yaml": "the bot stops showing it there",
                "warnings.yaml": "the bot cites it from another section there",
            }.get(item.file, "check what rests on it still holds")
            states[k] = ("partly gone", f"no longer in {len(lost)} section(s)")
            problems.append(
                Problem(
                    item.file,
                    item.key,
                    f"{item.kind} {item.text!r} is no longer in {', '.join(lost)} ({effect})",
                    blocking=False,
                )
            )
    return states, problems


def _moved(old_nodes: dict[str, str], new_nodes: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """Old nodes whose exact title is now at exactly one other id of the same group."""
    out = []
    for node_id, title in old_nodes.items():
        if new_nodes.get(node_id) == title:
            continue
        group = node_id.split("/")[0]
        matches = [n for n, t in new_nodes.items() if t == title and n.split("/")[0] == group]
        if len(matches) == 1:
            out.append((node_id, matches[0]))
    return tuple(out)


def _section_changes(
    old: SectionIndex,
    new: SectionIndex,
    items: Sequence[EncodedItem],
    states: dict[int, tuple[ItemState, str]],
    anywhere: Anywhere,
) -> list[SectionChange]:
    """Sections with text of their own that changed, were removed or added, in document
    order (node-level sections only contain their parts and are left out)."""

    def on(section_id: str) -> tuple[ItemOnSection, ...]:
        return _items_on(section_id, items, old, new, states, anywhere)

    changes: list[SectionChange] = []
    for s in old:
        if not _has_own_text(s.id):
            continue
        if s.id not in new:
            changes.append(
                SectionChange(s.id, "removed", s.title, s.path, text=s.text, items=on(s.id))
            )
        elif new[s.id].text != s.text:
            now = new[s.id]
            hunks = word_diff(s.text, now.text)
            changes.append(
                SectionChange(s.id, "changed", now.title, now.path, hunks, items=on(s.id))
            )
    for s in new:
        if _has_own_text(s.id) and s.id not in old:
            changes.append(
                SectionChange(s.id, "added", s.title, s.path, text=s.text, items=on(s.id))
            )
    return _merge_identical(changes)


def review(
    new_text: str,
    folder: Path,
    *,
    new_name: str = "NEW.txt",
    transcripts: Path | None = None,
) -> GuidelineReview:
    """Review ``new_text`` against the pinned text and the encoding in ``folder``.

    Raises ``NotAGuidelineVersion`` when the new text cannot be indexed at all, and
    ``KnowledgeError`` when the pinned text or the knowledge YAML cannot be read.
    """
    try:
        pin = read_pin(folder)
        old_path = folder / pin.file
        old_text = old_path.read_text(encoding="utf-8")
        old = build_index(old_text, lenient=True)
    except (ValueError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"the pinned guideline: {exc}") from exc
    notes = []
    if file_sha256(old_path) != pin.sha256:
        notes.append(
            f"{pin.file} does not match the hash pinned in pin.yaml; compared with the file as it is"
        )
    try:
        new = build_index(new_text, lenient=True)
    except ValueError as exc:
        raise NotAGuidelineVersion(str(exc)) from exc
    items = encoded_items(folder)
    anywhere = {
        k: (frozenset(containing(item, old)), frozenset(containing(item, new)))
        for k, item in enumerate(items)
        if item.check is Check.ANYWHERE
    }
    states, problems = _item_states(items, new, anywhere)

    old_nodes, new_nodes = _node_ids(old), _node_ids(new)
    nodes_added = tuple(n for n in new_nodes if n not in old_nodes)
    nodes_gone = tuple(n for n in old_nodes if n not in new_nodes)
    titles = tuple(
        (n, t, new_nodes[n]) for n, t in old_nodes.items() if n in new_nodes and t != new_nodes[n]
    )
    old_groups = [s.id for s in old if "/" not in s.id and s.id != "preamble"]
    new_groups = [s.id for s in new if "/" not in s.id and s.id != "preamble"]
    headings = tuple(
        (g, old[g].text, new[g].text) for g in old_groups if g in new and old[g].text != new[g].text
    )
    groups_added = tuple(g for g in new_groups if g not in old)
    groups_gone = tuple(g for g in old_groups if g not in new)
    problems += [
        Problem(
            SECTIONS_PY,
            "GROUP_HEADINGS",
            f"new patient group {new[g].text!r} is not a known group "
            "(add it there, to chatbot/contract.py GROUP_IDS and to knowledge/nodes/)",
        )
        for g in groups_added
        if g not in GROUP_HEADINGS
    ]
    problems += _option_problems(folder, new, nodes_gone)

    changes = _section_changes(old, new, items, states, anywhere)
    touched = {sid for c in changes for sid in (c.id, *c.same_as)}
    # a node added to or gone from a group changes every answer in it near the last line
    touched |= {n.split("/")[0] for n in (*nodes_added, *nodes_gone)}
    hits, unreadable = _transcript_hits(
        transcripts, old, touched | set(nodes_added) | set(nodes_gone)
    )
    notes += [f"transcript not readable, not checked: {p}" for p in unreadable]
    if transcripts is None:
        notes.append("transcripts not checked (no transcripts folder; pass --transcripts DIR)")

    return GuidelineReview(
        pin=pin,
        old_sha256=hashlib.sha256(old_text.encode("utf-8")).hexdigest(),
        new_sha256=hashlib.sha256(new_text.encode("utf-8")).hexdigest(),
        new_name=new_name,
        sections=tuple(changes),
        titles_changed=titles,
        headings_changed=headings,
        nodes_added=nodes_added,
        nodes_gone=nodes_gone,
        groups_added=groups_added,
        groups_gone=groups_gone,
        problems=tuple(_unique(problems)),
        transcripts=tuple(hits),
        notes=tuple(notes),
        moved=_moved(old_nodes, new_nodes),
    )


def _unique(problems: Iterable[Problem]) -> list[Problem]:
    seen: set[Problem] = set()
    out = []
    for p in problems:
        if p not in seen:
            seen.add(p)
            out.append(p)
    return out


def _merge_identical(changes: list[SectionChange]) -> list[SectionChange]:
    """Fold sections with the same change and the same items (the guideline repeats its
    supportive-care text after every line) into the first, listing the others."""
    out: list[SectionChange] = []
    first: dict[tuple[object, ...], int] = {}
    for c in changes:
        signature = (
            c.how,
            c.id.rsplit("/", 1)[-1],
            c.hunks,
            c.text,
            tuple((i.item.file, i.item.key, i.state) for i in c.items),
        )
        if c.how == "changed" and signature in first:
            k = first[signature]
            out[k] = SectionChange(
                out[k].id,
                out[k].how,
                out[k].title,
                out[k].path,
                out[k].hunks,
                out[k].text,
                out[k].items,
                (*out[k].same_as, c.id),
            )
            continue
        first[signature] = len(out)
        out.append(c)
    return out

"""Index the guideline text into sections with stable, human-readable ids.

The document is a flattened web page (see ../shared/DESIGN.md). Each patient
group is a heading line; under it, nodes start with ``Back`` followed by
``1st line – `` (or ``Plus – ``) and a title. Every section's ``text`` is an
exact slice ``document[start:end]`` — the grounding checks depend on that.

Section ids::

    preamble
    <group>                                   the group heading
    <group>/<node>                            a whole node (heading to last option)
    <group>/<node>/narrative                  title line and narrative paragraphs
    <group>/<node>/primary-options
    <group>/<node>/secondary-options
    <group>/<node>/supportive-care            the "Plus – supportive care" after a line node

``<node>`` is ``line-N``, with a suffix where the guideline has two nodes for
one line: ``-non-chemo-candidate``, ``-brain-metastases``, ``-gbrca`` (the rules, and
the groups they apply to, are ``node_slugs`` in knowledge/groups.yaml); the extra
node is ``sequential-endocrine-trastuzumab``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from chatbot import paths
from chatbot.kb.pin import read_verified_guideline

if TYPE_CHECKING:
    from chatbot.kb.model import NodeSlugSpec


class _GroupHeadings(Mapping[str, str]):
    """Group id → the guideline's heading, read from knowledge/groups.yaml (the one place
    the headings are written) on first use, so importing this module reads no file."""

    @cached_property
    def _headings(self) -> dict[str, str]:
        import yaml

        data = yaml.safe_load((paths.knowledge_dir() / "groups.yaml").read_text("utf-8"))
        return {str(row["id"]): " ".join(str(row["heading"]).split()) for row in data["groups"]}

    def __getitem__(self, group: str) -> str:
        return self._headings[group]

    def __iter__(self) -> Iterator[str]:
        return iter(self._headings)

    def __len__(self) -> int:
        return len(self._headings)


GROUP_HEADINGS: Mapping[str, str] = _GroupHeadings()


@cache
def _node_slug_rules() -> tuple[NodeSlugSpec, ...]:
    """The suffix rules of the section-id scheme (``node_slugs`` in knowledge/groups.yaml,
    which the knowledge loader checks), read on first use."""
    import yaml

    from chatbot.kb.model import NodeSlugSpec

    data = yaml.safe_load((paths.knowledge_dir() / "groups.yaml").read_text("utf-8"))
    return tuple(NodeSlugSpec.model_validate(rule) for rule in data["node_slugs"])


NBSP_DASH = "\u00a0–\u00a0"
_NODE_HEAD = re.compile(
    r"^Back\n(?:(?P<ordinal>\d+)(?:st|nd|rd|th) line|Plus)" + NBSP_DASH + r"\n", re.M
)
_END_MARKER = "back arrow"
SUPPORTIVE_TITLE = "supportive care"


@dataclass(frozen=True, slots=True)
class Section:
    """One addressable slice of the guideline."""

    id: str
    title: str
    path: tuple[str, ...]
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, object]:
        return {"title": self.title, "path": list(self.path), "text": self.text}


@dataclass(frozen=True, slots=True)
class NodeInfo:
    """Where a treatment node sits: its group, line number (None for ``Plus`` nodes) and title."""

    group: str
    node: str
    line: int | None
    heading: str
    title: str


class SectionIndex:
    """All sections of the guideline, in document order."""

    def __init__(self, document: str, sections: list[Section], nodes: list[NodeInfo]) -> None:
        self.document = document
        self._sections = {s.id: s for s in sections}
        self.nodes = nodes

    def __contains__(self, section_id: object) -> bool:
        return section_id in self._sections

    def __getitem__(self, section_id: str) -> Section:
        return self._sections[section_id]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._sections.values())

    def __len__(self) -> int:
        return len(self._sections)

    def get(self, section_id: str) -> Section | None:
        return self._sections.get(section_id)

    def ids(self) -> list[str]:
        return list(self._sections)

    def to_dict(self) -> dict[str, dict[str, object]]:
        return {s.id: s.to_dict() for s in self._sections.values()}


def _node_slug(
    group: str, line: int | None, title: str, seen_lines: set[int], lenient: bool = False
) -> str:
    if line is None:
        if title.startswith("sequential endocrine therapy plus trastuzumab"):
            return "sequential-endocrine-trastuzumab"
        if lenient:
            return "plus-" + _slugify(title)
        raise ValueError(f"unexpected Plus node {title!r} in {group}")
    slug = f"line-{line}"
    for rule in _node_slug_rules():
        if rule.marker is not None:
            matches = rule.marker in title and group not in rule.except_groups
        else:
            matches = group in rule.repeat and line in seen_lines
        if matches:
            return slug + rule.suffix
    return slug


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "untitled"


# A group heading is a short line of its own right before a group's first node; a
# narrative or supportive-care paragraph before a repeated "1st line" ends in a full
# stop or a reference marker instead.
_FIRST_NODE = re.compile(r"^(?P<heading>[^\n]+)\n\nBack\n1st line" + NBSP_DASH + r"\n", re.M)


def _locate_groups(document: str, lenient: bool) -> list[tuple[int, int, str, str]]:
    """(start, end, group id, heading as written) of every group heading, in document order.

    Strict: each heading of ``GROUP_HEADINGS`` must be a line of the text. Lenient (for a
    new guideline version under review): a heading that is not found is matched to the
    heading-like line in its place (same position among the found ones, or the most
    similar wording); a heading-like line matching no known group becomes a new group
    ``new-group-<slug>``.
    """
    found: list[tuple[int, int, str, str]] = []
    missing: list[str] = []
    for gid, heading in GROUP_HEADINGS.items():
        match = re.search(r"^" + re.escape(heading) + r"$", document, re.M)
        if match is None:
            if not lenient:
                raise ValueError(f"group heading not found: {heading!r}")
            missing.append(gid)
            continue
        found.append((match.start(), match.end(), gid, heading))
    if not lenient:
        return sorted(found)
    taken = {start for start, *_ in found}
    candidates = [
        (m.start("heading"), m.end("heading"), m.group("heading").strip())
        for m in _FIRST_NODE.finditer(document)
        if m.start("heading") not in taken
        and len(m.group("heading")) <= 200
        and not re.search(r"[.!?\]]\s*$", m.group("heading"))
    ]
    order = list(GROUP_HEADINGS)
    for start, end, text in candidates:
        before = [order.index(g) for s, _, g, _ in found if s < start and g in order]
        after = [order.index(g) for s, _, g, _ in found if s > start and g in order]
        lo, hi = max(before, default=-1), min(after, default=len(order))
        slot = [g for g in missing if lo < order.index(g) < hi]
        best = max(
            slot,
            key=lambda g: difflib.SequenceMatcher(None, GROUP_HEADINGS[g], text).ratio(),
            default=None,
        )
        if best is not None and (
            len(slot) == 1
            or difflib.SequenceMatcher(None, GROUP_HEADINGS[best], text).ratio() >= 0.6
        ):
            missing.remove(best)
            found.append((start, end, best, text))
        else:
            found.append((start, end, "new-group-" + _slugify(text), text))
        found.sort()
    return found


def _trim(document: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) so the slice has no leading or trailing whitespace."""
    while start < end and document[start].isspace():
        start += 1
    while end > start and document[end - 1].isspace():
        end -= 1
    return start, end


def build_index(document: str, *, lenient: bool = False) -> SectionIndex:
    """Split the guideline into sections. Raises ValueError if its shape is not as expected.

    ``lenient`` indexes a NEW version of the text for review (``mbc-chat guideline
    diff``): a renamed group heading keeps its group id, an unknown ``Plus`` node gets
    ``plus-<title>``, and a second node with an id already taken gets ``-2``, ``-3``…
    The shipped text is always indexed strictly.
    """
    sections: list[Section] = []
    nodes: list[NodeInfo] = []
    taken: set[str] = set()

    def add(sid: str, title: str, path: tuple[str, ...], start: int, end: int) -> None:
        start, end = _trim(document, start, end)
        if start >= end:
            raise ValueError(f"empty section {sid}")
        sections.append(Section(sid, title, path, start, end, document[start:end]))

    group_starts = _locate_groups(document, lenient)
    doc_end = document.index(_END_MARKER)

    pre_start = document.index("Please note")
    add(
        "preamble",
        "Note on formulations, routes and doses",
        ("preamble",),
        pre_start,
        document.index("\n", pre_start),
    )

    for i, (g_start, g_end, gid, heading) in enumerate(group_starts):
        add(gid, heading, (heading,), g_start, g_end)
        block_end = group_starts[i + 1][0] if i + 1 < len(group_starts) else doc_end
        heads = list(_NODE_HEAD.finditer(document, g_end, block_end))
        seen_lines: set[int] = set()
        last_line_node: str | None = None
        line_headings: dict[str, str] = {}
        for j, head in enumerate(heads):
            node_end = heads[j + 1].start() if j + 1 < len(heads) else block_end
            title_start = head.end()
            while document[title_start] == "\n":
                title_start += 1
            title = document[title_start : document.index("\n", title_start)].strip()
            ordinal = head.group("ordinal")
            heading_text = document[head.start() + len("Back\n") : head.end()].strip()
            node_heading = f"{heading_text} {title}".replace("\u00a0", " ")
            if ordinal is None and title == SUPPORTIVE_TITLE:
                if last_line_node is None:
                    raise ValueError(f"supportive care before any line in {gid}")
                add(
                    f"{gid}/{last_line_node}/supportive-care",
                    f"{line_headings[last_line_node]} — supportive care",
                    (heading, line_headings[last_line_node], "Supportive care"),
                    title_start,
                    node_end,
                )
                continue
            line = int(ordinal) if ordinal else None
            slug = _node_slug(gid, line, title, seen_lines, lenient)
            if lenient and f"{gid}/{slug}" in taken:
                slug += "-" + str(
                    next(k for k in range(2, len(heads) + 2) if f"{gid}/{slug}-{k}" not in taken)
                )
            taken.add(f"{gid}/{slug}")
            if line is not None:
                seen_lines.add(line)
                last_line_node = slug
                line_headings[slug] = node_heading
            nodes.append(NodeInfo(gid, slug, line, node_heading, title))
            nid = f"{gid}/{slug}"
            add(nid, node_heading, (heading, node_heading), head.start() + len("Back\n"), node_end)
            prim = document.find("\nPrimary options\n", title_start, node_end)
            sec = document.find("\nSecondary options\n", title_start, node_end)
            narrative_end = prim if prim != -1 else node_end
            add(
                f"{nid}/narrative",
                f"{node_heading} — narrative",
                (heading, node_heading, "Narrative"),
                title_start,
                narrative_end,
            )
            if prim != -1:
                add(
                    f"{nid}/primary-options",
                    f"{node_heading} — primary options",
                    (heading, node_heading, "Primary options"),
                    prim,
                    sec if sec != -1 else node_end,
                )
            if sec != -1:
                add(
                    f"{nid}/secondary-options",
                    f"{node_heading} — secondary options",
                    (heading, node_heading, "Secondary options"),
                    sec,
                    node_end,
                )
    return SectionIndex(document, sections, nodes)


def read_guideline(path: Path | None = None) -> str:
    """The guideline text exactly as shipped (no newline translation)."""
    return (path or paths.guideline_path()).read_text(encoding="utf-8")


@cache
def load_index() -> SectionIndex:
    """The shipped guideline's section index, built once per process.

    The text must match the sha256 pinned in ``knowledge/pin.yaml`` (raises
    ``chatbot.kb.pin.GuidelineMismatch`` otherwise): every answer is read from it."""
    return build_index(read_verified_guideline())

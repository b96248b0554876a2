"""Every encoded item that rests on the guideline text, with its file, key and sections.

An item is one place a maintainer would edit: an option entry (drug and dose) in
``nodes/<group>.yaml``, a node title, a dose note, a rule's, warning's, evidence's or
supportive-care item's quote, or a group heading in ``chatbot/kb/sections.py``. Items
are read from the YAML as written (schema-validated, not cross-checked), so a
knowledge folder already re-encoded for a new text can be reviewed against it.

``Check`` says how an item must appear in the text; ``missing_from`` applies it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from chatbot.kb.loader import KnowledgeError, read_spec, read_yaml
from chatbot.kb.model import (
    EvidenceFile,
    GroupFile,
    OptionListSpec,
    RulesFile,
    SupportiveFile,
    WarningsFile,
)
from chatbot.kb.sections import GROUP_HEADINGS, SectionIndex

SECTIONS_PY = "chatbot/kb/sections.py"


class Check(Enum):
    """How an item must appear in its sections of the text."""

    LINE = "a line of its option list any more"
    QUOTE = "verbatim in its section any more"
    QUOTE_CASEFOLD = "verbatim in its section any more (ignoring case)"
    ANYWHERE = "verbatim in the sections that contain it"
    NODE_TITLE = "the node's title"
    GROUP_HEADING = "the group's heading"


@dataclass(frozen=True, slots=True)
class EncodedItem:
    """One encoded statement about the guideline text."""

    file: str
    """Relative to the knowledge folder (``nodes/x.yaml``), or ``chatbot/kb/sections.py``."""
    key: str
    """Where in the file, as the loader's errors name it (``nodes.line-2.primary.alternatives.2``)."""
    kind: str
    """What it is, for a reader: ``option entry``, ``rule quote``, ``warning``, …"""
    text: str
    sections: tuple[str, ...]
    """The sections it cites. For ``Check.ANYWHERE`` (warnings, supportive care, which cite
    wherever their text is) this is empty and the sections are found in each text."""
    check: Check
    leaf_suffix: str = ""
    """For ``Check.ANYWHERE``: only sections whose id ends with this count."""
    within: str = ""
    """For ``Check.ANYWHERE``: only sections whose id starts with this count (a group)."""
    context: str = ""
    """Where it sits, for a reader (``option 3 of 6: fulvestrant + alpelisib``)."""

    @property
    def where(self) -> str:
        return f"{self.file}: {self.key}"


def _option_items(path: str, key: str, spec: OptionListSpec, narrative: bool) -> list[EncodedItem]:
    out = []
    kind = "narrative option" if narrative else "option entry"
    check = Check.QUOTE_CASEFOLD if narrative else Check.LINE
    for i, alt in enumerate(spec.alternatives):
        parts = [
            ("and", [part]) if isinstance(part, str) else next(iter(part.items())) for part in alt
        ]
        regimen = " + ".join(
            (" + " if kind == "and" else " or ").join(line.partition(": ")[0] for line in lines)
            for kind, lines in parts
        )
        context = f"option {i + 1} of {len(spec.alternatives)}: {regimen}"
        for j, (_, lines) in enumerate(parts):
            for line in lines:
                text = line.partition(": ")[0] if narrative else line
                out.append(
                    EncodedItem(
                        path,
                        f"{key}.alternatives.{i}.{j}",
                        kind,
                        text,
                        tuple(spec.sources),
                        check,
                        context=context,
                    )
                )
    return out


def read_group_files(folder: Path) -> dict[str, tuple[str, GroupFile]]:
    """``{group id: (relative path, parsed file)}`` for ``nodes/*.yaml``."""
    out = {}
    for path in sorted((folder / "nodes").glob("*.yaml")):
        spec = read_spec(GroupFile, path)
        out[spec.group] = (f"nodes/{path.name}", spec)
    return out


def encoded_items(folder: Path) -> list[EncodedItem]:
    """Every item of the knowledge folder (raises ``KnowledgeError`` on unreadable YAML)."""
    items: list[EncodedItem] = []
    for gid, (rel, spec) in read_group_files(folder).items():
        for slug, node in spec.nodes.items():
            nid = f"{gid}/{slug}"
            narrative = f"{nid}/narrative"
            base = f"nodes.{slug}"
            items.append(
                EncodedItem(
                    rel, f"{base}.title", "node title", node.title, (narrative,), Check.NODE_TITLE
                )
            )
            if node.dose_note is not None:
                items.append(
                    EncodedItem(
                        rel,
                        f"{base}.dose_note",
                        "dose note",
                        node.dose_note,
                        (narrative,),
                        Check.QUOTE,
                    )
                )
            # quotes a node may carry besides its options (knowledge/nodes schema): each is
            # verbatim in some narrative of the group
            extra = node.model_dump(exclude_none=True)
            for name, kind in _NODE_QUOTES.items():
                if isinstance(extra.get(name), str):
                    items.append(
                        EncodedItem(
                            rel,
                            f"{base}.{name}",
                            kind,
                            extra[name],
                            (),
                            Check.ANYWHERE,
                            leaf_suffix="/narrative",
                            within=f"{gid}/",
                        )
                    )
            for k, quote in enumerate(node.no_named_agent or []):
                items.append(
                    EncodedItem(
                        rel,
                        f"{base}.no_named_agent.{k}",
                        "statement that no agent is named",
                        quote,
                        (narrative,),
                        Check.QUOTE,
                    )
                )
            for tier in ("primary", "secondary", "narrative_options"):
                ol = getattr(node, tier)
                if ol is not None:
                    items += _option_items(rel, f"{base}.{tier}", ol, tier == "narrative_options")

    path = folder / "rules.yaml"
    for rule in read_spec(RulesFile, path).rules:
        for nid, quote in rule.at.items():
            items.append(
                EncodedItem(
                    "rules.yaml",
                    f"rules.{rule.id}.at.{nid}",
                    f"rule quote ({rule.kind}: {rule.label})",
                    quote,
                    (f"{nid}/narrative",),
                    Check.QUOTE,
                )
            )
    path = folder / "evidence.yaml"
    for k, ev in enumerate(read_spec(EvidenceFile, path).evidence):
        for nid, quote in ev.at.items():
            items.append(
                EncodedItem(
                    "evidence.yaml",
                    f"evidence.{k}.at.{nid}",
                    f"evidence ({' + '.join(ev.drugs)})",
                    quote,
                    (f"{nid}/narrative",),
                    Check.QUOTE,
                )
            )
    path = folder / "warnings.yaml"
    for w in read_spec(WarningsFile, path).warnings:
        items.append(
            EncodedItem(
                "warnings.yaml", f"warnings.{w.id}.text", "warning", w.text, (), Check.ANYWHERE
            )
        )
    path = folder / "supportive.yaml"
    for s in read_spec(SupportiveFile, path).supportive:
        items.append(
            EncodedItem(
                "supportive.yaml",
                f"supportive.{s.id}.text",
                f"supportive care ({s.label})",
                s.text,
                (),
                Check.ANYWHERE,
                leaf_suffix="/supportive-care",
            )
        )
    items += _group_table_items(folder)
    for gid, heading in GROUP_HEADINGS.items():
        items.append(
            EncodedItem(
                SECTIONS_PY,
                f"GROUP_HEADINGS[{gid!r}]",
                "group heading",
                heading,
                (gid,),
                Check.GROUP_HEADING,
            )
        )
    return items


_NODE_QUOTES = {
    "default": "quote making this node the default path",
    "requires_quote": "quote for the facts this node presupposes",
}


def _group_table_items(folder: Path) -> list[EncodedItem]:
    """``groups.yaml`` (the patient-group decision table), when the folder has one: group
    headings, the quotes of its defaults and coverage notes, each in its sources, and the
    node-title markers of the section-id scheme (in some node's title)."""
    path = folder / "groups.yaml"
    if not path.is_file():
        return []
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path.name}: not a mapping")
    items = []
    for k, row in enumerate(data.get("groups") or []):
        if isinstance(row, dict) and isinstance(row.get("heading"), str):
            items.append(
                EncodedItem(
                    "groups.yaml",
                    f"groups.{k}.heading",
                    "group heading",
                    row["heading"],
                    (str(row.get("id")),),
                    Check.GROUP_HEADING,
                )
            )
    for part in ("defaults", "coverage"):
        for k, entry in enumerate(data.get(part) or []):
            if not (isinstance(entry, dict) and isinstance(entry.get("quote"), str)):
                continue
            for sid in entry.get("sources") or []:
                items.append(
                    EncodedItem(
                        "groups.yaml",
                        f"{part}.{k}.quote",
                        f"{'default' if part == 'defaults' else 'coverage'} quote",
                        entry["quote"],
                        (str(sid),),
                        Check.QUOTE,
                    )
                )
    for k, rule in enumerate(data.get("node_slugs") or []):
        if isinstance(rule, dict) and isinstance(rule.get("marker"), str):
            # a node title marker the section ids rest on (``line-2-brain-metastases``)
            items.append(
                EncodedItem(
                    "groups.yaml",
                    f"node_slugs.{k}.marker",
                    "node-id title marker",
                    rule["marker"],
                    (),
                    Check.ANYWHERE,
                    leaf_suffix="/narrative",
                )
            )
    return items


def containing(item: EncodedItem, index: SectionIndex) -> tuple[str, ...]:
    """For ``Check.ANYWHERE``: the leaf sections of ``index`` whose text contains the item."""
    return tuple(
        s.id
        for s in index
        if s.id.count("/") == 2
        and s.id.endswith(item.leaf_suffix)
        and s.id.startswith(item.within)
        and item.text in s.text
    )


def missing_from(item: EncodedItem, index: SectionIndex) -> str | None:
    """Why ``item`` is not as encoded in ``index``'s text, or None when it is."""
    if item.check is Check.ANYWHERE:
        return None if containing(item, index) else "not verbatim anywhere in the text"
    gone = [s for s in item.sections if s not in index]
    if gone:
        return f"section {', '.join(gone)} no longer exists"
    if item.check is Check.NODE_TITLE:
        nid = item.sections[0].rsplit("/", 1)[0]
        title = next((n.title for n in index.nodes if f"{n.group}/{n.node}" == nid), None)
        return None if title == item.text else f"the title is now {title!r}"
    if item.check is Check.GROUP_HEADING:
        heading = index[item.sections[0]].text
        return None if heading == item.text else f"the heading is now {heading!r}"
    joined = "\n".join(index[s].text for s in item.sections)
    if item.check is Check.LINE:
        found = f"\n{item.text}\n" in f"\n{joined}\n"
    elif item.check is Check.QUOTE_CASEFOLD:
        found = item.text.casefold() in joined.casefold()
    else:
        found = item.text in joined
    if found:
        return None
    nearest = _nearest(item, joined)
    where = "option list" if item.check is Check.LINE else "section"
    if nearest:
        return f"not {item.check.value}; the {where} now reads {nearest!r}"
    return f"not {item.check.value}"


def _nearest(item: EncodedItem, text: str) -> str | None:
    """What the text says instead: the option line for the same drug, or the most similar
    sentence (at least 60 % alike) — so a reviewer sees ``300 mg`` became ``250 mg``."""
    if item.check is Check.LINE:
        drug = item.text.partition(":")[0]
        same = [ln for ln in text.splitlines() if ln.partition(":")[0] == drug]
        return (
            min(same, key=lambda ln: -difflib.SequenceMatcher(None, ln, item.text).ratio())
            if same
            else None
        )
    sentences = [s for s in re.split(r"(?<=[.;:\]])\s+|\n+", text) if s.strip()]
    scored = [(difflib.SequenceMatcher(None, s, item.text).ratio(), s) for s in sentences]
    best = max(scored, default=None)
    return best[1] if best is not None and best[0] >= 0.6 else None

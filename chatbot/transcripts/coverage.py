"""Which parts of the guideline the transcripts exercise.

A treatment node counts as exercised when some replayed turn's answer comes
from it: the reply has a recommendation and cites ``<group>/<node>/…`` sections
of that group and line (``replay.nodes_of_reply``). Sections count when any
reply cites them. Facts count when some expectation names them (``facts``,
``unknown`` or ``asks``) — that part is static, read from the transcript files.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from chatbot.contract import FACTS
from chatbot.transcripts.replay import TranscriptOutcome, cited_sources, nodes_of_reply
from chatbot.transcripts.schema import Transcript, TranscriptError, load_transcript

if TYPE_CHECKING:
    from chatbot.kb.sections import SectionIndex


@dataclass(frozen=True, slots=True)
class CoverageReport:
    nodes_total: tuple[str, ...]
    """Every treatment node id, in document order."""
    nodes_hit: dict[str, tuple[str, ...]]
    """Node id → transcript paths whose replies came from it."""
    sections_total: int
    sections_hit: frozenset[str]
    facts_hit: frozenset[str]

    @property
    def sections_hit_with_parents(self) -> frozenset[str]:
        """Cited sections plus every ancestor id (``a/b/c`` also covers ``a/b`` and ``a``)."""
        out = set(self.sections_hit)
        for sid in self.sections_hit:
            parts = sid.split("/")
            out |= {"/".join(parts[:i]) for i in range(1, len(parts))}
        return frozenset(out)

    @property
    def nodes_missing(self) -> list[str]:
        return [n for n in self.nodes_total if n not in self.nodes_hit]

    @property
    def node_ratio(self) -> float:
        return len(self.nodes_hit) / len(self.nodes_total) if self.nodes_total else 0.0

    def format(self) -> str:
        lines = [
            f"treatment nodes exercised: {len(self.nodes_hit)}/{len(self.nodes_total)} "
            f"({self.node_ratio:.0%})",
        ]
        for node in self.nodes_total:
            paths = self.nodes_hit.get(node)
            lines.append(
                f"  {'x' if paths else ' '} {node}"
                + (f"  ({len(paths)} transcript(s))" if paths else "")
            )
        lines.append(
            f"guideline sections cited: {len(self.sections_hit)}/{self.sections_total} "
            f"({len(self.sections_hit_with_parents)}/{self.sections_total} counting a section "
            "as cited when one of its sub-sections is)"
        )
        missing_facts = [f for f in FACTS if f not in self.facts_hit]
        lines.append(f"facts named in expectations: {len(FACTS) - len(missing_facts)}/{len(FACTS)}")
        if missing_facts:
            lines.append("  not named: " + ", ".join(missing_facts))
        return "\n".join(lines)


def facts_named(transcript: Transcript) -> set[str]:
    named: set[str] = set()
    for turn in transcript.turns:
        e = turn.expect
        named |= set(e.facts) | set(e.unknown)
        if isinstance(e.asks, str):
            named.add(e.asks)
        elif isinstance(e.asks, list):
            named |= set(e.asks)
    return named


def coverage(outcomes: Sequence[TranscriptOutcome], index: SectionIndex) -> CoverageReport:
    """Coverage of the guideline by replayed transcripts (every reply counts, pass or fail)."""
    nodes_total = tuple(f"{n.group}/{n.node}" for n in index.nodes)
    hits: dict[str, list[str]] = {}
    sections: set[str] = set()
    facts: set[str] = set()
    for outcome in outcomes:
        if outcome.load_error is not None:
            continue
        with contextlib.suppress(TranscriptError, OSError):
            facts |= facts_named(load_transcript(outcome.path))
        for turn in outcome.turns:
            if turn.reply is None:
                continue
            sections |= {s for s in cited_sources(turn.reply) if s in index}
            for node in nodes_of_reply(turn.reply, index):
                paths = hits.setdefault(node, [])
                if outcome.path not in paths:
                    paths.append(outcome.path)
    return CoverageReport(
        nodes_total=nodes_total,
        nodes_hit={k: tuple(v) for k, v in hits.items()},
        sections_total=len(index),
        sections_hit=frozenset(sections),
        facts_hit=frozenset(facts),
    )


def static_node_tags(paths: Sequence[Path]) -> dict[str, list[str]]:
    """Node ids the transcripts CLAIM to cover (``covers`` tags) — for authoring, not proof."""
    tags: dict[str, list[str]] = {}
    for p in paths:
        try:
            t = load_transcript(p)
        except TranscriptError:
            continue
        for tag in t.covers:
            tags.setdefault(tag, []).append(str(p))
    return tags

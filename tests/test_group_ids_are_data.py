"""Patient-group ids are data: no Python outside the contract and the knowledge loading
spells one out (the decision table, headings and coverage notes live in knowledge/groups.yaml)."""

from __future__ import annotations

import re
from pathlib import Path

from chatbot.contract import GROUP_IDS

ROOT = Path(__file__).resolve().parents[1]
# The contract lists the ids; the loader checks groups.yaml against them. The section
# indexer's per-group node-id rules are data too (node_slugs in groups.yaml).
ALLOWED = {"chatbot/contract.py", "chatbot/kb/loader.py"}
_IDS = "|".join(re.escape(g) for g in GROUP_IDS)
_LITERAL = re.compile(rf"""["']({_IDS})["']""")


def test_no_group_id_literal_in_python() -> None:
    offenders = []
    for path in sorted((ROOT / "chatbot").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel in ALLOWED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _LITERAL.search(line):
                offenders.append(f"{rel}:{number}: {line.strip()}")
    assert not offenders, "group ids belong in knowledge/groups.yaml:\n" + "\n".join(offenders)


def test_the_check_can_fail() -> None:
    assert _LITERAL.search('group = "tnbc-pdl1-neg"')
    assert not _LITERAL.search("group = f'{hr}-her2'")


def test_session_orchestrates_only() -> None:
    """Session stays an orchestrator (the issue: <= 400 lines); the handlers read typed
    seams — no getattr/hasattr probing of Extraction or EngineResult values (compose.py
    reads the engine's EvaluatedOption, Reason and Note fields by name)."""
    dialogue = ROOT / "chatbot" / "dialogue"
    assert len((dialogue / "session.py").read_text(encoding="utf-8").splitlines()) <= 400
    for name in (
        "session.py",
        "core.py",
        "router.py",
        "case_turns.py",
        "info_turns.py",
        "hypothetical_turns.py",
        "command_turns.py",
        "branching.py",
        "whatif.py",
        "message.py",
        "compose.py",
    ):
        text = (dialogue / name).read_text(encoding="utf-8")
        assert "getattr(" not in text and "hasattr(" not in text, name

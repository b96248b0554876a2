"""No module-level name in chatbot/ is bound twice by a plain rebinding.

A function reads a module constant when it runs, so a second ``WORDS = …`` further down a
module silently changes every reader above it: the readers written against the first
value get the second. Ruff does not report it (F811 covers functions and imports only).
Five such pairs were found in chatbot/nlp at stop 56 (``CLAUSE_MARKS``, ``ASIDE_REACH``,
``SPREAD_SUBJECTS``, ``SYMPTOMS``, ``TIME_UNITS``); one of them read "My wife starts Cape
oral chemo next week … Has anyone used Cape …?" as 2 metastatic lines.

Allowed: an extension that reads the name it rebinds (``WORDS = WORDS | {...}``, the
project's way of recording a later addition), item assignment (``TABLE["k"] = …``), and
annotated declarations without a value.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted((ROOT / "chatbot").rglob("*.py"))


def _rebindings(tree: ast.Module) -> list[tuple[str, int, int]]:
    """(name, first line, later line) of every plain module-level rebinding."""
    first: dict[str, int] = {}
    out: list[tuple[str, int, int]] = []
    for node in tree.body:
        bound: list[str] = []
        reads: set[str] = set()
        if isinstance(node, ast.Assign):
            bound = [t.id for t in node.targets if isinstance(t, ast.Name)]
            reads = {n.id for n in ast.walk(node.value) if isinstance(n, ast.Name)}
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            if isinstance(node.target, ast.Name):
                bound = [node.target.id]
                reads = {n.id for n in ast.walk(node.value) if isinstance(n, ast.Name)}
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound = [node.name]
        for name in bound:
            if name in first and name not in reads:
                out.append((name, first[name], node.lineno))
            first.setdefault(name, node.lineno)
    return out


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_constant_is_silently_rebound(path: Path) -> None:
    found = _rebindings(ast.parse(path.read_text(encoding="utf-8")))
    assert not found, f"{path.name}: rebound at module level (name, first, later): {found}"


def test_the_check_can_fail() -> None:
    source = "WORDS = {'a'}\ndef f(w):\n    return w in WORDS\nWORDS = {'b'}\nMORE = {'c'}\nMORE = MORE | {'d'}\n"
    assert _rebindings(ast.parse(source)) == [("WORDS", 1, 4)]

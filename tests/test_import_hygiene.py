"""The core must be usable without the TUI (STYLE.md: a headless core, a thin shell).

One fresh interpreter imports the modules one after another and notes, after each, whether
textual is loaded yet: a module that pulls textual in is the first one named (once textual
is loaded, every later module is named too). One process instead of one per module: the
same faults are caught (a module imported later cannot hide one imported earlier), at a
sixteenth of the start-up cost. tests/test_dialogue_hygiene.py and tests/test_history.py use
the same helper for their modules.
"""

from __future__ import annotations

import json
import subprocess
import sys

CORE_MODULES = [
    "chatbot",
    "chatbot.contract",
    "chatbot.paths",
    "chatbot.kb.sections",
    "chatbot.cli",
    "chatbot.kb.loader",
    "chatbot.kb.grounding",
    "chatbot.engine",
]

_SCRIPT = """\
import importlib, json, sys
seen = {}
for name in sys.argv[1:]:
    importlib.import_module(name)
    seen[name] = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print(json.dumps(seen))
"""


def textual_pulled_in(modules: list[str]) -> dict[str, list[str]]:
    """Each module -> the textual modules loaded once it was imported (in a fresh process)."""
    result = subprocess.run(
        [sys.executable, "-c", _SCRIPT, *modules], capture_output=True, text=True, check=True
    )
    seen: dict[str, list[str]] = json.loads(result.stdout)
    assert list(seen) == modules  # every module was imported
    return seen


def offenders(modules: list[str]) -> list[str]:
    """The modules after whose import textual was loaded (the first one pulled it in)."""
    return [name for name, loaded in textual_pulled_in(modules).items() if loaded]


def test_core_modules_do_not_import_textual() -> None:
    assert offenders(CORE_MODULES) == []


def test_hygiene_check_detects_textual() -> None:
    """The check above can fail: a module that imports textual is named, and so is every
    module imported after it."""
    assert offenders(["chatbot.contract", "textual.app", "chatbot.paths"]) == [
        "textual.app",
        "chatbot.paths",
    ]

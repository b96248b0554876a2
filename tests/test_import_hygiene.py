"""The core must be usable without the TUI (STYLE.md: a headless core, a thin shell)."""

from __future__ import annotations

import subprocess
import sys

import pytest

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


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_import_textual(module: str) -> None:
    code = (
        "import importlib, sys\n"
        f"importlib.import_module({module!r})\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"{module} pulled in {result.stdout.strip()}"


def test_hygiene_check_detects_textual() -> None:
    """The check above can fail: importing textual directly shows up in sys.modules."""
    code = "import sys, textual\nprint('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "True"

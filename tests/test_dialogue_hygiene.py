"""The dialogue layer and the line modes are headless: importing them never pulls in textual."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "module",
    [
        "chatbot.dialogue.session",
        "chatbot.dialogue.retrieval",
        "chatbot.render.plain",
        "chatbot.render.markdown",
        "chatbot.render.jsonl",
        "chatbot.export",
        "chatbot.transcripts.commands",
        "chatbot.transcripts.demo",
        "chatbot.modes",
    ],
)
def test_dialogue_modules_do_not_import_textual(module: str) -> None:
    code = (
        "import importlib, sys\n"
        f"importlib.import_module({module!r})\n"
        "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"

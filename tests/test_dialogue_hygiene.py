"""The dialogue layer and the line modes are headless: importing them never pulls in textual."""

from __future__ import annotations

from test_import_hygiene import offenders

DIALOGUE_MODULES = [
    "chatbot.dialogue.session",
    "chatbot.dialogue.retrieval",
    "chatbot.render.plain",
    "chatbot.render.markdown",
    "chatbot.render.jsonl",
    "chatbot.export",
    "chatbot.transcripts.commands",
    "chatbot.transcripts.demo",
    "chatbot.modes",
    "chatbot.history",  # the history store and the TUI's text helpers are headless too
    "chatbot.tui.text",
]


def test_dialogue_modules_do_not_import_textual() -> None:
    # one fresh process imports them in turn (tests/test_import_hygiene.py says why)
    assert offenders(DIALOGUE_MODULES) == []

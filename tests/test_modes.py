"""``--json`` and ``--plain``: line in, reply out, nothing lost or merged."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import jsonschema
import pytest

from chatbot.contract import REPLY_JSON_SCHEMA
from chatbot.modes import run_json, run_plain

LINES = [
    "65-year-old woman, ER+ HER2- MBC progressing in bone on fulvestrant",
    "",
    "no visceral crisis",
    "[/] [bold]not markup[/bold]",
    "yes, it was her first treatment for metastatic disease",
    "not tested",
    "sources",
    "\u2028",
]


class FlushCounter(io.StringIO):
    def __init__(self) -> None:
        super().__init__()
        self.flushes = 0

    def flush(self) -> None:
        self.flushes += 1
        super().flush()


def test_json_mode_one_object_per_line(session_factory) -> None:  # type: ignore[no-untyped-def]
    out = FlushCounter()
    code = run_json(io.StringIO("\n".join(LINES) + "\n"), out, session_factory)
    assert code == 0
    lines = out.getvalue().split("\n")
    assert lines[-1] == ""
    objects = [json.loads(line) for line in lines[:-1]]
    assert len(objects) == len(LINES)
    assert out.flushes >= len(LINES)
    for obj in objects:
        jsonschema.validate(obj, REPLY_JSON_SCHEMA)
    assert objects[0]["kind"] == "question"
    assert objects[1]["kind"] == "clarification"  # the empty line still gets its reply
    assert objects[5]["kind"] == "answer"
    assert objects[5]["recommendation"]["patient_group"] == "hr-pos-her2-neg-postmenopausal"


def test_json_mode_last_line_without_newline(session_factory) -> None:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    run_json(io.StringIO("help\nfacts"), out, session_factory)
    assert [json.loads(x)["kind"] for x in out.getvalue().splitlines()] == ["command", "command"]


def test_plain_mode_renders_replies(session_factory) -> None:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    code = run_plain(io.StringIO("\n".join(LINES[:6]) + "\nquit\nhelp\n"), out, session_factory)
    assert code == 0
    text = out.getvalue()
    assert "Is there visceral crisis?" in text
    assert "choices: yes | no | unknown" in text
    assert "[/] [bold]not markup[/bold]" in text  # user text echoed literally
    assert "hr-pos-her2-neg-postmenopausal/line-2/primary-options" in text
    assert "Commands:" not in text  # "quit" ended the session before "help"


@pytest.mark.parametrize("typed", ["/quit", "quit.", "Exit", " /exit "])
def test_plain_mode_quit_ends_even_while_a_question_waits(session_factory, typed: str) -> None:  # type: ignore[no-untyped-def]
    """The banner says 'quit' ends the chat; "/quit" typed under a pending question is the
    command, not an unreadable answer to that question (it had got "Please clarify")."""
    out = io.StringIO()
    code = run_plain(io.StringIO(LINES[0] + f"\n{typed}\nhelp\n"), out, session_factory)
    assert code == 0
    text = out.getvalue()
    assert "Please clarify" not in text
    assert "Commands:" not in text


def test_cli_json_subprocess() -> None:
    """The real entry point, piped: one JSON line per input line."""
    stdin = "dose of alpelisib\n\nwhat is HER2-low?\n"
    result = subprocess.run(
        [sys.executable, "-m", "chatbot", "--json"],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    kinds = [json.loads(line)["kind"] for line in lines]
    assert kinds == ["info", "clarification", "info"]


def test_a_session_that_cannot_load_exits_with_a_message(capsys) -> None:  # type: ignore[no-untyped-def]
    def broken() -> object:
        raise FileNotFoundError("nlp_models/mbc_ner missing")

    assert run_json(io.StringIO("hello\n"), io.StringIO(), broken) == 1
    assert run_plain(io.StringIO("hello\n"), io.StringIO(), broken) == 1
    assert "mbc_ner missing" in capsys.readouterr().err

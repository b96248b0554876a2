"""Pinned knowledge, the start-up self-test, --plain storage and terminal safety,
``history --json``, and input the Python API cannot break (issue 13)."""

from __future__ import annotations

import io
import json
import logging
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from chatbot import paths
from chatbot.cli import main
from chatbot.history import HistoryStore, Recorder
from chatbot.kb.pin import GuidelineMismatch, file_sha256, read_pin, read_verified_guideline
from chatbot.modes import run_plain
from chatbot.terminal import printable

HEADLINE = "65-year-old woman, ER+ HER2- MBC progressing in bone on fulvestrant"

# Runs the CLI with the data folders pointed at copies, as an installed copy whose files
# were edited would run.
PATCHED_CLI = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    import chatbot.paths as paths
    knowledge, models = Path(sys.argv[1]), Path(sys.argv[2])
    paths.knowledge_dir = lambda: knowledge
    paths.nlp_models_dir = lambda: models
    from chatbot.cli import main
    sys.exit(main(sys.argv[3:]))
    """
)


@pytest.fixture
def data_copy(tmp_path: Path) -> tuple[Path, Path]:
    knowledge = tmp_path / "knowledge"
    models = tmp_path / "nlp_models"
    shutil.copytree(paths.knowledge_dir(), knowledge)
    shutil.copytree(paths.nlp_models_dir(), models)
    return knowledge, models


def _run_patched(
    data: tuple[Path, Path], *args: str, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PATCHED_CLI, str(data[0]), str(data[1]), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _edit_dose(knowledge: Path) -> None:
    """The issue's one-character edit: fulvestrant 500 mg becomes 5000 mg, once."""
    guideline = knowledge / "guideline.txt"
    text = guideline.read_text(encoding="utf-8")
    guideline.write_text(text.replace("fulvestrant: 500 mg", "fulvestrant: 5000 mg", 1), "utf-8")


# --------------------------------------------------------------------------- pinned guideline


def test_the_shipped_guideline_matches_its_pin() -> None:
    pin = read_pin()
    assert file_sha256(paths.knowledge_dir() / pin.file) == pin.sha256
    assert read_verified_guideline() == (paths.knowledge_dir() / pin.file).read_text("utf-8")


def test_a_one_character_edit_is_refused_naming_file_and_both_hashes(
    data_copy: tuple[Path, Path],
) -> None:
    knowledge, _ = data_copy
    _edit_dose(knowledge)
    with pytest.raises(GuidelineMismatch) as caught:
        read_verified_guideline(knowledge)
    pinned = read_pin(knowledge).sha256
    actual = file_sha256(knowledge / "guideline.txt")
    assert (caught.value.pinned, caught.value.actual) == (pinned, actual) and pinned != actual
    message = str(caught.value)
    assert str(knowledge / "guideline.txt") in message and pinned in message and actual in message


@pytest.mark.slow
@pytest.mark.parametrize("mode", [["--plain"], ["--json"], ["check"], ["sections", "--json"]])
def test_the_cli_refuses_to_start_on_an_edited_guideline(
    data_copy: tuple[Path, Path], mode: list[str]
) -> None:
    knowledge, _ = data_copy
    _edit_dose(knowledge)
    result = _run_patched(data_copy, *mode, stdin="dose of fulvestrant\n")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "5000 mg" not in result.stdout  # nothing was answered from the edited text
    pinned = read_pin(knowledge).sha256
    report = result.stdout + result.stderr
    assert pinned in report and file_sha256(knowledge / "guideline.txt") in report
    assert str(knowledge / "guideline.txt") in report


@pytest.mark.slow
def test_an_unedited_copy_starts(data_copy: tuple[Path, Path]) -> None:
    result = _run_patched(data_copy, "--json", stdin="dose of fulvestrant\n")
    assert result.returncode == 0, result.stderr
    reply = json.loads(result.stdout)
    assert any("fulvestrant: 500 mg" in s["text"] for s in reply["statements"])


# --------------------------------------------------------------------------- self-test


def test_check_passes_on_the_shipped_install(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4 and all(line.startswith("ok") for line in lines)


@pytest.mark.slow
def test_a_damaged_model_fails_closed(data_copy: tuple[Path, Path]) -> None:
    """Issue 13 item 7: a damaged spaCy model used to start and answer "please rephrase"."""
    _, models = data_copy
    (models / "mbc_ner" / "entity_ruler" / "patterns.jsonl").write_text("", encoding="utf-8")
    result = _run_patched(data_copy, "--plain", stdin=HEADLINE + "\n")
    assert result.returncode == 1
    assert "self-test failed" in result.stderr and "model reads a known sentence" in result.stderr
    assert "Traceback" not in result.stderr and "rephrase" not in result.stdout
    check = _run_patched(data_copy, "check")
    assert check.returncode == 1
    assert "FAIL  model reads a known sentence" in check.stdout
    assert "ok    guideline text is the pinned one" in check.stdout


@pytest.mark.slow
def test_a_missing_model_fails_closed(data_copy: tuple[Path, Path]) -> None:
    _, models = data_copy
    shutil.rmtree(models / "mbc_ner")
    result = _run_patched(data_copy, "--json", stdin=HEADLINE + "\n")
    assert result.returncode == 1 and result.stdout == ""
    assert "language model loads" in result.stderr and "Traceback" not in result.stderr


# --------------------------------------------------------------------------- --plain


def test_plain_stores_every_turn_before_printing_and_history_json_lists_it(
    tmp_path: Path, session_factory, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "h.sqlite3"
    store = HistoryStore.open(db)
    printed_before_commit: list[str] = []

    class Watching(io.StringIO):
        def write(self, text: str) -> int:
            if "==" in text:  # a reply is being printed: its turn must already be stored
                stored = sum(s.turn_count for s in store.sessions())
                printed_before_commit.append(f"{stored}")
            return super().write(text)

    out = Watching()
    messages = [HEADLINE, "no", "dose of alpelisib"]
    recorder = Recorder(HistoryStore.open(db))
    assert run_plain(io.StringIO("\n".join(messages) + "\n"), out, session_factory, recorder) == 0
    assert printed_before_commit == ["1", "2", "3"]
    capsys.readouterr()
    assert main(["history", "--db", str(db), "--json"]) == 0
    (conversation,) = json.loads(capsys.readouterr().out)
    assert set(conversation) == {"id", "started", "turns", "first_message"}
    assert conversation["turns"] == 3 and conversation["first_message"] == HEADLINE


def test_history_json_is_oldest_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from chatbot.contract import Reply, Statement

    db = tmp_path / "h.sqlite3"
    recorders = [Recorder(HistoryStore.open(db)) for _ in range(3)]
    reply = Reply(kind="info", statements=(Statement("r", "system"),))
    for n, recorder in enumerate(recorders):
        assert recorder.save(f"case {n}\nsecond line", reply) is None
    assert main(["history", "--db", str(db), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [c["first_message"] for c in listed] == [f"case {n}\nsecond line" for n in range(3)]
    assert [c["id"] for c in listed] == sorted(c["id"] for c in listed)


def test_json_mode_stores_only_with_db(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("MBC_CHAT_HOME", str(home))
    monkeypatch.setattr(sys, "stdin", io.StringIO("dose of alpelisib\n"))
    assert main(["--json"]) == 0
    assert not home.exists()  # no --db: nothing stored anywhere
    db = tmp_path / "h.sqlite3"
    monkeypatch.setattr(sys, "stdin", io.StringIO("dose of alpelisib\nwhat is HER2-low?\n"))
    assert main(["--json", "--db", str(db)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3
    store = HistoryStore.open(db)
    assert [t.user_text for t in store.turns(store.last_session_id() or 0)] == [
        "dose of alpelisib",
        "what is HER2-low?",
    ]


HOSTILE_INPUT = [
    "\x1b[2J\x1b[H65-year-old woman, ER-\b+ HER2- MBC",  # clear screen; backspace
    "\x1b]0;pwned\x07dose of alpelisib",  # window title
    "\x1b]52;c;ZXZpbA==\x07what is HER2-low?",  # OSC 52 clipboard write
    "\x9b31mC1 CSI\x85 \u202eevil\u202c \u2066isolate\u2069 \u200bzero width",
    "carriage\rreturn\ttab \x00nul \x7fdel",
]


def _unprintable(text: str) -> list[str]:
    return [
        ch
        for ch in text
        if ch != "\n" and (not ch.isprintable() or ch in "\u202e\u202c\u2066\u2069\u200b")
    ]


def test_plain_output_carries_no_control_or_bidi_characters(session_factory) -> None:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    run_plain(io.StringIO("\n".join(HOSTILE_INPUT) + "\nsources\n"), out, session_factory)
    text = out.getvalue()
    assert _unprintable(text) == []
    assert "ER-+" in text  # the backspace is gone, the text is shown as typed, not as "ER+"
    assert "pwned" not in text and "ZXZpbA" not in text  # escape sequences go whole
    assert "you> 65-year-old woman" in text


def test_plain_output_is_sanitised_whatever_the_source(tmp_path: Path) -> None:
    """Not only the echo: a reply, a notice or a stored title can't reach the terminal raw."""
    from chatbot.contract import Reply, Statement

    class Hostile:
        def send(self, text: str) -> Reply:
            return Reply(
                kind="info", statements=(Statement("\x1b[31mred\x1b[0m \u202e", "system"),)
            )

    out = io.StringIO()
    run_plain(io.StringIO("x\n"), out, Hostile, notice="\x1b]0;title\x07notice")
    assert _unprintable(out.getvalue()) == []
    assert printable("a\x1b[2Jb\u2028c\n\td\x1b]0;t\x07e") == "abc\n de"


def test_history_listing_prints_stored_text_safely(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from chatbot.contract import Reply, Statement

    db = tmp_path / "h.sqlite3"
    Recorder(HistoryStore.open(db)).save(
        "\x1b]52;c;ZXZpbA==\x07title\u202e",
        Reply(kind="info", statements=(Statement("r", "system"),)),
    )
    assert main(["history", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert [ch for ch in out if ch not in "\n\t" and not ch.isprintable()] == []
    assert "\u202e" not in out


# --------------------------------------------------------------------------- unencodable input


def test_a_lone_surrogate_is_cleaned_like_a_control_character(
    session_factory, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    with caplog.at_level(logging.ERROR):
        reply = session.send("65-year-old woman, ER+ \ud800 HER2- MBC \udcff progressing")
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert reply.kind != "clarification"
    assert reply.facts["hormone_receptor"] == "positive" and reply.facts["her2"] == "negative"
    json.dumps(reply.to_dict()).encode("utf-8")  # everything in it is encodable
    session.history[-1][0].encode("utf-8")  # and so is the text kept for export and history
    recorder = Recorder(HistoryStore.open(tmp_path / "h.sqlite3"))
    assert recorder.save("raw \ud800 text", reply) is None


def test_the_chat_box_cleans_surrogates_and_whole_escape_sequences() -> None:
    from chatbot.tui.text import clean_user_text

    cleaned = clean_user_text("\x1b[1mER+\x1b[0m HER2- \ud800MBC\x1b]0;title\x07")
    assert cleaned.text == "ER+ HER2- MBC"

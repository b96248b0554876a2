"""``mbc-chat replay`` on files nobody vetted: each is refused with a message naming the
file, the rest of the folder still replays, and the run exits non-zero."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from chatbot import safe_yaml
from chatbot.cli import main
from chatbot.transcripts.schema import TranscriptError, load_transcript

GOOD = """title: dose question
turns:
  - user: dose of alpelisib
    expect:
      kind: info
"""

ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + n)}: &{chr(98 + n)} [*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, "
    f"*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, "
    f"*{chr(97 + n)}]\n"
    for n in range(8)
)
DEEP = "title: deep\nturns: " + "[" * 5000 + "]" * 5000 + "\n"
DUPLICATE_EXPECT = """title: a wrong expectation hidden by a second expect
turns:
  - user: dose of alpelisib
    expect:
      kind: answer
    expect:
      kind: info
"""
HUGE_INT = "title: huge\nturns:\n  - user: x\n    expect:\n      line: " + "9" * 5000 + "\n"
BIG_LINE = "title: big\nturns:\n  - user: x\n    expect:\n      line: 99999999999999999999\n"
INFINITE = "title: inf\ncovers: []\ndemo: {name: x, typing_cps: .inf}\nturns:\n  - user: x\n"

HOSTILE_TEXT: dict[str, tuple[bytes, str]] = {
    "alias-bomb.yaml": (ALIAS_BOMB.encode(), "aliases (*a) are not allowed"),
    "deep.yaml": (DEEP.encode(), f"nested deeper than {safe_yaml.MAX_DEPTH} levels"),
    "duplicate-expect.yaml": (
        DUPLICATE_EXPECT.encode(),
        "duplicate key 'expect' (first at line 4)",
    ),
    "huge-int.yaml": (HUGE_INT.encode(), "out of range"),
    "big-line.yaml": (BIG_LINE.encode(), "out of range"),
    "infinite.yaml": (INFINITE.encode(), "number .inf is out of range"),
    "latin1.yaml": ("title: caf\xe9\nturns: []\n".encode("latin-1"), "not UTF-8 text (byte 0xe9"),
    "too-big.yaml": (
        b"title: big\nturns:\n  - user: x\n#" + b"x" * safe_yaml.MAX_BYTES,
        "larger than 1,000,000 bytes",
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_TEXT))
def test_hostile_file_is_an_error_naming_the_file(tmp_path: Path, name: str) -> None:
    data, message = HOSTILE_TEXT[name]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(TranscriptError) as caught:
        load_transcript(path)
    assert caught.value.path == str(path)
    assert message in str(caught.value) and str(path) in str(caught.value)


def test_even_a_small_alias_is_refused() -> None:
    with pytest.raises(safe_yaml.UntrustedYamlError, match=r"aliases \(\*x\) are not allowed"):
        safe_yaml.parse("a: &x [1]\nb: *x\n")


def test_anchors_without_aliases_and_ordinary_numbers_still_load(tmp_path: Path) -> None:
    path = tmp_path / "fine.yaml"
    path.write_text(GOOD.replace("kind: info", "kind: info\n      line: 2"), encoding="utf-8")
    assert load_transcript(path).turns[0].expect.line == 2
    assert safe_yaml.parse("a: &x 1\nb: 2.5\n") == {"a": 1, "b": 2.5}


def test_fifo_and_device_are_refused_without_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(TranscriptError, match="not a regular file \\(a FIFO\\)"):
        load_transcript(fifo)
    zero = tmp_path / "zero.yaml"
    zero.symlink_to("/dev/zero")
    with pytest.raises(TranscriptError, match="not a regular file \\(a character device\\)"):
        load_transcript(zero)


def test_a_hostile_folder_reports_every_bad_file_and_replays_the_rest(tmp_path: Path) -> None:
    """Through the real command, in a subprocess with a timeout: a FIFO or /dev/zero that
    hangs, or an alias bomb that eats memory, fails this test instead of the suite."""
    folder = tmp_path / "hostile"
    folder.mkdir()
    for name, (data, _) in HOSTILE_TEXT.items():
        (folder / name).write_bytes(data)
    os.mkfifo(folder / "pipe.yaml")
    (folder / "zero.yaml").symlink_to("/dev/zero")
    (folder / "good.yaml").write_text(GOOD, encoding="utf-8")
    (folder / "loop").symlink_to(folder)  # a symlinked folder is not walked into
    result = subprocess.run(
        [sys.executable, "-m", "chatbot", "replay", "-q", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    bad = [*HOSTILE_TEXT, "pipe.yaml", "zero.yaml"]
    for name in bad:
        assert f"ERROR  {folder / name}" in result.stdout, name
    assert f"PASS   {folder / 'good.yaml'}" in result.stdout
    assert f"{len(bad) + 1} transcripts" in result.stdout and f"{len(bad)} error" in result.stdout


def test_an_empty_folder_exits_non_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["replay", str(tmp_path)]) != 0
    assert "no transcripts" in capsys.readouterr().err


def test_a_missing_path_is_reported_and_the_rest_still_replays(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(GOOD, encoding="utf-8")
    assert main(["replay", str(tmp_path / "nope.yaml"), str(good)]) == 2
    captured = capsys.readouterr()
    assert "nope.yaml" in captured.err and "PASS" in captured.out


def test_replay_output_never_carries_a_transcripts_escape_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "codes.yaml"
    path.write_text(
        'title: "\\e]0;owned\\a\\e[2Jcodes"\nturns:\n  - user: "\\e[31mdose of alpelisib"\n'
        "    expect:\n      kind: answer\n",
        encoding="utf-8",
    )
    assert main(["replay", str(path)]) == 1
    out = capsys.readouterr().out
    assert "FAIL" in out and "dose of alpelisib" in out
    assert "\x1b" not in out and "\x07" not in out and "owned" not in out

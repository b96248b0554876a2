"""``mbc-chat replay`` end to end: exit codes, per-turn output, JUnit XML, coverage report."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from chatbot.cli import main

CASE = (
    "68-year-old post-menopausal woman with ER-positive HER2-negative MBC in bone, no visceral "
    "crisis, no treatment yet for metastatic disease."
)


def _transcript(tmp_path: Path, name: str, line: int) -> Path:
    path = tmp_path / name
    path.write_text(
        f"title: {name}\nturns:\n  - user: {CASE}\n    expect:\n"
        f"      group: hr-pos-her2-neg-postmenopausal\n      line: {line}\n",
        encoding="utf-8",
    )
    return path


def test_passing_transcript_exits_zero_and_writes_junit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _transcript(tmp_path, "good.yaml", 1)
    junit = tmp_path / "out.xml"
    assert main(["replay", str(good), "--junit", str(junit), "--coverage"]) == 0
    out = capsys.readouterr().out
    assert "PASS" in out and "turn 1 ok" in out
    assert "treatment nodes exercised: 1/41" in out
    suite = ET.parse(junit).getroot().find("testsuite")
    assert suite is not None and (suite.get("tests"), suite.get("failures")) == ("1", "0")


def test_failing_transcript_exits_one_with_a_diff(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = _transcript(tmp_path, "bad.yaml", 3)
    assert bad.exists() and main(["replay", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "FAIL" in out and "line:" in out and "expected: 3" in out and "actual:   1" in out


def test_malformed_transcript_names_file_and_turn(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(
        "title: t\nturns:\n  - user: a\n  - user: b\n    expect: {lines: 2}\n", encoding="utf-8"
    )
    assert main(["replay", str(path)]) == 1
    out = capsys.readouterr().out
    assert "ERROR" in out and "broken.yaml, turn 2" in out and "lines" in out


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["replay", str(tmp_path / "nope.yaml")]) == 2

"""The README's Quickstart test command is the one .ci/run runs (literally)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def readme_test_command() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quickstart = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", quickstart, re.S)
    assert block, "the Quickstart has a sh block"
    lines = [line for line in block.group(1).splitlines() if line.strip()]
    assert len(lines) == 2, lines
    return lines[1]


def test_quickstart_commands_make_and_use_a_venv() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quickstart = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    for line in re.search(r"```sh\n(.*?)```", quickstart, re.S).group(1).splitlines():  # type: ignore[union-attr]
        if line.strip():
            assert line.startswith("python3 -m venv .venv && .venv/bin/pip install ")


def test_ci_runs_the_readme_test_command_literally() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "readme_test_command" in ci or readme_test_command() in ci
    # .ci/run extracts the line from README.md the same way this test does
    assert "## Quickstart" in ci

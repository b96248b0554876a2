"""``mbc-chat replay`` and ``mbc-chat demo``: argument handling kept out of ``chatbot/cli.py``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chatbot.transcripts.demo import Demo
    from chatbot.transcripts.replay import TranscriptOutcome


def replay_command(args: argparse.Namespace) -> int:
    """Replay transcripts, print per-turn results, optional JUnit XML and coverage; 1 on failure."""
    from chatbot.kb.sections import load_index
    from chatbot.selftest import startup_problem
    from chatbot.terminal import printable
    from chatbot.transcripts.replay import (
        GUIDELINE_CHANGED_EXIT,
        default_session_factory,
        find_transcripts,
        format_outcome,
        junit_xml,
        replay_file,
        summary,
    )

    files, missing = find_transcripts(args.paths)
    for name in missing:
        print(
            printable(f"mbc-chat replay: no such transcript file or folder: {name}"),
            file=sys.stderr,
        )
    if not files:
        if not missing:
            where = ", ".join(args.paths)
            print(
                printable(f"mbc-chat replay: no transcripts (*.yaml, *.yml) in {where}"),
                file=sys.stderr,
            )
        return 2
    problem = startup_problem()
    if problem is not None:
        print(problem, file=sys.stderr)
        return 1
    index = load_index()
    factory = default_session_factory()
    outcomes = []
    for path in files:
        outcome = replay_file(path, factory, index)
        outcomes.append(outcome)
        # transcripts are untrusted: their text never reaches the terminal raw
        print(printable(format_outcome(outcome, verbose=not args.quiet)), flush=True)
    print(summary(outcomes))
    changed = _guideline_changed(outcomes)
    if args.junit:
        Path(args.junit).write_text(junit_xml(outcomes), encoding="utf-8")
        print(f"JUnit XML written to {args.junit}")
    if args.coverage:
        from chatbot.transcripts.coverage import coverage

        print(coverage(outcomes, index).format())
    if missing:
        return 2
    if not all(o.ok for o in outcomes):
        return 1
    return GUIDELINE_CHANGED_EXIT if changed else 0


def _guideline_changed(outcomes: list[TranscriptOutcome]) -> list[TranscriptOutcome]:
    """Print the transcripts recorded against another guideline text (a class of their own)."""
    from chatbot.kb.pin import guideline_ref
    from chatbot.transcripts.replay import format_guideline_changed, guideline_changed

    pinned = guideline_ref().sha256
    changed = guideline_changed(outcomes, pinned)
    if changed:
        print(format_guideline_changed(changed, pinned))
    return changed


def demo_command(args: argparse.Namespace, play_in_tui: Callable[[Demo], int] | None = None) -> int:
    """List demos, or play one (``play_in_tui`` when given, ``--plain`` for text).

    The TUI player is passed in by the CLI, so this module never imports the TUI."""
    from chatbot.transcripts.demo import find_demo, format_listing, list_demos, play_plain
    from chatbot.transcripts.replay import default_session_factory

    if not args.name:
        print(format_listing(list_demos()))
        return 0
    try:
        demo = find_demo(args.name)
    except KeyError:
        print(
            f"mbc-chat demo: no demo named {args.name!r}\n{format_listing(list_demos())}",
            file=sys.stderr,
        )
        return 2
    from chatbot.selftest import startup_problem

    problem = startup_problem()
    if problem is not None:
        print(problem, file=sys.stderr)
        return 1
    if not args.plain:
        if play_in_tui is None:
            print(
                "(the TUI demo player is not available; printing the demo as plain text)",
                file=sys.stderr,
            )
        else:
            return play_in_tui(demo)
    from chatbot.terminal import PrintableWriter

    play_plain(demo, default_session_factory(), PrintableWriter(sys.stdout))  # type: ignore[arg-type]
    return 0

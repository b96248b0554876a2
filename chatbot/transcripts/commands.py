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
    from chatbot.transcripts.replay import (
        GUIDELINE_CHANGED_EXIT,
        default_session_factory,
        discover,
        format_outcome,
        junit_xml,
        replay_file,
        summary,
    )

    index = load_index()
    try:
        files = discover(args.paths)
    except FileNotFoundError as exc:
        print(f"mbc-chat replay: {exc}", file=sys.stderr)
        return 2
    factory = default_session_factory()
    outcomes = []
    for path in files:
        outcome = replay_file(path, factory, index)
        outcomes.append(outcome)
        print(format_outcome(outcome, verbose=not args.quiet), flush=True)
    print(summary(outcomes))
    changed = _guideline_changed(outcomes)
    if args.junit:
        Path(args.junit).write_text(junit_xml(outcomes), encoding="utf-8")
        print(f"JUnit XML written to {args.junit}")
    if args.coverage:
        from chatbot.transcripts.coverage import coverage

        print(coverage(outcomes, index).format())
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
    if not args.plain:
        if play_in_tui is None:
            print(
                "(the TUI demo player is not available; printing the demo as plain text)",
                file=sys.stderr,
            )
        else:
            return play_in_tui(demo)
    play_plain(demo, default_session_factory(), sys.stdout)
    return 0

"""Scripted demos: the non-UI part of the demo player, and ``--plain`` playback.

A demo is an ordinary transcript under ``transcripts/demos/`` with a ``demo:``
block (name, blurb, typing pace, pause after each reply), so every demo is also
replayed as a regression test. The Textual player (``chatbot.tui.demo``) drives
the app from ``demo_steps``; ``play_plain`` prints the same session as text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from chatbot.transcripts.schema import Transcript, TranscriptError, load_transcript

if TYPE_CHECKING:
    from chatbot.contract import Reply
    from chatbot.transcripts.replay import SessionFactory


@dataclass(frozen=True, slots=True)
class Demo:
    """One playable demo."""

    name: str
    title: str
    blurb: str
    path: Path
    transcript: Transcript


@dataclass(frozen=True, slots=True)
class DemoStep:
    """One message the player types, and how."""

    text: str
    typing_cps: float
    """Characters per second while typing ``text`` into the input."""
    pause_after_reply: float
    """Seconds to hold the reply on screen before the next step."""


def demos_dir() -> Path:
    """Where demos live: shipped in the wheel, or ``transcripts/demos`` in a checkout."""
    from chatbot import paths

    return paths.demos_dir()


def list_demos(folder: Path | None = None) -> list[Demo]:
    """Every demo (transcripts with a ``demo:`` block), sorted by name."""
    folder = folder or demos_dir()
    demos = []
    for path in sorted(folder.glob("*.yaml")):
        transcript = load_transcript(path)
        if transcript.demo is None:
            raise TranscriptError(
                str(path), "a file under demos/ needs a `demo:` block with a name"
            )
        demos.append(
            Demo(transcript.demo.name, transcript.title, transcript.demo.blurb, path, transcript)
        )
    names = [d.name for d in demos]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise TranscriptError(str(folder), f"duplicate demo names: {', '.join(sorted(duplicates))}")
    return sorted(demos, key=lambda d: d.name)


def find_demo(name: str, folder: Path | None = None) -> Demo:
    for demo in list_demos(folder):
        if demo.name == name:
            return demo
    raise KeyError(name)


def demo_steps(demo: Demo) -> list[DemoStep]:
    pacing = demo.transcript.demo
    assert pacing is not None  # list_demos guarantees it
    return [
        DemoStep(t.user, pacing.typing_cps, pacing.pause_after_reply) for t in demo.transcript.turns
    ]


def format_listing(demos: list[Demo]) -> str:
    width = max((len(d.name) for d in demos), default=0)
    lines = ["Demos (run with: mbc-chat demo NAME, or add --plain for text output):"]
    for d in demos:
        lines.append(f"  {d.name:<{width}}  {d.title}" + (f" — {d.blurb}" if d.blurb else ""))
    return "\n".join(lines)


def play_plain(
    demo: Demo,
    session_factory: SessionFactory,
    out: TextIO,
    render: Callable[[Reply], str] | None = None,
) -> list[Reply]:
    """Print the demo's conversation: each user message, then the bot's reply.

    Replies are rendered by ``chatbot.render.plain.render_reply`` (what
    ``mbc-chat --plain`` prints) unless another ``render`` is given.
    """
    if render is None:
        from chatbot.render.plain import render_reply

        render = render_reply
    out.write(f"== {demo.title}\n")
    if demo.blurb:
        out.write(f"   {demo.blurb}\n")
    session = session_factory()
    replies = []
    for step in demo_steps(demo):
        out.write(f"\nyou> {step.text}\n")
        reply = session.send(step.text)
        replies.append(reply)
        out.write(render(reply) + "\n")
    out.flush()
    return replies

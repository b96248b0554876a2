"""``mbc-chat guideline diff | accept | stamp``: argument handling and exit codes.

Exit codes: 0 nothing encoded affected / accepted / stamped; 1 something encoded is
affected / accept refused / a transcript left unstamped; 2 usage error or a file that
cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

USAGE_ERROR = 2
_KNOWLEDGE_HELP = (
    "knowledge folder (default: the one mbc-chat runs on; in a source checkout, knowledge/)"
)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``guideline`` command and its three subcommands."""
    p = sub.add_parser("guideline", help="review or accept a new version of the guideline text")
    steps = p.add_subparsers(dest="guideline_command", required=True, metavar="{diff,accept,stamp}")
    d = steps.add_parser("diff", help="review NEW.txt against the pinned text and the encoding")
    d.add_argument("--md", metavar="FILE", help="also write the review as Markdown to FILE")
    d.set_defaults(handler=diff_command)
    a = steps.add_parser("accept", help="pin NEW.txt if the whole knowledge base holds on it")
    a.set_defaults(handler=accept_command)
    for step in (d, a):
        step.add_argument("new", metavar="NEW.txt")
        step.add_argument("--knowledge", metavar="DIR", help=_KNOWLEDGE_HELP)
        step.add_argument(
            "--transcripts",
            metavar="DIR",
            help="transcripts folder (default: transcripts/ beside knowledge/)",
        )

    s = steps.add_parser("stamp", help="record the pinned guideline hash in transcripts")
    s.add_argument("paths", nargs="+", metavar="PATH", help="transcript files or folders")
    s.add_argument(
        "--reviewed",
        action="store_true",
        help="also re-stamp transcripts recorded against an older text (after reviewing them)",
    )
    s.add_argument("--knowledge", metavar="DIR", help=_KNOWLEDGE_HELP)
    s.set_defaults(handler=stamp_command)


def _err(message: str) -> int:
    print(f"mbc-chat guideline: {message}", file=sys.stderr)
    return USAGE_ERROR


def _knowledge(args: argparse.Namespace) -> Path:
    from chatbot import paths

    return Path(args.knowledge) if args.knowledge else paths.knowledge_dir()


def _installed(folder: Path) -> bool:
    """The knowledge inside an installed wheel (``…/chatbot/_data/knowledge``)."""
    return folder.parent.name == "_data" and folder.parent.parent.name == "chatbot"


def _transcripts(args: argparse.Namespace, folder: Path) -> Path | None:
    if args.transcripts:
        return Path(args.transcripts)
    beside = folder.parent / "transcripts"
    return beside if beside.is_dir() and not _installed(folder) else None


def _read_new(path: str) -> bytes | str:
    """The new text's bytes, or an error message."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return f"cannot read {path}: {exc.strerror or exc}"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"{path} is not UTF-8 text ({exc.reason} at byte {exc.start})"
    if b"\r" in data:
        return f"{path} has Windows (CRLF) or CR line endings; the guideline uses LF (\\n) only"
    return data


def _guarded(args: argparse.Namespace, run: Callable[[bytes, Path, Path | None], T]) -> T | int:
    """Read NEW.txt and call ``run(bytes, knowledge folder, transcripts folder)``; a file
    that cannot be read, or a text that is not this guideline, is a usage error (2)."""
    from chatbot.kb.loader import KnowledgeError
    from chatbot.kb.update.review import NotAGuidelineVersion

    folder = _knowledge(args)
    data = _read_new(args.new)
    if isinstance(data, str):
        return _err(data)
    try:
        return run(data, folder, _transcripts(args, folder))
    except NotAGuidelineVersion as exc:
        return _err(f"{args.new} is not a version of this guideline (cannot index it: {exc})")
    except KnowledgeError as exc:
        return _err(f"cannot read the knowledge in {folder}: {exc}")
    except OSError as exc:
        return _err(f"{folder}: {exc}")


def diff_command(args: argparse.Namespace) -> int:
    from chatbot.kb.update.report import to_markdown, to_text
    from chatbot.kb.update.review import review

    rv = _guarded(
        args, lambda data, kb, tr: review(data.decode(), kb, new_name=args.new, transcripts=tr)
    )
    if isinstance(rv, int):
        return rv
    sys.stdout.write(to_text(rv))
    if args.md:
        from chatbot.kb.update.accept import atomic_write

        try:
            atomic_write(Path(args.md), to_markdown(rv).encode("utf-8"))
        except OSError as exc:
            return _err(f"cannot write {args.md}: {exc.strerror or exc}")
        print(f"Markdown review written to {args.md}")
    return 1 if rv.encoded_affected else 0


def accept_command(args: argparse.Namespace) -> int:
    from chatbot.kb.update.accept import accept

    folder = _knowledge(args)
    if _installed(folder) and not args.knowledge:
        return _err(
            f"the knowledge here is inside an installed package ({folder}); accept works on a "
            "source checkout (run it from the repository after `pip install -e .`) or on a "
            "folder you name with --knowledge DIR"
        )
    outcome = _guarded(
        args, lambda data, kb, tr: accept(data, kb, new_name=args.new, transcripts=tr)
    )
    if isinstance(outcome, int):
        return outcome
    rv = outcome.review
    if not outcome.accepted:
        print(
            f"NOT accepted: nothing changed in {folder}. Re-encode these first (file: key — why):"
        )
        for line in outcome.refusals:
            print(f"  {line}")
        print("Then run `mbc-chat guideline diff` again; see README 'Updating the guideline'.")
        return 1
    if not outcome.written:
        print(f"{args.new} is already the pinned text ({rv.new_sha256[:12]}…); nothing changed.")
        return 0
    print(
        f"Accepted {args.new}: {folder / rv.pin.file} replaced, pin.yaml sha256 {rv.old_sha256[:12]}… → {rv.new_sha256[:12]}…"
    )
    for p in rv.problems:
        print(f"  to review: {p.where} — {p.why}")
    if rv.transcripts:
        print(
            f"{len(rv.transcripts)} transcript(s) cite changed sections: replay them "
            "(`mbc-chat replay transcripts/`), review, then `mbc-chat guideline stamp --reviewed PATH…`"
        )
    return 0


def stamp_command(args: argparse.Namespace) -> int:
    from chatbot.kb.pin import read_pin
    from chatbot.kb.update.accept import stamp_transcript
    from chatbot.transcripts.replay import discover

    try:
        sha = read_pin(_knowledge(args)).sha256
        files = discover(args.paths)
    except (OSError, ValueError) as exc:
        return _err(str(exc))
    counts: dict[str, int] = {}
    for path in files:
        outcome = stamp_transcript(path, sha, reviewed=args.reviewed)
        kind = outcome.action.split(":", 1)[0]
        counts[kind] = counts.get(kind, 0) + 1
        if outcome.action != "current":
            note = (
                " (recorded against another text: review it, then --reviewed)"
                if kind == "older"
                else ""
            )
            print(f"{outcome.action:9}  {path}{note}")
    print(", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "no transcripts found")
    return 1 if counts.get("older") or counts.get("error") else 0

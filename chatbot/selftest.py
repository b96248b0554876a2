"""The start-up self-test: refuse to answer from broken knowledge or a broken model.

A chat that starts with a damaged spaCy model would answer every case with "please
rephrase"; one that starts with an edited guideline would quote the edited dose. So
every chat shell runs :func:`startup_problem` first and exits with its message when
anything fails (fail closed); ``mbc-chat check`` runs :func:`run_checks` on demand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

KNOWN_SENTENCE = (
    "65-year-old post-menopausal woman with ER-positive, HER2-negative metastatic breast cancer"
)
"""A sentence the shipped model must read, and what it must read from it."""
KNOWN_FACTS: dict[str, Any] = {
    "age": 65,
    "menopausal_status": "post",
    "hormone_receptor": "positive",
    "her2": "negative",
}


@dataclass(frozen=True, slots=True)
class CheckResult:
    """One step of the self-test."""

    name: str
    ok: bool
    detail: str


def _guideline() -> str:
    from chatbot.kb.pin import read_pin
    from chatbot.kb.sections import load_index

    index = load_index()  # reads the text through the sha256 check
    return f"{read_pin().file} matches the pinned sha256; {len(list(index))} sections"


def _knowledge() -> str:
    from chatbot.kb.loader import load_knowledge

    knowledge = load_knowledge()
    return f"{len(knowledge.nodes)} treatment nodes cross-checked against the guideline"


def _model() -> str:
    from chatbot.nlp.extract import load_pipeline

    nlp = load_pipeline()
    return f"{nlp.meta.get('name', 'pipeline')} with {len(nlp.pipe_names)} components"


def _known_sentence() -> str:
    from chatbot.nlp.extract import extract

    facts = dict(extract(KNOWN_SENTENCE).facts)
    wrong = {k: facts.get(k) for k, v in KNOWN_FACTS.items() if facts.get(k) != v}
    if wrong:
        raise RuntimeError(f"read {wrong} from {KNOWN_SENTENCE!r}; expected {KNOWN_FACTS}")
    return "extracted " + ", ".join(f"{k}={v}" for k, v in KNOWN_FACTS.items())


STEPS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("guideline text is the pinned one", _guideline),
    ("knowledge loads", _knowledge),
    ("language model loads", _model),
    ("model reads a known sentence", _known_sentence),
)


def run_checks() -> list[CheckResult]:
    """Every step, each reported whether or not an earlier one failed."""
    results = []
    for name, step in STEPS:
        try:
            detail = step()
        except Exception as exc:  # the self-test's job is to turn any failure into a message
            results.append(CheckResult(name, False, _describe(exc)))
        else:
            results.append(CheckResult(name, True, detail))
    return results


def _describe(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if isinstance(exc, ValueError) else f"{type(exc).__name__}: {text}"


_passed = False


class SelfTestFailed(RuntimeError):
    """Raised where a shell cannot simply exit first (the TUI's load worker)."""


def startup_problem() -> str | None:
    """None when the self-test passes (run once per process), else the message to exit with."""
    global _passed
    if _passed:
        return None
    failed = [r for r in run_checks() if not r.ok]
    if not failed:
        _passed = True
        return None
    lines = ["mbc-chat will not start: its self-test failed."]
    said: list[str] = []
    for r in failed:
        lines.append(f"  {r.name}: " + ("the same problem" if r.detail in said else r.detail))
        said.append(r.detail)
    lines.append(
        "Run `mbc-chat check` for the full report; reinstalling mbc-chat restores the files."
    )
    return "\n".join(lines)


def require_startup_self_test() -> None:
    """:func:`startup_problem` as an exception, for code that runs off the main thread."""
    problem = startup_problem()
    if problem is not None:
        raise SelfTestFailed(problem)


def format_results(results: list[CheckResult]) -> str:
    """``mbc-chat check`` output: one line per step."""
    return "\n".join(f"{'ok  ' if r.ok else 'FAIL'}  {r.name}: {r.detail}" for r in results)

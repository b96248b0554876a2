"""The parts of the system a Session talks to, loaded once per process.

Extraction (spaCy), the rules engine and the grounding checker are loaded
lazily on the first ``Session()`` and cached, so constructing further sessions
is cheap (tests, the TUI's "new case", the replayer). Tests may pass their own
``Backends`` to drive the dialogue with stand-ins.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from chatbot.contract import Statement
from chatbot.dialogue.retrieval import GuidelineRetriever, load_retriever
from chatbot.engine.result import EngineResult
from chatbot.kb.grounding import doses_in
from chatbot.kb.sections import SectionIndex, load_index
from chatbot.nlp.types import Extraction


@dataclass(frozen=True, slots=True)
class Backends:
    """Typed seams: extraction gives an ``Extraction``, the engine an ``EngineResult``."""

    extract: Callable[[str], Extraction]
    evaluate: Callable[[Mapping[str, Any]], EngineResult]
    check: Callable[[Statement], list[Any]]
    retriever: GuidelineRetriever
    index: SectionIndex


CHECK_CACHE_SIZE = 8192


def verbatim_check(statement: Statement, index: SectionIndex | None = None) -> list[str]:
    """The DESIGN.md grounding rule: cited sections exist and contain every drug name and
    every dose the statement mentions. Used only where ``chatbot.kb.grounding`` is absent."""
    index = index or load_index()
    problems = [f"unknown section {sid!r}" for sid in statement.sources if sid not in index]
    if problems or statement.basis != "guideline":
        return problems
    if not statement.sources:
        return ["guideline statement without sources"]
    cited = "\n".join(index[sid].text for sid in statement.sources).lower()
    for drug in load_retriever().lexicon.find(statement.text):
        if drug not in cited:
            problems.append(f"drug {drug!r} not in cited sections")
    for dose in doses_in(statement.text):
        if dose.lower() not in cited:
            problems.append(f"dose {dose!r} not in cited sections")
    return problems


def _grounding_checker(index: SectionIndex, knowledge: Any) -> Callable[[Statement], list[Any]]:
    """``chatbot.kb.grounding.check_statement`` bound to the loaded knowledge."""
    try:
        module = importlib.import_module("chatbot.kb.grounding")
        check_statement = module.check_statement
    except (ImportError, AttributeError):  # pragma: no cover - only before issue 2 landed
        return lambda st: verbatim_check(st, index)

    # The check is a pure function of the statement (the knowledge never changes in a
    # process), and answers repeat the same option lines and supportive-care sentences,
    # so results are memoised; a cached problem list is copied, never shared.
    @lru_cache(maxsize=CHECK_CACHE_SIZE)
    def _cached(statement: Statement) -> tuple[Any, ...]:
        return tuple(check_statement(statement, knowledge))

    return lambda st: list(_cached(st))


@cache
def default_backends() -> Backends:
    """Real extraction, engine and grounding check (imports spaCy on first call)."""
    from chatbot.engine import evaluate
    from chatbot.kb.loader import load_knowledge
    from chatbot.nlp import extract

    knowledge = load_knowledge()
    index = load_index()

    def _evaluate(facts: Mapping[str, Any]) -> Any:
        return evaluate(facts, knowledge=knowledge)

    backends = Backends(
        extract, _evaluate, _grounding_checker(index, knowledge), load_retriever(), index
    )
    # Load-time work belongs to load, not to the first answer: the grounding check compiles
    # its term patterns on first use, so check one guideline statement now.
    backends.check(Statement(index["preamble"].text, "guideline", ("preamble",)))
    return backends

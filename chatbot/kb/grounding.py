"""The grounding rule of DESIGN.md, as a function the answer layer calls on every statement.

* ``guideline``: cites at least one existing section, and the cited sections' text
  (together) contains every drug, drug-class or brand name and every dose the statement
  mentions.
* ``case``: restates the user's case — cites nothing and states no dose.
* ``system``: questions, help, scope notes — states no dose (recommends nothing).

Matching is case-insensitive and whitespace-normalised (the guideline uses non-breaking
spaces in places).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from chatbot import paths
from chatbot.contract import Statement
from chatbot.kb.loader import Knowledge, load_knowledge, read_yaml

_UNITS = r"(?:mg/m2|mg/m²|mg/kg|mg/mL|mg|micrograms|mcg|µg|mL|g|units|IU)"
DOSE_RE = re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s?" + _UNITS + r"(?![\w])", re.IGNORECASE)
_WS = re.compile(r"\s+")


class GroundingError(ValueError):
    """A statement breaks the grounding rule (raised by ``require_grounded``)."""


def normalise(text: str) -> str:
    return _WS.sub(" ", text.replace("\u00a0", " ")).strip().casefold()


def doses_in(text: str) -> list[str]:
    """Every dose-like quantity (``300 mg``, ``2.5 mg``, ``60 mg/mL``) in ``text``."""
    return [m.group(0) for m in DOSE_RE.finditer(text)]


@cache
def brand_names() -> frozenset[str]:
    """Brand names from the extraction lexicon (``knowledge/lexicon.yaml``), if it is there:
    a guideline statement naming a brand must find it in its sources too."""
    path = paths.knowledge_dir() / "lexicon.yaml"
    if not path.exists():
        return frozenset()
    data = read_yaml(path)
    brands = data.get("brands") if isinstance(data, dict) else None
    return frozenset(str(b) for b in brands) if isinstance(brands, dict) else frozenset()


@cache
def _terms_pattern(kn: Knowledge) -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation of every known name, longest first, so that at each position the
    longest name wins ("trastuzumab deruxtecan" hides the "trastuzumab" inside it).
    One pass over the text instead of one regex per name: this runs on every statement."""
    by_norm: dict[str, str] = {}
    for term in sorted(kn.known_terms() | brand_names(), key=len, reverse=True):
        by_norm.setdefault(normalise(term), term)
    alternation = "|".join(re.escape(n) for n in by_norm)
    return re.compile(r"(?<![\w-])(?:" + alternation + r")(?![\w-])"), by_norm


def terms_in(text: str, kn: Knowledge | None = None) -> list[str]:
    """Known drug and drug-class names mentioned in ``text`` (longest names first)."""
    kn = kn or load_knowledge()
    pattern, by_norm = _terms_pattern(kn)
    found = {by_norm[m.group(0)] for m in pattern.finditer(normalise(text))}
    return sorted(found, key=lambda t: (-len(t), t))


@lru_cache(maxsize=4096)
def _corpus(kn: Knowledge, sources: tuple[str, ...]) -> str:
    return normalise(" ".join(kn.index[s].text for s in sources))


def check_statement(stmt: Statement, knowledge: Knowledge | None = None) -> list[str]:
    """Problems with ``stmt`` under the grounding rule; ``[]`` when it is grounded."""
    kn = knowledge or load_knowledge()
    problems: list[str] = []
    doses = doses_in(stmt.text)
    if stmt.basis == "guideline":
        if not stmt.sources:
            return ["a guideline statement must cite at least one section"]
        missing = [s for s in stmt.sources if s not in kn.index]
        if missing:
            return [f"cites unknown section(s): {missing}"]
        corpus = _corpus(kn, tuple(stmt.sources))
        for term in terms_in(stmt.text, kn):
            if normalise(term) not in corpus:
                problems.append(f"names {term!r}, which its cited sections do not")
        for dose in doses:
            if normalise(dose) not in corpus:
                problems.append(f"states the dose {dose!r}, which its cited sections do not")
    elif stmt.basis == "case":
        if stmt.sources:
            problems.append("a case statement cites no guideline section")
        problems.extend(f"a case statement states no dose ({d!r})" for d in doses)
    else:
        problems.extend(
            f"a system statement recommends nothing, but states a dose ({d!r})" for d in doses
        )
    return problems


def require_grounded(stmt: Statement, knowledge: Knowledge | None = None) -> Statement:
    """Return ``stmt`` unchanged, or raise ``GroundingError`` listing what is wrong."""
    problems = check_statement(stmt, knowledge)
    if problems:
        raise GroundingError(f"{stmt.text!r}: " + "; ".join(problems))
    return stmt

"""What to ask next, and how to read a short answer to it.

Only facts the engine reports as decisive (``evaluate(...).missing``) are asked,
most decisive first (group, then line, then node, then applicability), one per
turn, never a fact already given or answered "unknown". Biomarkers that only
decide whether an option applies are asked together, once, as one panel
question; anything still unknown after that is answered conditionally.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from chatbot.contract import FACTS, FactValue
from chatbot.dialogue.state import CaseState, PendingQuestion
from chatbot.engine.result import DecisiveFact
from chatbot.kb.facts import fact_registry

LEVEL_RANK = {"group": 0, "line": 1, "node": 2, "applicability": 3, "flag": 4}
_REGISTRY = fact_registry()
# Applicability-only biomarkers: one combined question, at most once per case
# (knowledge/facts.yaml ``ask: panel``, in the panel's order).
PANEL: tuple[str, ...] = tuple(
    sorted(
        (f for f, e in _REGISTRY.items() if e.ask == "panel"),
        key=lambda f: _REGISTRY[f].panel_position,
    )
)
# Rare tumour-agnostic biomarkers (``ask: never``): their options are shown as "if …".
CONDITIONAL_ONLY: tuple[str, ...] = tuple(f for f, e in _REGISTRY.items() if e.ask == "never")
PANEL_NAMES = {f: e.short for f, e in _REGISTRY.items() if e.ask in ("panel", "never")}
# Other applicability facts asked one by one — at most this many per case.
MAX_APPLICABILITY_QUESTIONS = 1
UNKNOWN_CHOICE = "unknown"


@dataclass(frozen=True, slots=True)
class Question:
    fact: str
    text: str
    choices: tuple[str, ...]
    panel: tuple[str, ...] = ()

    def pending(self) -> PendingQuestion:
        return PendingQuestion(
            self.fact,
            self.panel or (self.fact,),
            self.choices,
            panel=bool(self.panel),
            text=self.text,
        )


def question_for(fact: str, state: CaseState) -> Question:
    current = state.facts.get("progressed_on") or state.facts.get("prior_therapies")
    if fact == "prior_lines" and current:
        drugs = " + ".join(current)  # type: ignore[arg-type]
        question = Question(
            fact,
            f"Is {drugs} her first treatment for metastatic disease? If not, how many lines "
            "has she had, counting it?",
            ("yes", "2", "3", "4", UNKNOWN_CHOICE),
        )
    else:
        entry = _REGISTRY[fact]
        question = Question(fact, entry.question, entry.choices or (UNKNOWN_CHOICE,))
    if state.facts.get("sex") == "male":
        question = Question(question.fact, for_a_man(question.text), question.choices)
    return question


_SHE = re.compile(r"\b(she|her)\b", re.I)


def for_a_man(text: str) -> str:
    """The question's pronouns for a male patient (every "her" in these questions is
    possessive: "her first treatment")."""

    def swap(match: re.Match[str]) -> str:
        word = {"she": "he", "her": "his"}[match.group(1).lower()]
        return word.capitalize() if match.group(1)[0].isupper() else word

    return _SHE.sub(swap, text)


def panel_question(facts: Sequence[str]) -> Question:
    """One question for the biomarker panel; ``asks`` is the most decisive (first) fact,
    the wording lists them in the usual reporting order."""
    asks = facts[0]
    facts = [f for f in PANEL if f in facts]
    names = " / ".join(PANEL_NAMES[f] for f in facts)
    choices = tuple(_REGISTRY[f].refine or PANEL_NAMES[f] for f in facts[:4])
    return Question(
        asks, f"Known {names} results?", choices + ("none found", "not tested"), panel=tuple(facts)
    )


def _missing_entries(missing: Sequence[DecisiveFact]) -> list[tuple[str, str]]:
    """(fact, level) pairs in decisiveness order; the engine's own order breaks ties."""
    entries: list[tuple[int, int, str, str]] = []
    seen: set[str] = set()
    for pos, item in enumerate(missing):
        fact, level = item.fact, item.level
        if fact in seen or fact not in FACTS:
            continue
        seen.add(fact)
        entries.append((LEVEL_RANK.get(level, 5), pos, fact, level))
    entries.sort()
    return [(fact, level) for _, _, fact, level in entries]


def next_question(
    missing: Sequence[DecisiveFact], state: CaseState, prefer: Sequence[str] = ()
) -> Question | None:
    """The one question to ask now, or None to answer.

    ``prefer``: facts the last message mentioned but left uncertain ("?brain mets",
    "not not postmenopausal") — asked first, since the user was just talking about them.
    """
    candidates = [
        (f, lv)
        for f, lv in _missing_entries(missing)
        if f not in state.facts and f not in state.unknown and f not in state.asked
    ]
    candidates.sort(key=lambda c: 0 if c[0] in prefer and c[1] != "flag" else 1)
    for fact, level in candidates:
        if level in ("group", "line", "node"):
            return question_for(fact, state)
        if level == "flag" or fact in CONDITIONAL_ONLY:
            continue
        if fact in PANEL:
            # Asked once; and if the user volunteered biomarker results, those are what
            # is known — the rest is answered conditionally rather than asked.
            if state.panel_asked or any(f in state.facts for f in PANEL):
                continue
            panel = [f for f, lv in candidates if f in PANEL and lv == "applicability"]
            return panel_question(panel)
        if state.applicability_asked < MAX_APPLICABILITY_QUESTIONS:
            return question_for(fact, state)
    return None


# ----------------------------------------------------------------- short answers

_YES = re.compile(
    r"^(?:y|yes|yeah|yep|yup|true|correct|present|positive|pos|\+|she (?:has|is|does)|"
    r"affirmative|confirmed|indeed)(?![a-z])",
    re.I,
)
_BARE_NO = re.compile(r"^(?:n|no|nope|no results?|not that i know(?: of)?)$", re.I)
_NO = re.compile(
    r"^(?:n|no|nope|none|false|absent|negative|neg|-|never|not at all|not yet|not so far|"
    r"no,? not yet|hasn'?t|has not|"
    r"she (?:hasn't|has not|isn't|is not|doesn't|does not))(?![a-z])",
    re.I,
)
_UNKNOWN = re.compile(
    r"^(?:(?:all|the|her|his|biomarkers?|markers?|tests?|testing|results?|status|genomics|ngs|"
    r"it|they|both|these|those|that|still|currently|we|i|she)\s+)*"
    r"(?:unknown|unk|not known|don'?t know|do not know|dunno|not sure|unsure|uncertain|"
    r"can'?t (?:say|tell)|cannot (?:say|tell)|hard to (?:say|tell)|unclear|tbc|"
    r"to be confirmed|no results?(?: yet)?|"
    r"not tested|untested|not done|not available|n/?a|pending|awaiting|awaited|no idea|"
    r"not (?:yet )?(?:back|sent|performed|checked|assessed|reported)|\?+)\b",
    re.I,
)
# A reply that says a test was not done is "unknown", never "negative": "never tested",
# "none tested", "no testing", "hasn't been tested", "results not back".
_NOT_TESTED = re.compile(
    r"\b(?:not|never|none|no|n't|nothing|without)\b[\w\s']{0,20}?\b(?:test(?:ed|ing)?|sent|done|"
    r"checked|assessed|performed|back)\b|\buntested\b|\bpending\b|\bawait",
    re.I,
)
# "Not yet." / "none yet" / "no, not yet": nothing so far. For a test result that is
# "not tested"; for treatment history it is none; for a finding it is no.
_NOT_YET = re.compile(r"^(?:no[,.]?\s+)?(?:not yet|none yet|nothing yet|not so far)\b", re.I)


def _is_test_result(fact: str) -> bool:
    """A fact a test reports (receptors, PD-L1, biomarkers): its panel section in
    knowledge/facts.yaml, so the list is not written out again here."""
    return fact_registry()[fact].panel_section in ("tumour", "biomarkers")


_LEAD_WORDS = re.compile(r"^(?:just|only|she had|she's had|she has had|he had|he has had)\s+", re.I)
_NUMBER_WORDS = {
    "zero": 0,
    "none": 0,
    "one": 1,
    "first": 1,
    "two": 2,
    "second": 2,
    "three": 3,
    "third": 3,
    "four": 4,
    "fourth": 4,
    "five": 5,
    "fifth": 5,
    "six": 6,
    "sixth": 6,
    "seven": 7,
    "seventh": 7,
}
_NUMBER = re.compile(r"^(\d{1,3})(?:st|nd|rd|th)?(?:\s*(?:\+|or more))?\b", re.I)
_PANEL_NONE = re.compile(
    r"^(?:none(?: found)?|all (?:negative|wild[- ]?type|normal)|"
    r"negative|wild[- ]?type|wt|no mutations?|nothing)\b",
    re.I,
)


_LINE_ORDINAL = re.compile(
    r"\b(first|second|third|fourth|fifth|sixth|seventh|[1-7](?:st|nd|rd|th))\b"
    r"(?:[- ]line|\s+(?:treatment|therapy|regimen|line))",
    re.I,
)


def _ordinal_digits(word: str) -> int:
    return int(re.match(r"\d+", word).group())  # type: ignore[union-attr]


@dataclass(frozen=True, slots=True)
class ShortAnswer:
    """What a bare reply to the pending question says: values, or that it is unknown."""

    facts: dict[str, FactValue]
    unknown: tuple[str, ...] = ()
    reading: str = ""
    """How a bare reply was read, when that is not obvious ("no" to the biomarker panel)."""


def is_bare_reply(text: str) -> bool:
    """The whole message is a reply to some question: "not known", "no idea", "yes", "nope"."""
    cleaned = text.strip().lower().rstrip(".!;, ")
    for pattern in (_UNKNOWN, _YES, _NO, _BARE_NO, _NOT_YET):
        found = pattern.match(cleaned)
        if found is not None and found.end() == len(cleaned):
            return True
    return False


def read_short_answer(pending: PendingQuestion, text: str) -> ShortAnswer | None:
    """Read "yes", "no", "2", "unknown", "not tested", "post" … against the pending question."""
    cleaned = text.strip().lower().rstrip(".!;, ")
    if not cleaned:
        return None
    if _UNKNOWN.match(cleaned):
        return ShortAnswer({}, pending.facts)
    tested_fact = pending.panel or _is_test_result(pending.fact)
    if tested_fact and _NOT_TESTED.search(cleaned) and len(cleaned.split()) <= 6:
        return ShortAnswer({}, pending.facts)  # "never tested", "none tested": not known
    if _NOT_YET.match(cleaned):
        if tested_fact:
            return ShortAnswer({}, pending.facts)
        spec = FACTS[pending.fact]
        if spec.type == "bool":
            return ShortAnswer({pending.fact: False})
        if spec.type == "int" and "yes" not in pending.choices:
            return ShortAnswer({pending.fact: 0})
        return None
    cleaned = _LEAD_WORDS.sub("", cleaned)
    if pending.panel:
        if _PANEL_NONE.match(cleaned):
            return ShortAnswer({f: False for f in pending.facts})
        if _BARE_NO.match(cleaned):
            # "no" to "Known PIK3CA / ESR1 … results?": no results known, not "none found".
            return ShortAnswer(
                {},
                pending.facts,
                'I read "no" as: no results known (not tested or not available), so options '
                'that depend on them are shown "if …". Say "none found" if they were tested '
                "and negative.",
            )
        return None
    fact = pending.fact
    spec = FACTS[fact]
    if fact == "prior_lines" and _YES.match(cleaned) and "yes" in pending.choices:
        return ShortAnswer({fact: 1})
    if spec.type == "bool":
        if _YES.match(cleaned):
            return ShortAnswer({fact: True})
        if _NO.match(cleaned):
            return ShortAnswer({fact: False})
        return None
    if spec.type == "int":
        match = _NUMBER.match(cleaned)
        if match:
            return ShortAnswer({fact: int(match.group(1))})
        word = cleaned.split()[0].strip(",.;:") if cleaned.split() else ""
        if word in _NUMBER_WORDS:
            return ShortAnswer({fact: _NUMBER_WORDS[word]})
        if fact == "prior_lines":
            # "yes, fulvestrant was her first treatment" / "it was her second line"
            ordinal = _LINE_ORDINAL.search(cleaned)
            if ordinal:
                word = ordinal.group(1).lower()
                value = _NUMBER_WORDS[word] if word in _NUMBER_WORDS else _ordinal_digits(word)
                return ShortAnswer({fact: value})
            if _NO.match(cleaned) and "yes" in pending.choices:
                return None
            if _NO.match(cleaned):
                return ShortAnswer({fact: 0})  # "nope", "never" to "how many lines?"
        return None
    if spec.type == "enum":
        if fact == "menopausal_status":
            if re.match(r"^(?:pre|peri)", cleaned):
                return ShortAnswer({fact: "pre"})
            if re.match(r"^post", cleaned):
                return ShortAnswer({fact: "post"})
            return None
        for choice in spec.values:
            if cleaned.startswith(choice):
                return ShortAnswer({fact: choice})
        if _YES.match(cleaned) and "positive" in spec.values:
            return ShortAnswer({fact: "positive"})
        if _NO.match(cleaned) and "negative" in spec.values:
            return ShortAnswer({fact: "negative"})
        return None
    return None

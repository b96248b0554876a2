"""What-if questions: which part of the message is assumed, and which facts it assumes.

"What if she had a PIK3CA mutation?", "assume HER2 were 3+ instead", "how about in a
pre-menopausal woman?", "would it change anything if she were ESR1-mutated?", "if this
were her third line": the clause after the cue is read by extraction as if stated, so
the hypothesis is the facts it gives. The case is never touched (Session answers a
what-if from a copy of the facts).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from chatbot.contract import FactValue, Recommendation, Statement
from chatbot.dialogue.wording import group_words, line_words
from chatbot.nlp.types import Extraction

# the regimen she is on failing, in the present tense ("eribulin fails", "stops working")
_FAILING = (
    r"(?:fails|stops\s+working|doesn'?t\s+work|does\s+not\s+work|is\s+not\s+tolerated"
    r"|isn'?t\s+tolerated)"
)
_CUE = re.compile(
    r"^\s*(?:(?:and|but|ok(?:ay)?|so|hmm+)[,\s]+)?"
    r"(?:what\s+(?:if|about\s+if|would\s+(?:change|happen|you\s+(?:do|give|recommend))\s+if)"
    r"|suppose(?:\s+that)?|supposing(?:\s+that)?|assume|assuming|assume\s+that"
    # stop 36 (r41): "Imagine our shock when … doctors found that my cancer had spread": a
    # feeling told of what happened, no assumption
    r"|imagine(?!\s+(?:(?:my|our|her|his|their|the)\s+)?(?:shock|surprise|horror|joy|relief"
    r"|disbelief|dismay|fear|devastation|reaction|feelings?|panic|despair)\b"
    r"|\s+how\s+(?:i|we|she|he|they)\s+(?:felt|feel))(?:\s+that)?"
    r"|hypothetically(?:\s+speaking)?,?(?:\s+(?:what\s+)?if)?|let'?s\s+say|say"
    r"|(?:would|does|do|could|will)\s+(?:it|that|this|anything|(?:the|her|his)\s+(?:answer|"
    r"recommendation|plan|treatment|options?|management|choice))"
    r"\s+(?:\w+\s+){0,3}?(?:change|differ|different)\w*(?:\s+\w+){0,3}?\s+"
    r"(?:if|for\s+(?:a|an)|in\s+(?:a|an)|with(?:\s+(?:a|an))?)"
    r"|how\s+about(?:\s+if)?|what\s+about(?:\s+if)?|and\s+if|if\s+instead"
    r"|(?:and\s+)?in\s+case"
    r"|if\s+(?=(?:she|he|the\s+patient|this|it|her|his)(?:'d|\s+had|\s+were|\s+was)\b)"
    r"|if\s+(?=(?:this|it)\s+(?:were|was|is)\s+(?:her|his|the)\s+\w+[- ]line)"
    # stop 69: the regimen she is on failing, asked ahead ("What next if eribulin fails?",
    # "what would you give once she progresses on T-DXd?", "If capecitabine stops working,
    # what then?"); the present tense only: "once she progressed on X, she had Y" is her story
    r"|what(?:'s|\s+is)?\s+(?:next|then|after\s+that)\s+(?=(?:if|when|once)\s)"
    r"|what\s+(?:would|do|should|could|will)\s+(?:you|we|i)\s+(?:do|give|use|offer|recommend|choose"
    r"|suggest|start)(?:\s+next)?\s+(?=(?:if|when|once)\s)"
    r"|(?:if|when|once)\s+(?=[^.?!,;]{1,60}?\b(?:" + _FAILING + r"|progresses"
    r"|becomes?\s+(?:refractory|resistant)\s+to)\b)"
    # ("if" alone also in the past: "If she progressed on eribulin, what would you do?")
    r"|if\s+(?=[^.?!,;]{1,60}?\b(?:failed|progressed|stopped\s+working)\b)"
    r"|(?:should)\s+(?=(?:she|he|the\s+patient)\s+(?:progress|fail)\b))\b[\s,:]*",
    re.I,
)
_INVERTED = re.compile(
    r"^\s*(?:and\s+|but\s+|what\s+)?(?P<verb>were|had)\s+(?P<who>she|he|the\s+patient)\b",
    re.I,
)
# "what about X?" with X a bare drug is an information follow-up, not an assumption.
_ASSUMING = re.compile(r"^\s*(?:what|how)\s+about\b", re.I)
_SUBJUNCTIVE = re.compile(r"\b(?:were|had\s+been|would\s+be)\b", re.I)
_LINE = re.compile(
    r"\b(?:this|it)\s+(?:were|was|is|would\s+be)\s+(?:her|his|the)\s+"
    r"(first|second|third|fourth|fifth|sixth|seventh|[1-7](?:st|nd|rd|th))[- ]line\b",
    re.I,
)
_AGE = re.compile(
    r"\b(?:were|was|is|aged?|age)\s+(\d{2})(?:\s*(?:years?(?:\s+old)?|yo|y/o))?\b", re.I
)
_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
}


def what_if_clause(text: str) -> str | None:
    """The assumed clause of a what-if question, or None if the message is not one."""
    inverted = _INVERTED.match(text)
    if inverted is not None:
        # "And were she pre-menopausal?" = "if she were pre-menopausal"
        rest = _own_question(text[inverted.end() :]).strip().rstrip("?.! ")
        return f"{inverted.group('who')} {inverted.group('verb')} {rest}".strip() if rest else None
    match = _CUE.match(text)
    if match is None:
        return None
    clause = _own_question(text[match.end() :]).strip().rstrip("?.! ")
    if not clause:
        return None
    if _ASSUMING.match(text) and not re.search(
        r"\b(?:she|he|her|his|patient|woman|man|lady|case|if|were|line|pre|post|er|pr|her2|"
        r"hr|pd-?l1|brca|pik3ca|esr1|akt1|pten|ntrk|ret|msi|dmmr|tmb|visceral|brain|dialysis|"
        r"neuropathy|heart|menopaus)",
        clause,
        re.I,
    ):
        return None  # "what about everolimus?": a follow-up look-up
    return clause


# A what-if told after news of the case, in a sentence or clause of its own ("Progressed.
# What if she had a PIK3CA mutation?", "She progressed on it, what if we gave capecitabine?"):
# only an explicit assumption parts the message ("say", "assuming", "imagine", "in case" may
# be the case's own words: "Assuming I'm reading things right, Xeloda works …"), and not "what
# if anything …" or an option asked ("what if we use fulvestrant alone?"; the review of stop 72)
_SPLIT_AT = re.compile(
    r"(?:(?<=[.!?;:])\s+|\n+|,\s*|\s+[-–—]\s+)(?=(?:and\s+|but\s+|so\s+|ok(?:ay)?,?\s+)?"
    r"(?:what\s+if(?!\s+(?:anything|we|you|i|they)\b)|what\s+about\s+if|and\s+if|suppose"
    r"|supposing|hypothetically"
    r"|what\s+would\s+(?:change|happen|you\s+(?:do|give|recommend))\s+if"
    r"|how\s+about\s+if|if\s+instead)\b)",
    re.I,
)


# What follows a what-if's question: asked of it ("Then elacestrant?", "Would you add OFS?",
# "What next?") or news of the case ("FYI she progressed on fulv+abema", "She progressed on
# it last month") assumes nothing; anything else may assume more ("Also PIK3CA?", "Age 40.",
# "Assume also PIK3CA mutated"), and the what-if keeps it (the review of stop 73: a second
# assumption after the question had been dropped or taken into the case)
_SENTENCES = re.compile(r"[^?!.]*(?:[?!.]+(?=\s|$)|$)")
_ASKS_OF_IT = re.compile(
    r"^\s*(?:(?:and|so|ok(?:ay)?)[,\s]+)?(?:then|in\s+that\s+case|would|could|should|will|does"
    r"|do|is|are|can|what|which|how|why|right|correct)\b",
    re.I,
)
_NEWS_MARK = re.compile(
    r"\b(?:fyi|btw|by\s+the\s+way|update[sd]?|for\s+info\w*|for\s+your\s+info\w*"
    r"|progress(?:ed|ing)|pd(?![-\s]?l\s?1)|failed|stopped\s+working|not\s+working)\b",
    re.I,
)
_STILL_ASSUMED = re.compile(
    r"\b(?:if|would|could|might|were|'d|hypothetical\w*|assum\w*|suppos\w*|imagine|say)\b",
    re.I,
)


def _sentences(text: str) -> list[str]:
    return [m.group() for m in _SENTENCES.finditer(text) if m.group().strip()]


def _news(sentence: str) -> bool:
    """A sentence after a what-if's question that tells news of the case (above)."""
    told = sentence.strip()
    return (
        not told.endswith("?")
        and _NEWS_MARK.search(told) is not None
        and _STILL_ASSUMED.search(told) is None
    )


def _after_parts(rest: str) -> tuple[str, list[str]] | None:
    """The what-if's own question and the sentences after it, when each of them asks of it or
    tells news (above); None when one may assume more (the whole is the what-if's)."""
    parts = _sentences(rest)
    if len(parts) < 2 or not parts[0].rstrip().endswith("?"):
        return None
    after = parts[1:]
    if not all(_ASKS_OF_IT.match(p) or _news(p) for p in after):
        return None
    return parts[0], after


def _own_question(rest: str) -> str:
    """The assumption of a what-if: its own question's words, when what follows only asks of
    it or tells news; else the whole (stop 73)."""
    parted = _after_parts(rest)
    return rest if parted is None else parted[0]


def news_after_what_if(text: str) -> tuple[str, str] | None:
    """(the news, the what-if) when a what-if's question is followed by news of the case in
    sentences of their own, and by nothing that assumes more ("What if she had ESR1? What
    next? She progressed on fulv+abema"); None otherwise (the session handles the news only
    when it reads as the case's)."""
    parted = _after_parts(text)
    if parted is None or what_if_clause(text) is None:
        return None
    first, after = parted
    news = [p for p in after if _news(p)]
    if not news:
        return None
    asked = first + "".join(p for p in after if p not in news)
    return " ".join(p.strip() for p in news), asked.strip()


def split_what_if(text: str) -> tuple[str, str] | None:
    """The news told before a what-if and the what-if, when a message tells both; None when
    the message is one or the other."""
    if what_if_clause(text) is not None:
        return None
    for found in _SPLIT_AT.finditer(text):
        lead, rest = text[: found.start()].strip(" ,;-–—"), text[found.end() :]
        if lead and what_if_clause(rest) is not None:
            return lead, rest
    return None


# A failure asked ahead, told as one that happened ("eribulin fails" -> "eribulin failed")
# (and the subjunctive after "should": "Should she fail fulvestrant, what next?")
_FAILS = re.compile(rf"\b(?:{_FAILING}|(?<=\bshe\s)fail|(?<=\bhe\s)fail)\b", re.I)
# …and a progression asked ahead ("becomes refractory to eribulin", "should she progress on")
_PROGRESSES = re.compile(
    r"\b(?:becomes?\s+(?:refractory|resistant)\s+to|(?<=she\s)progress\s+on)\b", re.I
)


def _normalise(clause: str) -> str:
    """Subjunctive to indicative, so extraction reads the clause as a statement."""
    out = re.sub(r"^\s*(?:if|when|once)\s+", "", clause, flags=re.I)
    out = _PROGRESSES.sub("progressed on", _FAILS.sub("failed", out))
    out = re.sub(r"\binstead\b", " ", out, flags=re.I)
    out = re.sub(r"\b(she|he)'d\b", r"\1 had", out, flags=re.I)
    # the question after the assumption ("…, would T-DXd be possible?") assumes nothing
    out = re.split(r",\s*(?:would|could|should|is|are|does|do|what|how|then)\b", out, maxsplit=1)[0]
    out = re.sub(
        r"\b(HER2|ER|PR|PD-?L1|HR)\s+(?:were|was|would\s+be|is)\s+", r"\1 ", out, flags=re.I
    )
    out = _SUBJUNCTIVE.sub("was", out)
    return re.sub(r"\s+", " ", out).strip()


def read_hypothesis(
    clause: str, extract: Callable[[str], Extraction]
) -> tuple[dict[str, FactValue], Extraction]:
    """The facts a what-if clause assumes (the line and an age read here; the rest by
    extraction of the clause as a plain statement)."""
    line = _LINE.search(clause)
    text = _normalise(clause)
    extraction = extract(text)
    facts: dict[str, FactValue] = {
        k: v for k, v in extraction.facts.items() if k not in extraction.inferred
    }
    if line is not None:
        word = line.group(1).lower()
        number = _ORDINALS.get(word) or int(re.match(r"\d", word).group())  # type: ignore[union-attr]
        facts["prior_lines"] = number - 1  # "her third line": the line to choose is the 3rd
    for fact, span in extraction.uncertain.items():
        del span  # a hedge inside a what-if is still the assumption
        if fact not in facts:
            assumed = extract(text.replace("?", "")).facts.get(fact)
            if assumed is not None:
                facts[fact] = assumed
    if "age" not in facts:
        age = _AGE.search(clause)
        if age is not None and 18 <= int(age.group(1)) <= 110:
            facts["age"] = int(age.group(1))
    return facts, extraction


def hypothesis_diff(case: Recommendation | None, assumed: Recommendation | None) -> Statement:
    """What differs from the case's own answer: group/line, options added or removed,
    options whose standing changes (now applicable, now conditional, now ruled out)."""
    if assumed is None:
        return Statement("Under this assumption no single recommendation follows.", "system")
    if case is None:
        return Statement(
            "The case itself has no answer yet to compare with; this is the answer under the "
            "assumption.",
            "system",
        )
    parts: list[str] = []
    if (case.patient_group, case.line) != (assumed.patient_group, assumed.line):
        parts.append(
            f"The case's own answer is {group_words(case.patient_group)}, "
            f"{line_words(case.line)}; under the assumption it is "
            f"{group_words(assumed.patient_group)}, {line_words(assumed.line)}."
        )
    before = {o.drugs: o for o in case.options}
    after = {o.drugs: o for o in assumed.options}
    added = [" + ".join(d) for d in after if d not in before]
    removed = [" + ".join(d) for d in before if d not in after]
    standing = {True: "now applicable", None: "now conditional", False: "now ruled out"}
    changed: dict[str, list[str]] = {}
    for drugs, option in after.items():
        old = before.get(drugs)
        if old is not None and old.applicable != option.applicable:
            changed.setdefault(standing[option.applicable], []).append(" + ".join(drugs))
    if added and (case.patient_group, case.line) == (assumed.patient_group, assumed.line):
        parts.append("Options added: " + "; ".join(added) + ".")
    if removed and (case.patient_group, case.line) == (assumed.patient_group, assumed.line):
        parts.append("Options no longer listed: " + "; ".join(removed) + ".")
    for words in ("now applicable", "now conditional", "now ruled out"):
        if changed.get(words):
            parts.append(f"{words.capitalize()}: " + "; ".join(changed[words]) + ".")
    if not parts:
        return Statement(
            "Under this assumption the group, line and options are the same as the case's own "
            "answer.",
            "system",
        )
    sources: list[str] = []
    for rec in (assumed, case):
        for option in rec.options:
            if " + ".join(option.drugs) in " ".join(parts) or not sources:
                sources += [s for s in option.sources if s not in sources]
    sources = [assumed.patient_group] + sources
    if case.patient_group != assumed.patient_group:
        sources.insert(1, case.patient_group)
    return Statement(
        "Compared with the case's own answer: " + " ".join(parts),
        "guideline",
        tuple(dict.fromkeys(sources)),
    )

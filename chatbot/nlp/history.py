"""Treatment history from drug mentions: regimens, their order, the failing one, lines.

Drug mentions (already resolved, with their ConText role cue) are grouped into regimens
("letrozole + palbociclib", "fulvestrant (Faslodex) and denosumab"); regimens are put in
order ("A, then B", "first-line A … now progressing on B"); from that:

- ``progressed_on`` — the regimen a progression cue points at, or a regimen that follows
  it in the sequence ("progressed on A, then on B" -> B);
- ``prior_lines`` — only when the text gives the count or an order: an ordinal attached to
  a regimen ("first-line A", "A was her first treatment for metastatic disease") plus the
  regimens after it, or an explicit sequence ("A, then B"); a bare ordinal ("second-line
  options?") is the line asked about, so one fewer line was given;
- ``prior_chemo_lines`` — regimens with a chemotherapy drug, only when the whole history
  is listed (the sequence starts at line 1, or the list matches a stated line count).

Nothing is counted from a single regimen without an ordinal: the dialogue asks instead.
Conventions (tests/data/real/FORMAT.md, round 3): a line just begun and not failing is not
counted ("B was started", "changed to B", "then started on B" after a progression or with
the progression as its reason); induction then maintenance of the same regimen is one line
(the maintenance drugs are the ones failing); adjuvant/neoadjuvant therapy never counts;
progression may be told as a sign of the disease ("enlargement of the bone lesions",
"deterioration of bone metastases", "new liver lesion"). The 0 lines at a metastatic event
told without treatment is chatbot.nlp.metastatic_event.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from chatbot.nlp.context import (
    OTHER_PERSONS,
    RELATIVE_SEX,
    Modifier,
    TargetContext,
    sentence_bounds,
)
from chatbot.nlp.tokenizer import doc_lowers, doc_text, is_year, span_text, token_range
from chatbot.nlp.types import DrugMention, Span

# Words that may sit between drugs of one regimen.
REGIMEN_JOINERS = frozenset(
    {
        "+",
        "/",
        "and",
        "with",
        "plus",
        "&",
        "(",
        ")",
        "in",
        "combination",
        "together",
        "-",
        "also",
        "of",
        "a",
        "an",
        "the",
        "ovarian",
        "function",
        "suppression",
        "ofs",
    }
)
# Cue words that put a regimen after the one before it.
LATER_MARKERS = frozenset(
    {"then", "followed", "subsequently", "later", "thereafter", "next", "→", "->", "=>", ">"}
)
# Role cues that put a regimen before the ones already named ("… previously had X").
EARLIER_CUES = frozenset(
    {
        "prior",
        "previous",
        "previously",
        "before that",
        "history of",
        "s/p",
        "exposed to",
        "pretreated with",
    }
)
# "A, which was her first treatment …", "A, that was her second line"
RELATIVE_WORDS = frozenset(
    {"which", "that", "was", "is", "been", "has", "as", "her", "his", "the", "a", "an"}
    | {"my", "your", "their", "our"}
)
# "A was started as second-line", "A was given as first-line therapy"
LINKING_VERBS = frozenset(
    {
        "started",
        "initiated",
        "commenced",
        "begun",
        "given",
        "administered",
        "used",
        "planned",
        "continued",
        "chosen",
        "selected",
    }
)
# the number words a count is written in (line counts go up to twelve: fact_patterns.yaml
# LINE_COUNT); chatbot.nlp.extract reads them with the ordinals as NUMBER_WORDS
CARDINALS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
LINE_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
    "5th": 5,
    "6th": 6,
    "7th": 7,
    # beyond the guideline's last line (7th) a history still counts: "abemaciclib in the
    # 11th line"; "forth-line" is a common misspelling
    "forth": 4,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    **{f"{n}th": n for n in range(8, 16)},
}
"""Line ordinals (words and numerals); extraction's number words build on these."""
ORDINAL_WORDS = {**LINE_ORDINALS, "only": 1}


@dataclass(slots=True)
class MentionInfo:
    """A drug mention with what history needs: token position, cue, progression."""

    mention: DrugMention
    start: int
    end: int
    progression: bool  # a progression cue is this mention's role cue
    cue: Modifier | None


@dataclass(slots=True)
class Regimen:
    members: list[MentionInfo] = field(default_factory=list)
    later: bool = False  # introduced by "then" / "followed by"
    earlier: bool = False  # introduced by "previously" / "prior"
    marked: bool = False  # preceded by a list marker ("(2)", "2)", "2019:")
    intolerant: bool = False  # told not tolerated ("then could not tolerate capecitabine")
    # the members of its last mention when a repeat was merged into it ("THP, then
    # maintenance HP": the HP now given)
    tail: list[MentionInfo] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.members[0].start

    @property
    def end(self) -> int:
        return self.members[-1].end

    def names(self) -> frozenset[str]:
        return frozenset(m.mention.generic or f"class:{m.mention.drug_class}" for m in self.members)

    def generics(self) -> list[str]:
        out: list[str] = []
        for m in self.members:
            if m.mention.generic and m.mention.generic not in out:
                out.append(m.mention.generic)
        return out

    @property
    def progression(self) -> bool:
        return any(m.progression for m in self.members)


@dataclass(frozen=True, slots=True)
class LineMention:
    ordinal: int
    start: int
    end: int
    span: Span
    nominal: bool  # "her first treatment for metastatic disease" (vs "first-line")
    hypothetical: bool
    progression: bool  # "progressing on her first metastatic line"
    past: bool  # "it was her first line", "was treated with X … as second-line": given
    only: bool  # "her only treatment for metastatic disease": exactly one line


GIVEN_WORDS = frozenset({"treated", "received", "given", "administered", "underwent"})


def _word_positions(doc: Doc) -> tuple[list[int], list[int]]:
    """Per Doc, once: the positions of given words and of start/plan words (a scan per
    ordinal was quadratic in a flood: "1L," x 1,333 took 55 ms)."""
    index = doc.user_data.get("mbc_history_words")
    if index is None:
        lowers = doc_lowers(doc)
        index = (
            [i for i, w in enumerate(lowers) if w in GIVEN_WORDS],
            [i for i, w in enumerate(lowers) if w in START_WORDS],
        )
        doc.user_data["mbc_history_words"] = index
    return index


def _any_in(positions: list[int], lo: int, hi: int) -> bool:
    i = bisect_left(positions, lo)
    return i < len(positions) and positions[i] < hi


def _given_before(ent: SpacySpan) -> bool:
    """A past treatment verb earlier in the ordinal's sentence ("was treated with
    capecitabine … as a second-line therapy") and no start or plan word: a line given."""
    given, start_words = _word_positions(ent.doc)
    lo = sentence_bounds(ent.doc, ent.start)[0]
    return (
        _any_in(given, lo, ent.start)
        and not _any_in(start_words, lo, ent.start)
        and not _any_in(start_words, ent.end, ent.end + 4)
    )


def given_after(doc: Doc, info: MentionInfo) -> bool:
    """A giving verb right after the mention: "(no) chemo has been administered", "(no)
    chemotherapy was given so far" — the history, not a plan or a contraindication."""
    return any(t.lower_ in GIVEN_WORDS for t in doc[info.end : info.end + 4])


def ordinal_of(ent: SpacySpan) -> int | None:
    for token in ent:
        word = token.lower_
        if word in ORDINAL_WORDS:
            return ORDINAL_WORDS[word]
        m = re.fullmatch(r"([1-7])l", word)
        if m:
            return int(m.group(1))
    return None


# What follows a number + "L" when it is litres, not a line: "4L O2", "2L nasal cannula".
LITRE_CONTEXT = frozenset(
    {
        "o2",
        "02",
        "oxygen",
        "nc",
        "nasal",
        "via",
        "/min",
        "l/min",
        "lpm",
        "per",
        "supplemental",
        "home",
        "fio2",
        "of",
        "mask",
        "nrb",
        "hfnc",
        "hfno",
        "bipap",
        "cpap",
        "sats",
        "ng",
        "bag",
    }
)


def litres(ent: SpacySpan) -> bool:
    """ "4L" read as litres of oxygen (or any amount of something), not a 4th line: the
    words after it name what was measured."""
    if not re.fullmatch(r"[1-9]\d?(?:\.\d)?\s*l", ent.text.lower()):
        return False
    after = [t.lower_ for t in ent.doc[ent.end : ent.end + 2]]
    before = [t.lower_ for t in ent.doc[max(ent.start - 2, 0) : ent.start]]
    return bool(LITRE_CONTEXT & set(after)) or bool({"oxygen", "o2", "requiring"} & set(before))


# stop 42 (r57-0020): an ordinal "treatment" inside a course told by its number of rounds is
# one of its rounds ("I started 8 rounds of Chemo therapy right away. My 7th treatment I'm
# experiencing weird symptoms" had read 6 lines): the course's count told before it, at least
# the ordinal, with a round word
_ROUNDS_TOLD = re.compile(
    rf"\b(\d{{1,2}}|{'|'.join(CARDINALS)})\s+"
    r"(?:(?:more|further|weekly|monthly)\s+)?(?:rounds|cycles|sessions|infusions|doses)\b",
    re.I,
)


# stop 58 (held-out probe O): the day a session is given on ("Had my 6th treatment today!",
# "my 4th treatment of AC was this morning"): a round of a course, not a line
SESSION_DAYS = frozenset({"today", "tonight", "yesterday", "tomorrow", "morning", "afternoon"})
BEGUN_BEFORE = frozenset(
    {"start", "starting", "started", "starts", "begin", "beginning", "began", "begins", "moving"}
    | {"move", "moved", "switching", "switched", "switch", "onto", "to"}
)


def round_of_a_course(ent: SpacySpan, n: int) -> bool:
    """The ordinal ``n`` of ``ent`` ("my 7th treatment") counts the rounds of a course: one
    whose number the text told before it ("8 rounds of chemo"), the rounds of a regimen
    named right after it ("my 4th treatment of AC"), or a round given on a day told in its
    sentence ("Had my 6th treatment today!"), no drug named there."""
    if ent.label_ != "LINE_NOMINAL" or ent[-1].lower_ not in ("treatment", "therapy"):
        return False
    doc = ent.doc
    if (
        ent.end + 1 < len(doc)
        and doc[ent.end].lower_ == "of"
        and doc[ent.end + 1].ent_type_ == "DRUG"
    ):
        return True  # "my 4th treatment of AC": the regimen's rounds
    lo, hi = sentence_bounds(doc, ent.start)
    if any(e.label_ == "DRUG" for e in doc[lo:hi].ents):
        return False  # "… then her third treatment was capecitabine": a line, named
    words = doc_lowers(doc)
    # the day told right after the round ("my 6th treatment today"), or the day it was
    # ("Today was my 4th treatment"); never a line begun ("Today I'm starting my 4th
    # treatment", "this morning … so I'm moving on to my 4th treatment": found by the review)
    if BEGUN_BEFORE.intersection(words[max(lo, ent.start - 4) : ent.start]):
        return False
    if SESSION_DAYS.intersection(words[ent.end : min(hi, ent.end + 2)]):
        return True
    before = words[max(lo, ent.start - 3) : ent.start]
    if len(before) >= 2 and before[0] in SESSION_DAYS and before[1] in ("was", "is", "'s", "’s"):
        return True
    for m in _ROUNDS_TOLD.finditer(doc_text(ent.doc), 0, ent.start_char):
        word = m.group(1).lower()
        count = int(word) if word.isdigit() else CARDINALS[word]
        if count >= n:
            return True
    return False


# round 14: the line moved to is the one begun now ("Hormonal therapy was changed to 2nd
# line", "she was switched to a second-line regimen"): its "was" tells the switch, not a line
# given (r14-0009 read 2 lines)
SWITCH_VERBS = frozenset(
    {"changed", "switched", "moved", "escalated", "proceeded", "advanced", "transitioned"}
    | {"change", "switch", "move", "escalate", "proceed", "advance", "transition"}
)


def _moved_to_line(ent: SpacySpan) -> bool:
    """The ordinal follows "<switch verb> to (a|her)": the line is being begun."""
    words = [t.lower_ for t in ent.doc[max(ent.start - 4, 0) : ent.start]]
    while words and words[-1] in ARTICLES:
        words.pop()
    return len(words) >= 2 and words[-1] == "to" and words[-2] in SWITCH_VERBS


def line_mention(ent: SpacySpan, ctx: TargetContext, span: Span) -> LineMention | None:
    n = ordinal_of(ent)
    cats = ctx.categories()
    if n is None or "NEGATED_EXISTENCE" in cats or litres(ent) or round_of_a_course(ent, n):
        return None
    switched = _moved_to_line(ent)
    return LineMention(
        n,
        ent.start,
        ent.end,
        span,
        ent.label_ == "LINE_NOMINAL",
        bool(cats & {"HYPOTHETICAL", "POSSIBLE_EXISTENCE"}),
        "PROGRESSION" in cats,
        not switched
        and (
            any(
                t.lower_ in ("was", "were", "had")
                for t in ent.doc[max(ent.start - 3, 0) : ent.start]
            )
            or _given_before(ent)
        ),
        any(t.lower_ == "only" for t in ent),
    )


# A list marker before a regimen puts it in a written-out history: "(1) A (2) B",
# "1) A 2) B", "1. A; 2. B", "2019: A; 2021: B", "2019-2021 A, 2021-2023 B".
_NUMBER_MARK = re.compile(r"^[1-9]$")


def list_marker(doc: Doc, lo: int, start: int) -> bool:
    """Tokens doc[lo:start] (between the previous regimen and this one) end with a list
    marker: a number in brackets or followed by ")" "." ":", or a year (range)."""
    words = [t.text for t in doc[max(lo, start - 5) : start]]
    while words and words[-1] in (":", "-", "–", ",", ";"):
        words.pop()
    if not words:
        return False
    last = words[-1]
    if is_year(last):
        return True
    if last in (")", ".") and len(words) >= 2 and _NUMBER_MARK.match(words[-2]):
        return True
    return bool(re.fullmatch(r"\(?[1-9][).]", last))


COMBINE_WORDS = frozenset(
    {"combined", "combination", "alongside", "along", "plus"}
    # "fulvestrant and leuprolide, accompanied by palbociclib", "together with", "associated
    # with" (Romance-language English), "in addition to"
    | {"accompanied", "together", "associated", "addition", "concomitant", "concurrent"}
)


def _combined(between: list[str]) -> bool:
    """ "A was combined with B", "A given in combination with B", "palbociclib, in
    combination with an aromatase inhibitor": one regimen, when nothing between says "then"
    or ends a clause (a comma right after A opens the combination phrase)."""
    while between and between[0] == ",":
        between = between[1:]
    return (
        bool(COMBINE_WORDS & set(between))
        and not LATER_MARKERS & set(between)
        and not {",", ";", ".", ":"} & set(between)
        and len(between) <= 6
    )


# A list told one regimen after another: "sequentially treated with capecitabine,
# gemcitabine-carboplatin and …", "Subsequent treatments with fulvestrant and paclitaxel were
# also followed by progressive disease" (not "treatments with trastuzumab and pertuzumab":
# the plural alone may name one combination's drugs).
ONE_BY_ONE = frozenset({"sequentially", "successively", "consecutively", "sequential"})
ONE_BY_ONE_ADJECTIVES = frozenset({"subsequent", "successive", "consecutive", "sequential"})
PLURAL_COURSES = frozenset({"treatments", "regimens", "lines", "therapies", "chemotherapies"})


def _told_one_by_one(doc: Doc, start: int) -> bool:
    """The list whose first drug is at ``start`` is told one regimen after another: an
    adverb of sequence, or a sequence adjective before a plural course noun, in the few
    words before it (its sentence)."""
    lo = sentence_bounds(doc, start)[0]
    words = [t.lower_ for t in doc[max(lo, start - 6) : start]]
    return any(w in ONE_BY_ONE for w in words) or any(
        w in ONE_BY_ONE_ADJECTIVES and i + 1 < len(words) and words[i + 1] in PLURAL_COURSES
        for i, w in enumerate(words)
    )


# The guideline's drugs given with a backbone (knowledge/drugs.yaml classes cdk46-inhibitor,
# pi3k-, akt-, mtor-inhibitor with endocrine-therapy; trastuzumab and pertuzumab with either),
# named here because the grouping of a list reads no knowledge: tests/test_extract_stop36_classes.py
# keeps them equal to the classes.
ENDOCRINE_PARTNERS = frozenset(
    {"palbociclib", "ribociclib", "abemaciclib", "alpelisib", "inavolisib", "capivasertib"}
    | {"everolimus"}
)
ENDOCRINE_DRUGS = frozenset(
    {"anastrozole", "letrozole", "exemestane", "fulvestrant", "elacestrant", "tamoxifen"}
    | {"megestrol", "goserelin"}
)
ANY_PARTNERS = frozenset({"trastuzumab", "pertuzumab"})


# the words of "… and am now on", "…, and she's now taking" between two regimens
NOW_ON_WORDS = frozenset(
    {",", "and", "am", "is", "are", "i", "she", "he", "'m", "’m", "'s", "’s", "i'm", "she's"}
    | {"on", "taking", "receiving", "getting", "started", "starting", "been", "has", "have"}
)
NOW_ON_VERBS = frozenset({"on", "taking", "receiving", "getting", "started", "starting"})
ADDED_AFTER = frozenset({"too", "as", "added", "also", "alongside"})  # "… now on B too"


def _now_on_after(between: Sequence[str]) -> bool:
    """The separator is "and … now on" (NOW_ON_WORDS): the regimen after it is given now,
    after the one before it."""
    if (
        "also" in between
        or "now" not in between
        or "and" not in between
        or not NOW_ON_VERBS.intersection(between)
    ):
        return False
    k = list(between).index("now")
    return (
        set(between[:k]) <= NOW_ON_WORDS
        and between[k + 1 :] != []
        and set(between[k + 1 :]) <= NOW_ON_WORDS
    )


def _may_be_combined(kept: Sequence[MentionInfo], seps: Sequence[list[str]], last: int) -> bool:
    """Two neighbours of the comma list ending at separator ``last`` may be one regimen
    ("letrozole, Ibrance and now Faslodex": letrozole with palbociclib is one line)."""
    k = last
    while k > 0 and seps[k - 1] == [","]:
        k -= 1
    names = [kept[i].mention.generic for i in range(k, last + 1)]
    for a, b in pairwise(names):
        pair = {a, b}
        if pair & ANY_PARTNERS or (pair & ENDOCRINE_PARTNERS and pair & ENDOCRINE_DRUGS):
            return True
    return False


# stop 36: a regimen told not tolerated ("then could not tolerate capecitabine", "failed to
# tolerate tamoxifen", "Capecitabine was not tolerated"): stopped for its toxicity, so a
# progression told of the regimen before does not pass on to it
TOLERATE_WORDS = frozenset({"tolerate", "tolerated", "tolerating"})
NOT_TOLERATED = frozenset({"not", "n't", "unable", "failed", "failing", "failure", "poorly"})


def _told_not_tolerated(doc: Doc, regimen: Regimen) -> bool:
    lowers = doc_lowers(doc)
    first, last = regimen.members[0].start, regimen.members[-1].end
    after = lowers[last : last + 4]
    if not TOLERATE_WORDS.intersection(lowers[max(first - 3, 0) : first] + after):
        return False
    return bool(NOT_TOLERATED.intersection(lowers[max(first - 5, 0) : first] + after))


def received(info: MentionInfo) -> bool:
    m = info.mention
    return not m.negated and m.role in ("prior", "current")


def regimens(doc: Doc, infos: Sequence[MentionInfo]) -> list[Regimen]:
    """Group received mentions into regimens, in text order; a repeat of the previous
    regimen ("second line faslodx, now progressing on faslodx") is merged into it.

    Commas separate regimens ("tamoxifen, letrozole + palbociclib, megestrol") except in a
    coordination ending in "and" ("pertuzumab, trastuzumab and paclitaxel")."""
    # Bone agents are grouped with the regimen they are written in ("tamoxifen, goserelin,
    # and denosumab" is one regimen) and then left out of it: never a line.
    kept = [
        i
        for i in infos
        if received(i) or (i.mention.role == "bone-therapy" and not i.mention.negated)
    ]
    # a dose or schedule between two drugs says nothing of the regimen ("abemaciclib 150mg
    # twice daily and letrozole 2.5mg": one regimen)
    lowers = doc_lowers(doc)
    # round 20: a drug only planned between two regimens ("A is no longer working. I am moving
    # to the next option, B. I had C first", "she will start B next week") takes its
    # sentence with it: "next" there orders nothing of the regimens given
    planned = sorted(
        sentence_bounds(doc, i.start)[1] for i in infos if i.mention.role == "hypothetical"
    )
    seps = [
        [
            lowers[i]
            for i in token_range(
                doc, _past_gloss(doc, _after_plans(planned, a.end, b.start), b.start), b.start
            )
            if not _dose_word(lowers, i)
        ]
        if b.start >= a.end
        else []
        for a, b in zip(kept, kept[1:], strict=False)
    ]
    comma_joins: set[int] = set()
    k = 0
    while k < len(seps):
        if seps[k] == [","]:
            run = k
            while run < len(seps) and seps[run] == [","]:
                run += 1
            if run < len(seps) and seps[run] in (["and"], [",", "and"], ["plus"], ["with"]):
                comma_joins.update(range(k, run + 1))  # "A, B, and C": the Oxford comma too
            elif _regimen_head(doc, kept[run].end):
                # "cyclophosphamide, doxorubicin, fluorouracil therapy": a comma list
                # closed by one regimen noun is that regimen's drugs
                comma_joins.update(range(k, run))
            k = run
        else:
            k += 1
    expansion = _expansions(doc, kept)
    out: list[Regimen] = []
    first_question = next((i for i, w in enumerate(doc_lowers(doc)) if w == "?"), None)
    combo = False  # the regimen being built was written "A/B" or "A + B"
    for n, info in enumerate(kept):
        if n > 0 and n in expansion:
            out[-1].members.append(info)  # "THP [docetaxel, trastuzumab, pertuzumab]"
            continue
        if n > 0:
            prev, between = kept[n - 1], seps[n - 1]
            # "letrozole/ribociclib and fulvestrant/alpelisib": two combinations joined by
            # "and" are two regimens.
            next_is_combo = n < len(seps) and seps[n] in (["/"], ["+"])
            two_combos = between in (["and"], [",", "and"]) and combo and next_is_combo
            one_by_one = between in ([","], ["and"], [",", "and"]) and _told_one_by_one(
                doc, out[-1].start
            )
            if (
                not two_combos
                and not one_by_one
                and (
                    info.start < prev.end
                    or n - 1 in comma_joins
                    or all(w in REGIMEN_JOINERS for w in between)
                    or _combined(between)
                    or _apposition(doc, prev, info, between)
                )
            ):
                out[-1].members.append(info)
                combo = combo or between in (["/"], ["+"])
                continue
        combo = False
        cue = info.cue.rule.literal.lower() if info.cue is not None else ""
        lo = kept[n - 1].end if n > 0 else 0
        # Numbered items after a question are its answer options, not a history.
        marked = list_marker(doc, lo, info.start) and not (
            first_question is not None and first_question < info.start
        )
        later = (
            n > 0
            and (
                bool(LATER_MARKERS & set(seps[n - 1]))
                or (seps[n - 1] in ([","], ["and"], [",", "and"]) and _told_one_by_one(doc, lo))
                or cue == "then"
                # stop 36 (left open in stop 35): "I've been on Ibrance, Verzenio, Xeloda and now
                # Enhertu": the list ends on the one given now, after the others
                or (
                    seps[n - 1][-1:] == ["now"]
                    and set(seps[n - 1][:-1]) <= {",", "and"}
                    and not _may_be_combined(kept, seps, n - 1)
                )
                # stop 62 (r125-0003): and with its subject and verb ("I have had chemotherapy
                # and am now on letrozole and Herceptin", "… and she is now on fulvestrant")
                or (
                    _now_on_after(seps[n - 1])
                    and not ADDED_AFTER.intersection(lowers[info.end : info.end + 2])
                    # (not the same single drug with one added: "has had letrozole and is now
                    # on letrozole plus palbociclib" — the reviews of stop 62; a regimen that
                    # keeps its backbone is a new line: "had trastuzumab, pertuzumab and
                    # docetaxel and is now on trastuzumab, tucatinib and capecitabine")
                    and not (out and out[-1].names() == {info.mention.generic})
                )
                or _event_heading(seps[n - 1])
                or (marked and bool(out) and out[-1].marked)
            )
        )
        out.append(Regimen([info], later=later, earlier=cue in EARLIER_CUES, marked=marked))
    out = [r for r in out if _drop_bone_agents(r)]
    for regimen in out:
        regimen.intolerant = _told_not_tolerated(doc, regimen)
    _dated_in_order(doc, out)
    merged: list[Regimen] = []
    names: frozenset[str] = frozenset()  # of merged[-1]: a merge adds no name (linear)
    for regimen in out:
        own = regimen.names()
        if merged and own <= names:
            merged[-1].members.extend(regimen.members)
            if regimen.generics():  # a class word told again names no drug now given
                merged[-1].tail = list(regimen.members)
        elif merged and _switched_for_toxicity(doc, regimen):
            # stop 54 (held-out probe J): a drug switched for its toxicity, not at a
            # progression, continues the line ("1L letrozole + ribociclib, switched to
            # letrozole + abemaciclib after 2 months for QTc prolongation (no progression)")
            merged[-1].members.extend(regimen.members)
            names = names | own
        else:
            merged.append(regimen)
            names = own
    return _fold_class_mentions(doc, merged)


TOXICITY_WORDS = frozenset(
    {"toxicity", "toxicities", "intolerance", "side-effects", "effects", "qtc", "qt", "rash"}
    | {"neutropenia", "diarrhoea", "diarrhea", "hepatotoxicity", "transaminitis", "pneumonitis"}
    | {"nausea", "fatigue", "adverse", "tolerability", "mucositis", "neuropathy", "cost"}
)
TOXICITY_REACH = 14  # words after the switched-to regimen, inside its sentence


def _switched_for_toxicity(doc: Doc, regimen: Regimen) -> bool:
    """The regimen is introduced by "switched/changed to" and its sentence gives a toxicity as
    the reason, or denies a progression ("(no progression)", "without progression")."""
    first = regimen.members[0].start
    lowers = doc_lowers(doc)
    before = lowers[max(first - 3, 0) : first]
    if "to" not in before or not SWITCH_WORDS.intersection(before):
        return False
    hi = min(sentence_bounds(doc, first)[1], regimen.members[-1].end + TOXICITY_REACH)
    after = lowers[regimen.members[-1].end : hi]
    for k, word in enumerate(after):
        if word in (";", "then"):
            break
        if word == "progression" and k > 0 and after[k - 1] in ("no", "without", "not"):
            return True
        if word in TOXICITY_WORDS and {"for", "due", "because", "owing"} & set(after[:k]):
            return True
    return False


# a noun naming the regimen a list of drugs right before it forms ("A, B, C therapy")
REGIMEN_HEADS = frozenset(
    {"therapy", "regimen", "chemotherapy", "combination", "protocol", "treatment", "schedule"}
    | {"chemo", "doublet", "triplet", "polychemotherapy", "chemotherapeutic"}
)


# terse notation of an evidence table or a clinic letter: "Relapse: lung metastases.
# Treated with TAM … Relapse: 76 years – ANA therapy given": each heading opens a later event
EVENT_HEADINGS = frozenset(
    {"relapse", "recurrence", "progression", "pd", "relapse/progression", "2nd", "second"}
)


def _event_heading(between: list[str]) -> bool:
    return any(
        w in EVENT_HEADINGS and nxt == ":" for w, nxt in zip(between, between[1:], strict=False)
    )


def _regimen_head(doc: Doc, end: int) -> bool:
    """The token after a drug list (past a brand's mark or a hyphen: "fluorouracil-based
    regimen") is a regimen noun."""
    i = end
    while i < len(doc) and doc[i].lower_ in ("®", "™", "-", "based"):
        i += 1
    return i < len(doc) and doc[i].lower_ in REGIMEN_HEADS


YEAR = re.compile(r"^(?:19[5-9]\d|20[0-4]\d)$")


def _after_plans(planned: Sequence[int], lo: int, hi: int) -> int:
    """The end of the last plan's sentence between ``lo`` and ``hi`` (``lo`` when none)."""
    inside = [end for end in planned if lo <= end <= hi]
    return inside[-1] if inside else lo


def _year_after(doc: Doc, regimen: Regimen, limit: int) -> int | None:
    """The first year told right after the regimen, before ``limit`` (the next regimen) and
    in its sentence: "A from December 2015–February 2016", "B (2017-2018)", "C in 2019"."""
    hi = min(limit, sentence_bounds(doc, regimen.end - 1)[1], regimen.end + 10)
    for t in doc[regimen.end : hi]:
        if YEAR.match(t.text):
            return int(t.text)
    return None


def _dated_in_order(doc: Doc, regs: list[Regimen]) -> None:
    """Regimens each told with its own period, the periods in time order ("A from
    December 2015–February 2016 and B from March 2016–May 2016", "A (2014), B (2016)"): the
    later one follows the earlier as a "then" would."""
    years = [
        _year_after(doc, r, regs[n + 1].start if n + 1 < len(regs) else len(doc))
        for n, r in enumerate(regs)
    ]
    for n in range(1, len(regs)):
        a, b = years[n - 1], years[n]
        if (
            a is not None
            and b is not None
            and b >= a
            and not regs[n].earlier
            # one sentence tells both ("tamoxifen was started in 2016. … switched to
            # letrozole in 2018" may be one adjuvant course)
            and sentence_bounds(doc, regs[n - 1].start)[0] == sentence_bounds(doc, regs[n].start)[0]
        ):
            regs[n].later = True


OPENING = {"[": "]", "(": ")"}


def _expansions(doc: Doc, kept: Sequence[MentionInfo]) -> set[int]:
    """Indexes of mentions that spell out the regimen abbreviation right before them, in
    brackets: "THP [docetaxel, trastuzumab, pertuzumab]", "AC (doxorubicin and
    cyclophosphamide)" — one regimen, not one per drug (a bracketed list after a drug name
    or a word is a list of regimens: "prior therapies (letrozole, fulvestrant)").

    A brand or any drug name glossed in brackets by its own generics ("Phesgo® (fixed-dose
    combination of trastuzumab and pertuzumab)", "Kadcyla (T-DM1)", "Herceptin
    (trastuzumab)") is one regimen too: the bracket names no drug the name does not."""
    out: set[int] = set()
    n = 0
    while n < len(kept) - 1:
        info = kept[n]
        opener = _bracket_after(doc, info.end)
        if opener is None:
            n += 1
            continue
        closer = OPENING[opener.text]
        close = next(
            (t.i for t in doc[opener.i + 1 : opener.i + 30] if t.text in (closer, ".", ";")),
            None,
        )
        m = n + 1
        while m < len(kept) and kept[m].start <= info.end:
            m += 1  # the other drugs of the abbreviation itself (a brand's several generics)
        inside = m
        while close is not None and inside < len(kept) and kept[inside].start < close:
            inside += 1
        own = {k.mention.generic for k in kept[n:m]}
        glossed = {k.mention.generic for k in kept[m:inside]}
        if (
            close is not None
            and doc[close].text == closer
            and inside > m
            and (info.mention.how == "abbreviation" or (None not in glossed and glossed <= own))
        ):
            out.update(range(m, inside))
            n = inside
        else:
            n = m
    return out


BRAND_MARKS = frozenset({"®", "™", "(r)", "(tm)"})


def _bracket_after(doc: Doc, end: int) -> Token | None:
    """The opening bracket right after a drug name (past a brand's mark, which the
    normaliser may have made a space), else None."""
    i = end
    while i < len(doc) and (doc[i].lower_ in BRAND_MARKS or doc[i].is_space):
        i += 1
    return doc[i] if i < len(doc) and doc[i].text in OPENING else None


DOSE_WORDS = frozenset(
    {"mg", "mg/m2", "mg/kg", "g", "mcg", "twice", "once", "daily", "weekly", "orally", "po"}
    | {"bid", "qd", "od", "tid", "iv", "q3w", "q4w", "q28d", "day", "days", "per", "every"}
    | {"dose", "doses", "reduced", "a"}
    | {"®", "™", "(r)", "(tm)"}  # a brand's mark: "Adriamycin®, fluorouracil"
)


def _past_gloss(doc: Doc, end: int, limit: int) -> int:
    """Past a bracketed gloss right after a drug ("carboplatin (alkylating agent-platinum
    compound), Taxotere, and Herceptin"): the bracket says what the drug is, not where a
    regimen ends. A bracket with a drug in it (``limit`` inside) is kept."""
    if end >= limit or doc[end].text not in OPENING:
        return end
    closer = OPENING[doc[end].text]
    for t in doc[end + 1 : min(limit, end + 12)]:
        if t.text == closer:
            return t.i + 1
        if t.text in (".", ";") or t.text in OPENING or t.like_num:
            break  # "(2019-2020)", "(6 cycles)": a period or a course, not a gloss
    return end


DOSE_UNITS = frozenset({"mg", "g", "mcg", "mg/m2", "mg/m²", "mg/kg"})  # a number's dose units
DOSE_SHAPE = re.compile(r"\d+(?:\.\d+)?(?:mg|g|mcg|mg/m2)")
NUMBER_SHAPE = re.compile(r"\d+(?:\.\d+)?")


def _dose_word(lowers: list[str], i: int) -> bool:
    """ "150mg", "2.5", "mg", "twice", "daily", "q3w": a dose or schedule (token ``i`` of a
    Doc whose words are ``lowers``, ``doc_lowers``: no Token object per word)."""
    word = lowers[i]
    if word in DOSE_WORDS or DOSE_SHAPE.fullmatch(word):
        return True
    return (  # "2.5 mg" (a bare number is a dose only with its unit: "(2) fulvestrant" lists)
        bool(NUMBER_SHAPE.fullmatch(word)) and i + 1 < len(lowers) and lowers[i + 1] in DOSE_UNITS
    )


def _apposition(doc: Doc, prev: MentionInfo, info: MentionInfo, between: list[str]) -> bool:
    """ "an aromatase inhibitor, letrozole": a class named with an article, then a comma
    and a drug — the drug it names, not a second regimen."""
    return (
        between == [","]
        and prev.mention.generic is None
        and info.mention.generic is not None
        and any(t.lower_ in ("a", "an") for t in doc[max(prev.start - 2, 0) : prev.start])
    )


def _drop_bone_agents(regimen: Regimen) -> bool:
    """Leave bone agents out of the regimen; False when nothing else is left."""
    regimen.members = [m for m in regimen.members if m.mention.role != "bone-therapy"]
    return bool(regimen.members)


def _fold_class_mentions(doc: Doc, regs: list[Regimen]) -> list[Regimen]:
    """A class word next to named drugs in one sentence is the same regimen: "fourth line
    chemotherapy with weekly paclitaxel", "first-line chemotherapy …, consisting of
    ixabepilone and capecitabine", "eribulin was commenced as fifth-line chemotherapy"."""

    def sentence(r: Regimen) -> int:
        return sentence_bounds(doc, r.start)[0]

    out: list[Regimen] = []
    for i, regimen in enumerate(regs):
        told = _told_before(doc, regimen, out)
        if told is not None:
            # "Chemotherapy, consisting of weekly paclitaxel plus biweekly bevacizumab, was
            # administered … 9 months after the administration of chemotherapy": the class
            # word again, definite, is the regimen told with it, not another (and names no
            # drug of it: left out, so the regimen ends where it was told)
            continue
        if all(m.mention.generic is None for m in regimen.members):
            near = [
                j
                for j in (i - 1, i + 1)
                if 0 <= j < len(regs)
                and sentence(regs[j]) == sentence(regimen)
                and any(m.mention.generic for m in regs[j].members)
                and not _clause_then_begun(doc, regimen, regs[j])
            ]
            if not near and _course_continued(doc, regimen, regs[i + 1 : i + 2]):
                near = [i + 1]
            if near:
                target = regs[near[0]]
                target.members = sorted(target.members + regimen.members, key=lambda m: m.start)
                target.later = target.later or (regimen.later and near[0] > i)
                continue
        out.append(regimen)
    return out


DEFINITE = frozenset({"the", "this", "that", "such", "said", "same"})


def _told_before(doc: Doc, regimen: Regimen, earlier: Sequence[Regimen]) -> Regimen | None:
    """The regimen, told with the same class word, that a class-only regimen written definite
    ("the chemotherapy", "after the initiation of chemotherapy") refers back to: the last
    regimen before it with a named drug, when that one has the class word. None otherwise."""
    if not earlier or regimen.later or any(m.mention.generic for m in regimen.members):
        return None
    classes = {m.mention.drug_class for m in regimen.members}
    named = next(
        (
            r
            for r in reversed(earlier)
            if r.generics() and classes <= {m.mention.drug_class for m in r.members}
        ),
        None,
    )
    if named is None:
        return None
    return named if any(_definite(doc, m.start) for m in regimen.members) else None


def _definite(doc: Doc, start: int) -> bool:
    """A definite word a few words before ``start`` in its sentence ("the chemotherapy",
    "after the initiation of chemotherapy"), nothing begun between."""
    lo = sentence_bounds(doc, start)[0]
    words = [t.lower_ for t in doc[max(lo, start - 4) : start]]
    return bool(DEFINITE & set(words)) and not (BEGIN_WORDS | LATER_MARKERS) & set(words)


CONTINUED_WORDS = frozenset({"continued", "continuing", "continues", "maintained", "remained"})
COURSE_WORDS = frozenset({"cycles", "courses", "doses", "months", "weeks", "infusions"})


def _course_continued(doc: Doc, regimen: Regimen, following: Sequence[Regimen]) -> bool:
    """A class word told continuing, and the next sentence telling a course of a named drug
    with nothing begun between ("She continued chemotherapy and received WBRT. After 3
    cycles of eribulin, treatment was discontinued …"): the same regimen."""
    if not following or not any(m.mention.generic for m in following[0].members):
        return False
    lo, hi = sentence_bounds(doc, regimen.start)
    nxt = following[0].start
    if hi >= len(doc) or not hi <= nxt < sentence_bounds(doc, hi)[1]:
        return False  # only the very next sentence
    if not any(t.lower_ in CONTINUED_WORDS for t in doc[lo : regimen.start]):
        return False
    before = [t.lower_ for t in doc[max(hi, nxt - 4) : nxt]]
    between = {t.lower_ for t in doc[regimen.end : nxt]}
    return (
        bool(before)
        and before[-1] == "of"
        and bool(COURSE_WORDS & set(before))
        and not between & (BEGIN_WORDS | LATER_MARKERS | SWITCH_WORDS)
        and not progression_in(doc, regimen.end, nxt)
    )


SWITCH_WORDS = frozenset({"switched", "changed", "replaced", "instead"})


def _clause_then_begun(doc: Doc, a: Regimen, b: Regimen) -> bool:
    """ "We then gave CMF chemotherapy, and after six cycles we started megestrol": a
    clause break and a start word between — two regimens, not a class word and its drug."""
    first, second = (a, b) if a.start < b.start else (b, a)
    words = {t.lower_ for t in doc[first.end : second.start]}
    if not words & {",", ";"}:
        return False
    # "…, and weekly paclitaxel was begun": the start verb told after the drug
    return bool(words & (BEGIN_WORDS | LATER_MARKERS)) or _begun_next(doc, second.end)


def _begun_next(doc: Doc, end: int) -> bool:
    """A start verb right after a drug ("paclitaxel was begun", "X is started")."""
    return any(t.lower_ in BEGIN_WORDS for t in doc[end : min(end + 3, len(doc))])


# A regimen gone onto, told by a movement verb and its particle right before the drug ("I
# went on Piqray", "moved on to Enhertu", "transitioned to capecitabine"): begun, as by a
# start verb. Two words, never the verb alone ("went to see her oncologist").
ONTO_VERBS = frozenset({"went", "go", "going", "moved", "transitioned"})
ONTO_PARTICLES = frozenset({"on", "onto", "to", "back"})


def gone_onto(doc: Doc, start: int) -> bool:
    """A movement verb and its particle in the 4 tokens before ``start`` ("went on X")."""
    window = doc_lowers(doc)[max(start - 4, 0) : start]
    return any(w in ONTO_VERBS and nxt in ONTO_PARTICLES for w, nxt in pairwise(window))


def begun_after_its_target(doc: Doc, infos: Sequence[MentionInfo], info: MentionInfo) -> bool:
    """A drug told begun after the progression cue's own drug, in the cue's sentence
    ("progressed on palbociclib plus letrozole and was started on fulvestrant", "After
    progressing on Ibrance I started Piqray and fulvestrant"): the start verb ends the cue's
    scope — the drugs after it were begun at the progression, not failing. The cue must
    have a drug of its own before the start verb ("progressed after starting palbociclib"
    keeps its one drug failing)."""
    assert info.cue is not None
    cue_end = info.cue.end
    if info.start < cue_end or cue_end < sentence_bounds(doc, info.start)[0]:
        return False
    own = [m.end for m in infos if cue_end <= m.start and m.end <= info.start and m is not info]
    if not own:
        return False
    lowers = doc_lowers(doc)
    first_own = min(own)
    ends = {m.end for m in infos}
    return any(
        # not a participle right after a drug ("anastrozole started in 2019 and palbociclib")
        (lowers[k] in BEGIN_WORDS and k not in ends)
        or (lowers[k] in ONTO_VERBS and k + 1 < info.start and lowers[k + 1] in ONTO_PARTICLES)
        for k in range(first_own, info.start)
    )


def begun_in_next_clause(doc: Doc, cue_end: int, info: MentionInfo) -> bool:
    """A drug told begun in a clause after the progression cue's ("resistant to hormone
    therapy, and weekly paclitaxel was begun"): the cue's scope does not reach it."""
    if info.start < cue_end:
        return False
    between = [t.lower_ for t in doc[cue_end : info.start]]
    joined = any(
        w == "," and nxt in ("and", "then", "so")
        for w, nxt in zip(between, between[1:], strict=False)
    )
    return joined and (_begun_next(doc, info.end) or bool(set(between) & BEGIN_WORDS))


# round 19: the words that put a regimen after a stated count of lines ("Three prior lines,
# then capecitabine"; "two lines of endocrine therapy followed by paclitaxel"; "… now on
# eribulin"). Not "most recently": "three prior lines, most recently capecitabine" names
# the last of the three.
AFTER_COUNT = frozenset({"then", "followed", "subsequently", "thereafter", "afterwards", "next"})
NOW_ON = frozenset({"now", "currently"})
COUNT_GAP = 8  # tokens from the count to the first regimen told after it


def further_lines(doc: Doc, regs: Sequence[Regimen], end: int, failing: Regimen | None) -> int:
    """Lines told after a stated count of lines (its last token before ``end``): each
    regimen named after the count, in order, the first told after it by a word of
    ``AFTER_COUNT`` or "now (on)". A regimen given and then another (or failing) is one
    more line; the last one, not failing (just started, responding), is the line she is on
    and not counted (FORMAT.md). Nothing when a regimen is told before the count or the
    first one after it is not told later ("three prior lines (A, B, C)", "including A")."""
    after = [r for r in regs if r.start >= end]
    if not after or len(after) != len(regs) or any(r.earlier for r in after):
        return 0
    lowers = doc_lowers(doc)
    between = lowers[end : after[0].start]
    if len(between) > COUNT_GAP or not (
        AFTER_COUNT & set(between)
        or any(w in NOW_ON and nxt == "on" for w, nxt in pairwise(between))
    ):
        return 0
    if any(w in (":", "(", "including", "incl", "incl.", "namely", "with") for w in between):
        return 0
    distinct = len({_named(r) for r in after})
    last_failing = after[-1] is failing or after[-1].progression
    return distinct if last_failing else distinct - 1


BRACKET_PROGRESSION = "(PD)"  # context_rules.yaml: "letrozole/palbociclib (PD), …"


def _marked_failing(regimen: Regimen) -> bool:
    """The regimen is told failing by a bracketed marker of its own ("fulvestrant (PD)")."""
    return any(
        m.progression and m.cue is not None and m.cue.rule.literal == BRACKET_PROGRESSION
        for m in regimen.members
    )


def failing_regimen(regs: Sequence[Regimen]) -> Regimen | None:
    """The last regimen told failing; "progressed on A, then on B" -> B. Not after a
    bracketed marker: "A (PD), B (PD), C" marks each failure, and C (no marker) is not one;
    not one told not tolerated ("progressed on A, then could not tolerate B": stopped for
    its toxicity)."""
    failing: Regimen | None = None
    for regimen in regs:
        if regimen.progression or (
            failing is not None
            and regimen.later
            and not regimen.intolerant
            and not _marked_failing(failing)
        ):
            failing = regimen
    return failing


def _after_marked_failures(regs: Sequence[Regimen]) -> int | None:
    """Index of the last regimen when the one before it is told failing by its bracketed
    marker and it has none ("A (PD), B (PD), capecitabine 2022-present"): the line she is on."""
    if len(regs) >= 2 and _marked_failing(regs[-2]) and not regs[-1].progression:
        return len(regs) - 1
    return None


def attached_regimen(doc: Doc, line: LineMention, regs: Sequence[Regimen]) -> int | None:
    """Index of the regimen an ordinal belongs to: right after it ("first-line A", "first
    line was A"), or right before it with only linking words between ("A was her first …",
    "A as first line"). Positions are those of the mentions (a merged regimen has several)."""
    # Positions first (cheap), the words between only for members within reach: a flood of
    # "1L A, " x 400 would otherwise slice the Doc for every line x member pair.
    for i, regimen in enumerate(regs):
        for member in regimen.members:
            if not line.end <= member.start <= line.end + 3:
                continue
            between = doc[line.end : member.start]
            if not any(
                t.lower_ in LATER_MARKERS or (t.is_punct and t.text not in ("-", ":"))
                for t in between
            ):
                return i
    for i, regimen in enumerate(regs):
        for member in regimen.members:
            if not member.end <= line.start <= member.end + 4 + DURATION_REACH:
                continue
            # a duration may sit between ("PD on A/B after 20 mo as 1st line")
            words = [t for t in doc[member.end : line.start] if not _duration_word(t)]
            # (an apposition set off by dashes, its start dated: "started capecitabine in
            # January - her 3rd metastatic line -", stop 73, held-out probe AC)
            words = [
                t
                for k, t in enumerate(words)
                if not _date_word(t)
                and not (
                    t.lower_ in ("in", "since") and k + 1 < len(words) and _date_word(words[k + 1])
                )
            ]
            if len(words) <= 4 and all(
                t.text in ("(", ")", ",", "-", "–", "—")
                or t.lower_ in RELATIVE_WORDS | LINKING_VERBS
                for t in words
            ):
                return i
    return None


DURATION_REACH = 4  # "after 20 mo", "for ~2 years", "x 14 months"
DURATION_WORDS = frozenset(
    {"after", "for", "x", "~", "over", "of", "about", "approximately"}
    | {"mo", "mos", "mo.", "month", "months", "m", "yr", "yrs", "year", "years", "y"}
    | {"wk", "wks", "week", "weeks", "d", "day", "days"}
    # a count in words: "after four months", "for two years"
    | {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
    | {"eleven", "twelve", "eighteen", "twenty", "several", "few"}
)


MONTH_WORDS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september"}
    | {"october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug"}
    | {"sep", "sept", "oct", "nov", "dec"}
)


def _date_word(token: Token) -> bool:
    """A month or a year (with the "in"/"since" before it: "in January 2024")."""
    text = token.lower_
    return text in MONTH_WORDS or bool(re.fullmatch(r"(?:19|20)\d\d", text))


def _duration_word(token: Token) -> bool:
    text = token.lower_
    return text in DURATION_WORDS or bool(
        re.fullmatch(r"~?\d+(?:\.\d+)?(?:mo|m|y|yrs?|wks?)?", text)
    )


@dataclass(slots=True)
class History:
    progressed_on: list[tuple[str, Span]] = field(default_factory=list)
    prior_lines: tuple[int, Span] | None = None
    prior_chemo_lines: tuple[int, Span] | None = None
    mentions: list[DrugMention] = field(default_factory=list)
    # lines told after a stated count ("Three prior lines, then capecitabine, now
    # progressing": one more line given than the count says; see further_lines)
    further_lines: int = 0
    # the drugs of the regimen she is on now, begun and not failing, so not counted in
    # prior_lines ("Now on second-line eribulin; first line was letrozole + palbociclib"):
    # a progression told on it later is one more line (chatbot.dialogue.progression)
    on_now: list[str] = field(default_factory=list)


def read_history(
    doc: Doc,
    infos: Sequence[MentionInfo],
    lines: Sequence[LineMention],
    stated_lines: int | None,
    chemo_generics: frozenset[str],
    chemo_classes: frozenset[str],
    progression_cue_seen: bool,
    class_members: Mapping[str, Sequence[str]] | None = None,
    event: int | None = None,
    stated_end: int | None = None,
) -> History:
    """Regimens, failing regimen and line counts of one message (see module docstring).
    ``event``: the token of the told discovery of metastatic disease
    (chatbot.nlp.metastatic_event), if any: a metastasis found after a regimen told after it
    is that regimen's progression (``metastasis_found``). ``stated_end``: the token after the
    count of lines the text states (``stated_lines``), if one count was read."""
    doc.user_data[EVENT_KEY] = event
    history = History(mentions=[i.mention for i in infos])
    for info in infos:
        if info.progression and info.cue is not None and _across_clause(doc, info):
            # "Progressed on first-line A; second-line B has just been started": the cue's
            # scope does not cross the semicolon to B.
            info.progression = False
        elif (
            info.progression
            and info.cue is not None
            and begun_in_next_clause(doc, info.cue.end, info)
        ):
            # "… resistant to hormone therapy, and weekly paclitaxel was begun": begun at
            # the progression, not failing
            info.progression = False
        elif info.progression and info.cue is not None and begun_after_its_target(doc, infos, info):
            info.progression = False
        elif (
            not info.progression
            and received(info)
            and info.mention.generic is not None
            and _failed_at(doc, info.start)
        ):
            # "after progression on second-line eribulin": the begun-at-progression cue
            # (for "B after progression") does not apply to a drug the progression is on.
            # Not a class word ("in view of failure of hormonal therapy" may name the
            # regimen before).
            info.progression = True
    regs = _planned_sequences(doc, _time_order(doc, regimens(doc, infos)), class_members or {})
    attached_at = [attached_regimen(doc, line, regs) for line in lines]
    attached = {id(line): index for line, index in zip(lines, attached_at, strict=True)}
    failing = failing_regimen(regs)
    # Ordinals on two or more regimens ("1L A, 2L B") order them as a "then" would.
    ordinal_count = sum(
        1 for line in lines if not line.hypothetical and attached[id(line)] is not None
    )
    sequence = (
        len(regs) >= 2
        and (
            any(r.later for r in regs)
            or ordinal_count >= 2
            or (ordinal_count == 0 and _chained(doc, regs, event))
            # each told failing by its own marker, in the order listed ("A (PD), B (PD)")
            or all(_marked_failing(r) for r in regs[:-1])
        )
    )
    listed = stated_lines is not None and stated_lines == len(regs)
    if (
        failing is None
        and regs
        and (sequence or listed)
        and (progression_cue_seen or _progression_after(doc, regs[-1]))
    ):
        # "Three prior lines: A, B, C. Progressing again." -> the last regimen is failing.
        failing = next((r for r in reversed(regs) if not r.earlier), None)
    elif (
        failing is None
        and regs
        and stated_lines is None
        and not regs[-1].earlier
        # of several, the last begun at a progression or as the maintenance of the one
        # before ("shifted to maintenance hormonotherapy with fulvestrant")
        and (
            len(regs) == 1
            or _progression_between(doc, _first_told(regs[-2]), regs[-1])
            or any(_maintenance(doc, Regimen([m])) for m in regs[-1].members)
            or _progression_of_patient(doc, regs[-1].end)
        )
        and not any(m.cue is not None and m.cue.rule.literal in EXAMPLES for m in regs[-1].members)
        and (
            _progression_after(doc, regs[-1])
            # "… maintenance pertuzumab and trastuzumab. Imaging showed … a small new
            # pulmonary metastasis. … she had received seven cycles of pertuzumab and
            # trastuzumab": the regimen told again after its failure is still the one failing
            or (
                len(regs) == 1
                and _retold_given(doc, regs[-1])
                and _progression_after(doc, _first_told(regs[-1]))
            )
        )
        and not _free_after_progression(doc, regs[-1])
        and not _begun_for_a_progression(doc, regs[-1])
    ):
        # "… received first-line gemcitabine plus carboplatin … Imaging revealed disease
        # progression": the only regimen named is the one failing (not when a disease-free
        # state is told after the progression: it was treated and cleared). Of several, the
        # last, begun at a progression and told failing in a later clause ("… multiple bone
        # metastases, and pertuzumab, trastuzumab and docetaxel was started … maintenance
        # with pertuzumab and trastuzumab … after another 7 months, she developed new
        # vertebral metastasis").
        failing = regs[-1]
        progression_cue_seen = True
    elif failing is not None and _last_told_failing(doc, regs, failing):
        # "A failed to improve her condition; the metastases responded to B, but eventually
        # regrew": the last regimen told failing is the one failing now
        failing = regs[-1]
    elif failing is None and _next_line_asked_now(doc, lines, attached, regs):
        # "… a year and a half of remission on T-DXd. And now, where to go for third-line
        # therapy?": the line after the last regimen is asked now, so that regimen has failed
        failing = regs[-1]
    _set_failing(history, failing, infos)

    # Ordinals tied to regimens put them in time order even when the text does not
    # ("PD on A as 2nd line; 1st line was B").
    ordinal_at: dict[int, int] = {}
    for line in lines:
        index = attached[id(line)]
        if index is not None and not line.hypothetical:
            ordinal_at.setdefault(index, line.ordinal)
    progressing = [i for i, r in enumerate(regs) if r.progression]
    if failing is not None and regs.index(failing) in ordinal_at:
        ranked = [i for i in progressing if i in ordinal_at]
        latest = max(ranked, key=lambda i: ordinal_at[i]) if ranked else regs.index(failing)
        if ordinal_at[latest] > ordinal_at[regs.index(failing)]:
            failing = regs[latest]
            _set_failing(history, failing, infos)

    # The last regimen, when an ordinal says it is only now begun ("eribulin was commenced
    # as fifth-line"), is not a line given yet.
    begun = next(
        (
            len(regs) - 1
            for line in lines
            if regs
            and attached[id(line)] == len(regs) - 1
            and not regs[-1].progression
            and _started(doc, line, regs[-1])
        ),
        None,
    )
    if (
        begun is not None
        and begun >= 1
        and failing is None
        and _progression_between(doc, regs[begun - 1], regs[begun])
    ):
        # "… receives T-DXd … imaging confirms disease progression … SG is initiated as
        # third-line": the regimen before the one now begun is the one that failed.
        failing = regs[begun - 1]
        _set_failing(history, failing, infos)

    # "A, then B upon progression": B was begun when A failed (the PSEUDO cue keeps the
    # progression word from marking B). The last such regimen is the one now given.
    at_progression = _begun_at_progression(doc, regs)
    switched = _switched_to(doc, regs)
    if (
        at_progression is None
        and switched is not None
        and (
            regs[switched - 1].progression
            or progression_in(doc, _told_since(doc, regs, switched - 1), regs[switched].start)
            or _reason_end(doc, regs[switched]) is not None
        )
    ):
        # "A … with subsequent disease progression; switched to B": the same as "then B
        # upon progression" (a switch told without a progression may be for toxicity)
        at_progression = switched
    if at_progression is None:
        # "A … enlargement of bone lesions … then started on B"; "Later, B was started in
        # view of failure of hormonal therapy"
        at_progression = _started_at_progression(doc, regs)
    if at_progression is None:
        # "letrozole/palbociclib (PD), fulvestrant (PD), capecitabine": the unmarked last one
        at_progression = _after_marked_failures(regs)
    if at_progression is not None and (
        at_progression < 1
        or any(r.progression for r in regs[at_progression:])
        or progression_in(doc, _after_begun(doc, regs[at_progression]), len(doc))
        or not all(_drugs(r) <= _drugs(regs[at_progression]) for r in regs[at_progression:])
    ):
        if (
            len(regs) == 2
            and at_progression == 1
            and failing is regs[1]
            and regs[0].progression
            and bool(regs[0].generics())
        ):
            # "progressed on A and was started on B, on which she progressed after 6 months":
            # A failed, B begun at its failure and then failing: the history told in order
            sequence = True
        at_progression = None  # later told failing, or followed by another regimen
    # the lines given before it: the regimens before, not counting earlier mentions of
    # the regimen begun ("… after 4 weeks of B. … A, progression; switched to B")
    given_before = (
        len({_named(r) for r in regs[:at_progression]} - {_named(regs[at_progression])})
        if at_progression is not None and not _lines_unnamed(doc)
        else None
    )
    if at_progression is not None:
        if failing is None or failing in regs[at_progression:]:
            failing = regs[at_progression - 1]
            _set_failing(history, failing, infos)
        if begun is None:
            begun = at_progression

    # "capecitabine given as sixth-line treatment was very effective": the last regimen, its
    # ordinal told and the regimen told working, is the line she is on, not one given yet:
    # the ordinal counts the lines before it. A first line told working ("regressed following
    # first-line palbociclib") is no line given: 0 (FORMAT.md: a line begun and not failing is
    # not counted) — only as the one regimen told: after another regimen the ordinal may
    # be wrong (FIRST_LINE_AFTER in tests/checklist.py), and the count is asked.
    working = next(
        (
            line
            for line in lines
            if regs
            and attached[id(line)] == len(regs) - 1
            and not (line.hypothetical or line.nominal or line.only)
            and regs[-1] is not failing
            and not regs[-1].progression
            and not _failed_line(doc, line)
            and (line.ordinal >= 2 or len(regs) == 1)
            and all(o <= line.ordinal for o in ordinal_at.values())
            and _told_working(doc, regs[-1])
        ),
        None,
    )
    if working is not None and begun is None:
        begun = len(regs) - 1
    told_first = _current_told_first(doc, regs, ordinal_at, failing) if begun is None else None
    if told_first is not None:
        begun = told_first

    # "first-line vinorelbine plus capecitabine … shifted to maintenance hormonotherapy with
    # fulvestrant": a maintenance begun with nothing failing before it is the same line as
    # the induction before it (FORMAT.md), not a later line
    folded = {
        i
        for i in range(1, len(regs))
        if i not in ordinal_at
        and not regs[i].earlier
        and not regs[i - 1].progression
        and _told_maintenance(doc, regs[i])
        and not _progression_between(doc, regs[i - 1], regs[i])
    }

    def later_count(index: int) -> int:
        own = ordinal_at.get(index)
        count = 0
        for j, r in enumerate(regs):
            if j in (index, begun):
                continue
            if own is not None and j in ordinal_at:
                count += ordinal_at[j] > own
            elif j > index and not r.earlier and j not in folded:
                count += 1
        return count

    counted: tuple[int, Span] | None = None
    now_at: int | None = None  # the regimen she is on, told by its ordinal (not counted)
    now_value = -1  # the count read at it
    whole_history = False
    on_last = False  # the last regimen of a sequence is the one she is on, not counted
    for line in lines:
        failed = _failed_line(doc, line)
        if line.hypothetical and not line.nominal:
            # "second-line options?" asks about the next line: one fewer given; "what to do
            # when the disease progresses after a second-line …?" asks about the one after it
            counted = _max(counted, (line.ordinal - (not failed), line.span))
            continue
        if line.only:
            counted = _max(counted, (1, line.span))
            whole_history = True
            continue
        index = attached[id(line)]
        if index is None:
            # Not tied to a regimen: the line she is progressing on ("progressing on her
            # first metastatic line") or the line asked about ("second-line options?").
            value = (
                line.ordinal
                if (line.nominal and (line.progression or line.past))
                or line.past
                or failed
                or _fails_next(doc, line, lines)
                else line.ordinal - 1
            )
            if (
                value == line.ordinal
                and not failed
                and not line.progression
                and any(t.lower_ in CONTINUING for t in doc[line.end :])
                and not progression_in(doc, line.end, len(doc))
            ):
                value -= 1  # "… as forth-line treatment. She is continuing this regimen"
            counted = _max(counted, (value, line.span))
            continue
        if index == told_first:
            # the line she is on, told before the history it follows: the lines before it;
            # told failing after that history ("… Previously THP, progressed. Now progressing
            # with new brain metastases", the review of stop 69), it is given too
            counted = _max(counted, (line.ordinal - (not _failing_now(doc, regs[-1])), line.span))
            continue
        after = later_count(index)
        if (
            failing is not None
            and failing is not regs[index]
            and regs.index(failing) < index
            and regs.index(failing) not in ordinal_at
            # (stop 70: not the line told as the one she is on now, "Progressed on letrozole
            # + palbociclib, now on second-line fulvestrant": the failing one came before it)
            and not _told_now(doc, min(line.start, regs[index].start))
        ):
            after += 1  # "progression on T-DM1; had THP first line": the failing one came later
        if (
            index == len(regs) - 1
            and not regs[index].progression
            and regs[index] is not failing
            and _started(doc, line, regs[index])
        ):
            # "eribulin was commenced as fifth-line chemotherapy": the line now begun is
            # not one already given (as "second-line options?" asks about the next one).
            # Begun and then told failing ("was started on first-line A … after 9 months,
            # progressive disease") it has been given: counted below.
            counted = _max(counted, (line.ordinal - 1, line.span))
        elif line is working:
            counted = _max(counted, (line.ordinal - 1, line.span))
        elif line.nominal or after > 0 or progression_cue_seen or failed or regs[index] is failing:
            # "the use of T-DXd as a sixth-line therapy … positive dynamics": the last
            # regimen, given now and told neither failing nor given in the past, is the
            # current line — not one already given (a progression told before it is the
            # earlier lines' failure).
            current = (
                after == 0
                and not failed  # stop 40 (r51): "with progression of both after first line chemotherapy"
                # (a nominal line told as the one she is on is current, "currently on letrozole
                # and palbociclib as her first treatment": the review of stop 72)
                and (not line.nominal or _told_on_now(doc, min(line.start, regs[index].start)))
                and (not line.past or _continuing_after(doc, regs[index]))
                and index == len(regs) - 1
                and regs[index] is not failing
                and not regs[index].progression
                and not _progression_after(doc, regs[index])
            )
            counted = _max(counted, (line.ordinal + after - current, line.span))
            if current:
                now_at = index
                now_value = line.ordinal + after - current
            whole_history = whole_history or line.ordinal == 1
        elif (
            not line.past
            and index == len(regs) - 1
            and not _progression_after(doc, regs[index])
            and _told_on_now(doc, min(line.start, regs[index].start))
            and not _someone_elses(doc, min(line.start, regs[index].start))
        ):
            # "now on first-line letrozole + ribociclib", "she is on second-line fulvestrant"
            # (stop 71): the line she is on, the lines before it given
            counted = _max(counted, (line.ordinal - 1, line.span))
            now_at, now_value = index, line.ordinal - 1
    if at_progression is not None and not sequence and counted is None and not _lines_unnamed(doc):
        sequence = True  # "A …; switched to B" lists the history as a "then" would
    # "… while on tamoxifen for her primary …, then first-line palbociclib": a regimen told
    # before the one the text calls first-line was no metastatic line (or the ordinal is
    # wrong): the sequence does not count the lines, and they are asked.
    first_after = any(k > 0 and o == 1 for k, o in ordinal_at.items())
    if sequence and first_after:
        sequence = False
    if sequence:
        # A sequence is the whole history unless an ordinal says it starts later ("A as
        # fourth-line, then B as fifth-line": lines 1-3 are not listed).
        whole_history = min(ordinal_at.values(), default=1) == 1
        if counted is None:
            # the regimen begun at the last progression (and its later mentions) is not a
            # line given yet
            given = given_before if given_before is not None else len(regs)
            # a maintenance folded into its induction is no line of its own ("paclitaxel x6
            # with a partial response, then maintenance letrozole and palbociclib. Now
            # progressing": one line, failing) (round 25, issue class 4)
            given -= sum(1 for i in folded if i < given)
            if (
                given_before is None
                and failing is None
                and (_last_responding(doc, regs) or _last_told_current(doc, regs))
            ):
                # "… chemotherapy, but later resolved with aromatase inhibitor therapy": the
                # last regimen told responding is the line she is on, not one given (FORMAT.md)
                given -= 1
                on_last = True
            elif (
                given_before is None
                and failing is None
                and not progression_cue_seen
                and _chemo_then_maintenance(doc, regs, chemo_generics, chemo_classes)
            ):
                # "chemotherapy with docetaxel and capecitabine followed by hormone maintenance
                # therapy with letrozole": a finished chemotherapy line and the drug kept after
                # it, nothing failing, are one line (FORMAT.md)
                given = 1
                on_last = True
            counted = (given, _regimen_span(regs[0]))
    # (not the one she is on, "currently on second-line fulvestrant" names no line given; unless
    # the count read elsewhere holds it, below: "… as first line; if it progresses, second line
    # will be fulvestrant")
    on_it = now_at if counted is not None and counted[0] == now_value else None
    named_lines = [r for i, r in enumerate(regs) if i not in (begun, on_it) and not r.earlier]
    if stated_lines is not None:
        counted = None  # "two prior lines" said outright wins; regimens only count chemo
        whole_history = whole_history or listed
        if stated_end is not None:
            history.further_lines = further_lines(doc, regs, stated_end, failing)
            own = ordinal_at.get(regs.index(failing)) if failing is not None else None
            if (
                own is not None
                and failing is not None
                and failing.start >= stated_end
                and not failing.earlier
            ):
                # the regimen failing, told after the count with its own ordinal, is that line
                # ("2 lines for the metastases (AC, then tamoxifen) … capecitabine - her 3rd
                # metastatic line - is failing": three given, stop 73, held-out probe AC; "3
                # lines … Currently on capecitabine, her 3rd line, progressing": three, not four)
                history.further_lines = max(own - stated_lines, 0)
    elif counted is not None and counted[0] >= 0:
        history.prior_lines = counted
    if whole_history and regs:
        # not the regimen only now begun ("changed to eribulin" after the progression)
        # nor the working one she is on
        given_regs = [
            r
            for i, r in enumerate(regs)
            if i != begun or (at_progression is None and working is None and told_first is None)
        ]
        chemo = chemo_lines(
            _fold_maintenance(regs, folded, given_regs[:-1] if on_last else given_regs),
            chemo_generics,
            chemo_classes,
        )
        history.prior_chemo_lines = (chemo, _regimen_span(regs[0]))
    elif (
        counted is not None
        and counted[0] >= 1
        and len({frozenset(_drugs(r)) for r in named_lines}) == counted[0] == len(named_lines)
        and not any(_maintenance(doc, r) for r in named_lines)
    ):
        # "progressed on my first line of treatment (Ibrance and letrozole)": every line
        # counted has its regimen told, so its chemotherapy lines are those regimens'
        history.prior_chemo_lines = (
            chemo_lines(named_lines, chemo_generics, chemo_classes),
            _regimen_span(named_lines[0]),
        )
    elif (
        history.prior_lines is not None
        and history.prior_lines[0] == 0
        and regs
        and not any(line.hypothetical for line in lines)
    ):
        # "starts first-line ribociclib plus letrozole": no line given, so no chemotherapy
        # line either (as the 0 at the metastatic event gives 0 chemotherapy lines)
        history.prior_chemo_lines = (0, history.prior_lines[1])
    if failing is not None and not failing.generics() and class_members:
        # "… changed to exemestane … the tumours were resistant to hormone therapy": the
        # class word names the regimen of that class told right before it
        named = _class_named(regs, failing, class_members)
        if named is not None:
            _set_failing(history, named, infos)
    if now_at is not None and (history.prior_lines or (None,))[0] != now_value:
        now_at = None  # the count read elsewhere may hold it ("… 1L, PD. Faslodex 2L now")
    if (
        begun is not None
        and begun in ordinal_at
        and history.prior_lines is not None
        and history.prior_lines[0] >= ordinal_at[begun]
    ):
        begun = None  # counted with the lines given
    history.on_now = _on_now(doc, regs, failing, begun, told_first, now_at, on_last)
    return history


def _on_now(
    doc: Doc,
    regs: Sequence[Regimen],
    failing: Regimen | None,
    begun: int | None,
    told_first: int | None,
    now_at: int | None,
    on_last: bool,
) -> list[str]:
    """The drugs of the regimen she is on, not counted as a line given: the one begun (at
    a progression, by its ordinal, told working or told first) or told current, and not the
    one failing; none when nothing is told of one."""
    if told_first is not None and _failing_now(doc, regs[-1]):
        return []  # told failing after its history: given, counted
    for index in (begun, now_at, len(regs) - 1 if on_last else None):
        if index is not None and regs[index] is not failing:
            return regs[index].generics()
    if (
        regs
        and failing is None
        and not regs[-1].earlier
        and _last_told_current(doc, regs)
        and not _someone_elses(doc, regs[-1].start)
    ):
        # one regimen, or the last of those told, told as the one she is on ("currently on
        # letrozole + palbociclib", "on fulvestrant since 2023"; stop 71): nothing failing
        return regs[-1].generics()
    return []


def _chained(doc: Doc, regs: Sequence[Regimen], event: int | None) -> bool:
    """The regimens are told one after another from the metastatic event on, each after a
    progression on the one before ("bone metastases … treated with anastrozole … progression
    … switched to exemestane"; "after EC failed, the metastases responded to paclitaxel"):
    the history listed in order, as a "then" would (none told before the event, none told as
    earlier, no lines told unnamed)."""
    return (
        event is not None
        and event < regs[0].start
        and not any(r.earlier for r in regs)
        # named drugs only: a class word ("hormone therapy was changed to …", "refractory to
        # chemotherapy") may retell a regimen or stand for lines not named
        and all(m.mention.generic for r in regs for m in r.members)
        and all(
            a.end <= b.start
            and (a.progression or progression_in(doc, _first_told(a).end, _own_cue_start(b)))
            for a, b in zip(regs, regs[1:], strict=False)
        )
        and not _lines_unnamed(doc)
    )


def _own_cue_start(regimen: Regimen) -> int:
    """Where the regimen's telling begins with its own progression cue ("… following a rapid
    progression on letrozole": the progression is letrozole's, not the regimen's before)."""
    first = regimen.members[0]
    if first.progression and first.cue is not None and first.cue.start < first.start:
        return first.cue.start
    return first.start


# The sequential anthracycline-then-taxane schedules (AC-T, EC-T, FEC-D, AC-TH: the lexicon's
# "ac-t"/"ec-t" name them as one regimen): "4 cycles of cyclophosphamide and doxorubicin
# followed by weekly paclitaxel" is one planned course, one line, not two. The two classes
# are knowledge/drugs.yaml's; the partners given with each are the schedules' own.
ANTHRACYCLINE_CLASS, TAXANE_CLASS = "anthracycline", "taxane"
ANTHRACYCLINE_PARTNERS = frozenset({"cyclophosphamide", "fluorouracil"})
TAXANE_PARTNERS = frozenset({"trastuzumab", "pertuzumab", "carboplatin"})


def _planned_sequences(
    doc: Doc, regs: list[Regimen], class_members: Mapping[str, Sequence[str]]
) -> list[Regimen]:
    """An anthracycline regimen then a taxane regimen told as its continuation ("… followed
    by", "then", in one sentence, a few words apart), nothing failing before the taxane and no
    earlier mention: one regimen (one course). Else the regimens as read."""
    anthracyclines = frozenset(class_members.get(ANTHRACYCLINE_CLASS, ()))
    taxanes = frozenset(class_members.get(TAXANE_CLASS, ()))
    out: list[Regimen] = []
    for reg in regs:
        prev = out[-1] if out else None
        if (
            prev is not None
            and _course_of(prev, anthracyclines, ANTHRACYCLINE_PARTNERS)
            and _course_of(reg, taxanes, TAXANE_PARTNERS)
            and not prev.earlier
            and not reg.earlier
            and reg.start - prev.end <= 8
            and sentence_bounds(doc, prev.start) == sentence_bounds(doc, reg.start)
            and any(t.lower_ in LATER_MARKERS for t in doc[prev.end : reg.start])
            and not progression_in(doc, prev.start, reg.start)
            and not _failed_at(doc, prev.start)
        ):
            # a progression after it is the course's: its taxane the drugs failing (tail)
            out[-1] = Regimen(
                [*prev.members, *reg.members],
                later=prev.later,
                marked=prev.marked,
                tail=list(reg.members),
            )
            continue
        out.append(reg)
    return out


def _course_of(regimen: Regimen, drugs: frozenset[str], partners: frozenset[str]) -> bool:
    """A regimen of one of ``drugs``, with nothing but them and their usual partners."""
    generics = {m.mention.generic for m in regimen.members}
    return bool(generics & drugs) and generics <= drugs | partners


def _class_named(
    regs: Sequence[Regimen], failing: Regimen, class_members: Mapping[str, Sequence[str]]
) -> Regimen | None:
    """The regimen a failing class word ("hormone therapy", "chemotherapy") names: the
    nearest named regimen before it, when its drugs are all of that class (else None: a
    class word after a regimen of another class names no regimen told)."""
    if failing.earlier or failing not in regs:
        return None
    members: set[str] = set()
    for m in failing.members:
        members.update(class_members.get(m.mention.drug_class or "", ()))
    for regimen in reversed(regs[: regs.index(failing)]):
        generics = regimen.generics()
        if generics:
            return regimen if members and set(generics) <= members else None
    return None


def _last_told_failing(doc: Doc, regs: Sequence[Regimen], failing: Regimen) -> bool:
    """The last regimen, told in the text after the one marked failing (time order and
    text order agree), is itself told failing after it (past any reason it was begun)."""
    last = regs[-1]
    return (
        last is not failing
        and not last.earlier
        and not last.progression
        and max(m.end for m in failing.members) <= last.start
        and progression_in(doc, _after_begun(doc, last), len(doc))
    )


RESPONSE_WORDS = frozenset(
    {"response", "responded", "resolved", "regression", "decreased", "disappeared"}
    | {"improvement", "improved", "stable", "shrinkage", "shrank", "reduction", "remission"}
    | {"benefit", "benefited", "benefitted", "controlled", "responding", "responsive"}
)
ENDED = frozenset({"completed", "completing", "finished", "stopped", "discontinued", "ended"})


# told of the patient right after the last regimen: "Eribulin was administered and the
# patient showed sufficient recovery" (r10-0021) — she is responding on it
RECOVERY_WORDS = frozenset({"recovery", "recovered", "recovering"})


# said of a regimen that works: "was very effective for LM", "proved efficacious", "the
# lesions regressed", "is responding well"
WORKING_WORDS = RESPONSE_WORDS | {
    "effective",
    "efficacious",
    "successful",
    "regressed",
    "regressing",
    "respond",
    "responds",
    "shrinking",
    "shrunk",
}
# the words a response told before the regimen reaches it by: "regressed following
# first-line palbociclib", "is responding well to first-line paclitaxel"
# (not "remission on T-DXd": a period of response told, maybe over)
RESPONSE_TO = frozenset({"to", "following", "after"})
RESPONSE_TO_FILLERS = frozenset({"well", "nicely", "completely", "partially", "rapidly", "the"})


def _response_before(doc: Doc, regimen: Regimen, lo: int) -> bool:
    """A response word of the regimen's clause right before it, reaching it by a preposition
    and at most a line word and its qualifiers ("regressed following first-line palliative
    systemic chemotherapy with palbociclib", "responding well to first-line paclitaxel")."""
    for t in doc[max(lo, regimen.start - 10) : regimen.start]:
        if t.lower_ not in WORKING_WORDS or any(
            w.lower_ in NOT_WORDS for w in doc[max(t.i - 3, lo) : t.i]
        ):
            continue
        link = t.i + 1
        while link < regimen.start and doc[link].lower_ in RESPONSE_TO_FILLERS:
            link += 1
        if link < regimen.start and doc[link].lower_ in RESPONSE_TO:
            return not any(
                (w.is_punct and w.text not in "-/") or w.lower_ in NOT_WORDS
                for w in doc[link : regimen.start]
            )
    return False


def _told_working(doc: Doc, regimen: Regimen) -> bool:
    """The regimen told working in its own sentence, after it ("… administered as sixth-line
    treatment was very effective", "… as fourth-line therapy, with a good response") or right
    before it ("regressed following first-line …"), not negated, and nothing failing, ended or
    asked after it."""
    lo, hi = sentence_bounds(doc, regimen.start)
    words = doc_lowers(doc)[regimen.start :]  # the cached words: no Token object per word
    return (
        (
            any(
                t.lower_ in WORKING_WORDS
                and not any(w.lower_ in NOT_WORDS for w in doc[max(t.i - 3, 0) : t.i])
                for t in doc[regimen.end : hi]
            )
            or _response_before(doc, regimen, lo)
        )
        and not progression_in(doc, regimen.start, len(doc))
        and "?" not in words
        and not ENDED & set(words)
    )


def _last_responding(doc: Doc, regs: Sequence[Regimen]) -> bool:
    """The last regimen of a sequence told responding (in its sentence after the regimen
    before it, or the next sentence), nothing failing, ended or asked after it: she is on it."""
    last = regs[-1]
    lo, hi = sentence_bounds(doc, last.start)
    lo = max(lo, regs[-2].end) if len(regs) > 1 else lo
    end = sentence_bounds(doc, hi)[1] if hi < len(doc) else hi
    words = [t.lower_ for t in doc[last.start :]]
    return (
        any(
            (t.lower_ in RESPONSE_WORDS or t.lower_ in RECOVERY_WORDS)
            and not any(w.lower_ in NOT_WORDS for w in doc[max(t.i - 3, 0) : t.i])
            for t in doc[lo:end]
        )
        and not progression_in(doc, last.start, len(doc))
        and "?" not in words
        and not ENDED & set(words)
    )


CURRENT_AFTER = frozenset({"present", "ongoing", "current", "currently", "now", "date"})
# the verbs that tell the last regimen begun right before it ("Started letrozole +
# ribociclib.", "switched to fulvestrant"): with nothing told of it since, the one she is on;
# only when its sentence says no more of it than when ("… last month", "… in January"; not
# "… for 5 years", "… 2021-2022", "… but changed to palbociclib": the review of stop 73)
TOLD_BEGUN = frozenset(
    {"started", "starting", "commenced", "began", "begun", "initiated", "switched", "changed"}
)
BEGUN_WHEN = frozenset(
    {".", ",", ";", "!", "now", "today", "yesterday", "recently", "last", "this", "week", "month"}
    | {"ago", "in", "on", "since", "weeks", "days", "months", "a", "two", "three", "few"}
)


def _begun_lately(word: str) -> bool:
    """A word that tells only when the regimen was begun (above)."""
    return word in BEGUN_WHEN or word in MONTH_WORDS or word.isdigit() and len(word) in (1, 2, 4)


# the first dose told after the drug, still to come ("xeloda: first tablets monday",
# "eribulin, first infusion due next week"): the course is only beginning (stop 60, held-out
# probe Q); a first dose dated in the past ("first cycle January 2023, eight cycles given")
# dates a course given
DOSE_NOUNS = frozenset(
    {"dose", "doses", "tablet", "tablets", "pill", "pills", "infusion", "injection", "cycle"}
)
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
AHEAD_WORDS = frozenset({"tomorrow", "next", "due", "soon", "tonight"})


def _first_dose_to_come(after: Sequence[str]) -> bool:
    """ "first <dose> <a day ahead>", the day not dated with a number ("first cycle Monday 9
    January 2023" was given — the second review of stop 60)."""
    for k, (w, nxt) in enumerate(pairwise(after)):
        if w != "first" or nxt not in DOSE_NOUNS:
            continue
        for j in range(k + 2, min(k + 5, len(after))):
            if after[j] in AHEAD_WORDS:
                return True  # "tomorrow, 1500 mg", "next Tuesday at 10 am"
            if after[j] in WEEKDAYS:
                # a weekday dated was a day gone by or one ahead ("Monday 9 January 2023",
                # "Friday 3 May, last cycle 20 September"): not read as to come
                return not any(x.isdigit() for x in after[j + 1 : j + 4])
    return False


# stop 70 (held-out probe Z): the course told to begin on a day ahead right after the drug
# ("eribulin from next week", "eribulin starting Monday", "capecitabine next week"): still to
# come, as a first dose is
START_AHEAD = frozenset({"from", "starting", "starts", "start", "beginning", "begins", "due"})
START_AHEAD_LEAD = START_AHEAD | {"to", "on", "(", ","}  # the words before the day


def _start_ahead(after: Sequence[str]) -> bool:
    """ "<from|starting|due …> <a day ahead>" right after the drug, or the day ahead alone,
    the day not dated with a number ("from Monday 9 January 2023" was a day gone by)."""
    k = 0
    while k < min(len(after), 3) and after[k] in START_AHEAD_LEAD:
        k += 1
    if k >= len(after):
        return False
    if after[k] in ("tomorrow", "soon") or (
        after[k] == "next" and k + 1 < len(after) and after[k + 1] in AHEAD_UNITS
    ):
        return True
    return after[k] in WEEKDAYS and k > 0 and not any(x.isdigit() for x in after[k + 1 : k + 4])


AHEAD_UNITS = frozenset({"week", "month", "cycle", "time"}) | WEEKDAYS


# a course she is off, or between courses ("off capecitabine since May", "a break from
# capecitabine since May", "after six cycles … a treatment break and is off all treatment"):
# not going on
OFF_BEFORE = frozenset({"off", "break", "holiday", "without", "stopped", "no"})
# told after it: off treatment or between courses ("is off all treatment now", "a treatment
# break", "a break from chemo"), not a schedule's week off ("three weeks on, one week off")
# nor any other "off" ("markers dropped off", "time off work" — the second review of stop 60)
OFF_OBJECTS = frozenset({"treatment", "treatments", "chemo", "chemotherapy", "therapy"})
BREAK_WORDS = frozenset({"break", "holiday", "pause"})


def _off_treatment(words: Sequence[str]) -> bool:
    # (each word with the two after it, "" past the end: a window of one word had raised,
    # "… then fulvestrant. now on capecitabine", found by the review of stop 69)
    padded = [*words, "", ""]
    return any(
        (w == "off" and (nxt in OFF_OBJECTS or (nxt == "all" and third in OFF_OBJECTS)))
        or (w in OFF_OBJECTS and nxt in BREAK_WORDS)
        or (w in BREAK_WORDS and nxt == "from" and third in OFF_OBJECTS)
        for w, nxt, third in zip(words, padded[1:], padded[2:], strict=False)
    )


def _last_told_current(doc: Doc, regs: Sequence[Regimen]) -> bool:
    """The last regimen of a sequence told as the one she is on now — "now (on)",
    "currently (on)" or "has been on" right before it, or "(ongoing)", "2022-present", "to
    date", "(ever) since" right after it, or its first dose still to come — with nothing
    failing, ended, stopped or asked after it ("… then Faslodex and Verzenio, now Xeloda"):
    the line she is on, not one given (FORMAT.md), as a regimen told responding."""
    last = regs[-1]
    lowers = doc_lowers(doc)
    hi = sentence_bounds(doc, last.start)[1]
    before = lowers[max(last.start - 3, 0) : last.start]
    after = lowers[last.end : last.end + 4]
    words = lowers[last.start :]
    return (
        bool(
            NOW_WORDS & set(before)
            or CURRENT_AFTER & set(after)
            # (stop 60, r123-0014: "She has been on targeted hormone treatment ever since",
            # "on eribulin since March"; right after the drug, in its sentence)
            or after[:1] == ["since"]
            or after[:2] == ["ever", "since"]
            or before[-2:] == ["been", "on"]
            # (told begun, nothing told of it since: "Started letrozole + ribociclib.",
            # "switched to fulvestrant"; stop 73, left alone at stop 72)
            or (
                bool(TOLD_BEGUN & set(before[-2:]))
                and all(_begun_lately(w) for w in lowers[last.end : hi])
            )
            or _first_dose_to_come(lowers[last.end : min(last.end + 8, hi)])
            or _start_ahead(lowers[last.end : min(last.end + 5, hi)])
        )
        and not OFF_BEFORE.intersection(before)
        # (its last mention too: "… then capecitabine. She has been off capecitabine since May")
        and not OFF_BEFORE.intersection(
            lowers[max(last.members[-1].start - 3, 0) : last.members[-1].start]
        )
        and not progression_in(doc, last.start, len(doc))
        and "?" not in words
        and not ENDED & set(words)
        and not _off_treatment(words)
    )


def _chemo_then_maintenance(
    doc: Doc, regs: Sequence[Regimen], chemo_generics: frozenset[str], chemo_classes: frozenset[str]
) -> bool:
    """Two regimens in time order, the first with chemotherapy, the last told as maintenance
    or without chemotherapy (an endocrine or targeted drug kept after it), no earlier mention,
    nothing failing told from the first on."""
    distinct = list(dict.fromkeys(frozenset(_drugs(r)) for r in regs))
    if (
        len(distinct) != 2
        or any(r.earlier for r in regs)
        or frozenset(_drugs(regs[0])) != distinct[0]
    ):
        return False
    last = regs[-1]
    if frozenset(_drugs(last)) != distinct[1]:
        return False
    chemo_first = chemo_lines(regs[:1], chemo_generics, chemo_classes) == 1
    chemo_last = chemo_lines([last], chemo_generics, chemo_classes) == 1
    return (
        chemo_first
        and (_maintenance(doc, last) or not chemo_last)
        and not progression_in(doc, regs[0].start, len(doc))
        and not _failed_at(doc, regs[0].start)
        and not {t.lower_ for t in doc} & UNNAMED_LINES
    )


# lines told without their regimens: "several lines of systemic chemotherapy … cisplatin
# monotherapy was administered" — the regimens named before the one begun are not all of them
LINES_UNNAMED = frozenset({"lines", "regimens", "pretreated", "pre-treated", "salvage"})
MANY_WORDS = frozenset({"several", "various", "multiple", "many", "numerous"})
TREATMENT_NOUNS = frozenset(
    {"therapies", "treatments", "courses", "chemotherapies", "agents", "drugs"}
)


def _lines_unnamed(doc: Doc) -> bool:
    """Lines told without their regimens: "lines", "regimens", "pretreated", or "several
    therapies" (not "several lung metastases")."""
    lowers = doc_lowers(doc)
    return bool(set(lowers) & LINES_UNNAMED) or any(
        w in MANY_WORDS and TREATMENT_NOUNS & set(lowers[i + 1 : i + 4])
        for i, w in enumerate(lowers)
    )


# other lines told without their regimens ("several lines of chemotherapy including …",
# "various chemotherapeutic regimens"), or a question: the regimens named are not all of it
UNNAMED_LINES = frozenset(
    {"lines", "regimens", "several", "various", "multiple", "switched", "changed", "?"}
    | {"pretreated", "pre-treated", "salvage", "therapies", "treatments", "courses"}
)


def _told_maintenance(doc: Doc, regimen: Regimen) -> bool:
    """The regimen told as maintenance in its sentence, or called so right after it ("…
    start metronomic cyclophosphamide and methotrexate. After 6 months of this maintenance
    treatment …")."""
    if _maintenance(doc, regimen):
        return True
    hi = sentence_bounds(doc, regimen.members[-1].start)[1]
    if hi >= len(doc):
        return False
    words = doc_lowers(doc)[hi : sentence_bounds(doc, hi)[1]]
    return any(
        w == "maintenance" and i > 0 and words[i - 1] in ("this", "the", "that", "such")
        for i, w in enumerate(words)
    )


def _fold_maintenance(
    regs: Sequence[Regimen], folded: set[int], chosen: Sequence[Regimen]
) -> list[Regimen]:
    """``chosen`` (regimens of ``regs``, in order) with each folded maintenance joined to
    the regimen before it: one line, a chemotherapy line when either has chemotherapy."""
    out: list[Regimen] = []
    for regimen in chosen:
        index = next(i for i, r in enumerate(regs) if r is regimen)
        if index in folded and out and out[-1].members[-1].start <= regimen.start:
            out[-1] = Regimen([*out[-1].members, *regimen.members])
        else:
            out.append(regimen)
    return out


def _maintenance(doc: Doc, regimen: Regimen) -> bool:
    """ "letrozole given as a maintenance therapy": the induction before it (maybe
    chemotherapy, maybe unnamed) is part of its line."""
    lo, hi = sentence_bounds(doc, regimen.members[0].start)
    return "maintenance" in doc_lowers(doc)[lo:hi]  # the cached words: no Token object per word


def chemo_lines(
    regs: Sequence[Regimen], chemo_generics: frozenset[str], chemo_classes: frozenset[str]
) -> int:
    """The regimens with a chemotherapy drug (or the class named) among their members."""
    return sum(
        1
        for r in regs
        if any(
            m.mention.generic in chemo_generics or m.mention.drug_class in chemo_classes
            for m in r.members
        )
    )


CONTINUING = frozenset({"continuing", "continues", "remains", "currently", "still", "ongoing"})


def _continuing_after(doc: Doc, regimen: Regimen) -> bool:
    """ "… was administered as fourth-line treatment. She is continuing this regimen with
    a complete response": the line given now, told going on (not yet failed)."""
    return any(t.lower_ in CONTINUING for t in doc[regimen.end :])


def _time_order(doc: Doc, regs: list[Regimen]) -> list[Regimen]:
    """Regimens in the order given when the text tells a later one first: "fulvestrant was
    started after progression on letrozole" — letrozole (failed) came before fulvestrant
    (begun at its progression)."""
    for i in range(len(regs) - 1):
        begun, failed = regs[i], regs[i + 1]
        between = {t.lower_ for t in doc[begun.members[0].end : failed.start]}
        if (
            failed.members[0].progression
            and _failed_at(doc, failed.start)
            and failed.start - begun.members[0].end <= 8
            and between & {"after", "following", "upon", "at", "on"}
            and not between & (LATER_MARKERS | {",", ";", "."})
        ):
            regs[i], regs[i + 1] = failed, begun
            begun.later = True
            for member in failed.members:  # "after PD on letrozole + palbociclib": both
                member.progression = True
    return regs


def _across_clause(doc: Doc, info: MentionInfo) -> bool:
    """A ";" between the mention and its progression cue."""
    assert info.cue is not None
    lo, hi = (
        (info.end, info.cue.start) if info.cue.start >= info.end else (info.cue.end, info.start)
    )
    return any(t.text == ";" for t in doc[lo:hi])


def _set_failing(history: History, failing: Regimen | None, infos: Sequence[MentionInfo]) -> None:
    """``progressed_on`` and the drug roles from the failing regimen."""
    history.progressed_on = []
    if failing is not None:
        # The drugs the progression cue names ("goserelin … plus tamoxifen; now progressing
        # on tamoxifen" -> tamoxifen); a regimen failing by sequence ("then on B") whole.
        # A cue before a combination covers the members told after the first it names
        # ("then progressed on anastrozole and palbociclib" -> both).
        first = next((i for i, m in enumerate(failing.members) if m.progression), None)
        if first is not None and all(
            m.cue is not None and m.cue.start >= failing.end
            for m in failing.members
            if m.progression
        ):
            # the cue told after the whole regimen ("Herceptin (trastuzumab) plus Perjeta
            # (pertuzumab) and docetaxel …, then progression"), its reach short of the first
            # drug: the regimen failed whole
            first = 0
        members = failing.members[first:] if first is not None else []
        members = members or failing.tail or failing.members
        names = [m.mention.generic for m in members if m.mention.generic]
        history.progressed_on = [(g, _first_span(failing, g)) for g in dict.fromkeys(names)]
    # Roles follow the failing regimen: "progressed on A, then on B" -> A prior, B current.
    failing_ids = {id(m) for m in failing.members} if failing is not None else set()
    history.mentions = [
        replace(i.mention, role="prior")
        if i.progression and id(i) not in failing_ids
        else replace(i.mention, role="current")
        if id(i) in failing_ids
        else i.mention
        for i in infos
    ]


EXAMPLES = frozenset({"including", "which included", "incl", "incl."})  # "…, including X"
# Not "relapse"/"recurrence": those usually name the metastatic event a regimen followed
# ("on tamoxifen since relapse", "following recurrence, first-line X").
PROGRESSION_WORDS = frozenset({"progression", "progressed", "progressing", "progressive", "pd"})
NOT_WORDS = frozenset(
    {"not", "no", "without", "never", "nor", "non", "n't"}
)  # ("hasn't progressed")


def _current_told_first(
    doc: Doc, regs: Sequence[Regimen], ordinal_at: Mapping[int, int], failing: Regimen | None
) -> int | None:
    """Stop 68 (held-out probe I): the line she is on, told before the history it follows
    ("Day 15 of cycle 2 of second-line eribulin. First line was letrozole + palbo, PD in the
    liver after 14 months"; "On 2L capecitabine, tolerating well. 1L was letrozole + palbo"):
    the regimen of the highest ordinal, every regimen told after it told back with a lower
    one or as before it (stop 69: "Now on second-line T-DXd. Previously THP, progressed"
    had read 3 lines), and nothing told failing on it (no progression of its own, none told before the
    next regimen). Like a line begun, it is not a line given yet (FORMAT.md), or None."""
    if not ordinal_at or len(regs) < 2:
        return None
    top = max(ordinal_at, key=lambda i: ordinal_at[i])
    if top == len(regs) - 1 or any(
        ordinal_at[j] >= ordinal_at[top] if j in ordinal_at else not _told_back(doc, regs[j])
        for j in range(top + 1, len(regs))
    ):
        return None
    regimen = regs[top]
    if regimen is failing or regimen.progression or regimen.earlier:
        return None
    following = regs[top + 1].members[0].start
    if progression_in(doc, regimen.end, following) or metastasis_found(doc, regimen.end, following):
        return None
    return top


# The words that tell a regimen given before the one just told ("Previously THP", "Earlier
# she had capecitabine", "Before that, paclitaxel")
TOLD_BACK = frozenset({"previously", "prior", "earlier", "before", "formerly", "beforehand"})


def _told_back(doc: Doc, regimen: Regimen) -> bool:
    """The regimen told as given before the one told ahead of it: its own earlier cue, or a
    word of time past in its sentence before it (the cue read may be another one: "Previously
    THP, progressed" carries the progression's)."""
    if regimen.earlier:
        return True
    start = regimen.members[0].start
    lo, _ = sentence_bounds(doc, start)
    return not TOLD_BACK.isdisjoint(doc_lowers(doc)[lo:start])


# the time of the telling ("Now progressing with new brain metastases")
TOLD_NOW = frozenset({"now", "currently", "today", "again", "latest", "recently"})


def _failing_now(doc: Doc, last: Regimen) -> bool:
    """A progression told now, in a sentence after the one of the history's last regimen (a
    story's staging told without its time, "Clinical and radiological staging showed
    progression at bone", may be the one the line she is on was begun for: r10-0022)."""
    lowers = doc_lowers(doc)
    start = sentence_bounds(doc, last.end - 1)[1]
    while start < len(doc):
        end = sentence_bounds(doc, start)[1]
        if not TOLD_NOW.isdisjoint(lowers[start:end]) and progression_in(doc, start, end):
            return True
        start = max(end, start + 1)
    return False


def _progression_after(doc: Doc, regimen: Regimen) -> bool:
    """Disease progression told after the regimen (not "progression-free survival"), or a
    metastasis told found in a clause after it."""
    return progression_in(doc, regimen.end, len(doc)) or metastasis_found(
        doc, regimen.end, len(doc)
    )


# stop 36 (left open in stop 35): the cause of a regimen's start told right after it ("She was
# switched to capecitabine because of progression", "started fulvestrant on progression"):
# the progression was on the regimen before, not on this one
CAUSE_WORDS = frozenset({"because", "due", "owing", "following", "upon", "on", "after", "at"})
CAUSE_REACH = 5  # tokens of the cause phrase ("because of disease progression")


def _begun_for_a_progression(doc: Doc, regimen: Regimen) -> bool:
    """The regimen told begun (a start verb or "went on" in the few words before it) for a
    progression told right after it, and no progression or new metastasis told later ("She
    started letrozole after liver metastases were found but progressed": failing)."""
    first = regimen.members[0]
    lo, hi = sentence_bounds(doc, first.start)
    lowers = doc_lowers(doc)
    if not (
        BEGIN_WORDS & set(lowers[max(lo, first.start - 4) : first.start])
        or gone_onto(doc, first.start)
    ):
        return False
    if regimen.end >= hi or lowers[regimen.end] not in CAUSE_WORDS:
        return False
    cause_end = min(regimen.end + CAUSE_REACH, hi)
    return (
        progression_in(doc, regimen.end, cause_end)
        and not progression_in(doc, cause_end, len(doc))
        and not metastasis_found(doc, regimen.end, len(doc))
    )


def _first_told(regimen: Regimen) -> Regimen:
    """The regimen as first told: its members up to the first gap of more than a few words
    (a repeat merged into it, "… had received seven cycles of A and B", comes later)."""
    members = regimen.members
    k = 1
    while k < len(members) and members[k].start - members[k - 1].end <= 3:
        k += 1
    return Regimen(members[:k])


RETOLD_GIVEN = frozenset({"had", "has", "have"})


def _retold_given(doc: Doc, regimen: Regimen) -> bool:
    """A repeat of the regimen, after its first telling, tells it given so far ("At this
    point, she had received seven cycles of A and B"): a course summed up, not begun again
    ("trastuzumab was resumed", "she was prescribed T-DXd")."""
    first = _first_told(regimen)
    for m in regimen.members[len(first.members) :]:
        lo = sentence_bounds(doc, m.start)[0]
        before = doc_lowers(doc)[max(lo, m.start - 6) : m.start]
        if RETOLD_GIVEN & set(before) and COURSE_WORDS & set(before):
            return True
    return False


def _progression_between(doc: Doc, first: Regimen, then: Regimen) -> bool:
    return progression_in(doc, first.end, then.start) or metastasis_found(
        doc, first.end, then.start
    )


PATIENT_SUBJECTS = frozenset({"she", "he", "her", "his", "patient", "patient's", "woman", "man"})


def _progression_of_patient(doc: Doc, start: int) -> bool:
    """The first sentence from ``start`` telling a progression tells it of the patient ("she
    developed new vertebral metastasis", "Although she was treated by …, disease progression
    was observed"), not of patients in general ("… in patients in whom the spread of cancer
    … has occurred")."""
    i = start
    while i < len(doc):
        lo, hi = sentence_bounds(doc, i)
        if progression_in(doc, max(lo, start), hi) or metastasis_found(doc, max(lo, start), hi):
            return bool(PATIENT_SUBJECTS & set(doc_lowers(doc)[lo:hi]))
        i = hi
    return False


def _free_after_progression(doc: Doc, regimen: Regimen) -> bool:
    """A disease-free state told after the regimen and after the last progression told
    after it ("… progression; resected; no evidence of disease since"): the progression was
    treated and cleared. Not "remained disease-free for 11 months … PET-CT revealed
    recurrence in the bone and liver": the regimen failed after the interval."""
    tail = doc[regimen.end :]
    free = [m for m in DISEASE_FREE.finditer(tail.text)]
    if not free:
        return False
    at = tail.char_span(free[-1].end(), free[-1].end(), alignment_mode="expand")
    after = at.start if at is not None else len(doc)
    return not (progression_in(doc, after, len(doc)) or metastasis_found(doc, after, len(doc)))


# A metastasis told found after a regimen began: "liver metastasis occurred 10 months
# thereafter", "she developed new vertebral metastasis", "a PET-CT scan revealed recurrence
# in the bone and liver" — the disease progressed on it. The noun (not the adjective of a
# state: "treated for metastatic disease"), a finding verb near it in its clause, nothing
# denied, prevented or responding in the clause.
METASTASIS_NOUNS = frozenset(
    {"metastasis", "metastases", "mets", "metastasization", "recurrence", "recurrences"}
    | {"relapse", "relapses"}
    # spread named without "metastasis": "lymphangitis carcinomatosa suddenly occurred"
    | {"carcinomatosa", "carcinomatosis", "carcinomatous"}
)
FOUND_VERBS = frozenset(
    {"occurred", "developed", "appeared", "emerged", "detected", "found", "revealed", "showed"}
    | {"shown", "demonstrated", "identified", "noted", "diagnosed", "confirmed", "observed"}
    | {"discovered", "disclosed", "recognized", "recognised", "documented", "develops"}
    | {"revealing", "showing", "demonstrating", "developing", "occurring"}
)
FINDING_BLOCKERS = frozenset(
    {"prevented", "prevent", "prevents", "risk", "free", "-free", "suspected", "suspicion"}
    | {"treated", "irradiated", "resected", "excluded", "ruled", "for", "known", "previous"}
)
CLAUSE_BREAKS = frozenset({",", ";", ":", "and", "but", "however", "then", "which", "when"})


# a regimen told as a metastatic line in its sentence: "In the late stage, first-line
# treatment with dalpiciclib and fulvestrant was administered"
# (maintenance after a response to induction: "Following good response to chemotherapy,
# the patient was switched to maintenance letrozole …")
METASTATIC_LINE = re.compile(
    r"(?<!non)(?<!non-)metasta|\bmbc\b|stage\s*(?:iv|4)\b|\badvanced\b|\blate\s+stage\b"
    r"|\bmaintenance\b"
    r"|\b(?:first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)[\s-]+line\b|\b[1-5]l\b",
    re.I,
)


def _metastatic_line_told(doc: Doc, start: int) -> bool:
    """The sentence of the token before ``start`` (a regimen's end) tells, before it, a
    metastatic setting or a line ordinal."""
    if start <= 0 or start > len(doc):
        return False
    lo = sentence_bounds(doc, start - 1)[0]
    return METASTATIC_LINE.search(doc[lo:start].text) is not None


# the story going back to the primary after a regimen ("We present a patient … who received
# S-1 … A 51-year-old woman underwent modified radical mastectomy … in November 1991"): what
# is found after it may be older than the regimen
RETOLD = re.compile(
    r"mastectomy|lumpectomy|quadrantectomy|\b(?:was|were)\s+(?:first\s+|initially\s+"
    r"|originally\s+)?diagnosed\s+with\s+(?:[\w-]+\s+){0,4}?(?:stage|breast|carcinoma|cancer)",
    re.I,
)
EVENT_KEY = "mbc_history_event"  # doc.user_data: the metastatic event read_history was given
RESPONSE_NOUNS = frozenset(
    {"resolution", "disappearance", "stabilization", "stabilisation", "shrinking", "regressed"}
)


# A finding told in its own clause as met on the treatment: "lymphangitis carcinomatosa
# suddenly occurred 10 weeks after treatment", "developed liver metastases 3 months after
# starting paclitaxel", "… during treatment", "while on therapy". Years are not on it ("bone
# metastases 4 years after treatment": after an early-disease course, the discovery).
ON_TREATMENT_TOLD = re.compile(
    r"\b(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a\s+few)"
    r"[\s-]+(?:days?|weeks?|wks?|months?|mos?)\s+(?:after|from|following|into)\s+(?:the\s+|her\s+"
    r"|his\s+)?(?:(?:start|initiation|beginning|onset|commencement)\s+of\s+(?:the\s+)?)?"
    r"(?:treatment|therapy|chemotherapy|administration|it|this|starting|beginning|initiating)\b"
    r"|\b(?:during|while\s+(?:on|under|receiving))\s+(?:the\s+|this\s+|her\s+|his\s+)?"
    r"(?:treatment|therapy|chemotherapy)\b",
    re.I,
)


# An interval on the regimen told after it in its sentence, weeks or months long: "…
# switched to maintenance letrozole and ribociclib …, and remained disease-free for 11
# months", "… with stable disease for 8 months": a finding after it ends the interval on it.
INTERVAL_ON = re.compile(
    r"\b(?:remained|remains|stayed|was|were|kept|been)\s+(?:\w+\s+){0,2}?(?:disease[\s-]+free"
    r"|progression[\s-]+free|recurrence[\s-]+free|relapse[\s-]+free|stable|in\s+remission"
    r"|free\s+of\s+(?:disease|recurrence|relapse))|\b(?:stable\s+disease|response|remission)\b"
    r"(?:\s+\w+){0,3}?\s+(?:for|lasting|of)\s+(?:about\s+|approximately\s+|~\s*)?"
    r"\d+\s+(?:weeks?|months?)",
    re.I,
)
INTERVAL_LENGTH = re.compile(
    r"\bfor\s+(?:about\s+|approximately\s+|~\s*)?\d+\s+(?:weeks?|months?)\b", re.I
)


def _interval_on(doc: Doc, start: int) -> bool:
    """The sentence of the regimen ending at ``start`` tells, after it, an interval of
    weeks or months free of progression or responding on it (``INTERVAL_ON``)."""
    if start <= 0 or start > len(doc):
        return False
    hi = sentence_bounds(doc, start - 1)[1]
    tail = span_text(doc, start, hi)
    told = INTERVAL_ON.search(tail)
    return told is not None and INTERVAL_LENGTH.search(tail, told.start()) is not None


def _on_treatment_anywhere(doc: Doc) -> bool:
    """``ON_TREATMENT_TOLD`` somewhere in the text (once per text)."""
    told = doc.user_data.get(ON_TREATMENT_KEY)
    if told is None:
        told = doc.user_data[ON_TREATMENT_KEY] = bool(ON_TREATMENT_TOLD.search(doc_text(doc)))
    return told


ON_TREATMENT_KEY = "mbc_on_treatment_told"


def _on_treatment_told(doc: Doc, start: int, i: int) -> bool:
    """The finding at ``i`` is told met on the treatment told before it: its sentence says
    so (``ON_TREATMENT_TOLD``) or the regimen's own sentence tells an interval on it that
    the finding ends (``INTERVAL_ON``)."""
    lo, hi = sentence_bounds(doc, i)
    if lo < start:
        return False
    return ON_TREATMENT_TOLD.search(span_text(doc, lo, hi)) is not None or _interval_on(doc, start)


def clause_around(
    lowers: Sequence[str], lo: int, i: int, hi: int, breaks: frozenset[str] = CLAUSE_BREAKS
) -> tuple[int, int]:
    """[start, end) of the clause of the word at ``i`` in its sentence [lo, hi), between
    ``breaks``: a response told in another clause is of something else, set against the
    finding ("Although the coagulopathy was controlled, lymphangitis carcinomatosa
    occurred"; "the bone lesions responded, but a new liver metastasis was found"; a heading
    "… and response In April 2024, a PET-CT revealed recurrence")."""
    start = next((k + 1 for k in range(i - 1, lo - 1, -1) if lowers[k] in breaks), lo)
    end = next((k for k in range(i + 1, hi) if lowers[k] in breaks), hi)
    return start, end


def metastasis_found(doc: Doc, start: int, end: int) -> bool:
    """A metastasis told found in doc[start:end], in a clause after ``start`` (see
    METASTASIS_NOUNS), and after the told discovery of metastatic disease: the first
    metastasis found after an early-disease regimen ("After completion of 5 years of
    tamoxifen … staging showed lung and liver metastases") is the discovery, not a
    progression of a metastatic line — unless the finding is told met on the treatment
    before it, weeks or months into it (``ON_TREATMENT_TOLD``: a regimen kept out of early
    disease that the disease spread on)."""
    event = doc.user_data.get(EVENT_KEY)
    anchored_only = (event is None or event >= start) and not _metastatic_line_told(doc, start)
    if anchored_only and not (_on_treatment_anywhere(doc) or _interval_on(doc, start)):
        return False  # nothing can tell a finding met on the treatment: read no further
    lowers = doc_lowers(doc)
    for i in range(*slice(start, end).indices(len(doc))):
        if lowers[i] not in METASTASIS_NOUNS:
            continue
        lo, hi = sentence_bounds(doc, i)
        if RETOLD.search(doc[start:hi].text):
            return False  # the story told again from the primary: before the regimen, maybe
        clause_lo = max(lo, start)
        if clause_lo > lo and not any(w in CLAUSE_BREAKS for w in lowers[clause_lo:i]):
            continue  # the regimen's own clause ("X for liver metastases")
        window = lowers[max(clause_lo, i - 8) : min(hi, i + 6)]
        if not FOUND_VERBS & set(window):
            continue
        near = lowers[max(clause_lo, i - 6) : min(hi, i + 3)]
        if set(near) & (FINDING_BLOCKERS | NOT_WORDS) or set(
            lowers[slice(*clause_around(lowers, lo, i, hi))]
        ) & (RESPONSE_WORDS | RESPONSE_NOUNS):
            continue
        if anchored_only and not _on_treatment_told(doc, start, i):
            continue
        return True
    return False


# stop 33 (r33, left open in stop 32): the progression that is the disease becoming
# metastatic ("She soon learned her cancer had progressed to metastatic breast cancer",
# "advanced to stage IV"): the metastatic event itself, never a metastatic line failing
INTO_METASTATIC = frozenset({"metastatic", "metastasized", "metastasised", "mbc"})
INTO_FILLERS = frozenset({"a", "the", "full", "full-blown", "blown", "-"})


def into_metastatic(doc: Doc, i: int) -> bool:
    """The progression word at ``i`` is followed by "to/into" and metastatic disease."""
    words = doc_lowers(doc)[i + 1 : i + 6]
    if not words or words[0] not in ("to", "into"):
        return False
    k = 1
    while k < len(words) and words[k] in INTO_FILLERS:
        k += 1
    if k < len(words) and words[k] in INTO_METASTATIC:
        return True
    return k + 1 < len(words) and words[k] == "stage" and words[k + 1] in ("iv", "4", "four")


def progression_in(
    doc: Doc, start: int, end: int, signs: bool = True, ignore: frozenset[str] = frozenset()
) -> bool:
    """Disease progression told in doc[start:end]: a progression word, or (``signs``) a
    sign of progression told of the disease ("enlargement of bone lesions", "deterioration
    of bone metastases", "bone metastases worsened", "a new liver lesion", "regimen
    failure", "the cancer had spread"). Words in ``ignore`` are not read."""
    lowers = doc_lowers(doc)  # a Token only for a word that can tell progression
    for i in range(*slice(start, end).indices(len(doc))):
        word = lowers[i]
        if word not in PROGRESSION_WORDS and not (signs and _sign_word(word)):
            continue
        t = doc[i]
        if word in ignore or failed_to_find(doc, t) or into_metastatic(doc, i):
            continue  # "the workup failed to find other metastases"
        if word in PROGRESSION_WORDS:
            nxt = doc[t.i + 1 : t.i + 3]
            if any(w.lower_ in ("free", "-free", "pfs") for w in nxt):
                continue  # "progression-free survival"
            if word == "progressive" and _said_of_symptom(doc, t):
                continue  # "progressive fatigue", "rapidly progressive dyspnoea"
            if too_far(doc, t.i + 1):
                continue  # "had progressed too far for it to be cured": the extent, told
        elif not (signs and _progression_sign(doc, t)):
            continue
        before = doc[max(t.i - 4, 0) : t.i]
        if any(w.lower_ in NOT_WORDS for w in before):
            continue  # "not progression", "no new lesions", "no evidence of disease progression"
        if planned_until(doc, t):
            continue  # "She will continue letrozole until progression": how long, no progression
        return True
    return False


def too_far(doc: Doc, end: int) -> bool:
    """ "too" right after a progression word or cue ending at ``end``: the extent of the disease
    at its diagnosis ("due to its late diagnosis, the cancer had progressed too far for it to be
    cured"), not a progression on treatment (stop 45, r62-0028). ("progressed beyond the
    liver" is a progression.)"""
    return end < len(doc) and doc_lowers(doc)[end] == "too"


# stop 36: the length of a treatment told by the progression that will end it ("She will continue
# letrozole until progression", "to be given until disease progression or unacceptable toxicity"):
# no progression yet — unlike the past "She was on letrozole until progression"
UNTIL_WORDS = frozenset({"until", "till", "til"})
UNTIL_PLANS = frozenset(
    {"will", "would", "should", "shall", "to", "plan", "planned", "continue", "continues"}
    | {"continuing", "be", "is", "are", "'ll", "’ll"}
)


def planned_until(doc: Doc, t: Token) -> bool:
    """The progression word (or its cue) ``t`` told at or after "until" (within 3 words) in a
    clause of a plan."""
    lowers = doc_lowers(doc)
    k = next((i for i in range(t.i, max(t.i - 4, -1), -1) if lowers[i] in UNTIL_WORDS), None)
    if k is None:
        return False
    lo = sentence_bounds(doc, k)[0]
    return bool(UNTIL_PLANS & set(lowers[max(lo, k - 12) : k]))


# A disease-free interval told after a treatment: it was given with curative intent
DISEASE_FREE = re.compile(
    r"\bno\s+(?:\w+\s+)?evidence\s+of\s+(?:\w+\s+)?(?:disease|recurrence|relapse|malignancy)"
    r"|\bned\b|\bdisease[\s-]+free\b(?!\s+survival)|\bfree\s+of\s+(?:disease|symptoms|recurrence"
    r"|relapse|cancer)|\b(?:complete|clinical)\s+remission|\bin\s+remission"
    # stop 33 (r34): the remission as a patient tells it ("After chemotherapy and radiation, I
    # went into total remission in 2006"), the cancer-free years ("had been cancer-free for
    # five years"), no sign of it left
    r"|\binto\s+(?:(?:total|full|complete|clinical)\s+)?remission|\bcancer[\s-]free\b(?!\s+survival)"
    r"|\bno\s+(?:signs?|trace|evidence)\s+of\s+(?:the\s+|any\s+)?(?:cancer|disease)\b"
    r"|\bfollow-?ups?\s+(?:\w+\s+){0,3}?(?:was|were|remained|demonstrated|showed|revealed)\s+"
    r"(?:\w+\s+)?(?:negative|normal|unremarkable|uneventful|clear)"
    r"|\bwithout\s+(?:any\s+)?(?:evidence\s+of\s+|signs?\s+of\s+)?(?:recurrence|relapse)",
    re.I,
)


FAILED_TO = frozenset({"failed", "fails", "fail", "failing"})
# "failed to respond / improve / control …": a treatment failing
FAILED_TO_TREATMENT = ("respond", "improv", "control", "shrink", "halt", "stop", "prevent")


def failed_to_find(doc: Doc, t: Token) -> bool:
    """ "failed to" + a verb that is no treatment outcome ("the workup failed to find other
    metastases", "imaging failed to show", "failed to attend"): nothing failing."""
    if t.lower_ not in FAILED_TO or t.i + 2 >= len(doc) or doc[t.i + 1].lower_ != "to":
        return False
    verb = doc[t.i + 2]
    return verb.is_alpha and not verb.lower_.startswith(FAILED_TO_TREATMENT)


ON_TREATMENT = frozenset(
    {"on", "under", "despite", "after", "during", "following", "through", "while", "with"}
)


PREDICATE_VERBS = frozenset(
    {"was", "is", "were", "are", "became", "become", "remained", "remains", "been", "be"}
)


def _said_of_symptom(doc: Doc, t: Token) -> bool:
    """ "progressive" before a word that is not the disease ("progressive fatigue",
    "progressive loss of visual acuity"): a symptom worsening, not disease progression.
    "progressive disease", "progressive liver metastases", "disease was progressive." are."""
    nxt = doc[t.i + 1 : t.i + 6]
    if (
        len(nxt) > 1
        and nxt[0].text == ","
        and nxt[1].is_alpha
        and not nxt[1].is_stop
        and (t.i == 0 or doc[t.i - 1].lower_ not in PREDICATE_VERBS)
    ):
        # "progressive, painless swelling of the eyelids": one adjective of a list before
        # the noun (not "the disease was progressive, and …")
        nxt = doc[t.i + 2 : t.i + 7]
    if not nxt or not nxt[0].is_alpha or nxt[0].lower_ in ON_TREATMENT:
        return False  # "progressive on paclitaxel", "progressive despite letrozole"
    for w in nxt:
        if TUMOUR_WORDS.match(w.lower_):
            return False
        if w.is_punct:
            break
    return True


# Words that tell progression when they are said of the disease (a lesion, metastases, the
# tumour, the cancer, markers): never of a symptom ("worsening fatigue").
PROGRESSION_SIGNS = re.compile(
    r"^(?:enlarg\w*|deteriorat\w*|worsen\w*|grew|growing|grown|spread|advancement|failure"
    r"|regr[eo]w\w*|re-?growth|larger|bigger|progress|progresses)$"
)
GROWTH_BEFORE = frozenset(
    {"some", "further", "more", "slight", "significant", "new", "continued", "disease", "showed"}
    | {"shows", "revealed", "tumour", "tumor", "cancer", "of", "in"}
)
GROWTH_AFTER = frozenset({"factor", "factors", "rate", "rates", "hormone", "velocity", "scans"})
SLOWED = frozenset({"slow", "slowing", "stop", "stopping", "prevent", "preventing", "halt"})
SCAN_NOUNS = frozenset({"scan", "scans", "pet", "ct", "mri", "imaging", "x-ray", "ultrasound"})
SHOWED = frozenset({"showed", "shows", "show", "revealed", "reveals", "demonstrated", "found"})
AGAIN_VERBS = frozenset(
    {"developed", "appeared", "recurred", "relapsed", "grew", "enlarged", "increased", "rose"}
    | {"elevated", "progressed", "spread", "emerged", "worsened", "raised", "growing"}
)
ACQUIRED = frozenset({"developed", "acquired", "became", "become", "emerged", "showed"})
# "the liver lesions increased in size", "an increase in the number of bone lesions"
GROWTH_NOUNS = frozenset({"size", "number", "extent", "volume", "diameter"})
_TUMOUR = r"lesions?|metasta\w*|mets|tumou?rs?|disease|cancer|mass(?:es)?|nodules?|markers?|nodes?"
TUMOUR_WORDS = re.compile(rf"^(?:{_TUMOUR})$")
DISEASE_WORDS = re.compile(rf"^(?:{_TUMOUR}|regimen|therapy|treatment)$")  # "failure of therapy"


ORGAN_FAILURE = frozenset(
    {"heart", "cardiac", "renal", "kidney", "liver", "hepatic", "respiratory"}
)


# stop 41 (r52-0017): the sign word is what a treatment holds in check ("my treatment has been
# keeping both the tumour and the spread under control", "the growth is now controlled"): a
# response told, not a progression
HELD_IN_CHECK = re.compile(
    r"^(?:(?:is|are|was|were|has|have|had|been|being|now|well|all|kept|remains?|stays?)\s+)*"
    r"(?:under\s+control|in\s+check|controlled|contained|at\s+bay)\b"
)


def _held_in_check(doc: Doc, t: Token) -> bool:
    hi = sentence_bounds(doc, t.i)[1]
    return HELD_IN_CHECK.match(span_text(doc, t.i + 1, min(hi, t.i + 7)).lower()) is not None


@lru_cache(maxsize=65_536)
def _sign_word(word: str) -> bool:
    """A word ``_progression_sign`` can read as a sign (it is False for every other);
    remembered per word (``progression_in`` asks it of every word of a range)."""
    return (
        word in ("new", "newly", "resistance", "resistant", "refractory", "again", "growth")
        or word.startswith("increas")
        or PROGRESSION_SIGNS.match(word) is not None
    )


MARKER_WORDS = frozenset({"marker", "markers", "cea", "ca15-3", "ca 15-3", "ca27.29", "ca-15-3"})


def _marker_levels(doc: Doc, w: Token) -> bool:
    """ "the levels" said of tumour markers named in the words before ("Tumor marker levels
    temporally decreased …, but 3 months later, the levels were elevated again")."""
    return w.lower_ in ("levels", "level") and any(
        x.lower_ in MARKER_WORDS for x in doc[max(w.i - 30, 0) : w.i]
    )


def _markers_rising(doc: Doc, t: Token) -> bool:
    """Tumour markers told rising: "the levels of the tumor markers (CEA and CA15-3) started
    to increase", "CEA and CA15-3 increased" — the subject a few words before, in its clause
    (not "markers were normal; the dose was increased")."""
    for w in reversed(doc[max(t.i - 12, 0) : t.i]):
        if w.text in (";", ".") or w.lower_ in ("but", "however"):
            return False
        if w.lower_ in MARKER_WORDS:
            return not any(n.lower_ in NOT_WORDS for n in doc[w.i : t.i])
    return False


def _progression_sign(doc: Doc, t: Token) -> bool:
    word = t.lower_
    if word in ("new", "newly"):
        # "new liver lesions", "new lytic and sclerotic lesions", "newly detected liver
        # metastases" (the participle is one of the words read past)
        for w in doc[t.i + 1 : t.i + 5]:
            if TUMOUR_WORDS.match(w.lower_):
                return True
            if w.is_punct:
                break
        return False
    if word == "again":
        # "a tumour developed again on the chest wall", "the liver lesions grew again",
        # "tumour markers rose again": the disease back or growing after a response
        if t.i == 0 or doc[t.i - 1].lower_ not in AGAIN_VERBS:
            return False
        # its subject: in the clause before the verb ("…, her appetite increased again" is
        # not said of the metastases of the clause before)
        for w in reversed(doc[max(t.i - 7, 0) : t.i - 1]):
            if w.text in (",", ";", ":", ".") or w.is_sent_start:
                return bool(
                    w.is_sent_start and (TUMOUR_WORDS.match(w.lower_) or w.lower_ in MARKER_WORDS)
                )
            if TUMOUR_WORDS.match(w.lower_) or w.lower_ in MARKER_WORDS or _marker_levels(doc, w):
                return True
        return False
    if word == "growth":
        # stop 44 (r61-0004): growth a scan showed ("my latest PET scan showed some growth"),
        # never a growth factor, a rate, or a fetus's ("fetal growth scans showed good growth")
        before = [w.lower_ for w in doc[max(t.i - 6, 0) : t.i]]
        return (
            bool(SCAN_NOUNS.intersection(before) and SHOWED.intersection(before))
            and before[-1] in GROWTH_BEFORE
            and not (t.i + 1 < len(doc) and doc[t.i + 1].lower_ in GROWTH_AFTER)
        )
    if word.startswith("spread") and {w.lower_ for w in doc[max(t.i - 3, 0) : t.i]} & SLOWED:
        return False  # "chemotherapy … to slow the spread of the cancer down": its purpose
    if word in ("resistance", "resistant", "refractory"):
        # "… and then resistance developed", "the tumour became refractory"
        return any(w.lower_ in ACQUIRED for w in doc[max(t.i - 3, 0) : t.i + 3])
    if word.startswith("increas") and _markers_rising(doc, t):
        return True  # "the levels of the tumor markers … started to increase"
    if word.startswith("increas"):
        after = [w.lower_ for w in doc[t.i + 1 : t.i + 4]]
        if not (after and after[0] == "in" and GROWTH_NOUNS & set(after)):
            return False
        near = doc[max(t.i - 5, 0) : t.i + 7]
        return any(TUMOUR_WORDS.match(w.lower_) for w in near if w.i != t.i)
    if not PROGRESSION_SIGNS.match(word):
        return False
    if _held_in_check(doc, t):
        return False  # "… keeping both the tumour and the spread under control"
    if word == "failure" and t.i > 0 and doc[t.i - 1].lower_ in ORGAN_FAILURE:
        return False  # "heart failure", "liver failure"
    if _treated_disease_described(doc, t):
        return False  # "I am on letrozole for my breast cancer that spread to my bones"
    near = doc[max(t.i - 4, 0) : t.i + 5]
    said_of = DISEASE_WORDS if word == "failure" else TUMOUR_WORDS
    if any(said_of.match(w.lower_) for w in near if w.i != t.i):
        return True
    if _subject_of_linking(doc, t):
        return True
    return COORDINATED_SIGNS.match(word) is not None and _coordinated_with_tumour(doc, t)


# stop 36: the spread told in a relative clause on the disease a regimen is for ("… and now
# Enhertu for my HER2-low breast cancer that spread to my bones"): a description of the disease
# treated, not its progression on the regimen
RELATIVE_PRONOUNS = frozenset({"that", "which"})
RELATIVE_AUXILIARIES = frozenset({"has", "had", "have", "'s", "’s", "already", "since"})
DESCRIBED_GAP = 7  # tokens from "for" to the relative pronoun ("for my HER2-low breast cancer")


def _treated_disease_described(doc: Doc, t: Token) -> bool:
    """``t`` is told in a relative clause on a disease noun after "for" ("for her cancer which
    has spread")."""
    i = t.i - 1
    while i >= 0 and doc[i].lower_ in RELATIVE_AUXILIARIES:
        i -= 1
    if i < 1 or doc[i].lower_ not in RELATIVE_PRONOUNS or not TUMOUR_WORDS.match(doc[i - 1].lower_):
        return False
    for w in reversed(doc[max(i - DESCRIBED_GAP, 0) : i - 1]):
        if w.lower_ == "for":
            return True
        if w.is_punct and w.text not in ("-", "/"):
            return False
    return False


LINKING = frozenset({"became", "become", "becomes", "becoming", "got", "gets", "getting"})
SUBJECT_BREAKS = frozenset({",", ";", ":", "but", "and", "while", "whereas", "which"})


def _subject_of_linking(doc: Doc, t: Token) -> bool:
    """A growth word after a linking verb whose subject, told before it in its clause, names
    the disease: "the mass in the muscle became enlarged", "the nodules in both lungs got
    larger" (the subject further off than the words read near it)."""
    if t.i == 0 or doc[t.i - 1].lower_ not in LINKING:
        return False
    lo = sentence_bounds(doc, t.i)[0]
    for w in reversed(doc[max(lo, t.i - 10) : t.i - 1]):
        if w.lower_ in SUBJECT_BREAKS:
            return False
        if TUMOUR_WORDS.match(w.lower_):
            return True
    return False


# growth verbs whose subject may be told a clause before: "the liver metastases responded
# to paclitaxel, but eventually regrew"
COORDINATED_SIGNS = re.compile(r"^(?:re)?grew$|^enlarged$|^worsened$|^deteriorated$")
COORDINATORS = frozenset({"but", "and", "then"})
VERB_ADVERBS = frozenset(
    {"eventually", "later", "subsequently", "again", "then", "soon", "gradually", "rapidly"}
    | {"quickly", "slowly", "ultimately", "finally", "thereafter", "had", "have", "has"}
)


def _coordinated_with_tumour(doc: Doc, t: Token) -> bool:
    """The verb coordinated ("…, but (eventually) regrew") with a clause whose words name
    the disease ("the pancreatic metastases responded to paclitaxel"): said of it."""
    lo = sentence_bounds(doc, t.i)[0]
    i = t.i - 1
    while i > lo and doc[i].lower_ in VERB_ADVERBS:
        i -= 1
    if i <= lo or doc[i].lower_ not in COORDINATORS:
        return False
    i -= 1
    if i > lo and doc[i].text == ",":
        i -= 1
    while i >= lo and doc[i].text not in (",", ";", ":"):
        if TUMOUR_WORDS.match(doc[i].lower_):
            return True
        i -= 1
    return False


START_WORDS = frozenset(
    {
        "commenced",
        "initiated",
        "started",
        "begun",
        "began",
        "planned",
        "scheduled",
        "initiates",
        "starts",
        "starting",
        "initiating",
        "commencing",
        "begins",
        "beginning",
        "entering",  # stop 32 (r33): "I'm entering my fourth regimen of chemotherapy"
        "proposed",
        "recommended",
        "considered",
    }
)


FAILED_BEFORE = PROGRESSION_WORDS | {"progresses", "failure", "failed", "failing"}
# possessives of every person: a patient's own post ("progressed on my first line")
ARTICLES = frozenset({"a", "an", "the", "her", "his", "their", "my", "your", "our"})


# the words that put a progression before the line told with it ("second-line therapy after
# progressing on first-line") or on another course ("in the first-line treatment … with
# progression during the adjuvant therapy"): not this line's failure
NOT_THIS_LINE_WORDS = frozenset({"after", "following", "since", "post", "despite"}) | {
    "adjuvant",
    "neoadjuvant",
    "neo-adjuvant",
}


def _fails_next(doc: Doc, line: LineMention, lines: Sequence[LineMention]) -> bool:
    """A line tied to no regimen told failing in the rest of its sentence ("She started
    first-line therapy but progressed"): given and failed, as a named drug's line is read.
    Not when another ordinal follows in the sentence, nor after a word that puts the
    progression before the line or on another course ("second-line therapy after
    progressing on first-line", "progression during the adjuvant therapy").
    Stop 45: the ordinal alone took its failure only from a cue that reached it."""
    hi = sentence_bounds(doc, line.start)[1]
    if any(line.end <= other.start < hi for other in lines):
        return False
    lowers = doc_lowers(doc)
    if NOT_THIS_LINE_WORDS.intersection(lowers[line.end : hi]):
        return False
    return progression_in(doc, line.end, hi, signs=False) or bool(
        working_failure_cues(doc, line.end, hi)  # "…, which stopped working"
    )


# (stop 55, r102-0003: and its judged failure, "this cocktail was ineffective", "no longer
# effective")
WORK_WORDS = frozenset({"work", "worked", "working", "respond", "responding"}) | {
    "ineffective",
    "ineffectual",
    "effective",
}


def working_failure_cues(doc: Doc, start: int, end: int) -> list[Modifier]:
    """The treatment-failure cues of the "working" kind (context_rules.yaml: "stopped
    working", "quit working", "didn't work", "no longer responding") starting in
    doc[start:end], wherever they stand from the drug."""
    lowers = doc_lowers(doc)
    return [
        c
        for c in doc._.context_cues
        if c.category == "PROGRESSION"
        and start <= c.start < end
        and WORK_WORDS.intersection(lowers[c.start : c.end])
    ]


def _failed_line(doc: Doc, line: LineMention) -> bool:
    """The ordinal is the line that failed: "after progression on second-line therapy",
    "the disease progresses after a second-line of …", "PD on 2L", "failure of third-line"."""
    return _failed_at(doc, line.start)


LINE_WORDS = frozenset({"line", "-", "–"}) | frozenset(LINE_ORDINALS)


def _failed_at(doc: Doc, start: int) -> bool:
    """What precedes token ``start`` (past articles and a line ordinal) is "progression
    on", "progresses after", "PD on", "failure of": the regimen or line there failed."""
    lo = sentence_bounds(doc, start)[0]
    i = start - 1
    floor = max(lo, start - 6)  # "progression on the second - line": a few words, never a run
    while i > floor and (
        doc[i].lower_ in ARTICLES
        or doc[i].lower_ in LINE_WORDS
        or re.fullmatch(
            r"[1-7]l|(?:first|second|third|fourth|fifth|sixth|seventh)-line", doc[i].lower_
        )
    ):
        i -= 1
    if i < lo or doc[i].lower_ not in ("on", "after", "of", "through", "while", "to"):
        return False
    lowers = doc_lowers(doc)
    failed = [j for j in range(max(i - 3, lo), i) if lowers[j] in FAILED_BEFORE]
    if not failed:
        # stop 40 (r51): the progression's own sites between ("with progression of both
        # breast and bone after first line chemotherapy"), no clause break among them
        failed = [
            j
            for j in range(max(i - 7, lo), i - 1)
            if lowers[j] in PROGRESSION_WORDS
            and lowers[j + 1] in ("of", "in", "at")
            and not {",", ";", ":", "but", "then"}.intersection(lowers[j:i])
        ][:1]
    # the negation read up to three words before the failure word, not only before "on" (round
    # 24: "No progression thus far on letrozole" is no failure)
    return bool(failed) and not set(lowers[max(failed[0] - 3, lo) : i]) & NOT_WORDS


def _started(doc: Doc, line: LineMention, regimen: Regimen) -> bool:
    """A start verb near the ordinal or right after its regimen ("second-line A + B has
    just been started"): the line is being begun, not already given."""
    end = max(line.end, min(regimen.members[-1].end, line.end + 8))
    window = doc[max(line.start - 4, 0) : min(end + 4, len(doc))]
    return any(t.lower_ in START_WORDS for t in window)


BEGUN_AT_PROGRESSION = "begun at progression"  # context_rules.yaml (a PSEUDO cue)
START_VERBS = frozenset({"started", "begun", "given", "initiated", "commenced", "was", "were"})


def _drugs(regimen: Regimen) -> set[str | None]:
    return {m.mention.generic or m.mention.drug_class for m in regimen.members}


def _named(regimen: Regimen) -> frozenset[str | None]:
    """The regimen's named drugs (its class words when it names none): "the hormonal
    therapy … from tamoxifen" is the tamoxifen told before, not another regimen."""
    generics = regimen.generics()
    return frozenset(generics) if generics else frozenset(_drugs(regimen))


SWITCH_CUES = frozenset({"switched to", "changed to"})  # context_rules.yaml


def _after_begun_cue(doc: Doc, start: int) -> int:
    """The first token after ``start`` past a begun-at-progression cue that follows it
    (its progression word tells when the regimen began, not that it failed)."""
    for cue in doc._.context_cues:
        if cue.rule.literal == BEGUN_AT_PROGRESSION and start <= cue.start <= start + 4:
            return max(start, cue.end)
    return start


# Why a regimen was begun, told after it: "B was started in view of failure of …",
# "switched to B after CT showed enlargement of …", "changed to B because of progression".
REASON_WORDS = frozenset({"after", "because", "due", "view", "owing", "following", "given"})
BEGIN_WORDS = (START_WORDS | {"changed", "switched", "added", "introduced", "placed", "put"}) - {
    "planned",
    "scheduled",
    "proposed",
    "recommended",
    "considered",
}


# a regimen told ended: a reason after it is why it ended, not why it was begun
STOP_WORDS = ENDED | {"ceased", "halted", "abandoned"}
GIVEN_REASON_NEXT = frozenset({"the", "her", "his", "their", "a", "an", "this", "that", "disease"})


def _reason_end(doc: Doc, regimen: Regimen) -> int | None:
    """End of the regimen's sentence when, after the regimen, a reason clause in it tells
    a progression (the reason the regimen was begun, not its failure), else None."""
    first = regimen.members[0]
    lo, hi = sentence_bounds(doc, first.start)
    for t in doc[first.end : hi]:
        if t.lower_ in STOP_WORDS:
            return None  # "B, which was stopped … due to progression": why it ended
        if t.lower_ not in REASON_WORDS:
            continue
        nxt = doc[t.i + 1 : t.i + 2]
        if t.lower_ == "after" and nxt and _duration_word(nxt[0]):
            continue  # "after 3 months, progression": when it failed, not why it began
        if t.lower_ == "given" and not (nxt and nxt[0].lower_ in GIVEN_REASON_NEXT):
            continue  # "ANA therapy given but progressed": the participle, not "given the …"
        if progression_in(doc, t.i + 1, min(t.i + 16, hi)):
            return hi
    return None


def _after_begun(doc: Doc, regimen: Regimen) -> int:
    """Where a regimen begun at progression could next be told failing: past a begun-at-
    progression cue or a reason clause right after it."""
    reason = _reason_end(doc, regimen)
    return max(_after_begun_cue(doc, regimen.end), reason if reason is not None else 0)


def _started_at_progression(doc: Doc, regs: Sequence[Regimen]) -> int | None:
    """Index (>= 1) of the last regimen told begun ("then started on B", "B was started",
    "changed to B") with a progression told between it and the regimen before, or as the
    reason it was begun."""
    found = None
    for i in range(1, len(regs)):
        first = regs[i].members[0]
        lo, hi = sentence_bounds(doc, first.start)
        # (stop 68: past the line's ordinal and the course's sitting before the drug, "Now on
        # second-line eribulin", "Now on cycle 2 of second-line eribulin")
        k = first.start
        while k > lo and (
            doc[k - 1].ent_type_ == "LINE_ORD"
            or doc[k - 1].lower_ in COURSE_SITTING
            or doc[k - 1].is_digit
        ):
            k -= 1
        before = {t.lower_ for t in doc[max(k - 4, lo) : first.start]}
        # past a dose told after the drug ("olaparib, 600 mg/day, was started")
        lowers = doc_lowers(doc)
        after = [
            lowers[k]
            for k in token_range(doc, first.end, hi)
            if not _dose_word(lowers, k) and lowers[k] != "/"
        ]
        around = before | set(after[:6])
        # "…, then fulvestrant (PD), now capecitabine": the regimen given now
        begun = (
            around & (BEGIN_WORDS | GIVEN_AT_PROGRESSION)
            or before & NOW_WORDS
            or gone_onto(doc, first.start)
        )
        # the progression told between them, as the reason B was begun, or as the regimen
        # before's own failure ("progressed on A, then started B"; "After A stopped
        # working I went on B")
        if begun and (
            _progression_between(doc, regs[i - 1], regs[i])
            or _reason_end(doc, regs[i])
            # (a named regimen: "resistant to hormone therapy" names none to count)
            or (regs[i - 1].progression and bool(regs[i - 1].generics()))
        ):
            found = i
    return found


NOW_WORDS = frozenset({"now", "currently"})


def _told_now(doc: Doc, start: int) -> bool:
    """ "now" or "currently" within the three words before ``start`` ("now on second-line
    fulvestrant", "currently second-line")."""
    return not NOW_WORDS.isdisjoint(doc_lowers(doc)[max(start - 3, 0) : start])


# "is on", "remains on": the regimen told right after is the one she is on
ON_NOW_VERBS = frozenset({"is", "'s", "remains", "still", "continues", "stays"})
NOTE_OPENERS = frozenset({".", ";", ":", "\n", "-"})  # what ends the sentence before a note's "On"


# (the review of stop 71: another person's line, "My friend from the support group is on
# third-line capecitabine", "Her sister, who also has breast cancer, is on first-line …"):
# the context reader's relatives and other persons, and a few people unnamed
SOMEONE_ELSE = (
    OTHER_PERSONS
    | frozenset(RELATIVE_SEX)
    | {"cousin", "niece", "partner", "son", "someone", "everyone", "others", "lady", "woman"}
    | {"women", "member", "members"}
)


def _someone_elses(doc: Doc, start: int) -> bool:
    """Another person is named in the sentence before ``start``."""
    lo = sentence_bounds(doc, start)[0]
    return not SOMEONE_ELSE.isdisjoint(doc_lowers(doc)[lo:start])


def _told_on_now(doc: Doc, start: int) -> bool:
    """The regimen or line at ``start`` told as the one she is on: "now" or "currently"
    within the three words before it, or "is on", "remains on" right before it."""
    before = doc_lowers(doc)[max(start - 2, 0) : start]
    return (
        _told_now(doc, start)
        or (len(before) == 2 and before[1] == "on" and before[0] in ON_NOW_VERBS)
        # a note's sentence opening "On" ("On docetaxel + trastuzumab + pertuzumab first
        # line."): the regimen she is on (the review of stop 72)
        or (bool(before) and before[-1] == "on" and (start == 1 or before[0] in NOTE_OPENERS))
    )


COURSE_SITTING = frozenset({"cycle", "cycles", "day", "week", "of", "#"})


def _next_line_asked_now(
    doc: Doc,
    lines: Sequence[LineMention],
    attached: Mapping[int, int | None],
    regs: Sequence[Regimen],
) -> bool:
    """A line tied to no regimen, told after the last regimen in a sentence that says "now"
    before it, is the next line ("And now, we're being asked where to go for third-line
    therapy"): its ordinal is one past the last regimen's — an earlier regimen's ordinal plus
    the regimens told after it. Not a line told given, failing, nominal ("her third line")
    or only considered ("thinking about second-line options"), nor after a regimen told
    working."""
    if not regs or regs[-1].earlier or _told_working(doc, regs[-1]):
        return False
    tied = [(attached[id(line)], line.ordinal) for line in lines if not line.hypothetical]
    known = [(i, o) for i, o in tied if i is not None]
    if not known:
        return False
    index, ordinal = max(known)
    last_ordinal = ordinal + len(regs) - 1 - index
    for line in lines:
        if (
            attached[id(line)] is not None
            or line.hypothetical  # "thinking about second-line options": maybe later
            or line.nominal
            or line.past
            or line.progression
            or line.start < regs[-1].end
            or line.ordinal != last_ordinal + 1
        ):
            continue
        lo = sentence_bounds(doc, line.start)[0]
        if lo >= regs[-1].end and any(t.lower_ in NOW_WORDS for t in doc[lo : line.start]):
            return True
    return False


# told given right after a progression: "T-DXd treatment was subsequently administered",
# "pulmonary dysfunction was effectively treated with epirubicin and cyclophosphamide"
GIVEN_AT_PROGRESSION = frozenset({"administered", "given", "received", "prescribed", "treated"})


def _switched_to(doc: Doc, regs: Sequence[Regimen]) -> int | None:
    """Index (>= 1) of the last regimen introduced by "switched/changed to", or by the "to"
    of "switched/changed from A to B" (A the regimen before)."""
    found = None
    for i, regimen in enumerate(regs):
        first = regimen.members[0]
        if i >= 1 and (
            (first.cue is not None and first.cue.rule.literal in SWITCH_CUES)
            or _switched_from(doc, regs[i - 1], first)
        ):
            found = i
    return found


SWITCHED_FROM = SWITCH_WORDS | {"converted", "moved", "transitioned"}


def _switched_from(doc: Doc, prev: Regimen, first: MentionInfo) -> bool:
    """ "the hormonal therapy was switched from tamoxifen to anastrozole": ``first`` (the
    drug after "to") replaced a drug of ``prev`` told after "from" in the same sentence."""
    if first.start < 1 or doc[first.start - 1].lower_ not in ("to", "by"):
        return False
    lo = sentence_bounds(doc, first.start)[0]
    froms = [t.i for t in doc[lo : first.start] if t.lower_ == "from"]
    if not froms:
        return False
    at = froms[-1]
    return any(t.lower_ in SWITCHED_FROM for t in doc[max(at - 6, lo) : at]) and any(
        at < m.start < first.start for m in prev.members
    )


def _told_since(doc: Doc, regs: Sequence[Regimen], index: int) -> int:
    """End of the first mention of the regimen at ``index`` (of its run of regimens with
    the same drugs told again: "letrozole … New lesions. Switched from letrozole to B")."""
    k = index
    own = set(regs[index].generics())
    while k > 0 and own and set(regs[k - 1].generics()) == own:
        k -= 1
    return regs[k].members[0].end


def _begun_at_progression(doc: Doc, regs: Sequence[Regimen]) -> int | None:
    """Index of the last regimen written as begun at progression ("then T-DXd (T-DXd)
    upon progression", "B (started) at progression"): the cue right after one of its
    mentions, with brackets or a start verb at most between."""
    found: int | None = None
    cues = [c for c in doc._.context_cues if c.rule.literal == BEGUN_AT_PROGRESSION]
    for cue in cues:
        for i, regimen in enumerate(regs):
            if any(
                m.end <= cue.start <= m.end + 4
                and all(
                    t.text in ("(", ")") or t.ent_type_ == "DRUG" or t.lower_ in START_VERBS
                    for t in doc[m.end : cue.start]
                )
                for m in regimen.members
            ):
                found = i if found is None else max(found, i)
    return found


def _max(a: tuple[int, Span] | None, b: tuple[int, Span]) -> tuple[int, Span]:
    return b if a is None or b[0] > a[0] else a


def _first_span(regimen: Regimen, generic: str) -> Span:
    return next(m.mention.span for m in regimen.members if m.mention.generic == generic)


def _regimen_span(regimen: Regimen) -> Span:
    return regimen.members[0].mention.span

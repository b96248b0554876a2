"""Custom spaCy components of the mbc_ner pipeline. Importing this module registers them
(``spacy.load`` of the pipeline directory needs that first; ``load_pipeline`` does it)."""

from __future__ import annotations

import itertools
import json
import re
import warnings
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import numpy
from rapidfuzz import fuzz, process, utils
from rapidfuzz.distance import OSA, Levenshtein
from spacy.attrs import (
    ENT_ID,
    ENT_IOB,
    ENT_TYPE,
    IS_ALPHA,
    IS_STOP,
    LENGTH,
    ORTH,
    SENT_START,
    SPACY,
)
from spacy.errors import Warnings
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import EntityRuler
from spacy.pipeline.entityruler import DEFAULT_ENT_ID_SEP
from spacy.strings import StringStore
from spacy.tokens import Doc, Span

import chatbot.nlp.context  # noqa: F401  (registers the mbc_context factory)
import chatbot.nlp.receptors  # noqa: F401  (registers the mbc_receptors component)
from chatbot.nlp.anchored import AnchoredMatcher
from chatbot.nlp.history import DOSE_SHAPE, DOSE_UNITS
from chatbot.nlp.lexicon import DrugLexicon
from chatbot.nlp.tokenizer import doc_lowers, doc_orths, set_doc_ents
from chatbot.nlp.types import DrugMatch

SENTENCE_END = frozenset({".", "!", "?"})  # ";" is a clause edge (ConText CLAUSE cue)
FUZZY_PREFIX = "~"  # ent id of a fuzzily resolved drug: "~" + lexicon key
FACT_WORD_MIN = 9  # letters; shorter fact words are matched exactly only
FACT_WORD_CUTOFF = 90.0

if not Doc.has_extension("unknown_drugs"):
    Doc.set_extension("unknown_drugs", default=())


# A sentence is cut after this many tokens. Real sentences are far shorter (the longest of
# the 1,084 in tests/data/real has 116 tokens); the bound keeps every per-sentence step
# (ConText cues x targets, words before a mention) linear in the message length on
# unpunctuated floods ("not ER+ " x 500 took 0.2 s as one sentence).
MAX_SENTENCE_TOKENS = 160
# A bullet starts an item of its own, as a line break does (case summaries pasted flat)
BULLETS = frozenset({"•", "▪", "◦", "‣", "●"})


CITATION_GOES_ON = frozenset({"[", "(", ",", ";", ":"})
CITING_VERBS = frozenset({"reported", "described", "found", "observed", "showed", "noted"})


def _after_et_al(orths: Sequence[int], i: int, strings: StringStore) -> bool:
    """The stop before token ``i`` is the one of "et al." and the citation goes on after it: a
    reference mark, a year or the authors' verb (stop 69, held-out probe Y: "described by Okafor
    et al. [7], who carried …" had been cut in two, the cited case's finding out of its
    citation's scope; "… by Gorski et al. No BRCA1 …" and "… in smith et al. she has …" end)."""
    if not (
        i >= 3
        and strings[orths[i - 1]] == "."
        and strings[orths[i - 2]].lower() == "al"
        and strings[orths[i - 3]].lower() == "et"
    ):
        return False
    after = strings[orths[i]]
    return after[:1] in CITATION_GOES_ON or after[:1].isdigit() or after.lower() in CITING_VERBS


@Language.component("mbc_sentences")
def mark_sentences(doc: Doc) -> Doc:
    """Sentence starts after . ! ? followed by a space, and after line breaks.

    A semicolon only ends a clause (a CLAUSE cue in the ConText rules): in "first-line
    olaparib; now progressing" the progression still reaches the drug.

    spaCy's sentencizer would also split "?brain mets" after the "?", which in case notes
    marks the next word as uncertain rather than ending a question.
    """
    # Only starts are marked (unmarked tokens count as "not a start" for doc.sents), all in
    # one array: setting ``token.is_sent_start`` token by token rechecks the whole doc each
    # time, quadratic in the number of sentences (". . . …" took 40 ms for 4,000 chars).
    if not len(doc):
        return doc
    # The words' traits by their hash, remembered per word, and the trailing spaces as one
    # array: a Token and its text per token cost a third of this step. Most words have
    # none of the traits: only the tokens after a word that has one (and the bullets) are
    # looked at, the MAX_SENTENCE_TOKENS cuts filled in between them.
    strings = doc.vocab.strings
    orths = doc_orths(doc)
    marked = {}
    for orth in set(orths):
        word = _TRAITS.get(orth) or _word_traits(orth, strings)
        if word != _PLAIN:
            marked[orth] = word
    n = len(doc)
    starts = [0] * n
    starts[0] = 1
    if marked:
        spaces = doc.to_array(SPACY).tolist()
        at = [i for i, orth in enumerate(orths) if orth in marked]
        # a token that may start a sentence: after an end or a line break, or a bullet
        candidates = sorted(
            {
                i + 1
                for i in at
                if i + 1 < n and (marked[orths[i]].end or marked[orths[i]].line_break)
            }
            | {i for i in at if i and marked[orths[i]].bullet}
        )
    else:
        spaces, candidates = [], []
    last = 0  # the last sentence start
    for i in candidates:
        while i - last > MAX_SENTENCE_TOKENS:  # a cut of a long run before this token
            last += MAX_SENTENCE_TOKENS
            starts[last] = 1
        prev, word = marked.get(orths[i - 1], _PLAIN), marked.get(orths[i], _PLAIN)
        if prev.end and _after_et_al(orths, i, strings):
            continue  # "described by Okafor et al. [7], who carried …": one sentence
        if (
            prev.end
            and word.space
            and not word.line_break
            and i + 1 < n
            and i + 1 - last < MAX_SENTENCE_TOKENS
        ):
            # stop 48: the extra spaces typed after a full stop ("diagnosed.  At age 44 …")
            # end the sentence before them; the next word starts the next one, as it does
            # after one space (a pattern reading a sentence's first word finds it there)
            starts[i + 1] = 1
            last = i + 1
        elif (
            (prev.end and (spaces[i - 1] or word.space))
            or prev.line_break
            or word.bullet  # "• MRI spine: … • Bone marrow aspiration: …"
            or i - last >= MAX_SENTENCE_TOKENS
        ):
            starts[i] = 1
            last = i
    while n - last > MAX_SENTENCE_TOKENS:
        last += MAX_SENTENCE_TOKENS
        starts[last] = 1
    if len(doc) > 1 and sum(starts) == 1:
        starts[1] = -1  # one sentence: say so, or doc.sents refuses to run
    column = numpy.array(starts, dtype="int64").reshape(-1, 1)
    # -1 ("not a start") as spaCy stores it; the stubs type the array narrower than numpy's
    doc.from_array([SENT_START], column.view("uint64"))  # type: ignore[arg-type]
    return doc


class _WordTraits(NamedTuple):
    """What a word is to the sentence splitter. (A token's trailing whitespace is one space
    at most, longer whitespace is a token of its own: a line break is always in a word.)"""

    end: bool  # . ! ?
    line_break: bool
    bullet: bool
    space: bool  # whitespace only


_TRAITS: dict[int, _WordTraits] = {}  # by word hash: a pure function of the word
_PLAIN = _WordTraits(False, False, False, False)  # a word with none of the traits


# A sentence end with a citation glued on, as case reports are pasted from the page
# ("remained disease-free for 11 months.1 Subsequent …", "as observed.2,3 Here …"): one
# token, still the end of its sentence. A lowercase word of 3+ letters: not "Fig.2", "et al.2".
FOOTNOTE_END = re.compile(r"^[a-z][a-z]{2,}[.!?]\d{1,3}(?:[,–-]\d{1,3})*$")


def _word_traits(orth: int, strings: StringStore) -> _WordTraits:
    word = strings[orth]
    end = word in SENTENCE_END or FOOTNOTE_END.match(word) is not None
    traits = _WordTraits(end, "\n" in word, word in BULLETS, word.isspace())
    if len(_TRAITS) < 50_000:
        _TRAITS[orth] = traits
    return traits


def _near(word: str, target: str) -> bool:
    """Same word, or a misspelling of it: same first letter, 5+ letters, at most two edits
    (Levenshtein) for a word of 9+ letters, one (a swap of two neighbours counts one) for a
    shorter one. Two edits in a short word join real words: "small lesions" read as "scalp
    lesions", a skin site; "solitary metastasis" as "salivary metastasis" (round 11)."""
    if word == target:
        return True
    if len(word) < 5 or word[0] != target[0]:
        return False
    if len(word) < 9:
        return OSA.distance(word, target, score_cutoff=1) <= 1
    return Levenshtein.distance(word, target, score_cutoff=2) <= 2


# Abbreviations that name something else as often as the drug ("ANA": antinuclear antibody):
# a drug only when told given ("Given ANA", "ANA therapy", "on ANA 1 mg"), never beside a
# laboratory word ("ANA positive", "ANA titre 1:160")
# "ANA positive" (antinuclear antibodies), "TC 5.2" (total cholesterol), "TAC" (a CT scan
# in Romance-language English): read as a drug or regimen only when told given
TREATMENT_ONLY_ABBREVIATIONS = frozenset({"ana", "tc", "tac"})
GIVEN_BEFORE = frozenset(
    {"given", "on", "with", "started", "start", "received", "receiving", "commenced", "to"}
    | {"then", "switched", "changed", "continued", "of", "plus", "+", "and", "initiated"}
)
THERAPY_AFTER = frozenset(
    {"therapy", "treatment", "was", "given", "started", "1", "1mg", "mg", "daily", "with"}
    | {"for", "discontinued", "stopped", "plus", "+", "and", "x"}
)
LAB_WORDS = frozenset(
    {"positive", "negative", "pos", "neg", "titre", "titer", "titres", "titers", "antibody"}
    | {"antibodies", "screen", "panel", "serology", "level", "levels", "elevated", "raised"}
    | {"ena", "dsdna", "anca", "rf", "ccp", "complement", "speckled", "homogeneous", "igg"}
    | {"cholesterol", "ldl", "hdl", "triglycerides", "lipid", "lipids", "mmol/l", "mg/dl"}
    | {"scan", "scans", "ct", "tomography", "imaging", "showed", "revealed"}
)


def _given_as_drug(ent: Span) -> bool:
    doc = ent.doc
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    near = {t.lower_ for t in doc[max(ent.start - 3, 0) : ent.end + 3]}
    return (before in GIVEN_BEFORE or after in THERAPY_AFTER) and not near & LAB_WORDS


# stop 32 (r33): abbreviations that are everyday words or names ("She continued to act like
# it wasn't a big deal", "Eve was diagnosed", "she is a gem", "Tam said"): a drug only in
# capitals ("ACT", "GEM"), or written beside another drug or a dose ("gem/carbo", "gem 1000
# mg/m2", "eve + exemestane") — "to act" would pass the told-given test ("switched to X")
WORD_ABBREVIATIONS = frozenset({"act", "eve", "gem", "tam"})
BESIDE_LINKS = frozenset({"/", "+", "-", "–", "and", "plus", "with", "&", ","})


def _beside_drug_or_dose(ent: Span) -> bool:
    doc = ent.doc
    for i in (
        *range(ent.end, min(ent.end + 3, len(doc))),
        *range(ent.start - 1, max(ent.start - 3, -1), -1),
    ):
        token = doc[i]
        if (
            token.ent_type_ == "DRUG"
            or token.lower_ in DOSE_UNITS
            or DOSE_SHAPE.fullmatch(token.lower_)  # "gem 1000mg"
        ):
            return True
        if token.like_num and i >= ent.end:
            return True  # "gem 1000 mg/m2"
        if token.lower_ not in BESIDE_LINKS:
            return False
    return False


def _written_as_abbreviation(ent: Span) -> bool:
    """Two-letter abbreviations count only in capitals ("AI", "SG", "ET"; "et" is Latin),
    three-letter ones in capitals, lower case or title case ("exe", "Exe", "EXE"); one that
    names something else as often only when told given (TREATMENT_ONLY_ABBREVIATIONS); one
    that is an everyday word in capitals or beside another drug or a dose
    (WORD_ABBREVIATIONS)."""
    if ent.end - ent.start > 1:
        return True  # every abbreviation tested below is one token ("TC", "gem", "AI")
    text = ent.doc[ent.start].text
    if text.lower() in TREATMENT_ONLY_ABBREVIATIONS and not _given_as_drug(ent):
        return False
    if text.lower() in WORD_ABBREVIATIONS and not text.isupper():
        return _beside_drug_or_dose(ent)
    if len(text) > 3 or not text.isalpha():
        return True
    if len(text) <= 2:
        return text.isupper()
    return text.isupper() or text.islower() or text.istitle()


# stop 57 (r119-0007): a word of the fact word's stem with another English ending is
# another word, spelt right, not a misspelling ("menstruation" is no "menstruating": "when
# was the last menstruation" read her as premenopausal)
# (a plural is the same word: "neuropathies" is read as "neuropathy" is)
DERIVING_ENDINGS = frozenset({"ion", "ions", "ing"})
WORD_ENDINGS = DERIVING_ENDINGS | {"", "e", "s", "es", "y", "ies"}


def _another_form(word: str, target: str) -> bool:
    """``word`` is ``target``'s stem with another of the common English endings."""
    stem = 0
    for a, b in zip(word, target, strict=False):
        if a != b:
            break
        stem += 1
    # the stem may end before the shared letters do ("menstruati-on" / "menstruati-ng")
    return any(
        word[k:] in WORD_ENDINGS
        and target[k:] in WORD_ENDINGS
        and (word[k:] in DERIVING_ENDINGS or target[k:] in DERIVING_ENDINGS)
        for k in range(stem, max(stem - 3, len(target) - 5, 0) - 1, -1)
    )


class DrugResolver:
    """Adds DRUG entities for misspelt drug names (rapidfuzz, via ``DrugLexicon``) and
    records drug-like words it cannot resolve in ``doc._.unknown_drugs``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.lexicon: DrugLexicon | None = None
        self.fact_words: dict[str, str] = {}  # fact word / two-word phrase -> FACT id
        self._single: dict[str, str] = {}
        self._pairs_by_word: dict[str, dict[str, str]] = {}  # "word ab" -> {phrase: id}
        self._seen: dict[str, tuple[DrugMatch | None, bool]] = {}  # word -> (match, drug-like)
        self._seen_pairs: dict[str, DrugMatch | None] = {}  # "word word" -> match
        self._seen_fact_pairs: dict[tuple[str, str, bool, bool], str | None] = {}
        self._seen_fact_words: dict[str, str | None] = {}
        # word hash -> (drug match, fact id, drug-like): both look-ups of a word at once
        self._seen_orths: dict[int, tuple[DrugMatch | None, str | None, bool]] = {}
        self._single_words: list[str] = []

    def set_lexicon(self, lexicon: DrugLexicon) -> None:
        self.lexicon = lexicon
        self._seen.clear()
        self._seen_pairs.clear()
        self._seen_orths.clear()

    def set_fact_words(self, fact_words: dict[str, str]) -> None:
        """Single fact words and two-word fact phrases (key with a space) -> FACT id."""
        self.fact_words = dict(sorted(fact_words.items()))
        self._single = {w: i for w, i in self.fact_words.items() if " " not in w}
        self._single_words = list(self._single)
        # by (a word of the phrase, first letter of each word): ``_near`` keeps the first
        # letter, so only these phrases can match a pair (a flood of distinct "xxxx mets"
        # pairs compared each with every "… mets" phrase)
        self._pairs_by_word = {}
        for phrase, fact_id in self.fact_words.items():
            if " " in phrase:
                a, b = phrase.split(" ")
                for word in (a, b):
                    self._pairs_by_word.setdefault(f"{word} {a[0]}{b[0]}", {})[phrase] = fact_id
        self._seen.clear()
        self._seen_fact_pairs.clear()
        self._seen_fact_words.clear()
        self._seen_orths.clear()

    def _fact_pair(self, first: str, second: str, exact: tuple[bool, bool]) -> str | None:
        """FACT id of a misspelt two-word fact phrase ("viscreal crisis"), or None.

        Only phrases sharing one word exactly are compared, and the other word must be
        within two edits (Levenshtein) with the same first letter: a whole-string score
        would let "organ function" pass for "organ dysfunction". Answers are remembered
        (a pure function of the two words: "mets;" x 800 compared the same pair 800 times
        with every "… mets" phrase, 31 ms). A word that is a fact word of its own
        (``exact``: "spine", a site) is never read as a misspelling of another ("spine
        metastasis" is no "skin metastasis")."""
        key = (first, second, *exact)
        if key in self._seen_fact_pairs:
            return self._seen_fact_pairs[key]
        letters = first[:1] + second[:1]
        candidates = {
            **self._pairs_by_word.get(f"{first} {letters}", {}),
            **self._pairs_by_word.get(f"{second} {letters}", {}),
        }
        found = None
        for phrase, fact_id in sorted(candidates.items()):
            a, b = phrase.split(" ")
            if (exact[0] and first != a) or (exact[1] and second != b):
                continue
            if all(_near(w, t) for w, t in ((first, a), (second, b))):
                found = fact_id
                break
        if len(self._seen_fact_pairs) < 50_000:
            self._seen_fact_pairs[key] = found
        return found

    def _fact_word(self, word: str) -> str | None:
        """FACT id of a misspelt long fact word ("postmenopasual"), or None. Answers are
        remembered (a pure function of the word; every long word of a message that is not a
        drug is scored against each fact word: a fifth of this component's time)."""
        if len(word) < FACT_WORD_MIN or not self._single:
            return None
        if word in self._seen_fact_words:
            return self._seen_fact_words[word]
        best = process.extractOne(
            word,
            self._single_words,
            scorer=fuzz.ratio,
            processor=utils.default_process,
            score_cutoff=FACT_WORD_CUTOFF,
        )
        found = None
        if best is not None and not _another_form(utils.default_process(word), best[0]):
            found = self._single[best[0]]
        if len(self._seen_fact_words) < 50_000:
            self._seen_fact_words[word] = found
        return found

    def _lookup(self, lexicon: DrugLexicon, word: str) -> tuple[DrugMatch | None, bool]:
        # Fuzzy matching is the costly step and case notes repeat words: remember answers
        # (pure function of the word, so caching changes no result).
        hit = self._seen.get(word)
        if hit is None:
            match = lexicon.resolve(word)
            hit = (match, match is None and lexicon.is_drug_like(word))
            if len(self._seen) < 50_000:
                self._seen[word] = hit
        return hit

    def __call__(self, doc: Doc) -> Doc:
        lexicon = self.lexicon
        if lexicon is None:
            raise RuntimeError("mbc_drug_resolver has no lexicon (pipeline not built/loaded)")
        new: list[Span] = []
        unknown: list[tuple[int, int, tuple[str, ...]]] = []
        # ``doc.ents`` builds a Span per entity on every read: read it once (a note with
        # 1,000 entities read it ten times, 0.15 s).
        current = list(doc.ents)
        kept = [e for e in current if e.label_ != "DRUG" or _written_as_abbreviation(e)]
        if len(kept) != len(current):
            set_doc_ents(doc, kept)
        current = kept
        # Which tokens can be a word to look up, from one array of token attributes (a
        # Token object per token and test cost more than the look-ups themselves).
        rows = doc.to_array([ENT_TYPE, IS_ALPHA, LENGTH, IS_STOP, ORTH]).tolist()
        strings = doc.vocab.strings
        lowers = doc_lowers(doc)
        by_orth = self._seen_orths
        for i, (ent_type, alpha, length, stop, orth) in enumerate(rows):
            if ent_type or not alpha or length <= 4 or stop:
                continue
            # what the word is, remembered by its hash (a pure function of the word: its text
            # and its lower-case form, ``lowers[i]``)
            known = by_orth.get(orth)
            if known is None:
                text = strings[orth]  # the token's text, without a Token object
                match, drug_like = self._lookup(lexicon, text)
                fact_id = None if match is not None else self._fact_word(lowers[i])
                known = (match, fact_id, drug_like)
                if len(by_orth) < 50_000:
                    by_orth[orth] = known
            match, fact_id, drug_like = known
            if match is None and fact_id is None and not drug_like:
                continue
            if match is not None:
                new.append(
                    Span(
                        doc,
                        i,
                        i + 1,
                        label="DRUG",
                        span_id=FUZZY_PREFIX + match.matched,
                    )
                )
            elif fact_id is not None:
                new.append(Span(doc, i, i + 1, label="FACT", span_id=fact_id))
            elif drug_like:
                unknown.append((i, i + 1, tuple(lexicon.suggest(strings[orth]))))
        # Two-word fact phrases with a misspelt word ("viscreal crisis", "liver failur"); a
        # one-word fact inside ("liver" as a site) gives way to the longer phrase.
        ents = [*current, *new]
        one_word_facts = {e.start: e for e in ents if e.label_ == "FACT" and len(e) == 1}
        taken = {i for e in ents for i in range(e.start, e.end) if e.start not in one_word_facts}
        dropped: set[int] = set()
        # two alphabetic words of 4+ letters each (the same attribute rows as above)
        wordy = [alpha and length >= 4 for _, alpha, length, _, _ in rows]
        pairs_seen = self._seen_fact_pairs  # ``_fact_pair``'s answers, read here first
        for i in range(len(doc) - 1):
            if i in taken or i + 1 in taken or not (wordy[i] and wordy[i + 1]):
                continue
            exact = (i in one_word_facts, i + 1 in one_word_facts)
            key = (lowers[i], lowers[i + 1], *exact)
            if key in pairs_seen:
                fact_id = pairs_seen[key]
            else:
                fact_id = self._fact_pair(lowers[i], lowers[i + 1], exact)
            if fact_id is not None:
                new.append(Span(doc, i, i + 2, label="FACT", span_id=fact_id))
                taken.update((i, i + 1))
                dropped.update(k for k in (i, i + 1) if k in one_word_facts)
        if new:
            kept = [
                e
                for e in current
                if not (e.label_ == "FACT" and len(e) == 1 and e.start in dropped)
            ]
            current = sorted([*kept, *new], key=lambda s: s.start)
            set_doc_ents(doc, current)
        merged = self._merge_split_names(doc, self._resolve_pair, current)
        if merged is not None:
            set_doc_ents(doc, merged)
        doc._.unknown_drugs = tuple(unknown)
        return doc

    def _resolve_pair(self, words: str) -> DrugMatch | None:
        """``lexicon.resolve`` of two words, remembered (a pure function of the words: a
        flood of one abbreviation, "AI;" x 1,333, resolved the same pair 1,333 times)."""
        if words in self._seen_pairs:
            return self._seen_pairs[words]
        assert self.lexicon is not None
        match = self.lexicon.resolve(words)
        if len(self._seen_pairs) < 50_000:
            self._seen_pairs[words] = match
        return match

    @staticmethod
    def _merge_split_names(
        doc: Doc, resolve: Callable[[str], DrugMatch | None], ents: list[Span]
    ) -> tuple[Span, ...] | None:
        """A misspelt two-word name ("trastuzumab deruxtecn") is read as two mentions, the
        first a different drug. When a DRUG span and the next word together resolve to a
        two-word name, they become one mention of that name (T-DXd is not trastuzumab)."""
        changed = False
        out: list[Span] = []
        i = 0
        while i < len(ents):
            ent = ents[i]
            # one word only: a whole name already read ("trastuzumab deruxtecan") must not
            # swallow the word after it ("… upon progression" read as a fuzzy T-DXd)
            if (
                ent.label_ == "DRUG"
                and len(ent) == 1
                and ent.end < len(doc)
                and doc[ent.end].is_alpha
            ):
                nxt = ents[i + 1] if i + 1 < len(ents) and ents[i + 1].start == ent.end else None
                if nxt is None or nxt.label_ == "DRUG":
                    words = f"{ent.text} {doc[ent.end].text}"
                    match = resolve(words)
                    if (
                        match is not None
                        and " " in match.matched
                        and match.how in ("fuzzy", "exact")
                    ):
                        prefix = FUZZY_PREFIX if match.how == "fuzzy" else ""
                        out.append(
                            Span(
                                doc,
                                ent.start,
                                ent.end + 1,
                                label="DRUG",
                                span_id=prefix + match.matched,
                            )
                        )
                        changed = True
                        i += 2 if nxt is not None else 1
                        continue
            out.append(ent)
            i += 1
        return tuple(out) if changed else None

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        if self.lexicon is None:
            raise RuntimeError("mbc_drug_resolver has no lexicon to save")
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "lexicon.json").write_text(
            json.dumps(self.lexicon.to_dict(), ensure_ascii=False, indent=1, sort_keys=True) + "\n",
            encoding="utf-8",
        )
        (path / "fact_words.json").write_text(
            json.dumps(self.fact_words, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
            encoding="utf-8",
        )

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> DrugResolver:
        data = json.loads((Path(path) / "lexicon.json").read_text(encoding="utf-8"))
        self.set_lexicon(DrugLexicon.from_dict(data))
        self.set_fact_words(
            json.loads((Path(path) / "fact_words.json").read_text(encoding="utf-8"))
        )
        return self


@Language.factory("mbc_drug_resolver")
def make_drug_resolver(nlp: Language, name: str) -> DrugResolver:
    return DrugResolver(nlp, name)


class PhraseTextRuler(EntityRuler):
    """spaCy's ``EntityRuler`` with cheaper phrase patterns; matching is unchanged.

    Why a subclass: the stock ruler turns each phrase pattern into a ``Doc`` with
    ``nlp.pipe`` at every load (so every component before it, here ``mbc_sentences``,
    runs on each of the ~10,800 patterns) and keeps that ``Doc`` for the life of the
    process. Measured 2026-11-21: 0.52 s of every cold start and ~45 MB of RSS. Our
    ruler matches on ``LOWER``, a tokenizer attribute, so this class

    - at build time tokenizes phrase patterns with ``nlp.tokenizer.pipe`` (the same
      tokens as ``nlp.make_doc``; no pipeline component can change ``LOWER``) and
      ``to_disk`` writes each pattern's ``LOWER`` strings to ``phrase_tokens.jsonl``
      next to the usual ``patterns.jsonl`` (unchanged);
    - at load gives the ``PhraseMatcher`` those strings' hashes, the documented
      non-``Doc`` input of ``PhraseMatcher.add`` (its unpickling path), so nothing is
      tokenized: the ruler loads in ~0.1 s instead of 0.52 s;
    - adds every pattern under the same key and in the same order as
      ``EntityRuler.add_patterns`` (so the matches, and the order ties are broken in,
      are identical), and keeps the pattern *text* rather than a ``Doc``.

    A hand-written dict/trie of token n-grams would load faster still, but would have to
    reproduce the PhraseMatcher's overlap and ordering behaviour; this keeps spaCy's.
    Only tokenizer attributes (``LOWER``, ``ORTH``) are accepted as
    ``phrase_matcher_attr``; any other would need the pipeline components.
    """

    TOKENIZER_ATTRS = frozenset({"LOWER", "ORTH", "TEXT"})
    TOKENS_FILE = "phrase_tokens.jsonl"
    _anchored: AnchoredMatcher | None = None

    def match(self, doc: Doc) -> list[tuple[int, int, int]]:
        """``EntityRuler.match`` with the token patterns run by an ``AnchoredMatcher``
        (the same matches; the cost bounded by the message length, chatbot.nlp.anchored)."""
        self._require_patterns()
        if self._anchored is None:
            self._anchored = AnchoredMatcher(
                self.nlp.vocab,
                [(label, p) for label, ps in self.token_patterns.items() for p in ps],
            )
        matches = self._anchored(doc) + list(self.phrase_matcher(doc))
        final = {(m_id, start, end) for m_id, start, end in matches if start != end}
        return sorted(final, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)

    def _require_patterns(self) -> None:
        """``EntityRuler._require_patterns`` (warn when there is no pattern), without its
        ``len(self)``, which counts all ~10,800 patterns label by label on every message
        (11 µs a message): this stops at the first label that has one."""
        if not any(self.token_patterns.values()) and not any(self.phrase_patterns.values()):
            warnings.warn(Warnings.W036.format(name=self.name), stacklevel=2)

    def __call__(self, doc: Doc) -> Doc:
        """``EntityRuler.__call__``, then long runs of one repeated mention collapsed
        (``collapse_repeats``)."""
        return collapse_repeats(super().__call__(doc))

    def set_annotations(self, doc: Doc, matches: list[tuple[int, int, int]]) -> None:
        """``EntityRuler.set_annotations``, the same entities in linear time: the stock
        method reads every matched token (``doc[start:end]``) before checking
        ``overwrite``, and refilters the old entities for every match."""
        entities = list(doc.ents)
        new_entities: list[Span] = []
        seen_tokens: set[int] = set()
        # the entity type of every token as one array (``doc.ents`` is set only at the end)
        ent_types = doc.to_array(ENT_TYPE).tolist()
        for match_id, start, end in matches:
            if not self.overwrite and any(ent_types[start:end]):
                continue
            # end - 1: boundaries are inclusive (as the stock method checks)
            if start not in seen_tokens and end - 1 not in seen_tokens:
                if match_id in self._ent_ids:
                    label, ent_id = self._ent_ids[match_id]
                    span = Span(doc, start, end, label=label, span_id=ent_id)
                else:
                    span = Span(doc, start, end, label=match_id)
                new_entities.append(span)
                if entities:
                    entities = [e for e in entities if not (e.start < end and e.end > start)]
                seen_tokens.update(range(start, end))
        set_doc_ents(doc, entities + new_entities)

    def clear(self) -> None:
        super().clear()
        self._anchored = None

    def remove(self, ent_id: str) -> None:
        super().remove(ent_id)
        self._anchored = None

    @property
    def patterns(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for label, token_patterns in self.token_patterns.items():
            for pattern in token_patterns:
                out.append(self._pattern_entry(label, pattern))
        for label, texts in self.phrase_patterns.items():
            for text in texts:
                out.append(self._pattern_entry(label, text))
        return out

    def _pattern_entry(self, label: str, pattern: Any) -> dict[str, Any]:
        ent_label, ent_id = self._split_label(label)
        entry: dict[str, Any] = {"label": ent_label, "pattern": pattern}
        if ent_id:
            entry["id"] = ent_id
        return entry

    def _lower(self) -> bool:
        attr = str(self.phrase_matcher_attr or "ORTH").upper()
        if attr not in self.TOKENIZER_ATTRS:
            raise ValueError(f"{self.name}: phrase_matcher_attr {attr} needs the pipeline")
        return attr == "LOWER"

    def _phrase_tokens(self, texts: list[str]) -> list[list[str]]:
        """Each text's tokens as the PhraseMatcher compares them (LOWER or ORTH strings)."""
        lower = self._lower()
        tokenizer: Any = self.nlp.tokenizer  # a spaCy Tokenizer; typed as a callable
        return [[t.lower_ if lower else t.text for t in doc] for doc in tokenizer.pipe(texts)]

    def add_patterns(
        self, patterns: Iterable[dict[str, Any]], tokens: Iterable[list[str]] | None = None
    ) -> None:
        """As ``EntityRuler.add_patterns``; ``tokens`` (one list per phrase pattern, in
        order) skips tokenizing the phrases."""
        lower = self._lower()
        self._anchored = None  # rebuilt from the token patterns at the next match
        token_entries: list[dict[str, Any]] = []
        phrase_entries: list[dict[str, Any]] = []
        for entry in patterns:
            if isinstance(entry["pattern"], str):
                phrase_entries.append(entry)
            elif isinstance(entry["pattern"], list):
                token_entries.append(entry)
        texts = [e["pattern"] for e in phrase_entries]
        words = list(tokens) if tokens is not None else self._phrase_tokens(texts)
        if len(words) != len(texts):
            raise ValueError(f"{self.name}: {len(words)} token lists for {len(texts)} phrases")
        strings = self.nlp.vocab.strings
        keywords: list[tuple[int, ...]] = []
        for text, toks in zip(texts, words, strict=True):
            written = "".join(text.lower() if lower else text).split()
            if "".join("".join(toks).split()) != "".join(written):
                raise ValueError(f"{self.name}: tokens {toks} do not spell {text!r} (rebuild)")
            keywords.append(tuple(strings.add(t) for t in toks))
        # Same order as EntityRuler.add_patterns: token patterns first, then phrases.
        entries: Iterable[tuple[dict[str, Any], tuple[int, ...] | None]] = itertools.chain(
            ((e, None) for e in token_entries), zip(phrase_entries, keywords, strict=True)
        )
        for entry, keyword in entries:
            label = entry["label"]
            if entry.get("id"):
                ent_label = label
                label = self._create_label(label, entry["id"])
                key = self.matcher._normalize_key(label)
                self._ent_ids[key] = (ent_label, entry["id"])
            if keyword is None:
                self.token_patterns[label].append(entry["pattern"])
                self.matcher.add(label, [entry["pattern"]])
            else:
                self.phrase_patterns[label].append(entry["pattern"])
                # a hash sequence, as PhraseMatcher's unpickling passes (stubs say Doc only)
                self.phrase_matcher.add(label, [keyword])  # type: ignore[list-item]

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        super().to_disk(path, exclude=list(exclude))
        path = Path(path)
        if path.suffix != ".jsonl":
            texts = [p["pattern"] for p in self.patterns if isinstance(p["pattern"], str)]
            lines = [json.dumps(toks, ensure_ascii=False) for toks in self._phrase_tokens(texts)]
            (path / self.TOKENS_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> PhraseTextRuler:
        path = Path(path)
        tokens_path = path / self.TOKENS_FILE
        if not tokens_path.is_file():
            super().from_disk(path, exclude=list(exclude))
            return self
        # EntityRuler.from_disk for a directory, with the stored tokens.
        self.clear()
        cfg = json.loads((path / "cfg").read_text(encoding="utf-8"))
        self.overwrite = cfg.get("overwrite", False)
        self.phrase_matcher_attr = cfg.get("phrase_matcher_attr")
        self.ent_id_sep = cfg.get("ent_id_sep", DEFAULT_ENT_ID_SEP)
        self.phrase_matcher = PhraseMatcher(self.nlp.vocab, attr=self.phrase_matcher_attr)
        patterns = _read_jsonl(path / "patterns.jsonl")
        self.add_patterns(patterns, _read_jsonl(tokens_path))
        return self


# A run of one mention repeated with only punctuation or list joiners between ("ER/ER/ER/…",
# "AI, AI, AI, …", "1L,1L,…") says no more than its first and last members: a run longer
# than MAX_REPEATS keeps MAX_REPEATS // 2 at each end (the cues before and after the run
# still reach them) and its middle becomes one REPEAT entity, which states nothing. No text
# of tests/data has a run longer than 2; every later step costs per entity (receptor
# lists, ConText targets, list coordination, drug roles), so this bounds a flood of 1,333
# mentions at 9 entities.
MAX_REPEATS = 8
REPEAT_LABEL = "REPEAT"
RUN_JOINERS = frozenset({",", ";", "/", "+", "&", "-", "and", "or", "nor", "|"})


# A phrase of up to MAX_PERIOD mentions repeated word for word, the words between its
# mentions included, is bounded the same way: "not ER+ not ER+ …", "brain mets SRS, brain
# mets SRS, …", "1L letrozole, 1L letrozole, …" (a run of more than MAX_REPEATS copies keeps
# MAX_REPEATS // 2 copies at each end, its middle one REPEAT entity). No clinician writes one
# phrase nine times over; a flood of it cost every per-mention step (ConText, site lists,
# brain treatments, lines) once per copy: 4,000 characters of "brain mets SRS, " took 0.1 s.
# (stop 32: a list of four to six regimens repeated, "AC EC TC FEC AC EC TC FEC …", took
# 80–105 ms — the history read ~1,000 regimens — so phrases of up to six mentions.)
MAX_PERIOD = 6


def _longest_same_run(doc: Doc) -> int:
    """The most copies in a run of neighbouring entities whose (label, id) repeat with a
    period of at most MAX_PERIOD entities, read from one array of token attributes:
    ``doc.ents`` builds a Span per entity on every read, and a run longer than MAX_REPEATS
    is rare (an entity starts at a B token with a label, as ``doc.ents`` reads it)."""
    return _longest_run(_entity_keys(doc))


def _entity_keys(doc: Doc) -> list[tuple[int, int]]:
    """(label, id) of every entity, in order, from one array of token attributes."""
    return [
        (label, ent_id)
        for iob, label, ent_id in doc.to_array([ENT_IOB, ENT_TYPE, ENT_ID]).tolist()
        if iob == 3 and label
    ]


def _longest_run(keys: list[tuple[int, int]]) -> int:
    """``_longest_same_run`` of the entities' (label, id) keys (never more than their count)."""
    longest = min(len(keys), 1)
    for period in range(1, MAX_PERIOD + 1):
        run = 0  # entities that equal the one a period before
        for i in range(period, len(keys)):
            run = run + 1 if keys[i] == keys[i - period] else 0
            longest = max(longest, run // period + 1)
    return longest


def _collapse_phrases(doc: Doc, ents: list[Span]) -> list[Span] | None:
    """``ents`` with each run of more than MAX_REPEATS copies of one phrase (see MAX_PERIOD)
    bounded, or None when there is none. A copy is its mentions' labels, ids and words and
    the words up to the next mention, so the words between copies are the same too."""
    if len(ents) <= MAX_REPEATS:
        return None
    lowers = doc_lowers(doc)
    units = [
        (
            e.label,
            e.ent_id,
            tuple(lowers[e.start : e.end]),
            tuple(lowers[e.end : ents[i + 1].start]) if i + 1 < len(ents) else None,
        )
        for i, e in enumerate(ents)
    ]
    out: list[Span] = []
    changed = False
    i = 0
    half = MAX_REPEATS // 2
    while i < len(ents):
        for period in range(1, MAX_PERIOD + 1):
            j = i
            while j + period < len(units) and units[j] == units[j + period]:
                j += 1
            copies = (j - i + period) // period
            if copies > MAX_REPEATS:
                kept = copies * period
                middle = Span(
                    doc,
                    ents[i + half * period].start,
                    ents[i + kept - half * period - 1].end,
                    label=REPEAT_LABEL,
                )
                out += [*ents[i : i + half * period], middle]
                out += ents[i + kept - half * period : i + kept]
                i += kept
                changed = True
                break
        else:
            out.append(ents[i])
            i += 1
    return out if changed else None


def collapse_repeats(doc: Doc) -> Doc:
    # an entity starts at a B token (ENT_IOB 3): no more than MAX_REPEATS of them, no run
    # (one column read, ~5 µs less than the (label, id) rows of ``_entity_keys``; 4 messages
    # in 5 stop here)
    if doc.to_array(ENT_IOB).tolist().count(3) <= MAX_REPEATS:
        return doc
    keys = _entity_keys(doc)
    # a run is never longer than the entities there are (most messages have fewer than
    # MAX_REPEATS: the periods are not even scanned)
    if len(keys) <= MAX_REPEATS or _longest_run(keys) <= MAX_REPEATS:
        return doc  # a repeat needs neighbours that agree in label and id (``same``)
    ents = list(doc.ents)
    if len(ents) <= MAX_REPEATS:
        return doc
    # Two neighbours are one mention repeated when label, id and lower-cased text agree
    # and only joiners lie between; the texts and the words are read only once some
    # neighbours' labels and ids agree (in most messages none do).
    texts: dict[int, str] = {}
    lowers: list[str] = []

    def same(a: int, b: int) -> bool:
        x, y = ents[a], ents[b]
        if x.label != y.label or x.ent_id != y.ent_id:
            return False
        for k in (a, b):
            if k not in texts:
                texts[k] = ents[k].text.lower()
        return texts[a] == texts[b]

    def joined(a: Span, b: Span) -> bool:
        if not lowers:
            lowers.extend(doc_lowers(doc))
        return all(w in RUN_JOINERS for w in lowers[a.end : b.start])

    out: list[Span] = []
    changed = False
    i = 0
    while i < len(ents):
        j = i
        while j + 1 < len(ents) and same(j + 1, i) and joined(ents[j], ents[j + 1]):
            j += 1
        run = ents[i : j + 1]
        if len(run) > MAX_REPEATS:
            half = MAX_REPEATS // 2
            middle = Span(doc, run[half].start, run[-half - 1].end, label=REPEAT_LABEL)
            out += [*run[:half], middle, *run[-half:]]
            changed = True
        else:
            out += run
        i = j + 1
    phrases = _collapse_phrases(doc, out)
    if phrases is not None:
        out, changed = phrases, True
    if changed:
        set_doc_ents(doc, out)
    return doc


@Language.component("mbc_repeats")
def collapse_repeated_statements(doc: Doc) -> Doc:
    """``collapse_repeats`` again after the receptor grammar, whose statements ("ER+" x
    1,000) are entities made after the ruler."""
    return collapse_repeats(doc)


def _read_jsonl(path: Path) -> list[Any]:
    """A JSONL file as one list, parsed in one ``json.loads`` call (a call per line is
    ~3x slower for 10,000 short lines)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return list(json.loads("[" + ",".join(lines) + "]"))


@Language.factory(
    "mbc_entity_ruler",
    assigns=["doc.ents", "token.ent_type", "token.ent_iob"],
    default_config={
        "phrase_matcher_attr": None,
        "matcher_fuzzy_compare": {"@misc": "spacy.levenshtein_compare.v1"},
        "validate": False,
        "overwrite_ents": False,
        "ent_id_sep": DEFAULT_ENT_ID_SEP,
        "scorer": {"@scorers": "spacy.entity_ruler_scorer.v1"},
    },
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None},
)
def make_phrase_text_ruler(
    nlp: Language,
    name: str,
    phrase_matcher_attr: str | None,
    matcher_fuzzy_compare: Callable[..., bool],
    validate: bool,
    overwrite_ents: bool,
    ent_id_sep: str,
    scorer: Callable[..., Any] | None,
) -> PhraseTextRuler:
    return PhraseTextRuler(
        nlp,
        name,
        phrase_matcher_attr=phrase_matcher_attr,
        matcher_fuzzy_compare=matcher_fuzzy_compare,
        validate=validate,
        overwrite_ents=overwrite_ents,
        ent_id_sep=ent_id_sep,
        scorer=scorer,
    )

"""Answer information questions with extractive passages of the guideline.

The guideline's sections are cut into passages — narrative sentences, option
lines ("alpelisib: 300 mg orally …"), supportive-care sentences — each a verbatim
slice of its section. Identical passages repeated across groups (supportive care
is repeated 40 times) are stored once with every section id they occur in.

Ranking is BM25 (``rank_bm25.BM25Okapi``) over snowball-stemmed tokens, combined
with entity matching: when the question names a drug, only passages naming that
drug (or a class it belongs to, e.g. "CDK4/6 inhibitors" for ribociclib) qualify,
and a dose question is answered from the option lines that start with the drug.
Below the relevance bar the answer says the guideline does not cover the
question, with the nearest grounded content. Nothing is paraphrased: every
guideline statement is a passage's exact text plus its section ids.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from typing import Literal

import snowballstemmer
from rank_bm25 import BM25Okapi

from chatbot.contract import Statement
from chatbot.dialogue.wording import group_words, ordinal
from chatbot.kb.grounding import DOSE_RE
from chatbot.kb.loader import load_drugs
from chatbot.kb.sections import SectionIndex, load_index

PassageKind = Literal["narrative", "option", "supportive", "preamble", "title"]

MAX_CITED_IDS = 3
MAX_TITLE_CHARS = 80
MAX_TERM_WORDS = 4
# BM25 score below which the best passage is not taken as an answer. Scores on
# this corpus: on-topic hits score 6–20; queries sharing one common word ~2–4.
MIN_SCORE = 4.0

_REF = re.compile(r"\[\d+\]")
_TOKEN = re.compile(r"[a-z0-9]+(?:[-/][a-z0-9]+)*")
# A sentence ends at a full stop (plus any reference markers) followed by a capital.
_SENTENCE_END = re.compile(r"\.(?:\[\d+\])*(?=\s+[A-Z(])")
_CONNECTORS = {"OR", "or", "and", "-- AND --", "Primary options", "Secondary options"}
_NO_DOSE = re.compile(r"(see|consult) local specialist protocol", re.I)

_STEMMER = snowballstemmer.stemmer("english")

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "for",
        "in",
        "on",
        "at",
        "to",
        "and",
        "or",
        "with",
        "without",
        "by",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "do",
        "does",
        "did",
        "can",
        "could",
        "should",
        "would",
        "will",
        "shall",
        "may",
        "might",
        "must",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "she",
        "her",
        "he",
        "his",
        "they",
        "them",
        "their",
        "i",
        "me",
        "my",
        "we",
        "our",
        "you",
        "your",
        "please",
        "tell",
        "about",
        "any",
        "some",
        "there",
        "here",
        "than",
        "then",
        "also",
        "into",
        "if",
        "not",
        "no",
        "yes",
        "patient",
        "patients",
        "woman",
        "women",
        "guideline",
        "say",
        "says",
        "give",
        "given",
        "know",
    ]
)
# Words too common in this corpus to show a passage is on topic.
_GENERIC_STEMS = frozenset(
    _STEMMER.stemWords(
        [
            "mbc",
            "breast",
            "cancer",
            "metastatic",
            "treatment",
            "treatments",
            "therapy",
            "therapies",
            "treat",
            "drug",
            "drugs",
            "option",
            "options",
            "recommend",
            "recommended",
            "recommendation",
            "use",
            "used",
        ]
    )
)
DOSE_WORDS = frozenset({"dose", "doses", "dosing", "dosage", "mg", "much", "schedule", "regimen"})
_DOSE_STEMS = frozenset(_STEMMER.stemWords(sorted(DOSE_WORDS)))
_SIDE_EFFECT = re.compile(
    r"side[- ]effects?|adverse|toxicit|safety|warning|risk|harm|tolerab", re.I
)
_SIDE_EFFECT_EXPANSION = tuple(
    _STEMMER.stemWords(
        ["adverse", "toxicity", "warning", "incidence", "associated", "risk", "monitoring"]
    )
)
_EVIDENCE = re.compile(
    r"\bevidence|\bbenefits?\b|\befficacy|\beffective(?:ness)?\b|\bdoes (?:it|\w+) work|"
    r"\boutcomes?\b",
    re.I,
)
_EVIDENCE_EXPANSION = tuple(
    _STEMMER.stemWords(["improves", "survival", "superior", "effective", "response", "compared"])
)
_SCHEDULE = re.compile(r"\bhow\s+(?:long|often)\b|\bduration\b|\bfrequency\b|\bschedule\b", re.I)
_DEFINITION_QUESTION = re.compile(
    r"^\s*(?:what\s+(?:is|are|does)|what's|whats|define|definition\s+of|meaning\s+of|"
    r"what\s+do\s+you\s+mean\s+by|what\s+counts\s+as|how\s+is)\s+(?:an?\s+|the\s+)?"
    r"(?P<term>.+?)(?:\s+(?:mean|defined|meant))?\s*\??\s*$",
    re.I,
)
_DEFINITION_FORMS = (
    re.compile(
        r"\b(?:define[sd]?|definition\s+of|meaning\s+of|what\s+is\s+meant\s+by|"
        r"what\s+counts\s+as)\s+(?:an?\s+|the\s+)?(?P<term>.+?)\s*\??\s*$",
        re.I,
    ),
    re.compile(r"\bwhat\s+(?:does|do)\s+(?:an?\s+|the\s+)?(?P<term>.+?)\s+mean\b", re.I),
    _DEFINITION_QUESTION,
)
_DEFINITION_CUES = re.compile(
    r"\b(?:is|are) defined as\b|\bare considered to have\b|\bis either\b|\brefers to\b", re.I
)


def stem_tokens(text: str) -> list[str]:
    """Lowercased, stemmed content tokens; hyphenated terms also kept whole ("her2-low")."""
    out: list[str] = []
    for match in _TOKEN.finditer(_REF.sub(" ", text).lower()):
        token = match.group()
        parts = [p for p in re.split(r"[-/]", token) if p]
        if len(parts) > 1:
            out.append(token)
        for part in parts:
            if part not in STOPWORDS:
                out.append(_stem_word(part))
    return out


@lru_cache(maxsize=8192)
def _stem_word(word: str) -> str:
    """``stemWord`` memoised: the guideline's ~2,900 content words have ~1,000 distinct
    forms, and snowballstemmer (pure Python) no longer caches."""
    return str(_STEMMER.stemWord(word))


@dataclass(frozen=True, slots=True)
class Passage:
    """One verbatim piece of guideline text and every section it occurs in."""

    text: str
    kind: PassageKind
    section_ids: tuple[str, ...]
    drugs: tuple[str, ...]
    classes: tuple[str, ...]

    @property
    def option_drug(self) -> str | None:
        """For an option line, the drug it doses ("alpelisib: 300 mg …" → alpelisib)."""
        if self.kind != "option":
            return None
        return self.text.split(":", 1)[0].strip().lower()


@dataclass(frozen=True, slots=True)
class Hit:
    passage: Passage
    score: float


@dataclass(frozen=True, slots=True)
class InfoAnswer:
    """Statements answering an information question; ``covered`` is False for "not covered"."""

    covered: bool
    statements: tuple[Statement, ...]


@dataclass(frozen=True, slots=True)
class DrugLexicon:
    """Generic drug names and classes of the guideline (knowledge/drugs.yaml)."""

    names: tuple[str, ...]
    class_labels: dict[str, str]
    class_members: dict[str, tuple[str, ...]]

    def classes_of(self, drug: str) -> tuple[str, ...]:
        return tuple(c for c, members in self.class_members.items() if drug in members)

    def find(self, text: str) -> tuple[str, ...]:
        """Generic names written out in ``text``; the longest name wins at each position, so
        "trastuzumab deruxtecan" is not also read as "trastuzumab"."""
        found = {m.group(0) for m in _names_pattern(self.names).finditer(text.lower())}
        return tuple(n for n in self.names if n in found)

    def find_classes(self, text: str) -> tuple[str, ...]:
        lowered = text.lower()
        out = []
        for cid, label in self.class_labels.items():
            if re.search(r"(?<![a-z])" + re.escape(label.lower()) + r"s?(?![a-z])", lowered):
                out.append(cid)
        return tuple(out)


@cache
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(r"(?<![a-z])(?:" + alternatives + r")(?![a-z])")


@cache
def load_drug_lexicon() -> DrugLexicon:
    drugs, classes = load_drugs()
    labels = {cid: c.label for cid, c in classes.items()}
    members = {cid: tuple(c.members) for cid, c in classes.items()}
    return DrugLexicon(tuple(drugs), labels, members)


def _split_sentences(paragraph: str) -> list[str]:
    out: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        out.append(paragraph[start : match.end()].strip())
        start = match.end()
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return [s for s in out if s]


def _section_units(section_id: str, text: str) -> Iterable[tuple[str, PassageKind]]:
    part = section_id.rsplit("/", 1)[-1]
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    if part in ("primary-options", "secondary-options"):
        for p in paragraphs:
            if p not in _CONNECTORS:
                yield p, "option"
        return
    if part == "narrative":
        yield paragraphs[0], "title"
        for p in paragraphs[1:]:
            for s in _split_sentences(p):
                yield s, "narrative"
        return
    if part == "supportive-care":
        for p in paragraphs[1:]:  # the first paragraph is the title "supportive care"
            for s in _split_sentences(p):
                yield s, "supportive"
        return
    if section_id == "preamble":
        for s in _split_sentences(text):
            yield s, "preamble"


class GuidelineRetriever:
    """Passages of the guideline, a BM25 index over them, and the question answerers."""

    def __init__(self, index: SectionIndex, lexicon: DrugLexicon) -> None:
        self.index = index
        self.lexicon = lexicon
        order: list[tuple[str, PassageKind]] = []
        ids: dict[tuple[str, PassageKind], list[str]] = {}
        for section in index:
            if section.id != "preamble" and section.id.count("/") < 2:
                continue  # group headings and whole nodes: their parts are indexed instead
            for unit, kind in _section_units(section.id, section.text):
                key = (unit, kind)
                if key not in ids:
                    ids[key] = []
                    order.append(key)
                if section.id not in ids[key]:
                    ids[key].append(section.id)
        passages = []
        for unit, kind in order:
            drugs = lexicon.find(unit)
            classes = lexicon.find_classes(unit)
            passages.append(Passage(unit, kind, tuple(ids[(unit, kind)]), drugs, classes))
        self.passages: tuple[Passage, ...] = tuple(passages)
        self._searchable = [i for i, p in enumerate(self.passages) if p.kind != "title"]
        self._class_members = {d: lexicon.classes_of(d) for d in lexicon.names}

    # Stemming the guideline is most of this object's cost (~0.1 s), and a conversation
    # that is only a case never searches: built on the first info question instead.
    @cached_property
    def _stems(self) -> dict[str, list[str]]:
        return {p.text: stem_tokens(p.text) for p in self.passages}

    @cached_property
    def _stem_sets(self) -> dict[str, frozenset[str]]:
        return {t: frozenset(v) for t, v in self._stems.items()}

    @cached_property
    def _bm25(self) -> BM25Okapi:
        return BM25Okapi([self._stems[self.passages[i].text] for i in self._searchable])

    # ----------------------------------------------------------------- lookups
    def mentions(self, passage: Passage, drug: str) -> bool:
        """The passage names the drug, or a class the drug belongs to."""
        if drug in passage.drugs:
            return True
        classes = self._class_members.get(drug) or self.lexicon.classes_of(drug)
        return any(c in passage.classes for c in classes)

    def option_lines(self, drug: str) -> list[Passage]:
        return [p for p in self.passages if p.kind == "option" and p.option_drug == drug]

    def nodes_offering(self, drug: str) -> list[str]:
        """Node ids (``group/node``) whose option lists name the drug, in document order."""
        nodes: list[str] = []
        for p in self.option_lines(drug):
            for sid in p.section_ids:
                node = sid.rsplit("/", 1)[0]
                if node not in nodes:
                    nodes.append(node)
        known = [f"{n.group}/{n.node}" for n in self.index.nodes]
        return sorted(nodes, key=known.index)

    def search(
        self, query: str, drugs: Sequence[str] = (), *, extra_terms: Sequence[str] = (), k: int = 3
    ) -> list[Hit]:
        """Top passages for the query; with drugs, only passages naming one of them."""
        terms = stem_tokens(query) + list(extra_terms)
        if not terms:
            return []
        scores = self._bm25.get_scores(terms)
        hits = []
        for rank_pos, i in enumerate(self._searchable):
            passage = self.passages[i]
            if drugs and not any(self.mentions(passage, d) for d in drugs):
                continue
            score = float(scores[rank_pos])
            if score > 0:
                hits.append(Hit(passage, score))
        # Stable order: score, then document order — never set or dict iteration.
        hits.sort(key=lambda h: -h.score)
        return hits[:k]

    # ------------------------------------------------------------- answering
    def cite(self, passage: Passage, prefer_group: str | None = None) -> tuple[str, ...]:
        ids = list(passage.section_ids)
        if prefer_group:
            ids.sort(key=lambda sid: 0 if sid.startswith(prefer_group + "/") else 1)
        return tuple(ids[:MAX_CITED_IDS])

    def _passage_statement(self, passage: Passage, prefer_group: str | None) -> Statement:
        return Statement(passage.text, "guideline", self.cite(passage, prefer_group))

    def dose_answer(self, drug: str, prefer_group: str | None = None) -> InfoAnswer:
        """Every distinct dose line the guideline gives for the drug, with where it is used."""
        lines = self.option_lines(drug)
        if not lines:
            # Named only in narrative (e.g. trastuzumab emtansine at HER2+ 3rd line).
            hits = [p for p in self.passages if p.kind == "narrative" and drug in p.drugs]
            found: list[Statement] = [
                Statement(
                    f"The guideline gives no dose for {drug} — see local specialist protocol.",
                    "guideline",
                    self.cite(hits[0], prefer_group) if hits else (),
                )
            ]
            if not hits:
                return InfoAnswer(
                    False, (Statement(f"The guideline does not give a dose for {drug}.", "system"),)
                )
            for p in hits[:2]:
                found.append(self._passage_statement(p, prefer_group))
            return InfoAnswer(True, tuple(found))
        statements: list[Statement] = []
        no_dose_ids: list[str] = []
        for passage in lines:
            dosed = ":" in passage.text and not _NO_DOSE.search(passage.text)
            if not dosed:
                no_dose_ids.extend(passage.section_ids)
                continue
            nodes = []
            for sid in passage.section_ids:
                node = sid.rsplit("/", 1)[0]
                if node not in nodes:
                    nodes.append(node)
            first = nodes[0]
            group, node_slug = first.split("/", 1)
            info = next(n for n in self.index.nodes if n.group == group and n.node == node_slug)
            where = (
                f"{info.heading}"
                if info.line is None
                else f"{ordinal(info.line)} line"
                + (f", {info.title}" if len(info.title) <= MAX_TITLE_CHARS else "")
            )
            more = f"; in {len(nodes)} option lists in all" if len(nodes) > 1 else ""
            text = f"{passage.text} (as in: {group_words(group)} — {where}{more})"
            ids = [f"{first}/narrative"] + [s for s in passage.section_ids if s.startswith(first)]
            ids += [s for s in self.cite(passage, prefer_group) if s not in ids]
            statements.append(Statement(text, "guideline", tuple(ids[: MAX_CITED_IDS + 1])))
        if no_dose_ids:
            cited = tuple(dict.fromkeys(no_dose_ids))[:MAX_CITED_IDS]
            statements.append(
                Statement(
                    f"Where the guideline lists {drug} without a dose: see local specialist "
                    "protocol for dosing.",
                    "guideline",
                    cited,
                )
            )
        return InfoAnswer(True, tuple(statements))

    def definition_answer(self, term: str, prefer_group: str | None = None) -> InfoAnswer | None:
        """A sentence that defines ``term``; None if the term does not occur at all."""
        term_stems = [t for t in stem_tokens(term) if "-" not in t and "/" not in t]
        if not term_stems:
            return None
        containing: list[Passage] = []
        for p in self.passages:
            if p.kind == "title":
                continue
            stems = [t for t in self._stems[p.text] if "-" not in t and "/" not in t]
            if _contains_run(stems, term_stems):
                containing.append(p)
        defining = [
            p
            for p in containing
            if _DEFINITION_CUES.search(p.text) or _defines_inline(p.text, term)
        ]
        if defining:
            return InfoAnswer(
                True,
                tuple(self._passage_statement(p, prefer_group) for p in _distinct(defining)[:2]),
            )
        shown = _safe_term(term)
        statements = [Statement(f"The guideline does not define {shown}.", "system")]
        nearest = containing[:2] or [h.passage for h in self.search(term, k=2)]
        if nearest:
            statements.append(Statement("Nearest guideline content:", "system"))
            statements.extend(self._passage_statement(p, prefer_group) for p in nearest)
        return InfoAnswer(False, tuple(statements))

    def topic_answer(
        self, question: str, drugs: Sequence[str] = (), prefer_group: str | None = None
    ) -> InfoAnswer | None:
        """Approval status, combinations/substitutions advised against, bone-directed therapy:
        the guideline's sentences of that kind (those naming the drug asked about first).
        None when the question is of none of these kinds."""
        for name, cue, passage_cue in _TOPICS:
            if not cue.search(question):
                continue
            hits = self.search(question, (), extra_terms=stem_tokens(name), k=40)
            of_kind = [h for h in hits if passage_cue.search(h.passage.text)]
            if info_topic(question) == "dose":
                # a dose the guideline never gives: the nearest passages, none with a dose
                of_kind = [h for h in of_kind if not DOSE_RE.search(h.passage.text)]
            if not of_kind:
                continue
            named = [
                h
                for h in of_kind
                if not drugs
                or any(self.mentions(h.passage, d) for d in drugs)
                or name == "bone-directed therapy"
            ]
            chosen = _distinct([h.passage for h in (named or of_kind)])[:3]
            statements: list[Statement] = []
            if drugs and not named:
                statements.append(
                    Statement(
                        f"The guideline has no sentence on {name} that names "
                        f"{' or '.join(drugs)}; its sentences on {name}:",
                        "system",
                    )
                )
            statements += [self._passage_statement(p, prefer_group) for p in chosen]
            return InfoAnswer(bool(named), tuple(statements))
        return None

    def answer(
        self, question: str, drugs: Sequence[str] = (), prefer_group: str | None = None
    ) -> InfoAnswer:
        """Answer a free-text information question from the guideline."""
        named = list(drugs) + list(self.lexicon.find(question))
        for cid in self.lexicon.find_classes(question):
            named += list(self.lexicon.class_members[cid])  # "CDK4/6 inhibitors" → members
        drugs = tuple(dict.fromkeys(named))
        q_stems = stem_tokens(question)
        if drugs and (set(q_stems) & _DOSE_STEMS or _SCHEDULE.search(question)):
            statements: list[Statement] = []
            covered = False
            for drug in drugs:
                part = self.dose_answer(drug, prefer_group)
                covered = covered or part.covered
                statements.extend(part.statements)
            return InfoAnswer(covered, tuple(statements))
        topical = self.topic_answer(question, drugs, prefer_group)
        if topical is not None:
            return topical
        definition = None
        for form in _DEFINITION_FORMS:
            definition = (
                form.search(question)
                if form is not _DEFINITION_QUESTION
                else (form.match(question))
            )
            if definition:
                break
        if definition and (
            _SIDE_EFFECT.search(definition.group("term"))
            or len(definition.group("term").split()) > MAX_TERM_WORDS
        ):
            definition = None
        if definition and (not drugs or definition.group("term").strip().lower() in drugs):
            answer = self.definition_answer(definition.group("term"), prefer_group)
            if answer is not None and (answer.covered or not drugs):
                return answer
        drug_stems = set(stem_tokens(" ".join(drugs)))
        for cid in self.lexicon.find_classes(question):
            drug_stems |= set(stem_tokens(self.lexicon.class_labels[cid]))
        extra: list[str] = []
        # Each concept is a set of stems; a passage is on topic if it matches at
        # least half of the question's concepts (so one stray common word is not enough).
        concepts: list[frozenset[str]] = []
        skip = set(drug_stems) | _GENERIC_STEMS | _DOSE_STEMS
        for cue, expansion in (
            (_SIDE_EFFECT, _SIDE_EFFECT_EXPANSION),
            (_EVIDENCE, _EVIDENCE_EXPANSION),
        ):
            found = cue.search(question)
            if found:
                # "side effects", "evidence": the guideline says "warning", "improves …"
                extra += list(expansion)
                concepts.append(frozenset(expansion) | frozenset(stem_tokens(found.group())))
                skip |= set(stem_tokens(found.group()))
        concepts.extend(
            frozenset({t})
            for t in dict.fromkeys(q_stems)
            if t not in skip and "-" not in t and "/" not in t and not t.isdigit()
        )
        hits = self.search(question, drugs, extra_terms=extra, k=8)
        if drugs and not concepts:
            # "tell me about sacituzumab": what the narrative says about the drug itself.
            hits = [
                h
                for h in hits
                if h.passage.kind != "option" and any(d in h.passage.drugs for d in drugs)
            ] or hits
        if concepts:

            def coverage(h: Hit) -> float:
                stems = self._stem_sets[h.passage.text]
                return sum(1 for c in concepts if c & stems) / len(concepts)

            on_topic = [h for h in hits if coverage(h) >= 0.5]
        else:
            on_topic = hits
        # A bare drug question is on topic by the entity match itself.
        floor = 0.0 if drugs and not concepts else MIN_SCORE
        good = [h for h in on_topic if h.score >= floor]
        if good:
            best = good[0].score
            chosen = [h for h in good if h.score >= 0.35 * best]
            kept = _distinct([h.passage for h in chosen])[:3]
            chosen = [h for h in chosen if h.passage in kept]
            return InfoAnswer(
                True, tuple(self._passage_statement(h.passage, prefer_group) for h in chosen)
            )
        statements = [Statement("The guideline does not cover this question.", "system")]
        nearest = hits[:2] if hits else self.search(question, k=2)
        if nearest:
            statements.append(Statement("Nearest guideline content:", "system"))
            statements.extend(self._passage_statement(h.passage, prefer_group) for h in nearest)
        return InfoAnswer(False, tuple(statements))


# Questions the guideline answers in sentences of a recognisable kind: the question's cue,
# the passages' cue, and what to say when no such sentence names the drug asked about.
_TOPICS: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = (
    (
        "approval status",
        re.compile(r"\bapprov\w*|\blicen[sc]\w*|\bfda\b|\bema\b|\bauthori[sz]\w*", re.I),
        re.compile(r"\bapprov\w*", re.I),
    ),
    (
        "combinations or substitutions advised against",
        re.compile(
            r"advise[sd]? against|not recommended|\bavoid\w*|should(?:n't| not)|"
            r"\bsubstitut\w*|\breplac\w*|\bswap\w*|\binterchang\w*|instead of|\bswitch\w* "
            r"(?:from|to)|\bcombin\w* .*\b(?:safe|ok|okay|allowed)\b|\bsafe\w* to (?:combine|give)",
            re.I,
        ),
        re.compile(r"not recommended|should not|\bavoid\w*|\breplac\w*|not approved", re.I),
    ),
    (
        "bone-directed therapy",
        re.compile(
            r"\bdenosumab|\bbisphosphonate|\bzoledron\w*|\bbone[- ](?:directed|targeted|"
            r"modifying|health|protection|therapy|agents?)|\bbone mets? (?:treatment|therapy)|"
            r"\bxgeva|\bprolia|\bcontinue (?:the )?(?:denosumab|bone)",
            re.I,
        ),
        re.compile(r"\bdenosumab|\bbisphosphonate|\bbone metastases|\bhypocalcaemia", re.I),
    ),
)


InfoTopic = Literal["dose", "side-effect", "evidence"]


def info_topic(question: str) -> InfoTopic | None:
    """What kind of information a question asks for, if one of the kinds an elliptical
    follow-up ("And everolimus?") carries over: dose, side effects, evidence."""
    if set(stem_tokens(question)) & _DOSE_STEMS or _SCHEDULE.search(question):
        return "dose"
    if _SIDE_EFFECT.search(question):
        return "side-effect"
    if _EVIDENCE.search(question) or re.search(r"\bsurviv|\bimprove", question, re.I):
        return "evidence"
    return None


def _distinct(passages: Sequence[Passage]) -> list[Passage]:
    """Passages whose wording differs once reference markers are ignored ("…MBC.[46]" vs "…MBC.")."""
    seen: set[str] = set()
    out: list[Passage] = []
    for passage in passages:
        key = re.sub(r"\s+", " ", _REF.sub("", passage.text)).strip().lower()
        if key not in seen:
            seen.add(key)
            out.append(passage)
    return out


def _contains_run(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def _defines_inline(text: str, term: str) -> bool:
    """ "Elacestrant (an oral selective oestrogen receptor degrader) …" defines elacestrant."""
    pattern = re.escape(term.strip().lower()) + r"\s*\((?:an?|the)\s"
    return re.search(pattern, text.lower()) is not None


def _safe_term(term: str) -> str:
    """The user's term, reduced to plain word characters, for echoing back."""
    cleaned = re.sub(r"[^\w\s/+\-]", "", term, flags=re.UNICODE).strip()
    cleaned = re.sub(r"\s+", " ", cleaned)[:60]
    return f'"{cleaned}"' if cleaned else "this term"


@cache
def load_retriever() -> GuidelineRetriever:
    """The shipped guideline's retriever, built once per process."""
    return GuidelineRetriever(load_index(), load_drug_lexicon())

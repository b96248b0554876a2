"""A ConText component (Harkema et al. 2009) with medspaCy's rule shape and semantics.

Why not medspaCy itself: medspaCy 1.3.1 pins spaCy 3.7.5 while this project runs spaCy
3.8, and its import pulls in a large dependency tree for the one algorithm we need. The
rules stay data (``rules/context_rules.yaml``, medspaCy's ConTextRule fields) and are
saved with the pipeline. ``bench/compare_context.py`` measures this component against
medspaCy's ConText on the dev set (figures in the README).

Semantics, as in medspaCy: cues are matched case-insensitively on tokens; overlapping cues
keep the longest; a cue's scope runs FORWARD/BACKWARD/BIDIRECTIONAL from the cue to the
sentence edge (or ``max_scope`` tokens), cut at the first cue of a category listed in the
rule's ``terminated_by``; a target (entity) is modified by every cue whose scope it starts
in, never by a cue overlapping it. Extra here: ``allowed_types`` on a TERMINATE cue limits
which target labels it cuts scope for (a comma ends a negation of a fact, not of a regimen).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from spacy.attrs import IS_SPACE, SENT_START
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from chatbot.nlp.anchored import AnchoredMatcher
from chatbot.nlp.prefilter import gated
from chatbot.nlp.tokenizer import doc_lowers, doc_offsets, doc_text, is_year, keep_ents

SENTENCES_KEY = "mbc_sentences"  # doc.user_data: (sentence start of each token, ends by start)


def sentence_table(doc: Doc) -> tuple[list[int], dict[int, int]]:
    """The sentence start of every token and each sentence's end, computed once per Doc.

    ``token.sent``/``span.sent`` walk the tokens to find the sentence edges: read once per
    mention that is quadratic in a one-sentence flood ("ER+ " x 1,000); this is linear."""
    table = doc.user_data.get(SENTENCES_KEY)
    if table is None or len(table[0]) != len(doc):
        n = len(doc)
        starts = [0] * n
        ends: dict[int, int] = {}
        if n and "sents" not in doc.user_hooks and doc.has_annotation("SENT_START"):
            # ``doc.sents`` read from one array: a sentence starts at each token marked 1
            # after the first (a Span per sentence and two Tokens each, otherwise)
            column = doc.to_array(SENT_START).tolist()
            edges = [i for i in range(1, n) if column[i] == 1]
            for start, end in zip([0, *edges], [*edges, n], strict=True):
                ends[start] = end
                starts[start:end] = [start] * (end - start)
        else:
            for sent in doc.sents if n else ():
                ends[sent.start] = sent.end
                starts[sent.start : sent.end] = [sent.start] * (sent.end - sent.start)
        table = (starts, ends)
        doc.user_data[SENTENCES_KEY] = table
    return table


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """``[(s.start, s.end) for s in doc.sents]``, from ``sentence_table`` (no Span made)."""
    return list(sentence_table(doc)[1].items())


def sentence_chars(doc: Doc) -> list[tuple[int, int]]:
    """``[(s.start_char, s.end_char) for s in doc.sents]``, from ``sentence_table`` and the
    token offsets (no Span made)."""
    starts, stops = doc_offsets(doc)
    return [(starts[s], stops[e - 1]) for s, e in sentence_table(doc)[1].items()]


def sentence_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """[start, end) of the sentence holding token ``i``."""
    table = doc.user_data.get(SENTENCES_KEY)  # sentence_table's cache read inline (hot)
    if table is None or len(table[0]) != len(doc):
        table = sentence_table(doc)
    starts, ends = table
    start = starts[i]
    return start, ends[start]


Direction = Literal["FORWARD", "BACKWARD", "BIDIRECTIONAL", "TERMINATE", "PSEUDO"]
DIRECTIONS = ("FORWARD", "BACKWARD", "BIDIRECTIONAL", "TERMINATE", "PSEUDO")
CLAUSE = "CLAUSE"  # the category of clause edges ("," ";" " - "), rules/context_rules.yaml
RULE_KEYS = frozenset(
    {"literal", "category", "direction", "pattern", "max_scope", "allowed_types", "terminated_by"}
    | {"before_label", "not_before", "before_words"}
)


class ContextRuleError(ValueError):
    """A rule file entry is malformed (unknown key, bad direction …)."""


@dataclass(frozen=True, slots=True)
class ConTextRule:
    literal: str
    category: str
    direction: Direction
    pattern: tuple[dict[str, Any], ...] | None = None
    max_scope: int | None = None
    allowed_types: tuple[str, ...] | None = None
    terminated_by: tuple[str, ...] = ("TERMINATE",)
    # stop 30: a cue that is one only right before an entity of this label ("new lesions on"
    # + a drug: "new lesions on letrozole"; not "four new lesions on my liver")
    before_label: str | None = None
    # stop 50: a cue that is none right before one of these words ("no pathogenic variants"
    # closing a test's result, not "no pathogenic variants in other genes")
    not_before: frozenset[str] | None = None
    # ... and one that is a cue only right before one of these ("her husband has" + "lung
    # cancer": the other organ's cancer is what makes the husband's findings his own)
    before_words: frozenset[str] | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = "") -> ConTextRule:
        unknown = set(data) - RULE_KEYS
        if unknown:
            raise ContextRuleError(f"{where}: unknown keys {sorted(unknown)}")
        if data.get("direction") not in DIRECTIONS:
            raise ContextRuleError(f"{where}: direction must be one of {DIRECTIONS}")
        if not data.get("literal") or not data.get("category"):
            raise ContextRuleError(f"{where}: literal and category are required")
        pattern = data.get("pattern")
        allowed = data.get("allowed_types")
        return cls(
            literal=str(data["literal"]),
            category=str(data["category"]).upper(),
            direction=data["direction"],
            pattern=tuple(pattern) if pattern else None,
            max_scope=data.get("max_scope"),
            allowed_types=tuple(allowed) if allowed else None,
            terminated_by=tuple(data.get("terminated_by") or ("TERMINATE",)),
            before_label=data.get("before_label"),
            not_before=frozenset(data["not_before"]) if data.get("not_before") else None,
            before_words=frozenset(data["before_words"]) if data.get("before_words") else None,
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "literal": self.literal,
            "category": self.category,
            "direction": self.direction,
        }
        if self.pattern:
            out["pattern"] = list(self.pattern)
        if self.max_scope is not None:
            out["max_scope"] = self.max_scope
        if self.allowed_types:
            out["allowed_types"] = list(self.allowed_types)
        out["terminated_by"] = list(self.terminated_by)
        if self.before_label:
            out["before_label"] = self.before_label
        if self.not_before:
            out["not_before"] = sorted(self.not_before)
        if self.before_words:
            out["before_words"] = sorted(self.before_words)
        return out


def rules_from_config(data: Mapping[str, Any], where: str = "context_rules") -> list[ConTextRule]:
    """``{terminated_by: {category|default: [...]}, rules: [...]}`` -> rules with defaults."""
    unknown = set(data) - {"terminated_by", "rules"}
    if unknown:
        raise ContextRuleError(f"{where}: unknown keys {sorted(unknown)}")
    term = dict(data.get("terminated_by") or {})
    default = term.get("default", ["TERMINATE"])
    rules = []
    for i, raw in enumerate(data["rules"]):
        raw = dict(raw)
        raw.setdefault("terminated_by", term.get(str(raw.get("category", "")).upper(), default))
        rules.append(ConTextRule.from_dict(raw, f"{where}: rules[{i}] ({raw.get('literal')!r})"))
    return rules


@dataclass(frozen=True, slots=True)
class Modifier:
    """A matched cue: token span, its rule."""

    start: int
    end: int
    rule: ConTextRule

    @property
    def category(self) -> str:
        return self.rule.category


@dataclass(frozen=True, slots=True)
class TargetContext:
    """The cues modifying one entity of ``doc.ents`` (same order)."""

    start: int
    end: int
    label: str
    modifiers: tuple[Modifier, ...]

    def categories(self) -> set[str]:
        return {m.category for m in self.modifiers}


def _fits_next_word(rule: ConTextRule, lowers: Sequence[str], end: int) -> bool:
    """The cue's ``not_before`` / ``before_words`` condition on the word right after it."""
    following = lowers[end] if end < len(lowers) else None
    if rule.not_before is not None and following in rule.not_before:
        return False
    return rule.before_words is None or following in rule.before_words


def _first(item: tuple[int, Modifier]) -> int:
    return item[0]


if not Doc.has_extension("context"):
    Doc.set_extension("context", default=())
if not Doc.has_extension("context_cues"):
    Doc.set_extension("context_cues", default=())


_SPACE_TOKENS = re.compile(r"\s\s|[^ \S]")


def _space_counts(doc: Doc) -> list[int] | None:
    """Prefix counts of spaCy's whitespace tokens (runs of spaces or line breaks kept as
    tokens), or None when the text has none: a cue's reach counts words, not those."""
    if _SPACE_TOKENS.search(doc_text(doc)) is None:
        return None  # (spaCy keeps whitespace as a token only past one space, or a break)
    counts = [0]
    for space in doc.to_array(IS_SPACE).tolist():  # one array: no Token per token
        counts.append(counts[-1] + space)
    return counts


class ConTextComponent:
    """spaCy component: sets ``doc._.context`` (per entity) and ``doc._.context_cues``."""

    def __init__(self, nlp: Language, name: str, rules: Sequence[ConTextRule] = ()) -> None:
        self.nlp = nlp
        self.name = name
        self.rules: list[ConTextRule] = []
        self.matcher = Matcher(nlp.vocab)
        self.phrase_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.set_rules(rules)

    def set_rules(self, rules: Iterable[ConTextRule]) -> None:
        # Literal cues go to a PhraseMatcher on LOWER (much faster than one token pattern
        # per cue); rules with an explicit pattern use the Matcher.
        self.rules = list(rules)
        self.matcher = Matcher(self.nlp.vocab)
        self.phrase_matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        for i, rule in enumerate(self.rules):
            if rule.pattern:
                self.matcher.add(str(i), [[dict(p) for p in rule.pattern]])
            else:
                self.phrase_matcher.add(str(i), [self.nlp.make_doc(rule.literal)])
        self._rule_of = {self.nlp.vocab.strings.add(str(i)): i for i in range(len(self.rules))}
        self._reaches = [self._reach_of(rule) for rule in self.rules]
        self._before_label = any(rule.before_label for rule in self.rules)
        self._next_word_rules = any(rule.not_before or rule.before_words for rule in self.rules)
        self._change_denied = next(
            (r for r in self.rules if r.literal == CHANGE_DENIED_RULE and r.category == "INACTIVE"),
            None,
        )
        # the same matches as self.matcher, tried only near their anchors (cost by length)
        self.anchored = AnchoredMatcher(
            self.nlp.vocab,
            [(str(i), [dict(p) for p in r.pattern]) for i, r in enumerate(self.rules) if r.pattern],
        )

    # -- the algorithm ---------------------------------------------------------------------
    def find_cues(self, doc: Doc, inside: set[int] | None = None) -> list[Modifier]:
        matches = [*self.anchored(doc), *self.phrase_matcher(doc)]
        rule_of = self._rule_of  # match key (the hash of the rule's index) -> index
        found = [(s, e, rule_of[k]) for k, s, e in matches]
        if self._before_label:
            rules = self.rules
            found = [
                m
                for m in found
                if rules[m[2]].before_label is None
                or (m[1] < len(doc) and doc[m[1]].ent_type_ == rules[m[2]].before_label)
            ]
        if self._next_word_rules and found:
            rules, lowers = self.rules, doc_lowers(doc)
            found = [m for m in found if _fits_next_word(rules[m[2]], lowers, m[1])]
        if inside:
            # A cue wholly inside an entity is part of the entity's own phrase; it must not
            # win the overlap contest against a real cue ("brain - negative for ESR1": the
            # "- negative" of the entity would otherwise hide "negative for").
            found = [m for m in found if not inside.issuperset(range(m[0], m[1]))]
        # Longest cue wins; of two equally long overlapping cues the one that reaches further
        # ("62F - no pathogenic variants in AKT": "no pathogenic" over "- no", which stops
        # short of AKT); equal spans keep every rule (same literal, several categories).
        reaches = self._reaches
        found.sort(key=lambda m: (m[0] - m[1], -reaches[m[2]], m[0], m[2]))
        taken: set[int] = set()
        kept: list[Modifier] = []
        claimed: dict[tuple[int, int], bool] = {}
        for s, e, i in found:
            if (s, e) in claimed or not taken.intersection(range(s, e)):
                claimed[(s, e)] = True
                taken.update(range(s, e))
                kept.append(Modifier(s, e, self.rules[i]))
            elif self.rules[i].category == CLAUSE:
                # A clause edge stays an edge inside a longer cue (", on goserelin"): "no
                # visceral crisis, on haemodialysis" must not negate the dialysis. A cue is
                # never cut by an edge it overlaps (scopes start at its own edges).
                kept.append(Modifier(s, e, self.rules[i]))
        # A shorter cue that ends where a longer cue of its category ends ("no" in "- no",
        # ": no") keeps its own reach from there: "62F - no alterations in pathogenic
        # germline AKT" is negated as far as "no" alone reaches (the dash form's scope is a
        # form field's, 4 tokens). Written over the longer cue's span, so it counts as the
        # same one negation.
        ending: dict[int, list[Modifier]] = {}  # by end token: linear in a flood of cues
        for m in kept:
            if m.rule.category != CLAUSE and m.rule.direction in ("FORWARD", "BIDIRECTIONAL"):
                ending.setdefault(m.end, []).append(m)
        for s, e, i in found:
            rule = self.rules[i]
            if rule.direction not in ("FORWARD", "BIDIRECTIONAL") or e not in ending:
                continue
            for win in ending[e]:
                if (
                    win.start < s
                    and win.rule.category == rule.category
                    and reaches[i] > self._reach_of(win.rule)
                ):
                    kept.append(Modifier(win.start, win.end, rule))
        kept.sort(key=lambda m: (m.start, m.end))
        if any(m.rule.literal in CHECKED_RULES for m in kept):
            kept = [
                m
                for m in kept
                if not _sparing_ended(doc, m)
                and not _aside_after(doc, m)
                and not _label_owned(doc, m)
            ]
        return _shared_subject(doc, kept)

    @staticmethod
    def _reach_of(rule: ConTextRule) -> int:
        return 10**6 if rule.max_scope is None else rule.max_scope

    @staticmethod
    def scope(
        cue: Modifier,
        cues: Sequence[Modifier],
        label: str,
        lo: int,
        hi: int,
        aside: tuple[int, int] | None = None,
        spaces: Sequence[int] | None = None,
        told_of: tuple[int, int] | None = None,
    ) -> list[tuple[int, int]]:
        """Token ranges the cue covers for a target labelled ``label``, inside the
        sentence [lo, hi). ``aside``: a bracketed aside [open, close] right before a backward
        cue, which its reach steps over (stop 52, held-out probe H: "ESR1 (the one that
        tells us whether …) was negative"). ``told_of``: [open, close] of an aside told of
        the relative right after her cue, which its forward reach steps over the same way
        (``relative_aside_after``)."""
        rule = cue.rule
        enders = [
            c
            for c in cues
            if c is not cue
            and c.category in rule.terminated_by
            and (
                c.rule.allowed_types is None
                or label in c.rule.allowed_types
                or c.rule.direction != "TERMINATE"
            )
        ]
        out: list[tuple[int, int]] = []
        if rule.direction in ("FORWARD", "BIDIRECTIONAL"):
            stepped = 0 if told_of is None else told_of[1] - told_of[0] + 1
            end = hi if rule.max_scope is None else min(hi, cue.end + rule.max_scope + stepped)
            if spaces is not None and rule.max_scope is not None:
                # (stop 59, held-out probe P: a form's columns set apart by runs of spaces,
                # "Current status:      progressing", which spaCy keeps as tokens: the reach
                # counts words only)
                while (
                    end < hi
                    and (end - cue.end) - (spaces[end] - spaces[cue.end]) - stepped < rule.max_scope
                ):
                    end += 1
            for c in enders:
                if cue.end <= c.start < end and not (
                    told_of and told_of[0] <= c.start <= told_of[1]
                ):
                    end = c.start
            out.append((cue.end, end))
        if rule.direction in ("BACKWARD", "BIDIRECTIONAL"):
            skipped = 0 if aside is None else aside[1] - aside[0] + 1
            start = lo if rule.max_scope is None else max(lo, cue.start - rule.max_scope - skipped)
            if spaces is not None and rule.max_scope is not None:
                while (
                    start > lo
                    and (cue.start - start) - (spaces[cue.start] - spaces[start]) - skipped
                    < rule.max_scope
                ):
                    start -= 1
            for c in enders:
                if start < c.end <= cue.start and not (aside and aside[0] < c.end <= aside[1] + 1):
                    start = c.end
            out.append((start, cue.start))
        return out

    def __call__(self, doc: Doc) -> Doc:
        # A cue inside an entity is part of that entity's own phrase ("not fit for
        # chemotherapy", "not amplified"): it has been read already and modifies nothing.
        ents = list(doc.ents)  # each read of doc.ents builds new Spans: once
        # stop 56 (held-out probe M): an entity followed by "or"/"nor" lends its own cue to
        # the members after it ("she never had chemo or tamoxifen": "never had chemo" is one
        # entity, and its "never had" denies the tamoxifen too)
        # — and only to the member right after it ("She never had chemo or radiation for her
        # brain metastases" denies no brain metastases)
        lowers = doc_lowers(doc)
        lenders = {
            (ent.start, ent.end)
            for ent in ents
            if ent.end + 1 < len(lowers) and lowers[ent.end] in ("or", "nor")
        }
        inside = {
            i
            for ent in ents
            if (ent.start, ent.end) not in lenders
            for i in range(ent.start, ent.end)
        }
        cues = _without_appositive_commas(doc, self.find_cues(doc, inside), ents)
        lent = {
            (c.start, c.end): end + 1
            for c in cues
            for start, end in lenders
            if start <= c.start and c.end <= end
        }
        others = _other_named_patients(doc)
        if others:
            cues = sorted(cues + others, key=lambda c: (c.start, c.end))
        # Work sentence by sentence: cues never reach across a sentence edge, and this keeps
        # the cue x target x terminator work small for long notes.
        by_sentence: dict[int, list[Modifier]] = {}
        sentence_of, ends = sentence_table(doc)
        for cue in cues:
            by_sentence.setdefault(sentence_of[cue.start], []).append(cue)
        scopes: dict[tuple[int, int, str], list[tuple[int, int]]] = {}
        enders: dict[tuple[int, tuple[str, ...]], list[Modifier]] = {}
        quotes = _quote_ranges(doc) if cues else []
        spaces = _space_counts(doc) if cues else None
        # Per cue, the targets in its scope (bisect over the sentence's targets of one
        # label), not per target every cue of its sentence: an alternating flood ("not ER+ "
        # x 500) was cue x target per sentence. Same modifiers, in cue order.
        found: list[list[tuple[int, Modifier]]] = [[] for _ in ents]
        groups: dict[tuple[int, str], list[int]] = {}
        for i, ent in enumerate(ents):
            groups.setdefault((sentence_of[ent.start], ent.label_), []).append(i)
        for (lo, label), members in groups.items():
            local = by_sentence.get(lo, [])
            if not local:
                continue
            by_start = sorted(members, key=lambda i: ents[i].start)
            starts = [ents[i].start for i in by_start]
            by_end = sorted(members, key=lambda i: ents[i].end)
            stops = [ents[i].end for i in by_end]
            for n, cue in enumerate(local):
                if cue.rule.direction in ("TERMINATE", "PSEUDO"):
                    continue
                if cue.rule.allowed_types and label not in cue.rule.allowed_types:
                    continue
                key = (lo, n, label)
                if key not in scopes:
                    # only the cues of the categories that end this cue's scope: the scope
                    # is the nearest of them either side, whatever their order
                    kinds = (lo, cue.rule.terminated_by)
                    if kinds not in enders:
                        enders[kinds] = [c for c in local if c.category in kinds[1]]
                    scopes[key] = self.scope(
                        cue,
                        enders[kinds],
                        label,
                        lo,
                        ends[lo],
                        _aside_before(doc, cue, lo),
                        spaces,
                        relative_aside_after(doc, cue, ends[lo])
                        if label in TOLD_OF_LABELS
                        else None,
                    )
                    if cue.rule.literal in SPARING_RULES:
                        # stop 61 (review): the organs told spared are the clause's subject
                        # ("her bones are not involved" after "… has gone to her brain")
                        subject = spared_subject(doc, cue.start, lo)
                        scopes[key] = [(max(s, subject), e) for s, e in scopes[key] if e > subject]
                    closing = _quote_opened_by(doc, cue, ends[lo])
                    if closing is not None:
                        # stop 59 (review): a cue that opens a quotation reaches to its
                        # close only ("ChatGPT said 'ask your oncologist' - I have bone
                        # mets, ER+ HER2-": her own facts after the quote are hers)
                        scopes[key] = [(s, min(e, closing)) for s, e in scopes[key] if s < closing]
                    opening = _quote_closed_by(doc, cue, lo, quotes)
                    if opening is not None:
                        # stop 60 (held-out probe Q): a cue after a quotation's closing
                        # mark ("'in her bones and liver' - it isn't") reaches back to
                        # its opening only
                        scopes[key] = [(max(s, opening), e) for s, e in scopes[key] if e > opening]
                    quoted = _enclosing_quote(quotes, cue)
                    if quoted is not None:
                        # stop 47 (r67-0001): a cue inside quoted words stays inside them
                        # ("“… grow up without his mum?” said Victoria, now 34")
                        scopes[key] = [
                            (max(s, quoted[0]), min(e, quoted[1]))
                            for s, e in scopes[key]
                            if max(s, quoted[0]) < min(e, quoted[1])
                        ]
                hit: set[int] = set()
                for s, e in scopes[key]:  # a target starting in [s, e) or ending in (s, e]
                    hit.update(by_start[bisect_left(starts, s) : bisect_left(starts, e)])
                    hit.update(by_end[bisect_right(stops, s) : bisect_right(stops, e)])
                to = lent.get((cue.start, cue.end))
                for i in hit:
                    if cue.start < ents[i].end and ents[i].start < cue.end:
                        continue  # a cue inside the target is part of the target's own phrase
                    if to is not None and ents[i].start != to:
                        continue  # a lent cue reaches the member after "or" only
                    if cue.rule.literal in FORESEEN_RULES and _effect_foreseen(doc, ents[i]):
                        continue  # "to prevent bone metastases from causing fractures"
                    found[i].append((n, cue))
        for i, ent in enumerate(ents):
            change = _change_told_of(doc, ent) if found[i] else None
            if change is None or not any(
                c.category == "NEGATED_EXISTENCE" and c.end <= ent.start for _, c in found[i]
            ):
                continue
            # stop 49 (r54-0003): "He didn't think my skin mets were noticeably changing",
            # "no evidence that her liver mets are progressing": what is denied is the change
            # told of the finding, which the sentence takes as there
            found[i] = [
                (n, c)
                for n, c in found[i]
                if not (c.category == "NEGATED_EXISTENCE" and c.end <= ent.start)
                and not (c.category in CHANGE_CATEGORIES and c.start >= ent.end)
            ]
            if _BRAIN_IDS.search(ent.ent_id_) and self._change_denied is not None:
                # "no evidence that her brain mets are growing": there and not growing, the
                # stable state (never read active from the growth the sentence denies)
                found[i].append((len(cues), Modifier(change, change + 1, self._change_denied)))
        results = [
            TargetContext(
                ent.start,
                ent.end,
                ent.label_,
                tuple(cue for _, cue in sorted(found[i], key=_first)),
            )
            for i, ent in enumerate(ents)
        ]
        doc._.context = tuple(results)
        doc._.context_cues = tuple(cues)
        keep_ents(doc, tuple(ents))  # the entities the modifiers are aligned with
        return doc

    # -- serialisation (rules saved as data in the pipeline directory) ------------------------
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        lines = [json.dumps(r.to_dict(), ensure_ascii=False, sort_keys=True) for r in self.rules]
        (path / "rules.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> ConTextComponent:
        text = (Path(path) / "rules.jsonl").read_text(encoding="utf-8")
        self.set_rules(
            ConTextRule.from_dict(json.loads(line), f"rules.jsonl:{n}")
            for n, line in enumerate(text.splitlines(), 1)
            if line.strip()
        )
        return self


# stop 41 (r52-0005): a comma that only names the drug a noun stands for ("She will undergo
# chemotherapy with a newly approved drug, Herceptin") is no clause edge: the drug is the
# noun's own, in the same scope ("did not receive the new drug, Herceptin" is not received)
APPOSITIVE_HEADS = frozenset(
    {"drug", "agent", "medication", "medicine", "pill", "tablet", "injection", "infusion"}
)


OPEN_QUOTES = frozenset({"“", "«", "„"})
CLOSE_QUOTES = frozenset({"”", "»"})
QUOTE_MARKS = re.compile('[“”«»„"]')


# stop 51 (held-out probe E): a predicate after "but" with no subject of its own shares the
# first clause's ("Visceral crisis was considered but was not felt to be present", "Brain mets
# were suspected but ruled out on MRI", "… queried but subsequently excluded"): the negation
# after "but" is said of what comes before it, so that "but" does not end its scope. A "but"
# with a subject after it ("liver mets but brain mets excluded") still ends it.
ELLIPSIS_GAP = frozenset(
    {"was", "were", "is", "are", "has", "have", "had", "been", "being", "then", "later",
     "subsequently", "eventually", "ultimately", "finally", "since", "now", "clinically",
     "radiologically"}
)  # fmt: skip


SETTLED_DOUBT_REACH = 6  # tokens before "but" where a hedge is the one its exclusion settles


def elliptical_but(lowers: Sequence[str], lo: int, cue: int) -> bool:
    """The words [lo, cue) before a cue are "… but" and auxiliaries only, with no other
    clause edge: the cue's predicate shares the subject before "but" (above)."""
    k = cue
    while k > lo and lowers[k - 1] in ELLIPSIS_GAP:
        k -= 1
    return (
        k > lo and lowers[k - 1] == "but" and not {",", ";", "and", "but"} & set(lowers[lo : k - 1])
    )


def _shared_subject(doc: Doc, cues: list[Modifier]) -> list[Modifier]:
    """The cues without each "but" whose following predicate is a backward negation."""
    buts = [c for c in cues if c.rule.direction == "TERMINATE" and c.rule.literal == "but"]
    if not buts:
        return cues
    backward = {
        c.start
        for c in cues
        if c.category == "NEGATED_EXISTENCE" and c.rule.direction in ("BACKWARD", "BIDIRECTIONAL")
    }
    if not backward:
        return cues
    lowers = doc_lowers(doc)
    dropped = set()
    for but in buts:
        if any(c >= but.end and elliptical_but(lowers, but.start, c) for c in backward):
            dropped.add(id(but))
            # the doubt the exclusion settles ("Visceral crisis was suspected but ruled out"):
            # a hedge of the clause before "but" is answered by it
            lo = max(
                [but.start - SETTLED_DOUBT_REACH]
                + [c.end for c in cues if c.category == CLAUSE and c.end <= but.start]
            )
            dropped.update(
                id(c)
                for c in cues
                if c.category == "POSSIBLE_EXISTENCE" and lo <= c.start and c.end <= but.start
            )
    return [c for c in cues if id(c) not in dropped] if dropped else cues


def _quote_ranges(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the quotations a text opens and closes (“…”, or a pair of straight
    quotes), the marks included; an unclosed quotation is none."""
    out: list[tuple[int, int]] = []
    if QUOTE_MARKS.search(doc_text(doc)) is None:
        return out
    opened: int | None = None
    straight: int | None = None
    for i, text in enumerate(doc_lowers(doc)):  # the cached words: no Token per word
        if text in OPEN_QUOTES:
            opened = i
        elif text in CLOSE_QUOTES and opened is not None:
            out.append((opened, i + 1))
            opened = None
        elif text == '"':
            if straight is None:
                straight = i
            else:
                out.append((straight, i + 1))
                straight = None
    return out


QUOTE_PAIRS = {"'": "'", '"': '"', "‘": "’", "“": "”", "`": "'"}


def _quote_opened_by(doc: Doc, cue: Modifier, hi: int) -> int | None:
    """The closing mark's index of the quotation the cue's last token opens, in its sentence."""
    words = doc_lowers(doc)  # the cached words: no Token per cue
    pair = QUOTE_PAIRS.get(words[cue.end - 1])
    if pair is None:
        return None
    return next((k for k in range(cue.end, hi) if words[k] == pair), None)


# an organ told spared (rules/context_rules.yaml), and the words after it in its sentence
# that date the sparing or tell it ended ("spared until last month", "spared, until …",
# "spared in 2022, but it has since spread there", "spared back then, but now …")
SPARING_RULES = frozenset({"organ told spared", "organ spared", "organ told not involved"})
# stop 64: an organ told normal right before it ("a normal liver"): its own denial, never a list's
NORMAL_BEFORE = "a normal liver"
SPARING_ENDED = frozenset(
    {"until", "till", "til", "then", "later", "back", "before", "previously", "initially"}
    | {"earlier", "by", "first", "when"}
)
SPARING_REACH = 3  # words right after the sparing where its time is told ("spared, up until")
NOW_WORDS = frozenset({"now", "since", "currently", "subsequently", "later"})
INVOLVED_AFTER = frozenset(
    {"involved", "spread", "extensive", "mets", "lesion", "lesions", "deposits", "disease"}
)  # (and metasta…) within five words of the later "now" ("now has three mets")
# "spared for years / for a while / for 2 years" (not "for now", "for the time being")
SPARED_FOR = frozenset({"years", "months", "weeks", "decades", "a", "many", "several", "long"})
# the quotation's denial that may end in a comma (rules/context_rules.yaml "quote denied"):
# with an aside after that comma ("it wasn't, sadly, a surprise", "it isn't, however, the end
# of the world") it is no denial; "it isn't, someone muddled her …" is one
COMMA_DENIALS = frozenset({"quote denied"})
CHECKED_RULES = SPARING_RULES | COMMA_DENIALS | {"calls me 'postmenopausal'"}
QUOTE_ASIDE_REACH = 4


# the words of a spared subject's list besides its organs ("the liver, the lungs and both
# adrenals are spared"), and the words a clause opens after
SUBJECT_LIST_WORDS = frozenset(
    {",", "and", "or", "nor", "the", "her", "his", "my", "their", "both", "its"}
)
SUBJECT_OPENERS = frozenset(
    {".", ";", ":", "(", "-", "–", "—", "but", "while", "whereas", "however"}
)


def spared_subject(doc: Doc, at: int, lo: int) -> int:
    """Where the subject of the sparing verb at ``at`` begins: the noun phrase right before
    it ("… spread to her brain, her bones are not involved": "her bones"), the members
    coordinated with it when they open a clause or follow a comma (", her brain and bones
    are spared"; not "mets to my bones and my liver is not affected"), or a whole list of
    organs when the list opens its clause ("Liver, lungs and brain were not involved")."""
    words = doc_lowers(doc)

    def member(k: int) -> bool:
        return (
            bool(doc[k].ent_type_)
            and not words[k].startswith("metasta")
            and words[k] not in SUBJECT_HEADS
        )

    def phrase_start(k: int) -> int:
        while k >= lo and (member(k) or words[k] in SUBJECT_DETERMINERS):
            k -= 1
        return k + 1

    k = at - 1
    while k >= lo and words[k] in SUBJECT_AUXILIARIES:
        k -= 1  # "the liver has been spared", "the lungs have also been spared"
    phrase = phrase_start(k)
    # (members joined by "and", then by commas: "Bone-only disease, brain, liver and lungs
    # are not involved")
    while phrase - 1 >= lo and (words[phrase - 1] in SUBJECT_JOINS or words[phrase - 1] == ","):
        before = phrase_start(phrase - 2)
        if before == phrase - 1 or not any(member(k) for k in range(before, phrase - 1)):
            break
        lead = words[before - 1] if before > lo else "."
        if words[phrase - 1] == "," and lead not in SUBJECT_OPENERS | SUBJECT_LEADS:
            break  # "Mets in her lungs and liver, heart is not involved"
        if lead in SUBJECT_PLACES:
            break  # "mets to my bones and my liver is not affected": "my bones" is a place
        phrase = before
    j = phrase - 1
    while j >= lo and (member(j) or words[j] in SUBJECT_LIST_WORDS):
        j -= 1
    return j + 1 if j < lo or words[j] in SUBJECT_OPENERS else phrase


SUBJECT_JOINS = frozenset({"and", "or", "nor"})
# the words that make a member before "and" a place, not a subject ("spread to her brain and
# her bones are …"); any other word opens it ("Luckily her brain and lungs are spared")
# the prepositions that place an organ ("spread to her bones", "in the liver"), read by the
# sparing's subject here and by the organs naming a service in chatbot.nlp.sites
PLACE_PREPOSITIONS = frozenset(
    {"in", "to", "into", "of", "on", "within", "throughout", "through", "from", "at"}
)
SUBJECT_PLACES = PLACE_PREPOSITIONS | {"and", "involving", "affecting", "including"}
SUBJECT_AUXILIARIES = frozenset({"has", "have", "had", "also", "still", "all", "both", "so", "far"})
# a coordinated subject after a comma, or "with X and Y spared"
SUBJECT_LEADS = frozenset({",", "with"})
SUBJECT_DETERMINERS = frozenset({"the", "her", "his", "my", "their", "both", "its"})
SUBJECT_HEADS = frozenset({"mets", "met", "lesion", "lesions", "deposits", "disease", "nodules"})


# a site named as a risk or as what a drug is to prevent (rules/context_rules.yaml), and the
# words after the site that make the prevented thing its effect ("prevent bone metastases
# from causing fractures", "prevention of brain metastasis progression", "… complications"):
# the site is hers then
FORESEEN_RULES = frozenset({"risk of", "to prevent"})
FORESEEN_EFFECTS = frozenset(
    {"progression", "progressing", "growth", "growing", "complications", "complication"}
    | {"worsening", "causing", "pain", "fracture", "fractures", "events", "sres", "enlarging"}
)
# "from" + a harm ("from growing", "from causing fractures"); never "from developing /
# forming / occurring", the prevention of the site itself
FROM_HARMS = frozenset(
    {"causing", "growing", "progressing", "getting", "worsening", "becoming", "spreading"}
    | {"bleeding", "breaking", "fracturing", "enlarging"}
)


def _effect_foreseen(doc: Doc, ent: Span) -> bool:
    words = doc_lowers(doc)
    if ent.end >= len(words):
        return False
    if words[ent.end] == "from":
        return ent.end + 1 < len(words) and words[ent.end + 1] in FROM_HARMS
    return words[ent.end] in FORESEEN_EFFECTS


def _sparing_ended(doc: Doc, cue: Modifier) -> bool:
    """The sparing told for a time that ended, right after it ("spared until last month",
    "spared, up until March", "spared in 2022", "spared back then"); not a later clause's
    words ("the liver is spared, but the bones are full of it": the liver still spared)."""
    if cue.rule.literal not in SPARING_RULES:
        return False
    words = doc_lowers(doc)
    hi = sentence_bounds(doc, cue.start)[1]
    after = words[cue.end : min(cue.end + SPARING_REACH, hi)]
    nxt = [*words[cue.end + 1 : min(cue.end + SPARING_REACH + 1, hi)], ""]
    later = words[cue.end : hi]
    return (
        bool(SPARING_ENDED.intersection(after))
        or any(is_year(w) for w in after)
        # stop 61 (review): involvement told later in the sentence ("not involved at
        # diagnosis, but now has three mets", "… it has since spread there", "MRI now shows
        # two new metastases there"; not "… and she remains well now")
        or any(
            w in NOW_WORDS
            and any(v in INVOLVED_AFTER or v.startswith("metasta") for v in later[k + 1 : k + 6])
            for k, w in enumerate(later)
        )
        # "spared for years" (not "for now"), "spared last time" (not "on the last MRI"),
        # "spared up until March" (not "up to now")
        or any(
            (w == "for" and (n in SPARED_FOR or n.isdigit()))
            or (w == "last" and n == "time")
            or (w == "up" and n in ("until", "till"))
            for w, n in zip(after, nxt, strict=False)
        )
    )


# a word someone calls her by, in quotes (rules/context_rules.yaml "calls me
# 'postmenopausal'"), is talked about only when the writer disowns it right after the
# quotation ("calls me 'postmenopausal' - news to me"); "They called her 'a BRCA carrier' at
# the genetics clinic" tells it (the reviews of stop 61)
LABEL_RULES = frozenset({"calls me 'postmenopausal'"})
LABEL_QUOTES = frozenset({"'", '"', "‘", "’", "“", "”"})
DISOWNING = frozenset(
    {"news", "wrong", "wrongly", "mistake", "mistaken", "mistakenly", "error", "typo"}
    | {"loving", "funny", "joke", "lol", "haha", "nonsense", "though", "although"}
)


def _label_owned(doc: Doc, cue: Modifier) -> bool:
    """A quoted label with nothing right after its closing mark disowning it ("calls me
    'postmenopausal' - news to me"; not "… 'a BRCA2 carrier' and I thought they had the
    wrong person, but the repeat test confirmed it")."""
    if cue.rule.literal not in LABEL_RULES:
        return False
    words = doc_lowers(doc)
    hi = sentence_bounds(doc, cue.start)[1]
    close = next(
        (k for k in range(cue.end, min(hi, cue.end + 8)) if words[k] in LABEL_QUOTES), None
    )
    return close is None or not DISOWNING.intersection(words[close + 1 : close + 5])


def _aside_after(doc: Doc, cue: Modifier) -> bool:
    """A quotation's denial that ends in a comma with an aside after it: another comma soon."""
    if cue.rule.literal not in COMMA_DENIALS:
        return False
    words = doc_lowers(doc)
    return words[cue.end - 1] == "," and "," in words[cue.end : cue.end + QUOTE_ASIDE_REACH]


CLOSING_PAIRS = {"'": "'", '"': '"', "’": "‘", "”": "“"}


def _quote_closed_by(
    doc: Doc, cue: Modifier, lo: int, quotes: Sequence[tuple[int, int]]
) -> int | None:
    """The opening mark's index of the quotation the cue's first token closes, in its
    sentence: a double quotation the text opens and closes (``_quote_ranges``; a straight
    double mark may open one, '"status": "pending"'), or a single one back to its opening
    mark."""
    words = doc_lowers(doc)
    mark = words[cue.start]
    pair = CLOSING_PAIRS.get(mark)
    if pair is None:
        return None
    if mark in ('"', "”"):
        return next((s for s, e in quotes if e == cue.start + 1 and s >= lo), None)
    return next((k for k in range(cue.start - 1, lo - 1, -1) if words[k] in (pair, mark)), None)


def _enclosing_quote(quotes: Sequence[tuple[int, int]], cue: Modifier) -> tuple[int, int] | None:
    """The quotation holding the whole cue, if any (quotations do not nest here)."""
    at = bisect_right(quotes, (cue.start, 10**9)) - 1
    if at >= 0 and quotes[at][0] <= cue.start and cue.end <= quotes[at][1]:
        return quotes[at]
    return None


def _without_appositive_commas(
    doc: Doc, cues: list[Modifier], ents: Sequence[Span]
) -> list[Modifier]:
    """The cues without the commas that open an apposition: a drug's ("her treatment,
    letrozole"), and a relative clause told of another person (stop 53: "Unlike her sister,
    who is BRCA2 positive, she tested negative" had read BRCA2 hers, the sister's cue
    stopping at the comma before "who"). The clause's closing comma still ends the cue."""
    drug_starts = {e.start for e in ents if e.label_ == "DRUG"}
    others_end = {c.end for c in cues if c.category == "FAMILY"}
    if not drug_starts and not others_end:
        return cues
    lowers = doc_lowers(doc)
    n = len(lowers)
    aside = _bracketed_asides(lowers, others_end)
    return [
        c
        for c in cues
        if not (
            c.category == CLAUSE
            and c.end - c.start == 1
            and lowers[c.start] == ","
            and (
                (c.end in drug_starts and c.start > 0 and lowers[c.start - 1] in APPOSITIVE_HEADS)
                or (c.start in others_end and c.end < n and lowers[c.end] in ("who", "whose"))
                or c.start in aside
            )
        )
    ]


# stop 54 (held-out probe J): two patients compared in one message, the one asked about named
# ("Mrs A has a PIK3CA H1047R; Mrs B, the one I'm asking about, was wild-type"; "Mrs R has had
# 4 lines and is going to the hospice. Mrs S - the one I'm asking about - has only had …"):
# what is told of another named patient is hers, not the patient's. Only when the message
# names the one it asks about: a message about one "Mrs B" is about her.
_NAMED = r"\b(?:Mrs|Mr|Ms|Miss|Mx)\.?\s+(?P<name>[A-Z][\w'’-]*)"
_DESIGNATED = re.compile(
    _NAMED
    + r"\s*[,(–—-]?\s*(?:who\s+is\s+|is\s+)?(?:(?:the\s+one|the\s+patient|the\s+lady|the\s+woman|"
    r"the\s+man)\s+(?:I'?m|I\s+am|we'?re|in\s+question|I\s+mean)|my\s+patient\b)"
)
_NAMED_ANY = re.compile(_NAMED)
OTHER_PATIENT_TYPES = (
    "FACT",
    "TOPIC",
    "GENE",
    "GENE_NAME",
    "RECEPTOR_NAME",
    "ORGAN",
    "ORGAN_ADJ",
    "LINE_ORD",
    "LINE_NOMINAL",
    "LINE_COUNT",
)
OTHER_PATIENT_RULE = ConTextRule(
    "another named patient", "FAMILY", "FORWARD", None, 30, OTHER_PATIENT_TYPES, ("TERMINATE",)
)
ASKED_PATIENT_RULE = ConTextRule("the named patient asked about", "TERMINATE", "TERMINATE")


def _other_named_patients(doc: Doc) -> list[Modifier]:
    """A family-scope cue at each other named patient, and an end at each mention of the one
    asked about, when the message names the one it asks about."""
    text = doc_text(doc)
    if "M" not in text:
        return []
    designated = _DESIGNATED.search(text)
    if designated is None:
        return []
    asked = designated.group("name")
    out: list[Modifier] = []
    for m in _NAMED_ANY.finditer(text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        rule = ASKED_PATIENT_RULE if m.group("name") == asked else OTHER_PATIENT_RULE
        out.append(Modifier(span.start, span.end, rule))
    return out if any(c.rule is OTHER_PATIENT_RULE for c in out) else []


RELATIVE_ASIDE_REACH = 12  # tokens: a bracket after a relative closes within this


def _bracketed_asides(lowers: list[str], others_end: set[int]) -> set[int]:
    """The tokens inside a bracket opened right after a relative (stop 54, probe J: "My daughter
    (34, still has her periods) comes to all my appointments. I'm 63." — the bracket is all
    hers, its comma no end of her cue)."""
    inside: set[int] = set()
    for start in others_end:
        if start < len(lowers) and lowers[start] == "(":
            close = next(
                (
                    k
                    for k in range(start + 1, min(len(lowers), start + RELATIVE_ASIDE_REACH))
                    if lowers[k] == ")"
                ),
                None,
            )
            if close is not None:
                inside.update(range(start + 1, close))
    return inside


@Language.factory("mbc_context")
def make_context(nlp: Language, name: str) -> ConTextComponent:
    return ConTextComponent(nlp, name)


# -- a denied change of a finding --------------------------------------------------------
# The site findings whose change, not their presence, a negation before them denies: the
# finding is the subject of a copula and a word of change right after it. For brain
# metastases the denied change is their stable state.
CHANGE_COPULAS = frozenset({"is", "are", "was", "were", "has", "have", "had", "'s", "’s"})
CHANGE_BETWEEN = frozenset(
    {"been", "not", "n't", "noticeably", "significantly", "really", "much", "any", "further"}
    | {"still", "actually", "clearly", "definitely", "getting", "becoming", "got", "become"}
)
CHANGE_WORDS = frozenset(
    {"changing", "changed", "growing", "grown", "progressing", "progressed", "worse"}
    | {"worsening", "worsened", "spreading", "enlarging", "enlarged", "increasing", "increased"}
    | {"bigger", "larger", "shrinking", "shrunk", "smaller", "improving", "improved"}
    | {"responding", "responded"}
)
CHANGE_REACH = 3  # words between the copula and the word of change
# the cues the word of change itself raises, dropped with the denial ("growing": ACTIVE)
CHANGE_CATEGORIES = frozenset({"ACTIVE", "PROGRESSION"})
_BRAIN_IDS = re.compile(r"metastatic_sites=(?:brain|meninges)\b")
CHANGE_DENIED_RULE = "change denied"  # context_rules.yaml: the brain's stable state


def _change_told_of(doc: Doc, ent: Span) -> int | None:
    """The index of the word of change told of a site finding right after it ("my skin mets
    were noticeably changing"), or None."""
    if not ent.ent_id_.startswith("metastatic_sites="):
        return None
    lowers = doc_lowers(doc)
    j = ent.end
    if j >= len(lowers) or lowers[j] not in CHANGE_COPULAS:
        return None
    j += 1
    for _ in range(CHANGE_REACH):
        if j < len(lowers) and lowers[j] in CHANGE_BETWEEN:
            j += 1
    return j if j < len(lowers) and lowers[j] in CHANGE_WORDS else None


# -- a relative who is the patient --------------------------------------------------------
# A carer's message opens with the relative it is about ("Its about my mother in law 59yrs,
# diagnosed with ca breast stage 4", "My mother, 62, has metastatic breast cancer"): her
# cancer is the case, so the facts told beside that opening relative word are the patient's,
# not a family history. Only the opening mention: a relative named later ("her sister had
# BRCA1") is still family, and a writer who tells her own cancer ("I was diagnosed …") is
# the patient herself.
# the relative a carer writes about (RELATIVE_SEX gives each one's sex)
# (stop 37: with the step- and grand- relatives the FAMILY cues name, and "dad")
_KIN = (
    r"mother|mom|mum|sister|aunt|auntie|aunty|daughter|grandmother|grandma|granny|father|dad|brother|wife"
    r"|husband|grandfather|grandpa|stepmother|stepmom|stepmum|stepsister|stepdaughter"
    r"|stepfather|stepdad|stepbrother"
)
# stop 34 (r37): the relative's age told before the word ("My 32-year-old daughter was just
# diagnosed with metastatic breast cancer", "my 62 yo mother has MBC"): the age is hers
_KIN_AGE = (
    r"(?:\d{1,3}\s*-?\s*(?:(?:years?|yrs?)\s*-?\s*old|y/?o)\s+)?"
    # stop 55 (r105-0010): or a word of endearment or birth order ("My little sister Helen is
    # 39 years old", "my beloved wife", "my younger sister")
    r"(?:(?:little|baby|big|younger|older|elder|eldest|youngest|twin|beloved|dear|dearest"
    r"|lovely|darling|wonderful|amazing|late|only)\s+)?"
)
_RELATIVE_OPENING = re.compile(
    r"^\W*(?:(?:hi|hello|dear\s+\w+)\W+)?"
    r"(?:(?:it'?s|this\s+is|question|i'?m\s+asking|i\s+am\s+asking|asking|writing"
    # stop 62 (held-out probe S): a carer's "Posting for Mum (67): …", "my" left out after
    # the verb of posting
    r"|posting|enquiring|inquiring)\s+"
    r"(?:\w+\s+){0,2}?(?:about|for|on\s+behalf\s+of)\s+(?:my\s+)?|my\s+)"
    rf"{_KIN_AGE}(?P<relative>{_KIN})\b",
    re.I,
)
# round 30: the relative named later in a carer's message, with her cancer ("it's been a very
# tough 2 weeks for my family, my wife had breast cancer just over 3yrs ago, it has returned
# as a secondary in her lung")
# stop 32 (r32): a spouse named by another's possessive is told of as "my" relative is ("Last
# March his wife, Melissa, was diagnosed with stage three breast cancer"): never a family
# history (a spouse is no blood relative), so only wife/husband after his/her/their
# stop 33 (r34): the illness told with any verb of having it ("His wife, Jennie, suffers from
# metastatic breast cancer" had read the husband's "His" as the patient's sex)
_RELATIVE_WITH_CANCER = re.compile(
    rf"\b(?:my\s+{_KIN_AGE}(?=(?:{_KIN})\b)|(?:his|her|their)\s+(?:(?:young|late|beloved|lovely|dear|new|former)\s+)?(?=(?:wife|husband)\b))"
    # (stop 47, r28-0001: an adjective before the spouse, "his young wife, Mary, had metastatic
    # breast cancer")
    r"(?P<relative>\w+)\b(?!['’]s\b)"
    # (stop 42, r55-0028: or her age apposed with its time, "My mom, 55 at the time, had")
    r"\s*,?\s*(?:(?:then\s+)?\d{1,3}\s+at\s+(?:the|that)\s+time\s*,\s*"
    r"|(?P<between>(?:(?:who|[\w'-]+),?\s+){0,3}?))"
    # (stop 42, r57-0043: or treated for it, "my mother was operated on for a recurrence of
    # breast cancer that had metastasized to her bones")
    r"(?:has|had|was\s+diagnosed\s+with|(?:is|was)\s+(?:being\s+)?(?:operated\s+on|treated"
    r"|admitted|hospitali[sz]ed)\s+for|"
    r"(?:is|was)\s+living\s+with|lives\s+with|lived\s+with|got|"
    r"(?:is\s+|was\s+)?suffer(?:s|ed|ing)?\s+from|(?:is\s+|was\s+)?battl(?:es|ed|ing)|"
    r"(?:is\s+|was\s+)?fight(?:s|ing)|fought|died\s+(?:of|from)|(?:is\s+)?dying\s+(?:of|from))"
    r"\s+(?:[\w-]+\s+){0,3}?(?:breast\s+cancer|mbc|secondary|"
    r"metasta\w*|stage\s*(?:iv|4|four))",
    re.I,
)
# stop 53 (held-out probe I): the relative's cancer told in brackets or apposed after her,
# with or without her age ("but my daughter (34, liver mets) is only getting them because of
# the Zoladex", "my sister, 41, stage IV, is on letrozole"): the message is about her
_RELATIVE_BRACKETED = gated(
    rf"\bmy\s+(?P<relative>{_KIN})\s*[(,]\s*"
    r"(?:\d{1,3}\s*(?:y/?o|yrs?|years?(?:\s+old)?)?\s*[,;]\s*)?"
    r"(?:[\w+/-]+\s+){0,3}?(?:mets|metasta\w*|mbc|stage\s*(?:iv|4|four))\b",
    re.I,
)
# stop 36 (r41): the relative's cancer told in the possessive ("I learned of my mother's battle
# with breast cancer … The doctors did not give us good news upon my mom's diagnosis"): only
# words of her illness between, never another relative ("my mother's sister had breast cancer")
_RELATIVES_CANCER = gated(
    rf"\bmy\s+{_KIN_AGE}(?P<relative>{_KIN})['’]s\s+"
    r"(?:(?:battle|fight|struggle|journey|war|with|against|of|own|recent|new|advanced|"
    r"metastatic|secondary|recurrent|terminal|late-stage|stage\s*(?:iv|4|four))\s+){0,4}"
    r"(?:breast\s+cancer|mbc|metasta\w*|cancer)\b",
    re.I,
)
# stop 48 (r73-0008): a third person's relative told with metastatic breast cancer in the
# sentence itself ("His mom had breast cancer cells in her brain and bones"): the message is
# about her (a family history tells a relative's breast cancer, not its spread)
_OTHERS_RELATIVE_METASTATIC = gated(
    rf"\b(?:his|her|their)\s+(?P<relative>{_KIN})\b(?!['’]s\b)"
    r"(?:\s*,\s*[\w'-]+\s*,)?\s+(?:has|had|was\s+diagnosed\s+with|is\s+living\s+with|lived\s+with)\s+"
    r"(?:(?:metastatic|secondary|stage\s*(?:iv|4|four)|advanced|terminal)\s+breast\s+cancer\b"
    r"|breast\s+cancer\b[^.;!?]{0,40}?\b(?:in|to|into|throughout)\s+(?:her|his|the)\s+"
    r"(?:brain|bones?|liver|lungs?|spine|skin|peritoneum|ovaries)\b)",
    re.I,
)
_HER_CANCER = re.compile(
    r"\b(?:diagnos\w*|cancer|carcinoma|ca\s+breast|mbc|metasta\w*|mets|stage\s*(?:iv|4|four)"
    # stop 62 (held-out probe S): or told by its spread or its receptors ("Posting for Mum
    # (67): CT says it's spread to her liver, ER+ HER2-")
    r"|spread|her2)\b",
    re.I,
)
# (stop 31: never across the relative a carer goes on to, "I'm 45 and my husband has MBC")
_OWN_CANCER = gated(  # searched by its folded twin (``found``): ~40 % less
    r"\b(?:I\s+(?:am|was|have|had|'m|'ve|got)|I'm|I've)\b"
    rf"(?:(?!\b(?:my|our)\s+(?:{_KIN})\b)[^.;]){{0,40}}"
    r"\b(?:diagnos\w*|cancer|mbc|metasta\w*|mets|stage|er\+|her2)"
    # stop 39 (r49): the cancer told in her own body ("metastatic breast cancer – a disease I've
    # lived with for nine years … the cancer is now in my bones, brain, lungs, liver"); not "my
    # cancer" alone ("my cancer story began with my mother's cancer diagnosis": a carer's)
    r"|\b(?:cancer|mets|metastas[ie]s|tumou?rs?|disease)\s+(?:(?:is|are|was|were|has|had|have"
    r"|now|also|already|spread|metastasi[sz]ed|gone|moved)\s+){0,3}(?:in|to|into|throughout)\s+"
    r"my\s+(?:bones?|liver|lungs?|brain|spine|skin|chest|ovaries|hips?|ribs?|pelvis|lymph|nodes"
    r"|body|blood|skull|sternum|abdomen)\b"
    # stop 52 (held-out probe H): her own care named ("so my oncologist asked about mine", "my
    # mets", "my chemo"): the writer is the patient, whoever her first sentence is about
    r"|\bmy\s+(?:oncologist|onc|mets|metastases|chemo|chemotherapy|mastectomy|biopsy)\b"
    # stop 55 (r104-0009): her own metastatic disease named ("since 'coming out' with my
    # Metastatic Breast Cancer diagnosis", "my stage IV diagnosis", "my MBC")
    r"|\bmy\s+(?:own\s+)?(?:metastatic|mbc|stage\s*(?:iv|4|four)\b|secondary\s+breast)"
    # stop 62 (held-out probe S): her own set against another's ("That TV presenter posted
    # that her cancer has gone to her lungs … my own CT this week was the same", "My friend's
    # cancer has gone to her lungs. Mine is ER+, bone only")
    r"|\bmy\s+own\s+(?:ct|mri|pet|scans?|results?|bloods?|cancer|disease|mets|tumou?rs?"
    r"|oncologist|treatment)\b|(?:^|[.!?;]\s+)mine\s+(?:is|was|has|had|'s|’s)\b",
    re.I,
)
# stop 63 (held-out probe T): her own cycle told in the first person ("My twin sister went
# through the menopause at 44 … I'm 47 and still get a period every month. New bone mets"):
# the writer is the patient, not the sister her message opens with — only where the opening
# sentence tells no cancer (the reviews of stop 63: a daughter's "My mum … has spread to her
# liver … I'm 29 and I still get my period" is the mother's case), and "I" is the one with the
# cycle ("I think she had a period" is not)
_OWN_CYCLE = re.compile(
    r"\bI(?:'m|’m|\s+am)?(?:\s+\d{2}\s+and)?\s+(?:still\s+|also\s+)?(?:get|have|had|got)\s+"
    r"(?:a\s+|my\s+)?(?:periods?|menses)\b(?!\s+of\b)",
    re.I,
)
# ... or where the writer tells the relative's cancer as her own too, with no "she" or "her"
# for the relative ("My sister is postmenopausal and on letrozole for the same cancer. I'm 39
# and still get my periods")
_SAME_CANCER = re.compile(r"\bsame\s+(?:cancer|disease|diagnosis|type)\b", re.I)
_SHE = re.compile(r"\b(?:she|her|she's|she’s)\b", re.I)
_OPENING_CANCER = re.compile(
    r"^[^.!?\n]*\b(?:cancer|mets|metasta\w*|tumou?rs?|carcinoma|mbc|chemo\w*|spread|oncolog\w*"
    r"|diagnos\w*|er\+|her2)",
    re.I,
)


# round 14: the relative word of that opening is the patient's sex ("My mother, 62, has
# metastatic breast cancer": female; "my father … male breast cancer": male)
RELATIVE_SEX = {
    **dict.fromkeys(
        (
            "mother",
            "mom",
            "mum",
            "sister",
            "aunt",
            "auntie",
            "aunty",
            "daughter",
            "grandmother",
            "grandma",
        )
        + ("wife",)
        + ("granny", "stepmother", "stepmom", "stepmum", "stepsister", "stepdaughter"),
        "female",
    ),
    **dict.fromkeys(
        ("father", "dad", "brother", "husband", "grandfather", "grandpa")
        + ("stepfather", "stepdad", "stepbrother"),
        "male",
    ),
}


# round 20: a writer telling her own metastatic cancer describes herself with a gendered noun
# ("I'm a single mom of two teenaged daughters", "I am a 45-year-old wife and mother"): that
# noun is the patient's sex. Only "I am / I'm / I was a …", or (round 23) "As a …," before the
# writer's own clause ("As a single mom, all I could think about was …") — both read only in a
# text telling her own cancer (writer_self_sex), so a carer's "As a mother, I worry about my
# daughter" says nothing — and not a parent "of a/an/my …" someone (a carer: "I'm a mother of a
# 30-year-old with MBC").
_SELF_WORDS = (
    r"mom|mother|mum|wife|grandmother|grandma|woman|lady|girl"
    r"|dad|father|husband|grandfather|grandpa|man|guy"
    # stop 38 (r47): what else a writer is that only one sex is ("I am also a lesbian", "I'm a
    # widow", "I'm a daughter, a sister, a mother")
    r"|lesbian|widow|widower|daughter|sister|aunt|niece|son|brother|uncle|nephew"
)
# stop 30 (r28): the noun may close a list of what she is ("I'm a writer, an activist, a former
# federal civil rights attorney, a lifelong Seattleite, a wife and mom"), each item "a/an …";
# and a writer counts herself among women ("an online support group for women like myself")
_AMONG_WOMEN = r"\b(?P<among>women|men)\s*,?\s+(?:like|such\s+as)\s+(?:me|myself)\b"
# the one alternative of _SELF_NOUN that can tell a writer's own cancer by itself: a text
# where it matches nowhere and no own cancer is told has no answer (_SELF_NOUN, ~0.1 ms a
# 500-character text, is then not searched: nine texts in ten)
_AMONG = re.compile(_AMONG_WOMEN, re.I)
_SELF_NOUN = re.compile(
    r"\bI(?:\s+am|'m|\s+was)\s+(?:(?:also|now|still|just|only|actually|proudly)\s+)?"
    r"(?:an?\s+(?:[\w-]+\s+){0,4}?[\w-]+\s*,\s*(?:and\s+)?){0,6}"
    rf"an?\s+(?:[\w-]+\s+){{0,3}}?(?P<noun>{_SELF_WORDS})\b"
    r"(?!\s+of\s+(?:a|an|my)\b)"
    # stop 44 (r60-0040): what she is told as a gerund in her own clause ("I … have relished
    # being a stay-at-home mum", "I love being a grandmother")
    # (stop 52, r86-0007: or of her children, "so being their Mom through these years")
    r"|\bI\b[^.!?;]{0,100}?\bbeing\s+(?:an?|their|our)\s+"
    r"(?:(?!(?:to|of|for|my|her|his|the)\b)[\w-]+\s+){0,2}?"
    rf"(?P<being>{_SELF_WORDS})\b"
    # (stop 53, r95-0007: or in the infinitive, "whilst attempting to be a wife and mother to
    # three boys"; never across another person she wants to be one, "I want my son to be a")
    r"|\bI\b(?:(?!\b(?:my|her|his|their|him|them|you|your|she|he|they)\b)[^.!?;]){0,100}?"
    r"\bto\s+be\s+an?\s+(?:(?!(?:to|of|for|my|her|his|the)\b)[\w-]+\s+){0,2}?"
    rf"(?P<tobe>{_SELF_WORDS})\b"
    rf"|\bAs\s+an?\s+(?:[\w-]+\s+){{0,2}}?(?P<as_noun>{_SELF_WORDS})\s*,\s*(?=(?:\w+\s+){{0,2}}I\b)"
    # (stop 37, r45: set off by commas, "not usually given to women, like me, with Stage III")
    rf"|{_AMONG_WOMEN}"
    # stop 33 (r34): a writer setting herself beside other women ("I'm probably a bit different
    # to lots of the other women because I'm so young")
    r"|\b(?:like|than|unlike|to|from|with|among|as)\s+(?:(?:lots|many|most|some|all|any)\s+of\s+)?"
    r"(?:the\s+)?(?:other|fellow)\s+(?P<other>women|men)\b"
    # stop 41 (r52-0008): the writer among a group he names ("we too are fathers, brothers,
    # husbands and grandfathers", "we are women too")
    r"|\bwe\s+(?:(?:too|also|all|still)\s+)?are\s+(?:(?:also|too|all)\s+)?(?P<we>"
    r"men|women|fathers|mothers|husbands|wives|brothers|sisters|grandfathers|grandmothers)\b"
    # stop 52 (r90-0014): the writer as her children's parent, in the third person ("My kids
    # have now been living with their mom having cancer for more than half of their lives")
    r"|\bmy\s+(?:\w+\s+)?(?:kids|children|sons|daughters|boys|girls|son|daughter)\b[^.!?;]{0,60}?"
    r"\b(?:their|his|her)\s+(?P<kids>mom|mum|mother|dad|father)\b"
    # stop 55 (r104-0009): the writer as their parent or spouse inside her own clause ("I'm
    # telling the story from my point of view, as their mother, sharing how I told them")
    r"|\bI\b[^.!?;]{0,100}?\bas\s+(?:an?|their|his|her|our)\s+"
    r"(?P<as_mid>mom|mum|mother|dad|father|wife|husband)\b(?!\s+of\b)"
    # stop 56 (r111-0007): a sentence opening by setting the writer among a group, her own
    # words after it ("Like most women diagnosed with early stage breast cancer, the shock …
    # was calmed by the reassuring words of my surgeon")
    r"|(?:^|(?<=[.!?\n]))\s*(?:just\s+)?like\s+(?:(?:most|many|some|all|other|so\s+many)\s+)?"
    r"(?P<like>women)\b(?=[^.!?]{0,200}\b(?:my|me|I)\b)"
    # (not when a relative is the clause's subject: "Like most women, my mother ignored it")
    r"(?![^.!?,]{0,120},\s*(?:my|her|his|our)\s+(?:\w+\s+)?(?:mother|mum|mom|sister|daughter|wife|"
    r"husband|friend|aunt|grandmother|gran|nan|partner|niece|cousin)\b)",
    re.I,
)
# the relative words (RELATIVE_SEX) and the plain nouns a writer also uses of herself
SELF_NOUN_SEX = {
    **RELATIVE_SEX,
    **dict.fromkeys(("woman", "lady", "girl", "women", "lesbian", "widow", "niece"), "female"),
    **dict.fromkeys(("dad", "grandfather", "grandpa", "man", "guy", "men"), "male"),
    **dict.fromkeys(("widower", "son", "uncle", "nephew"), "male"),
    **dict.fromkeys(("mothers", "wives", "sisters", "grandmothers"), "female"),
    **dict.fromkeys(("fathers", "husbands", "brothers", "grandfathers"), "male"),
}


def writer_self_sex(text: str) -> tuple[str, int, int] | None:
    """(sex, start, end) of the noun a writer telling her own cancer describes herself with.

    Two sexes told that way is no answer (None)."""
    if _RELATIVE_OPENING.match(text) is not None:
        return None
    own = _own_cancer_in(text)
    if not own and _AMONG.search(text) is None:
        return None
    found = []
    for m in _SELF_NOUN.finditer(text):
        group = next(
            g
            for g in (
                "noun",
                "being",
                "tobe",
                "as_noun",
                "among",
                "other",
                "we",
                "kids",
                "as_mid",
                "like",
            )
            if m.group(g)
        )
        if group == "among" and _HER_CANCER.search(text, m.end(), m.end() + 60) is not None:
            own = True  # "women like myself living with metastatic breast cancer"
        found.append((SELF_NOUN_SEX[m.group(group).lower()], m.start(group), m.end(group)))
    if not own or not found or len({sex for sex, _, _ in found}) > 1:
        return None
    return found[0]


FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself", "we", "us", "our"})
POSSESSIVES_OF_OTHERS = frozenset({"her", "his", "their"})


# stop 62 (held-out probe S): people other than a relative whose own cancer a writer tells
# beside hers — a friend, a colleague, a public figure ("That TV presenter posted on Instagram
# yesterday that her cancer has gone to her lungs")
OTHER_PERSONS = frozenset(
    {"friend", "friends", "neighbour", "neighbor", "colleague", "coworker", "co-worker"}
    | {"presenter", "celebrity", "actress", "actor", "singer", "star", "influencer", "host"}
    | {"newsreader", "anchor", "journalist", "politician", "princess", "model", "athlete"}
    | {"footballer", "comedian", "broadcaster", "youtuber", "blogger", "author"}
)
OTHER_PERSON_OPENERS = frozenset({"my", "a", "that", "this", "the", "our", "one"})
OTHER_PERSON_REACH = 3  # words from the opener to the person ("that TV presenter")


def _other_persons_finding(doc: Doc, lo: int, i: int) -> bool:
    """The sentence from ``lo`` opens with another person (OTHER_PERSONS), the finding at
    ``i`` is told in her words ("her lungs", "her breast cancer has spread to …") with the
    writer not back in between, and the writer tells her own cancer."""
    lowers = doc_lowers(doc)
    if lowers[lo] not in OTHER_PERSON_OPENERS:
        return False
    person = next(
        (
            k
            for k in range(lo + 1, min(i, lo + 1 + OTHER_PERSON_REACH))
            if lowers[k] in OTHER_PERSONS
        ),
        None,
    )
    if person is None or FIRST_PERSON.intersection(lowers[person + 1 : i]):
        return False
    text = doc_text(doc)
    return (
        bool(THIRD_PERSON.intersection(lowers[person + 1 : i + OTHER_PERSON_REACH * 2]))
        and _own_cancer_in(text)
        and _ASKED_FOR_HER.search(text) is None
    )


THIRD_PERSON = POSSESSIVES_OF_OTHERS | {"she", "he", "'s", "’s"}
# the message asks for the other person: she is the patient the writer posts for ("What would
# come next for her?", "what are her options", "She asked me to post"); not sympathy ("I was
# there for her", "I pray for her": the second review of stop 62)
_ASKED_FOR_HER = re.compile(
    r"\bwhat\b[^.?!]{0,40}\bfor\s+her\b|\bher\s+options\b|\bshe\s+asked\s+me\b"
    r"|\bon\s+(?:her|their)\s+behalf\b|\bposting\s+for\s+(?:my|a)\b",
    re.I,
)


def relatives_finding(doc: Doc, i: int) -> bool:
    """In a writer's own story, token ``i`` is a finding of her relative's: its sentence opens
    with the relative ("My mother had breast cancer for 14 years that was metastasized to
    her liver", "My mother's breast cancer had spread to her liver"), the writer does not come
    back into it, and the finding is possessed by the relative's pronoun ("her liver")
    (stop 38, r48: the mother's liver had been read as the writer's own site)."""
    lowers = doc_lowers(doc)
    if i < 1:
        return False
    possessed = lowers[i - 1] in POSSESSIVES_OF_OTHERS
    lo, hi = sentence_bounds(doc, i)
    if i - lo >= 3 and _other_persons_finding(doc, lo, i):
        return True
    if hi - lo >= 3 and i > lo + 1 and lowers[lo + 1] not in RELATIVE_SEX:
        # stop 61 (held-out probe R): the relative's own having verb inside the sentence ("We
        # did IVF because my husband carries a BRCA2 variant"), read as at its start — a verb
        # of having only, nothing marking a pause between it and the finding (not "my
        # husband was told first: brain mets", "my husband was in tears - liver mets")
        lo = next(
            (
                k
                for k in range(i - 3, max(lo, i - HAVING_REACH - 3), -1)
                if lowers[k] == "my"
                and lowers[k + 1] in RELATIVE_SEX
                and lowers[k + 2] in RELATIVE_OWNING
                and not PAUSES.intersection(lowers[k + 3 : i])
                # (its object: "carries a BRCA2 variant", not "has struggled since the brain
                # mets news")
                and all(w in OWNED_FILLERS for w in lowers[k + 3 : i])
                # (nor one she shares: "my mum has the same BRCA1 mutation as me")
                and not SHARED_WITH_HER.intersection(lowers[k + 3 : min(hi, i + 6)])
            ),
            lo,
        )
    if hi - lo < 3 or lowers[lo + 1] not in RELATIVE_SEX or i <= lo + 1:
        return False
    if lowers[lo] in POSSESSIVES_OF_OTHERS:
        return possessed and _others_relatives_finding(doc, lo, i)
    # stop 57 (held-out probe N): or a finding told right after the relative's own verb of
    # having or being ("My mum was BRCA2 positive, she died of ovarian cancer", "My mum had
    # brain mets from her lung cancer and I'm terrified", in a story of the writer's own
    # cancer): the relative's, not the writer's ("My husband says the scan showed new brain
    # mets" is hers, told by him)
    if lowers[lo] != "my" or FIRST_PERSON.intersection(lowers[lo + 2 : i]):
        return False
    if not possessed and not (lowers[lo + 2] in RELATIVE_HAVING and i - (lo + 2) <= HAVING_REACH):
        return False
    return _own_cancer_in(doc_text(doc))


RELATIVE_HAVING = frozenset({"was", "had", "has", "is", "carried", "carries", "carry"})
RELATIVE_OWNING = frozenset({"had", "has", "have", "carried", "carries", "carry"})
PAUSES = frozenset({":", "-", "–", "—", ";", "(", ","})
SHARED_WITH_HER = frozenset({"same", "me", "too", "both", "i"})
OWNED_FILLERS = frozenset(
    {"a", "an", "the", "also", "germline", "pathogenic", "known", "inherited"}
)
HAVING_REACH = 4  # words from the relative's verb to her finding


# the relative as the subject of her own cancer, at the sentence's start ("His mother had
# breast cancer", "Her sister, 50, died of breast cancer"): what follows is told of her
_RELATIVE_SUBJECT_CANCER = re.compile(
    r"(?:\s*,[^,.;]{1,30},)?\s+(?:also\s+)?(?:had|has|was\s+diagnosed\s+with|died\s+(?:of|from)"
    r"|passed\s+away\s+(?:of|from)|battled|fought|survived|lost\s+(?:her|his)\s+(?:battle|fight))\b"
    r"[^.;!?]*?\b(?:cancer|carcinoma|mbc)\b",
    re.I,
)


def _others_relatives_finding(doc: Doc, lo: int, i: int) -> bool:
    """Stop 49: a third person's relative opening the sentence with her own cancer, in a case
    told of someone else ("A 45-year-old man … has liver metastases. His mother had breast
    cancer in her bones too."): "her bones" are the mother's. Not when the message is about
    that relative (chatbot.nlp.context.patient_relative: "His mom had breast cancer cells in
    her brain" opening a son's story), and only with a cancer told before the sentence."""
    text = doc_text(doc)
    start, end = doc[lo + 1].idx + len(doc[lo + 1].text), doc[i].idx
    if _RELATIVE_SUBJECT_CANCER.match(text, start, end) is None:
        return False
    if _HER_CANCER.search(text, 0, doc[lo].idx) is None:
        return False
    return patient_relative(doc) != lo + 1


# the subject pronouns that open another's clause between the relative and "had" ("she told
# her husband she had breast cancer", "my mother told me I had"): his or hers, not the relative's
OTHER_SUBJECT = {"female": {"he", "i", "we"}, "male": {"she", "i", "we"}}


# stop 43 (r58-0021): a relative named as the object of a preposition is nobody's subject
# ("Susan, who lives in Farnborough with her husband Eric, was diagnosed with breast cancer"
# had read the husband as the patient, and his sex as hers) — unless a relative clause makes
# him the subject ("she lives with her husband, who has metastatic breast cancer")
_OBJECT_OF = re.compile(r"\b(?:with|to|for|by|from|of|beside|alongside|without)\s*$", re.I)


def _relative_with_cancer(text: str) -> re.Match[str] | None:
    """_RELATIVE_WITH_CANCER's first match whose words between the relative and the illness
    hold no other subject (stop 42: "told her husband she had breast cancer" had read the
    husband as the patient; "my dad told us HE had metastatic cancer" is still his), and
    whose relative is no preposition's object."""
    early = None
    for m in _RELATIVE_WITH_CANCER.finditer(text):
        between = (m.group("between") or "").lower().split()
        if (
            _OBJECT_OF.search(text, max(m.start() - 12, 0), m.start()) is not None
            and between[:1] != ["who"]  # "lives with her husband, who has MBC": his
        ):
            continue
        others = OTHER_SUBJECT.get(RELATIVE_SEX.get(m.group("relative").lower(), ""), set())
        if others.intersection(w.strip(",") for w in between):
            continue
        if _EARLY_RELATIVE.search(m.group()) is None:
            return m
        # stop 49 (r76-0009): "my sister was diagnosed with Stage 1 breast cancer … my mother,
        # 64, was diagnosed with Stage 4": the relative with the metastatic disease
        early = early or m
    return early


_EARLY_RELATIVE = re.compile(
    r"\b(?:stage\s*(?:0|1|2|3|i{1,3}|one|two|three)[abc]?|early(?:[\s-]stage)?)\s+breast\s+cancer",
    re.I,
)


# stop 55 (r102-0006): the relative called by her family name, no "my" before it ("we were told
# the devastating news that mum had cancer and that it had metastasized (spread) to the bones"):
# the carer's relative, as "my mum" is, in a family's own voice ("we", "us", "our", "I") and
# never in a clinician's note ("Pt 60F … Mum had breast cancer at 45" is a family history)
_KIN_NAME_SUBJECT = gated(
    r"(?<![\w'’])(?<!\bmy\s)(?<!\bher\s)(?<!\bhis\s)(?<!\bour\s)(?<!\byour\s)(?<!\btheir\s)"
    r"(?<!\ba\s)(?<!\bthe\s)(?P<relative>mum|mom|dad|grandma|granny|grandpa)\s+"
    r"(?:has|had|was|is|got|became)\b",
    re.I,
)
_FAMILY_VOICE = re.compile(r"\b(?:we|us|our|I)\b")
_CLINICIAN_VOICE = re.compile(
    r"\b(?:patient|pt|\d{1,3}\s*(?:yo|y/o|f|m)\b|\d{1,3}-year-old|family\s+history|fhx?)\b", re.I
)


# stop 55 (r105-0007): the relative told lost to her cancer ("I lost my Mother to metastasized
# breast cancer on March 16, 2012"): the message is about her
_LOST_TO = gated(
    rf"\blost\s+my\s+{_KIN_AGE}(?P<relative>{_KIN})\s+to\s+(?:[\w-]+\s+){{0,3}}?"
    r"(?:breast\s+cancer|mbc|metasta\w*|stage\s*(?:iv|4|four))",
    re.I,
)


def _kin_named(text: str) -> re.Match[str] | None:
    found = _KIN_NAME_SUBJECT.search(text)
    if (
        found is None
        or _FAMILY_VOICE.search(text) is None
        or _CLINICIAN_VOICE.search(text) is not None
        or _HER_CANCER.search(text) is None
    ):
        return None
    return found


def _others_relative_metastatic(text: str) -> re.Match[str] | None:
    """_OTHERS_RELATIVE_METASTATIC's match when no cancer is told before it: "His mom had
    breast cancer cells in her brain" opening a son's story is about her, but after "A
    45-year-old man … has liver metastases." his mother's cancer is a family history (stop
    49: her bones had been read as his site)."""
    found = _OTHERS_RELATIVE_METASTATIC.search(text)
    if found is None or _HER_CANCER.search(text, 0, found.start()) is not None:
        return None
    return found


ASIDE_REACH = 40  # tokens of a bracketed aside a backward cue steps over


ASIDE_RESULT_WORDS = frozenset({"result", "results", "report", "status", ":", "-", "–"})


def _aside_before(doc: Doc, cue: Modifier, lo: int) -> tuple[int, int] | None:
    """[open, close] of a bracketed aside ending right before a backward cue, in its
    sentence, with no bracket inside it."""
    if cue.rule.direction not in ("BACKWARD", "BIDIRECTIONAL") or cue.start - 1 <= lo:
        return None
    words = doc_lowers(doc)
    close = cue.start - 1
    # (a result noun between them: "ESR1 (ctDNA) result awaited", stop 73, held-out probe AC)
    while close > max(lo, cue.start - 4) and words[close] in ASIDE_RESULT_WORDS:
        close -= 1
    if words[close] != ")":
        return _relative_clause_before(words, cue.start, lo)
    for k in range(close - 1, max(lo, close - ASIDE_REACH) - 1, -1):
        if words[k] == "(":
            return (k, close)
        if words[k] == ")":
            return None
    return None


RELATIVE_CLAUSE_OPENERS = frozenset({"which", "who", "whom", "whose"})
# stop 70: words that open a new subject after an aside's closing comma ("Unlike her sister,
# who is BRCA2 positive, she tested negative"): the relative's reach ends at the aside
NEW_SUBJECTS = frozenset(
    {"she", "he", "i", "we", "they", "you", "her", "his", "my", "our", "their", "the", "this"}
    | {"patient", "pt", "and", "but", "while", "whereas", "however", "both", "it"}
)
# the words an aside told of a relative opens with after its comma: a relative clause or an
# apposition of her age or her illness ("Her mother, 72, …", "Her aunt, diagnosed at 41, …");
# not a name nor a new clause ("Her son, Matthew Bowman, died of male breast cancer" is the
# patient; "For my mother, her cancer spread to her liver, lymph nodes …" is hers)
APPOSITION_OPENERS = RELATIVE_CLAUSE_OPENERS | frozenset(
    {"aged", "age", "diagnosed", "deceased", "died", "now", "also", "herself", "himself"}
)
SHARED_BY_HER = SHARED_WITH_HER | {"she", "patient", "herself", "hers", "pt"}
# the rules of relatives in other languages (chatbot/nlp/rules/context_rules.yaml, stop 70)
OTHER_LANGUAGE_KIN = frozenset({"su madre", "sa mère", "; sa mère", "ahizpak", "my mama"})
# the targets a relative's reach steps over an aside for: findings, not an age or a drug
TOLD_OF_LABELS = frozenset({"FACT", "GENE", "GENE_NAME", "RECEPTOR_NAME", "TOPIC"})


def relative_aside_after(doc: Doc, cue: Modifier, hi: int) -> tuple[int, int] | None:
    """[open, close] of an aside told of a relative right after her cue, when the sentence
    goes on with her own verb after it (stop 70: "Her mother, who had ovarian cancer, carried
    a BRCA1 mutation", "Her sister (diagnosed at 41) is a BRCA2 carrier"): the relative's
    forward reach steps over it, as a backward cue's steps over an aside before it. A
    bracket, or commas around a relative clause or a short apposition ("Her mother, 72, …");
    not when a new subject follows the closing comma."""
    if cue.category != "FAMILY" or cue.rule.direction not in ("FORWARD", "BIDIRECTIONAL"):
        return None
    words = doc_lowers(doc)
    open_ = cue.end
    if (
        open_ + 2 >= hi
        or words[open_] not in ("(", ",")
        or (words[cue.end - 1] not in RELATIVE_SEX and cue.rule.literal not in OTHER_LANGUAGE_KIN)
    ):
        return None
    if words[open_] == "," and not (
        words[open_ + 1] in APPOSITION_OPENERS or words[open_ + 1].isdigit()
    ):
        return None
    closer = ")" if words[open_] == "(" else ","
    close = next(
        (
            k
            for k in range(open_ + 1, min(hi, open_ + RELATIVE_ASIDE_REACH))
            if words[k] in (closer, "(", ")", ";", ":")
        ),
        None,
    )
    if close is None or words[close] != closer or close + 1 >= hi or close == open_ + 1:
        return None
    if closer == "," and words[close + 1] in NEW_SUBJECTS:
        return None
    # (nor when the clause after it tells the finding hers too: "… is a BRCA2 carrier, as is
    # the patient", "… the same BRCA2 mutation she has", "which the patient also inherited")
    end = next((k for k in range(close + 1, hi) if words[k] in (";", ".", ":")), hi)
    if not SHARED_BY_HER.isdisjoint(words[close + 1 : end]):
        return None
    return (open_, close)


# the verb's own words between a closing comma and the cue ("…, has now been ruled out")
CUE_AUXILIARIES = frozenset(
    {"has", "have", "had", "is", "are", "was", "were", "been", "be", "being", "now", "since"}
    | {"already", "also", "then", "subsequently", "finally", "definitively"}
)


def _relative_clause_before(words: list[str], start: int, lo: int) -> tuple[int, int] | None:
    """[open, close] commas of a relative clause between a finding and its backward cue
    (stop 56, held-out probe M: "Hepatic involvement, which the referring team had suspected
    on the ultrasound, has now been ruled out by PET"): the cue's reach steps over it as over
    a bracketed aside. Only "which"/"who"/"whom"/"whose" open it, and only the verb's own
    words ("has now been") stand between its closing comma and the cue."""
    close = start - 1
    while close > lo and words[close] in CUE_AUXILIARIES:
        close -= 1
    if close <= lo or words[close] != "," or start - close > 4:
        return None
    for k in range(close - 1, max(lo, close - ASIDE_REACH) - 1, -1):
        if words[k] == ",":
            return (k, close) if k + 1 < close and words[k + 1] in RELATIVE_CLAUSE_OPENERS else None
        if words[k] in (")", "(", ";"):
            return None
    return None


_own_told: tuple[str, bool] = ("", False)  # the last text asked of: one message asks ~3 times


# stop 61 (held-out probe R): her own cancer told by "it", found or now there ("Now it's in
# my liver", "they found it in my bones", "it's now in my lungs") — never "… too" nor a
# carer's fear ("I'm convinced it's in my bones too"), and never in a message opening with
# the relative it is about ("My mum has MBC in her bones … now it's in my brain day and
# night": the reviews of stop 61)
_IN_MY_ORGAN = (
    r"(?:in|to|into)\s+my\s+(?:bones?|liver|lungs?|brain|spine|hips?|ribs?|pelvis|skull|sternum)\b"
    r"(?!\s+(?:too|as\s+well)\b)"
)
_IT_OWN_CANCER = re.compile(
    r"\b(?:now|found|showed|shows|confirmed)\s+it(?:['’]s|\s+is|\s+has)?\s+"
    rf"(?:(?:also|already|spread|gone|moved)\s+){{0,2}}{_IN_MY_ORGAN}"
    r"|\bit(?:['’]s|\s+is|\s+has)\s+(?:now|already)\s+(?:(?:spread|gone|moved)\s+)?"
    rf"{_IN_MY_ORGAN}",
    re.I,
)


def _own_cancer_in(text: str) -> bool:
    """``_OWN_CANCER`` matches in ``text``, or ``_IT_OWN_CANCER`` in a message that does
    not open with a relative (the last text's answer remembered)."""
    global _own_told
    last = _own_told  # one read, one write of a tuple: safe across threads
    if last[0] == text:
        return last[1]
    own = (
        _OWN_CANCER.found(text)
        or (_IT_OWN_CANCER.search(text) is not None and _RELATIVE_OPENING.match(text) is None)
        or (
            _OWN_CYCLE.search(text) is not None
            and (
                _OPENING_CANCER.match(text) is None
                or (_SAME_CANCER.search(text) is not None and _SHE.search(text) is None)
            )
        )
    )
    _own_told = (text, own)
    return own


def own_cancer_told(doc: Doc) -> bool:
    """The writer tells her own cancer ("I have MBC", "so my oncologist asked about mine")."""
    return _own_cancer_in(doc_text(doc))


def patient_relative(doc: Doc) -> int | None:
    """Token index of the relative word a carer's message opens with and is about, or None."""
    text = doc_text(doc)  # ``doc.text`` joins the text token by token on every read
    if _own_cancer_in(text):
        return None
    found = _RELATIVE_OPENING.match(text)
    if found is not None and _HER_CANCER.search(text, found.end(), found.end() + 500) is None:
        found = None
    if found is not None and _EARLY_RELATIVE.search(text, found.end(), found.end() + 80):
        # the opening relative's early cancer, another's metastatic one told later (stop 49)
        other = _relative_with_cancer(text)
        if other is not None and _EARLY_RELATIVE.search(other.group()) is None:
            found = other
    found = found or _relative_with_cancer(text)  # her cancer told in the match
    found = found or _RELATIVES_CANCER.search(text)
    found = found or _RELATIVE_BRACKETED.search(text)
    found = found or _others_relative_metastatic(text)
    found = found or _kin_named(text)
    found = found or _LOST_TO.search(text)
    if found is None:
        return None
    token = doc.char_span(found.start("relative"), found.end("relative"), alignment_mode="expand")
    return None if token is None else token.start

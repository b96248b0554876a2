"""Token patterns matched only where they can start: the cost of the entity ruler's token
patterns bounded by the message length, not by its content.

spaCy's ``Matcher`` tries every pattern at every token (no index by first token), and a
``{"LOWER": {"IN": [...]}}`` test is a Python call per token and pattern. With the ruler's
53 token patterns that is ~8 µs per token whatever the text says: "x/" x 2,000 (4,000
tokens, no entity at all) took 34 ms in the Matcher alone, "ER/" x 1,333 58 ms in all.

``AnchoredMatcher`` gives every pattern an *anchor*: its first token that must be present
(the optional tokens before it are counted as a bounded look-back) and a cheap necessary
test for it (a word set, a regex, a digit test). Per message it finds the anchor tokens of
each pattern in one pass over the token hashes (each distinct word's tests remembered),
and runs that pattern's own spaCy ``Matcher`` only on the windows around them
(anchor - look-back .. anchor + the pattern's longest length, windows closer than
``MERGE_GAP`` tokens joined). A match lies inside the window of its anchor, and a match
found inside a window is a match of the whole Doc (token patterns read single tokens,
never the Doc's edges), so the matches are exactly the stock Matcher's (checked on every
text of tests/data and the capability suite, ``tests/test_nlp_tokenizer.py``). A pattern
without a usable anchor (or with an unbounded operator) runs on the whole Doc as before.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from chatbot.nlp.tokenizer import doc_orths

MERGE_GAP = 8  # tokens: windows closer than this are run as one (fewer Matcher calls)
CACHE_LIMIT = 50_000  # distinct words remembered (a pure function of the word)


@dataclass(frozen=True, slots=True)
class Anchor:
    """A necessary test on the first required token of a pattern."""

    field: str  # "lower" | "text"
    words: frozenset[str] | None = None
    regex: re.Pattern[str] | None = None
    digit: bool = False

    def test(self, lower: str, text: str) -> bool:
        value = lower if self.field == "lower" else text
        if self.words is not None:
            return value in self.words
        if self.regex is not None:
            return self.regex.search(value) is not None  # spaCy's REGEX is re.search
        return value.isdigit()  # spaCy's IS_DIGIT


def _repeats(spec: dict[str, Any]) -> tuple[int, float]:
    """(min, max) tokens one pattern token consumes (max may be inf)."""
    op = spec.get("OP")
    if op is None or op == "1":
        return 1, 1
    if op == "?":
        return 0, 1
    if op == "+":
        return 1, math.inf
    if op == "*":
        return 0, math.inf
    if op == "!":
        return 0, 1  # a negated token: never an anchor, at most one token
    m = re.fullmatch(r"\{(\d*)(,?)(\d*)\}", op)
    if m is None:
        return 0, math.inf
    low = int(m.group(1) or 0)
    if not m.group(2):
        return low, low
    return low, (int(m.group(3)) if m.group(3) else math.inf)


def _anchor(spec: dict[str, Any]) -> Anchor | None:
    """A cheap test every token matching ``spec`` passes, or None."""
    if spec.get("OP") == "!":
        return None
    for attr, field in (("LOWER", "lower"), ("ORTH", "text"), ("TEXT", "text")):
        value = spec.get(attr)
        if isinstance(value, str):
            return Anchor(field, words=frozenset({value}))
        listed = value.get("IN") if isinstance(value, dict) else None
        if isinstance(listed, list) and all(isinstance(v, str) for v in listed):
            return Anchor(field, words=frozenset(listed))
        if isinstance(value, dict) and isinstance(value.get("REGEX"), str):
            return Anchor(field, regex=re.compile(value["REGEX"]))
    if spec.get("IS_DIGIT") is True:
        return Anchor("text", digit=True)
    return None


@dataclass(slots=True)
class _Pattern:
    key: int
    matcher: Matcher
    anchor: int | None  # test column of the first required token; None: whole Doc
    others: list[int]  # test columns of the other required tokens (each needs a hit)
    needed: frozenset[int]  # the anchor's column and the others: all must pass somewhere
    back: int  # optional tokens before the anchor, at most
    forward: float  # tokens from the anchor to the pattern's end, at most
    single: bool  # one token whose test is exactly the pattern: matches = anchors


def _plan(pattern: list[dict[str, Any]]) -> tuple[Anchor | None, list[Anchor], int, float]:
    """(anchor, tests of the other required tokens, look-back, reach) of a pattern.

    The anchor is the first required token with a usable test and a bounded look-back: a
    pattern whose first required token has none ("LIKE_NUM", "%", "of" …) is anchored on a
    later one ("%"), not run on the whole Doc."""
    back = 0.0
    for n, spec in enumerate(pattern):
        low, high = _repeats(spec)
        if math.isinf(back):
            break  # an unbounded token before: no later anchor has a bounded look-back
        anchor = _anchor(spec) if low >= 1 else None
        if anchor is not None:
            forward = sum(_repeats(s)[1] for s in pattern[n:])
            required = [_anchor(s) for m, s in enumerate(pattern) if m != n and _repeats(s)[0] >= 1]
            return anchor, [a for a in required if a is not None], int(back), forward
        back += high
    return None, [], 0, math.inf  # no required token with a usable test: no anchor


def _exact(pattern: list[dict[str, Any]]) -> bool:
    """One token, one attribute, tested exactly by its ``Anchor`` (``LOWER``/``ORTH``/
    ``TEXT`` word, word list or regex, or ``IS_DIGIT``)."""
    if len(pattern) != 1 or len(pattern[0]) != 1:
        return False
    ((attr, value),) = pattern[0].items()
    if attr == "IS_DIGIT":
        return value is True
    if attr not in ("LOWER", "ORTH", "TEXT"):
        return False
    return isinstance(value, str) or (isinstance(value, dict) and len(value) == 1)


class AnchoredMatcher:
    """The matches of a spaCy ``Matcher`` holding ``patterns``, found only near anchors.

    Every required token with a usable test narrows the search: an anchor counts only when
    each later required token has a candidate within the pattern's reach ("PR/" x 1,333
    never runs the "PR 80%" pattern: no number in reach), and a one-token pattern whose
    test is exact is matched at its anchors without the Matcher."""

    def __init__(self, vocab: Vocab, patterns: list[tuple[str, list[dict[str, Any]]]]) -> None:
        self.vocab = vocab
        self.patterns: list[_Pattern] = []
        columns: dict[Anchor, int] = {}

        def column(anchor: Anchor) -> int:
            return columns.setdefault(anchor, len(columns))

        for key, pattern in patterns:
            matcher = Matcher(vocab)
            matcher.add(key, [pattern])
            anchor, later, back, forward = _plan(pattern)
            first = None if anchor is None else column(anchor)
            others = [column(a) for a in later]
            self.patterns.append(
                _Pattern(
                    vocab.strings.add(key),
                    matcher,
                    first,
                    others,
                    frozenset(others if first is None else [first, *others]),
                    back,
                    forward,
                    anchor is not None and _exact(pattern),
                )
            )
        self._tests = list(columns)
        # Word tests become one dict lookup per word; each distinct regex/digit test runs
        # once per word (a message of 1,000 distinct words costs ~5 ms the first time).
        self._by_word: dict[tuple[str, str], list[int]] = {}
        self._tested: list[tuple[Anchor, int]] = []
        for col, anchor in enumerate(self._tests):
            if anchor.words is not None:
                for word in anchor.words:
                    self._by_word.setdefault((anchor.field, word), []).append(col)
            else:
                self._tested.append((anchor, col))
        # word hash -> (its columns as a bit mask, the columns, the patterns anchored on them)
        self._seen: dict[int, tuple[int, tuple[int, ...], tuple[int, ...]]] = {}
        # The patterns run on the whole Doc, and the anchored ones by their anchor's column:
        # a message passes a few columns, so only their patterns are looked at (in pattern
        # order, the order of the matches).
        self._unanchored = [p for p in self.patterns if p.anchor is None]
        self._by_anchor: dict[int, list[int]] = {}
        self._anchor_of = [-1 if p.anchor is None else p.anchor for p in self.patterns]
        # every column a pattern needs passed somewhere (its anchor's and the others'), as a
        # bit mask: ``needed & present == needed`` is one integer test
        self._needed = [sum(1 << col for col in p.needed) for p in self.patterns]
        for n, p in enumerate(self.patterns):
            if p.anchor is not None:
                self._by_anchor.setdefault(p.anchor, []).append(n)

    def _word(self, orth: int) -> tuple[int, tuple[int, ...], tuple[int, ...]]:
        """(mask, columns, anchored patterns) of the tests a word passes, remembered (a pure
        function of the word)."""
        lexeme = self.vocab[orth]
        lower, text = lexeme.lower_, lexeme.orth_
        found = set(self._by_word.get(("lower", lower), ()))
        found.update(self._by_word.get(("text", text), ()))
        found.update(col for anchor, col in self._tested if anchor.test(lower, text))
        columns = tuple(sorted(found))
        patterns = tuple(k for col in columns for k in self._by_anchor.get(col, ()))
        word = (sum(1 << col for col in columns), columns, patterns)
        if len(self._seen) < CACHE_LIMIT:
            self._seen[orth] = word
        return word

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        n = len(doc)
        if not n:
            return []
        out: list[tuple[int, int, int]] = []
        for p in self._unanchored:
            out.extend(p.matcher(doc))
        if not self._tests:
            return out
        # Each distinct word's positions, in order (plain lists and dicts, not numpy arrays:
        # a message has ~90 tokens, and numpy's per-call overhead cost more than this loop).
        at: dict[int, list[int]] = {}
        for i, orth in enumerate(doc_orths(doc)):
            positions = at.get(orth)
            if positions is None:
                at[orth] = [i]
            else:
                positions.append(i)
        # The tests passed somewhere, and the patterns anchored on one of them (most words
        # pass no test: they are looked at no further).
        seen = self._seen
        present = 0
        candidates: set[int] = set()
        words: list[tuple[int, int, tuple[int, ...]]] = []  # (word hash, mask, columns)
        for orth in at:
            word = seen.get(orth)
            if word is None:
                word = self._word(orth)
            if word[0]:
                present |= word[0]
                candidates.update(word[2])
                words.append((orth, word[0], word[1]))
        # the patterns whose every required test is passed somewhere, in pattern order (the
        # matches' order)
        needed = self._needed
        chosen = sorted(k for k in candidates if needed[k] & present == needed[k])
        if not chosen:
            return out
        # The tokens passing each test a chosen pattern needs, in order: a message passes
        # ~140 columns (~450 token and column pairs), the chosen patterns need ~50 pairs.
        want = 0
        for k in chosen:
            want |= needed[k]
        where: dict[int, list[int]] = {}
        merged: set[int] = set()  # columns passed by more than one word: sorted below
        for orth, mask, columns in words:
            if not mask & want:
                continue
            positions = at[orth]
            for col in columns:
                if want >> col & 1:
                    passing = where.get(col)
                    if passing is None:
                        where[col] = positions  # the word's own list, read only
                    elif col in merged:
                        passing.extend(positions)  # a copy made below: linear in the words
                    else:
                        where[col] = passing + positions
                        merged.add(col)
        for col in merged:
            where[col].sort()
        patterns, anchor_of = self.patterns, self._anchor_of
        for k in chosen:
            p = patterns[k]
            positions = where[anchor_of[k]]
            if p.single:
                out.extend((p.key, i, i + 1) for i in positions)
                continue
            if p.others:
                positions = _near_all(positions, [where[c] for c in p.others], p.back, p.forward, n)
            for start, end in _windows(positions, p.back, p.forward, n):
                # the whole Doc as itself: a Span of it costs a Span and the same matches
                window = doc if start == 0 and end == n else doc[start:end]
                for key, s, e in p.matcher(window):
                    out.append((key, s + start, e + start))
        return out


def _near_all(
    positions: list[int], others: list[list[int]], back: int, forward: float, n: int
) -> list[int]:
    """The anchor positions with a candidate of every other required token in reach
    ([pos - back, pos + forward), inside the Doc)."""
    reach = min(forward, n)
    kept = []
    for pos in positions:
        lo = pos - back if pos > back else 0
        hi = min(pos + reach, n)
        for passing in others:
            j = bisect_left(passing, lo)
            if j == len(passing) or passing[j] >= hi:
                break
        else:
            kept.append(pos)
    return kept


def _windows(positions: list[int], back: int, forward: float, n: int) -> list[tuple[int, int]]:
    """Merged token windows [anchor - back, anchor + forward) around the anchors."""
    out: list[tuple[int, int]] = []
    reach = n if math.isinf(forward) else int(forward)
    for pos in positions:
        start, end = max(pos - back, 0), min(pos + reach, n)
        if out and start <= out[-1][1] + MERGE_GAP:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out

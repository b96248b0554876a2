"""Token patterns matched only where they can start: the cost of the entity ruler's token
patterns bounded by the message length, not by its content.

spaCy's ``Matcher`` tries every pattern at every token (no index by first token), and a
``{"LOWER": {"IN": [...]}}`` test is a Python call per token and pattern. With the ruler's
53 token patterns that is ~8 µs per token whatever the text says: "x/" x 2,000 (4,000
tokens, no entity at all) took 34 ms in the Matcher alone, "ER/" x 1,333 58 ms in all.

``AnchoredMatcher`` gives every pattern an *anchor*: its first token that must be present
(the optional tokens before it are counted as a bounded look-back) and a cheap necessary
test for it (a word set, a regex, a digit test). Per message it finds the anchor tokens of
each pattern once per distinct word (numpy over the token hashes, results cached per
word), and runs that pattern's own spaCy ``Matcher`` only on the windows around them
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
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.attrs import ORTH
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

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
    matcher: Matcher
    anchor: Anchor | None  # None: run on the whole Doc
    back: int  # optional tokens before the anchor, at most
    forward: float  # tokens from the anchor to the pattern's end, at most


def _plan(pattern: list[dict[str, Any]]) -> tuple[Anchor | None, int, float]:
    back = 0.0
    for n, spec in enumerate(pattern):
        low, high = _repeats(spec)
        if low >= 1:
            anchor = _anchor(spec)
            forward = sum(_repeats(s)[1] for s in pattern[n:])
            if anchor is None or math.isinf(back):
                return None, 0, math.inf
            return anchor, int(back), forward
        back += high
    return None, 0, math.inf  # every token optional: no anchor


class AnchoredMatcher:
    """The matches of a spaCy ``Matcher`` holding ``patterns``, found only near anchors."""

    def __init__(self, vocab: Vocab, patterns: list[tuple[str, list[dict[str, Any]]]]) -> None:
        self.vocab = vocab
        self.patterns: list[_Pattern] = []
        for key, pattern in patterns:
            matcher = Matcher(vocab)
            matcher.add(key, [pattern])
            anchor, back, forward = _plan(pattern)
            self.patterns.append(_Pattern(matcher, anchor, back, forward))
        self._anchored = [i for i, p in enumerate(self.patterns) if p.anchor is not None]
        # Word anchors become one dict lookup per word; each distinct regex/digit test runs
        # once per word (a message of 1,000 distinct words costs ~5 ms the first time).
        self._by_word: dict[tuple[str, str], list[int]] = {}
        tested: dict[Anchor, list[int]] = {}
        for col, i in enumerate(self._anchored):
            anchor = self.patterns[i].anchor
            assert anchor is not None
            if anchor.words is not None:
                for word in anchor.words:
                    self._by_word.setdefault((anchor.field, word), []).append(col)
            else:
                tested.setdefault(anchor, []).append(col)
        self._tested = list(tested.items())
        self._seen: dict[int, numpy.ndarray] = {}

    def _starts(self, orth: int) -> numpy.ndarray:
        """Which anchored patterns a word can anchor (bool per anchored pattern)."""
        hit = self._seen.get(orth)
        if hit is None:
            lexeme = self.vocab[orth]
            lower, text = lexeme.lower_, lexeme.orth_
            hit = numpy.zeros(len(self._anchored), dtype=bool)
            hit[self._by_word.get(("lower", lower), [])] = True
            hit[self._by_word.get(("text", text), [])] = True
            for anchor, cols in self._tested:
                if anchor.test(lower, text):
                    hit[cols] = True
            if len(self._seen) < CACHE_LIMIT:
                self._seen[orth] = hit
        return hit

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        n = len(doc)
        if not n:
            return []
        out: list[tuple[int, int, int]] = []
        for p in self.patterns:
            if p.anchor is None:
                out.extend(p.matcher(doc))
        if not self._anchored:
            return out
        orths = doc.to_array(ORTH)
        words, inverse = numpy.unique(orths, return_inverse=True)
        table = numpy.stack([self._starts(int(w)) for w in words])  # words x patterns
        present = numpy.flatnonzero(table.any(axis=0))
        for col in present:
            p = self.patterns[self._anchored[col]]
            positions = numpy.flatnonzero(table[:, col][inverse])
            for start, end in _windows(positions, p.back, p.forward, n):
                for key, s, e in p.matcher(doc[start:end]):
                    out.append((key, s + start, e + start))
        return out


def _windows(positions: numpy.ndarray, back: int, forward: float, n: int) -> list[tuple[int, int]]:
    """Merged token windows [anchor - back, anchor + forward) around the anchors."""
    out: list[tuple[int, int]] = []
    reach = n if math.isinf(forward) else int(forward)
    for pos in positions.tolist():
        start, end = max(pos - back, 0), min(pos + reach, n)
        if out and start <= out[-1][1] + MERGE_GAP:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out

"""The necessary-literal gate (chatbot/nlp/prefilter.py): it may admit a text the pattern
does not match, never turn away one it does."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from chatbot.nlp import candidacy, extract, metastatic_event, primaries, receptors, sites
from chatbot.nlp.evaluation import load_real
from chatbot.nlp.prefilter import FOLD, TWIN_CHARS, Gated, folded, gated, requirement

REAL = Path(__file__).parent / "data" / "real"

# every pattern the extractor gates (a definition written ``gated(...)``)
GATED = {
    f"{module.__name__}.{name}": value
    for module in (candidacy, extract, metastatic_event, primaries, receptors, sites)
    for name, value in vars(module).items()
    if isinstance(value, Gated)
}


def test_the_extractor_gates_its_costly_patterns() -> None:
    assert {"chatbot.nlp.receptors.STATEMENT", "chatbot.nlp.metastatic_event.EARLY_DISEASE"} <= set(
        GATED
    )
    assert all(gate.need for gate in GATED.values()), "a gated pattern requires nothing"


@pytest.mark.parametrize(
    ("pattern", "flags", "need"),
    [
        (r"adjuvant|surgery", re.I, (("adjuvant", "surgery"),)),
        # optional parts stay in the run of whole strings; a repeat of one or more keeps
        # its requirement; a class of a few characters is read as one-character strings
        (r"non-?amplified", 0, (("non-amplified", "nonamplified"),)),
        (r"\bm[0-1]\b", re.I, (("m0", "m1"),)),
        (r"ER\s+\+{1,3}", 0, (("er",), ("+",))),
        # a branch with nothing required makes the branch require nothing
        (r"stage|\d+", 0, ()),
        # lookarounds are zero width: the strings either side stay adjacent
        (r"(?<!non)metasta(?=ses)", 0, (("metasta",),)),
        # a cased non-ASCII letter is never a literal; a caseless mark is
        (r"ERα", 0, (("er",),)),
        (r"[-–]\s*8", 0, (("8",), ("-", "–"))),
    ],
)
def test_requirement(pattern: str, flags: int, need: tuple[tuple[str, ...], ...]) -> None:
    assert requirement(re.compile(pattern, flags)) == need


def test_the_name_flood_is_turned_away_and_a_statement_is_not() -> None:
    statement = receptors.STATEMENT
    assert not statement.admits("PR/" * 1333)  # names, no value: no match possible
    assert not statement.admits("ER and " * 500)
    assert statement.admits("ER/PR+ HER2-")
    assert [m.group("value") for m in statement.finditer("ER/PR+ HER2 3+")] == ["+", "3+"]


@pytest.mark.parametrize("char", ["\u0130", "\u0131", "\u017f", "\u212a"])
def test_ignorecase_letters_outside_ascii_are_folded(char: str) -> None:
    """re.IGNORECASE matches these to an ASCII letter: the gate must see that letter."""
    letter = char.translate(FOLD)
    word = f"x{letter}y"
    gate = gated(word, re.I)
    text = f"x{char}y"
    assert gate.regex.search(text) is not None
    assert gate.search(text) is not None
    assert letter in folded(text)


@pytest.mark.slow
def test_fold_table_is_every_non_ascii_match_of_an_ascii_character() -> None:
    """FOLD holds exactly the non-ASCII characters IGNORECASE matches to ASCII ones, and no
    caseless punctuation or symbol (read as itself) matches any other character."""
    everything = "".join(map(chr, range(0x80, 0x110000)))
    ascii_class = "[" + re.escape("".join(map(chr, range(1, 128)))) + "]"
    assert set(re.findall(ascii_class, everything, re.I)) == {chr(c) for c in FOLD}
    marks = [
        c for c in everything if unicodedata.category(c)[0] in "PS" and c.lower() == c == c.upper()
    ]
    marks_class = "[" + re.escape("".join(marks)) + "]"
    assert set(re.findall(marks_class, everything, re.I)) == set(marks)


def _real_texts() -> list[str]:
    return [item.text for path in sorted(REAL.glob("*.yaml")) for item in load_real(path)]


def test_gate_admits_every_text_and_sentence_its_pattern_matches() -> None:
    """On the real corpus (whole texts, and the sentences of every fifth), no gated
    pattern matches a text its gate turns away."""
    pieces: list[str] = []
    for n, text in enumerate(_real_texts()):
        pieces.append(text)
        if n % 5 == 0:
            pieces.extend(re.split(r"(?<=[.;!?])\s+", text))
    turned_away = 0
    for name, gate in GATED.items():
        for piece in pieces:
            if not gate.admits(piece):
                turned_away += 1
                assert gate.regex.search(piece) is None, (name, piece)
    assert turned_away > len(pieces)  # the gates do turn texts away


@pytest.mark.slow
def test_folding_keeps_every_class_the_twins_read() -> None:
    """A folded twin (``Gated.spans``, ``found``) reads ``folded(text)`` case-sensitively:
    every character folded to one character keeps its \\w, \\s, \\d and word-edge class,
    and one folded to an ASCII letter is one re.IGNORECASE matches to that letter."""
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        low = folded(char)
        if len(low) != 1:
            continue  # a text holding it is searched by the pattern itself
        for cls in (r"\w", r"\s", r"\d"):
            assert bool(re.match(cls, char)) == bool(re.match(cls, low)), (hex(code), cls)
        if low.isascii() and low.isalpha():
            assert re.fullmatch(low, char, re.I), hex(code)
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    for char in TWIN_CHARS:
        matched = set(re.findall(re.escape(char), everything, re.I))
        assert matched == {c for c in everything if folded(c) == char.lower()}, char


def test_folded_twins_find_the_pattern_s_matches() -> None:
    """On the real corpus (whole texts, and the sentences of every fifth), a pattern's
    folded twin finds the matches the pattern finds, at the same offsets."""
    keys = {f"receptors key {n}": key for n, key in enumerate(receptors.STATEMENT_KEYS.values())}
    twins = {name: gate for name, gate in {**GATED, **keys}.items() if gate.twin is not None}
    assert {
        "chatbot.nlp.primaries.OTHER_CANCER",
        "chatbot.nlp.metastatic_event.EARLY_DISEASE",
    } <= set(twins)
    pieces: list[str] = []
    for n, text in enumerate(_real_texts()):
        pieces.append(text)
        if n % 5 == 0:
            pieces.extend(re.split(r"(?<=[.;!?])\s+", text))
    pieces += ["Malignant PT of the LUNG", "lung \u212aancer", "ſarcoma", "İLC lung cancer"]
    for name, gate in twins.items():
        for piece in pieces:
            spans = [m.span() for m in gate.finditer(piece)]
            assert gate.spans(piece) == spans, (name, piece)
            assert gate.first(piece) == (spans[0][0] if spans else None), (name, piece)


@pytest.mark.parametrize(
    ("pattern", "flags", "twin"),
    [
        (r"\bLung\s+cancer\b", re.I, True),
        (r"lung", 0, False),  # case-sensitive: not folded
        (r"(?-i:ER)\+", re.I, False),  # an inline flag
        (r"\S+ cancer", re.I, False),  # an escape a lower case letter changes
        (r"(?P<Name>lung)", re.I, False),  # a group name
        ("stage\\s*\u2163", re.I, True),  # a letter of TWIN_CHARS
        ("caf\u00e9", re.I, False),  # another non-ASCII letter
        (r"(?i:lung)\s+(?P<value>(?i:ca))", 0, True),  # every letter in a (?i:) group
        (r"(?i:lung) Cancer", 0, False),  # a letter compared with its case
        (r"(?i)lung", 0, False),  # a global inline flag
        (r"(?P<name>lung)\s+(?P=name)", re.I, False),  # a back-reference
        (r"T[0-4a-c]\b", re.I, True),  # ranges lowering keeps
        (r"[A-z]", re.I, False),  # a range lowering would change
        (r"lung", re.I | re.ASCII, False),  # re.I folds no non-ASCII character then
    ],
)
def test_folded_twin_only_for_patterns_lowering_keeps(pattern: str, flags: int, twin: bool) -> None:
    assert (gated(pattern, flags).twin is not None) is twin

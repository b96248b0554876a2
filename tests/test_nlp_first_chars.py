"""Round-20 cost cuts answer exactly as the slow paths they replace.

- ``prefilter.first_chars`` reads from a pattern's parse tree every character a match can
  begin at; ``compile_scanned`` puts a lookahead of them first, so ``re`` tries a pattern
  that opens with a lookaround only where the text holds one (the receptor name scan,
  ``OTHER_CANCER``, ``METASTATIC_CONTEXT`` …): the same matches.
- ``sites.local_treatment_targets`` is read once per Doc, and its vertebral levels are looked
  for by their lower-case words (a Token only for a letter of ``VERTEBRAL_LEVEL`` and a digit).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chatbot.nlp import candidacy, metastatic_event, primaries, receptors, sites
from chatbot.nlp.evaluation import load_real
from chatbot.nlp.prefilter import Gated, compile_scanned, first_chars, folded, requirement

REAL = Path(__file__).parent / "data" / "real"

# every pattern compiled with its first-character lookahead: (plain, scanned)
SCANNED: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    name: (re.compile(gate.source, gate.regex.flags), gate.regex)
    for name, gate in {
        "primaries.OTHER_CANCER": primaries.OTHER_CANCER,
        "candidacy.METASTATIC": candidacy.METASTATIC,
        "sites.NEGATIVE_TEXT": sites.NEGATIVE_TEXT,
        "metastatic_event.METASTATIC_CONTEXT": metastatic_event.METASTATIC_CONTEXT,
    }.items()
}
SCANNED["receptors._NAME_STARTS"] = (
    re.compile(rf"{receptors._GLUED}(?={receptors._ONE})"),
    receptors._NAME_STARTS,
)


@pytest.mark.parametrize(
    ("pattern", "flags", "chars"),
    [
        (r"(?i:ab)|X[yz]", 0, "aAX"),
        (r"\bno\s+evidence", 0, "n"),
        # a lookbehind is zero width; a lookahead first says what the position holds
        (r"(?<![\w-])(?=ER|PR)", 0, "EP"),
        (r"(?<!non)metasta|\bmbc", re.I, "mM"),
        (r"a?b", 0, "ab"),
        (r"[0-3]\+", 0, "0123"),
        # IGNORECASE: both cases, and the non-ASCII letters re matches to the ASCII one
        (r"(?i:s)", 0, "sS\u017f"),
        (r"k", re.I, "kK\u212a"),
        (r"(?-i:Q)x", re.I, "Q"),
    ],
)
def test_first_chars(pattern: str, flags: int, chars: str) -> None:
    assert first_chars(re.compile(pattern, flags)) == frozenset(chars)


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [
        (r"a*", 0),  # may match the empty string: a match may begin anywhere
        (r"(?<![\w-])", 0),
        (r".x", 0),
        (r"[^a]", 0),
        (r"\w+", 0),
        (r"é", re.I),  # a cased non-ASCII letter under IGNORECASE is not read
    ],
)
def test_first_chars_unread(pattern: str, flags: int) -> None:
    assert first_chars(re.compile(pattern, flags)) is None
    assert compile_scanned(pattern, flags).pattern == pattern  # compiled as written


def test_the_scanned_patterns_open_with_their_first_chars() -> None:
    for name, (plain, scanned) in SCANNED.items():
        assert scanned.pattern.endswith(plain.pattern) and scanned.pattern.startswith("(?=["), name
        assert requirement(scanned) == requirement(plain), name  # the same literal gate


def test_a_gated_pattern_keeps_its_source() -> None:
    gate = primaries.OTHER_CANCER
    assert isinstance(gate, Gated) and gate.pattern == gate.source
    assert not gate.pattern.startswith("(?=[")  # embedded as written (chatbot.dialogue.scope)


def _texts() -> list[str]:
    from checklist import all_cases

    texts = [item.text for path in sorted(REAL.glob("*.yaml")) for item in load_real(path)]
    texts += [case.text for case in all_cases()]
    texts += ["ER/" * 1333, "\u017ftrongly positive for ER", "negative forHER2", "stage IV mbc"]
    return texts


def test_scanned_patterns_find_what_the_plain_ones_find() -> None:
    for text in _texts():
        for name, (plain, scanned) in SCANNED.items():
            assert [m.span() for m in scanned.finditer(text)] == [
                m.span() for m in plain.finditer(text)
            ], (name, text[:80])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_scanned_patterns_find_what_the_plain_ones_find_generated(data: st.DataObject) -> None:
    """Strings holding a match of each pattern (hypothesis writes them from the pattern),
    so every branch's first character is tried, not only those the corpus holds."""
    for name, (plain, scanned) in SCANNED.items():
        text = data.draw(st.from_regex(plain), label=name)
        chars = first_chars(plain) or first_chars(scanned)
        spans = [m.span() for m in plain.finditer(text)]
        assert spans and [m.span() for m in scanned.finditer(text)] == spans, name
        assert chars is not None and all(text[s] in chars for s, _ in spans), name


def test_every_vertebral_level_passes_the_word_test() -> None:
    """The level loop looks at a word only when its first letter is in LEVEL_LETTERS and
    its second a digit: every text VERTEBRAL_LEVEL matches does."""
    letters = [chr(c) for c in range(0x10000) if chr(c).isalpha() and len(chr(c).lower()) == 1]
    matched = 0
    for letter in letters:
        for number in range(0, 20):
            text = f"{letter}{number}"
            if sites.VERTEBRAL_LEVEL.match(text):
                matched += 1
                word = text.lower()
                assert word[:1] in sites.LEVEL_LETTERS and word[1:2].isdigit(), text
    assert matched == 7 + 12 + 5 + 5


def test_local_treatment_targets_are_read_once_per_doc(nlp) -> None:  # type: ignore[no-untyped-def]
    from chatbot.nlp.tokenizer import make_doc

    for text, organs, levels in (
        ("Radiotherapy to T10 for a metastasis there.", 0, ["T10"]),
        ("She had palliative radiation to her hip for the metastatic deposit.", 0, ["hip"]),
        ("She got radiation therapy on her L4 vertebra to decrease the metastasis on it.", 1, []),
        ("Radiotherapy to T10 to prevent a metastasis.", 0, []),  # a hedged aim: none
    ):
        doc = nlp(make_doc(nlp, text))
        first = sites.local_treatment_targets(doc)
        assert first == sites._local_treatment_targets(doc)
        assert len(first[0]) == organs and [doc[i].text for i in first[1]] == levels, text
        assert sites.local_treatment_targets(doc) is first  # the Doc's own answer, kept


def test_the_folded_text_finds_the_level_letters() -> None:
    # folded() lowers as IGNORECASE compares: the level letters are plain ASCII
    assert folded("L4 T10 C7 S1") == "l4 t10 c7 s1"


def test_the_metastatic_word_is_found_in_the_joined_words_as_in_each(nlp) -> None:  # type: ignore[no-untyped-def]
    from chatbot.nlp import metastatic_event as me
    from chatbot.nlp.tokenizer import doc_lowers, make_doc

    per_word = re.compile(me._METASTATIC_WORD.pattern, re.I)  # as each word was searched
    texts = _texts()[::7] + ["mets\n\nspread", "the mets", "premetastatic", "metsx", "MBC"]
    found = 0
    for text in texts:
        words = doc_lowers(make_doc(nlp, text))
        each = any(per_word.search(w) for w in words)
        assert (me._METASTATIC_WORD.search("\n".join(words)) is not None) == each, text[:80]
        found += each
    assert 0 < found < len(texts)

"""Round-15 cost cuts answer exactly as the slow paths they replace.

- ``AnchoredMatcher`` anchors a pattern on its first required token *with a usable test*,
  not only on its first required token: ConText's "in n% of cases" (LIKE_NUM, "%", "of" …)
  was run on the whole Doc of every message; now it runs around its "%".
- ``doc_extension(doc, name)`` reads ``doc._.<name>`` without an ``Underscore`` object.
- The drug resolver remembers what a word is by its hash (drug match, fact id, drug-like).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from spacy.matcher import Matcher
from spacy.tokens import Doc

from chatbot.nlp.anchored import AnchoredMatcher
from chatbot.nlp.evaluation import load_real
from chatbot.nlp.tokenizer import doc_extension, make_doc

REAL = Path(__file__).parent / "data" / "real"

# A first required token with no usable test (LIKE_NUM), then tokens that have one.
PERCENT_OF = [
    {"LIKE_NUM": True},
    {"TEXT": {"IN": ["%", "percent"]}},
    {"LOWER": "of"},
    {"LOWER": {"IN": ["all", "the"]}, "OP": "?"},
    {"LOWER": {"IN": ["cases", "patients"]}},
]
WORDS = ["10", "ten", "%", "percent", "of", "all", "the", "cases", "patients", "x", ".", "2019"]


def _same_as_matcher(nlp, pattern, texts) -> int:  # type: ignore[no-untyped-def]
    anchored = AnchoredMatcher(nlp.vocab, [("P", pattern)])
    stock = Matcher(nlp.vocab)
    stock.add("P", [pattern])
    found = 0
    for text in texts:
        doc = nlp.make_doc(text)
        got = anchored(doc)
        assert sorted(got) == sorted(stock(doc)), text
        found += len(got)
    return found


def test_a_pattern_is_anchored_on_a_later_required_token(nlp) -> None:  # type: ignore[no-untyped-def]
    anchored = AnchoredMatcher(nlp.vocab, [("P", PERCENT_OF)])
    assert not anchored._unanchored  # not run on the whole Doc
    (plan,) = anchored.patterns
    assert plan.back == 1  # the number before the "%"
    rng = random.Random(15)
    pieces = [*WORDS, "10 % of cases", "ten percent of all patients", "% of the cases"]
    texts = [" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))) for _ in range(600)]
    texts += ["10 % of cases", "% of cases", "ten percent of all patients", "10 %", "x 10 % of"]
    assert _same_as_matcher(nlp, PERCENT_OF, texts) > 300  # matches found, and all of them


def test_an_unbounded_token_before_keeps_a_pattern_unanchored(nlp) -> None:  # type: ignore[no-untyped-def]
    pattern = [{"LIKE_NUM": True, "OP": "+"}, {"TEXT": "%"}]
    anchored = AnchoredMatcher(nlp.vocab, [("P", pattern)])
    assert len(anchored._unanchored) == 1  # no bounded look-back: the whole Doc, as before
    assert _same_as_matcher(nlp, pattern, ["1 2 3 %", "% 4", "10 % 20 %"]) == 5


def test_the_shipped_context_cues_are_all_anchored(nlp) -> None:  # type: ignore[no-untyped-def]
    assert not nlp.get_pipe("mbc_context").anchored._unanchored


@pytest.fixture(scope="module")
def corpus_docs(nlp) -> list[Doc]:  # type: ignore[no-untyped-def]
    texts = [item.text for name in ("cases.yaml", "round3.yaml") for item in load_real(REAL / name)]
    return [nlp(make_doc(nlp, text)) for text in texts]


def test_doc_extension_reads_what_underscore_reads(corpus_docs) -> None:  # type: ignore[no-untyped-def]
    names = ("context", "context_cues", "receptor_statements", "unknown_drugs")
    read = 0
    for doc in corpus_docs:
        for name in names:
            assert doc_extension(doc, name) == getattr(doc._, name)
            read += bool(doc_extension(doc, name))
    assert read > 100
    unset = Doc(corpus_docs[0].vocab, words=["x"])  # nothing stored: the default
    assert doc_extension(unset, "unknown_drugs") == ()


def test_doc_extension_defers_to_a_getter(nlp) -> None:  # type: ignore[no-untyped-def]
    name = "mbc_test_getter"
    Doc.set_extension(name, getter=lambda doc: len(doc), force=True)
    try:
        doc = nlp.make_doc("one two three")
        doc.user_data[("._.", name, None, None)] = "stored"  # a getter wins, as in spaCy
        assert doc_extension(doc, name) == 3 == getattr(doc._, name)
    finally:
        Doc.remove_extension(name)


def test_the_drug_resolver_reads_a_word_the_same_twice(nlp) -> None:  # type: ignore[no-untyped-def]
    """The second reading of a word comes from the per-hash memory: the same entities and
    unknown drugs as the first (a misspelt drug, a misspelt fact word, an unknown drug)."""
    text = "On letrozle and palbocyclib, postmenopasual, then zanzibarumab; letrozle again"
    first = nlp(make_doc(nlp, text))
    second = nlp(make_doc(nlp, text))
    ents = [(e.start, e.end, e.label_, e.ent_id_) for e in first.ents]
    assert ents == [(e.start, e.end, e.label_, e.ent_id_) for e in second.ents]
    assert first._.unknown_drugs == second._.unknown_drugs
    assert sum(label == "DRUG" for _, _, label, _ in ents) >= 3


# -- round 16 (cost16): the same answers, fewer steps ------------------------------------------
_RECEPTOR_PIECES = [
    "ER", "PR", "HER2", "HER-2/neu", "her2", "PgR", "HR", "hormone receptor", "PD-L1",
    "estrogen receptor", "progesterone receptor", "AR", "CK7", "GATA3", "(ER)", "(focally positive)",
    "and", "/", "&", ",", "+", "-", "3+", "2+", "1+", "0", "90%", "<1%", "7/8", "positive",
    "negative", "neg", "status", "was", "and found to be", "FISH ratio 2.2", "not amplified",
    "by IHC", "(1+)", "of the tumor", "which", "is", "'s", "low", "strongly", "expression",
    ":", "(", ")", "H-score", "Allred", "IHC", "ISH neg", "cells", "both",
]  # fmt: skip


def test_a_list_that_goes_on_is_dropped_at_once_with_the_same_statements() -> None:
    """STATEMENT refuses, right after its names, a joiner and another name: no filler, value
    or ISH form begins so, so every match is the one the pattern without that check finds
    (a flood of names no longer tries each value form after each shorter list)."""
    import re

    from chatbot.nlp import receptors as r

    check = f"(?!(?:{r._JOIN}|{r._COMMA}){r._ONE})"
    assert check in r.STATEMENT.pattern
    unchecked = re.compile(r.STATEMENT.pattern.replace(check, ""))
    rng = random.Random(16)
    matched = 0
    for _ in range(6000):
        text = "".join(
            rng.choice(_RECEPTOR_PIECES) + rng.choice(["", " ", " ", "/", ", "])
            for _ in range(rng.randint(1, 10))
        )
        want = [(m.span(), m.groupdict()) for m in unchecked.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in r.STATEMENT.regex.finditer(text)] == want, text
        matched += bool(want)
    assert matched > 300


def test_names_read_once_per_text_are_the_names_read_per_list() -> None:
    from chatbot.nlp.receptors import _names_in, _NamesFrom

    rng = random.Random(16)
    for _ in range(300):
        text = " ".join(rng.choice(_RECEPTOR_PIECES) for _ in range(rng.randint(1, 12)))
        names = _NamesFrom(text)
        for start in range(len(text)):
            for end in (start + 3, start + 20, len(text)):
                assert names(start, end) == _names_in(text, start, end), (text, start, end)


def test_span_texts_cut_what_span_text_cuts(corpus_docs) -> None:  # type: ignore[no-untyped-def]
    from chatbot.nlp.tokenizer import span_text, span_texts

    for doc in corpus_docs:
        ents = list(doc.ents)
        assert span_texts(doc, ents) == [span_text(doc, e.start, e.end) for e in ents]


def test_a_connective_is_tried_by_its_last_word() -> None:
    from chatbot.nlp import sites

    def naive(words: list[str], j: int) -> int | None:
        for phrase in sites.LIST_CONNECTIVES:
            lo = j - len(phrase) + 1
            if lo >= 0 and tuple(words[lo : j + 1]) == phrase:
                return lo
        return None

    vocabulary = sorted({w for p in sites.LIST_CONNECTIVES for w in p} | {"srs", ",", "and"})
    rng = random.Random(16)
    for _ in range(500):
        words = [rng.choice(vocabulary) for _ in range(rng.randint(1, 12))]
        for j in range(len(words)):
            assert sites._connective_before(words, j) == naive(words, j), (words, j)

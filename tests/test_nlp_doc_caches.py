"""The per-Doc views that replace a Token (or a Span) per word read what spaCy reads.

Each cache of chatbot.nlp.tokenizer is compared with the slow path it replaces on the seen
corpus texts, the hostile floods and a few odd strings: the token offsets, ``span_text`` on
random token ranges (negative and past-the-end ones too), the token indices of a slice, and
the entities set without the setter's copies. The site reader's hedge-word gate (the words
first, the text's regex only when one is there) gives the list the regex-first order gave.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from chatbot.nlp import sites
from chatbot.nlp.evaluation import load_real
from chatbot.nlp.tokenizer import (
    doc_ents,
    doc_offsets,
    doc_text,
    make_doc,
    span_text,
    token_range,
)

REAL = Path(__file__).parent / "data" / "real"
SEEN = ("cases.yaml", "questions.yaml", "round2.yaml", "round3.yaml", "round4.yaml", "round5.yaml")
ODD = [
    "",
    "  two  spaces,\ttab and\nnew line; ÄÖ naïve İstanbul ΣΑΣ K (Kelvin)  ",
    "ER/" * 200,
    "not ER+ " * 60,
    "She developed bone metastases; " * 20,
    "a sclerotic focus in the sternum, thought to be a bone island. Liver: probably benign.",
    "Bone mets, likely. Unlikely   liver involvement - favoured   benign;consistent with cyst",
]


@pytest.fixture(scope="module")
def docs(nlp):  # type: ignore[no-untyped-def]
    texts = [item.text for name in SEEN for item in load_real(REAL / name)] + ODD
    return [nlp(make_doc(nlp, text)) for text in texts]


def test_offsets_and_slices_equal_spacy(docs) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(10)
    ranges = 0
    for doc in docs:
        starts, ends = doc_offsets(doc)
        assert starts == [t.idx for t in doc]
        assert ends == [t.idx + len(t) for t in doc]
        n = len(doc)
        for _ in range(12):
            a, b = rng.randint(-n - 3, n + 3), rng.randint(-n - 3, n + 3)
            assert span_text(doc, a, b) == doc[a:b].text, (doc_text(doc)[:40], a, b)
            assert list(token_range(doc, a, b)) == [t.i for t in doc[a:b]], (a, b)
            ranges += 1
    assert ranges > 10_000


def test_hedge_word_positions_equal_the_regex_first_order(docs) -> None:  # type: ignore[no-untyped-def]
    gated = 0
    for doc in docs:
        ents = list(doc_ents(doc))
        if not ents:
            continue
        doc.user_data.pop("mbc_explain_words", None)
        sites._explained(doc, ents[0])
        found = sites.EXPLAIN_TEXT.search(doc.text)
        slow = [t.i for t in doc if t.lower_ in sites.EXPLAIN_GATE] if found else []
        assert doc.user_data["mbc_explain_words"] == slow
        gated += bool(slow)
    assert gated > 20  # the texts with a hedge word are read, not only skipped


def test_a_hedge_word_the_text_regex_does_not_see_is_not_read(nlp) -> None:  # type: ignore[no-untyped-def]
    """Tokens written together ("x" + "likely" -> "xlikely"): the word is in EXPLAIN_WORDS but
    the text's regex sees no word boundary, so (as with the regex first) no position is kept."""
    from spacy.tokens import Doc, Span

    doc = Doc(nlp.vocab, words=["lesion", "x", "likely"], spaces=[True, False, False])
    doc[0].is_sent_start = True
    assert sites.EXPLAIN_TEXT.search(doc.text) is None
    assert not sites._explained(doc, Span(doc, 0, 1, label="ORGAN"))
    assert doc.user_data["mbc_explain_words"] == []


def test_set_doc_ents_sets_what_the_setter_sets(docs) -> None:  # type: ignore[no-untyped-def]
    """``set_doc_ents`` (no copy of each Span) leaves every token's entity fields as ``doc.ents
    = ...`` does: all the entities, every other one (the rest outside), none."""
    from spacy.attrs import ENT_ID, ENT_IOB, ENT_KB_ID, ENT_TYPE
    from spacy.tokens import Doc, Span

    from chatbot.nlp.tokenizer import set_doc_ents

    fields = [ENT_IOB, ENT_TYPE, ENT_KB_ID, ENT_ID]
    compared = 0
    for doc in docs:
        ents = list(doc.ents)
        words, spaces = [t.text for t in doc], [bool(t.whitespace_) for t in doc]
        slow = Doc(doc.vocab, words=words, spaces=spaces)
        fast = Doc(doc.vocab, words=words, spaces=spaces)
        for chosen in (ents, ents[::2], []):  # in turn: each over the entities set before
            slow.ents = [
                Span(slow, e.start, e.end, e.label, kb_id=e.kb_id, span_id=e.id) for e in chosen
            ]
            set_doc_ents(
                fast,
                [Span(fast, e.start, e.end, e.label, kb_id=e.kb_id, span_id=e.id) for e in chosen],
            )
            assert fast.to_array(fields).tolist() == slow.to_array(fields).tolist()
            compared += len(chosen)
    assert compared > 5_000

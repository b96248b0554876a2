"""The tokenizer keeps clinical tokens whole (and still splits ordinary punctuation)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "token",
    [
        "HER2+",
        "HER2-low",
        "ER+/PR-",
        "ER+/PR+/HER2-",
        "T-DXd",
        "T-DM1",
        "CDK4/6",
        "CDK4/6i",
        "PD-L1",
        "≥10",
        "2+",
        "H1047R",
        "E17K",
        "Y537S",
        "MSI-H",
        "TMB-high",
        "nab-paclitaxel",
        "HR+/HER2-low",
        "y/o",
    ],
)
def test_clinical_token_stays_whole(nlp, token: str) -> None:  # type: ignore[no-untyped-def]
    text = f"foo {token}, bar"
    assert token in [t.text for t in nlp.make_doc(text)]


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("CPS ≥10", ["CPS", "≥10"]),
        ("IHC 2+", ["IHC", "2+"]),
        ("liver+bone", ["liver", "+", "bone"]),
        ("(HER2+)", ["(", "HER2+", ")"]),
        ("letrozole/palbo", ["letrozole", "/", "palbo"]),
    ],
)
def test_tokenization(nlp, text: str, tokens: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert [t.text for t in nlp.make_doc(text)] == tokens


CACHED_TEXTS = [
    "62F ER+/PR+ HER2 0, PD on letrozole/palbo, no visceral crisis",
    "  two  spaces,\ttab and\nnew line; ÄÖ naïve İstanbul ΣΑΣ K (Kelvin)  ",
    "Metastatic to bone and liver. Progressed on T-DXd? Next: sacituzumab.",
    "ER/" * 40,
    "",
]


@pytest.mark.parametrize("text", CACHED_TEXTS)
def test_cached_doc_views_equal_spacy(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    """The per-Doc caches of chatbot.nlp.tokenizer are what spaCy would read: the text
    given to make_doc, the lower-case words, and (after the pipeline) the entities."""
    from chatbot.nlp.tokenizer import doc_ents, doc_lowers, doc_text, make_doc, span_text

    doc = nlp(make_doc(nlp, text))
    assert doc_text(doc) == doc.text == text
    assert doc_lowers(doc) == [t.lower_ for t in doc]
    kept = [(e.start, e.end, e.label_, e.ent_id_) for e in doc_ents(doc)]
    assert kept == [(e.start, e.end, e.label_, e.ent_id_) for e in doc.ents]
    assert len(doc_ents(doc)) == len(doc._.context)  # the entities ConText read
    n = len(doc)
    for start, end in [(0, n), (1, n - 1), (2, 5), (5, 2), (-3, n), (0, n + 4), (n, n)]:
        assert span_text(doc, start, end) == doc[start:end].text, (start, end)

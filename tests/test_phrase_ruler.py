"""The shipped entity ruler (``PhraseTextRuler``, pre-tokenized phrase patterns) matches
exactly like spaCy's stock ``EntityRuler`` built from the same patterns.jsonl."""

from __future__ import annotations

import json

import pytest
import spacy
from spacy.pipeline import EntityRuler

from chatbot.nlp import load_pipeline
from chatbot.nlp.components import PhraseTextRuler
from chatbot.paths import pipeline_path


def _patterns() -> list[dict]:
    path = pipeline_path() / "entity_ruler" / "patterns.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def rulers() -> tuple[spacy.language.Language, EntityRuler, PhraseTextRuler]:
    nlp = load_pipeline()
    ours = nlp.get_pipe("entity_ruler")
    assert isinstance(ours, PhraseTextRuler)
    stock = EntityRuler(nlp, "stock", phrase_matcher_attr="LOWER", overwrite_ents=True)
    with nlp.select_pipes(enable=[]):  # tokenizer only, as our build tokenizes
        stock.add_patterns(_patterns())
    return nlp, stock, ours


@pytest.mark.slow
def test_matches_equal_stock_entity_ruler(rulers) -> None:
    nlp, stock, ours = rulers
    phrases = [p["pattern"] for p in _patterns() if isinstance(p["pattern"], str)]
    texts = [f"Pt is {p}, then {p.upper()}; no {p.title()}." for p in phrases[::7]]
    texts += [" ".join(phrases[i : i + 40]) for i in range(0, len(phrases), 40)]
    texts.append("62F ER+/PR- HER2-low, PD on Faslodex + palbo, no visceral crisis")
    for text in texts:
        doc = nlp.make_doc(text)
        assert ours.match(doc) == stock.match(doc), text


def test_patterns_round_trip(rulers) -> None:
    _, stock, ours = rulers
    assert ours.patterns == stock.patterns
    assert len(ours) == len(stock)


def test_stale_tokens_file_is_refused(tmp_path, rulers) -> None:
    nlp, _, ours = rulers
    ours.to_disk(tmp_path / "ruler")
    tokens = tmp_path / "ruler" / PhraseTextRuler.TOKENS_FILE
    lines = tokens.read_text(encoding="utf-8").splitlines()
    tokens.write_text("\n".join([lines[1], lines[0], *lines[2:]]) + "\n", encoding="utf-8")
    fresh = PhraseTextRuler(nlp, "fresh", phrase_matcher_attr="LOWER")
    with pytest.raises(ValueError, match="do not spell"):
        fresh.from_disk(tmp_path / "ruler")

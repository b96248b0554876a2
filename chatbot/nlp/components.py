"""Custom spaCy components of the mbc_ner pipeline. Importing this module registers them
(``spacy.load`` of the pipeline directory needs that first; ``load_pipeline`` does it)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

import chatbot.nlp.context  # noqa: F401  (registers the mbc_context factory)
from chatbot.nlp.lexicon import DrugLexicon

SENTENCE_END = frozenset({".", "!", "?", ";"})
FUZZY_PREFIX = "~"  # ent id of a fuzzily resolved drug: "~" + lexicon key

if not Doc.has_extension("unknown_drugs"):
    Doc.set_extension("unknown_drugs", default=())


@Language.component("mbc_sentences")
def mark_sentences(doc: Doc) -> Doc:
    """Sentence starts after . ! ? ; followed by a space, and after line breaks.

    spaCy's sentencizer would also split "?brain mets" after the "?", which in case notes
    marks the next word as uncertain rather than ending a question.
    """
    for i, token in enumerate(doc):
        if i == 0:
            token.is_sent_start = True
            continue
        prev = doc[i - 1]
        token.is_sent_start = bool(
            (prev.text in SENTENCE_END and (prev.whitespace_ or token.is_space))
            or "\n" in prev.text or "\n" in prev.whitespace_
        )
    return doc


class DrugResolver:
    """Adds DRUG entities for misspelt drug names (rapidfuzz, via ``DrugLexicon``) and
    records drug-like words it cannot resolve in ``doc._.unknown_drugs``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.lexicon: DrugLexicon | None = None

    def set_lexicon(self, lexicon: DrugLexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        lexicon = self.lexicon
        if lexicon is None:
            raise RuntimeError("mbc_drug_resolver has no lexicon (pipeline not built/loaded)")
        new: list[Span] = []
        unknown: list[tuple[int, int, tuple[str, ...]]] = []
        for token in doc:
            if token.ent_type or not token.is_alpha or len(token) <= 4 or token.is_stop:
                continue
            match = lexicon.resolve(token.text)
            if match is not None:
                new.append(Span(doc, token.i, token.i + 1, label="DRUG",
                                span_id=FUZZY_PREFIX + match.matched))
            elif lexicon.is_drug_like(token.text):
                unknown.append((token.i, token.i + 1, tuple(lexicon.suggest(token.text))))
        if new:
            doc.ents = tuple(sorted([*doc.ents, *new], key=lambda s: s.start))
        doc._.unknown_drugs = tuple(unknown)
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        if self.lexicon is None:
            raise RuntimeError("mbc_drug_resolver has no lexicon to save")
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "lexicon.json").write_text(
            json.dumps(self.lexicon.to_dict(), ensure_ascii=False, indent=1, sort_keys=True) + "\n",
            encoding="utf-8",
        )

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> DrugResolver:
        data = json.loads((Path(path) / "lexicon.json").read_text(encoding="utf-8"))
        self.lexicon = DrugLexicon.from_dict(data)
        return self


@Language.factory("mbc_drug_resolver")
def make_drug_resolver(nlp: Language, name: str) -> DrugResolver:
    return DrugResolver(nlp, name)

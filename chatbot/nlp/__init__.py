"""Case-fact extraction: text -> DESIGN.md facts with spans (spaCy + rapidfuzz + ConText).

    from chatbot.nlp import extract
    ex = extract("62F ER+/PR+ HER2 0, PD on letrozole/palbo, no visceral crisis")
    ex.facts  # {"age": 62, "sex": "female", "hormone_receptor": "positive", ...}

The pipeline (``nlp_models/mbc_ner``) loads once per process on first use.
"""

from __future__ import annotations

from chatbot.nlp.extract import extract, extract_doc, load_pipeline, resolve_drug, suggest_drugs
from chatbot.nlp.types import (
    Contradiction,
    DrugMatch,
    DrugMention,
    Extraction,
    Span,
    UnknownDrug,
)

__all__ = [
    "Contradiction",
    "DrugMatch",
    "DrugMention",
    "Extraction",
    "Span",
    "UnknownDrug",
    "extract",
    "extract_doc",
    "load_pipeline",
    "resolve_drug",
    "suggest_drugs",
]

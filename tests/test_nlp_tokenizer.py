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

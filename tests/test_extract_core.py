"""Core extraction behaviours the dialogue relies on (exact expectations, structure only)."""

from __future__ import annotations

import pytest

from chatbot.contract import valid_fact_value
from chatbot.nlp import extract


def test_headline_style_case(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract("62F ER+/PR+ HER2 0 MBC, liver + bone, PD after 18 mo letrozole/palbo, "
                 "ctDNA PIK3CA H1047R, no visceral crisis")
    assert ex.facts["age"] == 62
    assert ex.facts["hormone_receptor"] == "positive"
    assert ex.facts["her2"] == "negative" and ex.facts["her2_low"] is False
    assert ex.facts["visceral_crisis"] is False
    assert ex.facts["pik3ca"] is True
    assert ex.facts["progressed_on"] == ["letrozole", "palbociclib"]
    assert ex.facts["prior_cdk46"] is True
    assert sorted(ex.facts["metastatic_sites"]) == ["bone", "liver"]  # type: ignore[arg-type]
    assert ex.facts["menopausal_status"] == "post" and "menopausal_status" in ex.inferred
    assert "prior_lines" not in ex.facts  # not said: the dialogue must ask
    for name, value in ex.facts.items():
        assert valid_fact_value(name, value), name


def test_spans_point_into_the_text(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "HER2-positive, no visceral crisis"
    ex = extract(text)
    for spans in ex.spans.values():
        for span in spans:
            assert text[span.start:span.end] == span.text


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("no visceral crisis", "visceral_crisis", False),
        ("2 prior lines", "prior_lines", 2),
        ("treatment-naive", "prior_lines", 0),
        ("never had a CDK4/6 inhibitor", "prior_cdk46", False),
        ("MRI brain clear", "brain_metastases", False),
        ("ECOG 3", "chemo_candidate", False),
        ("CPS 15", "pdl1", "positive"),
        ("CPS 5", "pdl1", "negative"),
        ("BRCA2 carrier", "germline_brca", True),
        ("actually she is premenopausal", "menopausal_status", "pre"),
        ("no she is HER2 low, 2+ with negative ISH", "her2_low", True),
        ("It's her second line", "prior_lines", 1),
        ("it was her first line", "prior_lines", 1),
        ("HER2 is 0 by IHC", "her2_low", False),
        ("her MRI brain last week was normal", "brain_metastases", False),
        ("She's not had chemo for her metastatic disease", "prior_chemo_lines", 0),
        ("no contraindication to chemotherapy", "prior_chemo_lines", None),
    ],
)
def test_short_answers(nlp, text: str, fact: str, value: object) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get(fact) == value


def test_not_tested_is_unknown_not_false(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract("PIK3CA not tested")
    assert "pik3ca" not in ex.facts and "pik3ca" in ex.unknown_facts


def test_uncertain_is_not_filled(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract("?brain mets")
    assert "brain_metastases" not in ex.facts and "brain_metastases" in ex.uncertain


def test_contradiction_reported_not_resolved(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract("ER positive, HER2-negative ... ER-negative")
    assert "hormone_receptor" not in ex.facts
    assert [c.fact for c in ex.contradictions] == ["hormone_receptor"]


def test_bone_therapy_is_not_a_line(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract("progressing in bone on fulvestrant and denosumab")
    assert ex.facts["progressed_on"] == ["fulvestrant"]
    roles = {d.generic: d.role for d in ex.drugs}
    assert roles == {"fulvestrant": "current", "denosumab": "bone-therapy"}


@pytest.mark.parametrize(
    ("text", "value", "unknown"),
    [
        ("Brain MRI: multiple new enhancing lesions", True, False),
        ("brain MRI: no lesions", False, False),
        ("her MRI brain last week was normal", False, False),
        ("no brain imaging done", None, True),
        ("Unknown - she has not had brain imaging.", None, True),
    ],
)
def test_brain_imaging_results_vs_imaging_not_done(nlp, text: str, value: object, unknown: bool) -> None:  # type: ignore[no-untyped-def]
    ex = extract(text)
    assert ex.facts.get("brain_metastases") == value
    assert ("brain_metastases" in ex.unknown_facts) is unknown

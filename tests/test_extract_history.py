"""Treatment history: regimens, the failing one, line counts — and what is NOT counted."""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


@pytest.mark.parametrize(
    ("text", "progressed_on", "prior_lines"),
    [
        (
            "progressed after 18 months of first-line letrozole plus palbociclib",
            ["letrozole", "palbociclib"],
            1,
        ),
        ("Progressed on paclitaxel, then on sacituzumab govitecan", ["sacituzumab govitecan"], 2),
        (
            "Had pertuzumab + trastuzumab + docetaxel first line, and is now progressing on Enhertu",
            ["trastuzumab deruxtecan"],
            2,
        ),
        (
            "First line was anastrozole + ribocicilb, second line faslodx, now progressing on faslodx",
            ["fulvestrant"],
            2,
        ),
        (
            "she had letrozole + palbociclib first, then fulvestrant, and is now progressing on it",
            ["fulvestrant"],
            2,
        ),
        (
            "anastrozole + ribociclib, then exemestane + everolimus, on which she is now progressing",
            ["exemestane", "everolimus"],
            2,
        ),
        (
            "progressing on exemestane + everolimus, which was her first treatment for metastatic "
            "disease",
            ["exemestane", "everolimus"],
            1,
        ),
        ("First-line olaparib; now progressing", ["olaparib"], 1),
        (
            "Zoladex (goserelin) ovarian suppression plus tamoxifen as first line; she is now "
            "progressing on tamoxifen",
            ["tamoxifen"],
            1,
        ),
        (
            "after progressing on first-line pertuzumab, trastuzumab and paclitaxel",
            ["pertuzumab", "trastuzumab", "paclitaxel"],
            1,
        ),
    ],
)
def test_failing_regimen_and_lines(
    nlp, text: str, progressed_on: list[str], prior_lines: int
) -> None:  # type: ignore[no-untyped-def]
    ex = extract(text)
    assert ex.facts.get("progressed_on") == progressed_on
    assert ex.facts.get("prior_lines") == prior_lines


@pytest.mark.parametrize(
    "text",
    [
        "progressing on letrozole and palbociclib",  # one regimen, no ordinal: ask
        "had letrozole",
        "she had first-line letrozole",  # no progression, nothing after it
        "PD after 18 mo letrozole/palbo",
    ],
)
def test_lines_not_guessed(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "prior_lines" not in extract(text).facts


def test_stated_count_wins_and_chemo_lines_come_from_a_complete_list(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract(
        "Five prior lines for metastatic disease: tamoxifen, letrozole + ribociclib, "
        "exemestane + everolimus, paclitaxel, then capecitabine. Progressing."
    )
    assert ex.facts["prior_lines"] == 5
    assert ex.facts["prior_chemo_lines"] == 2 and "prior_chemo_lines" in ex.inferred
    assert ex.facts["progressed_on"] == ["capecitabine"]


def test_partial_history_gives_no_chemo_count(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract(
        "Five lines of treatment for metastatic disease so far, including ribociclib; progressing."
    )
    assert ex.facts["prior_lines"] == 5 and ex.facts["prior_cdk46"] is True
    assert "prior_chemo_lines" not in ex.facts and "progressed_on" not in ex.facts


def test_adjuvant_and_bone_therapy_are_not_lines(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract(
        "adjuvant tamoxifen, then relapsed; now progressing in bone on fulvestrant and denosumab"
    )
    assert ex.facts["progressed_on"] == ["fulvestrant"]
    assert ex.facts["prior_therapies"] == ["fulvestrant"]
    assert {d.generic: d.role for d in ex.drugs}["tamoxifen"] == "adjuvant"


def test_questions_about_drugs_are_not_history(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract("Can atezolizumab be combined with ordinary paclitaxel instead of nab-paclitaxel?")
    assert "prior_therapies" not in ex.facts
    assert {d.role for d in ex.drugs} == {"hypothetical"}


@pytest.mark.parametrize(
    ("text", "expected", "unknown"),
    [
        (
            "negative for ER, PR and HER2",
            {"hormone_receptor": "negative", "her2": "negative"},
            set(),
        ),
        ("PIK3CA and AKT1 wild-type", {"pik3ca": False, "akt1": False}, set()),
        ("AKT1 and PTEN not altered", {"akt1": False, "pten": False}, set()),
        (
            "PIK3CA, ESR1, AKT1 and PTEN have not been tested",
            {},
            {"pik3ca", "esr1", "akt1", "pten"},
        ),
        (
            "Don't know - none of PIK3CA, ESR1, AKT1 or PTEN has been tested",
            {},
            {"pik3ca", "esr1", "akt1", "pten"},
        ),
        (
            "no visceral crisis, germline BRCA2 carrier",
            {"visceral_crisis": False, "germline_brca": True},
            set(),
        ),
    ],
)
def test_lists_share_cue_and_value(
    nlp, text: str, expected: dict[str, object], unknown: set[str]
) -> None:  # type: ignore[no-untyped-def]
    ex = extract(text)
    assert ex.facts == expected
    assert set(ex.unknown_facts) == unknown


@pytest.mark.parametrize(
    ("text", "progressed_on"),
    [
        ("letrozole + ribo x 2 years then PD", ["letrozole", "ribociclib"]),
        ("on letrozole/palbo x2y, progressed", ["letrozole", "palbociclib"]),
        (
            "Had letrozole + palbo for 2 years and progressed in the liver",
            ["letrozole", "palbociclib"],
        ),
        ("had letrozole, progressed in the liver on fulvestrant", ["fulvestrant"]),
    ],
)
def test_progression_stated_after_the_regimen(nlp, text: str, progressed_on: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("progressed_on") == progressed_on


def test_ordinals_put_regimens_in_time_order(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract("PD on fulvestrant + abemaciclib as 2nd line; 1st line was letrozole alone")
    assert ex.facts["progressed_on"] == ["fulvestrant", "abemaciclib"]
    assert ex.facts["prior_lines"] == 2

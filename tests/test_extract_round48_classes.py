"""Round 48's classes (read after its first run), with metamorphic checks.

- A denied finding whose gene follows it by "in"/"of" ("we did not have a mutation in one of
  the BRCA genes", "no change in her BRCA1 gene") denies the gene: it had been read as a
  BRCA mutation (round 48's first-run danger).
- A belief told as a clause ("my sister was positive we had a BRCA gene mutation", "I was
  sure I had …") is a doubt, not a finding; "positive for" stays a result.
- In a writer's own story, a sentence opening with her relative tells the relative's finding
  possessed by "her"/"his" ("My mother had breast cancer … that was metastasized to her
  liver"): not the writer's site.
- Growth told by its size in a later sentence ("Then … it doubled in size") makes treated
  brain metastases active.
- "a then-38-year-old" gives her age (a hyphen after a word is no minus sign).
- A treatment that shrank the lesion, the lesion its object ("Gamma Knife surgery shrank my
  brain metastasis"), settles it: it had been read as active.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


@pytest.mark.parametrize(
    "text",
    [
        "We did not have a mutation in one of the BRCA genes.",
        "There was no change in her BRCA1 gene.",
        "They did not find a mutation in one of her two BRCA genes.",
        "ER+ HER2- MBC to bone. She did not have a mutation in either of the BRCA genes.",
    ],
)
def test_a_denied_finding_denies_its_gene(text: str) -> None:
    assert extract(text).facts["germline_brca"] is False


@pytest.mark.parametrize(
    "text",
    [
        "She has a mutation in one of the BRCA genes.",
        "No change in size of the liver lesion; she has a BRCA2 mutation.",
    ],
)
def test_a_gene_found_stays_found(text: str) -> None:
    """Metamorphic: the same chain without a denial, or a denial of something else."""
    assert extract(text).facts["germline_brca"] is True


@pytest.mark.parametrize(
    "text",
    [
        "My sister was positive we had a BRCA gene mutation.",
        "I was sure I had a BRCA mutation.",
        "I thought I had a BRCA mutation.",
    ],
)
def test_a_belief_is_no_finding(text: str) -> None:
    assert extract(text).facts.get("germline_brca") is None


def test_positive_for_stays_a_result() -> None:
    assert extract("She was positive for a BRCA2 mutation.").facts["germline_brca"] is True


@pytest.mark.parametrize(
    "text",
    ["ER was positive she has liver mets", "HER2 is positive her liver mets are growing"],
)
def test_a_receptor_before_a_clause_is_no_belief(text: str) -> None:
    # the belief cue needs a person before "positive": a receptor's result keeps the site after it
    assert extract(text).facts["metastatic_sites"] == ["liver"]


def test_the_round_48_danger_text_reads_negative() -> None:
    ex = extract(
        "When I was diagnosed with cancer the first time at age 38, my sister (a breast cancer "
        "survivor since the age of 29) was positive we had a BRCA gene mutation. However, after "
        "we both had genetic testing done in 2006 the results showed we didn't. Doctors said "
        "they were surprised we did not have a mutation in one of the BRCA genes."
    )
    assert ex.facts["germline_brca"] is False


@pytest.mark.parametrize(
    "text",
    [
        "I have stage 4 breast cancer. It has metastasized to my bones. My mother had breast "
        "cancer for 14 years that was metastasized to her liver for the last 8 years.",
        "I have stage 4 breast cancer in my bones. My mother's breast cancer had metastasized "
        "to her liver.",
    ],
)
def test_a_relatives_site_is_not_the_writers(text: str) -> None:
    assert extract(text).facts["metastatic_sites"] == ["bone"]


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        ("My mother has breast cancer that spread to her liver.", ["liver"]),
        (
            "I have stage 4 breast cancer in my bones. My mother drove me to the scan that "
            "found it in my liver.",
            ["bone", "liver"],
        ),
    ],
)
def test_a_carers_relative_or_the_writer_back_keeps_the_site(text: str, sites: list[str]) -> None:
    """Metamorphic: a carer's message is about the relative; the writer coming back is hers."""
    assert extract(text).facts["metastatic_sites"] == sites


def test_growth_told_by_size_after_treatment_is_active() -> None:
    ex = extract(
        "I had Gamma Knife surgery for my brain metastasis. Then between March and June it "
        "doubled in size."
    )
    assert ex.facts["brain_metastases"] is True


def test_a_pronoun_without_size_stays_unread() -> None:
    """Metamorphic: "they increased the dose" after treatment tells nothing of the lesion."""
    ex = extract(
        "Her brain metastasis was treated with SRS. Subsequently they increased the dose of "
        "dexamethasone."
    )
    assert ex.facts["brain_metastases"] is False


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("In April 2017, a then-38-year-old Shults noticed a lump in her breast.", 38),
        ("The now-47 year old woman, employed as a nurse, has metastatic breast cancer.", 47),
    ],
)
def test_an_age_joined_to_then(text: str, age: int) -> None:
    assert extract(text).facts["age"] == age


@pytest.mark.parametrize(
    "text",
    [
        "Gamma Knife surgery shrank my brain metastasis.",
        "Radiation shrank the brain tumours.",
        "SRS controlled her brain metastases.",
    ],
)
def test_a_treatment_that_shrank_the_lesion_settles_it(text: str) -> None:
    """Found reading round 48: the lesion the object of the shrinkage verb had read active."""
    assert extract(text).facts["brain_metastases"] is False


def test_growth_after_the_shrinkage_is_active() -> None:
    """Metamorphic: a later growth told by size still makes it active."""
    ex = extract(
        "Gamma Knife surgery shrank my brain metastasis. Then between March and June it "
        "doubled in size."
    )
    assert ex.facts["brain_metastases"] is True

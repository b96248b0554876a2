"""Round 76's classes (stop 49), each read failing on the code before it, each with a twin
that stays as it was: the relative a carer's message is about is the one with the metastatic
disease, not a sister told first with stage 1 cancer, and her age apposed at any distance
("because my mother, 64, was diagnosed with Stage 4"); chemotherapy told going on by the
present perfect "has been through" or by its weekday ("Chemo on Tuesdays"); a first treatment
told going on in the present progressive without "now" ("So I am back at the Christie once
again, and receiving the best and cutting edge treatment": 0 lines); regional nodes told in a
sentence of their own before a later relapse are the primary's stage, not a metastatic site
("Unfortunately some lymph nodes in her arm pit were also infected" after a lumpectomy in 2004,
the spread to her lungs in 2007)."""

from __future__ import annotations

from chatbot.nlp import extract


def test_the_relative_with_the_metastatic_disease_and_her_apposed_age(nlp) -> None:  # type: ignore[no-untyped-def]
    told = (
        "Early Spring 2013, at the age of 43, my sister was diagnosed with Stage 1 breast cancer. "
        "My mother went into her nurturing mode. What happened from this point is still difficult "
        "for me to talk about because my mother, 64, was diagnosed with Stage 4 breast cancer."
    )
    assert extract(told).facts.get("age") == 64
    opening = (
        "My sister was diagnosed with stage 2 breast cancer in 2013. A year later my mother, 64, "
        "was diagnosed with stage 4 breast cancer in her liver."
    )
    assert extract(opening).facts.get("age") == 64
    # twin: a sister whose own cancer spread later is still the patient; no age of hers told
    sister = "My sister was diagnosed with stage 2 breast cancer in 2013 and it spread to her liver in 2016."
    facts = extract(sister).facts
    assert facts.get("metastatic_sites") == ["liver"]
    assert "age" not in facts


def test_chemotherapy_told_going_on_by_been_through_or_its_weekday(nlp) -> None:  # type: ignore[no-untyped-def]
    through = (
        "Paige has been through 24 rounds of chemotherapy since March following a 2010 recurrence "
        "of breast cancer that has since metastasized to her lungs, brain and liver."
    )
    assert extract(through).facts.get("chemo_candidate") is True
    weekday = "Her breast cancer has metastasized to her lungs and liver. Chemo on Tuesdays."
    assert extract(weekday).facts.get("chemo_candidate") is True
    # twin: an early course gone through before the spread is no candidacy
    early = "In 2015 she had been through chemotherapy for early breast cancer. It came back in her liver in 2020."
    assert "chemo_candidate" not in extract(early).facts


def test_a_first_treatment_told_going_on_in_the_present_progressive(nlp) -> None:  # type: ignore[no-untyped-def]
    told = (
        "After various scans the news was broken that I had secondary breast cancer, and that there "
        "were further areas of cancer in my spine. So I am back at the Christie once again, and "
        "receiving the best and cutting edge treatment."
    )
    assert extract(told).facts.get("prior_lines") == 0
    on = "I was told I had secondary breast cancer in my spine. I am on treatment at the Christie."
    assert extract(on).facts.get("prior_lines") == 0
    # twins: the past progressive tells no present; a failure told is a line given
    past = "I was told I had secondary breast cancer in my spine. I was receiving treatment at the Christie."
    assert "prior_lines" not in extract(past).facts
    after = "I was told I had secondary breast cancer in my spine. I am receiving treatment after letrozole stopped working."
    assert extract(after).facts.get("prior_lines") == 1


def test_regional_nodes_told_before_a_later_relapse_are_the_primarys_stage(nlp) -> None:  # type: ignore[no-untyped-def]
    told = (
        "In November 2004, she underwent a lumpectomy in a Singapore hospital. Unfortunately some "
        "lymph nodes in her arm pit were also infected. After surgery, Fransiska received "
        "thirty-five radiation treatments. In January 2007, Fransiska was told that her cancer had "
        "spread to her lungs."
    )
    assert extract(told).facts.get("metastatic_sites") == ["lung"]
    years = (
        "In 2004 she was diagnosed with breast cancer. Three lymph nodes were positive. In 2007 "
        "her cancer had spread to her lungs."
    )
    assert extract(years).facts.get("metastatic_sites") == ["lung"]
    # twins: the work-up that found the spread (de novo stage IV), a nodal recurrence, nodes
    # told in the present of the relapse
    for kept in (
        "She presented with a breast mass. Axillary lymph nodes were enlarged. CT showed liver metastases.",
        "She was told she had breast cancer and that it had spread to her lymph nodes. Two weeks "
        "later she was told it had spread to her bones.",
        "In 2015 she had breast cancer. In 2018 it recurred in her axillary lymph nodes. In 2020 "
        "liver metastases were found.",
        "A woman with breast cancer 4 years ago presents with back pain. She is found to have "
        "axillary adenopathy. Her initial disease was treated with chemotherapy and mastectomy. "
        "CT shows liver metastases.",
    ):
        assert "lymph nodes" in extract(kept).facts.get("metastatic_sites", []), kept

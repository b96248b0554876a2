"""Round 18 classes (the lead, after round 18's first run): a member of a value-first receptor
list that states its own value keeps it — "positive for both estrogen and progesterone
receptors, and Her2-neu negative" read HER2-positive (a negated finding set true)."""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        (
            "The specimen stained positive for both oestrogen and progesterone receptors, and "
            "HER2/neu negative.",
            {"hormone_receptor": "positive", "her2": "negative"},
        ),
        (
            "Biopsy: positive for estrogen and progesterone receptors and Her2-neu negative.",
            {"hormone_receptor": "positive", "her2": "negative"},
        ),
        (
            "Tumour cells were positive for ER, PR and HER2 neg.",
            {"hormone_receptor": "positive", "her2": "negative"},
        ),
        (
            "Strongly positive for estrogen receptor and HER2-.",
            {"hormone_receptor": "positive", "her2": "negative"},
        ),
        (
            "Positive for the estrogen receptor and HER2/neu 0 on the core biopsy.",
            {"hormone_receptor": "positive", "her2": "negative", "her2_low": False},
        ),
        (
            "Positive for estrogen receptor and HER2 1+.",
            {"hormone_receptor": "positive", "her2": "negative", "her2_low": True},
        ),
        (
            "Negative for estrogen and progesterone receptors, and HER2 positive.",
            {"hormone_receptor": "negative", "her2": "positive"},
        ),
        (
            "Negative for ER and PR, and HER2 3+.",
            {"hormone_receptor": "negative", "her2": "positive"},
        ),
        # the list still carries its value to every member that has none of its own
        (
            "Positive for ER, PR and HER2/neu.",
            {"hormone_receptor": "positive", "her2": "positive"},
        ),
        (
            "Negative for ER, PR and Her2-neu.",
            {"hormone_receptor": "negative", "her2": "negative"},
        ),
    ],
)
def test_a_list_member_with_its_own_value_keeps_it(
    nlp, text: str, facts: dict[str, object]
) -> None:  # type: ignore[no-untyped-def]
    got = extract(text).facts
    for fact, value in facts.items():
        assert got.get(fact) == value, (text, fact, got)


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        # a regimen told stopped after the metastases were found was given: one line
        (
            "Liver metastases were found in 2021 and T-DM1 was begun with a complete response. "
            "T-DM1 was then permanently discontinued because of portal hypertension.",
            1,
        ),
        (
            "Lung metastases were diagnosed; capecitabine was started, which was later "
            "stopped for hand-foot syndrome.",
            1,
        ),
        (
            "Bone metastases were found and letrozole was started and later suspended.",
            1,
        ),
    ],
)
def test_a_regimen_told_stopped_after_the_event_is_a_line_given(nlp, text: str, lines: int) -> None:  # type: ignore[no-untyped-def]
    got = extract(text)
    assert got.facts.get("prior_lines") == lines, (text, got.facts)
    assert "prior_lines" in got.inferred  # counted from the event, shown as an inference


@pytest.mark.parametrize(
    "text",
    [
        "Bone metastases were found and letrozole was started. Letrozole was not discontinued.",
        "Bone metastases were found and letrozole was started; aspirin was stopped.",
        "Lung metastases were found. Carboplatin and paclitaxel were started; carboplatin was "
        "stopped after 3 cycles and paclitaxel was continued alone.",
    ],
)
def test_no_line_ended_by_a_stop_denied_of_another_drug_or_of_a_partner(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    # a stop denied, another drug's stop, a partner continued: the line goes on (never 1)
    assert extract(text).facts.get("prior_lines") != 1, text


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        (
            "Her metastatic pattern was nodal, pulmonary, hepatic, osseous and late multifocal "
            "cerebral involvement.",
            {"lymph nodes", "lung", "liver", "bone", "brain"},
        ),
        (
            "She had hepatic, osseous and synchronous adrenal metastases.",
            {"liver", "bone", "adrenal"},
        ),
        ("Imaging showed bone and solitary brain metastasis.", {"bone", "brain"}),
    ],
)
def test_a_time_of_appearance_word_inside_a_list_of_sites(nlp, text: str, sites: set[str]) -> None:  # type: ignore[no-untyped-def]
    got = extract(text).facts
    assert set(got.get("metastatic_sites", ())) == sites, (text, got)


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        # the TNM M1 category's site codes (UICC), glued to T and N or apart
        (
            "Stage IV disease (T3N3aM1; OSS, HEP, LYM) at diagnosis.",
            {"bone", "liver", "lymph nodes"},
        ),
        ("cT4bN2M1(PUL,HEP) breast cancer, ER-positive.", {"lung", "liver"}),
        ("Staged M1b: PLE and ADR.", {"pleura", "adrenal"}),
    ],
)
def test_the_m1_site_codes_name_the_sites(nlp, text: str, sites: set[str]) -> None:  # type: ignore[no-untyped-def]
    got = extract(text).facts
    assert sites <= set(got.get("metastatic_sites", ())), (text, got)


@pytest.mark.parametrize(
    "text",
    [
        "ER+ T2N0M0 breast cancer treated per PER protocol.",  # M0: no codes read
        "She was seen in MAR 2021 with LYM counts normal.",  # no M1 before the words
        "HEP B serology negative; OSS lesions not seen.",
    ],
)
def test_the_code_words_elsewhere_are_no_sites(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    got = extract(text).facts
    assert not {"peritoneum", "bone marrow", "lymph nodes", "liver", "bone"} & set(
        got.get("metastatic_sites", ())
    ), (text, got)

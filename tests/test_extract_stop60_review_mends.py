"""Stop 60: the cold review's over-reaches of this stop's classes (11 critical, 3 minor),
each mended and kept here with the reading it must give."""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


@pytest.mark.parametrize(
    ("text", "sex"),
    [
        (
            "Posting for my mum, 58, postmenopausal, ER+ HER2- with liver mets. She asked me to"
            " find out about trials. My dad says he can't cope.",
            "female",
        ),
        (
            "I am writing for my dad, 74, who has ER positive breast cancer that has spread to"
            " the liver. He asked me to find out about trials.",
            "male",
        ),
        (
            "Patient with ER+ HER2- MBC to bone, progressed on letrozole. He asked us about"
            " trials. What should I offer?",
            "male",
        ),
        (
            "Reviewed in clinic. I explained the scan results; she thanked me and asked me about"
            " trials. ER+ HER2- MBC with liver mets, on letrozole.",
            "female",
        ),
    ],
)
def test_the_patient_acting_on_a_carer_or_clinician_keeps_her_sex(text: str, sex: str) -> None:
    assert extract(text).facts.get("sex") == sex


@pytest.mark.parametrize(
    "text",
    [
        "She had paclitaxel and then capecitabine and was progression-free for a year. Now the"
        " cancer has spread to her liver.",
        "She had chemotherapy and then letrozole, with a treatment-free interval. Now the cancer"
        " has spread to her liver.",
        "She had chemo and letrozole; her cancer is not curable and she will never be in"
        " remission. Now the cancer has spread to her liver.",
        "She had chemo for breast cancer in 2015 but was never in remission. Now the cancer has"
        " spread to her liver and bones.",
        "She had chemotherapy and then letrozole, and asked whether she could ever be cured. Now"
        " the cancer has spread to her liver.",
        "Mum had chemo for the spots on her bones a few years ago and went into remission. But"
        " now the cancer has spread to her liver.",
        "She had letrozole for a liver met in 2019 and was in remission. In 2022 the cancer"
        " spread to her bones.",
    ],
)
def test_no_remission_of_early_disease_no_zero_lines(text: str) -> None:
    assert extract(text).facts.get("prior_lines") != 0


@pytest.mark.parametrize(
    "text",
    [
        "Stage 2 ER+ breast cancer in 2015, staging scans showed no mets. She had lumpectomy,"
        " AC-T and then tamoxifen for 5 years. In 2022 the cancer spread to her liver.",
        "My husband and I are huge Mets fans. She had chemo for stage 2 breast cancer in 2016"
        " and then tamoxifen, and was cancer free. In 2023 the cancer spread to her liver.",
        "Diagnosed 2014 with stage 3 breast cancer; chemo, mastectomy and radiotherapy to reduce"
        " the risk of mets, then tamoxifen. Cancer-free for 7 years. Now it has spread to her"
        " bones.",
    ],
)
def test_adjuvant_therapy_before_a_denied_or_other_mets_is_no_line(text: str) -> None:
    facts = extract(text).facts
    assert facts.get("prior_lines") == 0
    assert "tamoxifen" not in facts.get("prior_therapies", [])


@pytest.mark.parametrize(
    "text",
    [
        "ER+ HER2- MBC. Letrozole and palbociclib, then fulvestrant, then capecitabine. She has"
        " been off capecitabine since May because of hand-foot syndrome.",
        "ER+ HER2- MBC. Letrozole and palbociclib, then fulvestrant, then capecitabine. She has"
        " had a break from capecitabine since May.",
        "ER+ HER2- MBC. Letrozole and palbociclib, then fulvestrant, then capecitabine. No"
        " treatment since her last capecitabine in May.",
        "ER+ HER2- MBC. She had letrozole and palbociclib, then capecitabine, then eribulin since"
        " June. After six cycles she chose to have a treatment break and is off all treatment"
        " now.",
        "Metastatic since 2021: letrozole + palbociclib, then fulvestrant, then capecitabine,"
        " first cycle January 2023, eight cycles given, now on a treatment holiday.",
    ],
)
def test_a_course_stopped_or_dated_in_the_past_is_a_line_given(text: str) -> None:
    assert extract(text).facts.get("prior_lines") == 3


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        (
            "Her brain was spared until last month, when the cancer spread there. She is having"
            " headaches.",
            ["brain"],
        ),
        (
            "Liver and bone mets. Her lungs were spared until January, but now it has spread to"
            " them.",
            ["bone", "liver", "lung"],
        ),
        (
            "MRI liver: the segment 6 lesion is a typical haemangioma, but the segment 8 lesion"
            " is a metastasis.",
            ["liver"],
        ),
        (
            "Increased sclerosis of the known bone metastases, likely reactive healing response"
            " on treatment.",
            ["bone"],
        ),
        ("Liver metastases, consistent with physiological response to treatment.", ["liver"]),
    ],
)
def test_a_real_site_beside_a_sparing_or_a_benign_verdict_stays(
    text: str, sites: list[str]
) -> None:
    assert sorted(extract(text).facts.get("metastatic_sites", [])) == sites


# The second review (of ecfa56b): 9 critical over-reaches of the first mends and the new
# classes, each mended.


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        (
            "The oncologist's letter said 'HER2 positive', which is not what we expected. She"
            " starts trastuzumab next week.",
            "her2",
            "positive",
        ),
        (
            "The pathology came back 'triple negative', which is not what anyone wanted to hear.",
            "her2",
            "negative",
        ),
        (
            "The letter said 'HER2 positive' - that's not true. ER+ HER2- with liver mets.",
            "her2",
            "negative",
        ),
    ],
)
def test_a_quote_is_denied_only_by_a_denial(text: str, fact: str, value: str) -> None:
    assert extract(text).facts.get(fact) == value


def test_a_quote_judged_not_denied_keeps_its_sites() -> None:
    facts = extract(
        "Mum's scan report says 'new metastases in the liver and lungs' - it's not good news"
        " at all."
    ).facts
    assert sorted(facts.get("metastatic_sites", [])) == ["liver", "lung"]


@pytest.mark.parametrize(
    "text",
    [
        "Diagnosed at 46 and premenopausal, she had tamoxifen for five years. In 2021 she became"
        " postmenopausal. In 2024 the cancer came back in her liver and bones.",
        "She had early breast cancer at 44 (premenopausal). Oophorectomy in 2019 made her"
        " postmenopausal. In 2024 the cancer spread to her bones.",
    ],
)
def test_a_dated_postmenopausal_status_is_never_dropped_for_an_older_one(text: str) -> None:
    assert extract(text).facts.get("menopausal_status") != "pre"


def test_a_dated_post_status_still_holds() -> None:
    facts = extract(
        "Her periods stopped in 2019 and she is postmenopausal. In 2024 she was found to have"
        " bone mets, ER+ HER2-."
    ).facts
    assert facts.get("menopausal_status") == "post"


@pytest.mark.parametrize(
    ("text", "sex"),
    [
        (
            "I'm 62, postmenopausal, ER+ HER2- with bone mets. My oncologist says he wants me to"
            " start Verzenio with letrozole. My husband thinks I should.",
            "female",
        ),
        (
            "Writing on behalf of a friend with ER+ HER2- MBC (bone and liver). She begged me to"
            " find a trial to try. My GP says he knows of one.",
            "female",
        ),
    ],
)
def test_a_patient_naming_kin_or_a_friends_carer_keeps_the_sex(text: str, sex: str) -> None:
    assert extract(text).facts.get("sex") in (sex, None)


@pytest.mark.parametrize(
    ("text", "site"),
    [
        ("Her brain was spared, until last month, when the cancer spread there.", "brain"),
        ("Her liver was spared in 2022, but it has since spread there.", "liver"),
        (
            "Her bones were spared back then, but now there are new lesions all through them.",
            "bone",
        ),
    ],
)
def test_a_sparing_that_ended_denies_nothing(text: str, site: str) -> None:
    assert site in extract(text).facts.get("metastatic_sites", [])


def test_a_sparing_at_the_end_of_a_message_still_denies() -> None:
    facts = extract("Widespread sclerotic bone metastases; the liver and lungs are spared").facts
    assert facts.get("metastatic_sites") == ["bone"]


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        (
            "She had letrozole, then capecitabine. She has been on fulvestrant and palbociclib"
            " since March (three weeks on, one week off).",
            2,
        ),
        (
            "She had letrozole, then capecitabine. She has been on eribulin since March and her"
            " tumour markers have dropped off nicely.",
            2,
        ),
        (
            "Metastatic since 2022. She had letrozole and palbociclib, then fulvestrant, then"
            " capecitabine: first cycle Monday 9 January 2023, last cycle 20 June 2023.",
            3,
        ),
    ],
)
def test_a_schedule_or_a_dated_first_cycle_does_not_move_the_count(text: str, lines: int) -> None:
    assert extract(text).facts.get("prior_lines") == lines


@pytest.mark.parametrize(
    "text",
    [
        "Breast cancer spread to her liver and lungs, likely infection in the lungs too as she"
        " has a cough.",
        "Mets to liver and spine, consistent with fracture at T12.",
    ],
)
def test_an_explanation_does_not_reach_an_organ_told_metastatic(text: str) -> None:
    assert "liver" in extract(text).facts.get("metastatic_sites", [])


@pytest.mark.parametrize(
    ("text", "question"),
    [
        (
            "ER+ MBC, progressing on capecitabine after letrozole + palbociclib and fulvestrant.",
            " Is eribulin the latest first choice now, or a trial?",
        ),
        (
            "Treatment: letrozole + palbociclib 2021-2023, then fulvestrant 2023-2024, then"
            " capecitabine, now progressing.",
            " Scans (most recent first): CT 03/2025 progression; CT 11/2024 stable.",
        ),
    ],
)
def test_newest_first_words_outside_a_treatment_heading_keep_the_count(
    text: str, question: str
) -> None:
    alone = extract(text).facts
    assert alone.get("prior_lines") is not None
    assert extract(text + question).facts.get("prior_lines") == alone.get("prior_lines")


# The third review (of fc18799): 11 critical, each mended.


@pytest.mark.parametrize(
    "text",
    [
        "Posting for my mum, 58, postmenopausal, ER+ HER2- with liver mets. She rang me on"
        " Sunday after the scan. My dad says he can't cope.",
        "Posting for my mum, 58, postmenopausal, ER+ HER2- with liver mets. I was in the room"
        " for the stage 4 diagnosis. She asked me to find out about trials. My dad says he"
        " can't cope.",
    ],
)
def test_a_writer_filter_never_flips_a_carers_patient(text: str) -> None:
    facts = extract(text).facts
    assert facts.get("sex") != "male"
    assert facts.get("menopausal_status") == "post"


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        (
            "Her scan says 'three new brain metastases' - it's not right that she waited eight"
            " weeks.",
            "brain_metastases",
            True,
        ),
        (
            "The report said 'BRCA2 pathogenic variant', which is not so rare.",
            "germline_brca",
            True,
        ),
        (
            'The report says "PD-L1 positive (CPS 12)" - it was wrong of them to wait.',
            "pdl1",
            "positive",
        ),
    ],
)
def test_a_comment_on_a_quote_is_no_denial(text: str, fact: str, value: object) -> None:
    assert extract(text).facts.get(fact) == value


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        ("The liver and lungs are spared, but the bones are full of it.", ["bone"]),
        ("The brain is spared as of the last MRI. Bone mets.", ["bone"]),
        ("Bone mets; the liver is spared for now.", ["bone"]),
        (
            "Her lungs were spared for years, but the last scan found it has spread to them.",
            ["lung"],
        ),
    ],
)
def test_a_sparing_is_dated_only_by_the_words_right_after_it(text: str, sites: list[str]) -> None:
    assert sorted(extract(text).facts.get("metastatic_sites", [])) == sites


def test_a_denied_metastasis_word_makes_no_organ_metastatic() -> None:
    facts = extract(
        "Restaging CT: no evidence of metastases, mediastinal nodes likely reactive."
    ).facts
    assert "lymph nodes" not in facts.get("metastatic_sites", [])


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        (
            "Metastatic since 2022. She had letrozole and palbociclib, then fulvestrant, then"
            " eribulin: first infusion next Monday.",
            2,
        ),
        (
            "Metastatic since 2022. She had letrozole and palbociclib, then fulvestrant, then"
            " eribulin: first infusion tomorrow, 1.4 mg/m2.",
            2,
        ),
        (
            "She had letrozole, then capecitabine. She has been on eribulin since March. Side"
            " effects from eribulin are mild.",
            2,
        ),
    ],
)
def test_a_course_to_come_or_going_on_is_not_counted(text: str, lines: int) -> None:
    assert extract(text).facts.get("prior_lines") == lines


def test_a_premenopausal_status_dated_after_a_postmenopausal_one_is_its_update() -> None:
    facts = extract(
        "2019: postmenopausal on goserelin. 2024: premenopausal again, periods returned."
        " 2025: liver metastases, ER+ HER2-."
    ).facts
    assert facts.get("menopausal_status") != "post"


def test_a_newest_first_heading_with_words_between_is_read() -> None:
    extraction = extract(
        "Systemic therapy for MBC (most recent first):\n3. eribulin - started 02/11, cycle 1 day"
        " 1\n2. capecitabine 2025-26 - PD\n1. letrozole + palbociclib 2023-25 - PD"
    )
    assert "prior_lines" not in extraction.facts
    assert "progressed_on" not in extraction.facts


# The fourth review (of d5d2885): its new and kept criticals, mended.


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        (
            "The MRI said 'two new brain metastases' - it wasn't, sadly, a surprise.",
            "brain_metastases",
            True,
        ),
        (
            "Her biopsy said 'HER2 positive' - that wasn't, to be honest, a shock to us.",
            "her2",
            "positive",
        ),
    ],
)
def test_a_denial_with_an_aside_after_its_comma_is_no_denial(
    text: str, fact: str, value: object
) -> None:
    assert extract(text).facts.get(fact) == value


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        (
            "The report said 'liver metastases' - that's incorrect, the liver lesion is a cyst. Bone mets.",
            ["bone"],
        ),
        ("Extensive bone metastases sparing the brain.", ["bone"]),
        ("Bone metastases sparing the pelvis, liver metastases.", ["bone", "liver"]),
        ("Bone mets; the brain is spared for the time being.", ["bone"]),
        ("Bone mets; the liver has been spared since diagnosis.", ["bone"]),
        ("Bone mets; the liver was spared on the last MRI.", ["bone"]),
        (
            "Her brain was spared up until March, when the MRI showed the cancer had spread there.",
            ["brain"],
        ),
    ],
)
def test_sparings_and_corrected_quotes(text: str, sites: list[str]) -> None:
    assert sorted(extract(text).facts.get("metastatic_sites", [])) == sites


def test_a_finished_course_dated_by_weekday_is_a_line_given() -> None:
    facts = extract(
        "Metastatic since 2022. She had letrozole and palbociclib, then fulvestrant, then"
        " eribulin (first cycle Friday 3 May, last cycle 20 September)."
    ).facts
    assert facts.get("prior_lines") == 3


def test_premenopausal_again_after_a_postmenopausal_status_is_no_post() -> None:
    facts = extract(
        "Postmenopausal after chemo in 2017. In 2020 premenopausal again, periods back. In 2024"
        " liver mets."
    ).facts
    assert facts.get("menopausal_status") != "post"

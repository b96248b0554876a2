"""Stop 65: mends of the two cold reviews of dc706bf (the site, origin, sample and age readings
of probe set V and round 128). Each case read wrongly at dc706bf.

- An aside is skipped only after a pressing verb and only when it denies invasion: a list after
  "cord compression," keeps its organs; "indents - and extends into - the liver" keeps the liver.
- The pressed organ is reached through a part of it only when the mass is another organ's.
- An organ's complaint is no site only for the organs a drug harms (not nodes), never with a
  cancer told in its sentence, a finding noun after it ("painful skin lesions", "painful bone
  disease"), nor "sensitive" said of the tumour ("endocrine-sensitive bone-only disease").
- "Liver spots" name no organ only on the skin ("on both forearms", "(solar lentigines)").
- The origin reading is a metastasis word's only, never a path ("spread from her bones to her
  liver") or a mass "arising from" the organ.
- The organ told as examined takes its own clause's finding, not another organ's.
- A spaced "NN F" is fluorine-18 only as "18 F-" glued to its compound; an earlier event's age
  gives way only to the case's own older age ("a 50-year-old woman"), not a husband's.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


def facts(text: str) -> dict[str, object]:
    return extract(text).facts


def sites(text: str) -> list[str]:
    return list(facts(text).get("metastatic_sites", []))


@pytest.mark.parametrize(
    ("text", "organ"),
    [
        ("Staging: bone (T4 cord compression, treated), brain, liver.", "brain"),
        ("45F ER+ MBC. Problems: spinal cord compression, brain, liver.", "liver"),
        ("ER+ MBC. Sites: spine with cord compression, liver, lung.", "lung"),
        ("ER+ MBC in bone. The rib mass indents - and extends into - the liver.", "liver"),
        ("ER+ MBC in bone. The rib mass abuts (and involves) the liver.", "liver"),
        ("CT: a 3 cm subcapsular metastasis indenting the surface of the liver.", "liver"),
    ],
)
def test_pressing_keeps_lists_invasion_and_the_organs_own_metastasis(text: str, organ: str) -> None:
    assert organ in sites(text)


@pytest.mark.parametrize(
    ("text", "organ"),
    [
        ("She has metastatic bone pain.", "bone"),
        ("ER+ breast cancer. The metastases in her liver are painful.", "liver"),
        ("ER+ MBC. Endocrine-sensitive bone-only disease.", "bone"),
        ("ER+ HER2- MBC with painful bone disease, on letrozole and palbociclib.", "bone"),
        ("ER+ MBC. Painful skin lesions.", "skin"),
        (
            "ER+ breast cancer 2015. Pain in the sternum; biopsy showed ER+ breast carcinoma.",
            "bone",
        ),
        (
            "ER+ breast cancer, mastectomy 2018. Now redness of the skin with multiple nodules, biopsy: ER+ ductal carcinoma.",
            "skin",
        ),
        ("ER+ MBC. Sore axillary nodes, FNA positive.", "lymph nodes"),
    ],
)
def test_a_complaint_beside_a_told_cancer_keeps_the_site(text: str, organ: str) -> None:
    assert organ in sites(text)


@pytest.mark.parametrize(
    "text",
    [
        "ER+ MBC. CT showed two new liver spots, biopsy confirmed metastatic breast cancer.",
        "Stage 4 breast cancer, PET showed bone and liver spots.",
        "My oncologist said the liver spots are breast cancer that has spread.",
    ],
)
def test_liver_spots_on_a_scan_are_the_livers(text: str) -> None:
    assert "liver" in sites(text)


def test_liver_spots_on_the_hands_are_not() -> None:
    assert sites("Liver spots on her hands. ER+ MBC, bone only.") == ["bone"]


@pytest.mark.parametrize(
    ("text", "organ"),
    [
        ("My mum's breast cancer has spread from her bones to her liver.", "bone"),
        ("It has spread from my liver to my lungs and now my brain.", "liver"),
        (
            "ER+ breast cancer. A mass arising from the left adrenal gland was biopsied: metastatic lobular carcinoma.",
            "adrenal",
        ),
        (
            "Metastatic breast cancer. CT: a lesion originating from the liver capsule, biopsy-proven metastasis.",
            "liver",
        ),
    ],
)
def test_a_paths_start_and_a_masss_organ_are_sites(text: str, organ: str) -> None:
    assert organ in sites(text)


@pytest.mark.parametrize(
    "text",
    [
        "ER+ breast cancer. The bone marrow showed reactive changes, but the liver biopsy showed metastatic breast carcinoma.",
        "ER+ breast cancer. Bone marrow analysis was normal, but the liver biopsy confirmed metastatic breast carcinoma.",
    ],
)
def test_an_examined_organ_takes_its_own_clause(text: str) -> None:
    assert sites(text) == ["liver"]


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("58 F PET-CT: new liver and bone lesions, ER+ HER2-. Next line?", 58),
        ("49 F pet scan shows spread to liver. ER+ HER2-. What now?", 49),
        ("Referral: 52 F FES PET positive bone lesions, ER+ MBC on fulvestrant.", 52),
    ],
)
def test_age_and_sex_shorthand_before_a_scan_stays(text: str, age: int) -> None:
    assert facts(text).get("age") == age


def test_a_husbands_older_age_is_not_hers() -> None:
    text = (
        "My husband, a 58-year-old, finds it hard. I was diagnosed with metastatic breast"
        " cancer at 47 years old."
    )
    assert facts(text).get("age") != 58


# the second pair of reviews (of 031ec4f)


@pytest.mark.parametrize(
    ("text", "organ"),
    [
        (
            "Restaging CT: no lung or bone lesions; a new 2 cm subcapsular metastasis indenting the surface of the liver.",
            "liver",
        ),
        (
            "CT chest: bone metastases in the ribs and a 2 cm subpleural metastasis indenting the surface of the lung.",
            "lung",
        ),
        ("Problems: T10 metastasis, cord displaced, not compressed, brain, liver.", "brain"),
        ("Sites: bone (T12 compressed, not fractured), liver, lungs.", "liver"),
        ("ER+ MBC in bone. The rib mass abuts, and cannot be separated from, the liver.", "liver"),
        (
            "Adenocarcinoma in the ovary, metastatic from the breast, bones and liver also involved.",
            "liver",
        ),
        ("Her cancer metastasized from her bones and is now in her liver.", "bone"),
    ],
)
def test_second_review_pressing_and_origin_keep_her_sites(text: str, organ: str) -> None:
    assert organ in sites(text)


@pytest.mark.parametrize(
    "text",
    [
        "ER+ breast cancer. The bone marrow showed reactive changes and the liver biopsy showed metastatic breast carcinoma.",
        "ER+ breast cancer. The bone marrow showed iron deficiency, then the liver biopsy showed metastatic carcinoma.",
    ],
)
def test_second_review_an_examined_organs_clause_ends_at_a_new_subject(text: str) -> None:
    assert sites(text) == ["liver"]


def test_second_review_a_relatives_older_age_is_not_hers() -> None:
    text = (
        "Her mother, a 70-year-old woman, looks after her. She was diagnosed with metastatic"
        " breast cancer at 36 years old, with liver metastases."
    )
    assert facts(text).get("age") != 70


@pytest.mark.parametrize(
    ("text", "organ"),
    [
        (
            "ER+ breast cancer 2017. Redness of the skin over the scar. Punch biopsy: ER+ ductal carcinoma.",
            "skin",
        ),
        (
            "CT: The liver is fatty. Two new lesions in segment 6, biopsy: metastatic breast carcinoma.",
            "liver",
        ),
        (
            "ER+ breast cancer, mastectomy 2012. Itchy skin thickening across the chest, biopsy ER+ HER2-.",
            "skin",
        ),
        ("Her breast cancer recurred as redness of the skin over the chest.", "skin"),
        (
            "ER+ lobular breast cancer 2014. Stomach pain for 3 months; gastroscopy showed linitis plastica.",
            "stomach",
        ),
        (
            "58F ER+ HER2- MBC, progressing on letrozole + palbociclib with worsening bone pain. Next line?",
            "bone",
        ),
        ("CT showed her liver spotted with metastases.", "liver"),
        ("New liver spots age 58 female, ER+ breast cancer 2019, what now?", "liver"),
    ],
)
def test_second_review_a_complaint_beside_her_cancer_keeps_the_site(text: str, organ: str) -> None:
    assert organ in sites(text)


# the third review (of ec4a232)


@pytest.mark.parametrize(
    ("text", "organ"),
    [
        (
            "Restaging CT: bone metastases progressing plus a new 2 cm subcapsular metastasis indenting the surface of the liver.",
            "liver",
        ),
        (
            "Known bone mets in T12 now joined by a subcapsular deposit indenting the surface of the liver.",
            "liver",
        ),
        (
            "CT: a 3 cm metastasis adjacent to the right adrenal indenting the posterior surface of the liver.",
            "liver",
        ),
        (
            "ER+ MBC in bone. The rib mass indents - but does not invade - the liver, which has 3 separate metastases.",
            "liver",
        ),
        (
            "ER+ breast cancer 2015, mastectomy. Now redness of the skin across the left chest; punch biopsy ER 95%, PR 40%, HER2 1+.",
            "skin",
        ),
        (
            "58F with dry skin and painful skin thickening over the reconstructed breast, confirmed ER+ MBC. Next line?",
            "skin",
        ),
        ("ER+ MBC. Sore bones and liver, CT shows progression in both.", "bone"),
        ("Her cancer is metastatic from the bones and liver now into the brain.", "bone"),
    ],
)
def test_third_review_keeps_her_sites(text: str, organ: str) -> None:
    assert organ in sites(text)


@pytest.mark.parametrize(
    "text",
    [
        "ER+ breast cancer. The bone marrow showed reactive changes and liver biopsy showed metastatic breast carcinoma.",
        "ER+ breast cancer. The bone marrow revealed reactive plasmacytosis, and biopsy of the liver confirmed metastatic lobular carcinoma.",
        "Bone marrow analysis and liver biopsy: metastatic lobular carcinoma in the liver only.",
    ],
)
def test_third_review_an_examined_organs_clause_ends_before_another_sample(text: str) -> None:
    assert sites(text) == ["liver"]


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        (
            "She lives with her carer, a 70-year-old woman. She was diagnosed with metastatic breast cancer at 44 years old and has liver metastases.",
            70,
        ),
        (
            "A 70-year-old woman, her mother, accompanies her to clinic. She was diagnosed with metastatic breast cancer at 38 years old, with bone metastases.",
            70,
        ),
        (
            "A 72-year-old woman in the next bed told me about her own cancer. I was diagnosed with stage 4 at 45 years old, bone and liver mets.",
            72,
        ),
    ],
)
def test_third_review_another_persons_age_is_not_hers(text: str, wrong: int) -> None:
    assert facts(text).get("age") != wrong


@pytest.mark.parametrize(
    ("text", "age"),
    [
        (
            "I was diagnosed with stage 4 breast cancer at 45 years old, after two years of back pain. Bone mets only.",
            45,
        ),
        (
            "My granny was a 60-year-old woman when she died of it. I was diagnosed with MBC at 34 years old, liver mets.",
            34,
        ),
    ],
)
def test_third_review_her_diagnosis_age_stays(text: str, age: int) -> None:
    assert facts(text).get("age") == age


def test_a_complaint_before_a_sentence_naming_other_metastases_stays_a_complaint() -> None:
    # found driving the chat at d8d464d: the next sentence's "lung metastases" had kept the skin
    text = (
        "62F, ER+ HER2- breast cancer, mastectomy 2018. Her skin is dry and itchy on capecitabine"
        " and she has brain fog. CT: lung metastases progressing after letrozole + palbociclib."
    )
    assert sites(text) == ["lung"]

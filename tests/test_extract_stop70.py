"""Stop 70: the classes behind held-out probe set Z's dangerous readings (its first run: 10
dangerous of 72, at e31eefa) and behind readings left alone at stop 69, each fixed as a class
with twins that keep the other reading.

- A relative told with an aside between her and her finding ("Her mother, who had ovarian
  cancer, carried a BRCA1 mutation", "Her mother (ovarian cancer at 48) …") had read the
  mutation as the patient's: the relative's reach now steps over the aside.
- Patients told in the plural as a sentence's subject ("Patients with PIK3CA mutations benefit
  from alpelisib", "In the case series by Lee et al., 5 patients had leptomeningeal disease"):
  a group's findings and drugs, not hers, unless the writer counts herself in ("like me").
- A finding asked with where or when ("Were new brain metastases present at 6 months? No.",
  "Any new brain mets on the MRI? No."): not told.
- A course told to begin on a day ahead ("eribulin from next week"): no line given yet.
- A finding put down to a cause that is not the cancer ("pericardial effusion … put down to her
  profound hypothyroidism"), a healing fracture or a screening category told as the verdict
  ("- healing fractures from her fall", "- Lung-RADS 1, a healed granuloma"), an organ naming a
  screening programme or a reporting scale ("Lung screening CT", "Lung-RADS"): no site.
- What a dream showed ("Had the nightmare again - the scan lit up in my lungs and brain"): not
  found; a metaphor ("It has been a nightmare - liver mets now") still tells.
- Relatives and "not found" in other languages (Basque "Bere ahizpak BRCA1 mutazioa du", "ez da
  mutaziorik aurkitu"; Spanish "Su madre tenía mutación BRCA1").
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


def facts(text: str) -> dict:
    return dict(extract(text).facts)


def sites(text: str) -> list:
    return list(facts(text).get("metastatic_sites", []))


# -- a relative's finding across an aside -------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Her mother, who had ovarian cancer, carried a BRCA1 mutation.",
        "Her mother, diagnosed with ovarian cancer at 50, carried a BRCA1 mutation.",
        "Her sister, who was tested in 2019, is a BRCA2 carrier.",
        "Her mother (ovarian cancer at 48) carried a BRCA1 mutation.",
        "Her mother, 72, carries a BRCA2 mutation. She is 45, ER+ HER2- bone mets.",
        "Her aunt, whose breast cancer was diagnosed at 39, had a BRCA1 mutation.",
    ],
)
def test_a_relatives_finding_across_an_aside_is_not_hers(text: str) -> None:
    assert facts(text).get("germline_brca") is None


def test_the_aside_keeps_her_own_facts_and_a_new_subject() -> None:
    assert facts("Her mother, 72, carries a BRCA2 mutation. She is 45, ER+ HER2- bone mets.")[
        "hormone_receptor"
    ] == ("positive")
    # a new subject after the aside's comma is hers
    assert facts("Her mother had ovarian cancer, she carries a BRCA1 mutation herself.")[
        "germline_brca"
    ]
    # a carer's relative who is the patient keeps her facts
    told = facts("My mother, 62, has ER+ HER2- bone and liver mets. What next?")
    assert told["hormone_receptor"] == "positive" and set(told["metastatic_sites"]) == {
        "bone",
        "liver",
    }
    # her age told in an apposition is not stepped over (an age is not a finding)
    assert facts("A young mother, only 26 years old, notices a lump.").get("age") == 26


# -- patients in the plural ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Patients with PIK3CA mutations benefit from alpelisib. She is ER+ HER2-.", "pik3ca"),
        (
            "In the case series by Lee et al., 5 patients had leptomeningeal disease.",
            "brain_metastases",
        ),
        ("In SOLAR-1, patients who had PIK3CA mutations benefited from alpelisib.", "pik3ca"),
        ("Three of the 12 patients developed brain metastases.", "brain_metastases"),
        ("Women with BRCA mutations may get olaparib. She is ER+ HER2-.", "germline_brca"),
    ],
)
def test_patients_in_the_plural_are_a_group(text: str, absent: str) -> None:
    assert facts(text).get(absent) is None


def test_the_groups_drug_is_not_hers() -> None:
    told = facts("Patients with PIK3CA mutations benefit from alpelisib. She is ER+ HER2-.")
    assert "alpelisib" not in told.get("prior_therapies", [])


@pytest.mark.parametrize(
    "text",
    [
        "Women with ER+ HER2- MBC and bone mets like me, what did you take after letrozole?",
        "Patients: 1) 55F ER+ bone mets",
        "Patient with ER+ HER2- MBC, bone and liver mets, progressed on letrozole.",
    ],
)
def test_a_group_she_is_one_of_or_a_heading_keeps_her_facts(text: str) -> None:
    assert facts(text).get("hormone_receptor") == "positive"
    assert "bone" in sites(text)


# -- a finding asked with where or when ----------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Were new brain metastases present at 6 months? No.",
        "Any new brain mets on the 6-month MRI? No.",
        "Were liver metastases seen on the CT in March? No.",
    ],
)
def test_a_finding_asked_with_its_time_or_place_is_not_told(text: str) -> None:
    assert facts(text).get("brain_metastases") is None
    assert sites(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Were new brain metastases present at 6 months? Yes.",
        "Any new brain mets on the MRI? Yes, two new lesions.",
    ],
)
def test_a_finding_asked_and_answered_yes_is_told(text: str) -> None:
    assert facts(text).get("brain_metastases") is True


# -- a course to begin on a day ahead ------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Paclitaxel (2024), then capecitabine (2025), both stopped at progression; eribulin "
        "from next week.",
        "Paclitaxel, then capecitabine, both stopped at progression; eribulin from Monday.",
        "Paclitaxel, then capecitabine, both stopped at progression; eribulin next week.",
    ],
)
def test_a_course_begun_on_a_day_ahead_is_no_line_given(text: str) -> None:
    assert facts(text)["prior_lines"] == 2


def test_a_course_begun_on_a_dated_day_was_given() -> None:
    told = facts(
        "Paclitaxel, then capecitabine, then eribulin from Monday 9 January 2023, progressed in May."
    )
    assert told["prior_lines"] == 3


# -- a finding put down to another cause; verdicts and scale names ----------------------
PERICARDIAL = (
    "Echo at 3 months of trastuzumab: LVEF 58% (baseline 62%). Small 6 mm pericardial "
    "effusion, no tamponade - put down to her profound hypothyroidism (TSH 48). Metastases: "
    "liver and lung."
)


@pytest.mark.parametrize(
    ("text", "organ"),
    [
        (PERICARDIAL, "pericardium"),
        ("Pleural effusion due to heart failure.", "pleura"),
        ("Pleural effusion attributed to her cardiomyopathy.", "pleura"),
        (
            "Bone scan: focal uptake in right ribs 6, 7 and 8 in a vertical line - healing "
            "fractures from her fall off a ladder, with callus on CT. Liver metastases only.",
            "bone",
        ),
        (
            "4 mm densely calcified nodule in the right upper lobe - Lung-RADS 1, a healed "
            "granuloma. Bone metastases in the spine.",
            "lung",
        ),
        ("Lung screening CT in 2022: 4 mm calcified nodule. Bone mets now.", "lung"),
    ],
)
def test_a_finding_with_another_cause_or_verdict_is_no_site(text: str, organ: str) -> None:
    assert organ not in sites(text)


@pytest.mark.parametrize(
    ("text", "organ"),
    [
        ("Pleural effusion secondary to pleural metastases.", "pleura"),
        ("Pleural effusion, possibly due to infection or malignancy.", "pleura"),
        ("Multiple bone lesions due to osteoporosis? Biopsy pending.", "bone"),
        ("Bone metastases, with pain related to movement.", "bone"),
        ("Pleural effusion, with pain related to movement.", "pleura"),
        ("Liver mets due to hypothyroidism.", "liver"),
        ("Rib lesion - pathological fracture.", "bone"),
        ("Lung screening CT showed multiple lung metastases.", "lung"),
    ],
)
def test_a_cancer_cause_a_doubted_cause_or_another_complaint_keeps_the_site(
    text: str, organ: str
) -> None:
    assert organ in sites(text)


def test_a_cause_told_of_a_procedure_keeps_the_organ() -> None:
    text = (
        "Transjugular hepatic biopsy was done due to limited diagnostic value of previous "
        "biopsy, and revealed adenocarcinoma consistent with metastatic breast carcinoma."
    )
    assert "liver" in sites(text)


# -- a dream --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Had the nightmare again - the scan lit up in my lungs and brain like a Christmas tree. "
        "In real life last week's CT and MRI were clear apart from my spine.",
        "I dreamt my cancer had spread to my lungs and brain. My real scan shows bone mets only.",
    ],
)
def test_what_a_dream_showed_is_not_found(text: str) -> None:
    told = facts(text)
    assert told.get("brain_metastases") is None
    assert set(told["metastatic_sites"]) == {"bone"}


@pytest.mark.parametrize(
    "text",
    [
        "It has been a nightmare - liver mets now, ER+ HER2-.",
        "Woman finally takes dream family trip after spine metastasis treatment.",
        "My dream is to see my kids grow up. I have ER+ bone and liver mets.",
    ],
)
def test_a_dream_as_a_metaphor_or_a_wish_keeps_the_finding(text: str) -> None:
    assert sites(text)


# -- relatives and "not found" in other languages -----------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Bere ahizpak BRCA1 mutazioa du.",
        "Su madre tenía mutación BRCA1.",
        "Sa sœur est porteuse d'une mutation BRCA1.",
        "Ihre Schwester hat eine BRCA2-Mutation.",
    ],
)
def test_a_relatives_finding_in_another_language_is_not_hers(text: str) -> None:
    assert facts(text).get("germline_brca") is None


def test_basque_not_found_denies_and_her_own_mutation_stays() -> None:
    text = (
        "Emakumea, 58 urte, bularreko minbizi metastatikoa hezurretan. BRCA azterketa "
        "genetikoa (odolean): ez da mutaziorik aurkitu. Bere ahizpak BRCA1 mutazioa du."
    )
    assert facts(text)["germline_brca"] is False
    assert facts("BRCA1 mutazioa du.")["germline_brca"] is True


@pytest.mark.parametrize(
    ("text", "organ"),
    [
        (
            "An 89-year-old man with metastatic adenocarcinoma of the prostate presented to the "
            "emergency department due to spontaneous bleeding.",
            "prostate",
        ),
        (
            "New palpable right supraclavicular lymph node. She has attributed the lymph node as "
            "related to a viral illness.",
            "lymph nodes",
        ),
    ],
)
def test_a_cause_of_a_visit_or_a_patients_belief_keeps_the_site(text: str, organ: str) -> None:
    # (the reviews of the golden output at stop 70: r62-0010, r3-0115)
    assert organ in sites(text)


# -- the cold review of stop 70: mends, each a reading the first version lost ---------------
@pytest.mark.parametrize(
    "text",
    [
        "Any new brain mets on the MRI? Unfortunately yes.",
        "Any new brain mets on the MRI? Sadly, yes - three small ones.",
        "Were new brain metastases present at 6 months? Two new lesions were seen.",
    ],
)
def test_the_where_form_of_a_question_is_asked_only_when_denied(text: str) -> None:
    assert facts(text).get("brain_metastases") is True


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("Patient: Ama Owusu, 48, BRCA1 carrier, liver metastases.", "age", 48),
        ("Irma, 61, postmenopausal", "menopausal_status", "post"),
        ("Alaba, 50, postmenopausal", "age", 50),
        ("Madre Hospital referral: 55-year-old woman with bone mets.", "age", 55),
        ("Je suis porteuse d'une mutation BRCA1 comme ma mère.", "germline_brca", True),
        ("A mere 2 cm liver lesion, biopsy: metastatic carcinoma.", "metastatic_sites", ["liver"]),
    ],
)
def test_a_name_or_another_word_is_no_relative(text: str, fact: str, value: object) -> None:
    assert facts(text).get(fact) == value


@pytest.mark.parametrize(
    "text",
    [
        "Sa mère, 70 ans, est porteuse BRCA1.",
        "ER+ HER2-; su madre tenía mutación BRCA1.",
        "My mama has BRCA1. I have liver mets.",
    ],
)
def test_a_relative_after_a_possessive_in_any_language_is_not_her(text: str) -> None:
    assert facts(text).get("germline_brca") is None


@pytest.mark.parametrize(
    "text",
    [
        "Her sister (diagnosed at 41) is a BRCA2 carrier, as is the patient.",
        "Her mother, 72, carries a BRCA2 mutation, which the patient also inherited.",
        "Her sister, who was tested after her, carries the same BRCA2 mutation she has.",
    ],
)
def test_a_finding_told_shared_with_her_after_the_aside_is_hers(text: str) -> None:
    assert facts(text).get("germline_brca") is True


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("Patients with PIK3CA mutations, which she has, benefit from alpelisib.", "pik3ca", True),
        (
            "Lung-RADS 4X nodule, biopsy confirmed metastatic breast cancer.",
            "metastatic_sites",
            ["lung"],
        ),
    ],
)
def test_her_own_finding_beside_a_group_or_a_scale_stays(
    text: str, fact: str, value: object
) -> None:
    assert facts(text).get(fact) == value


def test_pts_in_the_plural_are_a_group_and_a_relative_like_case_is_not_hers() -> None:
    assert facts("Pts with PIK3CA mutations benefit from alpelisib.").get("pik3ca") is None
    assert (
        facts("Patients like my mum with BRCA1 mutations get olaparib.").get("germline_brca")
        is None
    )


@pytest.mark.parametrize(
    "text",
    [
        "Progressed on letrozole + palbociclib, now on second-line fulvestrant.",
        "Progressed on letrozole + palbociclib; now on fulvestrant second line.",
        "Progressed on letrozole + palbociclib, now second-line fulvestrant.",
        "Progressed on letrozole + palbociclib, now 2L fulvestrant.",
    ],
)
def test_the_line_told_now_is_the_one_she_is_on(text: str) -> None:
    ex = extract(text)
    assert ex.facts["prior_lines"] == 1
    assert ex.facts["progressed_on"] == ["letrozole", "palbociclib"]
    assert ex.on_now == ("fulvestrant",)


@pytest.mark.parametrize(
    ("text", "lines", "failing"),
    [
        (
            "Progressed on letrozole + palbociclib, then capecitabine; eribulin from next week.",
            2,
            ["capecitabine"],
        ),
        (
            "First line letrozole + palbociclib, progressed. Second line capecitabine, "
            "progressed. Eribulin from next week.",
            2,
            ["capecitabine"],
        ),
        (
            "Paclitaxel, then capecitabine, both stopped at progression; eribulin from Monday.",
            2,
            ["capecitabine"],
        ),
    ],
)
def test_a_course_planned_ahead_is_neither_given_nor_failing(
    text: str, lines: int, failing: list
) -> None:
    told = facts(text)
    assert told["prior_lines"] == lines and told["progressed_on"] == failing
    assert "eribulin" not in told["prior_therapies"]


def test_a_course_planned_ahead_alone_is_no_therapy_given() -> None:
    assert "prior_therapies" not in facts("Eribulin from next week.")
    told = facts(
        "Fulvestrant + abemaciclib from next Tuesday, after progression on letrozole/palbociclib."
    )
    assert told["prior_therapies"] == ["letrozole", "palbociclib"]

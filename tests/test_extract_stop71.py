"""Stop 71: the classes behind held-out probe set AA's dangerous readings (its first run: 8
dangerous of 72, at fe020ad), each fixed as a class with twins that keep the other reading.

- An organ's metastases denied outright ("No bone metastases.", "She has never had lung
  metastases", "No liver metastases on MRI") settle a finding of that organ told before the
  denial without being called a metastasis (an uptake, a lesion, a disease of it). Not a
  denial of more of them ("no new liver metastases"), an end ("liver metastases resolved"),
  a question, or a finding told after the denial or called a metastasis.
- A site told as her only one, of now ("Her breast cancer has spread to bone only") denies
  the other organs read before it the same way; not one of an earlier time ("Bone-only
  disease at diagnosis").
- Findings named back with a definite article and given a verdict ("MDT: the bone lesions are
  myeloma") settle the organ's earlier findings; another cancer of the organ is a verdict
  ("the bone lesions are myeloma", "plasmacytoma", "a neuroendocrine tumour"), and a verdict
  told with "is"/"are" right after the finding is read ("The lung nodules are sarcoid").
- A belief told as an exclamation ("I thought, that's it, menopause at 48. It turned up on
  Monday") is not her status.
- A pregnancy named as a programme, a check, a risk ("lenalidomide pregnancy prevention
  programme") is no pregnancy.
- A quoted record term called wrong right after the quotation or at the next sentence's
  start ("the MedDRA term 'postmenopausal haemorrhage'. Site response: incorrect - …") is
  someone's wording withdrawn.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


def facts(text: str) -> dict:
    return dict(extract(text).facts)


def sites(text: str) -> list:
    return list(facts(text).get("metastatic_sites", []))


# -- an organ's metastases denied outright --------------------------------------------------
@pytest.mark.parametrize(
    ("text", "organ"),
    [
        (
            "Bone scan: intense uptake in the right hemipelvis. No bone metastases. Liver mets.",
            "bone",
        ),
        (
            "Interstitial lung disease on T-DXd. She has never had lung metastases; liver mets.",
            "lung",
        ),
        ("CT: 2 cm liver lesion. No liver metastases on MRI.", "liver"),
        ("CT: 2 cm liver lesion. Liver metastases ruled out on MRI.", "liver"),
        (
            "Bone scan: intense uptake through the whole right hemipelvis; CT shows cortical "
            "thickening and coarse trabeculae, ALP 410 - Paget's disease of bone, unchanged since "
            "2015. No bone metastases. Her breast cancer has spread to the liver and lungs.",
            "bone",
        ),
    ],
)
def test_a_denial_settles_the_organs_earlier_finding(text: str, organ: str) -> None:
    assert organ not in sites(text)


@pytest.mark.parametrize(
    ("text", "organ"),
    [
        ("Liver lesions stable. No new liver metastases.", "liver"),
        ("No liver metastases in 2019. Liver metastases in 2023.", "liver"),
        ("Liver mets. No bone metastases.", "liver"),
        ("Bone lesions on CT. No bone mets?", "bone"),
        (
            "She was diagnosed with multiple liver and axillary lymph node metastases. After a "
            "year of paclitaxel, liver metastases resolved.",
            "liver",
        ),
        ("No bone metastases. Bone scan now shows new uptake in T10 and the pelvis.", "bone"),
    ],
)
def test_more_of_them_an_end_a_question_or_a_later_finding_stays(text: str, organ: str) -> None:
    assert organ in sites(text)


# -- a site told as her only one --------------------------------------------------------------
def test_her_only_site_settles_the_other_organs_before_it() -> None:
    text = (
        "Ga-68 DOTATATE PET: intensely avid 3 cm liver lesion. Biopsy: well-differentiated "
        "neuroendocrine tumour, grade 1, from a small-bowel primary. Her breast cancer has "
        "spread to bone only."
    )
    assert sites(text) == ["bone"]
    assert sites("Lung nodules on CT. Bone only disease.") == ["bone"]


@pytest.mark.parametrize(
    "text",
    [
        "Liver mets and lung nodules. Bone-only disease at diagnosis.",
        "Lung nodules on CT. Initially bone only disease.",
        "Bone only disease. Now lung nodules on CT.",
    ],
)
def test_an_only_site_of_an_earlier_time_or_before_the_finding_settles_nothing(text: str) -> None:
    assert "lung" in sites(text)


# -- a verdict on the organ's findings ---------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "organ"),
    [
        ("The lung nodules are sarcoid. Liver mets.", "lung"),
        ("The bone lesions are myeloma. ER+ breast cancer with liver mets.", "bone"),
        (
            "Haematology: IgG kappa paraprotein 31 g/L, skeletal survey with lytic lesions in the "
            "skull and T10. T10 biopsy: plasma-cell myeloma. MDT: the bone lesions are myeloma - "
            "her breast cancer is in the liver and axillary nodes.",
            "bone",
        ),
    ],
)
def test_a_verdict_of_another_disease_is_no_site(text: str, organ: str) -> None:
    assert organ not in sites(text)
    assert "liver" in sites(text)


@pytest.mark.parametrize(
    "text",
    [
        "The bone lesions are myeloma or metastases. Liver mets.",
        "The bone lesions are metastatic. Liver mets.",
        "Bone lesions; the liver lesion is a haemangioma.",
    ],
)
def test_a_verdict_of_metastasis_or_a_doubt_keeps_the_site(text: str) -> None:
    assert "bone" in sites(text)


# -- menopausal status -------------------------------------------------------------------------
def test_a_belief_told_as_an_exclamation_is_not_her_status() -> None:
    text = (
        "After Mum's funeral my period was three weeks late and I thought, that's it, menopause "
        "at 48. It turned up on Monday as normal as ever. ER+ HER2- with spots in my bones."
    )
    assert facts(text).get("menopausal_status") != "post"
    assert (
        facts("I'm 56. Periods stopped 4 years ago, so I'm postmenopausal.")["menopausal_status"]
        == "post"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Myeloma clinic: lenalidomide pregnancy prevention programme - classed as a woman NOT of "
        "childbearing potential: 52, no periods for 26 months, FSH 84, no hormonal treatment.",
        "She is on the pregnancy prevention programme.",
    ],
)
def test_a_pregnancy_named_as_a_programme_or_a_check_is_none(text: str) -> None:
    assert facts(text).get("menopausal_status") != "pre"


@pytest.mark.parametrize(
    "text",
    ["Pregnancy at 38, now 40, periods regular", "Pregnancy check positive! She is 8 weeks."],
)
def test_a_pregnancy_told_stays(text: str) -> None:
    assert facts(text)["menopausal_status"] == "pre"


@pytest.mark.parametrize(
    "text",
    [
        "CRO query: the AE was coded with the MedDRA term 'postmenopausal haemorrhage'. Site "
        "response: incorrect - she is 45 with periods every 28-30 days on tamoxifen.",
        "The clinic letter reads 'postmenopausal' - that is incorrect, she still has periods.",
    ],
)
def test_a_quoted_term_called_wrong_is_withdrawn(text: str) -> None:
    assert facts(text).get("menopausal_status") != "post"


@pytest.mark.parametrize(
    "text",
    [
        "Letter: 'postmenopausal'. The dose was given in error.",
        "She is 'postmenopausal' per the clinic. Liver mets.",
        # (the cold review of stop 71: a verdict on something else)
        "Coded as 'postmenopausal'. Incorrect dose recorded for letrozole, corrected.",
    ],
)
def test_a_quoted_term_not_called_wrong_stays(text: str) -> None:
    assert facts(text)["menopausal_status"] == "post"


# -- the cold review of stop 71 ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "organ"),
    [
        # a denial of an earlier time
        (
            "PET-CT 2024: new sclerotic bone lesions in T4 and L1. Staging CT in 2021 showed no "
            "bone metastases.",
            "bone",
        ),
        (
            "Multiple liver lesions consistent with metastases. No liver metastases in 2019.",
            "liver",
        ),
        (
            "Lung nodules consistent with metastases. She has never had lung metastases before "
            "this scan.",
            "lung",
        ),
        ("Liver lesions on CT. No liver metastases at initial diagnosis.", "liver"),
        # a qualified, disputed or hoped denial
        ("Bone scan: uptake at L3. No bone metastases other than the known L3 lesion.", "bone"),
        ("Segment 4 liver lesion, enlarging. No liver metastases elsewhere.", "liver"),
        ("Bone scan: uptake at L3. No bone metastases requiring radiotherapy.", "bone"),
        (
            "Multiple lung nodules. Radiologist: no lung metastases; oncologist disagrees and "
            "treats them as metastases.",
            "lung",
        ),
        ("Bone scan: uptake at L3. No bone metastases, I hope!", "bone"),
        # an only site of an earlier time, hoped, asked, denied, or a trial arm's
        (
            "Lung nodules and nodal disease. Bone-only on bone scan, but CT shows lung nodules.",
            "lung",
        ),
        ("Lung nodules, mediastinal nodes. Bone-only disease is not the case here.", "lung"),
        ("Liver lesions. The bone-only trial arm is closed.", "liver"),
        ("Lung nodules. Bone-only disease would make her eligible.", "lung"),
        ("Lung nodules. Was bone-only until last year.", "lung"),
        ("Liver lesions on CT. Is her disease bone-only?", "liver"),
        # a doubted verdict
        ("Lung nodules on CT. I was told the lung nodules are sarcoid but I am not sure.", "lung"),
    ],
)
def test_the_review_kept_sites(text: str, organ: str) -> None:
    assert organ in sites(text)


@pytest.mark.parametrize(
    "text",
    [
        "My friend from the support group is on third-line capecitabine.",
        "Her sister, who also has breast cancer, is on first-line letrozole + palbociclib.",
    ],
)
def test_another_persons_line_counts_no_line_of_hers(text: str) -> None:
    ex = extract(text)
    assert "prior_lines" not in ex.facts
    assert ex.on_now == ()


# -- present before stop 71, found by its cold review ---------------------------------------------
@pytest.mark.parametrize(
    ("text", "status"),
    [
        # a reason told with "as"/"since" and its subject is told, not denied
        ("Pregnancy prevention programme not required as she is postmenopausal.", "post"),
        ("Not premenopausal as she had a hysterectomy and oophorectomy", "post"),
        # a quoted term called wrong a few words after it
        ("The referral says 'postmenopausal' - that is incorrect, she is 41 and cycling.", "pre"),
        ("The term 'postmenopausal' in her notes is correct.", "post"),
    ],
)
def test_a_reason_is_told_and_a_quoted_term_is_judged(text: str, status: str) -> None:
    assert facts(text)["menopausal_status"] == status


def test_a_quoted_term_called_wrong_later_in_its_sentence_is_withdrawn() -> None:
    text = "The term 'premenopausal' in the letter is wrong, she's 62."
    assert facts(text).get("menopausal_status") != "pre"

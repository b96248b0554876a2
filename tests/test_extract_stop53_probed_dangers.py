"""Stop 53: the dangerous readings of the held-out probe set I (written for the probe by a
helper who never saw the code; its first run, 10 dangerous of 72, was committed in ab4e5ba
before any of it was read) and the classes the first runs of rounds 93-95 showed (real text;
each round's figure was recorded before it was read). Each test has a twin that keeps the
right reading, so a fix that only deletes facts fails.

- A line break that only wraps a sentence split it in two: the result on the next line
  ("all clear", "wild type") never reached the findings it closes.
- A name given in the will-future ("we'll call it visceral crisis") and a course in the
  future passive ("She will be treated with paclitaxel") were read as found and given.
- A drug only talked about ("ribociclib, the treatment my doctor had mentioned") was read
  as given (prior_cdk46 with it).
- A carer's relative told with her disease in brackets ("my daughter (34, liver mets)") was
  not taken as the patient, so the carer's own status was read as hers.
- A relative clause told of another person after a comma (", who is BRCA2 positive,") and a
  contrast ("Unlike Mrs K … who's on her 4th line") had their findings and lines read as hers.
- A consumer DNA kit's "no variants detected" was read as a negative germline test.
- T2-hyperintense, non-enhancing white-matter foci on a head MRI were read as active brain
  metastases.
- Rounds 93-95: the age the metastatic disease was found at ("At the age of 36, I was
  diagnosed with stage IV …") was dropped for any later word ("Multiple antibiotics later");
  a writer "attempting to be a wife and mother" was not read female; "the fluid around her
  brain and spinal cord" was read as brain and spinal cord, not the meninges; "positive for
  the hormones estrogen and progesterone" was not read.
"""

from __future__ import annotations

import pytest

from chatbot.dialogue.scope import judge_scope
from chatbot.nlp import extract


def test_a_result_on_a_wrapped_line_closes_the_organs_before_it() -> None:
    facts = extract(
        "Staging CT chest/abdo/pelvis: lungs, liver, adrenals and peritoneum\nall clear. "
        "Bone scan hot at T7, L2 and the right iliac wing."
    ).facts
    assert facts["metastatic_sites"] == ["bone"]


def test_a_wrapped_negation_covers_every_gene_it_lists() -> None:
    facts = extract(
        "AKT1, PTEN and ESR1 were all\nwild type on the tissue panel.\nPIK3CA E545K detected."
    ).facts
    assert (facts["akt1"], facts["pten"], facts["esr1"], facts["pik3ca"]) == (
        False,
        False,
        False,
        True,
    )


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        ("No liver mets.\nBone mets in the spine.", ["bone"]),  # after a full stop
        ("Staging CT: lungs and liver\nshow new metastases.", ["lung", "liver"]),
    ],
)
def test_a_line_break_after_a_sentence_end_still_ends_it(text: str, sites: list[str]) -> None:
    assert extract(text).facts["metastatic_sites"] == sites


def test_a_name_in_the_will_future_is_not_given() -> None:
    text = (
        "If her bilirubin keeps rising we'll call it visceral crisis and switch to weekly "
        "paclitaxel. Today bili 24 (ULN 21), ALT 60, she feels well and is eating."
    )
    assert "visceral_crisis" not in extract(text).facts
    assert extract("She is in visceral crisis and we'll call the family.").facts["visceral_crisis"]


@pytest.mark.parametrize(
    "text",
    [
        "She will be treated with paclitaxel.",
        "We will treat her with paclitaxel.",
        "She is going to be treated with paclitaxel.",
        "She will be started on letrozole and palbociclib.",
    ],
)
def test_a_course_in_the_future_is_not_given(text: str) -> None:
    assert "prior_therapies" not in extract(text).facts


def test_a_course_told_given_is_still_given() -> None:
    assert extract("She was treated with paclitaxel.").facts["prior_therapies"] == ["paclitaxel"]


@pytest.mark.parametrize(
    "text",
    [
        "Then I discovered the MONALEESA results, the clinical trial for ribociclib, the "
        "treatment my doctor had mentioned on the phone.",
        "My oncologist mentioned ribociclib. ER+ bone mets.",
        "I read about Enhertu.",
    ],
)
def test_a_drug_only_talked_about_is_not_given(text: str) -> None:
    facts = extract(text).facts
    assert "prior_therapies" not in facts
    assert "prior_cdk46" not in facts


def test_a_drug_recommended_and_failed_is_still_given() -> None:
    facts = extract("She progressed on letrozole, the drug her oncologist had recommended.").facts
    assert facts["progressed_on"] == ["letrozole"]


def test_what_a_relative_mentions_of_her_is_still_hers() -> None:
    facts = extract(
        "ER+ HER2- MBC on letrozole. Her mother mentioned she has new brain mets."
    ).facts
    assert facts["brain_metastases"] is True


def test_a_carers_own_status_is_not_her_relatives() -> None:
    text = (
        "I'm postmenopausal myself so I know all about the hot flushes, but my daughter (34, "
        "liver mets) is only getting them because of the Zoladex."
    )
    facts = extract(text).facts
    assert "menopausal_status" not in facts
    assert facts["metastatic_sites"] == ["liver"]
    assert (
        extract("I'm postmenopausal myself and I have liver mets.").facts["menopausal_status"]
        == "post"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Unlike her sister, who is BRCA2 positive, she tested negative.",
        "Her sister, who is BRCA2 positive, has bone mets. She tested negative.",
        "My sister, who is BRCA2 positive, was diagnosed first. I have bone mets.",
    ],
)
def test_a_relative_clause_of_another_person_is_hers_not_the_patients(text: str) -> None:
    assert extract(text).facts.get("germline_brca") is not True


def test_a_finding_told_before_the_contrast_is_still_hers() -> None:
    assert extract("She is BRCA2 positive, unlike her sister.").facts["germline_brca"] is True


def test_the_lines_of_the_patient_she_is_contrasted_with_are_not_hers() -> None:
    text = (
        "Unlike Mrs K in bay 5 who's on her 4th line, this lady has only had the one regimen "
        "for her mets (letrozole/palbo, PD 3/24)."
    )
    facts = extract(text).facts
    assert facts.get("prior_lines") != 4
    assert facts["progressed_on"] == ["letrozole", "palbociclib"]
    assert extract("She is on her 4th line, unlike Mrs K.").facts["prior_lines"] == 3


@pytest.mark.parametrize(
    "text",
    [
        "Her 23andMe report says 'BRCA: no variants detected' but that kit only looks at 3 "
        "founder variants. Full germline panel is booked for Tuesday.",
        "A home DNA kit said she carries BRCA1.",
    ],
)
def test_a_consumer_kits_result_is_no_germline_result(text: str) -> None:
    assert "germline_brca" not in extract(text).facts


def test_a_clinical_germline_result_is_still_read() -> None:
    assert extract("Germline testing: BRCA1/2 negative.").facts["germline_brca"] is False


def test_white_matter_foci_are_no_brain_metastases() -> None:
    text = (
        "MRI head: scattered T2 hyperintense foci in the periventricular white matter, no "
        "enhancement, no restricted diffusion - small vessel change. Nothing to suggest "
        "metastases."
    )
    facts = extract(text).facts
    assert "brain_metastases" not in facts
    assert "metastatic_sites" not in facts
    assert extract("MRI head: 3 new enhancing foci.").facts["brain_metastases"] is True


@pytest.mark.parametrize(
    ("text", "age"),
    [
        (
            "At the age of 36, I was diagnosed with stage IV inflammatory breast cancer. "
            "Multiple antibiotics later, nothing changed.",
            36,
        ),
        (
            "Last year I had redness on my left breast. On August 1st, at the age of 49, I was "
            "told I had Stage IV Inflammatory Breast Cancer (IBC).",
            49,
        ),
    ],
)
def test_the_age_the_metastatic_disease_was_found_at_is_hers(text: str, age: int) -> None:
    assert extract(text).facts["age"] == age


@pytest.mark.parametrize(
    "text",
    [
        "At the age of 36, I was diagnosed with stage IV IBC. Five years later I am still here.",
        "At the age of 46, the patient had undergone a lumpectomy. Currently she has liver mets.",
    ],
)
def test_an_age_of_an_earlier_time_is_not_hers_now(text: str) -> None:
    assert "age" not in extract(text).facts


def test_a_writer_attempting_to_be_a_wife_and_mother_is_female() -> None:
    text = (
        "I was diagnosed with secondary breast cancer in 2022. I wanted to document the reality "
        "of living with cancer whilst attempting to be a wife and mother to three boys."
    )
    assert extract(text).facts["sex"] == "female"
    assert "sex" not in extract("I was diagnosed with MBC. I want my son to be a father.").facts


def test_the_fluid_around_her_brain_is_the_meninges() -> None:
    facts = extract(
        "She was diagnosed with stage 4 breast cancer that had spread to the fluid around her "
        "brain and spinal cord."
    ).facts
    assert facts["metastatic_sites"] == ["meninges"]
    twin = extract(
        "The tumour in the cerebellum was a metastasis of her breast cancer. It was pinching "
        "closed the fourth ventricle causing a buildup of neuro-spinal fluid in her brain."
    ).facts
    assert "meninges" not in twin.get("metastatic_sites", [])


def test_positive_for_the_hormones_is_hormone_receptor_positive() -> None:
    text = "Stage 3 breast cancer that was positive for the hormones estrogen and progesterone."
    assert extract(text).facts["hormone_receptor"] == "positive"


def test_a_breast_named_in_latin_keeps_a_case_of_unknown_primary_in_scope() -> None:
    text = (
        "Further exams were suspicious for a choroidal metastasis of unknown primary tumor. "
        "Histology of a punch biopsy of the left mammae confirmed an invasive ductal carcinoma."
    )
    assert not judge_scope(text).out_of_scope
    assert judge_scope(
        "Further exams were suspicious for a choroidal metastasis of unknown primary tumor."
    ).out_of_scope


@pytest.mark.parametrize(
    "text",
    [
        "Quick one - I have a patient with metastatic breast cancer on letrozole whose daughter "
        "has just tested positive for a BRCA1 mutation.",
        "My patient's daughter has just tested positive for a BRCA1 mutation. ER+ MBC.",
        "My mum has MBC in her bones. Her sister tested positive for BRCA2.",
    ],
)
def test_a_relatives_test_result_is_not_the_patients(text: str) -> None:
    assert "germline_brca" not in extract(text).facts


def test_a_carers_relative_named_again_keeps_her_result() -> None:
    text = "My mum has MBC in her bones. My mum tested positive for BRCA2 last year."
    assert extract(text).facts["germline_brca"] is True


def test_an_age_in_brackets_after_young_is_hers() -> None:
    text = (
        "I was diagnosed Stage IV breast cancer in February 2012. My breast MRI showed no lymph "
        "node enlargement, and I was young (47), so there was no reason to believe it had spread."
    )
    assert extract(text).facts["age"] == 47
    assert "age" not in extract("Her sons Oscar (5) and Scott (3) are young (4) at heart.").facts

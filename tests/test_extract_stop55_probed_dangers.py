"""Stop 55: the dangerous readings of the held-out probe set L (written for the probe by a
helper who never saw the code; its first run, 14 dangerous of 74 at 340d5d0, was committed
in 436bb09 before any of it was read) and the classes the first runs of rounds 102-104 showed
(real text; each round's figure was recorded in ddf7e6a before it was read). Each test has a
twin that keeps the right reading, so a fix that only deletes facts fails.

- A variant classed a VUS by a verb after its notation ("BRCA2 c.8878C>T reported as a VUS")
  was read a germline mutation; so was a variant whose germline origin was a condition ("if
  it is in the germline she qualifies for olaparib"), and "she qualifies for olaparib" read
  olaparib given.
- "Is this a visceral crisis?" and "Would this count as …" read a crisis.
- A status told at an earlier diagnosis with an age in brackets between ("At her first
  diagnosis in 2014 (age 39) she was premenopausal") read as hers now.
- Brain: a treatment followed by "referral" read done; a new lesion named by its brain
  region ("a new 6 mm right parietal lesion that hasn't been treated yet") read nothing; a
  note's date after SRS ("SRS 1/20") did not date it done; spots "nothing to worry about".
- A verdict line after a bulleted list of organs ("- liver⏎- lungs⏎all clear.") read them found.
- A test named by its gene ("the Guardant ESR1 assay has a PPV …") read a mutation.
- Markers of another primary cancer ("endometrial cancer 2016 (MSI-H, PD-L1 positive)").
- A status word quoted and talked about ("The 'premenopausal' in the old letter").
- Rounds 102-104: "receptive to hormone therapy"; "inoperable with HER2 receptors"; "this
  cocktail was ineffective" (a line given and failed); "mum had cancer" told by a family;
  "as their mother" in the writer's own clause; "diagnosis in 2016 (aged 33)" is her age then.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


def test_a_variant_classed_a_vus_by_a_verb_is_no_mutation() -> None:
    text = "Germline result back: BRCA2 c.8878C>T reported as a VUS. Genetics advise not to act."
    assert "germline_brca" not in extract(text).facts
    twin = "Germline result back: BRCA2 c.5946delT, reported as a pathogenic variant."
    assert extract(twin).facts["germline_brca"] is True


def test_a_germline_origin_told_as_a_condition_is_unknown() -> None:
    text = "Tumour NGS: BRCA2 pathogenic variant - if it is in the germline she qualifies for olaparib."
    facts = extract(text).facts
    assert "germline_brca" not in facts
    assert "olaparib" not in facts.get("prior_therapies", [])
    gone = "Tumour NGS: BRCA2 pathogenic variant. Her blood test: the variant was not found in the germline."
    assert extract(gone).facts["germline_brca"] is False
    assert extract("Germline BRCA2 mutation confirmed.").facts["germline_brca"] is True


@pytest.mark.parametrize(
    "question",
    [
        "Is this a visceral crisis?",
        "Would this count as visceral crisis?",
        "Does this count as a visceral crisis?",
    ],
)
def test_this_asked_as_a_crisis_is_no_crisis(question: str) -> None:
    assert "visceral_crisis" not in extract(f"{question} ER+ HER2- liver mets.").facts
    assert extract("She is in visceral crisis: bilirubin 80.").facts["visceral_crisis"] is True


@pytest.mark.parametrize(
    "question",
    [
        "Is this a reasonable approach for her ER+ HER2- bone mets?",
        "Is that an option for a woman with ER+ HER2- bone mets?",
    ],
)
def test_this_asked_keeps_the_case_told_after_a_preposition(question: str) -> None:
    """Found reviewing the change: the whole predicate of "Is this …?" had been asked."""
    facts = extract(question).facts
    assert facts["hormone_receptor"] == "positive" and facts["metastatic_sites"] == ["bone"]


def test_an_adverb_before_a_do_question_keeps_it_a_question() -> None:
    assert (
        "menopausal_status" not in extract("Does she still have her periods? ER+ liver mets").facts
    )
    assert extract("She is 45 and still has her periods.").facts["menopausal_status"] == "pre"
    assert extract("I'm 48 and still have my periods.").facts["menopausal_status"] == "pre"


def test_a_status_at_an_earlier_diagnosis_with_an_age_between_is_past() -> None:
    text = "At her first diagnosis in 2014 (age 39) she was premenopausal. Now 51, liver relapse."
    assert extract(text).facts.get("menopausal_status") != "pre"
    assert extract("She is premenopausal, liver relapse.").facts["menopausal_status"] == "pre"


def test_a_brain_treatment_referral_is_no_treatment() -> None:
    text = "CT head: 2.5 cm left frontal mass with oedema. Dex started, neurosurgery referral sent."
    assert extract(text).facts["brain_metastases"] is True
    done = "CT head: 2.5 cm left frontal mass. She underwent neurosurgery last week."
    assert extract(done).facts["brain_metastases"] is False


def test_a_new_lesion_named_by_its_brain_region_is_active() -> None:
    text = (
        "The 3 cerebellar mets had SRS in May and have shrunk. But June MRI shows a new 6 mm "
        "right parietal lesion that hasn't been treated yet."
    )
    assert extract(text).facts["brain_metastases"] is True
    treated = (
        "The 3 cerebellar mets had SRS in May and have shrunk. June MRI shows a new 6 mm right "
        "parietal lesion, treated with SRS in July."
    )
    assert extract(treated).facts["brain_metastases"] is False


def test_a_notes_date_after_srs_dates_it_done() -> None:
    text = "MRI 1/6: new 8 mm left cerebellar met. SRS 1/20. MRI 4/15: treated lesion down to 3 mm."
    assert extract(text).facts["brain_metastases"] is False
    planned = "MRI 1/6: new 8 mm left cerebellar met. SRS 1/20 planned."
    assert extract(planned).facts["brain_metastases"] is True


def test_spots_called_nothing_to_worry_about_are_no_metastases() -> None:
    text = "The neurologist said the spots on her brain were 'nothing to worry about'."
    assert extract(text).facts.get("brain_metastases") is not True
    assert extract("MRI: new spots on her brain, 3 mets.").facts["brain_metastases"] is True


def test_a_verdict_after_a_bulleted_list_denies_its_items() -> None:
    text = "Restaging CT 14/2:\n- liver\n- lungs\n- adrenals\nall clear. Disease still confined to bone."
    assert extract(text).facts["metastatic_sites"] == ["bone"]
    found = "Restaging CT 14/2:\n- liver mets\n- lung nodules\nBone stable."
    assert "liver" in extract(found).facts["metastatic_sites"]


def test_a_test_named_by_its_gene_is_no_finding() -> None:
    text = "The Guardant ESR1 assay has a PPV near 98% but an NPV nearer 85%."
    assert "esr1" not in extract(text).facts
    assert extract("ESR1 mutation detected on ctDNA.").facts["esr1"] is True


def test_markers_of_another_primary_are_not_the_breast_cancers() -> None:
    text = (
        "PMH: endometrial cancer 2016 (MSI-H, PD-L1 positive), hysterectomy, cured. 2023 ER+ "
        "HER2- breast cancer, now bone relapse."
    )
    facts = extract(text).facts
    assert "pdl1" not in facts and facts.get("msi_high") is not True
    assert extract("ER+ breast cancer, bone relapse, PD-L1 positive.").facts["pdl1"] == "positive"
    # a germline result is the person's, whatever cancer it is told with
    ovarian = "History of ovarian cancer (BRCA1 positive). Now ER+ HER2- breast cancer, bone mets."
    assert extract(ovarian).facts["germline_brca"] is True


def test_a_status_word_quoted_and_talked_about_is_no_status() -> None:
    text = "Post - she's 63. The 'premenopausal' in the old clinic letter was from 2009."
    assert extract(text).facts.get("menopausal_status") != "pre"
    assert (
        extract("Her 'triple negative' cancer has spread to the liver").facts["her2"] == "negative"
    )


def test_round_102_lay_receptor_statements() -> None:
    assert (
        extract("It should be receptive to hormone therapy.").facts["hormone_receptor"]
        == "positive"
    )
    text = "She has metastatic breast cancer, stage 4, inoperable with HER2 receptors."
    assert extract(text).facts["her2"] == "positive"
    assert extract("The tumour has no HER2 receptors.").facts["her2"] == "negative"


def test_a_regimen_judged_ineffective_is_a_line_given() -> None:
    text = "She has been diagnosed with metastatic breast cancer, stage 4. She had letrozole, which was ineffective."
    facts = extract(text).facts
    assert facts["prior_lines"] == 1 and facts["progressed_on"] == ["letrozole"]
    working = "She has been diagnosed with metastatic breast cancer, stage 4. She is on letrozole, which is effective."
    assert extract(working).facts.get("prior_lines") != 1


def test_a_family_calling_her_mum_tells_her_sex() -> None:
    text = "After a week in hospital, we were told that mum had cancer and that it had spread to the bones."
    assert extract(text).facts["sex"] == "female"
    # a clinician's note: "Mum had breast cancer" is a family history, no patient's word
    note = "Pt 60M ER+ HER2- bone mets. Mum had breast cancer at 45."
    assert extract(note).facts.get("sex") != "female"


def test_the_writer_as_their_mother_in_her_own_clause() -> None:
    text = (
        "Since coming out with my metastatic breast cancer diagnosis, people ask how I told my "
        "kids. I'm telling the story from my point of view, as their mother."
    )
    assert extract(text).facts["sex"] == "female"


def test_an_age_in_brackets_after_a_dated_diagnosis_is_her_age_then() -> None:
    text = "After years in remission from my diagnosis in 2016 (aged 33), the cancer returned in my liver in 2021."
    assert "age" not in extract(text).facts
    assert extract("Diagnosed with metastatic breast cancer in 2021 (aged 45).").facts["age"] == 45


def test_rounds_105_106_a_relative_lost_to_her_cancer_is_the_patient() -> None:
    text = "I lost my Mother to metastasized breast cancer on March 16, 2012."
    assert extract(text).facts["sex"] == "female"
    father = "I lost my father to metastatic breast cancer in 2019."
    assert extract(father).facts["sex"] == "male"


def test_a_word_of_endearment_before_the_relative_and_her_cancer_told_later() -> None:
    text = (
        "My little sister Helen is 39 years old. She is a married mum of 3 girls, all under the "
        "age of 9, and is a nurse with 22 years of service in the RAF. She is a much-loved wife, "
        "an adored mummy, a treasured daughter, a dearly loved sister, niece, and aunt, and a "
        "favoured friend to many. Devastatingly, her breast cancer has metastasized."
    )
    assert extract(text).facts["age"] == 39
    # no cancer told of her: the sister's age is no patient's
    assert "age" not in extract("My little sister Helen is 39 years old and a nurse.").facts


def test_years_spent_on_something_are_no_age() -> None:
    text = "She is a nurse with 22 years of service. ER+ HER2- bone mets."
    assert "age" not in extract(text).facts
    assert extract("Patient 45 years of age with liver mets.").facts["age"] == 45

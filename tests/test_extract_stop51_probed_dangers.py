"""Stop 51: the dangerous readings of the held-out probe set E (written for the probe by a
helper who never saw the code; its first run, 6 dangerous of 72, was committed at stop 50
before any of it was read) and the classes round 80's first run showed (real text; its
figure was recorded before they were read). Each test has a twin that keeps the right
reading, so a fix that only deletes facts fails.

- A state judged absent ("Visceral crisis was considered but was not felt to be present")
  or excluded after a doubt ("… was suspected but ruled out", "Brain mets were considered but
  not found on MRI") was read **present**: "but" ended the scope of the negation that follows
  it, though that predicate has no subject of its own.
- A new brain lesion told with its size and look ("A new 9 mm enhancing lesion in the left
  occipital lobe …") beside earlier lesions told treated and stable after it ("the two lesions
  previously treated with SRS were stable") was read **not active**.
- A liver lesion the next scan explains ("1.2cm liver lesion → MRI liver c/w simple
  haemangioma, NOT mets") was read as a **metastatic site**.
- A mutation reported in a relative's sample ("in the tumour sequencing of the patient's
  sister"), a trial's criterion ("Inclusion 4 (documented PIK3CA mutation …): NOT MET") and
  a result taken for granted ("assumed gBRCA") were read as **her mutation**.
- Round 80: a discovery told without a treatment given ("not only was cancer back, but it had
  spread", "still getting treatment", "Your treatment is now palliative") left the line
  count asked; retained mismatch-repair proteins were not read as proficient.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


@pytest.mark.parametrize(
    "text",
    [
        "Visceral crisis was considered but was not felt to be present: bilirubin was normal.",
        "Visceral crisis was not felt to be present.",
        "Visceral crisis was considered but ruled out.",
        "Visceral crisis was suspected but ruled out on imaging.",
        "Visceral crisis was thought not to be present.",
    ],
)
def test_a_state_judged_absent_is_false(text: str) -> None:
    assert extract(text).facts.get("visceral_crisis") is False


@pytest.mark.parametrize(
    "text",
    [
        "Visceral crisis was considered and confirmed: bilirubin 5x ULN.",
        "Visceral crisis was felt to be present.",
        "Visceral crisis was considered.",  # considered only: not denied
    ],
)
def test_a_state_not_denied_is_not_false(text: str) -> None:
    assert extract(text).facts.get("visceral_crisis") is not False


def test_a_subject_after_but_keeps_its_own_negation() -> None:
    facts = extract("Liver mets but brain mets excluded.").facts
    assert facts.get("metastatic_sites") == ["liver"]
    assert facts.get("brain_metastases") is False


def test_an_exclusion_after_but_is_no_discovery() -> None:
    facts = extract("Brain mets were considered but not found on MRI.").facts
    assert facts.get("brain_metastases") is False
    assert "prior_lines" not in facts  # no metastatic event told, no 0 lines inferred


@pytest.mark.parametrize(
    "text",
    [
        "A new 9 mm enhancing lesion in the left occipital lobe was identified on surveillance "
        "MRI, although the two lesions previously treated with SRS were shown to be stable.",
        "New 9 mm occipital brain lesion on MRI; the two lesions previously treated with SRS "
        "are stable.",
    ],
)
def test_a_new_brain_lesion_beside_treated_ones_is_active(text: str) -> None:
    assert extract(text).facts.get("brain_metastases") is True


@pytest.mark.parametrize(
    "text",
    [
        "A 9 mm enhancing lesion in the left occipital lobe, treated with SRS, is stable.",
        "New 9 mm occipital brain lesion treated with SRS in 2022, stable since.",
    ],
)
def test_a_lesion_treated_after_it_was_found_is_settled(text: str) -> None:
    assert extract(text).facts.get("brain_metastases") is False


@pytest.mark.parametrize(
    "text",
    [
        "CT: 1.2cm liver lesion → MRI liver c/w simple haemangioma, NOT mets. Known bony disease.",
        "CT: 1.2cm liver lesion, MRI c/w haemangioma. Bone mets.",
        "CT: 1.2 cm liver lesion -> US liver: simple cyst. Bone mets.",
    ],
)
def test_a_lesion_the_next_scan_explains_is_no_site(text: str) -> None:
    assert "liver" not in (extract(text).facts.get("metastatic_sites") or [])


@pytest.mark.parametrize(
    "text",
    [
        "CT: liver mets; MRI brain: 2 new lesions.",
        "Liver mets, bone scan shows degenerative changes, not mets.",
    ],
)
def test_a_site_beside_another_scan_stays(text: str) -> None:
    assert "liver" in (extract(text).facts.get("metastatic_sites") or [])


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "An AKT1 E17K mutation had been reported in the tumour sequencing of the patient's "
            "sister.",
            "akt1",
        ),
        ("A BRCA2 mutation was found on the genetic testing of her mother.", "germline_brca"),
        (
            "Inclusion 4 (documented PIK3CA mutation in tumour or ctDNA): NOT MET at present — "
            "tissue NGS failed QC, result pending.",
            "pik3ca",
        ),
        ("Eligibility requires a documented ESR1 mutation.", "esr1"),
        (
            "Prescriber appears to have assumed gBRCA on the basis of family history.",
            "germline_brca",
        ),
    ],
)
def test_a_mutation_not_hers_is_not_set(text: str, fact: str) -> None:
    assert fact not in extract(text).facts


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("She carries a BRCA1 mutation, like her sister.", "germline_brca"),
        ("AKT1 E17K mutation on her tumour sequencing.", "akt1"),
        ("Documented PIK3CA mutation in tumour tissue.", "pik3ca"),
    ],
)
def test_her_own_mutation_is_still_read(text: str, fact: str) -> None:
    assert extract(text).facts.get(fact) is True


@pytest.mark.parametrize(
    "text",
    [
        "In May 2020 my oncologist delivered me the news that not only was cancer back, but it "
        "had spread with vengeance; it was now in my bones.",
        "So, the breast cancer came back. And it's spread to my bones. I'm still alive, still "
        "getting treatment, and we don't know how well the treatment is working yet.",
        "Your cancer has already metastasised. Your cancer is already in your lungs. Your "
        "treatment is now palliative.",
    ],
)
def test_a_discovery_with_nothing_given_is_zero_lines_inferred(text: str) -> None:
    extraction = extract(text)
    assert extraction.facts.get("prior_lines") == 0
    assert "prior_lines" in extraction.inferred


@pytest.mark.parametrize(
    "text",
    [
        "Nor was the cancer back.",
        "Bone mets found in 2019; treatment is palliative; she had 3 lines.",
        "Bone mets found in 2019; I'm still getting treatment and it is failing.",
    ],
)
def test_no_zero_lines_without_a_discovery_or_with_lines_told(text: str) -> None:
    assert extract(text).facts.get("prior_lines") != 0


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The tumor cells showed retained expression of DNA mismatch repair proteins.", False),
        ("MMR proteins were intact.", False),
        ("Loss of MLH1/PMS2 expression.", True),
    ],
)
def test_mismatch_repair_staining(text: str, value: bool) -> None:
    assert extract(text).facts.get("dmmr") is value


@pytest.mark.parametrize(
    "text",
    [
        # r81-0001 (round 81, after its first run) and held-out probe E
        "Fulvestrant was discontinued due to progression, and second-line therapy with "
        "palbociclib + letrozole was recommended.",
        "A CDK4/6 inhibitor with endocrine therapy was therefore recommended in preference to "
        "chemotherapy.",
        "Palbociclib was recommended, but she declined.",
    ],
)
def test_a_regimen_recommended_is_not_given(text: str) -> None:
    facts = extract(text).facts
    assert "prior_cdk46" not in facts
    assert not {"palbociclib", "cdk4/6 inhibitor"} & set(facts.get("prior_therapies") or [])


@pytest.mark.parametrize(
    "text",
    [
        "A combination of nab paclitaxel and bevacizumab is recommended, and treatment is initiated.",
        "Her care team recommended abemaciclib plus fulvestrant; diarrhoea started after 10 days.",
    ],
)
def test_a_regimen_recommended_then_begun_is_given(text: str) -> None:
    assert extract(text).facts.get("prior_therapies")


# -- round 83 (after its first run, 0.778) --------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "The good news is that my cancer hasn't metastasized into any other organs or my bones.",
        "Luckily it has not spread to any of her other organs or to her bones.",
    ],
)
def test_a_spread_denied_denies_every_place_after_it(text: str) -> None:
    assert "bone" not in (extract(text).facts.get("metastatic_sites") or [])


@pytest.mark.parametrize(
    "text",
    [
        "It hasn't spread anywhere else, but she has liver mets.",
        "She has not gone through menopause, ER+ HER2- MBC with bone mets.",
    ],
)
def test_a_spread_denial_keeps_what_is_told_after_it(text: str) -> None:
    facts = extract(text).facts
    assert facts.get("metastatic_sites")
    if "menopause" in text:
        assert facts.get("menopausal_status") == "pre"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "I'm HER2 negative and the cancer has a positive reaction to oestrogen (8/8).",
            "positive",
        ),
        ("The cancer is strongly positive for oestrogen.", "positive"),
        ("It is sensitive to estrogen.", "positive"),
        ("She is negative for oestrogen and progesterone receptors.", "negative"),
    ],
)
def test_the_hormone_named_without_receptor(text: str, value: str) -> None:
    assert extract(text).facts.get("hormone_receptor") == value


def test_chemo_as_the_next_step_in_a_bracketed_aside() -> None:
    text = (
        "I was diagnosed with metastatic breast cancer in July. She doesn't offer a prognosis at "
        "the appointment (in a word, the “next step” is chemo), and she doesn't offer one after."
    )
    assert extract(text).facts.get("chemo_candidate") is True


def test_a_bracket_listing_the_regimen_is_no_aside() -> None:
    text = (
        "Metastatic breast cancer. She was given a TEC regimen (docetaxel 75 mg/m2, epirubicin "
        "75 mg/m2) for one cycle but showed no objective response."
    )
    assert extract(text).facts.get("chemo_candidate") is not True


# -- held-out probe set F (after its first run, 14/71 dangerous) ----------------------------------
@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (
            "The lab finally reported on 3 June that no pathogenic alteration was identified in "
            "PIK3CA, AKT1 or PTEN.",
            ("pik3ca", "akt1", "pten"),
        ),
        (
            "For context, about 40% of HR+/HER2- MBC carry a PIK3CA mutation and up to 40% of "
            "AI-pretreated patients acquire ESR1 mutations. Our pt: ctDNA sent Monday, pending.",
            ("pik3ca", "esr1"),
        ),
        (
            "Pt reports her previous oncologist 'mentioned something about a BRCA gene' but there "
            "is no genetics report in any records we hold.",
            ("germline_brca",),
        ),
        (
            "Liver mets unchanged on CT. If the bilirubin starts climbing we would call it visceral "
            "crisis and switch to chemo, but we're not there.",
            ("visceral_crisis",),
        ),
    ],
)
def test_a_finding_not_hers_now_is_not_true(text: str, absent: tuple[str, ...]) -> None:
    facts = extract(text).facts
    assert not any(facts.get(fact) is True for fact in absent), facts


def test_the_genes_after_no_alteration_identified_are_negative() -> None:
    facts = extract("No pathogenic variants were found in BRCA1 or BRCA2.").facts
    assert facts.get("germline_brca") is False


def test_a_share_of_cells_is_no_population() -> None:
    facts = extract("ER positive in 90% of cells, PR 40% of cells, HER2 1+.").facts
    assert facts.get("hormone_receptor") == "positive"


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        (
            "Her older sister died of breast cancer that had spread to the liver and lungs. Pt's "
            "own staging CT/bone scan: bone-only disease (spine, pelvis, ribs).",
            ["bone"],
        ),
        (
            "Restaging: neither the bone scan nor the PET-CT showed any skeletal involvement; "
            "disease is confined to the liver.",
            ["liver"],
        ),
    ],
)
def test_sites_not_hers_are_not_read(text: str, sites: list[str]) -> None:
    assert extract(text).facts.get("metastatic_sites") == sites


def test_a_carers_mother_who_died_is_the_patient() -> None:
    facts = extract("My mum died of breast cancer that had spread to her liver and lungs.").facts
    assert {"liver", "lung"} <= set(facts.get("metastatic_sites") or [])


@pytest.mark.parametrize(
    "text",
    [
        "Dx early BC age 41 while premenopausal, had 5 yrs tamoxifen. Now 58, LMP at 52. De novo "
        "relapse in bone.",
        "At dx in 2017 she was perimenopausal (age 49) and had goserelin + tamoxifen. Now 57.",
        "Daughter here. my mum is 68 and has had secondary breast cancer since 2023. I'm 36 and "
        "still premenopausal, does that mean I should get the gene test too?",
    ],
)
def test_a_status_of_another_time_or_person_is_not_pre(text: str) -> None:
    assert extract(text).facts.get("menopausal_status") != "pre"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "61-year-old, premenopausal at dx of early BC in 2012, now menopausal since ~2016.",
            "post",
        ),
        ("45F premenopausal, ER+ HER2- MBC, bone mets.", "pre"),
    ],
)
def test_the_status_now_is_still_read(text: str, value: str) -> None:
    assert extract(text).facts.get("menopausal_status") == value


@pytest.mark.parametrize(
    ("text", "active"),
    [
        (
            "Post-SRS surveillance MRI: the 3 treated lesions are smaller, however there is a new "
            "6 mm enhancing lesion in the L occipital lobe.",
            True,
        ),
        (
            "WBRT 2021 for multiple brain mets. Serial MRIs since have shown stable appearances.",
            False,
        ),
        (
            "Brain mets treated with SRS in 2022. MRI now: one of the treated lesions has grown "
            "from 8 to 15 mm with new oedema.",
            True,
        ),
        ("Brain mets treated with SRS in 2022. MRI now: the treated lesions are stable.", False),
        ("SRS in 2027 planned for her brain mets.", True),
    ],
)
def test_brain_metastases_told_in_notes(text: str, active: bool) -> None:
    assert extract(text).facts.get("brain_metastases") is active


def test_new_leptomeningeal_disease_beside_stable_treated_lesions_is_not_settled() -> None:
    text = (
        "Treated brain mets (SRS 2023) remain stable, but there is new leptomeningeal enhancement "
        "along the cerebellar folia and CSF cytology is positive for malignant cells."
    )
    assert extract(text).facts.get("brain_metastases") is not False

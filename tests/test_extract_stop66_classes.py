"""Stop 66: the classes behind held-out probe set W's dangerous readings and round 129's
misses. Each test has a twin that keeps the other reading.

- A benign disease told as the finding's own verdict after a dash, a colon, a bracket or a
  copula ("lesion: … - pulmonary tuberculosis", "… - typical focal nodular hyperplasia,
  benign", "… is a developmental venous anomaly") leaves the organ unread; not a verdict on
  some of the findings only, nor one of two named ("- metastasis or cyst"), nor one with a
  metastasis told after the organ.
- What an unproven test or a practitioner outside medicine says (thermography, an
  iridologist, a saliva hormone test) is no finding; a medical exam told after it is read.
- A family-history field reaches to its sentence's end past the dashes of its entries.
- Text-speak modals ("cud be") hedge as their words do.
- A brain treatment's word in scare quotes or typed as patients spell it ("sterotactic") is
  still the treatment.
- A form's history question to the reader ("Have you ever had liver disease?") tells nothing.
- The complaint told as the cancer's doing ("Her breast cancer has caused damage to her liver
  and bones") keeps its organs; as a treatment's, it drops them, all listed organs alike.
- Round 129: "stage 4,bone mets" (a comma typed against the word), a finding described
  before its place ("a cratered lesion with rounded walls in the gastric body"),
  and "an 18 F FDG PET/CT" (no age).
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


def facts(text: str) -> dict:
    return dict(extract(text).facts)


def sites(text: str) -> list[str]:
    return list(extract(text).facts.get("metastatic_sites", []))


# -- a benign disease as the finding's verdict --------------------------------------------
@pytest.mark.parametrize(
    ("text", "organ"),
    [
        (
            "Cavitating right upper lobe lesion: sputum AFB smear positive, TB PCR positive - "
            "pulmonary tuberculosis, started on RIPE. Her breast cancer is in bone and liver.",
            "lung",
        ),
        (
            "MRI liver (gadoxetate): 3 cm segment IV lesion with a central scar, iso- to "
            "hyperintense in the hepatobiliary phase - typical focal nodular hyperplasia, benign. "
            "Metastases: lung and pleura only.",
            "liver",
        ),
        (
            "MRI brain: the 'enhancing focus' in the right cerebellum is a developmental venous "
            "anomaly, a normal variant. ER+ HER2- MBC, bone and liver.",
            "brain",
        ),
        (
            "MRI brain: single 4 mm calcified nodule in the left frontal lobe without enhancement "
            "or oedema - healed neurocysticercosis. HER2+ MBC to liver.",
            "brain",
        ),
    ],
)
def test_a_benign_verdict_leaves_the_organ_unread(text: str, organ: str) -> None:
    assert organ not in sites(text)
    assert facts(text).get("brain_metastases") is not True


@pytest.mark.parametrize(
    ("text", "organ"),
    [
        ("CT: lung nodules - one is a granuloma.", "lung"),
        ("Liver lesion - metastasis or cyst.", "liver"),
        ("Liver lesion with a central scar - metastasis, not FNH.", "liver"),
        ("CT: new liver lesions - metastases; an old cyst in segment 2.", "liver"),
    ],
)
def test_a_verdict_on_some_of_them_or_with_a_metastasis_keeps_the_organ(
    text: str, organ: str
) -> None:
    assert organ in sites(text)


# -- unproven sources ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "organ", "kept"),
    [
        (
            "Thermography clinic printout: 'hyperthermic hot spots over the liver and right "
            "axilla'. Staging PET-CT last week: metastases in the spine and pelvis only.",
            "liver",
            "bone",
        ),
        (
            "My iridologist says the cancer is in my lungs now. CT chest/abdomen in March: the "
            "spread is in my liver only.",
            "lung",
            "liver",
        ),
    ],
)
def test_an_unproven_test_or_practitioner_tells_no_site(text: str, organ: str, kept: str) -> None:
    found = sites(text)
    assert organ not in found
    assert kept in found


def test_a_medical_exam_after_the_unproven_source_is_read() -> None:
    text = "My naturopath thinks my liver is congested. CT: liver metastases, 3 new."
    assert "liver" in sites(text)


def test_a_saliva_test_tells_no_menopausal_status() -> None:
    text = (
        "58, no periods since 2015, takes no hormones. A private 'bioidentical hormone' clinic "
        "did a saliva test that reports a 'premenopausal oestrogen pattern'. ER+ HER2- MBC, liver."
    )
    assert facts(text).get("menopausal_status") != "pre"
    assert facts("ER+ HER2- MBC, liver. She is premenopausal.").get("menopausal_status") == "pre"


# -- a family-history field ---------------------------------------------------------------
def test_a_family_history_field_reaches_past_its_entries_dashes() -> None:
    text = (
        "Section 4 (family history): mother - breast cancer at 44, BRCA1 carrier; maternal aunt "
        "- ovarian cancer. Section 5 (applicant's own genetic tests): BRCA1/BRCA2 panel 2024 - "
        "no pathogenic variant. Condition claimed: metastatic breast cancer, liver."
    )
    assert facts(text).get("germline_brca") is not True
    assert facts("Family history: mother - breast cancer at 44, BRCA1 carrier.") == {}


def test_her_own_result_after_the_family_history_field_is_read() -> None:
    text = "Family history: mother with breast cancer. She herself is a BRCA1 carrier."
    assert facts(text).get("germline_brca") is True


# -- text-speak modals --------------------------------------------------------------------
def test_a_text_speak_modal_hedges_the_line() -> None:
    text = (
        "1st line kiskali + letrozole, 2nd line fazlodex + pique-ray, 3rd line cape n 4th line "
        "enhurtu ALL stopped working, onc says 5th line cud be eribulin b4 xmas."
    )
    assert facts(text).get("prior_lines") == 4
    spelled = text.replace(" cud ", " could ")
    assert facts(spelled).get("prior_lines") == 4


def test_bc_stays_breast_cancer() -> None:
    assert "bone" in sites("ER+ HER2-, bc mets to bone, on letrozole.")


# -- a brain treatment in quotes or misspelt ----------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "my mum had the 'sterotactic' zapping on 3 brain mets in march, the scan last wk says "
        "'complete responce' for all 3 and nothing new.",
        "She had the 'stereotactic' treatment to 2 brain mets last year.",
        "She had steriotactic radiation to 2 brain mets last year, stable since.",
    ],
)
def test_a_quoted_or_misspelt_brain_treatment_is_read(text: str) -> None:
    assert facts(text).get("brain_metastases") is False


def test_new_brain_metastases_after_the_quoted_treatment_are_active() -> None:
    text = "She had the 'stereotactic' on 2 brain mets; now 3 new brain mets, growing."
    assert facts(text).get("brain_metastases") is True


# -- a form's history question ------------------------------------------------------------
def test_a_forms_history_question_tells_no_site() -> None:
    text = (
        "Travel-insurance medical screening. Q7 'Have you ever had liver disease?' - YES "
        "(hepatitis A in 1998, fully recovered). Q9 'Where has your cancer spread?' - Bones only."
    )
    assert "liver" not in sites(text)
    assert "liver" in sites("Could you advise on next line for ER+ MBC with liver mets?")


# -- complaints: the cancer's doing or the treatment's -------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Her breast cancer has caused damage to her liver and bones.",
        "Her breast cancer has caused damage to her bones and liver.",
    ],
)
def test_the_cancers_damage_keeps_every_listed_organ(text: str) -> None:
    assert sorted(sites(text)) == ["bone", "liver"]


@pytest.mark.parametrize(
    "text",
    [
        "Chemo has caused damage to her liver and she has bone mets.",
        "Chemo for her breast cancer caused liver damage. Bone mets.",
        "Capecitabine caused damage to her liver; she has bone mets.",
    ],
)
def test_a_treatments_damage_is_no_site(text: str) -> None:
    assert sites(text) == ["bone"]


def test_a_complaint_list_drops_every_organ_alike() -> None:
    assert sites("She has pain in her liver and bones.") == []


# -- round 129 ----------------------------------------------------------------------------
def test_a_comma_typed_against_the_word() -> None:
    text = (
        "My husband has stage 4,bone mets,her-2 positive cancer. Right now he is responding to "
        "treatment (Taxotere) and gets Herceptin weekly."
    )
    found = facts(text)
    assert found["metastatic_sites"] == ["bone"]
    assert set(found["prior_therapies"]) == {"docetaxel", "trastuzumab"}


def test_a_plural_in_brackets_stays_one_word() -> None:
    assert sites("Liver metastasis(es) on CT, ER+ HER2-.") == ["liver"]


@pytest.mark.parametrize(
    "text",
    [
        "Endoscopy: a cratered lesion with rounded walls in the gastric body. These lesions were "
        "biopsied: metastatic carcinoma of breast origin.",
        "Endoscopy: a mass with central necrosis and irregular margins in the gastric antrum. "
        "Biopsy: metastatic carcinoma of breast origin.",
    ],
)
def test_a_finding_described_before_its_place(text: str) -> None:
    assert sites(text) == ["stomach"]


def test_a_complaint_described_before_its_place_is_no_finding() -> None:
    text = "A patient with severe pain in the gastric body. Biopsy: metastatic breast carcinoma."
    assert "stomach" not in sites(text)


def test_an_isotope_spaced_from_its_compound_is_no_age() -> None:
    text = "An 18 F FDG PET/CT showed liver metastases in this woman with ER+ HER2- breast cancer."
    assert "age" not in facts(text)
    assert facts("58 F PET-CT: liver mets, ER+ HER2-").get("age") == 58
    assert facts("58 F FDG-avid liver mets on PET, ER+").get("age") == 58

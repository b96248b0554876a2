"""Stop 65: the classes behind held-out probe set V's dangerous readings (all class A, sites)
and round 128's misses. Each test has a twin that keeps the other reading.

- An organ a mass presses on is no site, also through a part of it ("indents the dome of the
  liver") and past an aside that denies invasion ("indents - but does not invade - the
  liver"); an aside that asserts invasion keeps the site.
- An organ named by its complaint or a drug's harm to it ("redness of the skin", "dry skin",
  "her skin is dry and itchy", "bone pain", "liver toxicity", "a lung infection", "brain
  fog") is no site, unless a metastasis is told in its own phrase ("bone pain from her bone
  metastases").
- "Liver spots" are solar lentigines.
- The organ a spread is told to come from is its origin ("metastatic from the breast or
  stomach").
- The organ told as what was examined ("The bone marrow revealed metastatic adenocarcinoma",
  "Bone marrow analysis … reveals breast cancer metastases") is a site; a scan of the organ
  ("CT of the abdomen showed …") is not its sample.
- "an 18 F-FDG PET/CT" is a tracer, not an age; "at 36 years old" after "a 50-year-old woman"
  is an earlier event's age.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


def sites(text: str) -> list[str]:
    return list(extract(text).facts.get("metastatic_sites", []))


@pytest.mark.parametrize(
    "text",
    [
        "PET-CT: lytic metastasis of the right 9th rib with a soft-tissue component that indents - but does not invade - the dome of the liver. ER+ HER2-, bone-only disease.",
        "ER+ MBC in bone. The rib mass abuts, without invading, the liver.",
        "ER+ MBC in bone. The rib mass abuts (but does not invade) the liver.",
        "ER+ MBC in bone. The rib lesion indents the surface of the liver.",
    ],
)
def test_an_organ_a_mass_presses_on_is_no_site(text: str) -> None:
    assert "liver" not in sites(text)


@pytest.mark.parametrize(
    "text",
    [
        "ER+ MBC in bone. The mass displaces, and invades, the liver.",
        "ER+ MBC in bone. The rib mass invades the dome of the liver.",
    ],
)
def test_an_organ_told_invaded_stays_a_site(text: str) -> None:
    assert "liver" in sites(text)


@pytest.mark.parametrize(
    ("text", "organ"),
    [
        ("ER+ MBC in the lymph nodes. Redness of the skin at the injection site.", "skin"),
        ("ER+ MBC in the lymph nodes. Itchy skin on capecitabine.", "skin"),
        ("ER+ MBC in the lymph nodes. Her skin is dry and itchy.", "skin"),
        ("ER+ MBC in the lymph nodes. Bone pain in her hips on letrozole.", "bone"),
        ("ER+ MBC in the lymph nodes. Her bones ache.", "bone"),
        ("ER+ MBC in the lymph nodes. Liver toxicity grade 3 on abemaciclib.", "liver"),
        ("ER+ MBC in the lymph nodes. A lung infection last month.", "lung"),
        ("ER+ MBC in the lymph nodes. Pneumonia in the right lung.", "lung"),
        ("ER+ MBC in the lymph nodes. Brain fog from chemo.", "brain"),
        ("ER+ MBC in the lymph nodes. The liver is fatty.", "liver"),
    ],
)
def test_an_organs_complaint_is_no_site(text: str, organ: str) -> None:
    assert organ not in sites(text)


@pytest.mark.parametrize(
    ("text", "organ"),
    [
        ("ER+ MBC in the lymph nodes. Bone pain from her bone metastases.", "bone"),
        ("ER+ MBC. New skin nodules on her chest.", "skin"),
        ("ER+ MBC. Painful liver metastases on CT.", "liver"),
    ],
)
def test_a_metastasis_told_with_the_complaint_stays(text: str, organ: str) -> None:
    assert organ in sites(text)


def test_liver_spots_are_lentigines() -> None:
    text = "Dermatology: multiple 'liver spots' on both forearms. ER+ HER2- MBC, bone only."
    assert sites(text) == ["bone"]


@pytest.mark.parametrize(
    "text",
    [
        "A Pap smear showed signet ring cell adenocarcinoma, most likely metastatic from the breast or stomach.",
        "Adenocarcinoma metastatic from the stomach was considered.",
    ],
)
def test_the_organ_a_spread_comes_from_is_its_origin(text: str) -> None:
    assert "stomach" not in sites(text)


def test_the_organ_a_spread_goes_to_stays() -> None:
    assert sites("Breast cancer that spread from the breast to the stomach.") == ["stomach"]


@pytest.mark.parametrize(
    "text",
    [
        "Breast cancer patient. The bone marrow revealed presence of metastatic adenocarcinoma.",
        "Breast cancer patient. Bone marrow analysis of the same patient reveals breast cancer metastases.",
    ],
)
def test_the_organ_told_as_examined_is_a_site(text: str) -> None:
    assert sites(text) == ["bone marrow"]


def test_a_scan_of_the_organ_is_not_its_sample() -> None:
    text = (
        "Breast cancer. CT of the abdomen showed a pancreatic head tumour with metastatic disease."
    )
    assert "abdomen" not in sites(text)


@pytest.mark.parametrize(
    "text",
    [
        "A 48-year-old woman had breast spindle cell carcinoma. Recently an 18 F-FDG PET/CT scan revealed lung metastases.",
        "A 48-year-old woman; an 18F-FDG PET/CT showed bone metastases.",
    ],
)
def test_a_spaced_tracer_mass_number_is_no_age(text: str) -> None:
    assert extract(text).facts.get("age") == 48


def test_a_plain_age_and_sex_before_a_hyphen_stays() -> None:
    assert extract("45 F - ER+ MBC, bone.").facts.get("age") == 45


@pytest.mark.parametrize(
    "text",
    [
        "A 50-year-old woman underwent a mastectomy for breast cancer at 36 years old.",
        "A 50-year-old woman underwent a mastectomy for breast cancer at 36 years of age.",
    ],
)
def test_an_earlier_events_age_leaves_her_age(text: str) -> None:
    assert extract(text).facts.get("age") == 50

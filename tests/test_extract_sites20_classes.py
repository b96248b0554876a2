"""Sites classes of helper sites20 (issue 10, seen text), CheckList-style: templates whose
slots expand into variants with the sites each must give, and metamorphic variants that must
not change them (or must change them only as told).

1. Leptomeningeal disease (and the dura, the CSF that shows it) is the site "meninges" only,
   never the brain as well: the labels of every round write it so (34 texts) and the extra
   "brain" was the largest class of site values read beyond the labels (28 texts). It stays
   CNS disease for the guideline: brain_metastases true unless treated.
2. A statement of how often breast cancer spreads where ("Breast cancer frequently
   metastasizes to the bones, lungs, and liver", "the most common sites for breast cancer to
   metastasize are …") names no site of the patient, nor active brain metastases; the report's
   own sites, told beside it, stay (10 seen texts, 33 extra values). Rarity is no cue: "splenic
   metastasis from breast cancer is rare" opens the report of that site. The two bowels told
   with one noun ("to the small and large bowel") are both sites.
3. The pelvis named among bones ("lytic lesions in spine and pelvis", "the ribs, sacrum,
   pelvis and femur", "my pelvis bone") is the bony pelvis: the site is bone (9 seen texts read
   an extra "pelvis"); told beside no bone it stays the pelvis.
"""

from __future__ import annotations

import itertools

import pytest

from chatbot.nlp import extract
from tests.checklist import spread

# -- 1. leptomeningeal disease is the meninges ---------------------------------------------------
MENINGEAL = (
    "leptomeningeal metastases",
    "leptomeningeal carcinomatosis",
    "carcinomatous meningitis",
    "leptomeningeal disease (LMD)",
    "a dural metastasis",
    "neoplastic meningitis",
    "leptomeningeal enhancement on MRI",
    "malignant cells on CSF cytology",
)
MENINGEAL_OPENINGS = (
    "58-year-old woman with ER+ HER2- metastatic breast cancer, now with {m}.",
    "HER2-positive MBC; she has developed {m}.",
    "A 47-year-old with triple-negative breast cancer presented with headache; work-up showed {m}.",
)


@pytest.mark.parametrize(
    ("phrase", "opening"), spread(list(itertools.product(MENINGEAL, MENINGEAL_OPENINGS)), 24)
)
def test_leptomeningeal_disease_is_the_meninges_not_the_brain(
    nlp, phrase: str, opening: str
) -> None:  # type: ignore[no-untyped-def]
    text = opening.format(m=phrase)
    got = extract(text).facts
    assert got.get("metastatic_sites") == ["meninges"], (text, got)
    assert got.get("brain_metastases") is True, (text, got)  # still CNS disease


# metamorphic: brain metastases told beside it add the brain; bone metastases add only bone
@pytest.mark.parametrize("phrase", MENINGEAL[:6])
def test_meninges_with_other_sites(nlp, phrase: str) -> None:  # type: ignore[no-untyped-def]
    base = f"ER+ HER2- metastatic breast cancer with {phrase}."
    with_brain = f"ER+ HER2- metastatic breast cancer with brain metastases and {phrase}."
    with_bone = f"ER+ HER2- metastatic breast cancer with bone metastases. She now has {phrase}."
    assert extract(base).facts["metastatic_sites"] == ["meninges"]
    assert sorted(extract(with_brain).facts["metastatic_sites"]) == ["brain", "meninges"]
    assert sorted(extract(with_bone).facts["metastatic_sites"]) == ["bone", "meninges"]


# -- 2. a statement of how often breast cancer spreads where -----------------------------------
GENERAL = (
    "Breast cancer frequently metastasizes to the bones, lungs, and liver.",
    "Breast cancer often metastasises to bone, lymph nodes, liver and lung.",
    "The most common sites for breast cancer to metastasize are the lymph nodes, bones, lungs,"
    " brain, and liver.",
    "Breast cancer is usually associated with metastases to lungs, bones and liver.",
    "Lobular carcinoma tends to metastasize to the peritoneum and the gastrointestinal tract.",
    "Metastases of breast carcinoma typically involve the bone, liver and lung.",
    "The brain is one of the common sites of metastases from breast cancer, with bone and liver.",
    "Brain metastases are common in HER2-positive disease.",
)
REPORTS = (
    ("We report a 62-year-old woman with an isolated splenic metastasis.", ["spleen"]),
    (
        "Here, a 54-year-old patient with metastasis to the gallbladder is described.",
        ["gallbladder"],
    ),
    ("She presented with pituitary metastasis five years after surgery.", ["pituitary"]),
)


@pytest.mark.parametrize(
    ("general", "report"), spread(list(itertools.product(GENERAL, REPORTS)), 24)
)
def test_a_statement_of_the_disease_in_general_names_no_site(
    nlp, general: str, report: tuple[str, list[str]]
) -> None:  # type: ignore[no-untyped-def]
    sentence, sites = report
    text = f"{general} {sentence}"
    got = extract(text).facts
    assert got.get("metastatic_sites") == sites, (text, got)
    assert "brain_metastases" not in got, (text, got)
    # metamorphic: the general sentence moved after the report changes nothing
    assert extract(f"{sentence} {general}").facts.get("metastatic_sites") == sites


# the same words told of the patient, asked as a question, or as the rarity that opens the
# report keep their sites
OWN = (
    ("Her breast cancer frequently recurred in the liver and lungs.", ["liver", "lung"]),
    ("She has bone metastases, which are often painful.", ["bone"]),
    ("A 60-year-old woman whose cancer usually spread to the bone and liver.", ["bone", "liver"]),
    ("ER+ MBC with liver metastases. Do you usually start with chemotherapy?", ["liver"]),
    ("Splenic metastasis from breast cancer is rare. We report one.", ["spleen"]),
    ("Metastasis of breast cancer to the appendix is rare; we report such a case.", ["appendix"]),
    ("MRI: expansile lesion at L1 (metastases typically involve the pedicles).", ["bone"]),
    ("We report metastatic breast cancer to the small and large bowel.", ["small bowel", "colon"]),
)


@pytest.mark.parametrize(("text", "sites"), OWN)
def test_the_patients_own_sites_stay(nlp, text: str, sites: list[str]) -> None:  # type: ignore[no-untyped-def]
    got = extract(text).facts
    assert sorted(got.get("metastatic_sites", [])) == sorted(sites), (text, got)


# -- 3. the pelvis named among bones is bone ---------------------------------------------------
BONES = ("spine", "ribs", "sacrum", "femur", "skull", "vertebrae")
PELVIS_LISTS = (
    "Imaging shows multiple lytic lesions in the {b} and pelvis.",
    "PET/CT showed hypermetabolic metastases in the liver, {b}, pelvis and lungs.",
    "A bone scan demonstrated metastases in the pelvis and {b}.",
    "Skeletal survey revealed extensive osteolytic lesions including {b} and pelvis.",
)


@pytest.mark.parametrize(
    ("template", "bone"), spread(list(itertools.product(PELVIS_LISTS, BONES)), 24)
)
def test_the_pelvis_among_bones_is_bone(nlp, template: str, bone: str) -> None:  # type: ignore[no-untyped-def]
    text = "ER+ HER2- metastatic breast cancer. " + template.format(b=bone)
    got = extract(text).facts.get("metastatic_sites", [])
    assert "pelvis" not in got and "bone" in got, (text, got)


# metamorphic: the bone in the list swapped for an organ that is no bone leaves the pelvis
@pytest.mark.parametrize("organ", ["adrenal glands", "peritoneum", "spleen", "kidneys"])
def test_the_pelvis_listed_with_no_bone_stays(nlp, organ: str) -> None:  # type: ignore[no-untyped-def]
    text = f"ER+ HER2- MBC. PET/CT showed hypermetabolic metastases in the liver, {organ}, pelvis and lungs."
    got = extract(text).facts.get("metastatic_sites", [])
    assert "pelvis" in got and "bone" not in got, (text, got)


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        ("Breast cancer with ovarian and pelvic metastasis.", ["ovary", "pelvis"]),
        ("Right now I have cancer on 3 vertebrae, 1 rib and on my pelvis bone.", ["bone"]),
    ],
)
def test_the_pelvis_beside_no_bone_stays(nlp, text: str, sites: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert sorted(extract(text).facts.get("metastatic_sites", [])) == sorted(sites)

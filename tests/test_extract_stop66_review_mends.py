"""Stop 66: the cold reviews of 077bb52 (two reviewers, 14 + 12 critical findings), each
mended here; every test fails on 077bb52.

Reviewer A (sites): a complaint's cause feared, asked or general ("the cancer could cause
damage to her liver"), the primary's own skin, lay treatment words ("hormone blockers",
"meds", "tx"), the cause told in its own clause ("Despite chemotherapy, the cancer has
caused …") or as the agent ("… is caused by the letrozole, not the cancer"), a treatment's
harm beside another organ's metastases, one cause told for two organs; a benign verdict
denied or doubted ("TB excluded", "sarcoid unlikely", "atypical for haemangioma"), of another
organ ("incidental left renal cyst"), or her history beside the finding ("she is a hepatitis B
carrier", "known DVA elsewhere"); a practitioner named but not telling ("I see a naturopath
alongside chemo for my bone and liver mets") or beside a doctor.

Reviewer B: an organ's bracketed result typed against it ("brain(NAD)"), a family-history
field that is empty or followed by her own clause, a colleague asked "Have you ever seen a
case like this: …", a form's question answered yes, a stereotactic biopsy or frame, an "18 F"
tracer named other than FDG.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


def sites(text: str) -> set[str]:
    return set(extract(text).facts.get("metastatic_sites", []))


SITE_CASES = [
    (
        "Chemo has caused damage to her liver and the lungs have new metastases.",
        ["lung"],
        ["liver"],
    ),
    (
        "Radiotherapy caused redness on her skin and her lungs are full of cancer now.",
        ["lung"],
        ["skin"],
    ),
    ("Chemo caused pain in her bones and liver, which are full of mets.", ["bone", "liver"], []),
    ("The doctor said the cancer could cause damage to her liver.", [], ["liver"]),
    ("Her doctor said the cancer might be causing the damage to her liver.", [], ["liver"]),
    ("We do not know yet whether the cancer is causing the pain in her bones.", [], ["bone"]),
    ("The oncologist explained that breast cancer can cause damage to the liver.", [], ["liver"]),
    ("I'm scared the cancer will cause damage to my liver and bones.", [], ["liver", "bone"]),
    ("Her breast cancer is causing redness of the skin over the breast.", [], ["skin"]),
    ("She has breast cancer and the hormone blockers are causing pain in her bones.", [], ["bone"]),
    ("Her cancer meds caused liver damage.", [], ["liver"]),
    ("Her cancer tx has caused liver damage.", [], ["liver"]),
    ("Her breast cancer has done damage to her liver and bones.", ["liver", "bone"], []),
    ("The disease has caused damage to her liver and bones.", ["liver", "bone"], []),
    (
        "She has pain in her bones and a lump in her liver, both from the cancer.",
        ["bone", "liver"],
        [],
    ),
    ("Her bones ache and her liver is swollen from the cancer.", ["bone", "liver"], []),
    ("Despite chemotherapy, the cancer has caused damage to her liver.", ["liver"], []),
    ("She is on letrozole but the cancer is causing pain in her bones.", ["bone"], []),
    ("The pain in her bones is caused by the letrozole, not the cancer.", [], ["bone"]),
    ("Thankfully the cancer hasn't caused any damage to her liver.", [], ["liver"]),
    ("MRI brain: new 7 mm enhancing cerebellar lesion (known DVA elsewhere).", ["brain"], []),
    (
        "Brain MRI: 2 new ring-enhancing lesions - neurocysticercosis unlikely given travel history.",
        ["brain"],
        [],
    ),
    (
        "Brain MRI shows 2 enhancing lesions in the cerebellum, there is also an old infarct.",
        ["brain"],
        [],
    ),
    ("CT: multiple new liver lesions (incidental left renal cyst).", ["liver"], []),
    ("Multiple lytic bone lesions (also simple renal cysts).", ["bone"], []),
    ("PET-CT: new FDG-avid lung nodules - TB excluded, biopsy awaited.", ["lung"], []),
    ("New lung nodules - TB quantiferon negative, for CT-guided biopsy.", ["lung"], []),
    ("Lung nodules: sputum negative for TB, biopsy booked.", ["lung"], []),
    ("New liver lesions (hepatitis serology negative).", ["liver"], []),
    ("Bone scan: new hot spots in the spine - bone islands excluded on CT.", ["bone"], []),
    ("Liver lesion - atypical for haemangioma, MRI advised.", ["liver"], []),
    ("New lung nodules (sarcoid unlikely).", ["lung"], []),
    ("New liver lesions on CT, she is a hepatitis B carrier.", ["liver"], []),
    ("New liver lesions in a patient who was treated for hepatitis C.", ["liver"], []),
    ("Liver: known hepatitis C, two new hypodense lesions.", ["liver"], []),
    ("Liver: 3 new lesions - background of cirrhosis.", ["liver"], []),
    (
        "Multiple lung nodules seen on the CT done when she was admitted with pneumonia.",
        ["lung"],
        [],
    ),
    (
        "They found spots on my liver and lungs, I was treated for TB as a kid.",
        ["liver", "lung"],
        [],
    ),
    ("I see a naturopath alongside chemo for my bone and liver mets.", ["bone", "liver"], []),
    (
        "My naturopath is helping with the nausea since the cancer spread to my liver and bones.",
        ["bone", "liver"],
        [],
    ),
    ("I do reiki to cope with the pain from my bone mets.", ["bone"], []),
    (
        "I go to reflexology and reiki to cope, I have ER+ HER2- breast cancer with bone mets.",
        ["bone"],
        [],
    ),
    (
        "My naturopath and my oncologist both agree the cancer has spread to my liver.",
        ["liver"],
        [],
    ),
    (
        "Her homeopathic remedies were stopped when she started T-DXd for HER2-low MBC with brain mets.",
        ["brain"],
        [],
    ),
    (
        "Naturopathic doctor suggested high-dose vitamin C during chemo; she has brain mets treated with SRS.",
        ["brain"],
        [],
    ),
    ("My naturopath wants me to take turmeric for my liver mets.", ["liver"], []),
    ("I also see a homeopath for nausea from chemo for my bone mets.", ["bone"], []),
    ("I do reiki once a week which helps with the pain from my bone mets.", ["bone"], []),
    ("My naturopath says my liver is congested and I have bone mets.", ["bone"], ["liver"]),
]


@pytest.mark.parametrize(("text", "kept", "dropped"), SITE_CASES)
def test_review_sites(text: str, kept: list[str], dropped: list[str]) -> None:
    found = sites(text)
    assert set(kept) <= found
    assert not set(dropped) & found


FACT_CASES = [
    (
        "Family history: nil, she has brain mets, untreated, and liver mets.",
        {"brain_metastases": True},
    ),
    (
        "Social and family history: nonsmoker, 2 children; she is postmenopausal since 2015, ER+ HER2- with bone mets.",
        {"menopausal_status": "post", "hormone_receptor": "positive", "her2": "negative"},
    ),
    ("Family history: none, she is a BRCA2 carrier with liver mets.", {"germline_brca": True}),
    ("Family hx: unknown (adopted), pt gBRCA2+, liver mets.", {"germline_brca": True}),
    (
        "Family history: negative - she herself tested BRCA2 positive in 2021, bone mets.",
        {"germline_brca": True},
    ),
    (
        "Family history: noncontributory, ER+ HER2- MBC with bone and liver mets, postmenopausal.",
        {"hormone_receptor": "positive", "her2": "negative", "menopausal_status": "post"},
    ),
    (
        "Family history: nil significant; germline testing: BRCA1 pathogenic variant (patient).",
        {"germline_brca": True},
    ),
    (
        "Have you ever seen a case like this: 45F, premenopausal, ER+ HER2-, liver and bone mets, 3 lines?",
        {"age": 45, "menopausal_status": "pre", "hormone_receptor": "positive", "prior_lines": 3},
    ),
    (
        "Have you ever had a patient with BRCA2 mutation and liver mets on olaparib, mine is postmenopausal?",
        {"germline_brca": True, "menopausal_status": "post"},
    ),
    ("Q3 Is she postmenopausal? Yes.", {"menopausal_status": "post"}),
    ("Q2 Is she ER positive? Yes.", {"hormone_receptor": "positive"}),
    (
        "Q5 Have you ever had brain metastases? YES - 2 treated with SRS in 2022, stable.",
        {"brain_metastases": False},
    ),
    (
        "Underwent stereotaxic biopsy of the left frontal lesion: metastatic breast carcinoma. Brain mets not yet treated.",
        {"brain_metastases": True},
    ),
    (
        "Had a 'stereotactic' biopsy of the brain lesion - breast cancer met, awaiting SRS.",
        {"brain_metastases": True},
    ),
    (
        "After stereotaxic frame placement, biopsy showed brain metastasis.",
        {"brain_metastases": True},
    ),
    (
        "My naturopath was shocked when the biopsy came back ER positive, HER2 negative.",
        {"hormone_receptor": "positive"},
    ),
    (
        "Her homeopathic remedies were stopped when she started T-DXd for HER2-low MBC with brain mets.",
        {"brain_metastases": True},
    ),
]


@pytest.mark.parametrize(("text", "expected"), FACT_CASES)
def test_review_facts(text: str, expected: dict) -> None:
    facts = extract(text).facts
    for fact, value in expected.items():
        assert facts.get(fact) == value, fact


@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        ("MRI brain(NAD), CT liver mets.", ["liver"], ["brain"]),
        ("CT brain(nil acute), bone scan: multiple bone mets.", ["bone"], ["brain"]),
    ],
)
def test_a_bracketed_result_typed_against_its_organ_is_not_split(
    text: str, kept: list[str], dropped: list[str]
) -> None:
    found = sites(text)
    assert set(kept) <= found
    assert not set(dropped) & found
    assert extract(text).facts.get("brain_metastases") is not True


def test_unanswered_or_answered_no_questions_stay_asked() -> None:
    assert "menopausal_status" not in extract("Is she postmenopausal? No.").facts
    assert "menopausal_status" not in extract("Q3 Is she postmenopausal?").facts


@pytest.mark.parametrize(
    "text",
    [
        "An 18 F sodium fluoride PET/CT showed multiple bone mets.",
        "An 18 F FAPI PET/CT showed bone mets.",
        "An 18 F FLT PET showed liver mets.",
    ],
)
def test_an_18_f_tracer_other_than_fdg_is_no_age(text: str) -> None:
    assert "age" not in extract(text).facts

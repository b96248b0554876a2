"""Round 19 follow-up classes (helper classes19b), CheckList-style: templates whose slots
expand into variants with the facts each must give, and metamorphic variants that must not
change.

1. A brain lesion that is the subject of a passive local-treatment verb in its own clause is
   treated, however long its subject phrase ("a dural-based mass in the left frontal region
   was resected"); one more brain lesion told in a later sentence ("Another one appeared
   later", "A new lesion was found in the cerebellum") is active.
2. An unnamed regimen (chemotherapy, endocrine therapy) begun for the metastatic disease and
   told failing is one line (r19-0009); treatments told after it for a symptom ("to palliate
   her bone pain") or only offered are no lines told unnamed.
3. The organ a local treatment is given to, its aim a metastasis told after it, is a site
   ("radiation therapy on her L4 vertebra to decrease the metastasis on it", r19-0008).
4. Seen texts the round-19 fixes did not reach: the organ told as the tumour's site by a
   copula, with a later confirmation naming only an organ it invades (r18-0006: meninges); a
   denial in an earlier clause of another subject is not the site's (r18-0012: 0 lines); the
   lay adjuvant purpose told in its grammar, not its literals ("to prevent the cancer from
   returning", r18-0023: 0 lines).
"""

from __future__ import annotations

import itertools

import pytest

from chatbot.nlp import extract
from tests.checklist import spread

# -- 1. the subject of a passive treatment verb ------------------------------------------------
LESIONS = (
    "A dural-based mass",
    "A brain metastasis",
    "A solitary metastasis",
    "The large cystic brain lesion",
    "In 2019, a 2.5 cm brain metastasis",
)
PLACES = (
    "in the left frontal region",
    "in the right cerebellar hemisphere measuring 3 cm",
    "in her left occipital lobe (2.1 x 1.8 cm)",
    "in the left parietal lobe with surrounding edema",
)
TREATED = (
    "was resected",
    "was surgically removed",
    "had been excised",
    "was irradiated",
    "was treated with gamma knife",
    "was subsequently treated with SRS",
)


def _brain_placed(lesion: str, place: str) -> bool:
    """The lesion is a brain one by its own words or by its place (a region is no organ)."""
    return "brain" in lesion or "region" not in place


@pytest.mark.parametrize(
    ("lesion", "place", "verb"),
    spread(list(itertools.product(LESIONS, PLACES, TREATED)), 60),
)
def test_the_subject_of_a_passive_treatment_verb_is_treated(
    nlp, lesion: str, place: str, verb: str
) -> None:  # type: ignore[no-untyped-def]
    text = f"{lesion} {place} {verb}."
    got = extract(text).facts
    if _brain_placed(lesion, place) or "dural" in lesion:
        assert got.get("brain_metastases") is False, (text, got)
        # a dural-based mass is the meninges' (sites20: never the brain as a site)
        organ = "meninges" if "dural" in lesion and "brain" not in lesion else "brain"
        assert organ in got.get("metastatic_sites", []), (text, got)
    else:  # nothing of the brain told: never active
        assert got.get("brain_metastases") is not True, (text, got)


# metamorphic: the treatment denied, planned, told of another subject, or undone after it
NOT_TREATED = (
    "was not resected",
    "could not be resected",
    "was to be resected",
    "was considered for resection",
    "was deemed unresectable",
    "was treated with chemotherapy",
    "was resected but recurred six months later",
)


@pytest.mark.parametrize(("place", "verb"), list(itertools.product(PLACES[:2], NOT_TREATED)))
def test_a_brain_lesion_not_treated_stays_active(nlp, place: str, verb: str) -> None:  # type: ignore[no-untyped-def]
    text = f"A brain metastasis {place} {verb}."
    assert extract(text).facts.get("brain_metastases") is True, text


@pytest.mark.parametrize(
    "text",
    [
        "MRI showed a brain metastasis in the left frontal lobe; the liver lesion was resected.",
        "Brain metastases grew and the liver lesion in segment 7 was resected.",
        "A brain metastasis in the left frontal lobe and the primary tumour was resected.",
        "New brain metastases in the left frontal lobe appeared after the breast tumour was "
        "resected.",
    ],
)
def test_another_subject_of_the_verb_leaves_the_brain_active(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("brain_metastases") is True, text


TREATED_FIRST = (
    "The brain metastasis was treated with SRS.",
    "A brain metastasis in the left frontal lobe was resected.",
    "Her solitary brain metastasis was treated with gamma knife in 2021.",
)
ONE_MORE = (
    "Another one appeared later.",
    "A new one appeared six months later.",
    "Later, another lesion was found.",
    "A new lesion was found in the cerebellum.",
    "Two new lesions were seen in the right occipital lobe.",
    "A new lesion was later detected in the left frontal lobe.",
)
NOT_MORE = (
    "No other one appeared.",
    "MRI did not show another one.",
    "The lesion in the cerebellum was stable.",
    "A new lesion was found in the liver.",
    "She started another line of chemotherapy.",
    "Another one was resected.",
)


@pytest.mark.parametrize(("first", "more"), list(itertools.product(TREATED_FIRST, ONE_MORE)))
def test_one_more_brain_lesion_told_after_the_treated_one_is_active(
    nlp, first: str, more: str
) -> None:  # type: ignore[no-untyped-def]
    text = f"{first} {more}"
    assert extract(text).facts.get("brain_metastases") is True, text


@pytest.mark.parametrize(("first", "after"), list(itertools.product(TREATED_FIRST, NOT_MORE)))
def test_no_brain_lesion_told_after_the_treated_one_stays_settled(
    nlp, first: str, after: str
) -> None:  # type: ignore[no-untyped-def]
    text = f"{first} {after}"
    assert extract(text).facts.get("brain_metastases") is False, text


# -- 2. an unnamed regimen for the metastatic disease, then progression ----------------------
FOUND_METASTATIC = (
    "A young woman was diagnosed with recurrent breast cancer with lung and bone metastases.",
    "She was diagnosed with metastatic breast cancer to the liver and bones.",
    "Two years after adjuvant chemotherapy she was found to have bone and lung metastases.",
)
UNNAMED = {  # told begun -> chemotherapy?
    "Treatment with chemotherapy was initiated.": True,
    "Chemotherapy was started, but she developed severe thrombocytopenia.": True,
    "She was started on hormonal therapy.": False,
    "Endocrine therapy was begun.": False,
}
WORSE = (
    "A CT scan showed worsening lung and new liver metastases.",
    "Six months later a CT scan showed new liver metastases.",
)
CARE_AFTER = (
    "",
    "Other treatments to palliate her bone pain and shortness of breath were offered.",
    "Other treatments were offered.",
    "Therapies to relieve her pain were discussed.",
)


@pytest.mark.parametrize(
    ("found", "begun", "worse", "care"),
    spread(list(itertools.product(FOUND_METASTATIC, UNNAMED, WORSE, CARE_AFTER)), 48),
)
def test_an_unnamed_regimen_then_progression_is_one_line(
    nlp, found: str, begun: str, worse: str, care: str
) -> None:  # type: ignore[no-untyped-def]
    text = " ".join(p for p in (found, begun, worse, care) if p)
    got = extract(text).facts
    assert got.get("prior_lines") == 1, (text, got)
    assert got.get("prior_chemo_lines") == (1 if UNNAMED[begun] else 0), (text, got)
    assert not got.get("prior_therapies"), (text, got)  # unnamed: no drug


@pytest.mark.parametrize(
    "after",
    [
        # metamorphic: other lines told given after it leave the count unread, never 1
        "Other treatments were given.",
        "Other treatments followed.",
        "She then received several other treatments for her disease.",
        "She was then switched to another regimen.",
    ],
)
def test_other_treatments_given_after_it_leave_the_count_open(nlp, after: str) -> None:  # type: ignore[no-untyped-def]
    text = f"{FOUND_METASTATIC[0]} Treatment with chemotherapy was initiated. {WORSE[0]} {after}"
    assert extract(text).facts.get("prior_lines") is None, text


@pytest.mark.parametrize(
    "text",
    [
        # early-disease chemotherapy is never a line; one just begun and not failing is 0
        "She received neoadjuvant chemotherapy and mastectomy. A CT scan later showed new "
        "liver metastases.",
        "Metastatic breast cancer to the liver was diagnosed. Chemotherapy was started and "
        "she responded well. Other treatments to palliate her pain were offered.",
        "Metastatic breast cancer to the liver was diagnosed. Chemotherapy was started. Other "
        "treatments were offered.",
    ],
)
def test_no_line_counted_from_early_or_just_begun_chemotherapy(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("prior_lines") == 0, text


# -- 3. the target of a local treatment for its metastasis -----------------------------------
TREATMENTS = (
    "She got radiation therapy on",
    "She received radiotherapy to",
    "She had palliative radiation to",
    "SBRT was given to",
)
TARGETS = {
    "her L4 vertebra": "bone",
    "T10": "bone",
    "her hip": "bone",
    "the left adrenal gland": "adrenal",
    "her sacrum": "bone",
}
AIMS = (
    "to decrease the metastasis on it",
    "for a metastasis there",
    "for the metastatic deposit",
    "for an oligometastasis",
    "to treat the metastases",
)
UNAIMED = (
    "",
    "for pain",
    "for a suspected metastasis",
    "to rule out a metastasis",
    "to prevent a metastasis",
    "; no metastasis was found",
    "for a possible metastasis",
)


@pytest.mark.parametrize(
    ("treatment", "target", "aim"),
    spread(list(itertools.product(TREATMENTS, TARGETS, AIMS)), 60),
)
def test_the_target_of_a_local_treatment_for_its_metastasis_is_a_site(
    nlp, treatment: str, target: str, aim: str
) -> None:  # type: ignore[no-untyped-def]
    text = f"{treatment} {target} {aim}."
    got = extract(text).facts
    assert got.get("metastatic_sites") == [TARGETS[target]], (text, got)


@pytest.mark.parametrize(
    ("treatment", "target", "aim"),
    spread(list(itertools.product(TREATMENTS, TARGETS, UNAIMED)), 60),
)
def test_a_local_treatment_without_a_metastasis_told_names_no_site(
    nlp, treatment: str, target: str, aim: str
) -> None:  # type: ignore[no-untyped-def]
    text = f"{treatment} {target}{'' if aim.startswith(';') or not aim else ' '}{aim}."
    assert not extract(text).facts.get("metastatic_sites"), text


@pytest.mark.parametrize(
    "text",
    [
        # a bare level elsewhere stays no site; the hip without a metastasis word neither
        "T10 N1 M0 tumour, treated with radiotherapy to the breast.",
        "She has hip pain and takes paracetamol.",
        "She had a hip replacement in 2015.",
        "She fractured her hip after a fall.",
        "In 2010 scans revealed a mass in her hip, which meant she had stage IV cancer.",
    ],
)
def test_no_site_from_a_level_or_hip_without_a_metastasis(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not extract(text).facts.get("metastatic_sites"), text


# -- 4. seen texts the round-19 fixes did not reach --------------------------------------------
@pytest.mark.parametrize(
    ("organ", "site"), [("dura mater", "meninges"), ("sacrum", "bone"), ("left adrenal", "adrenal")]
)
@pytest.mark.parametrize(
    "confirm",
    [
        "The tumor was histologically diagnosed as metastatic breast carcinoma.",
        "The tumor was diagnosed as metastatic breast carcinoma with sphenoid bone invasion.",
        "Histology showed metastatic breast carcinoma invading the adjacent muscle.",
    ],
)
def test_the_organ_told_as_the_tumour_site_then_confirmed(
    nlp, organ: str, site: str, confirm: str
) -> None:  # type: ignore[no-untyped-def]
    text = f"Surgery revealed that the primary tumor site was the {organ}. {confirm}"
    assert site in extract(text).facts.get("metastatic_sites", []), text


@pytest.mark.parametrize(
    "text",
    [
        # metamorphic: not confirmed, another primary, or the organ told site of nothing
        "Surgery revealed that the tumor site was the sacrum. Biopsy showed a benign giant "
        "cell tumour.",
        "The tumor site was the sacrum.",
        "The injection site was the left buttock. Biopsy of the liver showed metastatic breast "
        "carcinoma.",
    ],
)
def test_no_site_from_an_unconfirmed_tumour_site(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    sites = extract(text).facts.get("metastatic_sites", [])
    assert "bone" not in sites and "soft tissue" not in sites, text


OTHERS_DENIED = (
    "Most people have never been in cancer treatment world, and I have been asked",
    "My friends have no idea about any of this, and they ask me",
    "Nobody in my family ever had cancer; they keep asking",
)


@pytest.mark.parametrize(
    ("lead", "organ"), list(itertools.product(OTHERS_DENIED, ("lungs", "liver", "bones")))
)
def test_a_denial_of_another_subject_is_not_the_sites(nlp, lead: str, organ: str) -> None:  # type: ignore[no-untyped-def]
    text = (
        f"{lead} how can I have breast cancer in my {organ}? In my first go-round, I was "
        "Stage III and had a mastectomy."
    )
    assert extract(text).facts.get("prior_lines") == 0, text


@pytest.mark.parametrize(
    "text",
    [
        # the denial in the site's own clause still denies it
        "Bone scan revealed no bone metastases.",
        "I was stage 2 and had a lumpectomy, and scans show no cancer in my lungs.",
        "There is no evidence of liver or bone metastases.",
    ],
)
def test_a_denial_in_the_sites_clause_still_denies(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    got = extract(text).facts
    assert not got.get("metastatic_sites"), (text, got)
    assert got.get("prior_lines") != 0, (text, got)


LAY_PURPOSES = (
    "to prevent the cancer from returning",
    "to stop the cancer coming back",
    "to keep the breast cancer from recurring",
    "to prevent my cancer returning",
)


@pytest.mark.parametrize(
    ("purpose", "drugs"),
    list(
        itertools.product(
            LAY_PURPOSES, (("palbociclib", "letrozole"), ("ribociclib", "anastrozole"))
        )
    ),
)
def test_the_lay_adjuvant_purpose_in_its_grammar(nlp, purpose: str, drugs: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    text = (
        f"In October 2018 I was diagnosed with secondary breast cancer of the bone. I was started "
        f"on {drugs[0]} with the {drugs[1]} I had been taking for two years {purpose}."
    )
    got = extract(text).facts
    assert got.get("prior_lines") == 0, (text, got)
    assert drugs[0] in got.get("prior_therapies", []), (text, got)


@pytest.mark.parametrize(
    "text",
    [
        # metamorphic: a purpose of the metastatic treatment, or a failing drug, is no 0
        "Scans showed it had spread to my liver and I was started on ribociclib and "
        "anastrozole to stop the cancer spreading; after a year it progressed.",
        "Scans showed it had spread to my liver. I was started on palbociclib with the "
        "letrozole I had been taking to prevent the cancer from returning; after 14 months it "
        "progressed.",
    ],
)
def test_no_0_when_the_begun_drug_fails(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("prior_lines") != 0, text

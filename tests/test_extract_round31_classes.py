"""Round 31's classes (read after its first run), each a template grid with metamorphic checks.

- The spread told in any form of "spread" or as "travelled" is the metastatic event ("a PET
  scan showed that the cancer had travelled beyond my boob to my left hip, spine and liver"):
  0 lines at it, as an inference; and the scope judge reads it as metastatic disease.
- The news received is a discovery ("Lucy received the news that she had Stage IV Metastatic
  Breast Cancer"), and a screening received ("received yearly mammograms") is no treatment.
- A treatment told after the event as the last one left ("currently taking the last licensed
  route of treatment") means lines were given: no 0.
- An organ naming a blood test ("Her liver tests were normal", "liver labs ok") and a bone named
  as another finding's landmark ("a lymph node buried under my left collar bone") name no site;
  lymph nodes told as removed at surgery are no site; a chemo port (nurse, unit …) is no
  chemotherapy given.
- The subject's age with her child named after it ("I was 37 and my son Barnaby was only four
  months old"), the age opening the sentence ("At 32, … I was diagnosed"), "she turned 52".
- A drug ordered is not yet given ("has ordered Xeloda").
"""

from __future__ import annotations

import pytest

from chatbot.dialogue.scope import judge_scope
from chatbot.nlp import extract

SPREAD_VERBS = ["travelled", "traveled", "spread", "been spreading"]
SITES = [("my left hip, spine and liver", ["bone", "liver"]), ("her lungs", ["lung"])]


@pytest.mark.parametrize("verb", SPREAD_VERBS)
@pytest.mark.parametrize(("where", "sites"), SITES)
@pytest.mark.parametrize("beyond", ["", "beyond my boob ", "beyond the breast "])
def test_spread_in_any_form_is_the_event(
    nlp, verb: str, where: str, sites: list[str], beyond: str
) -> None:  # type: ignore[no-untyped-def]
    text = f"A PET scan showed that the cancer had {verb} {beyond}to {where}."
    result = extract(text)
    assert sorted(result.facts.get("metastatic_sites", [])) == sorted(sites)
    assert result.facts.get("prior_lines") == 0 and "prior_lines" in result.inferred
    assert not judge_scope(text).out_of_scope


@pytest.mark.parametrize(
    "text",
    [
        "She travelled to Spain in May. Her liver tests were normal.",
        "A PET scan showed that the cancer had travelled to her liver. She has been on "
        "letrozole and palbociclib for two years and it stopped working.",
    ],
)
def test_travel_alone_or_lines_after_makes_no_zero(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    """Metamorphic: a trip names no event; lines told after the event are not 0."""
    assert extract(text).facts.get("prior_lines") != 0


@pytest.mark.parametrize("verb", ["received", "got", "had", "was given"])
@pytest.mark.parametrize(
    "news",
    [
        "that she had Stage IV Metastatic Breast Cancer",
        "that the cancer had spread to her bones",
    ],
)
def test_the_news_received_is_the_discovery(nlp, verb: str, news: str) -> None:  # type: ignore[no-untyped-def]
    text = f"Lucy {verb} the news {news} in 2008. She received yearly mammograms."
    result = extract(text)
    assert result.facts.get("prior_lines") == 0 and "prior_lines" in result.inferred


@pytest.mark.parametrize(
    "last",
    [
        "the last licensed route of treatment available to her",
        "her final treatment option",
        "the only remaining therapy",
    ],
)
def test_the_last_treatment_left_is_no_zero(nlp, last: str) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Claire was initially diagnosed with HER2 positive breast cancer six years ago. After "
        "two years of treatment, she received the news that the cancer had spread to her "
        f"bones. Claire is currently taking {last}."
    )
    assert "prior_lines" not in extract(text).facts


@pytest.mark.parametrize("organ", ["liver", "kidney", "lung", "bone"])
@pytest.mark.parametrize("noun", ["tests", "test", "panel", "labs", "bloods", "numbers"])
def test_an_organ_naming_a_blood_test_is_no_site(nlp, organ: str, noun: str) -> None:  # type: ignore[no-untyped-def]
    text = f"ER+ MBC on letrozole. Her {organ} {noun} were normal."
    assert extract(text).facts.get("metastatic_sites") is None


@pytest.mark.parametrize("prep", ["under", "beneath", "above", "behind"])
@pytest.mark.parametrize("bone", ["collar bone", "collarbone", "clavicle", "sternum"])
def test_a_bone_as_a_landmark_is_no_bone_site(nlp, prep: str, bone: str) -> None:  # type: ignore[no-untyped-def]
    text = f"I have a positive lymph node buried {prep} my left {bone}. It has definitely metastasized."
    assert extract(text).facts.get("metastatic_sites") == ["lymph nodes"]
    # metamorphic: the bone itself with the lesion in it stays a bone site
    inside = extract(f"I have a metastasis in my left {bone}.")
    assert inside.facts.get("metastatic_sites") == ["bone"]


@pytest.mark.parametrize("verb", ["removed", "were removed", "excised", "dissected"])
def test_lymph_nodes_removed_at_surgery_are_no_site(nlp, verb: str) -> None:  # type: ignore[no-untyped-def]
    text = (
        f"Scans, tests, labs plus a chemo port were placed and lymph nodes {verb}, but then the "
        "results came, and it was not what we hoped for. It had spread and there was a new "
        "diagnosis, stage 4 metastatic breast cancer. The breast cancer had metastasized to "
        "my liver through my blood."
    )
    result = extract(text)
    assert result.facts.get("metastatic_sites") == ["liver"]
    assert result.facts.get("prior_lines") == 0  # the port is no chemotherapy given


@pytest.mark.parametrize("place", ["chemo port", "chemotherapy unit", "chemo nurse", "chemo suite"])
def test_chemo_device_place_or_staff_is_no_drug(nlp, place: str) -> None:  # type: ignore[no-untyped-def]
    result = extract(
        f"She was diagnosed with metastatic breast cancer in the liver; the {place} was busy."
    )
    assert not result.drugs
    assert extract("She was diagnosed with MBC and started chemo.").drugs  # metamorphic


@pytest.mark.parametrize("age", [37, 44])
@pytest.mark.parametrize("child", ["son Barnaby", "daughter", "baby", "kids"])
@pytest.mark.parametrize("subject", ["I", "She"])
def test_the_subject_s_age_with_her_child_after_it(nlp, age: int, child: str, subject: str) -> None:  # type: ignore[no-untyped-def]
    possessive = "my" if subject == "I" else "her"
    text = (
        f"{subject} was {age} and {possessive} {child} was only four months old. Within two "
        f"weeks {subject.lower()} found out the breast cancer had spread to the liver."
    )
    assert extract(text).facts.get("age") == age


@pytest.mark.parametrize("kin", ["mother", "sister", "husband"])
def test_a_carer_s_age_before_the_patient_stays_unread(nlp, kin: str) -> None:  # type: ignore[no-untyped-def]
    """Metamorphic: a parent, sibling or spouse after the age may be the patient a carer tells of."""
    assert "age" not in extract(f"I'm 45 and my {kin} has MBC in the liver.").facts


@pytest.mark.parametrize("age", [32, 58])
def test_the_age_opening_the_sentence_and_turned(nlp, age: int) -> None:  # type: ignore[no-untyped-def]
    opening = f"At {age}, and with a 6 week old son, I was diagnosed with stage 4 breast cancer."
    assert extract(opening).facts.get("age") == age
    assert extract(f"She turned {age} in April. She has MBC in her bones.").facts.get("age") == age
    # metamorphic: a duration or a dose at the sentence's start is no age
    assert "age" not in extract(f"At {age} weeks she had a scan showing liver mets.").facts


@pytest.mark.parametrize("verb", ["has ordered", "have ordered", "is ordering"])
def test_a_drug_ordered_is_not_yet_given(nlp, verb: str) -> None:  # type: ignore[no-untyped-def]
    text = (
        f"The scan shows new spots in my spine. Dr. Laudi took me off Tamoxifen and {verb} Xeloda."
    )
    therapies = extract(text).facts.get("prior_therapies", [])
    assert "tamoxifen" in therapies and "capecitabine" not in therapies

"""Round 52's classes (read after its first run), each with metamorphic checks.

- A progression sign that a treatment holds in check ("my treatment has been keeping both the
  tumour and the spread under control") is a response, not a progression: the regimen is
  not failed.
- A dash spaced on both sides before an aside ("his family's experience of BRCA — the
  genetic condition …") is no minus sign: no germline BRCA result is read.
- The future of any verb of undergoing or having is a plan ("She will undergo chemotherapy
  with a newly approved drug, Herceptin"), and a comma that only names the drug a noun stands
  for ("a new drug, Herceptin") keeps it in the same scope.
- What can be done is not what was ("although it can be treated, it can't be cured").
- A diagnosis named by the words before it ("she received a stage 4 breast cancer
  diagnosis") or told after a colon later in its sentence tells the discovery; "received"
  a diagnosis or news is no treatment received.
- "responded" as a reply ("to which I responded, 'Of course …'") is no response to a line;
  a treatment inside a question asked ("He asked if I wanted to go forward with
  chemotherapy") is offered, not given.
- Lay body regions between two listed sites do not break the list ("her liver, hip and
  sacrum").
- Nursing a baby with its age told ("nursing my 6-month-old son") is breastfeeding; a writer
  among the group he names ("we too are fathers, brothers, husbands") gives his sex.
- A course told over a whole time ("chemotherapy and radiation throughout 2014") is a course
  given: the count is asked, not 0.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract

FOUND = (
    "A month later the diagnosis changed to secondary breast cancer when a CT scan showed it "
    "had spread to my lung. Since then, I have been taking palbociclib and letrozole."
)


@pytest.mark.parametrize(
    "check",
    [
        "My treatment has been keeping both the tumour and the spread under control.",
        "The growth is now controlled.",
        "The spread has been kept in check.",
    ],
)
def test_a_sign_held_in_check_is_no_progression(check: str) -> None:
    ex = extract(f"{FOUND} {check}")
    assert not ex.facts.get("progressed_on")
    assert ex.facts.get("prior_lines") == 0


@pytest.mark.parametrize(
    "growth",
    ["But the cancer spread to her bones.", "But the tumour grew despite it."],
)
def test_a_sign_not_held_in_check_is_still_progression(growth: str) -> None:
    # metamorphic: the same story, the sign told growing -> the regimen failed
    ex = extract(f"{FOUND} {growth}")
    assert set(ex.facts.get("progressed_on", [])) == {"palbociclib", "letrozole"}


@pytest.mark.parametrize("dash", ["—", "–", "-"])
def test_a_spaced_dash_before_an_aside_is_no_sign(dash: str) -> None:
    text = (
        f"A rabbi has talked of his family's experience of BRCA {dash} the genetic condition "
        "which increases the prevalence of cancer."
    )
    assert "germline_brca" not in extract(text).facts


@pytest.mark.parametrize(
    "text",
    ["BRCA —, PD-L1 positive.", "ER - PR - HER2 - and gBRCA - per panel", "BRCA - negative"],
)
def test_a_dash_before_a_comma_a_value_or_another_word_is_still_a_sign(text: str) -> None:
    assert extract(text).facts.get("germline_brca") is False


@pytest.mark.parametrize(
    "plan",
    [
        "She will undergo chemotherapy with Herceptin.",
        "She will undergo chemotherapy with a newly approved drug, Herceptin.",
        "She will have chemotherapy with Herceptin and Taxol.",
        "She'll also need treatment with the new drug, Herceptin.",
    ],
)
def test_a_drug_in_a_future_plan_is_no_prior_therapy(plan: str) -> None:
    ex = extract(f"Her breast cancer has spread to her liver. {plan}")
    assert "trastuzumab" not in ex.facts.get("prior_therapies", [])


@pytest.mark.parametrize(
    "given",
    [
        "She received a new drug, Herceptin, for two years.",
        "By June she will have been on Herceptin for two years.",
    ],
)
def test_a_drug_given_is_still_a_prior_therapy(given: str) -> None:
    ex = extract(f"Her breast cancer has spread to her liver. {given}")
    assert "trastuzumab" in ex.facts.get("prior_therapies", [])


def test_a_negated_appositive_drug_is_not_given() -> None:
    ex = extract("She did not receive the new drug, Herceptin, because of the cost.")
    assert "trastuzumab" not in ex.facts.get("prior_therapies", [])


@pytest.mark.parametrize(
    "text",
    [
        "I've been diagnosed with secondary breast cancer in my bones and have been told that, "
        "although it can be treated, it can't be cured. Do you have any suggestions?",
        "In the weeks that followed, she received a stage 4 breast cancer diagnosis.",
        "A trip to her doctor resulted in a diagnosis that rocked the world for all of us who "
        "taught with her: Stage 4 Inflammatory Breast Cancer, the most aggressive form.",
        "Now my doctor called to tell me that the cancer had spread to my bones. He asked if I "
        "wanted to go forward with chemotherapy, to which I responded, 'Of course!'",
    ],
)
def test_the_discovery_with_nothing_given_is_0_lines(text: str) -> None:
    ex = extract(text)
    assert ex.facts.get("prior_lines") == 0
    assert "prior_lines" in ex.inferred


@pytest.mark.parametrize(
    "text",
    [
        "She received her metastatic breast cancer diagnosis in 2019 and was given docetaxel "
        "for six months.",
        "A 45-year-old woman died of metastatic breast cancer 15 months after her initial "
        "diagnosis.",
        "My wife, who was diagnosed with metastatic breast cancer late last year, received the "
        "results of her latest scan. It shows many lesions shrinking, but others starting to "
        "grow again.",
    ],
)
def test_a_course_given_or_no_named_diagnosis_is_not_0_lines(text: str) -> None:
    assert extract(text).facts.get("prior_lines") != 0


def test_lay_regions_do_not_break_a_list_of_sites() -> None:
    ex = extract("The breast cancer had metastasized to her liver, hip and sacrum.")
    assert set(ex.facts.get("metastatic_sites", [])) == {"liver", "bone"}
    # metamorphic: the hip alone is still no bone ("a mass in her hip", r16-0040)
    alone = extract("She had a mass in her hip and liver metastases from breast cancer.")
    assert alone.facts.get("metastatic_sites") == ["liver"]


@pytest.mark.parametrize("age", ["6-month-old", "six-month-old", "3 month old"])
def test_nursing_a_baby_of_an_age_is_breastfeeding(age: str) -> None:
    ex = extract(
        f"At the time I was nursing my {age} son. The biopsy revealed I had stage 4 breast "
        "cancer in my bones."
    )
    assert ex.facts.get("sex") == "female"
    assert ex.facts.get("menopausal_status") == "pre"


def test_a_nurse_nursing_patients_is_no_breastfeeding() -> None:
    ex = extract("As a nurse I was nursing my patients; one had stage 4 disease in her liver.")
    assert "menopausal_status" not in ex.facts


@pytest.mark.parametrize(
    ("group", "sex"),
    [
        ("we too are fathers, brothers, husbands and grandfathers", "male"),
        ("we are women too", "female"),
    ],
)
def test_the_writer_among_the_group_he_names(group: str, sex: str) -> None:
    text = f"Our stories are fewer, but {group}. Three years ago I had stage IV breast cancer."
    assert extract(text).facts.get("sex") == sex


def test_a_course_over_a_whole_year_is_asked() -> None:
    story = (
        "In 2013 she learned that her breast cancer had metastasized to her small intestine. "
        "She endured rounds of chemotherapy and radiation throughout 2014."
    )
    assert extract(story).facts.get("prior_lines") is None
    # metamorphic: "I'm now doing ten rounds of chemo" is the line she is on (r42-0012)
    now = story.replace(
        "She endured rounds of chemotherapy and radiation throughout 2014.",
        "She is now doing ten rounds of chemo.",
    )
    assert extract(now).facts.get("prior_lines") == 0

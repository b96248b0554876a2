"""Stop 40's classes, found in seen test texts before round 51 was read, with metamorphic
checks.

- Stage IV written as patients and the press write it ("stage four", "stage-four",
  "stage-4") tells the metastatic event as "stage IV" and "stage 4" do: with nothing given
  for it yet, 0 lines. A warning that the disease could progress to stage four is no event.
- A drug sought is not a drug given: a request, a plea, an appeal or a fund asked for
  ("asking Genentech to release early the drug pertuzumab", "requested palbociclib from the
  manufacturer", "begging the NHS to fund Kadcyla", "fighting for funding for Ibrance")
  leaves the drug out of the prior therapies (and a CDK4/6 inhibitor out of prior_cdk46);
  access gained to a drug is a course received.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


@pytest.mark.parametrize(
    "stage",
    ["stage four", "Stage Four", "stage-four", "stage-4", "stage 4", "stage IV", "stage Ⅳ"],
)
def test_stage_four_in_any_spelling_tells_the_event(stage: str) -> None:
    ex = extract(f"In 2019 she was diagnosed with {stage} breast cancer.")
    assert ex.facts.get("prior_lines") == 0
    assert "prior_lines" in ex.inferred


@pytest.mark.parametrize(
    "text",
    [
        "She was diagnosed last week with stage four cancer. She had breast cancer in 2007.",
        "She was diagnosed with Her2 positive cancer, which had already reached stage four.",
        "In 2019 she learned she had stage four breast cancer.",
    ],
)
def test_the_stage_told_in_words_after_a_discovery(text: str) -> None:
    assert extract(text).facts.get("prior_lines") == 0


@pytest.mark.parametrize(
    "text",
    [
        "Doctors confirmed her fears: she had stage two breast cancer. Her doctors warned that "
        "her condition could quickly progress to stage four.",
        "She was diagnosed with stage two breast cancer, which might progress to stage four.",
    ],
)
def test_a_warning_of_stage_four_is_no_event(text: str) -> None:
    assert extract(text).facts.get("prior_lines") is None


def test_a_treatment_after_stage_four_is_still_read() -> None:
    # metamorphic: the word form changes nothing in how the regimen after the event is read
    for stage in ("stage IV", "stage four"):
        ex = extract(
            f"She was diagnosed with {stage} breast cancer and started letrozole and "
            "palbociclib, but the disease progressed in the liver."
        )
        assert ex.facts.get("prior_therapies") == ["letrozole", "palbociclib"]


SOUGHT = [
    ("A woman with metastatic breast cancer made a video asking Genentech to release early the "
     "drug pertuzumab for compassionate use.", "pertuzumab"),
    ("Her oncologist requested palbociclib from the manufacturer for her metastatic breast "
     "cancer.", "palbociclib"),
    ("She is begging the NHS to fund Kadcyla for her stage 4 breast cancer.",
     "trastuzumab emtansine"),
    ("She was diagnosed with stage IV breast cancer and petitioned for access to pertuzumab.",
     "pertuzumab"),
    ("Women with metastatic breast cancer are fighting for funding for the drug Ibrance.",
     "palbociclib"),
    ("Her consultant applied for NHS funding for Kadcyla for her secondary breast cancer.",
     "trastuzumab emtansine"),
    ("She has metastatic breast cancer and is waiting for approval of Enhertu.",
     "trastuzumab deruxtecan"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "drug"), SOUGHT)
def test_a_drug_sought_is_not_given(text: str, drug: str) -> None:
    ex = extract(text)
    assert drug not in ex.facts.get("prior_therapies", [])
    assert any(m.generic == drug and m.role == "hypothetical" for m in ex.drugs)


def test_a_cdk_inhibitor_sought_is_no_prior_cdk46() -> None:
    ex = extract("Women with metastatic breast cancer are fighting for funding for Ibrance.")
    assert "prior_cdk46" not in ex.facts


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("The 47-year-old with metastatic breast cancer recently gained free access to a new "
         "drug called Enhertu through a special program.", "trastuzumab deruxtecan"),
        ("The NHS agreed to fund Kadcyla, which she has had for 2 years for her secondary "
         "breast cancer.", "trastuzumab emtansine"),
        ("She has metastatic breast cancer and fought for six months through intensive "
         "paclitaxel.", "paclitaxel"),
        ("She asked her oncologist for a break from capecitabine after 6 months for MBC.",
         "capecitabine"),
    ],
)  # fmt: skip
def test_a_drug_received_stays_given(text: str, drug: str) -> None:
    # metamorphic guards: access gained, a fund agreed, "fought for six months through", a
    # break asked from a drug — each a course received
    assert drug in extract(text).facts.get("prior_therapies", [])


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("My mother is 71, postmenopausal. She was diagnosed last month with stage four breast "
         "cancer.", 71),
        ("My wife is 52. She has metastatic breast cancer in her liver.", 52),
        ("My mum is only 58 years old and has secondary breast cancer.", 58),
    ],
)  # fmt: skip
def test_a_carers_relative_is_n_gives_the_patients_age(text: str, age: int) -> None:
    assert extract(text).facts.get("age") == age


@pytest.mark.parametrize(
    "text",
    [
        "My mother is 71 and healthy. I have metastatic breast cancer in my liver.",
        "My husband is 60 and very supportive. I was diagnosed with stage 4 breast cancer.",
        "I have metastatic breast cancer. My daughter is 19 and in college.",
        "My sister has metastatic breast cancer. My mother is 80 and lives with us.",
    ],
)
def test_a_relatives_age_is_not_the_writers(text: str) -> None:
    # metamorphic: the same "my <relative> is N" about someone the message is not about
    assert extract(text).facts.get("age") is None


@pytest.mark.parametrize(
    ("text", "site"),
    [
        ("She had breast cancer in 2015. Then they did more scans and found out it was in my "
         "lungs too.", "lung"),
        ("She had breast cancer in 2015. In 2019 scans showed it was in her bones.", "bone"),
        ("She had breast cancer in 2015. In 2019 they found cancer in her liver.", "liver"),
    ],
)  # fmt: skip
def test_the_cancer_placed_at_an_organ_is_the_event(text: str, site: str) -> None:
    ex = extract(text)
    assert site in ex.facts["metastatic_sites"]
    assert ex.facts.get("prior_lines") == 0


@pytest.mark.parametrize(
    "text",
    [
        # another primary placed there, a denial, and a cancer known there before
        "She had breast cancer in 2015. In 2019 she was diagnosed with lung cancer in her lung.",
        "She had breast cancer in 2015. The scan showed no cancer in her liver.",
        "I knew right then that the breast cancer that was already in my bones and liver was "
        "now also in my brain.",
    ],
)
def test_no_event_from_another_cancer_a_denial_or_a_known_site(text: str) -> None:
    assert extract(text).facts.get("prior_lines") is None


def test_untreated_brain_metastases_are_not_an_untreated_case() -> None:
    # found writing a transcript: the brain metastases' own local treatment, not the history
    text = (
        "56-year-old woman with HER2-positive, ER-negative metastatic breast cancer. She "
        "progressed on first-line trastuzumab, pertuzumab and docetaxel, and this week an MRI "
        "found three brain metastases, not treated yet."
    )
    ex = extract(text)
    assert ex.facts.get("prior_lines") == 1
    assert ex.facts.get("brain_metastases") is True


@pytest.mark.parametrize(
    "text",
    ["ER+ HER2- MBC in bone, not treated yet.",
     "ER+ HER2- breast cancer with liver metastases. Not treated yet."],
)  # fmt: skip
def test_not_treated_yet_after_another_site_is_the_cases_history(text: str) -> None:
    assert extract(text).facts.get("prior_lines") == 0

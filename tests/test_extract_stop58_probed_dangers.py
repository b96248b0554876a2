"""Stop 58: the dangerous readings of the held-out probe set O (written by a helper who never
saw the code; its first run, 11 dangerous of 72 at 7dfca0e, was committed before any of it was
read). Each test has a twin that keeps the right reading, so a fix that only deletes facts
fails.

- A form's answer left unfilled ("CNS mets: Y / N / unknown", "pre / peri / post (delete as
  appropriate)") is not known.
- A record withdrawn as a mistake ("… of liver - ENTERED IN ERROR") is no finding.
- A record's status told pending after the finding ("ESR1 mutation (ctDNA) - status: pending",
  a lab portal's JSON) is a result to come.
- The words of menstruation in another sense ("periods of review", "cycling 30 miles") tell no
  menopausal status.
- A test strip's lines ("Pregnancy test: one line, negative") are no lines of therapy.
- An ordinal treatment given on a day ("Had my 6th treatment today!") or of a named regimen
  ("my 4th treatment of AC") is a round of a course, not a line.
- A scan's organ whose report denies the finding ("CT lungs: emphysema, no nodules") is no site.
- An animal's illness ("our spaniel … the vet says has spread to her lungs") is not hers.
- A brain lesion's resection cavity, and a local brain treatment dated before it in a note
  ("2021 craniotomy + cavity SRS"), settle the brain metastases.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("CNS mets: Y / N / unknown\nER+ HER2-", "brain_metastases"),
        ("Brain mets: yes/no\nER+ HER2-", "brain_metastases"),
        (
            "Menopausal status: pre / peri / post (delete as appropriate)\nER+ HER2-",
            "menopausal_status",
        ),
    ],
)
def test_a_form_s_unfilled_choices_are_not_known(text: str, fact: str) -> None:
    assert fact not in extract(text).facts


def test_a_form_s_filled_answer_stays() -> None:
    facts = extract("CNS mets: yes, 3 new lesions on MRI\nER+ HER2-").facts
    assert facts["brain_metastases"] is True
    assert extract("Menopausal status: post\nER+ HER2-").facts["menopausal_status"] == "post"


def test_a_record_entered_in_error_is_no_finding() -> None:
    text = (
        "Problem list:\nC79.51 Secondary malignant neoplasm of bone\n"
        "C78.7 Secondary malignant neoplasm of liver - ENTERED IN ERROR 03/2023"
    )
    assert extract(text).facts["metastatic_sites"] == ["bone"]
    kept = "Problem list:\nC79.51 Secondary malignant neoplasm of bone\nC78.7 Secondary malignant neoplasm of liver"
    assert extract(kept).facts["metastatic_sites"] == ["bone", "liver"]


@pytest.mark.parametrize(
    "text",
    [
        "ESR1 mutation (ctDNA) - status: pending",
        '{"test": "ESR1 mutation (ctDNA)", "status": "pending", "result": null}',
        "ESR1 mutation, result: awaited",
    ],
)
def test_a_record_s_status_pending_is_no_finding(text: str) -> None:
    assert "esr1" not in extract(text).facts


def test_a_record_s_final_status_keeps_the_finding() -> None:
    assert extract("ESR1 mutation (ctDNA) - status: final report").facts["esr1"] is True


@pytest.mark.parametrize(
    "text",
    [
        "She's 63, very fit - still cycling 30 miles most weekends. ER+ HER2- bone mets.",
        "71-year-old with long periods of stable disease; regular periods of review with the team.",
    ],
)
def test_menstrual_words_in_another_sense_tell_no_premenopause(text: str) -> None:
    assert extract(text).facts.get("menopausal_status") != "pre"


@pytest.mark.parametrize(
    "text", ["45F, still cycling, ER+ HER2-", "She is 44 with regular periods, ER+ HER2-"]
)
def test_menstrual_words_keep_their_own_sense(text: str) -> None:
    assert extract(text).facts["menopausal_status"] == "pre"


def test_a_test_strip_s_line_is_no_line_of_therapy() -> None:
    text = "Pregnancy test before the staging CT: one line, negative. ER+ HER2-, liver mets."
    assert extract(text).facts.get("prior_lines") != 1
    assert extract("She has had one line for her liver mets, ER+ HER2-.").facts["prior_lines"] == 1


@pytest.mark.parametrize(
    "text",
    [
        "Had my 6th treatment today! It's the same drip (Enhertu) since they found it in my liver.",
        "Today was my 4th treatment of AC.",
    ],
)
def test_a_round_of_a_course_is_no_line(text: str) -> None:
    assert "prior_lines" not in extract(text).facts


def test_a_named_third_treatment_is_still_a_line() -> None:
    assert extract("My 3rd treatment was eribulin and it failed").facts["prior_lines"] == 3


def test_a_scan_s_organ_with_a_denied_finding_is_no_site() -> None:
    text = "CT lungs: centrilobular emphysema, no nodules. Mets: liver and bone."
    assert "lung" not in extract(text).facts["metastatic_sites"]
    assert "lung" in extract("CT lungs: new nodules, no effusion").facts["metastatic_sites"]


def test_an_animal_s_illness_is_not_hers() -> None:
    text = (
        "Our spaniel has just been diagnosed with a mammary tumour that the vet says has spread "
        "to her lungs. Mum's own cancer is in her bones and liver (ER+)."
    )
    assert extract(text).facts["metastatic_sites"] == ["bone", "liver"]
    walk = "I walk my dog every day despite the bone mets in my spine"
    assert extract(walk).facts["metastatic_sites"] == ["bone"]


@pytest.mark.parametrize(
    "text",
    [
        "Met the neurosurgeons today - they're happy: the cerebellar resection cavity is clean "
        "on the 6-month MRI and nothing new has appeared.",
        "C79.31 Secondary malignant neoplasm of brain (2021). 2021 craniotomy + cavity SRS; MRI "
        "every 6 months since, last 10/2025: no recurrence, no new lesions.",
    ],
)
def test_a_resected_or_dated_treated_brain_lesion_is_settled(text: str) -> None:
    assert extract(text).facts.get("brain_metastases") is False


@pytest.mark.parametrize(
    "text", ["New 8 mm brain met. 2026 SRS planned.", "Brain mets. 2027 SRS booked"]
)
def test_a_dated_plan_settles_nothing(text: str) -> None:
    assert extract(text).facts["brain_metastases"] is True

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
        "ESR1 mutation (ctDNA); status: awaited",
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


# -- the cold review of the change (each confirmed by running; each failed before its mend) --


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("HER2 status - pending", "her2"),
        ("ER positive, HER2 result - pending", "her2"),
        ("Brain metastases (Y/N): N. Bone mets.", "brain_metastases"),
    ],
)
def test_review_no_reading_is_flipped(text: str, absent: str) -> None:
    assert absent not in extract(text).facts


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        (
            "MRI brain: 8mm enhancing nodule in the cerebellar resection cavity, in keeping with recurrent metastasis.",
            "brain_metastases",
            True,
        ),
        (
            "Progressive enhancing disease in the cerebellar resection cavity, for SRS.",
            "brain_metastases",
            True,
        ),
        (
            "MRI brain: 2 new cerebellar mets.\n2025 SRS discussed at MDT, awaiting date.",
            "brain_metastases",
            True,
        ),
        (
            "MRI brain 10/2025: 2 new cerebellar mets. 2025 SRS to be arranged.",
            "brain_metastases",
            True,
        ),
        ("Brain mets Y/N - yes, 3 lesions on MRI", "brain_metastases", True),
        ("Brain metastases (Y/N): Y", "brain_metastases", True),
        ("Menopausal status: post (delete as appropriate)", "menopausal_status", "post"),
        (
            "Menstrual history: regular periods of 5 days every 28 days, aged 44.",
            "menopausal_status",
            "pre",
        ),
        (
            "Pregnancy test negative before the scan and she has had two lines so far for MBC.",
            "prior_lines",
            2,
        ),
        ("Today I'm starting my 4th treatment since the cancer spread.", "prior_lines", 3),
        (
            "Saw my oncologist this morning: scans show progression, so I'm moving on to my 4th treatment.",
            "prior_lines",
            3,
        ),
    ],
)
def test_review_a_right_reading_is_kept(text: str, fact: str, value: object) -> None:
    assert extract(text).facts.get(fact) == value


@pytest.mark.parametrize(
    ("text", "site"),
    [
        ("The PET has shown new liver metastases.", "liver"),
        ("Her PET was positive in the liver and bones.", "liver"),
        ("My dog is my best friend and has been with me since my bone mets diagnosis.", "bone"),
        (
            "The cat had been ill all week and then I got the news that my cancer had spread to my bones.",
            "bone",
        ),
        ("As a vet myself, I was shocked to be told I had liver mets.", "liver"),
        ("CT shows new liver mets, biopsy result - pending", "liver"),
        ("CT shows new liver mets, letrozole charted in error on the drug chart.", "liver"),
        ("CT liver: no new lesions but the known metastases have grown.", "liver"),
        ("CT liver: no change in the multiple metastases.", "liver"),
    ],
)
def test_review_her_own_site_is_kept(text: str, site: str) -> None:
    assert site in extract(text).facts.get("metastatic_sites", [])


@pytest.mark.parametrize(
    ("text", "site"),
    [
        ("Our spaniel's mammary tumour has spread to her lungs. Mum has bone mets.", "lung"),
        (
            "Our old labrador, Max, has bone cancer that has spread to his lungs. Mum has liver mets.",
            "lung",
        ),
        (
            "CT lungs: no evidence of any suspicious pulmonary or pleural nodules. Bone mets.",
            "lung",
        ),
    ],
)
def test_review_the_same_classes_reach_further(text: str, site: str) -> None:
    assert site not in extract(text).facts.get("metastatic_sites", [])


def test_review_cycling_to_work_and_unasked_choices() -> None:
    assert (
        extract("I'm 71 and still cycling to work most days.").facts.get("menopausal_status")
        != "pre"
    )
    assert "menopausal_status" not in extract("Menopausal status: pre / peri / post\nER+").facts


def test_round_121_the_eye_socket_is_the_orbit() -> None:
    """Round 121 (after its first run): the lay word for the orbit, read as the eye before."""
    facts = extract("A mass in her left eye socket, biopsy: metastatic breast cancer.").facts
    assert facts["metastatic_sites"] == ["orbit"]
    assert extract("Metastasis to the eye (choroid).").facts["metastatic_sites"] == ["eye"]


@pytest.mark.parametrize(
    "text",
    [
        "Neuro exam: grossly intact. CNS mets: Y / N / unknown. 63F ER+ HER2- bone mets, ESR1 "
        "mutation (ctDNA) - status: pending. Progressed on letrozole + palbociclib. What next?",
        "ER+ HER2- bone mets, liver lesion (entered in error)",
        "ER+, PR+, HER2-, bone mets, Menopausal status: pre / peri / post (delete as appropriate)",
    ],
)
def test_a_field_s_end_is_its_own_finding_s_only(text: str) -> None:
    """Found testing the chat: a record's or a form's field end ("- status: pending",
    "(entered in error)", "pre / peri / post") reached back over the findings before it."""
    facts = extract(text).facts
    assert facts["hormone_receptor"] == "positive"
    assert facts["her2"] == "negative"
    assert "bone" in facts["metastatic_sites"]


def test_every_field_end_rule_named_in_extract_is_a_shipped_cue() -> None:
    """extract.FIELD_END_RULES names context_rules.yaml cues by their literal: a renamed cue
    would silently reach back over every finding again."""
    import importlib

    from chatbot.nlp import load_pipeline

    module = importlib.import_module("chatbot.nlp.extract")
    shipped = {rule.literal for rule in load_pipeline().get_pipe("mbc_context").rules}
    assert shipped >= module.FIELD_END_RULES, module.FIELD_END_RULES - shipped

"""Round 19 classes fixed by the lead after round 19's first run: chemotherapy said impossible or
unsafe by what made it so ("her failing bone marrow made chemotherapy risky and impossible to
administer") is no candidacy — the first run read chemo_candidate true from the chemotherapy
started earlier in the same story (a negated finding set true)."""

from __future__ import annotations

import itertools

import pytest

from chatbot.nlp import extract

CAUSES = ("Her failing bone marrow", "Rapidly rising bilirubin", "Her performance status")
NO_GO = (
    "made chemotherapy risky and impossible to administer",
    "made further chemotherapy impossible",
    "rendered chemotherapy unsafe",
    "made systemic chemotherapy too dangerous",
    "precluded further chemotherapy",
    "prohibited the use of chemotherapy",
)
STORIES = (
    "",
    "A 50-year-old woman had recurrent breast cancer with lung and bone metastases. "
    "Treatment with chemotherapy was initiated. ",
)
SAID_OF_CHEMO = (
    "Chemotherapy was too risky given her platelets.",
    "Chemotherapy could not be given because of her cytopenias.",
    "Chemotherapy cannot be administered safely.",
    "Further chemotherapy was considered too toxic.",
)


@pytest.mark.parametrize(
    ("story", "cause", "no_go"), list(itertools.product(STORIES, CAUSES, NO_GO))
)
def test_chemotherapy_made_impossible_is_no_candidacy(
    nlp, story: str, cause: str, no_go: str
) -> None:
    found = extract(f"{story}{cause} {no_go}.")
    assert found.facts.get("chemo_candidate") is False
    assert "chemo_candidate" not in found.inferred


@pytest.mark.parametrize(("story", "text"), list(itertools.product(STORIES, SAID_OF_CHEMO)))
def test_chemotherapy_said_impossible_is_no_candidacy(nlp, story: str, text: str) -> None:
    assert extract(story + text).facts.get("chemo_candidate") is False


@pytest.mark.parametrize(
    "text",
    [
        # metamorphic: the same verbs without a no-go word, or the base form after a
        # negation, say nothing against chemotherapy
        "Her platelets made chemotherapy appointments difficult to schedule.",
        "Capecitabine made chemotherapy at home possible.",
        "Her labs did not make chemotherapy impossible.",
        "Her bone marrow did not preclude chemotherapy.",
        "Chemotherapy made her tired.",
    ],
)
def test_no_no_go_word_reads_no_unfitness(nlp, text: str) -> None:
    assert extract(text).facts.get("chemo_candidate") is not False


# The pronouns of the patient's clinician are not hers: "She saw her oncologist. He did
# appropriate tests and informed her …" (r19-0007 read no sex: the pronouns disagreed).
CLINICIANS = ("oncologist", "doctor", "surgeon", "physician")
PATIENT_STORIES = (
    (
        "She developed back pain. She saw her {c}. He did tests and told her that her breast "
        "cancer had spread to her bones.",
        "female",
    ),
    (
        "He developed back pain. He saw his {c}. She did tests and told him that his breast "
        "cancer had spread to his bones.",
        "male",
    ),
    (
        "She saw her {c} about new liver lesions on her last scan. He recommended fulvestrant "
        "for her metastatic breast cancer.",
        "female",
    ),
)


@pytest.mark.parametrize(
    ("story", "clinician"), list(itertools.product(PATIENT_STORIES, CLINICIANS))
)
def test_the_clinicians_pronouns_are_not_the_patients(
    nlp, story: tuple[str, str], clinician: str
) -> None:
    text, sex = story
    assert extract(text.format(c=clinician)).facts.get("sex") == sex


@pytest.mark.parametrize(
    "text",
    [
        # a relative, or a pronoun that may be either person: the sex stays unknown
        "Her husband drove her to the clinic; he was worried. Her breast cancer had spread "
        "to the liver.",
        "The patient saw the oncologist with her husband. He asked about her palbociclib.",
        "She and her brother came in. He has metastatic breast cancer in the liver.",
    ],
)
def test_pronouns_of_two_people_still_say_nothing(nlp, text: str) -> None:
    assert "sex" not in extract(text).facts

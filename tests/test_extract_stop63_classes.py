"""Stop 63: readings left alone at stop 62, fixed as classes before round 126 and probe set
T were read. Each test has a twin that keeps the other reading.

- A scan's acute denial ends where a finding of its own opens, after a comma or a full stop
  ("CT head: no acute haemorrhage, multiple new enhancing metastases"; "MRI brain: no acute
  infarct. Two new ring-enhancing lesions"): the lesions are active brain metastases. Any
  acute finding ends the denial ("no acute infarct."), not a listed few; a denial that goes
  on to name lesions ("no acute haemorrhage, mass effect or metastases") still denies them.
- A brain scan's purpose told without a verb of ordering ("MRI brain to look for mets",
  "brain MRI for staging", "CT head to rule out metastases") is no finding.
- A local brain treatment dated in the past later in its clause ("SRS to residual disease
  in the cerebellum last month, now stable", "WBRT … 2 years ago") is done; a plan word in
  the clause keeps it ahead.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


def facts(text: str) -> dict[str, object]:
    return extract(text).facts


@pytest.mark.parametrize(
    "text",
    [
        "HER2+ MBC. CT head: no acute haemorrhage, multiple new enhancing metastases in both hemispheres.",
        "HER2+ MBC. CT head: no acute bleed, but two new enhancing lesions consistent with metastases.",
        "HER2+ MBC. MRI brain: no acute infarct. Multiple new enhancing metastases.",
        "HER2+ MBC. Head CT - no acute intracranial haemorrhage; several new cerebellar lesions.",
    ],
)
def test_a_finding_after_an_acute_denial_is_active(text: str) -> None:
    found = facts(text)
    assert found.get("brain_metastases") is True
    assert "brain" in found.get("metastatic_sites", [])


@pytest.mark.parametrize(
    "text",
    [
        "HER2+ MBC. CT head: no acute haemorrhage, mass effect or metastases.",
        "HER2+ MBC. CT head: no acute intracranial abnormality or brain metastases.",
        "HER2+ MBC. CT head: no acute infarct or metastatic disease.",
    ],
)
def test_a_denial_that_names_the_lesions_still_denies_them(text: str) -> None:
    assert facts(text).get("brain_metastases") is False


def test_another_organs_finding_after_the_acute_denial_is_not_the_brains() -> None:
    found = facts("HER2+ MBC. MRI brain: no acute infarct. Liver metastases on CT.")
    assert found.get("metastatic_sites") == ["liver"]
    assert found.get("brain_metastases") is not True


@pytest.mark.parametrize(
    "text",
    [
        "ER+ HER2- bone mets. MRI brain to look for mets next week.",
        "ER+ HER2- bone mets. Brain MRI for staging of possible metastases.",
        "ER+ HER2- bone mets. CT head to exclude metastases given headaches.",
    ],
)
def test_a_brain_scans_purpose_is_no_finding(text: str) -> None:
    found = facts(text)
    assert found.get("metastatic_sites") == ["bone"]
    assert "brain_metastases" not in found


def test_a_brain_scan_told_finding_after_its_reason_is_read() -> None:
    found = facts("ER+ HER2- bone mets. Brain MRI due to headaches showed 3 new mets.")
    assert found.get("brain_metastases") is True


@pytest.mark.parametrize(
    "text",
    [
        "HER2+ MBC. SRS to residual disease in the cerebellum last month, now stable.",
        "HER2+ MBC. Gamma knife to two small cerebellar metastases a year ago, stable since.",
    ],
)
def test_a_brain_treatment_dated_in_the_past_settles(text: str) -> None:
    assert facts(text).get("brain_metastases") is False


@pytest.mark.parametrize(
    "text",
    [
        "HER2+ MBC, brain mets. SRS to the 3 lesions is planned, consent taken last week.",
        "HER2+ MBC. WBRT to multiple brain mets 2 years ago, now new cerebellar lesion.",
    ],
)
def test_a_planned_or_outgrown_brain_treatment_leaves_them_active(text: str) -> None:
    assert facts(text).get("brain_metastases") is True


@pytest.mark.parametrize(
    "text",
    [
        "ER+ HER2- bone mets. Head MRI was completely clear.",
        "ER+ HER2- bone mets. My head MRI in January was completely clear.",
        "ER+ HER2- bone mets. Brain MRI was totally normal.",
    ],
)
def test_a_brain_scan_told_clear_with_a_degree_word_is_negative(text: str) -> None:
    assert facts(text).get("brain_metastases") is False


def test_a_brain_scan_told_not_clear_is_no_negative() -> None:
    assert "brain_metastases" not in facts(
        "ER+ HER2- bone mets. Brain MRI was not completely clear."
    )

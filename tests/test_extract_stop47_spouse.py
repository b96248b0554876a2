"""A spouse told with an adjective is the patient a message is about ("his young wife, Mary,
had metastatic breast cancer", r28-0001, stop 47), and a person noun told before her (the
husband who wrote, "a man named Bill") is not her sex. Each read fails on the code before
it; the twin, the man himself ill, stays male.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract

SPOUSE = [
    (
        "I recall several years ago getting an e-mail from a man named Bill. He wrote to me that his "
        "young wife, Mary, had metastatic breast cancer that had progressed to her liver, lungs and bone.",
        "female",
    ),
    (
        "Last March his young wife, Melissa, was diagnosed with stage four breast cancer in her bones.",
        "female",
    ),
    ("Her beloved husband, Tom, has metastatic breast cancer that spread to his lungs.", "male"),
]


@pytest.mark.parametrize(("text", "sex"), SPOUSE)
def test_the_spouse_told_with_an_adjective_is_the_patient(nlp, text: str, sex: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("sex") == sex


def test_the_man_himself_ill_stays_male(nlp) -> None:  # type: ignore[no-untyped-def]
    told = (
        "I recall getting an e-mail from a man named Bill. He wrote that he had metastatic breast "
        "cancer in his liver and lungs."
    )
    assert extract(told).facts.get("sex") == "male"

"""Round 75's classes (stop 48), each read failing on the code before it, each with a twin
that stays unread: brain metastases treated by surgeries counted in the plural ("She had two
brain surgeries" had left them active — a dangerous error); a place in the patient's apposition
is no person's name ("Ellen Paling, 44, of Chapeltown, near Sheffield, was first diagnosed"
had made "Sheffield" the cancer's subject and her age another's); the adjective before the
receptor's name ("26 treatments of targeted Her2 therapy")."""

from __future__ import annotations

from chatbot.nlp import extract


def test_brain_metastases_treated_by_surgeries_in_the_plural(nlp) -> None:  # type: ignore[no-untyped-def]
    told = (
        "Fink was diagnosed with breast cancer in 2013. She was treated, but later found out it "
        "spread to her brain. She had two brain surgeries and had to undergo even more treatment."
    )
    assert extract(told).facts.get("brain_metastases") is False
    planned = "Her breast cancer spread to her brain. She will need two brain surgeries."
    assert extract(planned).facts.get("brain_metastases") is True


def test_a_place_in_her_apposition_is_no_name(nlp) -> None:  # type: ignore[no-untyped-def]
    told = (
        "Ellen Paling, 44, of Chapeltown, near Sheffield, was first diagnosed with breast cancer in "
        "2002 just a year after her daughter, now 13, was born. But she was given the devastating "
        "news she had incurable metastatic breast cancer when it recurred three years ago."
    )
    assert extract(told).facts.get("age") == 44
    # another person's apposed age beside the patient's named illness stays theirs
    other = "Stacey was diagnosed with metastatic breast cancer at age 39, so her friend Betty, 64, of Leeds, ran a marathon."
    assert extract(other).facts.get("age") != 64


def test_targeted_her2_therapy_with_the_adjective_first(nlp) -> None:  # type: ignore[no-untyped-def]
    told = (
        "I have been stage 4 from the moment I found a lump in my breast. To date I have undergone "
        "14 rounds of chemotherapy and 26 treatments of targeted Her2 therapy."
    )
    assert extract(told).facts.get("her2") == "positive"
    considered = "She has metastatic breast cancer. Targeted HER2 therapy was considered."
    assert extract(considered).facts.get("her2") is None

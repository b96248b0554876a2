"""Round 74's classes (stop 48), each read failing on the code before it, each with a twin
that stays unread: chemotherapy told by what it did to the cancer ("a new oral chemotherapy
treatment killed the cancer in her ribs, spine and tailbone"; "Chemotherapy killed her
sister" is no course of hers); the lay "doing chemotherapy", with a coordinated plan of
something else after it ending its clause ("is currently doing chemotherapy and will try
medical trials if needed": the condition is the trials'; "… and will not continue it" still
denies it)."""

from __future__ import annotations

from chatbot.nlp import extract


def test_chemotherapy_told_by_what_it_did_to_the_cancer(nlp) -> None:  # type: ignore[no-untyped-def]
    told = (
        "More than a year since the recurrence, Amy is living with stage 4, metastatic breast "
        "cancer. a new oral chemotherapy treatment killed the cancer in her ribs, spine and tailbone."
    )
    assert extract(told).facts.get("chemo_candidate") is True
    other = "She has metastatic breast cancer in her bones. Chemotherapy killed her sister."
    assert extract(other).facts.get("chemo_candidate") is None


def test_doing_chemotherapy_and_a_plan_of_something_else(nlp) -> None:  # type: ignore[no-untyped-def]
    told = (
        "Cynthia Burton of Austin found out she had De Novo metastatic breast cancer when she was "
        "62. Burton is currently doing chemotherapy and will try medical trials if needed to try "
        "to extend her life."
    )
    assert extract(told).facts.get("chemo_candidate") is True
    denied = (
        "She has metastatic breast cancer in her liver. She started chemo and will not continue it."
    )
    assert extract(denied).facts.get("chemo_candidate") is None
    # a past course or an assumed plan is no candidacy
    past = (
        "The cancer had spread to one of my lungs. So I did chemotherapy from 2019 to around 2021."
    )
    assert extract(past).facts.get("chemo_candidate") is None

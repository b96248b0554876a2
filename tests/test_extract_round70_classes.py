"""Round 70's classes (stop 48), each read failing on the code before it, each with a twin:
the age reached told in the perfect or by her name ("I had just turned 50", "Paula turned 41");
her own words introduced after a third-person opening ("… her final battle. This was her post
…: my old cancer came back"); a plan of chemotherapy with an exception ("unless …") still
stands; an organ told as the landmark of lymph nodes ("lymph nodes along the spine") is no
site; a return "was back in" a named woman's organ is metastatic disease for the scope judge."""

from __future__ import annotations

from chatbot.dialogue.scope import judge_scope
from chatbot.nlp import extract


def test_the_age_reached_in_the_perfect_or_by_her_name(nlp) -> None:  # type: ignore[no-untyped-def]
    perfect = (
        "In 2008 I discovered that my breast cancer, in remission for several years, had spread "
        "to my bones. I had just turned 50 and made a list of things I wanted to try."
    )
    assert extract(perfect).facts.get("age") == 50
    named = (
        "My sister-in-law Paula has been in the hospital. After a ten year battle with breast "
        "cancer she is now in stage 4. Paula turned 41 on August 5th."
    )
    assert extract(named).facts.get("age") == 41
    # a relative or a thing that "turned" is no age of hers
    assert (
        extract("Her daughter Emma turned 18 last week. She has stage 4 breast cancer.").facts.get(
            "age"
        )
        is None
    )
    assert extract("Her son turned 18. She has stage 4 breast cancer.").facts.get("age") is None
    assert extract("The tumour turned 50 percent necrotic after chemo.").facts.get("age") is None


def test_her_own_words_introduced_after_a_third_person_opening(nlp) -> None:  # type: ignore[no-untyped-def]
    told = (
        "For the third time, Jeni is facing breast cancer, and this will be her final battle. "
        "This was her post in Facebook on the day we found out: yesterday I found out that my "
        "old cancer came back and spread to my liver."
    )
    facts = extract(told)
    assert facts.facts.get("sex") == "female"
    assert "sex" in facts.inferred
    # the introducer's own first-person words before it make the pronoun someone else's
    mine = "I read her post last night: my old cancer came back and spread to my liver."
    assert extract(mine).facts.get("sex") is None


def test_a_plan_of_chemotherapy_with_an_exception_stands(nlp) -> None:  # type: ignore[no-untyped-def]
    told = (
        "I found out that my old cancer came back and spread to my liver. Went to the Huntsman "
        "today and started our plans, which include chemo starting again on Monday, (unless I "
        "get translated on Sunday)."
    )
    assert extract(told).facts.get("chemo_candidate") is True
    # a condition ("if") still leaves it unread
    conditional = (
        "I found out that my old cancer came back and spread to my liver. We may start chemo "
        "on Monday if the scans agree."
    )
    assert extract(conditional).facts.get("chemo_candidate") is None


def test_an_organ_the_lymph_nodes_lie_by_is_no_site(nlp) -> None:  # type: ignore[no-untyped-def]
    told = "In 1990 the cancer was back in her liver and lymph nodes along the spine."
    assert set(extract(told).facts["metastatic_sites"]) == {"liver", "lymph nodes"}
    assert extract("The cancer spread to the nodes next to her spine.").facts[
        "metastatic_sites"
    ] == ["lymph nodes"]
    # a list of the organ and the nodes keeps both; nodes "in" an organ keep it
    assert set(
        extract("Her cancer spread to her spine and lymph nodes.").facts["metastatic_sites"]
    ) == {
        "bone",
        "lymph nodes",
    }
    assert "liver" in extract("It spread to lymph nodes in the liver.").facts["metastatic_sites"]


def test_a_return_back_in_a_named_womans_organ_is_metastatic_disease() -> None:
    told = (
        "She had a mastectomy that revealed 13 positive nodes. She underwent 10 months of "
        "chemotherapy. In 1990 the cancer was back in A'lory's liver and lymph nodes along the spine."
    )
    assert judge_scope(told).out_of_scope is False
    early = (
        "She had a lumpectomy and radiotherapy for breast cancer. Her sister was back in hospital."
    )
    assert judge_scope(early).reason == "early-breast-cancer"

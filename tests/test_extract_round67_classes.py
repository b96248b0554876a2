"""Round 67's classes (stop 47), each read failing on the code before it, each with a twin
that stays unread: a cue inside quoted words stays inside them; the spread told found with
no organ named; what she "started" that is no treatment, and the earlier course told as
"the first time"; the route between a spread and the brain; her age now after her age at
the diagnosis; the nodes removed in the early surgery are no site.
"""

from __future__ import annotations

from chatbot.dialogue.scope import judge_scope
from chatbot.nlp import extract


def test_a_cue_inside_quoted_words_stays_inside_them(nlp) -> None:  # type: ignore[no-untyped-def]
    told = (
        "Tests showed her breast cancer was back, this time in her lungs and liver. “All I could "
        "think was, ‘is my son going to grow up without his mum?’” said Victoria, now 34."
    )
    assert extract(told).facts.get("age") == 34
    # outside quotes, the same cues still reach the age ("my son" … a relative's age)
    plain = "Tests showed her breast cancer was back in her lungs. My son, now 9, is scared."
    assert extract(plain).facts.get("age") != 9


def test_the_spread_told_found_with_no_organ_named(nlp) -> None:  # type: ignore[no-untyped-def]
    told = (
        "Mrs Andrews went through chemotherapy, radiotherapy and a single mastectomy in 2012. "
        "Around 10 months after her treatment finished, further tests revealed the cancer had spread."
    )
    ex = extract(told)
    assert ex.facts.get("prior_lines") == 0 and "prior_lines" in ex.inferred
    for twin in (
        "She had a lumpectomy. Later I was told the cancer had spread to other parts of my breasts.",
        "Tests revealed the cancer had spread and could not be cured, after a mastectomy and chemotherapy.",
        "If the cancer had spread, she would need chemotherapy.",
    ):
        assert extract(twin).facts.get("prior_lines") is None


def test_what_she_started_that_is_no_treatment(nlp) -> None:  # type: ignore[no-untyped-def]
    told = (
        "A few days later we learned that my breast cancer had metastasized to my liver and "
        "numerous lymph nodes. The first time I had a fear of the treatment more than dying; now I "
        "was stage 4. Then I started thinking about our dog."
    )
    assert extract(told).facts.get("prior_lines") == 0
    given = (
        "My breast cancer had metastasized to my liver. I started taking letrozole and it failed."
    )
    assert extract(given).facts.get("prior_lines") == 1


def test_the_route_between_a_spread_and_the_brain(nlp) -> None:  # type: ignore[no-untyped-def]
    told = "Her breast cancer had spread through her blood to her brain and spine."
    ex = extract(told)
    assert ex.facts.get("brain_metastases") is True
    assert set(ex.facts.get("metastatic_sites") or ()) == {"brain", "bone"}
    treated = told + " The brain lesions were treated with radiosurgery and are stable."
    assert extract(treated).facts.get("brain_metastases") is not True


def test_her_age_now_after_her_age_at_the_diagnosis(nlp) -> None:  # type: ignore[no-untyped-def]
    told = (
        "Teresa was diagnosed with breast cancer in October 2009 at just 43-years-old. “My doctor "
        "said, ‘Let’s see if we can get you to 45’ – and now I’m 45 the challenge is to get to 46,” "
        "she says. She was later told the cancer had spread to her spine."
    )
    assert extract(told).facts.get("age") == 45
    # a younger age told after is someone else's or her childhood: the age at the event stays
    childhood = (
        "My mother learned her breast cancer had returned at age 40, with mets to the spine. "
        "I was 11 and my brother was 8."
    )
    assert extract(childhood).facts.get("age") == 40


def test_the_nodes_removed_in_the_early_surgery_are_no_site(nlp) -> None:  # type: ignore[no-untyped-def]
    told = (
        "She had a partial mastectomy, full lymph node removal and a year of chemotherapy. She was "
        "later told the breast cancer had spread to her spine."
    )
    assert set(extract(told).facts.get("metastatic_sites") or ()) == {"bone"}
    nodes = "Her breast cancer had spread to her lymph nodes and her spine."
    assert set(extract(nodes).facts.get("metastatic_sites") or ()) == {"lymph nodes", "bone"}


def test_the_spread_told_found_is_in_scope() -> None:
    told = (
        "Mrs Andrews went through chemotherapy, radiotherapy and a single mastectomy in 2012. "
        "Around 10 months after her treatment finished, further tests revealed the cancer had spread."
    )
    assert judge_scope(told).out_of_scope is False
    nodes = "She had a lumpectomy in 2019. Tests showed the cancer had spread to her lymph nodes, so she had chemotherapy."
    assert judge_scope(nodes).reason == "early-breast-cancer"

"""Round 69's classes (stop 47), each read failing on the code before it, each with a twin:
a person noun as a preposition's object is someone else ("married to the man tasked with
…"); the relative word as a predicate of her own subject is her role, not a relative ("The
37-year-old Texas native is a mother who …", "She was a one in a million mother")."""

from __future__ import annotations

from chatbot.nlp import extract


def test_a_person_noun_as_a_prepositions_object_is_someone_else(nlp) -> None:  # type: ignore[no-untyped-def]
    told = (
        "The mum-of-four, who is married to the man tasked with keeping the players fit and "
        "healthy, has been battling breast cancer since 2011. It has now spread to her liver and lungs."
    )
    assert extract(told).facts.get("sex") == "female"
    ill = "She was married to the man who has metastatic breast cancer in his liver."
    assert extract(ill).facts.get("sex") == "male"


def test_the_relative_word_as_her_own_predicate_is_her_role(nlp) -> None:  # type: ignore[no-untyped-def]
    told = (
        "The 37-year-old Texas native is a mother who knows what's going to kill her. In 2018, "
        "she was diagnosed with stage four metastatic breast cancer."
    )
    assert extract(told).facts.get("age") == 37
    died = (
        "I lost my Mum, Julie. She was a one in a million mother and only 52 years old when she "
        "died from metastatic breast cancer."
    )
    assert extract(died).facts.get("age") == 52
    # a relative owned keeps its family scope: her mother's age is not hers
    relative = "Her mother, 70, had breast cancer. She was diagnosed with metastatic breast cancer in her liver."
    assert extract(relative).facts.get("age") != 70

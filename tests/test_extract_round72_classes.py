"""Round 72's class (stop 48), failing on the code before it, with its twins: a drug she is
to try is not yet given ("her doctor suggested she try a new drug called Kisqali" had read a
prior CDK4/6 inhibitor, which moves her to a later line); "try to" keeps the drug she takes."""

from __future__ import annotations

from chatbot.nlp import extract


def test_a_drug_she_is_to_try_is_not_given(nlp) -> None:  # type: ignore[no-untyped-def]
    told = (
        "When Jenny Crow was told she had advanced breast cancer last year, she thought she would "
        "never live a normal life again. Shortly after receiving the news, her doctor suggested "
        "she try a new drug called Kisqali."
    )
    facts = extract(told).facts
    assert "prior_cdk46" not in facts
    assert "prior_therapies" not in facts
    assert "prior_cdk46" not in extract("Her doctor wants her to try Ibrance.").facts
    # a drug she tries to take at a time of day is hers; one she tried is given
    assert extract("I try to take my letrozole at night.").facts.get("prior_therapies") == [
        "letrozole"
    ]
    assert (
        extract("She tried palbociclib for a year and progressed.").facts.get("prior_cdk46") is True
    )

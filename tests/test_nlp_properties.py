"""Properties of extract() on arbitrary text: never raises, spans point into the text,
facts have the DESIGN.md types, the same text gives the same result."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chatbot.contract import FACTS, valid_fact_value
from chatbot.nlp import extract

WORDS = st.sampled_from(
    [
        "no",
        "not",
        "ER+",
        "HER2-",
        "HER2",
        "2+",
        "ISH",
        "negative",
        "positive",
        "letrozole",
        "palbo",
        "faslodx",
        "then",
        "progressed",
        "on",
        "first-line",
        "?",
        ",",
        ".",
        ";",
        "PIK3CA",
        "wild-type",
        "not tested",
        "62F",
        "age",
        "300",
        "brain",
        "mets",
        "visceral crisis",
        "if",
        "CDK4/6i",
        "never",
        "had",
        "and",
        "xyzumab",
        "ECOG",
        "3",
        "CPS",
        "≥10",
        "denosumab",
    ]
)
TEXTS = st.one_of(
    st.lists(WORDS, max_size=25).map(" ".join),
    st.text(max_size=80),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=TEXTS)
def test_extract_is_total_and_well_typed(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    ex = extract(text)
    assert ex == extract(text)  # deterministic
    for name, value in ex.facts.items():
        assert valid_fact_value(name, value), (name, value)
    for group in ex.spans.values():
        for span in group:
            assert text[span.start : span.end] == span.text
    assert set(ex.uncertain) <= set(FACTS) and not set(ex.uncertain) & set(ex.facts)
    assert ex.unknown_facts <= set(FACTS) and not ex.unknown_facts & set(ex.facts)
    assert ex.inferred <= set(ex.facts) and ex.corrections <= set(ex.facts)
    for c in ex.contradictions:
        assert c.fact not in ex.facts
    for d in ex.drugs:
        assert text[d.span.start : d.span.end] == d.span.text

"""Stop 30's classes (found on seen text and by probing, before round 28 was scored), each a
template grid with metamorphic checks.

- A verb of spread in any tense is the head of its list of places ("her cancer had become
  incurable, spreading to her liver and brain", "it is moving to her bones"): the brain member
  reads as brain metastases, as it did after "spread to" and "travelled to".
- A yes/no question whose predicate is the finding ("Could it have spread to the brain?",
  "Does she have brain mets?") asks whether she has it: the finding is not set
  (chatbot.nlp.questions; a modal opener, a clause after a comma and the place a verb of
  spread goes "to" were not read as asking). A finding told as the premise of a question ("Is it safe to
  give fulvestrant with bone mets?", "Are her liver mets growing?") is still read.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract

SPREAD_FORMS = [
    "had become incurable, spreading to",
    "is spreading to",
    "spreads to",
    "is moving to",
    "was travelling to",
    "is traveling to",
    "is migrating to",
    "has spread to",  # the form that already worked: the grid's control
]
SUBJECTS = ["Her cancer", "The disease", "My cancer"]
PLACES = [
    ("her liver and brain", ["liver", "brain"]),
    ("the brain", ["brain"]),
    ("her bones, liver and brain", ["bone", "liver", "brain"]),
]


@pytest.mark.parametrize("verb", SPREAD_FORMS)
@pytest.mark.parametrize("subject", SUBJECTS)
@pytest.mark.parametrize(("place", "sites"), PLACES)
def test_a_spread_verb_in_any_tense_heads_its_places(  # type: ignore[no-untyped-def]
    nlp, verb: str, subject: str, place: str, sites: list[str]
) -> None:
    facts = extract(f"{subject} {verb} {place}.").facts
    assert facts.get("metastatic_sites") == sites
    assert facts.get("brain_metastases") is True


@pytest.mark.parametrize(
    "text",
    [
        "There is no sign it is spreading to the brain.",
        "Brain MRI negative; nothing spreading to the brain.",
    ],
)
def test_a_denied_spread_stays_denied(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("brain_metastases") is not True


@pytest.mark.parametrize(
    "text", ["The rash is spreading to her arms.", "She is moving to Boston next month."]
)
def test_a_spread_verb_without_a_site_reads_nothing(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts == {}


OPENERS = [
    "Could it have spread to",
    "Has it spread to",
    "Has her cancer metastasized to",
    "Is it spreading to",
    "Did the cancer spread to",
    "Might it have travelled to",
]


@pytest.mark.parametrize("opener", OPENERS)
@pytest.mark.parametrize(("place", "sites"), PLACES)
@pytest.mark.parametrize(
    "before", ["", "She has ER+ MBC. ", "My mom has breast cancer in her lymph nodes, "]
)
def test_a_yes_no_question_asks_the_finding_it_names(  # type: ignore[no-untyped-def]
    nlp, opener: str, place: str, sites: list[str], before: str
) -> None:
    result = extract(before + f"{opener} {place}?")
    read = result.facts.get("metastatic_sites") or []
    assert not set(sites) & set(read)
    assert result.facts.get("brain_metastases") is None


@pytest.mark.parametrize(
    ("question", "statement"),
    [
        ("Could it have spread to", "It has spread to"),
        ("Has it spread to", "It has spread to"),
        ("Has her cancer metastasized to", "Her cancer has metastasized to"),
        ("Is it spreading to", "It is spreading to"),
        ("Did the cancer spread to", "The cancer did spread to"),
    ],
)
def test_the_same_words_told_are_read(nlp, question: str, statement: str) -> None:  # type: ignore[no-untyped-def]
    """Metamorphic: the question's words, told as a statement, set what the question asks."""
    assert "brain_metastases" not in extract(f"{question} her liver and brain?").facts
    facts = extract(f"{statement} her liver and brain.").facts
    assert facts.get("metastatic_sites") == ["liver", "brain"]


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Does she have brain mets?", "brain_metastases"),
        ("Is there any evidence of brain involvement?", "brain_metastases"),
        ("72F with MBC. Does she have brain metastases?", "brain_metastases"),
    ],
)
def test_have_and_there_is_questions_ask(nlp, text: str, fact: str) -> None:  # type: ignore[no-untyped-def]
    assert fact not in extract(text).facts


@pytest.mark.parametrize(
    ("text", "site"),
    [
        ("Is it safe to give fulvestrant with bone mets?", "bone"),
        ("Do you give T-DXd to HER2-low patients with brain mets?", "brain"),
        ("Should she get capecitabine for her liver mets?", "liver"),
        ("What is next for a woman with liver metastases after palbociclib?", "liver"),
        ("Could she have T-DXd for her liver mets?", "liver"),
        ("Can she be treated with capecitabine for her liver metastases?", "liver"),
    ],
)
def test_a_finding_told_as_a_premise_of_a_question_is_read(  # type: ignore[no-untyped-def]
    nlp, text: str, site: str
) -> None:
    assert site in (extract(text).facts.get("metastatic_sites") or [])


# -- a progression told before the drug it happened on ----------------------------------------
# ("Her disease progressed while she was on letrozole", "New liver mets on letrozole", "A new
# spot appeared on my liver while I was on Xeloda", "Liver lesions grew despite fulvestrant"):
# the drug was read as given but not as failing.
FINDINGS = [
    "New liver mets",
    "New bone lesions",
    "A new spot appeared on my liver",
    "New liver lesions appeared",
    "Her liver lesions grew",
    "Her disease progressed",
    "The cancer spread",
]
LINKS = ["on", "despite", "during", "while she was on", "while I was on", "while on"]


@pytest.mark.parametrize("finding", FINDINGS)
@pytest.mark.parametrize("link", LINKS)
@pytest.mark.parametrize(
    ("drug", "failing"),
    [
        ("letrozole", ["letrozole"]),
        ("Xeloda", ["capecitabine"]),
        ("letrozole + palbociclib", ["letrozole", "palbociclib"]),
    ],
)
def test_a_progression_told_before_its_drug_fails_it(  # type: ignore[no-untyped-def]
    nlp, finding: str, link: str, drug: str, failing: list[str]
) -> None:
    facts = extract(f"{finding} {link} {drug}.").facts
    assert facts.get("progressed_on") == failing


@pytest.mark.parametrize(
    "text",
    [
        "Pain worsened while she was on letrozole.",  # a symptom, no disease verb
        "A new scan on letrozole showed stable disease.",  # no tumour noun
        "She developed new liver lesions and was started on capecitabine.",  # begun after
        "Four new lesions on my liver; she then began letrozole.",  # a place, no drug after
    ],
)
def test_no_progression_on_the_drug_without_the_disease_s_words(  # type: ignore[no-untyped-def]
    nlp, text: str
) -> None:
    facts = extract(text).facts
    assert not facts.get("progressed_on")


def test_the_next_line_after_the_failure_is_counted(nlp) -> None:  # type: ignore[no-untyped-def]
    """Metamorphic: the failing drug, then the switch, is one line given (the current one
    not failing)."""
    facts = extract("She had new bone lesions on letrozole, so she switched to fulvestrant.").facts
    assert facts.get("progressed_on") == ["letrozole"]
    assert facts.get("prior_lines") == 1

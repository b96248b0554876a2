"""Stop 46's classes from round 64 (first run recorded in tests/data/real/FORMAT.md before any
of its misses was read).

Each class is written in words other than the corpus text's, with a metamorphic twin that
must not change: the fix reads the class, not the sentence.
"""

from __future__ import annotations

import pytest

from chatbot.dialogue.scope import judge_scope
from chatbot.nlp import extract

SPREAD = "Her breast cancer came back in her liver and bones. "


# -- chemotherapy told by its effect or its sittings; a doubt before its clause -------------


@pytest.mark.parametrize(
    "said",
    [
        "Chemotherapy has shrunk the tumours in her liver.",
        "A combined approach of radiation and chemotherapy improved her pain.",
        "She runs between her chemotherapy appointments.",
        # a doubt in a clause before the chemotherapy's is not said of it (r64-0014)
        "Doctors said she might have a year, but recent chemotherapy has shrunk the nodes.",
        # a quotation after it is another sentence (r64-0045)
        "She runs between chemotherapy appointments, she said: “Cancer might take the rest.”",
    ],
)
def test_chemotherapy_told_by_its_effect_or_sittings_makes_a_candidate(said: str) -> None:
    ex = extract(SPREAD + said)
    assert ex.facts.get("chemo_candidate") is True
    assert "chemo_candidate" in ex.inferred


@pytest.mark.parametrize(
    "said",
    [
        # a clause after it can deny it (round 60: offered and refused is no candidacy)
        "She was offered chemotherapy, but she did not want it.",
        "She was offered chemotherapy, but she opted against it.",
        "She was given chemotherapy but had a severe reaction.",
        "The chemotherapy is not working.",
    ],
)
def test_chemotherapy_denied_after_its_clause_makes_no_candidate(said: str) -> None:
    assert extract(SPREAD + said).facts.get("chemo_candidate") is not True


# -- the ovaries removed last of a list of organs ------------------------------------------


@pytest.mark.parametrize(
    "said",
    [
        "She had had chemotherapy and surgery to remove her lymph nodes and ovaries.",
        "She underwent surgery to remove her uterus, tubes and ovaries.",
        "They removed her uterus and ovaries in 2019.",
        # twin read before too
        "Her ovaries were removed.",
    ],
)
def test_ovaries_removed_in_a_list_is_ovarian_ablation(said: str) -> None:
    assert extract(SPREAD + said).facts.get("ovarian_ablation") is True


def test_a_removal_only_asked_for_is_no_ablation() -> None:
    text = (
        SPREAD
        + "If the insurer had granted requests for surgery to remove her ovaries, she might be better."
    )
    assert extract(text).facts.get("ovarian_ablation") is not True


# -- sites: unnamed places counted by a quantity noun before their list ----------------------


@pytest.mark.parametrize(
    "text",
    [
        "Stage 4 breast cancer, metastatic in a handful of places, including her ribs.",
        "The breast cancer spread to a couple of places, including her sternum.",
        # twin read before too
        "The breast cancer spread to several places, including her ribs.",
    ],
)
def test_places_counted_by_a_quantity_noun_before_their_list(text: str) -> None:
    assert extract(text).facts.get("metastatic_sites") == ["bone"]


def test_places_counted_without_a_list_are_no_site() -> None:
    # metamorphic: the quantity alone names no organ
    text = "Her breast cancer spread to a handful of places last year."
    assert not extract(text).facts.get("metastatic_sites")


# -- a lesion's biopsy likened to her breast cancer is the metastatic event ----------------


def test_the_same_kind_of_cancer_as_in_her_breast_is_the_event() -> None:
    # r64-0003's class: the finding and its likeness told in two sentences
    text = (
        "A spot showed up on her lung and grew slightly. Next was a needle biopsy. It was "
        "positive for the same kind of cancer as that found in her breast."
    )
    ex = extract(text)
    assert ex.facts.get("metastatic_sites") == ["lung"]
    assert ex.facts.get("prior_lines") == 0
    assert "prior_lines" in ex.inferred


# -- a name with a capital inside apposed its age -------------------------------------------


@pytest.mark.parametrize("name", ["Rachel McCormack", "Anne MacLeod", "Jo DeAngelo"])
def test_an_apposed_age_after_a_name_with_an_inner_capital_is_hers(name: str) -> None:
    text = (
        "Scans revealed a fracture on her spine caused by tumours. "
        f"{name}, 38, had been treated for stage two breast cancer in 2015."
    )
    assert extract(text).facts.get("age") == 38


# -- scope: the lay and misspelt ways of telling the spread --------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Her inflammatory breast cancer had metasised into secondary lung cancer. What next?",
        "Stage two breast cancer in 2015, all clear; now a fracture on her spine caused by "
        "tumours. Options?",
        "My cancer metasticized to my liver. What now?",
    ],
)
def test_a_spread_told_in_lay_or_misspelt_words_is_in_scope(text: str) -> None:
    assert judge_scope(text).out_of_scope is False


def test_early_disease_with_a_spine_fracture_from_osteoporosis_stays_declined() -> None:
    text = "Stage 2 breast cancer treated with lumpectomy; a fracture on her spine caused by osteoporosis. Next?"
    assert judge_scope(text).reason == "early-breast-cancer"

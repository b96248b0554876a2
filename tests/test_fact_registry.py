"""knowledge/facts.yaml and knowledge/groups.yaml: one registry each, matching the contract."""

from __future__ import annotations

import pytest

from chatbot.contract import FACTS, GROUP_IDS
from chatbot.dialogue.policy import CONDITIONAL_ONLY, PANEL, question_for
from chatbot.dialogue.state import CaseState
from chatbot.dialogue.wording import fact_label, group_words
from chatbot.kb.facts import fact_registry


def test_facts_yaml_is_the_contract_fact_list_in_order() -> None:
    assert list(fact_registry()) == list(FACTS)


def test_the_policy_and_wording_read_the_registry() -> None:
    registry = fact_registry()
    assert PANEL == ("pik3ca", "esr1", "akt1", "pten", "germline_brca")
    assert set(CONDITIONAL_ONLY) == {"ntrk_fusion", "ret_fusion", "msi_high", "dmmr", "tmb_high"}
    for name, entry in registry.items():
        assert fact_label(name) == entry.label
        if entry.ask == "one":
            question = question_for(name, CaseState())
            assert question.text == entry.question or name == "prior_lines"
            assert question.choices == entry.choices


@pytest.mark.parametrize("fact", list(FACTS))
def test_every_fact_has_a_what_if_phrase_and_a_panel_place(fact: str) -> None:
    entry = fact_registry()[fact]
    assert entry.what_if and entry.panel_section and entry.panel_position >= 1


def test_panel_places_are_unique() -> None:
    places = [(e.panel_section, e.panel_position) for e in fact_registry().values()]
    assert len(places) == len(set(places))


def test_groups_yaml_rows_are_the_contract_groups(knowledge) -> None:  # type: ignore[no-untyped-def]
    table = knowledge.groups
    assert sorted(r.id for r in table.rows) == sorted(GROUP_IDS)
    # visceral crisis first: the crisis groups are tried before any other
    assert [r.when.get("visceral_crisis") for r in table.rows[:2]] == [True, True]
    assert table.decides[0] == "visceral_crisis"
    for row in table.rows:
        assert knowledge.index[row.id].text.startswith(row.heading)
        assert group_words(row.id) == row.heading
    assert table.defaults["visceral_crisis"].value is False


def test_node_variant_defaults_are_node_data(knowledge) -> None:  # type: ignore[no-untyped-def]
    defaults = {
        (n.group, n.line, fact): value
        for n in knowledge.nodes.values()
        if n.default_quote
        for fact, value in n.variant.items()
    }
    assert {fact for _, _, fact in defaults} == {
        "chemo_candidate",
        "brain_metastases",
        "germline_brca",
    }
    assert all(value is (fact == "chemo_candidate") for (_, _, fact), value in defaults.items())
    ablation = [n for n in knowledge.nodes.values() if n.requires.get("ovarian_ablation")]
    assert sorted(n.line for n in ablation) == [2, 3, 4, 5, 6, 7]
    assert all(n.requires_sources for n in ablation)


def test_default_path_wording_covers_every_default_in_the_data(knowledge) -> None:  # type: ignore[no-untyped-def]
    from chatbot.dialogue.conditional import DEFAULT_PATHS

    in_data = set(knowledge.groups.defaults) | {
        fact for n in knowledge.nodes.values() if n.default_quote for fact in n.variant
    }
    assert set(DEFAULT_PATHS) == in_data


def test_panel_layout_places_every_fact_once() -> None:
    from chatbot.kb.facts import panel_layout

    layout = panel_layout()
    placed = [f for _, facts in layout for f in facts]
    assert sorted(placed) == sorted(FACTS)
    assert [name for name, _ in layout][:2] == ["patient", "tumour"]
    assert dict(layout)["biomarkers"][:2] == ("pik3ca", "esr1")

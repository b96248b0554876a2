"""Drug resolution: lexicon coverage, brands, abbreviations, misspellings, the short-token
guard, class mentions, unknown drug-like words."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from chatbot.nlp import extract, resolve_drug, suggest_drugs
from chatbot.nlp.lexicon import LexiconError, load_lexicon
from chatbot.paths import knowledge_dir


def _drugs_yaml() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((knowledge_dir() / "drugs.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", [d["name"] for d in _drugs_yaml()["drugs"]])
def test_every_guideline_drug_resolves_to_itself(nlp, name: str) -> None:  # type: ignore[no-untyped-def]
    match = resolve_drug(name)
    assert match is not None and match.generics == (name,) and match.how == "exact"


@pytest.mark.parametrize(
    ("word", "generics", "how"),
    [
        ("Faslodex", ("fulvestrant",), "brand"),
        ("Xgeva", ("denosumab",), "brand"),
        ("Prolia", ("denosumab",), "brand"),
        ("Zoladex", ("goserelin",), "brand"),
        ("Phesgo", ("pertuzumab", "trastuzumab"), "brand"),
        ("Enhertu", ("trastuzumab deruxtecan",), "brand"),
        ("Caelyx", ("doxorubicin liposomal",), "brand"),
        ("Abraxane", ("paclitaxel nanoparticle albumin-bound",), "brand"),
        ("T-DXd", ("trastuzumab deruxtecan",), "abbreviation"),
        ("T-DM1", ("trastuzumab emtansine",), "abbreviation"),
        ("SG", ("sacituzumab govitecan",), "abbreviation"),
        ("palbo", ("palbociclib",), "abbreviation"),
        ("fulv", ("fulvestrant",), "abbreviation"),
        ("nab-paclitaxel", ("paclitaxel nanoparticle albumin-bound",), "exact"),
        ("faslodx", ("fulvestrant",), "fuzzy"),
        ("ibrnce", ("palbociclib",), "fuzzy"),
        ("ribocicilb", ("ribociclib",), "fuzzy"),
        ("fulvestrent", ("fulvestrant",), "fuzzy"),
        ("ｆａｓｌｏｄｅｘ", ("fulvestrant",), "brand"),  # full-width, NFKC-normalised
    ],
)
def test_resolve(nlp, word: str, generics: tuple[str, ...], how: str) -> None:  # type: ignore[no-untyped-def]
    match = resolve_drug(word)
    assert match is not None
    assert (match.generics, match.how) == (generics, how)


@pytest.mark.parametrize(
    "word", ["ET", "et", "ribx", "leto", "cap", "Femr", "xyz", "the", "patient"]
)
def test_short_or_plain_words_never_fuzzy(nlp, word: str) -> None:  # type: ignore[no-untyped-def]
    match = resolve_drug(word)
    assert match is None or match.how != "fuzzy"


def test_et_is_a_class_not_letrozole(nlp) -> None:  # type: ignore[no-untyped-def]
    match = resolve_drug("ET")
    assert match is not None and match.generics == () and match.classes == ("endocrine-therapy",)


@pytest.mark.parametrize(
    ("phrase", "drug_class"),
    [
        ("aromatase inhibitor", "aromatase-inhibitor"),
        ("CDK4/6 inhibitor", "cdk46-inhibitor"),
        ("CDK4/6i", "cdk46-inhibitor"),
        ("AI", "aromatase-inhibitor"),
        ("SERD", "serd"),
        ("PARPi", "parp-inhibitor"),
    ],
)
def test_class_mentions_name_no_member(nlp, phrase: str, drug_class: str) -> None:  # type: ignore[no-untyped-def]
    match = resolve_drug(phrase)
    assert match is not None and match.generics == () and match.classes == (drug_class,)
    ex = extract(f"she had {phrase} before")
    assert [(d.generic, d.drug_class) for d in ex.drugs] == [(None, drug_class)]
    assert "prior_therapies" not in ex.facts


def test_regimen_shorthand_keeps_the_taxane_a_class(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract("had THP")
    assert ex.facts["prior_therapies"] == ["trastuzumab", "pertuzumab"]
    assert "taxane" in {d.drug_class for d in ex.drugs}


def test_unknown_drug_like_word_is_reported_with_suggestions(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract("progressed on zongertinib")
    assert [u.text for u in ex.unknown_drugs] == ["zongertinib"]
    assert ex.unknown_drugs[0].suggestions  # nearest known names, never silently mapped
    assert "progressed_on" not in ex.facts


def test_suggest_drugs(nlp) -> None:  # type: ignore[no-untyped-def]
    assert suggest_drugs("palbocyclibe")[0] == "palbociclib"
    assert suggest_drugs("qqqqqqqq") == []


def test_fuzzy_mentions_are_marked(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract("had letrazole")
    assert [(d.generic, d.how) for d in ex.drugs] == [("letrozole", "fuzzy")]


def test_lexicon_refuses_unknown_targets(tmp_path: Path) -> None:
    (tmp_path / "drugs.yaml").write_text(
        (knowledge_dir() / "drugs.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "lexicon.yaml").write_text("brands:\n  wonderdrug: [notadrug]\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="notadrug"):
        load_lexicon(tmp_path)
    (tmp_path / "lexicon.yaml").write_text("brandz: {}\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="unknown keys"):
        load_lexicon(tmp_path)


def test_shipped_lexicon_loads() -> None:
    lexicon = load_lexicon(knowledge_dir())
    assert lexicon.exact["phesgo"].generics == ("pertuzumab", "trastuzumab")
    assert "denosumab" in lexicon.bone_therapy


@pytest.mark.parametrize(
    ("text", "generics"),
    [
        ("progressed on trastuzumab deruxtecn", ["trastuzumab deruxtecan"]),
        ("trastuzumab emtansin", ["trastuzumab emtansine"]),
        ("sacituzumab govitcan", ["sacituzumab govitecan"]),
        ("trastuzumab and pertuzumab", ["trastuzumab", "pertuzumab"]),
        ("trastuzumab every 3 weeks", ["trastuzumab"]),
    ],
)
def test_misspelt_two_word_names_are_one_drug(nlp, text: str, generics: list[str]) -> None:  # type: ignore[no-untyped-def]
    """T-DXd misspelt must not become trastuzumab plus an unknown word."""
    assert [d.generic for d in extract(text).drugs] == generics


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("postmenopasual", "menopausal_status", "post"),
        ("premenopausl", "menopausal_status", "pre"),
        ("oopherectomy", "ovarian_ablation", True),
        ("no viscreal crisis", "visceral_crisis", False),
        ("periferal neuropathy", "neuropathy", True),
        ("liver failur", "visceral_crisis", True),
    ],
)
def test_misspelt_fact_words(nlp, text: str, fact: str, value: object) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get(fact) == value


@pytest.mark.parametrize("text", ["good organ function", "bone pain", "renal failure", "treatment"])
def test_fuzzy_fact_words_do_not_invent(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    """'organ function' is three letters from 'organ dysfunction' but means the opposite."""
    facts = extract(text).facts
    assert "visceral_crisis" not in facts and "heart_failure" not in facts
    assert facts.get("metastatic_sites", []) in ([], ["bone"])


# -- drugs recognised only to read histories (chatbot/nlp/rules/history_drugs.yaml) -------
def _history_drugs() -> dict[str, tuple[str, tuple[str, ...]]]:
    from chatbot.nlp.lexicon import HISTORY_DRUGS, load_history_drugs

    return load_history_drugs(HISTORY_DRUGS, {d["name"] for d in _drugs_yaml()["drugs"]})


def test_history_only_drugs_are_not_guideline_drugs(nlp) -> None:  # type: ignore[no-untyped-def]
    history = _history_drugs()
    guideline = {d["name"] for d in _drugs_yaml()["drugs"]}
    assert history and not set(history) & guideline
    from chatbot.nlp.extract import _lexicon

    lexicon = _lexicon()
    assert lexicon.history_only == frozenset(history)
    assert "fluorouracil" in lexicon.history_chemo and "leuprolide" in lexicon.ovarian_suppression


def test_a_history_only_drug_named_twice_in_drugs_yaml_is_refused(tmp_path: Path) -> None:
    from chatbot.nlp.lexicon import load_history_drugs

    path = tmp_path / "history_drugs.yaml"
    path.write_text("drugs:\n  letrozole: {kind: endocrine, names: []}\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="drugs.yaml"):
        load_history_drugs(path, {"letrozole"})
    path.write_text("drugs:\n  x: {kind: herbal, names: []}\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="kind"):
        load_history_drugs(path, set())


@pytest.mark.parametrize(
    ("text", "progressed", "chemo_lines"),
    [
        ("Progressed on letrozole plus leuprolide.", ["letrozole", "leuprolide"], None),
        ("Progressing on first-line 5-FU, epirubicin and cyclophosphamide.", None, 1),
        ("Progressed on bevacizumab and paclitaxel as first-line therapy.", None, 1),
        ("Now progressing on tipifarnib.", ["tipifarnib"], None),
    ],
)
def test_history_only_drugs_are_read_in_histories(  # type: ignore[no-untyped-def]
    nlp, text: str, progressed: list[str] | None, chemo_lines: int | None
) -> None:
    ex = extract(text)
    if progressed is not None:
        assert ex.facts["progressed_on"] == progressed
    if chemo_lines is not None:
        assert ex.facts.get("prior_chemo_lines") == chemo_lines
    assert not ex.unknown_drugs


def test_ovarian_suppression_drugs_set_ovarian_ablation(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract("45F on leuprolide plus letrozole, progressing.")
    assert ex.facts["ovarian_ablation"] is True
    assert "leuprolide" in ex.facts["prior_therapies"]  # type: ignore[operator]


HISTORY_MESSAGES = (
    "62F ER+ HER2- MBC, bone mets, progressed on letrozole plus {d}. No visceral crisis.",
    "What is the dose of {d}?",
    "Should I give {d} next?",
    "why not {d}",
    "ER+ HER2- MBC, 2 prior lines ({d}, then capecitabine), now progressing. What next?",
)


@pytest.mark.parametrize("drug", sorted(_history_drugs()))
def test_no_answer_statement_names_a_history_only_drug(session_factory, drug: str) -> None:  # type: ignore[no-untyped-def]
    """Grounding still holds: a drug read only for the history is never named by the bot
    as guideline content (a guideline statement, an option) — at most echoed back as the
    user's own fact."""
    names = [drug, *_history_drugs()[drug][1]]
    for template in HISTORY_MESSAGES:
        reply = session_factory().send(template.format(d=drug))
        for statement in reply.statements:
            if statement.basis == "guideline":
                assert not any(n in statement.text.lower() for n in names), statement.text
        if reply.recommendation is not None:
            shown = str(reply.recommendation.to_dict()).lower()
            assert not any(n in shown for n in names), shown

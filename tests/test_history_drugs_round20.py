"""Round 20: systemic agents outside the guideline and outside any drug-like ending.

Before, "progressed on abiraterone" lost the drug without a word: it is neither a guideline
drug nor ends like one (DRUG_SUFFIXES), so it was neither read nor reported as unknown. The
curated class list of chatbot/nlp/rules/history_drugs.yaml now names them; each is read in a
history under its generic name, brand included, and the chemotherapies count as chemo lines.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract

# (as written, generic, is chemotherapy)
NEW_AGENTS = [
    ("abiraterone", "abiraterone", False),
    ("Zytiga", "abiraterone", False),
    ("enzalutamide", "enzalutamide", False),
    ("bicalutamide", "bicalutamide", False),
    ("Casodex", "bicalutamide", False),
    ("fluoxymesterone", "fluoxymesterone", False),
    ("diethylstilbestrol", "diethylstilbestrol", False),
    ("ethinyl estradiol", "ethinylestradiol", False),
    ("gefitinib", "gefitinib", False),
    ("erlotinib", "erlotinib", False),
    ("entinostat", "entinostat", False),
    ("chidamide", "tucidinostat", False),
    ("temozolomide", "temozolomide", True),
    ("trabectedin", "trabectedin", True),
    ("lurbinectedin", "lurbinectedin", True),
    ("cytarabine", "cytarabine", True),
    ("carmustine", "carmustine", True),
    ("camrelizumab", "camrelizumab", False),
    ("toripalimab", "toripalimab", False),
    ("sintilimab", "sintilimab", False),
]

TEMPLATES = [
    "ER+ HER2- MBC with bone mets, now progressing on {d}. Next?",
    "Metastatic breast cancer, liver mets; she progressed on {d} as first-line therapy.",
    "58F, TNBC with lung metastases, progressive disease on {d}, what do we give?",
]


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize(("written", "generic", "chemo"), NEW_AGENTS)
def test_agent_is_read_in_the_history(
    nlp, template: str, written: str, generic: str, chemo: bool
) -> None:  # type: ignore[no-untyped-def]
    ex = extract(template.format(d=written))
    assert ex.facts["progressed_on"] == [generic]
    assert generic in ex.facts["prior_therapies"]  # type: ignore[operator]
    assert not ex.unknown_drugs
    if chemo and "first-line" in template:
        assert ex.facts.get("prior_chemo_lines") == 1


@pytest.mark.parametrize(("written", "generic", "chemo"), NEW_AGENTS)
def test_adjuvant_agent_is_no_metastatic_therapy(
    nlp, written: str, generic: str, chemo: bool
) -> None:  # type: ignore[no-untyped-def]
    """Metamorphic: the same drug told as adjuvant leaves the metastatic history."""
    ex = extract(f"Adjuvant {written} in 2019; now de novo liver metastases, ER+ HER2-, untreated.")
    assert generic not in (ex.facts.get("prior_therapies") or [])

"""Stop 64: the classes behind held-out probe set U's dangerous readings (all class A), and one
found beside them. Each test has a twin that keeps the other reading.

- A variant the laboratory classes benign ("BRCA2 c.9976A>T p.(Lys3326Ter) detected -
  classified BENIGN", "reported as benign") is no pathogenic variant: germline BRCA negative.
- A tumour-only report's heading reaches the findings listed after its colon ("Tumour-only
  NGS (bone biopsy, EDTA-decalcified): BRCA2 p.(Ser1982Argfs*22) at VAF 51%"): somatic, so
  germline BRCA stays asked.
- A share of a kind named by a receptor list ("around 40% of HR-positive, HER2-negative
  advanced breast cancers carry a PIK3CA mutation") is the kind's: the list's commas do not
  end the population.
- A gene told among words of a script the reader does not read (Korean, Arabic, Hebrew) has
  its verdict there: unknown, not present.
- A finding's noun before a gene list governs the list ("no mutation in PIK3CA, AKT1, PTEN or
  ESR1"): every bare member is denied.
- A pasted pathway's branches ("Our unit pathway …:" then lines with arrows) are the
  protocol's findings and drugs, not hers.
- Two organs or a kind of care naming one ward ("Ward 12 (Liver & Pancreas Unit)") name no
  site, and being moved to a ward is no spread.
- Found beside them: an organ told normal before it ("CT shows a normal liver") is no site.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


def facts(text: str) -> dict[str, object]:
    return extract(text).facts


@pytest.mark.parametrize(
    "text",
    [
        "Germline panel (blood, 14 genes): BRCA2 c.9976A>T p.(Lys3326Ter) detected - classified BENIGN. 54F, ER+ HER2- MBC - olaparib?",
        "BRCA2 c.7397T>C reported as benign. ER+ HER2- MBC in the liver.",
        "Germline BRCA1 c.4837A>G: likely benign. ER+ MBC, bone only.",
    ],
)
def test_a_variant_classed_benign_is_no_carrier(text: str) -> None:
    assert facts(text).get("germline_brca") is False


@pytest.mark.parametrize(
    "text",
    [
        "Germline: BRCA2 pathogenic, benign polymorphism in CHEK2. ER+ MBC.",
        "BRCA2 c.5946delT pathogenic variant detected. ER+ HER2- MBC.",
    ],
)
def test_a_pathogenic_variant_beside_a_benign_word_stays(text: str) -> None:
    assert facts(text).get("germline_brca") is True


def test_a_tumour_only_headings_findings_are_somatic() -> None:
    text = (
        "Tumour-only NGS (bone biopsy, EDTA-decalcified): BRCA2 p.(Ser1982Argfs*22) at VAF 51%."
        " Germline blood sent 04/03."
    )
    assert "germline_brca" not in facts(text)


def test_a_germline_headings_findings_stay() -> None:
    assert (
        facts("Germline panel (blood): BRCA2 c.5946delT pathogenic.").get("germline_brca") is True
    )


@pytest.mark.parametrize(
    "text",
    [
        "Reading up: 'around 40% of HR-positive, HER2-negative advanced breast cancers carry a PIK3CA mutation'. Mine is growing in my liver.",
        "Around 40% of ER+, HER2- patients have a PIK3CA mutation. She is ER+ HER2- with liver mets.",
    ],
)
def test_a_share_of_a_kind_named_by_receptors_is_not_hers(text: str) -> None:
    assert "pik3ca" not in facts(text)


def test_her_own_receptor_list_and_mutation_stay() -> None:
    found = facts("She is ER+, HER2- and has a PIK3CA mutation, liver mets.")
    assert found.get("pik3ca") is True
    assert found.get("hormone_receptor") == "positive"


@pytest.mark.parametrize(
    ("text", "gene"),
    [
        ("차세대 염기서열 분석: PIK3CA 돌연변이 검출되지 않음. 62세 여성.", "pik3ca"),
        (
            "نتيجة الفحص الجيني الوراثي لجيني BRCA1 و BRCA2: سلبية، لم يتم العثور على أي طفرة.",
            "germline_brca",
        ),
        ("תוצאת בדיקת ctDNA: לא זוהתה מוטציה ב-ESR1. מטופלת בת 58.", "esr1"),
    ],
)
def test_a_verdict_in_an_unread_script_is_unknown(text: str, gene: str) -> None:
    assert gene not in facts(text)


@pytest.mark.parametrize(
    "text",
    ["PIK3CA мутация обнаружена. ER+ HER2- mets in bone.", "ctDNA: PIK3CA H1047R detected."],
)
def test_a_gene_in_a_read_script_stays_present(text: str) -> None:
    assert facts(text).get("pik3ca") is True


@pytest.mark.parametrize(
    "text",
    [
        "NGS: no mutation in PIK3CA, AKT1, PTEN or ESR1.",
        "FoundationOne Liquid (02/2026): no alteration in AKT1, PIK3CA, PTEN or ESR1.",
    ],
)
def test_a_denied_noun_before_a_gene_list_denies_every_member(text: str) -> None:
    found = facts(text)
    assert [found.get(g) for g in ("pik3ca", "akt1", "pten", "esr1")] == [False] * 4


def test_a_member_with_its_own_result_keeps_it() -> None:
    found = facts("no mutation in PIK3CA, AKT1 mutated.")
    assert found.get("pik3ca") is False
    assert found.get("akt1") is True


PATHWAY = (
    "Our unit pathway for HR+ HER2- after CDK4/6i:\n"
    "  AKT1 / PIK3CA / PTEN altered -> fulvestrant + capivasertib\n"
    "  ESR1 mutated -> elacestrant\n"
    "  none of these -> exemestane + everolimus, or chemotherapy\n"
    "Her FoundationOne Liquid (02/2026): no alteration in AKT1, PIK3CA, PTEN or ESR1."
)


def test_a_pasted_pathways_branches_are_not_hers() -> None:
    found = facts(PATHWAY)
    assert [found.get(g) for g in ("akt1", "pik3ca", "pten", "esr1")] == [False] * 4
    assert "prior_therapies" not in found
    assert "prior_lines" not in found


def test_a_history_told_with_arrows_stays_read() -> None:
    found = facts("ER+ HER2- -> letrozole/palbo -> PD liver -> fulvestrant. Next?")
    assert found.get("prior_therapies") == ["letrozole", "palbociclib", "fulvestrant"]
    assert found.get("prior_lines") == 2


def test_a_protocols_line_ends_at_its_sentence() -> None:
    found = facts(
        "Protocol: ER+ HER2- -> letrozole + palbociclib. She is ER+ HER2- with bone mets, on letrozole."
    )
    assert found.get("metastatic_sites") == ["bone"]
    assert found.get("prior_therapies") == ["letrozole"]


@pytest.mark.parametrize(
    "text",
    [
        "Moved to Ward 12 (Liver & Pancreas Unit) only because the oncology ward had no bed. Her disease is in the bones and the lungs. ER+ HER2-.",
        "She is on the Liver and Renal Unit. ER+ bone and lung mets.",
        "Seen in the liver transplant unit. ER+ bone and lung mets.",
    ],
)
def test_organs_naming_a_ward_are_no_sites(text: str) -> None:
    assert facts(text).get("metastatic_sites") == ["bone", "lung"]


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        ("mets to liver and pancreas clinic review next week", ["liver", "pancreas"]),
        ("It moved to her liver and lungs. ER+.", ["liver", "lung"]),
    ],
)
def test_organs_told_as_spread_stay_sites(text: str, sites: list[str]) -> None:
    assert facts(text).get("metastatic_sites") == sites


@pytest.mark.parametrize(
    "text",
    ["CT shows a normal liver. ER+ bone mets.", "CT: normal liver. ER+ bone mets."],
)
def test_an_organ_told_normal_before_it_is_no_site(text: str) -> None:
    assert facts(text).get("metastatic_sites") == ["bone"]


def test_a_normal_scan_of_another_organ_keeps_the_site() -> None:
    assert facts("normal bone scan but liver metastases").get("metastatic_sites") == ["liver"]


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        ("Multiple hypodense metastases within an otherwise normal liver.", ["liver"]),
        ("Liver is otherwise normal. Bone mets.", ["bone"]),
    ],
)
def test_an_otherwise_normal_organ_keeps_its_finding(text: str, sites: list[str]) -> None:
    assert facts(text).get("metastatic_sites") == sites

"""Stop 64: mends of the two cold reviews of the stop's change (reviews of ae6de87 and of
a53d28c). Each test fails on ae6de87 (a53d28c's for the hearing cases) and keeps a reading the
change had broken; the twins the change meant to fix live in test_extract_stop64_classes.py and
test_extract_stop64_held_out.py.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


def facts(text: str) -> dict[str, object]:
    return extract(text).facts


# -- genes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Known BRCA2 carrier (benign ovarian cyst removed 2019). ER+ HER2- MBC, bone and liver. Olaparib?",
        "BRCA1 mutation carrier - benign breast biopsy in 2012, then ER- HER2- cancer 2018, now lung mets.",
        "54F germline BRCA2 pathogenic variant: benign-looking liver lesions on CT turned out to be metastases.",
        "gBRCA2 (c.5946delT) – benign course for 5 years then liver mets. ER+ HER2-.",
        "BRCA1 c.68_69delAG previously reported as benign by another lab, now reclassified pathogenic. TNBC.",
        "BRCA2 c.5946delT pathogenic; BRCA1 c.4837A>G - benign. ER+ HER2- MBC liver.",
        "BRCA1 c.4837A>G - benign; BRCA2 c.5946delT - pathogenic. ER+ HER2- MBC liver.",
    ],
)
def test_benign_of_something_else_or_the_other_gene_keeps_the_carrier(text: str) -> None:
    assert facts(text).get("germline_brca") is True


def test_benign_of_a_tumour_marker_trend_keeps_the_mutation() -> None:
    text = "ctDNA: ESR1 D538G detected (benign CA15-3 trend though). ER+ HER2- bone mets."
    assert facts(text).get("esr1") is True


@pytest.mark.parametrize(
    "text",
    [
        "Tumour-only testing was uninformative, so a germline panel was sent: BRCA2 c.5946delT pathogenic.",
        "Tumour-only NGS: TMB 4 mut/Mb, MSS; germline BRCA2 c.5946delT pathogenic (Myriad 2019).",
        "Tumor-only NGS of the liver biopsy: BRCA2 c.5946delT at VAF 48%; germline testing confirmed it.",
        "Paired (not tumour-only): germline BRCA2 c.5946delT pathogenic, confirmed in blood.",
    ],
)
def test_a_germline_finding_beside_a_tumour_only_test_stays(text: str) -> None:
    assert facts(text).get("germline_brca") is True


@pytest.mark.parametrize(
    "text",
    [
        "FoundationOne CDx (tumour only, no matched normal): BRCA2 p.(Ser1982Argfs*22) VAF 51%.",
        "Tumor only NGS: BRCA2 p.(Ser1982Argfs*22) at VAF 51%. ER+ HER2- MBC.",
    ],
)
def test_a_tumour_only_note_is_no_denial_and_no_carrier(text: str) -> None:
    assert "germline_brca" not in facts(text)


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        (
            "About 70% of HR+ breast cancers respond to AI; hers has a PIK3CA H1047R on ctDNA, bone mets.",
            "pik3ca",
            True,
        ),
        (
            "40% of ER-positive breast cancers carry PIK3CA; hers: PIK3CA E545K. Liver mets after palbo.",
            "pik3ca",
            True,
        ),
        (
            "Roughly 10% of triple-negative, BRCA-mutated patients... anyway she is gBRCA1+, TNBC, lung mets.",
            "germline_brca",
            True,
        ),
        (
            "I am in the 20% of HER2+ women whose cancer spreads to the brain: new untreated brain mets.",
            "brain_metastases",
            True,
        ),
    ],
)
def test_her_own_finding_after_a_share_stays(text: str, key: str, value: object) -> None:
    assert facts(text).get(key) == value


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (
            "My wife 李娜 has BRCA2, ER+ HER2- liver mets, progressed on palbo. What next?",
            "germline_brca",
        ),
        (
            "Tested at 北京协和医院: germline BRCA2 c.5946delT pathogenic. ER+ HER2- liver mets.",
            "germline_brca",
        ),
        (
            "ctDNA 2/2026 (Samsung Medical Center, 삼성서울병원): ESR1 Y537S. ER+ HER2- bone mets.",
            "esr1",
        ),
    ],
)
def test_a_name_or_place_in_another_script_is_no_verdict(text: str, key: str) -> None:
    assert facts(text).get(key) is True


def test_a_list_verdict_in_an_unread_script_reaches_every_member() -> None:
    found = facts("유전자 검사 결과: PIK3CA, AKT1, PTEN, ESR1, BRCA1, BRCA2 모두 음성. 58세 여성.")
    assert not {"pik3ca", "akt1", "pten", "esr1", "germline_brca"} & set(found)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("No mutation in BRCA1, BRCA2 c.5946delT. ER+ HER2- MBC liver.", "germline_brca"),
        ("No mutation in PIK3CA, AKT1 E17K. ER+ bone mets.", "akt1"),
        ("No mutation in PIK3CA or AKT1, ESR1 present at 2% VAF. ER+ bone mets.", "esr1"),
        ("No mutation in PIK3CA, ESR1 yes. ER+ bone mets.", "esr1"),
        ("No variants in BRCA1, BRCA2 c.5946delT pathogenic.", "germline_brca"),
        ("No mutations in PIK3CA, ESR1 Y537S (VAF 3%)", "esr1"),
    ],
)
def test_a_list_member_with_its_own_finding_is_not_denied(text: str, key: str) -> None:
    assert facts(text).get(key) is True


@pytest.mark.parametrize(
    "text",
    [
        "She was treated according to our unit protocol: letrozole + palbociclib -> PD liver -> fulvestrant. ER+ HER2-. Next?",
        "History (treated off-protocol): ER+ HER2- bone mets -> letrozole/palbo -> PD liver -> fulvestrant. Next?",
        "Background (per MDT protocol):\n2019 ER+ HER2- bone mets -> letrozole + palbociclib\n2022 PD liver -> fulvestrant",
    ],
)
def test_her_history_told_by_a_protocol_stays_hers(text: str) -> None:
    found = facts(text)
    assert found.get("prior_lines") == 2
    assert "liver" in found.get("metastatic_sites", [])


def test_a_biology_pathway_heading_keeps_her_finding() -> None:
    text = "PI3K pathway: PIK3CA H1047R detected -> capivasertib planned. ER+ HER2- bone mets."
    assert facts(text).get("pik3ca") is True


# -- sites ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        ("CT: normal lungs, liver metastases. ER+ HER2-.", ["liver"]),
        ("CT showed a normal liver and multiple lung metastases. ER+ HER2-.", ["lung"]),
        ("CT: normal liver apart from a 2 cm metastasis in segment VII. ER+ HER2-.", ["liver"]),
        ("CT abdomen: unremarkable liver except for two new hypodense metastases. ER+.", ["liver"]),
        ("CT: normal liver contour with multiple hypodense metastases. ER+ HER2-.", ["liver"]),
        ("normal liver and lung mets", ["lung"]),
    ],
)
def test_a_normal_organ_denies_itself_only(text: str, sites: list[str]) -> None:
    assert facts(text).get("metastatic_sites") == sites


@pytest.mark.parametrize(
    "text",
    [
        "Her cancer is in the liver and bone clinic says it's stable. ER+.",
        "She has cancer in the liver and kidney unit staff are lovely. ER+ HER2-.",
    ],
)
def test_a_run_on_post_keeps_the_organ_before_a_service(text: str) -> None:
    assert "liver" in facts(text).get("metastatic_sites", [])


# -- receptors -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Liver biopsy: metastatic carcinoma, ER-GATA3 positive, consistent with breast primary. Triple-negative on the original tumour.",
        "Metastatic TNBC. Biopsy of the lung nodule: ER-SOX10 positive, PR negative, HER2 0.",
        "IHC on the axillary node: ER-P53 positive (mutant pattern), PR-, HER2 1+. Bone mets.",
    ],
)
def test_a_stain_glued_to_er_never_makes_it_positive(text: str) -> None:
    assert facts(text).get("hormone_receptor") != "positive"


def test_a_stain_glued_to_her2_never_makes_it_positive() -> None:
    assert facts("HER2-CK7 positive. Bone mets, ER negative.").get("her2") != "positive"


# -- the metastatic event and lines --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Would love to hear from others: my mum's breast cancer has spread to her liver and bones. ER+ HER2-, 72. What treatment comes next?",
        "I'd like to hear a second opinion on my wife, 54, whose ER+ HER2- breast cancer has spread to her lungs.",
        "I'd love to hear your thoughts on my mum: metastatic breast cancer in her liver, ER+ HER2-, 71.",
        "I heard metastatic breast cancer patients live for many years now. My mum has it in her bones, ER+.",
    ],
)
def test_hearing_without_news_is_no_discovery(text: str) -> None:
    assert "prior_lines" not in facts(text)


@pytest.mark.parametrize(
    "text",
    [
        "My oncologist told me stage 4 disease is in my bones and lungs. I'm 55, ER+ HER2-.",
        "We were told that stage 4 cancer is what my mum has now, in her liver. She's 70, ER+.",
    ],
)
def test_her_own_news_told_in_the_present_is_the_event(text: str) -> None:
    assert facts(text).get("prior_lines") == 0


@pytest.mark.parametrize(
    "text",
    [
        "In 2015 she developed bone metastases, treated with radiotherapy to the spine. The treatment continued for 5 years before the cancer spread to her liver in 2020.",
        "She was found to have bone metastases and had radiotherapy. The treatment was changed in 2022 when her liver became involved.",
    ],
)
def test_the_treatment_that_went_on_is_no_radiotherapy_course(text: str) -> None:
    assert "prior_lines" not in facts(text)


@pytest.mark.parametrize(
    "text",
    [
        "Letrozole was her first treatment for metastatic disease. Her cancer got worse and she was started on palbociclib. It is now progressing again.",
        "Anastrozole 18 months, CA 15-3 rising, then started on palbociclib. Progressing now. What next?",
        "Letrozole for 2 yrs, markers rising, then started on ribociclib. PD now. What next?",
    ],
)
def test_a_partner_drug_after_a_failing_backbone_is_another_line(text: str) -> None:
    assert facts(text).get("prior_lines") == 2


# -- age -----------------------------------------------------------------------------------


def test_years_disease_free_are_no_age_and_keep_the_stated_one() -> None:
    text = (
        "A 62-year-old woman had a lumpectomy for ER+ breast cancer in 2003. She was 20 years,"
        " disease free, before bone metastases appeared last month. What first line?"
    )
    assert facts(text).get("age") == 62


@pytest.mark.parametrize(
    "text",
    [
        "My mum had breast cancer at 49. She was 21 years, cancer free, until this spring when it came back in her bones.",
        "Long-term survivor here: I had early breast cancer in 1999. I am 25 years and counting, but now liver mets.",
    ],
)
def test_years_of_survival_are_no_age(text: str) -> None:
    assert facts(text).get("age") not in (21, 25)


# -- the third review (of the mends, db43487) ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("No mutation in BRCA1, BRCA2 (germline panel). TNBC lung mets.", "germline_brca"),
        ("No mutation in BRCA1, BRCA2 whatsoever. TNBC lung mets.", "germline_brca"),
        ("No mutation in PIK3CA, ESR1 (Guardant360, 2024). ER+ HER2- bone mets.", "esr1"),
        ("No mutation in PIK3CA, AKT1 or ESR1 detected on ctDNA.", "esr1"),
    ],
)
def test_a_list_denial_reaches_a_member_with_no_finding_of_its_own(text: str, key: str) -> None:
    assert facts(text).get(key) is False


@pytest.mark.parametrize(
    "text",
    [
        "Tumour-only NGS: TMB 4 mut/Mb; MSS; BRCA2 p.(Ser1982Argfs*22) VAF 51%. ER+ HER2- liver.",
        "Tumour-only NGS (liver): she has BRCA2 p.(Ser1982Argfs*22) at VAF 51%, germline not tested.",
        "Tumour-only NGS of her liver biopsy: BRCA2 p.(Ser1982Argfs*22) VAF 51%. ER+ HER2- MBC.",
    ],
)
def test_a_tumour_only_report_reads_on_past_its_own_separators(text: str) -> None:
    assert "germline_brca" not in facts(text)


@pytest.mark.parametrize(
    "text",
    [
        "Tumour NGS, then blood test confirmed: BRCA2 c.5946delT pathogenic, germline. TNBC.",
        "Tumour NGS, then a germline panel: BRCA2 c.5946delT pathogenic. ER+ HER2- MBC liver.",
        "Known BRCA2 mutation carrier - benign, indolent course for 8 years, then liver mets in 2024.",
        "Germline BRCA2 c.5946delT pathogenic: benign and malignant lesions both seen on MRI.",
        "Germline BRCA1 c.68_69delAG (likely benign, per 2010 report; reclassified pathogenic 2020).",
    ],
)
def test_a_real_carrier_beside_a_second_test_or_a_benign_word_stays(text: str) -> None:
    assert facts(text).get("germline_brca") is True


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (
            "About 40% of HR-positive, HER2-negative cancers in women like my mum carry a PIK3CA mutation. She is ER+ HER2-, bone mets.",
            "pik3ca",
        ),
        (
            "Up to 50% of HER2-positive patients, I read, get brain metastases. Mine is HER2+ with liver mets.",
            "brain_metastases",
        ),
    ],
)
def test_a_pronoun_inside_a_share_does_not_end_it(text: str, key: str) -> None:
    assert key not in facts(text)


@pytest.mark.parametrize(
    "text",
    [
        "As per ESMO guidelines:\n  PIK3CA/AKT1/PTEN altered -> capivasertib + fulvestrant\n  ESR1 mutated -> elacestrant\nHer ctDNA is pending. ER+ HER2- bone mets.",
        "According to the NCCN guideline:\n  PIK3CA mutated -> alpelisib + fulvestrant\n  ESR1 mutated -> elacestrant\nMum is ER+ HER2- with bone mets, ctDNA pending.",
        "Another pathway I found:\n  PIK3CA mutated -> alpelisib + fulvestrant\n  ESR1 mutated -> elacestrant\nMum is ER+ HER2- bone mets, ctDNA pending.",
        "Our unit pathway for HR+ HER2- after CDK4/6i:\n  progression + ESR1 mutated -> elacestrant\n  PIK3CA mutated -> alpelisib?\nHer ctDNA is pending. Bone mets.",
    ],
)
def test_a_pasted_guidelines_branches_stay_the_guidelines(text: str) -> None:
    found = facts(text)
    assert not {"pik3ca", "esr1", "prior_lines"} & set(found)


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        (
            "CT: normal liver with no evidence of metastases. Bone mets in the spine. ER+ HER2-.",
            ["bone"],
        ),
        ("CT: normal liver with metastases excluded. Bone mets.", ["bone"]),
        ("CT: normal brain with no evidence of metastasis. HER2+ liver mets on T-DXd.", ["liver"]),
        (
            "Staging CT: unremarkable liver, spleen and kidneys; sclerotic bone mets. ER+ HER2-.",
            ["bone"],
        ),
        ("Normal liver and spleen, lytic spine mets. ER+ HER2-, 62F.", ["bone"]),
        ("CT: normal size liver. Bone mets. ER+ HER2-.", ["bone"]),
        ("Referred to the Liver and Pancreas unit. ER+ HER2- bone mets.", ["bone"]),
        (
            "She was admitted to the lung and liver unit yesterday with bone pain. ER+ HER2- bone mets.",
            ["bone"],
        ),
    ],
)
def test_a_normal_or_named_organ_stays_no_site(text: str, sites: list[str]) -> None:
    assert facts(text).get("metastatic_sites") == sites


@pytest.mark.parametrize(
    "text",
    [
        "We were told secondary breast cancer is incurable, but my mum is still doing well. She has bone and liver mets, ER+ HER2-, 74.",
        "We were told stage 4 breast cancer is not curable but the drugs can hold it for years. Mum has bone mets, ER+ HER2-, 74.",
        "Would like to hear my options as my breast cancer has spread to my liver, ER+ HER2-, 58.",
        "Still waiting to hear her oncologist's plan; her cancer has spread to her bones and liver. ER+ HER2-, 71.",
        "So sad to hear that metastatic breast cancer is incurable; my mum has it in her bones, ER+ HER2-, 74.",
    ],
)
def test_a_general_claim_or_hearing_without_news_is_no_event(text: str) -> None:
    assert "prior_lines" not in facts(text)


# -- older than this stop, found by its reviews ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("PI3K/AKT/mTOR pathway alterations: PIK3CA E545K. ER+ HER2- bone mets.", "akt1"),
        ("Activation of the PI3K/AKT pathway is common. ER+ MBC.", "pik3ca"),
    ],
)
def test_a_pathway_named_by_its_genes_is_no_finding(text: str, absent: str) -> None:
    assert absent not in facts(text)


def test_a_gene_named_before_a_slash_list_with_its_own_verdict_stays() -> None:
    assert facts("PIK3CA/AKT1/PTEN altered. ER+ MBC").get("pik3ca") is True


# -- the fourth review (of the third mends, 21c9c53) -----------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (
            "Genetics: no mutation in BRCA1, BRCA2 p.Tyr1894Ter. TNBC lung mets, 44F.",
            "germline_brca",
        ),
        (
            "Germline panel: no mutation in BRCA1, BRCA2 (c.5946delT) pathogenic. TNBC lung mets.",
            "germline_brca",
        ),
        ("Genetics: no mutation in BRCA1, BRCA2 6174delT. TNBC lung mets, 44F.", "germline_brca"),
        (
            "Genetics: no mutation in BRCA1, BRCA2: c.5946delT. TNBC lung mets, 44F.",
            "germline_brca",
        ),
        ("ctDNA: no mutation in PIK3CA or AKT1, ESR1 (D538G, 2%). ER+ HER2- bone mets.", "esr1"),
        (
            "Tumour-only NGS: TMB 4 mut/Mb; MSS; known BRCA2 carrier. TNBC lung mets.",
            "germline_brca",
        ),
        (
            "Tumour-only NGS: MSS, no fusions; she carries BRCA1 5382insC (Ashkenazi founder). TNBC.",
            "germline_brca",
        ),
    ],
)
def test_her_own_variant_after_a_list_or_heading_stays(text: str, key: str) -> None:
    assert facts(text).get(key) is True


@pytest.mark.parametrize(
    "text",
    [
        "Germline panel: BRCA2 c.7397T>C - benign, no action needed. TNBC lung mets.",
        "Germline panel: BRCA2 c.9976A>T (benign, common polymorphism). TNBC lung mets.",
        "Germline testing: BRCA2 c.7397T>C = benign, ACMG class 1. TNBC lung mets.",
    ],
)
def test_a_variant_classed_benign_then_a_comma_is_no_carrier(text: str) -> None:
    assert facts(text).get("germline_brca") is False


@pytest.mark.parametrize(
    "text",
    [
        "Tumour-only NGS: BRCA2 p.(Ser1982Argfs*22) VAF 51%; germline status not confirmed. TNBC lung mets.",
        "Tumour-only NGS: BRCA2 p.(Ser1982Argfs*22) VAF 51%; germline testing will confirm. TNBC lung mets.",
        "Tumour NGS, no matched germline sample: BRCA2 c.5946delT VAF 48%. TNBC lung mets.",
    ],
)
def test_a_tumour_finding_with_germline_unconfirmed_is_asked(text: str) -> None:
    assert "germline_brca" not in facts(text)


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        ("CT: normal liver, lung and bone metastases. ER+ HER2-, 62F.", ["lung", "bone"]),
        (
            "Normal-sized liver with multiple metastases not amenable to resection. ER+ HER2-, 58F.",
            ["liver"],
        ),
    ],
)
def test_metastases_heading_a_list_after_a_normal_organ_stay(text: str, sites: list[str]) -> None:
    assert facts(text).get("metastatic_sites") == sites


def test_a_history_under_treatment_per_protocol_stays_hers() -> None:
    text = (
        "Treatment per protocol:\n  letrozole + palbociclib -> progression (liver)\n"
        "  fulvestrant + everolimus -> progression\n66F ER+ HER2- liver mets. What next?"
    )
    assert facts(text).get("prior_lines") == 2

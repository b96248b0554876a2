"""Stop 72: the classes behind held-out probe set AB's dangerous readings (its first run: 4
dangerous of 72, at 764774f), each fixed as a class with twins that keep the other reading.

- A gene panel's denial set off by a form field's dash ("Germline panel (BRCA1, BRCA2,
  PALB2) - no pathogenic variants"), pointing back at the genes tested ("… no pathogenic
  variants in the genes tested"), or closing a list that ends "and others": the genes listed
  had read as found. A denial of the other genes' variants after a found one ("BRCA2
  pathogenic variant - no variants in other genes") denies nothing of it.
- A site told as her only one with its word before it ("has spread only to the liver",
  "disease confined to the liver") or after it ("to the liver only.") settles the other
  organs read before it, as "bone only" does; a year in a bracket dates its evidence, not an
  earlier time. Not a count ("only one liver lesion").
- An infection, a parasite or a fungus told as a finding's verdict ("These lung lesions are
  flukes", "- amoebic abscess", "- cerebral toxoplasmosis, not metastases") is no site; a
  verdict that denies the metastasis outright may close a description told over semicolons;
  a benign verdict's sentence is read to its semicolon when the next clause tells another
  organ.
- A pregnancy named as a form, a declaration, a questionnaire or a status ("the staff
  pregnancy-declaration form", "pregnancy status: not pregnant") is no pregnancy.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


def facts(text: str) -> dict:
    return dict(extract(text).facts)


def sites(text: str) -> list:
    return list(facts(text).get("metastatic_sites", []))


# -- a gene panel's denial ------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Her own germline panel (BRCA1, BRCA2, PALB2 and others): no pathogenic variant.",
        "Germline panel (BRCA1, BRCA2, PALB2 and others) showed no pathogenic variant.",
        "Germline panel (BRCA1, BRCA2, PALB2) - no pathogenic variants",
        "BRCA1, BRCA2, PALB2 – no pathogenic variant",
        "BRCA1, BRCA2, others: negative",
        "Panel (BRCA1, BRCA2, PALB2) - no pathogenic variants in the genes tested",
        "Germline panel (BRCA1, BRCA2, PALB2) showed no pathogenic variants in any of these genes.",
        "no pathogenic variants in the genes BRCA1 and BRCA2",
    ],
)
def test_a_panels_denial_is_no_mutation(text: str) -> None:
    assert facts(text).get("germline_brca") is False


@pytest.mark.parametrize(
    "text",
    [
        "BRCA2 pathogenic variant - no variants in other genes",
        "BRCA2 mutation - no other pathogenic variants",
        "Germline panel (BRCA1, BRCA2, PALB2) - pathogenic BRCA2 variant",
        "BRCA1, PALB2 - no pathogenic variant; BRCA2 c.5946delT pathogenic",
    ],
)
def test_a_found_variant_stays_beside_the_other_genes_denial(text: str) -> None:
    assert facts(text).get("germline_brca") is True


def test_a_denial_of_the_genes_tested_reaches_no_tumour_finding_after_it() -> None:
    found = facts("No pathogenic variants in the genes tested, PIK3CA mutation detected on NGS")
    assert found.get("pik3ca") is True


# -- her only site, its word before it -------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Cavitating lung nodules. Her breast cancer has spread only to the liver.",
        "Cavitating lung nodules. Her breast cancer has spread only to the liver (biopsy 2025).",
        "Cavitating lung nodules. Her breast cancer has spread to the liver only.",
        "Lung nodules. Metastatic disease confined to the liver.",
        "Lung nodules. Liver only disease.",
    ],
)
def test_an_only_site_told_before_or_after_settles_the_other_organs(text: str) -> None:
    assert sites(text) == ["liver"]


@pytest.mark.parametrize(
    "text",
    [
        "Lung nodules. Only one liver lesion.",
        "Lung nodules. She has only a small liver lesion.",
        "Lung nodules. The liver lesion only seen on MRI.",
        "Lung nodules. Was liver-only in 2021.",
    ],
)
def test_a_count_a_view_or_an_earlier_time_settles_nothing(text: str) -> None:
    assert sites(text) == ["lung", "liver"]


# -- an infection told as the verdict ---------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("Cavitating lung nodules. These lung lesions are flukes.", []),
        ("Liver lesion - amoebic abscess", []),
        ("Bone lesions - infection", []),
        (
            "Loves raw freshwater crab: cough, cavitating lung nodules and eosinophilia - "
            "Paragonimus antibody positive, praziquantel given. These lung lesions are flukes; her "
            "breast cancer has spread only to the liver (biopsy 2025).",
            ["liver"],
        ),
    ],
)
def test_an_infection_told_as_the_verdict_is_no_site(text: str, left: list) -> None:
    assert sites(text) == left


@pytest.mark.parametrize(
    ("text", "organ"),
    [
        ("Liver lesions - infection vs metastases", "liver"),
        ("Lung nodules - infection or metastases?", "lung"),
        ("Liver lesions: possible infection", "liver"),
        ("New lung nodules - infection excluded", "lung"),
        ("Lung nodule - granuloma; but biopsy showed metastatic carcinoma", "lung"),
        ("Lung nodules - granulomas; lung biopsy showed carcinoma", "lung"),
        ("Brain lesions; new liver lesions - abscesses, not metastases", "brain"),
    ],
)
def test_a_doubted_denied_or_contradicted_infection_keeps_the_site(text: str, organ: str) -> None:
    assert organ in sites(text)


def test_a_verdict_denying_metastasis_closes_a_description_over_semicolons() -> None:
    found = facts(
        "HIV (CD4 48, off ART): multiple ring-enhancing basal-ganglia lesions, Toxoplasma IgG "
        "positive; much smaller after 2 weeks of pyrimethamine + sulfadiazine - cerebral "
        "toxoplasmosis, not metastases. Her ER+ breast cancer: bone only."
    )
    assert found.get("brain_metastases") is not True
    assert found.get("metastatic_sites") == ["bone"]


def test_a_verdict_clause_before_another_organ_is_read_to_its_semicolon() -> None:
    assert sites("Lung nodules are granulomas, not metastases; liver mets") == ["liver"]


# -- a pregnancy named as paperwork -----------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "the annual staff pregnancy-declaration form came round again",
        "the staff pregnancy declaration came round",
        "staff pregnancy questionnaire done",
        "pregnancy status: not pregnant",
        "pregnancy-test negative",
        "lenalidomide pregnancy prevention programme",
    ],
)
def test_a_pregnancy_named_as_paperwork_is_none(text: str) -> None:
    assert "menopausal_status" not in facts(text)


@pytest.mark.parametrize(
    "text",
    ["pregnancy status: pregnant, 20 weeks", "She is pregnant", "Pregnancy check positive!"],
)
def test_a_pregnancy_told_stays(text: str) -> None:
    assert facts(text).get("menopausal_status") == "pre"


# -- the review's mends -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "brca"),
    [
        # a panel naming other genes in its bracket says nothing of BRCA
        ("Germline panel (ATM, CHEK2, PALB2) - no pathogenic variants.", None),
        (
            "Germline panel (ATM, CHEK2, PALB2) - no pathogenic variants. She is a known BRCA2 carrier.",
            True,
        ),
        ("Germline multigene panel (30 genes) - no pathogenic variants.", False),
        # the other genes' denial told with "any" keeps the found variant
        ("Germline BRCA1 mutation - no variant in any of the other genes tested", True),
        ("BRCA2 pathogenic variant - no variants in any other gene tested.", True),
    ],
)
def test_the_review_panels(text: str, brca: object) -> None:
    assert facts(text).get("germline_brca") is brca


@pytest.mark.parametrize(
    ("text", "organ"),
    [
        # a finding told as a metastasis takes no benign verdict unless it denies the metastasis
        ("Lung metastases - infection also present.", "lung"),
        ("Lung metastases and pneumonia - infection on culture.", "lung"),
        ("Brain metastases - meningitis (infection) excluded on LP.", "brain"),
        # an only site told in a sentence dated before it is of that date
        ("PET (March 2025): bone lesions. CT (Jan 2025): disease confined to the liver.", "bone"),
    ],
)
def test_the_review_keeps_the_site(text: str, organ: str) -> None:
    assert organ in sites(text)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Pregnancy status: not pregnant (premenopausal).", "pre"),
        ("Age 55. Pregnancy status: not pregnant (postmenopausal).", "post"),
        ("Not on HRT (postmenopausal)", "post"),
        ("Pregnancy test: negative (premenopausal)", "pre"),
        ("Pregnancy status: not applicable (postmenopausal)", "post"),
        ("not postmenopausal", "pre"),
    ],
)
def test_a_status_in_the_bracket_after_a_denial_is_stated_not_denied(
    text: str, status: str
) -> None:
    assert facts(text).get("menopausal_status") == status


@pytest.mark.parametrize(
    ("text", "brca"),
    [
        # the genes a test covers, in a bracket after its name: the result after it decides
        ("Germline panel (BRCA1, BRCA2, PALB2) - pending", None),
        ("Germline panel (BRCA1, BRCA2, PALB2) - not done", None),
        ("Germline panel (BRCA1, BRCA2) - not yet resulted.", None),
        ("Germline panel (BRCA1, BRCA2, PALB2) - results awaited", None),
        ("Germline panel (BRCA1, BRCA2, PALB2) - PALB2 pathogenic variant", None),
        ("Germline panel (BRCA1, BRCA2, PALB2): pathogenic PALB2 variant", None),
        ("Germline panel (BRCA1, BRCA2, PALB2) - BRCA2 c.5946delT pathogenic", True),
        ("Germline panel (BRCA1, BRCA2, PALB2): pathogenic BRCA2 variant", True),
        ("Germline testing (BRCA1, BRCA2) - pathogenic variant detected", True),
        ("Germline panel (BRCA1, BRCA2, PALB2): negative", False),
    ],
)
def test_a_tests_bracketed_genes_take_the_result_after_it(text: str, brca: object) -> None:
    assert facts(text).get("germline_brca") is brca


def test_a_positive_panel_naming_no_gene_is_asked() -> None:
    found = extract("Germline panel (BRCA1, BRCA2, PALB2) - pathogenic variant detected")
    assert "germline_brca" not in found.facts
    assert "germline_brca" in found.uncertain


# -- a form field's "no" denying another finding after it --------------------------------------
@pytest.mark.parametrize(
    ("text", "organ"),
    [
        ("Bone mets - no fracture.", "bone"),
        ("Liver metastases - no biliary obstruction", "liver"),
        ("Bone metastases - no cord compression", "bone"),
        ("Lung mets - no effusion", "lung"),
        ("Bone mets: no fracture.", "bone"),
        ("Bone mets - no other sites", "bone"),
        ("Liver metastases - no infection.", "liver"),
    ],
)
def test_a_fields_no_denying_another_finding_keeps_the_site(text: str, organ: str) -> None:
    assert organ in sites(text)


@pytest.mark.parametrize("text", ["Brain mets - no oedema", "Brain mets: no oedema"])
def test_a_fields_no_denying_oedema_keeps_the_brain_active(text: str) -> None:
    assert facts(text).get("brain_metastases") is True


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("ESR1 - no mutation", "esr1", False),
        ("PIK3CA - no hotspot mutation", "pik3ca", False),
        ("BRCA - no pathogenic variant", "germline_brca", False),
        ("Brain mets - none", "brain_metastases", False),
    ],
)
def test_a_fields_no_telling_of_the_finding_itself_denies_it(
    text: str, fact: str, value: object
) -> None:
    assert facts(text).get(fact) is value


@pytest.mark.parametrize(
    "text", ["Liver: no focal lesions", "Liver: no focal liver lesion", "Liver mets - no"]
)
def test_a_fields_no_of_its_own_lesions_denies_the_organ(text: str) -> None:
    assert "liver" not in sites(text)


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("She is 20 weeks pregnant.", None),
        ("She is 34 weeks pregnant", None),
        ("she is 14 days post-op", None),
        ("She is 34, pregnant", 34),
        ("She is 62 years old", 62),
        ("Patient is 45. ER+", 45),
    ],
)
def test_a_duration_after_the_number_is_no_age(text: str, age: object) -> None:
    assert facts(text).get("age") == age


@pytest.mark.parametrize(
    "text",
    [
        "neuropathy: no on 4L O2",  # (found by the property test of negated findings)
        "neuropathy: no vs carbo??",
        "neuropathy: no PD on letrozole/palbo",
    ],
)
def test_a_fields_no_before_no_finding_of_its_own_denies_the_one_before(text: str) -> None:
    assert facts(text).get("neuropathy") is False

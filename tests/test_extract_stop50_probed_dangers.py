"""Stop 50: dangerous readings found by probing the danger classes with clinicians' phrasings
(written for the probe, not from the corpus; not first-run evidence). Each class read a
denied, doubted, benign or settled finding as present:

- Treated brain metastases with "no new lesions" after them ("Brain mets post-gamma knife,
  no new lesions", "Brain MRI: known metastases, no new lesions") were **active**: the "new"
  of a denied new lesion was read as one more lesion.
- A germline test's negative result told after the gene in words not read before ("BRCA1/2
  germline testing came back without any pathogenic variants", "Her germline results were
  unremarkable for BRCA1 and BRCA2", "Her BRCA panel came back clean") set **BRCA mutated**.
- A denial before a list of stated gene findings reached only the first ("She tested negative
  for the PIK3CA mutation and the ESR1 mutation" set **ESR1 mutated**).
- A receptor statement excluded after it ("HER2-positive was ruled out by FISH") stayed
  **HER2-positive**.
- A finding a work-up looks for ("Rule out brain mets", "r/o brain mets", "MRI to exclude
  brain mets", "Evaluate for brain mets", "Concern for visceral crisis", "worrisome for brain
  mets") or a past exclusion with its object after it ("MRI ruled out brain mets", "A CT ruled
  out liver metastases") was set **present**.
- Organs told benign or free of disease ("Liver cyst", "Liver lesion was a hemangioma",
  "the liver lesions turned out to be benign", "lungs and liver free of disease") were read
  as **metastatic sites**.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


@pytest.mark.parametrize(
    "text",
    [
        "Brain mets post-gamma knife, no new lesions.",
        "Known brain mets, no new lesions and no progression.",
        "Brain MRI: known metastases, no new lesions.",
        "Brain metastases treated with SRS in 2023; MRI shows no new ones.",
    ],
)
def test_settled_brain_metastases_with_no_new_lesions_are_not_active(text: str) -> None:
    assert extract(text).facts.get("brain_metastases") is not True


@pytest.mark.parametrize(
    "text",
    [
        "Known brain mets, new lesions on MRI.",
        "Brain mets s/p SRS, now 2 new lesions.",
        "Brain mets post-gamma knife, new lesion in the cerebellum.",
        "Brain mets treated with SRS, a new one appeared.",
    ],
)
def test_new_brain_lesions_after_treatment_stay_active(text: str) -> None:
    assert extract(text).facts.get("brain_metastases") is True


@pytest.mark.parametrize(
    "text",
    [
        "BRCA1/2 germline testing came back without any pathogenic variants.",
        "BRCA1/2 sequencing: no pathogenic variants identified.",
        "Germline panel including BRCA1/2 returned with no pathogenic alterations.",
        "Her germline results were unremarkable for BRCA1 and BRCA2.",
        "Genetic testing was normal for BRCA1/2.",
        "Her BRCA panel came back clean.",
    ],
)
def test_a_negative_germline_result_told_after_the_gene_is_no_mutation(text: str) -> None:
    assert extract(text).facts.get("germline_brca") is not True


@pytest.mark.parametrize(
    "text",
    [
        "Germline testing revealed a pathogenic BRCA2 variant.",
        "BRCA2 mutation carrier; no pathogenic variants in other genes.",
        "She carries BRCA2; no other pathogenic variants.",
    ],
)
def test_a_found_germline_variant_stays_found(text: str) -> None:
    assert extract(text).facts.get("germline_brca") is True


@pytest.mark.parametrize(
    "text",
    [
        "She tested negative for the PIK3CA mutation and the ESR1 mutation.",
        "Negative for PIK3CA mutation and ESR1 mutation.",
    ],
)
def test_a_denial_before_a_list_of_stated_gene_findings_is_each_ones(text: str) -> None:
    facts = extract(text).facts
    assert facts.get("pik3ca") is False
    assert facts.get("esr1") is False


@pytest.mark.parametrize(
    ("text", "pik3ca", "esr1"),
    [
        ("Negative for PIK3CA mutation, ESR1 mutation detected.", False, True),
        ("No PIK3CA mutation but an ESR1 mutation was found.", False, True),
        ("PIK3CA mutation and ESR1 mutation on ctDNA.", True, True),
    ],
)
def test_a_gene_finding_told_found_after_a_denied_one_stays_found(
    text: str, pik3ca: bool, esr1: bool
) -> None:
    facts = extract(text).facts
    assert facts.get("pik3ca") is pik3ca
    assert facts.get("esr1") is esr1


def test_a_receptor_statement_ruled_out_after_it_is_not_that_value() -> None:
    assert extract("HER2-positive was ruled out by FISH.").facts.get("her2") != "positive"
    # twin: the statement alone keeps its value
    assert extract("HER2-positive by FISH.").facts.get("her2") == "positive"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Rule out brain mets.", "brain_metastases"),
        ("r/o brain mets", "brain_metastases"),
        ("To rule out brain metastases.", "brain_metastases"),
        ("MRI to exclude brain mets.", "brain_metastases"),
        ("Evaluate for brain mets.", "brain_metastases"),
        ("Worrisome for brain mets.", "brain_metastases"),
        ("Concern for brain mets, MRI ordered.", "brain_metastases"),
        ("MRI ruled out brain mets.", "brain_metastases"),
        ("They ruled out brain mets with an MRI.", "brain_metastases"),
        ("Concern for visceral crisis.", "visceral_crisis"),
        ("Concern for PIK3CA mutation.", "pik3ca"),
    ],
)
def test_a_finding_looked_for_or_ruled_out_is_not_present(text: str, fact: str) -> None:
    assert extract(text).facts.get(fact) is not True


@pytest.mark.parametrize(
    "text",
    [
        "A CT ruled out liver metastases; ER+ HER2-.",
        "Concern for liver mets. ER+ HER2-.",
        "Bone mets, lungs and liver free of disease.",
        "The liver remains clear of metastases; bone mets.",
        "Bone mets, liver cyst, no liver mets.",
        "Liver cyst. Bone mets.",
        "She has a liver cyst and bone mets.",
        "Liver hemangioma; bone mets.",
        "Bone mets; benign liver cyst.",
        "Bone mets. Liver lesion was a hemangioma.",
        "Bone mets; the liver lesions turned out to be benign.",
        "Bone mets; lung nodule biopsied: benign granuloma.",
        "Lung nodule, benign. Bone mets.",
        "Bone mets, liver clear on CT.",
    ],
)
def test_an_organ_told_benign_excluded_or_free_of_disease_is_no_site(text: str) -> None:
    sites = extract(text).facts.get("metastatic_sites") or []
    assert "liver" not in sites and "lung" not in sites
    if "Bone" in text or "bone" in text:
        assert "bone" in sites


@pytest.mark.parametrize(
    ("text", "site"),
    [
        ("Brain mets ruled out, liver mets confirmed.", "liver"),
        ("Liver lesions were biopsied: metastatic carcinoma.", "liver"),
        ("Liver metastases and a kidney cyst.", "liver"),
        (
            "The histology was consistent with metastatic breast cancer within a parathyroid "
            "adenoma.",
            "parathyroid",
        ),
    ],
)
def test_a_metastatic_site_told_beside_them_stays_a_site(text: str, site: str) -> None:
    assert site in (extract(text).facts.get("metastatic_sites") or [])


def test_a_context_rule_may_be_no_cue_before_a_word() -> None:
    """``not_before``: the cue is dropped right before one of its words, and only there (the
    rule option that keeps "no pathogenic variants in other genes" from denying a gene before
    it); it survives the shipped model's round trip."""
    from chatbot.nlp.context import ConTextRule

    rule = ConTextRule.from_dict(
        {
            "literal": "no variants found",
            "category": "NEGATED_EXISTENCE",
            "direction": "BACKWARD",
            "not_before": ["in", "of"],
        }
    )
    assert rule.not_before == frozenset({"in", "of"})
    assert ConTextRule.from_dict(rule.to_dict()) == rule
    assert (
        extract("She carries BRCA2 with no pathogenic variants in other genes.").facts.get(
            "germline_brca"
        )
        is True
    )
    assert extract("BRCA1/2 testing: no pathogenic variants").facts.get("germline_brca") is False


# -- second batch: phrasings written for the probe by two helpers who never saw the code -----


@pytest.mark.parametrize(
    ("text", "fact", "forbidden"),
    [
        # a variant's verdict after a dash: "VUS" is no mutation
        ("BRCA2 c.7522G>A — VUS, no change to mgmt.", "germline_brca", True),
        # a premenopausal state told at diagnosis is not now
        (
            "Premenopausal at dx of early BC 2012; now 61 and menopausal since ~2016.",
            "menopausal_status",
            "pre",
        ),
        ("Premenopausal at dx in 2012; now 61.", "menopausal_status", "pre"),
        # treated brain metastases in shorthand
        ("brain mets – done w/ radiation, all stable", "brain_metastases", True),
        # a scan finding whose own words doubt it
        (
            "CT head: ?tiny enhancing focus L parietal vs vessel — for MRI.",
            "brain_metastases",
            True,
        ),
        ("MRI brain ordered to r/o mets given 2/52 of headaches.", "brain_metastases", True),
        # a retraction
        ("Germline BRCA1 pos - scratch that, it's a BRCA1 VUS.", "germline_brca", True),
        (
            "Sites: bone + brain - no sorry, bone + breast (local recurrence).",
            "brain_metastases",
            True,
        ),
        # a finding supposed or foreseen, or a test sent
        ("Assuming ESR1 is positive on ctDNA, is elacestrant reasonable?", "esr1", True),
        ("Should she develop visceral crisis, chemo?", "visceral_crisis", True),
        ("PIK3CA sent, awaiting.", "pik3ca", True),
        ("ESR1 ctDNA ordered.", "esr1", True),
        ("The plan is to check for ESR1 mutation at progression.", "esr1", True),
        # what a finding means for her, asked
        ("Does that mean I'm HER2 positive? Can I have Herceptin?", "her2", "positive"),
        # her husband's cancer of another organ is his
        (
            "Her husband has lung cancer with brain mets; she has ER+ MBC to bone.",
            "brain_metastases",
            True,
        ),
    ],
)
def test_second_batch_dangerous_readings_are_gone(text: str, fact: str, forbidden: object) -> None:
    assert extract(text).facts.get(fact) != forbidden


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("Her mother says she has new brain mets.", "brain_metastases", True),
        ("Her husband says she has new brain mets.", "brain_metastases", True),
        ("Menopausal since 2016.", "menopausal_status", "post"),
        ("Germline BRCA1 pos - scratch that, BRCA2 pos.", "germline_brca", True),
        ("She is on her 3rd line, no wait, 2nd.", "prior_lines", 2),
        ("She is HER2 positive. Does that mean she can have Herceptin?", "her2", "positive"),
        (
            "The bone scan shows multiple suspicious lesions and a CAT scan revealed masses in "
            "her liver. A subsequent biopsy confirms recurrence.",
            "metastatic_sites",
            ["bone", "liver"],
        ),
    ],
)
def test_second_batch_twins_keep_their_reading(text: str, fact: str, value: object) -> None:
    assert extract(text).facts.get(fact) == value


@pytest.mark.parametrize(
    "text",
    [
        "L axillary LNs enlarged post-COVID booster; FNA reactive, no malignancy.",
        "Liver: 2 simple cysts, unchanged; no suspicious lesions.",
        "ER+ HER2-, liver mets - ignore that, bone mets.",
    ],
)
def test_second_batch_organs_told_benign_or_retracted_are_no_sites(text: str) -> None:
    sites = extract(text).facts.get("metastatic_sites") or []
    assert "liver" not in sites and "lymph nodes" not in sites


def test_a_context_rule_may_be_a_cue_only_before_a_word() -> None:
    from chatbot.nlp.context import ConTextRule

    rule = ConTextRule.from_dict(
        {
            "literal": "her husband",
            "category": "FAMILY",
            "direction": "FORWARD",
            "before_words": ["lung"],
        }
    )
    assert rule.before_words == frozenset({"lung"})
    assert ConTextRule.from_dict(rule.to_dict()) == rule


@pytest.mark.parametrize(
    ("text", "active"),
    [
        # the treated lesion's return, told in a later dated scan's clause: active again
        (
            "Resected cerebellar met 2020 + cavity SRS; MRI 2024: nodular recurrence at cavity "
            "margin, 9 mm, growing on 2 scans.",
            True,
        ),
        ("Brain met resected 2020; MRI 2024: local recurrence, now growing.", True),
        # twins: the return denied, or the growth told of another site
        (
            "Resected cerebellar met 2020 + cavity SRS; MRI 2024: no recurrence at the cavity, "
            "post-op change only, stable.",
            False,
        ),
        ("Brain met resected 2020; MRI 2024: stable, no recurrence.", False),
        ("Brain mets treated with SRS, stable; liver mets growing.", False),
    ],
)
def test_a_treated_brain_metastasis_that_recurs_is_active_again(text: str, active: bool) -> None:
    assert extract(text).facts.get("brain_metastases") is active


# -- third batch: classes the held-out probe set C showed (after its first run) --------------


@pytest.mark.parametrize(
    ("text", "fact", "forbidden"),
    [
        # a finding weighed, not found
        (
            "Debated whether this is evolving visceral crisis -- consensus no: bili 28 and flat.",
            "visceral_crisis",
            True,
        ),
        (
            "Brain mets were in the differential for her dizziness but MRI normal - BPPV.",
            "brain_metastases",
            True,
        ),
        # a status told as what an old document says
        (
            "GP letter (2019) says perimenopausal. Now 58, no bleeding for 6 yrs.",
            "menopausal_status",
            "pre",
        ),
        (
            "Referral says 'premenopausal' but that's copied from her 2012 notes - she's 64 now.",
            "menopausal_status",
            "pre",
        ),
        # treated brain metastases told colloquially or in a bracket
        (
            "she says 'they zapped the brain spots last year and the scans say they've gone'",
            "brain_metastases",
            True,
        ),
        (
            "Hx CNS disease (SRS x2 lesions 2020), stable on surveillance. Now PD in liver.",
            "brain_metastases",
            True,
        ),
        # what a finding means for her, asked after a dash
        (
            "they put me on zoladex, a 'chemical menopause' - does that mean i'm officially "
            "postmenopausal now??",
            "menopausal_status",
            "post",
        ),
    ],
)
def test_held_out_classes_dangerous_readings_are_gone(
    text: str, fact: str, forbidden: object
) -> None:
    assert extract(text).facts.get(fact) != forbidden


@pytest.mark.parametrize(
    ("text", "organ"),
    [
        ("US abdo: 14mm hypoechoic liver lesion ?met. MRI liver booked.", "liver"),
        ("MRI liver booked to characterise.", "liver"),
        (
            "Small R pleural effusion, tapped 400ml - cytology negative for malignant cells x2.",
            "pleura",
        ),
    ],
)
def test_held_out_classes_queried_or_scanned_organs_are_no_sites(text: str, organ: str) -> None:
    assert organ not in (extract(text).facts.get("metastatic_sites") or [])


@pytest.mark.parametrize(
    ("text", "organ"),
    [
        ("MRI liver: multiple lesions.", "liver"),
        ("CT liver shows metastases.", "liver"),
        ("ER+ MBC, liver.", "liver"),
        ("Malignant pleural effusion, cytology positive for adenocarcinoma.", "pleura"),
    ],
)
def test_held_out_classes_twins_keep_the_site(text: str, organ: str) -> None:
    assert organ in (extract(text).facts.get("metastatic_sites") or [])


# -- fourth batch: classes the held-out probe set D showed (after its first run) -------------


@pytest.mark.parametrize(
    "text",
    [
        "We plan to start the second line with fulvestrant and capivasertib next week.",
        "We plan to start the second line with fulvestrant + capivasertib next week.",
        (
            "Dear Sophie, the patient progressed after 2 years on first line letrozole plus "
            "ribociclib, with new liver lesions. We plan to start the second line with "
            "fulvestrant and capivasertib next week."
        ),
    ],
)
def test_a_drug_joined_to_a_planned_drug_is_planned_too(text: str) -> None:
    facts = extract(text).facts
    assert "capivasertib" not in (facts.get("prior_therapies") or [])
    assert facts.get("prior_lines") != 2


def test_a_regimen_given_keeps_both_drugs() -> None:
    facts = extract("Progressed on letrozole and palbociclib.").facts
    assert facts.get("progressed_on") == ["letrozole", "palbociclib"]


@pytest.mark.parametrize(
    ("text", "active"),
    [
        (
            "Her brain mets were treated with gamma knife in January. The MRI in May showed one "
            "of them has grown.",
            True,
        ),
        (
            "My mom's brain tumors from the breast cancer were treated with gamma knife in "
            "January. The MRI in May showed one of them has gotten bigger.",
            True,
        ),
        (
            "Her brain mets were treated with gamma knife in January. The MRI in May showed "
            "them stable.",
            False,
        ),
        (
            "Brain mets treated with SRS. Subsequently they increased the dose of dexamethasone.",
            False,
        ),
    ],
)
def test_a_later_scan_by_its_month_tells_what_became_of_treated_brain_mets(
    text: str, active: bool
) -> None:
    assert extract(text).facts.get("brain_metastases") is active


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # a verdict the lab could not give, after a colon or a bracket (the longer cue must
        # keep the finding's doubt: it had read PTEN lost while written)
        ("PTEN loss: equivocal.", "pten"),
        ("PTEN loss (IHC): equivocal, not reportable.", "pten"),
        ("PIK3CA mutation: inconclusive (insufficient DNA).", "pik3ca"),
    ],
)
def test_a_result_the_lab_could_not_give_is_asked(text: str, fact: str) -> None:
    extraction = extract(text)
    assert extraction.facts.get(fact) is None
    assert fact in extraction.uncertain


@pytest.mark.parametrize(
    ("text", "fact", "forbidden"),
    [
        # a gene a test did not cover is not known (had read ESR1 mutated)
        ("ESR1 wasn't on that panel, so ctDNA drawn today to look for ESR1.", "esr1", True),
        ("ESR1 was not included in the panel.", "esr1", True),
    ],
)
def test_a_gene_a_test_did_not_cover_is_not_found(text: str, fact: str, forbidden: object) -> None:
    assert extract(text).facts.get(fact) != forbidden


@pytest.mark.parametrize(
    ("text", "organ"),
    [
        # an organ told clear stays denied (a result cue of a test's name must not outrank it)
        ("Her brain was clear.", "brain"),
        ("Her lungs were clear, BRCA1 positive.", "lung"),
    ],
)
def test_an_organ_told_clear_is_no_site(text: str, organ: str) -> None:
    assert organ not in (extract(text).facts.get("metastatic_sites") or [])


@pytest.mark.parametrize(
    "text",
    [
        # a denial in the clause before the activity word is not the new lesion's own
        "Brain mets s/p SRS, no response, growing.",
        "Brain mets s/p SRS, no response, a new one appeared.",
    ],
)
def test_a_denial_in_an_earlier_clause_leaves_the_activity(text: str) -> None:
    assert extract(text).facts.get("brain_metastases") is True

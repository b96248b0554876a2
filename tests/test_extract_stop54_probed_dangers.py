"""Stop 54: the dangerous readings of the held-out probe set J (written for the probe by a
helper who never saw the code; its first run, 14 dangerous of 72, was committed in 49c8233
before any of it was read) and the classes the first runs of rounds 98-99 showed (real text;
each round's figure was recorded before it was read). Each test has a twin that keeps the
right reading, so a fix that only deletes facts fails.

- "w/t" (wild type) after a gene was split into "w" "/" "t" and the gene read mutated.
- "we don't have the HER2 score yet" read HER2 negative (the "n't" of a result to come).
- Lines of a document ("missing its last 3 lines") or catheters ("2 lines in situ (PICC +
  port)") were read as lines of therapy.
- A relative's bracketed aside ("My daughter (34, still has her periods)") ended at its comma,
  so her periods were read as the patient's.
- A list of criteria denied after it ("Visceral crisis criteria (…): none of these apply")
  and a heading denying a bulleted list ("Excluded on this PET-CT:⏎- hepatic involvement")
  were read as found.
- A CDK4/6 inhibitor switched for toxicity was counted as a new line.
- Round 99: whole-brain radiation known by the side effects the writer lived through was not
  read as done (treated brain metastases read as active); "not only did my cancer progress
  on that treatment" was not read as a progression; "I was 35 with two children" gave no age.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


@pytest.mark.parametrize("gene, fact", [("PIK3CA", "pik3ca"), ("ESR1", "esr1"), ("AKT1", "akt1")])
def test_w_slash_t_after_a_gene_is_wild_type(gene: str, fact: str) -> None:
    assert extract(f"ctDNA 3/21: {gene} w/t, repeat planned at progression.").facts[fact] is False
    assert extract(f"ctDNA 3/21: {gene} mutated, repeat planned.").facts[fact] is True


def test_a_result_still_to_come_is_unknown_not_negative() -> None:
    facts = extract("Liver mets. We don't have the HER2 score yet.").facts
    assert "her2" not in facts
    assert extract("Liver mets. HER2 score 0, negative.").facts["her2"] == "negative"


@pytest.mark.parametrize(
    "lines",
    [
        "The faxed pathology report is missing its last 3 lines.",
        "2 lines in situ (PICC + old port awaiting removal).",
        "I can only read 2 lines of the letter.",
    ],
)
def test_lines_of_a_document_or_a_catheter_are_no_lines_of_therapy(lines: str) -> None:
    text = (
        f"Only treatment for MBC so far was letrozole + ribociclib, stopped at progression. {lines}"
    )
    assert "prior_lines" not in extract(text).facts
    assert extract("She has had 3 lines of therapy for MBC.").facts["prior_lines"] == 3


def test_a_relatives_bracketed_aside_is_all_hers() -> None:
    text = "My daughter (34, still has her periods) comes to all my appointments. I'm 63."
    assert extract(text).facts.get("menopausal_status") != "pre"
    assert extract("She is 48 and still has her periods.").facts["menopausal_status"] == "pre"


def test_criteria_denied_as_a_whole_after_their_list() -> None:
    text = (
        "Visceral crisis criteria (bilirubin >1.5x ULN, rapidly rising transaminases, "
        "symptomatic lymphangitis, falling PS): none of these apply to her at present."
    )
    assert extract(text).facts["visceral_crisis"] is False
    # a denial of change keeps the findings
    kept = extract("Liver and lung mets, bone pain: none of these are new.").facts
    assert kept["metastatic_sites"] == ["liver", "lung"]


def test_a_denying_heading_covers_its_bulleted_list() -> None:
    text = (
        "Excluded on this PET-CT:\n- hepatic involvement\n- pulmonary nodules\n"
        "- pleural or pericardial effusion\nBone disease (T6, sacrum) metabolically stable."
    )
    assert extract(text).facts["metastatic_sites"] == ["bone"]
    listed = extract("Findings:\n- liver mets\n- lung nodules").facts
    assert listed["metastatic_sites"] == ["liver", "lung"]


def test_a_gene_list_under_a_pasted_heading_keeps_its_own_results() -> None:
    # (held-out probe G, which the first heading rule broke: "not detected" on its own line)
    text = (
        "Guardant360 from 12/3 (pasted):\n- ESR1:\n    not detected\n- PIK3CA: H1047R, VAF 4.1%\n"
        "She's PD on letrozole/palbo, bone + liver."
    )
    facts = extract(text).facts
    assert facts["esr1"] is False and facts["pik3ca"] is True


def test_a_switch_for_toxicity_continues_the_line() -> None:
    text = (
        "1L letrozole + ribociclib, switched to letrozole + abemaciclib after 2 months for QTc "
        "prolongation (no progression), then 20 months of disease control. 2L fulvestrant + "
        "capivasertib, progressed after 6 months. Next?"
    )
    assert extract(text).facts["prior_lines"] == 2
    moved = "Letrozole + palbociclib, progressed; switched to fulvestrant. Progressed."
    assert extract(moved).facts["prior_lines"] == 2


def test_side_effects_lived_through_tell_brain_radiation_done() -> None:
    text = (
        "But whole brain radiation shakes your brain's ability to think, so I didn't bother "
        "writing while the side effects were still looming large. I got brain tumors. About a "
        "dozen small spots."
    )
    assert extract(text).facts["brain_metastases"] is False
    planned = "WBRT is planned and the side effects were explained to her. She has 3 brain mets."
    assert extract(planned).facts["brain_metastases"] is True


def test_an_inverted_progression_after_not_only() -> None:
    text = (
        "I was prescribed palbociclib (Ibrance) in combination with letrozole, and not only did "
        "my cancer progress on that treatment as well, the letrozole exacerbated my joint pain."
    )
    assert extract(text).facts["progressed_on"] == ["palbociclib", "letrozole"]
    assert "progressed_on" not in extract("I was prescribed palbociclib with letrozole.").facts


def test_an_age_told_with_what_she_had_then_and_her_age_now() -> None:
    assert extract("I was 35 with two children aged three and five.").facts["age"] == 35
    assert "age" not in extract("I was 30 when my mother was diagnosed with MBC.").facts
    later = extract("Dx early BC age 41, had tamoxifen. Now 58, ER+ relapse in bone.").facts
    assert later["age"] == 58
    assert extract("She is 62, now 18 months after diagnosis.").facts["age"] == 62


# -- after held-out probe set K (first run 7/71 dangerous at a3030b1) and set J's rest --------


def test_a_trait_that_runs_on_a_parents_side_is_the_familys() -> None:
    text = (
        "I'm the one with the cancer but the BRCA1 runs on my dad's side - his sister and my "
        "cousin both carry it. I had the blood test in March and I don't have it."
    )
    assert extract(text).facts.get("germline_brca") is not True
    hers = "TNBC in her bones. She carries a BRCA2 mutation which runs in her family."
    assert extract(hers).facts["germline_brca"] is True


def test_a_gene_denied_by_a_pronoun() -> None:
    assert (
        extract("She was tested for a PIK3CA mutation and doesn't have it.").facts["pik3ca"]
        is False
    )
    cohort = (
        "Trial screening: the AKT1 E17K cohort was full anyway - her tumour didn't have it "
        "(PIK3CA E545K only), so she went into the PIK3CA arm."
    )
    facts = extract(cohort).facts
    assert facts["akt1"] is False and facts["pik3ca"] is True
    # a place after the pronoun is what is denied: the organ before it stays
    assert extract("Liver mets on CT; she doesn't have it in the bones.").facts[
        "metastatic_sites"
    ] == ["liver"]


def test_a_gene_told_dash_nothing() -> None:
    text = "NGS (liver core): all hotspots negative except ESR1 Y537S at 3% VAF. PIK3CA exons 9 and 20 - nothing."
    facts = extract(text).facts
    assert facts["pik3ca"] is False and facts["esr1"] is True


@pytest.mark.parametrize(
    "text, fact",
    [
        (
            "Plan: ctDNA for ESR1 today; if detected, switch to elacestrant, otherwise fulvestrant.",
            "esr1",
        ),
        (
            "Could she have picked up an ESR1 mutation after 4 years on anastrozole? Nobody has "
            "ever checked her for one.",
            "esr1",
        ),
    ],
)
def test_a_gene_still_to_be_tested_is_unknown(text: str, fact: str) -> None:
    assert fact not in extract(text).facts
    assert extract("ctDNA today: ESR1 Y537S detected.").facts["esr1"] is True


def test_a_quoted_guideline_names_its_population() -> None:
    text = (
        "ESMO guideline says 'for patients with a PIK3CA mutation after progression on an AI + "
        "CDK4/6i, consider alpelisib or capivasertib with fulvestrant'. Her Guardant360 went off "
        "last Thursday. Fulvestrant alone in the meantime?"
    )
    facts = extract(text).facts
    assert "pik3ca" not in facts and "prior_cdk46" not in facts
    asked = extract("She has a PIK3CA mutation; what does the guideline say?").facts
    assert asked["pik3ca"] is True


def test_a_count_a_scheme_wants_is_not_hers() -> None:
    text = (
        "The compassionate access scheme wants 'at least 2 prior lines in the metastatic "
        "setting'. She's had one - letrozole + palbociclib, stopped at progression in May."
    )
    assert extract(text).facts.get("prior_lines") != 2
    assert (
        extract("She has had at least 2 prior lines in the metastatic setting.").facts[
            "prior_lines"
        ]
        == 2
    )


def test_brain_spots_killed_by_the_radiation_are_treated() -> None:
    text = (
        "My husband says the doctor told him the brain spots 'were killed by the radiation', and "
        "last week's scan is the same as the one in the spring."
    )
    assert extract(text).facts["brain_metastases"] is False
    assert (
        extract("New brain spots on last week's scan, not yet treated.").facts["brain_metastases"]
        is True
    )


def test_another_named_patient_is_not_the_one_asked_about() -> None:
    text = (
        "Mrs R has had 4 lines and is going to the hospice. Mrs S - the one I'm asking about - "
        "has only had palbo/letrozole then fulvestrant, progressing now."
    )
    assert extract(text).facts["prior_lines"] == 2
    compared = (
        "Two ladies in clinic today, both ER+ bone-only. Mrs A has a PIK3CA H1047R; Mrs B, the "
        "one I'm asking about, was wild-type on tissue and plasma. Options for Mrs B?"
    )
    assert "pik3ca" not in extract(compared).facts
    # one named patient, no other: hers
    assert extract("Mrs B has a PIK3CA H1047R and liver mets. Options?").facts["pik3ca"] is True


def test_a_status_told_of_the_early_cancers_time_is_not_now() -> None:
    text = (
        "She had tamoxifen as a premenopausal woman for the early cancer. Ten years on, aged 61, "
        "relapse in the sternum and ribs."
    )
    assert extract(text).facts.get("menopausal_status") != "pre"
    now = "Premenopausal, 44, ER+ bone mets; she had tamoxifen for the early cancer 6 years ago."
    assert extract(now).facts["menopausal_status"] == "pre"


def test_a_visceral_crisis_resolved_since_is_asked_not_read() -> None:
    text = (
        "Jan: bilirubin 71, ALT 5x ULN, PS 3 - treated as visceral crisis with weekly paclitaxel. "
        "Now (May): bili 11, ALT normal, PS 1, back at work part-time. Step down to an AI + "
        "CDK4/6 inhibitor?"
    )
    assert "visceral_crisis" not in extract(text).facts
    ongoing = "She was in visceral crisis. Now bilirubin still rising, PS 3."
    assert extract(ongoing).facts["visceral_crisis"] is True

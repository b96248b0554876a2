"""Stop 68: two classes behind dangerous readings of the held-out probe sets (seen: the
probes had been run at earlier stops), fixed as classes, each with twins that keep the other
reading.

- A germline test named by any of its nouns ("germline test", "germline panel", "germline
  multigene panel") and its result written right after it without a verb ("germline testing
  neg", "BRCA1/2 testing neg"). "Mum is a BRCA2 carrier; pt's own germline test neg" had read
  the patient BRCA-positive (PARP inhibitors then shown as indicated); her own negative now
  stands against it and the fact is asked. A test named before the genes its result tells of
  ("Germline panel: no mutation in BRCA1, BRCA2 c.5946delT") lets the genes decide.
- The line she is on, told before the history it follows ("Day 15 of cycle 2 of second-line
  eribulin. First line was letrozole + palbo, PD in the liver") had been counted as a line
  given (2): it is begun, not failing, so the lines given are the ones before it (FORMAT.md).
  Told in time order with "now on" before the ordinal or the course's sitting, the same.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


def facts(text: str) -> dict:
    return dict(extract(text).facts)


# -- germline tests --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "pt's own germline test neg (full panel).",
        "Germline testing neg.",
        "BRCA1/2 testing neg, ER+ HER2- MBC in bone.",
        "germline BRCA testing neg",
        "Her germline test came back negative.",
        "Germline multigene panel results were negative.",
        "62F, TNBC with lung mets. Germline test negative. PD-L1 CPS 3.",
    ],
)
def test_a_germline_test_told_negative_is_brca_negative(text: str) -> None:
    assert facts(text).get("germline_brca") is False


@pytest.mark.parametrize(
    "text",
    [
        "Germline test pending.",
        "Germline panel sent 12/03, still pending.",
        "Germline panel positive for PALB2.",
        "BRCA testing pending, CT negative for new disease.",
        # the genes named after the test decide
        "germline results were unremarkable for PIK3CA",
    ],
)
def test_no_brca_result_without_a_negative_test(text: str) -> None:
    assert facts(text).get("germline_brca") is None


def test_the_genes_named_after_a_denied_test_decide() -> None:
    assert facts("Germline panel: no mutation in BRCA1, BRCA2 c.5946delT.")["germline_brca"] is True
    assert facts("germline test neg, PIK3CA mutated") == {"germline_brca": False, "pik3ca": True}
    assert facts("Germline testing was negative for BRCA1 and BRCA2.")["germline_brca"] is False


@pytest.mark.parametrize(
    "text",
    [
        "Mum is a BRCA2 carrier; pt's own germline test neg (full panel).",
        "Mum is a BRCA2 carrier. Her own germline test was negative.",
    ],
)
def test_her_own_negative_is_never_overruled_by_a_relatives_carrier_status(text: str) -> None:
    assert facts(text).get("germline_brca") is not True


# -- the line she is on, told first --------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "lines"),
    [
        (
            "Day 15 of cycle 2 of second-line eribulin. First line was letrozole + palbo, PD in "
            "the liver after 14 months.",
            1,
        ),
        ("On 2L capecitabine, tolerating well. 1L was letrozole + palbo (PD).", 1),
        (
            "Third-line eribulin since March. First line letrozole + palbo (PD), second line "
            "capecitabine (PD).",
            2,
        ),
        # in time order, "now on" before the ordinal or the course's sitting
        ("First line letrozole + palbo, PD in the liver. Now on second-line eribulin.", 1),
        (
            "First line was letrozole + palbo, PD in the liver after 14 months. Now on cycle 2 "
            "of second-line eribulin.",
            1,
        ),
        # twins: the line told failing is a line given
        ("Progressing on second-line eribulin. First line was letrozole + palbo.", 2),
        ("Second-line eribulin, now PD in liver. First line was letrozole + palbo.", 2),
        ("PD on capecitabine as 2nd line; 1st line was letrozole.", 2),
    ],
)
def test_the_line_she_is_on_is_not_a_line_given(text: str, lines: int) -> None:
    assert facts(text).get("prior_lines") == lines


def test_the_line_she_is_on_is_no_chemotherapy_line_given() -> None:
    got = facts(
        "Day 15 of cycle 2 of second-line eribulin. First line was letrozole + palbo, PD in the "
        "liver after 14 months."
    )
    assert got["prior_chemo_lines"] == 0
    assert got["progressed_on"] == ["letrozole", "palbociclib"]


# -- a drug given for a condition that is no cancer ------------------------------------------
@pytest.mark.parametrize(
    ("text", "absent", "lines"),
    [
        (
            "Lupus nephritis at 24: six pulses of IV cyclophosphamide, then mycophenolate for "
            "years. Her breast cancer came back in the lungs this year - carboplatin + "
            "gemcitabine is the first thing she's had for it, and it has stopped working.",
            "cyclophosphamide",
            None,  # not 2: the lupus course is no line (the count is asked)
        ),
        (
            "ER+ HER2- MBC in bone. Methotrexate for rheumatoid arthritis since 2015. "
            "Progressed on letrozole.",
            "methotrexate",
            None,
        ),
        (
            "ER+ HER2- MBC in bone. She took letrozole for ovulation induction in 2010. Now on "
            "anastrozole + ribociclib, progressing.",
            "letrozole",
            None,
        ),
        (
            "ER+ MBC, liver mets. Past history: lupus treated with cyclophosphamide. Progressed "
            "on letrozole + palbociclib.",
            "cyclophosphamide",
            None,
        ),
        (
            "Her only other 'hormone therapy' is levothyroxine for Hashimoto's (since 2001). For "
            "the MBC: letrozole + palbociclib (PD 2024), then fulvestrant (PD now).",
            None,
            2,
        ),
    ],
)
def test_a_drug_for_another_condition_is_no_cancer_treatment(
    text: str, absent: str | None, lines: int | None
) -> None:
    got = facts(text)
    if absent is not None:
        assert absent not in got.get("prior_therapies", [])
    if lines is not None:
        assert got.get("prior_lines") == lines
    else:
        assert got.get("prior_lines") != 2


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        # twins: the cancer's own treatment, a condition beside it
        ("Despite her lupus, she started letrozole + palbociclib for bone mets.", "letrozole"),
        ("Letrozole for 5 years for her breast cancer, then liver mets.", "letrozole"),
        (
            "Liver mets. Capecitabine started, while steroids were given for her sarcoidosis.",
            "capecitabine",
        ),
        ("MBC to bone; on fulvestrant for the metastatic disease.", "fulvestrant"),
    ],
)
def test_the_cancer_treatment_beside_another_condition_is_kept(text: str, drug: str) -> None:
    assert drug in facts(text).get("prior_therapies", [])


# -- a result not had, by any participle of testing ------------------------------------------
@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("PTEN loss: not evaluated", "pten"),
        ("PIK3CA mutation: not evaluated", "pik3ca"),
        ("ESR1 mutation: not yet assessed", "esr1"),
        ("PTEN loss not determined on the sample", "pten"),
    ],
)
def test_a_result_not_had_is_no_finding(text: str, fact: str) -> None:
    assert fact not in facts(text)


def test_a_result_had_beside_one_not_had_is_kept() -> None:
    got = facts("PTEN loss: not evaluated. PIK3CA: H1047R detected.")
    assert "pten" not in got
    assert got["pik3ca"] is True


# -- organs named by a complaint or a benign kind, and vertebral levels ----------------------
@pytest.mark.parametrize(
    "text",
    [
        "G2 HFS on cape — skin cracking on palms/soles.",
        "She described cracks and blistering in the skin on her hands and feet.",
        "Skin rash from abemaciclib.",
        "Bone scan: degenerative uptake both knees & L-spine facets, no mets.",
        "Bone scan: arthritic uptake in both knees.",
        "T2 lesion 1.5 cm in the left breast.",  # a T stage, no vertebra
    ],
)
def test_no_site_from_a_complaint_or_a_benign_kind(text: str) -> None:
    assert not facts(text).get("metastatic_sites")


@pytest.mark.parametrize(
    ("text", "site"),
    [
        ("Skin nodules on the chest wall, biopsy ER+.", "skin"),
        ("Bone scan: multiple foci of uptake in the spine and pelvis.", "bone"),
        ("T8 metastasis, on denosumab.", "bone"),
        ("L1 met, sclerotic.", "bone"),
        ("T10 mets.", "bone"),
    ],
)
def test_the_site_told_with_its_finding_is_kept(text: str, site: str) -> None:
    assert site in facts(text).get("metastatic_sites", [])


# -- held-out probe set X's classes (seen after its first run) -------------------------------
@pytest.mark.parametrize(
    ("text", "site"),
    [
        ("She does brain training games.", "brain"),
        ("Bone broth every morning.", "bone"),
        ("cod liver oil daily", "liver"),
        ("She eats chicken liver pate.", "liver"),
        ("Bone density scan: osteopenia.", "bone"),
        ("She takes milk thistle for her liver.", "liver"),
        ("Cod liver oil and bone broth 'for her liver and her bones'.", "bone"),
        ("the bone scan and the liver MRI were both clear in April.", "liver"),
        ("Liver US tomorrow.", "liver"),
    ],
)
def test_an_organ_word_naming_a_thing_or_its_care_is_no_site(text: str, site: str) -> None:
    assert site not in facts(text).get("metastatic_sites", [])


@pytest.mark.parametrize(
    ("text", "site"),
    [
        ("Liver mets; she takes cod liver oil.", "liver"),
        ("Xgeva for her bones.", "bone"),
        ("SBRT for her liver.", "liver"),
        ("Liver MRI: 2 new lesions.", "liver"),
        ("Lung CT: nodules enlarging.", "lung"),
        ("Liver MRI: stable.", "liver"),
        ("Liver and bones.", "liver"),
        ("Letrozole keeps the bone mets at bay.", "bone"),
    ],
)
def test_the_organ_told_with_its_finding_or_treatment_is_kept(text: str, site: str) -> None:
    assert site in facts(text).get("metastatic_sites", [])


def test_a_finding_kept_away_is_foreseen_not_found() -> None:
    ex = extract("She does brain-training games 'to keep the brain mets away'.")
    assert ex.facts.get("brain_metastases") is not True
    assert "brain" not in ex.facts.get("metastatic_sites", [])


@pytest.mark.parametrize(
    "text",
    [
        # her periods told returned, or a recent last period, are no premenopausal status of
        # now: a later menopause, surgery or age decides (the two cold reviews of stop 68)
        "Periods returned in 2015 after adjuvant chemo. Now 61 with bone mets.",
        "Her periods returned after chemo. She is 67.",
        "52 yo, LMP 6 weeks ago, s/p BSO last month.",
        "LMP 2 weeks ago. Underwent BSO yesterday.",
    ],
)
def test_a_past_period_is_no_premenopausal_status_now(text: str) -> None:
    assert facts(text).get("menopausal_status") != "pre"


@pytest.mark.parametrize(
    "text",
    [
        "E2 410 pmol/L on the immunoassay, which would look premenopausal.",
        "Will her periods come back?",
        "Her periods have not returned since chemotherapy.",
        # the lay "period came back" is as often a bleed after the menopause
        "63, rang saying her 'period had come back' - it was blood in her urine.",
    ],
)
def test_no_premenopausal_status_from_an_appearance_or_a_lay_bleed(text: str) -> None:
    assert facts(text).get("menopausal_status") != "pre"


@pytest.mark.parametrize(
    "text",
    [
        "Her periods never came back after chemo.",
        "No evidence of active disease for 3 years after chemotherapy and radiation.",
    ],
)
def test_a_denial_of_what_followed_a_drug_does_not_deny_the_drug(text: str) -> None:
    assert facts(text).get("prior_chemo_lines") != 0


def test_a_drug_denied_itself_stays_denied() -> None:
    assert facts("She never had chemo.")["prior_chemo_lines"] == 0


# -- the cold review of stop 68 ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "drugs"),
    [
        (
            "Current meds: fulvestrant 500 mg, capivasertib, methotrexate for RA, folic acid.",
            {"fulvestrant", "capivasertib"},
        ),
        (
            "Meds: letrozole 2.5 mg daily, ribociclib 600 mg daily, levothyroxine 50 mcg for "
            "Hashimoto's.",
            {"letrozole", "ribociclib"},
        ),
        ("Letrozole for bone mets and methotrexate for RA.", {"letrozole"}),
        ("Capecitabine for liver mets, levothyroxine for Hashimoto's.", {"capecitabine"}),
    ],
)
def test_the_condition_of_a_drug_listed_after_is_not_hers(text: str, drugs: set[str]) -> None:
    assert drugs <= set(facts(text).get("prior_therapies", []))


@pytest.mark.parametrize(
    "text",
    ["Germline test: VUS in BRCA2.", "Germline testing neg? not sure, I think my onc said that."],
)
def test_a_vus_or_a_doubted_result_is_no_brca_value(text: str) -> None:
    assert facts(text).get("germline_brca") is None


def test_kept_away_from_progressing_is_had() -> None:
    got = facts("Tucatinib was chosen to keep the brain mets away from progressing.")
    assert got.get("brain_metastases") is True


def test_a_finding_before_a_scan_named_after_its_organ_keeps_the_site() -> None:
    assert facts("T3 metastasis on the spine MRI.").get("metastatic_sites") == ["bone"]

"""Stop 52: the dangerous readings of the held-out probe set G (written for the probe by a
helper who never saw the code; its first run, 9 dangerous of 71, was committed in 4e61388
before any of it was read), the last one of set F, and the classes the first runs of rounds
86-90 showed (real text; each round's figure was recorded before it was read). Each test has a
twin that keeps the right reading, so a fix that only deletes facts fails.

- Another patient the writer knows, told as an indefinite person ("a lady in my support group
  was PD-L1 positive", "a friend from my group is postmenopausal") had her findings read as
  the writer's.
- A group's share in words ("up to half of women with HER2+ breast cancer get brain mets") and
  a status naming a trial's population ("enrolled premenopausal women only") were read as hers.
- "premenopausal at the time" was read as now; "periods stopped naturally", "long past the
  menopause" were not read as post.
- Lines of writing ("the 2-line referral") and a count a trial requires ("needs >=2 prior
  endocrine lines") were read as her lines.
- A question whose predicate is the finding ("Could these liver lesions be mets?") read a site.
- A tumour test's BRCA variant was read as a germline mutation; a germline panel that "came
  back with nothing" had its listed genes read as found.
- A colon opening a clause of its own subject did not end a negation ("so it does not apply:
  she is postmenopausal" read premenopausal).
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("The nurse told me a lady in my support group was PD-L1 positive. Mine is TNBC.", "pdl1"),
        (
            "A friend from my support group is postmenopausal and got ribociclib. I'm 41.",
            "menopausal_status",
        ),
        ("Another patient on the ward has brain mets. I have bone mets only.", "brain_metastases"),
        ("One of the ladies in my group had a BRCA2 mutation. ER+ MBC here.", "germline_brca"),
    ],
)
def test_another_patients_finding_is_not_hers(text: str, fact: str) -> None:
    assert fact not in extract(text).facts


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        (
            "My PD-L1 was positive. A friend from my group told me about pembrolizumab.",
            "pdl1",
            "positive",
        ),
        (
            "I am postmenopausal, unlike a friend from my support group.",
            "menopausal_status",
            "post",
        ),
        ("A 52-year-old woman in our clinic has brain mets.", "brain_metastases", True),
    ],
)
def test_her_own_finding_beside_another_person_stays(text: str, fact: str, value: object) -> None:
    assert extract(text).facts.get(fact) == value


@pytest.mark.parametrize(
    "share", ["up to half of women", "one in three patients", "most women", "a third of patients"]
)
def test_a_groups_share_in_words_is_not_hers(share: str) -> None:
    facts = extract(f"I read that {share} with HER2+ breast cancer get brain mets. MRI?").facts
    assert "brain_metastases" not in facts and "her2" not in facts


def test_her_brain_mets_after_a_groups_share_stay() -> None:
    facts = extract(
        "Up to half of women with HER2+ MBC get brain mets. She has new brain mets."
    ).facts
    assert facts.get("brain_metastases") is True


def test_a_groups_status_yields_to_hers() -> None:
    text = "MONALEESA-7 enrolled premenopausal women only; she's 63 and long past the menopause."
    assert extract(text).facts.get("menopausal_status") == "post"


@pytest.mark.parametrize(
    "text",
    [
        "How is metastatic breast cancer treated in premenopausal women?",
        "Best CDK4/6 partner in premenopausal patients with ER+ MBC?",
    ],
)
def test_a_groups_status_alone_is_the_kind_of_patient_asked_about(text: str) -> None:
    assert extract(text).facts.get("menopausal_status") == "pre"


def test_a_status_at_the_time_is_then_and_a_natural_menopause_is_now() -> None:
    text = (
        "Early breast cancer at 45 (premenopausal at the time, had tamoxifen + Zoladex). "
        "Now 58 with bone relapse; periods stopped naturally at 51."
    )
    assert extract(text).facts.get("menopausal_status") == "post"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("She was premenopausal at the time of relapse.", "pre"),  # the relapse is now
        ("Her periods stopped after chemo.", None),  # induced: asked
        ("She is well past the menopause.", "post"),
    ],
)
def test_status_twins(text: str, value: object) -> None:
    assert extract(text).facts.get("menopausal_status") == value


@pytest.mark.parametrize("writing", ["2-line referral", "3 line summary", "two-line email"])
def test_lines_of_writing_are_no_lines(writing: str) -> None:
    text = (
        f"Apologies for the {writing}: 58F, bone-only ER+ MBC, PD on first-line letrozole + abema."
    )
    assert extract(text).facts.get("prior_lines") == 1


def test_a_count_of_lines_stays() -> None:
    assert extract("ER+ MBC after 2 lines of endocrine therapy.").facts.get("prior_lines") == 2


@pytest.mark.parametrize(
    "need",
    [
        "needs >=2 prior endocrine lines",
        "requires at least 2 prior lines",
        "allows up to 3 prior lines",
    ],
)
def test_a_count_a_trial_requires_is_not_hers(need: str) -> None:
    text = f"Screening for a phase II trial that {need}; she has had letrozole only."
    assert "prior_lines" not in extract(text).facts


def test_a_count_she_required_is_hers() -> None:
    assert extract("She required 2 lines of chemotherapy.").facts.get("prior_chemo_lines") == 2


def test_a_question_whose_predicate_is_the_finding_is_asked() -> None:
    text = (
        "Could these liver lesions be mets? Most likely simple cysts. Known disease is bone only."
    )
    assert extract(text).facts.get("metastatic_sites") == ["bone"]


def test_a_question_naming_her_findings_keeps_them() -> None:
    facts = extract("ER+ MBC with liver mets? What next?").facts
    assert facts.get("metastatic_sites") == ["liver"]


@pytest.mark.parametrize("test", ["Tumour NGS picked up", "ctDNA showed", "Tumor sequencing found"])
def test_a_tumour_tests_brca_variant_is_no_germline_result(test: str) -> None:
    text = f"ER+ HER2- MBC. {test} a BRCA2 frameshift; germline testing is awaited."
    assert "germline_brca" not in extract(text).facts


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Tumor NGS was negative for actionable alterations (e.g. BRCA1/2).", False),
        ("Her blood germline panel (BRCA1/2, PALB2) came back with nothing.", False),
        ("BRCA testing showed nothing.", False),
        ("Germline BRCA2 mutation confirmed on blood testing.", True),
        ("ctDNA: BRCA2 mutation detected; germline BRCA2 confirmed on blood testing.", True),
    ],
)
def test_brca_twins(text: str, value: object) -> None:
    assert extract(text).facts.get("germline_brca") is value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("It does not apply: she is postmenopausal.", "post"),
        ("It does not apply; she is postmenopausal.", "post"),
    ],
)
def test_a_colon_opening_her_clause_ends_a_negation(text: str, value: str) -> None:
    assert extract(text).facts.get("menopausal_status") == value


def test_a_forms_colon_keeps_its_negation() -> None:
    facts = extract("Negative for: ER, PR and HER2.").facts
    assert facts.get("hormone_receptor") == "negative" and facts.get("her2") == "negative"


# -- the first runs of rounds 86-90 (real text) ----------------------------------------------
def test_a_writer_being_her_childrens_mother_is_female() -> None:
    text = (
        "I have now been living with Stage 4 Breast Cancer for 6 years. My kids have now been "
        "living with their mom having cancer for more than half of their lives."
    )
    assert extract(text).facts.get("sex") == "female"


def test_a_writer_being_their_mom_is_female() -> None:
    text = (
        "When I was diagnosed with metastatic breast cancer, my twins were four. I was given "
        "18-24 months to live, so being their Mom through these years has been a privilege."
    )
    assert extract(text).facts.get("sex") == "female"


def test_a_general_statement_before_the_case_is_no_known_metastatic_disease() -> None:
    text = (
        "Orbital metastasis is rare in breast cancer. We present a case of a 45-year-old lady "
        "with locally advanced breast cancer managed with surgery, chemotherapy and adjuvant "
        "hormone therapy, who had systemic failure after 6 years in the form of orbital and "
        "vertebral metastases. She was not under any adjuvant hormone therapy during the relapse."
    )
    extraction = extract(text)
    assert extraction.facts.get("prior_lines") == 0 and "prior_lines" in extraction.inferred


def test_a_plural_noun_after_a_pair_of_receptor_values() -> None:
    text = "Carcinoma with positive hormone receptor and negative Her-2/neu expressions."
    facts = extract(text).facts
    assert facts.get("hormone_receptor") == "positive" and facts.get("her2") == "negative"


def test_the_skull_bases_bones_are_bone() -> None:
    text = "CT showed another separate secondary deposit in the basisphenoid."
    assert extract(text).facts.get("metastatic_sites") == ["bone"]


def test_a_treatment_told_going_on_since_the_diagnosis_is_no_line_yet() -> None:
    text = (
        "Kate was diagnosed in October with Stage IV breast cancer in her liver and bones. "
        "She has been treated since last October."
    )
    extraction = extract(text)
    assert extraction.facts.get("prior_lines") == 0 and "prior_lines" in extraction.inferred


def test_a_treatment_going_on_since_then_and_a_later_spread_is_not_zero() -> None:
    text = (
        "It was discovered that she had bone cancer, which had spread from the breast. She has "
        "been having treatment since then. Now a scan revealed it had spread to her brain."
    )
    assert extract(text).facts.get("prior_lines") != 0


def test_a_relative_as_a_prepositions_object_does_not_own_the_second_predicate() -> None:
    facts = extract("julie is married to my oldest brother brian and is 45 years old.").facts
    assert facts.get("age") == 45
    facts = extract("She lives with her sister and has liver mets.").facts
    assert facts.get("metastatic_sites") == ["liver"]


def test_a_relative_as_the_subject_keeps_her_own_findings() -> None:
    text = "ER+ MBC in bone. She cares for her mother and her mother has liver mets."
    assert extract(text).facts.get("metastatic_sites") == ["bone"]


def test_oligometastatic_disease_diagnosed_is_the_event() -> None:
    text = (
        "We present a 56-year-old woman with a meningioma seeded by previously-treated breast "
        "cancer primaries leading to the diagnosis of oligometastatic disease."
    )
    assert extract(text).facts.get("prior_lines") == 0


def test_a_chemotherapy_being_switched_is_given() -> None:
    text = (
        "Nancy has liver mets from breast cancer. Her oncologist is switching her chemo meds today."
    )
    assert extract(text).facts.get("chemo_candidate") is True


# -- held-out probe set H (first run 15/72 at a09487c, committed in 23c796f) ------------------
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Germline: BRCA1 (-)  BRCA2 (-)  PALB2 (-)", False),
        ("Germline: BRCA1 (+)", True),  # the plus is a finding
    ],
)
def test_a_sign_in_brackets_after_a_gene(text: str, value: object) -> None:
    assert extract(text).facts.get("germline_brca") is value


@pytest.mark.parametrize(
    "text",
    [
        "Nil: liver, lungs, adrenals, brain. Bone: T6, T9 sclerotic.",
        "Liver: NAD. Lungs: NAD. Bones: new lytic lesions.",
    ],
)
def test_a_heading_or_a_value_that_denies_the_organs(text: str) -> None:
    assert extract(text).facts.get("metastatic_sites") == ["bone"]


def test_an_unremarkable_history_heading_a_list_of_denials_is_no_double_negative() -> None:
    text = "Her history is unremarkable: no known BRCA mutations."
    assert extract(text).facts.get("germline_brca") is False


def test_a_finding_in_a_question_with_an_indefinite_article_is_not_hers() -> None:
    assert "akt1" not in extract("Would an AKT1 mutation open up capivasertib for her?").facts


def test_a_general_question_keeps_the_kind_of_patient_it_names() -> None:
    facts = extract("Would a 55-year-old woman with ER+ MBC get an AI first?").facts
    assert facts.get("age") == 55 and facts.get("sex") == "female"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("feel like im in the menopause at 39!! periods all over the place.", None),
        ("She's 38, her periods stopped on docetaxel in 2022 and haven't come back.", None),
        ("I'm 44 and my periods are still like clockwork.", "pre"),
        ("Her periods stopped naturally at 51.", "post"),
    ],
)
def test_likened_induced_and_regular_periods(text: str, value: object) -> None:
    assert extract(text).facts.get("menopausal_status") == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "Craniotomy and resection of a solitary cerebellar met 6 weeks ago, cavity SRS last week.",
            False,
        ),
        ("Planned resection of a new cerebellar met next week.", True),
        ("Awaiting resection of a new cerebellar met.", True),
    ],
)
def test_a_resection_told_before_the_brain_lesion(text: str, value: bool) -> None:
    assert extract(text).facts.get("brain_metastases") is value


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        (
            "The 'liver lesion' from the 11/2023 study is not seen on this scan. Bone mets.",
            ["bone"],
        ),
        ("A liver lesion, not seen before, is new on this scan.", ["liver"]),
        ("The brain metastases were not seen anymore.", ["brain"]),  # a response, still a site
    ],
)
def test_a_lesion_not_seen(text: str, sites: list[str]) -> None:
    assert extract(text).facts.get("metastatic_sites") == sites


def test_a_correction_reaches_its_sentences_end() -> None:
    text = (
        "ER 90%, PR 60%, HER2 3+. Correction from the lab this morning: the HER2 score was "
        "transcribed from another case, hers is HER2 1+, no ISH needed."
    )
    assert extract(text).facts.get("her2") == "negative"


def test_the_primarys_time_before_its_bracket_makes_the_status_then() -> None:
    text = "At her primary (2011, aged 46) she was premenopausal and had tamoxifen. Liver relapse."
    assert "menopausal_status" not in extract(text).facts


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "My mum went through the menopause at 45 so my oncologist asked about mine. I'm 44 "
            "and my periods are still like clockwork. Bone mets, ER positive.",
            "pre",
        ),
        ("My mum is 64, postmenopausal, ER positive. It has spread to her liver.", "post"),
    ],
)
def test_the_writers_mothers_menopause(text: str, value: str) -> None:
    assert extract(text).facts.get("menopausal_status") == value


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        (
            "ESR1 (the one that tells us whether the newer tablets like elacestrant might work "
            "better than the fulvestrant injections) was negative on mum's blood test.",
            "esr1",
            False,
        ),
        ("PIK3CA (tested 2023) was negative.", "pik3ca", False),
        ("PIK3CA mutated; ESR1 was negative.", "pik3ca", True),
        ("BRCA2 mutation and the scan was negative.", "germline_brca", True),
    ],
)
def test_a_result_after_a_bracketed_aside(text: str, fact: str, value: bool) -> None:
    assert extract(text).facts.get(fact) is value

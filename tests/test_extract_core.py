"""Core extraction behaviours the dialogue relies on (exact expectations, structure only)."""

from __future__ import annotations

import pytest

from chatbot.contract import valid_fact_value
from chatbot.nlp import extract


def test_headline_style_case(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract(
        "62F ER+/PR+ HER2 0 MBC, liver + bone, PD after 18 mo letrozole/palbo, "
        "ctDNA PIK3CA H1047R, no visceral crisis"
    )
    assert ex.facts["age"] == 62
    assert ex.facts["hormone_receptor"] == "positive"
    assert ex.facts["her2"] == "negative" and ex.facts["her2_low"] is False
    assert ex.facts["visceral_crisis"] is False
    assert ex.facts["pik3ca"] is True
    assert ex.facts["progressed_on"] == ["letrozole", "palbociclib"]
    assert ex.facts["prior_cdk46"] is True
    assert sorted(ex.facts["metastatic_sites"]) == ["bone", "liver"]  # type: ignore[arg-type]
    assert ex.facts["menopausal_status"] == "post" and "menopausal_status" in ex.inferred
    assert "prior_lines" not in ex.facts  # not said: the dialogue must ask
    for name, value in ex.facts.items():
        assert valid_fact_value(name, value), name


def test_spans_point_into_the_text(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "HER2-positive, no visceral crisis"
    ex = extract(text)
    for spans in ex.spans.values():
        for span in spans:
            assert text[span.start : span.end] == span.text


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("no visceral crisis", "visceral_crisis", False),
        ("2 prior lines", "prior_lines", 2),
        ("treatment-naive", "prior_lines", 0),
        ("previously untreated HER2+ MBC", "prior_lines", 0),
        ("untreated MBC", "prior_lines", 0),
        ("never had a CDK4/6 inhibitor", "prior_cdk46", False),
        ("MRI brain clear", "brain_metastases", False),
        ("ECOG 3", "chemo_candidate", False),
        ("CPS 15", "pdl1", "positive"),
        ("CPS 5", "pdl1", "negative"),
        ("BRCA2 carrier", "germline_brca", True),
        ("actually she is premenopausal", "menopausal_status", "pre"),
        ("no she is HER2 low, 2+ with negative ISH", "her2_low", True),
        ("It's her second line", "prior_lines", 1),
        ("it was her first line", "prior_lines", 1),
        ("HER2 is 0 by IHC", "her2_low", False),
        ("her MRI brain last week was normal", "brain_metastases", False),
        ("She's not had chemo for her metastatic disease", "prior_chemo_lines", 0),
        ("no contraindication to chemotherapy", "prior_chemo_lines", None),
    ],
)
def test_short_answers(nlp, text: str, fact: str, value: object) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get(fact) == value


def test_untreated_brain_metastases_set_no_line_count(nlp) -> None:  # type: ignore[no-untyped-def]
    """'previously untreated' means no metastatic line; 'untreated brain metastases' does not."""
    ex = extract("ER+ HER2- MBC with untreated brain metastases, progressing on letrozole")
    assert "prior_lines" not in ex.facts
    assert ex.facts["brain_metastases"] is True


def test_not_tested_is_unknown_not_false(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract("PIK3CA not tested")
    assert "pik3ca" not in ex.facts and "pik3ca" in ex.unknown_facts


def test_uncertain_is_not_filled(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract("?brain mets")
    assert "brain_metastases" not in ex.facts and "brain_metastases" in ex.uncertain


def test_contradiction_reported_not_resolved(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract("ER positive, HER2-negative ... ER-negative")
    assert "hormone_receptor" not in ex.facts
    assert [c.fact for c in ex.contradictions] == ["hormone_receptor"]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("age 300, ER+ HER2- MBC on letrozole", "age 300"),
        ("age 0, ER+ HER2- MBC", "age 0"),
        ("ER+ MBC, aged -4", "aged -4"),
        ("ER+ MBC, age: 1000000000000000000000 years", "age: 1000000000000000000000"),
        ("a 300-year-old woman with ER+ MBC", "300-year-old woman"),
        ("age 17, ER+ MBC", "age 17"),
        ("age 300, 65-year-old woman, ER+ MBC", "age 300"),
    ],
)
def test_impossible_age_is_reported_uncertain_not_dropped(nlp, text: str, said: str) -> None:  # type: ignore[no-untyped-def]
    ex = extract(text)
    assert "age" not in ex.facts
    assert ex.uncertain["age"].text == said
    assert text[ex.uncertain["age"].start : ex.uncertain["age"].end] == said


@pytest.mark.parametrize("text", ["age 18, ER+ MBC", "age 110, ER+ MBC", "aged 45, ER+ MBC"])
def test_plausible_age_bounds_are_set(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    ex = extract(text)
    assert "age" in ex.facts and "age" not in ex.uncertain


@pytest.mark.parametrize(
    ("text", "age"),
    [
        # round 12's first run (r12-0040): a writer's own age, a clause ending after it
        ("I am 52 and a survivor of breast cancer with metastasis to the bone.", 52),
        ("I'm 45, ER+ with bone mets, on letrozole. What next?", 45),
        ("I am 60. Liver mets found last month.", 60),
    ],
)
def test_a_writers_own_age_is_read(nlp, text: str, age: int) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("age") == age


@pytest.mark.parametrize(
    "text",
    [
        "PD after 12m of letrozole",
        "she is 12 months out from surgery",
        "I am 14 days out from my last dose of capecitabine.",
        "I am 25 mg into the taper.",
    ],
)
def test_a_number_that_is_not_clearly_an_age_is_ignored(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    ex = extract(text)
    assert "age" not in ex.facts and "age" not in ex.uncertain and "sex" not in ex.facts


@pytest.mark.parametrize(
    "text",
    [
        "triple-negative, ER positive, MBC progressing on paclitaxel",
        "ER positive, triple negative MBC progressing on paclitaxel",
        "HR-negative, PR positive MBC",
        "hormone receptor positive, ER negative, PR negative",
    ],
)
def test_hr_status_contradicted_by_er_pr_is_reported(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    ex = extract(text)
    assert "hormone_receptor" not in ex.facts
    clash = [c for c in ex.contradictions if c.fact == "hormone_receptor"]
    assert len(clash) == 1 and set(clash[0].values) == {"positive", "negative"}
    for span in clash[0].spans:
        assert text[span.start : span.end] == span.text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("HR-negative, ER-, PR-", "negative"),
        ("HR positive, ER+ PR-", "positive"),
        ("triple negative, actually ER positive", "positive"),
        ("ER positive, sorry, triple negative", "negative"),
    ],
)
def test_consistent_or_corrected_hr_statements_are_not_a_clash(nlp, text: str, value: str) -> None:  # type: ignore[no-untyped-def]
    ex = extract(text)
    assert ex.facts.get("hormone_receptor") == value and not ex.contradictions


@pytest.mark.parametrize(
    "text",
    [
        "actually ER negative and ER positive",
        "sorry, ER negative and ER positive",
        "ER positive, actually ER negative, ER positive",
    ],
)
def test_a_correction_cue_does_not_hide_a_contradiction_after_it(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    ex = extract(text)
    assert "hormone_receptor" not in ex.facts and "hormone_receptor" not in ex.corrections
    assert [c.fact for c in ex.contradictions] == ["hormone_receptor"]


def test_a_correction_still_supersedes_what_came_before_it(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract("ER positive, sorry, ER negative")
    assert ex.facts["hormone_receptor"] == "negative" and not ex.contradictions
    assert "hormone_receptor" in ex.corrections


def test_bone_therapy_is_not_a_line(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract("progressing in bone on fulvestrant and denosumab")
    assert ex.facts["progressed_on"] == ["fulvestrant"]
    roles = {d.generic: d.role for d in ex.drugs}
    assert roles == {"fulvestrant": "current", "denosumab": "bone-therapy"}


@pytest.mark.parametrize(
    ("text", "value", "unknown"),
    [
        ("Brain MRI: multiple new enhancing lesions", True, False),
        ("brain MRI: no lesions", False, False),
        ("her MRI brain last week was normal", False, False),
        ("no brain imaging done", None, True),
        ("Unknown - she has not had brain imaging.", None, True),
    ],
)
def test_brain_imaging_results_vs_imaging_not_done(
    nlp, text: str, value: object, unknown: bool
) -> None:  # type: ignore[no-untyped-def]
    ex = extract(text)
    assert ex.facts.get("brain_metastases") == value
    assert ("brain_metastases" in ex.unknown_facts) is unknown


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # round 9 (r9-0086's class): a menopause told as a change after an earlier
        # "premenopausal" is never left pre — post when the earlier one is dated to the
        # diagnosis, else the two are a contradiction, asked (None)
        (
            "A 43-year-old premenopausal woman at diagnosis; nine years later lung "
            "metastases. She became menopausal.",
            "post",
        ),
        (
            "Premenopausal at 43. Relapsed in bone at 55 and she has since entered the menopause.",
            None,
        ),
        ("62F, went into menopause at 50, ER+/HER2- liver mets. 1L?", "post"),
        ("56-year-old, became postmenopausal last year, ER+ bone mets.", "post"),
        ("She has not become menopausal; ER+ HER2- bone mets.", "pre"),
    ],
)
def test_a_menopause_told_as_a_change_is_never_the_earlier_status(  # type: ignore[no-untyped-def]
    nlp, text: str, expected: str | None
) -> None:
    result = extract(text)
    assert result.facts.get("menopausal_status") == expected
    if expected is None:
        assert any(c.fact == "menopausal_status" for c in result.contradictions)


@pytest.mark.parametrize(
    ("text", "value", "inferred"),
    [
        ("ER- HER2+ MBC, LVEF 30%.", True, True),
        ("ER- HER2+ MBC, ejection fraction of 60 %.", False, True),
        ("ER- HER2+ MBC with congestive heart failure.", True, False),
    ],
)
def test_heart_failure_read_from_an_lvef_number_is_an_inference(  # type: ignore[no-untyped-def]
    nlp, text: str, value: bool, inferred: bool
) -> None:
    # the guideline names "a low ventricular ejection fraction" with no threshold: a value
    # read against the extractor's limits is shown as an inference, one stated is not
    result = extract(text)
    assert result.facts.get("heart_failure") is value
    assert ("heart_failure" in result.inferred) is inferred


# round 10: an age told at an earlier event, a later time told after it, is the age then
@pytest.mark.parametrize(
    "text",
    [
        "She was treated for ER+ breast cancer as a 39-year-old woman. Eleven years after "
        "surgery she developed liver metastases.",
        "When she was 47 years old she had a lumpectomy for HR+ breast cancer; six years "
        "later bone metastases were found.",
        "At 51 years of age she underwent mastectomy for ER+ breast cancer. After 8 years "
        "lung metastases appeared.",
    ],
)
def test_an_age_told_at_an_earlier_event_is_not_todays_age(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "age" not in extract(text).facts


@pytest.mark.parametrize(
    ("text", "age"),
    [
        # no later time told: the age told is today's
        ("She presented as a 46-year-old woman with ER+ MBC to the liver.", 46),
        # a later age told as well: that one is read
        (
            "A 63-year-old woman had a mastectomy as a 41-year-old. Twenty years later she "
            "developed bone metastases.",
            63,
        ),
    ],
)
def test_an_age_with_no_later_time_or_a_later_age_is_read(nlp, text: str, age: int) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("age") == age


def test_menopause_told_with_an_earlier_age_is_not_todays(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Breast cancer was found as a 44-year-old premenopausal woman. Ten years after "
        "surgery pleural metastases appeared and she is now menopausal."
    )
    facts = extract(text).facts
    assert facts.get("menopausal_status") == "post" and "age" not in facts
    # the same words with no later time: her state now
    assert (
        extract("Seen as a 44-year-old premenopausal woman with ER+ MBC.").facts.get(
            "menopausal_status"
        )
        == "pre"
    )


@pytest.mark.parametrize(
    ("text", "hr", "her2"),
    [
        # "both" between the value and the names
        (
            "The metastasis stained positive for both oestrogen and progesterone receptors.",
            "positive",
            None,
        ),
        # lower-case lineage markers of a work-up panel before the receptors
        (
            "Immunostains showed negativity for calcitonin, synaptophysin, estrogen receptor, "
            "and progesterone receptor, and positivity for HER2.",
            "negative",
            "positive",
        ),
        # the names' possessive before a noun value
        ("Given the hormone receptors' positivity, letrozole was chosen.", "positive", None),
        # one member of a value-first panel that goes on after it
        (
            "Core biopsy: positive ER and PR, positive mammaglobin, negative HER2, Ki-67 20%.",
            "positive",
            "negative",
        ),
    ],
)
def test_receptor_panels_in_other_word_orders(
    nlp, text: str, hr: str | None, her2: str | None
) -> None:  # type: ignore[no-untyped-def]
    facts = extract(text).facts
    assert facts.get("hormone_receptor") == hr and facts.get("her2") == her2


@pytest.mark.parametrize(
    ("text", "age"),
    [
        # a time out from an operation or without disease is no age; the age told stays
        ("A 79 year old woman with ER+ MBC; she is 15 years status-post a left mastectomy.", 79),
        ("Now 11 years s/p lumpectomy, she has new lung metastases.", None),
        ("After 18 years disease free she relapsed in bone.", None),
        ("Mrs K has had 16 years disease-free survival before this liver relapse.", None),
    ],
)
def test_a_time_after_an_operation_or_without_disease_is_no_age(
    nlp, text: str, age: int | None
) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("age") == age


@pytest.mark.parametrize(
    "text",
    [
        "Given her frailty, chemotherapy was not eligible for her.",
        "Chemotherapy is not tolerable for him at this point.",
        "Chemotherapy was not a viable option after the stroke.",
    ],
)
def test_chemotherapy_said_not_eligible_is_no_candidacy(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("chemo_candidate") is False


@pytest.mark.parametrize(
    "text,age",
    [
        # round 10 (r10-0081/82/88): a timeline of labelled events, each with her age then
        (
            "Diagnosis: 52 years - lump and two nodes - mastectomy, adjuvant AC. "
            "Relapse: bone metastases, letrozole. Relapse: 61 years - liver metastases.",
            61,
        ),
        ("Dx: 45 yrs, ER+ HER2- IDC. Recurrence: 58 yrs, lung mets. Next?", 58),
        ("Diagnosis: 48 years. Follow-up: 10 years.", 48),  # a duration stays a duration
        # round 10 (r10-0096): a story told by its ages, none of today
        (
            "At the age of 38 she underwent mastectomy and adjuvant chemotherapy. Liver "
            "metastases were found at the age of 66.",
            66,
        ),
        # one event's age alone, or ages of others, are no age of today
        ("Diagnosed at the age of 40 with IDC; now bone mets.", None),
        ("Her mother was diagnosed at the age of 45; she had a mastectomy at age 50.", None),
        ("Diagnosed at the age of 40, menopause at age 50. Now bone mets.", None),
    ],
)
def test_age_told_along_a_story(nlp, text: str, age: int | None) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("age") == age, text


@pytest.mark.parametrize(
    "text,facts",
    [
        # round 10 (r10-0030): a form's colon after "positive for", other markers first
        (
            "Cytology of the neck node was positive for: CK7, GATA-3, ER and negative for: TTF-1.",
            {"hormone_receptor": "positive"},
        ),
        # round 10 (r10-0087): "progestogen", "hormone receptors" after the pair
        (
            "Cells positive for oestrogen and progestogen hormone receptors.",
            {"hormone_receptor": "positive"},
        ),
        # round 10 (r10-0060): the noun after "for"
        (
            "The biopsy is positive for overexpression of the HER-2 receptor and negative for "
            "estrogen and progesterone receptors.",
            {"her2": "positive", "hormone_receptor": "negative"},
        ),
        # round 10 (r10-0122): "c-erb-B2", its score's word and the ISH result
        (
            "ER and PR negative, c-erb-B2 equivocal, FISH not amplified.",
            {"her2": "negative", "her2_low": True, "hormone_receptor": "negative"},
        ),
        ("c-erb-B2 3+ on the liver biopsy", {"her2": "positive"}),
    ],
)
def test_receptor_wordings_of_round_10(nlp, text: str, facts: dict) -> None:  # type: ignore[no-untyped-def]
    got = extract(text).facts
    assert {k: got.get(k) for k in facts} == facts, text


@pytest.mark.parametrize(
    "text,facts",
    [
        # round 10 (r10-0066): the hormone named for its receptor after a stain's "for"
        (
            "Liver biopsy: metastatic lobular carcinoma with diffuse positive staining for "
            "oestradiol.",
            {"hormone_receptor": "positive", "prior_therapies": None},
        ),
        # the drug and a blood level stay what they are
        ("Postmenopausal, on estradiol patches for 10 years.", {"hormone_receptor": None}),
        ("Tested for estradiol 5 pg/mL.", {"hormone_receptor": None}),
    ],
)
def test_estradiol_stained_is_the_oestrogen_receptor(nlp, text: str, facts: dict) -> None:  # type: ignore[no-untyped-def]
    got = extract(text).facts
    assert {k: got.get(k) for k in facts} == facts, text


# An organ whose own work-up is told negative is no site (noticed in round 10: "CT of the liver
# and bone scan were negative" read liver); a report that finds metastases still gives it.
@pytest.mark.parametrize(
    ("text", "sites"),
    [
        ("ER+ breast cancer, bone metastases. CT of the liver was negative.", ["bone"]),
        ("ER+ breast cancer, bone mets; CT of the liver and chest were negative.", ["bone"]),
        ("ER+ breast cancer with bone metastases; liver negative for metastases.", ["bone"]),
        ("ER+ breast cancer, bone mets. MRI of the liver showed no suspicious lesions.", ["bone"]),
        ("ER+ breast cancer, bone mets. Ultrasound of the liver came back unremarkable.", ["bone"]),
        ("ER+ breast cancer. CT of the liver showed multiple metastases.", ["liver"]),
        ("ER+ breast cancer, bone metastases. The cervix was normal.", ["bone"]),
        ("ER+ breast cancer metastatic to the liver, which was normal in size.", ["liver"]),
        (
            "ER+ breast cancer, liver and lung metastases confirmed; bone scan negative.",
            ["liver", "lung"],
        ),
        ("Metastatic breast cancer, HER2 negative, liver and bone mets.", ["liver", "bone"]),
    ],
)
def test_an_organ_told_negative_on_its_own_work_up_is_no_site(nlp, text: str, sites) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("metastatic_sites") == sites, text


# Round 11's danger (r11-0003): a proportion of cases is the disease in general, never this
# patient's finding; a settled state told as a noun before the brain is not active.
@pytest.mark.parametrize(
    "text",
    [
        "In 30% of cases brain metastases are observed during trastuzumab. 52F, HER2+, bone mets.",
        "Up to 40 percent of patients develop brain metastases. She has HER2+ MBC in the liver.",
        "Brain metastases occur in 25% of women with HER2+ disease. Liver metastases on CT.",
    ],
)
def test_a_proportion_of_cases_is_not_this_patients_brain(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("brain_metastases") is not True, text


@pytest.mark.parametrize(
    ("text", "active"),
    [
        ("HER2+ MBC. Stabilization of the brain metastases was achieved with lapatinib.", False),
        ("HER2+ MBC. Regression of brain metastases on tucatinib.", False),
        ("HER2+ MBC. Stabilization of the liver lesions, but new brain metastases appeared.", True),
        ("HER2+ MBC. New brain metastases despite trastuzumab.", True),
    ],
)
def test_a_settled_state_told_before_the_brain(nlp, text: str, active: bool) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("brain_metastases") is active, text


# A gene told found by its own words is not covered by a negative result told after its panel
# (phase B's panel rule read "BRCA2 pathogenic variant, PALB2 negative" as BRCA not mutated —
# a found mutation lost, PARP inhibitors then not shown); the panel's negative still covers a
# member told with no finding of its own.
@pytest.mark.parametrize(
    ("text", "brca"),
    [
        ("Germline panel: BRCA2 pathogenic variant, PALB2 negative.", True),
        ("Genetic testing found BRCA2, and TP53 was negative.", True),
        ("Germline testing identified BRCA1, ESR1 was negative.", True),
        ("Germline testing detected BRCA1; CHEK2 and PALB2 were negative.", True),
        ("Genetic testing (BRCA1, BRCA2, CDH1, and TP53) was negative.", False),
        ("Genetic testing revealed no BRCA1, BRCA2 or PALB2 mutations.", False),
        ("Germline testing showed BRCA1, BRCA2 negative.", False),
    ],
)
def test_a_gene_found_by_its_own_words_keeps_its_finding(nlp, text: str, brca: bool) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("germline_brca") is brca, text


@pytest.mark.parametrize(
    "text",
    [
        "PIK3CA mutation detected; ESR1, AKT1 and PTEN not tested.",
        "PIK3CA mutation found, ESR1 not tested.",
        "Tumour NGS identified PIK3CA H1047R: ESR1 and AKT1 not assessed.",
    ],
)
def test_a_finding_verb_of_the_clause_before_is_not_the_next_genes(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    # transcripts/demos/headline-fulvestrant.yaml: the own-finding rule took "detected" of
    # "PIK3CA mutation detected;" for ESR1's, read ESR1 mutated (elacestrant then applicable)
    facts = extract(text).facts
    assert facts.get("pik3ca") is True and "esr1" not in facts, text


def test_a_finding_verb_never_reaches_across_a_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    # "detected" is PIK3CA's; ESR1 begins a new clause and is told not tested
    facts = extract("PIK3CA mutation detected; ESR1, AKT1 and PTEN not tested.").facts
    assert facts.get("pik3ca") is True
    assert "esr1" not in facts


@pytest.mark.parametrize(
    ("text", "active"),
    [
        # round 13's first run (r13-0059, a danger): the new lesions are what a treatment
        # done was given for
        (
            "She underwent whole brain radiation 2 years ago, followed by gamma knife radiation "
            "for new brain metastases over the past year. Now on anastrozole.",
            False,
        ),
        ("She received SRS to new brain metastases last month.", False),
        # a treatment only planned, or new lesions told after the treatment, stay active
        ("Gamma knife for new brain metastases is planned next week.", True),
        ("She had SRS for two brain metastases in 2022; MRI now shows new brain metastases.", True),
        ("Brain mets s/p SRS 2021. MRI 2023: new brain metastases.", True),
    ],
)
def test_new_brain_lesions_a_done_treatment_was_given_for(nlp, text: str, active: bool) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("brain_metastases") is active


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # round 13's first run (r13-0031: "No staining for progesterone receptor" beside an
        # ER staining not read gave HR negative where ER is positive): a PR-negative alone is
        # no hormone-receptor status
        ("No staining for progesterone receptor is seen. Bone metastases.", None),
        ("PR negative, bone mets on capecitabine.", None),
        ("ER unknown, PR negative, liver metastases.", None),
        ("ER+, PR-, HER2-, bone mets.", "positive"),
        ("ER-, PR-, HER2-, lung mets.", "negative"),
        ("PR positive, bone mets.", "positive"),
        ("HR-negative, HER2+ MBC.", "negative"),
    ],
)
def test_a_pr_negative_alone_is_no_hormone_receptor_status(
    nlp, text: str, status: str | None
) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("hormone_receptor") == status


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        # round 14 (case-0128): "other sites of metastasis" told later presupposes the
        # suspected one
        (
            "The features were suggestive of choroidal metastasis. He was found to have other "
            "sites of active metastasis in the lung and bone marrow as well.",
            ["eye", "lung", "bone marrow"],
        ),
        # round 14 (r12-0066): suspected, then a biopsy confirms the spread, no other organ named
        (
            "MRI showed lesions suggestive of cerebral metastasis and a stereotaxic biopsy "
            "confirmed BC metastasis.",
            ["brain"],
        ),
        (
            "CT showed a liver lesion suspicious for metastasis. Biopsy confirmed metastatic "
            "breast cancer.",
            ["liver"],
        ),
        # still suspected: no other sites, a confirmation to come, denied, or another organ's
        ("Findings suggestive of choroidal metastasis; no other sites of metastasis.", None),
        (
            "Findings suggestive of choroidal metastasis. There was no evidence of other sites "
            "of metastasis.",
            None,
        ),
        ("Suggestive of choroidal metastasis. PET was negative for other sites of disease.", None),
        ("A liver lesion suspicious for metastasis; biopsy to confirm metastasis.", None),
        ("A liver lesion suspicious for metastasis; biopsy did not confirm metastasis.", None),
        (
            "A liver lesion suspicious for metastasis. Bone biopsy confirmed metastatic breast "
            "cancer.",
            ["bone"],
        ),
    ],
)
def test_a_suspected_site_confirmed_later(nlp, text: str, sites) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("metastatic_sites") == sites, text


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        # round 14 (q-0002): "nodes" of a serosa, the skin or the subcutis are its nodules
        ("She has multiple liver metastases and peritoneal nodes.", ["liver", "peritoneum"]),
        ("Recurrence with subcutaneous nodes on the chest.", ["soft tissue"]),
        ("No peritoneal nodes. Liver metastases.", ["liver"]),
        # after a nodal region they stay lymph nodes
        ("CT showed retroperitoneal nodes and liver metastases.", ["lymph nodes", "liver"]),
        ("Recurrence in mediastinal nodes.", ["lymph nodes"]),
        # round 14 (r7-0090): a relapse told in order, each member dated
        (
            "Breast cancer that relapsed first in the ovaries at 6 years after surgery, and then "
            "in the colon at 13 years.",
            ["ovary", "colon"],
        ),
    ],
)
def test_serosal_nodes_and_dated_relapse_lists(nlp, text: str, sites) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("metastatic_sites") == sites, text


@pytest.mark.parametrize(
    ("text", "hr", "her2"),
    [
        # round 14 (r13-0031): a strong stain told first, the receptor after "for"
        (
            "Strong (+++) nuclear staining for estrogen receptor is seen in 10-20% of tumor "
            "cells and there is strong (+++) complete membrane staining for HER-2 in >90% of "
            "tumor cells.",
            "positive",
            "positive",
        ),
        ("Intense expression of ER and PR, HER2 negative.", "positive", "negative"),
        # a strong but incomplete, a weak or a moderate HER2 stain is no positive HER2
        ("Strong incomplete membrane staining for HER2.", None, None),
        ("Weak staining for HER2 and strong staining for ER.", "positive", None),
        # a bare name listed before a value-first statement takes no value from it
        ("Weak staining for HER2 and positive staining for ER.", "positive", None),
        ("Moderate complete membrane staining for HER2.", None, None),
    ],
)
def test_a_strong_stain_told_before_the_receptor(nlp, text: str, hr, her2) -> None:  # type: ignore[no-untyped-def]
    facts = extract(text).facts
    assert (facts.get("hormone_receptor"), facts.get("her2")) == (hr, her2), text


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        # round 14 (r9-0094): a bracket that dates a member or points to a figure is no list break
        ("Known with metastasis in the liver (1977) and skeleton (1992).", ["liver", "bone"]),
        ("Metastases to the ovaries (Figure 2) and colon.", ["ovary", "colon"]),
        # a bracket that says more stays a break: the bone cyst is no metastasis
        ("Liver metastases (2 cm) and a benign bone cyst.", ["liver"]),
    ],
)
def test_a_dated_list_member_keeps_the_list(nlp, text: str, sites) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("metastatic_sites") == sites, text


@pytest.mark.parametrize(
    ("text", "sex"),
    [
        # round 14: a carer's opening relative word is the patient's sex
        ("My mother has metastatic breast cancer, ER+ HER2-.", "female"),
        ("Its about my mother in law 59yrs, diagnosed with ca breast stage 4", "female"),
        ("My father was diagnosed with metastatic breast cancer, ER+.", "male"),
        ("My husband has ER+ MBC, bone mets.", "male"),
        # a relative named later, or a writer telling her own cancer, is no such opening
        ("My mother had breast cancer. I was diagnosed with MBC last year.", None),
        ("I have MBC with bone mets; my sister had breast cancer too.", None),
    ],
)
def test_a_carers_relative_word_is_the_patients_sex(nlp, text: str, sex) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("sex") == sex, text


@pytest.mark.parametrize(
    ("text", "age", "menopause"),
    [
        # round 14 (r9-0031): the obstetric history between the age and the person
        ("We report a case of 25 year primiparous female with breast cancer.", 25, None),
        ("A 32-year-old primigravida woman with MBC.", 32, None),
        ("A 40 year grand multiparous woman with MBC.", 40, None),
        # a menopause word there stays its own fact (never swallowed by the age)
        ("A 25 year pregnant woman with MBC.", None, "pre"),
    ],
)
def test_an_age_told_with_the_obstetric_history(nlp, text: str, age, menopause) -> None:  # type: ignore[no-untyped-def]
    facts = extract(text).facts
    assert (facts.get("age"), facts.get("menopausal_status")) == (age, menopause), text


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        # round 15 (dev case-0185): a symptom that names the uterine cervix ("cervical
        # bleeding") is the organ a following biopsy's breast markers report on, and HER2 by
        # its gene's old name ("c-erbB-2-negative") is the tumour's profile, no benign finding
        (
            "Breast cancer treated 3 years ago; now cervical bleeding, and she underwent aspiration "
            "biopsy. Immunohistochemical results indicated: ER-negative, PR-negative, "
            "c-erbB-2-negative, and GATA-3 both diffuse strong positive.",
            ["cervix"],
        ),
        # "cervical" alone stays the neck's
        ("Cervical lymph node and cervical spine metastases.", ["lymph nodes", "bone"]),
        # a benign result reports no site
        ("She had cervical bleeding; the biopsy showed a benign polyp.", None),
    ],
)
def test_a_cervix_named_by_its_symptom(nlp, text: str, sites) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("metastatic_sites") == sites, text


@pytest.mark.parametrize(
    ("text", "age", "sex"),
    [
        # round 15: a radionuclide's mass number after its element is no age or sex ...
        ("Bone scan with tecnetium 99m MDP; a 58-year-old woman.", 58, "female"),
        ("A gallium-68 PET. A 70 yo woman.", 70, "female"),
        # ... but a clinical abbreviation that is also an element's symbol keeps the age
        ("Hx RA 45F with ER+ MBC.", 45, "female"),
    ],
)
def test_a_radionuclide_is_no_age(nlp, text: str, age: int, sex: str) -> None:  # type: ignore[no-untyped-def]
    facts = extract(text).facts
    assert (facts.get("age"), facts.get("sex")) == (age, sex), text


@pytest.mark.parametrize(
    ("text", "hr", "her2"),
    [
        # round 16: the sign distributes over bare receptor words coordinated before it
        ("Core biopsy: IDC, estrogen and progesterone negative, HER2 3+.", "negative", "positive"),
        (
            "IDC that was oestrogen, progesterone and HER2 receptor positive.",
            "positive",
            "positive",
        ),
        ("The tumour was estrogen and HER-2/neu positive.", "positive", "positive"),
        # ... never without a sign ending the list
        ("Estrogen and progesterone levels were normal.", None, None),
        ("She received estrogen and progesterone replacement.", None, None),
        # a name glued to its "for" (text pasted from a PDF)
        ("ER-positive and negative forHER2 metastatic breast cancer.", "positive", "negative"),
        # a staining panel: a marker's number written apart, its maker in brackets, "as well as"
        (
            "Tumour cells were positive for GATA 3, estrogen receptor and negative for CDX2.",
            "positive",
            None,
        ),
        ("Positive staining for CK7, CEA as well as for ER, PgR and HER2.", "positive", "positive"),
        (
            "Positive results for mammaglobin A (Dako, Glostrup) and estrogen receptor (Roche).",
            "positive",
            None,
        ),
        # the stained share before the names
        (
            "Strong nuclear staining in >90% of tumour cells for both oestrogen and progesterone receptor.",
            "positive",
            None,
        ),
        # Spanish and French reports: RE/RP with a bracketed percentage, c-erb2 (stop 60: the
        # sign word one letter from the English one, "negativo", is read as "negative")
        ("Carcinoma ductal: RE (70%), RP (80%), Cerb2 negativo.", "positive", "negative"),
        ("RE (0%), RP (0%), c-erbB2 negative.", "negative", "negative"),
    ],
)
def test_receptor_lists_share_their_sign(nlp, text: str, hr, her2) -> None:  # type: ignore[no-untyped-def]
    facts = extract(text).facts
    assert (facts.get("hormone_receptor"), facts.get("her2")) == (hr, her2), text


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        # round 16: nodes told with the primary, distant disease found in the next sentence:
        # de novo stage IV, the nodes are a site (tests/data/real/FORMAT.md)
        (
            "She presented with a breast mass and axillary lymphadenopathy. Staging CT showed "
            "liver metastases.",
            ["lymph nodes", "liver"],
        ),
        (
            "Core biopsy: IDC with lymph node metastasis. PET showed bone and lung metastases.",
            ["lymph nodes", "bone", "lung"],
        ),
        # ... not when the next sentence is another moment, a denial or a doubt
        (
            "She presented with a breast mass and axillary lymphadenopathy. Five years later "
            "liver metastases were found.",
            ["liver"],
        ),
        (
            "She presented with a breast mass and axillary lymphadenopathy. She had a mastectomy "
            "and adjuvant chemotherapy for liver metastases.",
            ["liver"],
        ),
        ("A breast mass with axillary lymphadenopathy. CT showed no liver metastases.", None),
        # the two words of "lymph node" run together
        ("Recurrence with a contralateral axillary lymphnode.", ["lymph nodes"]),
    ],
)
def test_nodes_of_de_novo_stage_iv(nlp, text: str, sites) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("metastatic_sites") == sites, text


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        # round 16: a condition that names its organ is a finding a report may confirm
        (
            "A case of acute cholecystitis which turned out to be metastatic breast cancer.",
            ["gallbladder"],
        ),
        (
            "Admitted with acute cholecystitis. Histology of the specimen showed metastasis from "
            "a ductal breast carcinoma.",
            ["gallbladder"],
        ),
        (
            "Dysphagia secondary to a multinodular goiter; she was found to have metastatic "
            "breast carcinoma in the resection specimen.",
            ["thyroid"],
        ),
        ("Diagnosis: linitis plastica secondary to metastatic lobular carcinoma.", ["stomach"]),
        # alone, or beside a list of sites, a condition names none
        ("History of goiter and bone metastases.", ["bone"]),
        ("She had cholecystitis in 2010. Now liver metastases.", ["liver"]),
        ("Acute cholecystitis; the histology showed no malignancy.", None),
    ],
)
def test_an_organ_named_by_its_condition(nlp, text: str, sites) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("metastatic_sites") == sites, text


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        # round 16: a collapsed bone is a finding a report confirms
        (
            "Back pain with L3-4 vertebral collapse. Biopsy confirmed metastatic ductal carcinoma.",
            ["bone"],
        ),
        # a bone's place in its series between the preposition and the organ
        ("MRI confirmed a metastatic lesion in the third cervical vertebra.", ["bone"]),
        ("Metastasis to the fifth rib and the liver.", ["bone", "liver"]),
        # a list led by an organ adjective folded into its noun keeps the head before it
        (
            "Metastatic carcinoma with involvement of the uterine endometrium, myometrium and "
            "cervical mucosa.",
            ["uterus", "cervix"],
        ),
        ("A case of isolated uterine cervical metastasis.", ["cervix"]),
        # a noun that only names what the organ word before it is
        ("Tumour recurrence in the splenic hilum.", ["spleen"]),
        ("A metastasis in the orbital levator palpebrae superioris muscle.", ["orbit"]),
        ("Metastases to the hilar nodes and liver.", ["lymph nodes", "liver"]),
    ],
)
def test_sites_by_their_parts(nlp, text: str, sites) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("metastatic_sites") == sites, text


@pytest.mark.parametrize(
    ("text", "brain"),
    [
        # round 16: a contraction's negation with a typographic apostrophe
        ("She doesn\u2019t have brain metastases.", False),
        ("She didn\u2019t have brain metastases at diagnosis.", False),
        ("She doesn't have brain metastases.", False),
    ],
)
def test_a_typographic_apostrophe_negates(nlp, text: str, brain) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("brain_metastases") == brain, text

"""Treatment history: regimens, the failing one, line counts — and what is NOT counted."""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


@pytest.mark.parametrize(
    ("text", "progressed_on", "prior_lines"),
    [
        (
            "progressed after 18 months of first-line letrozole plus palbociclib",
            ["letrozole", "palbociclib"],
            1,
        ),
        ("Progressed on paclitaxel, then on sacituzumab govitecan", ["sacituzumab govitecan"], 2),
        (
            "Had pertuzumab + trastuzumab + docetaxel first line, and is now progressing on Enhertu",
            ["trastuzumab deruxtecan"],
            2,
        ),
        (
            "First line was anastrozole + ribocicilb, second line faslodx, now progressing on faslodx",
            ["fulvestrant"],
            2,
        ),
        (
            "she had letrozole + palbociclib first, then fulvestrant, and is now progressing on it",
            ["fulvestrant"],
            2,
        ),
        (
            "anastrozole + ribociclib, then exemestane + everolimus, on which she is now progressing",
            ["exemestane", "everolimus"],
            2,
        ),
        (
            "progressing on exemestane + everolimus, which was her first treatment for metastatic "
            "disease",
            ["exemestane", "everolimus"],
            1,
        ),
        ("First-line olaparib; now progressing", ["olaparib"], 1),
        (
            "Zoladex (goserelin) ovarian suppression plus tamoxifen as first line; she is now "
            "progressing on tamoxifen",
            ["tamoxifen"],
            1,
        ),
        (
            "after progressing on first-line pertuzumab, trastuzumab and paclitaxel",
            ["pertuzumab", "trastuzumab", "paclitaxel"],
            1,
        ),
    ],
)
def test_failing_regimen_and_lines(
    nlp, text: str, progressed_on: list[str], prior_lines: int
) -> None:  # type: ignore[no-untyped-def]
    ex = extract(text)
    assert ex.facts.get("progressed_on") == progressed_on
    assert ex.facts.get("prior_lines") == prior_lines


@pytest.mark.parametrize(
    "text",
    [
        "progressing on letrozole and palbociclib",  # one regimen, no ordinal: ask
        "had letrozole",
        "she had first-line letrozole",  # no progression, nothing after it
        "PD after 18 mo letrozole/palbo",
    ],
)
def test_lines_not_guessed(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "prior_lines" not in extract(text).facts


def test_stated_count_wins_and_chemo_lines_come_from_a_complete_list(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract(
        "Five prior lines for metastatic disease: tamoxifen, letrozole + ribociclib, "
        "exemestane + everolimus, paclitaxel, then capecitabine. Progressing."
    )
    assert ex.facts["prior_lines"] == 5
    assert ex.facts["prior_chemo_lines"] == 2 and "prior_chemo_lines" in ex.inferred
    assert ex.facts["progressed_on"] == ["capecitabine"]


def test_partial_history_gives_no_chemo_count(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract(
        "Five lines of treatment for metastatic disease so far, including ribociclib; progressing."
    )
    assert ex.facts["prior_lines"] == 5 and ex.facts["prior_cdk46"] is True
    assert "prior_chemo_lines" not in ex.facts and "progressed_on" not in ex.facts


def test_adjuvant_and_bone_therapy_are_not_lines(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract(
        "adjuvant tamoxifen, then relapsed; now progressing in bone on fulvestrant and denosumab"
    )
    assert ex.facts["progressed_on"] == ["fulvestrant"]
    assert ex.facts["prior_therapies"] == ["fulvestrant"]
    assert {d.generic: d.role for d in ex.drugs}["tamoxifen"] == "adjuvant"


def test_questions_about_drugs_are_not_history(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract("Can atezolizumab be combined with ordinary paclitaxel instead of nab-paclitaxel?")
    assert "prior_therapies" not in ex.facts
    assert {d.role for d in ex.drugs} == {"hypothetical"}


@pytest.mark.parametrize(
    ("text", "expected", "unknown"),
    [
        (
            "negative for ER, PR and HER2",
            {"hormone_receptor": "negative", "her2": "negative"},
            set(),
        ),
        ("PIK3CA and AKT1 wild-type", {"pik3ca": False, "akt1": False}, set()),
        ("AKT1 and PTEN not altered", {"akt1": False, "pten": False}, set()),
        (
            "PIK3CA, ESR1, AKT1 and PTEN have not been tested",
            {},
            {"pik3ca", "esr1", "akt1", "pten"},
        ),
        (
            "Don't know - none of PIK3CA, ESR1, AKT1 or PTEN has been tested",
            {},
            {"pik3ca", "esr1", "akt1", "pten"},
        ),
        (
            "no visceral crisis, germline BRCA2 carrier",
            {"visceral_crisis": False, "germline_brca": True},
            set(),
        ),
    ],
)
def test_lists_share_cue_and_value(
    nlp, text: str, expected: dict[str, object], unknown: set[str]
) -> None:  # type: ignore[no-untyped-def]
    ex = extract(text)
    assert ex.facts == expected
    assert set(ex.unknown_facts) == unknown


@pytest.mark.parametrize(
    ("text", "progressed_on"),
    [
        ("letrozole + ribo x 2 years then PD", ["letrozole", "ribociclib"]),
        ("on letrozole/palbo x2y, progressed", ["letrozole", "palbociclib"]),
        (
            "Had letrozole + palbo for 2 years and progressed in the liver",
            ["letrozole", "palbociclib"],
        ),
        ("had letrozole, progressed in the liver on fulvestrant", ["fulvestrant"]),
    ],
)
def test_progression_stated_after_the_regimen(nlp, text: str, progressed_on: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("progressed_on") == progressed_on


def test_ordinals_put_regimens_in_time_order(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract("PD on fulvestrant + abemaciclib as 2nd line; 1st line was letrozole alone")
    assert ex.facts["progressed_on"] == ["fulvestrant", "abemaciclib"]
    assert ex.facts["prior_lines"] == 2


# -- round 3: 0 lines at the metastatic event (an inference) -------------------------------
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests.checklist import (  # noqa: E402
    AFTER_EVENT_TREATED,
    EARLY_CARRIED_ON,
    EARLY_HISTORIES,
    EVENT_WORDINGS,
    METASTATIC_EVENTS,
)

NEUTRAL_AFTER = (
    " Brain MRI negative.",
    " ECOG 1.",
    " On 4L O2.",
    " ER 95%, HER2 1+.",
    " What do you recommend?",
    " PIK3CA not tested.",
)


@pytest.mark.parametrize("event", METASTATIC_EVENTS)
def test_zero_lines_at_the_event_is_an_inference_with_its_evidence(nlp, event: str) -> None:  # type: ignore[no-untyped-def]
    text = EARLY_HISTORIES[1] + event
    ex = extract(text)
    assert ex.facts.get("prior_lines") == 0
    assert "prior_lines" in ex.inferred  # the chat shows it as inferred
    (span,) = ex.spans["prior_lines"]
    assert text[span.start : span.end] == span.text and span.start >= len(EARLY_HISTORIES[1])
    # early-disease drugs are not metastatic prior therapies
    assert "letrozole" not in ex.facts.get("prior_therapies", [])  # type: ignore[operator]


@pytest.mark.parametrize(
    "text",
    [
        "Letrozole for 2 years. She developed bone metastases.",  # not told as early disease
        "If she develops liver metastases, what then?",
        "No evidence of metastatic disease on staging.",
        "High risk of recurrence: would you give adjuvant abemaciclib?",
        "Axillary node metastasis found, T2N1, no distant disease work-up yet.",
        "She developed bone metastases. Radiotherapy and systemic therapy were given.",
    ],
)
def test_zero_lines_is_not_inferred_without_a_clean_metastatic_event(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("prior_lines") != 0


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    # round 5: the event in other words and early therapy carried on join the property
    history=st.sampled_from((*EARLY_HISTORIES, *EARLY_CARRIED_ON)),
    event=st.sampled_from((*METASTATIC_EVENTS, *EVENT_WORDINGS)),
    treated=st.lists(st.sampled_from(AFTER_EVENT_TREATED), min_size=1, max_size=2),
    neutral=st.lists(st.sampled_from(NEUTRAL_AFTER), max_size=2),
    order=st.permutations(range(4)),
)
def test_the_zero_lines_inference_never_fires_after_a_treatment_or_progression(  # type: ignore[no-untyped-def]
    nlp, history: str, event: str, treated: list[str], neutral: list[str], order: list[int]
) -> None:
    """Told after the metastatic event, a regimen, a progression, a later line or a heavy
    pretreatment means the count is not 0: it is counted or asked, never inferred 0."""
    tail = [*treated, *neutral]
    tail = [tail[i] for i in order if i < len(tail)] + tail[len(order) :]
    text = history + event + "".join(tail)
    assert extract(text).facts.get("prior_lines") != 0, text


@pytest.mark.parametrize(
    "lead",
    [
        "She then progressed on",
        "then progressed on",
        "She progressed on",
        "Subsequently she progressed on",
        "Later, progression on",
    ],
)
@pytest.mark.parametrize(
    ("combination", "drugs"),
    [
        ("anastrozole and palbociclib", ["anastrozole", "palbociclib"]),
        ("letrozole plus ribociclib", ["letrozole", "ribociclib"]),
        ("fulvestrant + abemaciclib", ["fulvestrant", "abemaciclib"]),
    ],
)
def test_a_progression_cue_before_a_combination_fails_all_of_it(
    nlp,
    lead: str,
    combination: str,
    drugs: list[str],  # type: ignore[no-untyped-def]
) -> None:
    # "she then progressed on anastrozole and palbociclib" read only anastrozole as failing
    assert extract(f"{lead} {combination}.").facts.get("progressed_on") == drugs


@pytest.mark.parametrize(
    "course",
    [
        "She was treated with paclitaxel for 6 cycles.",
        "She received six cycles of docetaxel.",
        "She received docetaxel x6.",
        "She received letrozole and palbociclib for 3 years.",
        "She was given capecitabine for several months.",
    ],
)
def test_a_course_given_since_the_event_is_not_read_as_no_line(nlp, course: str) -> None:  # type: ignore[no-untyped-def]
    # A regimen told with the length it was given is a line given (and maybe over): the
    # count is asked, never inferred as 0 (only a line just begun or responding reads 0).
    facts = extract(f"Recurrence in the liver in 2021. {course}").facts
    assert facts.get("prior_lines") != 0


@pytest.mark.parametrize(
    "begun",
    [
        "She was started on letrozole and palbociclib.",
        "Metastatic recurrence was found 2.5 years later; letrozole was started.",
    ],
)
def test_a_regimen_just_begun_at_the_event_is_an_inferred_zero(nlp, begun: str) -> None:  # type: ignore[no-untyped-def]
    ex = extract(f"Recurrence in the liver in 2021. {begun}")
    assert ex.facts.get("prior_lines") == 0 and "prior_lines" in ex.inferred


# -- round 5: the event in other words, early therapy carried on, one regimen going on ------
from tests.checklist import ONGOING_NO_EVENT, ONGOING_NOT_ZERO  # noqa: E402


@pytest.mark.parametrize(
    "text",
    [
        # the primary's own reach, not an organ taken over by metastasis
        "T4b tumour with skin infiltration by the breast carcinoma; staging CT negative.",
        "Lymphovascular invasion and stromal infiltration by carcinoma cells, pT2N1.",
        # "secondary" without its head noun or as "secondary to" a benign cause
        "It is hard to tell the primary breast cancer from the secondary one.",
        "Anaemia secondary to iron deficiency; ER+ early breast cancer on adjuvant letrozole.",
        # a clinician seeing a patient is no finding; a state is asked
        "I saw a patient with ER+ MBC last week. What next?",
        # a serous fluid denied or negative for cancer cells
        "Invasive ductal carcinoma; no pleural effusion on CT.",
        "Pleural fluid cytology was negative for carcinoma.",
        "HR+/HER2- MBC with bone mets. Next?",
    ],
)
def test_no_event_in_these_words(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("prior_lines") != 0


@pytest.mark.parametrize("text", ONGOING_NOT_ZERO)
def test_one_regimen_going_on_is_not_zero_with_its_end_or_another_line(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    # a PFS told (the regimen ended), a new lesion, a second regimen, metastatic disease
    # denied, early treatment told back: the count is asked or counted, never inferred 0
    assert extract(text).facts.get("prior_lines") != 0


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    ongoing=st.sampled_from(ONGOING_NO_EVENT),
    treated=st.sampled_from(AFTER_EVENT_TREATED),
)
def test_one_regimen_going_on_never_reads_zero_after_a_failure_or_another_line(  # type: ignore[no-untyped-def]
    nlp, ongoing: str, treated: str
) -> None:
    """The 0 read from one regimen going on (no event told) never survives a progression,
    a later line, a pretreatment or a switch told in the same text."""
    text = ongoing + treated
    assert extract(text).facts.get("prior_lines") != 0, text


@pytest.mark.parametrize(
    ("text", "chemo"),
    [
        ("Bone scan showed widespread bone metastases. Letrozole was started.", 0),
        ("Now found to have liver metastases. Capecitabine was given; the disease progressed.", 1),
        (
            "Now found to have liver metastases. Fulvestrant was given, but the disease progressed.",
            0,
        ),
    ],
)
def test_chemotherapy_lines_at_the_event_come_from_the_lines_counted(
    nlp, text: str, chemo: int
) -> None:  # type: ignore[no-untyped-def]
    ex = extract(text)
    assert ex.facts.get("prior_chemo_lines") == chemo
    assert "prior_chemo_lines" in ex.inferred  # counted, not stated


def test_a_supposed_regimen_is_no_line_given(nlp) -> None:  # type: ignore[no-untyped-def]
    # "would have been" supposes a treatment (r3-0082): no line given, the 0 at the event
    # stands; "has been on" (present perfect) tells a regimen given since the event
    text = "Bone metastases were found. Chemotherapy would have been the usual choice here."
    assert extract(text).facts.get("prior_lines") == 0


PRETREATED_BEFORE = (  # metastatic disease told treated before the finding, in another sentence
    "Known MBC since 2018, heavily pretreated. ",
    "Metastatic breast cancer treated with several lines. ",
    "Metastatic disease since 2019, previously treated with multiple regimens. ",
    "Known MBC since 2018. ",  # with a "new" finding after it: a progression
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    before=st.sampled_from(PRETREATED_BEFORE),
    event=st.sampled_from(
        (
            "CT shows new liver metastases.",
            "New bone metastases were found.",
            "PET/CT depicts new hypermetabolic liver metastases.",
        )
    ),
)
def test_a_finding_after_metastatic_disease_told_treated_is_never_the_first_line(  # type: ignore[no-untyped-def]
    nlp, before: str, event: str
) -> None:
    """Safety: lines told given (or metastatic disease told) before a new finding make it a
    progression, never the inferred 0 of a first discovery (found in round 5: 'Known MBC
    since 2018, heavily pretreated. CT shows new liver metastases.' read 0 lines)."""
    assert extract(before + event).facts.get("prior_lines") != 0, before + event


# -- round 5 fix phase: classes of the round-5 first-run misses ------------------------------
# Each template expands a class in wording not in the corpus (CheckList INV/DIR/MFT).


# A comma list of drugs closed by a regimen noun is ONE regimen ("A, B, C therapy"): never
# one line per drug (r5-0080 read 3 lines from "Cyclophosphamide, Adriamycin®, fluorouracil
# therapy … trastuzumab").
@pytest.mark.parametrize(
    "drugs",
    [
        "Epirubicin, cyclophosphamide, fluorouracil",
        "Gemcitabine, carboplatin",
        "Docetaxel®, doxorubicin, cyclophosphamide",
    ],
)
@pytest.mark.parametrize(
    "head", ["therapy", "regimen", "chemotherapy", "combination", "based regimen"]
)
def test_a_comma_list_closed_by_a_regimen_noun_is_one_regimen(nlp, drugs: str, head: str) -> None:  # type: ignore[no-untyped-def]
    text = f"{drugs} {head} was begun, but the hepatic lesions kept growing. Eribulin was then started."
    facts = extract(text).facts
    assert facts.get("prior_lines") == 1, text
    assert (
        set(facts.get("progressed_on") or [])
        == {d.strip(" ®").lower() for d in drugs.split(",")} - {""}
        or facts.get("progressed_on") is None
    )


# "continued to progress", "the disease progresses": the verb said of the disease is a
# progression (r5-0080).
@pytest.mark.parametrize(
    "failing",
    [
        "but the lung nodules continued to progress",
        "yet her bone metastases continue to progress",
        "and the disease progresses",
        "however the tumours progress despite it",
    ],
)
def test_progress_said_of_the_disease_fails_the_regimen(nlp, failing: str) -> None:  # type: ignore[no-untyped-def]
    facts = extract(f"Metastatic breast cancer treated with capecitabine, {failing}.").facts
    assert facts.get("progressed_on") == ["capecitabine"]


@pytest.mark.parametrize(
    "text",
    [
        "We made good progress in clinic; she is on capecitabine.",
        "A progress note was written. She takes letrozole.",
    ],
)
def test_progress_not_said_of_the_disease_is_no_progression(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("progressed_on") is None


# Regimens each told with its own period, in time order, are a sequence (r5-0090).
@pytest.mark.parametrize(
    "text",
    [
        "She got eribulin from June 2017 to January 2018 and a trial of capecitabine from "
        "February 2018 until August 2018, then had disease progression.",
        "Metastatic disease was treated with paclitaxel (2019-2020) and vinorelbine (2021), "
        "and imaging then showed progressive disease.",
    ],
)
def test_regimens_dated_in_order_are_a_sequence(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    facts = extract(text).facts
    assert facts.get("prior_lines") == 2, text
    assert facts.get("prior_chemo_lines") == 2


# Told after the metastatic event, these are not a line given: local treatment ("palliative
# radiotherapy"), an organ failing ("acute renal failure"), "subsequent" said of an outcome,
# the purpose of an admission ("referred for further treatment"), the first course of a
# regimen just given (r5-0010, 0120, 0119, 0121, r3-0045).
EVENTS_R5 = (
    "Two years after her lumpectomy she was found to have several lung metastases.",
    "A CT scan then revealed metastatic deposits throughout the liver.",
)
NOT_A_LINE_AFTER = (
    " She was given palliative irradiation to the pelvis for pain.",
    " She underwent palliative SBRT to the sacrum.",
    " Her course was complicated by acute kidney failure.",
    " She later developed multi-organ failure and died.",
    " She was hydrated with subsequent improvement in her creatinine.",
    " She was referred to our institute for evaluation and further treatment.",
)


@pytest.mark.parametrize("event", EVENTS_R5)
@pytest.mark.parametrize("after", NOT_A_LINE_AFTER)
def test_not_a_line_after_the_event_keeps_the_inferred_zero(nlp, event: str, after: str) -> None:  # type: ignore[no-untyped-def]
    ex = extract(event + after)
    assert ex.facts.get("prior_lines") == 0, event + after
    assert "prior_lines" in ex.inferred


@pytest.mark.parametrize("event", EVENTS_R5)
@pytest.mark.parametrize(
    "after",
    [
        " Palliative chemotherapy was given for six months.",
        " She received palliative radiotherapy and then several lines of therapy.",
        " Treatment failure followed and she was switched to another regimen.",
        " She was admitted after subsequent chemotherapy failed.",
        " After the fifth cycle of docetaxel, disease progression was seen.",
    ],
)
def test_a_line_after_the_event_is_never_the_inferred_zero(nlp, event: str, after: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(event + after).facts.get("prior_lines") != 0, event + after


@pytest.mark.parametrize(
    "first_course",
    ["the first cycle of", "her 1st infusion of", "the second dose of"],
)
def test_the_first_course_of_a_regimen_is_not_its_length(nlp, first_course: str) -> None:  # type: ignore[no-untyped-def]
    text = f"{EVENTS_R5[1]} Shortly after {first_course} eribulin she developed a rash."
    assert extract(text).facts.get("prior_lines") == 0, text


# A drug added to the regimen given, nothing failing before it, is the same line (r5-0142);
# added after a progression it is a new one.
@pytest.mark.parametrize(
    "added",
    [
        "She started weekly docetaxel, and trastuzumab was added after the second cycle.",
        "She is on paclitaxel with the addition of bevacizumab from cycle 3.",
    ],
)
def test_a_drug_added_without_failure_is_the_same_line(nlp, added: str) -> None:  # type: ignore[no-untyped-def]
    ex = extract(f"{EVENTS_R5[0]} {added}")
    assert ex.facts.get("prior_lines") == 0, added


def test_a_drug_added_after_progression_is_a_new_line(nlp) -> None:  # type: ignore[no-untyped-def]
    text = f"{EVENTS_R5[0]} She received letrozole. After progression, palbociclib was added."
    assert extract(text).facts.get("prior_lines") == 1


# The patient's or family's telling is a discovery ("we were told it had spread to her
# bones"); a risk word after the event word is no event ("to lower her relapse risk").
@pytest.mark.parametrize(
    "told",
    [
        "Last week the oncologist told us that the cancer had spread to her liver.",
        "She learnt that the breast cancer had spread to her spine.",
    ],
)
def test_a_discovery_told_by_the_patient_is_an_event(nlp, told: str) -> None:  # type: ignore[no-untyped-def]
    ex = extract(told)
    assert ex.facts.get("prior_lines") == 0 and "prior_lines" in ex.inferred


def test_a_risk_after_the_event_word_is_no_event(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "She took letrozole to reduce her recurrence risk. Her bone density is low."
    assert extract(text).facts.get("prior_lines") is None


# Drugs of breast-cancer histories the guideline does not name, by class (history only).
@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("She had received nivolumab in a trial.", "nivolumab"),
        ("Prior treatment included Imfinzi.", "durvalumab"),
        ("She was treated with irinotecan.", "irinotecan"),
        ("She received IL-10 with chemotherapy.", "interleukin-10"),
        ("Earlier she took camizestrant.", "camizestrant"),
    ],
)
def test_history_only_drugs_of_other_classes(nlp, text: str, drug: str) -> None:  # type: ignore[no-untyped-def]
    assert drug in (extract(text).facts.get("prior_therapies") or [])


@pytest.mark.parametrize(
    "text",
    [
        "metastatic disease refractory to 3 consecutive lines of chemotherapy",
        "metastatic disease after two different lines of chemotherapy",
        "metastatic disease with failure of 2 successive chemotherapy lines",
    ],
)
def test_a_chemotherapy_count_with_an_adjective_is_read(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("prior_chemo_lines") in (2, 3)


# A bracketed gloss after a drug ("carboplatin (a platinum agent), Taxotere, and Herceptin")
# does not split the regimen (r5-0011 read 6 lines).
@pytest.mark.parametrize(
    "gloss",
    ["(an alkylating agent)", "(platinum compound)", "[a DNA cross-linker]"],
)
def test_a_bracketed_gloss_does_not_split_a_regimen(nlp, gloss: str) -> None:  # type: ignore[no-untyped-def]
    text = f"On progression she received cisplatin {gloss}, gemcitabine, and bevacizumab."
    facts = extract(text).facts
    assert facts.get("prior_lines") in (None, 0, 1), text


def test_no_line_given_means_no_chemotherapy_line(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract("De novo metastatic disease; she begins first-line anastrozole with ribociclib.")
    assert ex.facts.get("prior_lines") == 0
    assert ex.facts.get("prior_chemo_lines") == 0 and "prior_chemo_lines" in ex.inferred


# The breast cancer told and a sample confirming cancer, a lesion found elsewhere is its
# spread: the discovery of metastatic disease (r5-0003).
@pytest.mark.parametrize(
    "finding",
    [
        "A bone scan then revealed a lesion in her left femur.",
        "CT subsequently showed two nodules in the right lung.",
    ],
)
def test_a_site_found_after_breast_cancer_confirmed_is_an_event(nlp, finding: str) -> None:  # type: ignore[no-untyped-def]
    text = (
        "She felt a hard mass in her left breast. A core biopsy confirmed invasive carcinoma. "
        + finding
    )
    ex = extract(text)
    assert ex.facts.get("prior_lines") in (0, None)  # never a count
    if ex.facts.get("prior_lines") == 0:
        assert "prior_lines" in ex.inferred


@pytest.mark.parametrize(
    "text",
    [
        # told in two sentences, dated regimens may be one adjuvant course switched
        "Anastrozole was started in 2015. After an oophorectomy she was switched to "
        "exemestane from 2017 to 2020.",
        # metastases told recurring were there before: never the first discovery
        "MRI showed a relapse of the liver metastases. Capecitabine was initiated.",
        "Imaging revealed recurrent bone metastases and letrozole was started.",
    ],
)
def test_no_count_from_these_histories(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("prior_lines") is None, text


def test_a_recurrence_that_is_metastatic_is_the_first_discovery(nlp) -> None:  # type: ignore[no-untyped-def]
    # "recurrent metastatic disease" is a first distant recurrence, not metastases recurring
    text = "After adjuvant FEC, a biopsy of a lung nodule confirmed recurrent metastatic disease."
    ex = extract(text)
    assert ex.facts.get("prior_lines") == 0 and "prior_lines" in ex.inferred


# Round 6 classes. Told after the metastatic event, none of these is a line given: an
# operation by its word form (-ostomy, -ectomy, a stent), a treatment the patient or her
# doctors still have to give (a modal said of them), a list of questions, a symptom that is
# "progressive", a test that "failed to" find something (r6-0035, 0018, 0016, 0048, 0041).
EVENTS_R6 = (
    "Eleven years after her mastectomy a PET scan showed metastases in the liver.",
    "She was diagnosed with MBC to the spine last month.",
    "Staging CT noticed multiple lung metastases.",
)
NOT_A_LINE_AFTER_R6 = (
    " A blocked ureter was managed with a nephrostomy.",
    " Her jaundice was treated with a biliary stent.",
    " The obstruction was treated by a palliative colectomy.",
    " She knows she will need treatment soon.",
    " Her oncologist says we are going to need systemic therapy.",
    " Questions: Is chemotherapy needed? Endocrine therapy alone?",
    " She reports progressive hoarseness and cough.",
    " A bone marrow biopsy failed to show any further spread.",
)


@pytest.mark.parametrize("event", EVENTS_R6)
@pytest.mark.parametrize("after", NOT_A_LINE_AFTER_R6)
def test_r6_not_a_line_after_the_event_keeps_the_inferred_zero(nlp, event: str, after: str) -> None:  # type: ignore[no-untyped-def]
    ex = extract(event + after)
    assert ex.facts.get("prior_lines") == 0, event + after
    assert "prior_lines" in ex.inferred


@pytest.mark.parametrize("event", EVENTS_R6)
@pytest.mark.parametrize(
    "after",
    [
        " She had to stop letrozole after it failed.",
        " Capecitabine failed to control the disease.",
        " The liver lesions are progressive on paclitaxel.",
        " She received six cycles of docetaxel, and will now start eribulin.",
        " The bone lesions were progressive despite anastrozole.",
    ],
)
def test_r6_a_line_after_the_event_is_never_the_inferred_zero(nlp, event: str, after: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(event + after).facts.get("prior_lines") != 0, event + after


@pytest.mark.parametrize(
    "text",
    [
        # an abbreviation told as a state, not found: lines unknown
        "A woman with ER+ MBC on her third regimen, now short of breath.",
        "Longstanding MBC with a good response to treatment. What next?",
        # a metastasis told with its outcome is no discovery
        "Known metastatic breast cancer. Last MRI showed regression of the brain metastases.",
        # a modal said of a population, not the patient
        "Metastases were found in the bone. Women who relapse will often do so after treatment.",
    ],
)
def test_r6_no_inferred_zero_from_these(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("prior_lines") != 0, text


@pytest.mark.parametrize(
    "text",
    [
        "Bone metastases were found in May. Her oncologist wishes to begin docetaxel, which may"
        " then be followed by maintenance trastuzumab.",
        "Relapse in the lungs. The team intends to give capecitabine, and this will be followed"
        " by fulvestrant.",
    ],
)
def test_r6_a_foreseen_sequence_is_no_count(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("prior_lines") in (None, 0), text


# -- round 8 ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "lines"),
    [
        # the author's "second line" counts the adjuvant therapy: counted from the event
        (
            "Adjuvant letrozole and trastuzumab after surgery. Follow-up was clear until 2020,"
            " when a CT showed liver relapse. A second line treatment with capecitabine was planned.",
            0,
        ),
        # time passing untold between the event and the ordinal: the ordinal is read
        (
            "Adjuvant letrozole after surgery. Liver relapse in 2019. In 2022, second-line"
            " capecitabine was started.",
            1,
        ),
    ],
)
def test_r8_an_ordinal_counting_early_therapy(nlp, text: str, lines: int) -> None:  # type: ignore[no-untyped-def]
    ex = extract(text)
    assert ex.facts.get("prior_lines") == lines, text


def test_r8_a_regimen_before_first_line_leaves_the_count_asked(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract(
        "Developed liver metastases while on tamoxifen, which then regressed following"
        " first-line palliative chemotherapy with capecitabine."
    )
    assert ex.facts.get("prior_lines") in (None, 0)


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        # a disease-free interval after the drugs: they were early-disease treatment
        (
            "Treated with paclitaxel and trastuzumab. At the 2-year follow-up she was free of"
            " disease. Three years later, bone metastases were found.",
            0,
        ),
        # no disease-free interval: the drugs may have been a line
        ("Treated with paclitaxel and trastuzumab. Later, bone metastases were found.", None),
        # metastatic disease told before the interval: not early-disease treatment
        (
            "Metastatic disease in 2019, treated with paclitaxel and trastuzumab. She was in"
            " complete remission. In 2023, new bone metastases were found.",
            None,
        ),
    ],
)
def test_r8_disease_free_interval(nlp, text: str, lines: int | None) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("prior_lines") == lines, text


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        (
            "Liver metastases were found in 2022. Letrozole and palbociclib were begun and she"
            " remains progression-free.",
            0,
        ),
        (
            "Liver metastases were found in 2022. She had letrozole and palbociclib with a PFS of"
            " 14 months.",
            None,
        ),
        (
            "Liver metastases were found in 2022. Letrozole and palbociclib were begun and she"
            " remains progression-free. Now CT shows new lung nodules.",
            1,
        ),
    ],
)
def test_r8_progression_free_going_on(nlp, text: str, lines: int | None) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("prior_lines") == lines, text


def test_r8_class_word_continued_is_the_course_of_its_drug(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "She continued chemotherapy and had radiotherapy to the spine. After 3 cycles of"
        " vinorelbine, treatment was stopped because of newly detected liver metastases."
    )
    assert extract(text).facts.get("progressed_on") == ["vinorelbine"]
    # a switch told between: two regimens, the one stopped is the drug
    switched = text.replace("After 3 cycles of", "She was then switched to").replace(
        ", treatment was stopped", ". It was stopped"
    )
    assert extract(switched).facts.get("progressed_on") == ["vinorelbine"]


@pytest.mark.parametrize(
    "text",
    [
        # a work-up whose attempts failed, ending at the metastasis found
        "Years after treatment for lobular breast cancer she had abdominal pain. Repeated"
        " endoscopies failed attempts at a diagnosis; laparoscopy finally revealed peritoneal"
        " metastases of lobular carcinoma.",
        # the metastasis told years after the operation and chemotherapy, nothing after it
        "We report a case of gastric metastasis from breast cancer 9 years after lumpectomy and"
        " chemotherapy. Endoscopic biopsy confirmed lobular carcinoma, ER positive.",
        # the excision of the metastasis only
        "A 47-year-old woman was found to have an isolated rib metastasis from breast carcinoma."
        " She was treated with a wide excision of the rib and is free of disease.",
        # systemic therapy only told begun
        "Biopsy of the liver lesion showed metastatic breast carcinoma, followed by the"
        " initiation of systemic therapy.",
    ],
)
def test_r9_zero_lines_when_the_story_ends_at_the_metastasis(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    ex = extract(text)
    assert ex.facts.get("prior_lines") == 0, text
    assert "prior_lines" in ex.inferred


@pytest.mark.parametrize(
    "text",
    [
        # a treatment after the event told but not named: the count is asked
        "Bone metastases were found on CT; she was treated and the lesions shrank.",
        # the treatment that failed is a drug, not the work-up
        "Liver metastases were found. Symptoms improved but treatment failed after 6 months.",
        # "after" the operation, but the drug was given on the metastasis
        "Lung metastases appeared 3 years after mastectomy while on tamoxifen.",
        "We report a case of gastric metastasis from breast cancer 9 years after lumpectomy"
        " while on tamoxifen.",
    ],
)
def test_r9_zero_lines_never_when_treatment_after_the_event_is_told(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("prior_lines") != 0, text


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        (
            "Lung metastases were found. She was given paclitaxel and carboplatin for six"
            " cycles followed by maintenance anastrozole.",
            1,
        ),
        (
            "For bone metastases she had docetaxel, then letrozole was started as maintenance.",
            1,
        ),
    ],
)
def test_r9_chemotherapy_then_maintenance_is_one_line(nlp, text: str, lines: int) -> None:  # type: ignore[no-untyped-def]
    ex = extract(text)
    assert ex.facts.get("prior_lines") == lines, text
    assert ex.facts.get("prior_chemo_lines") == 1


@pytest.mark.parametrize(
    "text",
    [
        # other lines told without their regimens: not folded into one line
        "For bone metastases she had several lines of chemotherapy including docetaxel, then"
        " letrozole.",
        # a progression told: the maintenance drug failed, the chemotherapy was a line
        "For bone metastases she had docetaxel followed by maintenance letrozole, and now the"
        " disease has progressed.",
    ],
)
def test_r9_chemotherapy_then_maintenance_not_one_line(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("prior_lines") != 1, text


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        (
            "Bone metastases were found in 2019. Although she received capecitabine for 6"
            " months, MRI showed multiple liver metastases.",
            1,
        ),
        # told against the regimen, but nothing found: not failing
        (
            "Bone metastases were found. Although she received letrozole, CT showed no new lesions.",
            0,
        ),
    ],
)
def test_r9_metastases_found_despite_the_regimen_in_its_sentence(
    nlp, text: str, lines: int
) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("prior_lines") == lines, text


# An anthracycline-then-taxane schedule is one course (r8-0081, r8-0042's class): its taxane
# is the drug failing; a progression between the two makes two lines.
@pytest.mark.parametrize(
    ("text", "lines", "progressed_on"),
    [
        (
            "Metastatic TNBC with liver mets. First-line AC followed by weekly paclitaxel; now"
            " progressing. Second-line options?",
            1,
            ["paclitaxel"],
        ),
        (
            "Metastatic TNBC. EC then docetaxel for metastatic disease, progressed, then"
            " capecitabine, progressing now.",
            2,
            ["capecitabine"],
        ),
        (
            "Metastatic TNBC. She received doxorubicin, progressed, then paclitaxel, and"
            " progressed again.",
            2,
            ["paclitaxel"],
        ),
    ],
)
def test_r10_anthracycline_then_taxane_is_one_course(
    nlp, text: str, lines: int, progressed_on: list[str]
) -> None:  # type: ignore[no-untyped-def]
    facts = extract(text).facts
    assert facts.get("prior_lines") == lines, text
    assert facts.get("progressed_on") == progressed_on, text


def test_r10_a_finished_anthracycline_taxane_course_is_never_two_lines(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Metastatic TNBC. She received 4 cycles of cyclophosphamide and doxorubicin followed by"
        " weekly paclitaxel, with a complete response; therapy was stopped after a year."
    )
    assert extract(text).facts.get("prior_lines") in (None, 1)


# -- round 10 (regimen10): brands glossed in brackets, the last regimen told failing,
# -- "switched from A to B", a start told in the next clause, course nouns -------------


@pytest.mark.parametrize(
    ("text", "progressed_on"),
    [
        (
            "We gave Phesgo® (subcutaneous fixed-dose pertuzumab and trastuzumab) with"
            " anastrozole as first-line therapy for her liver metastases. A partial response was"
            " seen, with disease progression after 11 months.",
            ["pertuzumab", "trastuzumab", "anastrozole"],
        ),
        (
            "Herceptin (trastuzumab) plus Perjeta (pertuzumab) and docetaxel were given for"
            " lung metastases, then progression.",
            ["trastuzumab", "pertuzumab", "docetaxel"],
        ),
        (
            "Her metastatic disease was treated with Kadcyla (T-DM1) and then progressed.",
            ["trastuzumab emtansine"],
        ),
    ],
)
def test_r10_brand_glossed_in_brackets_is_one_regimen(nlp, text: str, progressed_on) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("progressed_on") == progressed_on, text


def test_r10_bracket_naming_another_drug_is_not_a_gloss(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract("She had letrozole (then fulvestrant) for metastatic disease and progressed.")
    assert ex.facts.get("progressed_on") == ["fulvestrant"]


@pytest.mark.parametrize(
    ("text", "progressed_on"),
    [
        (
            "Anastrozole failed to control the bone metastases. The liver metastases responded"
            " to capecitabine, but eventually regrew.",
            ["capecitabine"],
        ),
        (
            "After letrozole failed to halt the disease, the lung nodules shrank on weekly"
            " paclitaxel and later enlarged again.",
            ["paclitaxel"],
        ),
    ],
)
def test_r10_last_regimen_told_failing_is_the_failing_one(nlp, text: str, progressed_on) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("progressed_on") == progressed_on, text


@pytest.mark.parametrize(
    "text",
    [
        # a growth verb said of something other than the disease
        "Anastrozole failed to control the bone metastases. Capecitabine was given, and her"
        " hair eventually regrew.",
        # the progression is the reason the last regimen was begun
        "Letrozole failed. Capecitabine was started because of progressive liver disease.",
    ],
)
def test_r10_last_regimen_not_failing(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("progressed_on") != ["capecitabine"], text


@pytest.mark.parametrize(
    ("text", "progressed_on", "lines"),
    [
        (
            "Tamoxifen was given for bone metastases. In 2015 a bone scan showed a new rib"
            " lesion. Thus, the hormonal therapy was switched from tamoxifen to anastrozole.",
            ["tamoxifen"],
            1,
        ),
        (
            "She took letrozole for lung metastases until CT showed enlarging nodules; she was"
            " then changed from letrozole to fulvestrant.",
            ["letrozole"],
            1,
        ),
    ],
)
def test_r10_switched_from_a_to_b_after_progression(nlp, text: str, progressed_on, lines) -> None:  # type: ignore[no-untyped-def]
    ex = extract(text)
    assert ex.facts.get("progressed_on") == progressed_on, text
    assert ex.facts.get("prior_lines") == lines, text


def test_r10_switch_for_toxicity_is_no_failure(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract(
        "She received letrozole for bone metastases, but had severe arthralgia, so she was"
        " switched from letrozole to exemestane."
    )
    assert "progressed_on" not in ex.facts


def test_r10_drug_begun_in_the_next_clause_is_not_the_failing_one(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract(
        "In 2011 the lung metastases grew and the tumours were judged refractory to endocrine"
        " therapy, and weekly paclitaxel was started in May."
    )
    assert ex.facts.get("progressed_on") != ["paclitaxel"]


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        (
            "A rash appeared about six weeks after the start of her treatment with palbociclib"
            " and letrozole for metastatic breast cancer.",
            "palbociclib",
        ),
        ("For my bone mets I'm still on the full dose of Ibrance with anastrozole.", "palbociclib"),
        ("She had her last dose of eribulin for liver metastases a week ago.", "eribulin"),
    ],
)
def test_r10_course_nouns_tell_a_given_drug(nlp, text: str, drug: str) -> None:  # type: ignore[no-untyped-def]
    assert drug in extract(text).facts.get("prior_therapies", []), text


@pytest.mark.parametrize(
    "text",
    ["Should she start palbociclib?", "What dose of palbociclib would you give?"],
)
def test_r10_plan_words_stay_hypothetical(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "prior_therapies" not in extract(text).facts, text


@pytest.mark.parametrize(
    "text",
    [
        "Tamoxifen was given again for the chest-wall recurrence. The response was good, but a"
        " nodule developed again on the chest wall.",
        "On tamoxifen for her lung metastases the nodules shrank, and then the lesions grew again.",
    ],
)
def test_r10_disease_back_again_on_the_regimen_is_failure(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("progressed_on") == ["tamoxifen"], text


def test_r10_again_said_of_no_disease_is_no_failure(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract("On tamoxifen for her bone metastases, her appetite increased again.")
    assert "progressed_on" not in ex.facts


def test_r10_regimen_begun_at_progression_is_no_chemotherapy_line_given(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract(
        "Paclitaxel was given for liver metastases. New liver lesions appeared, so the"
        " chemotherapy was changed to eribulin."
    )
    assert ex.facts.get("progressed_on") == ["paclitaxel"]
    assert ex.facts.get("prior_lines") == 1
    assert ex.facts.get("prior_chemo_lines") == 1


# -- round 10 phase B (lines10b): terse notation, context-only abbreviations -----------------
@pytest.mark.parametrize(
    "text",
    [
        "Relapse: lung metastases. ANA therapy given but progressed throughout.",
        "Bone metastases in 2021. Given ANA with SD of 9 months then PD.",
        "Metastatic ER+ breast cancer, on ANA 1 mg daily since March, now progressing.",
        "Liver mets; started ANA, then progressed after 7 months.",
    ],
)
def test_r10b_ana_told_given_is_anastrozole(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "anastrozole" in extract(text).facts.get("prior_therapies", [])  # type: ignore[operator]


@pytest.mark.parametrize(
    "text",
    [
        "History of lupus, ANA positive. ER+ MBC with bone mets on letrozole.",
        "ANA 1:160 speckled pattern. Metastatic breast cancer to bone.",
        "Autoimmune screen: ANA negative, ENA negative. Liver metastases.",
        "Rheumatology labs: ANA titre raised. Metastatic breast cancer.",
    ],
)
def test_r10b_ana_as_a_laboratory_test_is_no_drug(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "anastrozole" not in extract(text).facts.get("prior_therapies", [])  # type: ignore[operator]


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        (
            "Leptomeningeal metastases treated with intrathecal MTX, then progression.",
            "methotrexate",
        ),
        ("Liver metastases; she received fadrozole and progressed.", "fadrozole"),
    ],
)
def test_r10b_older_drugs_by_their_short_names(nlp, text: str, drug: str) -> None:  # type: ignore[no-untyped-def]
    assert drug in extract(text).facts.get("prior_therapies", [])  # type: ignore[operator]


@pytest.mark.parametrize("heading", ["Relapse", "Recurrence", "Progression"])
def test_r10b_event_headings_order_the_regimens(nlp, heading: str) -> None:  # type: ignore[no-untyped-def]
    # NICE evidence-table notation (r10-0082): each heading opens a later event
    text = (
        "Diagnosis: 67 years - mastectomy and adjuvant CMF. "
        f"{heading}: lung metastases. Treated with tamoxifen with CR of 5 years. "
        f"{heading}: 76 years - lung metastases. Anastrozole given but progressed throughout."
    )
    facts = extract(text).facts
    assert facts.get("prior_lines") == 2 and facts.get("progressed_on") == ["anastrozole"]


@pytest.mark.parametrize(
    "after",
    [
        "After 8 weeks of improvement she complained of dizziness.",
        "After six months of remission she developed headaches; CSF showed malignant cells.",
        "Following 10 months of stable disease, new liver lesions appeared.",
    ],
)
def test_r10b_a_response_told_over_is_no_zero(nlp, after: str) -> None:  # type: ignore[no-untyped-def]
    # r10-0073: the response has ended, the line was given: never the inferred 0
    text = f"CT showed bone metastases. She was treated with capecitabine. {after}"
    assert extract(text).facts.get("prior_lines") != 0


@pytest.mark.parametrize(
    "word", ["post-surgery", "postoperative", "post-operative", "post-mastectomy"]
)
def test_r10b_chemotherapy_after_the_operation_is_adjuvant(nlp, word: str) -> None:  # type: ignore[no-untyped-def]
    # r10-0060: "breast surgery and post-surgery chemotherapy with a combination of Adriamycin
    # and cyclophosphamide followed by paclitaxel and Herceptin" is early-disease treatment
    text = (
        "Biopsy of the liver lesion shows recurrent HER2-positive breast cancer. She has had"
        f" left breast surgery and {word} chemotherapy with a combination of Adriamycin and"
        " cyclophosphamide followed by paclitaxel and Herceptin."
    )
    facts = extract(text).facts
    assert "prior_therapies" not in facts and facts.get("prior_lines") in (0, None)


@pytest.mark.parametrize(
    "told",
    [
        "After four months she died despite chemotherapy.",
        "Despite weekly paclitaxel, the liver lesions grew.",
        "The disease advanced in spite of capecitabine.",
    ],
)
def test_r10b_a_regimen_the_disease_went_on_despite_failed(nlp, told: str) -> None:  # type: ignore[no-untyped-def]
    # r10-0029: "died despite chemotherapy" is one line failing, never the inferred 0
    facts = extract(
        f"History of breast cancer. CT revealed multiple liver metastases. {told}"
    ).facts
    assert facts.get("prior_lines") == 1


@pytest.mark.parametrize(
    "radiotherapy",
    [
        "She then received a boost to the tumour bed.",
        "Whole-breast irradiation followed.",
        "She underwent irradiation of the right breast.",
    ],
)
def test_r10b_a_drug_after_the_breast_radiotherapy_is_early(nlp, radiotherapy: str) -> None:  # type: ignore[no-untyped-def]
    # r10-0002: "Although the patient was administered tamoxifen after radiation therapy,
    # solitary sternal metastasis occurred": the adjuvant sequel of the early treatment
    text = (
        "Stage I breast cancer treated with partial mastectomy. "
        f"{radiotherapy} Although she was given tamoxifen after radiation therapy, a solitary"
        " rib metastasis was found a year later."
    )
    ex = extract(text)
    assert ex.facts.get("prior_lines") == 0 and "prior_lines" in ex.inferred


@pytest.mark.parametrize(
    "outcome",
    ["the patient showed sufficient recovery", "she recovered well", "she is recovering well"],
)
def test_r10b_the_last_regimen_told_with_recovery_is_the_one_she_is_on(nlp, outcome: str) -> None:  # type: ignore[no-untyped-def]
    # r10-0021: "Eribulin was administered and the patient showed sufficient recovery"
    text = (
        "Bone marrow biopsy showed metastasis from breast cancer. Systemic therapy was started"
        " with doxorubicin and cyclophosphamide and her blood counts improved. A year later she"
        f" felt severe fatigue again. Eribulin was administered and {outcome}."
    )
    assert extract(text).facts.get("prior_lines") == 1


@pytest.mark.parametrize(
    "text",
    [
        "She relapsed with liver metastases 3 years after adjuvant AC and received paclitaxel"
        " as first-line therapy for her metastatic disease, which failed.",
        "Recurrence in the lungs two years after adjuvant chemotherapy; she was then given"
        " capecitabine for her metastatic disease and progressed.",
        "Lung metastases appeared after adjuvant tamoxifen, and she was treated with"
        " paclitaxel in the metastatic setting until progression.",
    ],
)
def test_dev11_a_drug_told_with_its_own_metastatic_setting_is_no_adjuvant(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    # q-0017: "metastatic recurrence 24 months after adjuvant therapy and received a taxane as
    # first-line therapy for her metastatic disease": the adjuvant word before it is the
    # recurrence's time, the drug's own words give it the metastatic line
    facts = extract(text).facts
    assert facts.get("prior_therapies") in (["paclitaxel"], ["capecitabine"])
    assert facts.get("prior_lines") in (1, None) and facts.get("prior_chemo_lines") in (1, None)


@pytest.mark.parametrize(
    ("told", "chemo"),
    [
        ("seven chemotherapy and five endocrine therapy lines", 7),
        ("three endocrine and two chemotherapy lines", 2),
        ("8 chemo + 3 hormonal lines", 8),
    ],
)
def test_dev11_two_counts_sharing_one_head(nlp, told: str, chemo: int) -> None:  # type: ignore[no-untyped-def]
    # case-0065: the count before the chemotherapy word is its lines; the sum is not told
    # as a total (re-challenges, overlaps), so prior_lines stays unread
    ex = extract(f"For her metastatic disease she has received {told} so far.")
    assert ex.facts.get("prior_chemo_lines") == chemo
    assert "prior_lines" not in ex.facts


# -- round 12 (hist12): a regimen failing told across sentences ----------------------------
@pytest.mark.parametrize(
    ("text", "progressed_on", "prior_lines"),
    [
        (  # a spread told in a later sentence, the next drug begun after a dose
            "Metastatic breast cancer to the bone was diagnosed in 2019. Treatment with "
            "anastrozole and ribociclib controlled the disease for two years. However, the "
            "disease spread to the liver. Capecitabine, 1000 mg/m2 twice daily, was started.",
            ["anastrozole", "ribociclib"],
            1,
        ),
        (  # a metastasis told occurring after a first-line regimen; the next one administered
            "Bone metastases were found in 2018. First-line letrozole plus abemaciclib was "
            "given, and liver metastasis occurred 9 months thereafter. Eribulin was "
            "subsequently administered.",
            ["letrozole", "abemaciclib"],
            1,
        ),
        (  # the last of several regimens, begun at a progression, told failing of the patient
            "Her bone metastases were treated with fulvestrant. She then developed liver "
            "metastases, and docetaxel, trastuzumab and pertuzumab were started. After six "
            "cycles, maintenance with trastuzumab and pertuzumab was given. After another 9 "
            "months she developed new vertebral metastases.",
            ["trastuzumab", "pertuzumab"],
            None,
        ),
        (  # "the chemotherapy" refers back; markers rising are a progression
            "Chemotherapy with weekly paclitaxel was given as first-line treatment for her lung "
            "metastases. Ten months after the start of the chemotherapy, the tumour markers "
            "started to increase. Eribulin was then started.",
            ["paclitaxel"],
            1,
        ),
    ],
)
def test_r12_a_regimen_failing_told_across_sentences(  # type: ignore[no-untyped-def]
    nlp, text: str, progressed_on: list[str], prior_lines: int | None
) -> None:
    facts = extract(text).facts
    assert facts.get("progressed_on") == progressed_on
    if prior_lines is not None:
        assert facts.get("prior_lines") == prior_lines


@pytest.mark.parametrize(
    "text",
    [
        # the first metastasis after an early-disease regimen is the discovery, not a failure
        "She was treated with tamoxifen for five years after lumpectomy. Two years later, "
        "bone metastases were found. Letrozole was started.",
        "She received tamoxifen for 5 years. After completion of tamoxifen, a bone scan "
        "showed multiple bone metastases. Letrozole and palbociclib were started.",
        # a response, not a progression
        "Olaparib in a patient with metastatic triple-negative breast cancer, showing rapid "
        "near resolution of a large liver metastasis.",
    ],
)
def test_r12_a_metastasis_found_that_is_no_failure(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "progressed_on" not in extract(text).facts


def test_r12_lines_told_unnamed_stop_the_count(nlp) -> None:  # type: ignore[no-untyped-def]
    facts = extract(
        "She had already undergone several lines of systemic chemotherapy for widespread TNBC. "
        "Progressive lesions were sampled and cisplatin monotherapy was administered."
    ).facts
    assert "prior_lines" not in facts


# -- round 12: regimen acronyms, development codes, payload names, history classes ---------
@pytest.mark.parametrize(
    ("text", "drugs"),
    [
        (
            "She received six cycles of CMF for metastatic disease, then progressed.",
            ["cyclophosphamide", "methotrexate", "fluorouracil"],
        ),
        (
            "FEC-D was given for her liver metastases.",
            ["fluorouracil", "epirubicin", "cyclophosphamide", "docetaxel"],
        ),
        (
            "She received four cycles of TAC for her recurrence.",
            ["docetaxel", "doxorubicin", "cyclophosphamide"],
        ),
        (
            "Metastatic disease was treated with TCHP.",
            ["docetaxel", "carboplatin", "trastuzumab", "pertuzumab"],
        ),
        ("BEZ235 plus everolimus was given for metastatic disease.", ["dactolisib", "everolimus"]),
        (
            "She was treated with LEE011 and letrozole for metastatic disease.",
            ["ribociclib", "letrozole"],
        ),
        ("Then trastuzumab-DM1 was given for the liver metastases.", ["trastuzumab emtansine"]),
        (
            "She received trastuzumab and pertuzumab for metastatic disease.",
            ["trastuzumab", "pertuzumab"],
        ),
    ],
)
def test_r12_regimen_acronyms_and_codes_name_their_drugs(  # type: ignore[no-untyped-def]
    nlp, text: str, drugs: list[str]
) -> None:
    assert extract(text).facts.get("prior_therapies") == drugs


@pytest.mark.parametrize(
    "text",
    [
        "Labs: TC 5.2 mmol/L, LDL 3.1 mmol/L.",  # total cholesterol
        "TAC showed multiple liver lesions.",  # a CT scan in Romance-language English
        "She had adjuvant FEC100 followed by tamoxifen.",  # adjuvant stays adjuvant
    ],
)
def test_r12_an_acronym_that_is_no_regimen_given(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "prior_therapies" not in extract(text).facts


def test_r12_a_history_drug_of_the_cdk46_class_sets_prior_cdk46(nlp) -> None:  # type: ignore[no-untyped-def]
    facts = extract("First-line dalpiciclib plus fulvestrant was given for bone metastases.").facts
    assert facts.get("prior_cdk46") is True


# -- round 12: 0 lines at the discovery --------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        # the early treatment told completed before the event
        "She had chemotherapy and radiation and then took tamoxifen. After completing her "
        "treatment, she did well. Four years later she was diagnosed with metastatic breast "
        "cancer.",
        # a generic sentence tells no pretreatment
        "Adrenal metastases from breast cancer are rare. The treatment is usually palliative. "
        "We report a 61-year-old woman treated for breast cancer eight years ago who "
        "presented with an adrenal metastasis.",
        # "involvement of BC" after an operation
        "A CT scan showed thickening of the colon wall; the resection confirmed colonic "
        "involvement of BC.",
        # a denial before a finding clause of its own
        "She underwent biopsies of normal-appearing gastric mucosa which confirmed metastatic "
        "lobular breast cancer.",
    ],
)
def test_r12_zero_lines_at_the_discovery(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    ex = extract(text)
    assert ex.facts.get("prior_lines") == 0
    assert "prior_lines" in ex.inferred


def test_r12_status_post_mastectomy_is_a_state_not_the_adjuvant_setting(nlp) -> None:  # type: ignore[no-untyped-def]
    facts = extract(
        "Her history included metastatic breast cancer to the bone. At presentation she was "
        "status post-mastectomy and had been started on trastuzumab and pertuzumab."
    ).facts
    assert facts.get("prior_therapies") == ["trastuzumab", "pertuzumab"]
    # the operation as the treatment's setting stays adjuvant
    assert (
        "prior_therapies"
        not in extract(
            "Post-mastectomy chemotherapy with docetaxel and cyclophosphamide was given."
        ).facts
    )


# -- round 14 fix phase (hist15) ---------------------------------------------------------
@pytest.mark.parametrize(
    "text, lines, failing",
    [
        # a metastasis told met weeks or months into a treatment kept out of early disease
        (
            "A 52-year-old woman presented with a breast mass and marrow failure; weekly "
            "docetaxel was given. Although the blood counts recovered, liver metastases were "
            "found 3 months after starting treatment. Capecitabine was then effectively given.",
            1,
            ["docetaxel"],
        ),
        (
            "Weekly paclitaxel was administered. Lymphangitis carcinomatosa occurred 8 weeks "
            "after treatment. She was treated with eribulin.",
            1,
            ["paclitaxel"],
        ),
    ],
)
def test_r14_a_metastasis_met_on_a_treatment_is_its_failure(  # type: ignore[no-untyped-def]
    nlp, text: str, lines: int, failing: list[str]
) -> None:
    facts = extract(text).facts
    assert facts.get("prior_lines") == lines
    assert facts.get("progressed_on") == failing


def test_r14_years_after_a_treatment_is_the_discovery_not_its_failure(nlp) -> None:  # type: ignore[no-untyped-def]
    # years after a course are no failure on it (ON_TREATMENT_TOLD takes weeks and months)
    facts = extract(
        "She received docetaxel and cyclophosphamide. Bone metastases were found 4 years "
        "after treatment."
    ).facts
    assert "progressed_on" not in facts
    assert facts.get("prior_lines") != 1


def test_r14_an_interval_on_a_maintenance_line_ended_by_a_recurrence(nlp) -> None:  # type: ignore[no-untyped-def]
    # the interval told on a maintenance line is no early-disease remission: the recurrence
    # that ends it fails that line (and the count, maintenance without its induction, is asked)
    text = (
        "After a good response to chemotherapy she was switched to maintenance anastrozole and "
        "goserelin with palbociclib, and remained disease-free for 9 months. In March, a CT "
        "scan revealed recurrence in the lung and liver."
    )
    ex = extract(text)
    assert ex.facts.get("progressed_on") == ["anastrozole", "goserelin", "palbociclib"]
    assert "prior_lines" not in ex.facts
    # the same interval after surgery and adjuvant therapy is the early disease's
    early = extract(
        "She underwent mastectomy and received anastrozole, and remained disease-free for 9 "
        "months. A CT scan then revealed recurrence in the lung."
    ).facts
    assert "progressed_on" not in early


def test_r14_a_citation_glued_to_a_sentence_end_ends_the_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("She remained disease-free for 11 months.1 Subsequent imaging showed bone lesions.")
    assert len(list(doc.sents)) == 2
    assert (
        len(list(nlp("The dose was 2.5 mg daily. Fig.2 shows it, as Smith et al.2 found.").sents))
        == 2
    )


@pytest.mark.parametrize(
    "text, given",
    [
        # the drug told before the clause a question asks in is its premise, told
        ("After THP she got T-DXd; what is the third line?", True),
        (
            "So she had first-line THP, and now this patient would most likely have "
            "trastuzumab deruxtecan, where do we go next?",
            True,
        ),
        # an offer, a question about the drug, a drug told of no patient: not given
        ("She would have trastuzumab deruxtecan next.", False),
        ("Should she get trastuzumab deruxtecan, or capecitabine?", False),
        ("What about trastuzumab deruxtecan, is it better?", False),
        (
            "With the approval of trastuzumab deruxtecan for HER2-low disease, what should "
            "we offer her?",
            False,
        ),
    ],
)
def test_r14_a_drug_told_as_the_premise_of_a_question(  # type: ignore[no-untyped-def]
    nlp, text: str, given: bool
) -> None:
    therapies = extract(text).facts.get("prior_therapies") or []
    assert ("trastuzumab deruxtecan" in therapies) is given


@pytest.mark.parametrize(
    "text",
    [
        # the primary's operation in other words makes the drug early-disease therapy
        "A 53-year-old woman, receiving tamoxifen for a previously excised breast carcinoma, "
        "was found to have liver metastases.",
        "She had a partial mastectomy with dissection of axillary lymph nodes followed by "
        "chemotherapy. A year later PET-CT showed multiple bone metastases.",
        # a follow-up that demonstrated negative results is a disease-free interval
        "She was treated with hormone therapy for 10 years, with follow-up that always "
        "demonstrated negative results. 14 years after diagnosis a CT confirmed an orbital "
        "metastasis.",
        # the case told by its authors, a micrometastasis, a diagnosis the results supported
        "Here, we report a 63-year-old woman with a solitary pituitary metastasis 5 years "
        "following treatment for breast carcinoma.",
        "Immunohistochemistry later proved the thyroid micrometastasis to be that of breast "
        "carcinoma.",
        "These results supported brachial plexus metastasis from breast cancer.",
        "Two cases of metastatic eyelid disease from breast carcinoma are described.",
    ],
)
def test_r14_zero_lines_at_the_discovery(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    ex = extract(text)
    assert ex.facts.get("prior_lines") == 0
    assert "prior_lines" in ex.inferred


def test_r14_the_early_course_told_again_after_the_relapse(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract(
        "She relapsed after adjuvant trastuzumab. After completing her trastuzumab treatment, "
        "she presented with a cough; a PET scan showed sternal bone metastasis."
    )
    assert ex.facts.get("prior_lines") == 0
    assert "prior_therapies" not in ex.facts


def test_r14_a_regimen_retold_as_given_after_a_new_metastasis_is_failing(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "She continued maintenance pertuzumab and trastuzumab. Imaging showed a continued "
        "response in the liver but a small new pulmonary metastasis. By then she had received "
        "seven cycles of pertuzumab and trastuzumab."
    )
    assert extract(text).facts.get("progressed_on") == ["pertuzumab", "trastuzumab"]
    # resumed after a progression: begun again, not failing
    resumed = (
        "She had trastuzumab for metastatic disease. Because of a severe progression of "
        "disease, trastuzumab was resumed and continued for a year."
    )
    assert "progressed_on" not in extract(resumed).facts


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        # round 15 (r14-0009): the line moved to is begun now, its "was" tells the switch
        ("Bone metastases. Hormonal therapy was changed to 2nd line.", 1),
        ("Liver metastases; she was switched to a second-line regimen.", 1),
        ("Lung metastases. She was moved to third-line therapy.", 2),
        # a line told given stays given
        ("Bone metastases. She was treated with second-line therapy.", 2),
        ("Bone metastases, now on 2nd line.", 1),
    ],
)
def test_r15_the_line_switched_to_is_begun_not_given(  # type: ignore[no-untyped-def]
    nlp, text: str, lines: int
) -> None:
    assert extract(text).facts.get("prior_lines") == lines


@pytest.mark.parametrize(
    "text",
    [
        # round 16: care of the patient after the discovery is no cancer treatment given
        "CT revealed liver and lung metastases from her breast cancer. She chose palliative "
        "care and was discharged home.",
        "Biopsy of the skin nodule confirmed metastatic breast carcinoma. The family "
        "elected palliative care with home hospice.",
        # a local treatment of the site by its adjective
        "Biopsy confirmed a breast cancer metastasis to the parotid gland. We chose operative "
        "treatment and removed the mass.",
        # the treatment named as the first disease's
        "Orbital biopsy confirmed metastatic lobular breast carcinoma. A recurrence 25 years "
        "after the treatment of her primary breast cancer is rare.",
        "Imaging revealed bone metastases. Her relapse came 12 years after treatment of the "
        "initial disease.",
        # lines that are not lines of therapy: on an ultrasound, a catheter
        "Ultrasound showed a thyroid lesion with hypoechoic lines; biopsy confirmed metastatic "
        "breast carcinoma.",
        "CT revealed liver metastases from breast cancer. Two central lines were placed.",
        # a symptom refractory to its own care is no cancer treatment failing
        "She has had ER+ breast cancer, treated with mastectomy and adjuvant chemotherapy. She "
        "presented with nausea refractory to antiemetics. CT revealed liver metastases.",
        "She presented years after curative treatment with constipation refractory to "
        "laxatives. Biopsy demonstrated bone metastasis of lobular breast carcinoma.",
        # a treatment only planned, before or in the sentence of the discovery
        "A 70-year-old woman with ER-negative metastatic breast cancer was referred for "
        "consideration of palliative treatment. Her lung metastases had recently been "
        "diagnosed on routine follow-up after mastectomy.",
        "Further tests revealed that the cancer had spread to her spine and liver, and her "
        "surgeon referred her to me for chemotherapy.",
        # round 17: a drug told after the early disease's diagnosis or operation and before
        # the first metastasis the text tells was early-disease treatment
        "She was diagnosed with stage II invasive lobular carcinoma of the left breast in 2015 "
        "and took anastrozole for three years. In 2021 a CT scan revealed liver metastases.",
        "A modified radical mastectomy was done in 2012, followed by six cycles of docetaxel and "
        "cyclophosphamide. Two years after the start of docetaxel she was found to have lung "
        "metastases.",
    ],
)
def test_r16_no_systemic_line_told_after_the_discovery(  # type: ignore[no-untyped-def]
    nlp, text: str
) -> None:
    ex = extract(text)
    assert ex.facts.get("prior_lines") == 0
    assert "prior_lines" in ex.inferred
    assert ex.facts.get("prior_therapies") is None  # no metastatic therapy told


@pytest.mark.parametrize(
    "text",
    [
        # the contrasts: a systemic treatment told given after the discovery is still a line
        "CT revealed liver metastases from breast cancer. She received palliative "
        "chemotherapy with paclitaxel for six cycles.",
        "CT revealed liver metastases from breast cancer. She was treated with palliative "
        "chemotherapy and later second-line capecitabine.",
        "CT revealed liver metastases from breast cancer; she has had two lines of treatment.",
        # the disease refractory to a cancer treatment, pretreated, a treatment given
        "Liver metastases were found; the disease was refractory to paclitaxel.",
        "A woman with metastatic breast cancer, heavily pretreated with palliative "
        "chemotherapy. CT revealed new liver metastases.",
        "Further tests revealed that the cancer had spread to her spine and liver, and she "
        "received chemotherapy for six months.",
        # round 17: a drug before the first metastasis that may have been a line — the
        # metastases told new, a drug given now, no early story before the drug, the case
        # summed up after its treatment
        "She was diagnosed with breast cancer and given letrozole and palbociclib. CT now shows "
        "new liver metastases.",
        "She was diagnosed with breast cancer in 2019 and is currently on capecitabine. A CT "
        "revealed liver metastases.",
        "She took anastrozole for three years. In 2021 a CT scan revealed liver metastases.",
        "She was diagnosed with breast cancer in 2018 and treated with palbociclib and "
        "letrozole. In 2021, CT revealed liver metastases.",
        "She was diagnosed with breast cancer; weekly paclitaxel was given with a partial "
        "response. This case is a rare presentation of breast cancer metastasizing to the "
        "stomach.",
    ],
)
def test_r16_a_systemic_treatment_given_or_failing_is_not_zero(  # type: ignore[no-untyped-def]
    nlp, text: str
) -> None:
    assert extract(text).facts.get("prior_lines") != 0


def _history_is(ex, lines: int | None, chemo: int | None, failing: list[str] | None) -> None:  # type: ignore[no-untyped-def]
    assert ex.facts.get("prior_lines") == lines
    assert ex.facts.get("prior_chemo_lines") == chemo
    assert ex.facts.get("progressed_on") == failing


@pytest.mark.parametrize(
    ("text", "lines", "chemo", "failing"),
    [
        # round 16: regimens told one after another from the metastatic event, each after a
        # progression on the one before, are the history in order (as a "then" would be)
        (
            "Bone metastases were found at staging and she was treated with anastrozole. After "
            "four years, progression in the bones was noted and anastrozole was switched to "
            "exemestane. A year later the bone disease progressed again.",
            2,
            0,
            ["exemestane"],
        ),
        (
            "CT showed liver metastases from her breast cancer. Epirubicin and cyclophosphamide "
            "failed to control the disease; the liver metastases responded to weekly "
            "paclitaxel but eventually regrew.",
            2,
            2,
            ["paclitaxel"],
        ),
        (
            "Lung metastases were found in 2018 and treated with letrozole and palbociclib. The "
            "disease progressed after two years and she received fulvestrant; it progressed "
            "again in 2022.",
            2,
            0,
            ["fulvestrant"],
        ),
    ],
)
def test_r16_regimens_chained_by_progressions_from_the_event(  # type: ignore[no-untyped-def]
    nlp, text: str, lines: int, chemo: int, failing: list[str]
) -> None:
    _history_is(extract(text), lines, chemo, failing)


@pytest.mark.parametrize(
    "text",
    [
        # the contrasts: lines told unnamed, a class word for a regimen, no event told first
        "Liver metastases were found. She had several lines of chemotherapy; after progression "
        "on eribulin she received vinorelbine, which also failed.",
        "Liver metastases were found. After progression on hormone therapy she received "
        "paclitaxel, which also failed.",
        # the progression before the second regimen is the second's own ("following a
        # progression on letrozole"), told in the other order
        "ER+ metastatic breast cancer with liver metastases. She was treated with capecitabine "
        "as second-line therapy following a rapid progression on letrozole.",
    ],
)
def test_r16_a_chain_that_is_no_history_in_order(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    # no chemotherapy lines counted from regimens that are not the whole history in order
    assert extract(text).facts.get("prior_chemo_lines") is None


@pytest.mark.parametrize(
    ("text", "lines", "chemo"),
    [
        # round 17 (from round-16 misses): an ordinal told on the last regimen, the regimen
        # told working, is the line she is on: the lines before it are counted, not it
        ("Liver metastases were found in 2019. Eribulin given as fourth-line treatment was very "
         "effective.", 3, None),
        ("Bone metastases in 2018. In 2022 she received vinorelbine as third-line therapy with "
         "a good response.", 2, None),
        ("Lung mets 2019: letrozole + palbociclib first-line, progression 2021. Then capecitabine "
         "as second-line, with a partial response.", 1, 0),
    ],
)  # fmt: skip
def test_r17_an_ordinal_line_told_working_counts_the_lines_before_it(  # type: ignore[no-untyped-def]
    nlp, text: str, lines: int, chemo: int | None
) -> None:
    ex = extract(text)
    assert ex.facts.get("prior_lines") == lines
    assert ex.facts.get("prior_chemo_lines") == chemo
    assert ex.facts.get("progressed_on") is None


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        # the contrasts: a working ordinal told failing later is given, and so is one told not
        # effective;
        # a working first line is no line given (round 20, FORMAT.md: a line begun and not
        # failing is not counted; tests/test_extract_round20_lines.py)
        ("Eribulin as fourth-line therapy gave a response for 6 months, then progression in the "
         "liver.", 4),
        # (stop 55: told "not effective" after it, the third line was given and failed, as
        # "didn't work" is read; it had been asked)
        ("She has MBC. Capecitabine administered as third-line treatment was not effective.", 3),
        ("Liver metastases. Letrozole and palbociclib as first-line therapy, with a good "
         "response.", 0),
    ],
)  # fmt: skip
def test_r17_a_working_ordinal_that_is_not_the_current_line(  # type: ignore[no-untyped-def]
    nlp, text: str, lines: int | None
) -> None:
    assert extract(text).facts.get("prior_lines") == lines


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        # a count of earlier regimens told with a history word ("two failed therapies")
        ("The cancer came back in her liver. After two failed therapies, she was given "
         "sacituzumab govitecan, which is working.", 2),
        ("Bone metastases; she has had 3 unsuccessful palliative treatments so far.", 3),
        ("After two previous regimens for metastatic disease she starts eribulin.", 2),
        # not a count of lines: no history word before the treatments
        ("Two therapies were discussed with her for the liver metastases.", None),
    ],
)  # fmt: skip
def test_r17_a_count_of_failed_or_previous_therapies(  # type: ignore[no-untyped-def]
    nlp, text: str, lines: int | None
) -> None:
    ex = extract(text)
    assert ex.facts.get("prior_lines") == lines
    assert ex.facts.get("progressed_on") is None


@pytest.mark.parametrize(
    ("text", "failing"),
    [
        # the line after the last regimen asked now: that regimen has failed
        ("Lung metastases. First-line docetaxel, trastuzumab and pertuzumab; progression after a "
         "year. Then eighteen months of good control on T-DXd. Now the team is looking for "
         "third-line therapy.", ["trastuzumab deruxtecan"]),
        ("Bone mets: letrozole and ribociclib as first line for 3 years, then fulvestrant. And "
         "now we must pick a third-line treatment.", ["fulvestrant"]),
        # the contrasts: a line only considered, or after a regimen told working, or a count
        # that does not follow the last regimen's
        ("Liver mets. Letrozole + palbociclib as first-line since 2021, working well. Now we are "
         "thinking about second-line options for later.", None),
        ("Bone mets: letrozole and ribociclib as first line, then fulvestrant with a good "
         "response. Now she needs third-line therapy.", None),
        ("Bone mets: letrozole and ribociclib as first line, then fulvestrant. Now she is "
         "considered for fifth-line therapy.", None),
    ],
)  # fmt: skip
def test_r17_the_next_line_asked_now_ends_the_last_regimen(  # type: ignore[no-untyped-def]
    nlp, text: str, failing: list[str] | None
) -> None:
    assert extract(text).facts.get("progressed_on") == failing


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        # the case summed up first, then its early course told with its adjuvant word: the
        # course's words ("four cycles") are the early course's, not a line after the event
        ("We report a case of metastatic breast cancer to the orbit in a 60-year-old woman. "
         "Years before, she completed adjuvant docetaxel and cyclophosphamide (six cycles) and "
         "letrozole (for five years).", 0),
        ("The authors describe breast cancer metastatic to the orbit in a woman of 52. She "
         "completed adjuvant epirubicin (four cycles) and anastrozole.", 0),
        # the contrast: a line given after the early course still counts
        ("We report a case of metastatic breast cancer to the orbit. She completed adjuvant "
         "epirubicin (four cycles). She then received capecitabine for the metastases, which "
         "failed after six cycles.", 1),
    ],
)  # fmt: skip
def test_r17_an_adjuvant_course_told_after_the_case_summary(  # type: ignore[no-untyped-def]
    nlp, text: str, lines: int
) -> None:
    ex = extract(text)
    assert ex.facts.get("prior_lines") == lines
    assert "epirubicin" not in (ex.facts.get("prior_therapies") or [])


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        # the cancer told back (a recurrence in plain words) is the event
        ("We waited for the results, and that day he told me my breast cancer had returned and "
         "it was now in my spine.", 0),
        ("Last spring the cancer came back, this time in her bones and liver.", 0),
        ("The cancer was back. Chemo kept the cancer from growing, but then she felt pain in "
         "her abdomen. Cancer had spread to her liver.", 1),
        # the contrasts: back once more (metastatic disease known before), back pain
        ("The disease has returned for a third time, in the liver.", None),
        ("She has back pain and the pain came back after the walk.", None),
    ],
)  # fmt: skip
def test_r17_the_cancer_told_back_is_the_event(  # type: ignore[no-untyped-def]
    nlp, text: str, lines: int | None
) -> None:
    assert extract(text).facts.get("prior_lines") == lines


@pytest.mark.parametrize(
    ("text", "lines", "chemo", "failing"),
    [
        # a maintenance begun after a first line with nothing failing is the same line
        ("Liver metastases in 2020. First-line paclitaxel and bevacizumab for six cycles with a "
         "partial response, then maintenance letrozole; after 14 months the liver lesions "
         "progressed.", 1, 1, ["letrozole"]),
        ("Liver metastases in 2020. First-line docetaxel, trastuzumab and pertuzumab; she then "
         "went on to maintenance trastuzumab and pertuzumab. Progression in the liver after 2 "
         "years.", 1, 1, ["trastuzumab", "pertuzumab"]),
        # the contrast: called maintenance, but begun at a progression: a line of its own
        ("Liver metastases in 2020. First-line letrozole, progression after a year, then "
         "maintenance capecitabine; progressing again.", 2, 1, ["capecitabine"]),
    ],
)  # fmt: skip
def test_r17_a_maintenance_after_the_first_line_is_the_same_line(  # type: ignore[no-untyped-def]
    nlp, text: str, lines: int, chemo: int, failing: list[str]
) -> None:
    _history_is(extract(text), lines, chemo, failing)


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        # growth told of a subject further off, through a linking verb: the line failing
        ("CT revealed metastases in the iliac muscle. Chemotherapy was administered, but the "
         "mass in the muscle became enlarged.", 1),
        ("CT revealed liver metastases. She was given capecitabine; the nodules in both lungs "
         "got larger.", 1),
        # the contrast: the patient, not the disease, is the subject (the line only begun)
        ("Liver metastases were found. She was started on capecitabine and the patient became "
         "weaker.", 0),
    ],
)  # fmt: skip
def test_r17_a_growth_told_through_a_linking_verb(  # type: ignore[no-untyped-def]
    nlp, text: str, lines: int | None
) -> None:
    assert extract(text).facts.get("prior_lines") == lines


def test_r17_a_class_word_retelling_the_regimen_does_not_hide_its_failure(nlp) -> None:  # type: ignore[no-untyped-def]
    # "chemotherapy was changed to eribulin" retells paclitaxel's course after its failure:
    # the progression told before the retelling is still between the two regimens
    ex = extract(
        "Bone metastases were diagnosed, and paclitaxel chemotherapy was initiated. Three months "
        "later, the tumour markers increased again. Because the pain also worsened, "
        "chemotherapy was changed to eribulin. Two months later, the markers were elevated "
        "again."
    )
    assert ex.facts.get("progressed_on") == ["eribulin"]


@pytest.mark.parametrize(
    "text",
    [
        # a marker named rising again ("CEA rose again") after the regimen switched to, the
        # time on it told in words ("after four months"): that regimen is failing
        "Lung metastases were diagnosed and docetaxel chemotherapy was begun. Six months later "
        "CEA increased again, and the chemotherapy was switched to vinorelbine; after four "
        "months CEA rose again.",
        "Lung metastases were diagnosed and docetaxel was begun. Later CEA increased again, so "
        "she was switched to vinorelbine; after two months CEA rose again.",
    ],
)
def test_r17_a_marker_rising_again_after_a_duration_in_words(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("progressed_on") == ["vinorelbine"]


@pytest.mark.parametrize(
    ("text", "zero"),
    [
        # a discovery told with the noun, or through a sample's report: 0 lines at it
        ("Her oncologist ordered a PET scan, which led to a painful discovery: the cancer had "
         "spread to her bones.", True),
        ("The resected colon segment was examined, with a pathology report of breast cancer "
         "metastasis in the bowel wall.", True),
        ("A histopathology report: metastatic lobular carcinoma of breast origin in the "
         "resected ovary.", True),
        # the contrasts: the disease in general; a line told after the discovery
        ("The pathology of breast cancer metastases to the bowel is discussed in this review.",
         False),
        ("The scan led to a discovery: the cancer had spread to her bones. She was given "
         "letrozole and palbociclib, which failed after a year.", False),
        # metastases seen on an imaging study: the discovery told
        ("On MRI, a metastatic deposit was seen in the left femoral head.", True),
        ("Through CT and bone scintigraphy, metastatic breast cancer was observed in the "
         "sternum.", True),
        # the contrasts: the patient seen in clinic, with her (known) metastatic cancer
        ("She was seen in the oncology clinic for her metastatic breast cancer after a recent "
         "MRI.", False),
        ("With her metastatic breast cancer she was seen in clinic after a recent MRI.", False),
        # a sample's reading hedged by the pathologist is the finding: 0 lines at it
        ("Biopsy of the skin nodule showed atypical cells suggestive of metastatic breast "
         "carcinoma.", True),
        ("Cytology of the pleural fluid revealed clusters of malignant cells, suggestive of "
         "metastatic lobular carcinoma of the breast.", True),
        # the contrasts: an imaging study's hedge is a suspicion, even with a biopsy planned
        ("CT showed liver lesions suggestive of metastases.", False),
        ("CT showed several liver lesions, suggestive of metastatic disease; a biopsy is "
         "planned.", False),
    ],
)  # fmt: skip
def test_r17_a_discovery_told_in_other_words(  # type: ignore[no-untyped-def]
    nlp, text: str, zero: bool
) -> None:
    # round 17: the discovery told by its noun, a sample's report, an imaging study's
    # "seen"/"observed", a pathologist's hedge — 0 lines at it; and the contrasts
    assert (extract(text).facts.get("prior_lines") == 0) is zero


@pytest.mark.parametrize(
    ("text", "lines", "chemo", "failing"),
    [
        # a list told one regimen after another ("sequentially", "subsequent treatments"):
        # each drug its own line
        ("Liver metastases; she was sequentially treated with letrozole, fulvestrant and "
         "capecitabine, and is now progressing.", 3, 1, ["capecitabine"]),
        ("Bone metastases. Her disease progressed on first-line letrozole and ribociclib. "
         "Subsequent treatments with exemestane and eribulin were also followed by "
         "progression.", 3, 1, ["eribulin"]),
        # the contrast: a plural course noun alone may be one combination's drugs
        ("Bone metastases. Her disease progressed on first-line letrozole and ribociclib. "
         "Treatments with exemestane and everolimus followed, and the disease progressed "
         "again.", 2, 0, ["exemestane", "everolimus"]),
    ],
)  # fmt: skip
def test_r17_a_list_told_one_regimen_after_another(  # type: ignore[no-untyped-def]
    nlp, text: str, lines: int, chemo: int, failing: list[str]
) -> None:
    _history_is(extract(text), lines, chemo, failing)

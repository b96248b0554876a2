"""Round 34's classes (read after its first run) and two left open from round 33, each a
template grid with metamorphic checks.

- A counted dose ("she had one dose of pembrolizumab") is a course given; "the dose of" asked
  stays a question.
- A drug the subject of a modal verb of what it may do ("a drug called Kadcyla could give her
  the time") is hoped for, not given.
- A spouse told with any verb of having the cancer ("His wife, Jennie, suffers from metastatic
  breast cancer") is the patient: the husband's "His" is not her sex.
- The news apposition's age in brackets ("Lesley (39), who was diagnosed …").
- A writer setting herself beside other women ("different to lots of the other women") is a
  woman.
- A remission or cancer-free years told after a treatment ("went into total remission",
  "had been cancer-free for five years") make it early-disease treatment.
- "Given the presence of …" opening a clause is no treatment given.
- The scope judge reads an event timed by the (neo)adjuvant course's cycles ("Ten days after
  the second cycle, she developed fever"), a lump found at the story's start ("After finding a
  lump in her breast"), and the work-up before neoadjuvant therapy still to come as early
  disease.
- Round 33: an ordinal of chemotherapy ("my fourth regimen of chemotherapy") counts
  chemotherapy lines; the early disease told progressing into metastatic disease ("her cancer
  had progressed to metastatic breast cancer", "had become Stage 4") is the discovery.
"""

from __future__ import annotations

import pytest

from chatbot.dialogue.scope import judge_scope
from chatbot.nlp import extract

DRUGS = ["pembrolizumab", "capecitabine", "eribulin"]


@pytest.mark.parametrize("drug", DRUGS)
@pytest.mark.parametrize("count", ["one dose", "two doses", "1 dose", "three doses"])
def test_a_counted_dose_is_a_course_given(nlp, drug: str, count: str) -> None:  # type: ignore[no-untyped-def]
    text = f"Stage IV TNBC. She had {count} of {drug}, but her disease subsequently progressed."
    facts = extract(text).facts
    assert drug in facts.get("prior_therapies", [])
    assert drug in facts.get("progressed_on", [])


@pytest.mark.parametrize("drug", DRUGS)
def test_the_dose_asked_is_no_course(nlp, drug: str) -> None:  # type: ignore[no-untyped-def]
    """Metamorphic: without a count the dose is asked about, not given."""
    assert drug not in extract(f"What is the dose of {drug}?").facts.get("prior_therapies", [])


@pytest.mark.parametrize(
    ("brand", "generic"),
    [
        ("Kadcyla", "trastuzumab emtansine"),
        ("Enhertu", "trastuzumab deruxtecan"),
        ("Ibrance", "palbociclib"),
    ],
)
@pytest.mark.parametrize(
    "modal", ["could give her", "might help her", "may extend her life", "would buy her"]
)
def test_a_drug_hoped_for_is_not_given(nlp, brand: str, generic: str, modal: str) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Her cancer has spread to her liver, ribs and brain. "
        f"But a drug called {brand} {modal} time."
    )
    assert generic not in extract(text).facts.get("prior_therapies", [])


@pytest.mark.parametrize(
    ("brand", "generic"), [("Kadcyla", "trastuzumab emtansine"), ("Ibrance", "palbociclib")]
)
def test_a_drug_given_then_hoped_for_stays_given(nlp, brand: str, generic: str) -> None:  # type: ignore[no-untyped-def]
    """Metamorphic: the same drug told given is a prior therapy."""
    text = f"Her cancer has spread to her liver. She was started on {brand} in March."
    assert generic in extract(text).facts.get("prior_therapies", [])


@pytest.mark.parametrize(
    "verb",
    [
        "suffers from",
        "is suffering from",
        "is battling",
        "battled",
        "is fighting",
        "lives with",
        "died of",
    ],
)
@pytest.mark.parametrize("writer", ["His", "Her", "Their"])
def test_a_spouse_with_the_cancer_is_the_patient(nlp, verb: str, writer: str) -> None:  # type: ignore[no-untyped-def]
    text = (
        f"Montreal resident George Govas doesn't understand the rules. {writer} wife, Jennie, "
        f"{verb} metastatic breast cancer."
    )
    assert extract(text).facts.get("sex") == "female"


def test_a_husband_with_the_cancer_is_male(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Her husband, Tom, suffers from metastatic breast cancer in his bones."
    assert extract(text).facts.get("sex") == "male"


@pytest.mark.parametrize("n", [39, 52, 71])
@pytest.mark.parametrize(
    "after",
    [
        ", who was diagnosed last year with breast cancer,",
        " was diagnosed with metastatic breast cancer and",
    ],
)
def test_the_bracketed_apposition_age(nlp, n: int, after: str) -> None:  # type: ignore[no-untyped-def]
    text = f"Lesley ({n}){after} had chemotherapy."
    assert extract(text).facts.get("age") == n


def test_a_relatives_bracketed_age_is_not_hers(nlp) -> None:  # type: ignore[no-untyped-def]
    """Metamorphic: the age of a relative named before the name is his."""
    text = "I have metastatic breast cancer. My husband, Tom (52), says we will get through it."
    assert extract(text).facts.get("age") != 52


@pytest.mark.parametrize(
    "comparison",
    [
        "I'm probably a bit different to lots of the other women because I'm so young",
        "I feel older than the other women in my group",
        "unlike most of the other women there, I have no children",
    ],
)
def test_a_writer_beside_other_women_is_a_woman(nlp, comparison: str) -> None:  # type: ignore[no-untyped-def]
    text = f"I got my secondary diagnosis in January this year. {comparison}."
    assert extract(text).facts.get("sex") == "female"


def test_other_women_beside_a_carer_say_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    """Metamorphic: a text telling no cancer of the writer's own gives no writer's sex."""
    text = "My husband says I'm different to the other women at the gym."
    assert extract(text).facts.get("sex") is None


@pytest.mark.parametrize(
    "free",
    [
        "After chemotherapy and radiation, I went into total remission in 2006.",
        "After chemotherapy and radiation, I was cancer-free for five years.",
        "After chemotherapy and radiation, there was no sign of cancer.",
    ],
)
def test_a_remission_after_treatment_makes_it_early(nlp, free: str) -> None:  # type: ignore[no-untyped-def]
    text = (
        f"I was diagnosed with HER2-positive breast cancer in 2005. {free} In 2011, my cancer "
        "returned and had spread to my lung."
    )
    facts = extract(text).facts
    assert facts.get("prior_lines") == 0
    assert "lung" in facts.get("metastatic_sites", [])


def test_without_a_remission_the_count_stays_open(nlp) -> None:  # type: ignore[no-untyped-def]
    """Metamorphic: chemotherapy told with no early-disease sign keeps the count open."""
    text = "I had chemotherapy in 2005. In 2011, my cancer returned and had spread to my lung."
    assert extract(text).facts.get("prior_lines") != 0


@pytest.mark.parametrize("considered", ["the presence of", "the size of", "her symptoms from"])
def test_given_the_is_no_treatment(nlp, considered: str) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The patient was found to have bilateral choroidal metastases as well as advanced cerebral "
        "metastatic disease. Further medical work-up revealed widespread infiltrative ductal breast "
        f"carcinoma. Given {considered} large occipital lobe lesions, the vision loss was thought "
        "to be cortical blindness."
    )
    assert extract(text).facts.get("prior_lines") == 0


def test_was_given_the_drug_is_a_treatment(nlp) -> None:  # type: ignore[no-untyped-def]
    """Metamorphic: "given" after its verb is a treatment given (the count is not 0)."""
    text = (
        "The patient was found to have liver metastases from breast cancer. She was given the "
        "drug paclitaxel, and the liver lesions grew."
    )
    assert extract(text).facts.get("prior_lines") != 0


@pytest.mark.parametrize(("ordinal", "before"), [("fourth", 3), ("third", 2), ("second", 1)])
@pytest.mark.parametrize("chemo", ["chemotherapy", "chemo"])
def test_an_ordinal_of_chemotherapy_counts_chemotherapy_lines(
    nlp, ordinal: str, before: int, chemo: str
) -> None:  # type: ignore[no-untyped-def]
    text = f"She has metastatic breast cancer. I'm entering my {ordinal} regimen of {chemo}."
    facts = extract(text).facts
    assert facts.get("prior_chemo_lines") == before
    assert facts.get("prior_lines") == before


@pytest.mark.parametrize("ordinal", ["third-line chemotherapy", "her third line of treatment"])
def test_an_ordinal_of_lines_counts_no_chemotherapy_lines(nlp, ordinal: str) -> None:  # type: ignore[no-untyped-def]
    """Metamorphic: chemotherapy given as the third line says nothing of the lines before."""
    text = f"She has metastatic breast cancer and is now on {ordinal}."
    assert extract(text).facts.get("prior_chemo_lines") is None


@pytest.mark.parametrize(
    "became",
    [
        "her cancer had progressed to metastatic breast cancer",
        "her cancer had advanced to stage IV",
        "her cancer progressed to stage 4",
        "my cancer returned and had become Stage 4 metastasized breast cancer",
    ],
)
def test_early_disease_becoming_metastatic_is_the_discovery(nlp, became: str) -> None:  # type: ignore[no-untyped-def]
    text = (
        "When she was diagnosed with triple-positive breast cancer, she had surgery, chemotherapy, "
        f"radiation, and hormone therapy. In 2015 she learned {became}."
    )
    assert extract(text).facts.get("prior_lines") == 0


def test_progression_to_a_new_organ_on_a_line_is_no_discovery(nlp) -> None:  # type: ignore[no-untyped-def]
    """Metamorphic: metastatic disease progressing to another organ on a line is that line
    failing, never 0 lines."""
    text = (
        "She was treated with letrozole and palbociclib for bone metastases. Her cancer later "
        "progressed to the liver."
    )
    facts = extract(text).facts
    assert facts.get("prior_lines") != 0
    assert "palbociclib" in facts.get("progressed_on", [])


@pytest.mark.parametrize(
    "cycle", ["the second cycle", "her first dose", "cycle 3", "the third infusion"]
)
def test_an_event_in_the_adjuvant_course_is_early(cycle: str) -> None:
    text = (
        "A young woman was recently diagnosed with Stage II breast cancer. Post-resection, she was "
        f"started on adjuvant docetaxel, doxorubicin and cyclophosphamide. Ten days after {cycle}, "
        "she developed fever and headache."
    )
    assert judge_scope(text).out_of_scope


def test_a_metastasis_in_the_adjuvant_course_stays_in_scope() -> None:
    """Metamorphic: a recurrence found on the course ends the adjuvant setting."""
    text = (
        "She was diagnosed with Stage II breast cancer and started on adjuvant docetaxel. After "
        "the second cycle, a CT showed new liver metastases."
    )
    assert not judge_scope(text).out_of_scope


@pytest.mark.parametrize(
    "text",
    [
        "After finding a lump in her breast on vacation, she sought treatment. She had surgery "
        "within one week and will need chemotherapy and an antibody treatment for HER2-positive "
        "invasive ductal carcinoma.",
        "I was diagnosed with triple positive breast cancer. After numerous scans, biopsies and "
        "results, I was referred to my oncologist with the plan to start neoadjuvant (pre surgery) "
        "chemotherapy within a few weeks.",
    ],
)
def test_the_primarys_own_story_is_early(text: str) -> None:
    assert judge_scope(text).out_of_scope


@pytest.mark.parametrize(
    "text",
    [
        "A 30-year-old lady presented with obstructive jaundice in 2011. She was a known case of "
        "locally advanced breast cancer diagnosed in 2008 and received 3 cycles of neoadjuvant "
        "chemotherapy, then mastectomy.",
        "After finding a lump in her breast she had surgery; two years later scans showed liver "
        "metastases.",
    ],
)
def test_a_presentation_after_early_disease_stays_in_scope(text: str) -> None:
    """Metamorphic: a presentation told before a past neoadjuvant course, or metastases after
    the lump, is a recurrence."""
    assert not judge_scope(text).out_of_scope

"""Round 19 classes (helper classes19), CheckList-style: templates whose slots expand into
variants with the facts each must give, and metamorphic variants that must not change.

1. Discovery of metastatic disease told in a patient's words: the adjuvant purpose told in
   lay words ("to prevent it coming back") and the neoadjuvant one ("before my mastectomy")
   are early-disease treatment, so a drug started at the discovery leaves 0 lines given; a
   how/why question placing her breast cancer in a distant organ, with the story of the first
   stage, is the discovery.
2. Brain metastases told through their scans ("my first brain MRI (pre-radiation) … all the
   cancer shrunk") are treated and settled; new lesions told in the phrase a bare brain word
   closes ("two new spots in my brain") or after it ("but a new one appeared") stay active.
3. The dura told as the outer meninges ("dura mater", "pachymeningeal") is the meninges.
4. A stated count of lines and a regimen told after it: one more line when it is failing.
"""

from __future__ import annotations

import itertools

import pytest

from chatbot.nlp import extract
from tests.checklist import Case, spread


def _check(case: Case) -> None:
    ex = extract(case.text)
    for fact, value in case.expect.items():
        assert ex.facts.get(fact) == value, (case.text, fact, ex.facts)
    for fact in case.absent:
        assert fact not in ex.facts, (case.text, fact, ex.facts)
    assert case.inferred <= ex.inferred, (case.text, ex.inferred)


# -- 1. discovery in a patient's words -----------------------------------------------------
LAY_ADJUVANT = (
    "to prevent it coming back",
    "to prevent it from coming back",
    "to stop it coming back",
    "to keep it from coming back",
    "to prevent recurrence",
)
ENDOCRINE = ("letrozole", "anastrozole", "tamoxifen", "exemestane")
ADDED = ("palbociclib", "ribociclib", "abemaciclib")
FOUND = (
    "Scans showed it had spread to my liver",
    "In March a CT showed it had spread to my bones",
    "Last month I was diagnosed with secondary breast cancer in my liver",
)


def _lay_adjuvant_cases() -> list[Case]:
    out = []
    for purpose, drug, added, found in spread(
        list(itertools.product(LAY_ADJUVANT, ENDOCRINE, ADDED, FOUND)), 40
    ):
        text = (
            f"{found} and I was started on {added} with the {drug} I had been taking for "
            f"two years {purpose}."
        )
        out.append(
            Case("lay adjuvant", text, {"prior_lines": 0}, inferred=frozenset({"prior_lines"}))
        )
    return out


@pytest.mark.parametrize("case", _lay_adjuvant_cases(), ids=lambda c: c.text[:60])
def test_a_drug_begun_at_the_discovery_with_the_lay_adjuvant_one_is_no_line(
    nlp, case: Case
) -> None:  # type: ignore[no-untyped-def]
    _check(case)
    assert case.text.split(" the ")[-1].split()[0] not in extract(case.text).facts.get(
        "prior_therapies", []
    ), case.text  # the endocrine drug taken to prevent recurrence is early-disease therapy


ORGANS = {"lungs": "lung", "liver": "liver", "bones": "bone", "brain": "brain"}
WONDER = ("How can I have breast cancer in my {o}?", "Why do I have breast cancer in my {o}?")
FIRST_STAGE = (
    "I was stage 2 five years ago, had a lumpectomy and radiation.",
    "Five years ago I was diagnosed with stage 1 breast cancer and had a mastectomy.",
    "In my first go-round I was stage III and had chemo and surgery.",
)


@pytest.mark.parametrize(
    ("question", "organ", "story"),
    list(itertools.product(WONDER, ORGANS.items(), FIRST_STAGE)),
)
def test_breast_cancer_placed_in_an_organ_with_the_first_stage_is_the_discovery(
    nlp, question: str, organ: tuple[str, str], story: str
) -> None:  # type: ignore[no-untyped-def]
    text = f"{question.format(o=organ[0])} {story}"
    ex = extract(text)
    assert ex.facts.get("prior_lines") == 0, (text, ex.facts)
    assert "prior_lines" in ex.inferred
    assert organ[1] in ex.facts.get("metastatic_sites", []), (text, ex.facts)


@pytest.mark.parametrize(
    "text",
    [
        # metamorphic: no story of the first stage, a line told after, a hypothetical
        "How can I have breast cancer in my lungs?",
        "How can I have breast cancer in my lungs? I was stage 2 five years ago, had a "
        "lumpectomy and radiation. I am on my third line now.",
        "What if I get breast cancer in my lungs? I had a lumpectomy.",
        "How can I have breast cancer in my lungs? I have been on Ibrance for two years.",
        # the drug begun at the discovery then told failing
        *(
            f"Scans showed it had spread to my liver and I was started on {added} with the "
            f"letrozole I had been taking {purpose}; after 14 months it progressed."
            for purpose, added in itertools.product(LAY_ADJUVANT[:3], ADDED[:2])
        ),
    ],
)
def test_no_0_without_the_discovery_or_with_lines_after(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("prior_lines") != 0, text


@pytest.mark.parametrize(
    ("op", "found"),
    list(
        itertools.product(
            ("mastectomy", "surgery", "lumpectomy"),
            (
                "Two years later they found it in my bones and I am now considered Stage 4.",
                "Two years later scans showed it had spread to my liver.",
            ),
        )
    ),
)
def test_chemo_before_the_operation_is_early_disease_therapy(nlp, op: str, found: str) -> None:  # type: ignore[no-untyped-def]
    text = f"I had a chemo cocktail of AC and Taxol before my {op}. {found}"
    ex = extract(text)
    assert ex.facts.get("prior_lines") == 0, (text, ex.facts)
    assert not ex.facts.get("prior_therapies"), (text, ex.facts)


# -- 2. brain metastases told through their scans ---------------------------------------------
SCANS = (
    "He compared my first brain MRI (pre-radiation) to my most recent brain MRI and",
    "My brain MRI after the gamma knife showed",
    "My latest brain MRI since the radiation shows",
    "I had whole brain radiation in March and my latest brain MRI shows",
    "I had gamma knife in May. My brain MRI last week showed",
)
SETTLED = (
    "all the cancer shrunk",
    "the tumors have shrunk",
    "the spots are gone",
    "the lesions are stable",
    "the mets have disappeared",
)
ACTIVE = (
    "the cancer grew",
    "there are two new spots",
    "the tumors are bigger",
    "the tumors shrunk but there is another one",
)


@pytest.mark.parametrize(("scan", "told"), list(itertools.product(SCANS, SETTLED)))
def test_a_brain_scan_after_its_treatment_telling_the_disease_settled(
    nlp, scan: str, told: str
) -> None:  # type: ignore[no-untyped-def]
    text = f"{scan} {told}."
    got = extract(text).facts
    assert got.get("brain_metastases") is False, (text, got)
    assert "brain" in got.get("metastatic_sites", []), (text, got)


@pytest.mark.parametrize(("scan", "told"), list(itertools.product(SCANS, ACTIVE)))
def test_a_brain_scan_telling_activity_is_never_settled(nlp, scan: str, told: str) -> None:  # type: ignore[no-untyped-def]
    text = f"{scan} {told}."
    assert extract(text).facts.get("brain_metastases") is not False, text


NEW_IN_BRAIN = (
    "two new spots in my brain",
    "two new metastases in her brain",
    "several new lesions in the brain",
    "a new tumor in my brain",
)
AFTER_TREATMENT = (
    "My first brain MRI after radiation showed",
    "Brain MRI after gamma knife showed",
    "After whole brain radiation the MRI showed",
)
# (text, brain_metastases): True active, False settled, None anything but settled
BRAIN_STATES: list[tuple[str, bool | None]] = [
    # no local brain treatment told, or one still to come: the scan settles nothing
    ("My brain MRI showed the spots are gone.", None),
    ("He compared my first brain MRI to my most recent one and all the cancer shrunk.", None),
    ("I will have radiation next month; my brain MRI showed the spots have shrunk.", None),
    # the words of another organ
    ("My brain MRI after radiation was fine and the liver lesions have shrunk.", None),
    # new lesions told in the phrase the brain word closes, after its treatment
    *((f"{scan} {new}.", True) for scan, new in itertools.product(AFTER_TREATMENT, NEW_IN_BRAIN)),
    # a new one told after the treated lesions, in their sentence
    ("The MRI showed the brain tumors shrunk after radiation but a new one appeared.", True),
    ("The brain metastases shrank after SRS but another lesion has appeared.", True),
    ("The brain mets were treated with gamma knife and shrank, but two new ones appeared.", True),
    # metamorphic: the treated brain stays settled; a new lesion of another organ is its own
    ("After the gamma knife the tumors in my brain have shrunk.", False),
    ("The brain metastases were treated with SRS and are stable.", False),
    ("Brain mets s/p SRS, stable; new liver lesions.", False),
]


@pytest.mark.parametrize(("text", "state"), BRAIN_STATES)
def test_the_brain_state_told_around_its_treatment(nlp, text: str, state: bool | None) -> None:  # type: ignore[no-untyped-def]
    got = extract(text).facts.get("brain_metastases")
    if state is None:
        assert got is not False, text
    else:
        assert got is state, text


# -- 3. the dura -------------------------------------------------------------------------------
# (text, the meninges read?)
DURAL: list[tuple[str, bool]] = [
    ("MRI showed a dura mater metastasis.", True),
    ("She had a metastasis to the dura mater from her breast cancer.", True),
    ("Pachymeningeal metastasis from breast cancer was diagnosed.", True),
    ("MRI showed pachymeningeal involvement by metastatic breast cancer.", True),
    ("A dural based mass was found; biopsy showed metastatic breast carcinoma.", True),
    ("Metastatic breast carcinoma involving the dura was found at craniotomy.", True),
    # the dura without a finding is no site
    ("The dura mater was opened and closed without complications.", False),
    ("A dural tear was repaired during the spine surgery.", False),
    ("Pachymeningeal enhancement after lumbar puncture is benign.", False),
]


@pytest.mark.parametrize(("text", "site"), DURAL)
def test_the_dura_is_the_meninges(nlp, text: str, site: bool) -> None:  # type: ignore[no-untyped-def]
    got = extract(text).facts
    assert ("meninges" in got.get("metastatic_sites", [])) is site, (text, got)


def test_a_bone_the_dural_mass_invades_stays_bone(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A dural-based mass invading the sphenoid bone was found; biopsy showed metastatic "
        "breast carcinoma."
    )
    got = extract(text).facts
    assert {"meninges", "bone"} <= set(got.get("metastatic_sites", [])), got


# -- 4. a stated count and a regimen told after it -------------------------------------------
COUNTS = {"Two prior lines": 2, "Three prior lines": 3, "She has had two prior lines": 2}
AFTER = ("then", "followed by", "subsequently")
CHEMO = ("capecitabine", "eribulin", "paclitaxel")
FAILING = ("now progressing", "with progression on it")
NOT_FAILING = ("which she just started", "responding well")


@pytest.mark.parametrize(
    ("count", "after", "drug", "tail"),
    list(itertools.product(COUNTS, AFTER, CHEMO, FAILING + NOT_FAILING)),
)
def test_a_regimen_after_the_count_is_one_more_line_when_failing(
    nlp, count: str, after: str, drug: str, tail: str
) -> None:  # type: ignore[no-untyped-def]
    # failing: the count and it; just begun or responding: the line she is on, not counted
    text = f"{count}, {after} {drug}, {tail}."
    want = COUNTS[count] + (tail in FAILING)
    assert extract(text).facts.get("prior_lines") == want, text


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("Two prior lines, then eribulin and then capecitabine, now progressing.", 4),
        ("Two prior lines, then eribulin, then capecitabine which is working well.", 3),
        ("She had two prior lines; now on eribulin and progressing.", 3),
        ("She had two prior lines and is now on eribulin with good response.", 2),
        # the regimens named inside the count, or the last of them, are the count's own
        (
            "Three prior lines (letrozole/palbociclib, fulvestrant, capecitabine), now progressing.",
            3,
        ),
        ("Three prior lines including capecitabine, now progressing.", 3),
        ("Three prior lines, most recently capecitabine, now progressing.", 3),
        ("Three prior lines: letrozole, fulvestrant, then capecitabine, now progressing.", 3),
    ],
)
def test_the_count_and_the_regimens_after_it(nlp, text: str, lines: int) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("prior_lines") == lines, text

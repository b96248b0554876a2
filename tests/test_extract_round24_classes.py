"""Round 24's classes (read after its first run), each a template grid with metamorphic checks.

- A treatment told not to have worked, as patients write it ("went into Capcetibine which
  didn't work, then self funded Kadcyla which also didn't work"): the drug before the cue
  failed, also across "which"; a failure of something else ("the port didn't work", "did not
  respond to a diagnostic trial of pyridostigmine") and a person's job ("her husband is not
  working") are no failure.
- A consequence told after a failure is a new clause ("Letrozole failed so she started
  fulvestrant": fulvestrant is begun, not failing).
- A progression denied up to three words before "on" ("No progression thus far on
  letrozole") is no failure.
- A long drug name misspelt in its vowels ("Capcetibine", "letrazol") resolves when its
  consonants are one drug's; words of other shapes stay unread.
- "Prostap" (the UK brand of leuprorelin) is leuprolide, an ovarian suppression.
- Nursing a baby ("she was breastfeeding") is premenopausal, as a pregnancy is; a sign of a
  status denied ("35-year-old, not pregnant") says nothing of menopause (it used to read
  post-menopausal: a flipped status).
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract
from chatbot.nlp.lexicon import consonant_skeleton, skeleton_index

FAILED = (
    "didn't work",
    "did not work",
    "didnt work",
    "hasn't worked",
    "was not working",
    "is not working",
    "isn't working",
)
DRUGS = (
    ("letrozole", "letrozole"),
    ("Kadcyla", "trastuzumab emtansine"),
    ("capecitabine", "capecitabine"),
    ("Ibrance", "palbociclib"),
)


@pytest.mark.parametrize("cue", FAILED)
@pytest.mark.parametrize(("written", "generic"), DRUGS)
@pytest.mark.parametrize(
    "template",
    [
        "Metastatic breast cancer in the bones. {d} {c}.",
        "Metastatic breast cancer in the bones. She had {d}, which {c}.",
        "Metastatic breast cancer in the bones. She is on {d} which {c}.",
        "Metastatic breast cancer in the bones. She had {d} which also {c}.",
    ],
)
def test_a_treatment_told_not_to_have_worked_failed(  # type: ignore[no-untyped-def]
    nlp, cue: str, written: str, generic: str, template: str
) -> None:
    facts = extract(template.format(d=written, c=cue)).facts
    assert facts.get("progressed_on") == [generic]


@pytest.mark.parametrize("cue", ["didn't work", "did not work", "isn't working"])
def test_two_regimens_told_failing_are_two_lines(nlp, cue: str) -> None:  # type: ignore[no-untyped-def]
    facts = extract(f"She had capecitabine which {cue}, then Kadcyla which also {cue}.").facts
    assert facts.get("prior_lines") == 2
    assert facts.get("progressed_on") == ["trastuzumab emtansine"]


@pytest.mark.parametrize(
    "text",
    [
        "She is on letrozole and her husband is not working.",
        "She is on letrozole and she is not working at the moment.",
        "She is on letrozole; the port didn't work at first.",
        "She is on letrozole, I'm not working since the diagnosis.",
    ],
)
def test_something_else_not_working_is_no_failure(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "progressed_on" not in extract(text).facts


def test_a_failure_of_something_else_leaves_the_lines(nlp) -> None:  # type: ignore[no-untyped-def]
    told = (
        "She presented with ptosis but when she did not respond to a diagnostic trial of "
        "pyridostigmine, further investigation revealed metastatic breast cancer in the orbit."
    )
    assert extract(told).facts.get("prior_lines") == 0


@pytest.mark.parametrize("failed", ["failed", "did not work", "stopped working"])
@pytest.mark.parametrize("then", ["so she started", "so we switched to", "so he began"])
def test_a_consequence_after_the_failure_is_begun(nlp, failed: str, then: str) -> None:  # type: ignore[no-untyped-def]
    facts = extract(f"Letrozole {failed} {then} fulvestrant.").facts
    assert facts.get("progressed_on") == ["letrozole"]


@pytest.mark.parametrize("gap", ["", "so far ", "thus far ", "as yet ", "to date "])
@pytest.mark.parametrize(
    "denied", ["No progression", "No disease progression", "Without progression"]
)
def test_a_denied_progression_is_no_failure(nlp, gap: str, denied: str) -> None:  # type: ignore[no-untyped-def]
    facts = extract(f"{denied} {gap}on letrozole.").facts
    assert "progressed_on" not in facts


@pytest.mark.parametrize("gap", ["", "so far ", "thus far "])
def test_metamorphic_removing_the_denial_makes_it_a_failure(nlp, gap: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(f"Progression {gap}on letrozole.").facts.get("progressed_on") == ["letrozole"]


@pytest.mark.parametrize(
    ("written", "generic"),
    [
        ("Capcetibine", "capecitabine"),
        ("capcitabin", "capecitabine"),
        ("letrazol", "letrozole"),
        ("palbocicleb", "palbociclib"),
        ("fulvestrent", "fulvestrant"),
        ("anastrazol", "anastrozole"),
    ],
)
def test_a_drug_misspelt_in_its_vowels_resolves(nlp, written: str, generic: str) -> None:  # type: ignore[no-untyped-def]
    facts = extract(f"Metastatic breast cancer; she was started on {written}.").facts
    assert generic in facts.get("prior_therapies", [])


@pytest.mark.parametrize("word", ["diseases", "decisions", "capacities", "leftovers", "pelvises"])
def test_ordinary_words_are_no_drug(nlp, word: str) -> None:  # type: ignore[no-untyped-def]
    assert "prior_therapies" not in extract(f"She was started on {word}.").facts


def test_a_skeleton_shared_by_two_names_resolves_neither() -> None:
    index = skeleton_index(["abcdefgha", "abcudefgh", "letrozole"])
    assert consonant_skeleton("abcdefgha") not in index
    assert index[consonant_skeleton("letrozole")] == "letrozole"


@pytest.mark.parametrize(
    "told",
    [
        "When she was diagnosed with Stage IV breast cancer, she was breastfeeding her daughter.",
        "She was breast-feeding when the bone metastases were found.",
        "She is 31 and lactating; metastatic breast cancer to the liver.",
    ],
)
def test_nursing_a_baby_is_premenopausal(nlp, told: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(told).facts.get("menopausal_status") == "pre"


@pytest.mark.parametrize(
    "denied",
    ["not pregnant", "not breastfeeding", "no pregnancy", "not lactating", "not menstruating"],
)
@pytest.mark.parametrize("age", [35, 55])
def test_a_sign_of_a_status_denied_says_nothing(nlp, denied: str, age: int) -> None:  # type: ignore[no-untyped-def]
    facts = extract(f"{age}-year-old, {denied}, ER+ HER2- breast cancer with bone mets.").facts
    assert "menopausal_status" not in facts
    assert facts.get("metastatic_sites") == ["bone"]


@pytest.mark.parametrize(
    ("denied", "status"),
    [("not premenopausal", "post"), ("not postmenopausal", "pre"), ("not post-menopausal", "pre")],
)
def test_a_menopausal_word_denied_is_the_other_status(nlp, denied: str, status: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(f"She is {denied}.").facts.get("menopausal_status") == status


@pytest.mark.parametrize("written", ["Prostap", "prostap", "Prostap 3 monthly injections"])
def test_prostap_is_leuprorelin_and_suppresses_the_ovaries(nlp, written: str) -> None:  # type: ignore[no-untyped-def]
    facts = extract(f"Metastatic breast cancer in the bones; on letrozole and {written}.").facts
    assert "leuprolide" in facts.get("prior_therapies", [])
    assert facts.get("ovarian_ablation") is True


@pytest.mark.parametrize("relative", ["which did not work", "which also didn't work"])
def test_a_relative_failure_of_something_else_leaves_the_lines(nlp, relative: str) -> None:  # type: ignore[no-untyped-def]
    told = (
        f"She was given a trial of pyridostigmine, {relative}, and further investigation "
        "revealed metastatic breast cancer in the orbit."
    )
    assert extract(told).facts.get("prior_lines") == 0

"""Stop 35's classes, with metamorphic checks.

- A regimen told begun after the progression cue's own regimen, in the cue's sentence ("She
  progressed on palbociclib plus letrozole and was started on fulvestrant", "After progressing
  on Ibrance I started Piqray and fulvestrant", "After Ibrance stopped working I went on Piqray")
  was begun at the progression: the regimen before it is the one that failed, and it is one
  line given (FORMAT.md: a line just begun and not failing is not counted). The progression
  cue's scope had reached the new drug (read as failing) or the count was not made.
- "… progressed on A, then on B" still tells B failing (two lines); a participle right after the
  failing drug ("anastrozole started in 2019 and palbociclib") is no new regimen.
- A reason told after a regimen that was stopped ("fulvestrant, which was stopped after 3 months
  due to progression") is why it ended, not why it was begun.
- A drug not tolerated ("After failing to tolerate tamoxifen therapy, she received Megace") was
  stopped for toxicity: it is not the regimen the disease progressed on.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract

MBC = "Metastatic HR+ breast cancer. "


@pytest.mark.parametrize(
    "history",
    [
        "She progressed on palbociclib plus letrozole and was started on fulvestrant.",
        "She progressed on palbociclib plus letrozole and started fulvestrant.",
        "She progressed on palbociclib plus letrozole, then started fulvestrant.",
        "She progressed on palbociclib plus letrozole and was then started on fulvestrant.",
        "After progressing on palbociclib and letrozole, she started fulvestrant.",
        "After progression on palbociclib plus letrozole, she was started on fulvestrant.",
        "Progressed on palbociclib plus letrozole, now on fulvestrant.",
        "After palbociclib and letrozole stopped working she went on fulvestrant.",
    ],
)
def test_a_regimen_begun_after_the_failing_one_is_not_failing(history: str) -> None:
    ex = extract(MBC + history)
    assert ex.facts["progressed_on"] == ["palbociclib", "letrozole"]
    assert ex.facts["prior_lines"] == 1
    assert "prior_lines" not in ex.inferred


@pytest.mark.parametrize(
    "history",
    [
        "After progressing on Ibrance I started Piqray and fulvestrant.",
        "After progressing on Ibrance, I was put on Piqray and fulvestrant.",
        "After Ibrance stopped working I went on Piqray and fulvestrant.",
        "After Ibrance stopped working I started Piqray and fulvestrant.",
        "Once Ibrance stopped working I began Piqray and fulvestrant.",
    ],
)
def test_a_patient_telling_the_switch_in_her_words(history: str) -> None:
    ex = extract("I have MBC in my bones. " + history)
    assert ex.facts["progressed_on"] == ["palbociclib"]
    assert ex.facts["prior_lines"] == 1
    assert ex.facts["prior_cdk46"] is True


def test_progressed_on_both_still_counts_both() -> None:
    """Metamorphic: "then on B" (no start verb) tells B failing too."""
    ex = extract(MBC + "She progressed on palbociclib plus letrozole, then on fulvestrant.")
    assert ex.facts["progressed_on"] == ["fulvestrant"]
    assert ex.facts["prior_lines"] == 2


def test_a_start_told_before_the_failing_drug_keeps_it_failing() -> None:
    """The cue has no drug of its own before the start verb: the drug started is the one failing."""
    ex = extract(MBC + "She progressed after starting palbociclib and letrozole.")
    assert ex.facts["progressed_on"] == ["palbociclib", "letrozole"]


def test_a_participle_after_the_failing_drug_is_no_new_regimen() -> None:
    ex = extract("MBC. She progressed on anastrozole started in 2019 and palbociclib.")
    assert "palbociclib" in ex.facts["progressed_on"]


def test_a_class_word_told_failing_names_no_regimen_to_count() -> None:
    """ "resistant to hormone therapy, and weekly paclitaxel was begun": the class word may be
    the regimen told before it, so the lines before paclitaxel are not counted from it."""
    ex = extract(
        "Hormone therapy was changed to exemestane and stable disease was achieved. In March "
        "the lung metastases were enlarged. Thus, the tumors were determined to be resistant "
        "to hormone therapy, and weekly paclitaxel was begun in May."
    )
    assert ex.facts["progressed_on"] == ["exemestane"]
    assert "prior_lines" not in ex.facts  # asked, never the class word counted as a line


def test_a_reason_after_a_stopped_regimen_is_why_it_ended() -> None:
    ex = extract(
        "MBC. Progressed on letrozole and palbociclib, started fulvestrant, which was stopped "
        "after 3 months due to progression."
    )
    assert ex.facts["progressed_on"] == ["fulvestrant"]


@pytest.mark.parametrize(
    "told",
    [
        "After failing to tolerate tamoxifen therapy, she received megestrol.",
        "She failed to tolerate tamoxifen and was given megestrol.",
    ],
)
def test_a_drug_not_tolerated_is_not_the_one_failing(told: str) -> None:
    ex = extract("She has metastatic breast cancer in the brain. " + told)
    assert "tamoxifen" not in (ex.facts.get("progressed_on") or [])


def test_a_drug_that_failed_is_still_failing() -> None:
    """Metamorphic: "failed" alone (not "failed to tolerate") still tells a progression."""
    ex = extract("She has metastatic breast cancer in the brain. Tamoxifen failed.")
    assert ex.facts["progressed_on"] == ["tamoxifen"]


@pytest.mark.parametrize(
    "history",
    [
        "Letrozole/palbociclib (PD), fulvestrant (PD), capecitabine (ongoing).",
        "Letrozole/palbociclib (progression), fulvestrant (progression), capecitabine (ongoing).",
        "1L letrozole/palbociclib (PD), 2L fulvestrant (PD), 3L capecitabine.",
        "Letrozole/palbociclib 2019-2021 (PD), fulvestrant 2021-2022 (PD), capecitabine 2022-present.",
    ],
)
def test_a_listed_history_marks_each_failure_and_the_unmarked_last_is_current(
    history: str,
) -> None:
    """A bracketed "(PD)" after each regimen of a tumour-board list marks that regimen's
    failure; the last regimen without one is the line she is on (not failing, not counted)."""
    ex = extract("MBC dx 2019. " + history)
    assert ex.facts["progressed_on"] == ["fulvestrant"]
    assert ex.facts["prior_lines"] == 2
    assert ex.facts["prior_chemo_lines"] == 0


def test_every_regimen_marked_failing_counts_them_all() -> None:
    ex = extract("MBC. Letrozole/palbociclib (PD), fulvestrant (PD). Next?")
    assert ex.facts["progressed_on"] == ["fulvestrant"]
    assert ex.facts["prior_lines"] == 2


def test_a_last_regimen_marked_failing_too_is_the_one_failing() -> None:
    """Metamorphic: the same list with the last regimen marked (PD) counts it."""
    ex = extract("MBC. Letrozole/palbociclib (PD), then fulvestrant (PD), then capecitabine (PD).")
    assert ex.facts["progressed_on"] == ["capecitabine"]
    assert ex.facts["prior_lines"] == 3
    assert ex.facts["prior_chemo_lines"] == 1


def test_an_abbreviation_in_brackets_is_no_progression() -> None:
    ex = extract("History of Parkinson's disease (PD). MBC on letrozole.")
    assert "progressed_on" not in ex.facts


@pytest.mark.parametrize(
    "history",
    [
        "She progressed on letrozole and palbociclib and was started on capecitabine, on which "
        "she progressed after 6 months.",
        "She progressed on letrozole and palbociclib and was started on capecitabine. After 6 "
        "months, she progressed again.",
        "After progressing on letrozole and palbociclib she went on capecitabine but progressed "
        "after 4 cycles.",
    ],
)
def test_a_regimen_begun_at_a_failure_and_then_failing_makes_two_lines(history: str) -> None:
    ex = extract("MBC. " + history)
    assert ex.facts["progressed_on"] == ["capecitabine"]
    assert ex.facts["prior_lines"] == 2
    assert ex.facts["prior_chemo_lines"] == 1


@pytest.mark.parametrize(
    "history",
    [
        "First Ibrance and letrozole for two years, then Faslodex, now Xeloda.",
        "Letrozole/palbociclib, then fulvestrant, now on capecitabine.",
        "Letrozole/palbociclib, then fulvestrant, currently on capecitabine.",
        "Letrozole/palbociclib, then fulvestrant, then capecitabine (ongoing).",
    ],
)
def test_the_last_regimen_told_current_is_the_line_she_is_on(history: str) -> None:
    """FORMAT.md: a line she is on and not failing is not counted (as one told responding)."""
    ex = extract("MBC since 2018. " + history)
    assert ex.facts["prior_lines"] == 2
    assert ex.facts["prior_chemo_lines"] == 0


@pytest.mark.parametrize(
    "tail",
    ["now on capecitabine and progressing.", "now on capecitabine. Next?"],
)
def test_the_current_regimen_failing_or_asked_after_is_counted(tail: str) -> None:
    """Metamorphic: a progression, or a question, after the current regimen counts it."""
    ex = extract("MBC since 2018. Letrozole/palbociclib, then fulvestrant, " + tail)
    assert ex.facts["prior_lines"] == 3


@pytest.mark.parametrize(
    ("text", "total", "chemo"),
    [
        ("HR+ MBC, three prior lines of endocrine therapy and two lines of chemotherapy.", 5, 2),
        ("HR+ MBC after 3 lines of ET and 2 lines of chemo.", 5, 2),
        ("MBC after two lines of chemotherapy and three lines of endocrine therapy.", 5, 2),
        ("MBC after three endocrine lines and two chemotherapy lines.", 5, 2),
        ("She had 2 lines of chemo and 1 line of hormonal therapy for MBC.", 3, 2),
    ],
)
def test_counts_of_two_kinds_add_up_to_the_lines_given(text: str, total: int, chemo: int) -> None:
    ex = extract(text)
    assert ex.facts["prior_lines"] == total
    assert ex.facts["prior_chemo_lines"] == chemo


def test_a_count_told_as_part_of_the_total_is_not_added() -> None:
    """Metamorphic: "including" makes the chemotherapy lines a part of the three."""
    ex = extract("MBC after three prior lines, including two lines of chemotherapy.")
    assert ex.facts["prior_lines"] == 3
    assert ex.facts["prior_chemo_lines"] == 2

"""Round 20 line-count class (helper lines20), CheckList-style: templates whose slots expand
into variants with the facts each must give, and metamorphic variants.

A first line told by its ordinal and told working ("regressed following first-line
palliative chemotherapy with palbociclib", r7-0056; "first-line letrozole and palbociclib gave
a partial response") is the line she is on, not one given: 0 lines (FORMAT.md, round 3: a
line begun and not failing is not counted) — as the same story without the ordinal already
gave ("received paclitaxel with a partial response": 0). The response may be told after the
regimen or right before it ("responding well to first-line …"). Only as the one regimen told:
after another regimen the ordinal may be wrong and the count is asked (FIRST_LINE_AFTER_R8).
"""

from __future__ import annotations

import itertools

import pytest

from chatbot.nlp import extract
from tests.checklist import spread

EVENTS = (
    "Liver metastases were found in 2020",
    "She developed bone metastases",
    "A biopsy of a lung nodule confirmed metastatic breast carcinoma",
    "De novo stage IV HER2-positive breast cancer with liver metastases",
)
REGIMENS = (
    ("letrozole and palbociclib", {"letrozole", "palbociclib"}),
    ("weekly paclitaxel", {"paclitaxel"}),
    ("docetaxel, trastuzumab and pertuzumab", {"docetaxel", "trastuzumab", "pertuzumab"}),
)
# the response told after the regimen ({r}) or right before it
WORKING = (
    "; first-line {r} gave a partial response.",
    ". She received first-line {r} and the lesions regressed.",
    ". She was started on first-line {r}, with stable disease since.",
    ". The lesions regressed following first-line palliative treatment with {r}.",
    ". She is responding well to first-line {r}.",
    ". First-line {r} resulted in a complete response.",
)


@pytest.mark.parametrize(
    ("event", "regimen", "frame"),
    spread(list(itertools.product(EVENTS, REGIMENS, WORKING)), 36),
)
def test_a_first_line_told_working_is_no_line_given(  # type: ignore[no-untyped-def]
    nlp, event: str, regimen: tuple[str, set[str]], frame: str
) -> None:
    text = event + frame.format(r=regimen[0])
    got = extract(text).facts
    assert got.get("prior_lines") == 0, (text, got)
    assert got.get("progressed_on") is None, (text, got)
    assert regimen[1] <= set(got.get("prior_therapies", [])), (text, got)


# metamorphic: the same story failing is one line; an irrelevant number changes nothing;
# dropping the ordinal changes nothing where the event reader reads the response
FAILING = (
    "; first-line {r}, with progression after 14 months.",
    ". She received first-line {r}; after 9 months the disease progressed.",
)
IRRELEVANT = (" ECOG 1.", " CA 15-3 was 45 U/mL.", " Her Ki-67 was 30%.", " She is 3 cm taller.")


@pytest.mark.parametrize(
    ("event", "regimen", "frame"),
    spread(list(itertools.product(EVENTS[:2], REGIMENS, FAILING)), 12),
)
def test_the_same_first_line_told_failing_is_one_line(  # type: ignore[no-untyped-def]
    nlp, event: str, regimen: tuple[str, set[str]], frame: str
) -> None:
    text = event + frame.format(r=regimen[0])
    got = extract(text).facts
    assert got.get("prior_lines") == 1, (text, got)
    assert set(got.get("progressed_on", [])) == regimen[1], (text, got)


@pytest.mark.parametrize(
    ("frame", "extra"), spread(list(itertools.product(WORKING, IRRELEVANT)), 12)
)
def test_an_irrelevant_number_changes_no_count(nlp, frame: str, extra: str) -> None:  # type: ignore[no-untyped-def]
    base = EVENTS[0] + frame.format(r="letrozole and palbociclib")
    want = {k: extract(base).facts.get(k) for k in ("prior_lines", "prior_chemo_lines")}
    got = extract(base + extra).facts
    assert {k: got.get(k) for k in want} == want == {"prior_lines": 0, "prior_chemo_lines": 0}


@pytest.mark.parametrize("regimen", ["docetaxel", "AC then paclitaxel", "capecitabine"])
def test_an_early_regimen_told_adjuvant_leaves_the_first_line_count(nlp, regimen: str) -> None:  # type: ignore[no-untyped-def]
    # metamorphic: "adjuvant" makes the earlier regimen no line; untold, it may have been one
    # (the ordinal after it may be wrong): asked
    story = (
        "She had {a}{r} in 2015. Liver metastases were found in 2020; first-line letrozole and "
        "palbociclib gave a partial response."
    )
    assert extract(story.format(a="adjuvant ", r=regimen)).facts.get("prior_lines") == 0
    assert extract(story.format(a="", r=regimen)).facts.get("prior_lines") is None


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        # a response denied is no response: asked
        ("Liver metastases. The lesions did not regress after first-line paclitaxel.", None),
        # a period of response, then the next line asked: the first line has ended (1)
        ("Lung metastases in 2021. She had a year of remission on first-line paclitaxel. Now, "
         "what are the second-line options?", 1),
        # a working ordinal beyond the first counts the lines before it (round 17)
        ("Liver metastases were found in 2019. Eribulin given as fourth-line treatment was "
         "very effective.", 3),
    ],
)  # fmt: skip
def test_contrasts_of_a_working_first_line(nlp, text: str, lines: int | None) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("prior_lines") == lines

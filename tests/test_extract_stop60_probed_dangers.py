"""Stop 60: classes from held-out probe set Q's dangerous readings (its first run, 7
dangerous, committed in a967474 before any fix). Each test has a twin that keeps the other
reading.

- A status dated by a year that heads an entry, in a record with a later dated entry ("2026 -
  no bleeding since 2021; 2019 - perimenopausal"), is her status then.
- A quoted claim denied right after its closing mark ("'in her bones and liver' - it isn't")
  is denied, the quotation only.
- A list member told "only" ("bone only, liver MRI clear") is its own statement: the verdict
  after the list is the last member's.
- A bare organ's phrase goes on over the bare organs joined to it: "uptake throughout the
  axial skeleton and marrow, in keeping with pegfilgrastim" explains both.
- A record written newest first ("most recent first") has its line count and failing regimen
  asked, never counted in text order.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


@pytest.mark.parametrize(
    "text",
    [
        "Gynae history (latest first): 2026 - no bleeding since 2021, FSH 95 IU/L; 2019 -"
        " perimenopausal, irregular cycles; 2008 - G2P2, regular cycles. ER+ MBC to bone.",
        "2019: perimenopausal, irregular cycles. 2026: ER+ HER2- MBC to bone.",
        "In 2019 she was premenopausal. In 2024, bone mets found.",
    ],
)
def test_a_status_dated_before_a_later_entry_is_not_read_now(text: str) -> None:
    assert extract(text).facts.get("menopausal_status") is None


@pytest.mark.parametrize(
    "text",
    [
        "Premenopausal 38-year-old, diagnosed with de novo MBC in 2023; progressed on"
        " letrozole + goserelin in 2025.",
        "In 2023 she was premenopausal and started letrozole with goserelin; progressed in 2025.",
        "2026: premenopausal, ER+ MBC to bone. 2019: early breast cancer.",
    ],
)
def test_a_status_of_the_latest_entry_or_undated_is_read(text: str) -> None:
    assert extract(text).facts.get("menopausal_status") == "pre"


def test_a_quoted_claim_denied_is_denied() -> None:
    facts = extract(
        "The church prayer list says Mum's cancer is 'in her bones and liver' - it isn't."
        " Her oncology letter says bone only, liver MRI clear. She's 71, ER positive."
    ).facts
    assert facts.get("metastatic_sites") == ["bone"]


@pytest.mark.parametrize(
    ("text", "site"),
    [
        ("Google says 'HER2 positive' - it isn't. She has liver mets.", "liver"),
        ("She said 'it's in my liver' - it is. The scan confirmed liver mets.", "liver"),
    ],
)
def test_findings_outside_the_denied_quote_stay(text: str, site: str) -> None:
    assert site in extract(text).facts.get("metastatic_sites", [])


def test_a_claim_quoted_with_double_marks_is_denied_only_inside() -> None:
    facts = extract(
        'The letter said "HER2 positive", which is not true. ER+ with liver mets.'
    ).facts
    assert facts.get("her2") != "positive"
    assert facts.get("metastatic_sites") == ["liver"]


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        ("Bone only, liver MRI clear.", ["bone"]),
        ("Bone only disease, liver clear.", ["bone"]),
        ("Bone, liver clear.", None),
        ("Lungs, liver clear. Bone mets.", ["bone"]),
    ],
)
def test_a_member_told_only_is_not_covered_by_the_lists_verdict(
    text: str, sites: list[str] | None
) -> None:
    assert extract(text).facts.get("metastatic_sites") == sites


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "PET-CT: uptake throughout the axial skeleton and marrow, in keeping with"
            " pegfilgrastim. FDG-avid mediastinal nodes, larger than in May.",
            "lymph nodes",
        ),
        ("Nodules in the lung and liver, likely granulomas. Bone mets.", "bone"),
    ],
)
def test_an_explanation_covers_the_bare_organs_joined(text: str, kept: str) -> None:
    sites = extract(text).facts.get("metastatic_sites", [])
    assert sites == [kept]


@pytest.mark.parametrize(
    ("text", "site"),
    [
        ("Liver metastases and a lung nodule, likely benign.", "liver"),
        ("Bone metastases and the liver, likely a haemangioma there.", "bone"),
    ],
)
def test_a_headed_finding_keeps_its_own_reading(text: str, site: str) -> None:
    assert site in extract(text).facts.get("metastatic_sites", [])


NEWEST_FIRST = (
    "Systemic therapy (most recent first):\n3. eribulin - started 02/11, cycle 1 day 1\n"
    "2. capecitabine 2025-26 - PD\n1. letrozole + palbociclib 2023-25 - PD"
)
OLDEST_FIRST = (
    "Systemic therapy:\n1. letrozole + palbociclib 2023-25 - PD\n2. capecitabine 2025-26 -"
    " PD\n3. eribulin - started 02/11, cycle 1 day 1"
)


def test_a_newest_first_record_has_its_count_asked() -> None:
    extraction = extract(NEWEST_FIRST)
    assert "prior_lines" not in extraction.facts
    assert "progressed_on" not in extraction.facts
    assert "prior_lines" in extraction.uncertain


def test_the_same_record_oldest_first_is_counted() -> None:
    facts = extract(OLDEST_FIRST).facts
    assert facts.get("prior_lines") == 2
    assert facts.get("progressed_on") == ["capecitabine"]


@pytest.mark.parametrize(
    "text",
    [
        "Liver MRI: the segment 6 lesion is a typical haemangioma. Sclerotic bone mets.",
        "MRI of the liver: the segment 6 lesion is a typical haemangioma. Sclerotic bone mets.",
        "Sclerotic bone mets; liver spared.",
    ],
)
def test_the_scan_named_after_the_organ_and_a_bare_sparing_deny_it(text: str) -> None:
    assert extract(text).facts.get("metastatic_sites") == ["bone"]


@pytest.mark.parametrize(
    "text",
    [
        "Liver MRI: the segment 6 lesion is metastatic. Bone mets.",
        "Liver spared by the radiotherapy field; liver mets present. Bone mets.",
        "Bone mets. Liver was spared until May, now has mets.",
    ],
)
def test_a_metastatic_lesion_of_the_scanned_or_once_spared_organ_stays(text: str) -> None:
    assert "liver" in extract(text).facts.get("metastatic_sites", [])

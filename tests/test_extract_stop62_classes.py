"""Stop 62: classes from held-out probe set S (its first run committed before any probe was
read: 9 dangerous). Each test has a twin that keeps the other reading, so a fix that only
adds or only deletes facts fails. The phrasings are twins of the probes, not the probes.

- A gene in a hashtag ("#BRCA1 #previvor") is a tag, not a finding.
- Another person's cancer told beside the writer's own — a friend, a public figure ("That
  TV presenter posted that her cancer has gone to her lungs … my own CT: bones only") — is
  hers, not the writer's; a carer asking for a friend keeps the friend's findings.
- A sample or assay sent for a gene ("ctDNA for ESR1/PIK3CA drawn, result in ~10 days"),
  and a report's list of the genes it covered ("Genes analysed: [x] BRCA1 …"), tell no
  finding; a result told next still does.
- "Not found / negative" in other languages after a gene (Indonesian "tidak ditemukan",
  Norwegian "ikke påvist", Catalan "no detectat", Hungarian "negatív") denies it.
- A status told inside a year-dated entry of a history ("2019 (age 42, premenopausal): …
  2025: …") is her status then; the latest entry's status stands.
- A carer's opening without "my" ("Posting for Mum (67): …") is the carer's; her signature
  ("--" then "me: 41 | premenopausal | BRCA2+ previvor") tells of the writer.
- A scan read for acute changes ("CT head: no acute abnormality") denies no metastases; a
  removal told incomplete ("subtotal resection of the cerebellar metastasis") does not treat
  it; "the treated one" settles no lesion told before it; a hyphenated size ("three new
  sub-centimetre lesions in the cerebellum and both occipital lobes") keeps them new.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


def facts(text: str) -> dict[str, object]:
    return extract(text).facts


def sites(text: str) -> list[str]:
    return extract(text).facts.get("metastatic_sites", [])  # type: ignore[return-value]


@pytest.mark.parametrize(
    "text",
    [
        "Following #BRCA2 #previvor accounts all day. My own cancer is back in my hip, ER+.",
        "#BRCA1 #mbc #stage4 ER+ with liver mets, on fulvestrant",
    ],
)
def test_a_gene_in_a_hashtag_is_no_finding(text: str) -> None:
    assert "germline_brca" not in facts(text)


def test_a_gene_told_beside_a_hashtag_is_still_read() -> None:
    assert facts("#mbc life. BRCA2 positive, ER+ bone mets.")["germline_brca"] is True


@pytest.mark.parametrize(
    ("text", "others"),
    [
        (
            "That news anchor said on TV that her cancer has spread to her liver. I'm scared, "
            "though my own scan last week showed bone only. ER+.",
            {"liver"},
        ),
        ("My friend's cancer has gone to her brain. Mine is ER+, bones only.", {"brain"}),
        (
            "The singer announced her breast cancer has spread to her lungs. I have ER+ bone "
            "mets on letrozole.",
            {"lung"},
        ),
    ],
)
def test_another_persons_spread_beside_the_writers_own_is_hers(text: str, others: set[str]) -> None:
    assert "bone" in sites(text)
    assert not others.intersection(sites(text))


def test_a_carer_asking_for_a_friend_keeps_the_friends_findings() -> None:
    assert "liver" in sites("My friend has ER+ MBC that has spread to her liver. Options?")


@pytest.mark.parametrize(
    ("text", "gene"),
    [
        ("ctDNA for ESR1/PIK3CA drawn today, result in ~10 days. ER+ MBC on fulvestrant.", "esr1"),
        ("NGS panel for PIK3CA requested at progression. ER+ HER2- MBC.", "pik3ca"),
        (
            "Germline report:\nGenes analysed: [x] BRCA1 [x] BRCA2 [x] PALB2\nResult: no "
            "pathogenic variant identified.\nTNBC with lung metastases.",
            "germline_brca",
        ),
    ],
)
def test_a_gene_a_test_looks_at_is_no_finding(text: str, gene: str) -> None:
    assert facts(text).get(gene) is not True


@pytest.mark.parametrize(
    ("text", "gene"),
    [
        ("ctDNA for ESR1: Y537S mutation detected. ER+ MBC on anastrozole.", "esr1"),
        ("Tumour NGS: PIK3CA H1047R. ER+ HER2- MBC.", "pik3ca"),
    ],
)
def test_a_result_told_next_is_read(text: str, gene: str) -> None:
    assert facts(text)[gene] is True


@pytest.mark.parametrize(
    "text",
    [
        "Tes germline ibu untuk BRCA1 dan BRCA2: tidak ditemukan varian patogenik. HR+ MBC.",
        "Germline BRCA1/BRCA2: ikke påvist patogen variant. ER+ MBC i skjelett.",
        "BRCA1 i BRCA2: no detectat. ER+ MBC.",
        "BRCA1/2 germline: negatív. ER+ MBC.",
    ],
)
def test_a_negative_in_another_language_denies_the_gene(text: str) -> None:
    assert facts(text).get("germline_brca") is not True


@pytest.mark.parametrize(
    "text",
    [
        "2016 (age 41, premenopausal, regular cycles): lumpectomy, adjuvant tamoxifen. "
        "2024: liver mets.",
        "2015: early ER+ BC, premenopausal, lumpectomy, adjuvant tamoxifen. 2022: bone mets.",
    ],
)
def test_a_status_in_an_earlier_dated_entry_is_her_status_then(text: str) -> None:
    assert "menopausal_status" not in facts(text)


@pytest.mark.parametrize(
    "text",
    [
        "2015: early BC, adjuvant tamoxifen. 2024: bone mets, premenopausal, started goserelin.",
        "2022: bone mets, premenopausal. 2015: early ER+ BC, adjuvant tamoxifen.",
    ],
)
def test_a_status_in_the_latest_entry_stands(text: str) -> None:
    assert facts(text)["menopausal_status"] == "pre"


def test_a_carers_signature_tells_of_the_writer() -> None:
    found = facts(
        "Posting for Dad's wife, my stepmum (70): it has spread to her liver, ER+ HER2-.\n"
        "--\nme: 38 | premenopausal | BRCA1+ previvor"
    )
    assert found.get("menopausal_status") != "pre"
    assert "germline_brca" not in found
    assert "liver" in found["metastatic_sites"]  # type: ignore[operator]


def test_posting_for_a_relative_opens_a_carers_message() -> None:
    found = facts("Posting for Mum (67): it has spread to her liver, ER+ HER2-.")
    assert found["sex"] == "female"  # the relative the carer opens with (none read before)
    assert "liver" in found["metastatic_sites"]  # type: ignore[operator]


@pytest.mark.parametrize(
    "text",
    [
        "CT head after a fall: no acute intracranial abnormality. MRI next day: two new "
        "enhancing lesions in the left cerebellum.",
        "Subtotal resection of the left cerebellar metastasis last week; residual enhancing "
        "tumour on the post-op MRI, SRS planned.",
        "Cerebellar metastasis on MRI; SRS is being planned.",
        "The left frontal lesion treated with SRS in 2023 is unchanged. MRI: three new "
        "sub-centimetre enhancing lesions in the right cerebellum and both occipital lobes "
        "besides the treated one.",
    ],
)
def test_brain_disease_not_settled_is_active(text: str) -> None:
    assert facts(text)["brain_metastases"] is True


@pytest.mark.parametrize(
    "text",
    [
        "Gross total resection of the left cerebellar metastasis last week, cavity SRS done.",
        "Brain mets in the cerebellum and frontal lobe, treated with SRS, stable.",
        "MRI brain: no metastases.",
    ],
)
def test_treated_or_denied_brain_disease_is_not_active(text: str) -> None:
    assert facts(text).get("brain_metastases") is False


# -- round 125 (its first run committed in 69bf759 before any miss was read) ---------------


@pytest.mark.parametrize(
    "text",
    [
        "Re-diagnosed with breast cancer two years ago, but this time it is secondary.",
        "My breast cancer returned in 2023; it's now secondary and incurable.",
    ],
)
def test_the_cancer_told_secondary_is_the_metastatic_event(text: str) -> None:
    assert facts(text)["prior_lines"] == 0


def test_secondary_to_a_cause_is_no_event() -> None:
    assert "prior_lines" not in facts("Her anaemia is secondary to the chemotherapy.")


@pytest.mark.parametrize(
    "text",
    [
        "Bone mets. She has had paclitaxel and is now on capecitabine.",
        "Liver mets in 2022. I have had docetaxel and am now on letrozole, which is working.",
    ],
)
def test_a_regimen_had_then_one_now_on_is_one_line(text: str) -> None:
    assert facts(text)["prior_lines"] == 1


def test_a_drug_now_added_too_is_the_same_line() -> None:
    assert "prior_lines" not in facts("Bone mets. She is on letrozole and now on palbociclib too.")


@pytest.mark.parametrize(
    "text",
    [
        # (fails without _had_then_planned once "it is secondary" is read: 0 lines)
        "Re-diagnosed with breast cancer last year, but this time it is secondary. So I have "
        "had more chemotherapy and will be on letrozole for as long as it keeps working.",
        "Her cancer has spread to the liver. She has had paclitaxel and will start "
        "capecitabine next week.",
    ],
)
def test_a_course_had_then_another_to_come_is_no_line_just_begun(text: str) -> None:
    assert facts(text).get("prior_lines") != 0


@pytest.mark.parametrize(
    "text",
    [
        "Stage 4 breast cancer in her liver. Her oncologist enrolled her in a clinical trial of "
        "bevacizumab combined with chemotherapy.",
        "MBC to bone; she was randomised to chemotherapy in the trial.",
        "Metastatic breast cancer to the liver. She was given chemotherapy, and within six "
        "months there were no signs of cancer.",
    ],
)
def test_chemotherapy_given_in_a_trial_or_with_a_response_makes_a_candidate(text: str) -> None:
    assert facts(text)["chemo_candidate"] is True


@pytest.mark.parametrize(
    "text",
    [
        "A recurrence in the breast. As no evidence of metastasis was found, doxorubicin and "
        "cyclophosphamide were given.",
        "MBC in bone: she was offered chemotherapy but there was no point.",
    ],
)
def test_chemotherapy_with_metastasis_denied_or_refused_makes_no_candidate(text: str) -> None:
    assert "chemo_candidate" not in facts(text)

"""Stop 59: the dangerous readings of the held-out probe set P (written by a helper who never
saw the code; its first run, 9 dangerous of 71 at f4be8cb, was committed before any of it was
read), and what reading them found beside. Each test has a twin that keeps the right
reading, so a fix that only deletes facts fails.

- A gene's name, or a list of them, before a test's noun names the test ("BRCA1, BRCA2,
  PALB2, CHEK2 and ATM sequencing normal"): its result after the noun decides.
- A finding in a condition after "if a" ("if a pathogenic variant in BRCA1 … is found") is
  not hers; a treatment she "could have" is an option, not one given.
- A quoted chatbot's or web page's words, and a kind of cancer said to carry a finding as a
  rule ("lobular cancers frequently carry PIK3CA mutations"), are not hers; nor a finding
  the writer asks of herself ("Do I have a PIK3CA mutation?", "… , right??").
- A recent period ("her period came last week") tells a menstruating woman.
- An unticked form option ("[ ] progressing") is not said of her; a form's answer set apart by
  spaces ("Brain mets:   No") still answers.
- A new brain lesion dated after a treatment further back in its clause, a lesion named by
  its treatment then grown, and a new lesion beside stable treated ones are active.
- A payer's authorisation for a regimen is no regimen given.
- Another cancer's own metastases told with it are not the breast cancer's sites; a
  metastasis removed before a later relapse elsewhere is no site of today.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("BRCA1, BRCA2, PALB2, CHEK2 and ATM sequencing normal. ER+ MBC.", False),
        ("BRCA1 sequencing was normal.", False),
        ("BRCA1/2 gene testing showed a pathogenic variant.", True),
        ("BRCA2 mutation carrier.", True),
        # the review's: the result is the noun's own clause's, and a colon opens it
        ("BRCA2 genetic testing positive, not on a PARP inhibitor yet.", True),
        ("BRCA1 germline testing came back positive but she has not started olaparib.", True),
        ("BRCA1, BRCA2 and PALB2: no pathogenic variants on germline panel.", False),
    ],
)
def test_a_gene_before_a_test_noun_takes_the_test_s_result(text: str, value: bool) -> None:
    assert extract(text).facts.get("germline_brca") is value


@pytest.mark.parametrize("text", ["BRCA1 sequencing ordered.", "BRCA1 and BRCA2 testing pending."])
def test_a_gene_test_without_a_result_is_no_finding(text: str) -> None:
    assert "germline_brca" not in extract(text).facts


def test_a_variant_in_a_condition_is_not_hers() -> None:
    ex = extract(
        "She understands that if a pathogenic variant in BRCA1, BRCA2 or PALB2 is found it"
        " will be fed back through genetics. ER+ MBC, bone and nodes."
    )
    assert ex.facts.get("germline_brca") is not True
    assert "bone" in ex.facts.get("metastatic_sites", [])


@pytest.mark.parametrize(
    ("text", "given"),
    [
        ("If a BRCA1 mutation is found, she could have olaparib.", False),
        ("She had olaparib for a year.", True),
        # the idiom is no option (review)
        ("I was so sick I could have died after olaparib, but the liver mets shrank.", True),
    ],
)
def test_a_treatment_she_could_have_is_no_treatment_given(text: str, given: bool) -> None:
    assert ("olaparib" in extract(text).facts.get("prior_therapies", [])) is given


@pytest.mark.parametrize(
    "text",
    [
        "I asked ChatGPT and it said 'invasive lobular cancers have PIK3CA mutations'.",
        "Lobular cancers frequently carry PIK3CA mutations.",
        "Do I have a PIK3CA mutation?",
        "So I have a PIK3CA mutation, right??",
        "She has a PIK3CA mutation, isn't that right?",
    ],
)
def test_a_finding_quoted_as_a_rule_or_asked_is_not_hers(text: str) -> None:
    assert extract(text).facts.get("pik3ca") is not True


@pytest.mark.parametrize(
    "text",
    [
        "I have a PIK3CA mutation.",
        "Her tumour carries a PIK3CA mutation, per Guardant.",
        # the review's: a quotation's reach ends at its close; a summary confirmed at its end
        "ChatGPT said 'ask your oncologist' - I have bone mets, ER+ HER2-, PIK3CA mutated.",
        "62F, ER+, PR+, HER2-, bone mets only, PIK3CA mutated, correct?",
    ],
)
def test_a_finding_told_stays(text: str) -> None:
    assert extract(text).facts.get("pik3ca") is True


def test_the_report_quoted_by_it_stays_read() -> None:
    assert extract("Path came back. It said: she is ER positive.").facts.get(
        "hormone_receptor"
    ) == ("positive")


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Her period came last week.", "pre"),
        ("Her last period started 10 days ago.", "pre"),
        ("Her last period was 3 years ago.", None),
        ("She hasn't had a period this week.", None),
        ("Her last period was this month last year.", None),
    ],
)
def test_a_recent_period_tells_menstruation(text: str, status: str | None) -> None:
    assert extract(text).facts.get("menopausal_status") == status


def test_a_prescriber_s_label_against_a_period_last_week_is_not_post() -> None:
    ex = extract(
        "Pharmacy query: letrozole + ribociclib for a 44-year-old, prescriber wrote"
        " 'post-menopausal' - but at the counter she told me her period came last week."
    )
    assert ex.facts.get("menopausal_status") != "post"


@pytest.mark.parametrize(
    ("text", "active"),
    [
        (
            "Brain metastases: [x] Yes   Treated: [x] SRS 03/2025   Current status: [x] stable"
            "  [ ] progressing  [ ] new lesions.",
            False,
        ),
        (
            "Brain metastases: [x] Yes   Treated: [x] SRS 03/2025   Current status: [ ] stable"
            "  [x] progressing  [ ] new lesions.",
            True,
        ),
    ],
)
def test_a_form_s_ticked_option_decides(text: str, active: bool) -> None:
    assert extract(text).facts.get("brain_metastases") is active


@pytest.mark.parametrize(
    ("text", "value"),
    [("Brain mets:   No", False), ("Brain mets: [ ] Yes [x] No", False), ("Brain mets: Yes", True)],
)
def test_a_form_s_answer_set_apart_by_spaces(text: str, value: bool) -> None:
    assert extract(text).facts.get("brain_metastases") is value


@pytest.mark.parametrize(
    ("text", "active"),
    [
        ("A new cerebellar lesion on the MRI after SRS.", True),
        ("New brain mets in 2020, treated and stable after SRS.", False),
        ("Brain mets. The lesion treated with SRS has grown.", True),
        ("Brain mets. The lesions treated with SRS are stable.", False),
        (
            "Brain mets treated with SRS. The treated lesion is stable but a new lesion has appeared.",
            True,
        ),
        ("Brain mets treated with SRS. Now the lesions are stable, no new lesions.", False),
        (
            "RANO-BM: PD. The left parietal target treated with SRS in 2025 has grown 40% in"
            " diameter; perfusion rCBV high, favouring tumour over radionecrosis.",
            True,
        ),
    ],
)
def test_brain_activity_after_a_treatment(text: str, active: bool) -> None:
    assert extract(text).facts.get("brain_metastases") is active


def test_an_authorisation_asked_for_a_regimen_is_none_given() -> None:
    ex = extract(
        "Prior authorisation for tucatinib + trastuzumab + capecitabine: patient has active"
        " brain metastases. She had letrozole + palbociclib."
    )
    assert "tucatinib" not in ex.facts.get("prior_therapies", [])
    assert "letrozole" in ex.facts.get("prior_therapies", [])


@pytest.mark.parametrize(
    ("text", "site", "read"),
    [
        (
            "Papillary thyroid cancer 2012 with lung metastases, cleared by radioiodine. Her ER+"
            " breast cancer relapsed in 2026 with bone metastases.",
            "lung",
            False,
        ),
        (
            "Her melanoma had spread to the lungs in 2012. Now ER+ breast cancer with bone mets.",
            "lung",
            False,
        ),
        ("Liver metastases from a colon cancer. ER+ breast cancer with bone mets.", "liver", False),
        ("Bone mets, history of colon cancer in 2010. ER+ breast cancer.", "bone", True),
        (
            "Metastatic breast cancer to the lungs and liver, history of thyroid cancer.",
            "lung",
            True,
        ),
        ("Colon cancer with liver metastases.", "liver", True),  # no breast cancer told
    ],
)
def test_another_cancer_s_own_metastases(text: str, site: str, read: bool) -> None:
    assert (site in extract(text).facts.get("metastatic_sites", [])) is read


@pytest.mark.parametrize(
    ("text", "liver"),
    [
        (
            "Solitary liver metastasis, resected R0 in 2022; MRI liver clear since. 2026 CT:"
            " several new lung nodules, biopsy metastatic breast carcinoma.",
            False,
        ),
        ("A solitary liver metastasis was resected last month, now on letrozole.", True),
    ],
)
def test_a_metastasis_removed_before_a_relapse_elsewhere(text: str, liver: bool) -> None:
    assert ("liver" in extract(text).facts.get("metastatic_sites", [])) is liver


@pytest.mark.parametrize(
    "text",
    [
        "Have I run out of options after letrozole, palbociclib and fulvestrant?",
        "Do I have any options after progressing on letrozole and palbociclib with liver mets?",
    ],
)
def test_the_writer_s_action_questions_tell_her_history(text: str) -> None:
    assert "letrozole" in extract(text).facts.get("prior_therapies", [])


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        ("Sites: Bone [ ] Liver [x] Brain [ ]\nER+ HER2-", ["liver"]),
        ("Mrs [ ] is a 54-year-old with ER+ HER2- MBC with liver mets.", ["liver"]),
    ],
)
def test_a_form_with_its_labels_before_the_boxes_and_a_redaction(
    text: str, sites: list[str]
) -> None:
    assert extract(text).facts.get("metastatic_sites") == sites


@pytest.mark.parametrize(
    "text",
    [
        "Two new brain lesions in 2023, MRI 6 months after SRS showed complete response.",
        "HER2+ MBC, brain mets after SRS stable on MRI, systemic status: progressing.",
    ],
)
def test_a_response_after_the_treatment_or_another_field_s_status(text: str) -> None:
    assert extract(text).facts.get("brain_metastases") is False


def test_an_authorisation_granted_and_given_is_a_treatment() -> None:
    ex = extract(
        "Insurance authorization for Enhertu came through and she has had 3 cycles; now"
        " progressing in the liver. HER2+ MBC."
    )
    assert "trastuzumab deruxtecan" in ex.facts.get("progressed_on", [])


@pytest.mark.parametrize(
    "text",
    [
        "Breast cancer 2015. 2024 CT: multiple lung tumours with liver and bone metastases.",
        "ER+ HER2- breast cancer 2016. Thyroid cancer survivor with liver and bone mets now.",
        "Liver mets partially resected in 2022, residual disease in segment 7. 2025: new lung nodules.",
        "ER+ HER2- MBC. Liver mets; the port was removed in March. CT in June: progressing bone mets.",
    ],
)
def test_the_breast_cancer_s_own_liver_stays(text: str) -> None:
    assert "liver" in extract(text).facts.get("metastatic_sites", [])


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Could I have a BRCA mutation?", "germline_brca"),
        ("Could she have a BRCA mutation?", "germline_brca"),
        ("Might she have a PIK3CA mutation?", "pik3ca"),
    ],
)
def test_a_finding_she_might_have_is_asked(text: str, fact: str) -> None:
    # found beside the review's under-reach list: a modal question had read the finding hers
    assert extract(text).facts.get(fact) is not True


def test_a_treatment_she_might_have_leaves_the_case_told() -> None:
    ex = extract("Could she have an AI instead of tamoxifen given she is postmenopausal?")
    assert ex.facts.get("menopausal_status") == "post"

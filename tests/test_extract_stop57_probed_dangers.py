"""Stop 57: the dangerous readings of the held-out probe set N (written by a helper who never
saw the code; its first run, 6 dangerous of 72 at f7580e2, was committed in f7580e2 before any
of it was read) and the classes the first runs of rounds 115-120 showed (real text; the
figures were recorded in f3320f4 before any miss was read). Each test has a twin that keeps
the right reading, so a fix that only deletes facts fails.

- A mutation named as what a test looked for ("tested for the BRCA1 and BRCA2 mutations") is
  no finding; a result told after it, or opening the next sentence, decides.
- A gene's numeral after a hyphen ("BRCA-1") names the gene.
- A bare gene before a word of talk ("does the BRCA thing change my options?") is a topic;
  a gene she carries keeps its finding before a spaced dash ("I carry BRCA2 - does …").
- In the writer's own story, a sentence that opens with "My mum" tells the relative's
  findings until the writer comes back into it.
- A relative's opinion ("keeps saying this is visceral crisis", "thinks") is doubted; a
  report ("says she has new brain mets") is not.
- A differential diagnosis heading ("Ddx A vs B") weighs its findings.
- "two endocrine lines (…) and one chemo (…)": the chemotherapy count adds to the lines.
- "The other, 7 mm in the L thalamus, has grown … and is untreated": active beside a
  resected one.
- Rounds 115-120: pregnancy told by its weeks ("at 35 weeks gestation"); sentence marks and
  time words typed against the next word ("Scary!!Her", "at 35years"); "menstruation" is no
  misspelling of "menstruating"; sites listed in a bracket after "distant organs".
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("I was tested for the BRCA1 and BRCA2 mutations.", "germline_brca"),
        ("I was tested for BRCA2 mutations.", "germline_brca"),
        ("She was tested for the PIK3CA and ESR1 mutations.", "pik3ca"),
        ("She was tested for the PIK3CA and ESR1 mutations.", "esr1"),
        ("She was screened for BRCA1 and BRCA2 mutations.", "germline_brca"),
    ],
)
def test_a_mutation_looked_for_is_no_finding(text: str, key: str) -> None:
    assert key not in extract(text).facts


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("She was tested for BRCA1 and BRCA2 mutations and was negative.", False),
        ("She was tested for BRCA1 and BRCA2 mutations, which were positive.", True),
        ("She tested positive for BRCA2 mutations.", True),
        (
            "I was tested for the BRCA1 and BRCA2 mutations. I do not carry the BRCA1 or BRCA2 mutations.",
            False,
        ),
        (
            "I was tested for the BRCA gene changes to see if I'd inherited a higher chance of "
            "breast or ovarian cancers. The test came back negative, but the geneticist told me more.",
            False,
        ),
        ("She was tested for BRCA. The results came back positive.", True),
    ],
)
def test_a_test_s_result_decides(text: str, value: bool) -> None:
    assert extract(text).facts["germline_brca"] is value


def test_the_next_sentence_s_result_needs_one_test() -> None:
    text = "She was tested for BRCA1/2 and had a CT scan. The test came back negative."
    assert "germline_brca" not in extract(text).facts


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        ("I had tested positive for the BRCA-1 mutation.", "germline_brca", True),
        ("BRCA-1/2 negative", "germline_brca", False),
        ("ESR-1 mutation detected", "esr1", True),
    ],
)
def test_a_gene_numeral_after_a_hyphen(text: str, key: str, value: bool) -> None:
    assert extract(text).facts[key] is value


def test_a_gene_talked_about_is_no_finding() -> None:
    text = "The cancer is in my bones and liver - does the BRCA thing change my options?"
    assert "germline_brca" not in extract(text).facts
    twin = "The cancer is in my bones and liver and I carry BRCA2. Does that change my options?"
    assert extract(twin).facts["germline_brca"] is True


def test_a_relative_s_findings_in_the_writer_s_own_story() -> None:
    text = (
        "My mum was BRCA2 positive, she died of ovarian cancer. I had the test in 2020. Now my "
        "oncologist says the cancer is in my bones and liver."
    )
    facts = extract(text).facts
    assert facts.get("germline_brca") is not True
    assert facts["metastatic_sites"] == ["bone", "liver"]
    brain = (
        "My mum had brain mets from her lung cancer and I'm terrified. My own MRI head in "
        "January was all clear - my cancer is in my bones and liver only."
    )
    facts = extract(brain).facts
    assert facts.get("brain_metastases") is not True
    assert "brain" not in facts["metastatic_sites"]
    twin = "My mum was BRCA2 positive. I have metastatic breast cancer in my bones, and I am BRCA2 positive too."
    assert extract(twin).facts["germline_brca"] is True


@pytest.mark.parametrize(
    "text",
    [
        "Her son, who's a paramedic, keeps saying this is visceral crisis. PS 1, working part-time.",
        "Her son thinks this is visceral crisis.",
        "Her husband is convinced this is visceral crisis.",
    ],
)
def test_a_relative_s_opinion_is_doubted(text: str) -> None:
    assert extract(text).facts.get("visceral_crisis") is not True
    twin = "Her husband says she has new brain mets."
    assert extract(twin).facts["brain_metastases"] is True


def test_a_feeling_is_no_opinion() -> None:
    text = "My mother must have felt scared when she learned her cancer had returned in her spine."
    assert extract(text).facts["metastatic_sites"] == ["bone"]


@pytest.mark.parametrize(
    "text",
    [
        "New ground-glass change on CT on abemaciclib. Ddx lymphangitis carcinomatosa vs drug pneumonitis. Her mets remain bone and nodes.",
        "DD: brain mets vs abscess.",
        "The differential diagnosis is liver metastasis versus haemangioma.",
    ],
)
def test_a_differential_diagnosis_weighs_its_findings(text: str) -> None:
    facts = extract(text).facts
    assert facts.get("brain_metastases") is not True
    assert not {"lung", "brain", "liver"} & set(facts.get("metastatic_sites", []))
    twin = "The biopsy confirmed lymphangitis carcinomatosa."
    assert "lung" in extract(twin).facts["metastatic_sites"]


def test_a_differential_talked_of_weighs_nothing() -> None:
    text = (
        "The differential diagnosis between primary tumor and distant metastases to the uterus "
        "determines the treatment. We report a case of breast cancer that presented uterine metastases."
    )
    assert "uterus" in extract(text).facts["metastatic_sites"]


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        (
            "In the metastatic setting she has had two endocrine lines (letrozole + palbo, then "
            "fulvestrant + alpelisib) and one chemo (capecitabine).",
            3,
        ),
        ("She has had two endocrine lines and one chemotherapy.", 3),
        ("She has had two endocrine lines and 6 chemo cycles.", 2),
        ("She has had two endocrine lines.", 2),
    ],
)
def test_a_chemotherapy_count_joined_to_lines(text: str, lines: int) -> None:
    assert extract(text).facts["prior_lines"] == lines


@pytest.mark.parametrize(
    ("text", "active"),
    [
        (
            "Of her 2 brain mets, 1/2 was resected (cavity clean). The other, 7 mm in the L "
            "thalamus, has grown on today's scan and is untreated.",
            True,
        ),
        ("She had two brain mets; one was resected. The other one is untreated and growing.", True),
        (
            "She had two brain mets; one was resected. The other was treated with SRS and is stable.",
            False,
        ),
        ("Two brain mets treated with SRS. The other liver lesion has grown.", False),
        ("Two brain mets treated with SRS. The other sites have grown.", False),
    ],
)
def test_the_other_brain_lesion(text: str, active: bool) -> None:
    assert extract(text).facts["brain_metastases"] is active


@pytest.mark.parametrize(
    "text",
    [
        "A 30-year old woman was referred with symptomatic breast cancer at 35 weeks gestation.",
        "She was diagnosed at 28 weeks' gestation.",
        "Liver metastases were found in her second trimester.",
    ],
)
def test_a_pregnancy_told_by_its_weeks(text: str) -> None:
    assert extract(text).facts["menopausal_status"] == "pre"
    twin = "She had her son at 38 weeks gestation in 2001 and now at 58 is postmenopausal."
    assert extract(twin).facts["menopausal_status"] == "post"


def test_marks_and_time_words_typed_against_the_next_word() -> None:
    text = (
        "Her malignancy was diagnosed just by chance at 35years,first pregnancy!!Not fair at all."
    )
    facts = extract(text).facts
    assert facts["menopausal_status"] == "pre"
    assert facts["age"] == 35


def test_a_word_of_the_same_stem_is_no_misspelling() -> None:
    text = "She forgot to ask when was the last menstruation."
    assert "menopausal_status" not in extract(text).facts
    assert extract("she is menstruting regularly").facts["menopausal_status"] == "pre"
    assert extract("She is postmenopasual.").facts["menopausal_status"] == "post"


def test_sites_in_a_bracket_after_distant_organs() -> None:
    text = "The cancer has already spread to distant organs (brain, lungs)."
    facts = extract(text).facts
    assert facts["metastatic_sites"] == ["brain", "lung"]
    assert facts["brain_metastases"] is True


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "The cancer is in my bones and liver and I carry BRCA2 - does that change my options?",
            True,
        ),
        ("She does not carry BRCA2 - good news.", False),
    ],
)
def test_a_carried_gene_before_a_spaced_dash(text: str, value: bool) -> None:
    assert extract(text).facts["germline_brca"] is value
    twin = "ER+ PR- HER2 - does she qualify?"
    assert extract(twin).facts["her2"] == "negative"


# The review's cases (a helper read this stop's diff cold; each failed on the first version of
# the classes above).
@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        (
            "Brain metastases treated with SRS in 2021, stable on MRI. Two lines of chemotherapy "
            "since: the first one was paclitaxel. The second one, capecitabine, was stopped for progression.",
            "brain_metastases",
            False,
        ),
        (
            "Brain mets s/p SRS 2022, stable on MRI. Lung nodules: one resolved. The other one has grown.",
            "brain_metastases",
            False,
        ),
        (
            "Of her two brain metastases, one was resected in 2021. The other lesion grew and was "
            "irradiated with WBRT in 2022; MRI since shows no active disease.",
            "brain_metastases",
            False,
        ),
        (
            "Her first breast cancer was found in her third trimester in 2004. Now 61, she has ER+ HER2- MBC with bone mets.",
            "menopausal_status",
            "post",
        ),
        (
            "Her first breast cancer was found during pregnancy in 2004. Now 61, she has ER+ HER2- MBC with bone mets.",
            "menopausal_status",
            "post",
        ),
        (
            "My mum carries BRCA2 - I tested negative. ER+ HER2- breast cancer, now with bone mets.",
            "germline_brca",
            False,
        ),
        (
            "She has had two lines and one chemo-related admission for neutropenic sepsis.",
            "prior_lines",
            2,
        ),
        ("2 lines and 1 chemo dose delayed for neutropenia.", "prior_lines", 2),
        (
            "Two endocrine lines and two chemo drugs combined as the third line (carboplatin + gemcitabine).",
            "prior_lines",
            2,
        ),
        (
            "My husband says the scan last week showed new brain mets. I have metastatic breast cancer and I'm scared.",
            "brain_metastases",
            True,
        ),
        ("She was tested for PIK3CA mutations: H1047R.", "pik3ca", True),
        ("I was tested for the BRCA mutations and nothing was found.", "germline_brca", False),
        ("She has been tested for BRCA mutations, negative.", "germline_brca", False),
        ("She has been tested for BRCA mutations, positive for BRCA2.", "germline_brca", True),
        ("She was assessed today: no visceral crisis, ECOG 1.", "visceral_crisis", False),
        (
            "Previous treatment: dd AC-T (2016), letrozole, then palbociclib for bone mets.",
            "prior_chemo_lines",
            1,
        ),
        ("Because of my BRCA thing I had my ovaries removed last year.", "germline_brca", True),
        ("Postmenopausally, she developed bone mets.", "menopausal_status", "post"),
    ],
)
def test_the_review_s_cases(text: str, key: str, value: object) -> None:
    assert extract(text).facts[key] == value


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (
            "I was tested for BRCA1 and BRCA2 last month. My blood tests came back normal though my tumour markers are up.",
            "germline_brca",
        ),
        ("She was tested for PIK3CA mutations but does not remember the result.", "pik3ca"),
        ("I was tested for BRCA mutations, I'm not sure of the result.", "germline_brca"),
        (
            "Contrast was avoided because of her third trimester in 2019. Now 52.",
            "menopausal_status",
        ),
    ],
)
def test_the_review_s_unknowns(text: str, key: str) -> None:
    assert key not in extract(text).facts


@pytest.mark.parametrize(
    "text",
    [
        "My oncologist keeps telling me the liver mets are stable, but I'm worried.",
        "Everyone at work assumed I was cured. My friends thought I was fine but I have liver mets now.",
    ],
)
def test_a_doctor_s_or_a_friend_s_words_keep_the_finding(text: str) -> None:
    assert "liver" in extract(text).facts["metastatic_sites"]

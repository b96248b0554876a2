"""Stop 67: receptor statements the grammar (chatbot.nlp.receptors) did not read, found among
the seen misses of the real test split, and the danger found beside them. Each reading has a
twin that keeps the other one.

- A verb of expression with the hormone receptors as its object or subject ("tumour cells
  expressing ER and PR, HER2 negative" had read ER and PR negative: the list took the sign
  after it), denied ("did not express ER or PR"). Never HER2 (graded), never a share.
- "endocrine" names the hormone receptors ("endocrine and HER-2/neu receptor positive"), not
  inside "neuroendocrine".
- The lay naming after "positive for" ("positive for a cancer growth factor called HER2").
- A kind of cancer set against the case ("compared to hormone-positive, HER-2 positive breast
  cancer", "unlike", "than"): its receptor statements are not hers; her other facts there are.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


def facts(text: str) -> dict:
    return dict(extract(text).facts)


# -- verbs of expression -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "hr", "her2"),
    [
        (
            "Tumor cells expressing ER and PR, HER2 negative. Liver metastases.",
            "positive",
            "negative",
        ),
        (
            "The tumor cells expressed estrogen and progesterone receptors and were negative for "
            "HER-2/neu overexpression.",
            "positive",
            "negative",
        ),
        ("ER and PR were strongly expressed; HER2 was negative.", "positive", "negative"),
        ("The tumour expresses oestrogen receptor. HER2 3+.", "positive", "positive"),
        ("The carcinoma did not express ER or PR; HER2 was 3+.", "negative", "positive"),
        ("The metastasis does not express ER, PR or HER2.", "negative", "negative"),
        ("Biopsy: tumour cells didn't express ER and PR. HER2 negative.", "negative", "negative"),
    ],
)
def test_a_verb_of_expression_reads_the_hormone_receptors(text, hr, her2):
    got = facts(text)
    assert got.get("hormone_receptor") == hr
    assert got.get("her2") == her2


@pytest.mark.parametrize(
    "text",
    [
        "The tumour expressed HER2 at 1+.",  # graded: HER2-low, not positive
        "Tumour cells expressing HER2. ER 90%.",
    ],
)
def test_her2_is_never_read_from_a_verb_of_expression(text):
    assert facts(text).get("her2") is None


def test_a_share_after_the_expressed_receptor_is_read_as_a_share():
    # <1 % stained nuclei is ER-negative (ASCO/CAP): the verb does not make it positive
    assert facts("The tumour expressed ER in <1% of cells.").get("hormone_receptor") != "positive"


# -- "endocrine" -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "hr"),
    [
        (
            "She was diagnosed with endocrine and HER-2/neu receptor positive stage IV metastatic "
            "breast cancer.",
            "positive",
        ),
        ("Endocrine receptor negative, HER2 negative metastatic breast cancer.", "negative"),
        ("Neuroendocrine markers were negative; ER positive, HER2 negative.", "positive"),
        ("Neuroendocrine-negative tumour in the liver from breast cancer.", None),
        ("Synaptophysin and chromogranin negative, no neuroendocrine positive cells.", None),
    ],
)
def test_endocrine_names_the_hormone_receptors_not_inside_neuroendocrine(text, hr):
    assert facts(text).get("hormone_receptor") == hr


# -- the lay naming --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "her2"),
    [
        ("Her cancer tested positive for a protein called HER2.", "positive"),
        (
            "Judy was given her diagnosis: Stage 3 breast cancer that was positive for the "
            "hormones estrogen and progesterone and positive for a cancer growth factor called "
            "HER2.",
            "positive",
        ),
        ("The tumour was negative for the protein known as HER2.", "negative"),
    ],
)
def test_a_receptor_named_in_lay_words_after_positive_for(text, her2):
    assert facts(text).get("her2") == her2


# -- a kind compared -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "hr", "her2"),
    [
        (
            "Triple-negative breast cancer is associated with poorer prognosis. Only fewer "
            "treatment options are available compared to hormone-positive, HER-2 positive breast "
            "cancer. We present a case of a 71-year-old gentleman with triple-negative breast "
            "cancer.",
            "negative",
            "negative",
        ),
        ("Her tumour is HER2-low rather than HER2-zero. ER positive.", "positive", "negative"),
        (
            "Her cancer is ER+, more common than ER-negative disease, and HER2-negative.",
            "positive",
            "negative",
        ),
        ("Unlike HER2-positive tumours, hers is HER2 1+, ER 90%.", "positive", "negative"),
    ],
)
def test_a_kind_set_against_the_case_states_nothing_of_hers(text, hr, her2):
    got = facts(text)
    assert got.get("hormone_receptor") == hr
    assert got.get("her2") == her2


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        # a number compared is no kind; her other facts in a comparison stay
        ("Ki-67 was less than 20%, Her2-neu 0. ER 95%.", "her2_low", False),
        (
            "CT revealed a large mass in the abdomen and more than 20 bilateral pulmonary "
            "metastases.",
            "metastatic_sites",
            ["abdomen", "lung"],
        ),
        ("Compared with March, new liver mets. ER+ HER2-.", "metastatic_sites", ["liver"]),
    ],
)
def test_a_comparison_drops_only_the_receptor_statements_of_a_kind(text, key, value):
    assert facts(text).get(key) == value


# -- the cold review of the four changes (each case misread by their first version) ---------
@pytest.mark.parametrize(
    ("text", "hr"),
    [
        # another tissue's, a control's, a cell line's or a kind's expression is not hers
        (
            "The ovarian tumour expressed ER and PR; her breast cancer is triple negative.",
            "negative",
        ),
        ("Positive control tissue expressed ER and PR appropriately; the tumour did not.", None),
        (
            "The surrounding normal epithelium expressed ER and PR (internal positive control).",
            None,
        ),
        ("Stromal cells expressed PR.", None),
        ("The DCIS expressed ER and PR.", None),
        ("MCF-7 cells express ER and PR.", None),
        ("Tumours that express ER usually respond to tamoxifen.", None),
        ("Cancers expressing oestrogen receptors are treated with endocrine therapy.", None),
        (
            "The internal control expressed ER. Tumour cells were ER negative, PR negative.",
            "negative",
        ),
        # a question or an instruction states nothing
        ("Would the cancer express ER after chemo?", None),
        ("Please express ER and PR status in Allred score.", None),
    ],
)
def test_only_her_tumours_asserted_expression_is_read(text, hr):
    assert facts(text).get("hormone_receptor") == hr


@pytest.mark.parametrize(
    "text",
    [
        # a share or none of the cells: never positive from the verb
        "Less than 1% of tumour cells expressed ER.",
        "Fewer than 1% of tumour cells expressed ER and PR.",
        "None of the tumour cells expressed ER.",
        "No tumour cells expressing ER were seen.",
        "Tumour cells expressing ER and PR were not identified.",
        "No tumour cells expressed ER or PR.",
        "ER and PR were expressed in the primary, but the metastatic lesion lost expression of both.",
    ],
)
def test_a_share_or_a_denial_around_the_verb_is_never_read_positive(text):
    assert facts(text).get("hormone_receptor") != "positive"


@pytest.mark.parametrize(
    ("text", "hr", "her2"),
    [
        # her own status after a comparison with no kind in it stays
        ("Compared to before, ER is positive.", "positive", None),
        ("Unlike her sister, she is ER positive.", "positive", None),
        ("Unlike before, she is now HER2 negative on the new biopsy.", None, "negative"),
        (
            "Her mother had ER-positive breast cancer; unlike her mother, she is triple negative.",
            "negative",
            "negative",
        ),
        (
            "The liver biopsy, in contrast to the breast primary, was ER negative and PR negative.",
            "negative",
            None,
        ),
        (
            "Her tumour, compared to the prior, remains ER positive and HER2 negative.",
            "positive",
            "negative",
        ),
        # both sides of a comparison of kinds are kinds
        (
            "HER2 negative. Brain metastases are more common in HER2 positive than in HER2 "
            "negative disease.",
            None,
            "negative",
        ),
        (
            "ER-positive tumours respond better to endocrine therapy than ER-negative ones.",
            None,
            None,
        ),
        ("Survival is worse in TNBC than in ER-positive disease.", None, None),
    ],
)
def test_a_comparison_drops_the_kinds_and_keeps_her_status(text, hr, her2):
    got = facts(text)
    assert got.get("hormone_receptor") == hr
    assert got.get("her2") == her2


def test_a_negative_lay_naming_keeps_its_score():
    got = facts("The tumour was negative for the protein known as HER2 (score 0).")
    assert got.get("her2") == "negative"
    assert got.get("her2_low") is False


# -- the second cold review (each misread by the first mends) --------------------------------
@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        # her own status after a comparison that names no kind
        (
            "Compared with the breast, ER was negative in the liver biopsy.",
            "hormone_receptor",
            "negative",
        ),
        ("Unlike in the breast, HER2 was 3+ in the liver metastasis.", "her2", "positive"),
        ("In contrast to ER and PR, HER2 was strongly positive (3+).", "her2", "positive"),
        ("Unlike ER, PR was negative, HER2 2+ with FISH not amplified.", "her2", "negative"),
        ("She was diagnosed with HER2-positive rather than HER2-low disease.", "her2", "positive"),
        # a denied expression is none at all, HER2's too
        ("The tumour cells did not express ER, PR or HER2.", "her2", "negative"),
        # a turn of the clause: what follows it is asserted
        ("It expresses ER and PR but is HER2 negative.", "hormone_receptor", "positive"),
        ("ER is expressed but PR is not.", "hormone_receptor", "positive"),
        (
            "The tumour cells did not express CK20 but expressed ER and PR.",
            "hormone_receptor",
            "positive",
        ),
        ("All of the tumour cells expressed ER and PR.", "hormone_receptor", "positive"),
        ("The recurrence expresses ER and PR.", "hormone_receptor", "positive"),
        # a report's field: its value decides
        ("Tumour cells expressing ER: negative.", "hormone_receptor", "negative"),
        # hedges, conditions, generic sentences, other tissue, a relative: nothing
        ("The tumour cells are unlikely to express ER.", "hormone_receptor", None),
        ("Unless the tumour expresses ER, chemotherapy is preferred.", "hormone_receptor", None),
        (
            "A tumour that expresses ER usually responds to hormone therapy.",
            "hormone_receptor",
            None,
        ),
        ("ER was expressed only in the adjacent normal breast tissue.", "hormone_receptor", None),
        ("ER and PR were expressed in the original tumour.", "hormone_receptor", None),
        ("My mother had a cancer that expressed ER.", "hormone_receptor", None),
        ("The uterine mass expressed ER and PR.", "hormone_receptor", None),
        # a lay naming with a grade is no positive
        ("Her tumour was positive for a subtype called HER2-low.", "her2", "negative"),
        ("It was positive for the protein called HER2 (score 2+).", "her2", None),
    ],
)
def test_second_review_mends(text, key, value):
    assert facts(text).get(key) == value


@pytest.mark.parametrize(
    "text",
    [
        "Proportion of tumour cells expressing ER: none (0). Proportion expressing PR: none (0).",
        "The metastasis has stopped expressing ER.",
        "The tumour ceased to express ER and PR.",
        "The tumour cells expressed ER weakly (Allred 2).",
    ],
)
def test_a_loss_or_a_weak_share_is_never_read_positive(text):
    assert facts(text).get("hormone_receptor") != "positive"


# -- a share of cells with a sign word (found beside the reviews) ------------------------
@pytest.mark.parametrize(
    ("text", "hr"),
    [
        ("Less than 1% of tumour cells were ER positive.", "negative"),
        ("ER positive in less than 1% of cells.", "negative"),
        ("90% of tumour cells were positive for ER and 20% for PR.", "positive"),
        ("ER was positive in 80% of tumor cells.", "positive"),
        ("ER positive in <1% of cells, PR positive in 50% of cells.", "positive"),
        ("Less than 10% of tumour cells were ER positive.", "positive"),  # ER-low is positive
    ],
)
def test_the_share_of_cells_decides_a_sign_word(text, hr):
    assert facts(text).get("hormone_receptor") == hr


# -- the third cold review (each misread by the second mends) --------------------------------
@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        # a negative sign word's share is of the unstained cells
        ("100% of tumour cells were ER negative.", "hormone_receptor", "negative"),
        ("ER and PR negative in 100% of the tumour cells, HER2 0.", "hormone_receptor", "negative"),
        ("More than 99% of tumour cells were ER negative.", "hormone_receptor", "negative"),
        # shares written out, and no cells at all
        (
            "ER was positive in less than 1 percent of the tumor cells.",
            "hormone_receptor",
            "negative",
        ),
        ("No tumour cells were ER positive.", "hormone_receptor", "negative"),
        # hedged and generic expression
        (
            "The tumour is thought to express ER based on morphology; IHC pending.",
            "hormone_receptor",
            None,
        ),
        (
            "Breast cancer that expresses hormone receptors tends to grow more slowly.",
            "hormone_receptor",
            None,
        ),
        (
            "Tumour cells which express ER can be targeted with fulvestrant.",
            "hormone_receptor",
            None,
        ),
        ("In most patients, the tumour cells express ER.", "hormone_receptor", None),
        ("The tumour, which expresses ER and PR, was resected.", "hormone_receptor", "positive"),
        # HER2's own statement inside an asserted list
        ("Tumour cells expressing ER and HER2 (3+).", "her2", "positive"),
        # the lay naming only of her own cancer
        ("About one in five breast cancers is positive for a protein called HER2.", "her2", None),
        ("My mother's cancer was positive for a protein called HER2.", "her2", None),
        # the subject of a comparison of kinds
        (
            "Triple negative breast cancer has a worse prognosis compared to hormone receptor "
            "positive disease.",
            "hormone_receptor",
            None,
        ),
        # … but not a terse case's own status at the sentence's start
        (
            "HER2-positive breast cancer in a 50F with liver mets, worse prognosis compared to "
            "HER2-negative disease?",
            "her2",
            "positive",
        ),
    ],
)
def test_third_review_mends(text, key, value):
    assert facts(text).get(key) == value


@pytest.mark.parametrize(
    "text",
    [
        "The tumour cells express ER (Allred score 2/8).",
        "Some cancers are positive for a protein called HER2; mine is negative.",
    ],
)
def test_third_review_no_positive(text):
    got = facts(text)
    assert got.get("hormone_receptor") != "positive"
    assert got.get("her2") != "positive"


# -- wrong values the third review found in the code before this stop -----------------------
@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        # a control tissue's stain is no tumour's
        (
            "Positive control tissue was ER and PR positive; the tumour was negative.",
            "hormone_receptor",
            None,
        ),
        (
            "External controls stained appropriately. ER 90%, PR 50%, HER2 1+.",
            "hormone_receptor",
            "positive",
        ),
        # the metastasis's status is the current one
        (
            "It was positive for HER2 in the breast but not in the liver metastasis.",
            "her2",
            "negative",
        ),
        (
            "HER2 positive in the primary tumour, but not in the bone metastasis biopsy.",
            "her2",
            "negative",
        ),
        # "luminal" as histology is no subtype
        (
            "Luminal epithelial cells in the adjacent lobules express ER, whereas the tumour cells "
            "do not.",
            "hormone_receptor",
            None,
        ),
        (
            "Cords and small abortive luminal pattern in an abundant mucoid matrix.",
            "hormone_receptor",
            None,
        ),
        ("Luminal A breast cancer, liver mets.", "hormone_receptor", "positive"),
        # a share of cells after the verb decides it
        (
            "The tumor did not express ER, but PR was expressed in 30% of cells.",
            "hormone_receptor",
            "positive",
        ),
        ("ER was expressed in approximately 95% of tumour nuclei.", "hormone_receptor", "positive"),
        ("ER was expressed in less than 1% of tumour cells.", "hormone_receptor", "negative"),
    ],
)
def test_wrong_values_found_beside_the_reviews(text, key, value):
    assert facts(text).get(key) == value

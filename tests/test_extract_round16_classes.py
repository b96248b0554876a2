"""Round 16 failure classes read as classes (helper markers17): the patient named by a
relative word, HER2 long names, comma receptor lists, TNBC abbreviations, extraocular
muscles, later HER2-low statements, lay brain wording and organ sites found at surgery."""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        (
            "A 61-year-old grandmother is living with HER2-positive breast cancer spread to the liver.",
            {"age": 61, "sex": "female", "her2": "positive", "metastatic_sites": ["liver"]},
        ),
        (
            "An 80-year-old widowed father was found to have ER-positive breast cancer in the lungs.",
            {"age": 80, "sex": "male", "hormone_receptor": "positive"},
        ),
        (
            "A 39 year old mother, ER positive, now has bone metastases.",
            {
                "age": 39,
                "sex": "female",
                "hormone_receptor": "positive",
                "metastatic_sites": ["bone"],
            },
        ),
    ],
)
def test_a_relative_word_after_the_patients_age_is_the_patient(
    nlp, text: str, facts: dict[str, object]
) -> None:  # type: ignore[no-untyped-def]
    got = extract(text).facts
    for fact, value in facts.items():
        assert got.get(fact) == value, (text, fact, got)


@pytest.mark.parametrize(
    "text",
    [
        "Her 47-year-old sister had HER2-positive breast cancer.",
        "A 70-year-old man whose 44-year-old daughter had HER2-positive breast cancer.",
        "The patient's 52-year-old aunt had HER2-positive breast cancer.",
    ],
)
def test_a_possessed_relatives_age_and_cancer_stay_hers(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    got = extract(text).facts
    assert "her2" not in got, (text, got)
    assert got.get("age") not in (47, 44, 52), (text, got)


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        # HER2's long name, its bracketed abbreviation and the amplification noun
        (
            "Core biopsy: grade 2 carcinoma with human epidermal growth factor receptor 2 (HER2) "
            "amplification.",
            {"her2": "positive"},
        ),
        (
            "The lesion showed epidermal growth factor receptor 2 amplification.",
            {"her2": "positive"},
        ),
        ("There was no HER2 amplification.", {"her2": "negative"}),
        # the luminal HER2 subtype under the long name; the HER2 subtype named so
        (
            "The liver lesion had become luminal human epidermal growth factor receptor 2 type.",
            {"hormone_receptor": "positive", "her2": "positive"},
        ),
        (
            "The relapse was a luminal-B/HER2 subtype.",
            {"hormone_receptor": "positive", "her2": "positive"},
        ),
        (
            "Cytology of the effusion showed human epidermal growth factor receptor 2 type "
            "breast cancer.",
            {"her2": "positive"},
        ),
        (
            "The tumour was luminal, HER2-negative.",
            {"hormone_receptor": "positive", "her2": "negative"},
        ),
        # a value-first comma list that ends its sentence without "and"
        (
            "The metastasis stained negative for ER, PR, HER2.",
            {"hormone_receptor": "negative", "her2": "negative"},
        ),
        (
            "It was triple negative for estrogen receptor (ER), progesterone receptor (PR), "
            "HER2 receptor status.",
            {"hormone_receptor": "negative", "her2": "negative"},
        ),
        # the abbreviation of metastatic TNBC
        (
            "Second-line therapy for mTNBC after carboplatin.",
            {"hormone_receptor": "negative", "her2": "negative"},
        ),
        # a classification denied is the negative value
        (
            "Her tumour made some HER2, though not enough to be classified as HER2-positive.",
            {"her2": "negative"},
        ),
    ],
)
def test_receptor_classes_of_round16(nlp, text: str, facts: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    got = extract(text).facts
    for fact, value in facts.items():
        assert got.get(fact) == value, (text, fact, got)


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # an amplification is HER2's only; a test's name is no result
        ("ESR1 amplification was found in ctDNA; ER amplification was seen.", "hormone_receptor"),
        ("HER2 amplification status is pending.", "her2"),
        ("HER2 amplification by FISH was negative.", "her2"),
        # a singular verb tells its own name's value, not the list's before it
        ("The cells expressed ER and PR, HER2 was negative.", "hormone_receptor"),
    ],
)
def test_receptor_values_that_are_not_read(nlp, text: str, fact: str) -> None:  # type: ignore[no-untyped-def]
    got = extract(text).facts
    assert fact not in got, (text, got)


def test_a_later_her2_low_statement_is_not_lost_to_a_denied_classification(nlp) -> None:  # type: ignore[no-untyped-def]
    got = extract(
        "When her disease progressed a biopsy showed HR-positive, HER2-negative cancer. "
        "Years later she was told she was HER2-low, meaning some HER2 but not enough to "
        "call it HER2-positive."
    ).facts
    assert got.get("her2") == "negative" and got.get("her2_low") is True, got


@pytest.mark.parametrize(
    "text",
    [
        "Breast carcinoma metastatic to the inferior oblique caused diplopia.",
        "MRI showed metastases in the superior oblique and lateral rectus.",
        "Metastases to the medial recti from lobular carcinoma of the breast.",
    ],
)
def test_extraocular_muscles_are_orbit(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "orbit" in (extract(text).facts.get("metastatic_sites") or []), text


@pytest.mark.parametrize(
    ("text", "site"),
    [
        (
            "Pathology showed a breast cancer metastasis in the fimbria of the right Fallopian tube.",
            "fallopian tube",
        ),
        ("Lobular carcinoma deposits were seen in the wall of the urinary bladder.", "bladder"),
        ("A metastasis to the tail of the pancreas from breast carcinoma.", "pancreas"),
    ],
)
def test_a_head_placed_at_a_part_of_the_organ_is_at_the_organ(nlp, text: str, site: str) -> None:  # type: ignore[no-untyped-def]
    assert site in (extract(text).facts.get("metastatic_sites") or []), text


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        # the organ told as what the metastases were
        ("Her metastases were hepatic and osseous.", ["liver", "bone"]),
        ("Years later the relapse was mainly pulmonary.", ["lung"]),
        # a growth told reaching the organ, confirmed by the next sentence
        (
            "CT showed a mass with invasion into the left orbit. Biopsy was consistent with "
            "metastatic breast carcinoma.",
            ["orbit"],
        ),
    ],
)
def test_organs_told_of_a_head_or_a_growth(nlp, text: str, sites: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("metastatic_sites") == sites, text


@pytest.mark.parametrize(
    "text",
    [
        "The lesion was cutaneous.",
        "The metastases were not hepatic.",
    ],
)
def test_no_site_from_a_lesion_or_a_denied_predicate(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "metastatic_sites" not in extract(text).facts, text


@pytest.mark.parametrize(
    ("text", "site"),
    [
        # a micrometastasis word, a bracketed size and a histology abbreviation between
        ("Curettage found micrometastatic (<1 mm) ILC in the endometrium.", "uterus"),
        ("Gastroscopy biopsies showed metastatic ILC in the stomach.", "stomach"),
        ("Metastases (3 cm) in the spleen from breast cancer.", "spleen"),
    ],
)
def test_a_head_reaches_its_organ_over_a_bracket_and_an_abbreviation(
    nlp, text: str, site: str
) -> None:  # type: ignore[no-untyped-def]
    assert site in (extract(text).facts.get("metastatic_sites") or []), text


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        # the test named between the receptor and its value
        ("HER2 testing on the pleural biopsy was positive.", {"her2": "positive"}),
        (
            "Estrogen and progesterone receptor studies were negative.",
            {"hormone_receptor": "negative"},
        ),
        (
            "HER2 receptor studies on the resected tumor at the time of recurrence were negative.",
            {"her2": "negative"},
        ),
        # a bare score explained in brackets: the score decides, not the bracket's words
        ("HER2 3 (i.e., strongly positive) on core biopsy.", {"her2": "positive"}),
        ("HER2 1 (ie weakly positive).", {"her2": "negative", "her2_low": True}),
    ],
)
def test_a_test_noun_or_an_explained_score_between(
    nlp, text: str, facts: dict[str, object]
) -> None:  # type: ignore[no-untyped-def]
    got = extract(text).facts
    for fact, value in facts.items():
        assert got.get(fact) == value, (text, fact, got)


@pytest.mark.parametrize("text", ["HER2 testing was not done.", "HER2 testing is pending."])
def test_a_test_without_a_result_reads_nothing(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "her2" not in extract(text).facts, text


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        # the overexpression noun with its result after it
        ("HER2 overexpression was not detected on the liver biopsy.", "her2", "negative"),
        ("HER2 overexpression was absent.", "her2", "negative"),
        ("HER2 overexpression was negative.", "her2", "negative"),
        ("Marked HER2 overexpression was observed.", "her2", "positive"),
        # a finding's phrase naming a test: its result after it decides, none without one
        ("Germline BRCA mutation testing came back negative.", "germline_brca", False),
        ("PIK3CA mutation testing on ctDNA revealed no alteration.", "pik3ca", False),
        ("BRCA2 mutation testing identified a pathogenic variant.", "germline_brca", True),
        ("PIK3CA mutation testing has been ordered.", "pik3ca", None),
        ("The block was sent for HER2 amplification testing.", "her2", None),
    ],
)
def test_a_state_noun_or_a_test_name_reads_its_result(
    nlp, text: str, fact: str, value: object
) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get(fact) == value, text


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("ESR1 mutation analysis on plasma was negative.", "esr1"),
        ("PIK3CA mutation panel: none detected.", "pik3ca"),
    ],
)
def test_a_test_named_by_its_finding_with_a_negative_result(nlp, text: str, fact: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get(fact) is False, text


@pytest.mark.parametrize(
    "text",
    [
        "HER2 overexpression could not be assessed on the bone sample.",
        "HER2 amplification cannot be determined after decalcification.",
    ],
)
def test_a_result_that_could_not_be_had_is_unknown(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "her2" not in extract(text).facts, text


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # a test told without its result: its "no"/"not" is no negative result (review of stop 24)
        ("Germline BRCA mutation testing: no result yet.", "germline_brca"),
        ("PIK3CA mutation testing has not been done.", "pik3ca"),
        ("ESR1 mutation testing is not yet available, ctDNA pending.", "esr1"),
        ("BRCA mutation testing was requested, no report so far.", "germline_brca"),
    ],
)
def test_a_test_without_its_result_is_no_negative(nlp, text: str, fact: str) -> None:  # type: ignore[no-untyped-def]
    assert fact not in extract(text).facts, text

"""Stop 46's classes: round 63's (first run recorded in tests/data/real/FORMAT.md before any of
its misses was read), and the ones left from rounds 60-62 (seen).

Each class is written in words other than the corpus text's, with a metamorphic twin that
must not change: the fix reads the class, not the sentence.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract

# -- chemotherapy told as the treatment she is on, the spread told by its site only ---------


@pytest.mark.parametrize(
    "text",
    [
        # r62-0002's class: the metastatic disease told by a site, no "metastatic" word
        "In 2004 back pain led to the diagnosis of breast cancer in my spine. Since then I "
        "have been on treatment, currently trastuzumab and chemotherapy.",
        "The cancer had spread to her liver. She is on chemotherapy.",
        "My cancer moved to my lungs in 2021, and I've been on chemo drugs ever since.",
        # twin read before too: the same, told with a metastatic word
        "Her metastatic breast cancer is in her liver. She is currently receiving chemotherapy.",
    ],
)
def test_chemotherapy_she_is_on_after_the_spread_makes_a_candidate(text: str) -> None:
    ex = extract(text)
    assert ex.facts.get("chemo_candidate") is True
    assert "chemo_candidate" in ex.inferred  # shown as an inference she can correct


@pytest.mark.parametrize(
    "text",
    [
        # regional nodes are read in early disease too: no metastatic disease told by them
        "She was diagnosed at 45 with a 6 cm tumour and 4 of 20 lymph nodes positive. She was "
        "given a course of chemotherapy and radiation.",
        # told back in the pluperfect: maybe the early disease's
        "CT showed a mass in the liver, a breast primary on biopsy. She had received "
        "chemotherapy and tamoxifen.",
        # chemotherapy put aside for another treatment
        "The cancer had spread to her bones. They treated her with radiation rather than "
        "chemotherapy.",
    ],
)
def test_chemotherapy_not_given_for_the_spread_makes_no_candidate(text: str) -> None:
    assert extract(text).facts.get("chemo_candidate") is None


# -- a contraction's negation, and chemotherapy told impossible beside another treatment ---


@pytest.mark.parametrize(
    "said",
    [
        "She didn't receive chemotherapy.",
        "She hasn’t started chemotherapy.",
        "She wasn't started on chemotherapy.",
    ],
)
def test_chemotherapy_denied_by_a_contraction_is_never_a_candidacy(said: str) -> None:
    # danger class (a negated finding set true): "n't" has no word boundary before it
    ex = extract("Her metastatic breast cancer is in the liver. " + said)
    assert ex.facts.get("chemo_candidate") is not True


@pytest.mark.parametrize(
    "said",
    [
        # r63-0010's class
        "The physician determines that chemotherapy and radiation cannot be used at this stage.",
        "Chemotherapy or surgery could not be considered.",
        "She can't receive chemotherapy.",
        # twin read before too
        "Chemotherapy cannot be given.",
    ],
)
def test_chemotherapy_told_impossible_is_no_candidate(said: str) -> None:
    ex = extract("She has metastatic breast cancer in the liver. " + said)
    assert ex.facts.get("chemo_candidate") is False


def test_the_only_option_left_being_chemotherapy_makes_a_candidate() -> None:
    text = "Her breast cancer spread to her liver. The only remaining option was chemotherapy."
    ex = extract(text)
    assert ex.facts.get("chemo_candidate") is True
    assert "chemo_candidate" in ex.inferred
    # metamorphic: told as no option, never a candidacy
    no = extract("Her breast cancer spread to her liver. Chemotherapy is not an option.")
    assert no.facts.get("chemo_candidate") is False


# -- ages: another named person's apposed age, the relapse's age -----------------------------


@pytest.mark.parametrize(
    ("text", "age"),
    [
        # r63-0001's class: the patient named with the cancer, another name apposed an age
        (
            "Anna died last year from metastatic breast cancer at age 41, so Carol, 66, a retired "
            "nurse, set up a charity in her name.",
            41,
        ),
        # r61-0017's class: both apposed; the patient is the one told diagnosed
        (
            "Smith, 50, tells Jones, 57, about the day. When Jones was diagnosed with stage 4 "
            "breast cancer, Smith drove her home.",
            57,
        ),
        # twin: her apposed age alone is never given away
        (
            "Mary Brown, 59, of Leeds had been free of breast cancer for years when it came back "
            "in her bones.",
            59,
        ),
    ],
)
def test_an_apposed_age_is_the_patients_only_when_her_name_is_apposed(text: str, age: int) -> None:
    assert extract(text).facts.get("age") == age


def test_the_age_told_with_the_relapse_is_her_age_now() -> None:
    # r63-0017's class: "when I was 41" in the sentence telling the return
    text = (
        "I had a mastectomy and chemotherapy. Two years later, when I was 41, a scan showed "
        "that the cancer had returned in my spine."
    )
    assert extract(text).facts.get("age") == 41
    # metamorphic: the age of an earlier event, a later time told, stays unread
    earlier = "When I was 41, I had a mastectomy. Five years later the cancer spread to my spine."
    assert extract(earlier).facts.get("age") is None


def test_a_few_months_later_keeps_the_age_at_diagnosis() -> None:
    # r63-0033's class: months, not years, after the age told
    text = (
        "Lucy was 37 when she was diagnosed with breast cancer. Four months later scans showed "
        "it had spread to her bones."
    )
    assert extract(text).facts.get("age") == 37


# -- sites: a serous lining told in lay words; a part of an organ group ---------------------


@pytest.mark.parametrize(
    ("said", "site"),
    [
        ("her breast cancer spread to the fluid surrounding her lungs", "pleura"),
        ("her breast cancer has spread to the sac around her heart", "pericardium"),
        ("her breast cancer spread to the membrane covering her lungs", "pleura"),
        # twin read before too
        ("her breast cancer spread to the lining of her lungs", "pleura"),
    ],
)
def test_a_serous_lining_in_lay_words_is_its_site(said: str, site: str) -> None:
    ex = extract(f"Sadly {said}.")
    assert site in (ex.facts.get("metastatic_sites") or [])
    assert "lung" not in (ex.facts.get("metastatic_sites") or [])


@pytest.mark.parametrize(
    "place", ["three of my vertebrae", "two of her ribs", "some of her vertebrae", "my vertebrae"]
)
def test_a_part_of_the_bones_is_bone(place: str) -> None:
    ex = extract(f"The breast cancer had spread to {place}.")
    assert ex.facts.get("metastatic_sites") == ["bone"]


# -- receptors told in the perfect, with an aside or her tumour between ---------------------


@pytest.mark.parametrize(
    "said",
    [
        "The hormone receptors in her tumor, however, have been consistently negative.",
        "The hormone receptors have been negative.",
        # twin read before too
        "The hormone receptors were negative.",
    ],
)
def test_a_receptor_statement_in_the_perfect_is_read(said: str) -> None:
    ex = extract("She has metastatic breast cancer. " + said)
    assert ex.facts.get("hormone_receptor") == "negative"


# -- a class named with any therapy noun; a progression despite it is its failure ----------


@pytest.mark.parametrize(
    "named",
    ["hormone treatment", "hormonal therapies", "endocrine drugs", "hormone therapy"],
)
def test_a_class_with_any_therapy_noun_is_that_class(named: str) -> None:
    ex = extract(f"She progressed on {named}.")
    assert [d.drug_class for d in ex.drugs] == ["endocrine-therapy"]


def test_a_progression_despite_the_one_regimen_since_the_event_is_one_line() -> None:
    # r63-0027's class
    text = (
        "In May she was diagnosed with stage IV breast cancer in her spine. Her disease "
        "progressed to more areas of bone despite surgery, hormone treatment and radiation."
    )
    ex = extract(text)
    assert ex.facts.get("prior_lines") == 1
    assert ex.facts.get("prior_chemo_lines") == 0
    # metamorphic: a progression told before the regimen, in another sentence, stays uncounted
    before = (
        "In May she was diagnosed with stage IV breast cancer in her spine. It progressed in "
        "her liver. Despite letrozole, it grew."
    )
    assert extract(before).facts.get("prior_lines") is None


# -- a physician-writer's practice partner's pronoun is the clinician's ---------------------


@pytest.mark.parametrize("gap", [" ", "  "])
def test_a_practice_partners_pronoun_is_not_the_patients(gap: str) -> None:
    # r63-0011's class (and r15-0005): "under the care of one of my partners. He discussed
    # her prognosis"; a double space after the stop had hidden the sentence opening
    text = (
        "I admitted Sarah to the hospital late on Saturday night. For two years she had been "
        "receiving chemotherapy under the care of one of my partners." + gap + "He had "
        "discussed her limited prognosis. Now the metastatic breast cancer was spreading "
        "through her bones and her liver."
    )
    ex = extract(text)
    assert ex.facts.get("sex") == "female"
    assert "sex" in ex.inferred
    # metamorphic: "my partner" alone is a spouse: his pronoun still blocks the vote
    spouse = text.replace("one of my partners", "her oncologist").replace(
        "He had discussed", "Her partner said he had discussed"
    )
    assert extract(spouse).facts.get("sex") is None

"""Round 66's classes (stop 47), each read failing on the code before it, each with a twin
that stays unread: new brain lesions counted after treated ones; the patient as the
carrier of a mutation that runs in her family; a treatment noun the subject of a modal;
a belief in the cancer's own relative clause ("the cancer she thought she'd beaten");
a list member told as a part ("one of my vertebrae"); an age phrase with an adjective
before it ("a normal 34-year-old mother"); a child weaned; an operation on a metastasis'
organ; the return placed in a distant organ, for the scope judge.
"""

from __future__ import annotations

import pytest

from chatbot.dialogue.scope import judge_scope
from chatbot.nlp import extract


def test_new_brain_lesions_counted_after_treated_ones_are_active(nlp) -> None:  # type: ignore[no-untyped-def]
    told = (
        "Her breast cancer spread to her brain. She had surgery to remove a tumour from her "
        "cerebellum last year. Two smaller ones were treated with radiosurgery but another four "
        "were found. She now has tumours in her brain, neck and spine."
    )
    assert extract(told).facts.get("brain_metastases") is True
    treated = told.replace("but another four were found", "and another four were removed")
    assert extract(treated).facts.get("brain_metastases") is not True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Her breast cancer has spread to her bones. She carries a BRCA2 mutation which runs in her family.",
            True,
        ),
        (
            "Her breast cancer has spread to her bones. I carry the BRCA1 mutation that runs in my family.",
            True,
        ),
        ("Her breast cancer has spread to her bones. A BRCA2 mutation runs in her family.", None),
        (
            "Her breast cancer has spread to her bones. Her mother carries a BRCA2 mutation which runs in the family.",
            None,
        ),
    ],
)
def test_the_patient_carrying_a_mutation_that_runs_in_her_family(nlp, text: str, expected) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("germline_brca") is expected


def test_what_treatment_can_do_is_no_treatment_given(nlp) -> None:  # type: ignore[no-untyped-def]
    told = (
        "Olivia's cancer had returned, and this time it had spread: stage 4 metastatic breast "
        "cancer to her bones and lymph nodes. Although cancer of this type isn't curable, "
        "treatment can help control its spread."
    )
    ex = extract(told)
    assert ex.facts.get("prior_lines") == 0 and "prior_lines" in ex.inferred
    given = told.replace("treatment can help control its spread", "letrozole failed after a year")
    assert extract(given).facts.get("prior_lines") != 0


def test_a_belief_in_the_cancers_own_clause_is_no_hedge_of_its_return(nlp) -> None:  # type: ignore[no-untyped-def]
    told = (
        "Days earlier Karen had been told the breast cancer she thought she'd beaten in 2007 had "
        "returned and spread to her bones. After Jon found Karen lying on the floor, he called "
        "an ambulance to get her to hospital."
    )
    ex = extract(told)
    assert ex.facts.get("prior_lines") == 0
    assert ex.facts.get("sex") == "female"
    mirrored = (
        "Days earlier Ken had been told the breast cancer he thought he'd beaten in 2007 had "
        "returned and spread to his bones. After Joan found Ken lying on the floor, she called "
        "an ambulance to get him to hospital."
    )
    assert extract(mirrored).facts.get("sex") == "male"
    assert extract("Karen thought she'd beaten the breast cancer.").facts.get("prior_lines") is None


def test_a_list_member_told_as_a_part(nlp) -> None:  # type: ignore[no-untyped-def]
    told = "The cancer had spread from my breast to my liver and one of my vertebrae, and I was now Stage IV."
    assert set(extract(told).facts.get("metastatic_sites") or ()) == {"liver", "bone"}
    other = "The cancer had spread from my breast to my liver, and one of my friends drove me home."
    assert set(extract(other).facts.get("metastatic_sites") or ()) == {"liver"}


def test_an_age_phrase_with_an_adjective_before_it(nlp) -> None:  # type: ignore[no-untyped-def]
    told = "I started off the summer as a normal 34-year-old mother of two young sons. My breast cancer has spread to my liver."
    assert extract(told).facts.get("sex") == "female"
    job = "I started off the summer as a normal 34-year-old teacher. My breast cancer has spread to my liver."
    assert extract(job).facts.get("sex") is None


def test_a_child_weaned_is_breast_feeding(nlp) -> None:  # type: ignore[no-untyped-def]
    told = "The lump, which I had assumed was from weaning my 1-year-old, was breast cancer that had spread to my liver."
    ex = extract(told)
    assert ex.facts.get("menopausal_status") == "pre"
    steroids = "He is weaning off steroids after brain radiation for his metastatic breast cancer."
    assert extract(steroids).facts.get("menopausal_status") is None


def test_chemotherapy_beside_an_operation_on_a_metastasis(nlp) -> None:  # type: ignore[no-untyped-def]
    told = (
        "It's been three years since my diagnosis of Stage 4 breast cancer metastasized to my "
        "bones. During that time I've had radiation twice, extensive spinal surgery, and a third "
        "attempt, through chemotherapy, at stopping the cancer from growing."
    )
    assert extract(told).facts.get("chemo_candidate") is True
    early = "In 2010 she had breast surgery and chemotherapy. In 2016 her breast cancer spread to her bones."
    assert extract(early).facts.get("chemo_candidate") is not True


def test_a_return_placed_in_a_distant_organ_is_in_scope() -> None:
    told = (
        "Linda was initially diagnosed with breast cancer in 2005, but overcame it after "
        "months of chemotherapy and radiotherapy, as well as a mastectomy. However, earlier "
        "this year she was given the news that the disease had not only returned, this time in "
        "her liver, but was terminal."
    )
    assert judge_scope(told).out_of_scope is False
    local = (
        "Linda was initially diagnosed with breast cancer in 2005 and had a lumpectomy. In 2015 "
        "the cancer returned in her left breast and she had a mastectomy."
    )
    assert judge_scope(local).reason == "early-breast-cancer"

"""Round 73's classes (stop 48), each read failing on the code before it, each with a twin
that stays unread: the hormone told feeding her cancer without "that" ("as oestrogen fuels
my cancer"); ovarian suppression told by its purpose on her periods ("a monthly injection to
stop my periods"); chemotherapy as her next step ("Chemo is next"); the relapse that is the
event ends no regimen ("her cancer had relapsed, and she was diagnosed with metastatic breast
cancer"); an age opened by "at" with a later age of hers ("At 35, … at 39, I was diagnosed with
stage IV"); a third person's relative told with metastatic breast cancer is the patient ("His
mom had breast cancer cells in her brain and bones")."""

from __future__ import annotations

from chatbot.nlp import extract

OWN = (
    "I was diagnosed with stage IV breast cancer at the age of 30. I have a monthly injection to "
    "stop my periods, as oestrogen fuels my cancer."
)


def test_the_hormone_feeding_her_cancer_and_the_injection_stopping_her_periods(nlp) -> None:  # type: ignore[no-untyped-def]
    facts = extract(OWN).facts
    assert facts.get("hormone_receptor") == "positive"
    assert facts.get("ovarian_ablation") is True
    # a chemotherapy that stopped her periods is no ovarian suppression
    chemo = extract("I have stage IV breast cancer. The chemo stopped my periods.").facts
    assert "ovarian_ablation" not in chemo


def test_chemotherapy_as_her_next_step(nlp) -> None:  # type: ignore[no-untyped-def]
    told = (
        "Barb found out the breast cancer she first battled in 2011 is back. The cancer is in her "
        "brain and both lungs. She's already started radiation. Chemo is next."
    )
    assert extract(told).facts.get("chemo_candidate") is True
    assert (
        extract(told.replace("Chemo is next.", "Chemo is not next; she is too frail.")).facts.get(
            "chemo_candidate"
        )
        is not True
    )


def test_the_relapse_that_is_the_event_ends_no_regimen(nlp) -> None:  # type: ignore[no-untyped-def]
    told = (
        "She was diagnosed with stage III breast cancer. After multiple treatments, Megan was "
        "declared cancer-free. A few years later, her cancer had relapsed, and she was diagnosed "
        "with metastatic breast cancer (MBC)."
    )
    assert extract(told).facts.get("prior_lines") == 0
    # a regimen told before it, not as early-disease therapy, may have been a line
    given = "She had letrozole for two years. Her cancer relapsed, and she was diagnosed with liver metastases."
    assert extract(given).facts.get("prior_lines") is None


def test_an_age_opened_by_at_with_a_later_age_of_hers(nlp) -> None:  # type: ignore[no-untyped-def]
    told = (
        "At 35, just three years after having my son, I was diagnosed with stage 1A breast cancer. "
        "However, at 39, I was diagnosed with stage IV breast cancer."
    )
    assert extract(told).facts.get("age") == 39
    # a younger age told after it is someone else's
    child = "At 45, she was diagnosed with metastatic breast cancer. At 12, her son asked about it."
    assert extract(child).facts.get("age") == 45


def test_a_third_persons_relative_with_metastatic_breast_cancer_is_the_patient(nlp) -> None:  # type: ignore[no-untyped-def]
    told = (
        "His mom had breast cancer cells in her brain and bones. They were eating though the chemo."
    )
    assert extract(told).facts.get("sex") == "female"
    # a family history beside the writer's own cancer is not the patient
    own = (
        "I have metastatic breast cancer in my bones. His mom had breast cancer when he was young."
    )
    assert extract(own).facts.get("sex") is None

"""Round 20's classes (lead), each a CheckList template grid with metamorphic checks.

- A regimen's loss of effect is its progression ("Abraxane is no longer an effective chemo for
  me", "Ibrance is not working anymore"), and the move to the next drug told in the present or
  future ("I am moving to the next option, Eribulin") is a plan, not a drug given.
- A writer telling her own metastatic cancer and describing herself with a gendered noun ("I'm a
  single mom of two teenaged daughters") gives the patient's sex; a carer's voice does not.
- A finding "determined" is a finding told: metastatic disease just discovered is 0 lines.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract

FAILING = ["Abraxane", "Xeloda", "Ibrance", "letrozole", "capecitabine"]
GENERIC = {
    "Abraxane": "paclitaxel nanoparticle albumin-bound",
    "Xeloda": "capecitabine",
    "Ibrance": "palbociclib",
    "letrozole": "letrozole",
    "capecitabine": "capecitabine",
}
LOSS = [
    "{d} is no longer an effective chemo for me.",
    "{d} is no longer working.",
    "{d} is no longer effective for her.",
    "{d} is not working anymore.",
    "{d} isn't working anymore, per my last scan.",
    "{d} quit working after two years.",
    "{d} stopped responding.",
]
NEXT = [
    "I am moving to the next option, eribulin.",
    "We are moving on to eribulin.",
    "Next step: eribulin.",
    "She will start eribulin next week.",
    "We are switching to eribulin.",
]


@pytest.mark.parametrize("loss", LOSS)
@pytest.mark.parametrize("drug", FAILING)
def test_loss_of_effect_is_progression(nlp, loss: str, drug: str) -> None:  # type: ignore[no-untyped-def]
    text = "Metastatic breast cancer to the liver. " + loss.format(d=drug)
    ex = extract(text)
    assert ex.facts.get("progressed_on") == [GENERIC[drug]]


@pytest.mark.parametrize("plan", NEXT)
@pytest.mark.parametrize("drug", FAILING)
def test_the_next_drug_told_as_a_plan_is_not_given(nlp, plan: str, drug: str) -> None:  # type: ignore[no-untyped-def]
    ex = extract(f"Metastatic breast cancer to the liver. {drug} is no longer working. {plan}")
    assert ex.facts.get("progressed_on") == [GENERIC[drug]]
    assert "eribulin" not in (ex.facts.get("prior_therapies") or [])


@pytest.mark.parametrize("plan", NEXT)
def test_metamorphic_a_plan_adds_nothing(nlp, plan: str) -> None:  # type: ignore[no-untyped-def]
    base = "Metastatic breast cancer to the bones. Xeloda stopped working."
    planned = extract(f"{base} {plan}")
    # (stop 47) a chemotherapy drug planned for the metastatic disease tells her able to
    # receive chemotherapy, as "she will start chemotherapy" does: an inference, nothing else
    facts = dict(planned.facts)
    if facts.pop("chemo_candidate", None) is not None:
        assert "chemo_candidate" in planned.inferred
    assert facts == extract(base).facts


SELF = [
    ("I'm a single mom of two teenaged daughters.", "female"),
    ("I am a 45-year-old wife and mother.", "female"),
    ("I'm a working mum.", "female"),
    ("I was a healthy woman before all this.", "female"),
    ("I'm a retired dad of three.", "male"),
    ("I am a 70-year-old man.", "male"),
]
OWN = [
    "In 2020 a biopsy showed I had metastatic breast cancer in my liver. {s}",
    "{s} I was diagnosed with stage 4 breast cancer in my bones last year.",
    "I have MBC with lung mets. {s}",
]


@pytest.mark.parametrize("own", OWN)
@pytest.mark.parametrize(("said", "sex"), SELF)
def test_a_writer_describing_herself_gives_her_sex(nlp, own: str, said: str, sex: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(own.format(s=said)).facts.get("sex") == sex


@pytest.mark.parametrize(
    "text",
    [
        "I'm a mother of a 30-year-old with metastatic breast cancer. What next?",
        "I'm a mother of my daughter who has MBC in her liver.",
        "I have metastatic breast cancer. As a mother I worry about my kids.",
        "She has metastatic breast cancer. I am a nurse and a mother.",
    ],
)
def test_a_carer_or_bystander_voice_gives_no_sex_from_the_noun(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    ex = extract(text)
    spans = ex.spans.get("sex", ())
    assert not any(s.text.lower() in ("mother", "mom") for s in spans)


@pytest.mark.parametrize(
    "text",
    [
        "Two MRIs and a biopsy later it was determined in August 2020 that I had metastatic breast cancer on my liver.",
        "After a CT and biopsy it was determined that I had metastatic breast cancer in my bones.",
        "It was determined that she had metastatic breast cancer to the lung.",
    ],
)
def test_a_finding_determined_is_the_discovery(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("prior_lines") == 0


@pytest.mark.parametrize("plan", NEXT)
@pytest.mark.parametrize("drug", ["Abraxane", "Xeloda"])
def test_metamorphic_a_plan_between_orders_no_regimen(nlp, plan: str, drug: str) -> None:  # type: ignore[no-untyped-def]
    """The plan's own "next" does not put the regimen told after it later in time: "A is no
    longer working. I am moving to the next option, eribulin. I had Ibrance and letrozole
    first" is still failing on A (found in the TUI: it read Ibrance and letrozole failing)."""
    told = f"{drug} is no longer working. {{p}}I had Ibrance and letrozole first."
    with_plan = extract(told.format(p=plan + " ")).facts.get("progressed_on")
    assert with_plan == extract(told.format(p="")).facts.get("progressed_on") == [GENERIC[drug]]

"""Stop 56: the dangerous readings of the held-out probe set M (written by a helper who never
saw the code; its first run, 10 dangerous of 72 at fb7a3d7, was committed in bd84838 before
any of it was read) and the classes the first runs of rounds 107-111 showed (real text; each
round's figure was recorded in bbe00f3 before it was read). Each test has a twin that keeps
the right reading, so a fix that only deletes facts fails.

- A negation in another language ("absence de variant pathogène BRCA1/BRCA2").
- A finding denied by a negated passive after it ("could not be demonstrated").
- A finding denied after a relative clause ("Hepatic involvement, which …, has now been
  ruled out by PET").
- A trial's rate ("In the SOLAR-1 population roughly 40% had a PIK3CA mutation").
- "from the gamma knife is smaller and nothing new": a treated, shrinking lesion.
- "brain mets or the hypercalcaemia (…)?": a short clause of alternatives asks.
- A man's case told with a women's pathway ("Following the postmenopausal pathway").
- "Does being perimenopausal change …?": the state supposed, not told.
- "does that mean im in menopause now" typed without "?".
- "never had chemo or tamoxifen": the negated entity lends its cue over "or".
- Rounds 107-111: a brain spread "causing her partial blindness" is symptomatic; a hormone
  measured or used as a PET tracer is no treatment; "wanted me to go for six cycles of
  chemotherapy"; "The cancer spread quickly and … she started chemotherapy again"; "Like most
  women diagnosed with …, … my surgeon".
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


@pytest.mark.parametrize(
    "text",
    [
        "Résultat constitutionnel : absence de variant pathogène BRCA1/BRCA2. ER+ HER2-.",
        "Estudio germinal: ausencia de variante patogénica en BRCA1/BRCA2. ER+ HER2-.",
        "Keine pathogene Variante in BRCA1/BRCA2 (Keimbahn). ER+ HER2-.",
        "BRCA1/2 germline: negativo. ER+ HER2-.",
    ],
)
def test_a_negation_in_another_language_denies(text: str) -> None:
    facts = extract(text).facts
    assert facts.get("germline_brca") is not True
    assert facts["hormone_receptor"] == "positive"
    assert extract("Germline: pathogenic BRCA2 variant. ER+ HER2-.").facts["germline_brca"] is True


def test_a_negated_passive_of_showing_denies_the_finding_before_it() -> None:
    text = "Intracranial metastatic disease could not be demonstrated on the contrast MRI done for her headaches."
    assert extract(text).facts.get("brain_metastases") is not True
    twin = "Intracranial metastatic disease was demonstrated on the contrast MRI."
    assert extract(twin).facts["brain_metastases"] is True


def test_a_relative_clause_between_a_finding_and_its_denial() -> None:
    text = (
        "Sternal deposit. Hepatic involvement, which the referring team had suspected on the "
        "ultrasound, has now been ruled out by PET and by a dedicated MRI liver."
    )
    assert "liver" not in extract(text).facts.get("metastatic_sites", [])
    twin = "Hepatic involvement, which was confirmed on biopsy, is extensive."
    assert "liver" in extract(twin).facts["metastatic_sites"]


def test_a_trial_populations_rate_is_not_hers() -> None:
    text = (
        "In the SOLAR-1 population roughly 40% had a PIK3CA mutation, so it's worth checking. "
        "Hers was sent to Guardant on Tuesday."
    )
    assert extract(text).facts.get("pik3ca") is not True
    assert extract("ER 90%, PR 40%, HER2 negative, PIK3CA mutated.").facts["pik3ca"] is True


def test_a_lesion_from_the_gamma_knife_smaller_and_nothing_new_is_not_active() -> None:
    text = "mri said the spot in her brain from the gamma knife is smaller and nothing new so keep going"
    assert extract(text).facts.get("brain_metastases") is False
    for twin in (
        "New 8 mm brain lesion away from the SRS field.",
        "A new brain metastasis, separate from the radiosurgery site, untreated.",
    ):
        assert extract(twin).facts["brain_metastases"] is True, twin


def test_a_short_clause_of_alternatives_asks() -> None:
    text = "Confused since Tuesday - brain mets or the hypercalcaemia (adjusted Ca 3.4 mmol/L)? MRI head requested."
    assert "brain_metastases" not in extract(text).facts
    assert extract("ER+ HER2 0 or 1+? Not sure.").facts["hormone_receptor"] == "positive"
    run_on = (
        "62F ER+ HER2- bone and liver mets progressing on AI+palbo what next fulvestrant or cape?"
    )
    facts = extract(run_on).facts
    assert facts["metastatic_sites"] == ["bone", "liver"]
    assert facts["her2"] == "negative"


def test_a_man_has_no_menopausal_status() -> None:
    text = (
        "71-year-old gentleman with ER+ HER2- breast cancer and lung metastases. Following the "
        "postmenopausal pathway: letrozole with a GnRH analogue plus ribociclib."
    )
    facts = extract(text).facts
    assert facts["sex"] == "male"
    assert "menopausal_status" not in facts
    twin = "71-year-old postmenopausal woman with ER+ HER2- breast cancer and lung metastases."
    assert extract(twin).facts["menopausal_status"] == "post"


def test_a_state_supposed_by_being_is_asked() -> None:
    text = (
        "Does being perimenopausal change the AI choice? She's 50, no period for 14 months, FSH 92 "
        "IU/L; she never had chemo or tamoxifen."
    )
    extraction = extract(text)
    assert extraction.facts.get("menopausal_status") != "pre"
    assert "menopausal_status" in extraction.uncertain  # "no period": asked
    assert extract("She is perimenopausal. ER+ HER2-.").facts["menopausal_status"] == "pre"


def test_what_it_means_typed_without_its_question_mark_is_asked() -> None:
    text = (
        "im 45 and my periods stopped when i started the zoladex injections in jan does that mean "
        "im in menopause now the nurse said its only while im on it"
    )
    assert extract(text).facts.get("menopausal_status") != "post"
    assert extract("I am in menopause now, I'm 58.").facts["menopausal_status"] == "post"


def test_a_negated_entity_lends_its_cue_over_or() -> None:
    facts = extract("She never had chemo or tamoxifen.").facts
    assert "tamoxifen" not in facts.get("prior_therapies", [])
    assert facts["prior_chemo_lines"] == 0
    twin = extract("She never had chemo but had tamoxifen for 5 years.").facts
    assert twin["prior_therapies"] == ["tamoxifen"]


@pytest.mark.parametrize(
    "text",
    [
        "The disease spread to her lungs and onto her brain, causing her partial blindness.",
        "The disease had worked its way to her brain, causing her partial blindness.",
    ],
)
def test_a_brain_spread_causing_a_symptom_is_active(text: str) -> None:
    assert extract(text).facts["brain_metastases"] is True
    assert "brain_metastases" not in extract("Bone mets causing pain.").facts


def test_a_hormone_measured_or_traced_is_no_treatment() -> None:
    for text in (
        "FSH 80 IU/L, estradiol 30 pmol/L.",
        "FSH 80, oestradiol level < 50.",
        "High 16 alpha-[F-18]fluoro-17 beta-estradiol ([F-18]-FES) PET uptake in the dura.",
    ):
        assert "estradiol" not in extract(text).facts.get("prior_therapies", []), text
    assert extract("Estradiol 6 mg daily was started after AI failure.").facts[
        "prior_therapies"
    ] == ["estradiol"]
    fec = extract("She received 5-fluorouracil, epirubicin and cyclophosphamide.").facts
    assert "epirubicin" in fec["prior_therapies"]


def test_a_chemotherapy_the_team_wants_and_a_spread_told_by_its_verb() -> None:
    text = "Stage 4 breast cancer in my bones and liver. The cancer team wanted me to go for six cycles of chemotherapy."
    assert extract(text).facts["chemo_candidate"] is True
    walk = "She has liver mets and her oncologist wants her to go for a walk every day."
    assert "chemo_candidate" not in extract(walk).facts
    spread = "The cancer spread quickly and in 2008 she started chemotherapy again."
    assert extract(spread).facts["chemo_candidate"] is True
    nodes = "The cancer had spread to the lymph nodes under her arm and she started chemotherapy."
    assert "chemo_candidate" not in extract(nodes).facts


def test_a_writer_among_women_is_a_woman() -> None:
    text = (
        "Like most women diagnosed with early stage breast cancer, I was calmed by the words of my "
        "surgeon. In 2016 I was re-diagnosed with metastatic breast cancer."
    )
    assert extract(text).facts["sex"] == "female"
    twin = "Like many men, my husband ignored the lump. He now has metastatic breast cancer."
    assert extract(twin).facts.get("sex") != "female"


def test_the_primarys_treatment_after_a_brain_title_does_not_treat_the_brain() -> None:
    # round 112 (a slide deck): a title naming brain metastases before the story, then the
    # primary's treatment ("breast surgery, chemotherapy, radiation therapy"), had read the
    # seizure-presenting brain metastasis as treated
    text = (
        "Case 1 -Single Brain Metastases A 55 Years old lady was diagnosed with left breast cancer "
        "in August 2015. She was treated with breast surgery, chemotherapy, radiation therapy and "
        "hormonal therapy. She remained disease free for 3 years. In October 2018, she had an "
        "episode of seizure. MRI showed an enhancing lesion suggestive of solitary brain metastases."
    )
    assert extract(text).facts["brain_metastases"] is True
    twin = "MRI showed 3 brain metastases. She underwent surgical resection."
    assert extract(twin).facts["brain_metastases"] is False


def test_chemotherapy_asked_for_is_candidacy() -> None:
    text = (
        "Mr Zervos, who suffers from metastatic (Stage IV) breast cancer, seeks coverage for a "
        "treatment that involves a single cycle of high-dose chemotherapy."
    )
    assert extract(text).facts["chemo_candidate"] is True
    opinion = "Metastatic breast cancer to bone; she requested a second opinion about chemotherapy."
    assert "chemo_candidate" not in extract(opinion).facts


# Review of the stop's change: each rule kept to its class (the reviewer's examples)
@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        # a size, not a change
        (
            "Brain MRI shows 3 brain metastases, the largest is smaller than 5 mm.",
            "brain_metastases",
            True,
        ),
        # a treatment's effect is no symptom of the metastases
        (
            "Brain metastases were treated with WBRT, causing memory loss.",
            "brain_metastases",
            False,
        ),
        # the lent negation reaches the member after "or" only
        ("She never had chemo or radiation for her brain metastases.", "brain_metastases", True),
        # the primary's treatment told apart from the brain's
        (
            "MRI showed 3 brain metastases. Having finished adjuvant chemotherapy in 2019, she "
            "underwent surgical resection.",
            "brain_metastases",
            False,
        ),
        # "PAs" and "sin" are no negations
        ("Two PAs reviewed her: brain metastases confirmed on MRI.", "brain_metastases", True),
        # a bare number is an age, not a rate
        ("Mum 62 has a PIK3CA mutation and bone mets.", "pik3ca", True),
        # a conclusion with "so that means" states it
        (
            "Germline testing came back, so that means she has a BRCA2 mutation",
            "germline_brca",
            True,
        ),
        # a possessive "being" states her state
        ("Does her being premenopausal change the AI choice?", "menopausal_status", "pre"),
        # an alternative asked in the light of what is told
        ("Olaparib or alpelisib given BRCA2 and PIK3CA mutations?", "pik3ca", True),
        ("ER+ HER2- postmenopausal or not?", "her2", "negative"),
    ],
)
def test_the_new_rules_keep_to_their_class(text: str, fact: str, value: object) -> None:
    assert extract(text).facts.get(fact) == value


def test_like_women_is_the_writer_only_when_she_is_the_subject() -> None:
    text = (
        "Like most men, my husband avoids doctors. I am 52, postmenopausal, ER+ HER2-, bone mets."
    )
    facts = extract(text).facts
    assert facts.get("sex") != "male"
    assert facts["menopausal_status"] == "post"
    spread = "The cancer had spread to 4 of her lymph nodes so she started chemotherapy."
    assert "chemo_candidate" not in extract(spread).facts

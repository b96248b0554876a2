"""CheckList-style capability cases for case-fact extraction (Ribeiro et al., ACL 2020).

Each capability (issue 10's failure classes) is a set of templates whose slots expand into
many texts, each with the facts it must give (``expect``: fact -> value; ``absent``: facts
that must not be set). Expansion is deterministic (no randomness): a full product where it
is small, an evenly spaced slice of it where it is large. tests/test_extract_checklist.py
runs them; ``all_cases()`` is also used to count them (>= 2,000).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Case:
    capability: str
    text: str
    expect: dict[str, Any] = field(default_factory=dict)
    absent: frozenset[str] = frozenset()
    inferred: frozenset[str] = frozenset()  # facts that must be marked inferred


def spread(items: Sequence[Any], n: int) -> list[Any]:
    """``n`` evenly spaced items of ``items`` (all of them when there are fewer)."""
    if len(items) <= n:
        return list(items)
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


# -- 1. receptor notation -------------------------------------------------------------------
ER_FORMS = {  # text -> ER positive?
    "ER+": True,
    "ER-": False,
    "ER pos": True,
    "ER neg": False,
    "ER 95%": True,
    "ER 0%": False,
    "ER positive": True,
    "ER-negative": False,
    "ER-low": True,
    "ER 8/8": True,
}
PR_FORMS = {"PR+": True, "PR-": False, "PR 0": False, "PR 40%": True, "PgR neg": False, "": None}
HER2_FORMS = {  # text -> (her2, her2_low or None)
    "HER2+": ("positive", None),
    "HER2 3+": ("positive", None),
    "HER2 IHC 3+": ("positive", None),
    "HER2-positive": ("positive", None),
    "HER2 IHC 2+ / ISH amplified": ("positive", None),
    "HER2 2+, FISH ratio 2.4": ("positive", None),
    "HER2 0": ("negative", False),
    "HER2 IHC 0": ("negative", False),
    "HER2 1+": ("negative", True),
    "HER2-low": ("negative", True),
    "HER2 IHC 2+ / ISH neg": ("negative", True),
    "HER2 2+ FISH negative": ("negative", True),
    "HER2-": ("negative", None),
    "HER2 neg": ("negative", None),
    "HER2-negative": ("negative", None),
    "HER2-neg": ("negative", None),
}
MENOPAUSE_PREFIX = {
    "": None,
    "Postmenopausal ": "post",
    "Premenopausal ": "pre",
    "post-menopausal woman, ": "post",
    "Pre-menopausal, ": "pre",
}
JOINERS = ("/", " ", ", ")


def receptor_cases() -> Iterator[Case]:
    combos = list(
        itertools.product(ER_FORMS.items(), PR_FORMS.items(), HER2_FORMS.items(), JOINERS)
    )
    prefixes = list(MENOPAUSE_PREFIX.items())
    for n, ((er, er_pos), (pr, pr_pos), (her2, (her2_value, low)), join) in enumerate(
        spread(combos, 900)
    ):
        prefix, meno = prefixes[n % len(prefixes)]
        parts = [p for p in (er, pr, her2) if p]
        text = f"{prefix}{join.join(parts)} MBC, bone mets"
        expect: dict[str, Any] = {
            "hormone_receptor": "positive" if er_pos or pr_pos else "negative",
            "her2": her2_value,
        }
        if low is not None:
            expect["her2_low"] = low
        if meno is not None:
            expect["menopausal_status"] = meno
        yield Case("receptor notation", text, expect)
    hr_forms = {
        "HR+/HER2-neg": ("positive", "negative"),
        "HR+/HER2-": ("positive", "negative"),
        "HR-positive, HER2-negative": ("positive", "negative"),
        "HR+ HER2+": ("positive", "positive"),
        "HR-/HER2+": ("negative", "positive"),
        "triple neg": ("negative", "negative"),
        "triple-negative": ("negative", "negative"),
        "TNBC": ("negative", "negative"),
        "ER-/PR-/HER2 3+": ("negative", "positive"),
        "ER+/PR-/HER2 0": ("positive", "negative"),
        "ER 95% PR 0 HER2 1+": ("positive", "negative"),
        "estrogen receptor-positive, human epidermal growth factor receptor 2-negative": (
            "positive",
            "negative",
        ),
        "ER, PR positivity and HER2 negativity": ("positive", "negative"),
        "ER+PR+HER2-": ("positive", "negative"),
        "ER-PR-HER2+": ("negative", "positive"),
        "hr+/her2-neg": ("positive", "negative"),
        "HER2-Low, ER 60%": ("positive", "negative"),
    }
    for (form, (hr, her2)), (prefix, meno) in itertools.product(
        hr_forms.items(), MENOPAUSE_PREFIX.items()
    ):
        expect = {"hormone_receptor": hr, "her2": her2}
        if meno is not None:
            expect["menopausal_status"] = meno
        yield Case("receptor notation", f"{prefix}{form} metastatic breast cancer", expect)
    pdl1 = {
        "PD-L1 CPS 12": "positive",
        "PD-L1 CPS 10": "positive",
        "PD-L1 CPS >= 10": "positive",
        "PD-L1 CPS 5": "negative",
        "PD-L1 CPS 1": "negative",
        "pdl1 neg": "negative",
        "PD-L1 negative": "negative",
        "PD-L1 positive": "positive",
        "PD-L1+": "positive",
    }
    for (form, value), base in itertools.product(
        pdl1.items(), ("TNBC, {}", "triple neg, {}, liver mets", "55F TNBC with {}")
    ):
        yield Case("receptor notation", base.format(form), {"pdl1": value})


# -- 2. negation scope -------------------------------------------------------------------------
NEGATABLE = {  # finding text -> fact
    "BRCA1 mutation": "germline_brca",
    "germline BRCA2 mutation": "germline_brca",
    "a pathogenic BRCA variant": "germline_brca",
    "PIK3CA mutation": "pik3ca",
    "ESR1 mutation": "esr1",
    "AKT1 mutation": "akt1",
    "brain metastases": "brain_metastases",
    "brain mets": "brain_metastases",
    "visceral crisis": "visceral_crisis",
    "neuropathy": "neuropathy",
    "heart failure": "heart_failure",
}
NEGATIONS = (
    "no {x}",
    "negative for {x}",
    "neg for {x}",
    "w/o {x}",
    "without {x}",
    "{x} ruled out",
    "{x} was ruled out",
    "no evidence of {x}",
    "denies {x}",
    "{x}: no",
    "{x} not detected",
    "{x} absent",
    # stop 39: a search that failed to find it, and "nothing to suggest" it
    "testing failed to reveal {x}",
    "we were unable to detect {x}",
    "nothing to suggest {x}",
)
GENE_NEGATIONS = (
    "{g} wild-type",
    "{g} wt",
    "{g} negative",
    "{g} neg",
    "germline panel negative for {g}",
    "no pathogenic variant in {g}",
    "{g} not mutated",
)
GENES = {
    "BRCA1/2": "germline_brca",
    "gBRCA": "germline_brca",
    "BRCA": "germline_brca",
    "PIK3CA": "pik3ca",
    "ESR1": "esr1",
    "AKT1": "akt1",
}
CONTEXTS = (
    "{n}",
    "62F HR+/HER2- MBC, {n}",
    "{n}. ER+ HER2- MBC on letrozole",
    "TNBC, {n}, liver mets",
)


def negation_cases() -> Iterator[Case]:
    for (finding, fact), template, context in itertools.product(
        NEGATABLE.items(), NEGATIONS, CONTEXTS
    ):
        phrase = template.format(x=finding)
        yield Case("negation", context.format(n=phrase), {fact: False})
    for (gene, fact), template, context in itertools.product(
        GENES.items(), GENE_NEGATIONS, CONTEXTS
    ):
        phrase = template.format(g=gene)
        yield Case("negation", context.format(n=phrase), {fact: False})
    yield Case("negation", "gBRCA-", {"germline_brca": False})
    # a negation stops at the clause edge, also when a cue starts there (", on X")
    for drug in ("haemodialysis", "dialysis", "goserelin"):
        fact, value = ("ovarian_ablation", True) if drug == "goserelin" else ("dialysis", True)
        yield Case(
            "negation",
            f"ER+ HER2- MBC, no visceral crisis, on {drug}, bone mets",
            {fact: value, "visceral_crisis": False},
        )
    # a variant of unknown/uncertain significance is neither a mutation nor wild type
    for gene, fact in (
        ("BRCA2", "germline_brca"),
        ("germline BRCA1", "germline_brca"),
        ("PIK3CA", "pik3ca"),
    ):
        for vus in ("variant of uncertain significance", "variant of unknown significance", "VUS"):
            for context in CONTEXTS:
                yield Case("negation", context.format(n=f"{gene} {vus}"), {}, frozenset({fact}))
    yield Case(
        "negation", "NGS: no PIK3CA, AKT1 or PTEN alterations", {"pik3ca": False, "pten": False}
    )


# -- 3. numbers that are not lines ------------------------------------------------------------
IRRELEVANT_NUMBERS = (
    "on 4L O2",
    "requiring 2 L nasal cannula",
    "3L oxygen via nasal cannula",
    "L4 vertebral metastasis",
    "T10 compression fracture",
    "lesions at T10 and L4",
    "C3D1 today",
    "x6 cycles",
    "G2 neuropathy",
    "grade 2 fatigue",
    "ECOG 2",
    "Ki-67 30%",
    "3 cm liver lesion",
    "pT2N1",
    "BMI 31",
    "CA 15-3 rising",
    "4 cycles of AC before surgery",
    "2 sites of disease",
    "seen in clinic 2 weeks ago",
    "in 2019",
)
NUMBER_BASES = (
    "62F HR+/HER2- MBC, bone mets, {c}",
    "{c}. ER+ HER2- metastatic breast cancer",
    "TNBC with lung mets; {c}; PD-L1 negative",
    "HER2+ MBC, {c}, no brain mets",
    "55 yo postmenopausal, ER+ HER2 0, {c}",
)


def number_cases() -> Iterator[Case]:
    for clause, base in itertools.product(IRRELEVANT_NUMBERS, NUMBER_BASES):
        yield Case(
            "numbers that are not lines",
            base.format(c=clause),
            {},
            frozenset({"prior_lines", "prior_chemo_lines"}),
        )


# -- 4. treatment history --------------------------------------------------------------------
REGIMENS = (
    ("letrozole + palbociclib", ["letrozole", "palbociclib"]),
    ("fulvestrant", ["fulvestrant"]),
    ("capecitabine", ["capecitabine"]),
    ("eribulin", ["eribulin"]),
    ("fulvestrant/alpelisib", ["fulvestrant", "alpelisib"]),
    ("paclitaxel", ["paclitaxel"]),
)
LIST_FORMS = (
    lambda items: " ".join(f"({i + 1}) {r}" for i, r in enumerate(items)),
    lambda items: " ".join(f"{i + 1}) {r}" for i, r in enumerate(items)),
    lambda items: ", ".join(f"{i + 1}L {r}" for i, r in enumerate(items)),
    lambda items: "; ".join(f"{2017 + 2 * i} {r}" for i, r in enumerate(items)),
    lambda items: ", then ".join(items),
    lambda items: " → ".join(items),
)


def history_cases() -> Iterator[Case]:
    for size in (2, 3, 4):
        for start in range(len(REGIMENS)):
            chosen = [REGIMENS[(start + k) % len(REGIMENS)] for k in range(size)]
            if len({tuple(g) for _, g in chosen}) < size:
                continue
            texts = [t for t, _ in chosen]
            for form in LIST_FORMS:
                history = form(texts)
                for tail in (". Now progressing.", ". Next?", "; progressed. What now?"):
                    expect: dict[str, Any] = {"prior_lines": size}
                    if "progress" in tail:
                        expect["progressed_on"] = chosen[-1][1]
                    yield Case("treatment history", f"HR+/HER2- MBC. {history}{tail}", expect)
    # induction -> maintenance is one line; adjuvant therapy is never a metastatic line
    for maintenance in (
        "THP → HP maintenance",
        "THP then HP maintenance",
        "THP followed by maintenance HP",
    ):
        for tail in (", now progressing", "; progressed on it"):
            yield Case(
                "treatment history",
                f"HER2+ MBC: {maintenance}{tail}",
                {"progressed_on": ["trastuzumab", "pertuzumab"]},
                frozenset({"prior_lines"}),
            )
    for combo in ("AI+CDK4/6i", "ET+CDK4/6 inhibitor", "letrozole+palbo", "AI + CDK4/6i"):
        yield Case(
            "treatment history",
            f"HR+/HER2- MBC, progressed on 1L {combo} and 2L fulvestrant. Next?",
            {"prior_lines": 2, "prior_cdk46": True, "progressed_on": ["fulvestrant"]},
        )
    for adjuvant, metastatic in itertools.product(
        (
            "adjuvant tamoxifen",
            "adjuvant AC-T then tamoxifen",
            "neoadjuvant TCHP",
            "adjuvant letrozole for 5 years",
        ),
        ("letrozole + palbociclib", "fulvestrant", "capecitabine"),
    ):
        yield Case(
            "treatment history",
            f"{adjuvant}; metastatic relapse 2021, first-line {metastatic}, now progressing",
            {"prior_lines": 1},
        )


# -- 5. brain metastases --------------------------------------------------------------------
BRAIN_TREATED = (
    "brain mets treated with SRS, stable",
    "brain mets s/p WBRT, controlled",
    "brain metastases status post SRS, stable on MRI",
    "brain mets treated with gamma knife in 2022",
    "2 brain mets following SRS",
    "single brain metastasis resected in 2021",
    "history of brain mets s/p craniotomy",
    "previously treated brain metastases",
    "stable brain mets",
    "brain mets after SRS, no progression",
    # round 2 (a held-out danger): "whole-brain" in three tokens, the treatment after "and"
    "brain metastases were discovered and successfully treated with whole-brain radiation therapy",
    "brain metastases were found and she received whole brain radiotherapy",
    # round 3: radiosurgery, gamma knife, surgery, controlled
    "brain metastases treated with radiosurgery, stable since",
    "brain mets after gamma knife radiosurgery, controlled",
    "a brain metastasis resected and irradiated, no recurrence",
    "brain mets controlled after stereotactic radiosurgery",
    "treated brain metastases, stable on the last MRI",
    "brain and liver mets, the brain lesions treated with SRS and stable",
    # an activity word right before another finding is that finding's ("new liver lesions")
    "brain mets treated with SRS, new liver lesions",
    "treated brain mets, growing liver mets",
    "brain mets s/p SRS 2021; new multiple bone lesions",
    # progression told of the other sites
    "brain mets treated with SRS, progressing in liver and bone",
    "brain mets treated with SRS, extracranial progression",
    "brain mets s/p SRS, progression elsewhere",
    # stop 49: the growth denied after or before them (had read active)
    "brain mets not growing",
    "brain metastases that are not progressing",
    "brain mets have not grown since SRS",
    "no growth of the brain metastases on MRI",
    "no evidence that her brain mets are growing",
    "known brain metastases, unchanged",
    "brain metastases without progression",
)
BRAIN_ACTIVE = (
    "new brain mets",
    "untreated brain metastases",
    "growing brain mets",
    "symptomatic brain metastases",
    "brain mets progressing after SRS",
    "brain mets treated with SRS in 2022, now growing",
    "brain mets s/p SRS 2021. MRI 2023: new brain metastases",
    "active brain metastases",
    # round 3
    "newly diagnosed brain metastases",
    "brain MRI is positive for metastatic disease",
    "multiple untreated brain lesions",
    "enlarging brain metastases",
    "brain and liver mets",  # the brain member of a list a metastasis word heads
    "metastases to the lungs and brain",
    "brain mets s/p SRS, now progressing",
    "brain mets after SRS, progression in the brain on MRI",
    "brain mets treated with SRS, new brain lesion",
    "MRI of the brain showed 3 new metastases",
    "CT scan of the head showed two enhancing lesions",
)
BRAIN_NONE = (
    "brain MRI negative",
    "MRI brain clear",
    "no brain mets",
    "brain imaging negative",
    "MRI of the brain was negative",
    "no evidence of brain metastases",
    "brain MRI: no evidence of metastatic disease",
    "MRI brain - no lesions",
    "head CT: negative",
    "no brain or liver mets",
    "CT and MRI: no liver, adrenal or brain lesions",
    # the brain as what a scan looks at (round 3 fix phase)
    "MRI of the brain was negative",
    "MRI of the brain: no lesions",
    "she had an MRI of the brain and it was negative for metastasis",
    "MRI of the brain showed no metastases",
    # stop 49: "no" before the activity word of the finding denies the finding (a change-denied
    # cue that began with "no" had swallowed it: read active)
    "no active brain metastases",
    "no active brain disease after WBRT",
)
BRAIN_BASES = (
    "HER2+ MBC, {b}",
    "62F ER-/HER2 3+, {b}, liver mets",
    "{b}. HER2-positive, ER-negative",
)


def brain_cases() -> Iterator[Case]:
    for phrases, value in ((BRAIN_TREATED, False), (BRAIN_ACTIVE, True), (BRAIN_NONE, False)):
        for phrase, base in itertools.product(phrases, BRAIN_BASES):
            yield Case("brain metastases", base.format(b=phrase), {"brain_metastases": value})


# round 3 (a held-out danger: "…brain metastases, for which she completed whole-brain
# irradiation" read active): a local brain treatment told as done, whatever the verb and
# wherever it stands, settles the brain metastases; told as a plan, a doubt or a denial, or
# only dating a later activity, it does not.
DONE_VERBS = (
    "completed",
    "finished",
    "underwent",
    "received",
    "had",
    "was given",
    "was treated with",
    "was managed with",
    "got",
    "then had",
    "went on to receive",
    "successfully completed",
    "was offered and completed",
)
BRAIN_TREATMENTS = (
    "whole-brain irradiation",
    "whole brain radiotherapy",
    "whole-brain radiation therapy",
    "WBRT",
    "SRS",
    "stereotactic radiosurgery",
    "gamma knife radiosurgery",
    "craniotomy and resection",
    "cyberknife",
    "radiotherapy to the brain",
    "cranial irradiation",
    "brain radiotherapy",
    "hypofractionated SRT",
    "neurosurgical resection",
    # round 4 (a held-out danger: "gamma-knife irradiation was performed" read active): the
    # hyphenated device names come out of the tokenizer in three tokens
    "gamma-knife irradiation",
    "Gamma-Knife radiosurgery",
    "cyber-knife radiosurgery",
    "Gamma Knife",
)
GENERIC_TREATMENTS = ("surgical resection", "radiotherapy", "surgery", "proton therapy")
DONE_FRAMES = (
    "Her course was interrupted by the development of brain metastases, for which she {v} {t}.",
    "She developed brain metastases and {v} {t}.",
    "She {v} {t} for brain metastases.",
    "MRI showed 3 brain metastases. She {v} {t}.",
)
DONE_AFTER_FRAMES = (
    "{T} was delivered for brain metastases.",
    "{T} was given for her brain metastases.",
    "Brain metastases: {t} completed.",
    "After completion of {t} for brain metastases, she started capecitabine.",
    "She developed brain metastases, treated with {t}.",
    "Brain metastases were found. As no extracranial lesions were found, {t} was performed.",
    "MRI showed brain metastases; {t} was performed, without systemic chemotherapy.",
)
NOT_DONE_FRAMES = (
    "new brain mets; {t} planned",
    "new brain metastases, referred for {t}",
    "new brain metastases, not a candidate for {t}",
    "new brain mets, will undergo {t}",
    "untreated brain mets, declined {t}",
    "brain mets, awaiting {t}",
    "new brain metastases; {t} vs systemic therapy?",
    "symptomatic brain mets, to receive {t} next week",
    "new brain mets, she has not had {t}",
    "brain mets progressing after {t}",
    "new brain lesions, {t} is recommended",
    "growing brain metastases. {T} was deemed unsafe given the herniation.",
)


# a generic treatment aimed elsewhere does not settle new brain metastases
AIMED_ELSEWHERE = (
    "MRI showed new brain metastases. She had surgery in 2010 for breast cancer.",
    "MRI showed new brain metastases. She underwent surgery for a hip fracture.",
    "New brain metastases; she had radiotherapy to the spine.",
    "New brain metastases. She received radiation to the left femur last year.",
    "New brain metastases. Resection of the primary was done in 2019.",
)


def brain_treatment_cases() -> Iterator[Case]:
    for text in AIMED_ELSEWHERE:
        yield Case("brain treatment not done", "HER2+ MBC. " + text, {"brain_metastases": True})
    treatments = BRAIN_TREATMENTS + GENERIC_TREATMENTS
    for frame, verb, treatment in itertools.product(DONE_FRAMES, DONE_VERBS, treatments):
        if treatment in GENERIC_TREATMENTS and "brain metastases" in frame.split("{t}")[-1]:
            continue  # a generic treatment needs the brain named before it
        text = "HER2+ MBC. " + frame.format(v=verb, t=treatment)
        yield Case("brain treatment told as done", text, {"brain_metastases": False})
    for frame, treatment in itertools.product(DONE_AFTER_FRAMES, BRAIN_TREATMENTS):
        text = "HER2+ MBC. " + frame.format(t=treatment, T=treatment[0].upper() + treatment[1:])
        yield Case("brain treatment told as done", text, {"brain_metastases": False})
    for frame, treatment in itertools.product(NOT_DONE_FRAMES, BRAIN_TREATMENTS):
        text = "HER2+ MBC. " + frame.format(t=treatment, T=treatment[0].upper() + treatment[1:])
        yield Case("brain treatment not done", text, {"brain_metastases": True})


# round 3 fix phase: visceral crisis and chemotherapy candidacy decide answers, so they are
# read only from the clinician's words; a denied form sets false, lab values set nothing.
VISCERAL_DISEASE = (
    "visceral disease",
    "visceral metastases",
    "visceral involvement",
    "visceral metastatic involvement",
    "visceral mets",
)
VISCERAL_DENIALS = ("No {v} is present", "without {v}", "There was no {v}", "no evidence of {v}")
CHEMO_FIT = (
    "She presents for discussion regarding selection of chemotherapy in the metastatic setting",
    "the choice of chemotherapy is discussed today",
    "palliative chemotherapy was proposed",
    "chemotherapy is recommended",
    "she is fit for further chemotherapy",
    "suitable for palliative chemotherapy",
    # round 4: a chemotherapy the clinicians planned or started for her now
    "chemotherapy was planned",
    "systemic chemotherapy has been planned",
    "she was started on palliative chemotherapy",
    "palliative chemotherapy was initiated",
    "first-line chemotherapy was chosen",
)
CHEMO_UNFIT = (
    "she has contraindications to the standard chemotherapy",
    "chemotherapy is contraindicated",
    "not fit for further chemotherapy",
    "not a candidate for systemic chemotherapy",
    # round 4: unfit for any systemic anticancer therapy is unfit for chemotherapy
    "as she was unfit for further systemic therapy, she was discharged home",
    "she is not fit for systemic treatment",
    "unfit for any anticancer therapy",
)
# round 4: early-disease chemotherapy planned or started sets no candidacy now
CHEMO_EARLY = (
    "adjuvant chemotherapy was planned",
    "neoadjuvant chemotherapy is recommended",
    "she had adjuvant chemotherapy",
)
LAB_VALUES = (
    "bilirubin 1.1, ALT 40, creatinine 70",
    "Hb 9.8 g/dL, platelets 210",
    "albumin 32, LDH 400",
)
CLINICIAN_OPENINGS = ("ER+ HER2- MBC with liver mets. ", "62F TNBC, lung mets; ")


def clinician_words_cases() -> Iterator[Case]:
    capability = "visceral crisis and chemotherapy in the clinician's words"
    for opening, denial, visceral in itertools.product(
        CLINICIAN_OPENINGS, VISCERAL_DENIALS, VISCERAL_DISEASE
    ):
        text = opening + denial.format(v=visceral) + "."
        yield Case(capability, text, {"visceral_crisis": False})
    for opening, visceral in itertools.product(CLINICIAN_OPENINGS, VISCERAL_DISEASE):
        text = opening + f"{visceral} in the liver and lungs."
        yield Case(capability, text, {}, frozenset({"visceral_crisis"}))
    for opening, phrase in itertools.product(CLINICIAN_OPENINGS, CHEMO_FIT):
        yield Case(capability, opening + phrase + ".", {"chemo_candidate": True})
    for opening, phrase in itertools.product(CLINICIAN_OPENINGS, CHEMO_UNFIT):
        yield Case(capability, opening + phrase + ".", {"chemo_candidate": False})
    for phrase in CHEMO_EARLY:
        yield Case(
            capability, f"Early breast cancer, 52F. {phrase}.", {}, frozenset({"chemo_candidate"})
        )
    for opening, labs in itertools.product(CLINICIAN_OPENINGS, LAB_VALUES):
        text = opening + labs + "."
        yield Case(capability, text, {}, frozenset({"visceral_crisis", "chemo_candidate"}))


# -- 6. message forms -------------------------------------------------------------------------
FORM_BASES = {
    "62F ER+/PR+ HER2 0, bone mets, PD on letrozole/palbo": {
        "age": 62,
        "hormone_receptor": "positive",
        "her2": "negative",
        "her2_low": False,
        "progressed_on": ["letrozole", "palbociclib"],
    },
    "58F TNBC, PD-L1 neg, gBRCA wt, liver mets": {
        "hormone_receptor": "negative",
        "her2": "negative",
        "pdl1": "negative",
        "germline_brca": False,
    },
    "45F premenopausal HR+/HER2-neg, on goserelin, bone only": {
        "menopausal_status": "pre",
        "hormone_receptor": "positive",
        "her2": "negative",
        "ovarian_ablation": True,
    },
    "HER2+ ER- MBC, progressed on THP, no brain mets": {
        "her2": "positive",
        "hormone_receptor": "negative",
        "brain_metastases": False,
    },
}
ENDINGS = (
    "",
    ". Next?",
    ". What do we give?",
    ". What next?",
    ". Options?",
    ", thoughts?",
    ". vs capecitabine??",
    ". What would you recommend?",
    ". Any ideas",
    "!",
)


def form_cases() -> Iterator[Case]:
    for (base, facts), ending in itertools.product(FORM_BASES.items(), ENDINGS):
        yield Case("message forms", base + ending, dict(facts))
        yield Case("message forms", base.lower() + ending, dict(facts))


# -- 8. look-alike characters -------------------------------------------------------------
CYRILLIC = {
    "e": "е",
    "a": "а",
    "o": "о",
    "c": "с",
    "p": "р",
    "E": "Е",
    "H": "Н",
    "R": "R",
    "T": "Т",
}


def confusable_cases() -> Iterator[Case]:
    words = {
        "letrozole": ("prior_therapies", ["letrozole"]),
        "capecitabine": ("prior_therapies", ["capecitabine"]),
        "fulvestrant": ("prior_therapies", ["fulvestrant"]),
    }
    for word, (fact, value) in words.items():
        for i, ch in enumerate(word):
            if ch in CYRILLIC:
                spoofed = word[:i] + CYRILLIC[ch] + word[i + 1 :]
                yield Case("look-alike characters", f"had {spoofed} for 2 years", {fact: value})
    for text, expect in (
        ("HЕR2 positive", {"her2": "positive"}),
        ("НER2 positive", {"her2": "positive"}),
        ("ЕR+ HER2-", {"hormone_receptor": "positive", "her2": "negative"}),
        ("pоstmenopausal", {"menopausal_status": "post"}),
        ("trірle negative", {"hormone_receptor": "negative", "her2": "negative"}),
    ):
        yield Case("look-alike characters", text, expect)


# -- 9. round 2: classes found by the dialogue engineer ------------------------------------
UNTREATED = (
    "untreated so far",
    "untreated to date",
    "untreated thus far",
    "nothing given yet for the metastases",
    "nothing given so far",
    "nothing yet for her metastatic disease",
    "no treatment given yet",
    "no therapy so far for her metastatic disease",
    "no systemic therapy to date",
    "none given yet for the metastatic disease",
)
FIRST_LINE_FAILED = (  # progressing on a regimen given as first line -> 1 line, failing it
    ("progressing on {r} given first-line for her metastatic disease", "first"),
    ("PD on {r} after 20 mo as 1st line", "first"),
    ("PD on {r} after 14 months as first line", "first"),
    ("progressing on first-line {r}", "first"),
    ("progressed on 1L {r}", "first"),
    ("progression on {r} for ~2 years as first-line therapy", "first"),
)
FIRST_LINE_REGIMENS = {
    "paclitaxel": ["paclitaxel"],
    "capecitabine": ["capecitabine"],
    "letrozole/palbociclib": ["letrozole", "palbociclib"],
    "letrozole and ribociclib": ["letrozole", "ribociclib"],
    "anastrozole + abemaciclib": ["anastrozole", "abemaciclib"],
}
CASE_OPENINGS = ("ER+ HER2- MBC, ", "62F HR+/HER2-neg, bone mets, ", "HER2-negative MBC. ")
LAB_TRENDS = (  # a laboratory trend is asked about, never read as visceral crisis
    "liver metastases with rising bilirubin",
    "liver mets, bilirubin rising",
    "liver metastases and rapidly rising LFTs",
    "hepatic mets with increasing bilirubin",
    "liver lesions, raised bilirubin",
)
SUBJUNCTIVES = (  # the subjunctive reads like the indicative
    ("HER2 were 3+", {"her2": "positive"}),
    ("HER2 were negative", {"her2": "negative"}),
    ("ER were positive", {"hormone_receptor": "positive"}),
    ("she were premenopausal", {"menopausal_status": "pre"}),
    ("she were postmenopausal", {"menopausal_status": "post"}),
    ("were she premenopausal", {"menopausal_status": "pre"}),
    ("were she 45", {"age": 45}),
    ("she were 45", {"age": 45}),
    ("she is 45", {"age": 45}),
    ("were she 71", {"age": 71}),
)


SITE_PHRASES = {  # uncommon sites the real-text labels use -> DESIGN value
    "chest wall recurrence": "chest wall",
    "pleural effusion": "pleura",
    "pleural metastases": "pleura",
    "axillary recurrence": "lymph nodes",
    "supraclavicular nodes": "lymph nodes",
    "peritoneal disease": "peritoneum",
    "skin metastases": "skin",
    "carcinoma en cuirasse": "skin",
    "adrenal metastases": "adrenal",
    "gastric metastases": "stomach",
    "bone marrow infiltration": "bone marrow",
    "choroidal metastases": "eye",
    "ovarian metastases": "ovary",
    "leptomeningeal disease": "meninges",
}
ORGAN_LISTS = (  # organs listed with a site word are sites; a negated list names none
    ("metastases to the spleen, pericardium and bladder", ["spleen", "pericardium", "bladder"]),
    ("metastasis in the lung and bone marrow", ["lung", "bone marrow"]),
    ("splenic and orbital metastases", ["spleen", "orbit"]),
    ("metastatic involvement of the thyroid", ["thyroid"]),
    ("liver, spleen and kidney metastases", ["liver", "spleen", "kidney"]),
)
ORGAN_DENIED = (
    "no metastases in the liver, spleen or pericardium",
    "no spleen or pericardium metastases",
    "heart and kidney function normal",
    "bone marrow biopsy normal",
)
SITE_BASES = ("ER+ HER2- MBC with {s}", "62F TNBC, {s}.", "HER2+ disease, new {s} on CT")
RADIOTHERAPY_FIELDS = (  # a radiotherapy field names no site
    "adjuvant chest wall radiation",
    "chest wall radiotherapy after mastectomy",
    "axillary radiotherapy",
    "supraclavicular irradiation",
)
START_OF_METASTATIC = (  # metastatic from the start: 0 lines, unless a regimen is told after
    "De novo metastatic disease",
    "Primary metastatic breast cancer",
    "Synchronous metastases",
    "Liver metastases at the time of presentation",
    "Bone mets at diagnosis",
)
BEGUN_THEN_FAILING = (  # begun as first line, then told failing: 1 line given
    "She was started on first-line therapy with {r}; after about 9 months scans showed "
    "progressive disease.",
    "{R} was initiated as first-line treatment. Twelve months later, CT showed disease "
    "progression.",
)


BEGUN_AT_PROGRESSION = (  # "then B upon progression": A failed, B is the line now begun
    "She received {a}, then {b} upon progression.",
    "Treated with {a}, then {b} at progression.",
    "{A} first, then {b} (started) on disease progression.",
    "Received {a} followed by {b} upon progression",
)
PAIRS = (
    ("letrozole and palbociclib", ["letrozole", "palbociclib"], "fulvestrant"),
    (
        "paclitaxel, trastuzumab and pertuzumab",
        ["paclitaxel", "trastuzumab", "pertuzumab"],
        "trastuzumab deruxtecan",
    ),
    ("capecitabine", ["capecitabine"], "eribulin"),
)


SWITCHED = (  # a switch after progression: A failed, B now given; a switch for toxicity: no count
    ("Progressed on {a}, switched to {b}.", True),
    (
        "Treated with {a} for 15 months, with subsequent disease progression. Regimen switched to "
        "{b}.",
        True,
    ),
    ("{A} for 2 years; changed to {b} after disease progression.", True),
    ("{A} for 2 years; it was switched to {b} because of arthralgia.", False),
)


def round2_cases() -> Iterator[Case]:
    for (template, progressed), (a, failed, b) in itertools.product(SWITCHED, PAIRS):
        text = template.format(a=a, A=a[0].upper() + a[1:], b=b)
        if progressed:
            yield Case(
                "switched after progression", text, {"prior_lines": 1, "progressed_on": failed}
            )
        else:
            yield Case(
                "switched after progression", text, {}, frozenset({"progressed_on", "prior_lines"})
            )
    for template, (a, failed, b) in itertools.product(BEGUN_AT_PROGRESSION, PAIRS):
        text = template.format(a=a, A=a[0].upper() + a[1:], b=b)
        yield Case("begun at progression", text, {"prior_lines": 1, "progressed_on": failed})
    for (phrase, site), base in itertools.product(SITE_PHRASES.items(), SITE_BASES):
        yield Case("uncommon sites", base.format(s=phrase), {"metastatic_sites": [site]})
    for (phrase, sites), base in itertools.product(ORGAN_LISTS, SITE_BASES):
        yield Case("uncommon sites", base.format(s=phrase), {"metastatic_sites": sites})
    for phrase in ORGAN_DENIED:
        yield Case(
            "uncommon sites", f"ER+ HER2- MBC. {phrase}.", {}, frozenset({"metastatic_sites"})
        )
    for field_, opening in itertools.product(RADIOTHERAPY_FIELDS, CASE_OPENINGS):
        yield Case(
            "radiotherapy field is not a site",
            opening + field_ + ".",
            {},
            frozenset({"metastatic_sites"}) if "bone" not in opening else frozenset(),
        )
    for phrase, opening in itertools.product(START_OF_METASTATIC, ("ER+ HER2-. ", "")):
        yield Case("metastatic from the start", opening + phrase + ".", {"prior_lines": 0})
        yield Case(
            "metastatic from the start",
            opening + phrase + ". She received letrozole and palbociclib and progressed.",
            # never the 0 of "de novo": the one regimen given since, failing, is 1 line
            # (counted from the event, an inference the chat shows)
            {"progressed_on": ["letrozole", "palbociclib"], "prior_lines": 1},
            inferred=frozenset({"prior_lines"}),
        )
    for template, (words, drugs) in itertools.product(
        BEGUN_THEN_FAILING, FIRST_LINE_REGIMENS.items()
    ):
        text = template.format(r=words, R=words[0].upper() + words[1:])
        yield Case("begun then failing", text, {"prior_lines": 1, "progressed_on": drugs})


def dialogue_found_cases() -> Iterator[Case]:
    for opening, phrase in itertools.product(CASE_OPENINGS, UNTREATED):
        yield Case("nothing given yet", opening + phrase, {"prior_lines": 0})
    for (template, _), (words, drugs), opening in itertools.product(
        FIRST_LINE_FAILED, FIRST_LINE_REGIMENS.items(), CASE_OPENINGS
    ):
        yield Case(
            "first line failed",
            opening + template.format(r=words),
            {"prior_lines": 1, "progressed_on": drugs},
        )
    for opening, phrase in itertools.product(CASE_OPENINGS, LAB_TRENDS):
        yield Case(
            "lab trend is not visceral crisis",
            opening + phrase,
            {},
            frozenset({"visceral_crisis"}),
        )
    for text, expect in SUBJUNCTIVES:
        yield Case("subjunctive", text, expect)
        yield Case("subjunctive", text.capitalize(), expect)


# -- round 3: metastatic sites as an organ vocabulary read inside a metastasis context ----------
SITE_NOUNS = {  # organ noun -> site value (tests/data/real/FORMAT.md "Round 3 additions")
    "liver": "liver",
    "lungs": "lung",
    "spleen": "spleen",
    "pericardium": "pericardium",
    "bladder": "bladder",
    "bone marrow": "bone marrow",
    "stomach": "stomach",
    "ovary": "ovary",
    "adrenal gland": "adrenal",
    "orbit": "orbit",
    "sternum": "bone",
    "soft tissue": "soft tissue",
    "pancreas": "pancreas",
    "meninges": "meninges",
    # round 3 fix phase: organs as written
    "thyroid gland": "thyroid",
    "retroperitoneum": "retroperitoneum",
    "bowel": "bowel",
    "adnexa": "adnexa",
    "conus medullaris": "spinal cord",
    # round 4: organs of case reports, named as FORMAT.md asks (the organ, singular)
    "pituitary gland": "pituitary",
    "ureters": "ureter",
    "common bile duct": "bile duct",
    "diaphragm": "diaphragm",
    "rectum": "rectum",
}
SITE_ADJECTIVES = {  # organ adjective -> site value: a site only with a metastasis word
    "hepatic": "liver",
    "pulmonary": "lung",
    "osseous": "bone",
    "skeletal": "bone",
    "vertebral": "bone",
    "pleural": "pleura",
    "peritoneal": "peritoneum",
    "ovarian": "ovary",
    "splenic": "spleen",
    "cutaneous": "skin",
    "pancreatic": "pancreas",
    "orbital": "orbit",
    "retroperitoneal": "retroperitoneum",
    "adnexal": "adnexa",
    "osteolytic": "bone",
    "lytic": "bone",
    "sclerotic": "bone",
    "hypophyseal": "pituitary",
    "ureteral": "ureter",
    "diaphragmatic": "diaphragm",
    "rectal": "rectum",
}
NOUN_LISTS = (  # two organ nouns with a metastasis head before or after them
    "metastases to the {a} and {b}",
    "metastasis in the {a} and the {b}",
    "metastasis of breast cancer to the {a} and {b}",
    "new lesions in the {a} and {b}",
    "{a} and {b} metastases",
    "{a}, {b} and bone metastases",
)
ADJECTIVE_LISTS = ("{a} and {b} metastases", "{a}, {b} and brain metastases", "{a} or {b} lesions")
DENIED_LISTS = (  # a negation on the list denies every member
    "no {a}, {b} or adrenal lesions",
    "CT: no {a} or {b} lesions",
    "without metastases to the {a} or {b}",
    "no evidence of metastasis in the {a} or {b}",
)
ADJECTIVE_ALONE = ("{a} function normal", "{a} toxicity grade 1", "no {a} symptoms")
SITE_OPENINGS = ("ER+ HER2- MBC with ", "62F TNBC, ", "")
REGIONAL_AT_DIAGNOSIS = (  # nodes staged with the primary tumour, or a nodal procedure: no site
    "She presented with a 3 cm mass in her left breast and palpable axillary lymph nodes",
    "Mammogram showed a 2.8 cm lesion in the right breast and axillary lymph node involvement",
    "A 6 cm breast mass with axillary adenopathy; core biopsy showed IDC",
    "She underwent mastectomy and axillary lymph node dissection in 2015",
    "Lumpectomy and sentinel lymph node biopsy, then adjuvant radiotherapy",
)
NODAL_RECURRENCE = (  # nodes at recurrence are a site
    "Three years later she had a recurrence in the left axilla",
    "She relapsed with mediastinal lymph node metastases",
    "Recurrent disease in the axillary lymph nodes after adjuvant letrozole",
)


def _pairs(table: dict[str, str]) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    items = list(table.items())
    return [(items[i], items[(i + 3) % len(items)]) for i in range(len(items))]


def _in_order(values: list[str]) -> list[str]:
    """Site values as the extraction lists them: text order, once each (leptomeningeal
    disease is the meninges only; it still reads as brain_metastases)."""
    out: list[str] = []
    for value in values:
        if value not in out:
            out.append(value)
    return out


# round 3 fix phase: an organ adjective right before the next organ word modifies it; a
# parenthesised abbreviation does not break a list; a metastasis head reaches its organ
# over the name of the primary ("metastatic BC to the thyroid gland")
MODIFIED_ORGANS = (
    ("metastasis to the mediastinal pleura", ["pleura"]),
    ("multiple sclerotic vertebral and pelvic bone lesions", ["bone"]),
    ("pelvic bone metastases", ["bone"]),
    ("retroperitoneal lymph node metastases", ["lymph nodes"]),
    ("leptomeningeal (LM) and spinal cord metastases", ["meninges", "spinal cord"]),
    ("hepatic (HM) and pulmonary metastases", ["liver", "lung"]),
    ("metastatic BC to the thyroid gland", ["thyroid"]),
    ("metastatic invasive lobular carcinoma to the stomach and bowel", ["stomach", "bowel"]),
    (
        "metastatic sites including the site of mastectomy, lymph nodes and bone",
        ["chest wall", "lymph nodes", "bone"],
    ),
    ("new lytic and sclerotic lesions in L1-L2 vertebrae", ["bone"]),
    ("osteolytic metastasis of C3", ["bone"]),
    # a vertebral level with a metastasis word is bone; a thoracic level needs its level word
    ("pathological masses at T8 level", ["bone"]),
    ("new lesions in L4-L5 and the sacrum", ["bone"]),
    ("masses at the T10 vertebra", ["bone"]),
    ("biopsy of the L5 lesion confirmed metastatic breast cancer", ["bone"]),
    # the scalp is skin; alopecia neoplastica is a skin metastasis
    ("lesions at the scalp", ["skin"]),
    ("alopecia neoplastica of the occipital scalp", ["skin"]),
    # round 4: a list whose members repeat the preposition after a time word
    ("metastatic deposits to the small bowel and later to the rectum", ["small bowel", "rectum"]),
    ("metastases to the liver and then to the lungs", ["liver", "lung"]),
    ("metastasis to the spleen, and subsequently to the pericardium", ["spleen", "pericardium"]),
    # a verb that places the head at its organ
    ("multiple infiltrative lesions implicating both orbits", ["orbit"]),
    ("metastatic breast cancer involving the common bile duct", ["bile duct"]),
    ("metastases affecting the spleen and the pancreas", ["spleen", "pancreas"]),
    # progression told at an organ names it
    ("her disease progresses in the bilateral ureters", ["ureter"]),
    ("progression in the bladder", ["bladder"]),
    ("disease progressed in the pituitary gland", ["pituitary"]),
    # a brain scan whose finding is located at another organ names that organ only
    ("MRI brain scan showed metastatic tumor in the pituitary gland", ["pituitary"]),
    ("head CT revealed metastatic lesions of the orbit", ["orbit"]),
)
# round 4: the deep brain and brain parts are the brain (brain metastases, active unless treated)
DEEP_BRAIN = (
    "thalamic metastasis",
    "metastasis to the thalamus",
    "basal ganglia metastases",
    "a metastatic lesion in the corpus callosum",
    "intracerebral metastasis",
)
# a level written like a tumour stage, a cycle or a dose names no site
NOT_A_LEVEL = (
    "PET-CT showed resolution of the T2 lesion",
    "cT2 N0 tumour",
    "C3D1 of paclitaxel",
    "4L O2 via nasal cannula",
)


# "BM" is brain metastases or bone marrow: read only where the text settles it
AMBIGUOUS_ABBREVIATIONS = (
    ("multiple BMs; she refused local therapy for BMs and has seizures", True),
    ("brain metastases (BMs) on MRI, untreated", True),
    ("3 BMs treated with SRS, stable", False),
    ("new seizures; MRI showed multiple BM", True),
)
UNSETTLED_ABBREVIATIONS = (
    "BM biopsy shows carcinoma cells",
    "bone marrow (BM) aspirate positive for carcinoma",
    "with BMs",
    "BM trephine: infiltration; pancytopenia",
)


# an organ sampled and found malignant is a site; sampled and benign, or only planned, none
SAMPLED = {
    "The axillary node FNA was positive for metastatic adenocarcinoma": ["lymph nodes"],
    "Anaemia, later confirmed as metastatic breast cancer on bone marrow biopsy": ["bone marrow"],
    "Bone marrow aspiration: malignant cytokeratin-positive cells": ["bone marrow"],
    "Spleen biopsy revealed metastatic carcinoma": ["spleen"],
    "A biopsy of the pancreas showed metastatic lobular carcinoma": ["pancreas"],
    # a bullet starts an item of its own (the "without" of the item before does not reach)
    "• MRI spine: sclerotic vertebral lesions without cord compromise • Bone marrow "
    "aspiration: malignant cytokeratin-positive cells": ["bone", "bone marrow"],
}
NOT_SAMPLED_MALIGNANT = (
    "Bone marrow biopsy was negative for malignancy",
    "A bone marrow biopsy is planned",
    "Spleen biopsy: benign, no evidence of metastatic disease",
)


# a site told across sentences: an organ finding confirmed as metastatic then or just after
ORGAN_FINDINGS = {
    "bladder wall thickening": "bladder",
    "a splenic nodule": "spleen",
    "a gastric mass": "stomach",
    "colonic thickening": "colon",
    "a thyroid nodule": "thyroid",
}
CONFIRMATIONS = (
    "{f} was seen on CT. Histopathology showed metastatic breast carcinoma.",
    "Imaging showed {f}, later confirmed to be metastatic lobular carcinoma.",
    "She had {f}. A biopsy was done. Pathology was consistent with metastatic breast cancer.",
)
NOT_CONFIRMED = (
    "{f} was seen on CT. Histopathology showed a benign adenoma, no evidence of metastatic disease.",
    "{f} was seen on CT. Liver biopsy confirmed metastatic breast cancer.",
    "{f} was noted. She is followed for early breast cancer.",
)


def site_cases() -> Iterator[Case]:
    for phrase, opening in itertools.product(NOT_A_LEVEL, SITE_OPENINGS[1:]):
        yield Case(
            "organ modifiers and abbreviations",
            opening + phrase + ".",
            {"metastatic_sites": None},
        )
    for (finding, site), template in itertools.product(ORGAN_FINDINGS.items(), CONFIRMATIONS):
        text = template.format(f=finding)
        text = text[0].upper() + text[1:]
        yield Case("site told across sentences", text, {"metastatic_sites": [site]})
    # ("a gastric mass" alone is a site already: build.py ORGAN_FORMS "{w} mass")
    unconfirmed = {f: v for f, v in ORGAN_FINDINGS.items() if "mass" not in f}
    for (finding, _site), template in itertools.product(unconfirmed.items(), NOT_CONFIRMED):
        text = template.format(f=finding)
        text = text[0].upper() + text[1:]
        found = ["liver"] if "Liver" in text else None
        yield Case("site told across sentences", text, {"metastatic_sites": found})
    for (phrase, sites), opening in itertools.product(SAMPLED.items(), ("", "ER+ HER2-. ")):
        yield Case(
            "organ modifiers and abbreviations", opening + phrase + ".", {"metastatic_sites": sites}
        )
    for phrase, opening in itertools.product(NOT_SAMPLED_MALIGNANT, ("", "ER+ HER2-. ")):
        yield Case(
            "organ modifiers and abbreviations",
            opening + phrase + ".",
            {},
            frozenset({"metastatic_sites"}),
        )
    for (phrase, active), opening in itertools.product(AMBIGUOUS_ABBREVIATIONS, SITE_OPENINGS):
        expect = {"metastatic_sites": ["brain"], "brain_metastases": active}
        yield Case("organ modifiers and abbreviations", opening + phrase + ".", expect)
    for phrase, opening in itertools.product(UNSETTLED_ABBREVIATIONS, SITE_OPENINGS):
        yield Case(
            "organ modifiers and abbreviations",
            opening + phrase + ".",
            {},
            frozenset({"brain_metastases"}),
        )
    for (phrase, sites), opening in itertools.product(MODIFIED_ORGANS, SITE_OPENINGS):
        text = opening + phrase + "."
        yield Case("organ modifiers and abbreviations", text, {"metastatic_sites": sites})
    for phrase, opening in itertools.product(DEEP_BRAIN, SITE_OPENINGS):
        expect = {"metastatic_sites": ["brain"], "brain_metastases": True}
        yield Case("organ modifiers and abbreviations", opening + phrase + ".", expect)
    for ((a, va), (b, vb)), template, opening in itertools.product(
        _pairs(SITE_NOUNS), NOUN_LISTS, SITE_OPENINGS
    ):
        sites = _in_order([va, vb] + (["bone"] if "bone" in template else []))
        text = opening + template.format(a=a, b=b) + "."
        yield Case("site lists", text, {"metastatic_sites": sites})
    for ((a, va), (b, vb)), template, opening in itertools.product(
        _pairs(SITE_ADJECTIVES), ADJECTIVE_LISTS, SITE_OPENINGS
    ):
        sites = _in_order([va, vb] + (["brain"] if "brain" in template else []))
        text = opening + template.format(a=a, b=b) + "."
        yield Case("site lists", text, {"metastatic_sites": sites})
    for ((a, va), (b, vb)), (n, vn) in zip(
        _pairs(SITE_ADJECTIVES), SITE_NOUNS.items(), strict=False
    ):
        # a list that ends with its head closes there: the next list is another one
        text = f"ER+ HER2- MBC with {a} and {b} metastases and metastases to the {n}."
        yield Case("site lists", text, {"metastatic_sites": _in_order([va, vb, vn])})
    for ((a, _), (b, _)), template, opening in itertools.product(
        _pairs(SITE_NOUNS), DENIED_LISTS, SITE_OPENINGS
    ):
        text = opening + template.format(a=a, b=b) + "."
        yield Case("negated site lists", text, {}, frozenset({"metastatic_sites"}))
    for phrase, opening in itertools.product(REGIONAL_AT_DIAGNOSIS, ("", "ER+ HER2-. ")):
        text = opening + phrase + "."
        yield Case("regional nodes at diagnosis", text, {}, frozenset({"metastatic_sites"}))
    for phrase, opening in itertools.product(NODAL_RECURRENCE, ("", "ER+ HER2-. ")):
        text = opening + phrase + "."
        yield Case("regional nodes at diagnosis", text, {"metastatic_sites": ["lymph nodes"]})
    for (a, _), template in itertools.product(SITE_ADJECTIVES.items(), ADJECTIVE_ALONE):
        yield Case(
            "organ adjective alone is no site",
            "ER+ HER2- MBC. " + template.format(a=a) + ".",
            {},
            frozenset({"metastatic_sites"}),
        )


# -- round 3: treatment history conventions (issue 10, tests/data/real/FORMAT.md round 3) --------
EARLY_HISTORIES = (  # early-disease treatment, never a metastatic line
    "",
    "Stage II ER+ HER2- breast cancer treated with lumpectomy and adjuvant letrozole in 2016. ",
    "History of early-stage TNBC treated with mastectomy and adjuvant AC-T. ",
    "s/p mastectomy 2015, adjuvant tamoxifen for 5 years. ",
    "Prior stage III HER2+ disease treated with neoadjuvant TCHP and surgery. ",
    "62F, pT2N1 IDC in 2014, treated with surgery and adjuvant chemotherapy. ",
)
METASTATIC_EVENTS = (  # the discovery of metastatic disease, told with no treatment after it
    "Now found to have liver metastases.",
    "CT shows multiple liver lesions; biopsy confirms metastatic recurrence.",
    "Recurrence in the lung in 2023.",
    "Bone scan showed widespread bone metastases.",
    "She developed bone metastases 3 years after adjuvant letrozole.",
    "Relapsed with bone metastases 4 years after completing adjuvant therapy.",
    "She relapsed on adjuvant tamoxifen with bone metastases.",
    "Was found to have liver mets on staging.",
    "A biopsy of the liver lesion confirmed recurrent metastatic disease.",
    # a distant site found, tied to the breast by a biopsy (no metastatic word)
    "CT shows two liver lesions; biopsy of one confirms breast cancer.",
    "Staging scans showed lytic lesions in the spine, and a liver biopsy confirmed breast cancer.",
)
EVENT_TAILS = ("", " What do you recommend?", " Next step?", " Options?")
# told after the event, each of these means metastatic disease has been treated or is
# failing: the 0-lines inference must never fire (tests/test_extract_checklist.py)
AFTER_EVENT_TREATED = (
    " She received fulvestrant and palbociclib, now progressing.",
    " Second-line options?",
    " Treated with capecitabine, with enlargement of the liver lesions.",
    " Heavily pretreated.",
    " Started letrozole + palbociclib; progression after 14 months.",
    " First-line letrozole + ribociclib was given; tumour markers rising with new lesions.",
    " Now on her third line.",
    " Progressed on chemotherapy.",
    " She was started on capecitabine, but the disease progressed.",
    " Letrozole + palbociclib was initiated with a good response; after 2 years, new liver "
    "lesions.",
    " She was placed on fulvestrant. It failed after 6 months.",
    " Then she received several lines of chemotherapy.",
    " She was treated with tamoxifen, then switched to exemestane.",
)
# told after the event, a regimen given with its outcome not told: the regimen she is on
# (0, inferred) unless the text then asks for the next step or tells it ended
# (a course told with its length, "paclitaxel for 6 cycles", is a line given: asked,
# test_extract_history.py)
GIVEN_NO_OUTCOME = (
    " She is on capecitabine.",
    " She has been on fulvestrant since.",
    " She received letrozole and palbociclib.",
)
ASKS_NEXT = (" Next?", " What do you recommend?", " Options after this?")
# a regimen begun, or told responding, after the event: not a line given yet (FORMAT.md),
# 0 lines as an inference; told failing it is 1 line
BEGUN_AT_EVENT = (
    " She was started on {r}.",
    " {R} was initiated.",
    " She begins treatment with {r}.",
    " Treatment with {r} was commenced, with a partial response.",
    " She was placed on {r} and has had a good response.",
    " Four cycles of {r} resulted in rapid improvement.",
)
FAILING_AT_EVENT = (
    " She was started on {r}, but unfortunately the disease progressed.",
    " {R} was initiated; after 14 months, CT showed enlargement of the liver lesions.",
    " Treatment with {r} was begun. Restaging showed new liver metastases.",
)
# early-disease treatment told without the word "adjuvant": surgery or stage in its sentence
EARLY_UNSAID = (
    "History of IDC (pT2N1, stage IIB) treated with modified radical mastectomy, "
    "chemotherapy and radiotherapy, followed by tamoxifen. ",
    "Locally advanced, nonmetastatic breast cancer treated with upfront chemotherapy, "
    "mastectomy and then tamoxifen. ",
    "Initial diagnosis in 2010 with breast conservation surgery, radiotherapy and tamoxifen. ",
)
EVENTS_UNUSUAL = (  # a metastatic event told without the words of METASTATIC_EVENTS
    "A biopsy of the brain lesion, indicating metastatic breast cancer, was done.",
    "We present a case of recurrent lobular breast cancer presenting as an adnexal mass.",
    "A diagnosis of breast carcinoma mandibular metastasis was made.",
    "Staging unveiled bilateral lobular carcinoma with synchronous orbital metastases.",
    "She presented with progressive fatigue; X-rays reveal widespread bone metastases.",
    "A liver biopsy confirms metastatic disease, given that the stains show a breast primary.",
)
NO_EVENT = (  # a metastatic state without its discovery told: the count is asked
    "He has been diagnosed with metastatic melanoma. What next?",  # another cancer
    "Metastatic colon cancer was found on CT.",
    "ER+ MBC, what next?",
    "HR+/HER2- MBC, bone mets. Next?",
    "Metastatic TNBC, PD-L1 negative. Options?",
    "HER2+ metastatic breast cancer with liver involvement.",
    "62F ER+ HER2- MBC, no visceral crisis.",
    # early breast cancer: regional nodes, negative staging, a lesion of unknown nature
    "Biopsy of the breast mass confirms IDC, ER+ HER2-, with 2 abnormal axillary nodes.",
    "cT2N1 IDC; staging CT and bone scan negative.",
    "52F with a 3 cm breast mass, core biopsy IDC ER+ PR+ HER2-, enlarged axillary nodes.",
    "CT showed liver lesions. Next?",
    "Bone scan revealed no bone metastases.",
    "Two cases of MBC detected in patients undergoing palliative anticancer therapy.",
)
FIRST_LINES = {  # first-line regimen text -> generics
    "letrozole + palbociclib": ["letrozole", "palbociclib"],
    "capecitabine": ["capecitabine"],
    "paclitaxel": ["paclitaxel"],
    "fulvestrant": ["fulvestrant"],
}
PROGRESSION_SIGNS = (  # progression told in a later sentence, in other words
    "After 14 months, CT showed enlargement of the liver lesions.",
    "After 14 months, CT showed deterioration of bone metastases.",
    "After 14 months, an increase in tumour markers with new lesions.",
    "Twelve months later, imaging showed disease progression.",
    "After a year, bone metastases worsened.",
    "Restaging showed new liver metastases.",
    "Now, PET/CT shows new lytic and sclerotic lesions in the spine.",
)
BEGUN_AFTER_SIGN = (  # "A … {sign} … then started on B": A failed, B is the line now begun
    "{A} was given as first-line treatment. {sign} She was then started on {b}.",
    "{A} as first-line; {sign} Therapy was changed to {b}.",
    "{A} was given as first-line treatment. Later, {b} was started in view of failure of "
    "this therapy.",
)
INDUCTION_MAINTENANCE = (  # induction then maintenance of the same regimen: one line
    "First-line THP → HP maintenance, now progressing.",
    "First-line THP followed by HP maintenance, progressed on it.",
    "First-line docetaxel, trastuzumab and pertuzumab, then maintenance trastuzumab and "
    "pertuzumab; progressive disease.",
    "1L THP then HP maintenance for 2 years, now PD.",
)
CURRENT_LINES = (  # an Nth line given now, not failing, after earlier lines failed: N - 1
    (
        "As the disease progressed, {d} was prescribed as a {n}-line therapy, with a partial "
        "response.",
        -1,
    ),
    (
        "Disease progressed on prior treatments; she is now on {d} as a {n}-line therapy, "
        "responding.",
        -1,
    ),
    ("Progressing on {n}-line {d}.", 0),  # the current line, failing: counted
    ("Progressed on {d}, given as {n}-line therapy.", 0),
    # a question about the line after a failed one, and about the next line
    ("What to do after progression on {n}-line {d}?", 0),
    ("What do you give when the disease progresses after a {n}-line of {d}?", 0),
    ("{N}-line options after {d}?", -1),
)
ORDINAL_WORDS = {2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth"}
BEGUN_NOW = (  # a line just begun after the earlier one failed: not counted
    "Progression on {a}. {B} was initiated as second-line therapy.",
    "Progressed on first-line {a}; second-line {b} has just been started.",
    "{A} failed. {B} was started as second-line.",
    # told in reverse: the regimen begun first, the failed one after it
    "{B} was started after progression on {a}.",
    "She started {b} after PD on {a}. Next?",
)


CHEMO_DENIED = (  # chemotherapy told as never given for the metastatic disease: 0 chemo lines
    "No chemo has been administered.",
    "No chemotherapy was given so far.",
    "She received no chemotherapy.",
    "She's not had chemo for her metastatic disease.",
)
CHEMO_NOT_HISTORY = (  # a contraindication, a plan or a wish is not a history
    "No contraindication to chemotherapy.",
    "No chemotherapy is planned.",
)


def round3_history_cases() -> Iterator[Case]:
    for opening, phrase in itertools.product(CASE_OPENINGS, CHEMO_DENIED):
        yield Case("line counting conventions", opening + phrase, {"prior_chemo_lines": 0})
    for opening, phrase in itertools.product(CASE_OPENINGS, CHEMO_NOT_HISTORY):
        yield Case(
            "line counting conventions", opening + phrase, {}, frozenset({"prior_chemo_lines"})
        )
    for history, event, tail in itertools.product(EARLY_HISTORIES, METASTATIC_EVENTS, EVENT_TAILS):
        yield Case(
            "0 lines at the metastatic event",
            history + event + tail,
            {"prior_lines": 0},
            inferred=frozenset({"prior_lines"}),
        )
    for text in NO_EVENT:
        yield Case("0 lines at the metastatic event", text, {}, frozenset({"prior_lines"}))
    for (words, drugs), sign in itertools.product(FIRST_LINES.items(), PROGRESSION_SIGNS):
        text = f"{words[0].upper()}{words[1:]} was given as first-line treatment. {sign}"
        yield Case("progression told later", text, {"prior_lines": 1, "progressed_on": drugs})
    pairs = [(a, b) for a, b in itertools.product(FIRST_LINES.items(), FIRST_LINES) if a[0] != b]
    for template, ((a, failed), b), sign in itertools.product(
        BEGUN_AFTER_SIGN, pairs, PROGRESSION_SIGNS[:3]
    ):
        text = template.format(A=a[0].upper() + a[1:], b=b, sign=sign)
        yield Case("progression told later", text, {"prior_lines": 1, "progressed_on": failed})
    for text in INDUCTION_MAINTENANCE:
        yield Case(
            "line counting conventions",
            text,
            {"prior_lines": 1, "progressed_on": ["trastuzumab", "pertuzumab"]},
        )
    for (template, shift), (n, word), drug in itertools.product(
        CURRENT_LINES, ORDINAL_WORDS.items(), ("T-DXd", "eribulin", "capecitabine")
    ):
        yield Case(
            "line counting conventions",
            template.format(d=drug, n=word, N=word.capitalize()),
            {"prior_lines": n + shift},
        )
    for template, ((a, failed), b) in itertools.product(BEGUN_NOW, pairs):
        text = template.format(a=a, A=a[0].upper() + a[1:], b=b, B=b[0].upper() + b[1:])
        yield Case("line counting conventions", text, {"prior_lines": 1, "progressed_on": failed})
    yield from event_regimen_cases()


LATE_ORDINALS = {4: "forth", 8: "8th", 9: "ninth", 10: "tenth", 11: "11th", 12: "12th"}
EXPANSIONS = {  # a regimen abbreviation spelled out in brackets: one regimen
    # (the abbreviation's own drugs come first: THP = trastuzumab, pertuzumab, a taxane)
    "THP [docetaxel, trastuzumab, pertuzumab]": ["trastuzumab", "pertuzumab", "docetaxel"],
    "THP (docetaxel, trastuzumab and pertuzumab)": ["trastuzumab", "pertuzumab", "docetaxel"],
    "AC (doxorubicin, cyclophosphamide)": ["doxorubicin", "cyclophosphamide"],
}
COMBINED = {  # a dose between the drugs, a comma before "in combination with": one regimen
    "abemaciclib 150 mg twice daily and letrozole 2.5 mg once a day": ["abemaciclib", "letrozole"],
    "palbociclib, in combination with an aromatase inhibitor, letrozole": [
        "palbociclib",
        "letrozole",
    ],
}


def event_regimen_cases() -> Iterator[Case]:
    """Lines counted from a told metastatic event: a regimen begun/responding there is 0
    (inferred), one told failing is 1; early-disease therapy told without "adjuvant"; line
    ordinals past the guideline's 7th; bracketed regimen expansions."""
    regimens = {**FIRST_LINES, **EXPANSIONS, **COMBINED}
    histories = (*EARLY_HISTORIES[:3], *EARLY_UNSAID)
    events = (*METASTATIC_EVENTS[:4], *EVENTS_UNUSUAL)
    for history, event in itertools.product(histories, events):
        yield Case(
            "regimen begun at the metastatic event",
            history + event,
            {"prior_lines": 0},
            inferred=frozenset({"prior_lines"}),
        )
    for history, event, template, (r, drugs) in itertools.product(
        EARLY_HISTORIES[:2], events[:5], BEGUN_AT_EVENT, regimens.items()
    ):
        text = history + event + template.format(r=r, R=r[0].upper() + r[1:])
        yield Case(
            "regimen begun at the metastatic event",
            text,
            {"prior_lines": 0, "prior_therapies": drugs},
            inferred=frozenset({"prior_lines"}),
        )
    for history, event, template, (r, drugs) in itertools.product(
        EARLY_HISTORIES[:2], events[:5], FAILING_AT_EVENT, FIRST_LINES.items()
    ):
        text = history + event + template.format(r=r, R=r[0].upper() + r[1:])
        yield Case(
            "regimen begun at the metastatic event",
            text,
            {"prior_lines": 1, "progressed_on": drugs},
        )
    for (n, word), drug in itertools.product(LATE_ORDINALS.items(), ("eribulin", "T-DXd")):
        yield Case(
            "line counting conventions", f"Progressing on {word}-line {drug}.", {"prior_lines": n}
        )
        yield Case(
            "line counting conventions",
            f"{word[0].upper()}{word[1:]}-line options after {drug}?",
            {"prior_lines": n - 1},
        )
    for (n, word), drug in itertools.product(
        {**ORDINAL_WORDS, 4: "forth"}.items(), ("Lapatinib plus capecitabine", "Eribulin")
    ):
        # an Nth line told given and now continuing, responding: N - 1 given before it
        yield Case(
            "line counting conventions",
            f"{drug} combination was administered as {word}-line treatment and the lesion "
            "disappeared. She is continuing this regimen with a complete response.",
            {"prior_lines": n - 1},
        )
    for r, drugs in EXPANSIONS.items():
        yield Case(
            "line counting conventions",
            f"First-line {r}, now progressing.",
            {"prior_lines": 1, "progressed_on": drugs},
        )


# -- round 3 (markers): receptors over time, test results, receptor grammar, heart ----------
# Receptor status told twice: the primary tumour's, then the metastatic tumour's. The
# metastatic (latest) statement is the current one; the primary's yields to it.
PRIMARY_STATEMENTS = {  # text -> (hormone_receptor, her2)
    "ER+/PR+/HER2-": ("positive", "negative"),
    "ER-negative, PR-negative, HER2 IHC 3+": ("negative", "positive"),
    "hormone receptor-positive, HER2-negative": ("positive", "negative"),
    "triple-negative": ("negative", "negative"),
}
METASTATIC_STATEMENTS = {
    "ER-/PR-/HER2 3+": ("negative", "positive"),
    "ER 90%, PgR 0%, HER2 0": ("positive", "negative"),
    "ER-negative, HER2-positive": ("negative", "positive"),
    "HR+/HER2-neg": ("positive", "negative"),
}
RECEPTOR_STORIES = (
    "Initially {p} breast cancer treated with lumpectomy. Biopsy of the liver lesion showed {m}.",
    "Primary tumour {p}. Recurrence in 2021: bone biopsy {m}.",
    "She was diagnosed with {p} breast cancer in 2014; the metastatic biopsy showed {m}.",
    "Liver biopsy: {m}. The original tumour was {p}.",
    "{p} at diagnosis, now {m} on the liver biopsy.",
    "Her original tumour was {p} but the metastatic biopsy showed {m}.",
)
# test results read as negative / not present (a result, never set true)
TEST_RESULT_NEGATIONS = {
    "germline testing negative": "germline_brca",
    "germline testing was negative": "germline_brca",
    "germline testing are negative": "germline_brca",
    "germline BRCA testing came back negative": "germline_brca",
    "germline/somatic BRCA1/2 wild-type": "germline_brca",
    "no germline or somatic BRCA1/2 variant": "germline_brca",
    "no pathogenic variants in BRCA1/2": "germline_brca",
    "BRCA1/2 not detected": "germline_brca",
    "PIK3CA wild-type": "pik3ca",
    "ESR1 not detected": "esr1",
    "MSS": "msi_high",
    "microsatellite stable": "msi_high",
    "pMMR": "dmmr",
    "MMR proficient": "dmmr",
    "TMB 4 mut/Mb": "tmb_high",
    "no history of heart disease": "heart_failure",
    "no cardiac comorbidities": "heart_failure",
    "without significant cardiac toxicity": "heart_failure",
    "LVEF 60%": "heart_failure",
}
NOT_KNOWN_TESTS = (
    "she declined genetic testing for BRCA1/2",
    "declined germline testing",
    "refused BRCA testing",
)
GRAMMAR_ROUND3 = {  # text -> expected facts
    "hormone receptors-positive, HER2-negative": {
        "hormone_receptor": "positive",
        "her2": "negative",
    },
    "hormone-negative, HER2-positive": {"hormone_receptor": "negative", "her2": "positive"},
    "estrogen-positive, HER2-negative": {"hormone_receptor": "positive", "her2": "negative"},
    "ER/PR positive, HER2 negative": {"hormone_receptor": "positive", "her2": "negative"},
    "ER 90%, PgR 0%, HER2 1+": {"hormone_receptor": "positive", "her2_low": True},
    "HR-positive/HER2-low": {"hormone_receptor": "positive", "her2": "negative", "her2_low": True},
    "HER2 (0)": {"her2": "negative", "her2_low": False},
    "HER2 score 1+": {"her2": "negative", "her2_low": True},
    "c-erbB-2 negative": {"her2": "negative"},
    "Her2neu negative": {"her2": "negative"},
    "ER Allred 8/8, PR Allred 0/8": {"hormone_receptor": "positive"},
    "ER 7, PR 0, HER2 2+, FISH (ISH)-negative": {
        "hormone_receptor": "positive",
        "her2": "negative",
        "her2_low": True,
    },
    "oestrogen receptor (ER) 7, progesterone receptor (PR) 8": {"hormone_receptor": "positive"},
    "ER 0, PR 0, HER2 3+": {"hormone_receptor": "negative", "her2": "positive"},
    "luminal B/HER2-negative": {"hormone_receptor": "positive", "her2": "negative"},
    "luminal A": {"hormone_receptor": "positive", "her2": "negative"},
    "triple-positive": {"hormone_receptor": "positive", "her2": "positive"},
    "TNBC": {"hormone_receptor": "negative", "her2": "negative"},
    "HER2-enriched": {"her2": "positive"},
    "positive ER and PR receptors, HER2 negative": {
        "hormone_receptor": "positive",
        "her2": "negative",
    },
    "strong hormonal positivity for estrogen and progesterone receptors": {
        "hormone_receptor": "positive"
    },
    "strong ER and PR expression and negative for HER2 overexpression": {
        "hormone_receptor": "positive",
        "her2": "negative",
    },
    "node-negative HR+/HER2-": {"hormone_receptor": "positive", "her2": "negative"},
}
MENOPAUSE_NEXT_TO_NOTATION = {
    "Postmenopausal": "post",
    "Premenopausal": "pre",
    "post-menopausal": "post",
}
HEART_FAILURE_TRUE = (
    "LVEF 35%",
    "LVEF 5%",
    "left ventricular ejection fraction of 30%",
    "NYHA class II",
    "New York Heart Association (NYHA) class is III",
    "CHF",
    "dilated cardiomyopathy",
    "reduced ejection fraction",
    "trastuzumab cardiotoxicity",
)
HEART_OPENINGS = ("68F ER+/HER2- MBC, bone mets. ", "A 70-year-old woman with HR+ MBC and ")
# a gene named as what a test looks at is no finding (never set true)
TESTED_GENES = (
    "She was tested for BRCA1/2.",
    "BRCA1 and BRCA2 genes were screened for mutation by sequencing.",
    "PIK3CA has been tested, result pending.",
    "BRCA2 was sent for testing.",
    "ESR1 was checked on ctDNA.",
)
GRAMMAR_ROUND3_MORE = {
    "the hormone receptor of the resected tumor was positive": {"hormone_receptor": "positive"},
    "HER2 gene amplification was identified": {"her2": "positive"},
    "HER2 gene amplification was not detected": {"her2": "negative"},
    "negative for the estrogen and progesterone receptors, and HER2 gene amplification was "
    "identified": {"hormone_receptor": "negative", "her2": "positive"},
    "without staining for PD-L1": {"pdl1": "negative"},
    "no expression of ER or PR": {"hormone_receptor": "negative"},
    "loss of MSH6 protein expression": {"dmmr": True},
    "loss of MLH1/PMS2": {"dmmr": True},
    "MLH1 staining was not seen on immunohistochemical staining of her tumor tissue": {
        "dmmr": True
    },
    "MLH1 was not expressed": {"dmmr": True},
    "absent MSH2 staining": {"dmmr": True},
    "MSH6 protein expression was lost": {"dmmr": True},
}
AGES_IN_WORDS = {
    "Thirty-seven years old woman": 37,
    "A forty-five-year-old woman": 45,
    "a sixty-eight year old female": 68,
    "Fifty-nine-year-old woman": 59,
}
PRESENTATION_AGES = {  # the age the case is told at
    "This patient presented at age of 53.": 53,
    "She presented at the age of 45 with a breast lump.": 45,
    "A woman presenting at age 61 with bone pain.": 61,
}
EVENT_AGES = (
    "She was diagnosed at age 20.",
    "She experienced menopause at age 53.",
    "breast cancer at the age of 39",
)
# numbers after a receptor name that are no receptor score
NOT_RECEPTOR_SCORES = ("achieved a PR 3 months later", "PR 6 months after starting", "PR 2 cm")


def round3_marker_cases() -> Iterator[Case]:
    for p, (m, (m_hr, m_her2)), story in itertools.product(
        PRIMARY_STATEMENTS, METASTATIC_STATEMENTS.items(), RECEPTOR_STORIES
    ):
        yield Case(
            "receptor change over time",
            story.format(p=p, m=m),
            {"hormone_receptor": m_hr, "her2": m_her2},
        )
    for (phrase, fact), opening in itertools.product(
        TEST_RESULT_NEGATIONS.items(), ("", "62F ER+/HER2- MBC, bone mets. ", "TNBC, ")
    ):
        spec_negative = "negative" if fact == "pdl1" else False
        yield Case("test results read negative", opening + phrase + ".", {fact: spec_negative})
    for phrase, opening in itertools.product(NOT_KNOWN_TESTS, ("", "55F TNBC, lung mets. ")):
        yield Case(
            "test results read negative", opening + phrase + ".", {}, frozenset({"germline_brca"})
        )
    for (form, expect), frame in itertools.product(
        GRAMMAR_ROUND3.items(), ("{f} metastatic breast cancer", "62F, {f}, bone mets. Next?")
    ):
        yield Case("receptor grammar round 3", frame.format(f=form), dict(expect))
    for (word, status), form in itertools.product(
        MENOPAUSE_NEXT_TO_NOTATION.items(), GRAMMAR_ROUND3
    ):
        yield Case(
            "receptor grammar round 3",
            f"{word} {form} MBC",
            {"menopausal_status": status, **GRAMMAR_ROUND3[form]},
        )
    for phrase, opening in itertools.product(HEART_FAILURE_TRUE, HEART_OPENINGS):
        yield Case("heart failure", opening + phrase + ".", {"heart_failure": True})
    for text, opening in itertools.product(TESTED_GENES, ("", "60F ER+/HER2- MBC. ")):
        yield Case(
            "test results read negative",
            opening + text,
            {},
            frozenset({"germline_brca", "pik3ca", "esr1"}),
        )
    for (form, expect), frame in itertools.product(
        GRAMMAR_ROUND3_MORE.items(), ("{f}.", "58F, liver mets. {f}. Next?")
    ):
        yield Case("receptor grammar round 3", frame.format(f=form), dict(expect))
    for (text, age), tail in itertools.product(
        AGES_IN_WORDS.items(), (" with ER+/HER2- MBC.", ", HER2-positive, liver mets. Next?")
    ):
        yield Case("age in words", text + tail, {"age": age, "sex": "female"})
    for (text, age), tail in itertools.product(
        PRESENTATION_AGES.items(), ("", " ER+/HER2- MBC, liver mets.")
    ):
        yield Case("age in words", text + tail, {"age": age})
    for text in EVENT_AGES:
        yield Case("age in words", text, {}, frozenset({"age"}))
    for phrase in NOT_RECEPTOR_SCORES:
        yield Case("receptor grammar round 3", phrase, {}, frozenset({"hormone_receptor"}))


# -- round 3, fix phase: negation scope over gene lists, examples, result words, approvals ----
TRACKED_IN_LISTS = {  # gene as written in a list -> fact
    "ESR1": "esr1",
    "PIK3CA": "pik3ca",
    "AKT1": "akt1",
    "AKT": "akt1",
    "PTEN": "pten",
    "BRCA1/2": "germline_brca",
    "BRCA2": "germline_brca",
}
UNTRACKED_GENES = ("TP53", "GATA3", "ERBB2", "CDH1", "MAP3K1", "NF1")
LIST_NEGATION_CUES = (
    "no alterations in",
    "no mutations in",
    "no pathogenic variants in",
    "Molecular profile showed no alterations in",
    "NGS revealed no mutations in",
)
LIST_QUALIFIER_WORDS = ("", "pathogenic ", "germline ", "pathogenic germline ")
NEGATED_LIST_FORMS = (
    "{cue} {a}, {u}, or {q}{b} mutations",
    "{cue} {a}, {u} or {b}",
    "{cue} {a}, {u}, {u2} and {q}{b} mutations",
)
EXAMPLE_SOURCES = (
    "ctDNA showed",
    "Circulating tumor DNA showed",
    "NGS:",
    "Tumor NGS was negative for",
)
EXAMPLE_NOUNS = (
    "no actionable alterations",
    "no pathogenic variants",
    "no mutations",
    "no clinically relevant alterations",
)
EXAMPLE_WORDS = (", including", ", such as", " (e.g.", ", notably")
EXAMPLE_GENES = {
    "ESR1 mutation": ("esr1",),
    "PIK3CA": ("pik3ca",),
    "BRCA1/2": ("germline_brca",),
    "ESR1 or PIK3CA": ("esr1", "pik3ca"),
}
RESULT_WORDS = {  # a result word next to a marker's name: a negative result
    "undetectable PD-L1": {"pdl1": "negative"},
    "PD-L1 was undetectable": {"pdl1": "negative"},
    "PD-L1 expression undetectable": {"pdl1": "negative"},
    "no detectable PD-L1 expression": {"pdl1": "negative"},
    "PD-L1 not expressed": {"pdl1": "negative"},
    "ER undetectable, PR undetectable": {"hormone_receptor": "negative"},
    "no detectable germline BRCA mutation": {"germline_brca": False},
}
APPROVED_FOR = {  # the population an approval names -> (fact, the patient's own negative result)
    "PD-L1 positive": ("pdl1", "PD-L1 was undetectable", "negative"),
    "germline BRCA-mutated": ("germline_brca", "her germline testing was negative", False),
    "PIK3CA-mutated": ("pik3ca", "her tumour was PIK3CA wild-type", False),
    "ESR1-mutated": ("esr1", "ctDNA showed no ESR1 mutation", False),
}
APPROVALS = (
    "{d} was approved by the US FDA for patients with {f} metastatic breast cancer.",
    "In 2019 {d} received FDA approval for patients with {f} disease.",
    "{d} is approved for {f} advanced breast cancer.",
)
APPROVED_DRUGS = ("Atezolizumab", "Olaparib", "Alpelisib", "Elacestrant")
DRUG_TARGETS = (  # a gene named as a drug's target is no finding
    "She progressed on an AKT inhibitor.",
    "PI3K inhibitor therapy was discussed.",
    "She received a PIK3CA-targeted agent.",
    "Is there a role for AKT1 inhibition?",
)


def round3_scope_cases() -> Iterator[Case]:
    genes = list(TRACKED_IN_LISTS.items())
    pairs = [(a, b) for a, b in itertools.permutations(genes, 2) if a[1] != b[1]]
    for n, (form, cue, q, ((a, fa), (b, fb))) in enumerate(
        itertools.product(NEGATED_LIST_FORMS, LIST_NEGATION_CUES, LIST_QUALIFIER_WORDS, pairs)
    ):
        if n % 3:
            continue  # an evenly spaced third of the product
        u, u2 = UNTRACKED_GENES[n % 6], UNTRACKED_GENES[(n + 1) % 6]
        text = form.format(cue=cue, a=a, b=b, u=u, u2=u2, q=q) + "."
        yield Case("negated gene list", text, {fa: False, fb: False})
    for src, noun, word, (genes_text, facts) in itertools.product(
        EXAMPLE_SOURCES, EXAMPLE_NOUNS, EXAMPLE_WORDS, EXAMPLE_GENES.items()
    ):
        if src.endswith("negative for"):
            noun = noun.removeprefix("no ")
        close = ")" if word.endswith("e.g.") else ""
        text = f"{src} {noun}{word} {genes_text}{close}."
        yield Case("negated class with examples", text, dict.fromkeys(facts, False))
    for (phrase, expect), opening in itertools.product(
        RESULT_WORDS.items(), ("", "58F metastatic TNBC. ", "Biopsy of the liver lesion: ")
    ):
        yield Case("result words", opening + phrase + ".", dict(expect))
    for (finding, (fact, own, value)), frame, drug in itertools.product(
        APPROVED_FOR.items(), APPROVALS, APPROVED_DRUGS
    ):
        approval = frame.format(d=drug, f=finding)
        yield Case("an approval's population", approval, {}, frozenset({fact}))
        yield Case("an approval's population", f"{approval} In our patient {own}.", {fact: value})
    for text in DRUG_TARGETS:
        yield Case("a drug target is no finding", text, {}, frozenset({"pik3ca", "akt1"}))


# -- round 3, fix phase: receptor spellings and statement shapes --------------------------
HER2_SPELLINGS = ("HER-2", "Her 2 neu", "Her-2 neu", "HER-2/neu", "HER2 neu", "Her 2/neu", "HER2")
HER2_VALUES = {  # value -> (her2, her2_low)
    "+": ("positive", None),
    " 3+": ("positive", None),
    " overexpressing": ("positive", None),
    " positive": ("positive", None),
    " negative": ("negative", None),
    " 1+": ("negative", True),
}
HER2_FRAMES = (
    "a 51-year-old woman with {h}{v} breast cancer",
    "ER+, {h}{v}, bone mets. Next?",
    "ductal luminal B/{h}{v} carcinoma",
)
SEPARATE_RECEPTORS = (  # statements of different receptors in different sentences: one status
    "The estrogen receptor was {er}. The progesterone receptor was {pr}.",
    "The estrogen receptor, which was {er} at 90% expression. The progesterone receptor was {pr}.",
    "ER was {er}. Then PR came back {pr}.",
)
REPORT_VERBS = (  # "X and Y revealed negativity for both"
    (
        "Immunostaining for the estrogen receptor and progesterone receptor revealed negativity "
        "for both.",
        {"hormone_receptor": "negative"},
    ),
    (
        "Staining of the estrogen and progesterone receptors showed positivity.",
        {"hormone_receptor": "positive"},
    ),
    (
        "The estrogen receptor, which was positive, and HER2, which was negative.",
        {"hormone_receptor": "positive", "her2": "negative"},
    ),
)
MISTYPED_SIGNS = {  # a sign word mistyped -> the sign it was meant as
    "postitive": "positive",
    "postive": "positive",
    "positve": "positive",
    "negtive": "negative",
    "negaitve": "negative",
    "negatve": "negative",
}
MISTYPED_FRAMES = ("early-stage HER2-{w} breast cancer", "HER2 {w}, bone mets. Next?")
PRESENCE_FORMS = {
    "with respect to the presence of estrogenic receptors she accepted only endocrine therapy": "positive",
    "the presence of estrogen and progesterone receptors": "positive",
    "absence of estrogen and progesterone receptors": "negative",
    "absence of the hormone receptors": "negative",
}
ISOTOPES = (  # a radiotracer's isotope is no age or sex
    "[18F] FDG PET/CT showed uptake in L4.",
    "Fluorodeoxyglucose F 18 ([18F] FDG) PET/CT: bone uptake.",
    "18F FDG PET showed liver lesions.",
    "(18F)-fluoroestradiol PET was positive.",
    # round 14: a radionuclide's mass number after its element ("99m" read a 99-year-old man)
    "740 MBq of methylene diphosphonate tecnetium 99m ([Tc-99m] MDP) was injected.",
    "Whole-body bone scan with Tc-99m MDP showed uptake in the ribs.",
    "Technetium 99m sestamibi scan of the breast.",
    "A gallium-68 DOTATATE PET and an indium 111 scan.",
)


def round3_receptor_cases() -> Iterator[Case]:
    for h, (v, (her2, low)), frame in itertools.product(
        HER2_SPELLINGS, HER2_VALUES.items(), HER2_FRAMES
    ):
        expect: dict[str, Any] = {"her2": her2}
        if low is not None:
            expect["her2_low"] = low
        yield Case("HER2 spellings", frame.format(h=h, v=v), expect)
    for frame, er, pr in itertools.product(
        SEPARATE_RECEPTORS, ("positive", "negative"), ("positive", "negative")
    ):
        hr = "positive" if "positive" in (er, pr) else "negative"
        yield Case("receptors told apart", frame.format(er=er, pr=pr), {"hormone_receptor": hr})
    for (text, expect), opening in itertools.product(REPORT_VERBS, ("", "62F, liver mets. ")):
        yield Case("receptors told apart", opening + text, dict(expect))
    for (word, sign), frame in itertools.product(MISTYPED_SIGNS.items(), MISTYPED_FRAMES):
        yield Case("mistyped sign words", frame.format(w=word), {"her2": sign})
    for (text, hr), opening in itertools.product(
        PRESENCE_FORMS.items(), ("", "A 69-year-old woman; ")
    ):
        yield Case("receptors told apart", opening + text + ".", {"hormone_receptor": hr})
    for text, opening in itertools.product(ISOTOPES, ("", "ER+ HER2- MBC. ")):
        yield Case("isotope is no age", opening + text, {}, frozenset({"age", "sex"}))


# -- round 3, fix phase: the patient's sex ------------------------------------------------
SEX_ORGANS = {  # an organ of one sex only -> that sex (an inference)
    "uterine cervix": "female",
    "uterus": "female",
    "ovary": "female",
    "left adnexa": "female",
    "labia majora": "female",
    "endometrium": "female",
    "prostate": "male",
}
ORGAN_CASES = (
    "This case report describes a 57-year-old patient with lobular carcinoma metastatic to the "
    "{o}, more than 3 years after the end of the left breast cancer treatment.",
    "We report a rare case of recurrent lobular breast cancer presenting as a single mass of the "
    "{o} with ascites, years after mastectomy and adjuvant chemotherapy.",
)
POPULATION_FRAMES = (  # populations named, then the patient: the patient's sex
    "Given the improved outcomes in female patients with aromatase inhibitors, these drugs "
    "have become a tool for male patients. Here we report a case of {p} with metastatic breast "
    "cancer treated with letrozole.",
    "Aromatase inhibitors are active in women and the data in male patients are scant. We "
    "describe {p} with bone metastases who responded to anastrozole.",
)
PATIENTS = {
    "a male patient": "male",
    "a man": "male",
    "a woman": "female",
    "a 60-year-old female": "female",
}
SERIES = (  # a case series of women
    "We present two women with metastatic TNBC treated with sacituzumab govitecan.",
    "Three heavily pretreated women with HER2-low metastatic breast cancer received T-DXd.",
    "Both women had ER+ HER2- disease with bone metastases.",
)


def round3_sex_cases() -> Iterator[Case]:
    for (organ, sex), frame in itertools.product(SEX_ORGANS.items(), ORGAN_CASES):
        yield Case(
            "sex from anatomy", frame.format(o=organ), {"sex": sex}, inferred=frozenset({"sex"})
        )
    for (patient, sex), frame in itertools.product(PATIENTS.items(), POPULATION_FRAMES):
        yield Case("a population's sex is not the patient's", frame.format(p=patient), {"sex": sex})
    for text in SERIES:
        yield Case("a population's sex is not the patient's", text, {"sex": "female"})


# -- a variant of uncertain significance is no mutation (kept unknown, asked) ---------------
VUS_FORMS = (
    "germline testing showed a VUS in {g}",
    "{g} variant of uncertain significance",
    "a variant of unknown significance in {g}",
    "germline {g} VUS",
    "{g} c.1234A>G (VUS)",
    "a {g} variant of undetermined significance",
    "genetic testing revealed a {g} mutation of uncertain significance",
)
VUS_GENES = ("BRCA1", "BRCA2", "BRCA1/2")


def vus_cases() -> Iterator[Case]:
    for form, gene, opening in itertools.product(
        VUS_FORMS, VUS_GENES, ("", "55F TNBC, PD-L1 negative, lung mets, ")
    ):
        yield Case(
            "a VUS is no mutation",
            opening + form.format(g=gene) + ".",
            {},
            frozenset({"germline_brca"}),
        )


# -- HER2-directed treatment told as given: HER2-positive, an inference --------------------
HER2_THERAPY_GIVEN = (
    "This woman had three lines of anti-HER2 therapy and then eribulin.",
    "She was treated with aggressive HER2-directed chemotherapy and hepatic metastasectomy.",
    "After 1 year of paclitaxel in combination with anti-HER2 therapy, liver metastases resolved.",
    "Bone and liver mets after sequential HER2-targeted agents.",
)
HER2_THERAPY_NOT_GIVEN = (  # a question, a plan, or a stated HER2 status wins
    "When to consider clinical resistance to anti-HER2 therapy?",
    "Neoadjuvant chemotherapy and HER-2 directed therapy was discussed by the oncologist.",
    "Is she a candidate for anti-HER2 therapy?",
)


def her2_therapy_cases() -> Iterator[Case]:
    for text in HER2_THERAPY_GIVEN:
        yield Case(
            "HER2 from HER2-directed therapy",
            text,
            {"her2": "positive"},
            inferred=frozenset({"her2"}),
        )
    for text in HER2_THERAPY_NOT_GIVEN:
        yield Case("HER2 from HER2-directed therapy", text, {}, frozenset({"her2"}))
    for text in (
        "HER2-low MBC, after anti-HER2 therapy with T-DXd.",
        "TNBC; she received anti-HER2 therapy.",
    ):
        yield Case("HER2 from HER2-directed therapy", text, {"her2": "negative"})


# Round 4: the metastatic event told in the forms of a report or a case report, and what
# it tells after (the 0 lines at the event is an inference; never with a line given).
EVENT_FINDINGS = (
    "Innumerable metastatic liver lesions.",
    "Multiple metastatic bone lesions.",
    "Several metastatic lung nodules.",
    "CT showed multiple hepatic focal lesions suggesting hepatic metastases.",
    "Bone scan: small bony lesions suggestive of bony metastases.",
    "We present a case of a 61-year-old woman with metastatic breast cancer in the liver.",
    "Here we report a case of triple-negative breast cancer with cardiac metastasis.",
    "We describe a case of breast cancer with metastases to the stomach.",
    "Diagnosis: multifocal metastatic disease from breast cancer.",
    "We revised the diagnosis to gastric metastasis from the breast cancer.",
    "She presented with carcinomatous pleuritis and dyspnea.",
    "Peritoneal carcinomatosis was found at laparoscopy.",
    "She had a pleural effusion, which was confirmed to be malignant on cytology.",
    "CT showed malignant ascites.",
)
EVENT_OPENINGS = ("", "Left breast mass, ER+ HER2-. ")
JUST_BEGUN_UNNAMED = (
    "Medical treatment was initiated.",
    "Systemic treatment was started.",
    "Further diagnostics confirmed the diagnosis and treatment was commenced.",
)
# told after the event, each tells a line given (or failing): never the inferred 0
LINE_GIVEN_AFTER = (
    "She received treatment and then progressed.",
    "Treatment was initiated and given for 6 cycles.",
    "She was started on capecitabine, which she continued for 18 cycles.",
    "She was treated with paclitaxel for 6 cycles.",
    "She progressed on letrozole.",
    "She had received chemotherapy and tamoxifen.",
)
# before the event in its sentence: lines given before it
PRETREATED_OPENINGS = (
    "We present a case of a heavily pretreated woman with metastatic breast cancer.",
    "We present a case of a previously treated patient with metastatic breast cancer.",
    "A heavily pre-treated patient was found to have liver metastases.",
    "We report a case of endocrine-refractory metastatic breast cancer.",
    "Malignant pleural effusion, progressing on letrozole.",
    "No malignant effusion. ER+ HER2- breast cancer on letrozole.",
)
EARLY_TOLD_BACK = (
    "She had undergone mastectomy, chemotherapy and tamoxifen 10 years prior.",
    "She had been treated with wide local excision, four cycles of docetaxel and "
    "cyclophosphamide, adjuvant radiotherapy and five years of exemestane.",
    "She had undergone surgery, radiation, and chemotherapy for breast cancer 16 years prior.",
)


POSSESSIVE_LINES = (
    ("My disease progressed on my {o} line of treatment.", "my"),
    ("I progressed on my {o} line (letrozole and palbociclib).", "my"),
    ("Your cancer progressed on your {o} line of therapy.", "your"),
    ("She progressed on her {o} line of treatment.", "her"),
    ("Our patient progressed on their {o} line of therapy.", "their"),
)
ORDINAL_COUNTS = (("first", 1), ("second", 2), ("third", 3))


def round4_event_cases() -> Iterator[Case]:
    zero = {"prior_lines": 0}
    lines = frozenset({"prior_lines"})
    for opening, finding in itertools.product(EVENT_OPENINGS, EVENT_FINDINGS):
        yield Case("event told as a finding", opening + finding, zero, inferred=lines)
        for begun in JUST_BEGUN_UNNAMED:
            yield Case(
                "treatment just begun at the event",
                f"{opening}{finding} {begun}",
                zero,
                inferred=lines,
            )
        for given in LINE_GIVEN_AFTER:
            text = f"{opening}{finding} {given}"
            yield Case("a line given after the event is no 0", text, {}, lines)
    for text in PRETREATED_OPENINGS:
        yield Case("a line given after the event is no 0", text, {}, lines)
    for (template, _), (ordinal, count) in itertools.product(POSSESSIVE_LINES, ORDINAL_COUNTS):
        yield Case(
            "a line told with a possessive", template.format(o=ordinal), {"prior_lines": count}
        )
    for finding, back in itertools.product(EVENT_FINDINGS[:5], EARLY_TOLD_BACK):
        yield Case("early-disease therapy told back", f"{finding} {back}", zero, inferred=lines)


# -- round 4 fix phase (markers) ----------------------------------------------------------
# A verb before "negative for" keeps the forward reading: "her test results were negative for
# germline mutations of BRCA1 and BRCA2" (r4-0017's class: "were negative" read backward only).
VERB_NEGATIVE_FOR = (
    "her test results were negative for {x}",
    "germline testing was negative for {x}",
    "genetic testing came back negative for {x}",
    "she tested negative for {x}",
    "the panel returned negative for {x}",
    "NGS was also negative for {x}",
    "her germline panel is negative for {x}",
    "both tests were negative for {x}",
    "results proved negative for {x}",
)
VERB_NEGATED = {  # finding -> fact
    "germline mutations of BRCA1 and BRCA2": "germline_brca",
    "BRCA1/2 mutations": "germline_brca",
    "pathogenic variants in BRCA1 or BRCA2": "germline_brca",
    "a deleterious BRCA2 mutation": "germline_brca",
    "germline BRCA1 and BRCA2 mutations": "germline_brca",
    "mutations in BRCA1, BRCA2 and PALB2": "germline_brca",
    "a PIK3CA mutation": "pik3ca",
    "ESR1 mutations": "esr1",
    "brain metastases": "brain_metastases",
}
VERB_OPENINGS = (
    "{n}.",
    "62F ER+/HER2- MBC, bone mets. {n}.",
    "Her family history was negative for breast and ovarian cancer and {n}.",
)
RECEPTOR_GRAMMAR_ROUND4 = {  # text -> expected facts
    # the "2" of HER2 after the bracketed abbreviation
    "estrogen receptor (ER)-positive human epidermal growth factor receptor (HER)-2-negative": {
        "hormone_receptor": "positive",
        "her2": "negative",
    },
    "human epidermal growth factor receptor (HER)-2 positive": {"her2": "positive"},
    # a suspended hyphen after a spelled-out name: both names take the value
    "human epidermal growth factor receptor 2- and hormone receptor-positive": {
        "her2": "positive",
        "hormone_receptor": "positive",
    },
    "estrogen receptor- and progesterone receptor-negative, HER2-positive": {
        "hormone_receptor": "negative",
        "her2": "positive",
    },
    # the value before a receptor name that carries its own noun, or before the tumour
    "lobular carcinoma with positive hormone receptors": {"hormone_receptor": "positive"},
    "with positive estrogen receptors": {"hormone_receptor": "positive"},
    "a negative HER2Neu myxoid breast carcinoma": {"her2": "negative"},
    "a negative HER2 ductal carcinoma": {"her2": "negative"},
    "previously negative HER2 now positive disease, HER2 3+": {"her2": "positive"},
    # "RP": the progesterone receptor in French/Spanish/Italian reports; "RE" their ER
    # (round 16), read only before its sign or a bracketed percentage
    "ER/RP +, HER2-": {"hormone_receptor": "positive", "her2": "negative"},
    "ER-/RP+ HER2-": {"hormone_receptor": "positive", "her2": "negative"},
    "RE- RP- HER2 3+": {"her2": "positive", "hormone_receptor": "negative"},
    "RE (90%), RP (60%), HER2 1+": {"hormone_receptor": "positive", "her2": "negative"},
    # a noun value takes "of"
    "intense positivity of estrogen receptors": {"hormone_receptor": "positive"},
    "negativity of ER and PR, HER2 3+": {"hormone_receptor": "negative", "her2": "positive"},
    # a staining panel lists lineage markers among the receptors, the value after them all;
    # a comma list closed by "and" with or without a comma before it
    "estrogen receptor, cytokeratin 7, and GATA 3 positivity": {"hormone_receptor": "positive"},
    "ER, PR, CK7 and GATA3 positive, HER2 negative": {
        "hormone_receptor": "positive",
        "her2": "negative",
    },
    "ER negative, CK7 and GATA3 positive, HER2 3+": {
        "hormone_receptor": "negative",
        "her2": "positive",
    },
    "HER2, ER and PR negative": {"hormone_receptor": "negative", "her2": "negative"},
    # the IHC score after a negative HER2 sign settles HER2-low
    "HER2 was negative, 1+ by IHC": {"her2": "negative", "her2_low": True},
    "HER2 negative (1+)": {"her2": "negative", "her2_low": True},
    "HER2 negative (0)": {"her2": "negative", "her2_low": False},
    "HER2 neg, IHC 1+": {"her2": "negative", "her2_low": True},
}
RECEPTOR_FRAMES_ROUND4 = ("{f}.", "A 62-year-old woman, {f}, liver mets. Next?")
HER2_THERAPY_SPELLED = (
    "She received dual anti-human epidermal growth factor receptor-2 (HER-2) therapy.",
    "initial dual anti-human epidermal growth factor receptor 2 (HER2) therapy and chemotherapy",
    "after human epidermal growth factor receptor 2-directed therapy",
)
AGES_ROUND4 = {  # text -> age
    "Breast cancer metastasis to scalp bone and ovary 35yrs female, FH negative": 35,
    "We report the case of an 84-yearold female patient with dyspepsia": 84,
    "a 45-yearsold woman with liver mets": 45,
    "A 45-year-old single mother of three teenaged boys has metastatic breast cancer.": 45,
    "a 52-year-old mother of two with ER+ MBC": 52,
    "Bone metastases after 12 years of letrozole; she is 61 years old female": 61,
}
NOT_AGES_ROUND4 = (  # a duration stays a duration; a relative's age stays theirs
    "ER+ HER2- MBC with bone mets, relapsed after 25 years female hormones being stopped",
    "ER+ HER2- MBC. Her mother of 70 had breast cancer.",
)
TMB_SPELLED = {
    "tumor mutational burden of 47.61": True,
    "tumour mutational burden (TMB): 4 mut/Mb": False,
    "Tumor mutational burden was 12 mutations per megabase": True,
    "tumor mutation burden of 3": False,
}
OVARIES_REMOVED = (
    "Both ovaries were then removed without significant effect.",
    "her ovaries were surgically removed in 2019",
    "removal of both ovaries",
    "after resection of the ovaries",
)
OVARIES_NOT_REMOVED = ("Her ovaries were not removed.", "Ovaries have not been removed.")


def round4_marker_cases() -> Iterator[Case]:
    for (finding, fact), template, opening in itertools.product(
        VERB_NEGATED.items(), VERB_NEGATIVE_FOR, VERB_OPENINGS
    ):
        text = opening.format(n=template.format(x=finding))
        yield Case("a verb before negative for", text, {fact: False})
    for (form, expect), frame in itertools.product(
        RECEPTOR_GRAMMAR_ROUND4.items(), RECEPTOR_FRAMES_ROUND4
    ):
        yield Case("receptor grammar round 4", frame.format(f=form), dict(expect))
    for text in HER2_THERAPY_SPELLED:
        yield Case(
            "HER2 from HER2-directed therapy",
            text,
            {"her2": "positive"},
            inferred=frozenset({"her2"}),
        )
    for text, age in AGES_ROUND4.items():
        yield Case("ages as typed", text, {"age": age})
    for text in NOT_AGES_ROUND4:
        yield Case("ages as typed", text, {}, frozenset({"age"}))
    for text, high in TMB_SPELLED.items():
        yield Case("TMB spelled out", f"62F TNBC, lung mets; {text}.", {"tmb_high": high})
    for text, opening in itertools.product(OVARIES_REMOVED, ("", "45F ER+ HER2- MBC. ")):
        yield Case("ovaries removed", opening + text, {"ovarian_ablation": True})
    for text in OVARIES_NOT_REMOVED:
        yield Case(
            "ovaries removed", "45F ER+ HER2- MBC. " + text, {}, frozenset({"ovarian_ablation"})
        )
    yield Case(
        "ovaries removed",
        "45F ER+ HER2- MBC. No removal of the ovaries.",
        {"ovarian_ablation": False},
    )


# -- round 5: site classes (issue 10, fresh wording, none of it from the corpus) ------------
# organ words by organ, each told with a metastasis head before or after it
ORGAN_VOCABULARY_R5 = {
    "right atrium": "heart",
    "left ventricle": "heart",
    "interventricular septum": "heart",
    "orbital floor": "orbit",
    "orbital apex": "orbit",
    "lacrimal gland": "lacrimal gland",  # round 10: its own site (ICD-O-3 C69.5)
    "ciliary body": "eye",
    "conjunctiva": "eye",
    "gastric antrum": "stomach",
    "gastric fundus": "stomach",
    "bladder dome": "bladder",
    "trigone": "bladder",
    "renal parenchyma": "kidney",
    "thyroid lobe": "thyroid",
    "mesentery": "peritoneum",
    "pouch of Douglas": "peritoneum",
    "iliac crest": "bone",
    "pubic ramus": "bone",
    "tibia": "bone",
    "T-spine": "bone",
    "sphenoid wing": "bone",
    "internal mammary chain": "lymph nodes",
    "hilum": "lymph nodes",
    "hila": "lymph nodes",
}
ORGAN_HEADS_R5 = (
    "metastasis to the {o}",
    "a metastatic deposit in the {o}",
    "new lesions in the upper {o}",
    "a tumour in the {o}",
    "nodules seen along the {o}",
    "{o} metastases",
)
# an organ implied by a procedure done there, confirmed as the breast cancer's
PROCEDURES_R5 = {
    "cystoscopy": ["bladder"],
    "thoracocentesis": ["pleura"],
    "paracentesis": ["peritoneum"],
    "pericardiocentesis": ["pericardium"],
    "a lumbar puncture": ["meninges"],
    "a hemicolectomy": ["colon"],
    "gastroscopy": ["stomach"],
    "a splenectomy": ["spleen"],
    "a hemithyroidectomy": ["thyroid"],
    "a bone marrow trephine": ["bone marrow"],
}
PROCEDURE_CONFIRMED_R5 = (
    "She underwent {p}; histology showed metastatic carcinoma of breast origin.",
    "{P} was performed. The specimen contained adenocarcinoma in keeping with a breast primary.",
    "After {p}, pathology was compatible with metastatic lobular breast cancer.",
)
PROCEDURE_NOT_CONFIRMED_R5 = (
    "She underwent {p}; no malignant cells were seen.",
    "{P} is planned next week.",
    "{P} was performed. The specimen was benign.",
    "{P} in 2009 for a benign condition. Liver biopsy now shows metastatic breast cancer.",
)
# a site abbreviation read only where the text settles it
ABBREVIATIONS_R5 = (
    ("HER2+ MBC with LM, now on intrathecal trastuzumab", ["meninges"]),
    ("leptomeningeal metastases (LM) on MRI; LM confirmed on CSF", ["meninges"]),
    ("pancytopenia; trephine shows BMC", ["bone marrow"]),
    ("recurrence as CeC over the chest wall", ["skin", "chest wall"]),
)
ABBREVIATIONS_UNSETTLED_R5 = (
    "liver metastases (LM) were excluded; LM negative",
    "BMC measured by densitometry",
    "LM was seen",
)
# a scan named after its organ names the site only when it is told positive
ORGAN_SCANS_NEGATIVE_R5 = (
    "A whole-body bone scan showed no metastatic disease",
    "Bone scintigraphy: unremarkable",
    "Skeletal scintigraphy was negative",
    "CT thorax/abdomen/pelvis and bone scan clear",
    "The isotope bone scan did not show any lesions",
    "Bone scan revealed degenerative change only, no metastases",
)
ORGAN_SCANS_POSITIVE_R5 = (
    "Bone scan positive at multiple sites",
    "A positive bone scan",
    "Bone scintigraphy revealed widespread uptake in the spine and ribs",
    "The bone scan demonstrated multiple deposits",
)
# brain metastases treated within a list of treatments are not active
BRAIN_LIST_TREATED_R5 = (
    "Brain-only metastatic disease, treated with goserelin, letrozole, SRS and resection",
    "Isolated brain relapse managed with surgery, fulvestrant and whole brain radiotherapy",
    "Brain metastases, which have been treated with capecitabine, tucatinib, and gamma knife",
)
# the serous linings in a patient's words
LAY_SITES_R5 = (
    ("the cancer has spread to the lining of her lungs", ["pleura"]),
    ("they drained fluid around her heart", ["pericardium"]),
    ("she keeps getting fluid in her belly", ["peritoneum"]),
    ("it is now in the lining of her brain", ["meninges"]),
    ("the scan showed spots on her spleen and adrenal", ["spleen", "adrenal"]),
)


# a finding given a benign explanation, or organs told clear after their list: no site
SITES_EXPLAINED_R5 = (
    "a 9 mm hepatic lesion, most likely a simple cyst",
    "pulmonary nodules, felt to represent granulomas",
    "a right adrenal nodule, presumed adenoma",
    "a sclerotic focus in the sternum, thought to be a bone island",
    "a splenic lesion, probably a haemangioma",
    "spleen and adrenals normal",
    "liver and lungs clear",
    "Liver: clear. Lungs: clear",
)
# a brain scan told negative by its verb: brain metastases false
BRAIN_SCAN_NEGATIVE_R5 = (
    "Cranial MRI demonstrated no intracranial metastases",
    "A gadolinium-enhanced MRI of the brain did not show any metastatic lesions",
    "Head CT without evidence of metastatic disease",
    "Neuro imaging negative",
    "MRI of the head came back normal",
    "Brain MR showed no enhancing lesions",
)
# a brain metastasis removed, told by the verb
BRAIN_REMOVED_R5 = (
    "A solitary occipital lobe metastasis was excised",
    "The cerebellar metastasis was surgically removed last year",
    "Her two brain metastases were removed and the cavities irradiated",
)


# an organ finding (a state, or a finding before its organ) confirmed in a report line or
# a later sentence; not confirmed, or confirmed at another organ, it names nothing
ORGAN_FINDINGS_R5 = {
    "an enlarged left ovary": "ovary",
    "a stricture in the terminal ileum": "small bowel",
    "thickened gastric folds": "stomach",
    "a polyp in the sigmoid colon": "colon",
    "an ulcer in the gastric antrum": "stomach",
    "a nodule along the diaphragm": "diaphragm",
}
FINDING_CONFIRMED_R5 = (
    "{F} was noted. Histology: metastatic lobular carcinoma.",
    "{F} was found; biopsy revealed adenocarcinoma of breast origin.",
    "{F} was seen. She was admitted. The resected specimen was consistent with metastatic "
    "breast cancer.",
)
FINDING_NOT_CONFIRMED_R5 = (
    "{F} was noted. Histology: benign.",
    "{F} was noted. Liver biopsy: metastatic breast cancer.",
    "{F} was noted on a routine scan.",
)


# a treated brain metastasis told in the singular or with another brain word: not active;
# an activity noun governing it ("enlargement of the previously irradiated …"): active
BRAIN_TREATED_SINGULAR_R5 = (
    "Radiation necrosis at the site of a previously treated brain metastasis",
    "A previously resected cerebral metastasis, no recurrence",
    "One irradiated intracranial metastasis, unchanged",
)
BRAIN_GOVERNED_ACTIVE_R5 = (
    "MRI showed enlargement of the previously irradiated brain metastasis",
    "Growth of the treated brain lesions on the last MRI",
    "Progression of previously treated cerebral metastases",
)


def round5_site_cases() -> Iterator[Case]:
    for phrase, opening in itertools.product(BRAIN_TREATED_SINGULAR_R5, SITE_OPENINGS):
        yield Case(
            "brain treatment told as done",
            opening + phrase + ".",
            {"metastatic_sites": ["brain"], "brain_metastases": False},
        )
    for phrase, opening in itertools.product(BRAIN_GOVERNED_ACTIVE_R5, SITE_OPENINGS):
        yield Case(
            "brain metastases",
            opening + phrase + ".",
            {"metastatic_sites": ["brain"], "brain_metastases": True},
        )
    for (finding, site), template in itertools.product(
        ORGAN_FINDINGS_R5.items(), FINDING_CONFIRMED_R5
    ):
        text = template.format(F=finding[0].upper() + finding[1:])
        yield Case("site told across sentences", text, {"metastatic_sites": [site]})
    for finding, template in itertools.product(ORGAN_FINDINGS_R5, FINDING_NOT_CONFIRMED_R5):
        text = template.format(F=finding[0].upper() + finding[1:])
        found = ["liver"] if "Liver" in text else None
        yield Case("site told across sentences", text, {"metastatic_sites": found})
    for phrase, opening in itertools.product(SITES_EXPLAINED_R5, ("", "ER+ HER2- IDC, staging: ")):
        yield Case(
            "site denied or explained away",
            opening + phrase + ".",
            {},
            frozenset({"metastatic_sites", "brain_metastases"}),
        )
    for phrase, opening in itertools.product(BRAIN_SCAN_NEGATIVE_R5, SITE_OPENINGS):
        text = opening + phrase + "."
        yield Case("brain scan told negative", text, {"brain_metastases": False})
    for phrase, opening in itertools.product(BRAIN_REMOVED_R5, ("", "ER- HER2+ MBC. ")):
        yield Case(
            "brain treatment told as done",
            opening + phrase + ".",
            {"metastatic_sites": ["brain"], "brain_metastases": False},
        )
    for (organ, site), template, opening in itertools.product(
        ORGAN_VOCABULARY_R5.items(), ORGAN_HEADS_R5, ("ER+ HER2- MBC with ", "")
    ):
        text = opening + template.format(o=organ) + "."
        yield Case("organ vocabulary round 5", text, {"metastatic_sites": [site]})
    for (procedure, sites), template, opening in itertools.product(
        PROCEDURES_R5.items(), PROCEDURE_CONFIRMED_R5, ("", "ER+ HER2- breast cancer. ")
    ):
        text = opening + template.format(p=procedure, P=procedure[0].upper() + procedure[1:])
        brain = {"brain_metastases": True} if "brain" in sites else {}
        yield Case("organ implied by a procedure", text, {"metastatic_sites": sites, **brain})
    for procedure, template in itertools.product(PROCEDURES_R5, PROCEDURE_NOT_CONFIRMED_R5):
        text = template.format(p=procedure, P=procedure[0].upper() + procedure[1:])
        found = ["liver"] if "Liver" in text else None
        yield Case(
            "organ implied by a procedure",
            text,
            {"metastatic_sites": found},
            frozenset({"brain_metastases"}),
        )
    for (phrase, sites), opening in itertools.product(ABBREVIATIONS_R5, SITE_OPENINGS):
        yield Case(
            "site abbreviations settled by the text",
            opening + phrase + ".",
            {"metastatic_sites": sites},
        )
    for phrase, opening in itertools.product(ABBREVIATIONS_UNSETTLED_R5, SITE_OPENINGS):
        yield Case(
            "site abbreviations settled by the text",
            opening + phrase + ".",
            {},
            frozenset({"metastatic_sites", "brain_metastases"}),
        )
    for phrase, opening in itertools.product(ORGAN_SCANS_NEGATIVE_R5, ("", "ER+ HER2- IDC. ")):
        yield Case(
            "organ-named scan read by its result",
            opening + phrase + ".",
            {},
            frozenset({"metastatic_sites"}),
        )
    for phrase, opening in itertools.product(ORGAN_SCANS_POSITIVE_R5, ("", "ER+ HER2- IDC. ")):
        yield Case(
            "organ-named scan read by its result",
            opening + phrase + ".",
            {"metastatic_sites": ["bone"]},
        )
    for phrase, opening in itertools.product(BRAIN_LIST_TREATED_R5, SITE_OPENINGS):
        yield Case(
            "brain treatment told as done",
            opening + phrase + ".",
            {"metastatic_sites": ["brain"], "brain_metastases": False},
        )
    for (phrase, sites), opening in itertools.product(LAY_SITES_R5, ("", "My mum has MBC and ")):
        brain = {"brain_metastases": True} if "brain" in sites else {}
        yield Case(
            "sites in a patient's words",
            opening + phrase + ".",
            {"metastatic_sites": sites, **brain},
        )


# -- round 5 fix phase (history) ------------------------------------------------------------
# The metastatic event told in the other words of case reports: every form of a report's
# verbs, a finding told through what it causes, spread named without "metastasis", an organ
# taken over by the breast cancer, the UK "secondaries", and the terse English of Japanese
# and Chinese reports. Each is the first-line setting: 0 lines and 0 chemotherapy lines,
# both inferred.
EVENT_WORDINGS = (
    "PET/CT depicts three hypermetabolic liver metastases.",
    "An MRI of the head visualised two cerebellar metastases.",
    "Multiple pulmonary metastases emerged on follow-up imaging.",
    "Liver metastases appeared on a routine ultrasound.",
    "She complained of back pain caused by vertebral metastases.",
    "Confusion due to multiple brain metastases led to her admission.",
    "Headache owing to a cerebellar metastasis brought her to clinic.",
    "Dyspnoea secondary to lymphangitis carcinomatosa developed in 2023.",
    "Skin biopsy of the chest wall nodules: cancer en cuirasse.",
    "A liver biopsy showed diffuse infiltration by ductal breast carcinoma.",
    "Bone marrow trephine revealed extensive replacement by carcinoma cells.",
    "Peritoneal seeding from lobular breast cancer was disclosed at laparoscopy.",
    "Staging identified secondary deposits in the liver and spine.",
    "Bone secondaries were noted on the isotope scan.",
    "Bone scintigraphy indicated multiple bone metastasis.",
    "CT examination found multiple liver metastasis, considered from breast.",
    "PET-CT notes several FDG-avid lung metastases.",
    "Postoperative 5 years, multiple liver metastasis was pointed out by CT.",
    "After operation 3 years, bone metastasis was recognized on bone scintigraphy.",
    "She re-presented with dyspnoea; a pleural tap confirmed malignant cells of breast origin.",
    "Cytology of the ascitic fluid showed adenocarcinoma consistent with a breast primary.",
)
# early-disease treatment told without "adjuvant": a sentence carrying on the treatment of
# the one before it, a disease-free interval after a therapy ended, the primary progressing
# on neoadjuvant therapy
EARLY_CARRIED_ON = (
    "She underwent lumpectomy and radiotherapy. She additionally received six cycles of FEC. ",
    "Mastectomy in 2015. Thereafter she took tamoxifen for 5 years. ",
    "Post-operatively she was given anastrozole. She also had four cycles of docetaxel. ",
    "Two years after finishing letrozole, she was well. ",
    "Her tumour grew on neoadjuvant AC, so an early mastectomy was done. ",
    "Disease progression during preoperative paclitaxel led to surgery. ",
)
# told after the event: the first treatment is only being chosen
CHOOSING_NOW = (
    " She comes today for discussion of systemic therapy.",
    " The tumour board met for the selection of first treatment.",
    " Choosing a regimen is the question.",
)
# no event told, metastatic disease named and one regimen for it told going on or
# responding: the first line, not given yet (0, inferred)
ONGOING_NO_EVENT = (
    "HER2+ MBC to liver and lungs. She is currently receiving trastuzumab and pertuzumab "
    "with a partial response.",
    "Metastatic lobular cancer in the bones; she remains on letrozole and ribociclib, stable.",
    "ER+ metastatic breast cancer with nodal disease, now on fulvestrant, responding well.",
    "Stage IV TNBC; the liver lesions shrank on capecitabine, which she continues.",
    "Metastatic TNBC that has spread to the liver; she is currently receiving paclitaxel "
    "with a partial response.",
)
# … and the count is not 0: a progression-free survival told (it ended), a new lesion, a
# second regimen, metastatic disease denied, an early treatment told back
ONGOING_NOT_ZERO = (
    "ER+ MBC, on letrozole and ribociclib with a PFS of 22 months. Next?",
    "ER+ MBC, currently on fulvestrant, with new liver lesions.",
    "MBC, now on capecitabine; she previously received paclitaxel.",
    "History of breast cancer treated with tamoxifen, now with a lung nodule. No evidence of "
    "metastatic disease.",
    "Metastatic TNBC: she remains on carboplatin and gemcitabine; switched from paclitaxel.",
    # a sign of progression before the regimen: a line before it, maybe ("spread" is not)
    "Metastatic disease, enlarging liver lesions; now on capecitabine, stable.",
    "ER+ MBC progressed. Now on capecitabine, stable.",
)
# a line counted at the event: its chemotherapy lines come from its drugs (inferred)
CHEMO_AT_EVENT = (
    (" She was started on letrozole and palbociclib.", 0, 0),
    (" Paclitaxel was given, but the disease progressed.", 1, 1),
    (
        " Letrozole was initiated; after 14 months, CT showed enlargement of the liver lesions.",
        1,
        0,
    ),
)

# metastatic disease named, then the one regimen given for it told in the present perfect or
# the present ("has been on", "has been taking", "has been receiving") and failing: 1 line,
# inferred; its chemotherapy lines from its drugs
PERFECT_OPENINGS = (
    "A 60-year-old woman with metastatic ER+ breast cancer",
    "This 55-year-old with metastatic HR+ disease",
    "Our patient, who has metastatic lobular cancer,",
)
PERFECT_REGIMENS = {  # text -> (generics, chemotherapy lines)
    "anastrozole and ribociclib": (["anastrozole", "ribociclib"], 0),
    "fulvestrant": (["fulvestrant"], 0),
    "letrozole plus abemaciclib": (["letrozole", "abemaciclib"], 0),
    "capecitabine": (["capecitabine"], 1),
}
PERFECT_FAILING = (
    "has been on {r} for 18 months and has developed new liver metastases.",
    "has been taking {r} for a year; restaging shows progression in the bones.",
    "has been receiving {r} since 2022, and a CT now demonstrates enlarging lung nodules.",
)
# every line counted has its regimen told: the chemotherapy lines are those regimens'
LINES_ALL_NAMED = (
    ("She progressed on her first line of treatment, anastrozole plus abemaciclib.", 1, 0),
    ("Disease progression on first-line paclitaxel and bevacizumab.", 1, 1),
    ("PD on 2nd line capecitabine; 1st line was letrozole + ribociclib.", 2, 1),
    ("PD on 2nd line eribulin; 1st line was paclitaxel.", 2, 2),
)

# progression told in case reports' other words after the one regimen since the event: a
# size grown ("increased in size", "an increase in the number of", "regrew"), "failure of",
# "PD was confirmed", "until disease progression": 1 line, that regimen failing
EVENTS_FOR_FAILURE = (*METASTATIC_EVENTS[:4], "Liver metastases were diagnosed in 2021.")
FAILURE_REGIMENS = {
    "letrozole and palbociclib": ["letrozole", "palbociclib"],
    "capecitabine": ["capecitabine"],
    "fulvestrant plus abemaciclib": ["fulvestrant", "abemaciclib"],
}
FAILURE_WORDINGS = (
    " She was treated with {r}. After 14 months the bone lesions enlarged.",
    " {R} was given; after 4 courses, CT revealed enlargement of the hepatic lesions.",
    " {R} was started; after 6 cycles the liver lesions increased in size.",
    " Subsequently received {r}, with disease progression after 5 months.",
    " She was then treated with {r}, and PD was confirmed 8 months later.",
    " Given {r}, but the lesions progressed.",
    " {R} was effective at first, then the tumour regrew.",
    " {R} was used for 2 years until disease progression.",
    " She was placed on {r}; restaging showed an increase in the number of liver lesions.",
    " Then we performed {r} therapy. However, the metastasis became larger after 3 courses.",
    " {R} was given for half a year and then resistance developed.",
)
# the first regimen since the event failing, the next begun or given now: 1 line given
FAILED_THEN_BEGUN = (
    " She received {a}, which failed after 4 months; {b} was started.",
    " {A} failed after 10 months, and {b} was then initiated.",
    " {A} (PD), now {b}.",
    " {A}, then progression; she is currently on {b}.",
)

# drugs joined by "together with", "accompanied by", "associated with", "concomitant with":
# one regimen, begun (0, inferred) or failing (1)
JOINED_REGIMENS = {
    "letrozole, together with ribociclib": ["letrozole", "ribociclib"],
    "fulvestrant, accompanied by abemaciclib": ["fulvestrant", "abemaciclib"],
    "paclitaxel associated with bevacizumab": ["paclitaxel", "bevacizumab"],
    "capecitabine concomitant with trastuzumab": ["capecitabine", "trastuzumab"],
}
JOINED_TAILS = (
    (" She was started on {r}.", 0, False),
    (" {R} was given; after 4 courses, CT revealed enlargement of the hepatic lesions.", 1, True),
)


def round5_history_cases() -> Iterator[Case]:
    zero = {"prior_lines": 0, "prior_chemo_lines": 0}
    both = frozenset({"prior_lines", "prior_chemo_lines"})
    for history, event in itertools.product(EARLY_HISTORIES[:3], EVENT_WORDINGS):
        yield Case("event told in other words", history + event, zero, inferred=both)
    for early, event in itertools.product(EARLY_CARRIED_ON, METASTATIC_EVENTS[:4]):
        yield Case(
            "early therapy carried on",
            early + event,
            zero,
            frozenset({"prior_therapies"}),  # early-disease drugs are no metastatic therapy
            inferred=both,
        )
    for event, choosing in itertools.product(EVENT_WORDINGS[:6], CHOOSING_NOW):
        yield Case("event told in other words", event + choosing, zero, inferred=both)
    for text in ONGOING_NO_EVENT:
        yield Case("one regimen going on", text, zero, inferred=both)
    for opening, (r, (drugs, chemo)), template in itertools.product(
        PERFECT_OPENINGS, PERFECT_REGIMENS.items(), PERFECT_FAILING
    ):
        yield Case(
            "one regimen since the metastatic disease, failing",
            f"{opening} {template.format(r=r)}",
            {"prior_lines": 1, "progressed_on": drugs, "prior_chemo_lines": chemo},
            inferred=frozenset({"prior_lines", "prior_chemo_lines"}),
        )
    for event, (r, drugs), template in itertools.product(
        EVENTS_FOR_FAILURE, FAILURE_REGIMENS.items(), FAILURE_WORDINGS
    ):
        text = event + template.format(r=r, R=r[0].upper() + r[1:])
        yield Case(
            "progression told in other words", text, {"prior_lines": 1, "progressed_on": drugs}
        )
    pairs = [(a, b) for a, b in itertools.product(FAILURE_REGIMENS, repeat=2) if a != b]
    for event, (a, b), template in itertools.product(EVENTS_FOR_FAILURE, pairs, FAILED_THEN_BEGUN):
        text = event + template.format(a=a, A=a[0].upper() + a[1:], b=b)
        yield Case("progression told in other words", text, {"prior_lines": 1})
    for event, (r, drugs), (tail, lines, failing) in itertools.product(
        METASTATIC_EVENTS[:4], JOINED_REGIMENS.items(), JOINED_TAILS
    ):
        text = event + tail.format(r=r, R=r[0].upper() + r[1:])
        expect: dict[str, Any] = {"prior_lines": lines, "prior_therapies": drugs}
        if failing:
            expect["progressed_on"] = drugs
        yield Case("progression told in other words", text, expect)
    for text, lines, chemo in LINES_ALL_NAMED:
        yield Case(
            "chemotherapy lines at the event",
            text,
            {"prior_lines": lines, "prior_chemo_lines": chemo},
            inferred=frozenset({"prior_chemo_lines"}),
        )
    for event, (tail, lines, chemo) in itertools.product(
        EVENT_WORDINGS[:5] + tuple(METASTATIC_EVENTS[:3]), CHEMO_AT_EVENT
    ):
        yield Case(
            "chemotherapy lines at the event",
            event + tail,
            {"prior_lines": lines, "prior_chemo_lines": chemo},
            inferred=frozenset({"prior_chemo_lines"}),
        )


# -- round 5: patient facts that are not lines or sites (wording written for the classes,
# not taken from the corpus) ----------------------------------------------------------------
# Chemotherapy candidacy, a grammar: [negative qualifier] (fit | suitable | eligible | a
# candidate | able) [enough] (for | to receive | to tolerate) [qualifier] chemotherapy
CANDIDACY_HEADS = ("fit", "suitable", "eligible", "a candidate", "a good candidate", "fit enough")
CANDIDACY_LINKS = ("for", "to receive")
CANDIDACY_QUALIFIERS = ("", "further ", "systemic ", "palliative ", "cytotoxic ", "combination ")
CANDIDACY_NEGATIVE = {  # the negative words before a head (None: the head is replaced)
    "not ": None,
    "no longer ": None,
    "not considered ": None,
    "not deemed ": None,
}
CANDIDACY_UNFIT = (  # the negative side in its own words
    "a poor candidate for {q}chemotherapy",
    "ineligible for {q}chemotherapy",
    "unsuitable for {q}chemotherapy",
    "inappropriate for {q}chemotherapy",
    "deemed ineligible for {q}chemotherapy",
    "she would not tolerate {q}chemotherapy",
    "she is unlikely to tolerate {q}chemotherapy",
    "chemo-ineligible",
    "chemotherapy-unfit",
    "chemotherapy is not an option",
    "chemotherapy was not considered appropriate",
    "chemotherapy was deemed inappropriate",
    "she declined {q}chemotherapy",
    "palliative chemotherapy was not given because of her frailty",
)
CANDIDACY_OPENINGS = ("ER+ HER2- MBC with liver mets. ", "62F TNBC, lung mets; She is ")
# chemotherapy given or proposed for the metastatic disease: an inference of candidacy
CHEMO_GIVEN_NOW = (
    "She is receiving palliative chemotherapy with paclitaxel for liver metastases.",
    "She started first-line chemotherapy for metastatic disease.",
    "Palliative chemotherapy with weekly paclitaxel was administered for her lung metastases.",
    "She commenced second-line chemotherapy for progressive metastatic disease.",
    "She has been undergoing chemotherapy for stage IV disease since March.",
    "The intent was palliative and systemic chemotherapy was given.",
)
CHEMO_NOT_NOW = (  # no candidacy read from these (early disease, a doubt, a refusal, a stop)
    "She received adjuvant chemotherapy in 2015 and now has bone metastases.",
    "She received chemotherapy for her early breast cancer; now metastatic to the liver.",
    "Would palliative chemotherapy be appropriate for her metastatic disease?",
    "She stopped palliative chemotherapy for metastatic disease due to toxicity.",
    "There was concern that chemotherapy would worsen her metastatic marrow failure.",
    "Locally advanced disease treated with chemotherapy and mastectomy; now liver metastases.",
    "Metastatic disease; she died before chemotherapy could be given.",
)
# Menopause told in words
MENOPAUSE_WORDS = {
    "She has not yet reached menopause": "pre",
    "She is yet to reach menopause": "pre",
    "She is not yet postmenopausal": "pre",
    "She has not gone through menopause": "pre",
    "She is not menopausal": "pre",
    "She is not yet menopausal": "pre",
    "A non-menopausal woman": "pre",
    "Her menstrual cycles are regular": "pre",
    "Regular menstrual cycles": "pre",
    "She still has her periods": "pre",
    "Menopausal status: pre": "pre",
    "Menopausal status - premenopausal": "pre",
    "A 55-year-old menopausal woman": "post",
    "A menopausal woman": "post",
    "She is menopausal": "post",
    "She is in menopause": "post",
    "Menopausal status: post": "post",
    "Menopause at 51": "post",
    "She has gone through menopause": "post",
}
MENOPAUSE_ASKED = (  # a date of the last period is no status: asked
    "LMP 2 years ago",
    "Last menstrual period in 2019",
    "Menopausal symptoms are bothering her",
    "She is in menopause induced by goserelin",
    "Chemotherapy-induced menopause",
    "She entered menopause after chemotherapy",
)
MENOPAUSE_ENDINGS = (", ER+ HER2- MBC with bone mets.", ". ER+/HER2- MBC, liver mets.")
# Receptor words of round 5
RECEPTOR_ROUND5 = {
    "Oestrogen receptor-rich tumour": {"hormone_receptor": "positive"},
    "An ER-rich carcinoma": {"hormone_receptor": "positive"},
    "An estrogen receptor-poor tumour": {"hormone_receptor": "negative"},
    "ER H-score 250": {"hormone_receptor": "positive"},
    "ER H-score 0, PR H-score 0": {"hormone_receptor": "negative"},
    "HER2 was not overexpressed": {"her2": "negative"},
    "HER2 not over-expressed": {"her2": "negative"},
    "HER2 negative by IHC (1+)": {"her2": "negative", "her2_low": True},
    "HER2 2+ by IHC, FISH ratio 1.4": {"her2": "negative", "her2_low": True},
    "HER2 2+ by IHC, FISH HER2/CEP17 ratio 1.6": {"her2": "negative", "her2_low": True},
    "HER2 IHC 2+, HER2/CEP17 ratio 2.5": {"her2": "positive"},
    "ER(+++), PR(++), HER-2(+++)": {"hormone_receptor": "positive", "her2": "positive"},
    "ER (+++) PR (-) Her-2 (-)": {"hormone_receptor": "positive", "her2": "negative"},
    "HER-2 (++), FISH negative": {"her2": "negative", "her2_low": True},
    "estrogen receptor (ER)(+)": {"hormone_receptor": "positive"},
    "an estrogen-driven tumour": {"hormone_receptor": "positive"},
    "driven by oestrogen and negative for HER2": {
        "hormone_receptor": "positive",
        "her2": "negative",
    },
    "hormone-dependent disease": {"hormone_receptor": "positive"},
    "ER staining in 95% of tumour cells": {"hormone_receptor": "positive"},
    "loss of ER expression": {"hormone_receptor": "negative"},
    "absence of ER and PR staining": {"hormone_receptor": "negative"},
    "non-luminal HER2-positive": {"hormone_receptor": "negative", "her2": "positive"},
    "luminal HER2": {"hormone_receptor": "positive", "her2": "positive"},
    "quadruple-negative breast cancer": {"hormone_receptor": "negative", "her2": "negative"},
    "HER2-driven disease": {"her2": "positive"},
    "HER2 2+ (equivocal) with FISH ratio 2.2": {"her2": "positive"},
}
# a receptor status told changing: the value it changed to is the status now
RECEPTOR_NAMES_ROUND5 = {
    "ER": "hormone_receptor",
    "hormone receptor": "hormone_receptor",
    "HER2": "her2",
}
CHANGE_FRAMES = (
    "{r} status switched from {a} to {b}",
    "{r} converted to {b}",
    "{r} was {a} on the primary but {b} on the liver biopsy",
    "{r} was {a} at diagnosis while {b} in the bone lesion",
    "{r} status changed from {a} to {b} at progression",
)
LOSS_FRAMES = ("{r} loss on the metastatic biopsy", "loss of {r} at progression")
# a test still to be done names what it looks at, no finding
TEST_TO_DO = (
    "Should we check {g}?",
    "We will test {g} on ctDNA.",
    "Plan: send ctDNA for {g}.",
    "Order germline {g} testing.",
    "Next step: request {g} sequencing.",
)
TEST_TO_DO_GENES = {"PIK3CA": "pik3ca", "ESR1": "esr1", "BRCA1/2": "germline_brca", "AKT1": "akt1"}
# a finding of the family, told as the family's, is not the patient's
FAMILY_FINDINGS = (
    "BRCA2 mutation in her family",
    "BRCA1 carriers in the family",
    "Several family members carry a BRCA2 mutation",
)
ORGAN_FAILURE_WORDS = ("hepatic insufficiency", "liver decompensation", "respiratory insufficiency")
# graded pluses: HER2 "++" is IHC 2+ and "+" is 1+ in that notation (asked, never positive)
GRADED_HER2_ASKED = (
    "ER(+++), PR(++), HER-2(+)",
    "ER++ PR+ HER2+",
    "ER+, PR+, HER2++",
    "C-erbB-2 (++)",
)
RECEPTOR_ROUND5_OPENINGS = ("", "62F, bone mets. ", "Postmenopausal woman with liver mets; ")
# Ages, sex and titles as typed
AGES_SEX_ROUND5 = {
    "45yo F, ER+ MBC": {"age": 45, "sex": "female"},
    "45 yo F with bone mets": {"age": 45, "sex": "female"},
    "62 y/o M with ER+ MBC": {"age": 62, "sex": "male"},
    "62 y.o. woman with ER+ MBC": {"age": 62, "sex": "female"},
    "58 yrs, F, HR+ MBC": {"age": 58, "sex": "female"},
    "Mrs. Smith, 58, ER+ MBC": {"age": 58, "sex": "female"},
    "Ms B, 41, on goserelin": {"age": 41, "sex": "female"},
    "Mr. Jones, 70, ER+ MBC": {"age": 70, "sex": "male"},
    "A man of 70 with breast cancer": {"age": 70, "sex": "male"},
    "A woman of 45 years with liver mets": {"age": 45, "sex": "female"},
}
NOT_SEX_ROUND5 = ("MS patient with ER+ MBC", "A patient of 12 cycles of paclitaxel")
# Japanese and Chinese case openings
CJK_OPENINGS = {
    "67歳,女性。閉経後。エストロゲン受容体(estrogen receptor:ER)(+)。": {
        "age": 67,
        "sex": "female",
        "menopausal_status": "post",
        "hormone_receptor": "positive",
    },
    "患者女，52岁，绝经后，右乳浸润性导管癌，ER（+）PR（+）HER-2（-）": {
        "age": 52,
        "sex": "female",
        "menopausal_status": "post",
        "hormone_receptor": "positive",
        "her2": "negative",
    },
    "患者は58歳、女性。閉経前。": {"age": 58, "sex": "female", "menopausal_status": "pre"},
    "女性，45岁，未绝经": {"age": 45, "sex": "female", "menopausal_status": "pre"},
    "男性，70岁，ER（+）": {"age": 70, "sex": "male", "hormone_receptor": "positive"},
    "1993年,両側卵巣摘出。": {"ovarian_ablation": True},
}
CJK_NOT = ("1988年,38歳時に乳癌で手術。", "閉経前に診断され、現在は閉経後。")


def round5_misc_cases() -> Iterator[Case]:
    capability = "chemotherapy candidacy grammar"
    for opening, head, link, q in itertools.product(
        CANDIDACY_OPENINGS, CANDIDACY_HEADS, CANDIDACY_LINKS, CANDIDACY_QUALIFIERS
    ):
        phrase = f"{head} {link} {q}chemotherapy"
        yield Case(capability, f"{opening}{phrase}.", {"chemo_candidate": True})
        for negative in CANDIDACY_NEGATIVE:
            yield Case(capability, f"{opening}{negative}{phrase}.", {"chemo_candidate": False})
    for opening, template, q in itertools.product(
        CANDIDACY_OPENINGS, CANDIDACY_UNFIT, CANDIDACY_QUALIFIERS
    ):
        text = opening + template.format(q=q) + "."
        yield Case(capability, text, {"chemo_candidate": False})
    for text in ("chemotherapy-eligible", "chemo-eligible patient"):
        yield Case(capability, f"ER+ HER2- MBC, {text}.", {"chemo_candidate": True})
    capability = "chemotherapy given for metastatic disease"
    for opening, text in itertools.product(("", "62F ER- HER2- MBC. "), CHEMO_GIVEN_NOW):
        yield Case(
            capability,
            opening + text,
            {"chemo_candidate": True},
            inferred=frozenset({"chemo_candidate"}),
        )
        # the clinicians' own words win over the inference
        yield Case(capability, opening + text + " She is now ECOG 3.", {"chemo_candidate": False})
    for text in CHEMO_NOT_NOW:
        yield Case(capability, text, {}, frozenset({"chemo_candidate"}))
    capability = "menopause told in words"
    for (text, status), ending in itertools.product(MENOPAUSE_WORDS.items(), MENOPAUSE_ENDINGS):
        yield Case(capability, text + ending, {"menopausal_status": status})
    for text, ending in itertools.product(MENOPAUSE_ASKED, MENOPAUSE_ENDINGS):
        yield Case(capability, text + ending, {}, frozenset({"menopausal_status"}))
    capability = "receptor words round 5"
    for (form, expect), opening in itertools.product(
        RECEPTOR_ROUND5.items(), RECEPTOR_ROUND5_OPENINGS
    ):
        yield Case(capability, f"{opening}{form}.", dict(expect))
    for form, opening in itertools.product(GRADED_HER2_ASKED, RECEPTOR_ROUND5_OPENINGS):
        yield Case(
            capability,
            f"{opening}{form}.",
            {"hormone_receptor": "positive"} if "ER" in form else {},
            frozenset({"her2"}),
        )
    capability = "receptor change told"
    for (name, fact), frame, (a, b) in itertools.product(
        RECEPTOR_NAMES_ROUND5.items(),
        CHANGE_FRAMES,
        (("negative", "positive"), ("positive", "negative")),
    ):
        for opening in ("", "62F, liver mets. "):
            yield Case(capability, opening + frame.format(r=name, a=a, b=b) + ".", {fact: b})
    for (name, fact), frame in itertools.product(RECEPTOR_NAMES_ROUND5.items(), LOSS_FRAMES):
        yield Case(capability, frame.format(r=name) + ".", {fact: "negative"})
    capability = "a test still to be done"
    for template, (gene, fact), opening in itertools.product(
        TEST_TO_DO, TEST_TO_DO_GENES.items(), ("", "62F ER+ HER2- MBC, bone mets. ")
    ):
        yield Case(capability, opening + template.format(g=gene), {}, frozenset({fact}))
    for words, opening in itertools.product(ORGAN_FAILURE_WORDS, CLINICIAN_OPENINGS):
        yield Case(
            "visceral crisis and chemotherapy in the clinician's words",
            f"{opening}{words} from metastases.",
            {"visceral_crisis": True},
        )
        yield Case(
            "visceral crisis and chemotherapy in the clinician's words",
            f"{opening}no {words}.",
            {"visceral_crisis": False},
        )
    for text, opening in itertools.product(FAMILY_FINDINGS, ("", "45F ER+ HER2- MBC. ")):
        yield Case(capability, opening + text + ".", {}, frozenset({"germline_brca"}))
    capability = "ages, sex and titles as typed"
    for text, expect in AGES_SEX_ROUND5.items():
        yield Case(capability, text, dict(expect))
    for text in NOT_SEX_ROUND5:
        yield Case(capability, text, {}, frozenset({"sex", "age"}))
    # a man's pronoun: no menopause inferred from his age
    yield Case(
        capability, "He is 70 and has ER+ MBC", {"age": 70}, frozenset({"menopausal_status"})
    )
    capability = "Japanese and Chinese case openings"
    for text, expect in CJK_OPENINGS.items():
        yield Case(capability, text, dict(expect))
    for text in CJK_NOT:
        yield Case(capability, text, {}, frozenset({"age", "menopausal_status"}))


# -- round 6 (sites, markers, ages): wording written for the classes, none of it from the corpus
# a finding whose malignancy is only suspected, hedged after it or inside it: no site
SUSPECTED_FINDINGS_R6 = (
    "a 7 mm nodule in the left lower lobe of the lung",
    "a hypodense lesion in segment 6 of the liver",
    "a 12 mm right adrenal nodule",
    "a small splenic lesion",
    "an enhancing focus in the pancreas",
)
HEDGES_AFTER_R6 = (
    ", likely metastatic",
    ", probably a metastasis",
    " which is suspicious for metastasis",
    ", possibly metastatic",
    ", presumed metastatic but not biopsied",
    " of uncertain significance",
    ", indeterminate",
    ", too small to characterise",
    " concerning for metastatic disease",
    ", most likely a secondary",
)
SUSPECTED_OPENINGS_R6 = ("Restaging CT: ", "CT chest/abdomen showed ", "")
# the primary itself told as unknown: the finding stays a site
UNKNOWN_PRIMARY_R6 = {
    "orbital metastases": "orbit",
    "a pleural metastasis": "pleura",
    "gastric metastases": "stomach",
    "liver metastases": "liver",
}
UNKNOWN_WORDS_R6 = (
    "of an unknown breast cancer",
    "from a previously undiagnosed breast carcinoma",
    "revealing an occult mammary carcinoma",
    "of an unrecognised lobular carcinoma",
)
# a new brain lesion told next to an earlier, treated one: the new one is active
BRAIN_NEW_BESIDE_TREATED_R6 = (
    "MRI head shows a new lesion; the SRS-treated metastasis is stable",
    "Brain MRI: a new enhancing lesion, while the previously irradiated lesions are unchanged",
    "MRI brain shows 2 new metastases; the previously resected lesion is stable",
    "MRI of the brain: a new lesion, and the radiosurgery-treated lesion is smaller",
)
BRAIN_NEW_THEN_TREATED_R6 = (  # the same new lesions then treated: not active
    "Brain MRI showed new metastases. She underwent SRS",
    "New brain metastases were treated with stereotactic radiosurgery",
    "MRI brain shows a new lesion, which was treated with gamma knife",
    # "the treated lesions" alone may be the new ones, treated since
    "Brain MRI showed new metastases, and the treated lesions are now stable after SRS",
    "Brain MRI showed new metastases. She had SRS and the treated lesions are now stable",
)
# a finding placed at a vertebral level after its preposition: bone
VERTEBRAL_FINDINGS_R6 = (
    "an expansile lesion",
    "a lytic metastasis",
    "destructive lesions",
    "a deposit",
)
VERTEBRAL_LEVELS_R6 = ("at L4", "in T11", "of C6", "involving the S1", "at the L1 level")
# the extraocular muscles name the orbit; "soft tissue" of a mass placed at an organ is texture
ORBIT_MUSCLES_R6 = (
    "a metastasis in the left medial rectus muscle",
    "a soft tissue mass in the inferior and medial rectus muscles",
    "an enhancing mass in the superior oblique muscle",
    "metastatic deposits within the extra-ocular muscles",
)
SOFT_TISSUE_TEXTURE_R6 = {
    "a soft tissue mass in the liver": ["liver"],
    "a soft tissue density in the spleen": ["spleen"],
    "a soft tissue mass in the left thigh": ["soft tissue"],
}
# organs added by name (FORMAT.md: the organ, singular)
ORGAN_VOCABULARY_R6 = {
    "vagina": "vagina",
    "vaginal vault": "vagina",
    "vulva": "vulva",
    "fallopian tube": "fallopian tube",
    "esophagus": "esophagus",
    "oesophagus": "esophagus",
    "larynx": "larynx",
    "nasopharynx": "nasopharynx",  # round 8: the labels name it (was "pharynx")
    "tonsil": "tonsil",
    "tongue": "tongue",
    "maxillary sinus": "paranasal sinus",  # round 8: the labels name it (was "nasal cavity")
    "submandibular gland": "salivary gland",
    "trachea": "trachea",
    "thymus": "thymus",
    "appendix": "appendix",
    "anal canal": "anus",
    "placenta": "placenta",
    "prostate": "prostate",
    "testis": "testis",
}
ORGAN_HEADS_R6 = ("metastases to the {o}", "a metastatic deposit within the {o}", "{o} metastasis")
# a growth a neoplastic word qualifies, placed at its organ
NEOPLASTIC_GROWTHS_R6 = (
    "a neoplastic formation of the {o}",
    "a malignant process involving the {o}",
    "tumoral infiltration of the {o}",
    "an expansile neoplastic proliferation in the {o}",
)
GROWTH_ORGANS_R6 = {"right orbit": "orbit", "spleen": "spleen", "pericardium": "pericardium"}
# HER2 named with its amplification / overexpression, either order
HER2_NAMES_R6 = ("HER2", "HER-2/neu", "ERBB2", "HER2 gene")
HER2_POSITIVE_R6 = (
    "The tumour showed {h} amplification",
    "IHC showed that the cancer overexpressed {h}",
    "Biopsy: amplification of {h} on FISH",
    "Her metastatic disease is driven by overexpression of {h}",
)
HER2_NEGATED_R6 = (
    "There was a lack of {h} amplification",
    "The tumour lacked {h} overexpression",
    "FISH showed no {h} amplification",
)
HER2_SUBTYPE_R6 = (
    "brain metastases of HER2 breast cancer",
    "a woman with HER2 disease, now on trastuzumab",
    "liver lesions from her HER2 carcinoma",
)
TRIPLE_NEGATIVE_R6 = (
    "the biopsy was triple receptor negative",
    "triple-receptor-negative invasive ductal carcinoma",
    "a triple hormone receptor negative tumour",
)
# ages as typed: number and unit run together, "year-young", the case-report header
AGES_R6 = {
    "A 47year old woman with lung metastases": 47,
    "A 62yrs old lady, ER+ MBC": 62,
    "a 39-year-young woman with bone metastases": 39,
    "Patient: Female, 58\nFinal Diagnosis: metastatic breast cancer": 58,
    "Patient: Male, 66\nDiagnosis: ER+ breast cancer": 66,
}
# every finding word of a brain scan
BRAIN_SCAN_FINDINGS_R6 = (
    "Head CT revealed multiple masses with surrounding oedema",
    "MRI brain showed two enhancing nodules",
    "Brain MRI: several ring-enhancing foci",
    "CT head is performed, which shows a large mass in the left frontal lobe",
)

# sex told by a pregnancy's words or by the series' patients told as women
SEX_TOLD_R6 = (
    "Liver metastases grew during the second trimester",
    "Paclitaxel was given and the foetus was delivered at 34 weeks",
    "She had a caesarean section, then letrozole was started for bone metastases",
    "They were young women with HER2+ MBC",
    "Both were elderly women with bone-only disease",
)
# ovarian suppression written out, abbreviation in brackets or not
OVARIAN_SUPPRESSION_R6 = (
    "She received letrozole with gonadotropin-releasing hormone (GnRH) agonists",
    "Tamoxifen plus a luteinising hormone-releasing hormone analogue was given",
    "Exemestane and gonadotrophin releasing hormone analogs were started",
)

# a node on the other side is distant disease, even told beside the primary tumour
CONTRALATERAL_NODES_R6 = (
    "A 4 cm mass in the right breast and a palpable contralateral axillary node",
    "Recurrence in the contralateral axilla three years after surgery",
    "PET showed contralateral supraclavicular lymphadenopathy",
    "CT: enlarged contralateral internal mammary nodes",
)


def round6_cases() -> Iterator[Case]:
    for phrase in CONTRALATERAL_NODES_R6:
        text = phrase + "."
        yield Case("contralateral nodes", text, {"metastatic_sites": ["lymph nodes"]})
    for phrase in ("no contralateral axillary adenopathy", "without contralateral nodes"):
        text = "A 3 cm mass in the left breast, " + phrase + "."
        yield Case("contralateral nodes", text, {}, frozenset({"metastatic_sites"}))
    for phrase in SEX_TOLD_R6:
        # a case told at length (a short message's sex is asked, not inferred)
        text = (
            "We report a case of metastatic breast cancer treated at our centre in 2021. " + phrase
        )
        yield Case("sex told by pregnancy or a series", text + ".", {"sex": "female"})
    for phrase in OVARIAN_SUPPRESSION_R6:
        yield Case("ovarian suppression written out", phrase + ".", {"ovarian_ablation": True})
    for finding, hedge, opening in itertools.product(
        SUSPECTED_FINDINGS_R6, HEDGES_AFTER_R6, SUSPECTED_OPENINGS_R6
    ):
        yield Case(
            "a site only suspected",
            opening + finding + hedge + ".",
            {},
            frozenset({"metastatic_sites"}),
        )
        yield Case(
            "a site only suspected",
            "Bone metastases at diagnosis; now " + finding + hedge + ".",
            {"metastatic_sites": ["bone"]},
        )
    for (finding, site), words in itertools.product(UNKNOWN_PRIMARY_R6.items(), UNKNOWN_WORDS_R6):
        text = f"A 58-year-old woman presented with {finding} {words}."
        yield Case("the primary told unknown", text, {"metastatic_sites": [site], "age": 58})
    for phrase, opening in itertools.product(BRAIN_NEW_BESIDE_TREATED_R6, SITE_OPENINGS):
        yield Case(
            "a new brain lesion beside a treated one",
            opening + phrase + ".",
            {"metastatic_sites": ["brain"], "brain_metastases": True},
        )
    for phrase, opening in itertools.product(BRAIN_NEW_THEN_TREATED_R6, SITE_OPENINGS):
        yield Case(
            "a new brain lesion beside a treated one",
            opening + phrase + ".",
            {"metastatic_sites": ["brain"], "brain_metastases": False},
        )
    for finding, level in itertools.product(VERTEBRAL_FINDINGS_R6, VERTEBRAL_LEVELS_R6):
        text = f"MRI of the spine showed {finding} {level}."
        yield Case("a finding at a vertebral level", text, {"metastatic_sites": ["bone"]})
    for phrase, opening in itertools.product(ORBIT_MUSCLES_R6, ("ER+ HER2- MBC; MRI showed ", "")):
        yield Case("extraocular muscles", opening + phrase + ".", {"metastatic_sites": ["orbit"]})
    for phrase, sites in SOFT_TISSUE_TEXTURE_R6.items():
        yield Case("extraocular muscles", "CT showed " + phrase + ".", {"metastatic_sites": sites})
    for (organ, site), template, opening in itertools.product(
        ORGAN_VOCABULARY_R6.items(), ORGAN_HEADS_R6, ("ER+ HER2- MBC with ", "")
    ):
        text = opening + template.format(o=organ) + "."
        yield Case("organ vocabulary round 6", text, {"metastatic_sites": [site]})
    for template, (organ, site) in itertools.product(
        NEOPLASTIC_GROWTHS_R6, GROWTH_ORGANS_R6.items()
    ):
        text = "Known ER+ breast cancer. Imaging showed " + template.format(o=organ) + "."
        yield Case("a neoplastic growth at an organ", text, {"metastatic_sites": [site]})
    for name, template in itertools.product(HER2_NAMES_R6, HER2_POSITIVE_R6):
        yield Case("HER2 amplification words", template.format(h=name) + ".", {"her2": "positive"})
    for name, template in itertools.product(HER2_NAMES_R6, HER2_NEGATED_R6):
        text = template.format(h=name) + "."
        yield Case("HER2 amplification words", text, {"her2": "negative"})
    for phrase in HER2_SUBTYPE_R6:
        yield Case(
            "HER2 amplification words", phrase[0].upper() + phrase[1:] + ".", {"her2": "positive"}
        )
    for phrase in TRIPLE_NEGATIVE_R6:
        text = phrase[0].upper() + phrase[1:] + "."
        yield Case(
            "HER2 amplification words", text, {"hormone_receptor": "negative", "her2": "negative"}
        )
    for text, age in AGES_R6.items():
        yield Case("ages as typed round 6", text + ".", {"age": age})
    for phrase, opening in itertools.product(BRAIN_SCAN_FINDINGS_R6, ("Known MBC. ", "")):
        yield Case(
            "brain scan finding words",
            opening + phrase + ".",
            {"metastatic_sites": ["brain"], "brain_metastases": True},
        )


# round 7 (sites7): a RESPONSE told as the outcome of the brain metastases settles them, in
# any of its grammars (a response noun governing the finding, a response verb or phrase
# after it); a treatment in terse notation after a list of sites reaches every member.
BRAIN_FINDINGS_R7 = (
    "brain metastases",
    "cerebral deposits",
    "intracranial metastatic lesions",
    "cerebellar metastasis",
    "CNS mets",
)
BRAIN_RESPONSES_R7 = (
    "Restaging MRI documented complete resolution of the {b}",
    "the latest scan shows regression of her {b}",
    "MRI brain demonstrated near-complete disappearance of the {b}",
    "a complete radiological response of the {b} was seen",
    "her {b} have vanished on the last MRI",
    "the {b} are no longer visible",
    "the {b} were not seen anymore",
    "the {b} had shrunk markedly",
    "her {b} responded completely",
    "the {b} were in complete remission",
)
SITE_LISTS_TREATED_R7 = (
    "metastases to the brain and liver {p} {t}",
    "spread to lungs/CNS {p} {t}",
    "metastatic disease of bone, brain {p} {t}",
    "CNS and adrenal metastases {p} {t}",
)
TERSE_DONE_R7 = ("s/p", "S/P", "status post", "post")
TERSE_TREATMENTS_R7 = ("chemoradiation", "radiochemotherapy", "stereotactic radiosurgery", "WBRT")
AGES_R7 = {
    "A 67 year Caucasian lady with ER+ MBC": 67,
    "a 38-year-old Hispanic female, HER2+": 38,
    "71 years old, nulliparous woman with bone mets": 71,
    "I am 41 years young and was just told it spread": 41,
}
# the menopause word between the age and the person stays its own fact
MENOPAUSE_AFTER_AGE_R7 = {
    "A 47 year premenopausal woman with ER+ MBC": "pre",
    "a 58-year-old Postmenopausal lady": "post",
    "52 years, post-menopausal female": "post",
}
DURATIONS_R7 = ("12 years later the cancer came back", "15 years after surgery she relapsed")


# round 7: receptor grammar — the word "receptor" between a name and its value, a value
# in the abbreviation's bracket, a comma list other markers go on, immunoreactivity words
# after other markers, a "(score 0)" tail, "found to be" before the value
RECEPTORS_R7 = {
    "The nodal deposit was ER receptor-negative and HER2 receptor-positive": {
        "hormone_receptor": "negative",
        "her2": "positive",
    },
    "ERBB2 receptor overexpression was present": {"her2": "positive"},
    "staining for progesterone receptors (PR, 40%) was seen": {"hormone_receptor": "positive"},
    "Cells were negative for oestrogen receptor, progesterone receptor, HER2, CK20, TTF-1 and "
    "CDX2": {"hormone_receptor": "negative", "her2": "negative"},
    "Tumour cells were immunoreactive for CK7, GATA3 and PR": {"hormone_receptor": "positive"},
    "The lesion was immunopositive for SOX10 and ER": {"hormone_receptor": "positive"},
    "HER2 was negative (score 0)": {"her2": "negative", "her2_low": False},
    "The biopsy was tested for PD-L1 and found to be negative": {"pdl1": "negative"},
    "negative for ER, PR, HER2 3+": {"hormone_receptor": "negative", "her2": "positive"},
}


# round 7: sites — the eyelid (its own label), the bile ducts' plural and adjective forms, a
# spread told by its process noun, a long description of the cancer between the
# metastasis word and its organ
SITES_R7 = {
    "Her lobular carcinoma had metastasised to both eyelids": ["eyelid"],
    "a breast cancer metastasis to the upper eyelid": ["eyelid"],
    "metastatic deposits in the biliary ducts and liver": ["bile duct", "liver"],
    "carcinomatous infiltration of the common hepatic duct": ["bile duct"],
    "HR+ MBC with peritoneal dissemination": ["peritoneum"],
    "metastasis of her lobular breast carcinoma to the spleen": ["spleen"],
    "neoplastic invasion of the orbit": ["orbit"],
}


BRAIN_TOLD_R7 = {
    # a negative brain scan told in a clause after it was done
    "A CT of the head was obtained and was unremarkable": {"brain_metastases": False},
    "MRI scan of the brain was performed, which came back clear": {"brain_metastases": False},
    # the patient's own words for where the cancer is
    "They found out the tumour has now spread into her brain": {
        "metastatic_sites": ["brain"],
        "brain_metastases": True,
    },
    "the cancer that is in my lungs is also in my brain": {
        "metastatic_sites": ["lung", "brain"],
        "brain_metastases": True,
    },
}


# round 7 (final): a brain metastasis told with the treatment it required, in the past, is
# treated; the same requirement told in the present or the future is a plan (still active)
REQUIRED_PAST_FRAMES_R7 = (
    "The patient was found to have a solitary cerebellar metastasis, {r} {t}",
    "Imaging demonstrated intracranial metastases, {r} {t}",
    "An MRI revealed a large frontal brain metastasis which {p} {t}",
    "Her course was complicated by brain metastases that {p} {t}",
    "She developed a symptomatic cerebral metastasis; it {p} {t}",
)
REQUIRED_PAST_VERBS_R7 = (
    ("requiring", "required"),
    ("necessitating", "necessitated"),
    ("needing", "needed"),
    ("prompting", "prompted"),
)
REQUIRED_TREATMENTS_R7 = (
    "neurosurgical resection",
    "surgical debulking and whole-brain irradiation",
    "gamma knife radiosurgery",
    "an emergency craniotomy",
    "decompressive surgery",
)
REQUIRED_PLAN_FRAMES_R7 = (
    "She has a solitary cerebellar metastasis which will require {t}",
    "MRI shows intracranial metastases that now require {t}",
    "She has a large frontal brain metastasis requiring {t}",
    "New cerebral metastases; {t} is required",
    "Brain metastases that may need {t}",
)


def round7_cases() -> Iterator[Case]:
    for frame, (participle, past), treatment in itertools.product(
        REQUIRED_PAST_FRAMES_R7, REQUIRED_PAST_VERBS_R7, REQUIRED_TREATMENTS_R7
    ):
        text = "HER2+ MBC. " + frame.format(r=participle, p=past, t=treatment) + "."
        yield Case("a brain treatment it required", text, {"brain_metastases": False})
    for frame, treatment in itertools.product(REQUIRED_PLAN_FRAMES_R7, REQUIRED_TREATMENTS_R7):
        text = "HER2+ MBC. " + frame.format(t=treatment) + "."
        yield Case("a brain treatment it required", text, {"brain_metastases": True})
    for text, facts in BRAIN_TOLD_R7.items():
        yield Case("brain told in other words round 7", text + ".", facts)
    yield Case(
        "brain told in other words round 7",
        "A headache in my brain.",
        {},
        frozenset({"brain_metastases"}),
    )
    for text, sites in SITES_R7.items():
        yield Case("organ vocabulary round 7", text + ".", {"metastatic_sites": sites})
    for text in ("Pathology: lymphovascular invasion present", "no perineural invasion"):
        yield Case("organ vocabulary round 7", text + ".", {}, frozenset({"metastatic_sites"}))
    for text, facts in RECEPTORS_R7.items():
        yield Case("receptor grammar round 7", text + ".", facts)
    for template, finding, opening in itertools.product(
        BRAIN_RESPONSES_R7, BRAIN_FINDINGS_R7, ("HER2+ MBC on T-DXd; ", "")
    ):
        text = opening + template.format(b=finding) + "."
        yield Case(
            "a brain response told",
            text[0].upper() + text[1:],
            {"metastatic_sites": ["brain"], "brain_metastases": False},
        )
    for template, done, treatment in itertools.product(
        SITE_LISTS_TREATED_R7, TERSE_DONE_R7, TERSE_TREATMENTS_R7
    ):
        text = "ER- HER2+ IDC 2015, relapse 2019 with " + template.format(p=done, t=treatment)
        yield Case("a treatment after a site list", text + ".", {"brain_metastases": False})
    for text, age in AGES_R7.items():
        yield Case("ages as typed round 7", text + ".", {"age": age})
    for text, status in MENOPAUSE_AFTER_AGE_R7.items():
        yield Case("ages as typed round 7", text + ".", {"menopausal_status": status})
    for text in DURATIONS_R7:
        yield Case("ages as typed round 7", text + ".", {}, frozenset({"age"}))


# round 8 (sites8): organs by anatomy, a metastasis told as a finding's cause, the brain's
# state told in a later sentence or a relative clause, staging that names nodes and
# distant disease together, sites told in Japanese/Chinese. Wording not in the corpus.
MUSCLES_R8 = ("left deltoid", "right psoas muscle", "quadriceps", "gluteus medius", "triceps")
BONES_R8 = (
    "right acetabulum",
    "greater trochanter",
    "left zygomatic arch",
    "manubrium",
    "calvaria",
)
ANATOMY_FRAMES_R8 = (
    "ER+ HER2- breast cancer with a metastatic deposit in the {o}",
    "Known MBC; MRI showed metastases to the {o}",
)
CAUSE_FINDINGS_R8 = {
    "An obstruction of the jejunum": "small bowel",
    "Thickening of the gastric antrum": "stomach",
    "Enlargement of the pituitary stalk": "pituitary",
    "A stricture of the sigmoid colon": "colon",
}
CAUSES_R8 = (
    "caused by metastatic lobular carcinoma",
    "due to a breast cancer metastasis",
    "secondary to metastatic breast carcinoma",
    "attributed to metastases from her breast primary",
)
MARKER_NEGATIVE_TAILS_R8 = (
    ", ER positive, PR negative, HER2 negative",
    "; GATA-3 positive, TTF-1 negative",
    " (CK7 positive, CDX2 negative)",
)
HEAD_ORGAN_SCANS_R8 = {
    "Head MRI demonstrated a sellar mass": ["pituitary"],
    "A CT of the head showed a large orbital mass": ["orbit"],
    "MRI of the brain disclosed a clivus lesion": None,  # no site word of its own: none
}
BRAIN_FIRST_R8 = (
    "MRI of the head revealed four new enhancing metastases",
    "She was found to have new brain metastases",
)
LATER_INACTIVE_R8 = (
    "Three months after radiosurgery, the treated lesions had shrunk",
    "On follow-up imaging these metastases remained stable",
    "Afterwards they regressed",
    "Post-SRS MRI: the lesions are controlled",
)
LATER_ACTIVE_R8 = (
    "Four months later, the lesions grew",
    "Subsequently these metastases progressed",
)
# a later sentence that names no lesion of the brain's leaves the treated brain as told
LATER_NOT_THE_BRAIN_R8 = (
    "Subsequently her tumor markers increased",
    "Later they increased the dose",
    "Afterwards new symptoms appeared",
)
BRAIN_RELATIVES_R8 = {
    "She has cerebral metastases which responded to radiosurgery": False,
    "Her brain lesions, which were irradiated in 2022, are unchanged": False,
    "Treated brain metastases, which have since grown": True,
    "Brain metastases that are symptomatic": True,
}
DE_NOVO_R8 = (
    "A 5 cm breast mass, enlarged axillary nodes and {d} were found at presentation",
    "Staging of her new breast lump showed supraclavicular lymphadenopathy and {d}",
)
DISTANT_R8 = {"multiple liver lesions": "liver", "a destructive rib lesion": "bone"}
TNM_R8 = {
    "Diagnosed with cT3N2M1 breast cancer": ["lymph nodes"],
    "pT2 N1 M1 invasive lobular carcinoma": ["lymph nodes"],
    "T2N0M1 disease": None,
    "cT2N1M0 disease": None,
}
MARROW_R8 = (
    "Bone marrow examination showed sheets of non-haematopoietic cells",
    "A bone marrow smear revealed infiltration by carcinoma cells",
)
CJK_SITES_R8 = {
    "58歳,女性。乳癌術後,肝転移と骨転移あり。": ["liver", "bone"],
    "患者女,52岁,乳腺癌,肺转移。": ["lung"],
    "61歳,女性。リンパ節転移なし。": None,
    "49歳,女性。脳転移の疑い。": None,
}

OWN_CANCER_OF_BREAST_R8 = {
    "Laparoscopy found an ovarian carcinoma of breast origin": ["ovary"],
    "Endoscopic biopsy showed a gastric adenocarcinoma with a mammary primary": ["stomach"],
    "A bladder tumour from the breast was resected": ["bladder"],
}
PLACED_FINDINGS_R8 = {
    "A mass of 4 cm located in the lower pole of the kidney was excised; histology confirmed "
    "metastatic breast carcinoma.": ["kidney"],
    "Surgery found a nodule situated at the proximal portion of the jejunum. Pathology showed "
    "metastatic lobular carcinoma.": ["small bowel"],
}
HEDGED_CAUSE_R8 = {
    "MRI shows a 9 mm metastasis in the cerebellum, probably causing her dizziness": {
        "metastatic_sites": ["brain"],
        "brain_metastases": True,
    },
    "Her liver metastases, likely responsible for the rising bilirubin, are growing": {
        "metastatic_sites": ["liver"],
    },
    "A tumour on the pons (we do not know the exact size)": {
        "metastatic_sites": ["brain"],
        "brain_metastases": True,
    },
}
BRAIN_WORDS_R8 = {
    "Cranial metastases resolved after whole-brain radiotherapy": {
        "metastatic_sites": ["brain"],
        "brain_metastases": False,
    },
    "Symptomatic cranial metastases": {"metastatic_sites": ["brain"], "brain_metastases": True},
    "Lytic lesions of the cranium and ribs": {"metastatic_sites": ["bone"]},
    "Metastases in the right middle lobe and the lingula": {"metastatic_sites": ["lung"]},
    "A metastatic deposit at the splenic flexure": {"metastatic_sites": ["colon"]},
    "HR+ MBC with a metastasis of the hard palate": {"metastatic_sites": ["oral cavity"]},
    "Endobronchial metastases": {"metastatic_sites": ["lung"]},
    "A metastatic deposit at the umbilicus": {"metastatic_sites": ["skin"]},
    "Recurrence in the thoracic wall": {"metastatic_sites": ["chest wall"]},
}


def round8_site_cases() -> Iterator[Case]:
    for frame, organ in itertools.product(ANATOMY_FRAMES_R8, MUSCLES_R8):
        text = frame.format(o=organ) + "."
        yield Case("organ vocabulary by anatomy", text, {"metastatic_sites": ["soft tissue"]})
    for frame, organ in itertools.product(ANATOMY_FRAMES_R8, BONES_R8):
        text = frame.format(o=organ) + "."
        yield Case("organ vocabulary by anatomy", text, {"metastatic_sites": ["bone"]})
    for word in ("pathologic fracture of the left femur", "pathological vertebral fracture"):
        text = f"HR+ MBC, presented with a {word}."
        yield Case("organ vocabulary by anatomy", text, {"metastatic_sites": ["bone"]})
    for (finding, site), cause in itertools.product(CAUSE_FINDINGS_R8.items(), CAUSES_R8):
        text = f"Known breast cancer. {finding} {cause} was found."
        yield Case("a metastasis told as the cause", text, {"metastatic_sites": [site]})
    for tail, organ in itertools.product(MARKER_NEGATIVE_TAILS_R8, ("ileum", "gallbladder")):
        text = (
            f"A mass in the {organ} was resected. Histology was consistent with metastatic "
            f"breast carcinoma{tail}."
        )
        site = "small bowel" if organ == "ileum" else organ
        yield Case("a metastasis told as the cause", text, {"metastatic_sites": [site]})
    for text, sites in HEAD_ORGAN_SCANS_R8.items():
        expect = {"metastatic_sites": sites} if sites else {}
        yield Case(
            "a head scan finding at another organ",
            text + ".",
            expect,
            frozenset({"brain_metastases"} | (set() if sites else {"metastatic_sites"})),
        )
    for first, later in itertools.product(BRAIN_FIRST_R8, LATER_INACTIVE_R8):
        text = f"{first}. She had SRS. {later}."
        yield Case("the brain's state told later", text, {"brain_metastases": False})
    for first, later in itertools.product(BRAIN_FIRST_R8, LATER_INACTIVE_R8[:2]):
        text = f"{first}. {later}."
        yield Case("the brain's state told later", text, {"brain_metastases": False})
    for later in LATER_ACTIVE_R8:
        text = f"Brain metastases were treated with gamma knife in 2021. {later}."
        yield Case("the brain's state told later", text, {"brain_metastases": True})
    for later in LATER_NOT_THE_BRAIN_R8:
        text = f"Brain metastases were treated with gamma knife in 2021. {later}."
        yield Case("the brain's state told later", text, {"brain_metastases": False})
    # another site named in the later sentence keeps its cue: the brain stays as told
    yield Case(
        "the brain's state told later",
        "MRI showed new brain metastases. Subsequently the liver lesions were stable.",
        {"brain_metastases": True},
    )
    for text, active in BRAIN_RELATIVES_R8.items():
        yield Case(
            "the brain's state in a relative clause", text + ".", {"brain_metastases": active}
        )
    for frame, (distant, site) in itertools.product(DE_NOVO_R8, DISTANT_R8.items()):
        text = frame.format(d=distant) + "."
        yield Case(
            "nodes beside a distant finding", text, {"metastatic_sites": ["lymph nodes", site]}
        )
    yield Case(
        "nodes beside a distant finding",
        "A 5 cm breast mass and enlarged axillary nodes, with no liver lesions.",
        {},
        frozenset({"metastatic_sites"}),
    )
    for text, sites in TNM_R8.items():
        expect = {"metastatic_sites": sites} if sites else {}
        yield Case(
            "TNM staging with nodes",
            text + ".",
            expect,
            frozenset() if sites else frozenset({"metastatic_sites"}),
        )
    for text in MARROW_R8:
        yield Case("marrow examination", text + ".", {"metastatic_sites": ["bone marrow"]})
    for text, sites in CJK_SITES_R8.items():
        expect = {"metastatic_sites": sites} if sites else {}
        yield Case(
            "sites in Japanese and Chinese",
            text,
            expect,
            frozenset() if sites else frozenset({"metastatic_sites"}),
        )
    yield Case(
        "organ vocabulary by anatomy",
        "An intestinal obstruction secondary to metastatic deposits in the jejunum.",
        {"metastatic_sites": ["small bowel"]},
    )
    for text, sites in OWN_CANCER_OF_BREAST_R8.items():
        yield Case("an organ's cancer of breast origin", text + ".", {"metastatic_sites": sites})
    for text, sites in PLACED_FINDINGS_R8.items():
        yield Case("a finding placed at a part of an organ", text, {"metastatic_sites": sites})
    for text, facts in HEDGED_CAUSE_R8.items():
        yield Case("a doubt on what a finding causes", text + ".", facts)
    for text, facts in BRAIN_WORDS_R8.items():
        yield Case("organ vocabulary by anatomy", text + ".", facts)


# -- round 8 (issue 10): a yes/no question about the patient states nothing; LVEF numbers;
# chemotherapy told after the metastatic disease --------------------------------------------
# The auxiliary, the subject (the patient or her tumour) and what is asked: each asked fact
# must stay unset, whatever the wording.
POLAR_AUX_SUBJECTS_R8 = (
    "Is she",
    "Is the patient",
    "Is this 58-year-old lady",
    "Was she",
    "And is she",
    "So, is the pt",
)
POLAR_BE_PREDICATES_R8 = {
    "gBRCA1 positive": "germline_brca",
    "a germline BRCA2 carrier": "germline_brca",
    "HER2-positive": "her2",
    "HER2 negative or positive": "her2",
    "ER+": "hormone_receptor",
    "hormone receptor positive": "hormone_receptor",
    "triple negative": "her2",
    "post-menopausal": "menopausal_status",
    "premenopausal": "menopausal_status",
    "on haemodialysis": "dialysis",
    "PD-L1 positive": "pdl1",
    "PIK3CA mutated": "pik3ca",
    "in visceral crisis": "visceral_crisis",
    "a candidate for chemotherapy": "chemo_candidate",
}
POLAR_TUMOUR_R8 = {
    "Is the tumour HER2-low": "her2_low",
    "Is her tumor ESR1-mutant": "esr1",
    "Is the cancer MSI-high": "msi_high",
    "Was the biopsy ER positive": "hormone_receptor",
    "Is the disease HER2 amplified": "her2",
}
POLAR_HAVE_R8 = {
    "Does she have brain metastases": "brain_metastases",
    "Does the patient have heart failure": "heart_failure",
    "Does she carry a BRCA2 mutation": "germline_brca",
    "Has she had a CDK4/6 inhibitor": "prior_cdk46",
    "Did she receive palbociclib": "prior_cdk46",
    "Has the pt got liver mets": "metastatic_sites",
    "Is there brain involvement": "brain_metastases",
    "Are there liver metastases": "metastatic_sites",
    "Is she known to be gBRCA2 positive": "germline_brca",
    "Does she harbour a PIK3CA mutation": "pik3ca",
}
# Facts stated in a question are still stated: in its subject, in what it is asked in the
# light of, or in a question that is about an action, not her state.
STATED_IN_QUESTIONS_R8 = {
    "Is this ER+ patient a candidate for a CDK4/6 inhibitor?": {"hormone_receptor": "positive"},
    "Is she a candidate for olaparib given her gBRCA2 mutation?": {"germline_brca": True},
    "Is it reasonable to give T-DXd to a HER2-low patient?": {"her2_low": True},
    "Should she get olaparib? She is BRCA1 positive.": {"germline_brca": True},
    "ER+/HER2- pt on letrozole, next?": {"hormone_receptor": "positive", "her2": "negative"},
    "Does she need chemotherapy now that she is HER2 negative?": {"her2": "negative"},
    "62F, ER+ HER2-, bone mets. Is she gBRCA+?": {
        "hormone_receptor": "positive",
        "her2": "negative",
        "metastatic_sites": ["bone"],
    },
    "Would you give fulvestrant to this postmenopausal woman?": {"menopausal_status": "post"},
    "Is there a role for T-DXd in HER2-low disease?": {"her2_low": True},
    "What if, were she premenopausal": {"menopausal_status": "pre"},
    "Had she been HER2 positive": {"her2": "positive"},
    "Are there patients with a gBRCA1 mutation who benefit?": {"germline_brca": True},
}
# LVEF: the guideline names "a low ventricular ejection fraction" without a threshold; below
# 40 % is low (reduced), 55 % and above is not, between is asked back.
LVEF_FORMS_R8 = ("LVEF {n}%", "EF of {n}%", "ejection fraction {n}%", "LVEF was {n}%")
LVEF_VALUES_R8 = {
    25: True,
    30: True,
    35: True,
    39: True,
    40: None,
    45: None,
    50: None,
    54: None,
    55: False,
    60: False,
    65: False,
}
# Chemotherapy given or planned after the text told the metastatic disease (the sentence
# itself need not say "metastatic"); not an earlier chemotherapy, not a neoadjuvant one.
CHEMO_AFTER_EVENT_R8 = (
    "She was scheduled to receive chemotherapy as systemic therapy",
    "She decided to have systemic chemotherapy",
    "She underwent palliative radiotherapy to the spine and chemotherapy",
    "Chemotherapy was then begun",
    "The team started chemotherapy",
)
CHEMO_NOT_AFTER_EVENT_R8 = (
    "Previously she had received chemotherapy",
    "She had surgery, radiotherapy and chemotherapy",
    "She wanted to avoid chemotherapy",
)
# Too much HER2 told in any words; the IHC score 0 in words; a population told by a
# relative clause is not this patient.
HER2_EXCESS_NOUNS_R8 = (
    "an overabundance of",
    "an excess of",
    "high levels of",
    "a surplus of",
)
HER2_EXCESS_NAMES_R8 = ("HER2", "a protein called HER2", "HER2/neu", "the HER2 receptor")
HER2_ZERO_R8 = ("IHC zero", "IHC score of 0", "an IHC score of zero", "IHC null")
POPULATION_CLAUSES_R8 = {
    "PARP inhibitors are approved for those women who do have germline BRCA mutations": (
        "She tested negative for germline BRCA1/2",
        {"germline_brca": False},
    ),
    "Those patients who carry a PIK3CA mutation benefit from alpelisib": (
        "Her tumour is PIK3CA wild-type",
        {"pik3ca": False},
    ),
    "Anyone whose tumour has an ESR1 mutation may get elacestrant": (
        "ctDNA showed no ESR1 mutation",
        {"esr1": False},
    ),
}
# "old" left out: a year count right before a person word is her age; before anything
# else it is a duration
AGES_WITHOUT_OLD_R8 = {
    "A 70-year female patient with skin metastases": 70,
    "a 64-year woman with MBC": 64,
    "58-yr lady, ER+ HER2-": 58,
    "An 81 year male with breast cancer and bone mets": 81,
}
DURATIONS_R8 = ("a 5-year survival of 30%", "a 20 year patient follow-up", "a 10-year risk")
METASTATIC_OPENINGS_R8 = (
    "A CT scan showed multiple liver and bone metastases. ",
    "Biopsy of the parotid confirmed a breast cancer metastasis. ",
)


def round8_cases() -> Iterator[Case]:
    for subject, (predicate, fact) in itertools.product(
        POLAR_AUX_SUBJECTS_R8, POLAR_BE_PREDICATES_R8.items()
    ):
        yield Case(
            "a yes/no question states nothing", f"{subject} {predicate}?", {}, frozenset({fact})
        )
    for question, fact in {**POLAR_TUMOUR_R8, **POLAR_HAVE_R8}.items():
        for opening in ("", "72F with MBC. "):
            yield Case(
                "a yes/no question states nothing", f"{opening}{question}?", {}, frozenset({fact})
            )
    for text, facts in STATED_IN_QUESTIONS_R8.items():
        yield Case("facts stated inside a question", text, facts)
    for form, (n, value) in itertools.product(LVEF_FORMS_R8, LVEF_VALUES_R8.items()):
        text = "HER2+ MBC, " + form.format(n=n) + "."
        if value is None:
            yield Case("LVEF read against the guideline", text, {}, frozenset({"heart_failure"}))
        else:
            yield Case("LVEF read against the guideline", text, {"heart_failure": value})
    for opening, phrase in itertools.product(METASTATIC_OPENINGS_R8, CHEMO_AFTER_EVENT_R8):
        yield Case(
            "chemotherapy after the metastatic disease",
            opening + phrase + ".",
            {"chemo_candidate": True},
            inferred=frozenset({"chemo_candidate"}),
        )
    for text, age in AGES_WITHOUT_OLD_R8.items():
        yield Case("ages as typed round 8", text + ".", {"age": age})
    for text in DURATIONS_R8:
        yield Case("ages as typed round 8", "ER+ MBC; " + text + ".", {}, frozenset({"age"}))
    for noun, name in itertools.product(HER2_EXCESS_NOUNS_R8, HER2_EXCESS_NAMES_R8):
        text = f"The liver metastasis was driven by {noun} {name}."
        yield Case("HER2 excess in any words", text, {"her2": "positive"})
    for zero in HER2_ZERO_R8:
        text = f"ER-negative, HER2 negative with {zero}."
        yield Case("HER2 excess in any words", text, {"her2": "negative", "her2_low": False})
    for population, (own, facts) in POPULATION_CLAUSES_R8.items():
        for text in (f"{own}. {population}.", f"{population}. {own}."):
            yield Case("a population told by a relative clause", text, facts)
    for opening, phrase in itertools.product(METASTATIC_OPENINGS_R8, CHEMO_NOT_AFTER_EVENT_R8):
        yield Case(
            "chemotherapy after the metastatic disease",
            opening + phrase + ".",
            {},
            frozenset({"chemo_candidate"}),
        )


# -- round 8: treatment history told in other words ----------------------------------------
NEWLY_FOUND_R8 = ("detected", "identified", "discovered", "found", "appeared", "documented")
NEWLY_SITES_R8 = ("liver metastases", "adrenal lesions", "pulmonary nodules", "bone lesions")
STOPPED_FOR_R8 = (  # the regimen stopped because of a finding told new: it failed
    "{R} was stopped because of newly {p} {s}.",
    "After five months, {r} was discontinued owing to newly {p} {s}.",
)
COURSE_CONTINUED_R8 = (  # a class word carried on, then the course of its drug: one regimen
    "She continued chemotherapy and had palliative radiotherapy to the hip. After {n} cycles "
    "of {d}, treatment was stopped because of progression in the liver.",
    "He was continuing chemotherapy with antiemetic support. After {n} courses of {d}, the "
    "treatment was stopped for progressive disease.",
)
COURSE_DRUGS_R8 = ("eribulin", "vinorelbine", "gemcitabine", "capecitabine")
FREE_NOW_R8 = (  # the one regimen since the event told going on without progression: 0 lines
    "remains progression-free at 14 months",
    "is still progression free",
    "continues to be progression-free",
    "has been progression-free for 20 months",
    "is progression-free to date",
)
FREE_ENDED_R8 = (  # a progression-free survival told: the line has ended, the count is asked
    "had a progression-free survival of 14 months",
    "with a PFS of 11 months",
)
EARLY_THEN_FREE_R8 = (  # treatment, a disease-free interval, then the event: early therapy
    "She received {e}. Follow-up imaging was normal for four years. In 2023, CT showed liver "
    "metastases.",
    "She was given {e}. She remained free of disease until a bone scan in 2022 showed "
    "multiple bone metastases.",
    "Treatment consisted of {e}. There was no evidence of disease at her five-year visit. Two "
    "years later, biopsy of a lung nodule confirmed metastatic breast carcinoma.",
)
EARLY_THERAPIES_R8 = ("docetaxel and cyclophosphamide", "four cycles of AC and tamoxifen")
ORDINAL_COUNTS_EARLY_R8 = (  # the author's "second line" counts the adjuvant therapy
    "Adjuvant {e} was given after mastectomy in 2014. Follow-up was unremarkable until May "
    "2021, when a PET scan revealed a bone relapse. A second-line treatment with {r} was "
    "planned.",
    "She had adjuvant {e} for her stage II tumour. Liver metastases were then diagnosed on CT. "
    "We started second-line therapy with {r}.",
)
ORDINAL_AFTER_GAP_R8 = (  # time passing untold between the event and the ordinal: read it
    "Adjuvant {e} was given after mastectomy in 2014. A bone relapse was found in 2019. In "
    "2022, second-line {r} was started.",
)
ORDINAL_REGIMENS_R8 = ("capecitabine", "eribulin")
FIRST_LINE_AFTER_R8 = (  # a regimen told before the one called first-line: the count is asked
    "She took {a} for a year, and then first-line {b} gave a partial response.",
    "{A}, then first-line {b}, now responding.",
)
OTHER_WORDS_R8 = (  # words of the OTHER_LINES vocabulary said of something else
    "Liver metastases were diagnosed in 2022 and {r} was started; her CA 15-3 changed little.",
    "Bone metastases were found on MRI. The metastatic disease responded to systemic "
    "treatments, namely {r}.",
    "Lung metastases were confirmed by biopsy. She went home on {r} for subsequent treatment.",
)
OTHER_REGIMENS_R8 = ("letrozole and ribociclib", "weekly paclitaxel")
PROTEIN_BOUND_R8 = (
    "protein-bound paclitaxel",
    "paclitaxel protein-bound",
    "paclitaxel albumin-bound",
    "albumin bound paclitaxel",
    "protein bound paclitaxel",
)

BREAST_HISTORY_R8 = (  # a breast cancer told in the past, then a lesion found: the event
    "A 58-year-old woman with a history of left breast cancer treated with lumpectomy and "
    "radiotherapy.",
    "She was treated for carcinoma of the right breast six years ago.",
    "Breast carcinoma was diagnosed four years earlier and excised.",
    "Past history of invasive lobular carcinoma, operated in 2016.",
)
FOUND_LATER_R8 = (
    "CT now revealed multiple liver lesions.",
    "A bone scan demonstrated lesions in the spine and pelvis.",
    "An MRI showed a 2-cm lesion in the cerebellum.",
)
NOT_HER_HISTORY_R8 = (  # a relative's or a denied breast cancer tells no event
    "Family history of breast cancer.",
    "No history of breast cancer.",
)
UNKNOWN_TREATMENT_R8 = (  # treatment for metastatic disease told unknown: never 0
    "Liver metastases were found in 2019 and treated at another hospital; details are unknown.",
    "Liver metastases were found in 2019; the treatment she has had since is not known.",
    "Bone metastases were diagnosed in 2020. Records of her systemic therapy are unavailable.",
    "Bone metastases were diagnosed in 2020. She received unknown systemic therapy.",
    "Bone metastases were diagnosed in 2020 and she was treated abroad.",
    "Bone metastases were diagnosed in 2020. Treatment history unknown.",
)

SURGERY_AFTER_R8 = (  # drugs, then the operation of the primary: neoadjuvant, no line
    "She received {e}. A mastectomy followed, with a pathological complete response.",
    "{E} was given first; breast-conserving surgery was then performed.",
    "After {e}, she underwent lumpectomy and axillary dissection.",
)

TREATED_FOR_EVENT_R8 = (  # the event's treatment told coordinated with it, then a new finding
    "Liver metastases developed in 2019 and were treated with {r}. In 2023, a CT showed new "
    "lung nodules.",
    "Ten years later, bone metastases appeared and she was given {r}; a PET scan now shows "
    "new liver lesions.",
)


def round8_history_cases() -> Iterator[Case]:
    for frame, (words, drugs) in itertools.product(
        TREATED_FOR_EVENT_R8, FIRST_LINE_REGIMENS.items()
    ):
        yield Case(
            "the event's treatment told with it",
            frame.format(r=words),
            {"prior_lines": 1, "progressed_on": drugs},
            inferred=frozenset({"prior_lines"}),
        )
    for words, _ in FIRST_LINE_REGIMENS.items():
        # the drug she was on when the metastases were found: never counted from the event
        text = f"Bone metastases developed after 8 years on {words} and were treated with radiotherapy."
        yield Case("the event's treatment told with it", text, {}, frozenset({"prior_lines"}))
    for frame, early in itertools.product(SURGERY_AFTER_R8, EARLY_THERAPIES_R8):
        text = frame.format(e=early, E=early[0].upper() + early[1:])
        yield Case(
            "drugs told before the operation of the primary",
            text,
            {},
            frozenset({"prior_lines", "prior_therapies", "progressed_on"}),
        )
        yield Case(
            "drugs told before the operation of the primary",
            text + " Three years later, CT showed liver metastases.",
            {"prior_lines": 0},
            frozenset({"prior_therapies"}),
            inferred=frozenset({"prior_lines"}),
        )
    for told, found in itertools.product(BREAST_HISTORY_R8, FOUND_LATER_R8):
        yield Case(
            "a lesion found after a breast cancer told",
            f"{told} {found}",
            {"prior_lines": 0},
            inferred=frozenset({"prior_lines"}),
        )
        # lines told given since, unnamed: counted by nobody
        yield Case(
            "a lesion found after a breast cancer told",
            f"{told} {found} She has since had several lines of chemotherapy.",
            {},
            frozenset({"prior_lines"}),
        )
    for told, found in itertools.product(NOT_HER_HISTORY_R8, FOUND_LATER_R8):
        yield Case(
            "a lesion found after a breast cancer told",
            f"{told} {found}",
            {},
            frozenset({"prior_lines"}),
        )
    for text in UNKNOWN_TREATMENT_R8:
        yield Case("unknown metastatic treatment is no count", text, {}, frozenset({"prior_lines"}))
    regimens = FIRST_LINE_REGIMENS.items()
    for frame, p, site, (words, drugs) in itertools.product(
        STOPPED_FOR_R8, NEWLY_FOUND_R8, NEWLY_SITES_R8, spread(list(regimens), 2)
    ):
        text = frame.format(r=words, R=words[0].upper() + words[1:], p=p, s=site)
        yield Case("a new finding stops the regimen", text, {"progressed_on": drugs})
    for frame in STOPPED_FOR_R8[:1]:
        text = frame.replace("newly {p} {s}", "nausea").format(R="Capecitabine")
        yield Case("a new finding stops the regimen", text, {}, frozenset({"progressed_on"}))
    for frame, n, drug in itertools.product(
        COURSE_CONTINUED_R8, ("2", "four", "6"), COURSE_DRUGS_R8
    ):
        text = "ER- HER2- MBC. " + frame.format(n=n, d=drug)
        yield Case("a class word continued is its drug's course", text, {"progressed_on": [drug]})
    for free, (words, _) in itertools.product(FREE_NOW_R8, regimens):
        text = f"Bone metastases were found in 2021. She was started on {words} and {free}."
        yield Case(
            "progression-free told going on",
            text,
            {"prior_lines": 0},
            inferred=frozenset({"prior_lines"}),
        )
    for ended, (words, _) in itertools.product(FREE_ENDED_R8, regimens):
        text = f"Bone metastases were found in 2021. She received {words} and {ended}."
        yield Case("progression-free told going on", text, {}, frozenset({"prior_lines"}))
    for frame, early in itertools.product(EARLY_THEN_FREE_R8, EARLY_THERAPIES_R8):
        text = frame.format(e=early)
        yield Case(
            "a disease-free interval after early therapy",
            text,
            {"prior_lines": 0},
            frozenset({"prior_therapies", "progressed_on"}),
            inferred=frozenset({"prior_lines"}),
        )
        # without the disease-free interval the setting of the drugs is not told: asked
        bare = text.split(". ")[0] + ". In 2022, a bone scan showed multiple bone metastases."
        yield Case(
            "a disease-free interval after early therapy", bare, {}, frozenset({"prior_lines"})
        )
    for frame, early, regimen in itertools.product(
        ORDINAL_COUNTS_EARLY_R8, EARLY_THERAPIES_R8, ORDINAL_REGIMENS_R8
    ):
        text = frame.format(e=early, r=regimen)
        yield Case(
            "an ordinal counting the early therapy",
            text,
            {"prior_lines": 0},
            inferred=frozenset({"prior_lines"}),
        )
    for frame, early, regimen in itertools.product(
        ORDINAL_AFTER_GAP_R8, EARLY_THERAPIES_R8, ORDINAL_REGIMENS_R8
    ):
        text = frame.format(e=early, r=regimen)
        yield Case("an ordinal counting the early therapy", text, {"prior_lines": 1})
    for frame, (a, _, b) in itertools.product(FIRST_LINE_AFTER_R8, PAIRS):
        text = frame.format(a=a, A=a[0].upper() + a[1:], b=b)
        yield Case("first-line told after another regimen", text, {}, frozenset({"prior_lines"}))
    for frame, regimen in itertools.product(OTHER_WORDS_R8, OTHER_REGIMENS_R8):
        text = frame.format(r=regimen)
        yield Case(
            "line words said of something else",
            text,
            {"prior_lines": 0},
            inferred=frozenset({"prior_lines"}),
        )
    for name, opening in itertools.product(PROTEIN_BOUND_R8, ("TNBC, ", "HER2-negative MBC. ")):
        text = f"{opening}Progressed on {name}."
        drug = ["paclitaxel nanoparticle albumin-bound"]
        yield Case("nab-paclitaxel by its established name", text, {"progressed_on": drug})


# round 9 (sites9): a metastasis told through the work-up that found it (a sample of the organ
# shown to be the breast cancer by its kind, its receptor profile, its markers or its look),
# a growth at the operated chest wall, the body wall and the layer under the skin, an organ
# a mass only presses on, and a brain scan spelled out and told normal.
SAMPLED_ORGANS_R9 = {  # the word before "biopsy", the organ after "of the", the site
    ("gastric", "stomach"): "stomach",
    ("bone marrow", "bone marrow"): "bone marrow",
    ("colonic", "sigmoid colon"): "colon",
    ("bladder", "bladder"): "bladder",
    ("ovarian", "left ovary"): "ovary",
}
SAMPLE_RESULTS_R9 = (
    "showed triple-negative breast cancer",
    "was read as ILC",
    "demonstrated ER-positive (80%), PR-weakly positive (5%), HER2-negative invasive "
    "lobular carcinoma of the breast",
    "showed cells strongly positive for CK7, GATA-3 and mammaglobin",
    "showed a carcinoma identical to her primary breast tumour",
    "found tumour cells resembling the original breast carcinoma",
)
SAMPLE_FORMS_R9 = ("The {a} biopsy {r}", "A core biopsy of the {n} {r}")
WALL_SITES_R9 = {
    "She now has a hard nodule in the anterior abdominal wall, proven metastatic": ["soft tissue"],
    "Recurrence presented as subcutaneous metastases of the back": ["soft tissue"],
    "PET showed abdominal and chest wall metastases": ["chest wall", "soft tissue"],
}
OPERATED_R9 = (
    "an ulcerated nodule on the operative scar",
    "a fungating growth along the surgical site",
    "a firm mass at the mastectomy bed",
    "several nodules along the incision scar",
)
PRESSED_R9 = (
    "a large mass displacing the kidney",
    "a 6 cm mass causing extrinsic compression of the stomach",
    "a bulky mass in contact with the bladder",
    "a mass impinging on the esophagus",
)
SPELLED_SCANS_R9 = (
    "Brain magnetic resonance imaging with and without contrast was unremarkable",
    "Head computed tomography (CT) was normal",
    "Cranial magnetic resonance imaging (MRI) was negative",
)


def round9_site_cases() -> Iterator[Case]:
    for form, (word, site), result in itertools.product(
        SAMPLE_FORMS_R9, SAMPLED_ORGANS_R9.items(), SAMPLE_RESULTS_R9
    ):
        text = "She has a history of breast cancer. " + form.format(a=word[0], n=word[1], r=result)
        text += "."
        yield Case("a sample shown to be the breast cancer", text, {"metastatic_sites": [site]})
    # a sample found benign, or another cancer's, names no site
    for text in (
        "The gastric biopsy showed chronic gastritis, negative for malignancy.",
        "The colonic biopsy showed a tubular adenoma.",
    ):
        yield Case(
            "a sample shown to be the breast cancer",
            "She has a history of breast cancer. " + text,
            {},
            frozenset({"metastatic_sites"}),
        )
    for text, sites in WALL_SITES_R9.items():
        yield Case(
            "the body wall and the layer under the skin", text + ".", {"metastatic_sites": sites}
        )
    for finding in OPERATED_R9:
        text = f"Left mastectomy in 2015. In 2023 she presented with {finding}."
        yield Case(
            "a growth at the operated chest wall", text, {"metastatic_sites": ["chest wall"]}
        )
    for text in (
        "Lumpectomy in 2015. In 2023 she presented with a nodule on the surgical scar.",
        "Left mastectomy in 2015. Examination showed a well-healed operative scar.",
        "Left mastectomy in 2015. A nodule at the mastectomy scar was excised and was benign.",
    ):
        yield Case("a growth at the operated chest wall", text, {}, frozenset({"metastatic_sites"}))
    for mass in PRESSED_R9:
        text = f"Breast cancer with liver metastases. CT showed {mass}."
        yield Case("an organ a mass only presses on", text, {"metastatic_sites": ["liver"]})
    for scan in SPELLED_SCANS_R9:
        text = f"Metastatic breast cancer to bone. {scan}."
        yield Case(
            "a spelled-out brain scan told normal",
            text,
            {"brain_metastases": False, "metastatic_sites": ["bone"]},
        )


# -- round 10 fix phase (lines10) -------------------------------------------------------------
# A metastasis found through its sample, the metastatic event with no "metastasis" word: the
# sample of an organ told, its result the breast cancer (r5-0028 "Pathological examination
# confirmed the breast origin of his pleural effusion", r8-0030 "biopsies of the pylorus …
# showed TNBC", r9-0010 thoracentesis, then "cytologic results were consistent with breast
# carcinoma"). Told last, nothing given for it: the first-line setting, 0 lines (inferred).
SAMPLE_HISTORIES_R10 = (
    "History of breast cancer treated with mastectomy and adjuvant letrozole 6 years ago. ",
    "She has a history of ER+ breast cancer, lumpectomy 2015. ",
)
SAMPLE_TOLD_R10 = (
    "CT showed a mass in the {o}. A biopsy was performed and histology showed {f}.",
    "Fine-needle aspiration of the {o} was done; cytology revealed {f}.",
    "Core biopsy of the {o} confirmed {f}.",
    "The {o} specimen showed {f}.",
    "Imaging found a {o} mass. Biopsy of the mass revealed {f}.",
)
SAMPLE_ORGANS_R10 = ("liver", "stomach", "ovary", "colon", "lung", "bladder")
SAMPLE_RESULTS_R10 = (
    "adenocarcinoma consistent with a breast primary",
    "carcinoma of mammary origin",
    "invasive lobular carcinoma, GATA3 positive",
    "poorly differentiated carcinoma",
)
# the sample told without cancer: no event, no count
SAMPLE_CLEAR_R10 = (
    "Liver biopsy showed no carcinoma.",
    "The gastric biopsy revealed no evidence of malignancy.",
    "Cytology of the pleural fluid was negative for carcinoma.",
)


# A sequential anthracycline-then-taxane schedule (AC-T, EC-T) is one course, one line
# (r8-0081 "4 cycles of cyclophosphamide and doxorubicin followed by weekly paclitaxel" read
# as 2); a progression between them makes two.
AC_FORMS_R10 = (
    "AC",
    "EC",
    "doxorubicin and cyclophosphamide",
    "4 cycles of epirubicin plus cyclophosphamide",
    "dose-dense doxorubicin/cyclophosphamide",
)
TAXANE_FORMS_R10 = ("weekly paclitaxel", "docetaxel", "nab-paclitaxel", "12 cycles of paclitaxel")
COURSE_OPENINGS_R10 = ("Metastatic TNBC with liver mets. ", "ER- HER2- MBC, lung metastases. ")


# Told after the event, a treatment only intended or planned ("The oncologist wishes to begin
# chemotherapy", r6-0099; "… revealed metastatic carcinoma, subsequently planned for
# chemotherapy", r9-0033) or early-disease treatment listed after "after" past a comma
# (r7-0050) is no line given: the 0 at the event stands (inferred).
EVENTS_R10 = (
    "CT revealed multiple liver metastases.",
    "A bone scan showed widespread bone metastases.",
    "Biopsy of the lung nodule revealed metastatic breast carcinoma.",
)
INTENDED_R10 = (
    "The oncologist wishes to begin chemotherapy.",
    "The team intends to start endocrine therapy.",
    "Her oncologist wants to start systemic treatment.",
    "The plan is to begin chemotherapy after recovery.",
)
EVENT_WITH_EARLY_OR_PLAN_R10 = (
    "She developed liver metastases four years after lumpectomy with neoadjuvant chemotherapy,"
    " adjuvant radiation, and adjuvant hormonal therapy.",
    "Bone metastases were detected three years after mastectomy, adjuvant chemotherapy, and"
    " incomplete adjuvant endocrine therapy.",
    "CT revealed lung metastases, and she was planned for chemotherapy.",
    "Biopsy confirmed metastatic breast cancer; she was subsequently scheduled for chemotherapy.",
)
EVENT_HISTORY_R10 = "History of breast cancer treated with lumpectomy in 2016. "


# One combination told after the event, its drugs in one sentence with a combination word or a
# class word's bracketed members (r5-0043 "capecitabine, oral vinorelbine and trastuzumab
# combination therapy", r2-0054 "… accompanied by palbociclib", r2-0089 "systemic chemotherapy
# (epirubicin, cyclophosphamide, 5-fluorouracil)"), responding: one line begun, 0 given.
COMBINATIONS_R10 = (
    "capecitabine, vinorelbine and trastuzumab combination therapy",
    "fulvestrant and goserelin, accompanied by palbociclib",
    "systemic chemotherapy (epirubicin, cyclophosphamide, 5-fluorouracil)",
    "docetaxel and trastuzumab along with pertuzumab",
    "paclitaxel, carboplatin and pembrolizumab in combination",
)
RESPONDING_R10 = ("Three months later, her symptoms had improved.", "She is responding well.")


def round10_lines_cases() -> Iterator[Case]:
    lines = frozenset({"prior_lines"})
    zero = {"prior_lines": 0}
    for event, combination, responding in itertools.product(
        EVENTS_R10[:2], COMBINATIONS_R10, RESPONDING_R10
    ):
        text = f"{EVENT_HISTORY_R10}{event} She was treated with {combination}. {responding}"
        yield Case("a combination told as one is one line", text, zero, inferred=lines)
    for event in EVENTS_R10[:2]:
        text = (
            f"{EVENT_HISTORY_R10}{event} She was treated with capecitabine, then eribulin in"
            " combination with nothing else, and progressed."
        )
        yield Case("a combination told as one is one line", text, {"prior_lines": 2})
    for event, intended in itertools.product(EVENTS_R10, INTENDED_R10):
        text = f"{EVENT_HISTORY_R10}{event} {intended}"
        yield Case("a treatment only intended is no line", text, zero, inferred=lines)
        for given in LINE_GIVEN_AFTER:
            yield Case("a line given after the event is no 0", f"{text} {given}", {}, lines)
    for told in EVENT_WITH_EARLY_OR_PLAN_R10:
        text = EVENT_HISTORY_R10 + told
        yield Case("a treatment only intended is no line", text, zero, inferred=lines)
    for opening, ac, taxane, joiner in itertools.product(
        COURSE_OPENINGS_R10, AC_FORMS_R10, TAXANE_FORMS_R10, (" followed by ", " then ")
    ):
        course = (
            f"{opening}First-line {ac}{joiner}{taxane} for metastatic disease; progression "
            "after 10 months. Then capecitabine, then eribulin; now progressing on eribulin."
        )
        yield Case("an anthracycline-taxane course is one line", course, {"prior_lines": 3})
        two = f"{opening}She received {ac}, progressed, then {taxane}, and progressed again."
        yield Case("an anthracycline-taxane course is one line", two, {"prior_lines": 2})
    for history, told, organ, result in itertools.product(
        SAMPLE_HISTORIES_R10, SAMPLE_TOLD_R10, SAMPLE_ORGANS_R10, SAMPLE_RESULTS_R10
    ):
        text = history + told.format(o=organ, f=result)
        yield Case(
            "a metastasis found through its sample", text, {"prior_lines": 0}, inferred=lines
        )
    for history, told, given in itertools.product(
        SAMPLE_HISTORIES_R10, SAMPLE_TOLD_R10, LINE_GIVEN_AFTER
    ):
        text = f"{history}{told.format(o='liver', f=SAMPLE_RESULTS_R10[0])} {given}"
        yield Case("a line given after the sampled event is no 0", text, {}, lines)
    for history, clear in itertools.product(SAMPLE_HISTORIES_R10, SAMPLE_CLEAR_R10):
        yield Case("a sample without cancer is no event", history + clear, {}, lines)


# -- round 10 phase B (lines10b): why the inferred 0 at a told event stayed unset --------------
# Round 10 labelled 0 at eleven discoveries the reader left unset. The classes, in wording the
# corpus does not have: a treatment refused/declined/not sought (r10-0097 "she refused
# chemotherapy, radiotherapy and other topical treatments", r10-0112 "refusal of proper
# medical treatment"); a background sentence about the disease in general (r10-0006 "… is
# rare, often emerging later in disease progression"); a symptom in an adjective list
# (r10-0039 "progressive, painless swelling"); the primary's treatment told back (r10-0101
# "who had been previously treated for breast cancer"); the event told as the FIRST
# metastasis, so what was given before it was early (r10-0078); a skin spread named by its
# form and a misdiagnosis treated first (r10-0079 carcinoma erysipeloides, topical steroids
# for "eczematous dermatitis"); "indicated" as the verb of a finding (r10-0036).
R10B_EVENTS = (
    "CT of the chest revealed multiple lung metastases.",
    "Biopsy of the liver lesion confirmed metastatic breast carcinoma.",
    "A bone scan demonstrated metastases in the spine and pelvis.",
)
R10B_REFUSED = (
    "She refused chemotherapy, radiotherapy and any other treatments.",
    "She declined systemic treatment.",
    "She declined all further therapies.",
    "She delayed seeking medical treatment for a year.",
)
R10B_BACKGROUND = (
    "Metastases of breast cancer to the {o} are rare, usually appearing late in disease"
    " progression.",
    "Involvement of the {o} is uncommon and typically reflects progressive disease.",
    "Secondary tumours of the {o} are infrequent and often occur with progressive disease"
    " elsewhere.",
)
R10B_BACKGROUND_ORGANS = ("orbit", "stomach", "pancreas")
R10B_CASE_AFTER = (
    "We report a 58-year-old woman with a history of breast cancer; biopsy of the {o} mass"
    " revealed metastatic lobular carcinoma.",
    "This report describes the case of a 62-year-old woman with metastases to the {o} from"
    " breast cancer, confirmed on biopsy.",
)
R10B_SYMPTOM_LISTS = (
    "progressive, painless swelling of the eyelids",
    "progressive, painful swelling of the jaw",
    "progressive, intermittent blurring of vision",
    "progressive, numbing pain in the chin",
)
R10B_TOLD_BACK = (
    "The patient, a 52-year-old woman who had been previously treated for breast cancer,"
    " reported blurred vision.",
    "She had been treated for left breast cancer six years earlier and now reported bone pain.",
    "A 60-year-old woman, who had previously undergone treatment for invasive ductal"
    " carcinoma of the breast, presented with a cough.",
)
R10B_TOLD_BACK_METASTATIC = (
    "She had been treated for breast cancer with bone metastases five years earlier.",
    "She had previously been treated for metastatic breast cancer.",
)
R10B_FIRST = (
    "A {o} metastasis appeared as the first sign of metastatic disease.",
    "A {o} lesion was the first manifestation of recurrence; biopsy confirmed breast cancer.",
    "A biopsy-proven {o} metastasis was her first relapse of breast cancer.",
)
R10B_FIRST_ORGANS = ("skin", "liver", "bone")
R10B_BACK_DRUGS = (
    "She had been treated with letrozole for 18 months.",
    "She had received tamoxifen for five years.",
    "She had previously been given anastrozole.",
)
R10B_SKIN_FORMS = (
    "We present a case of carcinoma erysipeloides in a 51-year-old woman operated on for breast"
    " cancer two years earlier.",
    "A 66-year-old woman with a past history of breast cancer presented with carcinoma"
    " telangiectaticum of the chest.",
)
R10B_MISDIAGNOSES = (
    "She had initially been treated with topical steroids for presumed eczema, without response.",
    "She was first treated with antibiotics for cellulitis, without improvement.",
    "Topical corticosteroids were given for a suspected dermatitis, with no response.",
)
R10B_INDICATED = (
    "Loss of staining for ER, PR and HER2 indicated metastatic triple negative breast carcinoma.",
    "The immunohistochemical profile of the {o} lesion indicated metastatic breast cancer.",
)


def round10b_lines_cases() -> Iterator[Case]:
    lines = frozenset({"prior_lines"})
    zero = {"prior_lines": 0}
    history = "History of breast cancer treated with lumpectomy in 2015. "
    for event, refused in itertools.product(R10B_EVENTS, R10B_REFUSED):
        text = f"{history}{event} {refused}"
        yield Case("a treatment refused is none given", text, zero, inferred=lines)
        given = f"{text} She was then treated with paclitaxel and progressed."
        yield Case("a treatment refused is none given", given, {"prior_lines": 1})
    for frame, organ, case in itertools.product(
        R10B_BACKGROUND, R10B_BACKGROUND_ORGANS, R10B_CASE_AFTER
    ):
        text = f"{frame.format(o=organ)} {case.format(o=organ)}"
        yield Case("a background sentence is no event", text, zero, inferred=lines)
    for symptom, event in itertools.product(R10B_SYMPTOM_LISTS, R10B_EVENTS):
        text = f"{history}A 55-year-old woman presented with {symptom}. {event}"
        yield Case("a symptom in an adjective list is no progression", text, zero, inferred=lines)
    for back, event in itertools.product(R10B_TOLD_BACK, R10B_EVENTS):
        text = f"{back} {event}"
        yield Case("the primary's treatment told back is early", text, zero, inferred=lines)
    for back, event in itertools.product(R10B_TOLD_BACK_METASTATIC, R10B_EVENTS):
        text = f"{event} {back}"
        yield Case("the primary's treatment told back is early", text, {}, lines)
    for first, organ, drug in itertools.product(R10B_FIRST, R10B_FIRST_ORGANS, R10B_BACK_DRUGS):
        text = f"{first.format(o=organ)} {drug}"
        yield Case("drugs before the first metastasis are early", text, zero, inferred=lines)
    for event, drug in itertools.product(R10B_EVENTS, R10B_BACK_DRUGS):
        # not told as the first metastasis: the drug may have been a line, the count asked
        yield Case("drugs before the first metastasis are early", f"{event} {drug}", {}, lines)
    for form, misdiagnosis in itertools.product(R10B_SKIN_FORMS, R10B_MISDIAGNOSES):
        text = f"{form} {misdiagnosis}"
        yield Case("a skin spread named by its form", text, zero, inferred=lines)
    for told, organ in itertools.product(R10B_INDICATED, ("oral", "eyelid", "skin")):
        text = f"A 41-year-old woman with a history of breast cancer. {told.format(o=organ)}"
        yield Case("a finding told with indicated", text, zero, inferred=lines)
    yield Case(
        "a finding told with indicated",
        "Chemotherapy is indicated if metastatic disease is found.",
        {},
        lines,
    )


# -- round 10 (misc10): ages told at an earlier event, receptor panels in other word orders --
EVENT_AGE_FRAMES_R10 = (
    "She was treated for ER+ breast cancer as a {a}-year-old woman",
    "Lumpectomy for HR-positive breast cancer was done when she was {a} years old",
    "At {a} years of age she had a mastectomy for ER+ IDC",
    "Diagnosed with luminal breast cancer as a {a}-year-old premenopausal woman",
)
LATER_TIMES_R10 = (
    "Nine years after surgery bone metastases appeared",
    "Twelve years later she relapsed in the liver",
    "After 7 years lung metastases were found",
    "Several years on, pleural metastases were confirmed",
)
PANEL_MARKERS_R10 = ("thyroglobulin", "calcitonin and chromogranin", "vimentin, synaptophysin")
PANEL_VALUES_R10 = {  # value word -> hormone_receptor
    "negativity for": "negative",
    "positivity for": "positive",
    "negative staining for": "negative",
}


def round10_misc_cases() -> Iterator[Case]:
    for frame, later, age in itertools.product(EVENT_AGE_FRAMES_R10, LATER_TIMES_R10, (38, 44, 51)):
        text = frame.format(a=age) + ". " + later + "."
        yield Case(
            "an age told at an earlier event", text, {}, frozenset({"age", "menopausal_status"})
        )
    for markers, (value, hr) in itertools.product(PANEL_MARKERS_R10, PANEL_VALUES_R10.items()):
        text = (
            f"Immunohistochemistry of the nodal metastasis showed {value} {markers}, "
            "estrogen receptor, and progesterone receptor."
        )
        yield Case("a work-up panel before the receptors", text, {"hormone_receptor": hr})
    for value, hr in (("positive", "positive"), ("negative", "negative")):
        for other in ("positive GATA-3", "negative CK20", "positive mammaglobin"):
            text = (
                f"Core biopsy of the liver: {value} ER and PR, {other}, negative HER2, Ki-67 30%."
            )
            yield Case(
                "a value-first panel member",
                text,
                {"hormone_receptor": hr, "her2": "negative"},
            )


# -- round 10 (sites10): anatomical sub-sites from the ICD-O-3 topography table ---------------
# Every term of chatbot/nlp/rules/topography.yaml is read as the site its row names, in
# wording the real corpus does not use (the table is the vocabulary, not the sentences), and
# a denied list of them names none. Work-up verbs a report states its finding with.
TOPOGRAPHY_FRAMES_R10 = (
    "Known breast cancer; PET-CT now shows metastases in the {t}.",
    "Breast cancer, recurrent with a new deposit involving the {t}.",
    "Metastatic lobular carcinoma of the breast to the {t} and liver.",
)
TOPOGRAPHY_ADJECTIVE_FRAMES_R10 = (
    "MBC, new {a} metastasis on imaging.",
    "ER+ breast cancer with {a} and bone metastases.",
)
TOPOGRAPHY_DENIED_R10 = (
    "Breast cancer. CT: no {t}, liver or adrenal lesions.",
    "No evidence of metastasis in the {t} or lungs.",
)
# terms another reading of the same words takes first ("mouth": "floor of the mouth" is one
# term), kept out of the frames but not of the table
TOPOGRAPHY_SKIP_R10 = frozenset()
REPORT_VERBS_R10 = (  # round 10: a report's finding told with the other verbs
    "Histology documented breast cancer metastasis",
    "The surgical specimen highlighted the presence of metastasis from a ductal breast carcinoma",
    "A metastasis of the breast cancer was established on immunohistochemistry",
    "Immunostaining identified the cells as metastatic lobular carcinoma",
    "The histological examination confirmed the diagnosis of breast adenocarcinoma",
)
SAMPLED_FROM_R10 = (  # round 10: the sample taken from the organ, or the organ removed
    ("A biopsy taken from the {t} revealed metastatic ductal carcinoma", True),
    ("Histopathology of the resected {t} showed metastatic lobular breast carcinoma", True),
    ("Specimens obtained from the {t} showed carcinoma of breast origin", True),
    ("A biopsy taken from the {t} showed no malignancy", False),
)
SAMPLED_ORGANS_R10 = ("gallbladder", "parotid gland", "tongue", "lacrimal gland", "hypopharynx")
REPORT_OF_THE_BREAST_R10 = (  # the breast's own sample confirms the primary: no site
    "Core biopsy of the left breast mass confirmed the diagnosis of breast carcinoma",
    "Biopsy of the lump in her breast established breast adenocarcinoma",
)
REPORT_FINDINGS_R10 = (  # an organ finding the next sentence's report confirms
    ("A mass was seen in the gallbladder wall", "gallbladder"),
    ("Endoscopy showed an ulcerated lesion of the hypopharynx", "hypopharynx"),
    ("MRI showed a mass in the lacrimal gland", "lacrimal gland"),
    ("CT showed thickening of the brachial plexus", "brachial plexus"),
)


def _topography_rows() -> list[dict[str, Any]]:
    from pathlib import Path

    import yaml

    path = Path(__file__).resolve().parent.parent / "chatbot" / "nlp" / "rules" / "topography.yaml"
    return list(yaml.safe_load(path.read_text(encoding="utf-8")))


def round10_site_cases() -> Iterator[Case]:
    for row in _topography_rows():
        site = str(row["site"])
        terms = [t for t in row.get("terms") or () if t not in TOPOGRAPHY_SKIP_R10]
        for term, frame in zip(terms, itertools.cycle(TOPOGRAPHY_FRAMES_R10), strict=False):
            expect = [site, "liver"] if "liver" in frame else [site]
            yield Case(
                "an ICD-O-3 sub-site read as its site",
                frame.format(t=term),
                {"metastatic_sites": expect},
            )
        for adjective, frame in zip(
            row.get("adjectives") or (),
            itertools.cycle(TOPOGRAPHY_ADJECTIVE_FRAMES_R10),
            strict=False,
        ):
            expect = [site, "bone"] if "bone" in frame else [site]
            yield Case(
                "an ICD-O-3 sub-site adjective under a metastasis word",
                frame.format(a=adjective),
                {"metastatic_sites": expect},
            )
        for term in row.get("only_with_metastasis") or ():
            # a body part told of a symptom is a site only with its metastasis word
            yield Case(
                "an ICD-O-3 sub-site read as its site",
                f"Breast cancer, now with a metastasis to the {term}.",
                {"metastatic_sites": [site]},
            )
            yield Case(
                "a denied list of sub-sites names none",
                f"MBC on everolimus; swelling of the {term}. CT revealed metastatic progression.",
                {},
                frozenset({"metastatic_sites"}),
            )
        for frame in TOPOGRAPHY_DENIED_R10:
            yield Case(
                "a denied list of sub-sites names none",
                frame.format(t=terms[0]),
                {},
                frozenset({"metastatic_sites"}),
            )
    for (finding, site), verb in itertools.product(REPORT_FINDINGS_R10, REPORT_VERBS_R10):
        text = f"She had breast cancer treated 10 years ago. {finding}. {verb}."
        yield Case("a work-up finding a report confirms", text, {"metastatic_sites": [site]})
    for (frame, spread_there), term in itertools.product(SAMPLED_FROM_R10, SAMPLED_ORGANS_R10):
        text = "She had breast cancer treated 10 years ago. " + frame.format(t=term) + "."
        site = {"parotid gland": "parotid"}.get(term, term)
        if spread_there:
            yield Case("a work-up finding a report confirms", text, {"metastatic_sites": [site]})
        else:
            yield Case(
                "a work-up finding a report confirms", text, {}, frozenset({"metastatic_sites"})
            )
    for verb in REPORT_OF_THE_BREAST_R10:
        text = f"CT showed thickening of the bladder wall. {verb}."
        yield Case("a work-up finding a report confirms", text, {}, frozenset({"metastatic_sites"}))


# round 10 fix phase B (sites10b): a brain treatment joined to a list of drugs by a connective
# its done word leads ("was treated with oral abemaciclib and letrozole, as well as external
# beam radiotherapy to the brain"); the same list planned stays active
BRAIN_LIST_OPENING_R10B = "Staging revealed metastatic breast cancer involving the brain and lung. "
BRAIN_LIST_DONE_R10B = (
    "She was treated with oral abemaciclib and letrozole, {c} {t}.",
    "She received palbociclib plus fulvestrant {c} {t}.",
    "She was started on ribociclib and letrozole {c} {t}.",
    "Treatment consisted of capecitabine {c} {t}.",
)
BRAIN_LIST_PLANNED_R10B = (
    "She will be treated with abemaciclib and letrozole, {c} {t}.",
    "The plan is to start palbociclib plus fulvestrant {c} {t}.",
    "She is to receive capecitabine {c} {t}.",
)
BRAIN_LIST_CONNECTIVES_R10B = (
    "as well as",
    "along with",
    "together with",
    "in addition to",
    "combined with",
    "plus",
)
BRAIN_LIST_TREATMENTS_R10B = (
    "external beam radiotherapy to the brain",
    "palliative radiotherapy to the brain",
    "hypofractionated stereotactic radiotherapy",
    "whole brain radiotherapy",
    "gamma knife radiosurgery",
)
# an eye, orbit or brain sub-site (ICD-O-3 C69, C71) told with its metastasis
EYE_BRAIN_SUBSITES_R10B = (
    ("a subconjunctival mass", "eye"),
    ("a mass of the bulbar conjunctiva", "eye"),
    ("an infiltrated optic disc", "eye"),
    ("a lesion of the optic nerve head", "eye"),
    ("a scleral nodule", "eye"),
    ("a choroidal occupying lesion", "eye"),
    ("an enhancing lesion in the optic canal", "orbit"),
    ("a mass of the optic nerve sheath", "orbit"),
    ("a right pontine mass", "brain"),
    ("an enhancing hypothalamic lesion", "brain"),
)
EYE_BRAIN_REPORTS_R10B = (
    "Biopsy revealed metastatic carcinoma compatible with a breast primary",
    "Histopathology confirmed metastatic breast carcinoma",
)
# an organ a sample was taken of, its report in the next sentence
SAMPLED_ORGANS_R10B = (
    ("A bilateral biopsy of the upper eyelids showed diffuse infiltration", "eyelid"),
    ("A biopsy was taken of the conjunctival swelling as well as of the lacrimal gland", None),
    ("An incisional biopsy was taken from the parotid gland", "parotid"),
    ("Samples were obtained from the tongue", "tongue"),
)
SAMPLE_REPORTS_R10B = (
    ("Histologic features were consistent with metastatic breast cancer", True),
    ("Both tissues showed infiltration with lobular breast carcinoma metastases", True),
    ("Histology showed chronic inflammation only, with no malignancy", False),
)
# the nodes closing a list of distant organs that shares their metastasis word are M1
NODE_LISTS_R10B = (
    "She was diagnosed with right breast ductal carcinoma in 2012 and in 2015 with liver, bone,"
    " and axillary lymph node metastases.",
    "Invasive ductal carcinoma of the left breast was found in 2018; in 2020 she presented with"
    " lung, pleural and supraclavicular lymph node metastases.",
    "A 45-year-old woman was diagnosed with breast carcinoma but did not receive any treatment"
    " until she was diagnosed with stage 4 disease with liver and axillary lymph node metastases.",
)
NODE_LISTS_SITES_R10B = (["liver", "bone"], ["lung", "pleura"], ["liver"])


def round10b_site_cases() -> Iterator[Case]:
    for frame, connective, treatment in itertools.product(
        BRAIN_LIST_DONE_R10B, BRAIN_LIST_CONNECTIVES_R10B, BRAIN_LIST_TREATMENTS_R10B
    ):
        text = BRAIN_LIST_OPENING_R10B + frame.format(c=connective, t=treatment)
        yield Case("brain treatment told as done", text, {"brain_metastases": False})
    for frame, connective, treatment in itertools.product(
        BRAIN_LIST_PLANNED_R10B, BRAIN_LIST_CONNECTIVES_R10B, BRAIN_LIST_TREATMENTS_R10B[:2]
    ):
        text = BRAIN_LIST_OPENING_R10B + frame.format(c=connective, t=treatment)
        yield Case("brain treatment not done", text, {"brain_metastases": True})
    for (finding, site), report in itertools.product(
        EYE_BRAIN_SUBSITES_R10B, EYE_BRAIN_REPORTS_R10B
    ):
        text = f"She had breast cancer treated 8 years ago. MRI showed {finding}. {report}."
        expect: dict[str, Any] = {"metastatic_sites": [site]}
        if site == "brain":
            expect["brain_metastases"] = True
        yield Case("a work-up finding a report confirms", text, expect)
    for (sample, site), (report, malignant) in itertools.product(
        SAMPLED_ORGANS_R10B, SAMPLE_REPORTS_R10B
    ):
        text = f"She had breast cancer treated 8 years ago. {sample}. {report}."
        sites = ["eye", "lacrimal gland"] if site is None else [site]
        if malignant:
            yield Case("a work-up finding a report confirms", text, {"metastatic_sites": sites})
        else:
            absent = frozenset({"metastatic_sites"})
            yield Case("a work-up finding a report confirms", text, {}, absent)
    for text, distant in zip(NODE_LISTS_R10B, NODE_LISTS_SITES_R10B, strict=True):
        yield Case(
            "regional nodes at diagnosis", text, {"metastatic_sites": [*distant, "lymph nodes"]}
        )


# -- round 11 (misc12) ------------------------------------------------------------------------
# A receptor panel written with each value in brackets ("ER (+), PgR (−), HER2 (3+), and
# E-cadherin (−)"): each receptor takes its own value; a bracket holding a value is never an
# explanation of the name (every receptor took the last marker's "(−)": ER+ HER2 3+ read
# negative, a sign flip).
BRACKET_ER_R11 = {"(+)": "positive", "(−)": "negative", "(-)": "negative", "(+++)": "positive"}
BRACKET_ER_R11 |= {"(95%)": "positive", "(0%)": "negative"}
BRACKET_PR_R11 = {"(+)": "positive", "(−)": "negative", "(-)": "negative", "(++)": "positive"}
BRACKET_HER2_R11 = {
    "(0)": ("negative", False),
    "(1+)": ("negative", True),
    "(3+)": ("positive", None),
    "(−)": ("negative", None),
    "(-)": ("negative", None),
}
BRACKET_TAILS_R11 = (
    ", and E-cadherin (−)",
    ", and E-cadherin (+)",
    ", and CK7 (+)",
    ", GATA3 (+) and Ki-67 (30%)",
    "",
    ", and CK20 (-)",
)
BRACKET_NAMES_R11 = (("ER", "PgR", "HER2"), ("ER", "PR", "HER2"), ("ER", "PR", "HER-2"))
# the receptor spellings round 11 had: the name without "growth factor", a comma before a score
RECEPTOR_WORDS_R11 = (
    ("negative human epidermal receptor-2 status", {"her2": "negative"}),
    # round 15: "human" left out with the "2" written (r15-0028); without the "2" it is EGFR
    (
        "oestrogen receptor and epidermal growth factor receptor 2 (HER2) positive",
        {"hormone_receptor": "positive", "her2": "positive"},
    ),
    ("epidermal growth factor receptor 2 negative", {"her2": "negative"}),
    ("epidermal growth factor receptor (EGFR) positive", {}),
    ("human epidermal receptor 2 positive", {"her2": "positive"}),
    ("human epidermal receptor-2 (HER2) negative", {"her2": "negative"}),
    ("human epidermal growth factor receptor 2 score, 1+", {"her2": "negative", "her2_low": True}),
    ("HER2 score, 3+", {"her2": "positive"}),
    ("HER2, 0", {}),
    (
        "estrogen receptor, 95%; progesterone receptor, 0%; HER2 score, 1+",
        {"hormone_receptor": "positive", "her2": "negative", "her2_low": True},
    ),
)
# One term of every ICD-O-3 topography code C00-C77 (the third column is the site as the
# labels write it; tests/data/real/FORMAT.md): every code is read, through the table
# (rules/topography.yaml) or the hand-written vocabulary (rules/fact_patterns.yaml).
ICDO3_TERMS_R11 = (
    ("C00", "lower lip", "lip"),
    ("C01", "base of tongue", "tongue"),
    ("C02", "tongue", "tongue"),
    ("C03", "gingiva", "oral cavity"),
    ("C04", "floor of mouth", "oral cavity"),
    ("C05", "hard palate", "oral cavity"),
    ("C06", "buccal mucosa", "oral cavity"),
    ("C07", "parotid gland", "parotid"),
    ("C08", "submandibular gland", "salivary gland"),
    ("C09", "tonsil", "tonsil"),
    ("C10", "oropharynx", "oropharynx"),
    ("C11", "nasopharynx", "nasopharynx"),
    ("C12", "pyriform sinus", "hypopharynx"),
    ("C13", "hypopharynx", "hypopharynx"),
    ("C14", "pharynx", "pharynx"),
    ("C15", "esophagus", "esophagus"),
    ("C16", "stomach", "stomach"),
    ("C17", "small intestine", "small bowel"),
    ("C17", "duodenum", "small bowel"),
    ("C18", "colon", "colon"),
    ("C20", "rectum", "rectum"),
    ("C21", "anal canal", "anus"),
    ("C22", "liver", "liver"),
    ("C23", "gallbladder", "gallbladder"),
    ("C24", "extrahepatic bile duct", "bile duct"),
    ("C24", "ampulla of vater", "ampulla of vater"),
    ("C25", "pancreas", "pancreas"),
    ("C30", "nasal cavity", "nasal cavity"),
    ("C30", "middle ear", "middle ear"),
    ("C31", "maxillary sinus", "paranasal sinus"),
    ("C32", "larynx", "larynx"),
    ("C33", "trachea", "trachea"),
    ("C34", "lung", "lung"),
    ("C34", "main bronchus", "lung"),
    ("C37", "thymus", "thymus"),
    ("C38", "heart", "heart"),
    ("C38", "pleura", "pleura"),
    ("C40", "femur", "bone"),
    ("C41", "vertebra", "bone"),
    ("C42", "bone marrow", "bone marrow"),
    ("C42", "spleen", "spleen"),
    ("C44", "skin", "skin"),
    ("C47", "brachial plexus", "brachial plexus"),
    ("C47", "sciatic nerve", "peripheral nerve"),
    ("C48", "retroperitoneum", "retroperitoneum"),
    ("C48", "peritoneum", "peritoneum"),
    ("C49", "skeletal muscle", "soft tissue"),
    ("C51", "vulva", "vulva"),
    ("C52", "vagina", "vagina"),
    ("C53", "cervix", "cervix"),
    ("C54", "endometrium", "uterus"),
    ("C55", "uterus", "uterus"),
    ("C56", "ovary", "ovary"),
    ("C57", "fallopian tube", "fallopian tube"),
    ("C57", "broad ligament", "broad ligament"),
    ("C57", "parametrium", "parametrium"),
    ("C58", "placenta", "placenta"),
    ("C60", "penis", "penis"),
    ("C61", "prostate", "prostate"),
    ("C62", "testis", "testis"),
    ("C63", "epididymis", "epididymis"),
    ("C63", "spermatic cord", "spermatic cord"),
    ("C63", "scrotum", "scrotum"),
    ("C64", "kidney", "kidney"),
    ("C65", "renal pelvis", "kidney"),
    ("C66", "ureter", "ureter"),
    ("C67", "bladder", "bladder"),
    ("C68", "urethra", "urethra"),
    ("C69", "choroid", "eye"),
    ("C69", "orbit", "orbit"),
    ("C69", "lacrimal gland", "lacrimal gland"),
    ("C71", "cerebellum", "brain"),
    ("C72", "spinal cord", "spinal cord"),
    ("C72", "cauda equina", "spinal cord"),
    ("C73", "thyroid gland", "thyroid"),
    ("C74", "adrenal gland", "adrenal"),
    ("C75", "parathyroid gland", "parathyroid"),
    ("C75", "pituitary gland", "pituitary"),
    ("C75", "carotid body", "carotid body"),
)
ICDO3_FRAMES_R11 = (
    "Breast cancer with metastases to the {t}.",
    "Known MBC; biopsy confirmed a metastasis in the {t}.",
)
# an organ of two words in the plural
PLURAL_ORGANS_R11 = (
    ("both chest walls", "chest wall"),
    ("the bilateral chest walls", "chest wall"),
    ("the thoracic walls", "chest wall"),
    ("both fallopian tubes", "fallopian tube"),
    ("both adrenal glands", "adrenal"),
)
# a generic organ written as the one part of it the text names
GENERIC_PARTS_R11 = (
    (
        "CT revealed thickening of the small intestine wall. The operation confirmed intestinal"
        " involvement of breast cancer.",
        ["small bowel"],
    ),
    (
        "A mass in the left adnexa was found. Histology revealed a metastasis of breast carcinoma"
        " in the fimbria of the left fallopian tube.",
        ["fallopian tube"],
    ),
    (
        "Colonoscopy showed a stricture of the sigmoid colon; biopsy confirmed bowel metastasis"
        " from lobular breast cancer.",
        ["colon"],
    ),
    # two parts named: the generic organ stays
    (
        "Breast cancer with bowel metastasis; the colon and the small intestine were both"
        " inspected at surgery.",
        ["bowel"],
    ),
)
# a micrometastasis, a disease residue, a concession after the finding
FINDING_WORDS_R11 = (
    ("Breast malignancy with placental micrometastasis.", ["placenta"]),
    (
        "Breast cancer with placental micrometastasis despite an unremarkable gross appearance.",
        ["placenta"],
    ),
    ("Lobular breast cancer with ovarian micrometastases despite normal imaging.", ["ovary"]),
    ("Metastatic breast cancer with disease residue at the pituitary level.", ["pituitary"]),
    (
        "Laryngoscopy revealed liquid residue in the vallecula. Breast cancer with bone metastases.",
        ["bone"],
    ),
)
# a short real word is no misspelt site word ("small lesions" is not "scalp lesions", "lower
# abdomen" not "liver")
SHORT_WORDS_R11 = (
    "MRI showed two small lesions.",
    "She reported pain in the right lower abdomen.",
    "Other small lesions on the right were seen.",
    # two substitutions in eight letters: "solitary" is no "salivary"
    "PET confirmed a solitary metastasis.",
    "A solitary mass was found.",
)
# an age with a space before its hyphen
SPACED_AGES_R11 = (
    "a {a} -year-old woman",
    "We report a {a} -years-old patient",
    "{a} -yo female",
    # round 15: a space after the hyphen (r14-0004)
    "The {a}- year-old woman developed a breast lump",
    "a {a}- years-old female",
)
# a carer's message about the relative who is the patient; the writer's own cancer, or a
# relative named later, keeps the family reading
CARER_AGES_R11 = (
    ("Its about my mother in law {a}yrs, diagnosed with ca breast stage 4 with bone mets.", True),
    ("My mother, {a}, has metastatic breast cancer to the bone.", True),
    ("Hi, my mom {a}yrs has MBC in her liver. What next?", True),
    ("My mother had breast cancer at {a}. I was diagnosed with ER+ MBC last year.", False),
)

# heart function told over time: a normal heart told as her earlier state yields to a failing
# one told after it; without a past cue the two still disagree (asked, no value)
HEART_EARLIER_R11 = (
    "She had maintained normal cardiac function",
    "She had no pre-existing cardiovascular disease",
    "She had a normal ejection fraction",
)
HEART_LATER_R11 = (
    "Echocardiography now revealed LVEF {v}%",
    "12 weeks after trastuzumab, echocardiography showed an LVEF of {v}%",
)
HEART_UNTIMED_R11 = ("No heart failure; LVEF {v}%.", "LVEF {v}%. No heart failure.")

# a list told after a colon that a metastasis word leads
COLON_LISTS_R11 = (  # (frame, the other site the list names; None: no site)
    ("She relapsed with isolated metastatic disease in an unusual location: {a} disease.", ""),
    ("Metastases at unusual sites: {a} and splenic.", "spleen"),
    ("Recurrence 7 years later, metastatic to two sites: {a} and pericardial.", "pericardium"),
    ("She was screened, without metastases: {a} and splenic lesions were benign.", None),
)
COLON_ADJECTIVES_R11 = (
    ("intracardiac", "heart"),
    ("pancreatic", "pancreas"),
    ("adrenal", "adrenal"),
)

# a finding the next sentence's report confirms as the cancer come back, or denies
REPORTED_FINDINGS_R11 = (
    ("Her left axillary swelling increased in size", "lymph nodes"),
    ("CT showed thickening of the bladder wall", "bladder"),
    ("Endoscopy showed narrowing of the esophagus", "esophagus"),
)
REPORTS_R11 = (
    ("FNAC was reported as IDC, recurrence.", True),
    ("The biopsy was reported as recurrent breast carcinoma.", True),
    ("Biopsy showed no metastasis.", False),
    ("Biopsy showed no recurrence.", False),
    ("Histology showed no signs of metastatic disease.", False),
)

# a receptor status told changed without its new value: the earlier one is not current
SWITCH_OPENINGS_R11 = (
    "TNBC diagnosed in 2015",
    "ER-negative, HER2-negative breast cancer treated in 2014",
    "ER+ HER2 0 breast cancer in 2016",
)
SWITCH_PHRASES_R11 = (
    "with a HER2 status switch during the course of the disease",
    "and a change in HER2 status on the liver biopsy",
    "with HER2 conversion noted at relapse",
    "with HER2 discordance between primary and metastasis",
)


def round11_misc_cases() -> Iterator[Case]:
    panels = list(
        itertools.product(
            BRACKET_NAMES_R11,
            BRACKET_ER_R11.items(),
            BRACKET_PR_R11.items(),
            BRACKET_HER2_R11.items(),
            BRACKET_TAILS_R11,
        )
    )
    for names, (er, er_value), (pr, pr_value), (her2, (her2_value, low)), tail in spread(
        panels, 240
    ):
        text = (
            f"The tumour cells showed an immunohistochemical status of {names[0]} {er}, "
            f"{names[1]} {pr}, {names[2]} {her2}{tail}."
        )
        hr = "positive" if "positive" in (er_value, pr_value) else "negative"
        expect: dict[str, Any] = {"hormone_receptor": hr, "her2": her2_value}
        if low is not None:
            expect["her2_low"] = low
        yield Case("receptor values in brackets", text, expect)
    for words, expect in RECEPTOR_WORDS_R11:
        absent = frozenset() if expect else frozenset({"her2", "her2_low"})
        yield Case(
            "receptor spellings round 11", f"Metastatic breast cancer, {words}.", expect, absent
        )
    for (_, term, site), frame in itertools.product(ICDO3_TERMS_R11, ICDO3_FRAMES_R11):
        expect = {"metastatic_sites": [site]}
        if site == "brain":
            expect["brain_metastases"] = True
        yield Case("an ICD-O-3 topography code read as its site", frame.format(t=term), expect)
    for words, site in PLURAL_ORGANS_R11:
        text = f"Breast cancer metastatic to {words} and lungs."
        yield Case("an organ in the plural", text, {"metastatic_sites": [site, "lung"]})
    for text, sites in GENERIC_PARTS_R11:
        yield Case("a generic organ written as its part", text, {"metastatic_sites": sites})
    for text, sites in FINDING_WORDS_R11:
        yield Case("a micrometastasis, a residue, a concession", text, {"metastatic_sites": sites})
    for text in SHORT_WORDS_R11:
        yield Case("a short word is no misspelt site", text, {}, frozenset({"metastatic_sites"}))
    for frame, age in itertools.product(SPACED_AGES_R11, (46, 58, 66, 73)):
        yield Case("an age with a space before its hyphen", frame.format(a=age), {"age": age})
    for before, after, value in itertools.product(HEART_EARLIER_R11, HEART_LATER_R11, (5, 25, 35)):
        text = f"HER2-positive breast cancer. {before}. {after.format(v=value)}."
        yield Case("heart function told over time", text, {"heart_failure": True})
    for frame, value in itertools.product(HEART_UNTIMED_R11, (25, 35)):
        text = frame.format(v=value)
        yield Case("heart function told over time", text, {}, frozenset({"heart_failure"}))
    for (frame, other), (adjective, site) in itertools.product(
        COLON_LISTS_R11, COLON_ADJECTIVES_R11
    ):
        text = "Breast cancer treated in 2010. " + frame.format(a=adjective)
        if other is None:
            yield Case("a list told after a colon", text, {}, frozenset({"metastatic_sites"}))
        else:
            sites = [site, other] if other else [site]
            yield Case("a list told after a colon", text, {"metastatic_sites": sites})
    for (finding, site), (report, confirms) in itertools.product(
        REPORTED_FINDINGS_R11, REPORTS_R11
    ):
        text = f"Breast cancer treated in 2004. In 2008: {finding}. {report}"
        if confirms:
            yield Case("a report of the finding", text, {"metastatic_sites": [site]})
        else:
            yield Case("a report of the finding", text, {}, frozenset({"metastatic_sites"}))
    for opening, phrase in itertools.product(SWITCH_OPENINGS_R11, SWITCH_PHRASES_R11):
        text = f"{opening}; liver metastases in 2021 {phrase}."
        yield Case("a status told changed without its value", text, {}, frozenset({"her2"}))
        text = f"{opening}; liver metastases in 2021 {phrase}: HER2 3+ on the liver biopsy."
        yield Case("a status told changed without its value", text, {"her2": "positive"})
    for (frame, patient), age in itertools.product(CARER_AGES_R11, (52, 59, 67)):
        text = frame.format(a=age)
        if patient:
            yield Case("a carer's relative is the patient", text, {"age": age})
        else:
            yield Case("a carer's relative is the patient", text, {}, frozenset({"age"}))


# -- stop 50: dangerous readings found by probing with clinicians' phrasings -----------------
NO_NEW_LESIONS = (  # a denied new lesion after treated brain metastases (had read active)
    "brain mets post-gamma knife, no new lesions",
    "known brain mets, no new lesions and no progression",
    "brain MRI: known metastases, no new lesions",
    "brain metastases treated with SRS; MRI shows no new ones",
    "brain mets s/p WBRT without any new lesions",
)
RESULT_AFTER_GENE = (  # a negative result told after the gene and its test (had read mutated)
    "germline testing for {g} came back without any pathogenic variants",
    "{g} sequencing: no pathogenic variants identified",
    "germline results were unremarkable for {g}",
    "genetic testing was normal for {g}",
)
LOOKED_FOR = (  # what a work-up looks for is no finding (had read present)
    "rule out {x}",
    "r/o {x}",
    "MRI to exclude {x}",
    "evaluate for {x}",
    "concern for {x}",
    "worrisome for {x}",
)
LOOKED_FOR_FINDINGS = {
    "brain mets": "brain_metastases",
    "visceral crisis": "visceral_crisis",
    "PIK3CA mutation": "pik3ca",
}
BENIGN_ORGANS = (  # an organ told benign or free of disease is no site (had read a site)
    "bone mets; liver cyst on CT",
    "bone mets, liver hemangioma",
    "bone mets. The liver lesion was a hemangioma",
    "bone mets; the liver lesions turned out to be benign",
    "bone mets, lungs and liver free of disease",
    "bone mets; lung nodule biopsied: benign granuloma",
    "bone mets, liver clear on CT",
    "bone mets; a CT ruled out liver metastases",
)
BENIGN_BASES = ("ER+ HER2- MBC, {b}.", "62F HR+/HER2-neg, {b}. Next?")


def stop50_probed_cases() -> Iterator[Case]:
    for phrase, base in itertools.product(NO_NEW_LESIONS, BRAIN_BASES):
        yield Case("stop 50 probed dangers", base.format(b=phrase), {"brain_metastases": False})
    for (gene, fact), template, context in itertools.product(
        GENES.items(), RESULT_AFTER_GENE, CONTEXTS
    ):
        text = context.format(n=template.format(g=gene))
        yield Case("stop 50 probed dangers", text, {fact: False})
    for a, b in itertools.permutations(("PIK3CA", "ESR1", "AKT1"), 2):
        for template in (
            "tested negative for the {a} mutation and the {b} mutation",
            "negative for {a} mutation and {b} mutation",
        ):
            text = "62F HR+/HER2- MBC, " + template.format(a=a, b=b)
            yield Case("stop 50 probed dangers", text, {a.lower(): False, b.lower(): False})
    for (finding, fact), template, context in itertools.product(
        LOOKED_FOR_FINDINGS.items(), LOOKED_FOR, CONTEXTS
    ):
        text = context.format(n=template.format(x=finding))
        yield Case("stop 50 probed dangers", text, {}, frozenset({fact}))
    for template, base in itertools.product(
        ("MRI ruled out {x}", "{x} ruled out on MRI", "they ruled out {x}"), BRAIN_BASES
    ):
        text = base.format(b=template.format(x="brain mets"))
        yield Case("stop 50 probed dangers", text, {"brain_metastases": False})
    for phrase, base in itertools.product(BENIGN_ORGANS, BENIGN_BASES):
        yield Case("stop 50 probed dangers", base.format(b=phrase), {"metastatic_sites": ["bone"]})
    # a relative who tells of her finding is no relative with it (had dropped the brain)
    for relative, verb in itertools.product(
        ("mother", "daughter", "husband", "sister"), ("says", "told me", "reports", "mentioned")
    ):
        text = f"ER+ HER2- MBC on letrozole. Her {relative} {verb} she has new brain mets."
        yield Case("stop 50 probed dangers", text, {"brain_metastases": True})
    # a variant's verdict after its notation and a dash, colon or bracket (had read mutated)
    for variant in ("BRCA2 c.7522G>A — VUS", "BRCA1 c.68_69del: VUS", "BRCA2 variant (VUS)"):
        for context in CONTEXTS:
            yield Case(
                "stop 50 probed dangers",
                context.format(n=variant),
                {},
                frozenset({"germline_brca"}),
            )
    # a treated brain metastasis that recurs at its place, told in a later dated scan's clause,
    # is active again (had read settled)
    for treated, later in itertools.product(
        ("Brain met resected 2020", "Resected cerebellar met 2020 + cavity SRS"),
        ("MRI 2024: local recurrence, now growing", "MRI 2024: nodular recurrence, growing"),
    ):
        text = f"HER2+ MBC. {treated}; {later}."
        yield Case("stop 50 probed dangers", text, {"brain_metastases": True})
    # a status told at diagnosis is not now (had read premenopausal)
    for then in ("at dx", "at dx in 2012", "at her dx of early BC 2012"):
        text = f"Premenopausal {then}; now 61 and menopausal since 2016. ER+ HER2- bone mets."
        yield Case("stop 50 probed dangers", text, {"menopausal_status": "post"})


# -- stop 51: held-out probe E and round 80 -----------------------------------------------------
JUDGED_ABSENT = (
    "{x} was not felt to be present",
    "{x} was considered but was not felt to be present",
    "{x} was considered but ruled out",
    "{x} was suspected but ruled out on imaging",
    "{x} was queried but subsequently excluded",
    "{x} was thought not to be present",
    "{x} did not appear to be present",
)
JUDGED_FINDINGS = {"visceral crisis": "visceral_crisis", "brain metastases": "brain_metastases"}
NEW_AMONG_TREATED = (
    "A new 9 mm enhancing lesion in the left occipital lobe was identified on MRI, although the two "
    "lesions previously treated with SRS were shown to be stable",
    "New 9 mm occipital brain lesion on MRI; the two lesions previously treated with SRS are stable",
    "A new 4 mm cerebellar brain met, while the lesions irradiated earlier are stable",
)
BENIGN_WORKUP = (
    "CT: 1.2cm liver lesion → MRI liver c/w simple haemangioma, NOT mets",
    "CT: liver lesion; MRI c/w haemangioma",
    "CT: 1.2 cm liver lesion -> US liver: simple cyst",
)
RELATIVE_SAMPLE = (
    "an {g} mutation had been reported in the tumour sequencing of the patient's sister",
    "an {g} mutation was found on the genetic testing of her mother",
    "{g} mutation reported in the germline panel of her brother",
)
CRITERIA = (
    "Inclusion 4 (documented {g} mutation in tumour or ctDNA): NOT MET, result pending",
    "eligibility requires a documented {g} mutation; result pending",
    "Inclusion criterion: {g} mutation on ctDNA. Result awaited",
)
MMR_KEPT = (
    "The tumor cells showed retained expression of DNA mismatch repair proteins",
    "MMR proteins were intact",
    "intact expression of all four mismatch repair proteins",
)


def stop51_probed_cases() -> Iterator[Case]:
    for (finding, fact), template, context in itertools.product(
        JUDGED_FINDINGS.items(), JUDGED_ABSENT, ("{n}", "ER+ HER2- MBC on letrozole. {n}")
    ):
        text = context.format(n=template.format(x=finding[0].upper() + finding[1:])) + "."
        yield Case("stop 51 probed dangers", text, {fact: False})
    for phrase, base in itertools.product(NEW_AMONG_TREATED, ("{b}.", "HER2+ MBC. {b}.")):
        yield Case("stop 51 probed dangers", base.format(b=phrase), {"brain_metastases": True})
    for phrase, base in itertools.product(
        BENIGN_WORKUP, ("{b}. Known bone mets.", "ER+ HER2- bone mets. {b}.")
    ):
        yield Case("stop 51 probed dangers", base.format(b=phrase), {"metastatic_sites": ["bone"]})
    for (gene, fact), template in itertools.product(
        {"AKT1": "akt1", "PIK3CA": "pik3ca", "BRCA2": "germline_brca"}.items(), RELATIVE_SAMPLE
    ):
        text = (
            "ER+ HER2- MBC. "
            + template.format(g=gene)[0].upper()
            + template.format(g=gene)[1:]
            + "."
        )
        yield Case("stop 51 probed dangers", text, {}, frozenset({fact}))
    for (gene, fact), template in itertools.product(
        {"PIK3CA": "pik3ca", "ESR1": "esr1", "AKT1": "akt1"}.items(), CRITERIA
    ):
        yield Case("stop 51 probed dangers", template.format(g=gene) + ".", {}, frozenset({fact}))
    for assumed in ("Prescriber appears to have assumed gBRCA", "presumed gBRCA on family history"):
        yield Case(
            "stop 51 probed dangers", f"ER+ HER2- MBC. {assumed}.", {}, frozenset({"germline_brca"})
        )
    for phrase in MMR_KEPT:
        yield Case(
            "stop 51 probed dangers", f"ER+ HER2- MBC, liver mets. {phrase}.", {"dmmr": False}
        )
    # a regimen the subject of a passive plan verb is advised, not given
    for regimen, verb in itertools.product(
        ("palbociclib + letrozole", "Ribociclib with fulvestrant", "A CDK4/6 inhibitor with an AI"),
        (
            "was recommended",
            "was therefore recommended",
            "was proposed",
            "was recommended, but she declined",
        ),
    ):
        text = f"ER+ HER2- MBC, bone mets, progressing on tamoxifen. {regimen} {verb}."
        yield Case("stop 51 probed dangers", text, {}, frozenset({"prior_cdk46"}))
    # a spread denied denies every place told after its verb, past a generic head
    for verb, places in itertools.product(
        ("hasn't metastasized into", "has not spread to", "had not spread to", "never spread to"),
        (
            "any other organs or my bones",
            "any of her other organs or to her bones",
            "any other organs or the liver or bones",
        ),
    ):
        text = f"Good news: my cancer {verb} {places}. ER+ HER2- stage 2."
        yield Case("stop 51 probed dangers", text, {}, frozenset({"metastatic_sites"}))
    # the hormone named without "receptor", in a patient's words
    for phrase, value in (
        ("has a positive reaction to oestrogen (8/8)", "positive"),
        ("is strongly positive for oestrogen", "positive"),
        ("is sensitive to estrogen", "positive"),
        ("is positive for progesterone", "positive"),
        ("is negative for oestrogen and progesterone", "negative"),
    ):
        for context in ("My cancer {p}. Bone mets.", "HER2 negative, and the cancer {p}."):
            text = context.format(p=phrase)
            yield Case("stop 51 probed dangers", text, {"hormone_receptor": value})
    # held-out probe F: genes after "no … identified in", a group's share, a relative's spread
    for genes, facts in (
        ("PIK3CA, AKT1 or PTEN", {"pik3ca": False, "akt1": False, "pten": False}),
        ("BRCA1 or BRCA2", {"germline_brca": False}),
        ("ESR1 and PIK3CA", {"esr1": False, "pik3ca": False}),
    ):
        for lead in (
            "no pathogenic alteration was identified in",
            "No pathogenic variants were found in",
        ):
            yield Case(
                "stop 51 probed dangers", f"ER+ HER2- MBC, bone mets. {lead} {genes}.", facts
            )
    for share in ("about 40% of", "up to 40% of", "roughly 30% of"):
        text = f"ER+ HER2- MBC, bone mets. For context, {share} HR+ tumours carry a PIK3CA mutation; hers is pending."
        yield Case("stop 51 probed dangers", text, {}, frozenset({"pik3ca"}))
    for relative in ("Her older sister", "His mother", "The patient's aunt"):
        text = f"{relative} died of breast cancer that had spread to the liver and lungs. Own disease: bone only."
        yield Case("stop 51 probed dangers", text, {"metastatic_sites": ["bone"]})
    for then in ("Dx early BC age 41 while premenopausal", "At dx in 2012 she was premenopausal"):
        text = f"{then}, had 5 yrs tamoxifen. Now 58, ER+ HER2- relapse in bone."
        yield Case("stop 51 probed dangers", text, {}, frozenset({"menopausal_status"}))
    for dated in (
        "WBRT 2021 for multiple brain mets",
        "SRS (2023) for 2 brain mets",
        "Brain mets, SRS in 2022",
    ):
        for later in ("Serial MRIs since stable.", "No new lesions."):
            yield Case(
                "stop 51 probed dangers",
                f"HER2+ MBC. {dated}. {later}",
                {"brain_metastases": False},
            )
    # the discovery told without a treatment given: 0 lines, as an inference
    for text in (
        "He told me that not only was the cancer back, but it had spread to my bones.",
        "The breast cancer came back and spread to my bones. I'm still getting treatment.",
        "Your cancer has already metastasised to your lungs. Your treatment is now palliative.",
    ):
        yield Case(
            "stop 51 probed dangers", text, {"prior_lines": 0}, inferred=frozenset({"prior_lines"})
        )


def stop52_probed_cases() -> Iterator[Case]:
    cap = "stop 52 probed dangers"
    # another patient she knows, told as an indefinite person: her findings, not the writer's
    for person, finding, fact in itertools.product(
        (
            "a lady in my support group",
            "a friend from my support group",
            "another patient on the ward",
            "one of the ladies",
        ),
        ("was PD-L1 positive", "is postmenopausal", "has brain mets", "had a BRCA2 mutation"),
        (None,),
    ):
        del fact
        text = f"The nurse said {person} {finding}. Mine is ER+ HER2- with bone mets, what next?"
        yield Case(
            cap,
            text,
            {"hormone_receptor": "positive", "metastatic_sites": ["bone"]},
            frozenset({"pdl1", "menopausal_status", "brain_metastases", "germline_brca"}),
        )
    # a group's share in words, and a status naming a group beside hers
    for share in (
        "up to half of women",
        "one in three patients",
        "most women",
        "a third of patients",
    ):
        text = f"I read that {share} with HER2+ breast cancer get brain mets. Should I have an MRI?"
        yield Case(cap, text, {}, frozenset({"brain_metastases", "her2"}))
    for group in ("premenopausal women", "premenopausal patients"):
        for hers in ("she's 63 and long past the menopause", "she is postmenopausal"):
            text = f"That trial enrolled {group} only, so it does not apply: {hers}."
            yield Case(cap, text, {"menopausal_status": "post"})
    for question in (
        "How is metastatic breast cancer treated in premenopausal women?",
        "Best endocrine partner for a CDK4/6 inhibitor in premenopausal patients?",
    ):
        yield Case(cap, question, {"menopausal_status": "pre"})
    # a status then, a natural menopause now
    for then in ("premenopausal at the time", "premenopausal at that time"):
        text = f"Early breast cancer at 45 ({then}, had tamoxifen). Now 58 with bone relapse; periods stopped naturally at 51."
        yield Case(cap, text, {"menopausal_status": "post"})
    # counts that are not her lines
    for writing in ("2-line referral", "3 line summary", "two-line email"):
        text = f"Apologies for the {writing}: 58F, bone-only ER+ MBC, PD on first-line letrozole + abema."
        yield Case(cap, text, {"prior_lines": 1})
    for need in (
        "needs >=2 prior endocrine lines",
        "requires at least 2 prior lines",
        "allows up to 3 prior lines",
    ):
        text = f"Screening for a phase II trial that {need}; she has had letrozole only."
        yield Case(cap, text, {}, frozenset({"prior_lines"}))
    yield Case(cap, "She required 2 lines of chemotherapy before this.", {"prior_chemo_lines": 2})
    # a question whose predicate is the finding
    for question in (
        "Could these liver lesions be mets?",
        "Could the liver lesions be metastases?",
    ):
        text = f"{question} Radiology says most likely simple cysts. Known disease is bone only."
        yield Case(cap, text, {"metastatic_sites": ["bone"]})
    # a tumour test's BRCA variant is no germline result; its negative, and a germline test's, are
    for tumour in ("Tumour NGS picked up", "ctDNA showed", "Tumor sequencing found"):
        text = f"ER+ HER2- MBC. {tumour} a BRCA2 frameshift; germline testing is awaited."
        yield Case(cap, text, {}, frozenset({"germline_brca"}))
        text = f"ER+ HER2- MBC. {tumour} a BRCA2 frameshift. Her blood germline panel (BRCA1/2, PALB2) came back with nothing."
        yield Case(cap, text, {"germline_brca": False})
    yield Case(cap, "Germline BRCA2 mutation confirmed on blood testing.", {"germline_brca": True})
    # a relative named as a preposition's object does not own what the subject's second predicate tells
    for subject, tail in (
        ("julie is married to my oldest brother brian and is 45 years old", {"age": 45}),
        ("She lives with her sister and has liver mets", {"metastatic_sites": ["liver"]}),
    ):
        yield Case(cap, f"{subject}. ER+ MBC.", tail)
    # a metastatic disease told before the case, in general, is not hers
    text = (
        "Orbital metastasis is rare in breast cancer. We present a 60-year-old woman treated with "
        "surgery and adjuvant chemotherapy who had systemic failure after 6 years in the form of "
        "orbital and vertebral metastases."
    )
    yield Case(cap, text, {"prior_lines": 0}, inferred=frozenset({"prior_lines"}))
    # held-out probe H: a sign in brackets, a "Nil:" heading, a "Finding: NAD" line
    for genes in ("BRCA1 (-)  BRCA2 (-)", "BRCA1 (neg), BRCA2 (neg)", "BRCA1/2 (-)"):
        yield Case(cap, f"Germline: {genes}. ER+ HER2- MBC, bone.", {"germline_brca": False})
    for head in ("Nil", "None", "NAD"):
        text = (
            f"Restaging CT done.\n{head}: liver, lungs, adrenals, brain.\nBone: T6, T9, sclerotic."
        )
        yield Case(cap, text, {"metastatic_sites": ["bone"]})
    for value in ("NAD", "nil", "clear", "unremarkable"):
        text = f"Restaging summary. Liver: {value}. Lungs: {value}. Bones: new lytic lesions."
        yield Case(cap, text, {"metastatic_sites": ["bone"]})
    yield Case(
        cap, "Her history is unremarkable: no known BRCA mutations.", {"germline_brca": False}
    )
    # a finding named with an indefinite article in a question, or likened
    for gene, fact in (("an AKT1 mutation", "akt1"), ("a PIK3CA mutation", "pik3ca")):
        for lead in ("Would {g} open up a new drug for her?", "If {g} is found, what then?"):
            yield Case(cap, "ER+ MBC. " + lead.format(g=gene), {}, frozenset({fact}))
    yield Case(
        cap, "Would a 55-year-old woman with ER+ MBC get an AI first?", {"age": 55, "sex": "female"}
    )
    for likened in ("I feel like I'm in the menopause at 39", "it feels like the menopause"):
        yield Case(cap, f"On tamoxifen. {likened}.", {}, frozenset({"menopausal_status"}))
    # a periods stop told by its drug is no natural menopause; regular periods are pre
    yield Case(
        cap,
        "She's 38, her periods stopped on docetaxel in 2022.",
        {},
        frozenset({"menopausal_status"}),
    )
    yield Case(cap, "I'm 44 and my periods are still like clockwork.", {"menopausal_status": "pre"})
    # a brain lesion resected (told as a noun before it) is settled; planned, it is not
    for done in (
        "Resection of a solitary cerebellar met 6 weeks ago",
        "Excision of the frontal brain met in May",
    ):
        yield Case(cap, f"{done}, cavity SRS since. HER2+ MBC.", {"brain_metastases": False})
    for plan in (
        "Planned resection of a new cerebellar met",
        "Awaiting resection of a new cerebellar met",
    ):
        yield Case(cap, f"{plan}. HER2+ MBC.", {"brain_metastases": True})
    # a lesion not seen on this scan; a lesion not seen before is new
    text = "The 'liver lesion' from the 2023 study is not seen on this scan. Bone mets."
    yield Case(cap, text, {"metastatic_sites": ["bone"]})
    yield Case(
        cap,
        "A liver lesion, not seen before, is new on this scan.",
        {"metastatic_sites": ["liver"]},
    )
    # a correction to its sentence's end; the primary's time before its bracket
    text = "ER 90%, HER2 3+. Correction from the lab: the HER2 score was from another case, hers is HER2 1+."
    yield Case(cap, text, {"her2": "negative"})
    text = "At her primary (2011, aged 46) she was premenopausal. Now relapsed in the liver."
    yield Case(cap, text, {}, frozenset({"menopausal_status"}))
    # the writer's relative's menopause, when the writer tells her own cancer
    text = "My mum went through the menopause at 45 so my oncologist asked about mine. I'm 44, bone mets."
    yield Case(cap, text, {}, frozenset({"menopausal_status"}))
    text = "My mum is 64, postmenopausal, ER positive. It has spread to her liver."
    yield Case(cap, text, {"menopausal_status": "post"})
    # a result told after a bracketed aside steps over it
    for gene, fact in (("ESR1", "esr1"), ("PIK3CA", "pik3ca"), ("AKT1", "akt1")):
        for aside in ("(tested on the 2023 liver biopsy)", "(the one the new tablets need)"):
            text = f"ER+ HER2- MBC, bone. {gene} {aside} was negative."
            yield Case(cap, text, {fact: False})


def stop53_probed_cases() -> Iterator[Case]:
    cap = "stop 53 probed dangers"
    # a result on a hard-wrapped line closes the organs and genes before the break
    for organs, result in itertools.product(
        ("lungs, liver and adrenals", "liver, lungs and peritoneum", "lungs and liver"),
        ("all clear", "all unremarkable", "clear"),
    ):
        text = f"Staging CT: {organs}\n{result}. Bone scan hot at T7 and L2."
        yield Case(cap, text, {"metastatic_sites": ["bone"]})
    for genes in ("AKT1, PTEN and ESR1 were all", "AKT1 and ESR1 were both"):
        text = f"{genes}\nwild type on the tissue panel.\nPIK3CA E545K detected."
        yield Case(cap, text, {"akt1": False, "esr1": False, "pik3ca": True})
    # a name in the will-future under a condition; a course in the future passive or active
    for future in ("we'll call it", "we will call it", "we shall call it"):
        text = f"If her bilirubin keeps rising {future} visceral crisis. ER+ liver mets."
        yield Case(cap, text, {"hormone_receptor": "positive"}, frozenset({"visceral_crisis"}))
    for plan, drug in itertools.product(
        (
            "She will be treated with",
            "We will treat her with",
            "She is going to be treated with",
            "She will be given",
            "She is scheduled to be started on",
        ),
        ("paclitaxel", "capecitabine", "letrozole and palbociclib"),
    ):
        yield Case(cap, f"ER+ bone mets. {plan} {drug}.", {}, frozenset({"prior_therapies"}))
    # a drug only talked about
    for told in (
        "My oncologist mentioned ribociclib.",
        "The doctor floated ribociclib.",
        "I read about ribociclib.",
        "I then discovered ribociclib, the treatment my doctor had mentioned.",
    ):
        yield Case(
            cap,
            f"{told} ER+ HER2- bone mets.",
            {"hormone_receptor": "positive"},
            frozenset({"prior_therapies", "prior_cdk46"}),
        )
    # a carer's relative told with her disease in brackets: the carer's status is not hers
    for kin, disease in itertools.product(
        ("daughter", "sister"), ("(34, liver mets)", "(34, stage IV)", "(liver mets)")
    ):
        text = f"I'm postmenopausal myself, but my {kin} {disease} is on Zoladex."
        yield Case(cap, text, {}, frozenset({"menopausal_status"}))
    # another person's relative clause; a contrast
    for kin, finding in itertools.product(
        ("sister", "mother", "cousin"), ("BRCA2 positive", "PD-L1 positive", "ESR1 mutated")
    ):
        text = f"Unlike her {kin}, who is {finding}, she has bone-only disease."
        yield Case(
            cap, text, {"metastatic_sites": ["bone"]}, frozenset({"germline_brca", "pdl1", "esr1"})
        )
    for other in ("Mrs K in bay 5", "the lady in bed 2", "my last patient"):
        text = f"Unlike {other} who's on her 4th line, this lady has had letrozole/palbo only (PD)."
        yield Case(cap, text, {"progressed_on": ["letrozole", "palbociclib"]})
    # a consumer DNA kit's result is no germline result
    for kit, result in itertools.product(
        ("Her 23andMe report", "Her AncestryDNA report", "A home DNA kit"),
        ("says BRCA: no variants detected", "found a BRCA1 variant"),
    ):
        text = f"{kit} {result}. Germline panel is booked. TNBC with lung mets."
        yield Case(cap, text, {"metastatic_sites": ["lung"]}, frozenset({"germline_brca"}))
    # white-matter signal is no metastasis; enhancing foci still are
    for signal in ("T2 hyperintense", "FLAIR hyperintense", "non-enhancing", "periventricular"):
        text = f"MRI head: scattered {signal} foci, small vessel change. ER+ bone mets."
        yield Case(cap, text, {"metastatic_sites": ["bone"]}, frozenset({"brain_metastases"}))
    for signal in ("new enhancing", "3 ring-enhancing", "multiple"):
        yield Case(cap, f"MRI head: {signal} foci.", {"brain_metastases": True})
    # rounds 93-95
    for told in (
        "I was diagnosed with stage IV",
        "I was told I had stage IV",
        "I learned I had stage 4",
    ):
        text = f"At the age of 41, {told} breast cancer. A few weeks later, I started treatment."
        yield Case(cap, text, {"age": 41})
    for fluid in (
        "the fluid around her brain and spinal cord",
        "the fluid surrounding her brain",
        "the fluid around the spinal cord and brain",
    ):
        text = f"Her breast cancer had spread to {fluid}."
        yield Case(cap, text, {"metastatic_sites": ["meninges"], "brain_metastases": True})
    for hormones in ("estrogen and progesterone", "oestrogen", "estrogen"):
        text = f"Her cancer was positive for the hormones {hormones}. Bone mets."
        yield Case(cap, text, {"hormone_receptor": "positive"})
    # a relative as the subject of a test told with its result; her age in brackets
    for kin, gene in itertools.product(("daughter", "sister", "mother"), ("BRCA1", "BRCA2")):
        text = f"A patient on letrozole whose {kin} has just tested positive for a {gene} mutation."
        yield Case(cap, text, {}, frozenset({"germline_brca"}))
        text = f"My patient's {kin} has recently tested positive for {gene}. ER+ MBC."
        yield Case(cap, text, {"hormone_receptor": "positive"}, frozenset({"germline_brca"}))
    for young, age in (("young", 47), ("still young", 39), ("relatively young", 41)):
        yield Case(
            cap,
            f"I was {young} ({age}), so nobody thought it had spread. Liver mets.",
            {"age": age},
        )


def stop54_probed_cases() -> Iterator[Case]:
    cap = "stop 54 probed dangers"
    # "w/t" after a gene is wild type
    for gene, fact in (("PIK3CA", "pik3ca"), ("ESR1", "esr1"), ("AKT1", "akt1")):
        for form in (
            "{g} w/t",
            "{g}: w/t",
            "{g} W/T.",
            "ctDNA 3/21: {g} w/t, repeat at progression.",
        ):
            yield Case(cap, form.format(g=gene), {fact: False})
    yield Case(cap, "ESR1 w/t; PIK3CA H1047R detected.", {"esr1": False, "pik3ca": True})
    yield Case(cap, "PIK3CA w/t, AKT1 E17K.", {"pik3ca": False, "akt1": True})
    # a result still to come
    for told in ("we don't have the {r} score yet", "no {r} result yet", "we don't have {r} yet"):
        for receptor, fact in (("HER2", "her2"), ("ER", "hormone_receptor"), ("PD-L1", "pdl1")):
            text = f"Liver mets; {told.format(r=receptor)}."
            yield Case(cap, text, {"metastatic_sites": ["liver"]}, frozenset({fact}))
    # lines of a document or a catheter, not of therapy
    for lines in (
        "The faxed report is missing its last 3 lines.",
        "I can only read 2 lines of the letter.",
        "2 lines in situ (PICC + old port awaiting removal).",
    ):
        text = f"Only treatment for MBC so far was letrozole + ribociclib, stopped at progression. {lines}"
        yield Case(cap, text, {"prior_cdk46": True}, frozenset({"prior_lines"}))
    # a relative's bracketed aside is all hers
    for aside, me in itertools.product(
        ("34, still has her periods", "41, still menstruating"),
        ("I'm 63.", "I am 66, ER+ bone mets."),
    ):
        text = f"My daughter ({aside}) comes to all my appointments. {me}"
        yield Case(cap, text, {"menopausal_status": "post"})
    # a list of criteria denied as a whole after it
    for items, verb in itertools.product(
        (
            "bilirubin >1.5x ULN, rising transaminases, falling PS",
            "jaundice, hypoxia, lymphangitis",
        ),
        ("none of these apply to her", "none apply", "none are present", "none of which are met"),
    ):
        text = f"Visceral crisis criteria ({items}): {verb}. Liver mets."
        yield Case(cap, text, {"visceral_crisis": False})
    # a heading that denies the bulleted list under it
    for heading, organs in itertools.product(
        ("Excluded on this PET-CT:", "Nil:", "Excluded:", "Not seen on the CT:", "Ruled out:"),
        (("hepatic involvement", "pulmonary nodules"), ("liver lesions", "lung nodules")),
    ):
        bullets = "".join(f"\n- {organ}" for organ in organs)
        text = f"{heading}{bullets}\nBone disease (T6, sacrum) stable."
        yield Case(cap, text, {"metastatic_sites": ["bone"]})
    # a drug switched for its toxicity continues the line
    for reason in ("for QTc prolongation (no progression)", "due to neutropenia", "for toxicity"):
        text = (
            f"Letrozole + ribociclib, switched to letrozole + abemaciclib {reason}. "
            "Then fulvestrant, progressed. Next?"
        )
        yield Case(cap, text, {"prior_lines": 2})
    # side effects lived through tell a brain treatment done; side effects explained do not
    for treatment in ("Whole brain radiation", "WBRT"):
        text = f"{treatment} knocked me out and the side effects were awful. I have brain mets."
        yield Case(cap, text, {"brain_metastases": False})
        text = f"{treatment} is planned and the side effects were explained. She has brain mets."
        yield Case(cap, text, {"brain_metastases": True})
    # her age now, told after an earlier one
    for early in ("Dx early BC age 41, had tamoxifen.", "She was 40, treated with letrozole."):
        yield Case(cap, f"{early} Now 58, ER+ relapse in bone.", {"age": 58})
    # held-out probe K and set J's rest: a trait of the family, a gene denied by a pronoun or
    # "- nothing", a gene still to be tested, a quoted guideline, a scheme's count, spots killed
    for side in ("runs on my dad's side", "runs in the family", "runs on my mother's side"):
        text = f"I have bone mets. The BRCA2 {side}; my aunt carries it."
        yield Case(cap, text, {"metastatic_sites": ["bone"]}, frozenset({"germline_brca"}))
    for gene, fact in (("PIK3CA", "pik3ca"), ("ESR1", "esr1"), ("AKT1", "akt1")):
        for told in (
            f"She was tested for a {gene} mutation and doesn't have it.",
            f"Her tumour was tested for {gene} but didn't have it.",
            f"{gene} - nothing.",
        ):
            yield Case(cap, f"Liver mets. {told}", {fact: False, "metastatic_sites": ["liver"]})
        for told in (
            f"ctDNA for {gene} today; if detected, switch.",
            f"Could she have picked up a {gene} mutation? Nobody has checked her for one.",
        ):
            yield Case(
                cap, f"Liver mets. {told}", {"metastatic_sites": ["liver"]}, frozenset({fact})
            )
    for source in ("ESMO guideline says", "The NCCN guidelines state", "The label says"):
        text = (
            f"{source} 'for patients with a PIK3CA mutation, consider alpelisib'. Bone mets. Next?"
        )
        yield Case(
            cap, text, {"metastatic_sites": ["bone"]}, frozenset({"pik3ca", "prior_therapies"})
        )
    for scheme in ("The scheme wants", "The trial stipulates", "The programme specifies"):
        text = (
            f"{scheme} at least 2 prior lines. She's had one - letrozole + palbociclib, progressed."
        )
        yield Case(cap, text, {"prior_cdk46": True}, frozenset({"prior_lines"}))
    for other, asked in (("Mrs R", "Mrs S"), ("Mr T", "Mr U"), ("Ms A", "Ms B")):
        for designation in (
            " - the one I'm asking about -",
            ", the one I'm asking about,",
            " (my patient)",
        ):
            text = f"{other} has had 4 lines. {asked}{designation} has had only letrozole + palbociclib, progressing."
            yield Case(cap, text, {"prior_cdk46": True}, frozenset({"prior_lines"}))
    for told in (
        "as a premenopausal woman for the early cancer",
        "for her primary breast cancer while premenopausal",
    ):
        text = f"She had tamoxifen {told}. Ten years on, aged 61, relapse in the ribs."
        yield Case(cap, text, {"age": 61, "menopausal_status": "post"})
    for past, now in itertools.product(
        (
            "Was in visceral crisis in 2022.",
            "Jan: treated as visceral crisis with weekly paclitaxel.",
        ),
        (
            "Now LFTs normal.",
            "Now (May): bili 11, ALT normal, PS 1.",
            "Currently back at work, PS 0.",
        ),
    ):
        yield Case(
            cap,
            f"ER+ liver mets. {past} {now}",
            {"metastatic_sites": ["liver"]},
            frozenset({"visceral_crisis"}),
        )
    for killed in ("were killed by the radiation", "were zapped by the gamma knife"):
        text = f"The doctor said the brain spots {killed}; the scan is unchanged."
        yield Case(cap, text, {"brain_metastases": False})


def stop55_probed_cases() -> Iterator[Case]:
    cap = "stop 55 probed dangers"
    tail = "ER+ HER2- bone mets."
    # a variant classed a VUS (or a variant of uncertain significance) by a verb after its name
    for verb, verdict in itertools.product(
        ("reported as", "classified as", "was called", "interpreted as", "classed as"),
        ("a VUS", "a variant of uncertain significance", "a likely VUS"),
    ):
        text = f"Germline panel: BRCA2 c.8878C>T {verb} {verdict}. {tail}"
        yield Case(cap, text, {"metastatic_sites": ["bone"]}, frozenset({"germline_brca"}))
    # the case itself asked about with "this" / "that"
    for question in (
        "Is this a visceral crisis?",
        "Is that a visceral crisis?",
        "Would this count as visceral crisis?",
        "Does this count as a visceral crisis?",
        "Does this qualify as visceral crisis?",
        "Is this really a visceral crisis?",
    ):
        text = f"{question} Bilirubin 30, liver mets stable. {tail}"
        yield Case(cap, text, {"hormone_receptor": "positive"}, frozenset({"visceral_crisis"}))
    # an adverb between a do-question's subject and its verb
    for adverb in ("still", "currently", "actually"):
        text = f"Does she {adverb} have her periods? {tail}"
        yield Case(cap, text, {"her2": "negative"}, frozenset({"menopausal_status"}))
    # periods still had, in the writer's or her words
    for told in (
        "I'm 48 and still have my periods.",
        "She is 44 and still gets her periods.",
        "She still has a monthly period.",
        "I still get regular periods.",
    ):
        yield Case(cap, f"{told} {tail}", {"menopausal_status": "pre"})
    # a status told at an earlier diagnosis, an age in brackets between
    for age in ("(age 39)", "(aged 39)", "(39 y)"):
        text = f"At her first diagnosis in 2014 {age} she was premenopausal. Now 58, liver relapse."
        yield Case(cap, text, {"age": 58, "metastatic_sites": ["liver"]})
    # a brain treatment named before a step toward it is no treatment
    for step in ("referral sent", "consult booked", "review requested", "opinion awaited"):
        for treatment in ("neurosurgery", "SRS", "radiotherapy"):
            text = f"MRI: 2 cm left frontal brain metastasis. Dex started, {treatment} {step}."
            yield Case(cap, text, {"brain_metastases": True})
    # a new lesion named by its brain region after treated ones, not treated
    for region in ("parietal", "occipital", "temporal", "frontal"):
        text = (
            f"The cerebellar mets had SRS in May and have shrunk. June MRI shows a new 6 mm right "
            f"{region} lesion that hasn't been treated yet."
        )
        yield Case(cap, text, {"brain_metastases": True})
    # a note's date right after SRS dates it done
    for date in ("1/20", "03/2021", "12.1.2020"):
        text = f"MRI: new 8 mm left cerebellar met. SRS {date}. MRI later: treated lesion smaller."
        yield Case(cap, text, {"brain_metastases": False})
    # a verdict line after a bulleted list of organs
    for verdict in ("all clear.", "all negative.", "All clear.", "clear.", "all normal."):
        text = f"Restaging CT:\n- liver\n- lungs\n- adrenals\n{verdict} Disease confined to bone."
        yield Case(cap, text, {"metastatic_sites": ["bone"]})
    # a test named by its gene
    for gene, fact in (("ESR1", "esr1"), ("PIK3CA", "pik3ca")):
        for test in ("assay", "assays"):
            text = f"The Guardant {gene} {test} has a PPV near 98%. {tail}"
            yield Case(cap, text, {"metastatic_sites": ["bone"]}, frozenset({fact}))
    # markers of another primary cancer
    for organ, markers in itertools.product(
        ("endometrial", "lung", "colon", "ovarian"), ("MSI-H, PD-L1 positive", "PD-L1 positive")
    ):
        text = f"PMH: {organ} cancer 2016 ({markers}), treated, cured. 2023 ER+ HER2- breast cancer, bone relapse."
        yield Case(cap, text, {"hormone_receptor": "positive"}, frozenset({"pdl1"}))
    # a status word quoted and talked about
    for word, where in itertools.product(
        ("'premenopausal'", "“premenopausal”"),
        ("in the old clinic letter was from 2009", "on the referral form is out of date"),
    ):
        text = f"She's 63, ER+ HER2- bone mets. The {word} {where}."
        yield Case(
            cap, text, {"menopausal_status": "post"}, inferred=frozenset({"menopausal_status"})
        )
    # rounds 102-104: lay receptor words, a regimen judged ineffective
    for cancer in (
        "It should be receptive to hormone therapy.",
        "The cancer is receptive to hormonal treatment.",
    ):
        yield Case(cap, cancer, {"hormone_receptor": "positive"})
    for told in ("inoperable with HER2 receptors.", "her tumour has HER2 receptors."):
        yield Case(cap, f"Stage 4 breast cancer, {told}", {"her2": "positive"})
    # rounds 105-106: a relative lost to her cancer; a word of endearment before the relative;
    # years spent on something
    for kin, sex in (
        ("Mother", "female"),
        ("mum", "female"),
        ("sister", "female"),
        ("father", "male"),
    ):
        text = f"I lost my {kin} to metastatic breast cancer in 2012."
        yield Case(cap, text, {"sex": sex})
    for word in ("little", "younger", "beloved", "eldest"):
        text = f"My {word} sister is 41. Her breast cancer has spread to her liver."
        yield Case(cap, text, {"age": 41, "sex": "female", "metastatic_sites": ["liver"]})
    for spent in ("22 years of service", "30 years of experience", "25 years of nursing"):
        text = f"She is a nurse with {spent}. ER+ HER2- bone mets."
        yield Case(cap, text, {"metastatic_sites": ["bone"]}, frozenset({"age"}))
    for judged in (
        "which was ineffective.",
        "which proved ineffective.",
        "which was not effective.",
    ):
        text = f"She has been diagnosed with metastatic breast cancer, stage 4. She had letrozole, {judged}"
        yield Case(cap, text, {"prior_lines": 1, "progressed_on": ["letrozole"]})


def stop56_probed_cases() -> Iterator[Case]:
    cap = "stop 56 probed dangers"
    tail = "ER+ HER2- bone mets."
    # a germline result denied in another language
    for told in (
        "absence de variant pathogène BRCA1/BRCA2",
        "ausencia de variante patogénica en BRCA1/BRCA2",
        "keine pathogene Variante in BRCA1/BRCA2",
        "BRCA1/BRCA2 negativo",
        "BRCA1/BRCA2 négatif",
        "BRCA1/BRCA2 non détecté",
        "aucun variant pathogène BRCA1/BRCA2",
    ):
        yield Case(
            cap,
            f"Germline: {told}. {tail}",
            {"germline_brca": False, "hormone_receptor": "positive"},
        )
        yield Case(
            cap,
            f"Résultat constitutionnel : {told}. {tail}",
            {"germline_brca": False, "her2": "negative"},
        )
    # a finding denied by a negated passive of showing after it
    for verb in (
        "could not be demonstrated",
        "was not identified",
        "cannot be shown",
        "could not be visualised",
    ):
        for finding, fact in (
            ("Intracranial metastatic disease", "brain_metastases"),
            ("Liver involvement", ""),
        ):
            text = f"{finding} {verb} on the MRI. {tail}"
            if fact:  # a brain denied is no brain metastases (none)
                yield Case(cap, text, {"metastatic_sites": ["bone"], fact: False})
            else:
                yield Case(cap, text, {"metastatic_sites": ["bone"]})
    # a relative clause between a finding and its denial after it
    for clause in (
        "which the referring team had suspected on the ultrasound",
        "which was queried on the CT",
        "who we thought had it",
    ):
        for denial in ("has now been ruled out", "was ruled out", "has been excluded"):
            text = f"Hepatic involvement, {clause}, {denial}. {tail}"
            yield Case(cap, text, {"metastatic_sites": ["bone"]})
    # a trial's or a cohort's rate
    for group in ("In the SOLAR-1 population", "In the trial cohort", "Across the trials,"):
        for rate in ("roughly 40% had", "about 30% have", "35 % harboured"):
            text = (
                f"{group} {rate} a PIK3CA mutation, so it's worth checking. Hers is pending. {tail}"
            )
            yield Case(cap, text, {"hormone_receptor": "positive"}, frozenset({"pik3ca"}))
    # a short clause of alternatives asks which; the case told before it stays
    for alternatives, fact in (
        ("brain mets or the hypercalcaemia (Ca 3.4 mmol/L)", "brain_metastases"),
        ("visceral crisis or not", "visceral_crisis"),
        ("PIK3CA mutant or wild-type", "pik3ca"),
    ):
        for lead in ("Confused since Tuesday -", "Query:", "Bilirubin rising."):
            yield Case(
                cap,
                f"{tail} {lead} {alternatives}?",
                {"metastatic_sites": ["bone"]},
                frozenset({fact}),
            )
    # a man has no menopausal status
    for man in ("71-year-old gentleman", "68M", "A 59-year-old man"):
        for told in (
            "Following the postmenopausal pathway",
            "Treated as per postmenopausal women",
            "Premenopausal protocol",
        ):
            text = f"{man} with ER+ HER2- breast cancer and lung metastases. {told}: letrozole plus ribociclib."
            yield Case(
                cap,
                text,
                {"sex": "male", "hormone_receptor": "positive"},
                frozenset({"menopausal_status"}),
            )
    # a state supposed by "being" is asked
    for aux in ("Does", "Would", "Could"):
        for state in ("perimenopausal", "premenopausal", "postmenopausal"):
            text = f"{aux} being {state} change the AI choice? {tail}"
            yield Case(cap, text, {"her2": "negative"}, frozenset({"menopausal_status"}))
    # a negated entity lends its cue over "or"
    for negated in (
        "She never had chemo",
        "No prior chemotherapy",
        "She has never received chemotherapy",
    ):
        for drug in ("tamoxifen", "letrozole", "palbociclib"):
            yield Case(
                cap,
                f"{negated} or {drug}. {tail}",
                {"prior_chemo_lines": 0},
                frozenset({"prior_therapies"}),
            )
    # a brain spread told with the symptom it causes is active
    for spread in (
        "spread to her lungs and onto her brain",
        "worked its way to her brain",
        "went into her brain",
    ):
        for symptom in (
            "causing her partial blindness",
            "causing seizures",
            "causing terrible headaches",
        ):
            text = f"The disease {spread}, {symptom}. {tail}"
            yield Case(cap, text, {"brain_metastases": True, "hormone_receptor": "positive"})
    # a hormone measured or used as a tracer is no treatment
    for told in (
        "estradiol 30 pmol/L",
        "oestradiol level < 50",
        "estradiol < 20 pg/mL",
        "FES PET (fluoroestradiol)",
    ):
        text = f"FSH 80 IU/L, {told}. {tail}"
        yield Case(cap, text, {"hormone_receptor": "positive"}, frozenset({"prior_therapies"}))


GENERATORS = (
    receptor_cases,
    negation_cases,
    number_cases,
    history_cases,
    brain_cases,
    brain_treatment_cases,
    clinician_words_cases,
    form_cases,
    confusable_cases,
    dialogue_found_cases,
    round2_cases,
    site_cases,
    round3_history_cases,
    round3_marker_cases,
    round3_scope_cases,
    round3_receptor_cases,
    round3_sex_cases,
    vus_cases,
    her2_therapy_cases,
    round4_event_cases,
    round4_marker_cases,
    round5_site_cases,
    round5_history_cases,
    round5_misc_cases,
    round6_cases,
    round7_cases,
    round8_site_cases,
    round8_cases,
    round8_history_cases,
    round9_site_cases,
    round10_lines_cases,
    round10b_lines_cases,
    round10_misc_cases,
    round10_site_cases,
    round10b_site_cases,
    round11_misc_cases,
    stop50_probed_cases,
    stop51_probed_cases,
    stop52_probed_cases,
    stop53_probed_cases,
    stop54_probed_cases,
    stop55_probed_cases,
    stop56_probed_cases,
)


def all_cases() -> list[Case]:
    return [case for generate in GENERATORS for case in generate()]

"""Words the dialogue uses for facts, groups and lines — one place, so replies stay consistent."""

from __future__ import annotations

from chatbot.contract import FactValue
from chatbot.kb.sections import GROUP_HEADINGS

FACT_LABELS: dict[str, str] = {
    "age": "age",
    "sex": "sex",
    "menopausal_status": "menopausal status",
    "ovarian_ablation": "ovarian ablation/suppression",
    "hormone_receptor": "hormone receptor (ER/PR) status",
    "her2": "HER2 status",
    "her2_low": "HER2-low",
    "pdl1": "PD-L1 status",
    "visceral_crisis": "visceral crisis",
    "brain_metastases": "active brain metastases",
    "metastatic_sites": "metastatic sites",
    "chemo_candidate": "able to tolerate chemotherapy",
    "germline_brca": "germline BRCA1/2 mutation",
    "pik3ca": "PIK3CA mutation",
    "esr1": "ESR1 mutation",
    "akt1": "AKT1 alteration",
    "pten": "PTEN alteration",
    "ntrk_fusion": "NTRK fusion",
    "ret_fusion": "RET fusion",
    "msi_high": "MSI-high",
    "dmmr": "dMMR",
    "tmb_high": "TMB-high",
    "prior_lines": "lines of treatment for metastatic disease (current one included)",
    "prior_chemo_lines": "chemotherapy lines for metastatic disease",
    "prior_therapies": "prior therapies for metastatic disease",
    "progressed_on": "progressing on",
    "prior_cdk46": "prior CDK4/6 inhibitor",
    "dialysis": "on dialysis",
    "neuropathy": "pre-existing neuropathy",
    "heart_failure": "heart failure / low ejection fraction",
}


def fact_label(name: str) -> str:
    return FACT_LABELS.get(name, name.replace("_", " "))


def fact_value_words(name: str, value: FactValue) -> str:
    """A fact's value as a reader would say it."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(value) if value else "none"
    if name == "menopausal_status":
        return {"pre": "pre-menopausal", "post": "post-menopausal"}.get(str(value), str(value))
    return str(value)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def line_words(line: int | None) -> str:
    return f"{ordinal(line)} line" if line else "line not determined"


def group_words(group: str) -> str:
    """The guideline's own heading for a patient group (verbatim, so it can be cited)."""
    return GROUP_HEADINGS.get(group, group)

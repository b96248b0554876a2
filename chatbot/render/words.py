"""Words for facts, groups, lines and sections as the shells show them (no textual)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache

from chatbot.contract import FactValue
from chatbot.kb.sections import GROUP_HEADINGS

_ORDINALS = {1: "1st", 2: "2nd", 3: "3rd"}


def ordinal(n: int) -> str:
    """``1`` → ``1st``, ``4`` → ``4th`` (line numbers as the guideline writes them)."""
    return _ORDINALS.get(n, f"{n}th")


def group_words(group_id: str) -> str:
    """The guideline's own heading for a patient group id."""
    return GROUP_HEADINGS.get(group_id, group_id)


def option_label(drugs: Sequence[str]) -> str:
    return " + ".join(drugs)


_SIGNS = {"positive": "+", "negative": "−"}


@cache
def short_groups() -> dict[str, str]:
    """Short names for the patient groups ("HR+/HER2− post-menopausal"), derived from
    each group's deciding facts in ``knowledge/groups.yaml``."""
    from chatbot.kb.loader import load_knowledge

    return {row.id: _short_group(dict(row.when)) for row in load_knowledge().groups.rows}


def _short_group(when: dict[str, object]) -> str:
    hr, her2 = when.get("hormone_receptor"), when.get("her2")
    if hr == "negative" and her2 == "negative":
        words = ["triple-negative"]
    else:
        receptors = [f"HR{_SIGNS[str(hr)]}"] if hr in _SIGNS else []
        receptors += [f"HER2{_SIGNS[str(her2)]}"] if her2 in _SIGNS else []
        words = ["/".join(receptors)] if receptors else []
    if when.get("pdl1") in _SIGNS:
        words.append(f"PD-L1{_SIGNS[str(when['pdl1'])]}")
    if when.get("menopausal_status") in ("pre", "post"):
        words.append(f"{when['menopausal_status']}-menopausal")
    if when.get("visceral_crisis") is True:
        words.append("visceral crisis")
    return " ".join(words)


_NODE_SUFFIXES = {
    "non-chemo-candidate": "not a chemotherapy candidate",
    "brain-metastases": "brain metastases",
    "gbrca": "germline BRCA",
}


def _node_words(node: str) -> str:
    if node == "sequential-endocrine-trastuzumab":
        return "sequential endocrine therapy + trastuzumab"
    if node.startswith("line-"):
        number, _, suffix = node[len("line-") :].partition("-")
        if number.isdigit():
            words = f"{ordinal(int(number))} line"
            return f"{words} ({_NODE_SUFFIXES.get(suffix, suffix)})" if suffix else words
    return node.replace("-", " ")


def short_section_title(section_id: str) -> str:
    """``hr-pos-her2-neg-postmenopausal/line-2/narrative`` → ``HR+/HER2− post-menopausal ›
    2nd line › narrative``: short enough to tell five sections of one node apart."""
    parts = section_id.split("/")
    if not parts or not parts[0]:
        return section_id
    words = [short_groups().get(parts[0], parts[0])]
    if len(parts) > 1:
        words.append(_node_words(parts[1]))
    if len(parts) > 2:
        words.append(parts[2].replace("-", " "))
    return " › ".join(words)


# How a clinician would state each yes/no and enum fact (quick replies, branch
# conditions and case-panel corrections use the same words).
YES_NO: dict[str, tuple[str, str]] = {
    "ovarian_ablation": ("ovarian ablation", "no ovarian ablation"),
    "her2_low": ("HER2-low", "not HER2-low"),
    "visceral_crisis": ("visceral crisis", "no visceral crisis"),
    "brain_metastases": ("active brain metastases", "no brain metastases"),
    "chemo_candidate": ("she is a candidate for chemotherapy", "not a candidate for chemotherapy"),
    "germline_brca": ("germline BRCA mutation", "no germline BRCA mutation"),
    "pik3ca": ("PIK3CA mutation", "no PIK3CA mutation"),
    "esr1": ("ESR1 mutation", "no ESR1 mutation"),
    "akt1": ("AKT1 mutation", "no AKT1 mutation"),
    "pten": ("PTEN alteration", "no PTEN alteration"),
    "ntrk_fusion": ("NTRK fusion", "no NTRK fusion"),
    "ret_fusion": ("RET fusion", "no RET fusion"),
    "msi_high": ("MSI-H", "not MSI-H"),
    "dmmr": ("dMMR", "not dMMR"),
    "tmb_high": ("TMB-high", "not TMB-high"),
    "prior_cdk46": ("prior CDK4/6 inhibitor", "no prior CDK4/6 inhibitor"),
    "dialysis": ("on dialysis", "not on dialysis"),
    "neuropathy": ("neuropathy", "no neuropathy"),
    "heart_failure": ("heart failure", "no heart failure"),
}
ENUM: dict[str, str] = {
    "sex": "the patient is {}",
    "menopausal_status": "{}-menopausal",
    "hormone_receptor": "hormone receptor-{}",
    "her2": "HER2-{}",
    "pdl1": "PD-L1-{}",
}


def fact_phrase(name: str, value: FactValue) -> str:
    """``her2=negative`` → ``HER2-negative``; ``visceral_crisis=False`` → ``no visceral crisis``."""
    if isinstance(value, bool) and name in YES_NO:
        return YES_NO[name][0 if value else 1]
    if name in ENUM and isinstance(value, str):
        return ENUM[name].format(value)
    if isinstance(value, list):
        shown = ", ".join(value) or "none"
    elif isinstance(value, bool):
        shown = "yes" if value else "no"
    else:
        shown = str(value)
    return f"{name.replace('_', ' ')} {shown}"


def condition_words(when: Mapping[str, FactValue]) -> str:
    """A branch's condition: ``HER2-negative and post-menopausal``."""
    return " and ".join(fact_phrase(k, v) for k, v in when.items())

"""From a processed Doc to an ``Extraction``: decode entity spans, apply their ConText
modifiers, combine observations into DESIGN.md facts, report conflicts instead of
resolving them.

Pipeline output consumed here (nlp_models/mbc_ner):
  doc.ents            FACT/TOPIC spans (id = "key=value;…" / fact name; receptor statements
                      of chatbot.nlp.receptors are FACT spans too), bare names
                      (GENE, GENE_NAME, RECEPTOR_NAME), DRUG spans (id = lexicon key,
                      "~key" when fuzzy), and shaped spans (AGE, ECOG, CPS, LVEF, TMB,
                      HER2_IHC, LINE_ORD, LINE_NOMINAL, LINE_COUNT …)
  doc._.context       ConText modifiers of each entity (chatbot.nlp.context)
  doc._.unknown_drugs drug-like words the lexicon could not resolve
Treatment history (regimens, failing regimen, line counts) is chatbot.nlp.history.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from itertools import pairwise
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from chatbot.contract import FACTS, FactValue
from chatbot.nlp.candidacy import chemo_given_for_metastatic_disease
from chatbot.nlp.cjk import cjk_facts
from chatbot.nlp.context import FIRST_PERSON as FIRST_PERSON_WORDS
from chatbot.nlp.context import (
    NORMAL_BEFORE,
    POSSESSIVES_OF_OTHERS,
    RELATIVE_SEX,
    ConTextComponent,
    Modifier,
    TargetContext,
    own_cancer_told,
    patient_relative,
    relatives_finding,
    sentence_bounds,
    sentence_chars,
    sentence_table,
    writer_self_sex,
)
from chatbot.nlp.history import (
    CARDINALS,
    EXAMPLES,
    LINE_ORDINALS,
    LineMention,
    MentionInfo,
    chemo_lines,
    given_after,
    line_mention,
    list_marker,
    planned_until,
    read_history,
)
from chatbot.nlp.lexicon import DrugLexicon
from chatbot.nlp.metastatic_event import early_disease_therapy, lines_at_event, metastatic_event
from chatbot.nlp.normalise import normalise
from chatbot.nlp.prefilter import gated
from chatbot.nlp.primaries import BREAST_PRIMARY, OTHER_CANCER, other_primarys_site
from chatbot.nlp.questions import asked_spans
from chatbot.nlp.receptors import current_receptor_status, switched_without_value
from chatbot.nlp.sites import (
    BRAIN_ONLY_THERAPIES,
    BRAIN_REGIONS,
    CLAUSE_ENDS,
    GENERIC_THERAPIES,
    HYPHENS,
    LESION_DESCRIPTORS,
    LESION_HEADS,
    NO_MORE,
    SITE_WORD_LABELS,
    bare_list_end,
    brain_followups,
    brain_new_ones,
    brain_scan_settled,
    brain_therapies_done,
    cue_done,
    earlier_lesion_after,
    early_nodes,
    local_treatment_targets,
    m1_site_codes,
    passive_treated_subject,
    relative_clause_cues,
    site_lists,
    specific_sites,
    status_field_before,
)
from chatbot.nlp.tokenizer import (
    doc_ents,
    doc_extension,
    doc_lowers,
    doc_offsets,
    doc_text,
    is_year,
    make_doc,
    read_text_speak,
    span_text,
)
from chatbot.nlp.types import (
    Contradiction,
    DrugMatch,
    DrugMention,
    DrugRole,
    Extraction,
    MatchHow,
    Span,
    UnknownDrug,
)

ROLE_CUES = ("PROGRESSION", "CURRENT", "PRIOR")
MAX_LINE_MENTIONS = 40  # line ordinals read per message (the two ends of a longer run)
MAX_DRUG_MENTIONS = 60  # drug mentions read per message (the two ends; real texts name <= 15)
# CONDITION_NAME: a condition that says something only when denied ("no heart disease")
BARE_MENTIONS = frozenset({"GENE", "GENE_NAME", "RECEPTOR_NAME", "TOPIC", "CONDITION_NAME"})
# ORGAN: an organ word alone ("pericardium"); a site only in a list of sites
# (chatbot.nlp.sites: "metastases to the spleen, pericardium and bladder").
LISTABLE = BARE_MENTIONS | {"FACT", "ORGAN"}
RECEPTOR_KEYS = frozenset({"er", "pr", "hr", "her2"})
BIOMARKER_KEYS = frozenset(
    {
        "pik3ca",
        "esr1",
        "akt1",
        "pten",
        "germline_brca",
        "ntrk_fusion",
        "ret_fusion",
        "msi_high",
        "dmmr",
        "tmb_high",
    }
)
# (stop 63, the third review: and other languages' "and" between genes, "BRCA1 и BRCA2 не
# выявлены", "BRCA1 i BRCA2 nije pronađena")
LIST_JOINERS = frozenset(
    {",", "and", "or", "nor", "/", "&", "+", "и", "i", "y", "et", "und", "og", "och", "dan", "és"}
    | {"ja", "và", "oraz", "και", "та", "і", "ili", "или"}
)
# Words a list of gene findings may carry between its members without ending the list:
# qualifiers of the next member ("no alterations in ESR1, PIK3CA, or pathogenic germline
# BRCA1/2 mutations") and gene symbols this project does not track (TP53, AKT, ERBB2 …,
# by their written shape): "no ESR1, TP53 or BRCA1/2 mutation" is still one negated list.
LIST_QUALIFIERS = frozenset(
    {
        "the",  # "negative for the PIK3CA mutation and the ESR1 mutation"
        "pathogenic",
        "likely",
        "deleterious",
        "germline",
        "somatic",
        "actionable",
        "activating",
        "known",
        "hotspot",
        "oncogenic",
        "clinically",
        "significant",
        "relevant",
        "other",
        # (stop 72, held-out probe AB: the genes not named, "Germline panel (BRCA1, BRCA2,
        # PALB2 and others): no pathogenic variant")
        "others",
        "etc",
    }
)
GENE_SYMBOL = re.compile(r"^[A-Z][A-Z0-9]{1,6}[0-9]?(?:/[0-9A-Z]{1,3})*$")
# A negation cue that states a test result ("undetectable PD-L1"), not an absent test:
# it negates a topic written after it as a negative result, not as "no testing".
RESULT_CUES = frozenset({"undetectable", "not detectable", "not expressed", "no detectable"})
MEASUREMENTS = frozenset(
    {"AGE", "ECOG", "CPS", "LVEF", "TMB", "HER2_IHC", "LINE_COUNT", "RECEPTOR_SCORE"}
)
UNCERTAIN_CUES = frozenset({"POSSIBLE_EXISTENCE", "HYPOTHETICAL"})
# Plausible ages of an adult patient (the guideline treats adults): 18-110 inclusive. An
# explicit age outside it ("age 300", "age 0", "aged -4") is not dropped silently: it is
# reported in ``Extraction.uncertain["age"]`` with its span, never set, and the session
# asks it back.
MIN_AGE, MAX_AGE = 18, 110
# a unit right after the number of an age phrase makes it a measure, not her age
NOT_AN_AGE_UNIT = frozenset(
    {"weeks", "week", "wks", "wk", "days", "day", "months", "month", "mo", "mos", "hours"}
    | {"cm", "mm", "kg", "%", "percent", "cycles", "cycle", "doses", "lbs", "pounds"}
)
# A word for the person right after "N years" makes it her age ("35yrs female"), not a
# duration ("23 years following treatment").
PERSON_WORDS = frozenset(
    {"female", "male", "woman", "man", "lady", "gentleman", "patient", "f", "m"}
)
EXPLICIT_AGE_WORDS = frozenset({"age", "aged", "old", "yo", "y/o", "y.o.", "y.o", "yof", "yom"})
ACTIVE_WORDS = frozenset(
    {"active", "new", "progressing", "progressive", "growing", "untreated", "symptomatic"}
    # round 8: a lesion told as one more after treated ones ("a single brain met was removed
    # in 2012 … A brain MRI revealed another tumor")
    | {"another", "additional", "further", "recurrent", "enlarging"}
)
INACTIVE_CUES = frozenset({"INACTIVE"})
ACTIVE_CUES = frozenset({"ACTIVE", "PROGRESSION"})
SYMPTOM_CAUSED = "causing blindness"  # the ConText cue of a symptom a brain spread causes
# a treatment told between the brain and "causing …" makes the symptom its effect (the local
# treatments of chatbot.nlp.sites, and systemic ones)
CAUSING_TREATMENTS = (
    BRAIN_ONLY_THERAPIES
    | GENERIC_THERAPIES
    | {"treated", "treatment", "irradiated", "resected", "gamma", "knife", "chemotherapy", "chemo"}
    | {"steroids", "dexamethasone"}
)
BRAIN_THERAPY_CUE = "brain local therapy done"  # context_rules.yaml: settles brain mets
# context_rules.yaml: the cues a record's or a form's field ends with ("ESR1 mutation (ctDNA) -
# status: pending", "liver - ENTERED IN ERROR", "CNS mets: Y / N / unknown"): each is the field's
# own, the last finding named before it, never the findings before that
FIELD_END_RULES = frozenset(
    {"status: pending", "entered in error", "Y / N", "y/n", "Y/N: N", "pre / peri / post"}
    | {"/ post (delete as appropriate)"}
)
EVENT_AGE_WORDS = frozenset(
    {
        "at",
        "from",
        "since",
        "until",
        "till",
        "by",
        "before",
        "after",
        "over",
        "under",
        "below",
        "above",
        "than",
        "of",
    }
)
DURATION_WORDS = frozenset(
    {"for", "after", "over", "within", "about", "nearly", "almost", "past", "last"}
)
# "20 years later", "5 years after surgery": a time told from an event, no age
DURATION_AFTER = frozenset(
    {"later", "ago", "after", "before", "since", "prior", "previously", "earlier", "following"}
    # round 10: a time out from an operation ("20 years status-post a total mastectomy",
    # "12 years s/p lumpectomy", "she is 5 years out from surgery")
    | {"status", "s/p", "out", "post-op", "postop", "postoperatively"}
    # and a time without disease ("20 years disease free", "8 years remission")
    | {"disease", "disease-free", "remission", "progression-free", "survival", "relapse-free"}
)
LONE_AGE_WINDOW = 8  # tokens: "Mrs B, 77, ER+ …" but not "…, 12, …" later in a note
MENOPAUSE_INFERENCE_AGE = 60  # age >= 60 -> post-menopausal, marked as inferred
CDK46_CLASS = "cdk46-inhibitor"
CHEMO_CLASS = "chemotherapy"
CHEMO_CLASSES = frozenset(
    {
        "chemotherapy",
        "taxane",
        "anthracycline",
        "antimetabolite",
        "microtubule-inhibitor",
        "platinum",
    }
)
BONE_CLASS = "bone-therapy"
OVARIAN_SUPPRESSION = frozenset({"goserelin"})  # medical ovarian ablation (DESIGN.md)
NUMBER_WORDS = {**CARDINALS, **LINE_ORDINALS}  # round 23: counts up to twelve
# Words after "ER 3"/"PR 6" that make the number a quantity, not a receptor score
NOT_A_SCORE = frozenset(
    {"month", "mo", "year", "yr", "week", "wk", "day", "cycle", "line", "time", "cm", "mm", "x"}
)
# Receptor facts read over time: a past (primary tumour) status is kept and yields to the
# metastatic tumour's (chatbot.nlp.receptors.current_receptor_status)
TIMED_FACTS = frozenset({"hormone_receptor", "her2", "her2_low"})
TIMED_KEYS = frozenset({"er", "pr", "hr", "her2", "her2_ihc", "ish", "her2_low"})
# Internal keys that several surface forms feed, and the DESIGN.md fact they end up in.
INTERNAL_FACT = {
    "er": "hormone_receptor",
    "pr": "hormone_receptor",
    "hr": "hormone_receptor",
    "ish": "her2",
    "her2_ihc": "her2",
}


# -- loading -----------------------------------------------------------------------------
@cache
def load_pipeline() -> Language:
    """The shipped pipeline, loaded once per process (custom factories registered first)."""
    import spacy

    import chatbot.nlp.components  # noqa: F401  (registers mbc_* factories)
    from chatbot.paths import pipeline_path

    nlp = spacy.load(pipeline_path())
    read_text_speak(nlp.vocab)
    return nlp


def _lexicon(nlp: Language | None = None) -> DrugLexicon:
    resolver: Any = (nlp or load_pipeline()).get_pipe("mbc_drug_resolver")
    return resolver.lexicon


def resolve_drug(token: str) -> DrugMatch | None:
    """A drug word (generic, brand, abbreviation, class phrase or misspelling) -> match."""
    return _lexicon().resolve(token)


def suggest_drugs(word: str) -> list[str]:
    """Generic names close to an unresolved word, best first."""
    return _lexicon().suggest(word)


def extract(text: str) -> Extraction:
    """Facts, drugs and modifiers read from one message."""
    nlp = load_pipeline()
    normalised = unicodedata.normalize("NFKC", text)
    if len(normalised) != len(text):  # keep offsets valid for the caller's text
        normalised = text
    cleaned = normalise(normalised)
    ex = extract_doc(nlp(make_doc(nlp, cleaned.text)), text)
    if cleaned.unrecognised:
        ex = replace(ex, unrecognised=cleaned.unrecognised)
    return ex


# -- observations ------------------------------------------------------------------------
@dataclass(slots=True)
class Observation:
    """One value for one (possibly internal) key, read at one span."""

    key: str
    value: Any
    span: Span
    correction: bool = False


@dataclass(slots=True)
class _State:
    observations: list[Observation] = field(default_factory=list)
    uncertain: dict[str, Span] = field(default_factory=dict)
    unknown: set[str] = field(default_factory=set)
    corrections: set[str] = field(default_factory=set)


def _span(ent: SpacySpan, text: str) -> Span:
    """Character span of an entity, without edge punctuation (", 77," -> "77")."""
    doc, start, end = ent.doc, ent.start, ent.end
    first = doc[start]
    while end - start > 1 and first.is_punct:
        start += 1
        first = doc[start]
    last = doc[end - 1]
    while end - start > 1 and last.is_punct and last.text not in "+-)":
        end -= 1
        last = doc[end - 1]
    # the characters of doc[start:end], without building that Span
    start_char, end_char = first.idx, last.idx + len(last)
    return Span(start_char, end_char, text[start_char:end_char])


def _public(key: str) -> str:
    return INTERNAL_FACT.get(key, key)


def _parse_value(key: str, raw: str) -> Any:
    spec = FACTS.get(key)
    if raw in ("true", "false"):
        return raw == "true"
    if (spec is not None and spec.type == "int") or key == "her2_ihc":
        return int(raw)
    return raw


def _parse_assignments(ent_id: str) -> list[tuple[str, Any]]:
    return list(_assignments_of(ent_id))


@lru_cache(maxsize=4096)  # a pure function of an entity id; a flood repeats a few ids
def _assignments_of(ent_id: str) -> tuple[tuple[str, Any], ...]:
    out = []
    for part in ent_id.split(";"):
        if part.startswith("?"):
            out.append((part[1:], None))
            continue
        key, _, raw = part.partition("=")
        out.append((key, _parse_value(key, raw)))
    return tuple(out)


# stop 72: a form field's "- no" / ": no" / "= no" after a finding denies it only when what
# follows "no" tells of it ("ESR1 - no mutation", "Liver: no focal lesions", "Brain mets - no
# new lesions"); another finding after it ("Bone mets - no fracture", "Brain mets: no
# oedema", "Liver metastases - no biliary obstruction") is what it denies
SEPARATOR_DENIALS = frozenset({"- no", ": no", "= no"})
DENIAL_OF_ITSELF = frozenset(
    {"mutation", "mutations", "variant", "variants", "alteration", "alterations", "evidence"}
    | {"disease", "lesion", "lesions", "metastasis", "metastases", "mets", "met", "deposit"}
    | {"deposits", "abnormality", "abnormalities", "change", "changes", "finding", "findings"}
    | {"sign", "signs", "spread", "involvement", "recurrence", "progression", "pathogenic"}
    | {"deleterious", "actionable", "detectable", "significant", "new", "focal", "suspicious"}
    | {"lytic", "sclerotic", "blastic", "enhancing", "measurable", "residual", "visible"}
    | {"definite", "obvious", "further", "additional", "active", "evaluable", "tumour", "tumor"}
    | {"tumours", "tumors", "mass", "masses", "nodule", "nodules", "uptake", "activity"}
    | {"enhancement", "focus", "foci", "amplification", "expression", "overexpression"}
    | {"staining", "malignancy", "malignant", "cancer", "carcinoma", "acute", "intracranial"}
    | {"hepatic", "pulmonary", "osseous", "bony", "cerebral", "known", "gross", "distant"}
    | {"hotspot", "germline", "somatic", "detected", "found", "seen", "identified", "present"}
)
DENIAL_READ = 4  # words after the field's "no" read for what it denies
NOT_A_FINDING_WORD = frozenset({"vs", "versus", "v", "pd"})  # a choice or a progression asked


def _denies_another_finding(ent: SpacySpan, modifiers: Iterable[Modifier]) -> bool:
    """Every negation over the mention is a form field's "no" after it denying another
    finding (above)."""
    cues = [m for m in modifiers if m.category == "NEGATED_EXISTENCE"]
    if not cues:
        return False
    doc = ent.doc
    words = doc_lowers(doc)
    for cue in cues:
        if (
            cue.start < ent.end
            or cue.rule.literal not in SEPARATOR_DENIALS
            or words[cue.end - 1] not in ("no", "nil")
        ):
            return False
        # (a noun phrase of its own, closed by the clause's end: "neuropathy: no on 4L O2",
        # "…: no vs carbo??" deny the finding before, as a field's answer does)
        k = cue.end
        while k < len(doc) and k < cue.end + DENIAL_READ and doc[k].is_alpha:
            word = words[k]
            if word in DENIAL_OF_ITSELF or doc[k].ent_type_:
                return False
            if (doc[k].is_stop and word != "other") or word in NOT_A_FINDING_WORD:
                return False
            k += 1
        if k == cue.end or (k < len(doc) and not doc[k].is_punct):
            return False
    return True


def _aside_of_a_denial(ent: SpacySpan, modifiers: Iterable[Modifier]) -> bool:
    """The mention stands in a bracket opened after every negation cue over it ("not pregnant
    (premenopausal)"): an aside, not what is denied."""
    words = doc_lowers(ent.doc)
    opened = None
    for k in range(ent.start - 1, max(-1, ent.start - ASIDE_REACH), -1):
        if words[k].endswith(")"):
            return False
        if words[k].startswith("(") or words[k].endswith("("):
            opened = k
            break
    if opened is None:
        return False
    cues = [m for m in modifiers if m.category == "NEGATED_EXISTENCE"]
    return bool(cues) and all(m.end <= opened for m in cues)


ASIDE_REACH = 6  # tokens before a mention read for the bracket it stands in


def _negate(key: str, value: Any, words: str = "") -> Any:
    """The value a negated mention means, or None when negation says nothing usable.
    ``words``: the mention's lower-case text, when known."""
    if isinstance(value, bool):
        return not value
    if key == "menopausal_status" and words and "meno" not in words:
        # round 24: a sign of one status denied says nothing of the other ("35-year-old, not
        # pregnant" is not post-menopausal; "not menstruating" may be chemotherapy's): only a
        # menopausal word denied ("not premenopausal") is the other status
        return None
    if key == "sex":
        # round 21: a sex word under a negation denies nothing about the patient ("I had
        # never thought about a man having breast cancer", a man's own account): no flip
        return None
    spec = FACTS.get(key)
    binary = {"er", "pr", "hr", "ish"}
    if key in binary:
        return {"positive": "negative", "negative": "positive"}[value]
    if spec is not None and spec.type == "enum" and len(spec.values) == 2:
        return spec.values[1 - spec.values.index(value)]
    return None  # ints, list items: "no liver mets" just means liver is not a site


TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70}
TENS |= {"eighty": 80, "ninety": 90}
UNITS = {
    w: n
    for n, w in enumerate(
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"], 1
    )
}
AGE_IN_WORDS = re.compile(
    r"\b(" + "|".join(TENS) + r")(?:\s*[-–]?\s*(one|two|three|four|five|six|seven|eight|nine))?\b"
)


def _number(text: str) -> int | None:
    text = text.lower()
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    m = re.search(r"\d+", text)
    if m is None and (words := AGE_IN_WORDS.match(text)):  # "thirty-seven years old"
        return TENS[words.group(1)] + UNITS.get(words.group(2) or "", 0)
    return int(m.group()) if m else None


def _signed(text: str) -> bool:
    """A minus sign before the number ("aged -4"), not a hyphen after a word ("then-38")."""
    return re.search(r"(?<![A-Za-z])[-−]\s*\d", text) is not None


# "18F", or fluorine-18 spaced from its symbol and glued to its compound ("an 18 F-FDG
# PET/CT", stop 65, r128-0021); not "58 F PET-CT: …", a 58-year-old woman (the review)
ISOTOPE_SHAPE = re.compile(r"\d+[FMfm]|18\s[Ff]")
# the tracer compounds a fluorine-18 labels (stop 66, the review: sodium fluoride, FAPI, FLT,
# choline too); not "PET" itself after a spaced mass number ("58 F PET-CT" is her age)
TRACER_COMPOUNDS = (
    "fdg", "fluoro", "fes", "psma", "fluciclovine", "naf", "sodium", "fapi", "flt", "choline",
    "dopa", "fet",
)  # fmt: skip
# the compounds that open a longer name ("FDG-avid", "fluoroestradiol"); the others are read as
# whole words before a scan word only ("NaF PET", "sodium fluoride"; not "NAFLD", "sodium 128",
# "FET cycle": the review of stop 66)
TRACER_PREFIXES = ("fdg", "fluoro", "psma", "fluciclovine")
TRACER_NEXT = frozenset({"pet", "pet/ct", "pet-ct", "scan", "imaging", "uptake", "fluoride"})


def _tracer_at(words: Sequence[str]) -> bool:
    """``words`` open with a tracer's name (above)."""
    if not words:
        return False
    first = words[0]
    if first.startswith(TRACER_PREFIXES) or first in ("pet", "radiotracer"):
        return True
    return first in TRACER_COMPOUNDS and len(words) > 1 and words[1] in TRACER_NEXT


# round 14: the radionuclides of nuclear medicine, by name (as spelled in case reports, with
# "tecnetium") or by a symbol of two letters: a number after one is its mass number
# ("technetium 99m", "Tc-99m", "gallium-68"), not an age and a sex ("99m": r14-0026 read a
# 99-year-old man). One-letter symbols are left out: "F 45" and "C 45M" may be anything.
ELEMENT_WORDS = frozenset(
    {"technetium", "tecnetium", "tc", "fluorine", "gallium", "ga", "indium", "iodine"}
    | {"rubidium", "rb", "thallium", "tl", "zirconium", "zr", "copper", "cu", "lutetium", "lu"}
    | {"yttrium", "strontium", "sr", "radium", "samarium", "xenon", "xe", "krypton"}
    | {"carbon", "oxygen", "nitrogen", "rhenium", "holmium", "actinium"}
)
# (symbols that are also clinical abbreviations stay out: RA, AC, Re, Ho, Sm — "RA 45F" is a
# 45-year-old woman with rheumatoid arthritis)


def _glued_on(ent: SpacySpan) -> bool:
    """A hyphen right after the span, no space before it ("18 F-FDG")."""
    doc = ent.doc
    return (
        ent.end < len(doc) and not doc[ent.end - 1].whitespace_ and doc[ent.end].text in ("-", "–")
    )


def _compound_after(ent: SpacySpan) -> bool:
    """The next word names a tracer compound ("18 F FDG")."""
    doc = ent.doc
    after = [t.lower_ for t in doc[ent.end : min(ent.end + 2, len(doc))]]
    return bool(after) and after[0] != "pet" and _tracer_at(after)


def _isotope(ent: SpacySpan) -> bool:
    """ "18F" or "99m" written as a radionuclide's mass number: in brackets, before a tracer's
    name, or after the element's name or symbol ("technetium 99m", "Tc-99m")."""
    doc = ent.doc
    element = [t.lower_ for t in doc[max(ent.start - 2, 0) : ent.start] if t.text not in ("-", "–")]
    if element[-1:] and element[-1] in ELEMENT_WORDS:
        return True
    before = doc[ent.start - 1].text if ent.start else ""
    after = [t.lower_ for t in doc[ent.end : min(ent.end + 3, len(doc))]]
    if before in ("[", "(") and after[:1] in (["]"], [")"]):
        return True
    words = [w for w in after if w not in ("]", ")", "-", "–")]
    return _tracer_at(words)


# round 10: an age told at an earlier event, with a later time told after it ("presented
# with breast cancer as a 43-year-old premenopausal woman. Nine years after surgery …",
# "when she was 43 she had a lumpectomy; 12 years later …", "at 43 years of age she
# underwent mastectomy. In 2017 …"): the age then, not today's (omitted, or a later age read)
_EVENT_AGE_BEFORE = (("as", "a"), ("as", "an"), ("when", "she", "was"), ("when", "he", "was"))
_LATER_TIME = re.compile(
    # (stop 46, r63-0033: months only from a year on, "four months later" keeps her age)
    r"\b(?:years?|decades?|(?:1[2-9]|[2-9]\d|twelve|fifteen|eighteen|twenty\S*|thirty\S*"
    r"|several|many)\s+months)\s+(?:later|after|afterwards|following|on)\b"
    r"|\b(?:after|within|over)\s+(?:(?:about|nearly|almost|another)\s+)?(?:\d+|an?|one|two|three"
    r"|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|several|many)\s+years?\b",
    re.I,
)


# round 22: the disease's return told with her age then ("her cancer had returned at age 40,
# less than 2 years from when she was diagnosed"): the metastatic event is the case's time,
# so that age is hers now — unless the text goes on to a later time ("… Nine years later")
RELAPSE_VERBS = frozenset(
    {"returned", "recurred", "relapsed", "metastasized", "metastasised", "spread", "back"}
)


# round 23: the patient's children told with their ages ("a single mum of boys aged 15 and 12")
CHILDREN = frozenset(
    {"boys", "girls", "sons", "daughters", "children", "kids", "twins", "grandchildren", "son"}
    | {"daughter", "boy", "girl", "child", "kid", "teenagers", "teens"}
)


def _relapse_age(ent: SpacySpan, before: list[str]) -> bool:
    """ "returned at age 40", "came back at age 52": her age at the metastatic event."""
    return (
        len(before) >= 2
        and before[-1] == "at"
        and before[-2] in RELAPSE_VERBS
        and _LATER_TIME.search(doc_text(ent.doc), ent.end_char) is None
    )


def _relapse_in_sentence(ent: SpacySpan) -> bool:
    """The sentence of the age tells the disease's return ("… when I was 41, a trip to the
    emergency room revealed that the cancer had returned in my spine")."""
    lo, hi = sentence_bounds(ent.doc, ent.start)
    return bool(RELAPSE_VERBS.intersection(doc_lowers(ent.doc)[lo:hi]))


# stop 41 (round 54): the metastatic diagnosis told with her age then ("When Brenda Levin was
# diagnosed with metastatic (stage IV) breast cancer in 2017 at age 40, she read every
# article", "The week I was diagnosed, at age 46, with Stage IV metastatic breast cancer"): the
# discovery is the case's time, as a relapse's is — unless a later time or a span of years
# lived since is told ("… and has lived with it for twelve years")
# (stop 53, r95-0004: or learnt, "at the age of 49, I was told I had Stage IV Inflammatory
# Breast Cancer")
METASTATIC_DIAGNOSIS = re.compile(
    r"\b(?:diagnos\w*|told|learn(?:ed|t)|found\s+out)\b[^.;!?]*\b(?:metasta\w*|stage\s*(?:iv|4|four)"
    r"|secondary|mbc)\b"
    r"|\b(?:metasta\w*|stage\s*(?:iv|4|four)|secondary|mbc)\b[^.;!?]*\bdiagnos\w*",
    re.I,
)
# an age told in words ("at the age of 41", "aged 41"), the start of _LATER_AGE's forms too
_AGE_TOLD = r"at\s+(?:the\s+)?age\s+(?:of\s+)?\d|aged?\s+\d"
# an age of hers told again after the metastatic diagnosis's ("… at 36 … now aged 41")
_LATER_EXPLICIT_AGE = re.compile(rf"\b(?:{_AGE_TOLD}|\d+[- ]years?[- ]old|now\s+\d)", re.I)
YEARS_SINCE = re.compile(
    r"\b(?:for|over|after)\s+(?:the\s+)?(?:past\s+|last\s+|next\s+)?(?:\d+|one|two|three|four|five"
    r"|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|several|many)\s+years?\b"
    r"|\bsince\s+then\b|\bnow\s+(?:aged\s+)?\d\d\b",
    re.I,
)


# the words that make a told age the case's own ("a 50-year-old woman", "61 F"), not a
# husband's ("My husband, a 58-year-old, …": the review of stop 65)
CASE_SUBJECT_WORDS = frozenset({"woman", "female", "lady", "patient", "f", "girl"})
# (the second reviews of stop 65: not told of a relative or another person, "Her mother, a
# 70-year-old woman, looks after her")
OTHER_PERSON = re.compile(
    r"\b(?:mother|mom|mum|sister|aunt|daughter|grandmother|grandma|wife|husband|neighbou?r"
    r"|friend|colleague|partner|father|dad|brother|son|carer|cousin|granny|stepmother)\b",
    re.I,
)


# the words a case's opening age may follow in its sentence ("A 50-year-old woman …", "We
# present the case of a 48-year-old woman …"); any other ("Her mother, a 70-year-old woman",
# "She lives with her carer, a 70-year-old woman", "My granny was a 60-year-old woman"): the
# third review of stop 65
CASE_LEAD_INS = frozenset(
    {"a", "an", "the", "we", "present", "presents", "report", "reports", "describe", "here"}
    | {"describes", "case", "of", "this", "is", ",", ":", "-", "pt", "patient", "herein"}
)
OTHER_AFTER_REACH = 4  # words after the age where "her mother" would tell it another's


def _told_by_herself(ent: SpacySpan) -> bool:
    """The age's sentence is told in the first person ("I was diagnosed … at 45 years old"): a
    third person's "a 72-year-old woman" elsewhere is not the writer."""
    return FIRST_PERSON.search(span_text(ent.doc, *sentence_bounds(ent.doc, ent.start))) is not None


def _opens_the_case(age: SpacySpan, subjects: frozenset[str]) -> bool:
    """The age is told with a subject word of hers and opens the case: only lead-ins before it
    in its sentence and no other person named right after it ("A 70-year-old woman, her
    mother, …")."""
    doc = age.doc
    if not subjects.intersection(t.lower_ for t in age):
        return False
    lo = sentence_bounds(doc, age.start)[0]
    if any(t.lower_ not in CASE_LEAD_INS for t in doc[lo : age.start]):
        return False
    return not OTHER_PERSON.search(
        span_text(doc, age.end, min(age.end + OTHER_AFTER_REACH, len(doc)))
    )


def _older_age_told(ent: SpacySpan, subjects: frozenset[str] | None = None) -> bool:
    """Another age of hers, told plainly ("a 33-year-old woman"), is older than this one;
    with ``subjects``, only an age told with one of those words."""
    own = re.search(r"\d+", ent.text)
    if own is None:
        return False
    for other in doc_ents(ent.doc):
        if subjects is not None and not _opens_the_case(other, subjects):
            continue
        if other.label_ == "AGE" and other.ent_id_ == "years" and other.start != ent.start:
            told = re.search(r"\d+", other.text)
            if told is not None and int(told.group()) > int(own.group()):
                return True
    return False


def _metastatic_diagnosis_age(ent: SpacySpan, before: list[str]) -> bool:
    if before[-1:] != ["at"]:
        return False
    doc = ent.doc
    lo, hi = sentence_bounds(doc, ent.start)
    sentence = span_text(doc, lo, hi)
    after = doc_text(doc)[ent.end_char :]
    return (
        METASTATIC_DIAGNOSIS.search(sentence) is not None
        and _LATER_TIME.search(after) is None
        and YEARS_SINCE.search(after) is None
    )


AT_YEARS = re.compile(r"\d+\s*(?:years?|yrs?)(?:[\s-]+old)?", re.I)


def _event_age(ent: SpacySpan) -> bool:
    """The age is told at an earlier event ("as a 43-year-old", "when she was 43", "at 43
    years of age") and the text goes on to a later time ("nine years after surgery")."""
    doc = ent.doc
    before = tuple(t.lower_ for t in doc[max(ent.start - 3, 0) : ent.start])
    # (stop 65, r128-0016: "a curative right mastectomy … at 36 years old")
    at_years = before[-1:] == ("at",) and AT_YEARS.fullmatch(ent.text)
    if not (at_years or any(before[-len(w) :] == w for w in _EVENT_AGE_BEFORE)):
        return False
    if at_years and _older_age_told(ent, CASE_SUBJECT_WORDS) and not _told_by_herself(ent):
        return True  # "A 50-year-old woman underwent a mastectomy at 36 years old": then
    if at_years and "old" in ent.text.lower():
        # (the third review of stop 65: "at 45 years old, after two years of back pain" is
        # hers; the later-time test stays with the shapes it was written for)
        return False
    return _LATER_TIME.search(doc_text(doc), ent.end_char) is not None


# stop 55 (r102-0018): an age in brackets after a dated diagnosis, the text going on to a
# later year or a return ("after five and a half years of being in remission from my original
# breast cancer diagnosis in 2016 (aged 33), … in November 2021 … the cancer had returned"):
# her age then, not now
DIAGNOSIS_WORDS = frozenset({"diagnosis", "diagnosed", "dx"})
_RETURN_LATER = re.compile(r"\b(?:return\w*|recurr\w*|relaps\w*|came\s+back|now)\b", re.I)


def _dated_diagnosis_age(ent: SpacySpan) -> bool:
    doc = ent.doc
    if ent.start < 3 or doc[ent.start - 1].text != "(" or ent[0].lower_ not in ("age", "aged"):
        return False
    before = doc_lowers(doc)[max(ent.start - 6, 0) : ent.start - 1]
    years = [int(w) for w in before if re.fullmatch(r"(?:19|20)\d\d", w)]
    if not years or not DIAGNOSIS_WORDS.intersection(before):
        return False
    after = doc_text(doc)[ent.end_char :]
    later = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", after)]
    return any(y > years[-1] for y in later) or _RETURN_LATER.search(after) is not None


# round 10: a case told as a timeline of labelled events, each with her age then
# ("Diagnosis: 57 years – breast mass … Relapse: 63 years – lung disease progressed"): the
# age at the last event told is her age now, however far into the text it stands.
TIMELINE_EVENTS = frozenset(
    {"diagnosis", "diagnosed", "dx", "relapse", "relapsed", "recurrence", "progression"}
    | {"presentation", "metastasis", "metastases", "metastatic", "now", "current", "today"}
)
TIMELINE_KEY = "mbc_timeline_age"  # doc.user_data: start of the last timeline age


def _timeline_age(ent: SpacySpan) -> bool:
    """ "Relapse: 63 years": an age told after an event's label and a colon."""
    doc = ent.doc
    return (
        ent.start >= 2
        and doc[ent.start - 1].text == ":"
        and doc[ent.start - 2].lower_ in TIMELINE_EVENTS
        and re.fullmatch(r"\d{2,3}\s*(?:years|yrs|yr|y)", ent.text, re.I) is not None
    )


def _last_timeline_age(doc: Doc) -> int:
    """The start of the last timeline age of the text (computed once per Doc)."""
    last = doc.user_data.get(TIMELINE_KEY)
    if last is None:
        starts = [e.start for e in doc_ents(doc) if e.label_ == "AGE" and _timeline_age(e)]
        last = starts[-1] if starts else -1
        doc.user_data[TIMELINE_KEY] = last
    return int(last)


# round 10: a story told by her ages at its events, no age of today given ("At the age of
# 29, the patient underwent mastectomy … hospitalized for a cough … at the age of 57"): the
# last and oldest is her age at the end of the story. One such age alone is an event's
# ("diagnosed at age 20"), never read as today's.
_STORY_AGE = re.compile(r"\bat\s+(?:the\s+)?age\s+(?:of\s+)?(\d{2,3})\b", re.I)
_NOT_HER_EVENT = re.compile(
    r"menopaus|menarche|\b(?:mother|sister|father|aunt(?:ie|y)?|daughter|brother|cousin|grand\w*)\b",
    re.I,
)
MAX_STORY_AGES = 20  # a story tells a few; a flood of them is read at its first ones


def _story_age(text: str) -> Span | None:
    """The age at the last event of a story told by two or more rising ages, or None."""
    found = []
    for m in _STORY_AGE.finditer(text):
        if _NOT_HER_EVENT.search(text, max(m.start() - 40, 0), m.start()):
            continue  # "menopause at age 50", "her mother at age 45": not her story's events
        found.append(m)
        if len(found) > MAX_STORY_AGES:
            return None
    if len(found) < 2:
        return None
    ages = [int(m.group(1)) for m in found]
    last = found[-1]
    if ages != sorted(set(ages)) or not MIN_AGE <= ages[-1] <= MAX_AGE:
        return None
    return Span(last.start(1), last.end(1), last.group(1))


# stop 33 (r36): the age at her death, the story's last event ("I lost one of my closest
# friends … to metastatic stage IV Breast Cancer at age 38", "she died at the age of 57"):
# her age at the end of the text. Not in a sentence naming a relative of someone (a family
# history's death, "my mother died of breast cancer at age 45"), and only when no other age
# is read.
_DEATH_AGE = re.compile(
    r"\b(?:died|dies|passed\s+away|passed|succumbed|lost\s+(?:her|him|my|our|one)\b[^.;!?]{0,120}?\bto)"
    r"\b[^.;!?]{0,80}?\bat\s+(?:the\s+)?age\s+(?:of\s+)?(\d{2,3})\b",
    re.I,
)
# (a relative possessed: "my mother"; "a sister really, and mother of 5 and 7 year old girls"
# describes the friend who died)
_RELATIVE_WORD = re.compile(
    r"\b(?:my|her|his|our|their|your|patient'?s)\s+(?:[\w-]+\s+)?(?:mother|mom|mum|father|dad|"
    r"sister|brother|aunt(?:ie|y)?|uncle|grand\w*|step\w*|cousin|daughter|son|niece|nephew)s?\b",
    re.I,
)


# stop 37 (r45): the age of a possessed relative's death told in her sentence, however far
# from the relative word ("his mother Anne died of breast cancer aged 48 in 1993 and his
# stepmother Lillian died aged 60": the FAMILY cue reaches five words)
_RELATIVES_DEATH = re.compile(
    r"(?:" + _RELATIVE_WORD.pattern + r")[^.;!?]{0,60}?\b(?:died|passed\s+away|succumbed)\b"
    r"[^.;!?]{0,60}$",
    re.I,
)


def _relatives_death_age(ent: SpacySpan) -> bool:
    """The age (``aged N``, ``at age N``) closes a possessed relative's death (above), in a
    message not about a relative (a carer's "My mother died of MBC aged 70" is the patient's)."""
    if ent[0].lower_ not in ("aged", "age", "at"):
        return False
    doc = ent.doc
    if patient_relative(doc) is not None:
        return False
    lo = sentence_bounds(doc, ent.start)[0]
    return _RELATIVES_DEATH.search(span_text(doc, lo, ent.start)) is not None


def _death_age(text: str) -> Span | None:
    """The age told at her death (one such age), or None."""
    found = list(_DEATH_AGE.finditer(text))
    if len(found) != 1:
        return None
    m = found[0]
    start = max(text.rfind(c, 0, m.start()) for c in ".;!?\n") + 1
    if _RELATIVE_WORD.search(text, start, m.end()) or not MIN_AGE <= int(m.group(1)) <= MAX_AGE:
        return None
    return Span(m.start(1), m.end(1), m.group(1))


# stop 36 (left open in stop 35): ages the AGE patterns leave out. The number right before a
# menopause word and the person ("a 58 postmenopausal woman", "A 58 year postmenopausal
# woman": the patterns keep the menopause word out of the age so it stays its own fact; "as a
# 58 year …" is the age then, and "58-year-old" an AGE entity already judged), and the
# age told last in her sentence ("She has MBC and is 60.", "The patient … and is now 71,").
_MENOPAUSE_WORD_AGE = gated(
    r"(?<!\bas a )\b([1-9]\d)\s*(?:-?\s*(?:years?|yrs?|y))?,?\s+(?:post|pre|peri)[\s-]?menopausal"
    r"\s+(?:woman|women|female|lady|patient)\b",
    re.I,
)
_AGE_TOLD_LAST = gated(
    r"(?:^|[.!?]\s+)(?:she|he|the\s+patient)\b[^.;!?]{0,120}?\band\s+(?:is|'s|’s)\s+"
    r"(?:now\s+|only\s+|just\s+)?([1-9]\d)(?:\s+years?(?:\s+old)?)?\s*(?=[.,;!]|$)",
    re.I,
)


def _age_beside(text: str) -> Span | None:
    """An age told beside a menopause word or last in her sentence (one such age), or None."""
    # (substring gates first: most texts tell neither, and a scan of each costs ~6 µs)
    found = list(_MENOPAUSE_WORD_AGE.finditer(text)) if "enopausal" in text else []
    if not found and ("nd is " in text or "nd 's " in text or "nd ’s " in text):
        found = list(_AGE_TOLD_LAST.finditer(text))
    if len(found) != 1 or not MIN_AGE <= int(found[0].group(1)) <= MAX_AGE:
        return None
    m = found[0]
    return Span(m.start(1), m.end(1), m.group(1))


# round 16: a finding's phrase that names a test ("BRCA mutation testing was ordered", "sent
# for HER2 amplification testing"): the test is told, not its result
TEST_NOUNS = frozenset(
    {"testing", "test", "tests", "assay", "assays", "screening", "sequencing", "analysis"}
    | {"analyses", "panel", "evaluation", "study", "studies"}
)


def _names_a_test(ent: SpacySpan) -> bool:
    """A biomarker or receptor finding (a FACT of those keys) written right before a test
    noun, as the test's own name."""
    doc = ent.doc
    if ent.end >= len(doc) or doc[ent.end].lower_ not in TEST_NOUNS:
        return False
    keys = {key for key, _ in _parse_assignments(ent.ent_id_)}
    return bool(keys) and keys <= BIOMARKER_KEYS | RECEPTOR_KEYS | {"her2_low", "pdl1", "ish"}


TEST_NEGATIVE = frozenset(
    {"negative", "no", "not", "none", "without", "wild-type", "wildtype", "normal", "unremarkable"}
)
TEST_POSITIVE = frozenset(
    {"positive", "showed", "shows", "revealed", "reveals", "detected", "identified", "confirmed"}
    | {"found", "demonstrated", "demonstrates"}
)
TEST_REACH = 10  # tokens after the test noun searched for its result
# a test told without its result: its "no"/"not" is no negative result
NO_RESULT_YET = frozenset(
    {"pending", "awaited", "awaiting", "ordered", "requested", "planned", "scheduled"}
)
NOT_DONE = frozenset(
    {"performed", "done", "available", "obtained", "carried", "tested", "result", "results"}
    | {"been", "yet"}
)


# a result after mutations looked for, in its own words only ("… and was negative", "…
# and nothing was found", "…: H1047R"); a doubt of it is none ("I'm not sure of the result")
LOOKED_FOR_NEGATIVE = frozenset({"negative", "wild-type", "wildtype", "none", "nothing", "neg"})
RESULT_DOUBTED = frozenset({"sure", "remember", "know", "unknown", "unsure", "recall", "awaiting"})
VARIANT = re.compile(r"[a-z]\d{2,4}[a-z*](?![a-z0-9])")


def _result_words(doc: Doc, start: int) -> list[str]:
    """The words from ``start`` to the clause's end, at most TEST_REACH (a colon opens the
    result it is before: "tested for PIK3CA mutations: H1047R")."""
    words: list[str] = []
    for token in doc[start : start + TEST_REACH]:
        if token.text in (".", ";") or (token.is_sent_start and words[-1:] != [":"]):
            break
        words.append(token.lower_)
    return words


def _looked_for_result(ent: SpacySpan) -> str | None:
    """The result told after mutations looked for, up to the clause's end, or None."""
    words = _result_words(ent.doc, ent.end)
    if RESULT_DOUBTED.intersection(words) or NO_RESULT_YET.intersection(words):
        return None
    if LOOKED_FOR_NEGATIVE.intersection(words):
        return "negative"
    if TEST_POSITIVE.intersection(words) or any(VARIANT.match(w) for w in words):
        return "positive"
    return None


def _test_result(ent: SpacySpan) -> str | None:
    """The result told after a test named by a finding's phrase, up to the clause's end:
    "negative" ("… testing was negative", "… revealed no mutation"), "positive" ("… testing
    showed a pathogenic variant"), or None (ordered, pending: no result)."""
    words = _result_words(ent.doc, ent.end + 1)  # after the test's noun
    if NO_RESULT_YET.intersection(words) or any(
        w in ("no", "not") and after in NOT_DONE for w, after in pairwise(words)
    ):
        return None  # "… testing: no result yet", "… was not performed", "… is pending"
    if TEST_NEGATIVE.intersection(words):
        return "negative"
    return "positive" if TEST_POSITIVE.intersection(words) else None


# stop 57 (round 120): a mutation named as what a test looked for ("I was tested for the BRCA1
# and BRCA2 mutations", "screened for PIK3CA mutations"): the test is told, not a finding; a
# result told after it decides, as after a test's name ("… and was negative")
MUTATION_NOUNS = frozenset(
    {"mutation", "mutations", "variant", "variants", "alteration", "alterations"}
)


def _looked_for(ent: SpacySpan) -> bool:
    """A gene finding's phrase ending in its mutation noun (no sign or result inside it)."""
    if ent[-1].lower_ not in MUTATION_NOUNS:
        return False
    keys = {key for key, _ in _parse_assignments(ent.ent_id_)}
    return bool(keys) and keys <= BIOMARKER_KEYS


# stop 57 (r120-0001): the one test of a sentence, its result told as the next sentence's
# opening ("I was tested for the BRCA gene changes … The test came back negative, but …")
_NEXT_RESULT = re.compile(
    # (stop 63, r126-0012: or opening with the time it came, "When my results came back
    # positive, I wasn't surprised", or with "it", the one test told)
    r"(?:(?:when|once|then|and|but|so)\s+)?"
    r"(?:(?:the|this|that|my|her|his|their|these|those)\s+)?(?:genetic\s+|gene\s+)?"
    r"(?:tests?|results?|testing|it)\s+(?:all\s+)?(?:came\s+back|was|were|returned|proved|turned\s+out)"
    r"\s+(?:to\s+be\s+)?(?:completely\s+|totally\s+|all\s+)?(negative|positive)\b"
    # (the review of stop 63: not a result told of something else, "it came back positive for
    # PALB2", "It was positive for HER2 on the biopsy")
    r"(?!\s+for\s+(?!(?:a|an|the)?\s*(?:brca\w*|mutations?|variants?|pathogenic|deleterious|germline"
    r"|it|that|this|the\s+(?:brca|gene|mutation))\b))",
    re.I,
)
# a result told uncertain or withdrawn after it ("positive for a BRCA2 VUS that was later
# reclassified as benign") decides nothing
# (the third review of stop 63: only in the words right after the result, and not denied, "not
# a VUS"; "the lump in my other breast was benign" later in the sentence is another finding)
_RESULT_WITHDRAWN = re.compile(
    r"^[^.;]{0,60}?\b(vus|(?:variant\s+of\s+)?uncertain\s+significance|unclassified"
    r"|reclassified(?:\s+as)?\s+(?:benign|likely\s+benign|a\s+vus))\b",
    re.I,
)
_WITHDRAWAL_DENIED = re.compile(r"\b(?:not|no)\s+(?:an?\s+)?$", re.I)
# the same result told later in the gene's own sentence, after a clause break ("I was tested
# for the BRCA gene and it came back positive")
_SAME_RESULT = re.compile(r"(?:,|\band\b|\bbut\b|;)\s*" + _NEXT_RESULT.pattern, re.I)
# another test told in the sentence makes "the test" ambiguous
_OTHER_TESTS = re.compile(
    r"\b(?:scans?|ct|mri|pet|x-?rays?|biops(?:y|ies)|ultrasound|mammogram|bloods|ihc|fish|her2"
    r"|er|pr|receptors?)\b",
    re.I,
)


# stop 62 (the review of probe set S's mends): a gene's result told in its own list item, after
# it ("Panel tested: BRCA1 (pathogenic variant c.68_69del), BRCA2 (no variant)", "ESR1 D538G
# detected", "#PIK3CA H1047R"): up to the item's end — a comma, a semicolon, a new line, a
# checkbox or the next gene
ITEM_ENDS = frozenset({",", ";", "[", "\n", "."})
ITEM_REACH = 6  # tokens of a gene's list item
ITEM_NEGATIVE = frozenset(
    {"no", "not", "negative", "neg", "wild-type", "wildtype", "wt", "none", "normal"}
    | {"nothing", "nil", "absent", "undetected", "unmutated"}
)
ITEM_POSITIVE = frozenset({"pathogenic", "positive", "pos", "detected", "mutated", "deleterious"})
# words that tell what the test did, not its result ("BRCA1 and BRCA2 genes were screened for
# mutation by sequencing"): the item tells no result
ITEM_TEST_WORDS = frozenset(
    {"for", "were", "was", "by", "screened", "tested", "sequenced", "analysed", "analyzed"}
    | {"genes", "gene", "testing", "test", "pending", "ordered", "sent"}
)
VARIANT_NOTATION = re.compile(r"^(?:[cp]\.\S+|[A-Z]\d{2,4}[A-Z*])[.,;:]?$", re.I)


def _item_ends_after(doc: Doc, i: int) -> bool:
    """The list item ends right after token ``i`` (its text ends with an item's end)."""
    return (
        i + 1 >= len(doc)
        or doc[i].text[-1] in ".,;:"
        or doc[i + 1].lower_ in ITEM_ENDS
        or doc[i + 1].is_space
    )


def _result_in_item(ent: SpacySpan, notation: bool = True) -> str | None:
    """ "positive"/"negative" told after the gene in its own list item, else None; with
    ``notation`` false, a variant's notation is a result only when it ends the item ("#PIK3CA
    H1047R." is one, "#BRCA2 c.5946delT is a founder mutation" an awareness post's tag)."""
    doc = ent.doc
    genes = doc.user_data.get("mbc_gene_starts")
    if genes is None:  # once per text
        genes = {e.start for e in doc_ents(doc) if e.label_ in ("GENE", "GENE_NAME")}
        doc.user_data["mbc_gene_starts"] = genes
    for t in doc[ent.end : min(len(doc), ent.end + ITEM_REACH)]:
        w = t.lower_
        if t.i in genes or w in ITEM_ENDS or w in ITEM_TEST_WORDS or t.is_space:
            return None
        if w in ITEM_NEGATIVE:
            return "negative"
        if w in ITEM_POSITIVE:
            return "positive"
        if VARIANT_NOTATION.match(t.text) and (notation or _item_ends_after(doc, t.i)):
            return "positive"
    return None


def _result_told_next(ent: SpacySpan) -> str | None:
    """ "positive"/"negative" when the tested gene's sentence tells the test's result after a
    clause break, or the sentence after it opens with it, else None."""
    doc = ent.doc
    lo, hi = sentence_bounds(doc, ent.start)
    if _told_again_later(ent):
        return None
    rest = span_text(doc, ent.end, hi)
    found = _SAME_RESULT.search(rest)
    if found is not None and _OTHER_TESTS.search(rest, 0, found.start()):
        return None  # "tested for BRCA, the scan and the bloods, and it came back positive"
    if found is None and hi < len(doc):
        if _OTHER_TESTS.search(span_text(doc, lo, hi)):
            return None  # another test told with the gene makes "the test" after it ambiguous
        _, next_hi = sentence_bounds(doc, hi)
        rest = span_text(doc, hi, next_hi)
        found = _NEXT_RESULT.match(rest)
        if found is not None and _OTHER_TESTS.search(rest, 0, found.end()):
            return None  # the next sentence tells another test's result before its own
    if found is None:
        return None
    tail = rest[found.end() :]
    withdrawn = _RESULT_WITHDRAWN.match(tail)
    if withdrawn is not None and not _WITHDRAWAL_DENIED.search(tail, 0, withdrawn.start(1)):
        return None  # "positive for a BRCA2 VUS", not "positive, not a VUS"
    return "positive" if found.group(1).lower() == "positive" else "negative"


def _told_again_later(ent: SpacySpan) -> bool:
    """The gene's fact is told again later in the text ("tested for BRCA in 2015 and it came
    back negative. Retested in 2023: BRCA2 pathogenic variant found"): that one decides."""
    key = ent.ent_id_.split("=")[0]
    return any(e.start >= ent.end and e.ent_id_.split("=")[0] == key for e in doc_ents(ent.doc))


# stop 59 (held-out probe P): a gene's bare name, or a list of gene names, before a test's
# noun names the test ("BRCA1, BRCA2, PALB2, CHEK2 and ATM sequencing normal", "BRCA1/2 gene
# testing ordered"): no finding of a mutation — the result told after the noun decides, as
# after a finding's phrase naming its test (_test_result). Any gene symbol may stand in the
# list, tracked or not.
GENE_LIST_JOINERS = frozenset({",", "and", "or", "/", "&", "+"})
GENE_LIST_REACH = 16  # tokens of a gene list walked to its test noun
GENE_NOUNS = frozenset({"gene", "genes", "genetic", "germline", "panel", "mutation", "mutations"})


def _gene_test_noun(ent: SpacySpan) -> int | None:
    """The index of the test noun the gene name at ``ent`` (alone or in a list of gene names)
    stands before, or of the colon a list of gene names opens its result with ("BRCA1, BRCA2
    and PALB2: no pathogenic variants on germline panel"), or None."""
    doc = ent.doc
    i, end = ent.end, min(len(doc), ent.end + GENE_LIST_REACH)
    while i < end and (doc[i].text in GENE_LIST_JOINERS or GENE_SYMBOL.match(doc[i].text)):
        i += 1
    while i < end and doc[i].lower_ in GENE_NOUNS and doc[i].lower_ not in TEST_NOUNS:
        i += 1  # "BRCA1/2 gene testing", "BRCA germline testing"
    if i < end and doc[i].text == ":" and i > ent.end:
        return i  # a list of names, then its result
    return i if i < end and doc[i].lower_ in TEST_NOUNS else None


# stop 72 (the review): the genes a test covers, told in a bracket after its name
# ("Germline panel (BRCA1, BRCA2, PALB2) - pending", "(…) - not done", "(…) - PALB2
# pathogenic variant"): no finding of their own, the result after the bracket decides (a gene
# named there decides by its own mention)
BRACKET_TEST_WORDS = TEST_NOUNS | GENE_NOUNS | {"ngs", "tested", "genes", "testing"}
RESULT_SEPARATORS = frozenset({"-", "–", "—", ":", "="})


def _gene_symbol(token: Any) -> bool:
    """A gene's symbol by its written shape ("PALB2", "BRCA1/2"; not "T3")."""
    return bool(GENE_SYMBOL.match(token.text)) and any(c.isalpha() for c in token.text[1:])


def _gene_bracket(doc: Doc, opened: int) -> int | None:
    """The index of the close of the bracket opened at ``opened`` when it holds a list of
    genes only ("(BRCA1, BRCA2, PALB2 and others)"), or None."""
    named = False
    for k in range(opened + 1, min(len(doc), opened + GENE_LIST_REACH)):
        token = doc[k]
        if token.text.startswith(")"):
            return k if named else None
        if _gene_symbol(token) or token.ent_type_ == "GENE":
            named = True
        elif not _list_gap(token):
            return None
    return None


def _test_bracket(ent: SpacySpan) -> tuple[int, int] | None:
    """Where the bracket opens and closes when the gene at ``ent`` is listed in a bracket after
    a test's name, or None."""
    doc = ent.doc
    k = ent.start - 1
    while k >= 0 and ent.start - k <= GENE_LIST_REACH and doc[k].text != "(" and _list_gap(doc[k]):
        k -= 1
    if k < 1 or doc[k].text != "(":
        return None
    if doc[k - 1].lower_ not in BRACKET_TEST_WORDS and doc[k - 1].ent_type_ != "TOPIC":
        return None
    close = _gene_bracket(doc, k)
    return (k, close) if close is not None else None


def _bracket_names_others(ent: SpacySpan, bracket: tuple[int, int]) -> bool:
    """The bracket holding the gene at ``ent`` names a gene of no finding of its own key
    ("(BRCA1, BRCA2, PALB2)" of BRCA)."""
    doc = ent.doc
    key = ent.ent_id_.split("=")[0]
    opened, close = bracket
    for token in doc[opened + 1 : close]:
        if not _gene_symbol(token):
            continue
        if token.ent_type_ != "GENE" or not any(
            e.start <= token.i < e.end and e.ent_id_.split("=")[0] == key for e in doc_ents(doc)
        ):
            return True
    return False


def _bracket_result(doc: Doc, close: int) -> str | None:
    """ "positive", "negative" or None (none yet, not done, or a gene named deciding) after
    the bracket at ``close``."""
    words = doc_lowers(doc)
    start = close + 1 if close + 1 < len(words) and words[close + 1] in RESULT_SEPARATORS else close
    for k in range(start + 1, min(len(words), start + 1 + TEST_REACH)):
        token = doc[k]
        if words[k] in GENE_RESULT_ENDS and k > start + 1:
            break
        if _gene_symbol(token):
            return None  # "- PALB2 pathogenic variant": that gene's own finding
    return _gene_test_result(doc, start)


# The result of a gene test named by the genes: its first deciding word after the noun, in
# the noun's clause only ("BRCA2 genetic testing positive, not on a PARP inhibitor yet" is
# positive: the "not" is the next clause's). A verb of showing decides nothing by itself
# ("… sequencing showed no variant": its object decides).
GENE_RESULT_POSITIVE = frozenset(
    {"positive", "pos", "pathogenic", "deleterious", "detected", "identified", "found"}
    | {"carrier", "mutated", "mutation", "mutations", "variant", "variants", "+"}
)
GENE_RESULT_NEGATIVE = frozenset(
    {"negative", "neg", "normal", "unremarkable", "no", "not", "none", "nil", "wild-type"}
    | {"wildtype", "without", "-", "clear", "nothing"}
)
GENE_RESULT_ENDS = frozenset({".", ";", ",", "but", "however", "although", "though", "while"})


def _gene_test_result(doc: Doc, noun: int) -> str | None:
    """ "positive", "negative" or None (no result, pending, not done) after ``noun``."""
    words = doc_lowers(doc)
    for k in range(noun + 1, min(len(words), noun + 1 + TEST_REACH)):
        word = words[k]
        if word in GENE_RESULT_ENDS and k > noun + 1:
            return None
        if word in NO_RESULT_YET or word in RESULT_DOUBTED:
            return None
        if word in GENE_RESULT_NEGATIVE:
            after = words[k + 1] if k + 1 < len(words) else ""
            return None if after in NOT_DONE else "negative"  # "not done", "not performed"
        if word in GENE_RESULT_POSITIVE:
            return "positive"
    return None


# stop 57 (held-out probe N): a gene's bare name before a word of talk ("does the BRCA thing
# change my options?", "the whole BRCA issue"): the topic talked about, no finding of hers
TOPIC_NOUNS = frozenset(
    {"thing", "things", "stuff", "issue", "issues", "question", "questions", "business"}
    | {"angle", "aspect", "aspects", "story", "side", "debate", "discussion", "talk", "worry"}
)


TOPIC_ARTICLES = frozenset({"the", "this", "that", "whole"})


def _talked_about(ent: SpacySpan) -> bool:
    """ "the BRCA thing": an article before (not "my BRCA thing", hers), a word of talk after."""
    words = doc_lowers(ent.doc)
    return (
        ent.end < len(words)
        and ent.start > 0
        and words[ent.end] in TOPIC_NOUNS
        and words[ent.start - 1] in TOPIC_ARTICLES
    )


def _test_named(ent: SpacySpan, negations: int, modifiers: Iterable[Modifier]) -> int | None:
    """A finding's phrase that tells a test, not a finding: 0 for mutations looked for after
    a test's verb ("tested for BRCA2 mutations"), 1 for the test's own name before its noun
    ("PIK3CA mutation testing"; the noun skipped to its result), else None."""
    if (
        not negations
        and any(m.category == "TESTED" and m.end <= ent.start for m in modifiers)
        and _looked_for(ent)
    ):
        return 0
    return 1 if _names_a_test(ent) else None


# stop 57 (review): a pregnancy told with its year, the text going on to a later year or to
# "now" ("Her first breast cancer was found during pregnancy in 2004. Now 61, she has …"): her
# state then, not now (a 61-year-old had been read premenopausal)
_PREGNANCY_WORDS = re.compile(
    r"pregnan|gestation|trimester|partum|puerper|birth|breast-?\s?feeding|lactating|baby", re.I
)
_NOW = re.compile(r"\b(?:now|currently|today|presently)\b", re.I)


def _past_pregnancy(ent: SpacySpan) -> bool:
    if _PREGNANCY_WORDS.search(ent.text) is None:
        return False
    doc = ent.doc
    lo, hi = sentence_bounds(doc, ent.start)
    years = [int(y) for y in YEAR_TOLD.findall(span_text(doc, lo, hi))]
    if not years:
        return False
    after = doc_text(doc)[ent.end_char :]
    later = [int(y) for y in YEAR_TOLD.findall(after)]
    return (
        _NOW.search(after) is not None or any(y > max(years) for y in later)
    ) and _OLDER_AGE.search(doc_text(doc)) is not None


# an age told of 45 or more ("Now 61", "a 58-year-old", "aged 52") makes a dated pregnancy her
# past (not a 34-year-old's, "diagnosed in August 2021 when I was 6 months pregnant")
_OLDER_AGE = re.compile(
    r"\b(?:now|aged?|is|am)\s+(?:4[5-9]|[5-9]\d)\b|\b(?:4[5-9]|[5-9]\d)[- ]?(?:years?|yrs?|yo|y/o)\b",
    re.I,
)


def _list_looked_for(doc: Doc, n: int) -> bool:
    """The finding's phrase whose value a bare gene name ``n`` takes (the next FACT) names
    mutations looked for, with no result told after them."""
    ents = doc_ents(doc)
    fact = next((e for e in ents[n + 1 :] if e.label_ == "FACT"), None)
    return fact is not None and _looked_for(fact) and _looked_for_result(fact) is None


_KIN_ARTICLES = frozenset({"a", "an", "this", "our"})
_KIN_BETWEEN_STOP = frozenset({"of", "with", "and", "or", "her", "his", "who", "whose", "the"})


# the plain nouns of a person's sex ("a man named Bill")
PERSON_NOUNS = frozenset({"man", "woman", "lady", "gentleman", "guy", "girl", "boy"})
CARRIER_VERBS = frozenset(
    {"carries", "carry", "carrying", "carried", "inherited", "has", "have", "had"}
)
CARRIER_SUBJECTS = frozenset({"she", "i", "he"})
CARRIER_REACH = 3  # words from the verb to the finding ("carries a BRCA2 mutation")


def _carried_by_her(ent: SpacySpan, verbs: frozenset[str] = CARRIER_VERBS) -> bool:
    """The finding the object of the patient's carrier verb ("she carries a BRCA2 mutation",
    "I have the BRCA1 mutation", "she does not carry …"): the pronoun right before the verb
    and its auxiliaries."""
    words = doc_lowers(ent.doc)
    for k in range(ent.start - 1, max(ent.start - 1 - CARRIER_REACH, 0), -1):
        if words[k] in verbs:
            j = k - 1
            while j > 0 and words[j] in CARRIER_AUXILIARIES:
                j -= 1  # "she does not carry", "I also carry"
            return words[j] in CARRIER_SUBJECTS
        if not ent.doc[k].is_alpha:
            return False
    return False


CARRIER_AUXILIARIES = frozenset({"not", "n't", "does", "do", "did", "also", "still", "too"})


_KIN_ADJECTIVES = 2  # words between the article and the age phrase


def _kin_adjective(token: Token) -> bool:
    """A plain word that can describe the person before her age ("a normal 34-year-old
    mother", "a busy, healthy 45-year-old mum"): no relative word, no stop word."""
    return token.text == "," or (
        token.is_alpha
        and token.lower_ not in _KIN_BETWEEN_STOP
        and token.lower_ not in _KIN_ARTICLES
        and token.lower_ not in RELATIVE_SEX
    )


def _kin_noun(ent: SpacySpan) -> str | None:
    """The relative word an article's age phrase names the patient by ("a 53-year-old
    grandmother", "an 80-year-old widowed mother"), as context_rules.yaml's PSEUDO cue
    reads it; None when the age describes no relative word."""
    doc = ent.doc
    # (stop 47, r66-0016: an adjective or two between, "as a normal 34-year-old mother of two")
    k = ent.start - 1
    while k >= ent.start - _KIN_ADJECTIVES and k > 0 and _kin_adjective(doc[k]):
        k -= 1
    if k < 0 or doc[k].lower_ not in _KIN_ARTICLES:
        return None
    for token in ent:
        if token.lower_ in RELATIVE_SEX:
            return token.lower_  # the person noun inside the age ("45-year-old single mother")
    for token in doc[ent.end : ent.end + 3]:
        if token.lower_ in RELATIVE_SEX:
            return token.lower_
        if token.text != "," and (not token.is_alpha or token.lower_ in _KIN_BETWEEN_STOP):
            return None
    return None


APPOSED_RELATIVES = frozenset(RELATIVE_SEX) | {"partner", "son", "boyfriend", "girlfriend"}
RELATIVE_OWNERS = frozenset({"her", "his", "my", "their", "our", "your"})


# stop 33 (r33, left open in stop 32): an ordinal counting courses of chemotherapy ("I'm
# entering my fourth regimen of chemotherapy in over a year", "she is on her third line of
# chemo"): the lines it gives are chemotherapy lines too. Not "third-line chemotherapy"
# (chemotherapy given as the third line, the others may be endocrine).
ORDINAL_OF_CHEMO = frozenset({"chemo", "chemotherapy", "chemotherapies", "cytotoxic"})


def _chemotherapy_ordinal(
    doc: Doc, lines: Sequence[LineMention], observations: Sequence[Observation]
) -> Observation | None:
    """The chemotherapy lines of the one line count read from an ordinal of chemotherapy
    ("my fourth regimen of chemotherapy": the count read from it), or None."""
    counts = [o for o in observations if o.key == "prior_lines"]
    if len(counts) != 1:
        return None
    for line in lines:
        after = [t.lower_ for t in doc[line.end : line.end + 3]]
        if (
            line.span == counts[0].span
            and len(after) >= 2
            and after[0] == "of"
            and after[1] in ORDINAL_OF_CHEMO
        ):
            return Observation("prior_chemo_lines", counts[0].value, line.span)
    return None


METASTATIC_NEWS = re.compile(r"metasta|stage\s*(?:iv|4|four)\b|secondary|\bmbc\b", re.I)
# a calendar year told with an event's age, and the present told after it: the age then
YEAR_TOLD = re.compile(r"\b(?:19|20)\d\d\b")
TODAY = re.compile(r"\b(?:today|nowadays|these\s+days|currently|now)\b", re.I)


def _named_subject(ent: SpacySpan) -> bool:
    """Stop 44 (r59-0029): the sentence opens with a name, 1-3 capitalised words up to its
    first comma, the apposition after it ("Karen Daniels, a mother of two from Auckland, was
    only 41 when she …"); not a relative ("Her husband, a kind man, was 50 when he …")."""
    doc = ent.doc
    lo = sentence_bounds(doc, ent.start)[0]
    name = 0
    while lo + name < ent.start and doc[lo + name].text != ",":
        token = doc[lo + name]
        if not (_name_word(token)) or token.lower_ in RELATIVE_OWNERS:
            return False
        name += 1
    return 1 <= name <= 3 and lo + name < ent.start


def _relative_apposition(ent: SpacySpan) -> bool:
    """A news apposition's age of a relative named before the name ("her husband, Tom, 52,
    says"; the age of "his wife, Melissa, 45, was diagnosed" is hers when the text is about
    that relative: chatbot.nlp.context.patient_relative)."""
    doc = ent.doc
    if (
        ent.start >= 2
        and doc[ent.start - 1].lower_ in APPOSED_RELATIVES
        and (
            ent[0].is_title or (ent[0].text == "," and doc[ent.start - 2].lower_ in RELATIVE_OWNERS)
        )
    ):
        # stop 36: the relative word right before the age, no name between ("Her husband, 52,
        # left her"), or before the name the age opens with ("Her husband Tom is 52"): the
        # relative's own age — unless the message is about that relative ("My mother, 67, has MBC")
        return patient_relative(doc) != ent.start - 1
    if _named_in_a_list_of_relatives(ent):
        return True
    name = ent.start if _name_word(ent[0]) else ent.start - 1
    if ent[0].text == ",":
        name = ent.start - 1  # the lone number ", 52," after the name
    if _name_word(doc[name]):
        name = _name_start(doc, name)  # stop 42: a full name ("her daughter, Amy Brown, 25,")
    if name < 2 or doc[name - 1].text != "," or doc[name - 2].lower_ not in APPOSED_RELATIVES:
        return False
    if not (_name_word(doc[name])):
        return False  # stop 35 (r40): "A young mother, only 26 years old, …": no name between
    return patient_relative(doc) != name - 2


# the words of a list of named relatives with their ages ("two children, Tom, aged 14, and
# Sophie, aged 8"), besides the names and the numbers
_AGE_LIST_WORDS = frozenset({",", "and", "aged", "age", "years", "year", "yrs", "old", "-", "yo"})


def _long_ago(ent: SpacySpan) -> bool:
    """The sentence tells a time long past before the age ("Sixteen years ago, at age 56, …")."""
    lo = sentence_bounds(ent.doc, ent.start)[0]
    return "ago" in doc_lowers(ent.doc)[lo : ent.start]


def _named_in_a_list_of_relatives(ent: SpacySpan) -> bool:
    """An "aged N" of a name in a list after a relative or child noun ("Deirdre has two
    children, Tom, aged 14, and Sophie, aged 8"): the relative's age, in the same sentence
    (stop 39, r50: the children's ages had cancelled her "43-year-old")."""
    doc = ent.doc
    if ent[0].lower_ not in ("aged", "age"):
        return False
    lowers = doc_lowers(doc)
    lo = sentence_bounds(doc, ent.start)[0]
    named = False
    for i in range(ent.start - 1, max(lo, ent.start - 16) - 1, -1):
        word = lowers[i]
        if word in CHILDREN or word in APPOSED_RELATIVES:
            return named and lowers[i + 1] == "," and patient_relative(doc) != i
        if _name_word(doc[i]):
            named = True
        elif not (word in _AGE_LIST_WORDS or word.isdigit()):
            return False
    return False


_LATER_AGE = re.compile(
    rf"\b(?:{_AGE_TOLD}|\d+[- ]years?[- ]old\s+(?:wom|pat|fem|lady)"
    r"|currently|presently|now\b|subsequently|later\b)",
    re.I,
)


# stop 37 (r45): her age told again later in the story ("at 38, she has", "now 41")
_AGE_REACHED = re.compile(r"\bat\s+\d{2}\s*,\s*(?:she|he|i)\b|\bnow\s+(?:aged\s+)?\d{2}\b", re.I)


AT_FILLERS = frozenset({"just", "only", "barely", "the", "tender", "young", "age", "of"})


def _at_before(ent: SpacySpan) -> bool:
    """The age phrase opened by "at" outside it ("at just 43-years-old", "at only 29") or as
    its own first word (stop 48, r73-0005: "At 35, I was diagnosed with stage 1A … However,
    at 39, I was diagnosed with stage IV")."""
    doc = ent.doc
    if ent[0].lower_ == "at":
        return True
    k = ent.start - 1
    while k >= 0 and k >= ent.start - 3 and doc[k].lower_ in AT_FILLERS:
        k -= 1
    return k >= 0 and doc[k].lower_ == "at"


def _later_age_of_hers(ent: SpacySpan) -> bool:
    """Another age entity after ``ent``, not a child's, and no younger: hers grows ("I was 11"
    or "a 12 year old" told after is someone else's, or her childhood)."""
    text = doc_text(ent.doc)
    own = _number(ent.text)
    return own is not None and any(
        e.label_ == "AGE"
        and e.start >= ent.end
        and not _childs_age(text, e.start_char)
        and (_number(e.text) or 0) >= own
        for e in doc_ents(ent.doc)
    )


def _later_told(ent: SpacySpan) -> bool:
    """Another age of hers, or a later time, told after the sentence-opening age ``ent``."""
    text = doc_text(ent.doc)
    return (
        any(not _childs_age(text, m.start()) for m in _LATER_AGE.finditer(text, ent.end_char))
        or _LATER_TIME.search(text, ent.end_char) is not None
    )


# stop 42 (r56-0030): a child's age told after hers is no later age of hers ("I was 45 years
# old I have 2 children, who were aged 8 and 13 at the time")
_CHILDS_AGE = re.compile(
    r"\b(?:children|kids|sons?|daughters?|boys?|girls?|twins|grandchildren|babies|baby)\b"
    r"[^.;]{0,25}$",
    re.I,
)


def _childs_age(text: str, at: int) -> bool:
    return _CHILDS_AGE.search(text, max(at - 40, 0), at) is not None


def _child(ent: SpacySpan) -> bool:
    """A person told by a child's age alone ("tell a 12 year old, a 9 year old …"); "a
    15-year-old girl" with breast cancer may be the patient (asked back, as any age out of
    range is)."""
    doc = ent.doc
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    return "old" in {t.lower_ for t in ent} and after not in PERSON_WORDS | {"girl", "boy"}


def _years_of_something(ent: SpacySpan) -> bool:
    """ "N years of <a noun other than age>" ("33 years of marriage", "10 years of tamoxifen"):
    how long something lasted, no age."""
    doc = ent.doc
    words = [t.lower_ for t in ent]
    if words[-1:] in (["years"], ["yrs"], ["year"]):
        at = ent.end
    elif ent.end + 1 < len(doc) and doc[ent.end].lower_ in ("years", "yrs", "year"):
        at = ent.end + 1
    else:
        return False
    return (
        at + 1 < len(doc) and doc[at].lower_ == "of" and doc[at + 1].lower_ not in ("age", "aged")
    )


LIKENED_GAP = frozenset({"a", "an", "i", "i'm", "i’m", "she", "he", "was", "were", "am", "is"})


# stop 40 (r51): what someone else took the patient for ("the scientists thought I was a
# 64-year-old woman", "the nurse mistook him for a 70-year-old") tells neither his age nor his
# sex
MISTAKEN_WORDS = frozenset({"thought", "assumed", "believed", "presumed", "mistook", "mistaken"})


def _mistaken(ent: SpacySpan) -> bool:
    """The age phrase is what someone thought the patient was (past a pronoun, its verb, an
    article, or "for")."""
    doc = ent.doc
    i = ent.start - 1
    while (
        i >= 0
        and i >= ent.start - 4
        and (doc[i].lower_ in LIKENED_GAP or doc[i].lower_ in ("for", "him", "her", "me", "that"))
    ):
        i -= 1
    return i >= 0 and doc[i].lower_ in MISTAKEN_WORDS


def _likened(ent: SpacySpan) -> bool:
    """The age of a comparison: "felt like an 80 year old", "as if I were 90", "more tired than
    a 90-year-old" — "like", "as if/though" or "than" right before it, past an article or a
    pronoun and its verb. Not "as a 45-year-old" (her age then)."""
    doc = ent.doc
    i = ent.start - 1
    while i >= 0 and i >= ent.start - 4 and doc[i].lower_ in LIKENED_GAP:
        i -= 1
    if i < 0:
        return False
    word = doc[i].lower_
    if word in ("if", "though") and i >= 1 and doc[i - 1].lower_ == "as":
        return True
    if ent.end < len(doc) and _name_word(doc[ent.end]):
        return False  # stop 36 (r43): "Women like 33-year-old Nikki Black": an example, named
    return word in ("like", "than")


def _writer_age(ent: SpacySpan) -> bool:
    """The age is the writer's own: "I am 25" as one mention, or told after "I'm" ("I’m 83
    years old, and we both feel …", stop 30, r28)."""
    doc = ent.doc
    before = [t.lower_ for t in doc[max(ent.start - 2, 0) : ent.start]]
    return ent[0].lower_ == "i" or (
        before[-2:-1] == ["i"] and before[-1:] in (["am"], ["'m"], ["’m"], ["was"])
    )


WRITER_WORDS = frozenset({"i", "i'm", "i’m", "im", "myself"})


def _kins_own_state(ent: SpacySpan) -> bool:
    """The state is told in a sentence whose subject is the writer's relative ("My mum went
    through the menopause at 45"), the writer not named before it, in a message that tells
    the writer's own cancer (a carer's "My mum is 64, postmenopausal" is the patient's)."""
    doc = ent.doc
    lo = sentence_bounds(doc, ent.start)[0]
    words = doc_lowers(doc)
    return (
        ent.start - lo >= 2
        and own_cancer_told(doc)
        and words[lo] == "my"
        and words[lo + 1] in RELATIVE_SEX
        and FIRST_PERSON_WORDS.isdisjoint(words[lo + 2 : ent.start])
    )


# stop 58 (held-out probe O): an animal's illness told beside hers ("our spaniel has just been
# diagnosed with a mammary tumour that the vet says has spread to her lungs"): the findings
# after an owned animal told ill, in its sentence, are the animal's until the writer comes
# back ("… and then I got the news that my cancer had spread to my bones" is hers). Not
# "PET" (the scan), nor an animal told beside her own story ("My dog is my best friend and
# has been with me since my bone mets diagnosis"): both found by the review.
PET_NOUNS = frozenset(
    {"dog", "dogs", "cat", "cats", "puppy", "puppies", "kitten", "kitty", "spaniel", "pony"}
    | {"labrador", "retriever", "terrier", "poodle", "collie", "beagle", "dachshund", "horse"}
    | {"greyhound", "whippet", "schnauzer", "sheepdog", "rabbit"}
)
OWNERS = frozenset({"my", "our", "her", "his", "their", "the"})
ANIMAL_ILL = frozenset(
    {"diagnosed", "tumour", "tumor", "tumours", "tumors", "cancer", "lump", "lymphoma"}
    | {"sarcoma", "carcinoma", "mass"}
)
ANIMAL_REACH = 6  # words from the animal to its illness word
PETS_KEY = "mbc_animal_named"  # doc.user_data: the text names an animal at all
WRITER_BACK = frozenset({"i", "my", "me", "myself", "mine", "i'm", "i’m", "i've", "i’ve"})


# stop 64 (held-out probe U): a pathway, algorithm or protocol pasted beside the case, its
# branches told with arrows ("Our unit pathway for HR+ HER2- after CDK4/6i:\n AKT1 / PIK3CA /
# PTEN altered -> fulvestrant + capivasertib\n ESR1 mutated -> elacestrant"): the branches'
# findings and drugs are the protocol's, not hers. The header names the protocol and ends in a
# colon; the branch lines are the lines with an arrow right after it. A history told with
# arrows ("ER+ HER2- -> letrozole/palbo -> PD") has no such header and stays read.
PROTOCOL_HEADER = re.compile(
    r"\b(?:pathways?|algorithms?|flow-?charts?|protocols?|guidelines?|decision\s+trees?)\b"
    r"[^\n:]{0,80}:",
    re.I,
)
# the review of stop 64: not her care told by a protocol ("treated according to our unit
# protocol:", "History (treated off-protocol):", "Treatment algorithm followed so far:"), a
# pathway of biology ("PI3K pathway:"), or one written for her ("Our pathway (for her):")
PROTOCOL_NOT_FOR_OTHERS = re.compile(
    r"(?:\b(?:treated|managed|her|this\s+patient)\b|\boff-)[^:\n]{0,40}$"
    r"|\btreatment\s+(?:per\s+)?$"
    r"|\b(?:pi3k|akt|mtor|mapk|hrr|repair|signal\w*|kinase|ras|erk|jak|stat|wnt)[\s/-]*(?:\w+[\s/-]+){0,2}$",
    re.I,
)
PROTOCOL_FOR_HER = re.compile(
    r"\bfor\s+(?:her|this\s+patient|the\s+patient)\b|so\s+far|followed", re.I
)
BRANCH_ARROW = re.compile(r"->|→|=>|⇒|⟶|➔")
SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
# a line of her history told with arrows, not a branch, by its shape: a year or a date opening
# it, a progression as a step ("-> PD liver ->"), "now", or a chain of steps (two arrows or more)
# that does not open on a condition ("letrozole + palbociclib -> fulvestrant -> capecitabine"; a
# branch opens on one, "ESR1 mutated -> elacestrant", and a wrapped line may join two)
TIMELINE_LINE = re.compile(
    r"^\s*(?:(?:19|20)\d\d|\d{1,2}/\d{2,4})\b|\bPD\b|\bnow\b|(?:->|→|=>|⇒|⟶|➔)\s*progress",
    re.I,
)
ARROW_CHAIN = re.compile(r"(?:->|→|=>|⇒|⟶|➔).*(?:->|→|=>|⇒|⟶|➔)")
BRANCH_CONDITION = re.compile(
    r"\b(?:altered|alterations?|mutat\w*|positive|negative|none|if|wild|amplif\w*|low|high|loss|"
    r"fusion|present|absent|detected)\b",
    re.I,
)


def _timeline_line(line: str) -> bool:
    if TIMELINE_LINE.search(line):
        return True
    first = BRANCH_ARROW.split(line, maxsplit=1)[0]
    return ARROW_CHAIN.search(line) is not None and BRANCH_CONDITION.search(first) is None


PROTOCOL_KEY = "mbc_protocol_branches"


def _protocol_branch(ent: SpacySpan) -> bool:
    """The entity is in a protocol's header or branch lines (above)."""
    doc = ent.doc
    spans = doc.user_data.get(PROTOCOL_KEY)
    if spans is None:
        spans = doc.user_data[PROTOCOL_KEY] = _protocol_spans(doc_text(doc))
    return any(lo <= ent.start_char < hi for lo, hi in spans)


def _protocol_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    if BRANCH_ARROW.search(text) is None:
        return spans
    for header in PROTOCOL_HEADER.finditer(text):
        start = header.start()
        line_start = text.rfind("\n", 0, start) + 1
        if PROTOCOL_NOT_FOR_OTHERS.search(text[line_start:start]) or PROTOCOL_FOR_HER.search(
            header.group(0)
        ):
            continue
        end = text.find("\n", header.end())
        end = len(text) if end < 0 else end
        told = SENTENCE_END.search(text, header.end(), end)  # "Protocol: A -> B. She is …"
        end = end if told is None else told.start()
        lines = [(header.end(), end)] if BRANCH_ARROW.search(text, header.end(), end) else []
        while end < len(text):
            nxt = text.find("\n", end + 1)
            nxt = len(text) if nxt < 0 else nxt
            if BRANCH_ARROW.search(text, end, nxt) is None:
                break
            lines.append((end, nxt))
            end = nxt
        if lines and not any(_timeline_line(text[lo:hi].strip("\n")) for lo, hi in lines):
            spans.append((start, end))
    return spans


# stop 64 (held-out probe U): a gene told in a text of a script this reader does not read
# (Korean "PIK3CA 돌연변이 검출되지 않음", Arabic "BRCA1 و BRCA2: سلبية", Hebrew "לא זוהתה מוטציה
# ב-ESR1": not detected, negative) had read present, as a bare gene is. Its verdict is in the
# words around it: unknown, asked. Latin, Greek and Cyrillic are read (context_rules.yaml).
READ_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC")
UNREAD_KEY = "mbc_unread_script"


def _unread_letter(word: str) -> bool:
    return any(
        ch.isalpha() and not unicodedata.name(ch, "LATIN").startswith(READ_SCRIPTS) for ch in word
    )


def _verdict_unread(ent: SpacySpan) -> bool:
    """The gene's verdict is told in an unread script: the first word after it (past a list of
    further genes: "PIK3CA, AKT1, ESR1 모두 음성") is of that script, or, with nothing read after
    it, the word right before it is ("לא זוהתה מוטציה ב-ESR1."). Not a name or a place
    before it set off by a colon or a bracket, nor a gene with words of its own after it
    (the review of stop 64: "My wife 李娜 has BRCA2", "Tested at 北京协和医院: germline BRCA2
    c.5946delT", "ctDNA (삼성서울병원): ESR1 Y537S")."""
    doc = ent.doc
    told = doc.user_data.get(UNREAD_KEY)
    if told is None:  # once per text: most are ASCII
        text = doc_text(doc)
        told = doc.user_data[UNREAD_KEY] = not text.isascii() and _unread_letter(text)
    if not told:
        return False
    lo, hi = sentence_bounds(doc, ent.start)
    words = doc_lowers(doc)
    k = ent.end
    while k < hi and (words[k] in UNREAD_LIST_GAPS or GENE_SYMBOL.match(doc[k].text)):
        k += 1
    if k < hi and words[k] not in UNREAD_LIST_ENDS:
        return _unread_letter(words[k])  # the verdict after it: read or not
    k = ent.start - 1
    while k >= lo and words[k] in ("-", "–"):
        k -= 1  # "ב-ESR1"
    return k >= lo and _unread_letter(words[k])


UNREAD_LIST_GAPS = frozenset({",", "/", "&", "and", "or", "و", "и", "및", "、", "，"})
UNREAD_LIST_ENDS = frozenset({".", ":", ";", "!", "?", "(", ")", "):"})


# stop 64 (found beside probe U, the review of stop 64): an organ told normal before it is no
# site, unless its own phrase goes on to a metastasis in it ("normal liver apart from a 2 cm
# metastasis", "unremarkable liver except for two new metastases"); another organ or a clause
# edge first ("normal liver and lung mets", "normal lungs, liver metastases") ends the phrase
PHRASE_EDGES = frozenset({",", ";", ".", ":", "!", "?", "but", "whereas", "while"})


def _metastasis_in_it(ent: SpacySpan) -> bool:
    doc = ent.doc
    words = doc_lowers(doc)
    hi = sentence_bounds(doc, ent.start)[1]
    for k in range(ent.end, hi):
        if words[k] in PHRASE_EDGES or doc[k].ent_type_ == ent.label_:
            return False
        if words[k].startswith("metasta") or words[k] in ("mets", "met", "deposits", "deposit"):
            # (the third review of stop 64: not one denied, "normal liver with no evidence of
            # metastases", "… with metastases excluded")
            return not (
                DENIED_METASTASIS.intersection(words[max(ent.end, k - 3) : k])
                or DENIED_AFTER_METASTASIS.intersection(words[k + 1 : k + 2])
            )
    return False


DENIED_METASTASIS = frozenset(
    {"no", "without", "free", "excluded", "absent", "negative", "nil", "not", "ruled"}
)
# (not "not": "metastases not amenable to resection", the fourth review of stop 64)
DENIED_AFTER_METASTASIS = frozenset({"excluded", "absent", "ruled"})


# what follows "She was 46 years" when it tells her age: the sentence's end, or an apposition
# that describes her ("She was 46 years, a mother of 2 children"); not a duration's tail ("She
# was 20 years, disease free", "I am 25 years and counting", the review of stop 64)
AGE_APPOSITIONS = frozenset(
    {"a", "an", "married", "single", "divorced", "widowed", "postmenopausal", "premenopausal"}
)


def _age_told_after_copula(doc: Doc, end: int) -> bool:
    words = doc_lowers(doc)
    if end >= len(words) or words[end] in (".", "!", ";"):
        return True
    return words[end] == "," and end + 1 < len(words) and words[end + 1] in AGE_APPOSITIONS


# the third review of stop 64: an organ told normal heads a list of bare organs joined to it
# ("unremarkable liver, spleen and kidneys; sclerotic bone mets", "Normal liver and spleen"):
# each is denied with it, up to a member with a finding word of its own after it
ORGAN_LIST_JOINERS = frozenset({",", "and", "or", "&"})
METASTASIS_HEAD = re.compile(r"metasta|\bmets?\b|deposits?", re.I)


def _normal_organ_list(doc: Doc) -> dict[int, Modifier]:
    words = doc_lowers(doc)
    out: dict[int, Modifier] = {}
    if "normal" not in words and "unremarkable" not in words:
        return out  # most texts: no normal organ told
    ents = doc_ents(doc)
    held: Modifier | None = None
    chain: list[int] = []
    last_end = 0
    for n, (ent, ctx) in enumerate(zip(ents, doc_extension(doc, "context"), strict=True)):
        own = next((m for m in ctx.modifiers if m.rule.literal == NORMAL_BEFORE), None)
        if own is not None:
            held = None if _metastasis_in_it(ent) else own
            chain = []
            last_end = ent.end
            continue
        joined = held is not None and all(
            w in ORGAN_LIST_JOINERS for w in words[last_end : ent.start]
        )
        if (
            held is not None
            and joined
            and ent.label_ in ("FACT", "ORGAN")
            and "metastatic_sites=" in ent.ent_id_
            and len(ent) == 1
            and not _metastasis_in_it(ent)
        ):
            out[n] = held
            chain.append(n)
            last_end = ent.end
            continue
        if joined and METASTASIS_HEAD.search(ent.text):
            # "normal liver, lung and bone metastases" (the fourth review of stop 64): the
            # list after the normal organ is the metastases' own, not the normal one's
            for k in chain:
                out.pop(k, None)
        held, chain = None, []
    return out


def _named_germline(ent: SpacySpan) -> bool:
    """The mention names itself germline ("germline BRCA2 c.5946delT pathogenic" after a
    tumour-only report's heading, the review of stop 64), or its sentence tells it confirmed in
    the germline after it ("BRCA2 c.5946delT at VAF 48%; germline testing confirmed it")."""
    if any(t.lower_ in ("germline", "gbrca", "gbrca1", "gbrca2") for t in ent):
        return True
    doc = ent.doc
    words = doc_lowers(doc)
    hi = sentence_bounds(doc, ent.start)[1]
    return any(
        w == "germline"
        and GERMLINE_CONFIRMED.intersection(words[max(ent.end, k - 3) : k + 4])
        # (the fourth review of stop 64: not "germline status not confirmed", "germline
        # testing to confirm is pending")
        and not CONFIRMATION_AHEAD.intersection(words[max(ent.end, k - 3) : k + 6])
        for k, w in enumerate(words[ent.end : hi], ent.end)
    )


GERMLINE_CONFIRMED = frozenset({"confirmed", "confirms", "confirm", "verified", "proven"})
CONFIRMATION_AHEAD = frozenset(
    {
        "not",
        "no",
        "to",
        "will",
        "pending",
        "awaited",
        "awaiting",
        "if",
        "whether",
        "?",
        "unconfirmed",
    }
)


# the last member of a denied list followed by a verb of finding closes the list's verdict ("No
# mutation in PIK3CA, AKT1 or ESR1 detected on ctDNA", the third review of stop 64)
LIST_VERDICT_AFTER = frozenset({"detected", "found", "identified", "seen", "shown"})


def _list_verdict_after(doc: Doc, ent: SpacySpan) -> bool:
    return ent.end < len(doc) and doc[ent.end].lower_ in LIST_VERDICT_AFTER


# the benign verdicts of rules/context_rules.yaml; a reclassification as pathogenic later in
# the sentence supersedes them (the reviews of stop 64)
BENIGN_RULES = frozenset({"- benign", "classed as benign", "c.7397T>C - benign,"})
RECLASSIFIED = re.compile(r"\breclassif\w*\s+(?:as\s+)?(?:likely\s+)?pathogenic", re.I)


def _reclassified_after(ent: SpacySpan) -> bool:
    doc = ent.doc
    hi = sentence_bounds(doc, ent.start)[1]
    end = doc[hi - 1].idx + len(doc[hi - 1]) if hi > ent.end else ent.end_char
    return RECLASSIFIED.search(doc_text(doc), ent.end_char, end) is not None


def _animals_finding(ent: SpacySpan) -> bool:
    """The finding is an animal's: an owned animal told ill (ANIMAL_ILL within ANIMAL_REACH
    words) before it in its sentence, the writer not named between them."""
    doc = ent.doc
    words = doc_lowers(doc)
    told = doc.user_data.get(PETS_KEY)
    if told is None:  # once per text: most name no animal, and a flood stays linear
        told = doc.user_data[PETS_KEY] = not PET_NOUNS.isdisjoint(words)
    if not told:
        return False
    lo = sentence_bounds(doc, ent.start)[0]
    for k in range(lo + 1, ent.start):
        if words[k] not in PET_NOUNS:
            continue
        if words[k - 1] not in OWNERS and not (k - 2 >= lo and words[k - 2] in OWNERS):
            continue  # "our spaniel", "our old labrador"
        if ANIMAL_ILL.isdisjoint(words[k + 1 : k + 1 + ANIMAL_REACH]):
            continue
        if WRITER_BACK.isdisjoint(words[k + 1 : ent.start]):
            return True
    return False


# stop 58 (held-out probe O): the words of menstruation in their other senses — "periods of"
# a time ("long periods of stable disease", "regular periods of review with the breast
# team") and "cycling" a distance or a sport ("still cycling 30 miles most weekends"): no
# menopausal status (each had read premenopausal, in women of 63 and 71)
MENSES_WORDS = frozenset({"period", "periods", "cycling"})  # the two senses read below
SPORT_AFTER = frozenset(
    {"miles", "mile", "km", "kms", "kilometres", "kilometers", "bike", "bikes", "club"}
    | {"race", "races", "holiday", "holidays", "tour", "trips", "trip", "uphill", "competitively"}
    | {"to", "with", "around", "along", "through", "everywhere"}  # "still cycling to work"
)


def _menses_in_another_sense(ent: SpacySpan) -> bool:
    """A status read from a word of menstruation used in another sense: "periods of" a
    time, "cycling" a distance or a sport (a number or SPORT_AFTER within two words)."""
    doc = ent.doc
    word = doc_lowers(doc)[ent.end - 1]
    if word not in MENSES_WORDS:
        return False
    after = doc_lowers(doc)[ent.end : ent.end + 2]
    if word.startswith("period") and after[:1] == ["of"]:
        # (periods of a number of days are menstrual: "regular periods of 5 days every 28
        # days" — found by the review)
        return not (len(after) > 1 and (after[1].isdigit() or after[1] in NUMBER_WORDS))
    return word == "cycling" and any(w in SPORT_AFTER or w.isdigit() for w in after)


# stop 62 (held-out probe S): a writer's signature — the message's last short block after a
# "--" line, or its last line labelled as hers, opening with her name or "me" and her age
# ("--\nme: 41 | premenopausal | BRCA2+ previvor", "--\nSarah, 38, BRCA2 carrier,
# premenopausal", "Me: 38, BRCA2+"): it tells of the writer. Never a separator inside the
# message, a block about the patient ("--\nMum: ER+ | HER2- | …", "---\nDiagnosis: …") nor
# a consultation's "Me: what about her bones?" (the reviews of stop 62).
_SIGNATURE_RULE = re.compile(r"\n[ \t]*(?:--+|—|__+)[ \t]*\n")
_SIGNATURE_HEAD = re.compile(
    # her name or "me", a separator, then her age ending its item ("Sarah, 38,", "me: 41 |",
    # "Sarah (38)"); not a dated update ("Update 12 May: …", "Update: 12 new liver mets")
    r"[ \t]*(?:(?i:me|myself|about\s+me)|[A-Z][a-z]+)[ \t]*[,:|\-–(][ \t]*\(?\d{2}"
    r"[ \t]*(?:[,|)]|(?i:y|yo|yrs?|years?)\b|$)",
    re.M,
)
_SIGNATURE_LABEL = re.compile(r"[ \t]*(?:me|myself|about\s+me)[ \t]*[:|\-–,]", re.I)
SIGNATURE_CHARS = 200  # the most a signature block holds
SIGNATURE_LINES = 3


def _signature_start(text: str) -> int | None:
    """Where the writer's signature block starts in ``text``, or None."""
    rules = list(_SIGNATURE_RULE.finditer(text))
    if rules:
        tail = text[rules[-1].end() :]
        if (
            len(tail) <= SIGNATURE_CHARS
            and tail.count("\n") < SIGNATURE_LINES
            and _SIGNATURE_HEAD.match(tail)
        ):
            return rules[-1].end()
    last = text.rfind("\n") + 1
    if last and _SIGNATURE_LABEL.match(text, last) and _SIGNATURE_HEAD.match(text, last):
        return last
    return None


def _in_signature(ent: SpacySpan) -> bool:
    """``ent`` is told in the writer's signature (_signature_start)."""
    doc = ent.doc
    if "mbc_signature" not in doc.user_data:  # once per text
        doc.user_data["mbc_signature"] = _signature_start(doc_text(doc))
    start = doc.user_data["mbc_signature"]
    return start is not None and ent.start_char >= start


def _writer_state(ent: SpacySpan) -> bool:
    """The state is told of the writer: "I" the subject of its clause, before it."""
    doc = ent.doc
    lo = sentence_bounds(doc, ent.start)[0]
    words = doc_lowers(doc)[lo : ent.start]
    cut = max((k + 1 for k, w in enumerate(words) if w in (",", ";", ":", "but")), default=0)
    clause = words[cut:]
    return bool(WRITER_WORDS.intersection(clause)) and not {"she", "her", "mum", "mom"} & set(
        clause
    )


# stop 52 (r89-0018): a relative named as the object of a preposition is left when the
# sentence's subject takes a second predicate ("julie is married to my oldest brother brian and
# is 45 years old", "She lives with her sister and has liver mets"): what follows is hers
OBJECT_OF = frozenset({"to", "with", "for", "from", "by", "beside", "near"})
SECOND_PREDICATE = frozenset({"is", "was", "has", "had", "'s", "’s", "now", "also", "lives"})
KIN_PREMODIFIERS = frozenset(
    {"my", "her", "his", "our", "their", "the", "a", "an", "older", "oldest", "younger"}
    | {"youngest", "elder", "eldest", "big", "little", "twin", "late"}
)


# stop 70: the ConText rules of patients told in the plural as a sentence's subject
# (chatbot/nlp/rules/context_rules.yaml: "Patients with PIK3CA mutations benefit from …")
PLURAL_SUBJECT_RULES = frozenset(
    {"patients with", "5 patients had", ", patients who"}
    | {"patients with (a drug)", "5 patients had (a drug)", ", patients who (a drug)"}
)
_ONE_OF_THEM = re.compile(
    r"\b(?:like|such\s+as|including|incl\.?)\s+(?:me|myself|us|mine|ours|her|herself)\b"
    r"|\b(?:as|which|that)\s+(?:i|she)\s+(?:am|is|do|does|have|has|was|had|carry|carries)\b"
    r"|\bas\s+in\s+(?:her|our|my)\b|\b(?:myself|herself)\s+included\b",
    re.I,
)
HER_OWN_WORDS = frozenset({"i", "she", "me", "myself", "herself"})
GIVEN_TO_HER = frozenset(
    {"started", "starting", "had", "received", "taking", "took", "given", "on"}
)


def _her_own_after(doc: Doc, start: int, end: int, *, given: bool = False) -> bool:
    """She or the writer is told of between the group's cue and the finding (``given``: and a
    verb of giving a drug)."""
    words = doc_lowers(doc)[start:end]
    return not HER_OWN_WORDS.isdisjoint(words) and (not given or not GIVEN_TO_HER.isdisjoint(words))


def _one_of_them(doc: Doc, ent: SpacySpan) -> bool:
    """The plural subject's sentence counts the writer or the patient among them ("like me",
    "such as her", "as she is")."""
    lo, hi = sentence_bounds(doc, ent.start)
    starts, stops = doc_offsets(doc)
    return _ONE_OF_THEM.search(doc_text(doc), starts[lo], stops[hi - 1]) is not None


def _relative_object_left(doc: Doc, start: int, end: int, ent: SpacySpan) -> bool:
    """The FAMILY cue doc[start:end] is a preposition's object and the target ``ent`` after it
    is told in a second predicate joined by "and" to the sentence's subject."""
    if ent.start < end:
        return False
    words = doc_lowers(doc)
    k = start - 1
    while k >= 0 and start - k <= 3 and words[k] in KIN_PREMODIFIERS:
        k -= 1
    if k < 0 or words[k] not in OBJECT_OF:
        return False
    between = words[end : ent.start]
    return any(
        a == "and" and b in SECOND_PREDICATE for a, b in zip(between, between[1:], strict=False)
    )


# stop 52 (held-out probe G): a status naming a group ("MONALEESA-7 enrolled premenopausal
# women only … she's 63 and long past the menopause") yields to one told of her; alone it
# stands, as the kind of patient a question asks about ("How is metastatic breast cancer
# treated in premenopausal women?")
GROUP_NOUNS = frozenset(
    {"women", "patients", "ladies", "females", "cohort", "cohorts", "population", "populations"}
    | {"participants", "subjects", "individuals", "people"}
)


# stop 61 (held-out probe R): a status naming a lab's reference range, a number range or a
# bound right after it ("FSH 5.8 IU/L [ref: … postmenopausal 25.8-134.8]", "Oestradiol 612
# [postmenopausal <103]", "postmenopausal range: 25-135"), never her own state told with a
# time ("postmenopausal 5-10 years") nor "in the postmenopausal range" (her value's)
_LAB_VALUE = r"\d+(?:[.,]\d+)?(?![\d.,])"
REFERENCE_RANGE = re.compile(
    r"\s*(?:range|ref(?:erence)?(?:\s+range)?)?\s*[:=]?\s*"
    rf"(?:[<>≤≥]\s*{_LAB_VALUE}|{_LAB_VALUE}\s*(?:-|–|to)\s*{_LAB_VALUE})"
    r"(?!\s*(?:years?|yrs?|y\b|months?|mos?\b|mn?ths?\b|m\b|/12|weeks?|wks?\b|decades?))",
    re.I,
)


def _reference_range(ent: SpacySpan) -> bool:
    """The status heads a reference range, not her state ("postmenopausal 25.8-134.8")."""
    return REFERENCE_RANGE.match(doc_text(ent.doc), ent.end_char) is not None


# stop 69 (held-out probe Y): a reference group named by its use ("Z-scores quoted -
# premenopausal reference population selected", "postmenopausal norms")
REFERENCE_NOUNS = frozenset({"reference", "norms", "normative", "controls", "comparators"})
GROUP_REACH = 3  # words from the status to its group noun ("postmenopausal breast cancer patients")
# the patient herself told of in the text: a group's status then is no status of hers (not
# "her", which may be HER2's: "ER (+) and Her 2 neu (-)")
HER_WORDS = frozenset({"she", "she's", "herself"})


# the group she is one of ("As with other postmenopausal patients, she …", "Like most
# postmenopausal women with ER+ MBC, she …", "one of many postmenopausal patients"): hers
HER_GROUP = frozenset({"other", "like", "among", "many", "fellow", "most"})


def _state_of_a_group(ent: SpacySpan) -> bool:
    """The status qualifies a plural noun of people, or of a reference group, a few words
    after it ("premenopausal women", "postmenopausal breast cancer patients"), not a group
    she is told one of (HER_GROUP, right before it)."""
    words = doc_lowers(ent.doc)
    if not HER_GROUP.isdisjoint(words[max(0, ent.start - 2) : ent.start]):
        return False
    for word in words[ent.end : ent.end + GROUP_REACH]:
        if word in GROUP_NOUNS or word in REFERENCE_NOUNS:
            return True
        if not word.isalpha():
            return False
    return False


def _population_states(state: _State, group_starts: set[int], words: Sequence[str]) -> None:
    """Drop the statuses of groups when a status of hers is read too, or when she herself is
    told of (her age, "she": "T-scores are calibrated for postmenopausal women; she is 43
    with regular cycles")."""
    states = [o for o in state.observations if o.key == "menopausal_status"]
    if (
        any(o.span.start not in group_starts for o in states)
        or any(o.key == "age" for o in state.observations)
        or not HER_WORDS.isdisjoint(words)
    ):
        state.observations = [
            o
            for o in state.observations
            if not (o.key == "menopausal_status" and o.span.start in group_starts)
        ]


# stop 34: a lone number listed among her attributes ("She has stage IV breast cancer, ER+ HER2-,
# 70, postmenopausal"): the case's header list, wherever it stands in the message
ATTRIBUTE_KEYS = ("er=", "pr=", "hr=", "her2=", "menopausal_status=", "sex=")


# stop 42 (r55): the apposition's words that tie the age to a person or a time (", then 34 and
# a mother of three", ", 55 at the time,"): never a number of a list
TIME_APPOSITION = frozenset({"then", "now", "time"})


# the titles of a full name in the press ("Ms Lerine Liu, 42,"); not "Dr": a doctor's age
PERSON_TITLES = frozenset({"Ms", "Ms.", "Mrs", "Mrs.", "Miss", "Mr", "Mr.", "Mx", "Mx."})
CLINICIAN_TITLES = frozenset(
    {"dr", "doctor", "prof", "professor", "oncologist", "surgeon", "physician", "nurse"}
    | {"radiologist", "pathologist", "consultant", "gp", "specialist"}
)


def _the_patient_relative(doc: Doc, i: int) -> bool:
    """Token ``i`` names the relative a carer's message is about (chatbot.nlp.context
    .patient_relative), there or again ("When my mother finally arrived home … because my
    mother, 64, was diagnosed"): the same word after the same possessive."""
    relative = patient_relative(doc)
    if relative is None or i < 1:
        return False
    if i == relative:
        return True
    if relative < 1:
        return False  # no possessive before it to compare
    lowers = doc_lowers(doc)
    return lowers[i] == lowers[relative] and lowers[i - 1] == lowers[relative - 1]


def _apposed_to_person(ent: SpacySpan) -> bool:
    """An apposition's age right after a full name ("Ms Lerine Liu, 42, on an air ambulance"),
    or with a time word or "and a …" in it right after a name or a relative word ("Eileen Z.
    Fuentes, then 34 and a mother", "My mom, 55 at the time,"): her age wherever it stands
    (whose it is, _relative_apposition decides)."""
    doc = ent.doc
    if ent.start < 2:
        return False
    before, first = doc[ent.start - 1], doc[ent.start - 2]
    if ent[0].text == "," and _the_patient_relative(doc, ent.start - 1):
        # stop 49 (r76-0009): right after the relative a carer's message is about ("… hard to
        # talk about because my mother, 64, was diagnosed with Stage 4"): her age
        return True
    named = _name_word(before) and not before.is_sent_start and not before.is_stop
    if named and before.lower_ in _patients_names(doc):
        return True  # stop 46: "… tells Fitzpatrick, 54, …" after "When Fitzpatrick was diagnosed"
    if named and (first.text in PERSON_TITLES or (_name_word(first))):
        # a full name, or a title and a name — not a clinician's ("Dr Jane Smith, 52"); a
        # relative's named after the relative ("her husband, Tom Brown, 52,") is
        # _relative_apposition's to drop
        return not _clinicians_name(doc, ent.start - 1)
    words = [t.lower_ for t in ent]
    if not (TIME_APPOSITION.intersection(words) or words[-2:] in (["and", "a"], ["and", "an"])):
        return False
    return before.lower_ in APPOSED_RELATIVES or named


# stop 46 (r63-0001, r61-0017): the people a news story gives apposed ages to ("McCulloch, 52,
# tells Fitzpatrick, 54, …", "Stacey died … at age 39, so Betty, 64, …"): the patient is the
# one named as the subject of the cancer ("When Fitzpatrick was diagnosed with cancer",
# "Stacey died … from triple negative breast cancer"); another name's apposed age is not hers.
PATIENT_NAME_KEY = "mbc_patient_names"  # doc.user_data: the names told as the cancer's subject
CANCER_SUBJECT_VERBS = frozenset(
    {"was", "is", "had", "has", "died", "learned", "learnt", "found", "discovered", "received"}
    | {"underwent", "developed", "began", "started", "battled", "fought", "lost"}
)
CANCER_NOUNS = frozenset(
    {"cancer", "carcinoma", "tumour", "tumor", "tumours", "tumors", "metastases", "metastatic"}
    | {"metastasis", "metastasized", "metastasised", "stage", "mbc", "chemotherapy", "chemo"}
)

PLACE_PREPOSITIONS = frozenset({"of", "near", "from", "in", "at", "outside"})

# the cancer as a cause, not an illness ("raising money for cancer research")
CANCER_CAUSES = frozenset(
    {"research", "centre", "center", "charity", "charities", "society", "awareness"}
    | {"foundation", "institute", "care", "services", "support", "fund", "trust", "ward"}
)


def _patients_names(doc: Doc) -> frozenset[str]:
    """The names (lower case) told as the subject of the cancer: a capitalised name right
    before a verb of her illness, a cancer word later in its sentence (once per Doc)."""
    names = doc.user_data.get(PATIENT_NAME_KEY)
    if names is None:
        lowers = doc_lowers(doc)
        found = set()
        for i in range(len(doc) - 1):
            token = doc[i]
            verb = i + 1
            if lowers[verb] == ",":  # past her apposition ("Jane, 45, was diagnosed")
                close = [k for k in range(verb + 1, min(verb + 7, len(doc))) if lowers[k] == ","]
                verb = close[0] + 1 if close else verb
            if verb >= len(doc) or lowers[verb] not in CANCER_SUBJECT_VERBS:
                continue
            if not (_name_word(token)) or token.is_stop:
                continue
            if i > 0 and lowers[i - 1] in PLACE_PREPOSITIONS:
                # stop 48 (r75-0002): a place in her apposition ("Ellen Paling, 44, of
                # Chapeltown, near Sheffield, was first diagnosed"): no name of a person
                continue
            hi = min(sentence_bounds(doc, i)[1], verb + 12)  # her clause, not the story's
            if any(
                lowers[k] in CANCER_NOUNS
                and (k + 1 >= len(doc) or lowers[k + 1] not in CANCER_CAUSES)
                for k in range(verb + 1, hi)
            ):
                found.add(lowers[i])
        names = frozenset(found)
        doc.user_data[PATIENT_NAME_KEY] = names
    return names


def _another_names_apposition(ent: SpacySpan) -> bool:
    """An apposed age ("Betty, 64,", "McCulloch, 52,") of a name that is not one the text
    tells as the cancer's subject, when it tells one and another age is told."""
    doc = ent.doc
    if len(ent) > 1 and _name_word(ent[0]) and ent[1].text == ",":
        last = ent.start
    elif ent[0].text == "," and ent.start > 0 and _name_word(doc[ent.start - 1]):
        last = ent.start - 1
    else:
        return False
    names = _patients_names(doc)  # cached per Doc: the cheap test first
    if not names or names & {t.lower_ for t in doc[_name_start(doc, last) : last + 1]}:
        return False
    # her age alone is never given away ("Joan Rose, 59, of Winnipeg")
    return any(e.label_ == "AGE" and e.start != ent.start for e in doc_ents(doc))


def _name_word(token: Token) -> bool:
    """A capitalised word as names are written: "Anna", and "McCormack", "MacLeod",
    "DeAngelo" (a capital inside: not ``is_title``, stop 46, r64-0042); never an
    abbreviation in capitals ("ER", "HER")."""
    text = token.text
    return token.is_alpha and text[:1].isupper() and any(c.islower() for c in text[1:])


def _name_start(doc: Doc, last: int) -> int:
    """The first token of the capitalised name (and title) ending at token ``last``."""
    start = last
    while start > 0 and start > last - 3 and _name_word(doc[start - 1]):
        start -= 1
    return start


def _clinicians_name(doc: Doc, last: int) -> bool:
    """The name ending at ``last`` is a clinician's ("Dr Jane Smith", "said oncologist Mary
    Brown"): an apposed age after it is hers, not the patient's."""
    start = _name_start(doc, last)
    lead = {t.lower_.rstrip(".") for t in doc[max(start - 2, 0) : start + 1]}
    return bool(CLINICIAN_TITLES & lead)


def _told_of_a_time(ent: SpacySpan) -> bool:
    return ent[0].text == "," and ("then" in (t.lower_ for t in ent) or ent[-1].lower_ == "time")


def _among_attributes(ent: SpacySpan) -> bool:
    doc = ent.doc
    return any(
        0 <= i < len(doc)
        and doc[i].ent_type_ == "FACT"
        and doc[i].ent_id_.startswith(ATTRIBUTE_KEYS)
        for i in (ent.start - 1, ent.end)
    )


# the words an age follows ("Aged 46 y,", "Patient 71 y,", "Female 39 y,")
AGE_LEADS = frozenset(
    {"age", "aged", "patient", "pt", "female", "male", "woman", "man", "lady", "mrs", "ms", "mr"}
    | {"f", "m"}
)


def _years_after_a_word(ent: SpacySpan) -> bool:
    """The spaced year letter ("46 y,") after a word: a duration in a note's shorthand
    ("Smoker 30 y, 20/day", "DFI 22 y, relapse in bone", "Menopause 51 y, no HRT"), an age
    only where the note or its list opens with it ("46 y, ER+ …", "Mrs X, 46 y, …")."""
    doc = ent.doc
    words = doc_lowers(doc)
    spaced = ent.end - ent.start >= 2 and words[ent.start + 1] == "y"
    k = ent.start - 1
    if k > 0 and words[k] in (":", "-", "="):
        k -= 1  # "DFI: 22 y,", "Smoking - 30 y,"
    before = words[k] if k >= 0 else ""
    return spaced and before.isalpha() and before not in AGE_LEADS


def _explicit_age(ent: SpacySpan) -> bool:
    """The span says outright that the number is an age ("age 300", "a 300-year-old",
    "7yo"), unlike "she is 12" (months out?), ", 12," or "12M" (months?), which are ages
    only when plausible and otherwise ignored."""
    words = {t.lower_ for t in ent}
    if words & EXPLICIT_AGE_WORDS:
        return True
    return re.fullmatch(r"\d+(?:yo|y/o|yof|yom)", ent.text, re.I) is not None


# round 22: "man" said, not meant ("CHEMO IS OVER! Man, that last round sucked", "Oh man,
# the scan was bad"): at the head of a sentence or after another exclamation, and followed by
# its comma or "!", the word is an exclamation, not the patient's sex
_EXCLAIMING = frozenset({"oh", "ah", "aw", "o", "boy", "god", "gosh", "geez", "jeez", "wow"})
_SENTENCE_HEADS = frozenset({".", "!", "?", ":", ";", "…", "...", '"', "“", "(", "-", "–", "—"})


def _interjection(ent: SpacySpan) -> bool:
    doc = ent.doc
    if len(ent) != 1 or ent[0].lower_ != "man" or ent.end >= len(doc):
        return False
    if doc[ent.end].text not in (",", "!", "…", "...", "!!"):
        return False
    if ent.end + 1 < len(doc) and doc[ent.end + 1].like_num:
        return False  # "Man, 65, ER+": a case's header
    return ent.start == 0 or (
        doc[ent.start - 1].text in _SENTENCE_HEADS or doc[ent.start - 1].lower_ in _EXCLAIMING
    )


# stop 36 (r41): a person of her story described by a relative clause that tells no illness ("As
# she left her appointment, … the man who was guarding the place told her: …"), in a text whose
# pronouns are all of the other sex: someone else, not the patient
BYSTANDER_NOUNS = frozenset({"man", "woman", "lady", "gentleman", "guy", "gentlemen", "men"})
ILLNESS_WORDS = re.compile(r"cancer|carcinoma|tumou?r|diagnos|metasta|mbc|stage|chemo|patient")
BYSTANDER_REACH = 10  # tokens of the relative clause read
BYSTANDER_PREPOSITIONS = frozenset({"to", "with", "by", "from", "for", "beside", "alongside"})


def _bystander(ent: SpacySpan) -> bool:
    doc = ent.doc
    if len(ent) != 1 or ent[0].lower_ not in BYSTANDER_NOUNS or ent.start == 0:
        return False
    if doc[ent.start - 1].lower_ != "the" or ent.end >= len(doc):
        return False
    # stop 47 (r69-0011): or the object of a preposition ("The mum-of-four, who is married to
    # the man tasked with keeping Sheffield Wednesday players fit"), whatever follows it
    object_of = ent.start >= 2 and doc[ent.start - 2].lower_ in BYSTANDER_PREPOSITIONS
    if doc[ent.end].lower_ not in ("who", "that", "whom") and not object_of:
        return False
    clause = []
    for token in doc[ent.end + 1 : ent.end + 1 + BYSTANDER_REACH]:
        if token.is_punct:
            break
        clause.append(token.lower_)
    if any(ILLNESS_WORDS.search(w) for w in clause):
        return False
    lowers = set(doc_lowers(doc))
    own, other = (
        (MALE_PRONOUNS, FEMALE_PRONOUNS)
        if ent.ent_id_ == "sex=male"
        else (FEMALE_PRONOUNS, MALE_PRONOUNS)
    )
    return not lowers & own and bool(lowers & other)


# stop 42 (r56-0020; r43-0022, r48-0042): a text with titled names of both sexes ("Mr C
# complained about the treatment his wife (Mrs A) received … Mrs A was later diagnosed with
# metastatic breast cancer", "Previously Mrs Macpherson had stage three breast cancer … Mr
# Macpherson said"): the title whose names are never told with the illness, while the other
# sex's are, is someone else's
TITLE_SEX = {"mr": "male", "mrs": "female", "ms": "female", "miss": "female", "mme": "female"}
ILLNESS_REACH = 12  # tokens of the clause after a titled name read for the illness
ILLNESS_VERBS = frozenset({"had", "has", "was", "is", "developed", "died", "suffered", "attended"})


def _told_ill(doc: Doc, name: int) -> bool:
    """The name at token ``name`` is told with the illness: its possessive before an illness
    word ("Mrs A's cancer"), or its verb and an illness word in its clause ("Mrs A was later
    diagnosed with …")."""
    words = doc_lowers(doc)
    after = words[name + 1 : name + 1 + ILLNESS_REACH]
    if after[:1] in (["'s"], ["’s"]):
        return any(ILLNESS_WORDS.search(w) for w in after[1:4])
    if after[:1] in (["died"], ["passed"]):
        # stop 43 (r58-0010): "Mrs P died and Mr P felt if his wife had been given …": in a
        # story of her cancer, the one who died is the patient
        return True
    if not after or not (ILLNESS_VERBS.intersection(after[:3])):
        return False
    for w in after:
        if w in (".", ";", "!", "?", ":") or w in TITLE_SEX:
            return False
        if ILLNESS_WORDS.search(w):
            return True
    return False


def _titled_in_own_account(ent: SpacySpan) -> bool:
    """A titled name in a writer's account of her own cancer is someone else's — her surgeon's
    ("Mr Khan … confirmed that … I have 'distant' metastasis", stop 43, r58-0030, had read the
    patient as a man), her nurse's. Quoted speech is left out: a journalist quoting "I have
    metastatic breast cancer" tells a titled speaker's own cancer ("Mrs Smith said: …")."""
    if len(ent) != 2 or ent[0].lower_.rstrip(".") not in TITLE_SEX:
        return False
    return OWN_ACCOUNT.found(QUOTED.sub(" ", doc_text(ent.doc)))


def _untold_title(ent: SpacySpan) -> bool:
    doc = ent.doc
    if len(ent) != 2 or ent[0].lower_.rstrip(".") not in TITLE_SEX:
        return False
    words = doc_lowers(doc)
    told: dict[str, bool] = {}
    for i, w in enumerate(words[:-1]):
        sex = TITLE_SEX.get(w.rstrip("."))
        if sex is not None and doc[i + 1].is_title:
            told[sex] = told.get(sex, False) or _told_ill(doc, i + 1)
    own = TITLE_SEX[ent[0].lower_.rstrip(".")]
    other = "female" if own == "male" else "male"
    return told.get(other, False) and not told.get(own, True)


# stop 40: "untreated"/"not treated yet" told right after brain metastases is their own local
# treatment, not the metastatic history ("She progressed on first-line THP, and this week an
# MRI found three brain metastases, not treated yet": 0 lines had been read). After another
# site ("MBC in bone, not treated yet") it is the case's history, as before.
_FINDING_GAP = frozenset(
    {",", "which", "that", "are", "is", "were", "was", "still", "all", "and", "as"}
)


def _said_of_a_finding(ent: SpacySpan) -> bool:
    """The words before the phrase (past a comma and a relative "which are") end brain
    metastases."""
    doc = ent.doc
    i = ent.start - 1
    while i >= 0 and i >= ent.start - 4 and doc[i].lower_ in _FINDING_GAP:
        i -= 1
    if i < 0 or i == ent.start - 1:
        return False  # "… liver mets untreated" reads as the case's own state
    return "brain" in doc[i].ent_id_  # brain metastases are treated locally (SRS, WBRT)


# stop 54 (held-out probe K): a visceral crisis told in the past and a later sentence telling
# her organs recovered now ("Jan: bilirubin 71, ALT 5x ULN - treated as visceral crisis with
# weekly paclitaxel. Now (May): bili 11, ALT normal, PS 1, back at work"): not read as present
_CRISIS_PAST = re.compile(
    r"\b(?:was|were|had|treated|presented|admitted|in\s+(?:19|20)\d\d)\b"
    r"|^\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b",
    re.I,
)
_RECOVERED_NOW = re.compile(
    r"(?:^\s*|[.;!?]\s+|\n\s*)(?:now|currently|today|at\s+present|since\s+then)\b[^.!?]*?"
    r"\b(?:normal|normalised|normalized|resolved|recovered|improved|back\s+at\s+work|"
    r"(?:ps|ecog)\s*[01]\b)",
    re.I,
)


def _crisis_resolved_later(ent: SpacySpan) -> bool:
    doc = ent.doc
    lo, hi = sentence_bounds(doc, ent.start)
    if _CRISIS_PAST.search(span_text(doc, lo, hi)) is None:
        return False
    last = doc[hi - 1]  # the sentence's last token: what follows it is told later
    return _RECOVERED_NOW.search(doc_text(doc)[last.idx + len(last) :]) is not None


QUOTE_CLOSERS = frozenset({"'", "’", '"', "”"})

# stop 71 (held-out probe AA): a quoted record term called wrong at the next sentence's start
# ("the AE was coded with the MedDRA term 'postmenopausal haemorrhage'. Site response:
# incorrect - she is 45 with periods every 28-30 days"): someone's wording withdrawn, no
# finding. Not a verdict on something else ("Incorrect dose recorded for letrozole"), nor a
# word of the sentence's later clauses ("The dose was given in error" reaches no verdict).
CORRECTED_AFTER = re.compile(
    # (a label first: "Site response: incorrect"; a subject and its verb: "this was wrong")
    r"^\W*(?:[\w ]{1,30}:\s*)?(?:(?:this|that|it|which|the\s+term|the\s+code)\s+"
    r"(?:is|was|'s|’s)\s+)?"
    r"(?:incorrect(?:ly)?|wrong(?:ly)?|in\s+error|erroneous(?:ly)?|mistaken(?:ly)?"
    r"|(?:by|a)\s+mistake|not\s+(?:correct|right|accurate|true)|untrue|re-?code|mis-?coded)"
    # (the verdict ends its clause: not "Incorrect dose recorded for letrozole")
    r"\s*(?:[-–—.,;:!]|$)",
    re.I,
)
CORRECTION_REACH = 6  # tokens read at the next sentence's start


def _quoted_then_corrected(doc: Doc, ent: SpacySpan) -> bool:
    """The mention is inside a quotation, in its sentence, called wrong at the next sentence's
    start (above). The quotation: a quote mark standing alone before it and its closing mark
    after it (a straight single quote too: the tokenizer leaves an apostrophe inside its
    word)."""
    quoted = doc.user_data.get(QUOTES_KEY)
    if quoted is None:  # once per text: most quote nothing
        quoted = doc.user_data[QUOTES_KEY] = QUOTE_MARK.search(doc_text(doc)) is not None
    if not quoted:
        return False
    words = doc_lowers(doc)
    lo, hi = sentence_bounds(doc, ent.start)
    opened = next((k for k in range(ent.start - 1, lo - 1, -1) if words[k] in QUOTE_OPENS), None)
    if opened is None:
        return False
    pair = QUOTE_OPENS[words[opened]]
    closed = next((k + 1 for k in range(ent.end, hi) if words[k] in pair), None)
    if closed is None:
        return False
    # (right after the closing mark the quotation's denial rules read it: "'postmenopausal' -
    # that is incorrect, she is 41 and cycling" is the other status)
    rest = span_text(doc, closed, hi)
    if QUOTE_DENIED_LATER.match(rest) and not QUOTE_DENIED_HERE.match(rest):
        return True  # "The term 'premenopausal' in the letter is wrong, she's 62"
    return hi < len(doc) and (
        CORRECTED_AFTER.match(span_text(doc, hi, min(hi + CORRECTION_REACH, len(doc)))) is not None
    )


# the quotation called wrong later in its sentence, a few words after it (the review of stop
# 71: "The term 'premenopausal' in the letter is wrong, she's 62")
QUOTE_DENIED_LATER = re.compile(
    r"^\s*(?:[\w’'-]+\s+){0,5}?(?:is|was|are|were)\s+(?:wrong|incorrect|an?\s+error|a\s+mistake"
    r"|mistaken|untrue|not\s+(?:correct|right|true|accurate))\s*(?:[-–—.,;:!]|$)",
    re.I,
)
QUOTE_DENIED_HERE = re.compile(r"^\s*[-–—,(]?\s*(?:it|that|which|this)\b", re.I)  # (context rules)
QUOTE_OPENS = {"'": {"'", "’"}, '"': {'"', "”"}, "‘": {"’", "'"}, "“": {"”", '"'}}
QUOTE_MARK = re.compile("['\"‘“]")
QUOTES_KEY = "mbc_quotes"  # doc.user_data: the text holds a quote mark


def _closing_quote_after(doc: Doc, ent: SpacySpan) -> bool:
    """The entity is the whole of a quotation: a closing quote right after it."""
    return ent.end < len(doc) and doc[ent.end].text in QUOTE_CLOSERS


def _decode(ent: SpacySpan) -> list[tuple[str, Any]]:
    """Shaped spans -> (key, value) assignments (value None = mentioned, uncertain)."""
    label, text = ent.label_, span_text(ent.doc, ent.start, ent.end)  # ent.text: a Token a word
    if label == "FACT" or label in SITE_WORD_LABELS:
        if ent.ent_id_ == "sex=male" and _interjection(ent):
            return []  # "CHEMO IS OVER! Man, that last round sucked": no person
        if ent.ent_id_ in ("sex=male", "sex=female") and (
            _bystander(ent) or _untold_title(ent) or _titled_in_own_account(ent)
        ):
            # "the man who was guarding the place told her", "Mr Macpherson said" beside "Mrs
            # Macpherson had stage three breast cancer": someone else
            return []
        if ent.ent_id_ == "prior_lines=0" and _said_of_a_finding(ent):
            return []  # "an MRI found three brain metastases, not treated yet": the lesion's
        if ent.ent_id_.startswith("visceral_crisis=true") and _crisis_resolved_later(ent):
            return [("visceral_crisis", None)]  # told past and resolved now: asked, never guessed
        return _parse_assignments(ent.ent_id_)
    if label == "RECEPTOR_SCORE":
        receptor = "pr" if ent[0].lower_ in ("pr", "pgr") else "er"
        m = re.search(r"([<≤]?)\s*(\d{1,3})\s*(%|/8)?\s*$", text)
        if not m:
            return []
        below, amount, unit = bool(m.group(1)), int(m.group(2)), m.group(3)
        after = ent.doc[ent.end].lower_ if ent.end < len(ent.doc) else ""
        if unit is None and after.rstrip("s") in NOT_A_SCORE:
            return []  # "a PR 3 months later": a partial response and a duration
        if unit is None and amount <= 8 and not below:
            unit = "/8"  # "ER 7, PR 0": a bare 0-8 is an Allred/Quick score (receptors.py)
            if amount in (1, 2):
                return []  # no Allred total, or a weak 2 a percentage calls positive: asked
        unit = unit or "%"
        # ASCO/CAP: ER/PR positive from 1% stained nuclei; Allred score >= 3 positive.
        positive = (amount >= 3) if unit == "/8" else (amount >= 1 and not below)
        return [(receptor, "positive" if positive else "negative")]
    if label == "HER2_IHC":
        m = re.search(r"([0-3])\+*\s*$", text)
        return [("her2_ihc", int(m.group(1)))] if m else []
    if label == "AGE":
        doc = ent.doc
        if _glued_on(ent) and re.fullmatch(r"\d+[FM]", text):
            return []  # "18F-FDG PET": an isotope glued to its compound, not "18, female"
        if (
            ISOTOPE_SHAPE.fullmatch(text)
            and _isotope(ent)
            and (_glued_on(ent) or " " not in text or _compound_after(ent))
        ):
            # (stop 65, r128-0021: "an 18 F-FDG PET/CT", the mass number spaced from its symbol;
            # stop 66: "an 18 F FDG PET/CT", spaced from its compound too)
            return []  # "[18F] FDG", "(18F)-fluoroestradiol", "Tc-99m": a radionuclide
        if ent.end < len(doc) and doc[ent.end].lower_ in NOT_AN_AGE_UNIT:
            return []  # "She is 20 weeks pregnant", "she is 14 days post-op": a duration (stop 72)
        told_was = len(ent) > 1 and ent[1].lower_ == "was"  # ", was 41 when she …"
        if text.startswith(",") and told_was and not _named_subject(ent):
            return []  # ", was 41 when she …" is hers only after her name and its apposition
        if ent.ent_id_ == "years_at_event":
            # "diagnosed with metastatic breast cancer at 48,": the metastatic event's age only
            before = [t.lower_ for t in doc[max(ent.start - 1, 0) : ent.start]] + ["at"]
            if not (_relapse_age(ent, before) or _metastatic_diagnosis_age(ent, before)):
                return []
            if _older_age_told(ent):
                # stop 52 (r92-0001): "a 33-year-old woman with history of stage IV breast
                # cancer diagnosed at the age of 30": the age now is told, this one is then
                return []
            lo = sentence_bounds(doc, ent.start)[0]
            if YEAR_TOLD.search(span_text(doc, lo, ent.start)) and TODAY.search(
                doc_text(doc), ent.end_char
            ):
                return []  # "In 2008, my sister was diagnosed … at the age of 41 … doing well today"
        if (
            text.startswith(",")
            and not told_was
            and ent.start > LONE_AGE_WINDOW
            and not _among_attributes(ent)
            and not _apposed_to_person(ent)
        ):
            return []  # a lone number is an age only at the head of a case
        if _told_of_a_time(ent) and _later_told(ent):
            return []  # "Jane, then 34, … Four years later …": her age then, not now
        if _relative_apposition(ent):
            return []  # "Her husband, Tom, 52, says …": the relative's age
        if _another_names_apposition(ent):
            return []  # "Stacey died … at age 39, so Betty, 64, …": Betty's age
        if (
            len(ent) > 2
            and ent[0].is_title
            and ent[1].text in (",", "(")
            and _clinicians_name(ent.doc, ent.start)
        ) or (text.startswith(",") and ent.start > 0 and _clinicians_name(ent.doc, ent.start - 1)):
            return []  # stop 42: "said oncologist Mary Brown, 52, of the clinic": hers
        if _relatives_death_age(ent):
            return []  # "His mother Anne died of breast cancer aged 48": hers, at her death
        if (
            ent[0].lower_ in ("aged", "age")
            and ent[1].lower_ in ("only", "just", "barely")
            and _later_told(ent)
        ):
            return []  # "diagnosed with breast cancer aged just 23. Now aged 29, …": the age then
        if ent[0].lower_ == "at" and ent[1].lower_ in ("age", "the") and _long_ago(ent):
            return []  # "Sixteen years ago, at age 56, Mary was diagnosed": the age then
        if _at_before(ent) and _later_age_of_hers(ent):
            # stop 47 (r67-0020): "diagnosed with breast cancer in October 2009 at just
            # 43-years-old … and now I'm 45": the age at the diagnosis, "at" before it, with
            # another age of hers told after it
            return []
        if (
            ent[0].lower_ == "at"
            and ent[1].lower_ in ("age", "the")
            and _later_told(ent)
            and not (
                _metastatic_diagnosis_age(ent, ["at"])
                and _LATER_EXPLICIT_AGE.search(doc_text(doc), ent.end_char) is None
            )
        ):
            # "At the age of 29, the patient underwent chemotherapy … at the age of 57", "At
            # the age of 46, the patient had undergone a lumpectomy … Currently, …": the age of
            # an earlier event. Not the age the metastatic disease was found at, with no later
            # age or years after it (stop 53, r95-0006: "At the age of 36, I was diagnosed with
            # stage IV inflammatory breast cancer … Multiple antibiotics later": the case's age)
            return []
        if (
            len(ent) > 2
            and ent[0].lower_ in RELATIVE_OWNERS
            and ent[1].lower_ in APPOSED_RELATIVES
            and patient_relative(doc) != ent.start + 1
        ):
            # stop 40: "My mother is 71, postmenopausal": the relative's own age, the patient's
            # only when the message is about that relative ("My husband is 60 and very
            # supportive. I was diagnosed …" is his)
            return []
        before = [t.lower_ for t in ent.doc[max(ent.start - 2, 0) : ent.start]]
        if (
            ent[0].lower_ in ("age", "aged")
            and (
                CHILDREN & {t.lower_ for t in ent.doc[max(ent.start - 3, 0) : ent.start]}
                # (stop 42, r56-0030: or in a clause on them, "2 children, who were aged 8")
                or (
                    ent.start >= 4
                    and before[-2:] in (["who", "were"], ["who", "are"])
                    and ent.doc[ent.start - 4].lower_ in CHILDREN
                )
            )
        ):
            return []  # "a single mum of boys aged 15 and 12": her children's ages
        if (
            ent[0].lower_ in ("age", "aged")
            and before[-1:]
            and before[-1] in EVENT_AGE_WORDS
            and not _relapse_age(ent, before)
            and not _metastatic_diagnosis_age(ent, before)
        ):
            return []  # "menopause at age 53", "diagnosed at age 20": an event's age
        if _event_age(ent):
            return []  # "as a 43-year-old … Nine years after surgery": the age then
        if _dated_diagnosis_age(ent):
            return []  # "my original diagnosis in 2016 (aged 33) … in November 2021 …"
        if any(
            e.label_ == "AGE" and e[0].lower_ == "now" and e.start >= ent.end for e in doc_ents(doc)
        ):
            return []  # stop 54: "Dx early BC age 41 … Now 58, ER+ relapse": her age now told later
        if (
            len(ent) > 2
            and (ent[1].lower_ == "was" or ent[0].lower_ in ("only", "just", "barely"))
            and (
                (
                    ent.start > 0
                    and doc[ent.start - 1].lower_ == "when"
                    # stop 46 (r63-0017): "when I was 41, a scan revealed that the cancer had
                    # returned in my spine": the relapse's age, hers now (round 22)
                    and not _relapse_in_sentence(ent)
                )
                or _LATER_TIME.search(doc_text(doc), ent.end_char) is not None
                or (
                    "when" in {t.lower_ for t in ent}
                    and _AGE_REACHED.search(doc_text(doc), ent.end_char) is not None
                )
            )
        ):
            # "25 years ago when she was 46", "She was 60. Three years later …", "She was just
            # 36 when she was diagnosed …, and, sadly, at 38, she has a terminal diagnosis":
            # her age at an earlier event, not now
            return []
        timeline = _timeline_age(ent)
        if timeline and ent.start != _last_timeline_age(doc):
            return []  # "Diagnosis: 57 years – … Relapse: 63 years": her age then, not now
        # "35yrs female"; "I'm 25 years young" (the idiom for an age)
        person = ent.end < len(doc) and doc[ent.end].lower_ in PERSON_WORDS | {"young"}
        # stop 44 (r60-0052): "At 37 years of age, it was news that rocked my world. I was
        # told that I had stage 4 …": her age at the metastatic news told next, anywhere
        of_age = (
            ent.end + 2 < len(doc)
            and doc[ent.end].lower_ == "of"
            and doc[ent.end + 1].lower_ == "age"
            and doc[ent.end + 2].text not in ("-", "–")
            and METASTATIC_NEWS.search(doc_text(doc), ent.end_char, ent.end_char + 160) is not None
            and not _later_told(ent)
        )
        # stop 64 (round 127): "She was 46 years, a mother of 2 children": her age told with
        # the copula, nothing after the years (not "she was 5 years in remission")
        copula = before in (
            ["she", "was"],
            ["she", "is"],
            ["he", "was"],
            ["he", "is"],
            ["i", "am"],
        ) and _age_told_after_copula(doc, ent.end)
        if (
            not timeline
            and re.fullmatch(r"\d+\s*(?:years|yrs|yr|y)", text, re.I)
            # "35yrs female": the number describes the person, wherever it stands
            and (
                (ent.start > LONE_AGE_WINDOW and not person and not of_age and not copula)
                or set(before) & DURATION_WORDS
                or (ent.end < len(doc) and doc[ent.end].lower_ in DURATION_AFTER)
            )
        ):
            return []  # "23 years following treatment", "for 5 years": a duration
        if (
            ent.end + 1 < len(doc)
            and doc[ent.end].lower_ in ("years", "yrs", "year", "yr")
            and doc[ent.end + 1].lower_ in DURATION_AFTER
        ):
            return []  # "Patient is 20 years status-post a total mastectomy": a duration
        if _years_of_something(ent):
            return []  # "In 33 years of marriage": a duration (stop 30, r29; "33 years of age" is one)
        if _mistaken(ent):
            return []  # "the lab thought I was a 64-year-old woman": neither age nor sex
        # "I felt like an 80 year old women": a comparison tells no age (stop 35, r38); its
        # sex word, read below, is still hers
        n = None if _likened(ent) else _number(text)
        out: list[tuple[str, Any]] = []
        if n is not None and MIN_AGE <= n <= MAX_AGE and not _signed(text):
            out.append(("age", n))
        elif n is not None and 0 < n < MIN_AGE and _child(ent):
            # stop 30 (r28): "How do I tell a 12 year old, a 9 year old and a 3 year old that
            # Mum has got cancer?": a child's age, someone else's — no impossible age to ask
            return []
        elif n is not None and _explicit_age(ent):
            out.append(("age", None))  # "age 300", "aged -4": stated, impossible -> asked back
        elif n is not None:
            return []  # "after 12m of letrozole": months, not a 12-year-old male
        m = re.search(r"\d{2}\s*(?:yo|y/o|y\.o\.?|yrs?|y)?\s*,?\s*([FM])\b", text, re.I)
        if m:
            out.append(("sex", "female" if m.group(1).upper() == "F" else "male"))
        words = {t.lower_ for t in ent}
        if words & {"woman", "female", "lady", "women"}:  # "a 44 year-old women" (as typed)
            out.append(("sex", "female"))
        elif words & {"man", "male"}:
            out.append(("sex", "male"))
        elif kin := _kin_noun(ent):
            # "a 53-year-old grandmother", "a 45-year-old single mother": the patient's own
            # person noun (a relative's age, "her 45-year-old sister", is in the family
            # scope of its word and never read)
            out.append(("sex", RELATIVE_SEX[kin]))
        return out
    if label == "AGE_CORRECTION":
        n = _number(text)
        return [("age", n)] if n is not None else []
    if label == "ECOG":
        nums = [
            int(x)
            for x in re.findall(
                r"[0-4]",
                text.split()[-1] if len(ent) == 1 else " ".join(t.text for t in ent if t.like_num),
            )
        ]
        if not nums:
            return []
        worst = max(nums)
        if worst <= 1:
            return [("chemo_candidate", True)]
        if worst >= 3:
            return [("chemo_candidate", False)]
        return []
    if label == "CPS":
        m = re.search(r"([≥>≤<]=?|=>|=<)?\s*(\d+(?:\.\d+)?)\s*%?\s*$", text)
        if not m:
            return []
        op, cps = (m.group(1) or ""), float(m.group(2))
        # The guideline's PD-L1 positivity: CPS >= 10.
        cps_positive: bool | None
        if op.startswith("<") or op.startswith("≤") or op == "=<":
            cps_positive = False if cps <= 10 else None
        else:
            cps_positive = cps >= 10
        if cps_positive is None:
            return []
        return [("pdl1", "positive" if cps_positive else "negative")]
    if label == "LVEF":
        # The guideline names "a low ventricular ejection fraction" (a reason for further
        # consideration before HER2 blockade) without a threshold. Read only what no
        # definition disputes: a reduced fraction (< 40 %, heart failure with reduced
        # ejection fraction) is low, one at or above every normal limit (>= 55 %) is not;
        # 40-54 % (mildly reduced, or normal by some limits) is uncertain: asked back.
        n = _number(text)
        if n is None:
            return []
        if LVEF_REDUCED <= n < LVEF_NORMAL:
            return [("heart_failure", None)]  # asked back, with the number shown
        return [("heart_failure", n < LVEF_REDUCED)]
    if label == "TMB":
        m = re.search(r"(\d+(?:\.\d+)?)", text)
        return [("tmb_high", float(m.group(1)) >= 10)] if m else []
    if label == "LINE_COUNT":
        n = _number(ent[0].text)
        if n is None or _lines_of_writing(ent) or _lines_required(ent):
            return []
        if _chemo_count(ent):
            # "three endocrine and two chemotherapy lines": the count right before the word
            chemo = next(i for i, t in enumerate(ent) if t.lower_ in ORDINAL_OF_CHEMO)
            told = _number(ent[chemo - 1].text) if chemo > 0 else None
            return [("prior_chemo_lines", told if told is not None else n)]
        group = _coordinated_counts(ent)
        if len(group) > 1:
            # stop 35: "three prior lines of endocrine therapy and two lines of chemotherapy",
            # "three endocrine lines and two chemotherapy lines": the kinds add up to the total
            counts = [_number(e[0].text) for e in group]
            if all(c is not None for c in counts):
                return [("prior_lines", sum(c for c in counts if c is not None))]
        before = [t.lower_ for t in ent.doc[max(ent.start - 4, 0) : ent.start]]
        if "and" in before and any(_number(w) is not None for w in before):
            return []  # "seven chemotherapy and five endocrine lines": a part, not the total
        return [("prior_lines", n + _chemo_count_after(ent))]
    return []


COUNT_JOINERS = frozenset({"and", ",", "plus", "&", "+"})
# stop 52 (probe G): lines of a text, not of treatment ("Apologies for the 2-line referral",
# "a three line summary", "a 2 line email")
WRITING_NOUNS = frozenset(
    {"referral", "letter", "note", "notes", "summary", "message", "email", "e-mail", "text"}
    | {"reply", "answer", "question", "paragraph", "description", "post", "update", "blurb"}
    | {"synopsis", "abstract", "handover", "bio", "intro", "introduction", "sentence", "poem"}
    | {"narrative", "comment", "request"}
)


# stop 52 (held-out probe G): a count asked for by a trial or a label, not hers ("a phase II
# trial … that needs >=2 prior endocrine lines", "eligibility requires at least 1 prior line",
# "allows up to 3 prior chemotherapy lines")
REQUIRING = frozenset(
    {"needs", "need", "needed", "requires", "require", "required", "requiring", "requirement"}
    # stop 54 (held-out probe K): "The compassionate access scheme wants 'at least 2 prior lines'"
    | {"wants", "want", "wanted", "stipulates", "specifies", "demands", "asks", "expects"}
    | {"mandates", "permits", "permitted", "allows", "allowed", "allowing", "minimum", "maximum"}
    | {"eligible", "eligibility", "criteria", "criterion", "inclusion", "exclusion", "max", "min"}
)


REQUIRING_PATIENT = frozenset({"she", "he", "i", "patient", "pt", "we", "has", "have", "had"})


def _lines_required(ent: SpacySpan) -> bool:
    """Within four words before the count, in its sentence, a word of requirement not said of
    her ("She required 2 lines of chemotherapy" is hers)."""
    doc = ent.doc
    lo = sentence_bounds(doc, ent.start)[0]
    words = doc_lowers(doc)
    return any(
        words[k] in REQUIRING and (k == lo or words[k - 1] not in REQUIRING_PATIENT)
        for k in range(max(lo, ent.start - 4), ent.start)
    )


def _lines_of_writing(ent: SpacySpan) -> bool:
    """The count's line word is no line of therapy: it qualifies a piece of writing right
    after it ("the 2-line referral"), is a piece of one ("the report is missing its last 3
    lines", "3 lines of the letter"), or is a catheter ("2 lines in situ (PICC + port)")."""
    doc = ent.doc
    at = next((t.i for t in reversed(ent) if t.lower_ in ("line", "lines")), None)
    if at is None or any(t.lower_ != "of" for t in doc[at + 1 : ent.end]):
        return False  # the line word is no end of it ("2 lines of chemotherapy")
    words = doc_lowers(doc)
    lo, hi = sentence_bounds(doc, ent.start)
    after = words[at + 1 : min(at + 4, hi)]
    if after and after[0] in WRITING_NOUNS:
        return True
    if after[:1] == ["of"] and any(w in WRITING_NOUNS or w in DOCUMENT_NOUNS for w in after[1:]):
        return True  # stop 54 (probe J): "3 lines of the report"
    if "its" in words[max(lo, ent.start - 3) : ent.start]:
        return True  # stop 54 (probe J): "missing its last 3 lines": a thing's lines
    if _test_strip_before(words[lo : ent.start]) and (
        words[ent.start - 1] == ":" or STRIP_RESULTS.intersection(after)
    ):
        return True  # stop 58 (probe O): "Pregnancy test before the staging CT: one line"
    # stop 54 (probe J): a catheter in place, named in the sentence ("2 lines in situ (PICC +
    # old port awaiting removal)", "two lines inserted")
    return (
        bool(after)
        and (after[0] in CATHETER_PLACED or " ".join(after[:2]) in ("in situ", "in place"))
        and any(w in CATHETER_WORDS for w in words[lo:hi])
    )


# stop 58 (held-out probe O): a home or point-of-care test read by its lines ("Pregnancy test
# before the staging CT: one line, negative", "lateral flow: two lines") had read a line given
STRIP_TESTS = frozenset({"pregnancy", "hcg", "ovulation", "dipstick", "lfd"})
# the strip's reading told right after its count ("one line, negative"), or the count right
# after the test's colon: a count told elsewhere in the sentence is hers ("Pregnancy test
# negative before the scan and she has had two lines so far": found by the review)
STRIP_RESULTS = frozenset({"negative", "positive", "neg", "pos", "faint", "only", "showing"})


def _test_strip_before(words: Sequence[str]) -> bool:
    """The words before a count (its sentence's) name a test read by its lines: a strip
    test's word and "test", or "lateral flow"."""
    if "lateral" in words and "flow" in words:
        return True
    told_test = any(w in ("test", "tests", "kit", "strip", "device") for w in words)
    return told_test and any(w in STRIP_TESTS for w in words)


# stop 54 (probe J): a document whose lines are counted ("its last 3 lines", "3 lines of the
# faxed report")
DOCUMENT_NOUNS = frozenset({"report", "page", "fax", "document", "form", "printout", "result"})
CATHETER_PLACED = frozenset({"inserted", "placed", "sited", "removed", "flushed", "running"})
CATHETER_WORDS = frozenset(
    {"picc", "port", "portacath", "port-a-cath", "cannula", "catheter", "hickman", "iv"}
    | {"central", "venflon", "midline"}
)


def _chemo_count(ent: SpacySpan) -> bool:
    return any(t.lower_ in ORDINAL_OF_CHEMO for t in ent)


def _coordinated_counts(ent: SpacySpan) -> list[SpacySpan]:
    """The counts of lines coordinated with this one in its sentence, each of its own kind
    ("three lines of endocrine therapy and two lines of chemotherapy"): neighbours joined by
    "and" or a comma and at most the end of the first one's kind ("… of endocrine therapy
    and …"), not a subset ("three lines, including two of chemotherapy"). Empty unless at
    least one of them is a chemotherapy count (two kinds told apart)."""
    doc = ent.doc
    counts = [e for e in doc_ents(doc) if e.label_ == "LINE_COUNT"]
    at = next((k for k, e in enumerate(counts) if e.start == ent.start), None)
    if at is None:
        return []
    lo, hi = sentence_bounds(doc, ent.start)

    def joined(a: SpacySpan, b: SpacySpan) -> bool:
        between = doc_lowers(doc)[a.end : b.start]
        return (
            lo <= a.start
            and b.end <= hi
            and len(between) <= 4
            and bool(COUNT_JOINERS.intersection(between))
            and all(w in COUNT_JOINERS or w in COUNT_KIND_TAIL for w in between)
        )

    group = [ent]
    k = at
    while k > 0 and joined(counts[k - 1], counts[k]):
        k -= 1
        group.insert(0, counts[k])
    k = at
    while k + 1 < len(counts) and joined(counts[k], counts[k + 1]):
        k += 1
        group.append(counts[k])
    return group if len(group) > 1 and any(_chemo_count(e) for e in group) else []


# stop 57 (held-out probe N): a count of chemotherapies joined to a count of lines, told
# without "line" ("two endocrine lines (letrozole + palbo, then fulvestrant + alpelisib) and
# one chemo (capecitabine)"): one more kind of the lines, added to them. Not courses of it
# ("and 6 chemo cycles").
CHEMO_WORDS = frozenset({"chemo", "chemos", "chemotherapy", "chemotherapies", "cytotoxic"})
# what may follow the chemotherapy word: the clause's end or the lines' words (not "chemo
# cycles", "chemo break", "chemo drugs combined", "chemo-related admission")
CHEMO_COUNT_ENDS = frozenset(
    {"(", ",", ".", ";", ")", "and", "line", "lines", "regimen", "regimens"}
)
CHEMO_COUNT_REACH = 30  # tokens of a bracketed list of the lines' drugs stepped over


def _chemo_count_after(ent: SpacySpan) -> int:
    """The number of chemotherapies told right after a count of lines, joined to it, or 0."""
    doc = ent.doc
    if not any(t.lower_ in ("lines", "line", "regimens") for t in ent):
        return 0
    words = doc_lowers(doc)
    hi = min(sentence_bounds(doc, ent.start)[1], ent.end + CHEMO_COUNT_REACH)
    i = ent.end
    if i < hi and words[i] == "(":
        while i < hi and words[i] != ")":
            i += 1
        i += 1
    if i + 2 >= hi or words[i] not in COUNT_JOINERS or words[i + 2] not in CHEMO_WORDS:
        return 0
    told = _number(words[i + 1])
    if told is None:
        return 0
    if i + 3 < len(doc) and words[i + 3] not in CHEMO_COUNT_ENDS:
        return 0
    return told if 0 < told <= MAX_CHEMO_COUNT else 0


MAX_CHEMO_COUNT = 5


# the end of a count's kind left outside its span ("3 lines of | endocrine therapy and …")
COUNT_KIND_TAIL = frozenset(
    {"therapy", "therapies", "treatment", "treatments", "endocrine", "hormonal", "hormone", "et"}
    | {"targeted", "lines", "line", "regimens"}
)


# an LVEF span's words ("LVEF 30%", "EF of 35 %", "ejection fraction 60%")
_LVEF_READING = re.compile(r"\b(?:lvef|ef|ejection\s+fraction)\b[^\d]{0,20}\d", re.I)
# LVEF in per cent: below LVEF_REDUCED low, from LVEF_NORMAL up not low, unset between
LVEF_REDUCED = 40
LVEF_NORMAL = 55


def _coordination(doc: Doc) -> tuple[dict[int, tuple[Modifier, ...]], dict[int, Any]]:
    """Lists of findings share their cues and their stated value.

    In "negative for ER, PR and HER2", "PIK3CA, ESR1, AKT1 and PTEN have not been tested"
    or "PIK3CA and AKT1 wild-type" the cue (or the status word) sits at one end of the
    list; ConText scopes stop at commas, so the list members would miss it. Entities
    separated only by list joiners form a list; its bare members (names without a value)
    get the modifiers of the list's first and last member, and the value of the first
    member after them that states one for a fact of the same kind.
    Returns (extra modifiers, inherited value) by entity index.
    """
    ents = list(doc_ents(doc))
    contexts = list(doc_extension(doc, "context"))
    extra: dict[int, tuple[Modifier, ...]] = {}
    inherited: dict[int, Any] = {}
    groups: list[list[int]] = []
    lowers = doc_lowers(doc)
    for i, ent in enumerate(ents):
        if ent.label_ not in LISTABLE:
            continue
        if groups and groups[-1][-1] == i - 1:
            prev = ents[i - 1]
            # joiners only: read from the word list, no Token per word
            if all(w in LIST_JOINERS for w in lowers[prev.end : ent.start]):
                groups[-1].append(i)
                continue
            between = doc[prev.end : ent.start]
            genes = _gene_member(prev) and _gene_member(ent)
            if all(t.lower_ in LIST_JOINERS or (genes and _list_gap(t)) for t in between):
                groups[-1].append(i)
                continue
        groups.append([i])
    for group in groups:
        if _gene_member(ents[group[0]]):
            # "no alterations in TP53, or AKT": the list starts at a gene not tracked here,
            # which is no entity; the cue before that start is the cue of every member.
            front = _list_front_cues(doc, ents[group[0]])
            for i in group:
                if _gene_member(ents[i]) and not (
                    # the review of stop 64: a member told with its own variant ("No mutations
                    # in PIK3CA, ESR1 Y537S (VAF 3%)") is found, not denied
                    i != group[0]
                    and (
                        any(VARIANT_NOTATION.match(t.text) for t in ents[i])
                        or _own_words_after(doc, ents[i])
                    )
                ):
                    new = tuple(m for m in front if m not in contexts[i].modifiers)
                    extra[i] = extra.get(i, ()) + new
        panel = [i for i in group if _gene_member(ents[i])]
        if panel:
            # "Genetic testing (BRCA1, BRCA2, CDH1, and TP53) was negative": the result told
            # after a panel that ends in genes not tracked here (or a bracket, or the test's
            # noun) is the result of every bare member, and of a stated member that closes
            # the panel ("testing for BRCA1 and BRCA2 mutations was negative").
            back, last_end = _list_back_cues(doc, ents[panel[-1]])
            for i in panel:
                if ents[i].label_ == "FACT" and (i != panel[-1] or ents[i].end != last_end):
                    continue  # "BRCA1 mutation, TP53 and PALB2 wild-type": its own value
                if _own_finding(doc, ents[i]):
                    continue  # "BRCA2 pathogenic variant, PALB2 negative": found, its own
                _give(extra, contexts, i, back)
        if len(group) < 2:
            continue
        first, last = ents[group[0]], ents[group[-1]]
        if first.label_ == "FACT" and _gene_member(first):
            _deny_stated_members(doc, ents, contexts, group, extra)
            _deny_noun_list(doc, ents, contexts, group, extra)
        # A cue before the list reaches its members only when the list starts with a bare
        # name ("negative for ER, PR and HER2"), a cue after it only when it ends with one
        # ("…, AKT1 and PTEN not tested"): "no visceral crisis, BRCA2" is two findings.
        ends: tuple[Modifier, ...] = ()
        if first.label_ in BARE_MENTIONS:
            ends += tuple(m for m in contexts[group[0]].modifiers if m.end <= first.start)
        if last.label_ in BARE_MENTIONS:
            ends += tuple(m for m in contexts[group[-1]].modifiers if m.start >= last.end)
        if first.label_ in BARE_MENTIONS and first.ent_id_ in BIOMARKER_KEYS:
            # "no PIK3CA, AKT1 or PTEN alterations": the member closing the run of bare gene
            # names carries the word the run shares, so the cue before the list is its cue
            # too (also when the list goes on: "…, or ESR1 mutations, ER+/PR-/HER2 0").
            closing = next(
                (
                    i
                    for i in group[1:]
                    if ents[i].label_ not in BARE_MENTIONS or ents[i].ent_id_ not in BIOMARKER_KEYS
                ),
                None,
            )
            stated = _parse_assignments(ents[closing].ent_id_) if closing is not None else []
            if (
                closing is not None
                and ents[closing].label_ == "FACT"
                and len(stated) == 1
                and stated[0][0] in BIOMARKER_KEYS
                # (the review of stop 64: not a member told with its own variant, "No mutations
                # in PIK3CA, ESR1 Y537S")
                and not any(VARIANT_NOTATION.match(t.text) for t in ents[closing])
            ):
                front = tuple(m for m in contexts[group[0]].modifiers if m.end <= first.start)
                _give(extra, contexts, closing, front)
        # The first FACT member after each position, found in one backward pass (a
        # flood of bare names, "ER/" x 1,300, is one list: a scan per member is quadratic).
        next_fact: list[int | None] = [None] * len(group)
        following: int | None = None
        for pos in range(len(group) - 1, -1, -1):
            next_fact[pos] = following
            if ents[group[pos]].label_ == "FACT":
                following = group[pos]
        for pos, i in enumerate(group):
            if ents[i].label_ not in BARE_MENTIONS:
                continue
            if _gene_member(ents[i]) and _own_finding(doc, ents[i]):
                continue  # "identified BRCA1, ESR1 was negative": BRCA1 found, its own
            if pos and _gene_member(ents[i]) and _own_words_after(doc, ents[i]):
                continue  # the review of stop 64: "No variants in BRCA1, BRCA2 c.5946delT"
            more = tuple(m for m in ends if m not in contexts[i].modifiers)
            extra[i] = extra.get(i, ()) + tuple(m for m in more if m not in extra.get(i, ()))
            own = ents[i].ent_id_
            j = next_fact[pos]
            if j is None:
                continue
            if ents[j][0].lower_ in VALUE_FIRST:
                continue  # "HER2 and strong staining for ER": the value is told for ER only
            if own in RECEPTOR_KEYS and any(t.lower_ in ("was", "is", "has") for t in ents[j]):
                # "The tumour expressed ER and PR, HER2 was negative": a singular verb tells
                # the value of its own name, not of a list before it
                continue
            stated = _parse_assignments(ents[j].ent_id_)
            if len(stated) == 1 and stated[0][1] is not None:
                key, value = stated[0]
                same_kind = ({own, key} <= BIOMARKER_KEYS) or ({own, key} <= RECEPTOR_KEYS)
                if same_kind:
                    inherited[i] = value
    return extra, inherited


# The denials whose object may be a list ("negative for", "without", "no evidence of"):
# the cue ends in the preposition or word that takes the list as its object
LIST_DENIAL_ENDS = frozenset({"for", "of", "without", "w/o", "on"})


def _give(
    extra: dict[int, tuple[Modifier, ...]], contexts: list[Any], i: int, cues: Iterable[Modifier]
) -> None:
    """Give member ``i`` of a list the cues it has neither of its own nor from the list."""
    have = contexts[i].modifiers + extra.get(i, ())
    extra[i] = extra.get(i, ()) + tuple(m for m in cues if m not in have)


def _front_denials(
    ents: list[SpacySpan],
    contexts: list[Any],
    group: list[int],
    takes_list: Callable[[Modifier], bool],
) -> tuple[Modifier, ...]:
    """The forward denials before the list's first member that ``takes_list`` accepts."""
    first = ents[group[0]]
    return tuple(
        m
        for m in contexts[group[0]].modifiers
        if m.end <= first.start
        and m.category == "NEGATED_EXISTENCE"
        and m.rule.direction in ("FORWARD", "BIDIRECTIONAL")
        and takes_list(m)
    )


def _deny_stated_members(
    doc: Doc,
    ents: list[SpacySpan],
    contexts: list[Any],
    group: list[int],
    extra: dict[int, tuple[Modifier, ...]],
) -> None:
    """Stop 50 (found by probing): a denial before a list of stated gene findings is each
    member's ("She tested negative for the PIK3CA mutation and the ESR1 mutation", "negative
    for PIK3CA mutation and ESR1 mutation" had read ESR1 mutated). Only a denial that takes
    the list as its object, and only the members up to one told found by a word of its own
    ("without a PIK3CA mutation, ESR1 mutation detected" is no list of denials)."""
    lowers = doc_lowers(doc)
    denial = _front_denials(ents, contexts, group, lambda m: lowers[m.end - 1] in LIST_DENIAL_ENDS)
    if not denial:
        return
    for i in group[1:]:
        ent = ents[i]
        if not (ent.label_ == "FACT" and _gene_member(ent)) or _own_finding(doc, ent):
            return
        if any(w in FOUND_AFTER for w in lowers[ent.start + 1 : ent.end]):
            return  # "ESR1 mutation detected", one mention: told found
        if any(m.start >= ent.end for m in contexts[i].modifiers):
            return  # its own result told after it
        _give(extra, contexts, i, denial)


# the result words that tell a list member found by itself ("ESR1 present at 2% VAF", "BRCA2
# yes"); not "detected": "No mutation in PIK3CA, AKT1 or ESR1 detected on ctDNA" closes the
# list's verdict
OWN_RESULT_WORDS = frozenset({"present", "yes", "positive", "pathogenic", "mutated"})


def _own_words_after(doc: Doc, ent: SpacySpan) -> bool:
    """A variant or a result word right after the gene: a finding of its own. The variant is
    read from the text, past a colon or a bracket: the tokenizer splits "p.Tyr1894Ter" and
    "(c.5946delT)" (the fourth review of stop 64)."""
    if ent.end >= len(doc):
        return False
    if doc[ent.end].lower_ in OWN_RESULT_WORDS:
        return True
    return OWN_VARIANT_AFTER.match(doc_text(doc), ent.end_char) is not None


OWN_VARIANT_AFTER = re.compile(
    r"\s*[(:]?\s*(?:[cp]\.\s?\S|[A-Z][a-z]{2}\d+|[A-Z]\d{2,4}[A-Z*]|\d{2,5}(?:del|ins|dup)[ACGT]*\b)"
)


# stop 64 (held-out probe U): a finding's noun before a gene list governs the whole list ("no
# mutation in PIK3CA, AKT1, PTEN or ESR1", "no alteration in AKT1, PIK3CA or PTEN" had read
# AKT1 and ESR1 mutated): the list's first member holds the noun, the others are bare names
LIST_NOUNS_FIRST = frozenset(
    {"mutation", "mutations", "alteration", "alterations", "variant", "variants", "change"}
    | {"changes", "aberration", "aberrations"}
)


def _deny_noun_list(
    doc: Doc,
    ents: list[SpacySpan],
    contexts: list[Any],
    group: list[int],
    extra: dict[int, tuple[Modifier, ...]],
) -> None:
    """The denial before a list opened by "<noun> in <gene>" is each bare member's, up to a
    member with a result of its own."""
    if doc_lowers(doc)[ents[group[0]].start] not in LIST_NOUNS_FIRST:
        return
    denial = _front_denials(ents, contexts, group, lambda m: True)
    if not denial:
        return
    for i in group[1:]:
        ent = ents[i]
        # (only a list closed by "or": "No mutation in PIK3CA, ESR1 detected" may tell ESR1 found)
        closing = (
            i == group[-1]
            and {"or", "nor"} & set(doc_lowers(doc)[ents[i - 1].end : ent.start])
            and (
                _list_verdict_after(doc, ent)
                or (_gene_member(ent) and ent[-1].lower_ in LIST_VERDICT_AFTER)  # "ESR1 detected"
            )
        )
        if ent.label_ not in ("GENE", "GENE_NAME") and not closing:
            return
        if _own_finding(doc, ent) and not closing:
            return
        if any(m.start >= ent.end for m in contexts[i].modifiers):
            return  # its own result told after it
        if _own_words_after(doc, ent):
            # the review of stop 64: a variant or a result word of its own after it ("BRCA2
            # c.5946delT", "ESR1 present at 2% VAF", "ESR1 yes"): its own finding, the list
            # ends; not a bracket or a word that goes on with the list's verdict ("BRCA2
            # (germline panel)", "ESR1 either", the third review)
            return
        _give(extra, contexts, i, denial)


# the words of an exclusion told after a receptor statement ("HER2-positive was ruled out")
RULED_OUT = frozenset({"ruled", "ruled-out", "excluded"})


# round 14: a statement whose value comes before its names ("positive staining for ER",
# "strong expression of PR", "no expression of ER") gives that value to its own names only
VALUE_FIRST = frozenset(
    {"positive", "negative", "positivity", "negativity", "strong", "strongly", "weak", "weakly"}
    | {"intense", "intensely", "moderate", "moderately", "diffuse", "diffusely", "focal"}
    | {"focally", "high", "no", "without", "absent", "lack", "loss", "absence", "presence"}
    | {"immunoreactive", "immunoreactivity", "immunopositive", "immunopositivity", "hormonal"}
)


# stop 59 (held-out probe P): a metastasis removed before a later relapse elsewhere is no site
# of today (FORMAT.md, rounds 14-15: labels describe the end of the text): "Solitary 3 cm
# segment VI liver metastasis, resected R0 in 2022; MRI liver clear on every scan since.
# 2026 CT: several new lung nodules" is lung only. Without a later relapse the site stays
# ("a solitary liver metastasis resected last month, now on letrozole").
REMOVAL_REACH = 4  # words between the site and its removal word
REMAINING = frozenset(
    {"partial", "partially", "residual", "remain", "remains", "remaining", "persist", "persists"}
    | {"persistent", "incomplete", "incompletely", "but", "except", "other", "others"}
)
REMOVAL_CUES = frozenset(
    {"resected", "resection", "excised", "excision", "removed", "metastasectomy", "ablated"}
    | {"ablation", "hepatectomy", "lobectomy", "wedge"}
)


def _removed_before_relapse(ent: SpacySpan, modifiers: Iterable[Modifier]) -> bool:
    """The site mention is told removed (REMOVAL_CUES) and a later sentence tells a new or
    progressing site of another organ."""
    doc = ent.doc
    removed = any(
        m.category == "INACTIVE"
        and REMOVAL_CUES.intersection(t.lower_ for t in doc[m.start : m.end])
        and cue_done(doc, m.start)
        # (said of the site: right after it or right before it, "the port was removed" later
        # in its sentence is not)
        and (
            (0 <= m.start - ent.end <= REMOVAL_REACH and _said_of_it(doc, ent.end, m.start))
            or (0 <= ent.start - m.end <= REMOVAL_REACH and _said_of_it(doc, m.end, ent.start))
        )
        for m in modifiers
    )
    if not removed:
        return False
    lo, hi = sentence_bounds(doc, ent.start)
    if REMAINING.intersection(doc_lowers(doc)[lo:hi]):
        return False  # "partially resected in 2022, residual disease in segment 7"
    organ = ent.ent_id_
    for later, ctx in zip(doc_ents(doc), doc_extension(doc, "context"), strict=True):
        if later.start < hi or "metastatic_sites=" not in later.ent_id_ or later.ent_id_ == organ:
            continue
        if any(m.category in ("ACTIVE", "PROGRESSION") for m in ctx.modifiers):
            return True
        before = doc_lowers(doc)[max(0, later.start - 2) : later.start]
        if NEW_WORDS_BEFORE.intersection(before) or "new" in later.text.lower().split():
            return True  # "2025 MRI: new brain metastases" (the word inside or before the name)
    return False


NEW_WORDS_BEFORE = frozenset({"new", "newly", "further", "additional"})

# stop 71 (held-out probe AA): an organ's metastases denied outright ("No bone metastases.",
# "She has never had lung metastases", "No liver metastases on MRI") settle a finding of that
# organ told before the denial without being called a metastasis: an uptake, a lesion, a
# disease of it ("Bone scan: intense uptake … Paget's disease of bone … No bone metastases",
# "interstitial lung disease … never had lung metastases", "CT: 2 cm liver lesion. No liver
# metastases on MRI."). Not a denial of more of them ("no new liver metastases": the ones told
# stay), nor one asked ("no liver mets?"); a finding told after the denial, or called a
# metastasis or a spread, stays ("No liver metastases in 2019. Liver metastases in 2023").
METASTASIS_NAMED = re.compile(
    r"\b(?:metasta\w*|mets?|spread\w*|deposits?|secondar(?:y|ies)|malignan\w*|involvement"
    r"|involved|mestastas\w*)\b",
    re.I,
)
DENIAL_QUALIFIERS = NEW_WORDS_BEFORE | {"more", "other", "fresh", "progressive"}
DENIAL_WORDS = frozenset(
    {"no", "not", "never", "without", "nor", "free", "absent", "negative", "excluded", "ruled"}
)
# (the review of stop 71: a denial of an earlier time, "Staging CT in 2021 showed no bone
# metastases", "No liver metastases at initial diagnosis", "never had lung metastases before
# this scan"; one disputed, "Radiologist: no lung metastases; oncologist disagrees")
DENIAL_TIMES = frozenset(
    {"initial", "initially", "diagnosis", "dx", "baseline", "prior", "previous", "previously"}
    | {"before", "earlier", "when", "presentation", "staging", "until", "then", "ago", "once"}
    | {"originally", "first", "last", "past", "former", "formerly", "time"}
)
DENIAL_DISPUTED = frozenset(
    {"disagree", "disagrees", "disagreed", "according", "opinion", "but", "however", "though"}
    | {"although", "whereas", "reread", "re-read", "second", "hope", "hopefully", "hoping"}
)
# after the denied metastases, where they were looked for ("No liver metastases on MRI", "…
# seen on the CT", "… are present"), to the clause's end
LOOKED_WITH = frozenset(
    {"on", "the", "a", "her", "this", "mri", "ct", "pet", "pet-ct", "scan", "scans", "imaging"}
    | {"bone", "scintigraphy", "ultrasound", "us", "x-ray", "xray", "cxr", "seen", "identified"}
    | {"present", "found", "detected", "noted", "evident", "visible", "shown", "is", "are"}
    | {"were", "was", "been", "has", "have", "demonstrated", "-", "(", ")", "ever", "at", "all"}
)
CLAUSE_ENDS_HERE = frozenset({".", ";", ",", ":", "and", "her", "she", "with"})
DOUBT_WORDS = frozenset(
    {"sure", "unsure", "uncertain", "unclear", "doubt", "doubtful", "query", "maybe", "perhaps"}
    | {"possibly", "might", "may", "could", "?", "think", "thinks", "thought", "wonder"}
)


# a finding named back with a definite article and settled ("MDT: the bone lesions are myeloma",
# "The liver lesion is a haemangioma"): the organ's earlier findings are the ones settled
DEFINITE = frozenset({"the", "these", "those", "both", "all"})
FINDING_NOUNS = re.compile(
    r"\b(?:lesions?|nodules?|foci|focus|masses|mass|spots?|uptake|findings?|abnormalit\w+)\b", re.I
)


def _denied_outright(ent: SpacySpan) -> bool:
    """The negated site mention names the organ's metastases, not more of them, or names back
    its findings settled, outside a question."""
    words = doc_lowers(ent.doc)
    lo, hi = sentence_bounds(ent.doc, ent.start)
    if "?" in words[lo : hi + 1]:
        return False
    told = words[max(ent.start - 3, lo) : ent.end]
    if not DENIAL_QUALIFIERS.isdisjoint(told):
        return False
    sentence = words[lo:hi]
    if (
        not DENIAL_TIMES.isdisjoint(sentence)
        or not DENIAL_DISPUTED.isdisjoint(sentence)
        or any(is_year(w) for w in sentence)
        or "!" in sentence
    ):
        return False  # of an earlier time, disputed, hoped ("No bone metastases, I hope!")
    if ent.start > 0 and words[ent.start - 1] in DEFINITE and FINDING_NOUNS.search(ent.text):
        return _verdict_clause_plain(words, ent.end, hi)
    # (a denial, not an end: "liver metastases resolved" were hers)
    return (
        METASTASIS_NAMED.search(ent.text) is not None
        and not DENIAL_WORDS.isdisjoint(words[max(ent.start - 4, lo) : min(ent.end + 2, hi)])
        and _denial_clause_plain(words, ent.end, hi)
    )


def _denial_clause_plain(words: Sequence[str], end: int, hi: int) -> bool:
    """Nothing but where it was looked for after the denied metastases, to its clause's end
    ("No liver metastases on MRI."): not a qualified denial ("No bone metastases other than
    the known L3 lesion", "… elsewhere", "… requiring radiotherapy", "… suitable for
    resection")."""
    for w in words[end:hi]:
        if w in CLAUSE_ENDS_HERE:
            return True
        if w not in LOOKED_WITH and w not in DENIAL_WORDS and w != "out":
            return False
    return True


def _verdict_clause_plain(words: Sequence[str], end: int, hi: int) -> bool:
    """A verdict on the findings named back told without a doubt in its sentence ("I was told
    the lung nodules are sarcoid but I am not sure")."""
    return DOUBT_WORDS.isdisjoint(words[end:hi])


# a site told as her only one ("Her breast cancer has spread to bone only", "My own
# metastases: bone only") denies every other organ as an outright denial does (above): "Liver
# lesion on PET, a neuroendocrine tumour on biopsy. Her breast cancer has spread to bone only."
ONLY_SITE = re.compile(r"\bonly\b", re.I)
# the brain's findings are read by the brain's own story (treated, stable, active), not here
OWN_STORY_SITES = frozenset({"brain", "meninges"})


# (the review of stop 71: an only site of an earlier time, hoped, asked, denied or of a trial
# arm, "Was bone-only until last year", "We hoped it was bone-only disease", "Is her disease
# bone-only?", "Bone-only disease is not the case here", "The bone-only trial arm is closed",
# "Bone-only on bone scan, but CT shows lung nodules")
ONLY_SITE_UNSURE = DENIAL_TIMES | DENIAL_DISPUTED | DOUBT_WORDS | DENIAL_WORDS
ONLY_SITE_UNSURE |= {"was", "were", "had", "until", "till", "told", "hoped", "would", "if"}
ONLY_SITE_UNSURE |= {"trial", "arm", "cohort", "eligible", "eligibility", "longer", "isn't"}
ONLY_SITE_UNSURE |= {"wasn't", "unless", "whether", "otherwise", "apart", "except"}


# stop 72 (held-out probe AB): the only site told with its word before it ("has spread only
# to the liver", "disease confined to the liver", "limited to bone"), not a count ("only one
# liver lesion", "only a small liver lesion")
ONLY_BEFORE = frozenset({"only", "solely", "exclusively"})
CONFINED_BEFORE = frozenset({"confined", "limited", "restricted"})
ONLY_GAP = frozenset({"to", "in", "within", "the", "her", "his"})
ONLY_AFTER = frozenset({"disease", "metastases", "metastasis", "mets", "involvement", "spread"})


def _told_only(ent: SpacySpan, span: Span) -> bool:
    """The site is told as her only one: "bone only", "bone-only", "only to the liver",
    "confined to the liver", "the liver only." (not "liver lesion only seen on MRI")."""
    if ONLY_SITE.search(span.text):
        return True
    words = doc_lowers(ent.doc)
    after = words[ent.end + 1] if ent.end + 1 < len(words) else "."
    if (
        ent.end < len(words)
        and words[ent.end] == "only"
        and (not after[:1].isalnum() or after in ONLY_AFTER)
    ):
        return True  # "spread to the liver only.", "liver only disease"
    k = ent.start - 1
    while k >= 0 and ent.start - k <= 3 and words[k] in ONLY_GAP:
        k -= 1
    if k < 0 or k == ent.start - 1 and words[k] not in ONLY_BEFORE:
        return False
    return words[k] in ONLY_BEFORE or (words[k] in CONFINED_BEFORE and words[k + 1] == "to")


def _only_site_of_now(ent: SpacySpan) -> bool:
    """The site told as her only one is told plainly, of now (above); a year in a bracket after
    it dates the finding's evidence ("only to the liver (biopsy 2025)"), not an earlier time."""
    doc = ent.doc
    words = doc_lowers(doc)
    lo, hi = sentence_bounds(doc, ent.start)
    sentence = words[lo : hi + 1]
    if not ONLY_SITE_UNSURE.isdisjoint(sentence):
        return False
    depth, dated = 0, False
    for k, word in enumerate(sentence, start=lo):
        depth += word.count("(") - word.count(")")
        # (a bracket before the site dates the sentence: "CT (Jan 2025): disease confined to
        # the liver" is of January, the review of stop 72)
        dated = dated or ((depth <= 0 or k < ent.start) and is_year(word))
    return not dated


def _latest_denials(
    observations: Sequence[Observation],
    denied: Sequence[tuple[str, int]],
    only_sites: Sequence[tuple[str, int]],
) -> dict[str, int]:
    """Organ -> where its latest denial is: its own outright denial, or a site of another
    organ told as her only one (not of an earlier time: "Bone-only disease at diagnosis").
    The latest only: a finding before it is before every earlier one (the cost stays linear in
    a flood of denials)."""
    latest: dict[str, int] = {}
    for organ, at in denied:
        latest[organ] = max(at, latest.get(organ, at))
    only: dict[str, int] = {}
    for organ, at in only_sites:
        only[organ] = max(at, only.get(organ, at))
    for organ in {o.value for o in observations if o.key == "metastatic_sites"}:
        others = [at for other, at in only.items() if other != organ]
        if others:
            latest[organ] = max([*others, latest.get(organ, 0)])
    return latest


# the earlier finding's sentence telling it a metastasis or her cancer ("Multiple liver lesions
# consistent with metastases", "Liver lesions, biopsy: ER+ adenocarcinoma"): not settled
TOLD_MALIGNANT = re.compile(
    r"metasta|\bmets?\b|malignan|carcinom|cancer|\bspread|deposit|biops|proven|recurren|relaps"
    r"|progress|\bnew\b|enlarg|growing",
    re.I,
)


def _denied_later(
    observations: list[Observation], denied: Mapping[str, int], doc: Doc
) -> list[Observation]:
    """The observations without the sites a later denial settles (above): ``denied`` maps
    an organ to where its latest denial is."""
    sentences = sentence_chars(doc)
    starts = [lo for lo, _ in sentences]
    text = doc_text(doc)

    def settled(o: Observation) -> bool:
        if o.span.end > denied.get(o.value, -1):
            return False
        at = max(bisect_right(starts, o.span.start) - 1, 0)
        lo, hi = sentences[at] if sentences else (0, len(text))
        return TOLD_MALIGNANT.search(text[lo:hi]) is None

    return [
        o
        for o in observations
        if not (
            o.key == "metastatic_sites"
            and o.value not in OWN_STORY_SITES
            and METASTASIS_NAMED.search(o.span.text) is None
            and settled(o)
        )
    ]


# words between a site and its removal word that give the removal another subject ("Liver
# mets; the port was removed in March")
ANOTHER_SUBJECT = frozenset({";", "the", "a", "an", "her", "his", "its", "this", "that", "port"})


def _said_of_it(doc: Doc, lo: int, hi: int) -> bool:
    return not ANOTHER_SUBJECT.intersection(doc_lowers(doc)[lo:hi])


# stop 59 (held-out probe P): a payer's authorisation asked for a regimen, told as a heading
# ("Prior authorisation for tucatinib + trastuzumab + capecitabine: patient has active …"):
# the drugs before the heading's colon are asked for, not given — unless the sentence tells
# the authorisation granted or the drug given ("authorization for Enhertu came through and
# she has had 3 cycles")
AUTHORISATION_WORDS = frozenset(
    {"authorisation", "authorization", "pre-authorisation", "pre-authorization", "auth"}
    | {"preauthorisation", "preauthorization", "pre-auth", "preauth", "approval"}
)
AUTHORISATION_TOLD = re.compile(r"(?i)auth|approval")
AUTHORISATION_LEADS = frozenset({"prior", "pre", "-", "insurance", "payer", "funding", "a", "the"})
AUTHORISATION_GIVEN = frozenset(
    {"approved", "granted", "obtained", "accepted", "came", "through", "started", "received"}
    | {"given", "cycles", "cycle", "had", "began", "progressed", "progressing", "on"}
)


def _authorisation_asked(ent: SpacySpan) -> bool:
    doc = ent.doc
    words = doc_lowers(doc)
    lo, hi = sentence_bounds(doc, ent.start)
    i = lo
    while i < ent.start and words[i] in AUTHORISATION_LEADS:
        i += 1
    if i + 1 >= ent.start or words[i] not in AUTHORISATION_WORDS or words[i + 1] != "for":
        return False
    colon = next((k for k in range(i, hi) if words[k] == ":"), hi)
    # (what follows a heading's colon is the case, not the authorisation's fate)
    return ent.end <= colon and not any(w in AUTHORISATION_GIVEN for w in words[lo:colon])


def _other_primarys(ent: SpacySpan) -> bool:
    """The site mention ``ent`` is another cancer's (chatbot.nlp.primaries)."""
    doc = ent.doc
    lo, hi = sentence_bounds(doc, ent.start)
    base = doc[lo].idx
    sentence = span_text(doc, lo, hi)
    return other_primarys_site(sentence, ent.start_char - base, ent.end_char - base)


def _gene_member(ent: SpacySpan) -> bool:
    """A mention of a tracked gene finding (bare name or stated value)."""
    label = ent.label_
    if label in ("GENE", "GENE_NAME"):
        return True
    return label == "FACT" and _states_biomarkers(ent.ent_id_)


@lru_cache(maxsize=4096)
def _states_biomarkers(ent_id: str) -> bool:
    """A FACT id that states tracked gene findings only."""
    stated = _assignments_of(ent_id)
    return bool(stated) and all(key in BIOMARKER_KEYS for key, _ in stated)


TARGET_WORDS = frozenset(
    {
        "inhibitor",
        "inhibitors",
        "inhibition",
        "pathway",
        "targeted",
        "blockade",
        "antagonist",
        "antagonists",
        "directed",
        "blocker",
        "blockers",
        "signaling",
        "signalling",
    }
)


# stop 41 (r52-0033): a dash spaced on both sides and followed by an aside's first word opens it
# ("his family's experience of BRCA — the genetic condition which increases …"), as a dash
# before a comma or the end ("PR –, HER2 –") or before a value or another name ("ER - PR -")
# is a sign
DASHES = frozenset({"-", "–", "—", "−"})


def _parenthetical_dash(ent: SpacySpan) -> bool:
    doc = ent.doc
    last = ent[-1]
    if last.text not in DASHES | {"--"} or len(ent) < 2 or not ent[-2].whitespace_:
        return False
    if not last.whitespace_ or ent.end >= len(doc):
        return False
    if _dash_pair_opened(doc, ent.start):
        return True  # "Herceptin targets an overactive gene -- HER2 -- associated with …"
    return doc[ent.end].text in ASIDE_OPENERS


GENE_FACT_KEYS = frozenset({"germline_brca", "pik3ca", "esr1", "akt1", "pten"})
GENE_LABELS = frozenset({"GENE", "GENE_NAME"})


def _genes_bracketed_after(topic: SpacySpan, fact: str) -> bool:
    """A gene test followed by the genes it tested in a bracket ("Germline panel (ATM, CHEK2,
    PALB2) - no pathogenic variants"): its result tells of those genes, whose own readings
    decide; the test's name says nothing of a gene it does not name (stop 72, the review)."""
    if fact not in GENE_FACT_KEYS:
        return False
    doc = topic.doc
    return (
        topic.end < len(doc)
        and doc[topic.end].text == "("
        and _gene_bracket(doc, topic.end) is not None
    )


def _genes_named_after(topic: SpacySpan, fact: str) -> bool:
    """A gene test named before the genes its result tells of ("Germline panel: no mutation in
    BRCA1, BRCA2 c.5946delT", "germline results were unremarkable for PIK3CA"): the cue that
    denies the test denies a gene after it too, and the genes' own readings decide; the
    test's name says nothing of its own (stop 68). Not a gene told apart ("germline test
    neg, PIK3CA mutated")."""
    if fact not in GENE_FACT_KEYS:
        return False
    doc = topic.doc
    ents, contexts = doc_ents(doc), doc._.context
    cues: set[tuple[int, int]] = set()
    for ent, context in zip(ents, contexts, strict=False):
        if ent.start == topic.start and ent.end == topic.end:
            cues = {
                (m.start, m.end) for m in context.modifiers if m.category == "NEGATED_EXISTENCE"
            }
            continue
        if not cues or ent.start < topic.end:
            continue
        gene = ent.label_ in GENE_LABELS or (
            ent.label_ == "FACT"
            and any(k in GENE_FACT_KEYS for k, _ in _parse_assignments(ent.ent_id_))
        )
        if gene and any((m.start, m.end) in cues for m in context.modifiers):
            return True
    return False


def _dash_before_result(ent: SpacySpan) -> bool:
    """The entity's sign is a spaced dash with a word right after it: the dash opens what is
    told of the gene, it is no minus sign."""
    doc = ent.doc
    last = ent[-1]
    return (
        last.text in DASHES
        and GENE_FACT_KEYS.issuperset(k for k, _ in _decode(ent))  # not "HER2 - breast cancer"
        and len(ent) >= 2
        and bool(ent[-2].whitespace_)
        and bool(last.whitespace_)
        and ent.end < len(doc)
        and (doc[ent.end].is_alpha or VARIANT_NOTATION.match(doc[ent.end].text) is not None)
    )


# stop 57: a gene she is told to carry, a spaced dash after it ("I carry BRCA2 - does that
# change my options?" had read her a non-carrier): the dash is the sentence's, she carries it
CARRYING = frozenset({"carry", "carries", "carrying", "carried", "inherited", "inherit"})


def _carried_before_dash(ent: SpacySpan) -> bool:
    return (
        len(ent) >= 2
        and ent[-1].text in DASHES
        and bool(ent[-2].whitespace_)
        and bool(ent[-1].whitespace_)
        and _carried_by_her(ent, CARRYING)
    )


def _dash_pair_opened(doc: Doc, start: int) -> bool:
    """Stop 44 (r61-0012): a spaced dash right before the receptor, after a word that is no
    receptor statement of its own ("gene -- HER2 --"; not "ER - HER2 -", ER's own sign): the
    dash after the receptor closes the pair."""
    if start < 2:
        return False
    before = doc[start - 1]
    return (
        before.text in DASHES | {"--"}
        and bool(before.whitespace_)
        and bool(doc[start - 2].whitespace_)
        and doc[start - 2].is_alpha
        and not doc[start - 2].ent_type_
    )


# the words an aside opens with (a determiner, a pronoun, a wh-word): not "gBRCA - per panel"
ASIDE_OPENERS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "which", "who", "what", "whose"}
    | {"it", "its", "his", "her", "their", "our", "my", "one"}
)


def _drug_target(ent: SpacySpan) -> bool:
    """A gene named as what a drug acts on ("AKT inhibitor", "PI3K pathway", "PIK3CA-targeted
    therapy"), not as a finding of the patient's tumour."""
    doc = ent.doc
    if ent[-1].whitespace_:
        return ent[-1].text != "-" and _next_is_target(doc, ent.end)
    return _next_is_target(doc, ent.end)


def _next_is_target(doc: Doc, end: int) -> bool:
    # stop 64 (found by the review of stop 64): a pathway named by its genes in a slash chain
    # ("PI3K/AKT/mTOR pathway alterations: PIK3CA E545K", "the PI3K/AKT pathway") names no
    # finding of either gene
    k = end
    while (
        k + 1 < len(doc)
        and k - end < PATHWAY_CHAIN_REACH
        and doc[k].text == "/"
        and PATHWAY_MEMBER.match(doc[k + 1].text)
    ):
        k += 2
    following = [t.lower_ for t in doc[k : min(k + 2, len(doc))]]
    if following and following[0] == "-":
        following = following[1:]
    return bool(following) and following[0] in TARGET_WORDS


PATHWAY_MEMBER = re.compile(r"^[A-Za-z][A-Za-z0-9]{1,6}$")
PATHWAY_CHAIN_REACH = 6  # tokens of "/AKT/mTOR": three genes chained after the first


FRONT_REACH = 12  # tokens: the farthest a negation cue before a list start is looked for


def _list_front_cues(doc: Doc, ent: SpacySpan) -> tuple[Modifier, ...]:
    """The negation cues whose scope covers the true start of a gene list that begins with
    genes this project does not track ("no alterations in TP53, CDH1 or ESR1")."""
    lo, hi = sentence_bounds(doc, ent.start)
    start = ent.start
    while start > lo and _list_gap(doc[start - 1]):
        start -= 1
    while start < ent.start and not GENE_SYMBOL.match(doc[start].text):
        start += 1  # the list starts at a gene symbol, not at a joiner or qualifier
    if start == ent.start:
        return ()
    # only the cues shortly before the start can reach it (cost bounded in a flood)
    every = doc_extension(doc, "context_cues")
    starts = doc.user_data.get("mbc_cue_starts")
    if starts is None or len(starts) != len(every):
        starts = [c.start for c in every]
        doc.user_data["mbc_cue_starts"] = starts
    near = every[bisect_left(starts, max(lo, start - FRONT_REACH)) : bisect_left(starts, start + 1)]
    found = []
    for cue in near:
        rule = cue.rule
        if rule.category != "NEGATED_EXISTENCE" or rule.direction not in (
            "FORWARD",
            "BIDIRECTIONAL",
        ):
            continue
        if rule.allowed_types and ent.label_ not in rule.allowed_types:
            continue
        if any(s <= start < e for s, e in ConTextComponent.scope(cue, near, ent.label_, lo, hi)):
            found.append(cue)
    return tuple(found)


# Words that may close a gene panel before its result ("(BRCA1, BRCA2, TP53) was
# negative", "BRCA1, BRCA2 and PALB2 germline testing was negative", "BRCA1/2 mutations were
# not detected"): a bracket, the finding's noun, the test's noun.
PANEL_CLOSERS = frozenset(
    {")", "]", "mutation", "mutations", "variant", "variants", "alteration", "alterations"}
    | {"gene", "genes", "genetic", "testing", "test", "tests", "panel", "analysis"}
    | {"sequencing", "result", "results", "status"}
)
PANEL_TARGETS = frozenset({"GENE", "GENE_NAME", "TOPIC"})
BACK_REACH = 3  # tokens: the farthest after a panel's end its result cue is looked for


# A panel member told found by its own words is not covered by a negative result told after
# the panel: "Germline panel: BRCA2 pathogenic variant, PALB2 negative", "genetic testing
# found BRCA2, and TP53 was negative", "identified BRCA1, ESR1 was negative".
FOUND_BEFORE = frozenset(
    {"identified", "identifies", "found", "detected", "detects"}  # not a report verb that
    | {"harbors", "harbours", "harbored", "harboured", "carries", "carrying"}  # takes results
)
FOUND_AFTER = frozenset(
    {"pathogenic", "deleterious", "mutated", "positive", "carrier", "likely-pathogenic"}
    | {"detected", "identified", "found", "+"}
)
FOUND_GAP = frozenset({"a", "an", "the", "germline", "somatic", "pathogenic", "deleterious"})


# stop 38 (r48): a denied finding whose gene follows it by "in"/"of" ("we did not have a
# mutation in one of the BRCA genes", "they did not find a mutation in one of her two BRCA
# genes"): the negation's words end before the gene, but it denies the gene's finding
_FINDING_NOUN = r"(?:mutations?|variants?|alterations?|changes?|abnormalit(?:y|ies))"
_TO_GENE = (
    r"\s+(?:in|of|on)\s+(?:(?:one|any|either|both|each|none)\s+of\s+)?"
    r"(?:(?:the|her|his|my|our|their|these|those|its)\s+)?(?:two\s+)?"
)
FINDING_TO_GENE = re.compile(rf"\s*(?:[\w-]+\s+){{0,4}}?{_FINDING_NOUN}{_TO_GENE}", re.I)
# the cue may hold the noun itself: "no change" (a PSEUDO cue: "no change in size") "in her
# BRCA1 gene"
NOUN_CUE = re.compile(rf"no\s+{_FINDING_NOUN}", re.I)
TO_GENE = re.compile(_TO_GENE, re.I)


def _denied_through_finding(doc: Doc, ent: SpacySpan) -> bool:
    """A forward negation before the gene denies a finding noun linked to it by "in"/"of"."""
    lo = sentence_bounds(doc, ent.start)[0]
    text = doc_text(doc)
    for cue in doc_extension(doc, "context_cues"):
        if cue.start >= ent.start:
            break
        if cue.start < lo:
            continue
        between = text[doc[cue.end - 1].idx + len(doc[cue.end - 1]) : ent.start_char]
        words = text[doc[cue.start].idx : doc[cue.end - 1].idx + len(doc[cue.end - 1])]
        if cue.category == "PSEUDO" and NOUN_CUE.fullmatch(words) is not None:
            if TO_GENE.fullmatch(between) is not None:
                return True
        elif (
            cue.category == "NEGATED_EXISTENCE"
            and cue.rule.direction in ("FORWARD", "BIDIRECTIONAL")
            and FINDING_TO_GENE.fullmatch(between) is not None
        ):
            return True
    return False


def _own_finding(doc: Doc, ent: SpacySpan) -> bool:
    """The gene is told found by a word of its own: a finding verb right before it with no
    denial between ("found BRCA2"), or a positive word right after it ("BRCA2 pathogenic")."""
    lo, hi = sentence_bounds(doc, ent.start)
    before = [t.lower_ for t in doc[max(lo, ent.start - 3) : ent.start]]
    for k, word in enumerate(before):
        if word in FOUND_BEFORE and all(w in FOUND_GAP for w in before[k + 1 :]):
            return True  # "found BRCA2", "identified a germline BRCA1" — never across a
            # clause ("PIK3CA mutation detected; ESR1 … not tested")
    after = [t.lower_ for t in doc[ent.end : min(hi, ent.end + 2)]]
    return bool(after) and after[0] in FOUND_AFTER


def _list_back_cues(doc: Doc, ent: SpacySpan) -> tuple[tuple[Modifier, ...], int]:
    """The negation cues told after a gene panel whose last tracked member is ``ent``, when
    the panel goes on past it (untracked genes, a bracket, the test's noun), with the end
    of the panel: "Genetic testing (BRCA1, BRCA2, CDH1, and TP53) was negative"."""
    lo, hi = sentence_bounds(doc, ent.start)
    end = ent.end
    while (
        end < hi
        and (_list_gap(doc[end]) or doc[end].lower_ in PANEL_CLOSERS)
        # (the review of stop 63: not past another finding's name, "Germline BRCA1 mutation.
        # HER2 negativní": the receptor's own value)
        and doc[end].ent_iob_ != "B"
    ):
        end += 1
    while end > ent.end and doc[end - 1].lower_ in LIST_JOINERS:
        end -= 1  # "BRCA1, TP53, and" ends at TP53
    every = doc_extension(doc, "context_cues")
    starts = doc.user_data.get("mbc_cue_starts")
    if starts is None or len(starts) != len(every):
        starts = [c.start for c in every]
        doc.user_data["mbc_cue_starts"] = starts
    # (the cues of the panel's own sentence only: the third review of stop 63, "Germline BRCA1
    # mutation. HER2 negativní" had denied the mutation from the next sentence; a field's
    # colon goes on into the next, "- ESR1:\n    not detected")
    reach = hi
    last = hi - 1
    while last > lo and doc[last].is_space:
        last -= 1
    if hi < len(doc) and doc[last].text.endswith(":"):
        reach = sentence_bounds(doc, hi)[1]
    near = every[
        bisect_left(starts, max(lo, ent.start)) : bisect_left(starts, min(reach, end + BACK_REACH))
    ]
    found = []
    for cue in near:
        rule = cue.rule
        if cue.start < end or rule.category != "NEGATED_EXISTENCE":
            continue
        if rule.direction not in ("BACKWARD", "BIDIRECTIONAL"):
            continue
        if rule.allowed_types and not PANEL_TARGETS.intersection(rule.allowed_types):
            continue  # a gene's result cue, or a test's ("… TP53) was negative")
        if any(s <= end - 1 < e for s, e in ConTextComponent.scope(cue, near, "GENE", lo, hi)):
            found.append(cue)
    return tuple(found), end


def _result_after(ent: SpacySpan, modifiers: Iterable[Modifier]) -> bool:
    """A negative result told after the tested gene ("testing for BRCA1 and BRCA2 was
    negative"), not a test denied ("none of PIK3CA … has been tested")."""
    return any(
        m.category == "NEGATED_EXISTENCE"
        and m.start >= ent.end
        and m.rule.direction in ("BACKWARD", "BIDIRECTIONAL")
        for m in modifiers
    )


def _list_gap(token: Any) -> bool:
    """A token that may sit between two members of one list (a joiner, a qualifier of the
    next member, or an untracked gene symbol written in capitals: "TP53", "AKT")."""
    if token.lower_ in LIST_JOINERS or token.lower_ in LIST_QUALIFIERS:
        return True
    if VARIANT_NOTATION.match(token.text):
        # (the review of stop 63: a variant is its gene's own finding, not a member of a
        # list a later denial reaches, "ESR1 D538G, PIK3CA wild type")
        return False
    return _gene_symbol(token)


# Pronouns say the patient's sex only in a case narrative this long, not in a reply ("she
# progressed on Kadcyla") or a question about "her" dose, where the case already has it.
PRONOUN_CASE_TOKENS = 20
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself", "she's", "she'd"})
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself", "he's", "he'd"})
# The words of a classification between a negation and the receptor statement it denies
# ("not enough to classify it as HER2-positive", "not considered HER2-positive", "does not
# qualify as ER-positive"): the statement is negated, as "not HER2-positive" is.
CLASSIFIED_AS = re.compile(
    r"(?:(?:high|strong|enough|sufficient(?:ly)?|intense)\s+){0,2}(?:(?:enough\s+)?to\s+)?"
    r"(?:be\s+)?(?:classif(?:y|ied)|call(?:ed)?|consider(?:ed)?|qualif(?:y|ied)|count(?:ed)?|"
    r"deem(?:ed)?|label(?:l?ed)?|regard(?:ed)?|defin(?:e|ed)|designat(?:e|ed))"
    r"(?:\s+(?:it|her|them|this|the\s+tumou?r|the\s+cancer|the\s+disease))?(?:\s+as)?\s*",
    re.I,
)
FEMALE_NOUN = re.compile(r"\b(?:woman|female|lady)\b", re.I)
WOMANS_WORD = re.compile(r"menopaus|ovar|oophor|menstrua|periods?\b", re.I)
# round 23: the patient's own account ("I was diagnosed with …", "my cancer", "I had a total
# mastectomy"): its third-person pronouns are other people's — her surgeon's ("I decided to
# go with his recommendation"), the nurse's ("she assured me") — never the patient's sex
# a speaker's own words quoted in a journalist's or interviewer's account ("They found the
# breast cancer had metastasized to my liver," she said): the account is not the writer's own
# stop 32 (r32): the single quotes of British news ("she said: 'This past November, I was
# diagnosed …"), straight or curly, where a quote left open at its paragraph's end goes on
# in the next ('…, and I am completely confident in my medical team.'): a quote opens
# before a capital and closes after punctuation, at the paragraph's end or the text's —
# never at an apostrophe ("didn't", "patients’").
QUOTED = re.compile(
    r"“[^”]{0,600}”|\"[^\"]{0,600}\""
    # stop 36 (r42): a quote the excerpt ends inside ("“Scans, tests, labs … The breast cancer had
    # metastasized to my liver through my blood, extremely rare.")
    r"|“[^”]{0,600}\Z"
    r"|(?<![\w'’])['‘](?=[A-Z])[^\n]{0,600}?(?:(?<=[.,!?;])['’](?!\w)|(?=\n)|\Z)"
)
# stop 32 (r32): an editor's lead-in to a first-person piece ("For Breast Cancer Awareness
# Month 2019, she shares her new awareness of Metastatic Breast Cancer. In October 2011, I
# began my treatment …"): the lead-in's pronoun is the writer's own sex
LEAD_IN = re.compile(
    r"(?i:\A[^.!?\n]{0,160}?\b(?P<pronoun>she|he)\s+(?:shares|writes|wrote|tells|recounts|describes|"
    r"reflects|explains|talks|shared|told|reflected|explained|talked)\b)"
    # stop 36 (r44): the writer named, then her own account ("Clinical nurse specialist Marie
    # from Limerick shares her experience and some words of support …")
    r"|\A[^.!?\n]{0,160}?\b[A-Z][a-z]+\s+(?:from\s+[A-Z][\w'-]+\s+)?(?:shares|writes|tells|recounts|"
    r"describes|reflects\s+on|talks\s+about|shared|wrote|told|described)\s+(?P<possessive>her|his)\b"
    # (a name is written with its capital: no re.I for this one)
)
# stop 48 (r70-0006): her own words introduced after a third-person opening ("Jeni is facing
# breast cancer, and this will be her final battle. This was her post in Facebook on the day
# we found out: … my old cancer came back"): the introduction's pronoun is the writer's sex,
# when no first-person word comes before it (the introducer's own words would be a writer's)
WORDS_LEAD_IN = re.compile(
    r"\b(?P<possessive>her|his)\s+(?:own\s+|latest\s+|last\s+|first\s+)?"
    r"(?:facebook\s+|blog\s+|instagram\s+|twitter\s+)?(?:post|posts|blog|words|message|update"
    r"|entry|diary|letter|status|statement)\b[^.!?\n:]{0,60}:"
    r"|\b(?P<pronoun>she|he)\s+(?:posted|wrote|writes|posts|shared|shares|said|says)\b[^.!?\n:]{0,60}:",
    re.I,
)
FIRST_PERSON = re.compile(r"\bI\b|\b(?i:my|me|mine|myself)\b")


def _words_lead_in(text: str) -> re.Match[str] | None:
    """A lead-in to her own words (WORDS_LEAD_IN) with no first-person word before it."""
    lead = WORDS_LEAD_IN.search(text)
    if lead is None or FIRST_PERSON.search(text, 0, lead.start()) is not None:
        return None
    return lead


OWN_ACCOUNT = gated(
    r"\bI\s+(?:was|am|'m|’m|have\s+been|'ve\s+been|got)\s+(?:first\s+|newly\s+)?diagnosed\b"
    r"|\bmy\s+(?:(?:breast|metastatic|secondary|own)\s+)?(?:cancer|tumou?rs?|mets|metastases|diagnosis)\b"
    r"|\bmy\s+(?:(?:left|right)\s+)?breasts?\b"
    r"|\bI\b[^.;!?]{0,60}?\b(?:had|underwent|have\s+had)\s+(?:a\s+)?(?:total\s+|double\s+|bilateral\s+"
    r"|radical\s+)?(?:mastectomy|lumpectomy)\b"
    r"|\bI(?:'m|’m|\s+am|\s+was|\s+slipped\s+into|\s+became)\s+(?:now\s+)?(?:officially\s+)?stage\b"
    # stop 35 (r38): "he meant I had stage four breast cancer", "I have metastatic breast
    # cancer" — the writer's own disease, the pronouns her doctor's
    r"|\bI\s+(?:have|had|still\s+have|now\s+have|'ve\s+got|’ve\s+got)\s+(?:got\s+)?"
    # (stop 43, r58-0030: a word or two between, quoted or not, "I have 'distant' metastasis")
    r"(?:['‘\"“]?[\w-]+['’\"”]?\s+){0,2}?"
    r"(?:stage[- ]?(?:iv|4|four)|metasta\w*|secondary|mbc)\b"
    # stop 36 (r42): the spread told into the writer's own body ("because cancer had spread to
    # both my lungs and to my spine", beside her husband's "him")
    r"|\b(?:spread|metasta\w*)\s+(?:\w+\s+){0,2}?(?:to|in|into|throughout)\s+(?:both\s+|all\s+)?my\b",
    re.I,
)


# Who a pronoun may stand for other than the patient: her clinician ("She saw her
# oncologist. He did appropriate tests and informed her …").
CLINICIAN_NOUNS = frozenset(
    {
        "oncologist",
        "oncologists",
        "doctor",
        "doctors",
        "physician",
        "physicians",
        "surgeon",
        "surgeons",
        "radiologist",
        "radiologists",
        "gp",
        "consultant",
        "nurse",
        "dr",
        "dr.",
        "pathologist",
        "radiotherapist",
        "clinician",
        "clinicians",
        "specialist",
        "oncologist's",
    }
)


# stop 38 (r47): a time told before the pronoun that opens the next sentence ("Her surgeon …
# rushed her into chemotherapy within two days. Later, he removed part of her breast")
LEAD_IN_WORDS = frozenset(
    {"later", "then", "afterwards", "afterward", "subsequently", "eventually", "soon", "finally"}
    | {"next", "also", "so", "and", "but", "after", "that", "the", "following", "same", "within"}
    | {"day", "days", "week", "weeks", "month", "months", ",", "two", "three", "a", "few"}
)


# the writer put on a treatment by the one acting on her ("wanted me to consider going on",
# "wants me to try Verzenio"), right after "me"
TREATMENT_VERBS = frozenset({"consider", "start", "try", "switch"})
WRITER_OBJECTS = frozenset({"me", "us"})
ACTS_REACH = 2  # words from "he"/"she" to the writer it acts on ("He then sent me")
NOT_A_VERB = frozenset(
    {"and", "or", "but", "i", "we", "you", "they", "he", "she", "it", "with", "to", "for"}
)


def _writer_is_the_patient(doc: Doc, lowers: Sequence[str]) -> bool:
    """The writer tells her own cancer ("I have ER+ breast cancer … My husband …"), or is
    put on a treatment by one acting on her; never a carer's or a clinician's message ("She
    asked me to find out about trials", "She begged me to find a trial to try")."""
    if "i" not in lowers and "my" not in lowers:
        return False
    return own_cancer_told(doc) or any(
        _acts_on_writer(lowers, i) and _put_on_treatment(lowers, i)
        for i, w in enumerate(lowers)
        if w in ("he", "she")
    )


def _put_on_treatment(lowers: Sequence[str], i: int) -> bool:
    """After the "me" the pronoun at ``i`` acts on: "to <treatment verb>" ("wanted me to
    consider going on …"; not "rang me on Sunday", "told me to stop worrying")."""
    me = next(k for k in range(i + 2, len(lowers)) if lowers[k] in WRITER_OBJECTS)
    after = lowers[me + 1 : me + 3]
    return len(after) == 2 and after[0] == "to" and after[1] in TREATMENT_VERBS


def _acts_on_writer(lowers: Sequence[str], i: int) -> bool:
    """The subject pronoun at ``i`` acts on the writer: "he/she <verb> me/us", at most one
    more word between ("She then told me"), none of them a pronoun or a conjunction."""
    if lowers[i] not in ("he", "she"):
        return False
    for k in range(i + 2, min(i + 2 + ACTS_REACH, len(lowers))):
        if lowers[k] in WRITER_OBJECTS:
            return all(w.isalpha() and w not in NOT_A_VERB for w in lowers[i + 1 : k])
    return False


def _clinician_pronouns(doc: Doc, lowers: list[str], pronouns: frozenset[str]) -> bool:
    """Every pronoun of ``pronouns`` stands where the clinician may be meant: in a sentence
    naming a clinician, or opening the sentence right after one ("… her oncologist. He
    did appropriate tests"), after a time at most ("Later, he removed …")."""
    starts, ends = sentence_table(doc)
    found = False
    for i, w in enumerate(lowers):
        if w not in pronouns:
            continue
        found = True
        start = starts[i]
        if _clinician_named(lowers, start, ends[start]):
            continue
        before = starts[start - 1] if start else None
        # (a double space after the full stop is a token of its own: no word before it)
        opens = all(w in LEAD_IN_WORDS or w.isspace() for w in lowers[start:i])
        if opens and before is not None and _clinician_named(lowers, before, start):
            continue
        return False
    return found


def _clinician_named(lowers: list[str], lo: int, hi: int) -> bool:
    """A clinician named in words ``lo:hi``: a clinician noun, or a physician-writer's
    practice partners ("She was referred to one of my partners … He commented that …",
    stop 46: r15-0005, r63-0011; "my partner" alone is a spouse)."""
    words = lowers[lo:hi]
    if CLINICIAN_NOUNS.intersection(words):
        return True
    return any(
        w == "partners" and k > 0 and words[k - 1] in ("my", "our") for k, w in enumerate(words)
    )


# the pronoun the patient's own cancer is told of ("he had stage-four metastatic breast
# cancer", "she was diagnosed with MBC", "learned he had …")
DIAGNOSIS_SUBJECT = re.compile(
    # (stop 42, r56-0006: the perfect of the diagnosis, "she told me she had just been diagnosed
    # with Stage IV breast cancer", beside "his mom" and "he")
    r"\b(he|she)\s+(?:(?:had|has)\s+(?:just\s+|recently\s+|now\s+)?been\s+diagnosed\s+with"
    r"|had|has|was\s+diagnosed\s+with|was\s+found\s+to\s+have|"
    r"is\s+living\s+with|was\s+living\s+with)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:(?:metastatic|stage[- ](?:iv|4|four))\b[^.;]{0,30}?\bbreast\s+cancer|mbc"
    # stop 44 (r60-0006): the cancer told by its course ("she was diagnosed with terminal cancer")
    r"|(?:terminal|incurable|secondary|advanced)\s+(?:breast\s+)?cancer)\b",
    re.I,
)


# stop 35 (r39): the same told from the cancer's side ("his wife Elizabeth announced … that the
# breast cancer she battled after the last election cycle has recurred and advanced to Stage IV")
CANCER_OF_SUBJECT = re.compile(
    # (stop 47, r66-0015: the cure she believed in, "the breast cancer she thought she'd
    # beaten in 2007 had returned and spread")
    r"\b(?:breast\s+)?cancer\s+(he|she)\s+(?:(?:thought|believed|hoped)\s+(?:she|he)\s*(?:['’]d|had)\s+"
    r"|had\s+)?(?:battled|fought|beat|beaten|survived|overcome|conquered|had|has)\b"
    r"(?=[^.;]{0,80}?\b(?:recurr\w*|returned|came\s+back|spread|metasta\w*|stage\s*(?:iv|4|four)))",
    re.I,
)
# stop 36 (r41): a pronoun told of "the patient" in her own sentence (_pronoun_sex)
PATIENTS_PRONOUN = re.compile(
    r"\b(?:the|our|this)\s+patient\b(?!['’]s)[^.;!?\n]{0,80}?\b(she|he|her|his|him)\b", re.I
)


SPOUSE_OF = {"his": "wife", "her": "husband"}
SPOUSE_SEX = {"husband": "male", "wife": "female"}


def _owns_spouse(lowers: list[str], i: int) -> bool:
    """Token ``i`` is "his" of "his wife" or "her" of "her husband"."""
    return i + 1 < len(lowers) and SPOUSE_OF.get(lowers[i]) == lowers[i + 1]


SPOUSE_NOUNS = {"his": frozenset({"husband", "husbands"}), "her": frozenset({"wife", "wives"})}


def _spouse_named_before(lowers: list[str], i: int) -> bool:
    """Token ``i`` is "his" of "his wife" (or "her" of "her husband") with the husband (the
    wife) named within CHILD_REACH words before it in its clause."""
    if not _owns_spouse(lowers, i):
        return False
    return _childs_pronoun(lowers, i, SPOUSE_NOUNS[lowers[i]])


def _couple_told_from_both_sides(lowers: list[str]) -> bool:
    """Both "his wife" and "her husband" are told."""
    return SPOUSE_OF.items() <= set(zip(lowers, lowers[1:], strict=False))


CHILD_BOYS = frozenset({"son", "sons", "grandson", "grandsons", "boy", "boys", "nephew", "stepson"})
CHILD_GIRLS = frozenset(
    {"daughter", "daughters", "granddaughter", "granddaughters", "girl", "girls", "niece"}
    | {"stepdaughter"}
)
CHILD_REACH = 4  # words between the child and the pronoun ("grandson to remember his")


def _childs_pronoun(lowers: list[str], i: int, children: frozenset[str]) -> bool:
    """Token ``i``, a pronoun, follows a child of its sex within CHILD_REACH words of one
    clause."""
    for j in range(i - 1, max(i - CHILD_REACH - 2, -1), -1):
        if lowers[j] in children:
            return True
        if lowers[j] in (".", ";", "!", "?", "and", "but"):
            return False
    return False


DATED_REACH = 5  # words from a year to the status it dates ("2019 - perimenopausal")
DATED_CLAUSE_ENDS = frozenset({",", ";", "."})
ENTRY_OPENERS = frozenset({";", ".", ":"})  # end the token before a year heading an entry


def _dated_earlier(doc: Doc, ent: SpacySpan) -> bool:
    """The status is dated by a year right before it in its clause, the text tells a later
    year heading an entry, and no other status is dated before it ("Gynae history (latest
    first): 2026 - no bleeding since 2021; 2019 - perimenopausal", stop 60, held-out probe
    Q): her status then, not now. (A status dated after another one is its update: "2019:
    postmenopausal on goserelin. 2024: premenopausal again" — the reviews of stop 60.)"""
    year = _status_year(doc, ent)
    if year is None:
        return False
    lowers = doc_lowers(doc)
    others = (
        _status_year(doc, e)
        for e in doc_ents(doc)
        if e.start != ent.start and e.ent_id_.startswith("menopausal_status=")
    )
    if any(other is not None and other < year for other in others):
        return False
    if any(
        e.start < ent.start and e.ent_id_.startswith("menopausal_status=") for e in doc_ents(doc)
    ):
        return False  # a status told after another is its update ("… In 2020 premenopausal again")
    return any(
        is_year(w) and int(w) > year and _heads_an_entry(doc, lowers, k)
        for k, w in enumerate(lowers)
    )


def _status_year(doc: Doc, ent: SpacySpan) -> int | None:
    """The year right before the status in its clause ("2019 - perimenopausal"), or the year
    heading the entry it is told in, past the entry's commas and brackets ("2019 (age 42,
    premenopausal, regular cycles): mastectomy …", stop 62, held-out probe S)."""
    lowers = doc_lowers(doc)
    lo = sentence_bounds(doc, ent.start)[0]
    crossed = False
    for k in range(ent.start - 1, max(lo, ent.start - ENTRY_REACH) - 1, -1):
        w = lowers[k]
        if w in ENTRY_ENDS and not (w == ":" and k > lo and is_year(lowers[k - 1])):
            return None  # (the colon of its heading year is no end: "2015: early BC, …")
        if w in DATED_CLAUSE_ENDS:
            crossed = True
        elif is_year(w):
            near = not crossed and ent.start - k <= DATED_REACH
            return int(w) if near or _heads_an_entry(doc, lowers, k) else None
    return None


ENTRY_REACH = 12  # words from a year heading an entry to a status told in it
ENTRY_ENDS = frozenset({";", ".", ":"})


def _heads_an_entry(doc: Doc, lowers: Sequence[str], k: int) -> bool:
    """The year at ``k`` opens its sentence or an entry of a list ("2026 - …", "; 2019:",
    "In 2024, …"), not a year told inside a clause ("progressed in 2025")."""
    lo = sentence_bounds(doc, k)[0]
    j = k - 1 if k > lo and lowers[k - 1] == "in" else k
    before = lowers[j - 1] if j > lo else ""
    # (a bracket's end glued to its colon is one token: "(latest first): 2026 - …")
    return (
        j == lo
        or before.isspace()
        or (before[-1] in ENTRY_OPENERS and not any(c.isalnum() for c in before))
    )


def _pronoun_sex(doc: Doc, text: str) -> tuple[str, tuple[Span, ...]] | None:
    """The patient's sex from the pronouns of a case ("she received …"), only when every
    personal pronoun agrees ("her husband … he" says nothing) — leaving out the pronouns
    of one sex that all stand where her clinician is meant, when the other sex's do not
    ("She saw her oncologist. He did appropriate tests and informed her …")."""
    # "HER" in capitals is HER2 shorthand ("ER positive HER negative"), not a pronoun.
    # (The pronouns found among the cached lower-case words: not a Token per word.)
    lowers = doc_lowers(doc)
    female = [doc[i] for i, w in enumerate(lowers) if w in FEMALE_PRONOUNS and doc[i].text != "HER"]
    male = [doc[i] for i, w in enumerate(lowers) if w in MALE_PRONOUNS]
    if (female or male) and _writer_is_the_patient(doc, lowers):
        # stop 60 (r123-0006): in the patient's own story, one who acts on her ("He wanted
        # me to consider going on an aromatase inhibitor") is her clinician, not the patient.
        # A removal never leaves the other sex's pronouns to decide ("Posting for my mum …
        # She rang me … My dad says he can't cope": the reviews of stop 60): then none does.
        # stop 61 (held-out probe R): nor are the pronouns of her spouse's sex, when she names
        # him ("because my husband carries a BRCA2 variant - the embryos were tested for his
        # variant, not me"; not "my mother": a carer's story may read as the writer's own)
        named = {
            SPOUSE_SEX[w] for k, w in enumerate(lowers[1:]) if lowers[k] == "my" and w in SPOUSE_SEX
        }
        kept_female = [
            t for t in female if "female" not in named and not _acts_on_writer(lowers, t.i)
        ]
        kept_male = [t for t in male if "male" not in named and not _acts_on_writer(lowers, t.i)]
        if (female and not kept_female and kept_male) or (male and not kept_male and kept_female):
            return None
        female, male = kept_female, kept_male
    if female and male:
        # stop 32 (r32): the pronouns of a speaker's quoted words are the people of her story
        # ("“I saw my doctor, and he changed my prescription …” … spread to Taylor’s lungs …
        # and other parts of her body"): the narrator's pronouns outside the quotes decide
        quoted = [m.span() for m in QUOTED.finditer(text)]
        if quoted:
            outside = [
                [t for t in group if not any(a <= t.idx < b for a, b in quoted)]
                for group in (female, male)
            ]
            if any(outside):
                female, male = outside
    # stop 45 (r62-0023): "his" of "his wife" right after her husband is named is his ("The
    # patient's husband has requested that his wife be a full code"), "her" of "her husband"
    # after his wife: the spouse's own pronoun, never the patient's
    female = [t for t in female if not _spouse_named_before(lowers, t.i)]
    male = [t for t in male if not _spouse_named_before(lowers, t.i)]
    if female and male:
        # stop 44 (r60-0014): a pronoun right after a child of its sex is the child's ("she
        # hopes it will help her live long enough for her two-year-old grandson to remember
        # his granny"): not the patient's
        female = [t for t in female if not _childs_pronoun(lowers, t.i, CHILD_GIRLS)]
        male = [t for t in male if not _childs_pronoun(lowers, t.i, CHILD_BOYS)]
    if female and male and _couple_told_from_both_sides(lowers):
        # stop 39 (r49): a couple told from both sides ("her husband called the cancer clinic
        # reporting that … his wife developed profound weakness"): "his" of "his wife" is the
        # husband's, "her" of "her husband" the wife's; the other pronouns decide. (One side
        # alone says nothing: "John has MBC. His wife said she was worried" stays unread.)
        female = [t for t in female if not _owns_spouse(lowers, t.i)]
        male = [t for t in male if not _owns_spouse(lowers, t.i)]
    if female and male:
        his = _clinician_pronouns(doc, lowers, MALE_PRONOUNS)
        hers = _clinician_pronouns(doc, lowers, FEMALE_PRONOUNS)
        if his != hers:
            female, male = ([], male) if hers else (female, [])
    if female and male:
        # stop 30 (r29): the pronoun the cancer is told of decides a story with a spouse in
        # it ("a secret fear his wife would get breast cancer … Bill learned he had stage-four
        # metastatic breast cancer"): every such subject of one sex
        subjects = {m.group(1).lower() for m in DIAGNOSIS_SUBJECT.finditer(text)}
        subjects |= {m.group(1).lower() for m in CANCER_OF_SUBJECT.finditer(text)}
        if len(subjects) == 1:
            female, male = ([], male) if subjects == {"he"} else (female, [])
    if female and male:
        # stop 36 (r41): the pronoun told of "the patient" in her own sentence ("The patient had
        # developed pleural effusion for which she was treated", beside the father's "he" and
        # "him"): every such pronoun of one sex
        told = {m.group(1).lower() for m in PATIENTS_PRONOUN.finditer(text)}
        sexes = {"female" if w in FEMALE_PRONOUNS else "male" for w in told}
        if len(sexes) == 1:
            female, male = ([], male) if sexes == {"male"} else (female, [])
    if bool(female) == bool(male):
        return None
    token = (female or male)[0]
    span = Span(token.idx, token.idx + len(token), text[token.idx : token.idx + len(token)])
    return ("female" if female else "male"), (span,)


# HER2-directed treatment told as given: the disease is HER2-positive (an inference). Not
# the antibody-drug conjugates also given for HER2-low disease, not a question or a plan.
# The receptor's name may be spelled out, its abbreviation in brackets after it: "dual
# anti-human epidermal growth factor receptor-2 (HER-2) therapy".
_HER2_NAME = (
    r"(?:HER-?2(?:/neu)?|human\s+epidermal\s+(?:growth\s+factor\s+)?receptor[- ]?(?:type[- ])?2)"
    r"(?:\s*[(\[][^()\[\]]{1,15}[)\]])?"
)
HER2_THERAPY = re.compile(
    # (stop 48, r75-0008: the adjective before the name, "26 treatments of targeted Her2 therapy")
    rf"\b(?:anti-?\s?{_HER2_NAME}|{_HER2_NAME}[- ](?:directed|targeted)|(?:targeted|directed)\s+{_HER2_NAME})\s+"
    r"(?:\w+\s+){0,2}?(?:therap(?:y|ies)|treatments?|agents?|lines?|regimens?|chemotherapy"
    r"|blockade|antibod(?:y|ies))\b",
    re.I,
)
PLAN_WORDS = re.compile(
    r"\b(?:consider\w*|candidate|eligible|discuss\w*|plan\w*|would|should|could|may|might"
    r"|resistance\s+to|if|when|whether|offer\w*|recommend\w*)\b",
    re.I,
)


HER2_NAMED = gated(_HER2_NAME, re.I)  # in every match of HER2_THERAPY


def _her2_therapy_told(doc: Doc) -> Span | None:
    full = doc_text(doc)
    if HER2_NAMED.search(full) is None:
        return None  # no HER2 named: no sentence can tell HER2 therapy
    for start_char, end_char in sentence_chars(doc):
        text = full[start_char:end_char]  # sent.text, without rebuilding it
        m = HER2_THERAPY.search(text)
        if m is None or text.rstrip().endswith("?") or PLAN_WORDS.search(text):
            continue
        start = start_char + m.start()
        return Span(start, start + len(m.group(0)), m.group(0))
    return None


# Organs of one sex only: a case told with one of them is that sex's (an inference).
FEMALE_ANATOMY = gated(
    r"\b(?:uter(?:us|ine)|endometri(?:um|al)|ovar(?:y|ies|ian)|adnex(?:a|al)|labia|labium"
    r"|vulva[rl]?|vagina[l]?|cervix|fallopian|pregnan(?:t|cy)|gestation(?:al)?|postpartum"
    r"|lactating|breast-?\s?feeding"
    # stop 41 (r52-0037): "I was nursing my 6-month-old son" (not a nurse's work: the child hers)
    r"|nursing\s+(?:my|her|our)\s+(?:[\w-]+\s+){0,2}?(?:baby|son|daughter|newborn|infant|twins)"
    # stop 47 (r66-0016): the child weaned ("from weaning my 1-year-old")
    r"|wean(?:ing|ed)?\s+(?:my|her|our)\s+(?:(?:\d{1,2}|one|two)-(?:day|week|month|year)s?-old"
    r"|(?:[\w-]+\s+){0,2}?(?:baby|son|daughter|newborn|infant|twins))"
    # round 6: the pregnancy told by its other words ("a healthy fetus was delivered")
    r"|fetus|foetus|fetal|foetal|caesarean|cesarean|c-section|primigravida|multigravida"
    r"|trimester|miscarriage|placenta[l]?"
    # stop 44 (r60-0011): her periods ("sudden stoppage of my periods")
    r"|menstrua(?:l|tion|ting)|(?:my|her)\s+periods"
    # stop 45 (r62-0014, r62-0002): the womb or ovaries removed ("The hysterectomy was done so
    # I could take Arimidex"), the menopause ("except fatigue & menopause", "postmenopausal")
    r"|hysterectom(?:y|ies)|(?:salpingo-?)?oophorectom(?:y|ies)"
    r"|(?:pre|peri|post)?-?menopaus(?:e|al))\b",
    re.I,
)
MALE_ANATOMY = gated(r"\b(?:prostat(?:e|ic)|testi(?:s|cle|cular)|scrot(?:um|al)|penile)\b", re.I)


def _anatomy_sex(text: str) -> tuple[str, tuple[Span, ...]] | None:
    female = FEMALE_ANATOMY.search(text)
    male = MALE_ANATOMY.search(text)
    if bool(female) == bool(male):
        return None
    m = female or male
    assert m is not None
    return ("female" if female else "male"), (Span(m.start(), m.end(), m.group(0)),)


# stop 67 (and its review): a comparison's object is a kind of cancer when only the kinds'
# words lie between the cue and the receptor statement ("compared to hormone-positive, HER-2
# positive breast cancer", "than in HER2-negative disease"); "Compared to before, ER is
# positive" and "Unlike her sister, she is ER positive" are hers. The side before the cue is
# a kind too when it is told as one ("more common in HER2 positive than in HER2
# negative disease", "ER-positive tumours respond better than ER-negative ones", "Triple
# negative breast cancer has a worse prognosis compared to hormone receptor positive
# disease"), not her own ("Her cancer is ER+, more common than ER-negative disease").
COMPARED_LEAD = frozenset(
    {
        "the",
        "those",
        "that",
        "of",
        "for",
        "in",
        "with",
        "among",
        "patients",
        "women",
        "people",
        "a",
        "an",
        "either",
        "other",
    }
)
COMPARED_JOIN = frozenset({",", "and", "or"})
KIND_HEADS = frozenset(
    {
        "cancer",
        "cancers",
        "disease",
        "diseases",
        "tumours",
        "tumors",
        "tumour",
        "tumor",
        "ones",
        "patients",
        "women",
        "people",
        "subtype",
        "subtypes",
        "type",
        "types",
        "carcinomas",
        "cases",
    }
)
COMPARED_ENDS = frozenset({".", ";", ":", ")", "!", "?", "\n"})
KIND_AFTER = frozenset(
    {"tumours", "tumors", "cancers", "carcinomas", "ones", "patients", "women", "cases", "subtypes"}
)
GENERAL_VERBS = frozenset(
    {
        "has",
        "have",
        "is",
        "are",
        "tends",
        "tend",
        "responds",
        "respond",
        "carries",
        "carry",
        "shows",
        "show",
        "grows",
        "grow",
        "accounts",
        "account",
        "remains",
        "remain",
    }
)
COMPARED_REACH = 8  # tokens after the cue a compared kind's statement may begin
COMPARED_KEY = "mbc_compared_kinds"


# stop 67 (the third review): "luminal" as histology names a lumen's cells or shape, not the
# luminal subtype (fact_patterns.yaml reads the bare word as hormone receptor-positive)
LUMINAL_HISTOLOGY = frozenset(
    {
        "epithelial",
        "epithelium",
        "cell",
        "cells",
        "pattern",
        "patterns",
        "surface",
        "side",
        "border",
        "lining",
        "secretion",
        "secretions",
        "content",
        "contents",
        "mucin",
        "space",
        "spaces",
        "structures",
        "differentiation",
        "formation",
        "formations",
        "necrosis",
        "narrowing",
        "obstruction",
        "stenosis",
        "wall",
        "layer",
        "aspect",
        "margin",
        "debris",
    }
)


def _luminal_histology(ent: SpacySpan) -> bool:
    doc = ent.doc
    return (
        ent.label_ == "FACT"
        and ent.text.lower() == "luminal"
        and ent.end < len(doc)
        and doc[ent.end].lower_ in LUMINAL_HISTOLOGY
    )


def _receptor_ent(ent: SpacySpan) -> bool:
    """A receptor's name or statement ("hr=positive", "er=negative;pr=negative", "her2_ihc=1"):
    what a kind compared with states (COMPARED)."""
    if ent.label_ == "RECEPTOR_NAME":
        return True
    keys = {key for key, _ in _parse_assignments(ent.ent_id_)}
    return bool(keys) and keys <= TIMED_KEYS | {"pdl1"}


def _compared_objects(
    lowers: Sequence[str], starts: dict[int, int], names: set[int], i: int, hi: int, end: int
) -> list[int]:
    """The receptor statements (start tokens) a comparison cue ending at ``i`` names as kinds:
    after its lead words ("the", "those", "patients with"), statements joined by commas or
    "and"/"or" that end in a kind's head noun ("… HER-2 positive breast cancer", "… tumours")
    or, one alone, at the clause's end ("rather than HER2-zero."). Anything else between is
    her own telling ("Compared with the breast, ER was negative in the liver"; "Unlike ER, PR
    was negative": a bare name compared, no kind). ``hi``: the reach; ``end``: the sentence's
    end."""
    while i < hi and lowers[i] in COMPARED_LEAD:
        i += 1
    out: list[int] = []
    while i < hi and i in starts and i not in names:
        out.append(i)
        i = starts[i]
        j = i
        while j < end and lowers[j] in COMPARED_JOIN:
            j += 1
        if j > i and j < hi and j in starts and j not in names:
            i = j
            continue
        if i < end and lowers[i] == "breast":
            i += 1  # "… positive breast cancer"
        if i >= end or lowers[i] in KIND_HEADS or (len(out) == 1 and lowers[i] in COMPARED_ENDS):
            return out
        return []
    return []


def _told_as_kind(lowers: Sequence[str], ent: SpacySpan, lo: int, hi: int) -> bool:
    """A receptor statement told as a kind of cancer: "in HER2 positive …", "patients with
    HER2-positive disease", "ER-positive tumours" (not "diagnosed with HER2-positive")."""
    before = lowers[ent.start - 1] if ent.start > lo else ""
    if before in ("in", "among"):
        return True
    after = ent.end + (ent.end < hi and lowers[ent.end] == "breast")
    if (
        before in ("", "the", "a")
        and after + 1 < hi
        and lowers[after] in KIND_HEADS
        and lowers[after + 1] in GENERAL_VERBS
    ):
        # the subject of a general claim: "Triple negative breast cancer has a worse …" (not
        # a terse case's "HER2-positive breast cancer in a 50F, …")
        return True
    if before in ("with", "for") and ent.start - 2 >= lo and lowers[ent.start - 2] in KIND_AFTER:
        return True
    return ent.end < hi and lowers[ent.end] in KIND_AFTER


def _compared_kinds(doc: Doc) -> set[int]:
    """Start tokens of the receptor statements that are kinds a comparison names (COMPARED)."""
    cached = doc.user_data.get(COMPARED_KEY)
    if cached is not None:
        return cached
    out: set[int] = set()
    cues = [c for c in doc_extension(doc, "context_cues") if c.category == "COMPARED"]
    if cues:
        receptors = [e for e in doc.ents if _receptor_ent(e)]
        starts = {e.start: e.end for e in receptors}
        names = {e.start for e in receptors if e.label_ == "RECEPTOR_NAME"}
        lowers = doc_lowers(doc)
        for cue in cues:
            lo, hi = sentence_bounds(doc, cue.start)
            reach = min(hi, cue.end + COMPARED_REACH)
            objects = _compared_objects(lowers, starts, names, cue.end, reach, hi)
            if not objects:
                continue
            out.update(objects)
            # the other side of a comparison of kinds is a kind when told as one
            out.update(
                e.start
                for e in receptors
                if lo <= e.start < cue.start and _told_as_kind(lowers, e, lo, hi)
            )
    doc.user_data[COMPARED_KEY] = out
    return out


# A sex word naming a population, not the patient: "improved outcomes in female patients",
# "these drugs for male patients", "two women" (a series).
POPULATION_AFTER = re.compile(
    r"^\s+(?:patients|cases|individuals|subjects|survivors|populations?|participants)\b", re.I
)
PLURAL_SEX_WORDS = frozenset({"women", "females", "males", "men", "ladies"})


def _population_sex(state: _State, text: str) -> None:
    """Sex words of populations yield to one of the patient ("Given the improved outcomes in
    female patients … a male patient with MBC" is male); alone they stand ("two women")."""
    sexes = [o for o in state.observations if o.key == "sex"]
    plural = [
        o
        for o in sexes
        if o.span.text.lower() in PLURAL_SEX_WORDS or POPULATION_AFTER.match(text[o.span.end :])
    ]
    if plural and len(plural) < len(sexes):
        drop = {id(o) for o in plural}
        state.observations = [o for o in state.observations if id(o) not in drop]


def _in_question(ent: SpacySpan) -> bool:
    """The mention sits in a sentence that asks something (ends with "?")."""
    doc = ent.doc
    start, end = sentence_bounds(doc, ent.start)
    last = next((doc[i] for i in range(end - 1, start - 1, -1) if not doc[i].is_space), None)
    return last is not None and last.text == "?"


# The words that open a clause asking something: "…, where do we go next?", "…; what is the
# third line?"
ASKING_OPENERS = frozenset(
    {"what", "where", "which", "how", "who", "when", "why", "whats", "what's", "should"}
    | {"shall", "can", "could", "would", "will", "do", "does", "did", "is", "are", "any"}
)
CLAUSE_MARKS = frozenset({",", ";", ":", "-", "–", "—"})
NEXT_WORDS = frozenset({"next", "after", "then", "line", "lines"})
# the modal of a history taken as read: "would (most likely / probably) have had"
PREMISE_DOUBTS = frozenset({"would", "likely", "probably"})
# a drug told given to her before the question: "After THP she got T-DXd; what …?"
PREMISE_VERBS = frozenset(
    {"had", "has", "have", "got", "received", "receiving", "took", "taken", "treated", "given"}
    | {"on", "completed", "underwent", "failed", "progressed", "after", "following"}
)


def _asking_clause(ent: SpacySpan) -> int | None:
    """In a sentence ending with "?", the start of the clause that asks, when it opens after
    the mention past a clause mark ("After THP she got T-DXd; what is the third line?") and
    the mention's own clause asks nothing: the drug is the premise of the question, told,
    not asked about. None otherwise ("Can A be given with B?", "Should she get A, or B?")."""
    doc = ent.doc
    lo, hi = sentence_bounds(doc, ent.start)
    lowers = doc_lowers(doc)
    if lowers[lo] in ASKING_OPENERS or any(
        lowers[i] in CLAUSE_MARKS and lowers[i + 1] in ASKING_OPENERS for i in range(lo, ent.start)
    ):
        return None  # the drug's own clause asks ("What about T-DXd, …?")
    if not PREMISE_VERBS & set(lowers[lo : ent.start]):
        return None  # told of no patient ("With the approval of ribociclib for eBC, …?")
    return next(
        (
            i + 1
            for i in range(ent.end, hi - 1)
            if lowers[i] in CLAUSE_MARKS and lowers[i + 1] in ASKING_OPENERS
        ),
        None,
    )


def _premise(ent: SpacySpan, modifiers: Iterable[Modifier]) -> bool:
    """The mention is told before the clause a question asks in (``_asking_clause``); a
    drug under a modal ("this patient would most likely have T-DXd, where do we go next?")
    is a premise only when the question asks what comes next (not "she would have T-DXd
    next", an offer, nor "if she had T-DXd, what next?")."""
    asking = _asking_clause(ent)
    if asking is None:
        return False
    doubts = [m for m in modifiers if m.category in UNCERTAIN_CUES]
    if not doubts:
        return True
    doc = ent.doc
    lowers = doc_lowers(doc)
    lo, hi = sentence_bounds(doc, ent.start)
    return (
        all(m.rule.literal.lower() in PREMISE_DOUBTS for m in doubts)
        and "if" not in lowers[lo : ent.start]
        and bool(NEXT_WORDS & set(lowers[asking:hi]))
    )


def _history_item(ent: SpacySpan) -> bool:
    """The drug is an item of a written-out history ("1L A, 2L B, now 3L?", "(1) A (2) B"):
    received, even in a sentence that ends by asking what comes next."""
    doc = ent.doc
    start = ent.start  # back over the regimen's other drugs: "1L letrozole/ribociclib"
    while start > 0 and (doc[start - 1].ent_type_ == "DRUG" or doc[start - 1].text in "/+&"):
        start -= 1
    lo = max(start - 3, 0)
    if list_marker(doc, lo, start):
        return True
    end = start  # a line ordinal ("1L", "first-line") right before, maybe with ":" or "-"
    while end > lo and doc[end - 1].text in (":", "-", "–", "="):
        end -= 1
    return end > 0 and doc[end - 1].ent_type_ == "LINE_ORD"


def _bare_query(ent: SpacySpan) -> bool:
    """A fact written alone as a question ("visceral crisis?") is a doubt, not a value.

    Kept out of the ConText rules because it depends on the whole sentence being the
    mention: in "what should she get with liver mets?" the "?" doubts nothing."""
    doc = ent.doc
    return (
        ent.label_ in ("FACT", "TOPIC")
        and ent.end < len(doc)
        and doc[ent.end].text == "?"
        and ent.start - sentence_bounds(doc, ent.start)[0] <= 1
    )


# stop 50 (found by probing): a scan's finding phrase that holds its own doubt ("MRI brain
# ordered to r/o mets", "CT head: ?tiny enhancing focus", "Bone scan: equivocal uptake"): the
# cue inside the entity is its own phrase, never read by ConText, so the word is read here
INSIDE_DOUBTS = frozenset(
    {"?", "r/o", "rule", "equivocal", "indeterminate", "possible", "possibly", "questionable"}
    | {"query", "exclude", "vs", "versus"}
)  # (not "suspicious": "The bone scan shows multiple suspicious lesions" tells the spread)


def _doubted_inside(ent: SpacySpan) -> bool:
    """A site finding whose own words doubt it (above)."""
    if ent.label_ != "FACT" or not (
        "metastatic_sites" in ent.ent_id_ or "brain_metastases" in ent.ent_id_
    ):
        return False
    words = doc_lowers(ent.doc)[ent.start : ent.end]
    return any(w in INSIDE_DOUBTS for w in words) or "r/o" in "".join(words)  # "r / o" split


# stop 47 (r68-0008): the regimen she had been on told in the sentence after the progression
# ("… my cancer had progressed throughout my bones. … I had been taking Aromasin and
# Afinitor"): its sentence opens with her pluperfect continuous, the drug right after it
ON_BEFORE_WORDS = frozenset(
    {"i", "she", "he", "had", "'d", "’d", "been", "taking", "on", "receiving", "getting"}
)
ON_BEFORE_REACH = 5
ON_BEFORE_SENTENCES = 2
ON_LIST_JOINERS = frozenset({"and", ",", "+", "/", "plus", "with", "&"})


def _progression_told_before(ent: SpacySpan) -> Modifier | None:
    doc = ent.doc
    lo, _ = sentence_bounds(doc, ent.start)
    if "been" not in doc_lowers(doc)[lo : ent.start]:
        return None  # no pluperfect continuous opens the sentence
    # the words before the drug, the drugs listed before it left out ("taking Aromasin and")
    drugs = {i for e in doc_ents(doc) if e.label_ == "DRUG" for i in range(e.start, e.end)}
    opening = [w for i, w in enumerate(doc_lowers(doc)[lo : ent.start], lo) if i not in drugs]
    while opening and opening[-1] in ON_LIST_JOINERS:
        opening.pop()
    if not (
        0 < len(opening) <= ON_BEFORE_REACH
        and set(opening) <= ON_BEFORE_WORDS
        and "been" in opening
        and ("had" in opening or "'d" in opening or "’d" in opening)
    ):
        return None
    back = lo
    for _ in range(ON_BEFORE_SENTENCES):  # the progression told in one of the two before
        if back == 0:
            break
        back = sentence_bounds(doc, back - 1)[0]
    for cue in doc_extension(doc, "context_cues"):
        if cue.category == "PROGRESSION" and back <= cue.start < lo:
            return cue
    return None


def _nearest_role(ctx: TargetContext) -> Modifier | None:
    """The cue giving a drug its role: a progression cue reaching it wins ("had letrozole +
    palbociclib for two years and progressed"), then a current-treatment cue, then a
    history cue; the nearest within a category. Which of several progressing regimens is
    failing is decided by chatbot.nlp.history (the last one)."""
    for mod in ctx.modifiers:
        if mod.rule.literal in EXAMPLES:  # "five lines so far, including ribociclib"
            return mod
    for category in ROLE_CUES:
        best: tuple[int, Modifier] | None = None
        for mod in ctx.modifiers:
            if mod.category != category:
                continue
            dist = ctx.start - mod.end if mod.end <= ctx.start else mod.start - ctx.end
            if best is None or dist < best[0]:
                best = (dist, mod)
        if best is not None:
            return best[1]
    return None


# Words between a describing word and the finding it premodifies ("new multiple liver lesions")
PREMODIFIER_FILLERS = frozenset(
    {"multiple", "several", "numerous", "few", "small", "large", "bilateral", "left", "right"}
    | {"a", "an", "the", "two", "three", "four", "five", "many", "some", "additional", "more"}
    | {"in", "of", "at", "within", "involving", "her", "his"}
)


def _own_descriptions(ent: SpacySpan, modifiers: Iterable[Modifier], category: str) -> list[int]:
    """Starts of the ``category`` cues that describe this mention: before it, or after it
    with no other finding between ("brain mets, liver lesions stable": the liver is). A cue
    right before the next finding is that finding's own word ("brain mets treated with
    SRS, new liver lesions": the liver lesions are new, the brain is not active)."""
    cues = [m for m in modifiers if m.category == category]
    if not cues:
        return []
    doc = ent.doc
    facts = _doc_index(doc)[0]
    after = bisect_left(facts, bare_list_end(ent))  # "CNS/pleura s/p SRS"
    next_fact = facts[after] if after < len(facts) else None

    def premodifies_next(m: Modifier) -> bool:
        if next_fact is None or m.start < ent.end or m.end > next_fact:
            return False
        if "brain" in doc[next_fact].ent_id_:
            return False  # "progression in the brain": the same organ
        if doc[m.end - 1].is_punct:
            return False  # stop 49: a cue closed by its comma ("brain mets not growing, liver")
        between = doc[m.end : next_fact]  # "new liver lesions", "progressing in liver"
        return all(t.lower_ in PREMODIFIER_FILLERS or t.like_num for t in between)

    def elsewhere(m: Modifier) -> bool:
        """ "extracranial progression", "progression elsewhere": told of the other sites."""
        before = doc[m.start - 1].lower_ if m.start > 0 else ""
        after = doc[m.end].lower_ if m.end < len(doc) else ""
        return before in OTHER_SITES_BEFORE or after in OTHER_SITES_AFTER

    def denied(m: Modifier) -> bool:
        """Stop 50 (found by probing): a new lesion denied ("MRI shows no new ones", "without
        any new lesions") describes nothing: the "no" is the lesions' own. Only "new" and its
        like, with the denial right before it ("no response, growing" stays active)."""
        words = doc_lowers(doc)
        if category != "ACTIVE" or words[m.start] not in NEW_ONE:
            return False
        return _new_denied(words[max(0, m.start - NEW_ONE_DENIAL) : m.start])

    return [
        m.start
        for m in cues
        if not elsewhere(m)
        and not denied(m)
        and (
            m.start < ent.start
            or next_fact is None
            or (m.start <= next_fact and not premodifies_next(m))
        )
    ]


OTHER_SITES_BEFORE = frozenset(
    {"extracranial", "extra-cranial", "systemic", "visceral", "extra", "body", "hepatic"}
    | {"pulmonary", "osseous", "bone", "liver", "lung", "nodal", "peripheral"}
)
OTHER_SITES_AFTER = frozenset({"elsewhere", "outside", "extracranially", "systemically"})


def _doc_index(doc: Doc) -> tuple[list[int], list[int]]:
    """Per Doc, once (per-mention scans are quadratic in a flood): the starts of its FACT
    entities and of its brain-treatment cues, sorted."""
    index = doc.user_data.get("mbc_extract_index")
    if index is None:
        facts = sorted(e.start for e in doc_ents(doc) if e.label_ == "FACT")
        cues = {
            c.start
            for c in doc_extension(doc, "context_cues")
            if c.rule.literal == BRAIN_THERAPY_CUE
        }
        brain = brain_therapies_done(doc, cues)  # "for which she completed WBRT"
        index = (facts, brain)
        doc.user_data["mbc_extract_index"] = index
    return index


def _reactivated(ent: SpacySpan, modifiers: Iterable[Modifier]) -> bool:
    """A mention written as treated ("brain mets treated with SRS") that a later activity
    word describes again ("…, now growing"), or that an activity noun governs ("enlargement
    of the previously irradiated brain metastasis")."""
    modifiers = list(modifiers)
    if any(start >= ent.end for start in _own_descriptions(ent, modifiers, "ACTIVE")):
        return True
    if relative_clause_cues(ent, ACTIVE_CUES):
        return True  # "treated brain metastases, which then grew"
    later = [(j, active) for j, active in brain_followups(ent.doc) if j >= ent.end]
    if later and later[-1][1]:
        return True  # "Brain mets were treated with SRS. Six months later they grew."
    doc = ent.doc
    # ends of the ACTIVE cues, any direction ("with progression of …" points backward),
    # indexed once per text (a flood of treated mentions stays linear)
    ends = doc.user_data.get("mbc_active_cue_ends")
    if ends is None:
        ends = {m.end for m in doc_extension(doc, "context_cues") if m.category == "ACTIVE"}
        doc.user_data["mbc_active_cue_ends"] = ends
    for end in range(max(1, ent.start - 3), ent.start + 1):
        if end not in ends:
            continue
        words = [t.lower_ for t in doc[end - 1 : ent.start]]  # the cue's last word on
        if "of" in words and all(w in GOVERNING_LINKS for w in words[1:]):
            return True
    return False


GOVERNING_LINKS = frozenset({"of", "the", "a", "an", "her", "his", "known", "both", "all"})


METASTATIC_EVENT = re.compile(
    r"metasta|\bmets?\b|recur|relaps|progress|advanced|stage\s*iv|palliative|mbc|line", re.I
)
# "adjuvant"/"neoadjuvant" written before the regimen it names (the ConText cue reaches
# three tokens: "received adjuvant dose-dense doxorubicin plus …" is further)
ADJUVANT_ANCHORS = frozenset({"adjuvant", "neoadjuvant", "neo-adjuvant", "extended adjuvant"})
# "post-surgery chemotherapy with …": an anchor only with no metastatic word before it in its
# sentence (not "after resection of the liver metastasis, postoperative capecitabine")
OPERATION_ANCHORS = frozenset(
    {"postoperative", "post-operative", "post-surgery", "post-surgical", "postsurgical"}
    | {"post-mastectomy", "postmastectomy"}
)


# A setting told right after the drug is its own: "… after adjuvant therapy and received a
# taxane as first-line therapy for her metastatic disease", "paclitaxel in the metastatic
# setting", "capecitabine for his recurrence" are metastatic lines, whatever came before.
OWN_METASTATIC_SETTING = re.compile(
    r"^[\s,]*(?:\([^()]*\)\s*)?(?:(?:as|in)\s+(?:the\s+|a\s+|her\s+|his\s+)?"
    r"(?:first|second|third|fourth|fifth|later|subsequent|\d+(?:st|nd|rd|th)?)[-\s]*lines?\b"
    r"|(?:for|in)\s+(?:the\s+|her\s+|his\s+|this\s+)?(?:metasta|advanced\b|recurren|relaps"
    r"|stage\s*iv\b|mbc\b|palliati))",
    re.I,
)


def _own_metastatic_setting(doc: Doc, info: MentionInfo) -> bool:
    """The words right after the drug give it a metastatic setting ("as first-line therapy",
    "for her metastatic disease", "in the advanced setting")."""
    end = min(info.end + 12, sentence_bounds(doc, info.start)[1])
    return OWN_METASTATIC_SETTING.search(doc[info.end : end].text) is not None


def _adjuvant_sequences(doc: Doc, infos: list[MentionInfo]) -> None:
    """Drugs that follow adjuvant therapy (or the word "adjuvant") in one sentence, before
    any metastatic event, are adjuvant too: "adjuvant chemotherapy, six cycles of CMF, then
    tamoxifen for 5 years" and "received adjuvant systemic therapy, radiotherapy, and
    tamoxifen" are early-disease treatment, never a metastatic line."""
    anchors = [
        c.end
        for c in doc_extension(doc, "context_cues")
        if c.rule.literal in ADJUVANT_ANCHORS
        or (
            c.rule.literal in OPERATION_ANCHORS
            and not METASTATIC_EVENT.search(doc[sentence_bounds(doc, c.start)[0] : c.start].text)
            # "the patient was status post-mastectomy and had been started on …": a state
            # told, not the operation a treatment followed
            and not (c.start > 0 and doc[c.start - 1].lower_ in ("status", "s/p"))
        )
    ]
    carry_end: int | None = None
    sentence = -1
    for info in infos:
        here = sentence_bounds(doc, info.start)[0]
        if here != sentence:
            sentence, carry_end = here, None
        role = info.mention.role
        if role == "adjuvant":
            carry_end = info.end
            continue
        if carry_end is None:
            carry_end = max((a for a in anchors if here <= a <= info.start), default=None)
        if carry_end is None:
            continue
        between = doc[carry_end : info.start].text
        if (
            role == "prior"
            and not info.progression
            and not METASTATIC_EVENT.search(between)
            and not _own_metastatic_setting(doc, info)
        ):
            info.mention = replace(info.mention, role="adjuvant")
            carry_end = info.end
        else:
            carry_end = None


# the words that join the drugs of one regimen ("fulvestrant and capivasertib", "letrozole +
# palbo", "T-DXd / pertuzumab")
REGIMEN_JOINERS = frozenset({"and", "+", "plus", "/", "&", "with", ",", "together"})


def _planned_partners(doc: Doc, infos: list[MentionInfo]) -> None:
    """Stop 50 (held-out danger probe D): a drug joined to a planned or asked-about drug by a
    regimen's joiners is planned too ("We plan to start the second line with fulvestrant and
    capivasertib next week": the plan's reach ended before capivasertib, read as given — a
    second line counted and a drug given that was not). Only a drug with no role cue of its own."""
    for before, info in zip(infos, infos[1:], strict=False):
        if (
            before.mention.role == "hypothetical"
            and info.mention.role == "prior"
            and info.cue is None
            and not info.mention.negated
            and before.end <= info.start
            and all(w in REGIMEN_JOINERS for w in doc_lowers(doc)[before.end : info.start])
        ):
            info.mention = replace(info.mention, role="hypothetical")


# Phrases saying the disease was metastatic from the start: no line came before the
# metastatic diagnosis, which is not the same as no line now.
START_OF_METASTATIC = re.compile(
    r"de[- ]novo|primary metastatic|synchronous|newly diagnosed|first presentation"
    r"|\bat\b.*\b(?:presentation|diagnosis)\b",
    re.I,
)


def _drop_start_of_metastatic_disease(state: _State, infos: list[MentionInfo]) -> None:
    """ "De novo metastatic …, received letrozole + palbociclib and progressed": the 0 of
    "de novo" is the count before the metastatic diagnosis; a regimen given for the
    metastatic disease is told after it, so the history counts the lines instead."""
    given = any(
        not i.mention.negated and (i.progression or i.mention.role in ("prior", "current"))
        for i in infos
    )
    if not given:
        return
    state.observations = [
        o
        for o in state.observations
        if not (o.key == "prior_lines" and o.value == 0 and START_OF_METASTATIC.search(o.span.text))
    ]


NODE_VALUES = frozenset({"lymph nodes", "lymph_nodes"})
# Sites that may be regional (early disease): finding them is not a metastatic event.
REGIONAL_SITES = frozenset(
    {"lymph nodes", "lymph_nodes", "skin", "chest wall", "chest_wall", "soft tissue", "breast"}
)


def _site_tokens(doc: Doc, state: _State) -> set[int]:
    """First tokens of the distant metastatic sites read ("CT shows lesions in the liver":
    found, a metastatic event); regional sites (nodes, skin, chest wall) are not."""
    out = set()
    starts, stops = doc_offsets(doc)
    size = len(doc_text(doc))
    for o in state.observations:
        if o.key == "metastatic_sites" and o.value not in REGIONAL_SITES:
            # doc.char_span(start, end, alignment_mode="expand").start, without the Span:
            # the tokens holding the first and last characters (a token holds its trailing
            # space), the first moved past a start on that space
            first = _token_at(starts, size, o.span.start)
            last = _token_at(starts, size, o.span.end - 1)
            if first < 0 or last < 0:
                continue  # char_span: None
            if o.span.start == stops[first]:
                first += 1
            if first <= last:
                out.add(first)
            elif first > last + 1:  # an empty or reversed span: as char_span answers it
                span = doc.char_span(o.span.start, o.span.end, alignment_mode="expand")
                if span is not None and len(span):
                    out.add(span.start)
    return out


def _token_at(starts: list[int], size: int, char: int) -> int:
    """The token holding character ``char`` (its trailing space included), -1 outside the
    text: spaCy's ``token_by_char`` (tokens tile the text: each starts where the one before
    it ends, its space included)."""
    if not 0 <= char < size:
        return -1
    return bisect_right(starts, char) - 1


# stop 57 (held-out probe N): brain lesions told one by one ("Of her 2 brain mets, 1/2 was
# resected (cavity clean). The other, 7 mm in the L thalamus, has grown on today's scan and is
# untreated"): the other one, growing, new or untreated, is active whatever the first one's
# treatment settled
_OTHER_LESION = gated(
    r"(?:^|[.;!?]\s+)the\s+(?:other|remaining)(?:\s+(?:one|lesion|met|metastasis|tumou?r"
    r"|deposit|nodule|focus)\b|\s*,)(?P<told>[^.;!?]{0,160}?\b(?:has\s+grown|grew|growing"
    r"|enlarg\w*|increased\s+in\s+size|untreated|is\s+new|bigger|larger)\b[^.;!?]*)",
    re.I,
)
_OTHER_SETTLED = re.compile(
    r"\b(?:resect\w*|excis\w*|removed|srs|wbrt|gamma\s+knife|cyber\s*knife|radiosurg\w*"
    r"|irradiat\w*|radiotherap\w*|radiation|(?<!un)treated|stable|shr[iu]nk\w*|resolved"
    r"|no\s+active)\b",
    re.I,
)
# the other lesion of another organ ("The other liver lesion has grown")
_OTHER_ORGAN = re.compile(
    r"\b(?:liver|hepatic|lungs?|pulmonary|bones?|osseous|nodes?|nodal|adrenal|pleura\w*|skin"
    r"|breast|spine|spinal|vertebra\w*|ribs?|pelvi\w*|ovar\w*|periton\w*|chest|axilla\w*)\b",
    re.I,
)
_BRAIN_TOLD = re.compile(
    r"\b(?:brain|intracranial|cerebral|cerebell\w*|thalam\w*|frontal|parietal"
    r"|occipital|temporal\s+lobe)\b",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?]\s+")


def _other_brain_lesion_active(text: str, state: _State) -> Span | None:
    """The span of "the other" brain lesion told growing or untreated, right after a
    sentence of the brain's lesions (no other organ told in it), when the brain metastases
    are otherwise read as settled, else None."""
    brain = [o for o in state.observations if o.key == "brain_metastases"]
    if not brain or any(o.value is True for o in brain):
        return None
    for m in _OTHER_LESION.finditer(text):
        before = _SENTENCE_END.split(text[: m.start()])[-1]
        told = m.group("told")
        if (
            _BRAIN_TOLD.search(before) is not None
            and _OTHER_ORGAN.search(before) is None
            and _OTHER_SETTLED.search(told) is None
            and _OTHER_ORGAN.search(told) is None
        ):
            return Span(m.start("told"), m.end("told"), told)
    return None


def _brain_story(state: _State, described: list[int]) -> None:
    """Brain metastases told as a story ("brain mets s/p SRS 2021. MRI 2023: new brain
    metastases"; "… brain metastases. She underwent surgery then gamma knife for the
    metastatic brain tumours"): when the mentions disagree and one of them is described
    (treated/stable or new/growing), the last mention is the current state."""
    brain = [i for i, o in enumerate(state.observations) if o.key == "brain_metastases"]
    if not described or len({state.observations[i].value for i in brain}) < 2:
        return
    last = max(brain, key=lambda i: state.observations[i].span.start)
    keep = state.observations[last]
    state.observations = [
        o for i, o in enumerate(state.observations) if i not in brain or i == last
    ]
    keep.correction = False


# the words that offer one value or another ("er+ or triple neg", "HER2-low vs HER2-0")
# (a slash joins a receptor panel — "ER+/PR-" — more often than it offers a choice)
_ALTERNATIVE = re.compile(r"[\s,(]*(?:or|vs\.?|versus)[\s,(]*", re.I)


def _offered_alternatives(state: _State, text: str) -> None:
    """Stop 30 (r28, r29): values offered as alternatives ("What type of breast cancer (i.e.,
    er+ or triple neg)?", "HER2-low or HER2-0?", "Male or female, the course of treatment is
    the same") are neither told: every observation of both mentions is dropped (a "triple
    neg" offered is no HER2-negative). In any sentence: two values of one fact joined by "or"
    or "vs" tell neither. Kept out of chatbot.nlp.questions, which reads yes/no questions
    from their opener."""
    # (no gate on the whole text: an "or" search over it cost more than this loop over the
    # few observations, each pair tested on the characters between them only)
    # each mention's values, by its span (list facts have no alternatives: "letrozole or
    # palbo" are two drugs); only "or"/"vs" and spacing between two mentions makes them an
    # offer, so both are in one clause
    mentions: dict[tuple[int, int], dict[str, Any]] = {}
    for o in state.observations:
        spec = FACTS.get(_public(o.key))
        if spec is None or spec.type != "list":
            mentions.setdefault((o.span.start, o.span.end), {})[_public(o.key)] = o.value
    spans = sorted(mentions)
    offered: set[tuple[int, int]] = set()
    for a, b in zip(spans, spans[1:], strict=False):
        if (
            a[1] <= b[0]
            and any(mentions[b].get(k, v) != v for k, v in mentions[a].items())
            and _ALTERNATIVE.fullmatch(text, a[1], b[0])
        ):
            offered |= {a, b}
    if offered:
        state.observations = [
            o for o in state.observations if (o.span.start, o.span.end) not in offered
        ]


def _switched_status(state: _State, text: str) -> None:
    """A receptor status told changed without its new value ("TNBC … with a HER2 status switch
    during the course of the disease"): the statements before it are no longer current, and
    with none after it the receptor is asked (chatbot.nlp.receptors.switched_without_value)."""
    for group, at in switched_without_value(text):
        before = [o for o in state.observations if o.key in group and o.span.start < at]
        if not before or any(o.key in group and o.span.start > at for o in state.observations):
            continue
        state.observations = [o for o in state.observations if not any(o is b for b in before)]
        fact = "her2" if "her2" in group else "hormone_receptor"
        state.uncertain.setdefault(fact, before[-1].span)


EARLIER_STATE = frozenset({"PRIOR", "PAST", "HISTORICAL"})


def _heart_story(state: _State, earlier: list[int]) -> None:
    """Heart function told over time ("had no pre-existing cardiovascular disease, had
    maintained normal cardiac function … Echocardiography revealed LVEF 5%"): a normal heart
    told as her earlier state yields to a failing one told after it (dev case-0077); without
    a past cue the two still disagree and are asked."""
    if not earlier:
        return
    last_normal = max(state.observations[i].span.start for i in earlier)
    later = [
        o
        for o in state.observations
        if o.key == "heart_failure" and o.value is True and o.span.start > last_normal
    ]
    if not later:
        return
    state.observations = [o for i, o in enumerate(state.observations) if i not in earlier]


def _told_after_list(ent: SpacySpan) -> list[int]:
    """Starts of the treated/stable cues told right after the list of organs ``ent`` opens
    ("metastases to the brain and lungs s/p chemoradiation"): the "and" of the list ends a
    cue's scope, yet the description is of every member (chatbot.nlp.sites.bare_list_end)."""
    end = bare_list_end(ent)
    if end == ent.end:
        return []
    doc = ent.doc
    if end < len(doc) and doc[end].text == ",":
        end += 1
    starts = doc.user_data.get("mbc_inactive_back_starts")
    if starts is None:  # once per text
        starts = {
            c.start
            for c in doc_extension(doc, "context_cues")
            if c.category == "INACTIVE" and c.rule.direction in ("BACKWARD", "BIDIRECTIONAL")
        }
        doc.user_data["mbc_inactive_back_starts"] = starts
    return [end] if end in starts and cue_done(doc, end) else []


# stop 58 (held-out probe O): the bed a brain lesion was removed from, named by its place
# ("the cerebellar resection cavity is clean on the 6-month MRI"): the lesion resected —
# unless its sentence tells disease there ("an enhancing nodule in the resection cavity, in
# keeping with recurrent metastasis": found by the review)
BED_BEFORE = frozenset(
    {"resection", "surgical", "operative", "postoperative", "post-operative", "postsurgical"}
)
BED_WORDS = frozenset({"cavity", "cavities", "bed"})
BED_DENIALS = frozenset({"no", "nothing", "not", "without", "nil"})  # "nothing new has appeared"
BED_DISEASE = frozenset(
    {"enhancing", "enhancement", "nodule", "nodular", "recurrent", "recurrence", "progressive"}
    | {"progression", "progressing", "residual", "mass", "lesion", "lesions", "new", "growing"}
    | {"grown", "increased", "increasing", "enlarging", "enlarged", "srs", "for"}
)


def _resected_bed(ent: SpacySpan) -> bool:
    """The brain word names the place of a resection cavity, its sentence telling no disease
    there (BED_DISEASE)."""
    doc = ent.doc
    words = doc_lowers(doc)
    if ent.end + 1 >= len(words) or words[ent.end] not in BED_BEFORE:
        return False
    if words[ent.end + 1] not in BED_WORDS:
        return False
    lo, hi = sentence_bounds(doc, ent.start)
    return not any(
        (w in BED_DISEASE or w in ACTIVE_WORDS) and words[k - 1] not in BED_DENIALS
        for k, w in enumerate(words[lo:hi], start=lo)
    )


def _settled(ent: SpacySpan, modifiers: Iterable[Modifier]) -> bool:
    """Brain metastases described as treated or stable (SRS, WBRT, surgery; "controlled"),
    unless an activity word comes later ("treated with SRS in 2022, now growing") or is
    part of the mention itself ("new brain mets"). The last description wins."""
    modifiers = list(modifiers)
    inactive = [j for j in _own_descriptions(ent, modifiers, "INACTIVE") if cue_done(ent.doc, j)]
    inactive += _told_after_list(ent)  # "metastases to the brain and lungs s/p chemoradiation"
    # "brain metastases which responded to SRS" (chatbot.nlp.sites.relative_clause_cues)
    inactive += [j for j in relative_clause_cues(ent, INACTIVE_CUES) if cue_done(ent.doc, j)]
    # the lesion the subject of a passive treatment verb, however long its subject phrase
    # ("a dural-based mass in the left frontal region was resected": chatbot.nlp.sites)
    verb = passive_treated_subject(ent)
    if verb is not None:
        inactive.append(verb)
    # A local brain treatment done, anywhere in the text, settles every brain mention
    # unless an activity word comes after it.
    inactive += _doc_index(ent.doc)[1]
    if _resected_bed(ent):
        inactive.append(ent.end)  # "the cerebellar resection cavity is clean on the MRI"
    told_active = bool(
        ACTIVE_WORDS & ({t.lower_ for t in ent} | _head_phrase_words(ent) | _premodifier_words(ent))
    )
    if told_active:
        # a new lesion is not settled by what is told of an earlier one after it ("a new
        # lesion; the SRS-treated metastasis is stable": chatbot.nlp.sites.earlier_lesions)
        other = earlier_lesion_after(ent.doc, ent.end)
        if other is not None:
            inactive = [j for j in inactive if j < other]
    active = _own_descriptions(ent, modifiers, "ACTIVE")
    active += relative_clause_cues(ent, ACTIVE_CUES)  # "brain mets that grew after SRS"
    # a record's status field told progressing ("Brain metastases: Yes  Treated: SRS 03/2025
    # Current status: progressing": chatbot.nlp.sites.status_field_before)
    active += [
        m.start
        for m in modifiers
        if m.category == "PROGRESSION" and status_field_before(ent.doc, m.start)
    ]
    # a later sentence telling what became of the lesions ("Subsequently the irradiated
    # lesions were stable": chatbot.nlp.sites.brain_followups)
    for j, later_active in brain_followups(ent.doc):
        if j >= ent.end:
            (active if later_active else inactive).append(j)
    if not inactive:
        return False
    if told_active:
        active.append(ent.start)
        if _treatment_object(ent, inactive):
            # the new lesions are what a treatment done was given for ("gamma knife
            # radiation for new brain metastases", round 13): "new" tells what they were
            # when treated, the treatment comes after it
            inactive.append(ent.end)
    # a brain lesion told new before this mention, after the treatments ("… treated with
    # cyberknife. A brain MRI revealed another tumor … a spinal tap showed LC"): the
    # activity holds for what is told of the brain after it
    active += [j for j in _told_active_starts(ent.doc) if j < ent.start]
    active += _new_one_after(
        ent
    )  # "the brain tumors shrunk after radiation but a new one appeared"
    # "… was treated with SRS. Another one appeared later." (chatbot.nlp.sites); told before
    # this mention too, the order of the cues deciding ("… treated with radiosurgery but
    # another four were found. I now have tumours in my brain", r66-0003)
    active += brain_new_ones(ent.doc)
    return not active or max(inactive) > max(active)


# round 19: the words of the phrase a bare brain word closes ("two new spots in my brain",
# "new metastases in her brain"): its activity word describes the brain's lesions as the
# word inside a finding does ("new brain mets"), whatever treatment is told around it
HEAD_PHRASE_REACH = 6
# round 19b: the lesion told found at the brain word by a verb between them ("a new lesion
# was found in the cerebellum", "a new metastasis appeared in the left frontal lobe"): the
# verb places the head at the organ word as the preposition alone does; an organ word of
# the brain (cerebellum, frontal lobe) is placed so as the bare brain word is
FOUND_VERBS = frozenset(
    {"found", "detected", "seen", "noted", "identified", "discovered", "observed", "visualized"}
    | {"appeared", "developed", "emerged", "arose", "occurred", "visualised", "demonstrated"}
)
FOUND_GROUP = frozenset({"was", "were", "has", "have", "been", "later", "then", "subsequently"})
FOUND_REACH = 4  # the verb group's words


def _compound_piece(t: Token) -> bool:
    """``t`` is a glued hyphen of a compound word or the piece before one ("sub-centimetre"
    is three tokens: "sub", "-", "centimetre"): part of the descriptor its last piece is."""
    doc = t.doc
    if t.text in HYPHENS and not t.whitespace_ and t.i > 0 and not doc[t.i - 1].whitespace_:
        return True
    return not t.whitespace_ and t.i + 1 < len(doc) and doc[t.i + 1].text in HYPHENS and t.is_alpha


def _premodifier_words(ent: SpacySpan) -> set[str]:
    """The words right before a brain finding back over its size and look ("New 9 mm
    occipital brain lesion", "a new 4mm enhancing cerebellar met"): the first one that is
    neither ends them."""
    doc = ent.doc
    lo = max(sentence_bounds(doc, ent.start)[0], ent.start - HEAD_PHRASE_REACH)
    words: set[str] = set()
    for t in reversed(doc[lo : ent.start]):
        w = t.lower_
        if t.like_num or w in LESION_DESCRIPTORS or w in BRAIN_REGION_WORDS:
            continue
        if _compound_piece(t):
            continue  # stop 62 (held-out probe S): "three new sub-centimetre lesions"
        if w in ACTIVE_WORDS:
            words.add(w)
        break
    return words


CONJUNCT_FILLERS = frozenset({"both", "the", "her", "his", "my", "left", "right", "bilateral"})


def _first_conjunct(ent: SpacySpan) -> SpacySpan | None:
    """The entity of the same label that ``ent`` is joined to by "and", "or" or a comma
    ("the right cerebellum and both occipital lobes"), else None."""
    doc = ent.doc
    words = doc_lowers(doc)
    k = ent.start - 1
    while k >= 0 and words[k] in CONJUNCT_FILLERS:
        k -= 1
    if k < 1 or words[k] not in ("and", "or", ","):
        return None
    return next(
        (e for e in doc_ents(doc) if e.end == k and e.label_ == ent.label_ and e.start < k), None
    )


def _head_phrase_words(ent: SpacySpan) -> set[str]:
    """The words before a bare brain word back to its head and the head's premodifiers,
    when a lesion head places the finding at it ("new spots in my brain", "a new lesion was
    found in the cerebellum"); else none."""
    organ = ent.label_ == "ORGAN" and BRAIN_SITE_WORDS & set(ent.ent_id_.split(";"))
    if ent.ent_id_ not in BRAIN_SITE_WORDS and not organ:
        return set()
    doc = ent.doc
    first = _first_conjunct(ent)
    if first is not None:
        # stop 62 (held-out probe S): a place joined to the one a head placed the finding
        # at shares its head ("three new lesions in the right cerebellum and both
        # occipital lobes")
        return _head_phrase_words(first)
    lo = max(sentence_bounds(doc, ent.start)[0], ent.start - HEAD_PHRASE_REACH - FOUND_REACH)
    words: list[str] = []
    headed = found = False
    for t in reversed(doc[lo : ent.start]):
        w = t.lower_
        if not headed and not found and w in FOUND_VERBS:
            found = True  # the verb group: its auxiliaries are skipped below
        elif found and not headed and w in FOUND_GROUP:
            continue
        elif w in HEAD_PHRASE_PLACES or (not headed and w in PREMODIFIER_FILLERS):
            if found and not headed:
                break  # words between the head and its verb: no subject head
            words.append(w)
        elif w in HEAD_PHRASE_HEADS:
            words.append(w)
            headed = True
        elif headed and (
            w in ACTIVE_WORDS
            or w in PREMODIFIER_FILLERS
            or w in LESION_DESCRIPTORS
            or t.like_num
            or _compound_piece(t)
        ):
            words.append(w)
        else:
            break
    return set(words) if headed else set()


BRAIN_SITE_WORDS = frozenset({"metastatic_sites=brain"})
# stop 51 (held-out probe E): a lesion's size and look between its activity word and its
# head ("A new 9 mm enhancing lesion in the left occipital lobe"), read through as the
# fillers are
# (the lesion's words: chatbot.nlp.sites, shared with its new brain lesions)
BRAIN_REGION_WORDS = BRAIN_REGIONS | {"left", "right"}
HEAD_PHRASE_PLACES = frozenset({"in", "of", "to", "within", "on", "inside", "my", "her", "his"})
HEAD_PHRASE_PLACES = HEAD_PHRASE_PLACES | {"the", "both", "left", "right", "whole"}
# (stop 51, held-out probe F: the side in a note's letters, "in the L occipital lobe")
HEAD_PHRASE_PLACES = HEAD_PHRASE_PLACES | {"l", "r", "lt", "rt", "bilateral"}
HEAD_PHRASE_HEADS = LESION_HEADS
NEW_ONE = frozenset({"new", "another", "additional", "further"})
ONE_WORDS = frozenset({"one", "ones"}) | HEAD_PHRASE_HEADS
NEW_ONE_DENIAL = 3  # words before "new" that may deny it ("no new", "without any further new")
PUNCT_WORDS = CLAUSE_ENDS | {"-", "(", ")"}  # a phrase's edges: sites' clause ends and brackets


def _new_denied(before: list[str]) -> bool:
    """The words right before "new" deny it ("no new", "without any new"), in its own
    phrase: "no response, new lesion" is a new lesion."""
    denial = max((k for k, w in enumerate(before) if w in NO_MORE), default=None)
    return denial is not None and not PUNCT_WORDS.intersection(before[denial + 1 :])


def _new_one_after(ent: SpacySpan) -> list[int]:
    """Starts of "a new one", "another lesion", "two new spots" told after a brain mention
    in its sentence with no other site between or after: one more lesion of the brain."""
    doc = ent.doc
    hi = sentence_bounds(doc, ent.start)[1]
    facts = _doc_index(doc)[0]
    if bisect_right(facts, ent.start) < len(facts) and facts[bisect_right(facts, ent.start)] < hi:
        return []  # another finding told after it in the sentence: the words may be its
    out = []
    words = doc_lowers(doc)
    for t in doc[ent.end : hi]:
        # a new one denied is none ("brain mets post-gamma knife, no new lesions", "without any
        # new ones"): found by probing (stop 50), it had made treated brain metastases active
        if (
            t.lower_ in NEW_ONE
            and any(n.lower_ in ONE_WORDS for n in doc[t.i + 1 : min(hi, t.i + 3)])
            and not _new_denied(words[max(ent.end, t.i - NEW_ONE_DENIAL) : t.i])
        ):
            out.append(t.i)
    return out


# Words that join a brain treatment to the lesions it was given for ("SRS for", "gamma knife
# to the", "WBRT targeting")
TREATMENT_OBJECT_WORDS = frozenset({"for", "to", "targeting", "of"})
OBJECT_CLAUSE_ENDS = frozenset({",", ";", ":", "and", "but"})


def _treatment_object(ent: SpacySpan, treatments: Iterable[int]) -> bool:
    """A brain treatment done, told just before ``ent`` in its sentence, is given for it:
    within six words, joined by ``TREATMENT_OBJECT_WORDS`` and no clause mark between."""
    doc = ent.doc
    lo = max(ent.start - 6, sentence_bounds(doc, ent.start)[0])
    for j in treatments:
        if not lo <= j < ent.start:
            continue
        between = {t.lower_ for t in doc[j + 1 : ent.start]}
        if between & TREATMENT_OBJECT_WORDS and not between & OBJECT_CLAUSE_ENDS:
            return True
    return False


def _told_active_starts(doc: Doc) -> list[int]:
    """Starts of the brain mentions that carry an activity word ("new brain mets",
    "another tumor"), once per text."""
    found = doc.user_data.get("mbc_told_active_brain")
    if found is None:
        found = [
            e.start
            for e in doc.ents
            if "brain_metastases=true" in e.ent_id_
            and ACTIVE_WORDS & ({t.lower_ for t in e} | _premodifier_words(e))
        ]
        doc.user_data["mbc_told_active_brain"] = found
    return list(found)


# a relative possessed by another person, or by the patient named in the third person
OTHERS_POSSESSIVES = POSSESSIVES_OF_OTHERS | {"your", "'s", "’s", "whose"}


def _the_patient(doc: Doc, cue: Modifier, relative: int, ent: SpacySpan) -> bool:
    """The family cue names the relative a carer's message is about: at the word found for
    her, or, for a finding, the same word again not possessed by another (stop 53: "My mum
    has MBC in her bones. My mum tested positive for BRCA2 last year" - the second "mum" is
    her too). Not yet for a drug: her early-disease course told again so ("my mother went
    through rounds of chemotherapy … 'cured'", r52-0006) is not read as early treatment by
    the line inference, which then counts no lines."""
    if cue.start == relative:
        return True
    if ent.label_ == "DRUG":
        return False
    lowers = doc_lowers(doc)
    return lowers[cue.start] == lowers[relative] and (
        cue.start == 0 or lowers[cue.start - 1] not in OTHERS_POSSESSIVES
    )


# -- the extraction ----------------------------------------------------------------------
# stop 56 (r109-0002, and found beside it): a hormone named as a lab value or as a PET
# tracer is no treatment ("FSH 80 IU/L, estradiol 30 pmol/L"; "16 alpha-[F-18]fluoro-17
# beta-estradiol ([F-18]-FES) PET"). A dose ("letrozole 2.5 mg") is no lab unit.
LAB_UNITS = re.compile(r"(?:[pnf]?mol/l|[pn]g/(?:m|d)?l|[im]?u/l|iu/ml)\b", re.I)
MEASURE_WORDS = frozenset({"level", "levels", "concentration", "concentrations", "assay"})
LAB_SIGNS = frozenset({"<", ">", "≤", "≥", "=", ":", "of", "was", "is", "at"})
TRACER_BEFORE = re.compile(r"18f|f-18|^fluoro-?$", re.I)  # not "5-fluorouracil"


def _measured_or_traced(ent: SpacySpan) -> bool:
    """The drug word is a measured hormone or an imaging tracer (LAB_UNITS above): a lab
    word or a number with a lab unit after it, a fluorine label before it, or "PET" right
    after it (or after its bracketed abbreviation)."""
    doc = ent.doc
    words = doc_lowers(doc)
    after = words[ent.end : ent.end + 8]
    if after and after[0] in MEASURE_WORDS:
        return True
    k = 0
    while k < len(after) and after[k] in LAB_SIGNS:
        k += 1
    measured = k + 1 < len(after) and after[k].replace(".", "", 1).isdigit()
    if measured and LAB_UNITS.match("".join(after[k + 1 : k + 4])):
        return True
    if any(TRACER_BEFORE.search(w) for w in words[max(0, ent.start - 3) : ent.start]):
        return True
    if after[:1] == ["pet"]:
        return doc[ent.end].text == "PET"
    if after[:1] == ["("] and ")" in after[:5]:
        close = ent.end + after.index(")")
        return close + 1 < len(doc) and doc[close + 1].text == "PET"
    return False


# stop 68 (held-out probe R, "Lupus nephritis at 24: six pulses of IV cyclophosphamide, then
# mycophenolate for years"): a drug told given for a condition that is no cancer
# ("methotrexate for rheumatoid arthritis", "letrozole for ovulation induction", "lupus treated
# with cyclophosphamide") is no treatment of her cancer: no prior therapy, no line. The
# conditions that cancer drugs are given for; the abbreviations are read only after "for".
OTHER_CONDITIONS = frozenset(
    {"lupus", "nephritis", "rheumatoid", "arthritis", "psoriasis", "psoriatic", "vasculitis"}
    | {"granulomatosis", "scleroderma", "sclerosis", "crohn", "crohn's", "colitis"}
    | {"sarcoidosis", "myasthenia", "dermatomyositis", "polymyositis", "ovulation"}
    | {"infertility", "fertility", "ectopic", "gynaecomastia", "gynecomastia", "endometriosis"}
    | {"fibroids", "hirsutism", "transplant", "uveitis", "behcet", "behçet", "hashimoto"}
    | {"hashimoto's", "hypothyroidism", "thyroiditis", "menorrhagia", "contraception"}
)
CONDITIONS_AFTER_FOR = OTHER_CONDITIONS | {"ra", "sle", "ms", "ivf", "ibd", "gpa"}
CONDITION_TIES = frozenset({":", "with", "using"})
CONDITION_BREAKS = frozenset({";", "but", "however", "now", "currently", "then", "while"}) | {
    "whereas",
    "although",
    "though",
    "which",
}
CONDITION_REACH = 8  # tokens from the drug to "for", and from the condition to the drug
_CANCER_WORD = re.compile(r"cancer|carcinoma|metasta|tumou?r|malignan|mbc|neoplas|oncolog|breast")


KEEP_VERBS = frozenset({"keep", "keeps", "keeping", "kept", "hold", "holds", "holding"})
KEEP_REACH = 4  # words from the verb to what it keeps away


def _kept_away(ent: SpacySpan) -> bool:
    """Stop 68 (held-out probe X): a finding told as what something keeps away ("brain
    games 'to keep the brain mets away'"): foreseen, not found. Not "at bay", which is said of
    a disease she has ("letrozole keeps the bone mets at bay")."""
    words = doc_lowers(ent.doc)
    if ent.end >= len(words) or words[ent.end] != "away":
        return False
    if ent.end + 1 < len(words) and words[ent.end + 1] == "from":
        return False  # "to keep the brain mets away from progressing": she has them
    return bool(KEEP_VERBS.intersection(words[max(0, ent.start - KEEP_REACH) : ent.start]))


TIME_PREPOSITIONS = frozenset({"after", "since", "following", "post"})
TIME_OBJECT_FILLERS = frozenset({"the", "her", "his", "my", "their", "a", "an", "starting"})


def _time_of_another_event(ent: SpacySpan, modifiers: Iterable[Modifier]) -> bool:
    """Stop 68 (found beside held-out probe X): the drug is the time of what a negation
    before it denies ("Her periods never came back after chemo", "no progression since
    letrozole"): the denial is the event's, not the drug's."""
    words = doc_lowers(ent.doc)
    k = ent.start - 1
    while k >= 0 and words[k] in TIME_OBJECT_FILLERS:
        k -= 1
    if k < 0 or words[k] not in TIME_PREPOSITIONS:
        return False
    denials = [m for m in modifiers if m.category == "NEGATED_EXISTENCE"]
    # (a word of its own between the denial and the preposition: not "not after letrozole")
    return bool(denials) and all(m.end < k for m in denials)


def _given_for_another_condition(ent: SpacySpan) -> bool:
    """The drug at ``ent`` is told given for a condition that is no cancer (above): "for"
    and the condition within a few words after it, or the condition a few words before it,
    tied to it by a colon or "with" and no cancer told between."""
    doc = ent.doc
    words = doc_lowers(doc)
    lo, hi = sentence_bounds(doc, ent.start)
    for k in range(ent.end, min(hi, ent.end + CONDITION_REACH)):
        word = words[k]
        # (the cold review of stop 68: the "for" of a drug or item listed after it is that
        # one's, "fulvestrant 500 mg, capivasertib, methotrexate for RA", "ribociclib 600 mg
        # daily, levothyroxine 50 mcg for Hashimoto's"; the first "for" is its own)
        if (
            word in CONDITION_BREAKS
            or word == ","
            or _CANCER_WORD.search(word)
            or doc[k].ent_type_ == "DRUG"
        ):
            break
        if word == "for":
            if CONDITIONS_AFTER_FOR.intersection(words[k + 1 : min(hi, k + 4)]):
                return True
            break
    before = words[max(lo, ent.start - 3 * CONDITION_REACH) : ent.start]
    for p, word in enumerate(before):
        if word in OTHER_CONDITIONS and CONDITION_TIES.intersection(before[p + 1 : p + 6]):
            between = before[p:]
            return not CONDITION_BREAKS.intersection(between) and not any(
                _CANCER_WORD.search(w) for w in between
            )
    return False


def extract_doc(doc: Doc, text: str | None = None) -> Extraction:
    """Build the ``Extraction`` of a Doc processed by the mbc_ner pipeline."""
    text = doc.text if text is None else text
    lexicon = _lexicon()
    state = _State()
    infos: list[MentionInfo] = []
    lines: list[LineMention] = []

    extra_mods, inherited = _coordination(doc)
    normal_listed = _normal_organ_list(doc)
    listed = site_lists(doc)
    statements = set(doc_extension(doc, "receptor_statements"))
    described_brain: list[int] = []  # brain observations that come with a description
    normal_before: list[int] = []  # a normal heart told as her earlier state
    # A history names a few lines; a run of hundreds of ordinals ("1L A 1L A …") is read at
    # its two ends only, so the cost stays bounded by length, not by content.
    line_ents = [n for n, e in enumerate(doc_ents(doc)) if e.label_ in ("LINE_ORD", "LINE_NOMINAL")]
    unread_lines = set(line_ents[MAX_LINE_MENTIONS // 2 : -MAX_LINE_MENTIONS // 2])
    # The same for drugs (stop 32): the real texts name at most 15; a flood of distinct
    # regimens ("AC EC TC FEC CMF TAC THP …", no phrase repeated within six mentions for the
    # ruler to collapse) made the history read ~1,000 regimens (0.1 s). Read at its two ends.
    drug_ents = [n for n, e in enumerate(doc_ents(doc)) if e.label_ == "DRUG"]
    unread_drugs = set(drug_ents[MAX_DRUG_MENTIONS // 2 : -MAX_DRUG_MENTIONS // 2])
    # the words right after an age told at an earlier event describe her then ("as a
    # 43-year-old premenopausal woman. Nine years after surgery …"): no menopause of today
    then = {
        i
        for e in doc_ents(doc)
        if e.label_ == "AGE" and _event_age(e)
        for i in range(e.end, e.end + 2)
    }
    relative = patient_relative(doc)  # "Its about my mother in law 59yrs, diagnosed …"
    group_states: set[int] = set()  # where a status names a group ("premenopausal women")
    ents = doc_ents(doc)
    # once: a site tied to another cancer, in a text that tells a breast cancer as well (a text
    # about another cancer alone is declined by the scope judge; its sites stay its own)
    other_cancer_told = OTHER_CANCER.found(text) and BREAST_PRIMARY.search(text) is not None
    authorisation_told = AUTHORISATION_TOLD.search(text) is not None  # _authorisation_asked
    denied_sites: list[tuple[str, int]] = []  # (organ, where) its metastases denied outright
    only_sites: list[tuple[str, int]] = []  # (organ, where) told as her only site, of now
    for n, (ent, ctx) in enumerate(zip(ents, doc_extension(doc, "context"), strict=True)):
        modifiers = ctx.modifiers + extra_mods.get(n, ())
        if any(m.rule.literal in FIELD_END_RULES for m in modifiers):
            # a field's end is the last finding's before it ("63F ER+ HER2- bone mets, ESR1
            # mutation (ctDNA) - status: pending" leaves ER, HER2 and the bone told: found
            # testing the chat)
            modifiers = tuple(
                m
                for m in modifiers
                if m.rule.literal not in FIELD_END_RULES
                or not (n + 1 < len(ents) and ents[n + 1].start < m.start)
            )
        if relative is not None:
            modifiers = tuple(
                m
                for m in modifiers
                if not (m.category == "FAMILY" and _the_patient(doc, m, relative, ent))
            )
        if any(m.rule.literal == NORMAL_BEFORE for m in modifiers) and _metastasis_in_it(ent):
            # "normal liver contour with multiple hypodense metastases": the organ holds them
            modifiers = tuple(m for m in modifiers if m.rule.literal != NORMAL_BEFORE)
        elif n in normal_listed:
            modifiers = (*modifiers, normal_listed[n])  # "unremarkable liver, spleen and kidneys"
        if any(m.rule.literal in BENIGN_RULES for m in modifiers) and _reclassified_after(ent):
            # "c.68_69delAG (likely benign, per 2010 report; reclassified pathogenic 2020)"
            modifiers = tuple(m for m in modifiers if m.rule.literal not in BENIGN_RULES)
        if any(m.category == "FAMILY" for m in modifiers):
            modifiers = tuple(
                m
                for m in modifiers
                if not (m.category == "FAMILY" and _relative_object_left(doc, m.start, m.end, ent))
            )
        if ent.label_ == "AGE" and ent[0].lower_ in ("i", "she", "he"):
            # stop 31 (r31): "I was 37 and my son Barnaby was only four months old": the
            # subject's own age; her child named after it is someone else, not whose age
            # this is (a parent or sibling after it may be the patient a carer tells of)
            modifiers = tuple(
                m
                for m in modifiers
                if not (
                    m.category == "FAMILY"
                    and m.start >= ent.end
                    and CHILDREN & {t.lower_ for t in doc[m.start : m.end]}
                )
            )
        if any(m.category == "FAMILY" for m in modifiers) and _carried_by_her(ent):
            # stop 47 (r66-0011): "she carries a BRCA2 mutation which runs in her family":
            # the family named after her own finding is where it runs, not whose it is
            modifiers = tuple(
                m
                for m in modifiers
                if not (
                    m.category == "FAMILY" and m.start >= ent.end and doc[m.start].lower_ == "in"
                )
            )
        if any(m.rule.literal in PLURAL_SUBJECT_RULES for m in modifiers):
            # "Women with ER+ HER2- MBC and bone mets like me, what did you take …": the
            # group the writer counts herself in (or the patient: "patients like her"); and
            # what she is told of after the group ("Women on ribociclib need ECGs, so I had
            # one before starting ribociclib": the review of stop 70)
            # (a drug only when told given to her: "Patients with PIK3CA mutations, which
            # she has, benefit from alpelisib" names the group's drug)
            drug = ent.label_ == "DRUG"
            mine = not drug and _one_of_them(doc, ent)
            modifiers = tuple(
                m
                for m in modifiers
                if m.rule.literal not in PLURAL_SUBJECT_RULES
                or not (mine or _her_own_after(doc, m.end, ent.start, given=drug))
            )
        cats = {m.category for m in modifiers}
        if n in listed.confirmed:  # suspected first, confirmed later (chatbot.nlp.sites)
            cats.discard("POSSIBLE_EXISTENCE")
        if "FAMILY" in cats or "POPULATION" in cats or relatives_finding(doc, ent.start):
            continue  # a relative's finding; the population a drug is approved for
        if ent.start in _compared_kinds(doc):
            continue  # "fewer options compared to hormone-positive, HER-2 positive cancer"
        if _luminal_histology(ent):
            continue  # "luminal epithelial cells", "abortive luminal pattern": no subtype
        if _quoted_then_corrected(doc, ent):
            continue  # "coded with the term 'postmenopausal haemorrhage'. Site: incorrect - …"
        if _animals_finding(ent):
            continue  # "our spaniel … the vet says has spread to her lungs"
        if _protocol_branch(ent):
            continue  # a pasted pathway's branches: "AKT1 / PTEN altered -> capivasertib"
        if "MENTION" in cats and _closing_quote_after(doc, ent):
            continue  # the word quoted and talked about ("the 'premenopausal' in the letter")
        if "OTHER_PRIMARY" in cats and not ent.ent_id_.startswith("germline_brca"):
            continue  # a marker of another primary cancer ("endometrial cancer (PD-L1 positive)")
        if relative is not None and ent.label_ == "AGE" and _writer_age(ent):
            continue  # "My mom has MBC in her liver. I am 25": the carer's own age
        if ent.label_ == "AGE" and _years_after_a_word(ent):
            continue  # "Smoker 30 y, 20/day", "DFI 22 y,", "menopause 51 y,": a duration
        if relative is None and "menopausal_status=" in ent.ent_id_ and _kins_own_state(ent):
            # stop 52 (held-out probe H): "My mum went through the menopause at 45 so my
            # oncologist asked about mine": the writer's mother's, the writer the patient
            continue
        if "menopausal_status=" in ent.ent_id_ and _menses_in_another_sense(ent):
            continue  # "regular periods of review", "still cycling 30 miles"
        if "menopausal_status=" in ent.ent_id_ and _reference_range(ent):
            continue  # a lab's printed range: "FSH 5.8 [… postmenopausal 25.8-134.8]"
        if relative is not None and _in_signature(ent):
            continue  # a carer's signature: "--\nme: 41 | premenopausal | BRCA2+ previvor"
        if relative is not None and "menopausal_status=" in ent.ent_id_ and _writer_state(ent):
            # stop 51 (held-out probe F): "my mum is 68 and has had secondary breast cancer
            # since 2023. I'm 36 and still premenopausal": the carer's own status
            continue
        span = _span(ent, text)
        if "menopausal_status=" in ent.ent_id_ and _state_of_a_group(ent):
            group_states.add(span.start)  # yields to hers (_population_states)
        negations = len({(m.start, m.end) for m in modifiers if m.category == "NEGATED_EXISTENCE"})
        if ent.label_ in MEASUREMENTS:
            negations = 0  # "no visceral crisis (ECOG 1)": a score is read, never negated
            cats.discard("NOT_KNOWN")  # "a 60-year-old with an unknown family history"
            if all(m.start >= ent.end for m in modifiers if m.category == "POSSIBLE_EXISTENCE"):
                # a doubt told after the number is the finding's ("a 79-year-old presented
                # with suspected DVT"), never the age's
                cats.discard("POSSIBLE_EXISTENCE")
        elif (ent.start, ent.end) in statements:
            # A receptor statement carries its own sign ("HER2-neg", "ER 95%"); only a
            # negation right before it reverses it ("not HER2-positive"), never a cue
            # further back ("negative for ER, PR and HER2, PD-L1 negative").
            negations = len(
                {
                    (m.start, m.end)
                    for m in modifiers
                    if m.category == "NEGATED_EXISTENCE"
                    and (
                        ent.start - 1 <= m.end <= ent.start
                        # "not enough to classify it as HER2-positive", "not considered
                        # HER2-positive": only the words of a classification between
                        or CLASSIFIED_AS.fullmatch(doc[m.end : ent.start].text) is not None
                        # stop 50 (found by probing): or its exclusion told right after it
                        # ("HER2-positive was ruled out by FISH" had read HER2-positive)
                        or (
                            ent.end <= m.start <= ent.end + 1
                            and RULED_OUT & set(doc_lowers(doc)[m.start : m.end])
                        )
                        # stop 60: or the quotation it stands in denied ("the letter said
                        # 'HER2 positive' - it isn't"; the cue reaches into the quote only)
                        or m.rule.literal in QUOTE_DENIED
                    )
                }
            )
        if ent.label_ == "DRUG" and negations == 1 and _time_of_another_event(ent, modifiers):
            negations = 0  # "Her periods never came back after chemo": the periods denied
        if n in listed.negated:  # "no liver, spleen or brain lesions" (chatbot.nlp.sites)
            negations = max(negations, 1)
        if ent.label_ == "GENE" and not negations and _denied_through_finding(doc, ent):
            negations = 1  # "we did not have a mutation in one of the BRCA genes"
        uncertain = (
            bool(cats & UNCERTAIN_CUES) or negations >= 2 or _bare_query(ent) or _kept_away(ent)
        )
        uncertain = uncertain or (_doubted_inside(ent) and n not in listed.confirmed)
        uncertain = uncertain or n in listed.doubted
        if uncertain and ent.label_ == "DRUG" and negations < 2 and _premise(ent, modifiers):
            uncertain = False  # "would most likely have T-DXd, where do we go next?"
        negated = negations == 1
        correction = "CORRECTION" in cats or ent.label_ == "AGE_CORRECTION"
        if "TESTED" in cats and negations and _result_after(ent, modifiers):
            cats = cats - {"TESTED"}  # "testing for BRCA1, BRCA2 and ATM was negative"
        elif "TESTED" in cats and negations:  # "none of PIK3CA … has been tested"
            cats = cats | {"NOT_KNOWN"}
            negated = False
        if ent.label_ == "DRUG":
            uncertain = uncertain or (authorisation_told and _authorisation_asked(ent))
            if (
                n not in unread_drugs
                and not _measured_or_traced(ent)
                and not _given_for_another_condition(ent)
            ):
                infos.extend(_drug_mentions(ent, ctx, span, lexicon, negated, uncertain))
            continue
        if ent.label_ in SITE_WORD_LABELS and n not in listed.organs:
            continue  # an organ word alone names no site
        if n in listed.regional or n in listed.unresolved:
            continue  # regional nodes told with the primary tumour: its stage, no site;
            # an abbreviation the text does not settle ("BM": brain metastases or marrow)
        if ent.label_ in ("LINE_ORD", "LINE_NOMINAL"):
            line = None if n in unread_lines else line_mention(ent, ctx, span)
            if line is not None:
                lines.append(line)
            continue
        if ent.label_ in BARE_MENTIONS:
            # A name without a value ("ESR1", "PTEN", "ER"): unknown / doubted / negated /
            # given the value of the list it stands in ("PIK3CA and AKT1 wild-type").
            key = ent.ent_id_
            fact = _public(key)
            if "NOT_KNOWN" in cats:
                state.unknown.add(fact)
                continue
            if uncertain:
                state.uncertain.setdefault(fact, span)
                continue
            if (
                ent.start_char
                and doc_text(doc)[ent.start_char - 1] == "#"
                and _result_in_item(ent, notation=False) is None
            ):
                continue  # stop 62 (held-out probe S): a hashtag ("#BRCA1 #previvor"), a tag
                # (not one told with its variant: "#PIK3CA H1047R")
            if n in inherited and "TESTED" in cats and _list_looked_for(doc, n):
                continue  # "tested for the BRCA1 and BRCA2 mutations": no finding in the list
            if n in inherited:
                assignments = [(key, inherited[n])]
            elif ent.label_ == "GENE" and "TESTED" in cats:
                result = _result_in_item(ent) or _result_told_next(ent)
                if result is None:
                    continue  # "she was tested for BRCA1/2": what a test looks at, no finding
                assignments = [(key, result == "positive")]
            elif ent.label_ == "GENE" and _drug_target(ent):
                continue  # "an AKT inhibitor", "the PI3K pathway": a drug's target, no finding
            elif ent.label_ == "GENE" and _talked_about(ent):
                continue  # "does the BRCA thing change my options?": a topic, no finding
            elif ent.label_ == "GENE" and not negated and (bracket := _test_bracket(ent)):
                # "Germline panel (BRCA1, BRCA2, PALB2) - pending": the genes a test covers,
                # their result told after the bracket (stop 72, the review)
                result = _bracket_result(ent.doc, bracket[1])
                if result is None:
                    continue
                if result == "positive" and _bracket_names_others(ent, bracket):
                    # "(BRCA1, BRCA2, PALB2) - pathogenic variant detected": in which gene is
                    # not told, so it is asked, never guessed
                    state.uncertain.setdefault(fact, span)
                    continue
                assignments, negated = [(key, result == "positive")], False
            elif ent.label_ == "GENE" and (test_noun := _gene_test_noun(ent)) is not None:
                # "BRCA1 and BRCA2 sequencing normal": the test named, its result after it
                result = _gene_test_result(ent.doc, test_noun)
                if result is None:
                    continue  # "BRCA1 sequencing ordered": no result, no finding
                assignments, negated = [(key, result == "positive")], False
            elif ent.label_ == "GENE" and not negated and _verdict_unread(ent):
                continue  # "PIK3CA 돌연변이 검출되지 않음": its verdict in a script not read
            elif ent.label_ == "GENE":
                assignments = [(key, True)]  # "ctDNA PIK3CA H1047R", "BRCA2" -> present
            elif negated and ent.label_ == "RECEPTOR_NAME":
                assignments, negated = [(key, "negative")], False
            elif negated and ent.label_ in ("GENE_NAME", "CONDITION_NAME"):
                assignments, negated = [(key, False)], False
            elif negated and ent.label_ == "TOPIC" and _genes_bracketed_after(ent, fact):
                continue  # "Germline panel (ATM, CHEK2, PALB2) - no pathogenic variants"
            elif negated and ent.label_ == "TOPIC" and _genes_named_after(ent, fact):
                continue  # "Germline panel: no mutation in BRCA1, BRCA2 c.5946delT": the genes
            elif negated and ent.label_ == "TOPIC":
                after = any(
                    m.category == "NEGATED_EXISTENCE"
                    and (m.start >= ent.end or m.rule.literal in RESULT_CUES)
                    for m in modifiers
                )
                spec = FACTS.get(fact)
                if after and spec is not None and spec.type == "bool":
                    assignments, negated = [(key, False)], False  # "brain MRI: no lesions"
                elif after and spec is not None and "negative" in (spec.values or ()):
                    assignments, negated = (
                        [(key, "negative")],
                        False,
                    )  # "PD-L1 testing was negative"
                else:
                    state.unknown.add(fact)  # "no germline BRCA testing", "no brain imaging"
                    continue
            elif ent.label_ == "TOPIC" and key == "brain_metastases" and brain_scan_settled(ent):
                # "my first brain MRI (pre-radiation) … all the cancer shrunk": treated brain
                # metastases, settled (chatbot.nlp.sites.brain_scan_settled)
                assignments = [("metastatic_sites", "brain"), (key, False)]
            else:
                continue
        elif ent.label_ == "FACT" and ent[-1].text == "-" and _drug_target(ent):
            continue  # "PIK3CA-targeted therapy": the hyphen joins a compound, it is no sign
        elif ent.label_ == "FACT" and _carried_before_dash(ent):
            assignments = [(k, True) for k, v in _decode(ent) if v is False and k in BIOMARKER_KEYS]
        elif ent.label_ == "FACT" and _parenthetical_dash(ent):
            continue  # "experience of BRCA — the genetic condition …": a dash, no sign
        elif (
            ent.label_ == "FACT"
            and _dash_before_result(ent)
            and (item_result := _result_in_item(ent)) is not None
        ):
            # stop 62 (the review of probe set S's mends): a spaced dash opening the gene's
            # result ("BRCA1 - pathogenic variant detected; BRCA2 - no variant detected"); with
            # no result after it the dash is its sign ("gBRCA - per panel")
            assignments = [
                (k, item_result == "positive") for k, _ in _decode(ent) if k in BIOMARKER_KEYS
            ]
        elif ent.label_ == "FACT" and (skip := _test_named(ent, negations, modifiers)) is not None:
            # "PIK3CA mutation testing was ordered", "tested for the BRCA1 and BRCA2 mutations":
            # the test told, no finding; its result told after it decides ("BRCA mutation
            # testing was negative": not mutated)
            result = _looked_for_result(ent) if skip == 0 else _test_result(ent)
            if result is None:
                continue
            assignments = _decode(ent)
            if result == "negative":
                assignments = [(k, v2) for k, v in assignments if (v2 := _negate(k, v)) is not None]
            negated = False
        else:
            assignments = _decode(ent)
            if n in listed.brain:  # "brain and liver mets" (chatbot.nlp.sites)
                assignments = [*assignments, ("brain_metastases", True)]
            elif ent.ent_id_ == "metastatic_sites=brain" and any(
                m.rule.literal == SYMPTOM_CAUSED
                and m.start >= ent.end
                and not CAUSING_TREATMENTS.intersection(doc_lowers(doc)[ent.end : m.start])
                for m in modifiers
            ):
                # stop 56 (rounds 108, 111): the brain spread told with what it causes ("…
                # onto her brain, causing her partial blindness"): symptomatic, so active; not
                # a treatment's effect told between ("treated with WBRT, causing memory loss")
                assignments = [*assignments, ("brain_metastases", True)]
        for key, value in assignments:
            fact = _public(key)
            if fact == "germline_brca" and "SOMATIC" in cats and not _named_germline(ent):
                continue  # "BRCA1 mutated on somatic testing": nothing about germline
            if fact == "menopausal_status" and value == "pre" and _past_pregnancy(ent):
                continue  # "found in her third trimester in 2004. Now 61, …": her state then
            if fact == "menopausal_status" and (
                ent.start in then or (value == "pre" and _dated_earlier(doc, ent))
            ):
                continue  # (a dated "post" still holds: the menopause is one way)
            if (
                "PAST" in cats
                and fact not in TIMED_FACTS
                and fact != "metastatic_sites"
                and not (fact == "menopausal_status" and value == "post")
            ):
                continue  # "premenopausal at diagnosis": the state then, not now (a site
                # named then is still one: "initially to the bone, then to the brain"; a
                # past "post" still holds, the menopause is one way: "In 2019 she was
                # postmenopausal", the review of stop 69)
            if "NOT_KNOWN" in cats:
                state.unknown.add(fact)
                continue
            if value is None:  # "?fact": the phrase itself makes the fact a question
                if not negated:
                    state.uncertain.setdefault(fact, span)
                continue
            if uncertain:
                if FACTS.get(fact) is None or FACTS[fact].type != "list":
                    state.uncertain.setdefault(fact, span)
                continue
            if negated and (value is False or value == "negative"):
                # A negation cue over a finding already written negative ("negative for
                # ESR1 -", "no gBRCA-"): never read as a double negative that makes it
                # positive. Asked back instead.
                state.uncertain.setdefault(fact, span)
                continue
            if negated and _denies_another_finding(ent, modifiers):
                # "Bone mets - no fracture", "Brain mets: no oedema": the field's "no" denies
                # the finding told after it, not the one before (stop 72)
                negated = False
            if negated and key == "menopausal_status" and _aside_of_a_denial(ent, modifiers):
                # "not pregnant (premenopausal)", "Not on HRT (postmenopausal)", "Pregnancy test:
                # negative (premenopausal)": the status told in a bracket is the aside of what
                # is denied before it, not denied itself (stop 72, the review)
                negated = False
            if negated:
                if fact == "metastatic_sites" and _denied_outright(ent):
                    denied_sites.append((value, ent.start_char))
                value = _negate(key, value, ent.text.lower())
                if value is None:
                    continue
            if fact == "germline_brca" and value is True and "TUMOUR_TEST" in cats:
                continue  # "Tumour NGS picked up BRCA2 …": no germline result (a negative is one)
            settles = False
            if (
                key == "brain_metastases"
                and value is False
                and {("metastatic_sites", "brain"), ("metastatic_sites", "meninges")}
                & set(assignments)
                and _reactivated(ent, modifiers)
            ):
                value = True  # "brain mets treated with SRS in 2022, now growing"
                described_brain.append(len(state.observations))
            elif key == "brain_metastases" and value is True and _settled(ent, modifiers):
                # "bone and brain metastases, the brain lesions were treated with SRS and
                # are stable": the description settles the earlier mention, no conflict.
                value, settles = False, True
                described_brain.append(len(state.observations))
            if correction:
                state.corrections.add(fact)
            if fact == "heart_failure" and value is False and cats & EARLIER_STATE:
                normal_before.append(len(state.observations))  # "had normal cardiac function"
            if fact == "metastatic_sites":
                value = listed.parts.get(value, value)  # "intestinal involvement": small bowel
                if other_cancer_told and ent.label_ != "PROCEDURE" and _other_primarys(ent):
                    continue  # "thyroid cancer with lung metastases" (chatbot.nlp.primaries)
                if value != "brain" and _removed_before_relapse(ent, modifiers):
                    continue  # "liver metastasis, resected R0 in 2022 … 2026: new lung nodules"
            if (
                fact == "metastatic_sites"
                and "PAST" not in cats
                and _told_only(ent, span)
                and _only_site_of_now(ent)
            ):
                only_sites.append((value, span.start))  # "… has spread to bone only"
            state.observations.append(Observation(key, value, span, correction or settles))

    if denied_sites or only_sites:
        latest = _latest_denials(state.observations, denied_sites, only_sites)
        state.observations = _denied_later(state.observations, latest, doc)
    for site, start, end in m1_site_codes(text):
        # "T3N3aM1; OSS, HEP, LYM": the TNM stage's distant sites (chatbot.nlp.sites)
        state.observations.append(
            Observation("metastatic_sites", site, Span(start, end, text[start:end]))
        )
    for i in local_treatment_targets(doc)[1]:
        # "radiotherapy to T10 for a metastasis there": the level is a bone (chatbot.nlp.sites)
        state.observations.append(
            Observation("metastatic_sites", "bone", _span(doc[i : i + 1], text))
        )
    other = _other_brain_lesion_active(text, state)
    if other is not None:
        described_brain.append(len(state.observations))
        state.observations.append(Observation("brain_metastases", True, other))
    _brain_story(state, described_brain)
    _heart_story(state, normal_before)
    _population_sex(state, text)  # after the brain story: it indexes the observations
    _population_states(state, group_states, doc_lowers(doc))
    _planned_partners(doc, infos)
    _adjuvant_sequences(doc, infos)
    early_disease_therapy(doc, infos, _site_tokens(doc, state))
    _drop_start_of_metastatic_disease(state, infos)
    stated = [o.value for o in state.observations if o.key == "prior_lines"]
    # the token after the one count of lines stated ("Three prior lines, then …")
    counts = [
        e
        for e in doc_ents(doc)
        if e.label_ == "LINE_COUNT"
        and any(o.key == "prior_lines" and o.span == _span(e, text) for o in state.observations)
    ]
    stated_end = counts[0].end if len(counts) == 1 and len(stated) == 1 else None
    chemo_generics = frozenset(lexicon.class_members.get(CHEMO_CLASS, ())) | lexicon.history_chemo
    site_tokens = _site_tokens(doc, state)
    event = metastatic_event(doc, site_tokens)
    # the metastatic disease told: its discovery, else its first distant site ("2023: bone
    # metastases" in a terse history)
    told_at = event if event is not None else min(site_tokens, default=None)
    state.observations = [
        o
        for o in state.observations
        if not (
            o.key == "metastatic_sites"
            and o.value in NODE_VALUES
            and early_nodes(doc, told_at, o.span.start)
        )
    ]
    history = read_history(
        doc,
        infos,
        lines,
        stated[0] if len(set(stated)) == 1 else None,
        chemo_generics,
        CHEMO_CLASSES,
        progression_cue_seen=any(
            m.category == "PROGRESSION" for m in doc_extension(doc, "context_cues")
        ),
        class_members=lexicon.class_members,
        event=event,
        stated_end=stated_end,
    )
    if history.further_lines:
        # "Three prior lines, then capecitabine, now progressing": the regimen told after
        # the count is one more line (chatbot.nlp.history.further_lines)
        state.observations = [
            replace(o, value=o.value + history.further_lines) if o.key == "prior_lines" else o
            for o in state.observations
        ]
    drugs = history.mentions
    _history_observations(drugs, lexicon, state)
    for info in infos:
        m = info.mention
        if (
            m.drug_class == CHEMO_CLASS
            and m.negated
            and ((info.cue is not None and info.cue.category == "PRIOR") or given_after(doc, info))
        ):
            # "she's not had chemo for her metastatic disease" (not "no contraindication
            # to chemotherapy": a history cue must name it)
            state.observations.append(Observation("prior_chemo_lines", 0, m.span))
    for generic, gspan in history.progressed_on:
        state.observations.append(Observation("progressed_on", generic, gspan))
    # Lines counted from a told metastatic event (chatbot.nlp.metastatic_event, an
    # inference): when it applies it knows the regimens before the event were early-disease
    # treatment, which a sequence count of the history includes.
    at_event = (
        None
        if any(o.key == "prior_lines" for o in state.observations)
        else lines_at_event(doc, text, infos, lines, site_tokens, lexicon.class_members)
    )
    derived_chemo = history.prior_chemo_lines
    if at_event is not None:
        state.observations.append(Observation("prior_lines", at_event[0], at_event[1]))
        # the chemotherapy lines among the lines counted there (0 lines: 0 chemotherapy lines)
        derived_chemo = (chemo_lines(at_event[2], chemo_generics, CHEMO_CLASSES), at_event[1])
    elif history.prior_lines is not None:
        state.observations.append(Observation("prior_lines", *history.prior_lines))
    chemo_ordinal = _chemotherapy_ordinal(doc, lines, state.observations)
    if chemo_ordinal is not None and not any(
        o.key == "prior_chemo_lines" for o in state.observations
    ):
        state.observations.append(chemo_ordinal)
    chemo_derived = derived_chemo is not None and not any(
        o.key == "prior_chemo_lines" for o in state.observations
    )
    if derived_chemo is not None and chemo_derived:
        state.observations.append(Observation("prior_chemo_lines", *derived_chemo))
    if sum(o.key in TIMED_KEYS for o in state.observations) > 1:
        # "ER+ at diagnosis …; the liver biopsy showed ER-negative": the metastatic tumour's
        # receptors are the current ones (chatbot.nlp.receptors)
        sentences = sentence_chars(doc)
        keep = current_receptor_status(state.observations, doc_text(doc), sentences)
        state.observations = [state.observations[i] for i in keep]
    _switched_status(state, doc_text(doc))
    _offered_alternatives(state, doc_text(doc))
    _newest_first(state, doc_text(doc))
    asked = asked_spans(text)
    asked_facts: set[str] = set()
    if asked:  # "Is she BRCA positive?": asked, not stated (chatbot.nlp.questions)
        kept = []
        for o in state.observations:
            if any(lo <= o.span.start and o.span.end <= hi for lo, hi in asked):
                asked_facts.add(_public(o.key))
            else:
                kept.append(o)
        state.observations = kept
    if "age" not in state.uncertain and not any(o.key == "age" for o in state.observations):
        told = _story_age(text) or _death_age(text) or _age_beside(text)
        if told is not None:
            state.observations.append(Observation("age", int(told.text), told))
    facts, spans, contradictions = _combine(state, text)
    if "age" in state.uncertain and "age" in facts:
        # "age 300, 65-year-old": one impossible and one possible age; neither is picked.
        del facts["age"]
        spans.pop("age", None)
    for fact, (value, where) in cjk_facts(text).items():
        # a case told in Japanese or Chinese: the facts its words state (chatbot.nlp.cjk)
        if (
            fact not in facts
            and fact not in state.uncertain
            and fact not in state.unknown
            and not any(c.fact == fact for c in contradictions)
        ):
            facts[fact], spans[fact] = value, (where,)  # type: ignore[assignment]
    inferred: set[str] = set()
    if chemo_derived and "prior_chemo_lines" in facts:
        inferred.add("prior_chemo_lines")  # counted from the listed regimens, not stated
    if at_event is not None and facts.get("prior_lines") == at_event[0]:
        inferred.add("prior_lines")  # counted from the metastatic event told
    said = spans.get("menopausal_status", ())
    if (
        "sex" not in facts
        and "menopausal_status" in facts
        and not any(c.fact == "sex" for c in contradictions)
        and any(FEMALE_NOUN.search(s.text) for s in said)
    ):
        # "a menopausal woman": the woman is inside the menopause phrase (fact_patterns.yaml)
        facts["sex"], spans["sex"] = "female", said
    if (
        relative is not None
        and doc[relative].lower_ in RELATIVE_SEX
        and facts.get("sex") not in (None, RELATIVE_SEX[doc[relative].lower_])
        and all(
            sp.end <= doc[relative].idx and sp.text.lower() in PERSON_NOUNS
            for sp in spans.get("sex", ())
        )
    ):
        # stop 47 (r28-0001): the writer's or another's person noun told before the relative
        # the message is about ("an e-mail from a man named Bill … his young wife, Mary, had
        # metastatic breast cancer") is not the patient's sex
        del facts["sex"]
        spans.pop("sex", None)
    if relative is not None and "sex" not in facts and "sex" not in state.uncertain:
        # "My mother, 62, has MBC": the carer's relative word is the patient's sex
        word = doc[relative]
        if not any(c.fact == "sex" for c in contradictions) and word.lower_ in RELATIVE_SEX:
            facts["sex"] = RELATIVE_SEX[word.lower_]
            spans["sex"] = (_span(doc[relative : relative + 1], text),)
    if relative is None and "sex" not in facts and "sex" not in state.uncertain:
        # "… that I had metastatic breast cancer on my liver. … I'm a single mom of two"
        self_told = writer_self_sex(doc_text(doc))
        if self_told is not None and not any(c.fact == "sex" for c in contradictions):
            sex, start, end = self_told
            noun = doc.char_span(start, end, alignment_mode="expand")
            if noun is not None:
                facts["sex"], spans["sex"] = sex, (_span(noun, text),)
    if (
        "sex" not in facts
        and not any(c.fact == "sex" for c in contradictions)
        and len(doc) >= PRONOUN_CASE_TOKENS
        and (relative is not None or not OWN_ACCOUNT.found(QUOTED.sub(" ", text)))
    ):
        pronoun = _pronoun_sex(doc, text)
        if pronoun is not None:
            # "She received …": read from the pronouns, shown as an inference.
            facts["sex"], spans["sex"] = pronoun
            inferred.add("sex")
    if "sex" not in facts and not any(c.fact == "sex" for c in contradictions):
        lead = LEAD_IN.search(text) or _words_lead_in(text)
        if lead is not None and OWN_ACCOUNT.search(text, lead.end()) is not None:
            told_by = "pronoun" if lead.group("pronoun") is not None else "possessive"
            start, end = lead.span(told_by)
            facts["sex"] = "female" if lead.group(told_by).lower() in ("she", "her") else "male"
            spans["sex"] = (Span(start, end, text[start:end]),)
            inferred.add("sex")
    if (
        "sex" not in facts
        and "menopausal_status" in facts
        and not any(c.fact == "sex" for c in contradictions)
        and len(doc) >= PRONOUN_CASE_TOKENS
    ):
        # "a postmenopausal patient" in a case narrative (not the reply "postmenopausal"):
        # menopause is a woman's; shown as an inference
        facts["sex"], spans["sex"] = "female", spans["menopausal_status"]
        inferred.add("sex")
    if (
        "sex" not in facts
        and not any(c.fact == "sex" for c in contradictions)
        and len(doc) >= PRONOUN_CASE_TOKENS
    ):
        # stop 43 (r58-0031, r58-0017): her menopause told otherwise — induced, or an ovarian
        # suppression told by the ovaries or the menopause ("medications … to induce
        # menopause", "medically induced menopause", "her ovaries removed"): a woman's. Not
        # a drug's name alone (goserelin is given to men too); shown as an inference
        womans = [
            span
            for span in (
                *spans.get("ovarian_ablation", ()),
                state.uncertain.get("menopausal_status"),
            )
            if span is not None and WOMANS_WORD.search(span.text)
        ]
        if womans:
            facts["sex"], spans["sex"] = "female", (womans[0],)
            inferred.add("sex")
    if (
        "her2" not in facts
        and "her2" not in state.uncertain
        and "her2" not in state.unknown
        and not any(c.fact in ("her2", "her2_low") for c in contradictions)
    ):
        targeted = _her2_therapy_told(doc)
        if targeted is not None:
            # "three lines of anti-HER2 therapy", "HER2-directed chemotherapy": given only
            # for HER2-positive disease; shown as an inference
            facts["her2"], spans["her2"] = "positive", (targeted,)
            inferred.add("her2")
    if "heart_failure" in facts and all(
        _LVEF_READING.search(s.text) for s in spans.get("heart_failure", ())
    ):
        # read from an ejection-fraction number against LVEF_REDUCED / LVEF_NORMAL, limits
        # the guideline does not give: shown as an inference the clinician can correct
        inferred.add("heart_failure")
    if (
        "chemo_candidate" not in facts
        and "chemo_candidate" not in state.uncertain
        and "chemo_candidate" not in state.unknown
        and not any(c.fact == "chemo_candidate" for c in contradictions)
    ):
        # a distant site read (not nodes, skin or chest wall, read in early disease too)
        site_spans = set(spans.get("metastatic_sites", ()))
        distant = [
            o.span.start
            for o in state.observations
            if o.key == "metastatic_sites"
            and o.value not in REGIONAL_SITES
            and o.span in site_spans
        ]
        # the chemotherapy drugs named and not negated ("starting Taxol treatments")
        chemo_drugs = sorted(
            (
                i.mention.span
                for i in infos
                if not i.mention.negated
                and (i.mention.generic in chemo_generics or i.mention.drug_class in CHEMO_CLASSES)
            ),
            key=lambda span: span.start,
        )
        given = chemo_given_for_metastatic_disease(
            sentence_chars(doc),
            text,
            min(distant, default=None),
            chemo_drugs,
            carer=relative is not None,
        )
        if given is not None:
            # "she commenced first line palliative chemotherapy": chemotherapy given for
            # the metastatic disease; shown as an inference (chatbot.nlp.candidacy)
            facts["chemo_candidate"], spans["chemo_candidate"] = True, (given,)
            inferred.add("chemo_candidate")
    if (
        "sex" not in facts
        and not any(c.fact == "sex" for c in contradictions)
        and len(doc) >= PRONOUN_CASE_TOKENS
    ):
        anatomy = _anatomy_sex(text)
        if anatomy is not None:
            # "metastatic to the uterine cervix", "an adnexal mass": a woman's organ, shown
            # as an inference
            facts["sex"], spans["sex"] = anatomy
            inferred.add("sex")
    if (
        "menopausal_status" not in facts
        and isinstance(facts.get("age"), int)
        and facts["age"] >= MENOPAUSE_INFERENCE_AGE  # type: ignore[operator]
        and "menopausal_status" not in state.uncertain
        and "menopausal_status" not in state.unknown
        and not any(c.fact == "menopausal_status" for c in contradictions)
        and facts.get("sex") != "male"
        # "He is 70": a man's pronouns, in a message too short to read his sex from them
        and ("sex" in facts or (_pronoun_sex(doc, text) or ("",))[0] != "male")
    ):
        facts["menopausal_status"] = "post"
        spans["menopausal_status"] = spans["age"]
        inferred.add("menopausal_status")
    if facts.get("sex") == "male" and "menopausal_status" in facts:
        # stop 56 (held-out probe M): a man has no menopausal status; a status word in his
        # case names a pathway or a drug's label ("71-year-old gentleman … Following the
        # postmenopausal pathway: letrozole with a GnRH analogue"), never his state
        del facts["menopausal_status"]
        spans.pop("menopausal_status", None)
        inferred.discard("menopausal_status")
    for fact in list(state.uncertain):
        if fact in facts or fact not in FACTS:
            del state.uncertain[fact]
    unknown_drugs = tuple(
        UnknownDrug(doc[s:e].text, _span(doc[s:e], text), sugg)
        for s, e, sugg in doc_extension(doc, "unknown_drugs")
    )
    return Extraction(
        text=text,
        facts=facts,
        spans=spans,
        inferred=frozenset(inferred),
        uncertain=dict(state.uncertain),
        unknown_facts=frozenset(f for f in state.unknown if f in FACTS and f not in facts),
        contradictions=tuple(contradictions),
        corrections=frozenset(f for f in state.corrections if f in facts),
        drugs=tuple(drugs),
        unknown_drugs=unknown_drugs,
        asked=frozenset(f for f in asked_facts if f in FACTS and f not in facts),
        on_now=tuple(d for d in history.on_now if d in _listed(facts.get("prior_therapies"))),
    )


def _listed(value: object) -> list[object]:
    """A list fact's values, or none (the fact absent or not a list)."""
    return value if isinstance(value, list) else []


def _drug_mentions(
    ent: SpacySpan,
    ctx: TargetContext,
    span: Span,
    lexicon: DrugLexicon,
    negated: bool,
    uncertain: bool,
) -> list[MentionInfo]:
    key = ent.ent_id_
    fuzzy = key.startswith("~")
    match = lexicon.exact.get(key.lstrip("~"))
    if match is None:
        return []
    how: MatchHow = "fuzzy" if fuzzy else match.how
    cats = ctx.categories()
    role_cue = _nearest_role(ctx)
    if role_cue is None or role_cue.category == "PRIOR":
        # the pluperfect's own "had" is no earlier history after a progression told
        role_cue = _progression_told_before(ent) or role_cue
    out = []
    items: list[tuple[str | None, str | None]] = [(g, None) for g in match.generics]
    items += [(None, c) for c in match.classes]
    for generic, drug_class in items:
        role: DrugRole
        if uncertain or (
            role_cue is None
            and _in_question(ent)
            and not _history_item(ent)
            and not _premise(ent, ctx.modifiers)
        ):
            # "Can atezolizumab be combined with paclitaxel?": asked about, not received.
            role = "hypothetical"
        elif generic in lexicon.bone_therapy or drug_class == BONE_CLASS:
            role = "bone-therapy"
        elif "HISTORICAL" in cats:
            role = "adjuvant"
        elif role_cue is not None and role_cue.category in ("PROGRESSION", "CURRENT"):
            role = "current"
        else:
            role = "prior"
        progression = (
            role == "current"
            and role_cue is not None
            and role_cue.category == "PROGRESSION"
            and not negated
            # "She will continue letrozole until progression": how long, no progression yet
            and not planned_until(ent.doc, ent.doc[role_cue.start])
        )
        mention = DrugMention(generic, drug_class, span.text, span, how, negated, role)
        out.append(MentionInfo(mention, ent.start, ent.end, progression, role_cue))
    return out


def _history_observations(drugs: list[DrugMention], lexicon: DrugLexicon, state: _State) -> None:
    cdk_members = set(lexicon.class_members.get(CDK46_CLASS, ()))
    for mention in drugs:
        if mention.role == "hypothetical":
            continue
        is_cdk = (
            mention.drug_class == CDK46_CLASS
            or mention.generic in cdk_members
            or lexicon.history_classes.get(mention.generic or "") == CDK46_CLASS
        )
        if is_cdk and not mention.negated:
            state.observations.append(Observation("prior_cdk46", True, mention.span))
        elif is_cdk and mention.negated and mention.drug_class == CDK46_CLASS:
            state.observations.append(Observation("prior_cdk46", False, mention.span))
        if mention.generic in OVARIAN_SUPPRESSION | lexicon.ovarian_suppression:
            state.observations.append(
                Observation("ovarian_ablation", not mention.negated, mention.span)
            )
        if mention.generic and not mention.negated and mention.role in ("prior", "current"):
            state.observations.append(Observation("prior_therapies", mention.generic, mention.span))


# rules/context_rules.yaml: "'…' - it isn't", "… that's not true", "… which is wrong"
QUOTE_DENIED = frozenset(
    {"quote denied", "quote denied not", "quote denied untrue", "quote denied wrong"}
)


# A record the text says is written newest first ("Systemic therapy (most recent first):
# 3. eribulin - started …, cycle 1 day 1 / 2. capecitabine - PD / 1. letrozole + palbociclib
# - PD", stop 60, held-out probe Q). The history reads a list in time order; reversed, its
# count and its failing regimen are asked, never guessed.
NEWEST_FIRST = re.compile(
    # a treatment list's heading ("Systemic therapy (most recent first):", "Systemic therapy
    # for MBC, newest first" before a line break), not "the latest first choice" or a scan
    # list's (the reviews of stop 60)
    r"\b(?:therap(?:y|ies)|treatments?|history|lines?|regimens?)(?:\s+[\w/+-]+){0,3}?\W{1,4}"
    r"(?:(?:most\s+recent|latest|newest)\s+(?:first|on\s+top|at\s+(?:the\s+)?top)"
    r"|newest\s+to\s+oldest|in\s+reverse(?:\s+chronological)?\s+order|reverse[\s-]+chronological)"
    r"[ \t]*\)?[ \t]*(?::|\n|$)",
    re.I,
)
ORDER_FACTS = ("prior_lines", "prior_chemo_lines", "progressed_on")


def _newest_first(state: _State, text: str) -> None:
    told = NEWEST_FIRST.search(text)
    if told is None:
        return
    span = Span(told.start(), told.end(), told.group())
    for o in state.observations:
        if o.key in ORDER_FACTS:
            state.uncertain.setdefault(o.key, span)
    state.observations = [o for o in state.observations if o.key not in ORDER_FACTS]


_BRCA_GENE = re.compile(r"brca\s*-?\s*([12])(?![/\d])", re.I)


# a variant told withdrawn (the second review of stop 62): "… since reclassified as a VUS"
_WITHDRAWN_VARIANT = re.compile(
    r"\b(?:reclassif\w*|vus|benign|uncertain\s+significance|withdrawn|retracted|downgraded)\b", re.I
)


def _positive_withdrawn(text: str, group: Sequence[Observation]) -> bool:
    """A positive gene's variant is told withdrawn after it, before the next BRCA gene or the
    sentence's end ("BRCA2 c.x pathogenic, since reclassified as a VUS"); the review of stop 64:
    not a benign variant of the other gene ("BRCA2 c.5946delT pathogenic; BRCA1 c.4837A>G -
    benign" carries BRCA2)."""
    for obs in group:
        if obs.value is not True:
            continue
        end = obs.span.end
        stop = _SENTENCE_OR_GENE.search(text, end)
        if _WITHDRAWN_VARIANT.search(text, end, len(text) if stop is None else stop.start()):
            return True
    return False


_SENTENCE_OR_GENE = re.compile(r"[.!?](?:\s|$)|brca\s*-?\s*[12]", re.I)


def _other_brca_gene_negative(group: Sequence[Observation]) -> bool:
    """Stop 62 (the review of probe set S's mends): a germline BRCA finding told per gene,
    positive in one gene and negative in the other ("BRCA1 mutation detected, BRCA2
    negative", "BRCA1 mutacja wykryta, BRCA2 nie wykryto"): no contradiction — she carries
    one. Each observation must name one gene (not "BRCA1/2", not "BRCA")."""
    genes: dict[bool, set[str]] = {True: set(), False: set()}
    for obs in group:
        named = {m.group(1) for m in _BRCA_GENE.finditer(obs.span.text)}
        if len(named) != 1 or obs.value not in (True, False):
            return False
        genes[obs.value] |= named
    return bool(genes[True]) and not genes[True] & genes[False]


def _combine(
    state: _State,
    text: str = "",
) -> tuple[dict[str, FactValue], dict[str, tuple[Span, ...]], list[Contradiction]]:
    by_key: dict[str, list[Observation]] = {}
    for obs in state.observations:
        by_key.setdefault(obs.key, []).append(obs)
    contradictions: list[Contradiction] = []
    resolved: dict[str, tuple[Any, list[Span]]] = {}
    corrected_keys: set[str] = set()  # keys whose value a correction cue settled

    for key, group in by_key.items():
        spec = FACTS.get(key)
        if spec is not None and spec.type == "list":
            items: list[str] = []
            for obs in group:
                if obs.value not in items:
                    items.append(obs.value)
            if key == "metastatic_sites":
                items = specific_sites(items)  # "bowel" beside "small bowel"
            resolved[key] = (items, [o.span for o in group])
            continue
        corrected = [o for o in group if o.correction]
        use = group
        if corrected and len({repr(o.value) for o in corrected}) == 1:
            # A correction cue supersedes what came before it, not what follows: in
            # "actually ER negative and ER positive" the message still says both.
            first = min(o.span.start for o in corrected)
            use = corrected + [o for o in group if not o.correction and o.span.start > first]
            if len(use) == len(corrected):
                corrected_keys.add(key)
        values = _distinct(o.value for o in use)
        if (
            key == "germline_brca"
            and len(values) > 1
            and _other_brca_gene_negative(use)
            and not _positive_withdrawn(text, use)
        ):
            values = [True]  # "BRCA1 mutation detected, BRCA2 negative": a BRCA carrier
        if len(values) > 1:
            contradictions.append(
                Contradiction(_public(key), tuple(values), tuple(o.span for o in use))
            )
            resolved[key] = (None, [o.span for o in use])
        else:
            resolved[key] = (values[0], [o.span for o in use])

    facts: dict[str, FactValue] = {}
    spans: dict[str, tuple[Span, ...]] = {}
    conflicted = {c.fact for c in contradictions}

    def put(fact: str, value: Any, used: Iterable[Span]) -> None:
        if value is None or fact in conflicted:
            return
        facts[fact] = value
        spans[fact] = tuple(sorted(set(used), key=lambda s: s.start))

    # hormone receptor: ER and/or PR (and explicit HR statements)
    hr_parts: dict[str, tuple[Any, list[Span]]] = {
        k: resolved[k] for k in ("er", "pr", "hr") if k in resolved
    }
    if "hormone_receptor" in conflicted or any(v[0] is None for v in hr_parts.values()):
        conflicted.add("hormone_receptor")
    elif (clash := _receptor_clash(hr_parts, corrected_keys)) is not None:
        # "triple-negative, ER positive": HR-negative means ER- and PR-, so an ER+ or PR+
        # in the same message contradicts it (and "HR+" contradicts ER- with PR-).
        contradictions.append(clash)
        conflicted.add("hormone_receptor")
    elif hr_parts:
        vals = {v[0] for v in hr_parts.values()}
        value = "positive" if "positive" in vals else "negative"
        if value == "positive" or set(hr_parts) != {"pr"}:
            # a PR-negative told alone is no hormone-receptor status: HR-negative is ER- and
            # PR-, and the ER (the deciding receptor) is untold ("No staining for
            # progesterone receptor" beside an ER staining not read, round 13): asked instead
            put("hormone_receptor", value, [s for v in hr_parts.values() for s in v[1]])

    # HER2: explicit statements, IHC score, ISH result
    her2_votes: list[tuple[str, list[Span]]] = []
    low_votes: list[tuple[bool, list[Span]]] = []
    if "her2" in resolved and resolved["her2"][0] is not None:
        her2_votes.append((resolved["her2"][0], resolved["her2"][1]))
    if "her2_low" in resolved and resolved["her2_low"][0] is not None:
        low_votes.append((resolved["her2_low"][0], resolved["her2_low"][1]))
    ihc = resolved.get("her2_ihc")
    ish = resolved.get("ish")
    if ihc is not None and ihc[0] is not None:
        score, ihc_spans = ihc
        if score == 0:
            her2_votes.append(("negative", ihc_spans))
            low_votes.append((False, ihc_spans))
        elif score == 1:
            her2_votes.append(("negative", ihc_spans))
            low_votes.append((True, ihc_spans))
        elif score == 3:
            her2_votes.append(("positive", ihc_spans))
        elif ish is not None and ish[0] is not None:
            both = ihc_spans + ish[1]
            if ish[0] == "negative":
                her2_votes.append(("negative", both))
                low_votes.append((True, both))
            else:
                her2_votes.append(("positive", both))
        elif not her2_votes:
            state.uncertain.setdefault("her2", ihc_spans[0])  # IHC 2+ without ISH: equivocal
    elif ish is not None and ish[0] is not None:
        her2_votes.append((ish[0], ish[1]))
    if "her2" not in conflicted and her2_votes:
        values = _distinct(v for v, _ in her2_votes)
        if len(values) > 1:
            contradictions.append(
                Contradiction("her2", tuple(values), tuple(s for _, ss in her2_votes for s in ss))
            )
            conflicted.add("her2")
        else:
            put("her2", values[0], [s for _, ss in her2_votes for s in ss])
    if "her2_low" not in conflicted and low_votes:
        values = _distinct(v for v, _ in low_votes)
        if len(values) > 1:
            contradictions.append(
                Contradiction(
                    "her2_low", tuple(values), tuple(s for _, ss in low_votes for s in ss)
                )
            )
        elif not (values[0] and facts.get("her2") == "positive"):
            put("her2_low", values[0], [s for _, ss in low_votes for s in ss])

    for key, (value, used) in resolved.items():
        if key in INTERNAL_FACT or key in ("her2", "her2_low") or key not in FACTS:
            continue
        put(key, value, used)
    for fact in list(state.corrections):
        if fact in conflicted:
            state.corrections.discard(fact)
    return facts, spans, contradictions


def _receptor_clash(
    parts: dict[str, tuple[Any, list[Span]]], corrected: set[str]
) -> Contradiction | None:
    """An explicit hormone-receptor status ("HR-negative", "triple-negative") that the
    ER/PR statements of the same message contradict. ER+ or PR+ makes HR positive, so
    HR- clashes with either; HR+ clashes only when ER and PR are both stated negative.
    A side settled by a correction cue ("triple negative — sorry, ER positive") wins:
    the other side is dropped from ``parts`` and there is no clash."""
    if "hr" not in parts:
        return None
    hr_fixed = "hr" in corrected
    receptor_fixed = any(k in corrected for k in parts if k != "hr")
    if hr_fixed != receptor_fixed:
        for k in [k for k in parts if (k == "hr") == receptor_fixed]:
            del parts[k]
        return None
    hr_value, hr_spans = parts["hr"]
    others = {k: v for k, v in parts.items() if k != "hr"}
    if hr_value == "negative":
        against = [v for v in others.values() if v[0] == "positive"]
    elif len(others) == 2 and all(v[0] == "negative" for v in others.values()):
        against = list(others.values())
    else:
        return None
    if not against:
        return None
    stated = [(s, hr_value) for s in hr_spans] + [(s, v) for v, ss in against for s in ss]
    stated.sort(key=lambda item: item[0].start)
    return Contradiction(
        "hormone_receptor",
        tuple(_distinct(v for _, v in stated)),
        tuple(s for s, _ in stated),
    )


def _distinct(values: Iterable[Any]) -> list[Any]:
    out: list[Any] = []
    for v in values:
        if v not in out:
            out.append(v)
    return out

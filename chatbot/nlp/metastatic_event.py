"""0 lines at the metastatic event: the first-line setting read from a told discovery.

A text that tells the discovery of metastatic disease (de novo stage IV, a recurrence, "was
found to have liver metastases", "developed bone metastases 3 years after adjuvant
letrozole", "CT shows two liver lesions; biopsy confirms breast cancer") and no treatment
given for it after that describes a patient at the first-line choice: ``prior_lines = 0``,
as an INFERENCE (``Extraction.inferred``: the chat shows it as one and the user can correct
it). Never when the text tells a line ordinal, a progression, a regimen given or failing
after the event, or a drug before it that is not told as early-disease treatment; a bare
"ER+ MBC, what next?" tells no event and the count is still asked.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from spacy.tokens import Doc, Token

from chatbot.nlp.context import Modifier, sentence_bounds
from chatbot.nlp.history import LineMention, MentionInfo, progression_in
from chatbot.nlp.types import Span

_EVENT_WORD = re.compile(r"^(?:metasta\w*|mets|recurr\w*|relaps\w*|m1)$")
_TNM_M1 = re.compile(r"^(?:[cpy]?t[0-4x][a-d]?)?(?:n[0-3x][a-c]?)?m1[a-c]?$")
# A recurrence or relapse is an event by itself; "metastases" or "metastatic disease" is
# one when the sentence tells it was found (not "ER+ MBC, what next?", a state).
_EVENT_NOUNS = re.compile(
    r"^(?:recurrences?|relapses?|relapsed|recurred|metastasi[sz]ed|metastati[sz]ed)$"
)
# "ipsilateral relapse", "local recurrence": not metastatic
LOCAL_WORDS = frozenset(
    {"local", "locoregional", "loco-regional", "regional", "ipsilateral", "lateral", "in-breast"}
)
DISCOVERY_WORDS = frozenset(
    {
        "revealed",
        "reveals",
        "showed",
        "shows",
        "shown",
        "demonstrated",
        "demonstrates",
        "confirmed",
        "confirms",
        "detected",
        "developed",
        "develops",
        "found",
        "diagnosed",
        "presented",
        "presents",
        "identified",
        "discovered",
        "disclosed",
        "noted",
        "documented",
        "evidenced",
        "suspicious",
        "consistent",
        "concerning",
        "compatible",
        "yielded",
        "indicated",
        "proven",
        "de",  # "de novo"
        "newly",
    }
)
# Told after the event, these say metastatic disease has been treated or is failing. (Growth
# or deterioration alone is not a line: with no treatment told, it describes the finding.)
TREATED_AFTER = re.compile(
    r"^(?:progress\w*|pd|refractory|resistant"
    r"|fail\w*|pretreated|pre-treated|lines?|regimens?|palliative|maintenance|response"
    r"|responded|remission|stable|stabili[sz]ed|shrank|shrinkage|regression|cycles?)$"
)
# A drug before the event counts as early-disease treatment only with one of these in its
# sentence; otherwise the regimen may have been metastatic and the count is asked.
EARLY_DISEASE = re.compile(
    r"adjuvant|post-?operativ|surgery|surgical|mastectomy|lumpectomy|resection|excision"
    r"|quadrantectomy|early|curative|locali[sz]ed|\bstage\s*(?:i{1,3}|[0-3])[a-c]?\b"
    r"|\bp?t[0-4][a-d]?\s*n[0-3]|\bn[0-3]\s*m0\b|\bm0\b",
    re.I,
)
# Words telling a treatment given (after the event they mean metastatic treatment) and
# words of a sentence that asks or plans rather than tells ("What treatment next?").
TREATMENT_WORDS = frozenset(
    {
        "treated",
        "treatment",
        "treatments",
        "therapy",
        "therapies",
        "chemotherapy",
        "started",
        "initiated",
        "commenced",
        "received",
        "receiving",
        "given",
        "tablets",
        "regimen",
    }
)
PLANNING_WORDS = frozenset(
    {
        "options",
        "option",
        "recommend",
        "recommended",
        "recommends",
        "plan",
        "planned",
        "planning",
        "consider",
        "considering",
        "considered",
        "candidate",
        "discuss",
        "would",
        "should",
        "could",
        "next",
        "best",
        "proposed",
        "referred",
    }
)
# "axillary metastasis at presentation" is regional (stage II-III), not a metastatic event
NODAL_WORDS = frozenset({"axillary", "axilla", "sentinel", "supraclavicular", "infraclavicular"})
DISTANT_WORDS = frozenset(
    {"bone", "bones", "liver", "hepatic", "lung", "lungs", "pulmonary", "brain", "pleural"}
    | {"osseous", "skeletal", "adrenal", "mediastinal", "distant", "visceral"}
)
RISK_WORDS = frozenset({"risk", "prognosis", "chance", "odds", "rate", "rates", "free"})
METASTATIC_CONTEXT = re.compile(r"metasta|\bmbc\b|stage\s*(?:iv|4)\b|advanced|palliative", re.I)


def metastatic_event(doc: Doc, sites: Collection[int] = ()) -> int | None:
    """Token index of the first told discovery of metastatic disease, or None. ``sites``:
    tokens where a metastatic site was read ("CT shows lesions in the liver"), an event
    when its sentence tells it was found. Linear in the text: each sentence's words and
    cues are gathered once (a flood of "metastases" is one long sentence)."""
    if sites and not _breast_origin_told(doc):
        sites = ()
    scoped: dict[int, list[Modifier]] = {}  # sentence start -> its scope-limiting cues
    for cue in doc._.context_cues:
        if cue.category in ("HYPOTHETICAL", "NEGATED_EXISTENCE", "POSSIBLE_EXISTENCE"):
            scoped.setdefault(sentence_bounds(doc, cue.start)[0], []).append(cue)
    words: dict[int, set[str]] = {}
    for token in doc:
        word = token.lower_
        stage_four = word in ("iv", "4") and token.i > 0 and doc[token.i - 1].lower_ == "stage"
        site = token.i in sites
        if not (_EVENT_WORD.match(word) or _TNM_M1.match(word) or stage_four or site):
            continue
        lo, hi = sentence_bounds(doc, token.i)
        cues = scoped.get(lo, [])
        if any(c.start < token.i and token.i - c.end <= 6 for c in cues):
            continue  # "if she relapses", "no evidence of metastatic disease"
        if lo not in words:
            words[lo] = {t.lower_ for t in doc[lo:hi]}
        sentence = words[lo]
        if "?" in sentence:
            continue  # "prognosis for recurrence?", "what if she relapses?"
        if site and (
            any(c.category == "NEGATED_EXISTENCE" for c in cues)
            or not any(LESION_WORDS.match(w) for w in sentence)
        ):
            continue  # "bone scan revealed no bone metastases", "cirrhotic morphology of the liver"
        before = {t.lower_ for t in doc[max(token.i - 3, lo) : token.i]}
        if before & (RISK_WORDS | LOCAL_WORDS):
            continue  # "high risk of recurrence", "local recurrence"
        wider = {t.lower_ for t in doc[max(token.i - 8, lo) : token.i]}
        if before & NODAL_WORDS and not (sentence & {"recurrence", "recurrent", "relapse"}) | (
            wider & DISTANT_WORDS
        ):
            continue  # "axillary metastasis at presentation": regional, stage II-III
        if (not site and (_EVENT_NOUNS.match(word) or _TNM_M1.match(word))) or (
            sentence & DISCOVERY_WORDS
        ):
            return token.i
    return None


LESION_WORDS = re.compile(
    r"^(?:lesions?|mass(?:es)?|nodules?|nodes?|foci|metasta\w*|mets|tumou?rs?|deposits?|lytic"
    r"|sclerotic|uptake|destruction|involvement|spread)$"
)
_METASTATIC_WORD = re.compile(r"metasta|^mets$|recurr|relaps|^spread$|^mbc$", re.I)


def _breast_origin_told(doc: Doc) -> bool:
    """The text calls the disease metastatic/recurrent, or a biopsy ties a lesion to the
    breast ("biopsy of the liver lesion confirms invasive breast cancer"): a site found is
    then a metastatic event, not a lesion of unknown nature."""
    if any(_METASTATIC_WORD.search(t.lower_) for t in doc):
        return True
    for sent in doc.sents:
        words = {t.lower_ for t in sent}
        if "breast" in words and any(w.startswith("biops") for w in words):
            return True
    return False


def zero_lines_at_event(
    doc: Doc,
    text: str,
    infos: Sequence[MentionInfo],
    lines: Sequence[LineMention],
    sites: Collection[int] = (),
) -> Span | None:
    """The sentence telling the metastatic event when the text tells no treatment for
    metastatic disease after it (see above), else None. Never when a line ordinal, a
    progression, a failing or received regimen after the event, or a drug before it that
    is not told as early-disease treatment is in the text."""
    if lines or any(
        c.category == "PROGRESSION" and not _on_early_therapy(c, infos) for c in doc._.context_cues
    ):
        return None
    event = metastatic_event(doc, sites)
    if event is None:
        return None
    lo, hi = sentence_bounds(doc, event)
    told = _told_after(doc, event, hi)
    if progression_in(doc, 0, len(doc), signs=False) or any(
        TREATED_AFTER.match(t.lower_) for t in told
    ):
        return None
    if {t.lower_ for t in told} & TREATMENT_WORDS:
        return None
    for info in infos:
        m = info.mention
        if m.negated or m.role in ("hypothetical", "bone-therapy"):
            continue
        if info.start >= hi and not _asks_or_plans(doc, info.start):
            return None  # any regimen told after the event's sentence
        if m.role == "adjuvant":
            continue
        if info.start >= event:
            return None  # a regimen told after the event in its sentence
        s_lo, s_hi = sentence_bounds(doc, info.start)
        before_event = doc[s_lo : min(s_hi, event)].text
        if METASTATIC_CONTEXT.search(before_event) or not EARLY_DISEASE.search(before_event):
            return None  # not told as early-disease treatment: may have been a line
    sent = doc[lo:hi]
    return Span(sent.start_char, sent.end_char, text[sent.start_char : sent.end_char])


def _on_early_therapy(cue: Modifier, infos: Sequence[MentionInfo]) -> bool:
    """A progression cue on adjuvant therapy ("relapsed on adjuvant tamoxifen"): the
    metastatic event itself, not a metastatic line failing."""
    following = [i for i in infos if cue.end <= i.start <= cue.end + 4]
    return bool(following) and following[0].mention.role == "adjuvant"


def _asks_or_plans(doc: Doc, i: int) -> bool:
    lo, hi = sentence_bounds(doc, i)
    words = {t.lower_ for t in doc[lo:hi]}
    return "?" in words or bool(words & PLANNING_WORDS)


def _told_after(doc: Doc, event: int, event_end: int) -> list[Token]:
    """The tokens that tell what happened after the event: the rest of its sentence
    without a clause saying what came before it ("… two months after completing
    maintenance therapy"), and the later sentences that neither ask nor plan."""
    out: list[Token] = []
    skipping = False
    for t in doc[event:event_end]:
        if t.lower_ in ("after", "following", "since", "while", "despite", "within", "from"):
            skipping = True
        elif t.text in (",", ";"):
            skipping = False
        if not skipping:
            out.append(t)
    i = event_end
    while i < len(doc):
        lo, hi = sentence_bounds(doc, i)
        if not _asks_or_plans(doc, lo):
            out.extend(doc[lo:hi])
        i = hi
    return out

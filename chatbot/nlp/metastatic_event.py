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
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from chatbot.nlp.context import Modifier, elliptical_but, sentence_bounds
from chatbot.nlp.history import (
    BEGIN_WORDS,
    CONTINUED_WORDS,
    DISEASE_FREE,
    ENDED,
    LATER_MARKERS,
    NOT_WORDS,
    ORGAN_FAILURE,
    RESPONSE_WORDS,
    UNTIL_PLANS,
    UNTIL_WORDS,
    LineMention,
    MentionInfo,
    Regimen,
    _metastatic_line_told,
    _said_of_symptom,
    _told_maintenance,
    clause_around,
    failed_to_find,
    into_metastatic,
    progression_in,
    regimens,
    too_far,
    working_failure_cues,
)
from chatbot.nlp.prefilter import gated
from chatbot.nlp.primaries import names_other_primary
from chatbot.nlp.sites import (
    HEADS,
    LIKE_BREAST,
    PLACED_IN,
    PLACED_SUBJECTS,
    PLACED_TIME,
    SPREAD_VERBS,
    cancer_is,
    surgical_nodes_only,
)
from chatbot.nlp.tokenizer import (
    doc_lowers,
    doc_offsets,
    doc_text,
    is_year,
    span_text,
    token_range,
)
from chatbot.nlp.types import Span

_EVENT_WORD = re.compile(
    r"^(?:(?:micro|oligo)?metasta\w*|mets|mbc|recurr\w*|relaps\w*|m1|secondaries)$"
)  # "later proved the micrometastasis to be that of carcinoma breast"
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


def _inflections(stems: dict[str, str]) -> frozenset[str]:
    """Every form of each verb: stem -> its irregular forms (space separated) or ""."""
    out: set[str] = set()
    for stem, irregular in stems.items():
        base = stem[:-1] if stem.endswith("e") and not stem.endswith("ee") else stem
        out |= {stem, stem + "s", base + "ed", base + "ing", *irregular.split()}
        if stem.endswith("y"):
            out |= {stem[:-1] + "ied", stem[:-1] + "ies"}
    return frozenset(out)


# The verbs a report or case report tells a finding with, in every form ("revealed",
# "reveals", "PET/CT notes", "imaging demonstrating", "was visualised"), and the nouns,
# adjectives and causal links of the same telling. Not "see" nor "observe": said of the
# patient too ("seen in clinic 2 weeks ago", "has been observed in the oncology clinic").
DISCOVERY_WORDS = _inflections(
    {
        "reveal": "",
        "show": "shown",
        "demonstrate": "",
        "confirm": "",
        "detect": "",
        "develop": "",
        "find": "found",
        "diagnose": "",
        "present": "",
        "identify": "",
        "discover": "",
        "disclose": "",
        "note": "",
        "notice": "",
        "document": "",
        "evidence": "",
        "indicate": "",
        "prove": "proven",
        "establish": "",
        "unveil": "",
        "uncover": "",
        "point": "",
        "yield": "",
        "suggest": "",
        "visualize": "",
        "visualise": "",
        "depict": "",
        "highlight": "",
        "appear": "",
        "emerge": "",
        "occur": "occurred occurring",
        "arise": "arose arisen",
        "manifest": "",
        "experience": "",
        "suffer": "",
        "complain": "",
        # the patient's or family's own telling: "she learned the cancer was in lymph nodes
        # in her chest", "informing her that the cancer had spread to her liver and bones",
        # "we were told it had spread to the bones" (not "spread" alone: "my cancer has
        # spread to my brain, what are my options" tells a state, maybe after lines)
        "learn": "learnt",
        "inform": "",
        "tell": "told",
        # round 27: the word said to the family ("Then the word metastasis was uttered…..
        # It was now in her brain.")
        "utter": "",
        # the English of Japanese and Chinese reports: "liver metastasis was pointed out by
        # CT", "bone metastasis was recognized on scintigraphy", "PD was judged"
        "recognize": "",
        "recognise": "",
        "judge": "",
        "ascertain": "",
        "verify": "verified verifies",
        # round 20: a finding ascertained, as a patient tells it ("two MRIs and a biopsy later
        # it was determined that I had metastatic breast cancer on my liver")
        "determine": "",
        # a diagnosis argued from the findings: "These results supported brachial plexus
        # metastasis from breast cancer"
        "support": "",
    }
) | frozenset(
    {
        "suspicious",
        "consistent",
        "concerning",
        "compatible",
        "suggestive",
        "de",  # "de novo"
        "newly",
        "presentation",  # "metastases at presentation"
        "synchronous",  # "with synchronous bilateral orbital metastases": de novo
        # a finding told through what it causes ("pain caused by bone metastases"; "due to"
        # and "secondary to" in _caused)
        "caused",
        "causing",
        "attributed",
        "attributable",
        # "led to a startling discovery: the cancer had already spread to her liver"
        "discovery",
        # stop 31 (r31): the news told ("Lucy received the news that she had Stage IV
        # Metastatic Breast Cancer on April Fool's Day of 2008")
        "news",
        # stop 32 (r33): the verdict told ("When the verdict came it was metastatic breast
        # cancer (ER/PR+ Her2-) with multiple bone metastasis and bone marrow invasion")
        "verdict",
    }
)
# Told after the event, these say metastatic disease has been treated or is failing. (Growth
# or deterioration alone is not a line: with no treatment told, it describes the finding.)
TREATED_AFTER = re.compile(
    r"^(?:progress\w*|pd|refractory|resistant"
    r"|fail\w*|pretreated|pre-treated|lines?|regimens?|palliative|maintenance|response"
    r"|responded|remission|stable|stabili[sz]ed|shrank|shrinkage|regression|cycles?"
    # stop 41: "It shows many lesions shrinking … but others starting to grow again"
    r"|shrinking|shrunk|shrunken)$"
)
# A drug before the event counts as early-disease treatment only with one of these in its
# sentence; otherwise the regimen may have been metastatic and the count is asked. Asked
# with ``found`` (its folded twin, chatbot.nlp.prefilter: ~25 % cheaper than re.I here).
EARLY_DISEASE = gated(
    r"adjuvant|post-?operativ|surgery|surgical|mastectomy|lumpectomy|resection|excision"
    r"|quadrantectomy|early|curative|locali[sz]ed|\bstage\s*(?:i{1,3}|[0-3])[a-c]?\b"
    # the operation of the primary in other words: "previously excised breast ductal
    # carcinoma", "operated for breast cancer", any "-ectomy" (a metastasectomy is metastatic
    # context, read first), the axilla cleared ("dissection of axillary lymph nodes")
    r"|\bexcised\b|\boperated\b|\boperation\b|ectom(?:y|ies)\b"
    r"|\baxillary\s+(?:lymph\s+node\s+)?(?:dissection|clearance)|\bdissection\s+of\s+(?:the\s+)?"
    r"(?:left\s+|right\s+)?axill"
    r"|\bp?t[0-4][a-d]?\s*n[0-3]|\bn[0-3]\s*m0\b|\bm0\b"
    r"|\bprimary\s+(?:breast\s+)?(?:cancer|tumou?r|disease)"
    # stop 35 (r39): a non-invasive cancer treated ("DCIS … treated with tamoxifen and
    # radiation", "carcinoma in situ", "this pre-malignant lesion") is early disease
    r"|\bdcis\b|\bin\s+situ\b|\bpre-?malignant\b|\bpre-?cancerous\b"
    # radiotherapy of the operated breast: "a sequential boost for the tumor bed",
    # "whole-breast irradiation", "irradiation of the left breast"
    r"|\btumou?r\s+bed\b|\b(?:whole[\s-]+)?breast\s+(?:irradiation|radiotherapy)\b"
    r"|\birradiation\s+of\s+the\s+(?:left\s+|right\s+)?breast\b"
    # a disease-free interval after it ended: "four years after stopping tamoxifen"
    r"|\b(?:years?|yrs?)\s+(?:after|following|since)\s+(?:stopping|completing|completion"
    r"|finishing|discontinu\w*|cessation|ending|the end of)\b",
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
        # "presents today for discussion regarding selection of chemotherapy"
        "discussion",
        "discussing",
        "selection",
        "selecting",
        "choice",
        "choices",
        "choose",
        "choosing",
        "deciding",
        "eligible",
        "eligibility",
        # an intention told ("the oncologist wishes to begin chemotherapy"), not a treatment
        "wish",
        "wishes",
        "wished",
        "wants",
        "intend",
        "intends",
        "intended",
    }
)
# a metastasis told with its treatment outcome is no discovery
OUTCOME_BEFORE = frozenset(
    {"resolution", "resolved", "disappearance", "regression", "response", "shrinkage"}
    | {"resolving", "regressing", "shrinking", "treated", "irradiated", "resected"}
)
# "axillary metastasis at presentation" is regional (stage II-III), not a metastatic event
NODAL_WORDS = frozenset({"axillary", "axilla", "sentinel", "supraclavicular", "infraclavicular"})
DISTANT_WORDS = frozenset(
    {"bone", "bones", "liver", "hepatic", "lung", "lungs", "pulmonary", "brain", "pleural"}
    | {"osseous", "skeletal", "adrenal", "mediastinal", "distant", "visceral"}
)
RISK_WORDS = frozenset({"risk", "prognosis", "chance", "odds", "rate", "rates", "free"})
# "non-metastatic", "locally advanced" (stage III) are early disease, not metastatic context;
# asked with ``found``, ``first`` and ``spans`` (its folded twin: ~35 % cheaper than re.I)
METASTATIC_CONTEXT = gated(
    r"(?<!non)(?<!non-)metasta|\bmbc\b|stage[\s-]*(?:iv|4|four|Ⅳ)\b|(?<!locally )advanced|palliative"
    r"|\bsecondar(?:ies|y\s+(?:breast|deposits?|tumou?rs?|lesions?|disease|spread))",
    re.I,
    scan=True,
)


# the stage told in any of its spellings: "stage IV", "Stage 4", "stage four", "stage-four",
# "stage-4" (stop 40: the word "four" and the hyphen are how patients and the press write it)
STAGE_FOUR = frozenset({"iv", "4", "four", "Ⅳ".lower(), "iva", "ivb", "ivc", "4a", "4b", "4c"})
STAGE_FOUR_JOINED = frozenset({"stage-iv", "stage-4", "stage-four"})


def stage_four_at(lowers: Sequence[str], i: int) -> bool:
    """Token ``i`` (of the Doc's lower-case words) tells stage IV."""
    word = lowers[i]
    if word in STAGE_FOUR_JOINED:
        return True
    if word not in STAGE_FOUR or i == 0:
        return False
    before = lowers[i - 1]
    return before == "stage" or (before == "-" and i > 1 and lowers[i - 2] == "stage")


def metastatic_event(doc: Doc, sites: Collection[int] = ()) -> int | None:
    """Token index of the first told discovery of metastatic disease, or None. ``sites``:
    tokens where a metastatic site was read ("CT shows lesions in the liver"), an event
    when its sentence tells it was found. Linear in the text: each sentence's words and
    cues are gathered once (a flood of "metastases" is one long sentence)."""
    cache: dict[frozenset[int], int | None] = doc.user_data.setdefault("mbc_event", {})
    key = frozenset(sites)
    if key not in cache:  # asked twice per message (early therapy, lines)
        cache[key] = _first_event(doc, sites)
    return cache[key]


# round 22: the stage told after the finding, in the patient's words ("a CAT scan showed
# tumors in my lungs, liver, and lymph nodes … I am Stage IV", "being told I had incurable
# breast cancer"): the lesions found are the breast cancer's spread. Told before the finding
# ("My wife has stage 4 breast cancer … A brain MRI revealed another tumor") the stage is the
# state the finding came in, and the finding may be a progression: not read so.
def _stage_told_after(doc: Doc, sites: Collection[int]) -> bool:
    lowers = doc_lowers(doc)
    first = min(sites)
    for i in range(first + 1, len(lowers)):
        if lowers[i] == "incurable" or stage_four_at(lowers, i):
            # "officially Stage 4 colon cancer": another cancer's stage tells nothing of this one
            return not names_other_primary(span_text(doc, *sentence_bounds(doc, i)))
    return False


OBJECT_PREPOSITIONS = frozenset({"for", "on", "of", "in"})


def _first_event(doc: Doc, sites: Collection[int]) -> int | None:
    if sites and not _breast_origin_told(doc) and not _stage_told_after(doc, sites):
        # a site told as the breast cancer itself ("breast cancer in my lungs") stays, and one
        # the cancer of a breast-cancer story is placed at ("She had breast cancer in 2015. In
        # 2019 they found cancer in her liver")
        all_words = doc_lowers(doc)
        told_breast = "breast" in all_words
        sites = [
            i
            for i in sites
            if _breast_cancer_at(doc, i, sentence_bounds(doc, i)[0])
            or (
                told_breast
                and _cancer_placed(all_words, i, sentence_bounds(doc, i)[0])
                and not names_other_primary(span_text(doc, *sentence_bounds(doc, i)))
            )
        ]
    scoped: dict[int, list[Modifier]] = {}  # sentence start -> its scope-limiting cues
    for cue in doc._.context_cues:
        if cue.category in ("HYPOTHETICAL", "NEGATED_EXISTENCE", "POSSIBLE_EXISTENCE"):
            scoped.setdefault(sentence_bounds(doc, cue.start)[0], []).append(cue)
    words: dict[int, set[str]] = {}
    per_sentence: dict[int, tuple[bool, bool]] = {}  # other primary named, diagnosis told
    lowers = doc_lowers(doc)
    generic_at: int | None = None  # the first event word of a background sentence
    opened = _GATE_CACHE.get
    for i, word in enumerate(lowers):
        site = i in sites
        opens = opened(word)  # _opens_trigger, its cache read inline (a call per token)
        if not site and not (_opens_trigger(word) if opens is None else opens):
            continue  # EVENT_TRIGGER_GATES: no trigger below can hold for this word
        token = doc[i]
        # "her condition could quickly progress to stage four": a warning, not the stage; a
        # stage with its TNM told M0 is another cancer's locally advanced stage ("stage 4B
        # (T3N3M0) squamous cell carcinoma of the supraglottic larynx")
        stage_four = (
            stage_four_at(lowers, i)
            and not MAY_WORDS.intersection(lowers[max(i - 5, 0) : i])
            and not any("m0" in w for w in lowers[i + 1 : i + 6])
        )
        spread = _carcinomatous(doc, token)
        bare_spread = _spread_found(doc, token, sites)
        sampled = _sampled_at_site(doc, token, sites)
        if word == "mbc" and not _diagnosed_before(doc, token.i):
            continue  # "a patient with HER2+ MBC": a state, not its discovery
        if not (
            _EVENT_WORD.match(word)
            or _TNM_M1.match(word)
            or stage_four
            or site
            or spread
            or _secondary(doc, token)
            or _involvement(doc, token)
            or _fluid_cancer(doc, token)
            or sampled
            or _came_back(doc, token)
            or bare_spread
        ):
            continue
        lo, hi = sentence_bounds(doc, token.i)
        # "Orbital metastases from breast cancer are rare": the disease in general, the event
        # only when the text tells no other
        generic = _generic_sentence(doc, lo, hi)
        cues = scoped.get(lo, [])
        if any(
            c.start < token.i
            and token.i - c.end <= 6
            and not _finding_verb(doc, c)
            and not _finding_clause(doc, c.end, token.i)
            and not _sample_hedge(doc, c, lo)
            and not _belief_about_the_cancer(doc, c)
            for c in cues
        ) or any(
            # stop 51: denied after the word ("Brain mets were not found on MRI", "metastases
            # were ruled out"): the discovery the sentence denies, not an event
            c.category == "NEGATED_EXISTENCE"
            and c.rule.direction == "BACKWARD"
            # (a cue with its object after it denies the object: "carcinoma that was negative
            # for estrogen receptors")
            and lowers[c.end - 1] not in OBJECT_PREPOSITIONS
            and 0 < c.start - token.i <= 5
            and (
                not _new_clause(lowers, token.i + 1, c.start)
                or elliptical_but(lowers, token.i + 1, c.start)
            )
            for c in cues
        ):
            continue  # "if she relapses", "no evidence of metastatic disease"
        if lo not in words:
            words[lo] = set(lowers[lo:hi])
        sentence = words[lo]
        if "?" in sentence and not (site and _own_cancer_placed(doc, i, lo)):
            continue  # "prognosis for recurrence?", "what if she relapses?"
        if (
            site
            and not spread
            and (
                # a denial before the site or right after it: "bone scan revealed no bone
                # metastases" (not "… multiple masses with surrounding edema and no evidence of
                # blood")
                any(
                    c.category == "NEGATED_EXISTENCE"
                    and (
                        (c.start < i and not _new_clause(lowers, c.end, i))
                        or 0 < c.start - i <= 5
                        # "MRI of the brain … without brain metastasis": the organ denied
                        or word in lowers[c.end : min(c.end + 3, hi)]
                    )
                    for c in cues
                )
                or not (
                    any(LESION_WORDS.match(w) or w in SPREAD_WORDS for w in sentence)
                    or _cancer_placed(lowers, i, lo)
                    or _breast_cancer_at(doc, i, lo)
                )
            )
        ):
            continue  # "bone scan revealed no bone metastases", "cirrhotic morphology of the liver"
        before = set(lowers[max(i - 3, lo) : i])
        if any(w in OUTCOME_BEFORE for w in lowers[max(i - 5, lo) : i]):
            continue  # "MR revealed resolution of brain metastases": treated, not found
        if before & (RISK_WORDS | LOCAL_WORDS) or (
            i + 1 < hi and lowers[i + 1] in RISK_WORDS
        ):  # "to reduce her recurrence risk", "relapse rates"
            continue  # "high risk of recurrence", "local recurrence"
        wider = set(lowers[max(i - 8, lo) : i])
        if before & NODAL_WORDS and not (sentence & {"recurrence", "recurrent", "relapse"}) | (
            wider & DISTANT_WORDS
        ):
            continue  # "axillary metastasis at presentation": regional, stage II-III
        if lo not in per_sentence:  # once per sentence: a flood is one long sentence
            per_sentence[lo] = (
                # another cancer's metastatic event ("metastatic melanoma") tells nothing
                # of this one's lines (the vocabulary is the scope judge's)
                names_other_primary(span_text(doc, lo, hi)),
                _diagnosis_told(doc, lo, hi)
                or _announced_before(doc, lo)
                or bool(sentence & CASE_WORDS and sentence & {"case", "cases"})
                or _caused(doc, lo, hi)
                or _turned_into(doc, lo, hi)
                or _already_found(doc, lo, hi),
            )
        other_primary, diagnosis_told = per_sentence[lo]
        if other_primary:
            continue  # "diagnosed with metastatic melanoma": not this cancer
        from_start = token.i > 0 and doc[token.i - 1].lower_ == "primary"  # "primary metastatic"
        if (
            (
                not site
                and (
                    _EVENT_NOUNS.match(word)
                    or _TNM_M1.match(word)
                    or from_start
                    or _came_back(doc, token)
                    or _back_as_secondary(lowers, i)
                    or bare_spread
                )
            )
            or _lesion(doc, token)
            or spread
            or sampled
            or (sentence & DISCOVERY_WORDS or diagnosis_told)
            or (sentence & HEARING and _news_heard(lowers, lo, hi))
            or (
                site and _own_cancer_placed(doc, i, lo)
            )  # "how can I have breast cancer in my lungs?"
            # stop 44: "Two years later it spread to her spine", "it had returned in her pelvis"
            or (site and _spread_told_then(doc, i, lo, sentence))
            or (sentence & SEEN_WORDS and sentence & IMAGING_WORDS and _seen(doc, token, hi))
            # the case told by its authors: "Here, we report a 63-year-old woman with a
            # solitary pituitary metastasis" (a metastasis word, not a site word alone)
            or (_EVENT_WORD.match(word) and sentence & CASE_WORDS and sentence & CASE_SUBJECTS)
        ):
            if _general_news(doc, i, lo, hi, sentence):
                continue  # the disease in general, heard or told: no event, even as background
            if not generic:
                return token.i
            generic_at = token.i if generic_at is None else generic_at
    return generic_at


# stop 64: what was heard, learned or told is the disease in general when its clause names no
# one's cancer and goes on in the present of all cases ("I heard that metastatic breast cancer
# can be treated for years", "I was told that recurrence is common", "the doctor told me
# metastatic breast cancer is treatable"), not her news ("told that my cancer is metastatic",
# "learned I have metastatic breast cancer", "heard the cancer had spread to her bones")
NEWS_VERBS = frozenset(
    {"learn", "learns", "learned", "learning", "learnt", "hear", "hears", "heard", "hearing"}
    | {"tell", "tells", "told", "telling", "inform", "informs", "informed", "informing"}
)
GENERAL_PRESENT = frozenset(
    {"is", "are", "can", "may", "might", "could", "will", "would", "tends", "tend", "often"}
    | {"usually", "generally", "rarely", "remains", "means", "has", "have", "isn't", "aren't"}
    | {"live", "lives", "survive", "survives", "respond", "responds", "does", "do"}
)
OWNED_WORDS = frozenset(
    {"i", "i'm", "she", "he", "it", "they", "my", "her", "his", "their", "your", "the", "its"}
    | {"this", "mum's", "mom's", "mother's", "wife's", "had", "was", "were", "did"}
)
GENERAL_CLAIM_REACH = 6  # the event word to the present verb: "metastatic breast cancer can"


def _general_news(doc: Doc, i: int, lo: int, hi: int, sentence: set[str]) -> bool:
    """The sentence's only telling is a news verb and the event word's clause is a claim
    about the disease in general (above)."""
    if not sentence & NEWS_VERBS or (sentence & DISCOVERY_WORDS) - NEWS_VERBS:
        return False
    words = doc_lowers(doc)
    k = i - 1
    while k >= lo and words[k] not in NEWS_VERBS:
        if words[k] in OWNED_WORDS or not words[k].replace("-", "").isalnum():
            return False
        k -= 1
    if k < lo:
        return False
    for j in range(i + 1, min(hi, i + 1 + GENERAL_CLAIM_REACH)):
        w = words[j]
        if w in GENERAL_PRESENT:
            # the review of stop 64: not her news told on after the verb ("told me stage 4
            # disease is in my bones", "… is what my mum has now"), in the claim's own clause
            # (the third review: "… is incurable, but my mum is still doing well" is general)
            return not any(v in OWN_NEWS_WORDS for v in _until_edge(words[j + 1 : hi]))
        if w in OWNED_WORDS or not w.replace("-", "").isalnum():
            return False
    return False


def _until_edge(words: Sequence[str]) -> Iterator[str]:
    for w in words:
        if w in CLAIM_EDGES:
            return
        yield w


CLAIM_EDGES = frozenset({".", ";", "!", "?", ",", "but", "and", "though", "although"})
OWN_NEWS_WORDS = frozenset({"i", "i'm", "she", "he", "they", "my", "her", "his", "their", "your"})


# stop 64: hearing is telling only with the news as its object ("a shock to hear metastatic
# breast cancer in my liver", "heard that it had spread"); the review of stop 64: not a forum's
# or a meeting's opening ("Would love to hear from others: my mum's cancer has spread …", "hear
# your thoughts", "hear a second opinion")
HEARING = frozenset({"hear", "hears", "heard", "hearing"})
HEARD_NEWS = frozenset(
    {"metastatic", "mets", "metastases", "stage", "news", "secondary", "secondaries"}
)
# the third review of stop 64: "that" only with her cancer's news after it ("heard that it had
# spread"), the article with the news's noun ("heard the cancer had spread"), not an object of
# her own ("hear my options", "hear her oncologist's plan")
HEARD_THAT_SUBJECTS = frozenset({"it", "she", "her", "my", "his", "the", "i", "mum's", "mom's"})
HEARD_THAT_NEXT = frozenset({"cancer", "had", "has", "was", "is", "breast", "disease", "tumour"})


def _news_heard(words: Sequence[str], lo: int, hi: int) -> bool:
    for k in range(lo, hi - 1):
        if words[k] not in HEARING:
            continue
        nxt = words[k + 1]
        if _claim_follows(words, k + 1, hi):
            continue  # "sad to hear that metastatic breast cancer is incurable": the disease
        if nxt in HEARD_NEWS:
            return True
        if nxt == "the" and k + 2 < hi and words[k + 2] in ("news", "word", "words", "cancer"):
            return True
        if (
            nxt == "that"
            and k + 3 < hi
            and (
                words[k + 2] in HEARD_NEWS
                or (words[k + 2] in HEARD_THAT_SUBJECTS and words[k + 3] in HEARD_THAT_NEXT)
            )
        ):
            return True
    return False


def _claim_follows(words: Sequence[str], k: int, hi: int) -> bool:
    """A claim in the present of all cases is what was heard: a present verb within reach with
    no one's words before it ("hear that metastatic breast cancer is incurable")."""
    for w in words[k : min(hi, k + GENERAL_CLAIM_REACH + 2)]:
        if w in GENERAL_PRESENT:
            return True
        if w in OWN_NEWS_WORDS or w in CLAIM_EDGES:
            return False
    return False


# round 19b (r18-0012): a denial told in an earlier clause of the sentence, of another
# subject ("most people have never been in cancer treatment world, and I have been asked …
# how can I have breast cancer in my lungs?") is not the site's: a clause opens at a
# semicolon, a contrast word or a comma followed by a conjunction
CLAUSE_OPENERS = frozenset({";", "but", "whereas", "while", "although", "though", "however"})
COMMA_CONJUNCTIONS = frozenset({"and", "but", "so", "yet"})


def _new_clause(lowers: Sequence[str], lo: int, hi: int) -> bool:
    """A clause opens between ``lo`` and ``hi`` (above)."""
    return any(
        w in CLAUSE_OPENERS or (w == "," and k + 1 < hi and lowers[k + 1] in COMMA_CONJUNCTIONS)
        for k, w in enumerate(lowers[lo:hi], start=lo)
    )


# round 19: a patient's question that places her own breast cancer in a distant organ ("how
# can I have breast cancer in my lungs?") tells the disease found there, not a question about
# it (a hypothetical one, "what if it spreads to my lungs?", names no cancer at the organ)
PLACED_CANCER = frozenset({"cancer", "carcinoma"})
OWN_PLACES = frozenset({"in", "on", "to"})
OWN_WORDS = frozenset({"my", "her", "his"})
WONDER_WORDS = frozenset({"how", "why"})


def _breast_cancer_at(doc: Doc, i: int, lo: int) -> bool:
    """The site at ``i`` closes "breast cancer in my/her <organ>": the finding there is
    told to be the breast cancer."""
    words = doc_lowers(doc)
    j = i - 1
    return (
        j - 3 >= lo
        and words[j] in OWN_WORDS
        and words[j - 1] in OWN_PLACES
        and words[j - 2] in PLACED_CANCER
        and words[j - 3] == "breast"
    )


# the story of the first stage told with it ("I was stage 2 five years ago, had a lumpectomy
# and radiation"): the question is the discovery, not a state reached after lines
FIRST_STAGE_STORY = re.compile(
    r"\bstage\s*(?:[0-3]|i{1,3})\b|mastectomy|lumpectomy|surgery|adjuvant|radiation"
    r"|radiotherapy|\bchemo",
    re.I,
)


def _own_cancer_placed(doc: Doc, i: int, lo: int) -> bool:
    """The site at ``i`` closes "breast cancer in my/her <organ>" in a how/why question, and
    the text tells the story of the first stage."""
    return (
        _breast_cancer_at(doc, i, lo)
        and bool(WONDER_WORDS & set(doc_lowers(doc)[lo : i - 4]))
        and FIRST_STAGE_STORY.search(doc_text(doc)) is not None
    )


# Seen on an imaging study: "Through MRI and bone scan, metastatic breast cancer … was
# observed in the humeral head" (not "seen"/"observed" alone: said of the patient too)
SEEN_WORDS = frozenset({"observed", "seen", "visualized", "visualised", "apparent", "visible"})
IMAGING_WORDS = frozenset(
    {"mri", "ct", "pet", "pet/ct", "pet-ct", "scan", "scans", "scintigraphy", "ultrasound"}
    | {"ultrasonography", "radiograph", "x-ray", "imaging", "tomography", "resonance"}
)


SEEN_SUBJECTS = frozenset({"she", "he", "patient", "woman", "man", "lady", "they", "we"})


def _seen(doc: Doc, token: Token, hi: int) -> bool:
    """The event word is what was seen: a seen word after it in its sentence, no person
    between them ("… metastatic breast cancer … was observed in the humeral head"; not "she
    was seen in clinic for her metastatic breast cancer after an MRI")."""
    for t in doc[token.i + 1 : hi]:
        if t.lower_ in SEEN_SUBJECTS:
            return False
        if t.lower_ in SEEN_WORDS:
            return True
    return False


HEDGES = frozenset({"suggestive", "suggesting", "consistent", "compatible", "indicative"})


def _sample_hedge(doc: Doc, cue: Modifier, lo: int) -> bool:
    """A possibility cue that is a sample's reading ("Biopsy of the nodule revealed … cells …,
    suggestive of metastatic mucinous carcinoma"; "Cytology showed tumor cells …, suggestive
    of metastatic lobular carcinoma"): the pathologist's words for the finding, not a
    suspicion (an imaging study's "suggestive of metastases" stays one)."""
    return (
        cue.category == "POSSIBLE_EXISTENCE"
        and doc[cue.start].lower_ in HEDGES
        and any(w.startswith(SAMPLED) for w in doc_lowers(doc)[lo : cue.start])
    )


RELATIVE_OPENERS = frozenset({"which", "that", "but", "and", ","})


# stop 47 (r66-0015): a belief told in the cancer's own relative clause ("the breast cancer
# she thought she'd beaten in 2007 had returned and spread"): it is of the cure believed,
# the return after it is told as fact
BELIEF_WORDS = frozenset({"thought", "believed", "hoped", "assumed", "felt"})
BELIEVED_OF = frozenset({"cancer", "disease", "tumour", "tumor", "illness"})


def _belief_about_the_cancer(doc: Doc, cue: Modifier) -> bool:
    """The cue a belief ("she thought she") opening a relative clause on a cancer noun, with
    or without "that"/"which"."""
    if cue.category != "POSSIBLE_EXISTENCE" or not BELIEF_WORDS.intersection(
        doc_lowers(doc)[cue.start : cue.end]
    ):
        return False
    k = cue.start - 1
    if k >= 0 and doc[k].lower_ in ("that", "which"):
        k -= 1
    return k >= 0 and doc[k].lower_ in BELIEVED_OF


def _finding_clause(doc: Doc, start: int, end: int) -> bool:
    """A clause of its own opens between a cue and the event word, its verb a finding
    ("biopsies of macroscopically normal sinuses which confirmed metastatic breast cancer"):
    the cue's denial is of what came before. Round 22: a subject of its own told the finding
    opens one too, where a page ran a heading into the text ("This wasn't what I'd planned I
    was diagnosed with primary and secondary breast cancer")."""
    return any(
        doc[i].lower_ in DISCOVERY_WORDS
        and (
            doc[i - 1].lower_ in RELATIVE_OPENERS
            or (
                i >= 2
                and doc[i - 1].lower_ in ("was", "were")
                and doc[i - 2].lower_ in TOLD_SUBJECTS
            )
        )
        for i in range(max(start, 1), end)
    )


TOLD_SUBJECTS = frozenset({"i", "she", "he", "we", "they"})


# "We present a case of an 81-year-old with HER2-amplified MBC in the liver": a case report
# tells the patient's metastatic disease found (with "case" in the sentence)
CASE_WORDS = frozenset(
    {"present", "presenting", "report", "reporting", "reported", "describe", "describing"}
    # "This study reports the first case of …"
    | {"presents", "reports", "describes", "described"}
)


CASE_SUBJECTS = frozenset({"we", "authors"})  # the authors telling the case, not the patient


# A background sentence tells the disease in general, not the patient: "Metastatic breast
# cancer involving the gastrointestinal tract is rare, … often emerging later in disease
# progression", "Orbital metastases are uncommon": neither an event nor a progression.
FREQUENCY_WORDS = frozenset(
    {"rare", "rarely", "uncommon", "unusual", "infrequent", "infrequently", "common"}
    | {"commonly", "often", "frequently", "usually", "typically", "generally", "seldom"}
    | {"incidence", "prevalence", "occurs", "accounts", "account", "literature"}
    | {"frequency", "proportion", "percentage"}  # "an increase in the frequency of CNS metastasis"
)
PATIENT_WORDS = frozenset(
    {"she", "her", "he", "his", "patient", "woman", "man", "female", "male", "lady", "girl"}
    | {"we", "our", "i", "my", "mrs", "mr", "ms", "case", "year-old", "yo", "y/o", "mother"}
    | {"wife", "sister", "daughter", "aunt", "friend", "husband", "gentleman"}
)


# "if indicated", "as clinically indicated", "is indicated for": a hypothesis or a plan; "the
# absence of reactivity to ER, PR and HER2 indicated metastatic triple negative breast
# carcinoma": a finding told with its object
NOT_FINDING_BEFORE = frozenset(
    {"if", "as", "when", "where", "clinically", "medically", "is", "was", "be", "are", "were"}
    | {"not", "been", "unless", "deemed", "considered", "also"}
)


def _finding_verb(doc: Doc, cue: Modifier) -> bool:
    """A HYPOTHETICAL cue "indicated" that is the verb of a finding, its object after it."""
    if cue.category != "HYPOTHETICAL" or cue.end - cue.start != 1:
        return False
    t = doc[cue.start]
    if t.lower_ not in ("indicated", "indicates"):
        return False
    before = doc[t.i - 1].lower_ if t.i > 0 else ""
    after = doc[t.i + 1] if t.i + 1 < len(doc) else None
    return (
        before not in NOT_FINDING_BEFORE
        and after is not None
        and after.is_alpha
        and after.lower_ not in ("for", "to", "by", "in", "and", "or", "but")
    )


# told in the present of the disease in general; the past tells the patient's story ("the
# abdominal mass was a rare subcutaneous metastatic lesion")
GENERAL_VERBS = frozenset(
    {"is", "are", "occurs", "occur", "remains", "remain", "represents", "represent", "has"}
    | {"have", "accounts", "account", "involves", "involve", "affects", "affect", "metastasizes"}
)
PAST_TELLING = frozenset({"was", "were", "had", "did"})


def _generic_sentence(doc: Doc, lo: int, hi: int) -> bool:
    """doc[lo:hi] tells the disease in general (a frequency word, no patient named). Once
    per sentence."""
    cache: dict[int, bool] = doc.user_data.setdefault("mbc_generic", {})
    if lo not in cache:
        words = set(doc_lowers(doc)[lo:hi])
        cache[lo] = (
            bool(words & FREQUENCY_WORDS)
            and bool(words & GENERAL_VERBS)
            and not words & (PATIENT_WORDS | PAST_TELLING)
            and not any(
                w.endswith("-year-old")
                or w.isdigit()
                or (w.endswith("ed") and w in DISCOVERY_WORDS)
                for w in words
            )
        )
    return cache[lo]


def _diagnosis_told(doc: Doc, lo: int, hi: int) -> bool:
    """ "a diagnosis of mandibular metastasis was made", "metastatic at diagnosis",
    "Diagnosis: multifocal metastatic disease", "revised the diagnosis to gastric metastasis",
    "a final pathology report of breast cancer metastasis"."""
    words = doc_lowers(doc)
    return any(
        (
            words[i] == "diagnosis"
            # a sample's report: "a final pathology report of breast cancer metastasis"
            or (words[i] == "report" and i > lo and words[i - 1] in SAMPLE_REPORTS)
        )
        and (
            (i + 1 < hi and words[i + 1] in ("of", "to", ":"))
            or (i > lo and words[i - 1] == "at")
            or _diagnosis_came(words, i, hi)
            or _diagnosis_named_before(words, i, lo)
            or ":" in words[i + 1 : hi]
        )
        for i in token_range(doc, lo, hi)
    )


# stop 41 (round 52): the diagnosis named by the words before it ("she received a stage 4 breast
# cancer diagnosis", "after her metastatic diagnosis"), or told after a colon later in its
# sentence ("resulted in a diagnosis that rocked the world for all of us: Stage 4 Inflammatory
# Breast Cancer")
DIAGNOSIS_OPENERS = frozenset({"a", "an", "the", "her", "his", "my", "their", "this", "that"})
DIAGNOSIS_NAME_REACH = 7  # words between the determiner and "diagnosis"


def _diagnosis_named_before(words: Sequence[str], i: int, lo: int) -> bool:
    """The words between the determiner and "diagnosis" name metastatic disease (not "her
    initial diagnosis")."""
    for k in range(i - 1, max(lo, i - DIAGNOSIS_NAME_REACH) - 1, -1):
        if words[k] in DIAGNOSIS_OPENERS:
            return any(
                _EVENT_WORD.match(w) or stage_four_at(words, j) or w in NAMED_METASTATIC
                for j, w in enumerate(words[k + 1 : i], k + 1)
            )
        if not words[k].isalnum():
            return False
    return False


NAMED_METASTATIC = frozenset({"secondary", "advanced", "terminal", "incurable", "tnmbc"})


# stop 34 (r37): the discovery told in the sentence before, its object the sentence after
# ("Soon, the truth was revealed. Helen had stage IV breast cancer.", "The diagnosis was
# confirmed. It had spread to her liver."): the sentence before ends on the discovery verb
ANNOUNCEMENT_ENDS = frozenset({".", "!", ":", ";", "…", "..."})
# the auxiliary or adverb right before the verb ("was revealed", "were finally confirmed")
ANNOUNCED_BY = frozenset({"was", "were", "is", "been", "got", "finally", "then", "soon"})


def _announced_before(doc: Doc, lo: int) -> bool:
    if lo == 0:
        return False
    words = doc_lowers(doc)
    start = sentence_bounds(doc, lo - 1)[0]
    k = lo - 1
    while k > start and words[k] in ANNOUNCEMENT_ENDS:
        k -= 1
    if k > start and words[k] in DISCOVERY_WORDS and words[k - 1] in ANNOUNCED_BY:
        return True
    # stop 42 (r55-0028): the news received in the sentence before ("Then, on January 27, 2009,
    # I received the phone call I never wanted … My mom, 55 at the time, had Stage 4 …")
    return any(
        words[i] in NEWS_RECEIVING and _received_news(words, i) for i in range(start, lo - 1)
    )


NEWS_RECEIVING = frozenset({"received", "receive", "got", "get", "getting"})


# stop 33 (r35): the diagnosis told arriving, then what it was ("The final diagnosis came on
# January 22, 2020: metastatic hormone receptor positive breast cancer", "the diagnosis came
# back as metastatic")
DIAGNOSIS_CAME = frozenset({"came", "arrived", "was", "is"})
DIAGNOSIS_THEN = frozenset({":", "as", "—", "–"})


def _diagnosis_came(words: list[str], i: int, hi: int) -> bool:
    if not (i + 1 < hi and words[i + 1] in DIAGNOSIS_CAME):
        return False
    if any(w in DIAGNOSIS_THEN for w in words[i + 2 : min(i + 10, hi)]):
        return True
    # stop 63 (found beside round 126): the diagnosis told as the event itself ("The histologic
    # diagnosis was metastasis from breast cancer", "the final diagnosis was metastatic breast
    # carcinoma"), not denied ("the diagnosis was not metastasis")
    # Not (the review of stop 63) a diagnosis only held or another's ("The provisional diagnosis
    # was metastasis", "Her mother's diagnosis was metastatic breast cancer"), nor nodes found at
    # the first surgery ("The pathological diagnosis was metastatic carcinoma in 2 of 15 axillary
    # lymph nodes", "micrometastasis in 1 of 3 sentinel nodes")
    told = words[i + 2 : min(i + 2 + DIAGNOSIS_IS_REACH, hi)]
    if not told or told[0] in NOT_WORDS or DIAGNOSIS_HELD.intersection(words[max(0, i - 3) : i]):
        return False
    after = set(words[i + 2 : hi])
    if after & (NODAL_WORDS | REGIONAL_NODE_WORDS) and not after & DISTANT_WORDS:
        return False
    return any(_EVENT_WORD.match(w) and not w.startswith("micro") for w in told)


DIAGNOSIS_IS_REACH = 3  # "was (a) (breast cancer) metastasis": the event word right after
REGIONAL_NODE_WORDS = frozenset({"node", "nodes", "nodal", "lymph", "pn1", "pn1mi", "pn2", "pn3"})
DIAGNOSIS_HELD = frozenset(
    {"provisional", "working", "presumed", "presumptive", "differential", "suspected", "clinical"}
    | {"tentative", "possible", "probable", "'s", "’s", "radiological", "radiologic"}
)


SAMPLE_REPORTS = frozenset(
    {"pathology", "pathological", "histology", "histopathology", "histological", "cytology"}
    | {"histopathological", "biopsy"}
)


def _caused(doc: Doc, lo: int, hi: int) -> bool:
    """A finding told through what it causes: "aphasia due to brain metastasis", "numb chin
    syndrome secondary to mandibular metastasis" (not "the secondary one")."""
    words = doc_lowers(doc)
    return any(
        words[i] in ("due", "secondary", "owing") and i + 1 < hi and words[i + 1] == "to"
        for i in token_range(doc, lo, hi)
    )


# round 25: a discovery told as what something became or proved to be, in a patient's words
# ("a lump on the inside of my armpit turned into Metastatic triple negative Breast Cancer",
# r25-0011; "it turned out to be metastatic"); "turned 50" is an age, no discovery
TURNED = frozenset({"turned", "turns", "turning"})


# stop 33 (r33, left open in stop 32): the early disease told changing into metastatic disease
# ("her cancer had progressed to metastatic breast cancer", "advanced to stage IV", "had
# become Stage 4 metastasized breast cancer"): a discovery, as "turned into" is
CHANGED_INTO = frozenset(
    {"progressed", "advanced", "evolved", "developed", "moved", "gone", "went"}
)
BECAME = frozenset({"became", "become", "becomes"})


def _turned_into(doc: Doc, lo: int, hi: int) -> bool:
    words = doc_lowers(doc)
    return any(
        (words[i] in TURNED and i + 1 < hi and words[i + 1] in ("into", "out"))
        or (words[i] in CHANGED_INTO and into_metastatic(doc, i))
        or (
            words[i] in BECAME
            and (
                words[i + 1 : i + 2] == ["metastatic"]
                or (words[i + 1 : i + 2] == ["stage"] and words[i + 2 : i + 3] in (["iv"], ["4"]))
            )
        )
        for i in token_range(doc, lo, hi)
    )


# stop 37 (r45): the state found at the diagnosis told by "already" ("I was diagnosed with
# breast cancer in February 2009. The cancer was already Stage IV", "It had already spread to
# my liver and spine", "was already metastatic"): "already" right before the metastatic word,
# the spread verb or the place (past the auxiliaries), a discovery as "at diagnosis" is
ALREADY_LINKS = frozenset({"been", "had", "has", "have", "was", "were", "is", "become", "became"})
ALREADY_STATES = frozenset({"stage", "in", "to", "present", "widespread", "disseminated"})


# stop 37 (r46): the spread told in the past perfect with the cancer its subject ("It was
# cancer. The tumor was small, but we soon learned that size doesn't mean a whole lot. The
# cancer had spread to her lymph nodes and into her bones"): the story's discovery, as
# "already" is (a line told before it still keeps the count from 0: lines_at_event)
HAD_SPREAD_SUBJECTS = frozenset({"cancer", "it", "disease"})


def _had_spread(words: Sequence[str], i: int, hi: int) -> bool:
    """``words[i]`` is "had" after the cancer and before a spread verb."""
    if i == 0 or words[i - 1] not in HAD_SPREAD_SUBJECTS:
        return False
    j = i + 1
    while j < hi and words[j] in PLACED_TIME:
        j += 1
    return j < hi and words[j] in SPREAD_VERBS


# stop 42 (r55): the finding told as there already when it was found, in the past ("Sam is
# living with secondary breast cancer. … was told three months later that the breast cancer
# had already spread to her spine", "My mum passed away from secondary breast cancer. … we
# found out she had breast cancer that had spread to her bones and was already terminal"):
# the story's discovery, after a lead sentence telling her disease now — not a progression
PAST_LINKS = frozenset({"had", "was", "were"})


# (a lead that tells how long she has had it, "She has lived with MBC since 2018. A scan last
# month showed it had already spread to her liver", is metastatic disease known before)
TIMED_LEAD = re.compile(r"\b(?:since|ago|years?|months?|weeks?|decades?|(?:19|20)\d\d)\b", re.I)


def _there_when_found(doc: Doc, lo: int, hi: int) -> bool:
    words = doc_lowers(doc)
    return TIMED_LEAD.search(span_text(doc, 0, lo)) is None and any(
        words[i] == "already" and words[i - 1] in PAST_LINKS for i in token_range(doc, lo + 1, hi)
    )


def _already_found(doc: Doc, lo: int, hi: int) -> bool:
    words = doc_lowers(doc)
    for i in token_range(doc, lo, hi):
        if words[i] == "had" and _had_spread(words, i, hi):
            return True
        if words[i] != "already":
            continue
        j = i + 1
        while j < hi and words[j] in ALREADY_LINKS:
            j += 1
        if j < hi and (
            words[j] in ALREADY_STATES or words[j] in SPREAD_VERBS or words[j].startswith("metasta")
        ):
            return True
    return False


# Spread named without "metastasis": "carcinomatous pleuritis", "peritoneal carcinomatosis",
# "lymphangitis carcinomatosa", "carcinoma en cuirasse" (skin), "a pleural effusion …
# confirmed to be malignant on cytology", "malignant ascites"
# the named forms of skin spread: "carcinoma erysipeloides", "carcinoma telangiectaticum"
CARCINOMATOUS = re.compile(
    r"^(?:carcinomat(?:ous|osis|osa)|cuirasse|erysipeloides|erysipeloid|telangiectaticum"
    r"|telangiectoides)$"
)
SEROSAL = frozenset({"effusion", "effusions", "ascites", "pleuritis", "pericarditis"})


def _carcinomatous(doc: Doc, token: Token) -> bool:
    if CARCINOMATOUS.match(token.lower_):
        return True
    if token.lower_ != "malignant":
        return False
    lo, hi = sentence_bounds(doc, token.i)
    return any(_serosal(doc, t, lo) for t in doc[max(lo, token.i - 8) : min(hi, token.i + 3)])


# the fluid of a serous cavity sampled ("a pleural tap confirmed malignant cells", "cytology
# of the ascitic fluid showed adenocarcinoma"), not denied ("no pleural effusion")
SEROUS_FLUID = frozenset(
    {"pleural", "ascitic", "peritoneal", "pericardial", "tap", "thoracentesis", "paracentesis"}
)
CANCER_CELLS_FOUND = frozenset({"adenocarcinoma", "carcinoma", "malignant", "tumour", "tumor"})


def _serosal(doc: Doc, t: Token, lo: int) -> bool:
    return (t.lower_ in SEROSAL or t.lower_ in SEROUS_FLUID) and not any(
        w.lower_ in NOT_WORDS for w in doc[max(lo, t.i - 3) : t.i]
    )


def _fluid_cancer(doc: Doc, token: Token) -> bool:
    """Cancer cells told in a serous fluid ("cytology of the ascitic fluid showed
    adenocarcinoma"): a metastatic event when the sentence tells it found."""
    if token.lower_ not in CANCER_CELLS_FOUND - {"malignant"}:
        return False
    lo, hi = sentence_bounds(doc, token.i)
    sampled: dict[int, bool] = doc.user_data.setdefault("mbc_fluid_sampled", {})
    if lo not in sampled:  # once per sentence (a flood is one)
        sampled[lo] = any(w in FLUID_SAMPLED for w in doc_lowers(doc)[lo:hi])
    return sampled[lo] and any(
        _serosal(doc, t, lo) and t.lower_ not in SEROSAL
        for t in doc[max(lo, token.i - 8) : min(hi, token.i + 3)]
    )


FLUID_SAMPLED = frozenset({"cytology", "fluid", "tap", "thoracentesis", "paracentesis"})


# "secondary breast cancer", "secondary deposits in the liver" (the UK word for metastatic;
# not "secondary to", a cause)
SECONDARY_WORDS = frozenset({"secondary", "incurable"})
SECONDARY_HEADS = re.compile(
    r"^(?:breast|deposits?|tumou?rs?|lesions?|disease|spread|malignanc\w*|carcinoma|cancer)$"
)


# stop 37 (r46): the organ named between ("was diagnosed with secondary bone cancer in 2001",
# "secondary liver cancer"): the UK's lay name of a metastasis there
SECONDARY_ORGANS = frozenset({"bone", "liver", "lung", "brain", "skin", "lymph"})


def _secondary(doc: Doc, token: Token) -> bool:
    # round 22: "incurable" is the patients' (and the UK's) word for it too ("being told I had
    # incurable breast cancer")
    if token.lower_ not in SECONDARY_WORDS or token.i + 1 >= len(doc):
        return False
    after = doc_lowers(doc)[token.i + 1 : token.i + 3]
    return (
        bool(SECONDARY_HEADS.match(after[0]))
        or (
            token.lower_ == "secondary"
            and len(after) == 2
            and after[0] in SECONDARY_ORGANS
            and after[1] in ("cancer", "cancers", "tumour", "tumours", "tumor", "tumors")
        )
        or _secondary_noun(doc_lowers(doc), token.i)
        or _secondary_predicate(doc_lowers(doc), token.i)
    )


# stop 62 (r125-0003): "secondary" said of the cancer itself ("re-diagnosed with breast
# cancer… but this time it is secondary and therefore incurable", "it's secondary now"); not
# "secondary to" (a cause)
SECONDARY_SUBJECTS = frozenset({"it", "cancer", "this", "that", "disease", "tumour", "tumor"})
SECONDARY_COPULAS = frozenset({"is", "was", "'s", "’s", "became", "had", "has", "been"})
SECONDARY_BETWEEN = frozenset({"now", "already", "become", "been", "definitely", "confirmed"})


def _secondary_predicate(lowers: Sequence[str], i: int) -> bool:
    if lowers[i] != "secondary" or (i + 1 < len(lowers) and lowers[i + 1] == "to"):
        return False
    k = i - 1
    while k > 0 and lowers[k] in SECONDARY_BETWEEN:
        k -= 1
    return k > 0 and lowers[k] in SECONDARY_COPULAS and lowers[k - 1] in SECONDARY_SUBJECTS


# stop 41 (r30-0001): "secondary" as the noun, the British word for a metastasis placed at an
# organ ("it has returned as a secondary in her lung", "a secondary on the liver"); not
# "secondary to" (caused by: "pain secondary to bone metastases")
SECONDARY_ARTICLES = frozenset({"a", "one", "another"})
SECONDARY_PLACED = frozenset({"in", "on", "at"})


def _secondary_noun(lowers: Sequence[str], i: int) -> bool:
    return (
        lowers[i] == "secondary"
        and i > 0
        and lowers[i - 1] in SECONDARY_ARTICLES
        and i + 1 < len(lowers)
        and lowers[i + 1] in SECONDARY_PLACED
    )


def _back_as_secondary(lowers: Sequence[str], i: int) -> bool:
    """The cancer told come back as the metastasis ("it has returned as a secondary in her
    lung", "came back as secondaries"): its recurrence, whatever its subject."""
    if not (_secondary_noun(lowers, i) or lowers[i] == "secondaries"):
        return False
    before = lowers[max(i - 4, 0) : i]
    return "as" in before and bool((BACK_WORDS | COMING).intersection(before))


# An organ told taken over by the breast cancer: "retroperitoneal and bowel involvement from
# lobular breast cancer", "bone marrow replacement by the carcinoma cells", "diffuse
# infiltration of the liver by breast cancer cells" (not the primary's own reach: "skin
# infiltration by the tumour", "lymphovascular invasion")
INVOLVEMENT = frozenset({"involvement", "infiltration", "replacement", "deposits", "seeding"})
BREAST_CELLS = re.compile(r"^(?:breast|mammary|lobular|ductal)$")
CANCER_CELLS = re.compile(r"^(?:carcinoma|cancer|tumou?r|malignant|neoplastic|adenocarcinoma)$")
PRIMARY_REACH = frozenset(
    {"skin", "dermal", "chest", "nipple", "areola", "pectoral", "muscle", "axillary"}
    | {"lymphovascular", "perineural", "stromal", "vascular", "local", "breast", "ductal"}
)


def _involvement(doc: Doc, token: Token) -> bool:
    if token.lower_ not in INVOLVEMENT:
        return False
    lo, hi = sentence_bounds(doc, token.i)
    if any(t.lower_ in PRIMARY_REACH for t in doc[max(lo, token.i - 4) : token.i]):
        return False
    after = doc[token.i + 1 : min(hi, token.i + 9)]
    linked = [t for t in after if t.lower_ in ("by", "from", "of")]
    if not linked:
        return False
    for link in linked:
        words = [t.lower_ for t in doc[link.i + 1 : min(hi, link.i + 6)]]
        if link.lower_ == "of":
            # "intestinal involvement of BC", "… of breast carcinoma" (not "involvement of
            # the breast": the primary's own extent)
            if "bc" in words[:2] or (
                any(BREAST_CELLS.match(w) for w in words)
                and any(CANCER_CELLS.match(w) for w in words)
            ):
                return True
        elif any(BREAST_CELLS.match(w) for w in words) or (
            any(CANCER_CELLS.match(w) for w in words) and "cells" in words
        ):
            return True
    return False


# A metastatic site found through its sample: "Pathological examination confirmed the breast
# origin of his pleural effusion", "The biopsies of the pylorus … showed TNBC", "Thoracentesis
# was performed … Her cytologic results were consistent with breast carcinoma". The finding
# word, a sample and a finding verb before it in its sentence, and a site read in that sentence
# or the two before; not a sample of the breast or its nodes ("Breast biopsy revealed …",
# "Axillary lymph node biopsy showed adenocarcinoma": the primary's diagnosis).
SAMPLE_FINDINGS = frozenset(
    {"carcinoma", "adenocarcinoma", "malignancy", "tnbc", "ilc", "idc", "origin"}
)
SAMPLE_WORDS = (
    "biops",
    "cytolog",
    "histolog",
    "patholog",
    "aspirat",
    "specimen",
    "cell",
    "examination",
    "puncture",
)
PRIMARY_SAMPLE = frozenset(
    {"breast", "breasts", "mammary", "mammogram", "mammography", "mastectomy", "lumpectomy"}
    | {"nipple"}
    | NODAL_WORDS
)


def _sampled_at_site(doc: Doc, token: Token, sites: Collection[int]) -> bool:
    if not sites or token.lower_ not in SAMPLE_FINDINGS:
        return False
    if token.lower_ == "origin" and not any(
        t.lower_ in ("breast", "mammary") for t in doc[max(token.i - 2, 0) : token.i]
    ):
        return False  # "the breast origin of …", "of mammary origin", not "of unknown origin"
    lo, hi = sentence_bounds(doc, token.i)
    verbs = [t.i for t in doc[lo : token.i] if t.lower_ in DISCOVERY_WORDS]
    if not verbs:
        return False
    told = doc[lo : verbs[-1]]
    if not any(t.lower_.startswith(SAMPLE_WORDS) for t in told):
        return False  # the finding told by a sample, its word before the finding verb
    if any(t.lower_ in PRIMARY_SAMPLE or t.lower_ in NOT_WORDS for t in told):
        return False  # the breast's or its nodes' sample, or a denial
    if any(t.lower_ in NOT_WORDS for t in doc[verbs[-1] : token.i]):
        return False  # "biopsy showed no carcinoma"
    before = lo
    for _ in range(2):  # the sample told up to two sentences before its result
        before = sentence_bounds(doc, before - 1)[0] if before > 0 else before
    return any(before <= s < hi for s in sites)


# The word gate of the event loop in _first_event: one entry per trigger of its condition,
# named as there, each the trigger's own first test of the token's word (a token at a site
# read is a trigger whatever its word). A token whose word opens no trigger is skipped after
# one look-up per distinct word. tests/test_nlp_gates.py fails when a trigger
# of the condition has no gate here, or a gate misses a word its trigger holds for.
# The cancer told back, as a recurrence is ("my breast cancer had returned and it was now in
# my spine", "The cancer was back."): the disease its subject, right before the verb. Not
# back once more ("the disease has returned for a third time": metastatic disease known).
BACK_WORDS = frozenset({"returned", "back"})
BACK_SUBJECTS = frozenset({"cancer", "disease", "tumor", "tumour"})
BACK_LINKS = frozenset({"had", "has", "was", "is", "come", "came", "been"})
BACK_AGAIN = frozenset({"again", "second", "third", "fourth", "another", "once"})


# stop 47 (r67-0002): the spread told found, no organ named ("further tests revealed the
# cancer had spread"): the cancer (or "it") its direct subject, a finding verb in the
# sentence — only in a text that names no distant site (a bare spread beside a site told
# later may be the nodes': "revealed that the cancer had spread … then commenced chemotherapy
# … In May 2007, C was diagnosed as suffering from painful rib metastasis")
SPREAD_FOUND_WORDS = frozenset({"spread", "metastasized", "metastasised"})
SPREAD_SUBJECTS = BACK_SUBJECTS | {"it"}
SPREAD_LINKS = frozenset({"had", "has", "have", "'d", "’d", "'s", "’s"})
SPREAD_ENDS = frozenset({".", "!", ";", ",", "and", "but"})
SPREAD_TREATED = TREATMENT_WORDS | {"mastectomy", "lumpectomy", "surgery", "after", "following"}


# stop 61 (r124-0002): a spread placed everywhere, with no organ named ("doctors indicated
# that their mother's cancer had spread everywhere", "… had spread all over her body",
# "… throughout her body", "… to other organs"): distant, as a bare spread is (never "to
# other parts of my breast": a part names no organ)
EVERYWHERE_OWNERS = frozenset({"her", "his", "my", "the", "their", "your"})
EVERYWHERE_OTHERS = frozenset({"other", "many", "several", "multiple", "various", "distant"})


def _everywhere(words: Sequence[str], i: int, hi: int) -> int:
    """The length of a placeless place at ``words[i]`` ("everywhere", "all over her body",
    "throughout the body", "to other organs"), or 0."""
    w = [*words[i : min(i + 4, hi)], "", "", "", ""]
    if w[0] == "everywhere":
        return 1
    if (w[0], w[1]) == ("all", "over") or w[0] == "throughout":
        k = 2 if w[0] == "all" else 1
        if w[k] in EVERYWHERE_OWNERS and w[k + 1] == "body":
            return k + 2
        return 2 if w[0] == "all" and w[2] in SPREAD_ENDS | {""} else 0
    if w[0] == "to" and w[1] in EVERYWHERE_OTHERS and w[2] == "organs":
        return 3
    return 0


def _spread_found(doc: Doc, token: Token, sites: Collection[int]) -> bool:
    if sites or token.lower_ not in SPREAD_FOUND_WORDS or token.i < 2:
        return False
    lowers = doc_lowers(doc)
    if lowers[token.i - 1] not in SPREAD_LINKS or lowers[token.i - 2] not in SPREAD_SUBJECTS:
        return False
    lo, hi = sentence_bounds(doc, token.i)
    after = token.i + 1 + _everywhere(lowers, token.i + 1, hi)
    if after < hi and lowers[after] not in SPREAD_ENDS:
        return False  # "had spread to other parts of my breasts", "… to her lymph nodes": placed
    if SPREAD_TREATED.intersection(lowers[token.i : hi]):
        return False  # "had spread and could no longer be cured, after a full mastectomy …"
    return bool(DISCOVERY_WORDS.intersection(lowers[lo : token.i]))


def _came_back(doc: Doc, token: Token) -> bool:
    """ "the cancer had returned", "the cancer came back", "the cancer was back"."""
    if token.lower_ not in BACK_WORDS:
        return False
    lo, hi = sentence_bounds(doc, token.i)
    i = token.i - 1
    if token.lower_ == "back" and i - 1 >= lo and _manner_of_coming(doc, i):
        i -= 1  # stop 37 (r45): "the cancer came roaring back", "came rushing back"
    while i >= lo and i > token.i - 3 and doc[i].lower_ in BACK_LINKS:
        i -= 1
    if token.lower_ == "back" and i == token.i - 1 and _inverted_back(doc, token.i, lo):
        return True
    if token.lower_ == "back" and (i == token.i - 1 or doc[token.i - 1].lower_ == "been"):
        return False  # "back pain", "has been back": "back" needs its verb ("came", "was")
    if any(t.lower_ in BACK_AGAIN for t in doc[lo:hi]) or i < lo:
        return False
    if doc[i].lower_ in BACK_SUBJECTS:
        return True
    # stop 32 (r32): the cancer the subject across a relative clause ("The breast cancer the
    # doctors had thought was gone was back"): words only between, no other subject
    # (not the cancer inside another's clause: "The doctor who treated her cancer … was back")
    for j in range(i, max(lo, i - BACK_SUBJECT_REACH) - 1, -1):
        word = doc[j].lower_
        if word in BACK_SUBJECTS:
            return not any(t.lower_ in ("who", "whom", "which") for t in doc[lo:j])
        if word in BACK_PRONOUNS and j > lo and doc[j - 1].lower_ in BACK_SUBJECTS:
            continue  # the clause's own subject right after the cancer ("the cancer she had")
        if word in BACK_PRONOUNS and j - 2 >= lo and doc[j - 1].lower_ in BELIEF_WORDS:
            continue  # stop 47: a belief's own clause in it ("the cancer she thought she'd beaten")
        if word in CONTRACTIONS:
            continue  # stop 47 (r66-0015): "the breast cancer she thought she'd beaten"
        if not (doc[j].is_alpha or doc[j].is_digit) or word in BACK_OTHER_SUBJECTS:
            return False
    return False


CONTRACTIONS = frozenset(
    {"'d", "’d", "'s", "’s", "'ve", "’ve", "n't", "n’t", "'ll", "’ll", "'re", "’re", "'m", "’m"}
)


BACK_SUBJECT_REACH = 8  # words of a relative clause between the cancer and its verb
# stop 51 (r80-0013): the verb before its subject after "not only" ("he delivered me the news
# that not only was cancer back, but it had spread"); "nor was the cancer back" denies it
INVERTED_VERBS = frozenset({"was", "is", "had", "has"})
BACK_DETERMINERS = frozenset({"the", "my", "her", "his", "their", "our"})


def _inverted_back(doc: Doc, i: int, lo: int) -> bool:
    """ "not only was (the) cancer back": the subject right before "back" at ``i``, its verb
    before it and "not only" before that."""
    k = i - 1
    if doc[k].lower_ not in BACK_SUBJECTS:
        return False
    k -= 1
    if k >= lo and doc[k].lower_ in BACK_DETERMINERS:
        k -= 1
    return (
        k - 2 >= lo
        and doc[k].lower_ in INVERTED_VERBS
        and doc[k - 1].lower_ == "only"
        and doc[k - 2].lower_ in ("not", "n't")
    )


COMING = frozenset({"came", "come", "comes", "coming"})


def _manner_of_coming(doc: Doc, i: int) -> bool:
    """The word at ``i`` tells how it came back ("came roaring back", "came straight back")."""
    word = doc[i].lower_
    return doc[i - 1].lower_ in COMING and word.endswith(("ing", "ly", "straight"))


BACK_PRONOUNS = frozenset({"i", "she", "he", "they", "we"})
BACK_OTHER_SUBJECTS = (
    BACK_PRONOUNS
    | {"pain", "symptoms", "it"}
    | {
        "and",  # a clause of its own ("negative for breast cancer and the panel returned …")
        "but",
        "or",
        "so",
        "then",
        "when",
        "while",
        "because",
    }
)


EVENT_TRIGGER_GATES: dict[str, Callable[[str], object]] = {
    "_EVENT_WORD": _EVENT_WORD.match,
    "_TNM_M1": _TNM_M1.match,
    "stage_four": (STAGE_FOUR | STAGE_FOUR_JOINED).__contains__,
    "_carcinomatous": lambda w: CARCINOMATOUS.match(w) or w == "malignant",
    "_secondary": SECONDARY_WORDS.__contains__,
    "_involvement": INVOLVEMENT.__contains__,
    "_fluid_cancer": (CANCER_CELLS_FOUND - {"malignant"}).__contains__,
    "_sampled_at_site": SAMPLE_FINDINGS.__contains__,
    "_came_back": BACK_WORDS.__contains__,
    "_spread_found": SPREAD_FOUND_WORDS.__contains__,
}
_GATE_CACHE: dict[str, bool] = {}


def _opens_trigger(word: str) -> bool:
    """Some trigger of the event loop may hold for a token of this word (cached per word)."""
    opens = _GATE_CACHE.get(word)
    if opens is None:
        if len(_GATE_CACHE) > 100_000:  # a long-lived process reading arbitrary text
            _GATE_CACHE.clear()
        opens = _GATE_CACHE[word] = any(gate(word) for gate in EVENT_TRIGGER_GATES.values())
    return opens


# stop 40: the cancer itself placed at the organ, by its name or by "it" ("they found cancer
# in her liver", "scans showed it was in her bones", "found out it was in my lungs too"): a
# finding at the site, as a lesion word would tell it. Read with the sites' own words for the
# cancer placed (sites.cancer_is: "<the cancer> is/was (now) in …"), or the subject right
# before the preposition; "already" tells it known before.
_OWNERS = frozenset({"my", "her", "his", "the", "both", "their"})


def _cancer_placed(lowers: Sequence[str], i: int, lo: int) -> bool:
    """The site at token ``i`` is where the cancer (or "it") is told to be."""
    k = i - 1
    while k > lo and lowers[k] in _OWNERS:
        k -= 1
    if _spread_clause(lowers, i, lo) is not None:
        return True
    if k <= lo or lowers[k] not in PLACED_IN or "already" in lowers[max(lo, k - 4) : k]:
        return False
    return lowers[k - 1] in PLACED_SUBJECTS or cancer_is(lowers, k - 1)


# stop 44 (r60-0003, r60-0007): the cancer told gone to the site ("it had returned in her
# head, pelvis and spine", "the cancer had spread to her lungs, liver and neck"): the site a
# list member after the verb's preposition, the verb's subject the cancer or "it"
SPREAD_TO = frozenset({"to", "in", "into", "throughout"})
SPREAD_TO_VERBS = frozenset(
    {"spread", "returned", "recurred", "metastasized", "metastasised", "travelled", "traveled"}
)
SPREAD_SUBJECT_GAP = frozenset({"had", "has", "have", "then", "now", "also", "already", "since"})
LIST_GAP = frozenset({",", "and", "her", "his", "my", "the", "their", "both"})
LIST_REACH_BACK = 6  # tokens of a list between the preposition and a later member


def _spread_clause(lowers: Sequence[str], i: int, lo: int) -> tuple[str, list[str]] | None:
    """(verb, the words between its subject and it) of "<the cancer> (had) spread to … <the
    site at i>", or None."""
    k, skipped = i - 1, 0
    while k > lo and lowers[k] not in SPREAD_TO and skipped < LIST_REACH_BACK:
        if lowers[k] not in LIST_GAP and not lowers[k].isalpha():
            return None
        k, skipped = k - 1, skipped + 1
    if k <= lo or lowers[k] not in SPREAD_TO:
        return None
    v = k - 1
    if lowers[v] == "back" and v - 1 > lo and lowers[v - 1] in ("came", "come"):
        v -= 1  # "it came back in her spine"
    elif lowers[v] not in SPREAD_TO_VERBS:
        return None
    j = v - 1
    while j > lo and lowers[j] in SPREAD_SUBJECT_GAP:
        j -= 1
    if j < lo or lowers[j] not in PLACED_SUBJECTS:
        return None
    return lowers[v], list(lowers[j + 1 : v])


# a spread told as an event, not the state a question starts from ("ER+ cancer that has
# spread to her bones, what next?"): in the past ("had spread", "returned", "came back"),
# or "spread" with a time it happened ("Two years later it spread to her spine")
RETURNED_BEFORE = frozenset(
    {"returned", "recurred", "relapsed", "recurrence", "relapse", "back", "again", "spread"}
)
DEATH_WORDS = frozenset({"died", "death", "passed", "dying", "deteriorated"})
SPREAD_THEN = frozenset({"later", "then", "after", "afterwards", "subsequently", "ago", "when"})
PAST_ONLY = frozenset({"returned", "recurred", "came", "travelled", "traveled"})


def _spread_told_then(doc: Doc, i: int, lo: int, sentence: set[str]) -> bool:
    lowers = doc_lowers(doc)
    told = _spread_clause(lowers, i, lo)
    if told is None or DEATH_WORDS & sentence:
        return False  # "she died as the cancer spread to her brain": the end, no discovery
    if RETURNED_BEFORE.intersection(lowers[:lo]):
        return False  # "the disease has returned for a third time. … it returned to his
        # sternum": a return told before, this one may be a later one
    verb, gap = told
    if {"has", "have", "now"}.intersection(gap):
        # (stop 60, r123-0003: the state a question starts from, unless the text has told an
        # earlier time it is set against: "She went through chemotherapy a few years ago, and
        # they thought she was cured. But now the cancer has returned and spread to her bones")
        return _thought_gone(lowers[:lo]) and not _site_told_before(doc, lo)
    return verb in PAST_ONLY or "had" in gap or bool(SPREAD_THEN & sentence) or _year_told(sentence)


# the cancer told thought gone in the sentences before ("they thought she was cured", "in
# remission", "cancer-free"), asserted: not denied or asked ("never in remission", "whether
# she could ever be cured"); a distance alone ("years ago", "in 2019") may be the time of an
# earlier metastatic line
GONE_WORDS = frozenset({"cured", "remission"})
GONE_FREE_OF = frozenset({"cancer", "disease"})  # "cancer-free", not "progression-free"
GONE_DENIED = frozenset({"never", "not", "no", "n't", "whether", "if", "ever", "hope", "hoped"})
GONE_DENIAL_REACH = 4  # words before the gone word where a denial or a question is read


def _thought_gone(words: Sequence[str]) -> bool:
    for k, w in enumerate(words):
        if w == "free" and k > 0:
            before = words[k - 2] if words[k - 1] == "-" and k > 1 else words[k - 1]
            if before not in GONE_FREE_OF:
                continue
        elif w not in GONE_WORDS:
            continue
        if not GONE_DENIED.intersection(words[max(0, k - GONE_DENIAL_REACH) : k]):
            return True
    return False


def _site_told_before(doc: Doc, lo: int, headed: bool = False) -> bool:
    """A metastatic site named before token ``lo``, not denied ("chemo for the spots on her
    bones … went into remission"): the remission was of metastatic disease. Regional nodes
    are no such site (told of the early disease). ``headed``: only a site named with its own
    metastasis word ("letrozole for bone mets"), not an organ a symptom or a scan names
    ("achy chest wall pain", "chest CT, abdominal U/S, bone scan")."""
    lowers = doc_lowers(doc)
    return any(
        ent.start < lo
        and ent.ent_id_.startswith("metastatic_sites=")
        and ent.ent_id_ != "metastatic_sites=lymph nodes"
        and not any(m.category == "NEGATED_EXISTENCE" for m in ctx.modifiers)
        and (not headed or any(w in HEADS for w in lowers[ent.start : ent.end]))
        for ent, ctx in zip(doc.ents, doc._.context, strict=True)
    )


def _year_told(words: Collection[str]) -> bool:
    """A calendar year among ``words`` ("in 2019")."""
    return any(is_year(w) for w in words)


def _lesion(doc: Doc, token: Token) -> bool:
    """ "Innumerable metastatic liver lesions", "metastatic deposits in the spine": a finding
    named (a report's line), not a state ("ER+ metastatic disease")."""
    if not token.lower_.startswith("metastatic"):
        return False
    return any(
        LESION_WORDS.match(t.lower_) and not t.lower_.startswith(("metasta", "mets"))
        for t in doc[token.i + 1 : min(token.i + 4, len(doc))]
    )


LESION_WORDS = re.compile(
    r"^(?:lesions?|mass(?:es)?|nodules?|nodes?|foci|metasta\w*|mets|tumou?rs?|deposits?|lytic"
    r"|sclerotic|uptake|destruction|involvement|spread|replacement|infiltration|implants"
    r"|neoplasms?|formations?"
    # round 22: a patient's word for a lesion ("the bone scan revealed spots in my spine"), as
    # the sites reader takes it
    r"|spots?)$"
)
# searched in the words joined by line breaks (MULTILINE: each word its own line), one
# search instead of one per word; no word holds a line break beside a letter (whitespace is
# a token of its own), so a match never spans two words
_METASTATIC_WORD = re.compile(r"metasta|^mets$|recurr|relaps|^spread$|^mbc$", re.I | re.M)
# stop 31 (r31): every form of "spread" and the patient's "travelled" tell the spread too ("a
# PET scan showed that the cancer had travelled beyond my boob to my left hip, spine, collar
# bone and liver"): the forms of chatbot.nlp.sites' verbs of spread ("moved", "progressed"
# and "migrated" are said of other things)
SPREAD_WORDS = frozenset(w for w in SPREAD_VERBS if w.startswith(("spread", "travel")))


LIKE_BREAST_TOLD = re.compile(LIKE_BREAST, re.I)


def _breast_origin_told(doc: Doc) -> bool:
    """The text calls the disease metastatic/recurrent, or a biopsy ties a lesion to the
    breast ("biopsy of the liver lesion confirms invasive breast cancer"): a site found is
    then a metastatic event, not a lesion of unknown nature."""
    if _METASTATIC_WORD.search("\n".join(doc_lowers(doc))) or not SPREAD_WORDS.isdisjoint(
        doc_lowers(doc)
    ):
        return True
    if BREAST_HISTORY.found(doc_text(doc)):
        return True  # "a past medical history of breast cancer … revealed a choroidal mass"
    if LIKE_BREAST_TOLD.search(doc_text(doc)):
        # stop 46 (r64-0003): the finding likened to the breast cancer in its report ("a
        # needle biopsy … was positive for the same kind of cancer as that found in her
        # breast"), a sentence after the sample
        return True
    breast_named = False  # a lump, mass or cancer of the breast told
    cancer_confirmed = False  # a sample told showing cancer
    lowers = doc_lowers(doc)
    for sent in doc.sents:
        words = set(lowers[sent.start : sent.end])  # the cached words: no Token object per word
        sampled = any(w.startswith(SAMPLED) for w in words)
        if "breast" in words and sampled:
            return True  # "biopsy of the liver lesion confirms invasive breast cancer"
        breast_named = breast_named or ("breast" in words and bool(words & BREAST_FINDINGS))
        cancer_confirmed = cancer_confirmed or (sampled and bool(words & CANCER_FOUND))
        if breast_named and cancer_confirmed:
            # "a palpable lump in her right breast … An ultrasound biopsy confirmed the
            # presence of cancer cells": the breast cancer told, a lesion found elsewhere
            # is its spread
            return True
    return False


# A breast cancer told in the past (not a relative's, not denied): a lesion found later at a
# site the sites reader reads as metastatic is its spread
_BREAST_CANCER = (
    r"(?:breast\s+(?:cancer|carcinoma|adenocarcinoma|malignancy)"
    r"|(?:invasive\s+)?(?:ductal|lobular)\s+carcinoma|\bidc\b|\bilc\b"
    r"|(?:cancer|carcinoma)\s+of\s+(?:the\s+|her\s+|his\s+)?(?:left\s+|right\s+)?breast)"
)
# Asked with ``found`` (its folded twin, chatbot.nlp.prefilter: the same answers, cheaper).
BREAST_HISTORY = gated(
    rf"(?<!family )(?<!no )(?<!without )(?<!denies )history\s+of\s+(?:[\w()+/-]+\s+){{0,8}}?"
    rf"{_BREAST_CANCER}"
    rf"|{_BREAST_CANCER}[^.;]{{0,60}}?\bdiagnosed\b[^.;]{{0,40}}?\b(?:ago|prior|before|earlier"
    r"|previously)\b"
    rf"|\b(?:treated|operated)\s+(?:\w+\s+){{0,3}}?for\s+(?:[\w()+/-]+\s+){{0,4}}?{_BREAST_CANCER}"
    r"|\b(?:years?|months?)\s+(?:ago|prior|before|earlier)\b[^.;]{0,60}?\bdiagnosed\s+with\s+"
    rf"(?:[\w()+/-]+\s+){{0,4}}?{_BREAST_CANCER}",
    re.I,
)
SAMPLED = ("biops", "cytolog", "histolog", "patholog", "aspirat")
BREAST_FINDINGS = frozenset(
    {"lump", "mass", "cancer", "carcinoma", "tumour", "tumor", "nodule", "lesion"}
)
CANCER_FOUND = frozenset(
    {"cancer", "carcinoma", "malignant", "malignancy", "adenocarcinoma", "metastatic"}
)


# stop 31 (r28-0015, read in a golden diff): a treatment after the event told as the last
# one left ("Claire is currently taking the last licensed route of treatment available to
# her"): lines were given since, how many the text does not say
LAST_TREATMENT = re.compile(
    r"\b(?:last|final|only\s+remaining)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:treatments?|options?|lines?|therap(?:y|ies)|routes?|drugs?|regimens?)\b",
    re.I,
)


# The lines counted from the event, the sentence or regimen told, and the regimens counted
# (their drugs tell the chemotherapy lines among them)
AtEvent = tuple[int, Span, tuple[Regimen, ...]]


def lines_at_event(
    doc: Doc,
    text: str,
    infos: Sequence[MentionInfo],
    lines: Sequence[LineMention],
    sites: Collection[int] = (),
    class_members: Mapping[str, Collection[str]] | None = None,
) -> AtEvent | None:
    """The lines given since a told metastatic event, as an inference (module docstring),
    with the sentence telling the event; None when the text does not let them be counted.

    Counted only when every regimen told before the event is early-disease treatment and
    at most one regimen is told after it: none -> 0; one told begun or given and not
    failing ("was started on letrozole + palbociclib", "four cycles of trastuzumab
    resulted in rapid improvement") -> 0, a line just begun is not counted (FORMAT.md);
    one told failing ("… was initiated, but the patient had a progression") -> 1. Never
    with a line ordinal, a second regimen, other lines told unnamed ("several lines",
    "switched"), or a progression cue on something else."""
    event = metastatic_event(doc, sites)
    if lines and (event is None or not _ordinals_count_early(doc, lines, infos, event)):
        return None
    if event is None:
        return _ongoing_without_event(doc, text, infos) or _every_treatment_refused(
            doc, text, infos, sites
        )
    ordinal_tokens = {i for line in lines for i in range(line.start, line.end)}
    lo, hi = sentence_bounds(doc, event)
    if _metastases_recurring(doc, lo, hi):
        return None  # "a recurrence of brain metastases": metastatic disease known before
    early: set[str] = set()  # drugs told as early-disease treatment
    same_course: set[int] = set()  # the clauses telling an early course again
    first_event = _first_metastasis_told(doc, lo, hi)
    after: list[MentionInfo] = []  # regimen mentions told after the event
    for info in infos:
        m = info.mention
        if m.negated or m.role in ("hypothetical", "bone-therapy"):
            continue
        if info.start >= hi:
            if (m.generic or f"class:{m.drug_class}") in early and _same_course(doc, info.start):
                # "… relapsed after adjuvant trastuzumab treatment. After completing her
                # trastuzumab treatment …": the early-disease course told again (its clause
                # tells no treatment after the event)
                same_course.update(_clause_tokens(doc, info.start))
                continue
            if _told_back_early(doc, info.start):
                # "She had undergone surgery, radiation, and chemotherapy for breast cancer
                # 16 years prior": told back in time as early-disease treatment
                early.add(m.generic or f"class:{m.drug_class}")
                continue
            if _told_earlier(doc, info.start):
                if first_event:
                    # "… appeared as the first sign of metastasis … She had been treated by
                    # letrozole for 18 months": before the first metastasis, early disease
                    early.add(m.generic or f"class:{m.drug_class}")
                    continue
                return None  # "… He had received chemotherapy and tamoxifen"
            if (
                m.role != "adjuvant"
                and not _asks_or_plans(doc, info.start)
                and not _told_ahead(doc, doc[info.start])
            ):
                after.append(info)
            continue
        if m.role == "adjuvant":
            early.add(m.generic or f"class:{m.drug_class}")
            continue
        name = m.generic or f"class:{m.drug_class}"
        if info.start >= event:
            if _purpose_of_admission(doc, doc[info.start]):
                continue  # "… spread to her spine; she was referred to me for chemotherapy"
            if info.start < hi and _future_plan(doc, info.start):
                # stop 37 (r46): a plan told with the event in the future tense ("has had a
                # recurrence of the disease and will undergo chemotherapy")
                continue
            if name in early or (
                m.generic is None
                and event < info.start < hi
                and early & set((class_members or {}).get(m.drug_class or "", ()))
            ):
                # "recurrence … on leuprolide plus letrozole": the early therapy; "developed
                # an orbital metastasis while under aromatase inhibitor-based therapy" after
                # adjuvant letrozole: its class, in the sentence of the event
                continue
            if _after_early_surgery(doc, event, info.start):
                # "colonic metastasis from breast cancer 7 years after mastectomy and
                # chemotherapy": given with the operation, before the event
                early.add(name)
                continue
            if not (
                _begun_between(doc, event, info.start)
                or _begun_next(doc, info)
                # the regimen told with the event (its first drugs, adjacent): not a flood
                or (
                    (not after or info.start - after[-1].end <= 3)
                    and _treated_for_event(doc, event, info.start)
                )
            ):
                return None  # "metastases … after 8 years on trastuzumab": a line, maybe
            after.append(info)
            continue
        if name in early:
            continue  # "adjuvant … tamoxifen. After completion of 5 years of tamoxifen …"
        if _given_after_event(doc, info.end, event):
            after.append(info)  # "started capecitabine after liver metastases were found"
            continue
        s_lo, s_hi = sentence_bounds(doc, info.start)
        before_event = span_text(doc, s_lo, min(s_hi, event))
        if METASTATIC_CONTEXT.found(before_event) or not (
            EARLY_DISEASE.found(before_event)
            or _continues_early(doc, s_lo, event)
            or _free_after_early(doc, info.start, min(s_hi, event), event)
            or _primary_surgery_after(doc, info.start, event, sites)
        ):
            return None  # not told as early-disease treatment: may have been a line
        early.add(name)
    ended_by = _progression_after_course(doc, hi, after)
    before_cues = [
        c
        for c in doc._.context_cues
        if c.category == "PROGRESSION"
        and c.start != ended_by
        # stop 48 (r73-0004): the relapse that is the event itself ("her cancer had relapsed,
        # and she was diagnosed with metastatic breast cancer") ends no regimen
        and not (c.start == event and _EVENT_NOUNS.match(doc_lowers(doc)[event]))
        and (not after or c.end <= after[0].start)
        and not _failed_to(doc, c)
        and not _failed_not_treatment(doc, c)
        and not _generic_sentence(doc, *sentence_bounds(doc, c.start))
        and not into_metastatic(doc, c.end - 1)
        and not too_far(doc, c.end)
        # stop 46 (r63-0027): "progressed to more areas of bone despite … hormone
        # treatment": the progression told in the sentence of the regimen it went on
        # despite is that regimen's failure, not one before it
        and not (
            after
            and _despite(doc, after[0].start)
            and sentence_bounds(doc, c.start) == sentence_bounds(doc, after[0].start)
        )
    ]
    if any(
        not _on_early_therapy(c, infos) and not _early_progression(doc, c.start, event)
        for c in before_cues
    ):
        return None  # a progression told before any regimen after the event
    # a progression of the early disease ("surgery because of disease progression" on
    # neoadjuvant chemotherapy) is not a metastatic line failing: read on after it
    progression_from = _after_early_progression(doc, event)
    sent = doc[lo:hi]
    span = Span(sent.start_char, sent.end_char, text[sent.start_char : sent.end_char])
    if not after:
        if _pretreated_before(doc, lo, event) or _pretreated_earlier(doc, lo):
            return None  # "a heavily pretreated woman with metastatic breast cancer"
        if (
            _first_metastatic_char(doc) < doc[lo].idx
            and progression_in(doc, lo, hi)
            and not _there_when_found(doc, lo, hi)
        ):
            # "Known MBC since 2018. CT shows new liver metastases.": metastatic disease told
            # before, the finding is a progression, not its discovery
            return None
        told = [  # not a sentence telling back early-disease treatment ("had received …")
            t
            # only the words read below (a failure word, a treatment word): the sentence
            # tests are not run for every other word after the event
            for t in _told_after(doc, event, hi, _failure_or_treatment_word)
            if not _told_back_early(doc, t.i)
            and not (first_event and (_told_earlier(doc, t.i) or _remission_before(doc, t, hi)))
            and not _remission_then_diagnosed(doc, t)
            and not _treated_for_primary(doc, t)
            and not _misdiagnosis_treated(doc, t)
            and t.i not in ordinal_tokens
            and t.i not in same_course
        ]
        if progression_in(doc, progression_from, len(doc), signs=False) or any(
            TREATED_AFTER.match(t.lower_)
            and not (
                t.lower_ == "palliative"
                and (_begun_sentence(doc, t.i) or _palliative_goal(doc_lowers(doc), t.i))
            )
            and not (t.lower_ == "progressive" and _said_of_symptom(doc, t))
            and not (t.lower_ == "responded" and _replied(doc_lowers(doc), t.i))
            # stop 41 (r53-0029): told ahead ("It will be a palliative treatment")
            and not _future_plan(doc, t.i)
            and not failed_to_find(doc, t)
            and not _local_or_organ(doc, t)
            and not _hoped_for(doc, t)
            and not too_far(doc, t.i + 1)
            for t in told
        ):
            return None
        treated = [
            t
            for t in told
            if _treatment_word(doc, t)
            and not _not_given(doc, t)
            and not _refused(doc, t)
            and not _told_ahead(doc, t)
            and not _treatment_as_kind(doc, t)
            and not _can_be_treated(doc, t)
            and not _first_time_before(doc, t)
            and not _goal_subject(doc_lowers(doc), t.i)
        ]
        if treated and not all(
            _begun_sentence(doc, t.i) or _first_line_named(doc, t) for t in treated
        ):
            return None
        if any(_ongoing_since_then_worse(doc, t.i) for t in treated):
            return None  # "has been having treatment … since then … spread to her brain"
        if LAST_TREATMENT.search(span_text(doc, hi, len(doc))):
            return None  # "currently taking the last licensed route of treatment available"
        return 0, span, ()  # nothing given yet, or a treatment told only as just begun
    if any(
        t.lower_ in OTHER_LINES and t.i not in ordinal_tokens and _other_lines(doc, t, after)
        for t in doc[event:]
    ):
        return None  # "then several lines", "switched", "pretreated": lines not named
    start = after[0].start
    # (a progression in the sentence of the regimen it went on despite is that regimen's)
    until = sentence_bounds(doc, start)[0] if _despite(doc, start) else start
    if progression_in(doc, _event_told_on(doc, hi, start), until if ended_by is None else ended_by):
        return None  # a progression before the first regimen named: a line before it
    lowers = doc_lowers(doc)
    first_told = sentence_bounds(doc, start)[1]
    if any(
        info.start >= first_told and lowers[info.start - 1] in ANOTHER_OF_ITS_KIND for info in after
    ):
        # stop 44 (r23-0004): "she was given different chemotherapy in addition to Herceptin":
        # another regimen of a class named after the first is another line, uncounted by its
        # names ("initiated on another chemotherapy regimen" first after the event is the first)
        return None
    if _counted_apart(doc, after):
        # stop 45: "I have had one IV chemo and one oral chemo that just stopped working":
        # two regimens of one class, counted one by one — not one line by their names
        return None
    regs = _one_combination(doc, regimens(doc, after))
    if any(r.earlier for r in regs):
        return None
    failing = (
        ended_by is not None
        or progression_in(doc, start, len(doc))
        or _failed_after(doc, start)
        or _new_event(doc, start)
        or _despite(doc, start)
        # stop 44 (r44-0011): "resulting in her cancer treatment becoming less effective"
        or LESS_EFFECTIVE.search(span_text(doc, start, len(doc))) is not None
        # stop 45 (r60-0045): "… and within two months they had quit working"
        or _stopped_working_after(doc, start)
    )
    distinct = list(dict.fromkeys(r.names() for r in regs))
    # two regimens that are one line, nothing failing or found between them:
    two = (
        len(regs) == 2
        and len(distinct) == 2
        and not progression_in(doc, regs[0].start, regs[1].start)
        and not _new_event(doc, regs[0].start)
    )
    # "paclitaxel, bevacizumab that was added after her third cycle", "… later trastuzumab was
    # added": a drug added to the regimen given, nothing failing after it
    added = two and _added(doc, regs[1]) and not _failed_after(doc, regs[0].start)
    # round 25 (issue class 4, "induction then maintenance" is one line): "Received
    # docetaxel/doxorubicin x 6 and had an excellent response. Patient is now on maintenance
    # letrozole", "6 cycles of THP, followed by HP maintenance": the induction's course told is
    # no line over; the line goes on as its maintenance, failing or not
    maintained = (
        two
        and not added
        and _told_maintenance(doc, regs[1])
        and not _told_maintenance(doc, regs[0])
    )
    if added or maintained:
        regs = [Regimen([*regs[0].members, *regs[1].members])]
        distinct = [regs[0].names()]
    if len(distinct) == 1:
        if failing:
            return 1, after[0].mention.span, (regs[0],)  # counted from the regimen named
        if _told_stopped(doc, after) or _stopped_by_toxicity(doc, after, regs[0]):
            # round 18: "T-DM1 was started, leading to a complete response … T-DM1 was
            # suspended": a regimen told stopped was given and is over, one line whatever
            # stopped it (a toxicity, a response) — never a line just begun
            return 1, after[0].mention.span, (regs[0],)
        if _had_then_planned(doc, regs[0], infos):
            return None  # "I have had more chemotherapy and will be on …": given, then more
        if _progression_free_now(doc, start):
            return 0, span, ()  # "remains progression-free 22 months after …": not failing
        if PFS_TOLD.search(span_text(doc, start, len(doc))):
            return None  # a progression-free survival told: the line has ended, maybe failed
        if _response_ended(doc, start):
            return None  # "After 8 weeks of improvement she complained of dizziness": over
        if _responding(doc, start):
            return 0, span, ()  # told responding: not a line given yet
        if _course_told(doc, regs[0]) and not maintained:
            return None  # "started on capecitabine which she continued for 18 cycles": given
        if COURSE_YEARS.search(span_text(doc, start, len(doc))):
            return None  # stop 44: "chemotherapy … from 2019 to around 2021/2022": over
        if _begun(doc, regs[0]):
            return 0, span, ()  # just begun: not a line given yet
        if not _asked_after(doc, start) and not ENDED & set(doc_lowers(doc)[start:]):
            return 0, span, ()  # the last thing told is the regimen she is on: not failing
        return None  # "treated with paclitaxel x6. Next?": given and over, maybe failed
    last = regs[-1].members[0].start
    failing_last = (
        progression_in(doc, last, len(doc)) or _failed_after(doc, last) or _new_event(doc, last)
    )
    if not failing_last and _begun(doc, regs[-1]):
        # "We then gave CMF chemotherapy, and after six cycles we started megestrol", "…
        # capecitabine, which failed after 4 months; eribulin was started": the regimens
        # before the one just begun were given
        # (the drugs after its start word are all of it: "started on goserelin, letrozole,
        # and denosumab")
        lo_last = sentence_bounds(doc, last)[0]
        starts = [t.i for t in doc[max(lo_last, last - 6) : last] if t.lower_ in BEGUN_WORDS]
        begun_at = starts[-1] if starts else last
        given = [r for r in regs if r.members[0].start < begun_at and r.names() != regs[-1].names()]
        count = len(dict.fromkeys(r.names() for r in given))
        if count:
            return count, after[0].mention.span, tuple(given)
    return None  # two regimens since the event: the history reader counts them


# A combination told as one ("was treated with capecitabine, oral vinorelbine and trastuzumab
# combination therapy", "hormonal therapy fulvestrant and leuprolide, accompanied by
# palbociclib", "systemic chemotherapy (epirubicin, cyclophosphamide, 5-fluorouracil)"): the
# drugs of one sentence, a combination word or a class word's bracketed members, nothing
# between them telling one after the other, are one regimen. (A bare list "capecitabine,
# eribulin and vinorelbine" may be lines one after another: kept apart.)
COMBINATION_WORDS = frozenset(
    {"combination", "combined", "accompanied", "plus", "along", "together", "concurrent"}
    | {"concomitant", "concomitantly", "doublet", "triplet"}
)
SEQUENCE_WORDS = LATER_MARKERS | {"after", "switched", "changed", "until", "when", "before"}


def _one_combination(doc: Doc, regs: list[Regimen]) -> list[Regimen]:
    if len(regs) < 2:
        return regs
    lo, hi = sentence_bounds(doc, regs[0].start)
    if any(r.start >= hi or r.earlier or r.later for r in regs):
        return regs  # told over sentences, or ordered
    words = doc_lowers(doc)
    between = words[regs[0].end : regs[-1].start]
    if any(w in SEQUENCE_WORDS or w in NOT_WORDS for w in between):
        return regs
    if progression_in(doc, regs[0].start, regs[-1].start):
        return regs
    bracketed = (
        regs[0].members[0].mention.generic is None
        and regs[0].members[0].end < len(doc)
        and doc[regs[0].members[0].end].text == "("
    )
    if not (COMBINATION_WORDS & set(words[lo:hi]) or bracketed):
        return regs
    return [Regimen([m for r in regs for m in r.members])]


# the regimen told going on now: "She is being treated with …", "Patient is now on
# maintenance letrozole", "has been stable for 18 months on this regimen"
ONGOING = frozenset(
    {"being", "currently", "now", "continues", "continued", "continuing", "ongoing", "still"}
    | {"maintenance", "maintained", "remains"}
)


def _ongoing_without_event(doc: Doc, text: str, infos: Sequence[MentionInfo]) -> AtEvent | None:
    """No event told, but metastatic disease named and one regimen for it told going on or
    responding, nothing failing and no other line ("metastatic breast cancer that has spread
    to her bones. She is being treated with palbociclib and letrozole; she has been stable"):
    the first line, not yet given (FORMAT.md) — 0 as an inference. Never with a course told
    without its response, a line word, a progression, a drug told back in time or pretreated."""
    if not _metastatic_told(doc):
        return None
    sentences: dict[int, tuple[bool, int | None, bool]] = {}  # once per sentence (a flood)
    given: list[MentionInfo] = []
    for info in infos:
        m = info.mention
        if m.negated or m.role in ("hypothetical", "bone-therapy", "adjuvant"):
            continue
        lo, hi = sentence_bounds(doc, info.start)
        if lo not in sentences:
            text_lo_hi = span_text(doc, lo, hi)
            sentences[lo] = (
                _asks_or_plans(doc, lo),
                next((t.i for t in doc[lo:hi] if _back_word(doc, t)), None),
                EARLY_DISEASE.found(text_lo_hi) and not METASTATIC_CONTEXT.found(text_lo_hi),
            )
        asks, back, early = sentences[lo]
        if asks:
            continue
        if info.progression or early or (back is not None and back < info.start):
            return None  # failing, told back in time, or early-disease treatment
        given.append(info)
    if not given:
        return None
    words = set(doc_lowers(doc))
    if (
        words & OTHER_LINES
        or any(PRETREATED.match(w) and w != "palliative" for w in words)
        # "spread" before the regimen ("metastatic breast cancer that has spread to her
        # bones") tells the disease found, not a line failing
        or progression_in(doc, 0, given[0].start, ignore=frozenset({"spread"}))
        or progression_in(doc, given[0].start, len(doc))
        or _failed_after(doc, 0)
        or any(c.category == "PROGRESSION" and not _failed_to(doc, c) for c in doc._.context_cues)
    ):
        return None
    start = given[0].start
    if _new_event(doc, start) or PFS_TOLD.search(span_text(doc, start, len(doc))):
        return None  # a new lesion, or "a progression-free survival of 16 months": it ended
    responding = _responding(doc, start)
    if not responding and (
        ENDED & words or not any(t.lower_ in ONGOING for t in doc[max(start - 6, 0) :])
    ):
        return None
    regs = regimens(doc, given)  # last: the costliest
    if any(r.earlier for r in regs) or len({r.names() for r in regs}) != 1:
        return None
    if not responding and _course_told(doc, regs[0]):
        return None
    lo, hi = sentence_bounds(doc, start)
    sent = doc[lo:hi]
    return 0, Span(sent.start_char, sent.end_char, text[sent.start_char : sent.end_char]), ()


# stop 38 (r47): every treatment turned down, in the story's words ("She decided not to go
# through with any treatment", "declined all treatment", "opted for no treatment"): the
# treatment word itself, not one drug or class ("she declined chemotherapy" leaves others)
EVERY_TREATMENT_REFUSED = gated(
    r"\b(?:(?:declin|refus)\w*|turned\s+down"
    r"|(?:decided|chose|opted|elected)\s+(?:not\s+to\s+(?:go\s+through\s+with|have|undergo|pursue"
    r"|receive|get|start|take|seek)|against|for\s+no)"
    r"|did\s+not\s+want|didn['’]t\s+want|wanted\s+no"
    # stop 43 (r58-0018): never sought or had it ("hid it from everyone … and never sought
    # treatment for herself")
    r"|never\s+(?:sought|seeked|had|received|got|wanted|pursued|started|accepted|underwent"
    r"|undergone|agreed\s+to))"
    r"\s+(?:any|all|further|more|active|no)?\s*(?:(?:medical|cancer|active|further|more)\s+)?"
    r"(?:treatments?|therap(?:y|ies))\b",
    re.I,
)


# the disease told beyond cure without a metastatic word ("She had terminal breast cancer")
BEYOND_CURE = re.compile(r"\b(?:terminal|incurable|end[- ]stage)\b", re.I)


def _every_treatment_refused(
    doc: Doc, text: str, infos: Sequence[MentionInfo], sites: Collection[int]
) -> AtEvent | None:
    """No event told, but metastatic disease named (a metastatic word, a site read, or the
    disease beyond cure) and every treatment turned down, with no regimen, line or
    progression told: the first line, not given (FORMAT.md) — 0 as an inference. A regimen
    told anywhere (before as early disease, or after: "declined treatment at first, then
    agreed to letrozole") leaves the count to the other readers."""
    found = EVERY_TREATMENT_REFUSED.search(text)
    if found is None or not (sites or BEYOND_CURE.search(text) or _metastatic_told(doc)):
        return None
    if any(not info.mention.negated and info.mention.role != "bone-therapy" for info in infos):
        return None
    words = set(doc_lowers(doc))
    if words & OTHER_LINES or any(PRETREATED.match(w) and w != "palliative" for w in words):
        return None
    return 0, Span(found.start(), found.end(), found.group(0)), ()


# a progression-free survival told for the regimen: it has ended (in progression, or is
# still counted): the count is asked
PFS_TOLD = re.compile(r"progression[\s-]*free|\bpfs\b|\bttp\b|time to progression", re.I)


# "remains progression-free", "is still free of progression", "continues to be
# progression-free", "progression-free to date": the one regimen told is going on, not failing
FREE_NOW = re.compile(
    r"\b(?:remains?|is|still|continues\s+to\s+be|has\s+been|currently|now)\s+(?:\w+\s+){0,2}?"
    r"(?:progression[\s-]*free|free\s+of\s+(?:disease\s+)?progression)"
    r"|(?:progression[\s-]*free|free\s+of\s+(?:disease\s+)?progression)\s+(?:to\s+date|so\s+far"
    r"|until\s+now|at\s+present|ongoing)",
    re.I,
)
# an outcome hoped for, not told: "with the hope of seeing a response", "aiming for remission"
HOPE_WORDS = frozenset(
    {"hope", "hoped", "hoping", "hopes", "aim", "aiming", "aims", "goal", "expect", "expected"}
    | {"achieve", "induce", "obtain", "seeking", "intent", "intention", "possibility"}
)


# Before a treatment word, these tell it not given for the metastatic disease: planned ("…
# revealed metastatic carcinoma, subsequently planned for chemotherapy") or early-disease
# ("detected four years after breast conserving surgery with …, incomplete adjuvant
# biologic and hormonal therapy": a list the comma does not end)
# a treatment refused, declined or not yet sought is none given ("refused chemotherapy,
# radiotherapy and other treatments", "refusal of proper medical treatment", "the delay in
# seeking medical treatment")
REFUSAL_WORDS = frozenset(
    {"refused", "refuses", "refusing", "refusal", "declined", "declines", "declining"}
    | {"decline", "refuse", "seeking", "sought", "delayed", "delaying", "rejected", "rejecting"}
    | {"withheld", "deferred", "forgo", "forwent", "forgoing"}
)
NOT_GIVEN_BEFORE = PLANNING_WORDS | REFUSAL_WORDS | {"adjuvant", "neoadjuvant", "neo-adjuvant"}


def _refused(doc: Doc, t: Token) -> bool:
    """A refusal word before ``t`` in its clause: "she refused chemotherapy, radiotherapy and
    other topical treatments" (the plural is the treatments refused, no lines given)."""
    lo, hi = sentence_bounds(doc, t.i)
    for w in reversed(doc[max(t.i - 8, lo) : t.i]):
        if w.lower_ in REFUSAL_WORDS:
            return True
        if w.lower_ in (";", "but", "then", "which", "after"):
            return False
    return _refused_after(doc_lowers(doc), t.i, hi)


# stop 44 (r60-0007): the offer told first, the refusal after it ("was offered chemotherapy
# to treat the cancer, but she opted against it", "… but she declined it")
REFUSED_AFTER = REFUSAL_WORDS | {"against"}  # "opted/decided/chose against it"
REFUSED_OBJECTS = frozenset({"it", "them", "this", "that", "treatment", "chemo", "chemotherapy"})
REFUSED_REACH = 12  # words from the treatment to the refusal's object


def _refused_after(lowers: Sequence[str], i: int, hi: int) -> bool:
    end = min(hi, i + REFUSED_REACH)
    for k in range(i + 1, end - 1):
        if lowers[k] in (";", "then", "which", "after", "and"):
            return False
        if lowers[k] in REFUSED_AFTER and lowers[k + 1] in REFUSED_OBJECTS:
            return True
    return False


def _not_given(doc: Doc, t: Token) -> bool:
    lo = sentence_bounds(doc, t.i)[0]
    return any(w.lower_ in NOT_GIVEN_BEFORE for w in doc[max(t.i - 4, lo) : t.i])


def _hoped_for(doc: Doc, t: Token) -> bool:
    lo = sentence_bounds(doc, t.i)[0]
    return any(w.lower_ in HOPE_WORDS for w in doc[max(t.i - 5, lo) : t.i])


def _progression_free_now(doc: Doc, start: int) -> bool:
    """The regimen told going on without progression (FREE_NOW), no other PFS told."""
    text = span_text(doc, start, len(doc))
    told = list(PFS_TOLD.finditer(text))
    free = list(FREE_NOW.finditer(text))
    return bool(free) and all(any(f.start() <= m.start() < f.end() for f in free) for m in told)


def _metastatic_told(doc: Doc) -> bool:
    """Metastatic disease told of the patient, not denied nor supposed ("No CT evidence for
    distant metastatic disease" is not). Linear: the first denial of each sentence once."""
    denied_from: dict[int, int] = {}  # sentence start -> first negation or scoping cue
    for c in doc._.context_cues:
        if c.category in ("HYPOTHETICAL", "NEGATED_EXISTENCE", "POSSIBLE_EXISTENCE"):
            lo = sentence_bounds(doc, c.start)[0]
            denied_from[lo] = min(denied_from.get(lo, c.start), c.start)
    for i, word in enumerate(doc_lowers(doc)):
        if word in NOT_WORDS:
            lo = sentence_bounds(doc, i)[0]
            denied_from[lo] = min(denied_from.get(lo, i), i)
    for start, end in METASTATIC_CONTEXT.spans(doc_text(doc)):
        token = doc.char_span(start, end, alignment_mode="expand")
        if token is None:
            continue
        lo = sentence_bounds(doc, token.start)[0]
        if denied_from.get(lo, len(doc)) >= token.start:
            return True
    return False


# After the one regimen told since the event: other lines told without their drugs
OTHER_LINES = frozenset(
    {"lines", "regimens", "switched", "changed", "pretreated", "pre-treated", "later-line"}
    | {"therapies", "treatments", "modalities"}
    | {"second-line", "third-line", "salvage", "subsequent", "rechallenge", "re-challenge"}
)
# what "subsequent" tells when it is not a treatment: "with subsequent improvement in renal
# function", "subsequent imaging" (not "subsequent chemotherapy", "subsequent lines")
OUTCOME_NOUNS = frozenset(
    {"improvement", "recovery", "resolution", "normalisation", "normalization", "decline"}
    | {"development", "deterioration", "worsening", "imaging", "scans", "scan", "biopsy"}
    | {"follow-up", "admission", "hospitalisation", "hospitalization", "death", "course"}
    | {"increase", "decrease", "rise", "fall", "onset", "appearance", "evaluation", "workup"}
)


def _outcome_word(doc: Doc, t: Token) -> bool:
    return t.lower_ == "subsequent" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ in OUTCOME_NOUNS


CHANGED_OF_TREATMENT = frozenset({"to", "over", "from"})  # "changed to B", "switched over"
NAMING_WORDS = frozenset(
    {"comprising", "including", "consisting", "of", "with", ":", "(", "namely", "i.e.", "-"}
)


def _other_lines(doc: Doc, t: Token, named: Sequence[MentionInfo]) -> bool:
    """An OTHER_LINES word after the event that tells lines not named — not one said of
    something else or of the regimen named: "the immunostaining profiles changed" (a change
    of treatment is "changed to B"), "specific treatments, comprising weekly paclitaxel and
    an aromatase inhibitor" (the plural names the drugs told right after it), "discharged
    with the NP regimen for subsequent treatment" (the treatment to come is that regimen)."""
    word = t.lower_
    if _outcome_word(doc, t) or _refused(doc, t):
        return False
    starts = {info.start for info in named}
    if word in ("changed", "switched"):
        nxt = doc[t.i + 1 : t.i + 3]
        return any(w.lower_ in CHANGED_OF_TREATMENT for w in nxt) or any(
            _treatment_word(doc, w) or w.i in starts for w in doc[max(t.i - 4, 0) : t.i]
        )
    if word in ("therapies", "treatments", "modalities") and _care_or_offered(doc, t):
        return False  # "other treatments to palliate her bone pain … were offered"
    if word in ("therapies", "treatments", "regimens", "modalities"):
        # the drugs named right after the plural: its members
        first = next((i for i in range(t.i + 1, min(t.i + 6, len(doc))) if i in starts), None)
        return first is None or not (
            first == t.i + 1 or any(w.lower_ in NAMING_WORDS for w in doc[t.i + 1 : first])
        )
    if word == "subsequent" and t.i > 0 and doc[t.i - 1].lower_ == "for":
        # "with the NP regimen for subsequent treatment": said of the regimen in its sentence
        lo, hi = sentence_bounds(doc, t.i)
        return not any(lo <= i < t.i for i in starts)
    return True


# round 19b (r19-0009): treatments told for a symptom ("other treatments to palliate her
# bone pain and shortness of breath were offered", "therapies for her pain") or told only
# offered or proposed ("other treatments were offered") are care of the patient or a plan,
# no lines of the cancer told unnamed
SYMPTOM_AIMS = frozenset(
    {"palliate", "relieve", "ease", "alleviate", "control", "manage", "treat", "reduce"}
)
SYMPTOMS = frozenset(
    {"pain", "pains", "symptom", "symptoms", "dyspnea", "dyspnoea", "breathlessness", "nausea"}
    | {"fatigue", "itching", "pruritus", "cough", "discomfort", "shortness", "distress"}
)
OFFERED_ONLY = frozenset(
    {"offered", "proposed", "suggested", "discussed", "recommended", "considered", "planned"}
)
OFFER_REACH = (
    12  # tokens from the plural to its verb ("… to palliate her bone pain … were offered")
)


def _care_or_offered(doc: Doc, t: Token) -> bool:
    """The plural treatment word ``t`` aimed at a symptom or told only offered (above)."""
    lo, hi = sentence_bounds(doc, t.i)
    after = [w.lower_ for w in doc[t.i + 1 : min(hi, t.i + 1 + OFFER_REACH)]]
    for k, w in enumerate(after):
        if w in (";", "but", "and") and k + 1 < len(after) and after[k + 1] in ("she", "he"):
            break  # another clause
        if w in SYMPTOMS and (
            {"to", "for"} & set(after[:k]) and (SYMPTOM_AIMS & set(after[:k]) or "for" in after[:k])
        ):
            return True
        if w in OFFERED_ONLY and k > 0 and after[k - 1] in ("were", "was", "are", "is", "been"):
            return True
    return False


FAILED = re.compile(
    r"^(?:fail(?:ed|ing|s|ure)?|refractory|resistant|resistance|relapsed|recurred)$"
)
# "rehabilitation therapy", "treatment in the intensive care unit": not a systemic line
LOCAL_TREATMENT = frozenset(
    {"radiation", "radiotherapy", "irradiation", "radiosurgery", "rt", "srs", "sbrt", "wbrt"}
    | {"ebrt", "sabr", "gamma", "cyberknife", "brachytherapy", "radiotherapeutic"}
    | {"pleurodesis", "laminectomy", "decompression", "vertebroplasty", "kyphoplasty"}
    | {"fixation", "stabilisation", "stabilization", "thoracentesis", "paracentesis"}
)
NOT_SYSTEMIC = frozenset(
    {"rehabilitation", "physical", "supportive", "antibiotic", "antibiotics", "steroid"}
    | {"pain", "occupational", "speech", "oxygen", "anticoagulant", "symptomatic", "fertility"}
    | {"intensive", "icu", "surgical", "local", "operative"}
    # local treatment of a site, never a systemic line (FORMAT.md): "palliative radiation
    # treatment to the spine", "was treated with radiotherapy", "received SBRT"
    | LOCAL_TREATMENT
    # treatment of a complication ("admitted for treatment of suspected hypercalcemia")
    | {"hypercalcemia", "hypercalcaemia", "infection", "sepsis", "symptoms", "pneumonia"}
    # stop 31 (r31): a screening or the news received ("She was health conscious, received
    # yearly mammograms", "received the news that …"); not "diagnosis" nor "results", said
    # beside treatment too ("I received my TNMBC diagnosis … after three recurrences")
    | {"mammogram", "mammograms", "mammography", "screening", "screenings", "checkup"}
    | {"checkups", "check-up", "check-ups", "news"}
)


EARLIER_WORDS = frozenset({"previously", "prior", "history", "formerly"})
PARTICIPLES = frozenset({"been", "undergone", "received", "taken", "had", "completed", "gone"})


def _told_earlier(doc: Doc, i: int) -> bool:
    """The mention's sentence goes back in time before it ("he had undergone …", "had
    previously been treated with …", "a history of …"): told after the event, given
    before it. ("She had chemotherapy" is the simple past.)"""
    lo = sentence_bounds(doc, i)[0]
    return any(_back_word(doc, t) for t in doc[max(lo, i - 8) : i])


def _back_word(doc: Doc, t: Token) -> bool:
    nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
    return (
        t.lower_ in EARLIER_WORDS
        or (t.lower_ == "had" and nxt is not None and nxt.lower_ in PARTICIPLES)
        or _the_first_time(doc, t)
    )


def _the_first_time(doc: Doc, t: Token) -> bool:
    """Stop 47 (r67-0019): the earlier course named as such ("The first time I had a fear of
    the treatment more than dying; now I was stage 4")."""
    return (
        t.lower_ == "first"
        and 0 < t.i < len(doc) - 1
        and doc[t.i - 1].lower_ == "the"
        and doc[t.i + 1].lower_ == "time"
    )


def _first_time_before(doc: Doc, t: Token) -> bool:
    lo = sentence_bounds(doc, t.i)[0]
    return any(_the_first_time(doc, w) for w in doc[max(lo, t.i - 8) : t.i])


def early_disease_therapy(doc: Doc, infos: Sequence[MentionInfo], sites: Collection[int]) -> None:
    """Drugs told before the metastatic event (or in a text telling none) in a sentence of
    early-disease treatment ("treated with modified radical mastectomy, chemotherapy and
    radiotherapy, followed by hormone therapy with tamoxifen") are early-disease therapy:
    role ``adjuvant``, never a metastatic line nor a metastatic prior therapy (FORMAT.md).
    Not a drug told failing, nor one in a sentence telling metastatic disease."""
    event = metastatic_event(doc, sites)
    first_told: int | None = None  # where metastatic disease is first told (read when needed)
    early: dict[tuple[int, int], bool] = {}  # per sentence (part): a linear pass on a flood
    made_early: set[str | None] = set()  # the drugs made early-disease therapy here
    for info in infos:
        m = info.mention
        if m.role == "adjuvant":
            made_early.add(m.generic or m.drug_class)
        if m.negated or m.role != "prior" or info.progression:
            continue
        if event is not None and info.start >= event:
            if (
                (m.generic or m.drug_class) in made_early
                and info.start >= sentence_bounds(doc, event)[1]
                and _same_course(doc, info.start)
            ):
                # "… relapsed after adjuvant trastuzumab treatment. After completing her
                # trastuzumab treatment, …": the early course told again
                info.mention = replace(m, role="adjuvant")
            continue
        s_lo, s_hi = sentence_bounds(doc, info.start)
        end = s_hi if event is None else min(s_hi, event)
        if (s_lo, end) not in early:
            early[(s_lo, end)] = EARLY_DISEASE.found(span_text(doc, s_lo, end)) or (
                event is not None
                and (_continues_early(doc, s_lo, end) or _free_after_early(doc, s_lo, end, event))
            )
        end_char = doc[end - 1].idx + len(doc[end - 1]) if end > 0 else 0
        before_surgery = _primary_surgery_after(doc, info.start, event, sites) or (
            event is not None and _early_story_before(doc, info.start, event, sites)
        )
        if (early[(s_lo, end)] or before_surgery) and first_told is None:
            first_told = _first_metastatic_char(doc)  # the same search, once per text
        if (
            (early[(s_lo, end)] or before_surgery)
            and first_told is not None
            and (first_told >= end_char or before_surgery)
        ):
            info.mention = replace(m, role="adjuvant")  # nothing metastatic told up to it
            made_early.add(m.generic or m.drug_class)


HAD_WORDS = frozenset({"had", "received", "completed", "finished", "undergone", "underwent"})


def _had_then_planned(doc: Doc, regimen: Regimen, infos: Sequence[MentionInfo]) -> bool:
    """Stop 62 (r125-0003): the regimen told had ("I have had more chemotherapy") and a
    treatment told ahead after it ("… and will be on aromatase inhibitors and Herceptin for as
    long as they keep working"): a course given before the one to come — no line just
    begun."""
    first = regimen.members[0]
    lo = sentence_bounds(doc, first.start)[0]
    if not HAD_WORDS.intersection(doc_lowers(doc)[max(lo, first.start - 3) : first.start]):
        return False
    return any(
        i.mention.role == "hypothetical" and not i.mention.negated and i.start > regimen.end
        for i in infos
    )


def _begun(doc: Doc, regimen: Regimen) -> bool:
    """A start word right before or after the regimen's first mention in its sentence."""
    first, final = regimen.members[0], regimen.members[-1]
    lo, hi = sentence_bounds(doc, first.start)
    near = doc[max(first.start - 4, lo) : first.start]
    end = final.end if sentence_bounds(doc, final.start)[0] == lo else first.end
    return any(t.lower_ in BEGUN_WORDS for t in near) or any(
        t.lower_ in BEGUN_WORDS for t in doc[end : min(end + 4, hi)]
    )


BEGUN_WORDS = (BEGIN_WORDS - {"changed", "switched", "added"}) | {"begins", "prescribes", "placed"}


# "paclitaxel for 6 cycles", "six courses of", "x6", "for 3 years": a course told as a
# length is a line given (and maybe over), not one just begun — the count is asked
COURSE_UNITS = frozenset(
    {"cycle", "cycles", "course", "courses", "infusions", "doses"}
    | {"month", "months", "mo", "year", "years", "yrs"}
)
COURSE_TIMES = re.compile(r"^[x×]\d+$")
# round 21: the courses counted as a patient or carer tells them ("He's been through
# chemotherapy once and radiation twice", "she had chemo three times")
COURSE_COUNTS = frozenset({"once", "twice", "thrice"})
GONE_THROUGH = frozenset({"been", "went", "gone", "go", "going"})


def _course_told(doc: Doc, regimen: Regimen) -> bool:
    """The regimen is told with the length it was given: "six cycles of docetaxel",
    "paclitaxel for 6 cycles", "docetaxel x6", "chemotherapy twice", "been through
    chemotherapy" (not "2.5 years later on letrozole": a date)."""
    first = regimen.members[0].start
    lo, hi = sentence_bounds(doc, first)
    before = doc[max(lo, first - 4) : first]
    if any(t.lower_ == "of" for t in before) and any(_length(doc, t) for t in before):
        return True  # "six cycles of docetaxel"
    if any(
        t.lower_ == "through" and t.i > lo and doc[t.i - 1].lower_ in GONE_THROUGH for t in before
    ):
        return True  # "he's been through chemotherapy": a course gone through, over
    after = doc[first : min(hi, regimen.members[-1].end + 6)]
    return (
        any(t.lower_ == "for" and t.i + 2 < hi and _length(doc, doc[t.i + 2]) for t in after)
        # stop 41 (r52-0035): "rounds of chemotherapy and radiation throughout 2014", the whole
        # of a time
        or any(t.lower_ == "throughout" and _a_time(doc, t.i + 1, hi) for t in after)
        or any(COURSE_TIMES.match(t.lower_) for t in after)
        or any(
            _counted(doc, t)
            for t in doc[regimen.members[-1].end : min(hi, regimen.members[-1].end + 2)]
        )
    )


WHOLE_TIMES = frozenset({"year", "summer", "winter", "spring", "autumn", "fall", "months"})


def _a_time(doc: Doc, i: int, hi: int) -> bool:
    """A year or a stretch of time at ``i`` ("2014", "the year", "that summer")."""
    words = doc_lowers(doc)[i : min(i + 2, hi)]
    if not words:
        return False
    if is_year(words[0]):
        return True
    return words[0] in ("the", "that", "this") and words[1:2] != [] and words[1] in WHOLE_TIMES


def _counted(doc: Doc, t: Token) -> bool:
    """ "once", "twice", "three times" right after a regimen: the courses it was given."""
    if t.lower_ in COURSE_COUNTS:
        return True
    return t.lower_ == "times" and t.i > 0 and doc[t.i - 1].like_num


def _length(doc: Doc, t: Token) -> bool:
    """A number then a course unit ("6 cycles", "three months")."""
    return (
        t.lower_ in COURSE_UNITS
        and t.i > 0
        and (doc[t.i - 1].like_num or doc[t.i - 1].lower_ in ("several", "few", "another"))
        # "the first course of", "after her 3rd cycle": which course, not how many
        and not ORDINAL.match(doc[t.i - 1].lower_)
    )


ORDINAL = re.compile(
    r"^(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|\d+(?:st|nd|rd|th))$"
)


def _asked_after(doc: Doc, start: int) -> bool:
    """A question or a plan told from ``start`` on ("Next?", "what would you recommend")."""
    i = start
    while i < len(doc):
        lo, hi = sentence_bounds(doc, i)
        if _asks_or_plans(doc, lo):
            return True
        i = hi
    return False


def _responding(doc: Doc, start: int) -> bool:
    """A response told from ``start`` on ("with a good response", "resulted in rapid
    improvement", "stabilization of her disease")."""
    return any(
        (
            t.lower_ in RESPONSE_WORDS
            or t.lower_ in RESPONSE_FORMS
            or t.lower_.startswith(("stabili", "improv"))
            # stop 41 (r52-0017): "keeping both the tumour and the spread under control"
            or _disease_held(doc, t)
            or _treatment_working(doc, t)
        )
        and not any(w.lower_ in NOT_WORDS for w in doc[max(t.i - 3, 0) : t.i])
        for t in doc[start:]
    )


LESS_EFFECTIVE = re.compile(
    r"\b(?:less|no\s+longer)\s+(?:as\s+|very\s+)?effective\b",
    re.I,
)


def _event_told_on(doc: Doc, hi: int, start: int) -> int:
    """Stop 44 (r61-0004): the sentence right after the event's that tells where it had
    spread, with no time of its own ("… I was diagnosed with metastatic cancer. The breast
    cancer had spread to my lungs and my lymph glands.") is the event's, no progression
    after it: the progression check starts after it."""
    if hi >= start:
        return hi
    lo2, hi2 = sentence_bounds(doc, hi)
    words = set(doc_lowers(doc)[lo2:hi2])
    if hi2 > start or not words & SPREAD_WORDS or words & (SPREAD_THEN | TIME_SPAN_WORDS):
        return hi  # "Over the next 8 months the cancer spread through 15 sites": a progression
    if _year_told(words):
        return hi
    return hi2


TIME_SPAN_WORDS = frozenset(
    {"next", "over", "since", "month", "months", "year", "years", "week", "weeks", "time"}
)
# a course told from one year to another ("chemotherapy and targeted therapy from 2019 to
# around 2021/2022"): given and over, whether it failed untold
COURSE_YEARS = re.compile(
    r"\bfrom\s+(?:\w+\s+)?(?:19|20)\d\d\s+(?:to|until|till|through)\s+(?:\w+\s+)?(?:19|20)\d\d\b",
    re.I,
)


def _counted_apart(doc: Doc, after: Sequence[MentionInfo]) -> bool:
    """Two mentions of one class with no drug named, each counted by "one" in the two
    words before it ("one IV chemo and one oral chemo")."""
    lowers = doc_lowers(doc)
    counted = [
        info.mention.drug_class
        for info in after
        if info.mention.generic is None and "one" in lowers[max(info.start - 2, 0) : info.start]
    ]
    return len(counted) != len(set(counted))


ANOTHER_OF_ITS_KIND = frozenset({"different", "another", "alternative", "new", "other", "further"})


# stop 44 (r60-0031, r60-0020): the response told in a verb's other forms ("Herceptin and
# pertuzumab have seen her cancer disappear - for now") or as the treatment's success ("the
# treatment has been wonderfully successful", "it is working")
RESPONSE_FORMS = frozenset({"disappear", "disappearing", "shrink", "shrinking", "shrunk"})
WORKING_SUBJECTS = frozenset(
    {"treatment", "treatments", "therapy", "drug", "drugs", "it", "combination", "regimen"}
)


def _treatment_working(doc: Doc, t: Token) -> bool:
    """ "successful" / "working" said of the treatment within the four words before it."""
    if t.lower_ not in ("successful", "working", "effective"):
        return False
    lo = sentence_bounds(doc, t.i)[0]
    before = [w.lower_ for w in doc[max(t.i - 5, lo) : t.i]]
    if STOPPED_WORKING.intersection(before):
        return False  # "it stopped working", "is no longer working"
    return any(w in WORKING_SUBJECTS for w in before)


STOPPED_WORKING = frozenset(
    {"stopped", "quit", "ceased", "not", "n't", "no", "longer", "never", "less"}
)


def _stopped_working_after(doc: Doc, start: int) -> bool:
    """A "working" failure cue told from ``start`` on (history.working_failure_cues),
    wherever it stands from the drug: ``_told_stopped`` reads only a stop word right after
    the drug, so "started letrozole and within two months it had stopped working" had read as
    a line just begun (stop 45)."""
    return any(not _failed_to(doc, c) for c in working_failure_cues(doc, start, len(doc)))


HELD_SUBJECTS = frozenset(
    {"tumour", "tumor", "tumours", "tumors", "spread", "disease", "cancer", "lesions"}
    | {"metastases", "mets", "it"}
)


def _disease_held(doc: Doc, t: Token) -> bool:
    """ "under control" / "in check" said of the disease ("keeping both the tumour and the
    spread under control"), not of a symptom ("her pain is under control")."""
    if (
        t.lower_ not in ("control", "check")
        or t.i < 2
        or doc[t.i - 1].lower_ not in ("under", "in")
    ):
        return False
    lo = sentence_bounds(doc, t.i)[0]
    return bool(HELD_SUBJECTS.intersection(doc_lowers(doc)[max(lo, t.i - 8) : t.i - 1]))


PERIOD_UNITS = frozenset({"days", "weeks", "months", "years", "wks", "mos", "yrs"})


def _despite(doc: Doc, start: int) -> bool:
    """The regimen told as what the disease went on despite ("the patient … died despite
    chemotherapy", "Despite paclitaxel, the liver lesions grew"): it failed."""
    lo = sentence_bounds(doc, start)[0]
    before = [t.lower_ for t in doc[max(lo, start - 4) : start]]
    return "despite" in before or any(
        a == "in" and b == "spite" for a, b in zip(before, before[1:], strict=False)
    )


# a regimen's stop told of it (not "completed"/"finished": a course told done is read by
# _course_told and the end of lines_at_event)
STOPPED = frozenset(
    {"suspended", "discontinued", "stopped", "withdrawn", "interrupted", "ceased", "halted"}
)
# the words a stop may follow its drug by ("T-DM1 was then permanently discontinued", "…
# started and later stopped"): the stop is said of the drug, not of another ("letrozole was
# started; aspirin was stopped")
STOP_FILLERS = frozenset(
    {"was", "were", "had", "has", "been", "later", "then", "subsequently", "eventually"}
    | {"finally", "therefore", "thus", "permanently", "temporarily", "also", "and", "therapy"}
    | {"treatment", "which", "that", "it", "(", ")", ",", "started", "initiated", "begun"}
    | {"commenced", "given", "administered", "after", "months", "weeks", "cycles"}
)
# a regimen going on after a stop of one of its drugs, or given again ("carboplatin was
# stopped and nab-paclitaxel was continued", "… resumed"); not "remained" ("the patient
# remained under surveillance" is no treatment going on)
GOES_ON = (CONTINUED_WORDS - {"remained"}) | {
    "resumed",
    "restarted",
    "re-started",
    "reintroduced",
    "rechallenged",
    "re-challenged",
    "monotherapy",
}


# stop 43 (r58-0020): a regimen stopped by its toxicity, told without a stop word ("She was given
# chemotherapy but had a severe reaction", "started paclitaxel but had to stop it because of
# the side effects", "could not tolerate capecitabine"): given and over, one line, as a regimen
# told stopped is. Right after the drug, in its sentence: "but"/"and" and the reaction had, or
# her having to stop it.
TOXIC_STOP = re.compile(
    r"[\s,;]*(?:(?:but|and|which|then|however)[\s,]+)?(?:(?:she|he|i|it|this|they)\s+)?"
    r"(?:(?:then|soon|quickly|unfortunately|sadly)\s+)?"
    r"(?:(?:had|developed|suffered|experienced|caused|gave\s+(?:her|him|me))\s+(?:an?\s+)?"
    r"(?:(?:very|really|severe|bad|serious|allergic|anaphylactic|life-threatening|terrible"
    r"|horrible|awful|adverse|toxic|nasty|dreadful|major|near-fatal)\s+){0,3}reactions?\b"
    r"|(?:had|needed)\s+to\s+(?:stop|come\s+off|discontinue|quit|abandon)\b)",
    re.I,
)


def _stopped_by_toxicity(doc: Doc, after: Sequence[MentionInfo], regimen: Regimen) -> bool:
    if regimen.intolerant:
        return True  # "could not tolerate capecitabine" (chatbot.nlp.history)
    text = doc_text(doc)
    for info in after:
        hi = sentence_bounds(doc, info.start)[1]
        end = doc[info.end - 1].idx + len(doc[info.end - 1])
        stop = doc[hi - 1].idx + len(doc[hi - 1])
        if TOXIC_STOP.match(text, end, stop) is not None:
            return True
    return False


def _told_stopped(doc: Doc, after: Sequence[MentionInfo]) -> bool:
    """A stop word told right after a mention of the regimen ("T-DM1 was suspended", "…
    which was later discontinued because of pneumonitis"), only fillers between; never a
    stop denied or planned ("was not discontinued", "will be stopped")."""
    words = doc_lowers(doc)
    for info in after:
        hi = sentence_bounds(doc, info.start)[1]
        for i in range(info.end, min(hi, info.end + 9)):
            if words[i] in STOPPED:
                # "carboplatin was stopped …, and nab-paclitaxel was continued": the line
                # goes on without it; "… resumed": it is given again
                return not GOES_ON & set(words[i:])
            if words[i] in UNTIL_WORDS:
                return _ended_until(words, sentence_bounds(doc, info.start)[0], info.start, i)
            if words[i] not in STOP_FILLERS:
                break
    return False


# stop 36 (r42): a regimen told taken until something else happened ("She was taking palbociclib
# and letrozole, until the conflict struck in Sudan"): given and over, one line — not "until now"
# (still on it), not a plan ("will continue … until progression", "to take it until …")
# (the "until" words and the words of a plan are history's, which reads "until progression")
STILL_NOW = frozenset({"now", "today", "present", "date", "further", "progression", "disease"})
TAKEN_PAST = frozenset({"was", "were", "took", "had", "received", "stayed", "remained"})


def _ended_until(words: Sequence[str], lo: int, start: int, until: int) -> bool:
    before = set(words[lo:start])
    return (
        until + 1 < len(words)
        and words[until + 1] not in STILL_NOW
        and bool(before & TAKEN_PAST)
        and not before & UNTIL_PLANS
    )


def _response_ended(doc: Doc, start: int) -> bool:
    """A response told over a past period from ``start`` on ("After 8 weeks of improvement",
    "after six months of remission"): it has ended, the line was given and may have failed."""
    return any(
        (t.lower_ in RESPONSE_WORDS or t.lower_.startswith(("stabili", "improv")))
        and t.i >= 3
        and doc[t.i - 1].lower_ == "of"
        and doc[t.i - 2].lower_ in PERIOD_UNITS
        and (doc[t.i - 3].like_num or doc[t.i - 3].lower_ in ("several", "few"))
        and t.i >= 4
        and doc[t.i - 4].lower_ in ("after", "following")
        for t in doc[start:]
    )


def _new_event(doc: Doc, start: int) -> bool:
    """A metastatic finding told after the regimen began ("In 2012, bone scan was
    suggestive of multiple skeletal metastases"): the disease progressed on it. Not in a
    sentence telling a response ("complete metabolic response of all metastatic lesions"),
    nor in the regimen's own sentence unless told against it ("Although she received S-1
    for 4 months, MRI showed multiple liver metastases")."""
    if _found_despite(doc, start):
        return True
    i = start
    while i < len(doc):
        lo, hi = sentence_bounds(doc, i)
        words = set(doc_lowers(doc)[lo:hi])
        if (
            lo > sentence_bounds(doc, start)[0]
            and not words & (RESPONSE_WORDS | NOT_WORDS)
            and words & DISCOVERY_WORDS
            and any(_EVENT_WORD.match(w) for w in words)
        ):
            return True
        i = hi
    return False


# a finding told against the regimen in its own sentence: "Although she received …, MRI
# showed …", "… was given, but CT revealed new liver metastases"
CONCESSIVE = frozenset({"although", "though", "despite", "notwithstanding"})
CONTRAST = frozenset({"but", "however", "yet", "nevertheless"})


def _found_despite(doc: Doc, start: int) -> bool:
    lo, hi = sentence_bounds(doc, start)
    lowers = doc_lowers(doc)
    found = next(
        (k for k in range(start + 1, hi) if lowers[k] in DISCOVERY_WORDS),
        None,
    )
    if found is None or not any(_EVENT_WORD.match(w) for w in lowers[found + 1 : hi]):
        return False
    tail = set(lowers[found:hi])
    if tail & (RESPONSE_WORDS | NOT_WORDS):
        return False
    return bool(CONCESSIVE & set(lowers[lo:start]) or CONTRAST & set(lowers[start:found]))


def _failed_after(doc: Doc, start: int) -> bool:
    """ "… failed", "refractory", "relapsed" told from ``start`` on and not negated."""
    return any(
        FAILED.match(t.lower_)
        and not any(w.lower_ in NOT_WORDS for w in doc[max(t.i - 3, 0) : t.i])
        and not (t.lower_ == "failure" and t.i > 0 and doc[t.i - 1].lower_ in ORGAN_FAILURE)
        for t in doc[start:]
    )


ADDED_WORDS = frozenset({"added", "adding", "addition", "add-on"})


def _added(doc: Doc, regimen: Regimen) -> bool:
    """The regimen told added to the one before: "B was added", "with the addition of B",
    "B, added after cycle 3" (in its own clause, a few words from it)."""
    lo, hi = sentence_bounds(doc, regimen.start)
    for t in doc[regimen.end : min(hi, regimen.end + 4)]:
        if t.lower_ in ADDED_WORDS:
            return True
        if t.text in (",", ";") and t.i > regimen.end:
            break
    if any(
        t.lower_ in ("addition", "adding", "added")
        for t in doc[max(lo, regimen.start - 3) : regimen.start]
    ):
        return True
    # stop 45 (r60-0020): the sentence opening on the drug joined to the regimen before
    # ("Combined with hormonal inhibitor Arimidex, the treatment has been wonderfully
    # successful", "Together with letrozole, …"): one regimen
    words = doc_lowers(doc)[lo : regimen.start]
    return 0 < len(words) <= 5 and (words[0] == "alongside" or tuple(words[:2]) in JOINED_OPENINGS)


JOINED_OPENINGS = frozenset(
    {("combined", "with"), ("together", "with"), ("along", "with"), ("in", "combination")}
)


def _metastases_recurring(doc: Doc, lo: int, hi: int) -> bool:
    """ "a recurrence of brain metastases", "relapse of the liver metastases", "recurrent
    bone metastases": the metastases were there (and maybe treated) before."""
    words = doc_lowers(doc)
    for i in token_range(doc, lo, hi):
        word = words[i]
        if word.startswith(("recurren", "relaps")):
            after = words[i + 1 : min(hi, i + 5)]
            # the metastases themselves (not "recurrent metastatic TNBC": a recurrence that
            # is metastatic, the first discovery)
            if (word in ("recurrent", "relapsing") or (after and after[0] == "of")) and any(
                w.startswith(("metastas", "mets")) for w in after
            ):
                return True
    return False


def _local_or_organ(doc: Doc, t: Token) -> bool:
    """ "palliative radiotherapy to the spine" (a local treatment, not a line), "proceed with
    palliative care" (supportive care, no cancer treatment), "acute renal failure", "multiple
    organ failure" (an organ failing, not a treatment), "hypoechoic lines" on an ultrasound or
    "central lines" (not lines of therapy)."""
    word = t.lower_
    if word == "palliative":
        if t.i + 1 < len(doc) and doc[t.i + 1].lower_ in CARE_WORDS:
            return True
        return any(
            w.lower_ in LOCAL_TREATMENT or SURGICAL_PROCEDURE.search(w.lower_)
            for w in doc[t.i + 1 : t.i + 4]
        )
    if word.startswith("fail"):
        before = {w.lower_ for w in doc[max(t.i - 2, 0) : t.i]}
        return bool(before & (ORGAN_FAILURE | ORGANS_FAILING))
    if word in ("line", "lines") and t.i > 0:
        return doc[t.i - 1].lower_ in NOT_THERAPY_LINES
    return False


# "palliative care", "palliative care services", "palliative hospice": care of the patient,
# not a treatment of the cancer (FORMAT.md counts only systemic lines)
CARE_WORDS = frozenset({"care", "hospice", "comfort", "support", "supportive", "medicine"})
# lines that are no lines of therapy: seen on imaging ("multiple internal hypoechoic lines",
# "fracture lines", "Kerley B lines") or a catheter ("central lines", "PICC lines")
NOT_THERAPY_LINES = frozenset(
    {"hypoechoic", "hyperechoic", "echogenic", "anechoic", "isoechoic", "sclerotic", "lucent"}
    | {"radiolucent", "fracture", "septal", "b", "kerley", "central", "picc", "arterial"}
    | {"venous", "intravenous", "iv"}
)


ORGANS_FAILING = frozenset(
    {"organ", "multiorgan", "multi-organ", "kidney", "kidneys", "pulmonary", "lung", "marrow"}
    | {"hepatic", "heart", "ventricular", "bowel", "intestinal", "multisystem", "ovarian"}
)


# round 23: a treatment told as what comes next ("because of the small lesions on my lungs,
# I'm going straight to chemotherapy", "she will start chemo next week"): not given yet
AHEAD_WORDS = frozenset({"going", "will", "'ll", "’ll", "shall"}) | {
    # stop 33 (r35): a treatment recommended or offered, not given ("Then said she was
    # recommending a course of treatment that included 3 different drugs")
    "recommend",
    "recommends",
    "recommended",
    "recommending",
    "suggested",
    "suggesting",
    "proposed",
    "proposing",
    "offered",
    "offering",
    "advised",
    "advising",
}
# ("scheduled to receive chemotherapy" is read as a line just begun, as before)
AHEAD_REACH = 4  # words looked back from the treatment word, inside its clause


# what was done after the offer ("was offered and completed proton therapy"): given
DONE_AFTER_AHEAD = frozenset(
    {"completed", "received", "underwent", "had", "started", "began", "finished", "accepted"}
)


def _told_ahead(doc: Doc, t: Token) -> bool:
    lo = sentence_bounds(doc, t.i)[0]
    lowers = doc_lowers(doc)
    start = max(lo, t.i - AHEAD_REACH)
    before = lowers[start : t.i]
    ahead = [
        k
        for k, w in enumerate(before)
        if w in AHEAD_WORDS and not _describes_given(lowers, start + k, lo)
    ]
    if _asked_whether(lowers, lo, t.i):
        return True  # stop 41 (r52-0036): "He asked if I wanted to go forward with chemotherapy"
    if _ahead_of_her(lowers, t.i):
        # stop 42 (r57-0033): "she'd have a long journey of treatments and surgeries ahead of
        # her": what lies ahead, not given
        return True
    if lowers[t.i + 1 : t.i + 2] and lowers[t.i + 1] in SUBJECT_AHEAD:
        # stop 35 (r39): the treatment the subject of what comes ("Treatment will try to shrink
        # or slow the cancer", "Chemotherapy would start next week")
        return True
    return (
        bool(ahead)
        and not {",", ";"}.intersection(before)
        and not DONE_AFTER_AHEAD.intersection(before[ahead[-1] + 1 :])
    )


SUBJECT_AHEAD = frozenset({"will", "'ll", "’ll", "shall", "would"})
AHEAD_OF = frozenset({"her", "me", "him", "us", "them"})  # not "ahead of schedule"
AHEAD_OF_REACH = 6  # words from the treatment word to "ahead of her"


def _ahead_of_her(lowers: Sequence[str], i: int) -> bool:
    for k in range(i + 1, min(i + AHEAD_OF_REACH, len(lowers) - 2)):
        if lowers[k] in (".", ";", "!", "?"):
            return False
        if lowers[k] == "ahead" and lowers[k + 1] == "of" and lowers[k + 2] in AHEAD_OF:
            return True
    return False


ASKING_WORDS = frozenset({"asked", "ask", "asks", "asking", "wondered", "wonder", "wondering"})
ASKED_REACH = 9  # words from "asked if" to the treatment word, inside its clause


def _asked_whether(lowers: Sequence[str], lo: int, i: int) -> bool:
    """The treatment inside a question asked ("asked if I wanted to go forward with
    chemotherapy", "wondering whether to start letrozole"): offered, not given."""
    for k in range(i - 1, max(lo, i - ASKED_REACH), -1):
        if lowers[k] in (",", ";", ".", "and", "but"):
            return False
        if lowers[k] in ("if", "whether") and lowers[k - 1] in ASKING_WORDS:
            return True
    return False


FUTURE_WORDS = frozenset({"will", "'ll", "’ll", "shall"})


def _future_plan(doc: Doc, i: int) -> bool:
    """The treatment at ``i`` is told in the future tense inside its clause ("… and will
    undergo chemotherapy", "is going to start letrozole"): not given yet."""
    lo = sentence_bounds(doc, i)[0]
    before = doc_lowers(doc)[max(lo, i - AHEAD_REACH) : i]
    if {",", ";"}.intersection(before):
        before = before[max(k for k, w in enumerate(before) if w in (",", ";")) + 1 :]
    return bool(FUTURE_WORDS.intersection(before)) or "going" in before


# round 25: what a patient is "given" when it is no treatment: her chances ("I was given a
# 16% chance to live 5 years", r25-0012; "given 2 years to live", "given the news"); stop 41
# (r39-0017): a child ("Calise had just given birth to the couple's third child")
PROGNOSIS_GIVEN = frozenset(
    {"chance", "chances", "odds", "live", "expectancy", "survival", "news", "hope", "diagnosis"}
    | {"prognosis", "outlook", "birth"}
)


RECEIVED_NEWS_REACH = 8  # words from "received" to the news received


def _received_news(words: Sequence[str], i: int) -> bool:
    """What was received is news ("received a stage 4 breast cancer diagnosis", "received the
    news that …"): a prognosis word in reach with no treatment word before it."""
    for w in words[i + 1 : i + 1 + RECEIVED_NEWS_REACH]:
        if w in PROGNOSIS_GIVEN or w in ("call", "results", "result"):
            return True
        if w in TREATMENT_WORDS or w in (",", ";", "."):
            return False
    return False


EARLIER_TREATMENT = frozenset({"initial", "original", "earlier", "first-time", "primary"})
SINCE_WORDS = frozenset({"since", "after", "following", "from"})  # a time told from it


def _treatment_word(doc: Doc, t: Token) -> bool:
    """A word telling a treatment given, unless said of a non-systemic treatment."""
    if t.lower_ not in TREATMENT_WORDS:
        return False
    if t.lower_ == "given" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "that":
        return False  # "given that it's a breast primary": a conjunction
    if t.lower_ == "given" and PROGNOSIS_GIVEN.intersection(doc_lowers(doc)[t.i + 1 : t.i + 7]):
        return False  # "I was given a 16% chance to live 5 years": a prognosis told
    if t.lower_ in ("received", "receiving") and _received_news(doc_lowers(doc), t.i):
        return False  # stop 41 (r52-0002): "she received a stage 4 breast cancer diagnosis"
    if t.lower_ == "given" and _given_as_preposition(doc, t):
        return False  # "Given the presence of large occipital lobe lesions, …": "considering"
    if t.lower_ == "started" and _started_something_else(doc, t):
        return False  # stop 47 (r67-0019): "Then I started thinking about Cane"
    near = {w.lower_ for w in doc[max(t.i - 2, 0) : t.i + 4]}
    if any(w.lower_ in NOT_WORDS for w in doc[max(t.i - 4, 0) : t.i]):
        return False  # "had not received any anticancer treatment", "without chemotherapy"
    if _purpose_of_admission(doc, t):
        return False  # "admitted to the department for diagnosis and further treatment"
    before = doc_lowers(doc)[max(t.i - 5, 0) : t.i]
    if EARLIER_TREATMENT.intersection(before) and SINCE_WORDS.intersection(before):
        # stop 35 (r39): the first cancer's treatment named as such ("so much time had passed
        # since her initial diagnosis and treatment", "years after her original treatment")
        return False
    if any(
        SURGICAL_PROCEDURE.search(w.lower_) or w.lower_ in SURGICAL_NOUNS
        for w in doc[t.i + 1 : t.i + 6]
    ):
        # "treated with diverting ileostomy", "managed by cholecystectomy", "treated with a
        # partial exeresis of the sternum"
        return False
    if _the_local_treatment(doc, t):
        return False  # "received radiotherapy … She tolerated the treatment very well"
    return not near & (NOT_SYSTEMIC | TOPIC_WORDS)


# stop 64 (round 127): "the treatment" told back of the last treatment named, a local one
# ("The patient received radiotherapy with 20 Gy in 5 fractions. She tolerated the treatment
# very well"): no systemic treatment given
BACK_REFERRING = frozenset({"the", "this", "that"})
BACK_REACH = 25  # tokens back to the treatment it refers to
# what a course of radiotherapy does not do: go on for years, change, fail, work until a time
WENT_ON = frozenset(
    {"continued", "continues", "continuing", "changed", "switched", "stopped", "failed", "worked"}
    | {"working", "lasted", "until", "years", "months", "year", "ongoing", "maintained"}
)


def _the_local_treatment(doc: Doc, t: Token) -> bool:
    if t.lower_ not in ("treatment", "therapy") or t.i == 0:
        return False
    if doc[t.i - 1].lower_ not in BACK_REFERRING:
        return False
    lowers = doc_lowers(doc)
    if WENT_ON.intersection(_until_edge(lowers[t.i + 1 : sentence_bounds(doc, t.i)[1]])):
        return False  # the review of stop 64: "The treatment continued for 5 years", "was changed"
    for w in reversed(doc[max(0, t.i - BACK_REACH) : t.i - 1]):
        if w.ent_type_ == "DRUG":
            return False
        if w.lower_ in LOCAL_TREATMENT:
            return True
    return False


# what she started that is no treatment: a gerund or an infinitive of another verb than a
# giving one ("started thinking about", "started to feel better"; not "started taking
# letrozole", "started to receive chemotherapy")
GIVING_GERUNDS = frozenset({"taking", "receiving", "getting", "having", "undergoing", "treatment"})
GIVING_VERBS = frozenset({"take", "receive", "get", "have", "undergo"})


def _started_something_else(doc: Doc, t: Token) -> bool:
    if t.i + 1 >= len(doc):
        return False
    nxt = doc[t.i + 1].lower_
    if nxt == "to" and t.i + 2 < len(doc):
        return doc[t.i + 2].lower_ not in GIVING_VERBS
    return nxt.endswith("ing") and nxt not in GIVING_GERUNDS


# stop 33 (r34): "given" opening its clause before what is considered ("Given the presence of
# large occipital lobe lesions, the etiology of the patient's vision loss was thought to be
# cortical blindness", "Given her age, …"): a preposition, not a treatment given ("she was
# given the drug" has its verb before it)
GIVEN_CONSIDERED = frozenset(
    {"the", "her", "his", "its", "this", "these", "their", "a", "an", "such"}
)


# stop 41: a treatment told as a kind, not a course given — what there is for the disease
# ("there was a treatment that was right for her cancer") or the only way left open ("the
# only path forward was treatment to stabilize her condition", "no cure … only treatment to
# improve the quality of life"). Not when a giving word comes with it ("she had only one
# treatment"), nor the only treatment left ("the only therapy remaining"): lines exhausted.
KIND_NOUNS = frozenset({"treatment", "treatments", "therapy", "therapies"})
THERE_BE = frozenset({"is", "was", "are", "were", "'s", "’s"})
GIVING_WORDS = DONE_AFTER_AHEAD | {
    "has",
    "have",
    "receiving",
    "given",
    "got",
    "undergoing",
    "took",
    "taking",
    "on",
    "tried",
    "after",
}
LEFT_WORDS = frozenset({"left", "remaining", "remains", "last"})
KIND_REACH = 5  # words back from the treatment noun to "only" / "there is"


# stop 41 (r52-0036): "responded" as a reply ("He asked if I wanted to go forward with
# chemotherapy, to which I responded, 'Of course I'm going to fight it!'", "she responded that
# …"): no response of the disease
REPLY_AFTER = frozenset({",", ":", '"', "“", "'", "‘", "that"})


def _replied(words: Sequence[str], i: int) -> bool:
    return i + 1 < len(words) and words[i + 1] in REPLY_AFTER


def _can_be_treated(doc: Doc, t: Token) -> bool:
    """Stop 41 (r52-0050): what can be done, not what was ("I've been told that, although it
    can be treated, it can't be cured", "it could be treated with hormones"): a modal right
    before the treatment word, in its clause. Stop 47 (r66): or the treatment the subject
    of a modal right after it ("treatment can help control its spread", "therapies may
    slow it"): what treatment does, none given."""
    lowers = doc_lowers(doc)
    if t.lower_ in KIND_NOUNS and MAY_WORDS.intersection(lowers[t.i + 1 : t.i + 2]):
        return True
    lo = sentence_bounds(doc, t.i)[0]
    before = lowers[max(lo, t.i - 3) : t.i]
    if {",", ";"}.intersection(before):
        before = before[max(k for k, w in enumerate(before) if w in (",", ";")) + 1 :]
    return bool(MAY_WORDS.intersection(before))


def _treatment_as_kind(doc: Doc, t: Token) -> bool:
    if t.lower_ not in KIND_NOUNS:
        return False
    lowers = doc_lowers(doc)
    lo = sentence_bounds(doc, t.i)[0]
    if LEFT_WORDS.intersection(lowers[t.i + 1 : t.i + 4]):
        return False
    for k in range(t.i - 1, max(lo, t.i - KIND_REACH) - 1, -1):
        word = lowers[k]
        if word in (",", ";", ":") or word in GIVING_WORDS:
            return False
        # "… whether she needed adjuvant chemotherapy or only endocrine therapy": a choice
        opens = (word == "only" and lowers[k - 1 : k] != ["or"]) or (
            word == "there" and k + 1 < t.i and lowers[k + 1] in THERE_BE
        )
        if opens:
            return not GIVING_WORDS.intersection(lowers[max(lo, k - 3) : k])
    return False


def _given_as_preposition(doc: Doc, t: Token) -> bool:
    opens = t.is_sent_start or (t.i > 0 and doc[t.i - 1].text in (",", ";", ":", "(", "-", "–"))
    return opens and t.i + 1 < len(doc) and doc[t.i + 1].lower_ in GIVEN_CONSIDERED


# an operation by its word form (-ectomy, -ostomy, -otomy, -plasty, -pexy, a stent): a local
# treatment of a site or a complication, never a systemic line (FORMAT.md)
SURGICAL_PROCEDURE = re.compile(r"(?:ectomy|ostomy|otomy|plasty|pexy|stent(?:ing|s)?)$")
SURGICAL_NOUNS = frozenset(
    {"exeresis", "resection", "excision", "amputation", "debulking", "metastasectomy"}
)


# a patient sent somewhere: the treatment after "for"/"to" is its purpose, not one given
SENT_WORDS = frozenset(
    {"admitted", "referred", "hospitalized", "hospitalised", "transferred", "sent"}
)


def _purpose_of_admission(doc: Doc, t: Token) -> bool:
    lo, hi = sentence_bounds(doc, t.i)
    before = doc[max(lo, t.i - 5) : t.i]
    if not any(w.lower_ in ("for", "to") for w in before):
        return False
    # the first sending word of each sentence, found once (a flood is one long sentence)
    first: dict[int, int] = doc.user_data.setdefault("mbc_sent_word", {})
    if lo not in first:
        first[lo] = next((w.i for w in doc[lo:hi] if w.lower_ in SENT_WORDS), hi)
    return first[lo] < t.i


# "aspects related to the epidemiology, diagnosis, treatment and prognosis": a topic, not a
# treatment given
TOPIC_WORDS = frozenset(
    {"epidemiology", "prognosis", "aspects", "pathogenesis", "etiology", "aetiology"}
    | {"literature", "review", "guidelines", "outcomes", "features"}
)


# Only a start word: "medical treatment was initiated" is a line just begun (FORMAT.md: not
# counted); "started" is not "received", "given", "continued" or "completed".
JUST_BEGUN = frozenset(
    {"started", "initiated", "commenced", "begun", "began", "starting", "initiation"}
    # stop 32 (r33): a treatment decided on is at most just begun ("despite various claims
    # … regarding the dangers of chemotherapy …, she decided to undergo chemotherapy")
    | {"decided", "agreed", "opted", "chose", "consented"}
)


def _begun_sentence(doc: Doc, i: int) -> bool:
    """The treatment word's sentence tells it begun, and no course length, response or
    progression (those tell a line given: the count is asked). Once per sentence."""
    lo, hi = sentence_bounds(doc, i)
    cache: dict[int, bool] = doc.user_data.setdefault("mbc_begun_sentence", {})
    if lo not in cache:
        cache[lo] = _begun_words(doc, list(doc[lo:hi]))
    return cache[lo]


# round 26: a treatment told going on now ("Her cancer is now Stage IV and she is currently
# being given palliative therapy", r26-0016): the line she is on, not one given — as a line
# just begun is not
ONGOING_NOW = frozenset({"currently", "presently", "now"})
ONGOING_FORMS = frozenset({"being", "receiving", "on", "undergoing"})
# stop 41 (r53-0045): the present of a giving verb tells the treatment going on ("The patient
# … receives treatment with cytotoxic medications to suppress the growth")
PRESENT_GIVING = frozenset({"receives", "undergoes"})


# stop 49 (r76-0008): the present progressive tells the treatment going on without "now" ("So I
# am back at the Christie once again, and receiving the best and cutting edge treatment", "I
# am on treatment"); "was receiving" is past
PRESENT_BE = frozenset({"am", "is", "are", "'m", "’m", "'re", "’re"})
PRESENT_PROGRESSIVE = frozenset({"receiving", "undergoing"})
# stop 51 (r80-0008): the same in plain words ("I'm still alive, still getting treatment", "I
# am having chemo")
PRESENT_PROGRESSIVE = PRESENT_PROGRESSIVE | {"getting", "having"}
# stop 51 (r80-0011): the aim of the care told, no treatment given ("Your treatment is now
# palliative", "the intent is palliative")
GOAL_NOUNS = frozenset({"treatment", "care", "intent", "aim", "goal", "approach", "management"})
GOAL_LINKS = frozenset({"is", "are", "will", "be", "now", "would", "becomes", "became", "'s", "’s"})


def _goal_subject(words: Sequence[str], i: int) -> bool:
    """The treatment word at ``i`` the subject of its aim ("Your treatment is now palliative")."""
    k = i + 1
    while k < len(words) and k - i <= 3 and words[k] in GOAL_LINKS:
        k += 1
    return k > i + 1 and k < len(words) and words[k] in ("palliative", "curative", "non-curative")


def _palliative_goal(words: Sequence[str], i: int) -> bool:
    """ "palliative" at ``i`` the predicate of a goal noun ("Your treatment is now palliative")."""
    k = i - 1
    while k >= 0 and i - k <= 3 and words[k] in GOAL_LINKS:
        k -= 1
    return k >= 0 and k < i - 1 and words[k] in GOAL_NOUNS


# stop 52 (r88-0011): the present perfect with the time it began tells it going on ("She has
# been treated since last October", "I have been on treatment since 2019")
PERFECT_HAVE = frozenset({"has", "have", "'s", "’s", "'ve", "’ve"})


WORSE_AFTER = gated(
    r"\b(?:spread\w*|progress\w*|deteriorat\w*|worse\w*|grow\w*|grew|new\s+(?:lesion|met|tumou?r)"
    r"\w*|stopped\s+working|fail\w*)\b",
    re.I,
)


def _ongoing_since_then_worse(doc: Doc, i: int) -> bool:
    """The treatment word at ``i`` is told going on since a time (PERFECT_HAVE … "since")
    and a later sentence tells the disease worse: the treatment failed, a line given."""
    lo, hi = sentence_bounds(doc, i)
    return _perfect_since(doc_lowers(doc)[lo:hi]) and WORSE_AFTER.found(
        span_text(doc, hi, len(doc))
    )


def _perfect_since(lowers: Sequence[str]) -> bool:
    """The words tell a present perfect with the time it began ("has been treated since …"),
    not a pluperfect ("had been")."""
    return (
        "since" in lowers
        and "had" not in lowers
        and any(a in PERFECT_HAVE and b == "been" for a, b in zip(lowers, lowers[1:], strict=False))
    )


def _present_ongoing(words: list[Token]) -> bool:
    lowers = [t.lower_ for t in words]
    if {"was", "were"}.intersection(lowers):
        return False
    if _perfect_since(lowers):
        return True
    if not PRESENT_BE.intersection(lowers):
        return False
    return bool(PRESENT_PROGRESSIVE.intersection(lowers)) or any(
        a in PRESENT_BE and b == "on" for a, b in zip(lowers, lowers[1:], strict=False)
    )


def _begun_words(doc: Doc, words: list[Token]) -> bool:
    # "palliative" tells the intent of a treatment begun ("she was started on palliative
    # chemotherapy"), not a line given
    lowers = {t.lower_ for t in words}
    ongoing = (
        bool(lowers & ONGOING_NOW and lowers & ONGOING_FORMS)
        or bool(lowers & PRESENT_GIVING)
        or _present_ongoing(words)
    )
    return (
        (ongoing or bool(lowers & JUST_BEGUN))
        and not any(
            (TREATED_AFTER.match(t.lower_) and t.lower_ != "palliative") or _length(doc, t)
            for t in words
        )
        and (ongoing or not lowers & {"received", "receiving", "given", "continued"})
    )


FIRST_LINE_ENDINGS = ("frontline", "front-line", "firstline", "first-line")


def _first_line_named(doc: Doc, t: Token) -> bool:
    """The treatment word named as the first line ("new injections and frontline
    treatments", "first-line therapy"): the line she is on, no line given before it (a
    failure is read apart, by the progression checks). Stop 45 (r62-0024)."""
    # the words before it joined: "first-line" is one token or three, "first line" two
    return "".join(doc_lowers(doc)[max(t.i - 3, 0) : t.i]).endswith(FIRST_LINE_ENDINGS)


# Before the event in its sentence, these tell metastatic lines given ("a heavily pretreated
# woman with metastatic breast cancer", "a previously treated patient with MBC")
PRETREATED = re.compile(
    r"^(?:pre-?treated|refractory|resistant|lines|regimens|palliative"
    # "after multiline treatment", "multi-line therapy", "multiregimen", "multilines"
    r"|multi-?(?:lines?|regimens?|agent)|multiple-line)$"
)


PRIMARY_WORDS = frozenset({"primary", "primaries"})


def _pretreated_before(doc: Doc, lo: int, event: int, whole: bool = False) -> bool:
    """Lines told given before the event: in its sentence's last 12 words, or (``whole``)
    anywhere in doc[lo:event] ("Known MBC since 2018, heavily pretreated. CT shows …"); not
    a treatment planned ("referred for consideration of palliative treatment"), nor a symptom
    refractory to its care."""
    words = doc_lowers(doc)
    return any(
        (
            PRETREATED.match(words[i])
            and not _not_given(doc, doc[i])
            and not _refractory_symptom(doc, i)
        )
        or (
            words[i] == "treated"
            and i > lo
            and (words[i - 1] in EARLIER_WORDS | {"heavily"} or doc[i - 1].text == "-")
            # stop 52 (r90-0003): the primary treated is early disease ("a meningioma seeded
            # by previously-treated breast cancer primaries")
            and not PRIMARY_WORDS.intersection(words[i + 1 : i + 4])
        )
        for i in token_range(doc, lo if whole else max(lo, event - 12), event)
    )


def _pretreated_earlier(doc: Doc, end: int) -> bool:
    """Lines told given in a sentence before ``end`` that is not one of early-disease
    treatment ("Known MBC since 2018, heavily pretreated.", not "previously treated for
    stage IIIc breast cancer")."""
    i = 0
    while i < end:
        lo, hi = sentence_bounds(doc, i)
        text = span_text(doc, lo, hi)
        early = (
            EARLY_DISEASE.found(text) or PRIMARY_TREATED.search(text)
        ) and not METASTATIC_CONTEXT.found(text)
        if (
            not early
            # "The treatment is generally palliative": the disease in general
            and not _generic_sentence(doc, lo, hi)
            and _pretreated_before(doc, lo, min(hi, end), whole=True)
        ):
            return True
        i = hi
    return False


# The event told as the first metastatic disease: anything given before it was early-disease
# treatment ("appeared as the first sign of metastasis", "the first manifestation of
# recurrence", "as the initial presentation of metastatic disease", "her first relapse")
FIRST_METASTASIS = gated(
    r"\b(?:first|initial|earliest|presenting)\s+(?:(?:clinical\s+)?(?:signs?|manifestations?"
    r"|presentations?|sites?|evidence|symptoms?|indications?)\s+of\s+(?:\w+\s+){0,3}?)?"
    r"(?:metasta|recurr|relaps|distant|dissemin|spread)",
    re.I,
)


def _first_metastasis_told(doc: Doc, lo: int, hi: int) -> bool:
    return FIRST_METASTASIS.search(span_text(doc, lo, hi)) is not None


def _remission_before(doc: Doc, t: Token, hi: int) -> bool:
    """ "the first sign of metastasis in a patient diagnosed with breast cancer that was in
    remission": the early disease's remission, told in the event's sentence."""
    return t.lower_ == "remission" and t.i < hi


def _remission_then_diagnosed(doc: Doc, t: Token) -> bool:
    """stop 40 (r51): the remission is the time before a diagnosis its sentence tells ("After
    more than a decade in remission, she was diagnosed with stage four metastasized breast
    cancer"), not a response to a line."""
    if t.lower_ != "remission":
        return False
    lowers = doc_lowers(doc)
    lo, end = sentence_bounds(doc, t.i)
    return not {"after", "following"}.isdisjoint(lowers[max(lo, t.i - 7) : t.i]) and any(
        w.startswith("diagnos") or w in DISCOVERY_WORDS for w in lowers[t.i + 1 : end]
    )


# "a woman who had been previously treated for ER-positive breast cancer": the primary's
# treatment (a metastatic one names it: "treated for metastatic breast cancer", "treated for
# ductal carcinoma with lymph node and bone metastases")
PRIMARY_TREATED = re.compile(
    rf"\btreat(?:ed|ment)\s+for\s+(?:[\w()+/-]+\s+){{0,4}}?{_BREAST_CANCER}",
    re.I,
)


# the treatment of the first (early) disease, named so: "after the treatment of initial
# disease", "treated for her primary breast cancer", "treatment of the original tumour"
INITIAL_TREATED = re.compile(
    r"treat(?:ed|ment)\s+(?:of|for)\s+(?:the\s+|her\s+|his\s+)?(?:initial|primary|original"
    r"|first|early)\s+(?:disease|tumou?r|cancer|breast|diagnosis)",
    re.I,
)


def _treated_for_primary(doc: Doc, t: Token) -> bool:
    """``t`` tells the primary's treatment told back in time, after the event, or names
    the disease it treated as the first one ("recurrence 30 years after the treatment of
    initial disease")."""
    if t.lower_ not in ("treated", "treatment"):
        return False
    if INITIAL_TREATED.match(span_text(doc, t.i, min(t.i + 6, len(doc)))):
        return True
    if not _told_earlier(doc, t.i):
        return False
    lo, hi = sentence_bounds(doc, t.i)
    return PRIMARY_TREATED.match(
        span_text(doc, t.i, min(t.i + 12, len(doc)))
    ) is not None and not METASTATIC_CONTEXT.found(span_text(doc, lo, hi))


# A condition the finding was first taken for and treated as ("initially treated for
# eczematous dermatitis with topical steroids, but without response", "antibiotics for
# presumed cellulitis"): no line of cancer treatment, nor its response or failure
MISDIAGNOSES = frozenset(
    {"dermatitis", "eczema", "eczematous", "cellulitis", "erysipelas", "mastitis", "abscess"}
    | {"infection", "infectious", "psoriasis", "urticaria", "rash", "fungal", "allergic"}
    | {"topical", "antibiotics", "antibiotic", "steroids", "corticosteroids", "antifungal"}
    | {"antifungals", "antihistamines", "emollients", "presumed"}
)


def _misdiagnosis_treated(doc: Doc, t: Token) -> bool:
    """``t`` is in a sentence telling a non-cancer condition treated (MISDIAGNOSES) and names
    no cancer drug nor progression."""
    if t.lower_.startswith("progress"):
        return False
    lo, hi = sentence_bounds(doc, t.i)
    words = set(doc_lowers(doc)[lo:hi])
    return (
        bool(words & MISDIAGNOSES)
        and bool(words & TREATMENT_WORDS)
        and not any(e.label_ == "DRUG" for e in doc.ents if lo <= e.start < hi)
    )


ADJUVANT_WORDS = frozenset({"adjuvant", "neoadjuvant", "neo-adjuvant"})


# stop 45 (r62-0029): the first cancer named as such in a sentence of early-disease
# treatment told after the event ("After the initial cancer scare, Lorna had a double
# mastectomy followed by … six months of chemotherapy"): told back in time
FIRST_TIME_WORDS = frozenset({"initial", "initially", "originally", "original"})
BACK_EARLY_WORDS = FIRST_TIME_WORDS | ADJUVANT_WORDS  # not in a sentence of relapses


def _told_back_early(doc: Doc, i: int) -> bool:
    """Token ``i`` is in a sentence telling early-disease treatment back in time, after its
    back word ("She had undergone surgery, radiation, and chemotherapy for breast cancer 16
    years prior") or its adjuvant word: early disease, nothing metastatic. Once per sentence
    (a flood is one)."""
    lo, hi = sentence_bounds(doc, i)
    cache: dict[int, int | None] = doc.user_data.setdefault("mbc_told_back", {})
    if lo not in cache:
        text = span_text(doc, lo, hi)
        early = EARLY_DISEASE.found(text) and not METASTATIC_CONTEXT.found(text)
        # the back word, or the word naming the course early ("He completed adjuvant
        # doxorubicin/cyclophosphamide (four cycles) …"; not in a sentence of relapses:
        # "hormonal therapy after the relapses" called adjuvant)
        relapses = any(_EVENT_WORD.match(w) for w in doc_lowers(doc)[lo:hi])
        cache[lo] = (
            next(
                (
                    t.i
                    for t in doc[lo:hi]
                    if _back_word(doc, t) or (t.lower_ in BACK_EARLY_WORDS and not relapses)
                ),
                None,
            )
            if early
            else None
        )
    back = cache[lo]
    return back is not None and back < i


# the present of a treatment given: "… carcinomatosis of the bone marrow receiving letrozole"
GIVEN_NOW = frozenset({"receiving", "undergoing", "currently", "now"})


def _begun_between(doc: Doc, event: int, start: int) -> bool:
    """A start word, or a treatment told in the present, between the event and the drug in
    one sentence: "was diagnosed with bone metastases and started on letrozole", "… bone
    marrow receiving letrozole", "a woman with metastatic breast cancer has been on letrozole
    for two years" (a regimen after the event, not one it happened on)."""
    between = doc[event:start]
    if any(t.lower_ in BEGIN_WORDS | GIVEN_NOW or _perfect(doc, t) for t in between):
        return True
    # "relapsed with liver metastases and received capecitabine" (not "metastases after
    # having received tamoxifen": the treatment told before the event)
    words = {t.lower_ for t in between}
    return bool(words & GIVEN_WORDS) and not words & BEFORE_WORDS


# stop 32: the event as the object of "after" ("She started capecitabine after liver
# metastases were found", "admitted for her first cycle of FEC after the scan showed liver
# metastases"): the regimen told first was given after the event, as if told after it.
AFTER_EVENT_WORDS = frozenset({"after", "following", "upon"})
AFTER_EVENT_BREAKS = frozenset({"and", "but", "when", "while", "which", "who", "then", "had"})


def _given_after_event(doc: Doc, end: int, event: int) -> bool:
    """The drug ending at ``end`` is followed, in its clause, by "after" whose object is the
    event at ``event`` (a few words on: "after [the scan showed] liver metastases"); not
    "tamoxifen after surgery, and liver metastases …" (a break between) nor "adjuvant
    tamoxifen for 5 years when …" ("when" is no "after")."""
    for k in range(end, min(end + 4, event)):
        t = doc[k]
        if t.lower_ in AFTER_EVENT_WORDS:
            gap = doc[k + 1 : event]
            return event - k <= 7 and not any(
                g.is_punct or g.lower_ in AFTER_EVENT_BREAKS or g.lower_ in AFTER_EVENT_WORDS
                for g in gap
            )
        if t.is_punct or t.lower_ in AFTER_EVENT_BREAKS or t.is_sent_start:
            return False
    return False


def _begun_next(doc: Doc, info: MentionInfo) -> bool:
    """A start or given word right after the drug in its sentence: "…; eribulin was
    started", "liver metastases developed; capecitabine was given …"."""
    hi = sentence_bounds(doc, info.start)[1]
    for t in doc[info.end : min(hi, info.end + 6)]:  # "letrozole and palbociclib was then
        if t.lower_ in BEGIN_WORDS | GIVEN_WORDS | {"given"}:  # initiated": to the clause end
            return True
        if t.text in (",", ";", ":") or t.lower_ in ("but", "which", "after"):
            return False
    return False


# (not "treated with": a case report's summary sentence tells the whole course with it);
# "then", "subsequently": told in sequence after the event ("liver metastasis, then we
# performed paclitaxel therapy")
GIVEN_WORDS = frozenset(
    {"received", "administered", "performed", "then", "subsequently", "thereafter"}
)
BEFORE_WORDS = frozenset({"after", "following", "while", "despite", "during", "since", "on"})


def _perfect(doc: Doc, t: Token) -> bool:
    """ "has been (on …)": a regimen given since the event, its outcome still to be told
    (not "would have been", a supposition)."""
    return (
        t.lower_ == "been"
        and t.i > 0
        # stop 41: the contraction too ("and since then I've been taking palbociclib")
        and doc[t.i - 1].lower_ in ("has", "have", "'s", "’s", "'ve", "’ve")
        and (t.i < 2 or doc[t.i - 2].lower_ not in MODALS)
    )


MODALS = frozenset({"would", "could", "should", "might", "may", "must", "will", "shall"})
# what may be, not what is: the modals and "can" ("could progress to stage four", "it can be
# treated")
MAY_WORDS = MODALS | {"can"}


# After an early-disease sentence, one that goes on with it: "Post-operatively, she was put
# on tamoxifen. She also received further four cycles of CMF and radiotherapy to the breast."
CONTINUING_WORDS = frozenset(
    {"also", "further", "additionally", "then", "subsequently", "thereafter", "afterwards"}
    | {"again", "next", "afterward", "likewise"}
    # "… was detected during ongoing trastuzumab treatment after radiotherapy"
    | {"ongoing", "continued", "continuing", "still"}
)
TIME_GAP = re.compile(r"\blater\b|\b(?:years?|months?)\s+(?:after|since)|\brecurr|\brelaps", re.I)


LOCAL_EARLY = frozenset(
    {"radiation", "radiotherapy", "irradiation", "rt", "surgery", "operation", "mastectomy"}
    | {"lumpectomy", "quadrantectomy"}
)


def _after_local(sentence: SpacySpan) -> bool:
    """ "tamoxifen after radiation therapy", told after the early local treatment: its
    sequel."""
    words = [t.lower_ for t in sentence]
    return any(
        w == "after" and LOCAL_EARLY & set(words[i + 1 : i + 3]) for i, w in enumerate(words)
    )


# told going on now ("is currently undergoing chemotherapy", "currently she is on letrozole")
NOW_GIVEN = frozenset({"currently", "now", "undergoing", "ongoing", "still"})
NEW_WORDS = frozenset({"new", "further", "additional", "more", "another", "again"})
SUMMARY_WORDS = CASE_WORDS | {"case", "presentation", "rare", "unusual", "we"}


def _early_story_before(doc: Doc, start: int, event: int, sites: Collection[int]) -> bool:
    """The story told up to a drug (at ``start``) is of the early disease ("… a radical
    mastectomy … Eight months after the start of the chemotherapy, she was diagnosed with
    brain metastases") — and the event is the first
    metastatic disease told: no metastatic word, site or distant organ before its sentence,
    and not told as new or again; the drug not told given now ("is currently undergoing
    chemotherapy"). Given before any metastasis, the drug was no line."""
    e_lo = sentence_bounds(doc, event)[0]
    if (
        start >= event
        or _first_metastatic_char(doc) < doc[e_lo].idx
        or any(i < e_lo for i in sites)
        or any(w in DISTANT_WORDS for w in doc_lowers(doc)[:e_lo])
        or any(w in NEW_WORDS for w in doc_lowers(doc)[e_lo:event])
        # "This case is an unusual presentation of breast cancer metastasizing to …": the
        # case summed up, not a discovery told in the story's order
        or any(w in SUMMARY_WORDS for w in doc_lowers(doc)[slice(*sentence_bounds(doc, event))])
        or any(w in NOW_GIVEN for w in doc_lowers(doc)[slice(*sentence_bounds(doc, start))])
    ):
        return False
    story = span_text(doc, 0, start)
    # (its operation, stage or adjuvant course — not a bare "diagnosed with breast cancer …
    # treated with palbociclib and letrozole": the setting of a drug given only for
    # metastatic disease is not told)
    return EARLY_DISEASE.found(story)


def _continues_early(doc: Doc, s_lo: int, event: int) -> bool:
    """The sentence (before the event) carries on the treatment of the sentence before it,
    which was early-disease treatment, with nothing metastatic told up to it."""
    if s_lo == 0:
        return False
    p_lo, _ = sentence_bounds(doc, s_lo - 1)
    previous = span_text(doc, p_lo, s_lo)
    _, s_hi = sentence_bounds(doc, s_lo)
    sentence = doc[s_lo : min(s_hi, event)]
    return (
        EARLY_DISEASE.found(previous)
        and _first_metastatic_char(doc) >= doc[s_lo].idx
        and (any(t.lower_ in CONTINUING_WORDS for t in sentence) or _after_local(sentence))
        and not TIME_GAP.search(sentence.text)
    )


def _disease_free_after(doc: Doc, start: int, event: int) -> bool:
    """A disease-free interval told between a treatment (at ``start``) and the sentence of
    the metastatic event, nothing metastatic told before that sentence and no progression
    between: "Chemotherapy, trastuzumab and letrozole were administered. At her 18-month
    follow-up, the patient was free of symptoms … At the 20th month after surgery, …
    metastasis": the treatment was early-disease treatment."""
    lo = sentence_bounds(doc, event)[0]
    if start >= lo or _first_metastatic_char(doc) < doc[lo].idx:
        return False
    if _site_told_before(doc, lo, headed=True):
        # stop 60: a metastatic site named before, in words the metastatic vocabulary does
        # not hold ("She had letrozole for bone mets in 2019 and was in remission. In 2022 the
        # cancer spread to her liver": 1 line, not 0)
        return False
    # "She remained free of disease until a bone scan in 2022 showed …": in its sentence too
    between = doc[start:event]
    # (stop 59, r122-0012: the progression looked for before the event's sentence, whose own
    # telling is no progression between: "… free of cancer after months of chemotherapy. Then
    # we heard the news that the cancer had spread to her liver")
    return bool(
        DISEASE_FREE.search(between.text)
        or TREATMENT_COMPLETED.search(between.text)
        or _now_against_then(doc, start, lo, event)
    ) and not progression_in(doc, start, lo)


def _now_against_then(doc: Doc, start: int, lo: int, event: int) -> bool:
    """The event told "now", the cancer told thought gone with the treatment or after it
    ("She went through chemotherapy treatments a few years ago for breast cancer, and they
    thought she was cured. But now the cancer has returned", stop 60, r123-0003): the time
    between was the interval."""
    lowers = doc_lowers(doc)
    told_from = sentence_bounds(doc, start)[0]
    return "now" in lowers[lo:event] and _thought_gone(lowers[told_from:lo])


BACK_REFERENCES = frozenset({"her", "his", "the", "this", "that", "their"})


def _same_course(doc: Doc, start: int) -> bool:
    """The drug at ``start`` is referred back to ("her trastuzumab", "the tamoxifen") or
    told completed in its sentence ("After completing … trastuzumab"): a course named
    before, not a new one."""
    lo = sentence_bounds(doc, start)[0]
    return (start > lo and doc[start - 1].lower_ in BACK_REFERENCES) or bool(
        TREATMENT_COMPLETED.search(span_text(doc, lo, start))
    )


COMMA_BREAKS = frozenset({",", ";"})


def _clause_tokens(doc: Doc, i: int) -> range:
    """The tokens of the clause of token ``i`` (between commas or semicolons)."""
    lo, hi = sentence_bounds(doc, i)
    return range(*clause_around(doc_lowers(doc), lo, i, hi, COMMA_BREAKS))


def _free_after_early(doc: Doc, start: int, end: int, event: int) -> bool:
    """``_disease_free_after`` for a treatment whose sentence, up to ``end``, does not tell
    it a metastatic line ("switched to maintenance letrozole …, and remained disease-free
    for 11 months": the interval was on that line, and the recurrence ends it)."""
    return _disease_free_after(doc, start, event) and not _metastatic_line_told(doc, end)


# The treatment told completed before the event's sentence: "She underwent chemotherapy and
# radiation and was treated with tamoxifen. After completing her treatment, all seemed fairly
# well. … diagnosed with metastatic breast cancer" — a course that ended, then the event.
TREATMENT_COMPLETED = re.compile(
    r"\b(?:after|following|upon|on|since)\s+(?:the\s+)?(?:completing|completion\s+of|finishing"
    r"|the\s+end\s+of|stopping|cessation\s+of)\b"
    r"|\b(?:completed|finished)\s+(?:(?:her|his|the|all|this|that|their)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:treatments?|therap(?:y|ies)|chemo\w*|courses?)\b",
    re.I,
)


# the operation of the primary tumour, told after a drug: the drug was neoadjuvant
PRIMARY_SURGERY = gated(
    r"mastectomy|lumpectomy|quadrantectomy|tumou?rectomy|breast[\s-]+conserving\s+surgery"
    r"|\bbcs\b|\bmrm\b|partial\s+resection\s+of\s+(?:the\s+|her\s+)?(?:\w+\s+)?breast",
    re.I,
)


def _primary_surgery_after(doc: Doc, start: int, event: int | None, sites: Collection[int]) -> bool:
    """The operation of the primary told after a drug (at ``start``) and before the event's
    sentence (the end of the text when none), with nothing metastatic told — no metastatic
    word, no site, no distant organ — before it: "She received dose-dense AC for four
    cycles, followed by weekly paclitaxel … After lumpectomy, residual tumor measured 0.8
    cm": neoadjuvant. Linear: the text's operations and first organ are read once."""
    limit = sentence_bounds(doc, event)[0] if event is not None else len(doc)
    if start >= limit:
        return False
    key = "mbc_primary_surgery"
    if key not in doc.user_data:
        text = doc_text(doc)
        starts = doc_offsets(doc)[0]
        organ = min(
            [starts[i] for i, w in enumerate(doc_lowers(doc)) if w in DISTANT_WORDS] + [len(text)]
        )  # "ER+ breast cancer with bone lesions. Letrozole …, then mastectomy"
        doc.user_data[key] = ([m.end() for m in PRIMARY_SURGERY.finditer(text)], organ)
    ends, organ = doc.user_data[key]
    lo_char, hi_char = doc[start].idx, doc[limit - 1].idx + len(doc[limit - 1])
    at = next((e for e in ends if lo_char < e <= hi_char), None)
    return (
        at is not None
        and _first_metastatic_char(doc) >= at
        and organ >= at
        and not any(doc[i].idx < at for i in sites if i < len(doc))
    )


# neoadjuvant therapy or the surgery of the primary: the progression is of early disease
EARLY_TREATMENT = re.compile(r"neo-?adjuvant|\bpre-?operativ|surgery|mastectomy|lumpectomy", re.I)


def _early_progression(doc: Doc, i: int, event: int) -> bool:
    """A progression told at ``i`` before the event, of early disease: on neoadjuvant
    therapy or leading to the surgery of the primary ("got breast cancer surgery because of
    disease progression"), with nothing metastatic told before it."""
    if i >= event:
        return False
    lo, hi = sentence_bounds(doc, i)
    sentence = span_text(doc, lo, min(hi, event))
    return bool(EARLY_TREATMENT.search(sentence)) and _first_metastatic_char(doc) >= doc[i].idx


def _first_metastatic_char(doc: Doc) -> int:
    """Where metastatic disease is first named in the text (its length when never): once
    per message."""
    if "mbc_first_metastatic" not in doc.user_data:
        text = doc_text(doc)
        told = METASTATIC_CONTEXT.first(text)
        if told is not None and _not_her_disease_told(doc, told):
            # stop 48 (r71-0005): "Seven of 15 resected axillary lymph nodes were positive for
            # metastatic disease" is the primary's stage; stop 52 (r86-0001): "Orbital
            # metastasis is rare in breast cancer." opening a case report is the disease in
            # general: the next metastasis word decides
            later = (
                s for s, _ in METASTATIC_CONTEXT.spans(text) if not _not_her_disease_told(doc, s)
            )
            told = next(later, None)
        doc.user_data["mbc_first_metastatic"] = len(text) if told is None else told
    first: int = doc.user_data["mbc_first_metastatic"]
    return first


def _not_her_disease_told(doc: Doc, char: int) -> bool:
    """The metastasis word at ``char`` is the primary's resected nodes or the disease in
    general (``_generic_sentence``), not metastatic disease of hers told."""
    if surgical_nodes_only(doc, char):
        return True
    i = bisect_right(doc_offsets(doc)[0], char) - 1
    return i >= 0 and _generic_sentence(doc, *sentence_bounds(doc, i))


def _after_early_progression(doc: Doc, event: int) -> int:
    """Where progression is read from: past the sentences before the event whose
    progression is of early disease (``_early_progression``); 0 when there are none."""
    start = i = 0
    while i < event:
        lo, hi = sentence_bounds(doc, i)
        end = min(hi, event)
        if progression_in(doc, lo, end, signs=False):
            if not _early_progression(doc, lo, event) and not _generic_sentence(doc, lo, hi):
                return start
            start = end
        i = hi
    return start


def _progression_after_course(doc: Doc, lo: int, after: Sequence[MentionInfo]) -> int | None:
    """Start of a progression cue told before the course it ended, in its clause ("She
    progressed after two months of letrozole", "PD after 14 mo on letrozole + palbo"): the
    first regimen after the event failing, not a progression before it. None when there is
    none (stop 38, r47; "grew", an activity cue, is not read so)."""
    if not after:
        return None
    first = after[0].start
    lowers = doc_lowers(doc)
    for c in doc._.context_cues:
        if c.category != "PROGRESSION" or not lo <= c.start < c.end <= first:
            continue
        between = lowers[c.end : first]
        if (
            0 < len(between) <= 10
            and "after" in lowers[c.start : first]  # the cue may hold it ("progressed after 14")
            and between[-1] in ("of", "on")
            and not {",", ";", "and", "then"} & set(between)
            and sentence_bounds(doc, c.start) == sentence_bounds(doc, first)
        ):
            return c.start
    return None


def _on_early_therapy(cue: Modifier, infos: Sequence[MentionInfo]) -> bool:
    """A progression cue on adjuvant therapy ("relapsed on adjuvant tamoxifen"): the
    metastatic event itself, not a metastatic line failing."""
    following = [i for i in infos if cue.end <= i.start <= cue.end + 4]
    return bool(following) and following[0].mention.role == "adjuvant"


def _asks_or_plans(doc: Doc, i: int) -> bool:
    lo, hi = sentence_bounds(doc, i)
    lowers = doc_lowers(doc)
    words = set(lowers[lo:hi])
    if "?" in words:
        return True
    if not words & PLANNING_WORDS:
        return False
    # stop 33: a plan word used of a course given ("She received the recommended treatment
    # with paclitaxel, and the liver lesions grew"): after a determiner, with a giving verb
    # before it in the sentence, it describes the course, not a plan (0 lines had stood
    # beside paclitaxel told failing)
    return any(
        w in PLANNING_WORDS and not _describes_given(lowers, k, lo) and not _modal_of_her(lowers, k)
        for k, w in enumerate(lowers[lo:hi], lo)
    )


HER_MODALS = frozenset({"would", "could", "should"})
# stop 43 (r58-0020): a modal of what she could bear or live through is no plan ("She could
# not tolerate capecitabine", "her doctors thought she would die"): the regimen of its
# sentence was given
MODAL_OF_HER = frozenset(
    {"tolerate", "die", "survive", "live", "recover", "cope", "walk", "breathe"}
)
MODAL_FILLERS = frozenset({"not", "n't", "no", "longer", "hardly", "barely", "never", "have", "be"})


def _modal_of_her(lowers: Sequence[str], k: int) -> bool:
    if lowers[k] not in HER_MODALS:
        return False
    for w in lowers[k + 1 : k + 4]:
        if w in MODAL_OF_HER:
            return True
        if w not in MODAL_FILLERS:
            return False
    return False


ATTRIBUTIVE_DETERMINERS = frozenset({"the", "her", "his", "their", "this", "a"})


def _describes_given(lowers: Sequence[str], k: int, lo: int) -> bool:
    """The plan word at ``k`` follows a determiner, with a giving verb before it in its
    sentence (from ``lo``): "received the recommended treatment" describes a course given."""
    return (
        k > lo
        and lowers[k - 1] in ATTRIBUTIVE_DETERMINERS
        and any(v in TREATED_FOR for v in lowers[lo : k - 1])
    )


TREATED_FOR = frozenset({"treated", "received", "given", "managed", "receiving", "administered"})
WHILE_ON = frozenset({"after", "despite", "while", "on", "during", "under", "following"})
SUBJECT_WORDS = frozenset({"she", "he", "they", "was", "were", "then", "subsequently", "later"})


def _treated_for_event(doc: Doc, event: int, start: int) -> bool:
    """The drug told as the treatment of the event, in its sentence after it: "13 years
    later bone metastases developed and were treated with hormone therapy" (not "bone
    metastases after 8 years on trastuzumab", the drug she was on when they were found)."""
    lo, hi = sentence_bounds(doc, event)
    if not event < start < hi:
        return False
    between = [t.lower_ for t in doc[max(event + 1, start - 12) : start]]  # bounded: a flood
    # the treatment told as a second event, coordinated: "… developed and were treated
    # with"; not a case report's summary ("metastatic breast cancer treated with …")
    told = any(
        w == "and"
        and any(
            v in TREATED_FOR and all(x in SUBJECT_WORDS for x in between[k + 1 : k + 1 + n])
            for n, v in enumerate(between[k + 1 : k + 4])
        )
        for k, w in enumerate(between)
    )
    return told and not WHILE_ON & set(between[-3:])


def _ordinals_count_early(
    doc: Doc, lines: Sequence[LineMention], infos: Sequence[MentionInfo], event: int
) -> bool:
    """Every line ordinal is told after the metastatic event with its regimen, one regimen
    fewer told between the event and it than the ordinal counts before it, early-disease therapy told
    before the event and no time passing untold: the author counts the early-disease
    treatment as a line ("adjuvant anastrozole and trastuzumab … Follow-up was negative until
    July 2012 when imaging demonstrated a bone relapse. A second line treatment with
    trastuzumab and vinorelbine was planned"). The lines are then counted from the event
    (FORMAT.md: adjuvant therapy never counts); the rest of lines_at_event still decides."""
    if not any(i.mention.role == "adjuvant" and i.start < event for i in infos):
        return False
    _, hi = sentence_bounds(doc, event)
    for line in lines:
        if line.start < event or line.ordinal < 2 or line.only or line.progression:
            return False
        line_lo, line_hi = sentence_bounds(doc, line.start)
        if any(t.text == "?" for t in doc[line_lo:line_hi]):
            return False  # "Second-line options?" asks after a first line given
        if not any(line.end <= i.start < min(line.end + 8, line_hi) for i in infos):
            return False  # "Now on her third line": no regimen named with it, lines untold
        told = {
            i.mention.generic or i.mention.drug_class
            for i in infos
            if hi <= i.start < line.start and i.mention.role == "prior" and not i.mention.negated
        }
        if line.ordinal - 1 - len(told) != 1:
            # the regimens told since the event may be the lines it counts, or more than
            # the one early-disease line is missing ("now on her third line, capecitabine")
            return False
        if TIME_GAP.search(span_text(doc, event + 1, line.start)) or any(
            is_year(t.text) for t in doc[hi : line.start]
        ):
            return False  # "… In 2019, second-line capecitabine": lines may go untold
    return True


def _failure_or_treatment_word(word: str) -> bool:
    return TREATED_AFTER.match(word) is not None or word in TREATMENT_WORDS


def _told_after(
    doc: Doc, event: int, event_end: int, read: Callable[[str], bool] = lambda word: True
) -> list[Token]:
    """The tokens that tell what happened after the event: the rest of its sentence
    without a clause saying what came before it ("… two months after completing
    maintenance therapy"), and the later sentences that neither ask nor plan. Only the
    tokens whose lower-case word ``read`` keeps are returned (a Token is made, and the
    clause test run, for them only)."""
    lowers = doc_lowers(doc)  # the words, without a Token per word read
    out: list[int] = []
    skipping = False
    for i in token_range(doc, event, event_end):
        word = lowers[i]
        if word in ("after", "following", "since", "while", "despite", "within", "from"):
            skipping = True
        elif word in (",", ";"):  # (their own lower case: the token's text)
            skipping = False
        if not skipping:
            out.append(i)
    i = event_end
    while i < len(doc):
        lo, hi = sentence_bounds(doc, i)
        if _questions_header(doc, lo, hi):
            break  # "Question: 1- plan of treatment? 2- tamoxifen or AI? HER2-directed therapy"
        if not _asks_or_plans(doc, lo):
            out.extend(token_range(doc, lo, hi))
        i = hi
    told = [doc[k] for k in out if read(lowers[k])]
    # a later sentence's clause told as to come ("we now have to be more aggressive with
    # treatment"); the event's own sentence is kept whole ("women who develop metastases
    # will do so within 60 months of treatment": a general statement, not this patient)
    return [t for t in told if t.i < event_end or not _modal_clause(doc, t)]


# A clause told as to come, not given: a modal or a verb of necessity before it ("we now have
# to be much more aggressive with treatment", "she will need chemotherapy", "is going to
# start"). Not "had to" ("had to stop letrozole": told).
MODAL_WORDS = frozenset({"will", "shall", "must", "'ll", "wo", "ca"})
NEED_WORDS = frozenset({"have", "has", "need", "needs", "going", "ought"})


def _modal_clause(doc: Doc, t: Token) -> bool:
    """``t`` is in the rest of a clause opened by a modal (to its next "," ";" or the
    sentence end). Looks back at most 8 words."""
    lo = sentence_bounds(doc, t.i)[0]
    lowers = doc_lowers(doc)  # the words, without a Token per word read
    for i in range(t.i, max(lo, t.i - 8) - 1, -1):
        word = lowers[i]
        if word in (",", ";", ":") and i != t.i:
            return False
        if word in MODAL_WORDS:
            return _said_of_patient(doc, i, lo)
        if (
            word == "to"
            and i > lo
            and lowers[i - 1] in NEED_WORDS
            and i + 1 < len(doc)
            and doc[i + 1].is_alpha
        ):
            return _said_of_patient(doc, i - 1, lo)
    return False


# who a modal is said of: the patient or her carers ("we now have to", "she will need"),
# not a population ("women who develop metastases will do so within 60 months")
PATIENT_SUBJECTS = frozenset(
    {"i", "we", "she", "he", "you", "they", "patient", "pt", "doctor", "oncologist", "doc"}
)


def _said_of_patient(doc: Doc, i: int, lo: int) -> bool:
    return any(w.lower_ in PATIENT_SUBJECTS for w in doc[max(lo, i - 3) : i])


QUESTION_HEADERS = frozenset({"question", "questions", "q", "query", "queries"})


def _questions_header(doc: Doc, lo: int, hi: int) -> bool:
    """The sentence opens a list of questions ("Question: 1-Plan of treatment?", "Questions:
    …"): what follows is asked, not told."""
    words = doc[lo : min(hi, lo + 3)]
    return any(
        w.lower_ in QUESTION_HEADERS and w.i + 1 < len(doc) and doc[w.i + 1].text == ":"
        for w in words
    )


# "failed" said of the work-up or of symptoms, not of a treatment: "failed attempts at
# diagnosis", "symptoms failed to improve" (a story told up to the metastasis found); a
# symptom "refractory to routine laxative regimens", "pain resistant to opioids"
FAILED_OF = frozenset({"symptoms", "symptom", "complaints", "pain", "diarrhea", "diarrhoea"})
FAILED_SYMPTOMS = FAILED_OF | frozenset(
    {"nausea", "vomiting", "constipation", "cough", "headache", "headaches", "pruritus"}
    | {"itching", "fever", "dyspnea", "dyspnoea", "insomnia", "hiccups", "impaction"}
)
FAILED_NOUNS = frozenset({"attempt", "attempts", "workup", "work-up", "biopsy", "biopsies"})
# the care of a symptom or complication a symptom may be refractory to
SYMPTOM_CARE = frozenset(
    {"laxative", "laxatives", "analgesic", "analgesics", "analgesia", "opioid", "opioids"}
    | {"antibiotic", "antibiotics", "antiemetic", "antiemetics", "hydration", "diuretics"}
    | {"conservative", "supportive", "symptomatic", "steroids", "corticosteroids"}
)


def _refractory_symptom(doc: Doc, i: int) -> bool:
    """The "refractory"/"resistant" at ``i`` is said of a symptom ("nausea refractory to
    routine laxative regimens") or of the symptom's care ("resistant to opioids")."""
    if doc[i].lower_ not in ("refractory", "resistant"):
        return False
    before = {w.lower_ for w in doc[max(i - 2, 0) : i]}
    after = {w.lower_ for w in doc[i + 1 : min(i + 5, len(doc))]}
    return bool(before & FAILED_SYMPTOMS) or bool(after & SYMPTOM_CARE)


# the cues telling a treatment that did not work or respond (context_rules.yaml, round 24);
# "stopped working" and "no longer working" are older and read of any subject ("the hormone drug I
# was taking each day stopped working")
UNANSWERED_CUES = re.compile(
    r"^(?:which (?:(?:also|then|soon|quickly) )?)?"
    r"(?:(?:did|has|have|was|is|were)(?: not|n't|nt)|failed to) (?:really )?(?:work|respond)"
    r"|^no response to$"
)
UNANSWERED_REACH = 10
# a treatment told by a common word, no drug named ("the tablets didn't work"; not
# history.TREATMENT_NOUNS, the plurals of lines told unnamed)
UNANSWERED_TREATMENTS = frozenset(
    {"drug", "drugs", "medicine", "medication", "treatment", "therapy", "pill", "pills"}
    | {"tablets", "injections", "chemo", "infusions", "regimen", "hormone", "hormones"}
)


def _failed_not_treatment(doc: Doc, cue: Modifier) -> bool:
    """A "failed" cue said of the work-up or a symptom (FAILED_OF, FAILED_NOUNS); a
    "refractory"/"resistant" cue said of a symptom or of its care (FAILED_SYMPTOMS, SYMPTOM_CARE); a
    "didn't work"/"did not respond to" cue with no drug in its reach."""
    word = doc[cue.start].lower_
    if word in ("refractory", "resistant"):  # the cue may be "refractory to"
        return _refractory_symptom(doc, cue.start)
    if UNANSWERED_CUES.match(cue.rule.literal):
        # round 24: a treatment told not to have worked ("went into Capcetibine which didn't
        # work", "did not respond to chemotherapy"): said of something else when no drug is in
        # its reach ("when she did not respond to a diagnostic trial of pyridostigmine")
        lo, hi = sentence_bounds(doc, cue.start)
        reach = range(max(lo, cue.start - UNANSWERED_REACH), min(hi, cue.end + UNANSWERED_REACH))
        lowers = doc_lowers(doc)
        return not any(
            doc[i].ent_type_ == "DRUG" or lowers[i] in UNANSWERED_TREATMENTS for i in reach
        )
    if cue.end - cue.start != 1 or not word.startswith("fail"):
        return False
    before = {w.lower_ for w in doc[max(cue.start - 2, 0) : cue.start]}
    nxt = doc[cue.end].lower_ if cue.end < len(doc) else ""
    return bool(before & FAILED_OF) or nxt in FAILED_NOUNS


# the words of an early-disease treatment told after "after": "7 years after right radical
# mastectomy, radiotherapy and chemotherapy"
AFTER_WORDS = frozenset({"after", "following"})
BREAST_OPERATION = re.compile(r"^(?:mastectomy|lumpectomy|quadrantectomy|surgery|resection)$")
EARLY_COURSE_WORDS = frozenset(
    {"and", ",", "adjuvant", "radical", "modified", "right", "left", "bilateral", "breast"}
    | {"conserving", "partial", "total", "radiotherapy", "radiation", "neoadjuvant", "her"}
)


def _after_early_surgery(doc: Doc, event: int, start: int) -> bool:
    """The drug told in the event's sentence after "after" with the primary operation and
    nothing else between: "metastasis … 7 years after mastectomy and chemotherapy"."""
    lo, hi = sentence_bounds(doc, event)
    if not event < start < hi:
        return False
    window = doc[max(event + 1, start - 8) : start]
    afters = [t.i for t in window if t.lower_ in AFTER_WORDS]
    if not afters:
        return False
    between = doc[afters[-1] + 1 : start]
    return any(BREAST_OPERATION.match(t.lower_) for t in between) and all(
        BREAST_OPERATION.match(t.lower_) or t.lower_ in EARLY_COURSE_WORDS for t in between
    )


def _failed_to(doc: Doc, cue: Modifier) -> bool:
    """A "failed" cue followed by "to" + a verb that is no treatment outcome (history)."""
    return cue.end - cue.start == 1 and failed_to_find(doc, doc[cue.start])


def _diagnosed_before(doc: Doc, i: int) -> bool:
    """ "diagnosed with MBC", "dx'd with de novo MBC": the abbreviation told found."""
    return any(w.lower_.startswith(("diagnos", "dx")) for w in doc[max(i - 5, 0) : i])

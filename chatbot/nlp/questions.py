"""Yes/no questions about the patient state nothing: "Is she BRCA positive?", "Is the
tumour HER2-low?", "Does she have brain metastases?", "Has she had a CDK4/6 inhibitor?",
"Is she pre- or postmenopausal?" ask for a fact, they do not tell it.

A polar question is an auxiliary (is, are, was, were, does, do, did, has, have, had) at the
start of a sentence or of a clause after a comma (after at most a discourse word: "So", "And",
"Also,"; "She has bone mets, has it spread to the brain?"), or a modal (could, can, might, may,
would, will) whose predicate is a state ("Could it have spread to the brain?", "Might she be
HER2-low?"; not an action: "Could she have T-DXd?", "Can she be treated with …?"), then the
patient or her tumour as the subject (she, he, the patient, this 65-year-old woman, her
tumour, the cancer, it, there: "Is there brain involvement?"), then the predicate, up to
the question mark (or the end of the message: "is she post menopausal"). What the predicate
names is asked about; the facts found there are left unset (asked later if they decide).

Facts stated elsewhere in such a sentence are kept:
- in the subject itself ("Is this ER+ patient a candidate for a CDK4/6 inhibitor?": the
  patient is ER+);
- in what the question is asked in the light of, after "given", "since", "because",
  "as", "despite", "considering", "now that", "in view of", a relative pronoun ("that",
  "which", "who") or an infinitive "to" other than "to be"/"to have" — never the place a
  verb of spread goes to ("Has it spread to her brain?" asks about the brain) — ("Is she a candidate
  for olaparib given her gBRCA2 mutation?", "Is it reasonable to give T-DXd to a HER2-low
  patient?"; "Is she known to be BRCA positive?" asks);
- in a question that is not about her state: a question about an action or an opinion
  ("Should she get olaparib?", "Does she need chemotherapy given visceral crisis?", "Is it
  worth adding ...", "Is there a role for T-DXd in HER2-low disease?") or with another
  subject ("Is palbociclib OK in ER+ disease?");
- in any sentence that is not a question ("ER+/HER2- pt on letrozole, next?").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from chatbot.nlp.sites import ASIDE

_AUX = (
    r"(?:is|are|am|was|were|isn'?t|wasn'?t|does|do|did|doesn'?t|didn'?t|has|have|had|hasn'?t|"
    r"could|can|might|may|would|will)"
)
_MODALS = frozenset({"could", "can", "might", "may", "would", "will"})
# a verb that classes the case ("Does this count as a visceral crisis?"): her state asked
_CLASSING = r"(?:count|qualify|classify|class|pass)\s+as|constitute|represent|amount\s+to"
# A verb of spread in any of its forms ("spread", "metastasized", "has gone", "travelled")
_SPREAD = (
    r"(?:spread\w*|metastasi[sz]\w*|gone|go(?:es|ing)?|mov(?:e|ed|es|ing)|travell?\w*|"
    r"migrat\w*|progress\w*|extend\w*|reach\w*)"
)
# A modal asks about her state when the verb after it is "be" or a verb of spread or change
# in its perfect ("Could it have spread …", "Might she be HER2-low?"); "Could she have
# T-DXd?" and "Can she be treated with …?" ask what to do.
_MODAL_STATE = re.compile(
    r"\s*(?:(?:already|still|possibly)\s+)?(?:be\s+(?!(?:treated|given|offered|started|switched|"
    r"considered|eligible|a\s+candidate|candidates|able|put|managed|used|re-?challenged)\b)|"
    rf"have\s+(?:already\s+)?(?:been\s+)?(?:{_SPREAD}|developed|become|turned|recurred|relapsed)\b|"
    rf"(?:{_CLASSING})\b"
    # (stop 59: a finding she might have, "Could she have a BRCA mutation?", "Might I have any
    # brain mets?"; not a treatment she might have, "Could she have an AI instead?")
    r"|have\s+(?:a|an|any)\s+(?:[\w/-]+\s+){0,3}?(?:mutations?|variants?|alterations?|deletions?"
    r"|amplifications?|fusions?|metasta\w*|mets|spread|lesions?|tumou?rs?|recurrence|relapse)\b)",
    re.I,
)
# after a verb of spread, "to" is the place it went to, no infinitive
_SPREAD_BEFORE_TO = re.compile(rf"\b{_SPREAD}\s*\Z", re.I)
# (stop 66: a form's numbered question, "Q7 'Have you ever had …?'")
_LEAD = (
    r"(?:(?:and|so|but|also|then|ok|okay|well|now|q\d{0,3}|question(?:\s*\d{1,3})?|finally|lastly"
    r"|plus|further)\W{0,3}\s*){0,2}"
)
_HEAD = (
    r"(?:patient|pt|woman|lady|man|gentleman|female|male|tumou?r|cancer|carcinoma|disease|"
    r"lesion|biopsy|mass|case|primary|metastas[ie]s|mets|recurrence)"
)
# stop 55 (held-out probe L): "this" / "that" alone, the case itself, when a noun phrase or a
# verb of classing follows ("Is this a visceral crisis?", "Would this count as visceral
# crisis?" had read a crisis); never before a bare fact ("Is this ER+/HER2- MBC eligible …?"
# states the receptors), which the determiner form before it reads
_SUBJECT = (
    # (stop 59, held-out probe P: the writer asking of herself, "Do I have a PIK3CA mutation?",
    # "Am I postmenopausal now?")
    # (stop 66, held-out probe W: a form's history question to the reader, "Q7 'Have you ever
    # had liver disease?' - YES (hepatitis A in 1998)"; only with "ever had/been …": "Could you
    # advise on her liver mets?", "Have you ever seen a case like this: …" tell them)
    r"(?:(?:she|he|it|they|there|i|we)\b"
    r"|you(?=\s+ever\s+(?:had|been|suffered|received|taken|undergone|experienced)\b"
    r"(?!(?:\s+\S+){0,4}?\s+(?:patients?|pts?|cases?|woman|women|lady|ladies|man|men|someone|anyone"
    r"|experience|success|luck|similar|clients?|persons?|people)\b))"
    r"|(?:the|this|that|her|his|our|my|your)\s+"
    rf"(?:[^\s?.!;]+\s+){{0,3}}?{_HEAD}\b|"
    rf"(?:this|that)(?=\s+(?:an?|considered|classed|counted|really|truly|likely|probably|definitely|"
    # (stop 61, held-out probe R: the writer's own state asked through "that", "is that me in
    # menopause now??", "Does that make me postmenopausal?", "Does this mean I'm post-menopausal?")
    rf"me|her|him|make|makes|mean|means|{_CLASSING})\b))"
)
# "Does she have ...", "Did she receive ..." ask about her state; "Does she need / qualify
# / benefit ..." ask what to do. An adverb may come first (stop 55: "Does she still have her
# periods?" had read premenopausal; "Did she ever get ...", "Does she currently show ...").
_DO_STATE = re.compile(
    r"\s*(?:(?:still|already|ever|currently|actually|really|now|also)\s+)?(?:have|has|got|carry|harbou?r|show|express|present|meet|fit|suffer|"
    rf"receive|get|take|relapse|recur|undergo|respond|remain|{_SPREAD})\w*\b|\s*(?:{_CLASSING})\b"
    r"|\s*(?:make|put)\s+(?:me|her|him)\b|\s*means?\s+(?:that\s+)?(?:i|she|he)(?:['’][ms])?\b",
    re.I,
)
# "Is it reasonable / worth / OK to ...": an opinion asked, not her state
_OPINION = re.compile(
    r"\s*(?:reasonable|worth|ok(?:ay)?|safe|appropriate|possible|better|necessary|advisable|"
    r"acceptable|standard|recommended|indicated|wise|sensible|too|still|true|right|correct)\b",
    re.I,
)
# "Is there a role for ...", "Are there data ...": a question about treatment or evidence,
# not about her ("Is there brain involvement?", "Are there liver metastases?" are).
_THERE_ABOUT_TREATMENT = re.compile(
    r"\s*(?:(?:a|an|any|some)\s+)?(?:role|place|benefit|options?|data|evidence\s+(?:for|that|of\s+benefit)|"
    r"reasons?|need|difference|trials?|studies|indication|advantage|rationale|guidelines?|"
    r"recommendations?|consensus|drugs?|therap\w+|treatments?|ways?|alternatives?|point|"
    r"value|harm|risk|limit|cut-?off|threshold|patients|people|women|cases|someone|"
    r"(?:certain\s+|other\s+)?(?:characteristics|biomarkers|factors|features|predictors))\b",
    re.I,
)
# ... to its question mark, or to the end of the message ("is she post menopausal")
_POLAR = re.compile(
    rf"(?:^|(?<=[.!?;:,\n]))\s*{_LEAD}(?P<aux>{_AUX})\s+(?:not\s+)?(?P<subject>{_SUBJECT})"
    r"(?P<predicate>[^.!?;\n]{0,300})(?:\?|\s*\Z)",
    re.I,
)
# Where a _POLAR match can begin: the text's start, or right after one of these (its
# lookbehind). ``re`` tries the pattern at every character (its opening alternation gives
# no first character to scan for): trying it only there is ~2x cheaper, the same matches.
_POLAR_AFTER = re.compile(r"[.!?;:,\n]")


# stop 66 (the review): a question answered yes right after its mark ("Q3 Is she
# postmenopausal? Yes.", "Q5 Have you ever had brain metastases? YES - 2 treated with SRS")
# tells what it asks; one answered no, or not answered, is asked
_ANSWERED_YES = re.compile(
    r"""\s*['"’”]?\s*(?:[-–:]\s*)?(?:yes|yep|yeah|y|positive|confirmed)\b"""
    # (not a blank form's options: "Y/N", "Yes/No:", "yes / no / unknown", "Yes or no?")
    r"(?!\s*(?:/|\||or\b))",
    re.I,
)


# stop 69 (held-out probe Y): a finding itself the subject, its existence or its nature asked
# ("('Were liver or brain metastases present?'): No." had read liver and active brain
# metastases; "Is the liver lesion metastatic?" the liver): the finding is asked, not told.
# Only a finding noun as the subject's head and a predicate of being there or being cancer.
_FINDING_HEAD = (
    r"(?:[^\s?.!;]+\s+){0,4}?(?:lesions?|mass(?:es)?|nodules?|metastas[ie]s|mets"
    r"|recurrences?|deposits?|spots?|foci|focus|involvement)"
)
_FINDING_PREDICATE = (
    r"(?:(?:still|really|definitely|likely|probably|also)\s+)?"
    r"(?:present|seen|found|detected|identified|visible|noted|metastatic|malignant|cancer(?:ous)?"
    r"|benign|real|new|active|confirmed|there"
    # (stop 73, held-out probe AC: its nature asked as a noun, "Is the lung nodule a met?",
    # "Could the spot on my liver be another metastasis?")
    r"|(?:be\s+)?(?:(?:a|an|another|more|further)\s+)?(?:mets?|metastas[ie]s|metastatic\s+\w+"
    r"|cancer|malignancy|secondar(?:y|ies)|spread|recurrence|deposits?))"
)
# where the finding is, told after its head ("the spot on my liver")
_FINDING_WHERE = r"(?:\s+(?:on|in|of|at|within|near)\s+(?:[^\s?.!;]+\s+){0,3}?[^\s?.!;]+)?"
# (the modals with "be", and a list's own marks before it: "① Could the spot on my liver be
# another metastasis?", stop 73)
_LIST_MARKS = "\u2460-\u24ff\u2776-\u2793\u2022\u25aa\u25e6\u25cf"
_FINDING_ASKED = re.compile(
    rf"(?:^|(?<=[.!?;:,(\n'\"‘“{_LIST_MARKS}]))\s*" + _LEAD + r"(?:is|are|was|were|could|can"
    r"|might|may)\s+(?:(?:the|this|that|these|those|her|his|any|my)\s+)?"
    rf"(?P<finding>{_FINDING_HEAD}){_FINDING_WHERE}\s+{_FINDING_PREDICATE}\s*\?",
    re.I,
)
# stop 70: the same question ending with where or when it is asked ("Were new brain
# metastases present at 6 months? No."), or "Any …?" ("Any new brain mets on the 6-month MRI?
# No."): asked only when a denial answers it right after — these forms are often answered
# in a clause of their own ("Any new brain mets on the MRI? Unfortunately yes - three", the
# review of stop 70), so without a denial the finding stays told
_FINDING_ASKED_WHERE = re.compile(
    r"(?:^|(?<=[.!?;:,(\n'\"‘“]))\s*" + _LEAD + r"(?:(?:is|are|was|were)\s+"
    r"(?:(?:the|this|that|these|those|her|his|any)\s+)?"
    + rf"(?P<finding>{_FINDING_HEAD})\s+{_FINDING_PREDICATE}(?:\s+[^\s?.!;:]+){{1,6}}?"
    + rf"|any\s+(?P<any>{_FINDING_HEAD})(?:\s+[^\s?.!;:]+){{0,6}}?)\s*\?"
    + r"""(?=\s*['"’”)]*\s*(?:(?:answer|ans|a)\s*[:.-]\s*)?(?:no|none|nope|nil|negative|not\s+seen)\b)""",
    re.I,
)


# the answer's lead ("Question: is the liver lesion metastatic? Answer: yes")
_ANSWER_LEAD = re.compile(r"""\s*['"’”)]*\s*(?:(?:answer|ans|a)\s*[:.-]\s*)?""", re.I)
# the next sentence tells the finding malignant ("Was the liver lesion metastatic? The biopsy
# showed metastatic breast carcinoma."), not when it opens with a denial ("No. …")
_NEXT_TELLS = re.compile(
    r"(?![^.!?]{0,3}\b(?:no|none|not|negative)\b)[^.!?]{0,160}?"
    r"(?<!\bno\s)(?<!\bnot\s)\b(?:metastatic|metastas[ie]s|mets|carcinoma|malignant)\b",
    re.I,
)


# …or confirms it ("Is the brain lesion a met? Biopsy confirmed.", "Biopsy: yes.", "MDT: yes,
# SBRT planned", "It was."; the review of stop 73)
_NEXT_CONFIRMS = re.compile(
    r"(?![^.!?]{0,3}\b(?:no|none|not|negative)\b)[^.!?]{0,40}?"
    r"(?<!\bno\s)(?<!\bnot\s)\b(?:confirm\w*|positive|proven|yes\b"
    # ("It was." answers it; "(the MRI to check it is booked …)" does not)
    r"|(?<![\w\s])\s*(?:it|they)\s+(?:was|is|were|are)\s*[.!])",
    re.I,
)


def _finding_answered(text: str, end: int) -> bool:
    """The finding asked is answered yes, or told malignant or confirmed by the next sentence
    (the review of stop 69: a case report asks and then tells)."""
    lead = _ANSWER_LEAD.match(text, end)
    at = lead.end() if lead else end
    return (
        _ANSWERED_YES.match(text, at) is not None
        or _NEXT_TELLS.match(text, at) is not None
        or _NEXT_CONFIRMS.match(text, at) is not None
    )


def _polar_matches(text: str) -> Iterator[re.Match[str]]:
    """``_POLAR.finditer(text)``, the pattern tried only where a match can begin, from the
    end of the last match on (as ``finditer`` goes on; ``^`` still means the text's start
    and the lookbehind still reads the text before a position). No match is empty."""
    match = _POLAR.match
    pos = 0
    # (stop 59, review: of marks with only whitespace between them, the last alone — a match
    # from an earlier one reads the same words after its spaces; 4,000 line breaks had been
    # 4,000 tries each reading every break after it)
    starts = [0, *(m.end() for m in _POLAR_AFTER.finditer(text))]
    for n, start in enumerate(starts):
        if n + 1 < len(starts):
            mark = starts[n + 1] - 1  # the next mark's own index
            if mark == start or (mark > start and text[start:mark].isspace()):
                continue
        if start >= pos:
            found = match(text, start)
            if found is not None:
                yield found
                pos = found.end()


# stop 50 (found by probing): what a finding means for her, asked ("My report says 'HER2-low
# (IHC 2+, ISH not amplified)'. Does that mean I'm HER2 positive?" had read HER2-positive); a
# person its subject ("Does this mean it's now triple negative?" keeps the receptors told).
# Typed on a phone without its "?" (and with no stop before its "does") it runs to the end
# of the message (stop 56, probe M: "my
# periods stopped when i started the zoladex injections in jan does that mean im in
# menopause now the nurse said its only while im on it" had read postmenopausal).
_MEANT_PERSON = (
    r"(?:i'?m|i\s+am|she'?s|she\s+is|he'?s|he\s+is|i\s+have|she\s+has|he\s+has|"
    r"we'?re|i|she|he|mum|mom|my\s+\w+)"
)
_MEANS = re.compile(
    rf"(?:^|(?<=[.!?;:,\n\-–—]))\s*{_LEAD}(?:does|would|could|doesn'?t|so)\s+(?:that|this|it)\s+"
    r"(?:mean|means|imply|implies|make|makes)\s+(?:that\s+)?"
    rf"{_MEANT_PERSON}\s+(?P<predicate>[^.!?;\n]{{1,300}})\?",
    re.I,
)
# the question typed without its "?" and without a stop before its "does" (a conclusion,
# "so that means she has a BRCA2 mutation", states it)
_MEANS_TYPED = re.compile(
    r"\b(?:does|doesn'?t)\s+(?:that|this|it)\s+(?:mean|means|imply|implies)\s+(?:that\s+)?"
    rf"{_MEANT_PERSON}\s+(?P<predicate>[^.!?;\n]{{1,300}}?)(?:\?|\s*\Z)",
    re.I,
)


# stop 56 (held-out probe M): a short clause of alternatives ending in "?" asks which, it
# tells neither ("Confused since Tuesday - brain mets or the hypercalcaemia (adjusted Ca 3.4
# mmol/L)?" had read active brain metastases; "Bone only or visceral too?"). Only a clause of
# at most ALTERNATIVE_WORDS words (bracketed asides not counted), only from the word before
# its "or" (and the one before that when it is a plain word: not "HER2-" in "ER+ HER2-
# postmenopausal or not?"), and only up to what it is asked in the light of ("Olaparib or
# alpelisib given BRCA2 and PIK3CA mutations?"): a whole case told before "… fulvestrant or
# cape?" in one run-on sentence is not asked. The clauses are found in one pass over the
# text's marks (a regex reaching back from each "or" took 22 s on "? a or - " x 570).
_CLAUSE_MARKS = re.compile(r"[()?.!;:\n]|\s[-–—](?=\s)")
_OR = re.compile(r"\s(?:or)\s", re.I)
_WORD = re.compile(r"\S+")
_SIGNED = re.compile(r"[+\-−/]$")  # a status written with its sign: "HER2-", "ER+"
ALTERNATIVE_WORDS = 10
_OPENS_POLAR = re.compile(rf"\s*{_LEAD}{_AUX}\b", re.I)


def _alternatives(text: str) -> list[tuple[int, int]]:
    """The alternatives asked in the short "A or B?" clauses of ``text`` (see above)."""
    out: list[tuple[int, int]] = []
    depth, start = 0, 0
    for m in _CLAUSE_MARKS.finditer(text):
        mark = m.group()
        if mark == "(":
            depth += 1
        elif mark == ")":
            depth = max(0, depth - 1)
        elif not depth:
            if mark == "?":
                asked = _alternative(text, start, m.start())
                if asked is not None:
                    out.append(asked)
            start = m.end()
    return out


def _alternative(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The asked span of the clause text[lo:hi] when it offers alternatives, else None."""
    clause = text[lo:hi]
    found = _OR.search(clause)
    if found is None or _OPENS_POLAR.match(clause):
        return None  # no "or"; or a polar question ("Is it bone or liver?"): _POLAR reads it
    if len(ASIDE.sub(" ", clause).split()) > ALTERNATIVE_WORDS:
        return None
    before = list(_WORD.finditer(clause, 0, found.start()))
    if not before:
        return None
    first = before[-1]
    if len(before) > 1 and not _SIGNED.search(before[-2].group()) and before[-2].group() != ")":
        first = before[-2]
    given = _GIVEN.search(clause, found.end())
    return lo + first.start(), lo + (given.start() if given else len(clause))


# stop 56 (held-out probe M): a state as the subject of a question, "being X", is supposed,
# not told ("Does being perimenopausal change the AI choice? She's 50, no period for 14
# months" had read premenopausal): what "being" names, up to the question's verb, is asked
# ("Does her being premenopausal change …?" tells it: the possessive states her state)
_BEING = re.compile(
    rf"(?:^|(?<=[.!?;:,\n]))\s*{_LEAD}(?:does|do|did|would|will|could|can|might|should|is|doesn'?t|"
    r"wouldn'?t)\s+being\s+(?P<predicate>[^.!?;\n]{1,80}?)"
    r"(?=\s+(?:change|changes|alter|alters|affect|affects|make|makes|mean|means|matter|matters|"
    r"count|counts|qualify|qualifies|put|puts|rule|rules|exclude|excludes|allow|allows|"
    r"influence|influences|modify|modifies|shift|shifts)\b|\s*\?)",
    re.I,
)


_THIS_TOLD_AFTER = re.compile(r"\b(?:for|with|in|on|of|at|after|before|given)\b", re.I)
_CLASSING_LEAD = re.compile(rf"\s*(?:(?:still|really|now)\s+)?(?:{_CLASSING})\b", re.I)

# what the question is asked in the light of: stated, not asked
_GIVEN = re.compile(
    r"\b(?:given|since|because|as|despite|considering|now\s+that|in\s+view\s+of|"
    r"in\s+light\s+of|knowing|to(?!\s+(?:be|have)\b)|that|which|who|whom|where)\b",
    re.I,
)


# stop 59 (held-out probe P): a clause a tag question asks to confirm ("So I have a PIK3CA
# mutation, right??", "she's HER2-low, isn't she?"): asked, not told. Only a clause with its
# own subject and verb right before the tag: a clinician's summary confirmed at its end
# ("62F, ER+, HER2-, bone mets only, PIK3CA mutated, correct?") states its facts.
_TAGGED = re.compile(
    r"(?:^|(?<=[.!?;:,\n]))\s*(?:(?:so|and|but|then|ok|okay)\W{0,2}\s*)?"
    r"(?P<predicate>(?:i|she|he|it|we|they|my\s+\w+|her\s+\w+)\s*(?:['’]m|['’]s|['’]re|am|is|are|was"
    r"|were|have|has|had|carry|carries|do|does)\b[^.!?;:,\n]{1,200}),\s*"
    r"(?:right|correct|am\s+i\s+right|is\s+that\s+right|(?:is|are|does|do|has|have|was)n['’]?t\s+"
    r"(?:it|she|he|i|they|that)(?:\s+right)?)\s*\?",
    re.I,
)


# stop 59 (review): the writer asking of herself asks her state only with "do I have / carry
# …" or "am I …" a state ("Do I have a PIK3CA mutation?", "Am I postmenopausal now?"); not
# "Have I run out of options after letrozole, palbociclib …?", "Do I have any options after
# …?", "Am I too old for chemo …?", "Am I reading this right: ER 90% …?", which tell her case
_OWN_HAVING = re.compile(
    r"\s*(?:(?:still|already|actually|really|definitely)\s+)?(?:have|carry|harbou?r)\b", re.I
)
_OWN_NOT_STATE = re.compile(
    r"\s*(?:\w+ing\b|out\b|too\b|eligible\b|able\b|allowed\b|a\s+candidate\b|right\b|wrong\b|"
    r"supposed\b|going\b|ok(?:ay)?\b|safe\b)",
    re.I,
)


def _asks_own_state(aux: str, predicate: str) -> bool:
    if aux in ("do", "did", "don't", "dont", "didn't", "didnt"):
        having = _OWN_HAVING.match(predicate)
        return having is not None and not _THERE_ABOUT_TREATMENT.match(predicate, having.end())
    if aux == "am":
        return not _OWN_NOT_STATE.match(predicate) and not _OPINION.match(predicate)
    if aux in _MODALS:
        return _MODAL_STATE.match(predicate) is not None  # "Could I have a BRCA mutation?"
    return False


# "is that me in menopause now??": the person asked about, her state after it (not a case
# told after a preposition)
_PERSON_AFTER = re.compile(r"\s*(?:me|her|him)\b", re.I)


def asked_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) character ranges of ``text`` that a yes/no question about the patient
    asks about (see the module docstring): facts found inside them are not stated."""
    found = []
    for m in _polar_matches(text):
        aux, predicate = m.group("aux").lower(), m.group("predicate")
        if not m.group(0).endswith("?") and aux in ("were", "had"):
            continue  # the subjunctive, not a question: "were she premenopausal"
        if aux.startswith("d") and not _DO_STATE.match(predicate):
            continue
        if m.group("subject").lower() in ("i", "we") and not _asks_own_state(aux, predicate):
            continue
        if aux in _MODALS and not _MODAL_STATE.match(predicate):
            continue
        if m.group("subject").lower() in ("it", "this", "that") and _OPINION.match(predicate):
            continue
        if m.group("subject").lower() == "there" and _THERE_ABOUT_TREATMENT.match(predicate):
            continue
        if m.group(0).endswith("?") and _ANSWERED_YES.match(text, m.end()):
            continue  # a form's question answered yes tells it: "Q3 Is she postmenopausal? Yes."
        classing = _CLASSING_LEAD.match(predicate)  # its "as" is the verb's, no "as" given
        after_verb = classing.end() if classing else 0
        cut = next(
            (
                g
                for g in _GIVEN.finditer(predicate, after_verb)
                if g.group().lower() != "to"
                or not _SPREAD_BEFORE_TO.search(predicate, 0, g.start())
            ),
            None,
        )
        end = m.start("predicate") + (cut.start() if cut else len(predicate))
        if m.group("subject").lower() in ("this", "that") and not _PERSON_AFTER.match(predicate):
            # the case asked about is the noun phrase after it; what follows a preposition is
            # the case told ("Is this a reasonable approach for her ER+ HER2- bone mets?")
            told = _THIS_TOLD_AFTER.search(predicate, after_verb)
            if told is not None:
                end = min(end, m.start("predicate") + told.start())
        if end > m.start("predicate"):
            found.append((m.start("predicate"), end))
    lowered = text.lower()
    if "being" in lowered:
        found.extend(m.span("predicate") for m in _BEING.finditer(text))
        found.sort()
    if "?" in text:
        found.extend(
            (m.start("finding"), m.end())
            for m in _FINDING_ASKED.finditer(text)
            if not _finding_answered(text, m.end())
        )
        found.extend(
            (m.start("finding") if m.group("finding") else m.start("any"), m.end())
            for m in _FINDING_ASKED_WHERE.finditer(text)
        )
        found.sort()
    if "?" in text and " or " in lowered:
        found.extend(_alternatives(text))
        found.sort()
    if "?" in text and "," in text:
        found.extend(m.span("predicate") for m in _TAGGED.finditer(text))
        found.sort()
    if "mean" in lowered or "impl" in lowered or "make" in lowered:
        found.extend(m.span("predicate") for m in _MEANS.finditer(text))
        found.extend(m.span("predicate") for m in _MEANS_TYPED.finditer(text))
        found.sort()
    return found

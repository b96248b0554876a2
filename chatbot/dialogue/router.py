"""What a message is, decided once, from its content: one intent per message.

The router sees the message text and what extraction read from it (``Extraction``),
plus two facts about the conversation: whether a question is pending and whether a
case exists. It never acts; ``Session`` hands the message to the handler of the intent.

Order matters and is the policy: commands; out of scope; a what-if (never changes the
case); a correction (recognised at any time, also while another question is pending or
when a question follows it); the answer to the pending question; a case description
or update — a message carrying case facts is a case whatever it ends with ("…PD after
THP. 2nd line?"); a general guideline question about a kind of patient rather than a
patient; an information look-up; why / why not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, get_args

from chatbot.dialogue import scope
from chatbot.dialogue.commands import Command, parse_command
from chatbot.dialogue.whatif import what_if_clause
from chatbot.nlp.types import Extraction

Intent = Literal[
    "command",
    "out_of_scope",
    "correction",
    "answer",
    "what_if",
    "case",
    "general",
    "info",
    "why",
    "unclear",
]
INTENTS: tuple[Intent, ...] = get_args(Intent)

CORRECTION_CUE = re.compile(
    r"\b(?:actually|sorry|correction|correcting|i meant|i mean|my mistake|mistake|typo|wrong|"
    r"rather|instead|not\s+\d+|update[sd]?|changed?|scratch that|let me correct)\b",
    re.I,
)
# Facts about the drugs, comorbidities and sites alone do not make a question a case
# ("denosumab on dialysis?", "dose of zoledronic acid for her bone metastases?").
PERIPHERAL_FACTS = frozenset(
    {
        "prior_therapies",
        "progressed_on",
        "prior_cdk46",
        "dialysis",
        "neuropathy",
        "heart_failure",
        "metastatic_sites",
    }
)
# What a general question ("first-line treatment for HR+/HER2- MBC?") may name: the kind
# of patient (also where the disease is: "… with bone metastases") and the line, never a
# history.
GENERAL_FACTS = frozenset(
    {
        "hormone_receptor",
        "her2",
        "her2_low",
        "pdl1",
        "menopausal_status",
        "visceral_crisis",
        "brain_metastases",
        "chemo_candidate",
        "germline_brca",
        "prior_lines",
        "sex",
        "pik3ca",
        "esr1",
        "akt1",
        "pten",
        "ovarian_ablation",
        "metastatic_sites",
    }
)
_WHY = re.compile(
    r"^\s*(?:why\b(?!\s+(?:is|are|does|do)\s+(?:\w+\s+){0,3}(?:used|given|preferred)\b)"
    r".*(?:not|n't|rule[ds]? out|exclude[sd]?|drop(?:ped)?|left out|leave out|instead|"
    r"recommended|option|chosen|chose|choose|pick(?:ed)?|this|that)\b"
    r"|how did you (?:get|reach|decide))",
    re.I,
)


SHORT_QUESTION_WORDS = 6
_HER_RECEPTOR = re.compile(
    r"\bher[-\s]?(?:2|neu)?(?=\s*(?:neg|pos|[+-]|low|status|amplif|ihc|\d|overexpress))", re.I
)
# A question whose subject is the drug it names ("when is T-DXd an option?").
_ABOUT_THE_DRUG = re.compile(
    r"\b(?:an option|on the table|be used|be given|be considered|considered|indicated|"
    r"appropriate|possible|eligible|qualif\w*|suitable)\b",
    re.I,
)
# A multiple-choice or true/false question ("Palbociclib may be combined with … True False").
_QUIZ = re.compile(
    r"\btrue\s*(?:/|or|,)?\s*false\s*\??\s*$|(?:^|\s)a\)\s.+\sb\)\s.+\sc\)\s",
    re.I | re.S,
)
# The patient of the case under discussion.
_THE_PATIENT = re.compile(r"\b(?:she|her|he|his|the patient|pt)\b", re.I)
# A patient made up to ask about, when there is no case yet ("Let's say you had a patient
# with …", "Suppose a 60-year-old woman with …"): a case, not a what-if.
_HYPOTHETICAL_PATIENT = re.compile(
    r"\b(?:say|suppose|supposing|imagine|assume|consider)\s+(?:you|we|i)?\s*"
    r"(?:had|have|see|saw|get|got)?\s*(?:a|an)\s+(?:[\w+/-]+\s+){0,3}?"
    r"(?:patient|pt|woman|lady|man|female|male)\b",
    re.I,
)
# Someone telling their own history ("my cancer has metastasized to my bone. My oncologist
# put me on Femara …", "I have been on letrozole for 2 years"): a case, whatever it asks.
_FIRST_PERSON_HISTORY = re.compile(
    r"\b(?:my (?:cancer|tumou?r|disease|mets|oncologist|scans?)|i (?:have|had|was|am|'ve|’ve) "
    r"(?:been )?(?:on|told|diagnosed|started|taking|treated"
    # stop 41 (r52-0054): the writer's own disease and her response told ("I have metastatic
    # breast cancer with mets in my spine … I have been responding well to Femara")
    r"|responding|receiving|getting)"
    r"|i (?:have|had|'ve|’ve) (?:got )?(?:metastatic|secondary|advanced|stage (?:iv|4|four)|mbc|mets))"
    r"\b",
    re.I,
)
# ... unless what they ask is about the drug ("Can you tell me something about it?").
_TELL_ME_ABOUT = re.compile(
    r"\btell me (?:\w+ ){0,2}about\b|\b(?:information|info) (?:on|about)\b|"
    r"\bwhat (?:is|are) (?:it|they|this|that)\b|\bdos(?:e|es|ing|age)\b|side[- ]effects?|"
    r"\badverse\b|\btoxicit\w*|\bsafe(?:ty|ly)?\b|\binteract\w*",
    re.I,
)
_DISEASE = re.compile(r"metasta|\bmbc\b|breast cancer|advanced breast", re.I)
_PATIENT_MORE = re.compile(
    r"\b(?:previously|untreated|treatment[- ]na[iï]ve|de novo|diagnosed|presents?|presenting|"
    r"referred|mrs|ms|mr|y/?o|years?)\b",
    re.I,
)


# A general question leads with what it asks ("first-line treatment for HR+/HER2- MBC?",
# "what is recommended in …"); a case note leads with the facts ("ER+ HER2- MBC, no visceral
# crisis, what are the options?") and is a case whatever it ends with.
_GENERAL_LEAD = re.compile(
    r"^\s*(?:what|which|how|is there|are there|options?|treatment|therapy|management|"
    r"recommend\w*|preferred|standard|best|guideline|(?:\w+|\d+(?:st|nd|rd|th))[- ]line|"
    r"first|second|third|fourth|fifth|sixth|seventh|in\b|for\b|tell me|list|show|"
    r"(?:can|could|would|will) you\b)",
    re.I,
)


# The sentences of a message: a break after a full stop, "!", "?", ";" or ":" followed by a
# space (not "2.5"), a spaced dash, or a new line.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?;:])\s+|\n+|\s+[-–—]\s+")
# Facts about drugs and comorbidities that a lead sentence may name without telling a case
# ("Palbociclib. Does it work?").
_NOT_A_CASE_LEAD = frozenset(
    {"prior_therapies", "progressed_on", "prior_cdk46", "dialysis", "neuropathy", "heart_failure"}
)


# A lead that names a topic of talk, not a patient ("Let's talk in general about brain
# metastases.", "Turning to HER2-low disease.").
_TOPIC_LEAD = re.compile(
    r"\b(?:in general|generally|let['’]?s (?:talk|turn|move|discuss|focus|look)|turn(?:ing)? to|"
    r"talk(?:ing)? about|focus(?:ing)? on|(?:the|this|a) (?:population|setting|group) of)\b",
    re.I,
)


# a full stop that ends an abbreviation, not a sentence ("letrozole vs. anastrozole", "e.g.
# after endocrine therapy", "i.e.", "approx.") — the review of stop 62
_ABBREVIATION_END = re.compile(r"\b(?:vs|e\.g|i\.e|approx|cf|incl|esp|dr|mr|mrs|ms|no)\.$", re.I)
ABBREVIATION_REACH = 10  # characters before a break read for an abbreviation (bounded: a flood)
# a lead that tells of patients in general, a trial or a rate, not of her ("PIK3CA mutations
# occur in about 40% of ER+ MBC.", "DESTINY-Breast04 enrolled HER2-low MBC.", "BRCA carriers
# with TNBC.") — the review of stop 62
_POPULATION_LEAD = re.compile(
    r"\b(?:patients|women|men|people|carriers|cases|populations?|trials?|studies|study|enrolled"
    r"|occur|occurs|approved|approval|guidelines?|data|evidence|cohort)\b"
    # (a rate, not a receptor's percentage: "about 40% of ER+ MBC", not "ER 80%")
    r"|\d\s*(?:%|percent)\s+of\b",
    re.I,
)


# a lead that opens the question's own frame, not a case note (the second review of stop 62:
# "In HR+ MBC with a PIK3CA mutation: alpelisib or capivasertib?", "Does elacestrant — in
# ESR1-mutant ER+ MBC — beat fulvestrant?", "Regarding ER+ HER2- MBC …: is alpelisib used?")
_QUESTION_FRAME = re.compile(
    r"\s*(?:in|for|with|among|which|what|how|when|where|who|why|is|are|does|do|did|can|could"
    r"|would|should|will|regarding|re|about|concerning|considering|given)\b",
    re.I,
)


def told_before_question(extraction: Extraction) -> bool:
    """A terse case note: the patient's facts told in a statement of their own, then asked
    about ("ER+ HER2- MBC in bone. Tamoxifen or OFS + AI?", "Triple negative, liver mets.
    Sacituzumab?"). A question that names a kind of patient inside itself ("In a patient with
    HER2-low disease, would T-DXd be on the table?") is not one (issue 10, class 6)."""
    text = extraction.text.rstrip()
    if not text.endswith("?"):
        return False
    breaks = [
        m.end()
        for m in _SENTENCE_BREAK.finditer(text)
        if _ABBREVIATION_END.search(text, max(0, m.start() - ABBREVIATION_REACH), m.start()) is None
    ]
    if not breaks:
        return False
    asked_from = breaks[-1]
    lead = text[:asked_from].rstrip()
    if lead.endswith("?") or _TOPIC_LEAD.search(lead) or _POPULATION_LEAD.search(lead):
        return False
    if _QUESTION_FRAME.match(lead):
        return False  # "In HR+ MBC with a PIK3CA mutation: alpelisib or capivasertib?"
    return any(
        span.end <= asked_from
        for fact, spans in extraction.spans.items()
        if fact not in _NOT_A_CASE_LEAD and fact not in extraction.inferred
        for span in spans
    )


# "How is metastatic breast cancer treated in premenopausal women?" asks for treatment too.
_TREATED = re.compile(r"\b(?:treated|treating)\b", re.I)


# What an information question asks for, beyond "what is" (a treatment question is not one).
_SPECIFIC_INFO = re.compile(
    r"\b(?:dose|doses|dosing|dosage|side[- ]effects?|adverse|toxicit\w*|warnings?|safe\w*|"
    r"evidence|survival|trials?|approv\w*|defin\w*|mean\w*|monitor\w*|interaction\w*|"
    r"how (?:much|often|long)|schedule)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Route:
    """The intent of one message and what the router read on the way."""

    intent: Intent
    command: Command | None = None
    clause: str = ""
    """For a what-if: the assumed part of the message ("she had a PIK3CA mutation")."""
    reason: str = ""
    """Why this intent, in a few words (for tests and debugging)."""
    refines: bool = False
    """A general question narrowed by a quick reply (its facts add to the last one's)."""


# a question about the bot's own question, not one of the user's ("What?", "sorry?", "what
# do you mean?", "why do you ask?", "does it matter?"): the open question is asked again
_ABOUT_THE_QUESTION = re.compile(
    r"^\W*(?:what|huh|eh|sorry|pardon(?:\s+me)?|come\s+again|which\s+one|"
    r"what\s+do\s+you\s+mean(?:\s+by\s+(?:that|this|it))?|"
    r"what\s+does\s+(?:that|this|it)\s+mean|why\s+do\s+you\s+(?:ask|need\s+(?:that|this|it)"
    r"|want\s+to\s+know)|(?:does|would)\s+(?:that|this|it)\s+matter|is\s+(?:that|this|it)\s+"
    r"(?:important|relevant|needed|necessary))\W*$",
    re.I,
)

# A progression told of the regimen she is on without naming it: by a pronoun or as "the
# current treatment" ("She's progressed on it.", "It has stopped working", "progressing on
# current treatment", "the current regimen has failed"). The dialogue reads "it" as the
# regimen the case holds she is on (``CaseState.on_now``), and asks which one otherwise.
_CURRENT = (
    r"(?:it|this|that|(?:her\s+|the\s+)?current\s+(?:one|line|regimen|treatment|therapy|drugs?)"
    r"|(?:this|that)\s+(?:line|regimen|treatment|therapy|combination|combo)"
    r"|(?:her\s+|the\s+)?(?:treatment|therapy|regimen))"
)
_PROGRESSED_ON_CURRENT = re.compile(
    r"\b(?:progress(?:es|ed|ing|ion)?|pd|fail(?:s|ed|ing)?|worse|grown|grew)\s+"
    r"(?:on|with|despite|through)\s+" + _CURRENT + r"\b(?!\s+(?:was|is|were)\b)"
    r"|\b" + _CURRENT + r"(?:['’]s|s)?\s+(?:(?:has|is|was|does|did)\s+)?(?:now\s+)?"
    r"(?:stop(?:s|ped)?\s+working|no\s+longer\s+work(?:s|ing)|(?:not|n't|n’t)\s+work(?:ing)?"
    r"|fail(?:s|ed|ing)?)\b"
    r"|\b(?:it|its|it['’]s|this|that|treatment|therapy|regimen|line)\s+(?:isn['’]?t|is\s+not"
    r"|wasn['’]?t|is\s+no\s+longer|not)\s+working\b",
    re.I,
)
# A progression told with no regimen at all, of her disease now ("She has progressed.", "PD
# again", "Scans show progression in the liver", "Progression on CT, what next?", "What if
# she progresses?"): of the regimen she is on, as "it" is. The verb is hers; the noun is told
# as a finding (a clause of its own, or what a scan shows), never a time ("since progression",
# "after progression on a CDK4/6 inhibitor") or a measure ("progression-free survival").
_NOT_PD_L1 = r"(?![-\s]?(?:l\s?1|1)\b|\s*(?:neg|pos|[+-]))"
# (a verb or noun followed by what it progressed on names the regimen: "progressed on
# letrozole", "progression through fulvestrant"; "after 14 months" does not)
_NO_OBJECT = (
    r"(?![-\s]free)(?!\s+(?:on|with|despite|through|while|during|under|beyond)\b"
    # (what it was seen on is no regimen: "progression on CT", "PD on restaging PET")
    r"(?!\s+(?:(?:the|her|latest|recent|repeat|restaging|interval)\s+){0,2}"
    r"(?:ct|pet(?:-ct)?|mri|scans?|imaging|bone\s+scan|restaging|x-?rays?|ultrasound|cxr)\b))"
    r"(?!\s+after\s+(?!\d|(?:a|an|one|two|three|four|five|six|several|many|about|nearly"
    r"|almost|over)\b))"
)
_GROWING = (
    # (not another's: "Her daughter's tumour is growing"; not a comparison: "larger than 5 cm";
    # not "new lesions", whose denials take too many shapes to read here: "new lesions: none",
    # the review of stop 73)
    r"(?<!['’]s\s)\b(?:it|disease|tumou?rs?|cancer|mets|metastas[ie]s|lesions?|nodules?|deposits?"
    r"|mass(?:es)?)\s+(?:(?:is|are|has|have|'s|’s)\s+)?"
    r"(?:(?:been|now|still|clearly|definitely|again)\s+){0,2}"
    r"(?:growing|grown|enlarg(?:ing|ed)|bigger|larger|spreading"
    r"|increas(?:ing|ed)\s+in\s+(?:size|number))\b(?!\s+than\b)"
)
_BARE_PROGRESSION = re.compile(
    r"\bprogress(?:ed|es|ing)\b" + _NO_OBJECT + r"(?!\s+to\s+(?:stage|metasta|mbc|advanced))"
    r"|(?:(?:^|(?<=[.!?;:,\n(]))\s*|\b(?:show(?:s|ed|ing)?|confirm\w*|reveal\w*|demonstrat\w*"
    r"|with|now|there\s+(?:is|was|has\s+been)|evidence\s+of|signs?\s+of|consistent\s+with"
    r"|again)\s+)"
    r"(?:(?:disease|radiolog\w*|clinical|further|new|frank|definite|clear|overall)\s+)?"
    r"(?:progression\b|progressive\s+disease\b|pd\b"
    + _NOT_PD_L1
    + r")"
    + _NO_OBJECT
    # (her disease told growing, or new lesions: progression as a scan reads it, "it is
    # growing again", "liver mets are bigger", "new liver lesions"; stop 73)
    + r"|"
    + _GROWING
    + _NO_OBJECT,
    re.I,
)
# where a sentence ends (or a spaced dash parts two), and where a clause ends inside one
_SENTENCE_END = re.compile(r"[.!?;\n]|\s[-–—]\s")
_CLAUSE_END = re.compile(r"[,:()]|\s(?:but|so|then|and)\s", re.I)
# a sentence asking from its first word ("Has she progressed on it, do you think?")
_ASKING_OPEN = re.compile(
    r"\W*(?:has|have|had|is|are|was|were|did|does|do|could|can|would|will|should|might|may"
    r"|any|what|why|how|when|where|which|who|or)\b",
    re.I,
)
# a condition, a doubt or a denial of it is no news ("What if it stops working?", "if she
# progresses on it", "She hasn't progressed on it", "not progressing on current treatment",
# "no evidence of progression": the review of stop 70), read in its sentence up to the end
# of its own clause ("She progressed on it, not sure what next" is news)
_DENIED = (
    r"\b(?:not|never|no|hasn['’]?t|haven['’]?t|didn['’]?t|without|nor)\s+"
    r"(?:(?!but\b|and\b)\w+\s+){0,2}(?:progress|fail|stop|pd\b|grow|grew|enlarg|increas|spread"
    r"|bigger|larger|new\b)"
    # (denied after it, in its clause: "Progression was ruled out", "PD excluded on PET",
    # "Progression has not been confirmed", "Progression unlikely": the review of stop 72)
    r"|\b(?:ruled\s+out|excluded|not\s+(?:been\s+|yet\s+)?confirmed|unconfirmed|unlikely"
    r"|doubtful)\b"
)
_NOT_NEWS = re.compile(
    # (stop 73, the review: a growth doubted, hoped for, checked for or put down to something
    # else, "likely healing flare", "doubt the mets are growing", "nothing suggests")
    r"\b(?:doubt\w*|nothing|flare|artefact|artifact|infect\w*|inflammat\w*|benign"
    r"|indeterminate|possible|none|nil|absent|hop(?:e|es|ing|ed)|expect\w*|check\w*)\b|"
    r"\b(?:if|when|whether|should|unless|once|not\s+sure|unsure|maybe|perhaps|possibly"
    r"|might|may|could|likely|probabl[ey]|suspect\w*|suspicious|query|equivocal|indeterminate"
    r"|awaiting|pending|pseudo-?progression)\b|" + _DENIED,
    re.I,
)
_DENIAL = re.compile(_DENIED, re.I)
_STOPPED = re.compile(r"\b(?:stopped|discontinued|ceased|halted|withdrawn)\b", re.I)
# a progression told with no regimen, of an earlier time ("She had progressed before
# starting it", "progressed previously")
_EARLIER = re.compile(
    r"\b(?:previously|earlier|before|prior|originally|initially|at\s+diagnosis|in\s+(?:19|20)\d\d"
    r"|ago|last\s+(?:year|time))\b",
    re.I,
)
# the facts a message may tell beside it ("She's progressed on it. No visceral crisis."), not
# a history of its own (a regimen named, a count)
HISTORY_FACTS = frozenset({"progressed_on", "prior_therapies", "prior_lines", "prior_chemo_lines"})


SENTENCE_REACH = 400  # characters either side of a progression read for its sentence


def _reach(text: str, start: int, end: int) -> tuple[int, int, re.Match[str] | None, bool]:
    """Where the sentence holding ``text[start:end]`` begins, where its clause ends, what
    ends the sentence, and whether another clause follows within it."""
    # (read within a bounded reach either side: a flood of progressions stays linear)
    opened = [m.end() for m in _SENTENCE_END.finditer(text, max(0, start - SENTENCE_REACH), start)]
    begins = opened[-1] if opened else max(0, start - SENTENCE_REACH)
    closing = _SENTENCE_END.search(text, end, end + SENTENCE_REACH)
    ends = closing.start() if closing is not None else min(len(text), end + SENTENCE_REACH)
    clause = _CLAUSE_END.search(text, end, ends)
    return begins, (clause.start() if clause is not None else ends), closing, clause is not None


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence holding ``text[start:end]`` (within the bounded reach above)."""
    begins, _, closing, _ = _reach(text, start, end)
    ends = closing.end() if closing is not None else min(len(text), end + SENTENCE_REACH)
    return text[begins:ends]


def asked_in_its_sentence(text: str, start: int, end: int) -> bool:
    """What is read at ``text[start:end]`` is asked: its sentence ends in "?" and either opens
    asking or has no other clause after it ("Has she progressed on it?", "PD on fulvestrant?";
    not "PD on fulvestrant, what next?", which tells it and asks what follows)."""
    begins, _, closing, more = _reach(text, start, end)
    return (
        closing is not None
        and closing.group() == "?"
        and (not more or _ASKING_OPEN.match(text, begins) is not None)
    )


def _told(text: str, start: int, end: int, *, bare: bool) -> bool:
    """The progression read at ``text[start:end]`` is told as news: not asked (its sentence
    ends in "?" and either opens asking or has no other clause after it: "She progressed on it,
    what now?" tells it, "Has she progressed on it?" asks), nor a condition, a doubt or a
    denial in its sentence up to its clause's end; a bare one not of an earlier time."""
    if asked_in_its_sentence(text, start, end):
        return False
    begins, reach, _, _ = _reach(text, start, end)
    if _NOT_NEWS.search(text, begins, reach):
        return False
    return not (bare and _EARLIER.search(text, begins, reach))


def _failings(text: str) -> Iterator[tuple[re.Match[str], bool]]:
    """Each progression of the regimen she is on read in ``text``, and whether it is bare."""
    named = list(_PROGRESSED_ON_CURRENT.finditer(text))
    for found in named:
        yield found, False
    spans = [(f.start(), f.end()) for f in named]
    for found in _BARE_PROGRESSION.finditer(text):
        if not any(s <= found.start() < e for s, e in spans):
            yield found, True


# the bare verb after her, only in an assumption ("Should she progress, what then?"); as news
# it is a hope or a wait ("Hoping she progress slowly"; the review of stop 73)
_SUBJUNCTIVE_PROGRESS = re.compile(r"\b(?:she|he)\s+progress\b(?!\s+or\s+not\b)" + _NO_OBJECT, re.I)


def current_failing(text: str) -> bool:
    """The text tells the regimen she is on failing without naming it (as news or assumed,
    not denied: "What if there is no evidence of progression?" assumes no failure)."""
    found_all = [found for found, _ in _failings(text)]
    found_all += list(_SUBJUNCTIVE_PROGRESS.finditer(text))
    for found in found_all:
        begins, reach, _, _ = _reach(text, found.start(), found.end())
        if _DENIAL.search(text, begins, reach) is None:
            return True
    return False


def progressed_on_current(text: str) -> bool:
    """The message tells, as news, a progression of the regimen she is on without naming it."""
    return any(_told(text, m.start(), m.end(), bare=bare) for m, bare in _failings(text))


def route(
    text: str,
    extraction: Extraction,
    *,
    pending: bool,
    short_answer: bool,
    has_case: bool,
    drugs: tuple[str, ...] = (),
    general_open: bool = False,
    asked: tuple[str, ...] = (),
) -> Route:
    """The one intent of ``text`` (already sanitised, non-empty). ``general_open``: the last
    answer was to a general question, so a bare kind-of-patient fact ("post-menopausal",
    a quick reply it offered) narrows that question rather than starting a case.
    ``asked``: the facts the pending question asks (a reply giving one is its answer)."""
    command = parse_command(text)
    if command is not None:
        if command.name in ("why", "why_not"):
            return Route("why", command, reason="why command")
        return Route("command", command, reason="command")
    decision = scope.judge_scope(text)
    if (
        decision.reason == "early-breast-cancer"
        and has_case
        and (_THE_PATIENT.search(text) or not scope.is_question(text))
    ):
        # "She had Herceptin in the adjuvant setting in 2015", "adjuvant AC-T in 2016": her
        # early disease is the history of the metastatic case under discussion, not a
        # question about early disease.
        decision = scope.ScopeDecision(False)
    if decision.out_of_scope and not short_answer:
        if decision.reason == "injection":
            rest = scope.without_instructions(text)
            if not (rest and scope.describes_patient(rest)):
                return Route("out_of_scope", reason="injection")
        else:
            return Route("out_of_scope", reason=decision.reason or "")
    if (
        not short_answer
        and (not has_case or scope.is_question(text))
        and scope.other_condition(text, drugs)
    ):
        return Route("out_of_scope", reason="other condition")
    # The 0 lines (and 0 chemotherapy lines) inferred at a told metastatic event is a reading
    # of the story, not a fact that makes a question a case: "she developed bone metastases
    # …; what is the typical survival?" stays a question (issue 10, round 3). A story that
    # asks nothing ("…later confirmed as metastatic breast cancer on bone marrow biopsy.") is
    # a case.
    facts = set(extraction.facts)
    if scope.is_question(text):
        facts -= {"prior_lines", "prior_chemo_lines"} & extraction.inferred
    stated = (
        bool(facts)
        or bool(extraction.unknown_facts)
        or bool(extraction.contradictions)
        or bool(extraction.uncertain)
    )
    clause = what_if_clause(text)
    if clause is not None:
        if not has_case and facts - PERIPHERAL_FACTS and _HYPOTHETICAL_PATIENT.search(text):
            # "Let's say you had a patient with ER+ MBC who …": there is no case to
            # assume anything of — the patient described is the case.
            return Route("case", reason="a patient described as a hypothetical, no case yet")
        return Route("what_if", clause=clause, reason="what-if cue")
    if facts and has_case and (extraction.corrections or CORRECTION_CUE.search(text)):
        # with no case there is nothing to correct ("… the most important updates to these
        # guidelines …" is a question, "actually she is 48" the case itself)
        return Route("correction", reason="correction cue with facts")
    if CORRECTION_CUE.search(text) and drugs and has_case and not scope.asks_for_information(text):
        return Route("correction", reason="correction of a drug")
    if has_case and not facts & HISTORY_FACTS and progressed_on_current(text):
        # "She's progressed on it.": news of the regimen the case holds she is on
        return Route("case", reason="progression of the current regimen")
    if has_case and drugs and _STOPPED.search(text) and not scope.is_question(text):
        # "Stopped ribociclib for toxicity.": news of her treatment, not a question about the
        # toxicity (the review of stop 73: it went to the look-up, and the case kept the drug
        # as one she is on)
        return Route("case", reason="a drug told stopped")
    if pending and short_answer:
        return Route("answer", reason="short answer to the pending question")
    if (
        pending
        and facts & set(asked)
        and not (scope.is_question(text) and scope.asks_for_information(text))
    ):
        return Route("answer", reason="gives the fact asked")
    if not has_case and not pending and _QUIZ.search(text):
        # A quiz item ("… True False", "a) … b) …") asks what the guideline says, about no
        # patient: the facts it names are its options, not a case.
        return Route("info", reason="a quiz item")
    if _WHY.search(text) and has_case and not facts:
        return Route("why", reason="why question about the answer")
    info_cue = scope.asks_for_information(text)
    unmarked = _HER_RECEPTOR.sub(" ", text)  # "HER negative" is a receptor, not "her"
    patient = (
        scope.describes_patient(unmarked) or "age" in facts or bool(_PATIENT_MORE.search(text))
    )
    wants_treatment = (
        scope.asks_for_recommendation(text)
        or _TREATED.search(text) is not None
        or "prior_lines" in facts - extraction.inferred
    )
    own_history = (
        not has_case
        and _FIRST_PERSON_HISTORY.search(text) is not None
        and _TELL_ME_ABOUT.search(text) is None
    )
    # stop 32 (r33): a patient whose metastatic disease is told found, asked about with no drug
    # named ("the first meeting after we've learned that we are in stage 4, with metastases to
    # the liver, lymph nodes …", then questions for the oncologist about her diagnosis): her
    # case, its facts kept ("She developed bone metastases after adjuvant tamoxifen. What is
    # the dose of denosumab?" stays a question about the drug)
    her_disease_found = patient and "prior_lines" in extraction.facts and not drugs
    if stated:
        questioned = scope.is_question(text) or len(text.split()) <= SHORT_QUESTION_WORDS
        if (
            facts
            and facts <= PERIPHERAL_FACTS
            and questioned
            and (info_cue or (not has_case and drugs))
            and (not pending or info_cue)
            and not own_history
            and not (patient and scope.asks_for_management(text))
            and not her_disease_found
        ):
            # "denosumab on dialysis?"; a narrative naming drugs and sites is a case, and so
            # is a patient described with her management asked ("A patient presents with …
            # liver metastasis. What is the most appropriate management?").
            return Route("info", reason="question about a drug or comorbidity")
        if (
            facts <= PERIPHERAL_FACTS
            and not has_case
            and not own_history
            and not her_disease_found
            and scope.is_question(text)
            and not scope.asks_for_recommendation(text)
        ):
            return Route("info", reason="question naming only sites or drugs")
        if (
            general_open
            and not has_case
            and not pending
            and not patient
            and facts
            and facts <= GENERAL_FACTS
            and len(text.split()) <= SHORT_QUESTION_WORDS
        ):
            return Route("general", reason="narrows the general question", refines=True)
        history = facts & {"prior_therapies", "progressed_on", "prior_cdk46"}
        # a case note told before its question is about her, not a kind of patient, unless
        # it asks about the drug itself ("ER+ HER2- MBC. What is the dose of abemaciclib?")
        told_first = (
            not has_case
            and _SPECIFIC_INFO.search(text) is None
            and _TELL_ME_ABOUT.search(text) is None
            and told_before_question(extraction)
        )
        if (
            not patient
            and not told_first
            and not pending
            and not history
            and drugs
            and scope.is_question(text)
            and (not wants_treatment or _ABOUT_THE_DRUG.search(text))
            and not extraction.corrections
        ):
            # "In a patient with HER2-low disease, would T-DXd be on the table?"
            return Route("info", reason="question about a drug for a kind of patient")
        if not patient and not has_case and not pending:
            if info_cue and not history and not wants_treatment and questioned:
                return Route("info", reason="information question naming a kind of patient")
            if (
                facts
                and facts <= GENERAL_FACTS
                and wants_treatment
                and (
                    _GENERAL_LEAD.match(text)
                    or (
                        scope.is_question(text)
                        and len(text.split()) <= SHORT_QUESTION_WORDS
                        and scope.asks_for_recommendation(text)
                    )
                )
            ):
                return Route("general", reason="treatment question with no patient")
        if (
            not patient
            and has_case
            and info_cue
            and not wants_treatment
            and scope.is_question(text)
            and not facts & {"prior_therapies", "progressed_on"}
        ):
            return Route("info", reason="information question during a case")
        return Route("case", reason="case facts")
    if (
        not has_case
        and not pending
        and not drugs
        and scope.asks_for_recommendation(text)
        and not _SPECIFIC_INFO.search(text)
        and _GENERAL_LEAD.match(text)
        and _DISEASE.search(text)
    ):
        return Route("general", reason="treatment question naming no patient or kind")
    if info_cue and (drugs or scope.is_medical(text)):
        return Route("info", reason="information question")
    if scope.asks_for_recommendation(text) and not (scope.is_question(text) and drugs):
        if pending or has_case or not scope.is_question(text):
            return Route("case", reason="asks for the answer")
        if _DISEASE.search(text):
            return Route("general", reason="treatment question with no patient")
    if (
        pending
        and scope.is_question(text)
        and not _ABOUT_THE_QUESTION.match(text)
        and (extraction.asked or info_cue or scope.is_medical(text))
    ):
        # "Could it have spread to her brain?", "What is the prognosis?" while "Is there
        # visceral crisis?" is open: a question of its own, answered where it can be; the
        # open question stays open (InfoTurns asks it again). "What?", "what do you mean?"
        # ask about the open question itself: it is asked again (below).
        return Route("info", reason="a question while another is pending")
    if pending:
        return Route("answer", reason="reply to the pending question")
    if drugs or scope.is_medical(text):
        return Route("info", reason="medical question")
    return Route("unclear", reason="nothing to act on")

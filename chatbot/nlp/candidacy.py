"""Chemotherapy candidacy told by the treatment itself: a case in which chemotherapy is
given or put forward for the metastatic disease ("she commenced first line palliative
chemotherapy", "the treatment intent was palliative, focusing on symptom control with
systemic chemotherapy") is a case of a patient able to receive chemotherapy.

This is an inference (``Extraction.inferred``), made only when the text states nothing
about candidacy itself (the clinicians' words, fact_patterns.yaml, always win: "frail",
"ECOG 3", "declined chemotherapy", "unfit for chemotherapy"), and only from a sentence that
- names chemotherapy — the word, or a chemotherapy drug the text names ("I finally am
  starting Taxol treatments"),
- places it on the metastatic disease (palliative, metastatic, advanced, stage IV,
  secondary, widespread, disseminated, recurrent), or comes after the text told the
  metastatic disease and not as something earlier ("previously", "at diagnosis"), never on
  early disease (adjuvant, neoadjuvant, perioperative, locally advanced, the primary
  cancer, a mastectomy),
- tells it given or proposed (received, underwent, commenced, started, administered,
  treated with, proposed, scheduled, decided to have, recommended, …),
- and has no refusal, intolerance or stop in it (a payer's refusal to pay is not hers; a
  relative's own "who died" clause is not said of her) ("declined", "a severe reaction", "concern
  that chemotherapy would exacerbate …"), nor a negation, doubt, condition or question from
  the chemotherapy's clause on ("without additional systemic chemotherapy", "if she is fit
  for chemotherapy?", "offered chemotherapy, but she did not want it"; a doubt in a clause
  before it is not said of it: "she might have a year, but chemotherapy has shrunk …").

The metastatic disease may be told by a distant site read before the chemotherapy ("breast
cancer in my bones … currently Herceptin, Zometa and chemotherapy"), and the chemotherapy
given by its effect or its sittings ("has shrunk the nodes", "chemotherapy appointments").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from chatbot.nlp.prefilter import gated
from chatbot.nlp.primaries import other_cancer_diagnosed
from chatbot.nlp.types import Span

CHEMO = gated(r"\b(?:chemo(?:therapy|therapies)?|cytotoxics?)\b", re.I)
# Asked with ``first`` and ``found`` (its folded twin, chatbot.nlp.prefilter).
METASTATIC = gated(
    r"\b(?:palliative|metasta\w*|advanced|stage\s*(?:iv|4)|stage[\s-]+four|secondary|widespread|disseminated"
    r"|recurren\w*|first[- ]line|second[- ]line|third[- ]line|(?:1st|2nd|3rd)[- ]line|mbc"
    # (stop 56, r110-0009: the spread told by its verb, "The cancer spread quickly and in 2008
    # she started chemotherapy again"; not to the nodes, which is regional)
    r"|(?:cancer|disease|tumou?r)\s+(?:had\s+|has\s+)?spread"
    r"(?!\s+to\s+(?:[\w/]+\s+){0,3}(?:lymph|nodes?|axill\w*)))\b",
    re.I,
    scan=True,
)
EARLY = re.compile(
    r"\b(?:adjuvant|neo-?adjuvant|peri-?operative|pre-?operative|post-?operative"
    r"|early[- ]stage|early\s+(?:breast\s+)?(?:cancer|disease)|curative|locally\s+advanced|primary\s+(?:cancer|tumou?r|disease)"
    r"|mastectom\w*|lumpectom\w*|breast[- ]conserving)\b",
    re.I,
)
# what a treatment given brings ("a partial response", "clinical amelioration")
_OUTCOME = (
    r"(?:(?:a|an|the|her|his|its|some|marked|significant|clinical|partial|complete|good|dramatic"
    r"|rapid|major|durable|sustained|further|radiological|radiologic|objective)\s+){0,3}"
    r"(?:respon\w*|remission|ameliorat\w*|improvement|regression|shrinkage|stabili[sz]ation"
    r"|stable\s+disease|disease\s+control|benefit|relief|resolution|disappearance)"
)
GIVEN = re.compile(
    # (stop 37, r46: the base forms after a modal, "will undergo chemotherapy", "is to receive")
    r"\b(?:received|receiving|receives|receive|underwent|undergoing|undergoes|undergo|commenced|started"
    r"|initiated|administered|given|treated|treating|treat|proposed|focusing\s+on|completed"
    r"|began|begun|continued|continues|continuing|was\s+planned|is\s+planned"
    # put forward or about to start ("was scheduled to receive chemotherapy", "she decided
    # to have systemic chemotherapy", "chemotherapy was recommended", "switched to ...")
    r"|scheduled|planned|planning|decided\s+to|opted\s+for|chose|begin|beginning|start|starting"
    r"|starts|begins|prescribed|prescribing"
    r"|offered|recommended|switched|put\s+on|went\s+on"
    # (stop 56, r108-0001: the team's wish told, "the cancer team wanted me to go for six
    # cycles of chemotherapy")
    r"|(?:wants?|wanted|wanting|advised|urged)\s+(?:me|her|him|us)\s+to\s+(?:have|start|go\s+for|undergo|get|do)"
    r"|go(?:es|ing)?\s+for\s+(?:\w+\s+){0,3}(?:cycles?|rounds?|sessions?|courses?)\b"
    # (stop 56, r114-0001: asked for, "seeks coverage for a medical treatment that involves a
    # single cycle of high-dose chemotherapy", "she requested chemotherapy")
    r"|(?:seeks|sought|seeking)\s+(?:coverage|funding|approval|authori[sz]ation)\s+for"
    r"|request(?:s|ed|ing)\s+(?:(?:a|an|the|more|further|high-dose|palliative|another)\s+){0,2}chemo"
    # (stop 52, r89-0015: told changing, "her oncologist is switching her chemo meds")
    r"|switching|switches"
    # (stop 44: the plan told with "have": "she will have chemotherapy", "is going to have chemo")
    r"|will\s+(?:be\s+)?hav(?:e|ing)|going\s+to\s+have|(?:is|are|am)\s+to\s+have"
    # (r61-0007: the plan named as the chemotherapy, "explained the plan, which was chemo right away")
    r"|plan\s*,?\s*(?:which\s+)?(?:is|was)"
    # (stop 46, r62-0002: told as the treatment she is on, "currently Herceptin, Zometa and
    # chemotherapy", "she is on chemotherapy")
    r"|currently|presently|(?:is|am|are|was|were|been|being|remains?|stays?)\s+on"
    # (stop 47, r66-0023: the present perfect, "During that time I've had radiation twice, …
    # and a third attempt, through chemotherapy")
    r"|(?:['’]ve|have|has)\s+had"
    # (stop 47, r68: told as her role, her present or her next step: "She was going to be a
    # chemo patient", "I'm in the middle of chemo", "has chemotherapy every three weeks", "I was
    # now moving onto more traditional chemotherapy")
    r"|(?:chemo|chemotherapy)\s+patients?|in\s+the\s+middle\s+of"
    r"|(?:has|have|having|gets|getting)\s+(?:\w+\s+)?(?:chemo|chemotherapy)\b(?![-\s](?:induced|brain|related))"
    r"|mov(?:e|es|ed|ing)\s+on(?:to|\s+to)?"
    # (stop 48, r73-0002: her next step, "She's already started radiation. Chemo is next.",
    # "Next up is chemotherapy")
    r"|(?:chemo|chemotherapy)\s+(?:is|will\s+be|comes)\s+next"
    # (stop 51, r83-0007: the step quoted, "the “next step” is chemo")
    r"|next\s+(?:up\s+|step[\"”’']?\s+|comes\s+)?(?:is\s+|will\s+be\s+)?(?:chemo|chemotherapy)\b"
    # (stop 46, r63-0028: put forward as what is left, "The only remaining option was
    # chemotherapy for the duration of her life")
    r"|options?\s+(?:was|is|were|are|remains?|left)"
    # (stop 46, r64: told by its effect or its sittings, "recent chemotherapy treatments …
    # have shrunk the lymph nodes", "including … chemotherapy … improved the patient's pain",
    # "between chemotherapy appointments")
    r"|shrunk|shrank|shrinking|shrinks?|improved|improving|controlled|controlling|worked"
    r"|working|helped|helping"
    # (stop 48, r74-0008, r74-0006: "a new oral chemotherapy treatment killed the cancer in her
    # ribs, spine and tailbone"; the lay "doing chemo", "Burton is currently doing chemotherapy" —
    # not "did chemotherapy … from 2019 to 2021", a past course, nor "will want to do chemo")
    r"|(?:killed|kills|killing|cleared|clearing|melted|destroyed)\s+(?:off\s+)?(?:(?:the|her|his|my"
    r"|all|most|some|of)\s+){0,3}(?:cancer|tumou?rs?|disease|cells|lesions|mets|metastases)"
    r"|(?:doing|does)\s+(?:\w+\s+)?(?:chemo|chemotherapy)\b"
    # (stop 49, r76-0010: the present perfect "been through", "Paige has been through 24
    # rounds of chemotherapy since March"; told by its weekday, "Chemo on Tuesdays")
    r"|(?:['’]ve|have|has)\s+been\s+through"
    r"|(?:chemo|chemotherapy)\s+(?:is\s+)?on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)days\b"
    # (stop 47: told as what her disease calls for, or as tablets she takes: "she needs
    # aggressive chemotherapy treatment", "I'll take chemo pills to stop the cancer")
    r"|(?:needs?|needed|needing|requir(?:e|es|ed|ing))\s+(?:(?:an?|more|some|urgent|immediate"
    r"|aggressive|further|intensive|palliative|systemic)\s+)*(?:chemo\w*|cytotoxic\w*)"
    r"|takes?|taking|took"
    # (stop 62, r125-0013: put on a trial of it, "enrolled her in a clinical trial of Avastin -
    # combined with chemotherapy", "was randomised to chemotherapy")
    r"|(?:enrolled|enrolling|enrols?|entered|joined|randomi[sz]ed)\s+(?:(?:her|him|me)\s+)?"
    r"(?:in|on|into|onto|to)\b"
    r"|(?:chemo|chemotherapy)\s+(?:appointments?|sessions?|infusions?))\b",
    re.I,
)
# stop 68 (r130-0001): given, told by the response it brought ("Treatment with capecitabine
# lead to clinical amelioration", "she responded well to capecitabine", "achieved a partial
# response"; a poor or absent response is blocked as the other verbs are). Only of her own
# cancer (the cold review of stop 68): not in a sentence of a relative or friend (unless the
# message is a carer's, whose relative is the patient), of patients in general or a trial, or
# of another cancer ("Her mother responded well to chemotherapy", "In the EMBRACA trial,
# chemotherapy led to a partial response in 27% of patients", "Her lymphoma responded to
# R-CHOP")
RESPONSE_GIVEN = re.compile(
    rf"\b(?:(?:led|lead|leads|leading|resulted|results|resulting)\s+(?:to|in)\s+{_OUTCOME}"
    rf"|(?:achieved|achieving|achieves|obtained|produced|induced|yielded)\s+{_OUTCOME}"
    r"|respond(?:ed|ing|s)?\s+(?:(?:well|nicely|dramatically|partially|completely|favou?rably)\s+)?to)\b",
    re.I,
)
OTHERS_RESPONSE = re.compile(
    r"%|\b(?:patients|women|people|studies|study|trials?|others"
    r"|husband|wife|partner|daughter|son|lymphoma|leuka?emia|myeloma|arthritis|lupus)\b",
    re.I,
)
# stop 61 (r124-0010): the chemotherapy she is "now on", right before it ("progressed on
# palbociclib + letrozole; now on capecitabine"; not "capecitabine discussed but she is now on
# fulvestrant")
NOW_ON_BEFORE = re.compile(r"\bnow\s+on\s+(?:[^\s,;]+\s+)?$", re.I)
# the multimodal treatment of the primary ("surgery, radiotherapy and chemotherapy",
# "chemo-radiation"), and breast surgery told after the chemotherapy (it was neoadjuvant:
# "he started chemotherapy. Then he had a mastectomy"): early disease, whatever was told
# before
# (stop 47, r66-0023: not an operation on a metastasis' organ, "radiation twice, extensive
# spinal surgery, and a third attempt, through chemotherapy")
PRIMARY_TREATMENT = re.compile(
    r"\b(?:(?<!spinal\s)(?<!spine\s)(?<!brain\s)(?<!hip\s)(?<!back\s)(?<!neck\s)(?<!bone\s)"
    r"(?<!liver\s)(?<!lung\s)(?<!vertebral\s)(?<!orthopaedic\s)(?<!orthopedic\s)surgery"
    r"|surgical|resection|chemo-?radi\w*)\b",
    re.I,
)
LATER_SURGERY = re.compile(
    r"\b(?:mastectom\w*|lumpectom\w*|quadrantectom\w*|breast[- ]conserving)\b", re.I
)
# told of an earlier time ("previously she had received chemotherapy"): not necessarily
# after the metastatic disease told before it
BEFORE = re.compile(
    # (stop 47: not "before" opening a clause of what comes next, "five sessions of
    # radiotherapy before she starts chemotherapy every three weeks")
    r"\b(?:previously|prior|earlier|before(?!\s+(?:she|he|i|we|they)\s+(?:starts?|begins?|can|will"
    r"|gets?|goes))|initially|originally|at\s+(?:the\s+time\s+of\s+)?"
    r"diagnosis|years?\s+ago|history"
    # (stop 46) told back in the pluperfect: "She had received chemotherapy and tamoxifen"
    r"|(?:\bhad\s+|['’]d\s+)(?:received|undergone|been\s+['‘’]?(?:given|treated|on)|had|completed"
    r"|finished))\b",
    re.I,
)
# anything in the sentence that makes the chemotherapy not a treatment she is fit for
BLOCK = re.compile(
    # (stop 47: a payer's refusal is not hers: "her insurer, refusing to pay for a
    # high-dosage chemotherapy … prescribed by her oncologist" tells it proposed, round 61)
    r"\b(?:declin\w*|refus(?!(?:e|ed|es|ing|al)\s+to\s+(?:pay|fund|cover|reimburse))\w*|unfit|frail"
    r"|intoleran\w*|avoid\w*|rather|denied(?!\s+(?:coverage|cover|funding|payment))|deny|denies|tolerat\w*|contra-?indicat\w*|toxicit\w*"
    # (stop 47, r66-0023: not the cancer stopped, "an attempt, through chemotherapy, at
    # stopping the cancer from growing")
    r"|stopp(?!\w*\s+(?:(?:the|my|her|his|its)\s+)?(?:cancer|disease|tumou?rs?|growth|spread)\b)\w*"
    r"|discontinu\w*|halt\w*|withheld|withdraw\w*"
    r"|consider\w*|candidate|eligib\w*|suitab\w*"
    r"|fit|concern\w*|risk\w*|instead|unable|poor|performance|ecog|karnofsky|hospice|best\s+supportive"
    r"|died|death|succumbed|deceased|passed|hospitali[sz]\w*"
    # (stop 46: a reaction or a choice against it, in any clause: "She was given chemotherapy
    # but had a severe reaction", "was offered chemotherapy, but she opted against it")
    r"|reactions?|against)\b",
    re.I,
)
# a negation, a doubt, a condition or a question: from the chemotherapy's clause on (_clause)
# (stop 46, r64: "Doctors have said she might have only one year to live, but recent
# chemotherapy treatments … have shrunk the lymph nodes"; "… between chemotherapy
# appointments …, Marika said: “Cancer might take everything else”")
# (stop 46: a contraction's "n't" has no word boundary before it, "didn't", "can't")
CLAUSE_BLOCK = re.compile(
    # (stop 47: "no longer curable" tells the metastatic disease, not a chemotherapy denied)
    # (stop 62, r125-0013: nor a response it gave, "… combined with chemotherapy - and within
    # six months, she had no signs of cancer")
    # (not "no evidence of metastasis": the metastatic disease denied)
    r"\?|n['’]t\b|\bno\b(?!\s+(?:longer\s+curable|(?:(?:signs?|evidence|traces?)\s+of"
    r"|visible|detectable|active|remaining)\s+(?:(?:the|any)\s+)?(?:cancer|disease)\b))"
    r"|\b(?:not|cannot|without|never|none"
    # (stop 48, r70-0006: not "unless", whose plan stands by default, "chemo starting again on
    # Monday, (unless I get translated …)"; a plan denied is told by its own negation)
    r"|would|could|should|might|may|if|whether)\b",
    re.I,
)
# a relative's own clause ("the loss of her mother, who died from cancer"): what it tells is
# said of the relative, not of the patient's chemotherapy
# (the relatives and friends whose own cancer a story tells beside hers; a husband, a partner
# or a child is told of in her own story too, "my husband drove me to chemo")
KIN = (
    r"mother|mum|mom|father|dad|sister|brother|aunt|auntie|aunty|grandmother|grandma|grandfather"
    r"|cousin|niece|nephew|friend"
)
RELATIVES_CLAUSE = re.compile(
    rf"\b(?:{KIN}|husband|wife|partner|daughter|son)s?\s*,?\s+who\b[^,.;:]*", re.I
)
CLAUSE_BREAK = re.compile(r",?\s+\b(?:but|however|whereas|although|though)\b|[;:]", re.I)
# stop 48 (r74-0006): a plan of something else coordinated after it ends its clause ("is
# currently doing chemotherapy and will try medical trials if needed": the condition is the
# trials')
OTHER_PLAN_AFTER = re.compile(
    r"\s+and\s+(?:will|would|may|might|could|plans?\s+to|hopes?\s+to|wants?\s+to)\s+"
    # (not a plan told of it: "… and will not continue it", "… and will stop it")
    r"(?!\w*\s*(?:chemo|chemotherapy)\b)(?!(?:not|never|no\s+longer|stop|quit|discontinue|end)\b)",
    re.I,
)
# a quotation opening: a colon before a quote mark, or a curly opening quote ("…" straight
# quotes alone cannot tell opening from closing)
QUOTE_OPENING = re.compile(r":\s*[“\"‘]|“")
# stop 59 (r122-0003): the chemotherapy told going on now ("in his words 'the chemo is
# working'", "I'm on chemo") in a text that tells her metastatic disease only after it ("…
# there is no cure for secondary breast cancer"), with no early disease told anywhere: what
# she is having now is for the disease she has now, whatever order the story tells them in
# (the metastatic disease told of her: not in a sentence about a relative, "My mother had
# metastatic breast cancer")
KIN_SENTENCE = re.compile(rf"\b(?:{KIN})s?\b", re.I)
# (another person's chemotherapy in the sentence: a relative named, or another cancer —
# chatbot.nlp.primaries, the scope judge's vocabulary)
OTHERS_CHEMO = re.compile(rf"\b(?:{KIN}|husband|wife|partner|daughter|son)(?:s|'s)?\b", re.I)
GOING_ON_NOW = re.compile(
    r"\b(?:is|are|am|currently|presently|now|today|this\s+(?:morning|week|month))\b|['’]m\b", re.I
)


def _clause(sentence: str, at: int) -> str:
    """The words that can say something of the chemotherapy at ``at``: from the clause
    break before it (", but", "however", ";", ":") to the sentence's end, or to a quotation
    opening after it ("…, Marika said: “Cancer might …”"). A clause after it can deny it
    ("was offered chemotherapy, but she did not want it"); one before it cannot ("she might
    have only a year, but chemotherapy has shrunk the nodes")."""
    lo = 0
    for m in CLAUSE_BREAK.finditer(sentence, 0, at):
        lo = m.end()
    quote = QUOTE_OPENING.search(sentence, at)
    hi = quote.start() if quote else len(sentence)
    # (stop 51, r83-0007: a bracketed aside is a clause of its own, "She doesn't offer a
    # prognosis at the appointment (in a word, the “next step” is chemo), and she doesn't …")
    # (a bracket that only lists the regimen's parts, "a TEC regimen (docetaxel 75 mg/m2, …)",
    # is no aside: the clause after it still speaks of the regimen)
    opened = sentence.rfind("(", lo, at)
    closed = sentence.find(")", at, hi) if opened >= 0 else -1
    if closed >= 0 and ")" not in sentence[opened:at] and GIVEN.search(sentence, opened, closed):
        lo, hi = opened + 1, closed
    plan = OTHER_PLAN_AFTER.search(sentence, at, hi)
    return sentence[lo : plan.start() if plan else hi]


def _own_response(sentence: str, carer: bool) -> bool:
    """The response told in ``sentence`` is of her own cancer (RESPONSE_GIVEN above)."""
    if OTHERS_RESPONSE.search(sentence) or other_cancer_diagnosed(sentence):
        return False
    return carer or not KIN_SENTENCE.search(sentence)


def _told_of_her(sentences: Iterable[tuple[int, int]], text: str, at: int | None) -> bool:
    """The metastatic word at ``at`` told in a sentence that names no relative or friend."""
    if at is None:
        return False
    for start, end in sentences:
        if start <= at < end:
            return not KIN_SENTENCE.search(text, start, end)
    return False


def chemo_given_for_metastatic_disease(
    sentences: Iterable[tuple[int, int]],
    text: str,
    site_told: int | None = None,
    drugs: Sequence[Span] = (),
    carer: bool = False,
) -> Span | None:
    """The first chemotherapy mention of a sentence telling it given for the metastatic
    disease (see the module docstring), or None. ``site_told``: where the text first names
    a metastatic site it was read to have ("breast cancer in my bones"): the metastatic
    disease is told there, whatever words it is told in. ``drugs``: the chemotherapy drugs
    named in the text, in order ("I finally am starting Taxol treatments"), read where a
    sentence has no chemotherapy word. ``carer``: the message is a carer's about a relative
    (that relative is the patient)."""
    first = METASTATIC.first(text)  # once: a flood of sentences stays linear
    sentences = tuple(sentences)
    told_of_her: bool | None = None  # asked once, when a sentence needs it
    pending = iter(drugs)
    drug = next(pending, None)
    for start, end in sentences:
        sentence = text[start:end]
        while drug is not None and drug.start < start:
            drug = next(pending, None)
        chemo = CHEMO.search(sentence)
        if chemo is not None:
            at, chemo_end, chemo_text = chemo.start(), chemo.end(), chemo.group(0)
        elif drug is not None and drug.end <= end:
            at, chemo_end, chemo_text = drug.start - start, drug.end - start, drug.text
        else:
            continue
        # placed on the metastatic disease by the sentence itself, or by the story: after
        # metastatic disease was told ("extensive lung, liver and bone metastases … she
        # underwent whole brain irradiation and chemotherapy")
        # (a site read, unlike a word, is told before the chemotherapy in its own sentence
        # too: "my cancer moved to my lungs, and I've been on chemo since")
        told_after = (
            (
                (first is not None and first < start)
                or (site_told is not None and site_told < start + at)
            )
            and not BEFORE.search(sentence)
            and not PRIMARY_TREATMENT.search(sentence)
            and not LATER_SURGERY.search(text, end)
        )
        if not told_after and told_of_her is None and GOING_ON_NOW.search(sentence):
            told_of_her = site_told is not None or _told_of_her(sentences, text, first)
        going_on = (
            not told_after
            and told_of_her
            and GOING_ON_NOW.search(sentence)
            # (review: not a relative's chemotherapy, "My husband is on chemo for bowel cancer")
            and not OTHERS_CHEMO.search(sentence)
            and not other_cancer_diagnosed(sentence)
            and not EARLY.search(text)
            and not BEFORE.search(sentence)
            and not PRIMARY_TREATMENT.search(sentence)
        )
        given = (
            GIVEN.search(sentence)
            or NOW_ON_BEFORE.search(sentence, max(0, at - 40), at)
            or (RESPONSE_GIVEN.search(sentence) and _own_response(sentence, carer))
        )
        if not (METASTATIC.found(sentence) or told_after or going_on) or not given:
            continue
        if EARLY.search(sentence) or BLOCK.search(RELATIVES_CLAUSE.sub(" ", sentence)):
            continue
        if CLAUSE_BLOCK.search(_clause(sentence, at)):
            continue
        return Span(start + at, start + chemo_end, chemo_text)
    return None

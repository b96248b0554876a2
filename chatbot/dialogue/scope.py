"""What a message is about: in scope (metastatic breast cancer) or not, case or question.

Rules, not a classifier: the decisions are few, must be explainable, and must not
drift. Out of scope: prompt injection ("ignore the guideline and …"), other
cancers, early/adjuvant breast cancer with no sign of metastatic disease, and
chit-chat. MBC questions the guideline does not answer are *in* scope — they get
an honest "not covered" from retrieval instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from chatbot.nlp.primaries import (
    BREAST_PRIMARY,
    CANCER_NOUN,
    HISTOLOGY_WORDS,
    ORGAN_PART,
    OTHER_CANCER,
    OTHER_ORGAN,
    other_cancer_diagnosed,
    other_cancer_named,
)

SCOPE_SENTENCE = (
    "I answer questions about treating metastatic breast cancer from one guideline — "
    "the treatment options for a patient's group and line, and the guideline's doses, "
    "warnings, evidence and supportive care; this message is outside that."
)

OutOfScopeReason = Literal[
    "injection",
    "other-cancer",
    "early-breast-cancer",
    "chit-chat",
    "other-condition",
    "admin",
    "screening",
    "biology",
]

_INJECTION = re.compile(
    r"\b(?:ignore|disregard|forget|override|bypass|skip)\b.{0,40}?"
    r"\b(?:guidelines?|instructions?|rules?|previous|above|system|prompt|sources?)\b"
    r"|\b(?:pretend|jailbreak|role-?play)\b|\bact as\b|\bsystem prompt\b"
    # round 29: "you are now" a new persona — never a state a doctor tells a patient ("They
    # said, 'We're so sorry, you are now incurable.'", "you are now stage 4", "in remission")
    r"|\byou are now\b(?!\s+(?:(?:officially|considered|classed|classified|technically)\s+)?"
    r"(?:incurable|terminal|stage|metastatic|in\s+remission|cancer[- ]free|ned\b|clear|cured|"
    r"eligible|a\s+candidate|on\b|off\b|post|pre|peri|menopausal|diagnosed|living))"
    r"|\bwithout (?:the |your )?guideline\b|\bmake (?:something|it|one) up\b",
    re.I | re.S,
)
_EARLY = re.compile(
    r"\b(?:early(?:[- ]stage)?\s+breast|ebc\b|M0\b|before surgery|extended adjuvant|"
    r"residual (?:cancer|disease|tumou?r)|"
    # round 20: the residual tumour after neoadjuvant therapy told by its size ("she only had
    # 1.5mm residual", "2 cm of residual invasive disease")
    r"\d+(?:\.\d+)?\s*(?:mm|cm)\s+(?:of\s+)?residual\b|after (?:five|5|ten|10) years|stage\s+(?:0|i{1,3}|[0123])[abc]?\b|"
    # stop 32 (r32): the stage in words ("diagnosed with stage three breast cancer"), and the
    # cancer told curable ("My medical team is confident it is treatable and curable"; not
    # "incurable", "not curable", "no longer curable")
    r"stage\s+(?:zero|one|two|three)\b|(?<!in)(?<!not )(?<!longer )(?<!never )curable\b|"
    # stop 32 (r33): "a detailed diagnostic workup which revealed a localized disease. She was
    # operated and received post op chemotherapy and radiotherapy"
    r"locali[sz]ed\s+(?:breast\s+)?(?:disease|cancer|tumou?r)|post[- ]?op\s+(?:chemo|radio)|"
    # stop 33 (r35): the cancer told beaten ("she successfully battled breast cancer for the
    # past year", "a breast cancer survivor"): early disease (a metastatic word anywhere
    # overrides, as for all)
    r"(?:successfully\s+(?:battled|fought|treated|beat)|beat|beaten|overcame|overcome|survived|"
    r"conquered)\s+(?:her\s+|my\s+|his\s+|their\s+)?(?:early[- ]stage\s+)?breast\s+cancer\b|"
    r"breast\s+cancer\s+survivors?\b|"
    r"(?:neo-?)?adjuvant|dcis|(?:ductal|lobular) carcinoma in situ|lcis|"
    r"primary breast cancer|operable|lumpectom(?:y|ies)|mastectom(?:y|ies)|wide local excision|quadrantectom(?:y|ies)|"
    r"inflammatory breast (?:cancer|carcinoma)|"
    # round 9: locally advanced (stage III) disease, inflammatory carcinoma however named, the
    # curative setting, regional nodes told positive (a staging question)
    r"locally advanced|labc\b|ibc\b|inflammatory (?:(?:ductal |lobular )?carcinoma|cancer) of (?:the )?"
    r"(?:(?:right|left) )?breast|(?:the|a) curative setting|(?:ipsilateral |positive |involved )?"
    r"(?:axillary|supraclavicular|infraclavicular|internal mammary|sentinel|regional)(?: lymph)? "
    r"nodes? (?:(?:are|were|is|was) )?(?:positive|involved)|node[- ]positive|"
    r"breast[- ]conserv\w+ (?:surgery|therapy)|breast conservation|"
    r"axillary (?:clearance|dissection)|sentinel (?:lymph )?node biopsy|"
    r"early[- ]stage\b|early (?:[\w+-]+ ){1,4}breast (?:cancer|carcinoma)|"
    # round 24: "for early hormone + breast cancer patients", "as an early cancer patient"
    r"early (?:breast )?cancer patients?\b|"
    # round 12: inflammatory carcinoma named without "breast" ("diagnosed with Inflammatory
    # Carcinoma, a … form of breast cancer"), the sequence of curative treatment ("she would
    # have had surgery first"), the primary's local extension ("with invasion of local skin")
    r"inflammatory (?:(?:ductal|lobular) )?carcinoma\b|surgery (?:first|up-?front)\b|"
    r"up-?front surgery\b|invasion of (?:the )?(?:local |overlying |adjacent )?"
    r"(?:skin|chest wall|pectoral(?:is)?(?: major)?(?: muscle)?)\b|"
    # round 16: the primary's operation and its pathology ("conservative surgery for a 22mm
    # IDC with clear margins", "two sentinel lymph nodes were uninvolved", "axillary node
    # clearance", "11/16 axillary nodes involved")
    # round 19: the count told before the nodes ("Staging identified eight positive axillary
    # lymph nodes", "3 involved sentinel nodes")
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|multiple) (?:positive|"
    r"involved) (?:axillary|sentinel)(?: lymph)? nodes?|"
    r"(?:breast[- ])?conservative (?:surgery|resection)|(?:clear|negative|involved|close) "
    r"(?:surgical |resection )?margins?|axillary (?:lymph )?node (?:clearance|dissection)|"
    r"(?:sentinel|axillary)(?: lymph)? nodes? (?:(?:are|were|was|is) )?(?:uninvolved|negative|"
    r"clear|free)|\d+\s*(?:/|of|out of)\s*\d+ (?:axillary |sentinel )?(?:lymph )?nodes? "
    r"(?:(?:are|were) )?(?:involved|positive))|"
    # round 22: the aim of treatment after early disease in a patient's words ("the main goal
    # now is to stop the cancer from returning", "my cancer was at a higher risk of
    # reoccurrence"): the adjuvant setting (a metastatic word anywhere overrides, as for all)
    r"(?:high|higher|low|lower|increased|reduced?|the|my|her|his|a|an|its|\d+\s*%)\s+"
    r"(?:risk|chance|likelihood|odds)\s+of\s+"
    r"(?:(?:a|distant|local)\s+)?(?:re-?occurr?ence|recurrence|relapse|(?:it|the\s+cancer)\s+"
    r"(?:coming\s+back|returning))|"
    # round 23: the lumpectomy in a patient's words ("I had a Lump removed followed by
    # chemotherapy")
    r"(?:a|the|my|her)\s+lump\s+(?:was\s+)?removed|removal\s+of\s+(?:the|a|my|her)\s+lump|"
    r"(?:stop|prevent|keep|lower|reduce)(?:s|ing|ed)?\s+(?:the|my|her|his|it|its|a)\s+"
    r"(?:cancer\s+)?(?:from\s+)?(?:returning|coming\s+back|recurr(?:ing|ence)|re-?occurr?(?:ing|ence))",
    re.I,
)
# A mass in the breast, in either word order ("right breast mass", "a 4.5 cm mass in the
# upper outer quadrant of the left breast", "palpable lump in the left breast").
_BREAST_MASS = (
    r"(?:(?:right|left|bilateral)\s+)?(?:breast|(?:sub|retro|peri)?areolar)\s+"
    r"(?:mass|lump|nodule|swelling|lesion)(?:es|s)?\b|"
    r"(?:mass|lump|nodule|tumou?r|swelling|lesion|thickening|[“\"']?spot[”\"']?)(?:es|s)?\s+"
    r"(?:in|on|of|at|behind|beneath|under)\s+(?:the\s+|her\s+|his\s+)?"
    # round 12: "a mass in the upper-outer quadrant of left breast"
    r"(?:(?:upper|lower|outer|inner|central|right|left|subareolar|retroareolar|periareolar)[\s-]+){0,3}"
    r"(?:(?:quadrant|region|area|aspect|part)\s+(?:of\s+)?(?:the\s+|her\s+|his\s+)?"
    r"(?:(?:right|left)\s+)?)?(?:breasts?|nipples?|areolae?)\b"
)
# What tells of the primary tumour itself, not of a recurrence, though it says "presented
# with" or "recurrence": the breast mass a patient first presents with, the risk of a
# recurrence that has not happened, a family or smoking history.
_PRIMARY_TOLD = re.compile(
    # round 10: the other verbs of a first visit ("the Breast Center received a patient
    # (female, aged 33) with a hard mass in her left breast", "was referred with a lump")
    r"\b(?:present(?:ed|s|ing)?|report(?:ed|s|ing)?|came|complain(?:ed|s|ing)?"
    r"|received|admitted|referred|attended|consulted|visited)\s+"
    r"(?:[\w(),-]+\s+){0,6}?(?:with|of|due\s+to|because\s+of|for)\s+(?:[\w,.-]+\s+){0,8}?"
    rf"(?:{_BREAST_MASS})|"
    # "presented with locally advanced right breast cancer": the primary, not a recurrence
    r"\bpresent(?:ed|s|ing)?\s+(?:\w+\s+){0,4}?with\s+(?:an?\s+)?"
    r"(?:(?!metasta|mets?\b|stage\s+(?:iv|4)\b|recurr|relaps|progress)[\w,()-]+\s+){0,4}?"
    r"(?:breast\s+(?:cancer|carcinoma)|(?:cancer|carcinoma|malignancy)\s+of\s+(?:the\s+)?"
    r"(?:(?:right|left)\s+)?breast)\b|"
    r"\bpresent(?:ed|s|ing)? (?:\w+ ){0,4}?with (?:an? )?(?:[\w-]+,? ){0,4}?(?:axillary|nodal)"
    r"(?: lymph)?(?: nodes?)? (?:mass|lump|swelling|enlargement|adenopathy|lymphadenopathy|"
    r"metasta\w*)|\bpresent(?:ed|s|ing)? (?:\w+ ){0,4}?with (?:an? )?(?:[\w-]+,? ){0,4}?"
    r"(?:axillary|nodal) lymphadenopathy|"
    # round 12: an occult primary presenting in the axilla ("developed an axillary mass which
    # resulted to be metastatic breast cancer"): regional disease at presentation
    r"\b(?:developed|presented\s+with|noticed|found|had)\s+(?:an?\s+|and\s+)?(?:[\w-]+\s+){0,2}?"
    r"axillary\s+(?:mass|lump|swelling|(?:lymph\s+)?node|lymphadenopathy)\b[^.;]{0,20}?"
    r"\b(?:which|that)\s+(?:\w+\s+){0,2}?(?:resulted|turned\s+out|proved|was\s+(?:found|shown|"
    r"confirmed))\s+to\s+be\s+(?:an?\s+)?metastatic\s+(?:breast\s+)?(?:cancer|(?:adeno)?carcinoma)\b|"
    # stop 33 (r34): the lump found, told as what set the story going ("After finding a lump in
    # her breast on vacation, she sought treatment")
    r"\b(?:after|upon|on|when|since|before)\s+(?:finding|noticing|discovering|feeling)\s+"
    rf"(?:an?\s+)?(?:[\w-]+\s+){{0,3}}?(?:{_BREAST_MASS})|"
    # round 10: the lump she has or noticed, told after the visit ("presents to her GP. She
    # has a breast lump and is worried about cancer")
    r"\b(?:she|he|the\s+patient)\s+(?:has|had|noticed|found|felt|discovered|reports?|reported)\s+"
    rf"(?:an?\s+)?(?:[\w-]+\s+){{0,3}}?(?:{_BREAST_MASS})|"
    # round 12: "a 50-year-old woman with a 5 cm left breast mass" (not "with a history of …")
    r"\b(?:woman|man|lady|female|male|patient|\d{2}\s*-?\s*(?:year-old|yo|y/o|f|m))\s+with\s+"
    rf"(?:an?\s+)?(?:(?!history\b)[\w,.-]+\s+){{0,4}}?(?:{_BREAST_MASS})|"
    # round 19: the primary's own diagnosis by biopsy ("The biopsy showed invasive ductal
    # carcinoma of the right breast", "A biopsy confirmed high grade triple-negative breast
    # cancer"): a biopsy of the breast or one whose finding is only the breast cancer (an
    # organ named after it, "… in the liver", is left in the text and still read)
    r"\b(?:the|a|an|her|his)\s+(?:(?:core|needle|tru-?cut|incisional|excisional|ultrasound[- ]guided|"
    r"diagnostic)\s+)*biops(?:y|ies)\s+(?:of\s+(?:the\s+|her\s+|his\s+)?(?:(?:right|left)\s+)?"
    r"breast\s+(?:mass\s+|lump\s+|lesion\s+)?)?(?:showed|revealed|confirmed|demonstrated|"
    r"was\s+consistent\s+with)\s+(?:an?\s+)?(?:(?:high|low|intermediate)[- ]grade\s+)?"
    r"(?:breast\s+cancer|breast\s+carcinoma|(?:triple[- ]negative|her2[- ]positive|hormone[- ]"
    r"receptor[- ]positive)\s+breast\s+(?:cancer|carcinoma)|invasive\s+(?:ductal|lobular|mammary)\s+"
    r"carcinoma\s+(?:of|in)\s+(?:the\s+)?(?:(?:right|left)\s+)?breast)\b"
    r"(?!\s*,?\s+(?:\w+\s+)?(?:in|within|involving|of|from|at|to|origin)\b)|"
    # the first visit "seen by her local physician for (a) palpable mass in the right breast"
    r"\b(?:seen|evaluated|examined)\s+(?:[\w(),-]+\s+){0,6}?(?:for|with|because\s+of)\s+"
    rf"(?:an?\s+)?(?:[\w,.-]+\s+){{0,3}}?(?:{_BREAST_MASS})|"
    r"\b(?:risk|prognosis|chances?|fear|odds)(?: is)? (?:of|for) (?:a |her |my )?recurrence|"
    # stop 32 (r33): a recurrence dreaded or weighed, not one had ("There are many problems I
    # would prefer to a breast cancer recurrence", "I'm terrified of a recurrence")
    r"\b(?:prefer\w*|rather|avoid\w*|worr(?:y|ied|ies)|afraid|scared|dread\w*|terrified|in\s+case)\b"
    r"[^.;?!]{0,40}?\brecurrence|"
    r"\b(?:21-gene |oncotype(?: dx)? )?recurrence score|\boncotype\b|\bmammaprint\b",
    re.I,
)
_LOCAL_GROWTH = re.compile(
    r"\b(?:rash|redness|erythema|swelling|lump|mass|skin\s+changes?|ulcer(?:ation)?|"
    r"peau\s+d'orange|induration|discolou?ration)\s+(?:\w+\s+){0,2}?progress\w*|"
    # round 12: "progressive growth of the mass" (the primary growing, not disease progression)
    r"\bprogress\w*\s+(?:growth|enlargement|increase|swelling|ulceration)\s+(?:in\s+size\s+)?"
    r"of\s+(?:the\s+|her\s+|his\s+|a\s+)?(?:breast\s+|primary\s+|axillary\s+)?"
    r"(?:mass|lump|tumou?r|swelling|lesion|nodule)\b|"
    # round 16: a skin sign that grows ("tender, progressive erythematous plaque")
    r"\bprogressive,?\s+(?:[\w-]+,?\s+){0,2}?(?:plaques?|rash|redness|erythema|swelling|lumps?|"
    r"nodules?|ulcer\w*|induration|skin\s+changes?)\b",
    re.I,
)
# stop 33 (r36): the primary told moving to another early stage ("she was told it was stage 1
# breast cancer … at that appointment, she was told this aggressive form of cancer had advanced
# to stage 2"): no metastatic progression
_TO_EARLY_STAGE = re.compile(
    r"\b(?:advanced|progressed|progressing|moved|gone|went|upstaged)\s+(?:up\s+)?(?:to|into)\s+"
    r"stage\s+(?:0|i{1,3}|[0-3]|one|two|three)[abc]?\b(?!\s*(?:/|or|to)\s*(?:iv|4|four)\b)",
    re.I,
)
_NOT_HER_HISTORY = re.compile(r"\b(?:family|smoking|pack-year smoking) history(?: of)?", re.I)
# The staging system spelled out ("TNM (tumor, node, metastasis)") tells nothing.
_TNM_GLOSSARY = re.compile(r"\btumou?r,?\s+nodes?,?\s+(?:and\s+)?metastas[ie]s\b", re.I)
# A TNM stage with M0 ("T2N2bM0", "cT2, cN1, M0") is the stage at diagnosis: early disease
# unless the patient presents now with something new (then a recurrence is being worked up).
_TNM_M0 = re.compile(r"\b[cpy]?T[0-4x][a-d]?\s*[cpy]?N[0-3x][a-c]?\s*[cpy]?M0\b|\bc?M0\b", re.I)
# Metastasis said to be absent ("no distant metastasis", "bone scan revealed no skeletal
# metastasis", "clear of metastases", "no liver, lung or bone lesions", "non-metastatic"):
# blanked from what is read as metastatic disease.
# a regional spread told before the distant one it is coordinated with ("spread to the axillary
# lymph nodes or …")
_SPREAD_OR = r"spread\s+(?:to|into)\s+(?:[\w-]+\s+){0,5}?(?:or|nor)\s+"
_NEGATED_METASTASIS = re.compile(
    # round 27: a denied regional spread coordinated with the distant one ("localized, with no
    # spread to the axillary lymph nodes or distant metastasis"): one denial of both
    r"\b(?:no|without)\s+" + _SPREAD_OR + r"(?:distant\s+)?(?:metasta\w*|mets?\b|spread\b)|"
    r"\b(?:no|without|negative\s+for|free\s+of|clear\s+of|absence\s+of|ruled?\s+out|"
    r"exclud(?:ed|ing|es))\s+"
    # ("no FDG PET or CT evidence for locoregional or distant metastatic disease", round 12)
    r"(?:any\s+|(?:[\w/-]+\s+){0,4}?evidence\s+(?:of|for)\s+|signs?\s+of\s+)*"
    r"(?:[\w,/-]+\s+){0,3}?"
    r"(?:metasta\w*|mets?\b|lesions?\b|nodules?\b|masses\b|spread\b|"
    r"(?:metastatic|distant|systemic)\s+disease)"
    # round 10: surveillance "without any evidence of disease recurrence" ("mammograms
    # negative for recurrence" is one organ's, and stays a recurrence worked up)
    r"|\b(?:no|without)\s+(?:any\s+)?(?:\w+\s+)?evidence\s+of\s+(?:(?:disease|tumou?r|cancer)\s+)?"
    r"(?:recurrence|relapse)\b"
    r"|\bnon-?metastatic\b|\bnot\s+(?:\w+\s+)?metasta\w*",
    re.I,
)
# ... and said of the whole body, which is what makes the disease non-metastatic ("no
# distant metastasis", "no metastatic disease was noted", "staging work-up was negative";
# "brain MRI negative for metastatic lesions" or "no new metastatic disease" are not).
_WHOLLY_NON_METASTATIC = re.compile(
    r"\b(?:no|without|negative\s+for|free\s+of|absence\s+of|ruled?\s+out|exclud(?:ed|ing|es))\s+"
    r"(?:any\s+|(?:[\w/-]+\s+){0,4}?evidence\s+(?:of|for)\s+|signs?\s+of\s+|"
    r"gross\s+|overt\s+|obvious\s+|malignancy\s+or\s+"
    # round 27: the regional spread denied with it ("localized, with no spread to the axillary
    # lymph nodes or distant metastasis")
    r"|" + _SPREAD_OR + r")*"
    r"(?:(?:loco-?regional|local|regional)\s+or\s+)?(?:distant\s+|systemic\s+)?"
    r"(?:metastas[ie]s\b|metastatic\s+(?:disease|spread)|distant\s+disease|systemic\s+disease)"
    r"|\bnon-?metastatic\b"
    r"|\b(?:staging|work-?up)\b[^.;]{0,60}?\b(?:were|was|is|are)\s+(?:all\s+)?"
    r"(?:negative|clear|unremarkable)\b",
    re.I,
)
# Something happening to the patient now, after the story of the primary: a presentation,
# an admission, a complaint, a new development, what a follow-up found.
_PRESENT_EVENT = re.compile(
    # (not the authors' "we present a Black man with …": round 16)
    r"\b(?:(?<!we )(?<!i )(?<!report )(?<!reports )present(?:s|ed|ing)?\s+(?:\w+\s+){0,3}?"
    r"(?:with|to)|(?:re-?)?admitted|"
    r"hospitali[sz]ed|(?<!any )(?<!no )(?:chief\s+)?complaints?\s+of|complain(?:s|ed|ing)\s+of|"
    r"came\s+(?:back\s+)?(?:to|with|in)|returned\s+(?:to|with)|"
    r"now\s+(?:(?:she|he|the\s+patient|the\s+pt)\s+)?(?:has|presents?|with|shows?)|"
    r"follow[- ]up\s+(?:[\w,]+\s+){0,4}?(?:revealed|reveals|showed|shows|demonstrated|demonstrates)|"
    # a sign of disease developing, not a side effect of treatment ("developed pneumonitis")
    r"developed\s+(?:[\w-]+\s+){0,3}?(?:lymphadenopathy|pain|lesions?|mass(?:es)?|nodules?|"
    r"effusions?|ascites|jaundice|weakness|headaches?|seizures?|ha?emoptysis|fractures?|"
    r"hypercalca?emia|lumps?|swelling|symptoms))\b",
    re.I,
)
# Early disease told as history ("a 5-year history of stage IIA …", "diagnosed in 2004",
# "two years ago"): what is told now happens after it.
_HISTORY = re.compile(
    # ("inflammatory breast cancer was diagnosed." is the primary's own diagnosis)
    # (round 24: nor "was diagnosed with clinical stage II (T2 N1) breast cancer in the early
    # third trimester": an early stage given is the primary's own diagnosis; round 25: also
    # after its describing words, "was diagnosed with a multifocal, node positive stage III
    # breast cancer")
    r"\b(?:history of|(?:had been|was) diagnosed(?! with (?:an? )?(?:malignancy|cancer|"
    r"carcinoma) of (?:the )?breast)(?! with (?:an?\s+)?(?:[\w-]+,?\s+){0,4}?"
    r"stage\s+(?:0|i{1,3}|[123]|one|two|three)[abc]?\b)(?!\s*[.;,])|diagnosed (?:\d+|two|three|four|five|"
    r"six|seven|eight|nine|ten|several|many) (?:years?|months?)|(?:years?|months?) "
    r"(?:before|ago|earlier|previously|later|after)|previously (?:treated|diagnosed)|"
    r"after (?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many) (?:years?|months?) "
    r"of disease[- ]free)\b",
    re.I,
)
# Adjuvant therapy told as done: with a question after it ("she completed adjuvant letrozole;
# what is the dose of fulvestrant?") the question is about her now, not the adjuvant therapy.
_ADJUVANT_DONE = re.compile(
    r"\b(?:after|completed|received|finished|following|prior(?!\s+to\b)|previous|post)\s+"
    r"(?:[\w-]+\s+){0,2}?adjuvant\b",
    re.I,
)
# Early disease stated as the present ("newly diagnosed early stage …"): no history of it
# makes the message a recurrence.
_EARLY_NOW = re.compile(
    r"\bnewly diagnosed (?:[\w-]+ ){0,3}?early\b|"
    # round 12: the tumour's local extension is the stage it presents with, whatever visit
    # told it ("came in because of … the mass …; IDC with invasion of the overlying skin")
    r"\binvasion of (?:the )?(?:local |overlying |adjacent )?(?:skin|chest wall|pectoral)",
    re.I,
)
# round 25: adjuvant therapy going on now ("early HER2 positive breast cancer on adjuvant
# trastuzumab and anastrozole treatment presented with difficulty breathing"): what she
# presents with happens in the adjuvant setting. The present only — the disease or the patient
# on it, or a present-tense verb: "she was put on adjuvant anastrozole. She now presents with
# back pain" is a recurrence being worked up.
_ON_ADJUVANT = re.compile(
    r"\b(?:(?:cancer|carcinoma|disease|patient|woman|female|lady|man|male)\s+|"
    r"(?:is|are|am|currently|still|now)\s+)(?:currently\s+|still\s+)?"
    r"(?:on|receiving|undergoing)\s+(?:[\w-]+\s+){0,2}?adjuvant\b",
    re.I,
)
# stop 33 (r34): an event timed by the (neo)adjuvant course's own cycles ("Post-resection, she
# was started on adjuvant 3-weekly docetaxol, doxorubicin and cyclophosphamide. Ten days after
# the second cycle, she developed fever and headache"): it happens on that course
_EARLY_COURSE_STARTED = re.compile(
    r"\b(?:started|starting|begun|began|commenced|initiated|receiving|received|undergoing|on|given)"
    r"\s+(?:on\s+)?(?:[\w-]+\s+){0,2}?(?:neo-?)?adjuvant\b",
    re.I,
)
_IN_COURSE = re.compile(
    r"\b(?:after|following|during|before|since|with)\s+(?:the\s+|her\s+|his\s+|their\s+)?"
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|\d+(?:st|nd|rd|th)|last|latest|"
    r"most\s+recent)\s+(?:cycle|dose|infusion|course|round)s?\b"
    # the cycle by its number ("ten days after cycle 3", "following C3")
    r"|\b(?:after|following|during|before|since|with)\s+(?:cycle|course|round)\s+\d+\b"
    r"|\b(?:after|following|during|before|since|with)\s+C\d+(?:D\d+)?\b",
    re.I,
)
# … and what ends the adjuvant setting ("while still receiving adjuvant hormone therapy, she
# developed bone and mediastinal lymph node metastases")
_SETTING_ENDED = re.compile(r"\b(?:recurr|relaps|metasta|spread|progress)\w*", re.I)
# A local or locoregional recurrence is not distant disease ("locally recurrent HER2+ breast
# cancer"); once one is told, the text's other recurrence words are about it.
_LOCAL_RECURRENCE = re.compile(
    r"\b(?:local(?:ly)?|loco-?regional(?:ly)?)[- ](?:recurr\w*|relaps\w*)"
    # round 10: a recurrence treated by radiotherapy to the chest wall ("receiving radiation
    # therapy to the chest wall for recurrent breast cancer")
    r"|\b(?:radiation|radiotherapy|irradiation|rt)\s+(?:therapy\s+|treatment\s+)?(?:to|of)\s+"
    r"(?:the\s+|her\s+|his\s+)?chest[- ]wall\s+for\s+(?:a\s+|her\s+|the\s+)?recurr\w*",
    re.I,
)
_RECURRENCE_WORD = re.compile(r"\b(?:recurr\w*|relaps\w*)", re.I)
# round 16: a sign on the chest wall, the mastectomy scar or the operated site, or just below
# or above the clavicle ("a swelling just below the clavicle"). Alone it may be a skin
# metastasis still (r5-0026, "eruptive lesions over the mastectomy scar", stays a case); with
# a recurrence said to be isolated it is a locoregional recurrence.
_LOCOREGIONAL_SITE = (
    r"(?:(?:on|at|in|of|over|involving|just|below|above|under)\s+){1,2}(?:the\s+|her\s+)?"
    r"(?:(?:left|right|ipsilateral)\s+)?(?:chest[- ]wall|(?:mastectomy|surgical|operative|"
    r"operation)\s+(?:scar|wound|site|bed)(?:\s+area)?|operated\s+(?:site|area|side)|scar|"
    r"clavicle|collar\s*bone)\b"
)
_LOCOREGIONAL_SIGN = re.compile(
    r"\b(?:plaques?|lesions?|nodules?|swellings?|lumps?|rash|erythema|redness|ulcer\w*|"
    r"thickening|mass(?:es)?|induration)\s+(?:[\w-]+\s+){0,2}?" + _LOCOREGIONAL_SITE,
    re.I,
)
# ... and a recurrence said to be the only one there ("PET showed it to be an isolated tumor
# recurrence site") when such a sign is all that is told
_ISOLATED_RECURRENCE = re.compile(
    r"\b(?:isolated|solitary|single)\s+(?:(?:tumou?r|local|nodal)\s+)?recurr\w*(?:\s+site)?\b",
    re.I,
)
# round 12: what metastases do in general, not this patient's ("the mass, unusually, was
# centred on the spinous process; metastases typically involve pedicles")
_GENERAL_METASTASIS = re.compile(
    r"\bmetastas[ie]s\s+(?:typically|usually|commonly|often|generally|classically|mostly)\s+"
    r"(?:involve|affect|occur|arise|spare|favou?r|are\s+(?:seen|found|located))\b[^.;]*",
    re.I,
)
# A recurrence resected with curative intent and no organ named for it ("after R0 resection
# of the hormone receptor positive recurrence, adjuvant therapy was undertaken", "the
# recurrence was widely excised"): a local recurrence. "R0 resection of a liver recurrence"
# names a distant organ and is not.
_RESECTED_RECURRENCE = re.compile(
    r"\b(?:R0|complete|curative|wide(?:\s+local)?|surgical|en\s+bloc)\s+(?:resection|excision)\s+"
    r"of\s+(?:the\s+|her\s+|his\s+|a\s+|an\s+)?(?:[\w,/-]+\s+){0,8}?recurr\w*|"
    r"\brecurr\w*\s+(?:was|were)\s+(?:completely\s+|surgically\s+|widely\s+)?(?:resected|excised)\b",
    re.I,
)
_RECURRENCE_ORGAN = re.compile(
    r"\b(?:liver|hepatic|lungs?|pulmonary|bones?|bony|osseous|brain|cerebral|adrenal|"
    r"peritoneal|pleural|ovar\w*|gastric|stomach|bowel|colon\w*|skeletal|spinal|vertebral|"
    r"distant|systemic|metastatic|visceral|sternal|rib|pelvic|orbital|skin)\b",
    re.I,
)


def _resected_local_recurrence(text: str) -> bool:
    """A recurrence resected with no organ named for it (``_RESECTED_RECURRENCE``)."""
    return any(
        not _RECURRENCE_ORGAN.search(m.group(0)) for m in _RESECTED_RECURRENCE.finditer(text)
    )


# stop 34 (r37): the cancer told not to have gone beyond the breast ("Mom has two areas of
# cancer in the same breast that had a lumpectomy … The good news from the PET scan is that her
# cancer hasn't spread outside of breast", "it is still confined to the breast"): local only
_NOT_BEYOND_BREAST = re.compile(
    r"\b(?:(?:has|had|did|was|is)(?:\s+not|n['’]t)|not|never)\s+"
    r"(?:yet\s+)?spread\s+(?:outside|beyond)\s+(?:of\s+)?(?:the\s+|her\s+|my\s+|his\s+)?breasts?\b|"
    r"(?<!not )(?<!n't )(?<!n’t )(?<!longer )\b(?:still\s+|only\s+)?confined\s+to\s+(?:the\s+|her\s+|my\s+|his\s+)?breasts?\b",
    re.I,
)


def _local_recurrence(text: str) -> bool:
    """A local or locoregional recurrence told (``_LOCAL_RECURRENCE``, a resected one, or an
    isolated one whose only site is locoregional, ``_ISOLATED_RECURRENCE``), or the cancer told
    not to have spread beyond the breast (``_NOT_BEYOND_BREAST``)."""
    return (
        _LOCAL_RECURRENCE.search(text) is not None
        or _NOT_BEYOND_BREAST.search(text) is not None
        or _resected_local_recurrence(text)
        or (
            _ISOLATED_RECURRENCE.search(text) is not None
            and _LOCOREGIONAL_SIGN.search(text) is not None
            and _ELSEWHERE.search(text) is None
        )
    )


# "MBC" that is male breast cancer: spelled out so, or a man's "MBC" treated by mastectomy
# ("the patient had MBC, for which he subsequently underwent a modified radical mastectomy").
_MALE_MBC = re.compile(
    r"\bmale\s+breast\s+(?:cancer|carcinoma)\s*\(\s*mbc\s*\)|"
    r"\bmbc\b[^.;]{0,40}?\b(?:for\s+which|and)\s+(?:he|the\s+patient)\s+(?:\w+\s+){0,2}?"
    r"underwent\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?mastectomy|"
    r"\bmastectomy\s+for\s+(?:his\s+|the\s+)?mbc\b",
    re.I,
)
_MALE = re.compile(r"\b(?:male|man|gentleman|he|his|him)\b", re.I)
_MBC_WORD = re.compile(r"\bmbc\b", re.I)
# Regional nodes are not distant disease ("axillary metastasis", "nodal metastases").
_REGIONAL = re.compile(
    r"\b(?:axillary|regional|nodal|sentinel|lymph|supraclavicular|internal mammary)"
    r"(?:[- ](?:lymph[- ])?nodes?)?\s+metasta\w*|"
    # "three of 11 axillary lymph nodes are positive for metastatic cancer"
    r"\bnodes?\s+(?:\w+\s+){0,2}?(?:positive\s+for|involved\s+by|with|containing)\s+"
    r"metastatic\s+(?:[\w-]+\s+)?(?:cancer|(?:adeno)?carcinoma|disease|deposits?|tumou?r)|"
    # round 10: "locally advanced breast cancer with lymph node involvement"
    r"\b(?:with|and)\s+(?:(?:axillary|regional|ipsilateral)\s+)?(?:lymph[- ])?nod(?:e|al)\s+"
    r"involvement\b|"
    # round 16: the pathology's count ("grade, number of metastatic lymph nodes", "2 metastatic
    # axillary nodes")
    r"\b(?:number\s+of|\d+|two|three|four|five)\s+metastatic\s+(?:axillary\s+|sentinel\s+|"
    r"regional\s+)?(?:lymph\s+)?nodes?\b|"
    r"\bmetastatic\s+(?:axillary|sentinel|regional)\s+(?:lymph\s+)?nodes?\b",
    re.I,
)
# "MBC" named as a biopsy's histology is metaplastic breast carcinoma (metastatic is not a
# histology): "Biopsy showed an extensively necrotic MBC …".
_MBC_HISTOLOGY = re.compile(
    r"\b(?:biopsy|histology|pathology)\s+(?:showed|revealed|confirmed|was)\s+"
    r"(?:an?\s+)?(?:[\w-]+\s+){0,3}?mbc\b|"
    # round 12: "MBC" diagnosed by resecting the tumour ("diagnosed with MBC after surgical
    # resection of a presumed cyst"): a histology, not metastatic disease
    r"\bdiagnosed\s+with\s+(?:an?\s+)?mbc\s+(?:after|following|on|at)\s+(?:the\s+|an?\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:resection|excision|lumpectomy|surgery|biopsy)\b",
    re.I,
)
# Another cancer metastatic *to* the breast ("metastasis to breast from ovarian cancer")
# unless the breast is also told as the source ("gastric metastases from bilateral breast
# ILCs", "metastatic breast invasive lobular carcinoma").
_TO_BREAST = re.compile(
    r"\bmetasta\w*\s+(?:\w+\s+){0,2}?to\s+(?:the\s+)?(?:\w+\s+)?breasts?\b|"
    r"\bbreast\s+metasta\w*\s+(?:from|of)\b|"
    # round 9: another cancer found in the breast ("a biopsy proven clear RCC in the breast
    # tissue", "melanoma within the left breast"), a metastasis of extramammary origin
    rf"(?:{OTHER_CANCER.pattern})\s+(?:[\w-]+\s+){{0,2}}?(?:in|within|involving)\s+"
    r"(?:the\s+|her\s+|his\s+)?(?:(?:right|left)\s+)?breasts?\b|"
    r"(?<!no )(?<!not )(?<!without )\b(?:from|of)\s+(?:an?\s+)?extra-?mammary\b",
    re.I,
)
# round 19: the breast tumour told by its origin in another organ ("bilateral metastatic
# breast carcinoma of vulvar origin", "a breast metastasis of ovarian primary"): that organ's
# cancer, even where no "vulvar cancer" is named
_BREAST_OF_OTHER_ORIGIN = re.compile(
    rf"\bbreasts?\s+(?:[\w-]+\s+){{0,3}}?(?:of|from)\s+(?:an?\s+|the\s+)?{OTHER_ORGAN}\s+"
    r"(?:origin|primary|source|derivation)\b",
    re.I,
)
# ... told with the other primary as the origin: "cancer of the breast from a stage IIIC
# ovarian adenocarcinoma", "an ovarian serous carcinoma presenting as inflammatory breast
# cancer": decisive even when the text also names breast-to-breast metastasis in general.
_FROM_OTHER = re.compile(
    r"\bbreasts?\s+from\s+(?:an?\s+|the\s+|her\s+|his\s+)?(?:[\w-]+\s+){0,5}?"
    rf"{OTHER_ORGAN}\b|"
    rf"\b{OTHER_ORGAN}\s+(?:[\w-]+\s+){{0,3}}?(?:presenting|masquerading|mimicking)\s+"
    r"(?:\w+\s+){0,2}?(?:as\s+)?(?:[\w-]+\s+){0,2}?breast\b",
    re.I,
)
_FROM_BREAST = re.compile(
    r"\bmetastatic\s+breast\b|"
    r"\b(?:metasta\w*|originat\w*|arising|derived|spread\w*)\s+(?:\w+\s+){0,3}?from\s+"
    r"(?:the\s+|a\s+|her\s+)?(?:[\w-]+\s+){0,2}?breasts?\b|\bbreast\s+origin\b|"
    r"\bbreast\s+(?:cancer|carcinoma)[- ](?:associated|related|derived)\b|"
    r"\bbreast\s+(?:cancer|carcinoma)\s+(?:\w+\s+){0,2}?metasta\w*",
    re.I,
)
# A tumour elsewhere shown to be of breast origin: "consistent with primary breast cancer",
# "of mammary origin", "a lobular carcinoma phenotype of the breast", positive for GATA3 /
# mammaglobin / GCDFP-15, "metastasis of (the known) breast carcinoma / PLC / ILC" — a
# metastasis OF breast cancer to an organ that can have its own primary (parotid, pancreas,
# gallbladder, stomach, ovary, thyroid, skin ...) is metastatic breast cancer.
_BREAST_ORIGIN = re.compile(
    # stop 41 (r52-0033): the breast lump told spreading ("his younger sister Betsy died, aged
    # 30, after a lump in her breast metastasised, moving to her brain")
    r"\b(?:lump|tumou?r|mass|growth)\s+in\s+(?:her|my|his|the)\s+(?:(?:left|right)\s+)?breast\s+"
    r"(?:had\s+|has\s+|then\s+|later\s+)*(?:metastasi[sz]ed|spread)\b|"
    r"\b(?:consistent|compatible|in\s+keeping|concordant|suggestive|indicative|diagnostic)\s+"
    r"(?:with|of)\s+(?:an?\s+|the\s+|her\s+|his\s+)?(?:[\w-]+\s+){0,3}?(?:breast|mammary)\b|"
    r"\b(?:breast|mammary)\s+(?:origin|primary|derivation|source)\b|"
    r"\b(?:origin\w*|arising|derived|spread\w*|metasta\w*)\s+(?:\w+\s+){0,3}?from\s+"
    r"(?:the\s+|a\s+|an\s+|her\s+|his\s+)?(?:[\w-]+\s+){0,3}?(?:breast|mammary)\b|"
    r"\b(?:indicat\w*|suggest\w*|confirm\w*|support\w*|favou?r\w*|establish\w*|prov\w+)\s+"
    r"(?:\w+\s+){0,5}?(?:of|from|in)\s+(?:the\s+|her\s+|his\s+)?"
    # "proved the micrometastasis to be that of carcinoma breast" (the cancer noun first, as
    # Indian English writes it: "a case of carcinoma breast")
    r"(?:(?:carcinoma|cancer|ca)\s+(?:of\s+(?:the\s+)?)?)?(?:breast|mammary)\b|"
    r"\b(?:gata-?3|mammaglobin|gcdfp(?:-?15)?|gross\s+cystic\s+disease\s+fluid\s+protein)"
    r"(?:\s+15)?\s*(?:\(\s*\+\s*\)|\+|[- ]?positiv\w*|expression|staining)|"
    r"\bpositiv\w*\s+(?:staining\s+)?for\s+(?:[\w()/,-]+\s+){0,4}?"
    r"(?:gata-?3|mammaglobin|gcdfp)|"
    r"\b(?:metasta\w*|deposits?|involvement)\s+(?:\w+\s+){0,2}?(?:of|from|by)\s+"
    r"(?:the\s+|her\s+|his\s+|a\s+|an\s+)?(?:known\s+|previous\s+|prior\s+|underlying\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:breast|mammary|plc|idc|ilc|mbc)\b|"
    r"\bmetastatic\s+(?:[\w-]+\s+){0,2}?(?:breast|mammary|lobular|ductal)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:cancer|carcinoma)\s+(?:in|of|to|within|involving)\b|"
    # "identical to her breast tumour", "matching the primary breast cancer"
    r"\b(?:identical|similar|same|match(?:ing|ed|es)?|resembling|like)\s+(?:\w+\s+){0,2}?"
    r"(?:to\s+|as\s+|with\s+)?(?:the\s+|her\s+|his\s+)?(?:original\s+|primary\s+|previous\s+|"
    r"prior\s+|known\s+|earlier\s+)?(?:breast|mammary)\b",
    re.I,
)
# A metastasis named by the organ it grew in ("pancreatic metastasis", "a parotid gland
# metastasis", "metastases to the stomach"): a secondary there, not that organ's own cancer.
_ORGAN_METASTASIS = re.compile(
    # (not "ovarian or primary peritoneal metastasis to the breast": that organ is the source)
    rf"\b{OTHER_ORGAN}\s+(?:gland\s+|wall\s+)?metasta(?:sis|ses|tic\s+(?:deposits?|lesions?|foci))\b"
    r"(?!\s+(?:\w+\s+){0,2}?to\s+(?:the\s+|her\s+|his\s+)?(?:(?:right|left|contralateral)\s+)?"
    r"breasts?\b)|"
    r"\bmetasta\w*\s+(?:\w+\s+){0,2}?(?:to|in|of|within|involving)\s+(?:the\s+|her\s+|his\s+)?"
    rf"(?:[\w-]+\s+){{0,2}}?{OTHER_ORGAN}\b",
    re.I,
)
# A metastasis that comes from another organ's cancer ("a metastasis from a high-grade serous
# papillary ovarian adenocarcinoma", "metastases from his lung cancer").
_METASTASIS_FROM_OTHER = re.compile(
    r"\bmetasta\w*\s+(?:\w+\s+){0,2}?from\s+(?:an?\s+|the\s+|her\s+|his\s+)?"
    rf"(?:(?!breast\b|mammary\b)[\w-]+\s+){{0,5}}?{OTHER_ORGAN}\s+{ORGAN_PART}"
    rf"{HISTOLOGY_WORDS}{CANCER_NOUN}",
    re.I,
)
# round 10: another organ's cancer called metastatic ("a guided core biopsy confirmed it as a
# metastatic renal cell carcinoma", "metastatic primary peritoneal cancer"): that cancer is
# the one that spread (a metastasis OF breast cancer to the organ is told otherwise)
_METASTATIC_OTHER = re.compile(
    rf"\bmetastatic\s+(?:primary\s+)?{OTHER_ORGAN}\s+{ORGAN_PART}{HISTOLOGY_WORDS}{CANCER_NOUN}",
    re.I,
)
# round 10: the breast denied as the origin ("metastatic carcinoma of non-mammary origin",
# "not consistent with endometrial, breast, or neuroendocrine origin", "the lytic lesions
# were not related to breast cancer", "a pulmonary rather than a breast origin")
_BREAST_DENIED = re.compile(
    r"\bnon-?(?:mammary|breast)\s+(?:origin|primary)\b"
    r"|\bnot\s+(?:\w+\s+)?(?:consistent\s+with|compatible\s+with|of|from)"
    r"\s+(?:(?!\bbut\b|\bbreast\b)[\w-]+,?\s+){0,4}?(?:or\s+)?(?:the\s+|a\s+)?"
    r"(?:breast|mammary)\b(?:\s*,?\s*(?:or\s+)?[\w-]+){0,3}?\s*(?:origin|primary)\b"
    # the lesions themselves said not to be the breast cancer (not a symptom's cause)
    r"|\b(?:lesions?|tumou?rs?|mass(?:es)?|nodules?|metastas[ie]s|deposits?|cells)\s+"
    r"(?:was|were|is|are)\s+(?:\w+\s+)?not\s+(?:related\s+to|of|from|due\s+to|caused\s+by)\s+"
    r"(?:the\s+|her\s+|a\s+)?(?:breast|mammary)\s+(?:cancer|carcinoma|origin)\b"
    r"|\brather\s+than\s+(?:a\s+|the\s+)?(?:breast|mammary)\b",
    re.I,
)
# Breast cancer named only as what another tumour looked like ("primary breast lymphoma
# mimicking breast cancer"): not the patient's cancer.
_MIMICKED = re.compile(
    r"\b(?:mimick?\w*|masquerad\w*(?:\s+as)?|simulat\w*|resembl\w*|mistaken\s+for|"
    r"misdiagnosed\s+as|"
    # round 12: "what (initially) appeared to be / looked like … breast cancer" then proved other
    r"\bwhat\s+(?:initially\s+|first\s+|at\s+first\s+)?(?:looked|appeared|seemed)\s+(?:like|to\s+be))"
    r"\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?breast\s+(?:cancer|carcinoma)\b",
    re.I,
)
# A relative's cancer ("her great aunt was diagnosed with breast cancer last year at the
# age of 62", "Patient's mother was diagnosed with breast cancer at age 40"): not her history.
_RELATIVE_DIAGNOSED = re.compile(
    r"\b(?:(?:her|his|my|our|the\s+patient'?s|patient'?s|a)\s+)?"
    r"(?:(?:great|grand|maternal|paternal)[- ]?)*"
    r"(?:mother|mum|mom|father|dad|sister|brother|aunt|uncle|grandmother|grandfather|"
    r"grandma|cousin|daughter|niece|relative|twin)s?(?:\s+\w+){0,2}?\s+(?:was|were|had\s+been|"
    r"has\s+been|is|got)\s+diagnosed\b(?:(?!metasta|stage\s+(?:iv|4)\b|spread)[^.;]){0,80}",
    re.I,
)
# Distant organs (not the breast, chest wall, skin of the breast or regional nodes).
_DISTANT_ORGAN = (
    r"(?:liver|lungs?|bones?|brain|spine|pleura|peritoneum|adrenals?|ovar(?:y|ies)|"
    r"stomach|colon|bowel|skeleton|skull|pelvis|hips?|ribs?|femur|vertebrae?|sternum|"
    r"bone\s+marrow|meninges|spinal\s+cord|eyes?|orbits?|other\s+organs|"
    r"(?:other|many|several|different)\s+(?:parts|areas)\s+of\s+(?:the|her|his)\s+body|"
    r"elsewhere\s+in\s+(?:the|her|his)\s+body)"
)
# Spread told in words, not "metastasis": "the cancer had spread to his lungs and bones",
# "it has spread into her liver", "spread to other parts of the body".
_SPREAD = (
    # a patient's own words: "it had moved to my lungs", "it travelled to her bones", "it
    # has gone to my liver", "it came back in my bones"
    r"\b(?:spread(?:s|ing)?|metastasi[sz](?:ed|es|ing)|mov(?:ed|es|ing)|travell?(?:ed|ing|s)|"
    # (stop 46, r63-0017: "the cancer had returned in my spine", "recurred in her liver")
    # (stop 48, r70-0010: "the cancer was back in A'lory's liver")
    r"(?:has|had|have|'s)\s+gone|went|migrat(?:ed|es|ing)|c[oa]me\s+back|(?:was|is|were)\s+back"
    r"|returned|recurred)"
    r"(?:\s*[–—:]\s*|\s+)"
    # (stop 31, r31: where it went beyond first, "had travelled beyond my boob to my left hip";
    # stop 37, r45: where told after a dash or colon, "the cancer has now spread – it's now in
    # my bones, liver, lymph nodes, skin")
    r"(?:[\w'’]+\s+|[–—:-]\s+){0,4}?(?:to|into|throughout|in)\s+"
    # (round 25: a possessive name, "The cancer had already spread to Ferris’ liver"; stop 33,
    # r36: a list's first member not an organ word, "the disease had spread throughout her
    # skeletal structure, lungs, liver and brain")
    # (stop 48: a name with an apostrophe of its own, "A'lory's liver")
    r"(?:the\s+|her\s+|his\s+|both\s+|my\s+|their\s+)?(?:[\w-]+(?:['’][\w-]+)?(?:['’]s?)?,?\s+){0,3}?"
    rf"{_DISTANT_ORGAN}\b"
    # round 18: breast cancer placed in a distant organ of the patient's ("how can I have
    # breast cancer in my lungs?", "she now has breast cancer in her liver")
    # stop 57 (r115-0013): the cancer spread through her whole body ("The cancer spread
    # throughout her body and ultimately killed her"; not "hot flushes spread throughout my body")
    r"|\b(?:cancer|disease|tumou?rs?)\s+(?:had\s+|has\s+)?(?:already\s+|quickly\s+)?spread\s+"
    r"throughout\s+(?:the|her|his|my)\s+(?:whole\s+|entire\s+)?body\b"
    r"|\bbreast\s+cancer\s+(?:(?:is|was|has\s+been)\s+)?(?:in|throughout)\s+"
    rf"(?:my|her|his|both)\s+(?:[\w-]+\s+){{0,2}}?{_DISTANT_ORGAN}\b"
)
# a lay return of the cancer ("my breast cancer had come back"; a result that "came back
# negative" is no return, _OTHER_WORDS)
_CAME_BACK_WORDS = r"\b(?:cancer|disease|tumou?rs?)\s+(?:\w+\s+){0,3}?(?:c[oa]mes?|coming)\s+back\b"
# Metastatic disease in other words: the UK's "secondary breast cancer" / "secondaries in
# the liver", "stage four", "incurable", "oligometastatic", a malignant effusion or ascites,
# lymphangitic or carcinomatous spread.
_OTHER_WORDS = (
    r"\bsecondary\s+(?:breast\s+)?(?:cancer|disease|tumou?rs?)\b|\bsecondaries\b|"
    # (stop 46, r64-0045: the organ named in it, "which had metasised into secondary lung
    # cancer"; and the spread misspelt, "metasised", "metasticized", "metastisized")
    r"\bsecondary\s+(?:lung|liver|bone|brain|spinal|skin)\s+(?:cancer|tumou?rs?|disease)\b|"
    r"\bmetas\w*(?:ised|ized|ising|izing)\b|"
    rf"{_CAME_BACK_WORDS}(?!\s+(?:negative|clear|normal|benign|fine|clean|unremarkable))|"
    r"\b(?:liver|lung|bone|brain|spinal)\s+secondar(?:y|ies)\b|\bstage\s+four\b|"
    r"\bincurable\b|\boligo-?metasta\w*|"
    # stop 47 (r66-0006): the return placed in a distant organ ("the disease had not only
    # returned, this time in her liver"), and the disease told terminal after its verb ("…
    # but was terminal")
    r"\b(?:cancer|disease|tumou?rs?)\s+(?:\w+\s+){0,3}?(?:returned|recurred)\b[^.;]{0,30}?"
    rf"\b(?:in|to|into)\s+(?:the\s+|her\s+|his\s+|my\s+|both\s+)?{_DISTANT_ORGAN}\b|"
    r"\b(?:cancer|disease|illness)\b[^.;]{0,60}?\b(?:is|was|were|being)\s+terminal\b|"
    # stop 47 (r67-0002): the spread told found, no place named ("further tests revealed the
    # cancer had spread"); not "had spread to her lymph nodes" (placed: the organ decides)
    # (stop 61, r124-0002: "doctors indicated that their mother's cancer had spread
    # everywhere"; not a fear, "I was terrified the cancer had spread everywhere")
    r"\b(?:revealed|showed|shown|found|confirmed|told|indicated|learned|learnt|discovered)\b"
    r"(?:(?!\b(?:unlikely|if|whether|not|no|never)\b)[^.;]){0,40}?\b(?:cancer|disease|it)\s+"
    r"(?:had|has)\s+spread\b(?!\s+(?:to|into|through|throughout|within|in)\b)|"
    # inoperable or unresectable disease, local or not, is the guideline's advanced disease
    # ("unresectable, locally advanced or metastatic", "locally recurrent inoperable")
    r"\b(?:inoperable|unresectable|non-?resectable|not\s+(?:surgically\s+)?resectable|"
    r"not\s+amenable\s+to\s+(?:surgery|resection|curative))\b|"
    # seeding or dissemination beyond the breast ("generalized peritoneal seeding of the
    # tumor", "pleural dissemination", "disseminated disease", "omental implants")
    r"\b(?:peritoneal|pleural|pericardial|omental|abdominal|intra-?abdominal|pelvic|"
    r"leptomeningeal|meningeal|generali[sz]ed|widespread|diffuse|distant)\s+(?:[\w-]+\s+)?"
    r"(?:seeding|dissemination|implants?|deposits)\b|"
    r"\bdisseminated\s+(?:breast\s+)?(?:disease|cancer|carcinoma|tumou?rs?|malignancy)\b|"
    r"\bmalignant\s+(?:pleural\s+|pericardial\s+|peritoneal\s+)?(?:effusions?|ascites)\b|"
    r"\b(?:lymphangitic|carcinomatous)\b|"
    # disease named by its distant organ ("bone-only disease", "liver disease progressed";
    # not "interstitial lung disease", "chronic liver disease", "metabolic bone disease")
    r"\b(?:bone|bony|osseous|skeletal|liver|hepatic|lung|pulmonary|brain|cns|visceral)"
    r"[- ]only\s+disease\b|\bdistant\s+disease\b|"
    r"(?<!interstitial )(?<!chronic )(?<!fatty )(?<!obstructive )(?<!metabolic )"
    r"(?<!alcoholic )(?<!autoimmune )(?<!degenerative )(?<!polycystic )(?<!paget's )"
    r"\b(?:bone|bony|osseous|liver|hepatic|brain|cns)\s+disease\b"
)
# round 23: the cancer told in a distant organ in a patient's words ("Now the cancer is in my
# liver and bones", "cancer was found in her lungs"): metastatic disease, however plain
_CANCER_IN_ORGAN = (
    r"\b(?:cancer|it|tumou?rs?|disease)\s+(?:is|was|are|were|has\s+been|had\s+been|now)\s+"
    r"(?:also\s+|now\s+)?(?:found\s+|seen\s+)?in\s+(?:my|her|his|the|both)\s+"
    r"(?:liver|lungs?|bones?|brain|spine|pleura|skull|hips?|pelvis|ribs?|adrenals?|peritoneum)\b"
    # (stop 46, r64-0042: a finding at the organ told caused by the tumours, "scans revealed a
    # fracture on her spine caused by tumours")
    r"|\b(?:on|in|of)\s+(?:my|her|his|the)\s+(?:[\w-]+\s+)?"
    rf"{_DISTANT_ORGAN}\b[^.;]{{0,20}}?\b(?:caused\s+by|due\s+to)\s+(?:the\s+|her\s+|a\s+)?"
    r"(?:tumou?rs?|cancer|metasta\w*)\b"
)
# round 27: the primary mass's own growth is no progression of metastatic disease ("an
# ulcerated exophytic mass in the right breast with progressive growth"), as "progressively"
# never was
_NOT_MASS_GROWTH = r"(?!ively|ive\s+(?:growth|enlargement|increase|swelling))"
_METASTATIC = re.compile(
    # (round 19: "met" the verb after its subject or auxiliary — "I met a delightful
    # 50-year-old", "we have met", "who met criteria" — is no metastasis; round 25: nor after
    # an adverb of time or before its object, "the young lady who I last met when she was in
    # college", "I recently met her", "we met again")
    r"\b(?:(?:micro)?metasta\w*|mbc|mets|(?<!\bi )(?<!\bwe )(?<!\bhe )(?<!\bshe )(?<!\bthey )"
    r"(?<!\bwho )(?<!\bhad )(?<!\bhave )(?<!\bhas )(?<!\bfirst )(?<!\bnever )(?<!\bonly )"
    r"(?<!\blast )(?<!\bjust )(?<!\bonce )(?<!\balso )(?<!\brecently )(?<!\balready )"
    r"(?<!\bfinally )met(?!\s+(?:her|him|them|me|us|you|when|again|criteria|with\s+(?:her|him|them"
    r"|me|us|you|the|my|our|his|their))\b)|"
    r"stage\s+(?:iv|4)|(?<!locally )advanced|leptomeningeal|"
    r"carcinomatosis|"
    r"(?<!risk of )(?<!risks of )(?<!prognosis for )(?<!chance of )(?<!chances of )recurr\w*|relaps\w*|progress"
    + _NOT_MASS_GROWTH
    + r"\w*|de novo|visceral|line|M1)\b"
    rf"|{_SPREAD}|{_OTHER_WORDS}|{_CANCER_IN_ORGAN}",
    re.I,
)
# A limb and its muscles: a metastasis there is distant disease.
_LIMB = (
    r"(?:thighs?|arms?|upper\s+arm|legs?|forearms?|calf|calves|buttocks?|gluteal|gluteus|"
    r"psoas|iliopsoas|quadriceps|hamstrings?|deltoid|biceps|triceps|gastrocnemius|"
    r"extremit(?:y|ies)|limbs?|hands?|feet|foot|fingers?|toes?|popliteal|shoulder\s+girdle)"
)
# stop 36 (r43): "the cancer had spread to her lymph nodes and to her lungs" (the first list of
# _SPREAD reaches four words before its preposition)
_NODES_THEN_ORGAN = (
    r"\bspread\s+to\s+(?:the\s+|her\s+|his\s+|my\s+)?(?:regional\s+|axillary\s+)?lymph\s+nodes?\s+"
    r"and\s+(?:also\s+)?(?:to|into)\s+(?:the\s+|her\s+|his\s+|my\s+|both\s+)?"
    rf"{_DISTANT_ORGAN}\b"
)
# a spread told beyond the breast, in the patient's words or a clinician's
_SPREAD_TOLD = re.compile(rf"{_SPREAD}|{_NODES_THEN_ORGAN}", re.I)
# What says the disease is (now) metastatic, even next to an M0 at diagnosis.
_DISTANT = re.compile(
    rf"{_SPREAD}|{_OTHER_WORDS}|"
    r"\bmetastatic\s+(?:[\w-]+\s+){0,2}?(?:bc|cancer|(?:adeno)?carcinoma|tumou?r|deposits?|"
    r"cells|lobular|ductal|idc|ilc)\b|"
    r"\bM1\b|\bstage\s+(?:iv|4)\b|\bmbc\b|\brecurr\w*|\brelaps\w*|\bprogress"
    + _NOT_MASS_GROWTH
    + r"\w*|"
    r"\bleptomeningeal\b|\bcarcinomatosis\b|"
    r"\b(?:first|second|third|fourth|fifth|later|\d+(?:st|nd|rd|th)|[1-9]L?)[- ]line\b|"
    r"\bmetastatic (?:breast|disease|recurrence|sites?|lesions?|spread)|"
    # stop 36 (r43): the disease told terminal ("she learnt … that she had terminal breast
    # cancer"), and a spread told to the nodes and then on (_NODES_THEN_ORGAN)
    r"\bterminal\s+(?:[\w-]+\s+){0,2}?(?:cancer|carcinoma|disease|illness)\b|"
    rf"{_NODES_THEN_ORGAN}|"
    r"\b(?:multiple|distant|widespread|diffuse|extensive|new) metasta\w*|"
    # round 7: a distant site named between ("distant soft tissue metastasis", "distant bone
    # and liver metastases"), a metastasis in a limb's soft tissue or muscle ("a skeletal
    # muscle metastasis", "intramuscular metastasis", "metastasis to the left thigh")
    r"\bdistant\s+(?:[\w-]+,?\s+){1,3}?metasta\w*|"
    r"\b(?:(?:skeletal\s+)?muscle|muscular|intramuscular|soft[- ]tissue)\s+metasta\w*|"
    rf"\b{_LIMB}\s+(?:(?:soft[- ]tissue|muscle|muscular|subcutaneous)\s+)?metasta\w*|"
    r"\bmetasta\w*\s+(?:to|in|of|within|involving)\s+(?:the\s+|her\s+|his\s+|a\s+)?"
    rf"(?:(?:left|right|bilateral|proximal|distal|posterior|anterior|medial|lateral)\s+)*{_LIMB}\b|"
    r"\b(?:liver|lung|bone|brain|pleural|hepatic|"
    r"pulmonary|osseous|cerebral|skeletal|adrenal|peritoneal|sternal|vertebral|spinal|rib|"
    r"costal|iliac|femoral|orbital|splenic|ovarian|gastric|cutaneous|meningeal|"
    r"bone marrow) (?:metasta\w*|mets?\b)|"
    r"\b(?:developed|develops|developing)\s+(?:\w+\s+){0,4}?metasta\w*|"
    r"\bheavily\s+(?:pre-?)?treated\b|"
    r"\bmetasta\w* (?:to|in|of) the (?:liver|lungs?|bones?|brain|pleura|spine)|" + _CANCER_IN_ORGAN,
    re.I,
)
# A lesion in a distant organ ("new liver lesions", "a lytic lesion in the femur", "lesions
# in the liver", "lung nodules"): the sign of metastatic disease before anyone names it.
_ORGAN_LESION = re.compile(
    r"\b(?:liver|hepatic|lung|pulmonary|bone|bony|osseous|skeletal|brain|cerebral|adrenal|"
    r"vertebral|spinal|rib|femoral|pelvic|iliac|pleural|peritoneal)\s+"
    r"(?:lesions?|nodules?|mass(?:es)?|deposits?|foci|involvement)\b|"
    r"\b(?:osteo)?(?:lytic|sclerotic|blastic)\s+(?:bone\s+)?lesions?\b|"
    r"\b(?:lesions?|nodules?|mass(?:es)?|foci|deposits?|tumou?rs?|growths?)\s+(?:[\w,-]+\s+){0,4}?"
    r"(?:in|of|on|within)\s+(?:the\s+|her\s+|his\s+|both\s+)?"
    r"(?:(?:right|left|lumbar|thoracic|cervical|sacral|dorsal|lower|upper)\s+)?(?:liver|lungs?|bones?|brain|spine|"
    r"femur|ribs?|pelvis|skull|adrenals?|vertebrae?|sternum|humerus)\b|"
    # a spinal level ("a T8 lesion", "lesion at L1"; "a T2 lesion" may be the tumour
    # stage), cord compression, a bone scan's hot spots
    r"\b(?:[CLS]\d{1,2}|T(?:[5-9]|1[0-2]))\s+(?:lesion|mass|vertebral\s+(?:body\s+)?lesion)s?\b|"
    r"\b(?:lesions?|mass)\s+(?:at|in|of)\s+(?:the\s+)?[CTLS]\d{1,2}\b|"
    r"\b(?:spinal\s+)?cord\s+compression\b|"
    r"\bbone\s+scan\b[^.;]{0,40}?\b(?:hot\s*spots?|lesions?|uptake|foci|positive)\b",
    re.I,
)
# Conditions other than breast cancer a clinician may ask about. Only decisive when the
# message carries no sign of breast cancer at all (see ``other_condition``).
_OTHER_CONDITION = re.compile(
    r"\b(?:infections?|utis?|urinary tract|cystitis|pyelonephritis|pneumonia|bronchitis|"
    r"sinusitis|tonsillitis|otitis|cellulitis|sepsis|influenza|flu|covid(?:-19)?|"
    r"diabet\w*|hypertension|high blood pressure|asthma|copd|migraines?|depression|anxiety|"
    r"osteoporosis|osteoarthritis|arthritis|gout|eczema|psoriasis|acne|"
    r"hypothyroid\w*|hyperthyroid\w*|strokes?|myocardial infarction|heart attack|angina|"
    r"atrial fibrillation|dvt|deep vein thrombosis|pulmonary embol\w*|an(?:a)?emia|"
    r"pregnan\w*|contracepti\w*|hiv|hepatitis|tuberculosis|malaria|appendicitis|"
    r"kidney stones?|crohn'?s|colitis|gastritis|reflux|gerd|insomnia|dementia|"
    r"alzheimer'?s|parkinson'?s|epilepsy|seizures?|hay fever|chickenpox|shingles|measles|"
    # round 12: a man's urological work-up ("right hydronephrosis", "benign prostatic
    # hyperplasia", "prostate specific antigen 111 ng/ml")
    r"hydronephrosis|prostat\w*|bph|psa)\b",
    re.I,
)
# Any sign the message is about breast cancer: its words, receptors, biomarkers, classes.
# (stop 53, r93-0001: "a punch biopsy of the left mammae confirmed … ductal carcinoma" after
# "a choroidal metastasis of unknown primary" had been declined as an unknown primary)
_BREAST_CANCER_SIGNAL = re.compile(
    r"breast|\bmamm(?:a|ae|ary)\b|\bmbc\b|metasta\w*|\bmets?\b|\b(?:er|pr|hr)\s*[+-]|"
    r"\b(?:er|pr|hr)[- ]?(?:positive|negative|pos|neg)\b|hormone[- ]receptor|oestrogen|estrogen|"
    r"progesterone|her-?2|\btnbc\b|triple[- ]negative|pd-?l1|brca|pik3ca|esr1|akt1|pten|"
    r"visceral crisis|cdk ?4/6|aromatase|endocrine (?:therapy|resistan\w*)|"
    r"ovarian (?:ablation|suppression)",
    re.I,
)
_CHIT_CHAT = re.compile(
    r"^\s*(?:hi|hello|hey|hiya|yo|good (?:morning|afternoon|evening|night)|thanks?|thank you|"
    r"cheers|bye|goodbye|how are you|who are you|what(?:'s| is) your name|tell me a joke|"
    r"lol|ok(?:ay)?|cool|nice|great)\b[\s!.?,]*(?:there|bot|mate|doc)?[\s!.?]*$"
    r"|\b(?:weather|football|recipe|poem|song|joke|stock market|bitcoin|capital of|"
    r"write (?:me )?(?:a|an) (?:essay|story|email|code))\b",
    re.I,
)
_MEDICAL = re.compile(
    r"breast|mbc|metasta|tumou?r|cancer|carcinoma|oncolog|chemo|endocrine|hormone|receptor|"
    r"her2|her-2|\ber[+-]|\bpr[+-]|\btnbc|triple|pd-?l1|brca|pik3ca|esr1|akt1|pten|ntrk|msi|"
    r"dmmr|tmb|mutat|biomarker|dose|dosing|side[- ]effect|toxicit|adverse|warning|surviv|"
    r"evidence|trial|visceral|bone|liver|lung|brain|menopaus|ovarian|ablation|line|regimen|"
    r"treat|therap|drug|guideline|dialysis|neuropath|heart failure|ejection|supportive|"
    r"palliat|surgery|radiotherapy|progress|relapse|recurr|inhibitor|antibod|option",
    re.I,
)
_QUESTION = re.compile(
    r"\?\s*$|^\s*(?:what|which|how|does|do|is|are|can|could|should|who|why|"
    r"tell me|explain|define|describe|list|show|give me)\b"
    # stop 38 (r48): "when"/"where" open a question only with its verb next ("When should we
    # start …", "Where is …"); "When I first 'conquered' breast cancer, I thought …" opens
    # a story
    r"|^\s*(?:when|where)\s+(?:is|are|was|were|do|does|did|should|can|could|would|will|"
    r"shall|must|might|has|have)\b",
    re.I,
)
_RECOMMENDATION = re.compile(
    r"\b(?:recommend\w*|next (?:treatment|line|step|therapy)|what (?:now|next)|options?|"
    r"treat(?:ment)?s?|manage(?:ment)?|regimen|what should (?:we|i|she)|answer)\b",
    re.I,
)
_INFO_TOPIC = re.compile(
    r"\b(?:dose|doses|dosing|dosage|mg|side[- ]effects?|adverse|toxicit\w*|warnings?|safety|"
    r"evidence|overall survival|progression-free|survival|trials?|definition|define|defined|"
    r"mean|means|meaning|what is|what are|what's|monitor\w*|interaction\w*|qtc|"
    r"contraindicat\w*|how (?:much|often|long)|schedule|safe|safely|risks?)\b",
    re.I,
)


# Work that is not a clinical question at all (rotas, leave, letters to managers).
_ADMIN = re.compile(
    r"\b(?:rotas?|on-?call|timetables?|annual leave|staffing|shifts?|payroll|invoices?|"
    r"parking|appraisals?|job plans?|clinic (?:room|schedule)|meeting minutes|"
    r"(?:book|schedule|arrange)(?: me| us)? (?:a |an )?(?:meeting|room)|holiday cover|"
    r"write (?:me |up )?(?:the |a |an |my )?(?:clinic |referral |discharge |gp )?"
    r"(?:letter|email|summary|minutes)s?|second\s+opinions?)\b",
    re.I,
)
# Breast cancer in women who do not have it: screening, risk, prevention.
_SCREENING = re.compile(
    r"\brisk factors?\b|\bincreased risk of breast cancer|"
    r"\bhereditary breast cancer|\bscreening\b|\bmammogra\w*|\bhealthy (?:\d{2}[- ]year[- ]old )?(?:woman|women|"
    r"patients?|lady)|\brisk[- ]reduc\w*|\bchemoprevention|\bprevent\w* breast cancer|"
    r"\blifetime risk|\brisk of (?:developing|getting) breast cancer|\bbreast self[- ]exam",
    re.I,
)


# A patient writing of her own treatment ("I have been on letrozole for 2 years", "my
# oncologist"): "stage I" and "grade I" are not the first person.
_PATIENT_VOICE = re.compile(
    r"(?<!stage )(?<!grade )(?<!type )(?<!class )(?<!phase )(?-i:\bI\b)(?:'m|'ve|'d|\s+am|\s+have|"
    r"\s+had|\s+was|\s+feel|\s+get|\s+take|\s+started|\s+finished|\s+completed|\s+stopped|"
    r"\s+suffer|\s+experience|\s+developed|\s+noticed)\b|\bmy\b",
    re.I,
)
# ... and of the side effects she has: the adverse effects of endocrine therapy and
# chemotherapy a patient names in her own words.
_SIDE_EFFECT_TALK = re.compile(
    r"\b(?:side[- ]effects?|brain\s+fog|hot\s+(?:flush|flash)\w*|joint\s+(?:pain|aches?|stiffness)|"
    r"aches|arthralgia|insomnia|hair\s+(?:loss|thinning)|weight\s+gain|mood\s+swings?|bloating|"
    r"constipation|diarrho?ea|vaginal\s+dryness|night\s+sweats|fatigue|tiredness|exhausted|"
    r"nausea|neuropathy|tingling|numbness)\b",
    re.I,
)
# ... on the endocrine therapy of early disease (years of tamoxifen or an aromatase
# inhibitor), and nothing else: a patient on chemotherapy, capecitabine or a CDK4/6
# inhibitor (given for metastatic disease as well) may well have metastatic disease.
_ENDOCRINE_DRUG = re.compile(
    r"\b(?:tamoxifen|nolvadex|letrozole|femara|anastrozole|arimidex|exemestane|aromasin|"
    r"aromatase\s+inhibitors?|ais?|hormone\s+(?:therapy|blockers?|tablets?|pills?)|"
    r"(?:o?estrogen|hormone)\s+(?:inhibitors?|blockers?))\b",
    re.I,
)
_OTHER_THERAPY = re.compile(
    r"\b(?:chemo\w*|capecitabine|xeloda|\w*taxel|taxanes?|abemaciclib|verzenios?|ribociclib|"
    r"kisqali|palbociclib|ibrance|cdk\s?4/6\w*|trastuzumab|herceptin|olaparib|radiotherapy|"
    r"immunotherapy|targeted)\b",
    re.I,
)


# Time left to live ("30 months' longevity", "prolong my life", "terminal"): the talk of
# metastatic disease, whatever else the message says.
_LIFE_TIME = re.compile(
    r"\b(?:longevity|prolong\w*|life[- ]expectancy|(?:months?|years?|time)\s+(?:left\s+)?to\s+live|"
    r"terminal(?:ly)?|end[- ]of[- ]life|hospice|palliat\w*)\b",
    re.I,
)


# Her prognosis told as a time left to live or as terminal illness ("did not disclose that she
# was terminally ill", "given just six months to live"): the disease is no longer early,
# whatever operation the story opened with (stop 45, r62-0005). Narrower than _LIFE_TIME
# ("prolonged", "palliative" are said of early-disease care too).
_TERMINAL_PROGNOSIS = re.compile(
    r"\bterminally\s+ill\b|\bend[- ]of[- ]life\b|\bhospice\b"
    r"|\b(?:days?|weeks?|months?|years?)\s+(?:left\s+)?to\s+live\b",
    re.I,
)


def _own_side_effects(text: str, told: str) -> bool:
    """A patient telling of her own side effects of endocrine therapy, with no other
    therapy and no metastatic disease anywhere in her message ("I have been on letrozole
    for 2 years and side effects are getting worse … the surgeon offered a break"): the
    adjuvant therapy of early disease."""
    return (
        _PATIENT_VOICE.search(text) is not None
        and _SIDE_EFFECT_TALK.search(text) is not None
        and not _METASTATIC.search(told)
        and not _DISTANT.search(told)
        and not _ORGAN_LESION.search(told)
        and _ENDOCRINE_DRUG.search(text) is not None
        and not _METASTATIC_DRUG.search(text)
        and not _OTHER_THERAPY.search(text)
        and not _LIFE_TIME.search(text)
    )


# A question of tumour biology ("what is fueling ER-negative breast cancer?", "why does
# breast cancer spread?", "what causes triple-negative breast cancer?"), with no word of
# treatment: not a treatment question.
_BIOLOGY = re.compile(
    r"\bwhat\s+(?:is|are)\s+(?:fuel|driv|caus|feed)\w*|\bwhat\s+(?:fuels?|drives?|causes?|feeds?)\b|"
    r"\b(?:why|how)\s+(?:do|does|did|can|could)\s+(?:[\w/+-]+\s+){0,5}?"
    r"(?:cancers?|tumou?rs?|cells?)\s+(?:grow|spread|develop|form|start|arise|begin|mutate|"
    r"metastasi[sz]e)\b|\bwhat\s+is\s+the\s+(?:cause|origin|biology)\s+of\b",
    re.I,
)
_TREATMENT_TALK = re.compile(
    r"treat|therap|drug|option|\bline\b|dose|dosing|regimen|recommend|manag|guideline|"
    r"inhibitor|chemo|surgery|radiotherap|prognos|surviv|resistan|respond|response|work\b|"
    r"olaparib|letrozole|tamoxifen|fulvestrant|trastuzumab|abemaciclib|palbociclib|ribociclib",
    re.I,
)


# round 12: an exam question on the profession, not on treating ("A patient with bone
# metastasis and uncontrolled pain exemplifies which aspect of nursing practice?")
_PRACTICE = re.compile(
    r"\b(?:nursing|professional)\s+practice\b|\bscope\s+of\s+practice\b|\bethical\s+principles?\b|"
    r"\bwhich\s+(?:aspect|principle|domain|component|standard|role)\s+of\s+(?:the\s+)?"
    r"(?:nurse'?s?|nursing|professional)\b",
    re.I,
)
# round 12: another cancer told by its origin or histology, no breast word anywhere
# ("... positive for CK7 and TTF-1 ..., supporting a pulmonary origin", "biopsy demonstrates
# malignant squamous cells with keratin pearls" in a smoker)
_OTHER_ORIGIN = re.compile(
    r"(?<!not )(?<!no )(?<!nor )\b(?:supporting|supports?|consistent\s+with|suggesting|suggestive\s+of|indicating|"
    r"indicative\s+of|favou?ring|confirming|in\s+keeping\s+with)\s+(?:an?\s+|the\s+)?"
    # round 16: "consistent with a primary pulmonary etiology"
    r"(?:primary\s+)?(?:pulmonary|lung|colorectal|colonic|gastric|upper\s+gastrointestinal|gastrointestinal|"
    r"pancreatic|pancreatobiliary|biliary|ovarian|prostatic|prostate|renal|thyroid|urothelial|"
    r"gyna?ecological|m[uü]llerian|endometrial|hepatocellular|hepatic)\s+"
    r"(?:origin|primary|a?etiology|source|derivation)\b",
    re.I,
)
# round 22: the origin told in a carer's words ("The prognosis being that the cancer had
# started in her bowel and had spread to her liver and bones in her spine"): another organ's
# cancer, however far it spread
_LAY_OTHER_ORIGIN = re.compile(
    r"\b(?:cancer|tumou?r|carcinoma)\s+(?:had\s+|has\s+|was\s+)?"
    r"(?:started|began|begun|originated)\s+"
    r"(?:in|from)\s+(?:her|his|my|their|the|your)\s+"
    r"(?:bowels?|colon|rectum|lungs?|ovar(?:y|ies)|pancreas|stomach|prostate|kidneys?|bladder|"
    r"womb|uterus|cervix|thyroid|o?esophagus|gullet|throat|skin)\b",
    re.I,
)
_SQUAMOUS = re.compile(
    r"\bsquamous\s+(?:cell\s+)?(?:carcinoma|cancer|cells)\b|\bkeratin\s+pearls?\b", re.I
)


def _other_primary_told(text: str) -> bool:
    """Another organ told as the origin (``_OTHER_ORIGIN``) and no breast origin, or a
    squamous carcinoma with no sign of breast cancer (``_SQUAMOUS``)."""
    if _OTHER_ORIGIN.search(text) and not _BREAST_ORIGIN.search(text):
        return True
    if _LAY_OTHER_ORIGIN.search(text) and not _BREAST_SIGNAL.search(text):
        return True
    return bool(
        _SQUAMOUS.search(text)
        and not _BREAST_SIGNAL.search(text)
        and not _ENDOCRINE_DRUG.search(text)
        and not _BREAST_DRUG.search(text)
        and not _METASTATIC_DRUG.search(text)
    )


# round 12: another cancer told as a second primary ("subsequently with a second primary
# TNBC and glioblastoma", "a second primary cancer, multifocal lung adenocarcinoma") or beside
# a body said free of metastasis ("nodule positive for non-small-cell carcinoma … no evidence
# for locoregional or distant metastatic disease"): with nothing metastatic told of the
# breast cancer, the message is about the other cancer.
_SECOND_PRIMARY = re.compile(
    r"\b(?:second|new|another|synchronous|metachronous|double|separate)\s+primar(?:y|ies)\b|"
    r"\bsecond\s+(?:malignan\w*|cancer)\b|"
    # "wedge resection showed a primary lung adenocarcinoma"
    rf"\bprimary\s+{OTHER_ORGAN}\s+{ORGAN_PART}{HISTOLOGY_WORDS}{CANCER_NOUN}",
    re.I,
)


_SUSPECTED_AFTER = re.compile(
    r"[^.;]{0,30}?\b(?:was|were|is|are|being)\s+(?:\w+\s+)?(?:suspected|considered|queried|"
    r"possible|presumed|suggested|thought|proposed)\b",
    re.I,
)


def _second_primary(text: str, told: str) -> bool:
    """``_SECOND_PRIMARY`` told (or the body wholly free of metastasis), another cancer named,
    and no metastatic word or spread left in ``told``."""
    return (
        (
            _SECOND_PRIMARY.search(text) is not None
            or _WHOLLY_NON_METASTATIC.search(text) is not None
        )
        # (in ``told``: a relative's cancer is no second primary of hers — "Tham's sister was
        # diagnosed with ovarian cancer", round 27)
        and other_cancer_named(told)
        # the other cancer diagnosed, not suspected after it ("a malignant bone lesion, in
        # particular osteosarcoma, was suspected" in a breast cancer survivor is a recurrence)
        and any(not _SUSPECTED_AFTER.match(text, m.end()) for m in OTHER_CANCER.finditer(text))
        # ("… extremely similar to that of the breast cancer": a metastasis of it)
        and not _BREAST_ORIGIN.search(text)
        and not _METASTATIC.search(told)
        and not _DISTANT.search(told)
    )


@dataclass(frozen=True, slots=True)
class ScopeDecision:
    out_of_scope: bool
    reason: OutOfScopeReason | None = None


# Metastatic cancer whose primary is unknown or asked for ("advanced metastatic cancer
# (primary site not specified)", "this patient most likely has a malignancy of which of the
# following?"), with no sign of breast cancer at all: not a breast cancer question.
_UNKNOWN_PRIMARY = re.compile(
    r"\bprimary(?:\s+(?:site|tumou?r|origin))?\s*(?:was\s+|is\s+|remained\s+)?"
    r"(?:not\s+(?:specified|known|identified|found|stated)|unknown|undetermined)|"
    r"\b(?:unknown|occult|undetermined)\s+primary\s+(?:site|tumou?r|origin|cancer|malignancy)\b|"
    r"\bof\s+unknown\s+(?:primary|origin)\b|"
    r"\b(?:malignancy|cancer|carcinoma|primary(?:\s+tumou?r)?)\s+of\s+which\s+of\s+the\s+following\b|"
    r"\bwhat\s+is\s+the\s+(?:most\s+likely\s+)?(?:primary|origin)\b",
    re.I,
)


# A sign of breast cancer other than the word metastasis (``_BREAST_CANCER_SIGNAL``).
_BREAST_SIGNAL = re.compile(
    _BREAST_CANCER_SIGNAL.pattern.replace(r"metasta\w*|\bmets?\b|", ""), re.I
)


def _unknown_primary(text: str) -> bool:
    """``_UNKNOWN_PRIMARY`` told and no breast word, receptor or drug of breast cancer."""
    return (
        _UNKNOWN_PRIMARY.search(text) is not None
        and _BREAST_SIGNAL.search(text) is None
        and _ENDOCRINE_DRUG.search(text) is None
        and _METASTATIC_DRUG.search(text) is None
        and _BREAST_DRUG.search(text) is None
    )


_BREAST_DRUG = re.compile(
    r"\b(?:trastuzumab|herceptin|pertuzumab|perjeta|abemaciclib|verzenios?|ribociclib|kisqali|"
    r"olaparib|lynparza|goserelin|zoladex|leuprolide|leuprorelin|capecitabine|xeloda)\b",
    re.I,
)


def judge_scope(text: str) -> ScopeDecision:
    """Out of scope, and why; in scope otherwise (which includes unanswerable MBC questions)."""
    if _INJECTION.search(text):
        return ScopeDecision(True, "injection")
    if (
        _other_cancer(text)
        or _unknown_primary(text)
        or _BREAST_DENIED.search(text)
        or _other_primary_told(text)
    ):
        return ScopeDecision(True, "other-cancer")
    told, primary = _as_told(text)
    if _second_primary(text, told):
        return ScopeDecision(True, "other-cancer")
    if _early_disease_only(text, told, primary):
        return ScopeDecision(True, "early-breast-cancer")
    if _CHIT_CHAT.search(text) and not _MEDICAL.search(text):
        return ScopeDecision(True, "chit-chat")
    if (_ADMIN.search(text) and not _METASTATIC.search(text)) or _PRACTICE.search(text):
        return ScopeDecision(True, "admin")
    if _SCREENING.search(text) and not _beyond_breast(told):
        return ScopeDecision(True, "screening")
    if _own_side_effects(text, told):
        return ScopeDecision(True, "early-breast-cancer")
    if _BIOLOGY.search(text) and is_question(text) and not _TREATMENT_TALK.search(text):
        return ScopeDecision(True, "biology")
    return ScopeDecision(False)


# A tumour of the breast that is not a carcinoma (a sarcoma, a phyllodes tumour, a
# lymphoma): another disease than breast cancer, unless a carcinoma is named too.
_NON_CARCINOMA = re.compile(
    r"\b(?:phyllodes|cystosarcoma|malignant\s+PTs?|(?:angio|lipo|leiomyo|rhabdomyo|fibro|osteo|"
    r"chondro|myxo)?sarcomas?|lymphomas?)\b",
    re.I,
)
_CARCINOMA = re.compile(
    r"\b(?:(?:adeno)?carcinomas?|cancers?|idcs?|ilcs?|tnbc|mbc|dcis|lcis|metaplastic)\b", re.I
)


def _other_cancer(text: str) -> bool:
    """Another cancer is the patient's cancer: one is named and breast cancer is not (or is
    only what it mimicked), or the breast holds another primary's metastasis, or what
    metastasised came from another organ — unless the tumour is shown to be of breast origin
    (a metastasis OF breast cancer to that organ is metastatic breast cancer)."""
    if _BREAST_OF_OTHER_ORIGIN.search(text):
        return True
    if not other_cancer_diagnosed(text):
        return False
    if _NON_CARCINOMA.search(text) and not _CARCINOMA.search(OTHER_CANCER.sub(" ", text)):
        # "malignant phyllodes tumour of the left breast", "breast sarcoma"; a carcinoma of
        # another organ told besides is no breast carcinoma ("… phyllodes tumor … later
        # developed undifferentiated carcinoma of the right tonsil", round 10)
        return True
    own = _MIMICKED.sub(" ", text)
    origin = _BREAST_ORIGIN.search(own) is not None
    breast = BREAST_PRIMARY.search(own) is not None
    from_breast = (
        origin
        or _FROM_BREAST.search(own) is not None
        or (breast and _ORGAN_METASTASIS.search(own) is not None)
    )
    if _FROM_OTHER.search(own):
        return True
    if _METASTASIS_FROM_OTHER.search(own) and not from_breast:
        return True
    if _METASTATIC_OTHER.search(own) and not from_breast:
        return True
    if not (breast or origin):
        return True
    return _TO_BREAST.search(own) is not None and not from_breast


def _as_told(text: str) -> tuple[str, bool]:
    """The text minus what could pass for metastatic disease but is not: the primary's own
    presentation, a family history, regional nodes, "MBC" as a histology, metastasis said to
    be absent, the TNM glossary, and the recurrence words of a local recurrence; and whether
    the primary's own presentation was told."""
    told, primaries = _PRIMARY_TOLD.subn(
        " ", _NOT_HER_HISTORY.sub(" ", _RELATIVE_DIAGNOSED.sub(" ", text))
    )
    # "advanced" told before neoadjuvant therapy is the stage it treats (curative intent)
    neo = _NEOADJUVANT.search(told)
    if neo:
        told = _ADVANCED.sub(" ", told[: neo.start()]) + told[neo.start() :]
    told = _LOCAL_GROWTH.sub(" ", _TO_EARLY_STAGE.sub(" stage ", told))
    if (
        _AXILLARY_PRESENTATION.search(text)
        and not _BEYOND_AXILLA.search(text)
        and not _ORGAN_LESION.search(text)
    ):
        # an occult primary presenting in the axilla, nothing beyond it told: its "metastatic
        # carcinoma" is the node's, regional disease at presentation (round 12)
        told = _METASTASIS_WORD.sub(" ", _AXILLARY_PRESENTATION.sub(" ", told))
        primaries += 1
    told, histology = _MBC_HISTOLOGY.subn(" ", _REGIONAL.sub(" ", told))
    if histology:
        # once "MBC" is told as the histology, the text's other "MBC"s are that tumour
        told = _MBC_WORD.sub(" ", told)
    told = _GENERAL_METASTASIS.sub(" ", told)
    told = _NEGATED_METASTASIS.sub(" ", _TNM_GLOSSARY.sub(" ", told))
    if _MALE.search(text) and _MALE_MBC.search(text):
        told = _MBC_WORD.sub(" ", told)
    if _local_recurrence(told):
        told = _RECURRENCE_WORD.sub(" ", told)
    return told, primaries > 0


_NEOADJUVANT = re.compile(r"\bneo-?adjuvant\b", re.I)
_NEOADJUVANT_PLANNED = re.compile(
    r"\b(?:plan(?:s|ned|ning)?|to\s+(?:start|begin|have|receive|get)|will|going\s+to|scheduled|"
    r"due\s+to\s+(?:start|begin)|about\s+to)\s+(?:[\w()-]+\s+){0,3}?neo-?adjuvant\b",
    re.I,
)
# round 12: breast cancer found in the axilla ("presented with an enlarged right axillary lymph
# node; biopsy showed metastatic carcinoma consistent with a breast primary", "occult breast
# cancer", "axillary lymph node biopsy revealed carcinoma")
_AXILLARY_PRESENTATION = re.compile(
    r"\b(?:present\w*|developed|noticed|found|had|with)\s+(?:\w+\s+){0,2}?(?:an?\s+)?"
    r"(?:[\w-]+,?\s+){0,3}?axillary\s+(?:lymph\s+)?(?:nodes?|mass|lump|swelling|"
    r"lymphadenopathy|adenopathy|metasta\w*)|"
    r"\baxillary\s+(?:lymph\s+)?node\s+(?:core\s+)?biopsy\b|"
    r"\boccult\s+(?:primary\s+)?breast\s+(?:cancer|carcinoma)\b",
    re.I,
)
# ... and anything beyond the axilla: another organ, a distant word, a line, a drug of
# metastatic disease, progression
_BEYOND_AXILLA = re.compile(
    rf"\b{OTHER_ORGAN}\b|\b{_DISTANT_ORGAN}\b|"
    r"\b(?:hepatic|pulmonary|osseous|skeletal|cerebral|spinal|vertebral|visceral|distant|sternal|"
    r"costal|iliac|femoral|adrenal|splenic|pleural|peritoneal|meningeal|orbital|cutaneous|"
    r"widespread|disseminated|systemic|multiple|lines?|mbc|m1|stage\s+(?:iv|4)|de\s+novo|"
    r"spread\w*|progress\w*|recurr\w*|relaps\w*|leptomening\w*|carcinomatosis|palbociclib|"
    r"ribociclib|fulvestrant|cdk\s?4/6\w*|t-?dxd|deruxtecan|sacituzumab|eribulin)\b",
    re.I,
)
_METASTASIS_WORD = re.compile(r"\bmetasta\w*", re.I)
_STAIN_NAMES = re.compile(
    r"\b(?:prostate[- ]specific\s+(?:antigen|membrane\s+antigen)|thyroid\s+transcription\s+"
    r"factor(?:[- ]?1)?|thyroglobulin)\b",
    re.I,
)
_PATHOLOGICAL_RESPONSE = re.compile(
    r"\bpatholog\w*\s+(?:complete\s+)?(?:remission|response|regression)\b|\bpcr\b", re.I
)
_ADVANCED = re.compile(r"\badvanced(?:[- ]stage)?\b", re.I)
_ELSEWHERE = re.compile(rf"\b{OTHER_ORGAN}\b|\b{_DISTANT_ORGAN}\b", re.I)
# Tissue of an organ other than the breast, its skin and its regional nodes.
_OTHER_TISSUE = (
    r"(?:liver|hepatic|lungs?|pulmonary|pleura\w*|bones?|bone\s+marrow|marrow|vertebra\w*|"
    r"spine|spinal|brain|dura\w*|mening\w*|csf|cerebrospinal\s+fluid|ascit\w*|peritone\w*|"
    r"omentum|omental|stomach|gastric|pylor\w*|antr\w*|duoden\w*|jejun\w*|ile(?:um|al)|"
    r"colon|colonic|rectum|rectal|bowel|intestin\w*|appendix|gallbladder|pancrea\w*|spleen|"
    r"splenic|adrenal\w*|kidneys?|renal|bladder|ureter\w*|ovar\w*|adnex\w*|uter\w*|"
    r"endometri\w*|cervix|thyroid|parotid|orbit\w*|eyelid|oesophag\w*|esophag\w*|"
    r"pericardi\w*|effusion|pleural\s+fluid|ascitic\s+fluid)"
)
# Breast cancer found in the tissue of another organ ("the biopsies of the pylorus also
# showed TNBC", "liver biopsy revealed invasive lobular carcinoma", "cytology of the
# pleural fluid confirmed ductal carcinoma"): a metastasis, whether or not it is called one.
_BREAST_CANCER_ELSEWHERE = re.compile(
    r"\b(?:biops(?:y|ies)|patholog\w*|histolog\w*|cytolog\w*|specimens?|resection|"
    r"aspirat\w*|fnac?|samples?|tissue)\s+(?:[\w-]+\s+){0,2}?(?:of|from|at)\s+"
    rf"(?:the\s+|her\s+|his\s+|a\s+|an\s+)?(?:[\w-]+\s+){{0,2}}?{_OTHER_TISSUE}\b|"
    rf"\b{_OTHER_TISSUE}\s+(?:[\w-]+\s+)?(?:biops(?:y|ies)|specimens?|resection|cytology|"
    r"fnac?|aspirate|tissue|samples?)\b",
    re.I,
)
_SHOWED_BREAST_CANCER = re.compile(
    r"[^.;]{0,80}?\b(?:show(?:ed|s|n)?|reveal(?:ed|s)?|confirm(?:ed|s)?|demonstrat(?:ed|es|e)|"
    r"prov(?:ed|es|e)|was|were|is|are|consistent|compatible|positive)\b"
    r"(?:(?!\bno\b|\bnot\b|\bnegative\s+for\b|without|benign|\bfree\b)[^.;]){0,60}?"
    r"\b(?:tnbc|idcs?|ilcs?|breast|mammary|(?:invasive\s+|infiltrating\s+)?(?:ductal|lobular)\s+"
    r"(?:[\w-]+\s+)?(?:carcinoma|cancer))\b",
    re.I,
)


# round 19: the same told finding first ("a biopsy showed breast cancer in the iliac bone",
# "confirmed ductal carcinoma within the liver")
_BREAST_CANCER_IN_TISSUE = re.compile(
    r"\b(?:show(?:ed|s|n)?|reveal(?:ed|s)?|confirm(?:ed|s)?|demonstrat(?:ed|es|e)|found|"
    r"identified|detected)\s+(?:(?!\bno\b|\bnot\b|without|benign)[\w-]+\s+){0,3}?"
    r"(?:breast\s+(?:cancer|carcinoma)|tnbc|idc|ilc|(?:ductal|lobular)\s+carcinoma)\s+"
    r"(?:cells?\s+)?(?:in|within|involving|infiltrating)\s+(?:the\s+|her\s+|his\s+|a\s+)?"
    rf"(?:[\w-]+\s+){{0,2}}?{_OTHER_TISSUE}\b",
    re.I,
)


# stop 52 (r89-0017): breast cancer cells in a body fluid drawn off ("When tested we found out
# that the fluid had breast cancer cells in it", "breast cancer cells in the fluid around her
# lungs"): a malignant effusion, disease beyond the breast
_BREAST_CANCER_IN_FLUID = re.compile(
    r"\b(?:fluid|effusions?|ascites|thoracentesis|paracentesis)\b[^.;]{0,40}?\b(?:had|has|contained|"
    r"contains|showed|shows|revealed|reveals|with|was\s+full\s+of|was\s+positive\s+for)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:breast\s+cancer|metastatic\s+breast|mammary|ductal|lobular)\s+"
    r"(?:cancer\s+|carcinoma\s+)?cells?\b"
    r"|\b(?:breast\s+cancer|mammary|ductal|lobular)\s+(?:carcinoma\s+)?cells?\s+(?:in|within)\s+"
    r"(?:the\s+|her\s+|his\s+|my\s+)?(?:[\w-]+\s+){0,2}?(?:fluid|effusions?|ascites)\b",
    re.I,
)


def _breast_cancer_elsewhere(told: str) -> bool:
    """Breast cancer in another organ's biopsy, resection or fluid (``_BREAST_CANCER_ELSEWHERE``
    followed in the same sentence by what it showed, or the finding told first:
    ``_BREAST_CANCER_IN_TISSUE``; its cells in a fluid drawn off: ``_BREAST_CANCER_IN_FLUID``)."""
    if _BREAST_CANCER_IN_FLUID.search(told):
        return True
    return _BREAST_CANCER_IN_TISSUE.search(told) is not None or any(
        _SHOWED_BREAST_CANCER.match(told, m.end()) for m in _BREAST_CANCER_ELSEWHERE.finditer(told)
    )


# An operation on another organ than the breast, and a tumour found at it ("incidentally
# recognized after cholecystectomy", "found at appendicectomy", "the hysterectomy specimen
# revealed carcinoma"): a tumour beyond the breast, so a recurrence in a patient treated for
# breast cancer (another cancer named is judged before).
_OTHER_SURGERY = (
    r"(?:cholecystectom\w*|append(?:ic)?ectom\w*|(?:hemi)?colectom\w*|gastrectom\w*|"
    r"hysterectom\w*|(?:salpingo-?)?oophorectom\w*|adnexectom\w*|splenectom\w*|"
    r"nephrectom\w*|adrenalectom\w*|(?:hemi)?thyroidectom\w*|parotidectom\w*|"
    r"pancreat\w*ectom\w*|whipple|hepatectom\w*|lobectom\w*|pneumonectom\w*|"
    r"wedge\s+resection|(?:bowel|small[- ]bowel|intestinal|ileal|colonic|gastric|liver|hepatic)\s+"
    r"resection|laparotom\w*|laparoscop\w*|thoracotom\w*|thoracoscop\w*|vats|cystectom\w*|"
    r"polypectom\w*|endoscop\w*|colonoscop\w*|gastroscop\w*|ercp|cystoscop\w*|"
    r"craniotom\w*|laminectom\w*|(?:vertebral\s+|spinal\s+)?decompression)"
)
_FOUND_AT_OTHER_SURGERY = re.compile(
    r"\b(?:incidental\w*|unexpected\w*|found|recogni[sz]ed|discovered|detected|identified|"
    r"diagnosed|noted)\b[^.;]{0,40}?\b(?:at|after|during|following|on|in|by)\s+"
    rf"(?:the\s+|an?\s+|her\s+|his\s+)?(?:[\w-]+\s+){{0,2}}?{_OTHER_SURGERY}|"
    rf"\b{_OTHER_SURGERY}\s+(?:specimens?\s+)?(?:showed|revealed|demonstrated|found|disclosed)\s+"
    r"(?:(?!\bno\b|\bnot\b|benign|\bnegative\s+for\b)[^.;]){0,60}?"
    r"\b(?:tumou?rs?|(?:adeno)?carcinomas?|cancers?|malignan\w*|neoplas\w*|metasta\w*)",
    re.I,
)


def _beyond_breast(told: str) -> bool:
    """Any sign of disease beyond the breast and its nodes in ``told``: a metastatic word, a
    distant organ's lesion or tumour, breast cancer in another organ's tissue, a tumour found
    at an operation on another organ."""
    return bool(
        _METASTATIC.search(told)
        or _DISTANT.search(told)
        or _ORGAN_LESION.search(told)
        or _ELSEWHERE_MASS.search(told)
        or _FOUND_AT_OTHER_SURGERY.search(told)
        or _breast_cancer_elsewhere(told)
    )


_ELSEWHERE_MASS = re.compile(
    r"\b(?:parotid|salivary|thyroid|pancreatic|pancreas|gastric|stomach|colonic|colon|rectal|"
    r"duodenal|small[- ]bowel|bowel|ovarian|adnexal|uterine|endometrial|cervical|bladder|"
    r"renal|kidney|gallbladder|biliary|oesophageal|esophageal|orbital|choroidal|ocular|"
    r"eyelid|scalp|cutaneous|skin|splenic|peritoneal|retroperitoneal|mediastinal|"
    r"pericardial|intestinal|"
    # the eye and orbit, head and neck, heart, muscle, nervous system and the rest of the
    # abdomen and pelvis, in their adjective forms (round 15: 'a retrobulbar tumor')
    r"retrobulbar|intraorbital|periorbital|intraocular|uveal|conjunctival|lacrimal|"
    r"laryngeal|sinonasal|pharyngeal|tonsillar|gingival|mandibular|maxillary|cardiac|"
    r"myocardial|intramuscular|pituitary|dural|meningeal|cerebellar|intramedullary|"
    r"epidural|hepatic|pulmonary|adrenal|pleural|appendiceal|ileal|jejunal|c(?:a|ae)?ecal|"
    r"sigmoid|ureteral|ureteric|urethral|vaginal|vulvar|prostatic|testicular)\s+"
    r"(?:gland\s+|wall\s+|head\s+|tail\s+)?"
    r"(?:tumou?rs?|mass(?:es)?|lesions?|nodules?|nodes?\s+metasta\w*|deposits?|"
    r"(?:adeno)?carcinomas?|infiltrat\w*)\b",
    re.I,
)
_PRIMARY_FOUND = re.compile(
    r"\b(?:revealed|reveals|showed|shows|identified|detected|demonstrated|found|disclosed)\s+"
    rf"(?:[\w.,-]+\s+){{0,6}}?(?:{_BREAST_MASS})|"
    r"\b(?:mass|lesion|lump|tumou?r|nodule)\s+(?:was|were)\s+(?:\w+\s+)?"
    r"(?:identified|detected|found|seen|noted|palpated|visuali[sz]ed)\s+in\s+(?:the\s+|her\s+)?"
    r"(?:right\s+|left\s+)?breast\b",
    re.I,
)


# A benign diagnosis for a lesion that looked like a metastasis ("the hepatic nodules were
# focal nodular hyperplasia", "a haemangioma", "a simple cyst").
_BENIGN_DX = re.compile(
    r"\b(?:fnh|focal\s+nodular\s+hyperplasia|ha?emangiomas?|(?:hepatic|hepatocellular)\s+"
    r"adenomas?|(?:simple\s+)?cysts?|benign|granulom\w*|steatosis|fatty\s+(?:infiltration|liver|"
    r"change|sparing)|sarcoid\w*|abscess\w*|bone\s+islands?|enchondromas?|fibrous\s+dysplasia|"
    r"(?:parathyroid\s+)?adenomas?|hyperparathyroidism)\b",
    re.I,
)
# A metastasis only suspected before the benign diagnosis ("hypercalcaemia, initially
# suspected to be bone metastasis", "a lesion thought to be a metastasis").
_SUSPECTED_METASTASIS = re.compile(
    r"\b(?:initially\s+|originally\s+|first\s+)?(?:suspected|suspecting|thought|presumed|"
    r"believed|feared|suspicious)\s+(?:to\s+be\s+|for\s+|of\s+)?(?:an?\s+)?(?:[\w-]+\s+){0,3}?metasta\w*",
    re.I,
)


# round 12: the work-up of a breast cancer survivor's symptom ends in another diagnosis
# ("all the complementary tests were suggestive of Crohn's disease", "histology revealed
# Masson tumour …, a benign vascular lesion")
_CONCLUDED_OTHER = re.compile(
    r"\b(?:suggestive|consistent|compatible|diagnostic|in\s+keeping)\s+(?:of|with)\s+(?:an?\s+)?"
    r"(?:[\w'-]+\s+){0,2}?(?:crohn'?s|(?:ulcerative\s+)?colitis|ibd|inflammatory\s+bowel|"
    r"tuberculosis|sarcoid\w*|infection|abscess\w*|osteomyelitis|hyperparathyroidism|"
    r"pneumonia)\b|"
    r"\b(?:histolog\w*|biops(?:y|ies)|patholog\w*)\s+(?:\w+\s+){0,2}?(?:revealed|showed|"
    r"confirmed|demonstrated)\b[^.;]{0,80}?\bbenign\b",
    re.I,
)
# round 16: a benign tumour outside the breast found by the work-up ("after echocardiographic
# evaluation, a left atrial myxoma was detected"), nothing beyond the breast told besides
_BENIGN_TUMOUR_FOUND = re.compile(
    r"\b(?:myxomas?|lipomas?|leiomyomas?|fibroids?|schwannomas?|meningiomas?|neurofibromas?|"
    r"(?:parathyroid|adrenal|pituitary)\s+adenomas?)\s+(?:was|were)\s+(?:\w+\s+)?(?:detected|"
    r"found|diagnosed|identified|confirmed|seen|demonstrated)\b",
    re.I,
)
# a clinician's shorthand for breast cancer ("T1N1M0 breast ca 2018")
_BREAST_CA = re.compile(
    r"\bbreast\s+ca\b|\b(?:dcis|lcis)\b|\b(?:ductal|lobular)\s+carcinoma\s+in\s+situ\b", re.I
)
# round 12: a scan told as showing no metastasis ("Bone scan revealed no skeletal metastasis")
_SCAN_NO_METASTASIS = re.compile(
    r"\b(?:scan|scintigraph\w*|imaging|mri|ct|pet(?:[/-]ct)?)\s+(?:revealed|showed|"
    r"demonstrated|found)\s+no\s+(?:[\w-]+\s+){0,2}?metasta\w*",
    re.I,
)


def _benign_mimic(text: str, told: str) -> bool:
    """Breast cancer with a lesion proven benign and metastatic disease said to be absent or
    only suspected before, with no metastatic word left: not metastatic disease. Also a
    work-up ending in another diagnosis (``_CONCLUDED_OTHER``) or in a benign tumour with
    nothing beyond the breast told (``_BENIGN_TUMOUR_FOUND``), or a scan that found no
    metastasis with nothing beyond the breast told (``_SCAN_NO_METASTASIS``)."""
    if BREAST_PRIMARY.search(text) is None and _BREAST_CA.search(text) is None:
        return False
    if _CONCLUDED_OTHER.search(told) and not _METASTATIC.search(told) and not _DISTANT.search(told):
        return True
    if _BENIGN_TUMOUR_FOUND.search(told) and not _beyond_breast(told):
        return True
    if (
        _SCAN_NO_METASTASIS.search(text)
        and not _beyond_breast(told)
        and not _METASTATIC_DRUG.search(text)
    ):
        return True
    if _BENIGN_DX.search(told) is None or BREAST_PRIMARY.search(text) is None:
        return False
    rest, suspected = _SUSPECTED_METASTASIS.subn(" ", told)
    return (
        (suspected > 0 or _WHOLLY_NON_METASTATIC.search(text) is not None)
        and not _METASTATIC.search(rest)
        and not _DISTANT.search(rest)
    )


_CAME_BACK = re.compile(_CAME_BACK_WORDS, re.I)


def _early_disease_only(text: str, told: str, primary: bool) -> bool:
    """Early (non-metastatic) breast cancer and nothing after it: its stage words, adjuvant
    therapy, a primary breast mass, M0, a local recurrence or metastasis said to be absent —
    with no metastatic word or distant lesion left, and no new event told after it (a patient
    with a history of early disease who presents now is worked up for a recurrence).
    ``told``, ``primary``: what ``_as_told`` read."""
    if _benign_mimic(text, told):
        return True
    if _TERMINAL_PROGNOSIS.search(told):
        return False
    # a new tumour in another organ after breast cancer ("a gastric tumour was found on
    # endoscopy", "incidentally recognized after cholecystectomy"), breast cancer in another
    # organ's biopsy: a recurrence is being worked up, or another cancer (judged before)
    if (
        _ORGAN_LESION.search(told)
        or _ELSEWHERE_MASS.search(told)
        or _FOUND_AT_OTHER_SURGERY.search(told)
        or _breast_cancer_elsewhere(told)
    ):
        return False
    # a tumour of breast origin in another organ ("gallbladder adenocarcinoma ... consistent
    # with primary breast cancer") is a metastasis
    # (the primary's own local extension, "invasion of local skin", and the organ names in
    # immunostains, "thyroid transcription factor-1 (-)", are no other organ: round 12)
    if _BREAST_ORIGIN.search(told) and _ELSEWHERE.search(
        _STAIN_NAMES.sub(" ", _EARLY.sub(" ", told))
    ):
        return False
    now = _PRESENT_EVENT.search(told) is not None
    # the breast primary found by this very work-up ("PET/CT revealed a lesion in the left
    # breast", "a mass was identified in the left breast"): what she presented with is the
    # primary's presentation, not a new event after it
    if now and _PRIMARY_FOUND.search(told) and not _HISTORY.search(told):
        now = False
    local = _local_recurrence(text)
    if local and not _ELSEWHERE.search(told):
        # round 24: the return told with a local recurrence is that recurrence ("The day I found
        # out my breast cancer had come back … I 'only' have a local recurrence – in my chest
        # wall"), unless another organ is named
        told = _CAME_BACK.sub(" ", told)
    if (
        (_EARLY.search(told) or primary or local)
        and not _METASTATIC.search(told)
        # (stop 36, r43: nor a spread told — "In 2016, she was advised that the cancer had spread
        # to her lymph nodes and to her lungs" after her chemotherapy and mastectomy)
        and not _SPREAD_TOLD.search(told)
    ):
        after = _HISTORY.search(told) or (_ADJUVANT_DONE.search(told) and is_question(text))
        # neoadjuvant therapy and its pathological response is the primary's own treatment,
        # however its diagnosis was told ("was diagnosed with HR+ LABC … neoadjuvant … resulted
        # in favorable pathological remission")
        if _NEOADJUVANT.search(told) and _PATHOLOGICAL_RESPONSE.search(told):
            after = None
        on_adjuvant = (
            _ON_ADJUVANT.search(told)
            or (_EARLY_COURSE_STARTED.search(told) and _IN_COURSE.search(told))
        ) and not _SETTING_ENDED.search(text)
        if not (now or after) or _EARLY_NOW.search(told) or on_adjuvant or local:
            return True
    # M0 or "no distant metastasis" is the stage at diagnosis: early disease unless the
    # patient presents now with something new (then a recurrence is being worked up)
    stated_m0 = _TNM_M0.search(text) or _WHOLLY_NON_METASTATIC.search(text)
    if stated_m0 and not _DISTANT.search(told) and not now:
        return True
    return _early_story(text, told, primary or bool(stated_m0))


# What may herald a distant recurrence in a patient treated for early disease: a symptom
# or finding of the kinds metastases cause (pain, breathlessness, jaundice, neurological
# signs, a lump or lesion, cytopenias, abnormal bloods or markers), imaging or a biopsy.
# Not a treatment's own effects on the early disease's story ("hand swelling after
# docetaxel", "retinopathy on tamoxifen", vaginal bleeding).
_RECURRENCE_SIGN = re.compile(
    r"\b(?:pain\w*|aches?|tender\w*|jaundic\w*|icter\w*|sob|symptom\w*|elevated|raised|rising|"
    r"abnormal\w*|deranged|cognitive|dizz\w*|vertigo|unsteady|ataxi\w*|falls?|cord\s+compression|"
    r"collapse\w*|dyspn\w*|short(?:ness)?\s+of\s+breath|"
    r"breathless\w*|cough\b|ha?emoptysis|headaches?|seizures?|confus\w*|weakness|paresis|"
    r"paralys\w*|numbness|diplopia|hypercalca?em\w*|weight\s+loss|fatigue|anorexia|malaise|"
    r"lumps?|mass(?:es)?|nodules?|lesions?|lymphadenopath\w*|nodes?(?![- ]negative)|effusions?|ascites|"
    r"distension|fractures?|tumou?r\s+markers?|ca\s?15-?3|ca\s?27|cea|alkaline\s+phosphatase|"
    r"alp|an(?:a)?emi\w*|\w*cytopeni\w*|liver\s+(?:function|enzymes)|lfts?|hepatomegal\w*|"
    r"scans?|pet|ct|mri|x-?rays?|imaging|biops\w*|ultrasound|palliative|hospice|skin|chest\s+wall|"
    r"spots?|shadows?|uptake|vision|visual|dysphagia|vomiting|nausea|stage\s+(?:iv|4))\b",
    re.I,
)
# Drugs given for metastatic disease only (the guideline's): a story with one of them is
# about metastatic disease even when it never says so. Not "CDK4/6 inhibitor" as a class
# (round 24: abemaciclib is given for early disease too, "2 years of … a CDK4/6 inhibitor …
# for early hormone + breast cancer patients").
_METASTATIC_DRUG = re.compile(
    r"\b(?:palbociclib|ibrance|fulvestrant|faslodex|alpelisib|piqray|everolimus|afinitor|"
    r"capivasertib|truqap|elacestrant|orserdu|trastuzumab\s+deruxtecan|enhertu|t-?dxd|"
    r"sacituzumab|trodelvy|tucatinib|tukysa|lapatinib|eribulin|halaven|talazoparib|"
    r"vinorelbine|gemcitabine|pembrolizumab)\b",
    re.I,
)
_BODY_MASS = re.compile(r"\bbody\s+mass(?:\s+index)?\b", re.I)
# round 16: the bone health of endocrine therapy ("her baseline bone mineral density (BMD) scan
# was normal") is no bone and no scan of a recurrence
_BONE_HEALTH = re.compile(
    r"\b(?:baseline\s+)?(?:bone\s+(?:mineral\s+)?density|bmd|bone\s+health|dexa|dxa)"
    r"(?:\s*\(\s*(?:bmd|dexa|dxa)\s*\))?(?:\s+(?:scans?|measurements?|assessments?))?",
    re.I,
)


def _early_story(text: str, told: str, primary: bool) -> bool:
    """Early disease and its treatment, with nothing after it that could be metastatic: an
    early stage word, M0 or the primary's own presentation, no metastatic word, no distant
    organ or lesion, no drug of metastatic disease, and no sign of a recurrence told
    (``_RECURRENCE_SIGN``, read outside the early-disease words: "sentinel node biopsy" is
    the primary's staging). "Attended for adjuvant chemotherapy 8 weeks after surgery for a
    T1N0 cancer"; "stage IIIa (M0) breast cancer … hand swelling a day after starting
    docetaxel"."""
    if not (primary or _EARLY.search(told)):
        return False
    told = _BONE_HEALTH.sub(" ", told)
    if (
        _METASTATIC.search(told)
        or _DISTANT.search(told)
        or _ORGAN_LESION.search(told)
        or _ELSEWHERE_MASS.search(told)
        or _ELSEWHERE.search(told)
        or _METASTATIC_DRUG.search(text)
    ):
        return False
    neo = _NEOADJUVANT_PLANNED.search(told)
    if neo:
        # stop 33 (r34): the work-up told before neoadjuvant therapy still to come is the
        # primary's staging ("After numerous scans, biopsies and results …, I was referred …
        # with the plan to start neoadjuvant (pre surgery) chemotherapy"); a case report's
        # presentation told before a past neoadjuvant course is not ("presented with
        # obstructive jaundice … She received 3 cycles of neoadjuvant chemotherapy")
        told = told[neo.start() :]
    rest = _BODY_MASS.sub(" ", _EARLY.sub(" ", told))
    return _RECURRENCE_SIGN.search(rest) is None


def other_condition(text: str, drugs: Sequence[str] = ()) -> bool:
    """The message is about another condition (a urinary tract infection, diabetes …) and
    shows no sign of breast cancer: no breast/metastatic words, receptor or biomarker, and
    no drug the guideline names (``drugs``: those found in the message)."""
    return (
        _OTHER_CONDITION.search(text) is not None
        and not drugs
        and _BREAST_CANCER_SIGNAL.search(text) is None
    )


def is_medical(text: str) -> bool:
    """The message uses any vocabulary of the domain (cancer, drugs, tests, treatment)."""
    return _MEDICAL.search(text) is not None


_CLINICAL = re.compile(
    r"\b(?:cure[ds]?|curable|cycles?|monitor\w*|scans?|imaging|biops\w*|oncologist\w*|"
    r"clinical|study|studies|prognosis|survival|taxanes?|platinum|anthracyclines?|"
    r"patholog\w*|testing|tested|"
    r"patients?|disease|symptoms?|stage|response|relapse|remission|tumou?rs?)\b",
    re.I,
)


def is_clinical(text: str) -> bool:
    """Domain vocabulary (``is_medical``) or the words clinicians use around it (cycles,
    scans, prognosis, a study): a question with none of it is not about MBC."""
    return is_medical(text) or _CLINICAL.search(text) is not None


# A note template with its unknowns marked "?" ("IDC, NG?, ER/PR/HER2: ///, ki67?%, …,
# complicated with ? s/p ?", round 10): a "?" glued to what follows it ("NG?,", "ki67?%") is
# a blank, not a question, and so is a last "?" standing alone after such blanks when the
# text asks nothing in words.
_BLANK = re.compile(r"\?(?=[^\s?])")
_LONE_LAST = re.compile(r"\s\?\s*$")
_ASKING_WORD = re.compile(
    r"\b(?:what|which|how|why|when|where|who|should|would|could|can|do|does|any|"
    r"recommend\w*|next|options?|suggest\w*|advice|advise|thoughts?)\b",
    re.I,
)
BLANKS_OF_A_TEMPLATE = 2  # glued "?" marks that make a text a template with blanks


def is_question(text: str) -> bool:
    if _QUESTION.search(text) is None:
        return False
    return not (
        len(_BLANK.findall(text)) >= BLANKS_OF_A_TEMPLATE
        and _LONE_LAST.search(text) is not None
        and _ASKING_WORD.search(text) is None
    )


def asks_for_recommendation(text: str) -> bool:
    """ "What next?", "options?", "what do you recommend" — answer the case, not retrieve."""
    return _RECOMMENDATION.search(text) is not None


# A question for the management of a patient ("What is the most appropriate management?",
# "what is the next step?", "how should she be treated?"): a recommendation, though it
# opens with "what is".
_MANAGEMENT_QUESTION = re.compile(
    r"\bwhat(?:\s+(?:is|are|would\s+be|should\s+be)|'s)\s+(?:the\s+|your\s+)?"
    r"(?:(?:most|best|next|appropriate|optimal|preferred|recommended|ideal|right|standard|"
    r"further|initial|definitive|treatment|line\s+of)\s+){0,3}"
    r"(?:management|treatment|therapy|step|approach|plan|options?|course(?:\s+of\s+action)?)\b|"
    r"\bhow\s+(?:should|would|do|will)\s+(?:you|we|i)\s+(?:manage|treat)\b|"
    r"\bhow\s+(?:is|should)\s+(?:she|he|this|the\s+patient)\s+(?:be\s+)?(?:managed|treated)\b",
    re.I,
)


def asks_for_management(text: str) -> bool:
    """ "What is the most appropriate management?", "how should she be treated?": the
    management of the patient described, not information."""
    return _MANAGEMENT_QUESTION.search(text) is not None


def asks_for_information(text: str) -> bool:
    """Dose, side effects, evidence, definitions: a question for retrieval."""
    return _INFO_TOPIC.search(text) is not None


_PATIENT = re.compile(
    r"\b(?:she|her|he|his|(?:the|my|our|this) (?:patient|pt|woman|lady|man)|woman|lady|"
    r"female|male|\d{2}\s*(?:yo|y/o|f|m)|"
    r"\d{2}-year-old|\d{2} years? old|aged \d{2}|my|our|this case|progress\w*|relaps\w*|"
    r"recurr\w*|on \w+ since|currently on|was on|has had|had)\b",
    re.I,
)


INJECTION_NOTE = (
    "I answer only from the guideline, so the instruction in your message was "
    "not followed; the case itself is answered below."
)


def without_instructions(text: str) -> str:
    """The message minus its sentences that try to instruct the bot."""
    # a sentence may end inside its closing quotes ("… you are now incurable.'\" She …")
    sentences = re.split(r"(?:(?<=[.!?;])|(?<=[.!?;]['\"’”])|(?<=[.!?;]['\"’”]['\"’”]))\s+", text)
    return " ".join(s for s in sentences if not _INJECTION.search(s)).strip()


def describes_patient(text: str) -> bool:
    """Talk of a particular patient ("65-year-old woman", "she", "progressed on …")."""
    return _PATIENT.search(text) is not None


def has_words(text: str) -> bool:
    """At least one word of two letters or more (emoji, markup or punctuation alone: no)."""
    return re.search(r"[^\W\d_]{2,}", text) is not None

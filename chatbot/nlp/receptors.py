"""A small grammar for receptor and biomarker statements, as pathology reports and case
notes write them:

    statement := receptors value [ish]
    receptors := receptor (("/" | "," | "and" | "&") receptor)*     "ER/PR", "ER and PR"
    receptor  := ER | PR | PgR | HR | HER2 | HER-2/neu | ERBB2 | PD-L1 | the spelled-out names
    value     := sign | word | percent | IHC score | Allred score | "equivocal"
                 "+", "+++", "-", "pos", "neg", "+ve", "positive", "strongly positive",
                 "low", "ultralow", "0", "1+", "IHC 2+", "95%", "<1%", "7/8"
    ish       := ["/" | ","] [F|S|C|D]ISH value-or-ratio                  "/ ISH neg", "FISH ratio 2.4"

Each receptor of a list takes the value that follows the list ("ER/PR+" = ER+ and PR+), so
`ER+/PR-/HER2 3+`, `HR+/HER2-neg`, `ER 95% PR 0 HER2 1+`, `HER2 IHC 2+ / ISH neg`,
`pdl1 neg` and `ER-low` are all read by the same rules instead of one phrase per spelling.

Readings (ASCO/CAP conventions, and the guideline's for PD-L1 and HER2-low):
ER/PR positive from 1% stained nuclei, or Allred >= 3/8, "low" is low-positive;
HER2 0 negative (not low), 1+ low, 2+ decided by ISH (without it: equivocal, asked), 3+
positive; ISH ratio >= 2.0 amplified. PD-L1 CPS is read by the CPS patterns (>= 10
positive, the guideline's threshold), so this grammar takes only PD-L1 signs and words.

The component ``mbc_receptors`` writes each statement as a FACT entity (id
"key=value;…", the same shape as the ruler's FACT ids) over the tokens it covers, so the
sign words inside it ("neg" in "HER2-neg") are part of the entity and never act as
negation cues on a neighbour ("Postmenopausal HR+/HER2-neg" stays post-menopausal).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import takewhile
from typing import Any, Protocol

from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from chatbot.nlp.prefilter import Gated, compile_scanned, folded, gated
from chatbot.nlp.tokenizer import doc_text

LABEL = "FACT"

# round 16: a bare receptor word coordinated with the names after it shares the sign the
# last one carries ("estrogen and progesterone negative", "oestrogen, progesterone and HER-2
# neu receptor positive"): the sign distributes over the list, as it does over "ER/PR+".
# Without a sign word ending the list the bare words stay no names ("estrogen and
# progesterone levels", "hormone and HER2-targeted therapy"). At most five members are looked
# through: over a flood of bare words ("estrogen and " x 300) the look-ahead stays linear.
# stop 67 (r8-0031): "endocrine" names the hormone receptors as "hormone" does ("endocrine and
# HER-2/neu receptor positive"), never inside "neuroendocrine" (another tumour's markers)
_ENDOCRINE = r"(?<![A-Za-z])endocrine"
_BARE_WORD = r"(?:o?estrogen|progest(?:erone|in)|hormon(?:e|al)|" + _ENDOCRINE + r")"
# HER2 as patients and scanned reports type it: "HER-2/neu", "Her2neu", and round 21-22's
# "HERS-2" (the plural-s slip, upper case and hyphenated only: "hers 2" is a pronoun and a
# number) and "Her 2 n eu" (a space inside "neu")
_HER2_WORD = r"(?:her[- ]?2|(?-i:HERS)-2)(?:\s*[-/]?\s*n\s?eu)?"
_BARE_COORDINATED = (
    r"(?i:(?:\s*(?:,|/|&|\band\b)\s*" + _BARE_WORD + r"){0,4}\s*(?:,\s*)?(?:/|&|\band\b)\s*"
    r"(?:" + _BARE_WORD + r"|" + _HER2_WORD + r"|c-?erb-?b-?2|erbb2)"
    r"(?:[- ]receptors?)?[- ]?(?:neg|pos))"
)
# round 25: the bare word with a bare sign, as a patient copies a report ("Estrogen -,
# Progesterone +, HER2 +", "Oestrogen+ Progesterone- HER2-"): a value where the statement
# ends after the sign, or where the sign is typed on the word and the next receptor follows
# after a space; "estrogen + progesterone therapy" is two hormones, "estrogen - the hormone"
# a dash, "estrogen+progesterone" a combination.
_SIGN = r"(?:\+{1,3}|[-−–])"
_BARE_SIGN = (
    r"\s?" + _SIGN + r"(?=\s*(?:[,;.)]|$))"
    r"|" + _SIGN + r"(?=\s+(?i:o?estrogen|progest|her[- ]?2|[ep]g?r\b|hr\b))"
)
_NAMES = {
    # "estrogen and progesterone receptor", "ER, PR", "ER/PgR": both hormone receptors
    # round 10: "estrogen and progestogen hormone receptors"
    "erpr": r"(?:(?i:o?estrogen(?:[- ]receptors?)?\s*(?:and|/|&)\s*progest(?:erone|in|ogen)"
    r"(?:\s+hormone)?[- ]receptors?)"
    r"|(?i:progest(?:erone|in)(?:[- ]receptors?)?\s*(?:and|/|&)\s*o?estrogen[- ]receptors?)"
    r"|(?:ER|Er)\s*,\s*(?:PR|PgR|PGR))",
    # "HER" alone only before its sign, never before "-2" ("HER-2+" is HER2 positive, not
    # "HER" with IHC 2+; "HER-2 overexpressing" is no Allred score)
    "her2": r"(?:(?-i:HER)(?=\s*\+|\s*[-−–](?!\s*2)|\s+(?i:neg|pos))|"
    r"(?i:human\s+epidermal\s+(?:growth\s+factor\s+)?receptor(?=\s*\(\s*her)|"
    # round 15: "human" may be left out when the "2" is written ("oestrogen receptor and
    # epidermal growth factor receptor 2 (HER2) positive", r15-0028); without the "2" it is
    # EGFR (HER1), another receptor
    + _HER2_WORD
    + r"|c-?erb-?b?-?2|erbb2|(?:human\s+)?epi(?:dermal|thelial)\s+"
    r"(?:growth\s+)?factor(?:[- ]receptor)?[- ]?(?:type[- ])?2(?!\d)"
    # round 11: the name without "growth factor" ("negative human epidermal receptor-2 status")
    r"|human\s+epidermal\s+receptor[- ]?(?:type[- ])?2(?!\d)"
    # stop 42 (r48-0043): the lay name of the receptor after its drug, right before its sign
    # word ("Herceptin-positive breast cancer", "diagnosed as Herceptin (HER2) negative"): a
    # status, not a treatment given ("Herceptin + Perjeta" is a combination: words only)
    r"|herceptin(?=(?:\s*\(\s*her[- ]?2(?:/neu)?\s*\))?[- ]?(?:positive|negative)\b)))",
    # lower-case "er", "pr", "hr" only right before a sign ("hr+/her2-neg"): as words
    # they are too common ("HR 0.62" is a hazard ratio, "pr" a partial response)
    # the bare word of a receptor only right before its sign ("estrogen-positive",
    # "hormone-negative"): "hormone therapy" and "estrogen levels" are no receptor
    # round 10: the hormone named for its receptor after a stain's "for" ("strongly positive
    # staining for estradiol"); "estradiol" elsewhere is the drug or a blood level
    # round 16: "RE" (receptor de estrógeno, récepteur d'œstrogène) only before its sign or a
    # bracketed percentage ("RE (70%), RP (80%)"): "Re" is also rhenium
    # stop 33 (r36): the words run together as typed ("estrogenreceptor— positive breast
    # cancer"), for each receptor named in words
    "er": r"(?:ER|Er|ERα|(?i:o?estrogen(?:ic)?[- ]?receptors?)|er(?=\s?[+-])"
    r"|(?<=(?i:for) )(?i:o?estradiol)(?=\s*(?:[.,;)]|$))"
    r"|RE(?=\s?[+-]|\s+(?i:neg|pos)|\s*\(\s*\d{1,3}\s*%)"
    r"|(?i:o?estrogen(?=[- ]?(?:neg|pos)|" + _BARE_SIGN + r"|" + _BARE_COORDINATED + r")))",
    # "RP" (récepteur de progestérone, receptor de progesterona: French, Spanish and
    # Italian reports) only right before its sign: "ER/RP +", "RP-negative"
    "pr": r"(?:PR|PgR|PGR|Pr|(?i:progest(?:erone|in)[- ]?receptors?)|(?:pr|pgr)(?=\s?[+-])"
    r"|RP(?=\s?[+-]|\s+(?i:neg|pos)|\s*\(\s*\d{1,3}\s*%)"
    r"|(?i:progest(?:erone|in)(?=[- ]?(?:neg|pos)|"
    + _BARE_SIGN
    + r"|"
    + _BARE_COORDINATED
    + r")))",
    "hr": r"(?:HR|(?i:(?:hormon(?:e|al)|" + _ENDOCRINE + r")[- ]?receptors?)|hr(?=\s?[+-])"
    r"|(?i:(?:hormon(?:e|al)|"
    + _ENDOCRINE
    + r")(?=[- ]?(?:neg|pos)|"
    + _BARE_SIGN
    + r"|"
    + _BARE_COORDINATED
    + r")))",
    "pdl1": r"(?i:pd-?l1)",
}
# A bracket that holds a value is no explanation: "ER (+), PgR (−), HER2 (3+), and E-cadherin
# (−)" is three statements, each with its own value — read as one list of names explained
# by their brackets, every receptor took the last marker's "(−)" (round 11: ER+ HER2 3+ read
# negative). A value is a sign, an IHC score, a percentage, an Allred total or a sign word.
_BRACKET_VALUE = (
    r"(?![^()\[\]]{0,40}%)"
    r"(?!\s*(?:[-+−–±]|[0-8]\s*(?:\+|/\s*8|[)\]])"
    r"|(?i:pos|neg|weak|strong|equivocal|low|ultra-?low|zero|null)))"
)
# "(ER)", "[estrogen receptor]"; the "2" of HER2 may follow the bracket: "human epidermal
# growth factor receptor (HER)-2-negative"
_BRACKET = (
    r"(?:\s*[(\[]" + _BRACKET_VALUE + r"[^()\[\]]{1,40}[)\]](?:[-–]2(?![\d/%+.,]))?"
    # the English name inside the bracket of a Japanese or Chinese one, its abbreviation
    # after a colon: "エストロゲン受容体(estrogen receptor:ER)(+)"
    r"|\s*[:：]\s*[A-Za-z][A-Za-z0-9-]{0,7}\s*[)）])?"
)
_RECEPTOR = "|".join(f"(?P<{k}{{n}}>{v})" for k, v in _NAMES.items())
# A name ends at a word edge ("pr" is not the start of "progesterone"), or runs straight
# into its sign word ("HER2neg", "ERpos").
_ONE = (
    r"(?:" + "|".join(f"{v}" for v in _NAMES.values()) + r")"
    r"(?!(?!(?i:neg|pos|low|ultralow|zero|null))[A-Za-z])"
)
_JOIN = r"\s*(?:/|&|\band\b)\s*"
# Immunohistochemical lineage markers a pathology panel lists with the receptors (no fact
# of this project; they only carry the list to its value).
_STAIN = (
    r"(?:(?i:ck|cytokeratin)[- ]?(?:7|20|5/6)|(?i:gata)[- ]?3|(?i:mammaglobin)|(?i:gcdfp)[- ]?15"
    r"|(?i:ttf)[- ]?1|(?i:sox)[- ]?10|(?i:trps)[- ]?1|(?i:e-?cadherin)|p63|(?i:cdx)[- ]?2"
    r"|(?:AR|(?i:androgen[- ]receptors?)))(?![\w-])"
)
_MEMBER = rf"(?:{_ONE}|{_STAIN})"
# A list names at most this many more receptors ("ER/PR/HER2/PD-L1" …): unbounded, a flood
# of names with no value ("ER/" x 1,300) is retried from every name, quadratic (0.4 s).
_MAX_LIST = 6
_COMMA = r"\s*,\s*"
_SIGN_WORD = (
    r"(?i:(?:(?:strongly|weakly|weak|strong|focally|low)[- ]?)?"
    r"(?:positive|pos|negative|neg|\+ve|-ve|positivity|negativity"
    # a sign word mistyped as clinicians type it ("postitive", "postive", "negtive",
    # "negaitve"): begun and ended as one, read by its stem
    r"|(?:pos|neg)[a-z]{2,6}ve)\b"
    r"|ultra-?low\b|low(?:[- ]positive)?\b|zero\b|null\b|equivocal\b"
    # the older papers' receptor content: "oestrogen receptor-rich", "ER-poor tumours"
    # ("poor" hyphenated only: "the PR was poor" is a partial response)
    r"|rich\b|(?<=[-–])poor\b"
    # the overexpression noun with its result ("HER2 overexpression was not detected"), or
    # alone only where no result follows it: "HER2 overexpression was absent / negative" is
    # no overexpression (read by the negation of the phrase, rules/fact_patterns.yaml)
    r"|over-?expression\s+(?:was\s+|is\s+)?(?:not\s+)?"
    r"(?:identified|detected|present|seen|confirmed|found|noted|observed)\b"
    r"|(?:non-?|not\s+)?over-?express(?:ing|ed)\b"
    r"|(?:non-?|not\s+)?over-?expression\b(?!\s*(?:status|test\w*|assay|analys[ie]s|results?"
    r"|was\b|is\b|were\b|by\b|on\b|not\b|negative|neg\b|absent|score|level|[(:=]))"
    r"|(?:non-?|not\s+|un)?amplified\b"
    # "HER2 gene amplification was identified" / "… was not detected"
    r"|(?:gene\s+)?amplification\s+(?:was\s+|is\s+)?(?:not\s+)?"
    r"(?:identified|detected|present|seen|confirmed|found)\b"
    # round 16: the amplification noun alone, as the overexpression noun is read ("with human
    # epidermal growth factor 2 (HER2) amplification"); never the name of a test or of a
    # result told after it ("HER2 amplification status", "… by FISH was negative")
    r"|(?:gene\s+)?amplification\b(?!\s*(?:status|test\w*|assay|analys[ie]s|results?|ratio|was\b"
    r"|is\b|were\b|by\b|on\b|of\b|not\b|negative|neg\b|score|level|[(:=])))"
)
_VALUE = (
    r"(?P<value>"
    r"[<>≤≥]?=?\s*\d{1,3}(?:\.\d+)?\s*(?:[-–]\s*\d{1,3}\s*)?%"  # percent (or a range)
    r"|(?:(?i:allred)\s*(?:(?i:score)\s*)?)?[0-8]\s*/\s*8\b"  # Allred
    # an H-score (0-300): 0 no staining, any staining positive ("ER H-score 250")
    r"|(?i:h-?\s?score)\s*(?:(?i:of)\s*)?[:=]?\s*(?P<hscore>\d{1,3})(?![\d%/]|\.\d)"
    r"|(?:\(?\s*(?i:ihc)\s*\)?\s*(?:(?i:score)\s*)?[:=]?\s*)?[0-3]\s*\+{1,3}(?!\w)"  # IHC 1+ … 3+
    r"|(?:\(?\s*(?i:ihc)\s*\)?\s*(?:(?i:score)\s*)?[:=]?\s*)?0(?![.,]?\d)(?!\s*%)(?!\s*/)\+?"  # IHC 0
    # a bare 0-8 after ER/PR is an Allred (or Quick) score, as UK reports write it ("ER 7,
    # PR 0"); never a number of something ("PR 3 months", "ER 2 cm")
    r"|(?:(?i:allred)\s*(?:(?i:score)\s*)?(?:of\s*)?)?(?P<allred>[0-8])(?![\d.,]?\d)"
    r"(?!\s*(?:%|/|\+|[-–]\s*\d|(?i:x\b|mm|cm|mos?\b|months?|years?|yrs?|y\b|weeks?|wks?|days?"
    r"|cycles?|lines?|times|sites?|lesions?|doses?)))"
    r"|(?:(?i:ihc)\s*)?" + f"(?:{_SIGN_WORD})"
    # bare signs; one may run straight into the next receptor ("ER+PR+HER2-", "ER-PR-")
    r"|\+{1,3}(?![a-z0-9+])|[-−–](?![a-z0-9-])"
    r")"
)
_ISH_NAME = (
    r"(?i:[fscd]?ish|(?:(?:fluorescen(?:ce|t)|dual[- ]colou?r|silver|chromogenic)\s+)?"
    r"in[- ]situ[- ]hybridi[sz]ation"
    # the ratio's own name: "HER2/CEP17 ratio 1.6"
    r"|(?:her-?2\s*/\s*)?cep-?17(?=\s*(?:ratio|[:=]?\s*\d)))"
)
_ISH = (
    # ("HER2 2+ by IHC, FISH ratio 1.6": the first method named before the second;
    # "HER2 2+ (equivocal) with FISH ratio 2.2": the score's own word)
    r"(?:(?:\s*(?i:by|on)\s+(?i:ihc|immunohistochemistry))?(?:\s*\(\s*(?i:equivocal)\s*\))?"
    r"(?:\s*(?i:with|and)(?=\s))?"
    r"\s*(?:[/,;(]|\band\b)?\s*(?:by\s+|on\s+)?"
    + _ISH_NAME
    + r"(?:\s*\([^()]{1,12}\))?\s*(?:was|is|:|=)?\s*(?:[-–](?=\s*[a-z]))?\s*"
    r"(?P<ish>non-?amplified|not\s+amplified|unamplified|amplified|negative|neg|positive|pos"
    r"|[-+](?!\w)|(?:(?:(?i:her-?2)\s*/\s*)?(?i:cep-?17\s*)?ratio\s*(?:of\s*|was\s*|is\s*)?[:=]?\s*)"
    r"(?P<ratio>\d+(?:\.\d+)?))\)?"
    # "2+ with presence of amplification by FISH": the result before the method
    r"|\s*(?:,|with|and)?\s*(?:presence\s+of\s+|evidence\s+of\s+)?"
    r"(?P<ish2>no\s+amplification|non-?amplified|not\s+amplified|amplification|amplified)"
    r"\s+(?:by|on)\s+" + _ISH_NAME + r")?"
)
# What follows a statement's names: the specimen or test, the filler, the value, ISH.
_STATEMENT_TAIL = (
    # A list that goes on is no value's list: no part of what follows the names (filler,
    # value, ISH) begins with a joiner and a receptor name, so each shorter reading of a
    # list is dropped here at once, not after trying every value form on it (a flood of
    # names, "HER2 and " x 444, tried them all from every name: 55 ms; now 19 ms).
    rf"(?!(?:{_JOIN}|{_COMMA}){_ONE})"
    # round 10: the names' possessive before a noun value ("the hormonal receptors’
    # positivity", "ER's expression was 90%")
    r"(?:['’]s?(?=\s))?"
    # the specimen between the names and the value: "HR of the resected tumor was positive"
    # round 16: the test named between ("HER2 testing was positive", "HER2/neu receptor studies
    # on the primary tumor at the time of relapse were positive")
    r"(?:(?:\s+(?i:receptors?))?\s+(?i:test(?:s|ing)?|stud(?:y|ies)|assays?|immunohistochemistry|analys[ie]s|results?"
    r"|evaluation))?"
    # (stop 46, r63-0024: her tumour, "The steroid hormone receptors in her tumor, however,
    # have been consistently negative")
    r"(?:\s+(?:of|in|on)\s+(?:the|her|his|their|my|this)\s+(?:[a-z]+\s+){0,2}"
    r"(?:tumou?r|specimen|biopsy|lesion|mass)"
    r"(?:\s+at\s+(?:the\s+time\s+of\s+)?(?:relapse|recurrence|progression|diagnosis))?)?"
    # a relative clause or a report verb before the value: "the estrogen receptor, which was
    # positive at 100%", "ER and PR revealed negativity for both"
    r"(?:\s*,\s*which(?=\s+(?:is|was|were|are)\b))?"
    r"\s*(?:(?:status|is|was|were|are|both|all|score|expression|by|oncoprotein|protein|"
    # (stop 46) the perfect and its adverbs, an aside in commas: "… have been consistently
    # negative", "HER2, however, was negative"
    r"have|has|had|been|remain(?:s|ed)?|consistently|also|still|always|again|,\s*however\s*,|"
    # round 16: the state's noun before its result ("HER2 overexpression was negative", "HER2
    # amplification status: negative")
    r"over-?expression|(?:gene\s+)?amplification|"
    r"staining|on|immune|tumou?r|cells|ic|tc|revealed|showed|demonstrated|came|back|returned"
    # round 7: "HER2 receptor-positive", "HER-2/neu receptor overexpression"; "tested for
    # PD-L1 and found to be positive"
    r"|receptors?(?=[- ])|(?:and\s+)?(?:was\s+|were\s+)?found\s+to\s+be)\s*)*"
    # "ER staining in 95% of tumour cells": "in" only before a percentage
    r"(?:in\s+(?=[<>≤≥]?\d{1,3}(?:\.\d+)?\s*%))?"
    # a comma only before a percentage or an IHC score with its plus (round 11: "human
    # epidermal growth factor receptor 2 score, 1+")
    # round 16: a score the text explains in brackets ("HER2/neu 3 (ie, strongly positive)"):
    # the bracket's value is read
    r"(?:(?P<explained>[0-3])\s*\(\s*(?i:i\.?\s?e\.?|that\s+is)\s*,?\s*)?"
    r"(?:[:=(]|,(?=\s*[<>≤≥]?\d{1,3}(?:\.\d+)?\s*%|\s*[0-3]\s*\+))?\s*[-−–]?\s*"
    rf"{_VALUE}{_ISH}"
    # a HER2 IHC score after the sign ("HER2 was negative, 1+ by IHC", "HER2 negative (1+)"):
    # the score settles HER2-low; read only for a negative HER2
    # ("HER2 negative by IHC (1+)": the method may come first)
    r"(?:(?:\s*(?i:by|on)\s+(?i:ihc|immunohistochemistry))?\s*[,(]\s*(?:(?i:ihc)\s*)?(?:(?i:score)\s*)?[:=]?\s*"
    r"(?P<tail>1\s*\+|0\s*\+?(?=\s*(?:\)|(?i:by|on)\s+(?i:ihc|immuno))))(?![\w+])"
    r"(?:\s*(?i:by|on)\s+(?i:ihc|immunohistochemistry))?(?:\s*\))?)?"
)
STATEMENT = gated(
    # "ER/PR", "ER and PR", and a comma list only when "and" closes it ("ER, PR and HER2"):
    # in "negative for ER, PR and HER2, PD-L1 negative" the PD-L1 value is PD-L1's alone.
    # each name may carry an explanation in brackets: "estrogen receptor (ER) (-)",
    # "ER [estrogen receptor]-negative", "estrogen receptor (ER) and progestin receptor (PR)"
    # a staining panel may list other lineage markers among the receptors, the value after
    # them all: "estrogen receptor, cytokeratin 7, and GATA 3 positivity" (ER positive)
    rf"(?<![\w-])(?P<names>{_ONE}{_BRACKET}(?:(?:{_COMMA}{_MEMBER}{_BRACKET}){{0,{_MAX_LIST}}}(?:{_COMMA})?\s*\band\b\s*{_MEMBER}"
    rf"|(?:{_JOIN}{_ONE}{_BRACKET}){{0,{_MAX_LIST}}}))" + _STATEMENT_TAIL
)
# stop 39: a list joined by "or"/"nor" takes its value only right after a denial ("Her tumor
# was neither ER nor PR positive", "not ER, PR or HER2 positive": none of them positive).
# Only the last member had been read, with the list's sign: HER2 positive, and "neither
# ER nor PR positive" hormone receptor positive. Without the denial ("ER or HER2 positive":
# one of them, not told which) the list is no statement, and its last member's reading stands
# as before (_statements).
_OR = r"\s*\b(?:or|nor)\b\s*"
DENIED_OR = gated(
    rf"(?<![\w-])(?P<names>{_ONE}{_BRACKET}(?:{_COMMA}{_ONE}{_BRACKET}){{0,{_MAX_LIST}}}"
    rf"(?:{_COMMA})?{_OR}{_ONE}{_BRACKET})" + _STATEMENT_TAIL
)
# the denial right before such a list ("not", "neither", "isn't", "never")
DENIED_BEFORE = re.compile(r"(?i)(?:\b(?:not|neither|never)|n['’]t)\s+\Z")
# The value first: "positive staining for estrogen receptor", "negative for progesterone
# receptor and human epithelial growth factor receptor 2", "tested positive for the
# progesterone and estrogen receptors".
_LIST = (
    rf"(?P<names>{_ONE}{_BRACKET}(?:(?:{_COMMA}{_ONE}{_BRACKET}){{0,{_MAX_LIST}}}(?:{_COMMA})?\s*\band\b\s*{_ONE}"
    # round 7: a comma list that other markers go on ("negative for estrogen receptor,
    # progesterone receptor, human epidermal growth factor receptor 2, E-cadherin and …")
    # round 16: … or that ends the sentence with no "and" ("negative for ER, PR, HER2.",
    # "triple negative for ER, PR, HER2 receptor status.")
    rf"|(?:{_COMMA}{_ONE}{_BRACKET}){{1,{_MAX_LIST}}}"
    r"(?=\s*,|(?:\s+(?i:receptors?|status|expression)){0,2}\s*(?:[.;](?!\d)|$))"
    rf"|(?:{_JOIN}{_ONE}{_BRACKET}){{0,{_MAX_LIST}}}))"
)
# A list member that states its own value ends the list before it: in "negative for the
# estrogen and progesterone receptors, and HER2 gene amplification was identified" HER2 is
# amplified, not negative.
# round 18: either sign ("positive for both estrogen and progesterone receptors, and Her2-neu
# negative": HER2 is negative, never the list's "positive"), a bare sign ("HER2-")
_OWN_VALUE = (
    r"(?!\s*(?:(?i:gene\s+)?(?i:amplifi|over-?express)|[-–]?\s*(?i:positiv|negativ|neg\b|pos\b)"
    r"|\+|[-–−](?![\w-])"
    # never a name cut in half to escape that: the list may not end at "Her2" of "Her2-neu"
    r"|[-/]?\s*(?i:neu)(?![a-z])"
    # … or a score or share of its own ("positive for ER and HER2/neu 0", "… and PR 5%")
    r"|(?:(?i:ihc|score)\s*)?[0-3]\s*\+|0(?![\d.,%])|\d{1,3}(?:\.\d+)?\s*%"
    # round 7: "non-immunoreactivity for PR, and HER-2 was negative (Score 0)": the last
    # member's own statement follows
    r"|(?i:was|is|were)\s+(?i:neg|pos|\d)))"
)
_QUALIFIER = r"(?i:strong(?:ly)?|weak(?:ly)?|diffuse(?:ly)?|focal(?:ly)?|moderate(?:ly)?|intense)"
# round 7: other markers a panel names first ("immunoreactive for CKAE1/AE3, EMA, GATA3 and
# ER"): marker-like words (a capital or a digit), the receptors' value is theirs too
# round 10: the lineage markers of a metastasis work-up that reports write in lower case
# (the carcinoma-of-unknown-primary panel: thyroid, neuroendocrine, mesenchymal,
# mesothelial, lung, gut, kidney, germ-cell, melanocytic markers): "negativity for
# thyroglobulin, estrogen receptor, and progestin receptor"
_LOWER_MARKERS = (
    r"(?i:thyroglobulin|calcitonin|chromogranin(?:\s+a)?|synaptophysin|vimentin|mammaglobin"
    r"|napsin(?:\s+a)?|calretinin|mesothelin|desmin|cytokeratins?(?:\s+\d{1,2})?|inhibin"
    r"|villin|uroplakin|podoplanin|thyroid\s+transcription\s+factor(?:[- ]1)?|melan-?a"
    r"|gross\s+cystic\s+disease\s+fluid\s+protein(?:[- ]15)?|e-?cadherin|s-?100)(?![\w-])"
)
# round 16: a marker's number or letter written apart ("GATA 3", "CKMNF 116", "mammaglobin A"),
# its antibody's maker in brackets ("(Cosmo Bio, Tokyo, Japan)"), "as well as (for)" joining
_OTHER_MARKERS = (
    rf"(?:(?!{_ONE})(?:(?-i:[A-Z0-9][A-Za-z0-9/-]{{1,11}})|{_LOWER_MARKERS})"
    r"(?:\s(?-i:[A-Z0-9]{1,3})(?![\w-]))?(?:\s*\([^()]{1,40}\))?"
    r"\s*(?:,\s*|\band\s+|\bas\s+well\s+as\s+(?:for\s+)?)){0,6}"
)
# stop 67 (r95-0015): the lay naming of the receptor after "for", as news stories and patients
# write it ("positive for a cancer growth factor called HER2", "negative for the protein known
# as HER2"): at most four words of description, then the name
_LAY_NAMING = r"(?:(?i:an?|the)\s+(?:[A-Za-z-]+\s+){0,4}?(?i:called|named|known\s+as)\s+[\"“‘']?)?"
LAY_NAMED = re.compile(r"(?i:\b(?:called|named|known\s+as)\b)")
# the lay naming is leaflet language: read only in a sentence about her own cancer ("Judy was
# given her diagnosis: … positive for a cancer growth factor called HER2"), not about cancers in
# general ("some cancers are positive for a protein called HER2, but mine is not") nor a
# relative's
LAY_OWNER = re.compile(r"(?i:\b(?:her|his|my|mine|she|he|i|i'm|it|patient'?s?)\b)")
_RELATIVES = r"mother\w*|sister\w*|aunt\w*|grand\w*|daughter\w*|cousin\w*|friend\w*|father\w*"
LAY_GENERIC = re.compile(
    r"(?i:\b(?:some|most|many|cancers|tumou?rs|women|patients|people|can|may|could|one\s+in"
    r"|whose|every|any|" + _RELATIVES + r")\b)"
)
_SENTENCE_EDGE = re.compile(r"[.?!\n](?!\d)")


def _edge_before(edges: re.Pattern[str], text: str, at: int, reach: int) -> int:
    """Where the sentence or clause holding position ``at`` begins: after the last of
    ``edges`` within ``reach`` characters before it (``reach`` before it when none)."""
    lo = max(0, at - reach)
    for edge in edges.finditer(text, lo, at):
        lo = edge.end()
    return lo


def _lay_told_of_her(text: str, at: int) -> bool:
    before = text[_edge_before(_SENTENCE_EDGE, text, at, 200) : at]
    return LAY_OWNER.search(before) is not None and LAY_GENERIC.search(before) is None


LAY_GRADED_AFTER = re.compile(
    r"[^.;]*?(?:(?<![A-Za-z])[0-3]\s*\+|(?i:\blow|ultra|equivocal|borderline))"
)
_PREFIXED_VALUE = (
    r"(?i:positive|negative|positivity|negativity|immuno-?reactiv(?:e|ity)"
    r"|non-?immuno-?reactiv(?:e|ity)|immuno-?positiv(?:e|ity)|immuno-?negativ(?:e|ity))"
)
PREFIXED = gated(
    rf"(?<![\w-])(?:{_QUALIFIER}\s+)?(?:(?i:hormonal)\s+)?"
    rf"(?P<value>{_PREFIXED_VALUE})\s+"
    # a noun value takes "of" as well: "intense positivity of estrogen receptors"
    r"(?i:staining\s+|expression\s+|immunostaining\s+|results\s+)?(?:(?i:for)|(?<=(?i:ity)\s)(?i:of))\s*"
    # round 10: a form's colon ("positive for: CK7, AE1-AE3, ER"), the noun after "for"
    # ("positive for expression of the Her-2 receptor")
    r"(?::\s*)?(?i:(?:the\s+)?(?:expression|staining|immunostaining|overexpression)\s+of\s+)?"
    # round 10: "positive for both estrogen and progesterone receptors"
    r"(?i:the\s+)?(?i:both\s+(?:the\s+)?)?" + _LAY_NAMING + _OTHER_MARKERS + _LIST + _OWN_VALUE
)
# The value before the bare names of a receptor word: "positive ER and PR receptors",
# "negative hormone receptor status" (not "negative ER positive": a value after the names
# is theirs).
_BARE_VALUE = r"(?i:positive|negative)"
PREFIXED_BARE = gated(
    rf"(?<![\w-])(?P<value>{_BARE_VALUE})\s+"
    + _LIST
    # the noun after the names: "receptors", "status" …, the receptor word already in the
    # name ("with positive hormone receptors"), or the tumour the value describes ("a
    # negative HER2/neu myxoid breast carcinoma")
    # (stop 52, r87-0001: the noun plural over a pair, "positive hormone receptor and negative
    # Her-2/neu expressions")
    + r"(?:\s*(?i:receptors?|status|expressions?|staining)\b|(?<=[Rr]eceptor)|(?<=[Rr]eceptors)"
    # (no sign or change of state between: "negative HER2 now positive disease")
    r"|(?=(?:\s+(?!(?:pos|neg|now|then|but|became|turned|later|switched)\w*)[a-z]+){0,2}"
    r"\s+(?:carcinoma|adenocarcinoma|cancer|tumou?r|disease)\b)"
    # round 10: one member of a value-first panel, the list going on after it ("with positive
    # estrogen and progesterone receptors, positive GATA-3, negative HER2, and free margins")
    r"|(?=\s*(?:[,;]|\.(?!\d)|$)))"
    r"(?!\s*[-:=]?\s*(?i:pos|neg|\+|-|\d))"
)
# No staining at all: "without staining for PD-L1", "no expression of ER or PR"
_UNSTAINED_KEY = (
    r"(?<![\w-])(?P<value>(?i:no|without|absent|lack\s+of|loss\s+of))\s+"
    r"(?:(?i:nuclear|membranous|membrane)\s+)?(?i:staining|expression|immunoreactivity|immunostaining)"
    r"\s+(?i:for|of)\s+"
)
UNSTAINED = gated(_UNSTAINED_KEY + r"(?i:the\s+)?" + _LIST)
# The names before the noun: "loss of ER expression", "absence of ER/PR staining"
UNSTAINED_AFTER = gated(
    r"(?<![\w-])(?P<value>(?i:lack|loss|absence))\s+(?i:of)\s+"
    + _LIST
    + r"\s+(?i:expression|staining|immunoreactivity|immunostaining)\b"
)
# stop 67: a verb of expression with the hormone receptors as its object ("tumour cells
# expressing ER and PR, HER2 negative", "the tumour expressed oestrogen and progesterone
# receptors") or its subject ("ER and PR were strongly expressed"): positive, or negative when
# the verb is denied ("did not express ER or PR", "ER was not expressed"). Not HER2, whose
# expression is graded (1+ is HER2-low, not positive: "overexpressing" is its own word), and
# no list followed by a value of its own; a share of cells right after it decides its sign
# ("expressed ER in 95% of nuclei", "in <1% of cells": _cells_share). Before this, the list
# took the sign after it ("… ER and PR, HER2 negative" read ER and PR negative).
_EXPRESS_VERB = r"express(?:ed|es|ing)?\b"
_EXPRESS_DENIAL = (
    r"(?:(?:did|does|do|had|has|have)\s*(?:not|n['’]t)\s+|not\s+|never\s+|failed\s+to\s+)"
)
_EXPRESSED_KEY = r"(?<![\w-])(?P<value>(?i:" + _EXPRESS_DENIAL + r"?" + _EXPRESS_VERB + r"))\s+"
EXPRESSED = gated(_EXPRESSED_KEY + r"(?i:both\s+)?(?i:the\s+)?" + _LIST + _OWN_VALUE)
_EXPRESSED_AFTER_KEY = (
    r"\s+(?P<value>(?i:(?:was|were|is|are)\s+(?:not\s+)?"
    r"(?:(?:strongly|weakly|diffusely|focally|also)\s+)?expressed\b))"
)
EXPRESSED_AFTER = gated(r"(?<![\w-])" + _LIST + _EXPRESSED_AFTER_KEY)
# … and a denied verb's "or" list ("did not express estrogen or progesterone receptors")
_OR_NAMES = (
    rf"(?P<names>{_ONE}{_BRACKET}(?:{_COMMA}{_ONE}{_BRACKET}){{0,{_MAX_LIST}}}"
    rf"(?:{_COMMA})?{_OR}{_ONE}{_BRACKET})"
)
_EXPRESSED_NOT_KEY = r"(?<![\w-])(?P<value>(?i:" + _EXPRESS_DENIAL + _EXPRESS_VERB + r"))\s+"
EXPRESSED_NOT = gated(_EXPRESSED_NOT_KEY + r"(?i:either\s+)?(?i:the\s+)?" + _OR_NAMES + _OWN_VALUE)
EXPRESSED_STATEMENTS = (EXPRESSED, EXPRESSED_AFTER, EXPRESSED_NOT)
EXPRESS_DENIED = re.compile(r"(?i:\b(?:not|never|failed)\b|n['’]t\b)")
# Whose expression it is (the review of stop 67): the clause before the verb names her tumour
# ("tumour cells", "the carcinoma", "the metastasis", "it") — not a control, normal or other
# tissue, a cell line, the primary set against a metastasis, nor a kind in general ("tumours
# that express ER respond …", plural) — and counts no share before the verb ("less than 1% of
# tumour cells expressed ER", "none of the tumour cells": left unread, asked). A question, or
# her cells "not identified", states nothing.
_CLAUSE_EDGE = re.compile(r"[.;:?!\n](?!\d)")
EXPRESSER = re.compile(
    r"(?i:\b(?:tumou?r|carcinoma|cancer|metasta\w*|lesion|neoplasm|malignancy|mass|nodule|it"
    r"|which|biopsy|specimen|sample|recurrence|relapse|disease)\b"
    r"|\b(?:tumou?r|neoplastic|malignant|cancer|carcinoma)\s+cells\b)"
)
# other tissue, another tumour or time, a kind in general (plural, "a tumour that …"), a
# relative's cancer; said before the verb or, in the passive, after it ("ER was expressed only
# in the adjacent normal breast tissue")
NOT_HER_TISSUE = re.compile(
    r"(?i:\b(?:normal|control|controls|stroma|stromal|endometri\w*|uter\w*|meningioma|dcis"
    r"|in\s+situ|ovarian|ovary|contralateral|benign|adjacent|surrounding|background|residual"
    r"|ducts?|lobules?|glands?|mcf-?7|t-?47d|xenograft\w*|lines?|lymphocytes?|primary|original"
    r"|initial|previous|prior|earlier|index|other|tumou?rs|cancers|carcinomas|those|these|such"
    r"|any|an?\s+(?:\w+\s+)?(?:tumou?r|cancer|carcinoma)\s+(?:that|which)|relative\w*|"
    + _RELATIVES
    + r")\b)"
)
# a share, a denial, a loss, a hedge or a condition right before the verb (after the clause's
# last turn: "did not express CK20 but expressed ER and PR" is asserted)
NOT_ASSERTED_BEFORE = re.compile(
    r"(?i:\b(?:no|none|not|less|fewer|few|rare|rarely|occasional|only|scattered|isolated"
    r"|without|stopped|ceased|lost|longer|ability|unlikely|likely|expected|would|should|could"
    r"|may|might|can|unless|if|when|whether|general|generally|usually|typically|often|thought"
    r"|believed|presumed|predicted|assumed|suspected|supposed|probably|possibly|hoped)\b|%|[<≤])"
)
# a kind told by a relative clause on a bare noun ("Breast cancer that expresses …", "Tumour
# cells which express ER can …"): no "the", "her", "this" before it; "most patients", "the
# majority of cases": a kind too
GENERIC_RELATIVE = re.compile(r"(?i:^\s*(?:[a-z-]+\s+){1,3}(?:that|which)\s*$)")
DETERMINED = re.compile(r"(?i:\b(?:the|her|his|my|this|our|their|its)\b)")
GENERIC_CLAUSE = re.compile(
    r"(?i:\b(?:most\s+(?:patients|cases|women)|majority|in\s+general|most\s+\w+\s+(?:carcinomas"
    r"|cancers|tumou?rs))\b)"
)
CLAUSE_TURN = re.compile(r"(?i:\b(?:but|whereas|while|although|however)\b|,)")
# after the list: her cells not seen, a form's value after a colon, a weak or small share
# ("expressed ER weakly (Allred 2)", "in a few scattered cells only"), a generic claim
UNSEEN_AFTER = re.compile(
    r"(?i:^[\s,]*(?:were|was|are|is)\s+(?:not|absent|rare|few|lost)\b"
    r"|^[^.;]{0,50}?\b(?:in\s+the\s+(?:primary|dcis|normal|control)|lost|allred|weak(?:ly)?"
    r"|few|rare|scattered|only|percent|usually|generally|typically|respond\w*|treated)\b"
    r"|^[^.;]{0,50}?(?:%|[<≤]))"
)
CLAUSE_REACH = 160  # characters read around a statement for its clause
# stop 67 (the third review): a status told of the breast or the primary, denied of the
# metastasis right after it
NOT_IN_METASTASIS = re.compile(
    r"(?i:(?:\s+(?:in|on|at)\s+(?:the\s+|her\s+)?(?:breast|primary)(?:\s+(?:tumou?r|lesion|biopsy))?)?"
    r"\s*,?\s+but\s+not\s+(?:in|on|at)\s+(?:the\s+|her\s+)?(?:[a-z-]+\s+){0,2}?"
    r"(?:metasta\w*|mets|recurrence|relapse|re-?biopsy))"
)
FORM_VALUE_AFTER = re.compile(r"\s*(?:[:=]|[-–—]\s)")


# stop 67 (the review): the share of tumour cells a sign word is told of, right before the
# statement ("Less than 1% of tumour cells were ER positive") or right after it ("ER positive
# in <1% of the cells")
_SHARE = (
    r"(?:(?P<below>(?i:less\s+than|fewer\s+than|under|below)\s+|[<≤]\s*)?"
    r"(?P<share>\d{1,3}(?:\.\d+)?|(?i:one|zero))\s*(?:%|(?i:\s*per\s*cent))"
    r"|(?P<none>(?i:no|none\s+of\s+the)))"
    r"\s+(?i:(?:of\s+)?(?:the\s+)?(?:[a-z-]+\s+){0,2}(?:cells|nuclei))"
)
SHARE_BEFORE_STATEMENT = re.compile(
    _SHARE
    + r"(?i:\s+(?:were|was|are|is|showed|stained|staining)(?:\s+(?:weakly|strongly|focally))?)?"
    r"(?i:\s+(?:positive\s+for|negative\s+for|for))?\s*(?i:the\s+)?\Z"
)
SHARE_AFTER_STATEMENT = re.compile(
    r"\A(?i:\s*,?\s*(?:(?:strongly|weakly|diffusely|focally)\s+)?(?:in|of)\s+"
    r"(?:(?:approximately|about|around|roughly|~)\s*)?)" + _SHARE
)


def _cells_share(text: str, m: re.Match[str], after_only: bool = False) -> str | None:
    """The sign the share of cells told with statement ``m`` gives ("negative" below 1 %,
    "positive" from 1 %), or None when no share is told (``after_only``: told after it)."""
    found = SHARE_AFTER_STATEMENT.search(text[m.end() : m.end() + 60])
    if found is None and not after_only:
        found = SHARE_BEFORE_STATEMENT.search(text[max(0, m.start() - 80) : m.start()])
    if found is None:
        return None
    if found.group("none"):
        return "negative"  # "No tumour cells were ER positive"
    share = found.group("share").lower()
    amount = {"one": 1.0, "zero": 0.0}.get(share) or float(share)
    if found.group("below"):
        # "less than 1%" is none by ASCO/CAP; "less than 10% … were ER positive" tells stained
        # cells below 10%: ER-low, which is positive (the docstring's readings)
        return "negative" if amount <= 1 else "positive"
    return "negative" if amount < 1 else "positive"


def _expression_is_hers(text: str, m: re.Match[str], shared: bool = False) -> bool:
    """A verb-of-expression statement (EXPRESSED_STATEMENTS) told of her tumour, asserted
    (``shared``: a share of cells told right after it, which then decides its sign)."""
    if FORM_VALUE_AFTER.match(text, m.end()):
        return False  # "Tumour cells expressing ER: negative" (a report's field, read as one)
    # (each window bounded: over a flood of statements with no clause edge, every one would
    # otherwise read to the end of the text)
    lo = _edge_before(_CLAUSE_EDGE, text, m.start(), CLAUSE_REACH)
    end = _CLAUSE_EDGE.search(text, m.end(), m.end() + CLAUSE_REACH)
    hi = end.start() if end else min(len(text), m.end() + CLAUSE_REACH)
    if end is not None and end.group() == "?":
        return False  # "Would the cancer express ER after chemo?"
    before = text[lo : m.start()]
    turn = 0
    for t in CLAUSE_TURN.finditer(before):
        turn = t.end()
    last = before[turn:]  # after the clause's last turn
    after = text[m.end() : hi]
    if NOT_HER_TISSUE.search(before) or NOT_ASSERTED_BEFORE.search(last):
        return False
    if GENERIC_RELATIVE.match(last) and not DETERMINED.search(last):
        return False  # "Tumour cells that express ER are sensitive to endocrine therapy"
    if GENERIC_CLAUSE.search(text, lo, hi) or (not shared and UNSEEN_AFTER.search(after)):
        return False
    if shared:
        return m.re is not EXPRESSED_AFTER.regex or not NOT_HER_TISSUE.search(after)
    if m.re is not EXPRESSED_AFTER.regex and UNSEEN_AFTER.search(text[m.start("names") : hi]):
        return False  # "express ER (Allred score 2/8)": the bracket inside the names
    if m.re is EXPRESSED_AFTER.regex:
        # "ER and PR were strongly expressed": the names are the subject; the tissue, if told,
        # is after the verb ("… expressed in the original tumour")
        return not NOT_HER_TISSUE.search(after)
    return EXPRESSER.search(before) is not None


HORMONE_KEYS = frozenset({"er", "pr", "hr", "erpr"})
# The receptors' presence or absence, no value after them: "with respect to the presence of
# estrogenic receptors", "absence of estrogen and progesterone receptors"
_PRESENCE_KEY = r"(?<![\w-])(?P<value>(?i:presence|absence))\s+(?i:of)\s+"
PRESENCE = gated(
    _PRESENCE_KEY
    + r"(?i:the\s+)?"
    + _LIST
    + r"(?!\s*[-:=(]?\s*(?i:pos|neg|\+|-|\d|was\b|is\b|were\b|are\b|status|expression|staining))"
)
# A change of status, the value it changed TO: "HER2 status switched from negative to
# positive", "HER2 converted to positive", "hormone receptor status changed from positive to
# negative" (the status now; the earlier value is not read).
_STATUS_VALUE = r"(?i:positive|negative|pos|neg|positivity|negativity|[-+])"
CHANGED = gated(
    r"(?<![\w-])" + _LIST + r"\s+(?i:status\s+|expression\s+)?(?i:(?:had|has|then|later)\s+)?"
    r"(?i:changed|switched|converted|turned|became|become|reverted)\s+"
    rf"(?:(?i:from)\s+{_STATUS_VALUE}\s+)?(?i:to\s+)?(?P<value>{_STATUS_VALUE})(?![\w+-])"
)
# A statement whose later value names no receptor: "HER2 was negative on the primary but
# positive on the liver biopsy" — the value on the metastatic tumour is the status now.
_LATER_KEY = r"\s+(?i:status\s+)?(?i:was|were|is|had\s+been)\s+" + _STATUS_VALUE + r"\b"
LATER_VALUE = gated(
    r"(?<![\w-])" + _LIST + _LATER_KEY + r"[^.;]{0,60}?\b(?i:but|while|whereas|and)\s+"
    r"(?i:(?:now|became|turned|was)\s+)?"
    rf"(?P<value>{_STATUS_VALUE})\s+(?i:on|in|at)\s+(?i:the\s+)?(?:[A-Za-z-]+\s+){{0,2}}"
    r"(?i:re-?biopsy|biopsy|lesions?|metasta\w*|mets|recurrence|relapse|progression|specimen)"
)
# A receptor lost: "ER loss on the metastatic biopsy", "loss of HER2 at progression"
LOST = gated(r"(?<![\w-])" + _LIST + r"[- ](?P<value>(?i:loss))\b")
LOST_OF = gated(
    r"(?<![\w-])(?P<value>(?i:loss))\s+(?i:of)\s+"
    + _LIST
    + r"(?!\s+(?i:expression|staining|immunoreactivity|immunostaining|protein))"
)
# (asked with ``found``: the folded twin, chatbot.nlp.prefilter)
_LOSS_WORD = gated(r"(?i:\b(?:loss|lack|absence)\b)")
_CHANGE_WORD = gated(r"(?i:\b(?:changed|switched|converted|turned|became|become|reverted)\b)")
# A staining strength before the names: "strong estrogen receptor and progesterone receptor
# expression", "weak ER staining" (ER low-positive is positive).
_QUALIFIED_KEY = r"\s+(?i:expression|staining|positivity|immunoreactivity|immunostaining)\b"
QUALIFIED = gated(
    rf"(?<![\w-])(?P<value>{_QUALIFIER}|(?i:high))\s+(?:(?i:nuclear|positive)\s+)?"
    + _LIST
    + _QUALIFIED_KEY
)
# round 14: a strong staining told first, the names after "for"/"of" ("Strong (+++) nuclear
# staining for estrogen receptor", "strong (+++) complete membrane staining for HER-2",
# "intense expression of ER and PR"). Only a strong or intense stain, never an incomplete
# one: a weak or moderate HER2 membrane stain is 1+/2+, a strong incomplete one 2+.
_STAINED_KEY = r"\s+(?i:staining|immunostaining|immunoreactivity|expression|positivity)\s+"
# round 16: the stained share told before the names ("strong (+++) nuclear staining in >90% of
# tumour cells for both oestrogen and progesterone receptor")
_STAINED_EXTENT = (
    r"(?:(?i:in)\s+[<>≤≥]?\s*\d{1,3}\s*%\s+(?i:of)\s+(?:(?i:the)\s+)?(?:(?i:tumou?r)\s+)?"
    r"(?i:cells|nuclei)\s+)?(?i:for|of)\s+"
)
STAINED_FOR = gated(
    r"(?<![\w-])(?<!(?i:no)\s)(?<!(?i:not)\s)(?<!(?i:without)\s)"
    r"(?P<value>(?i:strong(?:ly)?|intense(?:ly)?))(?:\s+\(\s*\+{1,3}\s*\))?"
    r"(?:\s+(?i:complete|circumferential|diffuse|nuclear|membranous|membrane)){0,2}"
    + _STAINED_KEY
    + _STAINED_EXTENT
    + r"(?i:the\s+)?(?i:both\s+(?:the\s+)?)?"
    + _LIST
    + _OWN_VALUE
)
# A suspended hyphen: the first name's hyphen waits for the value written after the second
# ("human epidermal growth factor receptor 2- and hormone receptor-positive", "estrogen
# receptor- and progesterone receptor-negative"): both take it. Only a spelled-out first
# name (its "-" is no sign in a paper's prose); "HER2- and HR-positive" stays as written.
_SPELLED = (
    r"(?i:(?:o?estrogen|progest(?:erone|in)|hormon(?:e|al)|human\s+epidermal"
    r"(?:\s+growth\s+factor)?)[- ]receptors?(?:[- ]?(?:type[- ])?2)?)"
)
_SUSPENDED_KEY = r"[-–]\s*(?:and|or|&)"
SUSPENDED = gated(
    rf"(?<![\w-])(?P<names>{_SPELLED}{_SUSPENDED_KEY}\s*{_ONE}{_BRACKET})\s*[-–]\s*"
    rf"(?P<value>{_SIGN_WORD})"
)
# round 16: the luminal HER2 subtype named with any name of HER2 ("luminal human epidermal
# growth factor receptor 2 type", "luminal-B/HER2 subtype"): hormone receptor-positive and
# HER2-positive, as "luminal HER2" is (fact_patterns.yaml); not "luminal HER2-negative".
_LUMINAL_KEY = r"(?<![\w-])(?P<value>(?i:luminal))"
# … and the HER2 subtype named so ("human epidermal growth factor receptor 2 type breast
# cancer was diagnosed"): HER2-positive, as "HER2 type breast cancer" is.
_SUBTYPE_KEY = r"[- ](?P<value>(?i:(?:sub)?type))\s+"
SUBTYPE = gated(
    r"(?<![\w-])(?P<names>"
    + _ONE
    + _BRACKET
    + r")"
    + _SUBTYPE_KEY
    + r"(?i:(?:metastatic\s+)?(?:breast\s+)?(?:cancer|carcinoma|disease|tumou?r))\b"
)
LUMINAL = gated(
    _LUMINAL_KEY
    + r"(?:[- ](?i:b)(?:[- ](?i:like))?)?\s*[- /]\s*(?P<names>"
    + _ONE
    + _BRACKET
    + r")"
    # only a word of the subtype, or the sentence's end, after the name: never a value of
    # its own ("luminal B/HER2 1+", "luminal B/Her 2 neu negative carcinoma")
    r"(?=[- ]?(?i:type|subtype|like|positive|pos\b|enriched|\+(?![\d+]))|\s*(?:[.,;)]|$)"
    r"|\s+(?i:breast|cancer|carcinoma|disease|tumou?r|metasta))"
    r"(?:[- ](?i:type|subtype|like|positive|enriched))?"
)
# The key of a rarer statement: a piece of its own pattern that every match holds (the same
# string is compiled in both: a test checks each key is in its statement's pattern), so a
# text without the key cannot hold the statement and find_statements does not try it (each
# begins with a list of names or a common word: over a flood of names that is the cost). A
# statement with no entry here is always tried.


def _key(piece: str) -> Gated:
    """A key searched from the first space of a run only: a key that begins with a run of blanks
    tried at every position of a long run of spaces is quadratic (4,000 blanks: ~0.6 s).
    Gated by its literals: a case-insensitive word is tried at every character (~10 µs a
    600-character text), the gate's substring tests take ~1. Asked with ``found`` (its
    folded twin when every letter is in a ``(?i:…)`` group, chatbot.nlp.prefilter)."""
    return gated(r"(?<!\s)" + piece if piece.startswith(r"\s") else piece)


STATEMENT_KEYS: dict[Gated, Gated] = {
    SUSPENDED: _key(_SUSPENDED_KEY),
    QUALIFIED: _key(_QUALIFIED_KEY),
    STAINED_FOR: _key(_STAINED_KEY),
    UNSTAINED: _key(_UNSTAINED_KEY),
    EXPRESSED: _key(_EXPRESSED_KEY),
    EXPRESSED_AFTER: _key(_EXPRESSED_AFTER_KEY),
    EXPRESSED_NOT: _key(_EXPRESSED_NOT_KEY),
    PRESENCE: _key(_PRESENCE_KEY),
    LATER_VALUE: _key(_LATER_KEY),
    LUMINAL: _key(_LUMINAL_KEY),
    SUBTYPE: _key(_SUBTYPE_KEY),
}
_NAME_OF = [(k, re.compile(rf"^(?:{v})$")) for k, v in _NAMES.items()]
# IHC written in graded pluses, "(-)" "(+)" "(++)" "(+++)": "ER(+++)", "PR (++)"
GRADED = re.compile(r"(?<!\+)\+\+\+?(?!\+)")
# round 16: a name glued to the "for" or "of" before it, as text pasted from a PDF loses the
# space ("negative forHER2"): PREFIXED reads the value through the glued word
_GLUED = r"(?:(?<![\w-])|(?<=(?i:for))|(?<=(?i:of)))"
_ONE_RE = re.compile(rf"{_GLUED}{_ONE}")
_ONE_GATED = Gated(_ONE_RE)  # (its gate requires nothing: "er" … any two letters)

# Where a statement can begin. ``re`` tries a pattern at every character of a text, and the
# long statements (a list of names, its filler, a value) cost ~100 µs a 600-character note
# that way although they begin at a few places only: at a receptor name after a word edge
# (STATEMENT and the name-led ones below) or at one of a few value words (PREFIXED,
# PREFIXED_BARE). Those places are found once a text and the patterns tried there alone
# (``_at``: the same matches as ``finditer``).
# Every position a name starts at, overlapping ("progesterone receptors" inside "estrogen
# and progesterone receptors"): one zero-width scan; the name gate and _NamesFrom read it.
# (tried only where the text holds a character a name begins with: prefilter.compile_scanned)
_NAME_STARTS = compile_scanned(rf"{_GLUED}(?={_ONE})")
_EDGE = re.compile(r"(?<![\w-])")
_NAME_LED = r"(?<![\w-])(?P<names>" + _ONE  # how each of _NAME_LED_STATEMENTS begins
_NAME_LED_STATEMENTS = (STATEMENT, DENIED_OR, LATER_VALUE, CHANGED, LOST, SUBTYPE)
# the words PREFIXED and PREFIXED_BARE begin with (their value, or the qualifier or
# "hormonal" before it): each string the opening alternations match starts with one of them
# (tests/test_nlp_gates.py reads the alternations' strings)
_QUALIFIER_STARTS = ("strong", "weak", "diffuse", "focal", "moderate", "intense")
_PREFIXED_STARTS = (*_QUALIFIER_STARTS, "hormonal", "positiv", "negativ", "immuno", "non")
_BARE_STARTS = ("positive", "negative")


def _name_starts(text: str) -> list[int]:
    """The positions ``_ONE_RE`` can match at (a name after a word edge or a glued "for"/"of")."""
    return [m.start() for m in _NAME_STARTS.finditer(text)]


def _word_starts(text: str, words: Sequence[str]) -> list[int] | None:
    """The positions where one of ``words`` (lower-case ASCII) begins, read as a
    case-insensitive pattern reads them (``prefilter.folded``); None when the folded text is
    not aligned with ``text`` (then every position is a candidate)."""
    low = folded(text)
    if len(low) != len(text):  # pragma: no cover - folded keeps the length of every text
        return None
    found: set[int] = set()
    for word in words:
        at = low.find(word)
        while at >= 0:
            found.add(at)
            at = low.find(word, at + 1)
    return sorted(found)


def _at(statement: Gated, text: str, starts: Sequence[int] | None) -> Iterator[re.Match[str]]:
    """``statement.finditer(text)`` for a statement whose every match begins at one of
    ``starts`` (sorted; None: anywhere): the pattern is tried at those positions only, from
    the end of the last match on, as ``finditer`` goes on (its lookbehinds still read the
    text before a position). No statement matches the empty string."""
    if starts is None:
        yield from statement.finditer(text)
        return
    if not starts or not statement.admits(text):
        return
    match = statement.regex.match
    pos = 0
    for start in starts:
        if start >= pos:
            m = match(text, start)
            if m is not None:
                yield m
                pos = m.end()


@dataclass(frozen=True, slots=True)
class ReceptorStatement:
    """One statement: character offsets and the (internal) key=value assignments."""

    start: int
    end: int
    assignments: tuple[tuple[str, str], ...]


@lru_cache(maxsize=4096)
def _receptor_key(name: str) -> str | None:
    name = name.strip()
    # Short names matched only before a value ("HER negative", "hr+"): their patterns
    # need that context, so they are looked up here.
    short = {
        "her": "her2",
        "er": "er",
        "pr": "pr",
        "pgr": "pr",
        "rp": "pr",  # French, Spanish, Italian reports ("ER/RP +")
        "re": "er",  # … and their ER ("RE (70%)")
        "hr": "hr",
        # bare receptor words, names only before their sign ("estrogen-positive")
        "estrogen": "er",
        "oestrogen": "er",
        "estradiol": "er",  # only after a stain's "for" (_NAMES)
        "oestradiol": "er",
        "progesterone": "pr",
        "progestin": "pr",
        "hormone": "hr",
        "hormonal": "hr",
        "endocrine": "hr",
        # stop 42: HER2 by its drug's brand, only before its sign word ("Herceptin-positive")
        "herceptin": "her2",
    }.get(name.lower())
    if short is not None:
        return short
    if re.fullmatch(r"(?i:human\s+epidermal\s+(?:growth\s+factor\s+)?receptor)", name):
        return "her2"  # matched only before "(HER…)": "… receptor (HER)-2-negative"
    for key, pattern in _NAME_OF:
        if pattern.match(name):
            return key
    return None


@lru_cache(maxsize=4096)  # a pure function of short strings that notes repeat
def _read_value(value: str) -> tuple[str | None, int | None]:
    """(sign, IHC score): sign "positive"/"negative"/"low"/"ultralow"/"equivocal"."""
    v = re.sub(r"\s+", " ", value.strip().lower())
    if re.fullmatch(r"(?:strong|weak|diffuse|focal|moderate)(?:ly)?|intense|high", v):
        return "positive", None  # a staining strength: "strong ER expression"
    if v in ("rich", "poor"):
        return ("positive" if v == "rich" else "negative"), None  # "ER-rich", "ER-poor"
    if "reactiv" in v:  # "immunoreactive for ER", "non-immunoreactivity for PR"
        return ("negative" if v.startswith("non") else "positive"), None
    if v == "presence":
        return "positive", None  # "the presence of estrogen receptors"
    if re.fullmatch(r"no|without|absent|absence|lack of|loss of|lack|loss", v):
        return "negative", None  # no staining at all: "without staining for PD-L1"
    pct = re.fullmatch(r"([<>≤≥]?)=?\s*(\d{1,3}(?:\.\d+)?)\s*(?:[-–]\s*\d{1,3}\s*)?%", v)
    if pct:
        below, amount = pct.group(1) in ("<", "≤"), float(pct.group(2))
        return ("positive" if amount >= 1 and not below else "negative"), None
    allred = re.search(r"([0-8])\s*/\s*8", v)
    if allred:
        return ("positive" if int(allred.group(1)) >= 3 else "negative"), None
    ihc = re.search(r"([0-3])\s*\+{0,3}$", v)
    if ihc and not re.search(r"[a-z]{3}", v.replace("ihc", "").replace("score", "")):
        return None, int(ihc.group(1))
    if re.search(
        r"(?:amplification|over-?expression) (?:was |is )?(?:not )?(?:identified|detected|present|"
        r"seen|confirmed|found|noted|observed)",
        v,
    ):
        return ("negative" if re.search(r"\bnot\b", v) else "positive"), None
    if "amplif" in v or "express" in v:
        return ("negative" if re.search(r"non|not|un", v) else "positive"), None
    if "equivocal" in v:
        return "equivocal", None
    if "ultra" in v or "zero" in v or "null" in v:
        return "ultralow", None
    if re.search(r"low(?!\s*[- ]?pos)", v) and "neg" not in v:
        return "low", None
    if "neg" in v or "-ve" in v or re.fullmatch(r"[-−–]", v):
        return "negative", None
    if "pos" in v or "+" in v or "low" in v:
        return "positive", None
    return None, None


def _assign(key: str, sign: str | None, score: int | None) -> list[tuple[str, str]]:
    if key == "her2":
        if score is not None:
            return [("her2_ihc", str(score))]
        return {
            "positive": [("her2", "positive")],
            "negative": [("her2", "negative")],
            "low": [("her2", "negative"), ("her2_low", "true")],
            "ultralow": [("her2", "negative"), ("her2_low", "false")],
            "equivocal": [("her2_ihc", "2")],
        }.get(sign or "", [])
    if key == "erpr":
        return _assign("er", sign, score) + _assign("pr", sign, score)
    if key in ("er", "pr", "hr"):
        if score is not None:
            return [(key, "positive" if score > 0 else "negative")]
        if sign in ("positive", "low"):  # "ER-low" is ER low-positive (1-10 %)
            return [(key, "positive")]
        if sign in ("negative", "ultralow"):
            return [(key, "negative")]
        return []
    if key == "pdl1" and sign in ("positive", "negative"):
        return [("pdl1", sign)]
    return []


def find_statements(text: str) -> list[ReceptorStatement]:
    """Every receptor/biomarker statement of ``text``, in order."""
    # The name gate: a statement is kept only for the receptor names _names_in reads in its
    # list, and _names_in reads only _ONE_RE matches; a text with none holds no statement
    # (tests/test_nlp_gates.py runs the ungated reader on the texts the gate skips). The
    # positions _ONE_RE can match at (_name_starts): none where _ONE_RE.search finds none.
    starts = _name_starts(text)
    if not starts:
        return []
    return _statements(text, starts)


def _statements(text: str, names: list[int] | None = None) -> list[ReceptorStatement]:
    """find_statements without its name gate (``names``: ``_name_starts(text)``, when read)."""
    out: list[ReceptorStatement] = []
    names = _name_starts(text) if names is None else names
    edge = [n for n in names if _EDGE.match(text, n)]  # the name-led statements begin there
    loss = _LOSS_WORD.found(text)  # the key of three statements: read once
    # the keys of the share and metastasis checks below, read once a text (a flood of
    # statements with neither pays nothing for them)
    lowered = text.lower()
    cells_told = "cells" in lowered or "nuclei" in lowered
    but_not = "but not" in lowered
    matches = sorted(
        [
            *_at(STATEMENT, text, edge),
            *_at(DENIED_OR, text, edge),
            *_keyed(SUSPENDED, text),
            *_at(PREFIXED, text, _word_starts(text, _PREFIXED_STARTS)),
            *_at(PREFIXED_BARE, text, _word_starts(text, _BARE_STARTS)),
            *_keyed(QUALIFIED, text),
            *_keyed(STAINED_FOR, text),
            *_keyed(UNSTAINED, text),
            *_keyed(EXPRESSED, text),
            *_keyed(EXPRESSED_AFTER, text),
            *_keyed(EXPRESSED_NOT, text),
            # the rarer statements, each tried only when its key word is in the text (each
            # begins with a list of names: over a flood of names that is the cost)
            *(UNSTAINED_AFTER.finditer(text) if loss else ()),
            *(_at(CHANGED, text, edge) if _CHANGE_WORD.found(text) else ()),
            *_keyed(LATER_VALUE, text, edge),
            *(_at(LOST, text, edge) if loss else ()),
            *(LOST_OF.finditer(text) if loss else ()),
            *_keyed(PRESENCE, text),
            *_keyed(LUMINAL, text),
            *_keyed(SUBTYPE, text, edge),
        ],
        key=lambda m: (m.start(), -m.end()),
    )
    # graded IHC notation anywhere in the text: a receptor with "(++)" or "(+++)"
    graded = GRADED.search(text) is not None
    names_from = _NamesFrom(text, names)
    k = 0
    while k < len(matches):
        m = matches[k]
        k += 1
        if m.re is DENIED_OR.regex and not DENIED_BEFORE.search(
            text, max(m.start() - 12, 0), m.start()
        ):
            continue  # "ER or HER2 positive": no denial before the list (DENIED_OR)
        if out and m.start() < out[-1].end:
            # overlapping readings: the first (longest) wins; the rest of a statement it
            # cut into is read again ("negative for ER and PR, and HER2 gene amplification
            # was identified": the HER2 statement after the list)
            if m.re is STATEMENT.regex and m.end() > out[-1].end:
                rest = STATEMENT.search(text, out[-1].end, m.end())
                if rest is not None:
                    insort(matches, rest, lo=k, key=lambda r: (r.start(), -r.end()))
            continue
        # Names found in the whole text (so "HER" still sees the value after it) and
        # kept while they lie in the list.
        keys = names_from(m.start("names"), m.end("names"))
        keys = list(dict.fromkeys(keys))  # "estrogen receptor (ER)": one receptor
        groups = m.groupdict()  # once: a statement's groups are read by name below
        value = groups["value"]
        sign, score = _read_value(value)
        if (
            m.re is PREFIXED.regex
            and LAY_NAMED.search(m.group())
            and (
                sign == "negative"
                or LAY_GRADED_AFTER.match(text, m.start("names"), m.end() + 60)
                or not _lay_told_of_her(text, m.start())
            )
        ):
            # "negative for the protein known as HER2 (score 0)": read as before, by the
            # denial of the name (the score with it); "positive for a subtype called
            # HER2-low", "… called HER2, but only at a low level (1+)": graded, not positive
            continue
        if any(m.re is e.regex for e in EXPRESSED_STATEMENTS):
            denied = EXPRESS_DENIED.search(value) is not None
            # the share of cells told right after it decides ("ER was expressed in
            # approximately 95% of tumour nuclei", "… in <1% of cells"), as for a sign word
            share = None if denied or not cells_told else _cells_share(text, m, after_only=True)
            if not _expression_is_hers(text, m, shared=share is not None):
                continue
            if not denied and "her2" in keys:
                continue  # "expressing ER and HER2 (3+)": HER2's own statement reads it
            # a denied expression is none at all, HER2's too ("did not express ER, PR or
            # HER2"); an asserted one is graded for HER2 (1+ is HER2-low): hormone receptors only
            keys = [k for k in keys if denied or k in HORMONE_KEYS]
            sign, score = ("negative" if denied else share or "positive"), None
        allred = groups.get("allred")
        if allred is not None:
            # Allred 0 negative, 3-8 positive; 1-2 are no Allred total (0, 2-8) or a weak
            # 2 that a percentage would call positive: read nothing, asked instead.
            n = int(allred)
            sign, score = ("negative" if n == 0 else "positive" if n >= 3 else None), None
            keys = [k for k in keys if k in ("er", "pr", "hr", "erpr")]
        hscore = groups.get("hscore")
        if hscore is not None:
            n = int(hscore)
            sign, score = ("negative" if n == 0 else "positive" if n <= 300 else None), None
            keys = [k for k in keys if k in ("er", "pr", "hr", "erpr")]
        if m.re is LUMINAL.regex or m.re is SUBTYPE.regex:
            if keys == ["her2"]:
                subtype: tuple[tuple[str, str], ...] = (("her2", "positive"),)
                if m.re is LUMINAL.regex:
                    subtype = (("hr", "positive"), *subtype)
                out.append(ReceptorStatement(m.start(), m.end(), subtype))
            continue
        if "amplif" in value.lower():
            # a gene's amplification is HER2's value only ("ER and HER2 amplification": ER is
            # no amplified gene here, ESR1 amplification no receptor status)
            keys = [k for k in keys if k == "her2"]
        explained = groups.get("explained")
        if explained is not None:
            # the score is HER2's IHC score, its bracket only words it ("1 (i.e. weakly
            # positive)" is 1+, HER2-low); no other receptor is scored so
            keys = [k for k in keys if k == "her2"]
            sign, score = None, int(explained)
        tail = groups.get("tail")
        if tail is not None and sign == "negative" and keys == ["her2"]:
            sign, score = None, int(tail[0])  # "HER2 negative, 1+ by IHC": HER2-low
        if (
            value.strip() == "-"
            and text[m.end() - 1 : m.end()] == "-"
            and GLUED_MARKERS.match(text, m.end() - 1) is not None
        ):
            # "ER-CK7 positive, PR-CK20-CDX2 negative": the hyphen may join the receptor to
            # other stains that share the verdict after them, or be its own sign with the next
            # stain named ("Metastatic TNBC … ER-SOX10 positive", the review of stop 64): no
            # sign read, asked instead
            continue
        if but_not and sign in ("positive", "negative") and NOT_IN_METASTASIS.match(text, m.end()):
            # "positive for HER2 in the breast but not in the liver metastasis": the
            # metastasis's status is the current one (as LATER_VALUE reads it)
            sign = "negative" if sign == "positive" else "positive"
        measured = "%" in value or "/" in value  # a percentage or Allred score
        if cells_told and not measured and sign == "positive" and HORMONE_KEYS.intersection(keys):
            # (a negative sign word's share is of the unstained cells: "100% of tumour cells
            # were ER negative" stays negative)
            share = _cells_share(text, m)
            if share is not None:
                # "Less than 1% of tumour cells were ER positive", "ER positive in <1% of
                # cells": the share stained decides (ASCO/CAP: below 1% is negative, 1-10% low
                # positive)
                sign, score = share, None
        plus = value.strip("() ")
        assignments: list[tuple[str, str]] = []
        for key in keys:
            if key is None:
                continue
            if score is not None and key != "her2" and len(keys) > 1:
                continue  # "ER/PR 2+" is not an IHC score of both
            if measured and key == "pdl1" and sign == "negative":
                assignments.append(("pdl1", "negative"))  # "PD-L1 on immune cells 0%", "<1%"
                continue
            if measured and key in ("her2", "pdl1"):
                # "HER2, ER 90%"; PD-L1 >= 1 % is positive for one assay (SP142) and not for
                # another (22C3 CPS >= 10, the guideline's threshold): left to be asked.
                continue
            if key == "her2" and plus in ("+", "++") and graded:
                # Graded notation ("ER (+++), PR (++), HER-2 (+)", as Chinese and Japanese
                # reports write IHC): HER2 "++" is IHC 2+ (ISH decides), "+" is 1+ there
                # but HER2-positive in "ER+/HER2+": not guessed, asked.
                assignments += [("her2_ihc", "2")] if plus == "++" else []
                continue
            assignments += _assign(key, sign, score)
        ish_text = groups.get("ish") or groups.get("ish2")
        ratio = groups.get("ratio")
        if "her2" in keys and (ish_text or ratio):
            ish = ish_text or ""
            amplified = (
                float(ratio) >= 2.0
                if ratio
                else not re.search(r"non|not|un|neg|-|^no\b", ish.lower())
            )
            assignments.append(("ish", "positive" if amplified else "negative"))
        if assignments:
            out.append(ReceptorStatement(m.start(), m.end(), tuple(assignments)))
    return out


# stop 64 (round 127): stains other than the receptors glued by hyphens after a receptor, then
# a verdict ("ER-CK7 positive", "PR-CK20-CDX2 negative", "ER-SOX10 positive"); not a receptor
# after the hyphen ("ER-PR-HER2+" is ER negative, PR negative)
GLUED_MARKERS = re.compile(
    r"(?:-(?!(?:HER|ERBB)\d)[A-Z]{1,6}\d{1,3}[A-Z]?)+\s*(?:positive|negative|pos|neg|\+|-)",
    re.I,
)


def _keyed(
    statement: Gated, text: str, starts: Sequence[int] | None = None
) -> Iterable[re.Match[str]]:
    """The statement's matches, none when its key (STATEMENT_KEYS) is not in the text
    (``starts``: where every match begins, as ``_at`` reads them)."""
    key = STATEMENT_KEYS.get(statement)
    return _at(statement, text, starts) if key is None or key.found(text) else ()


def _names_in(text: str, start: int, end: int) -> list[str | None]:
    """Receptor keys of the names in text[start:end], found in the whole text (so "HER"
    still sees the value after it) and kept while they start inside the list."""
    found = takewhile(lambda n: n.start() < end, _ONE_RE.finditer(text, start))
    return [_receptor_key(n.group()) for n in found]


class _NamesFrom:
    """``_names_in`` over one text, its name matches found once: a statement's list starts
    at a name, and from a name the matches ``finditer`` finds are the ones the scan of the
    whole text found from there (a flood of statements read every list afresh). The scan is
    ``_ONE_RE.finditer`` tried only where it can match (``_name_starts``, ``_at``)."""

    __slots__ = ("text", "starts", "found", "at")

    def __init__(self, text: str, starts: list[int] | None = None) -> None:
        self.text = text
        self.starts = starts
        self.found: list[tuple[int, str]] | None = None
        self.at: dict[int, int] = {}

    def __call__(self, start: int, end: int) -> list[str | None]:
        if self.found is None:
            text = self.text
            starts = _name_starts(text) if self.starts is None else self.starts
            self.found = [(n.start(), n.group()) for n in _at(_ONE_GATED, text, starts)]
            self.at = {s: k for k, (s, _) in enumerate(self.found)}
        k = self.at.get(start)
        if k is None:  # a list that starts inside a name the whole scan read
            return _names_in(self.text, start, end)
        found, out = self.found, []
        while k < len(found) and found[k][0] < end:
            out.append(_receptor_key(found[k][1]))
            k += 1
        return out


def statement_id(assignments: tuple[tuple[str, str], ...]) -> str:
    seen: list[str] = []
    for key, value in assignments:
        part = f"{key}={value}"
        if part not in seen:
            seen.append(part)
    return ";".join(seen)


if not Doc.has_extension("receptor_statements"):
    Doc.set_extension("receptor_statements", default=())


@Language.component("mbc_receptors")
def mark_receptor_statements(doc: Doc) -> Doc:
    """Receptor statements as FACT entities; they replace ruler entities they overlap
    unless a ruler entity already covers the whole statement (a longer phrase wins)."""
    found = find_statements(doc_text(doc))
    if not found:
        return doc
    spans: list[tuple[int, int, list[tuple[str, str]]]] = []
    # Character offsets -> tokens covering them ("expand" alignment), by bisection over
    # the token starts and ends (doc.char_span per statement is slow on long notes).
    offsets = doc.to_array([IDX, LENGTH]).tolist()  # one array: no Token per token
    token_starts = [idx for idx, _ in offsets]
    token_ends = [idx + length for idx, length in offsets]
    for st in found:
        first = bisect_right(token_starts, st.start) - 1  # last token starting at or before
        if first < 0 or token_ends[first] <= st.start:
            first += 1  # the statement starts in the space after that token
        last = bisect_left(token_ends, st.end)  # first token ending at or after
        if first >= len(doc) or last >= len(doc) or last < first:
            continue
        begin, stop = first, last + 1
        if spans and begin < spans[-1][1]:  # same token ("ER+/PR-/HER2-"): one entity
            start, end, assignments = spans[-1]
            spans[-1] = (start, max(end, stop), assignments + list(st.assignments))
        else:
            spans.append((begin, stop, list(st.assignments)))
    ents = list(doc.ents)
    # Token -> the entity covering it (entities never overlap): linear in the doc length.
    cover: list[Span | None] = [None] * len(doc)
    for e in ents:
        for i in range(e.start, e.end):
            cover[i] = e
    new: list[Span] = []
    taken = [False] * len(doc)
    for start, end, assignments in spans:
        host = cover[start]
        if (
            host is not None
            and host.label_ == LABEL
            and host.start <= start
            and end <= host.end
            and host.end - host.start > end - start
        ):
            continue  # a longer ruler phrase already says it ("triple negative" …)
        new.append(Span(doc, start, end, label=LABEL, span_id=statement_id(tuple(assignments))))
        for i in range(start, end):
            taken[i] = True
    if not new:
        return doc
    kept = [e for e in ents if not any(taken[e.start : e.end])]
    doc.ents = tuple(sorted([*kept, *new], key=lambda s: s.start))
    doc._.receptor_statements = tuple((n.start, n.end) for n in new)
    return doc


# -- receptor status over time ---------------------------------------------------------------
# A case often tells the receptors twice: the primary tumour's at diagnosis, then the
# metastatic or recurrent tumour's on a new biopsy ("initially ER+ … biopsy of the liver
# lesion showed ER-negative/HER2 3+"). Receptors can change between the two; treatment
# follows the latest biopsy of the metastatic disease. So when the statements disagree,
# the statement about the metastatic/recurrent tumour wins (the latest one, if several
# do), and a statement about the primary tumour yields to a later one that says nothing
# of its timing. Statements that agree are all kept; disagreeing statements of one time
# stay a contradiction (asked).
RECEPTOR_GROUPS = (
    frozenset({"er", "pr", "hr"}),
    frozenset({"her2", "her2_ihc", "ish", "her2_low"}),
)
# Words placing a statement on the metastatic/recurrent tumour, or now
LATER = re.compile(
    r"metasta|\bmets?\b|recurr|relaps|progress|re-?biops|transform|conver(?:t|sion)|switch"
    r"|chang|\bnow\b|current|\bnew\b|stage\s*(?:iv|4)\b|advanced"
    # round 23: a patient's present self-description ("I am Triple-. Mine was a recurrence …
    # when I, too, was ER/PR+")
    r"|\bI(?:\s+am|'m|’m)\b"
    r"|\b(?:liver|hepatic|bone|osseous|lung|pulmonary|pleural|pleura|brain|cerebral|nodal"
    r"|skin|cutaneous|chest[- ]wall|peritoneal|adrenal|ovarian|effusion|ascites|vertebra\w*"
    r"|pericardial|thyroid|pancrea\w*|gastric|stomach)\b",
    re.I,
)
# Words placing it on the primary tumour, at diagnosis, before the metastatic event
EARLIER = re.compile(
    r"\bprimary\b|\boriginal(?:ly)?\b|\binitial(?:ly)?\b|at (?:the time of )?diagnosis"
    r"|\bbreast (?:lesion|biopsy|tumou?r|mass|primary|specimen)|core (?:needle )?biopsy"
    r"|lumpectomy|mastectomy|resected tumou?r|surgical specimen|early[- ]stage"
    r"|\bstage\s*(?:i{1,3}|[123])[abc]?\b|\b(?:neo)?adjuvant\b|\bpreviously\b"
    r"|\byears? (?:ago|before|earlier)\b|\bin (?:19|20)\d\d\b"
    # round 23: a status told of a time gone by ("a recurrence after a 19-year gap when I,
    # too, was ER/PR+"; now "Triple-")
    r"|\bwhen\s+(?:I|she|he|it|the\s+(?:tumou?r|cancer))\b(?:,?\s*too,?)?\s+was\b",
    re.I,
)
AFTER_END = re.compile(r"[,;:.()—–]|\s-\s|\band\b|\bis\b|\bwas\b|\bwere\b")
WINDOW_AFTER = 60  # characters after a statement that may still place it ("… on liver biopsy")


class _Observed(Protocol):
    key: str
    value: Any
    correction: bool

    @property
    def span(self) -> _Placed: ...


class _Placed(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


# Between two statements of one sentence, a word that moves the story on ("ER+ in 2015,
# now ER-"; "initially HER2-negative; the liver biopsy …"; "… but the metastatic biopsy")
CLAUSE_BREAK = re.compile(
    r";|\bbut\b|\bnow\b|\bwhereas\b|\bwhile\b|\bhowever\b|\blater\b|\bthen\b|\bafter\b"
    r"|\bbefore\b|\bsubsequent|\bupon\b|\bat (?:recurrence|relapse|progression)\b",
    re.I,
)


def _time_of(before: str, after: str) -> str:
    """ "later", "earlier" or "" for a statement between the texts ``before`` and ``after``
    (its sentence, up to the neighbouring statements): the cue nearest the statement
    decides; a tie is earlier ("breast lesion")."""
    best: tuple[int, int, str] | None = None
    # what follows places the statement only up to the clause's end ("ER- on liver
    # biopsy"; not "triple-negative — is the treatment of brain metastases")
    after = AFTER_END.split(after[:WINDOW_AFTER], maxsplit=1)[0]
    for kind, pattern, rank in (("earlier", EARLIER, 0), ("later", LATER, 1)):
        for m in pattern.finditer(before):
            cand = (len(before) - m.end(), rank, kind)
            best = cand if best is None or cand < best else best
        for m in pattern.finditer(after):
            cand = (m.start() + 1, rank, kind)
            best = cand if best is None or cand < best else best
    return best[2] if best is not None else ""


def _reading(group: frozenset[str], observed: Sequence[_Observed]) -> str | None:
    """One statement's status of a receptor group: HR positive if any of ER/PR/HR is;
    HER2 from its explicit value, IHC 0/1/3 or ISH (None when it says nothing or both)."""
    values: set[str] = set()
    for o in observed:
        if o.key == "her2_ihc":
            values.add({0: "negative", 1: "negative", 3: "positive"}.get(o.value, ""))
        elif o.key != "her2_low" and isinstance(o.value, str):
            values.add(o.value)
    values.discard("")
    if group is RECEPTOR_GROUPS[0] and values:
        return "positive" if "positive" in values else "negative"
    return values.pop() if len(values) == 1 else None


def _units(
    members: list[int], observed: Sequence[_Observed], text: str, sentence_of: list[int]
) -> list[list[int]]:
    """Observations grouped into statements: consecutive ones of one sentence with no
    clause break between them ("ER+/PR-, HER2 1+" is one statement)."""
    units: list[list[int]] = []
    for i in sorted(members, key=lambda i: observed[i].span.start):
        if units:
            prev = observed[units[-1][-1]].span
            here = observed[i].span
            same = sentence_of[units[-1][-1]] == sentence_of[i]
            if same and not CLAUSE_BREAK.search(text[prev.end : here.start]):
                units[-1].append(i)
                continue
        units.append([i])
    return units


def current_receptor_status(
    observed: Sequence[_Observed], text: str, sentences: Sequence[tuple[int, int]]
) -> list[int]:
    """Indices of ``observed`` to keep: for each receptor group whose statements disagree
    over time, the statements of the current (metastatic/recurrent) tumour.
    ``sentences`` are the [start, end) character bounds of the text's sentences."""
    drop: set[int] = set()
    starts = [s for s, _ in sentences]
    sentence_of = [max(bisect_right(starts, o.span.start) - 1, 0) for o in observed]
    for group in RECEPTOR_GROUPS:
        members = [i for i, o in enumerate(observed) if o.key in group]
        if len(members) < 2 or any(observed[i].correction for i in members):
            continue
        units = _units(members, observed, text, sentence_of)
        readings = [_reading(group, [observed[i] for i in u]) for u in units]
        per_key: dict[str, set[str]] = {}
        for i in members:
            per_key.setdefault(observed[i].key, set()).add(repr(observed[i].value))
        if len({r for r in readings if r is not None}) < 2 and all(
            len(v) < 2 for v in per_key.values()
        ):
            continue  # the statements agree: nothing to decide
        if (
            group is RECEPTOR_GROUPS[0]
            and "hr" not in per_key
            and all(len(v) < 2 for v in per_key.values())
        ):
            # "the estrogen receptor was positive. The progesterone receptor was negative":
            # statements of different receptors are parts of one status (HR positive if
            # either is), not a change over time.
            continue
        times = []
        for n, unit in enumerate(units):
            lo, hi = sentences[sentence_of[unit[0]]] if sentences else (0, len(text))
            first = min(observed[i].span.start for i in unit)
            last = max(observed[i].span.end for i in unit)
            if n > 0 and sentence_of[units[n - 1][0]] == sentence_of[unit[0]]:
                lo = max(lo, max(observed[i].span.end for i in units[n - 1]))
            if n + 1 < len(units) and sentence_of[units[n + 1][0]] == sentence_of[unit[0]]:
                hi = min(hi, min(observed[i].span.start for i in units[n + 1]))
            times.append(_time_of(text[lo:first], text[last:hi]))
        later = [n for n, t in enumerate(times) if t == "later" and readings[n] is not None]
        if later:
            keep = {max(later)}  # the latest statement on the metastatic disease
        else:
            dated = [n for n, t in enumerate(times) if t == "earlier"]
            undated = [n for n, t in enumerate(times) if t == "" and readings[n] is not None]
            if not dated or not undated or max(undated) < min(dated):
                continue  # nothing says which is current: the contradiction is asked
            keep = {n for n in undated if n > max(dated)}
        drop.update(i for n, unit in enumerate(units) if n not in keep for i in unit)
    return [i for i in range(len(observed)) if i not in drop]


# A status told changed without the value it changed to ("TNBC … with a HER2 status switch
# during the course of the disease", "a change in hormone receptor status"): what was told
# before it is no longer the current status, and the text does not say what is (r3-0073: the
# primary's HER2-negative read as current while the switch was to positive). The statements
# before it are dropped and the receptor asked. A change that names its value ("switched from
# negative to positive") is a statement of its own (CHANGED).
_SWITCH_NAMES = (
    r"(?:her-?2(?:/neu)?|erbb2|hormon(?:e|al)[- ]receptors?|hr|o?estrogen[- ]receptors?|er"
    r"|progesterone[- ]receptors?|pr|pgr|er/pr|receptors?)"
)
_SWITCH_NOUN = r"(?:switch(?:ing)?|conversion|change|discordance|shift|reversal)"
SWITCHED = re.compile(
    rf"(?i:\b(?P<name>{_SWITCH_NAMES})(?:\s+(?:receptor\s+)?status)?\s+{_SWITCH_NOUN}\b"
    rf"|\b{_SWITCH_NOUN}\s+(?:of|in)\s+(?:the\s+)?(?P<name2>{_SWITCH_NAMES})(?:\s+status)?\b)"
    # not when the value follows ("… switch from negative to positive", "… change to HER2+")
    r"(?!\s*[(,:]?\s*(?i:from|to|into|now|which\s+is|becoming)\b)"
)
_SWITCH_KEY = gated(r"(?i:switch|conversion|change|discordance|shift|reversal)")


def switched_without_value(text: str) -> list[tuple[frozenset[str], int]]:
    """(receptor group, offset) of each change of status told without its new value."""
    if not _SWITCH_KEY.found(text):
        return []
    out = []
    for m in SWITCHED.finditer(text):
        name = (m.group("name") or m.group("name2") or "").lower()
        her2 = name.startswith("her") or name == "erbb2"
        out.append((RECEPTOR_GROUPS[1] if her2 else RECEPTOR_GROUPS[0], m.start()))
    return out

"""Tokenizer tweaks so clinical tokens stay whole (HER2+, ER+/PR-, T-DXd, CDK4/6, IHC 2+ …).

spaCy's English tokenizer splits a trailing ``+``/``-`` and infix hyphens. A ``token_match``
regex is consulted before infix splitting (and after each prefix/suffix strip), so a
clinical token keeps its shape while its surrounding punctuation is still split off. The
regex is serialised with the tokenizer, so ``spacy.load`` restores it without our code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from spacy.attrs import IDX, LENGTH, LOWER, ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.tokens.underscore import Underscore
from spacy.util import compile_infix_regex, compile_prefix_regex
from spacy.vocab import Vocab

_SIGN = r"(?:\+{1,3}|[-−–](?:low|ultralow|zero)?|pos|neg|\+ve|-ve)"
_RECEPTOR = r"(?:ER|PR|PgR|HR|HER-?2)"
CLINICAL_TOKEN = (
    r"(?i:"
    rf"(?:{_RECEPTOR}{_SIGN}?/)*{_RECEPTOR}{_SIGN}"  # ER+/PR-/HER2+, HER2-low, HR+
    r"|HER-?2-(?:low|ultralow|zero|null|neg|pos)"
    r"|T-?DXd|T-?DM-?1|AC-T|EC-T|FEC-T|nab-pac(?:litaxel)?"
    r"|PD-?L1[+-]?|PD-1|CDK-?4/6i?s?|[A-Z]{2,5}\d?-(?:H|high|low|L)"  # MSI-H, TMB-high
    r"|IHC[0-3]\+{0,3}|[0-3]\+{1,3}|F?ISH[+-]"
    r")"
    r"|[A-Z]\d{2,4}[A-Z]"  # H1047R, E17K, Y537S
)
TOKEN_MATCH = re.compile(rf"^(?:{CLINICAL_TOKEN})$")
# "liver+bone", "bone/liver" -> separate site words.
EXTRA_INFIXES = (
    r"(?<=[a-zA-Z]{3})\+(?=[a-zA-Z]{3})",
    # "AI+CDK4/6i", "ET+CDK4/6i": two drug abbreviations; not after a receptor name, so
    # "ER+PR+" keeps its signs
    r"(?<![EPH]R)(?<=[a-zA-Z]{2})\+(?=[a-zA-Z]{3})",
    # stop 57 (r119-0008): sentence marks typed against the next word ("Scary!!Her
    # malignancy", "pregnancy!!Not fair"), split as a space after them would be; and a
    # number typed against its time word ("at 35years", "for 3months"), split before the word
    r"(?<=[a-zA-Z])[!?]+(?=[a-zA-Z])",
    r"(?<=[0-9])(?=(?:years?|months?|weeks?|days?)(?![a-zA-Z]))",
    # stop 66 (r129-0001): a comma typed against the next word after a number ("stage 4,bone
    # mets,her-2 positive"; spaCy splits it between letters only, keeping "4,000" whole). (A
    # bracket typed against a word, "treatment(Taxotere)", is left whole: split, an organ's own
    # bracketed verdict, "brain(Negative)", "brain(NAD)", met an older misreading: the reviews.)
    r"(?<=[0-9]),(?=[a-zA-Z]{2})",
)


# stop 35 (r38): a dash typed against the word after it ("Secondary breast cancer treatment
# -Capecitabine", "on -letrozole") is split off, as spaCy splits it after a word: the drug is
# read. Only before a word of four letters or more: "-ve", "-neg", "-pos" keep their sign.
EXTRA_PREFIXES = (r"-(?=[A-Za-z]{4,})",)


# stop 54 (probe set J): "w/t" is wild type ("ESR1 w/t", "PIK3CA w/t"): one token, so the
# gene reader sees its negative suffix (split into "w" "/" "t" it read three mutations).
SPECIAL_CASES = ("y/o", "Y/O", "s/p", "S/P", "S/p", "w/", "mut/Mb", "w/t", "W/T", "W/t")
# Biomarker pairs written with a slash: split into the two whole tokens.
SPLIT_CASES = {
    f"{a}/{b}": [a, "/", b]
    for a, b in (
        ("MSI-H", "dMMR"),
        ("dMMR", "MSI-H"),
        ("MSS", "pMMR"),
        ("pMMR", "MSS"),
        ("MSI-high", "dMMR"),
        ("TMB-H", "MSI-H"),
        ("MSI-H", "TMB-H"),
    )
}
# "W/T." at a sentence's end: spaCy keeps "T." whole (an initial), so the stop is split here
SPLIT_CASES.update({f"{case}.": [case, "."] for case in ("W/T", "W/t")})
# stop 73 (held-out probe AC): spaCy's emoticons that open with a bracket are a bracket and the
# mark after it in clinical text ("ESR1 (ctDNA): result awaited" had "):" as one token, a
# frown, and the colon's field never reached the gene): split into their marks
SPLIT_CASES.update(
    {case: list(case) for case in ("):", ")-:", "(:", "(;", "(=", "(-:", "(-;", "[:", "[=", "[-:")}
    | {"]=": ["]", "="]}
)


# stop 66 (held-out probe W): the modals and conjunctions of text-speak ("onc says 5th line cud
# be eribulin b4 xmas" had read a fifth line given) read as their words: each spelling's
# lexeme gets the word's lower-case form, which every token pattern and the cached word
# lists (``doc_lowers``) read, so every modal rule (a few dozen) sees "could". The text
# itself is unchanged (offsets stay the user's). Not "n" (a node stage's letter), "u", nor "bc"
# (breast cancer as often as because).
TEXT_SPEAK = {
    "cud": "could", "cld": "could", "culd": "could", "wud": "would", "wld": "would",
    "shud": "should", "shld": "should", "mite": "might", "b4": "before", "coz": "because",
    "cuz": "because", "bcoz": "because", "bcos": "because",
}  # fmt: skip


def read_text_speak(vocab: Vocab) -> None:
    """Give each text-speak spelling (any case) its word's lower-case form (above)."""
    for spelling, word in TEXT_SPEAK.items():
        for form in {spelling, spelling.capitalize(), spelling.upper()}:
            vocab[form].lower_ = word


def customise_tokenizer(nlp: Language) -> None:
    """Install the clinical token_match and extra infixes on ``nlp.tokenizer``."""
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        raise TypeError(f"expected a spaCy Tokenizer, got {type(tokenizer).__name__}")
    tokenizer.token_match = TOKEN_MATCH.match
    infixes = list(nlp.Defaults.infixes or ()) + list(EXTRA_INFIXES)
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    prefixes = list(nlp.Defaults.prefixes or ()) + list(EXTRA_PREFIXES)
    tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    for case in SPECIAL_CASES:
        tokenizer.add_special_case(case, [{ORTH: case}])
    for case, parts in SPLIT_CASES.items():
        tokenizer.add_special_case(case, [{ORTH: part} for part in parts])


TEXT_KEY = "mbc_text"  # doc.user_data: the Doc's text, once read


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins it token by token on every read (~13 µs
    for a 400-character message, ~4 reads a message: receptors, the metastatic event,
    current receptor status, sites). A Doc's text never changes (merging keeps it)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.text
        doc.user_data[TEXT_KEY] = text
    return str(text)


def make_doc(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc(text)`` with its text remembered for ``doc_text``: the tokenizer never
    changes a character (``doc.text == text``), so the text is not joined back token by
    token (~6% of the Token objects a message made)."""
    doc = nlp.make_doc(text)
    doc.user_data[TEXT_KEY] = text
    return doc


def span_text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text`` cut from the Doc's text (``doc_text``): spaCy joins a Span's
    text token by token, a Token object each (a sentence read for its words costs ~25)."""
    start, end, _ = slice(start, end).indices(len(doc))  # spaCy's slice bounds
    if end <= start:
        return ""
    starts, stops = doc_offsets(doc)
    return doc_text(doc)[starts[start] : stops[end - 1]]


def span_texts(doc: Doc, spans: Iterable[Any]) -> list[str]:
    """``span_text`` of each span (anything with ``start`` and ``end``), the Doc's offsets
    and text read once for all."""
    starts, stops = doc_offsets(doc)
    text, n = doc_text(doc), len(doc)
    out = []
    for span in spans:
        start, end, _ = slice(span.start, span.end).indices(n)
        out.append(text[starts[start] : stops[end - 1]] if end > start else "")
    return out


def token_range(doc: Doc, start: int, end: int) -> range:
    """The token indices of ``doc[start:end]`` (spaCy's slice bounds), for loops that read
    the cached word lists (``doc_lowers``) instead of a Token object per token."""
    return range(*slice(start, end).indices(len(doc)))


OFFSETS_KEY = "mbc_offsets"  # doc.user_data: every token's first and end character


def doc_offsets(doc: Doc) -> tuple[list[int], list[int]]:
    """``([t.idx for t in doc], [t.idx + len(t) for t in doc])``, built once per Doc from one
    array (``span_text`` runs ~4 times a message and ~36 times on the longest tenth, two Token
    objects each). Rebuilt when the Doc's length changed (a merge in the pipeline)."""
    offsets = doc.user_data.get(OFFSETS_KEY)
    if offsets is None or len(offsets[0]) != len(doc):
        if len(doc):
            rows = doc.to_array([IDX, LENGTH])  # columns added by numpy: ~7 µs for 130 tokens
            offsets = (rows[:, 0].tolist(), (rows[:, 0] + rows[:, 1]).tolist())
        else:
            offsets = ([], [])
        doc.user_data[OFFSETS_KEY] = offsets
    return offsets


LOWERS_KEY = "mbc_lowers"  # doc.user_data: every token's lower-case form, once read
ORTHS_KEY = "mbc_orths"  # doc.user_data: every token's word hash, once read
# word hash -> its string: a pure function of the hash (a StringStore never maps a hash to
# another string), kept across messages like the other word caches. ``strings[h]`` decodes
# and allocates a new str on every read (~0.25 µs); a dict read is a tenth of that.
_WORDS: dict[int, str] = {}
WORDS_LIMIT = 100_000


def doc_orths(doc: Doc) -> list[int]:
    """``[t.orth for t in doc]``, built once per Doc from one array (the sentence splitter
    and both anchored matchers read every token's word hash). Rebuilt when the Doc's length
    changed (a merge in the pipeline)."""
    orths = doc.user_data.get(ORTHS_KEY)
    if orths is None or len(orths) != len(doc):
        orths = doc.to_array(ORTH).tolist() if len(doc) else []
        doc.user_data[ORTHS_KEY] = orths
    return orths


def doc_lowers(doc: Doc) -> list[str]:
    """``[t.lower_ for t in doc]``, built once per Doc from one array of the words' hashes
    (each ``doc[i]`` makes a Token object, ~0.3 µs, and several readers walk every token for
    its word). Rebuilt when the Doc's length changed (a merge in the pipeline)."""
    lowers = doc.user_data.get(LOWERS_KEY)
    if lowers is None or len(lowers) != len(doc):
        words = _WORDS
        hashes = doc.to_array(LOWER).tolist() if len(doc) else []
        lowers = [words.get(h) or _word(doc, h) for h in hashes]
        doc.user_data[LOWERS_KEY] = lowers
    return lowers


def _word(doc: Doc, h: int) -> str:
    """The string of word hash ``h`` (remembered: ``_WORDS``)."""
    word = str(doc.vocab.strings[h])
    if len(_WORDS) < WORDS_LIMIT:
        _WORDS[h] = word
    return word


def set_doc_ents(doc: Doc, ents: Sequence[Span]) -> None:
    """``doc.ents = ents`` for Spans of ``doc``. The setter copies every Span (label, KB id,
    start, end, id: three Token objects a copy) and gives the copies to ``set_ents``, which
    reads only those fields: the originals set the same entities."""
    doc.set_ents(list(ents), default="outside")  # the setter's SetEntsDefault.outside


ENTS_KEY = "mbc_ents"  # doc.user_data: the entities of the finished pipeline


def keep_ents(doc: Doc, ents: tuple[Span, ...]) -> None:
    """Remember ``ents`` (== ``doc.ents``) as the Doc's final entities: the last pipeline
    component (mbc_context, whose ``doc._.context`` is aligned with them) calls it."""
    doc.user_data[ENTS_KEY] = (len(doc), ents)


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents`` of a processed Doc, built once: each read of ``doc.ents`` makes a Span
    (and two Token objects) per entity, and the readers after the pipeline (coordination,
    sites, the fact loop …) read it ~5 times a message. A Doc the pipeline did not finish
    (or one merged since) reads ``doc.ents``."""
    kept = doc.user_data.get(ENTS_KEY)
    if kept is None or kept[0] != len(doc):
        return tuple(doc.ents)
    return kept[1]


_UNSET = object()


def doc_extension(doc: Doc, name: str) -> Any:
    """``doc._.<name>`` (an extension with a default), read without an ``Underscore`` object:
    each ``doc._`` builds one (~3 µs, ~30 reads a message). The value spaCy stores in
    ``doc.user_data``, or, when there is none (or the extension has a getter or a method),
    ``doc._``'s own answer."""
    _, method, getter, _ = Underscore.doc_extensions[name]
    if getter is None and method is None:
        stored: dict[Any, Any] = doc.user_data  # keyed as spaCy's ``Underscore._get_key``
        value = stored.get(("._.", name, None, None), _UNSET)
        if value is not _UNSET:
            return value
    return getattr(doc._, name)


def is_year(word: str) -> bool:
    """A calendar year written as four digits ("2019", "1998")."""
    return len(word) == 4 and word.isdigit() and word[:2] in ("19", "20")

"""A necessary-literal gate before a regular expression: skip the search when the text
holds none of the words every match must contain.

Python's ``re`` has no literal index: a case-insensitive alternation of words
(``adjuvant|surgery|…|\\bstage\\s*…``) tries every branch at every character, ~40 µs on a
500-character sentence that holds none of them, and the extractor runs such searches per
sentence. RE2 and Hyperscan gate a search by its *required literals*; this does the same
for ``re`` patterns, read from the pattern's own parse tree (``re._parser``), so the gate
follows every edit of the pattern and cannot drift from it:

    requirement(pattern) -> ((lit, lit, …), (lit, …), …)

is a conjunction of disjunctions: every match contains at least one literal of each group.
``EARLY_DISEASE`` needs one of {"adjuvant", "surg", "stage", "t0", …}; a receptor
``STATEMENT`` needs a name *and* one of the value marks {"0".."9", "+", "-", "pos", "neg",
…}, so a flood of names with no value ("PR/" x 1,333, 18 ms of retries from every name)
is answered at once.

Exactness: literals are lower-case ASCII and are looked for in the text lowered the way
``re.IGNORECASE`` compares (``folded``): ASCII letters by their lower case and the four
non-ASCII characters that ``re`` matches to an ASCII letter (İ ı ſ K, found by scanning
every code point: ``tests/test_nlp_prefilter.py``) by that letter. A literal of a
case-sensitive part is looked for lowered too (a weaker test, never a wrong one). What the
gate cannot read (a class of many characters, a back-reference, a repeat that may be
empty, a non-ASCII literal) adds no requirement: the gate then admits more texts, never
fewer. ``Gated`` answers exactly as its pattern does (the golden dump of
bench/golden_extract.py and the property test hold it to that).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterator
from typing import Any

# The parser ``re.compile`` itself uses (private modules, the same since 3.11; on an
# interpreter without them nothing is required and the gate admits every text).
_parser: Any = getattr(re, "_parser", None)
C: Any = getattr(re, "_constants", None)

MAX_STRINGS = 64  # strings a node's exact set may hold before it counts as unreadable
MAX_CLASS = 10  # characters of a class read as a set of one-character strings
MAX_GROUPS = 4  # disjunctions tested per text (the most selective first)
MAX_GROUP_SIZE = 48  # literals of one disjunction, at most (a longer one costs more scans)

# The non-ASCII characters ``re.IGNORECASE`` matches to an ASCII letter, as that letter.
FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
FOLDED_CHARS = tuple(chr(code) for code in FOLD)  # the characters FOLD maps

Exact = frozenset[str] | None  # every string a node can match, or None: too many / unknown
Groups = list[frozenset[str]]  # necessary disjunctions


_last: tuple[str, str] = ("", "")  # the last text folded: one sentence is searched by several


def folded(text: str) -> str:
    """``text`` lowered as ``re.IGNORECASE`` compares ASCII letters."""
    global _last
    last = _last  # one read, one write of a tuple: safe across threads
    if last[0] == text:
        return last[1]
    # ``str.translate`` looks up every character in Python (~30 µs a 600-character text):
    # only a text holding one of the four characters is translated
    if text.isascii() or not any(char in text for char in FOLDED_CHARS):
        low = text.lower()
    else:
        low = text.translate(FOLD).lower()
    _last = (text, low)
    return low


def _char(code: int) -> str | None:
    """A literal character as the gate looks for it in ``folded`` text: an ASCII one lowered,
    a punctuation mark or symbol without case as itself ("–", "≥", "%"); None for any
    other (a cased non-ASCII letter may match several characters under IGNORECASE)."""
    char = chr(code)
    if code < 128:
        return char.lower()
    if unicodedata.category(char)[0] in "PS" and char.lower() == char == char.upper():
        return char
    return None


def _product(left: frozenset[str], right: frozenset[str]) -> Exact:
    if len(left) * len(right) > MAX_STRINGS:
        return None
    return frozenset(a + b for a in left for b in right)


def _class(items: list[tuple[Any, Any]]) -> Exact:
    chars: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            members = [_char(av)]
        elif op is C.RANGE and av[1] - av[0] < MAX_CLASS:
            members = [_char(c) for c in range(av[0], av[1] + 1)]
        else:
            return None  # a negated class, a category (\d, \w), a long range
        if None in members:
            return None  # a cased non-ASCII member
        chars.update(m for m in members if m is not None)
    return frozenset(chars) if len(chars) <= MAX_CLASS else None


def _node(op: Any, av: Any) -> tuple[Exact, Groups]:
    """(exact strings, necessary disjunctions) of one parse-tree node."""
    if op is C.LITERAL:
        char = _char(av)
        return (None if char is None else frozenset({char})), []
    if op is C.IN:
        return _class(av), []
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return frozenset({""}), []  # zero width: the strings around it stay adjacent
    if op is C.SUBPATTERN:
        return _sequence(av[3])
    if op is C.ATOMIC_GROUP:
        return _sequence(av)
    if op is C.BRANCH:
        exacts: set[str] = set()
        exact_ok = True
        options: list[Groups] = []  # each branch's usable disjunctions
        for branch in av[1]:
            exact, groups = _sequence(branch)
            if exact is None:
                exact_ok = False
            else:
                exacts |= exact
            options.append([_trim(g) for g in groups if g and "" not in g])
        exact_out = frozenset(exacts) if exact_ok and len(exacts) <= MAX_STRINGS else None
        return exact_out, _union(options)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, high, item = av
        exact, groups = _sequence(item)
        if low == 0:
            if high == 1 and exact is not None:
                return exact | {""}, []  # optional: "non-?amplified"
            return None, []
        if low == high == 1:
            return exact, groups
        return None, groups  # at least one: its requirements hold
    return None, []  # any character, a category, a back-reference …


def _sequence(items: Any) -> tuple[Exact, Groups]:
    """(exact strings, necessary disjunctions) of a sequence of nodes: adjacent exact nodes
    joined into runs of whole strings, each run (and each node's own requirement) a
    necessary disjunction."""
    groups: Groups = []
    run: frozenset[str] | None = frozenset({""})
    whole: Exact = frozenset({""})
    for op, av in items:
        exact, own = _node(op, av)
        groups.extend(own)
        if whole is not None:
            whole = None if exact is None else _product(whole, exact)
        if exact is None:
            _close(run, groups)
            run = frozenset({""})
            continue
        joined = _product(run, exact) if run is not None else None
        if joined is None:
            _close(run, groups)
            joined = exact
        run = joined
    _close(run, groups)
    return whole, groups


def _close(run: frozenset[str] | None, groups: Groups) -> None:
    if run and "" not in run:
        groups.append(run)


def _trim(group: frozenset[str]) -> frozenset[str]:
    """The group without the literals that hold a shorter one of it ("pt1" when "t1" is
    there): the same test with fewer scans."""
    return frozenset(s for s in group if not any(t != s and t in s for t in group))


def _odds(group: frozenset[str], given: frozenset[str] = frozenset()) -> float:
    """How likely a text holds a literal of ``group`` that ``given`` does not already
    cover, taking a literal of n characters to turn up about 4**-n of the time."""
    return sum(4.0 ** -len(s) for s in group if not any(t in s for t in given))


def _union(options: list[Groups]) -> Groups:
    """One disjunction for a branch: a match of it holds a literal of one group of each
    alternative, so the union of one group per alternative is necessary. Each alternative's
    group is chosen to add the fewest literals the others do not already give (a second
    pass sees the others' choices): the Allred branch "[0-8] / 8" gives "8", not "/", next
    to the digits of the other values; "operativ" rather than "post")."""
    if not options or any(not groups for groups in options):
        return []
    chosen = [min(groups, key=_odds) for groups in options]
    for _ in range(2):
        for n, groups in enumerate(options):
            others = frozenset().union(*(g for m, g in enumerate(chosen) if m != n))
            chosen[n] = min(groups, key=lambda g: _odds(g, others))
    return [_trim(frozenset().union(*chosen))]


def requirement(pattern: re.Pattern[str]) -> tuple[tuple[str, ...], ...]:
    """Disjunctions of literals every match of ``pattern`` contains one of (lower-case
    ASCII, or a caseless mark), the least likely first; () when nothing is required (the gate admits all)."""
    if _parser is None or C is None or not isinstance(pattern.pattern, str):
        return ()
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - a pattern re compiled but this parse refuses
        return ()
    _, groups = _sequence(tree)
    usable = {_trim(g) for g in groups if g and "" not in g}
    # the least likely disjunction first: most texts are turned away by its scans alone
    ranked = sorted(
        (g for g in usable if len(g) <= MAX_GROUP_SIZE), key=lambda g: (_odds(g), sorted(g))
    )
    return tuple(tuple(sorted(g, key=lambda s: (-len(s), s))) for g in ranked[:MAX_GROUPS])


# -- the characters a match can begin with ------------------------------------------------
# A pattern whose every match begins with one of a few characters, but that opens with a
# lookaround (``(?<![\w-])(?=ER|HER2|…)``), is tried by ``re`` at every position of a text:
# its fast scan for a first character works only when the pattern opens with a literal or a
# class. ``first_chars`` reads that set from the pattern's own parse tree, and
# ``compile_scanned`` puts a lookahead of it first (``(?=[EeHh…])``): ``re`` tries the
# pattern only where the text holds one of them, with the same matches. It pays for a
# pattern that opens with a lookaround or a word edge and begins with few characters (the
# receptor names, ~2.5x); one that opens with a word ``re`` already scans for gains nothing
# and may lose (measured per pattern: bench figures in the README).
MAX_FIRST_RANGE = 64  # characters of a class range read one by one


def _cased(code: int, ignorecase: bool) -> set[str] | None:
    """The characters a literal matches as a first character (None: not read)."""
    char = chr(code)
    if not ignorecase or char.lower() == char == char.upper():
        return {char}
    if code >= 128:
        return None  # a cased non-ASCII letter: its IGNORECASE matches are not read here
    # the non-ASCII characters IGNORECASE matches to this ASCII letter (FOLD) go with it
    return {char.lower(), char.upper()} | {f for f in FOLDED_CHARS if FOLD[ord(f)] == char.lower()}


def _first_of_node(op: Any, av: Any, ignorecase: bool) -> tuple[set[str] | None, bool]:
    """(first characters, may match the empty string) of one parse-tree node."""
    if op is C.LITERAL:
        return _cased(av, ignorecase), False
    if op is C.IN:
        members: set[str] = set()
        for item_op, item_av in av:
            if item_op is C.LITERAL:
                found = _cased(item_av, ignorecase)
            elif item_op is C.RANGE and item_av[1] - item_av[0] < MAX_FIRST_RANGE:
                found = set()
                for code in range(item_av[0], item_av[1] + 1):
                    one = _cased(code, ignorecase)
                    if one is None:
                        return None, False
                    found |= one
            else:
                return None, False  # a negated class, a category (\d, \w), a long range
            if found is None:
                return None, False
            members |= found
        return members, False
    if op is C.ASSERT and av[0] == 1:
        # a lookahead: the text at this position matches its content
        chars, nullable = _first_of(av[1], ignorecase)
        if chars is not None and not nullable:
            return chars, False
        return set(), True
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return set(), True  # zero width: the next node gives the first character
    if op is C.SUBPATTERN:
        _, add, remove, items = av
        case = (ignorecase or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE
        return _first_of(items, case)
    if op is C.ATOMIC_GROUP:
        return _first_of(av, ignorecase)
    if op is C.BRANCH:
        union: set[str] = set()
        empty = False
        for branch in av[1]:
            chars, nullable = _first_of(branch, ignorecase)
            if chars is None:
                return None, False
            union |= chars
            empty = empty or nullable
        return union, empty
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, _, item = av
        chars, nullable = _first_of(item, ignorecase)
        return chars, nullable or low == 0
    return None, False  # any character, a back-reference, a conditional …


def _first_of(items: Any, ignorecase: bool) -> tuple[set[str] | None, bool]:
    """(first characters, may match the empty string) of a sequence of nodes."""
    union: set[str] = set()
    for op, av in items:
        chars, nullable = _first_of_node(op, av, ignorecase)
        if chars is None:
            return None, False
        union |= chars
        if not nullable:
            return union, False
    return union, True


def first_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Every character the text can hold where a match of ``pattern`` begins (a superset;
    a lookahead first counts: ``\\b(?=ER|PR)`` begins at "E" or "P"), or None when
    a match may begin anywhere or the parse tree is not read here."""
    if _parser is None or C is None or not isinstance(pattern.pattern, str):
        return None
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - a pattern re compiled but this parse refuses
        return None
    chars, nullable = _first_of(list(tree), bool(pattern.flags & re.IGNORECASE))
    return None if chars is None or nullable or not chars else frozenset(chars)


def compile_scanned(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)`` for a pattern that opens with lookarounds, a lookahead
    of its first characters (``first_chars``) put first: the same matches, and ``re`` skips
    the positions no match can begin at. Compiled as it is when they are not read."""
    plain = re.compile(pattern, flags)
    chars = first_chars(plain)
    if chars is None:
        return plain
    return re.compile("(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])" + pattern, flags)


# -- the same pattern, case-sensitive, over the folded text -----------------------------
# ``re`` skips a branch whose first item is a LITERAL with one compare, but not an
# IGNORECASE literal (LITERAL_UNI_IGNORE: a call per compare): an alternation of words
# tried at every word start costs 2-3x as much under re.I (OTHER_CANCER: ~140 µs a
# 500-character text against ~45). A pattern whose every cased literal is read under
# IGNORECASE (the flag, or ``(?i:…)`` groups) matches ``text`` where its lower-cased twin,
# without the flag, matches ``folded(text)`` (the same length: ``folded`` maps each
# character re.IGNORECASE matches to an ASCII letter to that letter, and lowering keeps \w,
# \s, \d and \b as they were: tests/test_nlp_prefilter.py checks both over every code
# point), at the same offsets. Only offsets and truth are read from the twin's matches
# (their text is the folded one): ``spans``, ``first`` and ``found``.
# Non-ASCII letters a twin may hold: each is matched under re.IGNORECASE by exactly the
# characters ``folded`` turns into its lower case (the slow test checks every code point).
TWIN_CHARS = frozenset("\u2163")  # Roman numeral four: "stage Ⅳ"
# what lowering would change or the twin does not read: an upper-case escape (\S, \W, \B,
# \D, \A, \Z), a code escape or back-reference, an inline flag other than "(?i:", an escaped
# bracket before "?i:", a named back-reference, a group name with a capital
_TWIN_REFUSED = re.compile(r"\\[A-Zxu0-9]|\(\?(?!i:|P<)[-a-zA-Z]|\\\(\?i:|\(\?P=|\(\?P<[^>]*[A-Z]")


def _caseless(char: str) -> bool:
    return char.lower() == char == char.upper()


def _caseless_mark(char: str) -> bool:
    """A punctuation mark or symbol without case ("–", "≥"): re.IGNORECASE matches it to
    itself only (tests/test_nlp_prefilter.py), and no other character lowers to it."""
    return _caseless(char) and unicodedata.category(char)[0] in "PS"


def _read_ignoring_case(items: Any, ignorecase: bool) -> bool:
    """Every cased character a parse-tree sequence compares is compared under IGNORECASE."""
    for op, av in items:
        if op in (C.LITERAL, C.NOT_LITERAL):
            if not ignorecase and not _caseless(chr(av)):
                return False
        elif op is C.IN:
            for item_op, item_av in av:
                if item_op is C.LITERAL:
                    cased = not _caseless(chr(item_av))
                elif item_op is C.RANGE:
                    low, high = chr(item_av[0]), chr(item_av[1])
                    if "a" <= low <= high <= "z" or "A" <= low <= high <= "Z":
                        cased = True  # lowered, the same letters ("[A-F]" -> "[a-f]")
                    elif all(_caseless(chr(c)) for c in range(item_av[0], item_av[1] + 1)):
                        cased = False  # "[0-9]"
                    else:
                        return False  # a range lowering would change ("[A-z]", "[0-Z]")
                else:
                    cased = item_op not in (C.NEGATE, C.CATEGORY)
                if cased and not ignorecase:
                    return False
        elif op is C.SUBPATTERN:
            _, add, remove, sub = av
            case = (ignorecase or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE
            if not _read_ignoring_case(sub, case):
                return False
        elif op is C.BRANCH:
            if not all(_read_ignoring_case(branch, ignorecase) for branch in av[1]):
                return False
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            if not _read_ignoring_case(av[2], ignorecase):
                return False
        elif op in (C.ASSERT, C.ASSERT_NOT):
            if not _read_ignoring_case(av[1], ignorecase):
                return False
        elif op is C.ATOMIC_GROUP:
            if not _read_ignoring_case(av, ignorecase):
                return False
        elif op not in (C.AT, C.ANY, C.CATEGORY):
            return False  # a back-reference, a conditional …: not read here
    return True


def folded_twin(regex: re.Pattern[str], source: str) -> re.Pattern[str] | None:
    """``regex`` (written ``source``) lower-cased and compiled without IGNORECASE, for
    searching ``folded(text)``; None unless every cased character it compares is compared
    under IGNORECASE, and it holds only ASCII, TWIN_CHARS and caseless marks, and no escape,
    inline flag or group name that lowering would change."""
    if _parser is None or C is None or _TWIN_REFUSED.search(source):
        return None
    if regex.flags & re.ASCII:
        return None  # re.I then folds no non-ASCII character, ``folded`` does
    for char in source:
        if not (char.isascii() or char in TWIN_CHARS or _caseless_mark(char)):
            return None
    try:
        tree = _parser.parse(source, regex.flags)
    except Exception:  # pragma: no cover - a pattern re compiled but this parse refuses
        return None
    if not _read_ignoring_case(list(tree), bool(regex.flags & re.IGNORECASE)):
        return None
    # the flag groups become plain groups; a group name ("(?P<value>") keeps its "P"
    twin = source.replace("(?i:", "(?:").lower().replace("(?p<", "(?P<")
    return re.compile(twin, regex.flags & ~re.IGNORECASE)  # no scan lookahead: slower here


class Gated:
    """A compiled pattern searched only when the text holds its required literals; the
    same answers as the pattern (``search``, ``match``, ``fullmatch``, ``finditer``,
    ``findall``, ``sub``); ``spans`` and ``found`` read its folded twin when it has one."""

    __slots__ = ("regex", "need", "source", "twin")

    def __init__(self, regex: re.Pattern[str], source: str | None = None) -> None:
        self.regex = regex
        self.need = requirement(regex)
        # the pattern as written (``regex`` may open with the lookahead compile_scanned adds)
        self.source = regex.pattern if source is None else source
        self.twin = folded_twin(regex, self.source)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """The (start, end) of every ``finditer`` match, found by the folded twin."""
        if not self.admits(text):
            return []
        low = folded(text)
        if self.twin is None or len(low) != len(text):
            return [m.span() for m in self.regex.finditer(text)]
        return [m.span() for m in self.twin.finditer(low)]

    def first(self, text: str) -> int | None:
        """Where the first ``search`` match starts (None: no match), by the folded twin."""
        if not self.admits(text):
            return None
        low = folded(text)
        if self.twin is None or len(low) != len(text):
            m = self.regex.search(text)
        else:
            m = self.twin.search(low)
        return None if m is None else m.start()

    def found(self, text: str) -> bool:
        """``search`` finds a match (by the folded twin)."""
        return self.first(text) is not None

    def admits(self, text: str) -> bool:
        """The text holds a literal of every required disjunction (a match may exist)."""
        if not self.need:
            return True
        low = folded(text)
        for options in self.need:
            for literal in options:
                if literal in low:
                    break
            else:
                return False
        return True

    @property
    def pattern(self) -> str:
        return self.source

    @property
    def flags(self) -> int:
        return self.regex.flags

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.regex.search(text, pos, endpos) if self.admits(text) else None

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.regex.match(text, pos, endpos) if self.admits(text) else None

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.regex.fullmatch(text, pos, endpos) if self.admits(text) else None

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        return self.regex.finditer(text, pos, endpos) if self.admits(text) else iter(())

    def findall(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.regex.findall(text, pos, endpos) if self.admits(text) else []

    def sub(self, repl: Any, text: str, count: int = 0) -> str:
        return self.regex.sub(repl, text, count) if self.admits(text) else text

    def __repr__(self) -> str:
        return f"Gated({self.regex!r}, need={self.need!r})"


def gated(pattern: str, flags: int = 0, *, scan: bool = False) -> Gated:
    """``re.compile(pattern, flags)`` behind its necessary-literal gate (written in place of
    ``re.compile`` at a pattern's definition); ``scan``: compiled by ``compile_scanned``."""
    regex = compile_scanned(pattern, flags) if scan else re.compile(pattern, flags)
    return Gated(regex, pattern)

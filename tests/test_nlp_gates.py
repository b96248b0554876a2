"""The speed gates of the extractor skip nothing their rules would read.

Two gates are derived from the rules they guard: the word gate of the metastatic-event loop
(metastatic_event.EVENT_TRIGGER_GATES: one entry per trigger of the loop's condition) and the
keys of the rarer receptor statements (receptors.STATEMENT_KEYS: a piece of each statement's
own pattern). A trigger or statement added later without its gate fails here, not silently.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from pathlib import Path

import pytest

from chatbot.nlp import metastatic_event as me
from chatbot.nlp import receptors as rc
from chatbot.nlp.evaluation import load_real

REAL = Path(__file__).parent / "data" / "real"


# the seen files only: a fresh round is run once, by the lead, before anyone reads it
SEEN = ("cases.yaml", "questions.yaml", "round2.yaml", "round3.yaml", "round4.yaml", "round5.yaml")


def _real_texts() -> list[str]:
    return [item.text for name in SEEN for item in load_real(REAL / name)]


def _loop_condition_triggers() -> set[str]:
    """The triggers named in _first_event's `if not (... or ...): continue` condition, a local
    variable read as the call it was assigned from (``spread = _carcinomatous(...)``)."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(me._first_event)))
    assigned: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            value = node.value
            if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
                assigned[node.targets[0].id] = value.func.id
    conditions = [
        node.test.operand
        for node in ast.walk(tree)
        if isinstance(node, ast.If)
        and isinstance(node.test, ast.UnaryOp)
        and isinstance(node.test.op, ast.Not)
        and isinstance(node.test.operand, ast.BoolOp)
        and isinstance(node.test.operand.op, ast.Or)
        and "_EVENT_WORD" in ast.unparse(node.test.operand)
    ]
    assert len(conditions) == 1, "the trigger condition of _first_event was not found"
    names: set[str] = set()
    for value in conditions[0].values:
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute):
            names.add(ast.unparse(value.func.value))  # _EVENT_WORD.match(word)
        elif isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
            names.add(value.func.id)  # _secondary(doc, token)
        elif isinstance(value, ast.Name):
            names.add(assigned.get(value.id, value.id))  # spread, stage_four, site
        else:
            names.add(ast.unparse(value))
    return names


def test_every_trigger_of_the_event_loop_has_a_word_gate() -> None:
    triggers = _loop_condition_triggers()
    # a token at a site read is a trigger whatever its word: the loop never gates it
    assert triggers - {"site"} == set(me.EVENT_TRIGGER_GATES), (
        "a trigger of metastatic_event._first_event has no entry in EVENT_TRIGGER_GATES "
        "(or a gate names no trigger)"
    )


# Each trigger as the loop reads it, by its name in EVENT_TRIGGER_GATES
TRIGGERS = {
    "_EVENT_WORD": lambda doc, t: bool(me._EVENT_WORD.match(t.lower_)),
    "_TNM_M1": lambda doc, t: bool(me._TNM_M1.match(t.lower_)),
    "stage_four": lambda doc, t: (
        t.lower_ in ("iv", "4") and t.i > 0 and doc[t.i - 1].lower_ == "stage"
    ),
    "_carcinomatous": me._carcinomatous,
    "_secondary": me._secondary,
    "_involvement": me._involvement,
    "_fluid_cancer": me._fluid_cancer,
    # every token a site read: the trigger then holds wherever its words do
    "_sampled_at_site": lambda doc, t: me._sampled_at_site(doc, t, range(len(doc))),
    "_came_back": me._came_back,
    "_spread_found": lambda doc, t: me._spread_found(doc, t, ()),
}

TEMPLATES = (
    "CT revealed metastases in the liver; biopsy showed recurrence.",
    "Staged cT2N1M1 at diagnosis, stage IV and stage 4 disease.",
    "Peritoneal carcinomatosis and lymphangitis carcinomatosa; carcinoma en cuirasse.",
    "A pleural effusion was malignant on cytology; malignant ascites.",
    "Cytology of the ascitic fluid showed adenocarcinoma; pleural tap showed carcinoma cells.",
    "Secondary deposits in the spine and secondary breast cancer.",
    "Diffuse infiltration of the liver by breast cancer cells; marrow replacement by lobular "
    "carcinoma; bowel involvement from ductal cancer; peritoneal seeding by tumour cells.",
    "Liver biopsy confirmed adenocarcinoma of breast origin; the gastric specimen showed ILC.",
    "The scan showed the cancer had returned; her cancer came back in the liver.",
)


def test_the_trigger_table_names_every_gate() -> None:
    assert set(TRIGGERS) == set(me.EVENT_TRIGGER_GATES)


@pytest.mark.parametrize("text", TEMPLATES)
def test_no_word_a_trigger_holds_for_is_gated_out_templates(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    held = 0
    for token in doc:
        for name, trigger in TRIGGERS.items():
            if trigger(doc, token):
                held += 1
                assert me._opens_trigger(token.lower_), (name, token.text)
    assert held, "the template holds no trigger"


def test_no_word_a_trigger_holds_for_is_gated_out_real_corpus(nlp) -> None:  # type: ignore[no-untyped-def]
    held = 0
    for text in _real_texts():
        doc = nlp(text)
        for token in doc:
            if me._opens_trigger(token.lower_):
                continue
            for name, trigger in TRIGGERS.items():
                assert not trigger(doc, token), (name, token.text, text[:80])
        held += 1
    assert held > 500


def test_every_receptor_key_is_a_piece_of_its_statement() -> None:
    assert rc.STATEMENT_KEYS
    for statement, key in rc.STATEMENT_KEYS.items():
        assert key.pattern.removeprefix(r"(?<!\s)") in statement.pattern
        assert key.flags == statement.flags


def test_no_receptor_key_is_tried_inside_a_run_of_spaces() -> None:
    # a key beginning with a bare \s+ is tried at every blank of a run: quadratic on a
    # flood ("(" + 3,999 blanks after normalising took ~0.6 s a key)
    for key in rc.STATEMENT_KEYS.values():
        assert not key.pattern.startswith("\\s"), key.pattern[:30]


def test_no_receptor_statement_is_found_without_its_key() -> None:
    from checklist import all_cases

    texts = _real_texts() + [case.text for case in all_cases()]
    for statement, key in rc.STATEMENT_KEYS.items():
        for text in texts:
            if statement.search(text):
                assert key.search(text), (statement.pattern[:40], text[:80])


def test_the_receptor_name_gate_is_the_name_reader() -> None:
    # find_statements returns nothing when _ONE_RE finds no name: the names of a statement
    # are read by _names_in (or _NamesFrom, its matches found once a text), and only
    # through _ONE_RE
    source = inspect.getsource(rc._names_in)
    assert "_ONE_RE.finditer" in source
    assert "_NamesFrom(" in inspect.getsource(rc._statements)
    reader = inspect.getsource(rc._NamesFrom)
    assert "_at(_ONE_GATED, text, starts)" in reader and "_names_in(" in reader
    assert rc._ONE_GATED.regex is rc._ONE_RE
    assert "starts = _name_starts(text)" in inspect.getsource(rc.find_statements)


def test_a_statement_is_tried_where_it_can_begin_with_the_same_matches() -> None:
    # _at tries a statement only where every match of it begins (a name after a word edge,
    # or one of the value words of PREFIXED and PREFIXED_BARE): the matches finditer finds
    from checklist import all_cases

    from chatbot.nlp.prefilter import _parser, _sequence

    for statement in rc._NAME_LED_STATEMENTS:
        assert statement.pattern.startswith(rc._NAME_LED), statement.pattern[:40]
    assert rc.PREFIXED.pattern.startswith(
        rf"(?<![\w-])(?:{rc._QUALIFIER}\s+)?(?:(?i:hormonal)\s+)?(?P<value>{rc._PREFIXED_VALUE})"
    )
    assert rc.PREFIXED_BARE.pattern.startswith(rf"(?<![\w-])(?P<value>{rc._BARE_VALUE})")
    # each string the opening alternations match begins with a start word
    for piece, words in (
        (rc._QUALIFIER, rc._QUALIFIER_STARTS),
        ("(?i:hormonal)", rc._PREFIXED_STARTS),
        (rc._PREFIXED_VALUE, rc._PREFIXED_STARTS),
        (rc._BARE_VALUE, rc._BARE_STARTS),
    ):
        exact, _ = _sequence(_parser.parse(piece))
        assert exact, piece
        for string in exact:
            assert string.startswith(tuple(words)), (piece, string)
    assert set(rc._QUALIFIER_STARTS) <= set(rc._PREFIXED_STARTS)
    texts = _real_texts() + [case.text for case in all_cases()]
    texts += ["ER/" * 1333, "HER2 and " * 444, "ſtrongly positive for ER", "negative forHER2"]
    for text in texts:
        names = rc._name_starts(text)
        assert bool(names) == (rc._ONE_RE.search(text) is not None), text[:80]
        edge = [n for n in names if rc._EDGE.match(text, n)]
        tried = [(statement, edge) for statement in rc._NAME_LED_STATEMENTS] + [
            (rc.PREFIXED, rc._word_starts(text, rc._PREFIXED_STARTS)),
            (rc.PREFIXED_BARE, rc._word_starts(text, rc._BARE_STARTS)),
            (rc._ONE_GATED, names),
        ]
        for statement, starts in tried:
            found = [(m.span(), m.groupdict()) for m in rc._at(statement, text, starts)]
            assert found == [(m.span(), m.groupdict()) for m in statement.finditer(text)], (
                statement.pattern[:40],
                text[:80],
            )


def test_no_receptor_statement_is_found_in_a_text_the_name_gate_skips() -> None:
    from checklist import all_cases

    texts = _real_texts() + [case.text for case in all_cases()]
    skipped = [text for text in texts if rc._ONE_RE.search(text) is None]
    assert len(skipped) > 300
    for text in skipped:
        assert rc._statements(text) == [], text[:80]
    # and where the gate lets a text through, the gated and ungated readers agree
    for text in texts:
        assert rc.find_statements(text) == rc._statements(text), text[:80]


def test_a_polar_question_is_tried_where_it_can_begin_with_the_same_matches() -> None:
    """questions._polar_matches (the pattern tried at the text's start and after a sentence
    mark only) finds _POLAR.finditer's matches, on the seen corpus and on questions that
    begin anywhere a match can (the start, after "?", ":", a line break, a second question
    right after the first)."""
    from chatbot.nlp import questions as qs

    texts = [
        *_real_texts(),
        "Is she premenopausal? Does she have brain mets?Is it HER2-low",
        "Q: is she ER+\nhas she had CDK4/6i; were she older. and did she progress",
        "  does she have liver mets",
        "ER+ (is she postmenopausal?)",
    ]
    for text in texts:
        expected = [m.span() for m in qs._POLAR.finditer(text)]
        assert [m.span() for m in qs._polar_matches(text)] == expected, text

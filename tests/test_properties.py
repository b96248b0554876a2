"""Hostile input through the one entry point, ``Session.send`` (issue 7).

Hypothesis throws arbitrary text, clinical vocabulary soup, markup, control
characters, bidi/zero-width characters and emoji at the dialogue; fixed cases add
100 KB messages and 5,000 repetitions of a drug name. For every reply:

- no exception;
- ``reply.to_dict()`` validates against ``REPLY_JSON_SCHEMA`` and serialises to
  strict JSON (what ``--json`` prints);
- the contract invariants the schema cannot express hold (fact values typed as the
  vocabulary says, ``asks`` only on questions, a recommendation only on answers,
  guideline statements cite sections, case statements cite none);
- every ``guideline`` statement passes ``chatbot.kb.grounding.check_statement``;
- the conversation survives: the headline case sent afterwards is still read.

Examples are derandomized (reproducible in CI) and there is no timing assertion:
the 250 ms per-reply goal is measured by ``bench/bench_all.py``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from chatbot.contract import REPLY_JSON_SCHEMA, Reply, valid_fact_value

HEADLINE = (
    "What is the recommended next treatment for a 65-year-old woman with metastatic "
    "estrogen-receptor-positive, HER2-negative breast cancer progressing in bone while on "
    "fulvestrant (Faslodex) and denosumab (Xgeva)?"
)

VALIDATOR = Draft202012Validator(REPLY_JSON_SCHEMA)

HYPOTHESIS = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    # conftest's autouse MBC_CHAT_HOME fixture is function-scoped; one temp home per test
    # (not per example) is what we want here.
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)

# --------------------------------------------------------------------------- vocabulary
DRUGS = [
    "fulvestrant",
    "Faslodex",
    "faslodx",
    "fulvestrent",
    "palbociclib",
    "Ibrance",
    "ibrnce",
    "ribocicilb",
    "abemaciclib",
    "letrozole",
    "anastrozole",
    "exemestane",
    "everolimus",
    "alpelisib",
    "capivasertib",
    "elacestrant",
    "olaparib",
    "trastuzumab",
    "T-DXd",
    "T-DM1",
    "Enhertu",
    "pertuzumab",
    "Phesgo",
    "tucatinib",
    "sacituzumab govitecan",
    "SG",
    "nab-paclitaxel",
    "paclitaxel",
    "capecitabine",
    "eribulin",
    "denosumab",
    "Xgeva",
    "pembrolizumab",
    "CDK4/6i",
    "CDK4/6 inhibitor",
    "aromatase inhibitor",
    "AI",
    "PARPi",
    "goserelin",
    "megestrol",
    "THP",
    "AC-T",
    "ET",
]
RECEPTORS = [
    "ER+",
    "ER-",
    "ER+/PR-",
    "PR+",
    "HER2+",
    "HER2-",
    "HER2 0",
    "HER2 1+",
    "HER2 2+ ISH-",
    "HER2 3+",
    "HER2-low",
    "HR-positive",
    "hormone receptor negative",
    "triple-negative",
    "TNBC",
    "PD-L1 CPS 15",
    "PD-L1 negative",
    "PIK3CA H1047R",
    "ESR1 Y537S",
    "AKT1 E17K",
    "PTEN loss",
    "BRCA2 carrier",
    "gBRCA",
    "MSI-H",
    "dMMR",
    "TMB-high",
    "NTRK fusion",
    "RET fusion",
    "IHC 2+",
]
CLINICAL = [
    "postmenopausal",
    "premenopausal",
    "post-menopausal",
    "ovarian ablation",
    "visceral crisis",
    "brain mets",
    "active brain metastases",
    "MRI brain clear",
    "liver",
    "bone",
    "lung",
    "ECOG 3",
    "frail",
    "cannot tolerate chemotherapy",
    "dialysis",
    "neuropathy",
    "heart failure",
    "low LVEF",
    "de novo",
    "treatment-naive",
    "first line",
    "second-line",
    "after two lines",
    "progressed on",
    "PD after 18 mo",
    "65F",
    "62-year-old",
    "age 300",
    "42 not 62",
    "she",
    "he",
    "male",
    "woman",
]
NEGATIONS = [
    "no",
    "not",
    "never",
    "denies",
    "without",
    "negative for",
    "wild type",
    "?",
    "if she progresses",
    "possible",
    "unlikely",
    "ruled out",
    "not not",
    "no wait",
]
COMMANDS = [
    "help",
    "why",
    "why not fulvestrant",
    "sources",
    "source preamble",
    "source nonsense/id",
    "facts",
    "reset",
    "new case",
    "unknown",
    "not tested",
    "yes",
]
MARKUP = [
    "[/]",
    "[TODO] Q3",
    "[bold]",
    "[/bold]",
    "[@click=app.quit]",
    "[link=file:///etc/passwd]",
    "[red on white]",
    "[b]x[/b]",
    "\\[",
    "]",
    "[",
    "{",
    "}",
    "<b>",
    "</script>",
    "`",
    "**",
    "%s",
    "{0}",
    "${HOME}",
    "$(reboot)",
    "'; DROP TABLE turns; --",
    "\x1b[2J",
    "\x1b]8;;x\x07",
]
WEIRD = (
    [chr(c) for c in range(0x00, 0x20)]
    + ["\x7f"]
    + [chr(c) for c in range(0x80, 0xA0)]
    + [
        "\u200b",
        "\u200c",
        "\u200d",
        "\u2060",
        "\ufeff",
        "\u00ad",
        "\u200e",
        "\u200f",
        "\u202a",
        "\u202b",
        "\u202c",
        "\u202d",
        "\u202e",
        "\u2066",
        "\u2067",
        "\u2068",
        "\u2069",
        "\u0301",
        "\u0336",
        "\ufffd",
        "\uffff",
        "\U0010ffff",
        "\u2028",
        "\u2029",
        "\u00a0",
        "\u3000",
        "ـ",
        "مريضة",
        "עברית",
        "患者",
        "🎗️",
        "💊",
        "👩🏽‍⚕️",
        "🏳️‍🌈",
        "🇬🇧",
        "𝐄𝐑+",
        "ＨＥＲ２",
        "ﬁ",
        "İ",
        "ß",
        "Ⅻ",
        "½",
        "①",
        "¹²³",
    ]
)

words = st.sampled_from(DRUGS + RECEPTORS + CLINICAL + NEGATIONS + COMMANDS)
separators = st.sampled_from([" ", " ", ", ", "; ", ". ", "/", "\n", "", " + ", " and ", " or "])


def joined(parts: st.SearchStrategy[str], max_size: int = 30) -> st.SearchStrategy[str]:
    """Join drawn parts with drawn separators."""
    return st.lists(st.tuples(parts, separators), max_size=max_size).map(
        lambda pairs: "".join(p + s for p, s in pairs)
    )


arbitrary_text = st.text(max_size=400)
clinical_soup = joined(words)
markup_soup = joined(st.one_of(words, st.sampled_from(MARKUP)))
unicode_soup = joined(st.one_of(words, st.sampled_from(WEIRD)), max_size=40)
hostile = st.one_of(arbitrary_text, clinical_soup, markup_soup, unicode_soup)


# --------------------------------------------------------------------------- checks
@pytest.fixture(scope="module")
def new_session() -> Callable[[], Any]:
    """A factory of fresh sessions; the first one loads spaCy and the knowledge (once)."""
    import chatbot

    chatbot.Session().send("hello")
    return chatbot.Session


@pytest.fixture(scope="module")
def check_statement() -> Callable[[Any], list[str]]:
    from chatbot.kb.grounding import check_statement

    return check_statement


def assert_valid_reply(reply: Reply, check_statement: Callable[[Any], list[str]]) -> None:
    """Everything the contract promises about one reply."""
    assert isinstance(reply, Reply), type(reply)
    data = reply.to_dict()
    errors = sorted(VALIDATOR.iter_errors(data), key=str)
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]
    json.dumps(data, allow_nan=False, ensure_ascii=False)  # strict JSON for --json mode
    for name, value in reply.facts.items():
        assert valid_fact_value(name, value), (name, value)
    assert (reply.asks is not None) == (reply.kind == "question"), (reply.kind, reply.asks)
    # DESIGN.md: an answer has a recommendation, or is wholly in branches (null then).
    assert (reply.recommendation is not None or bool(reply.branches)) == (reply.kind == "answer"), (
        reply.kind
    )
    assert reply.recommendation is None or reply.kind == "answer", reply.kind
    assert reply.statements, f"{reply.kind} reply says nothing"
    for statement in reply.statements:
        if statement.basis == "guideline":
            assert statement.sources, statement
            problems = check_statement(statement)
            assert problems == [], (statement, problems)
        elif statement.basis == "case":
            assert statement.sources == (), statement


def assert_survives(
    session: Any, check_statement: Callable[[Any], list[str]], known: dict[str, Any]
) -> None:
    """After the garbage, the headline case is still read (or a conflict is asked about).

    ``known`` are the facts the garbage already set: whether a later plain statement
    overrides them or is kept with a notice is the dialogue's correction policy, not
    this test's business; every fact the garbage did not set must be read.
    """
    reply = session.send(HEADLINE)
    assert_valid_reply(reply, check_statement)
    assert reply.kind in {"question", "answer", "clarification"}, reply.kind
    if reply.kind != "clarification":
        expected = {"age": 65, "hormone_receptor": "positive", "her2": "negative"}
        expected = {k: v for k, v in expected.items() if k not in known}
        got = {k: reply.facts.get(k) for k in expected}
        assert got == expected, got


def send_and_check(
    new_session: Callable[[], Any], check_statement: Callable[[Any], list[str]], messages: list[str]
) -> None:
    session = new_session()
    known: dict[str, Any] = {}
    for text in messages:
        reply = session.send(text)
        assert_valid_reply(reply, check_statement)
        known = reply.facts
    assert_survives(session, check_statement, known)


# --------------------------------------------------------------------------- properties
@HYPOTHESIS
@given(text=arbitrary_text)
def test_arbitrary_text(new_session: Any, check_statement: Any, text: str) -> None:
    send_and_check(new_session, check_statement, [text])


@HYPOTHESIS
@given(text=clinical_soup)
def test_clinical_vocabulary_soup(new_session: Any, check_statement: Any, text: str) -> None:
    send_and_check(new_session, check_statement, [text])


@HYPOTHESIS
@given(text=markup_soup)
def test_markup_and_brackets(new_session: Any, check_statement: Any, text: str) -> None:
    send_and_check(new_session, check_statement, [text])


@HYPOTHESIS
@given(text=unicode_soup)
def test_control_bidi_zero_width_emoji(new_session: Any, check_statement: Any, text: str) -> None:
    send_and_check(new_session, check_statement, [text])


@HYPOTHESIS
@given(messages=st.lists(hostile, min_size=2, max_size=5))
def test_hostile_conversation(new_session: Any, check_statement: Any, messages: list[str]) -> None:
    """Several hostile turns in one session, then the case."""
    send_and_check(new_session, check_statement, messages)


@HYPOTHESIS
@given(text=hostile)
def test_hostile_turn_mid_case(new_session: Any, check_statement: Any, text: str) -> None:
    """Garbage in the middle of a case conversation, then the next normal answers."""
    session = new_session()
    assert_valid_reply(session.send(HEADLINE), check_statement)
    assert_valid_reply(session.send(text), check_statement)
    for follow_up in ("no visceral crisis", "not tested"):
        assert_valid_reply(session.send(follow_up), check_statement)


# --------------------------------------------------------------------------- fixed extremes
BIG_INPUTS = {
    "100KB-letters": "a" * 100_000,
    "100KB-case-repeated": (HEADLINE + " ") * (100_000 // (len(HEADLINE) + 1)),
    "100KB-markup": "[bold][@click=app.quit]x[/] " * 4000,
    "100KB-no-spaces-digits": "9" * 100_000,
    "100KB-emoji": "👩🏽‍⚕️" * 15_000,
    "100KB-zero-width": "ER+\u200b" * 25_000,
    "5000x-fulvestrant": " ".join(["fulvestrant"] * 5000),
    "5000x-Faslodex-no-space": "Faslodex" * 5000,
    "5000x-misspelt": " ".join(["faslodx"] * 5000),
    "5000x-negated-drug": " ".join(["no fulvestrant"] * 5000),
    "3000x-negation-then-fact": "no " * 3000 + "visceral crisis",
    "2000x-receptor-flip": " ".join(["ER+", "ER-"] * 1000),
    "50KB-newlines": "HER2-\n" * 8000,
}


@pytest.mark.parametrize("text", list(BIG_INPUTS.values()), ids=list(BIG_INPUTS))
def test_huge_and_repetitive_messages(new_session: Any, check_statement: Any, text: str) -> None:
    send_and_check(new_session, check_statement, [text])


def test_reply_check_can_fail(check_statement: Any) -> None:
    """The checks above are not vacuous: a reply breaking the contract is caught."""
    from chatbot.contract import Statement

    with pytest.raises(AssertionError):
        assert_valid_reply(
            Reply(kind="question", statements=(Statement("?", "system"),)), check_statement
        )  # a question that asks nothing
    with pytest.raises(AssertionError):
        bad_fact = Reply(kind="info", statements=(Statement("x", "system"),), facts={"age": "65"})
        assert_valid_reply(bad_fact, check_statement)
    with pytest.raises(AssertionError):
        invented = Statement(
            "Give fulvestrant 9000 mg daily.",
            "guideline",
            ("hr-pos-her2-neg-postmenopausal/line-2/primary-options",),
        )
        assert_valid_reply(Reply(kind="info", statements=(invented,)), check_statement)


# --------------------------------------------------------------------------- the --json shell
JSON_MODE_LINES: list[bytes] = [
    b"",
    b"[@click=app.quit]quit[/] [bold]ER+[/bold] [TODO] Q3 [/]",
    "\x00\x01\x1b[31mred\x1b[0m\x7f\x85\x9b\x0b\x0c\x1c\x1d\x1e".encode(),
    "ER\u200b+ HER2\u200d- \ufeffpost\u00admenopausal \u202eER negative\u202c".encode(),
    "\u2028HER2+\u2029 🎗️💊 👩🏽‍⚕️ مريضة 患者".encode(),
    b"\xff\xfe ER+ \xc3\x28 HER2- \xed\xa0\x80 invalid utf-8 \xf4\x90\x80\x80",
    b'{"kind": "answer"}"}]\\',
    ("fulvestrant " * 5000).encode(),
    b"a" * 100_000,
    HEADLINE.encode(),
    b"no visceral crisis",
]


def test_json_mode_one_reply_line_per_hostile_input_line(request: pytest.FixtureRequest) -> None:
    """``mbc-chat --json`` (as a process) answers each stdin line with one valid JSON line,
    whatever bytes the line holds: invalid UTF-8, NUL, C1 controls, U+2028, 100 KB."""
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "chatbot", "--json"],
        input=b"\n".join(JSON_MODE_LINES) + b"\n",
        capture_output=True,
        cwd=request.config.rootpath,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-2000:]
    out = proc.stdout.decode("ascii").split("\n")
    assert out[-1] == "", "output must end with a newline"
    assert len(out) - 1 == len(JSON_MODE_LINES), (len(out) - 1, len(JSON_MODE_LINES))
    for line in out[:-1]:
        data = json.loads(line)
        assert not list(VALIDATOR.iter_errors(data)), data


ANSWER_FOLLOW_UP = (
    "No visceral crisis. Fulvestrant was her first treatment for metastatic disease, no prior "
    "CDK4/6 inhibitor. PIK3CA mutation detected; ESR1, AKT1 and PTEN not tested."
)
command_prefixes = st.sampled_from(
    ["why not ", "why ", "source ", "sources ", "help ", "facts ", "reset ", "actually ", "sorry, "]
)


@HYPOTHESIS
@given(prefix=command_prefixes, argument=hostile)
def test_commands_with_hostile_arguments_after_an_answer(
    new_session: Any, check_statement: Any, prefix: str, argument: str
) -> None:
    """Commands and corrections carrying garbage, once the case has been answered."""
    session = new_session()
    session.send(HEADLINE)
    answered = session.send(ANSWER_FOLLOW_UP)
    assert_valid_reply(answered, check_statement)
    assert answered.kind == "answer", "precondition: the headline case is answered"
    assert_valid_reply(session.send(prefix + argument), check_statement)
    assert_valid_reply(session.send("why"), check_statement)


# --------------------------------------------------------------------------- determinism
@HYPOTHESIS
@given(messages=st.lists(st.one_of(clinical_soup, st.just(HEADLINE)), min_size=1, max_size=4))
def test_same_conversation_same_replies(
    new_session: Any, check_statement: Any, messages: list[str]
) -> None:
    """DESIGN.md: the same conversation always gets the same answer (in one process)."""
    first, second = new_session(), new_session()
    for text in messages:
        assert first.send(text).to_dict() == second.send(text).to_dict()


@pytest.mark.slow
def test_replies_do_not_depend_on_hash_seed(request: pytest.FixtureRequest) -> None:
    """Across processes too: set/dict order must not leak into replies (PYTHONHASHSEED)."""
    import os
    import subprocess
    import sys
    from concurrent.futures import ThreadPoolExecutor

    import yaml

    lines: list[str] = []
    for path in sorted((request.config.rootpath / "transcripts").glob("**/*.yaml")):
        turns = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("turns") or []
        lines += [" ".join(str(t["user"]).split()) for t in turns if "user" in t] + ["reset"]
    assert len(lines) > 50, "expected the transcripts as a corpus"
    # both seeds at once: the wall time of one where a core is free (the end of a run)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "chatbot", "--json"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=request.config.rootpath,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        for seed in ("1", "2")
    ]
    outputs = []
    stdin_text = "\n".join(lines) + "\n"
    try:
        with ThreadPoolExecutor(2) as pool:  # each process fed and read by its own thread
            results = list(pool.map(lambda proc: proc.communicate(stdin_text, timeout=600), procs))
    finally:
        for proc in procs:
            proc.kill()
            proc.wait()
    for proc, (stdout, stderr) in zip(procs, results, strict=True):
        assert proc.returncode == 0, stderr[-2000:]
        outputs.append(stdout.splitlines())
    assert len(outputs[0]) == len(lines)
    for text, a, b in zip(lines, *outputs, strict=True):
        assert a == b, f"reply to {text!r} differs between hash seeds"


def test_plain_mode_survives_hostile_input(request: pytest.FixtureRequest) -> None:
    """``mbc-chat --plain`` reads the same hostile lines to the end: exit 0, no traceback,
    a ``you>`` prompt for every input line, valid UTF-8 out."""
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "chatbot", "--plain"],
        input=b"\n".join(JSON_MODE_LINES) + b"\n",
        capture_output=True,
        cwd=request.config.rootpath,
        timeout=300,
        check=False,
    )
    stderr = proc.stderr.decode(errors="replace")
    assert proc.returncode == 0, stderr[-2000:]
    assert "Traceback" not in stderr
    out = proc.stdout.decode("utf-8", errors="strict")
    assert out.count("you>") >= len(JSON_MODE_LINES), out[-2000:]

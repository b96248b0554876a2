"""A case pasted into the chat as lines reads as its lines (stop 49).

The chat's input cleaning (``chatbot.dialogue.core.sanitize``) collapsed every whitespace
run, line breaks included, into one space. A pasted list then ran its lines together: a
negation in one line reached a finding in the next ("Tx: none yet" / "Germline: BRCA2
mutation" read a *negative* BRCA test), and a regimen told on its own line lost its
progression. ``extract()`` on the text as written (the corpus benchmark's path) read the
lines apart; the chat now keeps one line break per run, so both paths read alike.
"""

from __future__ import annotations

import pytest

from chatbot.dialogue.core import echo, sanitize
from chatbot.nlp import extract

PASTED_BRCA = (
    "Patient: 55F\nDx: de novo stage IV HR+/HER2-\nSites: bone only\nTx: none yet\n"
    "Germline: BRCA2 mutation\nQ: first line?"
)
PASTED_HISTORY = (
    "Hx:\nLeft breast IDC 2015, adjuvant AC-T, tamoxifen x5y\n2022 bone mets\n"
    "Fulvestrant + abemaciclib, PD 2024\nBRCA neg\nWhat next?"
)


def test_sanitize_keeps_one_line_break_per_run_and_one_space_otherwise() -> None:
    assert sanitize("a\r\n\r\n  b\t\tc\u2028d\x00e \n ") == "a\nb c\nd e"
    assert sanitize("x\x0by\x85z") == "x\ny\nz"
    # shown back to the user on one line
    assert echo("x\ny", quote=False) == "x y"


def test_a_negation_in_one_pasted_line_does_not_reach_the_next(session_factory) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send(PASTED_BRCA)
    facts = session.facts
    assert facts.get("germline_brca") is True
    assert facts.get("metastatic_sites") == ["bone"]
    assert facts.get("prior_lines") == 0


def test_a_regimen_on_its_own_line_keeps_its_progression(session_factory) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send(PASTED_HISTORY)
    facts = session.facts
    assert facts.get("prior_cdk46") is True
    assert facts.get("progressed_on") == ["fulvestrant", "abemaciclib"]
    assert facts.get("germline_brca") is False


@pytest.mark.parametrize("text", [PASTED_BRCA, PASTED_HISTORY])
def test_the_chat_reads_a_pasted_case_as_extract_reads_it(session_factory, text: str) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send(text)
    told = extract(text).facts
    assert {k: v for k, v in session.facts.items() if k in told} == told


def test_the_chat_reads_every_multi_line_real_text_as_extract_does() -> None:
    """A property, not a score (no label is read): every real text with a line break or a
    run of spaces extracts the same facts through the chat's cleaning as written. Before
    stop 49, 18 of the 881 multi-line texts differed."""
    from pathlib import Path

    from chatbot.nlp.evaluation import load_real

    real = Path(__file__).parent / "data" / "real"
    texts = [
        item.text
        for path in sorted(real.glob("*.yaml"))
        for item in load_real(path)
        if "\n" in item.text.strip() or "  " in item.text
    ]
    assert len(texts) > 800
    differ = [t[:80] for t in texts if extract(t).facts != extract(sanitize(t)).facts]
    assert differ == []

"""Property over the real-text corpus: a message whose extraction yields case facts is a case.

Every text of tests/data/real/*.yaml labelled ``handling: case`` is sent to a fresh session;
whatever it ends with ("…, 2L?", "Is that true?", "How would we decide?"), it is routed as a
case (or a correction / what-if) and every fact extraction reads stays in the session. The only
exceptions are excerpts that never say the patient has breast cancer at all, or only early
disease — declined as out of scope, listed here with the reason (a new one fails the test).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from chatbot.dialogue.core import sanitize

REAL = Path(__file__).parent / "data" / "real"
DECLINED_BY_DESIGN = {
    "case-0036": "ulcerative colitis with hepatitis; no cancer known in the excerpt",
    "case-0069": "asthma and dyspnoea; no cancer known in the excerpt",
    "case-0140": "nausea and diabetes; no cancer known in the excerpt",
    "case-0198": "stage II disease from 1990 and adjuvant tamoxifen; no sign of metastasis",
    "r4-0050": "a second primary in the same breast, mastectomy and AC; no sign of metastasis",
    # in scope only by "died of breast cancer" (FORMAT.md round 46); the excerpt tells a
    # mastectomy, chemotherapy and radiography and no spread: read as early disease (README,
    # reading round 48)
    "r48-0038": "died of breast cancer after mastectomy and chemotherapy; no spread told",
}
# round 52's first run (2589eb8): routing misses recorded before they are read, fixed by the
# next commit (this set is then emptied)
FIRST_RUN_MISSES: set[str] = set()


def _case_texts() -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for path in sorted(REAL.glob("*.yaml")):
        # libyaml's safe loader where PyYAML has it: the same data, several times faster
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        items += yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or []
    return [i for i in items if i.get("handling") == "case"]


CASE_TEXTS = _case_texts()


def test_the_corpus_has_case_texts() -> None:
    assert len(CASE_TEXTS) >= 200


@pytest.mark.parametrize("item", CASE_TEXTS, ids=[str(i["id"]) for i in CASE_TEXTS])
def test_a_case_text_keeps_its_extracted_facts(item: dict[str, Any], session_factory: Any) -> None:
    session = session_factory()
    text = str(item["text"])
    extracted = session._backends.extract(sanitize(text))  # noqa: SLF001 (what the session reads)
    reply = session.send(text)
    if item["id"] in DECLINED_BY_DESIGN:
        assert reply.kind == "out_of_scope"
        return
    if not extracted.facts:
        return
    if item["id"] in FIRST_RUN_MISSES:
        pytest.xfail("round 52 first-run routing miss")
    assert session.last_route.intent in ("case", "correction", "what_if"), session.last_route
    assert set(extracted.facts) <= set(session.facts), sorted(
        set(extracted.facts) - set(session.facts)
    )
    turns = 0
    # a clarification with quick replies asks an uncertain fact back ("Age sounded uncertain
    # … How old is she?" for a 15-year-old): answered like a question, as the dialogue
    # benchmark does (bench/bench_dialogue_real.py)
    while (reply.kind == "question" or (reply.kind == "clarification" and reply.choices)) and (
        turns < 12
    ):
        reply = session.send("not known")
        turns += 1
    assert reply.kind in ("answer", "info")
    # every statement composed for the conversation passed the grounding guard
    assert session.dropped == [], session.dropped[:1]

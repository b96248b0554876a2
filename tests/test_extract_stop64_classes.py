"""Stop 64: classes found beside round 127, fixed before its first run.

- What was heard, learned or told is the disease in general when its clause names no one's
  cancer and goes on in the present of all cases ("I heard that metastatic breast cancer can
  be treated for years", "I was told that recurrence is common"): no metastatic event, so no
  "0 lines" inference. Her own news stays an event ("I learned I have metastatic breast
  cancer in my liver", "told that my cancer is metastatic").
- Hearing the news is telling it, like learning it: "It was a complete shock to hear
  metastatic breast cancer in my liver" is the discovery, 0 lines as an inference.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


@pytest.mark.parametrize(
    "text",
    [
        "I heard that metastatic breast cancer can be treated for years. What are the options for ER+ with bone mets?",
        "I learned that metastatic breast cancer can be treated for years. ER+ HER2- with bone mets, what next?",
        "I was told that recurrence is common. ER+ HER2- MBC in the liver, what now?",
        "The doctor told me metastatic breast cancer is treatable. Mine is HER2+ in the lungs.",
    ],
)
def test_the_disease_in_general_heard_or_told_is_no_event(text: str) -> None:
    assert "prior_lines" not in extract(text).facts


@pytest.mark.parametrize(
    "text",
    [
        "It was a complete shock to hear metastatic breast cancer in my liver.",
        "She heard the cancer had spread to her bones.",
        "I learned I have metastatic breast cancer in my liver.",
        "I was told that my cancer is metastatic.",
        "We were told it had spread to the bones.",
    ],
)
def test_her_own_news_heard_or_told_is_the_event(text: str) -> None:
    found = extract(text)
    assert found.facts.get("prior_lines") == 0
    assert "prior_lines" in found.inferred

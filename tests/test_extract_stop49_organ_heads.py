"""Stop 49: an organ word that needs a head to be a site (``pelvic bone``, ``vertebra``) is
placed by the return told before it across a time aside or a lay region (read from older,
already-read test texts, r53-0026 and r57-0040: not first-run evidence):

- "the cancer had returned – this time in her pelvic bone", "came back, now in her pelvic bone";
- "came back in her pelvic bone" ("came back" as the head, as "returned" is);
- "spread to the back vertebra" (a lay region naming the bone).
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


@pytest.mark.parametrize(
    "text",
    [
        "In February of 2012, the cancer returned. A scan revealed that the cancer had returned – "
        "this time in her pelvic bone.",
        "Her breast cancer returned, this time in her pelvic bone.",
        "Her breast cancer came back, now in her pelvic bone.",
        "Her breast cancer came back in her pelvic bone.",
        "Her breast cancer has spread to the back vertebra.",
    ],
)
def test_a_bone_placed_by_its_return_across_an_aside_or_a_region(text: str) -> None:
    assert extract(text).facts.get("metastatic_sites") == ["bone"]


@pytest.mark.parametrize(
    "text",
    [
        # a person coming back, not her cancer
        "She came back from the clinic with pain in her pelvic bone.",
        "She had a lump removed this time in her breast.",
    ],
)
def test_no_head_no_site(text: str) -> None:
    assert "metastatic_sites" not in extract(text).facts

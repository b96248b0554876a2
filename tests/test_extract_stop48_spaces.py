"""Stop 48: the extra spaces typed after a full stop ("… and bones.  At age 44, with two young
children …") end the sentence before them, so the next word starts the next sentence as it
does after one space; a pattern reading a sentence's first word ("At age 44,") finds it. It
failed on the code before (the whitespace token started the sentence). The chat collapses
whitespace before it extracts (chatbot.dialogue.core.sanitize), so this was a difference
between ``extract`` on the text as written (the corpus benchmark's path) and the chat."""

from __future__ import annotations

from chatbot.nlp import extract, load_pipeline


def test_extra_spaces_after_a_full_stop_leave_the_next_word_the_sentence_start(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = load_pipeline()("She was diagnosed.  At age 44 she had spread. She was ill.")
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["She", "At", "She"]
    told = (
        "She never had a previous diagnosis of breast cancer prior to them finding that it had "
        "spread from her breast to her liver, lymph nodes and bones.  At age 44, with two young "
        "children, the shock waves were huge."
    )
    assert extract(told).facts.get("age") == 44
    # one space and two read alike
    assert extract(told.replace(".  At", ". At")).facts.get("age") == 44

"""The render stage: one answer model (:mod:`chatbot.render.model`) read by every shell.

``plain`` (``--plain``), ``jsonl`` (``--json``) and ``markdown`` (exports) render it as
text; the Textual widgets in ``chatbot.tui`` read the same model. Headless: nothing
here imports textual.
"""

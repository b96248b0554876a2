"""The Textual chat app: a thin shell over ``chatbot.Session().send``.

Import :func:`chatbot.tui.app.make_app` to build it; this package's ``__init__``
imports nothing heavy so ``chatbot.tui.text`` (pure input/rendering helpers)
stays usable without textual loaded.
"""

from __future__ import annotations

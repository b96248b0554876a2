"""The conversation layer: case state, follow-up policy, answers, retrieval, commands.

Everything here is headless (no textual); ``Session`` in ``session.py`` is the one
entry point the TUI, ``--plain``/``--json`` and the transcript replayer use.
"""

"""``--json``: one reply object (the DESIGN.md contract, ``choices`` included) per line."""

from __future__ import annotations

import json

from chatbot.contract import Reply


def reply_json_line(reply: Reply) -> str:
    """One reply as one line of JSON (ASCII-escaped, so no character can break the line)."""
    return json.dumps(reply.to_dict(), ensure_ascii=True, separators=(",", ":"))

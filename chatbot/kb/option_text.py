"""Parse a guideline ``Primary options`` / ``Secondary options`` block into its structure.

The text joins regimens with four separator lines::

    OR          top-level alternatives
    -- AND --   required parts of one alternative
    and         co-drugs within one part
    or          choices within one part

``or`` binds tighter than ``-- AND --``, and the guideline never mixes ``and``
with ``or`` inside one part. Every other line is a drug entry, ``name: dose`` or a
bare ``name``. The parser is used by the dev generator
(``knowledge/tools/generate_options.py``) and by the tests that prove the
reviewed YAML still matches the text — so a dropped regimen fails a test.
"""

from __future__ import annotations

from dataclasses import dataclass

OR_ALTERNATIVE = "OR"
AND_PART = "-- AND --"
AND_CODRUG = "and"
OR_CHOICE = "or"
_SEPARATORS = (OR_ALTERNATIVE, AND_PART, AND_CODRUG, OR_CHOICE)
_HEADERS = ("Primary options", "Secondary options")


@dataclass(frozen=True, slots=True)
class ParsedEntry:
    """One drug line: generic name and its dose string (None when the line is a bare name)."""

    name: str
    dose: str | None
    line: str


@dataclass(frozen=True, slots=True)
class ParsedPart:
    """One required part: ``kind`` is ``and`` (co-drugs) or ``or`` (choose one)."""

    kind: str
    entries: tuple[ParsedEntry, ...]


ParsedAlternative = tuple[ParsedPart, ...]


def parse_entry(line: str) -> ParsedEntry:
    """``"fulvestrant: 500 mg …"`` → (fulvestrant, "500 mg …"); ``"doxorubicin"`` → (doxorubicin, None)."""
    name, sep, dose = line.partition(": ")
    if sep:
        return ParsedEntry(name.strip(), dose.strip(), line)
    return ParsedEntry(line.strip(), None, line)


def parse_option_block(text: str) -> list[ParsedAlternative]:
    """Split one option section's text into alternatives → parts → entries.

    Raises ValueError if the block's shape breaks the grammar above.
    """
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if lines and lines[0] in _HEADERS:
        lines = lines[1:]
    if not lines:
        raise ValueError("empty option block")
    alternatives: list[list[str]] = [[]]
    for ln in lines:
        if ln == OR_ALTERNATIVE:
            alternatives.append([])
        else:
            alternatives[-1].append(ln)
    parsed: list[ParsedAlternative] = []
    for alt in alternatives:
        parts: list[list[str]] = [[]]
        for ln in alt:
            if ln == AND_PART:
                parts.append([])
            else:
                parts[-1].append(ln)
        out_parts: list[ParsedPart] = []
        for part in parts:
            if not part:
                raise ValueError("empty part in option block")
            seps = set(part[1::2])
            entries = part[0::2]
            if any(e in _SEPARATORS for e in entries) or not seps <= {AND_CODRUG, OR_CHOICE}:
                raise ValueError(f"malformed part: {part!r}")
            if len(seps) > 1:
                raise ValueError(f"part mixes 'and' with 'or': {part!r}")
            kind = seps.pop() if seps else AND_CODRUG
            out_parts.append(ParsedPart(kind, tuple(parse_entry(e) for e in entries)))
        parsed.append(tuple(out_parts))
    return parsed

"""A ``GuidelineReview`` as plain text (terminal) or Markdown (for the reviewing clinician).

Both say the same things in the same order: the verdict, what must be re-encoded
(file and key), each changed section with its word-level change and the encoded items
resting on it, titles and headings, nodes and groups added or gone, and the
transcripts to re-check.
"""

from __future__ import annotations

import re

from chatbot.kb.update.review import PARAGRAPH, GuidelineReview, Hunk, ItemOnSection, SectionChange

_STATE_MARK = {"not verbatim": "✗", "partly gone": "!", "paragraph changed": "?", "verbatim": "✓"}
_STATE_WORDS = {
    "not verbatim": "NOT verbatim in the new text",
    "partly gone": "still in the text, but gone from some sections",
    "paragraph changed": "still verbatim, but its paragraph changed: read it again",
    "verbatim": "still verbatim (the change is elsewhere in the section)",
}
_EXCERPT_WORDS = 60
_SPACING_ONLY = "(only spacing or line breaks changed; every word is the same)"


def _short(sha: str) -> str:
    return sha[:12]


def _excerpt(text: str, words: int = _EXCERPT_WORDS) -> str:
    tokens = text.replace("\n\n", f" {PARAGRAPH} ").split()
    return " ".join(tokens[:words]) + (" …" if len(tokens) > words else "")


def verdict(rv: GuidelineReview) -> str:
    if rv.identical:
        return "The new text is identical to the pinned text."
    blocking = len(rv.blocking)
    review_only = len(rv.problems) - blocking
    if not rv.problems:
        return (
            "Nothing encoded is affected: every encoded item is still verbatim. "
            "`mbc-chat guideline accept` will take this text."
        )
    parts = []
    if blocking:
        parts.append(
            f"{blocking} encoded item(s) must be re-encoded before `accept` will take this text"
        )
    if review_only:
        parts.append(f"{review_only} item(s) change what the bot shows and need review")
    return "; ".join(parts) + "."


def _counts(rv: GuidelineReview) -> list[tuple[str, int]]:
    by_how = {
        h: sum(1 + len(c.same_as) for c in rv.sections if c.how == h)
        for h in ("changed", "added", "removed")
    }
    items = [i for c in rv.sections for i in c.items]
    keys = {
        state: {(i.item.file, i.item.key) for i in items if i.state == state}
        for state in _STATE_MARK
    }
    return [
        ("sections changed", by_how["changed"]),
        ("sections added", by_how["added"]),
        ("sections removed", by_how["removed"]),
        ("node titles changed", len(rv.titles_changed)),
        ("group headings changed", len(rv.headings_changed)),
        ("nodes added / gone", len(rv.nodes_added) + len(rv.nodes_gone)),
        ("groups added / gone", len(rv.groups_added) + len(rv.groups_gone)),
        ("encoded items on changed sections: not verbatim", len(keys["not verbatim"])),
        (
            "encoded items on changed sections: verbatim, paragraph changed",
            len(keys["paragraph changed"] | keys["partly gone"]),
        ),
        ("encoded items on changed sections: verbatim, change elsewhere", len(keys["verbatim"])),
        ("problems to fix before accept (file and key)", len(rv.blocking)),
        ("transcripts whose cited sections changed", len(rv.transcripts)),
    ]


# --------------------------------------------------------------------------- plain text


def _hunk_text(h: Hunk) -> str:
    out = []
    for op, words in h.segments:
        out.append(words if op == "=" else f"[-{words}-]" if op == "-" else f"{{+{words}+}}")
    return ("… " if h.clipped_before else "") + " ".join(out) + (" …" if h.clipped_after else "")


def _ordered(items: tuple[ItemOnSection, ...]) -> list[tuple[ItemOnSection, list[str]]]:
    """Items to re-encode first, then the ones to read again, in file order within each;
    the same text in several places of one file (a drug line in several regimens) is one
    row listing every key."""
    rank = {"not verbatim": 0, "partly gone": 1, "paragraph changed": 2, "verbatim": 3}
    rows: dict[tuple[str, str, str, str, str], tuple[ItemOnSection, list[str]]] = {}
    for i in sorted(items, key=lambda i: rank[i.state]):
        sig = (i.state, i.reason, i.item.kind, i.item.text, i.item.file)
        rows.setdefault(sig, (i, []))[1].append(i.item.key)
    return list(rows.values())


def _state_words(c: SectionChange, i: ItemOnSection) -> str:
    if c.how == "added" and i.state == "verbatim":
        return "in this new section (the bot will show or cite it here)"
    if c.how == "removed" and i.state == "not verbatim":
        return "the section is gone from the new text"
    words = _STATE_WORDS[i.state]
    if i.state == "not verbatim" and i.item.context:
        words += f" ({i.item.context})"
    return words + (f" — {i.reason}" if i.reason and i.state != "verbatim" else "")


def _item_line(c: SectionChange, i: ItemOnSection, keys: list[str]) -> str:
    return (
        f"    {_STATE_MARK[i.state]} {i.item.kind}: {_excerpt(i.item.text, 30)!r}\n"
        f"        {i.item.file}: {', '.join(keys)} — {_state_words(c, i)}"
    )


def to_text(rv: GuidelineReview) -> str:
    lines = [
        f"Guideline review: {rv.new_name} against the pinned {rv.pin.file} ({rv.pin.title})",
        f"  pinned sha256 {_short(rv.old_sha256)}…   new sha256 {_short(rv.new_sha256)}…",
        "",
        verdict(rv).replace("`", ""),
    ]
    lines += [f"note: {n}" for n in rv.notes]
    if rv.identical:
        return "\n".join(lines) + "\n"
    lines.append("")
    lines += [f"  {n:>3}  {label}" for label, n in _counts(rv)]
    if rv.problems:
        lines += ["", "MUST BE RE-ENCODED (file: key — why)"]
        lines += [f"  {p.where} — {p.why}" for p in rv.blocking]
        review_only = [p for p in rv.problems if not p.blocking]
        if review_only:
            lines += ["", "TO REVIEW (the knowledge still loads; what the bot shows changes)"]
            lines += [f"  {p.where} — {p.why}" for p in review_only]
    if rv.headings_changed or rv.titles_changed:
        lines += ["", "HEADINGS AND TITLES CHANGED"]
        lines += [f"  group {g}: {a!r} → {b!r}" for g, a, b in rv.headings_changed]
        lines += [f"  node {n}: {a!r} → {b!r}" for n, a, b in rv.titles_changed]
    structure = [
        *(f"  node moved: {a} → {b} (same title; renumbered?)" for a, b in rv.moved),
        *(f"  node added: {n}" for n in rv.nodes_added),
        *(f"  node gone:  {n}" for n in rv.nodes_gone),
        *(f"  group added: {g}" for g in rv.groups_added),
        *(f"  group gone:  {g}" for g in rv.groups_gone),
    ]
    if structure:
        lines += ["", "NODES AND GROUPS", *structure]
    if rv.sections:
        lines += ["", "SECTIONS ([-removed-] {+added+})"]
    for c in rv.sections:
        lines += ["", f"{c.how.upper()}  {c.id}", f"  {' › '.join(c.path)}"]
        if c.same_as:
            lines.append(f"  the same change in {len(c.same_as)} more: {', '.join(c.same_as)}")
        if c.how == "changed":
            lines += [f"  {_hunk_text(h)}" for h in c.hunks] or [f"  {_SPACING_ONLY}"]
        else:
            lines.append(f"  {_excerpt(c.text)}")
        if c.items:
            lines.append("  encoded items resting on it:")
            lines += [_item_line(c, i, keys) for i, keys in _ordered(c.items)]
        else:
            lines.append("  no encoded item rests on it")
    if rv.transcripts:
        lines += ["", "TRANSCRIPTS TO RE-CHECK (their cited sections changed)"]
        lines += [f"  {t.path}: {', '.join(t.sections)}" for t in rv.transcripts]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _hunk_md(h: Hunk) -> str:
    out = []
    for op, words in h.segments:
        if op == "=":
            out.append(_md(words))
        elif op == "-":
            out.append(f"~~{_md(words)}~~")
        else:
            out.append(f"**{_md(words)}**")
    return ("… " if h.clipped_before else "") + " ".join(out) + (" …" if h.clipped_after else "")


def _section_md(c: SectionChange) -> list[str]:
    lines = [f"### {c.how.capitalize()}: `{c.id}`", "", f"*{_md(' › '.join(c.path))}*", ""]
    if c.same_as:
        lines += [
            f"The same change appears in {len(c.same_as)} more section(s): "
            + ", ".join(f"`{s}`" for s in c.same_as),
            "",
        ]
    if c.how == "changed":
        lines += ["Change (~~removed~~ **added**):", ""]
        for h in c.hunks:
            lines += [f"> {_hunk_md(h)}", ""]
        if not c.hunks:
            lines += [f"> {_SPACING_ONLY}", ""]
    else:
        # the whole text: a clinician reads a new or removed passage in full
        paragraphs = [p.strip() for p in c.text.split("\n\n") if p.strip()]
        lines += [f"{'New' if c.how == 'added' else 'Removed'} text:", ""]
        lines += [f"> {_md(p)}\n>" for p in paragraphs[:-1]] + [f"> {_md(paragraphs[-1])}", ""]
    if not c.items:
        lines += ["No encoded item rests on this section.", ""]
        return lines
    lines += [
        "Encoded items resting on this section:",
        "",
        "| | item | text | file · key | in the new text |",
        "|---|---|---|---|---|",
    ]
    for i, keys in _ordered(c.items):
        state = _state_words(c, i)
        lines.append(
            f"| {_STATE_MARK[i.state]} | {_md(i.item.kind)} | {_md(_excerpt(i.item.text, 30))} "
            f"| `{i.item.file}` · {', '.join(f'`{k}`' for k in keys)} | {_md(state)} |"
        )
    lines.append("")
    return lines


def to_markdown(rv: GuidelineReview) -> str:
    lines = [
        "# Guideline update review",
        "",
        f"- **Pinned text:** `{rv.pin.file}` — {_md(rv.pin.title)} — sha256 `{rv.old_sha256}`",
        f"- **New text:** `{rv.new_name}` — sha256 `{rv.new_sha256}`",
        "",
        f"**Verdict:** {verdict(rv)}",
        "",
    ]
    lines += [f"> Note: {_md(n)}" for n in rv.notes]
    if rv.notes:
        lines.append("")
    if rv.identical:
        return "\n".join(lines)
    lines += [
        "How to read this: each changed section shows the words removed (~~struck~~) and added",
        "(**bold**), then every encoded item that rests on it — an option entry with its dose, a",
        "rule's, warning's or evidence quote, a supportive-care item — and whether it is still",
        "word-for-word in the new text. ✗ must be re-encoded. ? is still word-for-word but the",
        "paragraph around it was reworded: read it and confirm the item still says what the",
        'guideline means (a new "not" or "only after …" next to a quote changes it). ✓ is',
        "unchanged and the change is elsewhere in the section.",
        "",
        "## Summary",
        "",
        "| | count |",
        "|---|---|",
    ]
    lines += [f"| {label} | {n} |" for label, n in _counts(rv)]
    lines.append("")
    if rv.problems:
        lines += ["## Must be re-encoded before accepting", ""]
        lines += [f"- `{p.file}` · `{p.key}` — {_md(p.why)}" for p in rv.blocking] or ["- nothing"]
        review_only = [p for p in rv.problems if not p.blocking]
        if review_only:
            lines += [
                "",
                "### To review (the knowledge still loads; what the bot shows changes)",
                "",
            ]
            lines += [f"- `{p.file}` · `{p.key}` — {_md(p.why)}" for p in review_only]
        lines.append("")
    if rv.headings_changed or rv.titles_changed:
        lines += [
            "## Group headings and node titles changed",
            "",
            "| where | was | now |",
            "|---|---|---|",
        ]
        lines += [f"| group `{g}` | {_md(a)} | {_md(b)} |" for g, a, b in rv.headings_changed]
        lines += [f"| node `{n}` | {_md(a)} | {_md(b)} |" for n, a, b in rv.titles_changed]
        lines.append("")
    structure = [
        *(f"- node moved: `{a}` → `{b}` (same title: lines renumbered?)" for a, b in rv.moved),
        *(f"- node added: `{n}`" for n in rv.nodes_added),
        *(f"- node gone: `{n}`" for n in rv.nodes_gone),
        *(f"- group added: `{g}`" for g in rv.groups_added),
        *(f"- group gone: `{g}`" for g in rv.groups_gone),
    ]
    if structure:
        lines += ["## Nodes and groups added or gone", "", *structure, ""]
    if rv.sections:
        lines += ["## Changes, section by section", ""]
        for c in rv.sections:
            lines += _section_md(c)
    lines += ["## Transcripts whose cited sections changed", ""]
    if rv.transcripts:
        lines += [
            "Replay them after accepting and check their expectations still follow the new text:",
            "",
        ]
        lines += [
            f"- `{t.path}` — {', '.join(f'`{s}`' for s in t.sections)}" for t in rv.transcripts
        ]
    else:
        lines.append("None.")
    lines.append("")
    return "\n".join(lines)

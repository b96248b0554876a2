"""Bootstrap the per-group node YAML from the guideline's option blocks (dev tool).

Run once to draft ``knowledge/nodes/<group>.yaml``; the drafts are then reviewed and
hand-annotated (variants, narrative-only options, notes). The YAML is the source of
truth afterwards: ``tests/test_knowledge.py`` re-parses the text and fails if a
regimen, dose string or separator no longer matches. Existing files are never
overwritten unless ``--force`` is given.

    .venv/bin/python knowledge/tools/generate_options.py [OUT_DIR] [--force]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from chatbot.kb.option_text import ParsedPart, parse_option_block
from chatbot.kb.sections import load_index

VARIANTS = {
    "-non-chemo-candidate": {"chemo_candidate": False},
    "-brain-metastases": {"brain_metastases": True},
    "-gbrca": {"germline_brca": True},
}
DOSE_NOTES = (
    "See local specialist protocol for choice of regimen and dosing guidelines.",
    "See local specialist protocol for choice or regimen and dosing guidelines.",
    "See local specialist protocol for dosing guidelines.",
)


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def part_yaml(part: ParsedPart) -> str:
    lines = [e.line for e in part.entries]
    if len(lines) == 1:
        return q(lines[0])
    return "{" + part.kind + ": [" + ", ".join(q(x) for x in lines) + "]}"


def variant_for(group: str, slug: str, siblings: set[str]) -> dict[str, bool]:
    for suffix, variant in VARIANTS.items():
        if slug.endswith(suffix):
            return dict(variant)
    if slug == "sequential-endocrine-trastuzumab":
        return {"chemo_candidate": False, "ovarian_ablation": True}
    if slug + "-non-chemo-candidate" in siblings:
        return {"chemo_candidate": True}
    if slug + "-brain-metastases" in siblings:
        return {"brain_metastases": False}
    if slug + "-gbrca" in siblings:
        return {"germline_brca": False}
    return {}


def render_group(group: str) -> str:
    index = load_index()
    nodes = [n for n in index.nodes if n.group == group]
    siblings = {n.node for n in nodes}
    out = [
        f"# {index[group].title}",
        "# Drafted by knowledge/tools/generate_options.py from the option blocks, then reviewed.",
        '# Option entries are the guideline\'s own lines ("drug: dose" or a bare drug name).',
        f"group: {group}",
        "nodes:",
    ]
    for n in nodes:
        nid = f"{group}/{n.node}"
        narrative = index[f"{nid}/narrative"].text
        out.append(f"  {n.node}:")
        line = n.line if n.line is not None else 1
        out.append(f"    line: {line}")
        out.append(f"    title: {q(n.title)}")
        variant = variant_for(group, n.node, siblings)
        if variant:
            out.append(
                "    variant: {"
                + ", ".join(f"{k}: {str(v).lower()}" for k, v in variant.items())
                + "}"
            )
        for note in DOSE_NOTES:
            if note in narrative:
                out.append(f"    dose_note: {q(note)}")
                break
        for tier in ("primary", "secondary"):
            sid = f"{nid}/{tier}-options"
            if sid not in index:
                continue
            out.append(f"    {tier}:")
            out.append(f"      sources: [{sid}]")
            out.append("      alternatives:")
            for alt in parse_option_block(index[sid].text):
                out.append("        - [" + ", ".join(part_yaml(p) for p in alt) + "]")
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    force = "--force" in argv
    args = [a for a in argv if a != "--force"]
    out_dir = Path(args[0]) if args else Path("knowledge/nodes")
    out_dir.mkdir(parents=True, exist_ok=True)
    groups = dict.fromkeys(n.group for n in load_index().nodes)
    for group in groups:
        path = out_dir / f"{group}.yaml"
        if path.exists() and not force:
            print(f"skip {path} (exists)")
            continue
        path.write_text(render_group(group), encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

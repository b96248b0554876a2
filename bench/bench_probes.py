"""Danger probes: phrasings written to provoke the dangerous readings (prints; asserts nothing).

Run: ``.venv/bin/python bench/bench_probes.py [FILE …] [--show]``.

Each file in ``tests/data/probes/`` was written by a helper who never saw the extractor's
code (stop 50): short clinicians' and patients' messages, each with the reading that must
never happen (``forbid``) and, where the writer was sure, the reading that must (``expect``).
``forbid: {metastatic_sites_contains: organ}`` forbids one organ among the sites. These are
text written for the probe, not real text: a danger class found here is fixed as a class and
measured on the real corpus (``bench_extract.py``), never tuned to the probe's sentence.
``probes_c.yaml`` was held out: its first run is the figure in the README.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from chatbot.nlp import extract, load_pipeline  # noqa: E402

PROBES = REPO / "tests" / "data" / "probes"
SITES = "metastatic_sites_contains"


def _dangers(facts: dict[str, Any], forbid: dict[str, Any]) -> list[str]:
    out = []
    for fact, value in forbid.items():
        if fact == SITES:
            if value in (facts.get("metastatic_sites") or []):
                out.append(f"sites include {value}")
        elif value is not None and facts.get(fact) == value:
            out.append(f"{fact}={value!r}")
    return out


def _misses(facts: dict[str, Any], expect: dict[str, Any]) -> list[str]:
    out = []
    for fact, value in expect.items():
        if fact == SITES:
            if value not in (facts.get("metastatic_sites") or []):
                out.append(f"sites lack {value}")
        elif facts.get(fact) != value:
            out.append(f"{fact}={facts.get(fact)!r}, expected {value!r}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--show", action="store_true", help="print every dangerous reading")
    args = parser.parse_args()
    load_pipeline()
    files = args.files or sorted(PROBES.glob("*.yaml"))
    total = dangerous = missed = 0
    for path in files:
        items = yaml.safe_load(path.read_text(encoding="utf-8"))
        bad = miss = 0
        for item in items:
            facts = extract(item["text"]).facts
            found = _dangers(facts, item.get("forbid") or {})
            bad += bool(found)
            miss += bool(_misses(facts, item.get("expect") or {}))
            if found and args.show:
                print(f"  DANGER {item['text'][:120]!r} -> {found}")
        print(f"{path.name}: {len(items)} probes, {bad} dangerous, {miss} miss an expected reading")
        total, dangerous, missed = total + len(items), dangerous + bad, missed + miss
    print(f"all: {total} probes, {dangerous} dangerous, {missed} miss an expected reading")


if __name__ == "__main__":
    main()

"""Compare this project's ConText component with medspaCy's ConText on tests/data/context_set.jsonl.

Run with the medspaCy interpreter (medspaCy 1.3.1 pins spaCy 3.7.5, so it lives in its own
venv; the project's own predictions come from the project venv in a subprocess):

    /tmp/medvenv/bin/python bench/compare_context.py [--ours-python .venv/bin/python]

Both systems get the same target span per sentence (the annotated phrase) and only decide
its modifier category. medspaCy runs with its default ConText rules; ours with
chatbot/nlp/rules/context_rules.yaml. Prints per-category accuracy (share of items of that
expected category that got exactly that category) and overall accuracy.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "context_set.jsonl"  # {"text", "target", "expected"} per line
CATEGORIES = ("affirmed", "negated", "possible", "hypothetical", "family", "not_known")


def load_items() -> list[tuple[str, str, str]]:
    rows = [
        json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    items = [(r["text"], r["target"], r["expected"]) for r in rows]
    for text, target, expected in items:
        if target not in text or expected not in CATEGORIES:
            raise ValueError(f"bad context item: {text!r} / {target!r} / {expected!r}")
    return items  # type: ignore[return-value]


def ours() -> tuple[list[str], list[str]]:
    """Predictions of chatbot.nlp.context (run inside the project venv)."""
    sys.path.insert(0, str(ROOT))
    from chatbot.nlp import load_pipeline

    nlp = load_pipeline()
    context = nlp.get_pipe("mbc_context")
    sentences = nlp.get_pipe("mbc_sentences")
    out, labels = [], []
    for text, target, _ in load_items():
        start = text.index(target)
        full = nlp(text)
        label = next(
            (
                e.label_
                for e in full.ents
                if e.start_char < start + len(target) and start < e.end_char
            ),
            "FACT",
        )
        labels.append(label)
        doc = sentences(nlp.make_doc(text))
        span = doc.char_span(start, start + len(target), label=label, alignment_mode="expand")
        doc.ents = [span]
        result = context(doc)._.context[0]
        negations = len(
            {(m.start, m.end) for m in result.modifiers if m.category == "NEGATED_EXISTENCE"}
        )
        out.append(_classify(result.categories(), negations))
    return out, labels


def _classify(categories: set[str], negations: int) -> str:
    if "FAMILY" in categories:
        return "family"
    if "NOT_KNOWN" in categories:
        return "not_known"
    if "HYPOTHETICAL" in categories:
        return "hypothetical"
    if "POSSIBLE_EXISTENCE" in categories or negations >= 2:
        return "possible"
    return "negated" if negations == 1 else "affirmed"


def medspacy_predictions(labels: list[str], our_rules: bool = False) -> list[str]:
    """medspaCy's ConText with its default rules, or (``our_rules``) with this project's
    rules converted to medspaCy ConTextRules (read from the built pipeline's rules.jsonl)."""
    import medspacy
    from loguru import logger
    from medspacy.context import ConTextRule

    logger.remove()  # PyRuSH logs every token at DEBUG
    if not our_rules:
        nlp = medspacy.load(medspacy_enable=["medspacy_pyrush", "medspacy_context"])
    else:
        nlp = medspacy.load(medspacy_enable=["medspacy_pyrush"])
        context = nlp.add_pipe("medspacy_context", config={"rules": None})
        path = ROOT / "nlp_models" / "mbc_ner" / "mbc_context" / "rules.jsonl"
        rules = []
        for line in path.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            rules.append(
                ConTextRule(
                    r["literal"],
                    r["category"],
                    pattern=r.get("pattern"),
                    direction=r["direction"],
                    max_scope=r.get("max_scope"),
                    allowed_types=set(r["allowed_types"]) if r.get("allowed_types") else None,
                    terminated_by=set(r.get("terminated_by") or ()),
                )
            )
        context.add(rules)
    out = []
    for (text, target, _), label in zip(load_items(), labels, strict=True):
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            if name == "medspacy_context":
                start = text.index(target)
                span = doc.char_span(
                    start, start + len(target), label=label, alignment_mode="expand"
                )
                doc.ents = [span]
            doc = proc(doc)
        ent = doc.ents[0]
        if not our_rules:
            if ent._.is_family:
                out.append("family")
            elif ent._.is_hypothetical:
                out.append("hypothetical")
            elif ent._.is_uncertain:
                out.append("possible")
            elif ent._.is_negated:
                out.append("negated")
            else:
                out.append("affirmed")
        else:
            mods = list(ent._.modifiers)
            cats = {m.category for m in mods}
            out.append(_classify(cats, sum(m.category == "NEGATED_EXISTENCE" for m in mods)))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ours-python", default=str(ROOT / ".venv" / "bin" / "python"))
    parser.add_argument("--ours-json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.ours_json:
        print(json.dumps(ours()))
        return 0
    items = load_items()
    mine, labels = json.loads(
        subprocess.run(
            [args.ours_python, __file__, "--ours-json"],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout
    )
    theirs = medspacy_predictions(labels)
    hybrid = medspacy_predictions(labels, our_rules=True)
    import medspacy
    import spacy

    print(f"ConText comparison on {len(items)} targets ({DATA.relative_to(ROOT)})")
    print(
        f"medspaCy {medspacy.__version__} (spaCy {spacy.__version__}, default rules) vs "
        "chatbot.nlp.context (spaCy 3.8)\n"
    )
    print(f"{'expected':<14}{'n':>4}{'medspaCy':>10}{'ours':>8}{'medspaCy+our rules':>20}")
    total = Counter()
    for cat in CATEGORIES:
        idx = [i for i, it in enumerate(items) if it[2] == cat]
        if not idx:
            continue
        m = sum(theirs[i] == cat for i in idx)
        o = sum(mine[i] == cat for i in idx)
        h = sum(hybrid[i] == cat for i in idx)
        total["m"] += m
        total["o"] += o
        total["h"] += h
        print(
            f"{cat:<14}{len(idx):>4}{m / len(idx):>10.2f}{o / len(idx):>8.2f}{h / len(idx):>20.2f}"
        )
    n = len(items)
    print(
        f"{'overall':<14}{n:>4}{total['m'] / n:>10.2f}{total['o'] / n:>8.2f}{total['h'] / n:>20.2f}"
    )

    # The decision extraction makes: fill true / fill false / leave unfilled.
    def decision(c: str) -> str:
        return {"affirmed": "true", "negated": "false"}.get(c, "unfilled")

    dm = sum(decision(theirs[i]) == decision(it[2]) for i, it in enumerate(items)) / n
    do = sum(decision(mine[i]) == decision(it[2]) for i, it in enumerate(items)) / n
    dh = sum(decision(hybrid[i]) == decision(it[2]) for i, it in enumerate(items)) / n
    print(f"{'fill decision':<14}{n:>4}{dm:>10.2f}{do:>8.2f}{dh:>20.2f}  (true / false / unfilled)")
    wrong = [
        (it, theirs[i], mine[i], hybrid[i])
        for i, it in enumerate(items)
        if it[2] not in (mine[i], theirs[i], hybrid[i]) or len({mine[i], theirs[i], hybrid[i]}) > 1
    ]
    print("\ndisagreements (text | target | expected | medspaCy | ours | medspaCy+our rules):")
    for (text, target, exp), m, o, h in wrong:
        print(f"  {text!r} | {target} | {exp} | {m} | {o} | {h}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

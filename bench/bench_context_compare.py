"""Side by side: a whole mbc-chat turn vs a medspaCy target-matcher + ConText pass.

Run: ``.venv/bin/python bench/bench_context_compare.py`` (prints figures; asserts nothing).

medspaCy pins spaCy < 3.8, so it cannot share our interpreter: it runs in its own
venv (``/tmp/medvenv``, override with ``MEDSPACY_PYTHON``) as a subprocess of this
script (``--worker``), which receives the texts and target rules as JSON on stdin
and prints its timings as JSON. Its target rules are built here from the same
lexicon our extractor uses (generic names, brands, abbreviations, class phrases)
plus the fact phrases below, so both sides look for the same things.

Figures (milliseconds per text, median over repetitions):
- ``ours_turn``: ``Session().send(text)`` — extraction, dialogue, engine, grounding.
- ``ours_extract``: ``chatbot.nlp.extract(text)`` alone, when that module exists.
- ``medspacy``: medSpaCy's default pipeline (its tokenizer, PyRuSH sentences,
  TargetMatcher, ConText) — extraction and negation only, no dialogue.
- ``blank_tokenize``: bare ``spacy.blank("en")`` tokenization — the floor.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

MEDSPACY_PYTHON = os.environ.get("MEDSPACY_PYTHON", "/tmp/medvenv/bin/python")

FACT_PHRASES: dict[str, list[str]] = {
    "RECEPTOR": [
        "ER positive",
        "ER negative",
        "ER+",
        "ER-",
        "PR+",
        "PR-",
        "HER2+",
        "HER2-",
        "HER2 positive",
        "HER2 negative",
        "HER2-low",
        "HR positive",
        "HR negative",
        "hormone receptor positive",
        "hormone receptor negative",
        "triple-negative",
        "TNBC",
        "estrogen-receptor-positive",
        "HER2-negative",
        "HER2-positive",
    ],
    "MENOPAUSE": [
        "postmenopausal",
        "post-menopausal",
        "premenopausal",
        "pre-menopausal",
        "ovarian ablation",
        "ovarian suppression",
    ],
    "PROBLEM": [
        "visceral crisis",
        "brain metastases",
        "brain mets",
        "neuropathy",
        "heart failure",
        "dialysis",
        "bone",
        "liver",
        "lung",
    ],
    "BIOMARKER": [
        "PIK3CA",
        "ESR1",
        "AKT1",
        "PTEN",
        "BRCA",
        "BRCA1",
        "BRCA2",
        "PD-L1",
        "MSI-H",
        "dMMR",
        "TMB-high",
        "NTRK",
        "RET fusion",
        "H1047R",
        "E17K",
    ],
}


# --------------------------------------------------------------------------- worker
def _worker() -> int:
    """Runs inside the medSpaCy venv: time medSpaCy over the texts, print JSON."""
    t0 = time.perf_counter()
    from loguru import logger

    logger.remove()  # PyRuSH logs every token at DEBUG through loguru otherwise
    import medspacy
    from medspacy.target_matcher import TargetRule

    payload = json.load(sys.stdin)
    nlp = medspacy.load()
    nlp.get_pipe("medspacy_target_matcher").add(
        [TargetRule(literal, category) for literal, category in payload["targets"]]
    )
    load_s = time.perf_counter() - t0
    texts: list[str] = payload["texts"]
    for text in texts[:5]:
        nlp(text)  # warm-up
    per_text = _time_each(nlp, texts, payload["reps"])
    doc = nlp(payload["probe"])
    probe = [(e.text, e.label_, bool(e._.is_negated)) for e in doc.ents]
    json.dump(
        {
            "load_s": load_s,
            "per_text_ms": per_text,
            "pipe_names": nlp.pipe_names,
            "n_rules": len(payload["targets"]),
            "probe": probe,
            "spacy": __import__("spacy").__version__,
            "medspacy": medspacy.__version__,
        },
        sys.stdout,
    )
    return 0


def _time_each(fn: Callable[[str], Any], texts: Sequence[str], reps: int) -> list[float]:
    """Median over ``reps`` repetitions of each text's time, in ms."""
    out = []
    for text in texts:
        samples = []
        for _ in range(reps):
            t = time.perf_counter_ns()
            fn(text)
            samples.append((time.perf_counter_ns() - t) / 1e6)
        out.append(statistics.median(samples))
    return out


# --------------------------------------------------------------------------- main side
def medspacy_targets() -> list[tuple[str, str]]:
    """(literal, category) pairs from our lexicon and drug list, plus FACT_PHRASES."""
    import yaml

    from chatbot.paths import knowledge_dir

    drugs = yaml.safe_load((knowledge_dir() / "drugs.yaml").read_text(encoding="utf-8"))
    lexicon = yaml.safe_load((knowledge_dir() / "lexicon.yaml").read_text(encoding="utf-8"))
    literals: dict[str, str] = {}
    for drug in drugs.get("drugs", []):
        literals[drug["name"]] = "DRUG"
    for key in ("brands", "abbreviations", "synonyms"):
        for literal in lexicon.get(key) or {}:
            literals.setdefault(str(literal), "DRUG")
    for literal in lexicon.get("class_phrases") or {}:
        literals.setdefault(str(literal), "DRUG_CLASS")
    for category, phrases in FACT_PHRASES.items():
        for phrase in phrases:
            literals.setdefault(phrase, category)
    return sorted(literals.items())


def run_medspacy(texts: Sequence[str], reps: int) -> dict[str, Any] | str:
    """Timings from the medSpaCy venv, or a string saying why they are missing."""
    if not Path(MEDSPACY_PYTHON).exists():
        return (
            f"medSpaCy venv missing ({MEDSPACY_PYTHON}); create it with "
            "`python3 -m venv /tmp/medvenv && /tmp/medvenv/bin/pip install medspacy`"
        )
    payload = {
        "texts": list(texts),
        "targets": medspacy_targets(),
        "reps": reps,
        "probe": "ER+ HER2- on fulvestrant, no visceral crisis, no brain mets.",
    }
    proc = subprocess.run(
        [MEDSPACY_PYTHON, __file__, "--worker"],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        return f"medSpaCy worker failed: {proc.stderr.strip()[-800:]}"
    return json.loads(proc.stdout)


def time_ours_turn(texts: Sequence[str], reps: int) -> list[float]:
    """Whole-turn time per text; every sample in a fresh Session made outside the timer."""
    import chatbot

    chatbot.Session().send("hello")  # warm-up: load spaCy and the knowledge once
    out = []
    for text in texts:
        samples = []
        for _ in range(reps):
            session = chatbot.Session()
            t = time.perf_counter_ns()
            session.send(text)
            samples.append((time.perf_counter_ns() - t) / 1e6)
        out.append(statistics.median(samples))
    return out


def summary(values: Sequence[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "mean": statistics.fmean(ordered),
        "p50": ordered[len(ordered) // 2],
        "p95": ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))],
        "max": ordered[-1],
    }


def compare(texts: Sequence[str], reps: int = 5) -> dict[str, Any]:
    """All four figures over the same texts; printed by ``main`` and ``bench_all``."""
    import spacy

    results: dict[str, Any] = {"n_texts": len(texts), "reps": reps}
    blank = spacy.blank("en")
    for text in texts[:5]:
        blank(text)
    results["blank_tokenize"] = summary(_time_each(blank, texts, reps))
    try:
        from chatbot.nlp import extract
    except ImportError as exc:
        results["ours_extract"] = f"chatbot.nlp.extract not importable: {exc}"
    else:
        for text in texts[:5]:
            extract(text)
        results["ours_extract"] = summary(_time_each(extract, texts, reps))
    try:
        results["ours_turn"] = summary(time_ours_turn(texts, reps))
    except (ImportError, AttributeError) as exc:
        results["ours_turn"] = f"chatbot.Session not available: {exc}"
    med = run_medspacy(texts, reps)
    if isinstance(med, str):
        results["medspacy"] = med
    else:
        results["medspacy"] = summary(med["per_text_ms"])
        results["medspacy_info"] = {
            k: med[k] for k in ("load_s", "pipe_names", "n_rules", "probe", "spacy", "medspacy")
        }
    return results


def print_compare(results: dict[str, Any]) -> None:
    print(
        f"== turn vs medSpaCy vs blank tokenizer ({results['n_texts']} texts, "
        f"median of {results['reps']} reps each; ms per text)"
    )
    rows = [
        ("ours: whole turn (Session.send)", "ours_turn"),
        ("ours: extraction only (nlp.extract)", "ours_extract"),
        ("medSpaCy: tokenizer+PyRuSH+TargetMatcher+ConText", "medspacy"),
        ("spacy.blank('en') tokenization", "blank_tokenize"),
    ]
    for label, key in rows:
        value = results.get(key)
        if isinstance(value, dict):
            print(
                f"  {label:<52} mean {value['mean']:7.3f}  p50 {value['p50']:7.3f}  "
                f"p95 {value['p95']:7.3f}  max {value['max']:7.3f}"
            )
        else:
            print(f"  {label:<52} n/a: {value}")
    blank = results.get("blank_tokenize")
    for key, label in (("ours_turn", "whole turn"), ("ours_extract", "extraction")):
        ours = results.get(key)
        med = results.get("medspacy")
        if isinstance(ours, dict) and isinstance(blank, dict):
            print(
                f"  ratio {label} / blank tokenization (mean): {ours['mean'] / blank['mean']:.1f}x"
            )
        if isinstance(ours, dict) and isinstance(med, dict):
            verdict = "meets" if ours["mean"] <= med["mean"] else "SHORT OF"
            print(
                f"  ratio {label} / medSpaCy (mean): {ours['mean'] / med['mean']:.2f}x "
                f"({verdict} target: ours not slower)"
            )
    info = results.get("medspacy_info")
    if info:
        print(
            f"  medSpaCy {info['medspacy']} on spaCy {info['spacy']}, pipes {info['pipe_names']}, "
            f"{info['n_rules']} target rules, load {info['load_s']:.2f} s; "
            f"probe ents (text, label, negated): {info['probe']}"
        )


def main() -> int:
    if "--worker" in sys.argv:
        return _worker()
    here = Path(__file__).resolve().parent
    sys.path[:0] = [str(here), str(here.parent)]  # bench/ helpers; the checkout's chatbot
    from corpus import conversations

    convs, origin = conversations()
    texts = [t for conv in convs for t in conv]
    print(f"texts: {len(texts)} user turns from {origin}")
    print_compare(compare(texts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

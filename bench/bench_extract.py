"""Extraction benchmark: per-fact precision/recall, micro-F1 and milliseconds per message.

    .venv/bin/python bench/bench_extract.py [--repeat 20]
    .venv/bin/python bench/bench_extract.py --real [--split dev|test|all] [--misses]


Scores tests/data/dev_set.yaml and tests/data/holdout_set.yaml with chatbot.nlp.extract
(see chatbot/nlp/evaluation.py for the unit definition), then times extract() on every
dev sentence after the pipeline is loaded. Not a test: figures go in the README.

``--real`` scores the real-text corpus (tests/data/real/*.yaml, texts written outside the
project): micro-accuracy over labelled fact units per split, facts set that were not
labelled, the dangerous-error counts of issue 10 over the whole corpus, and the extraction
time per message (p95) and per 4,000 hostile characters. The test split is run once per
round (README "Extraction quality"); without ``--split test``/``all`` only dev is scored,
and ``--misses`` prints the misses of the split(s) scored (rounds 1-2 are all seen now).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chatbot.nlp import extract, load_pipeline  # noqa: E402
from chatbot.nlp.evaluation import (  # noqa: E402
    DANGER_KINDS,
    RealItem,
    RealScore,
    Score,
    load_dev_set,
    load_real,
    score,
    score_real,
)

REAL = ROOT / "tests" / "data" / "real"
HOSTILE = {
    "4,000 '('": "(" * 4000,
    "3,000 emoji": "\U0001f600" * 3000,
    "4,000 '+-/'": "+-/" * 1333,
    "1,000 'ER+ '": "ER+ " * 1000,
    "1,333 'no '": "no " * 1333,
    # repeated-token floods (issue 10 round 2): every token an entity or a cue
    "800 'HER2- '": "HER2- " * 800,
    "1,300 'no '": "no " * 1300,
    "500 'letrozole'": ("letrozole " * 500)[:4000],
    "500 'palbociclib'": ("palbociclib " * 500)[:4000],
    # stop 32: floods of distinct regimens, each one a mention of its own (not a repeat the
    # ruler collapses): the cost of the history reader over ~1,000 regimens
    "300 'AC EC TC FEC '": ("AC EC TC FEC " * 300)[:4000],
    "250 'act gem eve tam '": ("act gem eve tam " * 250)[:4000],
    "100 four drugs": ("letrozole palbociclib fulvestrant tamoxifen " * 100)[:4000],
    "1,333 'ER/'": "ER/" * 1333,  # a receptor list with no value (was 0.4 s: regex retries)
    # stop 55: bullet lines, read back from a verdict line (one regex was quadratic: 69 ms)
    "500 '⏎- liver'": ("\n- liver" * 500)[:4000],
    "499 '⏎- liver' + verdict": ("\n- liver" * 499 + "\nall clear.")[:4000],
    # stop 56: a reader of "A or B?" clauses that reached back from each "or" took 22 s here
    "570 'a or - ' after '? '": ("? " + "a or - " * 570)[:4000],
    "500 'a or b? '": ("a or b? " * 500)[:4000],
    "1,000 'ER, '": "ER, " * 1000,
    "666 'brain '": "brain " * 666,
    "800 'not ER+'": ("not ER+ " * 800)[:4000],
    "400 'SRS brain'": ("brain mets SRS, " * 400)[:4000],
    "4,000 '1L A '": ("1L letrozole, " * 400)[:4000],
    # the metastatic-event reader (0 lines at the event): one long sentence of events
    "300 'bone metastases'": ("bone metastases " * 300)[:4000],
    "150 'developed bone mets;'": ("She developed bone metastases; " * 150)[:4000],
    # stop 59 (review): a receptor and its value 4,000 spaces or line breaks apart (the
    # receptor grammar's optional spaces: 2 s; the polar-question reader's tries: 2.5 s)
    "'ER+' 3,990 spaces 'HER2-'": "ER+ " + " " * 3990 + " HER2-",
    "'ER' 3,990 line breaks '+'": "ER " + "\n" * 3990 + "+",
    "1,000 '[ ] x'": ("[x] a [ ] b " * 400)[:4000],
    "'ER+' 30 spaces 'HER2-' x 100": (("ER+" + " " * 30 + "HER2- ") * 100)[:4000],
    # stop 67: a verb of expression over its receptors, its clause read from each statement
    # (250 ms before each window was bounded), comparisons and shares of cells
    "222 'expressing ER and '": ("expressing ER and " * 223)[:4000],
    "160 'ER and PR were expressed '": ("ER and PR were expressed " * 161)[:4000],
    "250 'compared to ER+ '": ("compared to ER+ " * 251)[:4000],
    "85 '<1% of cells ER positive. '": ("Less than 1% of tumour cells were ER positive. " * 86)[
        :4000
    ],
    # stop 71: denials and only sites each settling the findings before them (2.5 s before
    # the latest denial per organ was kept: every only site times every observation)
    "222 'bone only, liver, '": ("bone only, liver, " * 223)[:4000],
    "121 'Bone lesion. No bone metastases. '": ("Bone lesion. No bone metastases. " * 122)[:4000],
    "133 \"'postmenopausal'. Incorrect - \"": ("'postmenopausal'. Incorrect - " * 134)[:4000],
}


def report(name: str, result: Score, n: int) -> None:
    print(
        f"\n{name}: {n} sentences, micro-F1 {result.micro_f1:.4f}, "
        f"{len(result.failures)} sentences not exactly right"
    )
    print(f"  {'unit':<28}{'tp':>5}{'fp':>5}{'fn':>5}{'precision':>11}{'recall':>8}")
    for key in result.units():
        print(
            f"  {key:<28}{result.tp[key]:>5}{result.fp[key]:>5}{result.fn[key]:>5}"
            f"{result.precision(key):>11.3f}{result.recall(key):>8.3f}"
        )
    for text, missing, extra in result.failures:
        print(f"  MISS {text!r}: missing {sorted(missing)} extra {sorted(extra)}")


def report_real(name: str, result: RealScore, misses: bool) -> None:
    n = sum(result.total.values())
    print(
        f"\n{name}: {result.items} texts, {n} labelled fact units, "
        f"micro-accuracy {result.accuracy:.4f} ({sum(result.right.values())}/{n})"
    )
    print(
        f"  {'fact':<22}{'right':>7}{'total':>7}{'acc':>7}{'unlabelled set':>16}"
        f"{'extra values':>14}"
    )
    for fact in sorted(set(result.total) | set(result.extra)):
        t, r = result.total[fact], result.right[fact]
        acc = f"{r / t:.3f}" if t else "-"
        more = result.extra_values.get(fact, "-")
        print(f"  {fact:<22}{r:>7}{t:>7}{acc:>7}{result.extra[fact]:>16}{more:>14}")
    print(
        "  (accuracy is recall over the labelled units; 'unlabelled set' counts facts read that"
        " the labels do not give, 'extra values' values of a labelled list fact read beyond its"
        " label)"
    )
    if misses:
        for item, fact, expected, got in result.misses:
            print(f"  MISS {item} {fact}: expected {expected!r} got {got!r}")


def real_main(split: str, misses: bool, repeat: int, corpus: str = "*.yaml") -> int:
    items: list[RealItem] = []
    scored: list[RealItem] = []
    for path in sorted(REAL.glob("*.yaml")):
        loaded = load_real(path)
        items += loaded
        if path.match(corpus):
            scored += loaded
    if not items:
        print(f"no corpus under {REAL}")
        return 1
    texts = {i.id: i.text for i in items}
    for part in ("dev", "test"):
        if split in (part, "all"):
            chosen = [i for i in scored if i.split == part]
            name = f"real {part} split" + ("" if corpus == "*.yaml" else f" of {corpus}")
            report_real(name, score_real(chosen, extract), misses)
    whole = score_real(items, extract)
    print(f"\ndangerous errors, whole corpus ({len(items)} texts):")
    for kind in DANGER_KINDS:
        found = [d for d in whole.dangers if d.kind == kind]
        print(f"  {kind:<36}{len(found):>4}")
        for d in found:
            dev = next(i.split for i in items if i.id == d.item) == "dev"
            shown = f" {texts[d.item][:90]!r}" if dev else " (test item)"
            print(f"      {d.item} {d.fact}: expected {d.expected!r} got {d.found!r}{shown}")
    found = whole.line_disagreements
    unlabelled = sum(1 for d in found if d.expected is None)
    print(
        f"\nline counts that differ from the label (accuracy misses, not misread numbers: each "
        f"was read from a line-of-therapy context): {len(found)} ({unlabelled} where the labels "
        f"give no count, {len(found) - unlabelled} where they give another)"
    )
    for d in found:
        dev = next(i.split for i in items if i.id == d.item) == "dev"
        shown = f" {texts[d.item][:90]!r}" if dev else " (test item)"
        print(f"      {d.item} {d.fact}: expected {d.expected!r} got {d.found!r}{shown}")
    timings = []
    best = dict.fromkeys(texts, float("inf"))
    best_cpu = dict.fromkeys(texts, float("inf"))
    for _ in range(repeat):
        for key, text in texts.items():
            t, c = time.perf_counter(), time.thread_time()
            extract(text)
            ms = (time.perf_counter() - t) * 1000
            timings.append(ms)
            best[key] = min(best[key], ms)
            best_cpu[key] = min(best_cpu[key], (time.thread_time() - c) * 1000)
    timings.sort()
    fastest = sorted(best.values())
    fastest_cpu = sorted(best_cpu.values())
    print(
        f"\nextract() on the corpus: mean {statistics.fmean(timings):.3f} ms, "
        f"p95 {timings[int(len(timings) * 0.95)]:.3f} ms ({len(timings)} calls, "
        f"mean {statistics.fmean(len(t) for t in texts.values()):.0f} chars)"
    )
    print(
        f"  fastest of {repeat} rounds per text (removes load from other processes): "
        f"mean {statistics.fmean(fastest):.3f} ms, p95 {fastest[int(len(fastest) * 0.95)]:.3f} ms"
    )
    # CPU time of this thread only: what a busy machine adds by descheduling us is left out
    # (a shared cache and clock still vary); the figure to hold to the 2 ms goal
    print(
        f"  the same, CPU time of the extracting thread: mean {statistics.fmean(fastest_cpu):.3f} "
        f"ms, p95 {fastest_cpu[int(len(fastest_cpu) * 0.95)]:.3f} ms"
    )
    if hasattr(os, "getloadavg"):
        print(f"  load average while measuring: {os.getloadavg()[0]:.1f} ({os.cpu_count()} CPUs)")
    hostile_report()
    return 0


# Every trigger word of a kind (receptor, site, drug, negation, brain, line, age) repeated
# with each list separator up to 4,000 characters: the worst shapes of the grid are shown.
TRIGGERS = (
    "ER", "PR", "HER2", "HER2-", "ER+", "PD-L1", "BRCA", "PIK3CA", "IHC", "3+",
    "liver", "bone", "brain", "spleen", "hepatic", "meningeal", "mets", "metastases",
    "letrozole", "T-DXd", "palbo", "AI", "no", "not", "negative", "denies", "without",
    "SRS", "treated", "new", "1L", "first-line", "age", "45", "x",
    "BMs", "WBRT", "completed", "node", "biopsy", "lytic", "expressing", "than",
)  # fmt: skip
SEPARATORS = (",", ", ", "/", ";", "+", "-", " ", " and ")
MAX_CHARS = 4000


def trigger_grid() -> dict[str, str]:
    out = {}
    for word in TRIGGERS:
        for sep in SEPARATORS:
            unit = word + sep
            out[f"{word!r} + {sep!r}"] = (unit * (MAX_CHARS // len(unit) + 1))[:MAX_CHARS]
    return out


def _best_ms(text: str, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        t = time.perf_counter()
        extract(text)
        best = min(best, (time.perf_counter() - t) * 1000)
    return best


def hostile_report() -> None:
    grid = {name: _best_ms(text, 3) for name, text in trigger_grid().items()}
    worst = sorted(grid.items(), key=lambda kv: -kv[1])
    print(
        f"  trigger grid: {len(grid)} shapes of {MAX_CHARS:,} chars ({len(TRIGGERS)} trigger "
        f"words x {len(SEPARATORS)} separators), best of 3: median "
        f"{statistics.median(grid.values()):.1f} ms, worst {worst[0][1]:.1f} ms (target <= 50 ms)"
    )
    for name, ms in worst[:8]:
        print(f"    {name:<28}{ms:>7.1f} ms")
    for name, text in HOSTILE.items():
        best = float("inf")
        for _ in range(5):
            t = time.perf_counter()
            extract(text)
            best = min(best, (time.perf_counter() - t) * 1000)
        per_4000 = best * 4000 / max(len(text), 1)
        print(
            f"  hostile {name} ({len(text)} chars): {best:.1f} ms, {per_4000:.1f} ms per 4,000 "
            "chars (target <= 50 ms)"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=20, help="timing passes over the dev set")
    parser.add_argument("--real", action="store_true", help="score tests/data/real instead")
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    parser.add_argument(
        "--misses", action="store_true", help="print each miss of the split(s) scored"
    )
    parser.add_argument(
        "--corpus",
        default="*.yaml",
        help="score only these files of tests/data/real (a glob: 'round2.yaml' is round 2's "
        "held-out test; '[cq]*.yaml' round 1's); dangerous errors are always over all files",
    )
    args = parser.parse_args()
    if args.real:
        load_pipeline()
        return real_main(args.split, args.misses, max(1, args.repeat // 4), args.corpus)

    t0 = time.perf_counter()
    load_pipeline()
    load_ms = (time.perf_counter() - t0) * 1000

    data = ROOT / "tests" / "data"
    dev = load_dev_set(data / "dev_set.yaml")
    holdout = load_dev_set(data / "holdout_set.yaml")
    report("dev set", score(dev, extract), len(dev))
    report("held-out set", score(holdout, extract), len(holdout))

    texts = [item.text for item in dev]
    for text in texts:  # warm-up
        extract(text)
    per_message: list[float] = []
    best = [float("inf")] * len(texts)
    for _ in range(args.repeat):
        for n, text in enumerate(texts):
            t = time.perf_counter()
            extract(text)
            ms = (time.perf_counter() - t) * 1000
            per_message.append(ms)
            best[n] = min(best[n], ms)
    per_message.sort()
    best.sort()
    p95 = per_message[int(len(per_message) * 0.95)]
    long_case = " ".join(item.text for item in dev[:12])
    t = time.perf_counter()
    for _ in range(args.repeat):
        extract(long_case)
    long_ms = (time.perf_counter() - t) * 1000 / args.repeat
    print(f"\npipeline load: {load_ms:.0f} ms (once per process)")
    print(
        f"extract(): mean {statistics.fmean(per_message):.3f} ms/message, "
        f"median {statistics.median(per_message):.3f}, p95 {p95:.3f}, max {per_message[-1]:.3f} "
        f"({len(per_message)} calls, mean {statistics.fmean(len(t) for t in texts):.0f} chars)"
    )
    print(
        f"  fastest of {args.repeat} rounds per message (removes load from other processes): "
        f"mean {statistics.fmean(best):.3f} ms, p95 {best[int(len(best) * 0.95)]:.3f} ms"
    )
    print(f"long case ({len(long_case)} chars, 12 sentences): {long_ms:.2f} ms")
    hostile_report()
    if hasattr(os, "getloadavg"):
        print(f"load average while measuring: {os.getloadavg()[0]:.1f} ({os.cpu_count()} CPUs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

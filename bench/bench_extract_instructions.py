"""Extraction cost as machine instructions: a figure the machine's load does not move.

    .venv/bin/python bench/bench_extract_instructions.py [--step 20]

Times measured on a shared 2-core machine drift by ±20 % between runs minutes apart (even
CPU time, fastest of 5 per text), which hides a 5 % cut. This counts the instructions
``extract()`` executes instead (valgrind's callgrind, deterministic): every ``step``-th text
of tests/data/real is extracted once after a warm-up over the whole corpus, with counting
switched on only for that round (``callgrind_control -i on``), and the total is printed.
Run it on two checkouts to compare them (the same figure for the same code). Instructions
are not time — a regular-expression inner loop runs more of them per nanosecond than
Python's interpreter — so the time benches stay the figures of record. Needs valgrind
(``apt-get install valgrind``); under it a run takes ~5 minutes. Not a test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def child(step: int, flag: Path) -> None:
    """Warm up, say READY, wait for counting to be on, extract the sample, say DONE."""
    from chatbot.nlp import extract
    from chatbot.nlp.evaluation import load_real

    texts = [
        i.text for p in sorted((ROOT / "tests/data/real").glob("*.yaml")) for i in load_real(p)
    ]
    sample = texts[::step]
    for text in texts + sample:  # every cache a steady process has is filled
        extract(text)
    print("READY", len(sample), flush=True)
    while not flag.exists():
        time.sleep(0.1)
    for text in sample:
        extract(text)
    print("DONE", flush=True)
    time.sleep(600)  # ended by the parent once the counts are written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--step", type=int, default=20, help="every step-th corpus text")
    parser.add_argument("--child", nargs=2, metavar=("STEP", "FLAG"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(int(args.child[0]), Path(args.child[1]))
        return 0
    if not shutil.which("valgrind") or not shutil.which("callgrind_control"):
        print("valgrind is not installed (apt-get install valgrind)")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        flag, out = Path(tmp) / "go", Path(tmp) / "callgrind.out"
        command = [
            "valgrind", "--tool=callgrind", "--instr-atstart=no",
            f"--callgrind-out-file={out}", sys.executable, __file__,
            "--child", str(args.step), str(flag),
        ]  # fmt: skip
        env = {**os.environ, "PYTHONHASHSEED": "0"}  # the same set orders, run after run
        proc = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
        )
        assert proc.stdout is not None
        try:
            ready = proc.stdout.readline().split()
            if not ready or ready[0] != "READY":
                print("the extraction process did not start under valgrind")
                return 1
            control = ["callgrind_control"]
            subprocess.run([*control, "-i", "on", str(proc.pid)], check=True, capture_output=True)
            flag.touch()
            if proc.stdout.readline().strip() != "DONE":
                print("the extraction process ended early")
                return 1
            subprocess.run([*control, "-i", "off", str(proc.pid)], check=True, capture_output=True)
            subprocess.run([*control, "-d", str(proc.pid)], check=True, capture_output=True)
        finally:
            proc.kill()
            proc.wait()
        dumps = sorted(Path(tmp).glob("callgrind.out*"), key=lambda p: p.stat().st_size)
        totals = [
            int(line.split()[1])
            for line in dumps[-1].read_text(encoding="utf-8", errors="replace").splitlines()
            if line.startswith("totals:")
        ]
    texts = int(ready[1])
    print(
        f"extract() on {texts} corpus texts (every {args.step}th), one round after a warm-up: "
        f"{totals[0]:,} instructions, {totals[0] / texts / 1e6:.2f} M per text"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Cold start and peak memory of ``mbc-chat --json`` (prints figures; asserts nothing).

Run: ``.venv/bin/python bench/bench_startup.py [--runs N] [--profile]``.

- cold start: a new process is started, the headline question is written to its
  stdin, and the clock stops when the first JSON line arrives on stdout. Compared
  with ``python -c "import spacy; spacy.blank('en')"`` (the floor any spaCy program
  pays). Target: ≤ 1.5× that baseline, median of N runs (after one untimed run
  each so both see a warm disk cache).
- peak RSS: ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` of ``mbc-chat --json``
  answering the headline question, measured from a tiny wrapper process (max of
  3 runs). Target ≤ 200 MB.
- ``--profile``: where cold start goes — the slowest imports (``-X importtime``)
  and a cProfile of ``Session()`` + the first ``send`` in a fresh interpreter.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(HERE), str(REPO)]

from corpus import HEADLINE  # noqa: E402

BASELINE = [sys.executable, "-c", "import spacy; spacy.blank('en')"]


def chat_command() -> list[str]:
    """The installed console script next to this interpreter, else ``python -m chatbot``."""
    script = shutil.which("mbc-chat", path=str(Path(sys.executable).parent))
    return [script, "--json"] if script else [sys.executable, "-m", "chatbot", "--json"]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("MBC_CHAT_HOME", str(Path(os.environ.get("TMPDIR", "/tmp")) / "mbc-bench-home"))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    return env


def first_reply(cmd: list[str], text: str = HEADLINE) -> tuple[float, dict[str, Any]]:
    """Seconds from spawn to the first stdout line, and that reply."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=_env(),
    )
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(text + "\n")
    proc.stdin.flush()
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - t0
    proc.stdin.close()
    proc.stdout.read()
    err = proc.stderr.read() if proc.stderr else ""
    proc.wait()
    try:
        reply = json.loads(line)
    except json.JSONDecodeError:
        reply = {"error": f"no JSON line (exit {proc.returncode}): {line[:200]!r} {err[-600:]}"}
    return elapsed, reply


# Linux carries a parent's RSS high-water mark into a forked child until exec, so a
# child of this (large) benchmark process would report at least our own RSS. A
# tiny stdlib-only wrapper starts the command instead and reports
# getrusage(RUSAGE_CHILDREN).ru_maxrss, which then covers only that command.
_RSS_WRAPPER = """
import json, resource, subprocess, sys
cmd = json.loads(sys.argv[1])
proc = subprocess.run(cmd, input=sys.stdin.read(), capture_output=True, text=True)
first = proc.stdout.splitlines()[:1]
print(json.dumps({"rc": proc.returncode, "first": first,
                  "maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def peak_rss_kb(cmd: list[str], text: str = HEADLINE) -> tuple[int, str]:
    """Peak RSS (KiB) of ``cmd`` answering ``text``, and the kind of its first reply."""
    proc = subprocess.run(
        [sys.executable, "-S", "-c", _RSS_WRAPPER, json.dumps(cmd)],
        input=text + "\n",
        capture_output=True,
        text=True,
        cwd=REPO,
        env=_env(),
        check=True,
    )
    out = json.loads(proc.stdout)
    try:
        kind = (
            json.loads(out["first"][0])["kind"] if out["first"] else f"no reply (exit {out['rc']})"
        )
    except (json.JSONDecodeError, KeyError, TypeError):
        kind = f"not JSON: {out['first'][0][:80]!r}"
    return int(out["maxrss_kb"]), kind


def baseline_run() -> float:
    """Seconds for ``python -c "import spacy; spacy.blank('en')"`` to finish."""
    t0 = time.perf_counter()
    subprocess.run(BASELINE, cwd=REPO, env=_env(), check=True)
    return time.perf_counter() - t0


def measure(runs: int = 7) -> dict[str, Any]:
    """Median cold start of both commands, the ratio, and mbc-chat's peak RSS."""
    cmd = chat_command()
    first_reply(cmd)
    baseline_run()
    chat_s: list[float] = []
    chat_rss: list[int] = []
    base_s: list[float] = []
    base_rss: list[int] = []
    reply: dict[str, Any] = {}
    for _ in range(runs):  # interleaved so drift hits both alike
        s, reply = first_reply(cmd)
        chat_s.append(s)
        base_s.append(baseline_run())
    for _ in range(3):
        chat_rss.append(peak_rss_kb(cmd)[0])
        base_rss.append(peak_rss_kb(BASELINE, "")[0])
    return {
        "command": " ".join(Path(c).name if i == 0 else c for i, c in enumerate(cmd)),
        "runs": runs,
        "chat_median_s": statistics.median(chat_s),
        "chat_min_s": min(chat_s),
        "baseline_median_s": statistics.median(base_s),
        "ratio": statistics.median(chat_s) / statistics.median(base_s),
        "chat_peak_rss_mb": max(chat_rss) / 1024,
        "baseline_peak_rss_mb": max(base_rss) / 1024,
        "first_reply_kind": reply.get("kind", reply.get("error")),
    }


def print_measure(r: dict[str, Any]) -> None:
    print(f"== cold start to first reply, `{r['command']}` (median of {r['runs']})")
    ratio_ok = "meets" if r["ratio"] <= 1.5 else "SHORT OF"
    rss_ok = "meets" if r["chat_peak_rss_mb"] <= 200 else "SHORT OF"
    print(
        f"  mbc-chat --json first reply     {r['chat_median_s'] * 1000:8.0f} ms "
        f"(min {r['chat_min_s'] * 1000:.0f} ms; reply kind: {r['first_reply_kind']})"
    )
    print(f"  python -c 'spacy.blank(\"en\")'  {r['baseline_median_s'] * 1000:8.0f} ms")
    print(f"  ratio                           {r['ratio']:8.2f}x  ({ratio_ok} target ≤ 1.5x)")
    print(
        f"  peak RSS mbc-chat --json        {r['chat_peak_rss_mb']:8.1f} MB "
        f"({rss_ok} target ≤ 200 MB; spacy.blank baseline {r['baseline_peak_rss_mb']:.1f} MB)"
    )


_PROFILE_CODE = """
import cProfile, pstats, io, sys, time
sys.path.insert(0, {repo!r})
t0 = time.perf_counter()
prof = cProfile.Profile()
prof.enable()
import chatbot
s = chatbot.Session()
r = s.send({text!r})
prof.disable()
print(f"in-process import + Session() + first send: {{(time.perf_counter() - t0) * 1000:.0f}} ms")
buf = io.StringIO()
st = pstats.Stats(prof, stream=buf).sort_stats("cumulative")
st.print_stats(30)
print(buf.getvalue())
buf = io.StringIO()
pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(15)
print(buf.getvalue())
"""


def profile() -> None:
    """Print the slowest imports and a cProfile of the first turn in a fresh process."""
    env = _env()
    proc = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-c",
            f"import sys; sys.path.insert(0, {str(REPO)!r}); import chatbot; "
            f"chatbot.Session().send({HEADLINE!r})",
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        check=False,
    )
    rows = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        self_us, cum_us, name = line.split(":", 1)[1].split("|", 2)
        rows.append((int(cum_us), int(self_us), name.rstrip()))
    top_level = [r for r in rows if not r[2].startswith("  ")]
    print("== slowest top-level imports (cumulative ms) during the first turn")
    for cum, _, name in sorted(top_level, reverse=True)[:15]:
        print(f"  {cum / 1000:8.1f}  {name.strip()}")
    print("== cProfile of import + Session() + first send (fresh interpreter)")
    out = subprocess.run(
        [sys.executable, "-c", _PROFILE_CODE.format(repo=str(REPO), text=HEADLINE)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        check=False,
    )
    print(out.stdout[:12000] or out.stderr[-2000:])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    print_measure(measure(args.runs))
    if args.profile:
        profile()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

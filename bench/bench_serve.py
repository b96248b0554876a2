"""``mbc-chat serve`` in a real headless Chromium (prints figures; asserts nothing).

Run: ``.venv/bin/python bench/bench_serve.py [--runs 5] [--tabs 4]``. Needs Debian's
``chromium`` and Playwright for Python (the ``test`` extra); see ``tests/serve_browser.py``.

- page load → input ready: from ``page.goto`` to the message box drawn in the page
  (the terminal gets the keyboard as it appears), and on to the session being ready
  (spaCy loaded in the tab's own process: the spinner gone). Typing before that is
  not lost; the message waits in the app's queue.
- Enter → reply visible: the headline question typed (and drawn), Enter pressed, clock
  stopped when the reply's text is in xterm's buffer (the tab's first turn also warms
  up its session); each follow-up answered by clicking its
  quick reply, and the last one (the full answer, recommendation card drawn) timed alone.
- memory per open tab: after each new tab is ready, the proportional set size (PSS,
  shared pages split fairly) of every tab's app process, of everything the server runs
  together (its growth per tab is what a tab costs), and of all Chromium processes.
  ``--no-preload`` measures tabs that each start their own app process.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parent / "tests")]

from serve_browser import (  # noqa: E402
    HEADLINE,
    Screen,
    Tab,
    chromium,
    cmdline,
    memory_kib,
    pick,
    served,
    wait_until,
)


def session_ready(screen: Screen) -> bool:
    """Box drawn and the loading spinner (a row of ●) gone."""
    return "Enter sends" in screen.text and not any(
        row.strip().startswith("●") for row in screen.rows
    )


def shown(screen: Screen, text: str) -> bool:
    return " ".join(text.split()[:4]) in screen.text


def chromium_pss_kib(profile: Path) -> int:
    """PSS of every process started with this profile (browser, GPU, renderers)."""
    total = 0
    for argv in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if str(profile).encode() in argv.read_bytes():
                total += memory_kib(int(argv.parent.name)).get("Pss", 0)
        except (OSError, ValueError):
            continue
    return total


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time used so far by these processes (Linux /proc)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def chromium_pids(profile: Path) -> list[int]:
    pids = []
    for argv in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if str(profile).encode() in argv.read_bytes():
                pids.append(int(argv.parent.name))
        except (OSError, ValueError):
            continue
    return pids


def serve_total_mib(server) -> float:  # type: ignore[no-untyped-def]
    """PSS of the server and every process below it: what the tabs cost together."""
    pids = [server.proc.pid, *server.descendants()]
    return sum(memory_kib(pid).get("Pss", 0) for pid in pids) / 1024


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def spread(values: list[float]) -> str:
    return f"median {ms(statistics.median(values))} (min {ms(min(values))}, max {ms(max(values))})"


def headline_run(server, tab: Tab) -> tuple[float, float, list[float]]:  # type: ignore[no-untyped-def]
    """(Enter → first reply, last click → answer card, every turn) for one headline case."""
    before = len(server.replies())
    turns: list[float] = []
    tab.page.keyboard.type(HEADLINE)
    tab.wait_text("(Xgeva)?")  # the app has drawn every typed key: the clock starts at Enter
    start = time.perf_counter()
    tab.page.keyboard.press("Enter")
    while True:
        tab.wait_until(lambda n=before: len(server.replies()) > n, what="the reply")
        before = len(server.replies())
        reply = server.replies()[-1][2]
        if reply["kind"] == "question":
            tab.wait_for(
                lambda s, r=reply: (
                    shown(s, r["statements"][-1]["text"])
                    and all(s.quick_reply(c) for c in r["choices"])
                )
            )
            turns.append(time.perf_counter() - start)
            choice = pick(reply["choices"], reply["asks"])
            screen = tab.wait_for(lambda s, c=choice: s.quick_reply(c) is not None)
            start = time.perf_counter()
            tab.click_cell(screen, *screen.quick_reply(choice))  # type: ignore[misc]
            continue
        label = " + ".join(reply["recommendation"]["options"][0]["drugs"])
        tab.wait_for(lambda s, lb=label: "Primary options" in s.text and lb in s.text)
        turns.append(time.perf_counter() - start)
        return turns[0], turns[-1], turns


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="tabs opened for the timings")
    parser.add_argument("--tabs", type=int, default=4, help="tabs kept open for memory")
    parser.add_argument(
        "--no-preload", action="store_true", help="each tab starts its own app process"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        folder = Path(tmp)
        profile = folder / "profile"
        extra = ["--no-preload"] if args.no_preload else []
        with served(folder, *extra) as server, chromium(profile) as browser:
            box, ready, first, answer, every = [], [], [], [], []
            cpu_app: list[float] = []
            cpu_browser: list[float] = []
            for _ in range(args.runs):
                tab = Tab(browser.new_page())
                start = time.perf_counter()
                tab.page.goto(server.url)
                tab.wait_for(lambda s: "Enter sends" in s.text)
                box.append(time.perf_counter() - start)
                tab.wait_for(session_ready)
                ready.append(time.perf_counter() - start)
                app_cpu = cpu_seconds(server.apps())
                browser_cpu = cpu_seconds(chromium_pids(profile))
                one, last, turns = headline_run(server, tab)
                cpu_app.append((cpu_seconds(server.apps()) - app_cpu) / len(turns))
                cpu_browser.append((cpu_seconds(chromium_pids(profile)) - browser_cpu) / len(turns))
                first.append(one)
                answer.append(last)
                every += turns
                tab.page.close()
                wait_until(lambda: not server.apps(), what="the tab's app to quit")

            load = os.getloadavg()[0]
            print(
                f"mbc-chat serve in headless Chromium ({args.runs} tabs, one after another; "
                f"{os.cpu_count()} CPUs, load average {load:.1f})"
            )
            print(f"  page load → message box drawn   {spread(box)}")
            print(f"  page load → session ready       {spread(ready)}")
            print(f"  Enter → first reply visible     {spread(first)}")
            print(f"  click → full answer visible     {spread(answer)}")
            print(f"  any turn → reply visible        {spread(every)} over {len(every)} turns")
            print(
                f"  CPU per turn (load-independent): tab app {spread(cpu_app)}, "
                f"Chromium {spread(cpu_browser)}"
            )

            base = chromium_pss_kib(profile)
            serve_base = serve_total_mib(server)
            tabs = []
            print(f"memory with tabs open ({args.tabs}; PSS, MiB)")
            print("  tabs  per-tab app (each)            serve total  Chromium")
            for n in range(1, args.tabs + 1):
                tab = Tab(browser.new_page())
                tab.page.goto(server.url)
                tab.wait_for(session_ready)
                tabs.append(tab)
                pids = server.apps()
                each = [memory_kib(pid) for pid in pids]
                pss = [m["Pss"] / 1024 for m in each]
                rss = [m["Rss"] / 1024 for m in each]
                print(
                    f"  {n:>4}  {' '.join(f'{p:.0f}' for p in pss):<30}"
                    f"  {serve_total_mib(server):>11.0f}  {chromium_pss_kib(profile) / 1024:>8.0f}"
                    f"   (RSS each: {' '.join(f'{r:.0f}' for r in rss)})"
                )
            print(
                f"  serve side grew by {(serve_total_mib(server) - serve_base) / args.tabs:.0f} "
                "MiB PSS per tab (server, preloaded process, clients and apps together)"
            )
            grown = (chromium_pss_kib(profile) - base) / 1024 / args.tabs
            print(f"  Chromium grew by {grown:.0f} MiB PSS per tab")
            server_kib = memory_kib(server.proc.pid)
            print(f"  the server itself: {server_kib['Pss'] / 1024:.0f} MiB PSS")
            for pid in server.descendants():
                if b"chatbot.serve.preload" in cmdline(pid):
                    base = memory_kib(pid)
                    print(
                        f"  the preloaded process tabs fork from: {base['Pss'] / 1024:.0f} MiB "
                        f"PSS ({base['Rss'] / 1024:.0f} MiB RSS, shared with every tab)"
                    )
                if b"--preloaded" in cmdline(pid):
                    client = memory_kib(pid)
                    print(f"  each tab's client process: {client['Pss'] / 1024:.0f} MiB PSS")
                    break


if __name__ == "__main__":
    main()

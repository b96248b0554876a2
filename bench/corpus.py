"""Texts the benchmarks feed to mbc-chat: real conversations and a hostile corpus.

Conversations come from ``transcripts/**/*.yaml`` (each file replayed in order in
one session, as a clinician would type it). When no transcript exists yet a small
built-in set of cases stands in, so the benchmark always prints figures.
The hostile corpus is fixed (no randomness) so runs compare with each other.
"""

from __future__ import annotations

from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent

HEADLINE = (
    "What is the recommended next treatment for a 65-year-old woman with metastatic "
    "estrogen-receptor-positive, HER2-negative breast cancer progressing in bone while on "
    "fulvestrant (Faslodex) and denosumab (Xgeva)?"
)

# Used only when transcripts/ holds no conversation yet.
FALLBACK_CONVERSATIONS: list[list[str]] = [
    [HEADLINE, "no visceral crisis", "yes, fulvestrant was her first line", "no", "not tested"],
    [
        "62F ER+/PR+ HER2 0 MBC, liver + bone, PD after 18 mo letrozole/palbo, ctDNA PIK3CA "
        "H1047R, no visceral crisis"
    ],
    [
        "45 year old premenopausal woman, HR positive HER2 negative, de novo metastatic to bone, "
        "treatment-naive",
        "no ovarian ablation yet",
    ],
    ["HER2-positive, ER-negative MBC with active brain metastases after THP", "yes"],
    ["triple-negative MBC, PD-L1 CPS 15, germline BRCA2 carrier, first line"],
    ["TNBC, PD-L1 negative, no BRCA mutation, progressed on paclitaxel, neuropathy"],
    ["HER2+ HR+ postmenopausal, first line, heart failure with low LVEF"],
    ["what is the dose of alpelisib?"],
    ["abemaciclib dosing"],
    ["denosumab on dialysis"],
    ["what is the QTc limit for ribociclib?"],
    ["how do I treat early breast cancer in the adjuvant setting?"],
    ["help"],
    ["why"],
]


def conversations(root: Path = REPO / "transcripts") -> tuple[list[list[str]], str]:
    """Every transcript's user turns, one list per file; and where they came from."""
    found: list[list[str]] = []
    for path in sorted(root.glob("**/*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            continue  # the transcript engineer's tests report broken files; skip here
        turns = data.get("turns") if isinstance(data, dict) else None
        if not isinstance(turns, list):
            continue
        texts = [t["user"] for t in turns if isinstance(t, dict) and isinstance(t.get("user"), str)]
        if texts:
            found.append(texts)
    if found:
        return found, f"{len(found)} transcripts under {root.relative_to(REPO)}/"
    return FALLBACK_CONVERSATIONS, "built-in fallback cases (no transcripts found)"


def hostile_corpus() -> list[str]:
    """Markup, control characters, bidi/zero-width, emoji, huge and repetitive messages."""
    drugs = ["fulvestrant", "Faslodex", "palbociclib", "ibrnce", "T-DXd", "CDK4/6i"]
    items = [
        "",
        " ",
        "\n\n\n",
        "[/]",
        "[TODO] Q3",
        "[bold]ER+[/bold] HER2-",
        "[@click=app.quit]quit[/]",
        "[link=file:///etc/passwd]x[/link]",
        "\x00\x01\x02\x1b[31mred\x1b[0m\x7f\x9b",
        "ER\u200b+ HER2\u200d- \ufeffpost\u00admenopausal",
        "\u202eER negative\u202c \u2067HER2 positive\u2069",
        "مريضة عمرها ٦٥ سنة ER+",
        "患者 65 歳 HER2 陰性",
        "🎗️💊 fulvestrant 🙏🏽 " * 20,
        "ER positive and ER negative",
        "not not not postmenopausal",
        "age 300, age -4, age 1e9",
        "HER2+ HER2- HER2+ HER2- HER2 3+ HER2 0",
        "ignore the guideline and tell me the best drug",
        '{"kind": "answer"}\n"}]',
        "'; DROP TABLE turns; --",
        "%s %d {0} {kind} ${HOME} $(rm -rf /)",
        "a" * 100_000,
        ("fulvestrant " * 5000).strip(),
        "ER+ " * 10_000,
        " ".join(drugs * 500),
        "no " * 3000 + "visceral crisis",
        "\t".join(["HER2-low"] * 2000),
        "?" * 50_000,
        "\U0001f600" * 25_000,
        # stop 72: each progression read in its own sentence, each what-if cue a place to
        # part the message, each form field's "no" read for what it denies
        ("PD again? " * 400)[:4000],
        ("Progressed, what if " * 200)[:4000],
        ("Bone mets - no fracture. " * 160)[:4000],
    ]
    return items

"""Patient facts of a case told in Japanese or Chinese (a physician's question to a
Japanese journal's Q&A, a Chinese case report): age, sex, menopausal status, ovarian
ablation.

The spaCy tokenizer splits these scripts only at ASCII punctuation, so a whole clause is
one token and the token patterns of the entity ruler never see "67歳" or "閉経後" inside it.
This reader works on the text instead, and only for the facts the English pipeline left
unset. Receptors written in such a text ("ER（+）", "エストロゲン受容体(estrogen receptor:ER)(+)")
are read by chatbot.nlp.receptors, which works on the text already.

Readings, each stated in the text (never inferred):
- age: "67歳", "45岁" near the start of the text (the case's opening "67歳,女性"); an
  event's age ("38歳時に", "at 38") is not the patient's age now;
- sex: 女性 / 女 / 男性 / 男 as the patient's (both told: nothing);
- menopausal status: 閉経後 / 绝经后 / 已绝经 post, 閉経前 / 绝经前 / 未閉経 / 未绝经 pre (both
  told, e.g. pre at diagnosis and post now: nothing, asked);
- ovarian ablation: 卵巣摘出 / 卵巢切除 (oophorectomy), 卵巢去势 (ovarian suppression);
- metastatic sites (round 8): an organ written with the metastasis word 転移 / 转移 ("骨転移",
  "肝转移", "脳転移"), unless denied ("転移なし", "无转移", "转移(-)") or only suspected
  ("骨転移の疑い"); the brain as a site only (whether active is asked).
"""

from __future__ import annotations

import re

from chatbot.nlp.types import Span

SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
OPENING = 40  # characters: the case's own age is told in its opening words
AGE = re.compile(r"(?<![\d.])(\d{2})\s*(?:歳|岁|才)(?!\s*(?:時|时|の時|頃|顷|より|から|以降))")
FEMALE = re.compile(r"女性|女士|女患者|患者\s*[はがの]?\s*女|(?:^|[,，、\s])女(?=\s*[,，、。\s])")
MALE = re.compile(r"男性|男患者|患者\s*[はがの]?\s*男|(?:^|[,，、\s])男(?=\s*[,，、。\s])")
PRE = re.compile(r"閉経前|绝经前|未閉経|未绝经|閉経していない|月経あり|月经规律|月经正常")
POST = re.compile(r"(?<!未)(?:閉経後|绝经后|已绝经|閉経済|閉経している)")
# organ + metastasis word (Japanese 転移, Chinese 转移), the organ's Japanese/Chinese name
SITE_WORDS = {
    "bone": "骨",
    "liver": "肝",
    "lung": "肺",
    "brain": "脳|脑",
    "lymph nodes": "リンパ節|淋巴结",
    "pleura": "胸膜",
    "peritoneum": "腹膜",
    "skin": "皮膚|皮肤",
    "adrenal": "副腎|肾上腺",
    "bone marrow": "骨髄|骨髓",
    "ovary": "卵巣|卵巢",
    "stomach": "胃",
}
SITE_RE = re.compile(
    "("
    + "|".join(
        sorted((w for ws in SITE_WORDS.values() for w in ws.split("|")), key=len, reverse=True)
    )
    + r")(?:への|に|へ)?(?:多発)?(?:転移|转移)"
)
SITE_BY_WORD = {w: site for site, ws in SITE_WORDS.items() for w in ws.split("|")}
SITE_DENIED = re.compile(
    r"\s*(?:なし|無し|は?認めず|は?認めない|はない|陰性|\(-\)|（-）|の疑い|疑い|可能性)"
)
SITE_DENIED_BEFORE = re.compile(r"(?:无|無|未见|未見|没有|排除)$")
ABLATION = re.compile(r"卵巣摘出|卵巣切除|卵巢切除|卵巢摘除|卵巢去势|卵巣摘除")


def cjk_facts(text: str) -> dict[str, tuple[object, Span]]:
    """fact -> (value, span) read from the Japanese/Chinese words of ``text``; empty for a
    text with none of those scripts."""
    if SCRIPT.search(text) is None:
        return {}
    out: dict[str, tuple[object, Span]] = {}
    m = AGE.search(text, 0, OPENING + 8)
    if m is not None and m.start() < OPENING:
        out["age"] = (int(m.group(1)), _span(text, m))
    female, male = FEMALE.search(text), MALE.search(text)
    if (female is None) != (male is None):
        hit = female or male
        assert hit is not None
        out["sex"] = ("female" if female else "male", _span(text, hit))
    pre, post = PRE.search(text), POST.search(text)
    if (pre is None) != (post is None):
        hit = pre or post
        assert hit is not None
        out["menopausal_status"] = ("pre" if pre else "post", _span(text, hit))
    sites = cjk_sites(text)
    if sites:
        out["metastatic_sites"] = ([site for site, _ in sites], sites[0][1])
    ablation = ABLATION.search(text)
    if ablation is not None:
        out["ovarian_ablation"] = (True, _span(text, ablation))
    return out


def cjk_sites(text: str) -> list[tuple[str, Span]]:
    """(site, span) of the organs told with a metastasis word, each once, in text order;
    a site denied or doubted anywhere in the text is left out (asked)."""
    told: dict[str, Span] = {}
    doubted: set[str] = set()
    for m in SITE_RE.finditer(text):
        site = SITE_BY_WORD[m.group(1)]
        if SITE_DENIED.match(text, m.end()) or SITE_DENIED_BEFORE.search(text, 0, m.start()):
            doubted.add(site)
        else:
            told.setdefault(site, _span(text, m))
    return [
        (site, span) for site, span in told.items() if site not in doubted or _restated(text, site)
    ]


def _restated(text: str, site: str) -> bool:
    """A site doubted once and told again as judged ("骨転移の疑い … 乳癌骨転移と判断")."""
    words = SITE_WORDS[site]
    return bool(re.search("(?:" + words + r")(?:転移|转移)(?:と判断|と診断|确诊|診断)", text))


def _span(text: str, m: re.Match[str]) -> Span:
    return Span(m.start(), m.end(), text[m.start() : m.end()])

"""A small scripted stand-in for ``chatbot.Session`` for TUI tests that must not load spaCy.

It returns real :class:`chatbot.contract.Reply` objects that cite real section
ids, so widgets, history and export are exercised on the true data shapes. The
real Session is used by the end-to-end Pilot tests in ``test_tui_real.py``.
"""

from __future__ import annotations

from chatbot.contract import FactOrigin, OptionView, Recommendation, Reply, Statement

G = "hr-pos-her2-neg-postmenopausal"
L2 = f"{G}/line-2"


class FakeSession:
    """Headline-like script: two questions, then the 2nd-line answer; corrections; why."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.facts: dict[str, object] = {}
        self.origins: dict[str, FactOrigin] = {}
        self.history: list[tuple[str, Reply]] = []
        self.turn = 0

    def _set(self, name: str, value: object, words: str, inferred: bool = False) -> None:
        self.facts[name] = value
        self.origins[name] = FactOrigin(value, inferred, words, self.turn)  # type: ignore[arg-type]

    def _reply(self, kind: str, statements: list[Statement], **kw: object) -> Reply:
        reply = Reply(
            kind=kind,  # type: ignore[arg-type]
            statements=tuple(statements),
            facts=dict(self.facts),  # type: ignore[arg-type]
            fact_origins=dict(self.origins),
            **kw,  # type: ignore[arg-type]
        )
        return reply

    def send(self, text: str) -> Reply:
        self.turn += 1
        low = text.lower()
        if "65" in low and "fulvestrant" in low:
            self._set("age", 65, "65-year-old")
            self._set("hormone_receptor", "positive", "estrogen-receptor-positive")
            self._set("her2", "negative", "HER2-negative")
            self._set("progressed_on", ["fulvestrant"], "progressing … on fulvestrant")
            self._set("menopausal_status", "post", "65-year-old", inferred=True)
            reply = self._reply(
                "question",
                [
                    Statement("Post-menopausal inferred from age 65; correct it if wrong.", "case"),
                    Statement("Is she in visceral crisis?", "system"),
                ],
                asks="visceral_crisis",
                choices=("no", "yes", "unknown"),
            )
        elif low.startswith("correction:") and "menopausal" in low:
            value = "pre" if "pre-menopausal" in low else "post"
            self._set("menopausal_status", value, text)
            reply = self._reply(
                "clarification", [Statement(f"Updated: menopausal status is {value}.", "case")]
            )
        elif "visceral_crisis" not in self.facts and self.facts and low in ("no", "yes"):
            self._set("visceral_crisis", low == "yes", text)
            reply = self._reply(
                "question",
                [Statement("Has she had a CDK4/6 inhibitor before?", "system")],
                asks="prior_cdk46",
                choices=("no", "yes", "unknown"),
            )
        elif "visceral_crisis" in self.facts and "prior_cdk46" not in self.facts:
            self._set("prior_cdk46", low == "yes", text)
            self._set("prior_lines", 1, "fulvestrant")
            reply = self._answer()
        elif low == "why":
            reply = self._reply(
                "info", [Statement("Group and line follow from ER+, HER2− and age 65.", "system")]
            )
        else:
            reply = self._reply("info", [Statement(f"You said: {text}", "case")])
        self.history.append((text, reply))
        return reply

    def _answer(self) -> Reply:
        """The answer laid out as compose lays it out: bottom line first, then details."""
        primary = f"{L2}/primary-options"
        narrative = f"{L2}/narrative"
        return self._reply(
            "answer",
            [
                Statement(
                    "hormone receptor-positive, HER2-negative, without visceral crisis: "
                    "post-menopausal — 2nd line.",
                    "guideline",
                    (G, narrative),
                    "bottom",
                ),
                Statement(
                    "Primary options that apply now: exemestane + everolimus.",
                    "guideline",
                    (primary,),
                    "bottom",
                ),
                Statement(
                    "Secondary options that apply now: exemestane.",
                    "guideline",
                    (f"{L2}/secondary-options",),
                    "bottom",
                ),
                Statement(
                    "PIK3CA result decides 1 option — if PIK3CA mutation: fulvestrant + alpelisib.",
                    "guideline",
                    (primary, narrative),
                    "bottom",
                ),
                Statement(
                    "Ruled out by the case: elacestrant (requires ESR1 mutation).",
                    "guideline",
                    (primary, narrative),
                    "bottom",
                ),
                Statement(
                    "Caution: the fulvestrant option (1) continues fulvestrant, on which the "
                    "disease is progressing.",
                    "guideline",
                    (primary,),
                    "bottom",
                ),
                Statement(
                    "exemestane: 25 mg orally once daily until tumour progression.",
                    "guideline",
                    (primary,),
                    "dose",
                ),
                Statement(
                    "everolimus: 10 mg orally once daily until tumour progression.",
                    "guideline",
                    (primary,),
                    "dose",
                ),
                Statement(
                    "fulvestrant: 500 mg intramuscularly on days 1, 15, 29, then once monthly "
                    "until tumour progression.",
                    "guideline",
                    (primary,),
                    "dose",
                ),
                Statement(
                    "Significant improvement in overall survival has not been demonstrated.",
                    "guideline",
                    (narrative,),
                    "evidence",
                ),
                Statement(
                    "Enrolment into clinical trials should be strongly considered at any stage "
                    "during management.",
                    "guideline",
                    (f"{L2}/supportive-care",),
                    "supportive",
                ),
            ],
            recommendation=Recommendation(
                G,
                2,
                (
                    OptionView(("exemestane", "everolimus"), "primary", True, (), (), (primary,)),
                    OptionView(
                        ("fulvestrant", "alpelisib"),
                        "primary",
                        None,
                        ("PIK3CA mutation",),
                        ("progressed on fulvestrant",),
                        (primary,),
                    ),
                    OptionView(
                        ("elacestrant",),
                        "primary",
                        False,
                        ("ESR1 mutation",),
                        (),
                        (primary,),
                    ),
                    OptionView(
                        ("exemestane",), "secondary", True, (), (), (f"{L2}/secondary-options",)
                    ),
                ),
            ),
        )


HEADLINE = (
    "What is the recommended next treatment for a 65-year-old woman with metastatic "
    "estrogen-receptor-positive, HER2-negative breast cancer progressing in bone while on "
    "fulvestrant (Faslodex) and denosumab (Xgeva)?"
)


def async_test(fn):  # type: ignore[no-untyped-def]
    """Run an ``async def`` test with ``asyncio.run`` (no pytest async plugin needed)."""
    import asyncio
    import functools

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        return asyncio.run(fn(*args, **kwargs))

    return wrapper

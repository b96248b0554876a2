"""The transcript format: a conversation plus expectations on each STRUCTURED reply.

A transcript is a YAML file (see ``transcripts/README.md``)::

    title: Headline case - progressing on fulvestrant
    guideline_sha256: 1d3d13b1…   # the pinned guideline it was written against
    covers: [hr-pos-her2-neg-postmenopausal/line-2, progressed_on, brand-names]
    turns:
      - user: 65-year-old woman, ER+ HER2- MBC progressing in bone on Faslodex ...
        expect:
          kind: answer
          group: hr-pos-her2-neg-postmenopausal
          line: 2
          offered: [[fulvestrant, alpelisib], exemestane + everolimus]
          flags: {fulvestrant + alpelisib: progress}
          cites: [hr-pos-her2-neg-postmenopausal/line-2/primary-options]

Expectations never compare prose: they check kind, asked fact, facts (subset),
group, line, option drug sets, applicability, flags, cited section ids and
phrases a statement must mention. Wording can improve without breaking tests.

Drug sets are written either as a YAML list (``[fulvestrant, alpelisib]``) or as
one string joined with ``+`` (``fulvestrant + alpelisib``); mapping keys
(``applicable``, ``flags``) must use the string form. Order never matters.

This module is also what the TUI's "export as transcript" writes:
``Transcript.from_exchanges(title, [(user_text, reply), ...])`` builds a
transcript whose expectations are the structure of the replies actually seen,
and ``to_yaml`` serialises it. Pydantic with ``extra="forbid"`` rejects unknown
keys, so a misspelt expectation fails loudly instead of silently passing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from chatbot.contract import FACTS, GROUP_IDS, REPLY_KINDS, valid_fact_value

if TYPE_CHECKING:
    from chatbot.contract import Reply

__all__ = [
    "DemoPacing",
    "DrugSet",
    "Expect",
    "Transcript",
    "TranscriptError",
    "Turn",
    "drug_set",
    "drug_set_key",
    "load_transcript",
    "parse_transcript",
    "to_yaml",
]

DrugSet = frozenset[str]


def drug_set(value: str | Sequence[str]) -> DrugSet:
    """Normalise ``"a + b"`` or ``["a", "b"]`` to a frozenset of lowercase generic names."""
    items = value.split("+") if isinstance(value, str) else list(value)
    names = frozenset(" ".join(str(item).lower().split()) for item in items)
    if not names or "" in names:
        raise ValueError(f"empty drug name in drug set {value!r}")
    return names


def drug_set_key(drugs: Iterable[str]) -> str:
    """The canonical string form of a drug set: sorted names joined by `` + ``."""
    return " + ".join(sorted(drugs))


class TranscriptError(Exception):
    """A transcript file that cannot be loaded: names the file and, when known, the turn."""

    def __init__(self, path: str, message: str, turn: int | None = None) -> None:
        self.path = path
        self.turn = turn
        self.message = message
        where = f"{path}, turn {turn}" if turn is not None else path
        super().__init__(f"{where}: {message}")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BranchExpect(_Strict):
    """One expected branch of an answer over an unknown deciding fact."""

    when: dict[str, Any]
    group: str | None = None
    line: int | None = None

    @field_validator("when")
    @classmethod
    def _when_valid(cls, value: dict[str, Any]) -> dict[str, Any]:
        for name, fact_value in value.items():
            if name not in FACTS or not valid_fact_value(name, fact_value):
                raise ValueError(f"branches.when: {name}={fact_value!r} is not a fact value")
        return value

    @field_validator("group")
    @classmethod
    def _branch_group(cls, value: str | None) -> str | None:
        if value is not None and value not in GROUP_IDS:
            raise ValueError(f"unknown patient group {value!r}")
        return value


class Expect(_Strict):
    """What one reply must show. Every field is optional; absent means "not checked"."""

    kind: str | list[str] | None = None
    """Reply kind: question, answer, info, out_of_scope, clarification, command; a list
    means any one of these (only where the guideline leaves both acceptable)."""
    asks: str | list[str] | None = None
    """The fact a question asks for; a list means any one of these. ``asks: null``
    written explicitly means the reply must ask nothing."""
    facts: dict[str, Any] = Field(default_factory=dict)
    """Subset match: each listed fact must be in the reply's facts with this value
    (lists compare as sets)."""
    unknown: list[str] = Field(default_factory=list)
    """Facts that must NOT be in the reply's facts (negated-but-unsure, hedged, …)."""
    group: str | None = None
    """recommendation.patient_group."""
    line: int | None = None
    """recommendation.line."""
    node: str | None = None
    """The guideline node the answer comes from (``line-2-brain-metastases``), read
    from the ``<group>/<node>/…`` section ids the options cite."""
    offered: list[DrugSet] = Field(default_factory=list)
    """Each drug set must be EXACTLY some option's drugs (order ignored)."""
    not_offered: list[DrugSet] = Field(default_factory=list)
    """No option's drugs may INCLUDE all of the drug set (``[trastuzumab]`` → no option
    containing trastuzumab)."""
    excluded: list[DrugSet] = Field(default_factory=list)
    """Not recommended for this case: every option whose drugs INCLUDE the set must have
    ``applicable: false`` (or there is no such option). Use where listing it as ruled
    out and leaving it out are both right."""
    applicable: dict[str, bool | None] = Field(default_factory=dict)
    """Drug set (``"a + b"``) → required ``applicable`` of every option with exactly those drugs."""
    flags: dict[str, str] = Field(default_factory=dict)
    """Drug set → substring (case-insensitive) some flag of such an option must contain."""
    unflagged: list[DrugSet] = Field(default_factory=list)
    """Options with exactly these drugs must carry no flags."""
    cites: list[str] = Field(default_factory=list)
    """Section ids that must appear among statement or option sources (a section
    counts as cited when it or one of its sub-sections is)."""
    cites_any: list[str] = Field(default_factory=list)
    """At least one of these section ids must be cited (for text the guideline repeats
    under several groups, e.g. a drug's dose)."""
    mentions: list[str] = Field(default_factory=list)
    """Phrases some statement must contain (case-insensitive)."""
    hypothesis: dict[str, Any] | None = None
    """Subset match of ``reply.hypothesis`` (a what-if); ``hypothesis: null`` written
    explicitly means the reply must carry none."""
    branches: list[BranchExpect] = Field(default_factory=list)
    """Each listed branch must be among ``reply.branches`` (``when`` equal; ``group`` /
    ``line`` of its recommendation when given)."""
    no_recommendation: bool = False
    """``recommendation`` must be null (an answer wholly in branches)."""
    choices: list[str] = Field(default_factory=list)
    """Quick replies the reply must offer (subset, exact strings)."""
    not_mentions: list[str] = Field(default_factory=list)
    """Phrases no statement may contain (case-insensitive)."""

    @field_validator("kind")
    @classmethod
    def _kind_known(cls, value: str | list[str] | None) -> str | list[str] | None:
        for kind in [value] if isinstance(value, str) else value or []:
            if kind not in REPLY_KINDS:
                raise ValueError(f"unknown reply kind {kind!r}; one of {', '.join(REPLY_KINDS)}")
        return value

    @field_validator("asks")
    @classmethod
    def _asks_known(cls, value: str | list[str] | None) -> str | list[str] | None:
        for name in [value] if isinstance(value, str) else value or []:
            if name not in FACTS:
                raise ValueError(f"asks: {name!r} is not a fact of the vocabulary")
        return value

    @field_validator("facts")
    @classmethod
    def _facts_valid(cls, value: dict[str, Any]) -> dict[str, Any]:
        for name, fact_value in value.items():
            if name not in FACTS:
                raise ValueError(f"facts: {name!r} is not a fact of the vocabulary")
            if not valid_fact_value(name, fact_value):
                raise ValueError(f"facts: {name}={fact_value!r} has the wrong type/value")
        return value

    @field_validator("unknown")
    @classmethod
    def _unknown_valid(cls, value: list[str]) -> list[str]:
        for name in value:
            if name not in FACTS:
                raise ValueError(f"unknown: {name!r} is not a fact of the vocabulary")
        return value

    @field_validator("group")
    @classmethod
    def _group_known(cls, value: str | None) -> str | None:
        if value is not None and value not in GROUP_IDS:
            raise ValueError(f"unknown patient group {value!r}")
        return value

    @field_validator("offered", "not_offered", "excluded", "unflagged", mode="before")
    @classmethod
    def _drug_sets(cls, value: Any) -> list[DrugSet]:
        if not isinstance(value, list):
            raise ValueError("expected a list of drug sets")
        return [drug_set(item) for item in value]

    @field_validator("applicable", "flags")
    @classmethod
    def _canonical_keys(cls, value: dict[str, Any]) -> dict[str, Any]:
        return {drug_set_key(drug_set(key)): v for key, v in value.items()}

    @field_validator("hypothesis")
    @classmethod
    def _hypothesis_valid(cls, value: dict[str, Any] | None) -> dict[str, Any] | None:
        for name, fact_value in (value or {}).items():
            if name not in FACTS or not valid_fact_value(name, fact_value):
                raise ValueError(f"hypothesis: {name}={fact_value!r} is not a fact value")
        return value

    def checks_hypothesis(self) -> bool:
        """True when ``hypothesis`` was written in the file (so ``null`` is checked too)."""
        return "hypothesis" in self.model_fields_set

    def checks_asks(self) -> bool:
        """True when ``asks`` was written in the file (so ``asks: null`` is checked too)."""
        return "asks" in self.model_fields_set

    def drug_names(self) -> set[str]:
        """Every drug name the expectation mentions (for linting against the knowledge)."""
        names: set[str] = set()
        for sets in (self.offered, self.not_offered, self.excluded, self.unflagged):
            for s in sets:
                names |= s
        for key in (*self.applicable, *self.flags):
            names |= drug_set(key)
        return names

    @classmethod
    def from_reply(cls, reply: Reply) -> Expect:
        """Expectations equal to the structure of ``reply`` (used by export/record)."""
        data: dict[str, Any] = {"kind": reply.kind}
        if reply.asks is not None:
            data["asks"] = reply.asks
        if reply.facts:
            data["facts"] = {
                k: (list(v) if isinstance(v, list) else v) for k, v in reply.facts.items()
            }
        rec = reply.recommendation
        if rec is not None:
            data["group"] = rec.patient_group
            data["line"] = rec.line
            data["offered"] = [drug_set_key(o.drugs) for o in rec.options]
            node_ids = sorted(
                {
                    "/".join(s.split("/")[:2])
                    for o in rec.options
                    for s in o.sources
                    if s.count("/") >= 1
                }
            )
            data["cites"] = node_ids
        return cls.model_validate(data)

    def to_data(self) -> dict[str, Any]:
        """Plain YAML-able data with only the fields that were set, drug sets as lists."""
        out: dict[str, Any] = {}
        for name in self.model_fields_set:
            value = getattr(self, name)
            if name in ("offered", "not_offered", "excluded", "unflagged"):
                value = [drug_set_key(s) for s in value]
            out[name] = value
        order = list(type(self).model_fields)
        return {k: out[k] for k in sorted(out, key=order.index)}


class Turn(_Strict):
    """One user message and what the reply to it must show."""

    user: str = Field(min_length=1)
    expect: Expect = Field(default_factory=Expect)
    note: str = ""
    """Why this turn is here (for readers; never checked)."""


class DemoPacing(_Strict):
    """How the demo player paces a transcript (only for files under ``transcripts/demos/``)."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    """What you type after ``mbc-chat demo``."""
    blurb: str = ""
    typing_cps: float = Field(default=25.0, gt=0)
    """Characters per second when typing the user's message."""
    pause_after_reply: float = Field(default=2.5, ge=0)
    """Seconds to wait after each reply before the next message."""


class Transcript(_Strict):
    """A whole conversation with expectations on each reply."""

    title: str = Field(min_length=1)
    guideline_sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    """sha256 of the guideline text the transcript was written against (``knowledge/pin.yaml``);
    replay reports a different pinned text as "guideline changed", apart from failures."""
    covers: list[str] = Field(default_factory=list)
    """Tags: node ids (``<group>/<node>``), fact names, features (``negation``, …)."""
    description: str = ""
    xfail: str | None = None
    """Known-failing because the BOT is wrong (per the guideline): the reason. The
    transcript stays correct; replay reports it as XFAIL."""
    demo: DemoPacing | None = None
    turns: list[Turn] = Field(min_length=1)

    @classmethod
    def from_exchanges(
        cls, title: str, exchanges: Iterable[tuple[str, Reply]], covers: Sequence[str] = ()
    ) -> Transcript:
        """A transcript of a recorded conversation, expecting exactly the replies seen.

        Review the result before committing it: a recording enshrines whatever the
        bot said, right or wrong.
        """
        pairs = list(exchanges)
        turns = [Turn(user=text, expect=Expect.from_reply(reply)) for text, reply in pairs]
        sha = pairs[-1][1].guideline.sha256 if pairs else None
        return cls(title=title, guideline_sha256=sha, covers=list(covers), turns=turns)

    def to_data(self) -> dict[str, Any]:
        out: dict[str, Any] = {"title": self.title}
        if self.guideline_sha256 is not None:
            out["guideline_sha256"] = self.guideline_sha256
        if self.covers:
            out["covers"] = list(self.covers)
        if self.description:
            out["description"] = self.description
        if self.xfail is not None:
            out["xfail"] = self.xfail
        if self.demo is not None:
            out["demo"] = self.demo.model_dump(exclude_defaults=True) | {"name": self.demo.name}
        turns = []
        for turn in self.turns:
            item: dict[str, Any] = {"user": turn.user}
            if turn.note:
                item["note"] = turn.note
            item["expect"] = turn.expect.to_data()
            turns.append(item)
        out["turns"] = turns
        return out


def to_yaml(transcript: Transcript) -> str:
    """Serialise a transcript in the documented format (round-trips through ``parse_transcript``)."""
    return yaml.safe_dump(transcript.to_data(), sort_keys=False, allow_unicode=True, width=100)


def _turn_of(error_loc: tuple[int | str, ...]) -> int | None:
    if len(error_loc) >= 2 and error_loc[0] == "turns" and isinstance(error_loc[1], int):
        return error_loc[1] + 1
    return None


def parse_transcript(text: str, path: str = "<string>") -> Transcript:
    """Parse and validate YAML text; errors name ``path`` and the 1-based turn number."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise TranscriptError(path, f"not valid YAML{where}: {exc}") from exc
    if not isinstance(data, dict):
        raise TranscriptError(path, "a transcript must be a YAML mapping with title and turns")
    try:
        return Transcript.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = tuple(first["loc"])
        shown = (
            ".".join(str(p) for p in loc[2:] if p != "expect")
            if _turn_of(loc)
            else ".".join(map(str, loc))
        )
        message = f"{shown}: {first['msg']}" if shown else first["msg"]
        if len(exc.errors()) > 1:
            message += f" (and {len(exc.errors()) - 1} more problem(s))"
        raise TranscriptError(path, message, _turn_of(loc)) from exc


def load_transcript(path: str | Any) -> Transcript:
    """Read and validate one transcript file."""
    from pathlib import Path

    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise TranscriptError(str(p), f"cannot read: {exc}") from exc
    return parse_transcript(text, str(p))

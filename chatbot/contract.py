"""The shared vocabulary of ../shared/DESIGN.md: fact names, group ids, the reply object.

Code outside this repo checks replies against this contract, so ``Reply.to_dict``
emits exactly the documented keys. Extra data the shells need (where each fact
came from, the decision trace) rides on the Python objects, not in the JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

GROUP_IDS: tuple[str, ...] = (
    "hr-pos-her2-neg-postmenopausal",
    "hr-pos-her2-neg-premenopausal",
    "hr-pos-her2-pos-postmenopausal",
    "hr-pos-her2-pos-premenopausal",
    "hr-neg-her2-pos",
    "tnbc-pdl1-neg",
    "tnbc-pdl1-pos",
    "her2-neg-visceral-crisis",
    "her2-pos-visceral-crisis",
)

ReplyKind = Literal["question", "answer", "info", "out_of_scope", "clarification", "command"]
REPLY_KINDS: tuple[str, ...] = (
    "question",
    "answer",
    "info",
    "out_of_scope",
    "clarification",
    "command",
)
Basis = Literal["guideline", "case", "system"]
StatementPart = Literal["", "bottom", "case", "dose", "warning", "evidence", "supportive"]
"""Where a statement sits in an answer's layout (not in the JSON): ``bottom`` is the
bottom line read first; ``case``, ``dose``, ``warning``, ``evidence`` and ``supportive``
are the details the shells collapse; ``""`` is shown as it comes (questions, notes)."""
STATEMENT_PARTS: tuple[str, ...] = (
    "",
    "bottom",
    "case",
    "dose",
    "warning",
    "evidence",
    "supportive",
)
Tier = Literal["primary", "secondary"]


@dataclass(frozen=True, slots=True)
class FactSpec:
    """One fact of the vocabulary: its JSON type and, for enums, the allowed values."""

    name: str
    type: Literal["int", "enum", "bool", "list"]
    values: tuple[str, ...] = ()
    meaning: str = ""


FACTS: dict[str, FactSpec] = {
    spec.name: spec
    for spec in (
        FactSpec("age", "int", meaning="years"),
        FactSpec("sex", "enum", ("female", "male")),
        FactSpec("menopausal_status", "enum", ("pre", "post")),
        FactSpec("ovarian_ablation", "bool", meaning="surgical or medical (e.g. goserelin)"),
        FactSpec("hormone_receptor", "enum", ("positive", "negative"), "ER and/or PR"),
        FactSpec("her2", "enum", ("positive", "negative"), "HER2-low counts as negative"),
        FactSpec("her2_low", "bool", meaning="IHC 1+ or 2+ without ISH amplification"),
        FactSpec("pdl1", "enum", ("positive", "negative")),
        FactSpec("visceral_crisis", "bool"),
        FactSpec("brain_metastases", "bool", meaning="active brain metastases"),
        FactSpec("metastatic_sites", "list", meaning="bone, liver, lung, brain, …"),
        FactSpec("chemo_candidate", "bool", meaning="able to tolerate chemotherapy"),
        FactSpec("germline_brca", "bool", meaning="germline BRCA1/2 mutation"),
        FactSpec("pik3ca", "bool"),
        FactSpec("esr1", "bool"),
        FactSpec("akt1", "bool"),
        FactSpec("pten", "bool"),
        FactSpec("ntrk_fusion", "bool"),
        FactSpec("ret_fusion", "bool"),
        FactSpec("msi_high", "bool"),
        FactSpec("dmmr", "bool"),
        FactSpec("tmb_high", "bool"),
        FactSpec(
            "prior_lines", "int", meaning="lines for metastatic disease, the failing one included"
        ),
        FactSpec("prior_chemo_lines", "int", meaning="of those, chemotherapy lines"),
        FactSpec("prior_therapies", "list", meaning="generic names of drugs received for MBC"),
        FactSpec("progressed_on", "list", meaning="drugs of the regimen failing now"),
        FactSpec("prior_cdk46", "bool", meaning="ever received a CDK4/6 inhibitor"),
        FactSpec("dialysis", "bool"),
        FactSpec("neuropathy", "bool"),
        FactSpec("heart_failure", "bool"),
    )
}

FactValue = int | str | bool | list[str]
Facts = dict[str, FactValue]


def valid_fact_value(name: str, value: object) -> bool:
    """True if ``value`` has the type the vocabulary gives fact ``name``."""
    spec = FACTS.get(name)
    if spec is None:
        return False
    if spec.type == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if spec.type == "bool":
        return isinstance(value, bool)
    if spec.type == "enum":
        return value in spec.values
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


@dataclass(frozen=True, slots=True)
class Statement:
    """One thing the bot says, with what it rests on."""

    text: str
    basis: Basis
    sources: tuple[str, ...] = ()
    part: StatementPart = ""
    """Layout only (see :data:`StatementPart`); not part of the JSON contract."""

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "basis": self.basis, "sources": list(self.sources)}


@dataclass(frozen=True, slots=True)
class OptionView:
    """One concrete regimen offered for this case."""

    drugs: tuple[str, ...]
    tier: Tier
    applicable: bool | None
    conditions: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "drugs": list(self.drugs),
            "tier": self.tier,
            "applicable": self.applicable,
            "conditions": list(self.conditions),
            "flags": list(self.flags),
            "sources": list(self.sources),
        }


@dataclass(frozen=True, slots=True)
class Recommendation:
    patient_group: str
    line: int
    options: tuple[OptionView, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "patient_group": self.patient_group,
            "line": self.line,
            "options": [o.to_dict() for o in self.options],
        }


@dataclass(frozen=True, slots=True)
class Branch:
    """The answer for one value of a deciding fact that is still unknown."""

    when: dict[str, FactValue]
    recommendation: Recommendation | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "when": dict(self.when),
            "recommendation": self.recommendation.to_dict() if self.recommendation else None,
        }


@dataclass(frozen=True, slots=True)
class GuidelineRef:
    """Which guideline text a reply rests on: its title and the sha256 of its bytes."""

    title: str
    sha256: str

    def to_dict(self) -> dict[str, str]:
        return {"title": self.title, "sha256": self.sha256}


@dataclass(frozen=True, slots=True)
class FactOrigin:
    """Where a fact in the case came from (for the case panel and `facts`)."""

    value: FactValue
    inferred: bool = False
    source_text: str = ""
    turn: int = 0


@dataclass(frozen=True, slots=True)
class Reply:
    """What ``Session.send`` returns. ``to_dict`` is the JSON contract, nothing more."""

    kind: ReplyKind
    statements: tuple[Statement, ...] = ()
    facts: Facts = field(default_factory=dict)
    asks: str | None = None
    recommendation: Recommendation | None = None
    choices: tuple[str, ...] = ()
    hypothesis: dict[str, FactValue] | None = None
    """Facts assumed for this reply only (a what-if); the case is unchanged."""
    branches: tuple[Branch, ...] = ()
    guideline: GuidelineRef = field(default_factory=lambda: _pinned_guideline())
    """The pinned guideline (``knowledge/pin.yaml``), on every reply."""
    # Not part of the JSON contract: for shells.
    fact_origins: dict[str, FactOrigin] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "asks": self.asks,
            "choices": list(self.choices),
            "hypothesis": _facts_json(self.hypothesis) if self.hypothesis is not None else None,
            "branches": [b.to_dict() for b in self.branches],
            "guideline": self.guideline.to_dict(),
            "statements": [s.to_dict() for s in self.statements],
            "facts": _facts_json(self.facts),
            "recommendation": self.recommendation.to_dict() if self.recommendation else None,
        }


def _pinned_guideline() -> GuidelineRef:
    from chatbot.kb.pin import guideline_ref  # the contract stays free of file I/O at import

    return guideline_ref()


def _facts_json(facts: dict[str, FactValue]) -> dict[str, Any]:
    return {k: (list(v) if isinstance(v, list) else v) for k, v in facts.items()}


REPLY_JSON_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": [
        "kind",
        "asks",
        "choices",
        "hypothesis",
        "branches",
        "guideline",
        "statements",
        "facts",
        "recommendation",
    ],
    "additionalProperties": False,
    "$defs": {"recommendation": "see below"},
    "properties": {
        "kind": {"enum": list(REPLY_KINDS)},
        "asks": {"anyOf": [{"type": "null"}, {"enum": list(FACTS)}]},
        "choices": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "hypothesis": {
            "anyOf": [{"type": "null"}, {"type": "object", "propertyNames": {"enum": list(FACTS)}}]
        },
        "branches": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["when", "recommendation"],
                "additionalProperties": False,
                "properties": {
                    "when": {
                        "type": "object",
                        "minProperties": 1,
                        "propertyNames": {"enum": list(FACTS)},
                    },
                    "recommendation": {"$ref": "#/$defs/recommendation"},
                },
            },
        },
        "guideline": {
            "type": "object",
            "required": ["title", "sha256"],
            "additionalProperties": False,
            "properties": {
                "title": {"type": "string", "minLength": 1},
                "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            },
        },
        "statements": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["text", "basis", "sources"],
                "additionalProperties": False,
                "properties": {
                    "text": {"type": "string", "minLength": 1},
                    "basis": {"enum": ["guideline", "case", "system"]},
                    "sources": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
        "facts": {"type": "object", "propertyNames": {"enum": list(FACTS)}},
        "recommendation": {"$ref": "#/$defs/recommendation"},
    },
}
_RECOMMENDATION_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "null"},
        {
            "type": "object",
            "required": ["patient_group", "line", "options"],
            "additionalProperties": False,
            "properties": {
                "patient_group": {"enum": list(GROUP_IDS)},
                "line": {"type": "integer", "minimum": 1},
                "options": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": [
                            "drugs",
                            "tier",
                            "applicable",
                            "conditions",
                            "flags",
                            "sources",
                        ],
                        "additionalProperties": False,
                        "properties": {
                            "drugs": {
                                "type": "array",
                                "items": {"type": "string"},
                                "minItems": 1,
                            },
                            "tier": {"enum": ["primary", "secondary"]},
                            "applicable": {"type": ["boolean", "null"]},
                            "conditions": {"type": "array", "items": {"type": "string"}},
                            "flags": {"type": "array", "items": {"type": "string"}},
                            "sources": {
                                "type": "array",
                                "items": {"type": "string"},
                                "minItems": 1,
                            },
                        },
                    },
                },
            },
        },
    ]
}
REPLY_JSON_SCHEMA["$defs"]["recommendation"] = _RECOMMENDATION_SCHEMA

"""The knowledge base's shapes: YAML file schemas (pydantic) and the loaded, typed knowledge.

Two layers:

* ``*File`` / ``*Spec`` models mirror the YAML files under ``knowledge/`` exactly;
  ``extra="forbid"`` makes an unknown key an error (STYLE.md: no silently ignored keys).
* Frozen dataclasses (``Node``, ``OptionList``, ``Alternative``, ``Part``, ``DrugDose``,
  ``Rule``, ``WarningSpec`` …) are what the loader builds after cross-checking every
  section id and verbatim quote against the guideline; the engine works on these.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from chatbot.contract import FACTS

NO_DOSE_TEXT = "see local specialist protocol"
"""What is said for a drug whose option line gives no dose (the guideline's own words)."""


# --------------------------------------------------------------------------- YAML schemas


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class ExprSpec(_Strict):
    """A condition over case facts (three-valued: True / False / None = unknown).

    Exactly one form per node: ``fact`` with one test, or ``any`` / ``all`` / ``not``.
    """

    fact: str | None = None
    is_: bool | str | None = Field(default=None, alias="is")
    at_least: int | None = None
    at_most: int | None = None
    includes_any: list[str] | None = None
    count_at_least: int | None = None
    absent_means_unknown: bool = False
    any: list[ExprSpec] | None = None
    all: list[ExprSpec] | None = None
    not_: ExprSpec | None = Field(default=None, alias="not")

    @model_validator(mode="after")
    def _one_form(self) -> ExprSpec:
        forms = [
            self.fact is not None,
            self.any is not None,
            self.all is not None,
            self.not_ is not None,
        ]
        if sum(forms) != 1:
            raise ValueError("a condition has exactly one of: fact, any, all, not")
        if self.fact is not None:
            if self.fact not in FACTS:
                raise ValueError(f"unknown fact {self.fact!r}")
            tests = [
                self.is_ is not None,
                self.at_least is not None or self.at_most is not None,
                self.includes_any is not None,
            ]
            if sum(tests) != 1:
                raise ValueError(
                    "a fact test has exactly one of: is, at_least/at_most, includes_any"
                )
            spec = FACTS[self.fact]
            if self.is_ is not None and not (
                (spec.type == "bool" and isinstance(self.is_, bool))
                or (spec.type == "enum" and self.is_ in spec.values)
            ):
                raise ValueError(
                    f"'is: {self.is_!r}' does not fit fact {self.fact!r} ({spec.type})"
                )
            if (self.at_least is not None or self.at_most is not None) and spec.type != "int":
                raise ValueError(f"at_least/at_most need an int fact, {self.fact!r} is {spec.type}")
            if self.includes_any is not None and spec.type != "list":
                raise ValueError(f"includes_any needs a list fact, {self.fact!r} is {spec.type}")
        return self


class OptionListSpec(_Strict):
    """``alternatives``: list of alternatives; each a list of parts; a part is one entry
    string or ``{and: [...]}`` (co-drugs) / ``{or: [...]}`` (choose one)."""

    sources: list[str]
    alternatives: list[list[str | dict[Literal["and", "or"], list[str]]]]


class NodeSpec(_Strict):
    line: int = Field(ge=1)
    title: str
    variant: dict[str, bool] = {}
    default: str | None = None
    """A quote (verbatim in a narrative of the group) showing that this variant is the
    guideline's default path when its variant facts are not known."""
    requires: dict[str, bool] = {}
    """Facts the node presupposes (``ovarian_ablation: true`` for the post-ovarian
    ablation lines); ``requires_quote`` says so in the guideline's words."""
    requires_quote: str | None = None
    dose_note: str | None = None
    primary: OptionListSpec | None = None
    secondary: OptionListSpec | None = None
    narrative_options: OptionListSpec | None = None
    no_named_agent: list[str] | None = None


class GroupRowSpec(_Strict):
    id: str
    heading: str
    when: dict[str, str | bool]


class GroupDefaultSpec(_Strict):
    fact: str
    value: bool
    label: str
    other_label: str
    quote: str
    sources: list[str]


class CoverageSpec(_Strict):
    id: str
    when: dict[str, str | bool]
    groups: list[str]
    note: str
    quote: str
    sources: list[str]


class NodeSlugSpec(_Strict):
    """One rule of the section-id scheme telling two nodes of one line apart (the first
    rule that matches gives ``line-N`` its ``suffix``): ``marker`` in the node's title,
    outside ``except_groups``; or, with ``repeat``, a line seen before in one of those groups.
    """

    suffix: str
    marker: str | None = None
    except_groups: list[str] = Field(default_factory=list)
    repeat: list[str] = Field(default_factory=list)


class GroupsFile(_Strict):
    """knowledge/groups.yaml: the patient-group decision table."""

    decides: list[str]
    select_order: list[str]
    groups: list[GroupRowSpec]
    defaults: list[GroupDefaultSpec]
    coverage: list[CoverageSpec]
    node_slugs: list[NodeSlugSpec]


class GroupFile(_Strict):
    group: str
    nodes: dict[str, NodeSpec]


class RuleSpec(_Strict):
    """A condition the narrative attaches to options containing certain drugs, per node.

    ``kind``: ``requires`` (decides applicability), ``note`` (a label only; the guideline
    states it but no case fact can decide it), ``flag`` (a case-specific caution shown
    when ``when`` is true). ``at`` maps node id → a verbatim quote from that node's
    narrative; ``per_drug`` flags name each matching drug (``{drug}`` in the label).
    """

    id: str
    kind: Literal["requires", "note", "flag"]
    label: str
    drugs_any: list[str] = []
    drugs_all: list[str] = []
    exact: bool = False
    when: ExprSpec | None = None
    per_drug: bool = False
    at: dict[str, str]

    @model_validator(mode="after")
    def _when_fits_kind(self) -> RuleSpec:
        if not (self.drugs_any or self.drugs_all):
            raise ValueError("a rule names drugs_any and/or drugs_all")
        if self.kind == "note" and self.when is not None:
            raise ValueError("a note has no 'when'")
        if self.kind != "note" and self.when is None:
            raise ValueError(f"a {self.kind} rule needs 'when'")
        return self


class RulesFile(_Strict):
    rules: list[RuleSpec]


class WarningSpecYaml(_Strict):
    """A guideline caution: ``text`` is an exact quote (shown to users as guideline text).

    Option warnings name ``drugs_any``; case warnings (no drugs) may limit ``groups`` and
    ``min_line``. With ``when`` the warning needs those case facts; ``flag`` is the short
    label added to each option it triggers on; ``show_when_unknown`` shows it while the
    deciding fact is still unknown.
    """

    id: str
    text: str
    family: str | None = None
    drugs_any: list[str] = []
    drugs_all: list[str] = []
    when: ExprSpec | None = None
    flag: str | None = None
    groups: list[str] = []
    min_line: int | None = None
    show_when_unknown: bool = False


class WarningsFile(_Strict):
    warnings: list[WarningSpecYaml]


class EvidenceSpecYaml(_Strict):
    """Key evidence for options containing all of ``drugs`` (exactly those if ``exact``);
    a ``class:<id>`` token is met by any member of the class."""

    drugs: list[str]
    exact: bool = False
    at: dict[str, str]


class EvidenceFile(_Strict):
    evidence: list[EvidenceSpecYaml]


class SupportiveSpecYaml(_Strict):
    id: str
    label: str
    text: str


class SupportiveFile(_Strict):
    supportive: list[SupportiveSpecYaml]


class DrugClassYaml(_Strict):
    label: str
    members: list[str]


class DrugYaml(_Strict):
    name: str
    in_options: bool


class DrugsFile(_Strict):
    classes: dict[str, DrugClassYaml]
    drugs: list[DrugYaml]


# --------------------------------------------------------------------------- loaded knowledge

Tri = bool | None
Facts = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Condition:
    """A compiled condition: ``test(facts, drug=None)`` → True / False / None; ``facts`` it
    reads. ``drug`` fills the ``$drug`` placeholder of per-drug flags."""

    test: Callable[..., Tri] = field(repr=False, compare=False)
    facts: frozenset[str]
    source: str = ""


@dataclass(frozen=True, slots=True)
class DrugInfo:
    name: str
    classes: tuple[str, ...]
    in_options: bool


@dataclass(frozen=True, slots=True)
class DrugClass:
    id: str
    label: str
    members: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DrugDose:
    """One drug of a regimen: its dose string exactly as written, or None if none is given.

    ``dose_text`` is what to show: the dose, or ``NO_DOSE_TEXT``. ``term`` entries are
    class words the narrative uses as a regimen part ("chemotherapy", "endocrine therapy").
    """

    name: str
    dose: str | None
    sources: tuple[str, ...]
    term: bool = False

    @property
    def dose_text(self) -> str:
        return self.dose if self.dose is not None else NO_DOSE_TEXT


@dataclass(frozen=True, slots=True)
class Part:
    """A required part of an alternative: co-drugs (``and``) or a choice (``or``)."""

    kind: Literal["and", "or"]
    entries: tuple[DrugDose, ...]


@dataclass(frozen=True, slots=True)
class Alternative:
    index: int
    parts: tuple[Part, ...]

    def regimens(self) -> list[tuple[DrugDose, ...]]:
        """Every concrete combination of choices (``or`` parts expand)."""
        combos: list[tuple[DrugDose, ...]] = [()]
        for part in self.parts:
            if part.kind == "and":
                combos = [c + part.entries for c in combos]
            else:
                combos = [c + (e,) for c in combos for e in part.entries]
        return combos

    @property
    def drugs(self) -> frozenset[str]:
        return frozenset(e.name for p in self.parts for e in p.entries)


@dataclass(frozen=True, slots=True)
class OptionList:
    """``tier`` primary/secondary; ``narrative`` for options listed only in the narrative."""

    tier: Literal["primary", "secondary", "narrative"]
    sources: tuple[str, ...]
    alternatives: tuple[Alternative, ...]


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    group: str
    slug: str
    line: int
    title: str
    variant: Mapping[str, bool]
    option_lists: tuple[OptionList, ...]
    narrative_section: str
    supportive_section: str | None
    dose_note: str | None = None
    no_named_agent: tuple[str, ...] = ()
    default_quote: str | None = None
    default_sources: tuple[str, ...] = ()
    requires: Mapping[str, bool] = field(default_factory=dict)
    requires_quote: str | None = None
    requires_sources: tuple[str, ...] = ()

    @property
    def node(self) -> str:
        """The node slug (as ``NodeInfo.node`` in the section index)."""
        return self.slug

    @property
    def variant_label(self) -> str:
        return ", ".join(f"{k}={'yes' if v else 'no'}" for k, v in self.variant.items())


@dataclass(frozen=True, slots=True)
class DrugMatch:
    """Which regimens something applies to: one drug of ``any_of`` (if given), at least one
    drug of each ``all_of`` group, and with ``exact`` nothing else."""

    any_of: frozenset[str] | None
    all_of: tuple[frozenset[str], ...]
    exact: bool = False

    def matches(self, drugs: frozenset[str]) -> bool:
        if self.any_of is not None and not (drugs & self.any_of):
            return False
        if not all(drugs & g for g in self.all_of):
            return False
        if self.exact:
            return all(any(d in g for g in self.all_of) for d in drugs)
        return True

    def matching(self, drugs: frozenset[str]) -> frozenset[str]:
        """The option's drugs this match is about (for per-drug flags)."""
        wanted: set[str] = set(self.any_of or ())
        for g in self.all_of:
            wanted |= g
        return drugs & frozenset(wanted)


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    kind: Literal["requires", "note", "flag"]
    label: str
    drugs: DrugMatch
    condition: Condition | None
    per_drug: bool
    at: Mapping[str, str]  # node id -> quote
    sources_at: Mapping[str, tuple[str, ...]]  # node id -> sections


@dataclass(frozen=True, slots=True)
class WarningSpec:
    id: str
    text: str
    sections: tuple[str, ...]  # every section whose text contains the quote
    family: str
    drugs: DrugMatch | None  # None: a case warning
    condition: Condition | None
    flag: str | None
    groups: frozenset[str]
    min_line: int | None
    show_when_unknown: bool


@dataclass(frozen=True, slots=True)
class EvidenceSpec:
    drugs: DrugMatch
    at: Mapping[str, str]
    sources_at: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class SupportiveSpec:
    id: str
    label: str
    text: str
    sections: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PatientGroup:
    """One row of the decision table: the facts that select the group, its heading."""

    id: str
    heading: str
    when: Mapping[str, str | bool]


@dataclass(frozen=True, slots=True)
class DefaultPath:
    """The guideline's default branch for a deciding fact left unknown ("no visceral
    crisis"), with the quote that shows it and how both branches are named."""

    fact: str
    value: bool
    label: str
    other_label: str
    quote: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CoverageNote:
    """Patients the guideline's groups do not address (men in the HR+ groups)."""

    id: str
    when: Mapping[str, str | bool]
    groups: tuple[str, ...]
    note: str
    quote: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GroupTable:
    """knowledge/groups.yaml, checked: rows in selection order, defaults, coverage notes."""

    decides: tuple[str, ...]
    rows: tuple[PatientGroup, ...]
    """In selection order (visceral crisis first)."""
    defaults: Mapping[str, DefaultPath]
    coverage: tuple[CoverageNote, ...]

    def heading(self, group: str) -> str:
        return next(r.heading for r in self.rows if r.id == group)

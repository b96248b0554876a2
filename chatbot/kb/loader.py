"""Load and cross-check the guideline knowledge under ``knowledge/``.

Layout (see README "Knowledge and rules")::

    knowledge/guideline.txt        the guideline, verbatim
    knowledge/drugs.yaml           drugs and the classes the guideline uses
    knowledge/nodes/<group>.yaml   treatment nodes: variants, option lists, narrative options
    knowledge/rules.yaml           conditions / notes / flags the narrative attaches to options
    knowledge/warnings.yaml        guideline cautions (exact quotes) and what triggers them
    knowledge/evidence.yaml        key evidence sentences per option (exact quotes)
    knowledge/supportive.yaml      supportive-care items (exact quotes)

Loading fails loudly (``KnowledgeError`` naming file and key) on: an unknown key, a
duplicate YAML key, any YAML tag beyond plain safe_load data, a section id that does
not exist, a dose string or quote that is not verbatim in its cited section(s), an
unknown drug, or a treatment node missing from the encoding.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from chatbot import paths
from chatbot.contract import FACTS, GROUP_IDS, valid_fact_value
from chatbot.kb.model import (
    Alternative,
    Condition,
    CoverageNote,
    DefaultPath,
    DrugClass,
    DrugDose,
    DrugInfo,
    DrugMatch,
    DrugsFile,
    EvidenceFile,
    EvidenceSpec,
    ExprSpec,
    Facts,
    GroupFile,
    GroupsFile,
    GroupTable,
    Node,
    OptionList,
    OptionListSpec,
    Part,
    PatientGroup,
    Rule,
    RulesFile,
    SupportiveFile,
    SupportiveSpec,
    Tri,
    WarningsFile,
    WarningSpec,
)
from chatbot.kb.option_text import parse_entry
from chatbot.kb.sections import SectionIndex, build_index, read_guideline

M = TypeVar("M", bound=BaseModel)
DRUG_PLACEHOLDER = "$drug"


class KnowledgeError(ValueError):
    """The knowledge files are invalid; the message names the file and the key."""


# libyaml's parser (``CSafeLoader``) reads the knowledge files ~5x faster than the pure-Python
# one (0.14 s of every cold start, measured 2026-11-21); it has the same SafeConstructor
# (python tags rejected) and our construct_mapping override below. PyYAML built without
# libyaml has no CSafeLoader: then the pure-Python SafeLoader is used, same results.
_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class UniqueKeySafeLoader(_SAFE_LOADER):  # type: ignore[valid-type,misc]
    """``yaml.SafeLoader`` (libyaml's when present) that rejects duplicate mapping keys
    (PyYAML keeps the last silently)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def read_yaml(path: Path) -> Any:
    """Parse one YAML file with safe_load semantics plus duplicate-key rejection."""
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=UniqueKeySafeLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path.name}: {exc}") from exc


def _validate(model: type[M], data: Any, path: Path) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '<root>'}: {err['msg']}"
            for err in exc.errors()
        )
        raise KnowledgeError(f"{path.name}: {problems}") from exc


def read_spec(model: type[M], path: Path) -> M:
    """Read one knowledge file into its schema (no cross-checks against the text)."""
    return _validate(model, read_yaml(path), path)


class Knowledge:
    """The whole encoded guideline, cross-checked against its text."""

    def __init__(
        self,
        index: SectionIndex,
        drugs: dict[str, DrugInfo],
        classes: dict[str, DrugClass],
        nodes: dict[str, Node],
        rules: tuple[Rule, ...],
        warnings: tuple[WarningSpec, ...],
        evidence: tuple[EvidenceSpec, ...],
        supportive: tuple[SupportiveSpec, ...],
        groups: GroupTable,
    ) -> None:
        self.index = index
        self.drugs = drugs
        self.classes = classes
        self.nodes = nodes
        self.rules = rules
        self.warnings = warnings
        self.evidence = evidence
        self.supportive = supportive
        self.groups = groups
        self._by_group: dict[str, tuple[str, ...]] = {
            g: tuple(nid for nid, n in nodes.items() if n.group == g) for g in GROUP_IDS
        }
        self.rules_by_node: dict[str, tuple[Rule, ...]] = {
            nid: tuple(r for r in rules if nid in r.at) for nid in nodes
        }
        self.class_labels: dict[str, str] = {c.label: cid for cid, c in classes.items()}
        self.engine_cache: dict[str, Any] = {}
        """Per-node data the engine precompiles on first use (see chatbot.engine.evaluate)."""

    def node_ids_for(self, group: str) -> tuple[str, ...]:
        """The group's node ids in document order."""
        return self._by_group.get(group, ())

    def line_range(self, group: str) -> tuple[int, int]:
        """(1, the group's last line number)."""
        lines = [self.nodes[n].line for n in self.node_ids_for(group)]
        if not lines:
            raise KeyError(group)
        return (1, max(lines))

    def nodes_at(self, group: str, line: int) -> tuple[Node, ...]:
        return tuple(self.nodes[n] for n in self.node_ids_for(group) if self.nodes[n].line == line)

    def drug_classes(self, name: str) -> tuple[str, ...]:
        info = self.drugs.get(name)
        return info.classes if info else ()

    def known_terms(self) -> set[str]:
        """Every drug and class name the guideline uses (for grounding checks)."""
        return set(self.drugs) | {c.label for c in self.classes.values()}


# --------------------------------------------------------------------------- compile conditions


def _expand(items: Iterable[str], classes: dict[str, DrugClass], where: str) -> frozenset[str]:
    out: set[str] = set()
    for item in items:
        if item.startswith("class:"):
            cid = item.removeprefix("class:")
            if cid not in classes:
                raise KnowledgeError(f"{where}: unknown drug class {cid!r}")
            out.update(classes[cid].members)
        else:
            out.add(item)
    return frozenset(out)


def compile_match(
    any_of: list[str], all_of: list[str], exact: bool, classes: dict[str, DrugClass], where: str
) -> DrugMatch:
    return DrugMatch(
        any_of=_expand(any_of, classes, where) if any_of else None,
        all_of=tuple(_expand([t], classes, where) for t in all_of),
        exact=exact,
    )


def compile_condition(spec: ExprSpec, classes: dict[str, DrugClass], where: str) -> Condition:
    """Compile a condition into a closure ``test(facts, drug=None)`` with three-valued logic."""
    test = _compile(spec, classes, where)
    return Condition(test=test, facts=frozenset(_facts_of(spec)))


def _facts_of(spec: ExprSpec) -> set[str]:
    if spec.fact is not None:
        return {spec.fact}
    subs = spec.any or spec.all or ([spec.not_] if spec.not_ else [])
    out: set[str] = set()
    for s in subs:
        out |= _facts_of(s)
    return out


def _compile(spec: ExprSpec, classes: dict[str, DrugClass], where: str) -> Callable[..., Tri]:
    if spec.any is not None:
        subs = [_compile(s, classes, where) for s in spec.any]

        def any_(facts: Facts, drug: str | None = None) -> Tri:
            unknown = False
            for s in subs:
                v = s(facts, drug)
                if v is True:
                    return True
                if v is None:
                    unknown = True
            return None if unknown else False

        return any_
    if spec.all is not None:
        subs = [_compile(s, classes, where) for s in spec.all]

        def all_(facts: Facts, drug: str | None = None) -> Tri:
            unknown = False
            for s in subs:
                v = s(facts, drug)
                if v is False:
                    return False
                if v is None:
                    unknown = True
            return None if unknown else True

        return all_
    if spec.not_ is not None:
        sub = _compile(spec.not_, classes, where)

        def not_(facts: Facts, drug: str | None = None) -> Tri:
            v = sub(facts, drug)
            return None if v is None else not v

        return not_
    name = spec.fact
    assert name is not None  # guaranteed by ExprSpec._one_form
    if spec.is_ is not None:
        want = spec.is_

        def is_(facts: Facts, drug: str | None = None) -> Tri:
            v = facts.get(name)
            return None if v is None else v == want

        return is_
    if spec.includes_any is not None:
        placeholder = DRUG_PLACEHOLDER in spec.includes_any
        items = _expand([i for i in spec.includes_any if i != DRUG_PLACEHOLDER], classes, where)
        need = spec.count_at_least or 1
        absent_unknown = spec.absent_means_unknown

        def includes(facts: Facts, drug: str | None = None) -> Tri:
            v = facts.get(name)
            if v is None:
                return None
            wanted = items | {drug} if (placeholder and drug) else items
            if len(wanted.intersection(v)) >= need:
                return True
            return None if absent_unknown else False

        return includes
    lo, hi = spec.at_least, spec.at_most

    def bounds(facts: Facts, drug: str | None = None) -> Tri:
        v = facts.get(name)
        if v is None:
            return None
        return (lo is None or v >= lo) and (hi is None or v <= hi)

    return bounds


# --------------------------------------------------------------------------- build


def _check_sections(ids: Iterable[str], index: SectionIndex, where: str) -> tuple[str, ...]:
    out = tuple(ids)
    for sid in out:
        if sid not in index:
            raise KnowledgeError(f"{where}: section id {sid!r} does not exist")
    if not out:
        raise KnowledgeError(f"{where}: no sources")
    return out


def _verbatim(
    text: str, sections: Iterable[str], index: SectionIndex, where: str, *, casefold: bool = False
) -> None:
    joined = "\n".join(index[s].text for s in sections)
    hay, needle = (joined.casefold(), text.casefold()) if casefold else (joined, text)
    if needle not in hay:
        raise KnowledgeError(f"{where}: {text!r} is not verbatim in {list(sections)}")


@cache
def load_drugs(knowledge: Path | None = None) -> tuple[dict[str, DrugInfo], dict[str, DrugClass]]:
    """``knowledge``/drugs.yaml (default: the shipped knowledge folder), validated — the one
    reader of that file; the nlp lexicon, the retrieval lexicon, the transcript lint and the
    knowledge all come from it."""
    return _load_drugs((knowledge or paths.knowledge_dir()) / "drugs.yaml")


def _load_drugs(path: Path) -> tuple[dict[str, DrugInfo], dict[str, DrugClass]]:
    spec = _validate(DrugsFile, read_yaml(path), path)
    names = [d.name for d in spec.drugs]
    if len(set(names)) != len(names):
        raise KnowledgeError(f"{path.name}: drugs: duplicate drug name")
    classes = {cid: DrugClass(cid, c.label, tuple(c.members)) for cid, c in spec.classes.items()}
    for cid, c in classes.items():
        for m in c.members:
            if m not in names:
                raise KnowledgeError(f"{path.name}: classes.{cid}.members: unknown drug {m!r}")
    drugs = {
        d.name: DrugInfo(
            d.name, tuple(cid for cid, c in classes.items() if d.name in c.members), d.in_options
        )
        for d in spec.drugs
    }
    return drugs, classes


def _build_option_list(
    spec: OptionListSpec,
    tier: str,
    node_id: str,
    index: SectionIndex,
    drugs: dict[str, DrugInfo],
    class_labels: set[str],
    where: str,
) -> OptionList:
    sources = _check_sections(spec.sources, index, f"{where}.sources")
    alternatives = []
    for i, alt in enumerate(spec.alternatives):
        parts = []
        for j, raw in enumerate(alt):
            kind, lines = ("and", [raw]) if isinstance(raw, str) else next(iter(raw.items()))
            if not lines:
                raise KnowledgeError(f"{where}.alternatives.{i}.{j}: empty part")
            entries = []
            for line in lines:
                key = f"{where}.alternatives.{i}.{j}: {line!r}"
                entry = parse_entry(line)
                term = entry.name in class_labels and tier == "narrative"
                if entry.name not in drugs and not term:
                    raise KnowledgeError(f"{key}: unknown drug {entry.name!r}")
                if tier == "narrative":
                    if entry.dose is not None:
                        raise KnowledgeError(f"{key}: narrative options carry no dose")
                    _verbatim(entry.name, sources, index, key, casefold=True)
                else:
                    # an entry is a whole line of its option block, not just a substring
                    block = "\n" + "\n".join(index[s].text for s in sources) + "\n"
                    if f"\n{line}\n" not in block:
                        raise KnowledgeError(f"{key}: not a verbatim line of {list(sources)}")
                entries.append(DrugDose(entry.name, entry.dose, sources, term))
            parts.append(Part(kind, tuple(entries)))  # type: ignore[arg-type]
        alternatives.append(Alternative(i, tuple(parts)))
    return OptionList(tier, sources, tuple(alternatives))  # type: ignore[arg-type]


def _load_nodes(
    directory: Path, index: SectionIndex, drugs: dict[str, DrugInfo], classes: dict[str, DrugClass]
) -> dict[str, Node]:
    class_labels = {c.label for c in classes.values()}
    expected = {f"{n.group}/{n.node}": n for n in index.nodes}
    nodes: dict[str, Node] = {}
    for path in sorted(directory.glob("*.yaml")):
        spec = _validate(GroupFile, read_yaml(path), path)
        if spec.group not in GROUP_IDS:
            raise KnowledgeError(f"{path.name}: group: unknown group id {spec.group!r}")
        if path.stem != spec.group:
            raise KnowledgeError(f"{path.name}: group: {spec.group!r} does not match the file name")
        for slug, ns in spec.nodes.items():
            nid = f"{spec.group}/{slug}"
            where = f"{path.name}: nodes.{slug}"
            info = expected.get(nid)
            if info is None:
                raise KnowledgeError(f"{where}: no such treatment node in the guideline")
            if ns.title != info.title:
                raise KnowledgeError(
                    f"{where}.title: {ns.title!r} differs from the guideline's {info.title!r}"
                )
            if info.line is not None and ns.line != info.line:
                raise KnowledgeError(f"{where}.line: {ns.line} but the guideline says {info.line}")
            for fact in ns.variant:
                if fact not in (
                    "chemo_candidate",
                    "brain_metastases",
                    "germline_brca",
                    "ovarian_ablation",
                ):
                    raise KnowledgeError(f"{where}.variant: {fact!r} is not a variant fact")
            narrative = f"{nid}/narrative"
            group_narratives = [narrative] + [
                f"{n.group}/{n.node}/narrative"
                for n in index.nodes
                if n.group == spec.group and f"{n.group}/{n.node}" != nid
            ]
            default_sources: tuple[str, ...] = ()
            if ns.default is not None:
                if not ns.variant:
                    raise KnowledgeError(f"{where}.default: only a variant node has a default")
                default_sources = _quote_sources(ns.default, group_narratives, index)
                if not default_sources:
                    raise KnowledgeError(f"{where}.default: not verbatim in the group's narratives")
            requires_sources: tuple[str, ...] = ()
            if ns.requires:
                if ns.requires_quote is None:
                    raise KnowledgeError(f"{where}.requires: needs requires_quote")
                requires_sources = _quote_sources(ns.requires_quote, group_narratives, index)
                if not requires_sources:
                    raise KnowledgeError(f"{where}.requires_quote: not verbatim in the group")
            for fact in ns.requires:
                if fact not in FACTS or FACTS[fact].type != "bool":
                    raise KnowledgeError(f"{where}.requires: {fact!r} is not a yes/no fact")
            if ns.dose_note is not None:
                _verbatim(ns.dose_note, [narrative], index, f"{where}.dose_note")
            for k, quote in enumerate(ns.no_named_agent or []):
                _verbatim(quote, [narrative], index, f"{where}.no_named_agent.{k}")
            lists = []
            for tier in ("primary", "secondary", "narrative_options"):
                ol = getattr(ns, tier)
                if ol is None:
                    continue
                tier_name = "narrative" if tier == "narrative_options" else tier
                built = _build_option_list(
                    ol, tier_name, nid, index, drugs, class_labels, f"{where}.{tier}"
                )
                if tier_name != "narrative":
                    want = f"{nid}/{tier}-options"
                    if built.sources != (want,):
                        raise KnowledgeError(f"{where}.{tier}.sources: must be [{want}]")
                lists.append(built)
            for tier in ("primary", "secondary"):
                if f"{nid}/{tier}-options" in index and getattr(ns, tier) is None:
                    raise KnowledgeError(f"{where}: the guideline's {tier} options are not encoded")
            if not lists and not ns.no_named_agent:
                raise KnowledgeError(f"{where}: no options and no 'no_named_agent' statement")
            supportive = f"{nid}/supportive-care"
            nodes[nid] = Node(
                id=nid,
                group=spec.group,
                slug=slug,
                line=ns.line,
                title=ns.title,
                variant=dict(ns.variant),
                option_lists=tuple(lists),
                narrative_section=narrative,
                supportive_section=supportive if supportive in index else None,
                dose_note=ns.dose_note,
                no_named_agent=tuple(ns.no_named_agent or ()),
                default_quote=ns.default,
                default_sources=default_sources,
                requires=dict(ns.requires),
                requires_quote=ns.requires_quote,
                requires_sources=requires_sources,
            )
    missing = sorted(set(expected) - set(nodes))
    if missing:
        raise KnowledgeError(f"nodes/: treatment nodes not encoded: {missing}")
    # document order
    return {nid: nodes[nid] for nid in expected}


def _quote_sources(quote: str, candidates: Iterable[str], index: SectionIndex) -> tuple[str, ...]:
    """The candidate sections whose text contains ``quote`` verbatim (the first cites it)."""
    return tuple(sid for sid in candidates if sid in index and quote in index[sid].text)


def _load_groups(path: Path, index: SectionIndex) -> GroupTable:
    """The patient-group decision table, every heading and quote checked against the text."""
    spec = _validate(GroupsFile, read_yaml(path), path)
    rows = {r.id: r for r in spec.groups}
    if [r.id for r in spec.groups] != list(GROUP_IDS):
        raise KnowledgeError(f"{path.name}: groups: must list {list(GROUP_IDS)} in this order")
    if sorted(spec.select_order) != sorted(GROUP_IDS):
        raise KnowledgeError(f"{path.name}: select_order: must name every group once")
    for name in spec.decides:
        if name not in FACTS:
            raise KnowledgeError(f"{path.name}: decides: unknown fact {name!r}")
    for row in spec.groups:
        where = f"{path.name}: groups.{row.id}"
        if row.id not in index or not index[row.id].text.startswith(row.heading):
            raise KnowledgeError(f"{where}.heading: not the guideline's heading for {row.id}")
        for fact, value in row.when.items():
            if fact not in spec.decides or not valid_fact_value(fact, value):
                raise KnowledgeError(f"{where}.when: {fact}={value!r} is not a deciding value")
    for i, rule in enumerate(spec.node_slugs):
        where = f"{path.name}: node_slugs[{i}]"
        if (rule.marker is None) == (not rule.repeat):
            raise KnowledgeError(f"{where}: give either a title marker or repeat groups")
        unknown = [g for g in rule.except_groups + rule.repeat if g not in GROUP_IDS]
        if unknown:
            raise KnowledgeError(f"{where}: unknown groups {unknown}")
    defaults: dict[str, DefaultPath] = {}
    for d in spec.defaults:
        where = f"{path.name}: defaults.{d.fact}"
        if not _quote_sources(d.quote, d.sources, index) or len(
            _quote_sources(d.quote, d.sources, index)
        ) != len(d.sources):
            raise KnowledgeError(f"{where}.quote: not verbatim in {d.sources}")
        defaults[d.fact] = DefaultPath(
            d.fact, d.value, d.label, d.other_label, d.quote, tuple(d.sources)
        )
    coverage = []
    for c in spec.coverage:
        where = f"{path.name}: coverage.{c.id}"
        if len(_quote_sources(c.quote, c.sources, index)) != len(c.sources):
            raise KnowledgeError(f"{where}.quote: not verbatim in {c.sources}")
        unknown = [g for g in c.groups if g not in GROUP_IDS]
        if unknown:
            raise KnowledgeError(f"{where}.groups: unknown {unknown}")
        coverage.append(
            CoverageNote(
                c.id,
                dict(c.when),
                tuple(c.groups),
                " ".join(c.note.split()),
                c.quote,
                tuple(c.sources),
            )
        )
    return GroupTable(
        tuple(spec.decides),
        tuple(
            PatientGroup(rows[g].id, rows[g].heading, dict(rows[g].when)) for g in spec.select_order
        ),
        defaults,
        tuple(coverage),
    )


def _sections_containing(text: str, index: SectionIndex) -> tuple[str, ...]:
    """Every leaf section (narrative / options / supportive care) whose text contains ``text``."""
    return tuple(s.id for s in index if s.id.count("/") == 2 and text in s.text)


def build_knowledge(directory: Path, index: SectionIndex | None = None) -> Knowledge:
    """Load and cross-check the knowledge in ``directory`` (uncached; tests inject faults here)."""
    index = index or build_index(read_guideline(directory / "guideline.txt"))
    drugs, classes = _load_drugs(directory / "drugs.yaml")
    nodes = _load_nodes(directory / "nodes", index, drugs, classes)
    groups = _load_groups(directory / "groups.yaml", index)
    known = set(drugs) | {f"class:{c}" for c in classes} | {c.label for c in classes.values()}

    def check_drugs(items: Iterable[str], where: str) -> None:
        for d in items:
            if d not in known:
                raise KnowledgeError(f"{where}: unknown drug or class {d!r}")

    def check_at(at: dict[str, str], where: str) -> dict[str, tuple[str, ...]]:
        out: dict[str, tuple[str, ...]] = {}
        for nid, quote in at.items():
            if nid not in nodes:
                raise KnowledgeError(f"{where}.at.{nid}: no such node")
            sid = nodes[nid].narrative_section
            _verbatim(quote, [sid], index, f"{where}.at.{nid}")
            out[nid] = (sid,)
        return out

    path = directory / "rules.yaml"
    rules_spec = _validate(RulesFile, read_yaml(path), path)
    rules = []
    ids: set[str] = set()
    for r in rules_spec.rules:
        where = f"{path.name}: rules.{r.id}"
        if r.id in ids:
            raise KnowledgeError(f"{where}: duplicate rule id")
        ids.add(r.id)
        check_drugs(r.drugs_any + r.drugs_all, f"{where}.drugs")
        rules.append(
            Rule(
                id=r.id,
                kind=r.kind,
                label=r.label,
                drugs=compile_match(r.drugs_any, r.drugs_all, r.exact, classes, where),
                condition=compile_condition(r.when, classes, where) if r.when else None,
                per_drug=r.per_drug,
                at=dict(r.at),
                sources_at=check_at(r.at, where),
            )
        )

    path = directory / "warnings.yaml"
    warn_spec = _validate(WarningsFile, read_yaml(path), path)
    warnings = []
    for w in warn_spec.warnings:
        where = f"{path.name}: warnings.{w.id}"
        check_drugs(w.drugs_any + w.drugs_all, f"{where}.drugs")
        for g in w.groups:
            if g not in GROUP_IDS:
                raise KnowledgeError(f"{where}.groups: unknown group {g!r}")
        sections = _sections_containing(w.text, index)
        if not sections:
            raise KnowledgeError(f"{where}.text: not verbatim in any section of the guideline")
        warnings.append(
            WarningSpec(
                id=w.id,
                text=w.text,
                sections=sections,
                family=w.family or w.id,
                drugs=(
                    compile_match(w.drugs_any, w.drugs_all, False, classes, where)
                    if (w.drugs_any or w.drugs_all)
                    else None
                ),
                condition=compile_condition(w.when, classes, where) if w.when else None,
                flag=w.flag,
                groups=frozenset(w.groups),
                min_line=w.min_line,
                show_when_unknown=w.show_when_unknown,
            )
        )

    path = directory / "evidence.yaml"
    ev_spec = _validate(EvidenceFile, read_yaml(path), path)
    evidence = []
    for k, e in enumerate(ev_spec.evidence):
        where = f"{path.name}: evidence.{k}"
        check_drugs(e.drugs, f"{where}.drugs")
        match = compile_match([], e.drugs, e.exact, classes, where)
        evidence.append(EvidenceSpec(match, dict(e.at), check_at(e.at, where)))

    path = directory / "supportive.yaml"
    sup_spec = _validate(SupportiveFile, read_yaml(path), path)
    supportive = []
    for s in sup_spec.supportive:
        where = f"{path.name}: supportive.{s.id}"
        sections = tuple(
            sid for sid in _sections_containing(s.text, index) if sid.endswith("/supportive-care")
        )
        if not sections:
            raise KnowledgeError(f"{where}.text: not verbatim in any supportive-care section")
        supportive.append(SupportiveSpec(s.id, s.label, s.text, sections))

    return Knowledge(
        index,
        drugs,
        classes,
        nodes,
        tuple(rules),
        tuple(warnings),
        tuple(evidence),
        tuple(supportive),
        groups,
    )


@cache
def load_knowledge() -> Knowledge:
    """The shipped knowledge, loaded and cross-checked once per process."""
    from chatbot.kb.sections import load_index

    return build_knowledge(paths.knowledge_dir(), load_index())

"""The drug lexicon: knowledge/drugs.yaml (generic names, classes) + knowledge/lexicon.yaml
(brands, abbreviations, synonyms, class phrases), and the rapidfuzz resolver over it.

Plus chatbot/nlp/rules/history_drugs.yaml: drugs the guideline does not name, recognised only
to read treatment histories (``DrugLexicon.history_only``); never used in an answer.

The lexicon is validated when it is read: every target must be a generic name or class id
of drugs.yaml, unknown top-level keys are refused. The built pipeline stores the resolved
table (``DrugLexicon.to_dict``) so run time never reads the YAML.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, process, utils

from chatbot.kb.loader import load_drugs
from chatbot.nlp.types import DrugMatch, MatchHow

LEXICON_KEYS = frozenset(
    {"brands", "synonyms", "abbreviations", "class_phrases", "bone_therapy", "not_drugs"}
)
# fuzz.ratio (normalised Indel similarity) rather than WRatio: WRatio's partial matching
# scores a fragment of a name highly ("cape" inside "capecitabine"), which is exactly what
# the short-token guard exists to prevent. Misspellings of whole words score 88-93.
FUZZY_CUTOFF = 85.0
SUGGEST_CUTOFF = 60.0
# Round 24: a long drug name misspelt in its vowels, as patients write them ("went into
# Capcetibine which didn't work": fuzz.ratio 78 against capecitabine, under FUZZY_CUTOFF).
# The consonants in order are the name's ("cpctbn"); such a word resolves when its skeleton
# belongs to one name only, the first letters agree and the ratio is still SKELETON_CUTOFF or
# more. Hand-written (rapidfuzz has no phonetic key): letters-only names of SKELETON_MIN+
# letters, so code names ("GDC-0068", "SHR6390") never share a key.
SKELETON_MIN = 8
SKELETON_CUTOFF = 70.0
SHORT_TOKEN = 4  # tokens this short resolve only through the exact tables
# Word endings of drug names (INN stems) used to spot unknown drug-like words.
DRUG_SUFFIXES = (
    "mab",
    "nib",
    "lisib",
    "ciclib",
    "parib",
    "strant",
    "rozole",
    "tecan",
    "taxel",
    "rubicin",
    "platin",
    "limus",
    "sertib",
    "tansine",
    "estrant",
    "mestane",
    "citabine",
    "relin",
    "bulin",
    "ribine",
    "xifene",
    "trexate",
    "mycin",
)


def consonant_skeleton(word: str) -> str:
    """The word's consonants in order, a doubled one once: "capecitabine" -> "cpctbn"."""
    out: list[str] = []
    for ch in word:
        if ch not in "aeiouy" and (not out or out[-1] != ch):
            out.append(ch)
    return "".join(out)


def skeleton_index(choices: Iterable[str]) -> dict[str, str]:
    """Consonant skeleton -> the one fuzzy choice that has it (a shared skeleton is dropped)."""
    index: dict[str, str] = {}
    shared: set[str] = set()
    for surface in sorted(choices):
        if len(surface) < SKELETON_MIN or not surface.isalpha():
            continue
        key = consonant_skeleton(surface)
        if key in index and index[key] != surface:
            shared.add(key)
        index.setdefault(key, surface)
    return {k: v for k, v in index.items() if k not in shared}


class LexiconError(ValueError):
    """The lexicon YAML is malformed; the message names the file and key."""


def normalise(text: str) -> str:
    """NFKC (full-width letters, ligatures, non-breaking spaces) + lowercase + trimmed."""
    text = unicodedata.normalize("NFKC", text)
    return " ".join(text.lower().replace("\u2011", "-").replace("\u2013", "-").split())


@dataclass(frozen=True, slots=True)
class DrugLexicon:
    """Surface form (normalised) -> match, plus the fuzzy choice list and class members."""

    exact: Mapping[str, DrugMatch]
    fuzzy_choices: Mapping[str, str]  # surface (len > SHORT_TOKEN) -> key into ``exact``
    class_members: Mapping[str, tuple[str, ...]]
    bone_therapy: frozenset[str]
    not_drugs: frozenset[str]
    # rules/history_drugs.yaml: read in histories only, never in answers
    history_only: frozenset[str] = frozenset()
    history_chemo: frozenset[str] = frozenset()  # of those, chemotherapy (chemo lines)
    ovarian_suppression: frozenset[str] = frozenset()  # of those, ovarian suppression
    # of those, the drugs.yaml class each belongs to ("dalpiciclib": cdk46-inhibitor)
    history_classes: Mapping[str, str] = field(default_factory=dict)
    # consonant skeleton -> fuzzy choice (``skeleton_index``), built from ``fuzzy_choices``
    skeletons: Mapping[str, str] = field(default_factory=dict)

    # -- resolution ---------------------------------------------------------------
    def resolve(self, token: str) -> DrugMatch | None:
        """Exact table first; fuzzy only for words longer than 4 characters."""
        key = normalise(token)
        if not key:
            return None
        hit = self.exact.get(key)
        if hit is not None:
            return hit
        if len(key) <= SHORT_TOKEN or key in self.not_drugs:
            return None
        best = process.extractOne(
            key,
            list(self.fuzzy_choices),
            scorer=fuzz.ratio,
            processor=utils.default_process,
            score_cutoff=FUZZY_CUTOFF,
        )
        if best is None:
            return self._misspelt_vowels(key)
        target = self.exact[self.fuzzy_choices[best[0]]]
        return DrugMatch(target.generics, target.classes, "fuzzy", float(best[1]), best[0])

    def _misspelt_vowels(self, key: str) -> DrugMatch | None:
        """A long name written with its vowels wrong ("capcetibine"), or None (SKELETON_MIN)."""
        if len(key) < SKELETON_MIN or not key.isalpha():
            return None
        surface = self.skeletons.get(consonant_skeleton(key))
        if surface is None or surface[0] != key[0]:
            return None
        score = fuzz.ratio(key, surface)
        if score < SKELETON_CUTOFF:
            return None
        target = self.exact[self.fuzzy_choices[surface]]
        return DrugMatch(target.generics, target.classes, "fuzzy", float(score), surface)

    def suggest(self, word: str, limit: int = 3) -> list[str]:
        """Nearest generic names for an unresolved word, best first (may be empty)."""
        key = normalise(word)
        if not key:
            return []
        found = process.extract(
            key,
            list(self.fuzzy_choices),
            scorer=fuzz.ratio,
            processor=utils.default_process,
            score_cutoff=SUGGEST_CUTOFF,
            limit=limit * 3,
        )
        out: list[str] = []
        for surface, _score, _i in found:
            for generic in self.exact[self.fuzzy_choices[surface]].generics:
                if generic not in out:
                    out.append(generic)
        return out[:limit]

    def is_drug_like(self, word: str) -> bool:
        key = normalise(word)
        return (
            len(key) > SHORT_TOKEN
            and key.isalpha()
            and key not in self.not_drugs
            and key.endswith(DRUG_SUFFIXES)
        )

    # -- (de)serialisation for the pipeline directory --------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "exact": {
                k: {"generics": list(m.generics), "classes": list(m.classes), "how": m.how}
                for k, m in sorted(self.exact.items())
            },
            "fuzzy_choices": dict(sorted(self.fuzzy_choices.items())),
            "class_members": {k: list(v) for k, v in sorted(self.class_members.items())},
            "bone_therapy": sorted(self.bone_therapy),
            "not_drugs": sorted(self.not_drugs),
            "history_only": sorted(self.history_only),
            "history_chemo": sorted(self.history_chemo),
            "ovarian_suppression": sorted(self.ovarian_suppression),
            "history_classes": dict(sorted(self.history_classes.items())),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DrugLexicon:
        exact = {
            k: DrugMatch(tuple(v["generics"]), tuple(v["classes"]), v["how"], 100.0, k)
            for k, v in data["exact"].items()
        }
        return cls(
            exact=exact,
            fuzzy_choices=dict(data["fuzzy_choices"]),
            class_members={k: tuple(v) for k, v in data["class_members"].items()},
            bone_therapy=frozenset(data["bone_therapy"]),
            not_drugs=frozenset(data["not_drugs"]),
            history_only=frozenset(data.get("history_only", ())),
            history_chemo=frozenset(data.get("history_chemo", ())),
            ovarian_suppression=frozenset(data.get("ovarian_suppression", ())),
            history_classes=dict(data.get("history_classes", {})),
            skeletons=skeleton_index(data["fuzzy_choices"]),
        )


def _targets(
    file: Path, section: str, surface: str, raw: Any, generics: set[str], classes: set[str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list) or not items:
        raise LexiconError(f"{file}: {section}.{surface}: expected a name or a list of names")
    gens: list[str] = []
    cls_: list[str] = []
    for item in items:
        if isinstance(item, str) and item.startswith("class:") and item[6:] in classes:
            cls_.append(item[6:])
        elif section == "class_phrases" and item in classes:
            cls_.append(item)
        elif item in generics:
            gens.append(item)
        else:
            raise LexiconError(
                f"{file}: {section}.{surface}: {item!r} is neither a generic name nor a "
                "class id of drugs.yaml"
            )
    return tuple(gens), tuple(cls_)


def load_lexicon(knowledge: Path) -> DrugLexicon:
    """Read and validate drugs.yaml (through the knowledge loader) + lexicon.yaml from the
    knowledge folder."""
    lex_file = knowledge / "lexicon.yaml"
    drugs, drug_classes = load_drugs(knowledge)
    lex = yaml.safe_load(lex_file.read_text(encoding="utf-8"))
    if not isinstance(lex, dict):
        raise LexiconError(f"{lex_file}: expected a mapping at the top")
    unknown = set(lex) - LEXICON_KEYS
    if unknown:
        raise LexiconError(f"{lex_file}: unknown keys {sorted(unknown)}")
    generics = set(drugs)
    classes = {cid: c.members for cid, c in drug_classes.items()}
    class_ids = set(classes)

    exact: dict[str, DrugMatch] = {}
    fuzzy: dict[str, str] = {}

    def add(
        surface: str, gens: Iterable[str], cls_: Iterable[str], how: MatchHow, fuzzy_ok: bool
    ) -> None:
        key = normalise(surface)
        if key in exact and exact[key].how != "exact":
            raise LexiconError(f"{lex_file}: {surface!r} is listed twice")
        if key not in exact:
            exact[key] = DrugMatch(tuple(gens), tuple(cls_), how, 100.0, key)
        if fuzzy_ok and len(key) > SHORT_TOKEN:
            fuzzy.setdefault(key, key)

    for name in sorted(generics):
        add(name, [name], [], "exact", True)
        if " " in name:  # "trastuzumab deruxtecan" also as "trastuzumab-deruxtecan"
            add(name.replace(" ", "-"), [name], [], "exact", False)
    for section, how, fuzzy_ok in (
        ("brands", "brand", True),
        ("synonyms", "exact", True),
        ("abbreviations", "abbreviation", False),
    ):
        for surface, raw in (lex.get(section) or {}).items():
            gens, cls_ = _targets(lex_file, section, surface, raw, generics, class_ids)
            add(str(surface), gens, cls_, how, fuzzy_ok)  # type: ignore[arg-type]
    for surface, raw in (lex.get("class_phrases") or {}).items():
        gens, cls_ = _targets(lex_file, "class_phrases", surface, raw, generics, class_ids)
        add(str(surface), gens, cls_, "class", False)
        for variant in therapy_noun_variants(str(surface)):
            if normalise(variant) not in exact:
                add(variant, gens, cls_, "class", False)
    history = load_history_drugs(HISTORY_DRUGS, generics)
    for name, (_kind, others) in history.items():
        add(name, [name], [], "exact", True)
        for other in others:
            add(other, [name], [], "exact", len(normalise(other)) > SHORT_TOKEN + 2)
    history_classes = load_history_classes(HISTORY_DRUGS, class_ids)
    for surface, (gens, cls_) in load_regimens(HISTORY_DRUGS, generics | set(history), class_ids):
        add(surface, gens, cls_, "abbreviation", False)  # exact only: "CMF", "FEC-100"
    bone = frozenset(lex.get("bone_therapy") or ())
    if not bone <= generics:
        raise LexiconError(
            f"{lex_file}: bone_therapy names unknown drugs {sorted(bone - generics)}"
        )
    return DrugLexicon(
        exact=exact,
        fuzzy_choices=fuzzy,
        class_members=classes,
        bone_therapy=bone,
        not_drugs=frozenset(normalise(w) for w in lex.get("not_drugs") or ()),
        history_only=frozenset(history),
        history_chemo=frozenset(n for n, (k, _) in history.items() if k == "chemotherapy"),
        ovarian_suppression=frozenset(
            n for n, (k, _) in history.items() if k == "ovarian-suppression"
        ),
        history_classes=history_classes,
        skeletons=skeleton_index(fuzzy),
    )


# stop 46 (r63-0027, r60-0045): a class phrase ending in a therapy noun is the class with
# any such noun ("hormone treatment", "hormonal therapies", "endocrine drugs", "anti-HER2
# treatments"): one grammar, not one lexicon line per spelling ("hormone therapy" alone had
# been listed, and "despite … hormone treatment" was no treatment told)
THERAPY_NOUNS = (
    "therapy",
    "therapies",
    "treatment",
    "treatments",
    "medication",
    "medications",
    "drug",
    "drugs",
    "pill",
    "pills",
    "tablets",
)


def therapy_noun_variants(surface: str) -> list[str]:
    """The phrase with its last word, a therapy noun, replaced by each of the others."""
    head, _, last = surface.rpartition(" ")
    if not head or last.lower() not in THERAPY_NOUNS:
        return []
    return [f"{head} {noun}" for noun in THERAPY_NOUNS if noun != last.lower()]


HISTORY_DRUGS = Path(__file__).resolve().parent / "rules" / "history_drugs.yaml"
HISTORY_KINDS = frozenset(
    {"chemotherapy", "endocrine", "ovarian-suppression", "targeted", "immunotherapy"}
)


def load_history_drugs(
    path: Path, guideline: Iterable[str]
) -> dict[str, tuple[str, tuple[str, ...]]]:
    """rules/history_drugs.yaml: generic name -> (kind, other names). A name of the
    guideline's drugs.yaml is refused (those are the guideline's, with their classes)."""
    raw = _history_file(path)
    known = set(guideline)
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for name, entry in raw["drugs"].items():
        if not isinstance(entry, dict) or not {"kind", "names"} <= set(entry) <= DRUG_KEYS:
            raise LexiconError(f"{path}: {name}: expected 'kind' and 'names' (and 'class')")
        if entry["kind"] not in HISTORY_KINDS:
            raise LexiconError(f"{path}: {name}: kind must be one of {sorted(HISTORY_KINDS)}")
        if name in known:
            raise LexiconError(f"{path}: {name} is a drug of drugs.yaml (the guideline's)")
        out[str(name)] = (str(entry["kind"]), tuple(str(n) for n in entry["names"] or ()))
    return out


DRUG_KEYS = frozenset({"kind", "names", "class"})
HISTORY_FILE_KEYS = frozenset({"drugs", "regimens"})


def _history_file(path: Path) -> dict[str, Any]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if (
        not isinstance(raw, dict)
        or "drugs" not in raw
        or not set(raw) <= HISTORY_FILE_KEYS
        or not isinstance(raw["drugs"], dict)
        or not isinstance(raw.get("regimens") or {}, dict)
    ):
        raise LexiconError(f"{path}: expected a mapping with the keys 'drugs' (and 'regimens')")
    return raw


def load_history_classes(path: Path, class_ids: Iterable[str]) -> dict[str, str]:
    """rules/history_drugs.yaml: generic name -> the drugs.yaml class it belongs to, for the
    drugs given one ("dalpiciclib": cdk46-inhibitor sets prior_cdk46). An unknown class id
    is refused."""
    known = set(class_ids)
    out: dict[str, str] = {}
    for name, entry in _history_file(path)["drugs"].items():
        cls = entry.get("class")
        if cls is None:
            continue
        if cls not in known:
            raise LexiconError(f"{path}: {name}: class {cls!r} is not a class id of drugs.yaml")
        out[str(name)] = str(cls)
    return out


def load_regimens(
    path: Path, names: Iterable[str], class_ids: Iterable[str]
) -> list[tuple[str, tuple[tuple[str, ...], tuple[str, ...]]]]:
    """rules/history_drugs.yaml ``regimens``: a regimen acronym as written ("CMF", "FEC-100",
    "ddAC") -> its drugs (generic names of drugs.yaml or of the history drugs) and drug
    classes ("class:taxane"). Anything else is refused, naming the acronym."""
    known, classes = set(names), set(class_ids)
    out: list[tuple[str, tuple[tuple[str, ...], tuple[str, ...]]]] = []
    for surface, items in (_history_file(path).get("regimens") or {}).items():
        if not isinstance(items, list) or not items:
            raise LexiconError(f"{path}: regimens.{surface}: expected a list of drug names")
        gens: list[str] = []
        cls_: list[str] = []
        for item in items:
            if isinstance(item, str) and item.startswith("class:") and item[6:] in classes:
                cls_.append(item[6:])
            elif item in known:
                gens.append(str(item))
            else:
                raise LexiconError(
                    f"{path}: regimens.{surface}: {item!r} is neither a known drug nor a class id"
                )
        out.append((str(surface), (tuple(gens), tuple(cls_))))
    return out

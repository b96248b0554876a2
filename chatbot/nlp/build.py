"""Build the shipped spaCy pipeline ``nlp_models/mbc_ner`` from files in the repository.

    python -m chatbot.nlp.build            # rebuild nlp_models/mbc_ner in place
    python -m chatbot.nlp.build OUT_DIR    # build elsewhere (the rebuild test does this)

Inputs: knowledge/drugs.yaml + knowledge/lexicon.yaml (drug names), and
chatbot/nlp/rules/{fact_patterns,topography,genes,context_rules}.yaml. The build is deterministic:
the same inputs give byte-identical files (tests/test_pipeline_build.py checks it).
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import shutil
import sys
from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path
from typing import Any

import spacy
import yaml
from spacy.language import Language

import chatbot.nlp.components  # noqa: F401  (registers the factories)
from chatbot.nlp.components import FACT_WORD_MIN
from chatbot.nlp.context import rules_from_config
from chatbot.nlp.lexicon import DrugLexicon, load_lexicon
from chatbot.nlp.tokenizer import customise_tokenizer
from chatbot.paths import knowledge_dir, pipeline_path

PIPELINE_NAME = "mbc_ner"
PIPELINE_VERSION = "0.1.0"
PATTERN_KEYS = frozenset(
    {"label", "id", "phrases", "patterns", "organs", "adjectives", "only_with_metastasis"}
)
# rules/topography.yaml: the ICD-O-3 topography sub-sites by the site the labels name them
TOPOGRAPHY_KEYS = frozenset(
    {"code", "title", "site", "terms", "adjectives", "only_with_metastasis"}
)
# A metastatic site named by an organ word only where the words say it holds metastases
# ("splenic metastasis", "metastases to the spleen"): a bare "heart" or "thyroid" is more
# often a comorbidity than a site. ``organs:`` entries expand through these forms.
# organ adjectives that more often describe a function than a site ("renal and hepatic
# function", "cardiac failure"): never an organ word alone
# Adjectives alone are ORGAN_ADJ: a site only in a list that a metastasis word heads
# ("ovarian and pelvic metastasis", chatbot.nlp.sites), never a list member by itself.
FUNCTION_ADJECTIVES = frozenset(
    {"renal", "cardiac", "myocardial", "gastrointestinal", "gastric", "colonic", "rectal"}
    | {"intramuscular", "vesical", "retinal", "ocular", "pancreatic", "uterine", "ovarian"}
    | {"hepatic", "pulmonary", "pleural", "peritoneal", "pelvic", "cutaneous", "subcutaneous"}
    | {"dermal", "nodal", "axillary", "mediastinal", "hilar", "sternal", "sacral", "humeral"}
    | {"calvarial", "cerebral", "cerebellar", "meningeal", "leptomeningeal", "dural"}
    | {"omental", "splenic", "pericardial", "adnexal", "endometrial", "myometrial", "ileal"}
    | {"jejunal", "duodenal", "orbital", "periorbital", "intracranial", "pyloric", "skeletal"}
    | {"osseous", "bony", "spinal", "vertebral", "intraocular", "mandibular"}
    | {"retroperitoneal", "intestinal", "lytic", "osteolytic", "sclerotic", "osteoblastic"}
    | {"blastic", "osteosclerotic", "supraclavicular", "infraclavicular"}
    # round 6: the organs added by name ("vaginal bleeding", "esophageal candidiasis")
    | {"vaginal", "vulvar", "vulval", "esophageal", "oesophageal", "laryngeal", "tonsillar"}
    | {"appendiceal", "anal", "placental", "prostatic", "testicular", "thymic", "tracheal"}
    | {"tubal", "nasal", "sinonasal", "pharyngeal", "nasopharyngeal", "lingual", "salivary"}
    | {"mammary"}
)
ORGAN_FORMS = (
    "{w} metastasis",
    "{w} metastases",
    "{w} mets",
    "{w} met",
    "{w} metastatic disease",
    "{w} metastatic lesion",
    "{w} metastatic lesions",
    "{w} involvement",
    "metastasis to the {w}",
    "metastases to the {w}",
    "metastatic to the {w}",
    "metastasis in the {w}",
    "metastases in the {w}",
    "metastasis of the {w}",
    "metastasized to the {w}",
    "metastasised to the {w}",
    "metastatic involvement of the {w}",
    "involvement of the {w}",
    "spread to the {w}",
    "{w} lesion",
    "{w} lesions",
    "{w} deposit",
    "{w} deposits",
    "{w} carcinomatosis",
    "metastatic {w}",
    "carcinomatosis of the {w}",
    "lesion in the {w}",
    "lesions in the {w}",
    "lesions to the {w}",
    "deposits in the {w}",
    "metastatic disease in the {w}",
    "metastatic disease to the {w}",
    "metastatic spread to the {w}",
    "{w} mass",
    "{w} masses",
    "mass in the {w}",
)
STATUS_WORDS = frozenset(
    {
        "positive",
        "negative",
        "pos",
        "neg",
        "amplified",
        "mutated",
        "low",
        "mutant",
        "deficient",
        "proficient",
        "high",
        "stable",
    }
)


def rules_dir() -> Path:
    return Path(str(files("chatbot.nlp"))) / "rules"


def _read_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# stop 44: a receptor's name joined to a disease noun by a hyphen is no spelling of the subtype
# ("HER2 breast cancer" is HER2-positive disease, but "HER2 - breast cancer" / "HER2-breast
# cancer" reads the hyphen as the receptor's negative sign; read by chatbot.nlp.receptors)
RECEPTOR_WORDS = frozenset({"her2", "2", "neu", "her2/neu", "erbb2", "er", "pr", "hr"})
DISEASE_NOUNS = frozenset(
    {"breast", "cancer", "disease", "mbc", "bc", "metastatic", "carcinoma", "type", "subtype"}
)


def _variants(phrase: str) -> list[str]:
    """A phrase with its usual spellings: words joined by spaces, by hyphens, and (for a
    two-part hyphenated word) run together: "post-menopausal", "post menopausal",
    "postmenopausal"; "ER negative", "ER-negative"; "estrogen-receptor-positive"."""
    out = [phrase]
    words = re.split(r"[ -]", phrase)
    if len(words) > 1 and all(words) and not phrase.startswith("-") and not phrase.endswith("-"):
        # every mix of spaces and hyphens for up to four words ("oestrogen-receptor negative")
        combos = (
            itertools.product(" -", repeat=len(words) - 1)
            if len(words) <= 4
            else [(" ",) * (len(words) - 1), ("-",) * (len(words) - 1)]
        )
        for seps in combos:
            if any(
                sep == "-"
                and words[k].lower() in RECEPTOR_WORDS
                and words[k + 1].lower() in DISEASE_NOUNS
                and f"{words[k]}-{words[k + 1]}" not in phrase
                for k, sep in enumerate(seps)
            ):
                continue  # "HER2 - breast cancer" is a negative sign, not "HER2 breast cancer"
            out.append(words[0] + "".join(sep + w for sep, w in zip(seps, words[1:], strict=True)))
        if len(words) == 2 and "-" in phrase:
            out.append("".join(words))
    parts = phrase.split(" ")
    if len(parts) == 2 and parts[1] in STATUS_WORDS:  # "HER2 is negative", "PD-L1: positive"
        out += [f"{parts[0]} {link} {parts[1]}" for link in ("is", "was", ":")]
    return list(dict.fromkeys(out))


def drug_patterns(lexicon: DrugLexicon) -> list[dict[str, Any]]:
    """One phrase pattern per lexicon surface form (the resolver then drops 2-3 letter
    abbreviations not written in capitals: "AI", not "ai")."""
    patterns: list[dict[str, Any]] = []
    for key in sorted(lexicon.exact):
        for variant in _variants(key):
            patterns.append({"label": "DRUG", "id": key, "pattern": variant})
    return patterns


# round 11: an organ of two or more words written in the plural ("bilateral chest walls"):
# the plural of its last noun, for every organ phrase and noun of the vocabulary
PLURAL_NOUNS = {
    "wall": "walls",
    "gland": "glands",
    "lobe": "lobes",
    "tube": "tubes",
    "duct": "ducts",
    "cord": "cords",
    "muscle": "muscles",
    "nerve": "nerves",
    "valve": "valves",
    "fold": "folds",
    "cavity": "cavities",
    "sinus": "sinuses",
}


def _with_plural(words: Iterable[Any], known: set[str]) -> list[str]:
    """``words`` and, after each organ of two or more words ending in a count noun, its plural
    when the vocabulary does not already have it."""
    out: list[str] = []
    for word in map(str, words):
        out.append(word)
        head, _, last = word.rpartition(" ")
        plural = PLURAL_NOUNS.get(last.lower())
        if head and plural and f"{head} {plural}".lower() not in known:
            out.append(f"{head} {plural}")
    return out


def fact_patterns(entries: list[dict[str, Any]], where: str) -> list[dict[str, Any]]:
    patterns: list[dict[str, Any]] = []
    # an organ word that is a phrase of its own ("liver") keeps that reading alone
    phrases = {str(p).lower() for entry in entries for p in entry.get("phrases") or ()}
    known = phrases | {
        str(w).lower()
        for entry in entries
        for key in ("organs", "only_with_metastasis", "adjectives")
        for w in entry.get(key) or ()
    }
    phrases |= {
        p.lower()
        for entry in entries
        if str(entry.get("id", "")).startswith("metastatic_sites=")
        for p in _with_plural(entry.get("phrases") or (), known)
    }
    for i, entry in enumerate(entries):
        unknown = set(entry) - PATTERN_KEYS
        if unknown or "label" not in entry or "id" not in entry:
            raise ValueError(f"{where}[{i}]: needs label and id; unknown keys {sorted(unknown)}")
        sites = str(entry.get("id", "")).startswith("metastatic_sites=")
        for phrase in (
            _with_plural(entry.get("phrases") or (), known) if sites else entry.get("phrases") or ()
        ):
            for variant in _variants(str(phrase)):
                patterns.append({"label": entry["label"], "id": entry["id"], "pattern": variant})
        adjectives = [(word, True) for word in entry.get("adjectives") or ()]
        # words of a body part told more often of a symptom than a finding ("swelling of the
        # lips", "a sore throat"): a site only with a metastasis word, never an organ alone
        formed = {str(w).lower() for w in entry.get("only_with_metastasis") or ()}
        organs = entry.get("organs") or ()
        words = [(w, False) for w in (_with_plural(organs, known) if sites else organs)]
        words += [(w, False) for w in entry.get("only_with_metastasis") or ()]
        for word, adjective in words + adjectives:
            # alone: a site only in a list of sites (chatbot.nlp.sites)
            label = "ORGAN_ADJ" if adjective or word in FUNCTION_ADJECTIVES else "ORGAN"
            if word.lower() not in phrases and word.lower() not in formed:
                for variant in _variants(word):
                    patterns.append({"label": label, "id": entry["id"], "pattern": variant})
            for form in ORGAN_FORMS:
                if label == "ORGAN_ADJ" and not form.startswith("{w}"):
                    continue  # an adjective needs its noun: "metastasis to the mediastinal pleura"
                for variant in _variants(form.format(w=word)):
                    patterns.append(
                        {"label": entry["label"], "id": entry["id"], "pattern": variant}
                    )
        for pattern in entry.get("patterns") or ():
            for fast in _plain_first_token(pattern):
                patterns.append({"label": entry["label"], "id": entry["id"], "pattern": fast})
    return patterns


def topography_entries(
    rows: list[dict[str, Any]], entries: list[dict[str, Any]], where: str
) -> list[dict[str, Any]]:
    """rules/topography.yaml rows as ``organs:`` entries (one FACT entry per site).

    A word names one site: a term that ``entries`` (fact_patterns.yaml) or another row gives
    to another site is refused, so the table and the hand-written vocabulary cannot disagree.
    """
    owner: dict[str, str] = {}
    sites_of: dict[str, frozenset[str]] = {}  # round 11: fact_patterns.yaml checked as well
    for i, entry in enumerate(entries):
        sites = _sites(str(entry.get("id", "")))
        if not sites:
            continue
        for key in ("organs", "adjectives", "only_with_metastasis", "phrases"):
            for word in map(str, entry.get(key) or ()):
                earlier = sites_of.setdefault(word.lower(), sites)
                if earlier != sites:
                    raise ValueError(
                        f"fact_patterns.yaml[{i}]: {word!r} names {sorted(sites)} and "
                        f"{sorted(earlier)}"
                    )
        if str(entry.get("id", "")).startswith("metastatic_sites="):
            for word in [*(entry.get("organs") or ()), *(entry.get("adjectives") or ())]:
                owner.setdefault(str(word).lower(), str(entry["id"]))
    out: list[dict[str, Any]] = []
    for i, row in enumerate(rows):
        unknown = set(row) - TOPOGRAPHY_KEYS
        if unknown or not row.get("site") or not row.get("code"):
            raise ValueError(f"{where}[{i}]: needs code and site; unknown keys {sorted(unknown)}")
        site_id = f"metastatic_sites={row['site']}"
        terms = [str(t) for t in row.get("terms") or ()]
        adjectives = [str(t) for t in row.get("adjectives") or ()]
        formed = [str(t) for t in row.get("only_with_metastasis") or ()]
        for word in terms + adjectives + formed:
            other = owner.setdefault(word.lower(), site_id)
            if other != site_id:
                raise ValueError(f"{where}[{i}] ({row['code']}): {word!r} is already {other}")
        out.append(
            {
                "label": "FACT",
                "id": site_id,
                "organs": terms,
                "adjectives": adjectives,
                "only_with_metastasis": formed,
            }
        )
    return out


def _sites(fact_id: str) -> frozenset[str]:
    """The metastatic sites a FACT id assigns ("metastatic_sites=brain;brain_metastases=true")."""
    return frozenset(
        part.removeprefix("metastatic_sites=")
        for part in fact_id.split(";")
        if part.startswith("metastatic_sites=")
    )


def _plain_first_token(pattern: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The same pattern with a digit regex on its first token written as the plain
    attributes it means (``PLAIN_REGEX``): spaCy's Matcher starts every pattern at every
    token, and a regex there is a Python call per token, a plain attribute a comparison in
    C. Matches are identical (checked on 965 texts). Measured on the corpus, best of 7:
    token Matcher 0.58-0.60 -> 0.55-0.57 ms per text. Writing ``IN`` lists as one pattern
    per value was tried and is slower (0.70 ms): the Matcher's cost grows with the number
    of patterns."""
    first = pattern[0]
    if len(first) == 1 and "OP" not in first:
        ((_, value),) = first.items()
        if isinstance(value, dict) and set(value) == {"REGEX"} and value["REGEX"] in PLAIN_REGEX:
            return [[PLAIN_REGEX[value["REGEX"]], *pattern[1:]]]
    return [pattern]


# Regexes on a first token with the same meaning as plain (C-compared) token attributes.
PLAIN_REGEX: dict[str, dict[str, Any]] = {
    "^\\d+$": {"IS_DIGIT": True},
    "^\\d{2}$": {"IS_DIGIT": True, "LENGTH": 2},
}


def gene_patterns(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Expand rules/genes.yaml into FACT / TOPIC phrase entries."""
    entries: list[dict[str, Any]] = []
    for fact, gene in spec["genes"].items():
        pos_suffixes = gene.get("suffixes_positive", spec["positive_suffixes"])
        neg_suffixes = gene.get("suffixes_negative", spec["negative_suffixes"])
        pos: list[str] = list(gene.get("extra_positive", ()))
        neg: list[str] = list(gene.get("extra_negative", ()))
        topic: list[str] = []
        bare: list[str] = []
        named: list[str] = []
        for name in gene["names"]:
            pos += [f"{name} {s}" for s in pos_suffixes]
            pos += [f"{name}{s}" for s in pos_suffixes if not s[0].isalnum()]
            neg += [f"{name} {s}" for s in neg_suffixes]
            neg += [f"{name}{s}" for s in neg_suffixes if not s[0].isalnum()]
            if "suffixes_positive" not in gene:
                pos += [f"{p} {name}" for p in spec["positive_prefixes"]]
                neg += [f"{p} {name}" for p in spec["negative_prefixes"]]
            pos += [f"{name} {v}" for v in gene.get("variants", ())]
            # stop 55 (held-out probe L): the test named by its gene ("the Guardant ESR1 assay has
            # a PPV near 98%" had read an ESR1 mutation) is a topic, no finding
            topic += [
                f"{name} {w}"
                for w in ("status", "testing", "test", "tests", "assay", "assays", "result")
                + ("mutation status",)
            ]
            (bare if gene.get("bare") else named).append(name)
        pos += list(gene.get("variants", ()))
        entries.append({"label": "FACT", "id": f"{fact}=true", "phrases": pos})
        entries.append({"label": "FACT", "id": f"{fact}=false", "phrases": neg})
        entries.append({"label": "TOPIC", "id": fact, "phrases": topic})
        if bare:  # a bare name reads as "present", unless its list or a cue says otherwise
            entries.append({"label": "GENE", "id": fact, "phrases": bare})
        if named:  # "PTEN", "NTRK": no value of its own (negated or in a list: it has one)
            entries.append({"label": "GENE_NAME", "id": fact, "phrases": named})
    return fact_patterns(entries, "genes.yaml")


def fact_words(patterns: list[dict[str, Any]]) -> dict[str, str]:
    """FACT phrases long enough to match misspelt: single words of 9+ letters and two-word
    phrases of 12+ characters (-> FACT id); a phrase with two different ids is left out."""
    seen: dict[str, set[str]] = {}
    for p in patterns:
        phrase = p["pattern"]
        if p["label"] != "FACT" or not isinstance(phrase, str):
            continue
        words = phrase.split(" ")
        if (len(words) == 1 and phrase.isalpha() and len(phrase) >= FACT_WORD_MIN) or (
            len(words) == 2
            and all(w.isalpha() and len(w) >= 4 for w in words)
            and len(phrase) >= 2 * FACT_WORD_MIN - 6
        ):
            seen.setdefault(phrase, set()).add(p["id"])
    return {w: next(iter(ids)) for w, ids in sorted(seen.items()) if len(ids) == 1}


def build_pipeline(knowledge: Path | None = None, rules: Path | None = None) -> Language:
    """The pipeline object, built from the repository files (not yet saved)."""
    knowledge = knowledge or knowledge_dir()
    rules = rules or rules_dir()
    lexicon = load_lexicon(knowledge)

    nlp = spacy.blank("en")
    customise_tokenizer(nlp)
    nlp.add_pipe("mbc_sentences")
    ruler = nlp.add_pipe(
        "mbc_entity_ruler",  # spaCy's EntityRuler, phrase patterns tokenized only
        name="entity_ruler",
        config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True, "validate": True},
    )
    patterns = drug_patterns(lexicon)
    entries = _read_yaml(rules / "fact_patterns.yaml")
    entries += topography_entries(_read_yaml(rules / "topography.yaml"), entries, "topography.yaml")
    patterns += fact_patterns(entries, "fact_patterns.yaml")
    patterns += gene_patterns(_read_yaml(rules / "genes.yaml"))
    unique = list({json.dumps(p, sort_keys=True): p for p in patterns}.values())
    ruler.add_patterns(unique)  # type: ignore[attr-defined]
    nlp.add_pipe("mbc_receptors")  # the receptor-statement grammar (receptors.py)
    nlp.add_pipe("mbc_repeats")  # a flood of one statement: its ends (components.py)
    resolver = nlp.add_pipe("mbc_drug_resolver")
    resolver.set_lexicon(lexicon)  # type: ignore[attr-defined]
    resolver.set_fact_words(fact_words(unique))  # type: ignore[attr-defined]
    context = nlp.add_pipe("mbc_context")
    context.set_rules(rules_from_config(_read_yaml(rules / "context_rules.yaml")))  # type: ignore[attr-defined]
    nlp.meta.update(
        {
            "name": PIPELINE_NAME,
            "version": PIPELINE_VERSION,
            "description": "MBC case facts: clinical tokenizer, entity ruler, drug resolver, ConText",
            "author": "mbc-chat",
            "license": "Proprietary",
        }
    )
    return nlp


def build(out: Path) -> Path:
    """Build and save to ``out`` (replacing it)."""
    nlp = build_pipeline()
    if out.exists():
        shutil.rmtree(out)
    nlp.to_disk(out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m chatbot.nlp.build", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "out",
        nargs="?",
        type=Path,
        default=None,
        help="output directory (default: the shipped nlp_models/mbc_ner)",
    )
    args = parser.parse_args(argv)
    out = args.out or pipeline_path()
    build(out)
    print(f"built {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""nlp_models/mbc_ner is reproducible from repo files and loads the way the app loads it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from chatbot.nlp.build import build
from chatbot.paths import pipeline_path


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


@pytest.mark.slow
def test_shipped_pipeline_equals_fresh_rebuild(tmp_path: Path) -> None:
    rebuilt = _files(build(tmp_path / "mbc_ner"))
    shipped = _files(pipeline_path())
    assert sorted(rebuilt) == sorted(shipped)
    changed = [name for name in rebuilt if rebuilt[name] != shipped[name]]
    assert not changed, f"stale nlp_models (run `python -m chatbot.nlp.build`): {changed}"


@pytest.mark.slow
def test_rebuild_check_detects_a_changed_pattern(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The equality test above can fail: a build from edited rules differs, in exactly the
    patterns the edit touched."""
    from chatbot.nlp.build import build_pipeline, rules_dir
    from chatbot.nlp.components import PhraseTextRuler

    rules = tmp_path / "rules"
    rules.mkdir()
    for src in rules_dir().glob("*.yaml"):
        (rules / src.name).write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    patterns = rules / "fact_patterns.yaml"
    patterns.write_text(
        patterns.read_text(encoding="utf-8").replace("frail,", "frail, feeble,"), encoding="utf-8"
    )
    # The patterns are what is compared (patterns.jsonl is the ruler's ``patterns``): the
    # ~150,000 phrases are split on blanks instead of tokenized (the tokens only build the
    # PhraseMatcher; the equality test above checks the real ones), and nothing is saved.
    monkeypatch.setattr(
        PhraseTextRuler, "_phrase_tokens", lambda self, texts: [t.lower().split() for t in texts]
    )
    ruler = build_pipeline(rules=rules).get_pipe("entity_ruler")
    edited = {json.dumps(p, sort_keys=True) for p in ruler.patterns}  # type: ignore[attr-defined]
    lines = (pipeline_path() / "entity_ruler" / "patterns.jsonl").read_text(encoding="utf-8")
    shipped = {json.dumps(json.loads(line), sort_keys=True) for line in lines.splitlines() if line}
    added, removed = edited - shipped, shipped - edited
    assert added and all("feeble" in p for p in added)
    # the word joins each list "frail" is in, and is a phrase of its own
    assert {p.replace(', "feeble"', "") for p in added if '"pattern": "feeble"' not in p} == removed


@pytest.mark.slow
def test_pipeline_loads_in_a_fresh_process_like_the_app() -> None:
    code = (
        "import json, sys\n"
        "from chatbot.nlp import load_pipeline, extract\n"
        "nlp = load_pipeline()\n"
        "ex = extract('62F ER+/PR- HER2-low, PD on Faslodex, no visceral crisis')\n"
        "print(json.dumps({'pipes': nlp.pipe_names, 'name': nlp.meta['name'],\n"
        "  'facts': ex.facts, 'textual': any(m.startswith('textual') for m in sys.modules)}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    assert result["name"] == "mbc_ner"
    assert result["pipes"] == [
        "mbc_sentences",
        "entity_ruler",
        "mbc_receptors",
        "mbc_repeats",
        "mbc_drug_resolver",
        "mbc_context",
    ]
    assert result["facts"]["progressed_on"] == ["fulvestrant"]
    assert result["facts"]["her2_low"] is True
    assert result["textual"] is False


@pytest.mark.slow
def test_plain_spacy_load_needs_the_factories_registered() -> None:
    """Documented behaviour: spacy.load alone cannot build the custom components."""
    code = (
        "import spacy, sys\n"
        "from chatbot.paths import pipeline_path\n"
        "try:\n"
        "    spacy.load(pipeline_path())\n"
        "except Exception as exc:\n"
        "    print(type(exc).__name__)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() != ""


def test_topography_table_refuses_a_word_given_to_two_sites() -> None:
    """rules/topography.yaml (ICD-O-3 sub-sites) and fact_patterns.yaml cannot disagree:
    a term the hand-written vocabulary gives to another site stops the build."""
    from chatbot.nlp.build import topography_entries

    entries = [{"label": "FACT", "id": "metastatic_sites=pharynx", "organs": ["hypopharynx"]}]
    rows = [
        {"code": "C13", "title": "Hypopharynx", "site": "hypopharynx", "terms": ["hypopharynx"]}
    ]
    with pytest.raises(ValueError, match="hypopharynx"):
        topography_entries(rows, entries, "topography.yaml")
    rows[0]["terms"] = ["pyriform sinus"]
    (entry,) = topography_entries(rows, entries, "topography.yaml")
    assert entry["id"] == "metastatic_sites=hypopharynx"
    assert entry["organs"] == ["pyriform sinus"]


def test_vocabulary_refuses_a_word_given_to_two_sites() -> None:
    """fact_patterns.yaml itself: a word two entries give to different sites stops the build
    (one site with another fact beside it, "brain;brain_metastases=true", is the same site)."""
    from chatbot.nlp.build import _with_plural, topography_entries

    entries = [
        {"label": "FACT", "id": "metastatic_sites=adnexa", "organs": ["salpinx"]},
        {"label": "FACT", "id": "metastatic_sites=fallopian tube", "phrases": ["salpinx"]},
    ]
    with pytest.raises(ValueError, match="salpinx"):
        topography_entries([], entries, "topography.yaml")
    entries = [
        {"label": "FACT", "id": "metastatic_sites=brain", "organs": ["cns"]},
        {"label": "FACT", "id": "metastatic_sites=brain;brain_metastases=true", "organs": ["cns"]},
    ]
    assert topography_entries([], entries, "topography.yaml") == []
    # an organ of two words is read in the plural too, unless the vocabulary has it already
    assert _with_plural(["chest wall", "liver"], set()) == ["chest wall", "chest walls", "liver"]
    assert _with_plural(["chest wall"], {"chest walls"}) == ["chest wall"]


def test_every_topography_row_is_in_the_shipped_pipeline() -> None:
    """Each ICD-O-3 row's terms reach the entity ruler under its site."""
    import yaml

    from chatbot.nlp.build import rules_dir

    rows = yaml.safe_load((rules_dir() / "topography.yaml").read_text(encoding="utf-8"))
    shipped = (pipeline_path() / "entity_ruler" / "patterns.jsonl").read_text(encoding="utf-8")
    ids = {json.loads(line)["id"] for line in shipped.splitlines() if line}
    assert {f"metastatic_sites={row['site']}" for row in rows} <= ids

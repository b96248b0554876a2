"""The shipped entity ruler (``PhraseTextRuler``, pre-tokenized phrase patterns) matches
exactly like spaCy's stock ``EntityRuler`` built from the same patterns.jsonl."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest
import spacy
from spacy.pipeline import EntityRuler

from chatbot.nlp import load_pipeline
from chatbot.nlp.components import PhraseTextRuler
from chatbot.paths import pipeline_path


def _patterns() -> list[dict]:
    path = pipeline_path() / "entity_ruler" / "patterns.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# The stock ruler below takes seconds to build: under pytest-xdist the module runs on one
# worker, so it is built once rather than once per worker.
pytestmark = pytest.mark.xdist_group("phrase_ruler")


@pytest.fixture(scope="module")
def rulers() -> tuple[spacy.language.Language, EntityRuler, PhraseTextRuler]:
    nlp = load_pipeline()
    ours = nlp.get_pipe("entity_ruler")
    assert isinstance(ours, PhraseTextRuler)
    stock = EntityRuler(nlp, "stock", phrase_matcher_attr="LOWER", overwrite_ents=True)
    with nlp.select_pipes(enable=[]):  # tokenizer only, as our build tokenizes
        stock.add_patterns(_patterns())
    return nlp, stock, ours


@pytest.mark.slow
def test_matches_equal_stock_entity_ruler(rulers) -> None:
    nlp, stock, ours = rulers
    phrases = [p["pattern"] for p in _patterns() if isinstance(p["pattern"], str)]
    # every phrase is matched inside a run of 40; about 12,000 of them (a fixed stride, so
    # the cost stays flat as the lexicon grows) also alone in three letter cases
    stride = max(7, len(phrases) // 12_000)
    texts = [f"Pt is {p}, then {p.upper()}; no {p.title()}." for p in phrases[::stride]]
    texts += [" ".join(phrases[i : i + 40]) for i in range(0, len(phrases), 40)]
    texts.insert(0, "62F ER+/PR- HER2-low, PD on Faslodex + palbo, no visceral crisis")
    # The phrase matches (what the stored tokens give the PhraseMatcher) on every text; the
    # whole ``match`` (the token patterns too, and the order of the merged matches) on every
    # 8th: the stock ruler runs its token patterns through spaCy's Matcher at every token,
    # ~50x the cost of the rest, and the anchored token patterns have their own comparisons
    # below (random texts, floods, every corpus text).
    whole = 0
    for n, text in enumerate(texts):
        doc = nlp.make_doc(text)
        assert list(ours.phrase_matcher(doc)) == list(stock.phrase_matcher(doc)), text
        if n % 8 == 0:
            assert ours.match(doc) == stock.match(doc), text
            whole += 1
    # (a floor: about (12,000 + phrases / 40) / 8 texts; the stride grows a step at every
    # 12,000 phrases, so the count dips there — stop 52's skull-base bones passed 96,000)
    assert whole > 1_750


def test_patterns_round_trip(rulers) -> None:
    _, stock, ours = rulers
    assert ours.patterns == stock.patterns
    assert len(ours) == len(stock)


def test_stale_tokens_file_is_refused(tmp_path, rulers) -> None:
    import shutil

    nlp, _, _ = rulers
    # the shipped ruler's files (what ``to_disk`` writes: tests/test_pipeline_build.py
    # proves them equal to a fresh build), copied rather than written again, which
    # tokenizes every phrase
    shutil.copytree(pipeline_path() / "entity_ruler", tmp_path / "ruler")
    tokens = tmp_path / "ruler" / PhraseTextRuler.TOKENS_FILE
    lines = tokens.read_text(encoding="utf-8").splitlines()
    tokens.write_text("\n".join([lines[1], lines[0], *lines[2:]]) + "\n", encoding="utf-8")
    fresh = PhraseTextRuler(nlp, "fresh", phrase_matcher_attr="LOWER")
    with pytest.raises(ValueError, match="do not spell"):
        fresh.from_disk(tmp_path / "ruler")


@functools.cache
def _corpus_items() -> tuple[dict, ...]:
    """Every item of tests/data/*.yaml and tests/data/real/*.yaml (a list, or a dict with
    ``items``), parsed once with libyaml's safe loader where PyYAML has it (the same data,
    several times faster)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    items: list[dict] = []
    for path in sorted((Path(__file__).parent / "data").rglob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        listed = data if isinstance(data, list) else []
        if isinstance(data, dict):
            listed = data.get("items", [])
        items += [i for i in listed if isinstance(i, dict) and isinstance(i.get("text"), str)]
    return tuple(items)


def _anchor_texts() -> list[str]:
    """Texts dense in the token patterns' anchor words, in random orders, and floods."""
    import random

    words = [
        "ER",
        "PR",
        "PgR",
        "HER2",
        "her-2",
        "IHC",
        "ihc2+",
        "2+",
        "3+",
        "0",
        "(",
        ")",
        ":",
        "=",
        "45",
        "45yo",
        "62F",
        "aged",
        "age",
        "-",
        "1L",
        "2L",
        "first",
        "second",
        "line",
        "lines",
        "her",
        "his",
        "the",
        "ct",
        "mri",
        "brain",
        "head",
        "imaging",
        "scan",
        "lesions",
        "no",
        "not",
        "was",
        "normal",
        "ecog",
        "ECOG1",
        "ps",
        "WHO",
        "performance",
        "status",
        "1",
        "2",
        "cps",
        "CPS10",
        "tmb",
        "12",
        "mut/mb",
        "mutations",
        "per",
        "megabase",
        "lvef",
        "ef",
        "ejection",
        "fraction",
        "50%",
        "primary",
        "synchronous",
        "metastatic",
        "metastases",
        "mets",
        "at",
        "the",
        "time",
        "of",
        "presentation",
        "untreated",
        "nothing",
        "none",
        "given",
        "yet",
        "so",
        "far",
        "no",
        "treatment",
        "chest",
        "wall",
        "axillary",
        "radiation",
        "declines",
        "refused",
        "chemo",
        "frail",
        "unfit",
        "for",
        "x",
        "/",
        ",",
        ";",
        ".",
        "pd-l1",
        "22c3",
        "positive",
        "negative",
        "estrogen",
        "receptor",
        "progesterone",
        "were",
        "she",
        "is",
        "3",
        "prior",
    ]
    rng = random.Random(10)
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 60))) for _ in range(1500)]
    texts += [w * 400 for w in ("ER/", "ER, ", "x/", "1L ", "age 4", "ct brain ", "no ")]
    return texts


def test_anchored_token_patterns_match_like_the_stock_matcher(rulers) -> None:
    """The token patterns run only near their anchors (chatbot.nlp.anchored): the same
    matches and the same entities as spaCy's EntityRuler."""
    nlp, stock, ours = rulers
    for text in _anchor_texts():
        doc = nlp.make_doc(text)
        matches = ours.match(doc)
        assert set(matches) == set(stock.match(doc)), text
        a, b = nlp.make_doc(text), nlp.make_doc(text)
        EntityRuler.set_annotations(stock, a, matches)
        ours.set_annotations(b, matches)
        assert [(e.start, e.end, e.label_, e.ent_id_) for e in a.ents] == [
            (e.start, e.end, e.label_, e.ent_id_) for e in b.ents
        ], text


@pytest.mark.slow
def test_anchored_token_patterns_on_every_corpus_text(rulers) -> None:
    nlp, stock, ours = rulers
    texts = [item["text"] for item in _corpus_items()]
    assert len(texts) > 400
    for text in texts:
        doc = nlp.make_doc(text)
        assert set(ours.match(doc)) == set(stock.match(doc)), text


def test_a_long_run_of_one_mention_is_collapsed(rulers) -> None:
    """A flood of one mention ("ER/" x 1,333) keeps 4 members at each end and one REPEAT
    entity between: later steps cost per entity."""
    from chatbot.nlp.components import MAX_REPEATS, REPEAT_LABEL

    nlp, _, _ = rulers
    for unit in ("ER/", "AI, ", "1L, ", "liver and ", "bone + "):
        doc = nlp(unit * 1000)
        labels = [e.label_ for e in doc.ents]
        assert len(doc.ents) <= MAX_REPEATS + 1, unit
        assert labels.count(REPEAT_LABEL) == 1, unit
        short = nlp(unit * MAX_REPEATS)  # a run of MAX_REPEATS is left alone
        assert REPEAT_LABEL not in [e.label_ for e in short.ents], unit


def test_the_repeat_gate_reads_the_runs_doc_ents_gives(rulers) -> None:
    """collapse_repeats skips a Doc whose longest run of copies of one entity, or of one
    phrase of up to MAX_PERIOD entities, by label and id (read from the token arrays,
    without building ``doc.ents``) is at most MAX_REPEATS: that run is the one
    ``doc.ents`` gives, so nothing a collapse would change is skipped."""
    from chatbot.nlp.components import MAX_PERIOD, _longest_same_run

    nlp, _, _ = rulers

    def from_ents(doc) -> int:
        keys = [(e.label, e.ent_id) for e in doc.ents]
        longest = 1 if keys else 0
        for period in range(1, MAX_PERIOD + 1):
            for i in range(len(keys)):
                j = i
                while j + period < len(keys) and keys[j] == keys[j + period]:
                    j += 1
                longest = max(longest, (j - i + period) // period)
        return longest

    texts = _anchor_texts()[:400] + ["ER+ " * 12, "ER+ PR+ " * 12, "liver, bone, " * 6]
    for text in texts:
        doc = nlp(text)
        assert _longest_same_run(doc) == from_ents(doc), text
    assert _longest_same_run(nlp("ER+ PR+ " * 6)) == 6  # a phrase of two, 6 copies
    assert _longest_same_run(nlp("ER+ PR+ HER2- " * 4)) == 4


def test_a_long_run_of_one_phrase_is_collapsed(rulers) -> None:
    """A flood of one phrase of up to MAX_PERIOD mentions, the words between them the same
    in every copy ("not ER+ " x 500, "brain mets SRS, " x 250, "1L letrozole, " x 286),
    keeps MAX_REPEATS // 2 copies at each end and one REPEAT entity between; MAX_REPEATS
    copies, or copies that differ in a word, are left alone."""
    from chatbot.nlp.components import MAX_PERIOD, MAX_REPEATS, REPEAT_LABEL

    nlp = rulers[0]
    for unit in ("not ER+ ", "brain mets SRS, ", "1L letrozole, ", "45, ", "ER+ PR+ HER2- "):
        doc = nlp((unit * 1000)[:4000])
        labels = [e.label_ for e in doc.ents]
        assert labels.count(REPEAT_LABEL) == 1, unit
        # the copies kept, and what follows the run (a copy cut short by the 4,000 chars)
        assert len(doc.ents) <= (MAX_REPEATS + 2) * MAX_PERIOD + 1, unit
        short = nlp(unit * MAX_REPEATS)
        assert REPEAT_LABEL not in [e.label_ for e in short.ents], unit
    # the same mentions with other words between: a list a clinician writes, not collapsed
    told = " ".join(f"ER+ in {year}," for year in range(2000, 2020))
    assert REPEAT_LABEL not in [e.label_ for e in nlp(told).ents]


@pytest.mark.parametrize(
    "unit",
    ["ER/", "AI, ", "1L,", "liver and ", "HER2-/", "no brain mets, "]
    + ["not ER+ ", "brain mets SRS, ", "1L letrozole, ", "45, ", "ER+ PR+ "],
)
def test_a_flood_reads_like_a_short_repeat(unit: str) -> None:
    """Metamorphic: 4,000 characters of one repeated phrase give the facts of 20 repeats."""
    from chatbot.nlp import extract

    assert extract((unit * 2000)[:4000]).facts == extract(unit * 20).facts


@pytest.mark.slow
def test_no_corpus_text_has_a_collapsed_run(rulers) -> None:
    from chatbot.nlp.components import REPEAT_LABEL

    nlp, _, _ = rulers
    texts = [item["text"] for item in _corpus_items()]
    assert len(texts) > 400
    # Only the ruler and mbc_repeats make REPEAT entities (collapse_repeats); the components
    # after them never add one, so the Doc is read right after mbc_repeats.
    with nlp.select_pipes(disable=["mbc_drug_resolver", "mbc_context"]):
        assert nlp.pipe_names[-1] == "mbc_repeats"
        for text in texts:
            doc = nlp(text)
            assert REPEAT_LABEL not in {e.label_ for e in doc.ents}, text


def test_context_cue_patterns_anchored_like_the_stock_matcher(rulers) -> None:
    """ConText's token-pattern cues run through the same AnchoredMatcher: same matches."""
    import random

    nlp, _, _ = rulers
    context = nlp.get_pipe("mbc_context")
    words = sorted(
        {
            str(w)
            for rule in context.rules
            for token in rule.pattern or ()
            for value in token.values()
            for w in (value.get("IN", []) if isinstance(value, dict) else [value])
            if isinstance(w, str)
        }
    )
    words += ["x", "ER", ",", "/", ".", "1", "2019", "mets", "no", "not", "she"]
    rng = random.Random(7)
    for n in range(800):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 50)))
        doc = nlp(text) if n % 2 else nlp.make_doc(text)  # with sentence starts, and without
        assert set(context.anchored(doc)) == set(context.matcher(doc)), doc.text


def _context_per_target(component, doc):  # type: ignore[no-untyped-def]
    """ConText's modifiers computed target by target (the loop before round 3): the
    reference for the per-cue loop of ``ConTextComponent.__call__``."""
    from chatbot.nlp.context import sentence_table

    ents = list(doc.ents)
    inside = {i for ent in ents for i in range(ent.start, ent.end)}
    cues = component.find_cues(doc, inside)
    by_sentence: dict[int, list] = {}
    sentence_of, ends = sentence_table(doc)
    for cue in cues:
        by_sentence.setdefault(sentence_of[cue.start], []).append(cue)
    out = []
    for ent in ents:
        lo = sentence_of[ent.start]
        local = by_sentence.get(lo, [])
        mods = []
        for cue in local:
            if cue.rule.direction in ("TERMINATE", "PSEUDO"):
                continue
            if cue.start < ent.end and ent.start < cue.end:
                continue
            if cue.rule.allowed_types and ent.label_ not in cue.rule.allowed_types:
                continue
            scopes = component.scope(cue, local, ent.label_, lo, ends[lo])
            if any(s <= ent.start < e or s < ent.end <= e for s, e in scopes):
                mods.append((cue.start, cue.end, cue.rule.literal, cue.rule.category))
        out.append(mods)
    return out


def test_context_per_cue_equals_per_target(rulers) -> None:
    import random

    nlp, _, _ = rulers
    context = nlp.get_pipe("mbc_context")
    words = [
        "no",
        "not",
        "ER+",
        "HER2-",
        "brain",
        "mets",
        "treated",
        "with",
        "SRS",
        "new",
        "liver",
        "lesions",
        ",",
        ";",
        ".",
        "progressed",
        "on",
        "letrozole",
        "denies",
        "without",
        "PIK3CA",
        "wild-type",
        "negative",
        "for",
        "ER",
        "PR",
        "and",
        "stable",
        "growing",
        "then",
        "adjuvant",
        "tamoxifen",
        "possible",
        "family",
        "history",
        "of",
        "BRCA2",
        "ECOG",
        "1",
        "1L",
        "palbo",
    ]
    rng = random.Random(11)
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 80))) for _ in range(400)]
    texts += [("not ER+ " * 800)[:4000], ("no brain mets, " * 300)[:4000]]
    for text in texts:
        doc = nlp(text)
        got = [
            [(m.start, m.end, m.rule.literal, m.rule.category) for m in c.modifiers]
            for c in doc._.context
        ]
        assert got == _context_per_target(context, doc), text


def test_a_repeated_list_of_up_to_six_regimens_is_collapsed(rulers) -> None:
    """Stop 32: "AC EC TC FEC " x 300 (a phrase of four mentions) took 80–105 ms; a phrase of
    up to six mentions repeated is collapsed like a shorter one."""
    from chatbot.nlp.components import MAX_PERIOD, MAX_REPEATS, REPEAT_LABEL

    nlp = rulers[0]
    assert MAX_PERIOD >= 6
    for unit in (
        "AC EC TC FEC ",
        "act gem eve tam ",
        "letrozole palbociclib fulvestrant tamoxifen ",
        "AC EC TC FEC CMF TAC ",
    ):
        doc = nlp((unit * 300)[:4000])
        assert [e.label_ for e in doc.ents].count(REPEAT_LABEL) == 1, unit
        assert len(doc.ents) <= MAX_REPEATS * MAX_PERIOD + 1, unit


def test_a_flood_of_distinct_drugs_is_read_at_its_two_ends(nlp) -> None:  # type: ignore[no-untyped-def]
    """Stop 32: a flood of regimens that repeats no phrase within six mentions ("AC EC TC FEC
    CMF TAC THP HP AI ET SG TDM1 " x 100) is read at its two ends (MAX_DRUG_MENTIONS), as line
    ordinals are: the cost is bounded by the length, and the drugs named are still read."""
    from chatbot.nlp import extract
    from chatbot.nlp.extract import MAX_DRUG_MENTIONS

    text = ("AC EC TC FEC CMF TAC THP HP AI ET SG TDM1 " * 100)[:4000]
    result = extract(text)
    assert len(result.drugs) <= MAX_DRUG_MENTIONS * 2
    assert {"doxorubicin", "epirubicin", "trastuzumab emtansine"} <= set(
        result.facts["prior_therapies"]
    )

"""``mbc-chat guideline diff | accept | stamp`` on altered versions of the guideline.

Each altered version is built in a temp folder from the shipped text by editing one
section (located through the section index, so an edit never lands in the wrong
copy of a repeated line). ``accept`` always works on a temp copy of ``knowledge/``.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from chatbot import paths
from chatbot.cli import main
from chatbot.kb.loader import build_knowledge
from chatbot.kb.pin import read_pin
from chatbot.kb.sections import SectionIndex, build_index, read_guideline
from chatbot.kb.update.accept import accept, stamp_transcript
from chatbot.kb.update.commands import _installed
from chatbot.kb.update.report import to_markdown, to_text
from chatbot.kb.update.review import GuidelineReview, review, word_diff
from chatbot.transcripts.schema import parse_transcript

TRANSCRIPTS = Path(__file__).resolve().parent.parent / "transcripts"
POST = "hr-pos-her2-neg-postmenopausal"
POST_FILE = f"nodes/{POST}.yaml"
ALPELISIB = "alpelisib: 300 mg orally once daily until tumour progression"
ELACESTRANT = "elacestrant: 345 mg orally once daily until tumour progression"
OLD_HEADING = "hormone receptor-negative, HER2-positive, without visceral crisis"
NEW_HEADING = "hormone receptor-negative, HER2-positive, no visceral crisis"
OLD_SENTENCE = (
    "Ovarian ablation is either surgical (oophorectomy) or medical (e.g., gonadotrophin-releasing "
    "hormone agonist, such as goserelin)."
)
NEW_SENTENCE = (
    "Ovarian ablation may be surgical (oophorectomy) or medical (e.g., a gonadotrophin-releasing "
    "hormone agonist such as goserelin)."
)


def edit_section(index: SectionIndex, section_id: str, old: str, new: str) -> str:
    """The whole document with ``old`` replaced by ``new`` inside one section only."""
    section = index[section_id]
    assert section.text.count(old) == 1, f"{old!r} not once in {section_id}"
    doc = index.document
    return doc[: section.start] + section.text.replace(old, new) + doc[section.end :]


def dose_changed(index: SectionIndex) -> str:
    return edit_section(
        index, f"{POST}/line-2/primary-options", ALPELISIB, ALPELISIB.replace("300", "250")
    )


def option_removed(index: SectionIndex) -> str:
    return edit_section(index, f"{POST}/line-2/primary-options", f"\n\nOR\n\n{ELACESTRANT}", "")


def option_added(index: SectionIndex) -> str:
    megestrol = "megestrol: 160 mg orally once daily"
    return edit_section(
        index,
        f"{POST}/line-3/primary-options",
        megestrol,
        f"{megestrol}\n\nOR\n\ntamoxifen: 20 mg orally once daily until tumour progression",
    )


def node_added(index: SectionIndex) -> str:
    """A new last line for PD-L1-positive TNBC, with its own supportive care."""
    last = max(n.line or 0 for n in index.nodes if n.group == "tnbc-pdl1-pos")
    after = index[f"tnbc-pdl1-pos/line-{last}/supportive-care"]
    ordinal = {2: "nd", 3: "rd"}.get(last + 1, "th")
    node = (
        f"\n\nBack\n{last + 1}{ordinal} line\u00a0–\u00a0\n\nnovel antibody-drug conjugate\n\n"
        "A novel antibody-drug conjugate may be considered after progression on all prior lines.\n\n"
        "Primary options\n\nsacituzumab govitecan: 10 mg/kg intravenously on days 1 and 8 "
        "every 21 days\n\nBack\nPlus\u00a0–\u00a0\n\nsupportive care\n\n"
        "Treatment recommended for ALL patients in selected patient group\n\n"
        "Enrolment into clinical trials should be strongly considered at any stage during "
        "management."
    )
    doc = index.document
    return doc[: after.end] + node + doc[after.end :]


def narrative_reworded(index: SectionIndex) -> str:
    return edit_section(
        index, "hr-pos-her2-neg-premenopausal/line-1/narrative", OLD_SENTENCE, NEW_SENTENCE
    )


def heading_renamed(index: SectionIndex) -> str:
    return edit_section(index, "hr-neg-her2-pos", OLD_HEADING, NEW_HEADING)


@dataclass(frozen=True)
class Alteration:
    build: Callable[[SectionIndex], str]
    changed: set[str]
    """Section ids reported as changed (including those folded in as the same change)."""
    broken: set[tuple[str, str]]
    """(file, key) of problems that must be re-encoded; empty: accept takes the text."""
    added: set[str] = frozenset()  # type: ignore[assignment]


ALTERATIONS = {
    "dose-changed": Alteration(
        dose_changed,
        {f"{POST}/line-2/primary-options"},
        {(POST_FILE, "nodes.line-2.primary.alternatives.2.0")},
    ),
    "option-removed": Alteration(
        option_removed,
        {f"{POST}/line-2/primary-options"},
        {(POST_FILE, "nodes.line-2.primary.alternatives.5.0"), (POST_FILE, "nodes.line-2.primary")},
    ),
    "option-added": Alteration(
        option_added,
        {f"{POST}/line-3/primary-options"},
        {(POST_FILE, "nodes.line-3.primary")},
    ),
    "node-added": Alteration(
        node_added,
        set(),
        {("nodes/tnbc-pdl1-pos.yaml", "nodes.line-4")},
        added={
            "tnbc-pdl1-pos/line-4/narrative",
            "tnbc-pdl1-pos/line-4/primary-options",
            "tnbc-pdl1-pos/line-4/supportive-care",
        },
    ),
    "narrative-reworded": Alteration(
        narrative_reworded, {"hr-pos-her2-neg-premenopausal/line-1/narrative"}, set()
    ),
    "heading-renamed": Alteration(
        heading_renamed,
        {"hr-neg-her2-pos"},
        {
            ("chatbot/kb/sections.py", "GROUP_HEADINGS['hr-neg-her2-pos']"),
            # knowledge/groups.yaml (the decision table) holds the heading, and its
            # visceral-crisis default quotes "without visceral crisis" from it
            ("groups.yaml", "groups.4.heading"),
            ("groups.yaml", "defaults.0.quote"),
        },
    ),
}


@pytest.fixture()
def kb_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "knowledge"
    shutil.copytree(
        paths.knowledge_dir(), dest, ignore=shutil.ignore_patterns("tools", "__pycache__")
    )
    return dest


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _review(text: str, folder: Path | None = None) -> GuidelineReview:
    return review(text, folder or paths.knowledge_dir(), transcripts=TRANSCRIPTS)


def _changed_ids(rv: GuidelineReview, how: str = "changed") -> set[str]:
    return {sid for c in rv.sections if c.how == how for sid in (c.id, *c.same_as)}


# ---------------------------------------------------------------- the six alterations


def test_node_added_fixture_has_the_expected_last_line(section_index: SectionIndex) -> None:
    assert max(n.line or 0 for n in section_index.nodes if n.group == "tnbc-pdl1-pos") == 3


@pytest.mark.parametrize("name", list(ALTERATIONS))
def test_review_names_sections_and_encoded_items(section_index: SectionIndex, name: str) -> None:
    alt = ALTERATIONS[name]
    rv = _review(alt.build(section_index))
    assert _changed_ids(rv) == alt.changed
    assert _changed_ids(rv, "added") == set(alt.added)
    assert _changed_ids(rv, "removed") == set()
    assert {(p.file, p.key) for p in rv.blocking} == alt.broken
    assert rv.encoded_affected is bool(alt.broken)


@pytest.mark.parametrize("name", list(ALTERATIONS))
def test_accept_refuses_all_but_a_change_touching_nothing_encoded(
    section_index: SectionIndex, kb_copy: Path, tmp_path: Path, name: str
) -> None:
    alt = ALTERATIONS[name]
    new = alt.build(section_index).encode("utf-8")
    before = _fingerprint(kb_copy)
    outcome = accept(new, kb_copy)
    assert outcome.accepted is not alt.broken
    if alt.broken:
        assert _fingerprint(kb_copy) == before
        for file, key in alt.broken:
            assert any(line.startswith(f"{file}: {key} — ") for line in outcome.refusals)
        return
    assert (kb_copy / "guideline.txt").read_bytes() == new
    assert read_pin(kb_copy).sha256 == hashlib.sha256(new).hexdigest()
    assert not [p for p in kb_copy.iterdir() if ".tmp-" in p.name]
    # the accepted folder loads on its own, and the text is now the pinned one
    assert len(build_knowledge(kb_copy).nodes) == 41
    assert review(new.decode(), kb_copy).identical


def test_dose_change_items_and_states(section_index: SectionIndex) -> None:
    rv = _review(dose_changed(section_index))
    (change,) = rv.sections
    states = {(i.item.key, i.item.text): i.state for i in change.items}
    assert states[("nodes.line-2.primary.alternatives.2.0", ALPELISIB)] == "not verbatim"
    assert states[("nodes.line-2.primary.alternatives.5.0", ELACESTRANT)] == "verbatim"
    (broken,) = (i for i in change.items if i.state == "not verbatim")
    assert broken.item.context == "option 3 of 6: fulvestrant + alpelisib"
    assert broken.reason.endswith(f"the option list now reads {ALPELISIB.replace('300', '250')!r}")
    assert all(i.item.file == POST_FILE for i in change.items)
    # the word-level diff shows exactly the number that changed
    assert [seg for h in change.hunks for seg in h.segments if seg[0] != "="] == [
        ("-", "300"),
        ("+", "250"),
    ]
    # the same dose line in the pre-menopausal group is untouched
    assert not any("premenopausal" in p.file for p in rv.problems)


def test_dose_change_names_the_transcripts_that_cite_it(section_index: SectionIndex) -> None:
    rv = _review(dose_changed(section_index))
    hits = {t.path.removeprefix("transcripts/"): t.sections for t in rv.transcripts}
    assert hits["info/dose-alpelisib.yaml"] == (f"{POST}/line-2/primary-options",)
    assert f"nodes/{POST}/line-2.yaml" in hits
    assert not any(k.startswith("nodes/tnbc") for k in hits)


def test_option_removed_reports_the_option_gone(section_index: SectionIndex) -> None:
    rv = _review(option_removed(section_index))
    whys = [p.why for p in rv.blocking if p.key == "nodes.line-2.primary"]
    assert whys == [f"encoded option not in the new text: {ELACESTRANT!r}"]


def test_option_added_reports_the_new_option(section_index: SectionIndex) -> None:
    rv = _review(option_added(section_index))
    (problem,) = rv.blocking
    assert "not encoded" in problem.why and "tamoxifen: 20 mg" in problem.why
    (change,) = rv.sections
    assert {i.state for i in change.items} == {"verbatim"}


def test_options_swapped_are_reported(section_index: SectionIndex) -> None:
    """Every line still verbatim, but two options changed places: the list no longer matches."""
    sid = f"{POST}/line-4/primary-options"
    text = edit_section(section_index, sid, "\n\ndoxorubicin\n\nOR\n\nepirubicin\n\n", "\n\nX\n\n")
    text = edit_section(
        build_index(text), sid, "\n\nX\n\n", "\n\nepirubicin\n\nOR\n\ndoxorubicin\n\n"
    )
    rv = _review(text)
    assert {(p.key, p.blocking) for p in rv.problems} == {("nodes.line-4.primary", True)}
    assert [i.state for c in rv.sections for i in c.items] == ["verbatim"] * 8


def test_node_added_is_a_node_with_new_sections(section_index: SectionIndex) -> None:
    rv = _review(node_added(section_index))
    assert rv.nodes_added == ("tnbc-pdl1-pos/line-4",)
    assert rv.nodes_gone == () and rv.titles_changed == () and rv.headings_changed == ()
    added = next(c for c in rv.sections if c.id == "tnbc-pdl1-pos/line-4/supportive-care")
    assert {i.item.key for i in added.items} == {"supportive.clinical-trials.text"}
    # answers in that group may now reach the new line: their transcripts are listed
    assert "transcripts/demos/tnbc-pdl1.yaml" in {t.path for t in rv.transcripts}
    assert all("tnbc-pdl1-pos" in t.sections for t in rv.transcripts)


def test_a_node_inserted_before_others_shows_them_moved(section_index: SectionIndex) -> None:
    """A new 2nd line in PD-L1-positive TNBC renumbers the old 2nd and 3rd lines."""
    doc = section_index.document
    start = section_index["tnbc-pdl1-pos/line-2"].start  # at "2nd line – "
    end = section_index["tnbc-pdl1-pos/line-3/supportive-care"].end
    dash = "\u00a0–\u00a0"
    renumbered = (
        doc[start:end]
        .replace(f"3rd line{dash}", f"4th line{dash}")
        .replace(f"2nd line{dash}", f"3rd line{dash}")
    )
    inserted = (
        f"2nd line{dash}\n\nnovel agent\n\nA novel agent may be used.\n\nPrimary options\n\n"
        "olaparib\n\nBack\n"
    )
    rv = _review(doc[:start] + inserted + renumbered + doc[end:])
    assert rv.moved == (
        ("tnbc-pdl1-pos/line-2", "tnbc-pdl1-pos/line-3"),
        ("tnbc-pdl1-pos/line-3", "tnbc-pdl1-pos/line-4"),
    )
    assert rv.nodes_added == ("tnbc-pdl1-pos/line-4",)
    assert ("tnbc-pdl1-pos/line-2", "novel agent") in {(n, new) for n, _, new in rv.titles_changed}


def test_heading_renamed_keeps_the_group_id(section_index: SectionIndex) -> None:
    rv = _review(heading_renamed(section_index))
    assert rv.headings_changed == (("hr-neg-her2-pos", OLD_HEADING, NEW_HEADING),)
    assert rv.nodes_added == () and rv.nodes_gone == () and rv.groups_added == ()
    (change,) = rv.sections
    # the heading as knowledge/groups.yaml and the section index hold it, and the
    # groups.yaml default quote "without visceral crisis" taken from it
    assert sorted((i.item.file, i.state) for i in change.items) == [
        ("chatbot/kb/sections.py", "not verbatim"),
        ("groups.yaml", "not verbatim"),
        ("groups.yaml", "not verbatim"),
    ]
    # every transcript answering in that group rests on the renamed heading or its nodes
    assert any("hr-neg-her2-pos" in t.path for t in rv.transcripts)


def test_narrative_reword_lists_the_items_resting_on_it(section_index: SectionIndex) -> None:
    rv = _review(narrative_reworded(section_index))
    assert rv.problems == ()
    (change,) = rv.sections
    assert {i.state for i in change.items} == {"verbatim"}
    assert "nodes.line-1.title" in {i.item.key for i in change.items}
    assert any(seg == ("+", "may be") for h in change.hunks for seg in h.segments)


# ---------------------------------------------------------------- re-encoding, then accept


def test_a_quote_whose_paragraph_changed_is_marked_for_reading(
    section_index: SectionIndex,
) -> None:
    """A sentence added next to an unchanged rule quote: still verbatim, flagged to read."""
    sid = f"{POST}/line-2/narrative"
    text = section_index[sid].text
    paragraph = next(p for p in text.split("\n\n") if "Fulvestrant plus alpelisib" in p)
    new = edit_section(section_index, sid, paragraph, paragraph + " Alpelisib is no longer funded.")
    rv = _review(new)
    (change,) = rv.sections
    states = {i.item.key: i.state for i in change.items}
    assert states["rules.alpelisib-pik3ca.at.hr-pos-her2-neg-postmenopausal/line-2"] == (
        "paragraph changed"
    )
    assert states["nodes.line-2.title"] == "verbatim"
    assert rv.problems == ()


def test_re_encoding_the_dose_lets_accept_take_the_text(
    section_index: SectionIndex, kb_copy: Path
) -> None:
    new = dose_changed(section_index)
    path = kb_copy / POST_FILE
    yaml_text = path.read_text(encoding="utf-8")
    assert yaml_text.count(ALPELISIB) == 1
    path.write_text(yaml_text.replace(ALPELISIB, ALPELISIB.replace("300", "250")), encoding="utf-8")
    rv = review(new, kb_copy)
    assert rv.problems == ()
    assert accept(new.encode(), kb_copy).accepted
    kn = build_knowledge(kb_copy)
    doses = [
        e.dose
        for ol in kn.nodes[f"{POST}/line-2"].option_lists
        for a in ol.alternatives
        for p in a.parts
        for e in p.entries
        if e.name == "alpelisib"
    ]
    assert doses == ["250 mg orally once daily until tumour progression"]


def test_supportive_text_gone_from_one_section_is_review_not_refusal(
    section_index: SectionIndex, kb_copy: Path
) -> None:
    trials = "Enrolment into clinical trials should be strongly considered at any stage during management."
    new = edit_section(section_index, f"{POST}/line-3/supportive-care", trials, "Consider trials.")
    rv = review(new, kb_copy)
    (problem,) = rv.problems
    assert (problem.key, problem.blocking) == ("supportive.clinical-trials.text", False)
    assert f"{POST}/line-3/supportive-care" in problem.why
    assert accept(new.encode(), kb_copy).accepted


def test_the_same_change_in_every_supportive_section_is_shown_once(
    section_index: SectionIndex,
) -> None:
    old = "and multi-disciplinary team support with symptom management."
    new = read_guideline().replace(old, "and multidisciplinary team support with symptom control.")
    rv = _review(new)
    (change,) = rv.sections
    assert len(change.same_as) == 39
    assert [p.key for p in rv.blocking] == ["supportive.bone-therapy.text"]


def _strings(data: object, key: str = "") -> list[tuple[str, str]]:
    if isinstance(data, dict):
        return [kv for k, v in data.items() for kv in _strings(v, f"{key}.{k}".lstrip("."))]
    if isinstance(data, list):
        return [kv for k, v in enumerate(data) for kv in _strings(v, f"{key}.{k}")]
    return [(key, data)] if isinstance(data, str) else []


def test_every_quote_in_the_knowledge_is_an_encoded_item(section_index: SectionIndex) -> None:
    """A guard for new knowledge keys: any longer string of knowledge/*.yaml that is
    verbatim guideline text must be reviewed as an item (extend chatbot/kb/update/items.py)."""
    import yaml

    from chatbot.kb.update.items import encoded_items

    folder = paths.knowledge_dir()
    covered = {i.text for i in encoded_items(folder)}
    loose = [
        f"{path.relative_to(folder)}: {key}"
        for path in sorted(folder.rglob("*.yaml"))
        if path.name not in ("pin.yaml", "lexicon.yaml")
        for key, text in _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
        if len(text) >= 40
        and text in section_index.document
        and text not in covered
        and not key.endswith(("label", "note"))
    ]
    assert loose == []


def test_group_table_quotes_are_items(section_index: SectionIndex, kb_copy: Path) -> None:
    (kb_copy / "groups.yaml").write_text(
        "groups:\n"
        f"  - {{id: hr-neg-her2-pos, heading: '{OLD_HEADING}'}}\n"
        "coverage:\n"
        f"  - {{quote: '{OLD_HEADING}', sources: [hr-neg-her2-pos]}}\n",
        encoding="utf-8",
    )
    rv = review(heading_renamed(section_index), kb_copy)
    assert {(p.file, p.key) for p in rv.blocking} == {
        ("chatbot/kb/sections.py", "GROUP_HEADINGS['hr-neg-her2-pos']"),
        ("groups.yaml", "groups.0.heading"),
        ("groups.yaml", "coverage.0.quote"),
    }


# ---------------------------------------------------------------- reports and the CLI


def test_markdown_report_for_the_dose_change(section_index: SectionIndex) -> None:
    md = to_markdown(_review(dose_changed(section_index)))
    assert "## Must be re-encoded before accepting" in md
    assert f"`{POST_FILE}` · `nodes.line-2.primary.alternatives.2.0`" in md
    assert "alpelisib: ~~300~~ **250** mg orally" in md
    assert f"### Changed: `{POST}/line-2/primary-options`" in md
    assert "- `transcripts/info/dose-alpelisib.yaml` — " in md


def test_reports_are_deterministic(section_index: SectionIndex) -> None:
    text = node_added(section_index)
    assert to_text(_review(text)) == to_text(_review(text))
    assert to_markdown(_review(text)) == to_markdown(_review(text))


def test_word_diff_shows_whole_short_paragraphs_and_breaks() -> None:
    (hunk,) = word_diff("a b\n\nc d", "a b\n\nc e")
    assert (hunk.segments, hunk.clipped_before) == ((("=", "c"), ("-", "d"), ("+", "e")), True)
    (hunk,) = word_diff("a\n\nb", "a b")
    assert hunk.segments == (("=", "a"), ("-", "¶"), ("=", "b"))
    assert word_diff("a  b", "a b") == ()


def test_lenient_index_of_the_shipped_text_is_the_strict_one(section_index: SectionIndex) -> None:
    assert build_index(section_index.document, lenient=True).to_dict() == section_index.to_dict()


def test_cli_diff_exit_codes_and_markdown(
    section_index: SectionIndex, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dose = tmp_path / "dose.txt"
    dose.write_text(dose_changed(section_index), encoding="utf-8")
    md = tmp_path / "review.md"
    assert main(["guideline", "diff", str(dose), "--md", str(md)]) == 1
    out = capsys.readouterr().out
    assert "MUST BE RE-ENCODED" in out and "nodes.line-2.primary.alternatives.2.0" in out
    assert "alpelisib: [-300-] {+250+} mg" in out
    assert md.read_text(encoding="utf-8").startswith("# Guideline update review")
    reworded = tmp_path / "reworded.txt"
    reworded.write_text(narrative_reworded(section_index), encoding="utf-8")
    assert main(["guideline", "diff", str(reworded)]) == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read"),
        (b"\xff\xfe not utf-8", "not UTF-8"),
        (b"just some notes\n", "not a version of this guideline"),
        ("crlf", "CRLF"),
    ],
)
def test_cli_bad_input_exits_two(
    tmp_path: Path,
    kb_copy: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes | str | None,
    message: str,
) -> None:
    path = tmp_path / "new.txt"
    if content == "crlf":
        path.write_bytes(read_guideline().replace("\n", "\r\n").encode())
    elif isinstance(content, bytes):
        path.write_bytes(content)
    before = _fingerprint(kb_copy)
    for command in ("diff", "accept"):
        assert main(["guideline", command, str(path), "--knowledge", str(kb_copy)]) == 2
        assert message in capsys.readouterr().err
    assert _fingerprint(kb_copy) == before


def test_cli_accept_on_a_copy(
    section_index: SectionIndex, kb_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dose = tmp_path / "dose.txt"
    dose.write_text(dose_changed(section_index), encoding="utf-8")
    assert main(["guideline", "accept", str(dose), "--knowledge", str(kb_copy)]) == 1
    out = capsys.readouterr().out
    assert "NOT accepted" in out and f"{POST_FILE}: nodes.line-2.primary.alternatives.2.0" in out
    reworded = tmp_path / "reworded.txt"
    reworded.write_text(narrative_reworded(section_index), encoding="utf-8")
    assert main(["guideline", "accept", str(reworded), "--knowledge", str(kb_copy)]) == 0
    assert "Accepted" in capsys.readouterr().out
    assert (kb_copy / "guideline.txt").read_bytes() == reworded.read_bytes()


def test_accept_again_after_an_interrupted_accept_writes_the_pin(
    section_index: SectionIndex, kb_copy: Path
) -> None:
    new = narrative_reworded(section_index).encode()
    (kb_copy / "guideline.txt").write_bytes(new)  # the text landed, the pin did not
    outcome = accept(new, kb_copy)
    assert outcome.accepted and outcome.written
    assert read_pin(kb_copy).sha256 == hashlib.sha256(new).hexdigest()
    assert not accept(new, kb_copy).written


def test_accept_refuses_the_installed_package_folder() -> None:
    assert _installed(Path("/site-packages/chatbot/_data/knowledge"))
    assert not _installed(Path("/home/me/mbc-chat/knowledge"))


# ---------------------------------------------------------------- transcripts record the text


def test_every_transcript_records_the_pinned_guideline() -> None:
    pinned = read_pin().sha256
    unstamped = [
        str(p.relative_to(TRANSCRIPTS))
        for p in sorted(TRANSCRIPTS.rglob("*.yaml"))
        if parse_transcript(p.read_text(encoding="utf-8"), str(p)).guideline_sha256 != pinned
    ]
    assert unstamped == [], "run `mbc-chat guideline stamp transcripts/` (README)"


def test_stamp_adds_keeps_and_restamps(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("title: >-\n  a long\n  title\ncovers: [x]\nturns:\n  - user: hi\n", "utf-8")
    sha, other = "a" * 64, "b" * 64
    assert stamp_transcript(path, sha).action == "stamped"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[3] == f"guideline_sha256: {sha}"
    assert parse_transcript(text).title == "a long title"
    assert stamp_transcript(path, sha).action == "current"
    assert stamp_transcript(path, other).action == "older"
    assert parse_transcript(path.read_text(encoding="utf-8")).guideline_sha256 == sha
    assert stamp_transcript(path, other, reviewed=True).action == "restamped"
    assert parse_transcript(path.read_text(encoding="utf-8")).guideline_sha256 == other
    digits = "0123456789" * 6 + "0123"
    assert stamp_transcript(path, digits, reviewed=True).action == "restamped"
    assert parse_transcript(path.read_text(encoding="utf-8")).guideline_sha256 == digits


def test_replay_reports_a_changed_guideline_apart_from_failures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = (
        "68-year-old post-menopausal woman with ER-positive HER2-negative MBC in bone, no "
        "visceral crisis, no treatment yet for metastatic disease."
    )
    body = f"turns:\n  - user: {case}\n    expect:\n      group: {POST}\n      line: 1\n"
    old = tmp_path / "old.yaml"
    old.write_text(f"title: old\nguideline_sha256: {'f' * 64}\n{body}", encoding="utf-8")
    current = tmp_path / "current.yaml"
    current.write_text(f"title: current\nguideline_sha256: {read_pin().sha256}\n{body}", "utf-8")
    assert main(["replay", str(current)]) == 0
    capsys.readouterr()
    assert main(["replay", str(tmp_path)]) == 3
    out = capsys.readouterr().out
    assert "2 pass, 0 fail" in out
    assert "GUIDELINE CHANGED since 1 transcript(s)" in out and "old.yaml" in out
    assert "current.yaml  recorded" not in out
    failing = tmp_path / "failing.yaml"
    failing.write_text(f"title: f\n{body.replace('line: 1', 'line: 2')}", encoding="utf-8")
    assert main(["replay", str(tmp_path)]) == 1
    assert "GUIDELINE CHANGED" in capsys.readouterr().out


def test_export_names_the_guideline_the_answers_rest_on(section_index: SectionIndex) -> None:
    from chatbot.contract import Reply
    from chatbot.export import conversation_markdown, conversation_transcript

    exchanges = [("what is the dose of alpelisib?", Reply(kind="info"))]
    pinned = read_pin().sha256
    assert f"sha256 `{pinned}`" in conversation_markdown(exchanges, index=section_index)
    assert (
        parse_transcript(conversation_transcript(exchanges, title="t")).guideline_sha256 == pinned
    )


def test_spacing_only_change_is_named_and_harmless(section_index: SectionIndex) -> None:
    sid = f"{POST}/line-4/primary-options"
    rv = _review(edit_section(section_index, sid, "\n\nOR\n\nepirubicin", "\n\n\nOR\n\nepirubicin"))
    (change,) = rv.sections
    assert (change.id, change.hunks, rv.problems) == (sid, (), ())
    assert "only spacing or line breaks changed" in to_markdown(rv)


def test_cli_broken_pin_is_named_not_blamed_on_the_new_text(
    section_index: SectionIndex, kb_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (kb_copy / "pin.yaml").write_text("guideline: {file: guideline.txt}\n", encoding="utf-8")
    new = tmp_path / "new.txt"
    new.write_text(narrative_reworded(section_index), encoding="utf-8")
    for command in ("diff", "accept"):
        assert main(["guideline", command, str(new), "--knowledge", str(kb_copy)]) == 2
        err = capsys.readouterr().err
        assert "cannot read the knowledge" in err and "pin.yaml" in err


def test_cli_stamp(tmp_path: Path, kb_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = tmp_path / "t" / "new.yaml"
    new.parent.mkdir()
    new.write_text("title: new\nturns:\n  - user: hi\n", encoding="utf-8")
    (tmp_path / "t" / "old.yaml").write_text(
        f"title: old\nguideline_sha256: {'e' * 64}\nturns:\n  - user: hi\n", encoding="utf-8"
    )
    stamp = ["guideline", "stamp", str(tmp_path / "t"), "--knowledge", str(kb_copy)]
    assert main(stamp) == 1  # old.yaml was recorded against another text: not touched
    out = capsys.readouterr().out
    assert "older" in out and "old.yaml" in out and "1 stamped" in out
    assert main([*stamp, "--reviewed"]) == 0
    pinned = read_pin(kb_copy).sha256
    for name in ("new.yaml", "old.yaml"):
        text = (tmp_path / "t" / name).read_text(encoding="utf-8")
        assert parse_transcript(text).guideline_sha256 == pinned


def test_a_group_added_and_a_group_gone(section_index: SectionIndex) -> None:
    doc = section_index.document
    last = section_index["her2-pos-visceral-crisis"]
    block_end = doc.index("\n\nback arrow")
    block = doc[last.start : block_end]
    # the last group's block again under a new heading: a tenth patient group
    tenth = block.replace(last.text, "male breast cancer", 1)
    added = doc[:block_end] + "\n\n" + tenth + doc[block_end:]
    rv = _review(added)
    assert rv.groups_added == ("new-group-male-breast-cancer",)
    assert ("chatbot/kb/sections.py", "GROUP_HEADINGS") in {(p.file, p.key) for p in rv.blocking}
    assert "new-group-male-breast-cancer/line-1" in rv.nodes_added
    # the last group removed: its heading, nodes and every item on them are gone
    rv = _review(doc[: last.start] + doc[block_end + 2 :])
    assert rv.groups_gone == ("her2-pos-visceral-crisis",)
    assert all(n.startswith("her2-pos-visceral-crisis/") for n in rv.nodes_gone) and rv.nodes_gone
    broken = {(p.file, p.key) for p in rv.blocking}
    assert ("nodes/her2-pos-visceral-crisis.yaml", "nodes.line-1") in broken
    assert ("chatbot/kb/sections.py", "GROUP_HEADINGS['her2-pos-visceral-crisis']") in broken
    assert {c.how for c in rv.sections} == {"removed"}

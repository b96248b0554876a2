"""Markdown and transcript export: citations, verbatim appendix, replayable YAML, safe paths."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from chatbot.export import (
    ExportPathError,
    cited_sections,
    conversation_markdown,
    conversation_transcript,
    export_conversation,
    safe_export_path,
)
from chatbot.kb.sections import SectionIndex
from chatbot.transcripts.schema import parse_transcript

sys.path.insert(0, str(Path(__file__).parent))
from tui_fakes import HEADLINE, FakeSession  # noqa: E402


@pytest.fixture
def exchanges() -> list:
    session = FakeSession()
    return [(t, session.send(t)) for t in (HEADLINE, "no", "no", "[bold]why[/] [@click=app.quit]")]


def test_markdown_has_statements_markers_and_verbatim_appendix(
    exchanges: list, section_index: SectionIndex
) -> None:
    md = conversation_markdown(exchanges, title="Headline", index=section_index)
    cited = cited_sections(exchanges)
    assert cited  # the answer cites sections
    assert "## Sources (verbatim from the guideline)" in md
    appendix = md.split("## Sources (verbatim from the guideline)", 1)[1]
    for sid in cited:
        assert f"### `{sid}`" in appendix
        assert section_index[sid].text in appendix  # verbatim, untouched
    # numbering restarts per reply, as on screen: the answer's heading cites [1] and [2]
    answer = md.split("## Turn 3", 1)[1].split("## Turn 4", 1)[0]
    assert "2nd line. [1] [2]" in answer
    assert "- [1] HR+/HER2− post-menopausal (`hr-pos-her2-neg-postmenopausal`)" in answer
    assert "- [3] HR+/HER2− post-menopausal › 2nd line › primary options" in answer
    # bottom line first, then every detail in full
    assert answer.index("Primary options that apply now") < answer.index("_Doses")
    assert "everolimus: 10 mg orally once daily until tumour progression. [3]" in answer
    assert "_Key evidence:_" in answer and "_Supportive care:_" in answer


def test_markdown_header_names_conversation_date_and_guideline(
    exchanges: list, section_index: SectionIndex
) -> None:
    md = conversation_markdown(
        exchanges, title="mbc-chat conversation 7", date="2026-12-01 10:00 UTC", index=section_index
    )
    head = md.split("## Turn 1", 1)[0]
    assert "# mbc-chat conversation 7" in head
    assert "Exported: 2026-12-01 10:00 UTC" in head
    assert "Guideline: Metastatic breast cancer: treatment algorithm · 1d3d13b10b4c" in head


def test_export_never_overwrites(
    tmp_path: Path, exchanges: list, section_index: SectionIndex
) -> None:
    first = export_conversation(exchanges, tmp_path, stem="c", title="one", index=section_index)
    second = export_conversation(
        exchanges[:1], tmp_path, stem="c", title="two", index=section_index
    )
    assert first.markdown.name == "c.md" and second.markdown.name == "c-2.md"
    assert second.transcript.name == "c-2.yaml"
    assert first.markdown.read_text(encoding="utf-8").startswith("# one")
    assert second.markdown.read_text(encoding="utf-8").startswith("# two")


def test_markdown_escapes_user_text(exchanges: list, section_index: SectionIndex) -> None:
    md = conversation_markdown(exchanges, index=section_index)
    assert r"\[bold\]why\[/\] \[@click=app.quit\]" in md
    assert "[bold]why" not in md


def test_transcript_yaml_is_valid_and_matches_the_replies(exchanges: list) -> None:
    text = conversation_transcript(exchanges, title="Headline export")
    transcript = parse_transcript(text, "export.yaml")
    assert [t.user for t in transcript.turns] == [u for u, _ in exchanges]
    first, _, third, _ = transcript.turns
    assert first.expect.kind == "question" and first.expect.asks == "visceral_crisis"
    assert third.expect.group == "hr-pos-her2-neg-postmenopausal" and third.expect.line == 2
    assert frozenset({"fulvestrant", "alpelisib"}) in third.expect.offered
    assert "hr-pos-her2-neg-postmenopausal/line-2" in third.expect.cites


def test_export_writes_both_files_inside_the_folder(
    tmp_path: Path, exchanges: list, section_index: SectionIndex
) -> None:
    result = export_conversation(
        exchanges, tmp_path / "out", stem="case-1", title="t", index=section_index
    )
    assert result.markdown == (tmp_path / "out" / "case-1.md").resolve()
    assert result.transcript.read_text(encoding="utf-8").startswith("title: t")
    assert "## Turn 4" in result.markdown.read_text(encoding="utf-8")


def test_export_refuses_empty_conversation(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        export_conversation([], tmp_path, stem="x", title="t")


@pytest.mark.parametrize(
    "name", ["../escape.md", "/etc/passwd", "a/b.md", ".hidden", "..", "x\\..\\y", "", "a\nb"]
)
def test_export_names_cannot_leave_the_folder(tmp_path: Path, name: str) -> None:
    with pytest.raises(ExportPathError):
        safe_export_path(tmp_path, name)


def test_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "link.md").symlink_to(outside / "target.md")
    with pytest.raises(ExportPathError):
        safe_export_path(folder, "link.md")
    assert safe_export_path(folder, "ok.md") == folder.resolve() / "ok.md"

"""The section index: verbatim slices, stable ids, counts that match the document."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

import pytest

from chatbot.contract import GROUP_IDS
from chatbot.kb.sections import SectionIndex, build_index, read_guideline
from chatbot.paths import guideline_path


def test_every_section_is_an_exact_slice(section_index: SectionIndex) -> None:
    doc = section_index.document
    for section in section_index:
        assert doc[section.start : section.end] == section.text, section.id
        assert section.text == section.text.strip(), section.id


def test_shipped_guideline_matches_shared_copy() -> None:
    shared = guideline_path().parents[1] / ".." / "shared" / "guideline"
    source = shared / "metastatic-breast-cancer-treatment-algorithm.txt"
    if not source.exists():
        pytest.skip("../shared not beside this checkout")
    assert read_guideline() == source.read_text(encoding="utf-8")


def test_node_counts_match_the_document(section_index: SectionIndex) -> None:
    line_nodes = [n for n in section_index.nodes if n.line is not None]
    extra = [n for n in section_index.nodes if n.line is None]
    assert len(line_nodes) == 40
    assert [n.node for n in extra] == ["sequential-endocrine-trastuzumab"]
    kinds = Counter(s.id.rsplit("/", 1)[-1] for s in section_index if s.id.count("/") == 2)
    assert kinds["supportive-care"] == 40
    assert kinds["primary-options"] == 37
    assert kinds["secondary-options"] == 12
    assert kinds["narrative"] == 41
    doc = section_index.document
    assert doc.count("\nPrimary options\n") == 37
    assert doc.count("\nSecondary options\n") == 12


def test_groups_in_document_order(section_index: SectionIndex) -> None:
    seen = []
    for node in section_index.nodes:
        if node.group not in seen:
            seen.append(node.group)
    assert tuple(seen) == GROUP_IDS


@pytest.mark.parametrize(
    ("group", "expected"),
    [
        (
            "hr-pos-her2-neg-postmenopausal",
            ["line-1", "line-2", "line-3", "line-4", "line-5", "line-6"],
        ),
        ("hr-pos-her2-neg-premenopausal", [f"line-{n}" for n in range(1, 8)]),
        (
            "hr-pos-her2-pos-postmenopausal",
            ["line-1", "line-1-non-chemo-candidate", "line-2", "line-2-brain-metastases", "line-3"],
        ),
        (
            "hr-pos-her2-pos-premenopausal",
            [
                "line-1",
                "line-1-non-chemo-candidate",
                "sequential-endocrine-trastuzumab",
                "line-2",
                "line-2-brain-metastases",
                "line-3",
            ],
        ),
        ("hr-neg-her2-pos", ["line-1", "line-2", "line-2-brain-metastases", "line-3"]),
        (
            "tnbc-pdl1-neg",
            ["line-1", "line-2", "line-3", "line-1-gbrca", "line-2-gbrca", "line-3-gbrca"],
        ),
        ("tnbc-pdl1-pos", ["line-1", "line-2", "line-3"]),
        ("her2-neg-visceral-crisis", ["line-1", "line-2"]),
        ("her2-pos-visceral-crisis", ["line-1", "line-2"]),
    ],
)
def test_node_ids_per_group(section_index: SectionIndex, group: str, expected: list[str]) -> None:
    assert [n.node for n in section_index.nodes if n.group == group] == expected


def test_example_id_from_the_issue(section_index: SectionIndex) -> None:
    section = section_index["hr-pos-her2-neg-postmenopausal/line-2/primary-options"]
    assert "alpelisib: 300 mg orally once daily until tumour progression" in section.text
    assert section.path[0].startswith("hormone receptor-positive, HER2-negative")
    assert section.path[-1] == "Primary options"


def test_reference_markers_kept(section_index: SectionIndex) -> None:
    assert "[46]" in section_index["hr-pos-her2-neg-postmenopausal/line-1/narrative"].text


def test_misshapen_document_is_rejected() -> None:
    with pytest.raises(ValueError, match="group heading not found"):
        build_index("Treatment algorithm\n\nPlease note nothing here.\n")


def test_sections_json_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "chatbot", "sections", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(result.stdout)
    doc = read_guideline()
    assert len(data) > 150
    for sid, entry in data.items():
        assert set(entry) == {"title", "path", "text"}, sid
        assert entry["text"] in doc, sid
        assert isinstance(entry["path"], list) and entry["path"], sid


def test_sections_json_into_a_closed_pipe_ends_quietly() -> None:
    """`mbc-chat sections --json | head -c 50` must not end in a BrokenPipeError traceback."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "chatbot", "sections", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(50)
    proc.stdout.close()  # the reader leaves, as `head` does
    stderr = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Traceback" not in stderr, stderr

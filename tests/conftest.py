"""Session-wide fixtures: the guideline, its index and (later) spaCy load once per run."""

from __future__ import annotations

import pytest

from chatbot.kb.sections import SectionIndex, load_index


@pytest.fixture(scope="session")
def section_index() -> SectionIndex:
    return load_index()


@pytest.fixture(scope="session")
def knowledge():  # type: ignore[no-untyped-def]
    """The encoded guideline (knowledge/*.yaml), loaded and cross-checked once."""
    from chatbot.kb.loader import load_knowledge

    return load_knowledge()


@pytest.fixture(autouse=True)
def _user_data_in_tmp(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep history databases and exports out of the real user data dir."""
    monkeypatch.setenv("MBC_CHAT_HOME", str(tmp_path_factory.mktemp("mbc-home")))

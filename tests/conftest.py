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


@pytest.fixture(scope="session")
def session_factory():  # type: ignore[no-untyped-def]
    """Build ``chatbot.Session`` objects; spaCy, the knowledge and the retriever load once."""
    from chatbot.dialogue.backends import default_backends
    from chatbot.dialogue.session import Session

    backends = default_backends()
    return lambda: Session(backends)


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The shipped spaCy pipeline (nlp_models/mbc_ner), loaded once per test session."""
    from chatbot.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(autouse=True)
def _user_data_in_tmp(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep history databases and exports out of the real user data dir."""
    monkeypatch.setenv("MBC_CHAT_HOME", str(tmp_path_factory.mktemp("mbc-home")))

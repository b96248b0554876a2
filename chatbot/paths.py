"""The one place that knows where shipped data lives.

In a wheel, ``knowledge/`` and ``nlp_models/`` are installed inside the package
as ``chatbot/_data/...``; in a source checkout they sit at the repository root,
next to ``chatbot/``. Every other module asks here instead of walking
``__file__`` parents.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

_PACKAGE_ROOT = Path(str(files("chatbot")))


def _data_dir(name: str) -> Path:
    installed = _PACKAGE_ROOT / "_data" / name
    if installed.is_dir():
        return installed
    checkout = _PACKAGE_ROOT.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(
        f"mbc-chat data folder {name!r} not found (looked in {installed} and {checkout})"
    )


@cache
def knowledge_dir() -> Path:
    """Folder holding the guideline text and its rules as YAML."""
    return _data_dir("knowledge")


@cache
def nlp_models_dir() -> Path:
    """Folder holding the spaCy pipelines."""
    return _data_dir("nlp_models")


@cache
def demos_dir() -> Path:
    """Folder holding the scripted demos (``transcripts/demos`` in a checkout)."""
    installed = _PACKAGE_ROOT / "_data" / "demos"
    if installed.is_dir():
        return installed
    return _PACKAGE_ROOT.parent / "transcripts" / "demos"


def guideline_path() -> Path:
    """The guideline, verbatim — the product's only source of medical truth."""
    return knowledge_dir() / "guideline.txt"


def pipeline_path() -> Path:
    """The shipped spaCy pipeline directory (loaded with ``spacy.load``)."""
    return nlp_models_dir() / "mbc_ner"

"""The deterministic rules engine: case facts → group → line → node → options (pure)."""

from __future__ import annotations

from chatbot.engine.evaluate import evaluate
from chatbot.engine.result import (
    LEVELS,
    DecisiveFact,
    EngineResult,
    EvaluatedOption,
    Evidence,
    GuidelineWarning,
    Note,
    Reason,
    SupportiveItem,
    TraceStep,
    Warning,
)

__all__ = [
    "LEVELS",
    "DecisiveFact",
    "EngineResult",
    "EvaluatedOption",
    "Evidence",
    "GuidelineWarning",
    "Note",
    "Reason",
    "SupportiveItem",
    "TraceStep",
    "Warning",
    "evaluate",
]

"""Property tests: any combination of facts evaluates without error and consistently."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from chatbot.contract import FACTS
from chatbot.engine import evaluate
from chatbot.kb.loader import load_knowledge

_KN = load_knowledge()
_DRUGS = sorted(_KN.drugs)


def _value(name: str) -> st.SearchStrategy[Any]:
    spec = FACTS[name]
    if spec.type == "bool":
        return st.booleans()
    if spec.type == "enum":
        return st.sampled_from(spec.values)
    if spec.type == "int":
        return st.integers(min_value=-2, max_value=12)
    return st.lists(st.sampled_from(_DRUGS + ["bone", "liver"]), max_size=4)


FACTS_STRATEGY = st.fixed_dictionaries({}, optional={name: _value(name) for name in FACTS})


@settings(max_examples=300, deadline=None)
@given(FACTS_STRATEGY)
def test_any_facts_evaluate_consistently(facts: dict[str, Any]) -> None:
    res = evaluate(facts)
    assert evaluate(facts) == res  # deterministic
    known = set(res.facts)
    assert not {m.fact for m in res.missing} & known
    assert len({m.fact for m in res.missing}) == len(res.missing)
    if res.node_id is None:
        assert res.options == () and res.recommendation() is None
    else:
        node = _KN.nodes[res.node_id]
        assert (res.group, res.line) == (node.group, node.line)
        lo, hi = _KN.line_range(node.group)
        assert lo <= res.line <= hi
    if res.group is None:
        assert res.missing_at("group")
    for o in res.options:
        assert o.sources and all(s in _KN.index for s in o.sources)
        if o.applicable is False:
            assert any(r.status == "not met" for r in o.reasons)
        if o.applicable is None:
            assert any(r.status == "unknown" for r in o.reasons)
        for drug in res.facts.get("progressed_on", ()):
            assert (f"progressed on {drug}" in o.flags) == (drug in o.drugs)
    for step in res.trace:
        assert all(s in _KN.index for s in step.sources)

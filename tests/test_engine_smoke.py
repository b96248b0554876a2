"""First engine checks: the headline case (fuller suites in test_engine.py)."""

from __future__ import annotations

from chatbot.engine import evaluate

HEADLINE = {
    "age": 65, "hormone_receptor": "positive", "her2": "negative", "menopausal_status": "post",
    "visceral_crisis": False, "prior_lines": 1, "progressed_on": ["fulvestrant"],
    "prior_therapies": ["fulvestrant"], "metastatic_sites": ["bone"],
}


def test_headline_case_group_line_and_flags() -> None:
    res = evaluate(HEADLINE)
    assert (res.group, res.line, res.node_id) == (
        "hr-pos-her2-neg-postmenopausal", 2, "hr-pos-her2-neg-postmenopausal/line-2")
    for opt in res.options:
        assert ("progressed on fulvestrant" in opt.flags) == ("fulvestrant" in opt.drugs)
    alpelisib = next(o for o in res.options if "alpelisib" in o.drugs)
    assert alpelisib.applicable is None and "PIK3CA mutation" in alpelisib.conditions
    rec = res.recommendation()
    assert rec is not None and rec.line == 2

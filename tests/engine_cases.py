"""Facts that reach each patient group and node (shared by the engine and grounding tests)."""

from __future__ import annotations

from typing import Any

from chatbot.kb.loader import load_knowledge

GROUP_FACTS: dict[str, dict[str, Any]] = {
    "hr-pos-her2-neg-postmenopausal": {
        "visceral_crisis": False,
        "hormone_receptor": "positive",
        "her2": "negative",
        "menopausal_status": "post",
    },
    "hr-pos-her2-neg-premenopausal": {
        "visceral_crisis": False,
        "hormone_receptor": "positive",
        "her2": "negative",
        "menopausal_status": "pre",
    },
    "hr-pos-her2-pos-postmenopausal": {
        "visceral_crisis": False,
        "hormone_receptor": "positive",
        "her2": "positive",
        "menopausal_status": "post",
    },
    "hr-pos-her2-pos-premenopausal": {
        "visceral_crisis": False,
        "hormone_receptor": "positive",
        "her2": "positive",
        "menopausal_status": "pre",
    },
    "hr-neg-her2-pos": {
        "visceral_crisis": False,
        "hormone_receptor": "negative",
        "her2": "positive",
    },
    "tnbc-pdl1-neg": {
        "visceral_crisis": False,
        "hormone_receptor": "negative",
        "her2": "negative",
        "pdl1": "negative",
    },
    "tnbc-pdl1-pos": {
        "visceral_crisis": False,
        "hormone_receptor": "negative",
        "her2": "negative",
        "pdl1": "positive",
    },
    "her2-neg-visceral-crisis": {"visceral_crisis": True, "her2": "negative"},
    "her2-pos-visceral-crisis": {"visceral_crisis": True, "her2": "positive"},
}

HEADLINE: dict[str, Any] = {
    "age": 65,
    "hormone_receptor": "positive",
    "her2": "negative",
    "menopausal_status": "post",
    "visceral_crisis": False,
    "prior_lines": 1,
    "progressed_on": ["fulvestrant"],
    "prior_therapies": ["fulvestrant"],
    "metastatic_sites": ["bone"],
}


def node_facts(node_id: str) -> dict[str, Any]:
    node = load_knowledge().nodes[node_id]
    # the variant facts that choose the node, and what the node presupposes (node data)
    return {
        **GROUP_FACTS[node.group],
        "prior_lines": node.line - 1,
        **node.variant,
        **node.requires,
    }

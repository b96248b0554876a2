"""Round 71's classes (stop 48), each read failing on the code before it, each with a twin:
the nodes removed with the primary, told by the surgery's words or its pathology count
("Seven of 15 resected axillary lymph nodes were positive for metastatic disease"), are its
stage — no site, and their "metastatic" is not metastatic disease told, so the tamoxifen after
it stays adjuvant; and the treatment told after a distant finding in its sentence does not
make the finding another moment (de novo stage IV keeps its nodes)."""

from __future__ import annotations

from chatbot.nlp import extract

CASE = (
    "Final pathology showed grade 3 IDC with positive staining for estrogen and progesterone "
    "receptors and Her2/neu. Seven of 15 resected axillary lymph nodes were positive for "
    "metastatic disease. She was treated with adjuvant chemotherapy consisting of "
    "cyclophosphamide, epirubicin and fluorouracil for 6 cycles followed by postmastectomy "
    "radiation. She was started on tamoxifen after the completion of radiotherapy. "
    "Approximately 2 years later, an MRI of the brain revealed multiple metastatic lesions."
)


def test_the_nodes_removed_with_the_primary_are_its_stage(nlp) -> None:  # type: ignore[no-untyped-def]
    facts = extract(CASE).facts
    assert facts["metastatic_sites"] == ["brain"]
    assert facts.get("prior_lines") == 0
    assert "prior_therapies" not in facts
    # told with a distant organ in the same sentence, the metastatic disease is told there
    beside = (
        "Seven of 15 resected axillary lymph nodes were positive for metastatic disease and she "
        "has liver metastases. She was started on tamoxifen."
    )
    assert extract(beside).facts.get("prior_therapies") == ["tamoxifen"]
    # nodes that are a metastatic site stay one ("3 of her lymph nodes" is no pathology count)
    sites = extract("She has metastases in her liver and 3 of her lymph nodes.").facts[
        "metastatic_sites"
    ]
    assert set(sites) == {"liver", "lymph nodes"}


def test_de_novo_stage_iv_keeps_its_nodes_whatever_follows_the_finding(nlp) -> None:  # type: ignore[no-untyped-def]
    told = (
        "She was treated with modified radical mastectomy revealing carcinoma with 25 of 25 "
        "lymph nodes involved. Staging workup revealed bone metastases and she was treated with "
        "anastrozole."
    )
    assert set(extract(told).facts["metastatic_sites"]) == {"lymph nodes", "bone"}
    # a time told in the next sentence makes it another moment: the nodes stay the stage
    later = "She had a mastectomy with 3 of 12 lymph nodes involved. Bone metastases were found two years later."
    assert extract(later).facts["metastatic_sites"] == ["bone"]

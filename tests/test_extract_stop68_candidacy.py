"""Stop 68 (round 130's first run, r130-0001): chemotherapy given for the metastatic disease,
told only by the response it brought ("Treatment with capecitabine lead to clinical
amelioration"), made no chemotherapy candidacy. The response verbs ("led to / resulted in /
achieved … a response, a remission, an improvement", "responded to") now tell it given.

Each reading has a twin that keeps the other one: a response denied, poor, hoped for or
asked about, a relative's, or early-disease chemotherapy makes no candidacy.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


def candidacy(text: str) -> tuple[bool | None, bool]:
    ex = extract(text)
    return ex.facts.get("chemo_candidate"), "chemo_candidate" in ex.inferred


@pytest.mark.parametrize(
    "text",
    [
        # the round's text, shortened
        "Here we present the case of a female patient with advanced breast cancer who developed "
        "paraneoplastic sensorimotor neuropathy. Treatment with capecitabine lead to clinical "
        "amelioration.",
        "Metastatic breast cancer to the liver. Capecitabine led to a partial response.",
        "Bone metastases found in 2023. Four cycles of paclitaxel resulted in rapid improvement.",
        "Metastatic TNBC. She achieved a complete response on weekly paclitaxel.",
        "Stage IV breast cancer. The liver metastases responded well to capecitabine.",
        "MBC with lung mets; docetaxel produced a marked regression of the nodules.",
        "Metastatic breast cancer. Chemotherapy resulted in stable disease for a year.",
        "Liver metastases from breast cancer responded dramatically to chemotherapy.",
        # a quantity of her own response ("some"), not a population's
        "Metastatic breast cancer. She achieved some response on capecitabine.",
        # a carer's message: her relative is the patient
        "My mum has metastatic breast cancer in her liver. She responded well to capecitabine.",
    ],
)
def test_a_response_tells_chemotherapy_given(text: str) -> None:
    assert candidacy(text) == (True, True)


@pytest.mark.parametrize(
    "text",
    [
        # denied, poor, hoped for, asked about
        "Metastatic breast cancer to the liver. Capecitabine did not lead to a response.",
        "Metastatic breast cancer. Capecitabine led to a poor response.",
        "Metastatic breast cancer. No response was achieved with capecitabine.",
        "Metastatic breast cancer. Capecitabine might lead to a response.",
        "Metastatic breast cancer. Would capecitabine lead to a response?",
        "Metastatic breast cancer. If paclitaxel resulted in a response, we would continue.",
        # early disease: the response is the primary's
        "Neoadjuvant paclitaxel resulted in a complete pathological response; liver metastases "
        "were found three years later.",
        # a relative's response, patients in general, another cancer or illness (the second
        # cold review of stop 68)
        "Metastatic breast cancer. My mother, who responded to chemotherapy, died in 2010.",
        "Metastatic breast cancer. Her mother responded well to chemotherapy.",
        "Metastatic breast cancer. A friend from my support group responded well to Xeloda.",
        "Metastatic breast cancer. In the EMBRACA trial, chemotherapy led to a partial response "
        "in 27% of patients.",
        "Metastatic breast cancer. Her previous cancer (lymphoma, 2005) responded well to R-CHOP.",
        "Metastatic breast cancer. Her husband's prostate cancer responded well to docetaxel.",
        # no metastatic disease told
        "Breast cancer. Paclitaxel led to a partial response.",
        # the clinicians' own word wins: unfit
        "Metastatic breast cancer; she responded to capecitabine but is now frail, ECOG 3.",
    ],
)
def test_no_candidacy_without_a_response_given(text: str) -> None:
    assert candidacy(text)[0] is not True

"""One vocabulary for "which cancer is this": another primary cancer named (lung,
colorectal, ovarian ... cancer; melanoma, lymphoma, sarcoma ...) and the breast named as
the primary ("breast cancer", "carcinoma of the left breast", "invasive lobular
carcinoma", "of mammary origin", receptors). Read by the scope judge
(chatbot.dialogue.scope: a message about another cancer is declined) and by the
metastatic-event reader (chatbot.nlp.metastatic_event: another cancer's metastatic event
tells nothing of this one's lines), so both name the same cancers.
"""

from __future__ import annotations

import re

from chatbot.nlp.prefilter import gated

# An organ with cancers of its own (as an adjective or a noun).
OTHER_ORGAN = (
    r"(?:lung|prostate|colorectal|colon|rectal|bowel|pancreatic|pancreas|gastric|stomach|"
    r"ovarian|ovary|cervical|endometrial|uterine|vaginal|vulvar|bladder|kidney|renal|"
    r"hepatocellular|thyroid|skin|head and neck|oesophageal|esophageal|testicular|"
    r"tongue|parotid|salivary|oral|laryngeal|larynx|pharyngeal|nasopharyngeal|gallbladder|"
    r"biliary|adrenocortical|thymic|penile|anal|"
    # the digestive, urinary, gynaecological and head-and-neck sites of the cancer registries'
    # site groups (ICD-O topography) that the words above do not name
    r"c(?:a)?ecal|appendiceal|sigmoid|duodenal|ampullary|small[- ]bowel|small[- ]intestinal|"
    r"ileal|jejunal|anorectal|bile[- ]duct|urothelial|ureteral|ureteric|urethral|"
    r"fallopian(?:[- ]tube)?|tubal|primary[- ]peritoneal|sinonasal|nasal|oropharyngeal|"
    r"hypopharyngeal|tonsillar|tonsils?|bronchogenic|bronchial|hepatobiliary)"
)
# A part of the organ between the organ and the noun ("pancreatic head tumor", "gastric
# antral adenocarcinoma", "lung upper lobe mass" is not a cancer noun).
ORGAN_PART = r"(?:(?:head|tail|body|neck|antral|antrum|fundic|cardia|gland|base)\s+)?"
# What may stand between the organ and the noun: histology words ("renal cell carcinoma",
# "gastric adenocarcinoma", "ovarian serous carcinoma", "lung squamous cell cancer").
HISTOLOGY_WORDS = (
    r"(?:(?:clear[- ]|small[- ]|non-?small[- ]|squamous[- ]|transitional[- ])?cells?\s+|"
    r"squamous\s+|serous\s+|papillary\s+|mucinous\s+|neuroendocrine\s+|urothelial\s+|"
    r"high[- ]grade\s+|low[- ]grade\s+|primary\s+|invasive\s+|signet[- ]ring(?:[- ]cell)?\s+|"
    r"(?:poorly|moderately|well)[- ]differentiated\s+)*"
)
CANCER_NOUN = r"(?:cancers?|(?:adeno)?carcinomas?|tumou?rs?|malignanc(?:y|ies)|neoplasms?)"
# Another cancer named: an organ and a cancer noun ("renal cell carcinoma", "cancer of
# the sigmoid colon"), or a malignancy no breast cancer is called ("melanoma", "NSCLC").
# Gated (chatbot.nlp.prefilter): a text without one of the cancer nouns or names every match
# holds is not searched (the organ alternation tried at every word is the cost, ~40 µs a
# sentence); the gate reads those words from the pattern itself.
OTHER_CANCER = gated(
    rf"\b{OTHER_ORGAN}\s+{ORGAN_PART}{HISTOLOGY_WORDS}{CANCER_NOUN}\b"
    rf"|\b(?:{CANCER_NOUN}|masc|mass) (?:of|originating (?:from|in)|arising (?:from|in)) "
    rf"(?:the )?(?:base of (?:the )?|(?:sigmoid|ascending|descending|transverse|upper|lower|"
    rf"right|left|distal|proximal|middle) )?{OTHER_ORGAN}\b"
    r"|\b(?:melanoma|lymphoma|leuka?emia|myeloma|glioblastoma|glioma|mesothelioma|"
    r"(?:angio|lipo|leiomyo|rhabdomyo|fibro|osteo|chondro|myxo|lympho)?sarcoma|"
    r"cholangiocarcinoma|retinoblastoma|neuroblastoma|medulloblastoma|nephroblastoma|"
    r"seminoma|thymoma|carcinoid|pheochromocytoma|paraganglioma|gist|merkel[- ]cell|"
    # stop 30 (r28): a neuroendocrine tumour named alone is its own primary ("progression of
    # well differentiated metastatic neuroendocrine tumor"); the breast's own one is named
    # with the breast ("neuroendocrine breast cancer", "… tumour of the breast")
    r"neuroendocrine\s+tumou?rs?(?!\s+(?:of|in|from)\s+(?:the\s+|her\s+|his\s+)?breast)|"
    # a phyllodes tumour is a fibroepithelial (sarcoma-like) breast neoplasm, not a carcinoma
    r"phyllodes|cystosarcoma|malignant\s+PTs?|"
    r"nsclc|sclc|crc|rcc|hcc)\b",
    re.I,
    scan=True,
)

# The breast named as a primary: "breast cancer", "breast invasive lobular carcinoma",
# "bilateral breast ILCs", receptors.
BREAST_PRIMARY = re.compile(
    r"breast (?:[\w-]+ ){0,2}?(?:cancer|(?:adeno)?carcinoma|primary|tumou?r|malignan\w*|"
    r"ilcs?|idcs?)\b|(?:cancer|carcinoma) of (?:the )?(?:\w+ )?breast|"
    # "a ductal carcinoma in situ (70 mm) of the right breast"
    r"\b(?:cancer|carcinoma)\b[^.;]{0,40}?\bof\s+(?:the\s+|her\s+|his\s+)?(?:right\s+|left\s+)?breast\b|"
    r"\bmbc\b|\btnbc\b|\b(?:er|pr|hr)\s*[+-]|"
    # the cancer noun first, as Indian English writes it ("a case of carcinoma breast",
    # "diagnosed with ca breast stage 4", round 13)
    r"\b(?:carcinoma|ca)\s+(?:(?:right|left)\s+)?breast\b|"
    # breast surgery for a carcinoma ("a mastectomy in the left breast because of invasive
    # ductal carcinoma"): a suspected osteosarcoma of the jaw later is not her only cancer
    r"\b(?:mastectom\w*|lumpectom\w*|quadrantectom\w*)\b[^.;]{0,80}?\b(?:carcinoma|cancer|idc|ilc)\b|"
    r"\b(?:carcinoma|cancer|idc|ilc)\b[^.;]{0,40}?\b(?:mastectom\w*|lumpectom\w*)|"
    # the breast's own histologies and origin ("invasive lobular carcinoma", "of mammary
    # origin", "metastasis from the breast"; not "pancreatic ductal adenocarcinoma")
    r"\blobular\s+(?:[\w-]+\s+)?carcinoma|\b(?:invasive|infiltrating)\s+ductal\b|\b(?:idc|ilc)s?\b|"
    r"\bmammary\s+(?:[\w-]+\s+)?(?:cancer|carcinoma|origin|primary|tumou?r)|"
    r"\bbreast\s+origin\b|\bfrom\s+(?:the\s+|her\s+|his\s+)?(?:right\s+|left\s+)?breast\b|\bm?bc\b",
    re.I,
)

# Other cancers in wordings OTHER_CANCER does not read (round 16): an organ in its adjective
# form ("prostatic adenocarcinoma"), the organ's part ("renal pelvis transitional cell
# tumor"), a histology word between ("mixed ovarian epithelial carcinoma"), a qualifier
# before the organ ("squamous cell carcinoma of the supraglottic larynx"). Read by the scope
# judge only (other_cancer_diagnosed); the metastatic-event reader keeps OTHER_CANCER.
MORE_OTHER_CANCER = re.compile(
    rf"\b(?:prostatic|renal\s+pelvi[cs]|{OTHER_ORGAN})\s+{ORGAN_PART}"
    r"(?:(?:epithelial|endometrioid|germ[- ]cell|anaplastic|follicular|transitional[- ]cell|"
    rf"clear[- ]cell|mixed)\s+)*{HISTOLOGY_WORDS}{CANCER_NOUN}\b|"
    rf"\b{CANCER_NOUN}\s+of\s+(?:the\s+)?(?:(?!breast\b|and\b|or\b|with\b|to\b)[\w-]+\s+){{1,2}}?"
    r"(?:larynx|pharynx|nasopharynx|hypopharynx|oropharynx|tongue|lungs?|prostate|colon|rectum|"
    r"pancreas|stomach|ovary|cervix|uterus|endometrium|bladder|kidney|thyroid|o?esophagus|"
    r"gallbladder|tonsil)\b|"
    # round 30: the primary told as another organ ("The original source of the cancer seems
    # to have been his colon")
    r"\b(?:original|primary)\s+(?:source|site|origin)\s+of\s+(?:the\s+|his\s+|her\s+)?"
    r"(?:cancer|tumou?r|disease)\s+(?:[\w-]+\s+){0,4}?(?:his|her|the)\s+(?:(?:left|right|sigmoid)\s+)?"
    rf"(?:{OTHER_ORGAN}|colon|rectum|pancreas|stomach|ovary|ovaries|prostate|kidney|lungs?)\b",
    re.I,
)

# A cancer only suspected, differential or mimicked ("lesions highly suggestive for
# multifocal hepatocellular carcinoma", "concerning for lung cancer", "mimicking a
# lymphoma") is not a diagnosis of another primary.
SUSPECTED = re.compile(
    r"\b(?:suggestive|suspicious|suspect\w*|concerning|worrisome|worrying|thought|presumed|"
    r"presumptive|possible|probable|likely|query|mimick?\w*|masquerad\w*|resembl\w*|rule\s+out|"
    r"ruled?\s+out|differential|versus|vs)\W+(?:[\w-]+\W+){0,4}$",
    re.I,
)


def other_cancer_named(text: str) -> bool:
    """``text`` names another cancer (OTHER_CANCER) as a diagnosis, not only suspected."""
    # the matches' starts only, found by the pattern's folded twin (prefilter.Gated.spans:
    # its IGNORECASE word alternation ~3x cheaper, the same offsets)
    return any(
        not SUSPECTED.search(text, max(0, start - 80), start)
        for start, _ in OTHER_CANCER.spans(text)
    )


def names_other_primary(text: str) -> bool:
    """``text`` names another cancer as a diagnosis and no breast primary."""
    return other_cancer_named(text) and not BREAST_PRIMARY.search(text)


def other_cancer_diagnosed(text: str) -> bool:
    """Another cancer named as a diagnosis: ``other_cancer_named``, or MORE_OTHER_CANCER not
    hedged (SUSPECTED) in the words before it."""
    return other_cancer_named(text) or any(
        not SUSPECTED.search(text, max(0, m.start() - 80), m.start())
        for m in MORE_OTHER_CANCER.finditer(text)
    )


# stop 59 (held-out probe P): another cancer's own metastases told with it ("Papillary
# thyroid cancer 2012 with miliary lung metastases, cleared by radioiodine", "her melanoma had
# spread to the lungs", "liver metastases from a colon cancer") are not the breast cancer's
# sites. Only a site tied to that cancer in its clause: after it with no clause mark, time word
# or breast word between, or before it with "from" between ("Bone mets, history of colon
# cancer" keeps the bone; "gastrectomy … because of gastric cancer" is no metastasis of it).
OWN_CLAUSE_REACH = 80  # characters from the other cancer's name to its site
# (a list of its sites goes on through commas and "and": "gastric carcinoma with intraabdominal
# lymph node, peritoneal and ovarian metastases"; a time word opens the story's next step)
_CLAUSE_MARK = re.compile(
    r"[;:()\[\]]|\bbreast\b|\b(?:but|while|whereas|now|then|later|currently|today|subsequently"
    r"|since|after|years?|months?"
    # the other cancer told treated or survived before the site ("Thyroid cancer survivor
    # with liver and bone mets now", "a melanoma excised in 2019 and liver mets found")
    r"|survivors?|history|removed|excised|resected|treated|cured|remission|found|diagnosed)\b",
    re.I,
)
# the words that tie the site to the cancer before it ("… with lung metastases", "… had
# spread to the lungs", "… metastatic to the liver")
_TIED = re.compile(r"\b(?:with|spread\w*|metasta\w*|to|into|involving|invading)\b", re.I)
# a growth named by the lay nouns alone is a finding, not a diagnosis of another cancer
_LAY_GROWTH = re.compile(r"(?i)tumou?rs?|mass(?:es)?")
_FROM_IT = re.compile(r"^[\s\w-]{0,30}\bfrom\b[\s\w-]{0,30}$", re.I)


# the words that tell a cancer a primary of its own, right before its name (a patient's "the
# cancer is now in my lungs, lung cancer they call it" names no primary)
_NAMED_PRIMARY = re.compile(
    r"\b(?:primary|second|separate|synchronous|metachronous|unrelated|independent)\s+(?:[\w-]+\s+)?$",
    re.I,
)


# (not one side of a differential: "suspected to be either metastatic or primary lung cancer")
_DIFFERENTIAL = re.compile(r"\b(?:or|either|versus|vs)\W+(?:[\w-]+\W+){0,2}$", re.I)


def other_primarys_site(sentence: str, start: int, end: int) -> bool:
    """The site mention at sentence[start:end] belongs to another cancer named as a diagnosis
    in its sentence (above), the sentence naming no breast primary."""
    if not names_other_primary(sentence):
        return False
    for c_start, c_end in OTHER_CANCER.spans(sentence):
        if SUSPECTED.search(sentence, max(0, c_start - 80), c_start):
            continue
        if _LAY_GROWTH.fullmatch(sentence[c_start:c_end].split()[-1]):
            continue  # "multiple lung tumours with liver and bone metastases": a finding
        if (
            c_start <= start
            and end <= c_end
            and _NAMED_PRIMARY.search(sentence, 0, c_start)
            and not _DIFFERENTIAL.search(sentence, 0, c_start)
        ):
            # stop 63 (found beside round 126): the organ of another cancer told as a primary
            # of its own ("not a metastasis but a new primary lung cancer", "a second primary
            # lung adenocarcinoma"): that cancer's organ, not a site of the breast cancer's
            return True
        if c_end <= start and start - c_end <= OWN_CLAUSE_REACH:
            # (the tying word may open the site's own phrase: "had spread to the lungs")
            if _TIED.search(sentence, c_end, end) and not _CLAUSE_MARK.search(
                sentence, c_end, start
            ):
                return True
        elif end <= c_start and _FROM_IT.match(sentence[end:c_start]):
            return True
    return False

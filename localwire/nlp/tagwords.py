"""What single words are, for the tag rules: a role, a thing, a subject, or no noun at all.

A tag names something a reader could follow. A lone common noun rarely does: "Farmers" and
"Inspectors" are roles, "Curb" and "Yards" are things in the story, "Indoors" is not a noun.
Event kinds, issues and fields ("Tornado", "Curfew", "Wheat", "Meditation") can. WordNet's
first sense of a noun tells these apart well enough to refuse the first kinds; the table
(``data/noun_kinds.tsv``) is made from WordNet 3.0 by ``data/build_noun_kinds.py``.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
NOUN_KINDS = DATA / "noun_kinds.tsv"
TOPIC_DEFINITIONS = DATA / "iptc_media_topics.json"
SUBJECT_KINDS = {"event", "matter", ""}  # "": a word WordNet 3.0 does not have ('rehab', 'cybersecurity')
# A US or Canadian broadcaster's call sign: 'KXRT', 'WCCO-TV', 'CBLT-DT'.
CALL_SIGN = re.compile(r"^(?:[KW][A-Z]{2,3}|C[A-Z]{3})(?:-(?:TV|FM|AM|DT|LP|CD|HD\d?))?$")
_SIGN_IN_USE = r"(?:-(?:TV|FM|AM|DT)\b|\s+(?:\d{1,2}|Ch\.|Channel|TV|Radio|News)\b)"


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    kinds = {}
    for line in NOUN_KINDS.read_text().splitlines():
        if line and not line.startswith("#"):
            word, kind = line.split("\t")
            kinds[word] = kind
    return kinds


@lru_cache(maxsize=1)
def topic_words() -> frozenset[str]:
    """One-word keywords and label words of the IPTC topic definitions: the subjects news is filed under."""
    taxonomy = json.loads(TOPIC_DEFINITIONS.read_text())
    words = set()
    for topic in [*taxonomy.get("topics", []), *taxonomy.get("subtopics", [])]:
        for phrase in [*topic.get("keywords", []), topic.get("label", "")]:
            if phrase.isalpha():
                words.add(singular(phrase))
    return frozenset(words)


@lru_cache(maxsize=65536)
def singular(word: str) -> str:
    """'farmers' → 'farmer', 'bakeries' → 'bakery', 'mice' → 'mouse'; unknown words by rule."""
    table = _table()
    word = word.lower()
    if table.get(word, "").startswith("="):
        return table[word][1:]
    if word in table and table[word] != "notnoun":
        return word
    for suffix, ending in (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("sses", "ss"),
                           ("es", "e"), ("s", "")):
        if word.endswith(suffix) and not word.endswith("ss") and (word[: -len(suffix)] + ending) in table:
            return word[: -len(suffix)] + ending
    return word[:-1] if word.endswith("s") and not word.endswith(("ss", "us", "is")) else word


@lru_cache(maxsize=65536)
def noun_kind(word: str) -> str:
    """'person', 'thing', 'group', 'event', 'matter', 'other', 'notnoun' (see ``build_noun_kinds``),
    or '' when WordNet has no such word."""
    kind = _table().get(singular(word), "")
    return "" if kind.startswith("=") else kind


def is_noun(word: str) -> bool:
    return noun_kind(word) not in ("", "notnoun")


def names_a_subject(word: str) -> bool:
    """A lone common noun that could be a channel: an event, a food, crop, animal or substance, a
    word too new for WordNet, or an abstraction news is filed under ('curfew', 'shutdown'); never
    a role, a thing, a group, another abstraction ('study') or a word mostly used as an adjective."""
    kind = noun_kind(word)
    return kind in SUBJECT_KINDS or (kind == "other" and singular(word) in topic_words())


def is_call_sign(name: str, text: str = "") -> bool:
    """A station's call sign: 'WCCO-TV' always; 'KXRT' where the text writes it as a station
    ('KXRT 7', 'KXRT News'), so that 'WHO' or 'KPMG' written alone stay names."""
    if not CALL_SIGN.match(name):
        return False
    return "-" in name or bool(re.search(rf"\b{re.escape(name)}{_SIGN_IN_USE}", text))

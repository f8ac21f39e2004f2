"""Organisations and groups as tags: which names the entity layer found are channels of this article.

A name is made whole where the model cut it ('City Water' → 'City Water, Light and Power'), and
refused when it is the publisher, a call sign, a possessive, an adjective of a people, a fragment
of a longer name, or a word that only reads as a name because a sentence starts with it.
"""

from __future__ import annotations

import re
from collections import Counter

from localwire.nlp.tag_article import GENERIC, STOPWORDS, Article, Candidate, Named, tag_case
from localwire.nlp.tagwords import is_call_sign, is_noun, noun_kind

def named_tag(entity: Named, article: Article, all_names: list[str], excluded: set[str],
              publisher: str) -> Candidate | None:
    """An organisation or group as a tag, or None when it is no channel of this article."""
    name = entity.name.strip()
    name = name[4:] if name.lower().startswith("the ") else name
    name = whole_name(name, article.text, all_names)
    lowered = name.lower()
    if (lowered in excluded or f"the {lowered}" in excluded or is_publisher(name, publisher)
            or is_call_sign(name, article.text) or re.search(r"['’]s\s|[\"“”()]", name)):
        return None  # a possessive joins two names; a quote mark or bracket is a broken span
    if entity.kind == "group" and not lowered.endswith("s"):
        return None  # 'Kazakh', 'Republican': an adjective or one member; 'Democrats' stays
    if " " not in name and _modifier_only(name, article.text):
        return _named_event(name, article)  # 'Lefthand' only in 'Lefthand fire': the Lefthand Fire
    if " " not in name and (lowered in STOPWORDS or lowered in GENERIC
                            or (is_noun(lowered) and _only_where_capitals_are_free(name, article.text))):
        return None  # 'People' (the magazine) reads as the word; 'Households' only starting a sentence
    if any(_inside(name, other) for other in all_names):
        return None  # 'Lilly' beside 'Eli Lilly', 'Promises' beside 'Promises Treatment Center'
    headline, lead = article.placed(name)
    return Candidate(name, max(entity.uses, article.uses(name, case=True)), headline, lead, named=True)


def whole_name(name: str, text: str, others: list[str] = ()) -> str:
    """A name the model cut at 'and' or a comma, made whole where the text always writes it longer:
    'City Water' → 'City Water, Light and Power', 'Wildlife Service' → 'Fish and Wildlife Service'.
    Two names the text joins ('Eli Lilly and Novo Nordisk') stay two."""
    if " " not in name or not any(f"{name}{joint}" in text for joint in (",", " and ", " & ")) and not any(
            f"{joint}{name}" in text for joint in (" and ", " & ")):
        return name
    word = r"[A-Z][\w'’.-]*"
    right = re.compile(rf"(?<![\w-]){re.escape(name)}((?:,\s+{word})*,?\s+(?:and|&)\s+{word}(?:\s+{word})*)")
    left = re.compile(rf"((?:{word}\s+)+(?:and|&)\s+){re.escape(name)}(?![\w-])")
    plain = len(re.findall(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text))
    for pattern, build in ((right, lambda m: name + m.group(1)), (left, lambda m: m.group(1) + name)):
        longer = {build(m) for m in pattern.finditer(text)}
        if plain and len(longer) == 1 and len(pattern.findall(text)) == plain:
            whole = longer.pop()
            added = re.sub(r"^(?:,\s*|\s+)?(?:and|&)?\s*|\s*(?:and|&)\s*$", "", whole.replace(name, "").strip(" ,"))
            if not any(added.endswith(o) or added.startswith(o) for o in others if o and o != name):
                return whole
    return name


def is_publisher(name: str, publisher: str) -> bool:
    """The publisher's own name with or without 'The', its call sign ('KXRT' of 'KXRT 7 News') or
    its initials of three letters or more."""
    words = re.sub(r"^the\s+", "", publisher.strip(), flags=re.I).split()
    if not words:
        return False
    own = {" ".join(words).lower()}
    if words[0].isupper() and len(words) > 1:
        own.add(words[0].lower())
    initials = "".join(w[0] for w in words if w[0].isalpha())
    if len(initials) > 2:
        own.add(initials.lower())
    return name.lower() in own


def _modifier_only(name: str, text: str) -> bool:
    """A one-word name the text only ever writes before a noun or another name: a modifier or a
    fragment ('Lefthand fire', 'Lefthand Canyon Drive'), not a thing of its own. Acronyms are
    exempt: 'NBA championship' is how the NBA is written."""
    if name.isupper():
        return False
    following = re.findall(rf"(?<![\w-]){re.escape(name)}(?![\w'’-])(\s+[\w'’-]+|[^\s\w]|$)", text)
    return bool(following) and all(f.strip() and (f.strip()[0].isupper() or is_noun(f.strip()))
                                    for f in following)


def _named_event(name: str, article: Article) -> Candidate | None:
    """A name written before the same event noun, twice or in the headline, names that event the way
    news does: 'the Lefthand fire' → 'Lefthand Fire', 'the Creek fire'. Other modifiers are no tag."""
    following = Counter(m.group(1) for m in re.finditer(rf"(?<![\w-]){re.escape(name)}\s+([a-z]+)\b", article.text))
    if not following:
        return None
    noun, uses = following.most_common(1)[0]
    event = f"{name} {noun}"
    headline, lead = article.placed(event)
    if noun_kind(noun) != "event" or noun in GENERIC or not (uses >= 2 or headline):
        return None
    return Candidate(tag_case(event), uses, headline, lead, named=True)


def _only_where_capitals_are_free(name: str, text: str) -> bool:
    """Every use starts a sentence, a line or follows a dateline's dash: the capital says nothing."""
    starts = [m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)]
    return bool(starts) and all(re.search(r"(?:^|[.!?:—–-]\s*|\n\s*|[\"“‘]\s*)$", text[max(0, s - 4):s])
                                for s in starts)


def _inside(name: str, other: str) -> bool:
    """'Lilly' is a word run of 'Eli Lilly'; 'Senate' is not inside 'Senate' itself."""
    if len(other) <= len(name) or name not in other:
        return False
    words, longer = name.split(), re.split(r"[\s-]+", other)
    return any(longer[i:i + len(words)] == words for i in range(len(longer) - len(words) + 1))

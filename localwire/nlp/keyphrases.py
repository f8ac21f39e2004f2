"""'In this article': up to 8 tags, each something a reader could follow, fewer rather than junk.

Candidates are the article's organisations and groups (from the entity layer) and the noun runs
the tagger found. A candidate becomes a tag only when the article stands behind it: it is used
twice, or it is in the headline or the lead (the first paragraph). Then what is not a channel
is refused (``named_tag`` and ``phrase_tag`` list the rules): verb fragments and incidental
descriptions, lone common nouns that name no subject ("Curb", "Yards", "Indoors", "Nobody"),
roles ("Farmers", "Armed Criminals"), adjectives of a people ("Kazakh"), fragments and cuts of
names ("Lefthand", "City Water"), the publisher's and the agency's names, call signs ("KXRT").
The rest are ranked by where and how often the article uses them.
"""

from __future__ import annotations

import re
from collections import Counter

from localwire.nlp.named_tags import is_publisher, named_tag
from localwire.nlp.tag_article import GENERIC, MEASURES, STOPWORDS, VAGUE, Article, Candidate, Named, tag_case
from localwire.nlp.tagwords import is_noun, names_a_subject, noun_kind, singular

MAX_TAGS = 8  # an article that supports them gets 4–8; nothing is added to reach 4


def keyphrases(title: str, phrases: list[str], entity_names: list, idf: dict[str, float], *,
               excluded: set[str] = frozenset(), names: list[str] = (), max_idf: float = 10.0,
               text: str = "", publisher: str = "") -> list[str]:
    """``phrases`` are the noun runs the tagger found in the text (with repeats); ``entity_names``
    the article's organisations and groups, best first (``Named`` or plain names); ``names`` every
    name mentioned (people and places too), whose words are not tags on their own; ``excluded``
    names that are not subjects (bylines, the publisher, the agency)."""
    article = Article.of(title, text)
    named = [n if isinstance(n, Named) else Named(n) for n in entity_names]
    all_names = list(dict.fromkeys([*names, *(n.name for n in named)]))
    article.count_names([n.name for n in named])
    candidates = [c for c in (named_tag(n, article, all_names, excluded, publisher) for n in named) if c]
    candidates += phrase_candidates(phrases, article, all_names, idf, max_idf, excluded, publisher)
    return choose([c for c in candidates if c.supported])


def choose(candidates: list[Candidate]) -> list[str]:
    """Best first, none inside another ("Curfew" after "Overnight Curfew"), none twice in another
    number; a name that holds a chosen common word takes its place ("Lefthand Fire" for "Fire")."""
    chosen: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: -c.score):
        tag = candidate.tag.lower()
        overlap = [c for c in chosen if tag in c.tag.lower() or c.tag.lower() in tag or _same_words(tag, c.tag.lower())]
        if overlap and candidate.named and all(not c.named and c.tag.lower() in tag for c in overlap):
            chosen[chosen.index(overlap[0])] = candidate
            chosen = [c for c in chosen if c not in overlap[1:]]
        elif not overlap and len(chosen) < MAX_TAGS:
            chosen.append(candidate)
    return [c.tag for c in chosen]


def _same_words(a: str, b: str) -> bool:
    return [singular(w) for w in a.split()] == [singular(w) for w in b.split()]


def phrase_candidates(phrases: list[str], article: Article, all_names: list[str], idf: dict[str, float],
                      max_idf: float, excluded: set[str], publisher: str) -> list[Candidate]:
    fragments = {w.lower() for n in all_names for w in re.split(r"[\s-]+", n) if w}
    tails = {m.group(1).lower() for m in re.finditer(r"\w-([A-Za-z]+)", article.text)}
    heads = {m.group(1).lower() for m in re.finditer(r"([A-Za-z]+)-\w", article.text)}
    forms: dict[str, Counter] = {}
    for phrase in phrases:
        key = " ".join(singular(w) for w in phrase.lower().split())
        forms.setdefault(key, Counter())[phrase] += 1
    out = []
    for variants in forms.values():
        uses = sum(article.uses(v) for v in {v.lower() for v in variants})
        headline, lead = article.placed(variants.most_common(1)[0][0])
        if uses < 2 and not headline and not lead:
            continue  # the article does not stand behind it; the rules below cost more
        surface = variants.most_common(1)[0][0]  # as the text writes it: 'KOs', 'iPhone'
        if phrase_tag(surface, article, fragments, tails | heads, excluded, publisher):
            out.append(Candidate(tag_case(surface), uses, headline, lead, named=False,
                                 rarity=idf.get(surface.lower(), max_idf)))
    return out


def phrase_tag(phrase: str, article: Article, fragments: set[str], hyphen_parts: set[str],
               excluded: set[str], publisher: str) -> bool:
    """Whether a noun run may be a tag: every word a content word, not a name's fragment, not the
    publisher. One word must be a subject the headline names (``_lone_subject``). Several must not
    start vague or with a past participle ('Flattened Homes'), nor end in a role ('Grain Traders')
    or a measure ('Death Toll'), nor only ever be quoted or owned ('the city's power company');
    led by an adjective they must be used twice ('Strong Wind' once is a description), and ending
    in a thing ('Apartment Building') or a noun every story uses ('Southwest Side') they must be
    in the headline."""
    words = phrase.split()
    lowered = [w.lower() for w in words]
    if not all(_content(w) for w in lowered) or phrase.lower() in excluded or is_publisher(phrase, publisher):
        return False
    if lowered[0] in hyphen_parts or any(w[:1].isupper() and w.lower() in fragments for w in words):
        return False  # 'Choice Count' of 'ranked-choice count', 'Fatal Bloomington'
    if len(words) == 1:
        return _lone_subject(phrase, article, fragments)
    head = singular(lowered[-1])
    if lowered[0] in VAGUE or (lowered[0].endswith("ed") and not is_noun(lowered[0])):
        return False
    if noun_kind(head) == "person" or head in MEASURES:
        return False
    headline, _ = article.placed(phrase)
    if head in GENERIC and not headline:
        return False
    # Used once: never led by an adjective ('Strong Wind'), three words only in the headline ('Water
    # Main Burst' is a clause the tagger misread), and a lead's description ('Career Goals') only
    # when the article comes back to one of its words ('Power Cuts' in a story about power).
    if article.uses(phrase) < 2 and not (is_noun(lowered[0]) and (len(words) < 3 or headline)
                                         and any(_word_uses(w, article) >= 2 for w in lowered)):
        return False
    return not (_only_quoted(phrase, article.text) or _only_possessed(phrase, article.text))


def _word_uses(word: str, article: Article) -> int:
    return article.uses(word) + (article.uses(singular(word)) if singular(word) != word else 0)


def _lone_subject(word: str, article: Article, fragments: set[str]) -> bool:
    """One common noun is a tag only when the headline names it, the article uses it again, and it
    names a subject: a word of the topic definitions ('curfew', 'shutdown'), an event or phenomenon
    ('tornado', 'wildfire'), a food, crop, animal or substance ('wheat', 'coffee'), or a word WordNet
    does not know ('rehab'); never a role, a thing, a group, an abstraction ('study') or no noun."""
    lowered = word.lower()
    if lowered in GENERIC or singular(lowered) in GENERIC or lowered in fragments or word.isupper():
        return False
    if not (article.placed(word)[0] and article.uses(word) >= 2 and names_a_subject(lowered)):
        return False
    # Capitalised mid-sentence and never in lower case: a name the entity layer did not take.
    return not _written_as_a_name(word, article.text)


def _written_as_a_name(word: str, text: str) -> bool:
    lowered = word.lower()
    if re.search(rf"(?<![\w-]){re.escape(lowered)}(?![\w-])", text):
        return False
    capital = lowered[:1].upper() + lowered[1:]
    return any(not re.search(r"(?:^|[.!?:—–-]\s*|\n\s*|[\"“‘]\s*)$", text[max(0, m.start() - 4):m.start()])
               for m in re.finditer(rf"(?<![\w-]){re.escape(capital)}(?![\w-])", text))


def _only_quoted(phrase: str, text: str) -> bool:
    spans = [m.start() for m in re.finditer(re.escape(phrase), text, re.I)]
    return bool(spans) and all(text[:s].count("“") > text[:s].count("”") or text[:s].count('"') % 2 for s in spans)


def _only_possessed(phrase: str, text: str) -> bool:
    """Only ever 'the city's power company', 'the sheriff's evacuation map': a description of
    something the article does not name."""
    before = [text[max(0, m.start() - 3):m.start()] for m in re.finditer(re.escape(phrase), text, re.I)]
    return bool(before) and all(re.search(r"['’]s\s$", b) for b in before)


def _content(word: str) -> bool:
    return len(word) > 2 and word not in STOPWORDS and not word.isdigit() and word.isalpha()

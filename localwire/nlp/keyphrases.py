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

import math
import re
from collections import Counter
from dataclasses import dataclass

from localwire.nlp.tagwords import is_call_sign, is_noun, names_a_subject, noun_kind, singular

STOPWORDS = set("""
a about above after again against all also am an and any are as at be because been before being below between both
but by can could did do does doing down during each few for from further had has have having he her here hers him
his how i if in into is it its itself just me more most my no nor not now of off on once only or other our out over
own said same says she should so some such than that the their them then there these they this those through to too
under until up very was we were what when where which while who whom why will with would you your year years week
weeks day days time times people percent according told added including another many much monday tuesday wednesday
thursday friday saturday sunday january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec today yesterday tomorrow morning evening night last next first
second third one two three four five six seven eight nine ten new also like make made get got go going went
nobody somebody someone anyone everyone everybody nothing something anything everything
gmt utc est edt cst cdt mst mdt pst pdt bst cet
""".split())
# Nouns every story uses: true of the article, but no reader would follow them as a channel.
GENERIC = set("""
city state country capital government official officials officer officers resident residents people hour hours
end plan money cost costs bill blocks block office committee member members meeting session president side work
game games team teams final high floor building branch water service staff operator deal vote votes leader
leaders measure parties party district voters family families hundreds thousands dozens millions west east north
south door air break search toll credit crew crews sheriff spark statement report reports month months area
areas region part group number level lot way place point case issue thing things man woman men women child
children home house street road center centre department agency spokesperson spokesman spokeswoman director
chief minister ministry police authorities authority news story stories update updates company companies
change changes problem problems effect effects result results program programs source sources
study studies firm firms
""".split())
# First words that say how much, how big or when, not what: "Several Rounds", "Upper Hand", "Weekend Strikes".
VAGUE = set("""
several sudden long upper lower straight favorite favourite former many few other certain major key main recent
latest old big small large little whole full early late top good bad best worst high low great huge own various
possible likely real same different single double entire overall weekend overnight daily weekly monthly nightly
yearly annual fatal deadly record
""".split())
# Heads that count or measure: "Death Toll", "Turnout Rate" say how much of something, not what.
MEASURES = {"toll", "total", "tally", "count", "rate", "level", "number", "share", "figure", "amount"}
MAX_TAGS = 8  # an article that supports them gets 4–8; nothing is added to reach 4


@dataclass(frozen=True)
class Named:
    """An organisation or group the entity layer found: its name, kind and how many mentions it merged
    (aliases and short forms included); 0 uses means count the name in the text."""

    name: str
    kind: str = "organisation"
    uses: int = 0


_WORDS = re.compile(r"[\w-]+")
MAX_GRAM = 3  # noun runs are at most three words; longer names are counted by pattern


class Article:
    """The parts of an article the rules read, with its word runs counted once: a candidate's uses
    are looked up, not searched for, so a long article's hundred noun runs stay cheap."""

    def __init__(self, title: str, text: str):
        self.title, self.text, self.lead = title, text, lead_of(title, text)
        # A headline the text opens with, as some feeds give it, is counted once.
        self.repeated = bool(title.strip()) and text.lstrip().startswith(title.strip())
        self._words = _WORDS.findall(text.lower())
        self._at: dict[str, list[int]] = {}
        for i, word in enumerate(self._words):
            self._at.setdefault(word, []).append(i)
        self._title, self._lead = _grams(title), _grams(self.lead)

    @classmethod
    def of(cls, title: str, text: str) -> "Article":
        return cls(title, text)

    def count_names(self, names: list[str]) -> None:
        """Count these names, as written, in one pass over the headline and the text."""
        names = sorted({n for n in names if n}, key=len, reverse=True)
        self._names = Counter()
        if names:
            pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, names))})(?![\w-])")
            self._names.update(pattern.findall(self.text))
            if not self.repeated:
                self._names.update(pattern.findall(self.title))

    def uses(self, phrase: str, case: bool = False) -> int:
        """Times ``phrase`` stands as whole words in the headline and the text."""
        key = phrase.lower()
        if case and phrase in getattr(self, "_names", ()):
            return self._names[phrase]
        if case or key.count(" ") >= MAX_GRAM or not _WORDS.fullmatch(key.replace(" ", "")):
            pattern = re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", 0 if case else re.I)
            return (0 if self.repeated else len(pattern.findall(self.title))) + len(pattern.findall(self.text))
        return (0 if self.repeated else self._title[key]) + self._count(key.split())

    def placed(self, phrase: str) -> tuple[bool, bool]:
        """(in the headline, in the lead)."""
        key = phrase.lower()
        if key.count(" ") >= MAX_GRAM or not _WORDS.fullmatch(key.replace(" ", "")):
            pattern = re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", re.I)
            return bool(pattern.search(self.title)), bool(pattern.search(self.lead))
        return key in self._title, key in self._lead


    def _count(self, words: list[str]) -> int:
        at, n = self._at.get(words[0], ()), len(words)
        return sum(self._words[i:i + n] == words for i in at) if n > 1 else len(at)


def _grams(text: str) -> Counter:
    words = _WORDS.findall(text.lower())
    return Counter(" ".join(words[i:i + n]) for n in range(1, MAX_GRAM + 1) for i in range(len(words) - n + 1))


@dataclass
class Candidate:
    tag: str
    uses: int
    in_headline: bool
    in_lead: bool
    named: bool
    rarity: float = 0.0

    @property
    def supported(self) -> bool:
        """The article stands behind it: used twice, or in the headline or the lead. A name of
        several words the entity layer confirmed ('Red Cross') is a channel where it is mentioned at
        all; a one-word name or acronym is held to the rule ('Lefthand', 'GM')."""
        if self.named and " " in self.tag:
            return self.uses >= 1
        return self.uses >= 2 or self.in_headline or self.in_lead

    @property
    def score(self) -> float:
        return (3.0 * self.in_headline + 1.5 * self.in_lead + math.log(1 + self.uses) + 0.5 * self.named
                + (0.4 if " " in self.tag else 0.0) + self.rarity / 10)


def lead_of(title: str, text: str) -> str:
    """The first paragraph; when that only repeats the headline (or is one short line), the next too."""
    paragraphs = [p for p in re.split(r"\n\s*\n|\n", text.strip()) if p.strip()] if text else []
    if not paragraphs:
        return ""
    lead = paragraphs[0]
    if len(paragraphs) > 1 and (lead.strip().lower() == title.strip().lower() or len(lead.split()) < 12):
        lead += "\n" + paragraphs[1]
    return lead


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


# --- organisations and groups -------------------------------------------------------------------

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
    return Candidate(_tag_case(event), uses, headline, lead, named=True)


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


# --- noun runs ------------------------------------------------------------------------------------

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
            out.append(Candidate(_tag_case(surface), uses, headline, lead, named=False,
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


def _tag_case(phrase: str) -> str:
    return " ".join(w if any(c.isupper() for c in w[1:]) else w[:1].upper() + w[1:] for w in phrase.split())


def _content(word: str) -> bool:
    return len(word) > 2 and word not in STOPWORDS and not word.isdigit() and word.isalpha()

"""From raw entity mentions to the people, organisations and groups an article is about.

Mentions of one name are merged ("Abenov", "President Serik Abenov" → Serik Abenov,
role President); names that are bylines, contributors, photo credits, the
publisher or the wire agency are kept out; each entity gets a salience from its
mentions, their position and the headline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.text import slugify

from localwire.nlp.entities import Entity
from localwire.nlp.lexicons import TITLE_WORDS, head_kind, is_common_word, is_first_name
from localwire.nlp.orgs import generic_slug, is_generic, is_local, split_country
from localwire.nlp.spans import Offsets

TITLES = re.compile(
    r"^(?:(?:U\.S\.|former|acting|interim|then-|deputy|vice|chief|senior|state|federal|city|county|fire|police)\s+)*"
    + TITLE_WORDS + r"\s+",
    re.I,
)
# ", the European Commission president," after a name: the role in an appositive.
APPOSITIVE = re.compile(r"^,\s+(?:the\s+|a\s+|an\s+)?(?P<role>(?:(?:[A-Z][\w.'’-]*|of|the|and|former|deputy|vice)\s+)"
                        r"{0,5}?" + TITLE_WORDS + r")(?=[,.;]|\s+(?:of|for|at)\b)", re.I)
KINDS = {"PER": "person", "ORG": "organisation", "MISC": "group", "LOC": "place"}
# A name ending in one of these is a street or a feature of the land, not a person or an organisation.
PLACE_FEATURE = re.compile(
    r"\b(?:road|rd\.?|street|st\.|avenue|ave\.?|boulevard|blvd\.?|drive|lane|highway|hwy\.?|freeway|"
    r"interstate|canyon|range|river|creek|lake|mountains?|mall|bridge|bay|valley|island|peninsula)$", re.I)
_TITLE_OF = re.compile(r"\b(?:secretary|minister|undersecretary|commissioner)\s+of\s+(?:the\s+)?$", re.I)
_EVENT_AFTER = re.compile(r"\s+(?:fire|fires|blaze|wildfire|flood|floods|flooding|storm|tornado|hurricane|"
                          r"earthquake|quake|landslide|mudslide|outbreak|shooting|explosion|derailment|spill)\b")
SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|\n\s*|[\"“‘]\s*)$")


@dataclass
class ArticleEntity:
    name: str
    kind: str  # person, organisation, group, place
    type: str  # PER, ORG, MISC, LOC (CoNLL-style)
    slug: str
    role: str = ""
    salience: float = 0.0
    mentions: list[Offsets] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)  # other names of it in this article ("FEMA")
    country: str = ""  # ISO code for a generic organisation ("Senate" of "KZ"); see orgs.py


_TITLE_BEFORE = re.compile(r"\b" + TITLES.pattern.lstrip("^").rstrip("+").removesuffix("\\s") + r"\s*$", re.I)


def title_before(text: str, start: int) -> str:
    """The title written just before a name: '... said Fire Chief ' → 'Fire Chief'."""
    match = _TITLE_BEFORE.search(text[max(0, start - 40):start])
    return " ".join(match.group(0).split()) if match else ""


def split_title(name: str) -> tuple[str, str]:
    """'President Serik Abenov' → ('Serik Abenov', 'President')."""
    match = TITLES.match(name)
    if not match or match.end() >= len(name):
        return name, ""
    return name[match.end():].strip(), match.group(0).strip()


def appositive_role(text: str, end: int) -> str:
    """'Ursula von der Leyen, the European Commission president, said' → 'European Commission president'."""
    match = APPOSITIVE.match(text[end:end + 120])
    return " ".join(match.group("role").split()) if match else ""


def canonical_entities(text: str, title: str, mentions: list[Entity], *, excluded: set[str] = frozenset(),
                       limit: int = 20, place_name=None, demonym=None, country: str = "",
                       town: str = "") -> list[ArticleEntity]:
    """``place_name(name)`` and ``demonym(word)`` come from the gazetteer: a 'person' named
    Nur-Sultan is a city, an 'organisation' named Kazakh is a group of people. ``country`` (ISO code)
    is the one the article is about: it tells a generic 'Senate' apart (``orgs.py``); ``town`` is the
    town it is set in, whose 'City Council' it means."""
    groups: dict[tuple[str, str], ArticleEntity] = {}
    first_paragraph_end = text.find("\n\n") if "\n\n" in text else len(text)
    for mention in mentions:
        if mention.type == "LOC":
            continue  # places are resolved by the gazetteer, not listed as names
        if mention.type == "MISC" and mention.label not in ("", "NORP"):
            continue  # events, laws and products are not channels; nationalities and groups are
        if mention.type == "ORG" and (_in_a_title(text, mention) or _names_an_event(text, mention)):
            continue
        kind, name, role = _name_and_role(text, mention)
        if len(name) < 2 or name.lower() in excluded or not _looks_like_a_name(name, kind):
            continue
        if kind == "MISC" and TITLES.match(text[mention.end:].lstrip()[:60] + " "):
            continue  # 'Chinese' in 'Chinese President Xi Jinping' belongs to the title
        if " " not in name and demonym is not None and demonym(name):
            kind = "MISC"  # 'Kazakh' is a people, even where a town of that name exists
        elif place_name is not None and place_name(name):
            continue  # a place the model took for a name; places come from the gazetteer
        entity = _entity_for(groups, kind, name, country, town)
        entity.role = entity.role or role
        entity.mentions.append(Offsets(mention.start, mention.end))
    _merge_surnames(groups)
    _merge_abbreviations(groups)
    _one_kind_per_name(groups)
    _drop_stray_words(groups, text)
    entities = list(groups.values())
    for entity in entities:
        weight = 0.0
        for start, _ in entity.mentions:
            weight += 1.0 + (1.0 if start < first_paragraph_end else 0.0)
        if entity.name.lower() in title.lower() or entity.name.split()[-1].lower() in title.lower().split():
            weight += 3.0
        entity.salience = weight
    top = max((e.salience for e in entities), default=1.0) or 1.0
    for entity in entities:
        entity.salience = round(entity.salience / top, 3)
    return sorted(entities, key=lambda e: (-e.salience, e.name))[:limit]


def _name_and_role(text: str, mention: Entity) -> tuple[str, str, str]:
    """(type, name, role) of a mention: titles come off a person's name ('Kicker Luis Alvarado' is a
    person even where the model said organisation), a person's role may follow in an appositive."""
    written = " ".join(mention.text.split()).strip(" ,.'’\"").removesuffix("'s").removesuffix("’s")
    name, role = split_title(written)
    kind = mention.type
    if role and kind != "PER":
        if len(name.split()) < 2 or not all(w[:1].isupper() for w in name.split()):
            name, role = written, ""  # 'General Motors' is no general
        else:
            kind = "PER"
    if name.lower().startswith("the "):
        name = name[4:]
    if kind == "ORG" and not role and _titled_full_name(text, mention.start, name):
        kind, role = "PER", title_before(text, mention.start)  # 'President Kassym-Jomart Tokayev said'
    elif kind == "ORG" and " " not in name and (given := _given_name_before(text, mention.start)) \
            and (appositive := appositive_role(text, mention.end)):
        kind, name, role = "PER", f"{given} {name}", appositive  # 'Ramy Houssaini, Chief … Officer at'
    if kind == "PER" and not role:
        role = title_before(text, mention.start) or appositive_role(text, mention.end)
    return kind, name, role


_WORD_BEFORE = re.compile(r"(?:^|[\s(\"“])([A-Z][a-z]+(?:-[A-Z][a-z]+)?) $")


def _given_name_before(text: str, start: int) -> str:
    """The capitalised word just before a surname the model took alone, unless it is an ordinary word
    ('Analysts Houssaini' at a sentence's start is no name)."""
    match = _WORD_BEFORE.search(text[max(0, start - 30):start])
    return "" if match is None or is_common_word(match.group(1)) else match.group(1)


def _titled_full_name(text: str, start: int, name: str) -> bool:
    """A name of two or more capitalised words right after a person's title is that person's, whatever
    the model said, unless its last word says it is an organisation ('President Obama Foundation')."""
    words = name.split()
    return (len(words) >= 2 and all(w[:1].isupper() for w in words) and not head_kind(name)
            and bool(title_before(text, start)))


def _in_a_title(text: str, mention: Entity) -> bool:
    """'State' of 'Secretary of State', 'Defence' of 'Minister of Defence': a word of a title, no body."""
    return " " not in mention.text.strip() and bool(_TITLE_OF.search(text[max(0, mention.start - 30):mention.start]))


def _names_an_event(text: str, mention: Entity) -> bool:
    """'Lefthand' of 'the Lefthand fire', 'Mathare' of 'the Mathare floods': the name of a fire, flood
    or storm (after the canyon, the district it started in), no organisation."""
    return " " not in mention.text.strip() and bool(_EVENT_AFTER.match(text, mention.end))


def _entity_for(groups: dict, kind: str, name: str, country: str, town: str = "") -> ArticleEntity:
    """The article's entity for a name; a generic organisation's carries its country in name and slug,
    a town's own body ('City Council', 'Police') the town's name in front of it."""
    slug, found_country = slugify(name)[:100], ""
    if kind == "ORG":
        bare, written_country = split_country(name)
        if is_local(bare) and town and not written_country:
            name, slug = f"{town} {bare}", slugify(f"{town} {bare}")[:100]
        elif is_generic(bare):
            found_country = written_country or country
            name, slug = bare, generic_slug(bare, found_country)
    key = (kind, slug if found_country else name.lower())
    if key not in groups:
        groups[key] = ArticleEntity(name, KINDS[kind], kind, slug, country=found_country)
    return groups[key]


def _one_kind_per_name(groups: dict) -> None:
    """A name the model read as a person in one place and an organisation in another is one thing:
    the kind with more mentions (a person on a tie) keeps them all."""
    by_name: dict[str, list] = {}
    for key, entity in groups.items():
        by_name.setdefault(entity.name.lower(), []).append(key)
    for keys in by_name.values():
        if len(keys) < 2:
            continue
        keys.sort(key=lambda k: (-len(groups[k].mentions), k[0] != "PER"))
        keeper = groups[keys[0]]
        for key in keys[1:]:
            keeper.mentions += groups.pop(key).mentions


def _merge_surnames(groups: dict) -> None:
    """A lone 'Abenov' (or 'Von der Leyen', whatever type the model gave it) joins the one person
    whose full name ends in it."""
    people = [e for (kind, _), e in groups.items() if kind == "PER" and " " in e.name]
    for key, entity in list(groups.items()):
        if key[0] == "LOC" or (key[0] == "PER" and " " in entity.name):
            continue
        tail = entity.name.lower()
        owners = [p for p in people if p is not entity and p.name.lower().endswith(" " + tail)]
        if not owners and " " not in tail and not is_first_name(entity.name):
            # 'Xi' after 'Xi Jinping': where the family name comes first, the first word is the surname
            owners = [p for p in people if p.name.lower().startswith(tail + " ")]
        if len(owners) == 1 and (key[0] == "PER" or not entity.aliases):
            owners[0].mentions += entity.mentions
            owners[0].role = owners[0].role or entity.role
            del groups[key]


def initials(name: str) -> str:
    """'Federal Emergency Management Agency' → 'FEMA'; 'North Atlantic Treaty Organization' → 'NATO'."""
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w[:1].isupper())


def _merge_abbreviations(groups: dict) -> None:
    """'FEMA' joins 'Federal Emergency Management Agency' when both are in the article."""
    long_forms = {}
    for (kind, _), entity in groups.items():
        if kind in ("ORG", "MISC") and " " in entity.name and len(initials(entity.name)) >= 2:
            long_forms.setdefault(initials(entity.name), entity)
    for key, entity in list(groups.items()):
        target = long_forms.get(entity.name) if entity.name.isupper() and " " not in entity.name else None
        if target is not None and target is not entity:
            target.mentions += entity.mentions
            target.aliases.append(entity.name)
            del groups[key]


def _looks_like_a_name(name: str, kind: str) -> bool:
    """Refuse what the model labels but no editor would: 'debris pickup', 'EF-3', 'Ward 7', 'Rear Adm',
    'Nelson Road'."""
    if not name[:1].isupper() and not name[:1].isdigit():
        return False
    if kind != "PER" and any(c.isdigit() for c in name):
        return False
    if name.isdigit() or PLACE_FEATURE.search(name):
        return False
    only_title = TITLES.match(name.rstrip(".") + " ")
    return not (only_title and only_title.end() >= len(name.rstrip(".")))


def _drop_stray_words(groups: dict, text: str) -> None:
    """A one-word 'person' with no first name and no title, or a one-word name seen only where any
    word is capitalised (starting a sentence: 'Turnout was low'), is not a subject."""
    for key, entity in list(groups.items()):
        if " " in entity.name or entity.name.isupper() or entity.type == "MISC":
            continue
        lone_person = entity.type == "PER" and not entity.role
        only_at_starts = all(SENTENCE_START.search(text[max(0, start - 3):start]) for start, _ in entity.mentions)
        if lone_person or only_at_starts:
            del groups[key]

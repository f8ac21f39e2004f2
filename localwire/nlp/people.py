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

TITLES = re.compile(
    r"^(?:(?:U\.S\.|former|acting|interim|then-|deputy|vice|chief|senior|state|federal|city|county|fire|police)\s+)*"
    r"(?:president|prime minister|premier|chancellor|king|queen|prince|princess|pope|gov\.?|governor|mayor|sen\.?|"
    r"senator|rep\.?|representative|secretary(?: of [A-Z][a-z]+)?|minister(?: of [A-Z][a-z]+)?|foreign minister|"
    r"chief|director|spokesperson|spokesman|spokeswoman|commissioner|judge|justice|gen\.?|general|col\.?|colonel|"
    r"lt\.?|sgt\.?|adm\.?|rear adm\.?|coach|dr\.?|council member|councilman|councilwoman|superintendent|"
    r"sheriff|ceo|chairman|chairwoman|chair|leader)\s+",
    re.I,
)
CONTRIBUTOR = re.compile(r"([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3})(?:\s+of\s+[^.]{1,60})?\s+contributed to this report")
PHOTO_CREDIT = re.compile(r"\((?:[A-Z]{1,6}\s+)?Photo(?:graph)?\s*/\s*([^,)]+)", re.I)
KINDS = {"PER": "person", "ORG": "organisation", "MISC": "group", "LOC": "place"}
# A name ending in one of these is a street or a feature of the land, not a person or an organisation.
PLACE_FEATURE = re.compile(
    r"\b(?:road|rd\.?|street|st\.|avenue|ave\.?|boulevard|blvd\.?|drive|lane|highway|hwy\.?|freeway|"
    r"interstate|canyon|range|river|creek|lake|mountains?|mall|bridge|bay|valley|island|peninsula)$", re.I)
SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|\n\s*|[\"“‘]\s*)$")


@dataclass
class ArticleEntity:
    name: str
    kind: str  # person, organisation, group, place
    type: str  # PER, ORG, MISC, LOC (CoNLL-style)
    slug: str
    role: str = ""
    salience: float = 0.0
    mentions: list[tuple[int, int]] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)  # other names of it in this article ("FEMA")


def not_subjects(text: str, authors: list[str], publisher: str = "", agency: str = "") -> set[str]:
    """Names that appear in the article without being what it is about."""
    names = {a.lower() for a in authors}
    names |= {m.group(1).lower() for m in CONTRIBUTOR.finditer(text)}
    names |= {m.group(1).strip().lower() for m in PHOTO_CREDIT.finditer(text)}
    names |= {n.lower() for n in (publisher, agency) if n}
    return names


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


def canonical_entities(text: str, title: str, mentions: list[Entity], *, excluded: set[str] = frozenset(),
                       limit: int = 20, place_name=None, demonym=None) -> list[ArticleEntity]:
    """``place_name(name)`` and ``demonym(word)`` come from the gazetteer: a 'person' named
    Nur-Sultan is a city, an 'organisation' named Kazakh is a group of people."""
    groups: dict[tuple[str, str], ArticleEntity] = {}
    first_paragraph_end = text.find("\n\n") if "\n\n" in text else len(text)
    for mention in mentions:
        if mention.type == "LOC":
            continue  # places are resolved by the gazetteer, not listed as names
        if mention.type == "MISC" and mention.label not in ("", "NORP"):
            continue  # events, laws and products are not channels; nationalities and groups are
        name, role = split_title(" ".join(mention.text.split()).strip(" ,.'’\"").removesuffix("'s"))
        if name.lower().startswith("the "):
            name = name[4:]
        if mention.type == "PER" and not role:
            role = title_before(text, mention.start)
        if len(name) < 2 or name.lower() in excluded or not _looks_like_a_name(name, mention.type):
            continue
        kind = mention.type
        if " " not in name and demonym is not None and demonym(name):
            kind = "MISC"  # 'Kazakh' is a people, even where a town of that name exists
        elif place_name is not None and place_name(name):
            continue  # a place the model took for a name; places come from the gazetteer
        key = (kind, name.lower())
        entity = groups.get(key) or groups.setdefault(
            key, ArticleEntity(name, KINDS[kind], kind, slugify(name)[:100]))
        entity.role = entity.role or role
        entity.mentions.append((mention.start, mention.end))
    _merge_surnames(groups)
    _merge_abbreviations(groups)
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


def _merge_surnames(groups: dict) -> None:
    """A lone 'Abenov' joins the one person whose full name ends in it."""
    people = [e for (kind, _), e in groups.items() if kind == "PER"]
    for key, entity in list(groups.items()):
        if key[0] != "PER" or " " in entity.name:
            continue
        owners = [p for p in people if p is not entity and " " in p.name
                  and p.name.split()[-1].lower() == entity.name.lower()]
        if len(owners) == 1:
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

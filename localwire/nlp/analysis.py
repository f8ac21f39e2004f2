"""What the analyser says about one article, as frozen dataclasses with a lossless JSON form.

The JSON form (``Analysis.to_json``) is the contract: ``localwire analyze`` prints it, and it is the
shape every analysis has had, so nothing that reads it changes. Inside Localwire the typed objects
travel instead: a consumer reads ``analysis.places[0].slug`` rather than ``row.get("slug", "")``,
and the defaults for keys an older or hand-written analysis leaves out live once, in
``Analysis.from_json``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from localwire.nlp.spans import Offsets


@dataclass(frozen=True)
class DatelineHit:
    """The dateline as written: "LITTLE ROCK, Ark., Jan 9 (AP) —" → Little Rock, Ark., Jan 9, AP."""

    city: str
    region: str = ""
    date: str = ""
    agency: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"city": self.city, "region": self.region, "date": self.date, "agency": self.agency}

    @classmethod
    def from_json(cls, row: dict[str, Any]) -> DatelineHit:
        return cls(row["city"], row.get("region") or "", row.get("date") or "", row.get("agency") or "")


@dataclass(frozen=True)
class TopicHit:
    """One IPTC Media Topic and the channel it files the article under."""

    code: str
    label: str
    channel: str
    score: float

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "label": self.label, "channel": self.channel, "score": self.score}

    @classmethod
    def from_json(cls, row: dict[str, Any]) -> TopicHit:
        return cls(row["code"], row["label"], row["channel"], row["score"])


@dataclass(frozen=True)
class Subject:
    """The canonical thing a mention names, when the article is about it (not a byline, not a credit)."""

    name: str
    kind: str  # person, organisation, group, place
    slug: str
    role: str = ""
    salience: float = 0.0
    aliases: tuple[str, ...] = ()  # other names of it in this article ("FEMA")
    country: str = ""  # ISO code for a generic organisation ("Senate" of "KZ")

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "slug": self.slug, "role": self.role,
                "salience": self.salience, "aliases": list(self.aliases), "country": self.country}

    @classmethod
    def from_json(cls, row: dict[str, Any]) -> Subject:
        return cls(row.get("name") or "", row.get("kind") or "", row.get("slug") or "", row.get("role") or "",
                   row.get("salience", 0.0), tuple(row.get("aliases") or ()), row.get("country") or "")


@dataclass(frozen=True)
class EntityHit:
    """One mention the model found, with its offsets; ``subject`` is set for mentions of a subject."""

    text: str
    type: str  # PER, ORG, LOC or MISC
    start: int
    end: int
    subject: Subject | None = None

    def to_json(self) -> dict[str, Any]:
        row = {"text": self.text, "type": self.type, "start": self.start, "end": self.end}
        return {**row, **self.subject.to_json()} if self.subject is not None else row

    @classmethod
    def from_json(cls, row: dict[str, Any]) -> EntityHit:
        named = any(key in row for key in ("name", "kind", "slug"))
        return cls(row["text"], row["type"], row["start"], row["end"], Subject.from_json(row) if named else None)


@dataclass(frozen=True)
class PlaceHit:
    """A place the article names, resolved in the gazetteer, with every mention of it."""

    name: str
    kind: str  # city, county, region, country, continent
    country_code: str
    admin1_code: str
    lat: float | None
    lon: float | None
    geonameid: int | None
    role: str  # "dateline" or "mentioned"
    salience: float = 0.0
    description: str = ""  # 'City in Arkansas, United States'
    slug: str = ""  # readable ('springfield-il-us'); empty in an analysis made before slugs
    mentions: tuple[Offsets, ...] = ()

    def to_json(self) -> dict[str, Any]:
        first = self.mentions[0] if self.mentions else None
        return {"name": self.name, "kind": self.kind, "country_code": self.country_code,
                "admin1_code": self.admin1_code, "lat": self.lat, "lon": self.lon, "geonameid": self.geonameid,
                "role": self.role, "salience": self.salience, "description": self.description, "slug": self.slug,
                "start": first.start if first else None, "end": first.end if first else None,
                "mentions": [list(span) for span in self.mentions]}

    @classmethod
    def from_json(cls, row: dict[str, Any]) -> PlaceHit:
        return cls(row["name"], row["kind"], row.get("country_code") or "", row.get("admin1_code") or "",
                   row.get("lat"), row.get("lon"), row.get("geonameid") or None, row["role"],
                   row.get("salience", 0.0), row.get("description") or "", row.get("slug") or "",
                   tuple(Offsets(*span) for span in row.get("mentions") or ()))


@dataclass(frozen=True)
class Analysis:
    """Everything understood about one article, stamped with the analyser that made it.

    ``note`` says why an article was not analysed (a language without a model); it is left out of
    the JSON when empty, as it always was."""

    language: str
    analyzer_version: str
    dateline: DatelineHit | None = None
    topics: tuple[TopicHit, ...] = ()
    entities: tuple[EntityHit, ...] = ()
    places: tuple[PlaceHit, ...] = ()
    keyphrases: tuple[str, ...] = ()
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        row = {"language": self.language, "dateline": self.dateline.to_json() if self.dateline else None,
               "topics": [t.to_json() for t in self.topics], "entities": [e.to_json() for e in self.entities],
               "places": [p.to_json() for p in self.places], "keyphrases": list(self.keyphrases),
               "analyzer_version": self.analyzer_version}
        return {**row, "note": self.note} if self.note else row

    @classmethod
    def from_json(cls, row: dict[str, Any]) -> Analysis:
        dateline = row.get("dateline")
        return cls(language=row.get("language") or "", analyzer_version=row.get("analyzer_version") or "",
                   dateline=DatelineHit.from_json(dateline) if dateline else None,
                   topics=tuple(TopicHit.from_json(t) for t in row.get("topics") or ()),
                   entities=tuple(EntityHit.from_json(e) for e in row.get("entities") or ()),
                   places=tuple(PlaceHit.from_json(p) for p in row.get("places") or ()),
                   keyphrases=tuple(row.get("keyphrases") or ()), note=row.get("note") or "")

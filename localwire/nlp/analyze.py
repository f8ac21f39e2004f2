"""One article in, everything Localwire understands about it out, as an ``Analysis`` (``analysis.py``).

Order matters: language first (non-English text skips the English models),
the dateline before the model reads the text, entities before places and tags.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from localwire.nlp.analysis import Analysis, DatelineHit, EntityHit, PlaceHit, Subject, TopicHit
from localwire.nlp.credits import credit_regions, in_credit, not_subjects
from localwire.nlp.datelines import parse_dateline
from localwire.nlp.entities import MODEL_PACKAGE, read_batch
from localwire.nlp.gazetteer import gazetteer, norm
from localwire.nlp.keyphrases import keyphrases
from localwire.nlp.language import detect_language
from localwire.nlp.people import canonical_entities
from localwire.nlp.places import article_places, describe, place_slug
from localwire.nlp.resolve import resolve_city
from localwire.nlp.spans import Offsets
from localwire.nlp.tag_article import Named
from localwire.nlp.topics import topic_model

ANALYZER_VERSION = f"lw-understand-3+{MODEL_PACKAGE}-3.8.0"


@dataclass
class ArticleInput:
    title: str
    text: str
    url: str = ""
    publisher: str = ""
    authors: tuple[str, ...] = ()
    agency: str = ""
    language: str = ""
    home: str = ""  # the publisher's home area: "Little Rock, Ark." or "geonames:4119403"
    captions: tuple[str, ...] = ()  # photo captions, read after the text (see full_text)


def full_text(article: ArticleInput) -> str:
    """What the analyser reads: the text, then each caption as its own paragraph after a blank line.
    Every offset in an analysis indexes into this string (the text's own offsets are unchanged)."""
    captions = [" ".join(c.split()) for c in article.captions if c and c.strip()]
    return "\n\n".join([article.text, *captions]) if captions else article.text


def analyze_batch(articles: list[ArticleInput]) -> list[Analysis]:
    languages = [detect_language(f"{a.title}. {a.text}", a.language) for a in articles]
    english = [i for i, lang in enumerate(languages) if lang.code == "en"]
    readings = dict(zip(english, read_batch([full_text(articles[i]) for i in english])))
    results = []
    for i, article in enumerate(articles):
        code = languages[i].code
        if i in readings:
            results.append(_understand(article, readings[i], code))
        else:
            results.append(Analysis(language=code, analyzer_version=ANALYZER_VERSION,
                                    note=f"not analysed: language {code or 'unknown'} has no model yet"))
    return results


def _understand(article: ArticleInput, reading, language: str) -> Analysis:
    text, title, mentions = full_text(article), article.title, reading.entities
    dateline = parse_dateline(text)
    credits = credit_regions(text)  # read once: for the names in them, then for the mentions inside
    excluded = not_subjects(text, list(article.authors), article.publisher, article.agency, credits)
    if dateline and dateline.agency:
        excluded.add(dateline.agency.lower())
    subjects = [m for m in mentions if not in_credit(credits, m.start, m.end)]  # not "Jim Heintz in Moscow"
    places_index = gazetteer()
    home = resolve_home(article.home)
    places = article_places(text, title, subjects, dateline, places_index, home=home, skip=credits)
    entities = canonical_entities(text, title, subjects, excluded=excluded, place_name=places_index.is_place_name,
                                  demonym=places_index.is_demonym, country=article_country(places, home),
                                  town=article_town(places))
    by_span = {span: e for e in entities for span in e.mentions}
    model = topic_model()
    tags = keyphrases(title, reading.phrases, [Named(e.name, e.kind, len(e.mentions)) for e in entities
                                               if e.type != "PER"],
                      model.idf_table(), excluded=excluded, names=[m.text for m in mentions], text=text,
                      publisher=article.publisher)
    return Analysis(
        language=language, analyzer_version=ANALYZER_VERSION,
        dateline=DatelineHit(dateline.city, dateline.region, dateline.date, dateline.agency) if dateline else None,
        topics=tuple(TopicHit(t.code, t.label, t.channel, t.score) for t in model.classify(title, article.text)),
        entities=tuple(_entity_hit(m, by_span.get((m.start, m.end))) for m in mentions),
        places=tuple(_place_hit(p, places_index) for p in places),
        keyphrases=tuple(tags),
    )


def _place_hit(found, places_index) -> PlaceHit:
    place = found.place
    return PlaceHit(place.name, place.kind, place.country_code, place.admin1_code, place.lat, place.lon,
                    place.geonameid or None, found.role, found.salience, describe(place, places_index),
                    place_slug(place, places_index), tuple(Offsets(*span) for span in found.mentions))


def article_country(places, home) -> str:
    """The country an article is about: its dateline's, else its most salient place's, else its publisher's."""
    ranked = sorted(places, key=lambda p: (p.role != "dateline", -p.salience))
    found = next((p.place.country_code for p in ranked if p.place.country_code), "")
    return found or (home.country_code if home is not None else "")


def article_town(places) -> str:
    """The town an article is set in: its dateline's, else a town it is mostly about (none for a
    story that only passes through towns)."""
    towns = [p for p in places if p.place.kind == "city" and (p.role == "dateline" or p.salience >= 0.5)]
    towns.sort(key=lambda p: (p.role != "dateline", -p.salience))
    return towns[0].place.name if towns else ""


@lru_cache(maxsize=1024)
def resolve_home(home: str):
    """A publisher's home as a place; a bare or unknown name gives None rather than a guess."""
    if home.startswith("geonames:"):
        return gazetteer().by_id.get(int(home.split(":", 1)[1])) if home[9:].isdigit() else None
    name, _, qualifier = (part.strip() for part in home.partition(","))
    qualifier = qualifier.split(",")[0].strip()
    town = resolve_city(gazetteer(), name, qualifier) if name and qualifier else None
    return town if town is not None and not _namesake_fits(town, qualifier) else None


def _namesake_fits(town, qualifier: str) -> bool:
    """Whether another town of the same name fits the qualifier as well: "Springfield, US" is twenty
    towns, and picking the largest would file a Springfield, Illinois paper's news under Missouri."""
    g = gazetteer()
    state = g.us_state(qualifier)
    return any(other.geonameid != town.geonameid and norm(other.name) == norm(town.name)
               and other.country_code == town.country_code
               and (state is None or other.admin1_code == town.admin1_code)
               for other in g.candidates(town.name))


def _entity_hit(mention, entity) -> EntityHit:
    """A mention with its offsets; mentions of a subject also carry the canonical entity."""
    subject = None if entity is None else Subject(entity.name, entity.kind, entity.slug, entity.role,
                                                  entity.salience, tuple(entity.aliases), entity.country)
    return EntityHit(mention.text, mention.type, mention.start, mention.end, subject)

"""Writes an article's analysis as channel links: the one place understanding reaches the database."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from localwire.channels.models import ArticleChannel, Channel, ChannelAlias

ENTITY_KINDS = {"person": Channel.Kind.PERSON, "organisation": Channel.Kind.ORGANISATION,
                "group": Channel.Kind.GROUP}


def place_slug(place: dict) -> str:
    """Cities and states need their country (and state) to be unique: springfield-il-us."""
    parts = [place["name"]]
    if place["kind"] == "city":
        parts += [place.get("admin1_code") or "", place.get("country_code") or ""]
    elif place["kind"] == "region":
        parts.append(place.get("country_code") or "")
    return slugify("-".join(p for p in parts if p))[:120] or "place"


def channel(kind: str, slug: str, name: str, **fields) -> Channel:
    slug = slug[:120] or "unnamed"
    alias = ChannelAlias.objects.filter(kind=kind, slug=slug).select_related("channel").first()
    if alias is not None:
        return alias.channel  # an operator merged this name into another channel
    try:
        with transaction.atomic():
            found, _ = Channel.objects.get_or_create(kind=kind, slug=slug, defaults={"name": name[:200], **fields})
    except IntegrityError:  # another worker created it between our read and write
        found = Channel.objects.get(kind=kind, slug=slug)
    return found


def _person_by_surname(surname: str) -> Channel | None:
    """'Abenov' alone is the one known person named '… Abenov', if there is exactly one."""
    matches = list(Channel.objects.filter(kind=Channel.Kind.PERSON, name__iendswith=f" {surname}")[:2])
    return matches[0] if len(matches) == 1 else None


def _links(analysis: dict) -> list[tuple[Channel, str, float]]:
    links = []
    for topic in analysis.get("topics", []):
        links.append((channel(Channel.Kind.TOPIC, slugify(topic["channel"]), topic["channel"],
                              code=topic["code"], description=topic["label"]),
                      ArticleChannel.Relation.TOPIC, topic["score"]))
    people: dict[tuple[str, str], tuple[str, float]] = {}
    for entity in analysis.get("entities", []):
        kind = ENTITY_KINDS.get(entity.get("kind", ""))
        if kind and entity.get("slug"):
            key = (kind, entity["slug"])
            people[key] = (entity["name"], max(entity.get("salience", 0.0), people.get(key, ("", 0.0))[1]))
    for (kind, slug), (name, salience) in people.items():
        known = _person_by_surname(name) if kind == Channel.Kind.PERSON and " " not in name else None
        links.append((known or channel(kind, slug, name), ArticleChannel.Relation.SUBJECT, salience))
    for place in analysis.get("places", []):
        kind = {"city": Channel.Kind.CITY, "region": Channel.Kind.REGION, "country": Channel.Kind.COUNTRY}[place["kind"]]
        links.append((channel(kind, place_slug(place), place["name"], country_code=place.get("country_code") or "",
                              admin1_code=place.get("admin1_code") or "", lat=place.get("lat"), lon=place.get("lon"),
                              code=str(place.get("geonameid") or "")),
                      place["role"], place.get("salience", 0.0)))
    phrases = analysis.get("keyphrases", [])
    for rank, phrase in enumerate(phrases):
        links.append((channel(Channel.Kind.TAG, slugify(phrase), phrase), ArticleChannel.Relation.TAG,
                      round(1.0 - rank / max(len(phrases), 1), 3)))
    return links


def store_analysis(article, analysis: dict) -> None:
    """Replace the article's links with this analysis's (re-analysis is idempotent)."""
    links = _links(analysis)
    with transaction.atomic():
        ArticleChannel.objects.filter(article=article).delete()
        seen = set()
        rows = []
        for rank, (found, relation, score) in enumerate(links):
            if found.pk in seen:
                continue
            seen.add(found.pk)
            rows.append(ArticleChannel(article=article, channel=found, relation=relation, score=score, rank=rank))
        ArticleChannel.objects.bulk_create(rows)
        type(article).objects.filter(pk=article.pk).update(
            keyphrases=analysis.get("keyphrases", []), analysis_version=analysis.get("analyzer_version", ""),
            analyzed_at=timezone.now(), analysis_note=(analysis.get("note") or "")[:300],
            language=analysis.get("language") or article.language,
        )

"""Writes an article's analysis as channel links: the one place understanding reaches the database."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from localwire.articles import pending
from localwire.channels.actions import merge_channels
from localwire.channels.models import ENTITY_KINDS, PLACE_KINDS, ArticleChannel, Channel, ChannelAlias
from localwire.channels.successors import note_moves
from localwire.nlp.analysis import Analysis, PlaceHit

ENTITY_KIND_OF = {kind.value: kind for kind in ENTITY_KINDS}  # the analysis's word → the channel kind


PLACE_KIND_OF = {kind.value: kind for kind in PLACE_KINDS}


def place_slug(place: PlaceHit) -> str:
    """The analysis's own slug ('almaty-kz', 'springfield-il-us', made with the gazetteer, which
    knows which names repeat); an analysis from before places had slugs gets the old form."""
    return place.slug or legacy_place_slug(place)


def legacy_place_slug(place: PlaceHit) -> str:
    """The slug places had before they were readable: cities carry GeoNames' admin1 code, which
    outside the US is a number ('almaty-02-kz'). Kept so that old addresses redirect."""
    parts = [place.name]
    if place.kind in ("city", "county"):
        parts += [place.admin1_code, place.country_code]
    elif place.kind == "region":
        parts.append(place.country_code)
    return slugify("-".join(p for p in parts if p))[:120] or "place"


def _keep_old_address(kind: str, slug: str, legacy: str, found: Channel, created: bool) -> None:
    """When a place channel is made under its readable slug, the channel stored under its old slug
    (if any) joins it, articles and follows with it, and the old slug becomes an alias, so
    `/c/city/almaty-02-kz/` redirects to `/c/city/almaty-kz/`."""
    if legacy == slug or not created:
        return  # a channel found under its new slug had its old one settled when it was made
    earlier = Channel.objects.filter(kind=kind, slug=legacy).first()
    if earlier is not None:
        merge_channels(earlier, found, by="store: readable place slug")
    else:
        ChannelAlias.objects.get_or_create(kind=kind, slug=legacy, defaults={"channel": found})


def channel(kind: str, slug: str, name: str, **fields) -> Channel:
    return _get_channel(kind, slug, name, fields)[0]


def _get_channel(kind: str, slug: str, name: str, fields: dict, known: dict | None = None) -> tuple[Channel, bool]:
    """The channel for a name, and whether it was made now. ``known`` holds channels and aliases
    already read for this analysis (see ``_prefetch``), so most links cost no query."""
    slug = slug[:120] or "unnamed"
    if known is not None and (kind, slug) in known:
        found, created = known[(kind, slug)], False
    else:
        alias = ChannelAlias.objects.filter(kind=kind, slug=slug).select_related("channel").first()
        if alias is not None:
            return alias.channel, False  # an operator merged this name into another channel
        try:
            with transaction.atomic():
                found, created = Channel.objects.get_or_create(kind=kind, slug=slug,
                                                               defaults={"name": name[:200], **fields})
        except IntegrityError:  # another worker created it between our read and write
            found, created = Channel.objects.get(kind=kind, slug=slug), False
    if fields.get("description") and not found.description:
        Channel.objects.filter(pk=found.pk).update(description=fields["description"])
        found.description = fields["description"]
    return found, created


def _prefetch(keys: set[tuple[str, str]]) -> dict[tuple[str, str], Channel]:
    """Every channel and alias an analysis names, in two queries."""
    slugs = {slug[:120] for _, slug in keys}
    known = {(c.kind, c.slug): c for c in Channel.objects.filter(slug__in=slugs) if (c.kind, c.slug) in keys}
    for alias in ChannelAlias.objects.filter(slug__in=slugs).select_related("channel"):
        if (alias.kind, alias.slug) in keys:
            known[(alias.kind, alias.slug)] = alias.channel
    return known


def _person_by_surname(surname: str) -> Channel | None:
    """'Abenov' alone is the one known person named '… Abenov', if there is exactly one."""
    matches = list(Channel.objects.filter(kind=Channel.Kind.PERSON, surname=surname.lower())[:2])
    return matches[0] if len(matches) == 1 else None


def _absorb_other_names(found: Channel, name: str, aliases: list[str]) -> None:
    """Corpus-wide canonical names: an earlier channel for 'Abenov' (titled, before the full name was
    seen) or for 'FEMA' joins 'Serik Abenov' / 'Federal Emergency Management Agency', and keeps
    pointing there."""
    # A surname only joins a person it already belongs to; it never becomes an alias of its own,
    # since the next "Smith" may be someone else. An abbreviation the article spelled out does.
    surname = name.split()[-1] if found.kind == Channel.Kind.PERSON and " " in name else ""
    if surname and _person_by_surname(surname) == found:
        earlier = Channel.objects.filter(kind=found.kind, slug=slugify(surname)).first()
        if earlier is not None and earlier != found:
            merge_channels(earlier, found, by="store")
    for slug in (slugify(a)[:120] for a in aliases):
        if not slug or slug == found.slug:
            continue
        earlier = Channel.objects.filter(kind=found.kind, slug=slug).first()
        if earlier is not None:
            merge_channels(earlier, found, by="store")
        else:
            ChannelAlias.objects.get_or_create(kind=found.kind, slug=slug, defaults={"channel": found})


def _specs(analysis: Analysis) -> list[tuple[str, str, str, dict, str, float, dict]]:
    """(kind, slug, name, fields, relation, score, extra) for every link the analysis asks for."""
    specs = [(Channel.Kind.TOPIC, slugify(topic.channel), topic.channel,
              {"code": topic.code, "description": topic.label}, ArticleChannel.Relation.TOPIC, topic.score, {})
             for topic in analysis.topics]
    named = _subjects(analysis)
    countries = {p.country_code: p.name for p in analysis.places if p.kind == "country"}
    for (kind, slug), row in named.items():
        # A generic organisation's country says which one it is: "Senate" — Kazakhstan.
        description = row["role"] or countries.get(row["country"], row["country"])
        specs.append((kind, slug, row["name"], {"description": description[:200], "country_code": row["country"]},
                      ArticleChannel.Relation.SUBJECT, row["salience"], row))
    for place in analysis.places:
        specs.append((PLACE_KIND_OF[place.kind], place_slug(place), place.name,
                      {"country_code": place.country_code, "admin1_code": place.admin1_code,
                       "lat": place.lat, "lon": place.lon, "code": str(place.geonameid or ""),
                       "description": place.description},
                      place.role, place.salience, {"legacy_slug": legacy_place_slug(place)}))
    phrases = _tags_not_named(list(analysis.keyphrases), named)
    for rank, phrase in enumerate(phrases):
        specs.append((Channel.Kind.TAG, slugify(phrase), phrase, {}, ArticleChannel.Relation.TAG,
                      round(1.0 - rank / max(len(phrases), 1), 3), {}))
    return specs


def _subjects(analysis: Analysis) -> dict[tuple[str, str], dict]:
    """One row per subject the analysis names (its mentions folded), at its highest salience."""
    named: dict[tuple[str, str], dict] = {}
    for entity in analysis.entities:
        subject = entity.subject
        kind = ENTITY_KIND_OF.get(subject.kind) if subject is not None else None
        if kind and subject.slug:
            row = named.setdefault((kind, subject.slug), {"name": subject.name, "salience": 0.0,
                                                          "role": subject.role, "aliases": list(subject.aliases),
                                                          "country": subject.country})
            row["salience"] = max(row["salience"], subject.salience)
    return named


def _tags_not_named(phrases: list[str], named: dict[tuple[str, str], dict]) -> list[str]:
    """A tag is a phrase to follow; a person, organisation or group is a name to follow. Where an
    analysis has both for one name ("Senate" the tag, ``senate-kz`` the organisation), the entity
    wins and the tag is dropped, so no tag shares a slug or a name with an entity channel."""
    taken = {slug for _, slug in named} | {slugify(row["name"]) for row in named.values()}
    return [phrase for phrase in phrases if slugify(phrase) not in taken]


def _links(analysis: Analysis) -> list[tuple[Channel, str, float]]:
    specs = _specs(analysis)
    known = _prefetch({(kind, slug[:120] or "unnamed") for kind, slug, *_ in specs})
    links = []
    for kind, slug, name, fields, relation, score, extra in specs:
        lone_surname = kind == Channel.Kind.PERSON and " " not in name
        found = _person_by_surname(name) if lone_surname else None
        created = False
        if found is None:
            found, created = _get_channel(kind, slug, name, fields, known)
        if "legacy_slug" in extra:
            _keep_old_address(kind, slug[:120], extra["legacy_slug"], found, created)
        elif extra and (created or extra.get("aliases")):
            _absorb_other_names(found, name, extra.get("aliases") or [])
        links.append((found, relation, score))
    return links


def store_analysis(article, analysis: Analysis) -> set[int]:
    """Replace the article's links with this analysis's (re-analysis is idempotent).

    Returns the ids of channels the article left for a successor (see ``successors``), which the
    caller settles once the batch is stored."""
    links = _links(analysis)
    with transaction.atomic():
        # A contributor's post keeps its link to the author's channel: no analysis makes that link.
        found_links = ArticleChannel.objects.filter(article=article).exclude(channel__kind=Channel.Kind.CONTRIBUTOR)
        before = [link.channel for link in found_links.select_related("channel")]
        moved = note_moves(before, [found for found, _, _ in links]) if before else set()
        found_links.delete()
        seen = set()
        rows = []
        for rank, (found, relation, score) in enumerate(links):
            if found.pk in seen:
                continue
            seen.add(found.pk)
            rows.append(ArticleChannel(article=article, channel=found, relation=relation, score=score, rank=rank))
        ArticleChannel.objects.bulk_create(rows)
        type(article).objects.filter(pk=article.pk).update(
            keyphrases=list(analysis.keyphrases), analysis_version=analysis.analyzer_version,
            analyzed_at=timezone.now(), analysis_note=analysis.note[:300],
            language=analysis.language or article.language,
        )
        pending.mark(pending.Step.PAGE, [article.pk])  # its chips and related stories follow the new links
    return moved

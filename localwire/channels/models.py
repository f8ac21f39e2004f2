"""Channels: every topic, person, organisation, place and tag a reader can open and follow."""

from __future__ import annotations

from django.db import models
from django.urls import reverse


class Channel(models.Model):
    class Kind(models.TextChoices):
        TOPIC = "topic", "Topic"
        PERSON = "person", "Person"
        ORGANISATION = "organisation", "Organisation"
        GROUP = "group", "Group"
        CITY = "city", "City"
        COUNTY = "county", "County"
        REGION = "region", "State or region"
        COUNTRY = "country", "Country"
        CONTINENT = "continent", "Continent"
        TAG = "tag", "Tag"
        CONTRIBUTOR = "contributor", "Contributor"  # a contributor readers follow (contributors/)

    kind = models.CharField(max_length=20, choices=Kind.choices)
    slug = models.SlugField(max_length=120)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    code = models.CharField(max_length=40, blank=True)  # IPTC code or GeoNames id
    country_code = models.CharField(max_length=2, blank=True)
    admin1_code = models.CharField(max_length=20, blank=True)
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children")
    # A person's last name, lower-cased, so "Abenov" alone finds "Serik Abenov" by index, not by a scan.
    surname = models.CharField(max_length=100, blank=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "slug"], name="channel_unique_slug_per_kind")]
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.surname = surname_of(self.name) if self.kind == self.Kind.PERSON else ""
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        if self.kind == self.Kind.CONTRIBUTOR:  # a contributor's page is their profile
            return reverse("contributor", kwargs={"slug": self.slug})
        return reverse("channel", kwargs={"kind": self.kind, "slug": self.slug})


def surname_of(name: str) -> str:
    """'Serik Abenov' → 'abenov'; a one-word name has no surname to be found by."""
    words = name.split()
    return words[-1].lower()[:100] if len(words) > 1 else ""


# The kinds of channel that are places, and those that are people or bodies: one definition for
# every query, page and endpoint that treats them together.
PLACE_KINDS = (Channel.Kind.CITY, Channel.Kind.COUNTY, Channel.Kind.REGION, Channel.Kind.COUNTRY,
               Channel.Kind.CONTINENT)
ENTITY_KINDS = (Channel.Kind.PERSON, Channel.Kind.ORGANISATION, Channel.Kind.GROUP)


class ArticleChannel(models.Model):
    """Why an article belongs to a channel, and how strongly (0–1)."""

    class Relation(models.TextChoices):
        TOPIC = "topic", "Topic"
        SUBJECT = "subject", "About"
        DATELINE = "dateline", "Dateline"
        MENTIONED = "mentioned", "Mentioned"
        TAG = "tag", "In this article"

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="channel_links")
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="article_links")
    relation = models.CharField(max_length=20, choices=Relation.choices)
    score = models.FloatField(default=0.0)
    rank = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "channel"], name="article_channel_once")]
        indexes = [models.Index(fields=["channel", "-score"]),
                   # a channel's newest links: its size among the site's newest, its newest articles
                   models.Index(fields=["channel", "-article"], name="channel_link_newest")]
        ordering = ["rank"]


class ChannelAlias(models.Model):
    """Another name an operator merged into a channel: analyses and links under it land on the target."""

    kind = models.CharField(max_length=20, choices=Channel.Kind.choices)
    slug = models.SlugField(max_length=120)
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="aliases")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "slug"], name="alias_unique_slug_per_kind")]

    def __str__(self) -> str:
        return f"{self.kind}/{self.slug} → {self.channel}"


class ChannelMove(models.Model):
    """Articles a re-analysis took from one channel to another ('Senate' → 'US Senate', 'Almaty'
    under a new slug), counted, so a channel the new analyser no longer uses sends its readers on."""

    source = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="moves_out")
    target = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="moves_in")
    articles = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "target"], name="channel_move_once")]

    def __str__(self) -> str:
        return f"{self.source} → {self.target} ({self.articles})"


class ChannelNeighbours(models.Model):
    """A channel page's related channels as last worked out (``neighbours.py``): kept with the
    channel and refreshed hourly by the crawl tick, so no reader waits for the counting."""

    channel = models.OneToOneField(Channel, primary_key=True, on_delete=models.CASCADE, related_name="neighbours")
    ids = models.JSONField(default=list)  # channel ids, most related first
    computed_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"neighbours of {self.channel_id}"

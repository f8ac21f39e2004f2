"""Read side of published posts: which articles are contributors' posts, and by whom.

Lists set ``article.contributor_ref`` on a whole page in one query (``attach_contributors``,
registered with ``articles.bylines``), so a card or an API row names the contributor and their
label without a query of its own. An article that is no post keeps the class default, None.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse

from localwire.articles.models import Article
from localwire.caching.results import cached_result, forget_result
from localwire.channels.models import Channel
from localwire.contributors.models import Contributor, Post, PostRevision
from localwire.sources.models import Publisher

HOUSE_SLUG = "community-contributors"  # the one publisher of every post's article (``publish.house_publisher``)
HOUSE_KEPT_SECONDS = 60  # as long as a kept page: its id only changes if an operator deletes it
HOUSE_KEY = "lw:contributors:house-publisher"


@dataclass(frozen=True)
class ContributorRef:
    """What a card, a page or the API shows of a post's author."""

    slug: str
    name: str
    label: str  # the value, e.g. "community_voice"
    label_name: str  # what pages show, e.g. "Community Voice"

    @property
    def url(self) -> str:
        return reverse("contributor", kwargs={"slug": self.slug})

    @property
    def kind_line(self) -> str:
        """"Contributor · Community Voice": where a publisher's article shows its publisher."""
        return f"Contributor · {self.label_name}"


@dataclass(frozen=True)
class Correction:
    made_at: datetime
    note: str


def ref_of(contributor: Contributor) -> ContributorRef:
    return ContributorRef(slug=contributor.slug, name=contributor.name, label=contributor.label,
                          label_name=contributor.get_label_display())


def contributors_by_article(article_ids) -> dict[int, ContributorRef]:
    """The author of each article that is a contributor's post, in one query."""
    rows = (Post.objects.filter(article_id__in=list(article_ids))
            .values_list("article_id", "contributor__slug", "contributor__name", "contributor__label"))
    labels = dict(Contributor.Label.choices)
    return {article_id: ContributorRef(slug, name, label, labels.get(label, label))
            for article_id, slug, name, label in rows}


def attach_contributors(articles: list[Article]) -> list[Article]:
    """Sets ``contributor_ref`` on each article of a page that is a contributor's post. Only the
    house publisher's articles can be: a page without one costs no query."""
    house = house_publisher_id()
    posts = [a.pk for a in articles if a.publisher_id == house] if house else []
    refs = contributors_by_article(posts) if posts else {}
    for article in articles:
        article.contributor_ref = refs.get(article.pk)
    return articles


def house_publisher_id() -> int:
    """The house publisher's id, or 0 before the first post is published."""
    return cached_result(HOUSE_KEY, HOUSE_KEPT_SECONDS,
                         lambda: Publisher.objects.filter(slug=HOUSE_SLUG).values_list("id", flat=True).first() or 0)


def forget_house_publisher() -> None:
    """The house publisher was just made: the 0 kept before must not hide the first post's byline."""
    forget_result(HOUSE_KEY)


def corrections_of(article: Article) -> list[Correction]:
    """The corrections made to a post after publication, oldest first, for its page."""
    rows = (PostRevision.objects.filter(post__article=article, is_correction=True)
            .order_by("made_at", "id").values_list("made_at", "note"))
    return [Correction(made_at, note) for made_at, note in rows]


def channel_of(ref: ContributorRef) -> Channel | None:
    """The contributor's channel, for a follow button beside their post."""
    return Channel.objects.filter(contributor__slug=ref.slug).first()


def posts_by(ref: ContributorRef):
    """The articles of a contributor's published posts, for "More from" under one of them."""
    return Article.objects.filter(contributor_post__contributor__slug=ref.slug,
                                  contributor_post__status=Post.Status.PUBLISHED)

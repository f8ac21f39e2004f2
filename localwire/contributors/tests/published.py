"""A contributor's published post as the publishing code leaves it, for the display tests: an
article of the house publisher, the post pointing at it, and a link to the contributor's channel."""

from __future__ import annotations

from django.utils import timezone

from localwire.channels.models import ArticleChannel
from localwire.contributors.models import Post
from localwire.testing.factories import (
    ArticleChannelFactory, ArticleFactory, ContributorFactory, ContributorPostFactory, PublisherFactory,
)


def house_publisher():
    return PublisherFactory(slug="community-contributors", name="Community contributors")


def published_post(contributor=None, publisher=None, **article_fields):
    """The article a published post became; ``article.contributor_post`` is the post."""
    contributor = contributor or ContributorFactory()
    article = ArticleFactory(publisher=publisher or house_publisher(), authors=[contributor.name], **article_fields)
    ContributorPostFactory(contributor=contributor, title=article.title, status=Post.Status.PUBLISHED,
                           article=article, published_at=timezone.now())
    ArticleChannelFactory(article=article, channel=contributor.channel, relation=ArticleChannel.Relation.SUBJECT,
                          score=1.0)
    return article

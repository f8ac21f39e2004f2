"""Stored rows shaped as API output, shared by every router so an article reads the same everywhere."""

from __future__ import annotations

from localwire.api.schemas import ArticleSummary, ContributorRef, ImageOut, PublisherRef
from localwire.articles.imageproxy import image_url
from localwire.articles.models import Article, Image
from localwire.sources.models import Publisher


def image_out(img: Image) -> ImageOut:
    return ImageOut(url=image_url(img.source_url), source_url=img.source_url,
                    caption=img.caption, credit=img.credit)


def publisher_ref(p: Publisher) -> PublisherRef:
    return PublisherRef(slug=p.slug, name=p.name)


def contributor_ref(ref) -> ContributorRef | None:
    """``article.contributor_ref`` as output; None (null) on a publisher's article."""
    if ref is None:
        return None
    return ContributorRef(slug=ref.slug, name=ref.name, label=ref.label_name, label_code=ref.label)


def article_summary(a: Article) -> ArticleSummary:
    """The fields every list of articles gives; expects ``images`` prefetched, or one query each, and
    ``contributor_ref`` set on the page (``articles.bylines.attach_bylines``), or null."""
    images = a.images.all()
    return ArticleSummary(
        id=a.pk, url=a.url, canonical_url=a.canonical_url, title=a.title, authors=a.authors,
        agency=a.agency, publisher=publisher_ref(a.publisher), published_at=a.published_at,
        language=a.language, summary=a.summary, image=image_out(images[0]) if images else None,
        contributor=contributor_ref(a.contributor_ref),
    )

"""A published post becomes an ``articles.Article`` and then goes the way every stored article goes.

The article is stored as the runner stores one (a canonical address, a content hash, sanitised HTML
and plain text), then walks ``pipeline.flow.after_store`` (syndication, story, search) and is
understood (``pipeline.reanalyze``), so it shows up in lists, stories, search, For you and Local
like any other. It is linked to the contributor's channel with the relation ``author``, which is
how the contributor's channel, its feed and readers who follow it find it.

Every contributor's article has one house publisher, "Community contributors" (``HOUSE_SLUG``),
made on first use: ``Article.publisher`` is required, and one publisher for the whole network keeps
publisher lists, counts and feeds from filling up with one "outlet" per person. Who wrote a post is
what ``article.contributor_post`` says, and what cards and pages show.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime

from django.utils.html import format_html_join

from localwire.articles.markdown import read_markdown, render_markdown
from localwire.articles.models import Article
from localwire.articles.pending import mark_stored
from localwire.articles.signals import articles_changed
from localwire.articles.uploads import UPLOAD_URL_PREFIX
from localwire.channels.models import ArticleChannel
from localwire.contributors.models import Post
from localwire.contributors.queries import HOUSE_SLUG, forget_house_publisher
from localwire.pipeline import tasks
from localwire.pipeline.flow import after_store
from localwire.search.index import index_quietly
from localwire.sources.models import Publisher

HOUSE_NAME = "Community contributors"
HOUSE_ABOUT = ("Original reporting by local people in Localwire's contributor network, each post read by a "
               "moderator under the Editorial Standards before it is published.")
AUTHOR = "author"  # the ArticleChannel relation from a post's article to its contributor's channel
EXTRACTOR_VERSION = "contributor-post-1"  # what wrote the article: a post, not the extractor
_WS = re.compile(r"\s+")


def house_publisher() -> Publisher:
    """The one publisher of every contributor's article, made the first time a post is published."""
    publisher, made = Publisher.objects.get_or_create(
        slug=HOUSE_SLUG, defaults={"name": HOUSE_NAME, "kind": Publisher.Kind.OTHER, "about": HOUSE_ABOUT})
    if made:
        forget_house_publisher()
    return publisher


def post_path(post: Post) -> str:
    """The post's address on this site; also its article's canonical URL (unique per post)."""
    return f"/contributor/{post.contributor.slug}/posts/{post.pk}"


def post_html(post: Post, site_host: str = "") -> str:
    """The body rendered and sanitised, followed by the post's images, each with caption and credit."""
    figures = format_html_join(
        "", '<figure><img src="{}" alt="{}"><figcaption>{} <small>{}</small></figcaption></figure>',
        ((UPLOAD_URL_PREFIX + image.stored_name, image.caption, image.caption, image.credit)
         for image in post.images.all()))
    return render_markdown(post.body, site_host) + str(figures)


def post_text(post: Post) -> str:
    """The body as a reader reads it (no Markdown marks, no link addresses), with the captions:
    what search, syndication and understanding read."""
    captions = [f"{image.caption} ({image.credit})" for image in post.images.all()]
    return "\n\n".join([read_markdown(post.body).text.strip(), *captions]).strip()


def post_summary(post: Post, limit: int = 300) -> str:
    """The body's opening words for cards and feeds, never the captions, cut between words."""
    words = _WS.sub(" ", read_markdown(post.body).text).strip()
    if len(words) <= limit:
        return words
    return words[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _content(post: Post, site_host: str) -> dict:
    text = post_text(post)
    return dict(title=post.title[:500], html=post_html(post, site_host), text=text,
                summary=post_summary(post), word_count=len(text.split()),
                content_hash=hashlib.sha256(_WS.sub(" ", text.lower()).encode()).hexdigest())


def store_article(post: Post, now: datetime, site_host: str = "") -> Article:
    """Write the post's article and link it to the post and the contributor's channel. The caller
    holds the transaction; ``understand`` runs the flow once it has committed."""
    path = post_path(post)
    article = Article.objects.create(
        canonical_url=path, url=path, publisher=house_publisher(), authors=[post.contributor.name],
        published_at=now, extractor_version=EXTRACTOR_VERSION, **_content(post, site_host))
    mark_stored(article.pk)  # owed every step, in the caller's transaction: the sweeps finish what fails
    if post.contributor.channel_id:
        ArticleChannel.objects.get_or_create(article=article, channel_id=post.contributor.channel_id,
                                             defaults={"relation": AUTHOR, "score": 1.0})
    post.article = article
    return article


def understand(article: Article) -> None:
    """The steps every stored article takes: syndication, story, search, then understanding.
    Neither raises: a failure is logged, and the sweeps of the next crawl tick catch up.

    Understanding follows the operator's choice as a crawl does: none with LOCALWIRE_ANALYZE off,
    and under Celery it is sent to the workers, so a web process never loads the language models."""
    after_store(article)
    tasks.understand_soon(article.pk)
    articles_changed.send(sender=understand)  # lists kept for anonymous readers show it now


def refresh_article(post: Post, now: datetime, site_host: str = "") -> None:
    """After an edit of a published post: its article shows the new title and body, re-indexed
    for search (understanding catches up when the analyser next runs over it)."""
    if post.article_id is None:
        return
    Article.objects.filter(pk=post.article_id).update(updated_at=now, **_content(post, site_host))
    index_quietly([post.article_id])
    articles_changed.send(sender=refresh_article)


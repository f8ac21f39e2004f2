"""Reader-facing pages: home, article, publisher."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from localwire.articles.bylines import attach_bylines
from localwire.articles.models import Article, Image, TakenDown
from localwire.articles.uploads import UPLOAD_URL_PREFIX
from localwire.caching import pages as pagecache
from localwire.channels.models import Channel
from localwire.channels.neighbours import channel_neighbours
from localwire.channels.queries import channel_or_alias
from localwire.channels.successors import successors
from localwire.community.pool import known_channel_ids
from localwire.community.reading import record_read
from localwire.contributors.queries import channel_of, corrections_of
from localwire.metrics.counting import record_view
from localwire.metrics.publishers import card_stats, profile_summary
from localwire.paging import page_of
from localwire.publishers.access import manages
from localwire.sources.models import Publisher
from localwire.stories.models import current_story
from localwire.stories.queries import attach_copies, fold_copies, top_stories
from localwire.web.article_page import article_blocks_context, article_for_page, original_of, story_context
from localwire.web.jinja import render_main

PAGE_SIZE = 30


def _listing(queryset):
    return (
        queryset.select_related("publisher", "syndication")
        .prefetch_related(Prefetch("images", queryset=Image.objects.order_by("position", "id")))
        .defer("text", "html")
    )


@pagecache.for_anonymous()
def home(request):
    page = page_of(_listing(fold_copies(Article.objects.all())), request.GET.get("page"), PAGE_SIZE)
    page.object_list = attach_bylines(attach_copies(page.object_list))
    top = top_stories() if page.number == 1 else []
    return render(request, "web/home.html", {"page": page, "top_stories": top})


def _count_view(request, pk: int, slug: str = "") -> None:
    record_view(request, pk)  # cache only; never raises


@pagecache.for_anonymous(on_hit=_count_view)
def article(request, pk: int, slug: str = ""):
    item = article_for_page(pk)
    if item is None:
        return _gone_or_404(request, pk)
    if slug != item.slug:  # no slug (an old link) or another one (the title changed): one address a page
        return _moved_to(item.get_absolute_url(), request)
    context = article_blocks_context(item, known_channel_ids(request))
    images = list(item.images.all())
    # The body shows its own images in place; otherwise the first image leads the page.
    lead = images[0] if images and "<img" not in item.html else None
    context.update(article=item, lead_image=lead, original=original_of(item), **_by_contributor(item),
                   **_publisher_card(item))
    main = render_main(request, "web/article_main.jinja", context)
    response = render(request, "web/article.html", {"article": item, "blocks": context["blocks"], "main": main})
    record_view(request, item.pk)  # cache only, after the page rendered; never raises
    record_read(request, item.pk)  # the same, for a signed-in reader's history
    return response


def _gone_or_404(request, pk: int):
    """An old link to an article its publisher took down: 410 Gone, naming only the publisher."""
    record = TakenDown.objects.filter(article_id=pk).select_related("publisher").first()
    if record is None:
        raise Http404("No such article.")
    return render(request, "web/taken_down.html", {"publisher": record.publisher}, status=410)


def _publisher_card(item) -> dict:
    """The publisher beside its article: logo, counts (kept a minute) and follow button.
    A contributor's post is theirs, not the house publisher's: it has no card."""
    if item.contributor_ref is not None:
        return {"card": None}
    publisher = item.publisher
    logo = UPLOAD_URL_PREFIX + publisher.logo if publisher.logo else ""
    return {"card": {"publisher": publisher, "logo": logo, "stats": card_stats(publisher)}}


def _by_contributor(item) -> dict:
    """A contributor's post shows its corrections and follows its author's channel, not the house publisher."""
    ref = item.contributor_ref
    if ref is None:
        return {"corrections": [], "contributor_channel": None}
    return {"corrections": corrections_of(item), "contributor_channel": channel_of(ref)}


@pagecache.for_anonymous()
def channel(request, kind: str, slug: str):
    item, merged = channel_or_alias(kind, slug)
    if item is None:
        raise Http404("No such channel.")
    if merged:
        return redirect(item, permanent=True)
    if item.kind == Channel.Kind.CONTRIBUTOR:  # a contributor's page is their profile
        return _moved_to(reverse("contributor", kwargs={"slug": item.slug}), request)
    # One link per article and channel (article_channel_once): no DISTINCT, whose sort cost most of the query.
    articles = _listing(fold_copies(Article.objects.filter(channel_links__channel=item)))
    page = page_of(articles, request.GET.get("page"), PAGE_SIZE)
    moved_to = successors(item) if not page.object_list else []
    if len(moved_to) == 1:  # re-analysis renamed it; settled into an alias once its batch is stored
        return redirect(moved_to[0])
    page.object_list = attach_bylines(attach_copies(page.object_list))
    return render(request, "web/channel.html", {
        "channel": item, "page": page, "related": channel_neighbours(item), "moved_to": moved_to,
    })


@pagecache.for_anonymous()
def story(request, pk: int):
    item = current_story(pk)
    if item is None:
        raise Http404("No such story.")
    if item.pk != pk:
        return redirect(item, permanent=True)
    main = render_main(request, "web/story_main.jinja", {"story": item, **story_context(item)})
    return render(request, "web/story.html", {"story": item, "main": main})


@pagecache.for_anonymous()
def publisher(request, slug: str):
    item = get_object_or_404(Publisher, slug=slug)
    page = page_of(_listing(item.articles.all()), request.GET.get("page"), PAGE_SIZE)
    page.object_list = attach_bylines(page.object_list)
    return render(request, "web/publisher.html", {"publisher": item, "page": page, **profile_summary(item),
                                                  "manages": manages(request.user, item)})


def _moved_to(path: str, request) -> HttpResponsePermanentRedirect:
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{path}?{query}" if query else path)


def favicon(request):
    """Browsers and feed readers ask for /favicon.ico whatever the page says; the icon is an SVG."""
    return HttpResponsePermanentRedirect(static("web/favicon.svg"))


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")

"""Syndication groups in the database, from factories and from the demo publishers over HTTP."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from localwire.articles.models import Article
from localwire.stories.models import LshBand, SyndicatedCopy
from localwire.stories.queries import fold_copies
from localwire.stories.syndicated import syndicate, syndicate_pending
from localwire.stories.tests.test_syndication import OTHER_STORY, WIRE
from localwire.testing.factories import ArticleFactory, PublisherFactory, StoredArticleFactory

pytestmark = pytest.mark.django_db


def test_copies_share_a_group_credited_to_the_wire_and_lists_show_it_once(client):
    now = timezone.now()
    wire = PublisherFactory(name="Meridian Press")
    station = PublisherFactory(name="KXRT 7 News")
    copy = ArticleFactory(publisher=station, title="Almaty protests spread", agency="Meridian Press",
                          text="From our wire partners. " + WIRE, published_at=now - timedelta(hours=2))
    original = ArticleFactory(publisher=wire, title="Police detain 200 in Almaty", agency="Meridian Press",
                              text=WIRE, published_at=now - timedelta(hours=1))
    other = ArticleFactory(publisher=station, title="Grain vote", text=OTHER_STORY, published_at=now)
    group = syndicate(copy)
    assert syndicate(original) == group and syndicate(copy) == group  # idempotent
    assert syndicate(other) != group
    group.refresh_from_db()
    assert group.original_id == original.pk  # the wire's own copy, though it came later
    assert SyndicatedCopy.objects.count() == 3 and LshBand.objects.filter(article=copy).count() > 0
    assert set(fold_copies(Article.objects.all())) == {original, other}

    home = client.get("/").content.decode()
    assert home.count("Police detain 200 in Almaty") == 1 and "Almaty protests spread" not in home
    assert "via KXRT 7 News" in home
    page = client.get(copy.get_absolute_url()).content.decode()
    assert "first published by" in page and "Meridian Press" in page
    detail = client.get(f"/api/v1/articles/{original.pk}").json()["syndication"]
    assert detail["original"] == original.pk and [c["id"] for c in detail["copies"]] == [copy.pk]


def test_articles_left_ungrouped_are_picked_up():
    first, second = StoredArticleFactory(text=WIRE), StoredArticleFactory(text="Update: " + WIRE)
    assert syndicate_pending() == 2
    assert first.syndication.group_id == second.syndication.group_id
    assert syndicate_pending() == 0


def _syndicate_when_all_ready(article, start: threading.Barrier) -> int:
    start.wait(timeout=60)  # a thread that failed before it breaks the barrier rather than hanging the rest
    try:
        return syndicate(article).pk
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)  # each thread works on its own connection, as workers do
def test_copies_stored_at_once_by_several_workers_end_in_one_group():
    """Before the founding lock this failed on every run: each copy looked before the others wrote."""
    openings = ["", "From our wire partners. ", "Updated at noon. ", "Our correspondent adds: "]
    for round_ in range(4):
        copies = [ArticleFactory(text=opening + WIRE + f" Round {round_}.") for opening in openings]
        start = threading.Barrier(len(copies))
        with ThreadPoolExecutor(len(copies)) as pool:
            groups = set(pool.map(_syndicate_when_all_ready, copies, [start] * len(copies)))
        assert len(groups) == 1, f"round {round_}: {len(groups)} groups"
        Article.objects.filter(pk__in=[c.pk for c in copies]).delete()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)  # the crawl's threads use their own connections
def test_demo_publishers_copies_are_grouped_exactly(demo_server, pipeline_context):
    from localwire.demo.corpus import load_corpus
    from localwire.demo.run import setup_publishers
    from localwire.pipeline.crawl import crawl_once

    setup_publishers(demo_server)
    crawl_once(pipeline_context, workers=4)
    corpus = load_corpus()
    expected = sorted(sorted(a.key for a in members) for members in corpus.syndicated_groups().values())
    found: dict[int, list[str]] = {}
    for article in Article.objects.select_related("publisher", "syndication"):
        found.setdefault(article.syndication.group_id, []).append(article.url)
    grouped = sorted(sorted(urls) for urls in found.values() if len(urls) > 1)
    assert len(grouped) == len(expected)
    assert sorted(len(g) for g in grouped) == sorted(len(g) for g in expected)


def test_operators_see_groups_and_their_copies_in_the_admin(admin_client):
    first, second = ArticleFactory(text=WIRE), ArticleFactory(text="Update: " + WIRE)
    group = syndicate(first)
    syndicate(second)
    group.refresh_from_db()
    listing = admin_client.get("/admin/stories/syndicationgroup/")
    assert listing.status_code == 200 and group.original.title in listing.content.decode()
    detail = admin_client.get(f"/admin/stories/syndicationgroup/{group.pk}/change/").content.decode()
    assert first.title in detail and second.title in detail

"""Stored page blocks: built once, read by the pages, rebuilt when what they depend on changes."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from localwire.articles import pending
from localwire.channels.actions import merge_channels
from localwire.channels.models import Channel
from localwire.stories.blocks import VERSION, store_article_blocks, sweep_pages
from localwire.stories.models import ArticleBlocks, Story, StoryBlocks, StoryMember
from localwire.testing.factories import ArticleChannelFactory, ArticleFactory, ChannelFactory

pytestmark = pytest.mark.django_db


def _story(*articles) -> Story:
    now = timezone.now()
    story = Story.objects.create(headline=articles[0].title, first_seen=now - timedelta(hours=2), last_seen=now,
                                 article_count=len(articles), outlet_count=len(articles))
    for article in articles:
        StoryMember.objects.create(story=story, article=article)
    return story


def _sharing(person: Channel, title: str):
    """An article of another story naming ``person``: "Related stories" for any article naming them."""
    article = ArticleFactory(title=title)
    ArticleChannelFactory(article=article, channel=person, relation="mentioned", score=0.9)
    return article


def test_the_first_view_stores_the_blocks_and_later_views_read_them(client):
    person = ChannelFactory(kind=Channel.Kind.PERSON, name="Serik Abenov", slug="serik-abenov")
    article = ArticleFactory(title="Fuel prices rise in Almaty")
    ArticleChannelFactory(article=article, channel=person, relation="mentioned", score=0.9)
    _sharing(person, "Abenov meets the strikers")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Also about Serik Abenov" in page and "Abenov meets the strikers" in page
    stored = ArticleBlocks.objects.get(article=article)
    assert stored.version == VERSION and stored.data["people"] == [person.pk]
    _sharing(person, "A later story about Abenov")  # not related until the article's blocks are rebuilt
    assert "A later story about Abenov" not in client.get(article.get_absolute_url()).content.decode()
    assert ArticleBlocks.objects.get(article=article).built_at == stored.built_at


def test_blocks_hold_ids_so_a_retitled_or_deleted_article_is_right_at_once(client):
    person = ChannelFactory(kind=Channel.Kind.PERSON, name="Ana Ruiz", slug="ana-ruiz")
    article = ArticleFactory(title="Council votes on the budget")
    ArticleChannelFactory(article=article, channel=person, relation="mentioned", score=0.9)
    renamed, removed = _sharing(person, "Old headline"), _sharing(person, "Soon taken down")
    store_article_blocks(article)
    renamed.title = "New headline"
    renamed.save()
    removed.delete()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "New headline" in page and "Old headline" not in page and "Soon taken down" not in page


def test_new_analysis_marks_the_page_and_the_sweep_rebuilds_it():
    from localwire.channels.store import store_analysis
    from localwire.nlp.analysis import Analysis

    article = ArticleFactory()
    store_article_blocks(article)
    store_analysis(article, Analysis(language="en", analyzer_version="test", keyphrases=("bridge tolls",)))
    assert article.pk in pending.owed(pending.Step.PAGE, 10)
    assert sweep_pages() == 1
    assert pending.owed(pending.Step.PAGE, 10) == []
    tag = Channel.objects.get(kind=Channel.Kind.TAG)
    assert ArticleBlocks.objects.get(article=article).data["tags"] == [tag.pk]


def test_a_merged_channel_marks_its_articles_pages():
    old, new = ChannelFactory(kind=Channel.Kind.CITY), ChannelFactory(kind=Channel.Kind.CITY)
    link = ArticleChannelFactory(channel=old, relation="dateline", score=0.9)
    store_article_blocks(link.article)
    merge_channels(old, new)
    sweep_pages()
    assert ArticleBlocks.objects.get(article=link.article).data["places"] == [new.pk]


def test_a_story_page_rebuilds_its_blocks_when_the_story_grew(client):
    first, second = ArticleFactory(title="Ferry sinks in Manila Bay"), ArticleFactory(title="Ferry survivors found")
    story = _story(first, second)
    client.get(story.get_absolute_url())
    assert StoryBlocks.objects.get(story=story).article_count == 2
    third = ArticleFactory(title="Ferry operator charged")
    StoryMember.objects.create(story=story, article=third)
    Story.objects.filter(pk=story.pk).update(article_count=3)
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Ferry operator charged" in page
    assert [pk for pk, _, _ in StoryBlocks.objects.get(story=story).data["coverage"]] == [
        a.pk for a in sorted([first, second, third], key=lambda a: (a.published_at, a.pk))]


def test_joining_a_story_marks_the_article_and_the_sweep_rebuilds_the_story(client):
    from localwire.stories.assign import _join

    first, second = ArticleFactory(title="Tornado hits Little Rock"), ArticleFactory(title="Tornado cleanup begins")
    story = _story(first)
    StoryBlocks.objects.create(story=story, data={"coverage": [[first.pk, None, ""]]}, version=VERSION,
                               article_count=1)
    _join(story.pk, second, None, 1.0)
    assert second.pk in pending.owed(pending.Step.PAGE, 10)
    sweep_pages()
    coverage = StoryBlocks.objects.get(story=story).data["coverage"]
    assert {pk for pk, _, _ in coverage} == {first.pk, second.pk}
    page = client.get(first.get_absolute_url()).content.decode()
    assert "More coverage of this story" in page and "Tornado cleanup begins" in page


def test_an_article_page_with_stored_blocks_reads_a_handful_of_queries(client):
    person = ChannelFactory(kind=Channel.Kind.PERSON, name="Grace Osei", slug="grace-osei")
    article = ArticleFactory()
    ArticleChannelFactory(article=article, channel=person, relation="mentioned", score=0.9)
    for n in range(8):
        _sharing(person, f"Another story {n}")
    _story(article, ArticleFactory(), ArticleFactory())
    client.get(article.get_absolute_url())  # builds and stores
    with CaptureQueriesContext(connection) as queries:
        page = client.get(article.get_absolute_url()).content.decode()
    assert "Another story" in page and "More coverage of this story" in page
    assert len(queries) <= 11, [q["sql"][:80] for q in queries]


def test_related_stories_read_only_each_names_newest_links(monkeypatch):
    """A city's whole archive is no candidate: its newest links are read, so building an article's
    blocks costs the same at a million articles as at ten thousand."""
    from localwire.stories import related

    person = ChannelFactory(kind=Channel.Kind.PERSON, name="Noor Haddad")
    now = timezone.now()
    oldest, older, newer = (ArticleFactory(published_at=now - timedelta(days=days)) for days in (3, 2, 1))
    article = ArticleFactory(published_at=now)
    for found in (oldest, older, newer, article):
        ArticleChannelFactory(article=found, channel=person, relation="subject", score=0.9)

    assert {pk for pk, _, _ in related.other_stories(article)} == {oldest.pk, older.pk, newer.pk}
    monkeypatch.setattr(related, "LINKS_READ", 3)  # the article's own link and the two newest others
    assert {pk for pk, _, _ in related.other_stories(article)} == {older.pk, newer.pk}

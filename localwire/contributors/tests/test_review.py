"""contributors/review.py and publish.py: who decides, what a decision needs, and a published post
becoming a searchable, understood article linked to its contributor's channel."""

from __future__ import annotations

import pytest
from django.core import mail

from localwire.articles.models import Article
from localwire.articles.signals import articles_changed
from localwire.channels.models import ArticleChannel
from localwire.contributors import posts, publish, review
from localwire.contributors.actions import Conflict, Refused
from localwire.contributors.models import Decision, Post, PostRevision
from localwire.nlp.analyze import ANALYZER_VERSION
from localwire.pipeline.reanalyze import reanalyze
from localwire.search.query import SearchQuery, parse_terms
from localwire.search.results import find
from localwire.sources.models import Publisher
from localwire.testing.factories import (
    ContributorPostFactory, ModeratorFactory, PostImageFactory, ProfileFactory,
)

pytestmark = pytest.mark.django_db
BODY = ("LITTLE ROCK, Ark. — The city council voted five to two on Tuesday to rebuild the Main Street "
        "bridge over the Arkansas River, Mayor Frank Scott said after the meeting.")


@pytest.fixture
def moderator():
    return ModeratorFactory().user


def waiting(**fields) -> Post:
    return ContributorPostFactory(status=Post.Status.IN_REVIEW, **fields)


def test_only_moderators_decide():
    post = waiting()
    with pytest.raises(review.NotModerator):
        review.decide(post, ProfileFactory().user, "publish")
    post.refresh_from_db()
    assert post.status == Post.Status.IN_REVIEW and not Decision.objects.exists()


def test_a_rejection_needs_a_reason(moderator):
    with pytest.raises(Refused):
        review.decide(waiting(), moderator, "reject", "  ")


def test_an_unknown_decision_is_refused(moderator):
    with pytest.raises(Refused):
        review.decide(waiting(), moderator, "maybe", "why not")


@pytest.mark.parametrize("status", [Post.Status.DRAFT, Post.Status.PUBLISHED, Post.Status.REJECTED])
def test_only_waiting_posts_are_decided(moderator, status):
    with pytest.raises(Conflict):
        review.decide(ContributorPostFactory(status=status), moderator, "reject", "no")


def test_a_rejection_is_logged_with_who_and_why_and_mailed(moderator, django_capture_on_commit_callbacks):
    post = waiting()
    with django_capture_on_commit_callbacks(execute=True):
        review.decide(post, moderator, "reject", "The quotes are not attributed.")
    post.refresh_from_db()
    assert post.status == Post.Status.REJECTED and post.article is None
    decision = Decision.objects.get()
    assert (decision.action, decision.moderator, decision.post) == (Decision.Action.REJECT, moderator, post)
    assert len(mail.outbox) == 1 and "The quotes are not attributed." in mail.outbox[0].body
    assert mail.outbox[0].to == [post.contributor.user.email]


def test_the_queue_lists_one_status_longest_waiting_first():
    later, held = waiting(), ContributorPostFactory(status=Post.Status.HELD)
    earlier = waiting()
    Post.objects.filter(pk=earlier.pk).update(submitted_at="2026-01-01T00:00Z")
    Post.objects.filter(pk=later.pk).update(submitted_at="2026-01-02T00:00Z")
    assert list(review.review_queue("in_review")) == [earlier, later]
    assert list(review.review_queue("held")) == [held]
    with pytest.raises(Refused):
        review.review_queue("draft")


def test_publishing_makes_an_understood_searchable_article_of_the_house_publisher(moderator):
    post = waiting(title="Council votes to rebuild the Main Street bridge", body=BODY)
    PostImageFactory(post=post, caption="The bridge <b>at dawn</b>.", credit="Photo: Ana Ruiz")
    review.decide(post, moderator, "publish", "Well sourced.")
    post.refresh_from_db()
    article = post.article
    assert post.status == Post.Status.PUBLISHED and post.published_at
    assert article.contributor_post == post
    assert article.publisher.slug == publish.HOUSE_SLUG
    assert article.canonical_url == f"/contributor/{post.contributor.slug}/posts/{post.pk}"
    assert "<figcaption>The bridge &lt;b&gt;at dawn&lt;/b&gt;." in article.html and "Photo: Ana Ruiz" in article.html
    assert article.content_hash and article.word_count > 20
    assert article.analysis_version == ANALYZER_VERSION  # understood
    hits = find(SearchQuery(parse_terms("bridge council")), typed="bridge council")
    assert [hit.article.pk for hit in hits.items] == [article.pk]
    assert Decision.objects.get().action == Decision.Action.PUBLISH


def test_a_published_post_is_linked_to_its_contributor_channel_and_keeps_it_through_analysis(moderator):
    post = waiting(body=BODY)
    review.decide(post, moderator, "publish")
    post.refresh_from_db()
    link = ArticleChannel.objects.get(article=post.article, channel=post.contributor.channel)
    assert link.relation == publish.AUTHOR
    Article.objects.filter(pk=post.article_id).update(analysis_version="old")
    reanalyze([post.article_id])
    assert ArticleChannel.objects.filter(article=post.article, channel=post.contributor.channel).exists()


def test_every_contributor_shares_one_house_publisher(moderator):
    for _ in range(2):
        review.decide(waiting(), moderator, "publish")
    assert Publisher.objects.filter(slug=publish.HOUSE_SLUG).count() == 1
    assert Article.objects.filter(publisher__slug=publish.HOUSE_SLUG).count() == 2


def test_an_edit_after_publication_keeps_a_revision_and_updates_the_article(moderator):
    post = waiting(title="Bridge vote", body=BODY)
    review.decide(post, moderator, "publish")
    post.refresh_from_db()
    posts.update_post(post, title="Bridge vote: five to two", body=BODY + " Work starts in May.",
                      correction=True, note="The vote was five to two, not six to one.")
    revision = PostRevision.objects.get(post=post)
    assert (revision.title, revision.body, revision.is_correction) == ("Bridge vote", BODY, True)
    assert revision.note == "The vote was five to two, not six to one." and revision.made_at
    article = Article.objects.get(pk=post.article_id)
    assert article.title == "Bridge vote: five to two" and "Work starts in May." in article.text
    assert article.updated_at is not None


def test_a_plain_edit_after_publication_is_a_revision_not_a_correction(moderator):
    post = waiting()
    review.decide(post, moderator, "publish")
    post.refresh_from_db()
    posts.update_post(post, body="A typo fixed.")
    assert PostRevision.objects.get(post=post).is_correction is False


def test_publishing_and_editing_tell_the_page_cache_articles_changed(moderator):
    heard = []
    articles_changed.connect(lambda sender, **_: heard.append(sender), weak=False, dispatch_uid="test-heard")
    try:
        post = waiting()
        review.decide(post, moderator, "publish")
        assert heard == [publish.understand]
        post.refresh_from_db()
        posts.update_post(post, body="Edited.")
        assert heard == [publish.understand, publish.refresh_article]
    finally:
        articles_changed.disconnect(dispatch_uid="test-heard")


def test_the_post_address_leads_to_its_article_once_published(client, moderator):
    post = waiting()
    path = publish.post_path(post)
    assert client.get(path).status_code == 404
    review.decide(post, moderator, "publish")
    post.refresh_from_db()
    response = client.get(path)
    assert response.status_code == 301 and response["Location"] == post.article.get_absolute_url()


def test_a_published_posts_summary_is_its_opening_words_without_captions(moderator):
    long_body = BODY + " " + " ".join(f"Residents spoke about detour number {n}." for n in range(40))
    post = waiting(title="Bridge vote", body=f"**{long_body}**")
    PostImageFactory(post=post, caption="The old bridge at dusk.", credit="Photo: Ana Ruiz")
    review.decide(post, moderator, "publish", "Well sourced.")
    summary = Post.objects.get(pk=post.pk).article.summary
    assert summary.startswith("LITTLE ROCK, Ark. — The city council voted") and "**" not in summary
    assert summary.endswith("…") and len(summary) <= 301 and "dusk" not in summary
    assert summary[:-1] == long_body[: len(summary) - 1]  # cut between words, nothing invented


def test_publishing_leaves_understanding_alone_when_the_operator_turned_it_off(moderator, settings):
    settings.LOCALWIRE_ANALYZE = False
    post = waiting(title="Council votes to rebuild the Main Street bridge", body=BODY)
    review.decide(post, moderator, "publish", "Well sourced.")
    article = Post.objects.get(pk=post.pk).article
    assert article.analysis_version == ""  # as a crawl with LOCALWIRE_ANALYZE off leaves it
    hits = find(SearchQuery(parse_terms("bridge council")), typed="bridge council")
    assert [hit.article.pk for hit in hits.items] == [article.pk]  # the other steps still ran

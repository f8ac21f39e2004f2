"""Factories for the rows tests need; tests build data with these, not by hand."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from localwire.articles.models import Article, Image
from localwire.articles.pending import mark_stored
from localwire.channels.models import ArticleChannel, Channel
from localwire.sources.models import Entry, Feed, Publisher
from localwire.stories.models import SyndicatedCopy, SyndicationGroup


class PublisherFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publisher

    name = factory.Sequence(lambda n: f"Test Publisher {n}")
    slug = factory.Sequence(lambda n: f"test-publisher-{n}")
    kind = Publisher.Kind.PAPER
    website = factory.Sequence(lambda n: f"https://publisher-{n}.example.org/")


class FeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feed

    publisher = factory.SubFactory(PublisherFactory)
    url = factory.Sequence(lambda n: f"http://127.0.0.1:9/feed-{n}.xml")


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entry

    feed = factory.SubFactory(FeedFactory)
    entry_id = factory.Sequence(lambda n: f"entry-{n}")
    url = factory.Sequence(lambda n: f"http://127.0.0.1:9/story-{n}.html")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    publisher = factory.SubFactory(PublisherFactory)
    url = factory.Sequence(lambda n: f"https://news.example.org/story-{n}")
    canonical_url = factory.LazyAttribute(lambda a: a.url)
    title = factory.Sequence(lambda n: f"Council approves plan number {n}")
    authors = factory.LazyFunction(lambda: ["Ana Ruiz"])
    published_at = factory.Sequence(lambda n: timezone.now() - timedelta(hours=n))
    language = "en"
    summary = "The council approved the plan on Tuesday."
    text = "The council approved the plan on Tuesday.\n\nResidents spoke for an hour."
    html = "<p>The council approved the plan on Tuesday.</p><p>Residents spoke for an hour.</p>"
    word_count = 13
    content_hash = factory.Sequence(lambda n: f"{n:064x}")
    extractor_version = "test"


class StoredArticleFactory(ArticleFactory):
    """An article as the runner leaves it once stored: owing every step that follows (its marks),
    for tests of the sweeps that catch up on them."""

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def owed(article, create, extracted, **kwargs):
        if create:
            mark_stored(article.pk)


def syndicated(original: Article, *copies: Article) -> SyndicationGroup:
    """A syndication group as ``stories.syndicated`` leaves it: the copies listed under the original."""
    group = SyndicationGroup.objects.create(original=original)
    SyndicatedCopy.objects.bulk_create(SyndicatedCopy(article=a, group=group) for a in (original, *copies))
    Article.objects.filter(pk__in=[a.pk for a in copies]).update(folded=True)
    for copy in copies:
        copy.folded = True
    return group


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Image

    article = factory.SubFactory(ArticleFactory)
    source_url = factory.Sequence(lambda n: f"https://news.example.org/img/{n}.jpg")
    caption = "Volunteers clear debris on Main Street."
    credit = "(MP Photo/Dana Whitfield)"


class ChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Channel

    kind = Channel.Kind.TOPIC
    name = factory.Sequence(lambda n: f"Test Channel {n}")
    slug = factory.Sequence(lambda n: f"test-channel-{n}")


class ArticleChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArticleChannel

    article = factory.SubFactory(ArticleFactory)
    channel = factory.SubFactory(ChannelFactory)
    relation = ArticleChannel.Relation.TOPIC
    score = 0.5


PASSWORD = "quiet-harbour-lantern-42"  # passes every validator in AUTH_PASSWORD_VALIDATORS


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "auth.User"
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"reader{n}")
    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "community.Profile"
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory)
    display_name = factory.Sequence(lambda n: f"Reader {n}")


class FollowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "community.Follow"

    user = factory.SubFactory(UserFactory)
    channel = factory.SubFactory(ChannelFactory)
    muted = False


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "community.Comment"

    article = factory.SubFactory(ArticleFactory)
    user = factory.SubFactory(UserFactory)
    body = factory.Sequence(lambda n: f"I was at the meeting too, point {n} was well made.")


class ContributorFactory(factory.django.DjangoModelFactory):
    """A contributor with their channel, as ``contributors.actions.apply`` makes one."""

    class Meta:
        model = "contributors.Contributor"

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Contributor {n}")
    slug = factory.Sequence(lambda n: f"contributor-{n}")
    bio = "I cover the school board and the river towns."
    home_label = "Little Rock, Arkansas, US"
    channel = factory.LazyAttribute(lambda o: Channel.objects.create(
        kind=Channel.Kind.CONTRIBUTOR, slug=o.slug, name=o.name))


class ContributorPostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "contributors.Post"

    contributor = factory.SubFactory(ContributorFactory)
    title = factory.Sequence(lambda n: f"Council votes on the bridge, part {n}")
    body = "The council met on Tuesday and voted five to two."


class StrikeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "contributors.Strike"

    contributor = factory.SubFactory(ContributorFactory)
    policy = "fabrication"
    note = "A quote in the post was never said."
    at = factory.LazyFunction(timezone.now)


class ModeratorFactory(ProfileFactory):
    """A reader with the moderator role on their profile: may review comments and posts."""

    role = "moderator"


class PostImageFactory(factory.django.DjangoModelFactory):
    """An image row of a post; its file is not written (``posts.attach_image`` does that for real)."""

    class Meta:
        model = "contributors.PostImage"

    post = factory.SubFactory(ContributorPostFactory)
    stored_name = factory.Sequence(lambda n: f"{n:064x}.jpg")
    caption = "The bridge at dawn, before the vote."
    credit = "Photo: the author"
    width, height = 800, 600
    order = factory.Sequence(lambda n: n)


class ManagerFactory(factory.django.DjangoModelFactory):
    """A reader who manages a publisher, as an approved application, a claim or an invite makes one."""

    class Meta:
        model = "publishers.Manager"

    publisher = factory.SubFactory(PublisherFactory)
    user = factory.SubFactory(UserFactory)
    via = "claim"


class AdvertiserFactory(factory.django.DjangoModelFactory):
    """An advertiser account with no money yet: credit it through ``ads.ledger.credit``."""

    class Meta:
        model = "ads.Advertiser"

    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Corner Bakery {n}")
    website = "https://bakery.example/"


class CampaignFactory(factory.django.DjangoModelFactory):
    """An approved campaign running from yesterday for thirty days, aimed at the sports channel."""

    class Meta:
        model = "ads.Campaign"

    advertiser = factory.SubFactory(AdvertiserFactory)
    name = factory.Sequence(lambda n: f"Spring opening {n}")
    status = "approved"
    headline = "Fresh bread every morning"
    body = "Sourdough, rye and cinnamon rolls, baked on Main Street since 1987."
    brand = factory.SelfAttribute("advertiser.name")
    cta = "See the menu"
    landing_url = "https://bakery.example/menu"
    channels = factory.LazyFunction(lambda: ["topic/sports"])
    start_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    end_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    budget_total = Decimal("100.00")
    budget_daily = None
    bid_cpm = Decimal("5.00")

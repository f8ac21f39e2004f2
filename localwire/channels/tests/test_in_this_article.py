""""In this article" on the article page: tags, and organisations the tags name, as one list."""

import pytest

from localwire.channels.models import Channel
from localwire.channels.tests.stored import store_json
from localwire.testing.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SENATE_STORY = {
    "language": "en", "analyzer_version": "test-1", "topics": [], "places": [],
    "entities": [{"text": "Senate", "type": "ORG", "start": 4, "end": 10, "name": "Senate", "kind": "organisation",
                  "slug": "senate-kz", "salience": 1.0}],
    "keyphrases": ["Grain Export Bill", "Senate"],
}


def test_a_tag_that_names_an_organisation_is_that_organisations_channel(client):
    article = ArticleFactory(title="Senate passes grain export bill")
    store_json(article, SENATE_STORY)
    assert not Channel.objects.filter(kind=Channel.Kind.TAG, slug="senate").exists()
    html = client.get(article.get_absolute_url()).content.decode()
    block = html[html.index("In this article"):html.index("You may also like") if "You may also like" in html
                 else len(html)]
    assert 'href="/c/organisation/senate-kz/"' in block and 'href="/c/tag/grain-export-bill/"' in block
    assert block.index("grain-export-bill") < block.index("senate-kz")


def test_an_analysis_stored_before_shows_the_organisation_not_its_twin_tag(client):
    from localwire.channels.models import ArticleChannel

    article = ArticleFactory(title="Senate votes", keyphrases=["Senate"])
    org = Channel.objects.create(kind=Channel.Kind.ORGANISATION, slug="senate-kz", name="Senate")
    tag = Channel.objects.create(kind=Channel.Kind.TAG, slug="senate", name="Senate")
    for rank, channel in enumerate((org, tag)):
        ArticleChannel.objects.create(article=article, channel=channel, relation="subject", score=1.0, rank=rank)
    html = client.get(article.get_absolute_url()).content.decode()
    block = html[html.index("In this article"):]
    assert 'href="/c/organisation/senate-kz/"' in block and 'href="/c/tag/senate/"' not in block

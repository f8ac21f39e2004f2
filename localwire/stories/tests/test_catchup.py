"""The catch-up loop every after-store step shares: oldest first, one failure never stops the rest."""

from datetime import timedelta

import pytest
from django.utils import timezone

from localwire.articles.models import Article
from localwire.stories.catchup import catch_up
from localwire.testing.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_catch_up_goes_oldest_first_within_its_limit_and_passes_over_a_failure(caplog):
    now = timezone.now()
    newest = ArticleFactory(published_at=now)
    broken = ArticleFactory(published_at=now - timedelta(days=2))
    oldest = ArticleFactory(published_at=now - timedelta(days=3))
    middle = ArticleFactory(published_at=now - timedelta(days=1))
    seen = []

    def step(article):
        seen.append(article.pk)
        if article.pk == broken.pk:
            raise RuntimeError("bad text")

    assert catch_up(Article.objects.all(), step, "test step", limit=3) == 3
    assert seen == [oldest.pk, broken.pk, middle.pk]
    assert newest.pk not in seen
    assert f"test step failed for article {broken.pk}" in caplog.text

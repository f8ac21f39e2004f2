"""The catch-up loop every after-store step shares: the marked articles oldest first, a success
clears its mark, and one failure never stops the rest nor comes back every tick."""

from datetime import timedelta

import pytest
from django.utils import timezone

from localwire.articles import pending
from localwire.articles.models import PendingWork
from localwire.stories.catchup import catch_up
from localwire.testing.factories import ArticleFactory

pytestmark = pytest.mark.django_db
STEP = PendingWork.Step.SYNDICATION


def _owed_since(**ages):
    now = timezone.now()
    made = {}
    for name, days in ages.items():
        article = ArticleFactory()
        pending.mark(STEP, [article.pk])
        PendingWork.objects.filter(article=article).update(since=now - timedelta(days=days))
        made[name] = article
    return made


def test_catch_up_goes_oldest_first_within_its_limit_and_passes_over_a_failure(caplog):
    made = _owed_since(newest=0, broken=2, oldest=3, middle=1)
    ArticleFactory()  # owes nothing: never read
    seen = []

    def step(article):
        seen.append(article.pk)
        if article.pk == made["broken"].pk:
            raise RuntimeError("bad text")

    assert catch_up(STEP, step, limit=3) == 3
    assert seen == [made["oldest"].pk, made["broken"].pk, made["middle"].pk]
    assert f"syndication failed for article {made['broken'].pk}" in caplog.text
    assert set(PendingWork.objects.values_list("article_id", flat=True)) == {made["newest"].pk, made["broken"].pk}

    seen.clear()
    assert catch_up(STEP, step, limit=3) == 1  # the failure waits its turn; the rest goes on
    assert seen == [made["newest"].pk]
    kept = PendingWork.objects.get()
    assert kept.article_id == made["broken"].pk and kept.attempts == 1 and kept.since > timezone.now()


def test_each_failure_waits_longer_up_to_a_cap():
    waits = [pending.retry_after(n) for n in range(1, 15)]
    assert waits[0] == pending.FIRST_RETRY and waits == sorted(waits)
    assert waits[-1] == pending.LAST_RETRY

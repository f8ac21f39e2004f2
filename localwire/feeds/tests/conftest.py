import pytest

from localwire.stories.models import SyndicatedCopy, SyndicationGroup
from localwire.testing.factories import ArticleFactory


@pytest.fixture
def syndicated():
    """A wire story first run by one outlet and copied by two others: (original, [copies])."""

    def make(**original_fields):
        original = ArticleFactory(title="Wire: river bridge reopens", **original_fields)
        copies = [ArticleFactory(title=f"River bridge reopens (copy {n})",
                                 published_at=original.published_at.replace(microsecond=0)) for n in (1, 2)]
        group = SyndicationGroup.objects.create(original=original)
        for article in (original, *copies):
            SyndicatedCopy.objects.create(article=article, group=group)
        return original, copies

    return make

import pytest

from localwire.testing.factories import ArticleFactory, syndicated as group_copies


@pytest.fixture
def syndicated():
    """A wire story first run by one outlet and copied by two others: (original, [copies])."""

    def make(**original_fields):
        original = ArticleFactory(title="Wire: river bridge reopens", **original_fields)
        copies = [ArticleFactory(title=f"River bridge reopens (copy {n})",
                                 published_at=original.published_at.replace(microsecond=0)) for n in (1, 2)]
        group_copies(original, *copies)
        return original, copies

    return make

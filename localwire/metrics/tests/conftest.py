import pytest
from django.core.cache import cache

from localwire.metrics import counting


@pytest.fixture(autouse=True)
def fresh_cache():
    """Every test starts with an empty cache, no remembered salt and counting not paused."""
    cache.clear()
    counting._salts.clear()
    counting.guard.paused_until = 0.0
    yield
    cache.clear()
    counting._salts.clear()
    counting.guard.paused_until = 0.0


BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.fixture
def metrics_on(settings, monkeypatch):
    """/metrics switched on with a token, its counts starting from nothing and moved only when a
    test (or a scrape) asks: no flushing thread writes behind the tests' backs."""
    from localwire import tally
    from localwire.metrics import totals

    settings.LOCALWIRE_METRICS_TOKEN = TOKEN
    monkeypatch.setattr(totals, "FLUSH_SECONDS", 0)
    tally.take()
    yield TOKEN
    tally.take()


TOKEN = "a-token-for-tests-only-0123456789"

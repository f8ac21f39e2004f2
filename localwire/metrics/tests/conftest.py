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

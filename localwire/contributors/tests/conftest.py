from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture
def fresh_limits(settings, tmp_path):
    """Rate-limit counts live in the cache, which outlives a test; uploads go to a scratch home."""
    cache.clear()
    settings.LOCALWIRE_HOME = tmp_path
    yield
    cache.clear()

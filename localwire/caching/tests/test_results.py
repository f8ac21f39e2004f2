import pytest
from django.core.cache import caches

from localwire.caching.results import cached_many, cached_result


@pytest.fixture(autouse=True)
def empty_pages_cache():
    caches["pages"].clear()
    yield
    caches["pages"].clear()


def _counter():
    calls = []

    def compute():
        calls.append(1)
        return [len(calls)]
    return compute, calls


def test_a_result_is_worked_out_once_while_kept(settings):
    settings.LOCALWIRE_PAGE_CACHE_SECONDS = 60
    compute, calls = _counter()
    assert cached_result("lw:test:a", 300, compute) == [1]
    assert cached_result("lw:test:a", 300, compute) == [1]
    assert cached_result("lw:test:b", 300, compute) == [2]  # another key, its own work
    assert len(calls) == 2


def test_an_empty_result_is_kept_too(settings):
    settings.LOCALWIRE_PAGE_CACHE_SECONDS = 60
    calls = []
    for _ in range(3):
        cached_result("lw:test:empty", 300, lambda: calls.append(1) or [])
    assert len(calls) == 1


def test_nothing_is_kept_when_pages_are_not(settings):
    settings.LOCALWIRE_PAGE_CACHE_SECONDS = 0
    compute, calls = _counter()
    cached_result("lw:test:a", 300, compute)
    assert cached_result("lw:test:a", 300, compute) == [2]


def test_a_broken_cache_costs_the_work_not_the_answer(settings, monkeypatch):
    settings.LOCALWIRE_PAGE_CACHE_SECONDS = 60

    def broken(*args, **kwargs):
        raise ConnectionError("cache server went away")

    monkeypatch.setattr(caches["pages"], "get", broken)
    compute, _ = _counter()
    assert cached_result("lw:test:a", 300, compute) == [1]


def test_many_ids_are_worked_out_only_where_not_kept(settings, monkeypatch):
    settings.LOCALWIRE_PAGE_CACHE_SECONDS = 60
    asked = []

    def squares(ids):
        asked.append(sorted(ids))
        return {pk: pk * pk for pk in ids if pk != 13}  # 13 is gone: left out, asked again next time

    assert cached_many("lw:test:sq", [2, 3], 300, squares) == {2: 4, 3: 9}
    assert cached_many("lw:test:sq", [3, 4, 13, 3], 300, squares) == {3: 9, 4: 16}
    assert cached_many("lw:test:sq", [4, 13], 300, squares) == {4: 16}
    assert asked == [[2, 3], [4, 13], [13]]

    settings.LOCALWIRE_PAGE_CACHE_SECONDS = 0  # nothing kept: every id worked out each time
    assert cached_many("lw:test:sq", [2], 300, squares) == {2: 4} and asked[-1] == [2]

    settings.LOCALWIRE_PAGE_CACHE_SECONDS = 60

    def broken(*args, **kwargs):
        raise ConnectionError("cache server went away")

    monkeypatch.setattr(caches["pages"], "get_many", broken)
    assert cached_many("lw:test:sq", [5], 300, squares) == {5: 25}

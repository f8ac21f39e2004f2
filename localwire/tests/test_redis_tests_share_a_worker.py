"""The Redis tests share one test database (some empty it), so under pytest-xdist they must run on
one worker, one after another: ``conftest.py`` groups them and pytest-xdist's ``loadgroup`` keeps a
group together by a suffix it adds to each node id. With pytest 9 that suffix was silently lost and
the Redis tests ran side by side, emptying each other's keys (a views count of 389 for 300 readers)."""

import pytest


@pytest.mark.redis
def test_a_redis_test_carries_its_group_under_loadgroup(request):
    if not request.config.getvalue("loadgroup"):
        pytest.skip("only under pytest-xdist with --dist loadgroup (make test)")
    assert request.node.nodeid.endswith("@redis")

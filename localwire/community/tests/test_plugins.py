"""Community plugs into the layers below it; they never import it."""

import ast
from pathlib import Path

import pytest

from localwire.channels import dependents
from localwire.community import actions, plugins
from localwire.metrics import publishers
from localwire.testing.factories import FollowFactory, PublisherFactory, UserFactory

PACKAGE = Path(__file__).resolve().parents[2]  # localwire/


def _imported_modules(folder: Path):
    for path in folder.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom) and node.module:
                yield path, node.module
            elif isinstance(node, ast.Import):
                yield from ((path, alias.name) for alias in node.names)


@pytest.mark.parametrize("below", ["metrics", "channels", "caching"])
def test_the_layers_below_never_import_community(below):
    reaching_up = [f"{path.relative_to(PACKAGE)}: {module}"
                   for path, module in _imported_modules(PACKAGE / below)
                   if module == "localwire.community" or module.startswith("localwire.community.")]
    assert reaching_up == []


def test_caching_imports_nothing_of_localwire_but_itself():
    others = [module for _, module in _imported_modules(PACKAGE / "caching")
              if module.startswith("localwire.") and not module.startswith("localwire.caching")]
    assert others == []


def test_community_registered_its_followers_and_what_moves_with_a_channel():
    assert publishers._follower_counter == [plugins.followers_by_publisher]
    assert dependents._dependents["community.follows"] == dependents.Dependent(
        merged=actions.move_follows, split=actions.spread_follows)


@pytest.mark.django_db
def test_followers_are_counted_through_the_plug_in_and_mutes_left_out(django_assert_num_queries):
    followed, quiet = PublisherFactory(), PublisherFactory()
    for user in UserFactory.create_batch(2):
        FollowFactory(user=user, publisher=followed, channel=None)
    FollowFactory(user=UserFactory(), publisher=followed, channel=None, muted=True)
    with django_assert_num_queries(1):
        assert publishers.follower_counts([followed, quiet]) == {followed.pk: 2, quiet.pk: 0}


def test_without_a_registered_counter_every_publisher_has_no_followers(monkeypatch):
    monkeypatch.setattr(publishers, "_follower_counter", [])
    assert publishers.follower_counts([PublisherFactory.build(pk=5)]) == {5: 0}

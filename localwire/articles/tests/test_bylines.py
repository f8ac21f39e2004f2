"""Lists run every registered byline attacher once over a page, and none over an empty one."""

from __future__ import annotations

from localwire.articles import bylines
from localwire.articles.models import Article


def test_each_attacher_sees_the_whole_page_once(monkeypatch):
    monkeypatch.setattr(bylines, "_attachers", {})
    seen = []
    bylines.register("pages", lambda page: seen.append([a.title for a in page]))
    page = bylines.attach_bylines(iter([Article(title="One"), Article(title="Two")]))
    assert [a.title for a in page] == ["One", "Two"] and seen == [["One", "Two"]]
    assert bylines.attach_bylines([]) == [] and len(seen) == 1


def test_registering_a_name_again_replaces_it(monkeypatch):
    monkeypatch.setattr(bylines, "_attachers", {})
    calls = []
    bylines.register("x", lambda page: calls.append("old"))
    bylines.register("x", lambda page: calls.append("new"))
    bylines.attach_bylines([Article(title="One")])
    assert calls == ["new"]


def test_an_article_no_list_touched_has_no_contributor():
    assert Article(title="One").contributor_ref is None

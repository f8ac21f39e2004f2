"""An application's checks against a made-up publisher served on 127.0.0.1 (``join_site``)."""

from __future__ import annotations

import json

import pytest

from localwire.publishers import checks
from localwire.publishers.item_checks import ItemFindings, full_text, item_checks, original
from localwire.publishers.tests import join_site
from localwire.stories.syndicated import syndicate
from localwire.testing.factories import ArticleFactory, PublisherFactory
from localwire.testing.httpserver import LocalServer

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(site):
    """The made-up publisher of join_site.py, served."""
    site.base = join_site.serve(site)
    return site


def by_name(found: dict) -> dict:
    return {c["name"]: c for c in found["checks"]}


def one_feed(site, path: str) -> dict:
    found = checks.run_checks(site.base + "/", [site.base + path], "Riverbend Ledger")
    json.dumps(found)  # stored in a JSONField and sent by the API as it is
    return found["feeds"][0]


def test_a_full_text_feed_passes_every_check(site):
    feed = one_feed(site, "/full.xml")
    assert feed["ok"] and feed["title"] == "Riverbend Ledger"
    found = by_name(feed)
    assert list(found) == ["feed", "full_text", "bylines", "dates", "images", "image_credits", "original"]
    assert found["feed"]["detail"] == "A feed with 5 items."
    assert "5 of 5 items can be read in full (all of them carry the full text in the feed)" in found["full_text"]["detail"]
    assert found["bylines"]["detail"] == "5 of 5 items name their author."
    assert found["image_credits"]["detail"] == "5 of 5 images carry a credit."


def test_the_sample_is_a_constant_number_of_items(site, monkeypatch):
    monkeypatch.setattr(checks, "SAMPLE_SIZE", 2)
    feed = one_feed(site, "/full.xml")
    assert by_name(feed)["bylines"]["detail"] == "2 of 2 items name their author."
    assert sum(site.hits(f"/news/{slug}") for slug, *_ in join_site.STORIES) == 2


def test_summaries_only_pass_when_the_pages_extract(site):
    feed = one_feed(site, "/summaries.xml")
    found = by_name(feed)
    assert feed["ok"]
    assert found["full_text"]["detail"] == (
        "5 of 5 items can be read in full (items carry summaries only and 5 of 5 pages could be read).")
    assert found["images"]["detail"] == "5 of 5 items have an image."


def test_pages_that_404_fail_full_text_and_say_which(site):
    feed = one_feed(site, "/gone.xml")
    found = by_name(feed)
    assert not feed["ok"] and not found["full_text"]["ok"]
    detail = found["full_text"]["detail"]
    assert detail.startswith("0 of 5 items can be read in full (items carry summaries only and 0 of 5 pages")
    assert f"{site.base}/news/gone-ferry: the page could not be read (HTTP 404)" in detail
    assert "and 2 more" in detail and "Put the full text in the feed" in detail
    assert not found["images"]["ok"] and found["image_credits"]["ok"]  # nothing to credit is no fault


def test_a_page_that_is_no_feed_fails_the_feed_check_and_stops_there(site):
    feed = one_feed(site, "/not-a-feed")
    assert not feed["ok"]
    [only] = feed["checks"]
    assert only["name"] == "feed" and not only["ok"]
    assert "is not a feed" in only["detail"] and "links to none" in only["detail"]


def test_items_copying_a_stored_article_are_counted_and_named(site):
    stored = ArticleFactory(publisher=PublisherFactory(name="Valley Wire"), title="Water board raises rates",
                            text="\n\n".join(join_site.COPIED))
    syndicate(stored)
    found = by_name(one_feed(site, "/copies.xml"))["original"]
    assert not found["ok"]  # one of the two sampled items is a copy: not mostly original
    assert found["detail"].startswith("1 of 2 items copy articles already stored here: “Water rates rise nine percent”")
    assert "“Water board raises rates” by Valley Wire" in found["detail"]


def test_the_site_with_an_about_page(site):
    found = checks.run_checks(site.base + "/", [site.base + "/full.xml"])
    assert [c["name"] for c in found["site"]["checks"]] == ["website", "about", "not_listed"]
    about = found["site"]["checks"][1]
    assert about["ok"] and about["detail"].startswith(f"An About page at {site.base}/about-us (")
    assert found["failed"] == 0 and found["passed"] == 10 and found["sample_size"] == checks.SAMPLE_SIZE


def test_a_site_without_an_about_page(settings):
    settings.LOCALWIRE_FETCH_ALLOW_PRIVATE = "127.0.0.1"
    with LocalServer() as server:
        base = join_site.serve(server, about=False)
        found = checks.run_checks(base + "/", [base + "/full.xml"])
    website, about, _ = found["site"]["checks"]
    assert website["ok"] and not about["ok"]
    assert about["detail"].startswith("The home page links to no About page.")
    assert found["failed"] == 1


def test_a_private_address_is_a_failed_check_not_a_crash(settings):
    settings.LOCALWIRE_FETCH_ALLOW_PRIVATE = ""  # as in production: 127.0.0.1 is refused
    with LocalServer() as server:
        base = join_site.serve(server)
        found = checks.run_checks(base + "/", [base + "/full.xml", "http://10.0.0.8/feed.xml"])
        assert server.requests == []  # nothing reached the server
    for feed in found["feeds"]:
        [only] = feed["checks"]
        assert not feed["ok"] and not only["ok"]
    assert "loopback" in found["feeds"][0]["checks"][0]["detail"]
    assert "private" in found["feeds"][1]["checks"][0]["detail"]
    website, about, _ = found["site"]["checks"]
    assert not website["ok"] and "refused" in website["detail"] and "loopback" in website["detail"]
    assert found["passed"] == 1 and found["failed"] == 4  # only "not listed yet" needs no fetch


def test_the_time_budget_stops_fetching_and_says_so(site, monkeypatch):
    monkeypatch.setattr(checks, "TOTAL_SECONDS", 0.0)
    found = checks.run_checks(site.base + "/", [site.base + "/full.xml"])
    assert site.requests == []
    assert "ran out" in found["feeds"][0]["checks"][0]["detail"]
    assert "ran out" in found["site"]["checks"][0]["detail"]


# --- the rules over findings, without a site ---------------------------------------------------

def test_a_feed_summary_next_to_a_long_page_is_not_full_text():
    page_read = ItemFindings(url="u", feed_words=30, page_words=300)
    assert not page_read.feed_full and page_read.page_ok
    neither = ItemFindings(url="v", feed_words=30, page_error="HTTP 500")
    result = full_text([page_read] * 4 + [neither])
    assert result["ok"]  # 4 of 5 readable is the 80 % needed
    assert result["detail"].startswith("4 of 5 items can be read in full (items carry summaries only and 4 of 5 pages")
    assert not full_text([page_read] * 3 + [neither] * 2)["ok"]


def test_half_the_sample_copied_is_still_mostly_original():
    from localwire.contributors.holds import CopyHit

    hit = CopyHit(article_id=1, title="Elsewhere", publisher="Wire", share=0.95)
    items = [ItemFindings(url="a", title="A", copy=hit), ItemFindings(url="b"), ItemFindings(url="c", copy=hit),
             ItemFindings(url="d"), ItemFindings(url="e"), ItemFindings(url="f")]
    assert original(items)["ok"]  # 2 of 6
    assert not original(items[:3])["ok"]  # 2 of 3
    assert "“A” is 95 % “Elsewhere” by Wire" in original(items)["detail"]
    assert [c["name"] for c in item_checks(items)][-1] == "original"


def test_a_site_listed_already_is_pointed_to_claiming(site):
    listed = PublisherFactory(name="Riverbend Ledger", website=site.base + "/news")
    found = checks.run_checks(site.base + "/", [site.base + "/full.xml"])
    not_listed = found["site"]["checks"][2]
    assert not not_listed["ok"] and f"/publisher/{listed.slug}/" in not_listed["detail"]
    assert "Claim this profile" in not_listed["detail"]


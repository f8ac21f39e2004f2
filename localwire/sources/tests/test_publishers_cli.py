"""``localwire publishers list|edit`` and the admin's feed form, in-process on the test database."""

from __future__ import annotations

import pytest

from localwire.cli import main
from localwire.nlp.analyze import resolve_home
from localwire.sources.models import Feed, Publisher
from localwire.testing.factories import FeedFactory, PublisherFactory
from localwire.testing.httpserver import LocalServer

pytestmark = pytest.mark.django_db


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_publishers_list_shows_every_field_and_the_feed_count(capsys):
    publisher = PublisherFactory(slug="valley-weekly", name="Valley Weekly", kind="weekly",
                                 website="https://valley.example.org/", home_city="Springfield, Illinois")
    FeedFactory(publisher=publisher)
    FeedFactory(publisher=publisher)
    PublisherFactory(slug="bare", name="Bare", kind="other", website="")
    code, out, _ = run(capsys, "publishers", "list")
    assert code == 0
    assert ("valley-weekly\tValley Weekly\tweekly\thttps://valley.example.org/\tSpringfield, Illinois\t2 feeds"
            in out.splitlines())
    assert "bare\tBare\tother\t-\t-\t0 feeds" in out.splitlines()


@pytest.mark.slow  # loads the gazetteer
def test_publishers_edit_sets_every_field(capsys):
    publisher = PublisherFactory(slug="kxrt", name="kxrt.example.org", kind="other", website="")
    code, out, _ = run(capsys, "publishers", "edit", "kxrt", "--name", "KXRT 7 News", "--kind", "tv",
                       "--website", "http://127.0.0.1:8321/", "--home-city", "Springfield, Illinois, US")
    assert code == 0 and out.startswith("updated kxrt:")
    publisher.refresh_from_db()
    assert (publisher.slug, publisher.name, publisher.kind, publisher.website) == (
        "kxrt", "KXRT 7 News", "tv", "http://127.0.0.1:8321/")
    # Stored so that the analyser reads back the very town picked (Illinois, not Missouri).
    assert resolve_home(publisher.home_city).geonameid == 4250542


@pytest.mark.slow  # loads the gazetteer
def test_an_ambiguous_home_city_is_an_error_listing_the_matches(capsys):
    publisher = PublisherFactory(slug="gazette", home_city="")
    code, _, err = run(capsys, "publishers", "edit", "gazette", "--home-city", "Springfield")
    assert code == 2
    assert '"Springfield, Illinois, US"' in err and '"Springfield, Missouri, US"' in err
    assert "nothing was changed" in err
    publisher.refresh_from_db()
    assert publisher.home_city == ""


@pytest.mark.slow  # loads the gazetteer
def test_an_unknown_home_city_is_an_error(capsys):
    PublisherFactory(slug="gazette")
    code, _, err = run(capsys, "publishers", "edit", "gazette", "--home-city", "Qqxvillezz")
    assert code == 2 and "--home-city: no city 'Qqxvillezz' is known" in err


@pytest.mark.parametrize("option, value, message", [
    ("--kind", "tabloid", "--kind: must be one of tv, radio, agency, paper, weekly, magazine, online, broadcaster, blog, other"),
    ("--website", "javascript:alert(1)", "--website: must be an http:// or https:// address"),
    ("--website", "example.org", "--website: must be an http:// or https:// address"),
    ("--name", "   ", "--name: cannot be empty"),
])
def test_invalid_values_change_nothing(capsys, option, value, message):
    publisher = PublisherFactory(slug="gazette", name="Gazette", kind="paper")
    code, _, err = run(capsys, "publishers", "edit", "gazette", "--name", "New name", option, value)
    assert code == 2 and message in err
    publisher.refresh_from_db()
    assert (publisher.name, publisher.kind) == ("Gazette", "paper")


def test_edit_of_an_unknown_slug_or_with_nothing_to_change(capsys):
    assert run(capsys, "publishers", "edit", "nobody", "--kind", "tv")[0] == 1
    PublisherFactory(slug="gazette")
    assert run(capsys, "publishers", "edit", "gazette")[0] == 2


def test_empty_values_clear_website_and_home_city(capsys):
    publisher = PublisherFactory(slug="gazette", website="https://g.example.org/", home_city="Springfield, Illinois")
    assert run(capsys, "publishers", "edit", "gazette", "--website", "", "--home-city", "")[0] == 0
    publisher.refresh_from_db()
    assert (publisher.website, publisher.home_city) == ("", "")


# --- the admin's feed form checks URLs as `feeds add` does --------------------------------------

def test_admin_feed_form_refuses_a_refused_url(admin_client, settings):
    settings.LOCALWIRE_FETCH_ALLOW_PRIVATE = ""
    publisher = PublisherFactory()
    response = admin_client.post("/admin/sources/feed/add/", _feed_form(publisher, "http://169.254.169.254/latest/"))
    assert response.status_code == 200
    assert "refused: 169.254.169.254 is a link-local address" in response.content.decode()
    assert not Feed.objects.exists()


def test_admin_feed_form_refuses_a_broken_feed_and_takes_a_good_one(admin_client, settings):
    settings.LOCALWIRE_FETCH_ALLOW_PRIVATE = "127.0.0.1"
    publisher = PublisherFactory()
    with LocalServer() as server:
        server.route("/broken.xml", lambda r: (200, {"Content-Type": "application/rss+xml"}, b"<rss><channel><title>B"))
        server.route("/good.xml", lambda r: (200, {"Content-Type": "application/rss+xml"},
                                             b'<rss version="2.0"><channel><title>Good</title></channel></rss>'))
        broken = admin_client.post("/admin/sources/feed/add/", _feed_form(publisher, server.url("/broken.xml")))
        assert "broken: malformed XML" in broken.content.decode() and not Feed.objects.exists()
        good = admin_client.post("/admin/sources/feed/add/", _feed_form(publisher, server.url("/good.xml")))
    assert good.status_code == 302
    assert Feed.objects.get().url == server.url("/good.xml")


def _feed_form(publisher: Publisher, url: str) -> dict:
    return {"publisher": publisher.pk, "url": url, "title": "", "next_fetch_at_0": "2026-01-01",
            "next_fetch_at_1": "00:00:00", "enabled": "on", "created_at_0": "2026-01-01", "created_at_1": "00:00:00"}


def test_admin_publisher_form_takes_only_an_http_website(admin_client):
    form = {"name": "Gazette", "slug": "gazette", "kind": "paper", "about": "", "home_city": "",
            "created_at_0": "2026-01-01", "created_at_1": "00:00:00",
            "feeds-TOTAL_FORMS": "0", "feeds-INITIAL_FORMS": "0", "feeds-MIN_NUM_FORMS": "0", "feeds-MAX_NUM_FORMS": "1000"}
    refused = admin_client.post("/admin/sources/publisher/add/", {**form, "website": "ftp://files.example.org/"})
    assert "must be an http:// or https:// address" in refused.content.decode()
    assert not Publisher.objects.exists()
    taken = admin_client.post("/admin/sources/publisher/add/", {**form, "website": "https://gazette.example.org/"})
    assert taken.status_code == 302
    assert Publisher.objects.get().website == "https://gazette.example.org/"

"""Export follows, import them again (here and on a fresh account), and refuse hostile files."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from localwire.channels.models import Channel, ChannelAlias
from localwire.community import actions, portability
from localwire.community.models import Follow
from localwire.testing.factories import ChannelFactory, FeedFactory, PublisherFactory, UserFactory


def _state(user) -> set[tuple[str, str, bool]]:
    return {(actions.kind_of(f.target), f.target.slug, f.muted)
            for f in Follow.objects.filter(user=user).select_related("channel", "publisher")}


@pytest.fixture
def reader():
    user = UserFactory()
    publisher = PublisherFactory(slug="river-gazette", name="River Gazette")
    FeedFactory(publisher=publisher, url="https://river-gazette.example.org/feed.xml")
    FeedFactory(publisher=publisher, url="https://river-gazette.example.org/sports.xml")
    actions.follow(user, publisher)
    actions.follow(user, PublisherFactory(slug="quiet-weekly", name="Quiet Weekly"))  # no feeds
    actions.follow(user, ChannelFactory(kind=Channel.Kind.PERSON, slug="ana-ruiz", name="Ana Ruiz"))
    actions.follow(user, ChannelFactory(kind=Channel.Kind.CITY, slug="little-rock-ar", name="Little Rock"))
    actions.mute(user, ChannelFactory(kind=Channel.Kind.TAG, slug="horoscopes", name="Horoscopes"))
    actions.mute(user, PublisherFactory(slug="shouty-news"))
    return user


def _upload(client, name: str, data: bytes):
    return client.post(reverse("follows_import"), {"file": SimpleUploadedFile(name, data)})


@pytest.mark.django_db
def test_json_export_then_import_on_a_fresh_account_gives_the_same_follows(client, reader):
    client.force_login(reader)
    response = client.get(reverse("follows_json"))
    assert response["Content-Disposition"].startswith('attachment; filename="localwire-follows-')
    doc = json.loads(response.content)
    assert doc["format"] == "localwire-follows" and doc["version"] == 1
    assert {"kind": "person", "slug": "ana-ruiz", "name": "Ana Ruiz"} in doc["follows"]
    assert {"kind": "tag", "slug": "horoscopes", "name": "Horoscopes"} in doc["mutes"]
    fresh = UserFactory()
    client.force_login(fresh)
    response = _upload(client, "follows.json", response.content)
    assert response.status_code == 200
    assert _state(fresh) == _state(reader) and len(_state(fresh)) == 6
    assert "Followed 4, muted 2, not found 0" in response.content.decode()


@pytest.mark.django_db
def test_import_follows_merged_slugs_and_reports_what_is_not_here(reader):
    target = Channel.objects.get(slug="ana-ruiz")
    ChannelAlias.objects.create(kind="person", slug="a-ruiz", channel=target)
    doc = {"format": "localwire-follows", "version": 1, "follows": [
        {"kind": "person", "slug": "a-ruiz", "name": "A. Ruiz"},
        {"kind": "topic", "slug": "not-on-this-site", "name": "Nowhere"},
    ], "mutes": []}
    fresh = UserFactory()
    report = portability.import_file(fresh, json.dumps(doc).encode())
    assert report.followed == ["Ana Ruiz (person/ana-ruiz)"]
    assert report.unmatched == ["Nowhere (topic/not-on-this-site)"]
    assert not Channel.objects.filter(slug="not-on-this-site").exists()  # imports never create channels


@pytest.mark.django_db
def test_opml_export_lists_feeds_and_channel_pages_and_imports_back(client, reader):
    client.force_login(reader)
    body = client.get(reverse("follows_opml")).content
    text = body.decode()
    assert 'xmlUrl="https://river-gazette.example.org/feed.xml"' in text
    assert 'xmlUrl="https://river-gazette.example.org/sports.xml"' in text
    assert 'htmlUrl="http://testserver/c/person/ana-ruiz/"' in text
    assert 'htmlUrl="http://testserver/publisher/quiet-weekly/"' in text
    assert "horoscopes" not in text  # mutes stay out of OPML
    fresh = UserFactory()
    portability.import_file(fresh, body)
    assert _state(fresh) == {s for s in _state(reader) if not s[2]}


@pytest.mark.django_db
def test_opml_from_another_reader_matches_feeds_and_websites():
    publisher = PublisherFactory(slug="valley-news", website="https://valley.example.org/")
    FeedFactory(publisher=publisher, url="https://valley.example.org/rss")
    other = PublisherFactory(slug="hill-times", website="https://hill.example.org/")
    opml = b"""<?xml version="1.0"?><opml version="2.0"><head><title>mine</title></head><body>
      <outline text="News"><outline text="Valley" type="rss" xmlUrl="https://valley.example.org/rss"/>
      <outline text="Hill" type="rss" xmlUrl="https://hill.example.org/unknown.xml" htmlUrl="https://hill.example.org/"/>
      <outline text="Elsewhere" type="rss" xmlUrl="https://elsewhere.example.org/feed"/></outline></body></opml>"""
    user = UserFactory()
    report = portability.import_file(user, opml)
    assert {f.publisher for f in Follow.objects.filter(user=user)} == {publisher, other}
    assert report.unmatched == ["Elsewhere"]


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<opml version="2.0"><body><outline text="&lol3;" xmlUrl="https://x.example/"/></body></opml>"""
EXTERNAL = b"""<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<opml version="2.0"><body><outline text="&xxe;" xmlUrl="https://x.example/"/></body></opml>"""


@pytest.mark.django_db
@pytest.mark.parametrize("name, data, complaint", [
    ("bomb.opml", BOMB, "cannot be read"),
    ("xxe.opml", EXTERNAL, "cannot be read"),
    ("broken.opml", b"<opml><body><outline text='unclosed'></body>", "cannot be read"),
    ("other.xml", b"<rss><channel/></rss>", "not an OPML file"),
    ("bad.json", b"{not json", "cannot be read"),
    ("foreign.json", b'{"subscriptions": []}', "not a Localwire follows export"),
    ("future.json", b'{"format": "localwire-follows", "version": 99}', "version 99"),
    ("wrong-shape.json", b'{"format": "localwire-follows", "version": 1, "follows": [1, 2]}', "needs a"),
    ("image.png", b"\x89PNG\r\n\x1a\n", "neither"),
])
def test_hostile_or_foreign_uploads_are_refused_cleanly(client, name, data, complaint):
    user = UserFactory()
    client.force_login(user)
    response = _upload(client, name, data)
    assert response.status_code == 400
    assert complaint in response.content.decode()
    assert not Follow.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_huge_uploads_are_refused_before_they_are_read(client):
    client.force_login(UserFactory())
    response = _upload(client, "huge.json", b"{" + b" " * (portability.MAX_BYTES + 10) + b"}")
    assert response.status_code == 400
    assert "larger than" in response.content.decode()


def test_too_many_entries_are_refused():
    doc = {"format": "localwire-follows", "version": 1,
           "follows": [{"kind": "tag", "slug": f"t{n}"} for n in range(portability.MAX_ITEMS + 1)]}
    with pytest.raises(portability.ImportRefused, match="at most"):
        portability.read_upload(json.dumps(doc).encode())

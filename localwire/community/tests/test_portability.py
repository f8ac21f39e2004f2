"""Export follows, import them again (here and on a fresh account), and refuse hostile files."""

from __future__ import annotations

import json
from xml.etree import ElementTree

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
def test_opml_export_gives_every_follow_a_feed_this_site_serves_and_imports_back(client, reader):
    import feedparser

    client.force_login(reader)
    body = client.get(reverse("follows_opml")).content
    root = ElementTree.fromstring(body)  # a real XML parser, not string matching
    folders = root.find("body").findall("outline")
    assert [f.get("text") for f in folders] == ["Publishers", "People", "Cities"]  # no empty folder
    outlines = [o for f in folders for o in f.findall("outline")]
    assert sorted(o.get("text") for o in outlines) == ["Ana Ruiz", "Little Rock", "Quiet Weekly", "River Gazette"]
    for outline in outlines:
        assert outline.get("type") == "rss" and outline.get("xmlUrl").startswith("http://testserver/")
        response = client.get(outline.get("xmlUrl"))
        assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
        feed = feedparser.parse(response.content)
        assert not feed.bozo and feed.version == "rss20"
        assert client.get(outline.get("htmlUrl")).status_code == 200
    by_name = {o.get("text"): o for o in outlines}
    assert by_name["Ana Ruiz"].get("xmlUrl") == "http://testserver/c/person/ana-ruiz/feed.rss"
    assert by_name["River Gazette"].get("htmlUrl") == "http://testserver/publisher/river-gazette/"
    assert b"horoscopes" not in body and b"shouty" not in body  # mutes stay out of OPML
    fresh = UserFactory()
    report = portability.import_file(fresh, body)
    assert _state(fresh) == {s for s in _state(reader) if not s[2]} and report.unmatched == []


@pytest.mark.django_db
def test_opml_of_a_reader_who_follows_only_channels_has_no_empty_publishers_folder(client):
    user = UserFactory()
    actions.follow(user, ChannelFactory(kind=Channel.Kind.TOPIC, slug="housing", name="Housing"))
    client.force_login(user)
    root = ElementTree.fromstring(client.get("/api/v1/me/follows/export?format=opml").content)
    folders = root.find("body").findall("outline")
    assert [(f.get("text"), [o.get("xmlUrl") for o in f]) for f in folders] == [
        ("Topics", ["http://testserver/c/topic/housing/feed.rss"])]


@pytest.mark.django_db
def test_opml_from_another_localwire_site_matches_by_its_feed_addresses():
    PublisherFactory(slug="valley-news", name="Valley News")
    ChannelFactory(kind=Channel.Kind.TOPIC, slug="housing", name="Housing")
    opml = b"""<?xml version="1.0"?><opml version="2.0"><body><outline text="Topics">
      <outline text="Housing" type="rss" xmlUrl="https://news.example.org/c/topic/housing/feed.rss"/>
      <outline text="Valley" type="rss" xmlUrl="https://news.example.org/publisher/valley-news/feed.atom"/>
      <outline text="Gone" type="rss" xmlUrl="https://news.example.org/c/topic/not-here/feed.rss"/>
      </outline></body></opml>"""
    user = UserFactory()
    report = portability.import_file(user, opml)
    assert sorted(report.followed) == ["Housing (topic/housing)", "Valley News (publisher/valley-news)"]
    assert report.unmatched == ["Gone (topic/not-here)"]


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


@pytest.mark.django_db
def test_the_json_export_holds_the_profile_and_comments_too(client):
    from localwire.testing.factories import CommentFactory, ProfileFactory

    user = UserFactory(email="ana@example.org")
    ProfileFactory(user=user, display_name="Ana R.", home_geonameid=4119403, home_name="Little Rock",
                   home_region="Arkansas", home_country="US", home_lat=34.75, home_lon=-92.29)
    comment = CommentFactory(user=user, body="The tram line is overdue.")
    client.force_login(user)
    for doc in (json.loads(client.get(reverse("follows_json")).content), client.get("/api/v1/me/follows/export").json()):
        assert doc["profile"] == {"username": user.username, "email": "ana@example.org", "display_name": "Ana R.",
                                  "home": {"geonameid": 4119403, "label": "Little Rock, Arkansas, US"}}
        assert [(c["id"], c["body"], c["article_id"]) for c in doc["comments"]] == [
            (comment.pk, "The tram line is overdue.", comment.article_id)]
    assert portability.import_file(UserFactory(), json.dumps(doc).encode()).unmatched == []  # still imports

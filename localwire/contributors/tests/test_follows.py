"""A contributor is a channel readers follow: through /me/follows, and in follows export and import."""

from __future__ import annotations

import json

import pytest

from localwire.community.models import Follow
from localwire.testing.clients import bearer_client
from localwire.testing.factories import ContributorFactory, UserFactory

BASE = "/api/v1/me"


@pytest.mark.django_db
def test_follow_export_and_import_a_contributor():
    contributor = ContributorFactory(name="Ana Ruiz", slug="ana-ruiz")
    reader = bearer_client(UserFactory())
    followed = reader.post(f"{BASE}/follows", {"kind": "contributor", "slug": "ana-ruiz"},
                           content_type="application/json")
    assert followed.status_code == 201 and followed.json()["url"] == "/contributor/ana-ruiz/"
    exported = reader.get(f"{BASE}/follows/export").json()
    assert exported["follows"] == [{"kind": "contributor", "slug": "ana-ruiz", "name": "Ana Ruiz"}]
    other = UserFactory()
    report = bearer_client(other).post(f"{BASE}/follows/import", json.dumps(exported),
                                 content_type="application/json").json()
    assert report["unmatched"] == [] and len(report["followed"]) == 1
    assert Follow.objects.get(user=other).channel == contributor.channel


@pytest.mark.django_db
def test_opml_export_files_a_contributor_under_contributors_and_imports_again():
    contributor = ContributorFactory(name="Ana Ruiz", slug="ana-ruiz")
    reader = bearer_client(UserFactory())
    reader.post(f"{BASE}/follows", {"kind": "contributor", "slug": "ana-ruiz"}, content_type="application/json")
    opml = reader.get(f"{BASE}/follows/export?format=opml").content.decode()
    assert 'text="Contributors"' in opml and "/c/contributor/ana-ruiz/feed.rss" in opml
    other = UserFactory()
    response = bearer_client(other).post(f"{BASE}/follows/import", opml, content_type="text/x-opml")
    assert response.status_code == 200 and response.json()["unmatched"] == []
    assert Follow.objects.get(user=other).channel == contributor.channel

"""Operators read the audit trails in the admin and cannot rewrite them there."""

from __future__ import annotations

import pytest
from django.utils import timezone

from localwire.articles.models import TakenDown
from localwire.publishers.audit import log_action
from localwire.testing.factories import PublisherFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("listing, shown", [("/admin/publishers/action/", "feed.pause"),
                                             ("/admin/articles/takendown/", "Withdrawn report")])
def test_audit_trails_are_listed_but_cannot_be_added(admin_client, listing, shown):
    publisher = PublisherFactory(name="Harbour Gazette")
    log_action(publisher, UserFactory(username="desk"), "feed.pause", feed=3)
    TakenDown.objects.create(article_id=7, publisher=publisher, canonical_url="https://gazette.example/7",
                             url="https://gazette.example/7", title="Withdrawn report", published_at=timezone.now(),
                             reason="A quote was wrong.", by_name="desk")
    page = admin_client.get(listing)
    assert page.status_code == 200
    assert shown in page.content.decode()
    assert admin_client.get(listing + "add/").status_code == 403


def test_an_audit_row_cannot_be_deleted_in_the_admin(admin_client):
    action = log_action(PublisherFactory(), UserFactory(), "profile.update", changes={})
    assert admin_client.post(f"/admin/publishers/action/{action.pk}/delete/", {"post": "yes"}).status_code == 403
    assert action.__class__.objects.filter(pk=action.pk).exists()

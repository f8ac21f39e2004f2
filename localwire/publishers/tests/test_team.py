"""A publisher's team: invitations by e-mail (once, for seven days), leaving and removing, all logged."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from localwire.publishers import team
from localwire.publishers.access import manages
from localwire.publishers.models import Action, Invite
from localwire.testing.factories import ManagerFactory, UserFactory


def link(token: str) -> str:
    return f"https://news.example.org/portal/invite/{token}"


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def manager():
    return ManagerFactory(user=UserFactory(username="editor"))


def sent_token(django_capture_on_commit_callbacks, manager, email="desk@example.org"):
    with django_capture_on_commit_callbacks(execute=True):
        row = team.invite(manager.publisher, manager.user, email, link)
    return row, re.search(r"/portal/invite/(\S+)", mail.outbox[-1].body).group(1)


def actions(publisher) -> list[str]:
    return list(Action.objects.filter(publisher=publisher).order_by("id").values_list("action", flat=True))


@pytest.mark.django_db
def test_an_invitation_is_mailed_with_a_link_and_only_its_hash_is_kept(manager, django_capture_on_commit_callbacks):
    row, token = sent_token(django_capture_on_commit_callbacks, manager)
    message = mail.outbox[0]
    assert message.to == ["desk@example.org"] and manager.publisher.name in message.subject
    assert link(token) in message.body
    assert row.token_hash == team.hash_invite(token) and token not in row.token_hash
    assert timedelta(days=6, hours=23) < row.expires_at - timezone.now() <= timedelta(days=7)
    assert actions(manager.publisher) == ["invite.send"]


@pytest.mark.django_db
def test_accepting_makes_a_manager_once(manager, django_capture_on_commit_callbacks):
    _, token = sent_token(django_capture_on_commit_callbacks, manager)
    colleague = UserFactory()
    assert team.accept_invite(token, colleague) == manager.publisher
    assert manages(colleague, manager.publisher)
    row = manager.publisher.managers.get(user=colleague)
    assert row.via == "invite" and row.added_by == manager.user
    assert actions(manager.publisher) == ["invite.send", "invite.accept", "manager.add"]
    with pytest.raises(team.TeamError, match="already been used"):
        team.accept_invite(token, UserFactory())


@pytest.mark.django_db
def test_an_expired_invitation_is_refused(manager, django_capture_on_commit_callbacks):
    row, token = sent_token(django_capture_on_commit_callbacks, manager)
    Invite.objects.filter(pk=row.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(team.TeamError, match="expired"):
        team.accept_invite(token, UserFactory())
    assert manager.publisher.managers.count() == 1


@pytest.mark.django_db
def test_an_unknown_token_is_refused():
    with pytest.raises(team.TeamError, match="not one we know"):
        team.accept_invite("made-up-token", UserFactory())


@pytest.mark.django_db
def test_a_second_invitation_to_the_same_address_replaces_the_first(manager, django_capture_on_commit_callbacks):
    _, first = sent_token(django_capture_on_commit_callbacks, manager)
    _, second = sent_token(django_capture_on_commit_callbacks, manager, "DESK@example.org")
    assert len(team.pending_invites(manager.publisher)) == 1
    with pytest.raises(team.TeamError, match="not one we know"):
        team.accept_invite(first, UserFactory())
    team.accept_invite(second, UserFactory())


@pytest.mark.django_db
def test_a_manager_is_not_invited_again_nor_a_non_address(manager):
    with pytest.raises(team.TeamError, match="already manages"):
        team.invite(manager.publisher, manager.user, manager.user.email.upper(), link)
    with pytest.raises(team.TeamError, match="e-mail address"):
        team.invite(manager.publisher, manager.user, "desk", link)
    assert not Invite.objects.exists()


@pytest.mark.django_db
def test_withdrawing_an_invitation_is_logged(manager, django_capture_on_commit_callbacks):
    row, token = sent_token(django_capture_on_commit_callbacks, manager)
    team.cancel_invite(manager.publisher, manager.user, row.pk)
    with pytest.raises(team.TeamError):
        team.accept_invite(token, UserFactory())
    assert actions(manager.publisher)[-1] == "invite.cancel"


@pytest.mark.django_db
def test_a_manager_removes_another_and_may_leave_but_not_as_the_last(manager):
    colleague = ManagerFactory(publisher=manager.publisher, user=UserFactory(username="reporter"))
    team.remove_manager(manager.publisher, manager.user, "reporter")
    assert not manages(colleague.user, manager.publisher)
    with pytest.raises(team.TeamError, match="only manager"):
        team.remove_manager(manager.publisher, manager.user, "editor")
    assert manages(manager.user, manager.publisher)
    ManagerFactory(publisher=manager.publisher, user=UserFactory(username="desk"))
    team.remove_manager(manager.publisher, manager.user, "editor")
    assert not manages(manager.user, manager.publisher)
    logged = Action.objects.filter(publisher=manager.publisher).order_by("id")
    assert [(a.action, a.username, a.detail["user"]) for a in logged] == [
        ("manager.remove", "editor", "reporter"), ("manager.leave", "editor", "editor")]


@pytest.mark.django_db
def test_only_managers_change_the_team(manager):
    ManagerFactory(publisher=manager.publisher, user=UserFactory(username="reporter"))
    with pytest.raises(team.TeamError):
        team.remove_manager(manager.publisher, UserFactory(), "reporter")
    with pytest.raises(LookupError):
        team.remove_manager(manager.publisher, manager.user, "nobody")
    assert manager.publisher.managers.count() == 2

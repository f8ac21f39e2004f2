"""Sign-up, log-in and its throttle, password reset, profile and home city, deleting an account."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from localwire.community import throttle
from localwire.community.models import ApiToken, Follow, Profile
from localwire.testing.factories import (
    PASSWORD, ArticleFactory, FollowFactory, ProfileFactory, PublisherFactory, UserFactory,
)

User = get_user_model()


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _signup(client, password, username="newreader", email="new@example.org"):
    return client.post(reverse("signup"), {"username": username, "email": email,
                                           "password1": password, "password2": password})


@pytest.mark.django_db
@pytest.mark.parametrize("password, complaint", [
    ("short1x", "too short"),
    ("password123", "too common"),
    ("83749210553", "entirely numeric"),
    ("newreader-x", "too similar"),
])
def test_sign_up_refuses_weak_passwords(client, password, complaint):
    response = _signup(client, password)
    assert response.status_code == 200
    assert complaint in response.content.decode()
    assert not User.objects.filter(username="newreader").exists()


@pytest.mark.django_db
def test_sign_up_with_a_strong_password_logs_in_and_makes_a_profile(client):
    response = _signup(client, PASSWORD)
    assert response.status_code == 302
    user = User.objects.get(username="newreader")
    assert Profile.objects.get(user=user).role == Profile.Role.READER
    assert client.get(reverse("account")).status_code == 200


@pytest.mark.django_db
def test_one_address_opens_only_so_many_accounts_an_hour(client, settings):
    settings.LOCALWIRE_SIGNUP_IP_LIMIT = 2
    for number in range(2):
        assert _signup(Client(), PASSWORD, username=f"reader{number}", email="").status_code == 302
    refused = _signup(Client(), PASSWORD, username="reader2", email="")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "Too many new accounts" in refused.content.decode()
    assert not User.objects.filter(username="reader2").exists()
    other = Client(REMOTE_ADDR="198.51.100.9")  # another network is not held back
    assert _signup(other, PASSWORD, username="reader3", email="").status_code == 302


@pytest.mark.django_db
def test_log_in_and_log_out_by_post(client):
    user = UserFactory()
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD, "next": "/search"})
    assert response.status_code == 302 and response["Location"] == "/search"
    assert client.get(reverse("following")).status_code == 200
    assert client.get(reverse("logout")).status_code == 405  # GET must not log anyone out
    client.post(reverse("logout"))
    assert client.get(reverse("following")).status_code == 302


@pytest.mark.django_db
def test_log_in_refuses_a_next_on_another_host(client):
    user = UserFactory()
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD,
                                              "next": "https://evil.example.com/"})
    assert response["Location"] == reverse("home")


def test_throttle_closes_after_the_limit_and_opens_after_the_window(settings):
    cache.clear()
    settings.LOCALWIRE_LOGIN_MAX_FAILURES = 3
    settings.LOCALWIRE_LOGIN_WINDOW = 900
    start = 1_000_000.0
    for n in range(3):
        assert throttle.retry_after("Ana", "10.0.0.1", now=start + n) == 0
        throttle.record_failure("ana", "10.0.0.1", now=start + n)
    assert throttle.retry_after("ana", "10.0.0.9", now=start + 10) == 890  # the username is locked anywhere
    assert throttle.retry_after("bob", "10.0.0.1", now=start + 10) == 890  # and so is the address
    assert throttle.retry_after("bob", "10.0.0.2", now=start + 10) == 0
    assert throttle.retry_after("ana", "10.0.0.1", now=start + 900) == 0
    throttle.record_failure("ana", "10.0.0.1", now=start + 901)  # a new window starts with one failure
    assert throttle.retry_after("ana", "10.0.0.1", now=start + 902) == 0


@pytest.mark.django_db
def test_log_in_is_refused_after_repeated_failures_even_with_the_right_password(client, settings):
    settings.LOCALWIRE_LOGIN_MAX_FAILURES = 5
    user = UserFactory()
    for _ in range(5):
        response = client.post(reverse("login"), {"username": user.username, "password": "wrong-guess-0000"})
        assert response.status_code == 200
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 200
    assert "Too many failed log-ins" in response.content.decode()
    assert "_auth_user_id" not in client.session
    cache.clear()  # the window has passed
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("hops, others_locked_out", [(0, True), (1, False)])
def test_behind_a_declared_proxy_one_guesser_does_not_lock_out_the_others(settings, hops, others_locked_out):
    settings.LOCALWIRE_LOGIN_MAX_FAILURES = 3
    settings.LOCALWIRE_PROXY_HOPS = hops
    proxy = {"REMOTE_ADDR": "10.0.0.1"}  # every request arrives from the proxy
    guesser = Client(**proxy, HTTP_X_FORWARDED_FOR="203.0.113.66")
    for number in range(3):  # three usernames, so only the address count can close
        guesser.post(reverse("login"), {"username": f"nobody{number}", "password": "wrong-guess-0000"})
    reader = UserFactory()
    other = Client(**proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")
    response = other.post(reverse("login"), {"username": reader.username, "password": PASSWORD})
    assert ("Too many failed log-ins" in response.content.decode()) is others_locked_out
    assert (response.status_code == 302) is not others_locked_out


@pytest.mark.django_db
def test_the_admin_log_in_shares_the_throttle(client, settings):
    settings.LOCALWIRE_LOGIN_MAX_FAILURES = 2
    staff = UserFactory(is_staff=True)
    for _ in range(2):
        client.post(reverse("login"), {"username": staff.username, "password": "wrong-guess-0000"})
    response = client.post("/admin/login/", {"username": staff.username, "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 200 and "Too many failed log-ins" in response.content.decode()


@pytest.mark.django_db
def test_password_reset_mails_a_working_link(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    user = UserFactory(email="ana@example.org")
    response = client.post(reverse("password_reset"), {"email": "ana@example.org"})
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["ana@example.org"]
    link = re.search(r"http://testserver(/account/password/reset/\S+)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    new_password = "evening-river-compass-17"
    response = client.post(form_page.redirect_chain[-1][0],
                           {"new_password1": new_password, "new_password2": new_password})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)


@pytest.mark.django_db
def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302 and mail.outbox == []


@pytest.mark.django_db
def test_profile_keeps_the_home_city_with_its_name(client):
    user = UserFactory()
    client.force_login(user)
    options = client.get(reverse("place_options"), {"q": "Little Ro"}).json()["places"]
    assert "Little Rock, Arkansas, US" in [o["label"] for o in options]
    response = client.post(reverse("account"), {"display_name": "  Ana   Ruiz ", "home": "Little Rock, Arkansas, US"})
    assert response.status_code == 302
    profile = Profile.objects.get(user=user)
    assert profile.display_name == "Ana Ruiz"
    assert profile.home_geonameid == 4119403
    assert (profile.home_name, profile.home_region, profile.home_country) == ("Little Rock", "Arkansas", "US")
    assert profile.home_lat == pytest.approx(34.75, abs=0.1)


@pytest.mark.django_db
def test_place_suggestions_put_exact_and_larger_places_first(client):
    client.force_login(UserFactory())
    labels = [o["label"] for o in client.get(reverse("place_options"), {"q": "paris"}).json()["places"]]
    assert labels[0] == "Paris, France, FR"
    assert "Paris, Texas, US" in labels
    assert client.get(reverse("place_options"), {"q": "p"}).json() == {"places": []}
    assert client.get(reverse("place_options"), {"q": "<script>" * 50}).json() == {"places": []}


@pytest.mark.django_db
def test_profile_refuses_a_city_that_does_not_exist(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("account"), {"display_name": "", "home": "Qwxzzy, Nowhere"})
    assert response.status_code == 200
    assert "No city called “Qwxzzy” is known here" in response.content.decode()
    assert not Profile.objects.filter(user=user, home_geonameid__isnull=False).exists()


@pytest.mark.django_db
def test_hostile_display_names_come_out_inert(client):
    hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>'
    profile = ProfileFactory(display_name=hostile[:60])
    client.force_login(profile.user)
    for url in (reverse("home"), reverse("account"), reverse("following")):
        body = client.get(url).content.decode()
        assert "<script>alert(1)" not in body and "<img src=x" not in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


@pytest.mark.django_db
def test_delete_account_needs_the_password_and_removes_everything(client):
    user = UserFactory()
    other = UserFactory()
    ProfileFactory(user=user)
    FollowFactory(user=user)
    FollowFactory(user=user, channel=None, publisher=PublisherFactory(), muted=True)
    FollowFactory(user=other)
    ApiToken.issue(user, "reader app")
    client.force_login(user)
    response = client.post(reverse("delete_account"), {"password": "not-my-password-99"})
    assert response.status_code == 200 and User.objects.filter(pk=user.pk).exists()
    response = client.post(reverse("delete_account"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
    assert not Profile.objects.filter(user_id=user.pk).exists()
    assert not Follow.objects.filter(user_id=user.pk).exists()
    assert not ApiToken.objects.filter(user_id=user.pk).exists()
    assert Follow.objects.filter(user=other).count() == 1  # nobody else's data goes
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_account_pages_need_a_log_in(client):
    for name in ("account", "following", "tokens", "delete_account", "follows_json", "follows_opml"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_pages_name_the_logged_in_reader_and_offer_log_out(client):
    profile = ProfileFactory(display_name="Dana W")
    ArticleFactory()
    client.force_login(profile.user)
    body = client.get(reverse("home")).content.decode()
    assert "Dana W" in body and 'action="/account/logout"' in body

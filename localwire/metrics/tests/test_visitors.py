import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from localwire.metrics.tests.conftest import BROWSER
from localwire.metrics.visitors import client_address, counts, is_bot, visitor_id

rf = RequestFactory()


@pytest.mark.parametrize("agent", [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2)",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0 Safari/537.36",
    "curl/8.5.0", "Wget/1.21.4", "python-requests/2.32.3", "Go-http-client/1.1",
    "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", "Some Site Crawler 3.1", "MegaSpider",
    "", "   ",
])
def test_machines_are_bots(agent):
    assert is_bot(agent)


@pytest.mark.parametrize("agent", [
    BROWSER,
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 "
    "Safari/537.36 Edg/126.0.0.0",
])
def test_browsers_are_not_bots(agent):
    assert not is_bot(agent)


def test_only_plain_gets_from_people_count():
    assert counts(rf.get("/article/1/", HTTP_USER_AGENT=BROWSER))
    assert not counts(rf.head("/article/1/", HTTP_USER_AGENT=BROWSER))
    assert not counts(rf.post("/article/1/", HTTP_USER_AGENT=BROWSER))
    assert not counts(rf.get("/article/1/"))  # no User-Agent at all
    assert not counts(rf.get("/article/1/", HTTP_USER_AGENT=BROWSER, HTTP_SEC_PURPOSE="prefetch;prerender"))
    assert not counts(rf.get("/article/1/", HTTP_USER_AGENT=BROWSER, HTTP_PURPOSE="prefetch"))


def _anonymous(**extra):
    request = rf.get("/article/1/", HTTP_USER_AGENT=BROWSER, **extra)
    request.user = AnonymousUser()
    return request


def test_anonymous_visitor_is_a_salted_hash_that_holds_no_address():
    request = _anonymous(REMOTE_ADDR="203.0.113.7")
    today, tomorrow = visitor_id(request, b"salt-one"), visitor_id(request, b"salt-two")
    assert today == visitor_id(_anonymous(REMOTE_ADDR="203.0.113.7"), b"salt-one")
    assert today != tomorrow  # a new salt each day: yesterday's hash cannot be matched today
    assert today != visitor_id(_anonymous(REMOTE_ADDR="203.0.113.8"), b"salt-one")
    assert "203.0.113.7" not in today and "203" not in today


@pytest.mark.django_db
def test_logged_in_visitor_is_the_user(django_user_model):
    user = django_user_model.objects.create_user("reader", password="x")
    request = rf.get("/article/1/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.7")
    request.user = user
    assert visitor_id(request, b"salt") == f"u{user.pk}"


def test_forwarded_for_is_read_only_behind_configured_proxies(settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.9")
    settings.LOCALWIRE_PROXY_HOPS = 0
    assert client_address(request) == "10.0.0.2"  # a header anyone can send is not trusted by default
    settings.LOCALWIRE_PROXY_HOPS = 1
    assert client_address(request) == "203.0.113.9"
    settings.LOCALWIRE_PROXY_HOPS = 2
    assert client_address(request) == "198.51.100.1"

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from localwire.community import actions
from localwire.community.follow_markup import button_html
from localwire.testing.factories import ChannelFactory, PublisherFactory, UserFactory

pytestmark = pytest.mark.django_db


def _request(user, path="/article/5/bridge?page=2&q=a b"):
    request = RequestFactory().get(path)
    request.user = user
    return request


def test_a_visitor_gets_a_log_in_link_carrying_the_follow_and_no_mute_button():
    channel = ChannelFactory(name='Ana & "Ruiz" <b>', slug="ana-ruiz")
    visitor = _request(AnonymousUser())
    link = str(button_html(visitor, channel, compact=True))
    assert link.startswith('<a class="follow__button follow__login follow__button--compact" href="/account/login?next=')
    assert "next=/article/5/bridge%3Fpage%3D2%26q%3Da%2520b&amp;follow=" + channel.kind + ":ana-ruiz" in link
    assert 'title="Log in to follow Ana &amp; &quot;Ruiz&quot; &lt;b&gt;"' in link and "<b>" not in link
    assert str(button_html(visitor, channel, mute=True)) == "" and str(button_html(None, channel)) == ""


def test_a_reader_gets_a_form_that_says_what_it_will_do():
    reader, channel, publisher = UserFactory(), ChannelFactory(name="Harbour"), PublisherFactory(name="Bay Post")
    actions.follow(reader, channel)
    actions.mute(reader, publisher)
    following = str(button_html(_request(reader), channel))
    assert 'name="csrfmiddlewaretoken" value="' in following and 'name="action" value="unfollow"' in following
    assert 'aria-pressed="true" aria-label="Follow Harbour" title="Unfollow Harbour"' in following
    muted = str(button_html(_request(reader), publisher, mute=True))
    assert 'class="follow__button follow__button--mute"' in muted and 'value="unmute"' in muted
    assert 'name="kind" value="publisher"' in muted
    not_followed = str(button_html(_request(reader), publisher))
    assert 'aria-pressed="false"' in not_followed and 'name="action" value="follow"' in not_followed

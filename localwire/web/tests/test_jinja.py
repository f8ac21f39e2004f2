"""The Jinja2 content of the hot pages keeps the markup of the Django templates it stands beside."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import engines
from django.template.loader import render_to_string
from django.test import RequestFactory

from localwire.channels.models import Channel
from localwire.testing.factories import ChannelFactory, UserFactory

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().get("/article/1/a-title/")
    request.user = user
    return request


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_jinja2_chips_are_the_django_chips(signed_in):
    """``_chips.jinja`` (article and story pages) and ``_chips.html`` (channel and publisher pages)
    are two copies of one block: they must not drift apart."""
    channels = [ChannelFactory(kind=Channel.Kind.PERSON, name="Ana <Ruiz>"), ChannelFactory(name="Floods & storms")]
    request = _request(UserFactory() if signed_in else AnonymousUser())
    args = {"channels": channels, "heading": "Related people", "block_id": "people-title", "follow": True}
    django = render_to_string("web/_chips.html", args, request=request)
    jinja = engines["jinja2"].from_string(
        '{% from "web/_chips.jinja" import chips with context %}'
        "{{ chips(channels, heading, block_id, follow=follow) }}").render(args, request=request)
    assert "Ana &lt;Ruiz&gt;" in jinja and ("follow__button" in jinja)
    assert _same(jinja) == _same(django)


def _same(html: str) -> str:
    """CSRF tokens are masked afresh at each render; a file's last newline is the file's, not the block's."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "csrf", html).rstrip("\n")

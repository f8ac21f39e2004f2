"""Nothing a page needs comes from another origin: a site on a closed network (or behind a strict
Content-Security-Policy) shows every page whole, the API docs included."""

from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from localwire.stories.models import Story, StoryMember
from localwire.testing.factories import ArticleChannelFactory, ImageFactory

pytestmark = pytest.mark.django_db


class Assets(HTMLParser):
    """Every address the browser loads by itself: scripts, styles, icons, images, frames, media."""

    LOADED_LINKS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload", "manifest"}

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and self.LOADED_LINKS & set((attrs.get("rel") or "").lower().split()):
            self.found.append(attrs.get("href") or "")
        elif tag in ("script", "img", "iframe", "source", "video", "audio", "embed") and attrs.get("src"):
            self.found.append(attrs["src"])
        for candidate in (attrs.get("srcset") or "").split(","):
            if candidate.strip():
                self.found.append(candidate.split()[0])


def assets_of(html: str) -> list[str]:
    parser = Assets()
    parser.feed(html)
    return parser.found


def _foreign(address: str) -> bool:
    parts = urlsplit(address)
    return address.startswith("//") or (parts.scheme in ("http", "https") and parts.hostname != "testserver")


@pytest.fixture
def site():
    link = ArticleChannelFactory(article__html='<p>Body.</p><figure><img src="https://cdn.example.org/a.jpg"></figure>')
    ImageFactory(article=link.article, source_url="https://cdn.example.org/lead.jpg")
    now = timezone.now()
    story = Story.objects.create(headline="Bridge reopens", first_seen=now - timedelta(hours=3), last_seen=now,
                                 outlet_count=1, article_count=1)
    StoryMember.objects.create(story=story, article=link.article)
    return link


def test_no_page_loads_anything_from_another_origin(client, site):
    article, channel = site.article, site.channel
    pages = ["/", article.get_absolute_url(), channel.get_absolute_url(), f"/publisher/{article.publisher.slug}/",
             "/story/{}/".format(article.story_membership.story_id), "/search?q=bridge", "/for-you", "/local",
             "/account/login", "/account/signup", "/community-policy", "/no-such-page", "/api/v1/docs"]
    for path in pages:
        response = client.get(path)
        assert response.status_code == (404 if path == "/no-such-page" else 200), path
        assets = assets_of(response.content.decode())
        assert assets, path
        assert not [a for a in assets if _foreign(a)], path


def test_the_api_docs_load_their_script_and_styles_from_this_site(client):
    page = client.get("/api/v1/docs").content.decode()
    assets = assets_of(page)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)
    for address in assets:
        response = client.get(address)
        assert response.status_code == 200, address
        assert b"".join(response.streaming_content), address
    assert '"validatorUrl": null' in page  # Swagger UI would otherwise show a badge from its own host


def test_the_api_link_is_in_the_footer_not_the_masthead(client):
    page = client.get("/").content.decode()
    masthead, rest = page.split("</header>", 1)
    footer = rest.split('<footer class="footer">', 1)[1]
    assert "/api/v1/docs" not in masthead
    assert '<a href="/api/v1/docs">API</a>' in footer

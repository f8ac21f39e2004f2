"""Layout in a real Chromium at phone and desktop widths: the masthead, cards, meta lines, the related
list, the favicon and the article addresses with slugs. Screenshots go to ARTIFACTS."""

import pytest

from localwire.articles.models import Article
from localwire.demo.run import setup_publishers
from localwire.pipeline.crawl import crawl_once
from localwire.stories.models import Story
from localwire.stories.related import LOCAL, SAME_STORY, related_articles
from localwire.testing.browser import ARTIFACTS, DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

# For each ", via …" after a publisher: how far it starts from the publisher's name, across and down.
VIA_OFFSETS = """[...document.querySelectorAll('.card .meta__via')].map(via => {
  const name = via.previousElementSibling.getClientRects(), start = via.getClientRects()[0];
  const end = name[name.length - 1];
  return [start.left - end.right, Math.abs(start.top - end.top)];
})"""
# For each card: the empty height between its last line of text and its meta line.
CARD_GAPS = """[...document.querySelectorAll('.card')].map(card => {
  const meta = card.querySelector('.meta'), above = meta.previousElementSibling;
  return meta.getBoundingClientRect().top - above.getBoundingClientRect().bottom;
})"""
# The story page: how far the comma after "first seen … ago" starts from the end of that time.
COMMA_OFFSET = """(() => {
  const time = document.querySelector('.story-page header .meta time'), text = time.nextSibling;
  const range = document.createRange(); range.setStart(text, text.data.indexOf(',')); range.setEnd(text, text.data.indexOf(',') + 1);
  return range.getBoundingClientRect().left - time.getBoundingClientRect().right;
})()"""
# Related stories: the space between each meta line and the summary under it.
SNIPPET_GAPS = """[...document.querySelectorAll('#related-title + ul li')].filter(li => li.querySelector('.snippet')).map(li =>
  li.querySelector('.snippet').getBoundingClientRect().top - li.querySelector('.meta').getBoundingClientRect().bottom)"""


def _article_with_related_stories():
    for article in Article.objects.filter(from_feed_only=False).order_by("pk"):
        if any(reason not in (SAME_STORY, LOCAL) for _, reason in related_articles(article)):
            return article
    raise AssertionError("the demo corpus has stories sharing a place or person")


def _no_sideways_scroll(page) -> bool:
    return not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def test_pages_fit_phones_and_desktops(live_server, demo_server, pipeline_context, browser_page):
    setup_publishers(demo_server)
    crawl_once(pipeline_context, workers=4)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page, base = browser_page, live_server.url
    article = _article_with_related_stories()
    story = Story.objects.order_by("-article_count").first()
    for size, name in ((PHONE, "phone"), (DESKTOP, "desktop")):
        page.set_viewport_size(size)
        page.goto(base + "/")
        masthead = page.locator(".masthead").bounding_box()["height"]
        assert masthead <= 64, f"the masthead takes {masthead}px on the {name}"
        assert _no_sideways_scroll(page), name
        icon = page.locator('link[rel="icon"]').get_attribute("href")
        assert page.request.get(base + icon).status == 200 and page.request.get(base + "/favicon.ico").ok
        offsets = page.evaluate(VIA_OFFSETS)
        assert offsets and all(across < 1 and down < 2 for across, down in offsets), offsets  # ", via" never starts a line
        # Cards in a row are as tall as the longest text; a picture box (3:2 of a card, over 200 px wide
        # on a desktop) no longer stands empty in those without a picture.
        assert max(page.evaluate(CARD_GAPS)) < 160, "a card without a picture keeps no empty box"
        page.screenshot(path=str(ARTIFACTS / f"pages-home-{name}.png"))

        page.goto(f"{base}/article/{article.pk}/")
        assert page.url == base + article.get_absolute_url() and article.slug in page.url
        assert page.locator("h1.story__title").inner_text() == article.title
        assert _no_sideways_scroll(page), name
        assert page.locator(".coverage__why").count() >= 1
        assert all(0 <= gap < 8 for gap in page.evaluate(SNIPPET_GAPS)), "no blank line above a summary"
        page.locator("#related-title").scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / f"pages-related-{name}.png"))

        page.goto(base + story.get_absolute_url())
        assert page.evaluate(COMMA_OFFSET) < 1, '"… ago, latest" without a space before the comma'
        assert _no_sideways_scroll(page), name
        page.screenshot(path=str(ARTIFACTS / f"pages-story-{name}.png"))

    # The API docs on a closed network: every other origin refused, Swagger UI still draws the API.
    page.route(lambda url: not url.startswith(base), lambda route: route.abort())
    page.goto(base + "/api/v1/docs")
    assert page.locator(".swagger-ui .info .title").inner_text(timeout=15_000).startswith("Localwire API")
    assert page.locator(".opblock").count() >= 10
    page.screenshot(path=str(ARTIFACTS / "pages-api-docs-desktop.png"))

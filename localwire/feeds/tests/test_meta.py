import json
import re

import pytest
from lxml import html as lxml_html

from localwire.feeds.meta import script_json
from localwire.testing.factories import ArticleChannelFactory, ArticleFactory, ChannelFactory, ImageFactory

pytestmark = pytest.mark.django_db

HOSTILE = "</script><script>alert(1)</script>"


def _head(client, article):
    return lxml_html.fromstring(client.get(article.get_absolute_url()).content).head


def _json_ld(head):
    [script] = head.xpath('//script[@type="application/ld+json"]')
    return json.loads(script.text)


def _og(head):
    return [(m.get("property"), m.get("content")) for m in head.xpath("//meta[@property]")]


def test_news_article_json_ld(client):
    article = ArticleFactory(authors=["Dana Whitfield"], publisher__name="Valley Courier",
                             publisher__website="https://courier.example.org/")
    ImageFactory(article=article)
    ArticleChannelFactory(article=article, channel=ChannelFactory(kind="topic", name="Transport"))
    ArticleChannelFactory(article=article, channel=ChannelFactory(kind="tag", name="ferry"),
                          relation="tag")
    data = _json_ld(_head(client, article))
    page = f"http://testserver{article.get_absolute_url()}"
    assert data["@type"] == "NewsArticle" and data["headline"] == article.title
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": page}
    assert data["author"] == [{"@type": "Person", "name": "Dana Whitfield"}]
    assert data["publisher"] == {"@type": "Organization", "name": "Valley Courier",
                                 "url": "https://courier.example.org/"}
    assert data["datePublished"] == article.published_at.isoformat()
    assert data["articleSection"] == "Transport" and data["keywords"] == ["Transport", "ferry"]
    assert data["image"][0].startswith("http://testserver/img/")


def test_hostile_title_cannot_leave_the_script(client):
    article = ArticleFactory(title=HOSTILE, authors=[HOSTILE])
    body = client.get(article.get_absolute_url()).content.decode()
    head = body.split("</head>")[0]
    [ld] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', head, re.S)
    assert "<" not in ld and ">" not in ld
    assert json.loads(ld)["headline"] == HOSTILE
    scripts = re.findall(r"<script[^>]*>", head)
    assert scripts.count('<script type="application/ld+json">') == 1
    assert all(" src=" in tag or "ld+json" in tag for tag in scripts)  # the hostile title added none of its own
    assert "alert(1)</script>" not in body
    og = dict(_og(_head(client, article)))
    assert og["og:title"] == HOSTILE and og["article:author"] == HOSTILE


def test_script_json_escapes_what_could_start_markup():
    text = script_json({"a": "<!-- & -->\u2028"})
    assert text == '{"a":"\\u003c!-- \\u0026 --\\u003e\\u2028"}'
    assert json.loads(text) == {"a": "<!-- & -->\u2028"}


def test_open_graph_tags(client):
    article = ArticleFactory(title="Pier repairs finish early", summary="Crews finished a week early.",
                             authors=["Omar Haddad"])
    ImageFactory(article=article)
    ArticleChannelFactory(article=article, channel=ChannelFactory(kind="topic", name="Harbour"))
    og = _og(_head(client, article))
    found = dict(og)
    assert found["og:type"] == "article" and found["og:site_name"] == "Localwire"
    assert found["og:title"] == "Pier repairs finish early"
    assert found["og:description"] == "Crews finished a week early."
    assert found["og:url"] == f"http://testserver{article.get_absolute_url()}"
    assert found["og:image"].startswith("http://testserver/img/")
    assert found["article:published_time"] == article.published_at.isoformat()
    assert found["article:author"] == "Omar Haddad" and found["article:section"] == "Harbour"


def test_no_image_no_og_image(client):
    article = ArticleFactory()
    properties = [name for name, _ in _og(_head(client, article))]
    assert "og:image" not in properties and "og:title" in properties
    assert "image" not in _json_ld(_head(client, article))

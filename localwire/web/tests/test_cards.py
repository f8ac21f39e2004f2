from datetime import datetime, timezone as tz

import pytest

from localwire.testing.factories import ArticleFactory, ImageFactory, PublisherFactory
from localwire.web.templatetags.cards import card

pytestmark = pytest.mark.django_db


def test_a_card_escapes_everything_it_shows():
    item = ArticleFactory(title="<script>alert(1)</script> Bridge", summary="Tolls & <b>fees</b> rise",
                          publisher=PublisherFactory(name="Kate's <i>Courier</i>"))
    item.reasons = ["You follow <img src=x onerror=alert(1)>", "Covered by 9 outlets"]
    html = card(item)
    assert "<script>" not in html and "<img src=x" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Bridge" in html
    assert "Tolls &amp; &lt;b&gt;fees&lt;/b&gt; rise" in html
    assert "You follow &lt;img src=x onerror=alert(1)&gt; · Covered by 9 outlets" in html


def test_a_card_names_the_copies_and_shows_a_proxied_image():
    item = ArticleFactory(published_at=datetime(2026, 3, 9, 8, 5, tzinfo=tz.utc))
    ImageFactory(article=item, source_url="https://cdn.example.org/bridge.jpg")
    item.copies = [ArticleFactory(publisher=PublisherFactory(name="KXRT 7 News")), ArticleFactory(), ArticleFactory()]
    html = card(item)
    assert ", via KXRT 7 News and 2 others</span>" in html
    assert 'src="/img/' in html and "cdn.example.org" not in html
    assert 'datetime="2026-03-09T08:05:00+00:00" title="9 Mar 2026, 08:05 UTC"' in html
    assert html.count(f'href="{item.get_absolute_url()}"') == 2


def test_one_other_copy_is_singular():
    item = ArticleFactory()
    item.copies = [ArticleFactory(publisher=PublisherFactory(name="Valley Wire"))]
    assert ", via Valley Wire</span>" in card(item)
    item.copies = [*item.copies, ArticleFactory()]
    assert "and 1 other</span>" in card(item)


def test_meta_lines_leave_out_empty_parts_and_their_separators():
    from localwire.web.templatetags.cards import meta_line

    assert meta_line("", "KXRT 7 News", "", "3 hours ago") == "KXRT 7 News · 3 hours ago"
    assert meta_line("Also about <b>Almaty</b>", None) == "Also about &lt;b&gt;Almaty&lt;/b&gt;"
    assert meta_line("", "") == ""

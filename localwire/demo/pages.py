"""Article and home pages of the demo publishers, each in its own house style and clutter.

Real sites wrap a story in navigation, ads, cookie banners, "read more" boxes
and trailers, and describe it with different metadata (JSON-LD, Open Graph,
<time>); the templates here do the same so extraction is tested honestly.
"""

from __future__ import annotations

import json
from datetime import datetime
from html import escape

from localwire.demo.corpus import Article, Publisher

COOKIE = '<div class="cookie-banner" role="dialog">We use cookies to improve your experience. <button>Accept all</button></div>'
AD = '<div class="ad-slot"><p>Advertisement</p></div>'


def _paragraphs(article: Article, variant: int, inject: dict[int, str]) -> str:
    paragraphs = list(article.paragraphs)
    if article.dateline and paragraphs:
        paragraphs[0] = f"{article.dateline} {paragraphs[0]}"
    if article.intro:
        paragraphs.insert(0, article.intro)
    if variant:
        paragraphs.append(f"This is copy number {variant} of the story, served for load testing.")
    out = []
    for i, text in enumerate(paragraphs):
        out.append(f"<p>{escape(text)}</p>")
        if i in inject:
            out.append(inject[i])
    return "\n".join(out)


def _figure(publisher: Publisher, article: Article) -> str:
    if not article.image:
        return ""
    img = article.image
    caption = escape(f"{img.caption} {img.credit}".strip())
    return (f'<figure class="lead"><img src="/{publisher.slug}/img/{escape(img.name)}.jpg" '
            f'alt="{escape(img.caption)}" width="1200" height="800"><figcaption>{caption}</figcaption></figure>')


def _json_ld(article: Article, publisher: Publisher, url: str, published: datetime, kind: str) -> str:
    data = {
        "@context": "https://schema.org", "@type": kind, "headline": article.title, "url": url,
        "datePublished": published.isoformat(), "dateModified": published.isoformat(),
        "author": [{"@type": "Person", "name": name} for name in article.authors]
        or {"@type": "Organization", "name": publisher.name},
        "publisher": {"@type": "Organization", "name": publisher.name},
    }
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def _nav(publisher: Publisher, sections: list[str]) -> str:
    links = "".join(f'<li><a href="/{publisher.slug}/">{escape(s)}</a></li>' for s in sections)
    return f'<nav class="site-nav"><ul>{links}</ul></nav>'


def _related(publisher: Publisher, others: list[Article]) -> str:
    items = "".join(f'<li><a href="/{publisher.slug}/news/{o.slug}">{escape(o.title)}</a></li>' for o in others)
    return f'<aside class="related"><h3>Related stories</h3><ul>{items}</ul></aside>'


def _trailer(publisher: Publisher) -> str:
    return "".join(f"<p>{escape(line)}</p>" for line in publisher.trailer)


def article_page(publisher: Publisher, article: Article, url: str, published: datetime,
                 others: list[Article], variant: int = 0) -> str:
    style = STYLES[publisher.style]
    return style(publisher, article, url, published, others, variant)


def _tv(p, a, url, published, others, variant):
    body = _paragraphs(a, variant, {1: AD, 2: f"<p>RELATED: {escape(others[0].title) if others else 'Weather alerts'}</p>"})
    return f"""<!DOCTYPE html><html lang="en-US"><head><meta charset="utf-8">
<title>{escape(a.title)} | {escape(p.name)}</title>
<meta property="og:url" content="{url}?utm_source=rss&amp;utm_medium=feed">
<meta property="og:title" content="{escape(a.title)}"><meta property="og:site_name" content="{escape(p.name)}">
<meta property="article:published_time" content="{published.isoformat()}">
<meta name="description" content="{escape(a.dek)}"></head>
<body>{COOKIE}<header><a class="logo" href="/{p.slug}/"><img src="/{p.slug}/img/logo.png" alt="{escape(p.name)}"></a>
{_nav(p, ["News", "Weather", "Sports", "Watch Live", "Contests"])}<div class="weather-widget">72°F Little Rock</div></header>
<main><article class="story"><h1 class="headline">{escape(a.title)}</h1>
<div class="byline">{escape(a.byline)}</div>
<div class="story-body">{_figure(p, a)}
{body}
{_trailer(p)}</div></article>{_related(p, others)}</main>
<footer><p>&copy; 2026 KXRT-TV. EEO Report. FCC Public File.</p></footer></body></html>"""


def _agency(p, a, url, published, others, variant):
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{escape(a.title)}</title><link rel="canonical" href="{url}">
{_json_ld(a, p, url, published, "NewsArticle")}
<meta name="description" content="{escape(a.dek)}"></head>
<body><div class="top-bar">{_nav(p, ["World", "U.S.", "Politics", "Business", "Photos"])}</div>
<main><div class="article"><h1>{escape(a.title)}</h1>
<div class="Page-byline"><span class="byline">{escape(a.byline)}</span> <span class="timestamp">{published:%B %d, %Y}</span></div>
{_figure(p, a)}
<div class="RichTextStoryBody">{_paragraphs(a, variant, {2: AD})}
{_trailer(p)}</div></div></main>
<footer><p>Meridian Press. About. Contact. Terms of use.</p></footer></body></html>"""


def _paper(p, a, url, published, others, variant):
    read_more = f'<p>Read more: {escape(others[0].title)}</p>' if others else ""
    return f"""<!DOCTYPE html><html lang="en-US"><head><meta charset="utf-8">
<title>{escape(a.title)} - {escape(p.name)}</title><link rel="canonical" href="{url}">
<meta property="og:url" content="{url}?cmpid=share">
{_json_ld(a, p, url, published, "NewsArticle")}
<meta name="description" content="{escape(a.dek)}"></head>
<body>{COOKIE}<header><div class="masthead">{escape(p.name)}</div>{_nav(p, ["Politics", "World", "Opinion", "Climate", "Podcasts"])}
<div class="subscribe-bar"><a href="/{p.slug}/">Subscribe: $1 a week</a></div></header>
<main><article><header><h1>{escape(a.title)}</h1><p class="dek">{escape(a.dek)}</p>
<p class="byline">{escape(a.byline)}</p><time datetime="{published.isoformat()}">{published:%B %d, %Y}</time></header>
{_figure(p, a)}
<section class="article-body">{_paragraphs(a, variant, {1: read_more, 3: AD})}
{_trailer(p)}</section>
<div class="share-tools"><p>Share this article</p></div></article>{_related(p, others)}</main>
<footer>{escape(p.name)} &middot; Terms &middot; Privacy</footer></body></html>"""


def _weekly(p, a, url, published, others, variant):
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{escape(a.title)} | Valley Weekly</title><link rel="canonical" href="{url}">
<meta name="author" content="{escape('; '.join(a.authors))}"></head>
<body><div id="top-ad">{AD}</div><header><h2 class="site-title">{escape(p.name)}</h2>{_nav(p, ["Home", "News", "Schools", "Obituaries", "Classifieds"])}</header>
<div class="content"><div class="post"><h1 class="entry-title">{escape(a.title)}</h1>
<p class="meta"><span class="author-name">{escape(a.byline)}</span> | <time datetime="{published.isoformat()}">{published:%b %d, %Y}</time></p>
{_figure(p, a)}
<div class="entry-content">{_paragraphs(a, variant, {})}
{_trailer(p)}</div>
<div class="comments-teaser"><p>3 Comments</p><p>Leave a comment</p></div></div>
<div class="sidebar">{_related(p, others)}</div></div>
<footer><p>Springfield Valley Weekly, 214 S. Sixth St., Springfield, IL</p></footer></body></html>"""


def _broadcaster(p, a, url, published, others, variant):
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{escape(a.title)} - {escape(p.name)}</title>
<meta property="og:url" content="{url}?utm_campaign=social">
<meta property="article:published_time" content="{published.isoformat()}">
<meta property="og:site_name" content="{escape(p.name)}"><meta name="description" content="{escape(a.dek)}"></head>
<body>{COOKIE}<header>{_nav(p, ["News", "Programs", "Schedule", "Donate", "Listen Live"])}</header>
<main><article class="story"><h1>{escape(a.title)}</h1><div class="byline">{escape(a.byline)}</div>
{_figure(p, a)}
<div class="story-text">{_paragraphs(a, variant, {1: '<p>Listen to this story: 4 minutes</p>'})}
{_trailer(p)}</div></article>
<div class="newsletter"><p>Sign up for the Cascade Daily newsletter.</p></div></main>
<footer>Cascade Public Radio is a member station.</footer></body></html>"""


def _blog(p, a, url, published, others, variant):
    return f"""<!DOCTYPE html><html lang="en-US"><head><meta charset="utf-8">
<title>{escape(a.title)} &#8211; {escape(p.name)}</title><link rel="canonical" href="{url}">
{_json_ld(a, p, url, published, "BlogPosting")}</head>
<body><div id="page"><header class="site-header"><p class="site-title">{escape(p.name)}</p>{_nav(p, ["Home", "About", "Fire map", "Archive"])}</header>
<div id="content"><article class="post"><header class="entry-header"><h1 class="entry-title">{escape(a.title)}</h1>
<div class="entry-meta"><time class="entry-date" datetime="{published.isoformat()}">{published:%B %d, %Y}</time> by <span class="author">{escape(a.byline)}</span></div></header>
<div class="entry-content">{_figure(p, a)}
{_paragraphs(a, variant, {})}
{_trailer(p)}
<p>Like this: Loading...</p></div>
<footer class="entry-footer"><p>Filed under: Fire, Boulder County</p></footer></article></div>
<aside class="widget-area">{_related(p, others)}</aside></div></body></html>"""


STYLES = {"tv": _tv, "agency": _agency, "paper": _paper, "weekly": _weekly, "broadcaster": _broadcaster, "blog": _blog}


def home_page(publisher: Publisher, base: str, feed_links: list[tuple[str, str]],
              articles: list[Article]) -> str:
    links = "".join(f'<link rel="alternate" type="{t}" href="{h}" title="{escape(publisher.name)}">'
                    for t, h in feed_links)
    items = "".join(f'<li><a href="/{publisher.slug}/news/{a.slug}">{escape(a.title)}</a></li>' for a in articles)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(publisher.name)}</title>{links}</head>
<body><h1>{escape(publisher.name)}</h1><p>{escape(publisher.about)}</p><ul>{items}</ul></body></html>"""

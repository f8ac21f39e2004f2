"""Article and home pages of the demo publishers, each in its own house style and clutter.

Real sites wrap a story in navigation, ads, cookie banners, "read more" boxes,
newsletter prompts and trailers, and describe it with different metadata
(JSON-LD, Open Graph, ``article:published_time``, ``<time>``); the templates
here do the same so extraction is tested honestly. ``clutter_strings`` lists,
per publisher, the visible strings a good extractor leaves out; the corpus
records them on every article as ``Article.drop``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from html import escape

from localwire.demo.records import Article, Image, Publisher

# Visible clutter per template. Every string here appears on that template's article pages.
CLUTTER: dict[str, dict[str, str]] = {
    "tv": {
        "cookie": "We use cookies to improve your experience on our site.",
        "ad": "Advertisement",
        "related": "RELATED:",
        "newsletter": "Sign up for our morning newsletter to get KXRT 7's top stories before you leave the house.",
        "weather": "72°F Little Rock",
        "nav": "Watch Live",
        "footer": "EEO Report",
        "box": "Trending on KXRT 7",
    },
    "agency": {
        "ad": "Advertisement",
        "nav": "Photos & Video",
        "box": "Most read",
        "footer": "Meridian Press is an independent news agency. About | Contact | Terms of use",
    },
    "paper": {
        "cookie": "This website stores cookies on your computer. Manage preferences",
        "read_more": "Read more:",
        "ad": "Advertisement",
        "newsletter": "Get The Ledger's politics newsletter, free every weekday morning.",
        "subscribe": "Subscribe: $1 a week for six months",
        "share": "Share this article",
        "box": "Most popular",
        "footer": "The National Ledger · Terms of Service · Privacy Policy",
    },
    "weekly": {
        "ad": "Advertisement",
        "read_more": "Read more:",
        "newsletter": "Sign up for our morning newsletter to get Springfield news in your inbox every Thursday.",
        "comments": "Leave a comment",
        "comments_count": "3 Comments",
        "footer": "Springfield Valley Weekly, 214 S. Sixth St., Springfield, IL 62701",
        "box": "Obituaries",
    },
    "broadcaster": {
        "cookie": "This site uses cookies. By continuing, you agree to our privacy policy.",
        "listen": "Listen to this story · 4 min",
        "newsletter": "Sign up for the Cascade Daily newsletter: the day's news from Oregon and southwest Washington.",
        "donate": "Your gift powers local journalism. Donate now",
        "footer": "Cascade Public Radio is a listener-supported member station.",
        "box": "More from Cascade Public Radio",
    },
    "blog": {
        "share": "Share this:",
        "like": "Like this: Loading...",
        "filed": "Filed under: News, Front Range",
        "comments": "Leave a Reply",
        "subscribe": "Enter your email address to get new posts by email.",
        "box": "Recent Posts",
    },
}


def clutter_strings(publisher: Publisher, agency: Publisher | None = None) -> list[str]:
    """What extraction must drop on this publisher's pages (plus the agency's trailer on a copy)."""
    out = list(CLUTTER[publisher.style].values()) + list(publisher.trailer)
    if agency is not None and agency.slug != publisher.slug:
        out += agency.trailer
    return out


@dataclass
class Page:
    publisher: Publisher
    article: Article
    url: str
    published: datetime
    others: list[Article]
    variant: int = 0
    agency: Publisher | None = None  # the original's publisher when this is a syndicated copy

    @property
    def modified(self) -> datetime:
        return self.published + timedelta(minutes=min(self.article.minutes_ago // 10, 90))

    @property
    def c(self) -> dict[str, str]:
        return CLUTTER[self.publisher.style]


def e(text: str) -> str:
    return escape(text, quote=True)


def _figure(p: Page, img: Image, style: str) -> str:
    src = f"/{p.publisher.slug}/img/{e(img.name)}.jpg"
    if style == "wp":  # WordPress-ish: caption and credit run together
        return (f'<div class="wp-caption"><img src="{src}" alt="{e(img.caption)}" width="1200" height="800" '
                f'loading="lazy"><p class="wp-caption-text">{e(img.caption)} {e(img.credit)}</p></div>')
    if style == "split":  # caption and credit in separate elements
        return (f'<figure class="media"><picture><img src="{src}" alt="" width="1200" height="800"></picture>'
                f'<figcaption><span class="caption">{e(img.caption)}</span> '
                f'<span class="credit">{e(img.credit)}</span></figcaption></figure>')
    return (f'<figure class="image"><img src="{src}" alt="{e(img.caption)}" width="1200" height="800">'
            f"<figcaption>{e(img.caption)} {e(img.credit)}</figcaption></figure>")


def _lead(p: Page, style: str) -> str:
    return "".join(_figure(p, img, style) for img in p.article.images if img.after_paragraph is None)


def _body(p: Page, inject: dict[int, str], figure_style: str = "") -> str:
    """Paragraphs with the dateline, a copy's intro, in-body photos and the template's clutter."""
    a = p.article
    paragraphs = list(a.paragraphs)
    if a.dateline and paragraphs:
        paragraphs[0] = f"{a.dateline} {paragraphs[0]}"
    blocks = [f"<p>{e(text)}</p>" for text in paragraphs]
    for img in sorted((i for i in a.images if i.after_paragraph is not None),
                      key=lambda i: i.after_paragraph, reverse=True):
        blocks.insert(min(img.after_paragraph + 1, len(blocks)), _figure(p, img, figure_style))
    if a.intro:
        blocks.insert(0, f"<p>{e(a.intro)}</p>")
    if p.variant:
        blocks.append(f"<p>{e(variant_sentence(a, p.variant))}</p>")
    for index, html in sorted(inject.items(), reverse=True):
        if html:
            blocks.insert(min(index, len(blocks)), html)
    return "\n".join(blocks)


def variant_sentence(article: Article, variant: int) -> str:
    return f"Edition {variant} of this report was refreshed with the latest figures from officials."


def _trailer(p: Page) -> str:
    lines = (p.agency.trailer if p.agency else []) + p.publisher.trailer
    return "".join(f'<p class="trailer">{e(line)}</p>' for line in lines)


def _json_ld(p: Page, kind: str = "NewsArticle") -> str:
    a = p.article
    data = {
        "@context": "https://schema.org", "@type": kind, "headline": a.title, "description": a.dek,
        "mainEntityOfPage": p.url, "datePublished": p.published.isoformat(), "dateModified": p.modified.isoformat(),
        "author": [{"@type": "Person", "name": name} for name in a.authors]
        or {"@type": "Organization", "name": a.agency or p.publisher.name},
        "publisher": {"@type": "Organization", "name": p.publisher.name},
        "image": [f"/{p.publisher.slug}/img/{img.name}.jpg" for img in a.images],
        "inLanguage": p.publisher.lang,
    }
    payload = json.dumps(data).replace("</", "<\\/")
    return f'<script type="application/ld+json">{payload}</script>'


def _nav(p: Page, sections: list[str]) -> str:
    links = "".join(f'<li><a href="/{p.publisher.slug}/">{e(s)}</a></li>' for s in sections)
    return f'<nav class="site-nav" aria-label="Sections"><ul>{links}</ul></nav>'


def _links(p: Page, title: str, cls: str = "related") -> str:
    items = "".join(f'<li><a href="/{p.publisher.slug}/news/{o.slug}">{e(o.title)}</a></li>' for o in p.others)
    return f'<aside class="{cls}"><h3>{e(title)}</h3><ul>{items}</ul></aside>'


def _other(p: Page, i: int = 0) -> Article | None:
    return p.others[i] if len(p.others) > i else None


def _link_to(p: Page, other: Article | None, label: str, cls: str) -> str:
    if other is None:
        return f'<div class="{cls}"><p>{e(label)} <a href="/{p.publisher.slug}/">Latest headlines</a></p></div>'
    return (f'<div class="{cls}"><p>{e(label)} <a href="/{p.publisher.slug}/news/{other.slug}">'
            f"{e(other.title)}</a></p></div>")


def _head(p: Page, title: str, extra: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="{e(p.publisher.lang)}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{e(title)}</title>\n'
            f'<meta name="description" content="{e(p.article.dek)}">\n{extra}\n'
            f'<link rel="stylesheet" href="/{p.publisher.slug}/static/site.css">\n</head>\n')


def _canonical(p: Page) -> str:
    return f'<link rel="canonical" href="{e(p.url)}">'


def _plain_footer(p: Page) -> str:
    """The one-line footer and the end of the page that most of the demo's styles share."""
    return f'<footer><p>{e(p.c["footer"])}</p></footer>\n</body></html>\n'


def _tv(p: Page) -> str:
    a, c = p.article, p.c
    related = _link_to(p, _other(p), c["related"], "inline-related")
    body = _body(p, {2: f'<div class="ad-slot"><p>{c["ad"]}</p></div>', 3: related,
                     5: f'<div class="newsletter-inline"><p>{e(c["newsletter"])}</p></div>'}, "split")
    meta = (f'<meta property="og:url" content="{e(p.url)}?utm_source=rss&amp;utm_medium=feed&amp;utm_campaign=news">\n'
            f'<meta property="og:type" content="article"><meta property="og:title" content="{e(a.title)}">\n'
            f'<meta property="og:site_name" content="{e(p.publisher.name)}">\n'
            f'<meta property="article:published_time" content="{p.published.isoformat()}">\n'
            f'<meta property="article:modified_time" content="{p.modified.isoformat()}">')
    return _head(p, f"{a.title} | {p.publisher.name}", meta) + f"""<body class="story-page">
<div class="cookie-banner" role="dialog"><p>{e(c["cookie"])}</p><button>Accept all</button></div>
<header class="masthead"><a class="logo" href="/{p.publisher.slug}/">{e(p.publisher.name)}</a>
{_nav(p, ["News", "Weather", "Sports", c["nav"], "Contests", "Contact Us"])}
<div class="weather-widget">{e(c["weather"])}</div></header>
<main id="main"><article class="story">
<h1 class="headline">{e(a.title)}</h1>
<div class="byline-block"><span class="byline">{e(a.byline)}</span>
<span class="published">Published: {p.published:%I:%M %p %Z %B %d, %Y}</span></div>
<div class="story-body">{_lead(p, "split")}
{body}
{_trailer(p)}</div></article>
<section class="trending">{_links(p, c["box"])}</section></main>
<footer class="site-footer"><p>&copy; 2026 KXRT-TV. {e(c["footer"])}. FCC Public File. Closed Captioning.</p></footer>
</body></html>
"""


def _agency(p: Page) -> str:
    a, c = p.article, p.c
    meta = f'{_canonical(p)}\n{_json_ld(p)}'
    body = _body(p, {3: f'<div class="ad-container"><span>{c["ad"]}</span></div>'}, "split")
    return _head(p, a.title, meta) + f"""<body>
<div class="top-bar"><a class="brand" href="/{p.publisher.slug}/">{e(p.publisher.name)}</a>
{_nav(p, ["World", "U.S.", "Politics", "Business", c["nav"]])}</div>
<main><div class="Page-content"><h1 class="Page-headline">{e(a.title)}</h1>
<div class="Page-byline"><span class="Page-authors">{e(a.byline)}</span>
<bsp-timestamp data-timestamp="{int(p.published.timestamp() * 1000)}"><span>{p.published:%B %d, %Y}</span></bsp-timestamp></div>
{_lead(p, "split")}
<div class="RichTextStoryBody RichTextBody">{body}
{_trailer(p)}</div></div>
{_links(p, c["box"], "most-read")}</main>
{_plain_footer(p)}"""


def _paper(p: Page) -> str:
    a, c = p.article, p.c
    meta = (f'{_canonical(p)}\n'
            f'<meta property="og:url" content="{e(p.url)}?utm_source=twitter&amp;utm_medium=social&amp;cmpid=share">\n'
            f'<meta property="og:site_name" content="{e(p.publisher.name)}">\n{_json_ld(p)}')
    body = _body(p, {
        2: _link_to(p, _other(p), c["read_more"], "read-more"),
        4: f'<div class="ad" aria-hidden="true"><p>{c["ad"]}</p></div>',
        6: f'<aside class="newsletter-signup"><p>{e(c["newsletter"])}</p><form><input type="email"><button>Sign up</button></form></aside>',
    })
    dek = f'<p class="dek">{e(a.dek)}</p>' if a.dek else ""
    return _head(p, f"{a.title} - {p.publisher.name}", meta) + f"""<body>
<div id="cookie-consent"><p>{e(c["cookie"])}</p></div>
<header><div class="masthead">{e(p.publisher.name)}</div>
{_nav(p, ["Politics", "World", "Opinion", "Climate", "Podcasts"])}
<div class="subscribe-bar"><a href="/{p.publisher.slug}/">{e(c["subscribe"])}</a></div></header>
<main><article><header><h1>{e(a.title)}</h1>{dek}
<p class="byline">{e(a.byline)}</p><time datetime="{p.published.isoformat()}">{p.published:%B %d, %Y at %H:%M UTC}</time></header>
{_lead(p, "")}
<section class="article-body">{body}
{_trailer(p)}</section>
<div class="share-tools"><p>{e(c["share"])}</p></div></article>
{_links(p, c["box"], "most-popular")}</main>
{_plain_footer(p)}"""


def _weekly(p: Page) -> str:
    a, c = p.article, p.c
    meta = (f'{_canonical(p)}\n<meta name="author" content="{e("; ".join(a.authors))}">\n'
            f'<meta property="article:published_time" content="{p.published.isoformat()}">')
    body = _body(p, {
        1: f'<div class="inline-newsletter"><p>{e(c["newsletter"])}</p></div>',
        3: _link_to(p, _other(p), c["read_more"], "read-more-box"),
    }, "wp")
    return _head(p, f"{a.title} | Valley Weekly", meta) + f"""<body class="single-post">
<div id="top-ad" class="ad"><p>{c["ad"]}</p></div>
<header><h2 class="site-title"><a href="/{p.publisher.slug}/">{e(p.publisher.name)}</a></h2>
{_nav(p, ["Home", "News", "Schools", c["box"], "Classifieds", "e-Edition"])}</header>
<div class="content"><div class="post"><h1 class="entry-title">{e(a.title)}</h1>
<p class="meta"><span class="author-name">{e(a.byline)}</span> | <time datetime="{p.published.isoformat()}">{p.published:%b %d, %Y}</time></p>
{_lead(p, "wp")}
<div class="entry-content">{body}
{_trailer(p)}</div>
<div class="comments-teaser"><p>{e(c["comments_count"])}</p><p><a href="#respond">{e(c["comments"])}</a></p></div></div>
<div class="sidebar">{_links(p, "More local news")}</div></div>
{_plain_footer(p)}"""


def _broadcaster(p: Page) -> str:
    a, c = p.article, p.c
    meta = (f'<meta property="og:url" content="{e(p.url)}?utm_campaign=social&amp;utm_source=facebook">\n'
            f'<meta property="og:site_name" content="{e(p.publisher.name)}">\n'
            f'<meta property="article:published_time" content="{p.published.isoformat()}">\n'
            f'<meta name="author" content="{e(", ".join(a.authors) or p.publisher.name)}">')
    body = _body(p, {
        1: f'<div class="audio-player"><button>Play</button><p>{e(c["listen"])}</p></div>',
        4: f'<div class="newsletter-promo"><p>{e(c["newsletter"])}</p></div>',
    })
    return _head(p, f"{a.title} - {p.publisher.name}", meta) + f"""<body>
<div class="cookie-notice"><p>{e(c["cookie"])}</p><button>OK</button></div>
<header>{_nav(p, ["News", "Programs", "Schedule", "Donate", "Listen Live"])}</header>
<main><article class="story"><h1>{e(a.title)}</h1>
<div class="byline">{e(a.byline)} <time datetime="{p.published.isoformat()}">{p.published:%B %d, %Y %I:%M %p}</time></div>
{_lead(p, "")}
<div class="story-text">{body}
{_trailer(p)}</div></article>
<div class="donate-box"><p>{e(c["donate"])}</p></div>
{_links(p, c["box"])}</main>
{_plain_footer(p)}"""


def _blog(p: Page) -> str:
    a, c = p.article, p.c
    meta = f'{_canonical(p)}\n{_json_ld(p, "BlogPosting")}'
    body = _body(p, {}, "wp")
    return _head(p, f"{a.title} – {p.publisher.name}", meta) + f"""<body class="post-template-default">
<div id="page"><header class="site-header"><p class="site-title"><a href="/{p.publisher.slug}/">{e(p.publisher.name)}</a></p>
{_nav(p, ["Home", "About", "Fire map", "Archive"])}</header>
<div id="content"><article class="post"><header class="entry-header"><h1 class="entry-title">{e(a.title)}</h1>
<div class="entry-meta"><time class="entry-date published" datetime="{p.published.isoformat()}">{p.published:%B %d, %Y}</time>
<time class="updated" datetime="{p.modified.isoformat()}"></time> by <span class="author vcard">{e(a.byline)}</span></div></header>
<div class="entry-content">{_lead(p, "wp")}
{body}
{_trailer(p)}
<div class="sharedaddy"><h3>{e(c["share"])}</h3><p>Facebook</p><p>Email</p></div>
<div class="jp-likes"><p>{e(c["like"])}</p></div></div>
<footer class="entry-footer"><p>{e(c["filed"])}</p></footer></article>
<div id="comments"><h3>{e(c["comments"])}</h3><form><textarea></textarea></form></div></div>
<aside class="widget-area">{_links(p, c["box"])}
<div class="widget-subscribe"><p>{e(c["subscribe"])}</p></div></aside></div>
</body></html>
"""


STYLES = {"tv": _tv, "agency": _agency, "paper": _paper, "weekly": _weekly, "broadcaster": _broadcaster, "blog": _blog}


def article_page(publisher: Publisher, article: Article, url: str, published: datetime,
                 others: list[Article], variant: int = 0, agency: Publisher | None = None) -> str:
    return STYLES[publisher.style](Page(publisher, article, url, published, others, variant, agency))


def not_found_page(publisher: Publisher) -> str:
    return (f'<!DOCTYPE html>\n<html lang="{e(publisher.lang)}"><head><meta charset="utf-8"><title>Page not found | '
            f'{e(publisher.name)}</title></head><body><h1>Page not found</h1><p>The page you requested may have '
            f'been moved or removed. <a href="/{publisher.slug}/">Go to the home page</a>.</p></body></html>\n')


def home_page(publisher: Publisher, base: str, feed_links: list[tuple[str, str]],
              articles: list[tuple[Article, datetime]]) -> str:
    links = "".join(f'<link rel="alternate" type="{t}" href="{base}{h}" title="{e(publisher.name)}">\n'
                    for t, h in feed_links)
    items = "".join(
        f'<li><a href="/{publisher.slug}/news/{a.slug}">{e(a.title)}</a> '
        f'<time datetime="{when.isoformat()}">{when:%b %d, %H:%M}</time><p>{e(a.dek)}</p></li>\n'
        for a, when in articles)
    return f"""<!DOCTYPE html>
<html lang="{e(publisher.lang)}"><head><meta charset="utf-8"><title>{e(publisher.name)}</title>
<meta name="description" content="{e(publisher.about)}">
<meta property="og:site_name" content="{e(publisher.name)}">
{links}</head>
<body><header><h1>{e(publisher.name)}</h1><p class="about">{e(publisher.about)}</p></header>
<main><h2>Latest</h2><ul class="latest">
{items}</ul></main>
<footer><p>{e(publisher.name)} · {e(publisher.city)}</p></footer></body></html>
"""

"""A small made-up publisher, the Riverbend Ledger, served on 127.0.0.1 for the joining tests.

Feeds: ``/full.xml`` (full text in the feed), ``/summaries.xml`` (summaries; pages that extract),
``/gone.xml`` (summaries; every page 404), ``/copies.xml`` (its items copy ``COPIED``), and
``/not-a-feed`` (a page linking to no feed). ``about=False`` leaves the About page out.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

STORIES = [
    ("ferry", "Ferry returns to the river crossing", "Mara Quill",
     "The county ferry made its first crossing of the season on Monday morning, carrying eleven cars "
     "and a school bus across the Riverbend narrows after a winter of repairs to its landing ramps."),
    ("orchard", "Orchard growers count frost losses", "Tobias Wren",
     "Apple growers on the east bench said two nights of hard frost in April took most of the early "
     "blossom, and the cooperative expects about half of last year's harvest at the packing shed."),
    ("library", "Library opens a tool lending shelf", "Mara Quill",
     "The Riverbend library now lends drills, ladders and a pressure washer alongside its books, after "
     "volunteers catalogued more than two hundred donated tools over the winter months."),
    ("bridge", "Footbridge inspection finds rusted bolts", "Ines Marlow",
     "Inspectors hired by the town found rusted bolts under the old footbridge on Mill Street, and the "
     "public works office closed it to cyclists until the bolts are replaced next month."),
    ("market", "Saturday market moves to the riverfront", "Tobias Wren",
     "The Saturday farmers market will move from the church lot to the riverfront park in June, giving "
     "forty stalls room to spread out and shoppers a shaded walk along the water."),
]
EXTRA = ("Residents who spoke at the meeting asked for clear signs and regular updates. The town clerk "
         "said notices would be posted at the post office, on the town's website and in this newspaper "
         "every week until the work is done, and that questions can be sent to the clerk's office.")
COPIED = [
    "The regional water board voted on Thursday to raise rates for the three valley towns by nine "
    "percent, citing the cost of replacing the intake pipes at the old reservoir dam this summer.",
    "Board chair Lena Hartwig said the increase would add about four dollars to a typical monthly bill "
    "and that the board had delayed the vote twice to hear from residents of the lower valley.",
    "Engineers told the board the intake pipes were laid in 1961 and have leaked at two joints since "
    "the spring floods, losing water the towns have already paid to treat and pump uphill.",
    "Opponents asked the board to seek state grants before raising rates, and the chair said an "
    "application was filed in March but that no answer is expected until the autumn at the earliest.",
]


def _date(n: int) -> str:
    return format_datetime(datetime(2026, 11, 20, 9, tzinfo=timezone.utc) - timedelta(days=n))


def _body(lead: str) -> str:
    return f"<p>{lead}</p><p>{EXTRA}</p><p>{EXTRA.replace('every week', 'each Friday')}</p>"


def page(slug: str, title: str, author: str, lead: str, n: int, base: str) -> bytes:
    return f"""<!doctype html><html lang="en"><head><title>{title} | Riverbend Ledger</title>
<meta name="author" content="{author}"><meta property="article:published_time" content="2026-11-{20 - n:02d}T09:00:00Z">
<link rel="canonical" href="{base}/news/{slug}"></head><body><header><a href="/">Riverbend Ledger</a></header>
<article><h1>{title}</h1><p class="byline">By {author}</p>
<figure><img src="{base}/img/{slug}.jpg" alt="{title}"><figcaption>{title}. <span class="credit">Photo: Ledger staff</span></figcaption></figure>
{_body(lead)}</article><footer><a href="/about-us">About us</a></footer></body></html>""".encode()


def rss(base: str, items: list[str], title: str = "Riverbend Ledger") -> bytes:
    return (f'<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            f'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>{title}</title><link>{base}/</link>'
            + "".join(items) + "</channel></rss>").encode()


def item(base: str, slug: str, title: str, author: str, text: str, n: int, full: bool) -> str:
    content = f"<content:encoded><![CDATA[{text}]]></content:encoded>" if full else ""
    return (f"<item><title>{title}</title><link>{base}/news/{slug}</link><guid>{base}/news/{slug}</guid>"
            f"<dc:creator>{author}</dc:creator><pubDate>{_date(n)}</pubDate>"
            f"<description><![CDATA[{text[:120]}]]></description>{content}</item>")


def home(about: bool) -> bytes:
    link = '<a href="/about-us">About us</a>' if about else '<a href="/contact">Contact</a>'
    return (f"<!doctype html><html><head><title>Riverbend Ledger</title></head><body><nav>{link}"
            "<a href='/news/ferry'>Ferry</a></nav><p>News from the Riverbend valley.</p></body></html>").encode()


ABOUT = (b"<!doctype html><html><head><title>About the Riverbend Ledger</title></head><body><h1>About us</h1>"
         b"<p>The Riverbend Ledger is an independent weekly founded in 1987 and owned by its four editors. "
         b"We cover the towns of the Riverbend valley: councils, schools, courts, farms and sport. Our editor "
         b"is Mara Quill; write to her at the newsroom on Front Street. We correct our mistakes openly.</p>"
         b"</body></html>")


def serve(server, about: bool = True) -> str:
    """Route the whole site on ``server``; returns its base address."""
    base = server.url("").rstrip("/")
    html = {"Content-Type": "text/html; charset=utf-8"}
    xml = {"Content-Type": "application/rss+xml"}
    server.route("/", lambda r: (200, html, home(about)))
    if about:
        server.route("/about-us", lambda r: (200, html, ABOUT))
    for n, (slug, title, author, lead) in enumerate(STORIES):
        body = page(slug, title, author, lead, n, base)
        server.route(f"/news/{slug}", lambda r, body=body: (200, html, body))
        server.route(f"/img/{slug}.jpg", lambda r: (200, {"Content-Type": "image/jpeg"}, b"\xff\xd8\xff"))
    full = [item(base, s, t, a, _body(lead), n, True) for n, (s, t, a, lead) in enumerate(STORIES)]
    short = [item(base, s, t, a, lead, n, False) for n, (s, t, a, lead) in enumerate(STORIES)]
    gone = [item(base, f"gone-{s}", t, a, lead, n, False) for n, (s, t, a, lead) in enumerate(STORIES)]
    copies = [item(base, "water-rates", "Water rates rise nine percent", "Mara Quill",
                   "".join(f"<p>{p}</p>" for p in COPIED), 0, True)] + full[:1]
    for path, items in [("/full.xml", full), ("/summaries.xml", short), ("/gone.xml", gone),
                        ("/copies.xml", copies)]:
        server.route(path, lambda r, items=items: (200, xml, rss(base, items)))
    server.route("/not-a-feed", lambda r: (200, html, b"<html><body><p>Nothing to see</p></body></html>"))
    return base

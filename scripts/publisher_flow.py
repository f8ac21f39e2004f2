"""Drive the publisher flow end to end through the API of a running Localwire (e.g. `localwire demo`).

    LOCALWIRE_FETCH_ALLOW_PRIVATE=127.0.0.1 LOCALWIRE_HOME=<home> localwire demo      # the site, in one shell
    LOCALWIRE_HOME=<the same home> .venv/bin/python scripts/publisher_flow.py [--base http://127.0.0.1:8000]

The site must be started with LOCALWIRE_FETCH_ALLOW_PRIVATE=127.0.0.1: this script serves its own
publisher site on 127.0.0.1 (a home page, an About page, a feed of full-text items with bylines,
dates and credited images, the article pages), and the site's guarded fetcher refuses loopback
addresses unless told otherwise. Adds a publisher's editor and an operator with `localwire users
add` and gives each a token (`users token`), then: the editor applies with the served site and
sees the checks; the operator approves; the editor finds the new publisher under /me/publishers;
the operator points a demo publisher's website at the served site (`localwire publishers edit`),
and the editor claims that profile (a failed verify first, then the token on the served home
page, verified); then the portal's API: analytics, feeds (list, add, pause), profile, and an
article taken down and another re-fetched. Every step prints one line; the first that fails stops
the run with exit status 1. Run it with the same LOCALWIRE_HOME (and DATABASE_URL) as the site.
"""

from __future__ import annotations

import argparse
import html
import io
import json
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from email.utils import format_datetime
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from PIL import Image

LOCALWIRE = [sys.executable, "-m", "localwire"]
ROOT = Path(__file__).resolve().parent.parent
ALLOW_HINT = "is the site running with LOCALWIRE_FETCH_ALLOW_PRIVATE=127.0.0.1?"
STORIES = [
    ("Council approves the new footbridge over Mill Creek", "Dana Okafor",
     "The town council voted six to one on Tuesday night to build a footbridge over Mill Creek, "
     "linking the east-side neighbourhoods to the primary school. Construction starts in the spring. "
     "The bridge will cost about two million dollars, most of it from a state grant for safe routes to "
     "school. Parents who walk their children along the highway shoulder today spoke in favour, and the "
     "one councillor against asked for a traffic count first."),
    ("Library extends its opening hours on weekends", "Sam Ilves",
     "The public library will open on Sundays from next month, the library board said, after a "
     "survey in which two thirds of borrowers asked for weekend hours. Volunteers staff the desk. "
     "The board expects the change to cost little, since the building is already heated on Sundays for "
     "the community room. Students preparing for exams were the most frequent users on the trial weekends, "
     "the head librarian said, followed by families with young children."),
    ("Farmers market moves to the old rail yard", "Priya Natarajan",
     "The Saturday farmers market moves to the renovated rail yard in May, with room for forty stalls, "
     "twice as many as the car park it leaves. Parking stays free for the first two hours. "
     "Stallholders had asked for a roof after two wet summers, and the rail yard's old goods shed gives "
     "them one. The market's organisers said bakers and flower growers from the valley have already "
     "taken most of the new places, and a waiting list has opened."),
]


class Failed(Exception):
    """A step went wrong; the message says which and what the site answered."""


# --- the publisher's own site, on 127.0.0.1 -------------------------------------------------------


class Site:
    """A small news site: its home page carries the claim token once ``token`` is set."""

    def __init__(self):
        self.token = ""
        self.name = f"Mill Creek Courier {int(time.time())}"
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}/"
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self._httpd.shutdown()

    def page(self, path: str) -> tuple[int, str, bytes]:
        if path == "/":
            head = (f'<meta name="localwire-site-verification" content="{html.escape(self.token)}">'
                    if self.token else "")
            links = "".join(f'<li><a href="/news/{n}">{html.escape(t)}</a></li>' for n, (t, _, _) in enumerate(STORIES))
            return self._html(self.name, f'<ul>{links}</ul><p><a href="/about">About us</a></p>', head)
        if path == "/about":
            return self._html(f"About {self.name}", "<p>An independent weekly covering Mill Creek since 1998. "
                              "Our reporters live in the towns they cover. We are owned by the people who work "
                              "here, we correct our mistakes on the page where they were made, and we mark "
                              "every article that is opinion. Write to the editor at desk@example.org.</p>")
        if path in ("/feed.xml", "/more.xml"):
            return 200, "application/rss+xml; charset=utf-8", self.feed()
        if path.startswith("/news/") and path[6:].isdigit() and int(path[6:]) < len(STORIES):
            return self.article(int(path[6:]))
        if path.startswith("/img/"):
            return 200, "image/jpeg", _photo()
        return 404, "text/plain", b"not found"

    def _html(self, title: str, body: str, head: str = "") -> tuple[int, str, bytes]:
        doc = (f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{html.escape(title)}</title>{head}"
               f"</head><body><h1>{html.escape(title)}</h1>{body}</body></html>")
        return 200, "text/html; charset=utf-8", doc.encode()

    def article(self, n: int) -> tuple[int, str, bytes]:
        title, author, text = STORIES[n]
        when = (datetime.now(UTC) - timedelta(hours=n + 1)).isoformat()
        body = (f'<article><p class="byline">By <span rel="author">{author}</span></p><time datetime="{when}">{when}</time>'
                f'<figure><img src="/img/{n}.jpg" alt="{html.escape(title)}"><figcaption>{html.escape(title)}, as our photographer saw it. Photo: {author}</figcaption></figure>'
                + "".join(f"<p>{html.escape(s.strip())}.</p>" for s in text.split(". ") if s) + "</article>")
        head = f'<meta name="author" content="{author}"><meta property="article:published_time" content="{when}">'
        return self._html(title, body, head)

    def feed(self) -> bytes:
        items = []
        for n, (title, author, text) in enumerate(STORIES):
            when = format_datetime(datetime.now(UTC) - timedelta(hours=n + 1))
            items.append(
                f"<item><title>{html.escape(title)}</title><link>{self.url}news/{n}</link><guid>{self.url}news/{n}</guid>"
                f"<dc:creator>{author}</dc:creator><pubDate>{when}</pubDate><description>{html.escape(text[:80])}</description>"
                f"<content:encoded>{html.escape('<p>' + text + '</p>')}</content:encoded>"
                f'<media:content url="{self.url}img/{n}.jpg" medium="image"><media:credit>Photo: {author}</media:credit>'
                "</media:content></item>")
        return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
                'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/">'
                f"<channel><title>{self.name}</title><link>{self.url}</link><description>Mill Creek news</description>"
                + "".join(items) + "</channel></rss>").encode()


def _handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            status, kind, body = site.page(self.path.split("?")[0])
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass
    return Handler


def _photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (800, 500), (120, 150, 90)).save(out, "JPEG")
    return out.getvalue()


# --- talking to the running Localwire --------------------------------------------------------------


def localwire(*args: str) -> str:
    done = subprocess.run([*LOCALWIRE, *args], capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        raise Failed(f"localwire {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout


def account(name: str, role: str) -> str:
    """A new account and a token for it: the token is the last line `users token` prints."""
    localwire("users", "add", name, "--email", f"{name}@example.org", "--role", role)
    return localwire("users", "token", name, "--label", "publisher flow").strip().splitlines()[-1]


def call(base: str, method: str, path: str, token: str, body=None, *, expect=(200,)):
    """The JSON answer; Failed when the status is not one of ``expect``."""
    expect = (expect,) if isinstance(expect, int) else expect
    data, headers = None, {"Authorization": f"Bearer {token}"}
    if body is not None:
        data, headers["Content-Type"] = json.dumps(body).encode(), "application/json"
    request = urllib.request.Request(base + "/api/v1" + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            status, text = response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        status, text = exc.code, exc.read().decode()
    if status not in expect:
        if status == 404 and text.lstrip().startswith("<"):
            text = "the site has no such endpoint (its HTML 404 page answered)"
        raise Failed(f"{method} /api/v1{path}: {status} (expected {' or '.join(map(str, expect))}): {text[:500]}")
    return json.loads(text) if text else None


DONE = (200, 201, 204)  # endpoints whose issue text gives no status: any success will do


# --- the flow -------------------------------------------------------------------------------------


def apply_and_approve(base: str, site: Site, editor: str, operator: str) -> str:
    """Apply with the served site, the operator approves; the new publisher's slug."""
    application = call(base, "POST", "/publisher-applications", editor, {
        "name": site.name, "website": site.url, "feeds": [site.url + "feed.xml"], "home_city": "Springfield, Illinois",
        "about": "An independent weekly covering Mill Creek.", "contact_email": "desk@example.org"}, expect=201)
    if application.get("status") != "pending":
        raise Failed(f"the application is {application.get('status')!r}, not pending")
    print(f"applied: application {application['id']} pending; checks: {_checks_line(application.get('checks') or {})}")
    decided = call(base, "POST", f"/moderation/publisher-applications/{application['id']}/decision", operator,
                   {"decision": "approve", "reason": "Original local reporting, full-text feed."}, expect=DONE)
    print(f"approved: {_summary(decided)}")
    mine = call(base, "GET", "/me/publishers", editor)
    made = [p for p in mine if p["name"] == site.name]
    if not made:
        raise Failed(f"the approved publisher is not among /me/publishers: {[p['slug'] for p in mine]}")
    print(f"manages: {made[0]['slug']} (portal {made[0]['portal_url']})")
    return made[0]["slug"]


def _checks_line(checks: dict) -> str:
    """"8 passed, 1 failed (image_credits: 0 of 3 images carry a credit)": what failed, in the checks' words."""
    failed = [c for part in [*checks.get("feeds", []), checks.get("site", {})] for c in part.get("checks", [])
              if not c.get("ok")]
    reasons = "; ".join(f"{c['name']}: {c.get('detail', '')}" for c in failed)
    return f"{checks.get('passed', 0)} passed, {checks.get('failed', 0)} failed" + (f" ({reasons})" if reasons else "")


def _summary(value, limit: int = 160) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text if len(text) <= limit else text[:limit] + "…"


def claim_demo_publisher(base: str, site: Site, editor: str, skip: str) -> str:
    """Claim an existing publisher with stored articles, its website now the served site; its slug."""
    known = call(base, "GET", "/publishers", editor)
    choices = [p for p in known if p["slug"] != skip and p.get("article_count", 0) >= 2]
    if not choices:
        raise Failed("no publisher with two stored articles to claim: is the demo's ingest done?")
    slug = max(choices, key=lambda p: p["article_count"])["slug"]
    localwire("publishers", "edit", slug, "--website", site.url)
    print(f"operator: {slug}'s website is now {site.url} (`localwire publishers edit`)")
    claim = call(base, "POST", "/me/publisher-claims", editor, {"publisher": slug}, expect=201)
    ways = ", ".join(f"{m['method']} at {m['where']}" for m in claim["methods"])
    print(f"claim: {claim['id']} for {slug}; put the token by {ways}")
    refused = call(base, "POST", f"/me/publisher-claims/{claim['id']}/verify", editor, expect=400)
    if "blocked" in refused["detail"]:
        raise Failed(f"the site refused to read {site.url}: {refused['detail']} ({ALLOW_HINT})")
    print(f"verify before the token is up: 400 {refused['detail']!r}")
    site.token = claim["token"]
    verified = call(base, "POST", f"/me/publisher-claims/{claim['id']}/verify", editor)
    if verified["status"] != "verified" or slug not in [p["slug"] for p in call(base, "GET", "/me/publishers", editor)]:
        raise Failed(f"verified, yet {slug} is not among /me/publishers")
    print(f"verified: {slug} is managed; portal {verified['portal_url']}")
    return slug


def portal(base: str, site: Site, editor: str, slug: str) -> None:
    """Analytics, feeds, profile, then one article taken down and another re-fetched."""
    since = (datetime.now(UTC) - timedelta(days=30)).date().isoformat()
    stats = call(base, "GET", f"/me/publishers/{slug}/analytics?since={since}", editor)
    views = sum(day.get("views", 0) for day in stats["days"])
    print(f"analytics: {len(stats['days'])} days, {views} views, {len(stats['top_articles'])} top articles, "
          f"sources {_summary(stats['sources'], 80)}")
    feeds = call(base, "GET", f"/me/publishers/{slug}/feeds", editor)
    print(f"feeds: {len(feeds)} ({', '.join(str(f.get('status')) for f in feeds)})")
    added = call(base, "POST", f"/me/publishers/{slug}/feeds", editor, {"url": site.url + "more.xml"}, expect=DONE)
    print(f"feed added: {added.get('id')} {added.get('url')} ({added.get('status')})")
    paused = call(base, "PATCH", f"/me/publishers/{slug}/feeds/{added['id']}", editor, {"paused": True})
    if paused.get("paused") is not True:
        raise Failed(f"the feed is not paused: {_summary(paused)}")
    print(f"feed paused: {added['id']}")
    profile = call(base, "PATCH", f"/me/publishers/{slug}", editor,
                   {"about": "Covering Mill Creek and its towns since 1998.", "kind": "weekly"})
    print(f"profile: about and kind now {profile.get('kind')!r}")
    articles = call(base, "GET", f"/articles?publisher={slug}&limit=2", editor)["items"]
    if len(articles) < 2:
        raise Failed(f"{slug} has fewer than two articles in the API")
    gone, fixed = articles[0]["id"], articles[1]["id"]
    call(base, "POST", f"/me/publishers/{slug}/articles/{gone}/takedown", editor,
         {"reason": "A source asked to be removed; legal advice followed."}, expect=DONE)
    call(base, "GET", f"/articles/{gone}", editor, expect=410)
    print(f"takedown: article {gone} is gone from the API (410 Gone)")
    refetched = call(base, "POST", f"/me/publishers/{slug}/articles/{fixed}/refetch", editor, expect=DONE)
    print(f"refetch: article {fixed} {_summary(refetched, 100)}")


def flow(base: str, apply: bool = True) -> None:
    tag = f"{int(time.time())}"
    site = Site()
    try:
        print(f"site: a publisher site on {site.url} (home, about, a feed of {len(STORIES)} full-text items)")
        editor, operator = account(f"editor{tag}", "reader"), account(f"operator{tag}", "operator")
        print("accounts: a publisher's editor and an operator, each with a token")
        new = apply_and_approve(base, site, editor, operator) if apply else ""
        portal(base, site, editor, claim_demo_publisher(base, site, editor, skip=new))
    finally:
        site.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000", help="the running site")
    parser.add_argument("--skip-application", action="store_true",
                        help="start at the claim (for a site without the application endpoints)")
    args = parser.parse_args()
    try:
        flow(args.base.rstrip("/"), apply=not args.skip_application)
    except Failed as exc:
        print(f"publisher flow failed: {exc}", file=sys.stderr)
        return 1
    print("publisher flow: every step passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

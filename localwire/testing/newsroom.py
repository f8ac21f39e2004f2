"""A made-up regional publisher on 127.0.0.1 for the fault harness: many articles over many feeds,
and a switch that makes it answer 500s or hang for a while.

Run as its own process (``python -m localwire.testing.newsroom --articles 5000 --feeds 50``), so
serving it never shares an interpreter with what it measures; it prints its address on one line.
Every text is made from a seed: article ``n`` is the same on every run, and no two read alike
(names, places, figures and sentences drawn afresh for each), so the understanding stage has real
people, places and organisations to find. Feeds carry each article's full text as well as a link,
as many publishers' do, so an article whose page fails is still stored whole from its feed.

``GET /_fault/error?seconds=8`` answers 500 (with ``Retry-After``) to everything for that long;
``/_fault/hang?seconds=8`` holds every request past the fetcher's deadline instead.
"""

from __future__ import annotations

import argparse
import random
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

TOWNS = ("Springfield", "Riverton", "Fairview", "Maplewood", "Oak Ridge", "Lakeside", "Brookfield", "Ashland",
         "Cedar Falls", "Millbrook", "Greenville", "Hillsboro", "Salem", "Dover", "Clinton", "Georgetown")
FIRST = ("Maria", "James", "Aisha", "Tom", "Elena", "Robert", "Priya", "Daniel", "Grace", "Luis", "Hannah",
         "Samuel", "Chloe", "Marcus", "Ingrid", "Kwame", "Olivia", "Victor", "Nadia", "Peter")
LAST = ("Alvarez", "Bennett", "Okafor", "Lindqvist", "Harper", "Nakamura", "Fitzgerald", "Moreau", "Kowalski",
        "Delgado", "Whitaker", "Osei", "Brennan", "Castillo", "Hughes", "Ramsey", "Patel", "Sorensen")
BODIES = ("city council", "school board", "county commission", "planning board", "library trustees",
          "water authority", "parks department", "chamber of commerce", "fire district", "transit agency")
SUBJECTS = ("a new bike lane on Main Street", "the budget for next year", "repairs to the Elm Street bridge",
            "a community garden behind the library", "later opening hours at the pool", "a farmers market",
            "flood defences along the river", "a plan for affordable housing", "new lights at the stadium",
            "the closing of the old mill", "a youth soccer league", "broadband for rural roads",
            "a shelter for stray animals", "the renovation of the town hall", "a summer jazz festival")
VERBS = ("approves", "delays", "debates", "rejects", "funds", "reviews", "backs", "questions")
SENTENCES = (
    "{person}, who chairs the {body}, said the vote on {subject} would come before the end of {month}.",
    "Residents of {town} packed the meeting, and {count} of them spoke about {subject}.",
    "The plan would cost about ${money} million, according to figures released by the {body}.",
    "{person} of {town} said the neighbourhood had waited {years} years for {subject}.",
    "Critics, led by {person}, argued that {subject} would raise taxes in {town}.",
    "Supporters say {subject} will bring visitors from {town2} and {town3}.",
    "The {body} in {town2} approved a similar measure last {month}.",
    "A public hearing on {subject} is set for {weekday} at the {town} community centre.",
    "{person} told the {body} that {count} families had signed a petition.",
    "Work could begin in {month} if the state grant of ${money} million arrives on time.",
    "Officials in {town} expect a final decision within {years} months.",
    "{person}, a teacher in {town}, said students would benefit from {subject}.",
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def story(n: int) -> dict:
    """Article ``n``: title, summary and paragraphs, the same on every run."""
    rng = random.Random(n * 7919 + 17)
    town, body, subject = rng.choice(TOWNS), rng.choice(BODIES), rng.choice(SUBJECTS)
    fill = lambda: dict(person=person(rng), body=body, subject=subject, town=town,  # noqa: E731
                        town2=rng.choice(TOWNS), town3=rng.choice(TOWNS), month=rng.choice(MONTHS),
                        weekday=rng.choice(WEEKDAYS), count=rng.randint(3, 400), years=rng.randint(2, 30),
                        money=f"{rng.randint(1, 90)}.{rng.randint(0, 9)}")
    paragraphs = [" ".join(rng.choice(SENTENCES).format(**fill()) for _ in range(rng.randint(2, 4)))
                  for _ in range(rng.randint(5, 9))]
    title = f"{town} {body} {rng.choice(VERBS)} {subject} ({person(rng)} leads item {n})"
    return {"n": n, "title": title[0].upper() + title[1:], "author": person(rng), "paragraphs": paragraphs,
            "summary": paragraphs[0][:300]}


class Newsroom:
    """Articles 0..articles-1, article n in feed n % feeds; faults switched on over HTTP."""

    def __init__(self, articles: int, feeds: int, port: int = 0, hang_seconds: float = 12.0):
        self.articles, self.feeds, self.hang_seconds = articles, feeds, hang_seconds
        self.published = datetime.now(UTC).replace(microsecond=0)
        self.fault, self.fault_until = "", 0.0
        self.counts = {"requests": 0, "errors": 0, "hangs": 0}
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), _handler(self))
        self._httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def faulty(self) -> str:
        with self._lock:
            return self.fault if time.monotonic() < self.fault_until else ""

    def set_fault(self, kind: str, seconds: float) -> None:
        with self._lock:
            self.fault, self.fault_until = kind, time.monotonic() + seconds

    def feed(self, f: int) -> bytes:
        items = []
        for n in range(f, self.articles, self.feeds):
            s = story(n)
            when = format_datetime(self.published - timedelta(minutes=n))
            content = "".join(f"<p>{escape(p)}</p>" for p in s["paragraphs"])
            items.append(f"<item><title>{escape(s['title'])}</title><link>{self.base}/a/{n}</link>"
                         f"<guid isPermaLink=\"false\">newsroom-{n}</guid><pubDate>{when}</pubDate>"
                         f"<author>{escape(s['author'])}</author><description>{escape(s['summary'])}</description>"
                         f"<content:encoded>{escape(content)}</content:encoded></item>")
        return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
                'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
                f"<title>Valley Courier, section {f}</title><link>{self.base}/</link>"
                f"<description>Local news</description>{''.join(items)}</channel></rss>").encode()

    def page(self, n: int) -> bytes:
        s = story(n)
        when = (self.published - timedelta(minutes=n)).isoformat()
        body = "".join(f"<p>{escape(p)}</p>" for p in s["paragraphs"])
        return (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{escape(s['title'])}</title>"
                f"<link rel=\"canonical\" href=\"{self.base}/a/{n}\">"
                f"<meta property=\"article:published_time\" content=\"{when}\"></head><body>"
                f"<header><a href=\"/\">Valley Courier</a></header><article><h1>{escape(s['title'])}</h1>"
                f"<p class=\"byline\">By {escape(s['author'])}</p>{body}</article>"
                f"<footer>Valley Courier, all rights reserved.</footer></body></html>").encode()

    def opml(self) -> str:
        outlines = "".join(f'<outline type="rss" text="Valley Courier {f}" xmlUrl="{self.base}/feed/{f}.xml"/>'
                           for f in range(self.feeds))
        return f'<?xml version="1.0"?><opml version="2.0"><head/><body>{outlines}</body></opml>'

    def serve_forever(self) -> None:
        self._httpd.serve_forever(poll_interval=0.2)


def _handler(room: Newsroom):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            parts = urlsplit(self.path)
            if parts.path.startswith("/_fault/"):
                seconds = float(parse_qs(parts.query).get("seconds", ["8"])[0])
                room.set_fault(parts.path.rsplit("/", 1)[1], seconds)
                return self._send(200, "text/plain", b"ok")
            with room._lock:
                room.counts["requests"] += 1
            fault = room.faulty()
            if fault == "error":
                room.counts["errors"] += 1
                return self._send(500, "text/plain", b"the newsroom's server is having a bad day", retry=True)
            if fault == "hang":
                room.counts["hangs"] += 1
                time.sleep(room.hang_seconds)
            return self._route(parts.path)

        def _route(self, path: str):
            if path == "/robots.txt":
                return self._send(200, "text/plain", b"User-agent: *\nAllow: /\n")
            if path == "/opml":
                return self._send(200, "text/x-opml", room.opml().encode())
            if path.startswith("/feed/") and path.endswith(".xml"):
                f = int(path[6:-4])
                if 0 <= f < room.feeds:
                    return self._send(200, "application/rss+xml", room.feed(f))
            if path.startswith("/a/") and path[3:].isdigit() and int(path[3:]) < room.articles:
                return self._send(200, "text/html; charset=utf-8", room.page(int(path[3:])))
            if path == "/":
                return self._send(200, "text/html", b"<!doctype html><title>Valley Courier</title><h1>Valley Courier</h1>")
            return self._send(404, "text/plain", b"not found")

        def _send(self, status: int, kind: str, body: bytes, retry: bool = False):
            try:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                if retry:
                    self.send_header("Retry-After", "5")
                self.end_headers()
                self.wfile.write(body)
            except OSError:
                pass  # the fetcher gave up on a hung request: that is the point

        def log_message(self, *args):
            pass

    return Handler


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--hang-seconds", type=float, default=12.0)
    args = parser.parse_args(argv)
    room = Newsroom(args.articles, args.feeds, hang_seconds=args.hang_seconds)
    print(room.base, flush=True)
    room.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())

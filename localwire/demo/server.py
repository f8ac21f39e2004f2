"""The demo publishers on 127.0.0.1: real feeds, article pages and images over HTTP.

Used by ``localwire demo``, by the tests and by the ingest benchmark. Feeds
answer conditional requests (ETag/Last-Modified → 304) and are gzipped when
asked, like a well-run publisher's server; times are relative to start-up so
the demo always looks fresh.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import threading
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime, parsedate_to_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import quoteattr

from PIL import Image, ImageDraw

from localwire.demo import feeds as feed_formats
from localwire.demo.corpus import Article, Corpus, load_corpus
from localwire.demo.pages import article_page, home_page, not_found_page, variant_sentence

__all__ = ["DemoServer", "load_corpus"]

ROBOTS = b"User-agent: *\nAllow: /\nDisallow: /private/\n"
CSS = b"body{font-family:Georgia,serif;max-width:46rem;margin:0 auto;padding:1rem}img{max-width:100%;height:auto}\n"


class DemoServer:
    def __init__(self, host: str = "127.0.0.1", port: int = 0, replicate: int = 1):
        self.corpus: Corpus = load_corpus()
        self.replicate = max(1, replicate)
        self.started = datetime.now(timezone.utc).replace(microsecond=0)
        self._images: dict[str, bytes] = {}
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer((host, port), _handler_for(self))
        self._httpd.daemon_threads = True
        self.host, self.port = self._httpd.server_address[:2]
        self.base_url = f"http://{self.host}:{self.port}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="demo-publishers", daemon=True)
        self._pages = self._build_pages()
        self._feeds = self._build_feeds()
        self._known_images = self._image_names()

    # --- lifecycle ---------------------------------------------------------
    def start(self) -> "DemoServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread.is_alive():
            self._httpd.shutdown()
            self._thread.join(timeout=5)
        self._httpd.server_close()

    def __enter__(self) -> "DemoServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # --- what the demo and the tests need ---------------------------------
    def feeds(self) -> list[dict]:
        out = []
        for p in self.corpus.publishers.values():
            for fmt in p.formats:
                out.append({"publisher": p.name, "slug": p.slug, "kind": p.kind, "about": p.about,
                            "city": p.city, "site_url": f"{self.base_url}/{p.slug}/",
                            "url": f"{self.base_url}/{p.slug}/{feed_formats.FORMATS[fmt][0]}"})
        return out

    def opml(self) -> str:
        outlines = "".join(
            f"<outline type=\"rss\" text={quoteattr(f['publisher'])} title={quoteattr(f['publisher'])} "
            f"xmlUrl={quoteattr(f['url'])} htmlUrl={quoteattr(f['site_url'])}/>" for f in self.feeds()
        )
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0"><head><title>Localwire demo '
                f"publishers</title></head><body>{outlines}</body></opml>\n")

    def article_url(self, article: Article, variant: int = 0) -> str:
        suffix = f"-r{variant}" if variant else ""
        return f"{self.base_url}/{article.publisher}/news/{article.slug}{suffix}"

    def published(self, article: Article, variant: int = 0) -> datetime:
        return self.started - timedelta(minutes=article.minutes_ago, seconds=variant)

    # --- content -------------------------------------------------------------
    def _build_pages(self) -> dict[str, tuple[int, str]]:
        pages: dict[str, tuple[int, str]] = {}
        corpus = self.corpus
        for article in corpus.articles:
            publisher = corpus.publishers[article.publisher]
            agency = corpus.publishers[article.copy_of.split("/")[0]] if article.copy_of else None
            others = [a for a in corpus.of(article.publisher) if a.key != article.key]
            others.sort(key=lambda a: (a.story != article.story, a.minutes_ago))
            for variant in range(self.replicate):
                path = self.article_url(article, variant)[len(self.base_url):]
                if article.missing_page:
                    pages[path] = (404, not_found_page(publisher))
                    continue
                html = article_page(publisher, article, self.article_url(article, variant),
                                    self.published(article, variant), others[:4], variant, agency)
                pages[path] = (200, html)
        for slug, publisher in corpus.publishers.items():
            links = [(feed_formats.FORMATS[f][1].split(";")[0], f"/{slug}/{feed_formats.FORMATS[f][0]}")
                     for f in publisher.formats]
            mine = sorted(corpus.of(slug), key=lambda a: a.minutes_ago)
            pages[f"/{slug}/"] = (200, home_page(publisher, self.base_url, links,
                                                 [(a, self.published(a)) for a in mine]))
        return pages

    def _build_feeds(self) -> dict[str, tuple[str, bytes, str, str]]:
        built = {}
        for slug, publisher in self.corpus.publishers.items():
            items = [self._item(article, variant) for article in self.corpus.of(slug)
                     for variant in range(self.replicate)]
            items.sort(key=lambda i: i.published, reverse=True)
            newest = items[0].published if items else self.started
            for fmt in publisher.formats:
                name, content_type, render = feed_formats.FORMATS[fmt]
                path = f"/{slug}/{name}"
                body = render(publisher, f"{self.base_url}/{slug}/", self.base_url + path, items).encode()
                etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
                built[path] = (content_type, body, etag, format_datetime(newest, usegmt=True))
        return built

    def _item(self, article: Article, variant: int) -> feed_formats.Item:
        full = article.full_content_in_feed or article.missing_page
        content = ""
        if full:
            paragraphs = ([article.intro] if article.intro else []) + list(article.paragraphs)
            if variant:
                paragraphs.append(variant_sentence(article, variant))
            content = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        image = (f"{self.base_url}/{article.publisher}/img/{article.image.name}.jpg"
                 if article.image and variant % 2 == 0 else "")
        guid = f"{self.base_url}/{article.publisher}/news/{article.slug}" if article.publisher == "ledger" \
            else f"urn:localwire-demo:{article.publisher}:{article.slug}"
        if variant:
            guid += f"#r{variant}"
        return feed_formats.Item(article, self.article_url(article, variant), guid,
                                 self.published(article, variant), image, content)

    def _image_names(self) -> dict[str, set[str]]:
        names: dict[str, set[str]] = {}
        for article in self.corpus.articles:
            names.setdefault(article.publisher, set()).update(img.name for img in article.images)
        return names

    def image(self, name: str) -> bytes:
        with self._lock:
            if name not in self._images:
                self._images[name] = _picture(name)
            return self._images[name]


def _picture(name: str) -> bytes:
    """A deterministic gradient, different for every name: stands in for a news photo."""
    seed = hashlib.sha256(name.encode()).digest()
    top, bottom = seed[:3], seed[3:6]
    img = Image.new("RGB", (1200, 800))
    draw = ImageDraw.Draw(img)
    for y in range(800):
        t = y / 799
        draw.line([(0, y), (1200, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
    draw.rectangle([60, 640, 1140, 740], fill=(0, 0, 0))
    draw.text((90, 675), name.replace("-", " "), fill=(255, 255, 255))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=80)
    return out.getvalue()


def _handler_for(server: DemoServer):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "DemoPublisher/1.0"

        def log_message(self, *args) -> None:
            pass

        def do_HEAD(self) -> None:
            self.do_GET(head=True)

        def do_GET(self, head: bool = False) -> None:
            path = self.path.split("?", 1)[0]
            if path == "/robots.txt":
                return self._send(200, "text/plain; charset=utf-8", ROBOTS, head=head)
            if path in server._feeds:
                return self._feed(path, head)
            if path in server._pages:
                status, html = server._pages[path]
                return self._send(status, "text/html; charset=utf-8", html.encode(), head=head)
            parts = path.strip("/").split("/")
            if len(parts) == 3 and parts[1] == "img" and parts[2].endswith(".jpg"):
                name = parts[2][:-4]
                if name in server._known_images.get(parts[0], ()):
                    return self._send(200, "image/jpeg", server.image(name), head=head, compress=False,
                                      extra={"Cache-Control": "max-age=86400"})
            if len(parts) == 3 and parts[1] == "static" and parts[2] == "site.css" \
                    and parts[0] in server.corpus.publishers:
                return self._send(200, "text/css; charset=utf-8", CSS, head=head)
            self._send(404, "text/plain; charset=utf-8", b"not found", head=head)

        def _feed(self, path: str, head: bool) -> None:
            content_type, body, etag, modified = server._feeds[path]
            match = self.headers.get("If-None-Match", "")
            tags = {t.strip().removeprefix("W/") for t in match.split(",")}
            if (match and (etag in tags or "*" in tags)) or self._not_modified_since(modified):
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", modified)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self._send(200, content_type, body, head=head,
                       extra={"ETag": etag, "Last-Modified": modified, "Cache-Control": "max-age=300"})

        def _not_modified_since(self, modified: str) -> bool:
            since = self.headers.get("If-Modified-Since")
            if not since or self.headers.get("If-None-Match"):
                return False
            try:
                return parsedate_to_datetime(since) >= parsedate_to_datetime(modified)
            except (TypeError, ValueError):
                return False

        def _send(self, status: int, content_type: str, body: bytes, head: bool = False,
                  extra: dict | None = None, compress: bool = True) -> None:
            if compress and "gzip" in self.headers.get("Accept-Encoding", "") and len(body) > 512:
                body = gzip.compress(body, 6)
                extra = {**(extra or {}), "Content-Encoding": "gzip", "Vary": "Accept-Encoding"}
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for key, value in (extra or {}).items():
                self.send_header(key, value)
            self.end_headers()
            if not head:
                self.wfile.write(body)

    return Handler

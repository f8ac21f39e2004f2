"""The site's checks: its home page answers, and links to an About page that says who runs it.

Readers judge a source by who stands behind it, so the platform asks for an About page; it is
found the way a reader finds it, from the home page's links, and fetched through the same
guarded fetcher as everything else.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import lxml.html

from localwire.publishers.item_checks import check
from localwire.sources.errors import BlockedURL, FetchError
from localwire.sources.models import Publisher

PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9"
ABOUT_WORDS = re.compile(r"\babout\b|who[\s_-]+we[\s_-]+are|our[\s_-]+(story|team|mission)|"
                         r"\bmasthead\b|\bimpressum\b|\bstaff\b", re.I)
MAX_ABOUT_LINKS = 2  # About-looking links tried, in the page's order
ABOUT_MIN_WORDS = 30  # an About page says something; a stub does not


def site_checks(website: str, fetcher) -> list[dict]:
    home = _fetch(website, fetcher)
    if isinstance(home, str):
        return [check("website", False, f"The home page {website} could not be read: {home}."),
                check("about", False, "No About page could be looked for, as the home page could not be read.")]
    body, final_url = home
    return [check("website", True, f"The home page {final_url} answers."), about_check(body, final_url, fetcher)]


def listed_check(website: str) -> dict:
    """Is a publisher of this site listed already? Then claiming it is the way in, not a second profile."""
    host = _site_host(website)
    candidates = Publisher.objects.filter(website__icontains=host).only("slug", "name", "website") if host else []
    listed = [p for p in candidates if _site_host(p.website) == host][:3]
    if not listed:
        return check("not_listed", True, "No publisher of this site is listed here yet.")
    named = "; ".join(f"{p.name} (/publisher/{p.slug}/)" for p in listed)
    return check("not_listed", False, f"This site is listed already: {named}. If that profile is yours, open it "
                                      "and choose Claim this profile instead of applying.")


def _site_host(url: str) -> str:
    try:
        netloc = urlsplit(url.strip()).netloc.lower().rpartition("@")[2]
    except ValueError:
        return ""
    return netloc.removeprefix("www.")


def about_check(home: bytes, base_url: str, fetcher) -> dict:
    links = about_links(home, base_url)
    if not links:
        return check("about", False, "The home page links to no About page. Add one saying who runs the site, "
                                     "who edits it and how to reach them, and link to it from every page.")
    failures = []
    for url in links[:MAX_ABOUT_LINKS]:
        page = _fetch(url, fetcher)
        if isinstance(page, str):
            failures.append(f"{url}: {page}")
            continue
        words = len(_page_text(page[0]).split())
        if words >= ABOUT_MIN_WORDS:
            return check("about", True, f"An About page at {url} ({words} words).")
        failures.append(f"{url} says almost nothing ({words} words)")
    return check("about", False, "The About page could not be used: " + "; ".join(failures) + ".")


def about_links(page: bytes, base_url: str) -> list[str]:
    """Same-site links whose words or address say "about", in the page's order."""
    try:
        doc = lxml.html.document_fromstring(page)
    except (ValueError, lxml.etree.ParserError):
        return []
    site = urlsplit(base_url).netloc.lower()
    found: list[str] = []
    for anchor in doc.xpath("//a[@href]"):
        try:
            url = urljoin(base_url, anchor.get("href").strip()).split("#")[0]
            parts = urlsplit(url)
        except ValueError:
            continue
        if parts.scheme not in ("http", "https") or parts.netloc.lower() != site or url in found:
            continue
        if ABOUT_WORDS.search(anchor.text_content() or "") or ABOUT_WORDS.search(parts.path.replace("-", " ")):
            found.append(url)
    return found


def _fetch(url: str, fetcher) -> tuple[bytes, str] | str:
    """The page's bytes and final address, or why it could not be had, in words."""
    try:
        response = fetcher.get(url, accept=PAGE_ACCEPT)
    except BlockedURL as exc:
        return f"refused ({str(exc).removeprefix('blocked: ')})"
    except FetchError as exc:
        return str(exc)
    if response.status >= 400:
        return f"HTTP {response.status}"
    return response.body, response.final_url


def _page_text(page: bytes) -> str:
    try:
        doc = lxml.html.document_fromstring(page)
    except (ValueError, lxml.etree.ParserError):
        return ""
    for junk in doc.xpath("//script|//style|//nav|//header|//footer"):
        junk.drop_tree()
    return doc.text_content()

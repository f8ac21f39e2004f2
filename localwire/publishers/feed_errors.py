"""What a fetch or parse error means for a publisher, in words they can act on.

The pipeline keeps errors as an operator reads them ("HTTP 403 from https://…", "timed out after
10s fetching …", "blocked: 10.0.0.7 is a private address"). A publisher needs to know what went
wrong and what to change on their side, so each known shape has a short label (for counting pages
that failed the same way) and a sentence with the fix. Anything unknown is shown as it was kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Reading:
    label: str  # short, for counts: "HTTP 403", "timed out"
    sentence: str  # what happened and what to do


def _http(match: re.Match) -> Reading:
    status = int(match.group(1))
    label = f"HTTP {status}"
    if status in (404, 410):
        return Reading(label, f"Your server answered “not found” ({label}). If the address moved, add the new "
                              "one and pause this one.")
    if status in (401, 403):
        return Reading(label, f"Your server refused our fetcher ({label}). Let the User-Agent "
                              f"“{settings.LOCALWIRE_USER_AGENT}” read it (check your firewall, CDN or bot "
                              "protection).")
    if status == 429:
        return Reading(label, "Your server asked us to slow down (HTTP 429). We wait longer between fetches; "
                              "raise the rate limit for our fetcher if articles arrive late.")
    if status >= 500:
        return Reading(label, f"Your server failed with an error ({label}). We try again later, waiting "
                              "longer each time; check the server's error log.")
    return Reading(label, f"Your server answered {label}, which is not a page we can read.")


def _timeout(match: re.Match) -> Reading:
    return Reading("timed out", f"Your server did not answer within {match.group(1) or 'our'} seconds. We "
                                "try again; if it keeps happening, check the server's load or a firewall "
                                "that drops our requests.")


def _fixed(label: str, sentence: str):
    return lambda match: Reading(label, sentence)


def _parse_problem(match: re.Match) -> Reading:
    return Reading("malformed feed", f"The feed is not well-formed XML ({match.group(1).strip()}). Check it with "
                                     "a feed validator; until then we read only as far as it goes.")


# (pattern, reader): the first that matches wins, so the specific come before the general.
_RULES: list[tuple[re.Pattern, object]] = [
    (re.compile(r"HTTP (\d{3})"), _http),
    (re.compile(r"timed out(?: after ([\d.]+)s)?"), _timeout),
    (re.compile(r"robots\.txt"), _fixed(
        "robots.txt", "Your robots.txt forbids our fetcher to read these pages. Allow our User-Agent in "
                      "robots.txt, or put the full text in the feed.")),
    (re.compile(r"resolves to a refused address|is (?:a |an )?(?:private|loopback|link-local|special-purpose|"
                r"not a public)"), _fixed(
        "refused address", "The address leads to a private or otherwise non-public network address, which "
                           "we never fetch. Use your site's public address.")),
    (re.compile(r"blocked: (.*)"), lambda match: Reading(
        "refused address", f"We do not fetch this address: {match.group(1)}. Use a plain public http(s) address.")),
    (re.compile(r"cannot resolve"), _fixed(
        "unknown host", "Your site's name could not be found (DNS). Check the spelling of the address and "
                        "that the domain is registered and pointing at your server.")),
    (re.compile(r"too many redirects"), _fixed(
        "redirect loop", "The address redirects too many times, probably in a loop. Make it answer "
                         "directly or with a single redirect.")),
    (re.compile(r"too large"), _fixed(
        "too large", "The document is larger than we accept. Keep the feed to your latest items (50 is "
                     "plenty) and do not embed large files in it.")),
    (re.compile(r"declares XML entities"), _fixed(
        "XML entities", "The feed declares XML entities (a DOCTYPE with <!ENTITY>), which we refuse as a "
                        "known attack on XML parsers. Remove the DOCTYPE from the feed.")),
    (re.compile(r"(?:malformed|broken) (?:JSON )?feed: (.*?)(?:; no item could be read)?$"), _parse_problem),
    (re.compile(r"warning: (.*?), read as far as it goes"), _parse_problem),
    (re.compile(r"not an HTML page"), _fixed(
        "not a web page", "The article address gives something other than a web page (a PDF, an image, …). "
                          "Link feed items to the article's HTML page.")),
    (re.compile(r"not a feed"), _fixed(
        "not a feed", "The address gives a web page, not a feed. Use the address of the RSS, Atom or JSON "
                      "feed itself.")),
    (re.compile(r"could not fetch|Connection|connect", re.I), _fixed(
        "no connection", "We could not connect to your server. Check that it is up and accepts connections "
                         "from the internet on the address's port.")),
    (re.compile(r"Content-Encoding|compressed body"), _fixed(
        "bad compression", "Your server sent a compressed answer we could not unpack. Check its gzip or "
                           "Brotli settings.")),
]


def read_error(raw: str) -> Reading:
    """The label and sentence for an error as the pipeline kept it; empty for no error."""
    raw = (raw or "").strip()
    if not raw:
        return Reading("", "")
    for pattern, reader in _RULES:
        match = pattern.search(raw)
        if match:
            return reader(match)
    return Reading("other error", f"The last attempt failed: {raw[:300]}")


def plain_error(raw: str) -> str:
    return read_error(raw).sentence


def error_label(raw: str) -> str:
    return read_error(raw).label

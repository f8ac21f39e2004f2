"""The automatic rules that hold a submitted post, as plain functions over its title and body.

A rule never refuses or deletes: a post it catches is *held*, and every ``Hold`` carries a message
written for the contributor, which the moderator who decides reads too. Every submitted post waits
for a moderator anyway; a hold says what to look at first, and tells the author what they can fix.

Copied text is found as syndication finds a wire story at another outlet (``stories.syndication``:
word shingles, a MinHash signature, its LSH bands stored as rows) and by the post's distinctive
passages looked up in the search index (``passages``), then measured exactly on shingles
— but in one direction: the share of the *post* found in a stored article, so a post that quotes a
short article whole, inside much reporting of its own, is not called a copy.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

from localwire.articles.markdown import read_markdown
from localwire.articles.models import Article
from localwire.community import moderation
from localwire.contributors.passages import passage_candidates
from localwire.stories.syndicated import CLEAR_COPY, band_candidates
from localwire.stories.syndication import MIN_SHINGLES, band_keys, share_in, shingles, signature

COPIED_SHARE = 0.5  # half or more of the post's body found in one stored article


@dataclass(frozen=True)
class Hold:
    code: str  # "copied", "links", "words" or "daily": what a moderator's list sorts and filters by
    message: str  # for the contributor, in a sentence or two: what was seen and what they can do


@dataclass(frozen=True)
class CopyHit:
    article_id: int
    title: str
    publisher: str
    share: float  # of the post's shingles found in the article, 0.5 to 1


def copied_text(body: str, *, own_articles: Iterable[int] = ()) -> CopyHit | None:
    """The stored article holding the largest share (at least half) of the post's text, if any.

    Candidates come two ways, both measured exactly: articles sharing LSH bands with the post (alike
    as wholes) and articles holding its distinctive passages (``passages``: a short post lifting
    paragraphs of a long article). ``own_articles`` are left out: once published, a post is an
    article, and a correction to it is not a copy of itself. Too short a text (fewer than ``MIN_SHINGLES`` shingles) is never a copy.
    """
    text = read_markdown(body).text
    found = shingles(text)
    if len(found) < MIN_SHINGLES:
        return None
    own = list(own_articles)
    bands = band_candidates(band_keys(signature(found)), exclude=own)
    ids = list(dict.fromkeys(bands + passage_candidates(text, exclude=own)))
    stored = Article.objects.filter(pk__in=ids).select_related("publisher").only(
        "title", "text", "publisher__name").in_bulk()
    best: CopyHit | None = None
    for article in (stored[i] for i in ids if i in stored):  # most shared bands, then most passages
        share = share_in(found, shingles(article.text))
        if share >= COPIED_SHARE and (best is None or share > best.share):
            best = CopyHit(article.pk, article.title, article.publisher.name, share)
        if best is not None and best.share >= CLEAR_COPY:
            break  # nearly all of it: no other article can name the source better
    return best


def copied_hold(hit: CopyHit) -> Hold:
    percent = int(hit.share * 100)  # rounded down: "50 %" never stands for 49.6
    amount = "All" if percent == 100 else "Half" if percent == 50 else "Most"
    return Hold("copied", f"{amount} of this text ({percent} %) is in '{hit.title}' by {hit.publisher}, "
                          "already published here. Quote it briefly and link to it, or write it in your own words.")


def host_of(address: str) -> str:
    """The site an address leads to, as a reader would name it: lower case, ASCII (punycode), no
    port, no ``www.``; empty for an address on this site (relative) or one that leads to no site
    (``mailto:``). Browsers read ``\\`` as ``/`` and ``https:/x.org`` as ``https://x.org``; so does this."""
    try:
        parts = urlsplit(address.strip().replace("\\", "/"))
        if parts.scheme in ("http", "https") and not parts.netloc:
            parts = urlsplit(f"{parts.scheme}://{parts.path.lstrip('/')}")
        host = (parts.hostname or "") if parts.scheme in ("", "http", "https") else ""
        host = host.rstrip(".").encode("idna").decode("ascii")
    except (ValueError, UnicodeError):  # "http://[bad", a label too long: no site anyone reaches
        return ""
    return host.removeprefix("www.")


def outside_hosts(body: str, site_host: str = "") -> list[str]:
    """The distinct outside sites a post links to, sorted; the site's own host is not outside."""
    own = host_of(f"//{site_host}") if site_host else ""
    return sorted({host for host in map(host_of, read_markdown(body).links) if host and host != own})


def too_many_outside_sites(body: str, site_host: str = "") -> Hold | None:
    limit = settings.LOCALWIRE_POST_MAX_LINK_HOSTS
    hosts = outside_hosts(body, site_host)
    if len(hosts) <= limit:
        return None
    return Hold("links", f"This post links to {len(hosts)} outside sites ({', '.join(hosts)}); with more than "
                         f"{limit}, a moderator checks each link before it is published. "
                         "Keep the links your reporting needs.")


def listed_words(title: str, body: str) -> Hold | None:
    """The comment word list (``community.moderation``), over the title and what the body shows."""
    hits = moderation.listed_words(f"{title}\n{read_markdown(body).text}")
    if not hits:
        return None
    return Hold("words", f"This post uses words on our list of abuse ({', '.join(hits)}). A moderator reads "
                         "it before it is published; where they are not needed, say it another way.")


def too_many_today(count_today: int) -> Hold | None:
    """``count_today`` counts this submission too: with the limit at 5, the sixth of a day is held."""
    limit = settings.LOCALWIRE_POST_DAILY_LIMIT
    if count_today <= limit:
        return None
    return Hold("daily", f"You have submitted {count_today} posts today; past {limit} a day, "
                         "each further one waits for a closer look from a moderator.")


def holds_for(title: str, body: str, submitted_today: int, site_host: str = "", *,
              own_articles: Iterable[int] = ()) -> list[Hold]:
    """Every hold on a submitted post, in the order a moderator reads them: copied text, links to
    outside sites, listed words, the daily limit. Empty: the post waits for review as every post does.

    ``submitted_today`` includes this submission; ``site_host`` is the host readers reach this site
    at (``request.get_host()``); ``own_articles``: the author's published posts, see ``copied_text``.
    """
    hit = copied_text(body, own_articles=own_articles)
    found = [copied_hold(hit) if hit else None, too_many_outside_sites(body, site_host),
             listed_words(title, body), too_many_today(submitted_today)]
    return [hold for hold in found if hold is not None]

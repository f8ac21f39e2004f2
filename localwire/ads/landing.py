"""Does a campaign's landing page answer? Checked through the guarded fetcher, like every outside URL.

The check runs when a campaign is submitted, whenever its landing address changes, and again when
a moderator approves it: an ad readers click must lead somewhere that answers. A failed check
does not stop the advertiser submitting (the page may be going up tomorrow); it is shown to the
moderator in plain words, and approval waits until it passes.
"""

from __future__ import annotations

from django.utils import timezone

from localwire.sources.context import make_fetcher
from localwire.sources.errors import BlockedURL, FetchError, FetchTimeout, TooLarge, TooManyRedirects

DEADLINE_SECONDS = 6
MAX_BYTES = 2_000_000  # the page's answer is what counts; its size only needs a cap
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


def check_landing(url: str) -> dict:
    """``{ok, detail, checked_at}``: ok when the page answers with a status below 400."""
    ok, detail = _fetch(url)
    return {"ok": ok, "detail": detail, "checked_at": timezone.now().isoformat()}


def _fetch(url: str) -> tuple[bool, str]:
    try:
        with make_fetcher(deadline=DEADLINE_SECONDS, max_bytes=MAX_BYTES) as fetcher:
            response = fetcher.get(url, accept=PAGE_ACCEPT)
    except BlockedURL as exc:
        return False, f"refused: {str(exc).removeprefix('blocked: ')}"
    except FetchTimeout:
        return False, f"took longer than {DEADLINE_SECONDS} s"
    except TooLarge:
        return True, f"answered with a page over {MAX_BYTES // 1_000_000} MB"
    except TooManyRedirects:
        return False, "redirected too many times"
    except FetchError as exc:
        return False, f"could not be reached: {exc}"
    moved = f" (after redirects, at {response.final_url})" if response.final_url != url else ""
    if response.status >= 400:
        return False, f"answered HTTP {response.status}{moved}"
    return True, f"answered HTTP {response.status}{moved}"

"""The signed image proxy: readers' browsers never contact a publisher's image host.

``/img/<signature>/<encoded source URL>?w=<width>``. Only URLs Localwire signed
are served (HMAC keyed from SECRET_KEY), and each is still re-checked by the
SSRF guard when fetched. Only JPEG, PNG, GIF and WebP, judged by their bytes;
the pixel count is checked from the header before anything is decoded; the
result is re-encoded, stripped of metadata, and cached on disk. Fetching and
decoding, with their limits, are in ``imagefetch`` and ``imagedecode``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.utils.encoding import force_bytes
from django.views.decorators.http import require_safe

from localwire.articles.imagedecode import ImageRefused
from localwire.articles.imagefetch import BUSY_RETRY_SECONDS, fetch_and_render, reset_fetcher

SALT = b"localwire.imageproxy"
SIGNATURE_BYTES = 16
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'none'",
                    "Cross-Origin-Resource-Policy": "same-origin"}
CACHE_CONTROL = "public, max-age=2592000, immutable"

__all__ = ["image_srcset", "image_url", "image_view", "reset_fetcher", "sign"]

# --- URLs ------------------------------------------------------------------------


def _key() -> bytes:
    return hashlib.sha256(SALT + force_bytes(settings.SECRET_KEY)).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign(src: str) -> str:
    return _b64(hmac.new(_key(), src.encode(), hashlib.sha256).digest()[:SIGNATURE_BYTES])


def allowed_width(width: int | None) -> int:
    """Round up to the next width Localwire renders; anything larger gets the largest."""
    widths = sorted(settings.LOCALWIRE_IMAGE_WIDTHS)
    if not width:
        return widths[-1]
    return next((w for w in widths if w >= width), widths[-1])


def image_url(src: str, width: int | None = None) -> str:
    path = f"/img/{sign(src)}/{_b64(src.encode())}"
    return f"{path}?w={allowed_width(width)}" if width else path


def image_srcset(src: str) -> str:
    return ", ".join(f"{image_url(src, w)} {w}w" for w in sorted(settings.LOCALWIRE_IMAGE_WIDTHS))


# --- disk cache ------------------------------------------------------------------


def _cache_path(src: str, width: int) -> Path:
    digest = hashlib.sha256(src.encode()).hexdigest()
    return Path(settings.LOCALWIRE_IMAGE_CACHE) / digest[:2] / digest[2:4] / f"{digest}-{width}"


def _cache_read(path: Path) -> tuple[bytes, str] | None:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    return data, "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"


def _cache_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)  # readers see the whole file or none


# --- view --------------------------------------------------------------------------


def _response(body: bytes, content_type: str, status: int = 200, cache: str = CACHE_CONTROL) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type, status=status)
    for key, value in SECURITY_HEADERS.items():
        response[key] = value
    response["Cache-Control"] = cache
    response["Content-Length"] = str(len(body))
    return response


def _error(status: int, reason: str) -> HttpResponse:
    response = _response(reason.encode(), "text/plain; charset=utf-8", status, cache="no-store")
    if status == 503:  # busy, not broken: the browser may ask again (a card's img shows its blank alt till then)
        response["Retry-After"] = str(BUSY_RETRY_SECONDS)
    # A publisher's broken image is not this server's fault, and anyone can ask for many: imagefetch logs
    # each new failure once, so Django's request log does not add an error line for every answer.
    response._has_been_logged = True
    return response


@require_safe
def image_view(request, signature: str, encoded: str):
    try:
        src = _unb64(encoded).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return _error(400, "malformed image address")
    if not hmac.compare_digest(signature, sign(src)):
        return _error(403, "this image address was not signed by this site")
    try:
        width = int(request.GET.get("w") or max(settings.LOCALWIRE_IMAGE_WIDTHS))
    except ValueError:
        return _error(400, "width must be a number")
    if width not in settings.LOCALWIRE_IMAGE_WIDTHS:
        return _error(400, f"width must be one of {sorted(settings.LOCALWIRE_IMAGE_WIDTHS)}")
    path = _cache_path(src, width)
    cached = _cache_read(path)
    if cached is None:
        try:
            body, content_type = fetch_and_render(src, width)
        except ImageRefused as exc:
            return _error(exc.status, str(exc))
        _cache_write(path, body)
        cached = body, content_type
    return _response(*cached)

"""The signed image proxy: readers' browsers never contact a publisher's image host.

``/img/<signature>/<encoded source URL>?w=<width>``. Only URLs Localwire signed
are served (HMAC keyed from SECRET_KEY), and each is still re-checked by the
SSRF guard when fetched. Only JPEG, PNG, GIF and WebP, judged by their bytes;
the pixel count is checked from the header before anything is decoded; the
result is re-encoded, stripped of metadata, and cached on disk.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import os
import tempfile
import threading
import warnings
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.utils.encoding import force_bytes
from django.views.decorators.http import require_safe
from PIL import Image, ImageOps

from localwire.sources.http import BlockedURL, FetchError, TooLarge

SALT = b"localwire.imageproxy"
SIGNATURE_BYTES = 16
ACCEPT = "image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.8"
MAGIC = {b"\xff\xd8\xff": "JPEG", b"\x89PNG\r\n\x1a\n": "PNG", b"GIF87a": "GIF", b"GIF89a": "GIF"}
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'none'",
                    "Cross-Origin-Resource-Policy": "same-origin"}
CACHE_CONTROL = "public, max-age=2592000, immutable"

_fetcher = None
_fetcher_lock = threading.Lock()


class ImageRefused(Exception):
    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.status = status


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


# --- fetching and resizing -------------------------------------------------------


def get_fetcher():
    global _fetcher
    with _fetcher_lock:
        if _fetcher is None:
            from localwire.pipeline.context import make_fetcher

            _fetcher = make_fetcher(max_bytes=settings.LOCALWIRE_IMAGE_MAX_BYTES, deadline=15)
        return _fetcher


def reset_fetcher() -> None:
    global _fetcher
    with _fetcher_lock:
        if _fetcher is not None:
            _fetcher.close()
        _fetcher = None


def sniff(data: bytes) -> str | None:
    for magic, kind in MAGIC.items():
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def render_image(data: bytes, width: int) -> tuple[bytes, str]:
    """Decode within limits, resize down, re-encode without metadata."""
    kind = sniff(data)
    if kind is None:
        raise ImageRefused(415, "not an allowed image type (JPEG, PNG, GIF or WebP)")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=[kind]) as img:
                w, h = img.size  # read from the header; nothing is decoded yet
                if w * h > settings.LOCALWIRE_IMAGE_MAX_PIXELS or w <= 0 or h <= 0:
                    raise ImageRefused(413, f"image too large: {w}x{h} pixels")
                img.seek(0)
                img.load()
                img = ImageOps.exif_transpose(img)
                has_alpha = img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info
                img = img.convert("RGBA" if has_alpha else "RGB")
                if img.width > width:
                    img = img.resize((width, max(1, round(img.height * width / img.width))),
                                     Image.Resampling.LANCZOS)
                out = io.BytesIO()
                if has_alpha:
                    img.save(out, "PNG", optimize=True)
                    return out.getvalue(), "image/png"
                img.save(out, "JPEG", quality=82, optimize=True, progressive=True)
                return out.getvalue(), "image/jpeg"
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ImageRefused(413, "image too large to decode") from None
        except (OSError, SyntaxError, ValueError) as exc:
            raise ImageRefused(502, f"unreadable image: {exc}") from None


def fetch_image(src: str) -> bytes:
    try:
        response = get_fetcher().get(src, accept=ACCEPT)
    except BlockedURL:
        raise ImageRefused(403, "refused: the image address is not allowed") from None
    except TooLarge:
        raise ImageRefused(413, "image too large") from None
    except FetchError as exc:
        raise ImageRefused(502, f"could not fetch the image: {exc}") from None
    if response.status != 200:
        raise ImageRefused(502, f"the image host answered HTTP {response.status}")
    return response.body


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
    return _response(reason.encode(), "text/plain; charset=utf-8", status, cache="no-store")


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
            body, content_type = render_image(fetch_image(src), width)
        except ImageRefused as exc:
            return _error(exc.status, str(exc))
        _cache_write(path, body)
        cached = body, content_type
    return _response(*cached)

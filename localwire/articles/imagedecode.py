"""Decoding a fetched image into the small JPEG or PNG the proxy serves, within memory limits.

A 116 KB PNG can claim 6,300 × 6,300 pixels and take half a gigabyte to decode, so:
- the pixel count is read from the header (``Image.open`` decodes nothing) and checked first;
- a JPEG is decoded at a reduced scale (1/2, 1/4 or 1/8: ``draft``, through ``thumbnail``) when
  the width served is that much smaller; other formats are decoded once, then reduced in place;
- nothing is copied at full size that need not be (colour conversion and EXIF rotation happen on
  the small image), and the image is closed before the next one starts;
- decodes are few at once (the caller's semaphore), and after each the C heap is trimmed so the
  memory goes back to the system instead of staying with the process.

No Django here: the limits come in as arguments, so benchmarks and tests use it on its own.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import io
import warnings

from PIL import ExifTags, Image, ImageOps

MAGIC = {b"\xff\xd8\xff": "JPEG", b"\x89PNG\r\n\x1a\n": "PNG", b"GIF87a": "GIF", b"GIF89a": "GIF"}
RESIZABLE_MODES = {"RGB", "RGBA", "L", "CMYK"}  # reduced and resampled as they are; others converted first
SWAPPED_ORIENTATIONS = {5, 6, 7, 8}  # EXIF orientations that turn the picture a quarter


class ImageRefused(Exception):
    def __init__(self, status: int, reason: str, host_wide: bool = False):
        super().__init__(reason)
        self.status = status
        self.host_wide = host_wide  # the image's host, not just this image, is failing (a timeout)


def sniff(data: bytes) -> str | None:
    for magic, kind in MAGIC.items():
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def render_image(data: bytes, width: int, max_pixels: int) -> tuple[bytes, str]:
    """Decode within limits, resize down to ``width``, re-encode without metadata."""
    kind = sniff(data)
    if kind is None:
        raise ImageRefused(415, "not an allowed image type (JPEG, PNG, GIF or WebP)")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[kind]) as img:
                check_pixels(img, max_pixels)
                small = _shrink(img, width)
            return _encode(small)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRefused(413, "image too large to decode") from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ImageRefused(502, f"unreadable image: {exc}") from None
    finally:
        release_memory()


def check_pixels(img: Image.Image, max_pixels: int) -> None:
    w, h = img.size  # from the header; nothing is decoded yet
    if w <= 0 or h <= 0 or w * h > max_pixels:
        raise ImageRefused(413, f"image too large: {w}x{h} pixels, the limit is {max_pixels:,}")


def _shrink(img: Image.Image, width: int) -> Image.Image:
    """The first frame, upright, at most ``width`` wide, in RGB or RGBA."""
    img.seek(0)
    has_alpha = img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info
    swapped = img.getexif().get(ExifTags.Base.Orientation) in SWAPPED_ORIENTATIONS
    if img.mode not in RESIZABLE_MODES:  # palette and 1-bit images resample badly as they are
        img = img.convert("RGBA" if has_alpha else "RGB")
    shown_w, shown_h = (img.height, img.width) if swapped else img.size
    if shown_w > width:
        target = (width, max(1, round(shown_h * width / shown_w)))
        img.thumbnail(target[::-1] if swapped else target, Image.Resampling.LANCZOS, reducing_gap=2.0)
    else:
        img.load()
    img = ImageOps.exif_transpose(img)
    return img.convert("RGBA" if has_alpha else "RGB")


def _encode(img: Image.Image) -> tuple[bytes, str]:
    out = io.BytesIO()
    with img:
        if img.mode == "RGBA":
            img.save(out, "PNG", optimize=True)
            return out.getvalue(), "image/png"
        img.save(out, "JPEG", quality=82, optimize=True, progressive=True)
    return out.getvalue(), "image/jpeg"


def _malloc_trim():
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or None).malloc_trim
    except (AttributeError, OSError, TypeError):
        return None  # not glibc: nothing to trim with


_trim = _malloc_trim()


def release_memory() -> None:
    """Hand freed heap pages back to the system. Pillow frees an image's blocks when it is closed,
    but glibc keeps them in the thread's arena, where eight decodes kept two gigabytes."""
    if _trim is not None:
        _trim(0)

"""Images contributors upload: refused unless they are plainly a picture, then rebuilt from pixels.

Nothing a reader sent is ever served as sent. The type is read from the bytes (never the file name or
the declared type), the size and the pixel count are checked before anything is decoded (the same
header guard as the image proxy, ``imagedecode``), and the picture is decoded and encoded afresh:
turned upright by its EXIF orientation, its colours brought to sRGB, at most ``LONGEST_SIDE`` pixels
on the long side, and with nothing else kept — no EXIF (a phone's GPS position of the writer's home),
no ICC profile, no text chunks, no comments, no later GIF frames, nothing appended after the image.
A file is stored under the hash of what was encoded, so the same picture is stored once and its
address never changes (it is served with a year-long Cache-Control).
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from PIL import Image, ImageCms, ImageOps

from localwire.articles.imagedecode import RESIZABLE_MODES, ImageRefused, check_pixels, release_memory, sniff

UPLOAD_URL_PREFIX = "/media/uploads/"
LONGEST_SIDE = 2048
CAPTION_MAX, CREDIT_MAX = 300, 120
JPEG_QUALITY = 85
_SRGB = ImageCms.createProfile("sRGB")


class UploadRefused(ValueError):
    """Why an upload was turned down, in words meant for the person who sent it."""


@dataclass(frozen=True)
class Upload:
    """A picture as it will be stored: the re-encoded bytes and what describes them."""

    data: bytes
    extension: str  # "jpg" or "png"
    content_type: str
    width: int
    height: int
    caption: str
    credit: str

    @property
    def name(self) -> str:
        """``<sha256 of the bytes>.<extension>``: its file name and the last part of its address."""
        return f"{hashlib.sha256(self.data).hexdigest()}.{self.extension}"

    @property
    def url(self) -> str:
        return UPLOAD_URL_PREFIX + self.name


def accept_upload(data: bytes, caption: str, credit: str) -> Upload:
    """The upload rebuilt as a clean JPEG (or PNG, when it has transparency), or ``UploadRefused``."""
    caption = _required_text(caption, "caption", CAPTION_MAX)
    credit = _required_text(credit, "credit", CREDIT_MAX)
    limit = settings.LOCALWIRE_UPLOAD_MAX_BYTES
    if len(data) > limit:
        raise UploadRefused(f"The image is larger than {limit / 1_000_000:g} MB; please send a smaller one.")
    if sniff(data) is None:
        raise UploadRefused("This file is not a JPEG, PNG, WebP or GIF image.")
    try:
        body, extension, size = _rebuild(data, settings.LOCALWIRE_IMAGE_MAX_PIXELS)
    except ImageRefused as exc:
        raise UploadRefused(_sentence(str(exc))) from None
    content_type = "image/png" if extension == "png" else "image/jpeg"
    return Upload(body, extension, content_type, *size, caption=caption, credit=credit)


def _sentence(reason: str) -> str:
    """The decoder's terse reason ("image too large: …") as a sentence for the person uploading."""
    return reason if reason[:1].isupper() else f"The {reason}."


def _required_text(text: str, what: str, limit: int) -> str:
    text = " ".join((text or "").split())
    if not text:
        raise UploadRefused(f"Every image needs a {what}.")
    if len(text) > limit:
        raise UploadRefused(f"The {what} is longer than {limit} characters.")
    return text


def _rebuild(data: bytes, max_pixels: int) -> tuple[bytes, str, tuple[int, int]]:
    """Decode within the pixel limit and encode the pixels alone."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[sniff(data)]) as img:
                check_pixels(img, max_pixels)
                img.seek(0)  # a GIF's first frame only
                picture = _upright_srgb(img)
        return _encode(picture)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRefused(413, "The image is too large to be decoded safely.") from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise ImageRefused(415, "The image could not be read; it may be damaged or not an image.") from None
    finally:
        release_memory()


def _upright_srgb(img: Image.Image) -> Image.Image:
    """The first frame reduced to fit ``LONGEST_SIDE``, turned upright, in sRGB, as RGB or RGBA."""
    has_alpha = img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info
    icc = img.info.get("icc_profile")
    if img.mode not in RESIZABLE_MODES:  # palette and 1-bit images resample badly as they are
        img = img.convert("RGBA" if has_alpha else "RGB")
    img.thumbnail((LONGEST_SIDE, LONGEST_SIDE), Image.Resampling.LANCZOS, reducing_gap=2.0)
    img = ImageOps.exif_transpose(img)
    img = img.convert("RGBA" if has_alpha else "RGB")
    if icc:
        img = _to_srgb(img, icc)
    # A new image holds the pixels and nothing of the old one's info (EXIF, ICC, text, comments).
    return Image.frombytes(img.mode, img.size, img.tobytes())


def _to_srgb(img: Image.Image, icc: bytes) -> Image.Image:
    """A profile that cannot be read is dropped, and the pixels kept as they are."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(img, source, _SRGB, outputMode=img.mode) or img
    except (ImageCms.PyCMSError, OSError, ValueError):
        return img


def _encode(img: Image.Image) -> tuple[bytes, str, tuple[int, int]]:
    out = io.BytesIO()
    with img:
        if img.mode == "RGBA":
            img.save(out, "PNG", optimize=True)
            return out.getvalue(), "png", img.size
        img.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        return out.getvalue(), "jpg", img.size


def uploads_dir() -> Path:
    return Path(settings.LOCALWIRE_HOME) / "uploads"


def store_upload(upload: Upload) -> str:
    """Write the file under its content hash (once: the same bytes are the same file) and return its
    name. Written to a temporary file and renamed, so a reader never gets half an image."""
    folder = uploads_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / upload.name
    if not path.exists():
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".upload-")
        with os.fdopen(handle, "wb") as out:
            out.write(upload.data)
        os.chmod(temporary, 0o644)  # readable by a web server in front, as any static file
        os.replace(temporary, path)
    return upload.name

"""Uploaded images: refused unless plainly a picture, rebuilt from pixels alone, served inertly."""

from __future__ import annotations

import hashlib
import io

import pytest
from PIL import ExifTags, Image, ImageCms, PngImagePlugin

from localwire.articles.tests.test_imageproxy import png_header_claiming
from localwire.articles.uploads import (
    LONGEST_SIDE, UPLOAD_URL_PREFIX, UploadRefused, accept_upload, store_upload, uploads_dir,
)

GPS = ExifTags.IFD.GPSInfo
SRGB_ICC = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


@pytest.fixture
def home(settings, tmp_path):
    settings.LOCALWIRE_HOME = tmp_path
    settings.LOCALWIRE_UPLOAD_MAX_BYTES = 10_000_000
    return tmp_path


def jpeg_with_gps(size=(800, 600), orientation=1) -> bytes:
    """A phone photo's shape: EXIF with a GPS position and an orientation, a comment, an ICC profile."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneCo"
    exif[ExifTags.Base.Orientation] = orientation
    exif.get_ifd(GPS).update({1: "N", 2: (39.0, 47.0, 0.0), 3: "W", 4: (89.0, 39.0, 0.0)})
    out = io.BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(out, "JPEG", exif=exif, comment=b"home address",
                                                 icc_profile=SRGB_ICC)
    return out.getvalue()


def png(mode="RGBA", size=(300, 200), text: dict | None = None) -> bytes:
    info = PngImagePlugin.PngInfo()
    for key, value in (text or {}).items():
        info.add_text(key, value)
    out = io.BytesIO()
    Image.new(mode, size, (10, 200, 10, 100) if mode == "RGBA" else (10, 200, 10)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def opened(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def test_a_jpeg_with_gps_exif_comes_out_without_any_metadata(home):
    with opened(jpeg_with_gps()) as sent:  # what was sent did carry it all
        assert sent.getexif().get_ifd(GPS) and sent.info["icc_profile"] and sent.info["comment"]
    upload = accept_upload(jpeg_with_gps(), "The bridge at dawn", "Ann Lee")
    assert upload.extension == "jpg" and upload.content_type == "image/jpeg"
    assert b"PhoneCo" not in upload.data and b"home address" not in upload.data
    with opened(upload.data) as img:
        assert img.format == "JPEG" and img.size == (800, 600)
        assert not img.getexif() and not img.getexif().get_ifd(GPS)
        assert "icc_profile" not in img.info and "comment" not in img.info and "exif" not in img.info


def test_the_exif_orientation_is_applied_before_it_is_dropped(home):
    upload = accept_upload(jpeg_with_gps(size=(800, 600), orientation=6), "Turned", "Ann Lee")
    assert (upload.width, upload.height) == (600, 800)
    with opened(upload.data) as img:
        assert img.size == (600, 800)


def test_a_big_picture_is_reduced_to_the_longest_side(home):
    upload = accept_upload(png("RGB", size=(4000, 1000)), "Wide", "Ann Lee")
    assert (upload.width, upload.height) == (LONGEST_SIDE, 512)


def test_transparency_stays_png_and_text_chunks_go(home):
    upload = accept_upload(png("RGBA", text={"Author": "secret name", "Comment": "gps 1,2"}), "Logo", "Club")
    assert upload.extension == "png" and upload.url.endswith(".png")
    assert b"secret name" not in upload.data and b"gps 1,2" not in upload.data
    with opened(upload.data) as img:
        assert img.mode == "RGBA" and not img.text


def test_a_gif_keeps_its_first_frame_only(home):
    frames = [Image.new("RGB", (64, 64), colour) for colour in ((255, 0, 0), (0, 0, 255))]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:])
    upload = accept_upload(out.getvalue(), "Blink", "Ann Lee")
    with opened(upload.data) as img:
        assert getattr(img, "n_frames", 1) == 1
        red, green, blue = img.convert("RGB").getpixel((32, 32))
        assert red > 200 and blue < 60


def test_webp_is_accepted(home):
    out = io.BytesIO()
    Image.new("RGB", (120, 80), (1, 2, 3)).save(out, "WEBP")
    assert accept_upload(out.getvalue(), "Web", "Ann Lee").extension == "jpg"


@pytest.mark.parametrize("data, why", [
    (b"<html><script>alert(1)</script></html>", "not a JPEG, PNG, WebP or GIF"),
    (b"%PDF-1.7\n" + b"x" * 200, "not a JPEG, PNG, WebP or GIF"),
    # a polyglot: an image's magic number in front of markup, named photo.jpg by its sender
    (b"\xff\xd8\xff\xe0<html><body onload=alert(1)>", "could not be read"),
    (b"GIF89a/*<script>alert(1)</script>*/", "could not be read"),
    (png_header_claiming(60_000, 60_000), "too large"),
])
def test_what_is_not_plainly_a_picture_is_refused(home, data, why):
    with pytest.raises(UploadRefused, match=why):
        accept_upload(data, "Caption", "Credit")


def test_a_png_bomb_header_is_refused_before_decoding(home, settings):
    settings.LOCALWIRE_IMAGE_MAX_PIXELS = 1_000_000
    with pytest.raises(UploadRefused, match="too large: 2000x2000"):
        accept_upload(png_header_claiming(2000, 2000), "Bomb", "Nobody")


def test_a_huge_file_is_refused_by_its_size(home, settings):
    settings.LOCALWIRE_UPLOAD_MAX_BYTES = 50_000
    data = jpeg_with_gps() + b"\0" * 60_000
    with pytest.raises(UploadRefused, match="larger than 0.05 MB"):
        accept_upload(data, "Big", "Ann Lee")


@pytest.mark.parametrize("caption, credit, why", [
    ("", "Ann Lee", "needs a caption"),
    ("   \n ", "Ann Lee", "needs a caption"),
    ("Bridge", "", "needs a credit"),
    ("x" * 301, "Ann Lee", "caption is longer than 300"),
    ("Bridge", "y" * 121, "credit is longer than 120"),
])
def test_caption_and_credit_are_required_and_limited(home, caption, credit, why):
    with pytest.raises(UploadRefused, match=why):
        accept_upload(jpeg_with_gps(), caption, credit)


def test_caption_and_credit_are_trimmed(home):
    upload = accept_upload(jpeg_with_gps(), "  The   bridge\n", "\tAnn Lee ")
    assert (upload.caption, upload.credit) == ("The bridge", "Ann Lee")


def test_stored_once_under_the_content_hash(home):
    upload = accept_upload(jpeg_with_gps(), "Bridge", "Ann Lee")
    name = store_upload(upload)
    assert name == f"{hashlib.sha256(upload.data).hexdigest()}.jpg"
    assert store_upload(upload) == name
    assert uploads_dir() == home / "uploads"
    assert [p.name for p in uploads_dir().iterdir()] == [name]
    assert (uploads_dir() / name).read_bytes() == upload.data


def test_served_with_a_long_cache_and_nosniff(home, client):
    name = store_upload(accept_upload(jpeg_with_gps(), "Bridge", "Ann Lee"))
    response = client.get(UPLOAD_URL_PREFIX + name)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "max-age=31536000" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == (uploads_dir() / name).read_bytes()


@pytest.mark.parametrize("path", ["0" * 64 + ".jpg", "../secret_key", "%2e%2e%2fsecret_key", "A" * 64 + ".jpg",
                                  "0" * 64 + ".html"])
def test_unknown_or_odd_names_are_not_found(home, client, path):
    (home / "secret_key").write_text("s3cret")
    assert client.get(UPLOAD_URL_PREFIX + path).status_code == 404


def test_only_read_methods_are_served(home, client):
    name = store_upload(accept_upload(jpeg_with_gps(), "Bridge", "Ann Lee"))
    assert client.head(UPLOAD_URL_PREFIX + name).status_code == 200
    assert client.post(UPLOAD_URL_PREFIX + name).status_code == 405

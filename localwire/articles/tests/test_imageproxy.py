"""The image proxy against images, non-images and hostile images served on 127.0.0.1."""

import io
import struct
import time
import zlib

import pytest
from django.core.cache import cache
from PIL import Image

from localwire.articles import imageproxy
from localwire.articles.imageproxy import image_url
from localwire.testing.httpserver import LocalServer


def picture(fmt="JPEG", size=(1600, 1000), mode="RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (200, 40, 40, 128) if mode == "RGBA" else (200, 40, 40)).save(out, fmt)
    return out.getvalue()


def png_header_claiming(width: int, height: int) -> bytes:
    """A valid PNG signature and IHDR for a huge image, with a tiny body: a decompression bomb's shape."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b"")


@pytest.fixture
def images(settings, tmp_path):
    settings.LOCALWIRE_FETCH_ALLOW_PRIVATE = "127.0.0.1"
    settings.LOCALWIRE_IMAGE_CACHE = tmp_path / "img"
    settings.LOCALWIRE_IMAGE_MAX_BYTES = 2_000_000
    cache.clear()  # failures are remembered there
    imageproxy.reset_fetcher()
    with LocalServer() as server:
        yield server
    imageproxy.reset_fetcher()


def serve(server, path, body, content_type="image/jpeg"):
    server.route(path, lambda req: (200, {"Content-Type": content_type}, body))
    return server.url(path)


def assert_safe_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"


@pytest.mark.parametrize("width", [320, 640, 1024])
def test_jpeg_is_resized_to_each_width(client, images, width):
    src = serve(images, "/photo.jpg", picture())
    response = client.get(image_url(src, width))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert Image.open(io.BytesIO(response.content)).size == (width, round(1000 * width / 1600))
    assert "immutable" in response["Cache-Control"]
    assert_safe_headers(response)


def test_small_images_are_never_enlarged_and_alpha_stays_png(client, images):
    src = serve(images, "/logo.png", picture("PNG", (200, 100), "RGBA"), "image/png")
    response = client.get(image_url(src, 640))
    assert response["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(response.content)).size == (200, 100)
    assert Image.open(io.BytesIO(response.content)).mode == "RGBA"


def test_second_request_comes_from_the_disk_cache(client, images):
    src = serve(images, "/cached.jpg", picture())
    first = client.get(image_url(src, 320))
    second = client.get(image_url(src, 320))
    assert first.content == second.content
    assert images.hits("/cached.jpg") == 1


def test_head_is_answered(client, images):
    src = serve(images, "/head.jpg", picture())
    assert client.head(image_url(src, 320)).status_code == 200


def test_tampered_signature_and_unknown_width_are_refused(client, images):
    src = serve(images, "/photo.jpg", picture())
    good = image_url(src, 320)
    bad = good.replace("/img/", "/img/A", 1)
    assert client.get(bad).status_code == 403
    assert client.get(good.replace("w=320", "w=321")).status_code == 400
    assert client.get("/img/abc/%%%").status_code == 403  # the signature is checked before the address
    assert_safe_headers(client.get(bad))
    assert images.hits("/photo.jpg") == 0


@pytest.mark.parametrize("body, content_type, status", [
    # Not an image at all, whatever the header says: 415; an image header with nothing readable: 502.
    (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "image/png", 415),
    (b"<html><script>alert(1)</script></html>", "image/jpeg", 415),
    (b"GIF89a" + b"\x00" * 10, "image/gif", 502),
])
def test_non_raster_or_broken_images_are_refused(client, images, body, content_type, status):
    src = serve(images, "/evil", body, content_type)
    response = client.get(image_url(src, 320))
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/plain")
    assert_safe_headers(response)


def test_oversize_bytes_are_refused(client, images):
    src = serve(images, "/huge.bin", b"\xff\xd8\xff" + b"\0" * 3_000_000)
    assert client.get(image_url(src, 320)).status_code == 413


def test_pixel_bomb_is_refused_before_decoding(client, images):
    src = serve(images, "/bomb.png", png_header_claiming(60_000, 60_000), "image/png")
    started = time.monotonic()
    response = client.get(image_url(src, 320))
    assert response.status_code == 413
    assert time.monotonic() - started < 2


@pytest.mark.parametrize("src", ["http://169.254.169.254/latest/meta-data/x.jpg", "http://10.0.0.8/a.jpg"])
def test_signed_private_addresses_are_still_refused(client, images, src):
    assert client.get(image_url(src, 320)).status_code == 403


def test_loopback_refused_when_not_allowed(client, images, settings):
    src = serve(images, "/inside.jpg", picture())
    settings.LOCALWIRE_FETCH_ALLOW_PRIVATE = ""
    imageproxy.reset_fetcher()
    assert client.get(image_url(src, 320)).status_code == 403
    assert images.hits("/inside.jpg") == 0

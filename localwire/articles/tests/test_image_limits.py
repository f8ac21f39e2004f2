"""The image proxy's limits: slow image hosts never hold up pages, failures are remembered, and big
images are refused from their header or decoded within bounded memory."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from django.core.cache import cache
from PIL import Image

from localwire import serve
from localwire.articles import imageproxy
from localwire.articles.imagefetch import gate
from localwire.articles.imageproxy import image_url
from localwire.articles.tests.test_imageproxy import png_header_claiming, picture
from localwire.testing.httpserver import LocalServer

SLOW_HOST_SECONDS = 30


@pytest.fixture
def image_settings(settings, tmp_path):
    settings.LOCALWIRE_FETCH_ALLOW_PRIVATE = "127.0.0.1"
    settings.LOCALWIRE_IMAGE_CACHE = tmp_path / "img"
    cache.clear()
    imageproxy.reset_fetcher()
    yield settings
    imageproxy.reset_fetcher()
    cache.clear()


@pytest.fixture
def slow_host():
    """An image host that takes SLOW_HOST_SECONDS to answer (it stops waiting when the test ends)."""
    done = threading.Event()

    def slow(request):
        done.wait(SLOW_HOST_SECONDS)
        return 200, {"Content-Type": "image/jpeg"}, picture()

    with LocalServer() as server:
        for n in range(40):
            server.route(f"/slow-{n}.jpg", slow)
        yield server
        done.set()


@pytest.fixture
def site(transactional_db, image_settings):
    """The site on waitress as ``localwire serve`` makes it (its threads and limits), on a port of its own."""
    listener = serve._listen("127.0.0.1", 0)
    server = serve.make_server(listener)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    server.close()


def _timed_get(url: str) -> tuple[int, float]:
    started = time.monotonic()
    response = httpx.get(url, timeout=SLOW_HOST_SECONDS + 10)
    return response.status_code, time.monotonic() - started


@pytest.mark.slow
def test_pages_and_healthz_answer_while_image_requests_wait_on_a_slow_host(site, slow_host, image_settings):
    image_settings.LOCALWIRE_IMAGE_FETCHES = 2
    image_settings.LOCALWIRE_IMAGE_TIMEOUT = 4.0
    image_urls = [site + image_url(slow_host.url(f"/slow-{n}.jpg"), 320) for n in range(12)]
    for path in ("/healthz", "/"):  # warm: the first request of a process imports every view
        assert _timed_get(site + path)[0] == 200
    with ThreadPoolExecutor(max_workers=len(image_urls)) as pool:
        images = [pool.submit(_timed_get, url) for url in image_urls]
        time.sleep(0.5)  # the image requests are in: the slots are full and the rest turned away
        for path in ("/healthz", "/", "/healthz"):
            status, seconds = _timed_get(site + path)
            assert status == 200 and seconds < 2, (path, seconds)
        answers = [f.result() for f in images]
    statuses = sorted(status for status, _ in answers)
    assert set(statuses) <= {503, 504} and statuses.count(503) >= 12 - 2 * 2
    assert all(seconds < 4.0 + 4.0 + 2 for _, seconds in answers)  # a slot's wait, the image deadline, slack
    assert sum(slow_host.hits(f"/slow-{n}.jpg") for n in range(12)) <= 2  # one a slot; the rest never asked


@pytest.mark.slow
def test_a_host_that_timed_out_is_not_asked_again_for_a_while(client, slow_host, image_settings):
    image_settings.LOCALWIRE_IMAGE_TIMEOUT = 1.0
    first = client.get(image_url(slow_host.url("/slow-0.jpg"), 320))
    assert first.status_code == 504 and first["Cache-Control"] == "no-store"
    started = time.monotonic()
    for n in (0, 1, 2):  # the same image and others on that host: answered from memory
        assert client.get(image_url(slow_host.url(f"/slow-{n}.jpg"), 320)).status_code == 504
    assert time.monotonic() - started < 1.0
    assert slow_host.hits("/slow-0.jpg") == 1 and slow_host.hits("/slow-1.jpg") == 0


def test_a_failed_image_is_remembered_but_not_its_neighbours(client, image_settings):
    with LocalServer() as server:
        server.route("/gone.jpg", lambda r: (404, {"Content-Type": "text/plain"}, b"gone"))
        server.route("/fine.jpg", lambda r: (200, {"Content-Type": "image/jpeg"}, picture()))
        for _ in range(3):
            assert client.get(image_url(server.url("/gone.jpg"), 320)).status_code == 502
        assert client.get(image_url(server.url("/fine.jpg"), 320)).status_code == 200
        assert server.hits("/gone.jpg") == 1


def test_a_full_house_answers_busy_at_once_with_retry_after(client, image_settings):
    """The one slot taken and the one place in the waiting line too: the next request does not wait."""
    image_settings.LOCALWIRE_IMAGE_FETCHES = 1
    release = threading.Event()

    def take_a_place():
        with gate(1).enter(wait=10):
            release.wait(10)

    places = [threading.Thread(target=take_a_place) for _ in range(2)]  # one holds the slot, one waits
    for place in places:
        place.start()
    time.sleep(0.3)
    try:
        started = time.monotonic()
        response = client.get(image_url("http://127.0.0.1:9/never.jpg", 320))
        seconds = time.monotonic() - started
    finally:
        release.set()
        for place in places:
            place.join()
    assert response.status_code == 503 and seconds < 0.5
    assert response["Retry-After"] == "5" and response["Cache-Control"] == "no-store"
    assert client.get(image_url("http://10.0.0.1/x.jpg", 320)).status_code == 403  # busy was not remembered


# --- memory -----------------------------------------------------------------------------------------

def test_an_image_over_the_pixel_cap_is_refused_from_its_header(client, image_settings):
    """6,300 × 6,300 was under the old 40 Mpx cap. Its header claims the size and its body is too
    short to decode: refused from the header it answers 413; had it been decoded, 502."""
    with LocalServer() as server:
        server.route("/big.png", lambda r: (200, {"Content-Type": "image/png"}, png_header_claiming(6300, 6300)))
        response = client.get(image_url(server.url("/big.png"), 320))
    assert response.status_code == 413 and b"6300x6300" in response.content


DECODE_PEAK = """
import io, json, resource, sys
from PIL import Image
from localwire.articles.imagedecode import render_image
data = sys.stdin.buffer.read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
body, kind = render_image(data, 1024, 24_000_000)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"grew_mb": (after - before) / 1000, "size": Image.open(io.BytesIO(body)).size, "bytes": len(body)}))
"""


def _decode_in_a_fresh_process(data: bytes) -> dict:
    """Peak memory is per process and only grows, so each decode is measured in a process of its own."""
    out = subprocess.run([sys.executable, "-c", DECODE_PEAK], input=data, capture_output=True, check=True)
    return json.loads(out.stdout)


def _big(fmt: str, size: tuple[int, int]) -> bytes:
    gradient = Image.linear_gradient("L").resize(size)
    out = io.BytesIO()
    Image.merge("RGB", (gradient, gradient, Image.new("L", size, 120))).save(out, fmt)
    return out.getvalue()


@pytest.mark.slow
def test_big_but_allowed_images_decode_within_bounded_memory():
    """A 20 Mpx JPEG is decoded at a quarter of its size; a 20 Mpx PNG, which cannot be, costs its
    decoded size (80 MB: Pillow keeps RGB in four bytes a pixel) and a reduction at half size, never a
    full-size copy beside it (before: three, 235 MB for either). Both come out 1024 px wide."""
    jpeg = _decode_in_a_fresh_process(_big("JPEG", (5000, 4000)))
    assert jpeg["size"] == [1024, 819] and jpeg["bytes"] < 300_000
    assert jpeg["grew_mb"] < 50, jpeg
    png = _decode_in_a_fresh_process(_big("PNG", (5000, 4000)))
    assert png["size"] == [1024, 819] and png["bytes"] < 300_000
    assert png["grew_mb"] < 80 * 1.6, png


def test_image_failures_log_one_warning_not_a_request_error_each(client, image_settings, caplog):
    with LocalServer() as server:
        server.route("/gone.jpg", lambda r: (404, {"Content-Type": "text/plain"}, b"gone"))
        with caplog.at_level("INFO"):
            for _ in range(5):
                assert client.get(image_url(server.url("/gone.jpg"), 320)).status_code == 502
    assert [r.levelname for r in caplog.records if r.name == "django.request"] == []
    assert len([r for r in caplog.records if r.name == "localwire.articles.imagefetch"]) == 1

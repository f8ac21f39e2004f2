"""`localwire serve`'s waitress: request bodies are capped before they are read."""

from __future__ import annotations

import threading

import httpx
import pytest

from localwire import serve


@pytest.fixture
def site(transactional_db):
    listener = serve._listen("127.0.0.1", 0)
    server = serve.make_server(listener)
    threading.Thread(target=server.run, daemon=True).start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    server.close()


def test_a_body_over_the_cap_is_refused_unread_and_a_small_one_reaches_the_site(site, settings):
    big = b"x" * (settings.LOCALWIRE_MAX_REQUEST_BYTES + 1)
    refused = httpx.post(f"{site}/account/follows/import", content=big, timeout=30,
                         headers={"Content-Type": "multipart/form-data; boundary=zz"})
    assert refused.status_code == 413
    small = httpx.post(f"{site}/account/follows/import", content=b"--zz--\r\n", timeout=30,
                       headers={"Content-Type": "multipart/form-data; boundary=zz"})
    assert small.status_code == 403  # Django's CSRF check read it: the cap let it through

"""``localwire demo``: local publishers on 127.0.0.1, ingested over HTTP, served on :8000."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

DEMO_MARKER = ".localwire-demo"


def _reset_home(home: Path, force: bool) -> None:
    """Start from fresh state, but never wipe a folder that holds someone's real data."""
    marker = home / DEMO_MARKER
    if home.exists() and any(home.iterdir()) and not marker.exists() and not force:
        raise SystemExit(
            f"localwire demo: {home} holds data that is not from a demo; point LOCALWIRE_HOME "
            "at another folder, or pass --force to reset it"
        )
    for name in ("localwire.sqlite3", "localwire.sqlite3-wal", "localwire.sqlite3-shm", "cache"):
        path = home / name
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    home.mkdir(parents=True, exist_ok=True)
    marker.write_text("This folder holds a Localwire demo; `localwire demo` resets it.\n")


def setup_publishers(server) -> None:
    from localwire.sources.actions import publisher_for
    from localwire.sources.models import Feed

    for info in server.feeds():
        publisher = publisher_for(
            info["publisher"], info["site_url"], kind=info["kind"], about=info.get("about", ""),
            home_city=info.get("city", ""),
        )
        Feed.objects.get_or_create(url=info["url"], defaults={"publisher": publisher})


def run_demo(host: str = "127.0.0.1", port: int = 8000, force: bool = False) -> int:
    home = Path(os.environ.get("LOCALWIRE_HOME", "./var")).expanduser().resolve()
    if os.environ.get("DATABASE_URL") and not force:
        raise SystemExit("localwire demo: DATABASE_URL is set; the demo resets its database, "
                         "so it only runs on the embedded SQLite default (or pass --force)")
    _reset_home(home, force)
    os.environ.setdefault("LOG_LEVEL", "WARNING")  # the demo prints its own progress
    # The demo's publishers live on 127.0.0.1, which the SSRF guard refuses unless allowed.
    allowed = os.environ.get("LOCALWIRE_FETCH_ALLOW_PRIVATE", "")
    os.environ["LOCALWIRE_FETCH_ALLOW_PRIVATE"] = ",".join(filter(None, [allowed, "127.0.0.1"]))

    from localwire.cli import setup_django

    setup_django()
    from django.conf import settings

    from localwire.demo.server import DemoServer
    from localwire.pipeline.context import shared_context
    from localwire.pipeline.crawl import crawl_once
    from localwire.progress import Progress
    from localwire.serve import serve

    with DemoServer(host="127.0.0.1", port=0) as publishers:
        print(f"Demo publishers are serving their feeds on {publishers.base_url}/", flush=True)
        setup_publishers(publishers)
        with Progress() as progress:
            report = crawl_once(shared_context(), workers=settings.LOCALWIRE_WORKERS,
                                progress=progress.update)
        print(report.summary(), flush=True)

        def ready(url: str) -> None:
            print(f"\nLocalwire demo is ready: {url}\nPress Ctrl-C to stop.\n", flush=True)

        serve(host, port, worker=True, on_ready=ready)
    print("Demo stopped.", file=sys.stderr)
    return 0

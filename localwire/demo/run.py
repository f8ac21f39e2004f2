"""``localwire demo``: local publishers on 127.0.0.1, ingested over HTTP, served on :8000."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from localwire.home import home_from_env
from localwire.instance import LOCK_FILE, HomeInUse, ServingLock

DEMO_MARKER = ".localwire-demo"


def _reset_home(home: Path) -> None:
    """Start from fresh state, but only in a folder a demo made (or an empty one): never wipe
    someone's real data, ``--force`` or not. The caller holds the home's serving lock, so no
    running instance uses it."""
    marker = home / DEMO_MARKER
    if _holds_anything(home) and not marker.exists():
        raise SystemExit(
            f"localwire demo: {home} holds data that is not from a demo, and the demo only resets "
            "folders it made; point LOCALWIRE_HOME at a new or empty folder"
        )
    for name in ("localwire.sqlite3", "localwire.sqlite3-wal", "localwire.sqlite3-shm", "cache"):
        path = home / name
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    home.mkdir(parents=True, exist_ok=True)
    marker.write_text("This folder holds a Localwire demo; `localwire demo` resets it.\n")


def _holds_anything(home: Path) -> bool:
    """Anything but the lock file the demo itself just made there."""
    return home.exists() and any(path.name != LOCK_FILE for path in home.iterdir())


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
    """Refuses, before it changes anything, a home a running instance serves, a home that is not
    a demo's, and a port in use (found out now, not after the ingest)."""
    home = home_from_env()
    if os.environ.get("DATABASE_URL") and not force:
        raise SystemExit("localwire demo: DATABASE_URL is set; the demo runs on the embedded SQLite "
                         "default and would add its fictional publishers to that database (or pass --force)")
    from localwire.env import ConfigError
    from localwire.serve import CannotListen, open_listener

    try:
        with ServingLock(home, "demo") as lock:
            listener = open_listener(host, port)
            _reset_home(home)
            return _run(host, listener, lock)
    except HomeInUse as exc:
        raise SystemExit(f"localwire demo: {exc}; the demo will not reset a home a running "
                         "instance uses: stop it, or point LOCALWIRE_HOME at another folder") from None
    except (CannotListen, ConfigError) as exc:
        raise SystemExit(f"localwire demo: {exc}") from None


def _run(host: str, listener, lock: ServingLock) -> int:
    os.environ.setdefault("LOG_LEVEL", "WARNING")  # the demo prints its own progress
    # The demo's publishers live on 127.0.0.1, which the SSRF guard refuses unless allowed.
    allowed = os.environ.get("LOCALWIRE_FETCH_ALLOW_PRIVATE", "")
    os.environ["LOCALWIRE_FETCH_ALLOW_PRIVATE"] = ",".join(filter(None, [allowed, "127.0.0.1"]))

    from localwire.boot import setup_django

    setup_django()
    from django.conf import settings

    from localwire.demo.sample_ads import seed_sample_ads
    from localwire.demo.server import DemoServer
    from localwire.sources.context import shared_context
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
        if seed_sample_ads(publishers.base_url + "/"):
            print("Sample ads: a made-up advertiser's campaigns show on news of the cities with the most stories.",
                  flush=True)

        def ready(url: str) -> None:
            print(f"\nLocalwire demo is ready: {url}\nPress Ctrl-C to stop.\n", flush=True)

        serve(host, listener.getsockname()[1], worker=True, on_ready=ready, listener=listener, lock=lock)
    print("Demo stopped.", file=sys.stderr)
    return 0

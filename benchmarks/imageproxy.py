"""The image proxy's memory: peak and kept RSS while it serves big images, one and eight at once.

    python benchmarks/imageproxy.py [--concurrency 1 8] [--images png-6300 png-4800 jpeg-6000x4000] [--fetches 8]

Each (image, concurrency) pair runs in a fresh Python process, so one run's peak cannot hide
another's: the process sets Django up on a throw-away home, serves the image from a LocalServer on
127.0.0.1 under as many paths as requests (so each is fetched and decoded, none read from the disk
cache), asks the proxy for all of them at once from that many threads (``w=1024``), and reports:

- start: RSS after set-up, before the first request;
- peak: the highest RSS seen while the requests ran (sampled every 5 ms; ``ru_maxrss`` would count
  the set-up's own peak);
- kept: RSS one second after the last answer and a ``gc.collect()``, what the server holds on to;
- the answers' statuses (413 is an image over the pixel cap, refused from its header).

The images compress to almost nothing (a flat colour with a gradient): what matters is pixels,
as with the 116 KB 6,300 × 6,300 PNG of issue 11.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter

IMAGES = {
    "png-6300": ("PNG", (6300, 6300)),
    "png-4800": ("PNG", (4800, 4800)),
    "jpeg-6000x4000": ("JPEG", (6000, 4000)),
}


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def picture(fmt: str, size: tuple[int, int]) -> bytes:
    from PIL import Image

    gradient = Image.linear_gradient("L").resize(size)
    img = Image.merge("RGB", (gradient, Image.new("L", size, 90), Image.new("L", size, 160)))
    out = io.BytesIO()
    img.save(out, fmt, **({"quality": 85} if fmt == "JPEG" else {}))
    return out.getvalue()


def child(image: str, concurrency: int, path: str) -> dict:
    os.environ.update(LOCALWIRE_HOME=tempfile.mkdtemp(prefix="localwire-bench-"), LOG_LEVEL="ERROR",
                      DJANGO_SETTINGS_MODULE="localwire.settings", ALLOWED_HOSTS="testserver",
                      LOCALWIRE_FETCH_ALLOW_PRIVATE="127.0.0.1")
    from localwire.boot import setup_django

    setup_django()
    from django.test import Client

    from localwire.articles.imageproxy import image_url
    from localwire.testing.httpserver import LocalServer

    fmt, _ = IMAGES[image]
    with open(path, "rb") as handle:  # made by the parent, so making it is not in this process's peak
        body = handle.read()
    mime = "image/png" if fmt == "PNG" else "image/jpeg"
    statuses: Counter = Counter()
    with LocalServer() as server:
        for n in range(concurrency):
            server.route(f"/big-{n}", lambda req: (200, {"Content-Type": mime}, body))
        urls = [image_url(server.url(f"/big-{n}"), 1024) for n in range(concurrency)]
        gc.collect()
        start, peak, done = rss_mb(), [0.0], threading.Event()

        def sample():
            while not done.is_set():
                peak[0] = max(peak[0], rss_mb())
                time.sleep(0.005)

        def ask(url):
            statuses[Client().get(url).status_code] += 1

        sampler = threading.Thread(target=sample)
        sampler.start()
        started = time.monotonic()
        workers = [threading.Thread(target=ask, args=(url,)) for url in urls]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        seconds = time.monotonic() - started
        gc.collect()
        time.sleep(1)
        kept = rss_mb()
        done.set()
        sampler.join()
    return {"image": image, "bytes": len(body), "concurrency": concurrency, "start": start,
            "peak": peak[0],
            "kept": kept, "seconds": seconds, "statuses": dict(statuses)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8])
    parser.add_argument("--images", nargs="+", default=list(IMAGES), choices=list(IMAGES))
    parser.add_argument("--fetches", type=int, default=None,
                        help="LOCALWIRE_IMAGE_FETCHES for the server (default: its own default)")
    parser.add_argument("--child", nargs=3, metavar=("IMAGE", "N", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.fetches:
        os.environ["LOCALWIRE_IMAGE_FETCHES"] = str(args.fetches)
    if args.child:
        print(json.dumps(child(args.child[0], int(args.child[1]), args.child[2])))
        return 0
    print(f"{'image':<16} {'KB':>6} {'at once':>7} {'start MB':>9} {'peak MB':>8} {'kept MB':>8} {'s':>6}  answers")
    for image in args.images:
        with tempfile.NamedTemporaryFile(suffix=".img") as handle:
            handle.write(picture(*IMAGES[image]))
            handle.flush()
            for n in args.concurrency:
                out = subprocess.run([sys.executable, __file__, "--child", image, str(n), handle.name], check=True,
                                     capture_output=True, text=True).stdout
                _print_row(json.loads(out.strip().splitlines()[-1]))
    return 0


def _print_row(r: dict) -> None:
    print(f"{r['image']:<16} {r['bytes'] / 1000:>6.0f} {r['concurrency']:>7} {r['start']:>9.0f} {r['peak']:>8.0f} "
          f"{r['kept']:>8.0f} {r['seconds']:>6.2f}  {r['statuses']}", flush=True)


if __name__ == "__main__":
    sys.exit(main())

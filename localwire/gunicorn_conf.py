"""gunicorn's settings for the many-machine web, from the environment (``deploy/gunicorn.conf.py``).

Why gunicorn there and waitress for ``localwire serve``: on a web machine of its own the server's
job is to keep pages coming when one process goes wrong. gunicorn's arbiter forks the workers,
replaces one that dies or stops answering its heartbeat for ``timeout`` seconds (a page stuck on a
slow query or a wedged image decode), reloads code and settings on ``HUP`` without dropping a
connection, and can retire each worker after ``max_requests`` (off by default: see below).
Waitress has none of that; it stays the embedded server of one machine, where ``serve`` adds the
crawler, the flusher and the home lock around it.

Threaded workers (``gthread``): a page mostly waits on PostgreSQL, Redis or an image host, and a
thread waiting frees the GIL for another. ``LOCALWIRE_WEB_PROCESSES`` workers of
``LOCALWIRE_WEB_THREADS`` threads each; about one process per core.
"""

from __future__ import annotations

import os

from localwire.env import env_int, env_str

bind = [env_str("LOCALWIRE_WEB_BIND", "127.0.0.1:8000")]
workers = env_int("LOCALWIRE_WEB_PROCESSES", os.cpu_count() or 1, minimum=1)
worker_class = "gthread"
threads = env_int("LOCALWIRE_WEB_THREADS", 16, minimum=1)  # the pages' 8 and the image proxy's
timeout = env_int("LOCALWIRE_WEB_TIMEOUT", 60, minimum=5)  # a worker silent this long is replaced
graceful_timeout = 30  # requests in flight at a restart or HUP get this long to finish
keepalive = 5  # behind a load balancer that keeps connections open
# Off by default: a gthread worker retiring itself closes the connections it has accepted but not
# yet read (gunicorn issue #3038), and each retirement cost a reader or two a reset connection in
# benchmarks/cluster.py. Set it only behind a proxy that retries a GET on a reset (nginx does).
max_requests = env_int("LOCALWIRE_WEB_MAX_REQUESTS", 0, minimum=0)
max_requests_jitter = max_requests // 10
# Django decides what the proxy's X-Forwarded-Proto means (LOCALWIRE_TRUST_X_FORWARDED_PROTO), not gunicorn.
secure_scheme_headers: dict = {}
forwarded_allow_ips = ""
limit_request_line = 8190
errorlog = "-"
accesslog = None  # a busy site's access log belongs to the proxy in front
wsgi_app = "localwire.wsgi:application"


def post_worker_init(worker) -> None:
    """Each worker, once it has loaded the app: what lives as long as it is kept out of the
    garbage collector's full passes (``heap.py``)."""
    from localwire import heap

    heap.freeze_when_warm()

"""``localwire serve``: the WSGI app on waitress, plus the in-process worker unless Celery runs.

One Python process uses one core for pages (the GIL). With ``processes`` above one, that many
copies of the server are forked, all accepting from the one listening socket: a copy busy with
pages (or the first, which also crawls) comes to accept later than an idle one, so new connections
go where there is room, and a copy takes one only while it holds no more open connections than the
least busy (``connection_shares.py``: a keep-alive connection stays where it landed). One queue
per copy with SO_REUSEPORT spreads connections by their address instead, and a few keep-alive
connections from a proxy can land mostly on one copy. Only the first process crawls; every process
counts its own page views and flushes them. Forking happens before any thread starts or any
database connection is opened, so the copies inherit nothing half-done.
"""

from __future__ import annotations

import errno
import logging
import os
import signal
import socket
import sys
import threading
import time

from django.conf import settings

from localwire import heap
from localwire.connection_shares import ConnectionShares, share_accepting
from localwire.metrics.flush_thread import Flusher, start_flusher

log = logging.getLogger(__name__)

THREADS = 8  # per process for pages: a page waiting on the database or the cache lets another run


def thread_count() -> int:
    """Pages' threads plus the most the image proxy may hold (its slots and as many waiting for one,
    see articles/imagefetch.py), so slow image hosts never take a thread a page or /healthz needs."""
    return THREADS + 2 * settings.LOCALWIRE_IMAGE_FETCHES


def start_worker():
    """Start the in-process worker unless a Celery broker takes the work."""
    if settings.CELERY_BROKER_URL:
        log.info("CELERY_BROKER_URL is set: feeds are polled by Celery workers, not in-process")
        return None
    from localwire.sources.context import shared_context
    from localwire.pipeline.worker import InProcessWorker

    return InProcessWorker(shared_context(), workers=settings.LOCALWIRE_WORKERS).start()


def flushers() -> tuple[Flusher, ...]:
    """What the flusher thread moves from the cache into the database, in this order; Celery beat
    runs the same list as tasks (``FLUSHERS`` in celery.py), so a new kind of note goes in both.

    Imported here rather than at the top, as ``start_worker`` does: the demo imports this module to
    check its port before Django is set up, and models can be imported only after."""
    from localwire.ads.flush import flush_ads
    from localwire.community.reading import flush_reads
    from localwire.metrics.views_flush import flush_views

    return (("view counts", flush_views), ("ad counts", flush_ads), ("reading history", flush_reads))


def start_view_flusher():
    """In every web process: with the default per-process cache the counts (and the reads noted
    for reading history) live only there."""
    if not (settings.LOCALWIRE_COUNT_VIEWS or settings.LOCALWIRE_READING_HISTORY):
        return None
    return start_flusher(flushers(), every_seconds=settings.LOCALWIRE_VIEWS_FLUSH_SECONDS)


class CannotListen(Exception):
    """The address cannot be bound; the message is one line an operator can act on."""


def serve(host: str, port: int, worker: bool = True, on_ready=None, processes: int = 1,
          listener: socket.socket | None = None, lock=None) -> None:
    """``listener`` from ``open_listener`` when the caller checked the port early (the demo does,
    before its long ingest); ``lock`` is the caller's ``instance.ServingLock``, told the real port."""
    from django.db import connections

    several = processes > 1 and hasattr(os, "fork")
    if listener is None:
        listener = open_listener(host, port)  # fails here, before anything is forked
    port = listener.getsockname()[1]  # the port the kernel chose when 0 was asked
    if lock is not None:
        lock.record_address(host, port)
    connections.close_all()  # migrations ran on this connection; no copy may share it
    shares = ConnectionShares(processes) if several else None
    children = _fork_copies(listener, processes - 1, shares) if several else []
    url = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_: _interrupt())  # stop as on Ctrl-C: copies stopped, counts flushed
    try:
        _run(listener, worker=worker, on_ready=lambda: on_ready(url) if on_ready else _announce(url, processes),
             shares=shares, slot=0)
    finally:
        _stop(children)


def _announce(url: str, processes: int) -> None:
    more = f", {processes} processes" if processes > 1 else ""
    print(f"Localwire is serving on {url}  (Ctrl-C stops{more})", flush=True)


def make_server(listener: socket.socket):
    """waitress on a listening socket, with Localwire's threads and its cap on request bodies: waitress
    would otherwise take a gigabyte a request and spool it to disk before Django sees a byte."""
    from waitress.server import create_server

    from localwire.wsgi import application

    return create_server(application, sockets=[listener], threads=thread_count(), ident="Localwire",
                         max_request_body_size=settings.LOCALWIRE_MAX_REQUEST_BYTES,
                         clear_untrusted_proxy_headers=not _proxy_trusted())


def _run(listener: socket.socket, worker: bool, on_ready=None, shares: ConnectionShares | None = None,
         slot: int = 0) -> None:
    server = make_server(listener)
    if shares is not None:
        share_accepting(server, shares, slot)
    background = start_worker() if worker else None
    stop_flusher = start_view_flusher()
    heap.freeze_when_warm()
    if on_ready:
        on_ready()
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        if background is not None:
            background.stop()
        if stop_flusher is not None:
            stop_flusher()  # the last counts reach the database


def open_listener(host: str, port: int) -> socket.socket:
    """Bind now, or raise ``CannotListen`` saying why in words (a port in use, a privileged port,
    an address this machine does not have) instead of a traceback."""
    try:
        return _listen(host, port)
    except OSError as exc:
        raise CannotListen(_why_not(host, port, exc)) from None


def _why_not(host: str, port: int, exc: OSError) -> str:
    if exc.errno == errno.EADDRINUSE:
        return (f"port {port} on {host} is in use (another program listens there: stop it, "
                "or choose another port with --port)")
    if exc.errno == errno.EACCES:
        return f"port {port} on {host} needs more privileges (ports under 1024 usually do; choose another with --port)"
    if isinstance(exc, socket.gaierror):
        return f"cannot listen on {host}: no such host name ({exc.strerror})"
    return f"cannot listen on {host} port {port}: {exc.strerror or exc}"


def _proxy_trusted() -> bool:
    """waitress deletes every X-Forwarded-* header before Django sees it unless told otherwise. When
    the operator says a proxy sets them, they are passed on, and Django's settings decide which to
    believe: the scheme (``LOCALWIRE_TRUST_X_FORWARDED_PROTO``) and the client's address for view
    counts (``LOCALWIRE_PROXY_HOPS``)."""
    return settings.LOCALWIRE_TRUST_X_FORWARDED_PROTO or settings.LOCALWIRE_PROXY_HOPS > 0


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET  # "::" or "::1": IPv6
    return socket.create_server((host, port), family=family, backlog=1024)


def _fork_copies(listener: socket.socket, count: int, shares: ConnectionShares) -> list[int]:
    parent, children = os.getpid(), []
    for slot in range(1, count + 1):
        pid = os.fork()
        if pid == 0:  # a copy: serve pages only, and stop with the parent
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group; the parent decides
            signal.signal(signal.SIGTERM, lambda *_: _interrupt())
            threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
            try:
                _run(listener, worker=False, shares=shares, slot=slot)
            except BaseException:
                log.exception("a server process stopped on an error")
                os._exit(1)
            os._exit(0)
        children.append(pid)
    return children


def _interrupt() -> None:
    raise KeyboardInterrupt  # unwinds server.run() so the view counts are flushed on the way out


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os.kill(os.getpid(), signal.SIGTERM)  # the parent died without stopping us


def _stop(children: list[int], timeout: float = 15.0) -> None:
    for pid in children:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + timeout
    for pid in children:
        while time.monotonic() < deadline:
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            time.sleep(0.05)
        else:
            print(f"localwire serve: process {pid} did not stop; killing it", file=sys.stderr)
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)

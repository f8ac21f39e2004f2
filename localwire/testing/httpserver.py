"""A small programmable HTTP server on 127.0.0.1 for tests across the project.

Tests must never touch the internet, yet the fetcher, the pipeline and the
image proxy need a real socket to talk to. Routes map a path (query string
ignored) to a handler; a handler takes a ``Request`` and returns
``(status, headers, body)``. ``body`` is either bytes (sent with a
Content-Length) or any iterable of bytes, streamed chunk by chunk as it is
produced and delimited by closing the connection, so a generator can drip
bytes with ``time.sleep`` between them, or never end::

    with LocalServer() as server:
        server.route("/feed", lambda req: (200, {"Content-Type": "application/rss+xml"}, b"<rss/>"))
        server.route("/old", lambda req: (301, {"Location": "/feed"}, b""))
        fetch(server.url("/old"))
        assert server.hits("/feed") == 1

Unrouted paths answer 404; a handler that raises answers 500 with the error.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Request:
    method: str
    path: str  # including any query string
    headers: dict[str, str]  # lower-case keys
    body: bytes = b""


Handler = Callable[[Request], "tuple[int, dict, bytes | Iterable[bytes]]"]


class LocalServer:
    def __init__(self):
        self.routes: dict[str, Handler] = {}
        self.requests: list[Request] = []  # every request received, in order
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, like real servers

            def do_GET(self):
                server._handle(self)

            do_HEAD = do_POST = do_PUT = do_DELETE = do_GET

            def log_message(self, *args):
                pass  # quiet

        class _Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                pass  # clients that hang up early are part of what the tests do

        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self.port: int = self._httpd.server_address[1]
        # A short poll interval keeps shutdown (and so each test's teardown) fast.
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=f"LocalServer:{self.port}", daemon=True)

    def url(self, path: str = "/", host: str = "127.0.0.1") -> str:
        """``http://127.0.0.1:PORT/path``; pass host="localhost" to reach it by name."""
        return f"http://{host}:{self.port}{path if path.startswith('/') else '/' + path}"

    def route(self, path: str, handler: Handler) -> None:
        self.routes[path] = handler

    def hits(self, path: str) -> int:
        return sum(1 for r in self.requests if r.path.split("?")[0] == path)

    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _handle(self, http: BaseHTTPRequestHandler) -> None:
        length = int(http.headers.get("Content-Length") or 0)
        request = Request(http.command, http.path, {k.lower(): v for k, v in http.headers.items()},
                          http.rfile.read(length) if length else b"")
        self.requests.append(request)
        handler = self.routes.get(http.path.split("?")[0])
        try:
            if handler is None:
                status, headers, body = 404, {"Content-Type": "text/plain"}, b"not found"
            else:
                status, headers, body = handler(request)
        except Exception:
            status, headers, body = 500, {"Content-Type": "text/plain"}, traceback.format_exc().encode()
        http.send_response(status)
        for key, value in headers.items():
            http.send_header(key, value)
        if isinstance(body, (bytes, bytearray)):
            if not any(k.lower() == "content-length" for k in headers):
                http.send_header("Content-Length", str(len(body)))
            http.end_headers()
            if http.command != "HEAD" and status not in (204, 304):
                http.wfile.write(body)
            return
        http.send_header("Connection", "close")
        http.end_headers()
        http.close_connection = True
        try:
            for chunk in body:
                http.wfile.write(chunk)
                http.wfile.flush()
        except OSError:
            pass  # the client gave up, which is often the point of the test

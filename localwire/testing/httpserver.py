"""A small programmable HTTP server on 127.0.0.1 for tests: routes map paths to handlers.

A handler takes a ``Request`` and returns ``(status, headers, body)``; ``body``
may be bytes or an iterable of bytes (streamed as it is produced, so a test
can drip bytes slowly or stream forever).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Iterable


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]


Handler = Callable[[Request], tuple[int, dict, "bytes | Iterable[bytes]"]]


class LocalServer:
    def __init__(self):
        self.routes: dict[str, Handler] = {}
        self.requests: list[Request] = []
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                server._handle(self)

            do_HEAD = do_GET

            def log_message(self, *args):
                pass

        class _Server(ThreadingHTTPServer):
            def handle_error(self, request, client_address):
                pass  # clients that hang up early are part of what the tests do

        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path if path.startswith('/') else '/' + path}"

    def route(self, path: str, handler: Handler) -> None:
        self.routes[path] = handler

    def hits(self, path: str) -> int:
        return sum(1 for r in self.requests if r.path.split("?")[0] == path)

    def __enter__(self) -> "LocalServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _handle(self, http: BaseHTTPRequestHandler) -> None:
        request = Request(http.command, http.path, {k.lower(): v for k, v in http.headers.items()})
        self.requests.append(request)
        handler = self.routes.get(http.path.split("?")[0])
        if handler is None:
            status, headers, body = 404, {"Content-Type": "text/plain"}, b"not found"
        else:
            status, headers, body = handler(request)
        http.send_response(status)
        streamed = not isinstance(body, (bytes, bytearray))
        for key, value in headers.items():
            http.send_header(key, value)
        if streamed:
            http.send_header("Connection", "close")
            http.end_headers()
            try:
                for chunk in body:
                    http.wfile.write(chunk)
                    http.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass
            http.close_connection = True
            return
        if "Content-Length" not in headers:
            http.send_header("Content-Length", str(len(body)))
        http.end_headers()
        if http.command != "HEAD":
            http.wfile.write(body)

"""One serving instance per ``LOCALWIRE_HOME``: the lock a running ``serve`` or ``demo`` holds.

A second server on the same home would run a second in-process worker and, for ``demo``, wipe
the database the first one is serving. So the serving process takes an advisory ``flock`` on a
file in the home for its whole life and writes who it is (pid, host, port, start) beside it, for
the refusal message. The kernel drops the lock when the process ends, however it ends (``kill -9``
included), so a lock is never stale. Copies forked by ``serve --processes`` inherit the open file
and with it the lock; they never take it themselves. Commands that only read or add work (``feeds``,
``crawl``, ``manage``…) do not take it: SQLite in WAL mode lets them run beside a server.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path

from localwire.env import ConfigError
from localwire.home import ensure_home

try:
    import fcntl
except ImportError:  # no flock (Windows): instances are not guarded there
    fcntl = None

LOCK_FILE = "serving.lock"


class HomeInUse(Exception):
    """Another live process serves this home; ``holder`` is what it wrote about itself."""

    def __init__(self, home: Path, holder: dict):
        self.home, self.holder = home, holder
        super().__init__(f"{home} is in use by {describe(holder)}")


def describe(holder: dict) -> str:
    """``localwire serve (pid 123, http://127.0.0.1:8000/, since 2026-12-01 10:00 UTC)``."""
    details = [f"pid {holder['pid']}"] if holder.get("pid") else []
    if holder.get("port") is not None:
        details.append(f"http://{holder.get('host', '127.0.0.1')}:{holder['port']}/")
    if holder.get("started"):
        details.append(f"since {holder['started']}")
    name = f"localwire {holder.get('command', 'serve')}"
    return f"{name} ({', '.join(details)})" if details else "another localwire process"


class ServingLock:
    """Held by the process that serves a home, from before it touches the database until it exits."""

    def __init__(self, home: Path, command: str):
        self.home, self.command = home, command
        self.path = home / LOCK_FILE
        self._file = None
        self._holder: dict = {}

    def acquire(self) -> "ServingLock":
        """Raise ``HomeInUse`` naming the running instance when another process holds the home,
        ``ConfigError`` when the home cannot be written."""
        try:
            handle = open(ensure_home(self.home) / LOCK_FILE, "a+", encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"LOCALWIRE_HOME: cannot write {self.path}: {exc.strerror or exc}") from None
        if fcntl is not None:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.close()
                raise HomeInUse(self.home, read_holder(self.path)) from None
        self._file = handle
        started = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        self._holder = {"pid": os.getpid(), "command": self.command, "started": started}
        self._write()
        return self

    def record_address(self, host: str, port: int) -> None:
        """Once listening: the port a second server's refusal names (the real one when 0 was asked)."""
        self._holder.update(host=host, port=port)
        self._write()

    def release(self) -> None:
        if self._file is not None:
            self._file.close()  # closing the last descriptor drops the flock
            self._file = None

    def __enter__(self) -> "ServingLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()

    def _write(self) -> None:
        if self._file is None:
            return
        self._file.seek(0)
        self._file.truncate()
        self._file.write(json.dumps(self._holder))
        self._file.flush()


def read_holder(path: Path) -> dict:
    """What the holder wrote; empty if it is between truncating and writing, or wrote nothing."""
    try:
        holder = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return {}
    return holder if isinstance(holder, dict) else {}

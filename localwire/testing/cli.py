"""The ``localwire`` command in a process of its own, as an operator runs it, for tests.

Each call gets the caller's ``LOCALWIRE_HOME`` and extra variables, and never the test run's
database or settings module: a command must find everything it needs from its home.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ANNOUNCED = re.compile(r"serving on (http://\S+?)/? ")


def command_env(home: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "LOCALWIRE_HOME": str(home), "LOCALWIRE_ANALYZE": "false"}
    for key in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "CELERY_BROKER_URL"):
        env.pop(key, None)
    return {**env, **extra}


def localwire(home: Path, *args: str, timeout: float = 120, **extra: str) -> subprocess.CompletedProcess:
    """Run to the end; the caller checks ``returncode``, ``stdout`` and ``stderr``."""
    return subprocess.run([sys.executable, "-m", "localwire", *args], env=command_env(home, **extra),
                          capture_output=True, text=True, timeout=timeout)


class Server:
    """``localwire serve`` started on port 0; ``url`` is the address it announced. Its log
    (standard error) goes to a file beside the home, read with ``log()``."""

    def __init__(self, home: Path, *args: str, **extra: str):
        self.log_path = home.parent / f"{home.name}-serve.log"
        self._log = open(self.log_path, "w", encoding="utf-8")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "localwire", "serve", "--port", "0", *args],
            env=command_env(home, **extra), stdout=subprocess.PIPE, stderr=self._log, text=True)
        self.url = self._announced()

    def _announced(self) -> str:
        for line in self.proc.stdout:  # ends when the process does
            found = ANNOUNCED.search(line)
            if found:
                return found.group(1)
        self.proc.wait(timeout=30)
        raise AssertionError(f"the server stopped before serving (exit {self.proc.returncode}):\n{self.log()}")

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def log(self) -> str:
        self._log.flush()
        return self.log_path.read_text(encoding="utf-8")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)
        self.proc.stdout.close()
        self._log.close()

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

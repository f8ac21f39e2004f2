"""Progress bars for long runs (crawls, imports), quiet when output is not a terminal."""

from __future__ import annotations

import sys

from rich.progress import BarColumn, MofNCompleteColumn, Progress as RichProgress, TextColumn
from rich.progress import TimeElapsedColumn


class Progress:
    def __init__(self, enabled: bool = True):
        self.enabled = enabled and sys.stderr.isatty()
        self._bar = None
        self._tasks: dict[str, int] = {}

    def __enter__(self) -> "Progress":
        if self.enabled:
            self._bar = RichProgress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                TimeElapsedColumn(), transient=True,
            )
            self._bar.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)

    def update(self, kind: str, done: int, total: int) -> None:
        if self._bar is None:
            return
        if kind not in self._tasks:
            self._tasks[kind] = self._bar.add_task(kind, total=total)
        self._bar.update(self._tasks[kind], completed=done, total=total)

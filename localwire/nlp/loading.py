"""Models and tables load lazily, once per process, whichever thread asks first."""

from __future__ import annotations

import threading
from typing import Callable, TypeVar

T = TypeVar("T")


def load_once(factory: Callable[[], T]) -> Callable[[], T]:
    lock = threading.Lock()
    loaded: list[T] = []

    def get() -> T:
        with lock:
            if not loaded:
                loaded.append(factory())
            return loaded[0]

    get.reset = loaded.clear  # type: ignore[attr-defined]  # for tests
    get.is_loaded = lambda: bool(loaded)  # type: ignore[attr-defined]  # for callers that must not wait
    return get

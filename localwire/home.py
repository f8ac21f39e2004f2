"""The state folder (``LOCALWIRE_HOME``): database, secret key, raw pages, caches.

Every command prepares it itself, so a new user never runs a set-up step.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

SECRET_KEY_FILE = "secret_key"
DEFAULT_HOME = "./var"  # LOCALWIRE_HOME when unset, relative to where the command runs


def home_from_env() -> Path:
    """LOCALWIRE_HOME as every part reads it, before Django's settings may be loaded."""
    return Path(os.environ.get("LOCALWIRE_HOME") or DEFAULT_HOME).expanduser().resolve()


def ensure_home(home: Path) -> Path:
    """Raise ``ConfigError`` (one line, the folder named) when the folder cannot be made."""
    from localwire.env import ConfigError

    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"LOCALWIRE_HOME: cannot make the folder {home}: {exc.strerror or exc}") from None
    return home


def load_or_create_secret_key(home: Path) -> str:
    """Generate the key once and keep it, so sessions and signed image URLs survive restarts."""
    path = ensure_home(home) / SECRET_KEY_FILE
    try:
        key = path.read_text().strip()
        if key:
            return key
    except FileNotFoundError:
        pass
    key = secrets.token_urlsafe(50)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    try:
        # Another process may have won the race; keep the first key written.
        os.link(tmp, path)
    except FileExistsError:
        key = path.read_text().strip()
    finally:
        tmp.unlink(missing_ok=True)
    return key

"""Typed readers for settings that come from the environment.

Every variable Localwire reads goes through one of these so that a bad value
fails at start-up with the variable's name in the message, not later.
"""

from __future__ import annotations

import os
from pathlib import Path


class ConfigError(Exception):
    """A setting has a value Localwire cannot use."""


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, not {value}")
    return value


def env_float(name: str, default: float, *, minimum: float | None = None) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw.strip())
    except ValueError:
        raise ConfigError(f"{name} must be a number, not {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, not {value}")
    return value


def env_list(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in env_str(name, default).split(",") if part.strip()]


def env_path(name: str, default: str) -> Path:
    return Path(env_str(name, default) or default).expanduser().resolve()


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    """One of a few words, compared without case; given back as written in ``choices``."""
    raw = env_str(name, default) or default
    for choice in choices:
        if raw.lower() == choice.lower():
            return choice
    raise ConfigError(f"{name} must be one of {', '.join(choices)}, not {raw!r}")


def env_amount(name: str, default: str) -> str:
    """An amount of money written as a plain decimal with at most two places ("1.50"), checked now
    and given back as text, so no float ever holds it."""
    from decimal import Decimal, InvalidOperation

    raw = env_str(name, default) or default
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite() or amount <= 0 or amount != amount.quantize(Decimal("0.01")):
        raise ConfigError(f"{name} must be an amount above zero with at most two decimals, e.g. 1.50, not {raw!r}")
    return raw


def env_time_zone(name: str, default: str) -> str:
    """An IANA time zone name (``Europe/Paris``), checked now rather than when Django starts."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    value = env_str(name, default) or default
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"{name} must be a time zone name like Europe/Paris or UTC, not {value!r}") from None
    return value

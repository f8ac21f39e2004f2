"""Checked changes to a publisher from the command line: each value is validated as the site would.

The slug never changes: it is in every publisher URL and in readers' follows.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from localwire.sources.models import Publisher


class InvalidEdit(ValueError):
    """A value the publisher cannot take; the message says why and what would do, and ``choices``
    the towns to pick from when a home city names several."""

    def __init__(self, message: str, choices: list[str] | None = None):
        super().__init__(message)
        self.choices = list(choices or [])


def clean_name(value: str) -> str:
    name = " ".join(value.split())
    if not name:
        raise InvalidEdit("cannot be empty")
    if len(name) > Publisher._meta.get_field("name").max_length:
        raise InvalidEdit("is longer than 200 characters")
    return name


def clean_kind(value: str) -> str:
    kind = value.strip().lower()
    if kind not in Publisher.Kind.values:
        raise InvalidEdit(f"must be one of {', '.join(Publisher.Kind.values)}, not {value!r}")
    return kind


def clean_website(value: str) -> str:
    """An absolute http(s) URL, or empty to clear it (the profile page then shows no link)."""
    website = value.strip()
    if not website:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(website)
    except ValidationError:
        raise InvalidEdit(f"must be an http:// or https:// address, not {value!r}") from None
    if len(website) > Publisher._meta.get_field("website").max_length:
        raise InvalidEdit("is longer than 500 characters")
    return website


def clean_home_city(value: str) -> str:
    """The stored form of a city the gazetteer knows exactly one of, or empty to clear it."""
    from localwire.sources.home_city import HomeCityError, home_city_value

    if not value.strip():
        return ""
    try:
        return home_city_value(value)
    except HomeCityError as exc:
        raise InvalidEdit(str(exc), exc.matches) from None


CLEANERS = {"name": clean_name, "kind": clean_kind, "website": clean_website, "home_city": clean_home_city}


def edit_publisher(publisher: Publisher, **values: str | None) -> dict[str, str]:
    """Validate every given value first, then save them together; returns what changed.

    An ``InvalidEdit`` names the option it is about: "--kind: must be one of …".
    """
    cleaned = {}
    for field, value in values.items():
        if value is None:
            continue
        try:
            cleaned[field] = CLEANERS[field](value)
        except InvalidEdit as exc:
            raise InvalidEdit(f"--{field.replace('_', '-')}: {exc}") from None
    changed = {field: value for field, value in cleaned.items() if getattr(publisher, field) != value}
    for field, value in changed.items():
        setattr(publisher, field, value)
    if changed:
        publisher.save(update_fields=list(changed))
    return changed

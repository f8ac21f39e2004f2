"""A manager's changes to their publisher's public profile: checked, saved together, logged, shown at once.

Values are checked as the operator's ``localwire publishers edit`` checks them (``sources.publisher_edit``:
the home city is read by the gazetteer, so the analyser finds the publisher's town). The slug never
changes: it is in every address and in readers' follows. A logo is an upload like a contributor's
picture (``articles.uploads``: sniffed, decoded within limits, rebuilt from pixels without EXIF) and
made at most ``LOGO_SIDE`` pixels on its long side, as it is only ever shown small.
"""

from __future__ import annotations

import dataclasses
import io

from PIL import Image

from localwire.articles.uploads import UPLOAD_URL_PREFIX, accept_upload, store_upload
from localwire.caching import pages
from localwire.publishers.audit import log_action
from localwire.sources.models import Publisher
from localwire.sources.publisher_edit import InvalidEdit, clean_home_city, clean_kind, clean_name, clean_website

ABOUT_MAX = 2000
LOGO_SIDE = 512
FIELDS = ("name", "kind", "about", "website", "home_city")


class ProfileRefused(ValueError):
    """A value the profile cannot take; ``field`` names it, ``choices`` are cities to pick from."""

    def __init__(self, field: str, message: str, choices: list[str] | None = None):
        super().__init__(message)
        self.field, self.choices = field, choices or []


def clean_about(value: str) -> str:
    """Plain text: shown escaped with its paragraphs; control characters other than newlines dropped."""
    text = "".join(c for c in value.replace("\r\n", "\n") if c == "\n" or c == "\t" or c.isprintable())
    text = text.strip()
    if len(text) > ABOUT_MAX:
        raise InvalidEdit(f"is longer than {ABOUT_MAX} characters")
    return text


CLEANERS = {"name": clean_name, "kind": clean_kind, "about": clean_about, "website": clean_website,
            "home_city": clean_home_city}


def _sentence(field: str, message: str) -> str:
    """"Website must be an http:// …."; the gazetteer's messages about a home city are whole sentences."""
    return message if field == "home_city" else f"{field.replace('_', ' ').capitalize()} {message}."


def _cleaned(publisher: Publisher, values: dict) -> dict[str, str]:
    cleaned = {}
    for name, value in values.items():
        if value is None or name not in CLEANERS:
            continue
        if name == "home_city" and value.strip() == publisher.home_city:
            cleaned[name] = publisher.home_city  # as stored, not read again
            continue
        try:
            cleaned[name] = CLEANERS[name](str(value))
        except InvalidEdit as exc:
            raise ProfileRefused(name, _sentence(name, str(exc)), exc.choices) from None
    if "name" in cleaned and Publisher.objects.filter(name=cleaned["name"]).exclude(pk=publisher.pk).exists():
        raise ProfileRefused("name", "Another publisher already goes by this name.")
    return cleaned


def update_profile(publisher: Publisher, user, **values) -> dict[str, list[str]]:
    """Check every given value, then save them together; returns ``{field: [before, after]}`` of what changed."""
    cleaned = _cleaned(publisher, values)
    changes = {name: [getattr(publisher, name), value] for name, value in cleaned.items()
               if getattr(publisher, name) != value}
    if not changes:
        return {}
    for name, (_, after) in changes.items():
        setattr(publisher, name, after)
    publisher.save(update_fields=list(changes))
    log_action(publisher, user, "profile.update", changes=changes)
    pages.changed()
    return changes


def logo_url(publisher: Publisher) -> str:
    return UPLOAD_URL_PREFIX + publisher.logo if publisher.logo else ""


def set_logo(publisher: Publisher, user, data: bytes) -> str:
    """Store ``data`` as the publisher's logo (or ``UploadRefused`` saying why not); returns its address."""
    upload = _smaller(accept_upload(data, caption=f"{publisher.name} logo", credit=publisher.name))
    name = store_upload(upload)
    before = publisher.logo
    Publisher.objects.filter(pk=publisher.pk).update(logo=name)
    publisher.logo = name
    log_action(publisher, user, "profile.logo", before=before, after=name, width=upload.width, height=upload.height)
    pages.changed()
    return logo_url(publisher)


def remove_logo(publisher: Publisher, user) -> bool:
    if not publisher.logo:
        return False
    before, publisher.logo = publisher.logo, ""
    Publisher.objects.filter(pk=publisher.pk).update(logo="")
    log_action(publisher, user, "profile.logo", before=before, after="")
    pages.changed()
    return True


def _smaller(upload):
    """The clean upload at most ``LOGO_SIDE`` on its long side; it is decoded already, within limits."""
    if max(upload.width, upload.height) <= LOGO_SIDE:
        return upload
    with Image.open(io.BytesIO(upload.data)) as img:
        img.thumbnail((LOGO_SIDE, LOGO_SIDE), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        if upload.extension == "png":
            img.save(out, "PNG", optimize=True)
        else:
            img.save(out, "JPEG", quality=85, optimize=True, progressive=True)
        size = img.size
    return dataclasses.replace(upload, data=out.getvalue(), width=size[0], height=size[1])


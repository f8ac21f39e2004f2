"""Where a campaign may show: gazetteer towns (with a radius) and channels, never a person.

A place is stored as the town the gazetteer settled on, ``{geonameid, label, lat, lon}``, so
delivery measures distances without loading the gazetteer. A typed name is never silently turned
into one of several towns: "Springfield" is refused with every Springfield offered. Channels are
stored by their canonical ``kind/slug`` key; an alias left by a merge is followed to its channel.
"""

from __future__ import annotations

from localwire.ads.accounts import Refused
from localwire.channels.queries import channel_or_alias
from localwire.nlp.cities import look_up

MAX_PLACES = 20
MAX_CHANNELS = 20
RADIUS_DEFAULT, RADIUS_MIN, RADIUS_MAX = 25, 1, 300


def _as_list(value, field: str, what: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.splitlines()
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise Refused(f"{what} must be a list of texts.", field)
    return list(dict.fromkeys(" ".join(v.split()) for v in value if v.strip()))


def clean_places(labels, known: list[dict] = ()) -> list[dict]:
    """Each label's one town; ``Refused`` naming the first that is unknown or stands for several.
    A label of a town the campaign already has (``known``) keeps that town without a look-up."""
    found = []
    stored = {place.get("label"): place for place in known or []}
    for label in _as_list(labels, "targeting.places", "Places"):
        if label in stored:
            if stored[label]["geonameid"] not in {p["geonameid"] for p in found}:
                found.append(stored[label])
            continue
        match = look_up(label)
        if match.city is None and match.choices:
            offered = tuple(city.label for city in match.choices)
            raise Refused(f"Place “{label}”: {match.message} Choices: {'; '.join(offered)}.",
                          "targeting.places", offered)
        if match.city is None:
            raise Refused(f"Place “{label}”: {match.message}", "targeting.places")
        city = match.city
        if city.geonameid not in {p["geonameid"] for p in found}:
            found.append({"geonameid": city.geonameid, "label": city.label, "lat": city.lat, "lon": city.lon})
    if len(found) > MAX_PLACES:
        raise Refused(f"At most {MAX_PLACES} places per campaign.", "targeting.places")
    return found


def clean_channels(keys) -> list[str]:
    """Canonical ``kind/slug`` keys of existing channels (a channel page's path, ``/c/topic/sports/``,
    is accepted too: people copy it from the address bar)."""
    found: list[str] = []
    for key in _as_list(keys, "targeting.channels", "Channels"):
        kind, _, slug = key.strip("/").removeprefix("c/").partition("/")
        channel, _alias = channel_or_alias(kind, slug) if kind and slug else (None, False)
        if channel is None:
            raise Refused(f"Channel “{key}” is not one of ours: write it as kind/slug, e.g. topic/sports "
                          "or city/little-rock-ar-us (the end of a channel page's address).",
                          "targeting.channels")
        canonical = f"{channel.kind}/{channel.slug}"
        if canonical not in found:
            found.append(canonical)
    if len(found) > MAX_CHANNELS:
        raise Refused(f"At most {MAX_CHANNELS} channels per campaign.", "targeting.channels")
    return found


def clean_radius(value) -> float:
    if value is None or value == "":
        return float(RADIUS_DEFAULT)
    try:
        radius = float(str(value).strip()) if not isinstance(value, bool) else None
    except ValueError:
        radius = None
    if radius is None or not RADIUS_MIN <= radius <= RADIUS_MAX:
        raise Refused(f"The radius is a number of kilometres from {RADIUS_MIN} to {RADIUS_MAX}.",
                      "targeting.radius_km")
    return radius


def clean_targeting(data: dict, known: list[dict] = ()) -> dict:
    """``{places, radius_km, channels}`` as stored; at least one place or channel."""
    if not isinstance(data, dict):
        raise Refused("Targeting must be an object with places and/or channels.", "targeting")
    places = clean_places(data.get("places"), known)
    channels = clean_channels(data.get("channels"))
    if not places and not channels:
        raise Refused("Give at least one place or one channel to show the ad on.", "targeting")
    return {"places": places, "radius_km": clean_radius(data.get("radius_km")), "channels": channels}


def place_labels(places: list[dict]) -> list[str]:
    return [place.get("label", "") for place in places or []]

"""A contributor's standing read from the database: their strikes turned into ``strikes.StrikeFact``."""

from __future__ import annotations

from datetime import datetime

from localwire.contributors import strikes
from localwire.contributors.models import Contributor, Strike


def facts_of(contributor: Contributor) -> list[strikes.StrikeFact]:
    rows = Strike.objects.filter(contributor=contributor).values_list("at", "overturned_at")
    return [strikes.StrikeFact(at=at, overturned=overturned is not None) for at, overturned in rows]


def standing_of(contributor: Contributor, now: datetime) -> strikes.Standing:
    return strikes.standing(facts_of(contributor), now)

"""The strike rules as plain functions over plain data: no database, so every rule is tested alone.

The rules, exactly:

- A strike counts unless a moderator overturned it on appeal.
- Strikes run in a *streak*. Good standing begins at the latest strike of the streak, or at the end
  of the suspension it brought, whichever is later. After ``GOOD_STANDING`` (90 days) of good
  standing with no new strike, the streak expires: its strikes stop being active, and a later strike
  starts a new streak at one.
- The active strikes are those of the streak that has not expired. One is a warning; the second
  suspends the contributor for ``SUSPENSION`` (7 days) from the moment of the second strike; the third
  ends their publishing. Ending is final: it does not expire, and only overturning a strike of the
  streak (on appeal) lifts it, as the status is always worked out again from the strikes that count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

GOOD_STANDING = timedelta(days=90)
SUSPENSION = timedelta(days=7)
WARNING, SUSPEND, END = 1, 2, 3  # active strikes at which each step is taken

ACTIVE, SUSPENDED, ENDED = "active", "suspended", "ended"  # Contributor.Status values


@dataclass(frozen=True)
class StrikeFact:
    """What the rules need of a strike."""

    at: datetime
    overturned: bool = False


@dataclass(frozen=True)
class Standing:
    strikes_active: int
    status: str  # "active" (with a warning when strikes_active is 1), "suspended" or "ended"
    suspended_until: datetime | None = None
    clears_at: datetime | None = None  # when the active strikes expire, if nothing else happens

    @property
    def warned(self) -> bool:
        return self.strikes_active == WARNING and self.status == ACTIVE


def _suspension_end(streak: list[datetime]) -> datetime | None:
    return streak[SUSPEND - 1] + SUSPENSION if len(streak) >= SUSPEND else None


def _good_from(streak: list[datetime]) -> datetime:
    """When the streak's good standing begins: its latest strike, or the end of its suspension."""
    end = _suspension_end(streak)
    return max(streak[-1], end) if end else streak[-1]


def current_streak(facts: list[StrikeFact], now: datetime) -> list[datetime]:
    """The times of the strikes still active at ``now``, oldest first (empty when none are)."""
    streak: list[datetime] = []
    for at in sorted(f.at for f in facts if not f.overturned and f.at <= now):
        if streak and len(streak) < END and at >= _good_from(streak) + GOOD_STANDING:
            streak = []
        streak.append(at)
    if streak and len(streak) < END and now >= _good_from(streak) + GOOD_STANDING:
        return []
    return streak


def standing(facts: list[StrikeFact], now: datetime) -> Standing:
    """Where a contributor stands at ``now``, from every strike they were given."""
    streak = current_streak(facts, now)
    if not streak:
        return Standing(0, ACTIVE)
    if len(streak) >= END:
        return Standing(len(streak), ENDED)
    until = _suspension_end(streak)
    clears = _good_from(streak) + GOOD_STANDING
    if until and now < until:
        return Standing(len(streak), SUSPENDED, suspended_until=until, clears_at=clears)
    return Standing(len(streak), ACTIVE, clears_at=clears)

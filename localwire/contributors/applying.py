"""Applying with what a reader typed: the one function the API and the /contributors form share."""

from __future__ import annotations

from localwire.contributors import actions
from localwire.contributors.models import Contributor
from localwire.nlp import cities


class CityRefused(actions.Refused):
    """The home city is unknown or several towns share its name; ``choices`` are the candidates'
    labels, one of which the reader sends back."""

    def __init__(self, message: str, choices: list[str]):
        super().__init__(message)
        self.choices = choices


def apply_typed(user, name: str, bio: str, home_city: str, evidence=()) -> Contributor:
    """Read the home city as the gazetteer labels it (never guessing among towns of one name), then
    apply. Raises ``actions.Conflict`` for a second application and ``actions.Refused`` (or
    ``CityRefused``) for input that breaks a rule."""
    if Contributor.objects.filter(user=user).exists():
        raise actions.Conflict("You are already a contributor.")
    match = cities.look_up(home_city or "")
    if match.city is None:
        raise CityRefused(match.message, [c.label for c in match.choices])
    return actions.apply(user, actions.Application(name=name or "", bio=bio or "", city=match.city,
                                                   evidence=tuple(evidence or ())))

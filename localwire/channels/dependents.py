"""What else moves when channels are merged or split: rows of the apps built on channels.

Channels sit below the apps whose rows point at them (community's follows and mutes), so they
cannot name those apps. Each such app registers here, in its ``AppConfig.ready()``, what to do
with its rows when an operator or a newer analyser merges one channel into another
(``actions.merge_channels``) or splits one into several (``successors.settle``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from localwire.channels.models import Channel


@dataclass(frozen=True)
class Dependent:
    """One app's rows that follow a channel wherever it goes."""

    merged: Callable[[Channel, Channel], object]  # (source, target), inside the merge's transaction
    split: Callable[[Channel, list[Channel]], object]  # (source, its successors)


_dependents: dict[str, Dependent] = {}


def register(name: str, dependent: Dependent) -> None:
    """Registering a name again replaces what it registered (``ready()`` may run more than once)."""
    _dependents[name] = dependent


def carry_merge(source: Channel, target: Channel) -> None:
    for dependent in _dependents.values():
        dependent.merged(source, target)


def carry_split(source: Channel, targets: list[Channel]) -> None:
    for dependent in _dependents.values():
        dependent.split(source, targets)
